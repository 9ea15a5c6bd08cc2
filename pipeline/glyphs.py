"""The shape of a handwritten digit: a 1 written with a lead-in stroke, told from a 4.

Many Vietnamese hands write the digit 1 with a long lead-in stroke from the lower left up to the top of
the stem (it looks like `ʌ`, or like an open 4 without its crossbar). Every recognizer the project runs
reads that 1 as 4 (`44` for the `11` of a real scan's `Số: 11 /CT-UBND`, `34` for the day 31). A 4 has
what that 1 lacks: a crossbar, a horizontal run of ink low in the glyph that reaches to or past the stem.

`glyph_shapes(gray)` cuts the blank's crop into its handwritten glyphs (connected ink, left to right) and
tells, for each, `"1"` where it is clearly a lead-in 1, `"4"` where it clearly has a crossbar, `None`
otherwise. `read_fours(digits, shapes)` then reads a recognizer's 4 as 1 where the glyph under it is a
lead-in 1 (digits and glyphs paired in order: only when there are as many of each); everything else is
left as read, and the agreement rules of `pipeline.ocr_blanks` decide as before.
"""
from __future__ import annotations

# A glyph is a connected piece of ink at least this share of the crop's height (the blank's crop is twice
# the printed line's height): dots of the form, specks and accents are not glyphs.
GLYPH_MIN_HEIGHT = 0.25
# The rows of a glyph (a share of its height from its top) where a 4's crossbar lies: measured on the real
# scans' handwritten 4s (closed, open, crossed), their bar at 55-80% of the glyph's height.
BAR_ROWS = (0.45, 0.9)
# A run of ink in those rows at least this many stroke widths long, and this share of the glyph's width,
# is a crossbar (a slanted stroke crossed by a row is at most about two stroke widths long).
BAR_STROKES = 2.5
BAR_WIDTH = 0.45
# A lead-in 1's rows there hold at most two runs (the lead-in and the stem), each at most this many
# stroke widths long.
LEAD_IN_STROKES = 2.0
# The lead-in ends free at the lower left: the glyph's leftmost ink lies at least this low (a share of
# its height from its top). A 7's leftmost ink is its top bar; a 4's, its bar or its open top.
LEAD_IN_LOW = 0.6
# ... where its gap to the stem is at least this share of the widest gap between them (they draw apart).
DIVERGING = 0.8
# The lead-in and the stem side by side down to at least this share of the glyph's height.
STEM_LOW = 0.75


def _runs(row) -> list[tuple[int, int]]:
    """The runs of ink of a row of booleans: (start, end) pairs, end exclusive."""
    runs: list[tuple[int, int]] = []
    start = None
    for x, ink in enumerate(row):
        if ink and start is None:
            start = x
        elif not ink and start is not None:
            runs.append((start, x))
            start = None
    if start is not None:
        runs.append((start, len(row)))
    return runs


def shape(mask) -> str | None:
    """`"1"` for a lead-in 1, `"4"` for a glyph with a crossbar, else None; `mask` is the glyph's ink
    (a 2-D array of booleans, cut to the glyph's box)."""
    import numpy as np

    h, w = mask.shape
    if h < 8 or w < 3:
        return None
    rows = [_runs(r) for r in mask]
    lengths = sorted(e - s for runs in rows for s, e in runs)
    stroke = max(1.0, float(lengths[len(lengths) // 2]))  # the median run: the pen's width across a stroke
    band = rows[int(BAR_ROWS[0] * h):int(np.ceil(BAR_ROWS[1] * h))]
    longest = max((e - s for runs in band for s, e in runs), default=0)
    if longest >= max(BAR_STROKES * stroke, BAR_WIDTH * w):
        return "4"
    # A lead-in 1 is two strokes meeting at the top, apart below it: no row of its lower half holds
    # more than the lead-in and the stem, nor a run longer than a slanted stroke's (a 0's, 2's, 3's,
    # 6's or 8's lower half holds a bowl or a base).
    lower = rows[h // 2:]
    if w > 1.1 * h or any(len(runs) > 2 or any(e - s > LEAD_IN_STROKES * stroke for s, e in runs)
                          for runs in lower):
        return None
    # ... and the two strokes draw apart going down, to the lead-in's free end (a 0's sides close in).
    gaps = [runs[1][0] - runs[0][1] for runs in lower if len(runs) == 2]
    if len(gaps) < 2 or min(gaps) < 1 or gaps[-1] < max(gaps[0], DIVERGING * max(gaps)):
        return None
    # The lead-in ends free at the lower left: the glyph's leftmost ink lies low.
    columns = np.flatnonzero(mask.any(axis=0))
    left = mask[:, :columns[0] + max(1, int(stroke))]
    if float(np.flatnonzero(left.any(axis=1)).mean()) / h < LEAD_IN_LOW:
        return None
    # The stem: the top of the glyph is on its right (where the lead-in meets the stem), and the stem and
    # the lead-in both reach down low, side by side (the stem may end above the lead-in's start).
    top = mask[:max(1, h // 10)]
    if np.flatnonzero(top.any(axis=0)).mean() < w / 2:
        return None
    if h // 2 + max(i for i, runs in enumerate(lower) if len(runs) == 2) < STEM_LOW * h:
        return None
    return "1"


def glyph_shapes(gray) -> list[str | None] | None:
    """The handwritten glyphs of a blank's crop (a gray PIL image), left to right, each told by `shape`;
    None where the crop cannot be cut into glyphs surely (no ink, or a piece of ink overlapping another
    one's columns: a digit written in two strokes, or two digits touching another's span)."""
    import numpy as np

    from .ocr import binarize
    from .ocr import _cv2

    cv2 = _cv2()
    ink = (np.asarray(binarize(gray.convert("L"))) < 128).astype(np.uint8)
    height, width = ink.shape
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    pieces = []
    for i in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[i])
        if h < GLYPH_MIN_HEIGHT * height:
            continue  # a dot, a speck, an accent
        if x == 0 or x + w == width:
            continue  # cut by the crop's edge: a printed letter beside the blank, or a digit cut off
        pieces.append((x, w, labels[y:y + h, x:x + w] == i))
    pieces.sort(key=lambda p: p[0])
    for (x0, w0, _), (x1, w1, _) in zip(pieces, pieces[1:]):
        if x1 < x0 + w0 - min(w0, w1) / 3:
            return None  # overlapping spans: not one glyph per digit
    if not pieces:
        return None
    return [shape(mask) for _, _, mask in pieces]


def read_fours(digits: str, shapes: list[str | None] | None) -> str:
    """`digits` with each 4 read as 1 where its glyph is a lead-in 1 (`shape`); unchanged where the
    glyphs are unknown or not as many as the digits."""
    if not shapes or len(shapes) != len(digits) or "4" not in digits:
        return digits
    return "".join("1" if d == "4" and s == "1" else d for d, s in zip(digits, shapes))
