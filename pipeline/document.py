"""One document, whole: read → clean → segment → extract → resolve.

The stages each have their verb (`read_document`, `clean_text`, `segment`, `extract_text`,
`resolve_document`); this module composes them for callers that want a finished result.
"""
from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

from .keys import document_id
from .model import ExtractionResult, RawDocument
from .read import read_document
from .extract import FilePlan, extract_window, plan_documents
from .registry import Registry, load_registry
from .resolve import resolve_document


# A file is shared out between processes from this size on: below it the start of the processes costs
# more than the second core saves.
PARALLEL_MIN_CHARS = 500_000


def analyze_documents(text: str, source: str = "<text>", doc_id: str | None = None, raw: RawDocument | None = None,
                      registry: Registry | None = None, workers: int = 1) -> list[ExtractionResult]:
    """Each document of a file's text (pipeline/windows.py: one, or several for a gazette issue holding
    several; a web page's chrome in none) with its metadata, resolved references and chains.

    `workers` > 1 shares a large file's documents out between that many processes (forked, so they start
    with everything loaded); the results are the same, in the same order."""
    plan = plan_documents(text, source=source, doc_id=doc_id, raw=raw)
    n = len(plan.windows)
    if workers > 1 and n > 2 and len(text) >= PARALLEL_MIN_CHARS and "fork" in multiprocessing.get_all_start_methods():
        return _analyze_in_processes(plan, registry, min(workers, n - 1))
    return [resolve_document(extract_window(plan, k), registry=registry) for k in range(n)]


# The file a pool's processes work on: set before they are forked, so they inherit it instead of being sent it.
_PLAN: tuple[FilePlan, Registry] | None = None


def _analyze_window(k: int) -> tuple[int, ExtractionResult]:
    plan, registry = _PLAN  # type: ignore[misc]
    result = resolve_document(extract_window(plan, k), registry=registry)
    result.text = ""  # the file's text: the parent has it, and sending it back would cost more than the work
    return k, result


def _analyze_in_processes(plan: FilePlan, registry: Registry | None, workers: int) -> list[ExtractionResult]:
    """The documents of a file analyzed by forked processes, in order. The first is analyzed here first: it
    loads the lazily built tables (types, laws, the registry, compiled patterns) that the processes then share."""
    global _PLAN
    first = resolve_document(extract_window(plan, 0), registry=registry)
    _PLAN = (plan, registry or load_registry())
    # The longest documents first, each to the next free process: a gazette issue's one long document
    # started last would keep one process busy while the others wait (longest processing time first).
    order = sorted(range(1, len(plan.windows)), key=lambda k: plan.windows[k].start - plan.windows[k].end)
    results = [first] + [None] * len(order)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for k, result in pool.imap_unordered(_analyze_window, order, chunksize=1):
                result.text = plan.text
                results[k] = result
    finally:
        _PLAN = None
    return results  # type: ignore[return-value]


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def analyze_text(text: str, source: str = "<text>", doc_id: str | None = None, raw: RawDocument | None = None,
                 registry: Registry | None = None, workers: int = 1) -> ExtractionResult:
    """A text's metadata, references with their resolved targets, and chains: one result (the documents
    of a file holding several merged, see `merge_documents`)."""
    return merge_documents(analyze_documents(text, source=source, doc_id=doc_id, raw=raw, registry=registry,
                                             workers=workers))


def analyze_document(path: str | Path, doc_id: str | None = None, registry: Registry | None = None,
                     workers: int = 1) -> ExtractionResult:
    """Read a file and analyze it. Raises `pipeline.errors.ReadError` for unreadable input. `workers`: see
    `analyze_documents`."""
    raw = read_document(path)
    return analyze_text(raw.text, source=str(path), doc_id=doc_id or document_id(Path(path), raw.sha256),
                        raw=raw, registry=registry, workers=workers)


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
