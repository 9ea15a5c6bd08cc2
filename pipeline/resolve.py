"""Resolution: which document a citation means.

Two verbs:
    resolve_document(result)     in one document: short forms (`Quyết định số 290 của Bộ Chính trị`,
                                 `79/CP`, `Nghị quyết Hội nghị lần thứ bảy ... khóa XI`) to the full
                                 symbol, from the document itself, the registry, or the grammar
                                 (central Party bodies all use `/TW`). Sets `Reference.target`.
    resolve_corpus(results)      across the corpus: graph node ids. A symbol alone is not an identity:
                                 Party numbers restart every term and every province reuses `/TU`, so
                                 citations of one symbol are split by year and, for local bodies, by
                                 jurisdiction; a citation with less information joins the one
                                 compatible document, or is marked ambiguous.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from .keys import fold, roman_term, symbol_key
from .laws import (ALIAS_RE, LAW_TYPES, LawBook, all_statements, amended_by, document_statements, in_force_at,
                   load_laws, name_key)
from .copies import copy_groups, edit_distance_one
from .model import Chain, ExtractionResult, Reference
from . import patterns as P
from .patterns import DESCRIPTIVE_RE, ORDINALS
from .reference import abbreviation_for, bodies_by_abbreviation, central_party_bodies
from .registry import Registry, load_registry



def resolve_document(result: ExtractionResult, registry: Registry | None = None) -> ExtractionResult:
    registry = registry or load_registry()
    refs = result.references
    full_by_number: dict[tuple[str | None, str], list[Reference]] = defaultdict(list)
    for r in refs:
        if r.kind == "full" and r.number and r.symbol:
            full_by_number[(r.type, r.number.lstrip("0"))].append(r)
    statements = document_statements(r.sentence for r in refs if r.kind == "full") if any(
        r.kind == "named" and r.type in LAW_TYPES for r in refs) else {}
    for r in refs:
        r.target = _resolve_one(r, refs, full_by_number, registry, result.document.date, statements)
    _same_plenum(refs)
    _name_chains(result)
    if result.named_within:
        # The laws an amending law's name gives are no citations of this document, and an edge to one the
        # document does not cite apart is not one it states between two documents it cites.
        inner = set(result.named_within)
        result.references = [r for i, r in enumerate(refs) if i not in inner]
        result.named_within = []
        cited = {name for r in result.references for name in (r.symbol, r.target) if name}
        result.chains = [c for c in result.chains if c.source in cited and c.target in cited]
    return result


def _same_plenum(refs: list[Reference]) -> None:
    """`Nghị quyết Hội nghị lần thứ bảy` without its term (cut off by a line, or misread) is the plenum of
    that number the document cites with its term, when all such citations mean one resolution."""
    for r in refs:
        if r.target or r.kind != "descriptive":
            continue
        key = _plenum_key(r.text)
        if not key or key[1]:
            continue
        found = {o.target for o in refs if o.kind == "descriptive" and o.target
                 and (_plenum_key(o.text) or (None, None))[0] == key[0]}
        if len(found) == 1:
            r.target = next(iter(found))


def _name_chains(result: ExtractionResult) -> None:
    """Chains are named by the documents' symbols, known once short and descriptive forms are resolved."""
    refs = result.references
    seen = {(c.source, c.target, c.relation) for c in result.chains}
    for i, j, rel in result.stated_chains:
        a, b = refs[i], refs[j]
        source, target = a.symbol or a.target, b.symbol or b.target
        if not source or not target or source == target or (source, target, rel) in seen:
            continue
        seen.add((source, target, rel))
        result.chains.append(Chain(source=source, target=target, relation=rel, start=a.start, end=b.end))
    result.stated_chains = []


def in_force(entries: list, as_of: str | None):
    """Of several documents sharing a name (the Bộ luật Lao động of 2012 and of 2019), the one in force
    at the citing document's date: adopted by then, not yet replaced, and not the replacement of
    another still in force. None when that date is unknown or nothing fits."""
    if len(entries) == 1:
        return entries[0]
    if not as_of:
        return None
    live = [e for e in entries if e.date and e.date <= as_of and not (e.replaced_on and e.replaced_on <= as_of)]
    waiting = {e.replaced_by for e in live if e.replaced_by}
    live = [e for e in live if e.symbol not in waiting] or live
    return max(live, key=lambda e: e.date) if live else None


def _resolve_one(r: Reference, refs: list[Reference], full_by_number, registry: Registry,
                 as_of: str | None = None, statements: dict | None = None) -> str | None:
    if r.kind == "full":
        return r.symbol
    if r.kind == "partial":
        number = (r.number or "").lstrip("0")
        # 1. The same document cited in full elsewhere in this text.
        same = [f for f in full_by_number.get((r.type, number), [])
                if not r.issuer_body or not f.issuer_body or f.issuer_body == r.issuer_body]
        if len({f.symbol for f in same}) == 1:
            return same[0].symbol
        # 2. An old-style State symbol or a short form the registry settles.
        body = r.issuer_body
        if r.symbol and "/" in r.symbol and not body:
            abbr = r.symbol.split("/")[-1]
            b = bodies_by_abbreviation().get(abbr)
            body = b.canonical if b else None
        found = registry.find(r.type, r.number, body, r.year if r.date else None)
        if len(found) == 1 and found[0].symbol:
            return found[0].symbol
        # 3. Central Party bodies number with `/TW`: `Quyết định số 290 của Bộ Chính trị` is 290-QĐ/TW.
        if body in central_party_bodies() and r.type:
            abbr = abbreviation_for(r.type, "party")
            if abbr:
                return f"{r.number}-{abbr}/TW"
        return None
    if r.kind == "descriptive":
        # An appositive in the same sentence: `Nghị quyết Hội nghị lần thứ bảy ... (Nghị quyết số 25-NQ/TW ...)`.
        for f in refs:
            if f.kind == "full" and f.type == r.type and f.sentence and f.sentence == r.sentence and f.start > r.end:
                between_paren = True
                if between_paren:
                    return f.symbol
        key = _plenum_key(r.text)
        if key:
            plenum, term = key
            found = [e for e in registry.find_plenum(plenum, term)]
            # One plenum passes several resolutions (TW7 khóa XI: 24-NQ/TW and 25-NQ/TW): when the text
            # names the subject, it must agree with the registry's title.
            subject = _subject_after(r)
            if subject:
                found = [e for e in found if not e.title or _overlap(subject, e.title) >= 0.5]
            if len(found) == 1:
                return found[0].symbol
            # The same plenum resolved elsewhere in the document.
            for other in refs:
                if other is not r and other.kind == "descriptive" and _plenum_key(other.text) == key and other.target:
                    return other.target
        entry = in_force(registry.all_by_alias(r.text), as_of)
        return entry.symbol if entry else None
    if r.kind == "named":
        if r.type in NUMBERED_LAW_TYPES:
            symbol, _how, _name = _shipped_laws().resolve(r.text, r.sentence, as_of, statements, guided_on(r, refs))
            if symbol:
                return symbol
        entry = in_force(registry.all_by_alias(r.text), as_of)
        return entry.symbol if entry and entry.symbol else None
    return None


def guided_on(r: Reference, refs: list[Reference]) -> str | None:
    """`Nghị định số 31/2013/NĐ-CP ngày 09 tháng 4 năm 2013 ... quy định chi tiết, hướng dẫn thi hành ...
    của Pháp lệnh X`: the date of the dated document the same clause says details or guides the named
    law; that document guides the version passed by its date, whatever is in force when it is cited."""
    if not r.sentence:
        return None
    flat = " ".join(r.sentence.split())
    j = flat.find(" ".join(r.text.split()))
    if j < 0:
        return None
    best: tuple[int, str] | None = None  # the nearest such document before the name
    for f in refs:
        if f.kind != "full" or not f.date or f.sentence != r.sentence or f.start >= r.start:
            continue
        written = " ".join(f.text.split())
        i = flat.find(written)
        if 0 <= i < j and P.GUIDES_LAW_RE.fullmatch(flat[i + len(written): j]) and (best is None or i > best[0]):
            best = (i, f.date)
    return best[1] if best else None


# Laws, codes and ordinances carry numbers (25/2008/QH12); the Constitution is cited by year.
NUMBERED_LAW_TYPES = tuple(t for t in LAW_TYPES if t != "Hiến pháp")


def _shipped_laws() -> LawBook:
    global _SHIPPED
    if _SHIPPED is None:
        _SHIPPED = LawBook(load_laws())
    return _SHIPPED


_SHIPPED: LawBook | None = None


def corpus_laws(results: Iterable[ExtractionResult]) -> LawBook:
    """The shipped list of laws plus what the corpus states (`Luật X số N`), each document as evidence."""
    book = LawBook(load_laws())
    for res in results:
        sentences = _law_sentences(res)
        if sentences:
            book.learn([s for t in sentences for s in all_statements(t)], res.document.id,
                       [a for t in sentences for a in amended_by(t)])
    return book.finish()


def as_of_document(res: ExtractionResult) -> str | None:
    """The date a document speaks at: its own, else the latest it cites, else its number's year."""
    return res.document.date or _latest_cited(res) or _year_of_symbol(res.document.symbol)


def constitution(r: Reference, as_of: str | None) -> tuple[str, str] | None:
    """(node, how) of a Constitution cited by name: the one of the year written with it (`Hiến pháp năm
    1992`; a year no Constitution was adopted in, `sửa đổi năm 2001`, is an amendment's: the one in force
    then), else the one in force at the citing date (plain `Hiến pháp`; the 2013 Constitution amended in
    2025 is still the 2013 one), else (no date) the one in force now. The versions are laws.csv's.""" 
    versions = [law for law in load_laws() if law.type == "Hiến pháp" and law.date]
    if not versions:
        return None
    text = " ".join(r.text.split())
    flat = " ".join((r.sentence or "").split())
    i = flat.find(text)
    m = P.CONSTITUTION_YEAR_IN_RE.search(text) or (P.CONSTITUTION_YEAR_AFTER_RE.match(flat, i + len(text))
                                                   if i >= 0 else None)
    amended = P.CONSTITUTION_AMENDED_RE.match(flat, i + len(text)) if i >= 0 and not m else None
    if m:
        year = int(m.group(1))
        same = [v for v in versions if v.year == year]
        found, how = (same[0] if len(same) == 1 else in_force_at(versions, f"{year}-12-31")), "year"
    elif amended:  # amended by a resolution of that year: the Constitution in force then
        found, how = in_force_at(versions, f"{amended.group(1)}-12-31"), "amended"
    elif as_of:
        found, how = in_force_at(versions, as_of), "date"
    else:  # no date to go by: the registry's Constitution, the one in force now
        found, how = max(versions, key=lambda v: v.date), "registry"
    return (f"named:Hiến pháp:hiến pháp năm {found.year}", how) if found else None


def _alias_after(name: str, sentence: str) -> str | None:
    """`X (sau đây gọi là Luật PPP)`: the short name the text gives X, as a name key."""
    flat = " ".join(sentence.split())
    i = flat.find(name)
    m = ALIAS_RE.match(flat, i + len(name)) if i >= 0 else None
    return name_key(m.group(1)) if m else None


def _year_of_symbol(symbol: str | None) -> str | None:
    """`82/2025/NQ-HĐND`: a document with neither date nor dated citations is of its number's year."""
    m = re.search(r"/((?:19|20)\d\d)/", symbol or "")
    return f"{m.group(1)}-07-01" if m else None


def _latest_cited(res: ExtractionResult) -> str | None:
    """A document without a date of its own is no older than the latest document it cites."""
    dates = [r.date for r in res.references if r.date]
    return max(dates) if dates else None


def _law_sentences(res: ExtractionResult) -> list[str]:
    """Sentences of a document that cite a law by number, each once."""
    # `QH` is in every such number (25/2008/QH12, 34/2007/PL-UBTVQH11): most symbols skip the regex.
    return list(dict.fromkeys(r.sentence for r in res.references
                              if r.kind == "full" and r.sentence and r.symbol and "QH" in r.symbol
                              and _LAW_NUMBER.search(r.symbol)))


_LAW_NUMBER = re.compile(r"/(?:19|20)\d\d/(?:QH|PL-UBTVQH|UBTVQH)\d")

# How a target was reached, as references.parquet records it.
RESOLUTIONS = {
    "symbol": "symbol as written",
    "stated": "number written with the name",
    "document": "corpus statement: the citing document gives the name with its number",
    "year": "year written with the name",
    "amended": "date rule at the year of `sửa đổi, bổ sung năm`",
    "date": "date rule: in force at the citing document's date",
    "only": "the only known version",
    "guided": "the version passed by the date of the document the sentence says details or guides it",
    "short": "short form resolved in the document",
    "registry": "registry name",
    "ocr_snap": "a symbol OCR misread, one character from the one known document of that date and issuer; or a "
                "name OCR misread that reads as the one known name without tone marks and punctuation",
    "alias": "a short name another document of the corpus defines (`sau đây gọi là ...`)",
}


_ORD = None


def _plenum_key(text: str) -> tuple[str, str | None] | None:
    m = DESCRIPTIVE_RE.search(text)
    if not m:
        return None
    plenum = m.group("ord") or m.group("num") or m.group("snum")
    if not plenum:
        return None
    plenum = str(ORDINALS.get(re.sub(r"\s+", " ", plenum.lower()), plenum)).upper()
    term = m.group("term") or m.group("sterm")
    if term and term.isdigit():
        term = roman_term(term)
    return plenum, (term.upper() if term else None)


# --------------------------------------------------------------------------- across the corpus


@dataclass
class _Instance:
    year: int | None
    place: str | None
    written_place: str | None = None  # as the citing document spells it


@dataclass
class NodeTable:
    """Node id of every (symbol, year, place) the corpus mentions."""

    assign: dict[tuple[str, int | None, str | None], str] = field(default_factory=dict)
    ambiguous: set[str] = field(default_factory=set)
    # (doc id, ref index) -> (how the target was reached, where the version was known from); see
    # `resolution_of` for the values.
    how: dict[tuple[str, int], tuple[str, str | None]] = field(default_factory=dict)
    laws: "LawBook | None" = None
    snapped: dict[str, str] = field(default_factory=dict)  # symbol as OCR read it -> the known one
    copies: dict[str, str] = field(default_factory=dict)  # doc id -> the doc id of the copy it joins
    warnings: list[tuple[str, str, str]] = field(default_factory=list)  # (doc id, code, message)


def is_local(symbol: str) -> bool:
    """Local bodies (provinces, districts, units) reuse abbreviations everywhere: `/TU`, `/ĐUK`, `-UBND`."""
    s = symbol_key(symbol).upper()  # abbreviations are looked up as bodies.csv writes them
    if re.match(r"^\d+[A-Z]?/\d{4}/", s):
        return False  # a State symbol with its year is unique
    issuer = re.split(r"[/-]", s)[-1].rstrip("0123456789")
    if "/" in s and "-" in s.split("/", 1)[1] and not re.match(r"^\d+[A-Z]?-", s):
        issuer = s.split("/", 1)[1].split("-")[1] if len(s.split("/", 1)[1].split("-")) > 1 else issuer
    body = bodies_by_abbreviation().get(issuer)
    return body is None or body.level != "central"


def place_key(place: str | None) -> str | None:
    """Places compared without case and diacritics: OCR's `Trà Vĩnh` is `Trà Vinh`."""
    if not place:
        return None
    import unicodedata

    base = unicodedata.normalize("NFD", place.replace("Đ", "D").replace("đ", "d"))
    return " ".join("".join(c for c in base if not unicodedata.combining(c)).lower().split())


def build_node_table(instances: dict[str, list[_Instance] | dict[tuple[int | None, str | None], int]]) -> NodeTable:
    """Node ids of each symbol's citations: `instances` gives, per symbol, its (year, place) citations,
    one by one or counted ({(year, place): times cited}, in the order first met)."""
    table = NodeTable()
    place_keys: dict[str, str | None] = {}
    assign = table.assign

    def pkey(place: str) -> str | None:
        found = place_keys.get(place)
        if found is None:
            found = place_keys[place] = place_key(place)
        return found

    for symbol, seen in instances.items():
        if isinstance(seen, list):
            counted: dict[tuple[int | None, str | None], int] = {}
            for inst in seen:
                counted[(inst.year, inst.place)] = counted.get((inst.year, inst.place), 0) + 1
            seen = counted
        local = is_local(symbol)
        if len(seen) == 1:
            # Cited one way only: one cluster, the symbol itself (most symbols of a large corpus).
            ((year, place),) = seen
            assign[(symbol, year, (place or None) if local else None)] = symbol
            continue
        # One spelling per place (the most frequent), so OCR's variants join the same document.
        counts: dict[str, int] = defaultdict(int)
        for (_year, place), n in seen.items():
            if place:
                counts[place] += n
        spelling: dict[str | None, str] = {}
        for place in sorted(counts, key=lambda p: -counts[p]):
            spelling.setdefault(pkey(place), place)
        # Each (year, place as written) is placed once, in the order first met (a repeat is compatible
        # with what its first placing made, so it changes no cluster and gets the same node).
        items = [(year, spelling.get(pkey(place)) if place else None, place) for year, place in seen]
        clusters = _Clusters()
        # Fully known instances first, then partial ones attach to the one compatible cluster.
        for year, spelled, _written in sorted(items, key=lambda i: (i[0] is None, (i[1] is None) or not local)):
            place = spelled if local else None
            compatible = clusters.compatible(year, place)
            if not compatible:
                clusters.add(year, place)
            elif len(compatible) == 1:
                (c_year, c_place), = compatible
                if (c_year is None and year is not None) or (c_place is None and place is not None):
                    clusters.replace((c_year, c_place), (c_year or year, c_place or place))
        several_years = len({y for y, _ in clusters.all if y}) > 1
        several_places = len({p for _, p in clusters.all if p}) > 1

        def node_of(c: tuple[int | None, str | None]) -> str:
            node = symbol
            if several_places and c[1]:
                node += f"#{c[1]}"
            if several_years and c[0]:
                node += f"@{c[0]}"
            return node

        for year, spelled, written in items:
            key = (symbol, year, (written or None) if local else None)
            if key in assign:
                continue  # the same year and spelling of the place give the same node: once per pair
            compatible = clusters.compatible(year, spelled if local else None)
            if len(compatible) == 1:
                assign[key] = node_of(compatible[0])
            else:
                assign[key] = symbol
                table.ambiguous.add(symbol)
    return table


class _Clusters:
    """The documents one symbol stands for, each a (year, place) with either unknown, indexed so that
    those compatible with a citation are found without a scan (a symbol reused by every province and
    every term has hundreds). No two clusters are equal: a citation that would make one equal to
    another was compatible with both, and attaches to neither."""

    def __init__(self) -> None:
        self.all: dict[tuple[int | None, str | None], None] = {}
        self.by_year: dict[int | None, dict[str | None, None]] = defaultdict(dict)
        self.by_place: dict[str | None, dict[int | None, None]] = defaultdict(dict)

    def add(self, year: int | None, place: str | None) -> None:
        self.all[(year, place)] = None
        self.by_year[year][place] = None
        self.by_place[place][year] = None

    def replace(self, old: tuple[int | None, str | None], new: tuple[int | None, str | None]) -> None:
        del self.all[old], self.by_year[old[0]][old[1]], self.by_place[old[1]][old[0]]
        self.add(*new)

    def compatible(self, year: int | None, place: str | None) -> list[tuple[int | None, str | None]]:
        """Clusters that agree with (year, place) wherever both are known."""
        if year is not None and place is not None:
            return [c for c in ((year, place), (year, None), (None, place), (None, None)) if c in self.all]
        if year is not None:
            return [(year, p) for p in self.by_year.get(year, ())] + [(None, p) for p in self.by_year.get(None, ())]
        if place is not None:
            return [(y, place) for y in self.by_place.get(place, ())] + [(y, None) for y in self.by_place.get(None, ())]
        return list(self.all)


def _canonical_symbol(symbol: str) -> str:
    """One spelling per symbol: spaces and dashes normalized, `Ð` -> `Đ`, T.Ư -> TW; case kept."""
    s = re.sub(r"\s+", "", symbol).replace("Ð", "Đ").replace("ð", "đ").replace("T.Ư", "TW").replace("TƯ", "TW")
    return re.sub(r"[\u2010-\u2014\u2212]", "-", s)


def named_node(r: Reference) -> str:
    name = fold(re.sub(r"\s+", " ", r.text))
    name = re.sub(r"\s+(?:ngày|năm)\s.*$", "", name)
    return f"named:{r.type or 'văn bản'}:{name}"


def resolve_corpus(results: Iterable[ExtractionResult], registry: Registry | None = None):
    """Assign graph node ids to every document and every reference of the corpus.

    Returns (doc_nodes: {doc id: node}, ref_targets: {(doc id, ref index): node},
    chain_nodes: {(doc id, chain index): (source node, target node)}, node_table)."""
    registry = registry or load_registry()
    results = list(results)
    laws = corpus_laws(results)
    # symbol -> {(year, place): times cited}, in the order first met
    instances: dict[str, dict[tuple[int | None, str | None], int]] = defaultdict(dict)

    place_snaps: dict[str, tuple[str, str]] = {}

    def place_of(res: ExtractionResult, ref: Reference | None = None) -> str | None:
        snapped = place_snaps.get(res.document.id)
        if ref is not None and ref.jurisdiction:
            # a local body's citation is placed where the citing document is: where it was misread too
            return snapped[1] if snapped and ref.jurisdiction == snapped[0] else ref.jurisdiction
        return snapped[1] if snapped else res.document.jurisdiction or res.document.place

    # Named laws first: which numbered version each citation means, from the corpus's own statements.
    law_targets: dict[tuple[str, int], tuple[str, str, str]] = {}
    aliases: dict[str, set[str]] = {}
    for res in results:
        d = res.document
        named = [i for i, r in enumerate(res.references) if r.kind == "named" and r.type in NUMBERED_LAW_TYPES]
        if not named:
            continue
        own = document_statements(_law_sentences(res))
        as_of = d.date or _latest_cited(res) or _year_of_symbol(d.symbol)
        # A name the document gives with its number or its date of passing (`Căn cứ Bộ luật Lao động
        # ngày 20 tháng 11 năm 2019`) means that version wherever else the document names it.
        dated: dict[str, set[str]] = {}
        guided = {i: guided_on(res.references[i], res.references) for i in named}
        for i in named:
            r = res.references[i]
            symbol, how, name = laws.resolve(r.text, r.sentence, as_of, own, guided[i])
            if symbol and how == "year":
                dated.setdefault(name_key(name), set()).add(symbol.upper())
        for key, symbols in dated.items():
            own[key] = own.get(key, set()) | symbols  # with the numbers it states: the newest is meant
        for i in named:
            r = res.references[i]
            symbol, how, name = laws.resolve(r.text, r.sentence, as_of, own, guided[i])
            if not symbol and d.ocr_pages:
                symbol, how, name = _misread_law(laws, r, as_of, own, guided[i])
            if symbol:
                alias = _alias_after(name, r.sentence)
                if alias:
                    own.setdefault(alias, set()).add(symbol.upper())
                    aliases.setdefault(alias, set()).add(symbol.upper())
                law = laws.by_symbol.get(symbol.upper())
                law_targets[(d.id, i)] = (symbol, how, law.origin if law else "corpus")

    # A short name one document defines (`... (sau đây gọi là Luật PPP)`) is understood in the others.
    if aliases:
        for res in results:
            for i, r in enumerate(res.references):
                if (r.kind == "named" and r.type in NUMBERED_LAW_TYPES and (res.document.id, i) not in law_targets):
                    found = aliases.get(name_key(laws.complete(r.text, r.sentence)[0]), set())
                    if len(found) == 1:
                        law_targets[(res.document.id, i)] = (next(iter(found)), "alias", "corpus")

    snap = ocr_snaps(results)
    # Every function of a symbol below is asked again and again of the few thousand distinct ones.
    canonical: dict[str, str] = {}
    canons: dict[str, str] = {}
    locals_: dict[str, bool] = {}

    def canonical_of(symbol: str) -> str:
        c = canonical.get(symbol)
        if c is None:
            c = canonical[symbol] = _canonical_symbol(symbol)
        return c

    def canon(symbol: str) -> str:
        c = canons.get(symbol)
        if c is None:
            c = canonical_of(symbol)
            c = canons[symbol] = snap.get(c, c)
        return c

    def cited(symbol: str, year: int | None, place: str | None) -> None:
        seen = instances[canons.get(symbol) or canon(symbol)]
        seen[(year, place)] = seen.get((year, place), 0) + 1

    place_snaps.update(ocr_place_snaps(results, canon, place_of))
    for res in results:
        d = res.document
        own_place = place_of(res)
        sp = place_snaps.get(d.id)  # a scan's misread place: its citations of local bodies take the copy's
        if d.symbol:
            cited(d.symbol, int(d.date[:4]) if d.date else None, own_place)
        for i, r in enumerate(res.references):
            if r.kind == "named":  # only a named law the corpus settled has a numbered node
                law = law_targets.get((d.id, i)) if law_targets and r.type in NUMBERED_LAW_TYPES else None
                if law:
                    cited(law[0], None, None)
                continue
            target = r.target
            if target and not target.startswith(("named:", "registry:")):
                date = r.date
                # cited() inline: this loop runs once per reference of the corpus
                seen = instances[canons.get(target) or canon(target)]
                key = (int(date[:4]) if date and (target == r.symbol or r.kind == "full") else None,
                       (r.jurisdiction if sp is None or r.jurisdiction != sp[0] else sp[1]) or own_place)
                seen[key] = seen.get(key, 0) + 1
    table = build_node_table(instances)
    table.laws = laws
    table.snapped = snap

    assign = table.assign

    def node_for(symbol: str, year: int | None, place: str | None) -> str:
        sym = canon(symbol)
        local = locals_.get(sym)
        if local is None:
            local = locals_[sym] = is_local(sym)
        return assign.get((sym, year, place if local else None), sym)

    # A citation's node and how it was reached depend only on what it writes, its date and place: each
    # distinct one is worked out once (a corpus cites the same few thousand documents again and again).
    by_symbol_target: dict[tuple, tuple[str, tuple[str, None]]] = {}
    by_name: dict[tuple[str, str | None, str | None], tuple[str, tuple[str, str] | None]] = {}
    doc_nodes: dict[str, str] = {}
    ref_targets: dict[tuple[str, int], str | None] = {}
    chain_nodes: dict[tuple[str, int], tuple[str, str]] = {}
    how = table.how
    for res in results:
        d = res.document
        did = d.id
        own_place = place_of(res)
        sp = place_snaps.get(did)
        if d.symbol:
            doc_nodes[did] = node_for(d.symbol, int(d.date[:4]) if d.date else None, own_place)
        else:
            doc_nodes[did] = f"doc:{did}"
        if d.symbol and canon(d.symbol) != canonical_of(d.symbol):
            table.warnings.append((did, "ocr_symbol_snapped",
                                   f"own symbol read as {d.symbol}, taken as {canon(d.symbol)}"))
        chains = res.chains
        if did in place_snaps:
            table.warnings.append((did, "ocr_place_snapped", "place read as {}, taken as {} (a copy of the same "
                                   "symbol and date gives it)".format(*place_snaps[did])))
        by_symbol: dict[str, str] = {}
        for i, r in enumerate(res.references):
            kind, target = r.kind, r.target
            if kind == "named" and r.type in NUMBERED_LAW_TYPES:
                law = law_targets.get((did, i)) if law_targets else None
                if law:
                    node = node_for(law[0], None, None)
                    how[(did, i)] = (law[1], law[2])
                else:
                    node = named_node(r)  # the corpus's laws did not settle it: no guess from one document
            elif target and not target.startswith(("named:", "registry:")):
                date = r.date if (target == r.symbol or kind == "full") else None
                key = (target, date, (r.jurisdiction if sp is None or r.jurisdiction != sp[0] else sp[1]) or own_place,
                       kind)
                found = by_symbol_target.get(key)
                if found is None:
                    snapped = canon(target) != canonical_of(target)
                    found = by_symbol_target[key] = (
                        node_for(target, int(date[:4]) if date else None, key[2]),
                        ("ocr_snap" if snapped else "symbol" if kind == "full" else
                         "registry" if kind == "named" else "short", None))
                node = found[0]
                how[(did, i)] = found[1]
            elif kind == "named" and r.type == "Hiến pháp" and (found3 := constitution(r, as_of_document(res))):
                node = found3[0]
                how[(did, i)] = (found3[1], "registry")
            elif kind in ("named", "descriptive"):
                key2 = (r.text, r.type, kind)
                found2 = by_name.get(key2)
                if found2 is None:
                    entry = registry.by_alias(r.text)
                    found2 = by_name[key2] = (
                        (entry.symbol or f"named:{entry.type}:{fold(entry.title or r.text)}") if entry else named_node(r),
                        ("registry", "registry") if entry else None)
                node = found2[0]
                if found2[1]:
                    how[(did, i)] = found2[1]
            else:
                node = None
            ref_targets[(did, i)] = node
            if chains and node:  # the chains' ends are named by the symbols of this document's references
                if r.symbol:
                    by_symbol[canon(r.symbol)] = node
                if target:
                    by_symbol.setdefault(canon(target), node)
        for j, c in enumerate(chains):
            s_ = by_symbol.get(canon(c.source))
            t_ = by_symbol.get(canon(c.target))
            if s_ and t_:
                chain_nodes[(did, j)] = (s_, t_)
    _join_copies(results, doc_nodes, table)
    _snap_misread_names(results, ref_targets, table)
    return doc_nodes, ref_targets, chain_nodes, table


def _misread_law(laws: LawBook, r: Reference, as_of, own, guided) -> tuple[str | None, str | None, str]:
    """A law's name OCR misread (`Bộ luật Lao , động`) resolved as the one known name it reads as."""
    name = laws.misread_name(r.text)
    if not name:
        return None, None, r.text
    written = " ".join(r.text.split())
    symbol, _how, name = laws.resolve(name, " ".join(r.sentence.split()).replace(written, name, 1), as_of, own, guided)
    return symbol, "ocr_snap" if symbol else None, name


def _snap_misread_names(results: list[ExtractionResult], ref_targets: dict, table: "NodeTable") -> None:
    """A named node only a scan gives (`Luật chống tham những`) is the one named node typed documents
    give that reads the same without tone marks and punctuation, or one letter apart (names of 12
    letters or more), or, failing those, that goes on where the scan's name (two words or more) stops;
    never when two could be meant."""
    from rapidfuzz.distance import Levenshtein

    from .laws import bare_name

    typed: dict[str, set[str]] = defaultdict(set)  # `named:<type>:` + bare name -> typed documents' nodes
    scanned: list[tuple[str, int, str]] = []
    for res in results:
        d = res.document
        for i in range(len(res.references)):
            node = ref_targets.get((d.id, i))
            if node and node.startswith("named:"):
                if d.ocr_pages:
                    scanned.append((d.id, i, node))
                else:
                    head, _, name = node.rpartition(":")
                    typed[head + ":" + bare_name(name)].add(node)
    known = {n for nodes in typed.values() for n in nodes}
    for doc_id, i, node in scanned:
        if node in known:
            continue
        head, _, name = node.rpartition(":")
        key = bare_name(name)
        found = typed.get(head + ":" + key, set())
        if not found and len(key) >= 12:
            found = {n for k, nodes in typed.items() if k.startswith(head + ":")
                     and Levenshtein.distance(k[len(head) + 1:], key, score_cutoff=1) <= 1 for n in nodes}
        if not found and len(key.split()) >= 2:
            # the scan lost the name's end (`NQTW 8B` of `NQTW 8B - khóa VII`, the term misread)
            found = {n for k, nodes in typed.items() if k.startswith(head + ":" + key + " ") for n in nodes}
        if len(found) == 1:
            ref_targets[(doc_id, i)] = next(iter(found))
            table.how[(doc_id, i)] = ("ocr_snap", None)


def _join_copies(results: list[ExtractionResult], doc_nodes: dict[str, str], table: "NodeTable") -> None:
    """Files of one document without a symbol (a text, its scan, its web page) are one node: the texts
    agree (pipeline.copies) and their dates and issuers do not disagree. A scan whose number OCR lost
    joins the one document with a symbol its text copies; never when it copies two."""
    by_id = {res.document.id: res.document for res in results}
    loose = {res.document.id for res in results if doc_nodes.get(res.document.id, "").startswith("doc:")}
    sigs = [(res.document.id, getattr(res, "signature", None)) for res in results]
    if not any(s is not None for k, s in sigs if k in loose) or sum(s is not None for _, s in sigs) < 2:
        return  # nothing to pair (and datasketch's LSH, which imports scipy, stays unloaded)
    anchors = [k for k, s in sigs if s is not None and k not in loose]
    for group in copy_groups(sigs, anchors=anchors):
        numbered = [k for k in group if k not in loose]
        if len({doc_nodes[k] for k in numbered}) > 1:
            numbered = []  # the text copies two documents: it is taken for neither, only for its loose copies
            group = [k for k in group if k in loose]
        first = by_id[(numbered or group)[0]]
        for other in group:
            d = by_id[other]
            if other not in loose or d is first:
                continue
            if (first.date and d.date and first.date != d.date) or not _issuers_agree(first, d):
                continue
            doc_nodes[other] = doc_nodes[first.id]
            table.copies[other] = first.id


def _issuers_agree(a, b) -> bool:
    """Issuers that do not disagree: one missing, the same body, or (read by OCR) names alike or one a
    fragment of the other (`Bộ thông tin và truyền` of `Ban Chấp hành Đảng bộ Bộ Thông tin và Truyền thông`)."""
    if not a.issuer_body or not b.issuer_body or fold(a.issuer_body) == fold(b.issuer_body):
        return True
    if not (a.ocr_pages or b.ocr_pages):
        return False
    x, y = sorted((place_key(a.issuer_body) or "", place_key(b.issuer_body) or ""), key=len)
    x = re.sub(r"[^\w ]", "", x).strip()
    return _similar_names(a.issuer_body, b.issuer_body) or (len(x.split()) >= 3 and f" {x} " in f" {y} ")


def ocr_place_snaps(results: list[ExtractionResult], canon, place_of) -> dict[str, tuple[str, str]]:
    """{doc id: (place as read, place taken)} for documents OCR read whose place is a misreading: another
    file of the same symbol and date, with an issuer that does not disagree, gives a place a few
    letters away (`Trà Tiện` for `Trà Vinh`) that a typed copy or the list of provinces confirms. Never
    when the place read is itself a known place or a typed copy gives it, nor when two places are that close."""
    from rapidfuzz.distance import Levenshtein

    from .reference import known_places

    by_key: dict[tuple[str, str], list] = defaultdict(list)
    for res in results:
        d = res.document
        if d.symbol and d.date:
            by_key[(canon(d.symbol), d.date)].append((res, place_of(res)))
    provinces = None
    out: dict[str, tuple[str, str]] = {}
    for files in by_key.values():
        if len(files) < 2 or not any(res.document.ocr_pages for res, _ in files):
            continue
        keys = {place_key(p) for _, p in files if p}
        if len(keys) < 2:
            continue
        if provinces is None:
            provinces = {place_key(p) for p in known_places().values()}
        typed = {place_key(p) for res, p in files if p and not res.document.ocr_pages}
        spelled: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for _, p in files:
            if p:
                spelled[place_key(p)][p] += 1
        for res, p in files:
            k = place_key(p)
            if not res.document.ocr_pages or not k or k in typed or k in provinces:
                continue
            close = {q for q in keys if q != k and (q in typed or q in provinces)
                     and Levenshtein.distance(k, q) <= min(3, 0.4 * max(len(k), len(q)))
                     and any(place_key(p2) == q and _issuers_agree(res.document, r2.document) for r2, p2 in files)}
            if len(close) == 1:
                q = next(iter(close))
                out[res.document.id] = (p, max(sorted(spelled[q]), key=lambda s: spelled[q][s]))
    return out


def _run_on_after(written: str, sentence: str):
    """The run-on letters after the first `written` in the sentence that has them (the group(1) that
    re.search of escape(written) + SYMBOL_RUN_ON finds), without compiling a pattern per reference: one per
    distinct symbol overflowed re's cache and cost half the corpus pass at 20,000 documents."""
    i = sentence.find(written)
    while i >= 0:
        m = P.SYMBOL_RUN_ON_RE.match(sentence, i + len(written))
        if m:
            return m
        i = sentence.find(written, i + 1)
    return None


def ocr_snaps(results: list[ExtractionResult]) -> dict[str, str]:
    """Symbols only OCR read that are one character away from the one symbol the other documents know,
    or that it with the letters the scan shows after a space (`69-KH/BDV TU`), with the same date and
    issuer: misreadings (`25-HD/BCPĐ` for `25-HD/BCĐ`). Never when two known symbols are that close."""
    canonical: dict[str, str] = {}
    folded: dict[str, str] = {}

    def symbols_of(res: ExtractionResult):
        d = res.document
        if d.symbol:
            yield d.symbol, d.date, d.issuer_body
        for r in res.references:
            if r.kind == "full" and r.symbol:
                yield r.symbol, r.date, r.issuer_body

    def collect(side: dict[str, tuple[set, set]], res: ExtractionResult, wanted: set[str] | None = None) -> None:
        for sym, date, issuer in symbols_of(res):
            c = canonical.get(sym)
            if c is None:
                c = canonical[sym] = _canonical_symbol(sym)
            if wanted is not None and c not in wanted:
                continue
            dates, issuers = side.setdefault(c, (set(), set()))
            if date:
                dates.add(date)
            if issuer:
                f = folded.get(issuer)
                if f is None:
                    f = folded[issuer] = fold(issuer)
                issuers.add(f)

    # What OCR read first: a corpus without scans (or whose scans read only known symbols) costs one
    # look-up per symbol, and the dates and issuers of known symbols are gathered only for those an
    # OCR reading is close to.
    ocr: dict[str, tuple[set, set]] = {}
    run_on: dict[str, set[str]] = defaultdict(set)  # OCR's symbol -> it with the letters read after a space
    for res in results:
        if res.document.ocr_pages:
            collect(ocr, res)
            for r in res.references:
                if r.kind == "full" and r.symbol and r.sentence:
                    for written in {r.text, r.symbol}:
                        m = _run_on_after(written, r.sentence)
                        if m:
                            run_on[_canonical_symbol(r.symbol)].add(_canonical_symbol(r.symbol) + m.group(1))
    if not ocr:
        return {}
    known_symbols: set[str] = set()
    for res in results:
        if not res.document.ocr_pages:
            for sym, _date, _issuer in symbols_of(res):
                c = canonical.get(sym)
                if c is None:
                    c = canonical[sym] = _canonical_symbol(sym)
                known_symbols.add(c)
    only_ocr = [s for s in ocr if s not in known_symbols]
    if not only_ocr:
        return {}
    # Two symbols one edit apart share a key: the symbol itself or it less one character.
    wanted: dict[str, set[str]] = defaultdict(set)
    for s in only_ocr:
        for k in {s} | {s[:i] + s[i + 1:] for i in range(len(s))}:
            wanted[k].add(s)
    close: dict[str, set[str]] = defaultdict(set)
    for t in known_symbols:
        for k in {t} | {t[:i] + t[i + 1:] for i in range(len(t))}:
            for s in wanted.get(k, ()):
                if edit_distance_one(s, t):
                    close[s].add(t)
    for s in only_ocr:
        close[s] |= {t for t in run_on.get(s, ()) if t in known_symbols}
    single = {s: next(iter(ts)) for s, ts in close.items() if len(ts) == 1}  # else two documents could be meant
    if not single:
        return {}
    known: dict[str, tuple[set, set]] = {}
    targets = set(single.values())
    for res in results:
        if not res.document.ocr_pages:
            collect(known, res, targets)
    snap = {}
    for s in only_ocr:
        t = single.get(s)
        if t is None:
            continue
        (sd, si), (td, ti) = ocr[s], known[t]
        dates_agree = bool(sd & td) if sd and td else None
        issuers_agree = any(_similar_names(a, b) for a in si for b in ti) if si and ti else None
        if dates_agree is False or issuers_agree is False:
            continue
        if not (dates_agree or issuers_agree) and t not in run_on.get(s, ()):
            continue  # (a scan that shows every letter of t, a space read into it, needs no more)
        snap[s] = t
    return snap


def _similar_names(a: str, b: str) -> bool:
    """Issuers as OCR reads them (`Ban Chỉ đạo Đảng bộ Khôi`) against as typed (`... Khối`)."""
    from rapidfuzz import fuzz

    return fuzz.ratio(place_key(a), place_key(b)) >= 85


def _subject_after(r: Reference) -> str | None:
    """The `về ...` subject written right after a reference, within its sentence."""
    text = " ".join(r.text.split())
    i = r.sentence.find(text)
    if i < 0:
        return None
    m = re.match(r"\s*[,(]?\s*(?:về|v/v)\s+[“\"]?([^”\";.()]{8,200})", r.sentence[i + len(text):], re.I)
    return m.group(1) if m else None


def _overlap(subject: str, title: str) -> float:
    """Share of the title's words the subject repeats (case- and spelling-insensitive)."""
    want = set(fold(title).replace("về ", " ").split()) - {"của", "và", "đối", "với", "trong", "các", "việc"}
    have = set(fold(subject).split())
    return len(want & have) / len(want) if want else 0.0
