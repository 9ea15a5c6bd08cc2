"""Bytes of a text file (or a web page without a declared charset) to text: the encoding found,
binary data refused."""
from __future__ import annotations

from .errors import ReadError
from .model import Warning


def decode_text(data: bytes) -> tuple[str, str, list[Warning]]:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 by BOM, else the best guess of
    charset-normalizer. Binary data is refused rather than decoded into garbage."""
    warnings: list[Warning] = []
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", warnings
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", warnings
        except UnicodeDecodeError:
            raise ReadError("damaged UTF-16 text (odd number of bytes or a broken character)") from None
    if _looks_binary(data):
        raise ReadError("binary data, not text")
    try:
        return data.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 2 * 1024 * 1024]).best()
    if best is None or best.encoding is None:
        raise ReadError("unknown text encoding")
    encoding = best.encoding
    text = data.decode(encoding, errors="replace")
    warnings.append(Warning("encoding", f"not UTF-8; decoded as {encoding}"))
    return text, encoding, warnings


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    # Control bytes other than tab, newline, carriage return and form feed.
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(head) // 50)
