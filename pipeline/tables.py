"""The corpus tables of a build folder: per-document results (docs/<id>.json) read back, resolved
across the corpus, and laid out as the documents, references and chains tables (Parquet)."""
from __future__ import annotations

import json
import os
from operator import attrgetter
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np
import orjson
import pandas as pd

from .atomic import atomic_write
from .copies import signature
from .model import ExtractionResult, FileOutcome, page_of
from .resolve import resolve_corpus


def load_results(out_dir: Path, ids: Iterable[str]) -> Iterator[ExtractionResult]:
    for doc_id in ids:
        with open(out_dir / "docs" / f"{doc_id}.json", encoding="utf-8") as f:
            yield ExtractionResult.from_json(json.load(f))


def _read_json(path: Path | str) -> dict:
    """A result file decoded by orjson (5x json's pace on these texts); json for what orjson refuses."""
    with open(path, "rb") as f:
        return _decode(f.read())


def _decode(raw: bytes) -> dict:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:  # e.g. an integer beyond 64 bits, which json reads
        return json.loads(raw.decode("utf-8"))


def load_light_results(out_dir: Path, ids: Iterable[str]) -> Iterator[ExtractionResult]:
    """Per-document results for the corpus pass, one file at a time, without their text and
    warnings (what the tables need of the text, the page of each chain, is computed here)."""
    folder = os.path.join(out_dir, "docs", "")  # a string: a Path per file was a tenth of the reading
    for doc_id in ids:
        yield _light_result(f"{folder}{doc_id}.json")


def load_light_result(out_dir: Path, doc_id: str) -> ExtractionResult:
    """One document's result as `load_light_results` gives it."""
    return _light_result(os.path.join(out_dir, "docs", f"{doc_id}.json"))


def light_result_of(raw: bytes) -> ExtractionResult:
    """The light result of a docs/<id>.json's bytes, as `load_light_result` reads it from the file: what
    a pool process that has just written the file hands back, so the corpus pass need not read it."""
    return _light(_decode(raw))


def share_strings(results: Iterable[ExtractionResult]) -> None:
    """Equal strings of the results' references made one object, in place: a sentence citing three
    documents, an issuer or a type word cited again and again, decoded from JSON each on its own. What a
    pool process hands back is then pickled once per distinct string (a quarter less for the ingest's one
    process to unpickle on the synthetic corpus, half as many bytes on the real one)."""
    memo: dict[str, str] = {}
    same = memo.setdefault
    for result in results:
        for ref in result.references:
            attrs = ref.__dict__
            for name, value in attrs.items():
                if type(value) is str:
                    attrs[name] = same(value, value)  # a value replaced, no key added: safe while iterating


def _light_result(path: str) -> ExtractionResult:
    return _light(_read_json(path))


def _light(data: dict) -> ExtractionResult:
    text = data.get("text") or ""
    data["text"] = ""
    data["warnings"] = []
    result = ExtractionResult.from_json(data)
    result.chain_pages = [page_of(text, c.start or 0) for c in result.chains]  # type: ignore[attr-defined]
    sig = data.get("signature")
    if "signature" not in data and not result.document.symbol:
        sig = signature(text)  # older results lack it
    result.signature = None if sig is None else np.asarray(sig, dtype=np.uint64)  # type: ignore[attr-defined]
    return result


def corpus_tables(results: list[ExtractionResult], outcomes: list[FileOutcome]):
    """documents, references and chains DataFrames for the corpus, with graph node ids. `results`
    may be light (text emptied, see `load_light_results`)."""
    results = list(results)
    doc_nodes, ref_targets, chain_nodes, table = resolve_corpus(results)
    warned: dict[str, str] = {}
    for doc, code, msg in table.warnings:
        warned[doc] = "; ".join(x for x in (warned.get(doc), f"{code}: {msg}") if x)
    by_id = {r.document.id: r for r in results}
    # Column by column: a dict per row, then a frame of the dicts, cost more than the resolution.
    docs: dict[str, list] = {c: [] for c in DOC_COLUMNS}
    for o in outcomes:
        if o.status == "skipped":
            continue
        # A file holding several documents gives a row each (`<file id>#1`, ...).
        for did in o.document_ids or [None]:
            r = by_id.get(did) if did else None
            d = r.document if r else None
            docs["id"].append(did)
            docs["source"].append(o.path)
            docs["sha256"].append(o.sha256)
            for c in _DOC_FIELDS:
                docs[c].append(getattr(d, c) if d else None)
            docs["ocr_pages"].append(list(d.ocr_pages) if d else [])
            docs["status"].append(o.status if r or o.status != "ok" else "failed")
            docs["error"].append(o.reason)
            docs["node"].append(doc_nodes.get(did) if did else None)
            docs["n_references"].append(len(r.references) if r else 0)
            docs["copy_of"].append(table.copies.get(did) if did else None)
            docs["warnings"].append(warned.get(did) if did else None)
    refs: dict[str, list] = {c: [] for c in REF_COLUMNS}
    ref_values = [refs[c] for c in _REF_FIELDS]
    documents_, targets, resolved, resolutions, known = (refs["document"], refs["target"], refs["resolved_symbol"],
                                                         refs["resolution"], refs["known_from"])
    how = table.how
    # A document's references a row each in C (attrgetter), turned into columns (zip): a getattr and an
    # append per field and reference were a quarter of this function at 10,000 documents.
    fields_of = attrgetter(*_REF_FIELDS, "target")
    none = (None, None)
    chain_rows = []
    for r in results:
        did = r.document.id
        if r.references:
            columns = list(zip(*map(fields_of, r.references)))
            for values, column in zip(ref_values, columns):
                values.extend(column)
            resolved.extend(columns[-1])
            keys = [(did, i) for i in range(len(r.references))]
            documents_.extend([did] * len(keys))
            targets.extend(map(ref_targets.get, keys))
            for resolution, known_from in (how.get(k, none) for k in keys):
                resolutions.append(resolution)
                known.append(known_from)
        pages = getattr(r, "chain_pages", None)
        for j, c in enumerate(r.chains):
            nodes = chain_nodes.get((did, j))
            if not nodes:
                continue
            sentence = ""
            for ref in r.references:
                if c.start is not None and ref.start <= (c.start or 0) < ref.end + 1:
                    sentence = ref.sentence
                    break
            page = pages[j] if pages is not None else page_of(r.text, c.start or 0)
            chain_rows.append({"document": did, "source": nodes[0], "target": nodes[1], "relation": c.relation,
                               "start": c.start, "end": c.end, "sentence": sentence, "page": page})
    documents = _frame(docs, DOC_COLUMNS)
    references = _frame(refs, REF_COLUMNS)
    chains = pd.DataFrame(chain_rows, columns=CHAIN_COLUMNS)
    return documents, references, chains


def _frame(columns: dict[str, list], names: list[str]) -> pd.DataFrame:
    """The frame pd.DataFrame(rows, columns=names) gives for these rows (each column's type is
    inferred alone either way), from their columns."""
    if not columns[names[0]]:
        return pd.DataFrame([], columns=names)
    return pd.DataFrame({c: _text_column(columns[c]) for c in names}, columns=names)


def _text_column(values: list):
    """A column of text (strings and None, at least one string) as the `str` array pandas infers for
    it, made by Arrow in one call: pandas checks each value in Python first (2-3x the time, a tenth of
    the corpus tables). Any other column as it is, for pandas to infer."""
    types = set(map(type, values))
    if str not in types or not types <= {str, type(None)}:
        return values
    import pyarrow as pa

    try:
        return pd.array(pa.array(values, type=pa.large_string()), dtype=_TEXT)
    except (pa.ArrowException, UnicodeError):  # e.g. a lone surrogate: pandas says what is wrong
        return values


_TEXT = pd.Series(["text"]).dtype  # what pandas infers for a column of strings (pyarrow-backed `str`)


_DOC_FIELDS = ["type", "symbol", "number", "date", "place", "issuer", "issuer_body", "issuer_level", "jurisdiction",
               "signer", "title", "pages", "partial_symbol", "partial_date"]
_REF_FIELDS = ["start", "end", "page", "text", "kind", "type", "symbol", "number", "date", "issuer", "issuer_body",
               "issuer_level", "relation", "term", "sentence", "ocr_confidence"]


DOC_COLUMNS = ["id", "source", "sha256", "type", "symbol", "number", "date", "place", "issuer", "issuer_body",
               "issuer_level", "jurisdiction", "signer", "title", "pages", "ocr_pages", "status", "error", "node",
               "n_references", "copy_of", "warnings", "partial_symbol", "partial_date"]
REF_COLUMNS = ["document", "start", "end", "page", "text", "kind", "type", "symbol", "number", "date", "issuer",
               "issuer_body", "issuer_level", "relation", "target", "resolved_symbol", "term", "sentence",
               "resolution", "known_from", "ocr_confidence"]
CHAIN_COLUMNS = ["document", "source", "target", "relation", "start", "end", "sentence", "page"]


def write_parquet(df, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(df, preserve_index=False)
    atomic_write(path, lambda tmp: pq.write_table(table, tmp))
