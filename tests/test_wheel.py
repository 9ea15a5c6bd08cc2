"""The installed package works outside the repository.

A wheel built from a clean clone is installed into a fresh virtual environment (its dependencies
come from the project's environment, which is on its path; the project itself is not), and
`directives extract`, `ingest`, `check` and `eval` run from a folder that has no repository around it.
"""
from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "000_20bb982fed47bafc.txt"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    clone = tmp / "clone"
    if (ROOT / ".git").exists():
        # What a clean clone holds once this tree is committed: tracked and new files, nothing ignored
        # (no .venv, build/, samples).
        names = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                               capture_output=True, check=True).stdout.decode().split("\0")
        for name in filter(None, names):
            src = ROOT / name
            if src.is_file() and not src.is_symlink():
                (clone / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, clone / name)
    else:
        shutil.copytree(ROOT, clone, ignore=shutil.ignore_patterns(".venv", "build", ".cache", "samples"))
    dist = tmp / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(dist),
                    str(clone)], check=True, capture_output=True, timeout=600)
    [wheel] = dist.glob("directives-*.whl")
    env_dir = tmp / "venv"
    subprocess.run([sys.base_prefix + "/bin/python3", "-m", "venv", "--without-pip", str(env_dir)], check=True,
                   timeout=300)
    py = env_dir / "bin" / "python"
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    # The dependencies: the project's environment's site-packages as a plain path entry (its .pth
    # files, the editable install's among them, are not processed from there).
    deps = [p for p in site.getsitepackages() if Path(p).is_dir()] or [sysconfig.get_paths()["purelib"]]
    Path(purelib, "zz_dependencies.pth").write_text("\n".join(deps) + "\n")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", purelib, str(wheel)],
                   check=True, capture_output=True, timeout=600)
    bin_dir = env_dir / "bin"
    (bin_dir / "directives").write_text(f"#!{py}\nfrom pipeline.cli import main\nmain()\n")
    (bin_dir / "directives").chmod(0o755)
    work = tmp / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DIRECTIVES_REFERENCE_DIR")}
    return py, bin_dir / "directives", work, env


def test_the_package_is_imported_from_the_fresh_environment(installed):
    py, _, work, env = installed
    p = subprocess.run([str(py), "-c", "import pipeline, graph, pipeline.reference as r; "
                        "print(pipeline.__file__); print(graph.__file__); print(r.reference_dir())"],
                       cwd=work, env=env, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    for line in p.stdout.split():
        assert str(ROOT) not in line and str(py.parent.parent) in line, p.stdout


def test_extract_ingest_check_and_eval_work_outside_the_repository(installed):
    py, directives, work, env = installed
    doc = work / SEED.name
    shutil.copy(SEED, doc)
    p = subprocess.run([str(directives), "extract", doc.name], cwd=work, env=env, capture_output=True, text=True,
                       timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    result = json.loads(p.stdout)
    assert result["document"]["symbol"] and len(result["references"]) > 5

    p = subprocess.run([str(directives), "ingest", ".", "--out", "out", "--workers", "1", "--quiet"], cwd=work,
                       env=env, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-2000:]
    assert (work / "out" / "graph.graphml").is_file() and (work / "out" / "manifest.json").is_file()

    p = subprocess.run([str(directives), "check", doc.name, "--corpus", "out", "--format", "json"], cwd=work,
                       env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode in (0, 1), p.stderr[-2000:]
    assert json.loads(p.stdout)["citations"]

    gold = json.loads((ROOT / "corpus" / "gold" / "seeds.json").read_text(encoding="utf-8"))
    gold["documents"] = [d for d in gold["documents"] if d["file"] == SEED.name]
    (work / "gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    p = subprocess.run([str(directives), "eval", "gold.json", "--texts", ".", "--gold-texts", ".", "--format",
                        "json", "--no-misses"], cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    assert json.loads(p.stdout)["documents"][0]["status"] == "ok"
