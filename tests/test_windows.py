"""Real documents as researchers get them: markdown markup, page furniture, portal chrome, form numbers,
several documents in one file (pipeline/markup.py, pipeline/windows.py, extract_documents).

Lines are taken from corpus-real (portal pages converted to markdown, gazette text layers); the two
fixtures in tests/fixtures/real are a whole portal page and two real gazette documents put in one file.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import patterns as P
from pipeline.completeness import completeness, states
from pipeline.document import analyze_document as extract_document
from pipeline.document import analyze_documents
from pipeline.extract import extract_documents
from pipeline.markup import looks_like_markdown, neutralize_markup
from pipeline.windows import document_windows, page_furniture, prepare_text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "real"

# Headers as three converters write them, each with what a clean .txt header states.
HEADERS = [
    # an HTML table flattened into lines with lone pipes, italic date wrapped over two lines
    ("|\n**ỦY BAN NHÂN DÂN**\nTỈNH NGHỆ AN\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\n"
     "Độc lập - Tự do - Hạnh phúc\n---------------\n|\n|\nSố: 1026/KH-UBND\n|\n*Nghệ An, ngày 26\n"
     "tháng 11 năm 2025*\n|\n\n* *\n\n**KẾ HOẠCH**\n\nTRIỂN KHAI THỰC HIỆN\nCHỈ THỊ SỐ 32/CT-TTG NGÀY "
     "21/10/2025 CỦA THỦ TƯỚNG CHÍNH PHỦ\n\nThực hiện Chỉ thị số 32/CT-TTg ngày 21/10/2025 của\nThủ tướng "
     "Chính phủ, UBND tỉnh ban hành Kế hoạch triển khai thực hiện trên địa bàn tỉnh\nNghệ An như sau:\n\n"
     "**I. MỤC ĐÍCH, YÊU CẦU**\n\n**1.** Tiếp tục đẩy mạnh công tác tuyên truyền.\n\n|\n**KT. CHỦ TỊCH**\n"
     "PHÓ CHỦ TỊCH\n**Bùi Thanh\nAn**\n",
     {"symbol": "1026/KH-UBND", "date": "2025-11-26", "place": "Nghệ An",
      "issuer": "Ủy ban nhân dân tỉnh Nghệ An", "signer": "Bùi Thanh An"}),
    # a GitHub pipe table, the whole signature block in one cell
    ("| BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI -------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
     "Hạnh phúc --------------- |\n|---|---|\n| Số: 836/VBHN-BLĐTBXH | Hà Nội, ngày 05 tháng 3 năm 2024 |\n\n"
     "THÔNG TƯ\n\nHƯỚNG DẪN THỰC HIỆN QUYẾT ĐỊNH SỐ 170/2008/QĐ-TTG\n\nThông tư này có hiệu lực thi hành.\n\n"
     "| Nơi nhận: - VPCP (để đăng công báo); - Lưu: VT, Cục NCC. | XÁC THỰC VĂN BẢN HỢP NHẤT KT. BỘ TRƯỞNG "
     "THỨ TRƯỞNG Nguyễn Bá Hoan |\n|---|---|\n",
     {"symbol": "836/VBHN-BLĐTBXH", "date": "2024-03-05", "place": "Hà Nội",
      "issuer": "Bộ Lao động - Thương binh và Xã hội", "signer": "Nguyễn Bá Hoan"}),
    # pandoc's simple table (the two columns side by side) with backslash line breaks and escapes
    ("  ----------------------- -----------------------------------------------\n"
     "    **ỦY BAN THƯỜNG VỤ\\        **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\\n"
     "         QUỐC HỘI\\                 Độc lập - Tự do - Hạnh phúc\\\n"
     "     \\-\\-\\-\\-\\-\\-\\--**            \\-\\-\\-\\-\\-\\-\\-\\-\\-\\-\\-\\-\\-\\--**\n\n"
     "   Số: 1654/NQ-UBTVQH15         *Hà Nội, ngày 16 tháng 6 năm 2025*\n"
     "  ----------------------- -----------------------------------------------\n\n** **\n\n**NGHỊ QUYẾT**\n\n"
     "VỀ VIỆC SẮP XẾP CÁC ĐƠN VỊ HÀNH CHÍNH CẤP XÃ CỦA TỈNH AN GIANG NĂM 2025\n\n"
     "**ỦY BAN THƯỜNG VỤ QUỐC HỘI**\n\n*Căn cứ* *Luật Tổ chức chính quyền địa phương số 72/2025/QH15;*\n\n"
     "**QUYẾT NGHỊ:**\n\n**Điều 1.** Sắp xếp.\n\n"
     "| *** ***                      | **TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\\      |\n"
     "|                              | CHỦ TỊCH\\                             |\n"
     "| ***Nơi nhận:\\***             | \\                                     |\n"
     "| - Chính phủ;\\                | Trần Thanh Mẫn**                      |\n",
     {"symbol": "1654/NQ-UBTVQH15", "date": "2025-06-16", "place": "Hà Nội",
      "issuer": "Ủy ban Thường vụ Quốc hội", "signer": "Trần Thanh Mẫn"}),
]


def _fold(s):
    return None if s is None else " ".join(s.casefold().split())


@pytest.mark.parametrize("text,expected", HEADERS, ids=["flattened-html", "pipe-table", "pandoc"])
def test_markdown_header_is_read_as_in_a_clean_txt(text, expected):
    assert looks_like_markdown(text)
    plain = neutralize_markup(text)
    assert len(plain) == len(text)  # offsets carry over unchanged
    assert "**" not in plain and "\\" not in plain
    doc = extract_documents(text, source="x.md")[0].document
    for field, value in expected.items():
        got = getattr(doc, field)
        if field == "issuer":
            assert got is not None and _fold(value) in _fold(got) or _fold(got) in _fold(value), (field, got)
        else:
            assert got == value, (field, got)


def test_plain_gazette_text_is_not_markdown():
    text = (FIXTURES / "gazette_two_documents.txt").read_text(encoding="utf-8")
    assert not looks_like_markdown(text)


# --------------------------------------------------------------------------- page furniture

RUNNING_HEADS = [
    "CÔNG BÁO/Số 277/Ngày 16-05-2026 \n52 \n",
    "CÔNG BÁO/Số 1523 + 1524/Ngày 29-12-2024 \n",
    "     63\nCÔNG BÁO/ Số 1059 + 1060/Ngày 25-9-2024 \n",
    "70 \nÔNG BÁO/Số 1239 + 1240/Ngày 10-11-2024 \n",  # a text layer dropped the head's first letter
    "CÔNG BÁO/Số 302/Ngày 02-06-2026 \r\n70\r\n",  # Windows line ends
]


@pytest.mark.parametrize("head", RUNNING_HEADS)
def test_running_heads_give_no_reference(head):
    body = ("Căn cứ Kết luận số 213-KL/TW ngày 2{n} tháng 11 \n{head}năm 2025 của Ban Bí thư về tiếp tục thực "
            "hiện Chỉ thị số 42-CT/TW;\n{n}. Tổ chức thực hiện.\n")
    text = "".join(body.format(head=head, n=n) for n in range(3))
    refs = extract_documents(text)[0].references
    assert {r.symbol for r in refs if r.kind == "full"} == {"213-KL/TW", "42-CT/TW"}
    # the head between `tháng 11` and `năm 2025` does not cut the citation's date
    assert [r.date for r in refs if r.symbol == "213-KL/TW"] == ["2025-11-20", "2025-11-21", "2025-11-22"]


@pytest.mark.parametrize("head", RUNNING_HEADS)
def test_running_heads_and_their_numbers_are_furniture_from_the_first_line_on(head):
    # the head (and the number beside it) at the text's first line, then after a page's text
    text = head.replace("\r\n", "\n") + "Điều 1. Phạm vi điều chỉnh\n" + head.replace("\r\n", "\n")
    spans = [text[s:e].strip() for s, e in page_furniture(text)]
    lines = [line.strip() for line in head.replace("\r\n", "\n").split("\n") if line.strip()]
    assert spans == lines + lines
    assert all(P.RUNNING_HEAD_WORD_RE.search(m.group()) for m in P.RUNNING_HEAD_RE.finditer(text))


def test_a_line_repeated_next_to_page_numbers_is_a_running_head_whatever_its_wording():
    page = "Tập hệ thống hóa VBQPPL còn hiệu lực \n{n}\nĐiều {n}. Nội dung theo Nghị định số 12/2020/NĐ-CP.\n"
    text = "".join(page.format(n=n) for n in range(61, 65))
    spans = page_furniture(text)
    heads = [text[s:e] for s, e in spans]
    assert heads.count("Tập hệ thống hóa VBQPPL còn hiệu lực ") == 4
    assert not any("Nghị định" in h for h in heads)


TABLE_CELLS = [
    # congbao_205: a tariff table's column heads beside its year columns, repeated on every page.
    ("Mã hàng \nMô tả hàng hóa \nThuế suất CEPA (%) \n2026 \n2027 \n  \nChương 1 \n", "Thuế suất CEPA (%) "),
    # congbao_79: a symbol wrapped in a cell (`số 12-` / `CTr/BCĐ`) above the next row's number.
    ("Tháng \n5/2026 \nChương \ntrình số 12-\nCTr/BCĐ \n6  \nRà soát, thể chế hóa các quy định \n", "CTr/BCĐ "),
    # congbao_79: the basis cell's type word beside the time cell's year.
    ("chí  \n2026 \nNghị quyết \nsố 66-\nNQ/TW \n \n7  \nNghiên cứu, đề xuất \n", "Nghị quyết "),
]


@pytest.mark.parametrize("row,cell", TABLE_CELLS)
def test_table_cells_beside_numbers_are_not_running_heads(row, cell):
    text = "".join(row for _ in range(4))
    assert cell not in [text[s:e] for s, e in page_furniture(text)]


FORMS = [
    "a) Văn bản đề nghị theo mẫu số 01/MGTH ban hành kèm theo Thông tư này;",
    "b) Biên bản xác định mức độ theo mẫu số \n02/MGTH ban hành kèm theo Thông tư này;",
    "a) Thay thế Mẫu số 02/TNDN ban hành kèm theo Thông tư số 80/2021/TT-BTC;",
    "Mẫu số: 05/TNDN \n(Ban hành kèm theo Thông tư số 80/2021/TT-BTC)",
    "Tờ khai đăng ký thuế theo mẫu số 09-MST ban hành kèm theo Thông tư này.",
    "Báo cáo theo Mẫu số 01/BCĐBQH-MT kèm theo Hướng dẫn này.",
]


@pytest.mark.parametrize("line", FORMS)
def test_form_numbers_are_not_citations(line):
    header = ("BỘ TÀI CHÍNH \nSố: 21/2026/TT-BTC \nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \n"
              "Hà Nội, ngày 17 tháng 3 năm 2026 \nTHÔNG TƯ \nSửa đổi một số điều \nĐiều 1. Sửa đổi \n")
    symbols = {r.symbol for r in extract_documents(header + line)[0].references}
    assert not symbols & {"01/MGTH", "02/MGTH", "02/TNDN", "05/TNDN", "09-MST", "01/BCĐBQH-MT"}
    if "80/2021/TT-BTC" in line:
        assert "80/2021/TT-BTC" in symbols  # the document the form belongs to still is one


# --------------------------------------------------------------------------- windows, end to end


def test_portal_page_only_the_document_gives_references_and_metadata():
    path = FIXTURES / "portal_page.md"
    text = path.read_text(encoding="utf-8")
    result = extract_document(path)
    s, e = result.document.window
    assert text[s:e].lstrip(" |*\n").startswith("VĂN PHÒNG CHÍNH PHỦ")
    assert "Mạnh Cường" in text[e - 40:e] and "Văn bản liên quan" not in text[s:e]
    symbols = {r.symbol for r in result.references}
    assert "13/2023/NĐ-CP" not in symbols  # the portal's personal-data notice
    assert not any("thông báo" in (r.text or "").casefold() for r in result.references)
    assert {"4387/TB-VPQH", "66/2013/QH13", "63/2022/QH15", "1052/BC-CP"} <= symbols
    assert all(s <= r.start and r.end <= e for r in result.references)
    for r in result.references:  # offsets index the text the reader returned
        assert result.text[r.start:r.end] == r.text
    d = result.document
    assert (d.symbol, d.date, d.place, d.signer) == ("11583/VPCP-CN", "2025-11-26", "Hà Nội", "Phạm Mạnh Cường")
    assert _fold(d.issuer) == "văn phòng chính phủ"


def test_a_file_with_two_documents_gives_two_results():
    path = FIXTURES / "gazette_two_documents.txt"
    text = path.read_text(encoding="utf-8")
    results = extract_documents(text, source=str(path), doc_id="issue")
    assert [r.document.id for r in results] == ["issue#1", "issue#2"]
    assert [r.document.symbol for r in results] == ["07/2026/TT-BNV", "21/CT-TTg"]
    assert [r.document.date for r in results] == ["2026-05-05", "2026-05-20"]
    assert [r.document.signer for r in results] == ["Nguyễn Mạnh Khương", "Phạm Thị Thanh Trà"]
    assert results[0].document.window[1] == results[1].document.window[0]
    for r in results:
        s, e = r.document.window
        assert r.text == text and all(s <= x.start and x.end <= e for x in r.references)
        assert not any("Ng" in (x.symbol or "") for x in r.references)  # no running head
    second = {x.symbol: x.relation for x in results[1].references}
    assert second.get("34-KL/TW") in ("implements", "basis", "applies", "mentions")
    assert "21/CT-TTg" not in {x.symbol for x in results[0].references}


def test_an_annex_with_its_own_form_header_stays_with_its_document():
    # A decree's annex holds a form with the motto and dotted blanks (corpus-real congbao_2.txt).
    doc = ("CHÍNH PHỦ \n \nSố: 158/2025/NĐ-CP \nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \nĐộc lập - Tự do - Hạnh phúc \n"
           " \nHà Nội, ngày 25 tháng 6 năm 2025 \n \n NGHỊ ĐỊNH \nQuy định chi tiết \n \n"
           "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025; \nĐiều 1. Phạm vi \n"
           "TM. CHÍNH PHỦ \nKT. THỦ TƯỚNG \nPHÓ THỦ TƯỚNG \n \nĐào Ngọc Dung \n \n"
           "Phụ lục II \nDANH MỤC BIỂU MẪU \n(Kèm theo Nghị định số 158/2025/NĐ-CP \n"
           "ngày 25 tháng 6 năm 2025 của Chính phủ) \n \nMẫu số 01 (Dành cho người lao động) \n \n"
           "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \nĐộc lập - Tự do - Hạnh phúc \n \nĐƠN ĐỀ NGHỊ XÁC NHẬN \n"
           "Kính gửi: Cục Quản lý lao động ngoài nước. \nTên tôi là.......... \n"
           "Căn cứ Nghị định số 157/2020/NĐ-CP ngày 31 tháng 12 năm 2020 của Chính phủ; \n")
    windows = document_windows(prepare_text(doc))
    assert len(windows) == 1 and windows[0].end == len(doc)
    result = extract_documents(doc)[0]
    assert result.document.symbol == "158/2025/NĐ-CP"
    assert "157/2020/NĐ-CP" in {r.symbol for r in result.references}


def test_completeness_counts_what_documents_state():
    path = FIXTURES / "portal_page.md"
    text = path.read_text(encoding="utf-8")
    assert states(text[858:2513]) == {"symbol": True, "date": True, "place": True, "issuer": True, "signer": True}
    report = completeness([extract_document(path)])
    assert report.documents == 1 and report.prefix_documents == {"portal": 1}
    assert all(report.fields[f].stated == report.fields[f].found == 1 for f in report.fields)
    assert report.unextracted == 0 and report.symbol_shaped >= 5


def test_ingest_lists_the_documents_of_a_file_under_it(tmp_path):
    import json
    import shutil

    import pandas as pd

    from pipeline.ingest import ingest

    corpus = tmp_path / "in"
    corpus.mkdir()
    shutil.copy(FIXTURES / "gazette_two_documents.txt", corpus / "congbao_issue.txt")
    shutil.copy(FIXTURES / "portal_page.md", corpus / "portal_page.md")
    out = tmp_path / "build"
    summary = ingest([corpus], out, workers=1)
    assert summary.documents == 3 and not summary.failed
    docs = pd.read_parquet(out / "documents.parquet")
    issue = docs[docs["source"].str.endswith("congbao_issue.txt")]
    assert [i.rsplit("#", 1)[1] for i in issue["id"]] == ["1", "2"]
    assert list(issue["symbol"]) == ["07/2026/TT-BNV", "21/CT-TTg"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entry = next(x for x in manifest["inputs"] if x["path"].endswith("congbao_issue.txt"))
    assert entry["documents"] == list(issue["id"]) and all((out / "docs" / f"{d}.json").is_file() for d in entry["documents"])
    refs = pd.read_parquet(out / "references.parquet")
    assert set(refs["document"]) <= set(docs["id"])
    assert not refs["text"].str.contains("Ng", regex=False).any() or not refs["symbol"].fillna("").str.contains("/Ng").any()
    assert "13/2023/NĐ-CP" not in set(refs["symbol"].dropna())
    again = ingest([corpus], out, workers=1)  # unchanged files: answered from the index, same documents
    assert again.documents == 3 and all(o.cached for o in again.outcomes)
    assert next(o for o in again.outcomes if o.path.endswith("congbao_issue.txt")).documents == entry["documents"]
    (out / ".index.json").unlink()  # no index: the documents' results on disk are recognized by content
    third = ingest([corpus], out, workers=1)
    assert third.documents == 3 and all(o.cached for o in third.outcomes)


ISSUER_COLUMNS = [
    # corpus-real mttqlm_3.txt: an unsigned draft's number line is part of the header block
    ("ỦY BAN MTTQ VIỆT NAM\n\nXÃ LƯƠNG MINH\n\nBAN THƯỜNG TRỰC\n\n\n\nSố:    /KH-MTTQ-BTT\n\n"
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n   Độc lập - Tự do - Hạnh phúc\n\n\n"
     "Lương Minh, ngày 25 tháng 11 năm 2025\n\n\n\nKẾ HOẠCH\n\nTổ chức hội nghị hiệp thương\n\n"
     "Căn cứ Luật Bầu cử đại biểu Quốc hội số 85/2015/QH13;\n", "ủy ban mttq việt nam"),
    # corpus-real tvplmd_136.txt: a table row with no leading pipe
    ("CHÍNH PHỦ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc--------------- |\n"
     "Số: 158/2025/NĐ-CP |\n|\n\n**NGHỊ ĐỊNH**\n\n**Quy định chi tiết**\n\n"
     "*Căn cứ **Luật Tổ chức Chính phủ** ngày 18 tháng 02 năm 2025;*\n", "chính phủ"),
]


@pytest.mark.parametrize("text,issuer", ISSUER_COLUMNS)
def test_the_header_issuer_column_is_inside_the_window(text, issuer):
    doc = extract_documents(text)[0].document
    assert _fold(doc.issuer) == issuer


# Where a portal page's document ends, with what it cites and who signed it.
WINDOW_ENDS = [
    # corpus-real tvplmd_182.txt: no title line, the portal's related list right after the signature: a page
    # section after the signature ends the document
    ("**Tình trạng:**\n|\nĐã biết\n|\n|\nBỘ TÀI CHÍNH\n**CỤC HẢI QUAN**\n--------\n|\n"
     "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n---------------\n|\n|\n"
     "Số: 3799/CHQ-GSQL\n*V/v khai bổ sung*\n|\n*Hà\nNội, ngày 25 tháng 11 năm 2025*\n|\n**Kính\ngửi: **Tổng Công ty\n"
     "Phân bón và Hóa chất Dầu khí - CTCP.\n\nThực hiện Thông tư số 38/2015/TT-BTC.\n\n"
     "*Nơi nhận:*\n- Như trên;\n|\n**KT. TRƯỞNG BAN GIÁM SÁT QUẢN LÝ VỀ HQ **\nPHÓ TRƯỞNG BAN\n"
     "**Âu Anh Tuấn**\n|\n## Văn bản liên quan\nBan hành:\n19/11/2025\nQuyết định 2666/QĐ-UBND năm 2025\n",
     "## Văn bản liên quan", {"38/2015/TT-BTC"}, set(), "Âu Anh Tuấn"),
    # corpus-real tvplmd_19.txt, shortened: the chairman's enacting line over `Căn cứ` is not the signature
    # (the window used to end at the `# QUYẾT ĐỊNH` heading under it), and the annex's own markdown
    # headings (`# PHỤ LỤC`, `# 11.`) stay in the document up to the portal's title line.
    ("**Tình trạng:**\n|\nĐã biết\n|\n|\n**ỦY BAN NHÂN DÂN\n**\nTỈNH QUẢNG TRỊ\n-------\n|\n**CỘNG HÒA XÃ HỘI\n"
     "CHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n---------------\n|\n|\nSố: 2702/QĐ-UBND\n|\n"
     "*Quảng Trị, ngày\n18 tháng 11 năm 2025*\n|\n"
     "**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ**\n*Căn cứ Luật Tổ chức chính quyền địa phương ngày\n"
     "16/6/2025;*\n# QUYẾT ĐỊNH:\n**Điều 1.** Công bố kèm theo Quyết định này thủ tục hành chính nội bộ.\n"
     "**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký./.\n#\n|\n|\n**KT. CHỦ TỊCH **\nPHÓ CHỦ TỊCH\n"
     "Hoàng Nam\n|\n#\n# PHỤ LỤC\nTHỦ TỤC HÀNH CHÍNH\n*(Kèm theo Quyết định số 2702/QĐ-UBND ngày 18/11/2025)*\n"
     "# 11.\nCăn cứ pháp lý của thủ tục hành chính:\n- Luật Đo đạc và bản đồ năm 2018;\n"
     "- Nghị định số 136/2025/NĐ-CP ngày 12/6/2025 của\nChính phủ Quy định phân quyền.\n** **\n"
     "Quyết định 2702/QĐ-UBND năm 2025 công bố thủ tục hành chính nội bộ lĩnh vực Đo đạc\n"
     "## Văn bản liên quan\nNghị định 100/2024/NĐ-CP\n",
     "Quyết định 2702/QĐ-UBND năm 2025", {"136/2025/NĐ-CP"},
     {"Luật Tổ chức chính quyền địa phương", "Luật Đo đạc và bản đồ năm 2018"}, "Hoàng Nam"),
]


@pytest.mark.parametrize("page,end,symbols,named,signer", WINDOW_ENDS, ids=["page-section", "enacting-line-and-annex"])
def test_where_a_portal_page_s_document_ends(page, end, symbols, named, signer):
    result = extract_documents(page, source="page.md")[0]
    s, e = result.document.window
    assert page[e:].startswith(end)
    assert {r.symbol for r in result.references if r.symbol} == symbols
    assert {r.text for r in result.references if not r.symbol} == named
    assert result.document.signer == signer


# A gazette page's text layer may print the document's title, its preamble and even its first articles
# before its header (corpus-real congbao_62.txt, shortened; congbao_334 and the consolidated congbao_96 and
# congbao_346 likewise): the document starts at its type line, and its number, date and place are the header's.
LATE_HEADER = (
    "CÔNG BÁO/Số 245/Ngày 23-04-2026 \n2\n \n \nNGHỊ ĐỊNH \nQuy định cơ chế, chính sách ưu đãi, ưu tiên cho đơn vị "
    "điều độ  \nhệ thống điện quốc gia và đơn vị điều hành giao dịch thị trường điện \n \nCăn cứ Luật Tổ chức Chính "
    "phủ số 63/2025/QH15;  \nCăn cứ Luật Điện lực số 61/2024/QH15 được sửa đổi, bổ sung bởi Luật \nsố 94/2025/QH15, "
    "Luật số 116/2025/QH15 và Luật số 135/2025/QH15; \nTheo đề nghị của Bộ trưởng Bộ Công Thương; \nChính phủ ban "
    "hành Nghị định quy định cơ chế, chính sách ưu đãi. \n \nChương I \nQUY ĐỊNH CHUNG \n \nĐiều 1. Phạm vi điều "
    "chỉnh \nNghị định này quy định về các cơ chế, chính sách. \nCHÍNH PHỦ \n_________ \n \nSố: 135/2026/NĐ-CP \n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \nĐộc lập - Tự do - Hạnh phúc \n_______________________________________ \n"
    "Hà Nội, ngày 07 tháng 4 năm 2026 \n\nĐiều 3. Giải thích từ ngữ \nTrong Nghị định này, các từ ngữ dưới đây được "
    "hiểu như sau. \n\nTM. CHÍNH PHỦ \nKT. THỦ TƯỚNG \nPHÓ THỦ TƯỚNG \n\nBùi Thanh Sơn \n"
)


def test_a_header_printed_after_the_preamble():
    result = extract_documents(LATE_HEADER, source="page.txt")[0]
    doc = result.document
    assert LATE_HEADER[doc.window[0]:].startswith("NGHỊ ĐỊNH")
    assert (doc.symbol, doc.date, doc.place, doc.type) == ("135/2026/NĐ-CP", "2026-04-07", "Hà Nội", "Nghị định")
    assert {r.symbol for r in result.references} >= {"63/2025/QH15", "61/2024/QH15", "94/2025/QH15", "116/2025/QH15",
                                                     "135/2025/QH15"}
    chains = {(c.source, c.target, c.relation) for c in analyze_documents(LATE_HEADER, source="page.txt")[0].chains}
    assert ("94/2025/QH15", "61/2024/QH15", "amends") in chains


def test_an_annex_form_citing_the_document_is_no_portal_title_line():
    # corpus-real congbao_160.txt, shortened: a form in the annex opens with `Căn cứ Thông tư số <its own
    # number>`, which is no portal's title line ending the document; the form's references stay in it.
    text = ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nSố: 07/2022/TT-BLĐTBXH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 06 tháng 5 năm 2022\nTHÔNG TƯ\nHướng dẫn ...\n\n"
            "Căn cứ Nghị định số 14/2017/NĐ-CP;\n\nĐiều 1. ...\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nLê Văn Thanh\n\n"
            "Mẫu số 01\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nQUYẾT ĐỊNH\n"
            "Căn cứ Thông tư số 07/2022/TT-BLĐTBXH ngày 06 tháng 5 năm 2022 của \nBộ trưởng Bộ Lao động - Thương binh "
            "và Xã hội hướng dẫn thực hiện một số điều \ncủa Quyết định số 57/2013/QĐ-TTg ngày 14 tháng 10 năm 2013;\n"
            "GIÁM ĐỐC\n(Ký, đóng dấu và ghi rõ họ tên)\n")
    result = extract_documents(text, source="page.txt")[0]
    assert result.document.window[1] == len(text)
    assert "57/2013/QĐ-TTg" in {r.symbol for r in result.references}
    assert result.document.signer == "Lê Văn Thanh"  # the forms' signature blocks after it are blanks


def test_a_footnote_mark_on_a_type_line_is_no_number():
    # corpus-real congbao_96.txt: a consolidated text's `NGHỊ ĐỊNH1` (its footnote 1), no `Nghị định 1`.
    text = ("NGHỊ ĐỊNH1 \nQuy định chi tiết một số điều và biện pháp để tổ chức,  \nhướng dẫn thi hành Luật Thuế thu "
            "nhập doanh nghiệp \n______________ \n\nCăn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\n")
    assert [r.symbol for r in extract_documents(text)[0].references if r.kind == "partial"] == []


def test_an_e_signature_stamp_inside_a_sentence_is_furniture():
    # corpus-real congbao_338.txt: a gazette page's e-signature stamp and running head fall between `của` and its
    # issuer; neither is the issuer, nor a citation (`Luật \nKý bởi` was read as a law's name elsewhere).
    text = ("Điều 1. ...\nhình thức quy định tại khoản 1 Điều 3 Nghị định số 362/2025/NĐ-CP của     \nKý bởi: CÔNG BÁO NƯỚC "
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCơ quan: VĂN PHÒNG CHÍNH PHỦ\nNgày ký: 2026-05-29 15:14:06 +07:00\n\n"
            "CÔNG BÁO/Số 293/Ngày 31-05-2026 \n104\n \n \nChính phủ quy định chi tiết một số điều và biện pháp để tổ chức.\n")
    prepared = prepare_text(text)
    assert "Ký bởi" not in prepared and "Cơ quan" not in prepared and len(prepared) == len(text)
    refs = extract_documents(text)[0].references
    assert [(r.symbol, r.issuer) for r in refs] == [("362/2025/NĐ-CP", "Chính phủ")]
