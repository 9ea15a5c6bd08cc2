"""The citation graph on a small corpus whose answers can be checked by hand.

The corpus follows seed 001 (27-KH/ĐUK of Trà Vinh): it implements the province's 138-KH/TU, which
implements 25-NQ/TW; its text states the chain 92-KH/ĐUK -> 115-KH/TU -> 43-KL/TW -> 25-NQ/TW.
"""
from __future__ import annotations

import io
import json
from datetime import date

import networkx as nx
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

import graph
from graph import query
from graph.build import build_graph, load_graph, write_graph
from pipeline.cli.query import register
from graph.export import export_graph

P = "138-KH/TU#Trà Vinh@2019"
Q = "27-KH/ĐUK#Trà Vinh@2020"
R = "12-KH/HU#Cầu Kè@2020"
K115 = "115-KH/TU#Trà Vinh@2019"
K92 = "92-KH/ĐUK#Trà Vinh@2019"
QD_TU = "290-QĐ/TU#Trà Vinh@2015"


def _doc(id_, node, source, type_, symbol, date_, issuer, level, place="Trà Vinh"):
    return {"id": id_, "node": node, "source": source, "type": type_, "symbol": symbol, "date": date_,
            "place": place, "issuer": issuer, "issuer_body": issuer, "issuer_level": level, "title": None,
            "status": "ok"}


def _ref(doc, target, relation, text, type_=None, date_=None, issuer=None, level=None, start=0, page=1):
    return {"document": doc, "target": target, "relation": relation, "text": text, "kind": "full",
            "type": type_, "symbol": text, "number": None, "date": date_, "issuer": issuer, "issuer_body": issuer,
            "issuer_level": level, "start": start, "end": start + len(text), "page": page,
            "sentence": f"... {text} ..."}


def corpus():
    documents = pd.DataFrame([
        _doc("p", P, "corpus/p.txt", "Kế hoạch", "138-KH/TU", "2019-11-06", "Tỉnh ủy", "province"),
        _doc("q", Q, "corpus/q.txt", "Kế hoạch", "27-KH/ĐUK", "2020-03-19", "Đảng ủy Khối", "unit"),
        _doc("r", R, "corpus/r.txt", "Kế hoạch", "12-KH/HU", "2020-01-15", "Huyện ủy", "district", "Cầu Kè"),
        _doc("s", "doc:s", "corpus/s.txt", None, None, None, None, None, None),
        _doc("bad", None, "corpus/bad.pdf", None, None, None, None, None, None) | {"status": "failed"},
    ])
    nq = dict(type_="Nghị quyết", issuer="Ban Chấp hành Trung ương", level="central")
    references = pd.DataFrame([
        _ref("p", "25-NQ/TW", "implements", "25-NQ/TW", date_="2013-06-03", **nq),
        _ref("p", "04/2015/NĐ-CP", "basis", "04/2015/NĐ-CP", "Nghị định", "2015-01-09", "Chính phủ", "central"),
        _ref("q", P, "implements", "138-KH/TU", "Kế hoạch", "2019-11-06", "Tỉnh ủy", "province", start=10),
        _ref("q", K92, "applies", "92-KH/ĐUK", "Kế hoạch", "2019-03-28", "Đảng ủy Khối", "unit", start=50),
        _ref("q", K115, "mentions", "115-KH/TU", "Kế hoạch", "2019-03-13", "Tỉnh ủy", "province", start=70),
        _ref("q", "43-KL/TW", "mentions", "43-KH/TW", "Kết luận", "2019-01-07", "Ban Bí thư", "central", start=90),
        _ref("q", "25-NQ/TW", "mentions", "25 –NQ/TW", date_=None, start=120, page=2, **nq),
        _ref("q", None, "basis", "Điều lệ Đảng", start=5),  # unresolved: stays out of the graph
        _ref("q", Q, "mentions", "27-KH/ĐUK", start=300),  # the plan naming itself: no edge
        _ref("r", P, "applies", "138-KH/TU", "Kế hoạch", "2019-11-06", "Tỉnh ủy", "province"),
        _ref("r", "25-NQ/TW", "basis", "Nghị quyết số 25", date_="2013-06-03", start=40, **nq),
        _ref("r", "290-QĐ/TW", "applies", "290-QĐ/TW", "Quyết định", "2010-02-25", "Bộ Chính trị", "central", start=80),
        _ref("s", "25-NQ/TW", "mentions", "25-NQ/TW", **nq),
        _ref("s", QD_TU, "mentions", "290-QĐ/TU", "Quyết định", "2015-05-05", "Tỉnh ủy", "province", start=30),
        _ref("bad", "25-NQ/TW", "implements", "25-NQ/TW", **nq),  # a failed file's leftovers
    ])
    chains = pd.DataFrame([
        {"document": "q", "source": K92, "target": K115, "relation": "implements", "start": 50, "end": 100,
         "sentence": "Kế hoạch số 92-KH/ĐUK ... thực hiện Kế hoạch số 115-KH/TU"},
        {"document": "q", "source": K115, "target": "43-KL/TW", "relation": "implements", "start": 70, "end": 110,
         "sentence": "Kế hoạch số 115-KH/TU ... thực hiện Kết luận số 43-KH/TW"},
        {"document": "q", "source": "43-KL/TW", "target": "25-NQ/TW", "relation": "implements", "start": 90,
         "end": 130, "sentence": "Kết luận số 43-KH/TW ... Nghị quyết số 25 –NQ/TW"},
    ])
    return documents, references, chains


class Registry:
    """A registry like pipeline/registry.py's: entries looked up by node id or symbol."""

    def __init__(self, rows):
        self.rows = {r["symbol"]: r for r in rows}

    def get(self, key):
        return self.rows.get(key)


REGISTRY = Registry([
    {"symbol": "25-NQ/TW", "type": "Nghị quyết", "date": "2013-06-03", "issuer": "Ban Chấp hành Trung ương",
     "term": "khóa XI", "title": "về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận",
     "aliases": ["Nghị quyết Trung ương 7 khóa XI"], "replaced_by": None, "replaced_on": None},
    {"symbol": "290-QĐ/TW", "type": "Quyết định", "date": "2010-02-25", "issuer": "Bộ Chính trị", "term": "khóa X",
     "title": "về việc ban hành Quy chế công tác dân vận của hệ thống chính trị", "aliases": [],
     "replaced_by": "23-QĐ/TW", "replaced_on": "2021-07-30"},
])


@pytest.fixture(scope="module")
def cg():
    return build_graph(*corpus(), registry=REGISTRY)


@pytest.fixture(scope="module")
def build_dir(cg, tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    write_graph(cg, out)
    return out


def days(a, b):
    return (date.fromisoformat(a) - date.fromisoformat(b)).days


def test_nodes_hold_ingested_and_cited_documents(cg):
    g = cg.g
    assert set(g) == {P, Q, R, "doc:s", "25-NQ/TW", "04/2015/NĐ-CP", K92, K115, "43-KL/TW", "290-QĐ/TW", QD_TU}
    assert g.nodes[P]["ingested"] and g.nodes[P]["source"] == "corpus/p.txt" and g.nodes[P]["document"] == "p"
    nq = g.nodes["25-NQ/TW"]
    assert not nq["ingested"] and nq["type"] == "Nghị quyết" and nq["level"] == "central"
    assert nq["date"] == "2013-06-03"  # two references give the date, one does not: the date wins
    assert nq["term"] == "khóa XI" and nq["title"].startswith("về tăng cường")  # registry fills the gaps
    assert {"25-NQ/TW", "25 –NQ/TW", "Nghị quyết số 25", "Nghị quyết Trung ương 7 khóa XI"} <= set(nq["forms"])
    assert g.nodes["290-QĐ/TW"]["replaced_by"] == "23-QĐ/TW"
    assert g.nodes[K115]["place"] == "Trà Vinh" and g.nodes[K115]["year"] == 2019
    assert g.nodes["04/2015/NĐ-CP"]["year"] == 2015


def test_edges_carry_evidence(cg):
    g = cg.g
    # 14 resolved references of ok files, one of them self-citing, plus 3 chain statements
    assert g.number_of_edges() == 12 + 3
    assert not g.has_edge(Q, Q)
    chain = [a for u, v, a in g.edges(data=True) if (u, v) == ("43-KL/TW", "25-NQ/TW")]
    assert len(chain) == 1 and chain[0]["kind"] == "chain" and chain[0]["document"] == "q"
    cite = [a for u, v, a in g.edges(data=True) if (u, v) == (Q, "25-NQ/TW")][0]
    assert (cite["relation"], cite["page"], cite["start"], cite["kind"]) == ("mentions", 2, 120, "citation")


@pytest.mark.parametrize("name, expected", [
    ("25-NQ/TW", "25-NQ/TW"),
    ("25 –NQ/TW", "25-NQ/TW"),
    ("25 - nq/tw", "25-NQ/TW"),
    ("Nghị quyết 25", "25-NQ/TW"),
    ("NQ 25 khóa XI", "25-NQ/TW"),
    ("Nghị quyết Trung ương 7 khóa XI", "25-NQ/TW"),
    ("Quyết định số 290 của Bộ Chính trị", "290-QĐ/TW"),
    ("Quyết định 290 của Tỉnh ủy", QD_TU),
    ("43-KH/TW", "43-KL/TW"),  # a written form seen in the texts
    ("Kế hoạch 138", P),
    ("p.txt", P),
    ("s.txt", "doc:s"),
    ("27-KH/ÐUK", Q),  # eth for Đ, as OCR gives it
])
def test_find_by_any_name(cg, name, expected):
    found = cg.find(name)
    assert not found.empty, name
    assert found.iloc[0]["node"] == expected


def test_find_nothing(cg):
    assert cg.find("Thông tư 999").empty
    with pytest.raises(LookupError):
        cg.resolve("Thông tư 999")


def test_cites(cg):
    df = cg.cites("27-KH/ĐUK")
    assert list(df["node"]) == [P, K92, "25-NQ/TW", "43-KL/TW", K115]  # strongest relation first, then date
    assert list(df["relation"]) == ["implements", "applies", "mentions", "mentions", "mentions"]
    assert df.set_index("node").loc[P, "source"] == "p.txt"


def test_cited_by(cg):
    df = cg.cited_by("25-NQ/TW")
    assert set(df["node"]) == {P, Q, R, "doc:s", "43-KL/TW"}
    implements = cg.cited_by("25-NQ/TW", relation="implements")
    assert set(implements["node"]) == {P, "43-KL/TW"}
    assert set(implements["kind"]) == {"citation", "chain"}
    assert set(cg.cited_by("25-NQ/TW", relation="basis")["node"]) == {R}


def test_implementers_tree_with_lags(cg):
    df = cg.implementers("Nghị quyết 25").set_index("node")
    assert df["depth"].to_dict() == {"25-NQ/TW": 0, P: 1, "43-KL/TW": 1, Q: 2, R: 2, K115: 2, K92: 3}
    assert df.loc[Q, "parent"] == P and df.loc[Q, "relation"] == "implements"
    assert df.loc[R, "relation"] == "applies"
    assert df.loc[K115, "kind"] == "chain" and df.loc[K115, "evidence"] == "q"
    assert df.loc[P, "lag_days"] == days("2019-11-06", "2013-06-03")
    assert df.loc[Q, "lag_days"] == days("2020-03-19", "2019-11-06")
    assert df.loc[Q, "lag_from_root_days"] == days("2020-03-19", "2013-06-03")
    assert df.loc[K92, "lag_days"] == days("2019-03-28", "2019-03-13")
    assert pd.isna(df.loc["25-NQ/TW", "lag_days"])
    assert set(cg.implementers("25-NQ/TW", max_depth=1).node) == {"25-NQ/TW", P, "43-KL/TW"}


def test_chain_goes_up_to_central(cg):
    df = cg.chain("27-KH/ĐUK").set_index("node")
    assert df["depth"].to_dict() == {Q: 0, P: 1, K92: 1, "25-NQ/TW": 2, K115: 2, "43-KL/TW": 3}
    assert df.loc["25-NQ/TW", "child"] == P
    assert df.loc["43-KL/TW", "level"] == "central"
    assert list(cg.chain(R).node) == [R, P, "290-QĐ/TW", "25-NQ/TW"]


def test_chain_and_implementers_follow_the_same_edges(cg):
    """Whatever `implementers(X)` finds below X, its `chain` finds X above it; central documents
    are no stop on the way up (43-KL/TW carries out 25-NQ/TW)."""
    tree = cg.implementers("25-NQ/TW")
    for node in tree["node"]:
        assert "25-NQ/TW" in set(cg.chain(node)["node"]), node
    up = cg.chain("43-KL/TW").set_index("node")
    assert up.loc["25-NQ/TW", "depth"] == 1


def test_issuers_hierarchy(cg):
    df = cg.issuers()
    levels = [lv for lv in df["level"] if lv != "unknown"]
    assert levels == sorted(levels, key=["central", "province", "district", "unit"].index)
    by = df.set_index(["level", "issuer"])
    assert by.loc[("central", "Ban Chấp hành Trung ương"), "citations_received"] == 5
    tinh = df[(df.level == "province") & (df.issuer == "Tỉnh ủy")]
    assert int(tinh["documents"].sum()) == 3 and int(tinh["ingested"].sum()) == 1
    assert df["documents"].sum() == cg.g.number_of_nodes()


def test_timeline(cg):
    df = cg.timeline(P)
    assert list(df["node"]) == ["25-NQ/TW", "04/2015/NĐ-CP", P, R, Q]
    assert list(df["role"]) == ["cited", "cited", "document", "implementer", "implementer"]
    assert df.set_index("node").loc[Q, "days_from_doc"] == days("2020-03-19", "2019-11-06")


def test_write_and_load_round_trip(cg, build_dir):
    for name in ("nodes.parquet", "edges.parquet", "graph.graphml"):
        assert (build_dir / name).exists()
    assert not list(build_dir.glob("*.tmp"))
    again = graph.load(build_dir)
    assert set(again.g) == set(cg.g)
    assert again.g.number_of_edges() == cg.g.number_of_edges()
    assert again.g.nodes["25-NQ/TW"]["forms"] == cg.g.nodes["25-NQ/TW"]["forms"]
    pd.testing.assert_frame_equal(again.implementers("25-NQ/TW"), cg.implementers("25-NQ/TW"))
    nodes = pd.read_parquet(build_dir / "nodes.parquet")
    for column in ("node", "type", "symbol", "date", "issuer", "issuer_body", "level", "place", "title",
                   "ingested", "document", "source", "forms"):
        assert column in nodes.columns
    edges = pd.read_parquet(build_dir / "edges.parquet")
    assert list(edges.columns) == ["source", "target", "relation", "kind", "document", "page", "start", "end",
                                   "sentence"]


def test_load_builds_from_ingest_tables(tmp_path):
    documents, references, chains = corpus()
    documents.to_parquet(tmp_path / "documents.parquet")
    references.to_parquet(tmp_path / "references.parquet")
    chains.to_parquet(tmp_path / "chains.parquet")
    cg2 = load_graph(tmp_path)
    assert cg2.g.number_of_edges() == 15
    with pytest.raises(FileNotFoundError):
        load_graph(tmp_path / "missing")


def test_exports_round_trip(cg, tmp_path):
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = export_graph(cg, fmt, tmp_path / f"g.{fmt}")
        back = reader(path)
        assert set(back.nodes) == set(cg.g.nodes), fmt
        assert back.number_of_edges() == cg.g.number_of_edges(), fmt
        assert "25 –NQ/TW" in back.nodes["25-NQ/TW"]["forms"], fmt
    data = json.loads((export_graph(cg, "json", tmp_path / "g.json")).read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="links")
    assert back.number_of_edges() == cg.g.number_of_edges() and back.nodes[P]["symbol"] == "138-KH/TU"
    folder = export_graph(cg, "neo4j", tmp_path / "neo4j")
    nodes = pd.read_csv(folder / "nodes.csv")
    rels = pd.read_csv(folder / "relationships.csv")
    assert list(nodes.columns[:2]) == ["id:ID", ":LABEL"] and "ingested:boolean" in nodes.columns
    assert list(rels.columns[:3]) == [":START_ID", ":END_ID", ":TYPE"]
    assert len(nodes) == cg.g.number_of_nodes() and len(rels) == cg.g.number_of_edges()
    assert set(rels[":TYPE"]) == {"IMPLEMENTS", "BASIS", "APPLIES", "MENTIONS"}
    assert set(rels[":START_ID"]) | set(rels[":END_ID"]) <= set(nodes["id:ID"])


@pytest.fixture(scope="module")
def cli():
    app = typer.Typer()
    register(app)
    runner = CliRunner()

    def run(*args):
        result = runner.invoke(app, [str(a) for a in args])
        assert result.exit_code == 0, (result.output, result.exception)
        return result.stdout

    return run


def test_cli_csv_and_json(cli, build_dir):
    out = cli("query", "implementers", "25-NQ/TW", "--build", build_dir, "--format", "csv")
    df = pd.read_csv(io.StringIO(out))
    assert set(df["node"]) == {"25-NQ/TW", P, "43-KL/TW", Q, R, K115, K92}
    rows = json.loads(cli("query", "cited-by", "Nghị quyết 25", "--relation", "implements", "--build", build_dir,
                          "--format", "json"))
    assert {r["node"] for r in rows} == {P, "43-KL/TW"}
    rows = json.loads(cli("query", "find", "p.txt", "--build", build_dir, "--format", "json"))
    assert rows[0]["node"] == P and rows[0]["source"] == "p.txt"
    for command in (("cites", "q.txt"), ("chain", Q), ("issuers",), ("timeline", P)):
        df = pd.read_csv(io.StringIO(cli("query", *command, "--build", build_dir, "--format", "csv")))
        assert len(df) > 0, command
    table = cli("query", "cites", "q.txt", "--build", build_dir)
    assert "138-KH/TU" in table


def test_cli_export_and_errors(cli, build_dir, tmp_path):
    cli("export", "--format", "gexf", "--out", tmp_path / "g.gexf", "--build", build_dir)
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() == 11
    app = typer.Typer()
    register(app)
    result = CliRunner().invoke(app, ["query", "cites", "Thông tư 999", "--build", str(build_dir)])
    assert result.exit_code == 1 and "no document matches" in result.stderr
    result = CliRunner().invoke(app, ["query", "issuers", "--build", str(tmp_path / "nowhere")])
    assert result.exit_code == 1


def test_synthetic_graph_agrees_with_its_truth():
    from pipeline.demo import synthetic

    documents, references, chains = synthetic.frames(400, 3200, seed=3)
    cg2 = build_graph(documents, references, chains)
    resolved = references[references.target.notna()]
    assert cg2.g.number_of_edges() == len(resolved) + len(chains)
    # every ingested plan that implements X is found among X's implementers at depth 1
    implements = resolved[resolved.relation == "implements"].merge(documents[["id", "node"]], left_on="document",
                                                                   right_on="id")
    target = implements["target"].value_counts().index[0]
    expected = set(implements[implements.target == target]["node"])
    tree = cg2.implementers(target)
    assert expected <= set(tree[tree.depth == 1]["node"])
    # and each such plan's chain reaches a central document
    for node in list(expected)[:5]:
        up = cg2.chain(node)
        assert (up["level"] == "central").any()


def test_a_symbol_not_in_the_graph_is_not_guessed(cg):
    assert cg.find("26-NQ/TW").empty  # 25-NQ/TW is close in spelling, but another document
    assert cg.resolve("Nghị quyết Trung ương 7 khoá XI") == "25-NQ/TW"  # old tone placement: same name
    assert cg.find("Nghị quyết Trung ương 7 khóa XII").iloc[0]["match"] == "fuzzy"
    with pytest.raises(LookupError, match="no document matches"):
        cg.implementers("26-NQ/TW")


def test_a_written_form_beats_a_number_in_it(cg):
    # "7" in the form must not pull in a document numbered 7
    documents, references, chains = corpus()
    extra = pd.DataFrame([_ref("s", "07-NQ/TW", "mentions", "07-NQ/TW", "Nghị quyết", "2012-01-01",
                               "Ban Chấp hành Trung ương", "central", start=400)])
    cg2 = build_graph(documents, pd.concat([references, extra], ignore_index=True), chains, registry=REGISTRY)
    assert cg2.resolve("Nghị quyết Trung ương 7 khóa XI") == "25-NQ/TW"
    assert cg2.resolve("Nghị quyết số 7") == "07-NQ/TW"


def test_term_tells_documents_apart(cg):
    documents, references, chains = corpus()
    other = pd.DataFrame([_ref("s", "25-NQ/TW@2004", "mentions", "25-NQ/TW", "Nghị quyết", "2004-03-12",
                               "Ban Chấp hành Trung ương", "central", start=500) | {"term": "khóa IX"}])
    cg2 = build_graph(documents, pd.concat([references, other], ignore_index=True), chains, registry=REGISTRY)
    assert cg2.resolve("NQ 25 khóa XI") == "25-NQ/TW"
    assert cg2.resolve("Nghị quyết 25 khoá IX") == "25-NQ/TW@2004"


@pytest.mark.parametrize("rows, expected", [
    # what most references to a cited document say wins; blank and missing values do not count
    ([("25-NQ/TW", "2013-06-03"), ("25-NQ/TW", "2013-06-03"), ("25-NQ/TW", "2013-03-06"), ("25-NQ/TW", "")],
     {"25-NQ/TW": "2013-06-03"}),
    # a tie goes to the first value in order, whatever order the references came in
    ([("754-CT/ĐU", "Tỉnh ủy"), ("754-CT/ĐU", "Đảng ủy Khối"), ("754-CT/ĐU", None)], {"754-CT/ĐU": "Tỉnh ủy"}),
    ([("754-CT/ĐU", "Đảng ủy Khối"), ("754-CT/ĐU", "Tỉnh ủy")], {"754-CT/ĐU": "Tỉnh ủy"}),
    # each target on its own
    ([("a", "Chỉ thị"), ("b", "Nghị quyết"), ("a", "Kế hoạch"), ("a", "Chỉ thị"), ("b", None)],
     {"a": "Chỉ thị", "b": "Nghị quyết"}),
    ([("a", None), ("b", "")], {}),
])
def test_most_common_fact_of_a_cited_document(rows, expected):
    from graph.build import _most_common

    targets, values = [t for t, _ in rows], [v for _, v in rows]
    assert _most_common(targets, values) == expected
    # the same as pandas' groupby count, best first, ties by value order
    frame = pd.DataFrame({"target": targets, "value": values})
    frame = frame[frame["value"].notna() & (frame["value"] != "")]
    counts = frame.groupby(["target", "value"], sort=True).size().reset_index(name="n")
    best = counts.sort_values(["target", "n"], ascending=[True, False], kind="stable").drop_duplicates("target")
    assert dict(zip(best["target"], best["value"])) == expected
