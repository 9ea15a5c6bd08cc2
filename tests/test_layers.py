"""The layers import downward only, and no module imports itself back through others.

`lint-imports` checks the contracts in pyproject.toml (model -> reading -> ... -> command line);
the second test finds any import cycle, lazy imports inside functions included.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import grimp
import networkx as nx

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    p = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-2000:]
    assert "broken" in p.stdout and "0 broken" in p.stdout


def test_no_import_cycles():
    sys.path.insert(0, str(ROOT))
    try:
        g = grimp.build_graph("pipeline", "graph", cache_dir=None, exclude_type_checking_imports=True)
    finally:
        sys.path.remove(str(ROOT))
    edges = nx.DiGraph()
    for module in g.modules:
        for imported in g.find_modules_directly_imported_by(module):
            # A package's __init__ re-exporting its modules is not a cycle of code.
            if not imported.startswith(module + ".") and not module.startswith(imported + "."):
                edges.add_edge(module, imported)
    cycles = [sorted(c) for c in nx.strongly_connected_components(edges) if len(c) > 1]
    assert cycles == []
