"""Sample corpus: the seed documents as a text PDF, a scan, PNG pages, a web page, Word and markdown.

`generate_samples(corpus_dir, out_dir)` renders every seed `corpus_dir/0*.txt` into

    out_dir/text-pdf/<stem>.pdf        A4, laid out like the real thing (two-column header, bold
                                       centred type line, justified body, signature block)
    out_dir/scan-pdf/<stem>.pdf        the same pages rasterized at 300 dpi, slightly rotated, with
                                       speckle noise and blur, stored as JPEG
    out_dir/png/<stem>/page-001.png    the same scanned pages as PNG images
    out_dir/html/<stem>.html           the page a legal portal shows: the document (header and
                                       signature as tables) inside a menu, a cookie notice, a
                                       related-documents list and a footer that cite other texts
    out_dir/docx/<stem>.docx           a Word file: header and signature as two-column tables
    out_dir/md/<stem>.md               a portal's markdown export: the header as a table, bold and
                                       italic, the date line wrapped, list-like lines escaped

The output is deterministic (fixed seeds, reportlab's invariant mode, fixed zip dates): the same bytes on every run.
A file is regenerated only when it is missing or older than its source.

The seed .txt files are scraped, so their header is partial; the layout uses what the text has:
the lines before the type line (`KẾ HOẠCH`, `CHƯƠNG TRÌNH`, ...) form the two-column header
(place-date on the right, everything else, e.g. the number, on the left). `layout_text(text)` gives
the source text in the reading order of that layout (left block, then right block), which is a
permutation of the source lines; evaluation compares against it.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from pipeline.atomic import write_atomic

SCAN_DPI = 300
TEXT_DIR, SCAN_DIR, PNG_DIR = "text-pdf", "scan-pdf", "png"
HTML_DIR, DOCX_DIR, MD_DIR = "html", "docx", "md"

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
)
DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")

# Type words that open a document's title block (the line after the header). The whole line must be
# this word in capitals; anything else before it is header.
TYPE_LINE = re.compile(
    r"^(KẾ HOẠCH|CHƯƠNG TRÌNH(?: HÀNH ĐỘNG)?|NGHỊ QUYẾT|CHỈ THỊ|QUYẾT ĐỊNH|QUY ĐỊNH|HƯỚNG DẪN|"
    r"THÔNG BÁO|THÔNG TRI|BÁO CÁO|KẾT LUẬN|QUY CHẾ|ĐỀ ÁN|TỜ TRÌNH|PHƯƠNG ÁN|CÔNG ĐIỆN)$"
)
PLACE_DATE = re.compile(r"^[^\d,]{2,40}, ngày \d{1,2} tháng \d{1,2} năm \d{4}$")
RECIPIENTS = re.compile(r"^Nơi nhận\s*:?$")
HEADER_SCAN_LINES = 25  # the type line, when there is one, is near the top


@dataclass
class Layout:
    """A seed text split into the parts of a document's layout (lines, stripped, no blanks)."""

    header_left: list[str] = field(default_factory=list)
    header_right: list[str] = field(default_factory=list)
    type_line: str | None = None
    subject: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)  # signature block, left
    signer: list[str] = field(default_factory=list)  # signature block, right

    def reading_order(self) -> list[str]:
        head = self.header_left + self.header_right
        title = ([self.type_line] if self.type_line else []) + self.subject
        return head + title + self.body + self.recipients + self.signer


def parse_layout(text: str) -> Layout:
    raw = text.replace("\r\n", "\n").replace("\f", "\n").split("\n")
    lines = [line.strip() for line in raw]
    layout = Layout()
    type_at = next(
        (i for i, line in enumerate(lines[:HEADER_SCAN_LINES * 3]) if TYPE_LINE.match(line)), None
    )
    start = 0
    if type_at is not None and sum(1 for x in lines[:type_at] if x) <= HEADER_SCAN_LINES:
        for line in lines[:type_at]:
            if not line:
                continue
            (layout.header_right if PLACE_DATE.match(line) else layout.header_left).append(line)
        layout.type_line = lines[type_at]
        # The subject (trích yếu) runs from the type line to the first blank line.
        i = type_at + 1
        while i < len(lines) and not lines[i]:
            i += 1
        while i < len(lines) and lines[i]:
            layout.subject.append(lines[i])
            i += 1
        start = i
    rest = [line for line in lines[start:] if line]
    # Signature block: from the last "Nơi nhận:" to the end; a last line that is not a list item
    # is the signer's name (right column).
    at = max((i for i, line in enumerate(rest) if RECIPIENTS.match(line)), default=None)
    if at is not None and len(rest) - at <= 20:
        block = rest[at:]
        if len(block) > 1 and not block[-1].startswith(("-", "+")):
            layout.signer = [block[-1]]
            block = block[:-1]
        layout.recipients = block
        rest = rest[:at]
    layout.body = rest
    return layout


def layout_text(text: str) -> str:
    """The source text in the reading order of its rendered layout, one line per line."""
    return "\n".join(parse_layout(text).reading_order())


# --------------------------------------------------------------------------------------- rendering


def _register_fonts() -> tuple[str, str, str]:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DirSerif" in pdfmetrics.getRegisteredFontNames():
        return "DirSerif", "DirSerif-Bold", "DirSerif-Italic"
    files = None
    for d in FONT_DIRS:
        names = ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf")
        if all((d / n).exists() for n in names):
            files = [d / n for n in names]
            break
    if files is None:
        names = ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf")
        if not all((DEJAVU_DIR / n).exists() for n in names):
            raise RuntimeError(
                "no serif font with Vietnamese glyphs: install fonts-liberation2 or fonts-dejavu-core"
            )
        files = [DEJAVU_DIR / n for n in names]
    for name, path in zip(("DirSerif", "DirSerif-Bold", "DirSerif-Italic"), files):
        pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping("DirSerif", 0, 0, "DirSerif")
    addMapping("DirSerif", 1, 0, "DirSerif-Bold")
    addMapping("DirSerif", 0, 1, "DirSerif-Italic")
    addMapping("DirSerif", 1, 1, "DirSerif-Bold")
    return "DirSerif", "DirSerif-Bold", "DirSerif-Italic"


def render_text_pdf(text: str, title: str = "") -> bytes:
    """A4 text PDF of one seed text, laid out like an official document."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold, italic = _register_fonts()
    layout = parse_layout(text)
    left_margin, right_margin = 30 * mm, 15 * mm
    frame_width = A4[0] - left_margin - right_margin

    def style(name, **kw):
        base = dict(fontName=regular, fontSize=13, leading=17)
        base.update(kw)
        return ParagraphStyle(name, **base)

    head_left = style("head-left", fontSize=12.5, leading=15, alignment=TA_CENTER)
    head_right = style("head-right", fontName=italic, fontSize=13, leading=16, alignment=TA_CENTER)
    type_style = style("type", fontName=bold, fontSize=14, leading=18, alignment=TA_CENTER, spaceBefore=14)
    subject_style = style("subject", fontName=bold, fontSize=13.5, leading=17, alignment=TA_CENTER)
    body_style = style("body", alignment=TA_JUSTIFY, firstLineIndent=10 * mm, spaceBefore=3, spaceAfter=3)
    recipients_style = style("recipients", fontSize=11, leading=13.5, alignment=TA_LEFT)
    signer_style = style("signer", fontName=bold, fontSize=13.5, leading=17, alignment=TA_CENTER)

    def para(line: str, st) -> Paragraph:
        return Paragraph(escape(line), st)

    story = []
    if layout.header_left or layout.header_right:
        cell_left = [para(x, head_left) for x in layout.header_left] or [Spacer(1, 1)]
        cell_right = [para(x, head_right) for x in layout.header_right] or [Spacer(1, 1)]
        table = Table([[cell_left, cell_right]], colWidths=[frame_width * 0.44, frame_width * 0.56])
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]))
        story.append(table)
    if layout.type_line:
        story.append(para(layout.type_line, type_style))
    story.extend(para(x, subject_style) for x in layout.subject)
    if layout.type_line or layout.subject:
        story.append(Spacer(1, 8))
    story.extend(para(x, body_style) for x in layout.body)
    if layout.recipients or layout.signer:
        cell_left = [para(x, recipients_style) for x in layout.recipients] or [Spacer(1, 1)]
        cell_right = [Spacer(1, 40)] + [para(x, signer_style) for x in layout.signer]
        table = Table([[cell_left, cell_right]], colWidths=[frame_width * 0.5, frame_width * 0.5])
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]))
        story.append(Spacer(1, 10))
        story.append(KeepTogether([table]))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=left_margin, rightMargin=right_margin,
        topMargin=20 * mm, bottomMargin=20 * mm, title=title, author="directives samples",
        creator="directives samples", producer="directives samples", invariant=1,
    )
    doc.build(story)
    return buf.getvalue()


# ------------------------------------------------------------------------- other forms: web, Word


# A legal portal's chrome around a saved page: a cookie notice, a menu, a related-documents list and
# a footer, each with strings that look like citations or dates, so a reader that keeps chrome shows.
PORTAL_MENU = ("Trang chủ", "Văn bản pháp luật", "Văn bản mới", "Công văn", "Tiêu chuẩn Việt Nam",
               "Hỏi đáp pháp luật", "Tra cứu", "Liên hệ")
PORTAL_COOKIE = ("Trang web sử dụng cookie để cải thiện trải nghiệm của bạn. Theo Nghị định 13/2023/NĐ-CP "
                 "về bảo vệ dữ liệu cá nhân, chúng tôi cần sự đồng ý của bạn trước khi lưu trữ thông tin.")
PORTAL_RELATED = (
    "Quyết định 1234/QĐ-UBND năm 2024 ban hành Quy chế làm việc của Ủy ban nhân dân tỉnh",
    "Nghị quyết 45/2023/NQ-HĐND quy định mức chi hỗ trợ công tác phổ biến pháp luật",
    "Công văn 567/BNV-CCHC ngày 12/5/2022 về hướng dẫn cải cách hành chính",
    "Kế hoạch 89-KH/TU năm 2021 thực hiện Chỉ thị của Ban Bí thư",
)
PORTAL_FOOTER = ("Cơ quan chủ quản: Công ty Cổ phần Dữ liệu Pháp lý. Giấy phép số 32/GP-TTĐT ngày 20/4/2019 "
                 "của Sở Thông tin và Truyền thông. Địa chỉ: 17 Nguyễn Gia Thiều, Quận 3, TP. Hồ Chí Minh. "
                 "Điện thoại: (028) 3930 3279. Bản quyền © 2019-2025.")


def _lines_html(lines: list[str], tag: str = "") -> str:
    inner = "<br>\n".join(escape(x) for x in lines)
    return f"<{tag}>{inner}</{tag}>" if tag else inner


def render_portal_html(text: str, title: str = "") -> bytes:
    """The seed saved from a legal portal: the document in the page's content block (header and
    signature as two-column tables, as portals show them) inside the portal's chrome. UTF-8."""
    layout = parse_layout(text)
    name = title or (layout.type_line or "Văn bản").capitalize()
    doc: list[str] = []
    if layout.header_left or layout.header_right:
        doc.append('<table class="doc-header" width="100%"><tr>'
                   f'<td width="45%" align="center">{_lines_html(layout.header_left)}</td>'
                   f'<td width="55%" align="center"><i>{_lines_html(layout.header_right)}</i></td>'
                   "</tr></table>")
    if layout.type_line:
        doc.append(f'<p align="center"><b>{escape(layout.type_line)}</b></p>')
    if layout.subject:
        doc.append(f'<p align="center"><b>{_lines_html(layout.subject)}</b></p>')
    doc.extend(f"<p>{escape(line)}</p>" for line in layout.body)
    if layout.recipients or layout.signer:
        doc.append('<table class="doc-signature" width="100%"><tr>'
                   f'<td width="50%" valign="top">{_lines_html(layout.recipients)}</td>'
                   f'<td width="50%" align="center"><b>{_lines_html(layout.signer)}</b></td>'
                   "</tr></table>")
    menu = "".join(f'<li><a href="/{i}">{escape(m)}</a></li>' for i, m in enumerate(PORTAL_MENU))
    related = "".join(f'<li><a href="/van-ban/{i}">{escape(r)}</a><span class="date">Cập nhật: '
                      f"{10 + i}/0{i + 1}/2025</span></li>" for i, r in enumerate(PORTAL_RELATED))
    page = f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{escape(name)} - Thư viện Văn bản</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/site.css">
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body>
<div id="cookie-notice" class="cookie-banner"><p>{escape(PORTAL_COOKIE)}</p>
<button type="button">Đồng ý</button> <a href="/chinh-sach-bao-mat">Chính sách bảo mật</a></div>
<div id="header"><div class="logo"><a href="/">Thư viện Văn bản</a></div>
<div class="top-menu"><ul>{menu}</ul></div>
<form class="search" action="/tim-kiem"><input type="text" name="q" placeholder="Tìm văn bản">
<button type="submit">Tìm</button></form>
<div class="login"><a href="/dang-nhap">Đăng nhập</a> | <a href="/dang-ky">Đăng ký</a></div></div>
<div class="breadcrumb"><a href="/">Trang chủ</a> &rsaquo; <a href="/van-ban">Văn bản pháp luật</a> &rsaquo; {escape(name)}</div>
<div id="wrapper">
<div class="doc-tools"><a href="#">Tải về</a> | <a href="#">In</a> | <a href="#">Chia sẻ</a> | Lượt xem: 1.234</div>
<div id="content" class="content1">
<div id="doc-body">
{chr(10).join(doc)}
</div>
</div>
<div id="sidebar" class="related"><h3>Văn bản liên quan</h3><ul>{related}</ul>
<h3>Văn bản mới</h3><ul><li><a href="/moi/1">Thông tư 08/2025/TT-BTC sửa đổi chế độ kế toán</a></li>
<li><a href="/moi/2">Chỉ thị 05/CT-TTg ngày 01/3/2025 về tăng cường kỷ cương</a></li></ul></div>
</div>
<div id="footer"><p>{escape(PORTAL_FOOTER)}</p>
<ul class="footer-links"><li><a href="/gioi-thieu">Giới thiệu</a></li><li><a href="/dieu-khoan">Điều khoản sử dụng</a></li>
<li><a href="/lien-he">Liên hệ</a></li></ul></div>
<script src="/static/site.js"></script>
</body>
</html>
"""
    return page.encode("utf-8")


def render_docx(text: str, title: str = "") -> bytes:
    """The seed as a Word file: header and signature as borderless two-column tables, the page
    number in the footer, and a footnote-free body (python-docx writes no footnotes). Deterministic:
    the core properties carry fixed dates."""
    import datetime

    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    layout = parse_layout(text)
    document = docx.Document()
    props = document.core_properties
    fixed = datetime.datetime(2020, 1, 1)
    props.author, props.title, props.created, props.modified = "directives samples", title, fixed, fixed
    props.last_modified_by, props.revision = "directives samples", 1
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)

    def cell_lines(cell, lines, bold=False, italic=False, center=True):
        cell.paragraphs[0].text = ""
        for i, line in enumerate(lines):
            para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            run = para.add_run(line)
            run.bold, run.italic = bold, italic
            if center:
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER

    if layout.header_left or layout.header_right:
        table = document.add_table(rows=1, cols=2)
        cell_lines(table.cell(0, 0), layout.header_left)
        cell_lines(table.cell(0, 1), layout.header_right, italic=True)
    if layout.type_line:
        para = document.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.add_run(layout.type_line).bold = True
    for line in layout.subject:
        para = document.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.add_run(line).bold = True
    for line in layout.body:
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if layout.recipients or layout.signer:
        table = document.add_table(rows=1, cols=2)
        cell_lines(table.cell(0, 0), layout.recipients, center=False)
        cell_lines(table.cell(0, 1), layout.signer, bold=True)
    footer = document.sections[0].footer
    footer.paragraphs[0].text = "Trang 1"
    buf = io.BytesIO()
    document.save(buf)
    return _fixed_zip_dates(buf.getvalue())


MD_SPECIAL = re.compile(r"^(\s*)(\d+)([.)])(\s)|^(\s*)([-+*#>|])")


def _md_escape(line: str) -> str:
    """A line as markdown text: what would start a list, heading or table is backslash-escaped."""
    line = line.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")

    def esc(m):
        if m.group(2):
            return f"{m.group(1)}{m.group(2)}\\{m.group(3)}{m.group(4)}"
        return f"{m.group(5)}\\{m.group(6)}"

    return MD_SPECIAL.sub(esc, line, count=1)


def _wrap_date(line: str) -> str:
    """`Hà Nội, ngày 28 tháng 8 năm 2013` wrapped after the day, as portals' converters break it."""
    return re.sub(r"(ngày \d{1,2}) (tháng)", r"\1<br>\2", line, count=1)


def render_markdown(text: str) -> bytes:
    """The seed as a portal's markdown export: the header as a two-column table (issuer bold, the
    place-date italic and wrapped), the type line and subject bold, list-like body lines escaped,
    the signer bold."""
    layout = parse_layout(text)
    out: list[str] = []
    left, right = layout.header_left, layout.header_right
    if left or right:
        rows = max(len(left), len(right))
        cells = [(left[i] if i < len(left) else "", right[i] if i < len(right) else "") for i in range(rows)]
        for i, (a, b) in enumerate(cells):
            a = f"**{_md_escape(a)}**" if i == 0 and a else _md_escape(a)
            b = f"*{_wrap_date(_md_escape(b))}*" if b else ""
            out.append(f"| {a} | {b} |")
            if i == 0:
                out.append("|---|---|")
        out.append("")
    if layout.type_line:
        out += [f"**{layout.type_line}**", ""]
    if layout.subject:
        out += ["**" + "\n".join(_md_escape(x) for x in layout.subject) + "**", ""]
    for line in layout.body:
        out += [_md_escape(line), ""]
    for line in layout.recipients:
        out += [line if line.startswith(("-", "+")) else f"*{_md_escape(line)}*"]
    if layout.recipients:
        out.append("")
    for line in layout.signer:
        out += [f"**{_md_escape(line)}**", ""]
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")


def _fixed_zip_dates(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01, so a rendering is the same bytes every run."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def scan_pages(pdf_bytes: bytes, seed: int, dpi: int = SCAN_DPI) -> list:
    """Rasterize a PDF's pages like a flatbed scan: grayscale, a slight rotation, a little blur,
    speckles. Deterministic for a given seed. Returns PIL images (mode L)."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    pdf = pdfium.PdfDocument(pdf_bytes)
    images = []
    try:
        for index in range(len(pdf)):
            rng = np.random.default_rng([seed, index])
            page = pdf[index]
            img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            page.close()
            angle = float(rng.uniform(0.3, 0.9)) * (1 if rng.integers(2) else -1)
            img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
            img = img.filter(ImageFilter.GaussianBlur(0.6))
            a = np.asarray(img, dtype=np.int16)
            # Paper tone and toner: darken slightly, then sparse dark and light speckles.
            a = (a * 0.94).astype(np.int16) + 8
            dark = rng.random(a.shape) < 0.0015
            light = (rng.random(a.shape) < 0.004) & (a < 128)
            a[dark] = rng.integers(0, 90, int(dark.sum()))
            a[light] = 230
            images.append(Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L"))
    finally:
        pdf.close()
    return images


def images_to_pdf(images, dpi: int = SCAN_DPI, quality: int = 80) -> bytes:
    """A PDF with one JPEG image per page, sized so the image is at `dpi`."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.setAuthor("directives samples")
    c.setCreator("directives samples")
    c.setProducer("directives samples")
    for img in images:
        w, h = img.size[0] * 72 / dpi, img.size[1] * 72 / dpi
        c.setPageSize((w, h))
        jpeg = io.BytesIO()
        img.save(jpeg, "JPEG", quality=quality, optimize=False, dpi=(dpi, dpi))
        jpeg.seek(0)
        c.drawImage(ImageReader(jpeg), 0, 0, width=w, height=h)
        c.showPage()
    c.save()
    return buf.getvalue()


def _write_atomic(path: Path, data: bytes) -> None:
    write_atomic(path, data)


def _fresh(path: Path, source: Path) -> bool:
    return path.exists() and path.stat().st_mtime >= source.stat().st_mtime


def _seed_of(stem: str) -> int:
    import hashlib

    return int.from_bytes(hashlib.sha256(stem.encode()).digest()[:4], "big")


SCANNED_FORMS = ("pdf", "scan")  # the text PDF, and the scan PDF with its PNG pages
DOCUMENT_FORMS = ("html", "docx", "md")
ALL_FORMS = SCANNED_FORMS + DOCUMENT_FORMS


def generate_samples(corpus_dir: Path, out_dir: Path, forms: tuple[str, ...] = ALL_FORMS) -> list[Path]:
    """Render every seed `corpus_dir/0*.txt` in the given forms (default all); returns the paths
    written or already up to date. The PDF forms go together (the scan is the text PDF rasterized)."""
    corpus_dir, out_dir = Path(corpus_dir), Path(out_dir)
    sources = sorted(corpus_dir.glob("0*.txt"))
    written: list[Path] = []
    for source in sources:
        stem = source.stem
        text_pdf = out_dir / TEXT_DIR / f"{stem}.pdf"
        scan_pdf = out_dir / SCAN_DIR / f"{stem}.pdf"
        png_dir = out_dir / PNG_DIR / stem
        pngs = sorted(png_dir.glob("page-*.png")) if png_dir.exists() else []
        text = None
        for form, folder, suffix, render in (
                ("html", HTML_DIR, ".html", render_portal_html), ("docx", DOCX_DIR, ".docx", render_docx),
                ("md", MD_DIR, ".md", lambda t, title: render_markdown(t))):
            if form not in forms:
                continue
            target = out_dir / folder / f"{stem}{suffix}"
            if not _fresh(target, source):
                text = text if text is not None else source.read_text(encoding="utf-8")
                _write_atomic(target, render(text, title=stem))
            written.append(target)
        if not set(SCANNED_FORMS) & set(forms):
            continue
        if _fresh(text_pdf, source) and _fresh(scan_pdf, source) and pngs and all(_fresh(p, source) for p in pngs):
            written += [text_pdf, scan_pdf, *pngs]
            continue
        text = source.read_text(encoding="utf-8")
        pdf_bytes = render_text_pdf(text, title=stem)
        _write_atomic(text_pdf, pdf_bytes)
        images = scan_pages(pdf_bytes, _seed_of(stem))
        _write_atomic(scan_pdf, images_to_pdf(images))
        for old in pngs:
            old.unlink()
        written += [text_pdf, scan_pdf]
        for i, img in enumerate(images, 1):
            buf = io.BytesIO()
            img.save(buf, "PNG", dpi=(SCAN_DPI, SCAN_DPI), optimize=False, compress_level=6)
            path = png_dir / f"page-{i:03d}.png"
            _write_atomic(path, buf.getvalue())
            written.append(path)
    return written


# -------------------------------------------------------------------------------------- evaluation


def normalize_whitespace(text: str) -> str:
    """Collapse every run of whitespace (spaces, line and page breaks) to one space; NFC."""
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", text).split())


def cer(hypothesis: str, reference: str) -> float:
    """Character error rate: Levenshtein distance / reference length, whitespace normalized."""
    from rapidfuzz.distance import Levenshtein

    hyp, ref = normalize_whitespace(hypothesis), normalize_whitespace(reference)
    if not ref:
        return 0.0 if not hyp else 1.0
    return Levenshtein.distance(hyp, ref) / len(ref)
