"""The registry of well-known documents (pipeline/data/registry.csv): every fact with a source.

It settles what a citation leaves open: the year of `Chỉ thị số 18 của Thủ tướng Chính phủ`
(18/2000/CT-TTg), the document an old-style `79/CP` means, which resolution `Nghị quyết Hội nghị
lần thứ bảy Ban Chấp hành Trung ương khóa XI` is, and which documents were replaced.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .keys import fold, symbol_key
from .patterns import ORDINALS
from .reference import canonical_body, canonical_type, central_party_bodies, reference_dir


@dataclass
class RegistryEntry:
    key: str  # the symbol, or `registry:<row>` for documents known without one
    symbol: str | None
    type: str | None
    date: str | None
    issuer: str | None
    term: str | None
    title: str | None
    aliases: list[str] = field(default_factory=list)
    replaced_by: str | None = None
    replaced_on: str | None = None
    sources: list[str] = field(default_factory=list)
    number: str | None = None
    issuer_body: str | None = None
    plenum: str | None = None  # `7` for a resolution of the 7th plenum

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None


class Registry:
    def __init__(self, entries: list[RegistryEntry]):
        self.entries = entries
        self._by_symbol: dict[str, RegistryEntry] = {}
        self._by_number: dict[tuple[str, str], list[RegistryEntry]] = {}
        self._by_alias: dict[str, RegistryEntry] = {}
        self._all_by_alias: dict[str, list[RegistryEntry]] = {}
        for e in entries:
            if e.symbol:
                self._by_symbol[symbol_key(e.symbol)] = e
            if e.number and e.type:
                self._by_number.setdefault((e.type, e.number.lstrip("0") or "0"), []).append(e)
            for name in set(fold(a) for a in e.aliases + ([e.title] if e.title else [])):
                self._all_by_alias.setdefault(name, []).append(e)
            for a in e.aliases:
                self._by_alias[fold(a)] = e
                if re.fullmatch(r"\d+[A-Z]?[-/][^\s]+", a.strip()):
                    self._by_symbol.setdefault(symbol_key(a), e)
            if e.title:
                self._by_alias.setdefault(fold(e.title), e)

    def get(self, symbol_or_key: str | None) -> RegistryEntry | None:
        if not symbol_or_key:
            return None
        if symbol_or_key.startswith("registry:"):
            for e in self.entries:
                if e.key == symbol_or_key:
                    return e
            return None
        return self._by_symbol.get(symbol_key(symbol_or_key))

    def by_alias(self, text: str) -> RegistryEntry | None:
        """The one document known by this name; None when unknown or when several share it (two
        `Bộ luật Lao động`: 2012 and 2019)."""
        found = self._all_by_alias.get(fold(text), [])
        return found[0] if len(found) == 1 else None

    def all_by_alias(self, text: str) -> list[RegistryEntry]:
        return list(self._all_by_alias.get(fold(text), []))

    def find(self, type_word: str | None, number: str | None, issuer_body: str | None = None,
             year: int | None = None) -> list[RegistryEntry]:
        """Documents of a type and number, narrowed by issuer and year when given."""
        if not type_word or not number:
            return []
        found = list(self._by_number.get((type_word, number.lstrip("0") or "0"), []))
        if not found and type_word in ("Quy định", "Quyết định"):  # Party QĐ serves both
            other = "Quyết định" if type_word == "Quy định" else "Quy định"
            found = list(self._by_number.get((other, number.lstrip("0") or "0"), []))
        if issuer_body:
            narrowed = [e for e in found if e.issuer_body == issuer_body or
                        (e.issuer and fold(issuer_body) in fold(e.issuer)) or
                        (issuer_body == "Ban Chấp hành Trung ương" and e.issuer_body in
                         central_party_bodies())]
            found = narrowed
        if year:
            found = [e for e in found if e.year is None or e.year == year]
        return found

    def find_plenum(self, plenum: str, term: str | None) -> list[RegistryEntry]:
        return [e for e in self.entries if e.plenum == plenum and (term is None or (e.term or "").endswith(term))]


def _number_of(symbol: str) -> str | None:
    m = re.match(r"(\d+[A-Z]?)", symbol)
    return m.group(1) if m else None


_PLENUM_ALIAS = re.compile(
    r"(?i)(?:Hội nghị\s+(?:Trung ương|TW|T\.Ư)\s*(\d+[A-Z]?)|Trung ương\s*(\d+[A-Z]?)|T\.Ư\s*(\d+[A-Z]?)|TW\s*(\d+[A-Z]?)"
    r"|Hội nghị lần thứ\s+(\w+(?:\s+\w+)?))"
)


def _plenum_of(aliases: list[str]) -> str | None:

    for a in aliases:
        m = _PLENUM_ALIAS.search(a)
        if m:
            value = next(g for g in m.groups() if g)
            return str(ORDINALS.get(value.lower().split(" Ban")[0].strip(), value)).upper()
    return None


@lru_cache(maxsize=1)
def load_registry() -> Registry:
    entries = []
    with open(reference_dir() / "registry.csv", newline="", encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f), start=2):
            symbol = (row.get("symbol") or "").strip() or None
            aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
            aliases = [re.sub(r"\s*\((?:variant|database|wording)[^)]*\)\s*$", "", a) for a in aliases]
            type_word = canonical_type(row.get("type") or "") or (row.get("type") or None)
            body, _level = canonical_body(row.get("issuer") or None)
            term = (row.get("term") or "").strip() or None
            entries.append(RegistryEntry(
                key=symbol or f"registry:{i}", symbol=symbol, type=type_word, date=(row.get("date") or None),
                issuer=row.get("issuer") or None, term=term, title=row.get("title") or None, aliases=aliases,
                replaced_by=(row.get("replaced_by") or None), replaced_on=(row.get("replaced_on") or None),
                sources=[s.strip() for s in (row.get("sources") or "").split("|") if s.strip()],
                number=_number_of(symbol) if symbol else None, issuer_body=body,
                plenum=_plenum_of(aliases + [row.get("title") or ""]),
            ))
    return Registry(entries)
