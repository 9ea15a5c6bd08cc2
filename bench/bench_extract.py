"""Extraction speed on one core: text -> references (fields, relations), against a bare regex scan.

Measured side by side in this run, CPU time (best of 3), on two texts: the real corpus (seeds and web
documents, about one reference per KB) and a synthetic corpus (pipeline.demo.synthetic, about five per KB).
"""
from __future__ import annotations

import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _best(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return max(best, 1e-9)


def run() -> list[tuple[str, str, str]]:
    import tempfile

    from pipeline.document import analyze_text
    from pipeline.extract import get_references
    from pipeline.normalize import clean_text
    from pipeline.patterns import SYMBOL_RE
    from pipeline.demo.synthetic import write_corpus

    real = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(tmp, 200, seed=3)
        synthetic = [p.read_text(encoding="utf-8") for p in sorted(Path(tmp).glob("*.txt"))]
    rows = []
    get_references(real[1])  # imports and lazy compilation out of the timing
    for name, docs in (("real corpus x10", real * 10), ("synthetic", synthetic)):
        text = "\n\n".join(docs)
        mb = len(text.encode("utf-8")) / 1e6
        n = len(get_references(text, sentences=False))
        regex = _best(lambda: SYMBOL_RE.findall(text))
        refs = _best(lambda: get_references(text, sentences=False))
        with_sentences = _best(lambda: get_references(text), repeat=1)
        repair = _best(lambda: clean_text(text))
        whole = _best(lambda: [analyze_text(d) for d in docs], repeat=1)
        rows += [
            (f"{name}: bare regex scan (SYMBOL_RE)", f"{mb / regex:.1f} MB/s", f"{mb:.2f} MB, {n} references"),
            (f"{name}: extraction (get_references)", f"{mb / refs:.2f} MB/s",
             f"references with type, symbol, date, issuer, relation; {regex / refs * 100:.1f}% of the regex speed"),
            (f"{name}: + underthesea sentences", f"{mb / with_sentences:.2f} MB/s", "each reference carries its sentence"),
            (f"{name}: text repair (clean_text)", f"{mb / repair:.1f} MB/s", "NFC, legacy encodings, diacritics"),
            (f"{name}: analyze_text per document", f"{mb / whole:.2f} MB/s",
             "repair, structure, own metadata, references, sentences, resolution"),
        ]
    return rows
