"""Copies of one document: the same text in several files (a `.txt`, a text PDF, a scan, page images,
a saved web page), found by text similarity where no symbol says it.

A document's text is reduced to a MinHash signature of its word shingles (`signature`); locality-
sensitive hashing (MinHashLSH's banding, as datasketch does it) pairs documents whose shingles mostly
agree, so finding copies stays near-linear in the number of documents. OCR's misread characters and a web page's
leftover chrome change a few shingles, not most of them.
"""
from __future__ import annotations

import re
from functools import lru_cache
from hashlib import sha1
from typing import Iterable

from .keys import fold

NUM_PERM = 64
SCHEME = "affine32"
SHINGLE = 3  # words
# Two files are copies when this share of their shingles agree (a scan against its text: above 0.9;
# two short plans of one template: up to 0.7).
THRESHOLD = 0.8
# LSH only proposes pairs; it proposes them from this similarity up, so that a scan at 0.8-0.85 of its
# text (a low-dpi or damaged one: a misread word changes three shingles) is not missed by the banding
# (at 0.8 with 64 permutations, 5 bands of 11 propose a pair at 0.84 only about half the time).
CANDIDATE_THRESHOLD = 0.6
# The bands of the LSH: datasketch's MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM) picks
# 10 bands of 6 values (its _optimal_param, by scipy's integration; tests/test_copies.py checks the pair).
BANDS, ROWS = 10, 6
MIN_SHINGLES = 20  # below this a text is too short to tell copies from documents that merely look alike
_WORD = re.compile(r"[^\W_]+")


def signature(text: str) -> np.ndarray | None:
    """MinHash of the text's word 3-shingles (case, tone placement and punctuation ignored); None for
    texts too short to compare.

    The values are datasketch's `MinHash(num_perm=NUM_PERM, seed=14, scheme="affine32")` after
    `update_batch(shingles)`, bit for bit (tests/test_copies.py compares them), computed here in
    NumPy: importing datasketch imports its LSH and with it scipy, 0.4 s of CPU in every process
    that signs texts (each ingest worker), which is most of a worker's start-up. `copy_groups` bands
    the signatures as datasketch's MinHashLSH does, for the same reason (there it was 0.4 s of the
    ingest's corpus pass, in the one process, while the workers wait)."""
    words = _WORD.findall(fold(text[:200_000]))
    if len(words) < MIN_SHINGLES + SHINGLE:
        return None
    shingles = {" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}
    import numpy as np  # here, not at import: a one-file `directives extract` needs no copies

    # datasketch's sha1_hash32: the first 4 bytes of each shingle's SHA-1, little-endian.
    hv = np.frombuffer(b"".join([sha1(s).digest()[:4] for s in shingles]), dtype="<u4").astype(np.uint32)
    # The MurmurHash3 finalizer, then a * h + b in uint32 (the wraparound is the modulo 2^32).
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    hv = hv ^ (hv >> np.uint32(16))
    a, b = _permutations()
    return (hv[:, None] * a + b).min(axis=0).astype(np.uint64)


@lru_cache(maxsize=1)
def _permutations():
    """datasketch's affine32 permutations for seed 14: odd multipliers and offsets, drawn in its order."""
    import numpy as np

    gen = np.random.RandomState(14)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    import numpy as np

    return float(np.mean(a == b))


def copy_groups(signatures: Iterable[tuple[str, np.ndarray]], threshold: float = THRESHOLD,
                anchors: Iterable[str] = ()) -> list[list[str]]:
    """Groups (of two or more keys) whose texts are copies of one another, each in input order.
    anchors: keys already known to be documents of their own (a symbol says which): each may gather
    copies, but anchors are never compared with one another, and no group of anchors alone is returned."""
    import numpy as np

    items = [(k, np.asarray(s, dtype="<u8")) for k, s in signatures if s is not None]
    if len(items) < 2:
        return []
    anchored = set(anchors)
    # datasketch's MinHashLSH, its in-memory storage: a table per band, from the band's values (as bytes:
    # equal bytes, equal values) to the keys inserted with them; a query proposes every key that shares a
    # band with it. The same candidates, hence the same groups (the union below ignores their order).
    tables: list[dict[bytes, list[str]]] = [{} for _ in range(BANDS)]
    order = {k: i for i, (k, _) in enumerate(items)}
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def bands(sig: np.ndarray) -> list[bytes]:
        raw = sig.tobytes()
        return [raw[b * ROWS * 8:(b + 1) * ROWS * 8] for b in range(BANDS)]

    def insert(key: str, keys: list[bytes]) -> None:
        for table, h in zip(tables, keys):
            table.setdefault(h, []).append(key)

    for key, sig in items:  # anchors first: the others are compared with all of them
        if key in anchored:
            insert(key, bands(sig))
    for key, sig in items:
        if key in anchored:
            continue
        keys = bands(sig)
        proposed = {other for table, h in zip(tables, keys) for other in table.get(h, ())}
        for other in proposed:
            # LSH proposes; the estimated similarity decides.
            if similarity(sig, items[order[other]][1]) >= threshold:
                a, b = find(order[key]), find(order[other])
                if a != b:
                    parent[max(a, b)] = min(a, b)
        insert(key, keys)
    groups: dict[int, list[str]] = {}
    for i, (key, _) in enumerate(items):
        groups.setdefault(find(i), []).append(key)
    return [g for g in groups.values() if len(g) > 1 and not all(k in anchored for k in g)]


def edit_distance_one(a: str, b: str) -> bool:
    """Whether a and b differ by exactly one inserted, deleted or replaced character."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]
