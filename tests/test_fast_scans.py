"""The extractor's fast scans find what the plain patterns find (issue 17): `partial_matches` (an Aho-Corasick
pass, then `partial_re` tried where it finds a type word and what follows one) against `partial_re().finditer`,
on real sentences of corpus-real and on any text made of the pieces the pattern looks at; the block ends sentences
are split in (pipeline/segment.py) against the plain pattern's; the line patterns (`patterns.LinePattern`, searched
only where a line starts) against their own `^` pattern under re.M."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import patterns as P
from pipeline.segment import _BLOCK_END
from pipeline.segment import IMPLEMENT_TITLE_RE as _IMPLEMENT_TITLE


def _plain(text: str) -> list:
    return [(m.span(), m.groups()) for m in P.partial_re().finditer(text)]


def _fast(text: str) -> list:
    return [(m.span(), m.groups()) for m in P.partial_matches(text)]


@pytest.mark.parametrize("text", [
    # corpus-real: bare numbers after a type word, lists, an issuer between, upper case, wrapped lines
    "Thực hiện Quyết định số 290 của Thủ tướng Chính phủ; Chỉ thị 18, 19 và 20",
    "Căn cứ Quyết định của Bộ Chính trị số 31 ngày 15/4/2016",
    "theo Kế hoạch 5 năm",
    "QUYẾT ĐỊNH SỐ 1043 VỀ VIỆC BAN HÀNH",
    "Nghị quyết\nsố 25 của Ban Chấp hành",
    "Thông tư  liên tịch số 12 năm 2014",
    "Quyết định số1234 ngày",
    "Luật số 45, Pháp lệnh 12",
    "pháp luật\n1. Chỉ thị số 05-CT/TW",
    "Quyết định ١٢ (a digit `\\d` matches but is not 0-9) và Chỉ thị số ５",
    "Quyết đinh ſố 12 (a long s: `(?i)s` matches it, lower() does not)",
    "İ Quyết định 7 (a letter lower() makes two)",
])
def test_partial_matches_are_the_plain_scan(text):
    assert _fast(text) == _plain(text)


_PIECES = ["Quyết định", "QUYẾT ĐỊNH", "quyết  định", "Quyết\nđịnh", "Chỉ thị", "Thông tư", "thông tư liên tịch",
           "Luật", "Bộ luật", "Kế hoạch", "Nghị quyết", "số", "Số", "SỐ", " ", "  ", "\n", "\t", "\u00a0", "12", "5",
           "١", "của", "do", "Bộ", "Chính trị", ",", "và", ".", "-", "/", "NQ", "TW", "năm", "ſ", "a"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12).map("".join))
def test_partial_matches_agree_with_the_plain_scan_on_any_text(text):
    assert _fast(text) == _plain(text)


# Block ends for sentence splitting (pipeline/segment.py): the fast pattern starts with the character a block
# end starts at; the ends are those of the plain pattern.
_PLAIN_BLOCK_END = re.compile(r"\n[ \t]*\n|(?<=[.;:!?])[ \t]*\n|\f")


def _block_ends(pattern, text: str) -> list[int]:
    return [m.end() for m in pattern.finditer(text)]


@pytest.mark.parametrize("text", [
    # corpus-real: a clause's end over a blank line, trailing spaces, a page break, a list item's colon
    "Căn cứ Luật Tổ chức chính quyền địa phương;\n\nCăn cứ Nghị định số 30/2020/NĐ-CP; \t\nXét đề nghị",
    "QUYẾT ĐỊNH:\n \nĐiều 1. Ban hành kèm theo\nQuyết định này.\f2\nCÔNG BÁO",
    "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n\n\n",
    "a.\n \t\nb! \n\nc?\n",
])
def test_block_ends_are_the_plain_scans(text):
    assert _block_ends(_BLOCK_END, text) == _block_ends(_PLAIN_BLOCK_END, text)


@settings(max_examples=5000, deadline=None)
@given(st.lists(st.sampled_from(["x", ".", ";", ":", "!", "?", "\n", " ", "\t", "\f", "a b"]), max_size=16).map("".join))
def test_block_ends_agree_with_the_plain_scan_on_any_text(text):
    assert _block_ends(_BLOCK_END, text) == _block_ends(_PLAIN_BLOCK_END, text)


# Line patterns (patterns.LinePattern): searched only after a line break, they match what their `^` pattern does.
_LINE_PATTERNS = {name: value for name, value in vars(P).items() if isinstance(value, P.LinePattern)}


def _spans(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


def test_the_line_patterns_are_there():
    assert {"BASIS_LINE_RE", "PURPOSE_LINE_RE", "ARTICLE_RE", "WEB_FOOTNOTE_RE", "PRINT_FOOTNOTE_RE", "BASIS_COLUMN_RE",
            "CONSIDER_LINE_RE", "HEADING_RE"} <= set(_LINE_PATTERNS)
    with pytest.raises(ValueError):
        P.LinePattern("Căn cứ")


_LINE_TEXTS = [
    # corpus-real: preambles, a bulleted basis, a table's `Căn cứ` cell, web and printed footnotes, articles
    "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n - Căn cứ Nghị định số 30/2020/NĐ-CP;\nXét đề nghị",
    "QUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo\n**Điều\n1.** Phạm vi\nThực hiện Nghị quyết số 25-NQ/TW",
    "| Căn cứ |\nCĂN CỨ\n[1] Thông tư số 12/2024/TT-BLĐTBXH\n[2]\tNghị định",
    "văn bản\n1 Nghị quyết số 66-NQ/TW ngày 30/4/2025\n29 Điều này được sửa đổi, bổ sung theo quy định tại",
    "\n\nI. MỤC ĐÍCH\nA. Nội dung\n“Triển khai Nghị quyết\nĐể tiếp tục thực hiện",
]


@pytest.mark.parametrize("text", _LINE_TEXTS)
@pytest.mark.parametrize("name", sorted(_LINE_PATTERNS))
def test_line_patterns_are_their_plain_patterns(name, text):
    line = _LINE_PATTERNS[name]
    assert _spans(line.finditer(text)) == _spans(line.regex.finditer(text))
    for pos in range(len(text) + 1):  # from any position, up to any end: `^` holds at a line's start only
        found, plain = line.search(text, pos), line.regex.search(text, pos)
        assert (found and (found.span(), found.groups())) == (plain and (plain.span(), plain.groups()))
        assert _spans(line.finditer(text, pos, len(text) - pos // 2)) == _spans(line.regex.finditer(text, pos, len(text) - pos // 2))


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["Căn cứ", "CĂN CỨ", "căn  cứ", "Điều", "1.", "1", "[1]", "[12]", "Nghị quyết", "số",
                                 "Thực hiện", "Xét", "|", "-", " ", "\t", "\n", "\r\n", "**", "I.", "Luật", "a"]),
                max_size=14).map("".join), st.integers(0, 40))
def test_line_patterns_agree_with_their_plain_patterns_on_any_text(text, pos):
    for line in _LINE_PATTERNS.values():
        assert _spans(line.finditer(text, pos)) == _spans(line.regex.finditer(text, pos))


# The signature cues: a line's cue, or `Nơi nhận:` glued to a sentence, as one alternation (patterns.Alternation).
_PLAIN_SIGN_CUE = re.compile(P.SIGN_CUE_RE.alternatives[0].pattern + "|" + P.SIGN_CUE_RE.alternatives[1].pattern, re.M)


@pytest.mark.parametrize("text", [
    # corpus-real: signature blocks, recipients glued to the last sentence, a consolidated text's certification
    "Điều 3. Quyết định này có hiệu lực.\n\nNơi nhận:\n- Như Điều 3;\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A",
    "chịu trách nhiệm thi hành Quyết định này./. Nơi nhận:\n- Lưu: VT.\n| KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG",
    "XÁC THỰC VĂN BẢN HỢP NHẤT\nBỘ TRƯỞNG\n\n\n  Nơi nhận\n:\nT/M BAN THƯỜNG VỤ",
])
def test_sign_cues_are_the_plain_alternation(text):
    assert _spans(P.SIGN_CUE_RE.finditer(text)) == _spans(_PLAIN_SIGN_CUE.finditer(text))
    for pos in range(len(text)):
        assert _spans(P.SIGN_CUE_RE.finditer(text, pos, len(text) - pos // 3)) == _spans(
            _PLAIN_SIGN_CUE.finditer(text, pos, len(text) - pos // 3))


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["Nơi nhận", ":", " ", "\n", "TM.", "CHỦ TỊCH", "- ", "*", "x", "Q.", "BỘ TRƯỞNG"]),
                max_size=12).map("".join), st.integers(0, 30))
def test_sign_cues_agree_with_the_plain_alternation_on_any_text(text, pos):
    assert _spans(P.SIGN_CUE_RE.finditer(text, pos)) == _spans(_PLAIN_SIGN_CUE.finditer(text, pos))


# Patterns searched as one pattern per alternative (patterns.Alternation): the matches of the plain pattern.
_PLAIN_ALTERNATIONS = {
    "DESCRIPTIVE_RE": P.DESCRIPTIVE_RE, "CONGRESS_RE": P.CONGRESS_RE, "CONSIDERED_RE": P.CONSIDERED_RE,
    "QUOTED_PREAMBLE_CUE_RE": P.QUOTED_PREAMBLE_CUE_RE, "IMPLEMENT_TITLE_RE": _IMPLEMENT_TITLE,
}


def _plain_of(alternation: P.Alternation) -> re.Pattern[str]:
    """The one pattern the alternation stands for: `X...|x...` back to `[Xx]...`, phrases as `a|b|c`."""
    first = alternation.alternatives[0]
    rests = {a.pattern[1:] for a in alternation.alternatives}
    if len(alternation.alternatives) == 2 and len(rests) == 1:
        return re.compile(f"[{first.pattern[0]}{alternation.alternatives[1].pattern[0]}]" + first.pattern[1:], first.flags)
    return re.compile("|".join(a.pattern for a in alternation.alternatives), first.flags)


@pytest.mark.parametrize("text", [
    # corpus-real: descriptive resolutions, congress resolutions, reports considered, a quoted preamble's cue
    "Thực hiện Nghị quyết Trung ương 4 khóa XII, Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương (khóa XIII)",
    "NQTW 5 khoá X; nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII và Nghị quyết Đại hội XIII của Đảng",
    "Xét Tờ trình và Báo cáo của Sở Tư pháp; xét Đề án của Ủy ban nhân dân tỉnh",
    "Nghị định số 12/2024/NĐ-CP, có căn cứ ban hành như sau:\n“Căn cứ Luật ...;\nCĂN CỨ BAN HÀNH NHƯ SAU :\r\n",
    "KẾ HOẠCH\nTRIỂN KHAI THI HÀNH LUẬT ĐẤT ĐAI; QUY ĐỊNH CHI TIẾT VÀ HƯỚNG DẪN THỰC HIỆN",
])
@pytest.mark.parametrize("name", sorted(_PLAIN_ALTERNATIONS))
def test_alternations_are_their_plain_patterns(name, text):
    alternation = _PLAIN_ALTERNATIONS[name]
    plain = _plain_of(alternation)
    assert _spans(alternation.finditer(text)) == _spans(plain.finditer(text))
    for pos in range(0, len(text), 3):
        found, expected = alternation.search(text, pos), plain.search(text, pos)
        assert (found and (found.span(), found.groups())) == (expected and (expected.span(), expected.groups()))


def test_by_case_wants_a_pattern_that_begins_with_both_cases():
    with pytest.raises(ValueError):
        P.Alternation.by_case("Nghị quyết")
    with pytest.raises(ValueError):
        P.Alternation.by_case("[NQ]")


# A clause opened after a long run of spaces (a table's layout in a gazette's text layer, congbao pages): the
# run is read as one space, as the list-marker patterns read any run.
@pytest.mark.parametrize("gap, parts, opens", [
    (" " * 300, False, True),
    ("\t " * 150 + "a)" + " " * 200, False, True),
    (" " * 200 + "- khoản 3 Điều 2" + "  \t " * 50, True, True),
    (" " * 200 + "- khoản 3 Điều 2" + "  \t " * 50, False, False),
    (" " * 200 + "các tổ chức" + " " * 200, True, False),
])
def test_a_clause_opens_after_a_long_run_of_spaces(gap, parts, opens):
    from pipeline.extract import _opens_clause

    text = "Điều 1. Bãi bỏ các văn bản sau:" + gap + "Thông tư số 12/2024/TT-BTC"
    assert _opens_clause(text, text.index("Thông tư"), parts=parts) is opens


# Cut-short symbols, tried only before the slashes they hold (patterns.truncated_symbols).
@pytest.mark.parametrize("text", [
    # corpus-real and issue 15's scans: a Party symbol without its issuer, a State one without its code
    "Thực hiện Chỉ thị số 05-CT/ ngày 15/5/2016 của Bộ Chính trị; Quyết định số 12/QĐ- ngày 3/4/2020",
    "Nghị quyết số 25 - NQ / của Ban Chấp hành; 101/UBND-, 7/TB-.\nKT. CHỦ TỊCH./.",
    "12345-CTr/.//QĐ-; 1-KH/,2/HD-)",
])
def test_truncated_symbols_are_the_plain_scan(text):
    assert _spans(P.truncated_symbols(text)) == _spans(P.TRUNCATED_SYMBOL_RE.finditer(text))


@settings(max_examples=4000, deadline=None)
@given(st.lists(st.sampled_from(["12", "5", "2016", "-", "–", "/", " ", "CT", "QĐ", "NQ", "Ab", "ngày", "của", ",",
                                 ".", ")", "\n", "x"]), max_size=14).map("".join))
def test_truncated_symbols_agree_with_the_plain_scan_on_any_text(text):
    assert _spans(P.truncated_symbols(text)) == _spans(P.TRUNCATED_SYMBOL_RE.finditer(text))


# Abbreviated type words before a number: one pattern per first letter (patterns.ABBR_PARTIAL_RE) against the one
# alternation of them all.
_PLAIN_ABBR_PARTIAL = re.compile("(?P<abbr>" + "|".join(
    f"{a[0]}(?<![{P.UPPER}{P.LOWER}\\d/{P.DASH}].){a[1:]}" for a in P.ABBREVIATIONS_BEFORE_NUMBER) + ")" + P.ABBR_NUMBER)


@pytest.mark.parametrize("text", [
    # corpus-real tables and later mentions
    "theo QĐ 20, NQ 57 và NĐ 88/2025; TT 09/2013, TTLT 12, CT 05, CTr 3, KL 14, KH 120 và HD 2, TB 45",
    "Thực hiện NQ số 57, QĐ số 1043/2024; 15 TT 3 năm; CT 5%; KH 12 người, NĐ 100 triệu",
])
def test_abbreviated_partials_are_the_plain_scan(text):
    assert _spans(P.ABBR_PARTIAL_RE.finditer(text)) == _spans(_PLAIN_ABBR_PARTIAL.finditer(text))


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["QĐ", "NQ", "NĐ", "TT", "TTLT", "C", "CTr", "T", "B", "K", "L", "H", "D", " ", " số ",
                                 "12", "2024", "/", "-", "năm", "x"]), max_size=12).map("".join))
def test_abbreviated_partials_agree_with_the_plain_scan_on_any_text(text):
    assert _spans(P.ABBR_PARTIAL_RE.finditer(text)) == _spans(_PLAIN_ABBR_PARTIAL.finditer(text))
