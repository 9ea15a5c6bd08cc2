"""One document, whole: read → clean → segment → extract → resolve.

The stages each have their verb (`read_document`, `clean_text`, `segment`, `extract_text`,
`resolve_document`); this module composes them for callers that want a finished result.
"""
from __future__ import annotations

from pathlib import Path

from .keys import document_id
from .model import ExtractionResult, RawDocument
from .read import read_document
from .extract import extract_documents
from .registry import Registry
from .resolve import resolve_document


def analyze_documents(text: str, source: str = "<text>", doc_id: str | None = None, raw: RawDocument | None = None,
                      registry: Registry | None = None) -> list[ExtractionResult]:
    """Each document of a file's text (pipeline/windows.py: one, or several for a gazette issue holding
    several; a web page's chrome in none) with its metadata, resolved references and chains."""
    return [resolve_document(r, registry=registry)
            for r in extract_documents(text, source=source, doc_id=doc_id, raw=raw)]


def analyze_text(text: str, source: str = "<text>", doc_id: str | None = None, raw: RawDocument | None = None,
                 registry: Registry | None = None) -> ExtractionResult:
    """A text's metadata, references with their resolved targets, and chains: one result (the documents
    of a file holding several merged, see `merge_documents`)."""
    return merge_documents(analyze_documents(text, source=source, doc_id=doc_id, raw=raw, registry=registry))


def analyze_document(path: str | Path, doc_id: str | None = None, registry: Registry | None = None) -> ExtractionResult:
    """Read a file and analyze it. Raises `pipeline.errors.ReadError` for unreadable input."""
    raw = read_document(path)
    return analyze_text(raw.text, source=str(path), doc_id=doc_id or document_id(Path(path), raw.sha256),
                        raw=raw, registry=registry)


def merge_documents(results: list[ExtractionResult]) -> ExtractionResult:
    """The documents of one file as one result, for a caller that wants one per file (scoring a file
    against its gold, a one-file command): the first document's metadata and id without its `#1`,
    every document's references, chains and warnings, the window around them all."""
    if len(results) == 1:
        return results[0]
    first = results[0]
    first.document.id = first.document.file_id or first.document.id
    first.document.file_id = None
    merged = ExtractionResult(document=first.document, text=first.text,
                              references=[r for x in results for r in x.references],
                              chains=[c for x in results for c in x.chains],
                              warnings=[w for x in results for w in x.warnings])
    merged.document.window = [results[0].document.window[0], results[-1].document.window[1]]
    return merged
