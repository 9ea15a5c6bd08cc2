"""Evaluation: score extraction results against a gold annotation file.

`evaluate(gold_path, texts_dir=None, extract=None) -> EvalReport` runs the extractor (by default
`pipeline.document.analyze_document`) on each gold document's file and compares the result with
the gold, following `corpus/gold/README.md`:

- a predicted reference matches a gold one when their spans overlap, after aligning the predicted
  text with the gold text (the gold offsets index the original `.txt`; an OCR'd PDF or a normalized
  text differs from it), one to one, greedily by the largest overlap;
- detection: precision, recall and F1 over the numbered references (`full` + `partial`) and over
  all kinds;
- fields of matched numbered references: symbol, type, date, issuer, relation; resolution of the
  references the gold resolves (`resolves_to`);
- the document's own metadata; chains as (source symbol, target symbol) pairs.

`format_report(report)` renders the figures and the misses as text; `register(app)` adds the
`directives eval` command to a typer app. The gold format is documented in corpus/gold/README.md,
so researchers can annotate their own samples and score the pipeline on them.
"""
from __future__ import annotations

import io
import json
import re
import unicodedata
from array import array
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from functools import lru_cache
from typing import Any, Callable, Iterable

from .document import analyze_document
from .errors import GoldError
from .keys import NodeId, fold, symbol_key
from .model import RELATIONS, DocumentInfo, ExtractionResult, Reference
from .read import SUPPORTED_EXTENSIONS, page_images

NUMBERED_KINDS = ("full", "partial")
REF_FIELDS = ("symbol", "type", "date", "issuer", "relation")
META_FIELDS = ("type", "symbol", "date", "place", "issuer", "signer")

# Extensions the readers accept (kept in step with pipeline.read.SUPPORTED_EXTENSIONS, which is
# imported lazily so that scoring saved predictions does not need the readers' libraries).

Extractor = Callable[[str], Any]


# --------------------------------------------------------------------------------------------
# Normalization used by the comparisons (corpus/gold/README.md, "How a result is compared")

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_ETH = {ord("\u00d0"): "\u0110", ord("\u00f0"): "\u0111"}  # Ð/ð (eth) stand for Đ/đ
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below


def normalize_symbol(value: str | None) -> str | None:
    """`25 –NQ/TW` -> `25-nq/tw` (pipeline.keys.symbol_key); a graph node id
    (`138-KH/TU#Trà Vinh@2019`) is reduced to its symbol; documents without a symbol give None."""
    if value is None:
        return None
    text = str(value)
    if text.startswith(("named:", "doc:")):
        return None  # node ids of documents without a symbol
    return symbol_key(NodeId.parse(text).symbol or text) or None


def fold_issuer(value: str | None) -> str | None:
    """Fold an issuer for comparison (pipeline.keys.fold: case, `uỷ`/`ủy`, `khoá`/`khóa`), with
    `Trung ương Đảng` -> `Trung ương` and parenthesis characters dropped."""
    if value is None:
        return None
    text = fold(str(value).replace("(", " ").replace(")", " "))
    text = re.sub(r"\btrung ương đảng\b", "trung ương", text)
    return text or None


def issuer_matches(gold: str | None, predicted: str | None) -> bool:
    """Both null is right; one null is wrong; else one folded form contains the other."""
    g, p = fold_issuer(gold), fold_issuer(predicted)
    if g is None or p is None:
        return g is None and p is None
    return g in p or p in g


def _plain(value: Any) -> Any:
    """Exact comparison, up to Unicode form and runs of white space."""
    if isinstance(value, str):
        text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", value)).strip()
        return text or None
    return value


def symbol_matches(gold_ref: dict[str, Any], pred: Reference) -> bool:
    """Gold symbol or any alt_symbol against the predicted symbol; a bare number (gold symbol
    null) against the predicted number."""
    if gold_ref.get("symbol") is None:
        return _plain(gold_ref.get("number")) == _plain(pred.number)
    accepted = {normalize_symbol(gold_ref["symbol"])}
    accepted.update(normalize_symbol(s) for s in gold_ref.get("alt_symbols") or [])
    return normalize_symbol(pred.symbol) in accepted


def field_matches(name: str, gold_ref: dict[str, Any], pred: Reference) -> bool:
    if name == "symbol":
        return symbol_matches(gold_ref, pred)
    if name == "issuer":
        return issuer_matches(gold_ref.get("issuer"), pred.issuer)
    return _plain(gold_ref.get(name)) == _plain(getattr(pred, name, None))


def predicted_field(name: str, pred: Reference, gold_ref: dict[str, Any]) -> Any:
    if name == "symbol" and gold_ref.get("symbol") is None:
        return pred.number
    return getattr(pred, name, None)


def meta_matches(name: str, gold: Any, predicted: Any) -> bool:
    if name == "issuer":
        return issuer_matches(gold, predicted)
    if name == "symbol":
        return normalize_symbol(gold) == normalize_symbol(predicted)
    return _plain(gold) == _plain(predicted)


def resolved_symbol(pred: Reference) -> str | None:
    return normalize_symbol(pred.target) if pred.target is not None else normalize_symbol(pred.symbol)


# --------------------------------------------------------------------------------------------
# Alignment of the predicted text with the gold text

_WORD = re.compile(r"\S+")
# Exact character-level matching inside a changed block only when it is cheap (SequenceMatcher
# is quadratic in the worst case).
_MAX_BLOCK_PRODUCT = 400_000


@lru_cache(maxsize=4096)
def _base_char(ch: str) -> str:
    """A character without case or diacritics (`Ở` -> `o`, `Đ`/`Ð` -> `d`): OCR drops and
    confuses tone marks, and the alignment must still find the words."""
    if ch in "Đđ\u00d0\u00f0":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0].casefold()
    return base if len(base) == 1 else ch


def _fold_chars(text: str) -> str:
    """Same length as text: one folded character for each character."""
    return "".join(_base_char(ch) for ch in text)


def _token_key(word: str) -> str:
    return _fold_chars(unicodedata.normalize("NFC", word).translate(_DASHES))


# Above this many tokens a side, sequences are first cut at words unique to both (patience
# diff): difflib without autojunk is quadratic, 2.5 s for 65 KB, minutes for a 300 KB report.
_DIRECT_TOKENS = 3000
_MAX_ANCHOR_COUNT = 64


def matching_blocks(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """Equal runs (i, j, n) of two token sequences, in order, not overlapping."""
    out: list[tuple[int, int, int]] = []
    _match_segment(a, b, 0, len(a), 0, len(b), out)
    return out


def _match_segment(a, b, alo, ahi, blo, bhi, out) -> None:
    if alo >= ahi or blo >= bhi:
        return
    if ahi - alo <= _DIRECT_TOKENS and bhi - blo <= _DIRECT_TOKENS:
        matcher = SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
        out.extend((alo + i, blo + j, n) for i, j, n in matcher.get_matching_blocks() if n)
        return
    anchors = _unique_anchors(a, b, alo, ahi, blo, bhi)
    if not anchors:
        matcher = SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=True)
        out.extend((alo + i, blo + j, n) for i, j, n in matcher.get_matching_blocks() if n)
        return
    i_prev, j_prev = alo, blo
    for i, j in anchors:
        _match_segment(a, b, i_prev, i, j_prev, j, out)
        if out and out[-1][0] + out[-1][2] == i and out[-1][1] + out[-1][2] == j:
            last = out.pop()
            out.append((last[0], last[1], last[2] + 1))
        else:
            out.append((i, j, 1))
        i_prev, j_prev = i + 1, j + 1
    _match_segment(a, b, i_prev, ahi, j_prev, bhi, out)


def _unique_anchors(a, b, alo, ahi, blo, bhi) -> list[tuple[int, int]]:
    """Anchor pairs (i, j), increasing in both: the k-th occurrence of a token in one segment
    paired with its k-th in the other, for tokens as frequent in both (unique ones first; all
    such tokens when a text repeats itself), then the longest run increasing in j."""
    where_a: dict[str, list[int]] = {}
    for i in range(alo, ahi):
        where_a.setdefault(a[i], []).append(i)
    where_b: dict[str, list[int]] = {}
    for j in range(blo, bhi):
        where_b.setdefault(b[j], []).append(j)
    pairs: list[tuple[int, int]] = []
    for max_count in (1, _MAX_ANCHOR_COUNT):
        for token, positions in where_a.items():
            other = where_b.get(token)
            if other is not None and len(other) == len(positions) <= max_count:
                pairs.extend(zip(positions, other))
        if pairs:
            break
    pairs.sort()
    # longest increasing subsequence of j (patience sorting), O(n log n)
    from bisect import bisect_left

    tails: list[int] = []
    tail_index: list[int] = []
    back: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_index.append(k)
        else:
            tails[pos] = j
            tail_index[pos] = k
        back[k] = tail_index[pos - 1] if pos else -1
    chain: list[tuple[int, int]] = []
    k = tail_index[-1] if tail_index else -1
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]


def _opcodes(blocks: list[tuple[int, int, int]], na: int, nb: int):
    """difflib-style opcodes from matching blocks."""
    i = j = 0
    for bi, bj, n in blocks + [(na, nb, 0)]:
        if i < bi and j < bj:
            yield "replace", i, bi, j, bj
        elif i < bi:
            yield "delete", i, bi, j, bj
        elif j < bj:
            yield "insert", i, bi, j, bj
        if n:
            yield "equal", bi, bi + n, bj, bj + n
        i, j = bi + n, bj + n


class Alignment:
    """Maps character offsets of a `source` text (the prediction's) to a `target` text (the
    gold's). Identical texts map to themselves; otherwise the texts are matched word by word
    (difflib, autojunk off), then character by character inside the blocks that differ, so
    changed white space, line breaks, glued words and OCR substitutions keep spans in place."""

    def __init__(self, source: str, target: str):
        self.source = source
        self.target = target
        self.identity = source == target
        self._map: array | None = None
        if not self.identity:
            self._map = self._build()

    def _build(self) -> array:
        src, tgt = self.source, self.target
        mapping = array("l", [-1]) * len(src)
        a = [(m.start(), m.end()) for m in _WORD.finditer(src)]
        b = [(m.start(), m.end()) for m in _WORD.finditer(tgt)]
        blocks = matching_blocks([_token_key(src[s:e]) for s, e in a], [_token_key(tgt[s:e]) for s, e in b])
        for op, i1, i2, j1, j2 in _opcodes(blocks, len(a), len(b)):
            if op == "equal":
                for (sa, ea), (sb, eb) in zip(a[i1:i2], b[j1:j2]):
                    self._map_range(mapping, sa, ea, sb, eb)
            elif op == "replace":
                sa, ea = a[i1][0], a[i2 - 1][1]
                sb, eb = b[j1][0], b[j2 - 1][1]
                self._map_chars(mapping, sa, ea, sb, eb)
            elif op == "delete":
                # Words the gold text lacks: pin them to the gap where they would be.
                at = b[j1][0] if j1 < len(b) else len(tgt)
                for k in range(a[i1][0], a[i2 - 1][1]):
                    mapping[k] = at
            # "insert": gold words the prediction lacks; nothing to map.
        return mapping

    @staticmethod
    def _map_range(mapping: array, sa: int, ea: int, sb: int, eb: int) -> None:
        """Map source [sa, ea) onto target [sb, eb): one to one when the lengths agree, else in
        proportion."""
        na, nb = ea - sa, eb - sb
        if na <= 0:
            return
        if na == nb:
            for k in range(na):
                mapping[sa + k] = sb + k
        elif nb <= 0:
            for k in range(na):
                mapping[sa + k] = sb
        else:
            for k in range(na):
                mapping[sa + k] = sb + min(nb - 1, k * nb // na)

    def _map_chars(self, mapping: array, sa: int, ea: int, sb: int, eb: int) -> None:
        a_text = _fold_chars(self.source[sa:ea])
        b_text = _fold_chars(self.target[sb:eb])
        # Exact matching when cheap; on a big changed block difflib's popularity heuristic
        # (autojunk) keeps it fast at the price of a coarser mapping.
        exact = (ea - sa) * (eb - sb) <= _MAX_BLOCK_PRODUCT
        inner = SequenceMatcher(None, a_text, b_text, autojunk=not exact)
        for op, i1, i2, j1, j2 in inner.get_opcodes():
            if op in ("equal", "replace"):
                self._map_range(mapping, sa + i1, sa + i2, sb + j1, sb + j2)
            elif op == "delete":
                for k in range(sa + i1, sa + i2):
                    mapping[k] = sb + j1

    def map_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The target span covered by source [start, end), or None when none of it maps."""
        if self.identity:
            return start, end
        assert self._map is not None
        start, end = max(0, start), min(len(self._map), end)
        mapped = [self._map[k] for k in range(start, end) if self._map[k] >= 0]
        if not mapped:
            return None
        lo, hi = min(mapped), max(mapped) + 1
        return lo, max(hi, lo)


# --------------------------------------------------------------------------------------------
# Report data


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "PRF") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_json(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision,
                "recall": self.recall, "f1": self.f1}


@dataclass
class Ratio:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    def count(self, ok: bool) -> None:
        self.correct += int(ok)
        self.total += 1

    def add(self, other: "Ratio") -> None:
        self.correct += other.correct
        self.total += other.total

    def to_json(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": self.accuracy}


@dataclass
class Scores:
    numbered: PRF = field(default_factory=PRF)
    all_kinds: PRF = field(default_factory=PRF)
    fields: dict[str, Ratio] = field(default_factory=lambda: {f: Ratio() for f in REF_FIELDS})
    resolution: Ratio = field(default_factory=Ratio)
    metadata: dict[str, Ratio] = field(default_factory=lambda: {f: Ratio() for f in META_FIELDS})
    chains: PRF = field(default_factory=PRF)
    # Relations of matched numbered references: {(gold, predicted): count}, so a user sees which
    # relations to trust, not only how many are right.
    relations: dict[tuple[str, str], int] = field(default_factory=dict)

    def count_relation(self, gold: str | None, predicted: str | None) -> None:
        key = (gold or "?", predicted or "?")
        self.relations[key] = self.relations.get(key, 0) + 1

    def relation_scores(self) -> dict[str, dict[str, Any]]:
        """Per relation: precision and recall over the matched numbered references."""
        names = [r for r in RELATIONS if any(r in k for k in self.relations)]
        names += sorted({x for k in self.relations for x in k} - set(names))
        out: dict[str, dict[str, Any]] = {}
        for name in names:
            tp = self.relations.get((name, name), 0)
            gold = sum(n for (g, _), n in self.relations.items() if g == name)
            predicted = sum(n for (_, p), n in self.relations.items() if p == name)
            out[name] = {"gold": gold, "predicted": predicted, "correct": tp,
                         "precision": tp / predicted if predicted else None,
                         "recall": tp / gold if gold else None}
        return out

    def add(self, other: "Scores") -> None:
        for key, n in other.relations.items():
            self.relations[key] = self.relations.get(key, 0) + n
        self.numbered.add(other.numbered)
        self.all_kinds.add(other.all_kinds)
        for name, ratio in other.fields.items():
            self.fields.setdefault(name, Ratio()).add(ratio)
        self.resolution.add(other.resolution)
        for name, ratio in other.metadata.items():
            self.metadata.setdefault(name, Ratio()).add(ratio)
        self.chains.add(other.chains)

    def to_json(self) -> dict[str, Any]:
        return {
            "numbered": self.numbered.to_json(),
            "all_kinds": self.all_kinds.to_json(),
            "fields": {k: v.to_json() for k, v in self.fields.items()},
            "resolution": self.resolution.to_json(),
            "metadata": {k: v.to_json() for k, v in self.metadata.items()},
            "chains": self.chains.to_json(),
            "relations": {
                "confusion": [{"gold": g, "predicted": p, "count": n} for (g, p), n in sorted(self.relations.items())],
                "per_relation": self.relation_scores(),
            },
        }


@dataclass
class Misses:
    missed: list[dict[str, Any]] = field(default_factory=list)  # gold refs not found
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    wrong_fields: list[dict[str, Any]] = field(default_factory=list)
    wrong_resolution: list[dict[str, Any]] = field(default_factory=list)
    wrong_metadata: list[dict[str, Any]] = field(default_factory=list)
    missed_chains: list[dict[str, Any]] = field(default_factory=list)
    extra_chains: list[dict[str, Any]] = field(default_factory=list)

    def empty(self) -> bool:
        return not any(asdict(self).values())


@dataclass
class DocumentEval:
    file: str
    evaluated: str | None = None  # the file the extractor read
    status: str = "ok"  # ok | skipped | error
    note: str | None = None
    aligned: bool = False  # the predicted text differed from the gold text and was aligned
    scores: Scores = field(default_factory=Scores)
    misses: Misses = field(default_factory=Misses)

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "evaluated": self.evaluated, "status": self.status,
                "note": self.note, "aligned": self.aligned, "scores": self.scores.to_json(),
                "misses": asdict(self.misses)}


@dataclass
class EvalReport:
    gold: str
    texts: str
    documents: list[DocumentEval] = field(default_factory=list)

    @property
    def corpus(self) -> Scores:
        """Micro-averaged over the documents that were evaluated (skipped ones are left out and
        listed; a document whose extraction failed counts, with nothing found)."""
        total = Scores()
        for doc in self.documents:
            if doc.status != "skipped":
                total.add(doc.scores)
        return total

    def nothing_evaluated(self) -> str | None:
        """Why no document could be scored (none found, none readable, every extraction failed), or None."""
        if any(d.status == "ok" for d in self.documents):
            return None
        if not self.documents:
            return "the gold file lists no documents"
        notes = [d.note for d in self.documents if d.note]
        first = notes[0] if notes else "no reason given"
        more = f"; and {len(self.documents) - 1} more" if len(self.documents) > 1 else ""
        return f"{self.documents[0].status}: {first}{more}"

    def to_json(self) -> dict[str, Any]:
        return {"gold": self.gold, "texts": self.texts,
                "evaluated": sum(d.status != "skipped" for d in self.documents),
                "skipped": [d.file for d in self.documents if d.status == "skipped"],
                "corpus": self.corpus.to_json(),
                "documents": [d.to_json() for d in self.documents]}


# --------------------------------------------------------------------------------------------
# Scoring


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def match_spans(gold: list[tuple[int, int]], predicted: list[tuple[int, int] | None]) -> dict[int, int]:
    """One-to-one matching of overlapping spans, greedy by largest overlap (ties: earlier
    spans first). Returns {gold index: predicted index}."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if p is None:
                continue
            ov = _overlap(g, p)
            if ov > 0:
                pairs.append((-ov, gi, pi))
    pairs.sort()
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in pairs:
        if gi not in matched and pi not in used:
            matched[gi] = pi
            used.add(pi)
    return matched


def _as_result(value: Any) -> ExtractionResult:
    if isinstance(value, ExtractionResult):
        return value
    if isinstance(value, dict):
        return ExtractionResult.from_json(value)
    raise TypeError(f"the extractor returned {type(value).__name__}, not an ExtractionResult")


def _ref_note(ref: dict[str, Any]) -> dict[str, Any]:
    return {"start": ref["start"], "end": ref["end"], "anchor": ref.get("anchor"), "kind": ref.get("kind")}


def score_document(gold_doc: dict[str, Any], gold_text: str, result: ExtractionResult,
                   doc: DocumentEval | None = None) -> DocumentEval:
    """Compare one extraction result with one gold document."""
    doc = doc or DocumentEval(file=gold_doc.get("file", "?"))
    scores, misses = doc.scores, doc.misses
    alignment = Alignment(result.text, gold_text)
    doc.aligned = not alignment.identity
    gold_refs = list(gold_doc.get("refs") or [])
    preds = list(result.references)
    pred_spans = [alignment.map_span(p.start, p.end) for p in preds]
    gold_spans = [(r["start"], r["end"]) for r in gold_refs]

    def detect(gold_idx: list[int], pred_idx: list[int], prf: PRF) -> dict[int, int]:
        local = match_spans([gold_spans[i] for i in gold_idx], [pred_spans[j] for j in pred_idx])
        matched = {gold_idx[g]: pred_idx[p] for g, p in local.items()}
        prf.tp += len(matched)
        prf.fn += len(gold_idx) - len(matched)
        prf.fp += len(pred_idx) - len(matched)
        return matched

    all_matched = detect(list(range(len(gold_refs))), list(range(len(preds))), scores.all_kinds)
    num_gold = [i for i, r in enumerate(gold_refs) if r.get("kind") in NUMBERED_KINDS]
    num_pred = [j for j, p in enumerate(preds) if p.kind in NUMBERED_KINDS]
    num_matched = detect(num_gold, num_pred, scores.numbered)

    for gi, ref in enumerate(gold_refs):
        if gi not in all_matched:
            misses.missed.append(_ref_note(ref))
    matched_preds = set(all_matched.values())
    for pi, pred in enumerate(preds):
        if pi not in matched_preds:
            mapped = pred_spans[pi]
            misses.false_positives.append({"start": pred.start, "end": pred.end, "text": pred.text,
                                           "kind": pred.kind, "gold_span": list(mapped) if mapped else None})
    for gi, pi in sorted(num_matched.items()):
        ref, pred = gold_refs[gi], preds[pi]
        scores.count_relation(ref.get("relation"), pred.relation)
        for name in REF_FIELDS:
            ok = field_matches(name, ref, pred)
            scores.fields[name].count(ok)
            if not ok:
                gold_value = ref.get(name) if name != "symbol" or ref.get("symbol") else ref.get("number")
                misses.wrong_fields.append({"field": name, "anchor": ref.get("anchor"), "start": ref["start"],
                                            "gold": gold_value, "predicted": predicted_field(name, pred, ref)})
    for gi, pi in sorted(all_matched.items()):
        ref, pred = gold_refs[gi], preds[pi]
        if ref.get("resolves_to"):
            ok = resolved_symbol(pred) == normalize_symbol(ref["resolves_to"])
            scores.resolution.count(ok)
            if not ok:
                misses.wrong_resolution.append({"anchor": ref.get("anchor"), "start": ref["start"],
                                                "gold": ref["resolves_to"],
                                                "predicted": pred.target if pred.target is not None else pred.symbol})

    own = gold_doc.get("self") or {}
    for name in META_FIELDS:
        if name not in own:
            continue  # a gold file may annotate only some fields
        predicted = getattr(result.document, name, None)
        ok = meta_matches(name, own[name], predicted)
        scores.metadata[name].count(ok)
        if not ok:
            misses.wrong_metadata.append({"field": name, "gold": own[name], "predicted": predicted})

    gold_chains = _chain_pairs((c.get("source"), c.get("target")) for c in gold_doc.get("chains") or [])
    pred_chains = _chain_pairs((c.source, c.target) for c in result.chains)
    scores.chains.tp += len(gold_chains.keys() & pred_chains.keys())
    scores.chains.fn += len(gold_chains.keys() - pred_chains.keys())
    scores.chains.fp += len(pred_chains.keys() - gold_chains.keys())
    for key in sorted(gold_chains.keys() - pred_chains.keys()):
        misses.missed_chains.append({"source": gold_chains[key][0], "target": gold_chains[key][1]})
    for key in sorted(pred_chains.keys() - gold_chains.keys()):
        misses.extra_chains.append({"source": pred_chains[key][0], "target": pred_chains[key][1]})
    return doc


def _chain_pairs(pairs: Iterable[tuple[Any, Any]]) -> dict[tuple[Any, Any], tuple[Any, Any]]:
    """{normalized pair: pair as written}; a set, so a chain stated twice counts once."""
    out: dict[tuple[Any, Any], tuple[Any, Any]] = {}
    for source, target in pairs:
        key = (normalize_symbol(source), normalize_symbol(target))
        out.setdefault(key, (source, target))
    return out


# --------------------------------------------------------------------------------------------
# Files


def load_gold(gold_path: str | Path) -> list[dict[str, Any]]:
    path = Path(gold_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldError(f"{path}: gold file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}: not JSON ({exc.msg}, line {exc.lineno})") from None
    docs = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(docs, list) or not all(isinstance(d, dict) and "file" in d for d in docs):
        raise GoldError(f"{path}: expected {{\"documents\": [{{\"file\": ...}}]}} (see corpus/gold/README.md)")
    return docs


def find_document(texts_dir: Path, file_name: str) -> tuple[Path | None, str | None]:
    """The file to evaluate for a gold `file`: the exact name first, else a supported file with
    the same stem anywhere under texts_dir (shallowest first). Returns (path, note)."""
    exact = texts_dir / file_name
    if exact.is_file():
        return exact, None
    stem = Path(file_name).stem
    extensions = set(SUPPORTED_EXTENSIONS)
    candidates = sorted((p for p in texts_dir.rglob(f"{stem}.*")
                         if p.is_file() and p.suffix.lower() in extensions and p.stem == stem),
                        key=lambda p: (len(p.relative_to(texts_dir).parts), str(p)))
    if candidates:
        note = None
        if len(candidates) > 1:
            note = f"{len(candidates)} files named {stem}.*; evaluated {candidates[0].relative_to(texts_dir)}"
        return candidates[0], note
    folders = [p for p in texts_dir.rglob(stem) if p.is_dir()]

    pages = [p for p in folders if page_images(p) is not None]
    if pages:  # a folder of page images (page-001.png, ...) is one document
        return pages[0], None
    if folders:
        return None, f"only a folder {folders[0].relative_to(texts_dir)}/ found, with no page images: skipped"
    return None, f"no file {file_name} or {stem}.* under {texts_dir}"


def _read_gold_text(path: Path) -> str:
    # The gold offsets index the file as it is: decode without newline translation.
    return path.read_bytes().decode("utf-8")


def _default_extract(path: str) -> ExtractionResult:

    return analyze_document(path)


def evaluate(gold_path: str | Path, texts_dir: str | Path | None = None, extract: Extractor | None = None,
             *, gold_texts_dir: str | Path | None = None) -> EvalReport:
    """Score the extractor on every document of a gold file.

    texts_dir: where the files to evaluate are (default: the gold folder's parent, `corpus/` for
    `corpus/gold/seeds.json`). gold_texts_dir: where the `.txt` files the gold offsets index are
    (default: the texts folder when it holds them, else the gold folder's parent). extract: path -> ExtractionResult (or its JSON dict); default
    `pipeline.document.analyze_document`. Raises GoldError for an unusable gold file; a document
    that cannot be found is skipped with a note, one whose extraction fails is scored as finding
    nothing, with the error as its note.
    """
    gold_path = Path(gold_path)
    gold_docs = load_gold(gold_path)
    default_dir = gold_path.resolve().parent.parent
    texts = Path(texts_dir) if texts_dir is not None else default_dir
    gold_texts = Path(gold_texts_dir) if gold_texts_dir is not None else default_dir
    if not texts.is_dir():
        raise GoldError(f"{texts}: texts folder not found")
    extract = extract or _default_extract
    report = EvalReport(gold=str(gold_path), texts=str(texts))
    for gold_doc in gold_docs:
        name = str(gold_doc["file"])
        doc = DocumentEval(file=name)
        report.documents.append(doc)
        gold_file = gold_texts / name
        if gold_texts_dir is None and texts_dir is not None and (texts / name).is_file():
            gold_file = texts / name  # `--texts DIR` alone: the folder holds the gold texts too
        try:
            gold_text = _read_gold_text(gold_file)
        except (OSError, UnicodeDecodeError) as exc:
            doc.status, doc.note = "skipped", f"{gold_file}: gold text unreadable ({type(exc).__name__})"
            continue
        path, note = find_document(texts, name)
        doc.note = note
        if path is None:
            doc.status = "skipped"
            continue
        doc.evaluated = str(path)
        try:
            result = _as_result(extract(str(path)))
        except Exception as exc:  # one bad document must not stop the evaluation
            doc.status = "error"
            doc.note = f"{path}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            result = ExtractionResult(document=_empty_info(name), text=gold_text)
        score_document(gold_doc, gold_text, result, doc)
    return report


def _empty_info(name: str):

    return DocumentInfo(id=Path(name).stem, source=name)


def predictions_extractor(predictions_dir: str | Path) -> Extractor:
    """An extractor that reads saved `directives extract --format json` outputs: for a document
    `<stem>.<ext>`, the file `<stem>.json` under predictions_dir."""
    folder = Path(predictions_dir)

    def extract(path: str) -> dict[str, Any]:
        stem = Path(path).stem
        candidate = folder / f"{stem}.json"
        if not candidate.is_file():
            raise FileNotFoundError(f"no prediction {candidate}")
        return json.loads(candidate.read_text(encoding="utf-8"))

    return extract


# --------------------------------------------------------------------------------------------
# Output


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _render(renderables: list[Any], width: int = 120) -> str:
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False,
                      highlight=False, soft_wrap=False)
    for item in renderables:
        console.print(item)
    return buffer.getvalue()


def relation_tables(scores: Scores) -> list[Any]:
    """The relation confusion table (rows: gold, columns: predicted) and precision/recall per relation."""
    from rich import box
    from rich.table import Table

    per = scores.relation_scores()
    if not per:
        return []
    names = list(per)
    confusion = Table(title="relations (rows: gold, columns: predicted)",
                      box=box.SIMPLE_HEAD)
    confusion.add_column("gold \\ predicted")
    for name in names:
        confusion.add_column(name, justify="right")
    for g in names:
        confusion.add_row(g, *[str(scores.relations.get((g, p), 0) or "·") for p in names])
    table = Table(title="per relation", box=box.SIMPLE_HEAD)
    for column in ("relation", "P", "R", "gold", "predicted", "correct"):
        table.add_column(column, justify="left" if column == "relation" else "right")
    for name, v in per.items():
        table.add_row(name, _fmt(v["precision"]), _fmt(v["recall"]), str(v["gold"]), str(v["predicted"]),
                      str(v["correct"]))
    return [confusion, table]


def format_report(report: EvalReport, misses: bool = True) -> str:
    """The figures (corpus, then per document) and, if asked, the misses, as plain text."""
    from functools import partial

    from rich import box
    from rich.table import Table as RichTable

    Table = partial(RichTable, box=box.SIMPLE_HEAD)
    corpus = report.corpus
    evaluated = [d for d in report.documents if d.status != "skipped"]
    summary = Table(title=f"{report.gold}: {len(evaluated)} of {len(report.documents)} documents "
                          f"(micro-averaged)")
    for column in ("measure", "P", "R", "F1", "tp", "fp", "fn"):
        summary.add_column(column, justify="left" if column == "measure" else "right")

    def prf_row(label: str, prf: PRF) -> None:
        summary.add_row(label, _fmt(prf.precision), _fmt(prf.recall), _fmt(prf.f1),
                        str(prf.tp), str(prf.fp), str(prf.fn))

    prf_row("references, numbered (full+partial)", corpus.numbered)
    prf_row("references, all kinds", corpus.all_kinds)
    prf_row("chains (source, target)", corpus.chains)

    accuracy = Table(title="accuracy (correct / total)")
    for column in ("measure", "accuracy", "correct", "total"):
        accuracy.add_column(column, justify="left" if column == "measure" else "right")
    for name, ratio in corpus.fields.items():
        accuracy.add_row(f"matched numbered refs: {name}", _fmt(ratio.accuracy), str(ratio.correct), str(ratio.total))
    accuracy.add_row("matched refs: resolution", _fmt(corpus.resolution.accuracy),
                     str(corpus.resolution.correct), str(corpus.resolution.total))
    for name, ratio in corpus.metadata.items():
        accuracy.add_row(f"own metadata: {name}", _fmt(ratio.accuracy), str(ratio.correct), str(ratio.total))

    per_doc = Table(title="per document")
    for column in ("file", "status", "num P", "num R", "num F1", "all F1", "fields", "resol.", "meta", "chains F1"):
        per_doc.add_column(column, justify="left" if column in ("file", "status") else "right",
                           no_wrap=column == "file")
    for doc in report.documents:
        s = doc.scores
        fields_total = Ratio()
        for r in s.fields.values():
            fields_total.add(r)
        meta_total = Ratio()
        for r in s.metadata.values():
            meta_total.add(r)
        status = doc.status + (" (aligned)" if doc.aligned else "")
        if doc.status == "skipped":
            per_doc.add_row(doc.file, status, *[""] * 8)
            continue
        per_doc.add_row(doc.file, status, _fmt(s.numbered.precision), _fmt(s.numbered.recall), _fmt(s.numbered.f1),
                        _fmt(s.all_kinds.f1), _fmt(fields_total.accuracy), _fmt(s.resolution.accuracy),
                        _fmt(meta_total.accuracy), _fmt(s.chains.f1))
    out = [_render([summary, accuracy, *relation_tables(corpus), per_doc])]
    notes = [f"  {d.file}: {d.note}" for d in report.documents if d.note]
    if notes:
        out.append("notes:\n" + "\n".join(notes) + "\n")
    if misses:
        out.append(format_misses(report))
    return "\n".join(out)


def format_misses(report: EvalReport) -> str:
    lines = ["misses:"]
    for doc in report.documents:
        m = doc.misses
        if doc.status == "skipped" or m.empty():
            continue
        lines.append(f"  {doc.file}")
        for r in m.missed:
            lines.append(f"    missed      [{r['start']}:{r['end']}] {r['anchor']!r} ({r['kind']})")
        for r in m.false_positives:
            lines.append(f"    false pos.  [{r['start']}:{r['end']}] {r['text']!r} ({r['kind']})")
        for r in m.wrong_fields:
            lines.append(f"    wrong {r['field']:<9} {r['anchor']!r}: gold {r['gold']!r}, predicted {r['predicted']!r}")
        for r in m.wrong_resolution:
            lines.append(f"    wrong target    {r['anchor']!r}: gold {r['gold']!r}, predicted {r['predicted']!r}")
        for r in m.wrong_metadata:
            lines.append(f"    own {r['field']:<11} gold {r['gold']!r}, predicted {r['predicted']!r}")
        for r in m.missed_chains:
            lines.append(f"    missed chain  {r['source']} -> {r['target']}")
        for r in m.extra_chains:
            lines.append(f"    extra chain   {r['source']} -> {r['target']}")
    if len(lines) == 1:
        lines.append("  none")
    return "\n".join(lines) + "\n"
