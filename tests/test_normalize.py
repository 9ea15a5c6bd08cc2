"""clean_text: real strings from the corpus, words written in VNI/TCVN3 with the project's tables
(round trip), and properties that hold for any text."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize import clean_text, is_valid_syllable, tcvn3_table, vni_table

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEED_003 = CORPUS / "003_b6014cb1ca44f7c2.txt"


def _inverse(table: dict[str, str]) -> dict[str, str]:
    inv: dict[str, str] = {}
    for legacy, uni in table.items():
        inv.setdefault(uni, legacy)
    return inv


def encode_vni(text: str) -> str:
    inv = _inverse(vni_table())
    return "".join(inv.get(c, c) for c in text)


def encode_tcvn3(text: str) -> str:
    # VN3 has no toned capitals: an upper-case word uses the lower-case codes
    inv = _inverse(tcvn3_table())
    return "".join(inv.get(c, inv.get(c.lower(), c)) for c in text)


@pytest.mark.parametrize(
    "raw, clean, kinds",
    [
        ("ñaûng vieân", "đảng viên", ["vni", "vni"]),
        ("Ñaûng", "Đảng", ["vni"]),
        ("Nghò quyeát", "Nghị quyết", ["vni", "vni"]),
        ("§¶ng", "Đảng", ["tcvn3"]),
        ("c¸c", "các", ["tcvn3"]),
        ("ViÖt Nam", "Việt Nam", ["tcvn3"]),
        ("n\xadíc", "nước", ["tcvn3"]),
        ("§¶NG", "ĐẢNG", ["tcvn3"]),
        ("Kết lúận", "Kết luận", ["tone"]),
        ("Nghị qụỵết", "Nghị quyết", ["tone"]),
        ("chính sách của Ðảng", "chính sách của Đảng", ["eth"]),
        ("Ðiện thoại", "Điện thoại", ["eth"]),
        ("Quyết định số 290-QĐÐ/TW", "Quyết định số 290-QĐ/TW", ["doubled-d"]),
        ("a\u00a0b", "a b", ["space"]),
        ("Nghị\u200b quyết", "Nghị quyết", ["zero-width"]),
        ("Nghị quy\xadết", "Nghị quyết", ["soft-hyphen"]),
        ("Vie\u0323\u0302t Nam", "Việt Nam", ["nfc"]),
    ],
)
def test_repairs(raw, clean, kinds):
    result = clean_text(raw)
    assert result.text == clean
    assert [r.kind for r in result.repairs] == kinds
    for r in result.repairs:
        assert raw[r.start:r.end] == r.original


@pytest.mark.parametrize(
    "text",
    [
        "hoá hóa uỷ ủy thuỷ thủy hoà hòa khoẻ khỏe",  # old and new tone placement, both right
        "Thực hiện Nghị quyết số 25 –NQ/TW ngày 03/6/2013",  # dashes stay
        "ĐĐ Đại đội 3",  # ĐĐ standing alone is an abbreviation, not OCR doubling
        "Quá trình, quân đội, thuê, viên chức, quyết, yên, khuya, giếng, gìn giữ, Bắc Kạn",
        "Français, café, naïve résumé",  # foreign words: not Vietnamese, not legacy
        "« trích » § 3, 25°C, © 2024",  # symbols outside words
        "  spaces\tand\n\nlines\f  stay  ",
    ],
)
def test_left_alone(text):
    result = clean_text(text)
    assert result.text == text
    assert result.repairs == []


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name)
def test_corpus_changes_only_known_damage(path):
    text = path.read_text(encoding="utf-8")
    result = clean_text(text)
    for r in result.repairs:
        assert text[r.start:r.end] == r.original
        assert (r.kind, r.original) in {
            ("space", "\xa0"), ("eth", "Ð"), ("vni", "ñaûng"), ("vni", "vieân")
        }, r
    # Everything else is character for character the same.
    assert len(result.text) == len(text) or path == SEED_003


def test_seed_003_vni_run_mapped_back():
    text = SEED_003.read_text(encoding="utf-8")
    result = clean_text(text)
    i = result.text.index("cán bộ, đảng viên, và")
    start = i + len("cán bộ, ")
    end = start + len("đảng viên")
    assert result.text[start:end] == "đảng viên"
    o_start, o_end = result.span_to_original(start, end)
    assert text[o_start:o_end] == "ñaûng vieân"
    assert "ñaûng" not in result.text and "Ð" not in result.text


def test_offsets_through_nfc_and_deletions():
    raw = "e\u0301 A\u200bB Vie\u0323\u0302t"
    result = clean_text(raw)
    assert result.text == "é AB Việt"
    assert list(result.offsets) == [0, 2, 3, 5, 6, 7, 8, 9, 12, 13]
    assert result.span_to_original(5, 9) == (7, 13)  # "Việt"
    assert result.span_to_original(7, 8) == (9, 12)  # "ệ" came from three characters
    assert result.span_to_original(0, 1) == (0, 2)


CORPUS_WORDS = sorted(
    {
        w
        for p in CORPUS.glob("*.txt")
        for w in p.read_text(encoding="utf-8").split()
        if w.isalpha() and not w.isascii() and is_valid_syllable(w)
    }
)


def test_corpus_words_are_valid_syllables():
    assert len(CORPUS_WORDS) > 500
    for w in ["đảng", "viên", "Nghị", "quyết", "Việt", "người", "khuỷu", "giếng", "quốc", "hoá", "hóa"]:
        assert is_valid_syllable(w), w
    for w in ["lúận", "qụỵết", "ñaûng", "hòang", "càt", "ĐĐ", "gìt"][:6]:
        assert not is_valid_syllable(w), w


def test_vni_round_trip_in_runs():
    # A whole line in VNI (a run): words that also read as Unicode are decoded with their neighbours.
    for line in ["Thực hiện Nghị quyết của Đảng về công tác dân vận",
                 "Tiếp tục nâng cao chất lượng đội ngũ cán bộ, đảng viên",
                 "Ban Chấp hành Trung ương khóa XI"]:
        assert clean_text(encode_vni(line)).text == line


def test_tcvn3_round_trip_in_runs():
    for line in ["Thực hiện Nghị quyết của Đảng về công tác dân vận",
                 "Tiếp tục nâng cao chất lượng đội ngũ cán bộ, đảng viên",
                 "Ban Chấp hành Trung ương khóa XI"]:
        assert clean_text(encode_tcvn3(line)).text == line


def test_legacy_words_mixed_into_unicode_text():
    line = "Thường xuyên giáo dục cán bộ, {} và thông qua các đoàn"
    for word in ["đảng viên", "người dân", "Việt Nam"]:
        assert clean_text(line.format(encode_vni(word))).text == line.format(word)
        assert clean_text(line.format(encode_tcvn3(word))).text == line.format(word)


def test_identity_fast_path_is_cheap():
    text = "Thực hiện Nghị quyết số 25-NQ/TW\n" * 1000
    result = clean_text(text)
    assert result.text is text
    assert len(result.offsets) == len(text) + 1
    assert result.offsets[-1] == len(text)
    assert result.to_original(123) == 123


_VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
_ODD = "\u00a0\u200b\u200d\ufeff\xad\u00d0\u00f0ñûøïäëüöæî§¶¸µ·¹«¬®ÖÕÒÓÔÊ\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(_VIET + _VIET.upper() + " ,.-/\n\f0123456789" + _ODD)), max_size=80)
       | st.text(max_size=60))
def test_properties(text):
    result = clean_text(text)
    offsets = list(result.offsets)
    assert len(offsets) == len(result.text) + 1
    assert offsets[-1] == len(text)
    assert all(0 <= o <= len(text) for o in offsets)
    assert all(a <= b for a, b in zip(offsets, offsets[1:]))
    for r in result.repairs:
        assert 0 <= r.start <= r.end <= len(text)
        assert text[r.start:r.end] == r.original
    for i in range(0, len(result.text), 7):
        s, e = result.span_to_original(i, min(len(result.text), i + 5))
        assert 0 <= s <= e <= len(text)
    assert unicodedata.is_normalized("NFC", result.text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(CORPUS_WORDS + ["và", "của", "25-NQ/TW", "Nam", "QĐ"]), max_size=30))
def test_clean_vietnamese_is_unchanged(words):
    text = " ".join(words)
    result = clean_text(text)
    assert result.text == text
    assert result.repairs == []


# OCR_JUNK_ANY answers OCR_JUNK_RE.search for every text clean_text repairs, at a fraction of its cost
# (pipeline/patterns.py): real OCR lines (tests/test_ocr_text.py's, from Tesseract on real scans) and lines
# it must leave alone, then any text made of the pieces the two patterns look at.
@pytest.mark.parametrize("line", [
    "Căn cứ Nghị quyết số ;02- ›-NQ/ĐUK ngày 19/12/2019 của Ban Chấp hành;",
    "Căn cứ Nghị định sô ) 92/201 7/NĐ-CP ngày 07 tháng 8 năm 2017 của Chính phủ;",
    "Căn cứ Nghị định số 1 07/2021/NĐ-CP ngày 06 tháng 12 năm 2021 của Chính phủ;",
    "Căn cứ Nghị định số 64//2023/NĐ-CP ngày 28/8/2023 của Chính phủ;",
    "Sô: 125/QĐ-UBND",
    "ngày 15 tháng 9 năm 202 5",
    "Hồ sơ 12 bộ",
    "các số 1, 07/2021/NĐ-CP",
    "Số: 209 /QĐ-UBND",
    "năm 2020 - 2025; giai đoạn 2021-2025",
])
def test_ocr_junk_any_answers_as_the_pattern(line):
    from pipeline import patterns as P

    assert any(r.search(line) for r in P.OCR_JUNK_ANY) == (P.OCR_JUNK_RE.search(line) is not None)
    assert P.ocr_marks(line)[0] == (P.OCR_JUNK_RE.search(line) is not None)


_OCR_PIECES = ["1", "0", "9", "20", "19", "201", "2023", "/", "//", "-", "–", " ", "  ", "\t", "›", ";", ",", ".", "'", "’",
               "|", ")", ":", "_", "số", "Số", "SỐ", "sô", "Sô", "só", "Só", "s", "S", "ô", "ó", "ố", "Ố", "năm ",
               "NQ", "QĐ", "Đ", "ĐUK", "a", "ngày", "\n"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_OCR_PIECES), min_size=1, max_size=14).map("".join))
def test_ocr_junk_any_agrees_with_the_pattern_on_any_text(text):
    from pipeline import patterns as P

    assert any(r.search(text) for r in P.OCR_JUNK_ANY) == (P.OCR_JUNK_RE.search(text) is not None)
    # clean_text's one call for both: the scans they share merged
    assert P.ocr_marks(text) == (P.OCR_JUNK_RE.search(text) is not None, P.OCR_SPECK_RE.search(text) is not None)


_JUNK_LINE_PIECES = _OCR_PIECES + ["I", "Ï", "l", "⁄", "§", "O", "T", "(", "[", "`", "\u00a0", "\r", "\f", "\n\n"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_JUNK_LINE_PIECES), min_size=1, max_size=16).map("".join))
def test_ocr_marks_found_line_by_line_are_the_full_scans(text):
    # clean_text scans OCR_JUNK_RE only on the lines OCR_JUNK_ANY finds something on: the same matches
    from pipeline import patterns as P
    from pipeline.normalize import _junk_matches

    def spans(matches):
        return [(m.span(), m.lastgroup, m.groups()) for m in matches]

    assert spans(_junk_matches(text)) == spans(P.OCR_JUNK_RE.finditer(text))


# has_ocr_specks answers OCR_SPECK_RE.search (pipeline/patterns.py): the specks the scans work saw on speckled and
# office-copied pages (issue 15), and typed text that has none.
@pytest.mark.parametrize("line", [
    "theo Chỉ thị của. Bộ Chính trị",
    "của-Ban Bí thư",
    "của Ban _.\nThường vụ",
    "Bộ Chính _ trị",
    "_của Thủ tướng",
    "dòng trước\n_ số 30-CT/TW",
    "ngày 06G tháng 9 năm 2021",
    "1763-QĐ/ĐUK; ngày 24/3/2017",
    "Nghị quyết số 25 —-NQ/TW",
    "Kế hoạch số 69-KH/BDV TU",
    "Quy định 1043-QĐ/TU ngày 21 tháng 9 năm 2003.\ncủa Ban Thường vụ Thành ủy",
    "hết năm 2003.\nCủa Ban",
    "__Điều 1.__ Ban hành",
    "Họ và tên: ________",
    "ngày 06 tháng 9 năm 2021 của Bộ Chính trị",
])
def test_has_ocr_specks_answers_as_the_pattern(line):
    from pipeline import patterns as P

    assert P.has_ocr_specks(line) == (P.OCR_SPECK_RE.search(line) is not None)
    assert P.ocr_marks(line)[1] == (P.OCR_SPECK_RE.search(line) is not None)


_SPECK_PIECES = ["của", "Của", ".", "-", "_", "__", "~", "|", " ", "  ", "\n", "Bộ", "ban", "ngày", " 06", "12", "G", "'",
                 " tháng ", "tháng", ";", "NQ", "Đ", "25", "—", "–", "/", "KH", "BDV", " TU", "TW", "ĐUK", "a", "Z"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_SPECK_PIECES), min_size=1, max_size=14).map("".join))
def test_has_ocr_specks_agrees_with_the_pattern_on_any_text(text):
    from pipeline import patterns as P

    assert P.has_ocr_specks(text) == (P.OCR_SPECK_RE.search(text) is not None)
    assert P.ocr_marks(text) == (P.OCR_JUNK_RE.search(text) is not None, P.OCR_SPECK_RE.search(text) is not None)


def test_nfc_tables_are_those_of_every_code_point():
    # clean_text's NFC tables are built from the planes that have marks and decompositions (0-3 and 14): the
    # same as from all code points, in this Python's Unicode
    import unicodedata

    from pipeline import normalize as N

    secondaries = set()
    for cp in range(0x110000):
        d = unicodedata.decomposition(chr(cp))
        if d and not d.startswith("<") and len(d.split()) == 2:
            second = chr(int(d.split()[1], 16))
            if not unicodedata.combining(second):
                secondaries.add(second)
    secondaries.update(chr(c) for c in range(0x1161, 0x1176))
    secondaries.update(chr(c) for c in range(0x11A8, 0x11C3))
    assert N._composing_secondaries() == frozenset(secondaries)
    marks = [cp for cp in range(0x110000) if unicodedata.combining(chr(cp)) or chr(cp) in secondaries]
    assert N._marks_re().pattern == N._class_of(marks) + "+"
    replaced = [cp for cp in range(0x110000) if unicodedata.decomposition(chr(cp))[:1] not in ("", "<")
                and not unicodedata.combining(chr(cp)) and chr(cp) not in secondaries
                and unicodedata.normalize("NFC", chr(cp)) != chr(cp)]
    assert N._replaced_re().pattern == N._class_of(replaced)
    # a text within the BMP is scanned with the BMP part of each class
    assert N._marks_re(True).pattern == N._class_of([c for c in marks if c <= 0xFFFF]) + "+"
    assert N._replaced_re(True).pattern == N._class_of([c for c in replaced if c <= 0xFFFF])


@pytest.mark.parametrize("text", [
    "Nghi\u0323 quyê\u0301t số 25-NQ/TW",  # decomposed tone marks, all in the BMP
    "Nghi\u0323 quyết \U0001d165\U0001d16e số 25-NQ/TW \u2126",  # a mark beyond the BMP, Ω replaced
    "Luật \U0002f800 số 12/2025/QH15 ê\U000e0100\u0301",  # a compatibility ideograph, a variation selector
])
def test_nfc_repair_gives_nfc_text_with_or_without_characters_beyond_the_bmp(text):
    import unicodedata

    result = clean_text(text)
    assert result.text == unicodedata.normalize("NFC", text)
