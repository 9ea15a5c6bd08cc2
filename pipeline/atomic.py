"""Writing files so that a crash never leaves half of one: write a temporary file in the same folder,
flush it to disk, then rename it over the target (a rename within one file system is atomic).

Many small files written in a row (an ingest's per-document results) skip the flush of each
(`fsync=False`) and are made durable together by `sync_files` before anything that points to them is
written: a thousand fsyncs took 0.4-3 s of waiting on this machine's disk, which two processes do not
share out (the journal commits one at a time), one syncfs after them 0.02-0.08 s."""
from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import tempfile
from pathlib import Path
from typing import Callable, Iterator

# mkstemp makes files private (0600); outputs are ordinary files, readable as the umask allows.
_UMASK = os.umask(0)
os.umask(_UMASK)


def atomic_write(path: str | os.PathLike, write: Callable[[str], None], fsync: bool = True) -> Path:
    """Call `write(temporary_path)`, then move the result to `path`. On any error the target is
    untouched and the temporary file removed."""
    path = Path(path)
    with _beside(path) as (fd, tmp):
        os.close(fd)
        write(tmp)
        if fsync:
            with open(tmp, "rb") as f:
                os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)
    return path


def write_atomic(path: str | os.PathLike, data: bytes | str, fsync: bool = True) -> Path:
    """Bytes or text (UTF-8) to `path`, atomically. Written through the temporary file's own
    descriptor: opening it again by name, twice with the flush, was half the cost of a small file."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path = Path(path)
    with _beside(path) as (fd, _):
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view):]
            if fsync:
                os.fsync(fd)
            os.fchmod(fd, 0o666 & ~_UMASK)
        finally:
            os.close(fd)
    return path


@contextlib.contextmanager
def _beside(path: Path) -> Iterator[tuple[int, str]]:
    """A temporary file in `path`'s folder (its descriptor, open, and its name), renamed over `path` when
    the block ends, removed when it raises."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        yield fd, tmp
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise


def _unlink(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


@functools.lru_cache(maxsize=1)
def _syncfs():
    """Linux's syncfs(2) (flush one file system), or None where the C library has none."""
    try:  # the program's own symbols hold the C library's (find_library would run ldconfig)
        return ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError, TypeError):
        return None


def sync_files(folder: str | os.PathLike) -> None:
    """Make every file written under `folder` without its own flush durable: syncfs of the file system
    holding it (with the renames that put them in place), or a sync of all where there is no syncfs."""
    syncfs = _syncfs()
    if syncfs is not None:
        try:
            fd = os.open(folder, os.O_RDONLY)
        except OSError:
            fd = None
        if fd is not None:
            try:
                if syncfs(fd) == 0:
                    return
            finally:
                os.close(fd)
    os.sync()
