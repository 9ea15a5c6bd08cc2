"""The citation graph as analysts hold it: a networkx MultiDiGraph with query methods."""
from __future__ import annotations

import networkx as nx
import pandas as pd

from . import query
from .index import GraphIndex
from .schema import EDGE_COLUMNS, NODE_COLUMNS


def edge_lists(g: nx.MultiDiGraph) -> tuple[list, list, list, list[dict]]:
    """Sources, targets, keys and attribute dicts of every edge, in g.edges() order.

    Straight over the adjacency dicts: networkx's edge views cost 4 s per million edges, this 0.4 s."""
    us: list = []
    vs: list = []
    ks: list = []
    ds: list = []
    if g.is_directed() and g.is_multigraph():
        for u, nbrs in g._succ.items():
            for v, keydict in nbrs.items():
                for k, d in keydict.items():
                    us.append(u)
                    vs.append(v)
                    ks.append(k)
                    ds.append(d)
    elif g.is_multigraph():
        for u, v, k, d in g.edges(keys=True, data=True):
            us.append(u), vs.append(v), ks.append(k), ds.append(d)
    else:
        for u, v, d in g.edges(data=True):
            us.append(u), vs.append(v), ks.append(None), ds.append(d)
    return us, vs, ks, ds


def table_of_nodes(df: pd.DataFrame) -> pd.DataFrame:
    """NODE_COLUMNS of a nodes frame, `ingested` a plain bool (what nodes.parquet holds)."""
    df = df[NODE_COLUMNS].copy()
    df["ingested"] = df["ingested"].fillna(False).astype(bool)
    return df


def _other_names(datas: list[dict], known: list[str]) -> list[str]:
    """Attribute names beyond `known`, in order of first appearance."""
    names: dict = {}
    previous = None
    for d in datas:
        keys = d.keys()
        if keys != previous:  # most rows share one set of names: compare once per change
            names.update(dict.fromkeys(keys))
            previous = keys
    return [n for n in names if n not in known]


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
    def nodes_frame(self, extra: bool = False) -> pd.DataFrame:
        """One row per node, NODE_COLUMNS. extra=True: every attribute as the node has it (a missing
        `ingested` stays missing), then every other attribute, as objects: what GraphML writes;
        `table_of_nodes` turns it into this frame's ordinary form."""
        # column by column: a dict per row costs more than the Parquet write itself at a million edges
        nodes, datas = (list(x) for x in zip(*self.g.nodes(data=True))) if len(self.g) else ([], [])
        columns = {"node": nodes, **{c: [a.get(c) for a in datas] for c in NODE_COLUMNS[1:]}}
        df = pd.DataFrame(columns, columns=NODE_COLUMNS)
        df["ingested"] = pd.Series(columns["ingested"], index=df.index, dtype=object)
        df["year"] = df["year"].astype("Int64")
        if not extra:
            return table_of_nodes(df)
        for name in _other_names(datas, NODE_COLUMNS):
            df[name] = pd.Series([a.get(name) for a in datas], index=df.index, dtype=object)
        return df

    def edges_frame(self, extra: bool = False) -> pd.DataFrame:
        """One row per edge, EDGE_COLUMNS (extra=True: then `key`, the multigraph key, and every other
        attribute an edge has, as objects)."""
        us, vs, ks, datas = edge_lists(self.g)
        columns = {"source": us, "target": vs, **{c: [a.get(c) for a in datas] for c in EDGE_COLUMNS[2:]}}
        df = pd.DataFrame(columns, columns=EDGE_COLUMNS)
        for c in ("page", "start", "end"):
            df[c] = df[c].astype("Int64")
        if extra:
            df["key"] = pd.Series(ks, index=df.index, dtype=object)
            for name in _other_names(datas, EDGE_COLUMNS + ["key"]):
                df[name] = pd.Series([a.get(name) for a in datas], index=df.index, dtype=object)
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

    def status(self, doc: str) -> pd.DataFrame:
        return query.status(self, doc)

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
