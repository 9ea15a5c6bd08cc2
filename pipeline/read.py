"""Reading: a file becomes pages of text.

`read_document(path)` dispatches on the file's extension. Every failure is a `ReadError` whose
message names the reason in one line; callers add the file name.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .errors import ReadError
from .model import PAGE_SEPARATOR, Page, RawDocument, Warning
from .text_encoding import decode_text  # noqa: F401  (also read_document's text path)

TEXT_EXTENSIONS = {".txt", ".text"}
# Markdown is read as the text it is; its markup is neutralized before extraction (pipeline/markup.py).
MARKDOWN_EXTENSIONS = {".md", ".markdown"}
PDF_EXTENSIONS = {".pdf"}
IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
# Web pages (pipeline.read_web) and word-processor files (pipeline.read_office).
WEB_EXTENSIONS = {".html", ".htm", ".xhtml"}
WORD_EXTENSIONS = {".docx"}
CONVERTED_EXTENSIONS = {".doc", ".odt", ".rtf"}
SUPPORTED_EXTENSIONS = (TEXT_EXTENSIONS | MARKDOWN_EXTENSIONS | PDF_EXTENSIONS | IMAGE_EXTENSIONS | WEB_EXTENSIONS
                        | WORD_EXTENSIONS | CONVERTED_EXTENSIONS)

MAX_TEXT_BYTES = 200 * 1024 * 1024


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# A folder of page images named by page (`page-001.png`, `trang_2.jpg`, `p3.tif`) is one document.
PAGE_IMAGE_RE = re.compile(r"^(?:page|trang|p)[-_ ]?(\d{1,4})\.(?:png|jpe?g|tiff?)$", re.IGNORECASE)


def page_images(folder: str | Path) -> list[Path] | None:
    """The page images of a page folder in page order, or None when the folder is not one (it holds
    anything else, or no page image)."""
    folder = Path(folder)
    try:
        entries = [e for e in folder.iterdir() if not e.name.startswith(".")]
    except OSError:
        return None
    if not entries or any(not e.is_file() or not PAGE_IMAGE_RE.match(e.name) for e in entries):
        return None
    return sorted(entries, key=lambda e: int(PAGE_IMAGE_RE.match(e.name).group(1)))


def sha256_pages(pages: list[Path]) -> str:
    h = hashlib.sha256()
    for p in pages:
        h.update(p.name.encode("utf-8") + b"\0" + sha256_file(p).encode("ascii") + b"\n")
    return h.hexdigest()


def read_document(path: str | Path) -> RawDocument:
    path = Path(path)
    if path.is_dir():
        pages = page_images(path)
        if pages is None:
            raise ReadError("is a folder, not a document (a folder is one document only when it holds "
                            "page images named page-001.png, page-002.png, ...)")
        return read_page_folder(path, pages)
    ext = path.suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        raise ReadError(f"unsupported file type '{ext or '(none)'}'")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError("file not found (removed during the run?)") from None
    except IsADirectoryError:
        raise ReadError("is a directory") from None
    except PermissionError:
        raise ReadError("permission denied") from None
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from None
    if not data:
        raise ReadError("empty file")
    digest = hashlib.sha256(data).hexdigest()
    if ext in TEXT_EXTENSIONS or ext in MARKDOWN_EXTENSIONS:
        return read_text_bytes(data, str(path), digest)
    if ext in WEB_EXTENSIONS:
        from .read_web import read_html  # trafilatura and lxml only when needed

        return read_html(data, str(path), digest)
    if ext in WORD_EXTENSIONS:
        from .read_office import read_docx_bytes

        return read_docx_bytes(data, str(path), digest)
    if ext in CONVERTED_EXTENSIONS:
        from .read_office import read_converted

        return read_converted(path, data, digest)
    if ext in PDF_EXTENSIONS:
        from .pdf import read_pdf  # pypdfium2 / pdfplumber only when needed

        return read_pdf(path, digest)
    from .pdf import read_image

    return read_image(path, digest)


def read_text_bytes(data: bytes, source: str, digest: str) -> RawDocument:
    if len(data) > MAX_TEXT_BYTES:
        raise ReadError(f"text file too large ({len(data) // (1024 * 1024)} MB > {MAX_TEXT_BYTES // (1024 * 1024)} MB)")
    text, encoding, warnings = decode_text(data)
    if PAGE_SEPARATOR in text:
        # A form feed in a text file is a page break the author put there: keep it as one.
        pages = [Page(i + 1, t, "text") for i, t in enumerate(text.split(PAGE_SEPARATOR))]
    else:
        pages = [Page(1, text, "text")]
    return RawDocument(path=source, sha256=digest, pages=pages, warnings=warnings, encoding=encoding)


def _joined_words(pages: list[Page]) -> list[list[int]] | None:
    """The word confidences of pages joined with a line break, in the joined text's offsets."""
    if any(p.words is None for p in pages):
        return None
    out: list[list[int]] = []
    base = 0
    for p in pages:
        out.extend([w[0] + base, w[1] + base, *w[2:]] for w in p.words or [])
        base += len(p.text) + 1
    return out


def read_page_folder(folder: Path, pages: list[Path]) -> RawDocument:
    """OCR each page image of a page folder (cached per image) into one document."""
    from .pdf import read_image

    digest = sha256_pages(pages)
    out: list[Page] = []
    warnings: list[Warning] = []
    for n, image in enumerate(pages, start=1):
        try:
            doc = read_image(image, sha256_file(image), first_page=n == 1)
        except ReadError as exc:
            warnings.append(Warning("page_failed", f"{image.name}: {exc}"))
            out.append(Page(n, "", "ocr"))
            continue
        text = "\n".join(p.text for p in doc.pages)
        known = [p.confidence for p in doc.pages if p.confidence is not None]
        out.append(Page(n, text.replace(PAGE_SEPARATOR, "\n"), "ocr", sum(known) / len(known) if known else None,
                        _joined_words(doc.pages)))
        warnings.extend(doc.warnings)
    if all(not p.text.strip() for p in out):
        raise ReadError("no text on any page")
    return RawDocument(path=str(folder), sha256=digest, pages=out, warnings=warnings)
