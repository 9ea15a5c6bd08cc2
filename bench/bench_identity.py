"""One node per document at scale: the corpus pass (resolve_corpus: named laws, OCR snaps, copies by
MinHash/LSH) over 100,000 synthetic documents, a tenth of them copies, a tenth without a symbol, beside
the graph build of as many documents without copies, in the same run.

Documents come from pipeline.demo.synthetic (rendered texts, their references as the generator knows
them: no extraction). Each pass runs in a child process so its peak memory (ru_maxrss) is its own.
The graph build is bench_graph's (build_graph + write_graph, tables of the same number of documents and
eight references each). BENCH_IDENTITY_DOCS changes the size (default 20,000 so that `make bench` stays
short; the issue's figure is BENCH_IDENTITY_DOCS=100000).
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

N_DOCS = int(os.environ.get("BENCH_IDENTITY_DOCS", "20000"))
REFS_PER_DOC = 8

_CHILD = r"""
import json, random, sys, time
from pipeline.demo import synthetic
from pipeline.model import DocumentInfo, ExtractionResult, Reference
from pipeline.copies import signature
from pipeline.resolve import resolve_corpus

n = int(sys.argv[1])
originals = n - n // 10
t = time.perf_counter()
world, ingested = synthetic._world_for(originals, 8.0, 7)
rng = random.Random(11)
results, texts = [], {}
for k, i in enumerate(ingested):
    doc = world.docs[i]
    text, refs, _chains = synthetic.render(world, i, rng)
    no_symbol = k % 10 == 0  # a tenth known only by their text
    d = DocumentInfo(id=f"syn_{k:06d}", source=f"syn_{k:06d}.txt", type=doc.type,
                     symbol=None if no_symbol else doc.symbol, date=doc.date.isoformat(),
                     issuer=doc.issuer_written(), issuer_body=doc.canonical, issuer_level=doc.level,
                     jurisdiction=doc.place)
    rs = [Reference(start=r["start"], end=r["end"], text=r["anchor"], kind=r["kind"], type=r["type"],
                    symbol=r["symbol"], number=r["number"], date=r["date"], issuer=r["issuer"],
                    issuer_body=r["issuer"], issuer_level=r["issuer_level"], relation=r["relation"],
                    target=r["target"], sentence=r.get("sentence", "")) for r in refs]
    res = ExtractionResult(document=d, text="", references=rs)
    results.append(res)
    texts[d.id] = text
generate_s = time.perf_counter() - t
# Copies: a tenth again, each the same document in another file (a scan: a few characters read wrong).
for j in range(n - originals):
    src = results[rng.randrange(len(results))]
    d = DocumentInfo(**{**src.document.__dict__, "id": f"copy_{j:06d}", "source": f"copy_{j:06d}.pdf", "ocr_pages": [1]})
    text = texts[src.document.id].replace("ệ", "e", 2)
    results.append(ExtractionResult(document=d, text="", references=list(src.references)))
    texts[d.id] = text
t = time.perf_counter()
no_sym = [r for r in results if not r.document.symbol]
for r in no_sym:
    r.signature = signature(texts[r.document.id])
sig_s = time.perf_counter() - t
del texts
t, c = time.perf_counter(), time.process_time()
doc_nodes, targets, chains, table = resolve_corpus(results)
out = {"documents": len(results), "references": sum(len(r.references) for r in results),
       "without_symbol": len(no_sym), "generate_s": generate_s, "signature_ms": 1000 * sig_s / max(1, len(no_sym)),
       "resolve_s": time.perf_counter() - t, "resolve_cpu_s": time.process_time() - c,
       "nodes": len(set(doc_nodes.values())), "copies_joined": len(table.copies), "snapped": len(table.snapped)}
print(json.dumps(out))
"""


def run() -> list[tuple[str, str, str]]:
    wrapper = (
        "import resource, subprocess, sys, json;"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
        "sys.stderr.write(p.stderr[-3000:]);"
        "print(json.dumps({'rc': p.returncode, 'out': p.stdout,"
        " 'rss_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-c", _CHILD, str(N_DOCS)],
                          capture_output=True, text=True, cwd=root)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    report = json.loads(done.stdout.strip().splitlines()[-1])
    if report["rc"] != 0:
        raise RuntimeError(done.stderr[-2000:] or "the child failed")
    out = json.loads(report["out"].strip().splitlines()[-1])
    mb = report["rss_kb"] / 1024
    graph = _graph_build(N_DOCS)
    return [
        ("synthetic corpus", f"{out['generate_s']:.1f} s",
         f"{out['documents']:,} documents (a tenth copies), {out['references']:,} references"),
        ("MinHash signature", f"{out['signature_ms']:.2f} ms", f"per document without a symbol "
         f"({out['without_symbol']:,}); computed once per file, at extraction"),
        ("resolve_corpus", f"{out['resolve_s']:.1f} s", f"CPU {out['resolve_cpu_s']:.1f} s; {out['nodes']:,} document "
         f"nodes, {out['copies_joined']:,} files joined as copies by text, {out['snapped']:,} OCR snaps"),
        ("peak memory", f"{mb:,.0f} MB", "generation + signatures + corpus pass, child process ru_maxrss"),
        ("graph build, no copies", f"{graph['build_s']:.1f} s",
         f"CPU {graph['build_cpu_s']:.1f} s; {graph['documents']:,} documents, {graph['references']:,} references; "
         f"+ write {graph['write_s']:.1f} s"),
        ("graph build peak memory", f"{graph['mb']:,.0f} MB", "read + build + write, child process ru_maxrss"),
        ("corpus pass / graph build", f"{out['resolve_s'] / max(graph['build_s'] + graph['write_s'], 1e-9):.2f}x",
         f"time (CPU {out['resolve_cpu_s'] / max(graph['build_cpu_s'], 1e-9):.2f}x the build's CPU); memory "
         f"{mb / max(graph['mb'], 1e-9):.2f}x"),
        ("load average (1 min)", f"{os.getloadavg()[0]:.1f}", f"on {os.cpu_count()} cores"),
    ]


def _graph_build(n_docs: int) -> dict:
    """bench_graph's build stage on tables of n_docs documents (no copies), in its own child process."""
    import tempfile

    from bench.bench_graph import _child

    with tempfile.TemporaryDirectory(prefix="bench_identity_graph_") as tmp:
        gen, _ = _child("generate", Path(tmp), str(n_docs), str(REFS_PER_DOC * n_docs))
        build, mb = _child("build", Path(tmp))
    return {"documents": gen["documents"], "references": gen["references"], "build_s": build["build_s"],
            "build_cpu_s": build["build_cpu_s"], "write_s": build["write_s"], "mb": mb}


if __name__ == "__main__":
    for row in run():
        print(*row, sep="  ")
