"""Which files an ingest takes: patterns left out by --exclude (relative path or name), paths named
on the command line always taken."""
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.discover import discover

SENTENCE = ("Căn cứ Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng khóa XI "
            "về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận.\n")


@pytest.fixture
def tree(tmp_path):
    for rel in ("a.txt", "samples/text/b.txt", "samples/degraded/office/c.txt", "old/d.txt.bak", "old/e.txt"):
        path = tmp_path / "corpus" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(SENTENCE, encoding="utf-8")
    return tmp_path / "corpus"


@pytest.mark.parametrize("exclude, expected", [
    ((), ["a.txt", "old/d.txt.bak", "old/e.txt", "samples/degraded/office/c.txt", "samples/text/b.txt"]),
    (("samples/degraded",), ["a.txt", "old/d.txt.bak", "old/e.txt", "samples/text/b.txt"]),
    (("/samples/degraded/",), ["a.txt", "old/d.txt.bak", "old/e.txt", "samples/text/b.txt"]),
    (("*.bak",), ["a.txt", "old/e.txt", "samples/degraded/office/c.txt", "samples/text/b.txt"]),
    (("samples", "old/*"), ["a.txt"]),
    (("degraded",), ["a.txt", "old/d.txt.bak", "old/e.txt", "samples/text/b.txt"]),  # a folder's name
])
def test_exclude_patterns(tree, exclude, expected):
    found = [p.relative_to(tree).as_posix() for p, _ in discover([tree], exclude)]
    assert found == expected


def test_a_path_named_on_the_command_line_is_taken(tree):
    named = tree / "old" / "e.txt"
    assert [p for p, _ in discover([named], ("*.txt",))] == [named]


def test_ingest_exclude_from_the_command_line(tree, tmp_path):
    out = tmp_path / "build"
    done = subprocess.run([sys.executable, "-m", "pipeline.cli", "ingest", str(tree), "--out", str(out), "-q",
                           "--exclude", "samples/degraded", "--exclude", "*.bak", "--workers", "1"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    sources = sorted(Path(s).relative_to(tree).as_posix()
                     for s in pd.read_parquet(out / "documents.parquet")["source"])
    assert sources == ["a.txt", "old/e.txt", "samples/text/b.txt"]
