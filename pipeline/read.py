"""Reading: a file becomes pages of text.

`read_document(path)` dispatches on the file's extension. Every failure is a `ReadError` whose
message names the reason in one line; callers add the file name.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .model import PAGE_SEPARATOR, Page, RawDocument, Warning

TEXT_EXTENSIONS = {".txt", ".text"}
PDF_EXTENSIONS = {".pdf"}
IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS | PDF_EXTENSIONS | IMAGE_EXTENSIONS

MAX_TEXT_BYTES = 200 * 1024 * 1024


class ReadError(Exception):
    """A file that cannot be read; the message is the reason, in one line."""


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_document(path: str | Path) -> RawDocument:
    path = Path(path)
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
    if ext in TEXT_EXTENSIONS:
        return read_text_bytes(data, str(path), digest)
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


def decode_text(data: bytes) -> tuple[str, str, list[Warning]]:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 by BOM, else the best guess of
    charset-normalizer. Binary data is refused rather than decoded into garbage."""
    warnings: list[Warning] = []
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", warnings
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16", warnings
    if _looks_binary(data):
        raise ReadError("binary data, not text")
    try:
        return data.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 2 * 1024 * 1024]).best()
    if best is None or best.encoding is None:
        raise ReadError("unknown text encoding")
    encoding = best.encoding
    text = data.decode(encoding, errors="replace")
    warnings.append(Warning("encoding", f"not UTF-8; decoded as {encoding}"))
    return text, encoding, warnings


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    # Control bytes other than tab, newline, carriage return and form feed.
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(head) // 50)
