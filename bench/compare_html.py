"""Which library finds a saved web page's document and drops the portal's chrome?

    python -m bench.compare_html CORPUS_REAL [--files 40] [--seeds corpus/]

Not part of `make bench` (it needs the shared real corpus, given by path). Two kinds of pages:

* real portal pages: `CORPUS_REAL/texts/tvplmd_*.txt` are a legal portal's pages converted to
  markdown with the site's chrome; `SOURCES.tsv` gives a heuristic window of the document proper.
  Each is rendered back to HTML with the `markdown` package, the chrome before and after the window
  in the page's own blocks (`#header`, `#footer`) and the document in `#content` ("blocks"); the
  chrome after the document in sibling boxes of one wrapper with it, as the portal lays it out
  ("nested"); and also as one undivided stream of paragraphs ("flat", the hardest case: no structure to go by);
* the seeds inside a portal's chrome (pipeline.demo.samples.render_portal_html).

The document's own text (the window alone, rendered the same way) is what an ideal extractor returns.
Both go through the project's extractor; for each candidate library: share of the document's numbered
references found, distinct references it adds (chrome: the portal's notices, related lists), own
metadata fields equal to the ideal's, share of the document's lines kept and of chrome lines kept.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import time
import unicodedata
from pathlib import Path

META = ("type", "symbol", "date", "place", "issuer", "signer")


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _lines(text: str) -> set[str]:
    return {_norm(x) for x in text.splitlines() if len(_norm(x)) >= 20}


def md_html(markdown_text: str) -> str:
    import markdown

    return markdown.markdown(markdown_text, extensions=["tables"])


def real_pages(corpus: Path, limit: int) -> list[tuple[str, dict[str, str], str]]:
    """(name, {mode: html}, ideal html fragment) for tvplmd pages whose window is not the whole file."""
    rows = list(csv.DictReader(open(corpus / "SOURCES.tsv", encoding="utf-8"), delimiter="\t"))
    out = []
    for row in rows:
        if not row["file"].startswith("tvplmd_"):
            continue
        text = (corpus / "texts" / row["file"]).read_text(encoding="utf-8")
        start, end = int(row["body_start"]), int(row["body_end"])
        if start == 0 and end >= len(text) - 10:
            continue
        before, body, after = md_html(text[:start]), md_html(text[start:end]), md_html(text[end:])
        head = '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>%s</title></head><body>' % row["title"]
        blocks = (f'{head}<div id="header">{before}</div><div id="content" class="content1">{body}</div>'
                  f'<div id="footer">{after}</div></body></html>')
        flat = f"{head}{md_html(text)}</body></html>"
        # As the portal lays a page out: the chrome after the document in sibling boxes of one
        # wrapper with it (the related list, the notices to members, the contact block), each box
        # a run of the markdown between the converter's lone `|` lines.
        boxes = "".join(f'<div class="box">{md_html(part)}</div>'
                        for part in re.split(r"\n\|\n(?:\|\n)*", text[end:]) if part.strip())
        nested = (f'{head}<div id="header">{before}</div><div id="main"><div id="content" class="content1">'
                  f'{body}</div>{boxes}</div></body></html>')
        out.append((row["file"], {"blocks": blocks, "nested": nested, "flat": flat}, body))
        if len(out) >= limit:
            break
    return out


def seed_pages(seeds: Path) -> list[tuple[str, dict[str, str], str]]:
    from pipeline.demo.samples import render_portal_html

    out = []
    for path in sorted(seeds.glob("0*.txt")):
        text = path.read_text(encoding="utf-8")
        page = render_portal_html(text).decode("utf-8")
        body = page.split('<div id="doc-body">', 1)[1].split("</div>\n</div>", 1)[0]
        out.append((path.name, {"portal": page}, body))
    return out


# ------------------------------------------------------------------------------------ candidates


def c_trafilatura(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_tables=True, include_comments=False) or ""


def c_trafilatura_recall(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_tables=True, include_comments=False, favor_recall=True) or ""


def c_trafilatura_precision(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_tables=True, include_comments=False, favor_precision=True) or ""


def c_readability(html: str) -> str:
    from readability import Document

    from pipeline.read_web import parse_html, render_text

    return render_text(parse_html(Document(html).summary()))


def c_justext(html: str) -> str:
    import justext

    paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist("Vietnamese"), encoding="utf-8")
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def c_resiliparse(html: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(html, main_content=True, preserve_formatting=True)


def c_reader(html: str) -> str:
    """The project's reader (pipeline.read_web): the chosen locator, the page's own line breaks."""
    from pipeline.read_web import page_document

    return page_document(html)[0]


def c_everything(html: str) -> str:
    """No extractor: the whole page's text (what the project read before, had it read HTML)."""
    from pipeline.read_web import parse_html, render_text

    return render_text(parse_html(html))


CANDIDATES = {
    "whole page (no extractor)": c_everything,
    "trafilatura": c_trafilatura,
    "trafilatura favor_recall": c_trafilatura_recall,
    "trafilatura favor_precision": c_trafilatura_precision,
    "readability-lxml": c_readability,
    "justext (Vietnamese)": c_justext,
    "resiliparse main_content": c_resiliparse,
    "pipeline.read_web": c_reader,
}


def facts(text: str) -> tuple[set[str], dict[str, object]]:
    from pipeline.document import analyze_text

    result = analyze_text(text)
    refs = {r.symbol or r.text for r in result.references if r.kind in ("full", "partial")}
    return refs, {name: getattr(result.document, name) for name in META}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus_real", type=Path)
    ap.add_argument("--files", type=int, default=40)
    ap.add_argument("--seeds", type=Path, default=Path(__file__).resolve().parent.parent / "corpus")
    args = ap.parse_args(argv)
    from pipeline.read_web import parse_html, render_text

    sets = {"real pages, blocks": [], "real pages, nested": [], "real pages, flat": [], "seeds in portal chrome": []}
    for name, modes, body in real_pages(args.corpus_real, args.files):
        sets["real pages, blocks"].append((name, modes["blocks"], body))
        sets["real pages, nested"].append((name, modes["nested"], body))
        sets["real pages, flat"].append((name, modes["flat"], body))
    for name, modes, body in seed_pages(args.seeds):
        sets["seeds in portal chrome"].append((name, modes["portal"], body))
    ideal = {}
    for pages in sets.values():
        for name, page, body in pages:
            if name not in ideal:
                text = render_text(parse_html(f"<html><body>{body}</body></html>"))
                refs, meta = facts(text)
                ideal[name] = (text, refs, meta)
    print(f"{len(ideal)} documents; figures: numbered references found / in the document, references "
          "added (distinct, per page), own metadata fields equal to the document's alone, "
          "document lines kept, chrome lines kept, time")
    for set_name, pages in sets.items():
        print(f"\n{set_name} ({len(pages)} pages)")
        print(f"  {'candidate':<28} {'refs found':>10} {'added':>6} {'pages+':>6} {'meta':>6} "
              f"{'doc lines':>9} {'chrome':>7} {'ms/page':>8}")
        for cand, fn in CANDIDATES.items():
            found = total = added = pages_added = meta_ok = meta_n = 0
            kept = doc_lines = chrome_kept = chrome_lines = 0
            elapsed = 0.0
            for name, page, _body in pages:
                text_i, refs_i, meta_i = ideal[name]
                t0 = time.perf_counter()
                try:
                    out = fn(page)
                except Exception as exc:  # a candidate failing on a page counts as finding nothing
                    print(f"    {cand} failed on {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
                    out = ""
                elapsed += time.perf_counter() - t0
                refs, meta = facts(out) if out.strip() else (set(), {m: None for m in META})
                found += len(refs & refs_i)
                total += len(refs_i)
                added += len(refs - refs_i)
                pages_added += bool(refs - refs_i)
                for m in META:
                    if meta_i[m] is not None:
                        meta_n += 1
                        meta_ok += meta[m] == meta_i[m]
                doc = _lines(text_i)
                page_all = _lines(render_text(parse_html(page)))
                chrome = page_all - doc
                got = {_norm(x) for x in re.split(r"\n", out)}
                got_text = _norm(out)
                kept += sum(1 for x in doc if x in got or x in got_text)
                doc_lines += len(doc)
                chrome_kept += sum(1 for x in chrome if x in got or x in got_text)
                chrome_lines += len(chrome)
            print(f"  {cand:<28} {found / max(total, 1):>10.3f} {added:>6} {pages_added:>6} "
                  f"{meta_ok / max(meta_n, 1):>6.3f} {kept / max(doc_lines, 1):>9.3f} "
                  f"{chrome_kept / max(chrome_lines, 1):>7.3f} {1000 * elapsed / max(len(pages), 1):>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
