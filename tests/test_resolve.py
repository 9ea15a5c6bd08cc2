"""Identity: when two citations are the same document (domain.md), on the real corpus and on small cases."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.document import analyze_text
from pipeline.reference import canonical_body, jurisdiction_of
from pipeline.resolve import _Instance, build_node_table, resolve_corpus

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="module")
def corpus_refs():
    results = [analyze_text(p.read_text(encoding="utf-8"), source=p.name, doc_id=p.stem)
               for p in sorted(CORPUS.glob("*.txt"))]
    doc_nodes, ref_targets, chain_nodes, table = resolve_corpus(results)
    rows = []
    for res in results:
        for i, r in enumerate(res.references):
            rows.append({"doc": res.document.id, "text": r.text, "symbol": r.symbol, "target": r.target,
                         "node": ref_targets[(res.document.id, i)]})
    return pd.DataFrame(rows), doc_nodes, chain_nodes


def test_25_nq_tw_is_one_node_however_written(corpus_refs):
    refs, _, _ = corpus_refs
    forms = refs[refs.node == "25-NQ/TW"]
    written = {" ".join(t.split()) for t in forms.text}
    # the full symbol (bent and straight), the bare number, and the plenum description
    assert {"25 –NQ/TW", "25-NQ/TW", "25",
            "Nghị quyết Hội nghị lần thứ bảy Ban Chấp hành Trung ương Đảng khóa XI"} <= written
    assert set(forms.doc) >= {"000_20bb982fed47bafc", "001_e91816b876997450", "002_910c16d3ab6d948d",
                              "004_44757da4a92803ce"}


def test_the_two_02_nq_duk_are_two_documents(corpus_refs):
    refs, _, _ = corpus_refs
    nodes = set(refs[refs.symbol == "02-NQ/ĐUK"].node)
    assert len(nodes) == 2, nodes
    assert {n.split("@")[-1] for n in nodes} == {"2012", "2019"}


def test_1043_qd_tu_of_seeds_000_and_003_is_one(corpus_refs):
    refs, _, _ = corpus_refs
    rows = refs[refs.symbol == "1043-QĐ/TU"]
    assert set(rows.doc) == {"000_20bb982fed47bafc", "003_b6014cb1ca44f7c2"}
    assert rows.node.nunique() == 1


def test_chains_get_node_ids(corpus_refs):
    _, _, chain_nodes = corpus_refs
    pairs = set(chain_nodes.values())
    assert ("43-KL/TW", "25-NQ/TW") in pairs
    assert ("35-CTrHĐ/TU", "25-NQ/TW") in pairs


def test_local_symbols_split_by_place_central_ones_do_not():
    table = build_node_table({
        "138-KH/TU": [_Instance(2019, "Trà Vinh"), _Instance(2019, "Bắc Kạn"), _Instance(None, "Trà Vinh")],
        "19-NQ/TW": [_Instance(2012, "Hà Nội"), _Instance(2017, "Trà Vinh"), _Instance(None, None)],
        "30-CT/TW": [_Instance(1998, "Hà Nội"), _Instance(None, "Trà Vinh")],
    })
    a = table.assign
    assert a[("138-KH/TU", 2019, "Trà Vinh")] == a[("138-KH/TU", None, "Trà Vinh")] == "138-KH/TU#Trà Vinh"
    assert a[("138-KH/TU", 2019, "Bắc Kạn")] == "138-KH/TU#Bắc Kạn"
    # a central symbol reused in two terms: split by year; an undated citation is ambiguous
    assert a[("19-NQ/TW", 2012, None)] == "19-NQ/TW@2012" and a[("19-NQ/TW", 2017, None)] == "19-NQ/TW@2017"
    assert "19-NQ/TW" in table.ambiguous
    # one dated document and an undated citation of it: one node
    assert a[("30-CT/TW", 1998, None)] == a[("30-CT/TW", None, None)] == "30-CT/TW"


@pytest.mark.parametrize("name,body,level", [
    ("Bộ Chính trị", "Bộ Chính trị", "central"),
    ("Ban Bí thư Trung ương Đảng", "Ban Bí thư", "central"),
    ("Ban Chấp hành Trung ương Đảng", "Ban Chấp hành Trung ương", "central"),
    ("Thủ tướng Chính phủ", "Thủ tướng Chính phủ", "central"),
    ("Ban Thường vụ Tỉnh ủy Trà Vinh", "Ban Thường vụ Tỉnh ủy Trà Vinh", "province"),
    ("Ban Chấp hành Đảng bộ Quận 10", "Ban Chấp hành Đảng bộ Quận 10", "district"),
    ("Ban Thường vụ Đảng ủy Khối", "Ban Thường vụ Đảng ủy Khối", "unit"),
    ("Trưởng Ban Chỉ đạo TW", "Trưởng Ban Chỉ đạo TW", "central"),
])
def test_issuer_levels(name, body, level):
    assert canonical_body(name) == (body, level)


@pytest.mark.parametrize("issuer,place", [
    ("Ban Thường vụ Tỉnh ủy Trà Vinh", "Trà Vinh"),
    ("ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH", "Quảng Bình"),
    ("Ban Chấp hành Đảng bộ Quận 10", "Quận 10"),
    ("Thành ủy", None),
])
def test_jurisdiction(issuer, place):
    assert jurisdiction_of(issuer) == place


@pytest.mark.parametrize("dated,target", [
    ("Hà Nội, ngày 5 tháng 3 năm 2020", "10/2012/QH13"),  # the 2019 code took effect on 1/1/2021
    ("Hà Nội, ngày 5 tháng 3 năm 2022", "45/2019/QH14"),
    ("", None),  # undated: two documents share the name
])
def test_a_name_shared_by_two_laws_resolves_to_the_one_in_force(dated, target):
    text = f"Số 1-KH/TU\n{dated}\n\nKẾ HOẠCH\n\n- Thực hiện Bộ luật Lao động về dân chủ ở cơ sở.\n"
    [ref] = analyze_text(text).references
    assert ref.target == target


def test_a_named_law_with_its_year_resolves_without_a_date():
    [ref] = analyze_text("- Thực hiện Bộ luật Lao động năm 2019 về dân chủ ở cơ sở.").references
    assert ref.target == "45/2019/QH14"
