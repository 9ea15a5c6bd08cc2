"""A handwritten 1 written with a lead-in stroke (`ʌ`), which every recognizer reads as 4, told from a 4 by
its shape (pipeline/glyphs.py); crops of real scans' blanks."""
from pathlib import Path

import pytest

REAL = Path(__file__).parent / "fixtures" / "real"


def _image(name):
    from PIL import Image

    return Image.open(REAL / name)


@pytest.mark.parametrize("fixture, written, read, expected", [
    # lead-in 1s, read as 4 by the recognizers: `Số: 11 /CT-UBND` (Quảng Ngãi 2024, read 44 by Tesseract
    # and PP-OCRv6's whole line), the day 31 (Đà Nẵng 2019, read 34 by every reading of the line)
    ("glyphs_11.png", "11", "44", "11"),
    ("glyphs_31.png", "31", "34", "31"),
    ("glyphs_31.png", "31", "44", "41"),  # the 3 has no lead-in: a 4 read there stays a 4
    # real handwritten 4s stay 4, whatever else a reading has: open (Hà Nội 2025: 2164, 04), closed
    # (Bạc Liêu 2025: 440), crossed (Quảng Ngãi 2021 and 2025: 04), and 241 (Bạc Liêu 2025)
    ("glyphs_2164.png", "2164", "2164", "2164"),
    ("glyphs_2164.png", "2164", "4444", "4444"),
    ("glyphs_04_open.png", "04", "04", "04"),
    ("glyphs_04_open.png", "04", "44", "44"),
    ("glyphs_440.png", "440", "440", "440"),
    ("glyphs_440.png", "440", "444", "444"),
    ("glyphs_04_crossed.png", "04", "04", "04"),
    ("glyphs_04_crossed.png", "04", "44", "44"),
    ("glyphs_241.png", "241", "241", "241"),
    ("glyphs_241.png", "241", "444", "444"),
    ("glyphs_04_closed.png", "04", "04", "04"),  # written into the `t` of `tháng`, the crop reaching into it
    # a reading with another number of digits than the blank has glyphs: left as read
    ("glyphs_11.png", "11", "4", "4"),
    ("glyphs_11.png", "11", "144", "144"),
])
def test_a_lead_in_1_read_as_4_is_read_as_1_and_a_4_stays(fixture, written, read, expected):
    from pipeline.glyphs import glyph_shapes, read_fours

    shapes = glyph_shapes(_image(fixture))
    assert read_fours(read, shapes) == expected
    # no glyph of a written 4 is ever taken for a lead-in 1
    assert shapes is None or len(shapes) != len(written) or all(
        s != "1" for d, s in zip(written, shapes) if d == "4")


@pytest.mark.parametrize("read, shapes, expected", [
    ("44", ["1", "1"], "11"),
    ("44", ["1", None], "14"),  # a glyph neither clearly a 1 nor clearly a 4: its 4 kept
    ("44", ["1", "4"], "14"),
    ("14", ["1", "1"], "11"),
    ("44", ["1"], "44"),  # not as many glyphs as digits
    ("44", None, "44"),  # the crop could not be cut into glyphs
    ("11", ["1", "1"], "11"),
    ("", [], ""),
])
def test_fours_are_read_again_only_glyph_by_glyph(read, shapes, expected):
    from pipeline.glyphs import read_fours

    assert read_fours(read, shapes) == expected


def test_a_day_with_a_lead_in_1_is_read_when_the_readings_then_agree(tmp_path):
    """Đà Nẵng 2019: the day 31, its 1 written with a lead-in stroke, read 34 by PP-OCRv6 on the whole line
    at every height and 31 on the blank's crops; the line's 4 read again as 1 by its glyph, they agree."""
    from pipeline.ocr import OcrSettings
    from pipeline.ocr_blanks import _handwriting, _rapid, fill_blanks

    if _rapid() is None or _handwriting() is None:
        pytest.skip("the second engine (rapidocr-onnxruntime) or PP-OCRv6 (rapidocr) is not installed")
    text = "Đà Năng, ngày Ôf tháng 5 năm 2019"
    words = [[0, 2, 96, 20, 48, 68, 76], [3, 8, 83, 77, 49, 168, 84], [9, 13, 92, 183, 49, 259, 85],
             [14, 16, 0, 265, 45, 309, 80], [17, 22, 97, 328, 49, 417, 85], [23, 24, 94, 427, 50, 445, 77],
             [25, 28, 97, 456, 51, 520, 77], [29, 33, 97, 532, 50, 608, 78]]
    filled = fill_blanks(_image("blank_date_31_5.png"), text, words, OcrSettings(cache_dir=str(tmp_path)))
    assert filled.text == "Đà Năng, ngày 31 tháng 5 năm 2019"
    assert any("lead-in" in note for note in filled.notes)


def test_a_day_read_as_letters_is_read_where_its_glyphs_are_lead_in_1s(tmp_path):
    """Quảng Ngãi 2024: the day 11 written `ʌʌ`, read `MM` by PP-OCRv6 on the whole line at every height,
    `AA` and `MA` on the blank's crops (no digit at all): both glyphs lead-in 1s, the letters are read
    as 1 and most readings agree (`_accept_most`)."""
    from pipeline.ocr import OcrSettings
    from pipeline.ocr_blanks import _handwriting, _rapid, fill_blanks

    if _rapid() is None or _handwriting() is None:
        pytest.skip("the second engine (rapidocr-onnxruntime) or PP-OCRv6 (rapidocr) is not installed")
    text = "Ngãi, ngày/1}' tháng 9 năm 2024"
    words = [[0, 5, 93, 20, 47, 141, 101], [6, 14, 5, 164, 45, 352, 102], [15, 20, 97, 395, 49, 528, 105],
             [21, 22, 97, 543, 52, 571, 93], [23, 26, 97, 587, 54, 684, 95], [27, 31, 97, 703, 54, 820, 97]]
    filled = fill_blanks(_image("blank_date_11_9.png"), text, words, OcrSettings(cache_dir=str(tmp_path)))
    assert filled.text == "Ngãi, ngày 11 tháng 9 năm 2024"


@pytest.mark.parametrize("fixture, reading, expected", [
    # the lead-in 1s of `Số: 11 /CT-UBND`: a recognizer's letters and 4s on them read as 1
    ("glyphs_11.png", ("AA", 0.6, [0.9, 0.6]), ("11", 0.6)),
    ("glyphs_11.png", ("A4", 0.5, [0.9, 0.5]), ("11", 0.5)),
    ("glyphs_11.png", "MM", "11"),
    ("glyphs_11.png", "M", "M"),  # one letter for two glyphs: not paired, left as read
    ("glyphs_11.png", ("A", 0.9, [0.9]), None),  # ... and a crop's letter is then another character
    # the glyphs of 2164 (Hà Nội 2025): no lead-in 1 among them, every letter stays another character
    ("glyphs_2164.png", "MMMM", "MMMM"),
    ("glyphs_2164.png", ("AAAA", 0.9, [0.9] * 4), None),
    ("glyphs_2164.png", ("21A4", 0.7, [0.9, 0.9, 0.8, 0.7]), None),  # a letter between digits: no reading
    ("glyphs_2164.png", ("A216", 0.6, [0.6, 0.9, 0.9, 0.8]), ("216", 0.8)),  # ... at an end: dropped
    ("glyphs_2164.png", ("2164", 0.7), ("2164", 0.7)),
    ("glyphs_2164.png", "4444", "4444"),
])
def test_letters_and_fours_are_read_as_1_only_on_lead_in_glyphs(fixture, reading, expected):
    from pipeline.ocr_blanks import _fours_reader

    img = _image(fixture)
    fours = _fours_reader(img, (0, 0, img.size[0], img.size[1]))
    assert fours(reading) == expected


@pytest.mark.parametrize("value, expected", [("11", "11"), ("", ""), (None, None), ("1M", None), ("MM", None)])
def test_a_line_reading_counts_as_digits_or_nothing(value, expected):
    from pipeline.ocr_blanks import _digits_read

    assert _digits_read(value) == expected
