"""The corpus tables of a build folder: per-document results (docs/<id>.json) read back, resolved
across the corpus, and laid out as the documents, references and chains tables (Parquet)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np
import pandas as pd

from .atomic import atomic_write
from .copies import signature
from .model import ExtractionResult, FileOutcome, page_of
from .resolve import resolve_corpus


def load_results(out_dir: Path, ids: Iterable[str]) -> Iterator[ExtractionResult]:
    for doc_id in ids:
        with open(out_dir / "docs" / f"{doc_id}.json", encoding="utf-8") as f:
            yield ExtractionResult.from_json(json.load(f))


def load_light_results(out_dir: Path, ids: Iterable[str]) -> Iterator[ExtractionResult]:
    """Per-document results for the corpus pass, one file at a time, without their text and
    warnings (what the tables need of the text, the page of each chain, is computed here)."""
    for doc_id in ids:
        with open(out_dir / "docs" / f"{doc_id}.json", encoding="utf-8") as f:
            data = json.load(f)
        text = data.get("text") or ""
        data["text"] = ""
        data["warnings"] = []
        result = ExtractionResult.from_json(data)
        result.chain_pages = [page_of(text, c.start or 0) for c in result.chains]  # type: ignore[attr-defined]
        if not result.document.symbol:
            sig = data["signature"] if "signature" in data else signature(text)  # older results lack it
            result.signature = None if sig is None else np.asarray(sig, dtype=np.uint64)  # type: ignore[attr-defined]
        del text, data
        yield result


def corpus_tables(results: list[ExtractionResult], outcomes: list[FileOutcome]):
    """documents, references and chains DataFrames for the corpus, with graph node ids. `results`
    may be light (text emptied, see `load_light_results`)."""
    results = list(results)
    doc_nodes, ref_targets, chain_nodes, table = resolve_corpus(results)
    warned: dict[str, str] = {}
    for doc, code, msg in table.warnings:
        warned[doc] = "; ".join(x for x in (warned.get(doc), f"{code}: {msg}") if x)
    by_id = {r.document.id: r for r in results}
    doc_rows = []
    for o in outcomes:
        if o.status == "skipped":
            continue
        # A file holding several documents gives a row each (`<file id>#1`, ...).
        for did in o.document_ids or [None]:
            r = by_id.get(did) if did else None
            d = r.document if r else None
            doc_rows.append({
                "id": did, "source": o.path, "sha256": o.sha256, "type": d.type if d else None,
                "symbol": d.symbol if d else None, "number": d.number if d else None,
                "date": d.date if d else None, "place": d.place if d else None, "issuer": d.issuer if d else None,
                "issuer_body": d.issuer_body if d else None, "issuer_level": d.issuer_level if d else None,
                "jurisdiction": d.jurisdiction if d else None, "signer": d.signer if d else None,
                "title": d.title if d else None, "pages": d.pages if d else None,
                "ocr_pages": list(d.ocr_pages) if d else [],
                "status": o.status if r or o.status != "ok" else "failed",
                "error": o.reason, "node": doc_nodes.get(did) if did else None,
                "n_references": len(r.references) if r else 0,
                "copy_of": table.copies.get(did) if did else None,
                "warnings": warned.get(did) if did else None,
                "partial_symbol": d.partial_symbol if d else None, "partial_date": d.partial_date if d else None,
            })
    ref_rows, chain_rows = [], []
    for r in results:
        did = r.document.id
        for i, ref in enumerate(r.references):
            ref_rows.append({
                "document": did, "start": ref.start, "end": ref.end, "page": ref.page, "text": ref.text,
                "kind": ref.kind, "type": ref.type, "symbol": ref.symbol, "number": ref.number, "date": ref.date,
                "issuer": ref.issuer, "issuer_body": ref.issuer_body, "issuer_level": ref.issuer_level,
                "relation": ref.relation, "target": ref_targets.get((did, i)), "resolved_symbol": ref.target,
                "term": ref.term, "sentence": ref.sentence,
                "resolution": table.how.get((did, i), (None, None))[0],
                "known_from": table.how.get((did, i), (None, None))[1],
                "ocr_confidence": ref.ocr_confidence,
            })
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
    documents = pd.DataFrame(doc_rows, columns=DOC_COLUMNS)
    references = pd.DataFrame(ref_rows, columns=REF_COLUMNS)
    chains = pd.DataFrame(chain_rows, columns=CHAIN_COLUMNS)
    return documents, references, chains


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
