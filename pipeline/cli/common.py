"""What every command shares: output formats, and keeping stdout for data."""
from __future__ import annotations

from enum import Enum


class TextFormat(str, Enum):
    json = "json"
    table = "table"


def quiet_imports() -> None:
    """underthesea prints to stdout when imported; load it here so no data output is polluted."""
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        try:
            import underthesea  # noqa: F401
        except Exception:
            pass
