"""The `directives` command line: one module per command, each with `register(app)`.

Only this package uses typer and rich; the library it calls returns data."""
from __future__ import annotations

import os

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


from . import audit, check, eval as eval_command, extract, ingest, query, samples, show  # noqa: E402

for command in (ingest, extract, eval_command, query, samples, check, audit, show):
    command.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
