"""Extraction: references to other documents, their fields and relations, and the document's own metadata.

Public verbs:
    get_references(text)            -> list[Reference]   (offsets into `text`)
    extract_text(text, source=...)  -> ExtractionResult
    (pipeline.document.analyze_document(path) reads a file and resolves too)

The work runs on the repaired text (`clean_text`); every offset is mapped back to the original.
"""
from __future__ import annotations

import bisect
from functools import lru_cache
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from . import patterns as P
from .model import (
    DocumentInfo,
    ExtractionResult,
    RawDocument,
    Reference,
    Warning,
)
from .ocr_symbols import snap_symbols
from .normalize import clean_text, retone_ocr_phrases
from .reference import (
    jurisdiction_of,
    abbreviation_for,
    bodies_by_abbreviation,
    canonical_body,
    issuer_codes,
    known_body_name,
    canonical_type,
    snap_issuer,
    snap_place,
    type_by_word,
    types_by_abbreviation,
    type_defaults,
)
from .keys import fold, roman_term
from .laws import LAW_TYPES, Law, load_laws, name_key
from .segment import Structure, segment, sentence_at, titlecase_body


# Patterns used once per candidate, compiled once.
_PLENUM_AFTER_RE = re.compile(f"{P.WS}*(?:(?i:của){P.WS}+)?{P.PLENUM}")
_PLENUM_ISSUER_RE = re.compile(r"(?i)hội\s+nghị.*trung\s+ương", re.S)
_AND_RE = re.compile(r"\s+và\s+")
# `của Chính phủ và quy định của pháp luật`: the issuer stops at the subject's verb, not at the `và` before it.
_TRAILING_AND_RE = re.compile(r"\s+(?:và|hoặc)$")
_TERM_TAIL_RE = re.compile(r"\s*\(?\s*(?:khóa|khoá|nhiệm kỳ)\s+([IVXL]+|\d{1,2})\b\s*\)?\s*$", re.I)
# An appositive or alias: `(Nghị quyết số 25-NQ/TW)`, `(sau đây viết tắt là Kết luận số 213-KL/TW)`.
_OPEN_PAREN_RE = re.compile(r"\(\s*(?:(?i:số)\s*|(?i:sau\s+đây\s+)?(?i:gọi\s+tắt\s+là|gọi\s+là|viết\s+tắt\s+là)\s*)?$")
_AMENDS_OF_RE = re.compile(r"(?i)(?:sửa\s+đổi|bổ\s+sung)[^;.\n]{0,60}?của\s*$")
_AMEND_WORD_RE = re.compile(r"(?i)sửa\s+đổi|bổ\s+sung")
_REPLACE_WORD_RE = re.compile(r"(?i)thay\s+thế|bãi\s+bỏ")
# A clause that opens with the day this document takes effect: `2. Kể từ ngày Thông tư này có hiệu lực thi hành, `.
_ENTRY_INTO_FORCE_OPENS_RE = re.compile(
    r"[\s*\-+•]*(?:\d{1,2}[.)]\s*)?(?i:kể\s+)?(?i:từ\s+ngày)\s+(?:\w+\s+){1,3}(?i:này)\s+(?i:có\s+hiệu\s+lực)"
    r"(?:\s+(?i:thi\s+hành))?\s*,\s*")
# What an act published or set out, named before the act, that ceases right after its citation: `Quy trình nội bộ có
# số thứ tự 12, 13 Mục I Phần I Phụ lục II ban hành kèm theo Quyết định số 1308/QĐ-UBND ngày 18/6/2025 của Chủ tịch UBND
# tỉnh Lạng Sơn hết hiệu lực`, `các điều 104, 105 ... của Luật Bảo hiểm xã hội số 58/2014/QH13 hết hiệu lực`.
_PART_OF_ACT_BEFORE_RE = re.compile(r"(?<!\w)(?i:tại|kèm\s+theo|của)(?P<plural>\s+(?i:các))?\s*$")
# ... or repealed by this document's own verb, whatever the words for the part (`Bãi bỏ nội dung công bố thủ tục hành
# chính có thứ tự 1, 2, 3 tại Mục A và thứ tự 2 tại Mục B, Phụ lục ban hành kèm theo Quyết định số 1347/QĐ-UBND`); not
# what is contrary to it (`bãi bỏ các quy định trái với quy định tại Nghị định số`).
# (or a list of procedures replaced, the whole of what a decision published: `... và thay thế Danh mục TTHC và Quy trình
# nội bộ ... được Chủ tịch UBND tỉnh công bố tại các Quyết định:`; an annex's points or a form replaced amend the act)
_REPEALS_PART_OF_RE = re.compile(r"(?:(?i:bãi\s+bỏ)|(?i:thay\s+thế)(?=\s+(?i:danh\s+mục\s+)?(?:TTHC|(?i:thủ\s+tục\s+hành\s+chính))))"
                                 r"\s(?:(?!trái|khác)[^.;:])*?\s(?i:tại|của|kèm\s+theo)(?:\s+(?i:các))?\s*$")
# The heading of a plan's recommendation, on the clause's line or the one above (a portal's bold around it).
_RECOMMENDED_UNDER_RE = re.compile(r"(?i:kiến\s+nghị\s+thực\s+thi)[\s*:]*\n?[ \t]*\Z")
# ... not a time it names: `có hiệu lực ... đến ngày các quy định ... tại Nghị quyết số 29/2026/QH16 hết hiệu lực`.
_UNTIL_RE = re.compile(r"(?i:đến|tới)\s+(?:ngày|khi|thời\s+điểm)(?!\w)")
_SPACES_RE = re.compile(r"\s*")
_WORDS_IN_HEAD_RE = re.compile(r"(?i:thay\s+thế|bãi\s+bỏ|sửa\s+đổi)(?:\s+(?:các|một\s+số))?\s+(?:cụm\s+từ|từ)(?!\w)")
_REPLACE_END_RE = re.compile(r"(?i)(?:thay\s+thế|bãi\s+bỏ)\s*$")
_LIST_GAP_RE = re.compile(r"[ \t]*(?:,|và|,\s*và)[ \t]*")
# one list: `Tờ trình số 361/TTr-CP và Đề án số 362/ĐA-CP`, `tại các văn bản: Số 202/TTr-BVHTTDL ..., số 192/...`
_COMMA_GAP_RE = re.compile(r"\s*(?:,|,?\s*và)\s*(?:số\s*:?\s*)?")
_NEW_SENTENCE_RE = re.compile(r"[.;!?](?:\s|$)|\n\s*\n|\n\s*(?:[-+•*]|\d{1,2}[./)-]|Căn cứ|Xét)")
_AFTER_BARE_NUMBER_RE = re.compile(r"\s*(?:,|;|\.|\)|\(|của|ngày|về|và|khóa|khoá|năm \d{4}|theo|trước|tại|$|\n)")


@dataclass
class Candidate:
    """A reference while it is being built; offsets index the repaired text."""

    start: int
    end: int
    kind: str
    number: str | None = None
    symbol: str | None = None
    written: str | None = None
    system: str | None = None  # party | state
    type_abbr: str | None = None
    issuer_abbr: str | None = None
    year: int | None = None
    type: str | None = None
    type_start: int | None = None  # where the type word before it starts
    type_explicit: bool = False
    date: str | None = None
    tail: int = 0  # end of the reference's own date/issuer/term phrases
    issuer: str | None = None
    term: str | None = None
    relation: str = "mentions"
    target: str | None = None
    title: str | None = None
    issuer_before: bool = False  # `của Sở Nội vụ tại Tờ trình số ...`: shared by the list that follows
    issuer_weak: bool = False  # read before it through `theo` (`của TTHC theo Quyết định số ...`): one after it wins
    # A law named inside an amending law's name (`Luật sửa đổi, bổ sung một số điều của Luật X`): X is amended
    # by that law, and the citing document only mentions it.
    amended_by: "Candidate | None" = field(default=None, repr=False, compare=False)
    warnings: list[Warning] = field(default_factory=list)


# --------------------------------------------------------------------------- symbols


_TONE_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))
_CYRILLIC_LOOKALIKES = str.maketrans("АВЕКМНОРСТХУ", "ABEKMHOPCTXY")


def _clean_abbr(s: str) -> str:
    # OCR's known confusions inside symbols (domain.md): `Ð` for `Đ`, `ƯBND` for `UBND`; `T.Ư`/`TƯ` is `TW`.
    s = re.sub(r"\s", "", s.replace("Ð", "Đ")).replace("ƯBND", "UBND").replace("ƯB", "UB")
    if not s.isascii():
        s = s.translate(_CYRILLIC_LOOKALIKES)  # `TT-BТС` typed with a Cyrillic keyboard's Т and С
        # An abbreviation never carries a tone mark (its letters are words' initials); OCR of a scan
        # adds one from a speck (`26-HD/ĐỤK`).
        s = unicodedata.normalize("NFC", unicodedata.normalize("NFD", s).translate(_TONE_MARKS))
    return s.replace("T.Ư", "TW").replace("TƯ", "TW")


def _split_glued(glued: str, codes: bool = False) -> tuple[str, str] | None:
    """`CTTW` -> (`CT`, `TW`): a type abbreviation and an issuer written without the slash. codes: a State
    symbol's issuer may be any known issuer code too (`25/2023/TTBKHĐT`)."""
    types = types_by_abbreviation()
    bodies = {**issuer_codes(), **bodies_by_abbreviation()} if codes else bodies_by_abbreviation()
    for i in range(len(glued) - 1, 0, -1):
        head, tail = glued[:i], glued[i:]
        if head in types and (tail in bodies or tail.rstrip("0123456789") in bodies):
            return head, tail
    return None


def _known_case(part: str) -> str:
    """`TTG` in an upper-case title is `TTg`: an issuer abbreviation known in another case takes its case."""
    bodies = bodies_by_abbreviation()
    if part in bodies:
        return part
    for known in _abbreviations_by_upper().get(part.upper(), ()):
        return known
    return part


_ABBR_BY_UPPER: dict[str, list[str]] = {}


def _abbreviations_by_upper() -> dict[str, list[str]]:
    if not _ABBR_BY_UPPER:
        for key in bodies_by_abbreviation():
            _ABBR_BY_UPPER.setdefault(key.upper(), []).append(key)
    return _ABBR_BY_UPPER


def parse_symbol(m: re.Match[str]) -> Candidate | None:
    """A match of SYMBOL_RE as a candidate reference, or None when it is not a document symbol."""
    g = m.groupdict()
    written = m.group(0)
    if g.get("sn_num"):
        num, year, rest = g["sn_num"], int(g["sn_year"]), _clean_abbr(g["sn_rest"])
        parts = [p for p in re.split(f"[{P.DASH}/]", rest) if p]
        type_abbr = None
        if parts and parts[0] in types_by_abbreviation() and len(parts) > 1:
            type_abbr = parts[0]
            issuers = parts[1:]
        elif parts and len(parts) == 1 and not parts[0].startswith("QH"):
            # `61/2018/NĐCP`: type and issuer glued.
            split = _split_glued(parts[0], codes=True)
            if split:
                type_abbr, issuers = split[0], [split[1]]
            else:
                issuers = parts
        else:
            issuers = parts
        issuers = [_known_case(p) for p in issuers]
        tail = "-".join(issuers)
        symbol = f"{num}/{year}/{type_abbr}-{tail}" if type_abbr else f"{num}/{year}/{tail}"
        return Candidate(m.start(), m.end(), "full", number=num, symbol=symbol, written=written,
                         system="state", type_abbr=type_abbr or ("QH" if tail.startswith("QH") else None),
                         issuer_abbr=issuers[0] if issuers else None, year=year)
    if g.get("p_num"):
        num, type_abbr, issuer = g["p_num"], _clean_abbr(g["p_type"]), _clean_abbr(g["p_issuer"])
        if issuer in P.OLD_STATE_ISSUERS and not type_abbr:
            return None
        symbol = f"{num}-{type_abbr}/{issuer}"
        return Candidate(m.start(), m.end(), "full", number=num, symbol=symbol, written=written,
                         system="party", type_abbr=type_abbr, issuer_abbr=issuer)
    if g.get("g_num"):
        glued = _clean_abbr(g["g_glued"])
        if glued in P.OLD_STATE_ISSUERS:  # `71-CP`: an old State symbol written with a dash
            return Candidate(m.start(), m.end(), "partial", number=g["g_num"], symbol=f"{g['g_num']}/{glued}",
                             written=written, system="state", issuer_abbr=glued)
        split = _split_glued(glued)
        if not split:
            return None
        symbol = f"{g['g_num']}-{split[0]}/{split[1]}"
        return Candidate(m.start(), m.end(), "full", number=g["g_num"], symbol=symbol, written=written,
                         system="party", type_abbr=split[0], issuer_abbr=split[1])
    if g.get("sa_num"):
        num, rest = g["sa_num"], _clean_abbr(g["sa_rest"])
        parts = [p for p in re.split(f"[{P.DASH}]", rest) if p]
        parts = parts[:1] + [_known_case(p) for p in parts[1:]] if parts and parts[0] in types_by_abbreviation() else [
            _known_case(p) for p in parts]
        if len(parts) == 1 and parts[0] in P.OLD_STATE_ISSUERS:
            return Candidate(m.start(), m.end(), "partial", number=num, symbol=f"{num}/{parts[0]}",
                             written=written, system="state", issuer_abbr=parts[0])
        known_issuer = parts[0] in bodies_by_abbreviation() or parts[0].rstrip("0123456789") in bodies_by_abbreviation()
        if parts[0] in types_by_abbreviation() and len(parts) > 1:
            type_abbr, issuer = parts[0], parts[1]
        elif known_issuer or len(parts) > 1 or len(parts[0]) >= 2:
            type_abbr, issuer = None, parts[0]  # công văn: N/ISSUER-UNIT
        else:
            return None
        body = bodies_by_abbreviation().get(issuer)
        if type_abbr and len(parts) == 2 and body is not None and body.system == "party":
            # `Chỉ thị số 30/CT-TW`: a Party symbol written in the State shape.
            c = Candidate(m.start(), m.end(), "full", number=num, symbol=f"{num}-{type_abbr}/{issuer}",
                          written=written, system="party", type_abbr=type_abbr, issuer_abbr=issuer)
            c.warnings.append(Warning("malformed_symbol", f"'{written}' is a Party symbol written as a State one; "
                                      f"read as {c.symbol}", m.start(), m.end()))
            return c
        symbol = f"{num}/{'-'.join(parts)}"
        return Candidate(m.start(), m.end(), "full", number=num, symbol=symbol, written=written,
                         system="state", type_abbr=type_abbr, issuer_abbr=issuer)
    return None


# --------------------------------------------------------------------------- finding references


def _find_symbols(text: str, forms: list[tuple[int, int]] | None = None) -> list[Candidate]:
    """Symbols of documents; a form's, template's or annex's number (`Mẫu số 01/BCĐBQH-MT`,
    `mẫu số 09-MST`) is not one: its span goes to `forms`."""
    out = []
    for m in P.SYMBOL_RE.finditer(text):
        if P.FORM_BEFORE_RE.search(text, max(0, m.start() - 40), m.start()):
            if forms is not None:
                forms.append((m.start(), m.end()))
            continue
        c = parse_symbol(m)
        if c is not None:
            _drop_footnote_mark(text, c)
            out.append(c)
    return out


def _find_standards(text: str) -> list[Candidate]:
    """Technical regulations and standards (`QCVN 34:2022/BTTTT`, `TCVN 5729:2012`): numbered documents whose
    symbol is the whole `QCVN N:YYYY/ISSUER`, an amendment's with its own `Sửa đổi N:YYYY` before it."""
    out = []
    for m in P.STANDARD_RE.finditer(text):
        # (normalized as the standard writes it: `QCVN 01 - 2008/BLĐTBXH` is QCVN 01:2008/BLĐTBXH)
        if "ISO" in m.group("body"):  # `TCVN ISO 9001`, `TCVN ISO 9001:2015`
            body = re.sub(r"\s*:\s*", ":", " ".join(m.group("body").split()))
            symbol = f"{m.group('kind')} {body}"
        else:
            head = "".join(text[m.start("number"):m.start("year")].split()).rstrip(":/" + P.DASH)
            symbol = f"{m.group('kind')} {head}:{m.group('year')}" + (f"/{m.group('issuer')}" if m.group("issuer") else "")
        start, number = m.start(), m.group("number")
        amendment = P.STANDARD_AMENDMENT_BEFORE_RE.search(text, max(0, start - 40), start)
        if amendment:
            start, number = amendment.start(), amendment.group("number")
            symbol = f"Sửa đổi {number}:{amendment.group('year')} {symbol}"
        out.append(Candidate(start=start, end=m.end(), kind="full", number=number, symbol=symbol,
                             written=text[start:m.end()], system="state", type=P.STANDARD_TYPES[m.group("kind")],
                             type_explicit=True, year=int(m.group("year")) if m.group("year") else None,
                             issuer_abbr=m.group("issuer")))
    return out


_FOOTNOTE_MARK_RE = re.compile(r"(?<=[A-ZĐa-z])(\d{1,2})$")


def _drop_footnote_mark(text: str, c: Candidate) -> None:
    """`Nghị quyết số 66-NQ/TW1`, `140/NQ-CP2`: a footnote's number glued to the issuer. Issuers never end
    in a number except a National Assembly's term (`QH15`, `UBTVQH15`), so a known issuer with digits
    after it, followed by a space, has a footnote mark."""
    if not c.symbol:
        return
    m = _FOOTNOTE_MARK_RE.search(c.symbol)
    if not m or not re.match(r"\s", text[c.end: c.end + 1] or " "):
        return
    last = re.split(f"[{P.DASH}/]", c.symbol[: m.start()])[-1]
    if last.startswith(("QH", "UBTVQH")) or "QH" in last or last not in bodies_by_abbreviation():
        return
    digits = m.group(1)
    c.symbol = c.symbol[: m.start()]
    c.end -= len(digits)
    if c.written and c.written.endswith(digits):
        c.written = c.written[: -len(digits)]
    if c.issuer_abbr and c.issuer_abbr.endswith(digits):
        c.issuer_abbr = c.issuer_abbr[: -len(digits)]


class Spans:
    """Taken character spans, kept sorted: overlap tests in O(log n)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self.items = sorted(spans)
        self.starts = [s for s, _ in self.items]
        self.max_len = max((e - s for s, e in self.items), default=0)

    def add(self, spans: Iterable[tuple[int, int]]) -> None:
        for s, e in spans:
            i = bisect.bisect_left(self.starts, s)
            self.starts.insert(i, s)
            self.items.insert(i, (s, e))
            self.max_len = max(self.max_len, e - s)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        j = bisect.bisect_left(self.starts, start - self.max_len)
        return any(s < end and start < e for s, e in self.items[j:i])


def _overlaps(spans, start: int, end: int) -> bool:
    if isinstance(spans, Spans):
        return spans.overlaps(start, end)
    return any(s < end and start < e for s, e in spans)


_YEAR_PLAN_TYPES = frozenset({"Kế hoạch", "Chương trình"})


def _find_partials(text: str, taken: list[tuple[int, int]]) -> list[Candidate]:
    out = []
    for m in P.partial_matches(text):
        num_start = m.start("num")
        after = text[m.end("num"): m.end("num") + 12]
        has_so = bool(m.group("so"))
        # Without `số`, a bare number must be followed by what follows a citation (`của`, a date,
        # a list), so `Kế hoạch 5 năm` is not read as a citation.
        if not has_so and not m.group("more") and not _AFTER_BARE_NUMBER_RE.match(after):
            continue
        if not has_so and "\n" in text[m.end("type"):num_start] and re.match(r"[.)]", after):
            continue  # `... pháp luật\n1. Chỉ thị số ...`: a list item's number, not the law's
        if _overlaps(taken, num_start, m.end("num")):
            continue
        if not has_so and m.end("type") == num_start:
            continue  # `NGHỊ ĐỊNH1`, `Soạn thảo Thông tư1`: a footnote's mark glued to the type word, no number
        if not has_so and "\n" in text[m.end("type"): num_start]:
            continue  # `... pháp luật \n18 \nTiếp tục ...`: a table's row number under a cell, not a citation
        type_word = canonical_type(m.group("type"))
        if not has_so and re.fullmatch(P.YEAR, m.group("num")) and not m.group("more") and (
                type_word in _YEAR_PLAN_TYPES or m.group("type")[0].islower()):
            continue  # `trong kế hoạch 2013 và giai đoạn tiếp theo`: the plan of a year
        if not has_so and (type_word in P.NO_BARE_NUMBER_TYPES
                           or P.YEAR_WORD_BEFORE_RE.search(text, max(0, num_start - 8), num_start)):
            continue
        between = m.group("between")
        first = Candidate(num_start, m.end("num"), "partial", number=m.group("num"), type=type_word,
                          type_start=m.start("type"), type_explicit=True)
        if between:
            first.issuer = _issuer_phrase(between)
        out.append(first)
        if m.group("more"):
            base = m.start("more")
            for nm in P.LIST_NUMBER_RE.finditer(m.group("more")):
                s = base + nm.start()
                out.append(Candidate(s, base + nm.end(), "partial", number=nm.group(0), type=type_word,
                                     type_start=m.start("type"), type_explicit=True, issuer=first.issuer))
    for m in P.truncated_symbols(text):
        if _overlaps(taken, m.start(), m.end()) or any(c.start <= m.start() < c.end for c in out):
            continue
        abbr = m.group("ptype") or m.group("stype")
        if abbr not in types_by_abbreviation():
            continue
        c = Candidate(m.start(), m.end(), "partial", number=m.group("num"), written=m.group(0),
                      system="party" if m.group("ptype") else "state", type_abbr=abbr)
        c.warnings.append(Warning("malformed_symbol", f"'{m.group(0)}' is cut short: the issuer after the "
                                  f"{'slash' if m.group('ptype') else 'dash'} is missing", m.start(), m.end()))
        out.append(c)
    for m in P.ABBR_PARTIAL_RE.finditer(text):
        if _overlaps(taken, m.start(), m.end()) or any(c.start <= m.start("num") < c.end for c in out):
            continue
        abbr = m.group("abbr")
        type_word = type_defaults("state").get(abbr) or type_defaults("party").get(abbr)
        c = Candidate(m.start("num"), m.end("year") if m.group("year") else m.end("num"), "partial",
                      number=m.group("num"), type=type_word, type_start=m.start("abbr"), type_explicit=True,
                      type_abbr=abbr, year=int(m.group("year")) if m.group("year") else None)
        out.append(c)
    return out


def _issuer_phrase(between: str) -> str | None:
    m = re.match(r"\s*(?:của|do)\s+(.+?)\s*$", between, re.S | re.I)
    if not m:
        return None
    return re.sub(r"\s+", " ", m.group(1)).strip(" ,") or None


def _find_descriptive(text: str, taken: list[tuple[int, int]]) -> list[Candidate]:
    out = []
    for m in P.DESCRIPTIVE_RE.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        term = m.group("term") or m.group("sterm")
        c = Candidate(m.start(), m.end(), "descriptive", type="Nghị quyết", type_start=m.start(),
                      type_explicit=True, issuer="Ban Chấp hành Trung ương", term=roman_term(term))
        plenum = m.group("ord") or m.group("num") or m.group("snum")
        c.title = f"plenum:{_plenum_number(plenum)}" if plenum else None
        out.append(c)
    for m in P.CONGRESS_RE.finditer(text):
        if _overlaps(taken, m.start(), m.end()) or _overlaps(Spans((c.start, c.end) for c in out), m.start(), m.end()):
            continue
        body = re.sub(r"\s+", " ", m.group("body"))
        out.append(Candidate(m.start(), m.end(), "descriptive", type="Nghị quyết", type_start=m.start(),
                             type_explicit=True, issuer=body))
    return out


def _plenum_number(s: str) -> str:
    s = re.sub(r"\s+", " ", s.lower())
    return str(P.ORDINALS.get(s, s)).upper()


_WORD_BEFORE_RE = re.compile(r"([^\W\d_]+)[ \t\u00a0]+$")


def _not_a_law_citation(text: str, m: re.Match) -> bool:
    """`Luật` inside a proper name or a heading is no citation: `Dân Luật Việt Nam`, `Hội Luật gia`,
    `Trường Đại học Luật`, `VĂN BẢN PHÁP LUẬT KHÁC` (a capitalized word right before it, on its line),
    and an upper-case `LUẬT` followed by a lower-case word is a site's banner (`LUẬT là`, `LUẬT đã bật`)."""
    law_type = m.group("law_type")
    if _title_case_before(text, m.start(), law_type):
        return True
    first = m.group("law_name").split()[0] if m.group("law_name").split() else ""
    if first in _NOT_A_LAW_NAME_START:
        return True  # `Pháp lệnh thì thực hiện như sau`, `Luật được Quốc hội thông qua`: the word is the subject
    return law_type.isupper() and m.group("law_name")[:1].islower()


# Words no law's name starts with: after `Luật`/`Pháp lệnh` they make it the subject of a clause.
_NOT_A_LAW_NAME_START = frozenset(
    "thì được có về là phải liên này đã sẽ đều mới cũ cho hoặc tại trên khác nêu đó nào các những cần hướng sửa".split())


def _find_amending(text: str, taken: Spans) -> list[Candidate]:
    """`Luật sửa đổi, bổ sung một số điều của Luật X, Luật Y và Luật Z`: the amending law, its name whole, and
    each law it amends, linked to it (`amended_by`). A list that names no law (`... của 37 luật có liên quan`)
    gives nothing rather than a cut name."""
    out = []
    for m in P.AMENDING_LAW_RE.finditer(text):
        if taken.overlaps(m.start(), m.end("law_type")) or _title_case_before(text, m.start(), m.group("law_type")):
            continue
        pos, items = m.end(), []
        while True:
            item = P.LAW_ITEM_RE.match(text, pos)
            if item is None:
                break
            item_end = _known_name_end(text, item.start(), item.end())
            if not P.LAW_ITEM_SEP_RE.match(text, item_end) and not P.LAW_ITEM_NUMBER_RE.match(text, item_end):
                more = P.LAW_ITEM_MORE_RE.match(text, item_end)
                item_end = more.end() if more else item_end
            items.append((item.start(), item_end, item.group("law_type")))
            number = P.LAW_ITEM_NUMBER_RE.match(text, item_end)
            sep = P.LAW_ITEM_SEP_RE.match(text, number.end() if number else item_end)
            if sep is None or not P.LAW_ITEM_RE.match(text, sep.end()):
                break
            pos = sep.end()
        if not items:
            continue
        outer = Candidate(m.start(), items[-1][1], "named", type=canonical_type(m.group("law_type")),
                          type_start=m.start(), type_explicit=True,
                          title=re.sub(r"\s+", " ", text[m.start(): items[-1][1]]))
        out.append(outer)
        for start, end, law_type in items:
            if taken.overlaps(start, end):
                continue
            out.append(Candidate(start, end, "named", type=canonical_type(law_type), type_start=start,
                                 type_explicit=True, title=re.sub(r"\s+", " ", text[start:end]), amended_by=outer))
    return out


def _known_law_named(symbol: str | None, name: str | None) -> bool:
    """Whether the shipped list of laws knows `symbol` as the law called `name`."""
    if not symbol or not name:
        return False
    law = _laws_by_symbol().get(symbol.upper())
    return law is not None and name_key(law.name) == name_key(name)


@lru_cache(maxsize=1)
def _laws_by_symbol() -> dict[str, Law]:
    return {law.symbol.upper(): law for law in load_laws() if law.symbol}


@lru_cache(maxsize=1)
def _known_law_names() -> dict[str, tuple[str, ...]]:
    """The shipped laws' names and variants, folded, by their first two words."""
    heads: dict[str, list[str]] = {}
    for law in load_laws():
        for name in (law.name, *law.aliases):
            key = name_key(name)
            heads.setdefault(" ".join(key.split()[:2]), []).append(key)
    return {h: tuple(sorted(set(keys), key=len, reverse=True)) for h, keys in heads.items()}


def _known_name_end(text: str, start: int, end: int) -> int:
    """Where a law's name written at `start` ends when it is a known name longer than what the pattern
    read: the pattern stops at words that usually end a name (`theo`, `của`), which some names hold
    (`Luật Đầu tư theo phương thức đối tác công tư`, `Luật Phòng, chống tác hại của rượu, bia`)."""
    head = _TWO_WORDS_RE.match(text, start)
    # most names are no known law's longer name: the first two words say so before any folding of the window
    keys = _known_law_names().get(fold(head.group()), ()) if head else ()
    if not keys:
        return end
    read = len(_SPACE_RUN_RE.sub(" ", text[start:end]))
    if all(len(key) <= read for key in keys):
        return end  # no known name longer than what the pattern read
    window = text[start: start + 240]
    written = _SPACE_RUN_RE.sub(" ", window)  # each run of white space one space (`\s` is what isspace() is)
    folded = fold(written)
    if len(folded) != len(written):
        return end
    for key in keys:
        if folded.startswith(key) and (len(folded) == len(key) or not folded[len(key)].isalnum()):
            if len(key) <= read:
                return end  # the known name is what the pattern read
            # where in the window the key's last character is: the written characters' offsets in it
            for i, m in enumerate(_WRITTEN_CHAR_RE.finditer(window)):
                if i == len(key) - 1:
                    return max(end, start + m.start() + 1)
    return end


_TWO_WORDS_RE = re.compile(r"\S+\s+\S+")
_SPACE_RUN_RE = re.compile(r"\s+")
_WRITTEN_CHAR_RE = re.compile(r"\S|\s+")  # a character of the window, or a run of white space (one space written)


def _title_case_before(text: str, start: int, law_type: str) -> bool:
    """`Trường Đại học Luật`, `Hội Luật gia`: a capitalized word before a capitalized `Luật` on its line makes
    it part of a proper name. In an upper-case title (`THI HÀNH LUẬT VIỆC LÀM`) every word is capitalized:
    there only `PHÁP LUẬT` (law in general) and `HỌC LUẬT` are no citations."""
    before = _WORD_BEFORE_RE.search(text, max(0, start - 40), start)
    if not before or not before.group(1)[0].isupper():
        return False
    if before.group(1) in _PART_WORDS:
        return False  # `một số Điều Luật Điện lực`: an article of the law, capitalized
    if law_type.isupper() and before.group(1).isupper() and len(before.group(1)) > 1:
        return before.group(1) in _UPPER_NOT_BEFORE_LAW
    return True


_NOT_CITED_BEFORE_RE = re.compile(
    r"(?i)(?:phê\s+duyệt|xây\s+dựng|soạn\s+thảo|(?<!chương\s)(?<!Chương\s)\btrình(?:\s+[^.;:\n“\"]{1,30}?)?)\s*$")
_PART_WORDS = frozenset({"Điều", "Khoản", "Điểm", "Chương", "Mục"})
_UPPER_NOT_BEFORE_LAW = frozenset({"PHÁP", "HỌC", "HỘI", "DÂN", "GIA", "KỶ", "QUY", "ĐIỀU", "CÔNG", "TƯ", "VĂN"})


def _find_named(text: str, taken: Spans, basis_spans: list[tuple[int, int]]) -> list[Candidate]:
    out = _find_amending(text, taken)
    amending = [(c.start, c.end) for c in out if c.amended_by is None]
    seen_at: dict[str, int] = {}
    read_to = 0  # the end of a known name read past the pattern's match
    for m in P.NAMED_RE.finditer(text):
        if m.start() < read_to or _overlaps(taken, m.start(), m.end()) or _overlaps(amending, m.start(), m.end()):
            continue
        if m.group("constitution"):
            type_word, name = "Hiến pháp", "Hiến pháp"
        elif m.group("charter"):
            type_word, name = "Điều lệ", "Điều lệ Đảng"
        elif m.group("law"):
            if _not_a_law_citation(text, m):
                continue
            type_word = canonical_type(m.group("law_type")) or m.group("law_type")
            name = m.group(0)
            known_end = _known_name_end(text, m.start(), m.end())
            if known_end > m.end() and not _overlaps(taken, m.start(), known_end):
                name, read_to = text[m.start(): known_end], known_end
        elif m.group("titled"):
            title = m.group("title").strip()
            if re.match(r"(?i)về\b", title):
                continue  # `Quy định “về ...”` is the subject of the citation before it
            if _NOT_CITED_BEFORE_RE.search(text, max(0, m.start() - 60), m.start()):
                # `Quyết định ... phê duyệt Đề án “...”`: the subject of the decision cited, not another;
                # `Xây dựng Đề án “...”`, `trình Bộ Chính trị Đề án “...”`: one still to be made
                continue
            type_word, name = canonical_type(m.group("titled_type")), m.group(0)
        else:
            type_word, name = canonical_type(m.group("quoted_type").split()[0] + " " + m.group("quoted_type").split()[-1]), m.group("quoted")
        # A bare repeat of the same document close after it, in the same sentence, is the same citation
        # again (`... thi hành Hiến pháp ..., nâng cao nhận thức về Hiến pháp`); a new item is not, nor the
        # object of its own verb (`Luật Việc làm và các văn bản ... hướng dẫn thi hành Luật Việc làm`).
        key = fold(name)
        last = seen_at.get(key)
        seen_at[key] = m.start()
        if (last is not None and m.start() - last < 300 and not m.group("titled")
                and not _NEW_SENTENCE_RE.search(text, last, m.start())
                and not P.NAMED_OBJECT_BEFORE_RE.search(text, max(0, m.start() - 40), m.start())):
            continue
        start, end = m.start(), max(m.end(), read_to if m.group("law") and read_to > m.start() else 0)
        if m.group("quoted"):
            start, end = m.start("quoted"), m.end("quoted")
            if P.ANNEX_BEFORE_RE.search(text, max(0, m.start() - 80), m.start()):
                continue  # `Ban hành kèm theo Quyết định này “Quy định về ...”`: the document's own annex
        out.append(Candidate(start, end, "named", type=type_word, type_start=start, type_explicit=True,
                             title=re.sub(r"\s+", " ", name)))
    for m in P.CONSIDERED_RE.finditer(text):
        issuer = re.sub(r"\s+", " ", m.group("issuer")) if m.group("issuer") else None
        for g in ("a", "b"):
            if not m.group(g) or _overlaps(taken, m.start(g), m.end(g)):
                continue
            end = m.end("tail") if (g == "b" or not m.group("b")) and m.group("tail") else m.end(g)
            out.append(Candidate(m.start(g), end, "named", type=canonical_type(m.group(g)), type_start=m.start(g),
                                 type_explicit=True, issuer=issuer, title=re.sub(r"\s+", " ", m.group(g))))
    for m in P.RULES_RE.finditer(text):
        if _overlaps(taken, m.start(), m.end()) or not _overlaps(basis_spans, m.start(), m.end()):
            continue
        if _overlaps([(c.start, c.end) for c in out], m.start(), m.end()):
            continue
        out.append(Candidate(m.start("rules"), m.end("rules"), "named", type="Quy chế", type_start=m.start(),
                             type_explicit=True, title=re.sub(r"\s+", " ", m.group("rules"))))
    return out


# --------------------------------------------------------------------------- fields of a reference


def _attach_type(text: str, c: Candidate, floor: int) -> None:
    """The type word written before the symbol decides the type; the abbreviation confirms it."""
    if c.type_explicit:
        return
    window_start = max(floor, c.start - 140)
    m = _rightmost_type_before(text, window_start, c.start)
    if m:
        c.type = canonical_type(m.group("type"))
        c.type_start = m.start("type")
        c.type_explicit = True
        if m.group("between") and not c.issuer:
            c.issuer = _issuer_phrase(m.group("between"))
        ib = P.ISSUER_BEFORE_RE.search(text, max(floor, c.type_start - 100), c.type_start)
        if ib and not c.issuer and _plausible_issuer_before(ib) and not _office_conveys(c, ib):
            c.issuer = re.sub(r"\s+", " ", ib.group("issuer") or ib.group("body")).strip()
            c.issuer_before = True
            c.issuer_weak = (ib.group("via") or "").lower() == "theo"
    else:
        pm = P.PAREN_TITLE_RE.search(text, max(floor, c.start - 200), c.start)
        if pm:
            tm = _rightmost_type_word(text, max(floor, pm.start() - 80), pm.start())
            if tm is not None:
                c.type = canonical_type(tm.group(0))
                c.type_start = tm.start()
                c.type_explicit = True
            c.issuer = c.issuer or re.sub(r"\s+", " ", pm.group("issuer")).strip()
        else:
            # `tại các văn bản số 364/TTr-BNG-NVVH`, `Bộ Tài chính (Văn bản số 4773/TC-CSTC ...)`: no type word,
            # the issuer written before `văn bản số`
            vb = P.DOCUMENT_NUMBER_BEFORE_RE.search(text, max(floor, c.start - 30), c.start)
            ib = P.ISSUER_BEFORE_RE.search(text, max(floor, vb.start() - 100), vb.start()) if vb else None
            if ib and not c.issuer and _plausible_issuer_before(ib) and not _office_conveys(c, ib):
                c.issuer = re.sub(r"\s+", " ", ib.group("issuer") or ib.group("body")).strip()
                c.issuer_before = True
    if c.type is None:
        c.type = _type_from_abbr(c)


# An office's symbol (`591/TB-VPCP`, `75-TB/VPTW`, `7683/VPCP-QHĐP`): the office issues the notice or letter that
# conveys a leader's conclusions or instructions, `ý kiến chỉ đạo của Phó Thủ tướng tại Thông báo số 591/TB-VPCP`.
# (the issuing body's code, after the type's if any; not a department's own office drafting it: `8140/STC-VP`)
_OFFICE_SYMBOL_RE = re.compile(r"^[\d.]+(?:/\d{4})?[/-](?:(?P<type>[^\W\d_]+)[/-])?VP")
_OFFICE_NAME_RE = re.compile(r"(?i)^văn\s+phòng")


def _office_conveys(c: Candidate, m: re.Match[str]) -> bool:
    """Whether the body named before a citation is a leader whose words an office's document conveys."""
    office = _OFFICE_SYMBOL_RE.match(c.symbol or "")
    return bool(office and (office.group("type") is None or office.group("type") == c.type_abbr)
                and not _OFFICE_NAME_RE.match(m.group("issuer") or m.group("body") or ""))


def _plausible_issuer_before(m: re.Match[str]) -> bool:
    """A body's name, not a clause or a table's cells: no verb, no cell bar, and a name wrapped over a line
    starts as bodies do (`của Giám đốc Sở\nTài chính tại ...`, not `của Đoàn luật sư\nTTHC ... tại`)."""
    name = m.group("issuer") or m.group("body")
    if "," in name and m.group("via") and m.group("via").lower() != "tại":
        return False  # `Quy chế ... của Đảng ủy Khối các trường Đại học, Cao đẳng theo Quyết định`: whose Quy chế
    if "|" in name or len(name.split()) > 14 or _NOT_IN_ISSUER_RE.search(name) or _ANNEX_NOT_ISSUER_RE.search(name) \
            or _PARTY_AND_STATE_RE.match(name):
        return False
    return "\n" not in name or bool(P.BODY_HEAD_RE.match(name))


# (`chính sách của Đảng và Nhà nước theo Quyết định số 290/2005/QĐ-TTg`: whose policy, not who issued the act)
_PARTY_AND_STATE_RE = re.compile(r"(?i)(?:đảng|nhà\s+nước)(?:\s+(?:và|,)\s+(?:đảng|nhà\s+nước))?\s*$")
# (and `của Ban Biên tập ... và quy định tại Nghị định số ...`: what the document provides, not whose it is)
_NOT_IN_ISSUER_RE = re.compile(r"(?<!\w)(?:đã|được|bị|là|thông qua|có|không|quy định)(?!\w)")
# Types whose documents are never addressed to someone (a directive, a decision, a regulation: they are
# issued, not sent with `Kính gửi`).
_NEVER_ADDRESSED = frozenset({"Chỉ thị", "Quyết định", "Nghị quyết", "Nghị định", "Thông tư", "Luật"})
# `của Quy định ban hành kèm theo Quyết định số ...`: a document's annex, not who issued it.
_ANNEX_NOT_ISSUER_RE = re.compile(r"(?i)^(?:quy\s+định|quy\s+chế|điều\s+lệ|danh\s+mục|phụ\s+lục|hướng\s+dẫn|bảng)(?!\w)"
                                  r"|(?<!\w)kèm$")


def _rightmost_type_before(text: str, start: int, end: int) -> re.Match[str] | None:
    """The type word nearest before a symbol (`... nghị quyết của Đảng, nhất là Quyết định số 1893`)."""
    pattern = P.type_before_re()
    # Only type words within reach of the symbol can end right before it (`Quyết định của Bộ Chính trị số`).
    for m in reversed(list(P.type_word_re().finditer(text, max(start, end - 110), end))):
        found = pattern.match(text, m.start(), end)
        if found:
            return found
    return None


def _rightmost_type_word(text: str, start: int, end: int) -> re.Match[str] | None:
    found = None
    for m in P.type_word_re().finditer(text, start, end):
        found = m
    return found


def _type_from_abbr(c: Candidate) -> str | None:
    if c.kind == "partial" and c.issuer_abbr in P.OLD_STATE_ISSUERS:
        return "Nghị định" if c.issuer_abbr == "CP" else "Quyết định"
    if not c.type_abbr:
        if c.system == "state" and c.symbol and "/QH" in c.symbol:
            return "Luật"
        if c.system == "state" and c.symbol and c.symbol.count("/") == 1:
            return "Công văn"
        return None
    table = type_defaults("party" if c.system == "party" else "state")
    return table.get(c.type_abbr) or (types_by_abbreviation().get(c.type_abbr) or [None])[0]


def _check_type_symbol(c: Candidate, text: str = "") -> None:
    """`Kết luận số 43-KH/TW` is `43-KL/TW`: correct the abbreviation when it is the standard one of
    another type, and warn."""
    if not (c.type_explicit and c.type and c.type_abbr and c.symbol and c.kind == "full"):
        return
    used_by = types_by_abbreviation().get(c.type_abbr)
    if not used_by or c.type in used_by:
        return
    if text and c.type_start is not None:
        # A compound type word: `Thông báo kết luận số 123-TB/TU` is a Thông báo (of conclusions).
        outer = _rightmost_type_word(text, max(0, c.type_start - 25), c.type_start)
        if outer is not None and not text[outer.end(): c.type_start].strip():
            outer_type = canonical_type(outer.group(0))
            if outer_type in used_by:
                c.type, c.type_start = outer_type, outer.start()
                return
    if c.type in ("Luật", "Bộ luật", "Hiến pháp"):
        return
    narrower = next((u for u in used_by if u.startswith(c.type + " ")), None)
    if narrower is not None:
        c.type = narrower  # `Thông tư số 191/2005/TTLT-BQP-BLĐTBXH-BTC`: a joint circular, its type word said loosely
        return
    if c.type == "Công văn" and c.system == "state":
        return  # a State letter is N/ISSUER-UNIT, no type in it: `577/CT-THNVDT` is Cục Thuế's (CT), not a Chỉ thị
    entry = type_by_word().get(fold(c.type))
    if c.system == "party" and entry is not None and entry.system == "state":
        # a State act in the old style N-ISSUER/UNIT, its ministry where a Party symbol has its type: `Thông tư số
        # 89-TC/TCT` is the Ministry of Finance's (TC), no communiqué's (Thông cáo, TC)
        return
    right = abbreviation_for(c.type, c.system or "party")
    if not right or right == c.type_abbr:
        return
    old = c.symbol
    if c.system == "party":
        c.symbol = re.sub(rf"^({re.escape(c.number or '')})-{re.escape(c.type_abbr)}/", rf"\1-{right}/", c.symbol)
    else:
        c.symbol = c.symbol.replace(f"/{c.type_abbr}-", f"/{right}-", 1)
    c.warnings.append(Warning(
        "type_symbol_mismatch",
        f"'{c.type} số {old}': the abbreviation {c.type_abbr} is not that of a {c.type}; read as {c.symbol}",
        c.start, c.end,
    ))
    c.type_abbr = right


_GAP_TO_DATE = re.compile(f"[{P.SP[1:-1]}\\r\\n,(:]*")




_VOWEL_RE = re.compile("[AĂÂEÊIOÔƠUƯYÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ]")
_CAPITALS_LINE_RE = re.compile(f"\\n[{P.SP[1:-1]}]*{P.UP}{{2,}}[{P.SP[1:-1]}]+{P.UP}{{2,}}")


def _header_below(issuer: str) -> str:
    """An issuer written in lower case, cut before a line in capitals: the header of a form or an annex
    below the line that cites (`... của Bộ trưởng Bộ Lao động - Thương binh và Xã hội` / `ỦY BAN NHÂN DÂN TỈNH/THÀNH
    PHỐ…`), not more of its name."""
    if "\n" not in issuer:
        return issuer
    first_line = issuer.split("\n", 1)[0]
    if not re.search(f"[{P.LOWER}]", first_line):
        return issuer  # a title in capitals wraps in capitals
    for cut in _CAPITALS_LINE_RE.finditer(issuer):
        if all(_VOWEL_RE.search(w) for w in cut.group(0).split()[:2]):
            return issuer[: cut.start()]  # (`của Công ty` / `TNHH MTV Seshin VN2`: abbreviations go on with a name)
    return issuer


def _attach_date_issuer(text: str, c: Candidate, limit: int) -> None:
    pos = c.end
    m = _GAP_TO_DATE.match(text, pos, limit)
    if m:
        dm = P.DATE_RE.match(text, m.end(), limit)
        if dm:
            c.date = _iso(dm)
            pos = dm.end()
    im = P.ISSUER_AFTER_RE.match(text[pos:limit]) if pos < limit else None
    if im:
        raw_issuer = _header_below(im.group("issuer"))
        issuer = _TRAILING_AND_RE.sub("", " ".join(raw_issuer.split()))
        if c.issuer is None or c.issuer_weak:
            c.issuer, c.issuer_weak = issuer, False
        pos += im.end() if raw_issuer is im.group("issuer") else im.start("issuer") + len(raw_issuer)
        # `Quy định số 215 ... của Ban Bí thư ngày ...`: a date may follow the issuer too.
        if c.date is None:
            m2 = _GAP_TO_DATE.match(text, pos, limit)
            dm = P.DATE_RE.match(text, m2.end(), limit) if m2 else None
            if dm:
                c.date = _iso(dm)
                pos = dm.end()
    tm = P.TERM_AFTER_RE.match(text[pos:limit]) if pos < limit else None
    if tm:
        c.term = c.term or roman_term(tm.group("term"))
        pos += tm.end()
    # `Nghị quyết số 25-NQ/TW Hội nghị lần thứ bảy Ban Chấp hành Trung ương khóa XI`
    pm = _PLENUM_AFTER_RE.match(text, pos, limit) if pos < limit else None
    if pm and (pm.group("body") or pm.group("num")):
        if c.issuer is None or c.issuer.lower().startswith("hội nghị"):
            c.issuer = "Ban Chấp hành Trung ương"
        pos += pm.end()
        tm = P.TERM_AFTER_RE.match(text[pos:limit])
        if tm:
            c.term = c.term or roman_term(tm.group("term"))
            pos += tm.end()
    if c.issuer and _PLENUM_ISSUER_RE.match(c.issuer):
        c.issuer = "Ban Chấp hành Trung ương"
    if c.issuer:
        cut = _AND_RE.search(c.issuer)
        if cut and P.type_word_re().match(c.issuer, cut.end()):
            c.issuer = c.issuer[: cut.start()]  # `của Bộ Chính trị và Kết luận số ...`
            pos = min(pos, c.end)
        c.issuer = _strip_term(c)
    c.tail = max(pos, c.end)


def _strip_term(c: Candidate) -> str:
    """`Ban Chấp hành Đảng bộ Quận nhiệm kỳ IX` -> the body, with the term kept apart."""
    assert c.issuer is not None
    m = _TERM_TAIL_RE.search(c.issuer)
    if m:
        c.term = c.term or roman_term(m.group(1))
        return c.issuer[: m.start()].strip()
    return c.issuer


def _month(written: str) -> int:
    """A month's number as written, `0 6` (a space typed after its zero) too."""
    return int(re.sub(r"\s", "", written))


# A place line's abbreviated city (`TP. Hồ Chí Minh, ngày ...`): the place as a header writes it in full.
_CITY_ABBR_RE = re.compile(r"^(?:TP|Tp)\.?\s*(?=[A-ZĐ])")


# A report that opens with the day something was issued: `Ngày 28 tháng 10 năm 2025, Chủ tịch Ủy ban nhân dân Thành phố
# đã ban hành Công văn số 3280/UBND-VX về việc ...` (the sentence's first citation, the verb just before it).
_OPENING_DATE_RE = re.compile(
    r"(?:^|\n)[ \t*|]*(?i:ngày)[ \t]*(?P<d>\d{1,2})(?:[ \t]*/[ \t]*|\s+(?i:tháng)\s+)(?P<m>\d{1,2})"
    r"(?:[ \t]*/[ \t]*|\s+(?i:năm)\s+)(?P<y>(?:19|20)\d\d)\s*,(?P<between>[^.;:\n]*(?:\n(?!\s*\n)[^.;:\n]*){0,3}?)"
    r"\s(?i:ban\s+hành|ký|có|gửi)\s*$")


def _attach_opening_date(text: str, c: Candidate, floor: int) -> None:
    """The date a report's sentence opens with, for the citation it goes on to say was issued then."""
    start = c.type_start if c.type_start is not None else c.start
    lo = max(floor, start - 250)
    if text.find("gày", lo, start) < 0:
        return  # (the cheap test first: most citations have no date before them)
    m = _OPENING_DATE_RE.search(text, lo, start)
    if m and len(m.group("between")) <= 160:
        c.date = _iso(m)


def _iso(m: re.Match[str]) -> str | None:
    if not m.group("d") or not (m.group("m") or m.groupdict().get("m2")):
        return None  # an unsigned draft: `ngày    tháng 4 năm 2024`
    d = int(m.group("d"))
    mo = _month(m.group("m") or m.group("m2"))
    y = int(m.group("y") or m.group("y2"))
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


# --------------------------------------------------------------------------- relations


def _gap(text: str, a: Candidate, b: Candidate) -> str:
    return text[a.end: b.type_start if b.type_start is not None and b.type_start >= a.end else b.start]


# A blank line inside a citation (a page break, `khoản 3 Điều\n\n63 của Bộ luật`) does not end a clause
# unless punctuation ends the line before it. A table's row number or cell rule (`\n7 \n`, `\n|\n`) ends one:
# a PDF's text layer gives a table cell by cell, with no punctuation between the cells.
_CLAUSE_BREAK = re.compile(
    r"[;]|(?<=[.;:!?”\")*])[ \t]*\n\s*\n|\n\s*[-+•*]|[.!?](?=\s+[A-ZĐ])|\.\s*\n|:\s*\n|\f"
    r"|\n[ \t]*\d{1,3}[ \t]*\n|\n[ \t]*\|[ \t]*\n"
)
# (`; số 187/2025/NĐ-CP`, `; và số ...` are the list's next items)
# (and the next `Căn cứ` line is one whatever ends the line before it)
_BASIS_CLAUSE_BREAK = re.compile(_CLAUSE_BREAK.pattern.replace(
    "[;]|", r";(?![ \t]*\n?[ \t]*(?!(?:và[ \t]+)?số\b)[a-zđà-ỹ])|\n[\s*]*(?=Căn[ \t]+cứ\b)|", 1))
_ITEM_MARKER = re.compile(r"[ \t*|]*(?:(?P<dash>[-–+•])|(?P<digit>\d{1,3}[.)])|(?P<alpha>[a-zđ][.)])|\(\d{1,2}\))?[ \t]*(?:\*\*)?[ \t]*$")
_ARTICLE_LINE = re.compile(r"[ \t*]*(?:Điều|ĐIỀU)[ \t]+\d{1,3}[ \t]*[.:]")
_ITEM_LINE = re.compile(r"[ \t*]*(?:(?P<digit>\d{1,3}[.)])|(?P<alpha>[a-zđ][.)])|(?P<dash>[-–+•]))")
# (a colon right after a verb of change does not open a clause: `a) Sửa đổi, bổ sung: 01 thủ tục hành chính ... tại
# Quyết định ...`)
# (the colon first, then what is before it: a pattern that opened with look-behinds would be tried at every position)
_CLAUSE_OPEN = re.compile(r"[.;!?](?=\s)|:(?<!(?i:bổ sung:))(?<!(?i:sửa đổi:))(?<!(?i:bãi bỏ:))(?<!(?i:thay thế:))(?=\s)|\n[ \t]*\n")
_SENTENCE_END = re.compile(r"\.(?=[ \t]*(?:\n|$))|\.(?=\s+[A-ZĐ])|\n[ \t]*(?:\d{1,3}[.)]|[a-zđ]\)|Điều[ \t]+\d)")
_ROW_END = re.compile(r"\d{0,2}[ \t]*(?:,[ \t]*)?(?:\n[ \t]*)*(?:$|\f|\d{1,3}[ \t]*(?:\n|[ \t]{2})|\d{1,2}[ \t]+[A-ZĐ])|\d{0,2}[ \t]*\n[ \t]*\n")


def _same_clause(text: str, a: Candidate, b: Candidate, structure: Structure) -> bool:
    zone = structure.zone_of(a.start)
    if zone != structure.zone_of(b.type_start if b.type_start is not None else b.start):
        return False
    if zone == "basis":
        # a ground's item goes on after a semicolon inside a cited title (`... quản lý tài sản công; \nthực hành tiết
        # kiệm, chống lãng phí; ... được sửa \nđổi, bổ sung bởi Nghị định số 102/2021/NĐ-CP`): the next item opens
        # with a capital (`; Căn cứ ...`)
        return not _BASIS_CLAUSE_BREAK.search(text, a.end, b.start)
    return not _CLAUSE_BREAK.search(text, a.end, b.start)


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding `pos` starts: after the last sentence or clause mark, blank line, or the
    marker of the list item its line opens."""
    lo = max(0, pos - 400)
    start = lo
    for m in _CLAUSE_OPEN.finditer(text, lo, pos):
        start = m.end()
    line_start = text.rfind("\n", 0, pos) + 1
    if line_start > start and _ITEM_LINE.match(text, line_start):
        start = line_start
    return start


def _opens_clause(text: str, pos: int, parts: bool = False) -> bool:
    """Nothing but a list marker between the clause's start and `pos` (`1. Chỉ thị số ...`, `; Thông tư ...`);
    parts: or the parts of the document the item names (`a) Điều 3 Nghị định số ...`)."""
    start = _clause_start(text, pos)
    # each run of spaces one space: the patterns read any run as one, and a run of hundreds (a table's layout
    # in a gazette's text layer) makes their nested repeats try every way to split it (0.1 s a gap)
    gap = _HORIZONTAL_RUN_RE.sub(" ", text[start:pos].replace("\n", " "))
    return bool(_ITEM_MARKER.fullmatch(gap) or (parts and _ITEM_MARKER_PARTS.fullmatch(gap)))


# A list marker and the parts of a document an item names (matched from the start: a pattern anchored at
# the end only would be tried at every position of the gap).
_HORIZONTAL_RUN_RE = re.compile(r"[ \t]{2,}|\t")
_ITEM_MARKER_PARTS = re.compile(r"[ \t*|]*(?:[-–+•]|\d{1,3}[.)]|[a-zđ][.)]|\(\d{1,2}\))?[ \t]*(?:\*\*)?"
                                f"(?:{P.PARTS})[ \t]*")


# The provision a document carries out, in a parenthesis after its own subject: `(thực hiện điểm b khoản 2 Điều 29 `.
_PAREN_IMPLEMENTS_RE = re.compile(rf"\(\s*(?:(?i:để|nhằm)\s+)?(?i:thực\s+hiện|cụ\s+thể\s+hóa|cụ\s+thể\s+hoá){P.ARTICLE_PARTS}"
                                  rf"(?:\s+(?i:của))?\s*$")
# An annex's heading, the act it came with named: `(Ban hành kèm theo Thông tư số `.
_ANNEX_HEADING_RE = re.compile(r"[ \t*]*\([ \t*]*(?i:ban\s+hành\s+)?(?i:kèm\s+theo)(?:\s+(?:(?!\d)[\w ]){2,30}?\s+(?i:số))?\s*")
# A change of the documents listed after the colon: `... thay thế các Nghị định sau:`, `Bãi bỏ các văn bản sau đây:`.
_INLINE_CHANGE_HEAD_RE = re.compile(
    r"(?i:thay\s+thế|bãi\s+bỏ|sửa\s+đổi|bổ\s+sung)(?!\w)\s+(?i:toàn\s+bộ\s+)?(?i:các|những)\s[^.;:]{0,80}?"
    r"(?:\s(?i:sau(?:\s+đây)?|dưới\s+đây))?\s*:$"
    # (or what ceases: `Các Quyết định sau hết hiệu lực kể từ ngày Quyết định\nnày có hiệu lực: ...`)
    r"|(?i:các|những)\s[^.;:]{0,60}?\s(?i:sau(?:\s+đây)?)\s+(?i:hết|không\s+còn)\s+hiệu\s+lực[^.;:]{0,100}:$")


def _inline_list_head(text: str, clause_start: int) -> str | None:
    """The head of a list run on in its paragraph (`... thay thế các Nghị định sau: A ...; B ...`) whose item a clause
    starting at `clause_start` is: the clause before the colon, when only `;`-separated items lie between."""
    k = clause_start - 1
    while k >= 0 and text[k] in " \t\r\n":
        k -= 1
    if k < 0 or text[k] not in ":;":
        return None
    floor = max(0, k - 3000)
    colon = text.rfind(":", floor, k + 1)
    if colon < 0 or re.search(r"\n[ \t]*\n|\.(?=\s)|“", text[colon:k + 1]):
        return None  # the list is not one paragraph, or a sentence ended inside it
    return text[_clause_start(text, colon): colon + 1]


def _list_head(text: str, pos: int, structure: Structure | None = None) -> str | None:
    """The head of the list whose item `pos` opens: the nearest line above that ends with a colon, is an
    article (`Điều 1. Bãi bỏ toàn bộ 15 văn bản ...`) or an annex's title (`DANH MỤC VĂN BẢN ... BÃI BỎ`), and is
    not a sibling item of the same kind. A page's notes between two items are passed over (a consolidated text's
    note quoting an amending act's articles at the foot of the page)."""
    line_start = text.rfind("\n", 0, pos) + 1
    item = _ITEM_LINE.match(text, line_start)
    kind = item.lastgroup if item else None
    cursor = line_start - 1
    floor = max(0, pos - 6000)
    while cursor > floor:
        s = text.rfind("\n", 0, cursor) + 1
        line = text[s:cursor].rstrip(" \t*")
        cursor = s - 1
        if structure is not None and structure.footnote_spans and structure.zone_of(s) == "footnote":
            continue
        if _ARTICLE_LINE.match(line) or P.ANNEX_TITLE_RE.match(line):
            return line
        if line.endswith(":"):
            m = _ITEM_LINE.match(line)
            if m and kind and m.lastgroup == kind:
                return None  # a sibling item ending with a colon: the list is its own
            # the whole clause the head line ends (`2. Các Quyết định sau hết hiệu\nlực thi hành ...:`)
            return text[_clause_start(text, s + len(line) - 1): s + len(line)]
    if kind == "digit" and cursor <= floor:
        # a long numbered list (fifty acts repealed, for pages): the head is the line above its first item
        first = None
        for first in _FIRST_ITEM_RE.finditer(text, max(0, pos - 40000), floor):
            pass
        if first is not None:
            above_end = len(text[: first.start()].rstrip(" \t*\n"))  # (blank lines between)
            above = text[text.rfind("\n", 0, above_end) + 1: above_end].rstrip(" \t*")
            if above.endswith(":"):
                return text[_clause_start(text, above_end - 1): above_end]
            if _ARTICLE_LINE.match(above):
                return above
    # a long annex: its title, however far above (annexes follow the articles)
    titles = _annex_titles(text)
    k = bisect.bisect_right(titles, (pos,)) - 1
    return titles[k][1] if k >= 0 and titles[k][0] < floor else None


_FIRST_ITEM_RE = re.compile(r"(?m)^[ \t*]*1[.)][ \t]")


@lru_cache(maxsize=4)
def _annex_titles(text: str) -> list[tuple[int, str]]:
    """Where each annex title line of a text starts, and the line (`DANH MỤC VĂN BẢN ... BÃI BỎ TOÀN BỘ`)."""
    return [(m.start(), m.group(0)) for m in P.ANNEX_TITLE_RE.finditer(text)]


_NEXT_CELL_RE = re.compile(r"[ \t]*\n[ \t]*[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][a-zđà-ỹ]")
_CELL_LEAD_RE = re.compile(r"[ \t|*,]*(?:(?:số|Số)[ \t]*:?[ \t]*)?")


def _in_basis_column(text: str, cands: list[Candidate], i: int, structure: Structure) -> bool:
    """A citation alone in the last cell of a table row under a `Căn cứ` header: the row's ground."""
    if not structure.basis_columns:
        return False
    c = cands[i]
    ctx = c.type_start if c.type_start is not None else c.start
    if bisect.bisect_right(structure.basis_columns, ctx) == 0:
        return False
    line_start = text.rfind("\n", 0, ctx) + 1
    lead = _CELL_LEAD_RE.fullmatch(text, line_start, ctx)
    if not lead:
        return False  # the cell holds more than citations
    if lead.group(0).strip(" \t|*,") and line_start > 0:
        # `Nghị quyết \nsố 66-NQ/TW`: the type word alone on the line above opens the cell
        above = text[text.rfind("\n", 0, line_start - 1) + 1: line_start - 1].strip(" \t|*")
        if not P.type_word_re().fullmatch(above):
            return False
    j = i
    while j + 1 < len(cands):  # a list of citations fills the cell: `Nghị quyết số 66-NQ/TW, Nghị quyết số 140/NQ-CP`
        b = cands[j + 1]
        head = b.type_start if b.type_start is not None and b.type_start >= cands[j].end else b.start
        if not re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", text[cands[j].tail: head]):
            break
        j += 1
    # the row ends, or the next cell starts on the next line (a row whose number the table left out)
    return bool(_ROW_END.match(text, cands[j].tail) or _NEXT_CELL_RE.match(text, cands[j].tail))


_DESCRIPTION_START = re.compile(
    r"\s*(?:[,(]\s*)?(?:về|v/v|ban\s+hành|quy\s+định|hướng\s+dẫn|sửa\s+đổi|bổ\s+sung|thay\s+thế|bãi\s+bỏ|thực\s+hiện|"
    r"triển\s+khai|phê\s+duyệt|kèm\s+theo|tại|theo|của|do|và|được|đã|nhằm|để|cụ\s+thể\s+hóa|thi\s+hành|"
    r"(?:là|gọi\s+là)\b|hoặc|,)", re.I)


def _describes(text: str, prev: Candidate, ctx_start: int) -> bool:
    """Whether the words between two references in one clause describe the first (`X về việc ban hành
    ..., thực hiện Y`), rather than run on into another cell or phrase with no tie to it."""
    start = prev.tail if prev.tail <= ctx_start else prev.end
    gap = text[start:ctx_start]
    if ")" in gap and "(" not in gap:
        # The parenthesis holding the reference before has closed: what follows describes the document the
        # parenthesis is about (`(số 145-CTr/TW, ngày 30/12/2014) về việc tổng kết thực hiện Chỉ thị số 30`), or
        # starts a new clause (`(ngày Nghị định số 61/CP có hiệu lực thi hành), khi thực hiện QĐ 20`).
        gap = gap[gap.rindex(")") + 1:]
        return bool(re.match(r"\s*(?:về|v/v|ban\s+hành|quy\s+định|hướng\s+dẫn|thực\s+hiện|sửa\s+đổi)", gap, re.I))
    return bool(_DESCRIPTION_START.match(gap)) or bool(
        P.IMPLEMENT_CUE_RE.search(gap) or P.AMEND_CUE_RE.search(gap) or P.REPLACE_CUE_RE.search(gap))


# The document a direction was given in, after the task it directs: `..., theo chỉ đạo của Phó Thủ tướng Chính phủ
# ... tại Văn bản số 6721/VPCP-V.I`. A new head, neither listed with the reference before nor in its description.
_DIRECTED_AT_RE = re.compile(
    r"(?i:theo\s+(?:sự\s+)?(?:chỉ\s+đạo|ý\s+kiến(?:\s+chỉ\s+đạo)?|yêu\s+cầu|kết\s+luận))\s+của\s+[^.;:()]{2,120}?"
    r"\s+(?i:tại)(?:\s+(?i:các))?(?:\s+(?i:văn\s+bản))?(?:\s*(?i:số))?\s*$")


def _antecedent(cands: list[Candidate], i: int) -> Candidate | None:
    """What an alias abbreviates: the nearest earlier citation of the same document in the same passage."""
    c = cands[i]
    if not c.symbol:
        return None
    for j in range(i - 1, max(-1, i - 8), -1):
        a = cands[j]
        if a.symbol == c.symbol and c.start - a.end < 1500:
            return a
    return None


def _cue_object_list(text: str, start: int, end: int, prev: Candidate | None = None,
                     c: Candidate | None = None) -> str | None:
    """The chain a list continues: in `X về việc ban hành Chương trình ... thực hiện Nghị quyết Đại hội X,
    Nghị quyết số 25/2006/NQ-CP`, the reference after the comma is a second object of `thực hiện`, not a
    second X. Only when a document (a type word) follows the verb, and the gap ends the list with a comma;
    and not when the reference is of the type of the one before the gap and the verb's object of another
    (`sửa đổi ... Nghị định số 78/2025/NĐ-CP ... hướng dẫn thi hành luật ban hành ... và Nghị định số 79`:
    the parallel is with the decree before, the second object of `sửa đổi`)."""
    if not _LIST_END_RE.search(text, start, end):
        return None
    last = None
    for m in P.CHAIN_CUE_ANY_RE.finditer(text, start, end):
        last = m
    if last is None:
        return None
    after = re.match(f"{P.PARTS}{P.WS}*", text[last.end(): end])
    object_type = P.type_word_re().match(text, last.end() + (after.end() if after else 0))
    if not object_type:
        return None
    if prev is not None and c is not None and c.type and prev.type == c.type != canonical_type(object_type.group(0)):
        return None
    word = last.group(0).lower()
    return "amends" if "sửa" in word else "replaces" if ("thay" in word or "bãi" in word) else "implements"


_TASK_MAKES_PLAN = re.compile(r"(?i)(?:xây\s+dựng|ban\s+hành)(?:\s+(?:và|,)\s*\w+(?:\s+\w+)?)?\s*$")
_ISSUED_BEFORE = re.compile(r"(?i)ban\s+hành(?:\s+kèm\s+theo\s+[^.;:\n]{2,30}?\s+này)?\s*$")
_LIST_END_RE = re.compile(r"(?:,|\bvà)\s*$")


# The types a document names itself by in its own clauses (`Thông tư này`, `ban hành Quyết định ...`).
_ACT_WORDS = (r"(?:thông\s+tư|nghị\s+định|quyết\s+định|nghị\s+quyết|chỉ\s+thị|kế\s+hoạch|chương\s+trình|quy\s+định|quy\s+chế"
              r"|hướng\s+dẫn)")
_VERB_SUBJECT = re.compile(
    f"(?:^[\\s*|]*(?:[{P.UPPER} ]{{2,40}}\n)?" +  # a title under its upper-case type line
    r"(?i:(?:[-–+•]|\d{1,3}[.)]|[a-zđ][.)])?\s*(?:\*\*)?\s*(?:(?:về|v/v)(?:\s+việc)?\s*)?)"
    rf"|(?i:\bnày\s*|\bđồng\s+thời\s*|ban\s+hành\s+{_ACT_WORDS}\s*)"
    # a second predicate of the document: `Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 10 năm 2011 và`,
    # `Nghị quyết này đã được Hội đồng nhân dân thành\nphố Hà Nội khoá XVI, kỳ họp thứ 28 thông qua ngày ... và`
    # (or after a comma: `Quyết định này có hiệu lực kể từ ngày\nký, thay thế Quyết định số 1234/QĐ-TTPVHCC`)
    rf"|(?i:\b{_ACT_WORDS}\s+này\s[^.;:]{{0,200}}?(?:\svà|,)\s*))$")


def _verb_opens(before: str, cue: re.Match[str] | None) -> bool:
    """A repeal or amendment verb (`cue`, found in `before`) is the document's own act when it opens the clause
    or item (`1. Bãi bỏ ...`, `Về việc bãi bỏ ...`), follows the document as subject (`Nghị định này thay thế
    ...`) or its enacting formula (`ban hành Thông tư sửa đổi, bổ sung ...`), not as a word inside a phrase
    (`thuốc thay thế quy định tại Điều 16 ...`)."""
    if cue is None:
        return False
    # (or a capitalized verb that starts a line under a short title: an article's text, `Điều 1. Bãi bỏ văn bản quy
    # phạm pháp luật` / `Bãi bỏ Quyết định số ...`; not a cell of a table of tasks, `Nhiệm vụ ... \nSửa đổi Luật ...`)
    prefix = before[: cue.start()]
    return bool(_VERB_SUBJECT.search(prefix)) or (
        before[cue.start()].isupper() and prefix.rstrip(" \t").endswith("\n") and prefix.count("\n") <= 4
        and len(prefix) <= 300)


def _acts(before: str, zone: str | None, in_articles: bool, own_types: set[str]) -> bool:
    """Whether the document itself is the subject of a clause: in its articles or title, or named as `Nghị
    định này`, or as the kind of document it is issuing (`ban hành Kế hoạch ...`)."""
    return in_articles or zone == "title" or bool(P.SELF_SUBJECT_RE.search(before + " ")) or bool(
        _THIS_ACT_RE.search(before)) or any(
        canonical_type(m.group("type")) in own_types for m in P.ISSUES_SELF_RE.finditer(before))


# A central body's symbol, when its issuer's words were not read as one: a ministry's code (`B...`, a joint
# circular's `TTLT-BYT-BTC-BLĐTBXH`), the Government's, the Prime Minister's, the National Assembly's.
_CENTRAL_SYMBOL_RE = re.compile(r"/(?:\d{4}/)?[A-ZĐ]+-(?:B[A-ZĐ]+(?:-B[A-ZĐ]+)*|CP|TTg|NHNN|VPCP)$|/QH\d{1,2}$|UBTVQH\d{1,2}$")
# A ground stated in a letter's answer (`Căn cứ khoản 25 Điều 5 Luật Thuế GTGT số ...`), the clause's opening words.
_LETTER_GROUND_RE = re.compile(r"[\s*\-–+•]*(?:\d{1,2}[.)]\s*)?(?P<ground>Căn)\s+cứ\s+(?:(?:quy\s+định\s+)?(?:tại\s+)?"
                               r"(?:(?:điểm|khoản|Điều|mục|Phụ\s+lục)\s+[\w.]+[\s,]*(?:và\s+)?)*)?(?:của\s+)?$")
# Grounds that run on in one paragraph after one that opens it: `\nCăn cứ Luật ...; Căn cứ Luật ...; ` (up to the next).
_GROUNDS_RUN_RE = re.compile(r"\n[ \t*]*Căn\s+cứ\s[^.:]*?;\s*(?:\*\s*)?\Z")
# A proposal a letter cites as a decision's preamble does: `Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số`.
_PROPOSAL_OPENS_RE = re.compile(r"[\s*_]*(?i:theo|xét)\s+đề\s+nghị\s+của\s")
# A proposal whose subject is the document that is being issued: `Tờ trình ... đề nghị ban hành Nghị quyết ...`.
_PROPOSAL_TYPES = {"Tờ trình", "Báo cáo", "Công văn"}
_PROPOSED_ACT_RE = re.compile(
    r"(?i)\b(?:(?:đề\s+nghị|trình)(?:(?:\s+[^\s,;.]+){0,6}?\s+(?:ban\s+hành|thông\s+qua|xem\s+xét))?(?:\s+dự\s+thảo)?"
    r"|dự\s+thảo|về\s+(?:việc\s+)?(?:ban\s+hành|thông\s+qua))\s+")
# (`đề nghị Hội đồng nhân dân Thành phố ban hành Nghị quyết bãi bỏ ...`, `Tờ trình ... về việc ban hành Nghị quyết sửa
# đổi ...`)
_PROPOSED_CHANGE_RE = re.compile(r"(?i)\s+(?:về\s+(?:việc\s+)?)?(?:sửa\s+đổi|bổ\s+sung|thay\s+thế|bãi\s+bỏ)")
# A consolidated text's note on a part of itself: `Khoản này được bổ sung theo quy định tại Điều 7 Thông tư số ...`,
# `Mẫu này được bổ sung ...` (the reference before it is not what was amended).
_OWN_PART_AMENDED_RE = re.compile(
    r"(?i)(?:\b(?:điều|khoản|điểm|mục|chương|phần|phụ\s+lục|nội\s+dung|cụm\s+từ|từ|tên|mẫu|biểu|bảng|đoạn|câu|tiết)"
    r"(?:\s+\S+)?\s+này|[”\"])\s+(?:đã\s+)?được\s")  # (or a quoted passage: `Đoạn “...” được bổ sung theo ...`)
_THIS_ACT_RE = re.compile(rf"(?i)\b{_ACT_WORDS}\s+này\b")


def _own_plan_types(text: str, structure: Structure) -> set[str]:
    """The types the document itself is or issues: its type line, and what its purpose statement or
    `Điều 1` issues (`ban hành Kế hoạch ...`, `Ban hành kèm theo Nghị quyết này Chương trình hành động ...`)."""
    own = {structure.type_line} if structure.type_line else set()
    windows = [(s, e) for s, e, z in structure.zones if z in ("purpose", "title")]
    if structure.article_start is not None:
        windows.append((structure.article_start, min(len(text), structure.article_start + 600)))
    for s, e in windows:
        for m in P.ISSUES_RE.finditer(text, s, e):
            t = canonical_type(m.group("type"))
            if t:
                own.add(t)
    return own


def _relations_and_chains(text: str, cands: list[Candidate], structure: Structure) -> list[tuple[Candidate, Candidate, str]]:
    """Give each reference its relation to the citing document, and find the chains the text states
    between two cited documents.

    The clause decides: a reference is the head of its clause, or coordinated with the one before it
    (sharing its role), or subordinate to it (in its description: a mention, and perhaps a chain). A
    head's relation comes from what acts on it (the verb before it in its clause, or the head of the list
    its item is in, or a predicate after it) and from where the clause stands (see `_head_relation`)."""
    chains: list[tuple[Candidate, Candidate, str]] = []
    own_types = _own_plan_types(text, structure)
    chain_of: dict[int, tuple[Candidate, str]] = {}  # a subordinate's chain, shared by what is coordinated with it
    notes = [structure.zone_of(c.start) == "footnote" for c in cands]
    # A consolidated text's note names its original first, and each quoted preamble's paragraph its act first.
    note = structure.consolidation_note
    original = None if note is None else _first_full(cands, note[0], note[1])
    acts = {q: _first_full(cands, q[0], q[1]) for q in structure.quoted_preambles}
    for i, c in enumerate(cands):
        if c.amended_by is not None:
            # A law an amending law is named by: that law amends it; the citing document only names it.
            c.relation = "mentions"
            chains.append((c.amended_by, c, "amends"))
            continue
        # (a note printed inside a sentence of the body, as a gazette page sets it, does not join the body's
        # clause: the reference before a body's is the body's)
        noted = notes[i]
        prev = next((cands[k] for k in range(i - 1, -1, -1) if cands[k].amended_by is None and notes[k] == noted),
                    None)
        ctx_start = c.type_start if c.type_start is not None else c.start
        subordinate_to: Candidate | None = None
        coordinated = passive = False
        near = cands[i - 1] if i else None
        if near is not None and near is not prev and near.tail <= ctx_start and P.PASSIVE_AMEND_RE.search(
                text, near.tail, ctx_start) and not _OWN_PART_AMENDED_RE.search(text, near.tail, ctx_start):
            # `... của Luật A số X đã được sửa đổi, bổ sung một số điều theo Luật số Y`: Y amends A, a law an
            # amending law names, and shares its role.
            c.relation = near.relation
            if c.kind in ("full", "partial"):
                chains.append((c, near, "amends"))
                chain_of[id(c)] = (near, "amended")
            continue
        if _in_basis_column(text, cands, i, structure) and (
                prev is None or not _LIST_GAP_RE.fullmatch(text[prev.tail:ctx_start] or " ")):
            c.relation = "basis"
            continue
        shared = chain_of.get(id(prev)) if prev is not None and prev.tail <= ctx_start else None
        if prev is not None and _same_clause(text, prev, c, structure):
            gap = _gap(text, prev, c)
            gap_wo_tail = text[prev.tail: ctx_start] if prev.tail <= ctx_start else gap
            verb = _coordinated_verb(gap_wo_tail) if shared is not None and shared[1] != "amended" else None
            if verb is not None and c.kind in numbered:
                # `... sửa đổi, bổ sung Thông tư liên tịch số 17/2006/... và thay thế Thông tư liên tịch số
                # 06/2007/...`: a second verb of the same subject, whose object this is
                c.relation = prev.relation
                chains.append((shared[0], c, verb))
                chain_of[id(c)] = (shared[0], verb)
                continue
            if _DIRECTED_AT_RE.search(gap_wo_tail):
                pass  # a new head: what a direction was given in
            elif P.PASSIVE_AMEND_RE.search(gap_wo_tail) and not _OWN_PART_AMENDED_RE.search(gap_wo_tail):
                passive = True
            elif _PAREN_CHANGE_RE.search(gap_wo_tail):
                # what the reference before changes, in a parenthesis after it: `Nghị định số 70/2025/NĐ-CP ... (sửa
                # đổi, bổ sung Điều 4, Điều 13 Nghị định số 123/2020/NĐ-CP ...)`
                subordinate_to = prev
            elif P.COORD_RE.search(gap_wo_tail) and not P.IMPLEMENT_CUE_RE.search(gap_wo_tail) and not _cue_object_list(
                    text, prev.tail if prev.tail <= ctx_start else prev.end, ctx_start, prev, c):
                coordinated = True
            elif _OPEN_PAREN_RE.search(gap_wo_tail) and not (P.IMPLEMENT_CUE_RE.search(gap_wo_tail)
                                                             or P.AMEND_CUE_RE.search(gap_wo_tail)):
                coordinated = True  # an appositive: `Nghị quyết Hội nghị lần thứ bảy ... (Nghị quyết số 25-NQ/TW)`
                antecedent = _antecedent(cands, i)
                if antecedent is not None:
                    c.relation = antecedent.relation  # an alias inherits from what it abbreviates
                    continue
            elif _describes(text, prev, ctx_start) and not (c.symbol and c.symbol == prev.symbol):
                subordinate_to = prev  # the nearest reference the gap describes
            # else: a new head in the same clause (a table's next cell, `... Bộ Công an Văn bản thể chế hóa
            # Kết luận số 182-KL/TW`): nothing ties it to the reference before
        numbered = ("full", "partial", "descriptive")
        if passive and prev is not None:
            # `Luật ... số 41/2024/QH15 được sửa đổi, bổ sung bởi Luật số 73/2025/QH15`: the amending act
            # shares the role of the act it amends, and amends it.
            amended = _amended_act(text, cands, i, prev, structure)
            c.relation = amended.relation
            if c.kind in numbered and amended.kind in numbered:
                chains.append((c, amended, "amends"))
                chain_of[id(c)] = (amended, "amended")
            continue
        if subordinate_to is not None:
            c.relation = "mentions"
            gap = text[subordinate_to.tail if subordinate_to.tail <= ctx_start else subordinate_to.end: ctx_start]
            # Chains join numbered documents, and plenum resolutions that resolve to one
            # (`Kết luận 43-KL/TW ... về tiếp tục thực hiện Nghị quyết Trung ương 7 khóa XI`).
            # A law named, not numbered, as the object (`Thông tư số 32/2025/TT-BTC hướng dẫn thực hiện một số
            # điều của Luật Quản lý thuế ..., Nghị định số 123/2020/NĐ-CP`) is no end of a chain, but what is
            # listed with it is a second object.
            if subordinate_to.kind in numbered and (c.kind in numbered or c.kind == "named"):
                rel = ("amends" if P.AMEND_CUE_RE.search(gap) else "replaces" if P.REPLACE_CUE_RE.search(gap)
                       else "implements" if P.IMPLEMENT_CUE_RE.search(gap)
                       else "amends" if P.AMEND_FAR_RE.search(gap) else None)
                listed = _cue_object_list(text, subordinate_to.tail if subordinate_to.tail <= ctx_start
                                          else subordinate_to.end, ctx_start)
                if rel is None and listed:
                    rel = listed
                proposals = list(_PROPOSED_ACT_RE.finditer(gap)) if rel in ("amends", "replaces") \
                    and subordinate_to.type in _PROPOSAL_TYPES else []
                if proposals:
                    # A proposal changes nothing itself: no chain. `Xét Tờ trình số 16482/TTr-UBND ... đề nghị ban
                    # hành Nghị quyết sửa đổi ... Nghị quyết số 11/2022/NQ-HĐND`: what is proposed is this
                    # document, which amends it; `dự thảo Nghị quyết của Quốc hội sửa đổi ...` is another's.
                    # (The cue before the act proposed: `giải trình về nội dung thẩm tra Tờ trình, dự thảo Nghị quyết
                    # thay thế ...` has a `trình` before it.)
                    for proposed in proposals:
                        typed = P.type_word_re().match(gap, proposed.end())
                        if typed:
                            if canonical_type(typed.group(0)) in own_types \
                                    and _PROPOSED_CHANGE_RE.match(gap, typed.end()):
                                c.relation = rel
                            break
                    continue
                if rel in ("replaces", "amends") and subordinate_to.relation in ("replaces", "amends") \
                        and _SECOND_OWN_VERB_RE.search(gap):
                    # this document's second verb after what it replaces (`Thông tư này thay thế Thông tư số
                    # 07/2018/TT-BKHĐT ... hướng dẫn công tác thi đua ... và bãi bỏ các Quyết định số 1731/QĐ-BKHĐT`)
                    c.relation = rel
                    continue
                if rel:
                    if c.kind in numbered:
                        chains.append((subordinate_to, c, rel))
                    chain_of[id(c)] = (subordinate_to, rel)
                elif _ISSUED_IN_GAP_RE.fullmatch(gap):
                    # the act that issued it: `QCVN 06:2012/BLĐTBXH được ban hành tại Thông tư số 04/2012/TT-BLĐTBXH`
                    # is cited for what it is cited for
                    c.relation = subordinate_to.relation
            continue
        if coordinated and prev is not None:
            partner = _list_partner(text, cands, i, prev, structure, chain_of)
            shared = chain_of.get(id(partner))
            if shared and partner.kind == "named" and not (
                    partner.tail <= ctx_start and _COMMA_GAP_RE.fullmatch(text, partner.tail, ctx_start)):
                shared = None  # a named object's list goes on only as a plain list (`Luật Quản lý thuế và`)
            if shared and shared[1] == "implements" and _rank(c.type) > _rank(shared[0].type) >= 0:
                shared = None  # `Nghị định số 145/2020/NĐ-CP hướng dẫn ... và Thông tư liên tịch số 08/2005/...`
            if partner.kind == "named" and shared and shared[1] != "amended" and c.kind in numbered \
                    and c.type == shared[0].type != partner.type:
                # `Nghị định số 54/2006/NĐ-CP ... hướng dẫn thi hành ... Pháp lệnh ưu đãi ... và Nghị định số
                # 89/2008/NĐ-CP`: a document of the subject's type after its named object is a second subject
                c.relation = shared[0].relation
                continue
            c.relation = partner.relation
            if shared and shared[1] == "amends" and P.AMENDING_AFTER_RE.match(text, c.tail):
                # `đính chính Thông tư số 138/2025/TT-BTC sửa đổi ... Thông tư số 06/2022/TT-BTC ... và Thông
                # tư số 139/2025/TT-BTC sửa đổi ...`: an amending act itself, the second subject, no object
                c.relation = shared[0].relation
                continue
            if shared and shared[1] == "amended" and _rank(c.type) > _rank(shared[0].type):
                continue  # `... được sửa đổi, bổ sung bởi Nghị định số 70/2025/NĐ-CP và Thông tư số 32/2025/TT-BTC`
            if shared and c.kind in numbered:
                other, rel = shared
                chains.append((c, other, "amends") if rel == "amended" else (other, c, rel))
                chain_of[id(c)] = shared
            continue
        c.relation = _head_relation(text, c, ctx_start, structure, own_types)
        if note is not None and note[0] <= c.start < note[1]:
            # a consolidated text's note: the acts named after `được sửa đổi, bổ sung bởi:` amended the original
            if original is not None and original is not c and P.AMENDED_BY_NOTE_RE.search(text, original.end, c.start):
                chains.append((c, original, "amends"))
        quoted = _quoted_preamble_of(structure, c.start)
        if quoted is not None:
            # a ground of the amending act the paragraph names, quoted from its preamble: an edge from that act
            act = acts[quoted]
            if act is not None and act is not c and c.kind in ("full", "partial"):
                chains.append((act, c, "basis"))  # (an edge joins two numbered documents, as everywhere)
    _plural_runs(text, cands)
    return chains


_SECOND_OWN_VERB_RE = re.compile(r"\svà\s+(?i:bãi\s+bỏ|thay\s+thế)\s+(?i:các)\s*\Z")
_RUN_GAP_RE = re.compile(r"\s*[;,]\s*(?:và\s+)?\Z")


def _plural_runs(text: str, cands: list[Candidate]) -> None:
    """A plural head's items after semicolons take its role: `... và thay thế các Quyết định số 25/2005/QĐ-UB ngày
    03/02/2005; Quyết định số 32/2005/QĐ-UB ngày 01/4/2005; ...` (each item opens a clause of its own, which would
    read as the article's default)."""
    i = 0
    while i < len(cands):
        head = cands[i]
        i += 1
        if head.type_start is None or not _PLURAL_BEFORE_RE.search(text, max(0, head.type_start - 8), head.type_start):
            continue
        run = [head]
        while i < len(cands):
            c = cands[i]
            start = c.type_start if c.type_start is not None else c.start
            if c.type != head.type or run[-1].tail > start or not _RUN_GAP_RE.search(text, run[-1].tail, start):
                break
            run.append(c)
            i += 1
        if len(run) < 2:
            continue
        if head.relation not in (None, "applies", "mentions"):
            for c in run[1:]:
                if c.relation == "applies":
                    c.relation = head.relation
        # (and the issuer written after the last item, `...; Quyết định số 03/2009/QĐ-UBND ngày 03/3/2009 của UBND tỉnh`)
        if run[-1].issuer and _same_body_code(run[0], run[-1]):
            for c in run[:-1]:
                if c.issuer is None and _same_body_code(c, run[-1]):
                    c.issuer = run[-1].issuer


# Items added to a list of another act (`Bổ sung các cửa khẩu sau vào danh sách ... được nêu tại Điều 2 Nghị quyết số`),
# a part added to it (`Bổ sung khoản 3a vào sau khoản 3 Điều 4 Thông tư số`; not in a quoted text of another act's).
_ADDED_TO_RE = re.compile(
    rf"(?i:bổ\s+sung)(?!\w)(?:[^;.:]{{0,200}}?\s(?i:vào)\s[^;.:]{{0,200}}?\s(?:(?i:được)\s+)?(?:(?i:nêu|quy\s+định|ban\s+hành)\s+)?"
    rf"(?i:tại|kèm\s+theo)|[^;.:]{{0,60}}?\s(?i:vào\s+sau|vào\s+trước|vào\s+cuối|sau|trước)){P.ARTICLE_PARTS}(?:\s+(?i:của))?\s*$")
_PAREN_CHANGE_RE = re.compile(r"\((?=[^()]*$)\s*(?i:sửa\s+đổi|bổ\s+sung|thay\s+thế|bãi\s+bỏ)(?!\w)")
_ISSUED_IN_GAP_RE = re.compile(r"[\s,(]*(?:(?:đã\s+)?được\s+)?(?i:ban\s+hành\s+(?:kèm\s+theo|tại|theo))\s*")
_VERB_AFTER_AND_RE = re.compile(r"\s*(?:,\s*)?(?:và|,)\s*")


def _coordinated_verb(gap: str) -> str | None:
    """The relation of a verb coordinated with the one before (`và thay thế`, `, sửa đổi`) that is all of a gap."""
    m = _VERB_AFTER_AND_RE.match(gap)
    if not m:
        return None
    rest = gap[m.end():]
    if not rest.strip():
        return None
    return ("amends" if P.AMEND_CUE_RE.match(rest) else "replaces" if P.REPLACE_CUE_RE.match(rest)
            else "implements" if P.IMPLEMENT_CUE_RE.match(rest) else None)


def _list_partner(text: str, cands: list[Candidate], i: int, prev: Candidate, structure: Structure,
                  chain_of: dict[int, tuple[Candidate, str]]) -> Candidate:
    """What the reference at i, coordinated with `prev`, is listed with: `prev`, unless `prev` is of another
    type and no object of a chain (or a document named as one), and a reference of i's type before it is
    (`sửa đổi ... Nghị định số 78/2025/NĐ-CP ... hướng dẫn thi hành Luật Ban hành văn bản quy phạm pháp luật
    và Nghị định số 79/2025/NĐ-CP`: a second object of `sửa đổi`, not of `hướng dẫn`). With no such
    reference, a document named as an object goes on with the list of objects (`... thi hành Luật Quản lý
    thuế, Nghị định số 123/2020/NĐ-CP`)."""
    c = cands[i]
    if (id(prev) in chain_of and prev.kind != "named") or not c.type or prev.type == c.type:
        return prev
    partner = _same_type_before(text, cands, i, structure, past_named_only=True)
    if partner is None or chain_of.get(id(partner), (None, "amended"))[1] == "amended":
        return prev
    return partner


def _same_type_before(text: str, cands: list[Candidate], i: int, structure: Structure,
                      past_named_only: bool = False) -> Candidate | None:
    """The nearest numbered reference before the one at i, of its type, in its clause (past_named_only: with
    only documents cited by name between them)."""
    c = cands[i]
    for k in range(i - 1, -1, -1):
        other = cands[k]
        if not _same_clause(text, other, c, structure):
            return None
        if other.kind in ("full", "partial"):
            if other.type == c.type:
                return other
            if past_named_only:
                return None
        elif past_named_only and other.kind != "named":
            return None
    return None


def _amended_act(text: str, cands: list[Candidate], i: int, prev: Candidate, structure: Structure) -> Candidate:
    """What the act at i, stated as amending after `được sửa đổi, bổ sung bởi`, amends: the reference before,
    unless that is of a form the act's cannot amend (`_rank`: a decree does not amend a law); then the nearest
    reference of the act's own type in the clause (`Nghị định số 156/2018/NĐ-CP ... quy định chi tiết ... Luật Lâm nghiệp được sửa
    đổi bổ sung bởi Nghị định số 91/2024/NĐ-CP`: 91 amends 156)."""
    c = cands[i]
    if _rank(c.type) <= _rank(prev.type):
        return prev
    return _same_type_before(text, cands, i, structure) or prev


# The forms that can amend a document of a form: a law any; a decree a decree or a lower act; a circular or a
# decision neither a decree nor a law (`Thông tư` amending a `Nghị định` is read otherwise). Other forms
# (resolutions, which the National Assembly and a province both issue) are not ranked.
_RANKS = {**dict.fromkeys(LAW_TYPES, 0), "Nghị định": 1, "Thông tư": 2, "Thông tư liên tịch": 2, "Quyết định": 2}


def _rank(doc_type: str | None) -> int:
    return _RANKS.get(doc_type or "", -1)


def _first_full(cands: list[Candidate], start: int, end: int) -> Candidate | None:
    """The first reference with a full symbol between start and end (candidates are in text order)."""
    for c in cands[bisect.bisect_left([c.start for c in cands], start):]:
        if c.start >= end:
            break
        if c.kind == "full":
            return c
    return None


def _quoted_preamble_of(structure: Structure, pos: int) -> tuple[int, int, int] | None:
    """The quoted preamble of an amending act (`Structure.quoted_preambles`) `pos` is in, if any."""
    for q in structure.quoted_preambles:
        if q[1] <= pos < q[2]:
            return q
    return None


def _head_relation(text: str, c: Candidate, ctx_start: int, structure: Structure, own_types: set[str]) -> str:
    """What the citing document does with the head of a clause."""
    zone = structure.zone_of(ctx_start)
    if zone == "footnote":
        return "mentions"  # a note expands or quotes the citation; the document does nothing with it
    clause_start = _clause_start(text, ctx_start)
    before = text[clause_start:ctx_start]
    near = text[max(0, ctx_start - 120): ctx_start]
    in_articles = structure.article_start is not None and ctx_start >= structure.article_start
    # A citation that only dates something: `kể từ ngày Nghị định số 255/2025/NĐ-CP có hiệu lực thi hành`.
    # (the cheap test first: most citations are followed by no such verb)
    if P.TIME_AFTER_RE.match(text, c.tail) and P.TIME_BEFORE_RE.search(near):
        return "mentions"
    # (a title's clause is the title: `THÔNG TƯ / Sửa đổi, bổ sung ... Thông tư số 07/2023/...` under a dated line)
    clause = text[max(clause_start, structure.zone_start(ctx_start)):ctx_start] if zone == "title" else before
    replace_cue, amend_cue = P.REPLACE_CUE_RE.search(before), P.AMEND_CUE_RE.search(before)
    form_cue = (P.FORM_REPLACED_RE.search(clause) or ("“" in clause and P.WORDS_REPLACED_RE.search(clause))
                or (in_articles and "“" not in text[text.rfind("\n", 0, clause_start) + 1:ctx_start]
                    and _ADDED_TO_RE.search(clause)) or None)
    if clause is not before:
        replace_in_clause, amend_in_clause = P.REPLACE_CUE_RE.search(clause), P.AMEND_CUE_RE.search(clause)
    else:
        replace_in_clause, amend_in_clause = replace_cue, amend_cue
    acts = None  # whether the document itself acts in the clause: read only where a verb asks
    if form_cue or replace_in_clause or amend_in_clause:
        acts = _acts(before, zone, in_articles, own_types)
        if acts and _verb_opens(clause, form_cue):
            return "amends"  # `Thay thế Mẫu số 02/TNDN ban hành kèm theo Thông tư số 80/2021/TT-BTC`: a part of it
        if acts and _verb_opens(clause, replace_in_clause):
            return "replaces"
        if acts and _verb_opens(clause, amend_in_clause):
            return "amends"
    if replace_cue or amend_cue:
        # someone else's amendment or repeal, proposed or expected (`tham mưu UBND tỉnh sửa đổi, bổ sung hoặc
        # thay thế Quyết định số 15/2021/QĐ-UBND`, `khi có Thông tư mới thay thế Thông tư số 92/2009/TT-BTC`)
        return "mentions"
    if zone == "title":
        title_start = max(clause_start, structure.zone_start(ctx_start))
        if P.TITLE_AMEND_RE.search(text, title_start, ctx_start):
            return "mentions"  # `Sửa đổi, bổ sung nhiệm vụ trong Chương trình ... thực hiện Nghị quyết số 66`
        return "implements"
    plan = P.PLAN_NAME_RE.search(before) if zone != "basis" else None
    if plan:
        own = plan.group("self") or (not plan.group("plural") and (
            canonical_type(plan.group("type")) in own_types or _ISSUED_BEFORE.search(before, 0, plan.start())))
        if own and not P.TITLE_AMEND_RE.search(before, 0, plan.start()):
            return "implements"  # the document's own name: `Kế hoạch của Chính phủ thực hiện Kết luận số 213`
        if _TASK_MAKES_PLAN.search(before, 0, plan.start()):
            return "applies"  # a task: `Xây dựng và triển khai kế hoạch thực hiện Chương trình hành động số 35`
        return "mentions"  # what another plan carries out
    paren = _PAREN_IMPLEMENTS_RE.search(before)
    if paren and (_THIS_ACT_RE.search(before, 0, paren.start()) or P.ISSUES_SELF_RE.search(before, 0, paren.start())):
        # the provision this document carries out, after its subject: `Nghị quyết này quy định về ... (thực hiện điểm b
        # khoản 2 Điều 29 Luật Thủ đô số 39/2024/QH15)`
        return "implements"
    if P.REPORT_BEFORE_RE.search(near):
        return "mentions"  # history: `... đã ban hành Công điện số 158/CĐ-TTg`
    if "thực thi" in text[max(0, clause_start - 80):clause_start] and _RECOMMENDED_UNDER_RE.search(
            text, max(0, clause_start - 80), clause_start):
        # a simplification plan's recommendation (`**3.2. Kiến nghị thực thi**` / `Sửa đổi Điểm b ... Nghị định số
        # 133/2025/NĐ-CP`): what the competent body is asked to change, not changed here
        return "mentions"
    if _ANNEX_HEADING_RE.fullmatch(text, text.rfind("\n", 0, ctx_start) + 1, ctx_start):
        # an annex's heading names the act it came with (a consolidated text's annex: its original's)
        return "mentions"
    if in_articles and _ENTRY_INTO_FORCE_OPENS_RE.fullmatch(before):
        # `2. Kể từ ngày Thông tư này có hiệu lực thi hành, Thông tư số 06/2021/TT-BKHĐT ... hết hiệu lực thi hành.`
        end = _SENTENCE_END.search(text, c.tail, min(len(text), c.tail + 1500))
        if P.REPEALED_AFTER_RE.search(text, c.tail, end.start() if end else min(len(text), c.tail + 1500)):
            return "replaces"
    ceases = in_articles and P.REPEALED_AFTER_RE.match(text, _SPACES_RE.match(text, c.tail).end())
    part_of = _PART_OF_ACT_BEFORE_RE.search(before) if (ceases or in_articles and "các" in before[-12:]) \
        and not _UNTIL_RE.search(before) else None
    if part_of and ceases:
        return "replaces"  # the head of its clause: no other act before it whose description this could be
    if part_of and part_of.group("plural"):
        # (of several acts, the verb after the last: `Các thủ tục hành chính tương ứng đã công bố tại các\nQuyết định số
        # 3684/QĐ-BVHTTDL ...; Quyết định số 1647/QĐ-BVHTTDL ... hết hiệu lực ...`)
        end = _SENTENCE_END.search(text, c.tail, min(len(text), c.tail + 1500))
        if P.REPEALED_AFTER_RE.search(text, c.tail, end.start() if end else min(len(text), c.tail + 1500)):
            return "replaces"
    if in_articles and len(before) < 400 and ("bỏ" in before or "thế" in before) \
            and (part := _REPEALS_PART_OF_RE.search(before)) and _verb_opens(before, part):
        return "replaces"
    if in_articles and _opens_clause(text, ctx_start, parts=True):
        inline = _inline_list_head(text, clause_start)
        if inline and _INLINE_CHANGE_HEAD_RE.search(inline):
            # `2. Nghị định này thay thế các Nghị định sau: Nghị định số 123/2016/NĐ-CP ...; Nghị định số 101/2020/...`
            return "amends" if P.AMEND_CUE_RE.search(inline + " ") and not P.REPEAL_HEAD_RE.search(inline) else "replaces"
        head = _list_head(text, ctx_start, structure)
        if head and P.REPEAL_HEAD_RE.search(head):
            if _WORDS_IN_HEAD_RE.search(head):
                # an item of `Điều 8. Thay thế một số cụm từ ...` / `Thay thế cụm từ “...” bằng cụm từ “...” tại: ...;
                # khoản 1 Điều 17 Thông tư số ...`: words of it changed
                return "amends"
            return "replaces"  # an item of `Điều 1. Bãi bỏ toàn bộ 15 văn bản ...`
        end = _SENTENCE_END.search(text, c.tail, min(len(text), c.tail + 1500))
        if P.REPEALED_AFTER_RE.search(text, c.tail, end.start() if end else min(len(text), c.tail + 1500)):
            return "replaces"  # `Thông tư liên tịch số 29/2014/... hết hiệu lực kể từ ngày ...`
    if _REPLACE_END_RE.search(near) and (acts if acts is not None else _acts(before, zone, in_articles, own_types)):
        return "replaces"
    ground = _LETTER_GROUND_RE.match(before) if zone != "basis" and not structure.basis_spans else None
    if ground is None and zone != "basis" and not structure.basis_spans and "\n" in before:
        # (a clause the addressee's line runs into: `Kính gửi: Ủy ban nhân dân các tỉnh ...\nCăn cứ Luật ...`)
        line = before.rfind("\n") + 1
        ground = _LETTER_GROUND_RE.match(before, line)
    if zone != "basis" and not structure.basis_spans and not ground and not before.strip(" \t*\n") \
            and _GROUNDS_RUN_RE.search(text, max(0, clause_start - 800), clause_start):
        return "basis"  # the next ground of a run, its `Căn cứ` left out: `...; Nghị định số 91/2022/NĐ-CP ...`
    if ground and (text[max(0, clause_start - 40):clause_start + ground.start("ground")].rstrip(
            " \t*-–+•0123456789.)").endswith("\n") or _GROUNDS_RUN_RE.search(text, max(0, clause_start - 800),
                                                                            clause_start + ground.start("ground"))):
        # a letter has no preamble: a paragraph of its answer opens with its ground (`Căn cứ khoản 25 Điều 5 Luật
        # Thuế GTGT số ...`), or several run on after it (`Căn cứ Luật ...; Căn cứ Nghị\nđịnh số ...`); not a `Căn cứ`
        # inside an item (`... theo chế độ thường xuyên: Căn cứ Nghị định số ...`)
        return "basis"
    if zone != "consider" and _PROPOSAL_OPENS_RE.match(before):
        return "mentions"  # a proposal, as in a decision's preamble
    if zone == "basis":
        if P.CONSULT_OPEN_RE.match(before):
            return "mentions"  # `Căn cứ ...; Sau khi thống nhất ý kiến với Bộ Tài chính (Văn bản số ...)`: not a ground
        return "basis"
    if zone == "purpose":
        return "implements"
    if zone in ("consider", "navigation", "header"):
        return "mentions"
    return "applies"


# --------------------------------------------------------------------------- own metadata


_LATE_HEADER_REACH = 400  # the issuer's column and the number line either side of the motto
_LATE_HEADER_AFTER = 3000  # how far after the first `Căn cứ` such a page prints its header


def _own_metadata(text: str, cands: list[Candidate], structure: Structure) -> dict:
    meta: dict = {"type": None, "symbol": None, "number": None, "date": None, "place": None,
                  "issuer": None, "signer": None, "title": None, "own": None, "partial_symbol": None,
                  "partial_date": None}
    head_end = structure.body_start
    # The document's number: `Số: 13/2018/QĐ-UBND` in the header, never the incoming-mail stamp's
    # bare number; on a web page, the title line `Kế hoạch Số 52 -KH/BCĐTW, ngày ...`.
    own: Candidate | None = None
    unit = None  # a unit written in words after the own symbol's code (OWN_SYMBOL_UNIT_RE)
    # Never after the first `Căn cứ`: a wrapped citation's line may start with `số 02/2017/TT-VPCP` (a scan
    # whose own number is handwritten and unread has no other number line to take first).
    first_basis = P.BASIS_LINE_RE.search(text, 0, head_end)
    first_purpose = P.PURPOSE_LINE_RE.search(text, 0, head_end)
    number_end = min([m.start() for m in (first_basis, first_purpose) if m] + [head_end])
    # A scan's number line whose handwritten number could not be read (`Số: ? /QĐ-UBND`): the document
    # has its number line, so no other number in it is its own.
    unread = P.OWN_ILLEGIBLE_RE.search(text, 0, number_end if (first_basis or first_purpose) else max(head_end, min(len(text), 600)))
    if unread and structure.in_stamp(unread.start()):
        unread = None
    # A scan whose header the structure did not find (its body starts at 0: `=) Số: 115 /CV-PA83` among
    # specks, real scan vietadmin_03): the number line is looked for in the first lines, as `unread` is.
    own_end = number_end if (first_basis or first_purpose or head_end) else min(len(text), 600)
    own_start = 0
    if first_basis is not None and not P.HEADER_MOTTO_RE.search(text, 0, first_basis.start()):
        # A gazette page's text layer that prints the title, the preamble and even the first articles before
        # the header (windows._lead_in): the number is the header's, after them.
        late = P.HEADER_MOTTO_RE.search(text, first_basis.start(), min(len(text), first_basis.start() + _LATE_HEADER_AFTER))
        if late:
            own_start, own_end = max(0, late.start() - _LATE_HEADER_REACH), late.end() + _LATE_HEADER_REACH
    for c in (cands if unread is None else []):
        if c.start > own_end or c.start < own_start or c.kind != "full":
            continue
        if own_start and structure.zone_of(c.start) in ("basis", "purpose"):
            continue  # (a wrapped ground's `số 94/2025/QH15` opening its line, just before a late header)
        line_start = text.rfind("\n", 0, c.start) + 1
        lead = text[line_start: c.start]
        if not lead.strip() and line_start > 0:  # `Số:` alone on the line before
            lead = text[text.rfind("\n", 0, line_start - 1) + 1: c.start]
        if P.OWN_NUMBER_LINE_RE.search(lead + "0") and not structure.in_stamp(c.start):
            own = c
            unit = P.OWN_SYMBOL_UNIT_RE.match(text, c.end)
            break
    if own is None and unread is None:
        for c in cands:
            if c.start > head_end or c.kind != "full" or not c.type_explicit or c.type_start is None:
                continue
            # A web page's title line names the document with its date: `Kế hoạch Số 52 -KH/BCĐTW, ngày ...`.
            if not c.date:
                continue
            if structure.certification is None and structure.consolidation_note \
                    and structure.consolidation_note[0] <= c.start < structure.consolidation_note[1]:
                # the act a consolidated text consolidates, not its own number: the certification, still to come in a
                # later issue of the gazette, bears that (a certified text's original gives it its type, below)
                break
            line_start = text.rfind("\n", 0, c.start) + 1
            # Only near the top (after a web page's navigation at most), and not a list item.
            if text.count("\n", 0, line_start) > 25:
                break
            if re.fullmatch(r"[ \t*|]*", text[line_start: c.type_start]) and structure.zone_of(c.start) not in (
                    "basis", "purpose", "consider"):
                own = c
                break
    if own is None and unread is None:
        for c in cands:
            if c.kind != "full":
                continue
            m = P.ATTACHED_TO_RE.search(text, max(0, (c.type_start or c.start) - 60), c.start)
            if m and text[m.end(): c.start].strip() == "":
                own = c
                break
    certified = _consolidation(text, cands, structure.certification) if unread is None else None
    original = None  # a consolidated text's original document: its type is the consolidated text's
    if certified is not None:
        original, own = own, certified[0]
    attached = None
    if own is None and unread is None:
        # An annex naming its document with the number written by hand and unread: the printed parts.
        attached = P.ATTACHED_UNREAD_RE.search(text, 0, number_end if (first_basis or first_purpose)
                                               else max(head_end, min(len(text), 600)))
        if attached and (attached.group("blank").isdigit() or structure.in_stamp(attached.start())):
            attached = None
    if own is not None:
        meta["own"] = own
        meta["symbol"] = own.symbol + (" " + unit.group("unit") if unit and own.symbol else "")
        meta["number"] = own.number
        if own.type_explicit and own.type:
            meta["type"] = own.type
        if own.date:
            meta["date"] = own.date
        if own.issuer:
            meta["issuer"] = own.issuer
    # Place and date: `Trà Vinh, ngày 19 tháng 3 năm 2020` (a weekday or `Hôm nay` is a web page's date).
    date_end = min(len(text), max(head_end, own_end) + 400)  # (a header printed late: its place line after it)
    found = list(P.PLACE_DATE_RE.finditer(text, 0, date_end))
    beside = P.PLACE_DATE_AFTER_NUMBER_RE.search(text, 0, date_end)
    loose = None
    if beside is None and not found:
        beside = loose = P.PLACE_DATE_AFTER_NUMBER_LOOSE_RE.search(text, 0, date_end)
    if beside and (not found or beside.start("place") < found[0].start("place")):
        found.insert(0, beside)
    for m in found:
        place = re.sub(r"\s+", " ", m.group("place")).strip()
        if re.match(P.WEEKDAYS, place) or structure.in_stamp(m.start()):
            continue
        if fold(place) in ("ngày", "số", "tại"):
            continue
        if m is not loose:  # the loose form gives the date only: a place as OCR misread it is no place's name
            meta["place"] = _CITY_ABBR_RE.sub("Thành phố ", place)
        meta["date"] = _iso(m) or meta["date"]
        if meta["date"] is None:  # the day (or month) left blank or unreadable: what is printed
            meta["partial_date"] = f"{m.group('y')}-{_month(m.group('m')):02d}" if m.group("m") else m.group("y")
        break
    if certified is not None and certified[1] is not None:
        m = certified[1]  # the certification's place and date are the consolidated text's
        meta["place"] = re.sub(r"\s+", " ", m.group("place")).strip()
        meta["date"] = _iso(m) or meta["date"]
    if meta["date"] is None and meta["partial_date"] is None:
        # A law or a Standing Committee's resolution has no dated place line: its date is the day it was passed
        # (`Nghị quyết này được Ủy ban Thường vụ Quốc hội ... phiên họp thứ 9 thông qua ngày 23 tháng 3 năm 2022`).
        passed = P.PASSED_ON_RE.search(text, structure.article_start or 0)
        if passed:
            meta["date"] = _iso(passed)
    if meta["date"] is None and meta["partial_date"] is None and own is not None and own.symbol:
        # A header without a dated line (a portal's copy dropped it): an annex's heading names the document
        # with its date, `(Kèm theo Nghị định số 170/2025/NĐ-CP ngày 30 tháng 6 năm 2025 của Chính phủ)`.
        for c in cands:
            if c is not own and c.date and c.symbol == own.symbol:
                m = P.ATTACHED_TO_RE.search(text, max(0, (c.type_start or c.start) - 60), c.start)
                if m and not text[m.end(): c.start].strip():
                    meta["date"] = c.date
                    break
    if meta["symbol"] is None and unread is not None:
        # A number written into the blank that could not be read (`Số: ? /QĐ-UBND`): the printed part.
        meta["partial_symbol"] = "?" + re.sub(r"\s+", "", unread.group("printed"))
    if attached is not None and meta["symbol"] is None:
        meta["partial_symbol"] = "?" + re.sub(r"\s+", "", attached.group("printed"))
        # Its day is written by the same hand as the number: on a scan `pipeline.ocr_blanks` has read it
        # again (digits it is sure of) or written `?` there; a day in digits is kept, else only the printed
        # month and year.
        month, year = attached.group("m") or attached.group("m2"), attached.group("y") or attached.group("y2")
        day = attached.group("d") or ""
        if meta["date"] is None and meta["partial_date"] is None and year and month and 1 <= _month(month) <= 12:
            if day.isascii() and day.isdigit() and 1 <= int(day) <= 31:
                meta["date"] = f"{year}-{_month(month):02d}-{int(day):02d}"
            else:
                meta["partial_date"] = f"{year}-{_month(month):02d}"
    # Type: the upper-case type line of the header, else the type word before the own number, else
    # the abbreviation.
    if structure.type_line is not None:
        meta["type"] = structure.type_line
    elif original is not None and original.type_explicit and original.type:
        meta["type"] = original.type
    elif meta["type"] is None and own is not None:
        meta["type"] = _type_from_abbr(own)
        if meta["type"] in _NEVER_ADDRESSED and P.ADDRESSEE_RE.search(text, 0, min(len(text), head_end + 1500)):
            # A letter to someone (`Kính gửi: ...`) with no type line is a Công văn: `5608/CT-CS` is the Tax
            # Department's policy division, not a Chỉ thị's `CT`.
            meta["type"] = "Công văn"
    meta["title"] = structure.title
    meta["issuer"] = structure.issuer or meta["issuer"] or structure.signed_for
    if certified is not None and certified[2]:
        body, level = canonical_body(certified[2], None)
        meta["issuer"] = body if level else certified[2]  # a consolidated text is the certifying body's
    meta["signer"] = structure.signer
    return meta


def _consolidation(text: str, cands: list[Candidate], certification: tuple[int, int] | None
                   ) -> tuple[Candidate, re.Match | None, str | None] | None:
    """A consolidated text's own number, its place-date line and who certified it, from the certification
    block at its end (`P.CONSOLIDATION_CERT_RE`): the `Số: 470/VBHN-BLĐTBXH` number line beside it, the
    first `Hà Nội, ngày ...` after it, the body named above the number. `certification`: the span of its
    `XÁC THỰC VĂN BẢN HỢP NHẤT` line (`Structure.certification`). None for any other document."""
    if certification is None:
        return None
    cert_start, cert_end = certification
    reach = P.CONSOLIDATION_REACH
    for c in cands:
        if c.kind != "full" or not c.symbol or "/VBHN-" not in c.symbol.upper():
            continue
        if not (cert_start - reach <= c.start <= cert_end + reach):
            continue
        line_start = text.rfind("\n", 0, c.start) + 1
        if P.OWN_NUMBER_LINE_RE.search(text[line_start:c.start] + "0"):
            date = P.PLACE_DATE_RE.search(text, min(c.end, cert_end), cert_end + reach)
            return c, date, _body_above(text, line_start)
    return None


def _body_above(text: str, line_start: int) -> str | None:
    """The body named in capitals on the lines right above a number line (`BỘ LAO ĐỘNG - THƯƠNG BINH` /
    `VÀ XÃ HỘI`), blank lines between them skipped: who certified a consolidated text."""
    lines: list[str] = []
    pos = line_start
    while pos > 0 and len(lines) < 3:
        prev = text.rfind("\n", 0, pos - 1) + 1
        line = text[prev:pos - 1].strip(" \t\r*_|")
        pos = prev
        if not line:
            if lines:
                break
            continue
        if any(ch.islower() for ch in line) or not any(ch.isalpha() for ch in line):
            break
        lines.insert(0, line)
    name = " ".join(P.CONSOLIDATION_CERT_RE.sub(" ", " ".join(lines)).split())  # the block flattened on one line
    return titlecase_body(name) if name else None


# --------------------------------------------------------------------------- the verbs

_AMENDING_NAME_RE = re.compile(r"(?i)\bsửa\s+đổi")  # an amending law and the laws its name gives: their numbers are read as before


def find_candidates(text: str, structure: Structure | None = None) -> tuple[list[Candidate], Structure]:
    if structure is None:
        structure = segment(text)
    forms: list[tuple[int, int]] = []
    symbols = _find_symbols(text, forms)
    standards = _find_standards(text)
    if standards:
        # (a standard's year after a slash, `QCVN: 02/2019/BLĐTBXH`, holds a symbol's shape: the standard is read)
        symbols = [c for c in symbols if not any(s.start <= c.start and c.end <= s.end for s in standards)]
        spans = Spans((s.start, s.end) for s in symbols)
        symbols = sorted(symbols + [c for c in standards if not spans.overlaps(c.start, c.end)], key=lambda c: c.start)
    taken = Spans([(c.start, c.end) for c in symbols] + forms)
    partials = _find_partials(text, taken)
    taken.add((c.start, c.end) for c in partials)
    descriptive = _find_descriptive(text, taken)
    taken.add((c.start, c.end) for c in descriptive)
    named = _find_named(text, taken, structure.basis_spans)
    by_start = {c.start: c for c in symbols}
    numbered_by: dict[int, list[Candidate]] = {}  # id of a number -> the names written right before it
    for n in named:
        m = re.match(r"\s*(?:số|Số|SỐ)?\s*:?\s*", text[n.end: n.end + 12])
        sym = by_start.get(n.end + m.end()) if m else None
        if sym is None and n.title and n.title.endswith(" số"):
            sym = by_start.get(n.end + (m.end() if m else 0))
        if (sym is None and n.type in ("Luật", "Bộ luật", "Pháp lệnh") and n.amended_by is None
                and not _AMENDING_NAME_RE.search(n.title or "")):
            # The pattern stops a name at `theo`, `về`, `tại`, `của`, which a law's name may hold: words up to
            # its number on the same clause are the rest of its name (`Luật Quản lý và đầu tư vốn nhà nước tại
            # doanh nghiệp số 68/2025/QH15`, `Luật Tương trợ tư pháp về dân sự số ...`).
            tail = P.LAW_NAME_TAIL_RE.match(text, n.end)
            sym = by_start.get(tail.end()) if tail else None
            if sym is not None and (sym.type_abbr is None or sym.type_abbr in ("QH", "PL")):
                n.title = re.sub(r"\s+", " ", f"{n.title or ''} {tail.group('words')}").strip()
                n.end = n.tail = tail.start("number")
        if (sym is not None and n.type in ("Luật", "Bộ luật", "Pháp lệnh")
                and (sym.type_abbr is None or sym.type_abbr in ("QH", "PL"))):
            numbered_by.setdefault(id(sym), []).append(n)
    merged: set[int] = set()
    for sym in symbols:
        names = numbered_by.get(id(sym))
        if not names:
            continue
        # `Luật sửa đổi, bổ sung một số điều của Luật X số N`: N is the amending law's, unless N is known as X's.
        n = names[0]
        if len(names) > 1:
            inner = next((c for c in names if c.amended_by is not None), None)
            outer = next((c for c in names if c.amended_by is None), None)
            n = inner if inner is not None and (outer is None or _known_law_named(sym.symbol, inner.title)) else outer
        sym.type, sym.type_explicit, sym.type_start = n.type, True, n.start
        sym.title = re.sub(r"\s+số$", "", n.title or "")
        sym.amended_by = n.amended_by
        for c in named:
            if c.amended_by is n:
                c.amended_by = sym  # the amending law is known by its number
        merged.add(id(n))
    named = [n for n in named if id(n) not in merged]
    cands = sorted(symbols + partials + descriptive + named, key=lambda c: c.start)
    outer_end = 0  # the end of an amending law's name the candidates inside it stand in
    for i, c in enumerate(cands):
        floor = cands[i - 1].end if i else 0
        inside = c.start < outer_end
        k = i + 1
        while k < len(cands) and cands[k].start < c.end:
            k += 1  # the laws named inside an amending law's name do not end its phrases
        limit = cands[k].type_start if k < len(cands) and cands[k].type_start is not None else (
            cands[k].start if k < len(cands) else len(text))
        if inside:
            limit = min(limit, outer_end)  # `ngày ...` after the whole name is the amending law's
        else:
            outer_end = max(outer_end, c.end)
        limit = max(limit, c.end)
        limit = min(limit, c.end + 200)
        _attach_type(text, c, floor)
        _attach_date_issuer(text, c, limit)
        if c.date is None:
            _attach_opening_date(text, c, floor)
        _check_type_symbol(c, text)
    _share_list_fields(text, cands)
    return cands, structure


def _share_list_fields(text: str, cands: list[Candidate]) -> None:
    """Members of a list share one type word and one `của <issuer>`: `Quyết định 217, 218 của Bộ
    Chính trị`, `Nghị định 79/CP, 71/CP, 07/CP của Chính phủ`."""
    for i in range(1, len(cands)):
        a, b = cands[i - 1], cands[i]
        gap = text[a.tail if a.tail <= b.start else a.end: b.start]
        if not _LIST_GAP_RE.fullmatch(gap):
            continue
        if not b.type_explicit and a.type:
            b.type, b.type_explicit = a.type, a.type_explicit
            b.type_start = a.type_start
    for i in range(1, len(cands)):
        a, b = cands[i - 1], cands[i]
        gap = text[a.tail if a.tail <= (b.type_start or b.start) else a.end: b.type_start if b.type_start is not None and b.type_start >= a.end else b.start]
        if a.issuer_before and not b.issuer and _COMMA_GAP_RE.fullmatch(gap):
            b.issuer, b.issuer_before = a.issuer, True
    # `Căn cứ các Nghị định của Chính phủ: số 63/2010/NĐ-CP ... ; số 48/2013/NĐ-CP ... và số 92/2017/NĐ-CP ...`: the
    # head's issuer is each item's, to the end of the sentence
    for i, a in enumerate(cands):
        if not a.issuer or a.type_start is None or ":" not in text[a.type_start:a.start] \
                or not _PLURAL_BEFORE_RE.search(text, max(0, a.type_start - 8), a.type_start):
            continue
        brk = _LIST_END_BREAK_RE.search(text, a.end)
        limit = brk.start() if brk else len(text)
        for b in cands[i + 1:]:
            if b.start > limit:
                break
            item = _NUMBER_ITEM_RE.search(text, max(0, b.start - 12), b.start)
            if b.type != a.type:
                if b.type_explicit or not item:
                    break
                # (`các Nghị quyết của Quốc hội: số 55/2010/QH12 ...; số 28/2016/QH14 ...`: an item's type is the
                # head's, not the one its symbol would suggest)
                b.type = a.type
            if not b.issuer and item:
                b.issuer = a.issuer
    # `theo các Quyết định của Thủ tướng Chính\nphủ: Quyết định số 326/QĐ-TTg ...; Quyết định số 227/QĐ-TTg ...`: a head
    # whose items repeat its type word gives them its issuer too
    if cands and "các" in text:
        starts = [c.start for c in cands]
        for head in _typed_list_heads(text):
            head_type = canonical_type(head.group("type"))
            issuer = " ".join(head.group("issuer").split())
            brk = _LIST_END_BREAK_RE.search(text, head.end())
            limit = brk.start() if brk else len(text)
            for b in cands[bisect.bisect_left(starts, head.end()):]:
                if b.start > limit:
                    break
                if b.issuer is None and b.type == head_type and b.type_explicit and b.type_start is not None \
                        and _ITEM_OPENS_RE.search(text, max(0, b.type_start - 8), b.type_start):
                    b.issuer = issuer  # (an item of the list, not a document named inside an item's subject)
    for i in range(len(cands) - 2, -1, -1):
        a, b = cands[i], cands[i + 1]
        b_head = b.type_start if b.type_start is not None and b.type_start >= a.end else b.start
        gap = text[a.tail if a.tail <= b_head else a.end: b_head]
        # (`tại Văn bản số 6721/VPCP-V.I ngày ... và số 7514/VPCP-V.I ngày ... của Văn phòng Chính phủ`; not across
        # two types: `Quyết định số 40/2011/QĐ-TTg và số 17/2014/TTLT-BLĐTBXH-BTC ... của Bộ LĐTBXH và Bộ Tài chính`)
        listed = _LIST_GAP_RE.fullmatch(gap) or (_LIST_NUMBER_GAP_RE.fullmatch(gap) and a.type == b.type)
        if listed and not a.issuer and b.issuer and b.kind != "named" and a.kind != "named" and _same_body_code(a, b):
            a.issuer = b.issuer
            a.term = a.term or b.term


_ITEM_OPENS_RE = re.compile(r"(?:[;:]|\svà)\s*$")


def _same_body_code(a: Candidate, b: Candidate) -> bool:
    """Whether two listed citations' symbols may share the issuer written after the second: not when their codes
    name two bodies (`Luật Bảo hiểm xã hội số 41/2024/QH15 và Nghị định số 176/2025/NĐ-CP ... của Chính phủ`)."""
    # (a body's code, its unit's after a dash and a term's number aside: `VPCP-NN`, `QH15`; a code not known, or
    # written another way, `QĐ-UB`, `QĐ-BGD&ĐT`, decides nothing)
    codes = issuer_codes()
    a_body, b_body = (codes.get(re.sub(r"\d+$", "", (c.issuer_abbr or "").split("-")[0])) for c in (a, b))
    return a_body is None or b_body is None or a_body == b_body


@lru_cache(maxsize=1)
def _TYPED_LIST_HEAD_RE() -> re.Pattern[str]:
    return re.compile(rf"(?:các|Các|CÁC)\s+(?P<type>{P.type_word_re().pattern})\s+(?i:của)\s+"
                      rf"(?P<issuer>[{P.UPPER}][^:;.\n]{{1,80}}?(?:\n[^:;.\n]{{1,40}}?)?)\s*:$")


def _typed_list_heads(text: str):
    """Each `các <type> của <issuer>:` of a text, found from its colons (a scan for `các` costs more)."""
    pattern = _TYPED_LIST_HEAD_RE()
    pos = text.find(":")
    while pos >= 0:
        lo = max(0, pos - 160)
        k = max(text.rfind("các", lo, pos), text.rfind("Các", lo, pos), text.rfind("CÁC", lo, pos)) \
            if text.rfind("của", lo, pos) >= 0 else -1
        head = pattern.match(text, k, pos + 1) if k >= 0 else None
        if head:
            yield head
        pos = text.find(":", pos + 1)


_LIST_NUMBER_GAP_RE = re.compile(_LIST_GAP_RE.pattern + r"(?:số[ \t]*:?[ \t]*)?")  # and `số` after it
_PLURAL_BEFORE_RE = re.compile(r"(?i)\bcác\s+$")
_NUMBER_ITEM_RE = re.compile(r"(?i)(?:^|[;,:]|\svà)\s*số\s*$")
_LIST_END_BREAK_RE = re.compile(r"\.(?:\s|$)|\n\s*\n|(?i:căn\s+cứ)")


def get_references(text: str, structure: Structure | None = None, sentences: bool = True) -> list[Reference]:
    """The references of a text, with offsets into that text (no repair, no resolution).
    `sentences=False` leaves `Reference.sentence` empty and skips underthesea's sentence splitting."""
    cands, structure = find_candidates(text, structure)
    _relations_and_chains(text, cands, structure)
    return [_to_reference(text, c, structure, None, sentences) for c in cands]


def _to_reference(text: str, c: Candidate, structure: Structure, original: str | None,
                  sentences: bool = True) -> Reference:
    body, level = canonical_body(c.issuer, c.issuer_abbr)
    year = c.year or (int(c.date[:4]) if c.date else None)
    return Reference(
        start=c.start, end=c.end, text=text[c.start:c.end], kind=c.kind, type=c.type, symbol=c.symbol,
        number=c.number, date=c.date, issuer=c.issuer, relation=c.relation, target=None,
        sentence=sentence_at(text, structure, c.start) if sentences else "", written_symbol=c.written if c.written and c.symbol and
        "".join(c.written.split()) != c.symbol else None, issuer_body=body, issuer_level=level, term=c.term,
        year=year,
    )


def extract_text(text: str, source: str = "<text>", doc_id: str | None = None,
                 raw: RawDocument | None = None) -> ExtractionResult:
    """Extract one document's metadata, references and stated chains from its text, unresolved:
    `pipeline.resolve.resolve_document` gives each reference its target and names the chains
    (`pipeline.document.analyze_text` does both)."""
    clean = clean_text(text)
    work = clean.text
    structure = segment(work)
    cands, structure = find_candidates(work, structure)
    meta = _own_metadata(work, cands, structure)
    own: Candidate | None = meta.pop("own")
    warnings: list[Warning] = []
    # The document's own number, wherever it is repeated (a web page's title, `ban hành kèm theo`), is
    # not a citation of another document.
    own_symbol = fold(meta["symbol"]) if meta["symbol"] else None
    kept = [c for c in cands if not (own_symbol and c.symbol and fold(c.symbol) == own_symbol) and c is not own
            and not _own_descriptive_title(work, c, structure)]
    chains = _relations_and_chains(work, kept, structure)
    refs: list[Reference] = []
    # Page of an offset by binary search over the page breaks (counting breaks per reference grows
    # with the square of the text's size).
    breaks = [i for i, ch in enumerate(text) if ch == "\f"] if "\f" in text else []
    for c in kept:
        r = _to_reference(work, c, structure, text, sentences=False)
        s, e = clean.span_to_original(c.start, c.end)
        r.start, r.end, r.text = s, e, text[s:e]
        ss, se = structure.sentence_span(work, c.start)
        os_, oe = clean.span_to_original(ss, se)
        r.sentence = " ".join(text[os_:oe].split())
        r.page = bisect.bisect_right(breaks, s - 1) + 1 if breaks else 1
        refs.append(r)
        for w in c.warnings:
            ws, we = clean.span_to_original(w.start or c.start, w.end or c.end)
            warnings.append(Warning(w.code, w.message, ws, we))
    position = {id(c): i for i, c in enumerate(kept)}
    chain_pairs = [(position[id(a)], position[id(b)], rel) for a, b, rel in chains
                   if id(a) in position and id(b) in position]
    for rep in getattr(clean, "repairs", []) or []:
        warnings.append(Warning("repaired_text", f"{rep.kind}: '{rep.original}' read as '{rep.replacement}'",
                                rep.start, rep.end))
    if raw is not None:
        warnings = list(raw.warnings) + warnings
    digest = raw.sha256 if raw is not None else ""
    # A known body's own spelling for what a header in capitals gives title-cased (`Bộ lao động-thương binh ...`).
    meta["issuer"] = known_body_name(meta["issuer"]) or meta["issuer"]
    body, level = canonical_body(meta["issuer"], own.issuer_abbr if own else None)
    jurisdiction = None
    if level in ("province", "district", "unit"):
        jurisdiction = jurisdiction_of(meta["issuer"]) or meta["place"]
    if level in ("province", "district", "unit"):
        for r in refs:
            if r.relation in ("amends", "replaces") and (r.issuer_level == "central" or (
                    r.issuer_level is None and _CENTRAL_SYMBOL_RE.search(r.symbol or ""))):
                # A local body amends and repeals only its own documents (Luật Ban hành văn bản quy phạm pháp
                # luật): a central one's change it writes is proposed (`Kiến nghị thực thi: Sửa đổi ... Nghị định`).
                r.relation = "mentions"
    for r in refs:
        if r.issuer_level in ("province", "district", "unit") or (r.issuer_level is None and r.symbol and
                                                                   r.kind == "full"):
            r.jurisdiction = jurisdiction_of(r.issuer) or (jurisdiction or meta["place"]
                                                           if r.issuer_level != "central" else None)
    doc = DocumentInfo(
        id=doc_id or Path(source).stem, source=source, sha256=digest, type=meta["type"], symbol=meta["symbol"],
        number=meta["number"], date=meta["date"], place=meta["place"], issuer=meta["issuer"], signer=meta["signer"],
        title=meta["title"], pages=len(raw.pages) if raw is not None else text.count("\f") + 1,
        ocr_pages=raw.ocr_pages if raw is not None else [],
        ocr_confidence=raw.ocr_confidence if raw is not None else [], issuer_body=body, issuer_level=level,
        jurisdiction=jurisdiction, partial_symbol=meta["partial_symbol"], partial_date=meta["partial_date"],
    )
    # A law named only inside an amending law's name is not a citation of this document (the amending
    # law's whole name is); its `amends` chain is kept.
    within = [position[id(c)] for c in kept if c.amended_by is not None]
    return ExtractionResult(document=doc, text=text, references=refs, chains=[], warnings=warnings,
                            stated_chains=chain_pairs, named_within=within)


def _own_descriptive_title(text: str, c: Candidate, structure: Structure) -> bool:
    """A plenum's resolution named by its title, as the title itself (`NGHỊ QUYẾT` / `HỘI NGHỊ LẦN THỨ 11 BAN CHẤP
    HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XIII`, dvhcvn_35): the document's own name, not a citation of another."""
    if c.kind != "descriptive" or structure.zone_of(c.start) != "title":
        return False
    return not text[structure.zone_start(c.start):c.start].strip(" \t*#_")


def _chain_name(c: Candidate) -> str:
    return c.symbol or (f"{c.type} {c.number}" if c.number else (c.title or c.type or "?"))
def extract_documents(text: str, source: str = "<text>", doc_id: str | None = None, raw: RawDocument | None = None,
                      markdown: bool | None = None) -> list[ExtractionResult]:
    """The documents of one file's text, each extracted inside its window (pipeline/windows.py):
    markup and page furniture are not read, a web page's chrome is outside every window, and a file
    holding several documents gives one result each, with ids `<doc_id>#1`, `<doc_id>#2`, ...
    Every offset indexes `text`, which each result carries whole. Unresolved, as `extract_text`."""
    plan = plan_documents(text, source=source, doc_id=doc_id, raw=raw, markdown=markdown)
    return [extract_window(plan, n) for n in range(len(plan.windows))]


@dataclass
class FilePlan:
    """Where the documents of one file's text are (`plan_documents`): each window is then extracted on its
    own (`extract_window`), in any order or process."""
    text: str
    prepared: str  # markup neutralized, page furniture blanked, OCR'd tone marks put back: same length as text
    windows: list
    breaks: list[int]  # offsets of the page breaks
    base: str  # the file's id
    source: str
    raw: RawDocument | None


def plan_documents(text: str, source: str = "<text>", doc_id: str | None = None, raw: RawDocument | None = None,
                   markdown: bool | None = None) -> FilePlan:
    """The windows of the documents of one file's text (see `extract_documents`)."""
    from .markup import heading_starts, looks_like_markdown
    from .windows import document_windows, prepare_text

    if markdown is None and source.lower().endswith((".md", ".markdown")):
        markdown = True
    if markdown is None:
        markdown = looks_like_markdown(text)
    prepared = prepare_text(text, markdown)
    breaks = [i for i, ch in enumerate(text) if ch == "\f"] if "\f" in text else []
    if raw is not None and raw.ocr_pages:
        # OCR drops or changes the tone marks of bodies' names (`Ban Châp hành`, `Đảng bộ Khôi`): put back
        # on the OCR'd pages, letter for letter, before anything reads them.
        starts, ends = [0] + [b + 1 for b in breaks], breaks + [len(text)]
        for page, s, e in zip(raw.pages, starts, ends):
            if page.method == "ocr":
                prepared = retone_ocr_phrases(prepared, s, e)
    windows = document_windows(prepared, heading_starts(text) if markdown else None)
    return FilePlan(text, prepared, windows, breaks, doc_id or Path(source).stem, source, raw)


def extract_window(plan: FilePlan, n: int) -> ExtractionResult:
    """The document in window `n` (from 0) of a file's plan, its offsets into the file's text."""
    w, prepared = plan.windows[n], plan.prepared
    one_id = plan.base if len(plan.windows) == 1 else f"{plan.base}#{n + 1}"
    result = extract_text(prepared[w.start:w.end], source=plan.source, doc_id=one_id)
    if n == 0 and result.document.signer is None and w.start > 0:
        # A portal states the signer in its metadata table above the document (`Người ký Phan Văn
        # Khải`): outside the window, yet about the page's document when the document has no block.
        field = P.SIGNER_FIELD_RE.search(prepared, 0, w.start)
        if field:
            result.document.signer = field.group("name").strip()
    _place_in_file(result, plan.text, w.start, w.end, plan.breaks, plan.raw)
    if len(plan.windows) > 1:
        result.document.file_id = plan.base
    return result


def _place_in_file(result: ExtractionResult, text: str, start: int, end: int, breaks: list[int],
                   raw: RawDocument | None) -> None:
    """Offsets of a window's result moved to index the whole file's text."""
    def page(offset: int) -> int:
        return bisect.bisect_right(breaks, offset - 1) + 1 if breaks else 1

    for r in result.references:
        r.start += start
        r.end += start
        r.text = text[r.start:r.end]
        r.page = page(r.start)
    for c in result.chains:
        c.start = c.start + start if c.start is not None else None
        c.end = c.end + start if c.end is not None else None
    for w in result.warnings:
        w.start = w.start + start if w.start is not None else None
        w.end = w.end + start if w.end is not None else None
    result.text = text
    doc = result.document
    doc.window = [start, end]
    first, last = page(start), page(max(start, end - 1))
    doc.pages = last - first + 1
    if raw is not None:
        result.warnings = list(raw.warnings) + result.warnings
        doc.sha256 = raw.sha256
        ocr = [(p.number, p.confidence) for p in raw.pages if p.method == "ocr" and first <= p.number <= last]
        doc.ocr_pages = [n for n, _ in ocr]
        doc.ocr_confidence = [c for _, c in ocr]
        if doc.place and first in doc.ocr_pages:
            # OCR drops or changes tone marks (`Tra Vinh`, `Cân Thơ`): a province's name is put right. (A
            # text file keeps its place as written.)
            doc.place = snap_place(doc.place)
        _snap_issuers(result, set(doc.ocr_pages), first)
        _word_confidences(result, raw, breaks)
        result.warnings.extend(snap_symbols(result.references, [doc.symbol, doc.partial_symbol], text))


def _snap_issuers(result: ExtractionResult, ocr_pages: set[int], first: int) -> None:
    """Issuers read by OCR with their specks taken off and their tone marks put back (`snap_issuer`:
    `Đảng bộ Khôi`, `Bộ Chính _ trị`); a text file's issuers stay as written."""
    read_by_ocr = [result.document] if first in ocr_pages else []
    read_by_ocr += [r for r in result.references if r.page in ocr_pages]
    for item in read_by_ocr:  # the document and its references carry the same three issuer fields
        if not item.issuer:
            continue
        snapped = snap_issuer(item.issuer)
        if snapped != item.issuer:
            item.issuer = snapped
            body, level = canonical_body(snapped)
            if level:
                item.issuer_body, item.issuer_level = body, level


# A reference whose words Tesseract read with less confidence than this gets a warning: its symbol
# may be misread (measured on real scans: words read right are mostly above 80, misread ones below 60).
LOW_WORD_CONFIDENCE = 60


def _word_confidences(result: ExtractionResult, raw: RawDocument, breaks: list[int]) -> None:
    """Each reference read by OCR gets the lowest confidence of the words it was read from, and a
    warning where that is low and the reference names a numbered document."""
    starts = [0] + [b + 1 for b in breaks]
    for r in result.references:
        index = bisect.bisect_right(starts, r.start) - 1
        if index >= len(raw.pages) or raw.pages[index].method != "ocr" or not raw.pages[index].words:
            continue
        words = raw.pages[index].words
        lo, hi = r.start - starts[index], r.end - starts[index]
        at = bisect.bisect_right([w[1] for w in words], lo)  # the first word ending after lo
        confs = []
        while at < len(words) and words[at][0] < hi:
            confs.append(words[at][2])
            at += 1
        if not confs:
            continue
        r.ocr_confidence = min(confs)
        if r.ocr_confidence < LOW_WORD_CONFIDENCE and (r.symbol or r.number):
            result.warnings.append(Warning(
                "ocr_low_confidence", f"'{r.text}' (page {r.page}) read from words of OCR confidence "
                f"{r.ocr_confidence}: check the number", r.start, r.end))
