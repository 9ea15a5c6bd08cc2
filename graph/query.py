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

import pandas as pd

from pipeline.keys import fold, number_key as _number_key, roman_value, symbol_key, symbol_parts

from .index import GraphIndex
from .schema import IMPLEMENTATION_RELATIONS, LEVEL_RANK
from .status import STATUS_ROW, status_row

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


def _doc_row(g, node: str) -> dict[str, Any]:
    a = g.nodes[node]
    row = {c: a.get(c) for c in DOC_COLUMNS[1:]}
    row["node"] = node
    row["ingested"] = bool(a.get("ingested"))
    source = a.get("source")
    row["source"] = PurePath(str(source)).name if source else None
    return row


def find(cg: "CitationGraph", text: str, limit: int = 10) -> pd.DataFrame:
    """Documents a name may mean, best first: columns DOC_COLUMNS + score, match."""
    idx = cg.index
    g = cg.g
    hits: dict[str, tuple[float, str]] = {}

    def hit(node: str, score: float, how: str) -> None:
        if node not in hits or hits[node][0] < score:
            hits[node] = (score, how)

    raw = text.strip()
    if raw in g:
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
                score = _score(node, g.nodes[node], want, idx)
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
        row = _doc_row(g, node)
        row["score"] = score
        row["match"] = how
        row["cited"] = idx.in_degree.get(node, 0)
        rows.append(row)
    # Equal scores: the more cited document is the likelier meaning of a short name.
    rows.sort(key=lambda r: (-r["score"], -r["cited"], r["node"]))
    return pd.DataFrame(rows[:limit], columns=DOC_COLUMNS + ["score", "match", "cited"])


def resolve(cg: "CitationGraph", name: str) -> str:
    """The node a name means (the best `find` hit); LookupError when nothing matches."""
    if name in cg.g:
        return name
    found = find(cg, name, limit=3)
    if found.empty:
        raise LookupError(f"no document matches {name!r}")
    if found.iloc[0]["match"] == "fuzzy":
        # a guess is offered, never acted on: a query about the wrong document looks like an answer
        guesses = ", ".join(str(s or n) for s, n in zip(found["symbol"], found["node"]))
        raise LookupError(f"no document matches {name!r} (close: {guesses})")
    return str(found.iloc[0]["node"])


def _aggregate(g, pairs: dict[str, list[dict[str, Any]]], other_label: str) -> pd.DataFrame:
    rows = []
    for node, edges in pairs.items():
        edges = sorted(edges, key=lambda e: (RELATION_STRENGTH.get(e["relation"], 9), e.get("start") or 0))
        best = edges[0]
        row = _doc_row(g, node)
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
    pairs: dict[str, list] = defaultdict(list)
    for _, v, a in cg.g.out_edges(node, data=True):
        pairs[v].append(a)
    return _aggregate(cg.g, pairs, "target")


def cited_by(cg: "CitationGraph", doc: str, relation: str | None = None) -> pd.DataFrame:
    """The documents citing DOC (optionally only with one relation)."""
    node = resolve(cg, doc)
    pairs: dict[str, list] = defaultdict(list)
    for u, _, a in cg.g.in_edges(node, data=True):
        if relation is None or a.get("relation") == relation:
            pairs[u].append(a)
    return _aggregate(cg.g, pairs, "source")


def status(cg: "CitationGraph", doc: str) -> pd.DataFrame:
    """Whether DOC is in force, what amended it and what replaced it, from when, with the evidence
    (graph/status.py: the corpus's `replaces`/`amends` edges, registry.csv and laws.csv)."""
    node = resolve(cg, doc)
    return pd.DataFrame([status_row(cg.g, node)], columns=STATUS_ROW)


def _serves(a: dict[str, Any]) -> bool:
    """Whether an edge says its source carries out its target: the implementation edges both
    `implementers` (down) and `chain` (up) follow: citations that implement or apply, and chain edges
    (stated by a third document) other than mentions."""
    if a.get("kind") == "chain":
        return a.get("relation") != "mentions"
    return a.get("relation") in IMPLEMENTATION_RELATIONS


def _edge_rank(a: dict[str, Any]) -> int:
    if a.get("relation") == "implements" and a.get("kind") != "chain":
        return 0
    return 1 if a.get("kind") == "chain" else 2


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


def _edge_class(kind: Any, relation: Any) -> tuple[bool, int]:
    """Whether an edge of this kind and relation serves, and its rank (memoized per pair: _serves and
    _edge_rank read only an edge's kind and relation)."""
    key = (kind, relation)
    found = _EDGE_CLASSES.get(key)
    if found is None:
        a = {"kind": kind, "relation": relation}
        found = _EDGE_CLASSES[key] = (_serves(a), _edge_rank(a))
    return found


_EDGE_CLASSES: dict[tuple[Any, Any], tuple[bool, int]] = {}


def _walk(g, start: str, adjacency: dict, stop=None, max_depth: int | None = None):
    """Breadth first from start along serving edges of `adjacency` (g._pred: down to who carries a
    node out; g._succ: up to what it carries out), over networkx's own dicts (its edge views cost
    more than the walk). Per node reached: its depth, and the (node it came from, edge) — the edge
    of best rank, the first of them in edge order; nodes met at one step are queued in name order.
    stop(node) -> True: reached but not walked beyond."""
    depth = {start: 0}
    via: dict[str, tuple[str, dict]] = {}
    queue = deque([start])
    classes = _EDGE_CLASSES
    while queue:
        node = queue.popleft()
        if max_depth is not None and depth[node] >= max_depth:
            continue
        if stop is not None and node != start and stop(node):
            continue
        best: dict[str, tuple[int, dict]] = {}
        for other, keydict in adjacency[node].items():
            if other in depth:
                continue
            for a in keydict.values():
                cls = classes.get((a.get("kind"), a.get("relation"))) or _edge_class(a.get("kind"), a.get("relation"))
                if not cls[0]:
                    continue
                if other not in best or cls[1] < best[other][0]:
                    best[other] = (cls[1], a)
        if best:
            d = depth[node] + 1
            for other in sorted(best):
                depth[other] = d
                via[other] = (node, best[other][1])
                queue.append(other)
    return depth, via


def _file_name(source: Any) -> str | None:
    if not source:
        return None
    s = str(source)
    if "\\" in s or "/." in s or s.endswith("/") or os.sep != "/":
        return PurePath(s).name
    return s.rsplit("/", 1)[-1]


def _doc_columns(g, nodes: list[str]) -> dict[str, list]:
    """DOC_COLUMNS of these nodes, column by column (what _doc_row gives, row by row)."""
    attrs = [g._node[n] for n in nodes]
    columns = {c: [a.get(c) for a in attrs] for c in DOC_COLUMNS[1:]}
    columns["node"] = list(nodes)
    columns["ingested"] = [bool(v) for v in columns["ingested"]]
    columns["source"] = [_file_name(v) for v in columns["source"]]
    return columns


def implementers(cg: "CitationGraph", doc: str, max_depth: int | None = None) -> pd.DataFrame:
    """The implementation tree of DOC: who carries it out, and who carries those out, transitively.

    One row per document at its smallest depth (DOC itself at depth 0), with the parent it carries
    out, the edge (relation, kind, evidence) and lag_days = its date - the parent's date.
    """
    g = cg.g
    root = resolve(cg, doc)
    depth, via = _walk(g, root, g._pred, max_depth=max_depth)
    node_attrs = g._node
    # rows in their final order (depth, date with missing dates last, node), sorted here rather than by
    # pandas: the frame is then made once, in order
    nodes = sorted(depth, key=lambda n: (depth[n], node_attrs[n].get("date") is None,
                                         node_attrs[n].get("date") or "", n))
    columns = _doc_columns(g, nodes)
    root_date = node_attrs[root].get("date")
    no_edge: tuple[None, dict] = (None, {})
    parents, edges = [], []
    for n in nodes:
        parent, a = via.get(n, no_edge)
        parents.append(parent)
        edges.append(a)
    parent_dates = [node_attrs[p].get("date") if p else None for p in parents]
    dates = {d: _date(d) for d in set(columns["date"]) | set(parent_dates) | {root_date} if d and isinstance(d, str)}

    def lag(later, earlier):  # _days over the dates parsed once each
        a, b = dates.get(later) if later else None, dates.get(earlier) if earlier else None
        return float((a - b).days) if a and b else None

    columns.update({
        "depth": [depth[n] for n in nodes],
        "parent": parents,
        "parent_symbol": [node_attrs[p].get("symbol") if p else None for p in parents],
        "relation": [a.get("relation") for a in edges],
        "kind": [a.get("kind") for a in edges],
        "evidence": [a.get("document") for a in edges],
        "lag_days": [lag(d, pd_) if p else None for d, pd_, p in zip(columns["date"], parent_dates, parents)],
        "lag_from_root_days": [lag(d, root_date) if p else None for d, p in zip(columns["date"], parents)],
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
    g = cg.g
    start = resolve(cg, doc)
    depth, via = _walk(g, start, g._succ)  # the edges implementers follows, upward
    rows = []
    for node, d in depth.items():
        row = _doc_row(g, node)
        child, a = via.get(node, (None, {}))
        row.update({"depth": d, "child": child,
                    "child_symbol": g.nodes[child].get("symbol") if child else None,
                    "relation": a.get("relation"), "kind": a.get("kind"), "evidence": a.get("document"),
                    "lag_days": _days(g.nodes[child].get("date"), row["date"]) if child else None})
        rows.append(row)
    columns = DOC_COLUMNS + ["depth", "child", "child_symbol", "relation", "kind", "evidence", "lag_days"]
    df = pd.DataFrame(rows, columns=columns)
    return df.sort_values(["depth", "node"]).reset_index(drop=True)


def issuers(cg: "CitationGraph") -> pd.DataFrame:
    """Issuing bodies, central > province > district > unit, with how many documents each has."""
    g = cg.g
    stats: dict[tuple, dict[str, Any]] = {}
    in_degree = dict(g.in_degree())
    for node, a in g.nodes(data=True):
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
        s["citations_received"] += in_degree.get(node, 0)
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
    g = cg.g
    node = resolve(cg, doc)
    date = g.nodes[node].get("date")
    own = pd.DataFrame([{**_doc_row(g, node), "role": "document", "relation": None, "depth": 0}])
    cited = cites(cg, node)[DOC_COLUMNS + ["relation"]].assign(role="cited", depth=1)
    tree = implementers(cg, node)
    tree = tree[tree["depth"] > 0][DOC_COLUMNS + ["relation", "depth"]].assign(role="implementer")
    parts = [p for p in (own, cited, tree) if len(p)]
    df = pd.concat(parts, ignore_index=True)[DOC_COLUMNS + ["role", "relation", "depth"]]
    df["days_from_doc"] = [_days(d, date) for d in df["date"]]
    df = df.sort_values(["date", "depth", "node"], na_position="last").reset_index(drop=True)
    df["depth"] = df["depth"].astype(int)
    return df[["date", "days_from_doc", "role", "relation", "depth"] + DOC_COLUMNS]
