"""Building the citation graph from the ingest tables, and writing/reading it under `build/`.

`build_graph(documents, references, chains, registry=None)` turns the three tables the ingest writes
into a `CitationGraph` (a networkx MultiDiGraph: one node per document, ingested or only cited; one
edge per citation and per chain statement, each with its evidence). `write_graph` writes
nodes.parquet, edges.parquet and graph.graphml atomically; `load_graph` (also `graph.load`) reads
them back, or builds them from documents/references when only those exist.
"""
from __future__ import annotations

import contextlib
import gc
import os
import re
from pathlib import Path
from typing import Any, Iterable

import networkx as nx
import numpy as np
import pandas as pd

from pipeline.atomic import atomic_write
from pipeline.keys import place_of, symbol_of
from pipeline.model import RELATIONS

from .citation_graph import CitationGraph, table_of_nodes
from .graphml import write_graphml
from .status import annotate_status, registry_entry
from .tables import GraphTables

from .schema import EDGE_COLUMNS, IMPLEMENTATION_RELATIONS, LEVEL_RANK, NODE_COLUMNS  # noqa: F401

# (`/2020/` in a symbol; a standard's `:2022`, `QCVN34:2022/BTTTT`, `TCVN5729:2012`)
_YEAR_IN_SYMBOL = re.compile(r"/((?:19|20)\d\d)/|(?<=\d):((?:19|20)\d\d)(?![\d:])")
_YEAR_IN_NODE = re.compile(r"@((?:19|20)\d\d)\b")


def _clean(value: Any) -> Any:
    """None for the many spellings of a missing value in a DataFrame cell."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _int_or_none(value: Any) -> int | None:
    value = _clean(value)
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _records(df: pd.DataFrame | None, columns: Iterable[str]) -> list[dict[str, Any]]:
    """Rows as dicts holding exactly `columns` (missing columns and missing values read as None).

    Column by column: DataFrame.to_dict boxes every cell through pandas and is 5x slower at 1M rows.
    """
    if df is None or len(df) == 0:
        return []
    columns = list(columns)
    n = len(df)
    lists = []
    for c in columns:
        if c not in df.columns:
            lists.append([None] * n)
            continue
        s = df[c]
        values = s.astype(object).where(s.notna(), None).tolist() if s.hasnans else s.tolist()
        lists.append(values)
    return [dict(zip(columns, row)) for row in zip(*lists)]


def _frame(df: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    """df with exactly `columns` (missing ones all None), as object columns with None for missing."""
    if df is None or len(df) == 0:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    out = {}
    for c in columns:
        if c in df.columns:
            s = df[c]
            out[c] = s.astype(object).where(s.notna(), None) if s.hasnans else s.astype(object)
        else:
            out[c] = pd.Series([None] * len(df), index=df.index, dtype=object)
    return pd.DataFrame(out, index=df.index)


def _values(s: pd.Series) -> list:
    values = s.tolist()
    if float not in set(map(type, values)):  # no NaN to turn into None (the usual case): no loop in Python
        return values
    return [None if v is None or (isinstance(v, float) and v != v) else v for v in values]


def _ints(s: pd.Series | list) -> list:
    values = s if isinstance(s, list) else s.tolist()
    if set(map(type, values)) <= {int, type(None)}:  # already what _int_or_none gives (a third of the loop)
        return values
    return [_int_or_none(v) for v in values]


def _column(df: pd.DataFrame | None, name: str, n: int) -> list:
    """A column's values as Python objects, None for every missing value (NaN, NA, None); a missing
    column all None. Blank strings stay blank (as `_frame` leaves them)."""
    if df is None or name not in df.columns:
        return [None] * n
    return _pylist(df[name])


def _documents(values: list) -> list:
    """Document ids as text, None for a missing or blank one (_clean's spellings of it)."""
    if set(map(type, values)) <= {str, type(None)}:
        return [v if v is not None and v.strip() else None for v in values]
    return [None if _clean(d) is None else str(d) for d in values]


def _most_common(targets: list, values: list) -> dict[str, Any]:
    """target -> the value most of its rows give, blank and missing values left out (ties: the first in
    value order), counted with NumPy over integer codes: pandas' groupby on two string columns cost more
    than the rest of the build at a thousand documents."""
    keep = [i for i, v in enumerate(values) if v is not None and v != ""]
    if not keep:
        return {}
    t_codes, t_uniques = pd.factorize(np.array([targets[i] for i in keep], dtype=object))
    v_codes, v_uniques = pd.factorize(np.array([values[i] for i in keep], dtype=object), sort=True)
    width = len(v_uniques)
    pairs, counts = np.unique(t_codes.astype(np.int64) * width + v_codes, return_counts=True)
    t_of, v_of = pairs // width, pairs % width
    order = np.lexsort((v_of, -counts, t_of))  # by target, the most rows first, then the value's order
    t_of, v_of = t_of[order], v_of[order]
    first = np.ones(len(t_of), dtype=bool)
    first[1:] = t_of[1:] != t_of[:-1]
    return dict(zip(np.asarray(t_uniques, dtype=object)[t_of[first]].tolist(),
                    np.asarray(v_uniques, dtype=object)[v_of[first]].tolist()))


def _year_of(date: str | None, node: str, symbol: str | None) -> int | None:
    if date and len(date) >= 4 and date[:4].isdigit():
        return int(date[:4])
    m = _YEAR_IN_NODE.search(node)
    if m:
        return int(m.group(1))
    if symbol:
        m = _YEAR_IN_SYMBOL.search(symbol)
        if m:
            return int(m.group(1) or m.group(2))
    return None


def _entry_get(entry: Any, name: str) -> Any:
    """Registry entries may be dataclasses, named tuples or dicts: read a field from any of them."""
    if entry is None:
        return None
    if isinstance(entry, dict):
        return _clean(entry.get(name))
    return _clean(getattr(entry, name, None))


def build_graph(documents: pd.DataFrame, references: pd.DataFrame, chains: pd.DataFrame | None = None,
                registry: Any = None) -> CitationGraph:
    """The citation graph of a corpus.

    documents: one row per ingested file (id, node, source, type, symbol, date, place, issuer,
    issuer_body, issuer_level, title, ...). references: one row per reference (document = citing id,
    target = node id or None when unresolved: those stay out of the graph). chains: edges stated
    between two cited documents (document = evidence, source, target, relation, start, end, sentence).
    registry: optional, anything with `.get(node_or_symbol)` giving entries with symbol, type, date,
    issuer, term, title, aliases, replaced_by, replaced_on; its facts fill what the texts leave out.
    """
    g = nx.MultiDiGraph()
    doc_cols = ["id", "node", "source", "type", "symbol", "date", "place", "issuer", "issuer_body",
                "issuer_level", "jurisdiction", "title", "status"]
    node_of_doc: dict[str, str] = {}
    for d in _records(documents, doc_cols):
        doc_id = d["id"]
        if doc_id is None:
            continue
        status = d["status"]
        if status is not None and status not in ("ok", "partial"):
            continue  # failed files have no content to put in the graph
        node = d["node"] or f"doc:{doc_id}"
        node_of_doc[str(doc_id)] = node
        if node in g and g.nodes[node].get("ingested"):
            # Two files of one document (copies, scans of the same plan): the first describes it.
            g.nodes[node].setdefault("copies", []).append(d["source"])
            continue
        forms = [d["symbol"]] if d["symbol"] else []
        g.add_node(node, type=d["type"], symbol=d["symbol"] or symbol_of(node), date=d["date"],
                   issuer=d["issuer_body"] or d["issuer"], issuer_body=d["issuer_body"],
                   level=d["issuer_level"], place=d["jurisdiction"] or d["place"] or place_of(node),
                   title=d["title"], ingested=True, document=str(doc_id), source=d["source"], forms=forms)

    # References as plain column lists (Arrow's to_pylist): pandas' masks, astype(object) and groupby
    # cost more than the work itself at a thousand documents, and a Python pass per column is as quick.
    n_refs = 0 if references is None else len(references)
    col = {c: _column(references, c, n_refs) for c in
           ("document", "target", "start", "end", "page", "text", "type", "symbol", "date", "issuer",
            "issuer_body", "issuer_level", "relation", "sentence", "term")}
    documents_of = _documents(col["document"])
    # unresolved references, and references of files that failed, stay out of the graph
    keep = [i for i, (t, d) in enumerate(zip(col["target"], documents_of))
            if t is not None and d is not None and d in node_of_doc]
    targets = [col["target"][i] for i in keep]
    citing = [node_of_doc[documents_of[i]] for i in keep]
    ref = {c: [col[c][i] for i in keep] for c in ("relation", "page", "start", "end", "sentence", "text", "symbol",
                                                   "type", "date", "issuer_level", "term")}
    ref["issuer"] = [b if b is not None else a for a, b in
                     ((col["issuer"][i], col["issuer_body"][i]) for i in keep)]
    cited = [j for j, (u, v) in enumerate(zip(citing, targets)) if v != u]  # "this plan" naming itself is not an edge
    relations, pages, starts, ends = ref["relation"], _ints(ref["page"]), _ints(ref["start"]), _ints(ref["end"])
    sentences = ref["sentence"]
    edges: list[tuple[str, str, dict[str, Any]]] = [
        (citing[j], targets[j], {"relation": relations[j] if relations[j] in RELATIONS else "mentions",
                                 "kind": "citation", "document": documents_of[keep[j]], "page": pages[j],
                                 "start": starts[j], "end": ends[j], "sentence": sentences[j] or ""})
        for j in cited
    ]

    chain_rows = _frame(chains, ["document", "source", "target", "relation", "start", "end", "sentence", "page"])
    chain_rows = chain_rows[chain_rows["source"].notna() & chain_rows["target"].notna()
                            & (chain_rows["source"] != chain_rows["target"])]
    edges.extend(
        (u, v, {"relation": r if r in RELATIONS else "implements", "kind": "chain",
                "document": None if _clean(d) is None else str(d), "page": page, "start": start, "end": end,
                "sentence": sentence or ""})
        for u, v, r, d, page, start, end, sentence in zip(
            chain_rows["source"].tolist(), chain_rows["target"].tolist(), _values(chain_rows["relation"]),
            _values(chain_rows["document"]), _ints(chain_rows["page"]), _ints(chain_rows["start"]),
            _ints(chain_rows["end"]), _values(chain_rows["sentence"]))
    )

    # Cited documents: what most references say, then the registry fills the gaps.
    facts = {key: _most_common(targets, ref[column]) for key, column in
             (("type", "type"), ("date", "date"), ("issuer", "issuer"), ("level", "issuer_level"), ("term", "term"))}
    # Each target's forms in order, first its references' texts then their symbols, white space collapsed
    # as str.split does it, each once.
    forms: dict[str, list] = {}
    seen_forms: set[tuple[str, str]] = set()
    for column in (ref["text"], ref["symbol"]):
        for target, form in zip(targets, column):
            if form is None:
                continue
            form = " ".join(str(form).split())
            if form and (target, form) not in seen_forms:
                seen_forms.add((target, form))
                forms.setdefault(target, []).append(form)
    mentioned = dict.fromkeys(targets)
    mentioned.update(dict.fromkeys(chain_rows["source"].tolist() + chain_rows["target"].tolist()))
    for node in mentioned:
        attrs = g.nodes[node] if node in g else None
        if attrs is None:
            issuer = facts["issuer"].get(node)
            g.add_node(node, type=facts["type"].get(node), symbol=symbol_of(node), date=facts["date"].get(node),
                       issuer=issuer, issuer_body=issuer, level=facts["level"].get(node), place=place_of(node),
                       title=None, ingested=False, document=None, source=None, forms=forms.get(node, []),
                       term=facts["term"].get(node))
        else:
            attrs["forms"] = list(dict.fromkeys(list(attrs.get("forms") or []) + forms.get(node, [])))
            for key in ("type", "date", "issuer", "level", "term"):
                if attrs.get(key) is None:
                    attrs[key] = facts[key].get(node)
            if attrs.get("issuer_body") is None:
                attrs["issuer_body"] = attrs.get("issuer")

    for node, attrs in g.nodes(data=True):
        entry = registry_entry(registry, node, attrs.get("symbol"))
        if entry is not None:
            for key in ("type", "date", "issuer", "term", "title", "replaced_by", "replaced_on"):
                if attrs.get(key) is None:
                    attrs[key] = _entry_get(entry, key)
            if attrs.get("symbol") is None:
                attrs["symbol"] = _entry_get(entry, "symbol")
            if attrs.get("issuer_body") is None:
                attrs["issuer_body"] = attrs.get("issuer")
            aliases = _entry_get(entry, "aliases") or []
            if isinstance(aliases, str):
                aliases = [a.strip() for a in aliases.split("|")]
            attrs["forms"] = list(dict.fromkeys(list(attrs.get("forms") or []) + [a for a in aliases if a]))
        for key in ("term", "replaced_by", "replaced_on"):
            attrs.setdefault(key, None)
        attrs["forms"] = list(attrs.get("forms") or [])
        attrs["year"] = _year_of(attrs.get("date"), node, attrs.get("symbol"))

    with no_gc():
        _add_edges(g, edges)
    annotate_status(g, registry=registry)
    return CitationGraph(g)


def _add_edges(g: nx.MultiDiGraph, edges: Iterable[tuple[Any, Any, dict[str, Any]]]) -> None:
    """g.add_edges_from(edges) for a MultiDiGraph, each attribute dict taken as it is (the caller's
    fresh dicts): straight into networkx's adjacency dicts, in the same order with the same keys
    (0, 1, ... per pair, as new_edge_key numbers them), without its per-edge checks and dispatch."""
    succ, pred, node_attrs = g._succ, g._pred, g._node
    for u, v, data in edges:
        if u not in succ:
            if u is None:
                raise ValueError("None cannot be a node")
            succ[u], pred[u], node_attrs[u] = {}, {}, {}
        if v not in succ:
            if v is None:
                raise ValueError("None cannot be a node")
            succ[v], pred[v], node_attrs[v] = {}, {}, {}
        nbrs = succ[u]
        keydict = nbrs.get(v)
        if keydict is None:
            nbrs[v] = keydict = {0: data}
            pred[v][u] = keydict
        else:
            key = len(keydict)
            while key in keydict:
                key += 1
            keydict[key] = data
    nx._clear_cache(g)


# -- writing and reading ----------------------------------------------------------------------------
def _atomic_write(path: Path, write) -> None:
    """Write through a temporary file in the same folder, then rename: readers never see half a file."""
    atomic_write(path, write)


def flat_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes GraphML and GEXF can hold: lists joined with ` | `, None dropped."""
    out = nx.MultiDiGraph()
    for n, a in g.nodes(data=True):
        out.add_node(n, **_flat_attrs(a))
    for u, v, k, a in g.edges(keys=True, data=True):
        out.add_edge(u, v, key=k, **_flat_attrs(a))
    return out


def _flat_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    flat = {}
    for key, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, set)):
            value = " | ".join(str(v) for v in value)
        elif isinstance(value, dict):
            value = "; ".join(f"{k}={v}" for k, v in value.items())
        elif not isinstance(value, (str, int, float, bool)):
            value = str(value)
        flat[key] = value
    return flat


def write_graphml_file(cg: CitationGraph, path: str | os.PathLike, nodes: pd.DataFrame | None = None,
                       edges: pd.DataFrame | None = None) -> None:
    """The graph as GraphML at path, streamed from its tables (graph/graphml.py): what nx.write_graphml
    writes, at the pace of the Parquet files. nodes/edges: cg's frames with extra=True, when at hand."""
    nodes = cg.nodes_frame(extra=True) if nodes is None else nodes
    edges = cg.edges_frame(extra=True) if edges is None else edges
    with open(path, "wb") as f:
        write_graphml(nodes, edges, f, directed=cg.g.is_directed(), multi=cg.g.is_multigraph())


def write_graph(cg: CitationGraph, out_dir: str | os.PathLike, graphml: bool = True) -> dict[str, Path]:
    """Write nodes.parquet, edges.parquet and graph.graphml into out_dir, each atomically."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    # one pass over the graph for both formats: the GraphML columns are the Parquet columns and more
    nodes = cg.nodes_frame(extra=graphml)
    edges = cg.edges_frame(extra=graphml)
    written = {}
    _atomic_write(out / "nodes.parquet", lambda p: table_of_nodes(nodes).to_parquet(p, index=False))
    written["nodes"] = out / "nodes.parquet"
    _atomic_write(out / "edges.parquet", lambda p: edges[EDGE_COLUMNS].to_parquet(p, index=False))
    written["edges"] = out / "edges.parquet"
    if graphml:
        _atomic_write(out / "graph.graphml", lambda p: write_graphml_file(cg, p, nodes, edges))
        written["graphml"] = out / "graph.graphml"
    return written


def _pylist(column) -> list:
    """A column's values as Python objects, None for every missing value (Arrow does it in C)."""
    import pyarrow as pa

    if isinstance(column, pd.Series):
        if column.dtype == object:
            return [None if _clean(v) is None and not isinstance(v, str) else v for v in column.tolist()]
        column = pa.array(column)
    return column.to_pylist()


def _bulk_graph(node_columns: dict[str, list], edge_columns: dict[str, list]) -> nx.MultiDiGraph:
    """A MultiDiGraph from column lists, written straight into networkx's adjacency dicts.

    add_edges_from checks and dispatches per edge (20 us each: 25 s at a million edges); this builds
    the same dicts in the same order (nodes as listed, then endpoints first seen on an edge; keys 0,
    1, ... per pair, as new_edge_key numbers them), so the graph is the one add_edges_from gives."""
    with no_gc():
        return _bulk_graph_unchecked(node_columns, edge_columns)


@contextlib.contextmanager
def no_gc():
    """The cycle collector off while millions of acyclic objects are made (dicts of the graph, results
    and rows of the corpus pass): it would walk them all, again and again, for nothing (a third of the
    load, a fifth of reading results back). What is left unreachable is freed by reference counting."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _node_attrs(node_columns: dict[str, list]) -> dict[str, dict]:
    """node id -> its attribute dict, from node columns (a node listed twice: its rows merged)."""
    node_attrs: dict[str, dict] = {}
    names = [c for c in node_columns if c != "node"]
    for n, *values in zip(node_columns["node"], *(node_columns[c] for c in names)):
        row = dict(zip(names, values))
        forms = row.get("forms")
        row["forms"] = [str(f) for f in forms] if forms is not None else []
        for c in ("amended_by", "status_evidence"):  # lists, whether from Arrow (lists) or pandas (arrays)
            value = row.get(c)
            if value is not None and type(value) is not list:
                row[c] = [str(x) for x in value]
        row["ingested"] = bool(row.get("ingested"))
        year = row.get("year")
        row["year"] = _int_or_none(year) if year is not None and type(year) is not int else year
        if n in node_attrs:
            node_attrs[n].update(row)
        else:
            node_attrs[n] = row
    return node_attrs


def _bulk_graph_unchecked(node_columns: dict[str, list], edge_columns: dict[str, list],
                          node_attrs: dict[str, dict] | None = None) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    succ, pred, attrs = g._succ, g._pred, g._node
    for n, row in (_node_attrs(node_columns) if node_attrs is None else node_attrs).items():
        succ[n], pred[n], attrs[n] = {}, {}, row
    assert EDGE_COLUMNS == ["source", "target", "relation", "kind", "document", "page", "start", "end", "sentence"]
    _add_edges(g, ((u, v, {"relation": relation, "kind": kind, "document": document, "page": page, "start": start,
                           "end": end, "sentence": sentence})
                   for u, v, relation, kind, document, page, start, end, sentence
                   in zip(*(edge_columns[c] for c in EDGE_COLUMNS))))
    return g


def _graph_of_tables(tables: GraphTables) -> nx.MultiDiGraph:
    """The networkx graph of a loaded graph's tables, its node dicts the tables' own."""
    with no_gc():
        return _bulk_graph_unchecked({}, tables.edge_columns(EDGE_COLUMNS), node_attrs=tables.attrs)


def _edge_values(columns: dict[str, list]) -> dict[str, list]:
    """Edge columns as the graph holds them: page/start/end ints (or None)."""
    for c in ("page", "start", "end"):
        values = columns[c]
        if any(v is not None and type(v) is not int for v in values):
            columns[c] = [_int_or_none(v) for v in values]
    return columns


def graph_from_frames(nodes: pd.DataFrame, edges: pd.DataFrame) -> CitationGraph:
    """The graph back from nodes.parquet / edges.parquet tables."""
    n = len(nodes)
    node_columns = {c: (_pylist(nodes[c]) if c in nodes.columns else [None] * n) for c in NODE_COLUMNS}
    m = len(edges)
    edge_columns = {c: (_pylist(edges[c]) if c in edges.columns else [None] * m) for c in EDGE_COLUMNS}
    return CitationGraph(_bulk_graph(node_columns, _edge_values(edge_columns)))


def _read_table(path: Path, columns: list[str], shared: tuple[str, ...] = ()):
    """The columns of a Parquet file that it has, those in `shared` as dictionaries."""
    import pyarrow.parquet as pq

    names = pq.read_schema(path).names
    return pq.read_table(path, columns=[c for c in columns if c in names],
                         read_dictionary=[c for c in shared if c in names])


def _read_columns(path: Path, columns: list[str], shared: tuple[str, ...] = ()) -> dict[str, list]:
    """Columns of a Parquet file as Python lists, without a DataFrame in between. Columns in `shared`
    (node ids, relations: few distinct values) are read as dictionaries, so each distinct value is one
    Python string: less memory, and node ids hash once instead of once per edge."""
    import pyarrow.parquet as pq

    table = pq.read_table(path, read_dictionary=[c for c in shared if c in pq.read_schema(path).names])
    n = table.num_rows
    out = {}
    with no_gc():
        for c in columns:
            if c not in table.column_names:
                out[c] = [None] * n
                continue
            column = table.column(c)
            if c in shared:
                values: list = []
                for chunk in column.chunks:
                    words = chunk.dictionary.to_pylist()
                    words.append(None)
                    codes = chunk.indices.fill_null(len(words) - 1).to_numpy(zero_copy_only=False).tolist()
                    values.extend([words[i] for i in codes])
                out[c] = values
            else:
                out[c] = column.to_pylist()
    return out


def load_graph(build_dir: str | os.PathLike = "build", registry: Any = None) -> CitationGraph:
    """The graph of a build folder: nodes/edges.parquet if written, else built from the ingest tables."""
    build = Path(build_dir)
    if (build / "nodes.parquet").exists() and (build / "edges.parquet").exists():
        # The nodes' dicts, and the edges as Arrow columns: the queries walk arrays made from them
        # (graph/tables.py), and networkx's dicts are made only when something asks for cg.g.
        with no_gc():
            node_attrs = _node_attrs(_read_columns(build / "nodes.parquet", NODE_COLUMNS))
        edges = _read_table(build / "edges.parquet", EDGE_COLUMNS, shared=("source", "target", "relation", "kind",
                                                                            "document"))
        tables = GraphTables.from_arrow(list(node_attrs), node_attrs, edges)
        return CitationGraph(tables=tables, make_graph=_graph_of_tables)
    if (build / "documents.parquet").exists() and (build / "references.parquet").exists():
        chains = pd.read_parquet(build / "chains.parquet") if (build / "chains.parquet").exists() else None
        return build_graph(pd.read_parquet(build / "documents.parquet"),
                           pd.read_parquet(build / "references.parquet"), chains, registry=registry)
    raise FileNotFoundError(f"{build}: no nodes.parquet/edges.parquet nor documents.parquet/references.parquet "
                            f"(run `directives ingest` first)")
