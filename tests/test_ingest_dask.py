"""Ingest on a real Dask cluster (LocalCluster, worker processes): the same outputs as a local run,
and a worker killed mid-run has its work redone elsewhere."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.ingest import ingest
from pipeline.demo.synthetic import write_corpus

from test_ingest import assert_same_tables

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def cluster():
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                      silence_logs=40) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("syn")
    write_corpus(folder, 24, seed=5)
    return folder


def test_cluster_run_equals_local_run(cluster, corpus, tmp_path):
    local = ingest([corpus], tmp_path / "local", workers=1)
    remote = ingest([corpus], tmp_path / "dask", scheduler=cluster.scheduler_address)
    assert not remote.failed and remote.documents == local.documents == 24
    assert [o.path for o in remote.outcomes] == [o.path for o in local.outcomes]
    assert_same_tables(tmp_path / "local", tmp_path / "dask")
    assert (remote.references, remote.nodes, remote.edges) == (local.references, local.nodes, local.edges)


def test_a_worker_killed_mid_run_has_its_work_redone_elsewhere(cluster, corpus, tmp_path):
    from dask.distributed import Client

    import threading

    killed: list[tuple[str, int]] = []
    with Client(cluster.scheduler_address, set_as_default=False) as client:

        def killer() -> None:
            # As soon as a worker has units assigned, kill its process (its nanny starts a new one);
            # the run goes on.
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                busy = {w: len(t) for w, t in client.processing().items() if t}
                if busy:
                    worker = max(busy, key=busy.get)
                    killed.append((worker, busy[worker]))
                    try:
                        client.run(os._exit, 1, workers=[worker])
                    except Exception:
                        pass  # the worker's connection closes as it dies
                    return
                time.sleep(0.005)

        thread = threading.Thread(target=killer, daemon=True)
        thread.start()
        summary = ingest([corpus], tmp_path / "dask", scheduler=cluster.scheduler_address)
        thread.join()
        client.wait_for_workers(2, timeout=60)
        # The killed process is gone (its nanny started a new worker at another address).
        assert killed and killed[0][0] not in client.scheduler_info()["workers"]
    assert killed and killed[0][1] >= 1
    assert not summary.failed, [o.reason for o in summary.failed]
    assert summary.documents == 24
    docs = pd.read_parquet(tmp_path / "dask" / "documents.parquet")
    assert len(docs) == 24 and docs.id.is_unique and set(docs.status) == {"ok"}
    local = ingest([corpus], tmp_path / "local", workers=1)
    assert local.documents == 24
    assert_same_tables(tmp_path / "local", tmp_path / "dask")


def test_unreachable_scheduler_is_a_clear_error(corpus, tmp_path):
    with pytest.raises(OSError, match="Timed out|connect"):
        from pipeline.distributed import dask_executor

        with dask_executor("tcp://127.0.0.1:9", timeout=2):
            pass
