"""Normalizing: raw text becomes clean NFC Vietnamese, with a map back to the original offsets.

`clean_text(text)` repairs, each recorded as a `Repair` in original offsets:

* Unicode NFC (text may arrive decomposed or mixed);
* no-break spaces become spaces; zero-width characters and soft hyphens are removed;
* `Ð`/`ð` (eth, an OCR and font confusion) become `Đ`/`đ`; OCR's doubled `ĐÐ` inside an upper-case
  token (`QĐÐ`) becomes one `Đ`;
* words in the legacy 8-bit encodings VNI-Windows and TCVN3 (ABC), read as Windows-1252/Latin-1,
  are decoded word by word (documents mix them with Unicode), only where the decoded word is a valid
  Vietnamese syllable and the word as written is not;
* tone marks scattered over the wrong vowels by some web sites (`lúận`) are put back on the vowel
  that carries them (`luận`), only where that gives a valid syllable and the written one is not.

Nothing else changes: case, line breaks, dashes and spacing stay as written, because later stages
read the line structure. Clean text (the common case) is returned as is with an identity map that
costs nothing to build.

The legacy code tables are data: `pipeline/data/legacy_encodings/{vni,tcvn3}.tsv`.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from typing import Iterator, Sequence, overload

from . import patterns as P
from .reference import bare, issuer_phrase, issuer_phrase_length, reference_dir, spelt_as

__all__ = ["CleanText", "OffsetMap", "Repair", "clean_text", "is_valid_syllable", "reference_dir", "retone_ocr_phrases"]


# --------------------------------------------------------------------------------------------
# Results


@dataclass
class Repair:
    kind: str  # nfc | space | zero-width | soft-hyphen | eth | doubled-d | vni | tcvn3 | tone | ocr
    start: int  # span in the original text
    end: int
    original: str  # original[start:end]
    replacement: str  # what stands for it in the clean text


class OffsetMap(Sequence[int]):
    """offsets[i] = offset in the original text of clean character i; len == len(clean) + 1.

    Stored as a piecewise-linear map (segment starts in the clean text and the original), so an
    unchanged text costs two integers; `to_list()`/`to_array()` materialize it."""

    __slots__ = ("_n", "_o", "_len", "_array")

    def __init__(self, clean_starts: list[int], orig_starts: list[int]):
        # Segment k maps clean [n[k], n[k+1]) linearly onto original o[k]...; the last entry is the
        # sentinel (len(clean), len(original)).
        self._n = clean_starts
        self._o = orig_starts
        self._len = clean_starts[-1] + 1
        self._array: array | None = None

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls([0, length], [0, length])

    @property
    def is_identity(self) -> bool:
        return all(a == b for a, b in zip(self._n, self._o))

    def __len__(self) -> int:
        return self._len

    def _at(self, i: int) -> int:
        k = bisect_right(self._n, i) - 1
        return self._o[k] + (i - self._n[k])

    @overload
    def __getitem__(self, i: int) -> int: ...
    @overload
    def __getitem__(self, i: slice) -> list[int]: ...

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._len))]
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("offset index out of range")
        return self._at(i)

    def __iter__(self) -> Iterator[int]:
        return iter(self.to_array())

    def to_array(self) -> array:
        if self._array is None:
            out = array("i")
            n, o = self._n, self._o
            for k in range(len(n) - 1):
                out.extend(range(o[k], o[k] + n[k + 1] - n[k]))
            out.append(o[-1])
            self._array = out
        return self._array

    def to_list(self) -> list[int]:
        return self.to_array().tolist()

    def __eq__(self, other) -> bool:
        if isinstance(other, OffsetMap):
            other = other.to_array()
        try:
            return len(self) == len(other) and all(a == b for a, b in zip(self.to_array(), other))
        except TypeError:
            return NotImplemented

    def __repr__(self) -> str:
        return f"OffsetMap(segments={list(zip(self._n, self._o))})"


@dataclass
class CleanText:
    text: str  # the repaired text
    offsets: OffsetMap  # offsets[i] = original offset of clean char i; len(text) + 1 entries
    repairs: list[Repair] = field(default_factory=list)

    def to_original(self, i: int) -> int:
        """Original offset of clean offset i (0 <= i <= len(text))."""
        if not 0 <= i <= len(self.text):
            raise IndexError(f"offset {i} outside 0..{len(self.text)}")
        return self.offsets._at(i)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering the clean span [start, end)."""
        s = self.to_original(start)
        if end <= start:
            return s, s
        return s, _span_end(self.offsets, end)


def _span_end(m: OffsetMap, end: int) -> int:
    # Characters that came from one source sequence (a VNI letter, an NFC cluster) all point at its
    # start; the span must run to the next clean character with a later source.
    last = m._at(end - 1)
    e = m._at(end)
    if e > last:
        return e
    n, o = m._n, m._o
    k = bisect_right(n, end)
    while k < len(n) and o[k] <= last:
        k += 1
    return o[k] if k < len(n) else o[-1]


# --------------------------------------------------------------------------------------------
# Legacy code tables (data files)


def _read_table(name: str) -> dict[str, str]:
    table: dict[str, str] = {}
    path = reference_dir() / "legacy_encodings" / name
    with open(path, encoding="utf-8") as f:
        header = True
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if header:
                header = False
                continue
            table[cols[0]] = cols[1]
    return table


@lru_cache(maxsize=None)
def vni_table() -> dict[str, str]:
    return _read_table("vni.tsv")


@lru_cache(maxsize=None)
def tcvn3_table() -> dict[str, str]:
    return _read_table("tcvn3.tsv")


# --------------------------------------------------------------------------------------------
# Vietnamese syllables: onset + rhyme + tone on the right vowel

_TONE_MARKS = {"\u0300": "huyen", "\u0301": "sac", "\u0303": "nga", "\u0309": "hoi", "\u0323": "nang"}
_TONE_BY_NAME = {v: k for k, v in _TONE_MARKS.items()}
_LETTERS = set("abcdeghiklmnopqrstuvxyăâđêôơư")
_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
           "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
_STOPS = {"c", "ch", "p", "t"}


def _build_rhymes() -> dict[str, tuple[frozenset[int], str]]:
    """rhyme (toneless, lower case) -> (vowel positions that may carry the tone, coda)."""
    spec = [
        # nucleus, codas, tone position with a coda, positions without one
        ("a", ["", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u", "y"], {0}, {0}),
        ("ă", ["c", "m", "n", "ng", "p", "t"], {0}, {0}),
        ("â", ["c", "m", "n", "ng", "p", "t", "u", "y"], {0}, {0}),
        ("e", ["", "c", "ch", "m", "n", "ng", "nh", "p", "t", "o"], {0}, {0}),
        ("ê", ["", "ch", "m", "n", "nh", "p", "t", "u"], {0}, {0}),
        ("i", ["", "ch", "m", "n", "nh", "p", "t", "u"], {0}, {0}),
        ("y", ["", "nh", "t", "ch", "n"], {0}, {0}),
        ("o", ["", "c", "m", "n", "ng", "p", "t", "i"], {0}, {0}),
        ("ô", ["", "c", "m", "n", "ng", "p", "t", "i"], {0}, {0}),
        ("ơ", ["", "m", "n", "p", "t", "i"], {0}, {0}),
        ("u", ["", "c", "m", "n", "ng", "p", "t", "i"], {0}, {0}),
        ("ư", ["", "c", "m", "n", "ng", "t", "i", "u"], {0}, {0}),
        ("iê", ["c", "m", "n", "ng", "p", "t", "u"], {1}, {1}),
        ("yê", ["c", "m", "n", "ng", "p", "t", "u"], {1}, {1}),
        ("ia", [""], {0}, {0}),
        ("uô", ["c", "i", "m", "n", "ng", "p", "t"], {1}, {1}),
        ("ua", [""], {0}, {0}),
        ("ươ", ["c", "i", "m", "n", "ng", "p", "t", "u"], {1}, {1}),
        ("ưa", [""], {0}, {0}),
        # oa, oe, uy without a coda: old (hòa, thủy) and new (hoà, thuỷ) placement are both right
        ("oa", ["", "c", "ch", "i", "m", "n", "ng", "nh", "p", "t", "y"], {1}, {0, 1}),
        ("oă", ["c", "m", "n", "ng", "t"], {1}, {1}),
        ("oe", ["", "n", "t", "o"], {1}, {0, 1}),
        ("uê", ["", "ch", "n", "nh"], {1}, {1}),
        ("uâ", ["n", "ng", "t", "y"], {1}, {1}),
        ("uy", ["", "ch", "n", "nh", "t", "u", "a"], {1}, {0, 1}),
        ("uyê", ["n", "t"], {2}, {2}),
        ("uơ", [""], {1}, {1}),
    ]
    rhymes: dict[str, tuple[frozenset[int], str]] = {}
    for nucleus, codas, with_coda, without in spec:
        for coda in codas:
            rhymes[nucleus + coda] = (frozenset(with_coda if coda else without), coda)
    return rhymes


_RHYMES = _build_rhymes()
_FRONT = ("i", "e", "ê", "y")


def _split_tone(word: str) -> tuple[str, str | None, int, int] | None:
    """Lower-cased toneless letters, the tone, its position and the number of tone marks.
    None when the word has anything but Vietnamese letters."""
    bases: list[str] = []
    tone = None
    pos = -1
    count = 0
    for ch in unicodedata.normalize("NFD", word.lower()):
        t = _TONE_MARKS.get(ch)
        if t is not None:
            if not bases:
                return None
            count += 1
            tone, pos = t, len(bases) - 1
        elif unicodedata.combining(ch):
            if not bases:
                return None
            bases[-1] = unicodedata.normalize("NFC", bases[-1] + ch)
        else:
            bases.append(ch)
    if not all(b in _LETTERS for b in bases):
        return None
    return "".join(bases), tone, pos, count


def _parse(toneless: str) -> list[tuple[str, frozenset[int], str]]:
    """Every reading onset + rhyme of a toneless syllable: (onset, absolute tone positions, coda)."""
    readings = []
    for onset in _ONSETS:
        if not toneless.startswith(onset):
            continue
        rhyme = toneless[len(onset):]
        if not rhyme:
            continue
        entry = _RHYMES.get(rhyme)
        shift = len(onset)
        if onset == "gi" and entry is None:
            # gi + iê...: the i is shared (giếng, giết)
            entry = _RHYMES.get("i" + rhyme)
            shift -= 1
        if entry is None:
            continue
        first = rhyme[0]
        if onset in ("gh", "ngh") and first not in _FRONT:
            continue
        if onset in ("c", "ng") and first in _FRONT:
            continue
        if onset == "g" and first in ("e", "ê"):
            continue
        if onset == "qu" and first in ("u", "o"):
            continue
        if onset == "" and toneless.startswith("q"):
            continue
        readings.append((onset, frozenset(p + shift for p in entry[0]), entry[1]))
    return readings


@lru_cache(maxsize=65536)
def is_valid_syllable(word: str) -> bool:
    """A valid Vietnamese syllable (any case, NFC or not): onset + rhyme, at most one tone mark, on a
    vowel that may carry it, and only sắc or nặng before a final c, ch, p, t."""
    split = _split_tone(word)
    if split is None:
        return False
    toneless, tone, pos, count = split
    if count > 1:
        return False
    for _onset, positions, coda in _parse(toneless):
        if coda in _STOPS and tone not in ("sac", "nang"):
            continue  # a final stop takes only the two checked tones
        if tone is None or pos in positions:
            return True
    return False


def _plausible_case(word: str) -> bool:
    """Lower, upper or title case: how real words are written (TCVN3 read as Latin-1 puts capitals
    inside lower-case words: chÊn)."""
    return word.islower() or word.isupper() or (word[:1].isupper() and word[1:].islower()) or len(word) < 2


# --------------------------------------------------------------------------------------------
# Word-level repairs


def _decode_vni(word: str) -> tuple[str, list[int]] | None:
    table = vni_table()
    out: list[str] = []
    src: list[int] = []
    i, n = 0, len(word)
    changed = False
    while i < n:
        two = word[i:i + 2]
        if len(two) == 2 and two in table:
            out.append(table[two])
            src.append(i)
            i += 2
            changed = True
            continue
        ch = word[i]
        rep = table.get(ch)
        if rep is not None:
            changed = True
        out.append(rep or ch)
        src.append(i)
        i += 1
    return ("".join(out), src) if changed else None


def _decode_tcvn3(word: str) -> str | None:
    table = tcvn3_table()
    out = "".join(table.get(ch, ch) for ch in word)
    if out == word:
        return None
    # VN3 has no toned capitals: upper-case words are written with lower-case codes in an upper-case
    # font, so a word whose ASCII letters after the first are capitals is restored in capitals.
    ascii_letters = [c for c in word[1:] if c.isascii() and c.isalpha()]
    if ascii_letters and all(c.isupper() for c in ascii_letters):
        out = out.upper()
    return out


def _cp1252_only(word: str) -> bool:
    for ch in word:
        if ord(ch) > 0xFF:
            return False
    return True


def _simple_fix(word: str) -> str:
    """Eth to d-stroke: the spelling to judge a word by as Unicode. Soft hyphens stay: inside a
    Windows-1252 word 0xAD is more likely TCVN3's ư (n\xadíc = nước) than a hyphenation point."""
    return word.replace("\u00d0", "Đ").replace("\u00f0", "đ")


@lru_cache(maxsize=65536)
def _legacy_readings(word: str) -> tuple[tuple[str, str, tuple[int, ...]], ...]:
    """The readings (encoding, decoded word, source index of each decoded char) of a word that is
    legacy-encoded: written only with Windows-1252 characters, not a valid Vietnamese word as
    Unicode, valid when decoded. Two readings when VNI and TCVN3 both fit (the run decides)."""
    if not _cp1252_only(word) or not any("a" <= c <= "z" or "A" <= c <= "Z" for c in word):
        return ()  # a lone legacy character («, ¸) is decoded only inside a run
    fixed = _simple_fix(word)
    if _plausible_case(fixed) and is_valid_syllable(fixed):
        return ()
    return _decodings(word)


def _decodings(word: str) -> tuple[tuple[str, str, tuple[int, ...]], ...]:
    out = []
    vni = _decode_vni(word)
    if vni is not None and _plausible_case(vni[0]) and is_valid_syllable(vni[0]):
        out.append(("vni", vni[0], tuple(vni[1])))
    tcvn = _decode_tcvn3(word)
    if tcvn is not None and _plausible_case(tcvn) and is_valid_syllable(tcvn):
        out.append(("tcvn3", tcvn, tuple(range(len(word)))))
    return tuple(out)


@lru_cache(maxsize=65536)
def _run_reading(word: str, encoding: str) -> tuple[str, tuple[int, ...]] | None:
    """The `encoding` reading of a word inside a run of that encoding, even when the word also reads
    right as Unicode (VNI `hoá` = hố, TCVN3 `bé` = bộ)."""
    if not _cp1252_only(word):
        return None
    for enc, new, src in _decodings(word):
        if enc == encoding:
            return new, src
    # Upper-case abbreviations with a d-stroke (QÑ, §UK = QĐ, ĐUK) are no syllables.
    stroke = "Ñ" if encoding == "vni" else "§"
    if stroke in word and word.replace(stroke, "").isascii() and word.replace(stroke, "D").isupper():
        return word.replace(stroke, "Đ"), tuple(range(len(word)))
    return None


@lru_cache(maxsize=65536)
def _retone(word: str) -> str | None:
    """The word with its tone on the right vowel, when the written placement is invalid and exactly
    one repair gives a valid syllable; else None."""
    if is_valid_syllable(word):
        return None
    nfc = unicodedata.normalize("NFC", word)
    marks: list[tuple[int, str]] = []  # (char index, tone) in the NFC word
    plain: list[str] = []
    for i, ch in enumerate(nfc):
        tone = None
        kept = []
        for c in unicodedata.normalize("NFD", ch):
            if c in _TONE_MARKS:
                tone = _TONE_MARKS[c]
            else:
                kept.append(c)
        plain.append(unicodedata.normalize("NFC", "".join(kept)))
        if tone:
            marks.append((i, tone))
    if not marks:
        return None
    toneless = "".join(plain).lower()
    if len(toneless) != len(plain):
        return None
    results = set()
    for _onset, positions, coda in _parse(toneless):
        on_right = [(i, t) for i, t in marks if i in positions]
        if len(on_right) == 1:
            target, tone = on_right[0]
        elif not on_right and len({t for _, t in marks}) == 1 and len(positions) == 1:
            target, tone = next(iter(positions)), marks[0][1]
        else:
            continue
        chars = list(plain)
        chars[target] = unicodedata.normalize("NFC", chars[target] + _TONE_BY_NAME[tone])
        candidate = "".join(chars)
        if is_valid_syllable(candidate):
            results.add(candidate)
    if len(results) == 1:
        return results.pop()
    return None


# --------------------------------------------------------------------------------------------
# Patterns

_NBSP = "\u00a0\u202f\u2007"  # no-break spaces (plain, narrow, figure)
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_SPACE_RE = re.compile(f"[{_NBSP}{_ZERO_WIDTH}]")
_ODD_SPACES = tuple(_NBSP + _ZERO_WIDTH)
_VIET_LATIN1 = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý"
# Latin-1 letters that never occur in Vietnamese, and the TCVN3 letter bytes in the symbol range
_FOREIGN_LATIN1 = "".join(chr(c) for c in range(0xC0, 0x100) if chr(c) not in _VIET_LATIN1)
_TCVN3_SYMBOLS = "\u00a1-\u00ae\u00b5-\u00b9\u00bb-\u00be"


def _toned_vowels() -> str:
    out = []
    for base in "aăâeêioôơuưy":
        for mark in _TONE_MARKS:
            ch = unicodedata.normalize("NFC", base + mark)
            out += [ch, ch.upper()]
    return "".join(out)


_TONED = _toned_vowels()
_PLAIN_VOWELS = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
_CONSONANTS = "bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX"

# Anything that may need a word-level repair; clean Unicode Vietnamese matches none of it. Each
# pattern starts with a single character class so that the regex engine scans for it in C.
_CHAR_TRIGGERS = f"\xad{_FOREIGN_LATIN1}{_TCVN3_SYMBOLS}"
_TRIGGER_RES = (
    # One scan for the character-level signs, anchored on a single class (much faster than an
    # alternation, which the engine tries at every position):
    re.compile(
        f"[{_CHAR_TRIGGERS}ùõÙÕâáàãÂÁÀÃêéèúÊÉÈÚòóÒÓÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ](?:"
        # eth, soft hyphen, Latin-1 letters foreign to Vietnamese, TCVN3 letters in the symbol range
        f"(?<=[{_CHAR_TRIGGERS}])"
        # VNI vowel + mark byte, where the pair never occurs in Unicode Vietnamese (oá, uâ, iê do)
        "|(?<=[aeiouyôöAEIOUYÔÖ][ùõÙÕ])|(?<=[aeAE][âáàãÂÁÀÃ])|(?<=[oO][âÂ])|(?<=[aA][êéèúÊÉÈÚ])"
        # VNI ị/ĩ after a consonant that only stands before i (Nghò = Nghị)
        "|(?<=[gG][hH][òóÒÓ])|(?<=[kK][òóÒÓ])"
        # a capital inside a lower-case word: TCVN3 toned letters (chÊn = chấn)
        "|(?<=[a-z][ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ]))"
    ),
    # two tones in one vowel cluster, or a tone before the last vowel of a closed rhyme
    re.compile(f"[{_TONED}](?=[{_TONED}]|[{_PLAIN_VOWELS}]+[{_CONSONANTS}])"),
)


def _has_trigger(text: str) -> bool:
    return any(r.search(text) is not None for r in _TRIGGER_RES)


def _triggers(text: str) -> list[int]:
    # A match's start may be the second character of a pair; the token lookup takes care of it.
    return sorted({m.start() for r in _TRIGGER_RES for m in r.finditer(text)})


_TOKEN_EXTRA = set("\xad\u00d7\u00f7") | {chr(c) for c in range(0xA1, 0xAF)} | {chr(c) for c in range(0xB5, 0xBA)} \
    | {chr(c) for c in range(0xBB, 0xBF)}
_TOKEN_RE = re.compile(f"(?:[^\\W\\d_]|[\xad\u00d7\u00f7{_TCVN3_SYMBOLS}])+")


def _is_token_char(ch: str) -> bool:
    return ch in _TOKEN_EXTRA or (ch.isalpha())


# --------------------------------------------------------------------------------------------
# Editing with an offset map

# An edit: (start, end, replacement, source index within [start, end) of each replacement char)
Edit = tuple[int, int, str, tuple[int, ...]]


def _apply(text: str, edits: list[Edit]) -> tuple[str, list[int], list[int]]:
    """Apply sorted, non-overlapping edits; return the new text and its segment map onto `text`."""
    pieces: list[str] = []
    ns: list[int] = []
    os_: list[int] = []
    out_len = 0
    pos = 0

    def segment(n: int, o: int) -> None:
        if ns and os_[-1] + (n - ns[-1]) == o:
            return  # continues the previous segment
        ns.append(n)
        os_.append(o)

    for start, end, rep, src in edits:
        if start > pos:
            segment(out_len, pos)
            pieces.append(text[pos:start])
            out_len += start - pos
        for k, s in enumerate(src):
            segment(out_len + k, start + s)
        pieces.append(rep)
        out_len += len(rep)
        pos = end
    if pos < len(text) or not ns:
        segment(out_len, pos)
        pieces.append(text[pos:])
        out_len += len(text) - pos
    ns.append(out_len)
    os_.append(len(text))
    return "".join(pieces), ns, os_


def _compose(outer_n: list[int], outer_o: list[int], inner: OffsetMap) -> OffsetMap:
    """Map (new -> mid) followed by inner (mid -> original)."""
    in_n, in_o = inner._n, inner._o
    ns: list[int] = []
    os_: list[int] = []

    def segment(n: int, o: int) -> None:
        if ns and os_[-1] + (n - ns[-1]) == o:
            return
        ns.append(n)
        os_.append(o)

    for k in range(len(outer_n) - 1):
        a, length, b = outer_n[k], outer_n[k + 1] - outer_n[k], outer_o[k]
        if length <= 0:
            continue
        j = bisect_right(in_n, b) - 1
        x = b
        while x < b + length:
            seg_end = in_n[j + 1] if j + 1 < len(in_n) else b + length
            segment(a + (x - b), in_o[j] + (x - in_n[j]))
            x = min(b + length, seg_end) if seg_end > x else b + length
            j += 1
    ns.append(outer_n[-1])
    os_.append(in_o[-1])
    return OffsetMap(ns, os_)


# --------------------------------------------------------------------------------------------
# Stages


# The planes that hold every character with a combining class or a decomposition: 0-3 and 14 (4-13 are not
# assigned, 15 and 16 are private use). tests/test_normalize.py checks the tables below against all code points.
_MARKED_PLANES = (range(0x40000), range(0xE0000, 0xE1000))


@lru_cache(maxsize=1)
def _unicode_tables() -> tuple[tuple[int, ...], tuple[tuple[int, str], ...]]:
    """(the code points with a combining class, each code point with a canonical decomposition and it), in one
    pass over the planes that have them (a third of the CPU of three passes over all code points, once a process)."""
    combining, canonical = [], []
    for plane in _MARKED_PLANES:
        for cp in plane:
            ch = chr(cp)
            if unicodedata.combining(ch):
                combining.append(cp)
            d = unicodedata.decomposition(ch)
            if d and not d.startswith("<"):
                canonical.append((cp, d))
    return tuple(combining), tuple(canonical)


@lru_cache(maxsize=1)
def _composing_secondaries() -> frozenset[str]:
    """Starters that NFC may compose with the character before them (Hangul vowels and trailing
    consonants, a few others): a text may not be cut before them."""
    out = set()
    for _, d in _unicode_tables()[1]:
        parts = d.split()
        if len(parts) == 2:
            second = chr(int(parts[1], 16))
            if not unicodedata.combining(second):
                out.add(second)
    out.update(chr(c) for c in range(0x1161, 0x1176))
    out.update(chr(c) for c in range(0x11A8, 0x11C3))
    return frozenset(out)


def _nfc_edits(text: str) -> list[Edit]:
    """NFC's changes, cluster by cluster: a character with the combining marks and composing secondaries
    after it (a run of them at the start of the text is a cluster of its own). Only clusters that can
    change are normalized: those with a mark or secondary, and lone characters NFC replaces (found by
    two scans, not character by character)."""
    secondaries = _composing_secondaries()
    clusters: list[tuple[int, int]] = []
    # (a text with no character beyond the BMP, nearly every one, is scanned with the classes' BMP part)
    bmp = _ASTRAL_RE.search(text) is None
    for m in _marks_re(bmp).finditer(text):
        clusters.append((m.start() - 1 if m.start() else 0, m.end()))
    n = len(text)
    for m in _replaced_re(bmp).finditer(text):
        k = m.start()
        nxt = text[k + 1] if k + 1 < n else ""
        if not (nxt and (unicodedata.combining(nxt) or nxt in secondaries)):
            clusters.append((k, k + 1))
    edits: list[Edit] = []
    for i, j in sorted(clusters):
        cluster = text[i:j]
        composed = unicodedata.normalize("NFC", cluster)
        if composed != cluster:
            edits.append((i, j, composed, (0,) * len(composed)))
    return edits


def _class_of(chars: list[int]) -> str:
    """A character class of code points, as ranges (a class of single characters compiles slowly)."""
    parts, k = [], 0
    while k < len(chars):
        a = b = chars[k]
        while k + 1 < len(chars) and chars[k + 1] == b + 1:
            k += 1
            b = chars[k]
        parts.append(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else ""))
        k += 1
    return "[" + "".join(parts) + "]"


# A character beyond the BMP. A class holding some is tested range by range at every character (the BMP part
# alone, one table lookup): the marks' class scans at 8 MB/s, its BMP part at 130 MB/s.
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=2)
def _marks_re(bmp: bool = False) -> re.Pattern[str]:
    """A run of combining marks and composing secondaries (what extends a cluster); `bmp`: those of the BMP."""
    chars = sorted(set(_unicode_tables()[0]) | {ord(ch) for ch in _composing_secondaries()})
    return re.compile(_class_of([c for c in chars if c <= 0xFFFF] if bmp else chars) + "+")


@lru_cache(maxsize=2)
def _replaced_re(bmp: bool = False) -> re.Pattern[str]:
    """A character that NFC replaces on its own (`\u2126` Ω, `\u212b` Å, `\u2000`, ...), other than a mark;
    `bmp`: those of the BMP."""
    secondaries = _composing_secondaries()
    # Such a character has a canonical decomposition (NFC gives back any other character as it is).
    chars = [cp for cp, _ in _unicode_tables()[1] if not unicodedata.combining(chr(cp)) and chr(cp) not in secondaries
             and unicodedata.normalize("NFC", chr(cp)) != chr(cp) and (cp <= 0xFFFF or not bmp)]
    return re.compile(_class_of(chars))


def _space_edits(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for m in _SPACE_RE.finditer(text):
        ch = m.group()
        if ch in _NBSP:
            edits.append((m.start(), m.end(), " ", (0,)))
        else:
            edits.append((m.start(), m.end(), "", ()))
    return edits


def _ocr_edits(text: str) -> list[Edit]:
    """OCR's stray marks inside citations (`patterns.OCR_JUNK_RE`): a doubled slash becomes one, a
    speck between a number's dash and its type goes (`02- ›-NQ` -> `02-NQ`), punctuation between `số`
    and the number becomes a space, `sô` before a number `số`, a space inside a number or year goes;
    a letter standing for a leading `1` becomes `1`, a fraction slash or a quote standing for a slash
    becomes `/`, a type split by a space is joined, a speck or a doubled dash between a symbol's parts
    becomes one dash."""
    edits: list[Edit] = []
    for m in _junk_matches(text):
        if m.group("dup"):
            edits.append((m.start("dup"), m.end("dup"), "", ()))
        elif m.group("dash"):
            dash = next(i for i, ch in enumerate(m.group("dash")) if ch in P.DASH)
            edits.append((m.start("dash"), m.end("dash"), m.group("dash")[dash], (dash,)))
        elif m.group("lead"):
            edits.append((m.start("lead"), m.end("lead"), " ", (0,)))
        elif m.group("so"):
            edits.append((m.start("so"), m.end("so"), m.group("so")[0] + "ố", (0, 1)))
        elif m.group("one"):
            edits.append((m.start("one"), m.end("one"), "1", (0,)))
        elif m.group("fslash") or m.group("qslash"):
            group = "fslash" if m.group("fslash") else "qslash"
            edits.append((m.start(group), m.end(group), "/", (0,)))
        elif m.group("sect"):
            edits.append((m.start("sect"), m.end("sect"), "S", (0,)))
        elif m.group("stray"):
            edits.append((m.start("stray"), m.end("stray"), "", ()))
        elif m.group("qd"):
            edits.append((m.start("qd"), m.end("qd"), "Q", (0,)))
        elif m.group("tsplit"):
            edits.append((m.start("tsplit"), m.end("tsplit"), m.group("tsplit")[0], (0,)))
        elif m.group("junk"):
            dash = next(i for i, ch in enumerate(m.group("junk")) if ch in P.DASH)
            edits.append((m.start("junk"), m.end("junk"), m.group("junk")[dash], (dash,)))
        else:  # a space inside a number or a year
            edits.append((m.start(), m.end(), "", ()))
    return edits


def _junk_matches(text: str) -> Iterator[re.Match[str]]:
    """`OCR_JUNK_RE.finditer(text)`, scanned only on the lines where one of OCR_JUNK_ANY's patterns finds
    something: neither pattern reaches over a line break (their characters and look-arounds are all on one
    line), and OCR_JUNK_ANY finds a line OCR_JUNK_RE finds (tests/test_normalize.py). The full pattern tries
    each of its alternatives at each position, a tenth of the others' pace on an OCR'd page."""
    starts = sorted({text.rfind("\n", 0, m.start()) + 1 for r in P.OCR_JUNK_ANY for m in r.finditer(text)})
    for start in starts:
        end = text.find("\n", start)
        yield from P.OCR_JUNK_RE.finditer(text, start, len(text) if end < 0 else end)


def _speck_edits(text: str) -> list[Edit]:
    """Specks OCR read as marks around a citation's words (`patterns.OCR_SPECK_RE`) taken off: a mark
    glued to `của` (a space stays between it and the name), a lone `_`, a mark glued to a date's day, a
    doubled dash; a `;` before a symbol's date becomes a comma, a split issuer code is joined."""
    edits: list[Edit] = []
    for m in P.OCR_SPECK_RE.finditer(text):
        group = m.lastgroup
        s, e = m.start(group), m.end(group)
        if group == "cua":
            glued = e < len(text) and not text[e].isspace()
            edits.append((s, e, " ", (0,)) if glued else (s, e, "", ()))
        elif group == "semi":
            edits.append((s, e, ",", (0,)))
        elif group == "dd":
            dash = next(i for i, ch in enumerate(m.group(group)) if ch in P.DASH)
            edits.append((s, e, m.group(group)[dash], (dash,)))
        else:  # lone, lead, day, split
            edits.append((s, e, "", ()))
    return edits


def _token_at(text: str, p: int) -> tuple[int, int]:
    s = p
    while s > 0 and _is_token_char(text[s - 1]):
        s -= 1
    m = _TOKEN_RE.match(text, s)
    return s, (m.end() if m else p + 1)


def _neighbour(text: str, start: int, end: int, forward: bool) -> tuple[int, int] | None:
    """The next (or previous) token on the same line."""
    if forward:
        i = end
        while i < len(text) and not _is_token_char(text[i]):
            if text[i] in "\n\r\f":
                return None
            i += 1
        if i >= len(text):
            return None
        return _token_at(text, i)
    i = start - 1
    while i >= 0 and not _is_token_char(text[i]):
        if text[i] in "\n\r\f":
            return None
        i -= 1
    if i < 0:
        return None
    return _token_at(text, i)


def _word_edits(text: str) -> tuple[list[Edit], list[tuple[str, int, int, str, str]]]:
    """Edits for words needing a repair, and the repairs (kind, start, end, original, replacement)
    in this text's offsets."""
    tokens: dict[int, tuple] = {}  # start -> (end, kind, new, src, repairs)
    legacy: dict[int, str] = {}  # start -> encoding of decoded words
    dual: dict[int, tuple[int, tuple]] = {}  # words that read right in both encodings
    last_end = -1
    for p in _triggers(text):
        if p < last_end:
            continue
        s, e = _token_at(text, p)
        last_end = e
        if s in tokens or s in dual:
            continue
        word = text[s:e]
        readings = _legacy_readings(word)
        if len(readings) == 1:
            enc, new, src = readings[0]
            tokens[s] = (e, enc, new, src, [(enc, s, e, word, new)])
            legacy[s] = enc
            continue
        if readings:
            dual[s] = (e, readings)
            continue
        fixed = _fix_word(word, s)
        if fixed is not None:
            tokens[s] = (e,) + fixed
    if legacy or dual:
        _extend_runs(text, tokens, legacy, dual)
    edits: list[Edit] = []
    repairs = []
    for s in sorted(tokens):
        e, _kind, new, src, reps = tokens[s]
        edits.append((s, e, new, src))
        repairs.extend(reps)
    return edits, repairs


def _extend_runs(text: str, tokens: dict, legacy: dict, dual: dict) -> None:
    """Legacy encodings come in runs. Words that read right both as Unicode and in the encoding (or
    in both encodings) are decoded when they stand between words decoded from that encoding on the
    same line, or between one and the line's end, with no Unicode-only word in between."""
    for s in sorted(legacy):
        enc = legacy[s]
        for forward in (True, False):
            stretch = []
            pos = (s, tokens[s][0])
            ok = False
            for _ in range(64):
                nb = _neighbour(text, pos[0], pos[1], forward)
                if nb is None:
                    ok = True
                    break
                if nb[0] in legacy:
                    ok = legacy[nb[0]] == enc
                    break
                word = text[nb[0]:nb[1]]
                if not _cp1252_only(word):
                    break  # Unicode Vietnamese: the run ended before it
                reading = _run_reading(word, enc)
                if reading is not None:
                    stretch.append((nb, word, reading))
                elif not word.isascii():
                    break
                pos = nb
            if not ok:
                continue
            for (ns, ne), word, (new, src) in stretch:
                tokens[ns] = (ne, enc, new, src, [(enc, ns, ne, word, new)])
                legacy[ns] = enc
                dual.pop(ns, None)
    # Words left with two readings take the encoding of a decoded neighbour, if one has one.
    for s, (e, readings) in dual.items():
        encs = set()
        for forward in (True, False):
            nb = _neighbour(text, s, e, forward)
            if nb is not None and nb[0] in legacy:
                encs.add(legacy[nb[0]])
        for enc, new, src in readings:
            if encs == {enc}:
                tokens[s] = (e, enc, new, src, [(enc, s, e, text[s:e], new)])
                legacy[s] = enc


def _fix_word(word: str, start: int):
    """Eth, soft hyphens, doubled Đ and misplaced tones in a Unicode word."""
    chars: list[str] = []
    src: list[int] = []
    reps = []
    for i, ch in enumerate(word):
        if ch == "\xad":
            reps.append(("soft-hyphen", start + i, start + i + 1, ch, ""))
            continue
        if ch in "\u00d0\u00f0":
            new = "Đ" if ch == "\u00d0" else "đ"
            reps.append(("eth", start + i, start + i + 1, ch, new))
            ch = new
        chars.append(ch)
        src.append(i)
    # OCR doubles the d-stroke inside upper-case abbreviations (QĐÐ); a word never has ĐĐ. A code may
    # start with ĐĐ (`ĐĐBQH`), so at its start only a pair with an eth is OCR's (`754-CT/ĐÐU`).
    if len(chars) > 2 and chars[0] == chars[1] == "Đ" and word.isupper() and "\u00d0" in word[src[0]:src[1] + 1]:
        reps = [r for r in reps if not (r[0] == "eth" and start + src[0] <= r[1] <= start + src[1])]
        reps.append(("doubled-d", start + src[0], start + src[1] + 1, word[src[0]:src[1] + 1], "Đ"))
        del chars[1]
        del src[1]
    k = 1
    while k < len(chars) - 1:
        if chars[k] == "Đ" and chars[k + 1] == "Đ" and word.isupper() and word[src[k]] in "ĐÐ":
            pair = (src[k], src[k + 1])
            if "\u00d0" in word[pair[0]:pair[1] + 1]:
                reps = [r for r in reps if not (r[0] == "eth" and start + pair[0] <= r[1] <= start + pair[1])]
            reps.append(("doubled-d", start + pair[0], start + pair[1] + 1, word[pair[0]:pair[1] + 1], "Đ"))
            del chars[k + 1]
            del src[k + 1]
            if "\u00d0" in word:
                continue  # tripled with an eth (`HĐÐĐND`): the next one goes too
        k += 1
    new_word = "".join(chars)
    retoned = _retone(new_word) if _TONE_PATTERN.search(new_word) else None
    if retoned is not None and len(retoned) == len(new_word):
        reps.append(("tone", start, start + len(word), word, retoned))
        new_word = retoned
    if not reps:
        return None
    return "fix", new_word, tuple(src), reps


_TONE_PATTERN = re.compile(f"[{_TONED}][{_TONED}]|[{_TONED}][{_PLAIN_VOWELS}]+[{_CONSONANTS}]")


# --------------------------------------------------------------------------------------------
# The verb


def clean_text(text: str) -> CleanText:
    """Repair `text` (see the module docstring); every change is a `Repair` in original offsets."""
    n = len(text)
    nfc = unicodedata.is_normalized("NFC", text)
    # As OCR_JUNK_RE.search and OCR_SPECK_RE.search, at 10x their pace.
    ocr_junk, specks = P.ocr_marks(text)
    if nfc and not any(c in text for c in _ODD_SPACES) and not _has_trigger(text) and not ocr_junk and not specks:
        return CleanText(text, OffsetMap.identity(n), [])
    mapping = OffsetMap.identity(n)
    current = text
    repairs: list[Repair] = []

    def stage(edits: list[Edit], kinds) -> None:
        nonlocal current, mapping
        if not edits:
            return
        for kind, s, e, _orig, rep in kinds:
            os_, oe = _map_span(mapping, s, e)
            repairs.append(Repair(kind, os_, oe, text[os_:oe], rep))
        new, ns, os_list = _apply(current, edits)
        mapping = _compose(ns, os_list, mapping)
        current = new

    if not nfc:
        edits = _nfc_edits(current)
        stage(edits, [("nfc", s, e, current[s:e], r) for s, e, r, _ in edits])
    edits = _space_edits(current)
    stage(edits, [("space" if r else "zero-width", s, e, current[s:e], r) for s, e, r, _ in edits])
    edits, word_repairs = _word_edits(current)
    stage(edits, word_repairs)
    if ocr_junk:
        edits = _ocr_edits(current)
        stage(edits, [("ocr", s, e, current[s:e], r) for s, e, r, _ in edits])
    if specks:
        edits = _speck_edits(current)
        stage(edits, [("ocr", s, e, current[s:e], r) for s, e, r, _ in edits])
    if not unicodedata.is_normalized("NFC", current):
        # A repaired word followed by a stray combining mark (`ÙẠ̀`): compose again.
        edits = _nfc_edits(current)
        stage(edits, [("nfc", s, e, current[s:e], r) for s, e, r, _ in edits])
    repairs.sort(key=lambda r: (r.start, r.end))
    return CleanText(current, mapping, repairs)


def retone_ocr_phrases(text: str, start: int = 0, end: int | None = None) -> str:
    """OCR'd text with the phrases of bodies' names whose tone marks or `đ` OCR changed or dropped
    put right (`Ban Châp hành`, `Đảng bộ Khôi`, `Thành uy`, `Chính phú`: `reference.issuer_phrase`),
    in `text[start:end]`, letter for letter (offsets stay). A phrase is taken only as its list spells
    its first letter (or all in capitals): `thanh uy` (prestige) is a word, `Thành uy` a damaged body.
    For OCR'd pages only: a typed text's words are as their authors wrote them."""
    end = len(text) if end is None else end
    words = list(P.LETTER_RUN_RE.finditer(text, start, end))
    if len(words) < 2:
        return text
    keys = [bare(w.group()) for w in words]
    longest = issuer_phrase_length()
    out = list(text)
    i = 0
    while i < len(words):
        for k in range(min(longest, len(words) - i), 1, -1):
            group = words[i:i + k]
            # One phrase: its words separated by white space only.
            if any(text[a.end():b.start()].strip() for a, b in zip(group, group[1:])):
                continue
            known = issuer_phrase(tuple(keys[i:i + k]))
            if not known:
                continue
            first = group[0].group()
            if not (first[0].isupper() == known[0][0].isupper() or first.isupper()) or not all(
                    len(w.group()) == len(p) for w, p in zip(group, known)):
                continue
            for w, p in zip(group, known):
                out[w.start():w.end()] = spelt_as(w.group(), p)
            i += k
            break
        else:
            i += 1
    return "".join(out)


def _map_span(m: OffsetMap, start: int, end: int) -> tuple[int, int]:
    s = m._at(start)
    if end <= start:
        return s, s
    return s, _span_end(m, end)
