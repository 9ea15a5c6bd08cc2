"""OCR of scans and images with the real Tesseract (vie): quality, cache, limits, parallel pages."""
from __future__ import annotations

import struct
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image

from pipeline.errors import PageError
from pipeline.model import PAGE_SEPARATOR
from pipeline.ocr import (DESKEW_ABOVE, OcrSettings, OcrStats, PageJob, cache_key, columns_text, ocr_page, ocr_pages,
                          preprocess, run_pages, run_tesseract, skew_angle, tsv_confidence, tsv_page, tsv_text, word_spans)
from pipeline.ocr_words import reread_key
from pipeline.pdf import read_image, read_pdf
from pipeline.read import ReadError, read_document, sha256_file
from pipeline.demo.samples import cer, layout_text

from test_samples import CORPUS, SEED, sample_dir


def _settings(tmp_path: Path, **kw) -> OcrSettings:
    return OcrSettings(cache_dir=str(tmp_path / "ocr-cache"), **kw)


def _reference_pages(out: Path, tmp_path: Path) -> list[str]:
    """The text of each page, from the text PDF the scans were made from (its text equals the seed's
    text in reading order: tests/test_pdf.py)."""
    path = out / "text-pdf" / f"{SEED}.pdf"
    return [p.text for p in read_pdf(path, sha256_file(path), settings=_settings(tmp_path)).pages]


def test_scanned_pdf_page_cer(tmp_path_factory, tmp_path):
    import pypdfium2 as pdfium

    out = sample_dir(tmp_path_factory)
    first = pdfium.PdfDocument.new()
    first.import_pages(pdfium.PdfDocument(out / "scan-pdf" / f"{SEED}.pdf"), [0])
    path = tmp_path / "scan-page-1.pdf"
    first.save(path)
    stats = OcrStats()
    doc = read_pdf(path, sha256_file(path), settings=_settings(tmp_path), stats=stats)
    assert doc.ocr_pages == [1] and stats.tesseract_runs == 1
    text = doc.pages[0].text
    assert cer(text, _reference_pages(out, tmp_path)[0]) <= 0.01
    # The header of the scan reads like the text PDF's: left block, then the place-date.
    lines = text.splitlines()
    assert lines[0] == "Số: 754-CT/ĐU"
    assert any(line.startswith("Hà Nội, ngày 28 tháng 8 năm") for line in lines[5:8])


def test_png_page_cer_and_cache(tmp_path_factory, tmp_path):
    out = sample_dir(tmp_path_factory)
    png = out / "png" / SEED / "page-002.png"
    settings = _settings(tmp_path)
    first_stats, second_stats = OcrStats(), OcrStats()
    first = read_image(png, sha256_file(png), settings=settings, stats=first_stats)
    assert first.ocr_pages == [1] and first_stats.tesseract_runs == 1 and first_stats.cache_hits == 0
    assert cer(first.text, _reference_pages(out, tmp_path)[1]) <= 0.01
    # One entry for the page (and one for the second reading of a symbol read from low-confidence words,
    # `290-QĐÐ/TW`, where there is one: pipeline/ocr_words.py).
    job = PageJob(index=0, image_path=str(png), source_sha256=sha256_file(png))
    entries = [e for e in (tmp_path / "ocr-cache").rglob("*.txt") if e.stem != reread_key(job, settings)]
    assert len(entries) == 1 and not list((tmp_path / "ocr-cache").rglob("*.tmp"))
    # The same page again: answered from the cache, tesseract is not run.
    second = read_image(png, sha256_file(png), settings=settings, stats=second_stats)
    assert second_stats.tesseract_runs == 0 and second_stats.cache_hits == 1
    assert second.text == first.text
    # Tesseract's word confidence is kept with the page, and with the cache entry.
    assert first.pages[0].confidence is not None and 80 < first.pages[0].confidence <= 100
    assert second.pages[0].confidence == pytest.approx(first.pages[0].confidence, abs=0.01)
    # Other settings are another key: a different language model must not reuse the entry.
    assert cache_key(job, settings) != cache_key(job, settings.with_(lang="eng"))
    assert cache_key(job, settings) != cache_key(job, settings.with_(preprocess=("gray", "binarize")))


def test_the_page_handed_to_tesseract_reads_as_its_file(tmp_path_factory, tmp_path, monkeypatch):
    """The decoded page, written for Tesseract as a BMP (its quickest format), gives the TSV that
    Tesseract gives on the PNG file itself (the same pixels), and leaves no file behind."""
    png = sample_dir(tmp_path_factory) / "png" / SEED / "page-003.png"
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    settings = _settings(tmp_path)
    with Image.open(png) as img:
        img.load()
        handed = run_tesseract(img, settings, 300)
    assert handed == run_tesseract(str(png), settings, 300)
    assert len(tsv_text(handed).split()) > 100
    assert list(tmp_path.glob("directives-ocr-*")) == []


def test_the_library_reads_as_the_command(tmp_path_factory, tmp_path, monkeypatch):
    """Tesseract's library (in this process, the model loaded once) gives the command's TSV byte for byte:
    on a whole page, as `ocr_page` reads it, and on a number cut from it read digits only, as ocr_blanks
    reads a blank; the variable set for that one image (the whitelist) is put back for the next."""
    from pipeline import ocr

    if ocr._library() is None:
        pytest.skip("libtesseract of the command's version is not loadable here: the command is used")
    png = sample_dir(tmp_path_factory) / "png" / SEED / "page-001.png"
    page = Image.open(png).convert("L")
    settings = _settings(tmp_path)
    by_library = run_tesseract(page, settings, 300)
    assert by_library == ocr._run_command(page, settings, 300)
    words = tsv_page(by_library)[1]
    number = next(w for w in words if sum(ch.isdigit() for ch in w[0]) >= 2)
    left, top, right, bottom = number[2:6]
    crop = page.crop((max(0, left - 20), max(0, top - 20), right + 20, bottom + 20))
    digits = settings.with_(psm=7)
    config = "-c tessedit_char_whitelist=0123456789"
    read = run_tesseract(crop, digits, 300, config)
    assert read == ocr._run_command(crop, digits, 300, config)
    assert tsv_page(read)[1] and set(tsv_text(read).replace(" ", "")) <= set("0123456789")
    assert run_tesseract(page, settings, 300) == by_library  # the whitelist is gone
    monkeypatch.setenv("DIRECTIVES_TESSERACT", "command")  # the switch back to the command
    ocr._library.cache_clear()
    try:
        assert ocr._library() is None
    finally:
        monkeypatch.delenv("DIRECTIVES_TESSERACT")
        ocr._library.cache_clear()


def test_a_tesseract_failure_is_one_line(tmp_path):
    img = Image.new("L", (200, 60), 255)
    with pytest.raises(PageError, match=r"^tesseract failed: [^\n]+$"):
        run_tesseract(img, _settings(tmp_path, lang="no-such-language"), 300)


def _line_image(text: str) -> bytes:
    from io import BytesIO

    from PIL import ImageDraw, ImageFont

    from pipeline.demo.samples import FONT_DIRS

    img = Image.new("L", (1400, 300), 255)
    font = ImageFont.truetype(str(FONT_DIRS[0] / "LiberationSerif-Regular.ttf"), 60)
    ImageDraw.Draw(img).text((40, 100), text, font=font, fill=0)
    buf = BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def test_pages_read_together_read_as_each_alone(tmp_path):
    """A worker's pages go to one run of Tesseract: each page's text, words and confidence are those
    of the page read alone, and a broken page among them keeps its own error."""
    lines = ["Chỉ thị số 05-CT/TW ngày 15/5/2016", "Nghị quyết số 25-NQ/TW", "Quyết định số 1234/QĐ-TTg"]
    jobs = [PageJob(index=0, image=_line_image(line)) for line in lines]
    jobs.insert(2, PageJob(index=0, image=b"not an image"))
    settings = OcrSettings(cache_dir="")
    together = ocr_pages(jobs, settings)
    alone = [ocr_page(job, settings) for job in jobs]
    assert [r.error is None for r in together] == [True, True, False, True]
    assert together[2].error.startswith("UnidentifiedImageError") and alone[2].error.startswith("UnidentifiedImageError")
    for a, b in zip(together, alone):
        assert (a.text, a.words, a.confidence) == (b.text, b.words, b.confidence)
    assert cer(together[3].text, lines[2]) <= 0.1


def test_multipage_tiff(tmp_path_factory, tmp_path):
    out = sample_dir(tmp_path_factory)
    frames = [Image.open(out / "png" / SEED / f"page-00{i}.png") for i in (2, 3)]
    tiff = tmp_path / "two-pages.tif"
    frames[0].save(tiff, save_all=True, append_images=frames[1:], compression="tiff_deflate", dpi=(300, 300))
    stats = OcrStats()
    doc = read_document_with(tiff, _settings(tmp_path, workers=2), stats)
    assert [p.number for p in doc.pages] == [1, 2] and doc.ocr_pages == [1, 2]
    assert doc.text.count(PAGE_SEPARATOR) == 1
    assert stats.tesseract_runs == 2
    reference = _reference_pages(out, tmp_path)
    assert cer(doc.pages[0].text, reference[1]) <= 0.01
    assert cer(doc.pages[1].text, reference[2]) <= 0.01
    assert doc.pages[1].text.splitlines()[-1] == "Trần Đức Lai"


def read_document_with(path: Path, settings: OcrSettings, stats: OcrStats):
    return read_image(path, sha256_file(path), settings=settings, stats=stats)


def test_any_executor_runs_the_pages(tmp_path):
    # The page job and the settings are plain picklable values; an executor only needs map().
    import pickle

    img = Image.new("L", (1200, 300), 255)
    from PIL import ImageDraw, ImageFont

    from pipeline.demo.samples import FONT_DIRS

    font = ImageFont.truetype(str(FONT_DIRS[0] / "LiberationSerif-Regular.ttf"), 60)
    ImageDraw.Draw(img).text((40, 100), "Nghị quyết số 25-NQ/TW", font=font, fill=0)
    from io import BytesIO

    buf = BytesIO()
    img.save(buf, "PNG")
    job = PageJob(index=0, image=buf.getvalue())
    settings = _settings(tmp_path)
    assert pickle.loads(pickle.dumps((job, settings))) == (job, settings)
    with ThreadPoolExecutor(1) as executor:
        [result] = run_pages([job], settings, executor=executor)
    assert result.error is None and not result.cache_hit
    assert cer(result.text, "Nghị quyết số 25-NQ/TW") <= 0.1
    assert ocr_page(job, settings).cache_hit


def test_pages_whose_process_died_in_the_library_are_read_by_the_command(tmp_path, monkeypatch):
    # A crash inside libtesseract (a segfault on some image) kills the worker reading the page, and the
    # pool with it: the document's pages are read again by the command instead of being lost.
    import os
    from io import BytesIO

    import pipeline.ocr as ocr

    assert ocr._library() is not None, "libtesseract, which the tesseract-ocr package installs"
    from PIL import ImageDraw, ImageFont

    from pipeline.demo.samples import FONT_DIRS

    font = ImageFont.truetype(str(FONT_DIRS[0] / "LiberationSerif-Regular.ttf"), 60)
    jobs = []
    for line in ["Nghị quyết số 25-NQ/TW", "Kế hoạch số 27-KH/ĐUK"]:
        img = Image.new("L", (1400, 300), 255)
        ImageDraw.Draw(img).text((40, 100), line, font=font, fill=0)
        buf = BytesIO()
        img.save(buf, "PNG")
        jobs.append(PageJob(index=0, image=buf.getvalue()))  # each its own one-frame image
    # The forked workers inherit the crash; the command's processes do not call the library.
    monkeypatch.setattr(ocr, "_library_tsv", lambda *args, **kwargs: os._exit(1))
    pages = run_pages(jobs, _settings(tmp_path, workers=2))
    assert [page.error for page in pages] == [None, None]
    assert cer(pages[0].text, "Nghị quyết số 25-NQ/TW") <= 0.1
    assert cer(pages[1].text, "Kế hoạch số 27-KH/ĐUK") <= 0.1


def test_a_crash_in_the_library_does_not_end_a_process_reading_a_scan_alone(tmp_path, monkeypatch):
    """`directives extract` of a one-page scan, an ingest with one worker, a notebook: no pool, yet a crash
    inside libtesseract (first reading or the header's second readings) must not end the process. Its
    readings run in a child process; the child dies, the command reads the page again."""
    import os
    from io import BytesIO

    import pipeline.ocr as ocr
    from PIL import ImageDraw, ImageFont

    from pipeline.demo.samples import FONT_DIRS
    from pipeline.pdf import read_image
    from pipeline.read import sha256_file

    assert ocr._library() is not None, "libtesseract, which the tesseract-ocr package installs"
    font = ImageFont.truetype(str(FONT_DIRS[0] / "LiberationSerif-Regular.ttf"), 60)
    img = Image.new("L", (1700, 500), 255)
    draw = ImageDraw.Draw(img)
    draw.text((40, 60), "Số: 27 /KH-ĐUK", font=font, fill=0)
    draw.text((40, 260), "Căn cứ Nghị quyết số 25-NQ/TW", font=font, fill=0)
    path = tmp_path / "page.png"
    img.save(path)
    calls: list[int] = []
    monkeypatch.setattr(ocr, "_library_tsv", lambda *args, **kwargs: (calls.append(os.getpid()), os._exit(1)))
    raw = read_image(path, sha256_file(path), settings=_settings(tmp_path, workers=1))
    assert not calls  # nothing in this process called the library (a child did, and died)
    [page] = raw.pages
    assert cer(page.text.split("\n")[-1], "Căn cứ Nghị quyết số 25-NQ/TW") <= 0.1, page.text
    assert not [w for w in raw.warnings if w.code == "ocr-failed"]


def test_timeout_of_an_image_is_a_read_error(tmp_path_factory, tmp_path):
    png = sample_dir(tmp_path_factory) / "png" / SEED / "page-001.png"
    with pytest.raises(ReadError, match=r"^OCR failed: OCR timed out after 0.05 s$"):
        read_image(png, sha256_file(png), settings=_settings(tmp_path, timeout=0.05))


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares its size but holds no pixels: only the header must be read to refuse it."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def test_huge_image_is_refused_before_decoding(tmp_path):
    path = tmp_path / "huge.png"
    path.write_bytes(_png_header_only(60000, 60000))
    with pytest.raises(ReadError, match=r"^image too large"):
        read_document(path)
    path.write_bytes(_png_header_only(12000, 10000))  # 120 megapixels: over the default 100
    with pytest.raises(ReadError, match=r"^image too large \(12000x10000 = 120 megapixels > 100\)$"):
        read_document(path)


def test_pixel_limit_is_configurable(tmp_path, monkeypatch):
    path = tmp_path / "small.png"
    Image.new("L", (400, 300), 255).save(path)
    monkeypatch.setenv("DIRECTIVES_MAX_PIXELS", "100000")
    monkeypatch.setenv("DIRECTIVES_CACHE_DIR", str(tmp_path / "cache"))
    with pytest.raises(ReadError, match=r"^image too large \(400x300"):
        read_document(path)


def test_damaged_image(tmp_path):
    path = tmp_path / "broken.jpg"
    path.write_bytes(b"not an image at all")
    with pytest.raises(ReadError, match=r"^not a readable image"):
        read_document(path)
    Image.new("L", (800, 600), 128).save(path, "JPEG")
    path.write_bytes(path.read_bytes()[:300])
    with pytest.raises(ReadError, match=r"^(damaged image|OCR failed): "):
        read_document(path)


def test_settings_from_env(monkeypatch, tmp_path):
    monkeypatch.setenv("DIRECTIVES_OCR_TIMEOUT", "7.5")
    monkeypatch.setenv("DIRECTIVES_MAX_PAGES", "12")
    monkeypatch.setenv("DIRECTIVES_CACHE_DIR", str(tmp_path))
    settings = OcrSettings.from_env()
    assert (settings.timeout, settings.max_pages, settings.lang) == (7.5, 12, "vie")
    assert settings.resolved_cache_dir() == tmp_path
    monkeypatch.setenv("DIRECTIVES_CACHE_DIR", "")
    assert OcrSettings.from_env().resolved_cache_dir() is None
    monkeypatch.delenv("DIRECTIVES_CACHE_DIR")
    assert OcrSettings.from_env().resolved_cache_dir() == Path("~/.cache/directives/ocr").expanduser()
    with pytest.raises(ValueError):
        OcrSettings.from_env(preprocess=("gray", "sharpen"))


def test_skew_is_measured(tmp_path_factory):
    page = Image.open(sample_dir(tmp_path_factory) / "png" / SEED / "page-002.png")
    # The flatbed sample's skew (under a degree) is read as well as none: left alone.
    assert abs(skew_angle(page)) < DESKEW_ABOVE
    assert preprocess(page, ("gray", "deskew")).tobytes() == page.convert("L").tobytes()
    straight = preprocess(page.rotate(2.0, fillcolor=255), ("gray", "deskew"))
    assert abs(skew_angle(straight)) <= 0.2  # turned by the skew it had in all
    binary = preprocess(page, ("gray", "binarize"))
    import numpy as np

    values = np.asarray(binary)
    assert set(np.unique(values).tolist()) == {0, 255}
    ink = float((values == 0).mean())
    assert 0.01 < ink < 0.2  # text is ink, paper and speckles are not
    tilted = straight.rotate(1.5, fillcolor=255)
    assert abs(skew_angle(tilted) - (-1.5)) <= 0.2 or abs(skew_angle(tilted) - 1.5) <= 0.2


def test_tsv_columns_reading_order():
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        # block 1: left column; block 2: right column, on the same rows; block 3: a body line.
        (1, 1, 1, 1, 300, 200, 120, 50, "Số"), (1, 1, 1, 2, 440, 200, 300, 50, "754-CT/ĐU"),
        (2, 1, 1, 1, 1500, 205, 200, 50, "Hà"), (2, 1, 1, 2, 1720, 205, 200, 50, "Nội,"),
        (1, 1, 2, 1, 300, 270, 400, 50, "Số: 940"),
        (3, 1, 1, 1, 300, 500, 1000, 50, "Căn cứ"), (3, 1, 1, 2, 1330, 500, 900, 50, "Nghị quyết"),
        (3, 1, 1, 3, 2240, 500, 30, 50, "|"),
    ]
    tsv = "\n".join([header] + [f"5\t1\t{b}\t{p}\t{ln}\t{w}\t{x}\t{y}\t{wd}\t{h}\t{40 if t == '|' else 95}\t{t}"
                                for b, p, ln, w, x, y, wd, h, t in rows])
    assert tsv_text(tsv) == "Số 754-CT/ĐU\nSố: 940\nHà Nội,\nCăn cứ Nghị quyết"
    # the mean over the words read: seven at 95, the speck at 40
    assert tsv_confidence(tsv) == pytest.approx((7 * 95 + 40) / 8, abs=0.01)
    assert tsv_confidence(tsv.split("\n")[0]) is None  # no word: unknown, not zero


# Tesseract's words on the last page of seed 001's office copy (200 dpi, speckled, a faint seal by the
# signer): block, paragraph, line, word, box, confidence, text. The specks of 3x3 pixels read as `°`, `l`,
# `:` go; the list's dashes (8x3) and every word stay.
_OFFICE_001_P4 = [
    (1, 2, 1, 1, 237, 243, 8, 3, 90, "-"), (1, 2, 1, 2, 256, 231, 46, 21, 96, "Ban"),
    (1, 2, 1, 3, 312, 229, 48, 23, 97, "Dân"), (1, 2, 1, 4, 370, 229, 42, 27, 97, "vận"),
    (1, 2, 1, 5, 421, 230, 56, 21, 97, "Tỉnh"), (1, 2, 1, 6, 487, 230, 36, 28, 97, "ủy;"),
    (1, 3, 1, 1, 238, 280, 7, 3, 93, "-"), (1, 3, 1, 2, 256, 267, 57, 22, 93, "BTV"),
    (1, 3, 1, 3, 324, 267, 65, 28, 96, "Đảng"), (1, 3, 1, 4, 398, 267, 28, 28, 97, "ủy"),
    (1, 3, 1, 5, 437, 266, 57, 23, 96, "Khôi"), (1, 3, 1, 6, 504, 266, 38, 23, 97, "các"),
    (1, 3, 1, 7, 552, 271, 30, 18, 97, "cơ"), (1, 3, 1, 8, 590, 273, 65, 22, 97, "quan;"),
    (1, 3, 1, 9, 1164, 278, 3, 3, 82, "°"),
    (1, 4, 1, 9, 1044, 306, 125, 34, 91, "Trương"), (1, 4, 1, 10, 1178, 305, 105, 27, 96, "Thanh"),
    (1, 4, 1, 11, 1295, 306, 82, 34, 97, "Long"),
    (1, 4, 2, 1, 237, 355, 8, 3, 66, "-"), (1, 4, 2, 2, 254, 341, 77, 23, 97, "Thành"),
    (1, 4, 2, 3, 341, 341, 50, 23, 97, "viên"), (1, 4, 2, 10, 731, 341, 38, 27, 96, "bộ;"),
    (1, 4, 2, 11, 976, 345, 3, 1, 0, "l"), (1, 4, 2, 12, 1241, 342, 3, 3, 76, ":"),
    (1, 5, 1, 1, 238, 393, 7, 3, 91, "-"), (1, 5, 1, 2, 256, 381, 47, 21, 93, "Lưu"),
    (1, 5, 1, 3, 314, 381, 87, 21, 91, "VPĐU."), (1, 5, 1, 4, 563, 382, 3, 3, 0, "l"),
]


@pytest.mark.parametrize("rows, expected", [
    (_OFFICE_001_P4, "- Ban Dân vận Tỉnh ủy;\n- BTV Đảng ủy Khôi các cơ quan;\n- Thành viên bộ;\n- Lưu VPĐU.\n"
                     "Trương Thanh Long"),
    # `_` is left to the rules that know it (a speck before the header's number line, office copy of seed 002)
    ([(1, 1, 1, 1, 150, 200, 3, 3, 60, "_"), (1, 1, 1, 2, 170, 190, 40, 25, 96, "Số:"),
      (1, 1, 1, 3, 220, 190, 200, 25, 90, "754-CT/ĐU")] + _OFFICE_001_P4[1:6],
     "_ Số: 754-CT/ĐU\nBan Dân vận Tỉnh ủy;"),
    # a page of three words: too few to measure the text's height by, nothing is taken for a speck
    ([(1, 1, 1, 1, 238, 193, 43, 21, 97, "Nơi"), (1, 1, 1, 2, 292, 191, 64, 27, 97, "nhận:"),
      (1, 1, 1, 3, 563, 196, 3, 3, 80, ".")], "Nơi nhận:\n."),
])
def test_words_the_size_of_a_speck_are_specks(rows, expected):
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    tsv = "\n".join([header] + [f"5\t1\t{b}\t{p}\t{ln}\t{w}\t{x}\t{y}\t{wd}\t{h}\t{c}\t{t}"
                                for b, p, ln, w, x, y, wd, h, c, t in rows])
    text, words = tsv_page(tsv)
    assert text == expected
    assert " ".join(w[0] for w in words) == " ".join(expected.split())


def test_tsv_words_keep_their_confidence_in_reading_order():
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [  # the header of a real scan (dhdl_01): the number is handwritten into the blank
        (1, 1, 1, 1, 300, 200, 80, 50, "Số:", 91), (1, 1, 1, 2, 400, 200, 120, 50, "Ø4£4", 27),
        (1, 1, 1, 3, 540, 200, 300, 50, "/TB-ĐHĐL", 88),
        (2, 1, 1, 1, 1500, 205, 120, 50, "Hà", 96), (2, 1, 1, 2, 1640, 205, 120, 50, "Nội,", 95),
        (1, 1, 2, 1, 300, 270, 400, 50, "TRƯỜNG", 93),
    ]
    tsv = "\n".join([header] + [f"5\t1\t{b}\t{p}\t{ln}\t{w}\t{x}\t{y}\t{wd}\t{h}\t{c}\t{t}"
                                for b, p, ln, w, x, y, wd, h, t, c in rows])
    text, words = tsv_page(tsv)
    assert text == "Số: Ø4£4 /TB-ĐHĐL\nTRƯỜNG\nHà Nội,"
    assert [w[0] for w in words] == ["Số:", "Ø4£4", "/TB-ĐHĐL", "TRƯỜNG", "Hà", "Nội,"]
    spans = word_spans(text, words)
    assert [text[s:e] for s, e, *_ in spans] == [w[0] for w in words]
    assert [w[2] for w in spans] == [91, 27, 88, 93, 96, 95]
    assert spans[1][3:] == [400, 200, 520, 250]  # the box: left, top, right, bottom


def test_references_carry_their_page_and_word_confidence(tmp_path_factory, tmp_path):
    from pipeline.document import analyze_text

    out = sample_dir(tmp_path_factory)
    png = out / "png" / SEED / "page-002.png"
    doc = read_image(png, sha256_file(png), settings=_settings(tmp_path))
    words = doc.pages[0].words
    assert words and all(doc.text[s:e].strip() == doc.text[s:e] and e > s for s, e, *_ in words)
    result = analyze_text(doc.text, source=str(png), raw=doc)
    numbered = [r for r in result.references if r.symbol]
    assert numbered and all(r.page == 1 and r.ocr_confidence is not None for r in numbered)
    # Most words are read with confidence; OCR's doubled `QĐÐ` (`290-QĐÐ/TW`) is not, and is flagged.
    assert sum(r.ocr_confidence > 60 for r in numbered) >= len(numbered) - 1
    flagged = {(w.start, w.end) for w in result.warnings if w.code == "ocr_low_confidence"}
    assert flagged == {(r.start, r.end) for r in numbered if r.ocr_confidence < 60}
    # the cache keeps them: the same page again has the same words
    assert read_image(png, sha256_file(png), settings=_settings(tmp_path)).pages[0].words == words


def test_a_degraded_page_has_lower_confidence(tmp_path_factory, tmp_path):
    from PIL import ImageFilter

    out = sample_dir(tmp_path_factory)
    png = out / "png" / SEED / "page-002.png"
    with Image.open(png) as img:
        w, h = img.size
        top = img.convert("L").crop((0, 0, w, h // 3))  # a third of the page keeps the test short
    clean, damaged = tmp_path / "clean.png", tmp_path / "damaged.png"
    top.save(clean)
    # a fax-like copy: a quarter of the resolution, blurred, scaled back up
    top.resize((w // 4, h // 12)).filter(ImageFilter.GaussianBlur(1.2)).resize(top.size).save(damaged)
    settings = _settings(tmp_path)
    good = read_image(clean, sha256_file(clean), settings=settings).pages[0].confidence
    bad = read_image(damaged, sha256_file(damaged), settings=settings).pages[0].confidence
    assert good is not None and bad is not None and bad < good - 10


def test_columns_text_on_an_empty_page():
    assert columns_text([]) == ""


@pytest.mark.slow
def test_scanned_samples_cer_per_document(tmp_path):
    """Every seed's scanned PDF and PNG pages: CER <= 1% against the seed text (minutes)."""
    from pipeline.demo.samples import generate_samples

    out = tmp_path / "samples"
    generate_samples(CORPUS, out)
    settings = _settings(tmp_path)
    for source in sorted(CORPUS.glob("0*.txt")):
        reference = layout_text(source.read_text(encoding="utf-8"))
        scan = out / "scan-pdf" / f"{source.stem}.pdf"
        doc = read_pdf(scan, sha256_file(scan), settings=settings)
        assert cer(doc.text, reference) <= 0.01, source.stem
        pngs = sorted((out / "png" / source.stem).glob("page-*.png"))
        text = PAGE_SEPARATOR.join(read_image(p, sha256_file(p), settings=settings).text for p in pngs)
        assert cer(text, reference) <= 0.01, source.stem
