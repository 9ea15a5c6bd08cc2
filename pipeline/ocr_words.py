"""Symbols that Tesseract read from low-confidence words, read again by a second engine.

A misread digit of a citation's number (`37/2024/TT-BYT` for 57, read at word confidence 45) makes the
citation another document, and no rule on the text can tell it; garbled codes (`-KUTW` for -KL/TW,
`11/CT- -L[TEg` for 11/CT-TTg, `06/TTr-` / `SGŒTTYT` for SGTVT) lose it. `reread_symbols` finds each
symbol-like run of words on an OCR'd page (`patterns.SYMBOL_RUN_START_RE`: a word starting with a digit
and the code-like words after it on its line, and on the next line after a trailing `-` or `/`) that
holds a word below `LOW`, and reads the run's box again with the second engine (RapidOCR's recognizer,
as `pipeline.ocr_blanks` uses for handwritten blanks) on several cuts of the box. A reading replaces
the run only when most cuts give the same text (`SHARE`) confidently (`CONFIDENT`), it has the shape of
a symbol (`patterns.SYMBOL_READING_RE`) and stays close to what Tesseract read (`CLOSE`): a second
reading settles which of two look-alike characters it is, it does not make up a citation; nor does it
change a known code Tesseract read (`QĐ`, `TU`, `BYT`: `_keeps_known`). Letters the
second engine cannot write (`Đ`, which its model reads as `D`) are kept from the first reading. Without
the second engine installed nothing changes. Each change is reported as a warning.
"""
from __future__ import annotations

import difflib
import functools
import hashlib
import json
from collections import Counter

from . import patterns as P
from .errors import PageError
from .ocr import OcrSettings, PageJob, cache_get, cache_key, cache_put, ocr_image
from .ocr_blanks import _apply, _rapid, _second_engine_installed, _to_height
from .reference import issuer_codes, types_by_abbreviation

# Bump when what `reread_symbols` makes of a page changes: cached readings are redone.
REREAD_FORMAT = "reread-9"
# A run holding a word Tesseract read below this confidence is read again (on the real scans, words
# read right are mostly above 80, misread ones below 60).
LOW = 70
# The cuts of a run's box: heights in pixels the crop is scaled to (with a margin of `MARGIN` of the
# line's height around the words' boxes).
HEIGHTS = (48, 64, 96)
MARGIN = 0.15
# A reading is taken when at least this share of the cuts give it, at this mean confidence (0-100).
SHARE = 0.66
CONFIDENT = 90
# ... or all of them give it, at this mean confidence.
UNANIMOUS = 80
# ... and when it is this close to Tesseract's reading (difflib's ratio of the two, `Đ` folded to `D`).
CLOSE = 0.6


def _fold(text: str) -> str:
    return text.replace("Đ", "D").replace("Ð", "D").replace("đ", "d")


def _runs(text: str, words: list[list[int]]) -> list[list[int]]:
    """Indexes of `words` forming each symbol-like run of the page (see the module's doc)."""
    runs: list[list[int]] = []
    # The page's own number is `pipeline.ocr_blanks`' to read (handwritten into the printed blank).
    own = [(m.start(), m.end()) for m in P.BLANK_NUMBER_RE.finditer(text)]
    i = 0
    while i < len(words):
        if not P.SYMBOL_RUN_START_RE.match(text[words[i][0]:words[i][1]]):
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < len(words):
            gap = text[words[j - 1][1]:words[j][0]]
            word = text[words[j][0]:words[j][1]]
            previous = text[words[j - 1][0]:words[j - 1][1]]
            if gap.strip() or not P.SYMBOL_RUN_WORD_RE.match(word) or previous.endswith((",", ";")):
                break  # (a comma or semicolon ends a symbol: `1743/QĐ- BGTVT, 1744/QĐ-`)
            if "\n" in gap and not previous.endswith(("-", "/")):
                break
            run.append(j)
            j += 1
        piece = text[words[run[0]][0]:words[run[-1]][1]]
        start = words[run[0]][0]
        if P.SYMBOL_RUN_CODE_RE.search(piece) and not any(a <= start < b for a, b in own):
            runs.append(run)
        i = j
    return runs


def _lines(text: str, words: list[list[int]], run: list[int]) -> list[list[int]]:
    """The run's words split at its line break (one crop per line)."""
    lines = [[run[0]]]
    for a, b in zip(run, run[1:]):
        if "\n" in text[words[a][1]:words[b][0]]:
            lines.append([])
        lines[-1].append(b)
    return lines


def _cuts(img, box: tuple[int, int, int, int]):
    from PIL import ImageOps

    x0, y0, x1, y1 = box
    height = y1 - y0
    m = round(MARGIN * height)
    x0, y0 = max(0, x0 - m), max(0, y0 - m)
    x1, y1 = min(img.size[0], x1 + m), min(img.size[1], y1 + m)
    if x1 - x0 < 4 or y1 - y0 < 4:
        return
    base = img.crop((x0, y0, x1, y1)).convert("L")
    for h in HEIGHTS:
        yield ImageOps.expand(_to_height(base, h), border=16, fill=255)


def _read(img, box) -> list[tuple[str, float]]:
    """The second engine's reading of each cut of a box (spaces and the quotes and stops it adds at the
    ends dropped), with its confidence (0-100)."""
    import numpy as np

    engine = _rapid()
    readings = []
    for cut in _cuts(img, box):
        result, _ = engine(np.asarray(cut.convert("RGB")), use_det=False, use_cls=False, use_rec=True)
        if result:
            readings.append(("".join(result[0][0].split()).strip(P.READING_EDGE_MARKS), 100 * float(result[0][1])))
        else:
            readings.append(("", 0.0))
    return readings


def _vote(first: str, readings: list[tuple[str, float]]) -> tuple[str, float, float] | None:
    """The value most readings give once merged with the first reading (`merge`: `377/0D-BGDDT`,
    `377/QD-BGDDT` and `377/OD-BGDDT` of `37 7QĐ-BGDĐT` are one value), its share of the readings and
    mean confidence."""
    core = first.rstrip(P.READING_TAIL_MARKS)
    merged = [(merge(core, r.rstrip(P.READING_TAIL_MARKS)), c) for r, c in readings if r]
    values = Counter(v for v, _ in merged)
    if not values:
        return None
    value, n = values.most_common(1)[0]
    if n / len(readings) < SHARE:
        # The cuts disagree. A small cut of an italic code drops letters and never adds any (`01/2018/-PCP`
        # and `01/2018/TT-PCP` at 48 and 64 px, `01/2018/TT-VPCP` at 96 px, real scan): the reading every
        # other one is a part of (letters dropped, none changed) has their support, read confidently itself.
        whole, confidence = max(merged, key=lambda vc: vc[1])
        if confidence >= CONFIDENT and all(_part_of(v, whole) for v, _ in merged):
            return whole, len(merged) / len(readings), confidence
    return value, n / len(readings), sum(c for v, c in merged if v == value) / n


def _part_of(part: str, whole: str) -> bool:
    """Whether `part` is `whole` with letters dropped (look-alikes made one: `_collapse`)."""
    rest = iter(_collapse(whole))
    return all(ch in rest for ch in _collapse(part))


def _collapse(text: str) -> str:
    """The text with the look-alikes the two engines confuse made one, letter for letter: `Đ`, `Ð` (which
    the second engine cannot write) -> `D`; `Q`, and `0` where no digit is next to it, -> `O` (`QĐ` read
    `0D` or `OD`)."""
    out = []
    for k, ch in enumerate(text):
        if ch in "ĐÐđ":
            ch = "D"
        elif ch == "Q" or ch == "0" and not any(c.isdigit() for c in text[k - 1:k] + text[k + 1:k + 2]):
            ch = "O"
        out.append(ch)
    return "".join(out)


def merge(first: str, second: str) -> str:
    """The second reading, with the first's letters where the second wrote a look-alike of them
    (`_collapse`): `37 7QĐ-BGDĐT` read again `377/0D-BGDDT` -> `377/QĐ-BGDĐT`."""
    first = "".join(first.split())
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, _collapse(first), _collapse(second), autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        out.append(first[a0:a1] if op == "equal" else second[b0:b1])
    return "".join(out).replace("Ð", "Đ")


def _accept(first: str, vote: tuple[str, float, float] | None) -> str | None:
    if vote is None:
        return None
    value, share, conf = vote
    if not (share >= SHARE and conf >= CONFIDENT or share == 1 and conf >= UNANIMOUS):
        return None
    if not P.SYMBOL_READING_RE.fullmatch(value):
        return None
    core = "".join(first.split()).rstrip(P.READING_TAIL_MARKS)
    if not _keeps_known(first, value):
        return None
    if difflib.SequenceMatcher(None, _fold(core), _fold(value), autojunk=False).ratio() < CLOSE:
        return None
    return value + first[len(first.rstrip(P.READING_TAIL_MARKS)):]


def _keeps_known(first: str, value: str) -> bool:
    """Whether the second reading keeps every known code of the first (a type's abbreviation, an
    issuer's code: `1893-QĐ/TU` read again `1893-QB/TU` on a copier's scan is no better reading)."""
    known = _known_codes()
    kept = set(P.SYMBOL_READING_SPLIT_RE.split(value))
    return all(t in kept for t in P.SYMBOL_READING_SPLIT_RE.split(first.replace("Ð", "Đ").rstrip(P.READING_TAIL_MARKS))
               if t in known)


@functools.lru_cache(maxsize=1)
def _known_codes() -> frozenset[str]:
    return frozenset(c for c in (*types_by_abbreviation(), *issuer_codes()) if len(c) >= 2)


def reread_runs(img, text: str, words: list[list[int]]) -> tuple[str, list[list[int]], list[str]]:
    """The page text with its low-confidence symbol runs read again (see the module's doc); `words`
    are the page's `[start, end, conf, x0, top, x1, bottom]` in the coordinates of `img`."""
    edits = []
    notes: list[str] = []
    for run in _runs(text, words):
        if min(words[i][2] for i in run) >= LOW:
            continue
        for line in _lines(text, words, run):
            start, end = words[line[0]][0], words[line[-1]][1]
            first = text[start:end]
            if min(words[i][2] for i in line) >= LOW:
                continue
            box = (min(words[i][3] for i in line), min(words[i][4] for i in line),
                   max(words[i][5] for i in line), max(words[i][6] for i in line))
            vote = _vote(first, _read(img, box))
            value = _accept(first, vote)
            if value is None or value == first:
                continue
            edits.append((start, end, value, [(0, len(value), round(vote[2]))]))
            notes.append(f"'{first}' read from words of OCR confidence {min(words[i][2] for i in line)}, "
                         f"read again as '{value}' ({vote[1]:.0%} of {len(HEIGHTS)} cuts, confidence {vote[2]:.0f})")
    if not edits:
        return text, words, notes
    new_text, new_words = _apply(text, words, edits)
    return new_text, new_words, notes


def _needs_reading(text: str, words: list[list[int]]) -> bool:
    return any(min(words[i][2] for i in run) < LOW for run in _runs(text, words))


def reread_key(job: PageJob, settings: OcrSettings) -> str:
    """The cache key of a page's second readings (beside the page's own entry)."""
    return hashlib.sha256(f"{cache_key(job, settings)}|{REREAD_FORMAT}".encode()).hexdigest()


def reread_symbols(job: PageJob, settings: OcrSettings, text: str, words: list[list[int]] | None,
                   turned: int = 0) -> tuple[str, list[list[int]] | None, list[str]]:
    """`reread_runs` on an OCR'd page, its image made again as Tesseract read it (`ocr_image`, turned as
    the reading was: `PageOcr.turned`); cached
    beside the page. A page without a low-confidence symbol run costs nothing."""
    if not words or len(words[0]) < 7 or not _second_engine_installed() or not _needs_reading(text, words):
        return text, words, []
    try:
        source = hashlib.sha256(text.encode()).hexdigest()
        key = reread_key(job, settings)
        cached = cache_get(settings, key)
        if cached is not None:
            data = json.loads(cached)
            if data.get("source") == source:
                return data["text"], data["words"], data["notes"]
        img, _ = ocr_image(job, settings, turned)
        new_text, new_words, notes = reread_runs(img, text, words)
    except (PageError, OSError, ValueError, KeyError) as exc:
        return text, words, [f"low-confidence symbols were not read again ({exc})"]
    cache_put(settings, key, json.dumps({"source": source, "text": new_text, "words": new_words, "notes": notes},
                                        ensure_ascii=False))
    return new_text, new_words, notes
