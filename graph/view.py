"""An interactive view of part of the citation graph that works offline: one self-contained HTML
file (inline SVG drawn at networkx layout positions, a few lines of inline JavaScript for hover
details, click-to-highlight neighbours, drag-to-pan and wheel-zoom). Nothing is loaded from a CDN.

    html = view.to_html(cg, cg.implementers("25-NQ/TW")["node"])
    view.save(cg, nodes, "tree.html");  IPython.display.HTML(html)
"""
from __future__ import annotations

import html as _html
import json
import math
import os
from pathlib import Path
from typing import Iterable

import networkx as nx

from .build import CitationGraph

LEVEL_COLORS = {"central": "#c0392b", "province": "#2471a3", "district": "#27ae60", "unit": "#d68910"}
RELATION_COLORS = {"implements": "#c0392b", "basis": "#7d3c98", "applies": "#2471a3", "amends": "#b9770e",
                   "replaces": "#17202a", "mentions": "#aab7b8"}

_SCRIPT = """
(function(){
  var root = document.getElementById(%(id)s), svg = root.querySelector('svg'), info = root.querySelector('.info');
  var vb = svg.viewBox.baseVal, drag = null;
  svg.addEventListener('wheel', function(e){ e.preventDefault();
    var k = e.deltaY > 0 ? 1.15 : 1/1.15, r = svg.getBoundingClientRect();
    var mx = vb.x + (e.clientX - r.left) / r.width * vb.width, my = vb.y + (e.clientY - r.top) / r.height * vb.height;
    vb.x = mx - (mx - vb.x) * k; vb.y = my - (my - vb.y) * k; vb.width *= k; vb.height *= k; });
  svg.addEventListener('mousedown', function(e){ drag = [e.clientX, e.clientY, vb.x, vb.y]; });
  window.addEventListener('mouseup', function(){ drag = null; });
  svg.addEventListener('mousemove', function(e){ if (!drag) return; var r = svg.getBoundingClientRect();
    vb.x = drag[2] - (e.clientX - drag[0]) / r.width * vb.width; vb.y = drag[3] - (e.clientY - drag[1]) / r.height * vb.height; });
  root.querySelectorAll('g.node').forEach(function(n){
    n.addEventListener('mouseenter', function(){ info.textContent = n.getAttribute('data-info'); });
    n.addEventListener('click', function(e){ e.stopPropagation(); var id = n.getAttribute('data-id'), keep = {};
      keep[id] = 1;
      root.querySelectorAll('line.edge').forEach(function(l){ var hit = l.getAttribute('data-s') === id || l.getAttribute('data-t') === id;
        l.style.opacity = hit ? 1 : 0.08; if (hit) { keep[l.getAttribute('data-s')] = 1; keep[l.getAttribute('data-t')] = 1; } });
      root.querySelectorAll('g.node').forEach(function(m){ m.style.opacity = keep[m.getAttribute('data-id')] ? 1 : 0.15; }); });
  });
  svg.addEventListener('click', function(){ root.querySelectorAll('g.node, line.edge').forEach(function(x){ x.style.opacity = ''; }); });
})();
"""


def _layout(h: nx.Graph, layout: str, seed: int) -> dict:
    if layout == "tree":
        # Layers by the `depth` attribute when given (implementation trees), else by BFS from sources.
        return nx.multipartite_layout(h, subset_key="layer", align="horizontal", scale=1.0)
    if len(h) <= 1:
        return {n: (0.0, 0.0) for n in h}
    return nx.spring_layout(h, seed=seed, k=1.5 / math.sqrt(len(h)))


def to_html(cg: CitationGraph, nodes: Iterable[str] | None = None, layout: str = "spring", depth: dict | None = None,
            width: int = 900, height: int = 600, seed: int = 1, title: str = "") -> str:
    """A self-contained HTML fragment (usable as a page) showing `nodes` (default: all) and the
    edges between them. layout: spring, or tree with `depth` mapping node -> layer."""
    g = cg.g
    keep = list(dict.fromkeys(n for n in (nodes if nodes is not None else g.nodes) if n in g))
    sub = nx.DiGraph()
    for n in keep:
        sub.add_node(n, layer=(depth or {}).get(n, 0))
    relations: dict[tuple[str, str], str] = {}
    for u, v, a in g.subgraph(keep).edges(data=True):
        # one line per pair: the strongest relation (the order of RELATION_COLORS)
        r = a.get("relation", "mentions")
        old = relations.get((u, v))
        if old is None or list(RELATION_COLORS).index(r) < list(RELATION_COLORS).index(old):
            relations[(u, v)] = r
        sub.add_edge(u, v)
    if layout == "tree" and depth is None:
        layer = {}
        for comp_root in [n for n in sub if sub.out_degree(n) == 0] or keep[:1]:
            for n, d in nx.single_source_shortest_path_length(sub.reverse(copy=False), comp_root).items():
                layer.setdefault(n, d)
        nx.set_node_attributes(sub, {n: layer.get(n, 0) for n in sub}, "layer")
    pos = _layout(sub, layout, seed)
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    pad = 40
    sx = (width - 2 * pad) / ((max(xs) - min(xs)) or 1)
    sy = (height - 2 * pad) / ((max(ys) - min(ys)) or 1)
    xy = {n: (pad + (p[0] - min(xs)) * sx, pad + (max(ys) - p[1]) * sy) for n, p in pos.items()}
    if layout == "tree":  # central documents on top
        xy = {n: (x, pad + (height - 2 * pad) * (1 - (y - pad) / max(height - 2 * pad, 1))) for n, (x, y) in xy.items()}
    uid = f"cgview{abs(hash((tuple(keep), layout, title))) % 10**8}"
    parts = [f'<div id="{uid}" style="font:12px sans-serif">']
    if title:
        parts.append(f"<div><b>{_html.escape(title)}</b></div>")
    parts.append(f'<svg viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px;border:1px solid #ddd;'
                 f'cursor:grab;background:#fff" xmlns="http://www.w3.org/2000/svg">')
    parts.append('<defs><marker id="%s-arrow" viewBox="0 0 10 10" refX="16" refY="5" markerWidth="6" '
                 'markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#888"/></marker></defs>' % uid)
    for (u, v), r in relations.items():
        (x1, y1), (x2, y2) = xy[u], xy[v]
        parts.append(f'<line class="edge" data-s="{_html.escape(u, True)}" data-t="{_html.escape(v, True)}" '
                     f'x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{RELATION_COLORS.get(r, "#999")}" '
                     f'stroke-width="1.2" marker-end="url(#{uid}-arrow)"><title>{_html.escape(r)}</title></line>')
    in_deg = dict(sub.in_degree())
    for n in keep:
        a = g.nodes[n]
        x, y = xy[n]
        radius = 4 + min(10, 2 * math.sqrt(in_deg.get(n, 0)))
        label = a.get("symbol") or (Path(str(a["source"])).name if a.get("source") else n)
        info = " · ".join(str(v) for v in (label, a.get("type"), a.get("date"), a.get("issuer"), a.get("place"),
                                           a.get("source")) if v)
        fill = LEVEL_COLORS.get(a.get("level"), "#7f8c8d")
        stroke = "#000" if a.get("ingested") else "#fff"
        parts.append(f'<g class="node" data-id="{_html.escape(n, True)}" data-info="{_html.escape(info, True)}" '
                     f'style="cursor:pointer"><circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{fill}" '
                     f'stroke="{stroke}" stroke-width="1"/><text x="{x + radius + 2:.1f}" y="{y + 4:.1f}" '
                     f'font-size="10">{_html.escape(str(label))}</text><title>{_html.escape(info)}</title></g>')
    parts.append("</svg>")
    legend = " ".join(f'<span style="color:{c}">● {lv}</span>' for lv, c in LEVEL_COLORS.items())
    legend += " &nbsp; " + " ".join(f'<span style="color:{c}">— {r}</span>' for r, c in RELATION_COLORS.items())
    parts.append(f'<div>{legend} &nbsp; (black ring: ingested; click a node, wheel to zoom, drag to pan)</div>')
    parts.append('<div class="info" style="min-height:1.4em;color:#333"></div>')
    parts.append(f"<script>{_SCRIPT % {'id': json.dumps(uid)}}</script></div>")
    return "\n".join(parts)


def save(cg: CitationGraph, nodes: Iterable[str] | None, path: str | os.PathLike, **kwargs) -> Path:
    """Write the view as a standalone HTML page."""
    path = Path(path)
    body = to_html(cg, nodes, **kwargs)
    path.write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{_html.escape(kwargs.get("title", "citation graph"))}'
                    f"</title></head><body>{body}</body></html>", encoding="utf-8")
    return path
