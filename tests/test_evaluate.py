"""The scorer (pipeline/evaluate.py) on hand-made predictions built from the gold files."""
from __future__ import annotations

import copy
import json
import time
from pathlib import Path

import pytest

from pipeline import evaluate as ev
from pipeline.model import Chain, DocumentInfo, ExtractionResult, Reference

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = CORPUS / "gold" / "seeds.json"
EXTRA = CORPUS / "gold" / "extra.json"


def gold_docs(path: Path = SEEDS) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["documents"]


def prediction_from_gold(doc: dict, text: str | None = None) -> ExtractionResult:
    """What a perfect extractor would return for a gold document."""
    text = text if text is not None else (CORPUS / doc["file"]).read_text(encoding="utf-8")
    own = doc["self"]
    refs = [Reference(start=r["start"], end=r["end"], text=r["anchor"], kind=r["kind"], type=r["type"],
                      symbol=r["symbol"], number=r["number"], date=r["date"], issuer=r["issuer"],
                      relation=r["relation"], target=r["resolves_to"]) for r in doc["refs"]]
    chains = [Chain(c["source"], c["target"], c.get("relation", "implements")) for c in doc["chains"]]
    info = DocumentInfo(id=Path(doc["file"]).stem, source=doc["file"], **{k: own.get(k) for k in ev.META_FIELDS})
    return ExtractionResult(document=info, text=text, references=refs, chains=chains)


def extractor(results: dict[str, ExtractionResult]):
    def extract(path: str) -> ExtractionResult:
        return results[Path(path).name]

    return extract


def write_gold(tmp_path: Path, docs: list[dict]) -> Path:
    path = tmp_path / "gold" / "sample.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"documents": docs}, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("gold_path", [SEEDS, EXTRA])
def test_perfect_prediction_scores_one_everywhere(gold_path):
    docs = gold_docs(gold_path)
    report = ev.evaluate(gold_path, extract=extractor({d["file"]: prediction_from_gold(d) for d in docs}))
    corpus = report.corpus
    assert [d.status for d in report.documents] == ["ok"] * len(docs)
    assert not any(d.aligned for d in report.documents)
    n_refs = sum(len(d["refs"]) for d in docs)
    assert corpus.all_kinds.tp == n_refs and corpus.all_kinds.fp == corpus.all_kinds.fn == 0
    assert (corpus.numbered.precision, corpus.numbered.recall, corpus.numbered.f1) == (1.0, 1.0, 1.0)
    assert corpus.all_kinds.f1 == 1.0
    for name, ratio in corpus.fields.items():
        assert ratio.accuracy == 1.0, name
    for name, ratio in corpus.metadata.items():
        assert ratio.accuracy == 1.0, name
        assert ratio.total == len(docs)
    if gold_path == SEEDS:  # extra.json states neither chains nor resolutions
        resolved = sum(1 for d in docs for r in d["refs"] if r["resolves_to"])
        assert resolved == 14
        assert corpus.resolution.accuracy == 1.0 and corpus.resolution.total == resolved
        assert corpus.chains.f1 == 1.0 and corpus.chains.tp == 7
    assert all(d.misses.empty() for d in report.documents)


def test_one_missing_one_extra_one_wrong_date_gives_exact_figures(tmp_path):
    doc = next(d for d in gold_docs() if d["file"] == "001_e91816b876997450.txt")
    pred = prediction_from_gold(doc)
    numbered = [i for i, r in enumerate(pred.references) if r.kind in ev.NUMBERED_KINDS]
    assert len(numbered) == 19 and len(pred.references) == 20
    removed = pred.references.pop(numbered[3])
    dated = next(r for r in pred.references if r.date and r.kind == "full")
    dated.date = "1999-01-01"
    # A "reference" on the date line, where the gold has none.
    text = pred.text
    start = text.index("ngày 19 tháng 3 năm 2020")
    assert not any(r["start"] < start + 24 and start < r["end"] for r in doc["refs"])
    pred.references.append(Reference(start=start, end=start + 24, text=text[start:start + 24], kind="full",
                                     symbol="19-X/Y", relation="mentions"))
    pred.chains = pred.chains[1:] + [Chain("1-A/B", "2-C/D")]
    pred.document.date = None  # metadata: date lost

    gold_path = write_gold(tmp_path, [doc])
    report = ev.evaluate(gold_path, texts_dir=CORPUS, gold_texts_dir=CORPUS, extract=extractor({doc["file"]: pred}))
    s = report.corpus
    assert (s.numbered.tp, s.numbered.fp, s.numbered.fn) == (18, 1, 1)
    assert s.numbered.precision == pytest.approx(18 / 19)
    assert s.numbered.recall == pytest.approx(18 / 19)
    assert s.numbered.f1 == pytest.approx(18 / 19)
    assert (s.all_kinds.tp, s.all_kinds.fp, s.all_kinds.fn) == (19, 1, 1)
    assert s.all_kinds.f1 == pytest.approx(19 / 20)
    assert (s.fields["date"].correct, s.fields["date"].total) == (17, 18)
    for name in ("symbol", "type", "issuer", "relation"):
        assert (s.fields[name].correct, s.fields[name].total) == (18, 18), name
    assert (s.metadata["date"].correct, s.metadata["date"].total) == (0, 1)
    assert s.metadata["symbol"].accuracy == 1.0
    assert (s.chains.tp, s.chains.fp, s.chains.fn) == (3, 1, 1)
    m = report.documents[0].misses
    assert [r["anchor"] for r in m.missed] == [removed.text]
    assert [r["text"] for r in m.false_positives] == ["ngày 19 tháng 3 năm 2020"]
    gold_date = next(r["date"] for r in doc["refs"] if r["start"] == dated.start)
    assert [(w["field"], w["gold"], w["predicted"]) for w in m.wrong_fields] == [("date", gold_date, "1999-01-01")]
    assert m.wrong_metadata == [{"field": "date", "gold": "2020-03-19", "predicted": None}]
    assert m.missed_chains == [{"source": "24-KH/ĐUK", "target": "145-KH/TU"}]
    assert m.extra_chains == [{"source": "1-A/B", "target": "2-C/D"}]
    text_report = ev.format_report(report)
    assert "missed" in text_report and removed.text in text_report and "1999-01-01" in text_report


def test_spans_in_the_wrong_place_do_not_match():
    doc = gold_docs()[1]
    pred = prediction_from_gold(doc)
    for r in pred.references:  # each span moved past its anchor
        r.start, r.end = r.end + 1, r.end + 2
    report = ev.evaluate(SEEDS, extract=extractor({d["file"]: prediction_from_gold(d) for d in gold_docs()}
                                                  | {doc["file"]: pred}))
    scores = next(d for d in report.documents if d.file == doc["file"]).scores
    assert scores.all_kinds.tp == 0
    assert scores.numbered.recall == 0.0


def test_symbol_forms_and_bare_numbers():
    gold = {"symbol": "32-CT/TW", "alt_symbols": ["32-CTTW"], "number": "32"}
    ok = lambda **kw: ev.symbol_matches(gold, Reference(0, 1, "x", "full", **kw))  # noqa: E731
    assert ok(symbol="32 - ct/tw") and ok(symbol="32–CT/TW") and ok(symbol="32-CTTW")
    assert not ok(symbol="32-CT/TU") and not ok(symbol=None)
    bare = {"symbol": None, "alt_symbols": None, "number": "290"}
    assert ev.symbol_matches(bare, Reference(0, 1, "290", "partial", number="290"))
    assert not ev.symbol_matches(bare, Reference(0, 1, "290", "partial", number="29"))
    assert ev.normalize_symbol("138-KH/TU#Trà Vinh@2019") == "138-kh/tu"
    assert ev.normalize_symbol("13-NQ/TƯ") != ev.normalize_symbol("13-NQ/TU")  # no OCR repair here
    assert ev.normalize_symbol("1043 - QĐ/TU") == ev.normalize_symbol("1043-QÐ/TU")  # eth
    assert ev.normalize_symbol("named:Luật:Bộ luật Lao động") is None


@pytest.mark.parametrize("gold, predicted, expected", [
    ("Ban Chấp hành Trung ương", "Ban Chấp hành Trung ương Đảng", True),
    ("Ban Chấp hành Trung ương Đảng khoá XI", "ban chấp hành trung ương khóa XI", True),
    ("Ban Thường vụ Tỉnh uỷ", "Ban Thường vụ Tỉnh ủy Trà Vinh", True),
    ("Ủy ban nhân dân tỉnh", "UỶ BAN NHÂN DÂN TỈNH BẮC KẠN", True),
    ("Ban Chấp hành Trung ương (Ban Bí thư)", "Ban Bí thư", True),
    ("Ban Bí thư", "Ban Chấp hành Trung ương", False),
    ("Bộ Chính trị", "Ban Bí thư", False),
    ("Thành ủy", None, False),
    (None, "Thành ủy", False),
    (None, None, True),
    ("Thành ủy", "   ", False),
    ("Ban Chấp hành Đảng bộ Khối", "Ban Chấp hành Đảng bộ Khối các cơ quan và doanh nghiệp", True),
    ("Chính phủ", "Chính quyền", False),
    ("Văn phòng Trung ương Đảng", "VĂN PHÒNG TRUNG ƯƠNG", True),
    ("Hội đồng Hoà giải", "Hội đồng Hòa giải", True),
])
def test_issuer_folding(gold, predicted, expected):
    assert ev.issuer_matches(gold, predicted) is expected


def _ocr_like(segment: str) -> str:
    """White space and line breaks changed, a few OCR-like substitutions, a word glued."""
    out = segment.replace("\n\n", "\n").replace(", ", " ,  ").replace("Đ", "Ð").replace("ư", "u")
    return out.replace(" của ", "\n của  ").replace("ngày ", "ngày")


def _distorted(doc: dict, text: str) -> ExtractionResult:
    pred = prediction_from_gold(doc, text)
    pieces, pos, new_len = [], 0, 0
    for gold_ref, ref in sorted(zip(doc["refs"], pred.references), key=lambda p: p[0]["start"]):
        between = _ocr_like(text[pos:gold_ref["start"]])
        anchor = text[gold_ref["start"]:gold_ref["end"]].replace("Đ", "Ð")
        pieces += [between, anchor]
        new_len += len(between)
        ref.start, ref.end, ref.text = new_len, new_len + len(anchor), anchor
        new_len += len(anchor)
        pos = gold_ref["end"]
    pieces.append(_ocr_like(text[pos:]) + "\n\n  -- trang 1 --\n")
    pred.text = "".join(pieces)
    for ref in pred.references:
        assert pred.text[ref.start:ref.end] == ref.text
    return pred


def test_alignment_keeps_spans_when_the_text_changes():
    docs = gold_docs()
    results = {}
    for doc in docs:
        text = (CORPUS / doc["file"]).read_text(encoding="utf-8")
        results[doc["file"]] = pred = _distorted(doc, text)
        assert pred.text != text
        # each mapped span lands on (or around) its gold anchor
        alignment = ev.Alignment(pred.text, text)
        for gold_ref, ref in zip(doc["refs"], pred.references):
            lo, hi = alignment.map_span(ref.start, ref.end)
            assert lo < gold_ref["end"] and gold_ref["start"] < hi, gold_ref["anchor"]
            assert abs(lo - gold_ref["start"]) <= 2 and abs(hi - gold_ref["end"]) <= 2, gold_ref["anchor"]
    report = ev.evaluate(SEEDS, extract=extractor(results))
    assert all(d.aligned for d in report.documents)
    s = report.corpus
    assert (s.all_kinds.fp, s.all_kinds.fn) == (0, 0)
    assert s.numbered.f1 == 1.0
    assert all(r.accuracy == 1.0 for r in s.fields.values())


def test_alignment_of_small_edits():
    gold = "Căn cứ Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương."
    pred = "Căn  cứ Nghị\nquyết số25-NQ/TƯ ngày 03/6/2013 cùa Ban Chấp hành Trung ương.\f"
    a = ev.Alignment(pred, gold)
    s = pred.index("25-NQ/TƯ")
    assert a.map_span(s, s + 8) == (gold.index("25-NQ/TW"), gold.index("25-NQ/TW") + 8)
    s = pred.index("Ban")
    assert a.map_span(s, s + 3) == (gold.index("Ban"), gold.index("Ban") + 3)
    assert a.map_span(len(pred) - 1, len(pred)) is None  # the form feed maps nowhere
    assert ev.Alignment(gold, gold).map_span(5, 9) == (5, 9)


def test_match_is_one_to_one_by_largest_overlap():
    gold = [(0, 10), (12, 20)]
    assert ev.match_spans(gold, [(5, 15)]) == {0: 0}  # overlap 5 vs 3
    assert ev.match_spans(gold, [(8, 18), (0, 9)]) == {0: 1, 1: 0}
    assert ev.match_spans(gold, [(0, 10), (0, 10)]) == {0: 0}
    assert ev.match_spans(gold, [None, (10, 12)]) == {}


def test_alignment_speed_on_a_20kb_document():
    """Not a timed assertion: prints the figure (make bench has the side-by-side one)."""
    text = (CORPUS / "003_b6014cb1ca44f7c2.txt").read_text(encoding="utf-8")
    text = (text + "\n" + text)[:20_000]
    pred = _ocr_like(text)
    started = time.perf_counter()
    a = ev.Alignment(pred, text)
    elapsed = time.perf_counter() - started
    s = pred.index("Nghị quyết")
    lo, hi = a.map_span(s, s + 10)
    assert text[lo:hi] == "Nghị quyết"
    print(f"alignment of {len(text)} chars: {elapsed * 1000:.0f} ms")


def test_document_found_by_stem_and_skipped_folder(tmp_path):
    docs = [copy.deepcopy(d) for d in gold_docs()[:3]]
    texts = tmp_path / "scan"
    (texts / "deep").mkdir(parents=True)
    (texts / "deep" / (Path(docs[0]["file"]).stem + ".pdf")).write_bytes(b"%PDF-1.4 placeholder")
    (texts / Path(docs[1]["file"]).stem).mkdir()  # a folder of page images
    seen = []

    def extract(path: str) -> ExtractionResult:
        seen.append(Path(path).name)
        return prediction_from_gold(docs[0])

    report = ev.evaluate(SEEDS.parent / "seeds.json", texts_dir=texts, extract=extract)
    by_file = {d.file: d for d in report.documents}
    assert seen == [Path(docs[0]["file"]).stem + ".pdf"]
    assert by_file[docs[0]["file"]].status == "ok"
    assert by_file[docs[1]["file"]].status == "skipped" and "folder" in by_file[docs[1]["file"]].note
    assert by_file[docs[2]["file"]].status == "skipped"
    assert report.corpus.all_kinds.tp == len(docs[0]["refs"])


def test_extractor_failure_counts_as_nothing_found(tmp_path):
    doc = gold_docs()[0]
    gold_path = write_gold(tmp_path, [doc])

    def extract(path: str):
        raise ValueError("broken page\nsecond line")

    report = ev.evaluate(gold_path, texts_dir=CORPUS, gold_texts_dir=CORPUS, extract=extract)
    d = report.documents[0]
    assert d.status == "error" and d.note.endswith("ValueError: broken page")
    assert report.corpus.all_kinds.fn == len(doc["refs"]) and report.corpus.all_kinds.recall == 0.0


def _cli_app():
    import typer

    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """directives (test app)"""

    from pipeline.cli import eval as eval_command

    eval_command.register(app)
    return app


def test_cli_prints_table_and_json_and_exits_zero(tmp_path):
    from typer.testing import CliRunner

    docs = gold_docs()
    predictions = tmp_path / "predictions"
    predictions.mkdir()
    for doc in docs:
        pred = prediction_from_gold(doc)
        if doc["file"].startswith("001"):
            pred.references = pred.references[1:]
        (predictions / (Path(doc["file"]).stem + ".json")).write_text(
            json.dumps(pred.to_json(), ensure_ascii=False), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(_cli_app(), ["eval", str(SEEDS), "--predictions", str(predictions)])
    assert result.exit_code == 0, result.output
    assert "references, numbered" in result.output and "001_e91816b876997450.txt" in result.output
    assert "missed" in result.output and docs[1]["refs"][0]["anchor"] in result.output

    result = runner.invoke(_cli_app(), ["eval", str(SEEDS), "--predictions", str(predictions),
                                        "--format", "json", "--no-misses"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    n = sum(len(d["refs"]) for d in docs)
    assert data["corpus"]["all_kinds"]["tp"] == n - 1 and data["corpus"]["all_kinds"]["fn"] == 1
    assert "misses" not in data["documents"][0]

    result = runner.invoke(_cli_app(), ["eval", str(tmp_path / "nope.json")])
    assert result.exit_code == 2


def test_text_pdf_of_a_seed_is_aligned_back_to_the_gold(tmp_path):
    """End to end on a real rendering: the seed laid out as a text PDF (pipeline.demo.samples), read back
    by the readers (line breaks, header columns and spacing change); references located in the
    PDF's text independently of the alignment must land on their gold anchors."""
    import re

    samples = pytest.importorskip("pipeline.demo.samples")
    read = pytest.importorskip("pipeline.read")
    pytest.importorskip("pipeline.pdf")
    docs = [d for d in gold_docs() if d["file"].startswith(("001", "003"))]
    for doc in docs:
        text = (CORPUS / doc["file"]).read_text(encoding="utf-8")
        (tmp_path / (Path(doc["file"]).stem + ".pdf")).write_bytes(samples.render_text_pdf(text, title=doc["file"]))

    def extract(path: str) -> ExtractionResult:
        doc = next(d for d in docs if Path(d["file"]).stem == Path(path).stem)
        pdf_text = read.read_document(path).text
        pred = prediction_from_gold(doc, pdf_text)
        pos = 0
        for ref in sorted(pred.references, key=lambda r: r.start):
            pattern = r"\s*".join(re.escape(ch) for ch in ref.text if not ch.isspace())
            m = re.compile(pattern).search(pdf_text, pos)
            assert m, ref.text
            ref.start, ref.end, ref.text = m.start(), m.end(), m.group()
            pos = m.start()
        return pred

    gold_path = write_gold(tmp_path, docs)
    report = ev.evaluate(gold_path, texts_dir=tmp_path, gold_texts_dir=CORPUS, extract=extract)
    assert [d.status for d in report.documents] == ["ok", "ok"]
    assert all(d.aligned for d in report.documents)
    s = report.corpus
    assert (s.all_kinds.fp, s.all_kinds.fn) == (0, 0)
    assert all(r.accuracy == 1.0 for r in s.fields.values())


@pytest.mark.parametrize("direct", [2, 5, 3000])
def test_matching_blocks_are_valid_and_cover_both_sides(direct, monkeypatch):
    """The patience-style cut (used above _DIRECT_TOKENS tokens) gives ordered, equal, disjoint
    runs; the opcodes cover both sequences."""
    import random

    monkeypatch.setattr(ev, "_DIRECT_TOKENS", direct)
    rnd = random.Random(direct)
    for _ in range(200):
        a = [rnd.choice("abcdefgh") for _ in range(rnd.randint(0, 60))]
        b = list(a)
        for _ in range(rnd.randint(0, 10)):
            k = rnd.randint(0, len(b))
            b[k:k + rnd.randint(0, 3)] = [rnd.choice("abcdxyz") for _ in range(rnd.randint(0, 3))]
        blocks = ev.matching_blocks(a, b)
        pi = pj = 0
        for i, j, n in blocks:
            assert n > 0 and i >= pi and j >= pj and a[i:i + n] == b[j:j + n]
            pi, pj = i + n, j + n
        ops = list(ev._opcodes(blocks, len(a), len(b)))
        assert sum(i2 - i1 for _, i1, i2, _, _ in ops) == len(a)
        assert sum(j2 - j1 for _, _, _, j1, j2 in ops) == len(b)
        if a == b:
            assert sum(n for _, _, n in blocks) == len(a)


def test_alignment_of_a_long_repetitive_text():
    """A text that repeats itself has no word unique to it: anchors pair the k-th occurrences."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))) * 3
    pred = _ocr_like(text)
    a = ev.Alignment(pred, text)
    starts = [i for i in range(len(pred)) if pred.startswith("Nghị quyết", i)]
    gold_starts = [i for i in range(len(text)) if text.startswith("Nghị quyết", i)]
    assert len(starts) == len(gold_starts) > 30
    assert [a.map_span(s, s + 10) for s in starts] == [(g, g + 10) for g in gold_starts]
