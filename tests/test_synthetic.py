"""The synthetic corpus: what its ground truth says is in its texts, and its tables hang together."""
from __future__ import annotations

import json
from datetime import date

import pytest

from pipeline.keys import symbol_key
from pipeline.demo import synthetic


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    truth = json.loads(synthetic.write_corpus(folder, 60, refs_per_doc=8, seed=11).read_text(encoding="utf-8"))
    return folder, truth["documents"]


def test_files_and_truth(corpus):
    folder, docs = corpus
    assert len(docs) == 60
    assert sorted(p.name for p in folder.glob("*.txt")) == sorted(d["file"] for d in docs)
    assert len({d["self"]["node"] for d in docs}) == 60


def test_references_are_where_the_truth_says(corpus):
    folder, docs = corpus
    n = 0
    for d in docs:
        text = (folder / d["file"]).read_text(encoding="utf-8")
        for r in d["refs"]:
            assert text[r["start"]:r["end"]] == r["anchor"]
            if r["symbol"]:
                assert symbol_key(r["anchor"]) == symbol_key(r["symbol"])  # spacing varies, symbol does not
                assert r["sentence"] in text and r["anchor"] in r["sentence"]
            n += 1
    assert n > 60 * 3


def test_header_and_relations(corpus):
    folder, docs = corpus
    for d in docs:
        text = (folder / d["file"]).read_text(encoding="utf-8")
        own = d["self"]
        assert f"Số {own['symbol']}" in text or f"Số: {own['symbol']}" in text
        day = date.fromisoformat(own["date"])
        assert f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}" in text
        assert own["type"].upper() in text
        for r in d["refs"]:
            cue = text[text.rfind("\n", 0, r["start"]) + 1:r["start"]]
            if r["relation"] == "basis":
                assert cue.startswith("Căn cứ")
            elif r["relation"] == "implements":
                assert cue.startswith("Thực hiện") and r["target"] == own["parent"]
            if r["date"]:
                assert r["date"] < own["date"]  # documents cite what came before them
        anchors = {symbol_key(r["anchor"]) for r in d["refs"]}
        for c in d["chains"]:
            assert symbol_key(c["source"]) in anchors and symbol_key(c["target"]) in anchors


def test_frames_shape_and_counts():
    documents, references, chains = synthetic.frames(2000, 16000, seed=2)
    assert len(documents) == 2000 and documents["node"].is_unique
    assert 0.85 * 16000 < len(references) < 1.15 * 16000
    for column in ("id", "node", "source", "type", "symbol", "date", "place", "issuer", "issuer_body",
                   "issuer_level", "title", "status"):
        assert column in documents.columns
    for column in ("document", "target", "start", "end", "page", "text", "kind", "type", "symbol", "number",
                   "date", "issuer", "issuer_body", "issuer_level", "relation", "sentence"):
        assert column in references.columns
    assert set(references["document"]) <= set(documents["id"])
    assert references["target"].isna().any()  # named references with no target, as in real texts
    assert set(references["relation"]) == {"basis", "implements", "applies", "mentions"}
    # chains are stated by the document that cites both ends
    cited = references.groupby("document")["target"].apply(set)
    for c in chains.itertuples():
        assert c.target in cited[c.document]
    levels = documents["issuer_level"].value_counts()
    assert set(levels.index) == {"central", "province", "district", "unit"}


def test_same_seed_same_corpus():
    a = synthetic.frames(200, 1000, seed=4)
    b = synthetic.frames(200, 1000, seed=4)
    for x, y in zip(a, b):
        assert x.equals(y)
