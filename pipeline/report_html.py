"""The HTML report of `directives check`: the draft's text with every citation highlighted and linked to
its findings. One self-contained file (inline CSS, no script, no external resource), readable offline;
every piece of the draft's text is escaped."""
from __future__ import annotations

import html
import os
from pathlib import Path

from .atomic import write_atomic

from .check import CODES, CheckReport, _iso_to_vn

CSS = """
body{font-family:"Noto Serif","Times New Roman",serif;margin:0;background:#f4f4f0;color:#1b1b1b;line-height:1.55}
header{background:#22313f;color:#fff;padding:14px 28px}
header h1{font-size:20px;margin:0 0 4px}
header p{margin:2px 0;font-size:14px;color:#dfe6ec}
.summary span{display:inline-block;margin-right:14px;font-weight:bold}
.summary .e{color:#ffb3b3}.summary .w{color:#ffe29a}.summary .ok{color:#b9f0c2}
main{display:flex;gap:24px;padding:20px 28px;align-items:flex-start}
.draft{flex:3;background:#fff;padding:24px 32px;border:1px solid #ddd;white-space:pre-wrap;font-size:15px;
 min-width:0;overflow-wrap:anywhere}
aside{flex:2;min-width:320px;font-family:"Noto Sans",Arial,sans-serif;font-size:14px}
mark{padding:1px 2px;border-radius:3px;border-bottom:3px solid;color:inherit}
mark a{color:inherit;text-decoration:none}
mark.error{background:#ffd9d6;border-color:#c62828}
mark.warning{background:#fff1c2;border-color:#e0a100}
mark.ok{background:#dcf2dd;border-color:#2e7d32}
mark.unknown{background:#eceff1;border-color:#90a4ae}
sup{font-size:10px;font-weight:bold;font-family:Arial,sans-serif;color:#555}
.card{background:#fff;border:1px solid #ddd;border-left:6px solid #2e7d32;padding:8px 12px;margin:0 0 10px}
.card.error{border-left-color:#c62828}.card.warning{border-left-color:#e0a100}.card.unknown{border-left-color:#90a4ae}
.card:target{outline:3px solid #1565c0}
.card h3{margin:0 0 4px;font-size:14px}
.card .meta{color:#555;font-size:13px}
.f{margin:4px 0 0;padding:4px 8px;border-radius:3px}
.f.error{background:#ffebe9}.f.warning{background:#fff7dc}
.f code{font-weight:bold}
.sev{font-weight:bold;text-transform:uppercase;font-size:11px;margin-right:4px}
.f.error .sev{color:#b71c1c}.f.warning .sev{color:#8a6100}
.sugg{background:#e8f1fb;border:1px solid #b6d0ee;padding:8px 12px;margin:0 0 10px}
.notes{color:#555;font-size:13px}
hr.page{border:0;border-top:2px dashed #bbb;margin:18px 0}
h2{font-size:16px;margin:0 0 10px}
table.codes{border-collapse:collapse;font-size:12px;margin-top:8px}
table.codes td{border-top:1px solid #ddd;padding:2px 6px;vertical-align:top}
"""


def _e(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def _t(text: str) -> str:
    """A run of the draft's text: escaped, page breaks drawn as a rule."""
    return _e(text).replace("\f", '<hr class="page">')


def _class(c) -> str:
    sev = {f.severity for f in c.findings}
    if "error" in sev:
        return "error"
    if "warning" in sev:
        return "warning"
    return "ok" if c.status == "known" else "unknown"


def render_html(report: CheckReport) -> str:
    d = report.document
    counts = report.counts()
    title = f"{d.get('type') or 'Dự thảo'} {d.get('symbol') or ''}".strip()
    # The text with each citation wrapped; citations never overlap, but guard against it.
    parts: list[str] = []
    pos = 0
    text = report.text
    order = sorted(range(len(report.citations)), key=lambda i: report.citations[i].start)
    for i in order:
        c = report.citations[i]
        if c.start < pos:
            continue
        n = i + 1
        parts.append(_t(text[pos:c.start]))
        tip = "; ".join(f"{f.code}: {f.message}" for f in c.findings) or c.status
        parts.append(f'<mark id="c{n}" class="{_class(c)}" title="{_e(tip)}"><a href="#f{n}">'
                     f'{_e(text[c.start:c.end])}</a></mark><sup>{n}</sup>')
        pos = c.end
    parts.append(_t(text[pos:]))
    cards = []
    for i, c in enumerate(report.citations, 1):
        k = c.known
        if k is not None:
            meta = (f"{_e(k.symbol or k.node)} · {_e(_iso_to_vn(k.date))} · {_e(k.issuer or '?')}"
                    + (f"<br>{_e(k.title)}" if k.title else "") + f" <i>({_e(k.source)})</i>")
        elif c.candidates:
            meta = "candidates: " + ", ".join(f"{_e(x.node)} ({_e(_iso_to_vn(x.date))})" for x in c.candidates)
        else:
            meta = "not in the corpus nor the registry"
        fs = "".join(f'<div class="f {f.severity}"><span class="sev">{_e(f.severity)}</span>'
                     f'<code>{_e(f.code)}</code> {_e(f.message)}</div>' for f in c.findings)
        cards.append(f'<div class="card {_class(c)}" id="f{i}"><h3><a href="#c{i}">[{i}]</a> '
                     f'{_e(c.label)} <span class="meta">— {_e(c.relation)}, {_e(c.status)}</span></h3>'
                     f'<div class="meta">{meta}</div>{fs}</div>')
    suggestions = "".join(
        f'<div class="sugg"><b>missing_basis</b> {_e(s.node)} — support {s.support["k"]} of {s.support["n"]}'
        f'<br>{_e(s.message)}</div>' for s in report.suggestions)
    notes = "".join(f"<p>{_e(n)}</p>" for n in report.notes)
    legend = "".join(f"<tr><td><code>{_e(code)}</code></td><td>{_e(sev)}</td><td>{_e(what)}</td></tr>"
                     for code, (sev, what) in CODES.items())
    ok = not counts.get("error") and not counts.get("warning")
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kiểm tra dự thảo — {_e(title)}</title>
<style>{CSS}</style></head>
<body>
<header><h1>Kiểm tra căn cứ dự thảo: {_e(title)}</h1>
<p>{_e(" ".join((d.get("title") or "").split()))}</p>
<p>{_e(d.get("source"))} · checked as of {_e(_iso_to_vn(report.draft_date))} ({_e(report.draft_date_basis)}),
against the {_e(report.against)}</p>
<p class="summary"><span>{len(report.citations)} citations</span>
<span class="e">{counts.get("error", 0)} errors</span><span class="w">{counts.get("warning", 0)} warnings</span>
<span>{len(report.suggestions)} suggestions</span>{'<span class="ok">no problem found</span>' if ok else ''}</p>
</header>
<main>
<div class="draft">{"".join(parts)}</div>
<aside>
{('<h2>Suggestions</h2>' + suggestions) if suggestions else ''}
<h2>Citations and findings</h2>
{"".join(cards)}
<div class="notes">{notes}<table class="codes">{legend}</table></div>
</aside>
</main>
</body></html>
"""


def write_html(report: CheckReport, path: str | os.PathLike) -> Path:
    """Write the report atomically (a temporary file in the same folder, then renamed)."""
    return write_atomic(path, render_html(report))
