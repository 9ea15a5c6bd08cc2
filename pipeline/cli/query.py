"""`directives query ...` and `directives export ...`: the graph on the command line.

`register(app)` adds both to the main typer app (pipeline/cli/__init__.py). Data goes to stdout only (tables,
CSV or JSON); messages go to stderr.
"""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer

# The graph's modules (pandas, networkx) are imported by the commands that run, not when the command
# line starts: `directives extract` needs none of them.


class _Lazy:
    """A module imported when one of its names is first used."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attr: str):
        import importlib

        return getattr(importlib.import_module(self._name), attr)


q = _Lazy("graph.query")


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class ExportFormat(str, Enum):
    graphml = "graphml"
    gexf = "gexf"
    neo4j = "neo4j"
    json = "json"


query_app = typer.Typer(help="Ask the citation graph: find, cites, cited-by, implementers, chain, status, issuers, timeline.",
                        no_args_is_help=True)

BuildOption = typer.Option(Path("build"), "--build", "-b", help="the build folder written by `directives ingest`")
FormatOption = typer.Option(OutputFormat.table, "--format", "-f", help="table (for reading), csv or json (for programs)")


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=1)


def _load(build: Path):
    from graph.build import load_graph

    try:
        return load_graph(build)
    except FileNotFoundError as exc:
        _fail(str(exc))


def _print(df, fmt: OutputFormat, title: str | None = None) -> None:
    if fmt == OutputFormat.csv:
        df.to_csv(sys.stdout, index=False)
    elif fmt == OutputFormat.json:
        records = json.loads(df.to_json(orient="records", force_ascii=False, date_format="iso"))
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    else:
        from rich.console import Console
        from rich.table import Table

        # Long evidence sentences make tables unreadable; the csv/json outputs keep them whole.
        shown = df.drop(columns=[c for c in ("sentence",) if c in df.columns])
        table = Table(title=title, show_lines=False)
        for column in shown.columns:
            table.add_column(str(column), overflow="fold")
        for row in shown.itertuples(index=False):
            table.add_row(*["" if _missing(v) else str(v) for v in row])
        # a terminal gives its own width; a pipe or a file gets room for every column
        width = None if sys.stdout.isatty() else max(160, 20 * len(shown.columns))
        Console(file=sys.stdout, width=width).print(table)


def _missing(value) -> bool:
    import pandas as pd

    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _run(build: Path, fmt: OutputFormat, title: str, fn) -> None:
    cg = _load(build)
    try:
        df = fn(cg)
    except LookupError as exc:
        _fail(str(exc.args[0]) if exc.args else str(exc))
    _print(df, fmt, title)


@query_app.command("find")
def find_cmd(text: str = typer.Argument(..., help="a symbol, any written form, a file name or free text"),
             limit: int = typer.Option(10, "--limit", "-n"), build: Path = BuildOption, fmt: OutputFormat = FormatOption):
    """Documents a name may mean, best first."""
    _run(build, fmt, f"find {text}", lambda cg: q.find(cg, text, limit=limit))


@query_app.command("cites")
def cites_cmd(doc: str = typer.Argument(..., help="the citing document"), build: Path = BuildOption,
              fmt: OutputFormat = FormatOption):
    """What DOC cites, with the relation and the evidence."""
    _run(build, fmt, f"cited by {doc}", lambda cg: q.cites(cg, doc))


@query_app.command("cited-by")
def cited_by_cmd(doc: str = typer.Argument(..., help="the cited document"),
                 relation: str = typer.Option(None, "--relation", "-r",
                                              help="basis|implements|applies|amends|replaces|mentions"),
                 build: Path = BuildOption, fmt: OutputFormat = FormatOption):
    """The documents citing DOC."""
    _run(build, fmt, f"citing {doc}", lambda cg: q.cited_by(cg, doc, relation=relation))


@query_app.command("implementers")
def implementers_cmd(doc: str = typer.Argument(..., help="a directive"),
                     max_depth: int = typer.Option(None, "--max-depth"),
                     build: Path = BuildOption, fmt: OutputFormat = FormatOption):
    """The implementation tree of DOC, with depth and lag in days.

    Follows, downward, the implementation edges: citations whose relation is implements or applies,
    and chain edges a third document states (`chain` follows the same edges upward)."""
    _run(build, fmt, f"implementers of {doc}", lambda cg: q.implementers(cg, doc, max_depth=max_depth))


@query_app.command("chain")
def chain_cmd(doc: str = typer.Argument(..., help="a plan"), build: Path = BuildOption, fmt: OutputFormat = FormatOption):
    """The way up from a plan to the directives it serves.

    Follows, upward, the implementation edges: citations whose relation is implements or applies,
    and chain edges a third document states (`implementers` follows the same edges downward)."""
    _run(build, fmt, f"chain of {doc}", lambda cg: q.chain(cg, doc))


@query_app.command("status")
def status_cmd(doc: str = typer.Argument(..., help="a document or law: symbol, written form or file name"),
               build: Path = BuildOption, fmt: OutputFormat = FormatOption):
    """Whether DOC is in force, amended (by what) or replaced (by what, from when), with the evidence.

    From the `replaces` and `amends` relations the corpus states (the citing document and its
    sentence) and from the shipped lists (registry.csv, laws.csv: their sources)."""
    _run(build, fmt, f"status of {doc}", lambda cg: q.status(cg, doc))


@query_app.command("issuers")
def issuers_cmd(build: Path = BuildOption, fmt: OutputFormat = FormatOption):
    """Issuing bodies, central > province > district > unit, with document counts."""
    _run(build, fmt, "issuers", q.issuers)


@query_app.command("timeline")
def timeline_cmd(doc: str = typer.Argument(...), build: Path = BuildOption, fmt: OutputFormat = FormatOption):
    """DOC, its implementers and what it cites, by date."""
    _run(build, fmt, f"timeline of {doc}", lambda cg: q.timeline(cg, doc))


def export_cmd(fmt: ExportFormat = typer.Option(..., "--format", "-f", help="graphml|gexf|neo4j|json"),
               out: Path = typer.Option(..., "--out", "-o", help="file to write (a folder for neo4j)"),
               build: Path = BuildOption):
    """Export the citation graph for Gephi, yEd, Neo4j or any JSON reader."""
    from graph.export import FORMATS, export_graph

    assert {f.value for f in ExportFormat} == set(FORMATS)
    cg = _load(build)
    path = export_graph(cg, fmt.value, out)
    typer.echo(f"wrote {path} ({cg.g.number_of_nodes()} nodes, {cg.g.number_of_edges()} edges)", err=True)


def register(app: typer.Typer) -> None:
    """Add `query` (a group of commands) and `export` to the main command line."""
    app.add_typer(query_app, name="query")
    app.command("export")(export_cmd)
