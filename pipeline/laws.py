"""Laws, codes, ordinances and the Constitution cited by name: which numbered document a name means.

`Luật Bảo hiểm y tế` is not a document but a name several documents have carried (25/2008/QH12 and,
should a new one be passed, its successor). The versions of a name come from two places:

* the shipped list `laws.csv` (beside registry.csv): number, name and variants, dates passed and in
  force, what it amends, what replaced it, each fact with the gazette document that states it;
* what the corpus being ingested states itself: a document writing `Luật X số N/YYYY/QHk` teaches
  that name, with the document as evidence (`LawBook.learn`).

A named citation resolves, in this order (the order is the `how` recorded for each reference):
  ``stated``     a number written right after the name (`Luật Đầu tư số 61/2020/QH14`);
  ``document``   the same name given with a number elsewhere in the citing document (the newest, when it
                 gives several: the older ones stand in its transitional and repealing clauses), unless
                 a year written with the name says otherwise;
  ``year``       a year or date of passing written with the name (`Luật Đất đai năm 2013`,
                 `Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015`);
  ``amended``    `... (đã được) sửa đổi, bổ sung năm 2020`: the version in force that year; a law named in
                 an amending law's name (`Luật sửa đổi ... của Luật A, Luật B ngày 11/01/2022`): the
                 version in force on the amending law's date;
  ``guided``     `Nghị định số 31/2013/NĐ-CP ngày 09/4/2013 ... quy định chi tiết ... Pháp lệnh X`: the
                 version passed by the date of the document that details it;
  ``date``       the version in force at the citing document's date (in force from its own
                 effective date when known, else from its passing; out of force once replaced);
  ``only``       no date to go by, and only one version is known.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .keys import fold
from .patterns import NAME_PUNCTUATION_RE
from .reference import bare, reference_dir

LAW_TYPES = ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp")
# Capitalized: `pháp luật` (law in general) ends many names (`Luật Ban hành văn bản quy phạm pháp luật`).
_LAW_WORD = r"(?:Bộ\s+[Ll]uật|BỘ\s+LUẬT|Pháp\s+lệnh|PHÁP\s+LỆNH|Luật|LUẬT|Hiến\s+pháp|HIẾN\s+PHÁP)"
_LAW_WORD_RE = re.compile(rf"(?<![\wÀ-ỹ]){_LAW_WORD}(?![\wÀ-ỹ])")
# A number of the National Assembly or its Standing Committee: 25/2008/QH12, 34/2007/PL-UBTVQH11.
LAW_SYMBOL = r"\d{1,3}/(?:19|20)\d\d/(?:QH\d{1,2}|PL-UBTVQH\d{1,2}|UBTVQH\d{1,2}|L-CTN)"
_STATED_RE = re.compile(rf"\s*[,(]?\s*(?:số|Số|SỐ)\s*:?\s*({LAW_SYMBOL})")
# The name written a little differently from the known one (`... đi làm việc tại nước ngoài số 72/2006/QH11`):
# a few plain words, then the number. No other law, clause, article or date may stand between.
_STATED_LATE_RE = re.compile(rf"((?:\s+[^\s\d,;:()“”\"]+){{1,8}}?)\s*,?\s*(?:số|Số|SỐ)\s*:?\s*({LAW_SYMBOL})")
_NOT_IN_A_NAME = re.compile(r"(?i)(?<![\wÀ-ỹ])(?:luật|pháp lệnh|nghị định|nghị quyết|quyết định|thông tư|điều|khoản|"
                            r"của|và|theo|ngày|năm|được|đã|sửa|quy định|văn bản)(?![\wÀ-ỹ])")
_DATE = r"ngày\s+(\d{1,2})\s*(?:tháng\s*|/|-|\.)\s*(\d{1,2})\s*(?:năm\s*|/|-|\.)\s*((?:19|20)\d\d)"
_YEAR_AFTER_RE = re.compile(rf"\s*[,(]?\s*(?:(?:năm|Năm)\s+((?:19|20)\d\d)|((?:19|20)\d\d)(?!\s*/)|{_DATE})")
_AMENDED_RE = re.compile(
    rf"\s*,?\s*(?:\(?\s*(?:đã\s+)?được\s+)?sửa\s+đổi\s*,?\s*(?:bổ\s+sung\s+)?(?:(?:một\s+số\s+điều\s+)?(?:theo\s+\S+\s+)?)?"
    rf"(?:năm\s+((?:19|20)\d\d)|{_DATE})", re.I)
_AMENDING_NAME_RE = re.compile(r"(?i)(?:luật|pháp lệnh)\s+sửa(?:\s+đổi)?")
_TRAILING_YEAR_RE = re.compile(r"\s*,?\s*(?:năm\s+)?((?:19|20)\d\d)\s*$", re.I)
# What may stand between a law's name and its number in a statement: nothing but spaces, a comma, `số`.
_NAME_WORDS_END = re.compile(r"[\s,;:(]+$")
# `Luật Phòng, chống mua bán người (sửa đổi) số 53/2024/QH15`: a new law under its predecessor's name.
_REVISED_RE = re.compile(r"\s*\((?i:sửa\s+đổi)\)\s*$")
# `Luật Đầu tư theo phương thức đối tác công tư (sau đây gọi là Luật PPP)`: the document's own short name.
ALIAS_RE = re.compile(r"\s*,?\s*\((?:sau\s+đây\s+)?(?:gọi\s+(?:tắt|chung)\s+là|gọi\s+là|viết\s+tắt\s+là)\s+"
                      r"((?:Luật|Bộ\s+luật|Pháp\s+lệnh)\s+[^()]{2,80}?)\s*\)")
_NOT_A_NAME = re.compile(
    r"[\d;:()“”\"]|(?<![\wÀ-ỹ])(?i:này|nói trên|được|quy định|ngày|năm|căn cứ|nghị quyết|nghị định|quyết định|"
    r"thông tư|theo(?=\s+(?:quy định|luật|nghị|quyết|thông tư|điều|khoản|đề nghị|văn bản))|tại(?=\s+(?:điều|khoản|điểm|mục|chương|phụ lục|văn bản))|điều|khoản)(?![\wÀ-ỹ])")
# `Luật sửa đổi, bổ sung một số điều của Luật X`, `Luật sửa đổi Luật X` (the `của` is often left out).
_AMENDING_PREFIX = re.compile(
    r"(?i)sửa\s+đổi\s*,?\s*(?:bổ\s+sung\s+)?(?:một\s+số\s+điều\s+)?(?:có\s+liên\s+quan[^,;]*?)?(?:của\s*)?$")

ISSUER_OF = {"QH": "Quốc hội", "PL-UBTVQH": "Ủy ban Thường vụ Quốc hội", "UBTVQH": "Ủy ban Thường vụ Quốc hội"}


def canonical_law_type(word: str) -> str:
    w = fold(word)
    if w.startswith("bộ"):
        return "Bộ luật"
    if w.startswith("pháp"):
        return "Pháp lệnh"
    if w.startswith("hiến"):
        return "Hiến pháp"
    return "Luật"


def name_key(name: str) -> str:
    """Names compared folded, with the type word in one spelling and no trailing punctuation."""
    key = fold(name).strip(" ,;:.()“”\"")
    key = re.sub(r"^(bộ luật|pháp lệnh|luật|hiến pháp)\s+", lambda m: m.group(1) + " ", key)
    return key


@dataclass
class Law:
    symbol: str | None
    type: str
    name: str
    date: str | None = None  # passed
    in_force: str | None = None
    aliases: list[str] = field(default_factory=list)
    amends: list[str] = field(default_factory=list)
    replaced_by: str | None = None
    replaced_on: str | None = None
    sources: list[str] = field(default_factory=list)
    origin: str = "registry"  # registry | corpus

    @property
    def year(self) -> int | None:
        if self.date:
            return int(self.date[:4])
        m = re.match(r"\d+/(\d{4})/", self.symbol or "")
        return int(m.group(1)) if m else None

    @property
    def effective(self) -> str | None:
        """From when it governs: its own effective date when known; else estimated as laws take effect,
        on the first 1 January or 1 July at least four months after passing (or, with only the year of
        its number known, the next 1 January)."""
        if self.in_force:
            return self.in_force
        if self.date:
            y, m = int(self.date[:4]), int(self.date[5:7])
            return f"{y}-07-01" if m + 4 <= 7 else f"{y + 1}-01-01" if m + 4 <= 13 else f"{y + 1}-07-01"
        return f"{self.year + 1}-01-01" if self.year else None


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def laws_file() -> Path:
    here = reference_dir() / "laws.csv"
    return here if here.exists() else Path(__file__).resolve().parent / "data" / "laws.csv"


@lru_cache(maxsize=1)
def load_laws() -> tuple[Law, ...]:
    out = []
    with open(laws_file(), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out.append(Law(
                symbol=(row.get("symbol") or "").strip() or None, type=row["type"].strip(), name=row["title"].strip(),
                date=row.get("date") or None, in_force=row.get("in_force") or None, aliases=_split(row.get("aliases")),
                amends=_split(row.get("amends")), replaced_by=row.get("replaced_by") or None,
                replaced_on=row.get("replaced_on") or None, sources=_split(row.get("sources"))))
    return tuple(out)


# --------------------------------------------------------------------------- statements in a text


@dataclass
class Statement:
    name: str
    type: str
    symbol: str
    date: str | None
    start: int  # of the name, in the text searched
    amending: bool = False  # the name follows `sửa đổi, bổ sung ... của`: the number may be the amender's


def _iso(d: str, m: str, y: str) -> str | None:
    d_, m_ = int(d), int(m)
    if not (1 <= d_ <= 31 and 1 <= m_ <= 12):
        return None
    return f"{int(y):04d}-{m_:02d}-{d_:02d}"


_AMENDING_STATED_RE = re.compile(
    rf"(?<![\wÀ-ỹ])(?P<law>Luật|Pháp lệnh|LUẬT|PHÁP LỆNH)\s+(?P<what>sửa\s+đổi\s*,?\s*bổ\s+sung\s+(?:một\s+số\s+điều\s+)?"
    rf"(?:có\s+liên\s+quan\s+đến\s+[\wÀ-ỹ ]{{2,30}}?\s+)?(?:của\s+)?(?P<base>(?:{_LAW_WORD}\s+[^;.()“”\d]{{3,400}}?)))"
    rf"\s*,?\s*số\s*:?\s*(?P<sym>{LAW_SYMBOL})", re.I)
_AMENDED_BY_RE = re.compile(
    rf"(?:số|Số)\s*({LAW_SYMBOL})[^;.]{{0,40}}?(?:đã\s+)?được\s+sửa\s+đổi\s*,?\s*(?:bổ\s+sung\s+)?(?:một\s+số\s+điều\s+)?"
    rf"(?:theo|bởi|tại)\s+((?:(?:Luật|Pháp lệnh|Bộ luật)\s+số\s*{LAW_SYMBOL}\s*(?:,|và)?\s*)+)")


def amending_statements(text: str) -> list[Statement]:
    """`Luật sửa đổi, bổ sung một số điều của Luật X số N`: N is the amending law's number or X's (the
    texts write both); `LawBook.finish` keeps it as the amending law's when X is known by another number."""
    text = re.sub(r"\s+", " ", text)
    out = []
    for m in _AMENDING_STATED_RE.finditer(text):
        name = f"{m.group('law')} {m.group('what')}"
        if len(name.split()) > 90:
            continue
        out.append(Statement(name=" ".join(name.split()), type=canonical_law_type(m.group("law")), symbol=m.group("sym"),
                             date=None, start=m.start(), amending=True))
    return out


def amended_by(text: str) -> list[tuple[str, list[str]]]:
    """`... số 25/2008/QH12 đã được sửa đổi, bổ sung một số điều theo Luật số 32/2013/QH13, Luật số
    46/2014/QH13`: (the amended law, the laws that amended it)."""
    text = re.sub(r"\s+", " ", text)
    return [(m.group(1), re.findall(LAW_SYMBOL, m.group(2))) for m in _AMENDED_BY_RE.finditer(text)]


def stated_names(text: str) -> list[Statement]:
    """`<Luật X> số <N/YYYY/QHk> [ngày ...]` in a text: the name is what stands between the last law
    word before the number and `số`. A name listing several laws (`Luật A, Luật B và Luật C số N`)
    states nothing about any one of them."""
    text = re.sub(r"\s+", " ", text)
    out = []
    for m in re.finditer(rf"(?:số|Số|SỐ)\s*:?\s*({LAW_SYMBOL})", text):
        before = text[max(0, m.start() - 200): m.start()]
        words = list(_LAW_WORD_RE.finditer(before))
        if not words:
            continue
        w = words[-1]
        name = before[w.start():]
        name = _NAME_WORDS_END.sub("", _REVISED_RE.sub("", name))
        name = re.sub(rf"\s*,?\s*{_DATE}\s*$", "", name)
        body = name[w.end() - w.start():].strip()
        if not body or len(body) < 3 or not re.match(r"[A-ZĐÂĂÊÔƠƯÀ-Ỹa-zà-ỹđ]", body):
            continue
        if len(words) > 1 and re.search(r"(?:,|\svà)\s*$", before[words[-2].end(): w.start()].strip() + " ,"):
            # `Luật A, Luật B và Luật C`: a list (the gap between two law words ends in `,` or `và`)
            gap = before[words[-2].end(): w.start()]
            # `Luật A số N1, Luật B số N2`: the earlier law has its own number, so it is no list of names
            if re.fullmatch(r"[^;.]{0,120}?(?:,|\svà)\s*", gap) and not re.search(LAW_SYMBOL, gap):
                continue
        if len(body.split()) > 20 or _NOT_A_NAME.search(body):  # the longest names run to 17 words
            continue  # another citation, a date or a clause stands between the law word and the number
        after = text[m.end(): m.end() + 40]
        dm = re.match(rf"\s*,?\s*{_DATE}", after)
        amending = bool(_AMENDING_PREFIX.search(before[: w.start()]))
        out.append(Statement(name=" ".join(name.split()), type=canonical_law_type(w.group(0)),
                             symbol=m.group(1), date=_iso(*dm.groups()) if dm else None,
                             start=max(0, m.start() - 200) + w.start(), amending=amending))
    return out


# --------------------------------------------------------------------------- the book of versions


class LawBook:
    """Every known version of every name: the shipped list, then what the corpus states."""

    def __init__(self, laws: Iterable[Law] = ()):
        self.by_symbol: dict[str, Law] = {}
        self.by_name: dict[str, list[Law]] = {}
        self._votes: dict[str, dict[str, float]] = {}  # corpus statements: symbol -> name key -> weight
        self._names: dict[str, str] = {}
        self._evidence: dict[str, list[str]] = {}
        self._dates: dict[str, dict[str, int]] = {}
        self._amending: dict[str, dict[str, float]] = {}  # symbol -> amending law's name -> count
        self.amendments: dict[str, dict[str, str]] = {}  # amended symbol -> amending symbol -> evidence
        for law in laws:
            self._add(law)
            for amended in law.amends:  # laws.csv's `amends`: what an amending law amends
                if law.symbol:
                    self.amendments.setdefault(_sym(amended), {}).setdefault(_sym(law.symbol), "laws.csv")
        self._registry_symbols = set(self.by_symbol)
        self._prefix: dict[str, list[str]] | None = None
        self._bare: tuple[dict[str, set[str]], dict] | None = None

    def _add(self, law: Law) -> None:
        if law.symbol:
            self.by_symbol[_sym(law.symbol)] = law
        for n in dict.fromkeys([law.name] + law.aliases):
            versions = self.by_name.setdefault(name_key(n), [])
            if law not in versions:
                versions.append(law)
        self._prefix = None

    def learn(self, statements: Iterable[Statement], document: str,
              amendments: Iterable[tuple[str, list[str]]] = ()) -> None:
        """Record what one document states (`Luật X số N`); `finish()` turns the votes into versions."""
        for amended, by in amendments:
            for b in by:
                self.amendments.setdefault(_sym(amended), {}).setdefault(_sym(b), document)
        for s in statements:
            if s.amending:
                if s.name.lower().startswith(("luật sửa", "pháp lệnh sửa")):
                    names = self._amending.setdefault(_sym(s.symbol), {})
                    names[s.name] = names.get(s.name, 0) + 1
                    ev = self._evidence.setdefault(_sym(s.symbol), [])
                    if len(ev) < 3 and document not in ev:
                        ev.append(document)
                continue  # `Luật sửa đổi ... của Luật X số N`: N may be X's or the amending law's
            key = name_key(s.name)
            sym = _sym(s.symbol)
            votes = self._votes.setdefault(sym, {})
            votes[key] = votes.get(key, 0.0) + (0.5 if s.amending else 1.0)
            self._names.setdefault(key, s.name)
            ev = self._evidence.setdefault(sym, [])
            if len(ev) < 3 and document not in ev:
                ev.append(document)
            if s.date and not s.amending:
                d = self._dates.setdefault(sym, {})
                d[s.date] = d.get(s.date, 0) + 1

    def finish(self) -> "LawBook":
        """Each stated number joins the name most documents give it; a number the shipped list knows
        keeps its listed name and only gains the corpus's other spellings as variants."""
        for sym, votes in self._votes.items():
            key = max(sorted(votes), key=lambda k: votes[k])
            law = self.by_symbol.get(sym)
            if law is not None:
                if law.origin == "registry" and all(name_key(n) != key for n in [law.name] + law.aliases):
                    if votes[key] >= 2 and not any(k == name_key(law.name) for k in votes):
                        law.aliases.append(self._names[key])
                        self._add(law)
                continue
            if not term_fits(sym):
                continue  # `10/2022/QH14`: the 14th Assembly sat until 2021, the text mistyped it
            if votes[key] < 2 and any(v.origin == "registry" and v.year == int(sym.split("/")[1])
                                      for v in self.by_name.get(key, [])):
                continue  # one text's number for a listed law of that name and year: a mistyped number
            dates = self._dates.get(sym, {})
            date = max(sorted(dates), key=lambda d: dates[d]) if dates else None
            if date and not date.startswith(sym.split("/")[1]):
                date = None  # a law's number carries the year it was passed
            name = self._names[key]
            self._add(Law(symbol=_pretty(sym), type=canonical_law_type(name), name=name, date=date,
                          sources=[f"stated in {d}" for d in self._evidence.get(sym, [])], origin="corpus"))
        self._votes.clear()
        # `Luật sửa đổi ... của Luật X số N` where X is known by another number: N is the amending law.
        for sym, names in self._amending.items():
            if sym in self.by_symbol:
                continue
            name = max(sorted(names), key=lambda n: names[n])
            self._add(Law(symbol=sym, type=canonical_law_type(name), name=name,
                          sources=[f"stated in {d}" for d in self._evidence.get(sym, [])], origin="corpus"))
        self._amending.clear()
        return self

    def misread_name(self, text: str) -> str | None:
        """A name as OCR read it (`Bộ luật Lao , động`, `Luật Giáo dục đai học`) that no known name is,
        but that reads as exactly one when tone marks and punctuation are set aside, or then differs
        from one by a single letter (names of 12 letters or more): that name; else None."""
        from rapidfuzz.distance import Levenshtein

        key = bare_name(text)
        if name_key(text) in self.by_name or len(key) < 8:
            return None
        if self._bare is None or len(self._bare[1]) != len(self.by_name):
            index: dict[str, set[str]] = {}
            for k in self.by_name:
                index.setdefault(bare_name(k), set()).add(k)
            self._bare = (index, dict(self.by_name))
        index = self._bare[0]
        found = index.get(key, set())
        if not found and len(key) >= 12:
            found = {k for b, ks in index.items() if abs(len(b) - len(key)) <= 1
                     and Levenshtein.distance(b, key, score_cutoff=1) <= 1 for k in ks}
        if len(found) != 1:
            return None
        return self._names.get(next(iter(found))) or self.by_name[next(iter(found))][0].name

    def versions(self, name: str) -> list[Law]:
        return list(self.by_name.get(name_key(name), []))

    def _by_head(self) -> dict[str, list[str]]:
        """Known names by their first two words, so completing a name looks at a handful of keys."""
        if self._prefix is None:
            heads: dict[str, list[str]] = {}
            for key in self.by_name:
                heads.setdefault(" ".join(key.split()[:2]), []).append(key)
            self._prefix = heads
        return self._prefix

    # -- resolution ------------------------------------------------------------------------------
    def resolve(self, text: str, sentence: str = "", as_of: str | None = None,
                document_statements: dict[str, set[str]] | None = None,
                guided_on: str | None = None) -> tuple[str | None, str | None, str]:
        """(symbol, how, name as completed) for a named citation: see the module's docstring.
        guided_on: the date of the document the sentence says details or guides the law (`Nghị định số
        31/2013/NĐ-CP ngày 09/4/2013 ... quy định chi tiết ... Pháp lệnh X`): the version passed by then."""
        found = self._resolve(text, sentence, guided_on or as_of, document_statements, guided_on is not None)
        if found[0] is None and _AMENDING_NAME_RE.match(found[2]) and self.versions(found[2]):
            # `Luật sửa đổi, bổ sung một số điều của Luật X ngày 18/6/2020`: the name is known (a later
            # amending law bears it too) but not that year's: the laws known to have amended X
            amending = self._amending_law(found[2], "", sentence, as_of, document_statements)
            if amending[0]:
                return amending
        return found

    def _resolve(self, text: str, sentence: str, as_of: str | None,
                 document_statements: dict[str, set[str]] | None,
                 guided: bool = False) -> tuple[str | None, str | None, str]:
        name, tail = self.complete(text, sentence)
        year_in_name = None
        m = _TRAILING_YEAR_RE.search(name)
        if m and not self.versions(name):
            year_in_name = int(m.group(1))
            name = name[: m.start()]
        stated = _STATED_RE.match(tail)
        late = None if stated else _STATED_LATE_RE.match(tail)
        if late and not _NOT_IN_A_NAME.search(late.group(1)):
            stated = re.match(rf"({LAW_SYMBOL})", late.group(2))
        known = self.by_symbol.get(_sym(stated.group(1))) if stated else None
        if stated and _AMENDING_NAME_RE.match(name) and known is not None and name_key(known.name) != name_key(name):
            stated = None  # `Luật sửa đổi ... của ..., Luật Các tổ chức tín dụng số 32/2024/QH15`: the last law's
        if stated and not (_inside_amending_name(name, sentence) and not any(
                _sym(v.symbol) == _sym(stated.group(1)) for v in self.versions(name) if v.symbol)):
            return _pretty(_sym(stated.group(1))), "stated", name
        # (`Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức số 52/2019/QH14`:
        # a number after a law an amending law names is the amending law's, unless known as that law's.)
        if _AMENDING_NAME_RE.match(name) and not self.versions(name):
            return self._amending_law(name, tail, sentence, as_of, document_statements)
        versions = [v for v in self.versions(name) if v.symbol]
        key = name_key(name)
        if not versions:
            year_m = _YEAR_AFTER_RE.match(tail)
            y = year_in_name or (int(year_m.group(1) or year_m.group(2) or year_m.group(5)) if year_m else None)
            versions = self.abbreviated(name, y)
        own = _newest(document_statements.get(key, ())) if document_statements else None
        if own and not (guided and versions):
            written = _YEAR_AFTER_RE.match(tail) if not _AMENDED_RE.match(tail) else None
            y = year_in_name or (int(written.group(1) or written.group(2) or written.group(5)) if written else None)
            law = self.by_symbol.get(_sym(own))
            old_version = law is not None and law.replaced_on and as_of and law.replaced_on <= as_of
            # `Căn cứ Luật đầu tư ngày 26 tháng 11 năm 2014` in a text that also gives 61/2020/QH14 means 2014's;
            # a version the document names but that was replaced by its date is history, not what it applies
            if (y is None or own.split("/")[1] == str(y)) and not old_version:
                return _pretty(own), "document", name
        if not versions:
            return None, None, name
        amended = _AMENDED_RE.match(tail)
        year_m = _YEAR_AFTER_RE.match(tail) if not amended else None
        year = year_in_name
        if year_m:
            year = int(year_m.group(1) or year_m.group(2) or year_m.group(5))
        amended_on = _amending_law_date(name, sentence) if not year_in_name else None
        if amended_on:
            # `Luật sửa đổi ... của Luật Đầu tư công, ..., Luật Điện lực, ... ngày 11 tháng 01 năm 2022`: the date
            # (or the number) is the amending law's; each law it names is the version in force that day
            found = in_force_at(versions, amended_on)
            if found:
                return found.symbol, "amended", name
            return None, None, name
        if year:
            same = [v for v in versions if v.year == year]
            if len(same) == 1:
                return same[0].symbol, "year", name
            return None, None, name  # the year written is of a version not known: no other will do
        if amended:
            y = amended.group(1) or amended.group(4)
            found = in_force_at(versions, f"{y}-12-31")
            if found:
                return found.symbol, "amended", name
        if as_of and guided:
            passed = [v for v in versions if _passed_on(v) and _passed_on(v) <= as_of]
            if passed:
                return max(passed, key=_passed_on).symbol, "guided", name
            return None, None, name  # the version it guides is older than any known
        if as_of:
            found = in_force_at(versions, as_of)
            if found:
                return found.symbol, "date", name
        if len(versions) == 1 and not as_of:
            return versions[0].symbol, "only", name
        return None, None, name

    def _amending_law(self, name: str, tail: str, sentence: str, as_of: str | None,
                      document_statements) -> tuple[str | None, str | None, str]:
        """`Luật sửa đổi, bổ sung một số điều của Luật X [ngày ... năm 2020]` with no number: of the laws
        the corpus says amended X, the one of that year, else the latest by the citing date."""
        flat = " ".join(sentence.split())
        i = flat.find(name)
        rest = flat[i:] if i >= 0 else name + tail
        m = re.search(rf"của\s+({_LAW_WORD}\s+[^;]{{3,300}})", rest[:400])
        if not m:
            return None, None, name
        base_text = m.group(1)
        words = list(_LAW_WORD_RE.finditer(base_text))
        base_name = base_text[: words[1].start()] if len(words) > 1 else base_text
        base_name = re.split(r"\s*(?:,|\bngày\b|\bnăm\b|\bsố\b|\bvà\b|\bđã\b|\bđược\b)", base_name)[0]
        # the date after the base's name is the amending law's (`... của Luật X ngày 18/6/2020`), not X's
        base, _how, _ = self.resolve(base_name, base_name, as_of, document_statements)
        if not base:
            return None, None, name
        amenders = [self.by_symbol.get(a) or Law(symbol=a, type="Luật", name=name, origin="corpus")
                    for a in self.amendments.get(_sym(base), {})]
        amenders = [a for a in amenders if a.symbol != base]
        if not amenders:
            return None, None, name
        after = rest[m.end(1) - len(m.group(1)) + len(base_text):] if False else base_text[len(base_name):]
        year_m = re.search(rf"(?:{_DATE}|năm\s+((?:19|20)\d\d)|(?<![\d/])((?:19|20)\d\d)(?![\d/]))", after[:200])
        if year_m:
            year = int(year_m.group(3) or year_m.group(4) or year_m.group(5))
            same = [a for a in amenders if a.year == year]
            if len(same) == 1:
                return same[0].symbol, "year", name
            return None, None, name
        if as_of:
            before = [a for a in amenders if a.year and a.year <= int(as_of[:4])]
            if before:
                return max(before, key=lambda a: (a.year, a.symbol)).symbol, "date", name
        return None, None, name

    def complete(self, text: str, sentence: str) -> tuple[str, str]:
        """The name as the sentence writes it, and what follows it there. The extracted name may be
        cut short by a line break (`Luật Bảo\\nhiểm xã hội`) or run on (`Luật Bảo hiểm xã hội và`,
        `Luật Quản lý thuế và Điều`): the longest known name the sentence writes at that place, with
        the same first two words, is taken; failing that, the name as extracted."""
        name = " ".join(text.split())
        flat = " ".join(sentence.split())
        i = flat.find(name)
        if i < 0:
            return name, ""
        rest = flat[i:]
        folded_rest = fold(rest)
        if len(folded_rest) != len(rest):
            return name, rest[len(name):]
        best = 0
        for key in self._candidates(name_key(name)):
            if len(key) > best and folded_rest.startswith(key) and (
                    len(folded_rest) == len(key) or not folded_rest[len(key)].isalnum()):
                best = len(key)
        if best:
            key = folded_rest[:best]
            base_at = key.rfind(" luật ")
            if key.startswith(("luật sửa đổi", "pháp lệnh sửa đổi")) and base_at > 0:
                # the base law's name may go on: `... của Luật Giáo dục` + ` đại học` is another law
                base = key[base_at + 1:]
                longer = [k for k in self._candidates(base) if len(k) > len(base) and k.startswith(base + " ")
                          and folded_rest[base_at + 1:].startswith(k) and (
                              len(folded_rest) == base_at + 1 + len(k) or not folded_rest[base_at + 1 + len(k)].isalnum())]
                if longer:
                    best = base_at + 1 + max(len(k) for k in longer)
            return rest[:best], rest[best:]
        return name, rest[len(name):]

    def _candidates(self, base: str) -> list[str]:
        return self._by_head().get(" ".join(base.split()[:2]), [])

    def abbreviated(self, name: str, year: int | None) -> list[Law]:
        """`Luật Bầu cử năm 2015` for `Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân`:
        the versions of the one known name the written one begins (of that year, when given)."""
        base = name_key(name)
        if len(base.split()) < 2:
            return []
        names = [k for k in self._candidates(base) if k.startswith(base + " ") and not k.startswith("luật sửa đổi")]
        found = [v for k in names for v in self.by_name[k] if v.symbol and (year is None or v.year == year)]
        return found if len({name_key(v.name) for v in found}) == 1 else []


# Years each National Assembly sat (a term's first year overlaps the previous one's last).
_TERMS = {10: (1997, 2002), 11: (2002, 2007), 12: (2007, 2011), 13: (2011, 2016), 14: (2016, 2021),
          15: (2021, 2026), 16: (2026, 2031)}


_AMENDING_BEFORE_RE = re.compile(r"(?i)(?:luật|pháp\s+lệnh)\s+sửa\s+đổi(?:(?!\bsố\s*\d)[^;.]){0,300}$")


def _inside_amending_name(name: str, sentence: str) -> bool:
    """Whether `name` stands in an amending law's name in the sentence (`Luật sửa đổi ... của Luật X`)."""
    flat = " ".join(sentence.split())
    i = flat.find(name)
    return i > 0 and bool(_AMENDING_BEFORE_RE.search(flat, max(0, i - 300), i))


def _newest(symbols) -> str | None:
    """Of the numbers a document gives one name, the newest (the older ones stand in its transitional and
    repealing clauses, `Luật ... số 72/2006/QH11 hết hiệu lực`); None when two are of the newest year."""
    by_year: dict[str, list[str]] = {}
    for sym in symbols:
        if term_fits(sym):  # `10/2022/QH14`: a mistyped number is no version
            by_year.setdefault(sym.split("/")[1], []).append(sym)
    if not by_year:
        return None
    newest = by_year[max(by_year)]
    return newest[0] if len(newest) == 1 else None


_CLAUSE_DATE_RE = re.compile(rf"[^;]*?(?:{_DATE}|số\s*\d{{1,3}}/((?:19|20)\d\d)/)")


def _amending_law_date(name: str, sentence: str) -> str | None:
    """For a law named inside an amending law's name, the amending law's date as the clause writes it after
    the name (`... ngày 11 tháng 01 năm 2022`, or the year of `số 03/2022/QH15`); None elsewhere."""
    if not _inside_amending_name(name, sentence):
        return None
    flat = " ".join(sentence.split())
    i = flat.find(name)
    m = _CLAUSE_DATE_RE.match(flat, i + len(name)) if i >= 0 else None
    if not m:
        return None
    if m.group(4):
        return f"{m.group(4)}-12-31"
    return _iso(m.group(1), m.group(2), m.group(3))


def term_fits(sym: str) -> bool:
    """Whether a number's year falls in its Assembly's term (`.../QH14` of 2016-2021)."""
    m = re.match(r"\d+/(\d{4})/\D*?(\d+)$", sym)
    if not m or int(m.group(2)) not in _TERMS:
        return True
    lo, hi = _TERMS[int(m.group(2))]
    return lo <= int(m.group(1)) <= hi


def in_force_at(versions: list[Law], as_of: str) -> Law | None:
    """The version governing on a date: the latest to take effect by then and not replaced by then;
    None when none had taken effect yet (then the first one passed, when it was passed by then)."""
    live = [v for v in versions if v.effective and v.effective <= as_of
            and not (v.replaced_on and v.replaced_on <= as_of)]
    if live:
        return max(live, key=lambda v: (v.effective, v.date or ""))
    passed = [v for v in versions if _passed_on(v) and _passed_on(v) <= as_of]
    return min(passed, key=_passed_on) if passed else None


def _passed_on(v: Law) -> str | None:
    return v.date or (f"{v.year}-01-01" if v.year else None)


def bare_name(name: str) -> str:
    """A name as compared when OCR read it: without tone marks, punctuation or case, spaces collapsed."""
    return " ".join(NAME_PUNCTUATION_RE.sub(" ", bare(name)).split())


def _sym(symbol: str) -> str:
    return re.sub(r"\s+", "", symbol).upper().replace("Ð", "Đ")


def _pretty(sym: str) -> str:
    return sym


def all_statements(text: str) -> list[Statement]:
    return stated_names(text) + amending_statements(text)


def document_statements(texts: Iterable[str]) -> dict[str, set[str]]:
    """name key -> numbers a document gives that name (from its references' sentences)."""
    out: dict[str, set[str]] = {}
    seen = set()
    for t in texts:
        if not t or t in seen:
            continue
        seen.add(t)
        for s in stated_names(t):
            if not s.amending:
                out.setdefault(name_key(s.name), set()).add(_sym(s.symbol))
    return out
