"""The citation graph: building (`build`), querying (`query`), exporting (`export`), viewing (`view`).

    import graph
    cg = graph.load("build")          # a CitationGraph; cg.g is the networkx MultiDiGraph
    cg.implementers("25-NQ/TW")       # a pandas DataFrame
"""
from __future__ import annotations

from .build import CitationGraph, build_graph, load_graph, write_graph

load = load_graph

__all__ = ["CitationGraph", "build_graph", "load", "load_graph", "write_graph"]
