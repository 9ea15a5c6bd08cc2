"""`directives ingest`: documents in, tables and the graph out."""
from __future__ import annotations

import os
from pathlib import Path
from typing import List, Optional

import typer


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
    exclude: List[str] = typer.Option(
        [], "--exclude", "-x", metavar="PATTERN",
        help="Leave out files and folders under the given folders that match PATTERN, by their path "
             "relative to the folder or by name (repeatable): --exclude samples/degraded --exclude '*.bak'."),
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
        from pipeline.ingest import ingest as run_ingest  # pandas, pyarrow: only when ingesting

        summary = run_ingest(paths, out, workers=workers, on_start=on_start, on_done=on_done, scheduler=scheduler,
                             exclude=exclude)
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


def register(app: typer.Typer) -> None:
    app.command()(ingest)
