"""The `directives` command line."""
from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # tesseract's own threads slow it down 5x on few cores

app = typer.Typer(
    name="directives",
    no_args_is_help=True,
    rich_markup_mode="rich",
    help=(
        "Turn Vietnamese Party and State directive documents into a citation graph.\n\n"
        "Typical use:\n\n"
        "  directives ingest corpus/ --out build/     read every document, write tables and the graph\n\n"
        "  directives extract FILE --format json      one document's metadata and references\n\n"
        "  directives query implementers 25-NQ/TW     who implements a directive (see: directives query --help)\n\n"
        "  directives eval corpus/gold/seeds.json     score extraction against hand-made annotations\n\n"
        "Exit codes: 0 success, 1 some input failed (the rest was processed), 2 usage error."
    ),
)


class TextFormat(str, Enum):
    json = "json"
    table = "table"


def _quiet_imports() -> None:
    """underthesea prints to stdout when imported; load it here so no data output is polluted."""
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        try:
            import underthesea  # noqa: F401
        except Exception:
            pass


@app.command()
def ingest(
    paths: List[Path] = typer.Argument(..., help="Files or folders to ingest (folders are walked recursively)."),
    out: Path = typer.Option(Path("build"), "--out", "-o", help="Output folder (created if missing)."),
    workers: Optional[int] = typer.Option(
        None, "--workers", "-j", min=1,
        help="Documents read in parallel, one process each (default: all cores). Tesseract runs "
             "single-threaded in each; a document's pages are OCR'd in parallel only with the cores left."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler",
        help="Run the documents on a Dask cluster instead, e.g. tcp://HOST:8786 (started with `dask scheduler` "
             "and `dask worker tcp://HOST:8786 --nthreads 1`). The workers must see the input files and OUT "
             "at the same paths as this machine (a shared filesystem)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Ingest documents (.txt, .pdf, .png, .jpg, .tif) into a citation graph under OUT.

    A folder of page images named by page (page-001.png, page-002.png, ...) is one document.

    Writes documents.parquet, references.parquet, chains.parquet, nodes.parquet, edges.parquet, graph.graphml, docs/<id>.json (one per document) and manifest.json (status of every input).

    Incremental: files unchanged since the last run (same size and modification time, else the same sha256) are not read again, and when nothing changed the tables are left as they are; added, changed and removed files update every output.

    Unreadable files get a one-line reason in the summary and the manifest; the run goes on. Exit code 0 when every input was ingested, 1 when any failed (the rest was), 2 on a usage error. Limits (environment): DIRECTIVES_MAX_PAGES, DIRECTIVES_MAX_PIXELS, DIRECTIVES_OCR_TIMEOUT.

    Example: directives ingest corpus/ --out build/ --workers 4
    """
    from rich.console import Console

    from .ingest import ingest as run_ingest

    console = Console(stderr=True)
    progress = None
    task = None
    show = not quiet and console.is_terminal

    def on_start(n: int) -> None:
        nonlocal progress, task
        if show:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            progress = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                TextColumn("{task.description}"), console=console)
            progress.start()
            task = progress.add_task("", total=n)

    def on_done(o) -> None:
        if progress is not None:
            progress.update(task, advance=1, description=Path(o.path).name[:40])

    for p in paths:
        if not p.exists() and not p.is_symlink():
            console.print(f"[red]error:[/red] {p}: no such file or folder", highlight=False)
            raise typer.Exit(2)
    if out.exists() and not out.is_dir():
        console.print(f"[red]error:[/red] {out}: exists and is not a folder", highlight=False)
        raise typer.Exit(2)
    try:
        summary = run_ingest(paths, out, workers=workers, on_start=on_start, on_done=on_done, scheduler=scheduler)
    except OSError as exc:
        if progress is not None:
            progress.stop()
        reason = (os.strerror(exc.errno) if exc.errno and not exc.strerror else exc.strerror) or str(exc)
        reason = " ".join(reason.split())
        if "No space left on device" in str(exc):
            reason = "no space left on device"
        if scheduler and not exc.filename and exc.errno is None:
            console.print(f"[red]error:[/red] cannot use the Dask scheduler {scheduler}: {reason}",
                          highlight=False, soft_wrap=True)
        else:
            console.print(f"[red]error:[/red] {exc.filename or out}: {reason}; the outputs of the previous run "
                          "are unchanged", highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    finally:
        if progress is not None:
            progress.stop()
    ok = sum(o.status == "ok" for o in summary.outcomes)
    cached = sum(o.cached for o in summary.outcomes if o.status == "ok")
    skipped = [o for o in summary.outcomes if o.status == "skipped"]
    console.print(
        f"[bold]{ok}[/bold] documents ({cached} unchanged), [bold]{summary.references}[/bold] references, "
        f"graph of {summary.nodes} nodes and {summary.edges} edges in {summary.out_dir}/ "
        f"({summary.seconds:.1f} s{'' if summary.corpus_pass else '; nothing changed'})", highlight=False,
        soft_wrap=True,
    )
    if skipped:
        console.print(f"{len(skipped)} files skipped (not documents, or copies): "
                      + ", ".join(Path(o.path).name for o in skipped[:5]) + (" ..." if len(skipped) > 5 else ""),
                      highlight=False, soft_wrap=True)
    for o in summary.outcomes:
        if o.status == "ok" and "not_vietnamese" in o.warnings:
            console.print(f"[yellow]warning:[/yellow] {o.path}: not_vietnamese: the text does not read as "
                          "Vietnamese (ingested; it has no references)" if not o.references else
                          f"[yellow]warning:[/yellow] {o.path}: not_vietnamese: the text does not read as Vietnamese",
                          highlight=False, soft_wrap=True)
    for o in summary.failed:
        console.print(f"[red]failed:[/red] {o.path}: {o.reason}", highlight=False, soft_wrap=True)
    raise typer.Exit(1 if summary.failed else 0)


@app.command()
def extract(
    file: Path = typer.Argument(..., help="A document: .txt, .pdf, .png, .jpg or .tif."),
    format: TextFormat = typer.Option(TextFormat.json, "--format", "-f", help="json (the contract) or table."),
) -> None:
    """Extract one document to stdout: its own metadata, every reference with offsets, kind, type,
    symbol, date, issuer, relation and resolved target, the chains between cited documents, warnings.

    The JSON is a stable contract: {"document", "text", "references", "chains", "warnings"}; all
    offsets index "text".
    """
    from .read import ReadError

    _quiet_imports()
    from .extract import extract_document

    if not file.exists():
        typer.echo(f"error: {file}: no such file", err=True)
        raise typer.Exit(2)
    try:
        result = extract_document(file)
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


# subcommands from other modules
from .evaluate import register as _register_eval  # noqa: E402

_register_eval(app)
from graph.cli import register as _register_graph  # noqa: E402

_register_graph(app)
from .samples import register as _register_samples  # noqa: E402

_register_samples(app)
from .check import register as _register_check  # noqa: E402

_register_check(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
