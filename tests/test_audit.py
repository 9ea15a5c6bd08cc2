"""`directives audit` and `directives show` on a small ingested corpus: corpus/ plus a few documents
made of real sentences (a gazette page with its running head, a decree citing `64//2023/NĐ-CP` and
`66.18/2026/NQ-CP`, a notice with no reference) and two OCR'd pages (a clean scan and a fax-like copy).

Every count of the audit is computed a second time here, straight from the parquet tables and the
per-document JSON, and the two must agree. The HTML pages are opened in headless Chromium with the
network cut off; their screenshots are written under build/test-artefacts/ (the path is printed).
"""
from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from pipeline.audit import FIELDS, AuditError, audit, shape, source_group, symbol_shaped
from pipeline.audit_html import render_html as audit_page
from pipeline.audit_html import write_html as write_audit
from pipeline.show import ShowError, annotate, show_build, show_file
from pipeline.show_html import render_html as show_page
from pipeline.show_html import write_html as write_show

from test_samples import SEED, sample_dir

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTEFACTS = ROOT / "build" / "test-artefacts"

HEAD = "CÔNG BÁO/Số 1523 + 1524/Ngày 29-12-2024"
GAZETTE = [
    "CHÍNH PHỦ\nSố: 12/2024/NĐ-CP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHà Nội, ngày 20 tháng 12 năm 2024\n\n"
    "NGHỊ ĐỊNH\nSửa đổi, bổ sung một số điều về quản lý hoạt động thương mại\n\n"
    "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n"
    "Căn cứ Nghị quyết số 66.18/2026/NQ-CP của Chính phủ phân quyền, cắt giảm, đơn giản hóa thủ tục hành chính;\n"
    "Chính phủ ban hành Nghị định sửa đổi.\n1",
    f"{HEAD}\nĐiều 1. Khoản 2 Điều 3 đã được bổ sung bởi Nghị định số 64//2023/NĐ-CP ngày 23 tháng 8 năm 2023 "
    "của Chính phủ quy định chi tiết.\n2",
    f"{HEAD}\nĐiều 2. Nghị định này có hiệu lực từ ngày ký.\nTM. CHÍNH PHỦ\nTHỦ TƯỚNG\nPhạm Minh Chính\n3",
    f"{HEAD}\nPhụ lục\nMẫu số 01-ĐK-TCT ban hành kèm theo Nghị định này.\n4",
]
# A legal portal's notice, printed around every document it serves (a line of thuvienphapluat.vn's).
PORTAL = "Thực hiện Nghị định 13/2023/NĐ-CP, chúng tôi cập nhật Quy chế và Thỏa thuận Bảo về Dữ liệu cá nhân bên dưới."
PROVINCES = ["Trà Vinh", "Bắc Kạn", "Hưng Yên", "Quảng Bình", "Bình Thuận", "Hải Phòng"]
NOTICE = ("ỦY BAN NHÂN DÂN XÃ AN PHÚ\n\nTHÔNG BÁO\nVề việc tạm ngừng cung cấp nước sinh hoạt\n\n"
          "Ủy ban nhân dân xã thông báo đến toàn thể nhân dân được biết: ngày mai tạm ngừng cấp nước "
          "để sửa chữa đường ống.\n")


@pytest.fixture(scope="session")
def build(tmp_path_factory) -> Path:
    """An ingest of corpus/, the made-up documents and two OCR'd pages."""
    import os

    from PIL import Image, ImageFilter

    from pipeline.ingest import ingest

    extra = tmp_path_factory.mktemp("audit_extra")
    (extra / "gazette_1.txt").write_text("\f".join(GAZETTE), encoding="utf-8")
    (extra / "notice_1.txt").write_text(NOTICE, encoding="utf-8")
    for i, province in enumerate(PROVINCES, 1):
        (extra / f"portal_{i}.txt").write_text(
            f"ỦY BAN NHÂN DÂN TỈNH {province.upper()}\nSố: {10 + i}/KH-UBND\n{province}, ngày {i} tháng 3 năm 2024\n\n"
            f"KẾ HOẠCH\nThực hiện công tác dân vận chính quyền năm 2024\n\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
            f"Ủy ban nhân dân tỉnh {province} ban hành Kế hoạch thực hiện như sau.\n\n{PORTAL}\n", encoding="utf-8")
    scans = extra / "scans"
    scans.mkdir()
    png = sample_dir(tmp_path_factory) / "png" / SEED / "page-001.png"
    with Image.open(png) as img:
        page = img.convert("L")
        w, h = page.size
        page.save(scans / "clean.png")
        page.resize((w // 5, h // 5)).filter(ImageFilter.GaussianBlur(1.0)).resize((w, h)).save(scans / "fax.png")
    out = tmp_path_factory.mktemp("audit_build")
    old = os.environ.get("DIRECTIVES_CACHE_DIR")
    os.environ["DIRECTIVES_CACHE_DIR"] = str(tmp_path_factory.mktemp("audit_ocr_cache"))
    try:
        # The corpus's own documents (its .txt): not the samples `make samples` renders into corpus/samples.
        own = sorted((ROOT / "corpus").glob("*.txt"))
        summary = ingest([*own, extra], out, workers=2)
    finally:
        if old is None:
            os.environ.pop("DIRECTIVES_CACHE_DIR", None)
        else:
            os.environ["DIRECTIVES_CACHE_DIR"] = old
    assert not summary.failed, [o.reason for o in summary.failed]
    return out


@pytest.fixture(scope="session")
def tables(build):
    docs = pd.read_parquet(build / "documents.parquet")
    docs = docs[docs["status"] == "ok"]
    refs = pd.read_parquet(build / "references.parquet")
    nodes = pd.read_parquet(build / "nodes.parquet")
    texts, confidence = {}, {}
    for i in docs["id"]:
        data = json.loads((build / "docs" / f"{i}.json").read_text(encoding="utf-8"))
        texts[i] = data["text"]
        confidence[i] = list(zip(data["document"]["ocr_pages"], data["document"]["ocr_confidence"]))
    return docs, refs, nodes, texts, confidence


@pytest.fixture(scope="session")
def result(build):
    return audit(build)


def _present(v) -> bool:
    return isinstance(v, str) and bool(v.strip())


def test_completeness_agrees_with_the_documents_table(result, tables):
    docs, *_ = tables
    assert result.documents == len(docs) == 17 + 4 + len(PROVINCES)
    for f in FIELDS:
        present = docs[f].map(_present)
        assert result.completeness["overall"][f]["present"] == int(present.sum()), f
        assert sorted(x["document"] for x in result.completeness["missing"][f]) == sorted(docs["id"][~present]), f
    groups = docs["source"].map(source_group)
    for row in result.completeness["by_source"]:
        mask = groups == row["source"]
        assert row["documents"] == int(mask.sum())
        for f in FIELDS:
            assert row[f] == int(docs[f][mask].map(_present).sum()), (row["source"], f)
    assert sum(r["documents"] for r in result.completeness["by_source"]) == len(docs)


def test_sources_are_folders_and_name_prefixes():
    assert source_group("/x/texts/congbao_12.txt") == "/x/texts/congbao"
    assert source_group("corpus/web_001.txt") == "corpus/web"
    assert source_group("corpus/001_e91816b876997450.txt") == "corpus"


def test_references_relations_and_empty_documents_agree(result, tables):
    docs, refs, *_ = tables
    refs = refs[refs["document"].isin(set(docs["id"]))]
    assert result.references == len(refs)
    cited = set(refs["document"])
    assert sorted(x["document"] for x in result.no_references) == sorted(i for i in docs["id"] if i not in cited)
    notice = [x for x in result.no_references if x["source"].endswith("notice_1.txt")]
    assert len(notice) == 1
    group = dict(zip(docs["id"], docs["source"].map(source_group)))
    direct = Counter(zip(refs["document"].map(group), refs["relation"]))
    for row in result.relations:
        for rel in ("basis", "implements", "applies", "amends", "replaces", "mentions"):
            assert row[rel] == direct.get((row["source"], rel), 0), (row["source"], rel)
        assert row["references"] == sum(v for (g, _), v in direct.items() if g == row["source"])


def test_unextracted_symbols_are_in_no_reference(result, tables):
    docs, refs, _, texts, _ = tables
    spans = {}
    for d, s, e in zip(refs["document"], refs["start"], refs["end"]):
        spans.setdefault(d, []).append((s, e))
    shapes = {s["shape"]: s for s in result.unextracted["shapes"]}
    assert result.unextracted["total"] == sum(s["count"] for s in shapes.values())
    for s in shapes.values():
        for x in s["examples"]:
            text = texts[x["document"]]
            assert text[x["start"]:x["end"]] == x["text"] and shape(x["text"]) == s["shape"]
            # no reference took it: references cover less than 60% of it (a partial `số 64` may touch it)
            covered = sum(max(0, min(b, x["end"]) - max(a, x["start"])) for a, b in spans.get(x["document"], []))
            assert covered < 0.6 * (x["end"] - x["start"]), x
    # The real sentences' symbols the extractor does not take (found on corpus-real by this audit).
    assert "N-ĐK-TCT" in shapes
    # the Government's dotted resolution numbers (`66.7/2025/NQ-CP`) the audit found are read since round 11
    assert "N.N/N/NQ-CP" not in shapes
    # `64//2023/NĐ-CP`, a doubled slash, is read since OCR's stray marks are repaired (issue 15)
    assert "N//N/NĐ-CP" not in shapes
    # Symbol-shaped means an abbreviation: not list numbers, headings, ranges or dates.
    assert symbol_shaped("38/2014/TT-BTC") and symbol_shaped("25-NQ/Tw") and symbol_shaped("12-CTr/TU")
    assert not symbol_shaped("1.Cơ") and not symbol_shaped("3-4") and not symbol_shaped("12/05/2019")


def test_page_chrome_and_the_references_inside_it(result, tables):
    docs, refs, _, texts, _ = tables
    gazette = docs[docs["source"].str.endswith("gazette_1.txt")]["id"].iloc[0]
    groups = {g["line"]: g for g in result.chrome["groups"]}
    head = groups["CÔNG BÁO/Số # + #/Ngày #-#-#"]
    assert head["count"] == texts[gazette].count(HEAD) == 3
    # Whatever the extractor made of the running head is counted, from the table itself.
    inside = sum(1 for d, s, e in zip(refs["document"], refs["start"], refs["end"]) if d == gazette
                 for m in re.finditer(re.escape(HEAD), texts[gazette]) if s < m.end() and m.start() < e)
    assert head["references_inside"] == inside
    numbers = [g for g in result.chrome["groups"] if g["why"] == "page number"]
    assert sum(g["count"] for g in numbers) == 4  # the page numbers at the foot of the four pages
    # A line documents of several issuers share is chrome; the preamble they share is their form.
    portal = groups[re.sub(r"\d+", "#", PORTAL)]
    assert portal["count"] == portal["documents"] == len(PROVINCES)
    ids = set(docs[docs["source"].str.contains("portal_")]["id"])
    inside = sum(1 for d, s, e in zip(refs["document"], refs["start"], refs["end"]) if d in ids
                 for m in re.finditer(re.escape(PORTAL), texts[d]) if s < m.end() and m.start() < e)
    assert portal["references_inside"] == inside
    assert not [g for g in groups if g.startswith("Căn cứ")]


def test_suspicious_nodes_agree_with_the_tables(result, tables):
    docs, refs, nodes, *_ = tables
    refs = refs[refs["document"].isin(set(docs["id"]))]
    doc_date = dict(zip(docs["id"], docs["date"]))
    node_date = dict(zip(nodes["node"], nodes["date"]))
    early = {(d, t) for d, t in zip(refs["document"], refs["target"])
             if _present(doc_date.get(d)) and _present(node_date.get(t)) and node_date[t] > doc_date[d]}
    assert {(x["document"], x["node"]) for x in result.suspicious["cited_before_issued"]} == early
    named = refs[refs["target"].fillna("").str.startswith("named:")].groupby("target")["document"].nunique()
    assert {x["node"]: x["documents"] for x in result.suspicious["named_hubs"]} == \
        {n: k for n, k in named.items() if k >= 3}
    with_date = refs[refs["symbol"].notna() & refs["date"].notna()]
    from pipeline.keys import symbol_key

    dates = with_date.groupby(with_date["symbol"].map(symbol_key))["date"].nunique()
    split = {x["key"] for x in result.suspicious["identity_splits"] if len(x["dates"]) > 1}
    assert split == set(dates[dates > 1].index)
    for x in result.suspicious["one_apart"]:
        assert x["a"] != x["b"] and len(x["a"]) - len(x["b"]) in (-1, 0, 1)


def test_incomplete_references_point_at_what_is_next_to_them(result, tables):
    docs, refs, _, texts, _ = tables
    by_span = {(d, s): r for d, s, r in zip(refs["document"], refs["start"], refs.itertuples())}
    # `Nghị định số 64//2023/NĐ-CP ngày 23 tháng 8 năm 2023`: once only its number was taken, without its
    # date; the doubled slash is repaired now (issue 15) and the reference is whole
    assert [(x["text"], x["missing"], x["nearby"]) for x in result.incomplete_references
            if x["source"].endswith("gazette_1.txt")] == []
    for x in result.incomplete_references:
        r = by_span[(x["document"], x["start"])]
        assert not _present(getattr(r, x["missing"]))
        assert x["nearby"].split()[0] in " ".join(texts[x["document"]][r.start - 80:r.end + 160].split())


def test_ocr_confidence_of_the_pages(build, tables):
    docs, _, _, _, confidence = tables
    pages = [(i, p, c) for i, pcs in confidence.items() for p, c in pcs]
    assert len(pages) == int(docs["ocr_pages"].map(len).sum()) == 2
    by_name = {Path(s).name: confidence[i][0][1] for i, s in zip(docs["id"], docs["source"]) if confidence[i]}
    clean, fax = by_name["clean.png"], by_name["fax.png"]
    assert clean is not None and fax is not None and fax < clean
    a = audit(build, low_confidence=(clean + fax) / 2)
    assert a.ocr["pages"] == 2 and a.ocr["with_confidence"] == 2
    assert [Path(x["source"]).name for x in a.ocr["low"]] == ["fax.png"]
    assert sum(a.ocr["histogram"]) == 2


def test_json_shape_is_stable(result):
    data = json.loads(json.dumps(result.to_json(), ensure_ascii=False))
    assert data["version"] == 1
    assert set(data) == {"version", "build", "documents", "failed", "references", "completeness", "unextracted",
                         "incomplete_references", "suspicious", "no_references", "ocr", "chrome", "relations",
                         "summary"}
    assert set(data["suspicious"]) == {"named_hubs", "identity_splits", "one_apart", "cited_before_issued"}
    assert set(data["summary"]["completeness"]) == set(FIELDS)


def test_not_a_build_folder(tmp_path):
    with pytest.raises(AuditError, match="not a build folder"):
        audit(tmp_path)
    with pytest.raises(ShowError, match="not a build folder"):
        show_build(tmp_path, "x")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.marks: list[str] = []
        self.text: list[str] = []
        self._mark = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            self._mark += 1
            self.marks.append("")

    def handle_endtag(self, tag):
        if tag == "mark":
            self._mark -= 1

    def handle_data(self, data):
        self.text.append(data)
        if self._mark:
            self.marks[-1] += data


def _no_network(page: str) -> None:
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", page) and "@import" not in page
    assert "<link" not in page and not re.search(r"<script[^>]+src", page)


def _chromium(path: Path, tmp_path: Path, shot: Path) -> str:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent (make test installs it with scripts/setup-system.sh)")
    base = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",  # no network at all
            f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,1600"]
    dom = subprocess.run(base + ["--dump-dom", path.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    shot.parent.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(base + [f"--screenshot={shot}", path.as_uri()], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and shot.exists() and shot.stat().st_size > 20_000
    print(f"screenshot: {shot}")
    return dom.stdout


def test_audit_page_is_self_contained_and_sortable(result):
    page = audit_page(result)
    _no_network(page)
    p = _Page()
    p.feed(page)
    assert sum(1 for t, a in p.tags if t == "table" and a.get("class") == "sortable") >= 10
    assert sum(1 for t, _ in p.tags if t == "svg") >= 3
    seen = " ".join("".join(p.text).split())
    assert "N-ĐK-TCT" in seen and "CÔNG BÁO/Số # + #/Ngày #-#-#" in seen
    links = [a["href"] for t, a in p.tags if t == "a" and "href" in a]
    assert all(h.startswith(("#", "file://")) for h in links)
    # every document of the no-reference list links to its file
    notice = [a for t, a in p.tags if t == "a" and a.get("href", "").endswith("notice_1.txt")]
    assert notice


@pytest.mark.browser
def test_audit_page_in_headless_chromium(result, tmp_path):
    path = write_audit(result, tmp_path / "audit.html")
    dom = _chromium(path, tmp_path, ARTEFACTS / "audit.png")
    p = _Page()
    p.feed(dom)
    seen = " ".join("".join(p.text).split())
    assert f"{result.documents} documents" in seen and "N-ĐK-TCT" in seen
    assert sum(1 for t, _ in p.tags if t == "svg") >= 3
    # The tables sort when a header is clicked: the per-source table by its `documents` column.
    click = ("<script>var th=document.querySelectorAll('#completeness table')[1].tHead.rows[0].cells[1];"
             "th.click();th.click();</script></body>")
    sorted_page = tmp_path / "sorted.html"
    sorted_page.write_text(path.read_text(encoding="utf-8").replace("</body>", click), encoding="utf-8")
    dom = _chromium(sorted_page, tmp_path, tmp_path / "sorted.png")
    table = dom.split('id="completeness"')[1].split("<table")[2].split("</table>")[0]
    counts = [int(c) for c in re.findall(r"<tr><td[^>]*>[^<]*</td><td[^>]*>(\d+)</td>", table)]
    assert len(counts) == len(result.completeness["by_source"]) and counts == sorted(counts, reverse=True)
    assert counts != [r["documents"] for r in result.completeness["by_source"]]  # it was not in that order


def test_show_keeps_the_text_and_its_offsets(build, tables):
    docs, refs, *_ = tables
    doc = docs[docs["source"].str.endswith("001_e91816b876997450.txt")]["id"].iloc[0]
    shown = show_build(build, doc)
    assert "".join(t for t, _ in shown.segments()) == shown.text
    assert all(shown.text[m.start:m.end] == m.text for m in shown.marks)
    mine = refs[refs["document"] == doc]
    assert len(shown.marks) + len(shown.unmarked) == len(mine)
    assert {(m.start, m.end, m.node) for m in shown.marks} == \
        {(s, e, t) for s, e, t in zip(mine["start"], mine["end"], mine["target"])}
    # the same document from its file: the same marks (no graph nodes without a build)
    again = show_file(ROOT / "corpus" / "001_e91816b876997450.txt")
    assert [(m.start, m.end, m.kind, m.relation) for m in again.marks] == \
        [(m.start, m.end, m.kind, m.relation) for m in shown.marks]
    # found by its file name and by its symbol too
    assert show_build(build, "001_e91816b876997450.txt").document["id"] == doc
    assert show_build(build, "27-KH/ĐUK").document["id"] == doc
    with pytest.raises(ShowError, match="no document"):
        show_build(build, "no-such-document")


def test_show_page_marks_every_reference_escaped(build, tmp_path):
    from pipeline.extract import extract_text

    src = (ROOT / "corpus" / "001_e91816b876997450.txt").read_text(encoding="utf-8")
    hostile = src.replace("I. MỤC ĐÍCH, YÊU CẦU", "I. MỤC ĐÍCH <script>alert(1)</script> & <b>x</b>")
    shown = annotate(extract_text(hostile))
    page = show_page(shown)
    _no_network(page)
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;" in page
    p = _Page()
    p.feed(page)
    assert p.marks == [shown.text[m.start:m.end] for m in shown.marks]
    marks = [a for t, a in p.tags if t == "mark"]
    assert [a["class"] for a in marks] == [m.relation for m in shown.marks]
    assert all("symbol: " in a["title"] and "issuer: " in a["title"] and "date: " in a["title"] for a in marks)
    assert [int(a["data-start"]) for a in marks] == [m.start for m in shown.marks]


def test_show_page_and_the_notebooks_displacy_view_agree(build, tables):
    from spacy import displacy

    from pipeline.model import ExtractionResult
    from pipeline.spacy_doc import SPANS_KEY, to_spacy

    docs, *_ = tables
    doc_id = docs[docs["source"].str.endswith("002_910c16d3ab6d948d.txt")]["id"].iloc[0]
    result = ExtractionResult.from_json(json.loads((build / "docs" / f"{doc_id}.json").read_text(encoding="utf-8")))
    shown = annotate(result)
    for label in ("kind", "relation"):
        doc = to_spacy(result, label=label)
        spans = sorted(doc.spans[SPANS_KEY], key=lambda s: s.start_char)
        assert len(spans) == len(shown.marks)
        for span, m in zip(spans, shown.marks):
            # displaCy marks whole tokens: the same reference, widened at most to its tokens' edges
            assert span.start_char <= m.start < m.end <= span.end_char, (span.text, m.text)
            assert m.text.strip() in span.text and span.label_ == getattr(m, label)
    p = _Page()
    p.feed(show_page(shown))
    # displaCy's HTML labels each span once, on its first token: the labels, in order, are the kinds the
    # page writes after its marks, and each labelled token starts a marked text.
    rendered = displacy.render(to_spacy(result, label="kind"), style="span", options={"spans_key": SPANS_KEY})
    labels = re.findall(r'height: 60px;">\s*([^<]*?)\s*(?:<span[^>]*>\s*</span>\s*)*<span[^>]*>\s*<span[^>]*z-index: 10[^>]*>'
                        r'\s*([^<]+?)\s*</span>', rendered)
    assert [k for _, k in labels] == [m.kind for m in shown.marks] == \
        [a["data-kind"] for t, a in p.tags if t == "mark"]
    assert all(m.text.startswith(token) or token.startswith(m.text.split()[0]) for (token, _), m in zip(labels, shown.marks))
    assert p.marks == [m.text for m in shown.marks]


@pytest.mark.browser
def test_show_page_in_headless_chromium(build, tmp_path):
    shown = show_build(build, "27-KH/ĐUK")
    path = write_show(shown, tmp_path / "show.html")
    dom = _chromium(path, tmp_path, ARTEFACTS / "show.png")
    p = _Page()
    p.feed(dom)
    assert p.marks == [m.text for m in shown.marks] and "02-NQ/ĐUK" in p.marks
    seen = " ".join("".join(p.text).split())
    assert "Trương Thanh Long" in seen and "43-KL/TW —implements→ 25-NQ/TW" in seen


def _cli(*args: str):
    import sys

    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_commands(build, result, tmp_path):
    done = _cli("audit", str(build), "--format", "json", "--html", str(tmp_path / "a.html"))
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout) == json.loads(json.dumps(result.to_json(), ensure_ascii=False))
    assert (tmp_path / "a.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    table = _cli("audit", str(build))
    assert table.returncode == 0 and f"{result.documents} documents" in table.stdout and "N-ĐK-TCT" in table.stdout
    empty = _cli("audit", str(tmp_path))
    assert empty.returncode == 1 and empty.stderr.count("\n") == 1 and "not a build folder" in empty.stderr
    shown = _cli("show", str(build), "27-KH/ĐUK", "--format", "json")
    assert shown.returncode == 0, shown.stderr[-2000:]
    data = json.loads(shown.stdout)
    assert [data["text"][m["start"]:m["end"]] for m in data["marks"]] == [m["text"] for m in data["marks"]]
    page = _cli("show", str(ROOT / "corpus" / "001_e91816b876997450.txt"), "--html", str(tmp_path / "s.html"))
    assert page.returncode == 0 and "<mark" in (tmp_path / "s.html").read_text(encoding="utf-8")
    assert _cli("show", str(build)).returncode == 2  # a build needs the document
    assert _cli("show", str(tmp_path / "nothing.txt")).returncode == 2
    missing = _cli("show", str(build), "no-such-document")
    assert missing.returncode == 1 and "no document" in missing.stderr
