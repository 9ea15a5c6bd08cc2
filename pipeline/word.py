"""Reading Word files: a .docx becomes one page of text."""
from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import ReadError
from .model import Page, RawDocument


def read_docx(path: str | Path) -> RawDocument:
    """A .docx as one page of text: paragraphs and table cells in document order (the two-column
    header of a Vietnamese document is usually a table: issuer | motto, number | place and date)."""
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - a dependency
        raise ReadError(f"python-docx is not installed ({exc})") from None
    path = Path(path)
    try:
        data = path.read_bytes()
        document = docx.Document(str(path))
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from None
    except Exception as exc:  # python-docx raises zipfile, KeyError, PackageNotFoundError, lxml errors
        raise ReadError(f"not a valid .docx file ({exc.__class__.__name__})") from None
    lines: list[str] = []

    def walk(parent) -> None:
        for child in parent.iter_inner_content() if hasattr(parent, "iter_inner_content") else ():
            if isinstance(child, Paragraph):
                lines.append(child.text)
            elif isinstance(child, Table):
                for row in child.rows:
                    seen = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:  # merged cells repeat
                            continue
                        seen.add(id(cell._tc))
                        walk(cell)

    walk(document)
    text = "\n".join(lines)
    if not text.strip():
        raise ReadError("no text in the .docx file")
    return RawDocument(path=str(path), sha256=hashlib.sha256(data).hexdigest(), pages=[Page(1, text, "text")],
                       encoding="docx")
