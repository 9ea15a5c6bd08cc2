"""A document's status: in force, amended by, replaced by, with the dates and the evidence.

The registry grows with the corpus: what replaced or amended a document comes from

* the `replaces` and `amends` edges the corpus states (a document's own `Quyết định này thay thế
  Quyết định số ...`, or a chain a third document states), each with the citing document and its
  sentence as evidence;
* the shipped lists: registry.csv's and laws.csv's `replaced_by`/`replaced_on` and laws.csv's
  `amends`, each with the sources the row gives.

`annotate_status(g)` writes onto every node of the graph:
    status           `replaced` | `amended` | `in force` | None
                     (`in force`: dated, and neither the corpus nor the lists state a replacement
                     or an amendment; None: nothing known, not even its date)
    replaced_by      the node that replaced it (the earliest, when several say so)
    replaced_on      from when: the list's date, else the replacing document's date in force (laws)
                     or date of issue
    amended_by       the nodes that amended it, oldest first
    status_evidence  one line per fact: `<fact>: <document id or list source>: <sentence>`
"""
from __future__ import annotations

from typing import Any, Iterable

from pipeline.keys import symbol_key
from pipeline.laws import Law, load_laws
from pipeline.patterns import PARTIAL_REPEAL_RE

STATUS_COLUMNS = ("status", "amended_by", "status_evidence")
_SENTENCE = 200  # characters of the evidence sentence kept


def _laws_by_key(laws: Iterable[Law]) -> dict[str, Law]:
    return {symbol_key(law.symbol): law for law in laws if law.symbol}


def annotate_status(g, laws: Iterable[Law] | None = None, registry: Any = None) -> None:
    """Set the status columns (module docstring) on every node of g, in place. registry: what
    build_graph filled the nodes' facts from (its rows' sources become the evidence)."""
    by_key = _laws_by_key(load_laws() if laws is None else laws)
    node_of_key: dict[str, str] = {}
    for node, a in g.nodes(data=True):
        sym = a.get("symbol")
        if sym:
            node_of_key.setdefault(symbol_key(sym), node)

    if registry is None:
        from pipeline.registry import load_registry

        registry = load_registry()
    for node, a in g.nodes(data=True):
        law = by_key.get(symbol_key(a.get("symbol") or "")) if a.get("symbol") else None
        if law is not None:  # a law the corpus only cites: laws.csv knows its name and date
            for key, value in (("type", law.type), ("title", law.name), ("date", law.date)):
                if not a.get(key) and value:
                    a[key] = value

    def node_for(symbol: str) -> str:
        return node_of_key.get(symbol_key(symbol), symbol)

    replaced: dict[str, list[tuple[str, str]]] = {}  # node -> [(replacing node, evidence)]
    amended: dict[str, list[tuple[str, str]]] = {}
    for u, v, a in g.edges(data=True):
        rel = a.get("relation")
        if rel not in ("replaces", "amends") or u == v:
            continue
        if not _plausible(g.nodes[u] if u in g else {}, g.nodes[v] if v in g else {}):
            continue
        sentence = " ".join(str(a.get("sentence") or "").split())
        if rel == "replaces" and PARTIAL_REPEAL_RE.search(sentence):
            rel = "amends"  # `Bãi bỏ khoản 4 Điều 18 của Luật ...`: a part repealed, the rest in force
        sentence = sentence[:_SENTENCE]
        where = a.get("document") or "?"
        stated = "a chain stated in" if a.get("kind") == "chain" else "stated in"
        evidence = f"{u} {rel} {v}: {stated} {where}: {sentence}"
        (replaced if rel == "replaces" else amended).setdefault(v, []).append((u, evidence))
    # laws.csv: an amending law's `amends` column names the laws it amends
    for law in by_key.values():
        for target in law.amends:
            node = node_for(target)
            if node in g:
                amended.setdefault(node, []).append(
                    (node_for(law.symbol), f"{law.symbol} amends {target}: laws.csv: {_sources(law)}"))

    def date_of(node: str) -> str | None:
        law = by_key.get(symbol_key(g.nodes[node].get("symbol") or node)) if node in g else by_key.get(symbol_key(node))
        if law is not None and law.effective:
            return law.effective
        return (g.nodes[node].get("date") if node in g else None) or None

    for node, a in g.nodes(data=True):
        evidence: list[str] = []
        law = by_key.get(symbol_key(a.get("symbol") or "")) if a.get("symbol") else None
        # what the registry says (build_graph copied it onto the node; a graph loaded back holds this
        # function's own earlier answer, so the registry is asked again)
        entry = registry_entry(registry, node, a.get("symbol"))
        by, on = _field(entry, "replaced_by"), _field(entry, "replaced_on")
        if by:
            sources = _field(entry, "sources") or []
            sources = "; ".join([sources] if isinstance(sources, str) else sources)[:300]
            evidence.append(f"replaced by {by}" + (f" from {on}" if on else "") + ": registry.csv"
                            + (f": {sources}" if sources else ""))
        if law is not None and law.replaced_by and (not by or symbol_key(by) == symbol_key(law.replaced_by)):
            by, on = law.replaced_by, on or law.replaced_on
            evidence.append(f"replaced by {by}" + (f" from {law.replaced_on}" if law.replaced_on else "")
                            + f": laws.csv: {_sources(law)}")
        stated = sorted(replaced.get(node, []), key=lambda x: (date_of(x[0]) or "9999", x[0]))
        if not by and stated:
            by = stated[0][0]
            on = date_of(by)
        evidence.extend(e for _, e in stated)
        amenders = sorted({u for u, _ in amended.get(node, []) if u != by},
                          key=lambda u: (date_of(u) or "9999", u))
        evidence.extend(dict.fromkeys(e for _, e in amended.get(node, [])))
        a["replaced_by"] = by or None
        a["replaced_on"] = on or None
        a["amended_by"] = amenders
        a["status_evidence"] = evidence
        a["status"] = ("replaced" if by else "amended" if amenders else
                       "in force" if a.get("date") or law is not None else None)


def registry_entry(registry: Any, node: str, symbol: str | None) -> Any:
    """The registry's entry for a node (by its id, then its symbol), as build_graph looks it up."""
    for key in (node, symbol):
        if key and hasattr(registry, "get"):
            try:
                entry = registry.get(key)
            except (KeyError, LookupError):
                entry = None
            if entry is not None:
                return entry
    return None


def _field(entry: Any, name: str) -> Any:
    """A field of a registry entry: a dataclass, a named tuple or a dict."""
    if entry is None:
        return None
    value = entry.get(name) if isinstance(entry, dict) else getattr(entry, name, None)
    return None if value is None or value != value or value == "" else value


# Rank of a State document's type (lower outranks): a document replaces or amends only one of its rank or below.
_RANK = {"Hiến pháp": 0, "Luật": 1, "Bộ luật": 1, "Pháp lệnh": 1, "Nghị định": 2, "Thông tư": 3, "Thông tư liên tịch": 3}


def _plausible(by: dict, old: dict) -> bool:
    """Whether `by` can have replaced or amended `old`: not older than it, and not of a lower rank
    (a list in a later document, `Quyết định công bố ... hết hiệu lực`, a consolidated text's notes: the
    extractor may label such a citation `replaces`; the status keeps to what the hierarchy allows)."""
    d_by, d_old = str(by.get("date") or "")[:10], str(old.get("date") or "")[:10]
    if d_by and d_old and d_by < d_old:
        return False
    y_by, y_old = by.get("year"), old.get("year")
    if not (d_by and d_old) and y_by and y_old and int(y_by) < int(y_old):
        return False
    r_by, r_old = _RANK.get(by.get("type") or ""), _RANK.get(old.get("type") or "")
    if r_old is not None and (r_by is None and by.get("type") or r_by is not None and r_by > r_old):
        return False
    return True


def _sources(law: Law) -> str:
    return "; ".join(law.sources)[:300]


STATUS_ROW = ["node", "symbol", "type", "date", "title", "status", "replaced_by", "replaced_on", "amended_by",
              "evidence"]


def status_row(a: dict[str, Any], node: str) -> dict[str, Any]:
    """The status of one node (a: its attributes) as `directives query status` shows it."""
    return {"node": node, "symbol": a.get("symbol"), "type": a.get("type"), "date": a.get("date"),
            "title": a.get("title"), "status": a.get("status"), "replaced_by": a.get("replaced_by"),
            "replaced_on": a.get("replaced_on"), "amended_by": " | ".join(a.get("amended_by") or []),
            "evidence": "\n".join(a.get("status_evidence") or [])}
