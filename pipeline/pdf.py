"""PDFs and images: the text layer where there is a usable one, Vietnamese OCR where there is not.

* Text pages are read with pypdfium2 (fast). On a first or last page where pdfium sees two columns
  side by side (the header of page 1: issuer and number left, motto and place-date right; the
  signature block: recipients left, signer right), the page is read in column order: the left
  block, then the right block, so the document's own number, date, place, issuer and signer read
  the same from the PDF as from a text file. The column order comes from pdfium's own text runs
  when they account for all the page's text (fast), else from pdfplumber's word positions
  (pdfplumber parses a page 30-50 times slower than pdfium: measured in bench/bench_ocr.py).
* A page with no text layer, or a garbage one (an old OCR layer, text in a legacy 8-bit font such
  as TCVN3 `§¶ng` or VNI `ñaûng`, mostly non-letters), is OCR'd (`pipeline.ocr`); other pages are
  not. Images (.png, .jpg, .tif, multi-page TIFF included) are OCR'd page by page.
* Pages are joined with `model.PAGE_SEPARATOR`; `Page.method` is `pdf-text` or `ocr`.
* Limits: too many pages, encrypted or corrupt PDFs and oversized images raise `ReadError` with a
  one-line reason; a single page that fails OCR becomes a warning and an empty page.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from .model import PAGE_SEPARATOR, Page, RawDocument, Warning
from .ocr import (OcrSettings, OcrStats, PageError, PageJob, PageOcr, check_pixels, columns_text, in_child_process,
                  library_in_main_process, own_pixel_limit, run_pages)
from .ocr_blanks import read_blanks
from .ocr_words import reread_symbols
from . import patterns as P
from .errors import ReadError

MIN_TEXT_CHARS = 20  # fewer non-space characters than this: no real text layer

# Latin-1 letters that Vietnamese uses; any other character of U+00A0..U+00FF in running text is the
# mark of a legacy 8-bit Vietnamese font (TCVN3/ABC, VNI) read as Windows-1252/Latin-1.
_VIETNAMESE_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýÐð\u00a0")
_LEGACY = {chr(c) for c in range(0xA1, 0x100)} - _VIETNAMESE_LATIN1
_VOWELS = "aăâeêioôơuưy"
_TONED = set(unicodedata.normalize("NFC", v + t) for v in _VOWELS + _VOWELS.upper()
             for t in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"))
# A Vietnamese syllable: optional initial consonant cluster, one to three vowels, optional final.
_SYLLABLE = re.compile(
    r"^(?:ngh|nh|ng|gh|gi|kh|ph|th|tr|ch|qu|[bcdđghklmnpqrstvx])?"
    r"[%s]{1,3}(?:ng|nh|ch|[cmnpt])?$" % "".join(sorted(_TONED)),
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")


_SPACE = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")
_LEGACY_RE = re.compile("[%s\u0080-\u009f\ufffd\ue000-\uf8ff]" % re.escape("".join(sorted(_LEGACY))))
SYLLABLE_SAMPLE = 400  # words checked per page: enough to tell, cheap on long pages


def text_layer_problem(text: str) -> str | None:
    """Why a page's text layer cannot be used as is, or None when it can. (Counting is done by
    regular expressions: this runs on every page of every text PDF.)"""
    chars = len(_SPACE.sub("", text))
    if chars < MIN_TEXT_CHARS:
        return "no text layer"
    letters = _LETTER.subn("", text)[1]
    if letters < 0.5 * chars:
        return "text layer is mostly non-letters"
    legacy = _LEGACY_RE.subn("", text)[1]
    if legacy > max(2, 0.02 * letters):
        return "text layer in a legacy Vietnamese font encoding (TCVN3/VNI)"
    words = _WORD.findall(text, 0, 20 * SYLLABLE_SAMPLE)[:SYLLABLE_SAMPLE]
    if len(words) >= 20:
        syllables = sum(1 for w in words if _SYLLABLE.match(w))
        # Abbreviations (UBND, TCCN) are not syllables, so the bar is low; OCR garbage and other
        # mojibake fall far below it.
        if syllables < 0.5 * len(words):
            return "text layer is not Vietnamese text (garbled or an old OCR layer)"
    return None


def _clean_layer_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace(PAGE_SEPARATOR, "\n")
    text = text.replace("\x00", "").replace("\ufffe", "").replace("\x02", "")
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


# ------------------------------------------------------------------------------------ columns


def _has_side_by_side_text(textpage) -> bool:
    """Whether some text sits left and right of the text area's middle on the same line with a wide
    gap between (a two-column block), judged from pdfium's text rectangles: cheap."""
    n = textpage.count_rects()
    if n < 2:
        return False
    rects = [textpage.get_rect(i) for i in range(n)]
    left_edge = min(r[0] for r in rects)
    right_edge = max(r[2] for r in rects)
    mid = (left_edge + right_edge) / 2
    lefts = [r for r in rects if r[2] < mid]
    rights = [r for r in rects if r[0] > mid]
    for a in lefts:
        for b in rights:
            overlap = min(a[3], b[3]) - max(a[1], b[1])
            if overlap > 0.5 * min(a[3] - a[1], b[3] - b[1]) and b[0] - a[2] > 20:
                return True
    return False


def _rect_items(textpage, page_height: float) -> list[dict]:
    """pdfium's text rectangles (one per run of text on a line; two columns are separate runs),
    each with the characters whose box centre falls in it, as boxes for `columns_text` (top-down
    coordinates). Characters pdfium generated (line breaks) have no box and are dropped."""
    rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
    if not rects:
        return []
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # characters outside the BMP: no index-to-text mapping; give up
        return []
    parts: list[list[str]] = [[] for _ in rects]
    current = 0
    for i, ch in enumerate(text):
        if ch in "\r\n":
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        if right <= left and top <= bottom:  # a generated space: goes with the run before it
            parts[current].append(" ")
            continue
        x, y = (left + right) / 2, (bottom + top) / 2
        r = rects[current]
        if not (r[0] - 1 <= x <= r[2] + 1 and r[1] - 1 <= y <= r[3] + 1):
            for k, r in enumerate(rects):
                if r[0] - 1 <= x <= r[2] + 1 and r[1] - 1 <= y <= r[3] + 1:
                    current = k
                    break
            else:
                return []  # a character in no run: let pdfplumber do it
        parts[current].append(ch)
    items = []
    for (left, bottom, right, top), chars in zip(rects, parts):
        run = " ".join(unicodedata.normalize("NFC", "".join(chars)).split())
        if run:
            items.append({"text": run, "x0": left, "x1": right,
                          "top": page_height - top, "bottom": page_height - bottom})
    return items


# ------------------------------------------------------------------------------------ reading


def _check_pdf_bytes(path: Path) -> None:
    try:
        with open(path, "rb") as f:
            head = f.read(1024)
            f.seek(0, 2)
            size = f.tell()
            f.seek(max(0, size - 2048))
            tail = f.read()
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from None
    if b"%PDF-" not in head:
        raise ReadError("corrupt PDF: no %PDF header")
    if b"%%EOF" not in tail:
        raise ReadError("corrupt PDF: truncated (no %%EOF at the end)")


def _open_pdf(path: Path):
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise ReadError("encrypted PDF (password required)") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise ReadError("encrypted PDF (unsupported security handler)") from None
        reason = str(exc).replace("Failed to load document ", "").strip(" .()")
        raise ReadError(f"corrupt PDF: {reason}") from None


def _has_images(page) -> bool:
    import pypdfium2.raw as pdfium_c

    for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        return True
    return False


def columns_by_pdfplumber(path: str | Path, indices: list[int]) -> dict[int, str]:
    """Column-ordered text of some pages (0-based) from pdfplumber's word positions."""
    import pdfplumber

    texts = {}
    with pdfplumber.open(path, pages=[i + 1 for i in indices]) as doc:
        for index, page in zip(indices, doc.pages):
            words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
            texts[index] = unicodedata.normalize("NFC", columns_text(words))
    return texts


def read_pdf(path: str | Path, digest: str, settings: OcrSettings | None = None,
             executor: Any = None, stats: OcrStats | None = None) -> RawDocument:
    """Pages of a PDF: the text layer where it is usable, OCR where it is not."""
    path = Path(path)
    settings = settings or OcrSettings.from_env()
    _check_pdf_bytes(path)
    pdf = _open_pdf(path)
    warnings: list[Warning] = []
    try:
        count = len(pdf)
        if count > settings.max_pages:
            raise ReadError(f"too many pages ({count} > {settings.max_pages})")
        texts: list[str] = [""] * count
        methods: list[str] = ["pdf-text"] * count
        confidences: list[float | None] = [None] * count
        words: list[list[list[int]] | None] = [None] * count
        need_ocr: list[int] = []
        columns: list[int] = []
        for index in range(count):
            try:
                page = pdf[index]
            except Exception as exc:  # a broken page object: OCR cannot help either
                warnings.append(Warning("page-unreadable", f"page {index + 1}: {exc}"))
                continue
            try:
                textpage = page.get_textpage()
                text = _clean_layer_text(textpage.get_text_range())
                problem = text_layer_problem(text)
                if problem == "no text layer" and not _has_images(page):
                    problem = None  # a blank page, or one with a few words and nothing else
                if problem:
                    need_ocr.append(index)
                    if problem != "no text layer":
                        warnings.append(Warning("text-layer", f"page {index + 1}: {problem}; OCR'd instead"))
                else:
                    texts[index] = text
                    # Layout only matters where the metadata sits: the first and the last page.
                    if index in (0, count - 1) and _has_side_by_side_text(textpage):
                        ordered = columns_text(_rect_items(textpage, page.get_height()))
                        # pdfium's runs read in column order; if they do not account for the
                        # whole text layer, pdfplumber's word positions do it instead.
                        if sorted(_SPACE.sub("", ordered)) == sorted(_SPACE.sub("", text)):
                            texts[index] = ordered
                        else:
                            columns.append(index)
                textpage.close()
            finally:
                page.close()
    finally:
        pdf.close()

    if columns:
        try:
            for index, text in columns_by_pdfplumber(path, columns).items():
                if text.strip():
                    texts[index] = text
        except Exception as exc:  # pdfium read the text already: keep its order
            warnings.append(Warning("layout", f"column order not recovered: {type(exc).__name__}: {exc}"))

    if need_ocr:
        jobs = [PageJob(index=i, pdf_path=str(path), source_sha256=digest) for i in need_ocr]
        _ocr_into(jobs, settings, executor, stats, texts, methods, warnings, total=count, confidences=confidences,
                  words=words)
    pages = [Page(i + 1, texts[i], methods[i], confidences[i], words[i]) for i in range(count)]
    return RawDocument(path=str(path), sha256=digest, pages=pages, warnings=warnings)


def second_readings(job: PageJob, settings: OcrSettings, result: PageOcr, first_page: bool) -> list[Warning]:
    """What reading a page gives beyond Tesseract's first reading (`run_pages`), in place on `result`:
    on a document's first page the header's number and date written into the form's blanks, read again
    or kept as `?` (`pipeline.ocr_blanks`); on every page the symbols read from low-confidence words,
    read again by a second engine where it agrees (`pipeline.ocr_words`). The warnings they give."""
    if result.error:
        return []
    warnings: list[Warning] = []
    if first_page:
        result.text = slash_of_number_line(result.text)
        result.text, result.words, notes = read_blanks(job, settings, result.text, result.words, result.turned)
        warnings.extend(Warning("ocr_blank", f"page 1: {note}") for note in notes)
    result.text, result.words, notes = reread_symbols(job, settings, result.text, result.words,
                                                       result.turned)
    warnings.extend(Warning("ocr_symbol_reread", f"page {result.index + 1}: {note}") for note in notes)
    return warnings


def _second_readings_of(jobs: list[PageJob], settings: OcrSettings, results: list[PageOcr],
                        first_page: bool) -> list[tuple[PageOcr, list[Warning]]]:
    """`second_readings` of each page read: the pages, changed in place, with their warnings."""
    return [(result, second_readings(job, settings, result, first_page and result.index == 0))
            for job, result in zip(jobs, results)]


def _ocr_into(jobs: list[PageJob], settings: OcrSettings, executor: Any, stats: OcrStats | None,
              texts: list[str], methods: list[str], warnings: list[Warning], total: int,
              confidences: list[float | None] | None = None, words: list | None = None,
              first_page: bool = True) -> None:
    results = run_pages(jobs, settings, executor=executor, stats=stats)
    if library_in_main_process():  # the second readings call libtesseract too: not in this process
        readings = in_child_process(_second_readings_of, jobs, settings, results, first_page)
    else:
        readings = _second_readings_of(jobs, settings, results, first_page)
    failed = []
    for result, page_warnings in readings:
        warnings.extend(page_warnings)
        methods[result.index] = "ocr"
        if confidences is not None:
            confidences[result.index] = result.confidence
        if words is not None and not result.error:
            words[result.index] = result.words
        if result.error:
            failed.append(result)
            warnings.append(Warning("ocr-failed", f"page {result.index + 1}: {result.error}"))
            texts[result.index] = ""
        else:
            texts[result.index] = result.text
    if failed and len(failed) == total:
        first = failed[0].error
        raise ReadError(f"OCR failed on every page ({first})" if total > 1 else f"OCR failed: {first}")


def slash_of_number_line(text: str) -> str:
    """The header's number line with its printed slash put back where OCR read it as a stop
    (`patterns.NUMBER_LINE_DOT_SLASH_RE`): the blanks' reader then finds the printed symbol. One
    character for one, so that the word boxes still match the text."""
    m = P.NUMBER_LINE_DOT_SLASH_RE.search(text, 0, 1500)
    return text if m is None else text[:m.start("dot")] + "/" + text[m.end("dot"):]


def read_image(path: str | Path, digest: str, settings: OcrSettings | None = None,
               executor: Any = None, stats: OcrStats | None = None, first_page: bool = True) -> RawDocument:
    """OCR of an image file, one page per frame (multi-page TIFF). `first_page`: its first frame is a
    document's first page (its header's blanks are read again: `pipeline.ocr_blanks`)."""
    from PIL import Image, UnidentifiedImageError

    path = Path(path)
    settings = settings or OcrSettings.from_env()
    try:
        with own_pixel_limit(), Image.open(path) as img:  # reads the header only: nothing decoded yet
            frames = getattr(img, "n_frames", 1) or 1
            if frames > settings.max_pages:
                raise ReadError(f"too many pages ({frames} > {settings.max_pages})")
            for frame in range(frames):
                if frame:
                    img.seek(frame)
                check_pixels(img.size[0], img.size[1], settings)
    except PageError as exc:
        raise ReadError(str(exc)) from None
    except UnidentifiedImageError:
        raise ReadError("not a readable image (unknown or damaged format)") from None
    except (OSError, ValueError, EOFError) as exc:
        raise ReadError(f"damaged image: {' '.join(str(exc).split())}") from None
    texts = [""] * frames
    methods = ["ocr"] * frames
    warnings: list[Warning] = []
    jobs = [PageJob(index=i, image_path=str(path), source_sha256=digest) for i in range(frames)]
    confidences: list[float | None] = [None] * frames
    words: list[list[list[int]] | None] = [None] * frames
    _ocr_into(jobs, settings, executor, stats, texts, methods, warnings, total=frames, confidences=confidences,
              words=words, first_page=first_page)
    pages = [Page(i + 1, texts[i], "ocr", confidences[i], words[i]) for i in range(frames)]
    return RawDocument(path=str(path), sha256=digest, pages=pages, warnings=warnings)
