"""`directives samples`: the seed documents rendered as text PDFs, scans and page images."""
from __future__ import annotations

from pathlib import Path

import typer


def register(app) -> None:
    """Add `samples CORPUS --out DIR` to the project's typer app."""
    @app.command("samples")
    def samples_command(
        corpus: Path = typer.Argument(..., help="folder with the seed documents 0*.txt"),
        out: Path = typer.Option(..., "--out",
                                 help="where to write text-pdf/, scan-pdf/, png/, html/, docx/, md/ and degraded/"),
    ) -> None:
        """Render the seed documents as text PDFs, scanned PDFs, PNG pages, portal web pages, Word files
        and markdown; and degraded scans, one set per kind of damage (degraded/<kind>/<seed>/page-*.jpg)."""
        if not corpus.is_dir():
            typer.echo(f"{corpus}: not a folder", err=True)
            raise typer.Exit(2)
        from pipeline.demo.degraded import generate_degraded
        from pipeline.demo.samples import generate_samples

        paths = generate_samples(corpus, out) + generate_degraded(corpus, out)
        typer.echo(f"{len(paths)} sample files in {out}")
