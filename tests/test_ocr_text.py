"""Reading OCR text of real scans: what OCR does to a citation and to a header, and the header's
handwritten blanks (pipeline/ocr_blanks.py). The lines are quoted from Tesseract's output on real
scanned pages (realscans: Quảng Ngãi, Bạc Liêu, Cục Thuế TP.HCM, Trường Đại học Điện lực) and on the
seeds rendered and degraded like a copier's scan (issue 15)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.document import analyze_text
from pipeline.model import Page, RawDocument
from pipeline.normalize import clean_text
from pipeline.pdf import slash_of_number_line
from pipeline.ocr_blanks import _accept, _accept_vote, _apply, _consistent, _lines


@pytest.mark.parametrize("ocr, symbol", [
    ("Căn cứ Nghị quyết số ;02- ›-NQ/ĐUK ngày 19/12/2019 của Ban Chấp hành;", "02-NQ/ĐUK"),
    ("Căn cứ Nghị định sô ) 92/201 7/NĐ-CP ngày 07 tháng 8 năm 2017 của Chính phủ;", "92/2017/NĐ-CP"),
    ("Căn cứ Nghị định số 1 07/2021/NĐ-CP ngày 06 tháng 12 năm 2021 của Chính phủ;", "107/2021/NĐ-CP"),
    ("Căn cứ Nghị định số 64//2023/NĐ-CP ngày 28/8/2023 của Chính phủ;", "64/2023/NĐ-CP"),
    ("Căn cứ Nghị định số 63/2010/NĐ- CP ngày 06/6/2010 của Chính phủ;", "63/2010/NĐ-CP"),
    ("Căn cứ Quyết định số 747/QĐÐ-BGTVT ngày 11/9/2023 của Bộ Giao thông vận tải;", "747/QĐ-BGTVT"),
])
def test_citations_read_through_ocr_damage(ocr, symbol):
    refs = [r for r in analyze_text(ocr).references if r.symbol]
    assert [r.symbol for r in refs] == [symbol]
    # the span still points at the citation as OCR wrote it
    assert refs[0].text.replace(" ", "").replace("›", "").replace(")", "") != ""


@pytest.mark.parametrize("text", [
    "Hồ sơ 12 bộ",  # `sơ`, not `số`
    "các số 1, 07/2021/NĐ-CP",  # a list, not a number cut in two
    "Số: 209 /QĐ-UBND",
    "năm 2020 - 2025; giai đoạn 2021-2025",
    "a, b; c 12-13",
])
def test_clean_text_is_left_alone(text):
    assert clean_text(text).text == text


HEADER_TAIL = "\nKẾ HOẠCH\nThực hiện Chỉ thị số 33/CT-TTg ngày 26 tháng 11 năm 2021 của Thủ tướng Chính phủ\n"


@pytest.mark.parametrize("header, expected", [
    # issue 15: the degraded seed 001 lost all its own metadata
    ("BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI\nSố27-KH/ĐUK - |\n\" Trà Vinh, ngày 19 tháng 3 năm 2020",
     {"symbol": "27-KH/ĐUK", "date": "2020-03-19", "place": "Trà Vinh"}),
    # the two columns of a scanned header read as one line
    ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHÀNH PHÓ CÀN THƠ Độc lập - Tự do - Hạnh phúc\n"
     "Số: 70 /KH-UBND Cần Thơ, ngày 15 tháng 9 năm 2025",
     {"symbol": "70/KH-UBND", "date": "2025-09-15", "place": "Cần Thơ"}),
    ("BỘ CÔNG THƯƠNG CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTRƯỜNG ĐẠI HỌC ĐIỆN LỰC\n"
     "'Số: 2510 /TB-QL Đào tạo Hà Nội, ngày 08 tháng ? năm 2025",  # a unit written in words: the symbol as printed
     {"symbol": "2510/TB-QL Đào tạo", "date": None, "partial_date": "2025", "place": "Hà Nội"}),
    ("ỦY BAN NHÂN DÂN\nSố: 15/QĐ-UBND Thành phố Hồ Chí Minh, ngày 2 tháng 3 năm 2020",  # a place, no unit
     {"symbol": "15/QĐ-UBND", "date": "2020-03-02", "place": "Thành phố Hồ Chí Minh"}),
    # tone marks lost or changed in the place name; a period for the comma
    ("SỞ Y TẾ BẮC NINH\nSố: 6191/BVT-TCKT\nBắc Ninh. ngày 27 tháng 9 năm 2021",
     {"symbol": "6191/BVT-TCKT", "date": "2021-09-27", "place": "Bắc Ninh"}),
    ("UBND\nSố: 383 /QĐ-UBND Cân Thơ, ngày 18 tháng 02 năm 2025",
     {"symbol": "383/QĐ-UBND", "date": "2025-02-18", "place": "Cần Thơ"}),
    # the place's comma lost beside the number; a unit code with a lower-case letter
    ("UBND THÀNH PHÓ ĐÀ NẴNG _ CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ GIÁO DỤC VÀ ĐÀO TẠO.\n"
     "Số: 1906 /§GDĐT-CTrTT Đà Nẵng ngày 26tháng 7 năm 2020",
     {"symbol": "1906/SGDĐT-CTrTT", "date": "2020-07-26", "place": "Đà Nẵng"}),
    # ... and the place misread in lower case (real scan vietadmin_06): the date, and no place
    ("UBND THÀNH PHÓ ĐÀ NẴNG _ CỘNG HOÀ Đà HỘI CHỦ NGHĨA VIỆT NAM\nSỞ GIÁO DỤC VÀ ĐÀO TẠO.\n"
     "Độc lập - Tự đo - Hạnh phúc\nSố: 1906 /§GDĐT-CTrTT Đà vàn ngày 26tháng 7 năm 2020",
     {"symbol": "1906/SGDĐT-CTrTT", "date": "2020-07-26", "place": None}),
    ("TỈNH ỦY\nSố 12-KH/TU\nTra Vinh, ngày 2 tháng 3 năm 2020", {"place": "Trà Vinh", "date": "2020-03-02"}),
    # the number and the day written by hand could not be read: the printed part, never a number
    ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH BẠC LIÊU\nĐộc lập - Tự do - Hạnh phúc\n"
     "Số: ? /QĐÐ-UBND Bạc Liêu, ngày ? tháng 02 năm 2025",
     {"symbol": None, "partial_symbol": "?/QĐ-UBND", "date": None, "partial_date": "2025-02", "place": "Bạc Liêu"}),
    ("TÔNG CỤC THUÊ CỘNG HÒA XÃ HỌI CHỦ NGHĨA VIỆT NAM\nCỤC THUÊ TP.HCM\nSố: ? / CT-KTT3\n",
     {"symbol": None, "partial_symbol": "?/CT-KTT3"}),
    # specks of a margin before `Số` (real scan vietadmin_03)
    ("CÔNG AN TP ĐÀ NẴNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nPHÒNG AN CHÍNH TRỊ NỘI BỘ\n=) Số: ? /CV-PA83\n"
     "— v/v thông báo hoạt động của tà đạo\nĐộc lập - Tự do - Hạnh phúc\nĐà Nẵng, ngày 26 tháng 4 năm 2018",
     {"symbol": None, "partial_symbol": "?/CV-PA83", "date": "2018-04-26"}),
    # ... the number read (its own symbol, not a citation)
    ("CÔNG AN TP ĐÀ NẴNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nPHÒNG AN CHÍNH TRỊ NỘI BỘ\n=) Số: 115 /CV-PA83\n"
     "— v/v thông báo hoạt động của tà đạo\nĐộc lập - Tự do - Hạnh phúc\nĐà Nẵng, ngày 26 tháng 4 năm 2018",
     {"symbol": "115/CV-PA83", "date": "2018-04-26"}),
    # an annex names its document, the number and the day written by hand and misread (real scan vietadmin_05)
    ("Phụ lục\nTRIÊN KHAI NHIỆM VỤ THEO THÔNG BÁO SỐ 496-TB/TU\nNGÀY 17/8/2023 CỦA THƯI ỜNG TRỰC THÀNH ỦY\n"
     "(Kèm theo Công văn số §?!Ð /UBND-SGDĐT\nngày 49/10/2023 của UBND thành phố)\n",
     {"symbol": None, "partial_symbol": "?/UBND-SGDĐT", "date": None, "partial_date": "2023-10"}),
    ("PHỤ LỤC\n(Ban hành kèm theo Quyết định số     /QĐ-UBND ngày    tháng 5 năm 2021 của UBND tỉnh)\n",
     {"symbol": None, "partial_symbol": "?/QĐ-UBND", "date": None, "partial_date": "2021-05"}),
    # the number line unread, a citation's wrapped line starting with `sô 15/...` is not the own number
    ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTĨNH QUANG NGAÀI Độc lập - Tự do - Hạnh phúc\n"
     "Số: ? /CT-UBND\nQuảng Ngãi, ngày ? tháng 5 năm 2021\nCHÍ THỊ\nVề tăng cường chỉ đạo Kỳ thi tốt nghiệp\n"
     "Thực hiện Chỉ thị số 11/CT-TTg ngày 16 tháng 4 năm 2021 của Thủ\ntướng Chính phủ về Kỳ thi; Thông tư\n"
     "sô 15/2020/TT- BGDĐT ngày 26 tháng 5 năm 2020 của Bộ Giáo dục và Đào tạo",
     {"symbol": None, "partial_symbol": "?/CT-UBND", "date": None, "partial_date": "2021-05"}),
])
def test_own_metadata_of_ocr_headers(header, expected):
    text = header + HEADER_TAIL
    doc = analyze_text(text, raw=RawDocument("scan.png", "", [Page(1, text, "ocr")])).document
    for name, value in expected.items():
        assert getattr(doc, name) == value, name


def test_own_number_of_a_scan_whose_header_is_not_found():
    """A real scan's first lines as OCR read them (Đà Nẵng 2018, vietadmin_03): specks before `Số` and
    in the margin, no `Căn cứ`, and a body the structure finds no start for. The handwritten 115 read,
    it is the page's own number, not a citation."""
    text = "\n".join([
        "CÔNG AN TP ĐÀ NẴNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "PHÒNG AN CHÍNH TRỊ NỘI BỘ", "=) Số: 115 /CV-PA83",
        "— v/v thông báo hoạt động của tà đạo", "!`S3š . Hội thánh Đức Chúa trời", "Độc lập - Tự do - Hạnh phúc",
        "Đà Nẵng, ngày 26 tháng 4 năm 2018",
        ": tà : ì Kính gửi. - Sở Giáo dục và Đào tạo thành phố Đà Nẵng; -",
        "sà CÁ - Sở Lao động Thương binh và Xã hội thành phô Đà Năng;", "KA. A3 - Đại học Đà Nẵng:",
        "- Các cơ sở giáo dục trên địa bàn thành phô.",
        "§ s: HÙ gian qua, tại nhiều tỉnh thành trên cả nước, nổi lên hoạt động của hệ",
        "phái Tin lành “Hội thánh Đức Chúa Trời” (hay còn gọi là “ Hội thánh Đức Chúa",
        "` Trời mẹ”) với nhiều thủ đoạn lôi kéo, tuyên truyền đạo trái phép, vi phạm pháp"]) + "\n"
    analysis = analyze_text(text, raw=RawDocument("scan.jpg", "", [Page(1, text, "ocr")]))
    assert analysis.document.symbol == "115/CV-PA83"
    assert [r.symbol for r in analysis.references if r.symbol] == []


def test_place_is_put_right_only_in_ocr_text():
    text = "TỈNH ỦY\nSố 12-KH/TU\nTra Vinh, ngày 2 tháng 3 năm 2020" + HEADER_TAIL
    assert analyze_text(text).document.place == "Tra Vinh"  # a text file's place as written
    ocr = RawDocument("scan.png", "", [Page(1, text, "ocr")])
    assert analyze_text(text, raw=ocr).document.place == "Trà Vinh"


@pytest.mark.parametrize("line, type_word", [
    ("THÔNG BẢO", "Thông báo"),
    ("QUYÉT ĐỊNH", "Quyết định"),
    ("KÉ HOẠCH", "Kế hoạch"),
])
def test_type_line_with_changed_tone_marks(line, type_word):
    text = f"BỘ CÔNG THƯƠNG\nSố: 12/TB-ĐHĐL\nHà Nội, ngày 4 tháng 9 năm 2025\n{line}\nVề việc nhập học\nCăn cứ Kế hoạch số 2033/KH-ĐHĐL;\n"
    assert analyze_text(text).document.type == type_word


# ----------------------------------------------------------------------------------- blanks


@pytest.mark.parametrize("line, blanks", [
    ("Số: Ø4£4 /TB-ĐHĐL Hà Nội, ngày 04 tháng 9 năm 2025", [("number", "Ø4£4"), ("day", "04"), ("month", "9")]),
    ("Só„24⁄J6/TB-ĐHĐL", [("number", "24⁄J6")]),
    ("Số:¿02 /QĐÐ-UBND Bạc Liêu, ngày l@ tháng 0% năm 2025", [("number", "¿02"), ("day", "l@"), ("month", "0%")]),
    ("Só:465 /2020/NĐ-CP Hà Nội, ngày 3{_ tháng 12 năm 2020", [("number", "465"), ("day", "3{_"), ("month", "12")]),
    ("Số 27-KH/ĐUK", [("number", "27")]),
    ("Quảng Ngãi, ngày tháng 01 năm 2025", [("day", ""), ("month", "01")]),
    ("Hà Nội, ngà¿2háng0„ năm 2022", [("day", "¿2"), ("month", "0„")]),
    ("Số: 940\nNgày: 30 tháng 8 năm 2013", []),  # a receipt stamp, not the place-date line
    ("Sóc Trăng/QĐ", []),  # a place, not a number line
])
def test_blanks_of_real_header_lines(line, blanks):
    found = [(b.what, line[b.start:b.end]) for ln in _lines(line) for b in ln.blanks]
    assert found == blanks


@pytest.mark.parametrize("ocr, readings, what, accepted", [
    # real readings of handwritten blanks (Tesseract digits only twice, then RapidOCR with confidence)
    ("Ø4£4", [("64", 0), ("64", 0), ("2164", 79)], "number", "2164"),  # the second engine, as long as OCR's
    ("¿02", [("409", 89), ("409", 74), ("", 0)], "number", None),  # two passes agree on 409, OCR read ?02: no
    ("l@", [("4", 0), ("4", 0), ("18", 72)], "day", "18"),
    ("0%", [("02", 0), ("02", 0), ("08", 55)], "month", "02"),  # agree, and OCR's 0 agrees
    ("9", [("", 0), ("4", 0), ("", 0)], "month", None),  # nothing agrees: `?`, though OCR's 9 was right
    ("O{_", [("01", 0), ("0", 0), ("01", 79)], "number", "01"),
    ("", [("", 0), ("", 0), ("", 0)], "day", None),
    ("", [("7", 90), ("7", 85)], "day", "7"),  # OCR saw nothing; both passes are sure
    ("", [("7", 90), ("7", 40)], "day", None),
    ("l@", [("4", 0), ("4", 0), ("8", 84)], "day", None),  # one digit where OCR saw two characters
    ("3{_", [("31", 0), ("31", 0)], "day", "31"),
    ("3{_", [("41", 0), ("41", 0)], "day", None),  # OCR read a 3 first
    ("2#5", [("235", 80), ("235", 80)], "number", "235"),
    ("465", [("155", 90), ("155", 90)], "number", None),  # OCR's clean 465 disagrees: neither is trusted
    ("1Ä", [("45", 90), ("45", 90)], "day", None),  # not a day
    ("#", [("", 0), ("", 0), ("308", 91)], "number", "308"),  # the second engine very sure
    ("899", [("499", 0), ("499", 0), ("99", 85)], "number", None),  # sure, but a digit short of OCR's
    ("Ø74Ð", [("34", 0), ("340", 0), ("540", 77)], "number", None),
    ("0+", [("", 0), ("", 0), ("4", 94)], "number", None),  # sure, but it drops the 0 OCR read (04)
    ("i", [("11", 0), ("11", 0), ("11", 88)], "number", "11"),  # two engines agree, the second sure; i is a 1
    ("Íð", [("45", 90), ("45", 89), ("45", 71)], "day", None),  # all agree on 45 (it is 15): not sure enough
    ("|5", [("45", 87), ("45", 87), ("", 0)], "day", None),  # the passes agree on 45, OCR's `|` is a 1 (15)
])
def test_a_blank_is_read_only_when_readings_agree(ocr, readings, what, accepted):
    assert _accept(ocr, readings, what) == accepted


@pytest.mark.parametrize("ocr, readings, decoded, accepted", [
    # real handwritten numbers the second engine alone read confidently, and its digits-only decoding of
    # the same blank (digits, lowest digit probability): taken only where that gives each digit too
    ("Ø4£4", [("64", 0), ("64", 0), ("2164", 79)], ("2164", 0.68), "2164"),
    ("465", [("455", 64), ("5", 71), ("155", 89)], ("155", 0.73), "155"),
    ("#", [("", 0), ("", 0), ("308", 91)], ("308", 0.78), "308"),
    (".4435", [("", 0), ("", 0), ("1535", 81)], ("4535", 0.56), None),  # left open: 1535 or 1595
    ("#f40", [("4010", 59), ("4040", 41), ("2510", 78)], ("2510", 0.40), None),  # right, but a digit doubtful
    ("#", [("", 0), ("", 0), ("308", 91)], None, None),
    # two readings agreeing need no decoding
    ("O{_", [("01", 0), ("0", 0), ("01", 79)], None, "01"),
])
def test_the_second_engine_alone_is_checked_digit_by_digit(ocr, readings, decoded, accepted):
    assert _accept(ocr, readings, "number", decoded=lambda: decoded) == accepted


@pytest.mark.parametrize("ocr, vote, what, accepted", [
    # the second engine's vote over twelve cuts of real handwritten blanks: (value, share, mean confidence)
    ("¿4l", ("241", 0.75, 71), "number", "241"),  # 241: OCR's 4 and l (1) kept
    ("}_", ("09", 1.0, 76), "number", "09"),  # OCR read no digit there
    ("24⁄J6", ("2416", 0.58, 73), "number", None),  # it is 2116: the cuts split
    ("ø0đó..", ("095", 0.58, 60), "number", None),  # it is 2095
    ("115", ("15", 0.5, 69), "number", None),  # drops a digit OCR read
    ("0O", ("20", 0.67, 61), "day", None),
    ("|5", ("45", 0.9, 85), "day", None),  # OCR's `|` is a 1: 45 drops it
    ("1Ø", ("440", 0.9, 90), "number", None),  # OCR read two characters, and a 1
    (".4435", None, "number", None),
])
def test_a_blank_is_read_by_the_vote_of_many_cuts(ocr, vote, what, accepted):
    assert _accept_vote(ocr, vote, what) == accepted


def test_consistency_with_what_ocr_first_read():
    assert _consistent("Ø7", "07") and _consistent("ø07ó..", "0071") and not _consistent("Ø7", "17")
    assert _consistent("ZZ2", "222") and not _consistent("ZZ2", "22")


def test_replacing_a_blank_moves_the_words_after_it():
    text = "Số: Ø4£4 /TB-ĐHĐL Hà Nội"
    words = [[0, 3, 91, 0, 0, 10, 10], [4, 8, 27, 12, 0, 20, 10], [9, 17, 88, 22, 0, 40, 10],
             [18, 20, 96, 50, 0, 55, 10], [21, 25, 95, 57, 0, 65, 10]]
    new, moved = _apply(text, words, [(0, 9, "Số: 2164 ", [(4, 8, 79)])])
    assert new == "Số: 2164 /TB-ĐHĐL Hà Nội"
    assert [new[w[0]:w[1]] for w in moved] == ["2164", "/TB-ĐHĐL", "Hà", "Nội"]
    assert moved[0][2] == 79 and moved[1][2] == 88


def test_a_garbled_number_on_a_real_page_is_read_again_or_kept_as_unknown(tmp_path_factory, tmp_path):
    """The seed's scanned header (`Số: 754-CT/ĐU`, typed), its number garbled the way OCR garbles a
    handwritten one: read again from the image, the number is 754 or `?`, never another number; the
    header as OCR read it is left alone."""
    from pipeline.ocr import OcrSettings, PageJob, ocr_image, run_pages
    from pipeline.ocr_blanks import fill_blanks
    from pipeline.read import sha256_file
    from test_samples import SEED, sample_dir

    png = sample_dir(tmp_path_factory) / "png" / SEED / "page-001.png"
    settings = OcrSettings(cache_dir=str(tmp_path / "ocr-cache"))
    job = PageJob(index=0, image_path=str(png), source_sha256=sha256_file(png))
    page = run_pages([job], settings)[0]
    img, _ = ocr_image(job, settings)
    assert fill_blanks(img, page.text, page.words, settings).text == page.text  # clean: untouched
    at = page.text.index("754")
    garbled = page.text[:at] + "7£4" + page.text[at + 3:]
    words = [[s, e, 20 if s <= at < e else c, *box] for s, e, c, *box in page.words]
    filled = fill_blanks(img, garbled, words, settings)
    line = filled.text[:filled.text.index("\n", at)]
    number = line[line.index("Số"):]
    assert number in ("Số 754-CT/ĐU", "Số ?-CT/ĐU"), number
    assert filled.notes and all(w[1] <= len(filled.text) for w in filled.words)


def test_page_gold_scores_what_a_page_cites_and_its_own_number(tmp_path):
    from pipeline.evaluate_pages import evaluate_pages, format_pages_report

    texts = {
        # the number written by hand could not be read: `?` kept; one citation misread by OCR
        "a.png": "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH BẠC LIÊU\nSố: ? /QĐ-UBND Bạc Liêu, ngày 18 tháng 02 năm 2025\nQUYẾT ĐỊNH\n"
                 "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ;\n"
                 "Căn cứ Quyết định số 747/QĐ-BGTTT ngày 11/9/2023 của Bộ Giao thông vận tải;\n",
        "b.png": "SỞ Y TẾ BẮC NINH CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBỆNH VIỆN ĐA KHOA TỈNH\nSố: 6191/BVT-TCKT\n"
                 "V/V Đăng tải thông tin lựa chọn\nĐộc lập - Tự do - Hạnh phúc\nBắc Ninh. ngày 27 tháng 9 năm 2021\n"
                 "Kính gửi: Cổng thông tin điện tử Quốc gia về Đấu giá tài sản\n"
                 "Căn cứ Điều 56 của Luật đấu giá tài sản số 01/2016/QH14;\n",
        # the issuing school's line of the header lost by OCR: its ministry taken for the issuer
        "c.png": "BỘ CÔNG THƯƠNG CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                 "Số: 2164 /TB-ĐHĐL Hà Nội, ngày 04 tháng 9 năm 2025\nTHÔNG BÁO\n",
    }
    for name in texts:
        (tmp_path / name).write_bytes(b"")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"documents": [
        {"file": "a.png", "self": {"symbol": "?/QĐ-UBND", "date": "2025-02-18", "issuer": "Ủy ban nhân dân tỉnh Bạc Liêu"},
         "illegible": ["symbol"],
         "refs": [{"symbol": "63/2010/NĐ-CP", "kind": "full"}, {"symbol": "1747/QĐ-BGTVT", "kind": "full"}]},
        {"file": "b.png", "self": {"symbol": "6191/BVT-TCKT", "date": "2021-09-27",
                                   "issuer": "Bệnh viện đa khoa tỉnh Bắc Ninh"},
         "refs": [{"symbol": "01/2016/QH14", "kind": "full"}]},
        {"file": "c.png", "self": {"symbol": "2164/TB-ĐHĐL", "date": "2025-09-04", "issuer": "Trường Đại học Điện lực"},
         "refs": []},
    ]}, ensure_ascii=False), encoding="utf-8")
    report = evaluate_pages(gold, tmp_path, lambda path: analyze_text(texts[Path(path).name]))
    t = report.totals()
    assert (t["gold"], t["found"], t["predicted"], t["right"]) == (3, 2, 3, 2)
    assert t["symbol"] == {"right": 2, "legible": 2, "wrong": 0, "kept": 1, "illegible": 1, "wrong_number": 0}
    assert t["date"]["right"] == 3
    # own issuer by containment: `Bệnh viện đa khoa tỉnh` (the province on the next column's line) is right
    assert t["issuer"] == {"right": 2, "named": 3, "wrong": 1}
    a = report.pages[0]
    assert a.missed == ["1747/QĐ-BGTVT"] and a.false_positives[0].startswith("747/QĐ-BGTTT")
    out = format_pages_report(report)
    assert "missed: 1747/QĐ-BGTVT" in out and "? kept" in out
    assert "own issuer right where named (wrong)" in out
    assert "own issuer WRONG: gold 'Trường Đại học Điện lực', predicted 'Bộ Công Thương'" in out


def test_eval_command_takes_a_page_gold(tmp_path):
    """`directives eval` on a page-level gold with a user's own folder (saved predictions here, so that
    nothing is OCR'd)."""
    from typer.testing import CliRunner
    from pipeline.cli import app

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "p1.jpg").write_bytes(b"")
    preds = tmp_path / "preds"
    preds.mkdir()
    result = analyze_text("UBND\nSố: 70 /KH-UBND Cần Thơ, ngày 15 tháng 9 năm 2025\nKẾ HOẠCH\n"
                          "Thực hiện Chỉ thị số 33/CT-TTg ngày 26 tháng 11 năm 2021 của Thủ tướng Chính phủ\n")
    (preds / "p1.json").write_text(json.dumps(result.to_json(), ensure_ascii=False), encoding="utf-8")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"documents": [{"file": "p1.jpg", "self": {"symbol": "70/KH-UBND", "date": "2025-09-15"},
                                               "illegible": [], "refs": [{"symbol": "33/CT-TTg", "kind": "full"}]}]}))
    out = CliRunner().invoke(app, ["eval", str(gold), "--texts", str(tmp_path / "pages"), "--predictions", str(preds),
                                   "--format", "json"])
    assert out.exit_code == 0, out.output
    totals = json.loads(out.output)["totals"]
    assert totals["recall"] == 1.0 and totals["precision"] == 1.0 and totals["symbol"]["right"] == 1


# ------------------------------------------------------------ OCR damage inside citations, and misread codes


def _ocr_page(text: str, doubtful: dict[str, int] | None = None) -> RawDocument:
    """`text` as an OCR'd page: each word read at confidence 90, the words of each `doubtful` piece at its
    confidence (as Tesseract gives them)."""
    import re

    words = []
    for m in re.finditer(r"\S+", text):
        conf = 90
        for piece, c in (doubtful or {}).items():
            at = text.find(piece)
            if at >= 0 and m.start() < at + len(piece) and m.end() > at:
                conf = c
        words.append([m.start(), m.end(), conf, 0, 0, 0, 0])
    return RawDocument("scan.png", "", [Page(1, text, "ocr", 80.0, words)])


def _numbered(text: str, doubtful: dict[str, int] | None = None) -> list[str]:
    result = analyze_text(text, raw=_ocr_page(text, doubtful))
    return [r.symbol or r.number for r in result.references if r.kind in ("full", "partial")]


# Lines of Tesseract's output on real scanned pages (realscans), each with what the page prints.
@pytest.mark.parametrize("ocr, doubtful, symbols", [
    ("Căn cứ Quyết định số 443: 'QD-BYT ngày 07/02/2025 của Bộ Y tẾ v việc công bố thủ tục hành chính;",
     {"443:": 25}, ["443/QĐ-BYT"]),  # a slash read as `: '`, the stroke of Đ lost
    ("Căn cứ Quyết định số 1/QĐ-BYT, công bố tại Thông tư số 57⁄2024'TT-BYT ngày 31/12/2024 của Bộ Y tê;",
     {"57⁄2024'TT-BYT": 68}, ["1/QĐ-BYT", "57/2024/TT-BYT"]),  # a fraction slash, a quote for a slash
    ("Căn cứ các Thông tư của Bộ trưởng: số 02/2017/T T- -VPCP ngày 31/10/2017 hướng dẫn nghiệp vụ;",
     {"T-": 40}, ["02/2017/TT-VPCP"]),  # a type split, a doubled dash
    ("Trả lời công văn. số 297/CV-SPT-| KTTC ngày 12/7/2011 của CÔNG TY CP DV BƯU CHÍNH VIỄN THÔNG SÀI GÒN",
     {"297/CV-SPT-|": 74}, ["297/CV-SPT-KTTC"]),  # a rule's `|`; SPT, a company's, is one letter from SYT: kept
    ("Căn cứ các Quyết định của UBND tỉnh: Số 44/2022/Q)- UBND ngày 24/11/2022 ban hành Quy chế; sô .34/2023/QĐ-\n"
     "UBND ngày 24/6/2023 ban hành Quy chế hoạt động", {"44/2022/Q)-": 64, ".34/2023/QĐ-": 21},
     ["44/2022/QĐ-UBND", "34/2023/QĐ-UBND"]),  # the type code from the type word; a speck before the number
    ("Thực hiện Nghị định số 123/2020/NĐ-( CP ngày 19/10/2020 của Chính phủ quy định về hóa đơn",
     {"123/2020/NĐ-(": 28}, ["123/2020/NĐ-CP"]),
    ("Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018; Nghị định số Ï 07/2021/NĐ-CP ngày 06/12/2021 của Chính phủ",
     {"Ï": 9}, ["61/2018/NĐ-CP", "107/2021/NĐ-CP"]),  # a `1` read as a letter
    ("Căn cứ Quyết định số I 747/QĐ-BGTTT ngày 31 tháng 12 năm 2024 của Bộ\ntrưởng Bộ Giao thông vận tải về việc",
     {"747/QĐ-BGTTT": 38}, ["1747/QĐ-BGTVT"]),  # BGTTT is one letter from BGTVT and BTTTT: the named body
    ("Căn cứ Quyết định số 443/QĐ-BVT ngày 07 tháng 02 năm 2025 của Bộ\ntrưởng Bộ Y tế về việc công bố",
     {"443/QĐ-BVT": 53}, ["443/QĐ-BYT"]),
    ("Căn cứ Quyết định số 443/0Đ-BY 1 ngày 07/02/2025 của Bộ trưởng Bộ Y tế về việc công bố",
     {"443/0Đ-BY": 40}, ["443/QĐ-BYT"]),
    ("Trên cơ sở ý kiến của Thường trực HĐND tỉnh tại các Công văn: số 87/HĐÐĐND-KTNS ngày 15/5/2024",
     {"87/HĐÐĐND-KTNS": 56}, ["87/HĐND-KTNS"]),  # Đ tripled
    ("Thực hiện Chỉ thị số 33/CT-TTg ngày 26 tháng 11 năm 2021 của Thủ tướng Chính phủ.\n"
     "Triển khai thực hiện tốt Luật Thực hiện dân chủ ở cơ sở; Chỉ thị số 33/CT-TTB; tạo sự chuyển biến",
     {"33/CT-TTB;": 76}, ["33/CT-TTg", "33/CT-TTg"]),  # the page's own well-read TTg
    ("Thực hiện Thông báo số 496-TB/TƯ ngày 17/8/2023 về Kết luận của Thường trực Thành ủy (gọi tắt là Thông\n"
     "báo số 496-TB/TU), UBND thành phố yêu cầu", {}, ["496-TB/TU", "496-TB/TU"]),  # TƯ, read for TU as for TW
    ("Thực hiện Nghị quyết số 29-NQ/TƯ ngày 04/11/2013 của Ban Chấp hành Trung ương", {}, ["29-NQ/TW"]),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 1906 /§GDĐT-CTrTT Đà Nẵng, ngày 26 tháng 7 năm 2020\nV/v phòng, chống dịch\n"
     "Thực hiện chỉ đạo của Sở Giáo dục và Đào tạo tại Công văn số 1899/SGDĐT-CTYTT ngày 24/7/2020 về việc",
     {"1899/SGDĐT-CTYTT": 52}, ["1899/SGDĐT-CTrTT"]),  # a unit's code the page itself prints
    ("Căn cứ Quyết định số 443/QĐ-BYT ngày 07/02/2025 của Bộ Y tế về việc công bố tại Thông tự 57/2024/T1T-BYT\n"
     "ngày 31/12/2024 của Bộ Y tế", {"57/2024/T1T-BYT": 30}, ["443/QĐ-BYT", "57/2024/TT-BYT"]),  # a speck as `1`
])
def test_symbols_read_through_ocr_damage(ocr, doubtful, symbols):
    assert _numbered(ocr, doubtful) == symbols


@pytest.mark.parametrize("ocr, doubtful, symbols", [
    # read from confident words, or not by OCR at all: as written
    ("Triển khai thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021; Chỉ thị số 33/CT-TTB; tạo sự chuyển biến",
     {"33/CT-TTB;": 92}, ["33/CT-TTg", "33/CT-TTB"]),
    # a code one letter from two known ones, the body not named: as read
    ("Căn cứ Quyết định số 747/QĐ-BGTTT ngày 31 tháng 12 năm 2024 về việc công bố", {"747/QĐ-BGTTT": 38},
     ["747/QĐ-BGTTT"]),
    # `37 7QĐ-BGDĐT`: 377 with its slash lost, or 37 with its slash read as 7: neither is guessed
    ("Căn cứ Quyết định số 37 7QĐ-BGDĐT ngày 13/02/2025 của Bộ Irưởng Bộ Giáo dục và Đào tạo", {}, []),
    # a year after `năm`, and the items of a programme, are no documents' numbers
    ("theo quy định của Luật Tế tụng hành chính năm 2015 và Nghị định số 71/2016/NĐ-CP ngày 01/7/2016",
     {}, ["71/2016/NĐ-CP"]),
    ("chính sách tương tự được quy định tại Nội dung số 02, Tiểu dự án 02, Dự án 5\nChương trình MTQG", {}, []),
    # a letter inside the number (`3ó6`): neither `3` nor `6-KL/TU` is the document cited
    ("trong các trường ngoài công lập trên địa bàn thành phố theo Kết luận số 3ó6-\nKL/TU ngày 24/3/2023 của Ban "
     "Thường vụ Thành ủy", {}, []),
])
def test_ocr_readings_left_as_read(ocr, doubtful, symbols):
    assert _numbered(ocr, doubtful) == symbols


def test_codes_are_put_right_only_in_ocr_text():
    text = "Căn cứ Quyết định số 443/QĐ-BVT ngày 07 tháng 02 năm 2025 của Bộ trưởng Bộ Y tế về việc công bố"
    assert [r.symbol for r in analyze_text(text).references] == ["443/QĐ-BVT"]


@pytest.mark.parametrize("reading, what, form, year, values", [
    # RapidOCR's readings of whole header lines of real scans (its recognizer has no tone marks)
    ("S6: 349 /QD-UBND", "number", "Số: {} ", "", ["349"]),
    ("S6:80/ID-UBND", "number", "Số: {} ", "", ["80"]),  # read whole, it may still be wrong: one view only
    (" S6: 245/TB-DHDL ", "number", "Số: {} ", "", ["245"]),
    ("S: &2095.TB-DHDL", "number", "Số: {} ", "", [None]),  # a speck read before the number
    ("S6:1 6 /CT-UBND", "number", "Số: {} ", "", [None]),
    ("S6: M /CT-UBND", "number", "Số: {} ", "", [None]),  # a handwritten 11 read as a letter
    ("S6 27-KH/DUK", "number", "Số {}", "", ["27"]),  # a Party symbol's number
    ("S6 27-KH/DUK", "number", "Số: {} ", "", [None]),  # ... not where the page prints `Số: …/`
    ("ngay 18 thaing 08 nam 2025", "day", "ngày {} tháng {} ", "2025", ["18", "08"]),
    ("ngay20thang 01 nam 2025", "day", "ngày {} tháng {} ", "2025", ["20", "01"]),
    ("ngay 08 thang A0 nam 2025", "day", "ngày {} tháng {} ", "2025", ["08", None]),
    ("ngay 04 thang nam 2025", "day", "ngày {} tháng {} ", "2025", ["04", None]),  # the 9 not read
    ("ngay 03 thang 4 nam 2018", "day", "ngày {} tháng {} ", "2016", [None, None]),  # OCR read the year 2016
    ("ngay 237 thang 12 nam 2021", "day", "ngày {} tháng {} ", "2021", [None, "12"]),
    ("ngay 3t thang 12 nim 2020", "day", "ngày {} tháng {} ", "2020", [None, "12"]),
    # PP-OCRv6 (`_handwriting_line`) writes the tone marks, the `Số` not always right
    ("sô: 2164 /TB-ĐHDL", "number", "Số: {} ", "", ["2164"]),
    ("Só: 2095. /TB-DHDL", "number", "Số: {} ", "", ["2095"]),
    ("S0:211 /TB-DHDL", "number", "Số: {} ", "", ["211"]),  # a reading, not yet a value: crops must agree
    ("ngày28tháng02năm 2022", "day", "ngày {} tháng {} ", "2022", ["28", "02"]),
    ("ngày 27 tháng 9 nǎm 2021", "day", "ngày {} tháng {} ", "2021", ["27", "9"]),
    ("ngày 1X tháng 02 năm 2025", "day", "ngày {} tháng {} ", "2025", [None, "02"]),
    ("ngàya6 thángg năm 2011", "day", "ngày {} tháng {} ", "2011", [None, None]),
])
def test_a_header_line_read_whole_by_the_second_engine(reading, what, form, year, values):
    from pipeline.ocr_blanks import _Blank, _Line, _parse_line

    blanks = [_Blank(0, 0, what, "")] + ([_Blank(0, 0, "month", "")] if what == "day" else [])
    read = _parse_line(reading, _Line(0, 0, blanks, True, form, year=year))
    assert read[0] == values
    assert read[1] == (re.search(r"\d{4}$", reading.strip()).group() if what == "day" else None)


@pytest.mark.parametrize("ocr, line_value, reading, what, accepted", [
    # real blanks: the line read whole, the blank's crop read digits only (lowest digit probability)
    ("5⁄49", "349", ("349", 0.98), "number", "349"),
    ("@#", "07", ("07", 0.75), "number", "07"),
    ("Ôf", "34", ("34", 0.32), "day", None),  # it is 31: the 1 read as 4 in both, doubtful in the crop
    ("Ê0", "20", ("20", 0.49), "day", None),  # right, but as doubtful as a misread digit
    ("l@", "18", ("8", 0.96), "day", None),  # the crop cut the 1 off: the line has it
    ("0+", "04", ("4", 0.93), "number", None),
    ("W/†", "11", ("1", 0.89), "day", None),
    ("1Ø", "40", ("440", 0.89), "number", None),
    ("3|", "3", ("3", 0.9), "day", None),  # OCR saw a 1 after the 3 that both lost
    ("0%", "0", ("0", 0.9), "month", None),  # not a month
    ("Jÿ", None, ("8", 0.86), "day", None),
    ("Jÿ", "8", None, "day", None),
])
def test_a_blank_is_read_in_the_context_of_its_line(ocr, line_value, reading, what, accepted):
    from pipeline.ocr_blanks import _accept_in_context

    assert _accept_in_context(ocr, line_value, reading, what) == accepted


@pytest.mark.parametrize("fixture, text, words, expected", [
    # the number lines of two real scans (Bạc Liêu, Quảng Ngãi) cut out with the boxes Tesseract gave
    # their words: the handwritten 349 and 07, that OCR read `5⁄49` and `@#`
    ("blank_number_349.png", "Số: 5⁄49 /QĐ-UBND",
     [[0, 3, 97, 30, 40, 77, 75], [4, 8, 24, 105, 45, 182, 77], [9, 17, 83, 196, 47, 386, 81]], "Số: 349 /QĐ-UBND"),
    ("blank_number_07.png", "Số: @# /CT-UBND",
     [[0, 3, 93, 30, 40, 96, 91], [4, 6, 14, 116, 48, 191, 100], [7, 15, 91, 207, 51, 460, 91]], "Số: 07 /CT-UBND"),
    # Đà Nẵng 2019: a handwritten number the transcriber left open (1595 to the eye, 1535 in a source
    # list); one engine reads 1535, the other 1595: kept as `?`
    ("blank_number_illegible.png", "Số:.4435 /SGDĐT-CTrTT",
     [[0, 8, 36, 20, 27, 183, 67], [9, 21, 69, 189, 36, 453, 65]], "Số: ? /SGDĐT-CTrTT"),
])
def test_a_handwritten_number_is_read_in_the_context_of_its_line(fixture, text, words, expected, tmp_path):
    from PIL import Image

    from pipeline.ocr import OcrSettings
    from pipeline.ocr_blanks import _rapid, fill_blanks

    if _rapid() is None:
        pytest.skip("the second engine (rapidocr-onnxruntime) is not installed")
    img = Image.open(Path(__file__).parent / "fixtures" / "real" / fixture)
    filled = fill_blanks(img, text, words, OcrSettings(cache_dir=str(tmp_path)))
    assert filled.text == expected


@pytest.mark.parametrize("ocr, crops, line_value, what, accepted", [
    # real blanks: PP-OCRv6 on the blank's crop at 32, 48 and 64 pixels (digits, lowest digit probability),
    # and the value both readings of the whole line (56 and 64 pixels) give there
    ("¿02", [("209", 0.99), ("209", 0.99), ("209", 0.99)], "209", "number", "209"),
    ("ø0đó..", [("2095", 1.0), ("2095", 1.0), ("2095", 1.0)], "2095", "number", "2095"),
    ("Êˆ@_", [("22", 1.0), ("22", 1.0), ("22", 1.0)], "22", "day", "22"),
    ("62]ƒ", [("60781", 0.84), ("60781", 0.75), ("60781", 0.81)], "6078", "number", None),  # a speck read as 1
    ("#74.", [("5710", 0.44), ("5740", 0.89), ("5740", 0.92)], "5740", "number", None),  # it is 5710
    ("Â4‡", [("2", 1.0), ("2", 1.0), ("2", 1.0)], None, "day", None),  # 27: the crops lost the 7
    ("u)9", [("2", 0.65), ("2", 0.64), ("2", 0.64)], "29", "day", None),  # ... the 9
    ("W/†", [("1", 0.48), ("1", 0.49), ("1", 0.62)], None, "day", None),
    ("1Ä", [("1", 0.66), ("1", 0.74), ("1", 0.84)], None, "day", None),  # a crossed stroke after the 1
    ("Êˆ@_", [("22", 1.0), None, ("22", 1.0)], "22", "day", None),  # one crop read something else
    ("Êˆ@_", [("22", 1.0), ("22", 1.0), ("22", 1.0)], "22", "month", None),  # not a month
    ("3|", [("3", 0.9), ("3", 0.9), ("3", 0.9)], "3", "day", None),  # OCR saw a 1 after the 3 that both lost
    ("Jÿ", [], "18", "day", None),
])
def test_a_blank_is_read_when_the_newer_recognizer_agrees_everywhere(ocr, crops, line_value, what, accepted):
    from pipeline.ocr_blanks import _accept_agreed

    assert _accept_agreed(ocr, crops, line_value, what) == accepted


@pytest.mark.parametrize("ocr, crops, line_value, second, accepted", [
    # the newer recognizer agreeing everywhere, and the second engine's reading of the same blank
    (".4435", [("1595", 0.98), ("1595", 1.0), ("1595", 0.96)], "1595", ("1535", 81), None),  # left open
    (".4435", [("1595", 0.98), ("1595", 1.0), ("1595", 0.96)], "1595", ("1535", 60), "1595"),  # not sure of it
    ("ø0đó..", [("2095", 1.0), ("2095", 1.0), ("2095", 1.0)], "2095", ("0", 60), "2095"),
    ("899", [("299", 0.85), ("299", 0.86), ("299", 0.99)], "299", ("99", 85), "299"),  # a 2 dropped: no other number
    ("1Ø", [("440", 1.0), ("440", 1.0), ("440", 1.0)], "440", ("440", 94), "440"),
])
def test_the_newer_recognizer_is_not_taken_against_the_second_engine(ocr, crops, line_value, second, accepted):
    from pipeline.ocr_blanks import _accept_agreed

    assert _accept_agreed(ocr, crops, line_value, "number", second) == accepted


@pytest.mark.parametrize("fixture, text, words, expected", [
    # the header lines of two real scans (Bạc Liêu 2025, Chính phủ 2020) cut out with the boxes Tesseract
    # gave their words: the handwritten 209, 18 and 02, and 155 and 31, that OCR read `¿02`, `l@`, `0%`,
    # `465` (a wrong number read confidently) and `3{_`
    ("blank_line_209_18_02.png", "Số:¿02 /QĐÐ-UBND Bạc Liêu, ngày l@ tháng 0% năm 2025",
     [[0, 6, 30, 20, 40, 126, 76], [7, 16, 78, 135, 47, 310, 80], [17, 20, 97, 528, 46, 583, 76],
      [21, 26, 87, 591, 46, 660, 75], [27, 31, 93, 673, 45, 743, 78], [32, 34, 0, 749, 44, 791, 78],
      [35, 40, 97, 815, 44, 897, 77], [41, 43, 84, 906, 44, 943, 73], [44, 47, 96, 968, 45, 1027, 69],
      [48, 52, 94, 1038, 44, 1108, 69]],
     "Số: 209 /QĐÐ-UBND Bạc Liêu, ngày 18 tháng 02 năm 2025"),
    ("blank_line_155_31_12.png", "Só:465 /2020/NĐ-CP Hà Nội, ngày 3{_ tháng 12 năm 2020",
     [[0, 6, 16, 20, 41, 126, 79], [7, 18, 91, 136, 50, 335, 90], [19, 21, 96, 522, 46, 571, 74],
      [22, 26, 97, 579, 46, 641, 80], [27, 31, 93, 655, 46, 731, 83], [32, 35, 71, 740, 40, 772, 76],
      [36, 41, 97, 800, 43, 890, 80], [42, 44, 97, 900, 43, 936, 71], [45, 48, 97, 947, 42, 1014, 70],
      [49, 53, 97, 1025, 41, 1103, 70]],
     "Số: 155 /2020/NĐ-CP Hà Nội, ngày 31 tháng 12 năm 2020"),
    # Quảng Ngãi 2025: the 4 of 574 and of 04 written into the boxes of `/UBND-KTTH` and `tháng`, read
    # once the crop reaches into them (`_reach_right`)
    ("blank_line_574_04_02.png", "Số: $4/UBND-KTTH Quảng Ngãi, ngày {tháng 02 năm 2025",
     [[0, 3, 87, 20, 54, 82, 105], [4, 16, 28, 103, 52, 540, 106], [17, 22, 97, 866, 53, 1010, 104],
      [23, 28, 97, 1021, 52, 1134, 101], [29, 33, 97, 1157, 49, 1260, 100], [34, 40, 23, 1269, 40, 1464, 96],
      [41, 43, 97, 1481, 46, 1529, 85], [44, 47, 97, 1546, 46, 1634, 83], [48, 52, 97, 1652, 43, 1759, 82]],
     "Số: 574 /UBND-KTTH Quảng Ngãi, ngày 04 tháng 02 năm 2025"),
    # number lines where the blank's crop, cut where OCR's boxes put it, lost a stroke of the first or
    # the last digit: Tesseract glued `Số:` to the handwriting (`Só:s2ƒ/TB-ĐHĐL`, `Số:0+`), or the 5 of
    # 275 was written against the printed `/`. Read on the crop moved left to a column with no ink,
    # and on the crop reaching past the `/`, read up to it (`_to_printed`)
    ("blank_number_275.png", "Số: 2#5/TB-ĐHĐL,",
     [[0, 3, 93, 55, 55, 124, 108], [4, 16, 79, 145, 57, 523, 110]], "Số: 275 /TB-ĐHĐL,"),
    ("blank_number_2027.png", "Só:s2ƒ/TB-ĐHĐL", [[0, 14, 24, 67, 67, 569, 134]], "Số: 2027 /TB-ĐHĐL"),
    ("blank_number_04.png", "Số:0+ /CT-UBND",
     [[0, 5, 4, 63, 63, 221, 126], [6, 14, 92, 252, 76, 528, 120]], "Số: 04 /CT-UBND"),
])
def test_handwritten_blanks_read_by_the_newer_recognizer(fixture, text, words, expected, tmp_path):
    from PIL import Image

    from pipeline.ocr import OcrSettings
    from pipeline.ocr_blanks import _handwriting, _rapid, fill_blanks

    if _rapid() is None or _handwriting() is None:
        pytest.skip("the second engine (rapidocr-onnxruntime) or PP-OCRv6 (rapidocr) is not installed")
    img = Image.open(Path(__file__).parent / "fixtures" / "real" / fixture)
    filled = fill_blanks(img, text, words, OcrSettings(cache_dir=str(tmp_path)))
    assert filled.text == expected


@pytest.mark.parametrize("ocr, crops, lines, what, accepted", [
    # real date lines: PP-OCRv6 on the blank's crop at 32, 48 and 64 pixels (digits, lowest digit
    # probability), and the blank's digits in the whole line read by PP-OCRv6 at 40-80 pixels and by the
    # second engine at 48 and 64 ('' nothing there, None other characters there)
    ("'†T", [None, ("17", 0.73), ("17", 0.78)], ["17"] * 6 + ["17", "17"], "day", "17"),
    (".) {", [("27", 0.93), ("27", 1.0), ("27", 0.99)], [None, None, "27", None, "27", "27", None, None], "day", "27"),
    ("80", [("20", 0.98), ("201", 0.72), ("20", 0.97)], [None, None, "20", "20", "20", "20", "20", "20"], "day", "20"),
    ("9", [("9", 0.65), ("9", 0.65), None], ["9"] * 6 + [None, None], "month", "9"),
    # refused: the crops lost the 9 of 29, the line has it
    ("u)9", [("2", 0.65), ("2", 0.64), ("2", 0.64)], ["29"] * 6 + [None, None], "day", None),
    # ... the line reads the handwritten 1 of 31 as 4 at every height, the crops read 31
    ("Ôf", [("31", 0.99), ("31", 0.98), ("31", 0.97)], ["34"] * 8, "day", None),
    # ... the line reads 18 as 1, 19 and 10
    ("Jÿ", [("18", 1.0), ("18", 0.98), ("18", 0.98)], ["1", "19", "19", "10", "10", "1", None, None], "day", None),
    # ... a crop reads another day
    ("'†T", [("7", 0.9), ("17", 0.73), ("17", 0.78)], ["17"] * 8, "day", None),
    # ... the line reads it once only
    ("'†T", [None, ("17", 0.73), ("17", 0.78)], ["17", None, None, None, None, None, None, None], "day", None),
    # ... one crop alone is sure
    ("'†T", [None, ("17", 0.55), ("17", 0.78)], ["17"] * 8, "day", None),
    # ... fewer digits than OCR read there
    ("3|", [("3", 0.9), ("3", 0.9), ("3", 0.9)], ["3"] * 8, "day", None),
    # ... not a month
    ("9", [("19", 0.9), ("19", 0.9), None], ["19"] * 8, "month", None),
    # the line drops one of two handwritten 1s at one height: seven readings against one
    ("W/†", [("11", 0.9), ("11", 0.9), None], ["11", "1", "11", "11", "11", "11", "11", "11"], "day", "11"),
    # ... at three heights of eight: refused (28 written with a dotted leader through it)
    ("oJŸ.", [("28", 0.9), ("28", 0.9), None], [None, "28", None, "28", "2", "2", None, "28"], "day", None),
])
def test_a_date_blank_is_read_where_most_readings_agree(ocr, crops, lines, what, accepted):
    from pipeline.ocr_blanks import _accept_most

    assert _accept_most(ocr, crops, lines, what) == accepted


@pytest.mark.parametrize("year, confirmed", [("2018", True), ("2016", False), ("2019", False)])
def test_a_printed_year_is_confirmed_by_digits_only_readings_of_its_word(year, confirmed, tmp_path):
    """The year of a real date line (Quảng Ngãi 2018) that Tesseract first read 2016: its word read
    again digits only gives 2018, and nothing else is confirmed."""
    from PIL import Image

    from pipeline.ocr import OcrSettings
    from pipeline.ocr_blanks import _lines, _rapid, _year_confirmed

    if _rapid() is None:
        pytest.skip("the second engine (rapidocr-onnxruntime) is not installed")
    text = "Ngãi, ngày Ø3 tháng 4 năm 2016"
    words = [[0, 5, 96, 20, 45, 134, 95], [6, 10, 97, 154, 44, 259, 93], [11, 13, 91, 271, 41, 336, 89],
             [14, 19, 97, 356, 42, 479, 91], [20, 21, 97, 493, 42, 518, 80], [22, 25, 97, 532, 43, 622, 80],
             [26, 30, 86, 637, 39, 741, 79]]
    img = Image.open(Path(__file__).parent / "fixtures" / "real" / "blank_date_03_4_2018.png")
    line = _lines(text)[0]
    assert (_year_confirmed(img, words, line, year, OcrSettings(cache_dir=str(tmp_path))) is not None) == confirmed


@pytest.mark.parametrize("ocr, located, lines, what, accepted", [
    # real date lines: PP-OCRv6 on the boxes where its readings of the whole line place the blank, each
    # read at 32, 48 and 64 pixels; the blank's digits in the line's eight readings
    ("u)9", [[None, ("2", 0.67), ("2", 0.63)], [("291", 0.61), ("291", 0.74), None],
             [("29", 0.97), ("29", 0.76), ("29", 0.58)], [("29", 0.72), ("29", 0.9), ("29", 0.88)]],
     ["29"] * 6 + [None, None], "day", "29"),
    ("0„", [[("2", 1.0), ("12", 0.76), ("2", 0.98)], [("02", 0.99), ("02", 0.98), ("021", 0.81)],
            [("02", 0.99), ("02", 0.99), ("02", 0.99)]],
     ["02", "02", "02", "02", "02", "02", None, None], "month", "02"),
    # refused: the crops read 1 as often as 11 (the first 1 written over the y of ngày)
    ("W/†", [[("111", 0.36), ("111", 0.89), ("111", 0.69)], [("11", 0.57), ("11", 0.93), ("11", 0.9)],
             [("11", 0.47), ("11", 0.5), ("11", 0.6)], [("1", 0.92), ("111", 0.68), ("111", 0.64)],
             [("1", 0.93), ("1", 0.91), ("1", 0.9)], [("1", 0.59), ("1", 0.9), ("1", 0.89)]],
     ["11", "1", "11", "11", "11", "11", "11", "11"], "day", None),
    # ... the crops read 18, the line 1, 19 and 10
    ("Jÿ", [[("18", 0.91), ("18", 0.75), ("18", 0.69)], [("18", 0.88), ("18", 0.91), ("18", 0.87)]],
     ["1", "19", "19", "10", "10", "1", None, None], "day", None),
    # ... the crops read 31, the line 34 at every height
    ("Ôf", [[("31", 0.81), ("31", 0.95), ("31", 0.76)], [("311", 0.63), ("31", 0.96), ("31", 0.97)]],
     ["34"] * 8, "day", None),
    # ... two readings only
    ("u)9", [[("29", 0.97), ("29", 0.76), ("29", 0.58)]], ["29"] * 8, "day", None),
])
def test_a_date_blank_is_read_where_the_line_places_it(ocr, located, lines, what, accepted):
    from pipeline.ocr_blanks import _accept_located

    assert _accept_located(ocr, located, lines, what) == accepted


@pytest.mark.parametrize("fixture, text, words, expected", [
    # the date lines of four real scans cut out with the boxes Tesseract gave their words: a handwritten
    # 17 (Quảng Ngãi 2025), 27 with a crossed 7 that the line reads as F at some heights, 04 and 9 (Hà
    # Nội 2025), 20 whose crop takes in the t of tháng at one height (Quảng Ngãi 2018)
    ("blank_date_17_02.png", "Ngãi, ngày'†T tháng 02 năm 2025",
     [[0, 5, 93, 20, 47, 142, 101], [6, 13, 0, 163, 42, 366, 101], [14, 19, 96, 380, 48, 513, 103],
      [20, 22, 97, 529, 50, 583, 93], [23, 26, 97, 600, 52, 699, 93], [27, 31, 95, 715, 51, 833, 95]],
     "Ngãi, ngày 17 tháng 02 năm 2025"),
    ("blank_date_27_8.png", "Nội, ngày.) {tháng & năm 2025",
     [[0, 4, 97, 20, 65, 106, 110], [5, 11, 67, 135, 49, 275, 119], [12, 18, 67, 292, 62, 433, 115],
      [19, 20, 58, 452, 62, 482, 111], [21, 24, 97, 520, 67, 610, 103], [25, 29, 96, 626, 65, 734, 103]],
     "Nội, ngày 27 tháng 8 năm 2025"),
    ("blank_date_04_9.png", "Nội, ngày 04 tháng 9 năm 2025",
     [[0, 4, 97, 20, 27, 78, 57], [5, 9, 97, 92, 27, 162, 60], [10, 12, 97, 169, 30, 205, 64],
      [13, 18, 93, 217, 26, 299, 60], [19, 20, 66, 315, 29, 331, 64], [21, 24, 66, 354, 27, 414, 52],
      [25, 29, 97, 425, 26, 495, 52]],
     "Nội, ngày 04 tháng 9 năm 2025"),
    ("blank_date_20_3.png", "Ngãi, ngày 80 tháng 3 năm 2018",
     [[0, 5, 97, 20, 63, 134, 112], [6, 10, 78, 155, 62, 451, 113], [11, 13, 19, 276, 48, 311, 117],
      [14, 19, 97, 333, 62, 443, 113], [20, 21, 95, 464, 63, 488, 101], [22, 25, 95, 517, 64, 607, 101],
      [26, 30, 96, 623, 63, 729, 102]],
     "Ngãi, ngày 20 tháng 3 năm 2018"),
    # Quảng Ngãi 2018: the printed year read 2016 by Tesseract, 2018 by the second engine in the whole line
    # and by Tesseract's digits-only passes on its word: the year is read again, and the day with it
    ("blank_date_03_4_2018.png", "Ngãi, ngày Ø3 tháng 4 năm 2016",
     [[0, 5, 96, 20, 45, 134, 95], [6, 10, 97, 154, 44, 259, 93], [11, 13, 91, 271, 41, 336, 89],
      [14, 19, 97, 356, 42, 479, 91], [20, 21, 97, 493, 42, 518, 80], [22, 25, 97, 532, 43, 622, 80],
      [26, 30, 86, 637, 39, 741, 79]],
     "Ngãi, ngày 03 tháng 4 năm 2018"),
    # Hà Nội 2025: the 2 of 29 written over the y of ngày, which the crop between the words' boxes cuts
    # off (`2`): the crops where the line's readings place the blank read 29
    ("blank_date_29_8.png", "Nội, ngàu)9 tháng § năm 2025",
     [[0, 4, 93, 20, 45, 63, 68], [5, 11, 68, 77, 30, 146, 73], [12, 17, 81, 156, 44, 214, 69],
      [18, 19, 88, 223, 44, 236, 68], [20, 23, 97, 243, 45, 288, 62], [24, 28, 97, 297, 43, 348, 62]],
     "Nội, ngày 29 tháng 8 năm 2025"),
    # Hà Nội 2022: 28 and 02 written against the printed words, read by OCR as one word whose box
    # overlaps `năm` (no room for the month between the words' boxes)
    ("blank_date_28_02.png", "Nội, ngà¿2háng0„ năm 2022",
     [[0, 4, 93, 20, 68, 113, 116], [5, 16, 12, 136, 64, 604, 120], [17, 20, 97, 515, 51, 595, 124],
      [21, 25, 97, 623, 68, 735, 108]],
     "Nội, ngày 28 tháng 02 năm 2022"),
])
def test_handwritten_dates_read_where_most_readings_agree(fixture, text, words, expected, tmp_path):
    from PIL import Image

    from pipeline.ocr import OcrSettings
    from pipeline.ocr_blanks import _handwriting, _rapid, fill_blanks

    if _rapid() is None or _handwriting() is None:
        pytest.skip("the second engine (rapidocr-onnxruntime) or PP-OCRv6 (rapidocr) is not installed")
    img = Image.open(Path(__file__).parent / "fixtures" / "real" / fixture)
    filled = fill_blanks(img, text, words, OcrSettings(cache_dir=str(tmp_path)))
    assert filled.text == expected


def _steps(symbols: str) -> "np.ndarray":
    """A recognizer's output over characters ['', '0'..'9', '/', ':'], one time step per symbol of
    `symbols` (`_` no character), the symbol at 0.9 (a lower-case `a` for a digit at 0.5)."""
    import numpy as np

    chars = ["", *"0123456789", "/", ":"]
    out = np.full((len(symbols), len(chars)), 0.1 / (len(chars) - 1))
    for i, ch in enumerate(symbols):
        low = ch.islower() and ch.isalpha()
        j = chars.index("" if ch == "_" else str("abcdefghij".index(ch)) if low else ch)
        out[i, j] = 0.5 if low else 0.9
        if low:
            out[i, 0] = 0.4
    return out


@pytest.mark.parametrize("steps, expected", [
    (":_27_5_/_", ("275", 0.9)),  # `:` of `Số:` before, the printed `/` after
    ("2_0_2_7_:_/", ("2027", 0.9)),  # a dot of the form between the digits and the `/`
    ("2_0_2_7_/_1", ("2027", 0.9)),  # digits after the `/` (`/2020/NĐ-CP`) are the printed part's
    ("2_0_2_7_1", None),  # no `/` read: the crop may not hold the whole number
    ("2_:_7_/", None),  # another character between the digits
    ("0_e_/", ("04", 0.5)),  # the lowest digit probability
    ("/_4_5", None),
])
def test_a_number_is_read_up_to_the_printed_slash(steps, expected):
    from pipeline.ocr_blanks import _ctc_digits_before

    got = _ctc_digits_before(_steps(steps), list(range(1, 11)), 11)
    assert (got[0], round(got[1], 2)) == expected if expected else got is None


def test_a_blank_under_the_box_of_the_printed_word_before_it():
    """A real scan's date line (Quảng Ngãi, 2025) as Tesseract read it: the handwritten `06` lost, its
    ink inside the box of `ngày` (182 pixels for four letters). Read in context, the blank starts where
    the letters of `ngày` end at the line's letter width; the other readings keep the gap OCR left."""
    from pipeline.ocr_blanks import _lines, _region

    text = "Số: O{_ /TTr-UBND Quảng Ngãi, ngày tháng 01 năm 2025"
    boxes = [(69, 449, 513, 518, 567), (51, 537, 596, 519, 576), (78, 665, 933, 529, 569), (97, 1200, 1354, 533, 587),
             (97, 1366, 1487, 534, 587), (63, 1510, 1692, 523, 587), (92, 1699, 1831, 532, 587),
             (92, 1861, 1912, 534, 575), (96, 1946, 2043, 535, 575), (96, 2061, 2175, 534, 575)]
    words, at = [], 0
    for word, (conf, x0, x1, top, bottom) in zip(text.split(" "), boxes):
        at = text.index(word, at)
        words.append([at, at + len(word), conf, x0, top, x1, bottom])
        at += len(word)
    day = [b for line in _lines(text) for b in line.blanks if b.what == "day"][0]
    assert _region(text, words, day)[2] - _region(text, words, day)[0] < 20  # the sliver OCR left
    x0, _, x1, _ = _region(text, words, day, overlaid=True)
    assert 1600 < x0 < 1650 and x1 == 1700


@pytest.mark.parametrize("text, expected", [
    # the printed slash read as a stop beside the handwritten number (real scan dhdl_08)
    ("BỘ CÔNG THƯƠNG\nTRƯỜNG ĐẠI HỌC ĐIỆN LỤC\nSố: g6Z€ .TB-ĐHĐL\nĐộc lập - Tự do - Hạnh phúc",
     "BỘ CÔNG THƯƠNG\nTRƯỜNG ĐẠI HỌC ĐIỆN LỤC\nSố: g6Z€ /TB-ĐHĐL\nĐộc lập - Tự do - Hạnh phúc"),
    # a stop that ends a sentence, or a number with its slash: left as read
    ("Số: 12/QĐ-UBND\nHà Nội, ngày 4 tháng 9 năm 2025", "Số: 12/QĐ-UBND\nHà Nội, ngày 4 tháng 9 năm 2025"),
    ("Số lượng học bổng: 02 suất. Hồ sơ gồm đơn.", "Số lượng học bổng: 02 suất. Hồ sơ gồm đơn."),
])
def test_slash_of_number_line(text, expected):
    assert slash_of_number_line(text) == expected
