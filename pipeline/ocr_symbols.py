"""Symbols read by OCR put right where the misreading is unambiguous.

Tesseract misreads a letter of a symbol's codes now and then (`747/QĐ-BGTTT` for BGTVT, `33/CT-TTB` for
TTg, `443/QĐ-BVT` for BYT, `57/2024/T1T-BYT`, `1899/SGDĐT-CTYTT` for the office's own `CTrTT`), and a
misread code makes the citation another document. `snap_symbols` puts a code back only where exactly one
right code lies within one character of it (one letter changed, added or dropped):

- the type's code, to the abbreviation of the type word written before the number (`Thông tư số
  57/2024/T1T-BYT` -> `TT`; `QD`, OCR's `QĐ` without its stroke, -> `QĐ`);
- the issuer's code, to one the page itself writes in a well-read symbol or in its own number, or else
  to a known issuer code (`reference.issuer_codes`) whose body the citation names (`... BGTTT ngày ...
  của Bộ trưởng Bộ Giao thông vận tải`);
- a unit's code after the issuer (`-CTrTT`, `-KTTH`), only to one the page itself writes;
- `TƯ`, which OCR reads for `TU` as well as for `TW`, to `TU` where the page writes the same number
  and type with `/TU` and never with `/TW`.

A code that is known or has a digit is left as read, and so is one of one or two letters unless the
citation names the body, and any symbol read from confident words. Only references read by OCR are looked at (a typed text's
codes are as their authors wrote them).
"""
from __future__ import annotations

import re

from .keys import fold
from .model import Reference, Warning
from .reference import issuer_codes, load_types, types_by_abbreviation

# A code shorter than this has too many neighbours one letter away to be put back.
MIN_CODE = 3
# Codes of a page's symbols read from words at least this confident are the page's own evidence.
WELL_READ = 60
# A symbol read from words at least this confident is taken as read (on real scans words read right are
# mostly above 80, misread ones below 60).
SURE = 80

_SPLIT = re.compile(r"([-/])")


def _near(a: str, b: str) -> bool:
    """Whether a and b differ by exactly one letter changed, added or dropped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    for i in range(len(long_)):
        if long_[:i] + long_[i + 1:] == short:
            return True
    return False


def _roles(tokens: list[str], type_word: str | None) -> dict[int, str]:
    """Index of each code among a symbol's tokens (`['443', '/', 'QĐ', '-', 'BVT']`) -> type | issuer | unit."""
    roles: dict[int, str] = {}
    codes = [i for i, t in enumerate(tokens) if i % 2 == 0 and t and not t.isdigit() and not re.fullmatch(r"\d+[A-Z]?", t)]
    if not codes:
        return roles
    first = codes[0]
    party = len(tokens) > 1 and tokens[1] == "-"
    abbrs = _type_abbreviations(type_word)
    typed = party or tokens[first] in types_by_abbreviation() or any(_near(tokens[first], a) for a in abbrs)
    # `N/YYYY/QH15`, a công văn's `N/ISSUER-UNIT`: no type code.
    if not party and len(codes) == 1:
        typed = False
    rest = codes
    if typed:
        roles[first] = "type"
        rest = codes[1:]
    for n, i in enumerate(rest):
        roles[i] = "issuer" if n == 0 else "unit"
    return roles


def _type_abbreviations(type_word: str | None) -> tuple[str, ...]:
    if not type_word:
        return ()
    for t in load_types():
        if t.word == type_word:
            return t.abbreviations
    return ()


def _page_codes(refs: list[Reference], own: list[str | None]) -> dict[int, set[str]]:
    """Per reference (by id): the codes of the page's other well-read symbols and of its own number."""
    own_codes = {t for s in own if s for t in re.split(r"[-/]", s) if t and not t[0].isdigit() and t != "?"}
    per: dict[int, set[str]] = {}
    well = [(id(r), {t for t in re.split(r"[-/]", r.symbol or "") if t and not t[0].isdigit()})
            for r in refs if r.symbol and (r.ocr_confidence is None or r.ocr_confidence >= WELL_READ)]
    for r in refs:
        codes = set(own_codes)
        for rid, cs in well:
            if rid != id(r):
                codes |= cs
        per[id(r)] = codes
    return per


def _snap_code(code: str, role: str, type_word: str | None, issuer: str | None, page: set[str],
               sure: bool) -> str | None:
    if role == "type":
        abbrs = _type_abbreviations(type_word)
        if not abbrs or code == abbrs[0]:
            return None
        if code.replace("D", "Đ") == abbrs[0]:
            return abbrs[0]
        if sure or code in types_by_abbreviation():
            return None  # another type's code: the text's own contradiction, not OCR's
        near = {abbrs[0] if a.replace("Đ", "D") == abbrs[0].replace("Đ", "D") else a for a in abbrs if _near(code, a)}
        return near.pop() if len(near) == 1 else None
    known = issuer_codes()
    if sure or any(ch.isdigit() for ch in code) or code in known or code in page:
        return None
    near = [c for c in page if len(c) >= MIN_CODE and not any(ch.isdigit() for ch in c) and _near(code, c)]
    if len(near) == 1 and len(code) >= MIN_CODE:
        return near[0]
    if role != "issuer" or (near and len(code) >= MIN_CODE) or not issuer:
        return None
    # A known code only where the citation names its body: a code one letter from a known one may be
    # right as read (`297/CV-SPT` of a company, one letter from `SYT`).
    named = [c for c, name in known.items() if len(c) >= MIN_CODE and _near(code, c) and fold(name) in fold(issuer)]
    # (a code of one or two letters is put back only so: `443/QĐ-BY` of `Bộ Y tế`)
    return named[0] if len(named) == 1 else None


# Where the issuer of a citation was not read (`443/0Đ-BY 1 ngày 07/02/2025 của Bộ trưởng Bộ Y tế`: the
# stray `1` cut the phrase), the body it names is looked for in this many characters after it.
ISSUER_REACH = 80


def snap_symbols(refs: list[Reference], own: list[str | None], text: str = "") -> list[Warning]:
    """Put right the codes of OCR-read references' symbols (see the module's doc), in place; one warning
    per symbol changed. `own`: the page's own symbol and its printed part (`?/QĐ-UBND`); `text`: what
    the references' offsets index."""
    ocr = [r for r in refs if r.ocr_confidence is not None]
    if not ocr:
        return []
    page = _page_codes(ocr, own)
    warnings: list[Warning] = []
    for r in ocr:
        if not r.symbol:
            continue
        sure = (r.ocr_confidence or 0) >= SURE
        tokens = _SPLIT.split(r.symbol)
        changed = False
        for i, role in _roles(tokens, r.type).items():
            issuer = r.issuer or re.split(r"[;\n]", text[r.end:r.end + ISSUER_REACH].replace("\n", " "))[0]
            new = _snap_code(tokens[i], role, r.type, issuer, page[id(r)], sure)
            if new is not None and new != tokens[i]:
                tokens[i] = new
                changed = True
        symbol = "".join(tokens)
        if symbol.endswith("/TW") and re.search(r"T\.?Ư", r.text):
            tu = symbol[:-2] + "TU"
            others = {o.symbol for o in ocr if o is not r and not re.search(r"T\.?Ư", o.text)}
            if tu in others and symbol not in others:
                symbol, changed = tu, True
        if changed:
            warnings.append(Warning("ocr_symbol_snapped", f"'{r.text}' read by OCR as {r.symbol}: taken as {symbol}, "
                                    "the one code within a letter of it", r.start, r.end))
            r.written_symbol = r.written_symbol or r.text
            r.symbol = symbol
    return warnings
