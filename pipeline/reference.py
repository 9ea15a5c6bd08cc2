"""Reference data: type words and abbreviations, issuing bodies (`pipeline/data/*.csv`).

The data lives in files shipped inside the package (read through `importlib.resources`), not in
code, so a researcher can extend it without touching the extractor; `DIRECTIVES_REFERENCE_DIR`
points at another copy of the folder.
"""
from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from .keys import fold


def reference_dir() -> Path:
    env = os.environ.get("DIRECTIVES_REFERENCE_DIR")
    if env:
        return Path(env)
    return Path(str(files("pipeline").joinpath("data")))


@dataclass(frozen=True)
class TypeEntry:
    word: str
    abbreviations: tuple[str, ...]
    system: str  # party | state | both


@dataclass(frozen=True)
class BodyEntry:
    abbreviation: str
    name: str
    canonical: str
    level: str
    system: str


def _rows(name: str) -> list[dict[str, str]]:
    with open(reference_dir() / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@lru_cache(maxsize=1)
def load_types() -> tuple[TypeEntry, ...]:
    entries = []
    for row in _rows("types.csv"):
        abbrs = tuple(a for a in (row.get("abbreviations") or "").split("|") if a)
        entries.append(TypeEntry(row["type"], abbrs, row.get("system") or "both"))
    return tuple(entries)


@lru_cache(maxsize=1)
def type_by_word() -> dict[str, TypeEntry]:
    return {fold(t.word): t for t in load_types()}


@lru_cache(maxsize=1)
def types_by_abbreviation() -> dict[str, list[str]]:
    """Abbreviation (case-sensitive, Đ normalized) -> type words that use it, in file order."""
    out: dict[str, list[str]] = {}
    for t in load_types():
        for a in t.abbreviations:
            out.setdefault(a, []).append(t.word)
    return out


def bare(text: str) -> str:
    """Lower case without diacritics (`Quyết định` -> `quyet dinh`, `Đ` -> `d`): how a word reads
    when OCR drops or changes its tone marks."""
    import unicodedata

    out = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d").replace("Ð", "D"))
    return "".join(ch for ch in out if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=1)
def _types_by_bare() -> dict[tuple[str, ...], str]:
    return {tuple(bare(t.word).split()): t.word for t in load_types()}


def loose_type_prefix(line: str) -> tuple[str, int] | None:
    """The type word a line starts with when its tone marks are lost or changed by OCR (`QUYÉT ĐỊNH`,
    `THÔNG BẢO`, `Quyêt định`): (canonical type word, end of it in the line), the longest first."""
    words = list(re.finditer(r"\S+", line[:80]))
    bare_words = tuple(bare(w.group(0)) for w in words)
    table = _types_by_bare()
    for k in range(min(4, len(words)), 0, -1):
        hit = table.get(bare_words[:k])
        if hit:
            return hit, words[k - 1].end()
    return None


@lru_cache(maxsize=1)
def known_places() -> dict[str, str]:
    """The provinces and centrally run cities (`places.csv`), by their bare form (`bare`)."""
    return {bare(r["place"]): r["place"] for r in _rows("places.csv")}


def snap_place(place: str) -> str:
    """A place as OCR read it, with its tone marks put back from the list of provinces when its
    last words read as one of them without them (`Tra Vinh` -> `Trà Vinh`, `TP. Hô Chí Minh` ->
    `TP. Hồ Chí Minh`); any other place as it is."""
    words = place.split()
    places = known_places()
    for k in range(min(4, len(words)), 0, -1):
        tail = " ".join(words[-k:])
        hit = places.get(bare(tail))
        if hit:
            return " ".join(words[:-k] + [hit])
    return place


# Tokens a speck makes inside a name OCR read (`Bộ Chính _ trị`, `Ban Chấp l hành`): no Vietnamese word is
# a rule mark, a lone punctuation mark or a lone lower-case `l` (a stroke of a letter or a speck).
_SPECK_TOKENS = frozenset("_|~¦`'\".,:;“”‘’") | {"l", "__"}
_GLUED_SPECKS = "'`\""


@lru_cache(maxsize=1)
def _issuer_phrases() -> dict[tuple[str, ...], tuple[str, ...] | None]:
    """The phrases issuers' names are made of (`issuer_words.csv`, and the bodies' names of `bodies.csv`)
    by their bare words -> their words as spelt; None where two spellings share the bare words."""
    out: dict[tuple[str, ...], tuple[str, ...] | None] = {}
    names = [r["phrase"] for r in _rows("issuer_words.csv")] + [b.name for b in load_bodies()]
    for name in names:
        words = tuple(name.split())
        if len(words) < 2:
            continue  # one word alone is too often another word (`Bố`, `Bộ`): a phrase gives the context
        key = tuple(bare(w) for w in words)
        if key in out and out[key] is not None and fold(" ".join(out[key])) != fold(name):
            out[key] = None
        else:
            out.setdefault(key, words)
    return out


def issuer_phrase(bare_words: tuple[str, ...]) -> tuple[str, ...] | None:
    """The phrase of the names of bodies (`_issuer_phrases`) that reads as these bare words, if one does."""
    return _issuer_phrases().get(bare_words)


@lru_cache(maxsize=1)
def issuer_phrase_length() -> int:
    return max(len(k) for k in _issuer_phrases())


def spelt_as(written: str, known: str) -> str:
    """`known`'s letters (tone marks, `đ`) in `written`'s case: `THÀNH UY` + `Thành ủy` -> `THÀNH ỦY`."""
    if len(written) != len(known):
        return known
    return "".join(k.upper() if w.isupper() else k.lower() if w.islower() else k for w, k in zip(written, known))


@lru_cache(maxsize=65536)
def snap_issuer(issuer: str) -> str:
    """An issuer as OCR read it, put right where the damage is unambiguous: specks read as lone marks
    go (`Bộ Chính _ trị`, `Ban Chấp l hành`), and a phrase of the names of bodies whose tone marks or
    `đ` OCR changed or dropped takes them back (`Đảng bộ Khôi` -> `Đảng bộ Khối`, `Thành uy`, `Chính phú`,
    `Dảng ủy`), only where exactly one known phrase reads so without them. Other words stay as read
    (a place's or a person's name is no phrase of the list)."""
    # A speck read as a quote glued to a word (`Ban 'Chấp hành`, office copy of seed 002): no body's name
    # holds a straight quote.
    words = [w.lstrip(_GLUED_SPECKS) if w[0] in _GLUED_SPECKS and w.lstrip(_GLUED_SPECKS)[:1].isalpha() else w
             for w in issuer.split() if w not in _SPECK_TOKENS]
    if not words:
        return issuer
    phrases = _issuer_phrases()
    longest = max(len(k) for k in phrases)
    # A word's punctuation (`học,`) is kept where it is; the phrase is matched without it.
    cores = [w.rstrip(",.;:") for w in words]
    keys = [bare(c) for c in cores]
    i = 0
    while i < len(words):
        for k in range(min(longest, len(words) - i), 1, -1):
            known = phrases.get(tuple(keys[i:i + k]))
            if known:
                words[i:i + k] = [spelt_as(c, p) + w[len(c):]
                                  for w, c, p in zip(words[i:i + k], cores[i:i + k], known)]
                i += k
                break
        else:
            i += 1
    return _snap_issuer_place(words)


# The level words a province or city follows in a body's name, by their bare form.
_PLACE_LEVELS = {("tinh",): "tỉnh", ("thanh", "pho"): "thành phố"}


def _snap_issuer_place(words: list[str]) -> str:
    """The province or city that ends an issuer's name, and its level word, with the tone marks of the
    list of provinces put back (`thành phó cân thơ` -> `thành phố Cần Thơ`, `tỉnh Tiên Giang` -> `tỉnh
    Tiền Giang`): only when the words after the level word read as one province without them."""
    places = known_places()
    keys = [bare(w) for w in words]
    for i in range(len(words) - 1, -1, -1):
        for level, spelt in _PLACE_LEVELS.items():
            if tuple(keys[i:i + len(level)]) != level:
                continue
            tail = words[i + len(level):]
            hit = places.get(bare(" ".join(tail))) if 0 < len(tail) <= 4 else None
            if hit is None:
                return " ".join(words)
            level_words = [spelt_as(w, k) for w, k in zip(words[i:i + len(level)], spelt.split())]
            return " ".join(words[:i] + level_words + [hit])
    return " ".join(words)


def canonical_type(word: str) -> str | None:
    """The canonical spelling of a type word as written (`NGHỊ QUYẾT` -> `Nghị quyết`)."""
    entry = type_by_word().get(fold(word))
    return entry.word if entry else None


def abbreviation_for(type_word: str, system: str) -> str | None:
    """The standard abbreviation of a type in a system (`Quy định`, party -> `QĐ`)."""
    entry = type_by_word().get(fold(type_word))
    if not entry or not entry.abbreviations:
        return None
    if system == "party":
        # HD 36: Party Quy định documents carry QĐ in practice (QĐi is rare).
        for a in entry.abbreviations:
            if a in ("QĐ", "NQ", "CT", "KL", "QC", "HD", "TB", "BC", "KH", "CTr", "TTr", "CV", "BB", "ĐA", "TT"):
                return a
    return entry.abbreviations[0]


def type_matches_abbreviation(type_word: str, abbr: str) -> bool:
    return type_word in types_by_abbreviation().get(abbr, [])


@lru_cache(maxsize=1)
def load_bodies() -> tuple[BodyEntry, ...]:
    return tuple(
        BodyEntry(r.get("abbreviation") or "", r["name"], r["canonical"], r["level"], r.get("system") or "")
        for r in _rows("bodies.csv")
    )


@lru_cache(maxsize=1)
def bodies_by_abbreviation() -> dict[str, BodyEntry]:
    return {b.abbreviation: b for b in load_bodies() if b.abbreviation}


@lru_cache(maxsize=1)
def issuer_codes() -> dict[str, str]:
    """The issuers' codes written in symbols (`BGTVT`, `SYT`, `TTg`; `issuer_codes.csv` and the
    abbreviations of `bodies.csv`) -> the body's name: what an OCR misreading of a code is put back to."""
    out = {b.abbreviation: b.name for b in load_bodies() if b.abbreviation}
    for r in _rows("issuer_codes.csv"):
        out.setdefault(r["code"], r["name"])
    return out


@lru_cache(maxsize=1)
def _bodies_by_name() -> list[tuple[str, BodyEntry]]:
    # Longest names first: `Ban Dân vận Tỉnh ủy` before `Tỉnh ủy`.
    pairs = [(_body_key(b.name), b) for b in load_bodies()]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


_DASH_SPACING = re.compile(r"\s*-\s*")


def _body_key(name: str) -> str:
    """fold(name), a dash spaced one way (`BỘ LAO ĐỘNG-THƯƠNG BINH VÀ XÃ HỘI`, `Bộ Lao động - Thương binh ...`)."""
    return _DASH_SPACING.sub(" - ", fold(name))


def known_body_name(name: str | None) -> str | None:
    """The reference data's spelling of a body written as `name` but for case, spacing and tone placement
    (a header in capitals title-cased: `Bộ lao động-thương binh và xã hội`); None when it names no known body."""
    if not name:
        return None
    key = _body_key(name)
    for body_key, body in _bodies_by_name():
        if key == body_key:
            return body.name
    return _coded_names().get(key)


@lru_cache(maxsize=1)
def _coded_names() -> dict[str, str]:
    """The names of the bodies whose codes symbols carry (`Bộ Kế hoạch và Đầu tư`, `Bộ Công Thương`), as written."""
    return {_body_key(name): name for name in issuer_codes().values()}


LOCAL_WORDS = {
    "tỉnh ủy": "province", "thành ủy": "province", "tỉnh": "province", "thành phố": "province",
    "huyện ủy": "district", "quận ủy": "district", "thị ủy": "district", "huyện": "district",
    "quận": "district", "thị xã": "district", "đảng ủy khối": "unit", "đảng bộ khối": "unit",
    "đảng ủy": "unit", "chi bộ": "unit", "đảng bộ": "unit", "sở": "province", "ban chỉ đạo": "unit",
}


@lru_cache(maxsize=65536)
def canonical_body(name: str | None, symbol_issuer: str | None = None) -> tuple[str | None, str | None]:
    """Map an issuer as written (and/or the issuer part of a symbol) to (canonical body, level)."""
    if name:
        key = _body_key(name)
        for body_key, body in _bodies_by_name():
            if key == body_key:
                return body.canonical, body.level
        # Central bodies named inside a longer phrase (`Ban Bí thư Trung ương Đảng`).
        for central in ("bộ chính trị", "ban bí thư", "ban chấp hành trung ương", "chính phủ", "thủ tướng",
                        "quốc hội", "ủy ban thường vụ quốc hội"):
            if key.startswith(central):
                for body_key, body in _bodies_by_name():
                    if body_key.startswith(central):
                        return body.canonical, body.level
        if re.search(r"(?:^|\s)(?:trung ương|tw|tư|t\.ư)(?:\s|$)", key) and "tỉnh" not in key:
            return name, "central"  # `Ban Chỉ đạo TW`, `Đảng ủy Khối các cơ quan Trung ương`
        # The place a body belongs to decides its level before the kind of body does:
        # `Ban Chấp hành Đảng bộ Quận 10` is a district's.
        for level in ("unit:khối", "province", "district", "unit"):
            for word, lv in sorted(LOCAL_WORDS.items(), key=lambda p: len(p[0]), reverse=True):
                if level == "unit:khối":
                    if "khối" in word and word in key:
                        return name, "unit"
                    continue
                if lv == level and re.search(rf"(?:^|\s){re.escape(word)}(?:\s|$)", key):
                    return name, level
    if symbol_issuer:
        body = bodies_by_abbreviation().get(symbol_issuer.rstrip("0123456789"))
        if body:
            return body.canonical, body.level
    return (name, None) if name else (None, None)


_PLACE_AFTER = re.compile(
    r"(?:tỉnh ủy|thành ủy|huyện ủy|quận ủy|thị ủy|tỉnh|thành phố|huyện|quận|thị xã)\s+"
    r"((?:\d{1,2}\b|[A-ZĐÂĂÊÔƠƯ][^\s,;.()]*)(?:\s+[A-ZĐÂĂÊÔƠƯ][^\s,;.()]*){0,3})",
    re.IGNORECASE,
)


def jurisdiction_of(issuer: str | None) -> str | None:
    """The place a local body's name carries: `Ban Thường vụ Tỉnh ủy Trà Vinh` -> `Trà Vinh`,
    `Ủy ban nhân dân thành phố Hải Phòng` -> `Hải Phòng`, `Đảng bộ Quận 10` -> `Quận 10`."""
    if not issuer:
        return None
    m = _PLACE_AFTER.search(issuer)
    if not m:
        return None
    place = m.group(1)
    if not place[0].isupper() and not place[0].isdigit():
        return None
    if place[0].isdigit():
        word = issuer[m.start(): m.start(1)].strip().split()[-1]
        return f"{word.capitalize()} {place}"
    return place.title() if place.isupper() else place


@lru_cache(maxsize=2)
def type_defaults(system: str) -> dict[str, str]:
    """The type a symbol's abbreviation means when no type word is written (`25-NQ/TW` is a Nghị
    quyết; Party `TT` is a Thông tri, State `TT` a Thông tư): `type_defaults.csv`."""
    return {r["abbreviation"]: r["type"] for r in _rows("type_defaults.csv") if r["system"] == system}


@lru_cache(maxsize=1)
def central_party_bodies() -> tuple[str, ...]:
    """The three bodies whose documents carry `/TW` (`central_party_bodies.csv`)."""
    return tuple(r["body"] for r in _rows("central_party_bodies.csv"))
