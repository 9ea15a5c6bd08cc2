"""One document, whole: read → clean → segment → extract → resolve.

The stages each have their verb (`read_document`, `clean_text`, `segment`, `extract_text`,
`resolve_document`); this module composes them for callers that want a finished result.
"""
from __future__ import annotations

from pathlib import Path

from .keys import document_id
from .model import ExtractionResult, RawDocument
from .read import read_document
from .extract import extract_text
from .registry import Registry
from .resolve import resolve_document


def analyze_text(text: str, source: str = "<text>", doc_id: str | None = None, raw: RawDocument | None = None,
                 registry: Registry | None = None) -> ExtractionResult:
    """A text's metadata, references with their resolved targets, and chains."""
    return resolve_document(extract_text(text, source=source, doc_id=doc_id, raw=raw), registry=registry)


def analyze_document(path: str | Path, doc_id: str | None = None, registry: Registry | None = None) -> ExtractionResult:
    """Read a file and analyze it. Raises `pipeline.errors.ReadError` for unreadable input."""
    raw = read_document(path)
    return analyze_text(raw.text, source=str(path), doc_id=doc_id or document_id(Path(path), raw.sha256),
                        raw=raw, registry=registry)
