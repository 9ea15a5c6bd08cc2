"""Extraction, table-driven: real sentences from the corpus and the forms domain.md lists."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.document import analyze_text
from pipeline.extract import get_references
from pipeline.keys import fold

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

# (sentence, [(anchor as written, kind, type, symbol, date, issuer contains)])
# Sentences start in the body (`- `) so that they are read as body text, not a web page's title.
FORMS = [
    ("- Thực hiện Nghị quyết số 25 –NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng khóa XI.",
     [("25 –NQ/TW", "full", "Nghị quyết", "25-NQ/TW", "2013-06-03", "Ban Chấp hành Trung ương")]),
    ("- Lãnh đạo thực hiện tốt công tác vận động quần chúng theo Quy định 1043 - QĐ/TU của Thành ủy.",
     [("1043 - QĐ/TU", "full", "Quy định", "1043-QĐ/TU", None, "Thành ủy")]),
    ("+ Chỉ thị số 32-CTTW ngày 03 tháng 01 năm 2014 của Ban Bí thư về triển khai thi hành Hiến pháp",
     [("32-CTTW", "full", "Chỉ thị", "32-CT/TW", "2014-01-03", "Ban Bí thư"),
      ("Hiến pháp", "named", "Hiến pháp", None, None, None)]),
    ("- Thực hiện Quyết định 84 QĐ/TWĐTN ngày 05-12-2013 của Ban Bí thư Trung ương Đoàn.",
     [("84 QĐ/TWĐTN", "full", "Quyết định", "84-QĐ/TWĐTN", "2013-12-05", "Ban Bí thư Trung ương Đoàn")]),
    ("- Căn cứ Nghị định số 61/2018/NĐCP ngày 23 tháng 4 năm 2018 của Chính phủ;",
     [("61/2018/NĐCP", "full", "Nghị định", "61/2018/NĐ-CP", "2018-04-23", "Chính phủ")]),
    ("- Thi hành Điều 2 Quyết định của Bộ Chính trị số31-QĐ/TW, ngày 01-10-1997 ban hành Quy định",
     [("31-QĐ/TW", "full", "Quyết định", "31-QĐ/TW", "1997-10-01", "Bộ Chính trị")]),
    ("- Thực hiện Quyết định số 1961/QĐ-ƯBND ngày 10/9/2021 của Ủy ban nhân dân tỉnh.",
     [("1961/QĐ-ƯBND", "full", "Quyết định", "1961/QĐ-UBND", "2021-09-10", "Ủy ban nhân dân tỉnh")]),
    ("- Tiếp tục quán triệt Nghị quyết 13-NQ/TƯ của Bộ Chính trị.",
     [("13-NQ/TƯ", "full", "Nghị quyết", "13-NQ/TW", None, "Bộ Chính trị")]),
    ("- Xem Thông báo số 70-TB/TWngày 15/3/2012 của Ban Bí thư.",
     [("70-TB/TW", "full", "Thông báo", "70-TB/TW", "2012-03-15", "Ban Bí thư")]),
    ("- Tiếp tục thực hiện nghiêm túc Chỉ thị 30 - CT/TW của Bộ chính trị và Nghị định 79/CP, 71/CP, 07/CP của "
     "Chính phủ về thực hiện quy chế dân chủ ở cơ sở.",
     [("30 - CT/TW", "full", "Chỉ thị", "30-CT/TW", None, "Bộ chính trị"),
      ("79/CP", "partial", "Nghị định", "79/CP", None, "Chính phủ"),
      ("71/CP", "partial", "Nghị định", "71/CP", None, "Chính phủ"),
      ("07/CP", "partial", "Nghị định", "07/CP", None, "Chính phủ")]),
    ("- Quán triệt Nghị quyết số 25 của Ban Chấp hành Trung ương khoá XI, Quyết định số 290 của Bộ Chính trị về "
     "Quy chế công tác dân vận, Chỉ thị số 18 của Thủ tướng Chính phủ về tăng cường công tác dân vận.",
     [("25", "partial", "Nghị quyết", None, None, "Ban Chấp hành Trung ương"),
      ("290", "partial", "Quyết định", None, None, "Bộ Chính trị"),
      ("18", "partial", "Chỉ thị", None, None, "Thủ tướng Chính phủ")]),
    ("- cùng với Quyết định 217, 218 của Bộ Chính trị về việc ban hành Quy chế giám sát",
     [("217", "partial", "Quyết định", None, None, "Bộ Chính trị"),
      ("218", "partial", "Quyết định", None, None, "Bộ Chính trị")]),
    ("- Triển khai Quy định số 215 ngày 05-12-2013 của Ban Bí thư về chức năng, nhiệm vụ",
     [("215", "partial", "Quy định", None, "2013-12-05", "Ban Bí thư")]),
    ("- Tổ chức học tập NGHỊ QUYẾT SỐ 25-NQ/TW VỀ TĂNG CƯỜNG VÀ ĐỔI MỚI SỰ LÃNH ĐẠO CỦA ĐẢNG",
     [("25-NQ/TW", "full", "Nghị quyết", "25-NQ/TW", None, None)]),
    ("- Nghị định số 149/2018/NĐ-CP ngày 07/11/2018 của Chính phủ “Quy định chi tiết khoản 3 Điều\n\n63 của "
     "Bộ luật lao động về thực hiện quy chế dân chủ ở cơ sở tại nơi làm việc”;",
     [("149/2018/NĐ-CP", "full", "Nghị định", "149/2018/NĐ-CP", "2018-11-07", "Chính phủ"),
      ("Bộ luật lao động", "named", "Bộ luật", None, None, None)]),
    ("- Kế hoạch số 115-KH/TU, ngày 13/3/2019 của Ban Thường vụ Tỉnh ủy Trà Vinh về việc thực hiện Kết luận số "
     "43-KH/TW, ngày 07/01/2019 của Ban Bí thư",
     [("115-KH/TU", "full", "Kế hoạch", "115-KH/TU", "2019-03-13", "Ban Thường vụ Tỉnh ủy Trà Vinh"),
      ("43-KH/TW", "full", "Kết luận", "43-KL/TW", "2019-01-07", "Ban Bí thư")]),
    ("- Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15;",
     [("10/2022/QH15", "full", "Luật", "10/2022/QH15", None, None)]),
    ("- Căn cứ Thông tư liên tịch số 01/2005/TTLT/BTTUBTWMTTQVN-BNV ngày 12/5/2005;",
     [("01/2005/TTLT/BTTUBTWMTTQVN-BNV", "full", "Thông tư liên tịch", "01/2005/TTLT-BTTUBTWMTTQVN-BNV",
       "2005-05-12", None)]),
    # tvplmd_121: a State letter's symbol names its issuer and unit (CT: Cục Thuế), no type to correct.
    ("khi xác định thuế thu nhập cá nhân của người nộp thuế, Cục Thuế đã có công văn số\n5106/CT-CS ngày 12/11/2025 "
     "về việc chính sách thuế thu nhập cá nhân.",
     [("5106/CT-CS", "full", "Công văn", "5106/CT-CS", "2025-11-12", None)]),
    # tvplmd_293, congbao_65: technical regulations and standards, numbered `N:YYYY` (the year after the colon is
    # not a number of its own: `2022/BXD` is no letter), an amendment of one with its own number first.
    ("- Điều chỉnh công năng\nsử dụng phù hợp với quy định tại Phụ lục H QCVN\n06:2022/BXD và Sửa đổi 1:2023 QCVN\n"
     "06:2022/BXD;",
     [("QCVN\n06:2022/BXD", "full", "Quy chuẩn kỹ thuật quốc gia", "QCVN 06:2022/BXD", None, None),
      ("Sửa đổi 1:2023 QCVN\n06:2022/BXD", "full", "Quy chuẩn kỹ thuật quốc gia", "Sửa đổi 1:2023 QCVN 06:2022/BXD",
       None, None)]),
    ("theo tiêu chuẩn đường ô tô cao tốc TCVN 5729:2012, TCCS 42:2022/TCĐBVN và \nđường chưa đạt tiêu chuẩn",
     [("TCVN 5729:2012", "full", "Tiêu chuẩn", "TCVN 5729:2012", None, None),
      ("TCCS 42:2022/TCĐBVN", "full", "Tiêu chuẩn", "TCCS 42:2022/TCĐBVN", None, None)]),
    # congbao_100: the Government's resolutions under Nghị quyết 66 are numbered with a dot.
    ("Căn cứ Nghị quyết số 66.18/2026/NQ-CP của Chính phủ phân quyền, cắt giảm, đơn giản hóa thủ tục hành chính;",
     [("66.18/2026/NQ-CP", "full", "Nghị quyết", "66.18/2026/NQ-CP", None, "Chính phủ")]),
    # mttqlm_10: a joint resolution of the Standing Committee, the Government and the Front's Presidium
    ("Căn cứ Nghị quyết liên tịch số 102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN, ngày 26 tháng 9 năm 2025 của Ủy ban "
     "Thường vụ Quốc hội, Chính phủ và Đoàn Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam hướng dẫn quy trình "
     "hiệp thương;",
     [("102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN", "full", "Nghị quyết liên tịch",
       "102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN", "2025-09-26", "Ủy ban Thường vụ Quốc hội")]),
    ("- Theo đề nghị của Sở Nội vụ tại Tờ trình số 1494/TTr-SNV ngày 28 tháng 6 năm 2018, Công văn số "
     "2231/SNV-CCHC&PC ngày 28 tháng 9 năm 2018 và Báo cáo thẩm định số 18/BCTĐ-STP ngày 25 tháng 5 năm 2018 "
     "của Sở Tư pháp.",
     [("1494/TTr-SNV", "full", "Tờ trình", "1494/TTr-SNV", "2018-06-28", "Sở Nội vụ"),
      ("2231/SNV-CCHC&PC", "full", "Công văn", "2231/SNV-CCHC&PC", "2018-09-28", "Sở Nội vụ"),
      ("18/BCTĐ-STP", "full", "Báo cáo", "18/BCTĐ-STP", "2018-05-25", "Sở Tư pháp")]),
    ("- Chỉ thị số 30/CT-TW ngày 18/2/1998 của Bộ Chính trị.",
     [("30/CT-TW", "full", "Chỉ thị", "30-CT/TW", "1998-02-18", "Bộ Chính trị")]),
    ("- Căn cứ Nghị quyết số 60/1998/NQ-UBTVQH10 ngày 20 tháng 8 năm 1998 của ủy ban Thường vụ Quốc hội về việc",
     [("60/1998/NQ-UBTVQH10", "full", "Nghị quyết", "60/1998/NQ-UBTVQH10", "1998-08-20", "ủy ban Thường vụ Quốc hội")]),
    ("- Tiếp tục thực hiện Nghị quyết Trung ương 4 khóa XI “Một số vấn đề cấp bách về xây dựng Đảng hiện nay”",
     [("Nghị quyết Trung ương 4 khóa XI", "descriptive", "Nghị quyết", None, None, "Ban Chấp hành Trung ương")]),
    ("- thực hiện tốt 4 quan điểm NQTW 8B - khóa VII, trong đó quan tâm",
     [("NQTW 8B - khóa VII", "descriptive", "Nghị quyết", None, None, "Ban Chấp hành Trung ương")]),
    ("- Định kỳ kiểm tra việc thực hiện Pháp lệnh công chức; Pháp lệnh chống lãng phí; Luật chống tham nhũng "
     "trong đội ngũ cán bộ",
     [("Pháp lệnh công chức", "named", "Pháp lệnh", None, None, None),
      ("Pháp lệnh chống lãng phí", "named", "Pháp lệnh", None, None, None),
      ("Luật chống tham nhũng", "named", "Luật", None, None, None)]),
    ("- Căn cứ Luật Cán bộ, công chức ngày 13 tháng 11 năm 2008;",
     [("Luật Cán bộ, công chức", "named", "Luật", None, "2008-11-13", None)]),
    ("- Cán bộ, đảng viên gương mẫu chấp hành Điều lệ Đảng và pháp luật của Nhà nước.",
     [("Điều lệ Đảng", "named", "Điều lệ", None, None, None)]),
]


@pytest.mark.parametrize("sentence,expected", FORMS, ids=[f[0][:40] for f in FORMS])
def test_forms(sentence, expected):
    refs = analyze_text(sentence).references
    got = [(r.text, r.kind, r.type, r.symbol, r.date, r.issuer) for r in refs]
    assert len(refs) == len(expected), got
    for r, (anchor, kind, type_, symbol, date, issuer) in zip(refs, expected):
        assert r.text == anchor, got
        assert sentence[r.start:r.end] == anchor
        assert (r.kind, r.type, r.symbol, r.date) == (kind, type_, symbol, date), got
        if issuer is None:
            assert r.issuer is None, got
        else:
            assert r.issuer is not None and issuer.lower() in r.issuer.lower(), got


NOT_CITATIONS = [
    "- Lãnh đạo các hoạt động kỷ niệm 84 năm ngày truyền thống công tác Dân vận của Đảng (15/10/1930-15/10/2014)",
    "- Tổ chức sinh hoạt chi bộ chuyên đề về công tác dân vận 1 -2 lần/năm.",
    "- Kế hoạch 5 năm giai đoạn 2016 - 2020 của đơn vị; ĐT: 3829.4535 – 0906.985.699",
    "- Tiếp tục thực hiện quy chế dân chủ ở cơ sở theo quy định của pháp luật.",
    "- Các chi bộ, đảng bộ đăng ký mô hình trong tháng 5/2020 (tháng 6/2020), nhiệm kỳ 2020 - 2025.",
]


@pytest.mark.parametrize("sentence", NOT_CITATIONS)
def test_not_citations(sentence):
    assert analyze_text(sentence).references == []


def test_compound_type_words_are_not_contradictions():
    r = analyze_text("- Thực hiện Thông báo kết luận số 123-TB/TU ngày 5/3/2020 của Ban Thường vụ Tỉnh ủy.")
    assert [(x.type, x.symbol) for x in r.references] == [("Thông báo", "123-TB/TU")]
    assert r.warnings == []


def test_type_symbol_contradiction_is_corrected_with_a_warning():
    r = analyze_text("- thực hiện Kết luận số 43-KH/TW, ngày 07/01/2019 của Ban Bí thư")
    assert [x.symbol for x in r.references] == ["43-KL/TW"]
    assert [w.code for w in r.warnings] == ["type_symbol_mismatch"]


def _doc(text: str):
    return {r.text: r for r in analyze_text(text).references}, analyze_text(text)


RELATIONS = [
    # The `Căn cứ` preamble gives bases; a document described inside another is only mentioned.
    ("KẾ HOẠCH\nThực hiện công tác dân vận năm 2020\n\nCăn cứ Nghị quyết số 02-NQ/ĐUK ngày 19/12/2019 của Ban Chấp "
     "hành Đảng bộ Khối và Kế hoạch số 69-KH/BDVTU ngày 10/3/2020 của Ban Dân vận Tỉnh ủy, Ban Thường vụ xây dựng "
     "kế hoạch như sau:\n\nI. MỤC ĐÍCH\n1. Tiếp tục thực hiện Chỉ thị 08-CT/TU của Thành ủy về lãnh đạo.\n",
     {"02-NQ/ĐUK": "basis", "69-KH/BDVTU": "basis", "08-CT/TU": "applies"}),
    ("CHƯƠNG TRÌNH HÀNH ĐỘNG\n\nThực hiện Nghị quyết Hội nghị lần thứ bảy Ban Chấp hành Trung ương Đảng khóa XI về "
     "“Tăng cường công tác dân vận” (Nghị quyết số 25-NQ/TW ngày 03/6/2013), Ban Chấp hành Đảng bộ ban hành "
     "Chương trình hành động như sau:\n\nI. Mục đích\n1. Thực hiện Quyết định 290-QĐ/TW ngày 25/02/2010 của Bộ "
     "Chính trị.\n",
     {"25-NQ/TW": "implements", "290-QĐ/TW": "applies",
      "Nghị quyết Hội nghị lần thứ bảy Ban Chấp hành Trung ương Đảng khóa XI": "implements"}),
    ("QUYẾT ĐỊNH\n\nCăn cứ Nghị định số 88/2017/NĐ-CP ngày 27 tháng 7 năm 2017 của Chính phủ sửa đổi, bổ sung một "
     "số điều của Nghị định số 56/2015/NĐ-CP ngày 09 tháng 6 năm 2015 của Chính phủ;\nQUYẾT ĐỊNH:\nĐiều 1. Ban "
     "hành kèm theo Quyết định này Quy định.\nĐiều 2. Quyết định này thay thế Quyết định số 72/2004/QĐ-UB ngày "
     "12/8/2004 của UBND tỉnh.\n",
     {"88/2017/NĐ-CP": "basis", "56/2015/NĐ-CP": "mentions", "72/2004/QĐ-UB": "replaces"}),
    ("NGHỊ ĐỊNH\n\nĐiều 1. Nghị định này sửa đổi, bổ sung một số điều của Nghị định số 04/2015/NĐ-CP ngày "
     "09/01/2015 của Chính phủ.\n",
     {"04/2015/NĐ-CP": "amends"}),
]


@pytest.mark.parametrize("text,relations", RELATIONS, ids=["basis", "implements", "amends-replaces", "amends"])
def test_relations(text, relations):
    refs = {" ".join(r.text.split()): r.relation for r in analyze_text(text).references}
    for anchor, relation in relations.items():
        assert refs.get(anchor) == relation, refs


def test_chains_between_cited_documents():
    text = ("I. NHIỆM VỤ\n5. Tiếp tục triển khai Kế hoạch số 92-KH/ĐUK, ngày 28/3/2019 về việc cụ thể hóa Kế hoạch "
            "số 115-KH/TU, ngày 13/3/2019 của Ban Thường vụ Tỉnh ủy Trà Vinh về việc thực hiện Kết luận số 43-KH/TW, "
            "ngày 07/01/2019 của Ban Bí thư về tiếp tục thực hiện Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban "
            "Chấp hành Trung ương Đảng (khóa XI) “về tăng cường”. Kế hoạch số 26-KH/ĐUK về thực hiện chuyên đề.\n")
    r = analyze_text(text)
    assert {(c.source, c.target, c.relation) for c in r.chains} == {
        ("92-KH/ĐUK", "115-KH/TU", "implements"), ("115-KH/TU", "43-KL/TW", "implements"),
        ("43-KL/TW", "25-NQ/TW", "implements")}
    rel = {x.symbol: x.relation for x in r.references}
    assert rel == {"92-KH/ĐUK": "applies", "115-KH/TU": "mentions", "43-KL/TW": "mentions",
                   "25-NQ/TW": "mentions", "26-KH/ĐUK": "applies"}


def test_resolution_of_short_and_descriptive_forms():
    r = analyze_text("- Quán triệt Nghị quyết số 25 của Ban Chấp hành Trung ương khoá XI, Quyết định số 290 của Bộ "
                     "Chính trị, Chỉ thị số 18 của Thủ tướng Chính phủ và Nghị định 79/CP của Chính phủ; Quy định số "
                     "215 ngày 05-12-2013 của Ban Bí thư.")
    assert [x.target for x in r.references] == ["25-NQ/TW", "290-QĐ/TW", "18/2000/CT-TTg", "79/2003/NĐ-CP",
                                                "215-QĐ/TW"]


# Own metadata, traps included.
META = [
    ("002_910c16d3ab6d948d.txt", {"symbol": "754-CT/ĐU", "date": "2013-08-28", "place": "Hà Nội",
                                  "type": "Chương trình hành động", "signer": "Trần Đức Lai"}),  # mail stamp
    ("003_b6014cb1ca44f7c2.txt", {"symbol": None, "date": None, "place": None, "signer": None}),  # web date
    ("004_44757da4a92803ce.txt", {"symbol": None, "date": None, "type": None, "signer": None}),  # news article
    ("web_016.txt", {"symbol": "30/2018/QĐ-UBND", "date": "2018-10-09", "place": "Hải Phòng", "type": "Quyết định"}),
    ("web_012.txt", {"symbol": "7619-CV/BTCTW", "date": "2024-12-30", "type": "Công văn",
                     "signer": "Nguyễn Quang Dương"}),
]


@pytest.mark.parametrize("name,fields", META, ids=[m[0] for m in META])
def test_own_metadata(name, fields):
    doc = analyze_text((CORPUS / name).read_text(encoding="utf-8"), source=name).document
    for key, value in fields.items():
        assert getattr(doc, key) == value, (key, getattr(doc, key))


def test_own_number_is_not_a_citation():
    text = (CORPUS / "web_022.txt").read_text(encoding="utf-8")
    r = analyze_text(text)
    assert r.document.symbol == "63/2006/QĐ-UBND"
    assert all(x.symbol != "63/2006/QĐ-UBND" for x in r.references)


def test_legacy_encoded_run_is_repaired_and_offsets_point_at_the_original():
    text = "- Giáo dục cán bộ, ñaûng vieân thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương."
    r = analyze_text(text)
    [ref] = r.references
    assert text[ref.start:ref.end] == "25-NQ/TW"
    assert any(w.code == "repaired_text" for w in r.warnings)


def test_corpus_seed_numbered_references_match_gold_exactly():
    """The seeds' numbered references, compared with the hand-made gold (corpus/gold/seeds.json)."""
    import json

    gold = json.loads((CORPUS / "gold" / "seeds.json").read_text(encoding="utf-8"))
    for doc in gold["documents"]:
        text = (CORPUS / doc["file"]).read_text(encoding="utf-8")
        found = {(r.start, r.end): r for r in get_references(text)}
        for g in doc["refs"]:
            if g["kind"] not in ("full", "partial"):
                continue
            hits = [r for (s, e), r in found.items() if s < g["end"] and g["start"] < e]
            assert hits, (doc["file"], g["anchor"])


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt"))[:6], ids=lambda p: p.name)
def test_to_json_is_asdict_of_the_result(path):
    """`to_json` builds the records of references, chains and warnings without asdict's copy: the same dicts."""
    from dataclasses import asdict, replace

    result = analyze_text(path.read_text(encoding="utf-8"))
    assert result.references
    # (a value that is not a plain str, int, float, bool or None: asdict's own copy)
    result.references[0] = replace(result.references[0], sentence=type("Sentence", (str,), {})("Căn cứ ..."))
    assert result.to_json() == {"document": asdict(result.document), "text": result.text,
                                "references": [asdict(r) for r in result.references],
                                "chains": [asdict(c) for c in result.chains],
                                "warnings": [asdict(w) for w in result.warnings]}


# A consolidated text (văn bản hợp nhất) as the gazette prints it: the original's header and opening lines, the
# consolidating ministry's certification at the end. Its own number, date, place and issuer are the
# certification's; the original is a document it cites.
CONSOLIDATED = [
    # corpus-real congbao_29.txt, shortened: the number line over the certification
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \nĐộc lập - Tự do - Hạnh phúc \n \nTHÔNG TƯ \nBan hành Danh mục thuốc "
     "đông y \n \nThông tư số 05/2015/TT-BYT ngày 17 tháng 3 năm 2015 của Bộ trưởng Bộ Y \ntế ban hành Danh mục "
     "thuốc đông y, có hiệu lực kể từ ngày 01 \ntháng 5 năm 2015 được sửa đổi, bổ sung bởi: \nThông tư số "
     "50/2017/TT-BYT ngày 29 tháng 12 năm 2017 của Bộ trưởng Bộ \nY tế sửa đổi, bổ sung các quy định, có hiệu lực "
     "kể từ \nngày 01 tháng 3 năm 2018. \nCăn cứ Luật bảo hiểm y tế; \n\nĐiều 1. Ban hành kèm theo Thông tư này "
     "Danh mục thuốc.\nĐiều 2. Thông tư này có hiệu lực kể từ ngày 01 tháng 5 năm 2015./. \n  \nBỘ Y TẾ \n \n"
     "Số: 04/VBHN-BYT \nXÁC THỰC VĂN BẢN HỢP NHẤT \n \n \nHà Nội, ngày 13 tháng 4 năm 2018 \nKT. BỘ TRƯỞNG \n"
     "THỨ TRƯỞNG \n \nPhạm Lê Tuấn \n",
     ("Thông tư", "04/VBHN-BYT", "2018-04-13", "Hà Nội", "bộ y tế"), "05/2015/TT-BYT"),
    # corpus-real congbao_340.txt: the certification between the ministry and the number
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \nĐộc lập - Tự do - Hạnh phúc \n \nNGHỊ ĐỊNH \nQuy định chi tiết \n \n"
     "Nghị định số 181/2025/NĐ-CP ngày 01 tháng 7 năm 2025 của Chính phủ quy định chi tiết, có hiệu lực kể từ "
     "ngày 01 tháng 7 năm 2025, được sửa đổi, bổ sung bởi: \nNghị định số 359/2025/NĐ-CP ngày 31 tháng 12 năm "
     "2025 của Chính phủ. \nCăn cứ Luật Tổ chức Chính phủ; \n\nĐiều 1. Phạm vi điều chỉnh\n3. Các Bộ trưởng chịu "
     "trách nhiệm thi hành \nNghị định này./. \n \n BỘ TÀI CHÍNH \nXÁC THỰC VĂN BẢN HỢP NHẤT \nSố: 03/VBHN-BTC \n"
     "Hà Nội, ngày 12 tháng 02 năm 2026  \n \nKT. BỘ TRƯỞNG \nTHỨ TRƯỞNG \n \nCao Anh Tuấn \n",
     ("Nghị định", "03/VBHN-BTC", "2026-02-12", "Hà Nội", "bộ tài chính"), "181/2025/NĐ-CP"),
]


@pytest.mark.parametrize("text,own,original", [c for c in CONSOLIDATED], ids=["number-over-certification",
                                                                              "certification-over-number"])
def test_a_consolidated_text_is_the_certifying_ministry_s(text, own, original):
    r = analyze_text(text)
    d = r.document
    assert (d.type, d.symbol, d.date, d.place, fold(d.issuer)) == own
    assert d.signer and d.signer.split()[-1] in ("Tuấn",)
    assert original in {x.symbol for x in r.references}
    assert own[1] not in {x.symbol for x in r.references}


# A law's name holds words the name pattern stops at (`tại`, `về`, `theo`): the words up to its number are the
# rest of its name, and the name and the number are one reference (corpus-real Căn cứ lines).
LAW_NAME_TAILS = [
    ("Căn cứ Luật Quản lý và đầu tư vốn nhà nước tại doanh nghiệp số \n68/2025/QH15;\n", "68/2025/QH15"),  # congbao_207
    ("Căn cứ Luật Tương trợ tư pháp về hình sự số 103/2025/QH15;\n", "103/2025/QH15"),  # congbao_226
    ("Căn cứ Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng số \n69/2020/QH14;\n",
     "69/2020/QH14"),  # congbao_271
    ("Căn cứ Luật Đầu tư theo phương thức đối tác công tư số 64/2020/QH14 \nđã được sửa đổi, bổ sung;\n",
     "64/2020/QH14"),  # congbao_72
]


@pytest.mark.parametrize("text,symbol", LAW_NAME_TAILS)
def test_a_law_s_name_runs_to_its_number(text, symbol):
    refs = analyze_text(text).references
    assert [(r.symbol, r.type, r.relation) for r in refs] == [(symbol, "Luật", "basis")]


def test_the_proposer_named_before_a_list_issues_each_item():
    # corpus-real dvhcvn_24.txt: `Xét đề nghị của Chính phủ tại Tờ trình số 361/TTr-CP và Đề án số 362/ĐA-CP`:
    # both are the Government's; the report after the comma names its own issuer.
    text = ("*Xét đề nghị của Chính phủ tại Tờ trình số 361/TTr-CP và Đề án số \n362/ĐA-CP ngày 09 tháng 5 năm 2025, "
            "Báo cáo thẩm tra số \n436/BC-UBPLTP15 ngày 03 tháng 6 năm 2025 của Ủy ban Pháp luật và Tư \npháp,*\n")
    issuers = {r.symbol: r.issuer for r in analyze_text(text).references}
    assert issuers == {"361/TTr-CP": "Chính phủ", "362/ĐA-CP": "Chính phủ",
                       "436/BC-UBPLTP15": "Ủy ban Pháp luật và Tư pháp"}


def test_an_annex_is_not_who_issued_the_document_it_comes_with():
    # corpus-real tvplmd_141.txt: `của Quy định ban hành kèm theo Quyết định số 62/2019/QĐ-UBND ... của Ủy ban nhân
    # dân tỉnh`: the annex is no issuer; the body named after the number is.
    text = ("CỤC THUẾ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n"
            "Số: 5608/CT-CS\nV/v đơn giá thuê đất\nHà Nội, ngày 02 tháng 12 năm 2025\n\nKính gửi: Công ty\n\n"
            "Đề nghị Công ty thực hiện theo Quyết định số 05/2025/QĐ-UBND ngày \n17/01/2025 về việc sửa đổi, bổ sung "
            "một số điều của Quy định ban hành kèm theo \nQuyết định số 62/2019/QĐ-UBND ngày 31 tháng 12 năm 2019 của "
            "Ủy ban nhân dân tỉnh \nvề việc ban hành quy định giá các loại đất.\n")
    issuers = {r.symbol: r.issuer for r in analyze_text(text).references}
    assert issuers["62/2019/QĐ-UBND"] == "Ủy ban nhân dân tỉnh"


def test_a_letter_with_a_ct_code_is_no_directive():
    # corpus-real tvplmd_141.txt: `5608/CT-CS` is the Tax Department's policy division; the page is a letter
    # (`Kính gửi:`), with no `CHỈ THỊ` type line, so a Công văn; a directive keeps its type.
    letter = ("|\n**CỤC THUẾ**\n-------\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n"
              "---------------\n|\n|\nSố: 5608/CT-CS\nV/v đơn giá thuê đất\n|\n*Hà Nội, ngày 02 tháng 12 năm 2025*\n|\n"
              "Kính gửi: Công ty Cổ phần siêu thị Sài Gòn\n\nCục Thuế nhận được công văn của Công ty.\n")
    directive = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh "
                 "phúc\n---------------\nSố: 09/CT-UBND\nQuảng Ngãi, ngày 10 tháng 6 năm 2025\n\nCHỈ THỊ\nVề tăng cường "
                 "công tác phòng cháy\n\nTrong thời gian qua, công tác phòng cháy được quan tâm.\n")
    assert analyze_text(letter).document.type == "Công văn"
    assert analyze_text(directive).document.type == "Chỉ thị"


ISSUER_BEFORE_LISTS = [
    # corpus-real congbao_235.txt: a body's name with commas, `các văn bản:` before the list, `số` before each
    ("Theo đề nghị của Bộ trưởng Bộ Văn hoá, Thể thao và Du lịch tại các văn \nbản: Số 202/TTr-BVHTTDL ngày 11 tháng "
     "5 năm 2026, số 192/TTr-BVHTTDL \nngày 06 tháng 5 năm 2026; của Chủ tịch Ủy ban nhân dân thành \nphố Hà Nội tại "
     "Tờ trình số 82/TTr-UBND ngày 31 tháng 3 năm 2026;\n",
     {"202/TTr-BVHTTDL": "Bộ trưởng Bộ Văn hoá, Thể thao và Du lịch",
      "192/TTr-BVHTTDL": "Bộ trưởng Bộ Văn hoá, Thể thao và Du lịch",
      "82/TTr-UBND": "Chủ tịch Ủy ban nhân dân thành phố Hà Nội"}),
    # seed 000: `của X theo Quyết định số ... của Y`: X owns the rules the decision issued; Y issued it
    ("1.3. Thực hiện nghiêm Quy chế công tác dân vận của Đảng ủy Khối các trường Đại học, Cao đẳng và TCCN theo "
     "Quyết định số 103-QĐ/ĐUK ngày 26 tháng 02 năm 2014 của Ban Thường vụ Đảng ủy Khối.\n",
     {"103-QĐ/ĐUK": "Ban Thường vụ Đảng ủy Khối"}),
    # corpus-real tvplmd_156.txt: what is before `theo` is not the issuer when the text names one after the number
    ("[1] Nội dung cụ thể của TTHC theo Quyết định số 800/QĐ-BDTTG ngày 07/11/2025 của Bộ\nDân tộc và Tôn giáo về "
     "việc công bố thủ tục hành chính nội bộ.\n", {"800/QĐ-BDTTG": "Bộ Dân tộc và Tôn giáo"}),
    # corpus-real congbao_114.txt: `của X và quy định tại Nghị định số ...`: X's functions and what the decree
    # provides; the decree's issuer is the one after it
    ("3. Đối với Ban Biên tập Truyền hình Đa phương tiện, Tổng Giám đốc Đài \nTruyền hình Việt Nam căn cứ chức năng, "
     "nhiệm vụ, cơ cấu tổ chức của Ban Biên \ntập Truyền hình Đa phương tiện và quy định tại Nghị định số 51/2016/NĐ-CP "
     "ngày \n13 tháng 6 năm 2016 của Chính phủ.\n", {"51/2016/NĐ-CP": "Chính phủ"}),
    # corpus-real tvplmd_248.txt (and tvplmd_44, 74, 290, 308): `các Nghị định của Chính\nphủ:`, a list head
    # whose issuer, wrapped, is every item's
    ("*Căn cứ các Nghị định của Chính\nphủ: số 63/2010/NĐ-CP ngày 08/6/2010 về kiểm soát thủ tục hành chính; số\n"
     "48/2013/NĐ-CP ngày 14/5/2013 và số 92/2017/NĐ-CP ngày 07/8/2017 sửa đổi, bổ\nsung một số điều của các Nghị "
     "định liên quan đến kiểm soát thủ tục hành chính;*\n",
     {"63/2010/NĐ-CP": "Chính phủ", "48/2013/NĐ-CP": "Chính phủ", "92/2017/NĐ-CP": "Chính phủ"}),
]


@pytest.mark.parametrize("text,issuers", ISSUER_BEFORE_LISTS)
def test_the_proposer_before_a_list_of_numbers(text, issuers):
    assert {r.symbol: r.issuer for r in analyze_text(text).references} == issuers


TITLE_DATES_ISSUERS = [
    # corpus-real tvplmd_128.txt: a title in capitals dates and names the document it repeals
    ("THÔNG TƯ\nBÃI BỎ THÔNG TƯ SỐ 31/2015/TT-BYT NGÀY 14 THÁNG 10 NĂM 2015\nCỦA BỘ TRƯỞNG BỘ Y TẾ QUY ĐỊNH VIỆC ÁP "
     "DỤNG CHẾ ĐỘ BỒI DƯỠNG\n", "31/2015/TT-BYT", "2015-10-14", "BỘ TRƯỞNG BỘ Y TẾ"),
    # corpus-real tvplmd_19.txt: a gazette capitalizes the cited decree's subject
    ("Căn cứ Nghị định số 136/2025/NĐ-CP ngày 12/6/2025 của Chính phủ Quy định phân quyền, phân cấp;\n",
     "136/2025/NĐ-CP", "2025-06-12", "Chính phủ"),
    # ... but a body's name keeps its capitalized words: `Bộ Xây dựng`, `Ban Chỉ đạo`
    ("Căn cứ Thông tư số 09/2013/TT-BXD ngày 01 tháng 7 năm 2013 của Bộ Xây dựng hướng dẫn thực hiện;\n",
     "09/2013/TT-BXD", "2013-07-01", "Bộ Xây dựng"),
]


@pytest.mark.parametrize("text,symbol,date,issuer", TITLE_DATES_ISSUERS)
def test_dates_and_issuers_in_capitals_and_capitalized_subjects(text, symbol, date, issuer):
    ref = next(r for r in analyze_text(text).references if r.symbol == symbol)
    assert (ref.date, ref.issuer) == (date, issuer)


@pytest.mark.parametrize("sentence,symbol", [
    # tvplmd_109: a national standard taken from ISO, its year left out
    ("20. Áp dụng hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001 tại cơ quan.", "TCVN ISO 9001"),
    # congbao_180: the year after a dash, the issuer after it
    ("1. Quy chuẩn kỹ thuật quốc gia về an toàn lao động nồi hơi và bình chịu áp lực số hiệu QCVN:01-2008/BLĐTBXH "
     "ban hành kèm theo Quyết định số 64/2008/QĐ-BLĐTBXH", "QCVN 01:2008/BLĐTBXH"),
    # congbao_355: a company standard whose year follows a slash (read before as a telegram `02/2016/CĐ-UB`)
    ("75 Máy xúc đá 8429 51 00 TCCS 02/2016/CĐUB. Năng suất máy đến 1,25m3/phút.", "TCCS 02:2016/CĐUB"),
    # congbao_267 (round 17): the parts of a standard listed
    ("- TCVN 8838-1,2,3:2011", "TCVN 8838-1,2,3:2011"),
])
def test_standards_as_gazettes_print_them(sentence, symbol):
    refs = analyze_text(sentence).references
    assert [r.symbol for r in refs][:1] == [symbol]
    assert refs[0].type in ("Quy chuẩn kỹ thuật quốc gia", "Tiêu chuẩn")


@pytest.mark.parametrize("text,issuer", [
    # congbao_136: a form's header in capitals under the line that cites the act issuing it
    ("Mẫu số 0622: Ban hành kèm theo Thông tư số 15/2023/TT-BLĐTBXH ngày 29  tháng 12 \nnăm 2023 của Bộ trưởng Bộ Lao "
     "động - Thương binh và Xã hội \nỦY BAN NHÂN DÂN TỈNH/THÀNH PHỐ… \nSỞ LAO ĐỘNG - THƯƠNG BINH \nVÀ XÃ HỘI \n",
     "Bộ trưởng Bộ Lao động - Thương binh và Xã hội"),
    # tvplmd_159: a company's name goes on after a line break with its abbreviations in capitals
    ("*\nTrả lời công văn số\n11001/XNK-SSVN2 ngày 04/11/2025 của Công ty\nTNHH MTV Seshin VN2 về vướng mắc thủ tục hải "
     "quan.", "Công ty TNHH MTV Seshin VN2"),
])
def test_an_issuer_ends_before_a_header_in_capitals_below(text, issuer):
    head = "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nSố: 3305/VBHN-BLĐTBXH\nHà Nội, ngày 25 tháng 7 năm 2024\nTHÔNG TƯ\n"
    refs = analyze_text(head + "Điều 1. ...\n" + text).references
    assert refs and refs[0].issuer == issuer



def test_a_list_s_head_gives_its_items_their_type_and_issuer_and_an_old_state_symbol_is_kept():
    # tvplmd_81 (round 23; the only file with either): `các Nghị quyết của Quốc hội: số ...; số ...` and `Thông tư số
    # 89-TC/TCT`, the Ministry of Finance's old style (TC its code, no communiqué's)
    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 5721/QĐ-UBND\nHà Nội, ngày 19 tháng 11 năm 2025\nQUYẾT ĐỊNH\n...\n"
            "*Căn cứ các Nghị quyết của\nQuốc hội: số 55/2010/QH12 ngày 24/11/2010 về miễn, giảm thuế sử dụng đất nông\n"
            "nghiệp; số 28/2016/QH14 ngày 11/11/2016 về sửa đổi, bổ sung một số điều của\nNghị quyết số 55/2010/QH12 về "
            "miễn, giảm thuế sử dụng đất nông nghiệp; số 107/2020/QH14 ngày 10/6/2020 về\nkéo dài thời hạn miễn thuế sử "
            "dụng đất nông nghiệp;*\n*Căn cứ Thông tư số 89-TC/TCT\nngày 09/11/1993 của Bộ Tài chính hướng dẫn thi hành "
            "Nghị định số 74/CP;*\n\nQUYẾT ĐỊNH:\nĐiều 1. ...\n")
    refs = {}
    for r in analyze_text(text).references:
        refs.setdefault(r.symbol, r)  # each list item, not 55/2010 named again inside 28/2016's subject
    for symbol in ("55/2010/QH12", "28/2016/QH14", "107/2020/QH14"):
        assert (refs[symbol].type, refs[symbol].issuer) == ("Nghị quyết", "Quốc hội")
    assert "89-TC/TCT" in refs and refs["89-TC/TCT"].type == "Thông tư"



@pytest.mark.parametrize("sentence,symbol,date", [
    # tvplmd_72 (round 26; the only file with it): a tax office's unit numbered in digits after a dot
    ("Cục Thuế nhận được công văn số 4814/CCTKV.05-TTKT3 ngày 30/6/2025 của Chi Cục Thuế Khu vực V.",
     "4814/CCTKV.05-TTKT3", "2025-06-30"),
    # tvplmd_205: a tax office's unit numbered in Roman after a dot
    ("Cục Thuế nhận được công văn số 838/CCTKV.XII-NVDTPC.HUE ngày 10/10/2025 của Chi cục Thuế khu vực XII.",
     "838/CCTKV.XII-NVDTPC.HUE", "2025-10-10"),
    # congbao_315 (annotated; dvhcvn_16 too): the date glued to the issuer's code by a gazette's text layer
    ("Căn cứ Thông tư số 152/2025/TT-\nBTCngày 31 tháng 12 năm 2025 của Bộ trưởng Bộ Tài chính;", "152/2025/TT-BTC",
     "2025-12-31"),
])
def test_symbols_as_letters_and_gazettes_run_them(sentence, symbol, date):
    refs = analyze_text("Điều 1. ...\n" + sentence).references
    assert [(r.symbol, r.date) for r in refs][:1] == [(symbol, date)]


def test_a_unit_s_number_after_a_lower_case_letter_of_its_code():
    # tvplmd_1 (round 25; the only file with it): `324/QTR-KTr2`
    refs = analyze_text("Điều 1. ...\nCục Thuế nhận được công văn số 324/QTR-KTr2 ngày 22/7/2025 của Thuế tỉnh Quảng "
                        "Trị.").references
    assert [(r.symbol, r.date) for r in refs] == [("324/QTR-KTr2", "2025-07-22")]



def test_a_list_head_s_issuer_for_items_that_repeat_its_type_word():
    # tvplmd_35: `Căn cứ các Nghị định của\nChính phủ: Nghị định số 88/2024/NĐ-CP ...; Nghị định số 102/2024/NĐ-CP ...`,
    # the amending decree inside an item's subject not an item
    text = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\nSố: 78/2025/QĐ-UBND\nQuảng Ninh, ngày 20 tháng 11 năm 2025\nQUYẾT ĐỊNH\n"
            "...\n*Căn cứ các Nghị định của\nChính phủ: Nghị định số 88/2024/NĐ-CP quy định về bồi thường, hỗ trợ, tái "
            "định\ncư khi Nhà nước thu hồi đất được sửa đổi, bổ sung bởi Nghị định số\n226/2025/NĐ-CP; Nghị định số "
            "102/2024/NĐ-CP quy định chi tiết thi hành một số điều\ncủa Luật Đất đai;*\n\nQUYẾT ĐỊNH:\nĐiều 1. ...\n")
    issuers = {r.symbol: r.issuer for r in analyze_text(text).references}
    assert issuers["88/2024/NĐ-CP"] == issuers["102/2024/NĐ-CP"] == "Chính phủ"
