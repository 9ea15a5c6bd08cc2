"""The citation graph as arrays: what the queries walk and look up, without networkx's dicts.

Nodes are numbered 0..n-1 in the graph's node order; each keeps its attribute dict (the very dicts
networkx holds as `g._node`, when there is a networkx graph). Edges are integer arrays (source,
target, relation and kind as codes into small vocabularies) in the graph's edge order, with their
other attributes either as the networkx dicts themselves (`from_graph`) or as Arrow columns read
from edges.parquet (`from_arrow`), made into dicts only for the edges an answer shows.

At a million edges, networkx's dicts take 10 s to build from the Parquet columns, and a breadth-first
walk through them is a Python step per edge. Here loading is a few array operations, and a walk is a
few NumPy operations per level (see `walk`), with the result networkx's order would give.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .schema import EDGE_COLUMNS, IMPLEMENTATION_RELATIONS

# edge attributes beyond source/target that a parquet-loaded edge has, in the graph's order
_EDGE_ATTRS = EDGE_COLUMNS[2:]


def serves(kind: Any, relation: Any) -> bool:
    """Whether an edge says its source carries out its target: the implementation edges both
    `implementers` (down) and `chain` (up) follow: citations that implement or apply, and chain edges
    (stated by a third document) other than mentions."""
    if kind == "chain":
        return relation != "mentions"
    return relation in IMPLEMENTATION_RELATIONS


def edge_rank(kind: Any, relation: Any) -> int:
    """Which of several edges between two documents a walk shows: a citation that implements, then a
    chain edge, then the rest."""
    if relation == "implements" and kind != "chain":
        return 0
    return 1 if kind == "chain" else 2


def edge_lists(g) -> tuple[list, list, list, list[dict]]:
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


def _codes(values: list) -> tuple[np.ndarray, list]:
    """Small-vocabulary values as int codes and the vocabulary (None included as a value)."""
    vocab: dict[Any, int] = {}
    codes = np.fromiter((vocab.setdefault(v, len(vocab)) for v in values), dtype=np.int32, count=len(values))
    return codes, list(vocab)


def _arrow_codes(column) -> tuple[np.ndarray, list]:
    """A text column as int codes and its vocabulary, in C (None a value of its own)."""
    column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    encoded = column if pa.types.is_dictionary(column.type) else pc.dictionary_encode(column)
    vocab = encoded.dictionary.to_pylist() + [None]
    codes = encoded.indices.fill_null(len(vocab) - 1).to_numpy(zero_copy_only=False).astype(np.int32)
    return codes, vocab


def pylist(array) -> list:
    """An Arrow array's values as Python objects; a dictionary array's through its dictionary (Arrow
    makes a scalar per value there: 5 us each)."""
    if isinstance(array, pa.ChunkedArray):
        return [v for chunk in array.chunks for v in pylist(chunk)]
    if pa.types.is_dictionary(array.type):
        words = array.dictionary.to_pylist()
        words.append(None)
        codes = array.indices.fill_null(len(words) - 1).to_numpy(zero_copy_only=False).tolist()
        return [words[i] for i in codes]
    return array.to_pylist()


def _positions(column, ids: pa.Array) -> pa.Array:
    """Where each value of a text column is among ids (null: not there), looking each distinct value up once."""
    column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if pa.types.is_dictionary(column.type):
        return pc.take(pc.index_in(column.dictionary, value_set=ids), column.indices)
    return pc.index_in(column, value_set=ids)


class GraphTables:
    """Nodes (ids, attribute dicts) and edges (integer arrays) of a citation graph; see the module."""

    def __init__(self, nodes: list[str], attrs: dict[str, dict], src: np.ndarray, dst: np.ndarray,
                 relation: tuple[np.ndarray, list], kind: tuple[np.ndarray, list],
                 edge_data: list[dict] | None = None, edge_columns: pa.Table | None = None):
        self.nodes = nodes
        self.attrs = attrs  # node -> its attribute dict
        self.index = {n: i for i, n in enumerate(nodes)}
        self.src, self.dst = src, dst
        self.relation_codes, self.relation_vocab = relation
        self.kind_codes, self.kind_vocab = kind
        self._edge_data = edge_data
        self._edge_columns = edge_columns
        self._in: tuple[np.ndarray, np.ndarray] | None = None
        self._out: tuple[np.ndarray, np.ndarray] | None = None
        self._serving: dict[bool, tuple[np.ndarray, np.ndarray]] = {}
        self._name_rank: np.ndarray | None = None
        self._node_columns: dict[Any, np.ndarray] = {}

    # -- making ---------------------------------------------------------------------------------
    @classmethod
    def from_graph(cls, g) -> "GraphTables":
        """The tables of a networkx graph (its node and edge dicts shared, not copied)."""
        nodes = list(g._node)
        index = {n: i for i, n in enumerate(nodes)}
        us, vs, _, ds = edge_lists(g)
        m = len(us)
        src = np.fromiter((index[u] for u in us), dtype=np.int32, count=m)
        dst = np.fromiter((index[v] for v in vs), dtype=np.int32, count=m)
        return cls(nodes, g._node, src, dst, _codes([d.get("relation") for d in ds]),
                   _codes([d.get("kind") for d in ds]), edge_data=ds)

    @classmethod
    def from_arrow(cls, nodes: list[str], attrs: dict[str, dict], edges: pa.Table) -> "GraphTables":
        """The tables of nodes (ids in order, their attribute dicts) and an edges table (EDGE_COLUMNS).
        Edge ends that are not among the nodes become nodes without attributes, in order of first
        appearance on an edge, as networkx adds them."""
        nodes = list(nodes)
        ids = pa.array(nodes, type=pa.string())
        ends = [_positions(edges.column(c), ids) for c in ("source", "target")]
        if ends[0].null_count or ends[1].null_count:  # ends beyond the node table (none in a written graph)
            us, vs = edges.column("source").to_pylist(), edges.column("target").to_pylist()
            index = {n: i for i, n in enumerate(nodes)}
            for u, v in zip(us, vs):
                for x in (u, v):
                    if x not in index:
                        if x is None:
                            raise ValueError("None cannot be a node")
                        index[x] = len(nodes)
                        nodes.append(x)
                        attrs[x] = {}
            src = np.fromiter((index[u] for u in us), dtype=np.int32, count=len(us))
            dst = np.fromiter((index[v] for v in vs), dtype=np.int32, count=len(vs))
        else:
            src, dst = (e.to_numpy(zero_copy_only=False).astype(np.int32) for e in ends)
        def codes(c):
            if c in edges.column_names:
                return _arrow_codes(edges.column(c))
            return np.zeros(len(src), dtype=np.int32), [None]
        relation, kind = codes("relation"), codes("kind")
        # the other attributes, in one chunk each: taking rows of many chunks (each with its own
        # dictionary) costs a pass over the whole column at every answer
        kept = edges.drop_columns([c for c in ("source", "target", "relation", "kind") if c in edges.column_names])
        return cls(nodes, attrs, src, dst, relation, kind, edge_columns=kept.combine_chunks())

    # -- edges ----------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.nodes)

    @property
    def n_edges(self) -> int:
        return len(self.src)

    def edge_data(self, ids: Iterable[int]) -> list[dict]:
        """The attribute dicts of these edges (the graph's own dicts, or made from the columns)."""
        ids = np.asarray(ids, dtype=np.int64) if not isinstance(ids, np.ndarray) else ids
        if self._edge_data is not None:
            data = self._edge_data
            return [data[i] for i in ids.tolist()]
        if len(ids) == 0:
            return []
        table = self._edge_columns.take(pa.array(ids, type=pa.int64()))
        columns = [self.relations(ids) if c == "relation" else self.kinds(ids) if c == "kind"
                   else pylist(table.column(c)) if c in table.column_names else [None] * len(ids)
                   for c in _EDGE_ATTRS]
        return [dict(zip(_EDGE_ATTRS, row)) for row in zip(*columns)]

    def edge_columns(self, names: list[str]) -> dict[str, list]:
        """Whole edge columns as Python lists (for building networkx's dicts)."""
        out = {}
        m = self.n_edges
        for c in names:
            if c == "source":
                out[c] = [self.nodes[i] for i in self.src.tolist()]
            elif c == "target":
                out[c] = [self.nodes[i] for i in self.dst.tolist()]
            elif c in ("relation", "kind") and self._edge_data is None:
                out[c] = self.relations(np.arange(m)) if c == "relation" else self.kinds(np.arange(m))
            elif self._edge_data is not None:
                out[c] = [d.get(c) for d in self._edge_data]
            elif c in self._edge_columns.column_names:  # a dictionary column: each distinct value one string
                out[c] = pylist(self._edge_columns.column(c))
            else:
                out[c] = [None] * m
        return out

    def edge_column(self, name: str, ids: np.ndarray) -> list:
        """One attribute of these edges."""
        if name in ("relation", "kind"):
            return self.relations(ids) if name == "relation" else self.kinds(ids)
        if self._edge_data is not None:
            data = self._edge_data
            return [data[i].get(name) for i in ids.tolist()]
        if name not in self._edge_columns.column_names:
            return [None] * len(ids)
        return pylist(self._edge_columns.column(name).take(pa.array(ids, type=pa.int64())))

    def relations(self, ids: np.ndarray) -> list:
        vocab = self.relation_vocab
        return [vocab[c] for c in self.relation_codes[ids].tolist()]

    def kinds(self, ids: np.ndarray) -> list:
        vocab = self.kind_vocab
        return [vocab[c] for c in self.kind_codes[ids].tolist()]

    def in_degree(self) -> np.ndarray:
        return np.bincount(self.dst, minlength=len(self.nodes))

    @staticmethod
    def _csr(keys: np.ndarray, n: int, edges: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(ptr, edge ids): the edges of node i are ids[ptr[i]:ptr[i+1]], in edge order."""
        if edges is None:
            order = np.argsort(keys, kind="stable")
        else:
            order = edges[np.argsort(keys[edges], kind="stable")]
        ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(keys if edges is None else keys[edges], minlength=n), out=ptr[1:])
        return ptr, order

    def in_edges(self, node: int) -> np.ndarray:
        """Ids of the edges into node, in edge order."""
        if self._in is None:
            self._in = self._csr(self.dst, len(self.nodes))
        ptr, order = self._in
        return order[ptr[node]:ptr[node + 1]]

    def out_edges(self, node: int) -> np.ndarray:
        """Ids of the edges out of node, in edge order."""
        if self._out is None:
            self._out = self._csr(self.src, len(self.nodes))
        ptr, order = self._out
        return order[ptr[node]:ptr[node + 1]]

    # -- node columns ---------------------------------------------------------------------------
    def node_column(self, name: str, convert: Callable[[Any], Any] | None = None) -> np.ndarray:
        """One attribute of every node (convert(value), if given) as an object array, made once: an
        answer of 70,000 rows takes its columns from it in C. (Made again by CitationGraph.refresh.)"""
        key = (name, convert)
        found = self._node_columns.get(key)
        if found is None:
            values = (a.get(name) for a in self.attrs.values())
            if convert is not None:
                values = map(convert, values)
            found = self._node_columns[key] = np.fromiter(values, dtype=object, count=len(self.nodes))
        return found

    def node_ids(self) -> np.ndarray:
        found = self._node_columns.get("node")
        if found is None:
            found = self._node_columns["node"] = np.fromiter(self.nodes, dtype=object, count=len(self.nodes))
        return found

    def date_rank(self) -> np.ndarray:
        """Each node's place in the order of its date, missing dates last (as sorted by (date is None,
        date or ""))."""
        found = self._node_columns.get("date rank")
        if found is None:
            keys = [(d is None, d or "") for d in self.node_column("date").tolist()]
            rank = {k: i for i, k in enumerate(sorted(set(keys)))}
            found = self._node_columns["date rank"] = np.fromiter((rank[k] for k in keys), dtype=np.int64,
                                                                  count=len(keys))
        return found

    # -- walks ----------------------------------------------------------------------------------
    def edge_classes(self) -> tuple[np.ndarray, np.ndarray]:
        """Per edge: whether it serves (`serves`) and its rank (`edge_rank`), from its kind and relation."""
        table_serves = np.zeros((len(self.kind_vocab), len(self.relation_vocab)), dtype=bool)
        table_rank = np.zeros(table_serves.shape, dtype=np.int8)
        for i, k in enumerate(self.kind_vocab):
            for j, r in enumerate(self.relation_vocab):
                table_serves[i, j] = serves(k, r)
                table_rank[i, j] = edge_rank(k, r)
        return table_serves[self.kind_codes, self.relation_codes], table_rank[self.kind_codes, self.relation_codes]

    def name_rank(self) -> np.ndarray:
        """Each node's place in name order (what `sorted` gives for the ids)."""
        if self._name_rank is None:
            try:  # UTF-8 byte order is code point order: what sorted() gives for str ids
                order = np.asarray(pc.sort_indices(pa.array(self.nodes, type=pa.string())))
            except (pa.ArrowInvalid, pa.ArrowTypeError):  # ids other than text (a graph made by hand)
                order = np.array(sorted(range(len(self.nodes)), key=self.nodes.__getitem__), dtype=np.int64)
            rank = np.empty(len(self.nodes), dtype=np.int64)
            rank[order] = np.arange(len(self.nodes))
            self._name_rank = rank
        return self._name_rank

    def _serving_csr(self, down: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if down not in self._serving:
            ok, rank = self.edge_classes()
            serving = np.flatnonzero(ok)
            ptr, order = self._csr(self.dst if down else self.src, len(self.nodes), serving)
            self._serving[down] = (ptr, order, rank)
        return self._serving[down]

    def walk(self, start: int, down: bool, max_depth: int | None = None,
             stop: Callable[[np.ndarray], np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Breadth first from start along serving edges: down (to who carries a node out, against the
        edges) or up (to what it carries out). Returns the nodes reached in the order a queue meets
        them (start first), their depth, the node each came from and the edge that led there (-1 for
        start).

        It is the queue walk level by level: a node is reached from the first node of the queue with a
        serving edge to it, by the edge of best rank (the first in edge order among equals), and the
        nodes one node reaches join the queue in name order. stop(nodes) -> mask: reached but not
        walked beyond (start is always walked)."""
        ptr, order, rank = self._serving_csr(down)
        other_end = self.src if down else self.dst
        names = self.name_rank()
        n = len(self.nodes)
        seen = np.zeros(n, dtype=bool)
        seen[start] = True
        reached, depths, parents, vias = [np.array([start])], [np.array([0])], [np.array([-1])], [np.array([-1])]
        frontier = np.array([start], dtype=np.int64)
        level = 0
        while frontier.size:
            if max_depth is not None and level >= max_depth:
                break
            walked = frontier
            if stop is not None and level > 0:
                walked = frontier[~stop(frontier)]
            starts, ends = ptr[walked], ptr[walked + 1]
            counts = ends - starts
            total = int(counts.sum())
            if total == 0:
                break
            position = np.repeat(np.arange(len(walked)), counts)
            offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts) + np.repeat(starts, counts)
            edges = order[offsets]
            other = other_end[edges]
            fresh = ~seen[other]
            position, edges, other = position[fresh], edges[fresh], other[fresh]
            if not len(other):
                break
            # per node reached: the first node of the queue, then the best rank, then the first edge
            pick = np.lexsort((edges, rank[edges], position, other))
            other_sorted = other[pick]
            first = np.ones(len(pick), dtype=bool)
            first[1:] = other_sorted[1:] != other_sorted[:-1]
            pick = pick[first]
            position, edges, other = position[pick], edges[pick], other[pick]
            queue = np.lexsort((names[other], position))  # the queue's order: by who reached them, by name
            position, edges, other = position[queue], edges[queue], other[queue]
            seen[other] = True
            level += 1
            reached.append(other)
            depths.append(np.full(len(other), level))
            parents.append(walked[position])
            vias.append(edges)
            frontier = other
        return np.concatenate(reached), np.concatenate(depths), np.concatenate(parents), np.concatenate(vias)
