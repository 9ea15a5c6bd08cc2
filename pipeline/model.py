"""Plain dataclasses for the data that flows through the pipeline.

file -> RawDocument (pages of text) -> CleanText (normalized, with an offset map back)
-> Structure (header, title, sections, sentences) -> Reference list -> ExtractionResult.

Offsets in every public result index the *original* page-joined text (`RawDocument.text`), so a
reference can be highlighted in what the reader actually has.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from operator import attrgetter
from typing import Any

# Pages of one document are joined with a form feed: it never occurs inside a page's own text
# (readers strip it), so the page of any offset is the count of form feeds before it, plus one.
PAGE_SEPARATOR = "\f"

KINDS = ("full", "partial", "descriptive", "named")
RELATIONS = ("basis", "implements", "applies", "amends", "replaces", "mentions")
LEVELS = ("central", "province", "district", "unit")


@dataclass
class Page:
    number: int  # 1-based
    text: str
    method: str = "text"  # text (plain file) | pdf-text (text layer) | ocr
    confidence: float | None = None  # OCR'd pages: Tesseract's mean word confidence (0-100), when known
    # OCR'd pages: [start, end, confidence 0-100] of each word of `text` (Tesseract's), when known
    words: list[list[int]] | None = None


@dataclass
class Warning:
    code: str
    message: str
    start: int | None = None
    end: int | None = None


@dataclass
class RawDocument:
    """What a reader returns: the pages of one file, as text."""

    path: str
    sha256: str
    pages: list[Page]
    warnings: list[Warning] = field(default_factory=list)
    encoding: str | None = None  # for text files: the detected encoding

    @property
    def text(self) -> str:
        return PAGE_SEPARATOR.join(p.text for p in self.pages)

    @property
    def ocr_pages(self) -> list[int]:
        return [p.number for p in self.pages if p.method == "ocr"]

    @property
    def ocr_confidence(self) -> list[float | None]:
        return [p.confidence for p in self.pages if p.method == "ocr"]


@dataclass
class Body:
    """An issuing body mapped to its canonical name and level."""

    name: str  # as written
    canonical: str | None = None  # canonical body name, e.g. "Bộ Chính trị"
    level: str | None = None  # central | province | district | unit
    jurisdiction: str | None = None  # e.g. "Trà Vinh" for a Tỉnh ủy, when known


@dataclass
class Reference:
    start: int
    end: int
    text: str
    kind: str  # full | partial | descriptive | named
    type: str | None = None  # document type word, e.g. "Nghị quyết"
    symbol: str | None = None  # normalized symbol, e.g. "25-NQ/TW"; None for bare numbers
    number: str | None = None
    date: str | None = None  # ISO date the text gives for this reference
    issuer: str | None = None  # issuing body as the text names it
    relation: str = "mentions"
    target: str | None = None  # resolved document: its symbol, or a graph node id
    sentence: str = ""
    page: int | None = None
    written_symbol: str | None = None  # the symbol exactly as written, when it differs
    issuer_body: str | None = None  # canonical body
    issuer_level: str | None = None
    term: str | None = None  # khóa, e.g. "XI"
    year: int | None = None  # year from the symbol or the date
    jurisdiction: str | None = None  # the province/district of a local issuer, when known
    # Read by OCR: the lowest Tesseract confidence (0-100) of the words the reference was read from
    # (None: not OCR'd, or the page's word confidences are not known).
    ocr_confidence: int | None = None

    def to_json(self) -> dict[str, Any]:
        return _record(self)


@dataclass
class Chain:
    """An edge the text states between two *cited* documents (evidence: the citing document)."""

    source: str
    target: str
    relation: str = "implements"
    start: int | None = None
    end: int | None = None


@dataclass
class DocumentInfo:
    id: str
    source: str
    sha256: str = ""
    type: str | None = None
    symbol: str | None = None
    number: str | None = None
    date: str | None = None
    place: str | None = None
    issuer: str | None = None
    signer: str | None = None
    title: str | None = None
    pages: int = 1
    ocr_pages: list[int] = field(default_factory=list)
    # Tesseract's mean word confidence of each OCR'd page, in the order of ocr_pages (None: not known)
    ocr_confidence: list[float | None] = field(default_factory=list)
    issuer_body: str | None = None
    issuer_level: str | None = None
    jurisdiction: str | None = None
    # [start, end) of the document inside its file's text: a web page's chrome and the other documents
    # of a gazette issue are outside it. None: the whole text.
    window: list[int] | None = None
    file_id: str | None = None  # the id of the file it comes from, when the file holds several documents
    # Where the number or the day written into the header's blank could not be read (a scan): the
    # printed part, `?/QĐ-UBND`, and the date as far as it is printed, `2025-02` or `2025`. `symbol` and
    # `date` stay None then: never a wrong number.
    partial_symbol: str | None = None
    partial_date: str | None = None


@dataclass
class ExtractionResult:
    document: DocumentInfo
    text: str
    references: list[Reference] = field(default_factory=list)
    chains: list[Chain] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    # Chains as the extractor finds them, (citing reference index, cited reference index, relation):
    # resolution names them by their documents' symbols. Not part of the JSON.
    stated_chains: list[tuple[int, int, str]] = field(default_factory=list, repr=False)
    # References read only inside another's name (the laws in `Luật sửa đổi, bổ sung một số điều của Luật X và Luật Y`): see `pipeline.extract`; resolution names
    # their chains, then drops them. Not part of the JSON.
    named_within: list[int] = field(default_factory=list, repr=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "document": _record(self.document),
            "text": self.text,
            "references": [_record(r) for r in self.references],
            "chains": [_record(c) for c in self.chains],
            "warnings": [_record(w) for w in self.warnings],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ExtractionResult":
        return cls(
            document=_build(DocumentInfo, data["document"]),
            text=data["text"],
            references=[_build(Reference, r) for r in data.get("references", [])],
            chains=[_build(Chain, c) for c in data.get("chains", [])],
            warnings=[_build(Warning, w) for w in data.get("warnings", [])],
        )


@dataclass
class FileOutcome:
    path: str
    id: str | None = None
    sha256: str | None = None
    status: str = "ok"  # ok | failed | skipped
    reason: str | None = None
    cached: bool = False
    references: int = 0
    pages: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)  # warning codes worth a line in the summary
    # The ids of the documents the file holds when it holds several (`<id>#1`, `<id>#2`, ...: a gazette
    # issue); empty when the file is one document, whose id is `id`.
    documents: list[str] = field(default_factory=list)

    @property
    def document_ids(self) -> list[str]:
        return list(self.documents) or ([self.id] if self.id else [])


_PLAIN = frozenset({str, int, float, bool, type(None)})
_GETTERS: dict[type, tuple[tuple[str, ...], Any]] = {}


def _record(obj) -> dict[str, Any]:
    """`asdict(obj)`: for a dataclass whose values are all plain (a reference, a chain, a warning) the same
    dict without asdict's recursive copy, a fifth of its time (a 10 MB file has some 6,000 references)."""
    got = _GETTERS.get(type(obj))
    if got is None:
        names = tuple(f.name for f in fields(obj))
        # (attrgetter of several names gives a tuple, of one its value)
        got = _GETTERS[type(obj)] = (names, attrgetter(*names) if len(names) > 1
                                     else lambda o: tuple(getattr(o, n) for n in names))
    names, values_of = got
    values = values_of(obj)
    if _PLAIN.issuperset(map(type, values)):
        return dict(zip(names, values))
    return asdict(obj)


def _build(cls, data: dict[str, Any]):
    """Build a dataclass from a dict, ignoring keys it does not know (older or newer JSON)."""
    names = _FIELD_NAMES.get(cls)
    if names is None:  # dataclasses.fields() per object was a third of reading a corpus's results back
        names = _FIELD_NAMES[cls] = frozenset(f.name for f in fields(cls))
    if names.issuperset(data):
        return cls(**data)
    return cls(**{k: v for k, v in data.items() if k in names})


_FIELD_NAMES: dict[type, frozenset[str]] = {}


def page_of(text: str, offset: int) -> int:
    """1-based page number of an offset into a page-joined text."""
    return text.count(PAGE_SEPARATOR, 0, max(0, offset)) + 1
