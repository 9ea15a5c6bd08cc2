"""`directives extract`: one document's metadata, references and chains."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from pipeline.errors import ReadError

from .common import TextFormat


def extract(
    file: Path = typer.Argument(..., help="A document: .txt, .pdf, .png, .jpg or .tif."),
    format: TextFormat = typer.Option(TextFormat.json, "--format", "-f", help="json (the contract) or table."),
    workers: int = typer.Option(0, "--workers", "-j", min=0,
                                help="Processes sharing a large file's documents (0: one per core). The output is the same."),
) -> None:
    """Extract one document to stdout: its own metadata, every reference with offsets, kind, type,
    symbol, date, issuer, relation and resolved target, the chains between cited documents, warnings.

    The JSON is a stable contract: {"document", "text", "references", "chains", "warnings"}; all
    offsets index "text".
    """
    # (The extractor loads only underthesea's sentence splitter, which prints nothing: pipeline/segment.py.)
    from pipeline.document import analyze_document, usable_cores

    if not file.exists():
        typer.echo(f"error: {file}: no such file", err=True)
        raise typer.Exit(2)
    try:
        result = analyze_document(file, workers=workers or usable_cores())
    except ReadError as exc:
        typer.echo(f"error: {file}: {exc}", err=True)
        raise typer.Exit(1)
    if format == TextFormat.json:
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    d = result.document
    console.print(f"[bold]{d.type or '?'} {d.symbol or ''}[/bold]  {d.date or ''}  {d.place or ''}")
    console.print(f"issuer: {d.issuer or '-'}   signer: {d.signer or '-'}   pages: {d.pages}")
    if d.title:
        console.print(f"title: {d.title}")
    table = Table(show_lines=False)
    for col in ("page", "text", "kind", "type", "symbol", "date", "issuer", "relation", "target"):
        table.add_column(col)
    for r in result.references:
        table.add_row(str(r.page or ""), " ".join(r.text.split()), r.kind, r.type or "", r.symbol or "",
                      r.date or "", r.issuer or "", r.relation, r.target or "")
    console.print(table)
    for c in result.chains:
        console.print(f"chain: {c.source} --{c.relation}--> {c.target}")
    for w in result.warnings:
        console.print(f"[yellow]warning[/yellow] {w.code}: {w.message}")


def register(app: typer.Typer) -> None:
    app.command()(extract)
