"""Run all benchmarks (or those named on the command line) and print one table."""
from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    if argv:
        names = [n for n in names if any(a in n for a in argv)]
    failed = 0
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
        width = max((len(r[0]) for r in rows), default=10)
        for row in rows:
            name_, figure = row[0], row[1]
            note = row[2] if len(row) > 2 else ""
            print(f"   {name_:<{width}}  {figure:>14}  {note}")
        print(f"   ({time.perf_counter() - started:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
