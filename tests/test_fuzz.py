"""Property-based fuzzing of the extractor and the readers (hypothesis).

The default run is small (part of `make test`); `make fuzz` runs the same properties with
FUZZ_EXAMPLES examples each (the tests marked slow)."""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from pipeline.document import analyze_text
from pipeline.errors import ReadError
from pipeline.read import read_document
from pipeline.text_encoding import decode_text

QUICK = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
LONG = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "2000")), deadline=None,
                suppress_health_check=list(HealthCheck))

CITATION = "Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương"
SENTENCE = f"Căn cứ {CITATION} về tiếp tục đổi mới phương thức lãnh đạo."
WORDS = ["Căn cứ", "Thực hiện", "Nghị quyết", "Chỉ thị", "Kế hoạch", "Quyết định", "số", "ngày", "tháng", "năm",
         "của", "Bộ Chính trị", "Ban Bí thư", "Tỉnh ủy", "UBND", "khóa", "XI", "về", "và", "/", "-", "12", "2019",
         "25-NQ/TW", "05-CT/TW", "KH/TU", "Đảng", "tăng cường", ";", ",", ".", ":", "(", ")", "\n", "\f", "\u00a0",
         "ñaûng", "§¶ng", "Ð", "\u200b", "\u00ad", "Điều 3", "I.", "1.", "a)", "“", "”"]
# Text drawn from directive vocabulary, digits and punctuation, and any character at all.
vocabulary = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)
noise = st.text(max_size=200)
texts = st.one_of(vocabulary, noise, st.lists(st.one_of(vocabulary, noise), max_size=4).map("".join))


def check_extraction(text: str) -> None:
    result = analyze_text(text)
    assert result.text == text
    for r in result.references:
        assert 0 <= r.start <= r.end <= len(text)
        assert result.text[r.start:r.end] == r.text
        assert r.page == text.count("\f", 0, r.start) + 1
    for w in result.warnings:
        if w.start is not None and w.end is not None:
            assert 0 <= w.start <= w.end <= len(text)


def check_stable_citation(before: str, after: str) -> None:
    text = f"{before}\n{SENTENCE}\n{after}"
    result = analyze_text(text)
    found = [r for r in result.references if r.symbol == "25-NQ/TW" and r.date == "2013-06-03"]
    assert found, [(r.symbol, r.date, r.text) for r in result.references]
    start = text.index(CITATION)
    assert any(r.start <= start + CITATION.index("25-NQ") < r.end for r in found)


def check_decode(data: bytes) -> None:
    try:
        text, encoding, _ = decode_text(data)
    except ReadError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(text, str) and encoding


def check_reader(tmp_path_factory, data: bytes, ext: str) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    f = folder / f"x{ext}"
    f.write_bytes(data)
    try:
        raw = read_document(f)
    except ReadError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert raw.sha256 and isinstance(raw.text, str)


pdfish = st.builds(lambda a, b: b"%PDF-1.4\n" + a + b"\n%%EOF\n", st.binary(max_size=300), st.binary(max_size=10))


# ------------------------------------------------------------------------------------- the quick run


@QUICK
@given(texts)
@example("")
@example("\f\f")
@example("số 25-NQ/TW ngày 31/02/2013")  # an impossible date
@example("Nghị quyết số /TW ngày")
def test_extraction_never_raises_and_offsets_index_the_text(text):
    check_extraction(text)


@QUICK
@given(texts, texts)
def test_a_citation_is_found_whatever_text_surrounds_its_sentence(before, after):
    check_stable_citation(before, after)


@QUICK
@given(st.binary(max_size=2000))
def test_text_decoding_never_raises_anything_but_a_read_error(data):
    check_decode(data)


@QUICK
@given(st.one_of(st.binary(max_size=500), pdfish), st.sampled_from([".txt", ".pdf", ".png"]))
def test_readers_fail_only_with_a_one_line_read_error(tmp_path_factory, data, ext):
    assume(ext != ".png" or len(data) < 400)
    check_reader(tmp_path_factory, data, ext)


# ------------------------------------------------------------------------------------- make fuzz


@pytest.mark.slow
@LONG
@given(texts)
def test_long_extraction_never_raises_and_offsets_index_the_text(text):
    check_extraction(text)


@pytest.mark.slow
@LONG
@given(texts, texts)
def test_long_a_citation_is_found_whatever_text_surrounds_its_sentence(before, after):
    check_stable_citation(before, after)


@pytest.mark.slow
@LONG
@given(st.binary(max_size=5000))
def test_long_text_decoding(data):
    check_decode(data)


@pytest.mark.slow
@LONG
@given(st.one_of(st.binary(max_size=2000), pdfish), st.sampled_from([".txt", ".pdf", ".png", ".tif"]))
def test_long_readers(tmp_path_factory, data, ext):
    check_reader(tmp_path_factory, data, ext)
