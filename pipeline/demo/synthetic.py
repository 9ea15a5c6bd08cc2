"""Synthetic corpora that look like the real one, with their references and chains known.

A world of documents is drawn first: central directives (Bộ Chính trị, Ban Chấp hành Trung ương,
Ban Bí thư, Chính phủ, Thủ tướng), then provincial plans that implement them, district and unit plans
that implement those, each dated some days after what it implements and numbered in date order per
issuer, type and year as real offices do. Each document is rendered as text with a header (`Số N-KH/TU`,
place-date line, type line, subject), `Căn cứ ...;` bases, a `Thực hiện ...` purpose statement
(sometimes stating what the implemented plan itself implements: a chain), and body tasks citing
other documents with dates and issuers.

Two outputs from the same world:
* `write_corpus(folder, n)`: text files plus `truth.json` in the gold format (corpus/gold), for
  ingest benchmarks and evaluation;
* `frames(n_documents, n_references)`: the documents / references / chains DataFrames the ingest
  would produce (node ids included), for graph benchmarks without running extraction.

The vocabulary below is generator configuration (what synthetic documents say), not reference data
the pipeline reads: the pipeline's own tables live in pipeline/data.
"""
from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

PROVINCES = ["Trà Vinh", "Thái Nguyên", "Cần Thơ", "Đà Nẵng", "Nghệ An", "Thanh Hóa", "Lâm Đồng", "Bình Thuận",
             "Sơn La", "Quảng Bình", "Bắc Ninh", "Vĩnh Phúc", "Hải Dương", "Đắk Nông", "Sóc Trăng", "Cà Mau",
             "Hà Tĩnh", "Long An", "An Giang", "Bến Tre"]
DISTRICTS = ["Châu Thành", "Cầu Kè", "Tiểu Cần", "Càng Long", "Trà Cú", "Phú Tân", "Tân Phú", "Vĩnh Lợi"]
SUBJECTS = [
    "tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới",
    "xây dựng và thực hiện Quy chế dân chủ ở cơ sở",
    "đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "nâng cao hiệu quả công tác dân vận của cơ quan nhà nước các cấp",
    "phong trào thi đua “Dân vận khéo”",
    "nâng cao chất lượng sinh hoạt chi bộ",
    "tăng cường công tác phòng, chống tham nhũng, lãng phí",
    "thực hiện dân chủ trong hoạt động của cơ quan hành chính nhà nước",
]
SIGNERS = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Võ Thị Hoa"]

# body key: (canonical body, level, system, issuer as written in the header/signature, symbol issuer part,
#            [(type, abbreviation)])
BODIES: dict[str, tuple[str, str, str, str, str, list[tuple[str, str]]]] = {
    "bch": ("Ban Chấp hành Trung ương", "central", "party", "Ban Chấp hành Trung ương Đảng", "TW",
            [("Nghị quyết", "NQ")]),
    "bct": ("Bộ Chính trị", "central", "party", "Bộ Chính trị", "TW",
            [("Nghị quyết", "NQ"), ("Chỉ thị", "CT"), ("Kết luận", "KL"), ("Quyết định", "QĐ")]),
    "bbt": ("Ban Bí thư", "central", "party", "Ban Bí thư", "TW", [("Chỉ thị", "CT"), ("Kết luận", "KL")]),
    "cp": ("Chính phủ", "central", "state", "Chính phủ", "CP", [("Nghị định", "NĐ"), ("Nghị quyết", "NQ")]),
    "ttg": ("Thủ tướng Chính phủ", "central", "state", "Thủ tướng Chính phủ", "TTg",
            [("Chỉ thị", "CT"), ("Quyết định", "QĐ")]),
    "tu": ("Tỉnh ủy", "province", "party", "Ban Thường vụ Tỉnh ủy", "TU",
           [("Kế hoạch", "KH"), ("Chương trình hành động", "CTrHĐ"), ("Chỉ thị", "CT"), ("Hướng dẫn", "HD")]),
    "bdvtu": ("Ban Dân vận Tỉnh ủy", "province", "party", "Ban Dân vận Tỉnh ủy", "BDVTU",
              [("Kế hoạch", "KH"), ("Hướng dẫn", "HD")]),
    "ubt": ("Ủy ban nhân dân tỉnh", "province", "state", "Ủy ban nhân dân tỉnh", "UBND",
            [("Kế hoạch", "KH"), ("Quyết định", "QĐ")]),
    "hu": ("Huyện ủy", "district", "party", "Ban Thường vụ Huyện ủy", "HU", [("Kế hoạch", "KH"), ("Chương trình", "CTr")]),
    "ubh": ("Ủy ban nhân dân huyện", "district", "state", "Ủy ban nhân dân huyện", "UBND", [("Kế hoạch", "KH")]),
    "duk": ("Đảng ủy Khối các cơ quan tỉnh", "unit", "party", "Ban Thường vụ Đảng ủy Khối", "ĐUK",
            [("Kế hoạch", "KH"), ("Hướng dẫn", "HD")]),
    "dux": ("Đảng ủy xã", "unit", "party", "Ban Chấp hành Đảng ủy xã", "ĐU", [("Kế hoạch", "KH")]),
}
CENTRAL = ["bch", "bct", "bbt", "cp", "ttg"]
PROVINCIAL = ["tu", "tu", "bdvtu", "ubt"]
DISTRICT = ["hu", "hu", "ubh"]
UNIT = ["duk", "dux"]
LEVEL_SHARE = {"central": 0.03, "province": 0.27, "district": 0.38, "unit": 0.32}


@dataclass
class SynthDoc:
    index: int
    body: str
    type: str
    abbr: str
    date: date
    province: str | None
    district: str | None
    subject: str
    parent: int | None = None
    number: int = 0
    symbol: str = ""
    node: str = ""
    ingested: bool = False

    @property
    def level(self) -> str:
        return BODIES[self.body][1]

    @property
    def canonical(self) -> str:
        return BODIES[self.body][0]

    @property
    def place(self) -> str | None:
        if self.district:
            return f"{self.district}, {self.province}"
        return self.province

    def issuer_written(self) -> str:
        written = BODIES[self.body][3]
        if self.level == "province":
            return f"{written} {self.province}"
        if self.level == "district":
            return f"{written} {self.district}"
        return written


@dataclass
class SynthRef:
    target: int | None  # index into the world's documents; None: a named reference with no target
    relation: str
    kind: str = "full"
    named: str | None = None


@dataclass
class World:
    docs: list[SynthDoc]
    refs: dict[int, list[SynthRef]] = field(default_factory=dict)  # citing index -> references
    chains: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # evidence -> (source, target)


def _lag(rng: random.Random) -> int:
    """Days between a directive and a plan implementing it: mostly weeks, sometimes a year."""
    return max(3, int(rng.gammavariate(2.0, 40.0)))


def make_world(n: int, seed: int = 0) -> World:
    """n documents in a hierarchy: central ones first, then the plans implementing them."""
    rng = random.Random(seed)
    counts = {level: max(1, round(n * share)) for level, share in LEVEL_SHARE.items()}
    counts["unit"] = max(1, n - counts["central"] - counts["province"] - counts["district"])
    docs: list[SynthDoc] = []

    def add(body, when, province, district, subject, parent):
        doc_type, abbr = rng.choice(BODIES[body][5])
        docs.append(SynthDoc(len(docs), body, doc_type, abbr, when, province, district, subject, parent))

    start = date(2005, 1, 1)
    for _ in range(counts["central"]):
        add(rng.choice(CENTRAL), start + timedelta(days=rng.randrange(0, 15 * 365)), None, None,
            rng.choice(SUBJECTS), None)
    central = list(range(len(docs)))
    by_province: dict[str, list[int]] = {p: [] for p in PROVINCES}
    by_district: dict[tuple[str, str], list[int]] = {}
    for _ in range(counts["province"]):
        parent = docs[rng.choice(central)]
        province = rng.choice(PROVINCES)
        add(rng.choice(PROVINCIAL), parent.date + timedelta(days=_lag(rng)), province, None, parent.subject,
            parent.index)
        by_province[province].append(len(docs) - 1)
    for _ in range(counts["district"]):
        province = rng.choice(PROVINCES)
        district = rng.choice(DISTRICTS)
        pool = by_province[province]
        parent = docs[rng.choice(pool)] if pool and rng.random() < 0.85 else docs[rng.choice(central)]
        add(rng.choice(DISTRICT), parent.date + timedelta(days=_lag(rng)), province, district, parent.subject,
            parent.index)
        by_district.setdefault((province, district), []).append(len(docs) - 1)
    for _ in range(counts["unit"]):
        province = rng.choice(PROVINCES)
        body = rng.choice(UNIT)
        district = rng.choice(DISTRICTS) if body == "dux" else None
        pool = by_district.get((province, district), []) if district else by_province[province]
        if not pool:
            pool = by_province[province] or central
        parent = docs[rng.choice(pool)]
        add(body, parent.date + timedelta(days=_lag(rng)), province, district, parent.subject, parent.index)

    # Numbers restart each year for each issuer and type, in date order, as offices number them.
    counters: dict[tuple, int] = {}
    for doc in sorted(docs, key=lambda d: (d.date, d.index)):
        system, issuer_part = BODIES[doc.body][2], BODIES[doc.body][4]
        if doc.level == "central" and system == "party":
            key = ("TW", doc.abbr)  # every /TW body shares one series; unique here, as the graph needs
        else:
            key = (doc.body, doc.place, doc.abbr, doc.date.year)
        counters[key] = counters.get(key, 0) + 1
        doc.number = counters[key]
        if system == "party":
            doc.symbol = f"{doc.number:02d}-{doc.abbr}/{issuer_part}"
        elif doc.level == "central":
            doc.symbol = f"{doc.number:02d}/{doc.date.year}/{doc.abbr}-{issuer_part}"
        else:
            doc.symbol = f"{doc.number}/{doc.abbr}-{issuer_part}"
        if doc.level == "central":
            doc.node = doc.symbol
        else:
            doc.node = f"{doc.symbol}#{doc.place}@{doc.date.year}"
    if len({d.node for d in docs}) != len(docs):
        raise AssertionError("synthetic node ids clash")
    return World(docs)


def choose_references(world: World, ingested: list[int], refs_per_doc: float, seed: int = 0) -> None:
    """Each ingested document's references: what it implements (and the chain above it), bases, tasks."""
    rng = random.Random(seed + 1)
    docs = world.docs
    central = sorted((d.index for d in docs if d.level == "central"), key=lambda i: docs[i].date)
    central_dates = [docs[i].date for i in central]
    local: dict[str, list[int]] = {}
    for d in docs:
        if d.province:
            local.setdefault(d.province, []).append(d.index)
    for p in local:
        local[p].sort(key=lambda i: docs[i].date)
    local_dates = {p: [docs[i].date for i in ix] for p, ix in local.items()}

    import bisect

    def earlier(pool, dates, when):
        k = bisect.bisect_left(dates, when)
        return pool[rng.randrange(k)] if k else None

    extra_mean = max(0.0, refs_per_doc - 2.4)
    for i in ingested:
        doc = docs[i]
        refs: list[SynthRef] = []
        chains: list[tuple[int, int]] = []
        used = {i}
        if doc.parent is not None:
            refs.append(SynthRef(doc.parent, "implements"))
            used.add(doc.parent)
            grand = docs[doc.parent].parent
            if grand is not None and rng.random() < 0.5:
                refs.append(SynthRef(grand, "mentions"))
                chains.append((doc.parent, grand))
                used.add(grand)
        n_basis = 1 + (rng.random() < 0.4)
        n_extra = _poisson(rng, extra_mean)
        picks = []
        for k in range(n_basis + n_extra):
            if doc.province and rng.random() < 0.6:
                t = earlier(local[doc.province], local_dates[doc.province], doc.date)
            else:
                t = earlier(central, central_dates, doc.date)
            if t is None or t in used:
                continue
            used.add(t)
            picks.append(t)
        for k, t in enumerate(picks):
            if k < n_basis:
                refs.append(SynthRef(t, "basis"))
            else:
                refs.append(SynthRef(t, "applies" if rng.random() < 0.75 else "mentions"))
        if rng.random() < 0.3:
            refs.append(SynthRef(None, "basis", kind="named", named="Điều lệ Đảng"))
        world.refs[i] = refs
        world.chains[i] = chains


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, int(round(rng.gauss(mean, math.sqrt(mean)))))
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _written_date(d: date, style: int) -> str:
    if style == 0:
        return f"{d.day:02d}/{d.month}/{d.year}"
    if style == 1:
        return f"{d.day:02d} tháng {d.month:02d} năm {d.year}"
    return f"{d.day:02d}-{d.month:02d}-{d.year}"


def _written_symbol(symbol: str, style: int) -> str:
    """The spacings real texts give symbols (`25 –NQ/TW`, `1043 - QĐ/TU`); most are written plainly."""
    if style == 1 and "-" in symbol and "/" in symbol.split("-", 1)[1]:
        return symbol.replace("-", " - ", 1)
    if style == 2 and "-" in symbol:
        return symbol.replace("-", " –", 1)
    return symbol


class _Text:
    """Text built piece by piece, remembering where each reference's symbol lands."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0
        self.anchors: list[tuple[int, int, str]] = []

    def add(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)

    def anchor(self, s: str) -> tuple[int, int]:
        start = self.length
        self.add(s)
        return start, self.length

    def value(self) -> str:
        return "".join(self.parts)


def _issuer_as_cited(target: SynthDoc, citing: SynthDoc) -> str:
    """How a plan names the issuer of what it cites: central bodies by name, local ones without place
    when they are the citing document's own province."""
    written = BODIES[target.body][3]
    if target.level == "central":
        return written
    if target.province != citing.province:
        return target.issuer_written()
    if target.level == "district" and target.district != citing.district:
        return f"{written} {target.district}"
    return written


def render(world: World, i: int, rng: random.Random) -> tuple[str, list[dict[str, Any]], list[dict[str, Any]]]:
    """One document's text and its references (offsets of the symbol as written) and chains."""
    docs = world.docs
    doc = docs[i]
    t = _Text()
    refs_out: list[dict[str, Any]] = []
    body = BODIES[doc.body]
    place = doc.province or "Hà Nội"
    if body[2] == "party":
        top = "BAN CHẤP HÀNH TRUNG ƯƠNG" if doc.level == "central" else f"ĐẢNG BỘ TỈNH {doc.province.upper()}"
        t.add(f"{top}\t\tĐẢNG CỘNG SẢN VIỆT NAM\n{doc.issuer_written().upper()}\n*\t\t"
              f"{place}, ngày {doc.date.day:02d} tháng {doc.date.month:02d} năm {doc.date.year}\nSố {doc.symbol}\n\n")
    else:
        t.add(f"{doc.issuer_written().upper()}\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\t\tĐộc lập - Tự do - Hạnh phúc\n"
              f"Số: {doc.symbol}\t\t{place}, ngày {doc.date.day:02d} tháng {doc.date.month:02d} năm {doc.date.year}\n\n")
    t.add(f"{doc.type.upper()}\n")
    parent = docs[doc.parent] if doc.parent is not None else None
    title = (f"thực hiện {parent.type} số {parent.symbol} của {BODIES[parent.body][3]} về {doc.subject}"
             if parent is not None else f"về {doc.subject}")
    t.add(f"{title}\n-----\n\n")

    def cite(ref: SynthRef, sentence_start: int) -> None:
        target = docs[ref.target]
        written = _written_symbol(target.symbol, rng.randrange(6))
        t.add(f"{target.type} số ")
        start, end = t.anchor(written)
        t.add(f" ngày {_written_date(target.date, rng.randrange(3))} của {_issuer_as_cited(target, doc)}")
        refs_out.append({"start": start, "end": end, "anchor": written, "kind": "full", "type": target.type,
                         "symbol": target.symbol, "number": f"{target.number:02d}", "date": target.date.isoformat(),
                         "issuer": target.canonical, "issuer_level": target.level, "relation": ref.relation,
                         "target": target.node, "_sentence_start": sentence_start})

    def close_sentence(sentence_start: int) -> None:
        text = None
        for r in refs_out:
            if r.get("_sentence_start") == sentence_start:
                if text is None:
                    text = "".join(t.parts)[sentence_start:]
                r["sentence"] = text.strip()
                del r["_sentence_start"]

    refs = world.refs.get(i, [])
    for ref in (r for r in refs if r.relation == "basis"):
        s = t.length
        t.add("Căn cứ ")
        if ref.target is None:
            start, end = t.anchor(ref.named)
            refs_out.append({"start": start, "end": end, "anchor": ref.named, "kind": "named", "type": None,
                             "symbol": None, "number": None, "date": None, "issuer": None, "issuer_level": None,
                             "relation": "basis", "target": None, "_sentence_start": s})
        else:
            cite(ref, s)
        t.add(";")
        close_sentence(s)
        t.add("\n")
    implements = [r for r in refs if r.relation == "implements"]
    chain_refs = world.chains.get(i, [])
    chains_out = []
    if implements:
        s = t.length
        t.add("Thực hiện ")
        cite(implements[0], s)
        for source, target in chain_refs:
            t.add(" về thực hiện ")
            mention = next(r for r in refs if r.target == target and r.relation == "mentions")
            cite(mention, s)
            chains_out.append({"source": docs[source].symbol, "target": docs[target].symbol,
                               "source_node": docs[source].node, "target_node": docs[target].node,
                               "relation": "implements"})
        t.add(f", {doc.issuer_written()} ban hành {doc.type.lower()} thực hiện như sau:")
        close_sentence(s)
        t.add("\n")
    t.add("I. MỤC ĐÍCH, YÊU CẦU\n1. Quán triệt sâu sắc nội dung, nâng cao nhận thức của cán bộ, đảng viên.\n"
          "II. NHIỆM VỤ, GIẢI PHÁP\n")
    chained = {target for _, target in chain_refs}
    task = 0
    for ref in refs:
        if ref.relation in ("basis", "implements") or (ref.relation == "mentions" and ref.target in chained):
            continue
        task += 1
        s = t.length
        if ref.relation == "applies":
            t.add(f"{task}. Tiếp tục thực hiện có hiệu quả ")
            cite(ref, s)
            t.add(", gắn với nhiệm vụ chính trị của địa phương, đơn vị.")
        else:
            t.add(f"{task}. Tình hình địa phương đã được đánh giá trong quá trình xây dựng ")
            cite(ref, s)
            t.add(".")
        close_sentence(s)
        t.add("\n")
    # Party signatures use slashes (T/M), State ones dots (TM., KT.)
    signature = "T/M BAN THƯỜNG VỤ\n\t\tPHÓ BÍ THƯ" if body[2] == "party" else "TM. ỦY BAN NHÂN DÂN\n\t\tKT. CHỦ TỊCH"
    t.add("III. TỔ CHỨC THỰC HIỆN\nCác cơ quan, đơn vị xây dựng kế hoạch cụ thể, báo cáo kết quả.\n\n"
          f"Nơi nhận:\n- Như trên;\n- Lưu VP.\t\t{signature}\n\n\t\t{rng.choice(SIGNERS)}\n")
    return t.value(), refs_out, chains_out


def _world_for(n_documents: int, refs_per_doc: float, seed: int) -> tuple[World, list[int]]:
    """A world with n_documents ingested: local plans mostly ingested, central ones mostly only cited."""
    rng = random.Random(seed + 2)
    world = make_world(int(n_documents * 1.12) + 8, seed)
    chosen = [d.index for d in world.docs if (d.level != "central" or rng.random() < 0.2)]
    rng.shuffle(chosen)
    ingested = sorted(chosen[:n_documents])
    for i in ingested:
        world.docs[i].ingested = True
    choose_references(world, ingested, refs_per_doc, seed)
    return world, ingested


def _file_name(doc: SynthDoc, k: int) -> str:
    return f"syn_{k:06d}.txt"


def write_corpus(folder: str | Path, n_documents: int = 50, refs_per_doc: float = 8.0, seed: int = 0) -> Path:
    """Text files `syn_NNNNNN.txt` in folder and `truth.json` (gold format, node ids added)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    world, ingested = _world_for(n_documents, refs_per_doc, seed)
    rng = random.Random(seed + 3)
    truth = []
    for k, i in enumerate(ingested):
        doc = world.docs[i]
        text, refs, chains = render(world, i, rng)
        name = _file_name(doc, k)
        (folder / name).write_text(text, encoding="utf-8")
        truth.append({
            "file": name,
            "self": {"type": doc.type, "symbol": doc.symbol, "date": doc.date.isoformat(), "place": doc.province or "Hà Nội",
                     "issuer": doc.issuer_written(), "issuer_body": doc.canonical, "issuer_level": doc.level,
                     "node": doc.node, "parent": world.docs[doc.parent].node if doc.parent is not None else None},
            "refs": refs,
            "chains": chains,
        })
    out = folder / "truth.json"
    out.write_text(json.dumps({"documents": truth}, ensure_ascii=False, indent=1), encoding="utf-8")
    return out


def frames(n_documents: int = 1000, n_references: int | None = None, seed: int = 0
           ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """documents, references, chains DataFrames shaped like the ingest's, with their node ids.

    n_references is a target: the count drawn is close to it (each document's count is random).
    """
    refs_per_doc = (n_references / n_documents) if n_references else 8.0
    world, ingested = _world_for(n_documents, refs_per_doc, seed)
    rng = random.Random(seed + 3)
    doc_rows, ref_rows, chain_rows = [], [], []
    for k, i in enumerate(ingested):
        doc = world.docs[i]
        doc_id = f"syn_{k:06d}"
        text, refs, chains = render(world, i, rng)
        doc_rows.append({
            "id": doc_id, "source": f"{_file_name(doc, k)}", "sha256": "", "type": doc.type, "symbol": doc.symbol,
            "number": f"{doc.number:02d}", "date": doc.date.isoformat(), "place": doc.province or "Hà Nội",
            "issuer": doc.issuer_written(), "issuer_body": doc.canonical, "issuer_level": doc.level,
            "jurisdiction": doc.place, "signer": None, "title": f"về {doc.subject}",
            "pages": 1, "ocr_pages": [], "status": "ok", "error": None, "node": doc.node,
        })
        for r in refs:
            ref_rows.append({
                "document": doc_id, "start": r["start"], "end": r["end"], "page": 1, "text": r["anchor"],
                "kind": r["kind"], "type": r["type"], "symbol": r["symbol"], "number": r["number"], "date": r["date"],
                "issuer": r["issuer"], "issuer_body": r["issuer"], "issuer_level": r["issuer_level"],
                "relation": r["relation"], "target": r["target"], "sentence": r.get("sentence", ""),
            })
        for c in chains:
            chain_rows.append({"document": doc_id, "source": c["source_node"], "target": c["target_node"],
                               "relation": c["relation"], "start": None, "end": None, "sentence": None})
    return pd.DataFrame(doc_rows), pd.DataFrame(ref_rows), pd.DataFrame(
        chain_rows, columns=["document", "source", "target", "relation", "start", "end", "sentence"])


def truth_tree(world: World, root: int) -> dict[str, int]:
    """node -> depth of every document under root along the parent links (for checking queries)."""
    children: dict[int, list[int]] = {}
    for d in world.docs:
        if d.parent is not None:
            children.setdefault(d.parent, []).append(d.index)
    depth = {root: 0}
    stack = [root]
    while stack:
        n = stack.pop()
        for c in children.get(n, []):
            depth[c] = depth[n] + 1
            stack.append(c)
    return {world.docs[i].node: d for i, d in depth.items()}


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("-n", type=int, default=50)
    parser.add_argument("--refs-per-doc", type=float, default=8.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(write_corpus(args.folder, args.n, args.refs_per_doc, args.seed))
