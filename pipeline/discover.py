"""Which files under the given paths are documents: a stable walk that skips build folders, gold
annotations and reference data, and takes a folder of page images as one document."""
from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import Iterable, Iterator

from .read import page_images

IGNORED_NAMES = {"manifest.json", "SOURCES.tsv"}
IGNORED_DIRS = {".git", "__pycache__", ".ipynb_checkpoints", "gold", "reference"}


def _excluded(path: Path, top: Path, exclude: tuple[str, ...]) -> bool:
    """Whether `path` (under the walked folder `top`) matches a pattern: by its path relative to `top`
    (`samples/degraded`, `*/drafts/*`) or by its name (`*.bak`)."""
    if not exclude:
        return False  # the usual case: no pattern, no relative path to make per file
    relative = path.relative_to(top).as_posix()
    return any(fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(path.name, pattern) for pattern in exclude)


def discover(paths: Iterable[str | Path], exclude: Iterable[str] = ()) -> Iterator[tuple[Path, bool]]:
    """Files under the given paths, in a stable order; (path, named explicitly on the command line).
    Files and folders under a walked folder that match an `exclude` pattern are left out (a path named
    on the command line is always taken). Symbolic links to folders are not followed, so a link loop
    cannot trap the walk."""
    exclude = tuple(pattern.strip("/") for pattern in exclude)
    for p in paths:
        p = Path(p)
        if p.is_dir() and page_images(p) is not None:
            yield p, True
        elif p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in IGNORED_DIRS
                                 and not _excluded(Path(root) / d, p, exclude))
                # A folder of page images (page-001.png, ...) is one document, not a folder to walk.
                for d in [d for d in dirs if page_images(Path(root) / d) is not None]:
                    dirs.remove(d)
                    yield Path(root) / d, False
                for name in sorted(files):
                    if name.startswith(".") or name in IGNORED_NAMES or _excluded(Path(root) / name, p, exclude):
                        continue
                    yield Path(root) / name, False
        else:
            yield p, True
