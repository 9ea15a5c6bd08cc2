"""GraphML written as text, column by column: the schema networkx writes, at the pace of the Parquet files.

networkx builds an lxml element per node, edge and value, which at a million edges is most of a build
(11x the Parquet write). Here each attribute is a column: its values are turned to text, escaped and
wrapped in `<data>` by Arrow's string kernels, the columns joined into one line per node or edge
without indentation (the indentation `nx.write_graphml` puts before each element was an eighth of the
file), and the lines written in chunks. Columns whose values repeat (types, issuers, relations, page
numbers) are written from their dictionary, neighbouring ones fused into one piece of the row (see
_Coded). Whether a column needs escaping at all is first asked of its bytes (most columns hold nothing
to escape); chunks are 50,000 rows (20,000 cost more Python per row, 100,000 more kernel time for the
larger buffers). The elements are those `nx.write_graphml` writes for the same
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
CHUNK = 50_000

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


_BLOCK = 1 << 18  # bytes scanned at a time: the block's copy stays in the CPU's cache
# Bytes of the characters to escape (besides those below 0x20): & < > and, in attributes, the quote;
# 0xEF leads the UTF-8 of U+FFFE and U+FFFF, which XML forbids (and of other characters, rarely).
_TEXT_BYTES = tuple(bytes([b]) for b in (0x26, 0x3C, 0x3E, 0xEF))
_ATTR_BYTES = _TEXT_BYTES + (b'"',)


def _maybe_special(data: np.ndarray, special_bytes: tuple[bytes, ...]) -> bool:
    """Whether these UTF-8 bytes may hold a character to escape or drop: a byte below 0x20 (control
    characters, tab, newlines) or one of special_bytes. A block at a time, NumPy's minimum finds the
    former and bytes.find (memchr) the others: 1.7x the pace of a NumPy comparison per byte, itself 5x
    that of Arrow's regex over the same bytes. True sends the column to the exact check."""
    for start in range(0, len(data), _BLOCK):
        block = data[start:start + _BLOCK]
        if block.min() < 0x20:
            return True
        text = block.tobytes()
        if any(byte in text for byte in special_bytes):
            return True
    return False


def _any(arr, pattern: str, regex: bool = False, special_bytes: tuple[bytes, ...] | None = None) -> bool:
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
# values (null: no value; str, int64 or bool, made text by _text), key id(s), whether the texts may need escaping
_Column = tuple[pa.ChunkedArray | pa.Array, "str | pa.Array", bool]


def _column(scope: str, name: str, s: pd.Series, keys: _Keys) -> _Column | None:
    """The values networkx writes for a column (as str(value), see _text), and the key of each."""
    dtype = s.dtype
    if pd.api.types.is_bool_dtype(dtype):
        arr = pa.array(s.to_numpy(dtype=bool, na_value=False))
        if s.hasnans:
            arr = pa.array(s.astype(object).where(s.notna(), None).tolist(), type=pa.bool_())
        return arr, keys.get(name, "boolean", scope), False
    if pd.api.types.is_integer_dtype(dtype):  # digits: nothing to escape
        return pa.array(s), keys.get(name, "long", scope), False
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
                return arr, keys.get(name, "long", scope), False
            if pa.types.is_boolean(arr.type):
                return arr, keys.get(name, "boolean", scope), False
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


def _text(values: pa.Array) -> pa.Array:
    """str(value) of each value: integers as their digits and booleans as True/False, by Arrow in C."""
    if pa.types.is_boolean(values.type):
        return pc.if_else(values, pa.scalar("True"), pa.scalar("False"))
    if pa.types.is_integer(values.type):
        return pc.cast(values, pa.string())
    return values


# A column whose values repeat (types, issuers, statuses, relations, kinds, page and character numbers,
# multigraph keys) is written from its dictionary: each distinct value is escaped and wrapped in its tags
# once, and each row gets its whole `<data>` element by one take; neighbouring such columns, with the
# constant tags between them, are fused into one dictionary of the combinations the rows hold. The row
# join then has 10 pieces on an edge instead of 25, 15 on a node instead of 39 (the join's cost is per
# piece and row: it was the largest part of the file's CPU time). Integers are coded by offset when
# their range in the chunk is below _FEW or _CODED_SHARE of its rows, and combinations are kept below
# that share; text is hashed only when it takes at most _FEW values (hashing a row costs about what a
# join piece does). A column found not to repeat in one chunk is not tried in the next ones: which
# columns are coded changes no byte.
_CODED_SHARE = 0.25
_FEW = 64
_SAMPLE = 1000  # rows of a chunk whose distinct values say whether to hash the whole


class _Coded:
    """Rows as codes into texts: each row's text is texts[code]; the last text is a missing value's."""

    __slots__ = ("codes", "texts", "complete", "prefix", "suffix")

    def __init__(self, codes: np.ndarray, texts: pa.Array, complete: bool) -> None:
        self.codes, self.texts, self.complete = codes, texts, complete
        self.prefix = self.suffix = ""  # constant text around every row's, added to texts when needed

    def valid(self) -> pa.Array:
        return pa.array(self.codes != len(self.texts) - 1)

    def settled(self) -> pa.Array:
        if self.prefix or self.suffix:
            self.texts = pc.binary_join_element_wise(pa.scalar(self.prefix), self.texts, pa.scalar(self.suffix), "")
            self.prefix = self.suffix = ""
        return self.texts


def _code(values: pa.Array, open_: str, close: str, escape: bool, attribute: bool) -> _Coded | None:
    """values as a _Coded of their elements open_ + escaped text + close (a missing value: ''), or None
    when they take too many values for it to pay. Integers are coded by their offset from the smallest
    (NumPy, no hashing) when their range is small; text is hashed only when a sample of it takes few
    values (hashing costs about what a piece of the row join costs: it pays only for columns that fuse)."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    rows = len(values)
    if pa.types.is_integer(values.type):
        if values.type == pa.uint64():  # beyond int64: written value by value
            return None
        low, high = pc.min_max(values).values()
        if not low.is_valid or high.as_py() - low.as_py() >= max(_FEW, _CODED_SHARE * rows):
            return None
        low = low.as_py()
        dictionary = pa.array(np.arange(low, high.as_py() + 1, dtype=np.int64))
        n = len(dictionary)
        complete = values.null_count == 0
        codes = (values if complete else pc.fill_null(values, low)).to_numpy().astype(np.int64) - low
        if not complete:
            codes[values.is_null().to_numpy(zero_copy_only=False)] = n
    else:
        if not pa.types.is_boolean(values.type) and \
                pc.count_distinct(values.slice(0, _SAMPLE)).as_py() > _FEW // 2:
            return None
        encoded = pc.dictionary_encode(values)
        dictionary, n = encoded.dictionary, len(encoded.dictionary)
        if n > _FEW:
            return None
        indices = encoded.indices
        complete = indices.null_count == 0
        if not complete:
            indices = pc.fill_null(indices.cast(pa.int64()), n)
        codes = indices.to_numpy(zero_copy_only=False).astype(np.int64, copy=False)
    texts = _text(dictionary)
    if escape:
        texts = _escape(texts, attribute)
    texts = pc.binary_join_element_wise(pa.scalar(open_), texts.cast(pa.string()), pa.scalar(close), "")
    return _Coded(codes, pa.concat_arrays([texts, pa.array([""], pa.string())]), complete)


def _combine(a: _Coded, b: _Coded, limit: float) -> _Coded | None:
    """One _Coded of a's text followed by b's on each row, or None when the combinations the rows hold
    are more than limit."""
    na, nb = len(a.settled()), len(b.settled())
    pairs = a.codes * nb + b.codes
    if na * nb > 4 * len(pairs):  # hashing the pairs would cost about what fusing saves
        return None
    seen = np.zeros(na * nb, dtype=bool)  # which of the possible pairs occur
    seen[pairs] = True
    used = np.flatnonzero(seen)
    if len(used) > limit:
        return None
    codes = (np.cumsum(seen) - 1)[pairs]
    texts = pc.binary_join_element_wise(pc.take(a.texts, pa.array(used // nb)),
                                        pc.take(b.texts, pa.array(used % nb)), "")
    return _Coded(codes, texts, a.complete or b.complete)


def _pieces(segments: list, rows: int) -> list:
    """The row's pieces for the join: constants merged, and runs of coded columns with the constants
    between and around them fused, then taken (one text per row)."""
    out: list = []
    run: _Coded | None = None

    def taken(c: _Coded) -> pa.Array:
        return pc.take(c.settled(), pa.array(c.codes))

    for seg in segments:
        if isinstance(seg, str):
            if run is not None:
                run.suffix += seg
            elif out and isinstance(out[-1], str):
                out[-1] += seg
            else:
                out.append(seg)
        elif isinstance(seg, _Coded):
            if run is None:
                if out and isinstance(out[-1], str):
                    seg.prefix = out.pop() + seg.prefix
                run = seg
            else:
                both = _combine(run, seg, _CODED_SHARE * rows)
                if both is None:
                    out.append(taken(run))
                    run = seg
                else:
                    run = both
        else:
            if run is not None:
                out.append(taken(run))
                run = None
            out.append(seg)
    if run is not None:
        out.append(taken(run))
    return out


def _data(values, key, escape: bool, code: bool) -> tuple[list, "bool | Any"]:
    """The segments of `<data key="dK">text</data>` for each row (nothing where the value is missing):
    a _Coded when code and the values repeat, else str (the same on every row) and arrays, whose nulls
    the join reads as ''. And whether every row has the value, or a function giving which rows do."""
    if code and isinstance(key, str):
        coded = _code(values, f'<data key="{key}">', "</data>", escape, attribute=False)
        if coded is not None:
            return [coded], True if coded.complete else coded.valid
    texts = _text(values)
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
            pc.if_else(valid, pa.scalar("</data>"), pa.scalar(None, pa.string()))], lambda: valid


def _scalar(piece: "str | pa.Array"):
    return pa.scalar(piece) if isinstance(piece, str) else piece


def _join(pieces: list) -> pa.Array:
    """The pieces (str or arrays of text) joined row by row in one pass, a null piece read as ''."""
    return pc.binary_join_element_wise(*map(_scalar, pieces), "", null_handling="replace", null_replacement="")


def _write_lines(f: IO[bytes], lines: pa.Array) -> None:
    """The UTF-8 bytes of a string array written as they lie in its buffer, without Python strings."""
    lines = lines.combine_chunks() if isinstance(lines, pa.ChunkedArray) else lines
    if len(lines) == 0:
        return
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64 if pa.types.is_large_string(lines.type)
                            else np.int32)[lines.offset:lines.offset + len(lines) + 1]
    f.write(memoryview(lines.buffers()[2])[int(offsets[0]):int(offsets[-1])])


def _rows(heads: list, columns: list, tail: str, rows: int) -> pa.Array:
    """One line per row: head, its data elements and the closing tag (self-closing without data), joined
    in one pass over all the pieces (each long text is copied once)."""
    if columns:
        if any(valid is True for _, valid in columns):  # a column without gaps: every row has data
            opening, closing = ">", tail
        else:
            has_data = columns[0][1]()
            for _, valid in columns[1:]:
                has_data = pc.or_(has_data, valid())
            opening = pc.if_else(has_data, pa.scalar(">"), pa.scalar(" />\n"))
            closing = pc.if_else(has_data, pa.scalar(tail), pa.scalar(""))
        segments = [*heads, opening]
        for parts, _ in columns:
            segments += parts
        segments.append(closing)
    else:
        segments = [*heads, " />\n"]
    return _join(_pieces(segments, rows))


def _id(s: pd.Series, code: bool) -> "pa.Array | _Coded":
    """Ids as escaped text, str(id) each: Arrow writes integers (multigraph keys) as str does, in C; ids
    that repeat in the chunk (multigraph keys, an edge's source) as a _Coded when code."""
    escape = True
    if s.dtype == object:
        try:
            arr = pa.array(s.tolist(), from_pandas=False)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
            arr = None
        if arr is not None and pa.types.is_int64(arr.type) and arr.null_count == 0:
            escape = False  # digits: nothing to escape
        elif arr is None or not pa.types.is_string(arr.type) or arr.null_count:
            arr = pa.array(s.astype(str), type=pa.string())
    elif pd.api.types.is_integer_dtype(s.dtype) and not s.hasnans:
        arr, escape = pa.array(s), False
    else:
        arr = pa.array(s, type=pa.string())
    if code:
        coded = _code(arr, "", "", escape, attribute=True)
        if coded is not None:
            return coded
    arr = _text(arr)
    return _escape(arr, attribute=True) if escape else arr


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
            cols = [(a, _column(scope, str(a), part[a], keys)) for a in attrs]
            parts.append((scope, part, [(a, c) for a, c in cols if c is not None]))
    f.write(b"<?xml version='1.0' encoding='utf-8'?>\n")
    f.write(f'<graphml xmlns="{NS_GRAPHML}" xmlns:xsi="{NS_XSI}" xsi:schemaLocation="{SCHEMA}">\n'.encode())
    f.write(keys.header().encode())
    f.write(f'  <graph edgedefault="{"directed" if directed else "undirected"}">\n'.encode())
    unique: set[tuple[str, str]] = set()  # columns found not to repeat: written as they are

    # Each chunk's lines are joined while the one before is being written (Arrow's kernels and the
    # write both let go of the GIL): on two cores the file's pace is that of the slower of the two.
    with ThreadPoolExecutor(max_workers=1) as writer:
        pending = None
        for scope, part, cols in parts:
            def head_id(column: str):
                if (scope, "#" + column) in unique:
                    return _id(part[column], False)
                got = _id(part[column], True)
                if not isinstance(got, _Coded):
                    unique.add((scope, "#" + column))
                return got
            if scope == "node":
                heads = ['<node id="', head_id("node"), '"']
                tail = "</node>\n"
            else:
                heads = ['<edge source="', head_id("source"), '" target="', head_id("target")]
                if multi:
                    heads += ['" id="', head_id("key")]
                heads.append('"')
                tail = "</edge>\n"
            columns = []
            for name, (values, key, escape) in cols:
                try_code = (scope, name) not in unique
                segments, valid = _data(values, key, escape, try_code)
                if try_code and not isinstance(segments[0], _Coded):
                    unique.add((scope, name))
                columns.append((segments, valid))
            lines = _rows(heads, columns, tail, len(part))
            if pending is not None:
                pending.result()
            pending = writer.submit(_write_lines, f, lines)
        if pending is not None:
            pending.result()
    f.write(b"  </graph>\n</graphml>\n")
