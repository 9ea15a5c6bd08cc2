"""Share of named laws, codes and ordinances that reach a numbered node, and a random sample of them
for a person to check (the citing sentence and date beside the version chosen and its dates).

    python scripts/law_sample.py BUILD_DIR [--sample 100 --seed 14 --out sample.tsv]

BUILD_DIR is the output of `directives ingest`; the corpus pass is rerun on its per-document results.
"""
from __future__ import annotations

import argparse
import collections
import csv
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LAW_TYPES = ("Luật", "Bộ luật", "Pháp lệnh")


def main(argv=None) -> int:
    from pipeline.resolve import resolve_corpus

    try:
        from pipeline.tables import load_light_results
    except ImportError:  # before the ingest split
        from pipeline.ingest import load_light_results

    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--sample", type=int, default=100)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    build = Path(args.build)
    ids = sorted(p.stem for p in (build / "docs").glob("*.json"))
    results = list(load_light_results(build, ids))
    _docs, targets, _chains, table = resolve_corpus(results)
    rows, total, how = [], 0, collections.Counter()
    for res in results:
        for i, r in enumerate(res.references):
            if r.kind != "named" or r.type not in LAW_TYPES:
                continue
            total += 1
            node = targets.get((res.document.id, i))
            if not node or node.startswith(("named:", "doc:", "registry:")):
                continue
            h = table.how.get((res.document.id, i), (None, None))
            how[h] += 1
            law = table.laws.by_symbol.get(node.split("@")[0].upper()) if table.laws else None
            rows.append({"document": res.document.id, "source": Path(res.document.source).name,
                         "date": res.document.date or "", "text": " ".join(r.text.split()),
                         "sentence": " ".join(r.sentence.split())[:400], "target": node,
                         "resolution": h[0], "known_from": h[1] or "",
                         "law_name": law.name if law else "", "law_passed": (law.date or "") if law else "",
                         "law_in_force": (law.in_force or "") if law else ""})
    print(f"{len(rows)} of {total} named laws, codes and ordinances reach a numbered node "
          f"({len(rows) / max(total, 1):.1%})")
    for (h, src), n in how.most_common():
        print(f"  {n:6d}  {h} ({src})")
    if args.out:
        random.seed(args.seed)
        sample = random.sample(rows, min(args.sample, len(rows)))
        with open(args.out, "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=list(sample[0]) + ["right", "note"], delimiter="\t",
                               lineterminator="\n")
            w.writeheader()
            for row in sample:
                w.writerow({**row, "right": "", "note": ""})
    return 0


if __name__ == "__main__":
    sys.exit(main())
