"""Harvest facts about laws, codes, ordinances and the Constitution from gazette (Công báo) texts.

A developer's tool, not part of the pipeline: it reads a folder given on the command line and prints
one JSON line per observed fact, each with the document that states it (the gazette issue and the
document's own number), for a person to check before it goes into pipeline/data/laws.csv.

    python scripts/harvest_laws.py CORPUS_TEXTS_DIR > /tmp/law-facts.jsonl

Facts:
  name_number   `Luật Bảo hiểm y tế số 25/2008/QH12 ngày 14 tháng 11 năm 2008`: name, number, date
  name_date     `Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015`: name, date
  own           a law's own text: its number, title, date passed, date in force
  repeal        `Luật ... số N hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành`
  amends        `Luật sửa đổi, bổ sung một số điều của Luật X số N`
"""
from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

LAW_WORD = r"(?:Bộ luật|Luật|Pháp lệnh|BỘ LUẬT|LUẬT|PHÁP LỆNH)"
NAME = r"[A-ZĐÂĂÊÔƠƯ\wÀ-ỹ][\wÀ-ỹ,\- ]{2,140}?"
SYM = r"\d{1,3}/\d{4}/(?:QH\d{1,2}|PL-UBTVQH\d{1,2}|L-CTN|UBTVQH\d{1,2})"
DATE = r"ngày\s+(\d{1,2})\s*(?:tháng\s*|/|-)\s*(\d{1,2})\s*(?:năm\s*|/|-)\s*(\d{4})"

HEAD_RE = re.compile(r"^\s*CÔNG BÁO\s*/\s*Số\s*([^/]+?)\s*/\s*Ngày\s*([\d-]+)\s*$", re.M)
NOISE_RE = re.compile(r"^\s*(?:CÔNG BÁO\s*/.*|\d{1,4}|Người ký:.*|Email:.*|Cơ quan:.*|Thời gian ký:.*)\s*$", re.M)
OWN_RE = re.compile(r"(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết|Hiến pháp)?\s*[Ss]ố\s*:\s*(\d{1,4}/\d{4}/[A-ZĐa-z0-9\-]+)")
OWN_ANY_RE = re.compile(r"\bSố\s*:\s*(\d{1,5}/(?:\d{4}/)?[A-ZĐa-z0-9\-]+)")

NAME_NUMBER_RE = re.compile(rf"(?<![\wÀ-ỹ])({LAW_WORD}\s+{NAME})\s*,?\s*(?:số|Số)\s*:?\s*({SYM})(?:\s*,?\s*{DATE})?")
NAME_DATE_RE = re.compile(rf"(?<![\wÀ-ỹ])({LAW_WORD}\s+{NAME})\s*,?\s*{DATE}")
LIST_NUMBER_RE = re.compile(rf"(?<![\wÀ-ỹ])(?:Luật|Bộ luật|Pháp lệnh)\s+số\s*({SYM})(?:\s*,?\s*{DATE})?")
PASSED_RE = re.compile(rf"(?:Luật|Bộ luật|Pháp lệnh) này (?:đã )?được Quốc hội[^.]{{0,120}}?thông qua\s+{DATE}"
                       rf"|(?:Pháp lệnh|Nghị quyết) này (?:đã )?được Ủy ban Thường vụ Quốc hội[^.]{{0,120}}?thông qua\s+{DATE}", re.I)
IN_FORCE_RE = re.compile(rf"(?:Luật|Bộ luật|Pháp lệnh) này có hiệu lực(?: thi hành)? (?:kể )?từ\s+{DATE}", re.I)
REPEAL_RE = re.compile(rf"(?<![\wÀ-ỹ])({LAW_WORD}\s+{NAME})\s*,?\s*số\s*({SYM})[^.;]{{0,300}}?hết hiệu lực"
                       rf"(?:\s+(?:thi hành\s+)?(?:kể\s+)?từ\s+(?:{DATE}|ngày (?:Luật|Bộ luật|Pháp lệnh) này có hiệu lực))?")
AMENDS_RE = re.compile(rf"(?:Luật|Pháp lệnh) sửa đổi, bổ sung một số điều của ({LAW_WORD}\s+{NAME})\s*,?\s*số\s*({SYM})")
TITLE_RE = re.compile(r"^\s*(LUẬT|BỘ LUẬT|PHÁP LỆNH|HIẾN PHÁP)\s*\n((?:\s*[A-ZĐÂĂÊÔƠƯÀ-Ỹ ,\-]{3,}\s*\n){1,3})", re.M)

TRAIL = re.compile(r"(?:\s+(?:đã được|được|và|của|năm|ngày|sửa đổi|hiện hành|số))+\s*$")


def clean(text: str) -> str:
    """Gazette text with running heads, page numbers and the signing stamp removed, lines joined."""
    text = NOISE_RE.sub(" ", text)
    return re.sub(r"\s+", " ", text)


def iso(d, m, y) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def tidy(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,;")
    return TRAIL.sub("", name)


def source_of(raw: str, path: Path) -> dict:
    head = HEAD_RE.search(raw)
    own = OWN_RE.search(raw[:6000]) or OWN_ANY_RE.search(raw[:6000])
    if not own:  # a consolidated text (văn bản hợp nhất) opens with the document it consolidates
        own = re.search(r"(?:Luật|Nghị định|Thông tư|Quyết định|Nghị quyết|Pháp lệnh)\s+số\s+(\d{1,5}/\d{4}/[A-ZĐ0-9\-]+)",
                        raw[:3000])
    return {"file": path.name, "gazette": f"Công báo số {re.sub(r' ', '', head.group(1))} ngày {head.group(2)}" if head else None,
            "document": own.group(1) if own else None}


def harvest(path: Path):
    raw = path.read_text(encoding="utf-8", errors="replace")
    src = source_of(raw, path)
    text = clean(raw)
    for m in NAME_NUMBER_RE.finditer(text):
        yield {"fact": "name_number", "name": tidy(m.group(1)), "symbol": m.group(2),
               "date": iso(*m.group(3, 4, 5)) if m.group(3) else None, **src, "quote": m.group(0)[:240]}
    for m in NAME_DATE_RE.finditer(text):
        name = tidy(m.group(1))
        if " số " in f" {name} ":
            continue
        yield {"fact": "name_date", "name": name, "date": iso(*m.group(2, 3, 4)), **src, "quote": m.group(0)[:240]}
    for m in LIST_NUMBER_RE.finditer(text):
        yield {"fact": "number_date", "symbol": m.group(1), "date": iso(*m.group(2, 3, 4)) if m.group(2) else None,
               **src, "quote": m.group(0)[:200]}
    for m in REPEAL_RE.finditer(text):
        yield {"fact": "repeal", "name": tidy(m.group(1)), "symbol": m.group(2),
               "on": iso(*m.group(3, 4, 5)) if m.group(3) else "in_force_of_document", **src, "quote": m.group(0)[:300]}
    for m in AMENDS_RE.finditer(text):
        yield {"fact": "amends", "name": tidy(m.group(1)), "symbol": m.group(2), **src, "quote": m.group(0)[:240]}
    title = TITLE_RE.search(raw[:8000])
    passed = PASSED_RE.search(text)
    force = IN_FORCE_RE.search(text)
    if title or passed or force:
        yield {"fact": "own", "title": (title.group(1) + " " + " ".join(title.group(2).split())) if title else None,
               "passed": iso(*[g for g in passed.groups() if g][:3]) if passed else None,
               "in_force": iso(*force.group(1, 2, 3)) if force else None, **src,
               "quote": ((passed.group(0) if passed else "") + " | " + (force.group(0) if force else ""))[:300]}


def main(argv: list[str]) -> int:
    if len(argv) > 2 and argv[1] == "--csv":
        write_csv(build_rows(Path(argv[2])), sys.stdout)
        return 0
    folder = Path(argv[1])
    pattern = argv[2] if len(argv) > 2 else "congbao_*.txt"
    for path in sorted(folder.glob(pattern)):
        for fact in harvest(path):
            print(json.dumps(fact, ensure_ascii=False))
    return 0




# --------------------------------------------------------------------------- the CSV

def build_rows(folder: Path, pattern: str = "congbao_*.txt") -> list[dict]:
    """One row per numbered law the gazette texts state, each fact with the documents stating it."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from collections import Counter, defaultdict

    from pipeline.laws import ISSUER_OF, canonical_law_type, name_key, stated_names

    names: dict[str, Counter] = defaultdict(Counter)
    spelled: dict[str, str] = {}
    dates: dict[str, Counter] = defaultdict(Counter)
    cite: dict[tuple[str, str], list[str]] = defaultdict(list)  # (symbol, fact) -> sources
    own: dict[str, dict] = {}
    repeals: list[tuple[str, str, str]] = []  # (repealed symbol, repealing symbol, source)
    amends: dict[str, set[str]] = defaultdict(set)
    name_dates: list[tuple[str, str, str]] = []

    def note(sym, fact, src):
        if len(cite[(sym, fact)]) < 2 and src not in cite[(sym, fact)]:
            cite[(sym, fact)].append(src)

    for path in sorted(folder.glob(pattern)):
        raw = path.read_text(encoding="utf-8", errors="replace")
        meta = source_of(raw, path)
        src = " ".join(x for x in (meta["document"] and f"văn bản số {meta['document']}", meta["gazette"] and f"({meta['gazette']})") if x)
        if not src:
            continue
        text = clean(raw)
        for s in stated_names(text):
            key = name_key(s.name)
            if (meta["document"] and s.symbol == meta["document"]) or s.amending:
                continue  # a law naming itself says nothing new; an amending law's clause is ambiguous  # a law naming itself says nothing new
            names[s.symbol][key] += 0.5 if s.amending else 1
            spelled.setdefault(key, s.name)
            note(s.symbol, "name", src)
            if s.date and not s.amending and s.date[:4] == s.symbol.split("/")[1]:
                dates[s.symbol][s.date] += 1
                note(s.symbol, "date", src)
        for m in NAME_DATE_RE.finditer(text):
            name = tidy(m.group(1))
            if " số " not in f" {name} " and len(name.split()) <= 14:
                name_dates.append((name_key(name), iso(*m.group(2, 3, 4)), src))
        doc = meta["document"]
        # A consolidated text, or a file holding several laws, mixes the clauses of several laws.
        consolidated = "VĂN BẢN HỢP NHẤT" in raw or not re.search(r"(?:Luật|Bộ luật|Pháp lệnh) số\s*:", raw[:3000])
        if doc and re.match(r"\d+/\d{4}/(?:QH|PL-UBTVQH)", doc) and not consolidated:
            title = TITLE_RE.search(raw[:8000])
            passed = PASSED_RE.search(text)
            force = IN_FORCE_RE.search(text)
            own[doc] = {"title": (title.group(1).capitalize() + " " + " ".join(title.group(2).split()).lower()) if title else None,
                        "passed": iso(*[g for g in passed.groups() if g][:3]) if passed else None,
                        "in_force": iso(*force.group(1, 2, 3)) if force else None, "src": src}
            for m in REPEAL_RE.finditer(text):
                if m.group(2) != doc:
                    repeals.append((m.group(2), doc, src))
            for m in AMENDS_RE.finditer(text):
                amends[doc].add(m.group(2))
    # A name written with its date of passing confirms the date of the version passed that year.
    by_name_year: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for key, date, src in name_dates:
        by_name_year[(key, date[:4])].append((date, src))
    rows = []
    for sym in sorted(set(names) | set(own)):
        if not _term_fits(sym):
            continue  # `10/2022/QH14`: the 14th Assembly sat until 2021, so the text mistyped it
        key = max(sorted(names[sym]), key=lambda k: names[sym][k]) if names[sym] else None
        o = own.get(sym, {})
        name = spelled.get(key) if key else None
        if not name and o.get("title"):
            name = o["title"]
        if not name:
            continue
        name = name[0].upper() + name[1:]
        typ = canonical_law_type(name)
        if typ == "Luật" and not name.startswith("Luật"):
            name = "Luật " + name.split(" ", 1)[1] if " " in name else name
        date, date_src = None, []
        if o.get("passed"):
            date, date_src = o["passed"], [o["src"] + ", điều khoản thi hành"]
        elif dates[sym]:
            date = max(sorted(dates[sym]), key=lambda d: dates[sym][d])
            date_src = cite[(sym, "date")]
        else:
            found = by_name_year.get((name_key(name), sym.split("/")[1]), [])
            if len(found) >= 1 and len({d for d, _ in found}) == 1:
                date, date_src = found[0][0], [found[0][1]]
        aliases = sorted({spelled[k] for k in names[sym] if k != key and names[sym][k] >= 1 and len(spelled[k]) < 120
                          and canonical_law_type(spelled[k]) == typ and "sửa đổi" not in spelled[k]
                          and _similar(spelled[k], name)})
        prefix = re.match(r"\d+/\d{4}/([A-Z\-]+?)\d+$", sym)
        issuer = ISSUER_OF.get(prefix.group(1) if prefix else "", "Quốc hội")
        term_n = re.search(r"(\d+)$", sym)
        sources = [f"name, number: {' ; '.join(cite[(sym, 'name')] or [o.get('src', '')])}"]
        if date:
            sources.append(f"date: {' ; '.join(date_src)}")
        if o.get("in_force"):
            sources.append(f"in_force: {o['src']}, điều khoản hiệu lực")
        rows.append({"symbol": sym, "type": typ, "date": date or "", "in_force": o.get("in_force") or "",
                     "issuer": issuer, "term": f"{'Quốc hội' if issuer == 'Quốc hội' else 'Ủy ban Thường vụ Quốc hội'} khóa {_roman(int(term_n.group(1)))}" if term_n else "",
                     "title": name, "aliases": " | ".join(a for a in aliases if name_key(a) != name_key(name)),
                     "amends": " | ".join(sorted(amends.get(sym, ()))), "replaced_by": "", "replaced_on": "",
                     "sources": " | ".join(sources)})
    by_sym = {r["symbol"]: r for r in rows}
    for old, new, src in repeals:
        if old in by_sym and new in own and new in by_sym:
            r = by_sym[old]
            r["replaced_by"] = new
            r["replaced_on"] = own[new].get("in_force") or ""
            r["sources"] += f" | replaced_by: {src}, điều khoản thi hành"
    for sym, fix in CORRECTIONS.items():
        if sym in by_sym:
            if fix is None:
                rows.remove(by_sym[sym])
                continue
            for k, v in fix.items():
                by_sym[sym][k] = (by_sym[sym][k] + " | " + v) if k == "sources" else v
    # Rows a person added from sources outside the gazette texts (each with its address) stay.
    shipped = Path(__file__).resolve().parent.parent / "pipeline" / "data" / "laws.csv"
    if shipped.exists():
        with open(shipped, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["symbol"] not in by_sym and "http" in row.get("sources", ""):
                    rows.append(row)
        rows.sort(key=lambda r: r["symbol"])
    for r in rows:
        if r["type"] == "Luật" and r["title"][5:6].islower() and not r["title"].startswith("Luật sửa đổi"):
            r["title"] = "Luật " + r["title"][5].upper() + r["title"][6:]
    return rows


# What a person checking the harvest corrected, and why (each with the document that shows it).
CORRECTIONS = {
    # congbao_29, a consolidated text, writes `Luật thống kê số 85/2015/QH13`; the Statistics law is
    # 89/2015/QH13 and 85/2015/QH13 the election law (as other documents of the corpus write).
    "85/2015/QH13": None,
    "51/2024/QH15": {"title": "Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế"},
    "69/2020/QH14": {"title": "Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng"},
    # The date the tvpl texts state (`... số 72/2025/QH15 ngày 16 tháng 6 năm 2025`); the harvest reads gazette files only.
    "72/2025/QH15": {"date": "2025-06-16",
                     "sources": "date: văn bản số 210/2025/QĐ-UBND (Ủy ban nhân dân thành phố Hải Phòng, ngày 17-11-2025: "
                                "`Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025`)"},
    "71/2006/QH11": {"replaced_by": "58/2014/QH13", "replaced_on": "2016-01-01",
                     "sources": "replaced_by: văn bản hợp nhất Luật Bảo hiểm xã hội (Công báo số 111+112 ngày "
                                "30-01-2019), điều khoản thi hành: `Luật Bảo hiểm xã hội số 71/2006/QH11 hết hiệu lực`"},
}


# Years each National Assembly sat (a term's first year overlaps the previous one's last).
_TERMS = {10: (1997, 2002), 11: (2002, 2007), 12: (2007, 2011), 13: (2011, 2016), 14: (2016, 2021),
          15: (2021, 2026), 16: (2026, 2031)}


def _term_fits(sym: str) -> bool:
    m = re.match(r"\d+/(\d{4})/\D*?(\d+)$", sym)
    if not m or int(m.group(2)) not in _TERMS:
        return True
    lo, hi = _TERMS[int(m.group(2))]
    return lo <= int(m.group(1)) <= hi


def _similar(a: str, b: str) -> bool:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return len(wa & wb) >= 0.7 * max(len(wa), len(wb))


def _roman(n: int) -> str:
    out = ""
    for v, s in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + s, n - v
    return out


COLUMNS = ["symbol", "type", "date", "in_force", "issuer", "term", "title", "aliases", "amends", "replaced_by",
           "replaced_on", "sources"]


def write_csv(rows: list[dict], out) -> None:
    w = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
