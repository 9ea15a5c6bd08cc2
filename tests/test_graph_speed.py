"""The fast paths of the graph (streamed GraphML, bulk loading, walks over networkx's dicts, column-wise
tables) give what the plain networkx ways give, on synthetic corpora and on awkward values."""
from __future__ import annotations

from collections import deque

import networkx as nx
import pandas as pd
import pytest

import graph
from graph import query as q
from graph.build import build_graph, flat_graph, write_graph, write_graphml_file
from graph.citation_graph import CitationGraph
from graph.schema import EDGE_COLUMNS, NODE_COLUMNS
from pipeline.demo import synthetic


@pytest.fixture(scope="module")
def cg() -> CitationGraph:
    documents, references, chains = synthetic.frames(600, 5000, seed=5)
    cg = build_graph(documents, references, chains)
    # values GraphML must escape or type apart, and a node and an edge beyond the schema
    cg.g.add_node('a&b <"c">', type="Kế hoạch", forms=["x | y", "Số 1&2"], weight=1.5, flag=True, mixed="s")
    cg.g.add_node("z", mixed=3, title="dòng một\ndòng\thai\r", ingested=None)
    cg.g.add_edge('a&b <"c">', "z", relation="mentions", kind="citation", sentence='a < b & "c" > d', page=2)
    cg.g.add_edge('a&b <"c">', "z", relation="implements", extra={"k": 1})
    return cg


def _read(path) -> nx.MultiDiGraph:
    return nx.read_graphml(path, force_multigraph=True)


def test_streamed_graphml_reads_back_as_networkx_writes_it(cg, tmp_path):
    ours, theirs = tmp_path / "ours.graphml", tmp_path / "nx.graphml"
    write_graphml_file(cg, ours)
    nx.write_graphml(flat_graph(cg.g), theirs)
    a, b = _read(ours), _read(theirs)
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))
    assert a.nodes['a&b <"c">']["forms"] == "x | y | Số 1&2"
    assert a.nodes["z"]["mixed"] == 3 and a.nodes['a&b <"c">']["mixed"] == "s"


def test_graphml_drops_what_xml_cannot_hold(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("p", title="trang 1\x0ctrang 2\x00")  # a form feed between OCR pages
    g.add_edge("p", "q", sentence="xin\x07 chào")
    write_graphml_file(CitationGraph(g), tmp_path / "g.graphml")
    back = _read(tmp_path / "g.graphml")
    assert back.nodes["p"]["title"] == "trang 1trang 2"
    assert next(iter(back["p"]["q"].values()))["sentence"] == "xin chào"


def test_write_graph_graphml_is_the_graph(cg, tmp_path):
    write_graph(cg, tmp_path)
    back = _read(tmp_path / "graph.graphml")
    assert back.number_of_nodes() == cg.g.number_of_nodes()
    assert back.number_of_edges() == cg.g.number_of_edges()


def test_frames_are_the_rows_of_the_graph(cg):
    rows = [{"node": n, **{c: a.get(c) for c in NODE_COLUMNS[1:]}} for n, a in cg.g.nodes(data=True)]
    want = pd.DataFrame(rows, columns=NODE_COLUMNS)
    want["ingested"] = want["ingested"].fillna(False).astype(bool)
    want["year"] = want["year"].astype("Int64")
    pd.testing.assert_frame_equal(cg.nodes_frame(), want)
    rows = [{"source": u, "target": v, **{c: a.get(c) for c in EDGE_COLUMNS[2:]}} for u, v, a in cg.g.edges(data=True)]
    want = pd.DataFrame(rows, columns=EDGE_COLUMNS)
    for c in ("page", "start", "end"):
        want[c] = want[c].astype("Int64")
    pd.testing.assert_frame_equal(cg.edges_frame(), want)
    extra = cg.edges_frame(extra=True)
    assert extra["key"].tolist() == [k for _, _, k in cg.g.edges(keys=True)]


def _networkx_graph(nodes: pd.DataFrame, edges: pd.DataFrame) -> nx.MultiDiGraph:
    """The graph of the tables the plain networkx way: add_node and add_edges_from."""
    g = nx.MultiDiGraph()
    for row in nodes.astype(object).where(nodes.notna(), None).to_dict("records"):
        node = row.pop("node")
        row["forms"] = [str(f) for f in row["forms"]] if row["forms"] is not None else []
        for c in ("amended_by", "status_evidence"):  # graph/status.py's list columns
            row[c] = [str(f) for f in row[c]] if row[c] is not None else None
        row["ingested"] = bool(row["ingested"])
        row["year"] = None if row["year"] is None else int(row["year"])
        g.add_node(node, **row)
    e = edges.astype(object).where(edges.notna(), None)
    g.add_edges_from((r["source"], r["target"], {c: (int(r[c]) if c in ("page", "start", "end") and r[c] is not None
                                                      else r[c]) for c in EDGE_COLUMNS[2:]})
                     for r in e.to_dict("records"))
    return g


def _same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))
    for n in a:  # in-edges in the same order too: the walks follow them
        assert list(a.pred[n]) == list(b.pred[n])


def test_load_builds_the_graph_add_edges_from_builds(cg, tmp_path):
    write_graph(cg, tmp_path, graphml=False)
    nodes, edges = pd.read_parquet(tmp_path / "nodes.parquet"), pd.read_parquet(tmp_path / "edges.parquet")
    want = _networkx_graph(nodes, edges)
    _same_graph(graph.load(tmp_path).g, want)
    _same_graph(graph.build.graph_from_frames(nodes, edges).g, want)


def _plain_walk(g, start, down: bool, max_depth=None, central_stop=False):
    """Breadth first through networkx's edge views, as the queries did before walking its dicts."""
    depth, via, queue = {start: 0}, {}, deque([start])
    while queue:
        node = queue.popleft()
        if max_depth is not None and depth[node] >= max_depth:
            continue
        if central_stop and node != start and g.nodes[node].get("level") == "central":
            continue
        best = {}
        edges = ((u, a) for u, _, a in g.in_edges(node, data=True)) if down else \
            ((v, a) for _, v, a in g.out_edges(node, data=True))
        for other, a in edges:
            if other in depth or not q._serves(a):
                continue
            if other not in best or q._edge_rank(a) < q._edge_rank(best[other]):
                best[other] = a
        for other in sorted(best):
            depth[other] = depth[node] + 1
            via[other] = (node, best[other])
            queue.append(other)
    return depth, via


def test_walks_reach_what_the_plain_walk_reaches(cg):
    g = cg.g
    implemented = pd.Series([v for _, v, a in g.edges(data=True) if q._serves(a)]).value_counts()
    roots = list(implemented.index[:5]) + list(g)[::97]
    for root in roots:
        for max_depth in (None, 1, 2):
            depth, via = q._walk(cg, root, down=True, max_depth=max_depth)
            want_depth, want_via = _plain_walk(g, root, down=True, max_depth=max_depth)
            assert depth == want_depth and list(depth) == list(want_depth)
            assert {k: (p, id(a)) for k, (p, a) in via.items()} == {k: (p, id(a)) for k, (p, a) in want_via.items()}
        tree = q.implementers(cg, root)
        assert sorted(tree["node"]) == sorted(want_depth := _plain_walk(g, root, down=True)[0])
        assert dict(zip(tree["node"], tree["depth"])) == want_depth
        depth, _ = q._walk(cg, root, down=False)
        assert depth == _plain_walk(g, root, down=False)[0]
        depth, _ = q._walk(cg, root, down=True, stop=lambda n: g.nodes[n].get("level") == "central")
        assert depth == _plain_walk(g, root, down=True, central_stop=True)[0]


def test_loaded_graph_answers_as_its_networkx_graph(cg, tmp_path):
    """graph.load walks arrays made from the Parquet columns; its networkx graph, built on demand,
    gives the same answers through the arrays made from it."""
    write_graph(cg, tmp_path, graphml=False)
    loaded = graph.load(tmp_path)
    assert loaded._g is None  # nothing built networkx's dicts yet
    from_nx = CitationGraph(graph.load(tmp_path).g)
    g = from_nx.g
    implemented = pd.Series([v for _, v, a in g.edges(data=True) if q._serves(a)]).value_counts()
    roots = list(implemented.index[:5]) + list(g)[::97]
    for root in roots:
        for max_depth in (None, 1, 2):
            depth, via = q._walk(loaded, root, down=True, max_depth=max_depth)
            want_depth, want_via = _plain_walk(g, root, down=True, max_depth=max_depth)
            assert list(depth.items()) == list(want_depth.items()) and via == want_via
        for query in (q.implementers, q.chain, q.cites, q.cited_by, q.timeline, q.status):
            pd.testing.assert_frame_equal(query(loaded, root), query(from_nx, root))
    pd.testing.assert_frame_equal(q.cited_by(loaded, roots[0], relation="implements"),
                                  q.cited_by(from_nx, roots[0], relation="implements"))
    pd.testing.assert_frame_equal(q.issuers(loaded), q.issuers(from_nx))
    for text in ("25-NQ/TW", "Kế hoạch 12 của Tỉnh ủy", roots[3]):
        pd.testing.assert_frame_equal(q.find(loaded, text), q.find(from_nx, text))
    assert loaded._g is None
    _same_graph(loaded.g, g)


def test_implementers_rows_are_the_rows_of_the_tree(cg):
    g = cg.g
    root = pd.Series([v for _, v, a in g.edges(data=True) if q._serves(a)]).value_counts().index[0]
    tree = q.implementers(cg, root)
    depth, via = _plain_walk(g, root, down=True)
    rows = []
    for node, d in depth.items():
        row = q._doc_row(g.nodes, node)
        parent, a = via.get(node, (None, {}))
        row.update({"depth": d, "parent": parent, "parent_symbol": g.nodes[parent].get("symbol") if parent else None,
                    "relation": a.get("relation"), "kind": a.get("kind"), "evidence": a.get("document"),
                    "lag_days": q._days(row["date"], g.nodes[parent].get("date")) if parent else None,
                    "lag_from_root_days": q._days(row["date"], g.nodes[root].get("date")) if parent else None})
        rows.append(row)
    want = pd.DataFrame(rows, columns=list(tree.columns))
    want = want.sort_values(["depth", "date", "node"], na_position="last").reset_index(drop=True)
    want["depth"] = want["depth"].astype(int)
    assert len(tree) > 50
    pd.testing.assert_frame_equal(tree, want)


def test_queries_see_what_is_added_to_g_after_them():
    documents, references, chains = synthetic.frames(60, 400, seed=3)
    cg = build_graph(documents, references, chains)
    root = q.implementers(cg, list(cg.g)[0])["node"].iloc[0]
    before = len(q.implementers(cg, root))
    cg.g.add_edge("new plan", root, relation="implements", kind="citation", document="x")
    tree = q.implementers(cg, root)
    assert len(tree) == before + 1 and dict(zip(tree["node"], tree["depth"]))["new plan"] == 1
    assert cg.find("new plan").iloc[0]["node"] == "new plan"


# value a node or edge holds -> what networkx.read_graphml gives back (_ABSENT: no such attribute).
# networkx does not fill a key's <default> into elements without the <data> (it only reports it in
# G.graph["node_default"]), so no value may be left to a default: each one present is written.
_ABSENT = object()
PRESENCE = [
    ("Căn cứ Chỉ thị số 01-CT/TW ngày 09/4/2005 của Bộ Chính trị;", "Căn cứ Chỉ thị số 01-CT/TW ngày 09/4/2005 của Bộ Chính trị;"),
    ("in force", "in force"),       # the most common value of its column is still written on each row
    (None, _ABSENT),                # a gap stays a gap
    ("", ""),                       # an empty text is a value, not a gap
    (0, 0),
    (False, False),
]


@pytest.mark.parametrize("scope", ["node", "edge"])
def test_graphml_keeps_which_values_are_present(scope, tmp_path):
    g = nx.MultiDiGraph()
    rows = PRESENCE + [("in force", "in force")] * 3  # "in force" the column's most common value
    for i, (value, _) in enumerate(rows):
        attrs = {} if value is None else {"v": value}
        if scope == "node":
            g.add_node(f"n{i}", **attrs)
        else:
            g.add_edge(f"n{i}", f"m{i}", **attrs)
    g.add_node("bare") if scope == "node" else g.add_edge("bare", "bare")  # no attribute at all
    write_graphml_file(CitationGraph(g), tmp_path / "ours.graphml")
    nx.write_graphml(flat_graph(g), tmp_path / "nx.graphml")
    ours, theirs = _read(tmp_path / "ours.graphml"), _read(tmp_path / "nx.graphml")
    assert ours.graph.get(f"{scope}_default", {}) == {}
    for i, (_, want) in enumerate(rows):
        got = ours.nodes[f"n{i}"] if scope == "node" else ours[f"n{i}"][f"m{i}"][0]
        assert got.get("v", _ABSENT) == want if want is not _ABSENT else "v" not in got
    if scope == "node":
        assert "v" not in ours.nodes["bare"]
        assert list(ours.nodes(data=True)) == list(theirs.nodes(data=True))
    else:
        assert "v" not in ours["bare"]["bare"][0]
        assert list(ours.edges(keys=True, data=True)) == list(theirs.edges(keys=True, data=True))


# A character to escape or drop, put in one row far down a long column (beyond the first block of
# bytes the quick scan compares, graph/graphml.py _BLOCK): the column must still go through the exact
# escaping, in a text and in an attribute (node id). Every row's text differs, as a corpus's sentences
# do, so that the column is written value by value, not from its dictionary.
SPECIALS = ["&", "<", ">", '"', "\r", "\n", "\t", "\x0c", "\x00", "\ufffe", "\ufeff"]


@pytest.mark.parametrize("char", SPECIALS)
def test_graphml_escapes_a_character_deep_in_a_long_column(char, tmp_path):
    from graph.graphml import _BLOCK
    sentence = "Căn cứ Chỉ thị số 01-CT/TW ngày 09/4/2005 của Bộ Chính trị;"
    g, kept = nx.MultiDiGraph(), nx.MultiDiGraph()  # kept: what XML can hold of g (lxml refuses the rest)
    rows = _BLOCK // len(sentence.encode()) + 200
    for i in range(rows):
        special = i == rows - 100
        for graph_, c in ((g, char), (kept, "" if char in "\x00\x0c\ufffe" else char)):
            u = f"{i}-KH/TU{c}" if special else f"{i}-KH/TU"
            graph_.add_edge(u, "01-CT/TW", relation="basis",
                            sentence=f"{sentence} ({i})" + (f" {c}x" if special else ""))
    write_graphml_file(CitationGraph(g), tmp_path / "ours.graphml")
    nx.write_graphml(flat_graph(kept), tmp_path / "nx.graphml")
    ours, theirs = _read(tmp_path / "ours.graphml"), _read(tmp_path / "nx.graphml")
    assert list(ours.edges(keys=True, data=True)) == list(theirs.edges(keys=True, data=True))
    assert list(ours.nodes(data=True)) == list(theirs.nodes(data=True))


@pytest.mark.parametrize("chunk", [7, 500, 100_000])
def test_graphml_from_dictionaries_is_the_graphml_written_value_by_value(cg, chunk, monkeypatch):
    """Columns whose values repeat are written from their dictionary, neighbouring ones fused (which
    ones depends on the chunk); the bytes are those of every value written on its own."""
    import io

    from graph import graphml

    nodes, edges = cg.nodes_frame(extra=True), cg.edges_frame(extra=True)

    def written() -> bytes:
        out = io.BytesIO()
        graphml.write_graphml(nodes, edges, out, chunk=chunk)
        return out.getvalue()

    coded = written()
    monkeypatch.setattr(graphml, "_code", lambda *args, **kwargs: None)
    assert written() == coded


# Integer columns the dictionary path codes by offset from their smallest value, or leaves alone
INTEGERS = [
    pd.array([1, 2, None, 1], dtype="Int64"),                   # page numbers with a gap
    pd.array([-2**63, 2**63 - 1, 0, None], dtype="Int64"),      # a range beyond any table
    pd.array([2**64 - 1, None, 5, 5], dtype="UInt64"),          # beyond int64
    pd.array([3, 4, 3, None], dtype="Int8"),
    pd.array([None, None, None, None], dtype="Int64"),          # no value anywhere
]


@pytest.mark.parametrize("values", INTEGERS, ids=lambda v: f"{v.dtype}:{list(v)}")
def test_graphml_integers_from_dictionaries_are_their_digits(values, monkeypatch):
    import io

    from graph import graphml

    nodes = pd.DataFrame({"node": ["a", "b", "c", "d"], "v": values, "w": ["x", "y", "x", "y"]})
    edges = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "key": pd.Series([0, 1], dtype=object)})

    def written() -> bytes:
        out = io.BytesIO()
        graphml.write_graphml(nodes, edges, out, chunk=3)
        return out.getvalue()

    coded = written()
    text = coded.decode()
    for v in values:
        assert (f">{v}</data>" in text) == (v is not pd.NA)
    monkeypatch.setattr(graphml, "_code", lambda *args, **kwargs: None)
    assert written() == coded
