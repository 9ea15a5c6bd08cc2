"""Symbols read from low-confidence words, read again by the second engine (pipeline/ocr_words.py). The
lines and readings are quoted from Tesseract's and RapidOCR's output on real scanned pages (realscans:
Bạc Liêu, Hải Phòng, Quảng Ngãi, Đà Nẵng) and on a seed rendered as a scan (issue 15)."""
from __future__ import annotations

import re

import pytest

from pipeline.ocr_words import _accept, _runs, _vote, merge, reread_runs


def _words(line: str, low: dict[str, int]) -> list[list[int]]:
    """The words of a line as `word_spans` gives them: confidence 96, or the one given for a word."""
    return [[m.start(), m.end(), low.get(m.group(), 96), 0, 0, 0, 0] for m in re.finditer(r"\S+", line)]


@pytest.mark.parametrize("text, runs", [
    ("tại Thông tu số\n37/2024/TT-BYT ngày 31 tháng 12 năm 2024 của Bộ Y tế", ["37/2024/TT-BYT"]),
    ("Căn cứ Quyết định số 37 7QĐ-BGDĐT ngày 13/02/2025 của Bộ Irưởng Bộ", ["37 7QĐ-BGDĐT"]),
    ("hành chính; số 01/201 ởT T-VPCP ngày 05/12/2018 hướng dẫn thi hành", ["01/201 ởT T-VPCP"]),
    ("Nghị quyết số 29- -NQ/TW, Kết luận số 51 -KUTW ngày 30/5/2019 của Ban Bí", ["29- -NQ/TW,", "51 -KUTW"]),
    ("thành phố theo Kết luận số 3ó6-\nKL/TU ngày 24/3/2023 của Ban Thường vụ", ["3ó6-\nKL/TU"]),
    ("Tờ trình số 06/TTr-\nSGŒTTYT ngày 07 tháng 02 năm 2025.", ["06/TTr-\nSGŒTTYT"]),
    # a comma ends a symbol; a date or an amount is none
    ("các Quyết định số: 1743/QĐ- BGTVT, 1744/QĐ-\nBGTVT ngày 31/12/2024", ["1743/QĐ- BGTVT,", "1744/QĐ-\nBGTVT"]),
    ("ngày 30/5/2019 của Ban Bí thư; mức 10.000.000 đồng/năm", []),
    # the page's own number is the blanks' to read (pipeline/ocr_blanks.py)
    ("Số: 754-CT/ĐU\nHà Nội, ngày 28 tháng 8 năm 2013", []),
])
def test_symbol_runs_of_real_ocr_lines(text, runs):
    words = _words(text, {})
    assert [text[words[r[0]][0]:words[r[-1]][1]] for r in _runs(text, words)] == runs


@pytest.mark.parametrize("first, second, merged", [
    ("37/2024/TT-BYT", "57/2024/TT-BYT", "57/2024/TT-BYT"),
    ("37 7QĐ-BGDĐT", "377/0D-BGDDT", "377/QĐ-BGDĐT"),   # Q read 0, Đ read D: the first's letters kept
    ("37 7QĐ-BGDĐT", "377/OD-BGDDT", "377/QĐ-BGDĐT"),
    ("51 -KUTW", "51-KL/TW", "51-KL/TW"),
    ("3ó6-", "366-", "366-"),
    ("1334/QĐÐ-BXD", "1334/QD-BXD", "1334/QĐ-BXD"),
    ("1O/2020/NĐ-CP", "10/2020/ND-CP", "10/2020/NĐ-CP"),  # a 0 between digits is a digit
])
def test_merge_keeps_the_letters_the_second_engine_cannot_write(first, second, merged):
    assert merge(first, second) == merged


@pytest.mark.parametrize("first, readings, accepted", [
    # cuts at three heights, as the second engine read them on the real pages
    ("37/2024/TT-BYT", [("57/2024/TT-BYT", 96), ("57/2024/TT-BYT", 95), ("572024/TT-BYT", 81)], "57/2024/TT-BYT"),
    ("37 7QĐ-BGDĐT", [("377/0D-BGDDT", 75), ("377/QD-BGDDT", 83), ("377/OD-BGDDT", 87)], "377/QĐ-BGDĐT"),
    ("11/CT- -L[TEg", [("11/CT-TTg", 97), ("11/CT-TTg", 96), ("11/CT-TTg", 98)], "11/CT-TTg"),
    ("-NQ/TW,", [("-NQ/TW", 99), ("-NQ/TW", 98), ("-NQ/TW", 99)], None),  # the same: nothing to change
    ("SGŒTTYT", [("SGTV1", 89), ("SGTVT", 98), ("SGTVT", 99)], "SGTVT"),
    # small cuts of an italic code drop letters (namn_05): the confident whole reading each other one is a part of
    ("01/201 ởT T-VPCP", [("01/2018/-PCP", 73), ("01/2018/TT-PCP", 79), ("01/2018/TT-VPCP", 95)], "01/2018/TT-VPCP"),
    # ... not when a reading changes a letter, nor when the whole one is not confident
    ("37/2024/TT-BYT", [("57/2024/TT-BYT", 95), ("37/2024/TT-BYT", 80), ("572024/TT-BYT", 70)], None),
    ("01/201 ởT T-VPCP", [("01/2018/-PCP", 73), ("01/2018/TT-PCP", 79), ("01/2018/TT-VPCP", 85)], None),
    # two of three agreeing, not confidently enough
    ("7QĐ-BGDĐT", [("7/0D-BGDDT", 89), ("7/OD-BGDDT", 86), ("7/OB-BDT", 70)], None),
    # a known code Tesseract read is not changed into another (the seed 001 as an office copier scans it)
    ("1893-QĐ/TU", [("1893-QB/TU", 95), ("1893-QB/TU", 95), ("1893-QD/TU", 90)], None),
    # a reading far from what Tesseract read (another word's crop), or not shaped like a symbol
    ("37/2024/TT-BYT", [("ngày31tháng12", 99)] * 3, None),
    ("3ó6-", [("Kếtluận366", 99)] * 3, None),
])
def test_a_symbol_is_read_again_only_when_readings_agree(first, readings, accepted):
    value = _accept(first, _vote(first, readings))
    assert (value if value != first else None) == accepted


def test_a_garbled_symbol_on_a_rendered_scan_is_read_again(tmp_path_factory, tmp_path):
    """The seed's page rendered as a scan cites `25-NQ/TW`; garbled the way OCR garbles a digit at low
    confidence (`23-NQ/TW`, 20), it is read again from the image as printed. The page as OCR read it is
    left alone, and so is its own number (`Số: 754-CT/ĐU`, read at 42)."""
    from pipeline.ocr import OcrSettings, PageJob, ocr_image, run_pages
    from pipeline.read import sha256_file
    from test_samples import SEED, sample_dir

    png = sample_dir(tmp_path_factory) / "png" / SEED / "page-001.png"
    settings = OcrSettings(cache_dir=str(tmp_path / "ocr-cache"))
    job = PageJob(index=0, image_path=str(png), source_sha256=sha256_file(png))
    page = run_pages([job], settings)[0]
    img, _ = ocr_image(job, settings)
    assert reread_runs(img, page.text, page.words)[0] == page.text
    at = page.text.index("25-NQ/TW")
    garbled = page.text[:at] + "23" + page.text[at + 2:]
    words = [[s, e, 20 if s == at else c, *box] for s, e, c, *box in page.words]
    text, new_words, notes = reread_runs(img, garbled, words)
    assert text == page.text
    assert len(notes) == 1 and "'23-NQ/TW' read from words of OCR confidence 20" in notes[0]
    assert [text[w[0]:w[1]] for w in new_words] == [page.text[w[0]:w[1]] for w in page.words]
