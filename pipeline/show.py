"""One document's text with its references marked: `show_file(path)`, `show_build(build, doc)`.

Like eyecite's `annotate_citations`, the text is kept exactly and the references are given by their
offsets into it: `Shown.segments()` cuts the text into plain runs and marked runs, in order, and
joining them gives the text back. Each mark carries what the extractor read (kind, relation, type,
symbol, date, issuer) and where it points (the resolved symbol, and in a build the graph node).
The document's own metadata, its chains and its warnings come with it. HTML: pipeline/show_html.py.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .document import analyze_document
from .model import ExtractionResult


class ShowError(Exception):
    """A document that cannot be shown; the message is the one-line reason."""


@dataclass
class Mark:
    index: int  # position of the reference in the result (0-based)
    start: int
    end: int
    text: str
    kind: str
    relation: str
    type: str | None = None
    symbol: str | None = None
    date: str | None = None
    issuer: str | None = None
    target: str | None = None  # the resolved symbol (extraction)
    node: str | None = None  # the graph node (from a build)
    page: int | None = None

    def tip(self) -> str:
        """What a reader sees on hover."""
        rows = [("kind", self.kind), ("relation", self.relation), ("type", self.type), ("symbol", self.symbol),
                ("date", self.date), ("issuer", self.issuer), ("target", self.node or self.target),
                ("page", self.page)]
        return "\n".join(f"{k}: {v if v not in (None, '') else '—'}" for k, v in rows)


@dataclass
class Shown:
    document: dict[str, Any]
    text: str
    marks: list[Mark] = field(default_factory=list)
    unmarked: list[Mark] = field(default_factory=list)  # references overlapping an earlier one
    chains: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    origin: str = ""  # the file, or the build folder it came from

    def segments(self) -> list[tuple[str, Mark | None]]:
        """The text cut into runs: (text, None) plain, (text, mark) marked; they join to the text."""
        out: list[tuple[str, Mark | None]] = []
        pos = 0
        for m in self.marks:
            if m.start > pos:
                out.append((self.text[pos:m.start], None))
            out.append((self.text[m.start:m.end], m))
            pos = m.end
        if pos < len(self.text):
            out.append((self.text[pos:], None))
        return out

    def to_json(self) -> dict[str, Any]:
        return {"document": self.document, "origin": self.origin, "text": self.text,
                "marks": [asdict(m) for m in self.marks], "unmarked": [asdict(m) for m in self.unmarked],
                "chains": self.chains, "warnings": self.warnings}


def annotate(result: ExtractionResult, nodes: dict[tuple[int, int], str] | None = None, origin: str = "") -> Shown:
    """A result as marks over its text. `nodes`: graph node of each reference by (start, end)."""
    nodes = nodes or {}
    marks = []
    for i, r in enumerate(result.references):
        marks.append(Mark(index=i, start=r.start, end=r.end, text=result.text[r.start:r.end], kind=r.kind,
                          relation=r.relation, type=r.type, symbol=r.symbol, date=r.date,
                          issuer=r.issuer_body or r.issuer, target=r.target, node=nodes.get((r.start, r.end)),
                          page=r.page))
    marks.sort(key=lambda m: (m.start, -m.end))
    kept, unmarked = [], []
    end = -1
    for m in marks:
        if m.start < end:  # the extractor does not give overlapping references; keep the page sound if it did
            unmarked.append(m)
            continue
        kept.append(m)
        end = m.end
    return Shown(document=asdict(result.document), text=result.text, marks=kept, unmarked=unmarked,
                 chains=[asdict(c) for c in result.chains], warnings=[asdict(w) for w in result.warnings],
                 origin=origin)


def show_file(path: str | Path) -> Shown:
    """Read and extract one file, then annotate it. Raises ReadError for unreadable input."""

    return annotate(analyze_document(path), origin=str(path))


def find_document(build: Path, doc: str) -> str:
    """The id of a build's document given its id, its source path (or file name), its own symbol or
    its graph node. Raises ShowError when none or several match."""
    import pandas as pd

    table = build / "documents.parquet"
    if not table.exists():
        raise ShowError(f"{build}: not a build folder (no documents.parquet); run `directives ingest` first")
    docs = pd.read_parquet(table, columns=["id", "source", "symbol", "node", "status"])
    for column in ("id", "source", "node", "symbol"):
        hit = docs[docs[column] == doc]
        if len(hit) == 1:
            return str(hit["id"].iloc[0])
        if len(hit) > 1:
            raise ShowError(f"{doc}: {len(hit)} documents have this {column}: "
                            + ", ".join(hit["id"].head(5)) + "; give the id")
    names = docs[docs["source"].map(lambda s: Path(str(s)).name) == Path(doc).name]
    if len(names) == 1:
        return str(names["id"].iloc[0])
    raise ShowError(f"{build}: no document '{doc}' (give an id, a source path, a symbol or a node)")


def show_build(build: str | Path, doc: str) -> Shown:
    """A document of a build folder, with the graph node each reference resolved to."""
    import pandas as pd

    build = Path(build)
    doc_id = find_document(build, doc)
    path = build / "docs" / f"{doc_id}.json"
    try:
        with open(path, encoding="utf-8") as f:
            result = ExtractionResult.from_json(json.load(f))
    except (OSError, ValueError, KeyError) as exc:
        raise ShowError(f"{path}: cannot read the document's result ({type(exc).__name__})") from None
    nodes: dict[tuple[int, int], str] = {}
    refs = build / "references.parquet"
    if refs.exists():
        table = pd.read_parquet(refs, columns=["document", "start", "end", "target"],
                                filters=[("document", "==", doc_id)])
        nodes = {(int(s), int(e)): t for s, e, t in zip(table["start"], table["end"], table["target"])
                 if isinstance(t, str)}
    return annotate(result, nodes, origin=str(build))
