"""GraphML written as text, column by column: the schema networkx writes, at the pace of the Parquet files.

networkx builds an lxml element per node, edge and value, which at a million edges is most of a build
(11x the Parquet write). Here each attribute is a column: its values are turned to text, escaped and
wrapped in `<data>` by Arrow's string kernels, the columns joined into one line per node or edge
without indentation (the indentation `nx.write_graphml` puts before each element was an eighth of the
file), and the lines written in chunks. Whether a column needs escaping at all is first asked of its
bytes by NumPy (most columns hold nothing to escape); chunks are 20,000 rows, whose lines (~10 MB)
stay in the memory pool between chunks (100,000-row chunks cost 1.5x the CPU seconds). The elements are those `nx.write_graphml` writes for the same
graph (keys `d0`, `d1`, ... typed as networkx types them: str -> string, int -> long, float -> double,
bool -> boolean; multigraph edges carry their key as `id`), so networkx, Gephi and yEd read it back the same. Values the
XML 1.0 grammar forbids (control characters other than tab and newlines) are dropped: lxml refuses them,
which made the whole file fail for one OCR form feed. Every value is written, none left to a key's
`<default>`: networkx.read_graphml does not fill defaults into nodes and edges (it only reports them in
G.graph["node_default"]), so values left to one would read back missing. An empty text is written
as an empty element (networkx >= 3.3 reads it back as ''), a missing value (None) not at all (the
GraphML primer: without a <data> nor a <default>, the element has no value for that key).
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import IO, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

NS_GRAPHML = "http://graphml.graphdrawing.org/xmlns"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
CHUNK = 20_000

# Python type -> GraphML attr.type, as networkx's writer maps them (int is `long`: the last entry wins there).
_XML_TYPE = {str: "string", int: "long", float: "double", bool: "boolean"}
_NOT_XML = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x{fffe}\x{ffff}]"


def flat_value(value: Any) -> Any:
    """What GraphML can hold of a value: lists joined with ` | `, dicts as `k=v; ...`, None kept (dropped)."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (list, tuple, set)):
        return " | ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in value.items())
    if hasattr(value, "item") and not isinstance(value, (bytes, str)):  # numpy scalars
        try:
            return flat_value(value.item())
        except (TypeError, ValueError):
            pass
    return str(value)


_TEXT_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
_ATTR_ESCAPES = _TEXT_ESCAPES + (('"', "&quot;"), ("\n", "&#10;"), ("\t", "&#9;"))
_SPECIAL_TEXT = r'[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\x{fffe}\x{ffff}]'
_SPECIAL_ATTR = r'[&<>\r"\n\t\x00-\x08\x0b\x0c\x0e-\x1f\x{fffe}\x{ffff}]'


def _data_ranges(arr) -> list[tuple[pa.Array, "np.ndarray | None"]]:
    """Each chunk of a string array, and the bytes of all its rows as one NumPy view (None for layouts
    other than string and large_string). Bytes under null rows may be among them: a false alarm only
    costs the exact check."""
    out = []
    for chunk in arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]:
        if len(chunk) == 0:
            continue
        if not (pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)):
            out.append((chunk, None))
            continue
        offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int64 if pa.types.is_large_string(chunk.type)
                                else np.int32)[chunk.offset:chunk.offset + len(chunk) + 1]
        data = chunk.buffers()[2]
        if data is None or offsets[-1] == offsets[0]:
            continue
        out.append((chunk, np.frombuffer(data, dtype=np.uint8)[offsets[0]:offsets[-1]]))
    return out


_BLOCK = 1 << 18  # bytes compared at a time: the comparison's scratch stays in the CPU's cache
# Bytes of the characters to escape (besides those below 0x20): & < > and, in attributes, the quote;
# 0xEF leads the UTF-8 of U+FFFE and U+FFFF, which XML forbids (and of other characters, rarely).
_TEXT_BYTES = (0x26, 0x3C, 0x3E, 0xEF)
_ATTR_BYTES = _TEXT_BYTES + (0x22,)


def _maybe_special(data: np.ndarray, special_bytes: tuple[int, ...]) -> bool:
    """Whether these UTF-8 bytes may hold a character to escape or drop: a byte below 0x20 (control
    characters, tab, newlines) or one of special_bytes. NumPy compares a block at a time (5x the pace of
    Arrow's regex over the same bytes; the scan was a third of the file's time); True sends the column
    to the exact check."""
    scratch = np.empty(min(_BLOCK, len(data)), dtype=bool)
    for start in range(0, len(data), _BLOCK):
        block = data[start:start + _BLOCK]
        if block.min() < 0x20:
            return True
        hit = scratch[:len(block)]
        for byte in special_bytes:
            np.equal(block, byte, out=hit)
            if hit.any():
                return True
    return False


def _any(arr, pattern: str, regex: bool = False, special_bytes: tuple[int, ...] | None = None) -> bool:
    """Whether some row of arr matches pattern. Each chunk's rows are matched as ONE string of all
    their bytes (Arrow's per-row cost was most of it on short ids); with special_bytes, chunks whose
    bytes hold none of them (nor any below 0x20) are passed over without the match."""
    match = pc.match_substring_regex if regex else pc.match_substring
    for chunk, data in _data_ranges(arr):
        if data is None:
            if pc.any(match(chunk, pattern)).as_py():
                return True
            continue
        if special_bytes is not None and not _maybe_special(data, special_bytes):
            continue
        span = pa.LargeStringArray.from_buffers(1, pa.py_buffer(np.array([0, len(data)], dtype=np.int64)),
                                                pa.py_buffer(data))
        if pc.any(match(span, pattern)).as_py():
            return True
    return False


def _escape(arr: pa.Array, attribute: bool) -> pa.Array:
    """XML-escaped text. Most columns hold nothing to escape: one scan says so, and they are left as
    they are; otherwise each replacement runs only where its character occurs somewhere."""
    if not _any(arr, _SPECIAL_ATTR if attribute else _SPECIAL_TEXT, regex=True,
                special_bytes=_ATTR_BYTES if attribute else _TEXT_BYTES):
        return arr
    if _any(arr, _NOT_XML, regex=True):
        arr = pc.replace_substring_regex(arr, _NOT_XML, "")
    for old, new in _ATTR_ESCAPES if attribute else _TEXT_ESCAPES:
        if _any(arr, old):
            arr = pc.replace_substring(arr, old, new)
    return arr


class _Keys:
    """GraphML keys in networkx's numbering: one per (name, type, scope), d0, d1, ... in order of first use."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, str, str], str] = {}

    def get(self, name: str, xml_type: str, scope: str) -> str:
        key = (name, xml_type, scope)
        if key not in self.ids:
            self.ids[key] = f"d{len(self.ids)}"
        return self.ids[key]

    def header(self) -> str:
        # networkx inserts each new key first: they appear newest first
        return "".join(f'  <key id="{kid}" for="{scope}" attr.name="{_attr(name)}" attr.type="{xml_type}" />\n'
                       for (name, xml_type, scope), kid in reversed(list(self.ids.items())))


def _attr(s: str) -> str:
    return (str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\n", "&#10;").replace("\t", "&#9;").replace("\r", "&#13;"))


# texts (null: no value), key id(s), whether the texts may need escaping
_Column = tuple[pa.ChunkedArray | pa.Array, "str | pa.Array", bool]


def _column(scope: str, name: str, s: pd.Series, keys: _Keys) -> _Column | None:
    """The texts networkx writes for a column (str(value)), and the key of each."""
    dtype = s.dtype
    if pd.api.types.is_bool_dtype(dtype):
        arr = pa.array(s.to_numpy(dtype=bool, na_value=False))
        if s.hasnans:
            arr = pa.array(s.astype(object).where(s.notna(), None).tolist(), type=pa.bool_())
        texts = pc.if_else(arr, pa.scalar("True"), pa.scalar("False"))
        return texts, keys.get(name, "boolean", scope), False
    if pd.api.types.is_integer_dtype(dtype):  # digits: nothing to escape
        return pc.cast(pa.array(s), pa.string()), keys.get(name, "long", scope), False
    if pd.api.types.is_string_dtype(dtype) and dtype != object:
        return pa.array(s, type=pa.string()), keys.get(name, "string", scope), True
    if not pd.api.types.is_float_dtype(dtype):
        # objects that are all text (or all integers) and None, the usual case: Arrow types them in C
        try:
            arr = pa.array(s.tolist(), from_pandas=False)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
            arr = None
        if arr is not None:
            if arr.null_count == len(arr):
                return None  # no value anywhere: no key
            if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
                return arr, keys.get(name, "string", scope), True
            if pa.types.is_int64(arr.type):  # str(int) is its digits, as Arrow writes them
                return pc.cast(arr, pa.string()), keys.get(name, "long", scope), False
            if pa.types.is_boolean(arr.type):
                return pc.if_else(arr, pa.scalar("True"), pa.scalar("False")), keys.get(name, "boolean", scope), False
            if pa.types.is_list(arr.type) and (pa.types.is_string(arr.type.value_type)
                                               or pa.types.is_null(arr.type.value_type)) \
                    and pc.list_flatten(arr).null_count == 0:  # flat_value writes a None inside as 'None'
                # lists of text (a node's forms): joined with ` | `, as flat_value joins them
                joined = pc.binary_join(arr.cast(pa.list_(pa.string())), " | ")
                return joined, keys.get(name, "string", scope), True
    # objects (lists, mixed types, attributes beyond the schema): value by value, as networkx does
    values = [flat_value(v) for v in s.tolist()]
    if pd.api.types.is_float_dtype(dtype):  # NaN is pandas' missing value here, not a value
        values = [None if v != v else v for v in values]
    kinds = set(map(type, values)) - {type(None)}
    if not kinds:
        return None
    bad = kinds - set(_XML_TYPE)
    if bad:
        raise TypeError(f"GraphML does not support type {bad.pop()} as data values.")
    texts = pa.array([None if v is None else str(v) for v in values], type=pa.string())
    if len(kinds) == 1:
        return texts, keys.get(name, _XML_TYPE[kinds.pop()], scope), True
    # mixed types: networkx gives each (name, type) its own key
    ids = pa.array([None if v is None else keys.get(name, _XML_TYPE[type(v)], scope) for v in values],
                   type=pa.string())
    return texts, ids, True


def _data(texts, key, escape: bool) -> tuple[list, "pa.Array | bool"]:
    """The pieces of `<data key="dK">text</data>` for each row (nothing where the value is missing), to
    be joined with the row's other pieces in one pass; and which rows have the value (True: all).
    Pieces are str (the same on every row) or arrays, whose nulls the join reads as ''."""
    arr = _escape(texts, attribute=False) if escape else texts
    if isinstance(key, str):
        open_: "str | pa.Array" = f'<data key="{key}">'
    else:
        open_ = pc.binary_join_element_wise(pa.scalar('<data key="'), key, pa.scalar('">'), "")
    if arr.null_count == 0:
        return [open_, arr, "</data>"], True
    valid = pc.is_valid(arr)
    # the text itself is copied once, into the line (a null row as ''); the tags around it are short
    return [pc.if_else(valid, _scalar(open_), pa.scalar(None, pa.string())), arr,
            pc.if_else(valid, pa.scalar("</data>"), pa.scalar(None, pa.string()))], valid


def _scalar(piece: "str | pa.Array"):
    return pa.scalar(piece) if isinstance(piece, str) else piece


def _join(pieces: list) -> pa.Array:
    """The pieces (str or arrays of text) joined row by row in one pass, a null piece read as ''.
    Neighbouring str are merged first: the join's cost is per piece and row (a million edges of 30
    pieces each, most of them the same tags)."""
    merged: list = []
    for piece in pieces:
        if isinstance(piece, str) and merged and isinstance(merged[-1], str):
            merged[-1] += piece
        else:
            merged.append(piece)
    return pc.binary_join_element_wise(*map(_scalar, merged), "", null_handling="replace", null_replacement="")


def _write_lines(f: IO[bytes], lines: pa.Array) -> None:
    """The UTF-8 bytes of a string array written as they lie in its buffer, without Python strings."""
    lines = lines.combine_chunks() if isinstance(lines, pa.ChunkedArray) else lines
    if len(lines) == 0:
        return
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64 if pa.types.is_large_string(lines.type)
                            else np.int32)[lines.offset:lines.offset + len(lines) + 1]
    f.write(memoryview(lines.buffers()[2])[int(offsets[0]):int(offsets[-1])])


def _rows(heads: list, columns: list, tail: str) -> pa.Array:
    """One line per row: head, its data elements and the closing tag (self-closing without data), joined
    in one pass over all the pieces (each long text is copied once)."""
    if columns:
        if any(valid is True for _, valid in columns):  # a column without gaps: every row has data
            opening, closing = ">", tail
        else:
            has_data = columns[0][1]
            for _, valid in columns[1:]:
                has_data = pc.or_(has_data, valid)
            opening = pc.if_else(has_data, pa.scalar(">"), pa.scalar(" />\n"))
            closing = pc.if_else(has_data, pa.scalar(tail), pa.scalar(""))
        pieces = [*heads, opening]
        for parts, _ in columns:
            pieces += parts
        pieces.append(closing)
    else:
        pieces = [*heads, " />\n"]
    return _join(pieces)


def _ids(s: pd.Series) -> pa.Array:
    """Ids as escaped text, str(id) each: Arrow writes integers (multigraph keys) as str does, in C."""
    if s.dtype == object:
        try:
            arr = pa.array(s.tolist(), from_pandas=False)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
            arr = None
        if arr is not None and pa.types.is_int64(arr.type) and arr.null_count == 0:
            return pc.cast(arr, pa.string())  # digits: nothing to escape
        if arr is None or not pa.types.is_string(arr.type) or arr.null_count:
            return _escape(pa.array(s.astype(str), type=pa.string()), attribute=True)
        return _escape(arr, attribute=True)
    return _escape(pa.array(s, type=pa.string()), attribute=True)


def write_graphml(nodes: pd.DataFrame, edges: pd.DataFrame, f: IO[bytes], directed: bool = True,
                  multi: bool = True, chunk: int = CHUNK) -> None:
    """Write a graph given as tables to the binary stream f as GraphML.

    nodes: column `node` (the id) and one column per attribute; edges: `source`, `target`, `key` (the
    multigraph key, written as the edge id when multi) and one column per attribute. A missing value
    (None, NA) means the node or edge has no such attribute."""
    keys = _Keys()
    node_attrs = [c for c in nodes.columns if c != "node"]
    edge_attrs = [c for c in edges.columns if c not in ("source", "target", "key")]
    # Keys are numbered before any row is written (the header lists them), so columns are typed first.
    parts = []
    for scope, df, attrs in (("node", nodes, node_attrs), ("edge", edges, edge_attrs)):
        for start in range(0, len(df), chunk):
            part = df.iloc[start:start + chunk]
            cols = [_column(scope, str(a), part[a], keys) for a in attrs]
            parts.append((scope, part, [c for c in cols if c is not None]))
    f.write(b"<?xml version='1.0' encoding='utf-8'?>\n")
    f.write(f'<graphml xmlns="{NS_GRAPHML}" xmlns:xsi="{NS_XSI}" xsi:schemaLocation="{SCHEMA}">\n'.encode())
    f.write(keys.header().encode())
    f.write(f'  <graph edgedefault="{"directed" if directed else "undirected"}">\n'.encode())
    # Each chunk's lines are joined while the one before is being written (Arrow's kernels and the
    # write both let go of the GIL): on two cores the file's pace is that of the slower of the two.
    with ThreadPoolExecutor(max_workers=1) as writer:
        pending = None
        for scope, part, cols in parts:
            if scope == "node":
                heads = ['<node id="', _ids(part["node"]), '"']
                tail = "</node>\n"
            else:
                pieces = ['<edge source="', _ids(part["source"]), '" target="', _ids(part["target"])]
                if multi:
                    pieces += ['" id="', _ids(part["key"])]
                heads = [*pieces, '"']
                tail = "</edge>\n"
            lines = _rows(heads, [_data(t, k, e) for t, k, e in cols], tail)
            if pending is not None:
                pending.result()
            pending = writer.submit(_write_lines, f, lines)
        if pending is not None:
            pending.result()
    f.write(b"  </graph>\n</graphml>\n")
