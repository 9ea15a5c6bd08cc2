"""An annex's `(Kèm theo <type> số <blank>/<code> ngày <blank>/<month>/<year> ...)` line: the number and the day
of the document it goes with are written into printed blanks, read like a header's
(pipeline/ocr_blanks.py `_attached_lines`); real crop of scan vietadmin_05 (Đà Nẵng 2023, the annex of
Công văn 5710/UBND-SGDĐT, 5710 and 18 handwritten) and a typed line rendered."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.document import analyze_text
from pipeline.model import Page, RawDocument
from pipeline.ocr_blanks import _accept, _lines

REAL = Path(__file__).parent / "fixtures" / "real"

# vietadmin_05's annex line as Tesseract read it, and its words ([start, end, conf, x0, top, x1, bottom])
# in the fixture's crop of the prepared page.
ANNEX_OCR = "(Kèm theo Công văn số §?!Ð /UBND-SGDĐT\nngày 49/10/2023 của UBND thành phố)"
ANNEX_WORDS = [[0, 4, 95, 16, 28, 90, 62], [5, 9, 97, 103, 30, 160, 57], [10, 14, 97, 174, 31, 249, 65],
               [15, 18, 95, 257, 33, 306, 58], [19, 21, 93, 315, 34, 345, 59], [22, 26, 23, 357, 31, 412, 58],
               [27, 38, 83, 422, 20, 660, 60], [39, 43, 96, 49, 72, 118, 105], [44, 54, 88, 131, 68, 294, 100],
               [55, 58, 93, 305, 74, 355, 100], [59, 63, 91, 368, 75, 460, 101], [64, 69, 97, 469, 75, 548, 102],
               [70, 74, 74, 552, 68, 620, 110]]


def _own(text: str):
    """The own metadata of a scanned page whose OCR text is `text`."""
    return analyze_text(text, raw=RawDocument("scan.png", "", [Page(1, text, "ocr")])).document


@pytest.mark.parametrize("text, expected", [
    # (what, the blank as OCR read it, the form the line is written in)
    (ANNEX_OCR, [("number", "§?!Ð", "số {}/UBND-SGDĐT"), ("day", "49", "ngày {}")]),
    ("PHỤ LỤC\n(Kèm theo Kế hoạch số 125/KH-UBND ngày 18/10/2023 của UBND tỉnh)",
     [("number", "125", "số {}/KH-UBND"), ("day", "18", "ngày {}")]),
    # empty blanks: a point between the printed words
    ("(Kèm theo Kế hoạch số       /KH-UBND ngày     /10/2023 của UBND tỉnh)",
     [("number", "", "số {}/KH-UBND"), ("day", "", "ngày {}")]),
    ("(Kèm theo Quyết định số 12/2020/QĐ-UBND ngày 5.3.2020)",
     [("number", "12", "số {}/2020/QĐ-UBND"), ("day", "5", "ngày {}")]),
    # a title's line in capitals keeps them
    ("(KÈM THEO KẾ HOẠCH SỐ 125/KH-UBND NGÀY 18/10/2023)", [("number", "125", "SỐ {}/KH-UBND"), ("day", "18", "NGÀY {}")]),
    # a month left blank too, or a date written in words: only the number
    ("(Kèm theo Kế hoạch số .../KH-UBND ngày .../.../2023)", [("number", "...", "số {}/KH-UBND")]),
    ("(Kèm theo Công văn số 57 /UBND ngày 18 tháng 10 năm 2023)", [("number", "57", "số {}/UBND")]),
    # a Party symbol's code follows its blank (`-KH/TU`): not this form
    ("(Kèm theo Kế hoạch số 12-KH/TU ngày 18/10/2023)", []),
    # a page with a number line of its own: that line only (the annex line names another document)
    ("ỦY BAN NHÂN DÂN\nSố: 12 /QĐ-UBND\n(Kèm theo Kế hoạch số 125/KH-UBND ngày 18/10/2023)",
     [("number", "12", "Số: {} /QĐ-UBND")]),
    # only a page's top
    ("\n" * 20 + "(Kèm theo Kế hoạch số 125/KH-UBND ngày 18/10/2023)", []),
    # `số` of a citation in the body is not the annex's line
    ("Căn cứ Kế hoạch số 125/KH-UBND ngày 18/10/2023 của UBND tỉnh;", []),
])
def test_the_annex_line_is_a_number_blank_and_a_day_blank(text, expected):
    found = [(b.what, text[b.start:b.end], line.form) for line in _lines(text) for b in line.blanks]
    assert found == expected


@pytest.mark.parametrize("alone, accepted", [(True, "5910"), (False, None)])
def test_the_second_engine_alone_is_not_taken_on_an_annex_line(alone, accepted):
    """vietadmin_05: the second engine reads the handwritten 5710 as 5910 at 81 (its digits-only decoding
    alike), Tesseract's digits-only passes read 0: on a header that reading alone would be taken (as
    long as OCR's `§?!Ð`); on an annex line only readings that agree are."""
    readings = [("0", 0), ("0", 0), ("5910", 81)]
    assert _accept("§?!Ð", readings, "number", decoded=lambda: ("5910", 0.73), alone=alone) == accepted


def test_the_annex_line_of_a_real_scan_keeps_the_printed_parts(tmp_path):
    """vietadmin_05: 5710 (its 7 and 1 one blob of ink) and 18 (its 1 with a lead-in stroke; the line read
    whole reads 48, 42, 142) handwritten. The readings do not agree: `?` and the printed parts, never a
    number; and the extractor keeps `?/UBND-SGDĐT` and the printed month."""
    from PIL import Image

    from pipeline.ocr import OcrSettings
    from pipeline.ocr_blanks import fill_blanks

    img = Image.open(REAL / "annex_line_5710_18.png")
    filled = fill_blanks(img, ANNEX_OCR, ANNEX_WORDS, OcrSettings(cache_dir=str(tmp_path)))
    assert filled.text == "(Kèm theo Công văn số ?/UBND-SGDĐT\nngày ?/10/2023 của UBND thành phố)"
    assert len(filled.notes) == 2 and all("kept as '?'" in note for note in filled.notes)
    assert all(w[1] <= len(filled.text) for w in filled.words)
    meta = _own("Phụ lục\n" + filled.text)
    assert (meta.symbol, meta.partial_symbol, meta.date, meta.partial_date) == (None, "?/UBND-SGDĐT", None, "2023-10")


@pytest.mark.parametrize("line, symbol, partial_symbol, date, partial_date", [
    # the day read again (or typed), the number not: the document's date, the printed part of its symbol
    ("(Kèm theo Công văn số ?/UBND-SGDĐT\nngày 18/10/2023 của UBND thành phố)", None, "?/UBND-SGDĐT", "2023-10-18", None),
    ("(Kèm theo Kế hoạch số      /KH-UBND ngày 18/10/2023 của UBND tỉnh)", None, "?/KH-UBND", "2023-10-18", None),
    ("(Kèm theo Công văn số ?/UBND-SGDĐT\nngày ?/10/2023 của UBND thành phố)", None, "?/UBND-SGDĐT", None, "2023-10"),
    ("(Kèm theo Công văn số ?/UBND-SGDĐT\nngày 49/10/2023 của UBND thành phố)", None, "?/UBND-SGDĐT", None, "2023-10"),
    # both read: the document itself
    ("(Kèm theo Công văn số 5710/UBND-SGDĐT\nngày 18/10/2023 của UBND thành phố)", "5710/UBND-SGDĐT", None,
     "2023-10-18", None),
])
def test_the_annex_line_gives_the_page_its_own_metadata(line, symbol, partial_symbol, date, partial_date):
    meta = _own("PHỤ LỤC\n" + line + "\n1. Chú trọng triển khai thực hiện tốt công tác.")
    assert (meta.symbol, meta.partial_symbol, meta.date, meta.partial_date) == (symbol, partial_symbol, date, partial_date)


def test_a_typed_annex_line_is_left_alone_and_a_garbled_number_never_becomes_another(tmp_path):
    """A typed annex line rendered and read by Tesseract: left as read; its number garbled the way OCR
    garbles a handwritten one (confidence 20): read again from the image, 125 or `?`, never another."""
    from io import BytesIO

    from PIL import Image, ImageDraw, ImageFont

    from pipeline.demo.samples import FONT_DIRS
    from pipeline.ocr import OcrSettings, PageJob, ocr_image, run_pages

    img = Image.new("L", (2000, 160), 255)
    font = ImageFont.truetype(str(FONT_DIRS[0] / "LiberationSerif-Italic.ttf"), 44)
    ImageDraw.Draw(img).text((40, 50), "(Kèm theo Kế hoạch số 125/KH-UBND ngày 18/10/2023 của UBND tỉnh)",
                             font=font, fill=0)
    buf = BytesIO()
    img.save(buf, "PNG")
    settings = OcrSettings(cache_dir=str(tmp_path / "ocr-cache"))
    job = PageJob(index=0, image=buf.getvalue())
    page = run_pages([job], settings)[0]
    assert "số 125/KH-UBND ngày 18/10/2023" in page.text, page.text
    prepared, _ = ocr_image(job, settings)
    from pipeline.ocr_blanks import fill_blanks

    assert fill_blanks(prepared, page.text, page.words, settings).text == page.text
    at = page.text.index("125")
    garbled = page.text[:at] + "1£5" + page.text[at + 3:]
    words = [[s, e, 20 if s <= at < e else c, *box] for s, e, c, *box in page.words]
    filled = fill_blanks(prepared, garbled, words, settings)
    assert ("số 125/KH-UBND" in filled.text or "số ?/KH-UBND" in filled.text), filled.text
    assert filled.notes
