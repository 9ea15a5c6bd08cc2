"""Ingest on a Dask cluster: the work units of `pipeline.ingest` (one per file) run on the workers of
a `dask scheduler` / `dask worker` cluster, through Dask's `concurrent.futures` executor, instead of
a local process pool.

The workers read the input files and write `docs/<id>.json` themselves, so they must see the same
paths as the machine that runs `directives ingest` (a shared filesystem mounted at the same place).
A unit whose worker dies mid-run (killed, out of memory, machine lost) is rescheduled by Dask on
another worker; a unit that raises is retried (`retries`). This module knows nothing of what a unit
does: `pipeline.ingest.run_units` hands it any function.
"""
from __future__ import annotations

import contextlib
from concurrent.futures import Executor
from typing import Iterator

RETRIES = 2


@contextlib.contextmanager
def dask_executor(scheduler: str, timeout: float = 30.0, retries: int = RETRIES) -> Iterator[Executor]:
    """A `concurrent.futures.Executor` on the cluster at `scheduler` (e.g. tcp://HOST:8786, or a
    LocalCluster's address). Raises OSError when the scheduler cannot be reached in `timeout` s."""
    from dask.distributed import Client

    with Client(scheduler, timeout=timeout, set_as_default=False) as client:
        # pure=False: the same path submitted twice (a re-run) is work to do again, not a cached key.
        yield client.get_executor(retries=retries, pure=False)
