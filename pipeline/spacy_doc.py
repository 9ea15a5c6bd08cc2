"""An extraction result as a spaCy Doc, for notebooks.

`to_spacy(result) -> spacy.tokens.Doc`: the document's text tokenized into Vietnamese words by
underthesea (`word_tokenize`, spellings kept), sentences from underthesea's `sent_tokenize`, and the
references as the span group `doc.spans["references"]`, so that

    displacy.render(doc, style="span", options={"spans_key": "references"})

highlights them (displacy takes the key in `options`). Symbols and dates written without spaces
(`25-NQ/TW`, `19/12/2019`) are kept as one token, though word_tokenize cuts them. The Doc's text is the result's text exactly: offsets of the references are the
Doc's character offsets.

`spacy.blank("vi")` needs pyvi, so the pipeline is `spacy.blank("xx")` with the underthesea
tokenizer (`make_nlp()`).
"""
from __future__ import annotations

import contextlib
import io
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .model import ExtractionResult

if TYPE_CHECKING:  # spaCy is imported when a Doc is made
    from spacy.language import Language
    from spacy.tokens import Doc

SPANS_KEY = "references"

_LINE = re.compile(r"[^\n\f\r\v]+")  # a paragraph: underthesea is run line by line
_ENUMERATOR = re.compile(r"(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]")  # `II.`, `1.2.`, `a)`
_NON_SPACE = re.compile(r"\S+")
_SPACE = re.compile(r"\s*")
_MAX_RESYNC = 80  # how far ahead a token underthesea rewrote is looked for
# Symbols and dates written without spaces (`25-NQ/TW`, `61/2018/NĐ-CP`, `19/12/2019`): one token,
# not the pieces word_tokenize cuts them into, so a reader sees them whole.
_COMPOUND = re.compile(r"\w+(?:[-\u2013\u2014/]\w+)+")


@lru_cache(maxsize=1)
def _underthesea():
    # underthesea logs to stdout when imported: keep it off the caller's stdout.
    with contextlib.redirect_stdout(io.StringIO()):
        from underthesea import sent_tokenize, word_tokenize
    return word_tokenize, sent_tokenize


def word_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the words of `text`, in order, without white space: underthesea's
    words located in the text itself (a multi-syllable word is one span when its syllables are
    separated by single spaces, else one span per syllable); text underthesea drops or rewrites
    becomes spans of its non-space runs, so the spans cover every non-space character."""
    word_tokenize, _ = _underthesea()
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        if not line.group().strip():
            continue
        base, chunk = line.start(), line.group()
        with contextlib.redirect_stdout(io.StringIO()):
            words = word_tokenize(chunk, use_token_normalize=False)
        pos = 0
        for word in words:
            located = _locate(chunk, word, pos)
            if located is None:
                continue  # rewritten beyond recognition: its text is covered by the gap filling
            for start, end in located:
                spans.append((base + start, base + end))
            pos = located[-1][1]
    return _merge_compounds(text, _fill_gaps(text, spans))


def _locate(chunk: str, word: str, pos: int) -> list[tuple[int, int]] | None:
    """Where `word` (syllables joined by single spaces) is in chunk at or after pos: the spans it
    covers, joined where the syllables are separated by exactly one space."""
    syllables = word.split()
    if not syllables:
        return None
    start = _SPACE.match(chunk, pos).end()
    if not chunk.startswith(syllables[0], start):
        start = chunk.find(syllables[0], start, start + _MAX_RESYNC + len(syllables[0]))
        if start < 0:
            return None
    out: list[tuple[int, int]] = []
    cursor = start
    for i, syllable in enumerate(syllables):
        if i:
            after = _SPACE.match(chunk, cursor).end()
            if not chunk.startswith(syllable, after):
                return out or None  # keep what was found; the rest is filled as gaps
            if chunk[cursor:after] == " ":
                out[-1] = (out[-1][0], after + len(syllable))
                cursor = after + len(syllable)
                continue
            cursor = after
        out.append((cursor, cursor + len(syllable)))
        cursor += len(syllable)
    return out


def _fill_gaps(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            continue  # overlaps a span already taken (a resync went back): keep the first
        out.extend(m.span() for m in _NON_SPACE.finditer(text, pos, start))
        out.append((start, end))
        pos = end
    out.extend(m.span() for m in _NON_SPACE.finditer(text, pos))
    return out


def _merge_compounds(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join the spans that exactly tile a symbol-like run of `_COMPOUND`."""
    index_of_start = {start: i for i, (start, _) in enumerate(spans)}
    merges: dict[int, int] = {}  # first span index -> last span index
    for m in _COMPOUND.finditer(text):
        first = index_of_start.get(m.start())
        if first is None:
            continue
        last = first
        # extend over spans that follow each other without a gap, up to the run's end
        while spans[last][1] < m.end() and last + 1 < len(spans) and spans[last + 1][0] == spans[last][1]:
            last += 1
        if last > first and spans[last][1] == m.end():
            merges[first] = last
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        last = merges.get(i, i)
        out.append((spans[i][0], spans[last][1]))
        i = last + 1
    return out


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences begin: underthesea's `sent_tokenize` inside each line (a line of
    these documents is a paragraph, a heading or a header field). A line break inside a sentence
    (the previous line ends in a letter or digit, the next begins in lower case or a digit, as in
    `khoản 3 Điều\n\n63 của Bộ luật`) does not start one; a heading's number (`II.`) stays with
    its heading."""
    _, sent_tokenize = _underthesea()
    starts: list[int] = []
    previous = ""
    for line in _LINE.finditer(text):
        chunk = line.group()
        stripped = chunk.strip()
        if not stripped:
            continue
        # (`*`/`_` are emphasis marks some sources keep: `khoản 3 Điều*`)
        continues = (bool(previous) and previous[-1].isalnum() and (stripped[0].islower() or stripped[0].isdigit())
                     and not _ENUMERATOR.match(stripped.split(maxsplit=1)[0]))
        previous = stripped.rstrip("*_")
        with contextlib.redirect_stdout(io.StringIO()):
            sentences = sent_tokenize(chunk)
        found: list[int] = []
        pos = 0
        merge_next = False
        for sentence in sentences:
            head = sentence.strip()[:20]
            at = chunk.find(head, pos) if head else -1
            if at < 0:
                continue
            pos = at + len(head)
            if merge_next:  # the previous "sentence" was a heading's number: not a sentence
                merge_next = False
                continue
            merge_next = bool(_ENUMERATOR.fullmatch(sentence.strip()))
            found.append(line.start() + at)
        first = line.start() + len(chunk) - len(chunk.lstrip())
        if not found or found[0] != first:
            found.insert(0, first)
        starts.extend(found[1:] if continues else found)
    return starts


class UndertheseaTokenizer:
    """A spaCy tokenizer: underthesea words; white space between words as spaCy does it (one
    space is the previous token's trailing space, anything else a white-space token); sentence
    starts from underthesea."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> "Doc":
        from spacy.tokens import Doc

        words: list[str] = []
        spaces: list[bool] = []
        starts: list[int] = []
        spans = word_spans(text)
        if not spans:
            return Doc(self.vocab, words=[text] if text else [], spaces=[False] if text else [])
        if spans[0][0] > 0:
            words.append(text[: spans[0][0]])
            spaces.append(False)
            starts.append(0)
        for i, (start, end) in enumerate(spans):
            words.append(text[start:end])
            starts.append(start)
            gap_end = spans[i + 1][0] if i + 1 < len(spans) else len(text)
            gap = text[end:gap_end]
            spaces.append(gap.startswith(" "))
            if gap.startswith(" "):
                gap = gap[1:]
            if gap:
                words.append(gap)
                spaces.append(False)
                starts.append(gap_end - len(gap))
        sent_at = set(sentence_starts(text))
        sent_starts = [False] * len(words)
        pending = sorted(sent_at)
        k = 0
        for i, (word, start) in enumerate(zip(words, starts)):
            if not word.strip():
                continue
            # the first word at or after each sentence start begins a sentence
            if k < len(pending) and pending[k] <= start:
                sent_starts[i] = True
                while k < len(pending) and pending[k] <= start:
                    k += 1
        if not words[0].strip() and len(words) > 1:
            sent_starts[1] = False  # leading white space belongs to the first sentence
        sent_starts[0] = True
        return Doc(self.vocab, words=words, spaces=spaces, sent_starts=sent_starts)

    # A tokenizer without settings: nothing to save; these let nlp.to_disk()/from_disk() work.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "UndertheseaTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "UndertheseaTokenizer":
        return self


def make_nlp() -> "Language":
    """`spacy.blank("xx")` with the underthesea tokenizer."""
    import spacy

    nlp = spacy.blank("xx")
    nlp.tokenizer = UndertheseaTokenizer(nlp.vocab)
    return nlp


@lru_cache(maxsize=1)
def _default_nlp() -> "Language":
    return make_nlp()


def to_spacy(result: ExtractionResult, nlp: "Language | None" = None, label: str = "kind") -> "Doc":
    """The result as a spaCy Doc with its references in `doc.spans["references"]`.

    label: the Reference attribute used as each span's label (`kind`, or `relation`, `type`...).
    nlp: a pipeline to run instead of `make_nlp()` (its tokenizer decides the tokens; spans are
    widened to whole tokens). The document's metadata is in `doc.user_data["document"]`.
    """
    from dataclasses import asdict

    nlp = nlp if nlp is not None else _default_nlp()
    doc = nlp(result.text)
    spans = []
    for ref in sorted(result.references, key=lambda r: (r.start, r.end)):
        value: Any = getattr(ref, label, None)
        span = doc.char_span(ref.start, ref.end, label=str(value) if value is not None else "reference",
                             alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    doc.spans[SPANS_KEY] = spans
    doc.user_data["document"] = asdict(result.document)
    return doc
