"""`directives eval`: extraction scored against hand-made gold annotations."""
from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Optional

import typer

from pipeline.errors import GoldError
from pipeline.evaluate import evaluate, format_report, load_gold, predictions_extractor
from pipeline.evaluate_pages import evaluate_pages, format_pages_report, is_page_gold

from .common import TextFormat as Format


def register(app) -> None:
    """Add `eval` to the project's typer app."""
    @app.command("eval")
    def eval_command(
        gold: Path = typer.Argument(..., help="gold file in the corpus/gold format (see corpus/gold/README.md)"),
        texts: Optional[Path] = typer.Option(None, "--texts", help="folder of the files to evaluate "
                                             "(default: the gold folder's parent); found by name, or by stem"),
        gold_texts: Optional[Path] = typer.Option(None, "--gold-texts", help="folder of the .txt files the "
                                                  "gold offsets index (default: the gold folder's parent)"),
        predictions: Optional[Path] = typer.Option(None, "--predictions", help="score saved `directives "
                                                   "extract --format json` outputs (<stem>.json) instead of "
                                                   "running the extractor"),
        format: Format = typer.Option(Format.table, "--format", help="table or json"),
        misses: bool = typer.Option(True, "--misses/--no-misses", help="list what was missed or wrong"),
    ) -> None:
        """Score extraction against a gold annotation file: figures per field, and the misses.

        A page-level gold (references without offsets, fields marked `illegible`: corpus/gold/README.md)
        scores scanned pages instead: cited numbered documents found and right, own symbol and date,
        `?` kept where illegible, page by page. The pages are OCR'd (cached):

            directives eval my-scans/gold.json --texts my-scans/images
        """
        if predictions is not None and not predictions.is_dir():
            typer.echo(f"{predictions}: predictions folder not found", err=True)
            raise typer.Exit(2)
        extract = predictions_extractor(predictions) if predictions is not None else None
        try:
            page_gold = is_page_gold(load_gold(gold))
        except GoldError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2)
        if page_gold:
            try:
                with contextlib.redirect_stdout(sys.stderr):
                    pages = evaluate_pages(gold, texts, extract)
            except GoldError as exc:
                typer.echo(str(exc), err=True)
                raise typer.Exit(2)
            reason = pages.nothing_evaluated()
            if reason:
                typer.echo(f"{gold}: no page could be evaluated ({reason})", err=True)
                raise typer.Exit(1)
            if format == Format.json:
                typer.echo(json.dumps(pages.to_json(), ensure_ascii=False, indent=1))
            else:
                typer.echo(format_pages_report(pages, misses=misses), nl=False)
            return
        try:
            # The extractor's libraries (underthesea) may print when imported: keep stdout clean.
            with contextlib.redirect_stdout(sys.stderr):
                report = evaluate(gold, texts, extract, gold_texts_dir=gold_texts)
        except GoldError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2)
        reason = report.nothing_evaluated()
        if reason:
            # Figures over no document would read as a perfect score with no misses.
            typer.echo(f"{gold}: no document could be evaluated ({reason})", err=True)
            raise typer.Exit(1)
        if format == Format.json:
            data = report.to_json()
            if not misses:
                for doc in data["documents"]:
                    doc.pop("misses", None)
            typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
        else:
            typer.echo(format_report(report, misses=misses), nl=False)
