"""`directives audit`: how far to trust a build nobody annotated."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from .common import TextFormat


def print_table(a, console=None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from pipeline.audit import FIELDS

    console = console or Console()
    s = a.summary()
    console.print(Text(f"audit of {a.build}: {a.documents} documents ({a.failed} failed), {a.references} references",
                       style="bold"))
    t = Table(title="own metadata present")
    t.add_column("source", overflow="fold")
    t.add_column("documents", justify="right")
    for f in FIELDS:
        t.add_column(f, justify="right")
    overall = a.completeness["overall"]
    t.add_row("all", str(a.documents), *(f"{100 * (overall[f]['share'] or 0):.0f}%" for f in FIELDS))
    for r in a.completeness["by_source"]:
        t.add_row(r["source"], str(r["documents"]),
                  *(f"{100 * r[f] / r['documents']:.0f}%" if r["documents"] else "" for f in FIELDS))
    console.print(t)
    t = Table(title=f"symbol-shaped text in no reference: {a.unextracted['total']}")
    for c in ("shape", "count", "documents", "e.g."):
        t.add_column(c, overflow="fold")
    for x in a.unextracted["shapes"][:15]:
        e = x["examples"][0] if x["examples"] else {}
        t.add_row(x["shape"], str(x["count"]), str(x["documents"]), f"{e.get('document', '')}: {e.get('context', '')}")
    console.print(t)
    sus = s["suspicious"]
    console.print(Text(
        f"{s['incomplete_references']} references missing a type, date or issuer the text next to them gives; "
        f"nodes that look wrong: {sus['named_hubs']} named nodes cited by many documents, "
        f"{sus['identity_splits']} symbols with several dates or issuers, {sus['one_apart']} pairs of symbols "
        f"one character apart, {sus['cited_before_issued']} citations of a document not yet issued"))
    console.print(Text(f"{s['no_references']} documents without references; {a.ocr['pages']} OCR'd pages, "
                       f"{s['low_confidence_pages']} under {a.ocr['threshold']:g} confidence; {s['chrome_lines']} "
                       f"lines of page chrome ({s['references_in_chrome']} references inside them)"))
    for g in a.chrome["groups"][:5]:
        console.print(Text(f"  chrome ×{g['count']} in {g['documents']} documents ({g['why']}): {g['line']}"))
    from pipeline.model import RELATIONS

    t = Table(title="relation mix per source")
    t.add_column("source", overflow="fold")
    t.add_column("references", justify="right")
    for r in RELATIONS:
        t.add_column(r, justify="right")
    for r in a.relations:
        t.add_row(Text(r["source"], style="bold red" if r["stands_out"] else ""), str(r["references"]),
                  *(str(r[x]) for x in RELATIONS))
    console.print(t)


def register(app) -> None:
    @app.command("audit")
    def audit_command(
        build: Path = typer.Argument(..., help="A build folder (the OUT of `directives ingest`)."),
        format: TextFormat = typer.Option(TextFormat.table, "--format", "-f",
                                          help="table, or json (the stable shape of ARCHITECTURE.md)."),
        html: Optional[Path] = typer.Option(None, "--html", help="Also write the audit as one self-contained "
                                            "HTML page (sortable tables, plots; nothing from the network)."),
        low_confidence: float = typer.Option(70.0, "--low-confidence", min=0, max=100,
                                             help="List OCR'd pages whose mean word confidence is under this."),
    ) -> None:
        """Report where a build is weak, before quoting a figure from it.

        Own metadata completeness (overall and per source), symbol-shaped text no reference took (grouped by shape, with contexts), references missing a type, date or issuer that the text next to them gives, nodes that look wrong (named nodes cited by many documents, symbols with several dates or issuers, symbols one character apart, documents cited before they were issued), documents with no reference, OCR'd pages of low confidence, page chrome, and the relation mix per source.

        Every item names its document: `directives show BUILD ID` shows it. The JSON is a stable shape (ARCHITECTURE.md, "The audit"). Exit code 1 when BUILD has no tables.

        Example: directives audit build/ --html build/audit.html
        """
        from pipeline.audit import AuditError, audit

        if not build.is_dir():
            typer.echo(f"error: {build}: no such folder", err=True)
            raise typer.Exit(2)
        try:
            a = audit(build, low_confidence=low_confidence)
        except AuditError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1)
        if html is not None:
            from pipeline.audit_html import write_html

            try:
                write_html(a, html)
            except OSError as exc:
                typer.echo(f"error: {html}: {exc.strerror or exc}", err=True)
                raise typer.Exit(1)
            typer.echo(f"audit page: {html}", err=True)
        if format == TextFormat.json:
            sys.stdout.write(json.dumps(a.to_json(), ensure_ascii=False, indent=1) + "\n")
        else:
            print_table(a)
