"""Scores on the degraded scans of the seeds, per kind of damage: OCR character error rate per page
and the extraction figures against the seeds' gold annotations.

`make samples` writes the scans (`pipeline/demo/degraded.py`); `make eval` runs

    python -m pipeline.scan_eval corpus/samples [--kind office] [--no-cache] [--json FILE]

For each kind (and `clean`, the flatbed scans of `samples/png/`), every seed's page folder is OCR'd
with the project's settings (`pipeline.ocr.run_pages`, pages in parallel) and read the way `directives
extract` reads it: the first page's handwritten blanks and every page's low-confidence symbols read
again (`pipeline.pdf.second_readings`; `--first-reading`: Tesseract's reading alone). Each page is
compared with the same page of the seed's text PDF (its text layer, read in column order: what a
perfect OCR would give), and the document is analysed and scored against `corpus/gold/seeds.json` as
`directives eval` scores it (`pipeline.evaluate.score_document`).

Columns: pages; CER mean and worst page; numbered references P/R/F1; the matched references' dates
and issuers right; own metadata fields right (type, symbol, date, place, issuer, signer) over all
seeds and the seeds with every field right; OCR seconds per page (wall clock, pages in parallel;
0 when answered from the cache: use --no-cache to time).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .demo.degraded import DEGRADED_DIR, KINDS
from .demo.samples import PNG_DIR, TEXT_DIR, cer
from .document import analyze_text
from .evaluate import DocumentEval, Scores, load_gold, score_document
from .model import PAGE_SEPARATOR, Page, RawDocument
from .ocr import OcrSettings, PageJob, run_pages
from .pdf import second_readings as more_readings
from .read import page_images, sha256_file, sha256_pages

CLEAN = "clean"


@dataclass
class KindResult:
    kind: str
    pages: int = 0
    cers: list[tuple[str, int, float]] = field(default_factory=list)  # (seed, page, CER)
    scores: Scores = field(default_factory=Scores)
    seeds: int = 0
    seeds_all_right: int = 0
    seconds: float = 0.0
    failed_pages: list[str] = field(default_factory=list)
    wrong_metadata: list[str] = field(default_factory=list)

    @property
    def cer_mean(self) -> float | None:
        return sum(c for *_, c in self.cers) / len(self.cers) if self.cers else None

    @property
    def cer_max(self) -> float | None:
        return max(c for *_, c in self.cers) if self.cers else None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "pages": self.pages, "cer_mean": self.cer_mean, "cer_max": self.cer_max,
                "cer_pages": [{"seed": s, "page": p, "cer": c} for s, p, c in self.cers],
                "seeds": self.seeds, "seeds_all_metadata_right": self.seeds_all_right,
                "seconds_per_page": self.seconds / self.pages if self.pages else None,
                "failed_pages": self.failed_pages, "wrong_metadata": self.wrong_metadata,
                "scores": self.scores.to_json()}


def reference_pages(samples: Path, stem: str) -> list[str]:
    """The text of each page of the seed's text PDF, in column order: what OCR should read."""
    from .pdf import read_pdf

    path = samples / TEXT_DIR / f"{stem}.pdf"
    doc = read_pdf(path, sha256_file(path), settings=OcrSettings(cache_dir=""))
    return [p.text for p in doc.pages]


def kind_folder(samples: Path, kind: str) -> Path:
    return samples / PNG_DIR if kind == CLEAN else samples / DEGRADED_DIR / kind


def evaluate_kind(samples: Path, kind: str, gold_docs: list[dict[str, Any]], gold_texts: Path,
                  settings: OcrSettings, second_readings: bool = True) -> KindResult:
    result = KindResult(kind)
    folder = kind_folder(samples, kind)
    todo: list[tuple[dict[str, Any], Path, list[Path]]] = []
    for gold in gold_docs:
        stem = Path(str(gold["file"])).stem
        pages = page_images(folder / stem)
        if pages:
            todo.append((gold, folder / stem, pages))
    jobs = [PageJob(index=0, image_path=str(p), source_sha256=sha256_file(p)) for _, _, pages in todo for p in pages]
    started = time.perf_counter()
    ocr = iter(run_pages(jobs, settings))
    result.seconds = time.perf_counter() - started
    jobs_of = iter(jobs)
    for gold, doc_folder, pages in todo:
        stem = doc_folder.name
        page_results = [next(ocr) for _ in pages]
        page_jobs = [next(jobs_of) for _ in pages]
        if second_readings:
            # As `pipeline.read.read_page_folder` reads the folder: its first image is the document's first page.
            for n, (job, page) in enumerate(zip(page_jobs, page_results)):
                more_readings(job, settings, page, first_page=n == 0)
        refs = reference_pages(samples, stem)
        for n, (page, reference) in enumerate(zip(page_results, refs), 1):
            if page.error:
                result.failed_pages.append(f"{stem} page {n}: {page.error}")
            result.cers.append((stem, n, cer(page.text, reference)))
        result.pages += len(pages)
        raw = RawDocument(path=str(doc_folder), sha256=sha256_pages(pages),
                          pages=[Page(n, r.text.replace(PAGE_SEPARATOR, "\n"), "ocr", r.confidence)
                                 for n, r in enumerate(page_results, 1)])
        extraction = analyze_text(raw.text, source=str(doc_folder), doc_id=stem, raw=raw)
        gold_text = (gold_texts / str(gold["file"])).read_bytes().decode("utf-8")
        doc = DocumentEval(file=str(gold["file"]), evaluated=str(doc_folder))
        score_document(gold, gold_text, extraction, doc)
        result.scores.add(doc.scores)
        result.seeds += 1
        wrong = doc.misses.wrong_metadata
        if not wrong:
            result.seeds_all_right += 1
        result.wrong_metadata += [f"{stem[:3]} {w.get('field')}: {w.get('predicted')!r} (gold {w.get('gold')!r})"
                                  for w in wrong]
    return result


def evaluate_scans(samples: str | Path, gold: str | Path, gold_texts: str | Path,
                   kinds: tuple[str, ...] = (CLEAN,) + KINDS, settings: OcrSettings | None = None,
                   second_readings: bool = True) -> list[KindResult]:
    samples, gold_texts = Path(samples), Path(gold_texts)
    gold_docs = load_gold(gold)
    settings = settings or OcrSettings.from_env()
    return [evaluate_kind(samples, kind, gold_docs, gold_texts, settings, second_readings) for kind in kinds
            if kind_folder(samples, kind).is_dir()]


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.2%}"


def _f(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def format_results(results: list[KindResult]) -> str:
    header = ("damage", "pages", "CER mean", "CER worst", "num P", "num R", "num F1", "dates", "issuers",
              "own meta", "seeds ok", "s/page")
    rows = [header]
    for r in results:
        s = r.scores
        meta_right = sum(v.correct for v in s.metadata.values())
        meta_total = sum(v.total for v in s.metadata.values())
        rows.append((r.kind, str(r.pages), _pct(r.cer_mean), _pct(r.cer_max), _f(s.numbered.precision),
                     _f(s.numbered.recall), _f(s.numbered.f1), _f(s.fields["date"].accuracy),
                     _f(s.fields["issuer"].accuracy), f"{meta_right}/{meta_total}", f"{r.seeds_all_right}/{r.seeds}",
                     f"{r.seconds / r.pages:.2f}" if r.pages else "–"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = []
    for r in results:
        worst = sorted(r.cers, key=lambda x: -x[2])[:3]
        if worst and worst[0][2] > 0.015:
            notes.append(f"{r.kind}: worst pages " + ", ".join(f"{s[:3]} p{p} {c:.2%}" for s, p, c in worst))
        notes += [f"{r.kind}: {x}" for x in r.failed_pages]
        notes += [f"{r.kind}: own metadata wrong: {x}" for x in r.wrong_metadata]
    return "\n".join(lines + ([""] + notes if notes else []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.scan_eval", description=__doc__.split("\n\n")[0])
    parser.add_argument("samples", nargs="?", default="corpus/samples", help="the samples folder (make samples)")
    parser.add_argument("--gold", default="corpus/gold/seeds.json")
    parser.add_argument("--gold-texts", default="corpus", help="the folder of the seed .txt files")
    parser.add_argument("--kind", action="append", choices=(CLEAN,) + KINDS,
                        help="only this kind of damage (repeatable); default: all")
    parser.add_argument("--no-cache", action="store_true", help="OCR every page again (to time it)")
    parser.add_argument("--first-reading", action="store_true",
                        help="Tesseract's reading alone, without the second readings of blanks and symbols")
    parser.add_argument("--json", help="also write the figures as JSON to this file")
    args = parser.parse_args(argv)
    samples = Path(args.samples)
    if not (samples / DEGRADED_DIR).is_dir():
        print(f"{samples}: no {DEGRADED_DIR}/ folder (run make samples)", file=sys.stderr)
        return 2
    settings = OcrSettings.from_env(**({"cache_dir": ""} if args.no_cache else {}))
    kinds = tuple(args.kind) if args.kind else (CLEAN,) + KINDS
    results = evaluate_scans(samples, args.gold, args.gold_texts, kinds, settings, not args.first_reading)
    print(format_results(results))
    if args.json:
        from .atomic import write_atomic

        write_atomic(Path(args.json), json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
