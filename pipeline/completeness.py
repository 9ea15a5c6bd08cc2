"""Completeness of own metadata over a corpus without gold annotations.

`completeness(results)` answers, for a folder nobody annotated: of the documents whose text states a
date (a place-and-date line), a place, an issuer (a formal header with the national or Party motto)
and a signer (a signature title followed by a name), how many got that field; per field and per
source prefix (the file name up to its first `_`, how collections are named); and how many
symbol-shaped strings in the documents' windows were left without a reference.

The "states" tests are deliberately independent of the extractor's own rules (loose patterns on the
raw text, markup characters skipped), so the figure does not grade the extractor by itself. They are
a gauge, not gold: a document that states its date in an unusual way is not counted as stating it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from . import patterns as P
from .model import ExtractionResult

FIELDS = ("symbol", "date", "place", "issuer", "signer")

def states(text: str) -> dict[str, bool]:
    """Which own-metadata fields a document's text states (see the module docstring)."""
    dated = P.STATED_DATE_RE.search(text) is not None
    return {
        "symbol": P.STATED_NUMBER_RE.search(text) is not None,
        "date": dated,
        "place": dated,
        "issuer": P.STATED_HEADER_RE.search(text) is not None,
        "signer": _signed(text),
    }


def _signed(text: str) -> bool:
    for m in P.SIGNATURE_TITLE_LINE_RE.finditer(text):
        lines = text[m.end():].split("\n", 10)[1:10]
        if any(P.NAME_LINE_RE.match(line) for line in lines):
            return True
    return False


@dataclass
class Tally:
    stated: int = 0
    found: int = 0

    @property
    def share(self) -> float | None:
        return self.found / self.stated if self.stated else None


@dataclass
class CompletenessReport:
    documents: int = 0
    fields: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FIELDS})
    by_prefix: dict[str, dict[str, Tally]] = field(default_factory=dict)
    prefix_documents: dict[str, int] = field(default_factory=dict)
    symbol_shaped: int = 0  # symbol-shaped strings inside the documents' windows
    unextracted: int = 0  # of which no reference (nor the document's own number) covers any part
    unextracted_examples: list[str] = field(default_factory=list)


def source_prefix(source: str) -> str:
    name = Path(source).name
    return name.split("_", 1)[0] if "_" in name else Path(name).stem


def window_of(result: ExtractionResult) -> tuple[int, int]:
    w = getattr(result.document, "window", None)
    if w:
        return int(w[0]), int(w[1])
    return 0, len(result.text)


def completeness(results: Iterable[ExtractionResult], examples: int = 20) -> CompletenessReport:
    report = CompletenessReport()
    for r in results:
        report.documents += 1
        prefix = source_prefix(r.document.source)
        report.prefix_documents[prefix] = report.prefix_documents.get(prefix, 0) + 1
        per = report.by_prefix.setdefault(prefix, {f: Tally() for f in FIELDS})
        s, e = window_of(r)
        text = r.text[s:e]
        stated = states(text)
        for f in FIELDS:
            if not stated[f]:
                continue
            got = getattr(r.document, f, None) is not None
            for tally in (report.fields[f], per[f]):
                tally.stated += 1
                tally.found += got
        covered = sorted((ref.start, ref.end) for ref in r.references)
        own = r.document.symbol
        for m in P.SYMBOL_SHAPE_RE.finditer(r.text, s, e):
            report.symbol_shaped += 1
            if _covered(covered, m.start(), m.end()):
                continue
            if own and _squash(m.group(0)) == _squash(own):
                continue
            report.unextracted += 1
            if len(report.unextracted_examples) < examples:
                report.unextracted_examples.append(f"{Path(r.document.source).name}@{m.start()}: {m.group(0)!r}")
    return report


def _squash(s: str) -> str:
    return re.sub(r"[\s–]", lambda m: "-" if m.group(0) == "–" else "", s).upper()


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    import bisect

    i = bisect.bisect_left(spans, (end, end))
    for s, e in reversed(spans[max(0, i - 8):i]):
        if s < end and start < e:
            return True
    return False


def format_completeness(report: CompletenessReport) -> str:
    def cell(t: Tally) -> str:
        return f"{t.share:.3f} ({t.found}/{t.stated})" if t.stated else "–"

    lines = [f"own metadata completeness, of the documents that state the field ({report.documents} documents)"]
    lines.append("  " + "prefix".ljust(12) + "docs".rjust(6) + "".join(f.rjust(20) for f in FIELDS))
    lines.append("  " + "all".ljust(12) + str(report.documents).rjust(6)
                 + "".join(cell(report.fields[f]).rjust(20) for f in FIELDS))
    for prefix in sorted(report.by_prefix):
        per = report.by_prefix[prefix]
        lines.append("  " + prefix.ljust(12) + str(report.prefix_documents[prefix]).rjust(6)
                     + "".join(cell(per[f]).rjust(20) for f in FIELDS))
    lines.append(f"symbol-shaped strings in the documents: {report.symbol_shaped}, "
                 f"left without a reference: {report.unextracted}")
    for ex in report.unextracted_examples:
        lines.append(f"  {ex}")
    return "\n".join(lines)


def folder_results(folder: str | Path, errors: list[str] | None = None):
    """Extract every supported file under `folder` (each document of a file apart), one at a time."""
    from .extract import extract_documents
    from .read import SUPPORTED_EXTENSIONS, ReadError, read_document

    for path in sorted(Path(folder).rglob("*")):
        if not path.is_file() or path.suffix.lower() not in SUPPORTED_EXTENSIONS or path.name.startswith("."):
            continue
        try:
            raw = read_document(path)
        except ReadError as exc:
            if errors is not None:
                errors.append(f"{path}: {exc}")
            continue
        yield from extract_documents(raw.text, source=str(path), doc_id=path.stem, raw=raw)


def main(argv: list[str] | None = None) -> int:
    """`python -m pipeline.completeness FOLDER`: the completeness figures of a folder without gold."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_dir():
        print("usage: python -m pipeline.completeness FOLDER", file=sys.stderr)
        return 2
    errors: list[str] = []
    print(format_completeness(completeness(folder_results(args[0], errors))))
    for e in errors:
        print(f"not read: {e}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
