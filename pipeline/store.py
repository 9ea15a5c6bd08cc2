"""Housekeeping of a build folder: one writer at a time, no leftovers of a killed run, no results of
files that are gone."""
from __future__ import annotations

import contextlib
import errno
import os
import shutil
from pathlib import Path

from .atomic import _UMASK
from .errors import IngestBusy

LOCK_NAME = ".lock"


@contextlib.contextmanager
def locked(out: Path):
    """One ingest at a time per output folder (an advisory lock on OUT/.lock, released when the
    process ends, however it ends); with it held, temporary files found there are a dead run's."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        yield
        return
    fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o666 & ~_UMASK)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IngestBusy(errno.EBUSY, "another ingest is writing to this folder", str(out)) from None
        except OSError:
            pass  # a filesystem without locks: go on unguarded
        yield
    finally:
        os.close(fd)


def remove_leftovers(out: Path) -> None:
    """Temporary files and staging folders of a run that was killed."""
    for folder in (out, out / "docs"):
        if folder.is_dir():
            for f in folder.glob(".*.tmp"):
                try:
                    f.unlink()
                except OSError:
                    pass
    for d in out.glob(".stage-*"):
        shutil.rmtree(d, ignore_errors=True)


def remove_stale(out: Path, keep: set[str]) -> None:
    """Per-document results of files that were removed or changed are not part of this corpus."""
    docs = out / "docs"
    if not docs.is_dir():
        return
    for f in docs.glob("*.json"):
        if not f.name.startswith(".") and f.stem not in keep:
            try:
                f.unlink()
            except OSError:
                pass
