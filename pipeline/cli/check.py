"""`directives check`: a draft's citations against the corpus and the registry."""
from __future__ import annotations

import json
import sys
import time
from datetime import date as Date
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from pipeline.check import CODES, CheckReport, Corpus, DraftError, _iso_to_vn, check_result, extract_draft
from pipeline.report_html import write_html



def print_table(report: CheckReport, console=None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    import shutil

    console = console or Console(width=None if shutil.get_terminal_size((0, 0)).columns else 140)
    d = report.document
    console.print(Text(f"{d.get('type') or '?'} {d.get('symbol') or ''}  {d.get('place') or ''}  "
                       f"checked as of {_iso_to_vn(report.draft_date)} ({report.draft_date_basis}), "
                       f"against the {report.against}", style="bold"))
    if d.get("title"):
        console.print(Text(" ".join(d["title"].split())))
    table = Table(show_lines=True, expand=False)
    for col in ("#", "citation", "relation", "status", "document", "findings"):
        table.add_column(col, overflow="fold")
    style = {"error": "red", "warning": "yellow", "info": "cyan"}
    for i, c in enumerate(report.citations, 1):
        k = c.known
        what = Text("")
        if k is not None:
            what = Text(f"{k.symbol or k.node}\n{_iso_to_vn(k.date)} {k.issuer or ''}")
        elif c.candidates:
            what = Text("\n".join(x.node for x in c.candidates))
        fs = Text()
        for f in c.findings:
            if fs:
                fs.append("\n")
            fs.append(f"{f.severity} {f.code}", style=style.get(f.severity, ""))
            fs.append(f": {f.message}")
        status_style = {"known": "green", "ambiguous": "yellow", "unknown": "dim"}[c.status]
        table.add_row(str(i), Text(c.label), c.relation, Text(c.status, style=status_style), what,
                      fs or Text("ok", style="green"))
    console.print(table)
    for s in report.suggestions:
        console.print(Text.assemble(("suggestion missing_basis", "cyan"), f": {s.message}"))
    for n in report.notes:
        console.print(Text(f"note: {n}", style="dim"))
    counts = report.counts()
    console.print(Text(f"{len(report.citations)} citations, {counts.get('error', 0)} errors, "
                       f"{counts.get('warning', 0)} warnings, {len(report.suggestions)} suggestions "
                       f"({report.seconds:.2f} s)", style="bold red" if report.has_errors else "bold"))


class CheckFormat(str, Enum):
    table = "table"
    json = "json"


def register(app) -> None:
    """Add `directives check` to the command line."""
    codes_help = "\n\n".join(f"  {code} ({sev}): {what}" for code, (sev, what) in CODES.items())

    @app.command("check", help=(
        "Check a draft's citations against the ingested corpus and the registry.\n\n"
        "DRAFT is a .txt, .docx, .pdf or a scan (.png, .jpg, .tif). Every document it cites is looked up: "
        "known (with the corpus's or registry's date, issuer, title), ambiguous (the candidates) or unknown. "
        "Findings:\n\n" + codes_help + "\n\n"
        "Suggestions: missing_basis, a basis that comparable plans (same type and issuer level, implementing "
        "the same directive) cite and the draft does not, with its support (k of n).\n\n"
        "Without a graph under --corpus the draft is checked against the registry alone (said on stderr).\n\n"
        "Exit codes: 0 no error finding, 1 at least one finding of severity error, 2 usage error "
        "(missing or unreadable draft, bad option)."))
    def check_cmd(
        draft: Path = typer.Argument(..., help="The draft: .txt, .docx, .pdf, .png, .jpg or .tif."),
        corpus: Path = typer.Option(Path("build"), "--corpus", "-c", help="Build folder of `directives ingest`."),
        format: CheckFormat = typer.Option(CheckFormat.table, "--format", "-f", help="table (terminal) or json."),
        html: Optional[Path] = typer.Option(None, "--html", help="Also write a self-contained HTML report here."),
        when: Optional[str] = typer.Option(None, "--date", help="Check as of this date (YYYY-MM-DD) instead of "
                                           "the draft's own date."),
    ) -> None:
        if not draft.exists():
            typer.echo(f"error: {draft}: no such file", err=True)
            raise typer.Exit(2)
        if when is not None:
            try:
                when = Date.fromisoformat(when).isoformat()
            except ValueError:
                typer.echo(f"error: --date {when}: not a date (YYYY-MM-DD)", err=True)
                raise typer.Exit(2)
        loaded, reason = Corpus.load(corpus)
        if reason:
            typer.echo(f"note: checking against the registry alone: {reason}", err=True)
        try:
            started = time.perf_counter()
            report = check_result(extract_draft(draft, registry=loaded.registry), loaded, when,
                                  f"checked against the registry alone: {reason}" if reason else None)
            report.seconds = time.perf_counter() - started
        except DraftError as exc:
            typer.echo(f"error: {draft}: {exc}", err=True)
            raise typer.Exit(2)
        if html is not None:
            try:
                write_html(report, html)
            except OSError as exc:
                typer.echo(f"error: cannot write {html}: {exc.strerror or exc}", err=True)
                raise typer.Exit(2)
        if format == CheckFormat.json:
            sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=1) + "\n")
        else:
            print_table(report)
        raise typer.Exit(1 if report.has_errors else 0)
