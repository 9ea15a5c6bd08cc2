"""A form's dotted leader under the handwriting of a scanned header's blanks (issue 15): its dots are
taken out before the blanks are read (`pipeline.ocr_blanks._leader_dots`), the handwriting left as it is.

Each case is a header line cut out of a real scan with the boxes Tesseract gave its words (in the
crop's coordinates), as `tests/test_ocr_text.py` does for the other blanks."""
from __future__ import annotations

from pathlib import Path

import pytest

REAL = Path(__file__).parent / "fixtures" / "real"

# Hà Nội 2025 (a university's notice): `ngày 28 tháng 10` written over the dotted leaders of both
# blanks, the point after 28 and the two after 10 the leader's, read by OCR as `oJŸ.` and `ÁÚ.`
DATE_28_10 = ("blank_date_28_10_leader.png", "Nội, ngàyoJŸ. tháng ÁÚ. năm 2025",
              [[0, 4, 93, 20, 60, 107, 105], [5, 13, 0, 128, 40, 308, 107], [14, 19, 93, 344, 54, 467, 102],
               [20, 23, 38, 478, 44, 553, 92], [24, 27, 97, 575, 51, 665, 88], [28, 32, 97, 683, 47, 789, 87]])
# the same notice's number line: 2678 over the leader, three dots left free after it (those under the
# digits touch their strokes); and another notice of the same university, 2095 between two dots
NUMBER_2678 = ("blank_number_2678_leader.png", "Số: g6Z€ /TB-ĐHĐL",
               [[0, 3, 93, 20, 47, 84, 97], [4, 8, 9, 103, 39, 231, 104], [9, 17, 63, 252, 50, 511, 93]])
NUMBER_2095 = ("blank_number_2095_leader.png", "Số: ø0đó../TB-ĐHĐL",
               [[0, 3, 93, 20, 31, 85, 81], [4, 18, 0, 107, 31, 544, 83]])
# lines with no leader (from tests/test_ocr_text.py): a handwritten 17; 209, 18 and 02; 275 written
# against the printed `/`; a number illegible to the transcriber, preceded by a speck
NO_LEADER = [
    ("blank_date_17_02.png", "Ngãi, ngày'†T tháng 02 năm 2025",
     [[0, 5, 93, 20, 47, 142, 101], [6, 13, 0, 163, 42, 366, 101], [14, 19, 96, 380, 48, 513, 103],
      [20, 22, 97, 529, 50, 583, 93], [23, 26, 97, 600, 52, 699, 93], [27, 31, 95, 715, 51, 833, 95]]),
    ("blank_line_209_18_02.png", "Số:¿02 /QĐÐ-UBND Bạc Liêu, ngày l@ tháng 0% năm 2025",
     [[0, 6, 30, 20, 40, 126, 76], [7, 16, 78, 135, 47, 310, 80], [17, 20, 97, 528, 46, 583, 76],
      [21, 26, 87, 591, 46, 660, 75], [27, 31, 93, 673, 45, 743, 78], [32, 34, 0, 749, 44, 791, 78],
      [35, 40, 97, 815, 44, 897, 77], [41, 43, 84, 906, 44, 943, 73], [44, 47, 96, 968, 45, 1027, 69],
      [48, 52, 94, 1038, 44, 1108, 69]]),
    ("blank_number_275.png", "Số: 2#5/TB-ĐHĐL,",
     [[0, 3, 93, 55, 55, 124, 108], [4, 16, 79, 145, 57, 523, 110]]),
    ("blank_date_27_8.png", "Nội, ngày.) {tháng & năm 2025",
     [[0, 4, 97, 20, 65, 106, 110], [5, 11, 67, 135, 49, 275, 119], [12, 18, 67, 292, 62, 433, 115],
      [19, 20, 58, 452, 62, 482, 111], [21, 24, 97, 520, 67, 610, 103], [25, 29, 96, 626, 65, 734, 103]]),
]


def _open(name: str):
    from PIL import Image

    return Image.open(REAL / name)


@pytest.mark.parametrize("fixture, text, words, dots", [
    # two leader dots left free in each blank: after 28, and after 10 (those under the handwriting touch
    # its strokes and stay)
    (*DATE_28_10, [(1, 2), (2, 2)]),
    (*NUMBER_2678, [(1, 3)]),
    (*NUMBER_2095, [(1, 2)]),
    *[(*case, []) for case in NO_LEADER],
])
def test_the_dots_of_a_leader_are_found_in_the_blanks(fixture, text, words, dots):
    from pipeline.ocr_blanks import _leader_boxes, _lines, _region

    img = _open(fixture)
    boxes = _leader_boxes(img, text, words)
    found = []
    for line in _lines(text):
        for i, blank in enumerate(line.blanks, 1):
            region = _region(text, words, blank, overlaid=True) or _region(text, words, blank)
            height = (region[3] - region[1]) / 2
            inside = [b for b in boxes if region[0] <= b[0] and b[2] <= region[2] + height]
            if inside:
                found.append((i, len(inside)))
    assert found == dots
    for x0, y0, x1, y1, _ in boxes:  # dots: small and round
        assert 2 <= x1 - x0 <= 12 and 2 <= y1 - y0 <= 12 and 0.5 <= (x1 - x0) / (y1 - y0) <= 2


def test_taking_the_dots_out_leaves_the_handwriting():
    import numpy as np

    from pipeline.ocr import binarize
    from pipeline.ocr_blanks import _leader_boxes, _without_leaders

    img = _open(DATE_28_10[0])
    clean = _without_leaders(img, DATE_28_10[1], DATE_28_10[2])
    ink = np.asarray(binarize(img)) < 128
    left = np.asarray(binarize(clean)) < 128
    taken = ink & ~left
    assert taken.any()
    # only pixels inside the dots' boxes (a pixel around them) are taken
    allowed = np.zeros_like(taken)
    for x0, y0, x1, y1, _ in _leader_boxes(img, DATE_28_10[1], DATE_28_10[2]):
        allowed[y0 - 1:y1 + 1, x0 - 1:x1 + 1] = True
    assert not (taken & ~allowed).any()
    assert taken.sum() < 0.05 * ink.sum()
    for fixture, text, words in NO_LEADER:
        img = _open(fixture)
        assert _without_leaders(img, text, words) is img


@pytest.mark.parametrize("fixture, text, words, expected", [
    # with the leader's dots the whole line's readings lose the 8 of 28 (`2.$.`, `2`) and read 1.O. for 10
    # at most heights: both blanks were kept as `?`
    (*DATE_28_10, "Nội, ngày 28 tháng 10 năm 2025"),
    (*NUMBER_2095, "Số: 2095 /TB-ĐHĐL"),
])
def test_blanks_written_over_a_dotted_leader_are_read(fixture, text, words, expected, tmp_path):
    from pipeline.ocr import OcrSettings
    from pipeline.ocr_blanks import _handwriting, _rapid, fill_blanks

    if _rapid() is None or _handwriting() is None:
        pytest.skip("the second engine (rapidocr-onnxruntime) or PP-OCRv6 (rapidocr) is not installed")
    filled = fill_blanks(_open(fixture), text, words, OcrSettings(cache_dir=str(tmp_path)))
    assert filled.text == expected


@pytest.mark.parametrize("fixture, text, words, right", [
    # the recognizers read 2678 over the leader as 268, 2648, 267&, 2678 by crop and height (its 7 and 8
    # written with loops): right, or `?`, never another number
    (*NUMBER_2678, "Số: 2678 /TB-ĐHĐL"),
])
def test_a_number_over_a_leader_is_right_or_unknown(fixture, text, words, right, tmp_path):
    from pipeline.ocr import OcrSettings
    from pipeline.ocr_blanks import _handwriting, _rapid, fill_blanks

    if _rapid() is None or _handwriting() is None:
        pytest.skip("the second engine (rapidocr-onnxruntime) or PP-OCRv6 (rapidocr) is not installed")
    filled = fill_blanks(_open(fixture), text, words, OcrSettings(cache_dir=str(tmp_path)))
    assert filled.text in (right, right.split(":")[0] + ": ? /" + right.split("/", 1)[1])
