"""Which files under the given paths are documents: a stable walk that skips build folders, gold
annotations and reference data, and takes a folder of page images as one document."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from .read import page_images

IGNORED_NAMES = {"manifest.json", "SOURCES.tsv"}
IGNORED_DIRS = {".git", "__pycache__", ".ipynb_checkpoints", "gold", "reference"}


def discover(paths: Iterable[str | Path]) -> Iterator[tuple[Path, bool]]:
    """Files under the given paths, in a stable order; (path, named explicitly on the command line).
    Symbolic links to folders are not followed, so a link loop cannot trap the walk."""
    for p in paths:
        p = Path(p)
        if p.is_dir() and page_images(p) is not None:
            yield p, True
        elif p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in IGNORED_DIRS)
                # A folder of page images (page-001.png, ...) is one document, not a folder to walk.
                for d in [d for d in dirs if page_images(Path(root) / d) is not None]:
                    dirs.remove(d)
                    yield Path(root) / d, False
                for name in sorted(files):
                    if name.startswith(".") or name in IGNORED_NAMES:
                        continue
                    yield Path(root) / name, False
        else:
            yield p, True
