"""Reading saved web pages (.html, .htm): the document, without the site's chrome.

A page saved from a legal portal holds the document inside a menu, a cookie notice, a "related
documents" list and a footer, each with strings that look like citations (`Nghị định 13/2023/NĐ-CP`
in a privacy notice). The reader

1. decodes the bytes by their BOM, the encoding the page declares (`<meta charset>`, an XML
   declaration), UTF-8, else the best guess of charset-normalizer;
2. renders the whole page's visible text with its own line breaks (blocks, `<br>`, one table cell
   per line, left cell before right cell as a header's two columns are read), remembering which
   element every line came from;
3. asks trafilatura (chosen by `python -m bench.compare_html`, figures in the README) which text is
   the page's main content, keeps the page's lines it kept, and the rest of the element that best
   holds them when the extractor kept nearly all of that element (see `page_document`): the header
   table trafilatura may judge to be layout comes back.

The document is the text of those lines; their window (characters of the whole page's text, first
to last line kept) is recorded as a `body_window` warning, so docs/<id>.json says what was dropped.
Offsets index the returned text.
"""
from __future__ import annotations

import re
import unicodedata

from .model import Page, RawDocument, Warning
from .errors import ReadError
from .text_encoding import decode_text

MAX_HTML_BYTES = 50 * 1024 * 1024

# Elements whose text is never shown.
HIDDEN = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "iframe",
          "object", "embed", "button", "select", "option", "input", "textarea", "form"}
# Elements that start and end a line of text.
BLOCKS = {"address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "div",
          "dl", "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
          "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
          "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption"}
# An element whose text the extractor nearly all kept is the document's container: what it left
# out there (a header table, a signature block) is the document's too.
CONTAINER_PRECISION = 0.9
SOLID_LINE = 20  # characters
DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
                              rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_html(data: bytes) -> tuple[str, str, list[Warning]]:
    """The page's text and its encoding: a BOM first, then what the page declares, then detection."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode_text(data)
    m = DECLARED_CHARSET.search(data[:4096])
    if m:
        declared = (m.group(1) or m.group(2)).decode("ascii").lower()
        if declared not in ("utf-8", "utf8") and not data.isascii():
            # Pages saved as UTF-8 under an old template's `charset=iso-8859-1` are common; valid
            # multi-byte UTF-8 does not happen by chance in an 8-bit text, so UTF-8 wins.
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                return text, "utf-8", [Warning("encoding", f"declared {declared}, but the page is UTF-8")]
        try:
            return unicodedata.normalize("NFC", data.decode(declared)), declared, []
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead, and say so
        text, encoding, warnings = decode_text(data)
        warnings.append(Warning("encoding", f"declared {declared} does not decode the page; read as {encoding}"))
        return text, encoding, warnings
    return decode_text(data)


def parse_html(html: str):
    import lxml.html

    # lxml refuses a str with an XML declaration of its encoding; the text is already decoded.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    if not html.strip():
        raise ReadError("no HTML content")
    try:
        return lxml.html.document_fromstring(html)
    except Exception as exc:  # lxml.etree.ParserError and friends
        raise ReadError(f"not readable as HTML ({type(exc).__name__})") from None


def render_lines(root) -> list[tuple[str, object]]:
    """The visible text of an element, one (line, element it came from) per line; blank lines dropped.
    Inline elements flow into the line; blocks, `<br>` and table cells break it."""
    lines: list[tuple[str, object]] = []
    current: list[str] = []
    owner = [root]

    def flush():
        text = " ".join("".join(current).split())
        if text:
            lines.append((text, owner[0]))
        current.clear()

    def walk(el, block):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.lower() in HIDDEN or not tag:  # comments and processing instructions have no str tag
            if el.tail:
                current.append(el.tail)
            return
        tag = tag.lower()
        is_block = tag in BLOCKS
        if is_block:
            flush()
            block = el
        owner[0] = block
        if tag == "br":
            flush()
        if el.text:
            current.append(el.text)
        for child in el:
            walk(child, block)
            owner[0] = block
        if is_block:
            flush()
        if el.tail:
            current.append(el.tail)

    walk(root, root)
    flush()
    return [(unicodedata.normalize("NFC", t), e) for t, e in lines]


def render_text(root) -> str:
    return "\n".join(t for t, _ in render_lines(root))


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).replace("|", " ").split())


def main_content(html: str) -> str:
    """The page's main content as trafilatura sees it (tables kept, comments not)."""
    import trafilatura

    return trafilatura.extract(html, include_tables=True, include_comments=False, favor_recall=True) or ""


def page_document(html: str) -> tuple[str, tuple[int, int], int]:
    """(the document's text, its window in the whole page's text, the whole page's length).

    The document is the page's lines the extractor kept, and all the lines of the element that best
    holds them when that element is nearly all kept (see `_best_container`): a header table the
    extractor judged to be layout comes back; a box of notices it took in stays where it was."""
    root = parse_html(html)
    lines = render_lines(root)
    if not lines:
        raise ReadError("no text in the page")
    whole = "\n".join(t for t, _ in lines)
    content = _key(main_content(html))
    matched = [bool(content) and bool(_key(t)) and _key(t) in content for t, _ in lines]
    # A short line ("Công văn", a date) of the menu or a list is found in almost any content; it is
    # kept only between lines that are unlikely to be there by chance.
    solid = [i for i, m in enumerate(matched) if m and len(_key(lines[i][0])) >= SOLID_LINE]
    if not solid:
        return whole, (0, len(whole)), len(whole)
    keep = [m and solid[0] <= i <= solid[-1] for i, m in enumerate(matched)]
    first, last, precision = _best_container(lines, matched)
    if precision >= CONTAINER_PRECISION:
        keep[first:last + 1] = [True] * (last + 1 - first)
    starts = [0]
    for t, _ in lines:
        starts.append(starts[-1] + len(t) + 1)
    kept = [i for i, k in enumerate(keep) if k]
    text = "\n".join(lines[i][0] for i in kept)
    return text, (starts[kept[0]], starts[kept[-1] + 1] - 1), len(whole)


def _best_container(lines, matched) -> tuple[int, int, float]:
    """The first and last line of the element that best holds the extractor's content: the highest
    F-measure of its share of the content (recall) and the content's share of it (precision), in
    characters. An extractor that leaves out a header table (layout, to it) or takes in a box of
    notices after the document is corrected by the page's own structure: the document's container
    holds the one and not the other."""
    total: dict[int, int] = {}
    hits: dict[int, int] = {}
    span: dict[int, list[int]] = {}
    node: dict[int, object] = {}
    content_chars = 0
    for i, ((text, el), hit) in enumerate(zip(lines, matched)):
        n = len(text) + 1
        content_chars += n if hit else 0
        while el is not None:
            key = id(el)
            node[key] = el
            total[key] = total.get(key, 0) + n
            if hit:
                hits[key] = hits.get(key, 0) + n
            lo_hi = span.setdefault(key, [i, i])
            lo_hi[1] = i
            el = el.getparent()

    def score(key: int) -> tuple[float, int]:
        m = hits.get(key, 0)
        if not m:
            return (0.0, 0)
        p, r = m / total[key], m / content_chars
        return (2 * p * r / (p + r), -total[key])  # a tie goes to the smaller element

    best = max(total, key=score)
    return span[best][0], span[best][1], hits.get(best, 0) / total[best]


def read_html(data: bytes, source: str, digest: str) -> RawDocument:
    if len(data) > MAX_HTML_BYTES:
        raise ReadError(f"web page too large ({len(data) // (1024 * 1024)} MB > {MAX_HTML_BYTES // (1024 * 1024)} MB)")
    html, encoding, warnings = decode_html(data)
    text, (start, end), total = page_document(html)
    if not text.strip():
        raise ReadError("no text in the page")
    if (start, end) != (0, total):
        warnings.append(Warning("body_window", f"the document is characters {start}-{end} of the page's "
                                f"{total}; the rest (menus, notices, related lists, footer) is not read"))
    return RawDocument(path=source, sha256=digest, pages=[Page(1, text.replace("\f", "\n"), "html")],
                       warnings=warnings, encoding=encoding)
