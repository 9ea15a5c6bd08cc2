"""Look-up tables over the graph's nodes, built once per graph: what `graph.query` and
`pipeline.check` both look documents up in."""
from __future__ import annotations

from collections import defaultdict
from pathlib import PurePath

from pipeline.keys import fold, symbol_key, symbol_key_parts as _parts_normalized, symbol_of

from .tables import GraphTables


class GraphIndex:
    """Look-up tables over the graph's nodes, built once per graph (from its GraphTables)."""

    def __init__(self, tables: GraphTables):
        self.by_key: dict[str, set[str]] = defaultdict(set)  # folded node id / symbol / form / file name
        self.by_number: dict[str, set[str]] = defaultdict(set)
        self.abbr: dict[str, str | None] = {}
        self.types: set[str] = set()
        self.issuers: set[str] = set()
        self.abbrs: set[str] = set()
        self.forms: dict[str, set[str]] = defaultdict(set)  # folded form -> nodes, for fuzzy matching
        for node, a in tables.attrs.items():
            self.by_key[fold(node)].add(node)
            symbol = a.get("symbol")
            if symbol:
                key = symbol_key(symbol)
                self.by_key[key].add(node)
                number, abbr = _parts_normalized(key)
                if number:
                    self.by_number[number].add(node)
                self.abbr[node] = abbr
                if abbr:
                    self.abbrs.add(abbr)
            for form in a.get("forms") or []:
                if not form:
                    continue
                folded = fold(form)
                self.forms[folded].add(node)
                if folded[:1].isdigit() or folded.startswith(("số", "so ")):
                    self.by_key[symbol_key(form)].add(node)
            for value in (a.get("source"), a.get("document"), *(a.get("copies") or [])):
                if value:
                    value = str(value)
                    p = PurePath(value)
                    for key in {value, p.name, p.stem}:
                        self.by_key[fold(key)].add(node)
            if a.get("type"):
                self.types.add(fold(a["type"]))
            if a.get("issuer"):
                self.issuers.add(fold(a["issuer"]))
            if a.get("title"):
                self.forms[fold(a["title"])].add(node)
        self.in_degree = dict(zip(tables.nodes, tables.in_degree().tolist()))
        # symbol key -> nodes of that symbol (one per year and place), and who replaced whom
        self.by_symbol: dict[str, list[str]] = defaultdict(list)
        for node in tables.nodes:
            symbol = symbol_of(node)
            if symbol:
                self.by_symbol[symbol_key(symbol)].append(node)
        self.replacements: dict[str, list[str]] = defaultdict(list)  # replaced node -> replacing nodes
        if "replaces" in tables.relation_vocab:
            replaces = tables.relation_codes == tables.relation_vocab.index("replaces")
            nodes = tables.nodes
            for u, v in zip(tables.src[replaces].tolist(), tables.dst[replaces].tolist()):
                if u != v:
                    self.replacements[nodes[v]].append(nodes[u])
