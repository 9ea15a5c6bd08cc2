"""The citation graph as analysts hold it: a networkx MultiDiGraph with query methods."""
from __future__ import annotations

import networkx as nx
import pandas as pd

from . import query
from .index import GraphIndex
from .schema import EDGE_COLUMNS, NODE_COLUMNS
from .tables import GraphTables, edge_lists  # noqa: F401  (edge_lists: its old home)


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

    Made from a networkx graph, or (`graph.load`) from tables: then the queries run on the arrays of
    `tables` and `g` is built on first use (10 s at a million edges, which no query waits for).
    The queries' arrays are made from `g` once; when `g` changes afterwards (nodes added, or edges
    between new pairs), they are made again; after other changes to its edges, call `refresh()`.
    """

    def __init__(self, g: nx.MultiDiGraph | None = None, tables: GraphTables | None = None,
                 make_graph=None):
        if g is None and tables is None:
            raise ValueError("a CitationGraph needs a networkx graph or its tables")
        self._g = g
        self._tables = tables
        self._make_graph = make_graph  # tables -> the networkx graph, when made from tables
        self._shape: tuple[int, int] | None = None
        self._index: GraphIndex | None = None

    @property
    def g(self) -> nx.MultiDiGraph:
        """The networkx MultiDiGraph (built from the tables on first use)."""
        if self._g is None:
            self._g = self._make_graph(self._tables)
            self._shape = self._graph_shape()
        return self._g

    def _graph_shape(self) -> tuple[int, int]:
        g = self._g
        return len(g._node), sum(map(len, g._succ.values()))

    @property
    def tables(self) -> GraphTables:
        """Nodes and edges as arrays, what the queries walk (graph/tables.py)."""
        if self._tables is None or (self._g is not None and self._shape != self._graph_shape()):
            self.refresh()
        return self._tables

    def refresh(self) -> None:
        """Make the queries' arrays and look-up tables again from `g` (after changing it)."""
        self._tables = GraphTables.from_graph(self.g)
        self._shape = self._graph_shape()
        self._index = None

    @property
    def nodes(self) -> dict[str, dict]:
        """node id -> its attribute dict (g's own dicts), without building g."""
        return self.tables.attrs

    @property
    def index(self) -> GraphIndex:
        """Look-up tables over the nodes (symbols, forms, file names), built on first use."""
        tables = self.tables  # first: made again when g changed, which drops the index
        if self._index is None:
            self._index = GraphIndex(tables)
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
        return len(self.tables)

    def __repr__(self) -> str:
        t = self.tables
        ingested = sum(1 for a in t.attrs.values() if a.get("ingested"))
        return f"CitationGraph({len(t)} nodes, {ingested} ingested, {t.n_edges} edges)"
