"""pipeline/spacy_doc.py: an extraction result as a spaCy Doc with a span group of references."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from spacy import displacy

from pipeline.model import DocumentInfo, ExtractionResult, Reference
from pipeline.spacy_doc import SPANS_KEY, make_nlp, to_spacy, word_spans

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "001_e91816b876997450.txt"

# The first "Căn cứ" paragraph of seed 001, as it is in the file.
SENTENCE = ("Căn cứ Nghị quyết số 02-NQ/ĐUK ngày 19/12/2019 của Ban Chấp hành Đảng bộ Khối các cơ quan và "
            "doanh nghiệp “về thực hiện nhiệm vụ công tác xây dựng Đảng năm 2020” và Kế hoạch số 69-KH/BDVTU "
            "ngày 10/3/2020 của Ban Dân vận Tỉnh ủy về thực hiện “Năm dân vận khéo” 2020, Ban Thường vụ Đảng ủy "
            "Khối xây dựng kế hoạch tổ chức thực hiện, như sau:")


def result_for(text: str, refs: list[Reference]) -> ExtractionResult:
    return ExtractionResult(document=DocumentInfo(id="t", source="t.txt"), text=text, references=refs)


def sentence_refs() -> list[Reference]:
    refs = [
        Reference(21, 30, "02-NQ/ĐUK", "full", type="Nghị quyết", symbol="02-NQ/ĐUK", relation="basis"),
        Reference(177, 188, "69-KH/BDVTU", "full", type="Kế hoạch", symbol="69-KH/BDVTU", relation="basis"),
        Reference(7, 30, "Nghị quyết số 02-NQ/ĐUK", "full", relation="basis"),  # overlapping: a span group allows it
    ]
    for ref in refs:
        assert SENTENCE[ref.start:ref.end] == ref.text
    return refs


def test_sentence_from_seed_is_in_the_file():
    assert SENTENCE in SEED.read_text(encoding="utf-8")


def test_doc_reproduces_text_and_spans_cover_references():
    refs = sentence_refs()
    doc = to_spacy(result_for(SENTENCE, refs))
    assert doc.text == SENTENCE
    spans = doc.spans[SPANS_KEY]
    assert sorted((s.text, s.label_) for s in spans) == sorted((r.text, r.kind) for r in refs)
    words = [t.text for t in doc]
    assert "Nghị quyết" in words and "Ban Chấp hành" in words  # underthesea's words, not syllables
    assert "02-NQ/ĐUK" in words and "19/12/2019" in words  # symbols and dates kept whole
    html = displacy.render(doc, style="span", options={"spans_key": SPANS_KEY}, jupyter=False)
    assert "02-NQ/ĐUK" in html and "69-KH/BDVTU" in html and "full" in html


def test_labels_can_be_the_relation():
    doc = to_spacy(result_for(SENTENCE, sentence_refs()), label="relation")
    assert {s.label_ for s in doc.spans[SPANS_KEY]} == {"basis"}


@pytest.mark.parametrize("text", [
    "  Căn  cứ\tNghị quyết số 25 –NQ/TW\n\nngày 03/6/2013 của Ban Chấp hành Trung ương.\n",
    "\n\nKẾ HOẠCH\n\n\n\nThực hiện Nghị\nquyết số 25-NQ/TW   \f  trang 2 ",
    "",
    " \n ",
    "Ð 13-NQ/TƯ ñaûng vieân “*Dân vận khéo*”",
])
def test_white_space_and_odd_text_are_kept(text):
    doc = make_nlp()(text)
    assert doc.text == text
    assert all(t.text for t in doc)
    for token in doc:  # no token is partly white space at its edges except white-space tokens
        assert token.text.strip() == token.text or not token.text.strip()


def test_span_is_widened_to_whole_tokens_and_crosses_line_breaks():
    text = "Thực hiện Nghị quyết số 25 –NQ/TW của Ban Chấp hành\nTrung ương khóa XI."
    start = text.index("NQ/TW")
    across = text.index("Ban Chấp hành\nTrung ương")
    refs = [Reference(start, start + 5, "NQ/TW", "full"),
            Reference(across, across + 24, "Ban Chấp hành\nTrung ương", "named")]
    doc = to_spacy(result_for(text, refs))
    texts = [s.text for s in doc.spans[SPANS_KEY]]
    assert texts[0].endswith("NQ/TW") and len(texts[0]) >= 5
    assert texts[1] == "Ban Chấp hành\nTrung ương"


def test_whole_seed_document_with_gold_references():
    gold = json.loads((ROOT / "corpus" / "gold" / "seeds.json").read_text(encoding="utf-8"))
    entry = next(d for d in gold["documents"] if d["file"] == SEED.name)
    text = SEED.read_text(encoding="utf-8")
    refs = [Reference(r["start"], r["end"], r["anchor"], r["kind"]) for r in entry["refs"]]
    doc = to_spacy(result_for(text, refs))
    assert doc.text == text
    assert [s.text for s in doc.spans[SPANS_KEY]] == [r.text for r in sorted(refs, key=lambda r: r.start)]
    sents = list(doc.sents)
    assert len(sents) > 20
    assert "".join(s.text_with_ws for s in sents) == text
    assert not any(s.text in ("II.", "1.") for s in sents)  # a heading's number stays with it
    assert any(s.text.startswith("II. NHIỆM VỤ") for s in sents)
    assert not any(s.text.startswith("63 của Bộ luật") for s in sents)  # a line break inside a citation
    assert any(s.text.startswith("Căn cứ Nghị quyết số 02-NQ/ĐUK") for s in sents)
    assert doc.user_data["document"]["source"] == "t.txt"


def test_word_spans_cover_every_non_space_character():
    text = SEED.read_text(encoding="utf-8")
    spans = word_spans(text)
    covered = bytearray(len(text))
    for start, end in spans:
        assert text[start:end].strip() == text[start:end]
        covered[start:end] = b"\x01" * (end - start)
    assert all(covered[i] or text[i].isspace() for i in range(len(text)))
    assert spans == sorted(spans) and all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_nothing_printed_on_stdout_when_underthesea_loads():
    code = ("from pipeline.model import *; from pipeline.spacy_doc import to_spacy; "
            "d = to_spacy(ExtractionResult(DocumentInfo(id='a', source='a'), 'Nghị quyết số 25-NQ/TW.')); "
            "import sys; sys.stderr.write(str(len(d)))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout == ""
