"""Markup is not content: markdown (and the HTML tags converters leave in it) neutralized in place.

Legal portals' pages reach researchers converted to markdown by several tools, each with its own
dialect: an HTML table flattened into lines holding a lone `|`, GitHub pipe tables, pandoc's simple and
grid tables, `**bold**` and `*italic*` spans that open or close across a line break, backslash escapes
(`\\-\\-\\-`, a trailing `\\` for a hard line break), `<br>`, `#` headings, `---` rules.
`neutralize_markup(text)` returns a text of the *same length* where markup characters are spaces and
a table cell boundary is a line break, so every offset found in it indexes the original text as is,
and the header's fields (`| Số: 836/VBHN-BLĐTBXH | Hà Nội, ngày 05 tháng 3 năm 2024 |`) stand on
lines of their own as in a clean `.txt`.

Why not a markdown parser: CommonMark parsers (markdown-it-py, mistune) give no character offsets for
inline markup, do not know pandoc's tables, and leave the converters' `**` before a line break as
literal text (measured on the portal pages: `**\\nTHƯ VIỆN PHÁP LUẬT**` stays `**`). The markup these
converters produce is a small closed set, neutralized here character by character.
"""
from __future__ import annotations

import re

# Signals that a text is markdown (a plain `.txt` of a gazette has none of them in numbers).
_BOLD = re.compile(r"\*\*(?=\S)|(?<=\S)\*\*")
_PIPE_LINE = re.compile(r"(?m)^[ \t]*\|[ \t\r]*$")
_TABLE_RULE = re.compile(r"(?m)^[ \t]*(?:\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?|\+(?:[-=:]{3,}\+)+)[ \t\r]*$")
_SIMPLE_RULE = re.compile(r"(?m)^[ \t]*-{3,}(?:[ \t]+-{3,})+[ \t\r]*$")
_ESCAPE = re.compile(r"\\[-*_#|.!\[\]()`>+]|\\\r?$", re.M)
_HEADING = re.compile(r"(?m)^#{1,6}(?:[ \t\r]|$)")
_BR = re.compile(r"<br\s*/?>", re.I)


def markdown_score(text: str, sample: int = 200_000) -> int:
    """How strongly a text looks like markdown: counts of its constructs in the first `sample` chars."""
    head = text[:sample]
    # Each construct has a character it cannot do without: a text without it is not scanned for it.
    return ((len(_BOLD.findall(head)) if "**" in head else 0)
            + (len(_PIPE_LINE.findall(head)) if "|" in head else 0)
            + (3 * len(_TABLE_RULE.findall(head)) if "---" in head or "+" in head else 0)
            + (3 * len(_SIMPLE_RULE.findall(head)) if "---" in head else 0)
            + (len(_ESCAPE.findall(head)) if "\\" in head else 0)
            + (len(_HEADING.findall(head)) if "#" in head else 0)
            + (len(_BR.findall(head)) if "<" in head else 0))


def looks_like_markdown(text: str) -> bool:
    return markdown_score(text) >= 6


# --------------------------------------------------------------------------- neutralizing

# A table's row (GitHub or grid): a line that starts with a pipe, or one that ends with one after a cell
# (`CHÍNH PHỦ------- | CỘNG HÒA ... |`). Its pipes are cell boundaries.
_ROW = re.compile(r"(?m)^[ \t]*\|.*$|^[^\n|]*\S[ \t]*\|(?:[^\n|]*\|)*[ \t\r]*$")
# A line of rule characters only (`---`, `___`, `***`, `|---|---|`, `+---+`, `\-\-\-`), with three or more.
_RULE_LINE = re.compile(r"(?m)^[-_=*+|:\\ \t\r]+$")
_RUN = re.compile(r"(?:\\?[-_=]){4,}")  # a rule inside a line (`BỘ TÀI CHÍNH --------`)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?/?>")
_ENTITY = re.compile(r"&(?:nbsp|amp|lt|gt|quot|apos|#\d{1,6}|#x[0-9a-fA-F]{1,6});")
_ENTITY_CHAR = {"nbsp": " ", "amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_LINK = re.compile(r"!?\[([^\]\n]{0,300})\]\(([^)\s]{0,500})\)")
_UNDERSCORES = re.compile(r"_{1,3}")
_DASH_TABLE = re.compile(r"(?m)^(?P<rule>[ \t]*-{3,}(?:[ \t]+-{3,})+)[ \t]*\n(?P<rows>(?:(?![ \t]*-{3,}[ \t]+-{3,}).*\n){1,60}?)"
                         r"[ \t]*-{3,}(?:[ \t]+-{3,})+[ \t]*$")
_BLANKED = str.maketrans({"\\": " ", "*": " "})
_BULLET = re.compile(r"(?m)^([ \t]*)\*(?=[ \t]+\S)")


def neutralize_markup(text: str) -> str:
    """The text with markdown markup replaced by spaces (cell boundaries and `<br>` by line breaks);
    same length as `text`, so offsets carry over unchanged. (A construct whose character the text lacks
    is not looked for.)"""
    chars = list(text)

    def blank(s: int, e: int) -> None:
        for i in range(s, e):
            if chars[i] not in "\n\f":
                chars[i] = " "

    for m in _LINK.finditer(text) if "](" in text else ():
        if m.group(0).startswith("!"):
            blank(m.start(), m.end())  # an image: nothing to read
        else:
            blank(m.start(), m.start(1))
            blank(m.end(1), m.end())
    for m in _BR.finditer(text) if "<" in text else ():
        blank(m.start(), m.end())
        chars[m.start()] = "\n"
    for m in _TAG.finditer(text) if "<" in text else ():
        if chars[m.start()] == "<":
            blank(m.start(), m.end())
    for m in _ENTITY.finditer(text) if "&" in text else ():
        name = m.group(0)[1:-1]
        if name.startswith("#"):
            try:
                ch = chr(int(name[2:], 16) if name[1:2] in "xX" else int(name[1:]))
            except (ValueError, OverflowError):
                continue
        else:
            ch = _ENTITY_CHAR[name]
        blank(m.start(), m.end())
        chars[m.start()] = " " if ch in "\u00a0" or not ch.isprintable() else ch
    for m in _RULE_LINE.finditer(text):
        if sum(m.group(0).count(c) for c in "-_=*") >= 3:
            blank(m.start(), m.end())
    for m in _RUN.finditer(text):
        blank(m.start(), m.end())
    for m in _HEADING.finditer(text) if "#" in text else ():
        blank(m.start(), m.end())
    for m in _BULLET.finditer(text) if "*" in text else ():
        chars[m.end(1)] = "-"  # `* item`: a list bullet, which the structure reads as an item
    for m in _ROW.finditer(text) if "|" in text else ():
        for i in range(m.start(), m.end()):
            if text[i] == "|" and (i == 0 or text[i - 1] != "\\"):
                chars[i] = "\n"
    # A pandoc table without bars (`  ------ -------` above and below, its columns under the dash runs): each
    # row's second column starts a line, as a grid table's cells do, so a signature block beside `Nơi nhận` is
    # read as its own lines.
    for m in _DASH_TABLE.finditer(text) if "---" in text else ():
        columns = [d.start() for d in re.finditer(r"-+", m.group("rule"))][1:]
        for row in re.finditer(r"[^\n]+", m.group("rows")):
            line_start = m.start("rows") + row.start()
            for col in columns:
                i = line_start + col - 1
                if col < row.end() - row.start() and text[i] == " ":
                    chars[i] = "\n"
    for m in _PIPE_LINE.finditer(text) if "|" in text else ():
        blank(m.start(), m.end())
    for m in _UNDERSCORES.finditer(text) if "_" in text else ():
        if _emphasis_underscore(text, m.start()):
            blank(m.start(), m.end())
    # A word a converter cut with emphasis (`ng**ày`, `C**ỤC THUẾ**`, `C**ổ**ng`): its letters put back together
    # where it starts, the markup's places as spaces after it (the word's own letters shift by the markup's
    # width; every offset outside it is unchanged). Where the cut falls between two words (`gọi là**xã`), a space.
    for m in _CUT_WORD.finditer(text) if "*" in text else ():
        chars[m.start():m.end()] = _rejoined(m.group(0))
    # Backslashes are escapes or pandoc's hard line breaks (`QUỐC HỘI\`): never words of a document.
    # Asterisks are emphasis (converters open and close it across line breaks, around spaces).
    return "".join(chars).translate(_BLANKED)


_CUT_WORD = re.compile(r"[^\W\d_]+(?:\*{1,4}[^\W\d_]+)+")  # (`H****òa`: two bold marks closing and opening)
_CUT_MARK = re.compile(r"\*{1,4}")
_VOWELS = frozenset("aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
_INITIAL_CLUSTERS = frozenset("ng nh ch th tr ph kh gh gi qu".split())


def _rejoined(cut: str) -> str:
    """A cut word's letters joined (a space between pieces that are two syllables), padded to its length."""
    pieces = _CUT_MARK.split(cut)
    out = pieces[0]
    for piece in pieces[1:]:
        out += piece if _same_syllable(out, piece) else " " + piece
    return out + " " * (len(cut) - len(out))


def _same_syllable(left: str, right: str) -> bool:
    """Whether `right` goes on the syllable `left` ends: it starts with a vowel, or is only the final
    consonants (`ng`), or finishes an initial cluster (`n` + `gày`); a consonant that starts a syllable of its
    own after a vowel (`là` + `xã`) is a new word."""
    left, right = left.lower(), right.lower()
    if right[0] in _VOWELS:
        return True
    run = len(right) - len(right.lstrip("bcdđghklmnpqrstvx"))
    if run == len(right):
        return True
    return left[-1] not in _VOWELS and (left[-1] + right[:run]) in _INITIAL_CLUSTERS


def _emphasis_underscore(text: str, i: int) -> bool:
    """`__bold__`/`_italic_` delimiters, not a form's blank `____` nor `snake_case`."""
    j = i
    while j < len(text) and text[j] == "_":
        j += 1
    k = i
    while k > 0 and text[k - 1] == "_":
        k -= 1
    run = j - k
    if run > 3:
        return False
    before = text[k - 1] if k > 0 else " "
    after = text[j] if j < len(text) else " "
    return (before.isspace() or not before.isalnum()) != (after.isspace() or not after.isalnum())


def heading_starts(text: str) -> list[int]:
    """Where a markdown text's ATX headings (`## Văn bản liên quan`) start: sections of the page."""
    return [m.start() for m in _SECTION_HEADING.finditer(text)]


_SECTION_HEADING = re.compile(r"(?m)^#{1,6}[ \t]+\S")


def prepare_markup(text: str, markdown: bool | None = None) -> str:
    """`neutralize_markup(text)` when the text is markdown (`markdown=None`: judged from the text)."""
    if markdown is None:
        markdown = looks_like_markdown(text)
    return neutralize_markup(text) if markdown else text
