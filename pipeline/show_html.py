"""The HTML page of `directives show --html`: a document's text with every reference marked, coloured
by relation, its kind written after it, and on hover what was read (type, symbol, date, issuer,
target). Its own metadata is the header; chains, warnings and a table of the references follow.
One self-contained file (inline CSS, no script, nothing from the network); the text is escaped and
kept whole (each mark's text is the text between the reference's offsets)."""
from __future__ import annotations

import html
import os
from pathlib import Path

from .atomic import write_atomic
from .model import RELATIONS
from .show import Shown

COLOURS = {"basis": "#2e7d32", "implements": "#1565c0", "applies": "#6a1b9a", "amends": "#ef6c00",
           "replaces": "#c62828", "mentions": "#78909c"}

CSS = """
body{font-family:"Noto Serif","Times New Roman",serif;margin:0;background:#f4f4f0;color:#1b1b1b;line-height:1.55}
header{background:#22313f;color:#fff;padding:14px 28px;font-family:"Noto Sans",Arial,sans-serif}
header h1{font-size:20px;margin:0 0 6px}
header table{font-size:13px;color:#dfe6ec;border-collapse:collapse}
header td{padding:1px 12px 1px 0;vertical-align:top}
header td.k{color:#9fb3c8}
.legend{font-family:"Noto Sans",Arial,sans-serif;font-size:12px;padding:6px 28px;background:#e4e8ec}
.legend span{display:inline-block;margin-right:10px;padding:0 6px;border-bottom:3px solid}
main{display:flex;gap:24px;padding:18px 28px;align-items:flex-start}
.text{flex:3;background:#fff;padding:22px 30px;border:1px solid #ddd;white-space:pre-wrap;font-size:15px;min-width:0;
 overflow-wrap:anywhere}
aside{flex:2;min-width:340px;font-family:"Noto Sans",Arial,sans-serif;font-size:13px}
mark{padding:1px 2px;border-radius:3px;border-bottom:3px solid;color:inherit;cursor:help}
mark:target{outline:3px solid #1565c0}
sup.k{font-size:9.5px;font-family:Arial,sans-serif;color:#555;margin-left:1px}
hr.page{border:0;border-top:2px dashed #bbb;margin:18px 0}
h2{font-size:15px;margin:12px 0 6px}
table.refs{border-collapse:collapse;font-size:12px;background:#fff}
table.refs td,table.refs th{border:1px solid #ddd;padding:2px 5px;vertical-align:top;text-align:left}
.w{background:#fff7dc;border:1px solid #eedc9a;padding:3px 8px;margin:3px 0}
.chain{background:#e8f1fb;border:1px solid #b6d0ee;padding:3px 8px;margin:3px 0}
"""


def _e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _t(text: str) -> str:
    """A run of the document's text: escaped, page breaks drawn as a rule."""
    return _e(text).replace("\f", '<hr class="page">')


def _mark_css() -> str:
    return "".join(f"mark.{r}{{background:{c}22;border-color:{c}}}.legend span.{r}{{border-color:{c}}}"
                   for r, c in COLOURS.items())


def render_html(shown: Shown) -> str:
    d = shown.document
    parts = []
    for text, m in shown.segments():
        if m is None:
            parts.append(_t(text))
        else:
            n = m.index + 1
            parts.append(f'<mark id="r{n}" class="{_e(m.relation)}" data-kind="{_e(m.kind)}" data-start="{m.start}" '
                         f'data-end="{m.end}" title="{_e(m.tip())}">{_t(text)}</mark><sup class="k">{_e(m.kind)}</sup>')
    meta_rows = [("type", d.get("type")), ("symbol", d.get("symbol")), ("date", d.get("date")),
                 ("place", d.get("place")), ("issuer", d.get("issuer_body") or d.get("issuer")),
                 ("signer", d.get("signer")), ("title", " ".join((d.get("title") or "").split())),
                 ("pages", d.get("pages")), ("OCR'd pages", ", ".join(map(str, d.get("ocr_pages") or [])) or None),
                 ("source", d.get("source")), ("id", d.get("id"))]
    meta = "".join(f'<tr><td class="k">{_e(k)}</td><td>{_e(v) if v not in (None, "") else "—"}</td></tr>'
                   for k, v in meta_rows)
    refs = "".join(
        f'<tr><td><a href="#r{m.index + 1}">{m.index + 1}</a></td><td>{_e(" ".join(m.text.split()))}</td>'
        f"<td>{_e(m.kind)}</td><td>{_e(m.relation)}</td><td>{_e(m.type)}</td><td>{_e(m.date)}</td>"
        f"<td>{_e(m.node or m.target)}</td></tr>" for m in sorted(shown.marks + shown.unmarked, key=lambda m: m.index))
    chains = "".join(f'<div class="chain">{_e(c["source"])} —{_e(c["relation"])}→ {_e(c["target"])}</div>'
                     for c in shown.chains) or "<p>none</p>"
    warnings = "".join(
        f'<div class="w"><b>{_e(w.get("code"))}</b> {_e(w.get("message"))}'
        + (f' <i>(at {w["start"]})</i>' if w.get("start") is not None else "") + "</div>"
        for w in shown.warnings) or "<p>none</p>"
    counts = {r: sum(m.relation == r for m in shown.marks) for r in RELATIONS}
    legend = "".join(f'<span class="{r}">{_e(r)} {counts[r]}</span>' for r in RELATIONS)
    title = f"{d.get('type') or ''} {d.get('symbol') or ''}".strip() or Path(str(d.get("source") or "")).name
    unmarked = (f"<p>{len(shown.unmarked)} references overlap an earlier one and are listed, not marked.</p>"
                if shown.unmarked else "")
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title>
<style>{CSS}{_mark_css()}</style></head>
<body>
<header><h1>{_e(title)}</h1><table>{meta}</table></header>
<div class="legend">{len(shown.marks)} references: {legend} · kinds: full, partial, descriptive, named</div>
<main>
<div class="text">{"".join(parts)}</div>
<aside>
<h2>Chains</h2>{chains}
<h2>Warnings</h2>{warnings}
<h2>References</h2>{unmarked}
<table class="refs"><thead><tr><th>#</th><th>text</th><th>kind</th><th>relation</th><th>type</th><th>date</th>
<th>target</th></tr></thead><tbody>{refs}</tbody></table>
</aside>
</main>
</body></html>
"""


def write_html(shown: Shown, path: str | os.PathLike) -> Path:
    return write_atomic(path, render_html(shown))
