"""Citation graph at scale: build, write, load and query BENCH_SIZE documents with ten references each.

The tables come from pipeline.demo.synthetic (no extraction). Each stage runs in its own child process so
its peak memory (ru_maxrss of the child) is its own. BENCH_SIZE (default 20,000 documents, so that `make
bench` ends in minutes) sets the size; issue 17's figures are at BENCH_SIZE=100000 (1M edges; about half an
hour on 2 cores). BENCH_GRAPH_DOCS / BENCH_GRAPH_REFS set documents and references apart.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

N_DOCS = int(os.environ.get("BENCH_GRAPH_DOCS") or os.environ.get("BENCH_SIZE") or "20000")
N_REFS = int(os.environ.get("BENCH_GRAPH_REFS") or 10 * N_DOCS)

_CHILD = r"""
import json, os, sys, time
from pathlib import Path
import pandas as pd
stage, folder = sys.argv[1], Path(sys.argv[2])
out = {}
t = time.perf_counter()
if stage == "generate":
    from pipeline.demo import synthetic
    d, r, c = synthetic.frames(int(sys.argv[3]), int(sys.argv[4]), seed=7)
    d.to_parquet(folder / "documents.parquet"); r.to_parquet(folder / "references.parquet")
    c.to_parquet(folder / "chains.parquet")
    out["documents"], out["references"], out["chains"] = len(d), len(r), len(c)
elif stage == "build":
    from graph.build import build_graph, write_graph
    d = pd.read_parquet(folder / "documents.parquet"); r = pd.read_parquet(folder / "references.parquet")
    c = pd.read_parquet(folder / "chains.parquet")
    out["read_s"] = time.perf_counter() - t
    t1, c1 = time.perf_counter(), time.process_time()
    cg = build_graph(d, r, c)
    out["build_s"], out["build_cpu_s"] = time.perf_counter() - t1, time.process_time() - c1
    out["nodes"], out["edges"] = cg.g.number_of_nodes(), cg.g.number_of_edges()
    t1 = time.perf_counter()
    write_graph(cg, folder / "out", graphml=False)
    out["write_s"] = time.perf_counter() - t1
    t1 = time.perf_counter()
    write_graph(cg, folder / "out")
    out["write_graphml_s"] = time.perf_counter() - t1
    # the same tables, each format on its own: Parquet files vs the streamed GraphML
    from graph.build import write_graphml_file
    from graph.citation_graph import table_of_nodes
    from graph.schema import EDGE_COLUMNS
    t1 = time.perf_counter()
    nodes, edges = cg.nodes_frame(extra=True), cg.edges_frame(extra=True)
    out["frames_s"] = time.perf_counter() - t1
    # Each format written REPEAT times, alternately (the machine is shared, and the kernel's cost of
    # a write depends on the page cache of the moment): each file to a new name, removed once measured.
    def parquet(k):
        table_of_nodes(nodes).to_parquet(folder / f"n{k}.parquet", index=False)
        edges[EDGE_COLUMNS].to_parquet(folder / f"e{k}.parquet", index=False)
        return [folder / f"n{k}.parquet", folder / f"e{k}.parquet"]
    def graphml(k):
        write_graphml_file(cg, folder / f"g{k}.graphml", nodes, edges)
        return [folder / f"g{k}.graphml"]
    pairs = []
    for k in range(int(os.environ.get("BENCH_GRAPH_REPEAT", "3"))):
        pair = []
        for write in (parquet, graphml):
            t1, c1, o1 = time.perf_counter(), time.process_time(), os.times()
            files = write(k)
            o2 = os.times()  # user and kernel apart: the kernel's page-cache write grows with the file's bytes
            pair.append((time.perf_counter() - t1, time.process_time() - c1, sum(p.stat().st_size for p in files),
                         o2.user - o1.user, o2.system - o1.system))
            for p in files:
                p.unlink()
        pairs.append(pair)
    out["write_pairs"] = pairs
    if os.environ.get("BENCH_GRAPH_NETWORKX"):  # the writer it replaced, for the record (minutes at 1M edges)
        import networkx as nx
        from graph.build import flat_graph
        t1 = time.perf_counter()
        nx.write_graphml(flat_graph(cg.g), folder / "nx.graphml")
        out["networkx_graphml_s"] = time.perf_counter() - t1
elif stage == "query":
    import graph
    from graph import query as q
    c1 = time.process_time()
    cg = graph.load(folder / "out")
    out["load_s"], out["load_cpu_s"] = time.perf_counter() - t, time.process_time() - c1
    edges = pd.read_parquet(folder / "out" / "edges.parquet", columns=["source", "target", "relation"])
    top = edges[edges.relation == "implements"].target.value_counts().index[0]
    plan = edges[(edges.relation == "implements")].source.iloc[len(edges) // 20 % 1000]
    sym = cg.nodes[top]["symbol"]
    number = sym.split("-")[0].split("/")[0].lstrip("0")
    typ = cg.nodes[top]["type"]
    timings = {}
    def timed(name, fn):
        t1, c1 = time.perf_counter(), time.process_time(); df = fn()
        timings[name] = (time.perf_counter() - t1, time.process_time() - c1, len(df))
    timed("find (first, builds the index)", lambda: q.find(cg, sym))
    timed("find symbol", lambda: q.find(cg, sym))
    free = f"{typ} {number} của {cg.nodes[top]['issuer']}"
    timed("find free text (first: imports the extractor)", lambda: q.find(cg, free))
    timed("find free text", lambda: q.find(cg, free))
    timed("cites", lambda: q.cites(cg, plan))
    timed("cited-by (most implemented)", lambda: q.cited_by(cg, top))
    # the first walk makes the arrays of the serving edges (once per graph); the figure is the walk itself
    timed("implementers, first (makes the walk's arrays)", lambda: q.implementers(cg, top))
    timed("implementers (most implemented)", lambda: q.implementers(cg, top))
    timed("chain", lambda: q.chain(cg, plan))
    timed("issuers", lambda: q.issuers(cg))
    timed("timeline (most implemented)", lambda: q.timeline(cg, top))
    # graph.load leaves networkx's dicts to the first caller of cg.g (no query above needs them)
    timed("cg.g, the networkx graph (first use)", lambda: cg.g)
    out["queries"] = timings
out["total_s"] = time.perf_counter() - t
print(json.dumps(out))
"""


def _child(stage: str, folder: Path, *args: str) -> tuple[dict, float]:
    """Run one stage in a fresh interpreter; its result and its own peak RSS in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of RUSAGE_CHILDREN is the largest child so far: run the stage through a wrapper
    # process so each measure starts from zero.
    wrapper = (
        "import resource, subprocess, sys, json;"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
        "sys.stderr.write(p.stderr);"
        "print(json.dumps({'rc': p.returncode, 'out': p.stdout,"
        " 'rss_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))"
    )
    cmd = [sys.executable, "-c", wrapper, sys.executable, "-c", _CHILD, stage, str(folder), *args]
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=root)
    del before
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    report = json.loads(done.stdout.strip().splitlines()[-1])
    if report["rc"] != 0:
        raise RuntimeError(f"{stage} failed")
    return json.loads(report["out"].strip().splitlines()[-1]), report["rss_kb"] / 1024


def run() -> list[tuple[str, str, str]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench_graph_") as tmp:
        folder = Path(tmp)
        gen, gen_mb = _child("generate", folder, str(N_DOCS), str(N_REFS))
        rows.append(("synthetic tables", f"{gen['total_s']:.1f} s",
                     f"{gen['documents']:,} documents, {gen['references']:,} references, {gen['chains']:,} chains; "
                     f"peak {gen_mb:,.0f} MB"))
        build, build_mb = _child("build", folder)
        rows.append(("build_graph", f"{build['build_s']:.1f} s",
                     f"{build['nodes']:,} nodes, {build['edges']:,} edges ({build['edges'] / build['build_s']:,.0f} "
                     f"edges/s); CPU {build['build_cpu_s']:.1f} s; reading the tables {build['read_s']:.1f} s"))
        rows.append(("build peak memory", f"{build_mb:,.0f} MB", "read + build + write, child process ru_maxrss"))
        rows.append(("write nodes/edges.parquet", f"{build['write_s']:.1f} s", "write_graph(graphml=False): tables + files"))
        rows.append(("write with graph.graphml", f"{build['write_graphml_s']:.1f} s",
                     f"{build['write_graphml_s'] / max(build['write_s'], 1e-9):.1f}x parquet only (target <= 2x)"))
        rows.append(("  the graph's tables", f"{build['frames_s']:.1f} s", "nodes/edges frames, shared by both formats"))
        # the pair of median wall time: its two figures are issue 17's GraphML ratio (bench/__main__.py)
        pairs = sorted(build["write_pairs"], key=lambda p: p[1][0] / max(p[0][0], 1e-9))
        (pq_s, pq_cpu, pq_bytes, pq_user, pq_sys), (gm_s, gm_cpu, gm_bytes, gm_user, gm_sys) = pairs[len(pairs) // 2]
        walls = ", ".join(f"{g[0] / max(p[0], 1e-9):.2f}" for p, g in build["write_pairs"])
        cpus = ", ".join(f"{g[1] / max(p[1], 1e-9):.2f}" for p, g in build["write_pairs"])
        rows.append(("  Parquet files of them", f"{pq_s:.2f} s",
                     f"CPU {pq_cpu:.2f} s (user {pq_user:.2f}, kernel {pq_sys:.2f}); {pq_bytes / 1e6:,.0f} MB "
                     f"(snappy, as write_graph writes them); "
                     f"the same nodes and edges as the GraphML"))
        rows.append(("  graph.graphml of them", f"{gm_s:.2f} s",
                     f"CPU {gm_cpu:.2f} s (user {gm_user:.2f}, kernel {gm_sys:.2f}); {gm_bytes / 1e6:,.0f} MB; "
                     f"{gm_s / max(pq_s, 1e-9):.2f}x the Parquet files "
                     f"(median of {len(pairs)} pairs written alternately; wall ratios {walls}; CPU ratios {cpus})"))
        if "networkx_graphml_s" in build:
            rows.append(("  nx.write_graphml (before)", f"{build['networkx_graphml_s']:.1f} s", ""))
        queries, query_mb = _child("query", folder)
        rows.append(("graph.load (parquet)", f"{queries['load_s']:.1f} s",
                     f"CPU {queries['load_cpu_s']:.1f} s; peak {query_mb:,.0f} MB with the queries below (target <= 10 s)"))
        for name, (seconds, cpu, n) in queries["queries"].items():
            rows.append((f"query {name}", f"{seconds * 1000:,.0f} ms", f"{n:,} rows; CPU {cpu * 1000:,.0f} ms"))
        rows.append(("load average (1 min)", f"{os.getloadavg()[0]:.1f}", f"on {os.cpu_count()} cores: wall "
                     "times above stretch with it, CPU times less"))
    return rows


if __name__ == "__main__":
    for row in run():
        print(*row, sep="  ")
