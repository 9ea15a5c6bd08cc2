"""Run all benchmarks (or those named on the command line) and print one table, then the figures of
issue 17 (speed at corpus scale), each beside its reference measured in the same run and its target."""
from __future__ import annotations

import importlib
import os
import pkgutil
import re
import sys
import time
from pathlib import Path

# Issue 17's table: (figure, benchmark, row of the figure, row of its reference (same run), target, compare).
# Rows are found by a regular expression matching the start of their name (sizes vary with the BENCH_*
# settings: the row's own name, printed beside the figure, says at what size); a benchmark not run (or a
# renamed row) shows as not measured.
ISSUE_17 = [
    # (With BENCH_REAL_TEXTS the figures on that folder, per document; else those on the seeds and excerpts.)
    ("extract_text per document, real corpus", "bench_extract",
     r".*\(BENCH_REAL_TEXTS\): extract_text per document|real corpus x10: analyze_text per document",
     r".*\(BENCH_REAL_TEXTS\): bare regex scan|real corpus x10: bare regex scan", ">= 3 MB/s", (">=", 3.0)),
    ("get_references, real corpus", "bench_extract",
     r".*\(BENCH_REAL_TEXTS\): get_references per document|real corpus x10: extraction \(get_references\)",
     r".*\(BENCH_REAL_TEXTS\): bare regex scan|real corpus x10: bare regex scan", ">= 5 MB/s", (">=", 5.0)),
    ("`directives extract` on 10 MB of real text, whole process", "bench_extract", r".*: directives extract, \d+ MB file",
     r".*: directives extract --workers 1, \d+ MB file", ">= 3 MB/s", (">=", 3.0)),
    ("ingest, 1,000 text documents, 2 workers vs 1", "bench_ingest", "ingest, 2 workers vs 1",
     r"ingest \d+ text documents, 1 worker", ">= 1.8x", (">=", 1.8)),
    ("corpus pass at 10,000 documents", "bench_ingest", "corpus pass alone", r"ingest \d+ documents, 2 workers",
     "<= 10 s", ("<=", 10.0)),
    ("OCR, ours vs plain `tesseract`, same PNGs", "bench_ocr", "ours / tesseract CLI", "tesseract CLI",
     ">= 0.95x at the same or lower CER", (">=", 0.95)),
    ("`graph.graphml` at 1M edges", "bench_graph", "  graph.graphml of them",
     "  Parquet files of them", "<= 2x the Parquet write", ("x<=", 2.0)),
    ("`graph.load` at 100,000 documents", "bench_graph", "graph.load (parquet)",
     "build_graph", "<= 10 s", ("<=", 10.0)),
    ("`implementers` of the most implemented node", "bench_graph", "query implementers (most implemented)",
     "query cited-by (most implemented)", "<= 1 s (73,506 rows at 100,000 documents)", ("<=", 1.0)),
]
# The sizes of issue 17's figures (the Makefile's bench target sets them): the row names say at what
# size each figure was measured; at other sizes a figure is printed but not comparable to its target.
SIZES = "BENCH_SIZE=100000 (1M edges), BENCH_INGEST_DOCS=1000, BENCH_INGEST_BIG=10000, BENCH_REAL_TEXTS=<corpus-real/texts>"


def _seconds(figure: str) -> float | None:
    m = re.match(r"\s*([\d.,]+)\s*(ms|s)\b", figure)
    if not m:
        return None
    value = float(m.group(1).replace(",", ""))
    return value / 1000 if m.group(2) == "ms" else value


def _number(figure: str) -> float | None:
    m = re.match(r"\s*([\d.,]+)", figure)
    return float(m.group(1).replace(",", "")) if m else None


def _find(rows: list, pattern: str):
    return next((r for r in rows if r[0].startswith(pattern) or re.match(pattern, r[0])), None)


def issue_17(results: dict[str, list]) -> list[tuple[str, str, str, str, str]]:
    """(figure, now, reference, target, met) for each figure of issue 17."""
    out = []
    for label, bench, row, reference, target, (op, bound) in ISSUE_17:
        rows = results.get(bench)
        found = _find(rows, row) if rows else None
        if found is None:
            out.append((label, "not measured", f"({bench} not run)" if rows is None else "", target, ""))
            continue
        ref = _find(rows, reference)
        ref_text = f"{ref[0].strip()}: {ref[1].strip()}" if ref else ""
        now = f"{found[1].strip()} ({found[0].strip()})"
        if op == "x<=":  # a ratio of two timings of this run
            value = _seconds(found[1]) / max(_seconds(ref[1]) or 1e-9, 1e-9) if ref and _seconds(found[1]) else None
            now = f"{value:.2f}x ({found[0].strip()}: {found[1].strip()})" if value is not None else now
        elif op == "<=":
            value = _seconds(found[1])
        else:
            value = _number(found[1])
        met = "" if value is None else ("yes" if (value >= bound if op == ">=" else value <= bound) else "NO")
        out.append((label, now, ref_text, target, met))
    return out


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    if argv:
        names = [n for n in names if any(a in n for a in argv)]
    failed = 0
    results: dict[str, list] = {}
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        print(f"\n== {name}: {(module.__doc__ or '').strip().splitlines()[0] if module.__doc__ else ''}", flush=True)
        started = time.perf_counter()
        try:
            rows = module.run()
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            print(f"   FAILED: {type(exc).__name__}: {exc}")
            failed += 1
            continue
        results[name] = rows
        width = max((len(r[0]) for r in rows), default=10)
        for row in rows:
            name_, figure = row[0], row[1]
            note = row[2] if len(row) > 2 else ""
            print(f"   {name_:<{width}}  {figure:>14}  {note}")
        print(f"   ({time.perf_counter() - started:.1f} s)")
    print(f"\n== issue 17: speed at corpus scale, each figure beside its reference measured in this run "
          f"(load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; issue 17's sizes: {SIZES})")
    print("| figure | now | reference (same run) | target | met |\n|---|---|---|---|---|")
    for label, now, ref, target, met in issue_17(results):
        print(f"| {label} | {now} | {ref or '-'} | {target} | {met or '-'} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
