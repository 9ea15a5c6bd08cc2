"""Ingest: files -> per-document results (build/docs/<id>.json) -> corpus tables and the graph.

The unit of work is one file: `process_file(path, out_dir)` is a pure function of the file's bytes
and the pipeline version, writes its result atomically, and returns a small `FileOutcome`. It runs in
any executor (a local process pool, or Dask workers with `--scheduler`). A result already on disk for
the same bytes and version is reused.

Re-runs are incremental at two levels:
* `build/.index.json` maps each input path to (size, mtime_ns, sha256, id) of the bytes last
  ingested: a file whose size and modification time are unchanged is not even re-hashed (entries
  whose mtime is within `RACY_SECONDS` of when they were recorded are re-hashed, since a write in
  the same clock tick would not change them);
* the corpus pass (resolution, tables, graph) is skipped when the list of inputs and their results
  is the same as the last run's (`corpus_key` in manifest.json) and every output exists.

The corpus pass streams: each docs/<id>.json is read in turn and only its rows are kept (the text
is dropped), so memory grows with the number of references, not with the size of the documents.
"""
from __future__ import annotations

import gc
import glob
import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Callable, Iterable

import orjson

from graph.build import build_graph, no_gc, write_graph

from . import __version__
from . import read
from .atomic import sync_files, write_atomic
from .discover import discover
from .document import analyze_documents, analyze_text
from .errors import IngestBusy, ReadError  # noqa: F401  (IngestBusy: what ingest() raises)
from .keys import document_id
from .language import looks_vietnamese
from .model import ExtractionResult, FileOutcome, Warning
from .reference import reference_dir
from .registry import load_registry
from .store import locked, remove_leftovers, remove_stale
from .tables import corpus_tables, light_result_of, load_light_result, share_strings, write_parquet

# Bump when extraction changes what it writes: cached per-document results of an older version are redone.
PIPELINE_VERSION = f"{__version__}+x4"  # x4: every document has its text signature
INDEX_NAME = ".index.json"
OUTPUT_FILES = ("documents.parquet", "references.parquet", "chains.parquet", "nodes.parquet", "edges.parquet",
                "graph.graphml", "manifest.json")
RACY_SECONDS = 2.0


@dataclass
class IngestSummary:
    outcomes: list[FileOutcome] = field(default_factory=list)
    documents: int = 0
    references: int = 0
    nodes: int = 0
    edges: int = 0
    seconds: float = 0.0
    out_dir: str = ""
    corpus_pass: bool = True  # False when nothing changed and the tables were left as they were
    # Wall and CPU seconds (of this process; the pool's workers not counted) of each phase: "extraction"
    # (the units, from the first to the last), "corpus pass" (resolution, tables, graph, writing them).
    phases: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def failed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]


# --------------------------------------------------------------------------- the unit of work

def process_file(path: str | Path, out_dir: str | Path, explicit: bool = True,
                 light: dict[str, ExtractionResult] | None = None, fsync: bool = True) -> FileOutcome:
    """Read and extract one file (or folder of page images); write build/docs/<id>.json. Never raises
    for bad input: the outcome says what went wrong in one line. light: a dict to receive each document
    written, id -> its result as the corpus pass reads it back (`load_light_result`). fsync=False: the
    result is not flushed to disk on its own (the caller makes many durable at once: `sync_files`)."""

    started = time.perf_counter()
    path = Path(path)
    out = FileOutcome(path=str(path))
    if not path.is_dir() and path.suffix.lower() not in read.SUPPORTED_EXTENSIONS:
        out.status = "failed" if explicit else "skipped"
        out.reason = f"unsupported file type '{path.suffix or '(none)'}'"
        return out
    try:
        _process_unit(path, Path(out_dir), out, light, fsync)
    except ReadError as exc:
        out.status, out.reason = "failed", str(exc)
    except FileNotFoundError:
        out.status, out.reason = "failed", "file not found (removed during the run?)"
    except PermissionError:
        out.status, out.reason = "failed", "permission denied"
    except MemoryError:
        out.status, out.reason = "failed", "out of memory while reading"
    except OSError as exc:
        out.status, out.reason = "failed", f"cannot read or write: {exc.strerror or exc}"
    except Exception as exc:  # a bug on one file must not stop a run over thousands
        out.status, out.reason = "failed", f"internal error: {type(exc).__name__}: {exc}"
    out.seconds = time.perf_counter() - started
    return out


def _process_unit(path: Path, out_dir: Path, out: FileOutcome, light: dict | None = None,
                  fsync: bool = True) -> None:
    """Extract one document into out_dir/docs/<id>.json, or take the result already there for the same
    content; fills `out`. Raises ReadError (and OSError) for what cannot be read."""
    pages = read.page_images(path) if path.is_dir() else None
    if pages is None:
        if path.is_symlink() and not path.exists():
            raise ReadError("broken symbolic link (or a link loop)")
        if path.is_dir():
            raise ReadError("is a directory, not a file")
        if path.exists() and not path.is_file():
            raise ReadError("not a regular file (a pipe, socket or device)")
    digest = read.sha256_pages(pages) if pages is not None else read.sha256_file(path)
    out.sha256 = digest
    out.id = document_id(path, digest)
    cached = _cached_file(out_dir / "docs", out.id, digest)
    if cached is not None:
        out.cached = True
        out.references = cached.get("n_references", 0)
        out.pages = cached.get("pages", 0)
        out.warnings = cached.get("warnings", [])
        out.documents = cached.get("documents", [])
        return
    raw = read.read_document(path)
    # One result per document of the file: a gazette issue may hold several (`<id>#1`, `<id>#2`, ...).
    results = analyze_documents(raw.text, source=str(path), doc_id=out.id, raw=raw)
    if raw.sha256 != digest:
        raise ReadError("file changed while it was being read")
    vietnamese = looks_vietnamese(raw.text)
    warnings: set[str] = set()
    for result in results:
        if vietnamese is False:
            result.warnings.append(Warning("not_vietnamese", "the text does not read as Vietnamese"))
        payload = result.to_json()
        payload["pipeline_version"] = PIPELINE_VERSION
        # The corpus pass tells copies of a document by their text (pipeline.copies): those without a
        # symbol among themselves, and a scan whose number OCR lost with the copy that has it.
        from .copies import signature

        sig = signature(result.text)
        payload["signature"] = sig.tolist() if sig is not None else None
        blob = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        write_atomic(out_dir / "docs" / f"{result.document.id}.json", blob, fsync=fsync)
        if light is not None:
            try:
                light[result.document.id] = light_result_of(blob)
            except Exception:
                pass  # only saves time: the corpus pass reads the file back (and reports what it must)
        warnings.update(_summary_warnings(payload.get("warnings", [])))
    out.documents = [r.document.id for r in results] if len(results) > 1 else []
    out.references = sum(len(r.references) for r in results)
    out.pages = len(raw.pages)
    out.warnings = sorted(warnings)


SUMMARY_WARNINGS = ("not_vietnamese",)


def _summary_warnings(warnings: list[dict]) -> list[str]:
    return sorted({w.get("code") for w in warnings if w.get("code") in SUMMARY_WARNINGS})


def _cached_file(docs: Path, file_id: str, digest: str) -> dict | None:
    """The cached results of a file: `docs/<id>.json`, or `docs/<id>#1.json`, `#2`, ... for a file
    holding several documents (all of them there, for these bytes and this pipeline version)."""
    single = _cached(docs / f"{file_id}.json", digest)
    if single is not None:
        return single
    if not (docs / f"{file_id}#1.json").is_file():
        return None  # not a file of several documents: no need to list a folder of thousands of results
    parts = sorted(docs.glob(f"{glob.escape(file_id)}#*.json"), key=lambda p: _part_number(p.stem))
    if not parts or [_part_number(p.stem) for p in parts] != list(range(1, len(parts) + 1)):
        return None
    summaries = [_cached(p, digest) for p in parts]
    if any(x is None for x in summaries):
        return None
    return {"n_references": sum(x["n_references"] for x in summaries), "pages": summaries[0]["pages"],
            "warnings": sorted({w for x in summaries for w in x["warnings"]}), "documents": [p.stem for p in parts]}


def _part_number(stem: str) -> int:
    tail = stem.rsplit("#", 1)[-1]
    return int(tail) if tail.isdigit() else -1


def _cached(target: Path, digest: str) -> dict | None:
    """The cached result's summary when it is for these bytes and this pipeline version."""
    try:
        with open(target, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    if data.get("pipeline_version") != PIPELINE_VERSION or data.get("document", {}).get("sha256") != digest:
        return None
    return {"n_references": len(data.get("references", [])), "pages": data.get("document", {}).get("pages", 0),
            "warnings": _summary_warnings(data.get("warnings", []))}


# --------------------------------------------------------------------------- running many units


def _worker_init(ocr_workers: int) -> None:
    """Each document process runs tesseract single-threaded and OCRs its pages with at most
    `ocr_workers` processes of its own (pipeline.ocr reads DIRECTIVES_OCR_WORKERS), so documents in
    parallel times pages in parallel never exceeds the cores."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    os.environ["DIRECTIVES_OCR_WORKERS"] = str(max(1, ocr_workers))


def _solo_init(ocr_workers: int) -> None:
    """A file redone alone after its process died: if the death was a crash inside libtesseract, the
    `tesseract` command reads its pages this time, and a crash there is one page's error."""
    _worker_init(ocr_workers)
    from .ocr import use_tesseract_command

    use_tesseract_command()


def ocr_workers_per_document(workers: int, n_files: int) -> int:
    """Cores left for a document's own page OCR when `workers` documents run at once."""
    if os.environ.get("DIRECTIVES_OCR_WORKERS", "").strip():
        return int(os.environ["DIRECTIVES_OCR_WORKERS"])
    cores = os.cpu_count() or 1
    return max(1, cores // max(1, min(workers, n_files)))


_WARM_UP_TEXT = ("Căn cứ Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương về tăng "
                 "cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới. "
                 "Thực hiện.")


def _warm_up() -> None:
    """Load the extractor and what it loads lazily (underthesea's sentence splitter, numpy and the
    permutations of a text's signature) once, here, so the forked pool processes inherit them instead
    of each loading them."""
    try:
        analyze_text(_WARM_UP_TEXT)
        from .copies import signature

        signature(_WARM_UP_TEXT)
    except Exception:
        pass  # a warm-up only saves time; the units report their own errors


def _prepare_corpus_pass() -> None:
    """Import and load what the corpus pass would load on first use (pyarrow's Parquet writer, rapidfuzz,
    the laws and the registry: 0.06-0.09 s), in a thread of this process while the pool's processes
    extract: this process only waits for their results then, and the pass after them runs alone."""
    try:
        import pyarrow.parquet  # noqa: F401
        import rapidfuzz.distance  # noqa: F401
        import rapidfuzz.fuzz  # noqa: F401

        from .laws import load_laws

        load_laws()
        load_registry()
    except Exception:
        pass  # only saves time: the pass loads what it needs itself


def _unit(path: Path, out_dir: Path, explicit: bool) -> FileOutcome:
    """What a pool process runs: `process_file`, looked up when called (so the unit is the module's)."""
    return process_file(path, out_dir, explicit)


def _units(batch: list[tuple[Path, bool]], out_dir: Path) -> tuple[list[FileOutcome], dict[str, ExtractionResult]]:
    """Several files in one task: text files take milliseconds each, less than a task's round trip.
    With the outcomes, the results written, as the corpus pass reads them: made here, in parallel, they
    come back pickled (a fifth of the cost of reading and decoding the files in the one process)."""
    light: dict[str, ExtractionResult] = {}
    outcomes = [process_file(path, out_dir, explicit, light, fsync=False) for path, explicit in batch]
    share_strings(light.values())
    return outcomes, light


# Files read in milliseconds (plain text, markdown, web pages) go to the pool in batches; PDFs, images,
# Office files and page folders, which may take minutes (OCR), one per task so no worker waits on another.
_QUICK = read.TEXT_EXTENSIONS | read.MARKDOWN_EXTENSIONS | read.WEB_EXTENSIONS


def _batches(files: list[tuple[Path, bool]], workers: int) -> list[list[int]]:
    """Positions of the files grouped into tasks: the slow ones alone, first; then the quick ones in
    batches of up to 32, each an eighth of what is left per worker, so they shrink towards the end
    (guided scheduling): big batches while there is much to do cut the round trips, and the last ones,
    of a file or two, leave no worker idle while another finishes a long batch."""
    quick = [i for i, (p, _) in enumerate(files) if p.suffix.lower() in _QUICK and not p.is_dir()]
    slow = sorted(set(range(len(files))) - set(quick))
    batches = [[i] for i in slow]
    k = 0
    while k < len(quick):
        size = max(1, min(32, (len(quick) - k) // (workers * 8)))
        batches.append(quick[k:k + size])
        k += size
    return batches


def _cluster_unit(path: str, out_dir: str, explicit: bool) -> FileOutcome:
    """`process_file` on a cluster worker: tesseract single-threaded and a document's pages OCR'd in
    this process only, since the cluster's parallelism is one unit per worker thread."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    os.environ.setdefault("DIRECTIVES_OCR_WORKERS", "1")
    return process_file(path, out_dir, explicit)


def run_units(files: list[tuple[Path, bool]], out_dir: Path, workers: int = 1,
              on_done: Callable[[FileOutcome], None] | None = None, scheduler: str | None = None,
              executor: Executor | None = None,
              on_results: Callable[[dict[str, ExtractionResult]], None] | None = None) -> list[FileOutcome]:
    """Run `process_file` over the files: in this process, a local process pool, any
    `concurrent.futures.Executor` given (its workers must see the same paths), or the Dask cluster at
    `scheduler`. Outcomes come back in the order of `files`, with the paths as given. on_results: given
    the results a local pool's processes wrote (id -> light result, see `load_light_result`), before
    on_done is called with their outcomes. When it returns, every result written is on disk: here and in
    a local pool each is written without a flush of its own and all are flushed at the end (one syncfs);
    on a cluster or another executor, whose processes may be on other machines, each unit flushes its own."""
    if not files:
        return []
    if scheduler:
        from .distributed import dask_executor  # dask only when a cluster is asked for

        with dask_executor(scheduler) as cluster:
            return run_on_executor(cluster, files, out_dir, on_done, unit=_cluster_unit)
    if executor is not None:
        return run_on_executor(executor, files, out_dir, on_done)
    if workers <= 1 or len(files) <= 1:
        outcomes: list[FileOutcome] = []
        for path, explicit in files:
            o = process_file(path, out_dir, explicit, fsync=False)
            outcomes.append(o)
            if on_done:
                on_done(o)
    else:
        outcomes = _run_on_pool(files, out_dir, workers, on_done, on_results)
    if any(o.status == "ok" and not o.cached for o in outcomes):
        sync_files(Path(out_dir) / "docs")
    return outcomes


def run_on_executor(executor: Executor, files: list[tuple[Path, bool]], out_dir: Path,
                    on_done: Callable[[FileOutcome], None] | None = None, unit=None) -> list[FileOutcome]:
    """One unit per file on an executor whose workers may run elsewhere: paths go absolute, and a unit
    that fails on every try (a worker lost again and again) is a failed outcome, not an exception."""
    unit = unit or _unit
    out_abs = os.path.abspath(out_dir)
    futures = {executor.submit(unit, os.path.abspath(path), out_abs, explicit): i
               for i, (path, explicit) in enumerate(files)}
    outcomes: dict[int, FileOutcome] = {}
    for fut in as_completed(futures):
        i = futures[fut]
        path = str(files[i][0])
        try:
            o = fut.result()
            o.path = path  # the worker saw the absolute path; report the one given
        except Exception as exc:
            o = FileOutcome(path=path, status="failed",
                            reason=f"failed on the cluster: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}")
        outcomes[i] = o
        if on_done:
            on_done(o)
    return [outcomes[i] for i in range(len(files))]


def _run_on_pool(files: list[tuple[Path, bool]], out_dir: Path, workers: int,
                 on_done: Callable[[FileOutcome], None] | None,
                 on_results: Callable[[dict[str, ExtractionResult]], None] | None = None) -> list[FileOutcome]:
    """A local process pool; a worker that dies takes the pool with it, so what was unfinished is
    redone, each file in a process of its own."""
    _warm_up()
    by_position: dict[int, FileOutcome] = {}
    unfinished: list[int] = []
    initargs = (ocr_workers_per_document(workers, len(files)),)
    # What this process holds (modules, the warm extractor) is moved out of the cycle collector's sight
    # before the pool forks: a collection in a worker would otherwise touch every inherited object and
    # copy its memory page (gc.freeze's documented use).
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=min(workers, len(files)), initializer=_worker_init,
                                 initargs=initargs) as pool:
            futures = {pool.submit(_units, [files[i] for i in batch], out_dir): batch
                       for batch in _batches(files, workers)}
            # Started once the pool has forked its processes (an import under way in another thread
            # while forking could leave a child waiting on the import lock forever); joined before any
            # other process is forked below.
            preparing = threading.Thread(target=_prepare_corpus_pass, name="prepare-corpus-pass", daemon=True)
            preparing.start()
            for fut in as_completed(futures):
                batch = futures[fut]
                try:
                    done, light = fut.result()
                    if on_results and light:
                        on_results(light)
                except BrokenProcessPool:
                    # Which file killed the worker (killed, out of memory, a crash in a C library) is
                    # unknown, so every unit not finished is redone below.
                    unfinished.extend(batch)
                    continue
                except Exception as exc:
                    done = [FileOutcome(path=str(files[i][0]), status="failed", reason=f"worker failed: {exc}")
                            for i in batch]
                for i, o in zip(batch, done):
                    by_position[i] = o
                    if on_done:
                        on_done(o)
            preparing.join()
    finally:
        gc.unfreeze()
    if unfinished:
        def isolated(i: int) -> tuple[int, FileOutcome]:
            with ProcessPoolExecutor(max_workers=1, initializer=_solo_init, initargs=initargs) as solo:
                try:
                    return i, solo.submit(_unit, files[i][0], out_dir, files[i][1]).result()
                except BrokenProcessPool:
                    return i, FileOutcome(path=str(files[i][0]), status="failed",
                                          reason="worker process died while reading it (out of memory or a crash)")
                except Exception as exc:
                    return i, FileOutcome(path=str(files[i][0]), status="failed", reason=f"worker failed: {exc}")

        with ThreadPoolExecutor(max_workers=workers) as threads:
            for i, o in threads.map(isolated, sorted(unfinished)):
                by_position[i] = o
                if on_done:
                    on_done(o)
    return [by_position[i] for i in range(len(files))]


# --------------------------------------------------------------------------- the incremental index


def _load_index(out: Path) -> dict:
    try:
        with open(out / INDEX_NAME, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("pipeline_version") != PIPELINE_VERSION:
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def _stat_key(path: Path) -> tuple[int, int] | None:
    try:
        if path.is_dir():  # a folder of page images: its pages' sizes and latest change
            pages = read.page_images(path) or []
            stats = [p.stat() for p in pages]
            return sum(st.st_size for st in stats) + len(stats), max((st.st_mtime_ns for st in stats), default=0)
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _from_index(path: Path, stat: tuple[int, int] | None, entry: dict | None, docs: Path) -> FileOutcome | None:
    """The outcome of an unchanged file from the index, without reading it; None when it must be
    processed (new, changed, racy, or its result is missing)."""
    if not entry or stat is None or [entry.get("size"), entry.get("mtime_ns")] != list(stat):
        return None
    if stat[1] + RACY_SECONDS * 1e9 > entry.get("recorded_ns", 0):
        return None  # modified too close to when it was recorded: a same-size rewrite would not show
    doc_id = entry.get("id")
    parts = list(entry.get("documents") or [])
    if not doc_id or not all((docs / f"{d}.json").is_file() for d in (parts or [doc_id])):
        return None
    return FileOutcome(path=str(path), id=doc_id, sha256=entry.get("sha256"), cached=True,
                       references=entry.get("references", 0), pages=entry.get("pages", 0),
                       warnings=list(entry.get("warnings", [])), documents=parts)


def _index_key(path: Path) -> str:
    return os.path.abspath(path)


def _reference_fingerprint() -> list:
    """What, besides the per-document results, the corpus pass depends on: the reference data."""
    try:
        folder = reference_dir()
        return sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.glob("*.csv"))
    except Exception:
        return []


def _corpus_key(outcomes: list[FileOutcome]) -> str:
    rows = [(o.path, o.status, o.id, o.reason) for o in outcomes if o.status != "skipped"]
    blob = json.dumps([PIPELINE_VERSION, _reference_fingerprint(), rows], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


_OUTCOME_FIELDS = tuple(f.name for f in fields(FileOutcome))


def _outcome_dict(o: FileOutcome) -> dict:
    """asdict(o) for an outcome (flat: strings, numbers and lists of strings) without asdict's deep copy
    (a twentieth of the corpus pass at 10,000 files)."""
    d = {name: getattr(o, name) for name in _OUTCOME_FIELDS}
    d["warnings"], d["documents"] = list(o.warnings), list(o.documents)
    return d


def _previous_manifest(out: Path) -> dict:
    try:
        with open(out / "manifest.json", encoding="utf-8") as f:
            data = json.load(f)
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _json(data: dict, indent: bool = False) -> bytes:
    """JSON of the manifest and the index, by orjson: json's indented encoder, pure Python, was a tenth
    of the corpus pass at 10,000 files."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 if indent else 0)


def ingest(paths: list[str | Path], out_dir: str | Path, workers: int | None = None,
           on_start: Callable[[int], None] | None = None, on_done: Callable[[FileOutcome], None] | None = None,
           scheduler: str | None = None, exclude: Iterable[str] = ()) -> IngestSummary:
    """Ingest files and folders into `out_dir`: per-document results, then the corpus tables and the
    graph; `exclude`: patterns of files and folders under the given folders to leave out (see
    `discover`). Raises OSError only when the outputs cannot be written (the earlier ones stay intact)."""
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with locked(out):
        remove_leftovers(out)
        return _ingest(paths, out, workers, on_start, on_done, scheduler, started, tuple(exclude))


def _ingest(paths, out: Path, workers, on_start, on_done, scheduler, started: float,
            exclude: tuple[str, ...] = ()) -> IngestSummary:
    docs = out / "docs"
    files = list(discover(paths, exclude))
    if on_start:
        on_start(len(files))
    workers = workers or os.cpu_count() or 1

    # Unchanged files (same size and mtime as recorded) are answered from the index, unread.
    index = _load_index(out)
    stats: dict[int, tuple[int, int] | None] = {}
    by_position: dict[int, FileOutcome] = {}
    fast: set[int] = set()
    todo: list[int] = []
    for i, (path, explicit) in enumerate(files):
        if path.suffix.lower() not in read.SUPPORTED_EXTENSIONS and not explicit and not path.is_dir():
            o = FileOutcome(path=str(path), status="skipped",
                            reason=f"unsupported file type '{path.suffix or '(none)'}'")
        else:
            stats[i] = _stat_key(path)
            o = _from_index(path, stats[i], index.get(_index_key(path)), docs)
        if o is None:
            todo.append(i)
            continue
        by_position[i] = o
        fast.add(i)
        if on_done:
            on_done(o)
    # The corpus pass reads back every result; those made now are read as their units finish, while
    # the pool works on the others (this process would only wait), not after the last one.
    ready: dict[str, ExtractionResult] = {}

    def finished(o: FileOutcome) -> None:
        if o.status == "ok" and not o.cached:
            for doc_id in o.document_ids:
                if doc_id in ready:
                    continue  # handed back by the pool process that wrote it
                try:
                    ready[doc_id] = load_light_result(out, doc_id)
                except Exception:
                    pass  # read again, and reported if it must be, by the corpus pass
        if on_done:
            on_done(o)

    phases: dict[str, tuple[float, float]] = {}
    wall, cpu = time.perf_counter(), time.process_time()
    done = run_units([files[i] for i in todo], out, workers=workers, on_done=finished, scheduler=scheduler,
                     on_results=ready.update)
    phases["extraction"] = (time.perf_counter() - wall, time.process_time() - cpu)
    by_position.update(zip(todo, done))
    outcomes = [by_position[i] for i in range(len(files))]

    # The same bytes under the same name, reached twice (named twice, or copies in two folders),
    # are one document: the first is kept, the others say so.
    seen: dict[str, str] = {}
    for o in outcomes:
        if o.status == "ok" and o.id:
            if o.id in seen:
                o.status, o.reason = "skipped", f"same content as {seen[o.id]}"
            else:
                seen[o.id] = o.path
    ok_ids = list(dict.fromkeys(d for o in outcomes if o.status == "ok" for d in o.document_ids))

    now = time.time_ns()
    new_index = {}
    for i, o in enumerate(outcomes):
        if o.status == "ok" and o.id and stats.get(i) is not None:
            old = index.get(_index_key(Path(o.path)), {})
            new_index[_index_key(Path(o.path))] = {
                "size": stats[i][0], "mtime_ns": stats[i][1], "sha256": o.sha256, "id": o.id,
                "references": o.references, "pages": o.pages, "warnings": o.warnings, "documents": o.documents,
                # When this content was last seen to match this size and mtime (see RACY_SECONDS).
                "recorded_ns": old.get("recorded_ns", now) if i in fast else now,
            }

    key = _corpus_key(outcomes)
    previous = _previous_manifest(out)
    if previous.get("corpus_key") == key and all((out / name).exists() for name in OUTPUT_FILES):
        # Same inputs, same results, same reference data: the tables and the graph are up to date.
        totals = previous.get("totals", {})
        if new_index != index:
            write_atomic(out / INDEX_NAME, _json({"pipeline_version": PIPELINE_VERSION, "files": new_index}))
        return IngestSummary(outcomes=outcomes, documents=len(ok_ids), references=totals.get("references", 0),
                             nodes=totals.get("nodes", 0), edges=totals.get("edges", 0),
                             seconds=time.perf_counter() - started, out_dir=str(out), corpus_pass=False,
                             phases=phases)

    wall, cpu = time.perf_counter(), time.process_time()
    # Every table is written into a staging folder first and moved in only when all of them were
    # written: a full disk or a crash leaves the previous set whole, never new documents with old
    # edges. The manifest (with the key that lets the next run skip this pass) goes in last.
    stage = Path(tempfile.mkdtemp(prefix=".stage-", dir=out))
    try:
        # The three corpus tables are written while the graph is built from them, the graph's files
        # after: Arrow encodes and the disk syncs outside the GIL, beside the build's Python.
        with ThreadPoolExecutor(max_workers=4) as writers:
            with no_gc():
                results = [ready.pop(d, None) or load_light_result(out, d) for d in ok_ids]
                ready.clear()
                documents, references, chains = corpus_tables(results, outcomes)
                del results
                jobs = [writers.submit(write_parquet, df, stage / f"{name}.parquet")
                        for name, df in (("references", references), ("documents", documents), ("chains", chains))]
                cg = build_graph(documents, references, chains, registry=load_registry())
            jobs.append(writers.submit(write_graph, cg, stage))
            for job in jobs:
                job.result()
        totals = {"references": len(references), "nodes": cg.g.number_of_nodes(), "edges": cg.g.number_of_edges()}
        manifest = {
            "pipeline_version": PIPELINE_VERSION,
            "inputs": [_outcome_dict(o) for o in outcomes],
            "documents": len(ok_ids), "failed": sum(o.status == "failed" for o in outcomes),
            "skipped": sum(o.status == "skipped" for o in outcomes),
            "totals": totals, "corpus_key": key,
        }
        write_atomic(stage / "manifest.json", _json(manifest, indent=True))
        for name in sorted(p.name for p in stage.iterdir() if not p.name.startswith(".")):
            if name != "manifest.json":
                os.replace(stage / name, out / name)
        os.replace(stage / "manifest.json", out / "manifest.json")
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    write_atomic(out / INDEX_NAME, _json({"pipeline_version": PIPELINE_VERSION, "files": new_index}))
    remove_stale(out, set(ok_ids))
    phases["corpus pass"] = (time.perf_counter() - wall, time.process_time() - cpu)
    return IngestSummary(outcomes=outcomes, documents=len(ok_ids), references=totals["references"],
                         nodes=totals["nodes"], edges=totals["edges"],
                         seconds=time.perf_counter() - started, out_dir=str(out), phases=phases)


