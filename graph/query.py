"""Questions analysts ask of the citation graph; each answer is a pandas DataFrame.

A document can be named by its node id, its symbol in any spacing or case (`25 –NQ/TW`), any written
form seen in the texts or the registry (`Nghị quyết Trung ương 7 khóa XI`), its file name, or free
text (`Quyết định số 290 của Bộ Chính trị`, `NQ 25 khóa XI`): see `find` and `resolve`.
"""
from __future__ import annotations

import datetime
import difflib
import functools
import os
import re
from collections import defaultdict, deque
from pathlib import PurePath
from typing import Any, TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa

from pipeline.keys import fold, number_key as _number_key, roman_value, symbol_key, symbol_parts

from .index import GraphIndex
from .schema import IMPLEMENTATION_RELATIONS, LEVEL_RANK
from .status import STATUS_ROW, status_row
from .tables import edge_rank, pylist, serves

if TYPE_CHECKING:
    from .citation_graph import CitationGraph

# When one document cites another several times, the row names the strongest relation.
RELATION_STRENGTH = {r: i for i, r in enumerate(("implements", "basis", "amends", "replaces", "applies", "mentions"))}
DOC_COLUMNS = ["node", "symbol", "type", "date", "issuer", "level", "place", "ingested", "source"]

_NUMBER_TOKEN = re.compile(r"(?<![\w/-])(\d{1,5}[A-Za-z]?)(?![\w])(?!\s*[-/–]\s*\w)")
_SYMBOL_TOKEN = re.compile(r"\d+[A-Za-z]?\s*[-/–]\s*[^\s,;:()]+(?:\s*[-/]\s*[^\s,;:()]+)*")
_TERM = re.compile(r"kh(?:óa|oá|oa)\s+([IVXLC]+|\d+)\b", re.IGNORECASE)


def _term_key(term: str | None) -> int | None:
    if not term:
        return None
    m = _TERM.search(term)
    return roman_value(m.group(1)) if m else roman_value(term.strip())


def _parse_free_text(text: str, idx: GraphIndex) -> list[dict[str, Any]]:
    """What a free-text name says: type, number, issuer, term (with the core extractor when present)."""
    q = fold(text)
    own: dict[str, Any] = {"symbol": None, "type": None, "abbr": None, "number": None, "issuer": None, "term": None}
    types = sorted((t for t in idx.types if t in q), key=len, reverse=True)
    own["type"] = types[0] if types else None
    tokens = set(re.findall(r"[\wđ]+", q))
    abbrs = [a for a in idx.abbrs if a in tokens]
    own["abbr"] = abbrs[0] if abbrs else None
    issuers = sorted((i for i in idx.issuers if i in q), key=len, reverse=True)
    own["issuer"] = issuers[0] if issuers else None
    m = _TERM.search(q)
    own["term"] = roman_value(m.group(1)) if m else None
    numbers = _NUMBER_TOKEN.findall(q)
    parsed = []
    try:  # the core extractor reads free text best; the graph's own vocabularies fill in without it
        from pipeline.extract import get_references  # noqa: PLC0415
    except ImportError:
        get_references = None
    if get_references is not None:
        try:
            refs = get_references(text)
        except Exception:  # a name the extractor cannot read still gets the vocabulary match
            refs = []
        for ref in refs:
            parsed.append({
                "symbol": ref.symbol,
                "type": fold(ref.type) if ref.type else own["type"],
                "abbr": symbol_parts(ref.symbol)[1] if ref.symbol else own["abbr"],
                "number": _number_key(ref.number) or (symbol_parts(ref.symbol)[0] if ref.symbol else None),
                "issuer": fold(ref.issuer_body or ref.issuer) if (ref.issuer_body or ref.issuer) else own["issuer"],
                "term": _term_key(ref.term) or own["term"],
            })
    if not parsed:
        for number in numbers or [None]:
            parsed.append({**own, "number": _number_key(number)})
    return parsed


def _score(node: str, a: dict[str, Any], want: dict[str, Any], idx: GraphIndex) -> float:
    score = 0.5
    if want["type"]:
        node_type = fold(a["type"]) if a.get("type") else None
        if node_type == want["type"] or (node_type and node_type.startswith(want["type"])):
            score += 0.2
        elif node_type:
            score -= 0.2
    if want["abbr"]:
        score += 0.2 if idx.abbr.get(node) == want["abbr"] else -0.2
    if want["issuer"]:
        issuer = fold(a["issuer"]) if a.get("issuer") else None
        if issuer and (want["issuer"] in issuer or issuer in want["issuer"]):
            score += 0.15
        elif issuer:
            score -= 0.15
    if want["term"]:
        term = _term_key(a.get("term"))
        if term is not None:
            score += 0.1 if term == want["term"] else -0.3
    return score


def _doc_row(nodes, node: str) -> dict[str, Any]:
    """DOC_COLUMNS of a node; nodes: node -> attribute dict (cg.nodes, or a networkx graph's g.nodes)."""
    a = nodes[node]
    row = {c: a.get(c) for c in DOC_COLUMNS[1:]}
    row["node"] = node
    row["ingested"] = bool(a.get("ingested"))
    source = a.get("source")
    row["source"] = PurePath(str(source)).name if source else None
    return row


def find(cg: "CitationGraph", text: str, limit: int = 10) -> pd.DataFrame:
    """Documents a name may mean, best first: columns DOC_COLUMNS + score, match."""
    idx = cg.index
    attrs = cg.nodes
    hits: dict[str, tuple[float, str]] = {}

    def hit(node: str, score: float, how: str) -> None:
        if node not in hits or hits[node][0] < score:
            hits[node] = (score, how)

    raw = text.strip()
    if raw in attrs:
        hit(raw, 1.0, "node id")
    for key, how in ((fold(raw), "name"), (symbol_key(raw), "symbol")):
        for node in idx.by_key.get(key, ()):
            hit(node, 0.98 if how == "symbol" else 1.0, how)
    for node in idx.forms.get(fold(raw), ()):  # a written form seen in the texts or the registry
        hit(node, 0.97, "written form")
    if not hits:
        for token in _SYMBOL_TOKEN.findall(raw):
            for node in idx.by_key.get(symbol_key(token), ()):
                hit(node, 0.95, "symbol in text")
    if not hits:
        for want in _parse_free_text(raw, idx):
            if want.get("symbol"):
                for node in idx.by_key.get(symbol_key(want["symbol"]), ()):
                    hit(node, 0.95, "symbol in text")
                continue
            if not want["number"]:
                continue
            for node in idx.by_number.get(want["number"], ()):
                score = _score(node, attrs[node], want, idx)
                if score > 0.3:
                    hit(node, round(score, 3), "type+number")
    # A symbol that is not in the graph is not "close" to a neighbour's (25-NQ/TW is not 02-NQ/TW):
    # only names in words fall back to matching inside and around the written forms.
    if not hits and not _SYMBOL_TOKEN.fullmatch(raw):
        q = fold(raw)
        for form, nodes in idx.forms.items():
            if q in form and len(q) >= 4:
                for node in nodes:
                    hit(node, round(0.3 + 0.3 * len(q) / len(form), 3), "in form")
        if not hits:
            for form in difflib.get_close_matches(q, list(idx.forms), n=limit, cutoff=0.6):
                ratio = difflib.SequenceMatcher(None, q, form).ratio()
                for node in idx.forms[form]:
                    hit(node, round(0.5 * ratio, 3), "fuzzy")
    rows = []
    for node, (score, how) in hits.items():
        row = _doc_row(attrs, node)
        row["score"] = score
        row["match"] = how
        row["cited"] = idx.in_degree.get(node, 0)
        rows.append(row)
    # Equal scores: the more cited document is the likelier meaning of a short name.
    rows.sort(key=lambda r: (-r["score"], -r["cited"], r["node"]))
    return pd.DataFrame(rows[:limit], columns=DOC_COLUMNS + ["score", "match", "cited"])


def resolve(cg: "CitationGraph", name: str) -> str:
    """The node a name means (the best `find` hit); LookupError when nothing matches."""
    if name in cg.nodes:
        return name
    found = find(cg, name, limit=3)
    if found.empty:
        raise LookupError(f"no document matches {name!r}")
    if found.iloc[0]["match"] == "fuzzy":
        # a guess is offered, never acted on: a query about the wrong document looks like an answer
        guesses = ", ".join(str(s or n) for s, n in zip(found["symbol"], found["node"]))
        raise LookupError(f"no document matches {name!r} (close: {guesses})")
    return str(found.iloc[0]["node"])


def _aggregate(nodes, pairs: dict[str, list[dict[str, Any]]], other_label: str) -> pd.DataFrame:
    rows = []
    for node, edges in pairs.items():
        edges = sorted(edges, key=lambda e: (RELATION_STRENGTH.get(e["relation"], 9), e.get("start") or 0))
        best = edges[0]
        row = _doc_row(nodes, node)
        row.update({
            "relation": best["relation"],
            "relations": ", ".join(dict.fromkeys(e["relation"] for e in edges)),
            "kind": ", ".join(dict.fromkeys(e["kind"] for e in edges)),
            "citations": len(edges),
            "evidence": best.get("document"),
            "page": best.get("page"),
            "sentence": best.get("sentence"),
        })
        rows.append(row)
    columns = DOC_COLUMNS + ["relation", "relations", "kind", "citations", "evidence", "page", "sentence"]
    df = pd.DataFrame(rows, columns=columns)
    if not df.empty:
        df["_strength"] = df["relation"].map(RELATION_STRENGTH)
        df = df.sort_values(["_strength", "date", "node"], na_position="last").drop(columns="_strength")
        df = df.reset_index(drop=True)
    df["page"] = df["page"].astype("Int64")
    return df


def cites(cg: "CitationGraph", doc: str) -> pd.DataFrame:
    """What DOC cites (its own citations, and chain edges other documents state about it)."""
    node = resolve(cg, doc)
    t = cg.tables
    ids = t.out_edges(t.index[node])
    return _aggregate(cg.nodes, _pairs(t, ids, t.dst[ids]), "target")


def cited_by(cg: "CitationGraph", doc: str, relation: str | None = None) -> pd.DataFrame:
    """The documents citing DOC (optionally only with one relation)."""
    node = resolve(cg, doc)
    t = cg.tables
    ids = t.in_edges(t.index[node])
    if relation is not None:
        ids = ids[t.relation_codes[ids] == (t.relation_vocab.index(relation) if relation in t.relation_vocab else -1)]
    return _aggregate(cg.nodes, _pairs(t, ids, t.src[ids]), "source")


def _pairs(t, ids, others) -> dict[str, list[dict[str, Any]]]:
    """The edges ids (in edge order) grouped by the document at their other end."""
    pairs: dict[str, list] = defaultdict(list)
    names = t.nodes
    for other, a in zip(others.tolist(), t.edge_data(ids)):
        pairs[names[other]].append(a)
    return pairs


def status(cg: "CitationGraph", doc: str) -> pd.DataFrame:
    """Whether DOC is in force, what amended it and what replaced it, from when, with the evidence
    (graph/status.py: the corpus's `replaces`/`amends` edges, registry.csv and laws.csv)."""
    node = resolve(cg, doc)
    return pd.DataFrame([status_row(cg.nodes[node], node)], columns=STATUS_ROW)


def _serves(a: dict[str, Any]) -> bool:
    """Whether an edge says its source carries out its target (graph/tables.py: `serves`)."""
    return serves(a.get("kind"), a.get("relation"))


def _edge_rank(a: dict[str, Any]) -> int:
    return edge_rank(a.get("kind"), a.get("relation"))


@functools.lru_cache(maxsize=65536)
def _date(value: str):
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _days(later: Any, earlier: Any) -> float | None:
    """later - earlier in days; None when either date is unknown."""
    if not later or not earlier or not isinstance(later, str) or not isinstance(earlier, str):
        return None
    a, b = _date(later), _date(earlier)
    return float((a - b).days) if a and b else None


def _walk(cg: "CitationGraph", start: str, down: bool, max_depth: int | None = None, stop=None):
    """Breadth first from start along serving edges: down to who carries a node out, or up to what it
    carries out (GraphTables.walk, over the graph's arrays). Per node reached, in the order the walk
    meets them: its depth, and the (node it came from, edge) — the edge of best rank, the first of
    them in edge order; nodes met at one step are queued in name order. stop(node) -> True: reached
    but not walked beyond."""
    t = cg.tables
    names = t.nodes
    mask = None
    if stop is not None:
        def mask(ids):
            return np.fromiter((bool(stop(names[i])) for i in ids.tolist()), dtype=bool, count=len(ids))
    reached, depths, parents, edges = t.walk(t.index[start], down, max_depth=max_depth, stop=mask)
    reached_names = [names[i] for i in reached.tolist()]
    depth = dict(zip(reached_names, depths.tolist()))
    data = t.edge_data(edges[1:])
    via = {n: (names[p], a) for n, p, a in zip(reached_names[1:], parents[1:].tolist(), data)}
    return depth, via


def _file_name(source: Any) -> str | None:
    if not source:
        return None
    s = str(source)
    if "\\" in s or "/." in s or s.endswith("/") or os.sep != "/":
        return PurePath(s).name
    return s.rsplit("/", 1)[-1]


def _doc_columns(nodes: dict[str, dict], names: list[str]) -> dict[str, list]:
    """DOC_COLUMNS of these nodes, column by column (what _doc_row gives, row by row)."""
    attrs = [nodes[n] for n in names]
    columns = {c: [a.get(c) for a in attrs] for c in DOC_COLUMNS[1:]}
    columns["node"] = list(names)
    columns["ingested"] = [bool(v) for v in columns["ingested"]]
    columns["source"] = [_file_name(v) for v in columns["source"]]
    return columns


def _day(value: Any) -> float:
    """A date as a day number (NaN when unknown), what _days subtracts."""
    if not value or not isinstance(value, str):
        return float("nan")
    d = _date(value)
    return float(d.toordinal()) if d else float("nan")


def _optional(values: np.ndarray, known: np.ndarray) -> list:
    """values where known, None elsewhere, as Python objects."""
    out = values.astype(object)
    out[~known] = None
    return out.tolist()


def implementers(cg: "CitationGraph", doc: str, max_depth: int | None = None) -> pd.DataFrame:
    """The implementation tree of DOC: who carries it out, and who carries those out, transitively.

    One row per document at its smallest depth (DOC itself at depth 0), with the parent it carries
    out, the edge (relation, kind, evidence) and lag_days = its date - the parent's date.
    """
    t = cg.tables
    root = resolve(cg, doc)
    reached, depths, parents, edges = t.walk(t.index[root], down=True, max_depth=max_depth)
    # rows in their final order (depth, date with missing dates last, node), sorted here rather than by
    # pandas: the frame is then made once, in order; columns taken from the graph's node columns
    order = np.lexsort((t.name_rank()[reached], t.date_rank()[reached], depths))
    reached, depths, parents, edges = reached[order], depths[order], parents[order], edges[order]
    columns = {c: t.node_column(c)[reached].tolist() for c in DOC_COLUMNS[1:]
               if c not in ("ingested", "source")}
    columns["node"] = t.node_ids()[reached].tolist()
    columns["ingested"] = t.node_column("ingested", bool)[reached].tolist()
    columns["source"] = t.node_column("source", _file_name)[reached].tolist()
    has_parent = parents >= 0
    parent = np.where(has_parent, parents, 0)
    edge = np.where(has_parent, edges, 0)
    days = t.node_column("date", _day).astype(float)
    lag = days[reached] - days[parent]
    lag_from_root = days[reached] - days[t.index[root]]
    evidence = t._edge_columns.column("document").take(pa.array(edge, mask=~has_parent)) \
        if t._edge_data is None and "document" in t._edge_columns.column_names else None
    columns.update({
        "depth": depths.tolist(),
        "parent": _optional(t.node_ids()[parent], has_parent),
        "parent_symbol": _optional(t.node_column("symbol")[parent], has_parent),
        "relation": _optional(np.array(t.relation_vocab + [None], dtype=object)[t.relation_codes[edge]], has_parent),
        "kind": _optional(np.array(t.kind_vocab + [None], dtype=object)[t.kind_codes[edge]], has_parent),
        "evidence": pylist(evidence) if evidence is not None
        else _optional(np.fromiter(t.edge_column("document", edge), dtype=object, count=len(edge)), has_parent),
        "lag_days": _optional(lag, has_parent & ~np.isnan(lag)),
        "lag_from_root_days": _optional(lag_from_root, has_parent & ~np.isnan(lag_from_root)),
    })
    columns_order = DOC_COLUMNS + ["depth", "parent", "parent_symbol", "relation", "kind", "evidence", "lag_days",
                                   "lag_from_root_days"]
    df = pd.DataFrame(columns, columns=columns_order)
    df["depth"] = df["depth"].astype(int)
    return df


def chain(cg: "CitationGraph", doc: str) -> pd.DataFrame:
    """The way up from DOC to the central directives it serves.

    Follows upward, breadth first, the edges `implementers` follows downward (`_serves`: citations
    whose relation is implements or applies, and chain edges a third document states), to where
    nothing more is known: a central Kết luận that carries out a central Nghị quyết leads on to it,
    so `chain(X)` reaches every document whose `implementers` tree holds X. One row per document
    reached (DOC at depth 0) with the document below it (`child`) and the edge that led there.
    """
    nodes = cg.nodes
    start = resolve(cg, doc)
    depth, via = _walk(cg, start, down=False)  # the edges implementers follows, upward
    rows = []
    for node, d in depth.items():
        row = _doc_row(nodes, node)
        child, a = via.get(node, (None, {}))
        row.update({"depth": d, "child": child,
                    "child_symbol": nodes[child].get("symbol") if child else None,
                    "relation": a.get("relation"), "kind": a.get("kind"), "evidence": a.get("document"),
                    "lag_days": _days(nodes[child].get("date"), row["date"]) if child else None})
        rows.append(row)
    columns = DOC_COLUMNS + ["depth", "child", "child_symbol", "relation", "kind", "evidence", "lag_days"]
    df = pd.DataFrame(rows, columns=columns)
    return df.sort_values(["depth", "node"]).reset_index(drop=True)


def issuers(cg: "CitationGraph") -> pd.DataFrame:
    """Issuing bodies, central > province > district > unit, with how many documents each has."""
    t = cg.tables
    stats: dict[tuple, dict[str, Any]] = {}
    in_degree = t.in_degree().tolist()
    for (node, a), received in zip(t.attrs.items(), in_degree):
        level = a.get("level") or "unknown"
        issuer = a.get("issuer") or "unknown"
        place = None if level == "central" else a.get("place")
        key = (level, issuer, place)
        s = stats.get(key)
        if s is None:
            s = stats[key] = {"level": level, "issuer": issuer, "place": place, "documents": 0, "ingested": 0,
                              "citations_received": 0, "first_year": None, "last_year": None}
        s["documents"] += 1
        s["ingested"] += int(bool(a.get("ingested")))
        s["citations_received"] += received
        year = a.get("year")
        if year:
            s["first_year"] = year if s["first_year"] is None else min(s["first_year"], year)
            s["last_year"] = year if s["last_year"] is None else max(s["last_year"], year)
    df = pd.DataFrame(list(stats.values()),
                      columns=["level", "issuer", "place", "documents", "ingested", "citations_received",
                               "first_year", "last_year"])
    df["_rank"] = df["level"].map(lambda x: LEVEL_RANK.get(x, len(LEVEL_RANK)))
    df = df.sort_values(["_rank", "documents", "issuer"], ascending=[True, False, True], na_position="last")
    df = df.drop(columns="_rank").reset_index(drop=True)
    for c in ("first_year", "last_year"):
        df[c] = df[c].astype("Int64")
    return df


def timeline(cg: "CitationGraph", doc: str) -> pd.DataFrame:
    """DOC, its implementers and what it cites, by date (days_from_doc: date - DOC's date)."""
    nodes = cg.nodes
    node = resolve(cg, doc)
    date = nodes[node].get("date")
    own = pd.DataFrame([{**_doc_row(nodes, node), "role": "document", "relation": None, "depth": 0}])
    cited = cites(cg, node)[DOC_COLUMNS + ["relation"]].assign(role="cited", depth=1)
    tree = implementers(cg, node)
    tree = tree[tree["depth"] > 0][DOC_COLUMNS + ["relation", "depth"]].assign(role="implementer")
    parts = [p for p in (own, cited, tree) if len(p)]
    df = pd.concat(parts, ignore_index=True)[DOC_COLUMNS + ["role", "relation", "depth"]]
    df["days_from_doc"] = [_days(d, date) for d in df["date"]]
    df = df.sort_values(["date", "depth", "node"], na_position="last").reset_index(drop=True)
    df["depth"] = df["depth"].astype(int)
    return df[["date", "days_from_doc", "role", "relation", "depth"] + DOC_COLUMNS]
