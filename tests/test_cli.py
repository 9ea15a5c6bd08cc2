"""The command line: every --help teaches and exits 0; exit codes 0 (all ok) / 1 (some input failed)
/ 2 (usage error); `extract --format json` prints the contract and nothing else on stdout."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from pipeline.cli import app

ROOT = Path(__file__).resolve().parent.parent
CORPUS_TEXTS = sorted((ROOT / "corpus").glob("*.txt"))
CONTRACT = {"document", "text", "references", "chains", "warnings"}
REFERENCE_KEYS = {"start", "end", "text", "kind", "type", "symbol", "number", "date", "issuer", "relation", "target",
                  "sentence", "page"}
runner = CliRunner()


def _command_paths():
    root = typer.main.get_command(app)
    paths = [[]]

    def walk(cmd, prefix):
        for name, sub in getattr(cmd, "commands", {}).items():
            paths.append(prefix + [name])
            walk(sub, prefix + [name])

    walk(root, [])
    return paths


def _run(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, **kw)


@pytest.mark.parametrize("command", _command_paths(), ids=lambda p: " ".join(p) or "directives")
def test_every_help_exits_0_and_teaches(command):
    result = runner.invoke(app, [*command, "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Usage:" in out
    # A description of what the command does, beyond the usage line and the option table.
    prose = [line for line in out.splitlines() if line.strip() and not line.strip().startswith(("Usage", "╭", "│", "╰"))]
    assert sum(len(line.split()) for line in prose) >= 3, out


def test_ingest_help_says_the_cluster_needs_a_shared_filesystem():
    out = " ".join(runner.invoke(app, ["ingest", "--help"], terminal_width=200).output.split())
    assert "--scheduler" in out and "shared filesystem" in out and "--workers" in out


def test_ingest_exit_0_when_every_input_is_ingested(tmp_path):
    run = _run("ingest", *map(str, CORPUS_TEXTS[:3]), "--out", str(tmp_path / "b"), "-q")
    assert run.returncode == 0, run.stderr
    assert run.stdout == ""
    assert "3 documents" in run.stderr


def test_ingest_exit_1_when_some_input_failed_and_the_rest_is_done(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj\n")
    run = _run("ingest", str(CORPUS_TEXTS[0]), str(bad), "--out", str(tmp_path / "b"), "-q")
    assert run.returncode == 1
    failed = [line for line in run.stderr.splitlines() if line.startswith("failed:")]
    assert failed == [f"failed: {bad}: corrupt PDF: truncated (no %%EOF at the end)"]
    assert "1 documents" in run.stderr
    assert (tmp_path / "b" / "documents.parquet").exists()


@pytest.mark.parametrize("args", [
    ["ingest", "no/such/folder", "--out", "{tmp}/b"],
    ["ingest", "corpus/", "--workers", "0", "--out", "{tmp}/b"],
    ["ingest", "corpus/", "--no-such-option"],
    ["ingest"],
    ["extract", "no/such/file.txt"],
    ["extract", "corpus/web_001.txt", "--format", "xml"],
    ["no-such-command"],
], ids=["missing-path", "zero-workers", "unknown-option", "no-path", "extract-missing", "bad-format", "command"])
def test_usage_errors_exit_2(tmp_path, args):
    result = runner.invoke(app, [a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "b").exists() or args[1] == "no/such/folder"


def test_ingest_out_is_a_file_is_a_usage_error(tmp_path):
    (tmp_path / "b").write_text("x")
    result = runner.invoke(app, ["ingest", str(CORPUS_TEXTS[0]), "--out", str(tmp_path / "b")])
    assert result.exit_code == 2 and "not a folder" in result.output


def test_extract_exit_1_on_an_unreadable_file(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    run = _run("extract", str(f))
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.strip() == f"error: {f}: empty file"


@pytest.mark.parametrize("path", CORPUS_TEXTS, ids=lambda p: p.name)
def test_extract_json_is_the_contract_for_every_corpus_text(path):
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == CONTRACT
    # the bytes json's encoder writes (orjson writes them, see pipeline/cli/extract.py)
    assert result.stdout == json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    text = data["text"]
    assert data["document"]["id"] and data["document"]["sha256"]
    for r in data["references"]:
        assert REFERENCE_KEYS <= set(r)
        assert text[r["start"]:r["end"]] == r["text"]
    for c in data["chains"]:
        assert {"source", "target", "relation"} <= set(c)


def test_extract_stdout_is_only_json_in_a_fresh_process():
    """underthesea prints when imported: in a new process nothing but the JSON may reach stdout."""
    run = _run("extract", str(ROOT / "corpus" / "web_001.txt"), "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert set(data) == CONTRACT and data["references"]
    assert run.stdout == json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# Values orjson writes otherwise than json (`1e-05`, NaN, integers beyond 64 bits), nested in a record, or
# escaped (control characters, a line break in a reference's text): the output is json's all the same.
ODD_VALUES = [
    {},
    {"references": []},
    {"references": [{}]},
    {"document": {"ocr_confidence": [1e-05, 93.5, None], "window": [0, 12]}, "text": "a\x00\x1f\u2028\tb"},
    {"references": [{"start": 2 ** 70}]},
    {"references": [{"ocr_confidence": float("nan")}]},
    {"references": [{"window": [1, [2, {}]]}], "chains": [1, 2]},
    {"references": [{"text": "số 12-\nCTr/BCĐ", "page": None, "ok": True}, {}], "warnings": "x"},
]


@pytest.mark.parametrize("data", ODD_VALUES)
def test_extract_json_bytes_are_json_dumps_with_indent_1(data):
    from pipeline.cli.extract import _indented_json

    assert _indented_json(data) == (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
