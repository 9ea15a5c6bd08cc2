"""Where the documents are in a file: page furniture out, one window per document.

What researchers save is rarely the document alone. A legal portal's page wraps it in menus, a
metadata table, notices and lists of related documents; a gazette (Công báo) issue prints a running
head and a page number on every page and holds several documents one after the other, each with its
header, title, body, signature and annexes. This module reads the page structure of one file (never
strings of one portal, never statistics across files):

* `page_furniture(text)`: the spans of running heads and page numbers. A running head is a short line
  printed again and again next to a page number (`CÔNG BÁO/Số 1523 + 1524/Ngày 29-12-2024` over
  `52`): found by its repetition inside the file, or by the gazette head's own shape when the issue has
  too few pages for repetition to tell;
* `prepare_text(text)`: markup neutralized (pipeline/markup.py) and furniture blanked, same length;
* `document_windows(text)`: one `(start, end)` window per document. A document starts at a formal
  header, the national or Party motto in capitals with the issuer column before it and, near it, a
  number (`Số: 116/NQ-CP`) or a dated place line (`Hà Nội, ngày 29 tháng 4 năm 2026`). A header
  after the first starts a new document only when the document before it has been signed and the
  header is not a form's or an annex's (`Mẫu số 01`, `(Kèm theo ...)`, dotted blanks): an annex or a
  decision's attached regulation stays with its document. The last document ends where the text
  stops being it: at a line after its signature that names the document itself by type and number
  (a portal's title line over its related lists and notices).
"""
from __future__ import annotations

import re
from collections import Counter
from itertools import accumulate
from dataclasses import dataclass

from . import patterns as P
from .markup import prepare_markup
from .reference import canonical_type


@dataclass(frozen=True)
class Window:
    start: int
    end: int
    symbol: str | None = None  # the number its header states, as written


# --------------------------------------------------------------------------- page furniture

_PAGE_NUMBER_LINE = re.compile(r"[ \t\r]*\d{1,4}[ \t\r]*")
_HEAD_MAX = 120
_YEAR_LINE = re.compile(r"[ \t\r]*(?:19[4-9]\d|20[0-4]\d)[ \t\r]*")


def page_furniture(text: str) -> list[tuple[int, int]]:
    """Spans (line starts to line ends) of running heads and page numbers next to them."""
    head_starts = _running_heads(text)
    # Only lines near a page number can be heads: the lines are looked at around the few page numbers
    # (one scan of the text finds them), not one by one.
    number_starts = [m.start() + 1 for m in P.PAGE_NUMBER_LINE_AFTER_BREAK_RE.finditer(text)]
    if P.PAGE_NUMBER_ONLY_LINE_RE.match(text):
        number_starts.insert(0, 0)
    if not head_starts and not number_starts:
        return []
    lines = text.split("\n")
    # Line i starts at cum[i] + i (the lengths of the lines before it and their line breaks).
    cum = list(accumulate(map(len, lines), initial=0))
    index = _line_indices(text, sorted(head_starts.union(number_starts)))
    heads = {index[s] for s in head_starts}
    number_lines = {index[s] for s in number_starts}
    # (a table's `2026` cell beside a `Nghị quyết` cell is a year, not the page a head stands on)
    page_lines = {j for j in number_lines if not _YEAR_LINE.fullmatch(lines[j])}

    def blank(k: int) -> bool:
        return not lines[k].strip()

    def next_to_page_number(i: int) -> bool:
        # the number's line right before or after, or two lines away across a blank line
        return (i - 1 in page_lines or i + 1 in page_lines or (i - 2 in page_lines and blank(i - 1))
                or (i + 2 in page_lines and blank(i + 1)))

    # A short line repeated at least three times, each time next to a bare page number, is a head
    # whatever its wording (a page number on its own line: the head's shape tells the rest). Only the
    # lines whose wording is found three times near the numbers at all can be (most are one-off text).
    n = len(lines)
    near = {i for j in page_lines for i in (j - 2, j - 1, j + 1, j + 2) if 0 <= i < n}
    wording = {i: " ".join(lines[i].split()) for i in near}  # (what `\s+` -> " " makes of the stripped line)
    seen = Counter(wording.values())
    keys: dict[int, str] = {}
    counts: Counter[str] = Counter()
    # (what the wording alone rules out, once a wording: a number, no letter, a sentence's end; a head's
    # stripped line is its wording but for runs of spaces inside)
    wordings = {key for key, count in seen.items() if count >= 3 and key and len(key) <= _HEAD_MAX
                and not _PAGE_NUMBER_LINE.fullmatch(key) and _LETTER_RE.search(key)
                and not key.endswith((".", ";", ":", ","))}
    for i, key in wording.items():
        if key not in wordings:
            continue
        line = lines[i].strip()
        if len(line) > _HEAD_MAX:
            continue
        if i and lines[i - 1].rstrip().endswith(("-", "–", "/")):
            continue  # the rest of a symbol wrapped in a table's cell (`số 12-` / `CTr/BCĐ`), over a row number
        if next_to_page_number(i):
            keys[i] = key
            counts[key] += 1
    for i, key in keys.items():
        if counts[key] >= 3 and not key.endswith((".", ";", ":", ",")):
            heads.add(i)
    spans: set[tuple[int, int]] = set()
    for i in heads:
        spans.add((cum[i] + i, cum[i + 1] + i))
        # only the number next to the head, across blank lines at most
        for j, between in ((i - 2, i - 1), (i - 1, None), (i + 1, None), (i + 2, i + 1)):
            if j in number_lines and (between is None or blank(between)):
                spans.add((cum[j] + j, cum[j + 1] + j))
    return sorted(spans)


def _running_heads(text: str) -> set[int]:
    """The starts of the lines RUNNING_HEAD_RE matches (a match is one line, from its start), tried only on
    the lines holding the head's word."""
    out: set[int] = set()
    for m in P.RUNNING_HEAD_WORD_RE.finditer(text):
        ls = text.rfind("\n", 0, m.start()) + 1
        if ls not in out and P.RUNNING_HEAD_RE.match(text, ls):
            out.add(ls)
    return out


def _line_indices(text: str, starts: list[int]) -> dict[int, int]:
    """The line number of each line start in `starts` (sorted), counting the line breaks between them."""
    out, line, pos = {}, 0, 0
    for s in starts:
        line += text.count("\n", pos, s)
        out[s] = line
        pos = s
    return out


_LETTER_RE = re.compile(r"[^\W\d_]")
_SPACES_RE = re.compile(r"\s+")


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the spans' characters as spaces (line and page breaks kept)."""
    if not spans:
        return text
    pieces, pos = [], 0
    for s, e in sorted(spans):
        s = max(s, pos)
        if e <= s:
            continue
        pieces.append(text[pos:s])
        pieces.append(_NOT_A_BREAK_RE.sub(" ", text[s:e]))
        pos = e
    pieces.append(text[pos:])
    return "".join(pieces)


_NOT_A_BREAK_RE = re.compile(r"[^\n\f]")


def prepare_text(text: str, markdown: bool | None = None) -> str:
    """What extraction reads: markup neutralized, running heads and page numbers blanked. Same length
    as `text`, so every offset found in it indexes `text`."""
    if "\r" in text:
        # Windows line ends: `\r` is a line break's, never a character the rules should see before `$`.
        text = text.replace("\r\n", " \n").replace("\r", "\n")
    text = prepare_markup(text, markdown)
    return blank_spans(text, page_furniture(text) + e_signature_stamps(text))


def e_signature_stamps(text: str) -> list[tuple[int, int]]:
    """The spans of a gazette's e-signature stamps (`Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ` / `Email: ...`
    / `Cơ quan: VĂN PHÒNG CHÍNH PHỦ` / `Thời gian ký: ...`), printed on a page wherever it falls, often inside a
    sentence (`... Nghị định số 51/2016/NĐ-CP ... của Chính <stamp> phủ quy định ...`): furniture, as a
    running head is, not the document's words."""
    return [m.span() for m in P.E_SIGNATURE_STAMP_RE.finditer(text)] if "Cơ quan:" in text else []


# --------------------------------------------------------------------------- document windows

_NEAR = 900  # how far from the motto the header's number and date line are looked for


def document_windows(text: str, sections: list[int] | None = None) -> list[Window]:
    """The documents of a prepared text (see `prepare_text`), in order; one window covering the whole
    text when no header is found. `sections`: where the page's own section headings start (a markdown
    page's `## ...` lines, see `markup.heading_starts`)."""
    starts: list[tuple[int, str | None]] = []
    last_start = None
    for m in _mottos(text):
        if last_start is not None and m.start() < last_start + 200:
            continue  # the second motto line of the same header
        hs = _header_start(text, m.start())
        number, dated, template = _header_fields(text, hs, m.start())
        if not starts:
            if template:
                continue
            starts.append((hs, number))
            last_start = m.start()
            continue
        if template or not (number and dated):
            continue  # a later document states both its number and its date (a form has blanks)
        prev = starts[-1][0]
        if next(_signatures(text, prev, hs), None) is None:
            continue  # the document before it is not signed yet: an annex's own header
        if number and starts[-1][1] and _same_symbol(number, starts[-1][1]):
            continue
        starts.append((hs, number))
        last_start = m.start()
    if not starts:
        return [Window(0, len(text))]
    lead = _lead_in(text, starts[0][0])
    if lead is not None:
        starts[0] = (lead, starts[0][1])
    windows = []
    for k, (s, number) in enumerate(starts):
        e = starts[k + 1][0] if k + 1 < len(starts) else _tail_end(text, s, number, sorted(sections or []))
        windows.append(Window(s, e, number))
    return windows


def _lead_in(text: str, header: int) -> int | None:
    """Where the first document starts when a gazette page's text layer prints its title and the start of
    its preamble before its header (`THÔNG TƯ / Hướng dẫn ... / Căn cứ Luật ... / BỘ TÀI CHÍNH / CỘNG HÒA
    ...`): at the type line in capitals above the header, when `Căn cứ` lines stand between them. None when
    what precedes the header is no such start (a portal's page above its document)."""
    line = None
    for m in _TYPE_LINE_RE.finditer(text, 0, header):
        if canonical_type(m.group("type")):
            line = m
    if line is None or not P.BASIS_LINE_RE.search(text, line.end(), header):
        return None
    return line.start()


# A document's type alone on its line, in capitals, a footnote's mark after it (`NGHỊ ĐỊNH1`).
_TYPE_LINE_RE = re.compile(r"(?m)^[ \t]*(?P<type>[A-ZÀ-ỸĐ][A-ZÀ-ỸĐ ]{2,30}?)\d?[ \t]*$")


def _mottos(text: str):
    """The matches of HEADER_MOTTO_RE, as its `finditer` gives them, tried only where the motto's first word
    is (a literal, found fast) and the spaces or tabs before it: a match starts nowhere else."""
    pos = 0
    for word in P.HEADER_MOTTO_WORD_RE.finditer(text):
        q = word.start()
        if q < pos:
            continue
        lo = q
        while lo > pos and text[lo - 1] in " \t":
            lo -= 1
        for start in range(lo, q + 1):
            m = P.HEADER_MOTTO_RE.match(text, start)
            if m:
                yield m
                pos = m.end()
                break


def _header_start(text: str, motto: int) -> int:
    """The start of the header a motto belongs to: the issuer column (upper-case lines, its number
    line, rules and blank lines) right before the motto's line, or on the motto's own line."""
    line_start = text.rfind("\n", 0, motto) + 1
    start = line_start
    pos = line_start
    for _ in range(12):
        if pos == 0:
            break
        prev_start = text.rfind("\n", 0, pos - 1) + 1
        line = text[prev_start:pos - 1].strip()
        if line and not (_is_upper(line) and len(line) <= 120 or _NUMBER_LINE_START.match(line)
                         or _body_then_number(line)
                         or re.fullmatch(r"[-_=*.•|\s]+", line)):  # rules; a table's cell bar
            break
        if line:
            start = prev_start
        pos = prev_start
    return start


_LOWER = re.compile(f"[{P.LOWER}]")
# The header's number line, its number left blank in an unsigned draft too (`Số:    /KH-MTTQ-BTT`).
# (`Nghị quyết số: 17/2022/UBTVQH15`: the type written before `số`)
_NUMBER_LINE_START = re.compile(f"(?:{P.NUMBER_LINE_TYPE}{P.SP}+(?:số|Số|SỐ){P.SP}*:|(?:Số|SỐ)(?:\\s+(?:hiệu|ký\\s+hiệu))?\\s*:?)"
                                f"\\s*[\\d/.…]")


def _body_then_number(line: str) -> bool:
    """A header's left column flattened into one line by a portal: the body in capitals, then its number
    line (`CHÍNH PHỦ        Số: 172/2025/NĐ-CP`, the rule between them blanked)."""
    m = _NUMBER_LINE_START.search(line)
    return bool(m) and m.start() > 0 and len(line) <= 160 and _is_upper(line[:m.start()])


def _is_upper(line: str) -> bool:
    return _LOWER.search(line) is None and re.search(f"{P.LETTER}", line) is not None


def _header_fields(text: str, hs: int, motto: int) -> tuple[str | None, bool, bool]:
    """(the number the header states, whether it has a dated place line, whether it is a form's or an
    annex's header). The number is a `Số:` line of the header block itself (a form's body cites other
    documents' numbers on lines of their own), with digits (a form's is dotted)."""
    number = None
    for m in _HEADER_NUMBER_RE.finditer(text, hs, min(len(text), motto + _NUMBER_REACH)):
        sm = P.SYMBOL_RE.match(text, m.end())
        if sm:
            number = re.sub(r"\s+", "", sm.group(0))
            break
    dated = False
    for m in P.PLACE_DATE_RE.finditer(text, hs, min(len(text), motto + _NEAR)):
        if m.group("d") and m.group("m"):
            dated = True
            break
    template = bool(P.TEMPLATE_HEADER_RE.search(text, max(0, hs - 200), motto))
    return number, dated, template


_NUMBER_REACH = 400
_HEADER_NUMBER_RE = re.compile(f"(?m)^[ \\t]*(?:{P.NUMBER_LINE_TYPE}{P.SP}+(?:số|Số|SỐ){P.SP}*:|(?:Số|SỐ){P.SP}*(?:hiệu|ký{P.SP}+hiệu)?{P.SP}*:?)"
                               f"{P.SP}*(?:\\n{P.SP}*)?(?=\\d)")


def _same_symbol(a: str, b: str) -> bool:
    return re.sub(f"[{P.DASH}\\s]", "-", a).upper() == re.sub(f"[{P.DASH}\\s]", "-", b).upper()


def _tail_end(text: str, start: int, number: str | None, sections: list[int]) -> int:
    """Where the last document of a file ends: at the first line after its signature that names the
    document itself by its type and number without being an annex's heading (a portal's title line,
    with the portal's lists and notices after it); the end of the text otherwise."""
    signed = next(_signatures(text, start), None)
    if signed is None:
        return len(text)
    digits = re.match(r"\d+", number or "")
    if not digits:
        return _section_after(text, signed.end(), sections)
    # `Công văn 5348/CT-CS năm 2025 ...`, `Văn bản hợp nhất 92/VBHN-BQP ngày ...`: a few words, the number
    # (any number in the pattern, compiled once; the number is compared after).
    for m in P.TITLE_NUMBER_LINE_RE.finditer(text, signed.end()):
        if m.group("digits") != digits.group(0):
            continue
        before = text[max(0, m.start() - 80):m.start()]
        if re.search(r"(?i)kèm\s+theo|ban\s+hành\s+theo|\(\s*$", before):
            continue
        if P.BASIS_LINE_RE.match(text, m.start()):
            continue  # `Căn cứ Thông tư số 18/2023/...`: an annex's form citing the document, no title line
        sym = P.SYMBOL_RE.search(text, m.start(), m.start() + 200)
        if sym and _same_symbol(re.sub(r"\s+", "", sym.group(0)), number):
            return min(m.start(), _section_after(text, signed.end(), sections))
    return _section_after(text, signed.end(), sections)


def _signatures(text: str, start: int, end: int | None = None):
    """The signature cues (`P.SIGN_CUE_RE`) between start and end, but for a decision's enacting line: its
    signer's title names the body and the preamble follows (`CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ` over
    `Căn cứ Luật ...`), where nothing has been signed yet."""
    for m in P.SIGN_CUE_RE.finditer(text, start, len(text) if end is None else end):
        if not P.ENACTING_LINE_END_RE.match(text, m.end()):
            yield m


def _section_after(text: str, start: int, sections: list[int]) -> int:
    """The first of the page's own section headings after `start` (a markdown page's `## Văn bản liên
    quan`: a document has no such heading after its signature), else the end of the text."""
    for s in sections:
        if s > start and not _own_heading(text, s):
            return s
    return len(text)


def _own_heading(text: str, start: int) -> bool:
    """Whether the markdown heading at `start` is the document's own (an annex's `# PHỤ LỤC`, `## I. DANH
    MỤC ...`, `# 11.`, `# PHẦN I`): in capitals or numbered, where a page's own sections are written as
    sentences (`## Văn bản liên quan`, a news headline)."""
    end = text.find("\n", start)
    line = text[start:len(text) if end < 0 else end].lstrip("#").strip(" \t*_")
    return bool(P.NUMBERED_HEADING_RE.match(line)) or _is_upper(line)
