"""Ingest on a Dask cluster: the same work units (`pipeline.ingest.process_file`, one per file) run
on the workers of a `dask scheduler` / `dask worker` cluster instead of a local process pool.

The workers read the input files and write `docs/<id>.json` themselves, so they must see the same
paths as the machine that runs `directives ingest` (a shared filesystem mounted at the same place);
paths are made absolute before they are sent. The corpus pass (tables, graph) then runs here, from
the per-document results on the shared folder.

A unit whose worker dies mid-run (killed, out of memory, machine lost) is rescheduled by Dask on
another worker; a unit that raises is retried twice (`retries=2`). `process_file` itself never
raises for bad input: it returns a failed `FileOutcome` with the reason.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from .ingest import FileOutcome, process_file

RETRIES = 2


def process_on_worker(path: str, out_dir: str, explicit: bool) -> FileOutcome:
    """`process_file` on a Dask worker, with Tesseract single-threaded and a document's pages OCR'd in
    this process only: the cluster's parallelism is one unit per worker thread."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    os.environ.setdefault("DIRECTIVES_OCR_WORKERS", "1")
    return process_file(path, out_dir, explicit)


def run_on_dask(files: list[tuple[Path, bool]], out_dir: str | Path, scheduler: str,
                on_done: Callable[[FileOutcome], None] | None = None, timeout: float = 30.0) -> list[FileOutcome]:
    """Run one unit per file on the cluster at `scheduler` (e.g. tcp://HOST:8786, or a LocalCluster's
    address). Outcomes come back in the order of `files`, with the paths as given."""
    from dask.distributed import Client, as_completed

    out_abs = os.path.abspath(out_dir)
    outcomes: dict[int, FileOutcome] = {}
    with Client(scheduler, timeout=timeout, set_as_default=False) as client:
        futures = {}
        for i, (path, explicit) in enumerate(files):
            fut = client.submit(process_on_worker, os.path.abspath(path), out_abs, explicit,
                                key=f"ingest-{i}-{os.path.basename(str(path))}-{os.urandom(4).hex()}",
                                retries=RETRIES, pure=False)
            futures[fut] = i
        for fut in as_completed(list(futures), loop=client.loop):
            i = futures[fut]
            path = str(files[i][0])
            try:
                o = fut.result()
                o.path = path  # the worker saw the absolute path; report the one given
            except Exception as exc:  # the unit failed on every try (KilledWorker after repeated deaths, ...)
                o = FileOutcome(path=path, status="failed",
                                reason=f"failed on the cluster: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}")
            outcomes[i] = o
            if on_done:
                on_done(o)
            fut.release()
    return [outcomes[i] for i in range(len(files))]
