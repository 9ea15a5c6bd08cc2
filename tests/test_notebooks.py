"""The notebooks run top to bottom (nbclient) against a build of the real corpus (`directives ingest
corpus/`) and against a synthetic build (pipeline.demo.synthetic, no extraction), and show nothing that
would need the network."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
REMOTE = re.compile(r"""<script[^>]+src=["']?(https?:)?//|<link[^>]+href=["']?(https?:)?//""", re.IGNORECASE)


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus_build")
    done = subprocess.run([sys.executable, "-m", "pipeline.cli", "ingest", "corpus/", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"ingest failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    assert (out / "nodes.parquet").exists() or (out / "references.parquet").exists()
    return out


@pytest.fixture(scope="module")
def synthetic_build(tmp_path_factory):
    from graph.build import build_graph, write_graph
    from pipeline.demo import synthetic

    out = tmp_path_factory.mktemp("synthetic_build")
    documents, references, chains = synthetic.frames(300, 2400, seed=5)
    documents.to_parquet(out / "documents.parquet")
    references.to_parquet(out / "references.parquet")
    chains.to_parquet(out / "chains.parquet")
    write_graph(build_graph(documents, references, chains), out)
    return out


def run_notebook(path: Path, build: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    env_before = os.environ.get("DIRECTIVES_BUILD")
    os.environ["DIRECTIVES_BUILD"] = str(build)  # the kernel inherits the environment
    try:
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        if env_before is None:
            os.environ.pop("DIRECTIVES_BUILD", None)
        else:
            os.environ["DIRECTIVES_BUILD"] = env_before
    return nb


def outputs(nb) -> list[dict]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def check(nb, build: Path) -> None:
    outs = outputs(nb)
    assert not [o for o in outs if o.get("output_type") == "error"]
    text = "".join(o.get("text", "") for o in outs if o.get("output_type") == "stream")
    assert str(build) in text  # it read the build it was given, not ../build
    images = [o for o in outs if "image/png" in o.get("data", {})]
    assert images, "no plot"
    html = [o["data"]["text/html"] for o in outs if "text/html" in o.get("data", {})]
    assert any("<svg" in h for h in html), "no interactive view"
    for h in html:
        assert not REMOTE.search(h), "an output loads something from the network"


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 3


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_on_synthetic_build(path, synthetic_build):
    nb = run_notebook(path, synthetic_build)
    check(nb, synthetic_build)
    if "implementation_tree" in path.stem:
        # The relation confusion on the seeds' gold is shown beside the tree's relation mix.
        html = "".join(o["data"]["text/html"] for o in outputs(nb) if "text/html" in o.get("data", {}))
        assert "relation confusion on seeds.json" in html and "relations in this tree" in html


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_on_corpus_build(path, corpus_build):
    nb = run_notebook(path, corpus_build)
    check(nb, corpus_build)
    if "overview" in path.stem:
        text = "".join(o.get("text", "") for o in outputs(nb) if o.get("output_type") == "stream")
        from pipeline.audit import audit

        s = audit(corpus_build).summary()
        assert f"audit of {corpus_build}: {s['documents']} documents, {s['references']} references" in text
        assert f"{s['unextracted_symbols']} symbol-shaped strings in no reference" in text
    if "implementation_tree" in path.stem:
        text = "".join(o.get("text", "") for o in outputs(nb) if o.get("output_type") == "stream")
        assert "directive: 25-NQ/TW" in text  # the real corpus holds it: no fallback
        html = "".join(o["data"]["text/html"] for o in outputs(nb) if "text/html" in o.get("data", {}))
        assert "displacy" in html or "spans" in html, "no displaCy view of references"
