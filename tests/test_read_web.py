"""Saved web pages: the document without the portal's chrome, in its declared or detected encoding.

The pages are the seeds rendered by pipeline.demo.samples inside a portal's chrome (a cookie notice citing
Nghị định 13/2023/NĐ-CP, a menu, related-documents lists, a footer with a licence number), and small
pages built here from real header lines."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.read import ReadError, read_document
from pipeline.read_web import decode_html, page_document, render_text, parse_html
from pipeline.demo.samples import PORTAL_COOKIE, PORTAL_FOOTER, PORTAL_RELATED, render_portal_html

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEEDS = sorted(p.name for p in CORPUS.glob("00*.txt"))
CHROME = ["13/2023/NĐ-CP", "1234/QĐ-UBND", "45/2023/NQ-HĐND", "567/BNV-CCHC", "32/GP-TTĐT", "08/2025/TT-BTC",
          "Đăng nhập", "Chính sách bảo mật", "Lượt xem", "Văn bản liên quan", "Trang chủ"]


@pytest.mark.parametrize("seed", SEEDS)
def test_portal_page_gives_the_document_and_none_of_the_chrome(tmp_path, seed):
    text = (CORPUS / seed).read_text(encoding="utf-8")
    page = tmp_path / (Path(seed).stem + ".html")
    page.write_bytes(render_portal_html(text))
    doc = read_document(page)
    for chrome in CHROME:
        assert chrome not in doc.text, chrome
    # Every line of the document is there, in its order.
    lines = [" ".join(x.split()) for x in text.splitlines() if x.strip()]
    got = doc.text.splitlines()
    assert sorted(lines) == sorted(got)
    window = [w for w in doc.warnings if w.code == "body_window"]
    assert len(window) == 1 and "menus, notices" in window[0].message


def test_the_window_is_a_slice_of_the_whole_page():
    text = (CORPUS / "001_e91816b876997450.txt").read_text(encoding="utf-8")
    html = render_portal_html(text).decode("utf-8")
    body, (start, end), total = page_document(html)
    whole = render_text(parse_html(html))
    assert whole[start:end] == body and len(whole) == total
    assert PORTAL_COOKIE in whole[:start] and PORTAL_FOOTER in whole[end:]
    assert all(r in whole[end:] for r in PORTAL_RELATED)


def test_header_table_cells_read_left_column_then_right():
    html = ("<html><body><div id='menu'><a href='/'>Trang chủ</a></div><div class='content'>"
            "<table><tr><td>ỦY BAN NHÂN DÂN<br>TỈNH TRÀ VINH<br>-------<br>Số: 12/KH-UBND</td>"
            "<td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br>Độc lập - Tự do - Hạnh phúc<br>"
            "<i>Trà Vinh, ngày 5 tháng 3 năm 2021</i></td></tr></table>"
            "<p><b>KẾ HOẠCH</b></p><p>Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh "
            "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, Ủy ban nhân dân tỉnh ban hành "
            "Kế hoạch thực hiện như sau.</p></div></body></html>")
    lines = page_document(html)[0].splitlines()
    assert lines[:7] == ["ỦY BAN NHÂN DÂN", "TỈNH TRÀ VINH", "-------", "Số: 12/KH-UBND",
                         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                         "Trà Vinh, ngày 5 tháng 3 năm 2021"]
    assert lines[7] == "KẾ HOẠCH" and lines[8].startswith("Thực hiện Chỉ thị số 05-CT/TW")


SENTENCE = ("Căn cứ Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng khóa XI về tăng "
            "cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới.")


TONES = "\u0300\u0301\u0303\u0309\u0323"  # the five tone marks windows-1258 writes after the letter


def _encode(text: str, encoding: str) -> bytes:
    """As a Vietnamese Windows page would hold it: in windows-1258 a letter with a tone mark is the
    letter (with its hat or horn, which the code page has) followed by a combining tone mark."""
    if encoding != "windows-1258":
        return text.encode(encoding)
    import unicodedata

    out = []
    for ch in text:
        try:
            out.append(ch.encode(encoding))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out.append((base + "".join(c for c in parts if c in TONES)).encode(encoding))
    return b"".join(out)


@pytest.mark.parametrize("encoding, declare, expected", [
    ("utf-8", '<meta charset="utf-8">', "utf-8"),
    ("windows-1258", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">', "windows-1258"),
    ("utf-16", "", "utf-16"),  # a BOM says it
    # An old template's declaration over a page saved as UTF-8: the bytes win.
    ("utf-8", '<meta charset="iso-8859-1">', "utf-8"),
], ids=["utf-8", "cp1258-declared", "utf-16-bom", "utf-8-declared-latin-1"])
def test_encodings(tmp_path, encoding, declare, expected):
    html = f"<html><head>{declare}<title>Văn bản</title></head><body><div><p>{SENTENCE}</p></div></body></html>"
    page = tmp_path / "page.htm"
    page.write_bytes(_encode(html, encoding))
    doc = read_document(page)
    assert doc.text == SENTENCE  # NFC whatever the codec's composition (cp1258 writes tone marks apart)
    assert doc.encoding == expected


def test_a_wrong_declaration_falls_back_to_detection():
    text, encoding, warnings = decode_html(b'<meta charset="no-such-codec"><p>' + SENTENCE.encode("utf-8"))
    assert SENTENCE in text and encoding == "utf-8"
    assert warnings and "no-such-codec" in warnings[0].message


@pytest.mark.parametrize("data, reason", [
    (b"<html><head><title>Trang</title><script>var x = 1;</script></head><body>\n  \n</body></html>",
     "no text in the page"),
    (b"<html><body><img src='scan.png'><div>   </div></body></html>", "no text in the page"),
    (b"   \n\t ", "no HTML content"),
], ids=["scripts-only", "image-only", "blank"])
def test_a_page_with_no_text_fails_with_a_reason(tmp_path, data, reason):
    page = tmp_path / "empty.html"
    page.write_bytes(data)
    with pytest.raises(ReadError) as err:
        read_document(page)
    assert str(err.value) == reason
