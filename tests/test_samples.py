"""The sample generator: seed texts rendered as text PDFs, scans and PNG pages, deterministically."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.demo.samples import generate_samples, layout_text, parse_layout, render_text_pdf

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEED = "002_910c16d3ab6d948d"  # a short seed with a header, a type line and a signature block


def sample_dir(tmp_path_factory) -> Path:
    """The samples of one seed, generated once per test session (the generator skips fresh files)."""
    base = tmp_path_factory.getbasetemp()
    corpus = base / "seed-corpus"
    corpus.mkdir(exist_ok=True)
    if not (corpus / f"{SEED}.txt").exists():
        shutil.copy(CORPUS / f"{SEED}.txt", corpus / f"{SEED}.txt")
    out = base / "samples"
    generate_samples(corpus, out)
    return out


def test_generates_every_form(tmp_path_factory):
    out = sample_dir(tmp_path_factory)
    assert (out / "text-pdf" / f"{SEED}.pdf").read_bytes().startswith(b"%PDF-")
    assert (out / "scan-pdf" / f"{SEED}.pdf").read_bytes().startswith(b"%PDF-")
    pngs = sorted((out / "png" / SEED).glob("page-*.png"))
    assert [p.name for p in pngs] == ["page-001.png", "page-002.png", "page-003.png"]
    import pypdfium2 as pdfium

    assert len(pdfium.PdfDocument(out / "text-pdf" / f"{SEED}.pdf")) == len(pngs)
    assert len(pdfium.PdfDocument(out / "scan-pdf" / f"{SEED}.pdf")) == len(pngs)
    from PIL import Image

    with Image.open(pngs[0]) as img:
        assert img.mode == "L" and abs(img.size[0] - 2480) <= 2 and abs(img.size[1] - 3508) <= 2
    assert (out / "html" / f"{SEED}.html").read_bytes().startswith(b"<!DOCTYPE html>")
    assert (out / "docx" / f"{SEED}.docx").read_bytes().startswith(b"PK\x03\x04")
    md = (out / "md" / f"{SEED}.md").read_text(encoding="utf-8")
    assert md.startswith("| **Số: 754-CT/ĐU** | *Hà Nội, ngày 28<br>tháng 8 năm 2013* |\n|---|---|\n")


def test_skips_fresh_outputs(tmp_path_factory):
    out = sample_dir(tmp_path_factory)
    paths = sorted((out).rglob("*.*"))
    before = {p: p.stat().st_mtime_ns for p in paths}
    generate_samples(tmp_path_factory.getbasetemp() / "seed-corpus", out)
    assert {p: p.stat().st_mtime_ns for p in paths} == before


def test_same_bytes_on_every_run(tmp_path):
    # A one-page seed keeps this quick; the whole pipeline of the generator runs twice.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (CORPUS / "001_e91816b876997450.txt").read_text(encoding="utf-8")
    (corpus / "0_short.txt").write_text("\n".join(text.splitlines()[:14]), encoding="utf-8")
    first, again = tmp_path / "first", tmp_path / "again"
    generate_samples(corpus, first)
    generate_samples(corpus, again)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert [str(f) for f in files] == ["docx/0_short.docx", "html/0_short.html", "md/0_short.md",
                                       "png/0_short/page-001.png", "scan-pdf/0_short.pdf", "text-pdf/0_short.pdf"]
    for rel in files:
        assert (again / rel).read_bytes() == (first / rel).read_bytes(), rel


def test_text_pdf_is_deterministic_and_differs_by_text():
    text = (CORPUS / "001_e91816b876997450.txt").read_text(encoding="utf-8")
    assert render_text_pdf(text) == render_text_pdf(text)
    assert render_text_pdf(text) != render_text_pdf(text.replace("Trà Vinh", "Hà Nội"))


@pytest.mark.parametrize("stem, left, right, type_line, signer", [
    ("001_e91816b876997450", ["Số 27-KH/ĐUK"], ["Trà Vinh, ngày 19 tháng 3 năm 2020"], "KẾ HOẠCH",
     ["Trương Thanh Long"]),
    ("000_20bb982fed47bafc", ["*", "Số 03 - CTTr/ĐUK"], [], "CHƯƠNG TRÌNH", ["Phạm Thiên Kha"]),
    ("002_910c16d3ab6d948d", ["Số: 754-CT/ĐU", "BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "TRUNG TÂM THÔNG TIN",
                              "CÔNG VĂN BẢN", "Số: 940", "Ngày: 30 tháng 8 năm 2013"],
     ["Hà Nội, ngày 28 tháng 8 năm 2013"], "CHƯƠNG TRÌNH HÀNH ĐỘNG", ["Trần Đức Lai"]),
    # A web page: its weekday date is not a document header, there is no type line.
    ("003_b6014cb1ca44f7c2", [], [], None, []),
])
def test_layout_of_the_seeds(stem, left, right, type_line, signer):
    text = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    layout = parse_layout(text)
    assert layout.header_left == left
    assert layout.header_right == right
    assert layout.type_line == type_line
    assert layout.signer == signer
    # The reading order is a permutation of the source's lines: nothing lost, nothing added.
    source_lines = sorted(line.strip() for line in text.splitlines() if line.strip())
    assert sorted(layout_text(text).splitlines()) == source_lines
