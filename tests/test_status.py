"""The registry grows with the corpus: a document's status (in force, amended, replaced, from when, on
what evidence) from the `replaces`/`amends` relations the corpus states and from the shipped lists, in
nodes.parquet, in `directives query status`, and in `directives check` (`superseded`).

End to end on real sentences: the replacing clause of 51/2016/NĐ-CP (corpus-real congbao_135) and a
plan's basis naming the Labour Code of 2012 by its number (replaced by 45/2019/QH14 from 01/01/2021,
as laws.csv states with its gazette source).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from graph.build import load_graph
from pipeline.check import Corpus, check_draft

DECREE = """CHÍNH PHỦ
Số: 51/2016/NĐ-CP
Hà Nội, ngày 13 tháng 6 năm 2016
NGHỊ ĐỊNH
Quy định quản lý lao động, tiền lương và tiền thưởng đối với người lao động làm việc trong công ty trách nhiệm hữu hạn một thành viên do Nhà nước nắm giữ 100% vốn điều lệ
Điều 12. Hiệu lực thi hành
1. Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 8 năm 2016. Các quy định tại Nghị định này thực hiện từ ngày 01 tháng 01 năm 2016.
2. Nghị định này thay thế Nghị định số 50/2013/NĐ-CP ngày 14 tháng 5 năm 2013 của Chính phủ quy định quản lý lao động, tiền lương và tiền thưởng đối với người lao động làm việc trong công ty trách nhiệm hữu hạn một thành viên do Nhà nước làm chủ sở hữu.
"""

AMENDING_LAW = """QUỐC HỘI
Luật số: 51/2024/QH15
Hà Nội, ngày 27 tháng 11 năm 2024
LUẬT
SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT BẢO HIỂM Y TẾ
Điều 2. Bãi bỏ một số quy định của Luật Bảo hiểm y tế
d) Bãi bỏ khoản 4 Điều 18 của Luật Bảo hiểm y tế số 25/2008/QH12 đã được sửa đổi, bổ sung một số điều theo Luật số 46/2014/QH13;
"""

PLAN = """ỦY BAN NHÂN DÂN TỈNH BẮC NINH
Số: 21/KH-UBND
Bắc Ninh, ngày 05 tháng 3 năm 2014
KẾ HOẠCH
Triển khai thi hành Bộ luật Lao động
Căn cứ Bộ luật Lao động số 10/2012/QH13 ngày 18 tháng 6 năm 2012;
"""

DRAFT = """ỦY BAN NHÂN DÂN TỈNH BẮC NINH
Số: 35/KH-UBND
Bắc Ninh, ngày 15 tháng 3 năm 2023
KẾ HOẠCH
Quản lý lao động, tiền lương trong doanh nghiệp nhà nước
Căn cứ Bộ luật Lao động số 10/2012/QH13 ngày 18 tháng 6 năm 2012;
Căn cứ Nghị định số 50/2013/NĐ-CP ngày 14 tháng 5 năm 2013 của Chính phủ quy định quản lý lao động, tiền lương và tiền thưởng đối với người lao động làm việc trong công ty trách nhiệm hữu hạn một thành viên do Nhà nước làm chủ sở hữu;
"""


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Path:
    from pipeline.ingest import ingest

    texts = tmp_path_factory.mktemp("status_corpus")
    (texts / "nd_51_2016.txt").write_text(DECREE, encoding="utf-8")
    (texts / "kh_21_2014.txt").write_text(PLAN, encoding="utf-8")
    (texts / "luat_51_2024.txt").write_text(AMENDING_LAW, encoding="utf-8")  # corpus-real congbao_36's clause
    out = tmp_path_factory.mktemp("status_build")
    summary = ingest([texts], out, workers=1)
    assert not summary.failed
    return out


def test_nodes_parquet_holds_the_status_with_its_evidence(build):
    nodes = pd.read_parquet(build / "nodes.parquet").set_index("node")
    old = nodes.loc["50/2013/NĐ-CP"]
    assert old["status"] == "replaced" and old["replaced_by"] == "51/2016/NĐ-CP"
    assert old["replaced_on"] == "2016-06-13"  # the replacing decision's date
    assert any("51/2016/NĐ-CP replaces 50/2013/NĐ-CP: stated in" in e and "thay thế Nghị định" in e
               for e in old["status_evidence"])
    code = nodes.loc["10/2012/QH13"]
    assert (code["status"], code["replaced_by"], code["replaced_on"]) == ("replaced", "45/2019/QH14", "2021-01-01")
    assert any("laws.csv" in e and "Công báo" in e for e in code["status_evidence"])
    assert code["title"] == "Bộ luật Lao động"  # laws.csv names a law the corpus only cites
    assert nodes.loc["51/2016/NĐ-CP", "status"] == "in force"


def test_status_survives_the_parquet_round_trip(build):
    g = load_graph(build).g
    assert g.nodes["50/2013/NĐ-CP"]["status"] == "replaced"
    assert g.nodes["50/2013/NĐ-CP"]["replaced_by"] == "51/2016/NĐ-CP"


def test_query_status_cli(build):
    p = subprocess.run([sys.executable, "-m", "pipeline.cli", "query", "status", "50/2013/NĐ-CP",
                        "--build", str(build), "--format", "json"], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    [row] = json.loads(p.stdout)
    assert (row["status"], row["replaced_by"]) == ("replaced", "51/2016/NĐ-CP")
    assert "thay thế Nghị định số 50/2013/NĐ-CP" in row["evidence"]
    p = subprocess.run([sys.executable, "-m", "pipeline.cli", "query", "status", "Không có văn bản này",
                        "--build", str(build)], capture_output=True, text=True)
    assert p.returncode == 1 and "no document matches" in p.stderr


def test_check_reports_superseded_with_what_replaced_it_and_the_evidence(build, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    corpus, reason = Corpus.load(build)
    assert reason is None
    report = check_draft(draft, corpus)
    found = {c.symbol: [f.message for f in c.findings if f.code == "superseded"] for c in report.citations}
    [code] = found["10/2012/QH13"]
    assert "replaced by 45/2019/QH14 from 01/01/2021" in code
    assert "(evidence: replaced by 45/2019/QH14 from 2021-01-01: registry.csv: http" in code
    [decision] = found["50/2013/NĐ-CP"]
    assert "replaced by 51/2016/NĐ-CP" in decision and "stated in" in decision
    # checked before the replacement took effect, nothing is superseded
    early = check_draft(draft, corpus, when="2016-01-01")
    assert not [f for f in early.findings if f.code == "superseded"]


def test_check_without_a_corpus_knows_the_shipped_laws(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    report = check_draft(draft, None)
    [code] = [c for c in report.citations if c.symbol == "10/2012/QH13"]
    assert code.status == "known"
    assert [f.code for f in code.findings] == ["superseded"]


def test_a_part_repealed_amends_and_a_later_text_cannot_have_replaced_an_earlier_one(build):
    """`Bãi bỏ khoản 4 Điều 18 của Luật Bảo hiểm y tế số 25/2008/QH12 ...` (the extractor reads a repeal): a clause
    repealed, the law stays in force, amended. 46/2014/QH13 in the same clause is no law 51/2024/QH15 replaced
    either: it is cited as what amended the law before."""
    nodes = pd.read_parquet(build / "nodes.parquet").set_index("node")
    law = nodes.loc["25/2008/QH12"]
    assert law["status"] == "amended" and pd.isna(law["replaced_by"])
    assert "51/2024/QH15" in list(law["amended_by"])
    assert any("amends 25/2008/QH12: stated in luat-51-2024" in e and "Bãi bỏ khoản 4 Điều 18" in e
               for e in law["status_evidence"])


def test_plausible_replacements_follow_dates_and_ranks():
    from graph.status import _plausible

    assert _plausible({"type": "Nghị định", "date": "2016-06-13"}, {"type": "Nghị định", "date": "2013-05-14"})
    assert not _plausible({"type": "Nghị định", "date": "2013-05-14"}, {"type": "Nghị định", "date": "2016-06-13"})
    assert not _plausible({"type": "Thông tư", "date": "2024-01-01"}, {"type": "Nghị định", "date": "2016-06-13"})
    assert not _plausible({"type": "Quyết định", "date": "2024-03-05"}, {"type": "Thông tư", "date": "2021-10-21"})
    assert _plausible({"type": "Luật", "date": "2019-11-20"}, {"type": "Pháp lệnh", "date": "2005-06-29"})
