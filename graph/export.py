"""Exports of the citation graph for other tools: GraphML and GEXF (Gephi, yEd), Neo4j bulk-import
CSVs, node-link JSON. GraphML and GEXF hold only scalar attributes, so lists become ` | `-joined text.
"""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

import networkx as nx

from .build import EDGE_COLUMNS, NODE_COLUMNS, CitationGraph, _atomic_write, flat_graph, write_graphml_file

FORMATS = ("graphml", "gexf", "neo4j", "json")

# Neo4j's admin import reads typed headers; every other column is a string.
_NEO4J_NODE_TYPES = {"ingested": "boolean", "year": "int"}
_NEO4J_EDGE_TYPES = {"page": "int", "start": "int", "end": "int"}


def export_graph(cg: CitationGraph, fmt: str, out: str | os.PathLike) -> Path:
    """Write the graph in format fmt to out (a file; a folder for neo4j). Returns the path written."""
    out = Path(out)
    if fmt == "graphml":
        _atomic_write(out, lambda p: write_graphml_file(cg, p))
    elif fmt == "gexf":
        flat = flat_graph(cg.g)
        _atomic_write(out, lambda p: nx.write_gexf(flat, p))
    elif fmt == "json":
        data = nx.node_link_data(cg.g, edges="links")
        _atomic_write(out, lambda p: Path(p).write_text(json.dumps(data, ensure_ascii=False, default=str),
                                                       encoding="utf-8"))
    elif fmt == "neo4j":
        write_neo4j(cg, out)
    else:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    return out


def _neo4j_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, set)):
        # Neo4j arrays are ;-separated in bulk-import CSVs
        return ";".join(str(v).replace(";", ",") for v in value)
    return value


def write_neo4j(cg: CitationGraph, folder: str | os.PathLike) -> tuple[Path, Path]:
    """nodes.csv (`id:ID,:LABEL,...`) and relationships.csv (`:START_ID,:END_ID,:TYPE,...`) for
    `neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv
    --multiline-fields=true` (evidence sentences may span lines). Relationship types are the
    relations in capitals (IMPLEMENTS, BASIS, ...); node labels Document plus Ingested or Cited."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    node_props = [c for c in NODE_COLUMNS if c != "node"]
    edge_props = [c for c in EDGE_COLUMNS if c not in ("source", "target", "relation")]

    def header(name: str, types: dict[str, str]) -> str:
        if name == "forms":
            return "forms:string[]"
        return f"{name}:{types[name]}" if name in types else name

    def write_nodes(path: str) -> None:
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["id:ID", ":LABEL"] + [header(c, _NEO4J_NODE_TYPES) for c in node_props])
            for node, a in cg.g.nodes(data=True):
                labels = ["Document"] + (["Ingested"] if a.get("ingested") else ["Cited"])
                w.writerow([node, ";".join(labels)] + [_neo4j_value(a.get(c)) for c in node_props])

    def write_edges(path: str) -> None:
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow([":START_ID", ":END_ID", ":TYPE"] + [header(c, _NEO4J_EDGE_TYPES) for c in edge_props])
            for u, v, a in cg.g.edges(data=True):
                w.writerow([u, v, str(a.get("relation") or "mentions").upper()]
                           + [_neo4j_value(a.get(c)) for c in edge_props])

    nodes_path, edges_path = folder / "nodes.csv", folder / "relationships.csv"
    _atomic_write(nodes_path, write_nodes)
    _atomic_write(edges_path, write_edges)
    return nodes_path, edges_path
