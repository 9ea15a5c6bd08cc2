"""`directives check`: drafts seeded with known problems, checked against the ingested corpus.

The corpus is corpus/ plus three district plans (tests/drafts/peers/) that implement 23-QĐ/TW, so that
`missing_basis` has comparable plans to count. Each draft in tests/drafts/ is written for the purpose,
modelled on seed 001, with the exact multiset of finding codes it must give; the facts come from
corpus/reference/registry.csv (290-QĐ/TW replaced by 23-QĐ/TW on 30/07/2021, 04/2015/NĐ-CP of
09/01/2015, 25-NQ/TW of the Ban Chấp hành Trung ương, 149/2018/NĐ-CP replaced by 145/2020/NĐ-CP,
236-KL/TW of 15/01/2026).
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.check import CODES, Corpus, check_draft, check_result, draft_date, extract_draft
from pipeline.document import analyze_text
from pipeline.registry import load_registry
from pipeline.report_html import render_html, write_html

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ROOT / "tests" / "drafts"
CHROMIUM = Path("/usr/bin/chromium")

EXPECTED = {
    "clean_kh_huyen_uy.txt": {},
    "party_errors_kh_huyen_uy.txt": {
        "issuer_mismatch": ["25-NQ/TW"], "superseded": ["290-QĐ/TW"], "type_symbol_mismatch": ["43-KL/TW"],
        "malformed_symbol": ["05-CT/TW"], "cited_after_draft": ["236-KL/TW"], "unresolved": [None],
    },
    "state_errors_kh_ubnd.txt": {
        "date_mismatch": ["04/2015/NĐ-CP"], "superseded": ["149/2018/NĐ-CP"], "malformed_symbol": ["61/2018/NĐ-CP"],
        "inconsistent_citation": ["57/KH-UBND"],
    },
}
SUGGESTED = {
    "clean_kh_huyen_uy.txt": [],
    "party_errors_kh_huyen_uy.txt": [("missing_basis", "10/2022/QH15", {"k": 2, "n": 3})],
    "state_errors_kh_ubnd.txt": [],
}


@pytest.fixture(scope="session")
def build(tmp_path_factory) -> Path:
    from pipeline.ingest import ingest

    out = tmp_path_factory.mktemp("check_build")
    # The corpus's own documents (its .txt): not the samples `make samples` renders into corpus/samples.
    own = sorted((ROOT / "corpus").glob("*.txt"))
    summary = ingest([*own, DRAFTS / "peers"], out, workers=2)
    assert not summary.failed
    return out


@pytest.fixture(scope="session")
def corpus(build) -> Corpus:
    loaded, reason = Corpus.load(build)
    assert reason is None and loaded.has_graph
    return loaded


@pytest.fixture(scope="session")
def registry_only(tmp_path_factory) -> Corpus:
    loaded, reason = Corpus.load(tmp_path_factory.mktemp("empty"))
    assert reason and "no graph" in reason and not loaded.has_graph
    return loaded


def _codes(report) -> Counter:
    return Counter(f.code for c in report.citations for f in c.findings)


def _where(report) -> dict[str, list]:
    out: dict[str, list] = {}
    for c in report.citations:
        for f in c.findings:
            out.setdefault(f.code, []).append(c.known.symbol if c.known else c.symbol)
    return {k: sorted(v, key=str) for k, v in out.items()}


# --------------------------------------------------------------------------- every seeded problem, nothing else


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_draft_gives_exactly_its_seeded_findings(name, corpus):
    report = check_draft(DRAFTS / name, corpus)
    expected = EXPECTED[name]
    assert _codes(report) == Counter({k: len(v) for k, v in expected.items()})
    assert _where(report) == {k: sorted(v, key=str) for k, v in expected.items()}
    assert [(s.code, s.node, s.support) for s in report.suggestions] == SUGGESTED[name]
    for f in report.findings:
        assert f.severity == CODES[f.code][0]
    assert report.has_errors == any(CODES[c][0] == "error" for c in expected)
    assert report.against == "corpus and registry"


def test_clean_draft_resolves_every_citation(corpus):
    report = check_draft(DRAFTS / "clean_kh_huyen_uy.txt", corpus)
    assert {c.status for c in report.citations} == {"known"}
    by = {c.known.symbol: c for c in report.citations if c.kind == "full"}
    assert by["23-QĐ/TW"].relation == "implements"
    assert by["23-QĐ/TW"].known.issuer == "Bộ Chính trị"
    assert by["25-NQ/TW"].known.date == "2013-06-03"
    short = [c for c in report.citations if c.kind == "partial"]
    assert [(c.label, c.node) for c in short] == [("Quyết định số 23", "23-QĐ/TW")]
    # An unsigned draft (`ngày      tháng 4 năm 2024`) is checked as of the end of the month it names.
    assert (report.draft_date, report.draft_date_basis) == ("2024-04-30", "header year/month")


def test_messages_name_the_facts(corpus):
    report = check_draft(DRAFTS / "party_errors_kh_huyen_uy.txt", corpus)
    msg = {f.code: f.message for f in report.findings}
    assert "23-QĐ/TW" in msg["superseded"] and "30/07/2021" in msg["superseded"]
    assert "Ban Chấp hành Trung ương" in msg["issuer_mismatch"] and "Ban Bí thư" in msg["issuer_mismatch"]
    assert "05-CTTW" in msg["malformed_symbol"] and "05-CT/TW" in msg["malformed_symbol"]
    assert "15/01/2026" in msg["cited_after_draft"]
    assert "Quyết định số 99" in msg["unresolved"]
    state = check_draft(DRAFTS / "state_errors_kh_ubnd.txt", corpus)
    msg = {f.code: f.message for f in state.findings}
    assert "09/01/2015" in msg["date_mismatch"] and "09/01/2016" in msg["date_mismatch"]
    assert "145/2020/NĐ-CP" in msg["superseded"]
    assert "12/03/2024" in msg["inconsistent_citation"] and "15/03/2024" in msg["inconsistent_citation"]


def test_suggestion_support_counts_comparable_plans(corpus):
    report = check_draft(DRAFTS / "party_errors_kh_huyen_uy.txt", corpus)
    (s,) = report.suggestions
    assert s.support == {"k": 2, "n": 3}
    assert len(s.peers) == 2 and all(p.startswith(("45-KH/HU", "112-KH/HU")) for p in s.peers)
    # 25-NQ/TW is cited by all three peers, and by the draft: no suggestion for it.
    assert all(x.node != "25-NQ/TW" for x in report.suggestions)


# --------------------------------------------------------------------------- .docx, registry alone, dates


def _write_docx(txt: Path, out: Path) -> Path:
    """The .txt draft as Word would hold it: the two-column header in a table, the rest as paragraphs."""
    import docx

    lines = txt.read_text(encoding="utf-8").split("\n")
    split = next(i for i, line in enumerate(lines) if line.strip() == "KẾ HOẠCH")
    head, body = lines[:split], lines[split:]
    left = [line[:41].strip() for line in head if line[:41].strip()]  # the drafts' right column is at 41
    right = [line[41:].strip() for line in head if line[41:].strip()]
    d = docx.Document()
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "\n".join(left)
    table.cell(0, 1).text = "\n".join(right)
    for line in body:
        d.add_paragraph(line)
    d.save(out)
    return out


def test_docx_twin_gives_the_same_findings(corpus, tmp_path):
    txt = DRAFTS / "party_errors_kh_huyen_uy.txt"
    docx_path = _write_docx(txt, tmp_path / "du_thao.docx")
    a, b = check_draft(txt, corpus), check_draft(docx_path, corpus)
    assert _codes(b) == _codes(a) and _where(b) == _where(a)
    assert [(c.symbol, c.status) for c in b.citations] == [(c.symbol, c.status) for c in a.citations]
    assert [(s.node, s.support) for s in b.suggestions] == [(s.node, s.support) for s in a.suggestions]
    for c in b.citations:  # offsets index the text read from the .docx
        assert b.text[c.start:c.end] == c.text


def test_bad_docx_is_a_one_line_error(tmp_path):
    from pipeline.check import DraftError

    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DraftError) as exc:
        extract_draft(bad)
    assert "\n" not in str(exc.value) and "docx" in str(exc.value)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_registry_alone_finds_the_registry_facts(name, registry_only):
    report = check_draft(DRAFTS / name, registry_only)
    assert report.against == "registry only"
    # Every seeded document is in the registry, so the findings are the same; suggestions need a corpus.
    assert _codes(report) == Counter({k: len(v) for k, v in EXPECTED[name].items()})
    assert report.suggestions == []


def test_superseded_only_when_the_replacement_took_effect_before_the_draft(corpus):
    result = extract_draft(DRAFTS / "state_errors_kh_ubnd.txt", registry=corpus.registry)
    before = check_result(result, corpus, when="2021-01-31")  # 145/2020/NĐ-CP took effect 01/02/2021
    after = check_result(result, corpus, when="2021-02-01")
    assert "superseded" not in _codes(before)
    assert _codes(after)["superseded"] == 1


@pytest.mark.parametrize("sentence, malformed", [
    ("Chỉ thị số 32-CTTW ngày 03 tháng 01 năm 2014 của Ban Bí thư về triển khai thi hành Hiến pháp.", True),
    ("Căn cứ Nghị định số 61/2018/NĐCP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa.", True),
    ("Thực hiện Nghị quyết số 25 –NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng.", False),
    ("Thực hiện Quyết định số 1043 - QĐ/TU ngày 21 tháng 9 năm 2003 của Ban Thường vụ Thành ủy.", False),
    ("Căn cứ Nghị định số 04/2015/NĐ-CP ngày 09/01/2015 của Chính phủ.", False),
    # A symbol cut short, its issuer missing (the example of issue 13): kept as a citation, reported.
    ("Tiếp tục thực hiện Chỉ thị số 05-CT/ ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo "
     "tư tưởng, đạo đức, phong cách Hồ Chí Minh.", True),
])
def test_malformed_symbol_is_a_missing_separator_not_a_space(sentence, malformed, registry_only):
    text = ("Cầu Kè, ngày 10 tháng 6 năm 2024\nSố 12-KH/HU\n\nKẾ HOẠCH\nthực hiện công tác dân vận năm 2024\n\n"
            + sentence + "\n")
    report = check_result(analyze_text(text, registry=registry_only.registry), registry_only, when="2024-06-30")
    assert ("malformed_symbol" in _codes(report)) is malformed


def test_ambiguous_local_symbol_needs_a_date(corpus):
    # 02-NQ/ĐUK is two documents in the corpus: of Trà Vinh (19/12/2019) and of Hà Nội (10/10/2012).
    text = ("KẾ HOẠCH\nthực hiện nhiệm vụ năm 2021\n\n"
            "Căn cứ Nghị quyết số 02-NQ/ĐUK của Ban Chấp hành Đảng bộ Khối về nhiệm vụ năm 2020;\n")
    report = check_result(analyze_text(text, registry=corpus.registry), corpus, when="2021-06-30")
    (c,) = report.citations
    assert c.status == "ambiguous" and len(c.candidates) == 2
    assert [f.code for f in c.findings] == ["unresolved"]
    dated = text.replace("02-NQ/ĐUK", "02-NQ/ĐUK ngày 19/12/2019")
    report = check_result(analyze_text(dated, registry=corpus.registry), corpus, when="2021-06-30")
    (c,) = report.citations
    assert c.status == "known" and c.node.startswith("02-NQ/ĐUK#Trà Vinh") and c.findings == []


def test_draft_date_sources():
    signed = analyze_text("Trà Vinh, ngày 19 tháng 3 năm 2020\nSố 27-KH/ĐUK\n\nKẾ HOẠCH\nvề dân vận\n")
    assert draft_date(signed) == ("2020-03-19", "document")
    assert draft_date(signed, "2021-01-01") == ("2021-01-01", "option")
    unsigned = analyze_text("Cầu Kè, ngày      tháng     năm 2024\n\nKẾ HOẠCH\nvề dân vận\n")
    assert draft_date(unsigned) == ("2024-12-31", "header year/month")


# --------------------------------------------------------------------------- outputs


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=300)


def test_cli_json_is_the_only_stdout_and_exit_code_says_error(build):
    p = _cli("check", str(DRAFTS / "party_errors_kh_huyen_uy.txt"), "--corpus", str(build), "--format", "json")
    assert p.returncode == 1, p.stderr
    data = json.loads(p.stdout)  # nothing else on stdout (underthesea prints when imported)
    assert set(data) >= {"document", "citations", "suggestions"}
    for c in data["citations"]:
        assert set(c) >= {"start", "end", "text", "symbol", "status", "node", "findings"}
        for f in c["findings"]:
            assert set(f) == {"code", "severity", "message"}
    assert Counter(f["code"] for c in data["citations"] for f in c["findings"]) == Counter(
        {k: len(v) for k, v in EXPECTED["party_errors_kh_huyen_uy.txt"].items()})
    assert data["suggestions"][0]["code"] == "missing_basis" and data["suggestions"][0]["node"] == "10/2022/QH15"
    assert data["suggestions"][0]["support"] == {"k": 2, "n": 3}


def test_cli_table_clean_draft_exits_0_and_registry_alone_says_so(build, tmp_path):
    p = _cli("check", str(DRAFTS / "clean_kh_huyen_uy.txt"), "--corpus", str(build))
    assert p.returncode == 0, p.stderr
    assert "23-QĐ/TW" in p.stdout and "0 errors" in p.stdout
    p = _cli("check", str(DRAFTS / "clean_kh_huyen_uy.txt"), "--corpus", str(tmp_path / "nowhere"), "-f", "json")
    assert p.returncode == 0
    json.loads(p.stdout)
    notes = [line for line in p.stderr.splitlines() if "registry alone" in line]
    assert len(notes) == 1 and "nowhere" in notes[0]


def test_cli_usage_errors_exit_2(tmp_path):
    p = _cli("check", str(tmp_path / "missing.txt"))
    assert p.returncode == 2 and "missing.txt" in p.stderr
    odd = tmp_path / "draft.odt"
    odd.write_bytes(b"x")
    p = _cli("check", str(odd), "--corpus", str(tmp_path))
    assert p.returncode == 2 and "draft.odt" in p.stderr and len(p.stderr.strip().splitlines()) <= 2
    p = _cli("check", "--help")
    assert p.returncode == 0 and "Exit codes" in p.stdout and "superseded" in p.stdout


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.marks: list[str] = []
        self._in_mark = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            self._in_mark += 1
            self.marks.append("")

    def handle_endtag(self, tag):
        if tag == "mark":
            self._in_mark -= 1

    def handle_data(self, data):
        self.text.append(data)
        if self._in_mark:
            self.marks[-1] += data


def test_html_is_self_contained_escaped_and_linked(corpus, tmp_path):
    src = (DRAFTS / "party_errors_kh_huyen_uy.txt").read_text(encoding="utf-8")
    hostile = src.replace("I. MỤC ĐÍCH, YÊU CẦU", "I. MỤC ĐÍCH, YÊU CẦU <script>alert(1)</script> & <b>x</b>")
    draft = tmp_path / "hostile.txt"
    draft.write_text(hostile, encoding="utf-8")
    report = check_draft(draft, corpus)
    page = render_html(report)
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", page) and "@import" not in page
    p = _Collect()
    p.feed(page)
    ids = {a.get("id") for _, a in p.tags if a.get("id")}
    links = [a["href"] for t, a in p.tags if t == "a" and "href" in a]
    assert links and all(h.startswith("#") and h[1:] in ids for h in links)
    assert [m for m in p.marks] == [report.text[c.start:c.end] for c in report.citations]
    assert "".join(p.text).count("290-QĐ/TW was replaced by 23-QĐ/TW") == 1


@pytest.mark.browser
def test_html_in_headless_chromium_shows_citations_and_findings(corpus, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent (make test installs it with scripts/setup-system.sh)")
    report = check_draft(DRAFTS / "party_errors_kh_huyen_uy.txt", corpus)
    page = write_html(report, tmp_path / "report.html")
    base = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,1000"]
    dom = subprocess.run(base + ["--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    p = _Collect()
    p.feed(dom.stdout)
    assert "290-QĐ/TW" in p.marks and "05-CTTW" in p.marks and "43-KH/TW" in p.marks
    seen = " ".join("".join(p.text).split())
    assert "290-QĐ/TW was replaced by 23-QĐ/TW from 30/07/2021" in seen
    assert "25-NQ/TW was issued by Ban Chấp hành Trung ương" in seen
    assert "5 errors" in seen and "missing_basis" in seen
    marks = [a for t, a in p.tags if t == "mark"]
    assert {"error", "warning", "ok"} <= {a.get("class") for a in marks}
    shot = tmp_path / "report.png"
    r = subprocess.run(base + [f"--screenshot={shot}", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and shot.exists() and shot.stat().st_size > 20_000


def test_pdf_twin_gives_the_same_findings(corpus, tmp_path):
    from pipeline.demo.samples import render_text_pdf

    txt = DRAFTS / "state_errors_kh_ubnd.txt"
    pdf = tmp_path / "du_thao.pdf"
    pdf.write_bytes(render_text_pdf(txt.read_text(encoding="utf-8")))
    a, b = check_draft(txt, corpus), check_draft(pdf, corpus)
    assert _codes(b) == _codes(a) and _where(b) == _where(a)
