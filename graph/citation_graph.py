"""The citation graph as analysts hold it: a networkx MultiDiGraph with query methods."""
from __future__ import annotations

import networkx as nx
import pandas as pd

from . import query
from .index import GraphIndex
from .schema import EDGE_COLUMNS, NODE_COLUMNS


class CitationGraph:
    """The citation graph: `g` is a networkx MultiDiGraph; the query methods return DataFrames.

    Node attributes: see NODE_COLUMNS (forms is a list of every written form seen). Edge attributes:
    see EDGE_COLUMNS (kind is `citation` or `chain`; document is the evidence: the citing document's id).
    """

    def __init__(self, g: nx.MultiDiGraph):
        self.g = g
        self._index: GraphIndex | None = None

    @property
    def index(self) -> GraphIndex:
        """Look-up tables over the nodes (symbols, forms, file names), built on first use."""
        if self._index is None:
            self._index = GraphIndex(self.g)
        return self._index

    # -- tables ----------------------------------------------------------------------------------
    def nodes_frame(self) -> pd.DataFrame:
        rows = [{"node": n, **{c: a.get(c) for c in NODE_COLUMNS[1:]}} for n, a in self.g.nodes(data=True)]
        df = pd.DataFrame(rows, columns=NODE_COLUMNS)
        df["ingested"] = df["ingested"].fillna(False).astype(bool)
        df["year"] = df["year"].astype("Int64")
        return df

    def edges_frame(self) -> pd.DataFrame:
        rows = [{"source": u, "target": v, **{c: a.get(c) for c in EDGE_COLUMNS[2:]}}
                for u, v, a in self.g.edges(data=True)]
        df = pd.DataFrame(rows, columns=EDGE_COLUMNS)
        for c in ("page", "start", "end"):
            df[c] = df[c].astype("Int64")
        return df

    # -- queries (graph/query.py holds the logic) ---------------------------------------------------
    def resolve(self, name: str) -> str:
        return query.resolve(self, name)

    def find(self, text: str, limit: int = 10) -> pd.DataFrame:
        return query.find(self, text, limit=limit)

    def cites(self, doc: str) -> pd.DataFrame:
        return query.cites(self, doc)

    def cited_by(self, doc: str, relation: str | None = None) -> pd.DataFrame:
        return query.cited_by(self, doc, relation=relation)

    def implementers(self, doc: str, max_depth: int | None = None) -> pd.DataFrame:
        return query.implementers(self, doc, max_depth=max_depth)

    def chain(self, doc: str) -> pd.DataFrame:
        return query.chain(self, doc)

    def issuers(self) -> pd.DataFrame:
        return query.issuers(self)

    def timeline(self, doc: str) -> pd.DataFrame:
        return query.timeline(self, doc)

    def __len__(self) -> int:
        return self.g.number_of_nodes()

    def __repr__(self) -> str:
        ingested = sum(1 for _, a in self.g.nodes(data=True) if a.get("ingested"))
        return (f"CitationGraph({self.g.number_of_nodes()} nodes, {ingested} ingested, "
                f"{self.g.number_of_edges()} edges)")
