"""Every regular expression of the extractor, in one place.

The grammar follows the official format rules (Hướng dẫn 36-HD/VPTW for Party documents,
Nghị định 30/2020/NĐ-CP for State documents) and the ways real text bends it (spaces around the
dash and slash, a missing slash or dash, words glued to the number, upper-case titles, line
breaks inside a citation). Type words and abbreviations come from pipeline/data/types.csv.
"""
from __future__ import annotations

import re
import sys
from functools import lru_cache
from typing import Iterator

from .reference import load_types

# Letters, built from Unicode properties because `re` has no \p{Lu}.
UPPER = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isalpha() and c.isupper())
LOWER = "".join(c for c in map(chr, range(0x61, 0x1EFA)) if c.isalpha() and c.islower())
UP = f"[{UPPER}]"
LO = f"[{LOWER}]"
LETTER = f"[{UPPER}{LOWER}]"
WORD = f"{LETTER}+"

DASH = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"  # hyphen, dashes, minus: all seen inside symbols
SP = r"[ \t\u00a0]"  # horizontal space only
# Inside a citation a line (or page) break may fall anywhere a space may.
WS = r"[ \t\u00a0\r\n\f]"


class LinePattern:
    """A pattern that matches only where a line starts (it begins with `^`, under re.M), with `re.Pattern`'s
    search, match and finditer, searched only where a line starts.

    `re` tries a `^` pattern at every position of a text (about 200 MB/s on corpus-real); the same pattern
    after a line break begins with a character, which `re` finds by its fast scan: 4x faster there. The
    matches are the `^` pattern's own, the same as `re` would give."""

    def __init__(self, pattern: str, flags: int = 0):
        if not pattern.startswith("^"):
            raise ValueError(f"a line pattern begins with ^: {pattern[:40]!r}")
        self.regex = re.compile(pattern, flags | re.M)
        self.pattern = self.regex.pattern
        self._after_break = re.compile("\n" + pattern[1:], flags | re.M)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.regex.match(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        m = self.regex.match(text, pos, endpos)  # `^` holds at pos when a line starts there
        if m:
            return m
        brk = self._after_break.search(text, pos, endpos)
        return self.regex.match(text, brk.start() + 1, endpos) if brk else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        while (m := self.search(text, pos, endpos)) is not None:
            yield m
            pos = m.end() if m.end() > m.start() else m.end() + 1


class Alternation:
    """`a|b|...` searched as one pattern per alternative, each at its own pace (a LinePattern; a pattern that
    begins with a character, which `re` finds by its fast scan where `[Nn]` or a look-ahead is tried at every
    position), with the alternation's matches: the leftmost, the earlier alternative's where two start at one
    place. Its alternatives may hold the same named groups."""

    def __init__(self, *alternatives: "LinePattern | re.Pattern[str]"):
        self.alternatives = alternatives

    @classmethod
    def by_case(cls, pattern: str, flags: int = 0) -> "Alternation":
        """A pattern that begins with `[Xx]` as `X...|x...`."""
        if not re.match(r"\[(\w)(\w)\]", pattern) or pattern[1] == pattern[2] or pattern[1].lower() != pattern[2].lower():
            raise ValueError(f"not a pattern that begins with [Xx]: {pattern[:40]!r}")
        return cls(*(re.compile(letter + pattern[4:], flags) for letter in pattern[1:3]))

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        found = None
        for alternative in self.alternatives:
            m = alternative.search(text, pos, endpos)
            if m and (found is None or m.start() < found.start()):
                found = m
        return found

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        next_of = [a.search(text, pos, endpos) for a in self.alternatives]
        while True:
            m = None
            for n in next_of:
                if n and (m is None or n.start() < m.start()):
                    m = n
            if m is None:
                return
            yield m
            pos = m.end() if m.end() > m.start() else m.end() + 1
            for k, n in enumerate(next_of):  # each goes on from where the alternation's match ends
                if n and n.start() < pos:
                    next_of[k] = self.alternatives[k].search(text, pos, endpos)


NUMBER = r"\d{1,5}[A-Z]?"  # 25, 1043, 08B
YEAR = r"(?:19[4-9]\d|20[0-4]\d)"

# Abbreviation pieces: upper-case led, may carry lower-case letters inside (CTr, TTr, QĐi, TTg, CTrHĐ)
# and a trailing term number (QH15, UBTVQH11); an issuer's unit likewise (`1899/SGDĐT-CTrTT`, Chính trị tư tưởng).
ABBR = f"{UP}(?:{UP}|[a-zđ](?={UP}|[/{DASH}]|\\b)|&{UP})*"
# (a steering committee named by the decision that set it up: `252/KH-BCĐQG1237`)
# (a unit's number after a lower-case letter of its code: `324/QTR-KTr2`)
ISSUER_ABBR = f"(?:TTg|{UP}(?:{UP}|[a-zđ](?={UP}|\\d(?![\\d/]))|&{UP}|\\.{UP})*(?:\\d{{1,2}}|(?<={UP}{{4}})\\d{{3,4}})?)"
# (a tax office's unit numbered in Roman after a dot: `545/CCTKV.VIII-CNTK`)
TYPE_ABBR = f"{UP}[A-Za-zĐđƯư]{{0,6}}(?:\\.(?:[IVX]{{1,5}}|\\d{{1,2}})(?=[{DASH}]))?"

# A dash or slash inside a symbol, with a space or two either side, or a line break where a PDF's
# text layer wrapped the citation (`1043 -\nQĐ/TU`).
_BRK = "(?:\\r?\\n|\\f)?"
_D = f"{SP}{{0,2}}{_BRK}{SP}{{0,2}}[{DASH}]{SP}{{0,2}}{_BRK}{SP}{{0,2}}"
_S = f"{SP}{{0,2}}{_BRK}{SP}{{0,2}}/{SP}{{0,2}}{_BRK}{SP}{{0,2}}"
# Between the issuer parts of a State symbol: no line break, except right after the dash (a PDF's text
# layer wraps `29/2014/TTLT-\nBLĐTBXH-BTC`, `23/NQ-\nCP`).
_DN = f"(?:{SP}?[{DASH}]{SP}?|[{DASH}]{SP}?\\r?\\n{SP}?(?={UP}))"

# An issuer part ends where a word does not go on in lower case, but for a date glued to it (`381/ĐA-CPngày 09 ...`).
_NOT_WORD_AFTER = f"(?!(?!ngày|năm){LO})"

# State, normative: N/YYYY/TYPE-ISSUER (the type-issuer dash sometimes missing: 61/2018/NĐCP; a slash
# sometimes used: 01/2005/TTLT/BTTUBTWMTTQVN-BNV), or N/YYYY/QHn for laws.
STATE_NORMATIVE = (
    # (the Government's resolutions under Nghị quyết 66 are numbered with a dot: 66.17/2026/NQ-CP)
    f"(?P<sn_num>{NUMBER}(?:\\.\\d{{1,3}}(?=/))?){_S}(?P<sn_year>{YEAR}){_S}"
    f"(?P<sn_rest>{TYPE_ABBR}(?:\\d{{1,2}}(?![\\d/]))?(?:(?:{_DN}|/){ISSUER_ABBR}{_NOT_WORD_AFTER})*)"
)
# State, administrative: N/TYPE-ISSUER(-UNIT) and công văn N/ISSUER-UNIT; old style N/CP, N/TTg.
# (An issuer part is not the first letter of a word: `836/VBHN-BLĐTBXH - Thông tư ...`.)
STATE_ADMIN = f"(?P<sa_num>{NUMBER}){_S}(?P<sa_rest>{TYPE_ABBR}(?:{_DN}{ISSUER_ABBR}{_NOT_WORD_AFTER})*)"
# Party: N-TYPE/ISSUER, with the bends seen in real text: `25 –NQ/TW`, `32-CTTW` (slash missing),
# `84 QĐ/TWĐTN` (dash missing).
PARTY = (
    f"(?P<p_num>{NUMBER})(?:{_D}|{SP})(?P<p_type>{TYPE_ABBR}?){_S}(?P<p_issuer>{ISSUER_ABBR})"
    f"|(?P<g_num>{NUMBER}){_D}(?P<g_glued>{UP}{{3,9}}|CP|TTg)(?![{LOWER}{UPPER}])"  # `32-CTTW`; old `206-CP`
)

SYMBOL_RE = re.compile(
    f"(?=\\d)(?<![\\d/.{DASH}A-Za-z_{UPPER}])(?<!\\d{LO})(?<!\\d:)(?:{STATE_NORMATIVE}|{PARTY}|{STATE_ADMIN})(?![\\d/_{UPPER}])(?!(?<=[a-z])[{LOWER}])",
)

# A technical regulation or a standard: `QCVN 34:2022/BTTTT`, `QCVN 01-1:2018/BYT`, `TCVN 5729:2012`,
# `TCCS 42:2022/TCĐBVN`. Its number ends in the year after a colon (which a symbol never has: read as one,
# `2022/BTTTT` would be a letter's number).
# Also as gazettes print them: parts listed (`TCVN 8838-1,2,3:2011`), the year after a dash or a slash when the
# issuer follows (`QCVN 01 - 2008/BLĐTBXH`, `QCVN: 02/2019/BLĐTBXH`).
_STANDARD_BODY = (
    f"(?P<body>(?:{SP}*:)?{WS}*(?P<number>\\d{{1,5}})(?:[{DASH}.]\\d{{1,5}}(?:,\\d{{1,2}})*)*"
    f"(?:{SP}*:|{SP}*[{DASH}/](?={SP}*{YEAR}{SP}*/{SP}*[A-ZĐ])){SP}*(?P<year>{YEAR})"
    f"(?:{SP}*/{SP}*(?P<issuer>[A-ZĐ][A-ZĐa-z]{{1,12}}))?)(?![\\w/])"
)
# (One pattern per first letter, the look-behind after it: `re` skips to the letter.)
STANDARD_RE = Alternation(*(re.compile(f"(?P<kind>{first}(?<![\\w/{DASH}]{first})C(?:{rest})){_STANDARD_BODY}")
                            for first, rest in (("Q", "VN|ĐP"), ("T", "VN|CS"))),
                          # a national standard taken from ISO, its year often left out: `TCVN ISO 9001`, `TCVN ISO 9001:2015`
                          re.compile(f"(?P<kind>T(?<![\\w/{DASH}]T)CVN)(?P<body>{WS}+ISO(?:/IEC)?{WS}*(?P<number>\\d{{3,5}})"
                                     f"(?:[{DASH}.]\\d{{1,2}})*(?:{SP}*:{SP}*(?P<year>{YEAR}))?)(?P<issuer>(?!))?(?![\\w/])"))
# An amendment of one, its own number first: `Sửa đổi 1:2024 QCVN 126:2021/BTTTT`.
STANDARD_AMENDMENT_BEFORE_RE = re.compile(f"(?i:sửa{WS}+đổi){SP}+(?P<number>\\d{{1,2}}){SP}*:{SP}*(?P<year>{YEAR}){WS}+$")
STANDARD_TYPES = {"QCVN": "Quy chuẩn kỹ thuật quốc gia", "QCĐP": "Quy chuẩn kỹ thuật địa phương",
                  "TCVN": "Tiêu chuẩn", "TCCS": "Tiêu chuẩn"}

# Old style State symbols: N-CP written with a dash (Party grammar would read CP as a type).
OLD_STATE_ISSUERS = {"CP", "TTg", "HĐBT", "HĐCP"}

# A date written out: `ngày 03/6/2013`, `ngày 03 tháng 01 năm 2014`, `ngày 05-12-2013`, `ngày 26/11/ 2003`.
DATE_BODY = (
    f"(?P<d>\\d{{1,2}}){WS}*(?:[/{DASH}.]{WS}*(?P<m>\\d{{1,2}}){WS}*[/{DASH}.]{WS}*(?P<y>{YEAR})"
    # (titles are in capitals; a month typed with a space after its zero, `tháng 0 6`)
    f"|{WS}+(?i:tháng){WS}+(?P<m2>\\d{{1,2}}|0[ \\t]\\d){WS}*(?:,{WS}*)?(?i:năm){WS}+(?P<y2>{YEAR}))"
)
# `ngay` too: OCR drops tone marks.
# (`ngày` typed twice by a slip: `Nghị định số 78/2025/NĐ-CP ngày ngày 01/4/2025 của Chính phủ`)
DATE_RE = re.compile(f"(?i:ngày|ngay)(?:{WS}+(?i:ngày))?{WS}*:?{WS}*{DATE_BODY}")
BARE_DATE_RE = re.compile(
    f"(?<![\\d/])(?P<d>\\d{{1,2}})[/{DASH}.](?P<m>\\d{{1,2}})[/{DASH}.](?P<y>{YEAR})(?![\\d/])"
)

# The day an act was passed, in its closing formula: `Nghị quyết này được Ủy ban Thường vụ Quốc hội ... thông qua
# ngày 23 tháng 3 năm 2022`, `Luật này đã được Quốc hội ... kỳ họp thứ 8 thông qua ngày 27 tháng 11 năm 2024`.
PASSED_ON_RE = re.compile(
    f"(?:Nghị{WS}+quyết|Luật|Bộ{WS}+luật|Pháp{WS}+lệnh|Hiến{WS}+pháp){WS}+này{WS}+(?:đã{WS}+)?được{WS}+[^.;]{{0,200}}?"
    # (`khóa XVthông qua`: a portal drops the space after the term's numeral)
    f"(?:{WS}|(?<=[IVXL]))thông{WS}+qua{WS}+(?:ngày|ngay){WS}*{DATE_BODY}")
ROMAN = r"(?:[IVXL]{1,6})"
TERM_RE = re.compile(f"\\(?\\s*(?i:khóa|khoá|nhiệm kỳ){WS}+(?P<term>{ROMAN}|\\d{{1,2}})\\b\\s*\\)?")

ORDINALS = {
    "nhất": 1, "một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7,
    "bẩy": 7, "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "mười ba": 13,
    "mười bốn": 14, "mười lăm": 15,
}
ORDINAL = "(?:" + "|".join(sorted((re.escape(k) for k in ORDINALS), key=len, reverse=True)) + ")"


@lru_cache(maxsize=1)
def type_words() -> list[str]:
    """Type words, longest first so `Chương trình hành động` wins over `Chương trình`."""
    return sorted({t.word for t in load_types()}, key=len, reverse=True)


def _type_first() -> str:
    """A lookahead on the first letters of the type words: one character test rejects most positions."""
    firsts = sorted({c for w in type_words() for c in (w[0].lower(), w[0].upper())})
    return "(?=[" + "".join(firsts) + "])"


def _flex(word: str) -> str:
    """A type word as a pattern: any case, any white space (line breaks too) between its syllables."""
    parts = [re.escape(p) for p in word.split()]
    return f"{WS}+".join(parts)


def _trie_pattern(words: list[str]) -> str:
    """One alternation as a trie of syllables (`Thông (?:tư(?: liên tịch)?|tri|báo)`): the engine tries
    the branches of one first syllable, not every word, at each position."""
    trie: dict = {}
    for w in words:
        node = trie
        for syllable in w.lower().split():
            node = node.setdefault(syllable, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = []
        for syllable in sorted((k for k in node if k), key=len, reverse=True):
            rest = emit(node[syllable])
            branches.append(re.escape(syllable) + (f"(?:{WS}+(?:{rest}))" + ("?" if "" in node[syllable] else "")
                                                   if rest else ""))
        return "|".join(branches)

    return emit(trie)


@lru_cache(maxsize=1)
def type_word_re() -> re.Pattern[str]:
    alternatives = _trie_pattern(type_words())
    return re.compile(f"\\b{_type_first()}(?i:{alternatives})(?!{LETTER})")


@lru_cache(maxsize=1)
def type_before_re() -> re.Pattern[str]:
    """A type word ending just before a number or symbol, optionally with `của <issuer>` between it and
    `số` (`Quyết định của Bộ Chính trị số31-QĐ/TW`), or an upper-case `SỐ`."""
    alternatives = _trie_pattern(type_words())
    return re.compile(
        f"\\b{_type_first()}(?P<type>(?i:{alternatives}))"
        # (a body's name may be wrapped: `của Chính\\nphủ`)
        # (not where the number is another document's, which the words between name: `kết luận của Bộ Chính trị tại các
        # văn bản số 15422-CV/VPTW`)
        f"(?P<between>{WS}+(?i:của|do)(?![^.;:]{{0,70}}?{WS}(?i:văn{WS}+bản){WS}+(?i:số)){WS}+(?:(?={UP})(?:[^.;:,\\n“”\"()/\\d]|\\n(?![ \\t]*\\n)){{2,60}}?|[^.;:,\\n“”\"()/\\d]{{2,60}}?))?"
        f"(?:{WS}*[,:]?{WS}*(?i:số|số hiệu){WS}*:?)?{WS}*$"
    )


# A bare number after a type word: `Quyết định số 290`, `Chỉ thị 18`, `Quyết định 217, 218`.
@lru_cache(maxsize=1)
def partial_re() -> re.Pattern[str]:
    alternatives = _trie_pattern(type_words())
    return re.compile(
        f"\\b{_type_first()}(?P<type>(?i:{alternatives}))"
        # (a body's name may be wrapped: `của Chính\\nphủ`)
        # (not where the number is another document's, which the words between name: `kết luận của Bộ Chính trị tại các
        # văn bản số 15422-CV/VPTW`)
        f"(?P<between>{WS}+(?i:của|do)(?![^.;:]{{0,70}}?{WS}(?i:văn{WS}+bản){WS}+(?i:số)){WS}+(?:(?={UP})(?:[^.;:,\\n“”\"()/\\d]|\\n(?![ \\t]*\\n)){{2,60}}?|[^.;:,\\n“”\"()/\\d]{{2,60}}?))?"
        f"{WS}*(?P<so>(?i:số){WS}*)?(?<![/\\d{DASH}.])(?P<num>\\d{{1,5}}[A-Z]?)(?!\\d|[{DASH}/.,]\\d|{WS}?[{DASH}/]{WS}?[{UPPER}\\d]|{SP}?[{UPPER}]{{2}}|{SP}\\d{{1,2}}[{UPPER}]{{2}}|{LO}\\d)"
        f"(?P<more>(?:{SP}*(?:,|và){SP}*\\d{{1,5}}(?![\\d{DASH}/]|{SP}?[{UPPER}]{{2}}))*)"
    )


def partial_matches(text: str) -> Iterator[re.Match[str]]:
    """`partial_re().finditer(text)`, the same matches, with the pattern tried only where one pass of an
    Aho-Corasick automaton over the lower-cased text finds a type word followed by what must follow it (`số`,
    a digit, `của`/`do`, or more space than one): a few thousand places in a document instead of every
    letter that may start a type word (4x the pace on corpus-real)."""
    pattern = partial_re()
    low = text.lower()
    if len(low) != len(text):  # a letter lower-cased into two (`İ`): offsets would not line up
        yield from pattern.finditer(text)
        return
    for space in "\t\r\n\f\u00a0":  # WS, as the keys write it
        low = low.replace(space, " ")
    starts = set()
    for end, length in _partial_automaton().iter(low):
        if not length:  # a character the keys cannot stand for: the plain scan
            yield from pattern.finditer(text)
            return
        starts.add(end - length + 1)
    last = 0
    for start in sorted(starts):
        if start >= last:
            m = pattern.match(text, start)
            if m:
                yield m
                last = m.end()


@lru_cache(maxsize=1)
def _partial_automaton():
    """Keys (lower case, one space for WS) that start wherever `partial_re` can match: each type word followed
    by `số`, a digit (any that `\\d` matches), ` của`, ` do` or two spaces, and each of its first syllables
    followed by two spaces (a type word written with more space inside). The value is the key's length; 0 marks
    the letters `(?i)` matches other than by lower(), which only the plain scan reads right."""
    import ahocorasick

    digits = [c for c in map(chr, range(0x20000)) if c.isdecimal()]  # \\d: every decimal digit lies below U+20000
    automaton = ahocorasick.Automaton()
    for word in type_words():
        word = " ".join(word.lower().split())
        syllables = word.split()
        keys = [" ".join(syllables[:k]) + "  " for k in range(1, len(syllables))]
        keys += [word + tail for tail in ("số", " số", " của", " do", "  ", *digits, *(" " + d for d in digits))]
        for key in keys:
            automaton.add_word(key, len(key))
    for c in "ıſẛ":
        automaton.add_word(c, 0)
    automaton.make_automaton()
    return automaton


LIST_NUMBER_RE = re.compile(r"\d{1,5}")
# Before a bare number, what makes it no document's number: the word `năm` (`quy định của Luật Tố tụng hành
# chính năm 2015`: a year).
YEAR_WORD_BEFORE_RE = re.compile(r"(?i)\bnăm\s*$")
# Type words that a bare number follows without `số` as an item of a programme, not a document: `Tiểu dự án
# 02, Dự án 5 Chương trình MTQG`, `Dự án 4 thuộc Chương trình`.
NO_BARE_NUMBER_TYPES = frozenset({"Dự án"})
# A symbol cut short, its issuer missing: `Chỉ thị số 05-CT/ ngày 15/5/2016`, `Quyết định số 12/QĐ- ngày ...`.
# (The look-behinds of these patterns stand after their first character, which the pattern then starts
# with: `re` skips to such a character without trying each position, 2-4x the speed, same matches.)
TRUNCATED_SYMBOL_RE = re.compile(
    f"(?P<num>\\d(?<![\\d/{DASH}]\\d)\\d{{0,4}}){SP}?(?:[{DASH}]{SP}?(?P<ptype>{UP}[A-Za-zĐđ]{{0,5}}){SP}?/"
    # then what follows a citation's symbol (a date, the issuer, punctuation), not a wrapped remainder
    f"|/(?P<stype>{UP}[A-Za-zĐđ]{{0,5}})[{DASH}])(?={SP}*(?:ngày|của|[,;.)]|$))"
)
# The slash every cut-short symbol holds, with what follows it there (`05-CT/ ngày`, `12/QĐ- ngày`).
TRUNCATED_SLASH_RE = re.compile(
    f"/(?:(?={SP}*(?:ngày|của|[,;.)]|$))|{UP}[A-Za-zĐđ]{{0,5}}[{DASH}](?={SP}*(?:ngày|của|[,;.)]|$)))")
_TRUNCATED_REACH = 16  # from a cut-short symbol's start to its slash: 5 digits, a dash, a 6-letter type, spaces


def truncated_symbols(text: str) -> Iterator[re.Match[str]]:
    """`TRUNCATED_SYMBOL_RE.finditer(text)`, the same matches, with the pattern tried only just before the
    slashes TRUNCATED_SLASH_RE finds (a few in a document, most of them a signature's `./.`): the pattern
    begins with a digit, which `re` tries at every position; the slash pattern with `/`, which it skips to."""
    last = 0
    for slash in TRUNCATED_SLASH_RE.finditer(text):
        for start in range(max(last, slash.start() - _TRUNCATED_REACH), slash.start() + 1):
            m = TRUNCATED_SYMBOL_RE.match(text, start)
            if m:
                yield m
                last = m.end()
                break
# An abbreviated type word before a number, as tables and later mentions write them: `QĐ 20`, `NQ 57`,
# `NĐ 88/2025`, `TT 09/2013`, `CT 05`. Upper case, a space, and a number that is not a date or amount.
ABBREVIATIONS_BEFORE_NUMBER = "QĐ NQ NĐ TTLT TT CT KL KH CTr HD TB".split()
ABBR_NUMBER = (
    f"(?:{SP}+(?i:số){SP}*|{SP}+)"
    f"(?P<num>\\d{{1,5}})(?:/(?P<year>{YEAR}))?(?![\\d{DASH}.,]\\d|/\\d|\\d|/?{UP}|%|{SP}*(?i:năm|tháng|ngày|người|triệu|tỷ|đồng)(?!{LETTER}))"
)
# One pattern per first letter, that letter first and then the look-behind (no letter, digit, slash or dash
# before it): `re` skips to the letter (an alternation of them is tried at every character), the abbreviations
# that share it in their order.
ABBR_PARTIAL_RE = Alternation(*(
    re.compile(f"(?P<abbr>{letter}(?<![{UPPER}{LOWER}\\d/{DASH}].)(?:"
               + "|".join(a[1:] for a in ABBREVIATIONS_BEFORE_NUMBER if a[0] == letter) + f")){ABBR_NUMBER}")
    for letter in dict.fromkeys(a[0] for a in ABBREVIATIONS_BEFORE_NUMBER)))

# `của <issuer>` after a reference (and its date): the issuer runs until a word that starts the
# subject or another clause.
ISSUER_STOP = (
    "về|v/v|ban hành|thực hiện|tiếp tục|quy định|hướng dẫn|ngày|số|đến|để|tại|trong|nhằm|theo|"
    "đối với|cụ thể|đã|sẽ|được|là|thì|với|cho|trên|gắn|xây dựng|triển khai|tổng kết|quán triệt|"
    "học tập|chỉ đạo|lãnh đạo|phê duyệt|sửa đổi|bổ sung|thay thế|bãi bỏ|hết hiệu lực|có hiệu lực|"
    "nay|nói trên|này|kèm theo|gửi|đề nghị|tham gia|qua|khi|nên|mà|nhưng|như|cùng|các|những|của|"
    # (a deadline after the citation: `Nghị định số 75/2023/NĐ-CP của Chính phủ xong trước ngày 01 tháng 5 năm 2026`)
    "xong|trước|sau|từ|kể từ|chậm nhất|"
    # (a subject that opens with what is delegated: `Nghị quyết số 66.18/2026/NQ-CP của Chính phủ phân quyền, cắt giảm ...`)
    "phân quyền|phân cấp|phân định|vẫn|"
    # (a gazette's slip, the type again before the subject: `của Bộ trưởng Bộ Tài chính \nthông tư sửa đổi ...`; and
    # what a consolidated text says of it: `... của Bộ trưởng Bộ Tài chính có căn cứ ban hành như sau`)
    "thông tư|nghị định|quyết định|nghị quyết|chỉ thị|có"
)
# ... and the verbs that open a cited document's subject in any case, which a body's name never holds: a gazette
# capitalizes the subject (`của Chính phủ Quy định chi tiết ...`), a title is in capitals (`CỦA BỘ Y TẾ QUY ĐỊNH`).
# (`Xây dựng`, `Chỉ đạo` stop only in lower case: `Bộ Xây dựng`, `Ban Chỉ đạo`.)
ISSUER_STOP_ANY_CASE = ("về|v/v|ban hành|quy định|hướng dẫn|sửa đổi|bổ sung|thay thế|bãi bỏ|phê duyệt|cho phép|kiện toàn|ngày|số|"
                        "thí điểm|thành lập|giải thể|sáp nhập")


def _wrapping(words: str) -> str:
    """Alternatives of several words with any white space between them: a gazette's text layer breaks a
    line inside the verb that opens a subject (`của Chính phủ quy \\nđịnh chi tiết ...`)."""
    return words.replace(" ", f"{WS}+")


# An issuer may wrap onto the next line (a PDF's text layer: `Ban Thường vụ Tỉnh\nủy`), but a blank
# line, a list item, a number or an article starts something else.
_ISSUER_WRAP = f"\\n(?![{SP[1:-1]}]*(?:\\n|[-–+•*\\d]|Điều|Chương|Mục|Căn{SP}cứ|Nơi{SP}nhận))"
# (`cua`: OCR's `của` without its hook, `ngày 03 tháng 01 năm 2014 cua Ban Bí thư`; a body's name follows.)
ISSUER_AFTER_RE = re.compile(
    f"^{WS}*,?{WS}*(?:(?i:của|do)|cua){WS}+(?P<issuer>(?:{UP}|(?i:ủy|uỷ){WS}+ban)(?:[^\\n.;:,“”\"()]|{_ISSUER_WRAP})*?)"
    f"(?={SP}*(?:\\n{SP}*(?:\\n|[-–+•*\\d]|Điều|Chương|Mục|Căn{SP}cứ|Nơi{SP}nhận)|[.;:,“”\"()]|\\Z)"
    f"|{WS}+(?:(?:{_wrapping(ISSUER_STOP)}|(?i:{_wrapping(ISSUER_STOP_ANY_CASE)}))(?!{LETTER})|\\(?(?i:khóa|khoá)))"
)
# A term right after the issuer: `(khóa XI)`, `khoá XI`.
TERM_AFTER_RE = re.compile(f"^{WS}*\\(?{WS}*(?i:khóa|khoá|nhiệm kỳ){WS}+(?P<term>{ROMAN}|\\d{{1,2}})\\b{WS}*\\)?")

# A plenum description: `Hội nghị lần thứ bảy Ban Chấp hành Trung ương Đảng khóa XI`, `Hội nghị Trung
# ương 7 khóa XI`, `Trung ương 4 khóa XI`, `TW 8B`, `T.Ư 4`.
PLENUM = (
    f"(?:(?i:Hội{WS}+nghị){WS}+(?i:lần{WS}+thứ){WS}+(?P<ord>{ORDINAL}|\\d{{1,2}})"
    f"(?:{WS}+(?P<body>(?i:Ban{WS}+Chấp{WS}+hành{WS}+Trung{WS}+ương)(?:{WS}+(?i:Đảng))?))?"
    f"|(?:(?i:Hội{WS}+nghị){WS}+)?(?i:Trung{WS}+ương|TW|T\\.Ư|TƯ){WS}*(?P<num>\\d{{1,2}}[A-Z]?)(?![\\d/{DASH}])"
    f"(?:{WS}*\\((?i:lần{WS}+\\d){WS}*\\))?)"
)
# (Its first letter first, then the word boundary before it as a look-behind: the groups `head` and
# `short` start after the `N`.)
DESCRIPTIVE_RE = Alternation.by_case(
    f"[Nn](?<!\\w.)(?:(?P<head>(?<=[Nn])(?i:ghị{WS}+quyết)|(?<=N)Q){WS}+(?:(?i:của){WS}+)?{PLENUM}"
    f"(?:{WS}*[,{DASH}]?{WS}*\\(?(?i:khóa|khoá){WS}+(?P<term>{ROMAN}|\\d{{1,2}})\\b\\)?)?"
    f"|(?<=N)(?P<short>Q{SP}?TW|QTƯ){SP}*(?P<snum>\\d{{1,2}}[A-Z]?)"
    f"(?:{WS}*[,{DASH}]?{WS}*\\(?(?i:khóa|khoá){WS}+(?P<sterm>{ROMAN}|\\d{{1,2}})\\b\\)?)?)"
)
# A congress resolution: `Nghị quyết Đại hội Đảng bộ Quận 10 lần thứ IX`, `Nghị quyết Đại hội XIII`.
CONGRESS_RE = Alternation.by_case(
    f"[Nn](?<![^\\W_][Nn])(?i:ghị{WS}+quyết){WS}+(?P<body>(?i:Đại{WS}+hội)"
    f"(?:{WS}+(?:(?i:đại{WS}+biểu{WS}+toàn{WS}+quốc)|(?i:Đảng{WS}+bộ)(?:{WS}+{UP}{LETTER}*(?:{WS}+\\d{{1,3}})?){{1,4}}))?)"
    f"(?:{WS}+(?i:lần{WS}+thứ){WS}+(?P<ord>{ROMAN}|{ORDINAL}|\\d{{1,2}})|{WS}+(?P<roman>{ROMAN})(?!{LETTER}))"
)

# Named documents without a number.
NAMED_STOP = (
    "ngày|năm|của|về|do|để|đã|được|theo|tại|trong|nhằm|đối với|hiện hành|sửa đổi|"
    "có hiệu lực|quy định|thì|với|đến|cho|gắn|này|nói trên|"
    # words that start the clause after a name (`Luật Việc làm trên địa bàn`, `Luật Bảo hiểm xã hội là`);
    # no known name has them after its first word
    "là|hoặc|mà|bao gồm|gồm|khi|bằng|nếu|trên|bảo đảm|thuộc|phải|"
    # `và` joins words of a name (`Luật Phí và lệ phí`), not a name and another thing
    "và (?:điều|khoản|khỏan|điểm|chương|nghị|thông|quyết|chỉ|luật|bộ|pháp|các|văn|một|có|bị|hiến|những|được)"
)
# An upper-case title wraps a name onto the next line in capitals (`HƯỚNG DẪN THI HÀNH LUẬT DI SẢN\nVĂN HÓA`);
# a heading there (`CHƯƠNG I`, `PHẦN`) is not part of it.
UPPER_WRAP = f"(?!(?:CHƯƠNG|PHẦN|MỤC|ĐIỀU|PHỤ)(?!{LETTER})){UP}{{2}}"
NAMED_RE = re.compile(
    f"(?=[HĐBLPKQCĐ“\"])(?<!{LETTER})(?:"
    f"(?P<constitution>(?:Hiến{WS}+pháp|HIẾN{WS}+PHÁP)(?:{WS}+(?i:nước{WS}+Cộng{WS}+hòa{WS}+xã{WS}+hội{WS}+chủ{WS}+nghĩa{WS}+Việt{WS}+Nam))?(?:{WS}+(?i:năm){WS}+{YEAR})?)"
    f"|(?P<charter>(?:Điều{WS}+lệ|ĐIỀU{WS}+LỆ){WS}+(?:Đảng|ĐẢNG)(?:{WS}+(?:Cộng{WS}+sản{WS}+Việt{WS}+Nam))?)"
    f"|(?P<law>(?P<law_type>Bộ{WS}+luật|BỘ{WS}+LUẬT|Luật|LUẬT|Pháp{WS}+lệnh|PHÁP{WS}+LỆNH)"
    # A PDF's text layer wraps a name anywhere: after the type word (`Luật\nPhòng, chống ma túy`) or
    # before a word that goes on in lower case (`Luật Tổ chức\nchính quyền địa phương`).
    f"(?:{SP}+|{SP}*\n{SP}*)(?!(?i:sư|pháp|này|nói|trên|hiện|số|và|của)(?!{LETTER}))(?P<law_name>{LETTER}+(?:(?:{SP}+|{SP}*\n{SP}*(?={LO}|{UPPER_WRAP})|{SP}*,(?:{SP}*\n)?{SP}*(?={LO}))(?!(?i:{NAMED_STOP})(?!{LETTER})){LETTER}+|{SP}+và{SP}+(?={UP})(?!Luật|Bộ{SP}luật|Pháp{SP}lệnh|Nghị|Hiến){LETTER}+){{0,12}})"
    f"(?:{SP}+(?:năm{SP}+)?{YEAR}(?!\\d))?)"
    # (a title wrapped onto a second or third line by a PDF's text layer; the type in a title's capitals)
    f"|(?P<titled>(?P<titled_type>Kế{WS}+hoạch|Quy{WS}+định|Quy{WS}+chế|Chương{WS}+trình|Đề{WS}+án|Hướng{WS}+dẫn"
    f"|KẾ{WS}+HOẠCH|CHƯƠNG{WS}+TRÌNH|ĐỀ{WS}+ÁN){SP}*[“\"](?P<title>[^”\"\\n]{{3,160}}(?:\\n[^”\"\\n]{{1,160}}){{0,2}})[”\"])"
    f"|[“\"](?P<quoted>(?P<quoted_type>Quy{WS}+định|Quy{WS}+chế|Điều{WS}+lệ){WS}+(?i:về){WS}[^”\"\\n]{{3,200}})[”\"]"
    f")"
)
# An amending law is named by what it amends: `Luật sửa đổi, bổ sung một số điều của Luật X, Luật Y và Luật Z`,
# `Pháp lệnh sửa đổi, bổ sung Pháp lệnh ...`, `Luật sửa đổi, bổ sung Điều 6 và Phụ lục 4 về ... của Luật Đầu tư`,
# lists in lower case (`của luật chứng khoán, luật kế toán, ...`). The match ends where the first amended law
# starts; LAW_ITEM_RE reads the amended laws one by one from there.
_LAW_WORD_ANY = f"(?:(?i:bộ){WS}+(?i:luật)|(?i:pháp){WS}+(?i:lệnh)|(?i:luật))"
# (Each type word's first letter first, then the look-behind: `re` skips to a B, L or P.)
AMENDING_LAW_RE = re.compile(
    f"(?P<law_type>B(?<!{LETTER}.)(?:ộ{WS}+luật|Ộ{WS}+LUẬT)|L(?<!{LETTER}.)(?:uật|UẬT)"
    f"|P(?<!{LETTER}.)(?:háp{WS}+lệnh|HÁP{WS}+LỆNH)){WS}+"
    f"(?i:sửa{WS}+đổi(?:{WS}*,?{WS}*bổ{WS}+sung)?(?:{WS}*,{WS}*bãi{WS}+bỏ)?)"
    f"(?P<parts>(?:{WS}+(?!{_LAW_WORD_ANY}(?!{LETTER}))[^\\s;:.()“”\"]+){{0,24}}?)"
    f"{WS}+(?:(?i:của|trong){WS}+(?:(?i:các){WS}+)?)?(?={_LAW_WORD_ANY}{WS})"
)
# The rest of a law's name up to its number (`... tại doanh nghiệp số 68/2025/QH15`): up to eight words of a
# name on its clause, none a type's word or a new clause's, then `số`.
LAW_NAME_TAIL_RE = re.compile(
    f"(?P<words>(?:{WS}+(?!(?:Luật|LUẬT|Bộ{WS}+luật|Pháp{WS}+lệnh|Nghị|Quyết|Thông|Căn|và|số|Số|ngày|năm|đã|được)"
    f"(?!{LETTER})){LETTER}+){{1,8}}?)(?P<number>{WS}+(?:số|Số|SỐ){WS}*:?{WS}*)"
)
# One amended law of that list: its name ends before the next law of the list (`, Luật Y`, `và luật y`).
LAW_ITEM_RE = re.compile(
    f"(?P<law_type>{_LAW_WORD_ANY})(?:{SP}+|{SP}*\n{SP}*)"
    f"(?!(?i:sửa|này|nói|trên|hiện|số|và|của|có|được|thì)(?!{LETTER}))"
    f"(?P<law_name>{LETTER}+(?:(?:{SP}+|{SP}*\n{SP}*|{SP}*,{SP}*(?={LO}))"
    f"(?:(?i:pháp){WS}+(?i:luật)(?!{LETTER})|(?!(?:(?i:{NAMED_STOP})|{_LAW_WORD_ANY}|(?i:và){WS}+{_LAW_WORD_ANY})(?!{LETTER})"
    f"|(?i:số){WS}*\\d){LETTER}+)){{0,12}})"
)
# What may follow one amended law before the next: its own number (`Luật Đất đai số 31/2024/QH15, Luật Nhà ở ...`).
_LAW_NUMBER = f"\\d{{1,3}}/{YEAR}/[A-Z{UPPER}\\d{DASH}]+"
LAW_ITEM_NUMBER_RE = re.compile(
    f"{WS}*,?{WS}*(?i:số){WS}*{_LAW_NUMBER}"
    # and what amended it: `Luật Đường sắt số 06/2017/QH14 đã được sửa đổi, bổ sung một số điều theo Luật số 48/2014/QH13`
    f"(?:{WS}+(?:đã{WS}+)?được{WS}+sửa{WS}+đổi[^;.]{{0,40}}?(?:theo|bởi){WS}+Luật{WS}+số{WS}*{_LAW_NUMBER}"
    f"(?:{WS}*(?:,|và){WS}*Luật{WS}+số{WS}*{_LAW_NUMBER})*)?"
)
# The rest of a name a stop word cut short, when the list goes on after it (`luật đầu tư theo phương thức đối
# tác công tư, luật hải quan`): words up to the next law of the list, no date, number or clause between.
LAW_ITEM_MORE_RE = re.compile(
    f"(?:{WS}+(?!(?i:ngày|năm|số|đã|được|có{WS}+hiệu|kể|từ)(?!{LETTER}))[^\\s;:.()“”\"\\d]+){{1,8}}?"
    f"(?={WS}*,{WS}*(?:(?i:và){WS}+)?{_LAW_WORD_ANY}{WS}|{WS}+(?i:và){WS}+{_LAW_WORD_ANY}{WS})"
)
LAW_ITEM_SEP_RE = re.compile(f"{WS}*,{WS}*(?:(?i:và){WS}+)?|{WS}+(?i:và){WS}+")
# A verb or preposition that takes a named document as its object: a repeat after it is a citation again.
NAMED_OBJECT_BEFORE_RE = re.compile(
    f"(?i:của|thi{WS}+hành|thực{WS}+hiện|triển{WS}+khai|hướng{WS}+dẫn|quy{WS}+định{WS}+chi{WS}+tiết|theo|tại|"
    f"sửa{WS}+đổi|bổ{WS}+sung|căn{WS}+cứ){WS}*$"
)
# `Quy chế làm việc của ...` as a basis (only counted inside a `Căn cứ` clause).
RULES_RE = re.compile(
    f"(?P<rules>Q(?<!\\w.)uy{WS}+chế{WS}+làm{WS}+việc{WS}+của{WS}+[^;.\\n]{{3,120}}?)(?={WS}*(?:[;.]|$)|{WS}*\\n)"
)

# Relation cues.
BASIS_LINE_RE = LinePattern(f"^{SP}*(?:[-–+•*]{SP}*)?(?i:căn{WS}+cứ)(?!{LETTER})", re.M)
# A purpose statement opens a paragraph with a capital (`Thực hiện ...`, `Để tiếp tục thực hiện ...`,
# `Nhằm thực hiện ...`): a wrapped line that happens to start with `thi hành` continues a sentence.
# (OCR of a scan may read a speck before it as a quote: `“Triển khai Nghị quyết số 25 ...`, and below 300 dpi
# the hook above as an acute: `Triến khai`, seed 004 at 175 and 200 dpi.)
PURPOSE_LINE_RE = LinePattern(
    f"^{SP}*(?:[-–+•*]{SP}*)?(?:[“\"‘'`]{SP}*)?(?:\\*\\*)?(?=[TĐQCN])(?i:thực{WS}+hiện|tri[ểế]n{WS}+khai|thi{WS}+hành|"
    f"(?:để|nhằm){WS}+(?:tiếp{WS}+tục{WS}+)?(?:tri[ểế]n{WS}+khai|thực{WS}+hiện|cụ{WS}+thể{WS}+hó?a|cụ{WS}+thể{WS}+hoá|thể{WS}+chế{WS}+hóa)|"
    f"quán{WS}+triệt|cụ{WS}+thể{WS}+hóa|cụ{WS}+thể{WS}+hoá)(?!{LETTER})",
    re.M,
)
# The enacting articles of a decision, decree or circular.
# The first chapter's heading, right before `Điều 1`: its title is the articles' (`Chương I / SỬA ĐỔI, BỔ SUNG
# MỘT SỐ ĐIỀU CỦA NGHỊ QUYẾT SỐ 11/2022/NQ-HĐND`), not the preamble's.
CHAPTER_ONE_RE = LinePattern(f"^{SP}*(?:\\*\\*)?(?:Chương|CHƯƠNG){SP}+(?:I|1|MỘT|Một)(?![\\w.])", re.M)
# An annex's title line, which heads its rows: `DANH MỤC VĂN BẢN QUY PHẠM PHÁP LUẬT BÃI BỎ TOÀN BỘ`.
ANNEX_TITLE_RE = LinePattern(
    f"^[ \\t*]*(?:DANH{SP}+MỤC|Danh{SP}+mục){SP}+(?:CÁC{SP}+|các{SP}+)?(?:VĂN{SP}+BẢN|văn{SP}+bản|THÔNG{SP}+TƯ|Thông{SP}+tư|"
    f"NGHỊ{SP}+ĐỊNH|Nghị{SP}+định|QUYẾT{SP}+ĐỊNH|Quyết{SP}+định|NGHỊ{SP}+QUYẾT|Nghị{SP}+quyết)(?!{LETTER})[^\\n]*", re.M)
ARTICLE_RE = LinePattern(f"^{SP}*(?:\\*\\*)?(?:Điều|ĐIỀU)(?:{SP}+|{SP}*\\n{SP}*)1{SP}*[.:]", re.M)  # a portal may wrap `**Điều` / `1.`
# Footnotes: `[1] Thông tư số ...` (a web page's notes of a consolidated text) and a printed gazette's
# `1 Nghị quyết số 66-NQ/TW ngày ...` (a number, then a citation with its number on the same line).
WEB_FOOTNOTE_RE = LinePattern(f"^{SP}*\\[\\d{{1,3}}\\]{SP}*(?={LETTER})", re.M)
# A consolidated text's notes say which act changed a part: `29 Điều này được sửa đổi, bổ sung theo quy định
# tại khoản 7 Điều 1 của Luật số 46/2014/QH13`, `42 Cụm từ “...” được sửa đổi theo ...`.
# A consolidated text's note on an amending act ends with `..., có căn cứ ban hành như sau:` and quotes that
# act's preamble on the lines after it (`“Căn cứ Luật ...;` / `Căn cứ ...;` / `Theo đề nghị ...;`).
QUOTED_PREAMBLE_CUE_RE = Alternation.by_case(f"[Cc](?i:ăn{WS}+cứ{WS}+ban{WS}+hành{WS}+như{WS}+sau){WS}*:{SP}*\r?$", re.M)
QUOTED_PREAMBLE_LINE_RE = re.compile(
    f"(?P<quote>[“\"]{SP}*)?(?:Căn{SP}+cứ|Theo{SP}+đề{SP}+nghị|Xét{SP}+đề{SP}+nghị|Luật|Bộ{SP}+luật|Pháp{SP}+lệnh"
    f"|Nghị{SP}+định|Nghị{SP}+quyết|Thông{SP}+tư|Quyết{SP}+định)(?!{LETTER})"
)
# The enacting formula that ends a preamble: `Chính phủ ban hành Nghị định ...`, `Bộ trưởng Bộ ... ban hành Thông tư`,
# `Quốc hội ban hành Luật ...` (its subject a capitalized body, the verb within the line).
ENACTING_FORMULA_RE = re.compile(f"{UP}[^\n.;:]{{0,120}}?{WS}ban{WS}+hành{WS}+(?:{UP}|{LO})")
# (a consolidated text's note listing the acts it joins numbers them: `1 (i) Thông tư số 04/2018/TT-BLĐTBXH ...`)
PRINT_FOOTNOTE_RE = LinePattern(
    f"^{SP}*\\d{{1,3}}{SP}{{1,2}}(?:\\((?:i{{1,3}}|iv|vi{{0,3}}|ix|x){SP}*\\){SP}*)?(?=(?:Nghị{SP}+quyết|Nghị{SP}+định|Quyết{SP}+định|Thông{SP}+tư|Chỉ{SP}+thị|Kết{SP}+luận|"
    f"Chương{SP}+trình|Kế{SP}+hoạch|Luật|Công{SP}+văn|Thông{SP}+báo){SP}+(?:liên{SP}+tịch{SP}+)?số{SP}*\\d"
    f"|(?:Điều|Khoản|Điểm|Mục|Chương|Phụ{SP}+lục|Mẫu|Cụm{SP}+từ|Tên|Nội{SP}+dung)(?!{LETTER})[^\\n]{{0,120}}?"
    f"(?:được|bị){SP}+(?:sửa{SP}+đổi|bổ{SP}+sung|bãi{SP}+bỏ|thay{SP}+thế|hủy{SP}+bỏ|huỷ{SP}+bỏ|ban{SP}+hành)"
    # (a consolidated text's note on its final articles: `13 Các điều 2, 3 của Thông tư số 69/2023/TT-BTC ...`)
    f"|(?:Các{SP}+điều|Điều)(?!{LETTER})[^\\n]{{0,60}}?{SP}(?:của{SP}+)?(?:Luật|Nghị{SP}+định|Nghị{SP}+quyết|Quyết{SP}+định|"
    f"Thông{SP}+tư)(?:{SP}+liên{SP}+tịch)?{SP}+số{SP}*\\d)", re.M)
# A table's column headed `Căn cứ` (alone on its line, as a PDF's text layer gives a header cell).
BASIS_COLUMN_RE = LinePattern(f"^{SP}*\\|?{SP}*(?:Căn{SP}+cứ|CĂN{SP}+CỨ){SP}*\\|?{SP}*$", re.M)
# A clause of the preamble that reports a consultation, not a ground: after `;` on a basis line.
CONSULT_OPEN_RE = re.compile(
    f"[\\s*_]*(?i:sau{WS}+khi|xét|theo{WS}+đề{WS}+nghị|được{WS}+sự{WS}+đồng{WS}+ý|trên{WS}+cơ{WS}+sở{WS}+ý{WS}+kiến)(?!{LETTER})"
)
# (and the reports a Standing Committee resolution weighs: `Trên cơ sở xem xét Báo cáo kết quả giám sát số 120/BC-ĐGS`)
CONSIDER_LINE_RE = LinePattern(
    f"^{SP}*(?:[-–+•*]{SP}*)?(?i:xét|theo{WS}+đề{WS}+nghị|(?:trên{WS}+cơ{WS}+sở|sau{WS}+khi){WS}+xem{WS}+xét)(?!{LETTER})", re.M)
# A verb that makes the next cited document the object of the previous one's subject:
# `Kết luận số 43 ... về tiếp tục thực hiện Nghị quyết số 25` (a chain 43 -> 25).
# The parts of a document a verb may act on before the document itself: `Điều 3, Điều 4`, `khoản 2 và 4
# Điều 11`, `một số điều của`, `một số nội dung quy định tại Điều 10, Điều 21`.
# Articles, clauses and points: `tại khoản 44 Điều 1`, `Điều 5, khoản 2 Điều 7`.
# An annex or list the act came with: `tại Phụ lục kèm theo Quyết định số`, `khoản 3 Mục 1 Phụ lục VIII ban hành kèm theo`.
CAME_WITH = f"(?:{WS}+(?i:được{WS}+)?(?i:ban{WS}+hành{WS}+)?(?i:kèm{WS}+theo))"
ARTICLE_PARTS = (
    f"(?:{WS}+(?i:quy{WS}+định{WS}+)?(?i:tại{WS}+)?(?:(?i:Điều|khoản|điểm|mục|chương|phụ{WS}+lục){WS}+[\\w.]+"
    f"(?:{WS}*(?:,|và){WS}*(?:(?i:Điều|khoản|điểm|mục|chương|phụ{WS}+lục){WS}+)?[\\w.]+)*){CAME_WITH}?)*"
)
PARTS = (
    f"(?:{WS}+(?i:toàn{WS}+bộ|một{WS}+phần|một{WS}+số{WS}+nội{WS}+dung|nội{WS}+dung|"
    f"một{WS}+số{WS}+điều(?:{WS}*,{WS}*khoản(?:{WS}*,{WS}*điểm)?)?|"
    f"các{WS}+điều|quy{WS}+định|số{WS}+thứ{WS}+tự{WS}+\\d+(?:{WS}*,{WS}*\\d+)*"
    # administrative procedures of a list an act published: `Bãi bỏ: 03 thủ tục hành chính tại số thứ tự 107, 108
    # trong phần A1 tại Quyết định ...`
    f"|\\d{{1,3}}{WS}+thủ{WS}+tục{WS}+hành{WS}+chính(?:[^.;:]{{0,200}}?{WS}(?:được{WS}+)?(?:ban{WS}+hành{WS}+)?(?:kèm{WS}+theo|tại)(?={WS}*$))?"
    f"|(?:tại|trong)(?={WS}+(?i:số{WS}+thứ|phần|phụ{WS}+lục|mục|danh{WS}+mục))"
    f"|phần{WS}+[A-Z\\d][\\w.]*|(?:phụ{WS}+lục|danh{WS}+mục){CAME_WITH}?)|{WS}*:)*"
    f"{ARTICLE_PARTS}"
    f"(?:{WS}+(?i:của|tại|trong))?"
    # the rules a document issued with it: `sửa đổi, bổ sung một số điều của Quy định kèm theo Nghị quyết số ...`,
    # their title between (`... của Quy định các chính sách hỗ trợ giảm nghèo ... ban hành kèm theo Nghị quyết số`)
    f"(?:{WS}+(?i:quy{WS}+định|quy{WS}+chế|điều{WS}+lệ)(?:(?:{WS}+(?i:ban{WS}+hành))?{WS}+(?i:kèm{WS}+theo)"
    f"|{WS}[^.;:]{{0,200}}?{WS}(?i:ban{WS}+hành)(?:{WS}+(?i:kèm))?{WS}+(?i:theo)))?"
)
IMPLEMENT_CUE_RE = re.compile(
    f"(?i:(?:(?:về|v/v){WS}+)?(?:việc{WS}+)?(?:tiếp{WS}+tục{WS}+|tổ{WS}+chức{WS}+|tổng{WS}+kết{WS}+(?:việc{WS}+)?)?"
    f"(?:thực{WS}+hiện|triển{WS}+khai(?:{WS}+thực{WS}+hiện|{WS}+thi{WS}+hành)?|cụ{WS}+thể{WS}+hóa|cụ{WS}+thể{WS}+hoá|thi{WS}+hành|"
    f"hướng{WS}+dẫn(?:{WS}+thi{WS}+hành|{WS}+thực{WS}+hiện)?|quán{WS}+triệt|"
    f"quy{WS}+định{WS}+chi{WS}+tiết(?:{WS}*(?:,|và)?{WS}*hướng{WS}+dẫn(?:{WS}+thi{WS}+hành|{WS}+thực{WS}+hiện)?)?))"
    f"(?:{WS}+(?:(?i:có{WS}+hiệu{WS}+quả|nghiêm{WS}+túc|tốt)))?{PARTS}{WS}*$"
)
AMEND_CUE_RE = re.compile(
    # (`bổ sung` after a passive `được sửa đổi, ` is that passive's)
    f"(?<!được{SP})(?i:sửa{WS}+đổi(?:{WS}*,?{WS}*bổ{WS}+sung)?|(?<!đổi,{SP})(?<!đổi{SP})bổ{WS}+sung"
    # a correction changes the text it corrects: `Đính chính lỗi kỹ thuật tại Thông tư số 138/2025/TT-BTC`
    f"|đính{WS}+chính(?:{WS}+(?:lỗi{WS}+kỹ{WS}+thuật|sai{WS}+sót|lỗi))?(?:{WS}+(?:tại|của))?)"
    f"(?:{WS}*,{WS}*(?i:bãi{WS}+bỏ))?{PARTS}"
    # parts changed and parts repealed: `Sửa đổi Danh mục số thứ tự 1594, 1595 và bãi bỏ danh mục số thứ tự 1646 tại
    # Phụ lục kèm theo Quyết định số`
    f"(?:{WS}+và{WS}+(?i:bãi{WS}+bỏ|thay{WS}+thế){PARTS})?{WS}*$"
)
# In a cited document's description, an amendment whose object is named before the document it belongs
# to: `Quyết định số 06/2020/QĐ-UBND ... bổ sung tiêu chuẩn, định mức ... quy định tại Quyết định 09/2019/QĐ-UBND`.
AMEND_FAR_RE = re.compile(
    f"(?<!được{SP})(?i:sửa{WS}+đổi|bổ{WS}+sung)(?!{LETTER})[^;.:]{{0,160}}?(?i:quy{WS}+định{WS}+tại|ban{WS}+hành{WS}+kèm{WS}+theo){WS}*$"
)
# `X được sửa đổi, bổ sung bởi Luật số Y`: Y amends X (the chain runs the other way).
PASSIVE_AMEND_RE = re.compile(
    f"(?i:(?:đã{WS}+)?được{WS}+(?:sửa{WS}+đổi(?:{WS}*,?{WS}*bổ{WS}+sung)?|bổ{WS}+sung)(?:{WS}+một{WS}+số{WS}+điều)?"
    # (`bởi` is sometimes left out: `số 64/2025/QH15 được sửa đổi, bổ sung Luật số 87/2025/QH15`)
    # (`đã được sửa đổi, bổ sung theo quy định tại Thông tư số 22/2019/TT-BTC`)
    f"(?:{WS}+(?:bởi|tại|theo(?:{WS}+quy{WS}+định{WS}+tại)?)(?:{WS}+(?:các{WS}+văn{WS}+bản|các))?)?)"
    # (the amending act's part first: `được sửa đổi, bổ sung tại khoản 44 Điều 1 Thông tư số 39/2018/TT-BTC`)
    f"{ARTICLE_PARTS}(?:{WS}+(?i:của))?"
    f"(?:{WS}*:)?(?:{WS}+(?i:Luật|Nghị{WS}+định|Quyết{WS}+định|Thông{WS}+tư|Nghị{WS}+quyết))?{WS}*:?{WS}*$"
)
# What follows an amending act's citation, its own description: `Thông tư số 139/2025/TT-BTC sửa đổi, bổ sung ...`.
AMENDING_AFTER_RE = re.compile(f"{WS}*(?i:sửa{WS}+đổi|bổ{WS}+sung|thay{WS}+thế|bãi{WS}+bỏ)(?!{LETTER})")
# (a suspension is read as a repeal for as long as it lasts, as the gold has it: `tạm ngưng hiệu lực thi hành Nghị định
# số 46/2026/NĐ-CP`)
REPLACE_CUE_RE = re.compile(
    f"(?i:thay{WS}+thế|bãi{WS}+bỏ|hủy{WS}+bỏ|huỷ{WS}+bỏ|(?:tạm{WS}+)?(?:ngưng|dừng){WS}+hiệu{WS}+lực(?:{WS}+thi{WS}+hành)?)"
    # (`... và thay thế các Quyết định số 25/2005/QĐ-UB ...; Quyết định số 32/2005/QĐ-UB ...`)
    f"(?:{WS}+(?i:các))?{PARTS}{WS}*$")
# Replacing or repealing a document's form or annex, or words of it (`Thay thế, bãi bỏ một số từ, cụm từ của Quy
# định kèm theo Nghị quyết số ...`), changes that document: an amendment.
FORM_REPLACED_RE = re.compile(
    f"(?i:thay{WS}+thế|bãi{WS}+bỏ)(?:{WS}*,?{WS}*(?i:bãi{WS}+bỏ))?(?:{WS}+(?i:các|một{WS}+số))?"
    f"{WS}+(?i:mẫu|biểu{WS}+mẫu|biểu|bảng|phụ{WS}+lục|cụm{WS}+từ|từ)(?!{LETTER})"
    f"(?:{WS}+(?i:số))?"
    f"[^.;:\n]{{0,60}}?{WS}+(?i:ban{WS}+hành{WS}+kèm{WS}+theo|kèm{WS}+theo|của|tại){WS}*$"
)
# ... or words of it quoted, then where: `Sửa đổi cụm từ “500 triệu đồng” thành “01 tỷ đồng” tại Điều 3, Điều 4 ...
# Nghị định số` (searched only in a clause that quotes).
WORDS_REPLACED_RE = re.compile(
    f"(?i:sửa{WS}+đổi|thay{WS}+thế|bãi{WS}+bỏ)(?:{WS}+(?i:các|một{WS}+số))?{WS}+(?i:cụm{WS}+từ|từ){WS}*“[^”]{{0,300}}”"
    f"(?:{WS}+(?i:thành|bằng)(?:{WS}+(?i:cụm{WS}+từ|từ))?{WS}*“[^”]{{0,300}}”)?{ARTICLE_PARTS}(?:{WS}+(?i:của|tại))?{WS}*$"
)
# A repeal stated after its object: `Thông tư liên tịch số 29/2014/... hết hiệu lực kể từ ngày ...`.
REPEALED_AFTER_RE = re.compile(
    f"(?<!có{SP})(?i:hết{WS}+hiệu{WS}+lực|không{WS}+còn{WS}+hiệu{WS}+lực|bị{WS}+bãi{WS}+bỏ|được{WS}+thay{WS}+thế|bị{WS}+thay{WS}+thế)"
    f"(?:{WS}+(?i:thi{WS}+hành|toàn{WS}+bộ))?"
    # the predicate, not a word of the subject (`công bố thủ tục hành chính ... bị bãi bỏ lĩnh vực ...`)
    f"(?={WS}*(?:[.;,]|$)|{WS}+(?i:kể{WS}+từ|từ|khi|bởi|theo|tại|và))"
)
# The verb of a list head (`Điều 1. Bãi bỏ toàn bộ 15 văn bản`, `Các Quyết định sau hết hiệu lực ...:`),
# which acts on the items under it.
REPEAL_HEAD_RE = re.compile(
    f"(?i:bãi{WS}+bỏ|thay{WS}+thế|hủy{WS}+bỏ|huỷ{WS}+bỏ|hết{WS}+hiệu{WS}+lực|không{WS}+còn{WS}+hiệu{WS}+lực"
    f"|(?:tạm{WS}+)?(?:ngưng|dừng){WS}+hiệu{WS}+lực)"
)
# A date the citation only marks: `kể từ ngày Nghị định số 255/2025/NĐ-CP có hiệu lực thi hành`.
TIME_BEFORE_RE = re.compile(f"(?i:(?:kể{WS}+)?từ{WS}+ngày|đến{WS}+ngày|trước{WS}+ngày|sau{WS}+ngày|\\({WS}*ngày"
                            # (`cơ sở được đưa vào sử dụng trước khi Luật Phòng cháy và chữa cháy số 27/2001/QH10 có hiệu lực`)
                            f"|trước{WS}+khi|(?:kể{WS}+)?từ{WS}+khi|cho{WS}+đến{WS}+khi|đến{WS}+khi){WS}*$")
TIME_AFTER_RE = re.compile(f"{WS}*(?i:có{WS}+hiệu{WS}+lực|được{WS}+ban{WS}+hành)")
# History, what was done before: `Thủ tướng Chính phủ đã ban hành Công điện số 158/CĐ-TTg`,
# `được UBND Thành phố phê duyệt tại Quyết định số 1229/QĐ-UBND`.
REPORT_BEFORE_RE = re.compile(
    # (and a letter answered: `Cục Thuế nhận được công văn số 291/STSG-HC ...`, `Trả lời Công văn số 577/CT-THNVDT`)
    # (and a follow-up's earlier ones: `Tiếp theo các Công điện số 217/CĐ-TTg, ...`)
    f"(?i:(?:đã{WS}+)?nhận{WS}+được(?:{WS}+(?:các|những))?|trả{WS}+lời|phúc{WS}+đáp|tiếp{WS}+theo(?:{WS}+(?:các|những))?"
    f"|(?:đã|vừa){WS}+(?:(?:ký{WS}+)?ban{WS}+hành|ký|có|phê{WS}+duyệt)(?:{WS}+(?:các|nhiều))?"
    # (what a plan already holds: `DA đã có trong QĐ số 270/QĐ-TTg ngày 02/4/2024`, an annex's note)
    f"|đã{WS}+có{WS}+(?:trong|tại)"
    # (`Sau khi Thủ tướng Chính phủ ban hành Chỉ thị số 13/CT-TTg ..., công tác ... có chuyển biến`)
    f"|sau{WS}+khi{WS}+[^.;:\\n]{{0,60}}?{WS}(?:ký{WS}+)?ban{WS}+hành"
    f"|được{WS}+[^.;:\\n]{{0,60}}?(?:phê{WS}+duyệt|ban{WS}+hành){WS}+(?:tại|theo|bằng))"
    # (a letter called `văn bản`, which is no type word: `Cục Thuế nhận được văn\nbản số 20251022/...`; a type
    # abbreviated, `DA đã có trong QĐ số 270/QĐ-TTg`)
    f"(?:{WS}+(?:(?i:văn{WS}+bản)|QĐ|NQ|NĐ|TT|CT|KH|TB)(?:{WS}+(?i:số))?)?{WS}*$"
)
SELF_SUBJECT_RE = re.compile(
    f"(?i:(?:Nghị{WS}+định|Quyết{WS}+định|Thông{WS}+tư|Chỉ{WS}+thị|Quy{WS}+định|Nghị{WS}+quyết|Kế{WS}+hoạch){WS}+này){WS}+$"
)
# Words that make a title (or an annex's title) amend or repeal what it names rather than carry it out.
# (`Phạm vi điều chỉnh`, an article's heading, is the scope, not an adjustment)
TITLE_AMEND_RE = re.compile(f"(?i:sửa{WS}+đổi|(?<!dẫn{SP})(?<!DẪN{SP})bổ{WS}+sung|(?<!vi{SP})(?<!VI{SP})điều{WS}+chỉnh|bãi{WS}+bỏ|thay{WS}+thế)")
# A plan named as carrying out a document: `Kế hoạch của Chính phủ thực hiện Kết luận số ...`,
# `Chương trình hành động của Chính phủ triển khai Chỉ thị số ...`, `Thông tư này hướng dẫn thực hiện ...`.
PLAN_NAME_RE = re.compile(
    f"(?P<plural>(?i:các|những){WS}+)?(?P<type>(?i:Kế{WS}+hoạch|Chương{WS}+trình(?:{WS}+hành{WS}+động)?|Đề{WS}+án|Phương{WS}+án|"
    f"Hướng{WS}+dẫn|Thông{WS}+tư|Nghị{WS}+định|Nghị{WS}+quyết|Quyết{WS}+định|Chỉ{WS}+thị))(?!{LETTER})"
    f"(?:{WS}+(?i:hành{WS}+động))?"
    f"(?:{WS}+(?P<self>(?i:này))|{WS}+(?i:của){WS}+[^,.;:()“”\"]{{2,60}}?)?"
    f"(?:{WS}+(?i:về|nhằm)[^.;:()]{{0,60}}?)?"
    f"{WS}+(?:(?i:(?:tổ{WS}+chức{WS}+)?thực{WS}+hiện|triển{WS}+khai(?:{WS}+thực{WS}+hiện|{WS}+thi{WS}+hành)?|thi{WS}+hành|"
    f"hướng{WS}+dẫn(?:{WS}+thực{WS}+hiện|{WS}+thi{WS}+hành)?|cụ{WS}+thể{WS}+hóa|"
    f"quy{WS}+định{WS}+chi{WS}+tiết(?:{WS}*(?:,|và)?{WS}*hướng{WS}+dẫn(?:{WS}+thi{WS}+hành|{WS}+thực{WS}+hiện)?)?){PARTS}"
    # (a guide names what it carries out before where that is set: `Nghị định hướng dẫn thực hiện cơ chế, chính sách đặc
    # thù ... quy định tại Nghị quyết số 29/2026/QH16`; not `... thực hiện theo quy định tại ...`, done as it says)
    f"|(?i:hướng{WS}+dẫn(?:{WS}+thực{WS}+hiện|{WS}+thi{WS}+hành)?|quy{WS}+định{WS}+chi{WS}+tiết|cụ{WS}+thể{WS}+hóa)"
    f"{WS}(?!(?i:theo|như|trừ){WS})[^.;:]{{0,200}}?(?<!(?i:theo)){WS}(?i:quy{WS}+định{WS}+tại|biện{WS}+pháp{WS}+thi{WS}+hành)"
    f"{PARTS}){WS}*$"
)
# The enacting formula: `Bộ trưởng Bộ Tài chính ban hành Thông tư sửa đổi, bổ sung một số điều của ...`.
ISSUES_SELF_RE = re.compile(
    f"(?i:ban{WS}+hành){WS}+(?P<type>(?i:Thông{WS}+tư|Nghị{WS}+định|Quyết{WS}+định|Nghị{WS}+quyết|Chỉ{WS}+thị))(?!{LETTER})"
)
# What a document issues: `ban hành Kế hoạch ...`, `Ban hành kèm theo Nghị quyết này Chương trình hành động ...`.
ISSUES_RE = re.compile(
    f"(?i:ban{WS}+hành)(?:{WS}+(?i:kèm{WS}+theo){WS}+[^.;:\\n]{{2,30}}?{WS}+(?i:này))?{WS}+"
    f"(?P<type>(?i:Kế{WS}+hoạch|Chương{WS}+trình(?:{WS}+hành{WS}+động)?|Đề{WS}+án|Phương{WS}+án|Hướng{WS}+dẫn|Quy{WS}+chế|Quy{WS}+định))(?!{LETTER})"
)
# A verb anywhere in a gap that makes what follows it the object of the reference before: `Quyết định số
# 02/2007/QĐ-BTS về việc ban hành Chương trình ... thực hiện Nghị quyết Đại hội X, Nghị quyết số 25/2006/NQ-CP`.
CHAIN_CUE_ANY_RE = re.compile(
    f"(?i:thực{WS}+hiện|triển{WS}+khai|sửa{WS}+đổi|thay{WS}+thế|bãi{WS}+bỏ|hướng{WS}+dẫn{WS}+(?:thi{WS}+hành|thực{WS}+hiện)|"
    f"quy{WS}+định{WS}+chi{WS}+tiết|cụ{WS}+thể{WS}+hóa)(?!{LETTER})"
)
# Coordination: `A ... và Nghị định số B`, `A, B` (B shares A's role), `theo quy định tại Điều 54 của Luật A và các
# Điều 2, 3, 4 của Nghị quyết số B`, `... và tại Chương I của Nghị quyết số B`.
COORD_RE = re.compile(
    f"(?:^|[,;]|{WS}(?i:và|hoặc|cùng{WS}+với|với)){WS}*"
    f"(?:(?:(?i:tại|các){WS}+){{0,2}}(?i:Điều|Khoản|Điểm|Mục|Chương){WS}+[\\w.]+(?:{WS}*(?:,|và){WS}*[\\w.]+)*{WS}+(?:(?i:của){WS}+)?)?"
    f"(?:(?i:số){WS}*)?$"  # `các Luật số 43/2024/QH15, số 47/2024/QH15`: the list repeats only `số`
)

# Own metadata.
# The number may stand on the line after `Số:` (a web page's table cell wrapped).
# (OCR of a scan may put a stray quote or speck before it: `'Số: 2510 /TB-QL`, `__ Số: 754-CT/ĐU`, or a few
# marks of a seal's or the margin's ink set apart by a space: `=) Số: 115 /CV-PA83`, real scan; never a dash.)
# (`Nghị quyết số: 17/2022/UBTVQH15`: the type written before `số`, with the colon of a header's field)
NUMBER_LINE_TYPE = ("(?i:nghị{SP}+quyết|quyết{SP}+định|nghị{SP}+định|thông{SP}+tư|chỉ{SP}+thị|kế{SP}+hoạch|thông{SP}+báo|"
                    "công{SP}+văn|hướng{SP}+dẫn|kết{SP}+luận|quy{SP}+định|báo{SP}+cáo|tờ{SP}+trình)").format(SP=SP)
# A portal flattens the header's left column into one line: its body, the rule under it and the number
# (`CHÍNH PHỦ_______ Số: 172/2025/NĐ-CP |`, the rule blanked by windows.prepare_text): a rule of 3 or more
# strokes, or 3 spaces after a capital, starts the number line too.
OWN_NUMBER_LINE_RE = re.compile(f"(?:^|\\||[_\\-–—]{{3}}|(?<={UP})[ \\t]{{3}})[ \\t*'\"`‘’“”.,_~]*(?:[^\\w\\s\\-–—]{{1,3}}[ \\t]+)?(?:{NUMBER_LINE_TYPE}{SP}+(?:số|Số|SỐ){SP}*:|(?:Số|SỐ|số)(?:{SP}*(?:hiệu|ký{SP}hiệu))?{SP}*:?){SP}*(?:\\n{SP}*)?(?=\\d)", re.M)
STAMP_RE = re.compile(f"(?i:công{WS}+văn{WS}+(?:đến|bản))|(?m:^{SP}*ĐẾN{SP}*$)")
WEEKDAYS = f"(?i:thứ{WS}+(?:hai|ba|tư|năm|sáu|bảy|\\d)|chủ{WS}+nhật|hôm{WS}+nay|cập{WS}+nhật|ngày{WS}+đăng)"
# OCR of a scan adds a stray quote before the place (`" Trà Vinh, ngày 19 tháng 3 năm 2020`) and reads the
# comma as a period or semicolon (`Bắc Ninh. ngày 27 tháng 9 năm 2021`, `Trà Vinh; ngày 19 tháng 3 năm 2020`).
_PLACE_DATE_BODY = (
    # (up to 5 spaces between its words: a word a portal's bold cut is rejoined with the marks' places after it,
    # `Thành ph**ố Hồ Chí Minh` -> `Thành phố   Hồ Chí Minh`)
    f"[ \\t]*(?:[\"'“”‘’`][ \\t]*)?(?P<place>{UP}{LETTER}*\\.?(?:{WS}{{1,5}}(?:{UP}{LETTER}*|phố|xã|trấn)){{0,5}}){SP}*[,.;]{WS}*"
    f"(?i:ngày){WS}*(?:(?P<d>\\d{{1,2}})|[ .…_?]*){WS}*(?i:tháng){WS}*(?:(?P<m>\\d{{1,2}}|0[ \\t]\\d)|[ .…_?]*){WS}*(?i:năm){WS}+(?P<y>{YEAR})"
)
PLACE_DATE_RE = re.compile(f"(?:^|\\||(?<={SP}{SP})){_PLACE_DATE_BODY}", re.M)
# A unit written in words after the own symbol's code on its number line, part of the symbol as printed
# (`Số: 2510 /TB-QL Đào tạo    Hà Nội, ngày 08 tháng 10 năm 2025`: Phòng Quản lý Đào tạo, real scan): a capital
# then lower-case words, up to the end of the line or the place-date; never a place's generic word
# (`Số: 15/QĐ-UBND Thành phố Hồ Chí Minh, ngày ...`).
OWN_SYMBOL_UNIT_RE = re.compile(
    f"{SP}(?P<unit>(?!(?i:thành{SP}phố|thị{SP}xã|thị{SP}trấn|huyện|tỉnh|quận|xã|phường|ngày)(?!{LETTER}))"
    f"{UP}{LO}+(?:{SP}{LO}+){{1,3}})(?={SP}*$|{SP}{_PLACE_DATE_BODY})", re.M
)
# The two columns of a scanned header read as one line: the place-date right after the own number
# (`Số: 209 /QĐ-UBND Quảng Ngãi, ngày 18 tháng 02 năm 2025`).
# There OCR may also lose the place's comma (`Số: 1906 /SGDĐT-CTrTT Đà vàn ngày 26tháng 7 năm 2020`): the line
# itself says it is the header's.
PLACE_DATE_AFTER_NUMBER_RE = re.compile(
    f"^[^\\w\\n]{{0,3}}(?:Số|SỐ)[^\\n]{{0,40}}?\\S(?={SP})" + _PLACE_DATE_BODY.replace(f"{SP}*[,.;]{WS}*", f"{SP}*[,.;]?{WS}*", 1), re.M
)
# OCR may also misread the place's second word there as lower case (`Số: 1906 /§GDĐT-CTrTT Đà vàn ngày 26tháng 7
# năm 2020`, real scan): tried only when the form above finds nothing, it gives the date (the place as read is
# no place's name).
PLACE_DATE_AFTER_NUMBER_LOOSE_RE = re.compile(
    f"^[^\\w\\n]{{0,3}}(?:Số|SỐ)[^\\n]{{0,40}}?\\S(?={SP})"
    + _PLACE_DATE_BODY.replace(f"{SP}*[,.;]{WS}*", f"{SP}*[,.;]?{WS}*", 1).replace(
        f"(?P<place>{UP}{LETTER}*\\.?(?:{WS}{{1,5}}(?:{UP}{LETTER}*|phố|xã|trấn)){{0,5}})",
        f"(?P<place>{UP}{LETTER}*(?:{SP}{LETTER}+){{0,3}})", 1), re.M
)
# The enacting formula names the issuer as the subject: `Chính phủ ban hành Nghị định ...`, `Quốc hội ban hành
# Luật ...`, `Bộ trưởng Bộ Tài chính ban hành Thông tư ...`, `Thống đốc Ngân hàng Nhà nước Việt Nam ban hành ...`.
ENACTING_RE = re.compile(
    f"(?m)^[ \t*_|>]*(?P<subj>Chính{WS}+phủ|Quốc{WS}+hội|Ủy{WS}+ban{WS}+Thường{WS}+vụ{WS}+Quốc{WS}+hội|"
    f"Thủ{WS}+tướng{WS}+Chính{WS}+phủ|Tổng{WS}+Kiểm{WS}+toán{WS}+nhà{WS}+nước|"
    f"(?:Bộ{WS}+trưởng|Thống{WS}+đốc|Chánh{WS}+án|Viện{WS}+trưởng|Tổng{WS}+Thanh{WS}+tra|Chủ{WS}+nhiệm){WS}+{UP}[^,.;:\n]{{2,80}}?)"
    f"{WS}+ban{WS}+hành{WS}+(?:Nghị{WS}+định|Bộ{WS}+luật|Luật|Pháp{WS}+lệnh|Thông{WS}+tư|Nghị{WS}+quyết|Quyết{WS}+định|"
    f"Chỉ{WS}+thị)(?!{LETTER})"
)
# A collective body signs through its head: `TM. CHÍNH PHỦ`, `T/M BAN THƯỜNG VỤ`, `TM. ỦY BAN NHÂN DÂN`.
SIGNED_FOR_RE = re.compile(f"(?m)^[ \t*_|]*(?:TM\\.|T/M|THAY{SP}+MẶT){SP}*(?P<body>{UP}[{UPPER} ]{{3,60}}?)[ \t*_|]*$")
SIGN_CUE_RE = Alternation(LinePattern(
    r"^\W*(?:T/M|TM\.|K/T|KT\.|T/L|TL\.|TUQ\.|Q\.|THAY MẶT|BÍ THƯ|PHÓ BÍ THƯ|CHỦ TỊCH|PHÓ CHỦ TỊCH|"
    r"TRƯỞNG BAN|PHÓ TRƯỞNG BAN|THỦ TƯỚNG|BỘ TRƯỞNG|GIÁM ĐỐC|CHÁNH VĂN PHÒNG|TỔNG BÍ THƯ|Nơi nhận|"
    r"XÁC THỰC VĂN BẢN HỢP NHẤT|XÁC NHẬN VĂN BẢN HỢP NHẤT)"),  # a consolidated text is signed under its certification
    re.compile(r"Nơi nhận\s*:"),  # a text layer may glue `Nơi nhận:` to the last sentence
    # (a page's table row with the recipients and the signature block in its two cells: `- Lưu: HC, PLTP. | TM. ỦY
    # BAN THƯỜNG VỤ QUỐC HỘICHỦ TỊCH` / `Trần Thanh Mẫn |`)
    re.compile(r"\|[ \t*]*(?:T/M|TM\.|K/T|KT\.|T/L|TL\.|TUQ\.)[ \t]"),
)
# A heading numbered as a document's parts are (`I.`, `11.`, `a)`, `Phần I`, `Chương II`, `Mục 1`, `Điều 3`).
NUMBERED_HEADING_RE = re.compile(r"(?:[IVXLC]+|\d{1,3}|[a-zđ])[.)](?:\s|$)|(?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC|Điều|ĐIỀU)(?!\w)")
# A consolidated text (văn bản hợp nhất) is certified at its end by the ministry that consolidated it: its own
# number and date are that block's (`BỘ Y TẾ / Số: 04/VBHN-BYT / XÁC THỰC VĂN BẢN HỢP NHẤT / Hà Nội, ngày 13 tháng
# 4 năm 2018 / KT. BỘ TRƯỞNG`); its header and opening lines give the original document's.
CONSOLIDATION_CERT_RE = re.compile(f"XÁC{WS}+(?:THỰC|NHẬN){WS}+VĂN{WS}+BẢN{WS}+HỢP{WS}+NHẤT")  # (`XÁC NHẬN`: congbao_198)
CONSOLIDATION_REACH = 300
# Its opening note starts with the original on a line of its own: `Thông tư số 13/2022/TT-BLĐTBXH ngày ...`.
CONSOLIDATION_NOTE_START_RE = re.compile(
    f"^[ \t*|]*(?:\\(i\\){SP}*)?(?:Luật|Bộ{SP}+luật|Pháp{SP}+lệnh|Nghị{SP}+định|Nghị{SP}+quyết|Quyết{SP}+định|Thông{SP}+tư"
    f"(?:{SP}+liên{SP}+tịch)?|Chỉ{SP}+thị){SP}+(?:số{SP}*)?\\d", re.M)
# ... and each act that amended it follows `được sửa đổi, bổ sung bởi:` (or `được bổ sung bởi`).
AMENDED_BY_NOTE_RE = re.compile(f"(?i:được{WS}+(?:sửa{WS}+đổi(?:{WS}*,?{WS}*bổ{WS}+sung)?|bổ{WS}+sung)(?:{WS}+[^\\n:]{{0,40}}?)?{WS}+bởi)")
# Who enacts, on the line over `Căn cứ` (`CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH`, `BỘ TRƯỞNG BỘ TÀI CHÍNH`):
# a head's title or a collective body, never a title's words (`BAN HÀNH QUY ĐỊNH ...`).
ENACTING_HEAD_RE = re.compile(r"(?:CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG|TỔNG GIÁM ĐỐC|GIÁM ĐỐC|TỔNG KIỂM TOÁN|THỐNG ĐỐC|"
                              r"ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN)\s")
# A letter's addressee line: `Kính gửi: Cục Thuế tỉnh ...` (markup and a table's bar before it).
ADDRESSEE_RE = re.compile(f"(?m)^[ \t*_|]*Kính{WS}+gửi{WS}*:?")
# After a signature cue, the rest of a decision's enacting line and the preamble right under it (`CHỦ TỊCH ỦY
# BAN NHÂN DÂN TỈNH QUẢNG TRỊ` / `Căn cứ Luật ...`): that cue is the title of who enacts, not a signature.
ENACTING_LINE_END_RE = re.compile(r"[^\n]*\n[\s*_|]*(?:Căn cứ|CĂN CỨ)(?!\w)")
# OCR of a scan may put a speck before the name (`: Phạm Thiên Kha`, `'Trần Đức Lai`, `- "Trương Thanh Long`,
# `¬ Trần Đức Lai`, several: `- _ "Trương Thanh Long`) or a quote inside it (`Phạm "Thiên Kha`: NAME_SPECK_RE
# takes it out of the name); a plain
# `- Name` is a list's item (the recipients), not a signature, unless it is the page's last line
# (LAST_DASHED_PERSON_RE: the signer's column is read after the recipients').
_NAME_SPECK = "['\"“”‘’`]"
_SPECK_RUN = "['\"“”‘’`:;.,_~¬]+"  # runs apart by spaces, so that a line of dots is split one way only
# (a general's or an officer's rank before the name: `Thượng tướng Võ Minh Lương`)
_RANK = f"(?:(?:Đại|Thượng|Trung|Thiếu){SP}+(?:tướng|tá|úy){SP}+)?"
PERSON_RE = LinePattern(f"^[ \\t*|]*(?:[{DASH}~]?{SP}*{_SPECK_RUN}(?:{SP}+{_SPECK_RUN})*{SP}*)?{_RANK}(?P<name>{UP}{LO}+(?:{SP}{_NAME_SPECK}?{UP}{LO}*){{1,4}})[ \\t*|.]*$", re.M)
NAME_SPECK_RE = re.compile(_NAME_SPECK)
LAST_DASHED_PERSON_RE = re.compile(f"^{SP}*[{DASH}]{SP}*(?P<name>{UP}{LO}+(?:{SP}{UP}{LO}*){{1,4}})[ \\t*|.]*(?:\\n[^\\n]{{0,3}})*\\Z", re.M)
# A signature block on one line (a web page's table cell): the title in capitals, then the name.
TITLE_THEN_NAME_RE = re.compile(
    f"[ \\t*|]*[^{LOWER}\\n]*?(?:T/M|TM\\.|K/T|KT\\.|T/L|TL\\.|TUQ\\.|Q\\.|CHỦ TỊCH|TRƯỞNG|THỦ TƯỚNG|GIÁM ĐỐC|BÍ THƯ|"
    f"CHỦ NHIỆM|VĂN PHÒNG)[^{LOWER}\\n]*?{SP}+(?P<name>{UP}{LO}+(?:{SP}{UP}{LO}*){{1,4}})[ \\t*|.]*$"
)
# A name marked as signed: `Nguyễn Mạnh Kiểm (Đã ký)`.
# What SIGNED_NAME_RE needs: a text without it has no name marked as signed (found fast: a literal).
SIGNED_MARK_RE = re.compile(f"\\({SP}*(?i:đã){SP}+(?i:ký)")
# (or the mark before it, a web page's cell: `( Đã ký) Lê Thành Long |`, `(Đã ký)Hồ Đức Phớc`)
SIGNED_NAME_RE = re.compile(f"(?P<name>{UP}{LO}+(?:{SP}{UP}{LO}*){{1,4}}){SP}*\\({SP}*(?i:đã{SP}+ký){SP}*\\)"
                            f"|\\({SP}*(?i:đã{SP}+ký){SP}*\\){SP}*(?P<after>{UP}{LO}+(?:{SP}{UP}{LO}*){{1,4}})(?!{LETTER})")
# The first word of a name the line broke after (`Phạm` over `Mạnh Cường`).
SURNAME_LINE_RE = re.compile(f"[ \\t*|]*(?P<word>{UP}{LO}+)[ \\t*|]*")
SIGNER_FIELD_RE = re.compile(f"(?i:người{SP}+ký){SP}*:?{SP}*(?P<name>{UP}{LO}+(?:{SP}{UP}{LO}*){{1,4}})")
ATTACHED_TO_RE = re.compile(
    f"(?i:ban{WS}+hành{WS}+(?:kèm{WS}+)?theo|kèm{WS}+theo){WS}+(?P<type>[^\\d\\n]{{2,40}}?){WS}+(?i:số){WS}*"
)
HEADING_RE = LinePattern(
    f"^{SP}*(?:[IVX]{{1,5}}[.)/-]|[A-E][.)/]{SP}|Điều{SP}+1[.:]|ĐIỀU{SP}+1|CHƯƠNG{SP}+I\\b|Chương{SP}+I\\b|(?:QUYẾT{SP}ĐỊNH|NGHỊ{SP}ĐỊNH|QUY{SP}ĐỊNH){SP}*:)",
    re.M,
)

# `Theo đề nghị của Sở Nội vụ tại Tờ trình số 1494/TTr-SNV`: the issuer written before the type word.
# A body's name may wrap onto the next line (`của Giám đốc Sở\nTài chính tại Tờ trình số ...`); the issuer of
# a list of documents (`tại các văn bản số ...`). Also the body before a parenthesis that holds its document
# (`Bộ Tài chính (Văn bản số 4773/TC-CSTC ...)`) and the subject of a report (`Thủ tướng Chính phủ đã ban
# hành Công điện số 158/CĐ-TTg`).
_BODY_HEAD = (
    f"(?:Thủ{WS}+tướng|Chính{WS}+phủ|Quốc{WS}+hội|Bộ{WS}+(?:Chính{WS}+trị|trưởng{WS}+)?{UP}|Ban{WS}+{UP}|"
    f"Ủy{WS}+ban|Uỷ{WS}+ban|UBND|HĐND|Hội{WS}+đồng|Sở{WS}+{UP}|Văn{WS}+phòng|Tỉnh{WS}+ủy|Thành{WS}+ủy|"
    f"Giám{WS}+đốc|Chủ{WS}+tịch)"
)
BODY_HEAD_RE = re.compile(_BODY_HEAD)
ISSUER_BEFORE_RE = re.compile(
    f"(?:(?i:của|do){WS}+(?P<issuer>{UP}(?:[^\\n.;:,“”\"()]|,(?={WS}*{UP})|\\n(?![ \\t]*\\n)){{2,80}}?){WS}+(?P<via>(?i:tại|theo))(?:{WS}+(?i:các))?(?:{WS}+(?i:thông{WS}+báo))?"  # (`tại Thông báo Kết luận số`)
    f"|(?:^|(?<=[,;(])|(?<=\\n)){WS}*(?P<body>{_BODY_HEAD}[^\\n.;:,“”\"()]{{0,70}}?)"
    f"(?:{WS}*\\({WS}*|{WS}+(?:đã|vừa){WS}+(?:ký{WS}+)?ban{WS}+hành(?:{WS}+(?i:các))?))"
    f"{WS}*$"
)
DOCUMENT_NUMBER_BEFORE_RE = re.compile(f"(?i:văn{WS}+bản{WS}*:?{WS}*)?(?i:số){WS}*:?{WS}*$")  # `tại các văn bản: Số 202/...`
# `Chương trình làm việc của Bộ Chính trị, Ban Bí thư năm 2015 (số 145-CTr/TW, ...)`: a title with its
# issuer, the number in parentheses.
PAREN_TITLE_RE = re.compile(
    f"(?P<issuer_head>(?i:của){WS}+(?P<issuer>{UP}[^()\\n.;:“”\"]{{2,80}}?))(?:{WS}+(?i:năm){WS}+{YEAR})?{WS}*\\({WS}*(?i:số){WS}*$"
)
# `Xét Tờ trình và Báo cáo của Bộ Chính trị`: documents considered, named without a number.
CONSIDERED_RE = Alternation.by_case(
    f"[xX](?i:ét){WS}+(?P<a>(?i:Tờ{WS}+trình|Báo{WS}+cáo|Đề{WS}+án))(?!{WS}*(?i:số))"
    f"(?:{WS}+(?i:và){WS}+(?P<b>(?i:Tờ{WS}+trình|Báo{WS}+cáo|Đề{WS}+án))(?!{WS}*(?i:số)))?"
    f"(?P<tail>{WS}+(?i:của){WS}+(?P<issuer>{UP}{LETTER}*(?:{WS}+{UP}{LETTER}*|{WS}+(?:ủy|uỷ|vụ|trị|phủ)){{0,6}}))?"
)
ANNEX_BEFORE_RE = re.compile(f"(?i:kèm{WS}+theo)[^.;\\n]{{0,60}}$")

# ----------------------------------------------------------------------------------- audit
# What the audit (pipeline/audit.py) looks for in text the extractor did not take.

# Anything shaped like a symbol, wider than SYMBOL_RE: a number, then one or more pieces joined by a
# dash, slash or dot with up to two spaces either side, at least one of them letters (`38/2014/TT-BTC`,
# `25-NQ/Tw`, `12.KH-UBND`, `06 - CT / TU`); lower case allowed (OCR and typists lose the capitals).
# A dot takes no space (`1. QUY TRÌNH` is a heading); a separator may be doubled (`64//2023/NĐ-CP`).
# Dates (`12/05/2019`) and ranges (`2020-2025`) have no letter piece and are not taken.
_WIDE_PIECE = f"(?:\\d{{1,4}}|{LETTER}{{1,10}}\\d{{0,2}}|&{LETTER}{{1,5}})"
SYMBOL_WIDE_RE = re.compile(
    f"(?=\\d)(?<![\\d{UPPER}{LOWER}/{DASH}.])\\d{{1,5}}{LETTER}?"
    f"(?:{SP}{{0,2}}[{DASH}/&]{{1,2}}{SP}{{0,2}}{_WIDE_PIECE}|\\.{_WIDE_PIECE}){{1,5}}(?![\\d{UPPER}{LOWER}])"
)
# The letter runs of a match: one of them must read as an abbreviation (see pipeline/audit.py) for the
# match to count, which keeps `3-4 lần`, `1.a`, `5/tháng` and `1.Quán triệt` out.
LETTER_RUN_RE = re.compile(f"{LETTER}+")
SHAPE_DIGITS_RE = re.compile(r"\d+")
SHAPE_SPACE_RE = re.compile(f"{SP}+")

# Page chrome: what a page adds around the document's own text. A page number alone on a line is
# chrome only at a page's edge (a table's cells are numbers on lines of their own too).
PAGE_NUMBER_LINE_RE = re.compile(
    f"^{SP}*(?:(?:[-–—]{SP}*)?\\d{{1,3}}(?:{SP}*[-–—])?|(?i:trang|page){SP}*\\d{{1,3}}"
    f"(?:{SP}*(?:/|(?i:trên|of)){SP}*\\d{{1,3}})?){SP}*$"
)
CHROME_LINE_RE = re.compile(
    f"(?:^|(?<=\\f)){SP}*(?:"
    f"(?i:trang|page){SP}*\\d{{1,3}}{SP}*(?:/|(?i:trên|of)){SP}*\\d{{1,3}}"  # `Trang 2/5`
    f"|(?:\\d{{1,4}}{SP}+)?CÔNG{SP}+BÁO{SP}*/{SP}*(?i:số).{{0,80}}"  # the gazette's running head
    f"|[^\\n]{{0,24}}(?:https?://|www\\.)\\S+"  # a web address on a line of its own (a label at most)
    f"|\\d{{1,2}}:\\d{{2}}(?::\\d{{2}})?{SP}+\\d{{1,2}}/\\d{{1,2}}/\\d{{4}}.*"  # a print stamp: `14:54 05/08/2008`
    f"|(?i:new{SP}page{SP}\\d+|trang{SP}chủ|in{SP}bài{SP}viết|gửi{SP}bài{SP}viết|bản{SP}in|chia{SP}sẻ|"
    f"lượt{SP}xem|đăng{SP}nhập|tải{SP}về|xem{SP}thêm|copyright|bản{SP}quyền{SP}thuộc|©).{{0,20}}"  # a menu: short
    f"){SP}*(?=[\\n\\f]|\\Z)",  # a page break ends a line too
    re.M,
)
# Lines every document of a kind repeats that are the document's own form, not chrome: the national
# and Party headings and motto, the place-date line, article and chapter headings, preamble clauses,
# the signature block, the recipients, numbered paragraphs, the issuer's heading.
FORM_LINE_RE = re.compile(
    f"^[ \\t*#|]*(?:(?i:cộng{SP}hòa{SP}xã{SP}hội|cộng{SP}hoà{SP}xã{SP}hội|đảng{SP}cộng{SP}sản|độc{SP}lập{SP}*[{DASH}])"
    f"|(?i:điều|chương|mục|phần|phụ{SP}lục)(?:{SP}+[\\dIVXLC#]|{SP}*$)|(?i:căn{SP}cứ|theo{SP}đề{SP}nghị|xét|nơi{SP}nhận|"
    f"quyết{SP}định|nghị{SP}quyết|thông{SP}tư|nghị{SP}định)(?!{LETTER})|(?:T/M|TM\\.|K/T|KT\\.|T/L|TL\\.|TUQ\\.|Q\\.)"
    f"|.{{0,40}}?,{SP}*(?i:ngày){SP}*(?:#|\\d|[ .…_])"
    f"|(?:#|[a-zđ]|[IVX]{{1,4}})\\\\?[.)]"  # a list item or numbered paragraph (`1.`, `a)`, markdown's `1\\.`)
    f"|(?:BỘ|ỦY{SP}BAN|UỶ{SP}BAN|UBND|HĐND|SỞ|BAN|TỈNH{SP}ỦY|THÀNH{SP}ỦY|HUYỆN{SP}ỦY|HỘI{SP}ĐỒNG|CHÍNH{SP}PHỦ|QUỐC{SP}HỘI)(?!{LETTER})"
    f"|[-=_*]{{4,}})"  # an issuer's heading; a rule
)

# Page structure (pipeline/windows.py).
# A gazette's running head: `CÔNG BÁO/Số 1523 + 1524/Ngày 29-12-2024`, with the page number on its line
# or next to it; a text layer may drop the head's first letter (`ÔNG BÁO/Số ...`).
RUNNING_HEAD_RE = re.compile(
    f"(?m)^{SP}*(?:\\d{{1,4}}{SP}+)?C?ÔNG{SP}*BÁO{SP}*/{SP}*Số{SP}*\\d{{1,5}}(?:{SP}*\\+{SP}*\\d{{1,5}})*{SP}*/{SP}*"
    f"Ngày{SP}*\\d{{1,2}}{SP}*[-/.]{SP}*\\d{{1,2}}{SP}*[-/.]{SP}*\\d{{4}}(?:{SP}+\\d{{1,4}})?[ \\t\\r]*$"
)
# A gazette's e-signature stamp, four lines (`Ký bởi: CÔNG BÁO ...` / `Cơ quan: ...` / `Ngày ký: ...`, three).
E_SIGNATURE_STAMP_RE = re.compile(
    r"(?m)^(?:Người ký|Ký bởi):[^\n]*\n(?:Email:[^\n]*\n)?Cơ quan:[^\n]*\n(?:Thời gian ký|Ngày ký):[^\n]*$")
# The word every running head holds, a literal found fast: the head is tried only on the lines that hold it.
RUNNING_HEAD_WORD_RE = re.compile("BÁO")
# A page number alone on its line (a running head is next to one).
PAGE_NUMBER_ONLY_LINE_RE = re.compile(r"(?m)^[ \t\r]*\d{1,4}[ \t\r]*$")
# The same after the line break before it (a match starts where the break is, one character before its line):
# a pattern led by a literal is scanned twice as fast as one led by `^`.
PAGE_NUMBER_LINE_AFTER_BREAK_RE = re.compile(r"\n[ \t\r]*\d{1,4}[ \t\r]*(?=\n|\Z)")
# A line after a document's signature naming a document by a few words and its number (`Công văn 5348/CT-CS
# năm 2025 ...`, `Văn bản hợp nhất 92/VBHN-BQP ngày ...`): a portal's title line (pipeline/windows.py), or the title
# of the English translation a portal prints after the document (`Circular No. 110/2025/TT-BTC dated ...`).
TITLE_NUMBER_LINE_RE = re.compile(
    f"(?m)^[ \\t]*{UP}{LETTER}*(?:[ \\t]+{LETTER}+){{0,3}}[ \\t]+(?:(?:(?i:số)|No\\.)[ \\t]*)?(?P<digits>\\d+)[ \\t]*[/{DASH}]"
)
# The motto of a formal header, in capitals, at the start of a line or of a column (`BỘ TÀI CHÍNH
# <spaces> CỘNG HÒA ...`), never inside a sentence or a stamp (`Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA ...`).
# Its first word, which a text without a header lacks (found fast: a literal).
HEADER_MOTTO_WORD_RE = re.compile("CỘNG|ĐẢNG")
HEADER_MOTTO_RE = re.compile(
    f"(?m)(?:^|(?<={SP}{SP}))[ \\t]*(?:CỘNG{WS}+H(?:ÒA|OÀ){WS}+XÃ{WS}+HỘI|ĐẢNG{WS}+CỘNG{WS}+SẢN{WS}+VIỆT{WS}+NAM)"
)
# A form is not a document: `Mẫu số 02/TNDN ban hành kèm theo Thông tư số 80/2021/TT-BTC`.
# Right before a form's, template's or annex's number: `theo mẫu số\n02/MGTH`, `Mẫu số: 05/TNDN`, `Biểu số 01/BC`.
FORM_BEFORE_RE = re.compile(
    f"(?<!{LETTER})(?i:mẫu(?:{WS}+biểu)?|biểu(?:{WS}+mẫu)?|phụ{WS}+lục|tờ{WS}+khai)(?:{WS}+(?i:số))?{WS}*:?{WS}*$"
)
# A form's or an annex's header (`Mẫu số 01`, `(Kèm theo Nghị định số ...)`, dotted blanks): not a new document.
TEMPLATE_HEADER_RE = re.compile(
    f"(?i:mẫu{WS}+(?:số{WS}*)?[\\w.]+|\\({WS}*(?:ban{WS}+hành{WS}+)?kèm{WS}+theo|phụ{WS}+lục)|\\.{{4,}}|…{{2,}}"
)

# What a document states, judged loosely and apart from the extractor (pipeline/completeness.py:
# the share of documents that state a field and of those whose field was found).
STATED_MARK = r"[*_|#\\\s]*"  # markup a converted page may put between the words
# `Hà Nội, ngày 24 tháng 11 năm 2025`, `TP. HCM, ngày 31/05/2021`: a capitalized place, then a date
# with its digits (an unsigned draft's `ngày ... tháng ... năm` states none).
STATED_DATE_RE = re.compile(
    r"(?m)^[*_|#\\\s]*(?:[A-ZĐÀ-Ỹ][^\W\d_]*\.?[ \t]+){0,5}[A-ZĐÀ-Ỹ][^\W\d_]*[ \t]*,"
    rf"{STATED_MARK}ngày{STATED_MARK}\d{{1,2}}(?:{STATED_MARK}tháng{STATED_MARK}\d{{1,2}}{STATED_MARK}(?:,{STATED_MARK})?năm{STATED_MARK}\d{{4}}|[/.-]\d{{1,2}}[/.-]\d{{4}})"
)
STATED_NUMBER_RE = re.compile(rf"(?m)^{STATED_MARK}Số{STATED_MARK}(?:hiệu{STATED_MARK})?:?{STATED_MARK}\d")
STATED_HEADER_RE = re.compile(rf"CỘNG{STATED_MARK}H[OÒ][AÀ]{STATED_MARK}XÃ{STATED_MARK}HỘI|ĐẢNG{STATED_MARK}CỘNG{STATED_MARK}SẢN{STATED_MARK}VIỆT{STATED_MARK}NAM")
SIGNATURE_TITLE_LINE_RE = re.compile(
    r"(?m)^[*_|#\\\s]*(?:T/M|TM\.|K/T|KT\.|T/L|TL\.|TUQ\.|Q\.|CHỦ TỊCH|PHÓ CHỦ TỊCH|BỘ TRƯỞNG|THỨ TRƯỞNG|"
    r"THỦ TƯỚNG|PHÓ THỦ TƯỚNG|BÍ THƯ|PHÓ BÍ THƯ|GIÁM ĐỐC|PHÓ GIÁM ĐỐC|CHỦ NHIỆM|PHÓ CHỦ NHIỆM|TRƯỞNG BAN|"
    r"PHÓ TRƯỞNG BAN|CHÁNH VĂN PHÒNG|TỔNG BÍ THƯ|CHỦ TỊCH QUỐC HỘI|TỔNG KIỂM TOÁN|CHÁNH ÁN|VIỆN TRƯỞNG)\b"
)
NAME_LINE_RE = re.compile(r"^[*_|#\\\s]*[A-ZĐÀ-Ỹ][a-zđà-ỹ]+(?:[ \t]+[A-ZĐÀ-Ỹ][a-zđà-ỹ]+){1,4}[*_|\\\s.]*$")
# Symbol shapes: `25-NQ/TW`, `1026/KH-UBND`, `13/2023/NĐ-CP`; two capitals after the slash or dash, so a
# gazette's `Số 277/Ngày` or a date does not count.
SYMBOL_SHAPE_RE = re.compile(
    r"(?<![\w/.-])\d{1,5}[ \t]*[-–/][ \t]*(?:\d{4}[ \t]*/[ \t]*)?[A-ZĐ]{1,}[A-Za-zĐđ]*[A-ZĐ](?:[-–/][A-ZĐ][A-Za-zĐđ0-9]*)*"
)

# ------------------------------------------------------------------ symbols read again (pipeline/ocr_words.py)
# The words of a symbol as Tesseract splits and garbles them on a scan (`37/2024/TT-BYT`, `37 7QĐ-BGDĐT`,
# `01/201 ởT T-VPCP`, `51 -KUTW`, `3ó6-` / `KL/TU`, `11/CT- -L[TEg`, `06/TTr-` / `SGŒTTYT`): a run starts
# at a word beginning with a digit and goes on over the words after it that are no plain word (they hold
# a digit, a dash or slash, two capitals, or a capital after a small letter: `ởT`); it counts when a
# dash or slash in it is followed by a capital (a date `30/5/2019`, an amount `10.000.000 đồng/năm` is no
# symbol).
SYMBOL_RUN_START_RE = re.compile(r"\d\S*")
SYMBOL_RUN_WORD_RE = re.compile(r"(?=\S*(?:[-/\d]|[A-ZĐÐ]\S*[A-ZĐÐ]|[a-zđà-ỹ][A-ZĐÐ]))\S+")
SYMBOL_RUN_CODE_RE = re.compile(r"[-/][^\S\n]*\n?[^\S\n]*[A-ZĐÐ]")
# What a second reading of a symbol may be: codes and numbers joined by dashes and slashes, a dash or
# slash at either end where the symbol goes on over a line break.
SYMBOL_READING_RE = re.compile(r"[-/]?(?:[0-9A-Za-zĐđ]+[-/])*[0-9A-Za-zĐđ]+[-/]?")
# Marks the second engine adds at the ends of a reading (a speck beside the crop read as a quote or stop).
READING_EDGE_MARKS = "\"'‘’“”`.,:;|[](){}~_"
# The numbers and codes of a reading of a symbol.
SYMBOL_READING_SPLIT_RE = re.compile(r"[-/\s]+")
# Punctuation after a symbol (`-NQ/TW,`), kept from the first reading.
READING_TAIL_MARKS = ",;.:)"

# ------------------------------------------------------------------------- blanks of a scanned header
# The header's number line as OCR reads a scan, the number handwritten or typed into the printed blank
# (pipeline/ocr_blanks.py): `Số: 209 /QĐ-UBND`, `Số: Ø4£4 /TB-ĐHĐL`, `Só„24⁄J6/TB-ĐHĐL`, `Số:¿02 /QĐÐ-UBND`,
# `Só:465 /2020/NĐ-CP`, `Sôi /CT-UBND`, `Số 27-KH/ĐUK`. `blank` is what lies between `Số` and the printed
# part (`/QĐ-UBND`, `/2020/NĐ-CP`, a Party symbol's `-KH/ĐUK`).
BLANK_PRINTED = (
    f"(?:/{SP}?(?:{YEAR}{SP}?/{SP}?)?[A-ZĐÐ§][A-Za-zĐđÐ&]{{0,9}}\\d{{0,2}}(?:{SP}?[{DASH}]{SP}?[A-ZĐÐ][A-Za-zĐđÐ&.]{{0,11}}\\d{{0,2}}){{0,3}}"
    f"|[{DASH}][A-ZĐÐ][A-Za-zĐđÐ]{{0,6}}/[A-ZĐÐ][A-Za-zĐđÐ&]{{0,11}})"
)
# The printed slash of the number line read as a stop beside the handwritten number (`Số: g6Z€ .TB-ĐHĐL` for
# `Số: 2678.../TB-ĐHĐL`, real scan): `dot` is that stop, put back as the slash before the blanks are read.
NUMBER_LINE_DOT_SLASH_RE = re.compile(
    f"(?m)^[^\\w\\n]{{0,3}}S[ốóòôoơ]\\S?{SP}*[^\\n/]{{0,14}}?{SP}(?P<dot>\\.)(?=[A-ZĐ][A-Za-zĐđ]{{0,5}}[{DASH}][A-ZĐ])"
)
# An annex's line naming the document it goes with, its number written by hand and read as no number
# (`(Kèm theo Công văn số §?!Ð /UBND-SGDĐT\nngày 49/10/2023 của UBND thành phố)`, real scan): the printed part
# of the symbol, and the printed month and year of the date after it.
ATTACHED_UNREAD_RE = re.compile(
    f"(?i:ban{WS}+hành{WS}+(?:kèm{WS}+)?theo|kèm{WS}+theo){WS}+(?P<type>[^\\d\\n]{{2,40}}?){WS}+(?i:số){SP}*"
    f"(?P<blank>[^\\s/]{{0,8}}){SP}*(?P<printed>{BLANK_PRINTED})(?![A-Za-z])"
    f"(?:{WS}*,?{WS}*(?i:ngày){WS}*(?:(?P<d>[^\\s/]{{0,3}}){SP}*[/.-]{SP}*(?P<m>\\d{{1,2}}){SP}*[/.-]{SP}*(?P<y>{YEAR})"
    f"|[^\\n]{{0,6}}?(?i:tháng){WS}*(?P<m2>\\d{{1,2}}){WS}*(?i:năm){WS}*(?P<y2>{YEAR})))?"
)
# The same line as `fill_blanks` reads it (pipeline/ocr_blanks.py): the number of the document it goes with
# and the day of its date written into printed blanks (`(Kèm theo Công văn số 5710 /UBND-SGDĐT\nngày 18/10/2023
# của UBND thành phố)`, `Kèm theo Kế hoạch số .../KH-UBND ngày .../10/2023`). `blank` lies between `số` and
# the printed symbol; `d` between `ngày` and the printed `/month/year`. A day not in the printed form (`ngày
# .../.../2023`, `ngày 18 tháng 10`) leaves the date out.
ATTACHED_BLANKS_RE = re.compile(
    f"(?i:kèm{WS}+theo){WS}+[^\\d\\n]{{2,40}}?{WS}+(?P<so>(?i:số))(?P<blank>[^\\n/]{{0,14}}?)(?P<printed>{BLANK_PRINTED})"
    f"(?![A-Za-z])(?:{WS}*,?{WS}*(?P<ngay>(?i:ngày))(?P<d>[^\\n/.-]{{0,8}}?)(?P<rest>[/.-]{SP}*\\d{{1,2}}{SP}*[/.-]{SP}*{YEAR}))?"
)
BLANK_NUMBER_RE = re.compile(
    f"(?m)^[^\\w\\n]{{0,3}}(?P<so>S[ốóòôỏõọồổỗộoóơÓỐÔO](?![a-zđ]{{2}}))[:;.,„]?(?P<blank>(?:(?![^\\W\\d_]{{3}})[^\\n]){{0,14}}?)(?P<printed>{BLANK_PRINTED})(?![A-Za-z])"
)
# The day and month blanks of the place-date line: `Quảng Ngãi, ngày tháng 01 năm 2025`, `ngày l@ tháng 0% năm
# 2025`, `ngà¿2háng0„ năm 2022` (OCR loses the `t` of `tháng` next to a handwritten digit).
# Only after the place's comma (a receipt stamp's `Ngày: 30 tháng 8 năm 2013` is not the document's date).
BLANK_DATE_RE = re.compile(
    f"(?:(?<=[,.;]{SP})|(?<=[,.;]))(?P<ngay>(?i:ngày|ngay|ngà)){SP}?(?P<d>[^\\n]{{0,8}}?)(?P<thang>(?i:t?h[áa]ng)){SP}?(?P<m>[^\\n]{{0,8}}?)"
    f"(?P<nam>(?i:năm|nam)){SP}*(?P<y>{YEAR}|(?:19|20)\\d{SP}\\d(?!\\d))"
)
# The second engine's (RapidOCR's) reading of a whole header line around a blank (pipeline/ocr_blanks.py,
# `_line_values`). Its recognizer has no Vietnamese tone marks: `Số:` reads `S6:`, `So:`, `S:`, and the
# date line `ngay 18 thaing 08 nam 2025`, `ngayw28hng02nom 2022`, `ngay20thang 01 nam 2025` (real scans);
# PP-OCRv6's (`_handwriting_line`) has them, not always right: `sô:`, `Só:`, `S0:`, `ngày28tháng02năm 2022`.
# Only digits stand for a blank (spaces and dots around them aside): a letter next to them may be a
# digit misread (`l8`), so a reading with one gives no value.
SECOND_NUMBER_LINE_RE = re.compile(r"^\W*[Ss][6oóòôơốồớờ0]?\s*[:;]\s*(?P<n>\d{1,5})\s*\.?\s*/")
SECOND_PARTY_NUMBER_LINE_RE = re.compile(r"^\W*[Ss][6oóòôơốồớờ0]?\s+(?P<n>\d{1,5})\s*-")
SECOND_DATE_LINE_RE = re.compile(
    r"ng[^\W\d_]{0,2}y(?P<d>[^\n]{0,6}?)t?h[^\W\d_]{0,3}ng(?P<m>[^\n]{0,6}?)n[^\W\d_]{0,2}m\s*(?P<y>\d{4})"
)
SECOND_BLANK_VALUE_RE = re.compile(r"[\s.]*(?P<v>\d{1,2})[\s.]*")
# The number line of a header whose handwritten number could not be read (pipeline/ocr_blanks.py puts
# `?` for it): `Số: ? /QĐ-UBND`, `Số: ?/2020/NĐ-CP`; specks of a seal's or a margin's ink may come first
# (`=) Số: ? /CV-PA83`, real scan).
OWN_ILLEGIBLE_RE = re.compile(
    f"(?m)(?:^|\\|)[^\\w\\n?]{{0,5}}(?:Số|SỐ|số){SP}*:?{SP}*\\?{SP}*(?P<printed>{BLANK_PRINTED})(?![A-Za-z])"
)
# OCR's stray marks inside a citation (pipeline/normalize.py removes them), seen on real scans: a doubled
# slash (`64//2023/NĐ-CP`), a speck between the number's dash and the type (`02- ›-NQ/ĐUK`), punctuation
# between `số` and the number (`số ;02`, `sô ) 92`), `số` with a changed tone (`sô`), a space inside the
# year (`92/201 7/NĐ-CP`) or inside the number right after `số` (`số 1 07/2021/NĐ-CP`); a `1` read as a
# letter before the number (`số I 747/QĐ-BGTVT`, `số Ï 07/2021/NĐ-CP`); a fraction slash (`57⁄2024`); a
# slash read as a quote (`57/2024'TT-BYT`, `443: 'QD-BYT`); a type split in two (`02/2017/T T-VPCP`); a
# `§` for the `S` of a code (`/§GDĐT-CTrTT`); `0` for the `Q` of `QĐ` (`443/0Đ-BYT`); a speck read as `1`
# inside a normative symbol's type code (`57/2024/T1T-BYT`); a speck or a second dash between a symbol's parts (`123/2020/NĐ-( CP`, `297/CV-SPT-| KTTC`, `44/2022/Q)-
# UBND`, `02/2017/TT- -VPCP`).
OCR_JUNK_RE = re.compile(
    f"(?<=\\d)/(?P<dup>/)(?={YEAR}/|[A-ZĐ])"
    f"|(?<=\\d)(?P<dash>{SP}?[{DASH}]{SP}?[›‹»«|;,.'’`~_]{SP}?[{DASH}]?{SP}?|{SP}?[›‹»«|;,.'’`~_]{SP}?[{DASH}]{SP}?)(?=[A-ZĐ][A-Za-zĐđ]{{0,6}}/)"
    f"|(?<!{LETTER})(?P<so>[sS][ôó])(?={SP}?[:;,.'’›|)]*{SP}?\\d)"
    f"|(?<=số|Số|SỐ|sô|Sô|só|Só)(?P<lead>{SP}?[;,.'’›|)]+{SP}?)(?=\\d)"
    f"|(?<=\\d/(?:19|20)\\d)(?P<yeargap>{SP})(?=\\d{SP}?/{SP}?[A-ZĐ])"
    f"|(?<=năm (?:19|20)\\d)(?P<yeargap2>{SP})(?=\\d(?!\\d))"
    f"|(?<=(?:số|Số|SỐ) \\d)(?P<numgap1> )(?=\\d{{1,3}}/(?:{YEAR}/)?[A-ZĐ])"
    f"|(?<=(?:số|Số|SỐ) \\d\\d)(?P<numgap2> )(?=\\d{{1,2}}/(?:{YEAR}/)?[A-ZĐ])"
    f"|(?<=(?:số|Số|SỐ|sô|Sô) )(?P<one>[IÏlỊ|]{SP}?)(?=\\d{{1,3}}/(?:{YEAR}/)?[A-ZĐ])"
    f"|(?<=\\d)(?P<fslash>\u2044)(?=\\d)"
    f"|(?<=/)(?P<sect>§)(?=[A-ZĐ]{{2}})"
    f"|(?<=\\d/)(?P<qd>[0O])(?=Đ{SP}?[{DASH}])"
    f"|(?<=\\d/(?:19|20)\\d\\d/[A-ZĐ])(?P<stray>1)(?=[A-ZĐ][{DASH}])"
    f"|(?<=\\d)(?P<qslash>{SP}?[:;]?{SP}?['’‘`]{SP}?)(?=[A-ZĐ][A-Za-zĐđ]{{0,4}}[{DASH}][A-ZĐ])"
    f"|(?<=\\d/)(?P<tsplit>[A-ZĐ]{SP})(?=[A-ZĐ][{DASH}])"
    f"|(?:(?<=[/{DASH}])|(?<=\\d/[A-ZĐ]{SP}))[A-ZĐ][A-Za-zĐđ]{{0,6}}(?P<junk>[)(|\\[\\]]?{SP}?[{DASH}]{SP}?(?:[(|\\[]|[{DASH}]){SP}?|[)(|\\[\\]]{SP}?[{DASH}]{SP}?)(?=[A-ZĐ])"
)
# Whether a text holds any of OCR_JUNK_RE's marks (clean_text asks it of every text): its alternatives, each
# look-behind read as a prefix the scan starts with, grouped by their first character, so `re` skips to a digit,
# `//`, `s`/`S` or `năm ` instead of trying each alternative at each position (8x the pace). Keep it in step with
# OCR_JUNK_RE: tests/test_normalize.py checks that both find the same texts.
_OCR_MARK = "[›‹»«|;,.'’`~_]"
OCR_JUNK_ANY = (
    re.compile(f"//(?<=\\d//)(?={YEAR}/|[A-ZĐ])"),
    re.compile(f"\\d(?:(?:{SP}?[{DASH}]{SP}?{_OCR_MARK}{SP}?[{DASH}]?{SP}?|{SP}?{_OCR_MARK}{SP}?[{DASH}]{SP}?)(?=[A-ZĐ][A-Za-zĐđ]{{0,6}}/)"
               f"|/(?:19|20)\\d{SP}(?=\\d{SP}?/{SP}?[A-ZĐ]))"),
    re.compile(f"[sS](?:(?<!{LETTER}.)[ôó](?={SP}?[:;,'’›|)]*{SP}?\\d)"
               f"|(?:[ốôó]|(?<=S)Ố){SP}?[;,'’›|)]+{SP}?(?=\\d)"
               f"|(?:ố|(?<=S)Ố) (?:\\d (?=\\d{{1,3}}/(?:{YEAR}/)?[A-ZĐ])|\\d\\d (?=\\d{{1,2}}/(?:{YEAR}/)?[A-ZĐ])))"),
    re.compile(f"năm (?:19|20)\\d{SP}(?=\\d(?!\\d))"),
    # issue 15's real scans: a dot after `số`; a letter for a leading 1; a fraction slash; `§`/`0` in codes; a
    # speck as `1` in a type code; a quote for a slash; a type split; a speck or doubled dash between parts
    re.compile(f"[sS](?:(?<!{LETTER}.)[ôó](?={SP}?[:;,.'’›|)]*{SP}?\\d)|(?:[ốôó]|(?<=S)Ố){SP}?[;,.'’›|)]+{SP}?(?=\\d)"
               f"|(?:[ốô]|(?<=S)Ố) [IÏlỊ|]{SP}?(?=\\d{{1,3}}/(?:{YEAR}/)?[A-ZĐ]))"),
    re.compile("/§(?=[A-ZĐ]{2})"),
    re.compile(f"\\d(?:\u2044(?=\\d)|/(?:[0O](?=Đ{SP}?[{DASH}])|[A-ZĐ]{SP}(?=[A-ZĐ][{DASH}]))"
               f"|/(?:19|20)\\d\\d/[A-ZĐ]1(?=[A-ZĐ][{DASH}])"
               f"|{SP}?[:;]?{SP}?['’‘`]{SP}?(?=[A-ZĐ][A-Za-zĐđ]{{0,4}}[{DASH}][A-ZĐ]))"),
    re.compile(f"[/{DASH}][A-ZĐ][A-Za-zĐđ]{{0,6}}(?:[)(|\\[\\]]?{SP}?[{DASH}]{SP}?(?:[(|\\[]|[{DASH}]){SP}?"
               f"|[)(|\\[\\]]{SP}?[{DASH}]{SP}?)(?=[A-ZĐ])"),
)

# Specks of a scan that OCR reads as marks around a citation's words (pipeline/normalize.py takes them off),
# seen on speckled and office-copied pages; no typed text has them:
# - a mark glued to `của` before a body's name (`của. Bộ Chính trị`, `của-Ban Bí thư`);
# - a lone `_` between words (`của Ban _.\nThường vụ`, `Bộ Chính _ trị`), or one glued to the lower-case word
#   that opens a line (`_của Thủ tướng`, `_ số 30-CT/TW`; `__` is markdown's bold and stays);
# - a letter or mark glued to the day of a date (`ngày 06G tháng 9`);
# - a `;` between a symbol and its date (`1763-QĐ/ĐUK; ngày 24/3/2017`);
# - a second dash between a Party symbol's number and its type (`25 —-NQ/TW`);
# - a symbol's issuer code split by a space before a Party committee's code (`69-KH/BDV TU`);
# - a full stop at a line's end before `của` (`Quy định 1043-QĐ/TU ngày 21 tháng 9 năm 2003.\ncủa Ban Thường vụ`):
#   no sentence starts with a lower-case `của`.
OCR_SPECK_RE = re.compile(
    f"(?<=của)(?P<cua>[.\\-_~|]+)(?={SP}*\\n?{SP}*{UP})"
    f"|(?<={LETTER})(?P<lone>{SP}+_{{1,2}}[.,]?)(?={SP}*\\n?{SP}*{LETTER})"
    f"|(?m:^)(?P<lead>{SP}*_(?!_)[.,]?{SP}*)(?={LO})"
    f"|(?<=ngày)(?:{SP}+\\d{{1,2}})(?P<day>[A-Za-z'`|])(?={SP}+tháng{WS})"
    f"|(?<={UP})(?P<semi>;)(?={SP}*ngày{SP}*\\d)"
    f"|(?<=\\d)(?P<dd>{SP}?[{DASH}]{SP}?[{DASH}]{SP}?)(?=[A-ZĐ][A-Za-zĐđ]{{0,6}}/)"
    f"|\\d[{DASH}][A-ZĐ][A-Za-zĐđ]{{0,6}}/[A-ZĐ]{{2,8}}(?P<split> )(?=(?:TU|TW|TƯ|HU|QU|ĐU|ĐUK)(?!{LETTER}))"
    f"|(?<=\\w)(?P<eol>\\.)(?={SP}*\\n{SP}*của{SP})"
)
# Whether a text holds any of OCR_SPECK_RE's specks (clean_text asks it of every text), at 5x its pace: its
# alternatives each started by a literal or the character its look-behind needs (`của`, a space after a letter, a
# line break, `ngày`, `;`, a digit); the two that need a `_` only in texts that hold one. Keep it in step with
# OCR_SPECK_RE: tests/test_normalize.py checks that both find the same texts.
_OCR_SPECK_ANY = (
    (None, re.compile(f"của[.\\-_~|]+(?={SP}*\\n?{SP}*{UP})")),
    ("_", re.compile(f"{SP}(?<={LETTER}{SP}){SP}*_{{1,2}}[.,]?(?={SP}*\\n?{SP}*{LETTER})")),
    ("_", re.compile(f"\\n{SP}*_(?!_)[.,]?{SP}*(?={LO})")),
    (None, re.compile(f"ngày{SP}+\\d{{1,2}}[A-Za-z'`|](?={SP}+tháng{WS})")),
    (None, re.compile(f";(?<={UP};)(?={SP}*ngày{SP}*\\d)")),
    (None, re.compile(f"\\d(?:{SP}?[{DASH}]{SP}?[{DASH}]{SP}?(?=[A-ZĐ][A-Za-zĐđ]{{0,6}}/)"
                      f"|[{DASH}][A-ZĐ][A-Za-zĐđ]{{0,6}}/[A-ZĐ]{{2,8}} (?=(?:TU|TW|TƯ|HU|QU|ĐU|ĐUK)(?!{LETTER})))")),
    ("\n", re.compile(f"\\.(?<=\\w\\.)(?={SP}*\\n{SP}*của{SP})")),
)
_OCR_SPECK_AT_START = re.compile(f"{SP}*_(?!_)[.,]?{SP}*(?={LO})")  # `(?m:^)` at the text's start


def has_ocr_specks(text: str) -> bool:
    """`OCR_SPECK_RE.search(text) is not None`, at 5x its pace."""
    if "_" in text and _OCR_SPECK_AT_START.match(text):
        return True
    return any((need is None or need in text) and r.search(text) for need, r in _OCR_SPECK_ANY)


def _merged(lead: str, patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """Patterns that all start with `lead` as one: `lead(?:rest|rest|...)`, which finds a text that any of
    them finds, in one scan."""
    assert all(r.pattern.startswith(lead) and r.flags == re.UNICODE for r in patterns)
    return re.compile(lead + "(?:" + "|".join(r.pattern[len(lead):] for r in patterns) + ")")


# The scans of OCR_JUNK_ANY and _OCR_SPECK_ANY that start at a digit, and those that start at an s, each merged
# into one: digits are frequent, and a text none of them finds (nearly every typed text) is scanned once.
_DIGIT_LED = (OCR_JUNK_ANY[1], OCR_JUNK_ANY[6], _OCR_SPECK_ANY[5][1])
_DIGIT_LED_ANY = _merged("\\d", _DIGIT_LED)
_S_LED = (OCR_JUNK_ANY[2], OCR_JUNK_ANY[4])
_S_LED_ANY = Alternation.by_case(_merged("[sS]", _S_LED).pattern)  # `re` skips to an s, or to an S, not to either


def ocr_marks(text: str) -> tuple[bool, bool]:
    """(`OCR_JUNK_RE.search(text) is not None`, `has_ocr_specks(text)`), the scans they share made once."""
    digit = _DIGIT_LED_ANY.search(text) is not None
    s_led = _S_LED_ANY.search(text) is not None
    junk = (any(r.search(text) for r in OCR_JUNK_ANY if r not in _DIGIT_LED and r not in _S_LED)
            or (digit and any(r.search(text) for r in _DIGIT_LED[:2]))
            or (s_led and any(r.search(text) for r in _S_LED)))
    if "_" in text and _OCR_SPECK_AT_START.match(text):
        return junk, True
    specks = any((need is None or need in text) and (r is not _DIGIT_LED[2] or digit) and r.search(text)
                 for need, r in _OCR_SPECK_ANY)
    return junk, specks

# Between a dated document and the law it details or guides, within one clause:
# `Nghị định số 31/2013/NĐ-CP ngày 09 tháng 4 năm 2013 của Chính phủ quy định chi tiết, hướng dẫn thi hành một số
# điều của <Pháp lệnh ...>` (pipeline.resolve.guided_on). No other citation or clause break stands between.
GUIDES_LAW_RE = re.compile(
    r"(?:\s*,?\s*ngày\s+\d{1,2}\s*(?:tháng\s*|/|-|\.)\s*\d{1,2}\s*(?:năm\s*|/|-|\.)\s*(?:19|20)\d\d)?"
    r"(?:\s*của\s+(?:Chính phủ|Thủ tướng Chính phủ|Bộ trưởng[^;:]{0,80}?|Ủy ban Thường vụ Quốc hội))?"
    r"\s*,?\s*(?:về\s+việc\s+)?(?:quy\s+định\s+chi\s+tiết|hướng\s+dẫn)[^;:“”\"()]{0,160}?(?:của\s*)?\s*$", re.I)

# A repeal of a part (`Bãi bỏ khoản 4 Điều 18 của Luật Bảo hiểm y tế số 25/2008/QH12`) amends the document; it does
# not replace it (graph/status.py).
PARTIAL_REPEAL_RE = re.compile(
    r"(?i)(?:bãi\s+bỏ|hết\s+hiệu\s+lực)\s+(?:các\s+|một\s+số\s+)?(?:khoản|điểm|điều|cụm\s+từ|chương|mục|phụ\s+lục|quy\s+định\s+tại)\b")

# OCR splits a symbol's last letters off with a space (`69-KH/BDV TU` for `69-KH/BDVTU`): the letters
# that run on after a symbol as read, up to four capitals and nothing more of the word.
SYMBOL_RUN_ON = r"\s+([A-ZĐ]{1,4})(?![\wÀ-ỹ])"
SYMBOL_RUN_ON_RE = re.compile(SYMBOL_RUN_ON)
# What an OCR-read name is compared by: letters and digits only (`Bộ luật Lao , động`).
NAME_PUNCTUATION_RE = re.compile(r"[^\w\s]+|_")
# The year of a Constitution, in its name (`Hiến pháp năm 2013`, `Hiến pháp 1992`) or right after it
# (`... Việt Nam năm 1992`, `... Việt Nam (sửa đổi năm 2013)`): never a number's year (`203/2025/QH15`).
CONSTITUTION_YEAR_IN_RE = re.compile(r"(?<![\d/])((?:19|20)\d\d)(?![\d/])")
CONSTITUTION_YEAR_AFTER_RE = re.compile(
    r"\s*[,(]?\s*(?:\(?\s*(?:sửa\s+đổi\s*,?\s*(?:bổ\s+sung\s+)?)?năm\s+)?((?:19|20)\d\d)(?![\d/])", re.I)
# `Hiến pháp ... đã được sửa đổi, bổ sung một số điều theo Nghị quyết số 203/2025/QH15`: the amendment's year.
CONSTITUTION_AMENDED_RE = re.compile(
    r"\s*,?\s*(?:đã\s+)?(?:được\s+)?sửa\s+đổi[^;]{0,60}?số\s*\d{1,3}/((?:19|20)\d\d)/", re.I)
