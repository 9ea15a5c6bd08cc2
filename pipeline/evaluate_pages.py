"""Evaluation of scanned pages against page-level gold: what a page cites and its own number and date.

A careful transcription of a scan by eye cannot give character offsets into an OCR text that does not
exist yet, so this gold (corpus/gold/README.md, "Page-level gold") lists per page the distinct numbered
documents it cites and its own metadata, with the fields a reader cannot make out marked `illegible`:

    {"documents": [{"file": "vbhc_01.jpg",
                    "self": {"type": "Tờ trình", "symbol": "?/TTr-UBND", "date": null, "place": "Quảng Ngãi", ...},
                    "illegible": ["symbol", "date"],
                    "refs": [{"symbol": "08/2016/NĐ-CP", "number": "08", "type": "Nghị định", "kind": "full", ...}]}]}

`evaluate_pages(gold, folder)` OCRs each page (through the OCR cache) and scores, per page and overall:

- cited numbered documents: a gold entry with a symbol is found when a numbered reference of the page
  has the same normalized symbol (`evaluate.normalize_symbol`); one with only a number when a
  reference has that number (and the type, when both give one). Precision counts the page's distinct
  predicted numbered documents; one that matches a gold symbol with `?` for an illegible part
  (`?/QĐ-UBND`) is neither right nor wrong;
- own symbol and date, where the gold has them and does not list them as illegible: right, wrong (another
  value) or not read (none, perhaps with the printed part `?/QĐ-UBND`);
- where they are illegible: `kept` when the result gives no symbol (date) but its printed part
  (`partial_symbol`, `partial_date`), `wrong` when it gives a number (a date), else `lost`;
- own issuer, where the gold names one: right when one folded form contains the other, as the text
  evaluation compares issuers (`evaluate.issuer_matches`), wrong, or not read.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .errors import GoldError
from .evaluate import (Extractor, _as_result, _default_extract, _fmt, _render, find_document, issuer_matches, load_gold,
                       normalize_symbol)
from .keys import fold
from .model import ExtractionResult

NUMBERED_KINDS = ("full", "partial")


def is_page_gold(docs: list[dict[str, Any]]) -> bool:
    """Whether a gold file is page-level (no offsets on its references, or fields marked illegible)."""
    for doc in docs:
        if "illegible" in doc:
            return True
        for ref in doc.get("refs") or []:
            return "start" not in ref
    return False


def _gold_key(ref: dict[str, Any]) -> tuple[str, str] | None:
    symbol = ref.get("symbol")
    if symbol:
        return ("symbol", normalize_symbol(symbol) or "")
    if ref.get("number"):
        return ("number", str(ref["number"]).lstrip("0") or "0")
    return None


def _pred_keys(result: ExtractionResult) -> dict[tuple[str, str], dict[str, Any]]:
    """The page's distinct numbered documents: key -> what was predicted (for the listing)."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for r in result.references:
        if r.kind not in NUMBERED_KINDS:
            continue
        if r.symbol:
            key = ("symbol", normalize_symbol(r.symbol) or "")
        elif r.number:
            key = ("number", str(r.number).lstrip("0") or "0")
        else:
            continue
        out.setdefault(key, {"symbol": r.symbol, "number": r.number, "type": r.type, "text": r.text,
                             "ocr_confidence": r.ocr_confidence})
    # A bare number repeating a document the page cites with its symbol (`Nghị quyết số 29` after
    # `29-NQ/TW`) is that document again, as the gold folds repeats.
    full = {(_number_of(k), fold(v["type"] or "")) for k, v in out.items() if k[0] == "symbol"}
    for key in [k for k, v in out.items() if k[0] == "number"]:
        if (key[1], fold(out[key]["type"] or "")) in full or (key[1], "") in full:
            del out[key]
    return out


def _number_of(key: tuple[str, str]) -> str:
    """The number a key starts with (`209/qđ-ubnd` -> `209`)."""
    m = re.match(r"\d+", key[1])
    return (m.group(0).lstrip("0") or "0") if m else ""


def _illegible_pattern(symbol: str) -> re.Pattern[str] | None:
    """`?/QĐ-UBND` -> a pattern of the normalized symbols it allows."""
    key = normalize_symbol(symbol.replace("?", "0"))
    if key is None or "?" not in symbol:
        return None
    parts = [re.escape(p) for p in re.split(r"0+", key, maxsplit=1)]
    return re.compile(parts[0] + r"\d+" + (parts[1] if len(parts) > 1 else ""))


@dataclass
class PageEval:
    file: str
    status: str = "ok"  # ok | skipped | error
    note: str | None = None
    gold: int = 0  # cited numbered documents in the gold
    found: int = 0  # of them, found
    predicted: int = 0  # distinct numbered documents predicted (illegible ones aside)
    right: int = 0  # of them, in the gold
    symbol: str | None = None  # right | wrong | kept | lost | None (the gold has none to check)
    date: str | None = None
    issuer: str | None = None  # right | wrong | unread | None (the gold names none)
    missed: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    own: dict[str, Any] = field(default_factory=dict)  # gold and predicted own symbol, date and issuer


@dataclass
class PagesReport:
    gold: str
    texts: str
    pages: list[PageEval] = field(default_factory=list)

    def evaluated(self) -> list[PageEval]:
        return [p for p in self.pages if p.status != "skipped"]

    def totals(self) -> dict[str, Any]:
        pages = self.evaluated()
        gold = sum(p.gold for p in pages)
        found = sum(p.found for p in pages)
        predicted = sum(p.predicted for p in pages)
        right = sum(p.right for p in pages)
        out: dict[str, Any] = {
            "pages": len(pages), "gold": gold, "found": found, "predicted": predicted, "right": right,
            "recall": found / gold if gold else None, "precision": right / predicted if predicted else None,
        }
        for name in ("symbol", "date"):
            verdicts = [getattr(p, name) for p in pages]
            legible = [v for v in verdicts if v in ("right", "wrong", "unread")]
            illegible = [v for v in verdicts if v in ("kept", "wrong_illegible", "lost")]
            out[name] = {"right": legible.count("right"), "legible": len(legible), "wrong": legible.count("wrong"),
                         "kept": illegible.count("kept"), "illegible": len(illegible),
                         "wrong_number": illegible.count("wrong_illegible")}
        issuers = [p.issuer for p in pages if p.issuer is not None]
        out["issuer"] = {"right": issuers.count("right"), "named": len(issuers), "wrong": issuers.count("wrong")}
        return out

    def to_json(self) -> dict[str, Any]:
        return {"gold": self.gold, "texts": self.texts, "totals": self.totals(),
                "pages": [asdict(p) for p in self.pages]}

    def nothing_evaluated(self) -> str | None:
        if self.evaluated():
            return None
        notes = [p.note for p in self.pages if p.note]
        return notes[0] if notes else "the gold lists no page"


def score_page(gold_doc: dict[str, Any], result: ExtractionResult, page: PageEval) -> None:
    gold_refs = [r for r in gold_doc.get("refs") or [] if _gold_key(r) is not None]
    illegible_refs = [p for p in (_illegible_pattern(r["symbol"]) for r in gold_refs if r.get("symbol")) if p]
    legible = [r for r in gold_refs if "?" not in str(r.get("symbol") or "")]
    keys: dict[tuple[str, str], dict[str, Any]] = {}
    for r in legible:
        keys.setdefault(_gold_key(r), r)  # type: ignore[arg-type]
    predicted = _pred_keys(result)
    matched_pred: set[tuple[str, str]] = set()
    for key, ref in keys.items():
        hit = None
        if key in predicted:
            hit = key
        elif key[0] == "number":
            for pkey, pred in predicted.items():
                same_type = not ref.get("type") or not pred.get("type") or fold(ref["type"]) == fold(pred["type"])
                if _number_of(pkey) == key[1] and same_type and pkey not in matched_pred:
                    hit = pkey
                    break
        if hit is not None:
            matched_pred.add(hit)
            page.found += 1
        else:
            page.missed.append(ref.get("as_printed") or ref.get("symbol") or f"{ref.get('type')} {ref.get('number')}")
    page.gold = len(keys)
    for pkey, pred in predicted.items():
        if pkey in matched_pred:
            page.predicted += 1
            page.right += 1
            continue
        if any(p.fullmatch(pkey[1]) for p in illegible_refs):
            continue  # a reading of a number the gold cannot read either: neither right nor wrong
        page.predicted += 1
        conf = pred.get("ocr_confidence")
        page.false_positives.append(f"{pred.get('symbol') or pred.get('number')} ('{pred.get('text')}'"
                                    + (f", OCR confidence {conf}" if conf is not None else "") + ")")
    own = gold_doc.get("self") or {}
    illegible = set(gold_doc.get("illegible") or [])
    doc = result.document
    page.own = {"gold_symbol": own.get("symbol"), "symbol": doc.symbol, "partial_symbol": doc.partial_symbol,
                "gold_date": own.get("date"), "date": doc.date, "partial_date": doc.partial_date,
                "gold_issuer": own.get("issuer"), "issuer": doc.issuer}
    if "symbol" in illegible:
        page.symbol = ("wrong_illegible" if doc.symbol else "kept" if doc.partial_symbol else "lost")
    elif own.get("symbol") and "?" not in own["symbol"]:
        page.symbol = ("unread" if not doc.symbol else
                       "right" if normalize_symbol(own["symbol"]) == normalize_symbol(doc.symbol) else "wrong")
    if "date" in illegible:
        page.date = ("wrong_illegible" if doc.date else "kept" if doc.partial_date else "lost")
    elif own.get("date"):
        page.date = "unread" if not doc.date else "right" if own["date"] == doc.date else "wrong"
    if own.get("issuer") and "issuer" not in illegible:
        page.issuer = ("unread" if not doc.issuer else
                       "right" if issuer_matches(own["issuer"], doc.issuer) else "wrong")


def evaluate_pages(gold_path: str | Path, texts_dir: str | Path | None = None,
                   extract: Extractor | None = None) -> PagesReport:
    """Score the pages of a page-level gold file (see the module's doc). texts_dir: where the page
    images (or any files the readers take) are, found by name or stem; default: the gold folder's
    parent. extract: path -> ExtractionResult (or its JSON), default `analyze_document` (OCR cached)."""
    gold_path = Path(gold_path)
    docs = load_gold(gold_path)
    texts = Path(texts_dir) if texts_dir is not None else gold_path.resolve().parent.parent
    if not texts.is_dir():
        raise GoldError(f"{texts}: folder of pages not found")
    extract = extract or _default_extract
    report = PagesReport(gold=str(gold_path), texts=str(texts))
    for gold_doc in docs:
        page = PageEval(file=str(gold_doc["file"]))
        report.pages.append(page)
        path, note = find_document(texts, page.file)
        page.note = note
        if path is None:
            page.status = "skipped"
            continue
        try:
            result = _as_result(extract(str(path)))
        except Exception as exc:  # one bad page must not stop the evaluation
            page.status = "error"
            page.note = f"{path}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            from .model import DocumentInfo

            result = ExtractionResult(document=DocumentInfo(id=Path(page.file).stem, source=page.file), text="")
        score_page(gold_doc, result, page)
    return report


_MARK = {"right": "ok", "wrong": "WRONG", "unread": "not read", "kept": "? kept", "lost": "lost",
         "wrong_illegible": "WRONG (illegible)", None: "–"}


def format_pages_report(report: PagesReport, misses: bool = True) -> str:
    from rich.table import Table

    t = report.totals()
    head = Table(title=f"{report.gold}: {t['pages']} of {len(report.pages)} pages", title_justify="left")
    for name in ("measure", "value", "count"):
        head.add_column(name, justify="left" if name == "measure" else "right")
    head.add_row("cited numbered documents found (recall)", _fmt(t["recall"]), f"{t['found']}/{t['gold']}")
    head.add_row("of those reported, right (precision)", _fmt(t["precision"]), f"{t['right']}/{t['predicted']}")
    for name in ("symbol", "date"):
        s = t[name]
        head.add_row(f"own {name} right where legible (wrong)", _fmt(s["right"] / s["legible"] if s["legible"] else None),
                     f"{s['right']}/{s['legible']} ({s['wrong']})")
        head.add_row(f"own {name} illegible: ? kept (wrong number)",
                     _fmt(s["kept"] / s["illegible"] if s["illegible"] else None),
                     f"{s['kept']}/{s['illegible']} ({s['wrong_number']})")
    s = t["issuer"]
    head.add_row("own issuer right where named (wrong)", _fmt(s["right"] / s["named"] if s["named"] else None),
                 f"{s['right']}/{s['named']} ({s['wrong']})")
    table = Table(title="per page", title_justify="left")
    for name in ("page", "found", "right", "symbol", "date", "note"):
        table.add_column(name)
    for p in report.pages:
        table.add_row(p.file, f"{p.found}/{p.gold}", f"{p.right}/{p.predicted}", _MARK.get(p.symbol, p.symbol),
                      _MARK.get(p.date, p.date), p.note or ("" if p.status == "ok" else p.status))
    out = _render([head, table])
    if misses:
        lines = []
        for p in report.pages:
            wrong = []
            if p.missed:
                wrong.append("  missed: " + "; ".join(p.missed))
            if p.false_positives:
                wrong.append("  not in the gold: " + "; ".join(p.false_positives))
            for name in ("symbol", "date"):
                verdict = getattr(p, name)
                if verdict not in (None, "right", "kept"):
                    wrong.append(f"  own {name} {_MARK[verdict]}: gold {p.own.get('gold_' + name)!r}, predicted "
                                 f"{p.own.get(name)!r} (printed part {p.own.get('partial_' + name)!r})")
            if p.issuer in ("wrong", "unread"):
                wrong.append(f"  own issuer {_MARK[p.issuer]}: gold {p.own.get('gold_issuer')!r}, predicted "
                             f"{p.own.get('issuer')!r}")
            if wrong:
                lines.append(p.file)
                lines.extend(wrong)
        if lines:
            out += "\nwhat is wrong, page by page:\n" + "\n".join(lines) + "\n"
    return out
