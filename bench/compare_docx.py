"""Which library reads a .docx whole: body, tables in reading order, page headers, footers, notes?

    python -m bench.compare_docx

Not part of `make bench`. Builds one Word file with LibreOffice (a two-column header table, a body
paragraph with a footnote, a page header and footer), then prints, for python-docx, mammoth and
docx2python, which of the document's parts each one's text holds and in which order. Needs `soffice`.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" office:version="1.2"
 office:mimetype="application/vnd.oasis.opendocument.text">
<office:master-styles><style:master-page style:name="Standard">
<style:header><text:p>{page_header}</text:p></style:header>
<style:footer><text:p>{page_footer}</text:p></style:footer></style:master-page></office:master-styles>
<office:body><office:text>
<table:table table:name="Header"><table:table-column table:number-columns-repeated="2"/><table:table-row>
<table:table-cell><text:p>{issuer}</text:p><text:p>{symbol}</text:p></table:table-cell>
<table:table-cell><text:p>{date}</text:p></table:table-cell></table:table-row></table:table>
<text:p>{type_line}</text:p>
<text:p>{basis}<text:note text:note-class="footnote" text:id="n1"><text:note-citation>1</text:note-citation>
<text:note-body><text:p>{note}</text:p></text:note-body></text:note> ngày 03/6/2013.</text:p>
</office:text></office:body></office:document>
"""
PARTS = {
    "page_header": "ĐẢNG BỘ TỈNH TRÀ VINH",
    "page_footer": "Trang 1 trên 1",
    "issuer": "ỦY BAN NHÂN DÂN HUYỆN CÀNG LONG",
    "symbol": "Số: 12/KH-UBND",
    "date": "Càng Long, ngày 5 tháng 3 năm 2021",
    "type_line": "KẾ HOẠCH",
    "basis": "Căn cứ Nghị quyết số 25-NQ/TW",
    "note": "Được sửa đổi bởi Nghị quyết số 36-NQ/TW ngày 01/7/2014.",
}
READING_ORDER = ("issuer", "symbol", "date", "type_line", "basis")


def build(folder: Path) -> Path:
    from xml.sax.saxutils import escape

    source = folder / "sample.fodt"
    source.write_text(FODT.format(**{k: escape(v) for k, v in PARTS.items()}), encoding="utf-8")
    subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--convert-to", "docx", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=180)
    return folder / "sample.docx"


def python_docx(path: Path) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    d = docx.Document(str(path))
    out = []
    for block in d.element.body.iterchildren():
        if block.tag.endswith("}p"):
            out.append(Paragraph(block, d).text)
        elif block.tag.endswith("}tbl"):
            out.extend(c.text for r in Table(block, d).rows for c in r.cells)
    for s in d.sections:
        out += [p.text for p in s.header.paragraphs] + [p.text for p in s.footer.paragraphs]
    return "\n".join(out)


def mammoth_text(path: Path) -> str:
    import mammoth

    with open(path, "rb") as f:
        return mammoth.extract_raw_text(f).value


def docx2python_text(path: Path) -> str:
    from pipeline.read_office import docx_text

    return docx_text(path.read_bytes())[0]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp))
        print(f"{'library':<14} " + " ".join(f"{k:>11}" for k in PARTS) + "  reading order")
        for name, fn in (("python-docx", python_docx), ("mammoth", mammoth_text), ("docx2python", docx2python_text)):
            text = fn(path)
            found = {k: v in text for k, v in PARTS.items()}
            positions = [text.find(PARTS[k]) for k in READING_ORDER]
            ordered = all(p >= 0 for p in positions) and positions == sorted(positions)
            print(f"{name:<14} " + " ".join(f"{'yes' if found[k] else 'no':>11}" for k in PARTS)
                  + f"  {'right' if ordered else 'wrong'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
