"""Extraction speed on one core: text -> references (fields, relations), against a bare regex scan.

Measured side by side in this run, CPU time (best of 3), on two texts: the real corpus (seeds and web
documents, about one reference per KB) and a synthetic corpus (pipeline.demo.synthetic, about five per KB).

Issue 17's figures, per document: `extract_text` (target >= 3 MB/s) and `get_references` (>= 5 MB/s) beside
a bare SYMBOL_RE scan of the same documents, and `directives extract` on 10 MB of text as a whole process,
start-up included (>= 3 MB/s), beside the same command on a one-line file (its start-up alone) and with one
process (`--workers 1`: what the processes sharing the file's documents add). They run on
the folder of .txt documents that BENCH_REAL_TEXTS names (e.g. corpus-real/texts: nothing here reads a
corpus outside the project otherwise), else on the synthetic corpus, and say which.
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _best(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return max(best, 1e-9)


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _whole_process(path: Path, workers: int = 0) -> tuple[float, float]:
    """(wall, CPU) seconds of `directives extract --format json --workers N PATH`, output to /dev/null
    (CPU: the command's and its worker processes')."""
    cpu, wall = _children_cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", "--format", "json", "--workers", str(workers),
                    str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, cwd=ROOT)
    return time.perf_counter() - wall, _children_cpu() - cpu


def per_document(docs: list[str], name: str, tmp: Path) -> list[tuple[str, str, str]]:
    """Issue 17's figures on `docs`, one call per document."""
    from pipeline.extract import extract_text, get_references
    from pipeline.patterns import SYMBOL_RE

    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    get_references(docs[0])  # imports and lazy compilation out of the timing
    regex = _best(lambda: [SYMBOL_RE.findall(d) for d in docs], repeat=1)
    refs = _best(lambda: [get_references(d, sentences=False) for d in docs], repeat=1)
    whole = _best(lambda: [extract_text(d) for d in docs], repeat=1)
    rows = [
        (f"{name}: bare regex scan per document (SYMBOL_RE)", f"{mb / regex:.1f} MB/s", f"{mb:.1f} MB, {len(docs)} documents"),
        (f"{name}: get_references per document", f"{mb / refs:.2f} MB/s",
         f"target >= 5 MB/s; {regex / refs * 100:.1f}% of the regex scan"),
        (f"{name}: extract_text per document", f"{mb / whole:.2f} MB/s",
         "target >= 3 MB/s; repair, structure, own metadata, references, relations, sentences"),
    ]
    # 10 MB of the same documents in one file, through the command line, start-up included.
    big, size = [], 0
    for d in docs * (1 + 10_000_000 // max(1, int(mb * 1e6))):
        big.append(d)
        size += len(d.encode("utf-8")) + 2
        if size >= 10_000_000:
            break
    path, tiny = tmp / "ten-mb.txt", tmp / "one-line.txt"
    path.write_text("\n\n".join(big), encoding="utf-8")
    tiny.write_text("Căn cứ Nghị quyết số 25-NQ/TW.\n", encoding="utf-8")
    from pipeline.document import usable_cores

    start_wall, start_cpu = _whole_process(tiny)
    # One process, then one per core (the default): alternately, so that both see the same load.
    one_wall, one_cpu = _whole_process(path, workers=1)
    wall, cpu = _whole_process(path)
    size = path.stat().st_size / 1e6
    cores = usable_cores()
    rows += [
        (f"{name}: directives extract, one-line file", f"{start_wall:.2f} s", f"start-up alone; CPU {start_cpu:.2f} s"),
        (f"{name}: directives extract --workers 1, {size:.0f} MB file", f"{size / one_wall:.2f} MB/s",
         f"one process; CPU {size / one_cpu:.2f} MB/s ({one_cpu:.1f} s)"),
        (f"{name}: directives extract, {size:.0f} MB file", f"{size / wall:.2f} MB/s",
         f"target >= 3 MB/s, whole process, its documents shared by {cores} processes (one per core); "
         f"{one_wall / wall:.2f}x one process's wall; CPU {cpu:.1f} s"),
    ]
    return rows


def run() -> list[tuple[str, str, str]]:
    import tempfile

    from pipeline.document import analyze_text
    from pipeline.extract import get_references
    from pipeline.normalize import clean_text
    from pipeline.patterns import SYMBOL_RE
    from pipeline.demo.synthetic import write_corpus

    real = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(tmp, 200, seed=3)
        synthetic = [p.read_text(encoding="utf-8") for p in sorted(Path(tmp).glob("*.txt"))]
    rows = []
    folder = os.environ.get("BENCH_REAL_TEXTS")
    with tempfile.TemporaryDirectory() as tmp:
        if folder:
            docs = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
            rows += per_document(docs, f"{Path(folder).name} (BENCH_REAL_TEXTS)", Path(tmp))
        else:
            rows += per_document(synthetic, "synthetic (set BENCH_REAL_TEXTS for a real corpus)", Path(tmp))
    get_references(real[1])  # imports and lazy compilation out of the timing
    for name, docs in (("real corpus x10", real * 10), ("synthetic", synthetic)):
        text = "\n\n".join(docs)
        mb = len(text.encode("utf-8")) / 1e6
        n = len(get_references(text, sentences=False))
        regex = _best(lambda: SYMBOL_RE.findall(text))
        refs = _best(lambda: get_references(text, sentences=False))
        with_sentences = _best(lambda: get_references(text), repeat=1)
        repair = _best(lambda: clean_text(text))
        whole = _best(lambda: [analyze_text(d) for d in docs], repeat=1)
        rows += [
            (f"{name}: bare regex scan (SYMBOL_RE)", f"{mb / regex:.1f} MB/s", f"{mb:.2f} MB, {n} references"),
            (f"{name}: extraction (get_references)", f"{mb / refs:.2f} MB/s",
             f"references with type, symbol, date, issuer, relation; {regex / refs * 100:.1f}% of the regex speed"),
            (f"{name}: + underthesea sentences", f"{mb / with_sentences:.2f} MB/s", "each reference carries its sentence"),
            (f"{name}: text repair (clean_text)", f"{mb / repair:.1f} MB/s", "NFC, legacy encodings, diacritics"),
            (f"{name}: analyze_text per document", f"{mb / whole:.2f} MB/s",
             "repair, structure, own metadata, references, sentences, resolution"),
        ]
    return rows
