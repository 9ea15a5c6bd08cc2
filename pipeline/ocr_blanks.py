"""The blanks of a scanned header: the number and the day written by hand or typed into the form.

An office prints `Số:      /QĐ-UBND` and `Quảng Ngãi, ngày    tháng    năm 2025` and fills the blanks by
hand (or with a typewriter) when the document is signed. OCR of the page reads the print well and the
handwriting badly (`Số: Ø4£4 /TB-ĐHĐL`, `ngày l@ tháng 0% năm 2025`, `Só:465 /2020/NĐ-CP` for 155), and a
wrong number is worse than none: it makes the document another one.

`fill_blanks(img, page)` looks at the first page's number line and date line
(`patterns.BLANK_NUMBER_RE`, `patterns.BLANK_DATE_RE`), and on a page with no number line, an annex's line
naming the document it goes with (`(Kèm theo Công văn số ___/UBND-SGDĐT ngày __/10/2023 ...)`,
`patterns.ATTACHED_BLANKS_RE`: its number and day are the page's own, `_attached_lines`), where the
second engine's reading is never taken alone. The dots of a dotted leader in the blanks
(`Số: ........./TB-ĐHĐL`, written over by hand) are first painted out (`_without_leaders`). A blank OCR read as clean digits from confident
words is kept. Any other is read again, digits only (Tesseract with a digit whitelist, one line and one
word page segmentation, on the blank's region cut from the image by the words' boxes, scaled up), twice
on differently prepared crops; the reading is accepted only when both passes give the same digits and
they are a plausible number, day or month; failing that, when the second engine reads one value on
most of a dozen cuts of the blank (several sizes, margins and bindings) and it keeps the digits OCR
read; failing that, when the second engine's reading of the whole line (`Số` to the printed symbol,
`ngày` to the year) gives the same digits there at two sizes as a digits-only decoding of the blank's
crop in which every digit is probable (`_accept_in_context`); failing that, when a newer recognizer
(PP-OCRv6's, which reads handwriting better) gives the same digits in the blank's crop at three sizes,
every digit probable, and in the whole line at two (`_accept_agreed`), unless the second engine read
the blank confidently as another number as long (`_contradicts`: two recognizers each sure of a
different number make it doubtful); failing that, for a day or a month,
when two of those crops read it and none another day or month, and two or more of the whole line's
readings at eight heights by both recognizers read it there, twice as often as any other digits
(`_accept_most`), or when the crops where those readings place the blank (from the time steps of the
printed letters either side) read it (`_accept_located`: where the words' boxes cut a digit written over
a printed letter off, or leave no room). The second engine's reading alone is taken for a number only
when its digits-only decoding gives each digit too (`_decoded_alike`); PP-OCRv6 reads a number's blank
also on its crop moved left to a column with no ink, and reaching past the printed `/` read up to it
(`_to_printed`). A year the second engine reads otherwise than OCR is read again digits only on its word;
confirmed, the line is written with it, else the date is doubtful: its day becomes `?`. Every reading
of a blank reads a 4 as 1 where the blank's glyph under it is a 1 written with a lead-in stroke, which
the recognizers read as 4 (`pipeline.glyphs`; `_fours_reader`), before those rules. Otherwise the
blank becomes `?` in the page text, so the extractor keeps the printed part (`?/QĐ-UBND`, month and year)
and never a wrong number. Each change is reported as a warning.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

from . import patterns as P
import functools
import hashlib
import json
import re

from .errors import PageError
from .glyphs import glyph_shapes, read_fours
from .ocr import OcrSettings, PageJob, binarize, cache_get, cache_key, cache_put, ocr_image, tesseract_words

# Bump when what `fill_blanks` makes of a page changes: cached readings are redone.
BLANKS_FORMAT = "blanks-28"
# Words of the blank read at least this confidently, and only digits, are kept as OCR read them.
CONFIDENT = 85
# Only the header is looked at: the number and date lines are among its first lines.
HEADER_LINES = 16
DIGITS = "0123456789"


@dataclass
class Filled:
    """What `fill_blanks` did to a page: its new text and words, and what it changed."""

    text: str
    words: list[list[int]] | None
    notes: list[str] = field(default_factory=list)  # one line per blank changed, for a warning


@dataclass
class _Blank:
    start: int  # the blank's span in the page text (its non-space content, or an empty point)
    end: int
    what: str  # number | day | month
    printed: str  # the printed part next to it, for the warning


@dataclass
class _Line:
    """A header line with blanks: the span its printed form replaces, and how to write it."""

    start: int
    end: int
    blanks: list[_Blank]
    printed_ok: bool  # the printed words around the blanks read as printed (`Số:`, `ngày`, `tháng`)
    form: str  # the printed form, `{}` for each blank's value: `Số: {} `, `ngày {} tháng {} `
    context_end: int = 0  # the end of the printed words read with the blanks as their context (the year)
    year: str = ""  # the printed year of a date line, as OCR read it
    year_start: int = 0  # where the year starts in the page text
    year_conf: int | None = None  # the year's confidence, when it was read again (`_year_confirmed`)
    attached: bool = False  # an annex's `Kèm theo ... số ... ngày ...` line (`_attached_lines`)

    @property
    def stop(self) -> str:
        """The first printed character after a number's blank: `/` of `/QĐ-UBND`, `-` of `-KH/ĐUK`."""
        return self.form.split("{}")[1].strip()[:1]


def _lines(text: str) -> list[_Line]:
    head_end = 0
    for _ in range(HEADER_LINES):
        nl = text.find("\n", head_end)
        if nl < 0:
            head_end = len(text)
            break
        head_end = nl + 1
    found: list[_Line] = []
    m = P.BLANK_NUMBER_RE.search(text, 0, head_end)
    if m:
        printed = m.group("printed")
        party = printed[0] != "/"
        blank = _content(text, m.start("blank"), m.end("blank"), "number", printed)
        between = text[m.end("so"):blank.start]
        # OCR glues a speck of the seal or motto to the printed part (`/QĐ-UBNDá. 5(`): set it apart
        glued = m.end("printed") < len(text) and text[m.end("printed")].isalpha()
        ok = (m.group("so") in ("Số", "SỐ") and between.strip() in ((":",) if not party else ("", ":"))
              and not glued)
        form = ("Số {}" if party else "Số: {} ") + re.sub(r"\s+", "", printed)
        found.append(_Line(m.start("so"), m.end("printed"), [blank], ok, form + (" " if glued else ""),
                           context_end=m.end("printed")))
    if not found:
        found.extend(_attached_lines(text, head_end))
    d = P.BLANK_DATE_RE.search(text, 0, head_end)
    if d:
        blanks = [_content(text, d.start("d"), d.end("d"), "day", f"ngày … {d.group('thang')}"),
                  _content(text, d.start("m"), d.end("m"), "month", f"tháng … năm {d.group('y')}")]
        ok = d.group("ngay").lower() == "ngày" and d.group("thang").lower() == "tháng"
        found.append(_Line(d.start("ngay"), d.start("nam"), blanks, ok, "ngày {} tháng {} ",
                           context_end=d.end("y"), year=re.sub(r"\s", "", d.group("y")), year_start=d.start("y")))
    return found


def _attached_lines(text: str, head_end: int) -> list[_Line]:
    """An annex's line naming the document it goes with, on a page with no number line of its own
    (`(Kèm theo Công văn số 5710 /UBND-SGDĐT ngày 18/10/2023 của UBND thành phố)`,
    `patterns.ATTACHED_BLANKS_RE`): its number and its day are written by hand into printed blanks like
    a header's, and are the page's own (pipeline/extract.py reads the line so). Its number is a number
    line (`số {}/UBND-SGDĐT`: read up to the printed `/`); its day a line of one blank (`ngày {}`) with
    no year of its own to read (the printed month and year follow it). Only readings of the blank's
    crops that agree can give a value (`_accept`, never the second engine alone; `fill_blanks`): the
    whole-line readings look for a header's `Số:` and `ngày ... tháng ... năm` and give nothing here, so
    neither do the rules that need them (on vietadmin_05 PP-OCRv6 reads that line `ngày 48/10/2023`,
    `42`, `142` at different heights: the day's crops reading 18 are not enough)."""
    a = P.ATTACHED_BLANKS_RE.search(text, 0, head_end)
    if not a:
        return []
    printed = a.group("printed")
    if printed[0] != "/":  # a Party symbol's `-KH/ĐUK` printed after the blank: not this form
        return []
    blank = _content(text, a.end("so"), a.start("printed"), "number", printed)
    so = a.group("so") if a.group("so") in ("số", "Số", "SỐ") else "số"  # a title's line is in capitals
    ok = (a.group("so") == so and text[a.end("so"):blank.start] == " "
          and text[blank.end:a.start("printed")] in ("", " "))
    lines = [_Line(a.start("so"), a.end("printed"), [blank], ok, so + " {}" + re.sub(r"\s+", "", printed),
                   context_end=a.end("printed"), attached=True)]
    if a.group("ngay"):
        month_year = re.sub(r"\s+", "", a.group("rest"))
        day = _content(text, a.end("ngay"), a.start("rest"), "day", f"ngày …{month_year}")
        ngay = a.group("ngay") if a.group("ngay") in ("ngày", "Ngày", "NGÀY") else "ngày"
        ok = a.group("ngay") == ngay and text[a.end("ngay"):day.start] == " " and day.end == a.start("rest")
        lines.append(_Line(a.start("ngay"), a.start("rest"), [day], ok, ngay + " {}", context_end=a.end("rest"),
                           attached=True))
    return lines


def _content(text: str, start: int, end: int, what: str, printed: str) -> _Blank:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    if lead == len(piece):  # all white space: an empty point in the middle
        middle = start + len(piece) // 2
        return _Blank(middle, middle, what, printed)
    return _Blank(start + lead, end - trail, what, printed)


def _plausible(digits: str, what: str) -> bool:
    if not digits or not digits.isdigit():
        return False
    value = int(digits)
    if what == "day":
        return len(digits) <= 2 and 1 <= value <= 31
    if what == "month":
        return len(digits) <= 2 and 1 <= value <= 12
    return len(digits) <= 5 and value > 0


def _clean(text: str, words: list[list[int]], blank: _Blank) -> bool:
    """Whether OCR read the blank as plausible digits from confident words."""
    piece = text[blank.start:blank.end]
    if not _plausible(piece, blank.what):
        return False
    confs = [w[2] for w in words if w[0] < max(blank.end, blank.start + 1) and w[1] > blank.start]
    return bool(confs) and min(confs) >= CONFIDENT


# What OCR reads a handwritten or typed digit as, when it does not read a digit.
_DIGIT_LOOKALIKES = {"O": "0", "o": "0", "Ø": "0", "ø": "0", "Q": "0", "D": "0", "l": "1", "I": "1", "|": "1",
                     "i": "1", "!": "1", "Z": "2", "z": "2", "S": "5", "s": "5", "$": "5", "G": "6", "b": "6",
                     "B": "8", "g": "9", "q": "9"}
# The second engine's reading (RapidOCR's recognizer, confidence scaled to 0-100) is taken alone at
# this confidence, when as long as what OCR first read (measured on real handwritten blanks: right
# readings 72-81, wrong ones 48-55 or of another length).
SECOND_CONFIDENT = 70
# ... and whatever OCR first read there at this confidence (on the same pages: right readings up to 100,
# the most confident wrong one 85, a number missing its first digit).
SECOND_SURE = 90
# A reading of an empty blank (OCR saw nothing there) must be this confident in both passes.
EMPTY_CONFIDENT = 80
# Both Tesseract passes and the second engine reading the same value, the second engine this confident:
# taken, provided it keeps every digit OCR first read (a handwritten `11` OCR first read as `i`).
THREE_AGREE_CONFIDENT = 85


def _consistent(original: str, reading: str) -> bool:
    """Whether a digits-only reading agrees with what OCR first read: as many characters (dots and
    dashes of the form's blank aside), the same digit wherever OCR read a digit or a look-alike of one."""
    skeleton = original.strip(" ._-…,'\"`")
    if len(skeleton) != len(reading):
        return False
    for ch, digit in zip(skeleton, reading):
        ch = _DIGIT_LOOKALIKES.get(ch, ch)
        if ch.isdigit() and ch != digit:
            return False
    return True


def _keeps_digits(original: str, reading: str) -> bool:
    """Whether every digit OCR first read (or a look-alike of one) is in the reading, in order: a
    reading that drops one (`0+` read as `4` for 04) is not taken alone."""
    digits = [d for d in (_DIGIT_LOOKALIKES.get(ch, ch) for ch in original) if d.isdigit()]
    at = 0
    for d in digits:
        at = reading.find(d, at)
        if at < 0:
            return False
        at += 1
    return True


def _accept(piece: str, readings: list[tuple[str, int]], what: str,
            decoded: Callable[[], tuple[str, float] | None] | None = None, alone: bool = True) -> str | None:
    """The digits of a blank from its readings (Tesseract digits only, then the second engine's when
    there is one), or None. Accepted: a plausible value two readings agree on (OCR's first reading
    counts as one where it read digits), provided it agrees with OCR's first reading (`_consistent`) or
    OCR read nothing there and both are confident; or the second engine's reading alone when it is
    confident and as long as what OCR first read there, or very confident (handwriting Tesseract
    cannot read). `decoded`, where given, makes the second engine's reading alone count only when its
    digits-only decoding of the blank (`_digit_reading`) gives the same digits, each probable
    (`_decoded_alike`). `alone` False: the second engine's reading is never taken alone, only where
    another reading agrees with it."""
    plausible = [(v, c) for v, c in readings if _plausible(v, what)]
    first = piece.strip()
    votes = plausible + ([(first, 100)] if _plausible(first, what) else [])
    for i, (value, conf) in enumerate(votes):
        others = [c for v, c in votes[i + 1:] if v == value]
        if not others:
            continue
        if not first:
            if min([conf] + others) >= EMPTY_CONFIDENT:
                return value
        elif _consistent(piece, value):
            return value
    if alone and len(readings) == 3 and _plausible(readings[2][0], what):
        if (readings[0][0] == readings[1][0] == readings[2][0] and readings[2][1] >= THREE_AGREE_CONFIDENT
                and _keeps_digits(first, readings[2][0])):
            return readings[2][0]
        skeleton = first.strip(" ._-…,'\"`")
        alone = readings[2][0]
        if ((readings[2][1] >= SECOND_SURE and _keeps_digits(first, alone))
                or (readings[2][1] >= SECOND_CONFIDENT and skeleton and len(skeleton) == len(alone))):
            return alone if decoded is None or _decoded_alike(alone, decoded()) else None
    return None


def _decoded_alike(value: str, decoded: tuple[str, float] | None) -> bool:
    """Whether the second engine's digits-only decoding of a blank (`_digit_reading`: digits, lowest
    digit probability) gives `value`, every digit at least `CONTEXT_CHAR_CONFIDENT` probable. The
    engine's own decoding gives one mean confidence for the whole text, which hides a doubtful digit:
    a handwritten number read 1535 at 81 on a real scan, where the digits-only decoding reads 4535 and
    the newer recognizer 1595 (the transcriber left it open). Measured on the real scans' numbers that
    the second engine alone read: the eight right ones decode alike, each digit 0.65-0.98 probable,
    but for two (2510 and 237 at 0.40 and 0.53, which the newer recognizer then reads)."""
    return decoded is not None and decoded[0] == value and decoded[1] >= CONTEXT_CHAR_CONFIDENT


# The second engine's readings of a blank cut at several sizes and bindings (`_second_engine_vote`): a
# value is taken when at least this share of them read it, at this mean confidence, and it keeps OCR's
# digits (and their number, where OCR read any): a reading that holds however the crop is made (measured
# on the real scans' handwritten blanks: right values held by 75-100% of the cuts, wrong ones by at most
# 60% or dropping or changing a digit OCR read).
VOTE_SHARE = 0.75
VOTE_CONFIDENT = 70
VOTE_HEIGHTS = (32, 48, 64, 96)


def _accept_vote(piece: str, vote: tuple[str, float, float] | None, what: str) -> str | None:
    """The value of a blank from the second engine's vote (value, share of the cuts, mean confidence)."""
    if vote is None:
        return None
    value, share, conf = vote
    if not _plausible(value, what) or share < VOTE_SHARE or conf < VOTE_CONFIDENT:
        return None
    skeleton = piece.strip(" ._-…,'\"`")
    read_digits = any(_DIGIT_LOOKALIKES.get(ch, ch).isdigit() for ch in skeleton)
    if read_digits and len(skeleton) != len(value):
        return None
    return value if _keeps_digits(piece, value) else None


def _to_height(image, height: int):
    """`image` scaled to `height` pixels, its width in proportion: the second engine reads text lines
    best at a set height, whatever the scan's resolution."""
    from PIL import Image

    scale = height / image.size[1]
    return image.resize((max(1, round(image.size[0] * scale)), height), Image.LANCZOS)


def _second_engine_vote(img, box) -> tuple[str, float, float] | None:
    """The second engine on the blank cut at `VOTE_HEIGHTS`, each with a narrow and a wide white margin
    and binarized: the value most of them read, its share and its mean confidence."""
    from collections import Counter

    from PIL import ImageOps

    if _rapid() is None:
        return None
    x0, y0, x1, y1 = max(0, box[0]), max(0, box[1]), min(img.size[0], box[2]), min(img.size[1], box[3])
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    base = img.crop((x0, y0, x1, y1)).convert("L")
    readings = []
    for height in VOTE_HEIGHTS:
        cut = _to_height(base, height)
        for prepared in (ImageOps.expand(cut, border=8, fill=255), ImageOps.expand(cut, border=16, fill=255),
                         ImageOps.expand(binarize(cut), border=16, fill=255)):
            readings.append(_second_engine(prepared) or ("", 0))
    values = Counter(v for v, _ in readings if v)
    if not values:
        return None
    value, n = values.most_common(1)[0]
    return value, n / len(readings), sum(c for v, c in readings if v == value) / n


# A blank read in context (`_accept_in_context`): the second engine's reading of the whole header line
# (`Số: 349 /QĐ-UBND`, `ngày 20 tháng 02 năm 2025`: no edge of a crop can cut the handwriting off, and
# the printed words around it must be read for a value to count) agrees with its digits-only reading of
# the blank's own crop, in which every digit is at least this probable. Measured on the real scans'
# blanks: a digit the recognizer substitutes (a handwritten 1 read as 4, 7 as 4) had a probability of
# 0.29-0.50, the right digits of the values so accepted 0.64-0.99; a digit the blank's crop cut off is
# caught by the line, which then reads another value (`8` and `18`, `4` and `04`, `1` and `11`).
CONTEXT_CHAR_CONFIDENT = 0.6
# The heights the line is read at: both must give the same value.
CONTEXT_HEIGHTS = (48, 64)


def _accept_in_context(piece: str, line_value: str | None, reading: tuple[str, float] | None,
                       what: str) -> str | None:
    """The value of a blank when the line's reading and the blank's digits-only reading agree, and it
    has at least as many digits as OCR first read there, look-alikes counted (`3|` is not 3: both
    readings can lose a thin handwritten 1)."""
    if not line_value or reading is None:
        return None
    value, confidence = reading
    if value != line_value or confidence < CONTEXT_CHAR_CONFIDENT or not _plausible(value, what):
        return None
    seen = sum(1 for ch in piece if _DIGIT_LOOKALIKES.get(ch, ch).isdigit())
    return value if len(value) >= seen else None


def _line_values(img, text: str, words: list[list[int]], line: _Line) -> tuple[list[str | None], str | None]:
    """The second engine's reading of a header line from its first printed word to its last (`Số` to the
    printed symbol; `ngày` to the year), at `CONTEXT_HEIGHTS`: per blank, the digits both readings give
    there, the printed words around them read (`patterns.SECOND_*_LINE_RE`; a date line's year must be
    the one OCR read), else None; and the year of a date line when both readings give the same one."""
    from PIL import ImageOps

    nothing: tuple[list[str | None], str | None] = ([None] * len(line.blanks), None)
    if _rapid() is None:
        return nothing
    base = _line_crop(img, words, line)
    if base is None:
        return nothing
    readings = []
    for target in CONTEXT_HEIGHTS:
        cut = _to_height(base, target)
        readings.append(_parse_line(_second_text(ImageOps.expand(cut, border=8, fill=255)), line))
    return _agreed_line(readings)


def _year_confirmed(img, words: list[list[int]], line: _Line, year: str, settings: OcrSettings) -> int | None:
    """Whether the printed year of a date line is `year`, which the second engine read in the whole line
    where Tesseract read another (`2016` for 2018, a worn 8 on a real scan): its word cut from the image
    and read digits only (`_read_digits`: Tesseract twice, the second engine once) gives `year` every
    time. The lowest confidence of those readings, or None."""
    inside = [w for w in words if len(w) >= 7 and w[1] > line.year_start and w[0] < line.context_end]
    if not inside:
        return None
    top, bottom = min(w[4] for w in inside), max(w[6] for w in inside)
    half = (bottom - top) // 2
    box = (min(w[3] for w in inside) - 4, top - half, max(w[5] for w in inside) + 4, bottom + half)
    readings = _read_digits(img, box, settings)
    if len(readings) < 3 or any(value != year for value, _ in readings):
        return None
    return min(conf for _, conf in readings)


def _line_crop(img, words: list[list[int]], line: _Line):
    """The header line cut from the image (gray), from its first printed word to its last, half a line
    above and below (handwriting rises and falls), or None."""
    box = _line_box(img, words, line)
    return None if box is None else img.crop(box).convert("L")


def _line_box(img, words: list[list[int]], line: _Line) -> tuple[int, int, int, int] | None:
    """The image box of `_line_crop`, or None."""
    inside = [w for w in words if len(w) >= 7 and w[1] > line.start and w[0] < line.context_end]
    if not inside:
        return None
    tops = sorted(w[4] for w in inside)
    bottoms = sorted(w[6] for w in inside)
    top, bottom = tops[len(tops) // 2], bottoms[len(bottoms) // 2]
    height = max(8, bottom - top)
    x0, x1 = max(0, min(w[3] for w in inside) - 4), min(img.size[0], max(w[5] for w in inside) + 4)
    y0, y1 = max(0, int(top - 0.5 * height)), min(img.size[1], int(bottom + 0.5 * height))
    if x1 - x0 < 8 or y1 - y0 < 4:
        return None
    return x0, y0, x1, y1


def _agreed_line(readings: list[tuple[list[str | None], str | None]]) -> tuple[list[str | None], str | None]:
    """Per blank, the value every reading of the line gives, else None; the year, when all give one."""
    first, year = readings[0]
    values = [a if a is not None and all(r[0][i] == a for r in readings[1:]) else None for i, a in enumerate(first)]
    return values, year if all(r[1] == year for r in readings[1:]) else None


def _parse_line(reading: str, line: _Line) -> tuple[list[str | None], str | None]:
    """The blanks' digits in the second engine's reading of their line, and the year it reads on a date
    line (see `_line_values`)."""
    values: list[str | None] = [None] * len(line.blanks)
    if line.blanks[0].what == "number":
        m = P.SECOND_NUMBER_LINE_RE.match(reading) or (
            P.SECOND_PARTY_NUMBER_LINE_RE.match(reading) if line.form.startswith("Số {}") else None)
        if m and (m.re is P.SECOND_NUMBER_LINE_RE) == (not line.form.startswith("Số {}")):
            values[0] = m.group("n")
        return values, None
    d = P.SECOND_DATE_LINE_RE.search(reading)
    if not d:
        return values, None
    if d.group("y") != line.year:
        return values, d.group("y")
    for i, group in enumerate(("d", "m")[:len(line.blanks)]):
        v = P.SECOND_BLANK_VALUE_RE.fullmatch(d.group(group))
        values[i] = v.group("v") if v else None
    return values, d.group("y")


def _second_text(crop) -> str:
    """The second engine's text of a crop (any characters), or ''."""
    import numpy as np

    result, _ = _rapid()(np.asarray(crop.convert("RGB")), use_det=False, use_cls=False, use_rec=True)
    return result[0][0] if result else ""


def _digit_reading(img, box) -> tuple[str, float] | None:
    """The second engine's recognizer on the blank's crop (48 pixels high, a white margin), decoded with
    digits only: per time step the most probable of no character, each digit and any other character
    (their probabilities summed); the digits, with the lowest probability of any of them, or None when
    another character falls between digits or none is read. Its network is called directly: the
    engine's own decoding gives one mean confidence for the whole text, which hides a doubtful digit."""
    from PIL import ImageOps
    import numpy as np

    engine = _rapid()
    if engine is None:
        return None
    x0, y0, x1, y1 = max(0, box[0]), max(0, box[1]), min(img.size[0], box[2]), min(img.size[1], box[3])
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    crop = img.crop((x0, y0, x1, y1)).convert("L")
    crop = _to_height(crop, 48)
    arr = np.asarray(ImageOps.expand(crop, border=8, fill=255).convert("RGB"))
    try:
        rec = engine.text_rec
        chars = rec.postprocess_op.character
        ratio = arr.shape[1] / arr.shape[0]
        norm = rec.resize_norm_img(arr, max(rec.rec_image_shape[2] / rec.rec_image_shape[1], ratio))
        probs = rec.session(norm[np.newaxis].astype(np.float32))[0][0]
        digit_index = [chars.index(d) for d in DIGITS]
    except (AttributeError, ValueError, IndexError, TypeError):  # another version of the engine
        return None
    return _ctc_digits(probs, digit_index)


def _ctc_tokens(probs, digit_index: list[int], stop_index: int | None = None,
                lead_in_index: list[int] | None = None) -> list[list]:
    """A recognizer's output (time steps x characters, index 0 no character) decoded with digits only:
    per time step the most probable of no character, each digit, the character at `stop_index` where
    given, the letters at `lead_in_index` where given (their probabilities summed: `LEAD_IN_LETTERS`)
    and any other character (their probabilities summed); the tokens read, each [symbol, probability]:
    a digit, the stop character's index, `A` for one of those letters, or "" for another character."""
    tokens: list[list] = []
    previous = None
    for step in probs:
        digits = step[digit_index]
        stop = float(step[stop_index]) if stop_index is not None else 0.0
        letters = float(step[lead_in_index].sum()) if lead_in_index else 0.0
        other = max(0.0, 1.0 - float(digits.sum()) - stop - letters - float(step[0]))
        best = int(digits.argmax())
        candidates = [(None, float(step[0])), ("", other), (DIGITS[best], float(digits[best]))]
        if stop_index is not None:
            candidates.append((stop_index, stop))
        if lead_in_index:
            candidates.append(("A", letters))
        symbol, p = max(candidates, key=lambda c: c[1])
        if symbol is not None and symbol == previous:
            tokens[-1][1] = max(tokens[-1][1], p)
        elif symbol is not None:
            tokens.append([symbol, p])
        previous = symbol
    return tokens


def _ctc_digits(probs, digit_index: list[int]) -> tuple[str, float] | None:
    """A recognizer's output decoded with digits only (`_ctc_tokens`): the digits, with the lowest
    probability of any of them, or None when another character falls between digits or none is read."""
    return _digits_of(_ctc_tokens(probs, digit_index))


def _ctc_digits_before(probs, digit_index: list[int], stop_index: int) -> tuple[str, float] | None:
    """A recognizer's output on a crop that reaches into the printed part after a number (`/QĐ-UBND`)
    decoded with digits and the printed part's first character (`stop_index`): the digits read before
    it (other characters before them, `:` of `Số:`, and between them and it, a dot of the form, are
    dropped), with their lowest probability; None where the stop is not read after digits, or another
    character falls between digits. The printed `/` is seen, so no digit is cut off at the right."""
    tokens = _ctc_tokens(probs, digit_index, stop_index)
    stops = [i for i, t in enumerate(tokens) if t[0] == stop_index]
    if not stops:
        return None
    return _digits_of(tokens[:stops[0]])


def _digits_of(tokens: list) -> tuple[str, float] | None:
    """The digits of decoded tokens with their lowest probability: blanks at either end dropped, None
    when none is left or a blank (another character) falls between digits."""
    while tokens and tokens[0][0] == "":
        tokens.pop(0)
    while tokens and tokens[-1][0] == "":
        tokens.pop()
    if not tokens or any(t[0] == "" for t in tokens):
        return None
    return "".join(t[0] for t in tokens), min(t[1] for t in tokens)


# The third reading (`_accept_agreed`): PP-OCRv6's text recognizer, shipped inside the `rapidocr`
# package (3.x; PP-OCRv4's, in rapidocr-onnxruntime, is the second engine). On the crops of the real
# scans' blanks it read 96 of 113 values right digits only, where PP-OCRv4 read 76 (handwritten 1s
# above all: PP-OCRv4 reads them as 4, M or A, or drops them), but it is confidently wrong at times
# too (a crop that cuts a digit off: `2` for 27 at probability 1.00). A value is taken only when the
# blank's crop at each of `AGREE_HEIGHTS` and the whole line at each of `AGREE_LINE_HEIGHTS` read it,
# every digit of the crops at least `CONTEXT_CHAR_CONFIDENT` probable: measured on the same crops, 79
# values right and none wrong (the one value a transcriber left open, 1595, read as 1595). The line is
# read at 56 and 64 pixels, not 48: there its handwriting, twice as tall as the print, is squeezed and
# thin strokes are lost (`40` for 440, `5` for 15, `34` for 31). The nearest miss: 5740 for 5710, a
# handwritten 1 read as 4 by every reading but the crop at 32 pixels. A blank whose crops disagree is
# cut again reaching half a line into the next printed word (`_reach_right`): 83 right, none wrong. A
# number's crop starts at a column with no ink left of the blank and is read also reaching past the
# printed `/`, up to it (`_to_printed`): on the real scans' 40 legible numbers, 3 more right (275, 2027,
# 04, whose first or last digit the crop had cut), none wrong; the nearest miss again 5740 for 5710, its
# crop at 32 pixels at 0.49.
HANDWRITING_MODEL = "PP-OCRv6_rec_small.onnx"
AGREE_HEIGHTS = (32, 48, 64)
AGREE_LINE_HEIGHTS = (56, 64)


@functools.lru_cache(maxsize=1)
def _handwriting():
    """PP-OCRv6's recognizer as an onnxruntime session with its characters (index 0: no character), or
    None where the `rapidocr` package is not installed. Only the model file is used: the package itself
    is not imported (it would build a detector too)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("rapidocr")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "models" / HANDWRITING_MODEL
    if not path.is_file():
        return None
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1  # a few small crops: threads cost more than they give
    session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    chars = [""] + session.get_modelmeta().custom_metadata_map["character"].splitlines() + [" "]
    if len(chars) != session.get_outputs()[0].shape[2]:
        return None  # another model than the one measured
    return session, chars, [chars.index(d) for d in DIGITS]


def _handwriting_probs(crop, height: int):
    """The recognizer's output on a gray crop scaled to `height`, with an 8-pixel white margin, as the
    network takes it (48 pixels high, at least 320 wide, normalized to -1..1, padded with 0)."""
    from PIL import ImageOps
    import numpy as np

    session = _handwriting()[0]
    framed = _to_height(ImageOps.expand(_to_height(crop, height), border=8, fill=255), 48)
    arr = np.asarray(framed.convert("RGB"), dtype=np.float32)
    batch = np.zeros((1, 3, 48, max(arr.shape[1], 320)), np.float32)
    batch[0, :, :, :arr.shape[1]] = (arr / 127.5 - 1.0).transpose(2, 0, 1)
    return session.run(None, {session.get_inputs()[0].name: batch})[0][0]


def _handwriting_text(probs) -> str:
    """The recognizer's output decoded greedily, every character."""
    chars = _handwriting()[1]
    out, previous = [], 0
    for index in probs.argmax(axis=1):
        if index != previous and index != 0:
            out.append(chars[index])
        previous = index
    return "".join(out)


def _handwriting_digits(img, box, lead_in: bool = False) -> list[tuple | None]:
    """The blank's crop (`box`) read digits only at each of `AGREE_HEIGHTS` (`_ctc_digits`). `lead_in`:
    the letters a 1 written with a lead-in stroke is read as are kept (`LEAD_IN_LETTERS`, as `A`), each
    reading that has one given with the probability of each of its symbols as a third element, for
    `_fours_reader` to read them as 1 by their glyphs or drop them."""
    x0, y0, x1, y1 = max(0, box[0]), max(0, box[1]), min(img.size[0], box[2]), min(img.size[1], box[3])
    if x1 - x0 < 4 or y1 - y0 < 4:
        return []
    crop = img.crop((x0, y0, x1, y1)).convert("L")
    _, chars, digit_index = _handwriting()
    if not lead_in:
        return [_ctc_digits(_handwriting_probs(crop, h), digit_index) for h in AGREE_HEIGHTS]
    letters = [chars.index(ch) for ch in LEAD_IN_LETTERS if ch in chars]
    out: list[tuple | None] = []
    for h in AGREE_HEIGHTS:
        tokens = _ctc_tokens(_handwriting_probs(crop, h), digit_index, lead_in_index=letters)
        while tokens and tokens[0][0] == "":
            tokens.pop(0)
        while tokens and tokens[-1][0] == "":
            tokens.pop()
        if not tokens or any(t[0] == "" for t in tokens):
            out.append(None)
        elif any(t[0] == "A" for t in tokens):
            out.append(("".join(t[0] for t in tokens), min(t[1] for t in tokens), [t[1] for t in tokens]))
        else:
            out.append(("".join(t[0] for t in tokens), min(t[1] for t in tokens)))
    return out


def _handwriting_digits_before(img, box, stop: str) -> list[tuple[str, float] | None]:
    """The blank's crop (`box`, reaching into the printed part) read at each of `AGREE_HEIGHTS`, digits up
    to the printed part's first character `stop` (`_ctc_digits_before`)."""
    x0, y0, x1, y1 = max(0, box[0]), max(0, box[1]), min(img.size[0], box[2]), min(img.size[1], box[3])
    chars = _handwriting()[1]
    if x1 - x0 < 4 or y1 - y0 < 4 or stop not in chars:
        return []
    crop = img.crop((x0, y0, x1, y1)).convert("L")
    digit_index = _handwriting()[2]
    return [_ctc_digits_before(_handwriting_probs(crop, h), digit_index, chars.index(stop)) for h in AGREE_HEIGHTS]


def _to_printed(img, box):
    """The number blank's box made to take in the whole handwriting and the start of the printed part
    after it: its left edge moved left to the nearest column with no ink on the printed line (at most a
    line's height: Tesseract glues `Số:` and the handwriting into one word at times, `Só:s2ƒ/TB-ĐHĐL`,
    and the blank's edge, put in proportion inside it, falls inside the first digit), its right edge a
    line's height further right, past the printed `/` (a last digit written against it, the 5 of
    `275/`, lies inside the printed word's box). Read up to that `/` (`_ctc_digits_before`)."""
    import numpy as np

    x0, y0, x1, y1 = box
    height = (y1 - y0) // 2  # the box is twice the printed line's height
    lo = max(0, x0 - height)
    band = (lo, y0 + height // 2, max(lo + 1, x0 + 1), y1 - height // 2)
    if band[2] - band[0] > 1 and band[3] > band[1]:
        ink = (np.asarray(binarize(img.crop(band).convert("L"))) < 128).sum(axis=0)
        while x0 > lo and ink[x0 - lo] > 0:
            x0 -= 1
    return (x0, y0, min(img.size[0], x1 + height), y1)


def _handwriting_line(img, words: list[list[int]], line: _Line) -> list[str | None]:
    """Per blank, the value PP-OCRv6 reads there in the whole line at every one of `AGREE_LINE_HEIGHTS`
    (the printed words around it read, the year the one OCR read: `_parse_line`), else None."""
    whole = _line_crop(img, words, line)
    if whole is None:
        return [None] * len(line.blanks)
    return _agreed_line([_parse_line(_handwriting_text(_handwriting_probs(whole, h)), line)
                         for h in AGREE_LINE_HEIGHTS])[0]


def _reach_right(box):
    """The blank's box reaching half a line further right: a last digit written over the start of the
    next printed word (`27` into `tháng`, `574` into `/UBND`) lies inside that word's box, and the crop
    between the words cuts it off (`2`, `57`). The printed letters it takes in are dropped by the
    digits-only decoding at the crop's edge, or make it no reading."""
    half_line = (box[3] - box[1]) / 4  # the box is twice the line's height
    return (box[0], box[1], int(box[2] + half_line), box[3])


def _accept_agreed(piece: str, crops: list[tuple[str, float] | None], line_value: str | None,
                   what: str, second: tuple[str, int] | None = None) -> str | None:
    """The value of a blank when PP-OCRv6 reads it alike in every crop (each digit probable) and in the
    line read whole, and it has at least as many digits as OCR first read there, look-alikes counted;
    and the second engine's reading of the blank (`second`: digits, confidence) is not a confident
    other value as long (`_contradicts`)."""
    if not crops or not line_value or any(c is None for c in crops):
        return None
    if _contradicts(second, line_value):
        return None
    if any(c[0] != line_value or c[1] < CONTEXT_CHAR_CONFIDENT for c in crops):
        return None
    if not _plausible(line_value, what):
        return None
    seen = sum(1 for ch in piece if _DIGIT_LOOKALIKES.get(ch, ch).isdigit())
    return line_value if len(line_value) >= seen else None


# A day or month read by most readings (`_accept_most`): where `_accept_agreed` fails because one crop or
# one height of the line reads something else than a value (`2F` for a crossed 7, `17` lost at one crop
# size, `201` where the crop took in the `t` of `tháng`), the value is taken when two of the blank's
# three PP-OCRv6 crops read it (every digit `CONTEXT_CHAR_CONFIDENT`) and none reads another value it
# could be, and at least two of the whole line's readings (PP-OCRv6 at `MOST_LINE_HEIGHTS`, the second
# engine at `CONTEXT_HEIGHTS`) read it there, twice as many as read any other digits there (`_line_agrees`).
# Measured on the real scans' date lines: the misreadings seen are a crop that cut a digit off (`2` for
# 29, the line reading 29: refused), a line that reads a handwritten 1 as 4 at every height (34 for 31, the
# crops reading 31: refused) or 18 as 48 (an annex's `ngày 18/10/2023`; such a line is read by its crops
# only, `_attached_lines`).
MOST_LINE_HEIGHTS = (40, 48, 56, 64, 72, 80)


def _date_line_readings(img, words: list[list[int]],
                        line: _Line) -> tuple[list[list[str | None]], list[list[tuple]]]:
    """The whole date line read by PP-OCRv6 at each of `MOST_LINE_HEIGHTS` and by the second engine at
    each of `CONTEXT_HEIGHTS`: per reading, per blank, its digits (dots and spaces dropped; any number of
    them), '' where the reading has nothing there, None where it has other characters there or does
    not read the line as a date line of the year OCR read. And per blank, where PP-OCRv6's readings
    place it (`_located_box`): the boxes where its readings give digits there."""
    from PIL import ImageOps

    box = _line_box(img, words, line)
    if box is None:
        return [], [[] for _ in line.blanks]
    whole = img.crop(box).convert("L")
    texts, located = [], [[] for _ in line.blanks]
    for h in MOST_LINE_HEIGHTS:
        probs = _handwriting_probs(whole, h)
        reading, steps = _handwriting_decoded(probs)
        texts.append(reading)
        d = P.SECOND_DATE_LINE_RE.search(reading)
        if not d or d.group("y") != line.year:
            continue
        for i, group in enumerate(("d", "m")[:len(line.blanks)]):
            a, e = d.start(group), d.end(group)
            if _LEAD_IN_READING.fullmatch(re.sub(r"[\s.]", "", d.group(group))) and 0 < a and e < len(steps):
                located[i].append(_located_box(box, h, probs.shape[0], steps[a - 1], steps[e]))
    if _rapid() is not None:
        texts += [_second_text(ImageOps.expand(_to_height(whole, h), border=8, fill=255)) for h in CONTEXT_HEIGHTS]
    out = []
    for reading in texts:
        d = P.SECOND_DATE_LINE_RE.search(reading)
        if not d or d.group("y") != line.year:
            out.append([None] * len(line.blanks))
            continue
        groups = [re.sub(r"[\s.]", "", d.group(g)) for g in ("d", "m")[:len(line.blanks)]]
        out.append([g if _LEAD_IN_READING.fullmatch(g) or not g else None for g in groups])
    return out, located


# The letters a recognizer reads a 1 written with a lead-in stroke (`ʌ`) as, when not 4: PP-OCRv6 reads the
# real scans' `ʌʌ` (11) as `MM` in the whole line and `AA`, `MA` in the blank's crop, PP-OCRv4 as `AA`. They
# are kept in a blank's readings only to be read as 1 where the glyph under them is such a 1
# (`_fours_reader`); anywhere else the reading is what it was without them.
LEAD_IN_LETTERS = "AM"
_LEAD_IN_READING = re.compile(f"[0-9{LEAD_IN_LETTERS}]+")


def _handwriting_decoded(probs) -> tuple[str, list[int]]:
    """`_handwriting_text` with the time step of each character."""
    chars = _handwriting()[1]
    out, steps, previous = [], [], 0
    for step, index in enumerate(probs.argmax(axis=1)):
        if index != previous and index != 0:
            out.append(chars[index])
            steps.append(step)
        previous = index
    return "".join(out), steps


def _located_box(line_box: tuple[int, int, int, int], height: int, steps: int, before: int, after: int):
    """The image box of a blank that a reading of the whole line (`_handwriting_probs` at `height`, its
    output `steps` long) places between the time steps of the printed letters either side: from the
    middle of the letter before (`y` of `ngày`) to the middle of the letter after (`t` of `tháng`), the
    line's height. Where the words' boxes cut a digit written over a printed letter off (the first 1 of
    11 over the `y`, the 0 of 02 against the `g`), or give the blank no room at all, the line's own
    reading still places it."""
    x0, y0, x1, y1 = line_box
    width, high = x1 - x0, y1 - y0
    # `_handwriting_probs`: the crop scaled to `height`, an 8-pixel margin, scaled to 48, padded to 320
    framed = round((round(width * height / high) + 16) * 48 / (height + 16))
    per_step = max(framed, 320) / steps

    def to_x(step: int) -> int:
        return x0 + round(((step + 0.5) * per_step * (height + 16) / 48 - 8) * high / height)

    return to_x(before), y0, to_x(after), y1


def _accept_most(piece: str, crops: list[tuple[str, float] | None], lines: list[str | None],
                 what: str) -> str | None:
    """The value of a day or month blank that most of its crops and of its line's readings give, and no
    reading contradicts (see `MOST_LINE_HEIGHTS`); at least as many digits as OCR first read there."""
    from collections import Counter

    sure = [c[0] for c in crops if c is not None and c[1] >= CONTEXT_CHAR_CONFIDENT]
    if not sure:
        return None
    value, n = Counter(sure).most_common(1)[0]
    if n < 2 or not _plausible(value, what):
        return None
    if any(c is not None and c[0] != value and _plausible(c[0], what) for c in crops):
        return None  # a crop reads another day or month
    if not _line_agrees(value, lines):
        return None
    seen = sum(1 for ch in piece if _DIGIT_LOOKALIKES.get(ch, ch).isdigit())
    return value if len(value) >= seen else None


def _line_agrees(value: str, lines: list[str | None]) -> bool:
    """Whether the whole line's readings give a blank `value`: at least two of them, and twice as many as
    give any other digits there (PP-OCRv6 at one height drops one of two handwritten 1s: `1` once, `11`
    seven times)."""
    from collections import Counter

    read = Counter(v for v in lines if v)
    n = read.pop(value, 0)
    return n >= 2 and all(2 * m <= n for m in read.values())


def _accept_located(piece: str, located: list[list[tuple[str, float] | None]], lines: list[str | None],
                    what: str) -> str | None:
    """The value of a day or month blank read in the boxes where the line's readings place it
    (`_located_box`, each read at `AGREE_HEIGHTS`): of all those crops' readings whose every digit is
    `CONTEXT_CHAR_CONFIDENT`, the value most give, at least three of them and twice as many as give any
    other value it could be; the line's readings as for `_accept_most`. A reading that is no day or
    month does not count against it (a crop reaching half a letter into `tháng` or `năm` reads its
    first stroke as a 1: `291`, `021`)."""
    from collections import Counter

    plausible = Counter(c[0] for crops in located for c in crops
                        if c is not None and c[1] >= CONTEXT_CHAR_CONFIDENT and _plausible(c[0], what))
    if not plausible:
        return None
    (value, n), *others = plausible.most_common()
    if n < 3 or any(2 * m > n for _, m in others):
        return None
    if not _line_agrees(value, lines):
        return None
    seen = sum(1 for ch in piece if _DIGIT_LOOKALIKES.get(ch, ch).isdigit())
    return value if len(value) >= seen else None


def _contradicts(second: tuple[str, int] | None, value: str) -> bool:
    """Whether the second engine (PP-OCRv4) read a blank confidently as another number of as many digits
    as `value`: two recognizers each sure of a different number make it doubtful (a handwritten number
    on a real scan, read 1535 at 81 by one and 1595 everywhere by PP-OCRv6, that the transcriber left
    open between the two). A shorter or longer reading is no contradiction: PP-OCRv4 drops and splits
    handwritten 1s (`15` for 115, `99` for 299 on the same scans). Checked on numbers only: on the
    days PP-OCRv4 reads a handwritten 1 as 4 confidently (`45` at 71 for the 15 PP-OCRv6 reads right),
    while on the real scans' numbers it contradicted no value read right."""
    return (second is not None and second[0].isdigit() and second[0] != value and len(second[0]) == len(value)
            and second[1] >= SECOND_CONFIDENT)


def _x_at(words: list[list[int]], offset: int, line: list[list[int]]) -> float | None:
    """The x of a text offset on its line, from the words' boxes (inside a word: in proportion)."""
    for w in line:
        s, e, _, x0, _, x1, _ = w[:7]
        if s <= offset <= e:
            return x0 + (x1 - x0) * (offset - s) / max(1, e - s)
    before = [w for w in line if w[1] <= offset]
    after = [w for w in line if w[0] >= offset]
    if before and after:
        return (before[-1][5] + after[0][3]) / 2
    return None


def _region(text: str, words: list[list[int]], blank: _Blank, overlaid: bool = False):
    """The image box (x0, y0, x1, y1) of the blank: from the end of the printed word before it to the
    start of the printed word after it (an empty blank: the gap between them), the height of the line.
    `overlaid`: where no room is left between the printed words, the blank starts where the letters of
    the word before it end (only for the reading in context: `_accept_in_context` checks it against
    the whole line; Tesseract's digits-only passes read a part of such a crop alone, `2` for 04)."""
    line_start = text.rfind("\n", 0, blank.start) + 1
    line_end = text.find("\n", blank.end)
    line_end = len(text) if line_end < 0 else line_end
    line = [w for w in words if len(w) >= 7 and w[0] >= line_start and w[1] <= line_end]
    if not line:
        return None
    left, right = blank.start, blank.end
    if left == right:  # an empty blank: from the word before to the word after
        before = [w for w in line if w[1] <= left]
        after = [w for w in line if w[0] >= right]
        if not before or not after:
            return None
        left, right = before[-1][1], after[0][0]
    # The whole gap between the printed words either side: handwriting overflows the box OCR gave it.
    before = [w for w in line if w[1] <= left]
    after = [w for w in line if w[0] >= right]
    x0 = before[-1][5] + 1 if before and before[-1][1] == _word_end(text, left) else _x_at(words, left, line)
    x1 = after[0][3] - 1 if after and after[0][0] == _word_start(text, right) else _x_at(words, right, line)
    near = [w for w in line if w[0] < right + 2 and w[1] > left - 2] or line
    tops = sorted(w[4] for w in near)
    bottoms = sorted(w[6] for w in near)
    top, bottom = tops[len(tops) // 2], bottoms[len(bottoms) // 2]
    height = max(8, bottom - top)
    if (overlaid and (x0 is None or x1 is None or x1 - x0 < height / 2) and before
            and before[-1][1] == _word_end(text, left)):
        # No room left between the printed words: OCR gave the word before the handwriting a box over
        # it too (`ngày` 182 pixels wide for its 4 letters, the `06` written after it lost). The blank
        # starts where the word's letters end at the line's usual letter width.
        width = _letter_width(line)
        if width:
            x0 = before[-1][3] + width * (before[-1][1] - before[-1][0]) + 1
            if after and after[0][0] == _word_start(text, right):
                x1 = after[0][3] - 1
    if x0 is None or x1 is None or x1 - x0 < 4:
        return None
    # Handwriting rises above and falls below the printed line.
    return (int(x0) - 2, int(top - 0.5 * height), int(x1) + 2, int(bottom + 0.5 * height))


def _letter_width(line: list[list[int]]) -> float | None:
    """The median width of a letter on a line, from its words read confidently (three letters or more)."""
    widths = sorted((w[5] - w[3]) / (w[1] - w[0]) for w in line if w[2] >= CONFIDENT and w[1] - w[0] >= 3)
    return widths[len(widths) // 2] if widths else None


def _word_end(text: str, offset: int) -> int:
    """The end of the text before `offset`, white space skipped back."""
    while offset > 0 and text[offset - 1] in " \t":
        offset -= 1
    return offset


def _word_start(text: str, offset: int) -> int:
    while offset < len(text) and text[offset] in " \t":
        offset += 1
    return offset


def _read_digits(img, box, settings: OcrSettings) -> list[tuple[str, int]]:
    """Two digits-only readings of a region: a scaled gray crop as one line, a scaled binarized crop as
    one word. Each is (digits, lowest word confidence)."""
    from PIL import Image, ImageOps

    x0, y0, x1, y1 = box
    x0, y0 = max(0, x0), max(0, y0)
    x1, y1 = min(img.size[0], x1), min(img.size[1], y1)
    if x1 - x0 < 4 or y1 - y0 < 4:
        return []
    crop = img.crop((x0, y0, x1, y1)).convert("L")
    scale = max(1.0, 64 / crop.size[1])
    crop = crop.resize((max(1, round(crop.size[0] * scale)), max(1, round(crop.size[1] * scale))), Image.LANCZOS)
    crop = ImageOps.expand(crop, border=16, fill=255)
    config = f"-c tessedit_char_whitelist={DIGITS}"
    out = []
    for prepared, psm in ((crop, 7), (binarize(crop), 7)):
        text, _, words = tesseract_words(prepared, settings.with_(psm=psm), dpi=300, config=config)
        digits = "".join(ch for ch in text if ch.isdigit())
        conf = min((w[1] for w in words), default=0)
        out.append((digits, conf))
    second = _second_engine(crop)
    if second is not None:
        out.append(second)
    return out


@functools.lru_cache(maxsize=1)
def _second_engine_installed() -> bool:
    """Whether the second engine can be imported, found without loading it: building `_rapid` loads
    its models (about 0.4 s a process), which a page whose readings come from the cache never needs."""
    import importlib.util

    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


@functools.lru_cache(maxsize=1)
def _rapid():
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:  # the second engine is optional: Tesseract's passes alone then
        return None
    return RapidOCR()


def _second_engine(crop) -> tuple[str, int] | None:
    """RapidOCR's recognizer (PP-OCR, its model shipped in the package) on the crop: a reading of
    handwriting that Tesseract's print model lacks. Digits only: a reading with anything else inside
    the digits is no reading."""
    engine = _rapid()
    if engine is None:
        return None
    import numpy as np

    result, _ = engine(np.asarray(crop.convert("RGB")), use_det=False, use_cls=False, use_rec=True)
    if not result:
        return None
    text, score = result[0][0], float(result[0][1])
    text = text.strip(" .,:;_-'\"")
    if not text.isdigit():
        return ("", 0)
    return text, round(100 * score)


def fill_blanks(img, text: str, words: list[list[int]] | None, settings: OcrSettings) -> Filled:
    """The page text with its header's number and day/month blanks read again where OCR's reading is
    not clean (see the module's doc); `words` are the page's `[start, end, conf, x0, top, x1, bottom]`
    (`pipeline.ocr.word_spans`) in the coordinates of `img`. A line changed is written in its printed
    form (`Số: 209 /QĐ-UBND`, `ngày 18 tháng 02 năm 2025`: OCR garbles the printed words next to
    handwriting too). Without word boxes nothing is changed."""
    if not words or len(words[0]) < 7:
        return Filled(text, words)
    img = _without_leaders(img, text, words)  # a dotted leader's dots are no digits
    edits: list[tuple[int, int, str, list[tuple[int, int, int]]]] = []
    notes: list[str] = []
    for line in _lines(text):
        values: list[tuple[str, int]] = []
        context: list[str | None] | None = None  # the line read whole by the second engine, when needed
        agreed: list[str | None] | None = None  # ... and by PP-OCRv6 (`_accept_agreed`), when needed
        most = None  # a date line read at many heights, and where it places the blanks (`_accept_most`)
        doubtful_year = None
        if line.year:
            # The printed year is read too: Tesseract misreads one at times (`2016` for 2018 on a real
            # scan, where the second engine read 2018 at both heights). A year the second engine reads
            # otherwise, unless Tesseract's digits-only passes on its word confirm it (`_year_confirmed`),
            # makes the date doubtful: its day is not given (the date is then not read).
            context, year_read = _line_values(img, text, words, line)
            if year_read is not None and year_read != line.year:
                confirmed = _year_confirmed(img, words, line, year_read, settings)
                if confirmed is None:
                    doubtful_year = year_read
                else:
                    # Tesseract's own digits-only passes on the year's word read it as the second engine
                    # did: the year is read again, and the line written with it.
                    notes.append(f"the year of the date line read again digits only: '{line.year}' -> '{year_read}'")
                    line = replace(line, year=year_read, end=line.context_end, printed_ok=False,
                                   form=line.form + "năm " + year_read, year_conf=confirmed)
                    context = _line_values(img, text, words, line)[0]
        for blank in line.blanks:
            piece = text[blank.start:blank.end]
            # The blank's handwritten glyphs, told a lead-in 1 from a 4 (`pipeline.glyphs`): every reading
            # of the blank below reads a 4 as 1 where its glyph is a lead-in 1 (`fours`).
            fours = _fours_reader(img, _region(text, words, blank, overlaid=True))
            if doubtful_year and blank.what == "day":
                values.append(("?", 0))
                notes.append(f"the year of the date line read {line.year} by OCR and {doubtful_year} by the second "
                             f"engine; the day is kept as '?'")
                continue
            if (_clean(text, words, blank) and fours(piece, False) == piece
                    and (blank.what != "number" or _second_agrees(img, text, words, blank))):
                values.append((piece, min(w[2] for w in words if w[0] < blank.end and w[1] > blank.start)))
                continue
            box = _region(text, words, blank)
            readings = fours(_read_digits(img, box, settings) if box else [])
            decoded = (lambda box=box: fours(_digit_reading(img, box))) if blank.what == "number" else None
            # An annex's line: the second engine alone is not taken (its confidence was measured on
            # headers' blanks; on vietadmin_05's annex line it reads the handwritten 5710 as 5910 at 81,
            # its digits-only decoding alike), nor its vote over cuts of the blank.
            value = _accept(fours(piece, False), readings, blank.what, decoded=decoded, alone=not line.attached)
            if value is None and box and readings and not line.attached:
                value = _accept_vote(fours(piece, False), fours(_second_engine_vote(img, box)),
                                     blank.what)
            wide = _region(text, words, blank, overlaid=True) if value is None else None
            if value is None and wide:
                if context is None:
                    context = _line_values(img, text, words, line)[0]
                value = _accept_in_context(fours(piece, False), fours(context[line.blanks.index(blank)]),
                                           fours(_digit_reading(img, wide)), blank.what)
            if value is None and wide and _handwriting() is not None:
                if agreed is None:
                    agreed = _handwriting_line(img, words, line)
                second = readings[2] if len(readings) == 3 and blank.what == "number" else None
                start = wide
                if blank.what == "number":
                    to_printed = _to_printed(img, wide)
                    start = (to_printed[0], *wide[1:])
                for box in (start, _reach_right(start)):
                    value = _accept_agreed(fours(piece, False), fours(_handwriting_digits(img, box)),
                                           fours(agreed[line.blanks.index(blank)]), blank.what, second)
                    if value is not None:
                        break
                if value is None and blank.what == "number":
                    before = _handwriting_digits_before(img, to_printed, line.stop)
                    value = _accept_agreed(fours(piece, False), fours(before), fours(agreed[0]), blank.what, second)
            if value is None and blank.what != "number" and _handwriting() is not None:
                if most is None:
                    most = _date_line_readings(img, words, line)
                lines_read = [_digits_read(fours(r[line.blanks.index(blank)])) for r in most[0]]
                for box in (wide, _reach_right(wide)) if wide else ():
                    crops = fours(_handwriting_digits(img, box, lead_in=True))
                    value = _accept_most(fours(piece, False), crops, lines_read, blank.what)
                    if value is not None:
                        break
                if value is None:
                    located = [fours(_handwriting_digits(img, box, lead_in=True))
                               for box in most[1][line.blanks.index(blank)]]
                    value = _accept_located(fours(piece, False), located, lines_read, blank.what)
            if value is not None:
                values.append((value, min((c for _, c in readings), default=0)))
                if fours.changed and value != piece:
                    notes.append(f"the {blank.what} written into '{blank.printed}' read again digits only, a 4 (or "
                                 f"{', '.join(LEAD_IN_LETTERS)}) read as a 1 written with a lead-in stroke (no "
                                 f"crossbar): '{piece}' -> '{value}'")
                elif value != piece:
                    notes.append(f"the {blank.what} written into '{blank.printed}' read again digits only: "
                                 f"'{piece}' -> '{value}'")
            else:
                values.append(("?", 0))
                notes.append(f"the {blank.what} written into '{blank.printed}' cannot be read "
                             f"(OCR: '{piece}'); kept as '?'")
        if line.printed_ok and all(v == text[b.start:b.end] for (v, _), b in zip(values, line.blanks)):
            continue
        pieces = line.form.split("{}")
        replacement = pieces[0]
        inner: list[tuple[int, int, int]] = []
        for (value, conf), rest in zip(values, pieces[1:]):
            inner.append((len(replacement), len(replacement) + len(value), conf))
            replacement += value + rest
        if replacement.endswith(" ") and line.end < len(text) and text[line.end] == " ":
            replacement = replacement[:-1]
        if line.year_conf is not None:  # the year read again is a word of the replacement too
            inner.append((len(replacement) - len(line.year), len(replacement), line.year_conf))
        edits.append((line.start, line.end, replacement, inner))
    if not edits:
        return Filled(text, words)
    new_text, new_words = _apply(text, words, edits)
    return Filled(new_text, new_words, notes)


def _fours_reader(img, box) -> Callable:
    """What reads a blank's 4s again by the shape of its glyphs (`pipeline.glyphs`): a function taking
    any reading of the blank (digits; a (digits, ...) tuple; a list of them; None) and giving it with
    each 4, and each letter such a 1 is read as (`LEAD_IN_LETTERS`, not in OCR's first reading:
    `letters` False), read as 1 where the glyph under it is a lead-in 1, and everything else as it was
    (a letter not read so: as the digits-only decoding has it, `_letters_read`). The glyphs are those of
    the blank's crop between the printed words (`_region`, overlaid), cut only when a reading needs them."""
    shapes: list = []

    def glyphs():
        if not shapes:
            cut = None
            if box is not None:
                x0, y0, x1, y1 = max(0, box[0]), max(0, box[1]), min(img.size[0], box[2]), min(img.size[1], box[3])
                if x1 - x0 >= 4 and y1 - y0 >= 4:
                    cut = glyph_shapes(img.crop((x0, y0, x1, y1)))
            shapes.append(cut)
        return shapes[0]

    def fours(reading, letters: bool = True):
        if reading is None:
            return None
        if isinstance(reading, list):
            return [fours(r) for r in reading]
        if isinstance(reading, tuple):
            if not reading or not isinstance(reading[0], str):
                return reading
            if len(reading) == 3 and isinstance(reading[2], list):  # a crop's reading with letters
                return _letters_read(reading, fours)
            return (fours(reading[0]), *reading[1:])
        if not isinstance(reading, str):
            return reading
        if not letters:  # OCR's first reading: its letters are Tesseract's, not a recognizer's `ʌ`
            if "4" not in reading:
                return reading
            read = read_fours(reading, glyphs())
            fours.changed = fours.changed or read != reading
            return read
        if not (set(reading) & set("4" + LEAD_IN_LETTERS)):
            return reading
        read = read_fours(reading.translate(_AS_FOUR), glyphs())
        # a letter not read as 1 stays a letter: the reading has another character than a digit there
        read = "".join(ch if ch in LEAD_IN_LETTERS and d != "1" else d for ch, d in zip(reading, read))
        if read != reading:
            fours.changed = True
        return read

    fours.changed = False  # whether a reading of the blank was read again so
    return fours


_AS_FOUR = str.maketrans({ch: "4" for ch in LEAD_IN_LETTERS})


def _letters_read(reading: tuple, fours: Callable) -> tuple[str, float] | None:
    """A crop's reading holding letters a lead-in 1 is read as (`A`: digits, lowest probability, each
    symbol's probability) read by `fours`: every letter read as 1 by its glyph, or, where one is not,
    the reading the digits-only decoding gives without them (a letter is then another character:
    dropped at either end, no reading where one falls between digits)."""
    digits, _, probs = reading
    changed = fours.changed
    read = fours(digits)
    if "A" not in read:
        return read, min(probs)
    fours.changed = changed
    symbols = [("" if ch == "A" else ch, p) for ch, p in zip(digits, probs)]
    while symbols and symbols[0][0] == "":
        symbols.pop(0)
    while symbols and symbols[-1][0] == "":
        symbols.pop()
    if not symbols or any(ch == "" for ch, _ in symbols):
        return None
    return fours("".join(ch for ch, _ in symbols)), min(p for _, p in symbols)


def _digits_read(value: str | None) -> str | None:
    """A line's reading of a blank as the rules take it: digits, '' (nothing there), else None."""
    return value if value is None or value == "" or (value.isascii() and value.isdigit()) else None


def _apply(text: str, words: list[list[int]], edits: list[tuple[int, int, str, list[tuple[int, int, int]]]]):
    """Replace spans of the page text, moving the words after each; the words inside a span are
    replaced by the words of its replacement (their offsets in it and confidences given)."""
    edits = sorted(edits, key=lambda e: e[0])
    parts: list[str] = []
    shifts: list[tuple[int, int]] = []  # (old end of an edit, total shift after it)
    out: list[list[int]] = []
    pos = shift = 0
    for start, end, replacement, inner in edits:
        parts.append(text[pos:start])
        new_start = start + shift
        parts.append(replacement)
        box = _box_of(words, start, end)
        out.extend([new_start + a, new_start + b, conf, *box] for a, b, conf in inner)
        shift += len(replacement) - (end - start)
        shifts.append((end, shift))
        pos = end
    parts.append(text[pos:])
    for w in words:
        if any(w[0] < end and w[1] > start for start, end, _, _ in edits):
            continue  # a word of a replaced span
        delta = 0
        for end, after in shifts:
            if end <= w[0]:
                delta = after
        out.append([w[0] + delta, w[1] + delta, *w[2:]])
    out.sort(key=lambda w: w[0])
    return "".join(parts), out


def _box_of(words: list[list[int]], start: int, end: int) -> list[int]:
    inside = [w for w in words if w[0] < max(end, start + 1) and w[1] > start and len(w) >= 7]
    if not inside:
        return [0, 0, 0, 0]
    return [min(w[3] for w in inside), min(w[4] for w in inside), max(w[5] for w in inside), max(w[6] for w in inside)]


def read_blanks(job: PageJob, settings: OcrSettings, text: str, words: list[list[int]] | None,
                turned: int = 0) -> tuple[str, list[list[int]] | None, list[str]]:
    """`fill_blanks` on an OCR'd page (the first of a document), its image made again as Tesseract
    read it (`pipeline.ocr.ocr_image`, turned as the reading was: `PageOcr.turned`); cached beside the page. Only a header whose number or date
    line is not clean costs anything: the image is not even loaded otherwise."""
    if not words or len(words[0]) < 7 or not _needs_reading(text, words):
        return text, words, []
    try:
        key = hashlib.sha256(f"{cache_key(job, settings)}|{BLANKS_FORMAT}".encode()).hexdigest()
        cached = cache_get(settings, key)
        if cached is not None:
            data = json.loads(cached)
            if data.get("source") == hashlib.sha256(text.encode()).hexdigest():
                return data["text"], data["words"], data["notes"]
        img, _ = ocr_image(job, settings, turned)
        filled = fill_blanks(img, text, words, settings)
    except (PageError, OSError, ValueError, KeyError) as exc:
        return text, words, [f"the header's blanks were not read again ({exc})"]
    cache_put(settings, key, json.dumps({"source": hashlib.sha256(text.encode()).hexdigest(), "text": filled.text,
                                         "words": filled.words, "notes": filled.notes}, ensure_ascii=False))
    return filled.text, filled.words, filled.notes


def _needs_reading(text: str, words: list[list[int]]) -> bool:
    for line in _lines(text):
        if not line.printed_ok or not all(_clean(text, words, b) for b in line.blanks):
            return True
        if any(b.what == "number" for b in line.blanks) and _second_engine_installed():
            return True  # a clean number is checked by the second engine (`_second_agrees`)
    return False


def _second_agrees(img, text: str, words: list[list[int]], blank: _Blank) -> bool:
    """Whether the second engine confirms a number OCR read cleanly: Tesseract reads a handwritten
    number confidently wrong at times (`44` for 11 on a real scan, where the second engine and the
    digits-only passes read nothing). Unconfirmed, the number is read again like any unclean blank
    (`_accept`: OCR's reading then needs a digits-only pass to agree with it)."""
    box = _region(text, words, blank)
    if box is None:
        return True
    from PIL import Image, ImageOps

    x0, y0, x1, y1 = max(0, box[0]), max(0, box[1]), min(img.size[0], box[2]), min(img.size[1], box[3])
    if x1 - x0 < 4 or y1 - y0 < 4:
        return True
    crop = img.crop((x0, y0, x1, y1)).convert("L")
    scale = max(1.0, 64 / crop.size[1])
    crop = crop.resize((max(1, round(crop.size[0] * scale)), max(1, round(crop.size[1] * scale))), Image.LANCZOS)
    second = _second_engine(ImageOps.expand(crop, border=16, fill=255))
    if second is None:
        return True  # no second engine installed: OCR's clean reading as before
    return second[0] == text[blank.start:blank.end]


# A form's dotted leader (`Số: ........./TB-ĐHĐL`, `ngày .... tháng .... năm`): the hand writes the number
# and the day over it, and the recognizers read its dots as digits or points, or lose a digit among them
# (`267.` for 2678, `2.$.` for 28 on a real scan). Its dots are taken out of the blanks' regions before
# any reading: small round blobs of ink standing alone (a dot a stroke runs through is part of the
# stroke, and stays), all about one size, bottoms on one line in the lower half of the printed line,
# evenly spaced (each gap a whole number of the row's spacing: dots under the handwriting leave gaps of
# two or three). A dot is at most `LEADER_DOT` of the printed line's height across and at least 2 pixels.
LEADER_DOT = 0.2
# ... the spacing of a row between these many dot widths (a leader's dots are set apart; a colon's are
# one above the other, a handwritten digit's broken stroke lies against the rest of it)
LEADER_GAP = (1.5, 8.0)


def _leader_dots(ink, height: float) -> list[tuple[int, int, int, int]]:
    """The boxes (x0, y0, x1, y1) of a dotted leader's dots in `ink` (a blank's crop binarized, True
    where dark, twice the printed line's `height` high: `_region`), or []: the row of dots (see
    `LEADER_DOT`) with the most of them, two at least (two left free after a handwritten 28)."""
    import cv2
    import numpy as np

    count, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    most = max(2.0, LEADER_DOT * height)
    middle = ink.shape[0] / 2
    dots = []
    for x, y, w, h, area in stats[1:count]:
        if not (2 <= w <= most and 2 <= h <= most and 0.5 <= w / h <= 2 and area >= 0.45 * w * h):
            continue
        if y + h < middle:  # a mark above the line's middle: a tone mark, a speck
            continue
        dots.append((x + w / 2, y + h, max(w, h), (x, y, x + w, y + h)))
    best: list = []
    for i, (xa, ba, sa, _) in enumerate(dots):
        for xb, bb, sb, _ in dots:
            gap = xb - xa
            size = max(sa, sb)
            if not LEADER_GAP[0] * size <= gap <= LEADER_GAP[1] * size or max(sa, sb) > 1.6 * min(sa, sb):
                continue
            tol = max(1.5, 0.15 * gap)
            row = [d for d in dots if abs(d[1] - ba) <= max(2.0, 0.5 * sa) and 0.6 * sa <= d[2] <= 1.6 * sa
                   and d[0] >= xa - tol and abs((d[0] - xa) / gap - round((d[0] - xa) / gap)) * gap <= tol]
            if len(row) > len(best):
                best = row
    return [d[3] for d in best] if len(best) >= 2 else []


def _leader_boxes(img, text: str, words: list[list[int]]) -> list[tuple[int, int, int, int, int]]:
    """The image boxes (x0, y0, x1, y1) of the dotted leaders' dots in the header's blanks
    (`_leader_dots`), each with the paper's gray level around it: searched in each blank's region
    (`_region`) reaching a printed line's height further right (`_to_printed`, `_reach_right` read there)."""
    import numpy as np
    from PIL import Image

    found = []
    for line in _lines(text):
        for blank in line.blanks:
            box = _region(text, words, blank, overlaid=True) or _region(text, words, blank)
            if box is None:
                continue
            height = (box[3] - box[1]) / 2  # the box is twice the printed line's height
            x0, y0 = max(0, box[0]), max(0, box[1])
            x1, y1 = min(img.size[0], int(box[2] + height)), min(img.size[1], box[3])
            if x1 - x0 < 8 or y1 - y0 < 8:
                continue
            gray = np.asarray(img.crop((x0, y0, x1, y1)).convert("L"))
            ink = np.asarray(binarize(Image.fromarray(gray))) < 128
            dots = _leader_dots(ink, height)
            paper = int(np.median(gray[~ink])) if (~ink).any() else 255
            found.extend((x0 + int(a), y0 + int(b), x0 + int(c), y0 + int(d), paper) for a, b, c, d in dots)
    return found


def _without_leaders(img, text: str, words: list[list[int]]):
    """`img` with the dots of the dotted leaders in its header's blanks (`_leader_boxes`) painted the
    paper's gray, a pixel around each too (its blurred edge); the image itself where there are none."""
    boxes = _leader_boxes(img, text, words)
    if not boxes:
        return img
    painted = img.copy()
    for x0, y0, x1, y1, paper in boxes:
        fill = paper if painted.mode == "L" else (paper,) * len(painted.getbands())
        painted.paste(fill, (x0 - 1, y0 - 1, x1 + 1, y1 + 1))
    return painted
