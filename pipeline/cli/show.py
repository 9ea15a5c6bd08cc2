"""`directives show`: one document's text with every reference marked."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from .common import TextFormat, quiet_imports

STYLES = {"basis": "bold green", "implements": "bold blue", "applies": "bold magenta", "amends": "bold yellow",
          "replaces": "bold red", "mentions": "bold cyan"}


def print_table(shown, console=None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = console or Console()
    d = shown.document
    console.print(Text(f"{d.get('type') or '?'} {d.get('symbol') or ''}  {d.get('date') or ''}  "
                       f"{d.get('place') or ''}", style="bold"))
    console.print(Text(f"issuer: {d.get('issuer_body') or d.get('issuer') or '-'}   signer: {d.get('signer') or '-'}"
                       f"   pages: {d.get('pages')}   source: {d.get('source')}"))
    text = Text()
    for piece, m in shown.segments():
        if m is None:
            text.append(piece.replace("\f", "\n──── page ────\n"))
        else:
            text.append(piece, style=STYLES.get(m.relation, "bold"))
            text.append(f"[{m.index + 1} {m.kind}]", style="dim")
    console.print(text)
    table = Table(show_lines=False)
    for col in ("#", "text", "kind", "relation", "type", "symbol", "date", "issuer", "target"):
        table.add_column(col, overflow="fold")
    for m in sorted(shown.marks + shown.unmarked, key=lambda m: m.index):
        table.add_row(str(m.index + 1), " ".join(m.text.split()), m.kind, Text(m.relation, style=STYLES.get(m.relation, "")),
                      m.type or "", m.symbol or "", m.date or "", m.issuer or "", m.node or m.target or "")
    console.print(table)
    for c in shown.chains:
        console.print(Text(f"chain: {c['source']} --{c['relation']}--> {c['target']}"))
    for w in shown.warnings:
        console.print(Text.assemble(("warning ", "yellow"), f"{w.get('code')}: {w.get('message')}"))


def register(app) -> None:
    @app.command("show")
    def show_command(
        target: Path = typer.Argument(..., help="A document (.txt, .pdf, .png, ...), or a build folder."),
        doc: Optional[str] = typer.Argument(None, help="With a build folder: the document's id, source path, "
                                            "file name, symbol or graph node."),
        html: Optional[Path] = typer.Option(None, "--html", help="Write the page to this file (self-contained)."),
        format: TextFormat = typer.Option(TextFormat.table, "--format", "-f",
                                          help="table (the text with its marks) or json (marks with offsets)."),
    ) -> None:
        """Show one document's text with every reference marked.

        Marks are coloured by relation, the kind written after each, with its type, symbol, date, issuer and target (on hover in the HTML page); the document's own metadata is the header, its chains and warnings follow. Offsets are kept: each mark is the text between its reference's start and end. From a file (read and extracted now) or from a build folder (its result, with the graph node of each reference).

        Examples: directives show my-plan.txt --html show.html ; directives show build/ 27-KH/ĐUK --html show.html
        """
        from pipeline.show import ShowError, show_build

        if not target.exists():
            typer.echo(f"error: {target}: no such file or folder", err=True)
            raise typer.Exit(2)
        is_build = target.is_dir() and (target / "documents.parquet").exists()
        try:
            if is_build:
                if not doc:
                    typer.echo(f"error: {target} is a build folder: give the document (id, file name or symbol)",
                               err=True)
                    raise typer.Exit(2)
                shown = show_build(target, doc)
            else:
                if doc:
                    typer.echo(f"error: {target} is not a build folder (no documents.parquet); "
                               "give a document alone", err=True)
                    raise typer.Exit(2)
                quiet_imports()
                from pipeline.errors import ReadError
                from pipeline.show import show_file

                try:
                    shown = show_file(target)
                except ReadError as exc:
                    typer.echo(f"error: {target}: {exc}", err=True)
                    raise typer.Exit(1)
        except ShowError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1)
        if html is not None:
            from pipeline.show_html import write_html

            try:
                write_html(shown, html)
            except OSError as exc:
                typer.echo(f"error: {html}: {exc.strerror or exc}", err=True)
                raise typer.Exit(1)
            typer.echo(f"page: {html}", err=True)
            return
        if format == TextFormat.json:
            sys.stdout.write(json.dumps(shown.to_json(), ensure_ascii=False, indent=1) + "\n")
        else:
            print_table(shown)
