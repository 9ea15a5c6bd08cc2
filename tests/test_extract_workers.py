"""`directives extract` shares a large file's documents out between processes (issue 17): the result is the
one a single process gives, byte for byte and in order, on real documents (two gazette documents of
tests/fixtures/real, and the seeds and web excerpts of corpus/, many times over in one file)."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.document import PARALLEL_MIN_CHARS, analyze_documents, analyze_text

ROOT = Path(__file__).resolve().parent.parent
GAZETTE = ROOT / "tests" / "fixtures" / "real" / "gazette_two_documents.txt"


def _big_text() -> str:
    docs = [GAZETTE.read_text(encoding="utf-8")] + [p.read_text(encoding="utf-8")
                                                    for p in sorted((ROOT / "corpus").glob("*.txt"))]
    parts, size = [], 0
    while size < PARALLEL_MIN_CHARS:
        for d in docs:
            parts.append(d)
            size += len(d) + 2
    return "\n\n".join(parts)


def _dump(result) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False, indent=1)


def test_processes_give_the_single_process_result_in_order():
    text = _big_text()
    one = analyze_documents(text, source="big.txt", doc_id="big")
    two = analyze_documents(text, source="big.txt", doc_id="big", workers=2)
    assert len(one) > 20
    assert [r.document.id for r in two] == [f"big#{k}" for k in range(1, len(one) + 1)]
    assert [_dump(r) for r in two] == [_dump(r) for r in one]
    assert all(r.text is text for r in two)
    assert _dump(analyze_text(text, workers=2)) == _dump(analyze_text(text))


def test_the_command_prints_the_same_with_one_process_or_several(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(_big_text(), encoding="utf-8")
    runner = CliRunner()
    one = runner.invoke(app, ["extract", "--workers", "1", str(path)])
    two = runner.invoke(app, ["extract", "--workers", "2", str(path)])
    assert one.exit_code == 0 and two.exit_code == 0
    assert one.stdout == two.stdout
    assert len(json.loads(two.stdout)["references"]) > 100
