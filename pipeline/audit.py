"""How far to trust a build nobody annotated: `audit(build) -> Audit`.

Reads the tables of a build folder (documents, references, nodes) and each document's
`docs/<id>.json` (its text, OCR confidences, warnings) and reports where the graph is weak:

* completeness of each document's own metadata, overall and per source;
* symbol-shaped strings of the text that are part of no reference, grouped by shape;
* references lacking a type, a date or an issuer that the text next to them gives;
* nodes that look wrong: named nodes many documents cite, symbols cited with conflicting dates or
  issuers, symbols one letter apart, documents cited before they were issued;
* documents with no reference, OCR'd pages of low Tesseract confidence, lines that look like page
  chrome;
* the relation mix of each source.

A *source* is the document's folder, and within a folder the prefix its file name shares with its
siblings (`texts/congbao_12.txt` -> `texts/congbao`), so that collections kept in one folder are
told apart.

`Audit.to_json()` is the stable shape documented in ARCHITECTURE.md ("The audit"); every item
carries the `document` id (and `source`) it is about. No printing, no HTML here: see
`pipeline/audit_html.py` and the command line.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePath
from typing import Any, Iterable

from . import patterns as P
from .keys import symbol_key

AUDIT_VERSION = 1
FIELDS = ("type", "symbol", "date", "place", "issuer", "signer")
LOW_CONFIDENCE = 70.0  # mean word confidence (0-100) under which an OCR'd page is listed
MANY_CITERS = 3  # a named node cited by at least this many documents is listed
CONTEXT = 50  # characters either side of an unextracted symbol in its examples
EXAMPLES = 5  # examples kept per shape
NEARBY_BEFORE = 60  # how far before a reference a type word is looked for
NEARBY_AFTER = 120  # how far after a reference its date or issuer is looked for
ONE_RELATION = 0.8  # a source with more of one relation than this share (and enough references) stands out
ONE_RELATION_MIN = 20


class AuditError(Exception):
    """A build folder that cannot be audited (no tables); the message is the one-line reason."""


@dataclass
class Item:
    """Something about one document: where (offsets into its text) and what."""

    document: str
    source: str = ""
    start: int | None = None
    end: int | None = None
    text: str = ""
    detail: str = ""


@dataclass
class Audit:
    build: str
    documents: int = 0  # documents ingested (status ok)
    failed: int = 0
    references: int = 0
    completeness: dict[str, Any] = field(default_factory=dict)
    unextracted: dict[str, Any] = field(default_factory=dict)
    incomplete_references: list[dict[str, Any]] = field(default_factory=list)
    suspicious: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    no_references: list[dict[str, Any]] = field(default_factory=list)
    ocr: dict[str, Any] = field(default_factory=dict)
    chrome: dict[str, Any] = field(default_factory=dict)
    relations: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["version"] = AUDIT_VERSION
        out["summary"] = self.summary()
        return out

    def summary(self) -> dict[str, Any]:
        """The headline figures: what a table or a notebook shows first."""
        overall = self.completeness.get("overall", {})
        return {
            "documents": self.documents,
            "failed": self.failed,
            "references": self.references,
            "completeness": {f: overall.get(f, {}).get("share") for f in FIELDS},
            "unextracted_symbols": self.unextracted.get("total", 0),
            "top_shapes": [(s["shape"], s["count"]) for s in self.unextracted.get("shapes", [])[:10]],
            "incomplete_references": len(self.incomplete_references),
            "suspicious": {k: len(v) for k, v in self.suspicious.items()},
            "no_references": len(self.no_references),
            "low_confidence_pages": len(self.ocr.get("low", [])),
            "chrome_lines": self.chrome.get("lines", 0),
            "references_in_chrome": sum(g["references_inside"] for g in self.chrome.get("groups", [])),
            "one_relation_sources": [r["source"] for r in self.relations if r.get("stands_out")],
        }


# ------------------------------------------------------------------------------------ helpers


def source_group(source: str) -> str:
    """The source of a document: its folder, plus the name prefix it shares with its siblings."""
    path = PurePath(source)
    m = re.match(r"([A-Za-z][A-Za-z-]*?)[_-]?\d+$", path.stem)
    folder = str(path.parent)
    return f"{folder}/{m.group(1)}" if m else folder


def shape(text: str) -> str:
    """`38/2014/TT-BTC` -> `N/N/TT-BTC`: numbers as N, spaces dropped, dashes as `-`, letters kept."""
    s = P.SHAPE_SPACE_RE.sub("", text)
    s = re.sub(f"[{P.DASH}]", "-", s)
    return P.SHAPE_DIGITS_RE.sub("N", s)


def _abbreviation_like(run: str) -> bool:
    """A letter run that reads as part of a symbol: two capitals or more, and at most one small letter
    for every two capitals (`KH`, `CTr`, `TTg`, `QĐi`; not `Cơ`, `Quán`, `lần`)."""
    upper = sum(c.isupper() for c in run)
    return upper >= 2 and len(run) - upper <= upper // 2


def symbol_shaped(text: str) -> bool:
    return any(_abbreviation_like(r) for r in P.LETTER_RUN_RE.findall(text))


def _key(symbol: str) -> str:
    return symbol_key(symbol)


def _context(text: str, start: int, end: int, width: int = CONTEXT) -> str:
    return " ".join(text[max(0, start - width):end + width].split())


def _present(value: Any) -> bool:
    if value is None:
        return False
    try:
        import pandas as pd

        if pd.isna(value):
            return False
    except (TypeError, ValueError):
        pass
    return bool(str(value).strip())


def _none(value: Any) -> Any:
    return value if _present(value) else None


# ------------------------------------------------------------------------------------- loading


@dataclass
class _Doc:
    id: str
    source: str
    date: str | None
    symbol: str | None
    text: str
    refs: list[tuple[int, int]]  # spans of the document's references, sorted
    ocr_pages: list[int]
    ocr_confidence: list[float | None]
    issuer: str | None = None


def _read_tables(build: Path):
    import pandas as pd

    missing = [n for n in ("documents.parquet", "references.parquet", "nodes.parquet") if not (build / n).exists()]
    if missing:
        raise AuditError(f"{build}: not a build folder (no {', '.join(missing)}); run `directives ingest` first")
    try:
        docs = pd.read_parquet(build / "documents.parquet")
        refs = pd.read_parquet(build / "references.parquet")
        nodes = pd.read_parquet(build / "nodes.parquet")
    except Exception as exc:  # a damaged table: one line, not a traceback
        raise AuditError(f"{build}: cannot read its tables: {' '.join(str(exc).split())[:200]}") from None
    return docs, refs, nodes


def _load_doc(build: Path, row: dict, spans: list[tuple[int, int]]) -> _Doc:
    text, pages, conf = "", [], []
    try:
        with open(build / "docs" / f"{row['id']}.json", encoding="utf-8") as f:
            data = json.load(f)
        text = data.get("text") or ""
        d = data.get("document") or {}
        pages = list(d.get("ocr_pages") or [])
        conf = list(d.get("ocr_confidence") or [])
    except (OSError, ValueError):
        pass  # the tables still say what they say; text checks skip this document
    return _Doc(row["id"], row["source"], _none(row.get("date")), _none(row.get("symbol")), text, sorted(spans),
                pages, conf, _none(row.get("issuer_body")) or _none(row.get("issuer")))


# -------------------------------------------------------------------------------------- checks


def _completeness(docs) -> dict[str, Any]:
    total = len(docs)
    overall = {}
    missing: dict[str, list[dict[str, str]]] = {}
    present = {f: docs[f].map(_present) for f in FIELDS}
    for f in FIELDS:
        k = int(present[f].sum())
        overall[f] = {"present": k, "total": total, "share": round(k / total, 4) if total else None}
        missing[f] = [{"document": i, "source": s} for i, s, ok in zip(docs["id"], docs["source"], present[f]) if not ok]
    by_source = []
    groups = docs["source"].map(source_group)
    for g in sorted(set(groups)):
        mask = groups == g
        n = int(mask.sum())
        row: dict[str, Any] = {"source": g, "documents": n}
        for f in FIELDS:
            row[f] = int(present[f][mask].sum())
        by_source.append(row)
    return {"fields": list(FIELDS), "overall": overall, "by_source": by_source, "missing": missing}


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps any of the sorted spans."""
    import bisect

    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    for j in (i, i + 1):
        if 0 <= j < len(spans) and spans[j][0] < end and start < spans[j][1]:
            return True
    return False


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether references cover most of [start, end): a reference that took only the number of a
    symbol (`Nghị định số 64` of `64//2023/NĐ-CP`) did not take the symbol."""
    import bisect

    i = max(0, bisect.bisect_right(spans, (start, float("inf"))) - 1)
    covered = 0
    for s, e in spans[i:]:
        if s >= end:
            break
        covered += max(0, min(e, end) - max(s, start))
    return covered >= 0.6 * (end - start)


def _unextracted(docs: list[_Doc]) -> dict[str, Any]:
    by_shape: dict[str, dict[str, Any]] = {}
    total = 0
    for d in docs:
        own = _key(d.symbol) if d.symbol else None
        for m in P.SYMBOL_WIDE_RE.finditer(d.text):
            written = m.group()
            if not symbol_shaped(written) or _covered(d.refs, m.start(), m.end()):
                continue
            if own and _key(written) == own:
                continue  # the document's own number, wherever it is repeated
            total += 1
            s = shape(written)
            entry = by_shape.setdefault(s, {"shape": s, "count": 0, "documents": set(), "examples": []})
            entry["count"] += 1
            entry["documents"].add(d.id)
            if len(entry["examples"]) < EXAMPLES and all(e["document"] != d.id for e in entry["examples"]):
                entry["examples"].append({"document": d.id, "source": d.source, "start": m.start(), "end": m.end(),
                                          "text": written, "context": _context(d.text, m.start(), m.end())})
    shapes = sorted(by_shape.values(), key=lambda e: (-e["count"], e["shape"]))
    for e in shapes:
        e["documents"] = len(e["documents"])
    return {"total": total, "shapes": shapes}


_DATE_GAP = re.compile(f"{P.WS}*,?(?:[/{P.DASH}][^\\s,;]{{0,20}})?{P.WS}*,?{P.WS}*(?:\\([^)]{{0,40}}\\){P.WS}*,?{P.WS}*)?")
# `của <Issuer>` right after a reference, or after its date.
_ISSUER_NEARBY = re.compile(
    f"^{P.WS}*(?:\\([^)]{{0,40}}\\){P.WS}*)?,?{P.WS}*(?:(?:{P.DATE_RE.pattern}){P.WS}*,?{P.WS}*)?"
    f"(?i:của|do){P.WS}+{P.UP}")


def _incomplete(refs, texts: dict[str, str], sources: dict[str, str]) -> list[dict[str, Any]]:
    """References of kind full or partial with no type, date or issuer that the text right next to
    them gives: a type word just before, a date (nothing but the rest of a broken symbol or a
    parenthesis between) or `của <Issuer>` just after, before the next reference or the end of the
    clause."""
    out = []
    type_before = P.type_before_re()
    by_doc = defaultdict(list)
    for r in refs.itertuples(index=False):
        if r.kind in ("full", "partial"):
            by_doc[r.document].append(r)
    for doc_id, rs in by_doc.items():
        text = texts.get(doc_id, "")
        if not text:
            continue
        rs.sort(key=lambda r: r.start)
        for i, r in enumerate(rs):
            nxt = rs[i + 1].start if i + 1 < len(rs) else len(text)
            after = text[r.end:min(nxt, r.end + NEARBY_AFTER)]
            after = re.split(r"[;\n]", after, maxsplit=1)[0]
            prev = rs[i - 1].end if i else 0
            before = text[max(prev, r.start - NEARBY_BEFORE):r.start]
            found = {}
            if not _present(r.type):
                m = type_before.search(before)
                if m:
                    found["type"] = " ".join(m.group("type").split())
            if not _present(r.date):
                m = P.DATE_RE.search(after) or P.BARE_DATE_RE.search(after)
                # the reference's own date follows it at once (`... 21/2024/NĐ-CP ngày 10/4/2024`); one
                # after other words is another date (`có hiệu lực từ ngày ...`)
                if m and _DATE_GAP.fullmatch(after[:m.start()]):
                    found["date"] = " ".join(m.group().split())
            if not _present(r.issuer):
                m = _ISSUER_NEARBY.match(after)
                if m:
                    found["issuer"] = " ".join(after[m.end() - 1:m.end() + 40].split())
            for f, nearby in found.items():
                out.append({"document": doc_id, "source": sources.get(doc_id, ""), "start": int(r.start),
                            "end": int(r.end), "text": " ".join(str(r.text).split()), "missing": f,
                            "nearby": nearby})
    out.sort(key=lambda x: (x["document"], x["start"], x["missing"]))
    return out


def _suspicious(docs, refs, nodes) -> dict[str, list[dict[str, Any]]]:
    sources = dict(zip(docs["id"], docs["source"]))
    doc_date = {i: _none(d) for i, d in zip(docs["id"], docs["date"])}
    node_date = {n: _none(d) for n, d in zip(nodes["node"], nodes["date"])}
    cited = refs[refs["target"].notna()]

    # Named nodes (documents cited without a number) that many documents cite: a name too general
    # merges different documents into one node.
    named = cited[cited["target"].str.startswith("named:")]
    hubs = []
    for node, group in named.groupby("target"):
        citers = sorted(set(group["document"]))
        if len(citers) >= MANY_CITERS:
            hubs.append({"node": node, "documents": len(citers), "references": len(group),
                         "forms": [f for f, _ in Counter(" ".join(str(t).split()) for t in group["text"]).most_common(5)],
                         "examples": [{"document": d, "source": sources.get(d, "")} for d in citers[:10]]})
    hubs.sort(key=lambda h: (-h["documents"], h["node"]))

    # One symbol, several dates or issuers: either an identity split the resolver should have told
    # apart, or a citation that got the date or issuer wrong.
    with_symbol = refs[refs["symbol"].notna()]
    splits = []
    for sym, group in with_symbol.groupby(with_symbol["symbol"].map(_key)):
        dates = Counter(d for d in group["date"] if _present(d))
        issuers = Counter(_none(b) or _none(i) for b, i in zip(group["issuer_body"], group["issuer"]))
        issuers.pop(None, None)
        if len(dates) > 1 or len(issuers) > 1:
            targets = sorted({t for t in group["target"] if _present(t)})
            written = Counter(group["symbol"]).most_common(1)[0][0]  # the key may be folded: show a spelling
            splits.append({"symbol": written, "key": sym, "dates": dict(dates.most_common()), "issuers": dict(issuers.most_common()),
                           "nodes": targets, "documents": int(group["document"].nunique()),
                           "examples": [{"document": d, "source": sources.get(d, "")}
                                        for d in sorted(set(group["document"]))[:10]]})
    splits.sort(key=lambda s: (-s["documents"], s["symbol"]))

    # Symbols with the same number and letters one character apart (`27-KH/ĐUK`, `27-KH/DUK`): an
    # OCR or typing slip makes a node of its own. Numbers one digit apart are different documents.
    cites_per_node = Counter(cited["target"])
    symbol_nodes = [n for n in nodes["node"] if not n.startswith(("named:", "doc:"))]
    by_number: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for n in symbol_nodes:
        bare = _key(re.split(r"[#@]", n, maxsplit=1)[0])
        number = re.match(r"\d+", bare)
        if number:
            by_number[number.group()].append((n, bare))
    near = []
    from rapidfuzz.distance import Levenshtein

    for number, group in by_number.items():
        letters = sorted({(re.sub(r"\d", "", b), b) for _, b in group})
        for i in range(len(letters)):
            for j in range(i + 1, len(letters)):
                (la, a), (lb, b) = letters[i], letters[j]
                if a != b and la != lb and Levenshtein.distance(la, lb, score_cutoff=1) == 1 and \
                        Levenshtein.distance(a, b, score_cutoff=1) == 1:
                    na = [n for n, x in group if x == a]
                    nb = [n for n, x in group if x == b]
                    near.append({"a": re.split(r"[#@]", na[0], maxsplit=1)[0],
                                 "b": re.split(r"[#@]", nb[0], maxsplit=1)[0], "nodes_a": na, "nodes_b": nb,
                                 "cited_a": sum(cites_per_node[n] for n in na),
                                 "cited_b": sum(cites_per_node[n] for n in nb)})
    near.sort(key=lambda x: (-(x["cited_a"] + x["cited_b"]), x["a"], x["b"]))

    # A document cited before it was issued: the citing document's date is earlier than the cited
    # node's (one of the two dates, or the resolution, is wrong).
    early = []
    seen = set()
    for r in cited.itertuples(index=False):
        d0, t0 = doc_date.get(r.document), node_date.get(r.target)
        if d0 and t0 and t0 > d0 and (r.document, r.target) not in seen:
            seen.add((r.document, r.target))
            early.append({"document": r.document, "source": sources.get(r.document, ""), "start": int(r.start),
                          "end": int(r.end), "text": " ".join(str(r.text).split()), "node": r.target,
                          "document_date": d0, "node_date": t0})
    early.sort(key=lambda x: (x["document"], x["start"]))
    return {"named_hubs": hubs, "identity_splits": splits, "one_apart": near, "cited_before_issued": early}


def _chrome(docs: list[_Doc]) -> dict[str, Any]:
    """Lines that look like what a page adds around the text: page numbers, web addresses, print
    stamps, web page menus, the gazette's running head (patterns.CHROME_LINE_RE), page numbers at the
    edge of a page, and lines repeated at the edge of three pages or more of one document (running
    headers and footers)."""
    out = []
    for d in docs:
        if not d.text:
            continue
        for m in P.CHROME_LINE_RE.finditer(d.text):
            if m.group().strip():
                out.append({"document": d.id, "source": d.source, "start": m.start(), "end": m.end(),
                            "text": m.group().strip()[:160], "why": "pattern"})
        if "\f" in d.text:
            seen: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
            pos = 0
            for page, chunk in enumerate(d.text.split("\f")):
                lines = [(m.start() + pos, m.end() + pos, m.group().strip()) for m in re.finditer(r"[^\n]+", chunk)]
                lines = [x for x in lines if x[2]]
                edges = lines[:3] + lines[-3:] if len(lines) > 6 else lines
                for s, e, line in edges:
                    seen[P.SHAPE_DIGITS_RE.sub("#", line)].append((page, s, e))
                for s, e, line in lines[:1] + lines[-1:]:
                    if P.PAGE_NUMBER_LINE_RE.match(line):
                        out.append({"document": d.id, "source": d.source, "start": s, "end": e, "text": line,
                                    "why": "page number"})
                pos += len(chunk) + 1
            for line, where in seen.items():
                pages = {p for p, _, _ in where}
                if len(pages) >= 3 and len(line) >= 6:
                    for _, s, e in where:
                        out.append({"document": d.id, "source": d.source, "start": s, "end": e,
                                    "text": d.text[s:e].strip()[:160], "why": "repeated at page edges"})
    out.extend(_shared_lines(docs))
    by_doc = {d.id: d for d in docs}
    seen_items = set()
    groups: dict[str, dict[str, Any]] = {}
    total = 0
    for x in out:  # a line both matched and repeated is counted once
        k = (x["document"], x["start"])
        if k in seen_items:
            continue
        seen_items.add(k)
        total += 1
        line = P.SHAPE_DIGITS_RE.sub("#", " ".join(x["text"].split()))
        g = groups.setdefault(line, {"line": line, "why": x["why"], "count": 0, "documents": set(),
                                     "references_inside": 0, "examples": []})
        g["count"] += 1
        g["documents"].add(x["document"])
        inside = sum(1 for s, e in by_doc[x["document"]].refs if s < x["end"] and x["start"] < e)
        g["references_inside"] += inside
        if len(g["examples"]) < EXAMPLES and all(e["document"] != x["document"] for e in g["examples"]):
            g["examples"].append(x)
    ordered = sorted(groups.values(), key=lambda g: (-g["count"], g["line"]))
    for g in ordered:
        g["documents"] = len(g["documents"])
    return {"lines": total, "groups": ordered}


SHARED_MIN_LENGTH = 25  # a line shorter than this is too common to tell chrome from form
SHARED_MIN_DOCUMENTS = 5
SHARED_SHARE = 0.3  # of the source's documents
SHARED_ISSUERS = 3  # documents of one issuer share their template, not chrome


def _shared_lines(docs: list[_Doc]) -> list[dict[str, Any]]:
    """Lines that many documents of one source share word for word (numbers aside) and that are not
    the documents' own form (patterns.FORM_LINE_RE): what the site or the gazette printed around
    them (a portal's notices, a signature stamp), among documents of several issuers (one issuer's
    documents share a template)."""
    line_re = re.compile(r"[^\n\f]+")
    per_source: dict[str, Counter] = defaultdict(Counter)
    issuers: dict[tuple[str, str], set] = defaultdict(set)
    size = Counter()
    keys_of: dict[str, set[str]] = {}
    for d in docs:
        g = source_group(d.source)
        size[g] += 1
        keys = set()
        for m in line_re.finditer(d.text):
            line = m.group().strip()
            if len(line) >= SHARED_MIN_LENGTH:
                keys.add(P.SHAPE_DIGITS_RE.sub("#", " ".join(line.split())))
        keys_of[d.id] = keys
        per_source[g].update(keys)
        for k in keys:
            if len(issuers[(g, k)]) < SHARED_ISSUERS:
                issuers[(g, k)].add(d.issuer)
    out = []
    for d in docs:
        g = source_group(d.source)
        limit = max(SHARED_MIN_DOCUMENTS, SHARED_SHARE * size[g])
        shared = {k for k in keys_of[d.id] if per_source[g][k] >= limit and len(issuers[(g, k)]) >= SHARED_ISSUERS
                  and not P.FORM_LINE_RE.match(k)}
        if not shared:
            continue
        for m in line_re.finditer(d.text):
            line = m.group().strip()
            if len(line) < SHARED_MIN_LENGTH:
                continue
            if P.SHAPE_DIGITS_RE.sub("#", " ".join(line.split())) in shared:
                start = m.start() + len(m.group()) - len(m.group().lstrip())
                out.append({"document": d.id, "source": d.source, "start": start, "end": start + len(line),
                            "text": line[:160], "why": f"in {per_source[g][P.SHAPE_DIGITS_RE.sub('#', ' '.join(line.split()))]} documents of its source"})
    return out


def _ocr(docs: list[_Doc], threshold: float) -> dict[str, Any]:
    pages = known = 0
    low = []
    histogram = Counter()
    for d in docs:
        for i, page in enumerate(d.ocr_pages):
            pages += 1
            c = d.ocr_confidence[i] if i < len(d.ocr_confidence) else None
            if c is None:
                continue
            known += 1
            histogram[min(9, int(c // 10))] += 1
            if c < threshold:
                low.append({"document": d.id, "source": d.source, "page": page, "confidence": c})
    low.sort(key=lambda x: (x["confidence"], x["document"], x["page"]))
    return {"pages": pages, "with_confidence": known, "threshold": threshold, "low": low,
            "histogram": [histogram.get(b, 0) for b in range(10)]}


def _relations(docs, refs) -> list[dict[str, Any]]:
    from .model import RELATIONS

    groups = dict(zip(docs["id"], docs["source"].map(source_group)))
    counts: dict[str, Counter] = defaultdict(Counter)
    for doc_id, rel in zip(refs["document"], refs["relation"]):
        counts[groups.get(doc_id, "?")][rel] += 1
    out = []
    for g in sorted(set(groups.values()) | set(counts)):
        c = counts.get(g, Counter())
        n = sum(c.values())
        top, k = (c.most_common(1)[0] if c else (None, 0))
        row: dict[str, Any] = {"source": g, "references": n}
        row.update({r: c.get(r, 0) for r in RELATIONS})
        row["top"] = top
        row["stands_out"] = bool(n >= ONE_RELATION_MIN and k / n > ONE_RELATION)
        out.append(row)
    return out


# ---------------------------------------------------------------------------------------- verb


def audit(build: str | Path, low_confidence: float = LOW_CONFIDENCE) -> Audit:
    """Audit a build folder (the output of `directives ingest`). Raises AuditError when it has no
    tables. OCR'd pages whose mean word confidence is under `low_confidence` are listed."""
    build = Path(build)
    all_docs, refs, nodes = _read_tables(build)
    ok = all_docs[all_docs["status"] == "ok"].reset_index(drop=True)
    ok_ids = set(ok["id"])
    refs = refs[refs["document"].isin(ok_ids)].reset_index(drop=True)
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for d, s, e in zip(refs["document"], refs["start"], refs["end"]):
        spans[d].append((int(s), int(e)))
    loaded = [_load_doc(build, row, spans.get(row["id"], [])) for row in ok.to_dict("records")]
    texts = {d.id: d.text for d in loaded}
    sources = dict(zip(ok["id"], ok["source"]))
    n_refs = refs.groupby("document").size()
    result = Audit(build=str(build), documents=len(ok), failed=int((all_docs["status"] == "failed").sum()),
                   references=len(refs))
    result.completeness = _completeness(ok)
    result.unextracted = _unextracted(loaded)
    result.incomplete_references = _incomplete(refs, texts, sources)
    result.suspicious = _suspicious(ok, refs, nodes)
    result.no_references = [{"document": i, "source": s} for i, s in zip(ok["id"], ok["source"])
                            if int(n_refs.get(i, 0)) == 0]
    result.ocr = _ocr(loaded, low_confidence)
    result.chrome = _chrome(loaded)
    result.relations = _relations(ok, refs)
    return result


def iter_items(a: Audit) -> Iterable[tuple[str, dict[str, Any]]]:
    """Every listed item with the section it is in (for a flat table or a search by document)."""
    for f, items in a.completeness.get("missing", {}).items():
        for x in items:
            yield f"missing_{f}", x
    for s in a.unextracted.get("shapes", []):
        for x in s["examples"]:
            yield "unextracted", x
    for x in a.incomplete_references:
        yield "incomplete_reference", x
    for k, items in a.suspicious.items():
        for x in items:
            yield k, x
    for x in a.no_references:
        yield "no_references", x
    for x in a.ocr.get("low", []):
        yield "low_confidence", x
    for g in a.chrome.get("groups", []):
        for x in g["examples"]:
            yield "chrome", x
