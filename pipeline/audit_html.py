"""The HTML page of `directives audit --html`: one self-contained file (inline CSS, a few lines of
inline script to sort the tables, plots as inline SVG drawn by matplotlib; nothing loaded from the
network). Every table is sortable by clicking its header; long lists are cut at MAX_ROWS rows (the
JSON has them all), which keeps the page of a 10,000-document build small and quick to open."""
from __future__ import annotations

import html
import io
import os
from pathlib import Path
from typing import Any, Iterable

from .atomic import write_atomic
from .audit import FIELDS, Audit

MAX_ROWS = 200

CSS = """
body{font-family:"Noto Sans",Arial,sans-serif;margin:0;background:#f4f4f0;color:#1b1b1b;font-size:14px}
header{background:#22313f;color:#fff;padding:14px 28px}
header h1{font-size:20px;margin:0 0 6px}
header p{margin:2px 0;color:#dfe6ec}
nav{padding:6px 28px;background:#e4e8ec;font-size:13px}
nav a{margin-right:12px;color:#1f4e79}
section{background:#fff;margin:14px 28px;padding:12px 18px;border:1px solid #ddd}
h2{font-size:17px;margin:4px 0 8px}
h3{font-size:14px;margin:12px 0 4px}
.figs{display:flex;flex-wrap:wrap;gap:12px}
.figs svg{max-width:100%;height:auto}
table{border-collapse:collapse;font-size:12.5px;margin:6px 0}
th,td{border:1px solid #d6d6d6;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#eef1f4;cursor:pointer;user-select:none;white-space:nowrap}
th.asc::after{content:" \\25B2"}th.desc::after{content:" \\25BC"}
td.n{text-align:right;font-variant-numeric:tabular-nums}
td.ctx{max-width:640px}
.more{color:#666;font-size:12px}
.bad{color:#b71c1c;font-weight:bold}
code{background:#f1f1ec;padding:0 3px}
"""

SORT_JS = """
document.querySelectorAll('table.sortable th').forEach(function(th){
 th.addEventListener('click',function(){
  var table=th.closest('table'),body=table.tBodies[0],i=Array.prototype.indexOf.call(th.parentNode.children,th);
  var asc=!th.classList.contains('asc');
  table.querySelectorAll('th').forEach(function(h){h.classList.remove('asc','desc')});
  th.classList.add(asc?'asc':'desc');
  var rows=Array.prototype.slice.call(body.rows);
  function key(r){var t=r.cells[i]?r.cells[i].textContent.trim():'';var n=parseFloat(t.replace(/[%,]/g,''));
   return isNaN(n)||!/^-?[\\d.,]+%?$/.test(t)?[1,t.toLowerCase()]:[0,n]}
  rows.sort(function(a,b){var x=key(a),y=key(b);if(x[0]!==y[0])return x[0]-y[0];
   return (x[1]<y[1]?-1:x[1]>y[1]?1:0)*(asc?1:-1)});
  rows.forEach(function(r){body.appendChild(r)});
 });
});
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _doc_link(item: dict[str, Any], build: str) -> str:
    """The document an item is about: a link to its file, with the command that shows it."""
    doc, source = item.get("document", ""), item.get("source") or ""
    target = Path(source)
    href = target.resolve().as_uri() if source and target.exists() else (Path(build) / "docs" / f"{doc}.json").resolve().as_uri()
    tip = f"{source} — directives show {build} {doc}"
    return f'<a href="{_e(href)}" title="{_e(tip)}">{_e(doc)}</a>'


def _table(columns: list[str], rows: Iterable[list[str]], total: int | None = None, numeric: set[int] = frozenset(),
           wide: set[int] = frozenset()) -> str:
    """A sortable table; `rows` are cells already escaped."""
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = []
    n = 0
    for row in rows:
        if n >= MAX_ROWS:
            break
        cells = "".join(f'<td class="{"n" if i in numeric else "ctx" if i in wide else ""}">{c}</td>'
                        for i, c in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
        n += 1
    more = ""
    if total is not None and total > n:
        more = f'<p class="more">{n} of {total} shown; all are in <code>--format json</code>.</p>'
    return f'<table class="sortable"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>{more}'


def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]  # drop the XML prolog and doctype: inline SVG in HTML


def _plots(a: Audit) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "font.size": 9, "font.family": "DejaVu Sans"})
    out = []
    overall = a.completeness.get("overall", {})
    fig, ax = plt.subplots(figsize=(4.2, 2.4))
    shares = [100 * (overall.get(f, {}).get("share") or 0) for f in FIELDS]
    ax.barh(list(FIELDS)[::-1], shares[::-1], color="#3c78a8")
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of documents")
    ax.set_title("own metadata present")
    out.append(_svg(fig))

    shapes = a.unextracted.get("shapes", [])[:12]
    if shapes:
        fig, ax = plt.subplots(figsize=(4.6, 0.3 * len(shapes) + 0.8))
        ax.barh([s["shape"] for s in shapes][::-1], [s["count"] for s in shapes][::-1], color="#b0662a")
        ax.set_xlabel("occurrences outside any reference")
        ax.set_title("unextracted symbol shapes")
        out.append(_svg(fig))

    from .model import RELATIONS

    rel = [r for r in a.relations if r["references"]][:20]
    if rel:
        fig, ax = plt.subplots(figsize=(5.2, 0.3 * len(rel) + 1.0))
        left = [0.0] * len(rel)
        colours = ["#2e7d32", "#1565c0", "#6a1b9a", "#ef6c00", "#c62828", "#90a4ae"]
        for relation, colour in zip(RELATIONS, colours):
            values = [100 * r[relation] / r["references"] for r in rel]
            ax.barh([r["source"][-28:] for r in rel], values, left=left, color=colour, label=relation)
            left = [x + v for x, v in zip(left, values)]
        ax.set_xlim(0, 100)
        ax.invert_yaxis()
        ax.set_xlabel("% of the source's references")
        ax.set_title("relation mix per source")
        ax.legend(fontsize=7, ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.25 - 0.3 / max(1, len(rel))))
        out.append(_svg(fig))

    hist = a.ocr.get("histogram") or []
    if a.ocr.get("with_confidence"):
        fig, ax = plt.subplots(figsize=(4.2, 2.4))
        ax.bar([f"{10 * b}" for b in range(10)], hist, color="#607d8b")
        ax.set_xlabel("mean word confidence (from)")
        ax.set_ylabel("OCR'd pages")
        ax.set_title("Tesseract confidence")
        out.append(_svg(fig))
    return out


def render_html(a: Audit) -> str:
    b = a.build
    s = a.summary()
    overall = a.completeness.get("overall", {})
    sections: list[tuple[str, str, str]] = []

    rows = [[_e(f), str(overall[f]["present"]), str(overall[f]["total"]),
             f'{100 * (overall[f]["share"] or 0):.1f}%'] for f in FIELDS if f in overall]
    per = [[_e(r["source"]), str(r["documents"])] + [f'{100 * r[f] / r["documents"]:.0f}%' if r["documents"] else ""
                                                    for f in FIELDS] for r in a.completeness.get("by_source", [])]
    missing = []
    for f in FIELDS:
        items = a.completeness.get("missing", {}).get(f, [])
        if items:
            missing.append(f"<h3>no {f} ({len(items)})</h3>" + _table(
                ["document", "source"], ([_doc_link(x, b), _e(x["source"])] for x in items), len(items)))
    sections.append(("completeness", "Own metadata completeness",
                     _table(["field", "present", "documents", "share"], rows, numeric={1, 2, 3})
                     + "<h3>per source</h3>" + _table(["source", "documents", *FIELDS], per, len(per),
                                                     numeric=set(range(1, 8)))
                     + "".join(missing)))

    shapes = a.unextracted.get("shapes", [])
    sections.append(("unextracted", f"Symbol-shaped text in no reference ({a.unextracted.get('total', 0)})",
                     _table(["shape", "count", "documents", "example", "context"],
                            ([_e(x["shape"]), str(x["count"]), str(x["documents"]),
                              _doc_link(x["examples"][0], b) if x["examples"] else "",
                              _e(x["examples"][0]["context"]) if x["examples"] else ""] for x in shapes),
                            len(shapes), numeric={1, 2}, wide={4})))

    inc = a.incomplete_references
    sections.append(("incomplete", f"References missing what the text next to them gives ({len(inc)})",
                     _table(["document", "offset", "reference", "missing", "nearby"],
                            ([_doc_link(x, b), str(x["start"]), _e(x["text"]), _e(x["missing"]), _e(x["nearby"])]
                             for x in inc), len(inc), numeric={1})))

    sus = a.suspicious
    hubs = sus.get("named_hubs", [])
    splits = sus.get("identity_splits", [])
    near = sus.get("one_apart", [])
    early = sus.get("cited_before_issued", [])
    body = (f"<h3>named nodes cited by many documents ({len(hubs)})</h3>"
            + _table(["node", "documents", "references", "forms", "e.g."],
                     ([_e(x["node"]), str(x["documents"]), str(x["references"]), _e(" | ".join(x["forms"])),
                       _doc_link(x["examples"][0], b)] for x in hubs), len(hubs), numeric={1, 2}, wide={3})
            + f"<h3>one symbol, several dates or issuers ({len(splits)})</h3>"
            + _table(["symbol", "documents", "dates", "issuers", "nodes", "e.g."],
                     ([_e(x["symbol"]), str(x["documents"]),
                       _e(", ".join(f"{k} ×{v}" for k, v in x["dates"].items())),
                       _e(", ".join(f"{k} ×{v}" for k, v in x["issuers"].items())), _e(", ".join(x["nodes"])),
                       _doc_link(x["examples"][0], b)] for x in splits), len(splits), numeric={1}, wide={3})
            + f"<h3>symbols one character apart ({len(near)})</h3>"
            + _table(["a", "cited", "b", "cited"],
                     ([_e(x["a"]), str(x["cited_a"]), _e(x["b"]), str(x["cited_b"])] for x in near), len(near),
                     numeric={1, 3})
            + f"<h3>cited before it was issued ({len(early)})</h3>"
            + _table(["document", "its date", "cites", "node", "node's date"],
                     ([_doc_link(x, b), _e(x["document_date"]), _e(x["text"]), _e(x["node"]), _e(x["node_date"])]
                      for x in early), len(early)))
    sections.append(("suspicious", "Nodes that look wrong", body))

    nr = a.no_references
    low = a.ocr.get("low", [])
    ocr_note = (f"{a.ocr.get('pages', 0)} OCR'd pages, {a.ocr.get('with_confidence', 0)} with a recorded confidence; "
                f"listed: under {a.ocr.get('threshold')}.")
    groups = a.chrome.get("groups", [])
    sections.append(("documents", "Documents to look at",
                     f"<h3>no references ({len(nr)})</h3>"
                     + _table(["document", "source"], ([_doc_link(x, b), _e(x["source"])] for x in nr), len(nr))
                     + f"<h3>OCR'd pages of low confidence ({len(low)})</h3><p>{_e(ocr_note)}</p>"
                     + _table(["document", "page", "confidence"],
                              ([_doc_link(x, b), str(x["page"]), f'{x["confidence"]:.1f}'] for x in low), len(low),
                              numeric={1, 2})
                     + f"<h3>page chrome ({a.chrome.get('lines', 0)} lines)</h3>"
                     + _table(["line (digits as #)", "why", "lines", "documents", "references inside", "e.g."],
                              ([_e(g["line"]), _e(g["why"]), str(g["count"]), str(g["documents"]),
                                f'<span class="bad">{g["references_inside"]}</span>' if g["references_inside"]
                                else "0", _doc_link(g["examples"][0], b)] for g in groups), len(groups),
                              numeric={2, 3, 4}, wide={0})))

    from .model import RELATIONS

    rel = a.relations
    sections.append(("relations", "Relation mix per source",
                     _table(["source", "references", *RELATIONS, "top", "stands out"],
                            ([_e(r["source"]), str(r["references"])] + [str(r[x]) for x in RELATIONS]
                             + [_e(r["top"]), '<span class="bad">yes</span>' if r["stands_out"] else ""]
                             for r in rel), len(rel), numeric=set(range(1, 2 + len(RELATIONS))))))

    figs = "".join(_plots(a))
    nav = "".join(f'<a href="#{k}">{_e(t.split(" (")[0])}</a>' for k, t, _ in sections)
    comp = " · ".join(f"{f} {100 * (v or 0):.0f}%" for f, v in s["completeness"].items())
    secs = "".join(f'<section id="{k}"><h2>{_e(t)}</h2>{body}</section>' for k, t, body in sections)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Audit — {_e(b)}</title>
<style>{CSS}</style></head>
<body>
<header><h1>Audit of {_e(b)}</h1>
<p>{a.documents} documents ({a.failed} failed), {a.references} references</p>
<p>own metadata: {_e(comp)}</p>
<p>{s["unextracted_symbols"]} symbol-shaped strings in no reference · {s["incomplete_references"]} incomplete
references · {s["no_references"]} documents without references · {s["chrome_lines"]} chrome lines
({s["references_in_chrome"]} references inside them)</p></header>
<nav>{nav}</nav>
<section id="plots"><div class="figs">{figs}</div></section>
{secs}
<script>{SORT_JS}</script>
</body></html>
"""


def write_html(a: Audit, path: str | os.PathLike) -> Path:
    """Write the page atomically (a temporary file in the same folder, then renamed)."""
    return write_atomic(path, render_html(a))
