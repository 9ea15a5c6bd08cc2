"""`directives extract`: one document's metadata, references and chains."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import orjson
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
        _write_json(result.to_json())
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


def _write_json(data: dict) -> None:
    """`json.dumps(data, ensure_ascii=False, indent=1)` and a line break to stdout, byte for byte, at orjson's
    pace where it can be (json's indented encoder is pure Python: 0.2 s of a 10 MB file's `extract`)."""
    try:
        out = _indented_json(data)
    except UnicodeEncodeError:  # a lone surrogate: left to the stream, as json's text always was
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return
    if os.linesep == "\n" and (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "") == "utf8" \
            and hasattr(sys.stdout, "buffer"):
        sys.stdout.flush()
        sys.stdout.buffer.write(out)
        sys.stdout.buffer.flush()
    else:  # a stream that encodes otherwise or translates line breaks: as json wrote it
        sys.stdout.write(out.decode("utf-8"))


# What orjson writes as json does: strings (ensure_ascii=False: raw UTF-8, the same escapes), integers, booleans,
# null; not floats (`1e-05` is orjson's `0.00001`, NaN its null).
_ORJSON_ALIKE = frozenset({str, int, bool, type(None)})


def _indented_json(data: dict) -> bytes:
    """The bytes of `json.dumps(data, ensure_ascii=False, indent=1) + "\\n"`. Each top-level value is written at
    depth 1 on its own: a string (the text) and a list of flat records (references, chains, warnings) by
    orjson, whose two-space indentation is brought to json's one space; anything else (the document's
    metadata, small) by json, its lines shifted by one space."""
    if not data or any(type(k) is not str for k in data):
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    parts = [b"{"]
    for k, (key, value) in enumerate(data.items()):
        parts.append(b"\n " + json.dumps(key, ensure_ascii=False).encode("utf-8") + b": " + _at_depth_1(value)
                     + (b"," if k + 1 < len(data) else b""))
    parts.append(b"\n}\n")
    return b"".join(parts)


def _at_depth_1(value) -> bytes:
    try:
        if type(value) in _ORJSON_ALIKE:
            return orjson.dumps(value)
        if type(value) is list and all(type(r) is dict and _ORJSON_ALIKE.issuperset(map(type, r.values()))
                                       for r in value):
            # `[`, then each record at two spaces and its fields at four (orjson), at three (json's depth 3)
            text = orjson.dumps(value, option=orjson.OPT_INDENT_2)
            return text.replace(b"\n    ", b"\n   ")[:-2] + b"\n ]" if value else text
    except orjson.JSONEncodeError:  # an integer beyond 64 bits, a lone surrogate, a key not a string
        pass
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n ").encode("utf-8")


def register(app: typer.Typer) -> None:
    app.command()(extract)
