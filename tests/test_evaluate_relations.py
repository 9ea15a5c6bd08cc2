"""The relation figures of `directives eval`: confusion table, per-relation precision and recall, and the
folder and failure rules of the command."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from pipeline import evaluate as ev

from test_evaluate import CORPUS, extractor, gold_docs, prediction_from_gold, write_gold


def _app():
    from pipeline.cli import app

    return app


def test_confusion_counts_each_matched_reference_once(tmp_path):
    doc = gold_docs()[0]
    pred = prediction_from_gold(doc)
    numbered = [r for r in pred.references if r.kind in ev.NUMBERED_KINDS]
    wrong = numbered[0]
    gold_relation = wrong.relation
    wrong.relation = "replaces" if gold_relation != "replaces" else "basis"
    report = ev.evaluate(write_gold(tmp_path, [doc]), texts_dir=CORPUS, gold_texts_dir=CORPUS,
                         extract=extractor({doc["file"]: pred}))
    scores = report.documents[0].scores
    assert sum(scores.relations.values()) == len(numbered)
    assert scores.relations[(gold_relation, wrong.relation)] == 1
    per = scores.relation_scores()
    assert per[wrong.relation]["precision"] == 0.0
    gold_n = per[gold_relation]["gold"]
    assert per[gold_relation]["recall"] == (gold_n - 1) / gold_n
    shown = ev.format_report(report, misses=False)
    assert "rows: gold, columns: predicted" in shown and "per relation" in shown
    data = report.to_json()["corpus"]["relations"]
    assert {"gold": gold_relation, "predicted": wrong.relation, "count": 1} in data["confusion"]


def test_texts_folder_alone_holds_the_gold_texts(tmp_path):
    # The gold file lives elsewhere; `--texts DIR` names the folder of its texts.
    doc = gold_docs()[0]
    texts = tmp_path / "texts"
    texts.mkdir()
    shutil.copy(CORPUS / doc["file"], texts / doc["file"])
    gold = write_gold(tmp_path / "elsewhere", [doc])
    report = ev.evaluate(gold, texts_dir=texts, extract=extractor({doc["file"]: prediction_from_gold(doc)}))
    assert report.documents[0].status == "ok"
    assert report.corpus.numbered.f1 == 1.0


def test_nothing_evaluated_exits_one_with_the_reason(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    gold = write_gold(tmp_path, gold_docs()[:2])
    result = CliRunner().invoke(_app(), ["eval", str(gold), "--texts", str(empty)])
    assert result.exit_code == 1
    assert "no document could be evaluated" in result.output and "misses: none" not in result.output
