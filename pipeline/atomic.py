"""Writing files so that a crash never leaves half of one: write a temporary file in the same folder,
flush it to disk, then rename it over the target (a rename within one file system is atomic)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

# mkstemp makes files private (0600); outputs are ordinary files, readable as the umask allows.
_UMASK = os.umask(0)
os.umask(_UMASK)


def atomic_write(path: str | os.PathLike, write: Callable[[str], None], fsync: bool = True) -> Path:
    """Call `write(temporary_path)`, then move the result to `path`. On any error the target is
    untouched and the temporary file removed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        if fsync:
            with open(tmp, "rb") as f:
                os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path


def write_atomic(path: str | os.PathLike, data: bytes | str, fsync: bool = True) -> Path:
    """Bytes or text (UTF-8) to `path`, atomically."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    return atomic_write(path, lambda tmp: Path(tmp).write_bytes(payload), fsync=fsync)
