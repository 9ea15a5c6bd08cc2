"""One exception hierarchy for the whole package, each class with the exit code the command line
gives it (the way OCRmyPDF's `exceptions.py` does): the library raises, only `pipeline.cli` exits."""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    ok = 0
    input_failed = 1  # some input could not be processed; the rest was
    usage = 2  # bad arguments: nothing was done


class DirectivesError(Exception):
    """Base of every error the package raises on purpose; the message is one line."""

    exit_code = ExitCode.input_failed


class ReadError(DirectivesError):
    """A file that cannot be read; the message is the reason, in one line (callers add the file name)."""


class PageError(DirectivesError):
    """One page that cannot be OCR'd (blank, corrupt, too large, timed out); the rest of the document goes on."""


class DraftError(ReadError):
    """A draft that `check` cannot read."""


class GoldError(DirectivesError):
    """A gold annotation file that cannot be used; the message says where and why."""

    exit_code = ExitCode.usage


class IngestBusy(DirectivesError, OSError):
    """Another ingest is writing the same output folder."""
