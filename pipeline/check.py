"""Checking a draft: what it cites, and what is wrong with each citation.

    check_draft(path, corpus="build")  -> CheckReport

A committee reviewing a draft plan wants to know, before it is signed, which documents it cites and
whether each citation is right. The draft is extracted like any document (`pipeline.document.analyze_document`; `.docx`
through pipeline.read), then every citation is looked up in the ingested corpus (the graph under the
build folder) and in the registry (pipeline/data/registry.csv):

    status   known (one document, with its date, issuer, title) | ambiguous (the candidates) | unknown

Findings, each with a code and a severity (CODES below). Errors are what makes the citation wrong as
written (a wrong date, type, issuer, symbol; a document no longer in force, or not yet issued);
warnings are what a reader cannot check (a short form nothing resolves; one document cited two ways).

Suggestions (`missing_basis`): documents that comparable plans in the corpus (same type, same issuer
level, implementing the same directive) cite as a basis or implement, and the draft does not; with
their support, k of the n comparable plans.
"""
from __future__ import annotations

import calendar
import re
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Any

from .document import analyze_document
from .errors import DraftError, ReadError
from .keys import fold, place_of, symbol_key, symbol_of, year_of
from .laws import load_laws
from .model import ExtractionResult, Reference
from .reference import canonical_body, central_party_bodies, load_bodies
from .registry import Registry, RegistryEntry, load_registry
from .resolve import in_force, is_local, named_node

# code -> (severity, what it means); the order is the order of the report.
CODES: dict[str, tuple[str, str]] = {
    "date_mismatch": ("error", "the date given contradicts the known date of the document"),
    "type_symbol_mismatch": ("error", "the symbol's type abbreviation contradicts the type word"),
    "issuer_mismatch": ("error", "the issuer named is not the body that issued the document"),
    "superseded": ("error", "the document was replaced or repealed before the draft's date"),
    "cited_after_draft": ("error", "the document is dated after the draft"),
    "malformed_symbol": ("error", "the symbol as written misses a separator (`32-CTTW`, `61/2018/NĐCP`)"),
    "unresolved": ("warning", "a short, descriptive or named form that no known document matches, or several do"),
    "inconsistent_citation": ("warning", "the draft cites the same document with different dates or symbols"),
}
SUGGESTION_CODES = {"missing_basis": "comparable plans cite this as a basis (or implement it); the draft does not"}
SEVERITIES = ("error", "warning", "info")

# Relations under which a citation relies on the cited document being in force.
RELYING = ("basis", "implements", "applies")
# Loose ways of naming "the Centre" that do not say which central body: not a contradiction.
GENERIC_CENTRAL = {"trung ương", "trung ương đảng", "ban chấp hành trung ương đảng"}
MIN_SUPPORT = 2  # a suggestion needs at least this many comparable plans citing the document ...
MIN_SHARE = 0.5  # ... and at least this share of them


@dataclass
class Finding:
    code: str
    severity: str
    message: str


@dataclass
class Known:
    """What the corpus and the registry know about a cited document."""

    node: str
    symbol: str | None = None
    type: str | None = None
    date: str | None = None
    issuer: str | None = None
    title: str | None = None
    replaced_by: str | None = None
    replaced_on: str | None = None
    source: str = ""  # corpus | registry | corpus+registry
    ingested: bool = False
    evidence: list[str] = field(default_factory=list)  # of its status (graph/status.py), laws.csv's sources


@dataclass
class Citation:
    start: int
    end: int
    text: str
    kind: str
    type: str | None
    symbol: str | None
    written_symbol: str | None
    date: str | None
    issuer: str | None
    relation: str
    status: str  # known | ambiguous | unknown
    node: str | None
    known: Known | None = None
    candidates: list[Known] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    page: int | None = None
    label: str = ""  # what to show: the text, with the type word when the text is a bare number

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["known"] = asdict(self.known) if self.known else None
        return out


@dataclass
class Suggestion:
    code: str
    node: str
    support: dict[str, int]  # {"k": plans citing it, "n": comparable plans}
    message: str
    title: str | None = None
    date: str | None = None
    peers: list[str] = field(default_factory=list)


@dataclass
class CheckReport:
    document: dict[str, Any]
    text: str
    citations: list[Citation]
    suggestions: list[Suggestion]
    against: str  # "corpus and registry" | "registry only"
    draft_date: str
    draft_date_basis: str  # document | header year/month | option | today
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for c in self.citations for f in c.findings]

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def counts(self) -> Counter:
        return Counter(f.severity for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        doc = dict(self.document)
        doc.update({"checked_date": self.draft_date, "checked_date_basis": self.draft_date_basis,
                    "checked_against": self.against})
        return {
            "document": doc,
            "citations": [c.to_json() for c in self.citations],
            "suggestions": [asdict(s) for s in self.suggestions],
            "summary": {"errors": self.counts().get("error", 0), "warnings": self.counts().get("warning", 0),
                        "citations": len(self.citations), "suggestions": len(self.suggestions),
                        "seconds": round(self.seconds, 3)},
            "notes": list(self.notes),
        }


def finding(code: str, message: str) -> Finding:
    return Finding(code, CODES[code][0], message)


# --------------------------------------------------------------------------- reading the draft


def extract_draft(path: str | Path, registry: Registry | None = None) -> ExtractionResult:
    """The draft analyzed like any document (.docx and the other formats through pipeline.read).
    Raises DraftError when it cannot be read."""
    try:
        return analyze_document(path, registry=registry)
    except ReadError as exc:
        raise DraftError(str(exc)) from None


# --------------------------------------------------------------------------- the corpus


def _clean(v: Any) -> Any:
    if v is None or (isinstance(v, float) and v != v) or (isinstance(v, str) and not v.strip()):
        return None
    return v


class Corpus:
    """The ingested graph (optional) and the registry, indexed for looking citations up."""

    def __init__(self, cg=None, registry: Registry | None = None):
        self.cg = cg
        self.g = cg.g if cg is not None else None
        self.registry = registry or load_registry()
        # The graph's own index (graph.index), the one `directives query` looks documents up in.
        self.by_symbol: dict[str, list[str]] = cg.index.by_symbol if cg is not None else {}
        self.replacements: dict[str, list[str]] = cg.index.replacements if cg is not None else {}

    @classmethod
    def load(cls, build_dir: str | Path | None, registry: Registry | None = None) -> tuple["Corpus", str | None]:
        """The corpus of a build folder, or the registry alone (with the reason) when it has no graph."""
        registry = registry or load_registry()
        if build_dir is None:
            return cls(None, registry), "no --corpus given"
        build = Path(build_dir)
        if not build.is_dir():
            return cls(None, registry), f"{build}: no such folder"
        from graph.build import load_graph  # pandas and networkx: only when a corpus is checked against

        try:
            cg = load_graph(build, registry=registry)
        except FileNotFoundError:
            return cls(None, registry), f"{build}: no graph (run `directives ingest` first)"
        except Exception as exc:  # a damaged table: say so, check against the registry
            return cls(None, registry), f"{build}: graph unreadable ({exc.__class__.__name__}: {exc})"
        return cls(cg, registry), None

    @property
    def has_graph(self) -> bool:
        return self.g is not None

    def attrs(self, node: str) -> dict[str, Any]:
        if self.g is None or node not in self.g:
            return {}
        return self.g.nodes[node]

    def registry_entry(self, node: str | None, year: int | None = None) -> RegistryEntry | None:
        if not node:
            return None
        entry = self.registry.get(node)
        if entry is None:
            return None
        # A Party symbol recurs every term: `19-NQ/TW@2017` is not the registry's 2012 resolution.
        node_year = year_of(node) or year
        if node_year and entry.year and node_year != entry.year and "@" in node:
            return None
        return entry

    def known(self, node: str, entry: RegistryEntry | None = None) -> Known:
        a = self.attrs(node)
        if entry is None and not node.startswith("named:"):
            entry = self.registry_entry(node)
        k = Known(node=node, symbol=_clean(a.get("symbol")) or symbol_of(node), type=_clean(a.get("type")),
                  date=_clean(a.get("date")), issuer=_clean(a.get("issuer_body")) or _clean(a.get("issuer")),
                  title=_clean(a.get("title")), replaced_by=_clean(a.get("replaced_by")),
                  replaced_on=_clean(a.get("replaced_on")), ingested=bool(a.get("ingested")),
                  source="corpus" if a else "", evidence=[str(e) for e in (a.get("status_evidence") or [])])
        law = _law(k.symbol) if not a or a.get("status") is None else None
        if law is not None:  # a law the corpus never cites: laws.csv knows it, each fact with its source
            for key, value in (("type", law.type), ("date", law.date), ("title", law.name),
                               ("replaced_by", law.replaced_by), ("replaced_on", law.replaced_on)):
                if value and getattr(k, key) is None:
                    setattr(k, key, value)
            if law.replaced_by:
                k.evidence.append(f"replaced by {law.replaced_by}: laws.csv: {'; '.join(law.sources)[:300]}")
            k.source = "laws.csv" if not k.source else k.source
        if entry is not None:
            # The registry's facts are sourced; the corpus's facts about a document it only cites are what
            # the citing texts say. A document's own text wins over both.
            own = k.ingested
            for key in ("type", "date", "issuer", "title", "replaced_by", "replaced_on"):
                value = getattr(entry, "issuer_body" if key == "issuer" else key, None) or getattr(entry, key, None)
                if value and (not own or getattr(k, key) is None):
                    setattr(k, key, value)
            k.symbol = k.symbol or entry.symbol
            k.source = "corpus+registry" if a else "registry"
        return k

    def replacement_of(self, k: Known) -> tuple[str | None, str | None]:
        """(replacing document, date the replacement took effect) or (None, None): what the graph's
        status says (graph/status.py: the corpus's `replaces` edges, registry.csv, laws.csv)."""
        if k.replaced_by:
            on = k.replaced_on
            if not on:
                rep = self.known(self._node_for_symbol(k.replaced_by) or k.replaced_by)
                on = rep.date
            return k.replaced_by, on
        for u in self.replacements.get(k.node, []):
            rep = self.known(u)
            return (rep.symbol or u), rep.date
        return None, None

    def _node_for_symbol(self, symbol: str) -> str | None:
        nodes = self.by_symbol.get(symbol_key(symbol), [])
        return nodes[0] if len(nodes) == 1 else None


def _law(symbol: str | None):
    """The law laws.csv lists under this number, if any."""
    if not symbol:
        return None
    global _LAWS
    if _LAWS is None:
        _LAWS = {symbol_key(law.symbol): law for law in load_laws() if law.symbol}
    return _LAWS.get(symbol_key(symbol))


_LAWS: dict | None = None


# --------------------------------------------------------------------------- resolving a citation


def _year_of_node(corpus: Corpus, node: str) -> int | None:
    y = corpus.attrs(node).get("year")
    if y is not None:
        try:
            return int(y)
        except (TypeError, ValueError):
            return None
    return year_of(node)


def lookup(r: Reference, corpus: Corpus, place: str | None,
           as_of: str | None = None) -> tuple[str, str | None, Known | None, list[Known]]:
    """(status, node, known, candidates) of one reference; `as_of` picks, of documents sharing a name,
    the one in force at the draft's date."""

    target = r.target
    if r.kind in ("named", "descriptive") and (not target or target.startswith(("named:", "registry:"))):
        entry = in_force(corpus.registry.all_by_alias(r.text), as_of)
        if entry is not None and entry.symbol:
            target = entry.symbol
        elif entry is not None:
            node = f"named:{entry.type}:{fold(entry.title or r.text)}"
            return "known", node, corpus.known(node, entry), []
        else:
            node = named_node(r)
            if corpus.attrs(node):
                return "known", node, corpus.known(node), []
            return "unknown", None, None, []
    if not target:
        return "unknown", None, None, []
    year = r.year
    local = is_local(target)
    nodes = list(corpus.by_symbol.get(symbol_key(target), []))
    fitting = [n for n in nodes if year is None or _year_of_node(corpus, n) in (None, year)]
    if len(fitting) > 1 and local and place:
        here = [n for n in fitting if place_of(n) in (None, place)]
        fitting = here or fitting
    if len(fitting) > 1:  # several documents share the symbol and nothing in the citation tells which
        return "ambiguous", None, None, [corpus.known(n) for n in fitting]
    if len(fitting) == 1:
        return "known", fitting[0], corpus.known(fitting[0]), []
    entry = corpus.registry.get(target)
    if len(nodes) == 1 and not local:
        # One document of that symbol is known and the date disagrees: the date is what is wrong.
        return "known", nodes[0], corpus.known(nodes[0], entry), []
    if entry is not None and (not nodes or not local):
        return "known", entry.symbol or target, corpus.known(entry.symbol or target, entry), []
    if not nodes and _law(target) is not None:
        return "known", target, corpus.known(target), []
    return "unknown", None, None, []


# --------------------------------------------------------------------------- the checks


def _iso_to_vn(d: str | None) -> str:
    if not d:
        return "?"
    try:
        y, m, dd = d[:10].split("-")
        return f"{int(dd):02d}/{int(m):02d}/{y}"
    except ValueError:
        return d


def _skeleton(symbol: str) -> str:
    """The separators of a symbol, in order: `25-NQ/TW` -> `-/`; spaces and dash variants do not count."""
    s = re.sub(r"[\u2010-\u2014\u2212]", "-", symbol)
    return re.sub(r"[^/\-]", "", s)


def _known_bodies() -> set[str]:
    return {b.canonical for b in load_bodies()}


def _body(name: str | None) -> str | None:
    """Canonical body of an issuer as written, only when the reference data knows it."""
    if not name:
        return None
    body, _level = canonical_body(name)
    if body in _known_bodies():
        return body
    m = re.match(r"(?i)ban\s+thường\s+vụ\s+(.+)$", name.strip())
    if m:  # the standing committee acts for its committee (Ban Thường vụ Tỉnh ủy issues /TU documents)
        body, _ = canonical_body(m.group(1))
        if body in _known_bodies():
            return body
    return None


def _issuer_contradicts(written: str | None, known: str | None) -> bool:
    if not written or not known:
        return False
    a, b = _body(written), _body(known)
    if a is None or b is None or a == b:
        return False
    if fold(written).strip(" ,.") in GENERIC_CENTRAL and b in central_party_bodies():
        return False  # "của Trung ương" does not say which central body
    return True


def _end_of(year: int, month: int | None) -> str:
    if month:
        return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
    return f"{year:04d}-12-31"


_UNSIGNED_DATE = re.compile(
    r"ngày\s*(?:[.…_\s]*|\d{1,2})\s*tháng\s*(?P<m>\d{1,2})?\s*[.…_\s]*năm\s+(?P<y>(?:19|20)\d\d)", re.I)


def draft_date(result: ExtractionResult, override: str | None = None) -> tuple[str, str]:
    """The date the draft is checked at, and where it comes from. A draft is often unsigned
    (`ngày    tháng 5 năm 2024`): then the last day of the month or year it names; else today."""
    if override:
        return override, "option"
    if result.document.date:
        return result.document.date, "document"
    head = result.text[:3000]
    m = _UNSIGNED_DATE.search(head)
    if m:
        month = int(m.group("m")) if m.group("m") and 1 <= int(m.group("m")) <= 12 else None
        return _end_of(int(m.group("y")), month), "header year/month"
    return Date.today().isoformat(), "today"


def _type_symbol_warnings(result: ExtractionResult, r: Reference, code: str = "type_symbol_mismatch") -> list[str]:
    """The extractor's warnings of one kind about this reference's span."""
    out = []
    for w in result.warnings:
        if w.code != code or w.start is None:
            continue
        end = w.end if w.end is not None else w.start + 1
        if w.start < r.end and r.start < end:
            out.append(w.message)
    return out


def check_citation(c: Citation, r: Reference, result: ExtractionResult, corpus: Corpus, when: str) -> None:
    k = c.known
    for message in _type_symbol_warnings(result, r):
        c.findings.append(finding("type_symbol_mismatch", message))
    for message in _type_symbol_warnings(result, r, "malformed_symbol"):
        c.findings.append(finding("malformed_symbol", message))  # e.g. `05-CT/`, cut short
    if r.kind == "full" and r.written_symbol and r.symbol and _skeleton(r.written_symbol) != _skeleton(r.symbol):
        c.findings.append(finding(
            "malformed_symbol",
            f"symbol written '{' '.join(r.written_symbol.split())}' breaks the grammar; write '{r.symbol}'"))
    if k is not None:
        name = k.symbol or k.title or k.node
        if r.date and k.date and r.date != k.date[:10]:
            c.findings.append(finding(
                "date_mismatch",
                f"{name} is dated {_iso_to_vn(k.date)} ({k.source}), not {_iso_to_vn(r.date)}"))
        if _issuer_contradicts(r.issuer, k.issuer):
            c.findings.append(finding("issuer_mismatch", f"{name} was issued by {k.issuer} ({k.source}), not {r.issuer}"))
        if r.relation in RELYING:
            by, on = corpus.replacement_of(k)
            if by and (on is None or on[:10] <= when):
                evidence = next((e for e in k.evidence if e.startswith(("replaced by", f"{by} replaces"))), None) \
                    or next(iter(k.evidence), None)
                c.findings.append(finding(
                    "superseded",
                    f"{name} was replaced by {by}" + (f" from {_iso_to_vn(on)}" if on else " (date not known)")
                    + f"; cite {by} instead" + (f" (evidence: {evidence})" if evidence else "")))
    dated = (k.date if k is not None and k.date else None) or r.date
    if dated and dated[:10] > when:
        name = (k.symbol if k is not None else None) or r.symbol or " ".join(r.text.split())
        c.findings.append(finding(
            "cited_after_draft", f"{name} is dated {_iso_to_vn(dated)}, after the draft ({_iso_to_vn(when)})"))
    if c.status == "ambiguous":
        names = ", ".join(f"{x.node} ({_iso_to_vn(x.date)})" for x in c.candidates)
        c.findings.append(finding("unresolved", f"'{_label(r)}' could be any of: {names}; give the date"))
    elif c.status == "unknown" and r.kind in ("partial", "descriptive", "named"):
        guess = f" (read as {r.target}, which is not known)" if r.target else ""
        c.findings.append(finding(
            "unresolved", f"'{_label(r)}' matches no known document{guess}; cite it in full"))


def _identity(r: Reference) -> tuple | None:
    """Citations of one document, for consistency: type, number and issuing system of the symbol."""
    if not r.number or not r.type:
        return None
    issuer = None
    if r.symbol:
        issuer = re.split(r"[/-]", symbol_key(r.symbol))[-1]
    elif r.issuer_body:
        issuer = r.issuer_body
    return (r.type, r.number.lstrip("0") or "0", issuer)


def check_consistency(citations: list[Citation], refs: list[Reference]) -> None:
    groups: dict[Any, list[int]] = defaultdict(list)
    for i, (c, r) in enumerate(zip(citations, refs)):
        if c.status == "known" and c.node:
            groups[("node", c.node)].append(i)
        elif _identity(r) is not None:
            groups[("id", _identity(r))].append(i)
    flagged: set[int] = set()
    for (_how, _key), idx in groups.items():
        if len(idx) < 2:
            continue
        first_date = next((refs[i].date for i in idx if refs[i].date), None)
        first_sym = next((symbol_key(refs[i].symbol) for i in idx if refs[i].symbol), None)
        first_at = next((i for i in idx if refs[i].date or refs[i].symbol), idx[0])
        for i in idx:
            r = refs[i]
            if i in flagged:
                continue
            why = []
            if r.date and first_date and r.date != first_date:
                why.append(f"dated {_iso_to_vn(r.date)} here and {_iso_to_vn(first_date)} earlier")
            if r.symbol and first_sym and symbol_key(r.symbol) != first_sym:
                why.append(f"numbered {r.symbol} here and {refs[first_at].symbol} earlier")
            if why:
                flagged.add(i)
                citations[i].findings.append(finding(
                    "inconsistent_citation",
                    f"the draft cites this document two ways: {'; '.join(why)} (at offset {refs[first_at].start})"))


# --------------------------------------------------------------------------- suggestions


def suggest(result: ExtractionResult, citations: list[Citation], corpus: Corpus, when: str) -> list[Suggestion]:
    """Bases that comparable plans cite and the draft does not."""
    g = corpus.g
    doc = result.document
    if g is None or not doc.type:
        return []
    implemented = {c.node for c in citations if c.status == "known" and c.node and c.relation == "implements"}
    if not implemented:
        return []
    cited = set()
    for c in citations:
        for x in ([c.known] if c.known else []) + c.candidates:
            cited.add(x.node)
            if x.symbol:
                cited.add(symbol_key(x.symbol))
    peers = []
    for u, a in g.nodes(data=True):
        if not a.get("ingested") or a.get("type") != doc.type or a.get("level") != doc.issuer_level:
            continue
        if a.get("document") == doc.id:
            continue  # the draft itself, when it was ingested too
        if any(v in implemented and e.get("relation") == "implements" for _, v, e in g.out_edges(u, data=True)):
            peers.append(u)
    if len(peers) < MIN_SUPPORT:
        return []
    support: Counter = Counter()
    for u in peers:
        support.update({v for _, v, e in g.out_edges(u, data=True)
                        if e.get("relation") in ("basis", "implements") and v not in implemented and v != u})
    out = []
    n = len(peers)
    for v, k in support.most_common():
        if k < MIN_SUPPORT or k < MIN_SHARE * n:
            continue
        sym = symbol_of(v)
        if v in cited or (sym and symbol_key(sym) in cited):
            continue
        known = corpus.known(v)
        by, on = corpus.replacement_of(known)
        if by and (on is None or on[:10] <= when):
            continue  # comparable plans cite it, but it is no longer in force
        if known.date and known.date[:10] > when:
            continue
        who = sorted(u for u in peers if g.has_edge(u, v))
        out.append(Suggestion(
            code="missing_basis", node=v, support={"k": k, "n": n}, title=known.title, date=known.date,
            peers=who, message=(f"{k} of {n} comparable plans ({doc.type}, {doc.issuer_level} level, implementing "
                                f"{', '.join(sorted(implemented))}) cite {known.symbol or v}"
                                + (f" ({_iso_to_vn(known.date)})" if known.date else "") + "; the draft does not")))
    return out


# --------------------------------------------------------------------------- the verb


def _label(r: Reference) -> str:
    text = " ".join(r.text.split())
    if r.kind == "partial" and r.type and re.fullmatch(r"\d+[A-Za-z]?", text):
        return f"{r.type} số {text}"
    return text


def check_result(result: ExtractionResult, corpus: Corpus, when: str | None = None,
                 against_note: str | None = None) -> CheckReport:
    started = time.perf_counter()
    when_date, basis = draft_date(result, when)
    place = result.document.jurisdiction or result.document.place
    citations: list[Citation] = []
    for r in result.references:
        status, node, known, candidates = lookup(r, corpus, place, when_date)
        c = Citation(start=r.start, end=r.end, text=r.text, kind=r.kind, type=r.type, symbol=r.symbol,
                     written_symbol=r.written_symbol, date=r.date, issuer=r.issuer, relation=r.relation,
                     status=status, node=node, known=known, candidates=candidates, page=r.page,
                     label=_label(r))
        check_citation(c, r, result, corpus, when_date)
        citations.append(c)
    check_consistency(citations, result.references)
    order = list(CODES)
    for c in citations:
        c.findings.sort(key=lambda f: order.index(f.code))
    suggestions = suggest(result, citations, corpus, when_date)
    doc = asdict(result.document)
    report = CheckReport(document=doc, text=result.text, citations=citations, suggestions=suggestions,
                         against="corpus and registry" if corpus.has_graph else "registry only",
                         draft_date=when_date, draft_date_basis=basis)
    if against_note:
        report.notes.append(against_note)
    if basis != "document":
        report.notes.append(f"the draft has no full date; checked as of {_iso_to_vn(when_date)} ({basis})")
    report.seconds = time.perf_counter() - started
    return report


def check_draft(path: str | Path, corpus: str | Path | Corpus | None = "build", when: str | None = None) -> CheckReport:
    """Check a draft (.txt, .docx, .pdf, an image) against a build folder's graph and the registry.
    Raises DraftError when the draft cannot be read."""
    started = time.perf_counter()
    note = None
    if not isinstance(corpus, Corpus):
        corpus, reason = Corpus.load(corpus)
        if reason:
            note = f"checked against the registry alone: {reason}"
    result = extract_draft(path, registry=corpus.registry)
    report = check_result(result, corpus, when, note)
    report.seconds = time.perf_counter() - started
    return report
