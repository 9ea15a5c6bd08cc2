"""Keys under which things are compared: folded text, symbols, node ids, document ids, numerals.

Every module that compares names or symbols uses these, so two spellings of one document meet
under one key everywhere (extraction, resolution, the graph's index, check and eval).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# Ð/ð (eth, what OCR and some fonts give) stand for Đ/đ; every dash is a hyphen.
_ETH = {ord("\u00d0"): "\u0110", ord("\u00f0"): "\u0111"}
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_SPACES = re.compile(r"\s+")
# Old and new tone placement (`khoá`/`khóa`, `uỷ`/`ủy`, `hoà`/`hòa`) are both in use: keys use the new one.
_TONE_PLACEMENT = {f"o{a}": f"{b}a" for a, b in zip("áàảãạ", "óòỏõọ")}
_TONE_PLACEMENT.update({f"o{a}": f"{b}e" for a, b in zip("éèẻẽẹ", "óòỏõọ")})
_TONE_PLACEMENT.update({f"u{a}": f"{b}y" for a, b in zip("ýỳỷỹỵ", "úùủũụ")})
_TONE_RE = re.compile("|".join(_TONE_PLACEMENT))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case-, space- and spelling-insensitive key: NFC, case folded, `Ð`→`đ`, dashes as `-`, one tone
    placement (`uỷ`/`ủy`, `khoá`/`khóa`), white space collapsed."""
    if text.isascii():
        return " ".join(text.casefold().split())
    text = unicodedata.normalize("NFC", text).translate(_ETH).translate(_DASHES)
    text = " ".join(text.casefold().split())
    return _TONE_RE.sub(lambda m: _TONE_PLACEMENT[m.group()], text)


_SYMBOL_SO = re.compile(r"^(?:số|so)\s*:?\s*")
_SYMBOL_SPACE = re.compile(r"\s*([-/])\s*")
_CENTRAL = re.compile(r"t\.?ư(?![\w])")  # `T.Ư`, `TƯ` are written for TW (Trung ương)


@lru_cache(maxsize=65536)
def symbol_key(symbol: str) -> str:
    """Comparable form of a symbol: `Số 25 –NQ/TƯ.` → `25-nq/tw`. Folded, no `số`, no spaces around
    `-` and `/`, T.Ư/TƯ read as TW, no trailing punctuation; a node id is reduced to its symbol."""
    s = fold(NodeId.parse(symbol).symbol or symbol) if ("#" in symbol or "@" in symbol) else fold(symbol)
    if s.startswith(("số", "so")):
        s = _SYMBOL_SO.sub("", s)
    if " " in s:
        s = _SYMBOL_SPACE.sub(r"\1", s)
    if "ư" in s:
        s = _CENTRAL.sub("tw", s)
    return s.strip(" .,;:")


_LEADING_NUMBER = re.compile(r"^(\d+[a-z]?(?:\.\d+)?)(?=[-/]|$)", re.IGNORECASE)  # (66.17/2026/NQ-CP)


def number_key(number: str | None) -> str | None:
    if not number:
        return None
    n = number.strip().casefold().lstrip("0")
    return n or "0"


def symbol_parts(symbol: str | None) -> tuple[str | None, str | None]:
    """(number, type abbreviation) of a symbol: `25-NQ/TW` -> (25, nq); `71/1998/NĐ-CP` -> (71, nđ)."""
    if not symbol:
        return None, None
    return symbol_key_parts(symbol_key(symbol))


def symbol_key_parts(s: str) -> tuple[str | None, str | None]:
    m = _LEADING_NUMBER.match(s)
    if not m:
        return None, None
    tokens = [t for t in re.split(r"[-/]", s[m.end():]) if t and not re.fullmatch(r"(19|20)\d\d", t)]
    return number_key(m.group(1)), (tokens[0] if tokens else None)


# --------------------------------------------------------------------------- node ids

NO_SYMBOL_PREFIXES = ("doc:", "named:", "registry:")


@dataclass(frozen=True)
class NodeId:
    """A graph node id: `SYMBOL`, `SYMBOL@YEAR`, `SYMBOL#PLACE@YEAR` for documents with a symbol
    (the year tells apart documents sharing a symbol, the place local bodies of different
    provinces), or `doc:<id>` / `named:<type>:<title>` / `registry:<key>` for those without one."""

    symbol: str | None = None
    place: str | None = None
    year: int | None = None
    other: str | None = None  # the whole id of a document without a symbol

    @classmethod
    def parse(cls, node: str) -> "NodeId":
        if node.startswith(NO_SYMBOL_PREFIXES):
            return cls(other=node)
        rest, year = node, None
        at = rest.rfind("@")
        if at >= 0 and rest[at + 1:].isdigit():
            rest, year = rest[:at], int(rest[at + 1:])
        symbol, _, place = rest.partition("#")
        return cls(symbol=symbol or None, place=place or None, year=year)

    def format(self) -> str:
        if self.other:
            return self.other
        return f"{self.symbol or ''}{'#' + self.place if self.place else ''}{'@' + str(self.year) if self.year else ''}"

    def __str__(self) -> str:
        return self.format()


def symbol_of(node: str) -> str | None:
    """The symbol part of a node id (None for documents without a symbol)."""
    return NodeId.parse(node).symbol


def place_of(node: str) -> str | None:
    return NodeId.parse(node).place


def year_of(node: str) -> int | None:
    return NodeId.parse(node).year


# --------------------------------------------------------------------------- document ids


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text[:60] or "doc"


def document_id(path: Path, sha256: str) -> str:
    """Stable id: the file name's slug and the content hash (so a changed file is a new result)."""
    return f"{slug(Path(path).stem)}-{sha256[:8]}"


# --------------------------------------------------------------------------- numerals

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def to_roman(n: int) -> str:
    out = ""
    for value, numeral in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out


def roman_term(term: str | None) -> str | None:
    """Terms (`khóa XI`) are written in Roman numerals; `khóa 11` becomes `XI`."""
    if not term:
        return None
    return to_roman(int(term)) if term.isdigit() else term.upper()


def roman_value(text: str) -> int | None:
    """`XI` → 11, `11` → 11; None for anything else."""
    text = text.upper()
    if text.isdigit():
        return int(text)
    if not text or any(c not in _ROMAN_VALUES for c in text):
        return None
    total = 0
    for a, b in zip(text, text[1:] + " "):
        v = _ROMAN_VALUES[a]
        total += -v if b in _ROMAN_VALUES and _ROMAN_VALUES[b] > v else v
    return total
