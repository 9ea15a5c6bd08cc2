"""Segmentation: the structure of a directive document.

`segment(text)` finds the parts that decide how a citation relates to the citing document and where
its own metadata is: navigation text of a web page, the header (issuer, number, place and date, an
incoming-mail stamp), the type line and title, the `Căn cứ` bases, the purpose statement
(`Thực hiện ...`), the body, and the signature block. Sentences come from underthesea, computed
lazily for the paragraphs that hold a reference.
"""
from __future__ import annotations

import bisect
import contextlib
import io
import re
from dataclasses import dataclass, field
from itertools import accumulate

from . import patterns as P
from .keys import fold
from .reference import bare, canonical_type, known_body_name, known_places, loose_type_prefix

BODY_WORDS = re.compile(
    r"^(?:ỦY BAN|UỶ BAN|UBND|CHÍNH PHỦ|THỦ TƯỚNG|BỘ |BAN |HỘI ĐỒNG|QUỐC HỘI|ĐẢNG ỦY|ĐẢNG UỶ|TỈNH ỦY|"
    r"THÀNH ỦY|HUYỆN ỦY|QUẬN ỦY|VĂN PHÒNG|SỞ |CHỦ TỊCH|NGÂN HÀNG NHÀ NƯỚC|KIỂM TOÁN NHÀ NƯỚC|"
    r"ĐẠI HỘI|MẶT TRẬN)"
)
# In the header's issuer column also the bodies under a ministry or a province, each heading its own
# documents (`BỘ CÔNG THƯƠNG / TRƯỜNG ĐẠI HỌC ĐIỆN LỰC`, `TỔNG CỤC THUẾ / CỤC THUẾ TP.HCM`), not a head's
# title (`CỤC TRƯỞNG`). Only there: a title's last line before `Căn cứ` may start with them (`... CỦA BỘ
# QUỐC` / `PHÒNG BAN HÀNH ĐIỀU LỆ ...`), and names that also title laws (`BẢO HIỂM XÃ HỘI`) are left out.
HEADER_BODY_WORDS = re.compile(
    BODY_WORDS.pattern[:-1] + r"|(?:TỔNG |CHI )?CỤC (?!TRƯỞNG)|TRƯỜNG |HỌC VIỆN |ĐẠI HỌC |KHO BẠC |BỆNH VIỆN |TRUNG TÂM |"
    # (the tax departments of the provinces since 2025: `CỤC THUẾ` / `THUẾ TỈNH VĨNH LONG`)
    r"PHÒNG (?!CHỐNG|NGỪA)|THUẾ (?=TỈNH |THÀNH PHỐ |TP\.? ))"
)
# The place that ends a body's name on the line below it (`ỦY BAN NHÂN DÂN` / `TỈNH QUẢNG NGÃI`).
PLACE_LINE_RE = re.compile(r"^(?:TỈNH|THÀNH PHỐ|TP\.?|HUYỆN|QUẬN|THỊ XÃ|THỊ TRẤN|XÃ|PHƯỜNG) \S")
# A head's title over a body named by its level only, in the line that enacts (`CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH`).
HEAD_WITHOUT_PLACE_RE = re.compile(r"^(?P<head>CHỦ TỊCH) (?P<body>(?:ỦY|UỶ) BAN NHÂN DÂN (?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|"
                                   r"THỊ XÃ|XÃ|PHƯỜNG))$")
# A body named without its place, which the next header line gives.
# (its chair issuing in its name: `CHỦ TỊCH ỦY BAN` / `NHÂN DÂN` / `TỈNH GIA LAI`)
PLACELESS_BODY_RE = re.compile(r"^(?:CHỦ TỊCH )?(?:(?:ỦY|UỶ) BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|UBND|HĐND)$")
SUBJECT_RE = re.compile(
    r"(?:^|[,;)]\s*|\n\s*)(?P<subj>(?:Ban(?!\s+hành\b)|Đảng|Ủy|Uỷ|UBND|Văn phòng|Hội đồng|Bộ|Sở|Chính phủ|Thủ tướng|Thường trực)"
    rf"(?:\s+[^\s.;:“”\"]+){{0,16}}?)\s+(?:đã\s+|sẽ\s+)?(?:ban\s+hành|xây\s+dựng|hướng\s+dẫn|quy\s+định|"
    r"quyết\s+định|chủ\s+trì|thông\s+báo|đề\s+ra|tổ\s+chức)(?!\w)",
)
# The motto of the header, in capitals (`Hiến pháp nước Cộng hòa xã hội ...` in a sentence is not one).
# OCR's readings of it too (`CỌNG HÒA`, `CÔNG HOÀ`, `Độc lập — Tự do`): a scan's header otherwise gives the
# issuer's cell and the motto as one body (`Ủy ban nhân dân cọng hòa xã hội chủ nghĩa Việt Nam`).
MOTTO_RE = re.compile(r"ĐẢNG\s+C[ỘỌÔO]NG\s+SẢN|C[ỘỌÔO]NG\s+H(?:ÒA|OÀ|OA|ÓA|OÁ)\s+X[ÃAẢ]\s+H[ỘỌÔO]I|"
                      r"Đ[ộọôo]c\s+l[ậạâa]p\s*[-–—]\s*T[ựưu]\s+do")
# (one pattern per phrase: `re` finds a phrase by its fast scan, an alternation of them by testing every character)
IMPLEMENT_TITLE_RE = P.Alternation(*(re.compile(phrase) for phrase in (
    "THI HÀNH", "THỰC HIỆN", "TRIỂN KHAI", "HƯỚNG DẪN", "QUY ĐỊNH CHI TIẾT")))


@dataclass
class Structure:
    text_length: int
    zones: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, zone), sorted
    body_start: int = 0
    type_line: str | None = None
    title: str | None = None
    basis_spans: list[tuple[int, int]] = field(default_factory=list)
    # Footnotes and the notes of a consolidated text: they expand or quote a citation, the citing
    # document does nothing with what they cite.
    footnote_spans: list[tuple[int, int]] = field(default_factory=list)
    # A consolidated text's quotes of its amending acts' preambles (pipeline.segment._quoted_preambles): the
    # grounds of the act the paragraph names, (paragraph start, quote start, quote end).
    quoted_preambles: list[tuple[int, int, int]] = field(default_factory=list)
    # A consolidated text's certification line (`XÁC THỰC VĂN BẢN HỢP NHẤT`, P.CONSOLIDATION_CERT_RE) and its
    # opening note on what it consolidates (pipeline.segment._consolidation_note).
    certification: tuple[int, int] | None = None
    consolidation_note: tuple[int, int] | None = None
    # Where the enacting articles start (`Điều 1.` after the preamble): only there does the document
    # itself repeal, replace or amend what it cites.
    article_start: int | None = None
    # Table headers with a `Căn cứ` column (`Căn cứ bổ sung`, `Căn cứ pháp lý`): offsets of the header.
    basis_columns: list[int] = field(default_factory=list)
    stamp_spans: list[tuple[int, int]] = field(default_factory=list)
    upper_implement_lines: list[tuple[int, int]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)
    _upper_starts: list[int] = field(default_factory=list, repr=False)
    _blocks: list[int] = field(default_factory=list, repr=False)
    _footnote_index: "_SpanIndex | None" = field(default=None, repr=False)
    _sentences: dict[int, list[tuple[int, int]]] = field(default_factory=dict, repr=False)
    # What the document's own issuer, signer and signing body are read from, when first asked for: finding
    # references needs none of them (the signature is looked for over the whole text).
    _text: str = field(default="", repr=False)
    _lines: "_Lines | None" = field(default=None, repr=False)
    _first_basis: re.Match | None = field(default=None, repr=False)
    _own: dict[str, str | None] = field(default_factory=dict, repr=False)

    @property
    def issuer(self) -> str | None:
        """The issuer the document states: its enacting line, the subject of its preamble, its header."""
        if "issuer" not in self._own:
            self._own["issuer"] = _issuer(self._text, self._lines, self, self._first_basis)
        return self._own["issuer"]

    @property
    def signer(self) -> str | None:
        if "signer" not in self._own:
            self._own["signer"] = _signer(self._text, self._lines)
        return self._own["signer"]

    @property
    def signed_for(self) -> str | None:
        """The body of a `TM. CHÍNH PHỦ` signature: the issuer when nothing else names it."""
        if "signed_for" not in self._own:
            self._own["signed_for"] = _signed_for(self._text)
        return self._own["signed_for"]

    def zone_of(self, offset: int) -> str:
        if self.footnote_spans:
            if self._footnote_index is None or not self._footnote_index.indexes(self.footnote_spans):
                self._footnote_index = _SpanIndex(self.footnote_spans)
            if offset in self._footnote_index:
                return "footnote"
        if self.upper_implement_lines:
            if not self._upper_starts:
                self._upper_starts = [s for s, _ in self.upper_implement_lines]
            k = bisect.bisect_right(self._upper_starts, offset) - 1
            if k >= 0 and offset < self.upper_implement_lines[k][1]:
                return "title"
        if not self._starts:
            self._starts = [z[0] for z in self.zones]
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.zones[i][0] <= offset < self.zones[i][1]:
            return self.zones[i][2]
        return "body"

    def zone_start(self, offset: int) -> int:
        """Where the zone holding `offset` starts (an upper-case title line: its line)."""
        for s, e in self.upper_implement_lines:
            if s <= offset < e:
                return s
        i = bisect.bisect_right([z[0] for z in self.zones], offset) - 1
        if i >= 0 and self.zones[i][0] <= offset < self.zones[i][1]:
            return self.zones[i][0]
        return 0

    def in_stamp(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.stamp_spans)

    def sentence_span(self, text: str, offset: int) -> tuple[int, int]:
        if not self._blocks:
            self._blocks = _blocks(text)
        k = bisect.bisect_right(self._blocks, offset) - 1
        ps = self._blocks[k] if k >= 0 else 0
        pe = self._blocks[k + 1] if k + 1 < len(self._blocks) else len(text)
        spans = self._sentences.get(ps)
        if spans is None:
            spans = _split_sentences(text, ps, pe)
            self._sentences[ps] = spans
        i = bisect.bisect_right(spans, (offset, len(text) + 1)) - 1
        if i >= 0 and spans[i][0] <= offset < spans[i][1]:
            return spans[i]
        return ps, pe


def sentence_at(text: str, structure: Structure, offset: int) -> str:
    s, e = structure.sentence_span(text, offset)
    return " ".join(text[s:e].split())


# Where a block ends: a blank line, a line break after a sentence's or clause's end, a page break. Written to
# start with one class of the few characters a block end starts at (`re` skips to them, 2.4x the pace of
# `\n[ \t]*\n|(?<=[.;:!?])[ \t]*\n|\f`, which tries each position): the same ends, the punctuation mark
# read as the match's first character (and a line break right after it that starts a blank line left to the
# first alternative, as there). tests/test_fast_scans.py checks both give the same ends.
_BLOCK_END = re.compile(r"[\n.;:!?\f](?:(?<=\n)[ \t]*\n|(?<=[.;:!?])(?:[ \t]+\n|\n(?![ \t]*\n))|(?<=\f))")


def _blocks(text: str, longest: int = 3000) -> list[int]:
    """Starts of the blocks sentences are looked for in: paragraphs (blank lines, or a line that ends a
    sentence), long ones cut at line breaks, so each block is tokenized once."""
    starts = [0]
    for m in _BLOCK_END.finditer(text):
        e = m.end()
        while e - starts[-1] > longest:
            cut = text.rfind("\n", starts[-1] + 1, starts[-1] + longest)
            if cut <= starts[-1]:
                cut = starts[-1] + longest
            starts.append(cut + 1 if text[cut:cut + 1] == "\n" else cut)
        if e > starts[-1] and e < len(text):
            starts.append(e)
    while len(text) - starts[-1] > longest:
        cut = text.rfind("\n", starts[-1] + 1, starts[-1] + longest)
        if cut <= starts[-1]:
            cut = starts[-1] + longest
        starts.append(cut + 1 if text[cut:cut + 1] == "\n" else cut)
    return starts


_underthesea_sent_tokenize = None


def _load_sent_tokenize():
    """underthesea's `sent_tokenize`. Its module (pure Python, its Punkt parameters beside it) is loaded on
    its own: `import underthesea` first imports the whole toolkit (tagging, NER, classification models:
    0.5 s of CPU in every process that extracts, most of a one-file `directives extract`), and prints."""
    import importlib.util
    import sys

    name = "underthesea.pipeline.sent_tokenize"
    if name not in sys.modules:
        try:
            package = importlib.util.find_spec("underthesea")
            folder = package.submodule_search_locations[0] if package and package.submodule_search_locations else None
            spec = importlib.util.spec_from_file_location(
                "_directives_sent_tokenize", f"{folder}/pipeline/sent_tokenize/__init__.py") if folder else None
            if spec is not None and spec.loader is not None:
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                return module.sent_tokenize
        except (ImportError, OSError, AttributeError):
            pass  # another layout of the package: import it whole
    # underthesea prints to stdout when imported: keep it off our data output.
    with contextlib.redirect_stdout(io.StringIO()):
        from underthesea import sent_tokenize
    return sent_tokenize


def _sent_tokenize(paragraph: str) -> list[str]:
    global _underthesea_sent_tokenize
    if _underthesea_sent_tokenize is None:
        _underthesea_sent_tokenize = _load_sent_tokenize()
    return _underthesea_sent_tokenize(paragraph)


def _split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    paragraph = text[start:end]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for sentence in _sent_tokenize(paragraph):
        piece = sentence.strip()
        if not piece:
            continue
        i = paragraph.find(piece, cursor)
        if i < 0:
            # underthesea normalizes white space inside a sentence; find it by its first words.
            head = piece[:20]
            i = paragraph.find(head, cursor)
            if i < 0:
                continue
            j = i + len(piece)
        else:
            j = i + len(piece)
        spans.append((start + i, start + min(j, len(paragraph))))
        cursor = min(j, len(paragraph))
    # Newlines inside a paragraph often end a sentence-like item (titles, lists) underthesea joins.
    return spans


class _Lines:
    """The lines of a text as (start, end, line), split as far as they are asked for: the header and title
    are read from the first lines only."""

    def __init__(self, text: str):
        self.text = text
        self.items: list[tuple[int, int, str]] = []
        self.pos = 0  # where the next line starts; -1 once the last line is split

    def _more(self, n: int) -> bool:
        """Split until at least n lines are known; whether there are that many."""
        text, items = self.text, self.items
        while len(items) < n and self.pos >= 0:
            end = text.find("\n", self.pos)
            if end < 0:
                items.append((self.pos, len(text), text[self.pos:]))
                self.pos = -1
            else:
                items.append((self.pos, end, text[self.pos:end]))
                self.pos = end + 1
        return len(items) >= n

    def __getitem__(self, i):
        if isinstance(i, slice):
            if i.stop is None or i.stop < 0 or (i.start or 0) < 0:
                self._more(len(self.text) + 1)
            else:
                self._more(i.stop)
            return self.items[i]
        if i < 0:
            self._more(len(self.text) + 1)
        elif not self._more(i + 1):
            raise IndexError(i)
        return self.items[i]

    def __iter__(self):
        k = 0
        while self._more(k + 1):
            yield self.items[k]
            k += 1


def _clean_line(line: str) -> str:
    return " ".join(re.sub(r"[*|#_\\]+", " ", line).split())


_LOWER_RE = re.compile(f"[{P.LOWER}]")
_TWO_LETTERS_RE = re.compile(f"{P.LETTER}.*?{P.LETTER}", re.S)


def _is_upper_line(s: str) -> bool:
    return _LOWER_RE.search(s) is None and _TWO_LETTERS_RE.search(s) is not None


def segment(text: str) -> Structure:
    st = Structure(text_length=len(text))
    lines = _Lines(text)
    # The incoming-mail stamp (`CÔNG VĂN ĐẾN / Số: 940 / Ngày: ...`) is not the document's header.
    for m in P.STAMP_RE.finditer(text, 0, min(len(text), 3000)):
        end = m.end()
        for _ in range(3):
            nxt = re.match(r"\s*(?:Số|Ngày|Giờ|Chuyển)\s*:?[^\n]*", text[end:])
            if not nxt:
                break
            end += nxt.end()
        line_start = text.rfind("\n", 0, m.start()) + 1
        st.stamp_spans.append((line_start, end))

    first_basis = P.BASIS_LINE_RE.search(text)
    first_purpose = P.PURPOSE_LINE_RE.search(text)
    heading = P.HEADING_RE.search(text)
    # Type line: upper-case, a type word alone or followed by its subject; before the body.
    limit = min(x.start() for x in (first_basis, first_purpose, heading) if x) if any(
        (first_basis, first_purpose, heading)) else min(len(text), 3000)
    type_line_idx = None
    mixed_idx = None
    type_re = P.type_word_re()
    for idx, (s, e, line) in enumerate(lines):
        if s > limit + 2000:
            break
        cl = _clean_line(line)
        if not cl or any(a <= s < b for a, b in st.stamp_spans):
            continue
        m = type_re.match(cl)
        loose = None
        if not m:
            # OCR of a scan drops or changes the tone marks of the type line (`QUYÉT ĐỊNH`, `THÔNG BẢO`):
            # alone on its upper-case line, it is the type line all the same.
            loose = loose_type_prefix(cl) if _is_upper_line(cl) and s <= limit else None
            if loose is None or cl[loose[1]:].strip(" :.") or s > limit:
                continue
        # (a scan's speck after the type word: `CHƯƠNG TRÌNH .`)
        rest = cl[m.end():].strip(" \t.,;|_") if m else ""
        if _is_upper_line(cl) and not (cl.endswith(":") and m) and (not rest or re.match(r"(?:VỀ|V/V|THỰC HIỆN|TRIỂN KHAI|THI HÀNH|CỦA|SỐ|BAN HÀNH|QUY|HƯỚNG|TỔNG|CÔNG TÁC|\w)", rest)):
            if s <= limit or type_line_idx is None:
                if rest and not re.match(r"(?:VỀ|V/V|THỰC HIỆN|TRIỂN KHAI|THI HÀNH|CỦA|SỐ)\b", rest):
                    # `CÔNG VĂN BẢN`: only a type word followed by its subject makes a type line.
                    if canonical_type(cl) is None:
                        continue
                type_line_idx = idx
                st.type_line = canonical_type(m.group(0)) if m else loose[0]  # type: ignore[index]
                break
        elif mixed_idx is None and rest and s < limit and re.match(r"(?:thực hiện|triển khai|về|số|Số|\d)", rest):
            mixed_idx = idx
    title_idx = type_line_idx if type_line_idx is not None else mixed_idx
    if type_line_idx is None and mixed_idx is not None:
        cl = _clean_line(lines[mixed_idx][2])
        m = type_re.match(cl)
        if m and not re.match(r"\s*(?:số|Số)\s*\d|\s*\d", cl[m.end():]):
            st.type_line = canonical_type(m.group(0))

    zones: list[tuple[int, int, str]] = []
    header_end = lines[title_idx][0] if title_idx is not None else 0
    if header_end:
        zones.append((0, header_end, "header"))
    # Title: the lines after the type line up to the first paragraph.
    if title_idx is not None:
        s0 = lines[title_idx][0]
        e0 = lines[title_idx][1]
        title_parts = []
        if type_line_idx is None:
            title_parts.append(_clean_line(lines[title_idx][2]))
        else:
            rest = type_re.sub("", _clean_line(lines[title_idx][2]), count=1).strip()
            if rest:
                title_parts.append(rest)
        for s, e, line in lines[title_idx + 1: title_idx + 12]:
            cl = _clean_line(line)
            if not cl:
                if title_parts:
                    # A blank line ends the title unless the next line continues it (lower case).
                    continue
                continue
            # (a paragraph is a long line; a title in capitals on one line may be as long: tvplcb_44's 233 characters)
            if (len(cl) > (600 if _is_upper_line(cl) else 220) or P.BASIS_LINE_RE.match(line) or P.HEADING_RE.match(line)
                    or re.match(r"[-–+•]\s*(?:Căn cứ|Xét)", cl) or BODY_WORDS.match(cl) and title_parts and _is_upper_line(cl)):
                break
            # A purpose statement ends the title: after a title that does not run on, or after an
            # upper-case title (`... TRÊN ĐỊA BÀN TỈNH NGHỆ AN` / `Thực hiện Chỉ thị số 32/CT-TTg ...`).
            if title_parts and P.PURPOSE_LINE_RE.match(line) and len(" ".join(title_parts)) > 20 and (
                    not _continues(title_parts[-1]) or _is_upper_line(title_parts[-1]) and not _is_upper_line(cl)):
                break
            title_parts.append(cl)
            e0 = e
        zones.append((s0, e0, "title"))
        if title_parts:
            st.title = re.sub(r"\s+", " ", " ".join(title_parts)).strip() or None
        st.body_start = e0
    # Basis lines, purpose and consideration paragraphs (before the body proper).
    body_heading = P.HEADING_RE.search(text, st.body_start)
    preamble_end = body_heading.start() if body_heading else min(len(text), max(st.body_start, 0) + 4000)
    for m in P.BASIS_LINE_RE.finditer(text, 0, preamble_end):
        end = _paragraph_end(text, m.start())
        # A basis clause goes on over lines that open with another act and no `Căn cứ` of their own
        # (`Căn cứ Luật Bảo hiểm y tế số 25/2008/QH12 ...;\nLuật sửa đổi, bổ sung ... số 46/2014/QH13 ...;`).
        while end < preamble_end and text[:end].rstrip().endswith(";"):
            nxt = re.match(r"[ \t]*\n[ \t]*", text[end:end + 40])
            start = end + (nxt.end() if nxt else 0)
            # (or with a lower-case word: a semicolon inside the cited act's title, `... tài sản công; \nthực hành
            # tiết kiệm, chống lãng phí; ... được sửa đổi, bổ sung bởi Nghị định số ...`)
            if not nxt or not (P.type_word_re().match(text, start) or _LOWER_START_RE.match(text, start)) \
                    or P.BASIS_LINE_RE.match(text, start):
                break
            end = _paragraph_end(text, start)
        zones.append((m.start(), end, "basis"))
        st.basis_spans.append((m.start(), end))
    # A `Căn cứ Quyết định số ...;` preamble further on is a form's or an annexed act's own preamble.
    for m in P.BASIS_LINE_RE.finditer(text, preamble_end):
        end = _paragraph_end(text, m.start())
        if P.type_word_re().match(text, P.BASIS_LINE_RE.match(text, m.start()).end() + 1) and text[:end].rstrip().endswith(";"):
            zones.append((m.start(), end, "basis"))
    for m in P.PURPOSE_LINE_RE.finditer(text, 0, preamble_end):
        if any(s <= m.start() < e for s, e, _ in zones):
            continue
        zones.append((m.start(), _sentence_end(text, m.start()), "purpose"))
        break
    for m in P.CONSIDER_LINE_RE.finditer(text, 0, preamble_end):
        if any(s <= m.start() < e for s, e, _ in zones):
            continue
        zones.append((m.start(), _paragraph_end(text, m.start()), "consider"))
    # Navigation text of a web page: lines before the document's header that list other documents.
    header_start = _header_start(text)
    if header_start:
        zones.append((0, header_start, "navigation"))
    zones.sort()
    st.zones = _flatten(zones)
    st.body_start = max(st.body_start, preamble_end if body_heading else st.body_start)
    for m in IMPLEMENT_TITLE_RE.finditer(text):
        s = text.rfind("\n", 0, m.start()) + 1
        e = text.find("\n", m.end())
        e = len(text) if e < 0 else e
        if st.upper_implement_lines and st.upper_implement_lines[-1][0] == s:
            continue
        cl = _clean_line(text[s:e])
        if _is_upper_line(cl) and len(cl) < 200:
            # An upper-case title runs on over the next upper-case lines (`... THỰC HIỆN\nCHỈ THỊ SỐ 49-CT/TW ...`).
            for _ in range(3):
                nxt = text.find("\n", e + 1)
                nxt = len(text) if nxt < 0 else nxt
                following = _clean_line(text[e + 1: nxt])
                if not following or not _is_upper_line(following) or len(following) >= 200:
                    break
                e = nxt
            st.upper_implement_lines.append((s, e))
    st.quoted_preambles = _quoted_preambles(text)
    cert = P.CONSOLIDATION_CERT_RE.search(text)
    st.certification = cert.span() if cert else None
    st.consolidation_note = _consolidation_note(text, st.certification, first_basis)
    continued = _note_continued_after_certification(text, st.certification)
    st.footnote_spans = sorted(_footnotes(text) + [(cue, end) for _, cue, end in st.quoted_preambles]
                               + ([st.consolidation_note] if st.consolidation_note else [])
                               + ([continued] if continued else []))
    article = P.ARTICLE_RE.search(text, st.body_start)
    st.article_start = article.start() if article else None
    if article:
        chapter = P.CHAPTER_ONE_RE.search(text, max(st.body_start, article.start() - _CHAPTER_REACH), article.start())
        if chapter:
            st.article_start = chapter.start()
    st.basis_columns = [m.start() for m in P.BASIS_COLUMN_RE.finditer(text)]
    st._text, st._lines, st._first_basis = text, lines, first_basis
    return st


_LOWER_START_RE = re.compile(f"[{P.LOWER}]")
_CHAPTER_REACH = 600  # a chapter's heading and title before its first article


# A line that ends asking for a number goes on on the next: `theo quy định tại khoản 2 Điều` / `91 Nghị định số
# 186/2025/NĐ-CP` is a wrapped line, not a footnote `91`.
_WANTS_NUMBER_RE = re.compile(r"(?i:\bđiều|\bkhoản|\bđiểm|\bsố|\bngày|\btháng|\bnăm|\bmục|\bchương|\blục)[ \t]*\n[ \t]*\Z")


_NOTE_UNDER_RULE_RE = re.compile(r"(?m)^[ \t]{30,}\n(?P<note>[ \t]*\d{1,3}[ \t]{1,2}(?=\S))")


def _footnotes(text: str) -> list[tuple[int, int]]:
    """Footnotes: a web page's `[1] ...` notes run to the next note (a note may quote a whole preamble,
    blank lines included); a gazette's `1 Nghị quyết số ...` footnote is one paragraph."""
    spans: list[tuple[int, int]] = []
    marks = list(P.WEB_FOOTNOTE_RE.finditer(text))
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        spans.append((m.start(), end))
    web = _SpanIndex(list(spans))
    # (the printed notes come in order: one is inside an earlier one when that one reaches past its start)
    reach = -1
    # A gazette's text layer prints the rule above a page's notes as a line of spaces: the numbered paragraph under
    # it is a note whatever it opens with (`5 Điều 11 của Thông tư số 12/2024/TT-BLĐTBXH, có hiệu lực từ ...`).
    for m in _NOTE_UNDER_RULE_RE.finditer(text):
        if m.start("note") not in web:
            spans.append((m.start("note"), _quoted_after(text, _paragraph_end(text, m.start("note")))))
    for m in P.PRINT_FOOTNOTE_RE.finditer(text):
        if m.start() not in web and m.start() >= reach and not _WANTS_NUMBER_RE.search(text, max(0, m.start() - 20), m.start()):
            end = _quoted_after(text, _paragraph_end(text, m.start()))
            spans.append((m.start(), end))
            reach = max(reach, end)
    return sorted(spans)


# A consolidated text's note on its final articles quotes those of each amending act (`13 Các điều 2, 3 của Thông tư
# số 69/2023/TT-BTC ..., có hiệu lực kể từ ngày 30 tháng 12 năm 2023 quy định như sau: \n“Điều 2. ... Điều 3. Điều
# khoản thi hành ...”.`), then the next act's (`- Điều 2 Thông tư số 139/2025/TT-BTC ... quy định như sau: \n“...”.`):
# the quotes are the note's, their citations what those acts said.
_QUOTE_OPENS_RE = re.compile(r"[ \t]*\n?[ \t]*[“\"]")
_NEXT_QUOTING_ITEM_RE = re.compile(r"[ \t]*\n[ \t]*-[ \t]*(?:Các[ \t]+điều|Điều|Khoản)(?!\w)")
_QUOTE_MARK_RE = re.compile(r"[“”]")
# (a page's running head as extraction reads it, blanked: windows.prepare_text)
_BLANKED_LINE_RE = re.compile(r"(?m)^[ \t]{20,}$")


def _quoted_after(text: str, end: int) -> int:
    """Where a note that ends announcing a quotation (`... như sau:`) ends: after the quotation, and after each
    further item of the note that quotes in turn; `end` unchanged for any other note."""
    while text[:end].rstrip().endswith(":"):
        opens = _QUOTE_OPENS_RE.match(text, end)
        if not opens:
            break
        depth, close = 0, None
        if text[opens.end() - 1] == '"':  # straight quotes do not nest: the next one closes
            q = text.find('"', opens.end(), opens.end() + 60000)
            close = q + 1 if q >= 0 else None
        else:
            for q in _QUOTE_MARK_RE.finditer(text, opens.end() - 1, min(len(text), opens.end() + 60000)):
                depth += 1 if q.group(0) == "“" else -1
                if depth == 0:
                    close = q.end()
                    break
        if close is None or P.RUNNING_HEAD_RE.search(text, opens.end(), close) or _BLANKED_LINE_RE.search(
                text, opens.end(), close):
            # (a quotation the page breaks off goes on at the foot of the next page, after that page's own text:
            # its first lines stay the note's, as they were)
            break
        end = text.find("\n", close)
        end = len(text) if end < 0 else end
        if not _NEXT_QUOTING_ITEM_RE.match(text, end):
            break
        end = _paragraph_end(text, end + 1)
    return end


# The lines after a consolidated text's certification and signature that go on with a quotation a note began on
# the page before (`15 Điều 3 của Thông tư số 28/2022/TT-BLĐTBXH ... quy định như sau. “Điều 3. ... 1. ...` / the text's
# last page and its certification / `2. Bãi bỏ khoản 3, khoản 4 Điều 12 Thông tư số 06/2017/TT-BLĐTBXH ...”`): an item
# or a lower-case line first, and a closing quote that nothing there opened.
_CONTINUATION_START_RE = re.compile(r"(?m)^[ \t]*(?:\d{1,3}[.)][ \t]|[a-zđ]\)[ \t]|[-–][ \t]|[a-zà-ỹđ])")


def _note_continued_after_certification(text: str, certification: tuple[int, int] | None) -> tuple[int, int] | None:
    if certification is None:
        return None
    start = _CONTINUATION_START_RE.search(text, certification[1], certification[1] + 600)
    if start is None:
        return None
    depth = 0
    for q in _QUOTE_MARK_RE.finditer(text, start.start(), min(len(text), start.start() + 8000)):
        depth += 1 if q.group(0) == "“" else -1
        if depth < 0:
            end = text.find("\n", q.end())
            return start.start(), len(text) if end < 0 else end
    return None


def _consolidation_note(text: str, certification: tuple[int, int] | None, first_basis) -> tuple[int, int] | None:
    """A consolidated text's opening note, between its title and the original's preamble: the original
    (`Thông tư số 13/2022/TT-BLĐTBXH ngày ... có hiệu lực từ ...`) and the acts that amended it (`được sửa đổi,
    bổ sung bởi: Thông tư số 12/2024/TT-BLĐTBXH ...`). It says what the text consolidates; the text itself
    neither implements nor applies them. `first_basis`: the text's first `Căn cứ` line (the original's preamble,
    or an amending act's quoted in the note)."""
    if first_basis is None or certification is not None and certification[0] < first_basis.start():
        return None
    if certification is None:
        # The first part of a consolidated text a gazette prints over several issues has no certification yet: its
        # note is told by the list of amending acts it opens (`Luật An toàn, vệ sinh lao động số 84/2015/QH13 ngày ...,
        # được sửa đổi, bổ sung bởi: ...`).
        m = _NAMED_NOTE_START_RE.search(text, 0, first_basis.start())
        if m is None or not _AMENDED_BY_LIST_RE.search(text, m.start(), first_basis.start()):
            return None
        return m.start(), first_basis.start()
    m = P.CONSOLIDATION_NOTE_START_RE.search(text, 0, first_basis.start())
    return (m.start(), first_basis.start()) if m else None


_NAMED_NOTE_START_RE = re.compile(r"(?m)^[ \t*|]*(?:Luật|Bộ\s+luật|Pháp\s+lệnh|Nghị\s+định|Nghị\s+quyết|Quyết\s+định|Thông\s+tư)"
                                  r"(?:[ \t]+[^\n\d;:]{1,120}?)?[ \t]+số[ \t]*\d")
_AMENDED_BY_LIST_RE = re.compile(r"(?i:được\s+(?:sửa\s+đổi(?:\s*,?\s*bổ\s+sung)?|bổ\s+sung)\s+bởi)\s*:")


def _quoted_preambles(text: str) -> list[tuple[int, int, int]]:
    """A consolidated text names each amending act (in a note, or in its opening list `(i) Nghị định số ...`)
    and quotes its preamble after `có căn cứ ban hành như sau:` (its `Căn cứ ...;` lines, its `Theo đề nghị`,
    its enacting formula, often inside quotes): those are that act's grounds, not this document's.
    (start of the paragraph naming the act, end of the cue, end of the quoted preamble) for each."""
    out = []
    for m in P.QUOTED_PREAMBLE_CUE_RE.finditer(text):
        start, end = _paragraph_start(text, m.start()), _quoted_preamble_end(text, m.end())
        if end > m.end():
            out.append((start, m.end(), end))
        if not P.ENACTING_FORMULA_RE.search(text, m.end(), end):
            # the note breaks off with its page and goes on at the foot of a later one, after the text's own
            # articles there; its act is the same
            later = _continued_preamble(text, end)
            if later is not None:
                out.append((start, *later))
            elif end <= m.end():
                out.append((start, m.end(), end))
    return out


_PREAMBLE_LINE_START_RE = re.compile(r"(?m)^[ \t]*[“\"]?[ \t]*Căn[ \t]+cứ\s")
_CONTINUED_NOTE_REACH = 8000


def _continued_preamble(text: str, cue_end: int) -> tuple[int, int] | None:
    """Where a quoted preamble broken off by its page (`... có căn cứ ban hành như sau:` / `Căn cứ Luật ...;`) goes
    on: the next block of `Căn cứ` lines that ends with its act's enacting formula (`Bộ trưởng ... ban hành Thông tư ...`),
    which no article of the text holds. None when there is no such block near."""
    m = _PREAMBLE_LINE_START_RE.search(text, cue_end, min(len(text), cue_end + _CONTINUED_NOTE_REACH))
    if m is None:
        return None
    end = _quoted_preamble_end(text, m.start() - 1 if m.start() > 0 else 0)
    if end <= m.start() or not P.ENACTING_FORMULA_RE.search(text, m.start(), end):
        return None
    return m.start(), end


def _paragraph_start(text: str, pos: int) -> int:
    """The start of the paragraph `pos` is in: lines back while the one before does not end a sentence or
    clause (`.`, `;`, `:`) and is not blank."""
    start = text.rfind("\n", 0, pos) + 1
    while start > 0:
        prev = text.rfind("\n", 0, start - 1) + 1
        last = text[prev:start - 1].rstrip()
        if not last or last[-1] in ".;:!?”\"":
            break
        start = prev
    return start


def _quoted_preamble_end(text: str, end: int) -> int:
    """Where the quoted preamble after a `có căn cứ ban hành như sau:` ending at `end` ends."""
    quoted = False
    while end < len(text):
        start = end + 1
        while start < len(text) and text[start] in " \t\r\n":
            start += 1
        opens = P.QUOTED_PREAMBLE_LINE_RE.match(text, start)
        formula = None if opens else P.ENACTING_FORMULA_RE.match(text, start)
        if not (opens or formula):
            break  # what follows is no preamble's (a page's furniture, the text's own articles)
        quoted = quoted or bool(opens and opens.group("quote"))
        end = _paragraph_end(text, start)
        closing = _CLOSING_QUOTE.search(text, start, end) if quoted else None
        if closing:  # the quote closes: the preamble ends on that line
            line_end = text.find("\n", closing.end())
            return len(text) if line_end < 0 else line_end
        if formula:
            break  # the enacting formula ends a preamble
    return end


_CLOSING_QUOTE = re.compile(r"[”\"]")


class _SpanIndex:
    """Whether an offset is inside any of some spans (which may overlap), by bisection: a document's
    references ask it of its footnotes thousands of times."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self.count = len(spans)
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        # reach[k]: the furthest end of the spans starting at or before starts[k]
        self.reach = list(accumulate((e for _, e in ordered), max))

    def indexes(self, spans: list[tuple[int, int]]) -> bool:
        return spans is self.spans and len(spans) == self.count

    def __contains__(self, offset: int) -> bool:
        k = bisect.bisect_right(self.starts, offset) - 1
        return k >= 0 and offset < self.reach[k]


def _continues(previous: str) -> bool:
    return bool(re.search(r"(?:\w|,)$", previous)) and not previous.endswith(("”", '"'))


_LINE_CONTINUES = re.compile(r"[ \t]*[^\s\-–+•*|]")
_NEW_ITEM = re.compile(r"[ \t]*(?:[-–+•*]|\d{1,2}[./)-]|[IVX]{1,4}[./-]|[a-zđ]\)|Căn cứ|Xét|Theo đề nghị|Điều \d)")


def _paragraph_end(text: str, start: int) -> int:
    """The end of the paragraph a line starts. A line wrapped by a web page or a PDF's text layer
    continues on the next line unless it ends a sentence or clause (`.`, `;`, `:`) or the next line
    starts a new item."""
    end = text.find("\n", start)
    if end < 0:
        return len(text)
    while end + 1 < len(text):
        line_start = text.rfind("\n", 0, end) + 1
        last = text[line_start:end].rstrip()
        if not last or last[-1] in ".;:!?" or not _LINE_CONTINUES.match(text, end + 1):
            break
        if _NEW_ITEM.match(text, end + 1) and not re.match(r"[a-zà-ỹđ0-9(“\"]", text[end + 1: end + 2]):
            break
        nxt = text.find("\n", end + 1)
        end = len(text) if nxt < 0 else nxt
    return end


def _sentence_end(text: str, start: int) -> int:
    m = re.compile(r"[.!?](?=\s|$)|:\s*\n|\n\s*\n").search(text, start)
    return m.end() if m else len(text)


def _header_start(text: str) -> int:
    """Where the document's own header starts on a web page with navigation text before it."""
    m = MOTTO_RE.search(text, 0, min(len(text), 4000))
    if not m:
        return 0
    line_start = text.rfind("\n", 0, m.start()) + 1
    # The issuer column stands before the motto on the same line (`ỦY BAN NHÂN DÂN | CỘNG HÒA ...`)
    # or on the lines just before it.
    before = text[:line_start]
    lines = before.split("\n")
    k = len(lines) - 1
    while k > 0 and (not lines[k - 1].strip() or _is_upper_line(_clean_line(lines[k - 1])) or
                     re.fullmatch(r"[-*|\s]*", lines[k - 1])):
        k -= 1
    return len("\n".join(lines[:k])) + (1 if k else 0)


def _flatten(zones: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Later, more specific zones win where zones overlap."""
    priority = {"navigation": 0, "header": 1, "title": 2, "purpose": 3, "consider": 4, "basis": 5}
    points = sorted({z[0] for z in zones} | {z[1] for z in zones})
    out: list[tuple[int, int, str]] = []
    for a, b in zip(points, points[1:]):
        covering = [z for z in zones if z[0] <= a and b <= z[1]]
        if not covering:
            continue
        name = max(covering, key=lambda z: priority[z[2]])[2]
        if out and out[-1][2] == name and out[-1][1] == a:
            out[-1] = (out[-1][0], b, name)
        else:
            out.append((a, b, name))
    return out


def _issuer(text: str, lines, st: Structure, first_basis) -> str | None:
    # (a) State documents name the enacting authority in capitals right before `Căn cứ`.
    if first_basis is not None:
        before = text[: first_basis.start()].rstrip().split("\n")
        if before:
            cand = _clean_line(before[-1])
            if len(before) > 1 and _is_upper_line(cand) and not BODY_WORDS.match(cand):
                # the enacting line wrapped (`CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ` / `MINH`)
                whole = f"{_clean_line(before[-2])} {cand}"
                if _is_upper_line(whole) and P.ENACTING_HEAD_RE.match(whole):
                    cand = whole
            # (not the last line of a title in capitals that a line break cut inside a word group: `... BẢO ĐẢM TOÀN` /
            # `BỘ CHI THƯỜNG XUYÊN ...`)
            last_line_start = len(text[: first_basis.start()].rstrip()) - len(before[-1])
            in_title = len(before) > 1 and cand == _clean_line(before[-1]) and _is_upper_line(_clean_line(before[-2])) \
                and st.zone_of(max(0, last_line_start - 1 - len(before[-2]))) == "title" \
                and not P.ENACTING_HEAD_RE.match(cand + " ") and known_body_name(cand) is None
            if _is_upper_line(cand) and BODY_WORDS.match(cand) and len(cand) < 120 and not in_title:
                placeless = HEAD_WITHOUT_PLACE_RE.match(cand)
                if placeless:  # `CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH`: the header names the province
                    header = _header_issuer(text, lines, st)
                    if header and fold(header).startswith(fold(placeless.group("body")) + " "):
                        return f"{titlecase_body(placeless.group('head'))} {header}"
                return titlecase_body(cand)
    # (b) The subject of the purpose or basis sentence: `..., Ban Thường vụ Đảng ủy Khối xây dựng ...`.
    # (Not a notice's: `Ngày 08 tháng 11 năm 2025, Thủ tướng Chính phủ ... chủ trì Phiên họp` is whose conclusions
    # the office in its header announces.)
    end = min(len(text), max(st.body_start, 0) + 3000) if st.type_line != "Thông báo" else 0
    for m in SUBJECT_RE.finditer(text, 0, end):
        if st.zone_of(m.start("subj")) not in ("purpose", "basis", "title"):
            continue  # a subject in the body is some other body's task, not the issuer
        if _CITED_ISSUER_BEFORE_RE.search(text, max(0, m.start("subj") - 40), m.start("subj")) or (
                " và " in m.group("subj")
                and _CITED_ISSUERS_LISTED_RE.search(text, max(0, m.start("subj") - 100), m.start("subj"))):
            # `Nghị định ... của\nChính phủ quy định ...`, `Thông tư số 152/2015/TT-BTC của Bộ trưởng\nBộ Tài chính
            # hướng dẫn ...`: a cited document's issuer
            continue
        subj = re.sub(r"\s+", " ", m.group("subj")).strip()
        subj = re.sub(r"\s*\([A-ZĐ]{2,}\)", "", subj)  # `Ủy ban nhân dân (UBND) tỉnh`
        subj = re.sub(r"\s*\(?(?:khóa|khoá|nhiệm kỳ)\s+[IVXL\d]+\)?\s*$", "", subj, flags=re.I)
        if len(subj.split()) >= 2 and not re.search(r"(?i)\b(?:này|các cấp)$", subj):
            if GENERIC_SUBJECT_RE.search(subj):
                # `UBND tỉnh ban hành ...`: the header column names the same body in full.
                return _header_issuer(text, lines, st) or subj
            header = _header_issuer(text, lines, st)
            if header and _longer_name_of(header, subj):
                # `Ban Chỉ đạo quốc gia 1237 ban hành ...` under `BAN CHỈ ĐẠO QUỐC GIA VỀ TÌM KIẾM, QUY TẬP HÀI CỐT LIỆT SĨ`
                return header
            return subj
    return _header_issuer(text, lines, st) or _enacting_issuer(text, st)


def _longer_name_of(header: str, subject: str) -> bool:
    """Whether the header names the subject's body at greater length: the same first three words, more words."""
    h, s = fold(header).split(), fold(subject).split()
    return len(s) >= 3 and len(h) > len(s) and h[:3] == s[:3]


_CITED_ISSUER_BEFORE_RE = re.compile(
    r"(?i)(?:của|do|và|với)(?:\s+(?:bộ\s+trưởng|thủ\s+trưởng|thủ\s+tướng|chủ\s+tịch|chủ\s+nhiệm|tổng\s+cục\s+trưởng|"
    r"cục\s+trưởng|giám\s+đốc|trưởng\s+ban)(?:\s*,)?)?\s*$")
# ... or the last ones of a joint act's issuers, listed (`Nghị quyết liên tịch số 72/2025/NQLT/... của Ủy ban Thường\nvụ
# Quốc hội, Chính phủ và Đoàn Chủ tịch ...`); not the subject after a clause (`Thực hiện chỉ đạo của Bộ Chính trị, Đảng
# đoàn Quốc hội ban hành ...`)
_CITED_ISSUERS_LISTED_RE = re.compile(r"(?i:của|do)\s[^.;:]{1,80}?,\s*$")


def _enacting_issuer(text: str, st: Structure) -> str | None:
    """The subject of the enacting formula before the body (`Chính phủ ban hành Nghị định ...`), when the header
    does not name the issuer (a gazette's page, a web page that lost the header's column)."""
    end = st.article_start if st.article_start is not None else min(len(text), max(st.body_start, 0) + 6000)
    for m in P.ENACTING_RE.finditer(text, 0, max(end, 0) + 400):
        if any(a <= m.start() < b for a, b in st.footnote_spans):
            continue  # a consolidated text's note quotes an amending act's formula
        return re.sub(r"\s+", " ", m.group("subj"))
    return None


def _signed_for(text: str) -> str | None:
    """The body a collective document is signed for (`TM. CHÍNH PHỦ` -> `Chính phủ`), the last one in the text."""
    found = None
    for m in P.SIGNED_FOR_RE.finditer(text):
        body = " ".join(m.group("body").split())
        if BODY_WORDS.match(body + " "):
            found = body
    return titlecase_body(found) if found else None


# A subject that names its body only by its level (`UBND tỉnh`, `Ủy ban nhân dân huyện`).
# An abbreviated one (`UBND thành phố Hà Nội`) likewise.
GENERIC_SUBJECT_RE = re.compile(r"(?i)(?:^|\s)(?:tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường)$|^(?-i:UBND|HĐND)\b")


def _header_issuer(text: str, lines, st: Structure) -> str | None:
    # (c) The header's issuer column (lines before the motto / number).
    head = text[: min(len(text), st.body_start or 1500)]
    cols = []
    pending = ""  # an upper-case line that starts a body's name the next line ends (`HỘI` / `ĐỒNG NHÂN DÂN`)
    for s, e, line in lines:
        if s >= len(head):
            break
        motto = MOTTO_RE.search(line)
        if motto:
            # the issuer's cell and the motto on one line (`BỘ CÔNG AN        CỘNG HOÀ XÃ HỘI ...`), and the
            # cell's next line beside the motto's (`TRƯỜNG ĐẠI HỌC ĐIỆN LỰC   Độc lập - Tự do - Hạnh phúc`):
            # the lowest body the column names is the issuer, its superior above it
            left = _clean_line(line[: motto.start()])
            if left and _is_upper_line(left) and not st.in_stamp(s):
                if _ends_name(cols, left):
                    cols[-1] = f"{cols[-1]} {left}"
                    continue
                if HEADER_BODY_WORDS.match(left + " "):
                    cols.append(left)
                    continue
        cl = _clean_line(line)
        if not cl or MOTTO_RE.search(cl):
            if cols and MOTTO_RE.search(cl or ""):
                break
            continue
        if pending and _is_upper_line(cl) and HEADER_BODY_WORDS.match(f"{pending} {cl} ") and not st.in_stamp(s):
            cl = f"{pending} {cl}"
        pending = ""
        if _is_upper_line(cl) and HEADER_BODY_WORDS.match(cl + " ") and not st.in_stamp(s):
            cols.append(cl)
        elif _is_upper_line(cl) and (_ends_name(cols, cl) or _wrapped(cols, cl)):
            cols[-1] = f"{cols[-1]} {cl}"
        elif cols:
            break
        elif _is_upper_line(cl) and len(cl.split()) == 1:
            pending = cl
    if cols:
        # (a short last line names its body with the one above, `ĐẢNG BỘ TỈNH ...` / `ĐẢNG ỦY KHỐI`; a department
        # is named in full by its own, `BỘ TÀI CHÍNH` / `CỤC THUẾ`)
        short = len(cols[-1].split()) <= 2 and not _DEPARTMENT_RE.match(cols[-1])
        body = " ".join(cols[-2:]) if len(cols) > 1 and short else cols[-1]
        body = body.rstrip(" .,;:-")  # a stop or a rule's dash OCR left at its end
        if len(cols) > 1 and body == cols[-1].rstrip(" .,;:-"):
            body = _with_superior_place(body, cols[-2])
        return titlecase_body(body)
    return None


_DEPARTMENT_RE = re.compile(r"(?:TỔNG |CHI )?CỤC ")


def _with_superior_place(body: str, superior: str) -> str:
    """A body named with its level word and no place (`BỆNH VIỆN ĐA KHOA TỈNH`, OCR's `TĨNH`) under a superior
    that names a province (`SỞ Y TẾ BẮC NINH`): the province's, so named in full."""
    words = body.split()
    if not words or bare(words[-1]) != "tinh":
        return body
    places = known_places()
    if any(bare(" ".join(words[-k:])) in places for k in range(2, min(4, len(words)) + 1)):
        return body  # `... TỈNH HÀ TĨNH`: the province's own name ends so
    above = superior.split()
    for k in range(min(4, len(above)), 0, -1):
        place = places.get(bare(" ".join(above[-k:])))
        if place:
            return " ".join(words[:-1] + ["TỈNH", place.upper()])
    return body


def _ends_name(cols: list[str], line: str) -> bool:
    """Whether an upper-case header line is the place that ends the last body's name (`ỦY BAN NHÂN DÂN` /
    `TỈNH QUẢNG NGÃI`)."""
    return bool(cols) and PLACELESS_BODY_RE.match(cols[-1]) is not None and PLACE_LINE_RE.match(line) is not None


def _wrapped(cols: list[str], line: str) -> bool:
    """Whether an upper-case header line goes on with the last body's name, wrapped inside the column: after
    its dash (`BỘ LAO ĐỘNG -` / `THƯƠNG BINH VÀ XÃ HỘI`), before its `VÀ` (`BỘ LAO ĐỘNG - THƯƠNG BINH` / `VÀ XÃ
    HỘI`), or inside a name known without its place (`HỘI ĐỒNG NHÂN` / `DÂN`)."""
    if not cols:
        return False
    return (cols[-1].endswith(("-", "–")) or line.startswith("VÀ ")
            or PLACELESS_BODY_RE.match(f"{cols[-1]} {line}") is not None
            # a known body's name the column's width wrapped (`THỦ TƯỚNG CHÍNH` / `PHỦ`, `VĂN PHÒNG CHÍNH` / `PHỦ`)
            or (known_body_name(cols[-1]) is None and known_body_name(f"{cols[-1]} {line}") is not None)
            or _place_wrapped(cols[-1], line))


def _place_wrapped(body: str, line: str) -> bool:
    """A place's name cut at the column's end (`UBND THÀNH PHỐ HÀ` / `NỘI`): the line's words finish it."""
    tail = line.split()
    if not tail or len(tail) > 2:
        return False
    words = f"{body} {line}".split()
    places = known_places()
    return any(bare(" ".join(words[-k:])) in places for k in range(len(tail) + 1, min(4, len(words)) + 1))


_VOWEL_RE = re.compile("[aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")


def _abbreviation(word: str) -> bool:
    """No syllable is written without a vowel: a word without one is an abbreviation (`MTTQ`, `HĐND`)."""
    return len(word) > 1 and word.isalpha() and not _VOWEL_RE.search(word.lower())


def titlecase_body(s: str) -> str:
    """`ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH` -> `Ủy ban nhân dân tỉnh Quảng Bình` (keeps proper names)."""
    words = s.split()
    if not words:
        return s
    lower = [w.lower() for w in words]
    out = [words[0] if _abbreviation(words[0]) else lower[0].capitalize()]
    proper_next = False
    for w, lw in zip(words[1:], lower[1:]):
        if "." in w.strip(".") and w.upper() == w:
            out.append(w)  # an abbreviation with its dots (`TP.HCM`) is written as it is
            continue
        if _abbreviation(w):
            out.append(w)  # `ỦY BAN MTTQ VIỆT NAM`
            continue
        if proper_next or lw in ("trung", "ương", "đảng", "chính", "trị", "bí", "thư") and False:
            out.append(lw.capitalize())
            continue
        if lw in ("tỉnh", "thành", "phố", "huyện", "quận", "xã", "phường", "thị"):
            out.append(lw)
            proper_next = False
            continue
        out.append(lw)
    # Place names after tỉnh / thành phố / huyện / quận are proper nouns.
    text = " ".join(out)
    text = re.sub(r"\b(tỉnh|thành phố|huyện|quận|thị xã)\s+(.+)$",
                  lambda m: m.group(1) + " " + " ".join(x.capitalize() for x in m.group(2).split()), text)
    # A ministry's or department's own name starts after its level word: `Cục Thuế`, `Sở Tài chính`, `Tổng cục Thống kê`.
    text = re.sub(r"(?i)^((?:tổng |chi )?cục|bộ(?! trưởng| luật)|sở) (\w)", lambda m: m.group(1) + " " + m.group(2).upper(), text)
    text = re.sub(r"\bchính phủ\b", "Chính phủ", text)
    text = re.sub(r"\btrung ương\b", "Trung ương", text)
    text = re.sub(r"\bviệt nam\b", "Việt Nam", text)
    text = re.sub(r"\bđảng\b", "Đảng", text)
    return text[0].upper() + text[1:]


def _signer(text: str, lines) -> str | None:
    # The signature block first: a `Người ký:` field is a web page's metadata table or a gazette's
    # e-signature stamp (`Người ký: Cổng Thông tin điện tử Chính phủ`), the block is the document's.
    name = _signature_name(text)
    if name:
        return name
    m = P.SIGNER_FIELD_RE.search(text)
    return m.group("name").strip() if m else None


# The placeholder under a form's signature title: `(Ký, đóng dấu và ghi rõ họ tên)`, `(Ký tên, đóng dấu)`.
_FORM_SIGNATURE_RE = re.compile(r"(?:[^\n]{0,80}\n){0,8}?[^\n(]{0,80}\(\s*(?i:ký)\b")


def _signature_name(text: str) -> str | None:
    signed = None
    for signed in P.SIGNED_NAME_RE.finditer(text) if P.SIGNED_MARK_RE.search(text) else ():
        pass
    if signed is not None:
        return (signed.group("name") or signed.group("after")).strip()  # `Nguyễn Mạnh Kiểm (Đã ký)`
    cues = list(P.SIGN_CUE_RE.finditer(text))
    # The last signature cue with a name after it: the cues after the document's own signature are its
    # annexes' forms (`GIÁM ĐỐC (Ký tên, đóng dấu)`, `Nơi nhận: ...`), however many forms they hold.
    for last in reversed(cues):
        if _FORM_SIGNATURE_RE.match(text, last.end()):
            continue
        # A table cell may hold the whole block on one line: `TL. BỘ TRƯỞNG VỤ TRƯỞNG ... Phạm Quang Phụng`.
        # (the cue's own line: its match may begin with the line break before it, `\n|  | TM.`)
        cue_pos = last.end() - 1
        line_end = text.find("\n", cue_pos)
        tail = P.TITLE_THEN_NAME_RE.match(text, text.rfind("\n", 0, cue_pos) + 1,
                                          len(text) if line_end < 0 else line_end)
        if tail:
            return tail.group("name").strip()
        for pm in P.PERSON_RE.finditer(text, last.end()):
            if text.count("\n", last.end(), pm.start()) > 30:
                break
            name = P.NAME_SPECK_RE.sub("", pm.group("name")).strip()
            if fold(name).startswith(("nơi nhận", "lưu", "như trên", "kính gửi", "chương", "phụ lục", "appendix",
                                      "mục", "phần", "điều")):
                continue  # (an annex's heading after a name the pattern does not read, `Đại\ntướng Nguyễn ...`)
            if len(name.split()[-1]) == 1:
                continue  # a form's sample name, `Nguyễn Văn A`
            # A name wrapped after its first word (`Phạm` / `Mạnh Cường`).
            prev_end = text.rfind("\n", 0, pm.start())
            if prev_end > 0:
                head = P.SURNAME_LINE_RE.fullmatch(text, text.rfind("\n", 0, prev_end) + 1, prev_end)
                if head and len(name.split()) <= 3:
                    name = head.group("word") + " " + name
            # ... or before its last word (`Bùi Thanh` / `An`).
            next_start = pm.end() + 1
            next_end = text.find("\n", next_start)
            tail = P.SURNAME_LINE_RE.fullmatch(text, next_start, len(text) if next_end < 0 else next_end)
            if tail and next_start <= len(text) and len(name.split()) <= 3:
                name = name + " " + tail.group("word")
            return name
    if cues:
        # The signer's column read after the recipients' may end the page as a list's last item.
        last = P.LAST_DASHED_PERSON_RE.search(text, cues[-1].end())
        if last and text.count("\n", cues[-1].end(), last.start()) <= 30:
            return last.group("name").strip()
    return None
