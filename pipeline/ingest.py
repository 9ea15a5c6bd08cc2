"""Ingest: files -> per-document results (build/docs/<id>.json) -> corpus tables and the graph.

The unit of work is one file: `process_file(path, out_dir)` is a pure function of the file's bytes
and the pipeline version, writes its result atomically, and returns a small `FileOutcome`. It runs in
any executor (a local process pool, or Dask workers with `--scheduler`). A result already on disk for
the same bytes and version is reused, so re-running over an unchanged corpus only hashes files.
The corpus pass then reads the per-document results and rewrites the tables and the graph.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import __version__
from .model import ExtractionResult

# Bump when extraction changes what it writes: cached per-document results of an older version are redone.
PIPELINE_VERSION = f"{__version__}+x1"
IGNORED_NAMES = {"manifest.json", "SOURCES.tsv"}
IGNORED_DIRS = {".git", "__pycache__", ".ipynb_checkpoints", "gold", "reference"}


@dataclass
class FileOutcome:
    path: str
    id: str | None = None
    sha256: str | None = None
    status: str = "ok"  # ok | failed | skipped
    reason: str | None = None
    cached: bool = False
    references: int = 0
    pages: int = 0
    seconds: float = 0.0


@dataclass
class IngestSummary:
    outcomes: list[FileOutcome] = field(default_factory=list)
    documents: int = 0
    references: int = 0
    nodes: int = 0
    edges: int = 0
    seconds: float = 0.0
    out_dir: str = ""

    @property
    def failed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]


# --------------------------------------------------------------------------- files


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text[:60] or "doc"


def document_id(path: Path, sha256: str) -> str:
    """Stable id: the file name's slug and the content hash (so a changed file is a new result)."""
    return f"{slug(path.stem)}-{sha256[:8]}"


def discover(paths: Iterable[str | Path]) -> Iterator[tuple[Path, bool]]:
    """Files under the given paths, in a stable order; (path, named explicitly on the command line).
    Symbolic links to folders are not followed, so a link loop cannot trap the walk."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in IGNORED_DIRS)
                for name in sorted(files):
                    if name.startswith(".") or name in IGNORED_NAMES:
                        continue
                    yield Path(root) / name, False
        else:
            yield p, True


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over the target: a crash
    leaves either the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# --------------------------------------------------------------------------- the unit of work


def process_file(path: str | Path, out_dir: str | Path, explicit: bool = True) -> FileOutcome:
    """Read and extract one file; write build/docs/<id>.json. Never raises for bad input: the
    outcome says what went wrong in one line."""
    from .read import SUPPORTED_EXTENSIONS, ReadError, read_document, sha256_file

    started = time.perf_counter()
    path = Path(path)
    out = FileOutcome(path=str(path))
    if path.suffix.lower() not in SUPPORTED_EXTENSIONS:
        out.status = "failed" if explicit else "skipped"
        out.reason = f"unsupported file type '{path.suffix or '(none)'}'"
        return out
    try:
        if path.is_symlink() and not path.exists():
            raise ReadError("broken symbolic link")
        digest = sha256_file(path)
        out.sha256 = digest
        out.id = document_id(path, digest)
        target = Path(out_dir) / "docs" / f"{out.id}.json"
        cached = _cached(target, digest)
        if cached is not None:
            out.cached = True
            out.references = cached.get("n_references", 0)
            out.pages = cached.get("pages", 0)
            return out
        raw = read_document(path)
        from .extract import extract_text

        result = extract_text(raw.text, source=str(path), doc_id=out.id, raw=raw)
        if raw.sha256 != digest:
            raise ReadError("file changed while it was being read")
        payload = result.to_json()
        payload["pipeline_version"] = PIPELINE_VERSION
        write_atomic(target, json.dumps(payload, ensure_ascii=False))
        out.references = len(result.references)
        out.pages = result.document.pages
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


def _cached(target: Path, digest: str) -> dict | None:
    """The cached result's summary when it is for these bytes and this pipeline version."""
    try:
        with open(target, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    if data.get("pipeline_version") != PIPELINE_VERSION or data.get("document", {}).get("sha256") != digest:
        return None
    return {"n_references": len(data.get("references", [])), "pages": data.get("document", {}).get("pages", 0)}


# --------------------------------------------------------------------------- running many units


def run_units(files: list[tuple[Path, bool]], out_dir: Path, workers: int = 1,
              on_done: Callable[[FileOutcome], None] | None = None, scheduler: str | None = None) -> list[FileOutcome]:
    """Run `process_file` over the files: in this process, a local process pool, or a Dask cluster."""
    outcomes: list[FileOutcome] = []
    if scheduler:
        from .distributed import run_on_dask

        return run_on_dask(files, out_dir, scheduler, on_done)
    if workers <= 1 or len(files) <= 1:
        for path, explicit in files:
            o = process_file(path, out_dir, explicit)
            outcomes.append(o)
            if on_done:
                on_done(o)
        return outcomes
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(process_file, p, out_dir, e): p for p, e in files}
        for fut in as_completed(futures):
            try:
                o = fut.result()
            except Exception as exc:  # a worker that died (killed, out of memory)
                o = FileOutcome(path=str(futures[fut]), status="failed", reason=f"worker failed: {exc}")
            outcomes.append(o)
            if on_done:
                on_done(o)
    order = {str(p): i for i, (p, _) in enumerate(files)}
    outcomes.sort(key=lambda o: order.get(o.path, 0))
    return outcomes


# --------------------------------------------------------------------------- the corpus pass


def load_results(out_dir: Path, ids: Iterable[str]) -> Iterator[ExtractionResult]:
    for doc_id in ids:
        with open(out_dir / "docs" / f"{doc_id}.json", encoding="utf-8") as f:
            yield ExtractionResult.from_json(json.load(f))


def corpus_tables(results: list[ExtractionResult], outcomes: list[FileOutcome]):
    """documents, references and chains DataFrames for the corpus, with graph node ids."""
    import pandas as pd

    from .resolve import resolve_corpus

    doc_nodes, ref_targets, chain_nodes, _table = resolve_corpus(results)
    by_id = {r.document.id: r for r in results}
    doc_rows = []
    for o in outcomes:
        if o.status == "skipped":
            continue
        r = by_id.get(o.id) if o.id else None
        d = r.document if r else None
        doc_rows.append({
            "id": o.id, "source": o.path, "sha256": o.sha256, "type": d.type if d else None,
            "symbol": d.symbol if d else None, "number": d.number if d else None, "date": d.date if d else None,
            "place": d.place if d else None, "issuer": d.issuer if d else None,
            "issuer_body": d.issuer_body if d else None, "issuer_level": d.issuer_level if d else None,
            "jurisdiction": d.jurisdiction if d else None, "signer": d.signer if d else None,
            "title": d.title if d else None, "pages": d.pages if d else None,
            "ocr_pages": list(d.ocr_pages) if d else [], "status": o.status if r or o.status != "ok" else "failed",
            "error": o.reason, "node": doc_nodes.get(o.id) if o.id else None,
            "n_references": len(r.references) if r else 0,
        })
    ref_rows, chain_rows = [], []
    for r in results:
        did = r.document.id
        for i, ref in enumerate(r.references):
            ref_rows.append({
                "document": did, "start": ref.start, "end": ref.end, "page": ref.page, "text": ref.text,
                "kind": ref.kind, "type": ref.type, "symbol": ref.symbol, "number": ref.number, "date": ref.date,
                "issuer": ref.issuer, "issuer_body": ref.issuer_body, "issuer_level": ref.issuer_level,
                "relation": ref.relation, "target": ref_targets.get((did, i)), "resolved_symbol": ref.target,
                "term": ref.term, "sentence": ref.sentence,
            })
        for j, c in enumerate(r.chains):
            nodes = chain_nodes.get((did, j))
            if not nodes:
                continue
            sentence = ""
            for ref in r.references:
                if c.start is not None and ref.start <= (c.start or 0) < ref.end + 1:
                    sentence = ref.sentence
                    break
            from .model import page_of

            chain_rows.append({"document": did, "source": nodes[0], "target": nodes[1], "relation": c.relation,
                               "start": c.start, "end": c.end, "sentence": sentence,
                               "page": page_of(r.text, c.start or 0)})
    documents = pd.DataFrame(doc_rows, columns=DOC_COLUMNS)
    references = pd.DataFrame(ref_rows, columns=REF_COLUMNS)
    chains = pd.DataFrame(chain_rows, columns=CHAIN_COLUMNS)
    return documents, references, chains


DOC_COLUMNS = ["id", "source", "sha256", "type", "symbol", "number", "date", "place", "issuer", "issuer_body",
               "issuer_level", "jurisdiction", "signer", "title", "pages", "ocr_pages", "status", "error", "node",
               "n_references"]
REF_COLUMNS = ["document", "start", "end", "page", "text", "kind", "type", "symbol", "number", "date", "issuer",
               "issuer_body", "issuer_level", "relation", "target", "resolved_symbol", "term", "sentence"]
CHAIN_COLUMNS = ["document", "source", "target", "relation", "start", "end", "sentence", "page"]


def write_parquet(df, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(df, preserve_index=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def ingest(paths: list[str | Path], out_dir: str | Path, workers: int | None = None,
           on_start: Callable[[int], None] | None = None, on_done: Callable[[FileOutcome], None] | None = None,
           scheduler: str | None = None) -> IngestSummary:
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = list(discover(paths))
    missing = [p for p, explicit in files if explicit and not p.exists() and not p.is_symlink()]
    if on_start:
        on_start(len(files))
    workers = workers or os.cpu_count() or 1
    outcomes = run_units(files, out, workers=workers, on_done=on_done, scheduler=scheduler)
    del missing
    # The same bytes under two names are one document: keep the first, say so for the second.
    seen: dict[str, str] = {}
    for o in outcomes:
        if o.status == "ok" and o.id:
            if o.id in seen:
                continue
            seen[o.id] = o.path
    ok_ids = list(dict.fromkeys(o.id for o in outcomes if o.status == "ok" and o.id))
    results = list(load_results(out, ok_ids))
    documents, references, chains = corpus_tables(results, outcomes)
    write_parquet(documents, out / "documents.parquet")
    write_parquet(references, out / "references.parquet")
    write_parquet(chains, out / "chains.parquet")
    from graph.build import build_graph, write_graph

    from .registry import load_registry

    cg = build_graph(documents, references, chains, registry=load_registry())
    write_graph(cg, out)
    _remove_stale(out, set(ok_ids))
    manifest = {
        "pipeline_version": PIPELINE_VERSION,
        "inputs": [asdict(o) for o in outcomes],
        "documents": len(ok_ids), "failed": sum(o.status == "failed" for o in outcomes),
        "skipped": sum(o.status == "skipped" for o in outcomes),
    }
    write_atomic(out / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
    return IngestSummary(outcomes=outcomes, documents=len(ok_ids), references=len(references),
                         nodes=cg.g.number_of_nodes(), edges=cg.g.number_of_edges(),
                         seconds=time.perf_counter() - started, out_dir=str(out))


def _remove_stale(out: Path, keep: set[str]) -> None:
    """Per-document results of files that were removed or changed are not part of this corpus."""
    docs = out / "docs"
    if not docs.is_dir():
        return
    for f in docs.glob("*.json"):
        if f.stem not in keep:
            try:
                f.unlink()
            except OSError:
                pass
