"""Whether a text reads as Vietnamese (a document in another language is ingested with a warning)."""
from __future__ import annotations

import re

from .normalize import clean_text

# Letters only Vietnamese uses among Latin scripts (outside Latin-1, so French é è ê à â ô do not count).
_VIETNAMESE_ONLY = set(
    "ăắằẳẵặâấầẩẫậđẹẻẽếềểễệỉĩịọỏốồổỗộơớờởỡợụủũưứừửữựỳỵỷỹ"
    "ĂẮẰẲẴẶẤẦẨẪẬĐẸẺẼẾỀỂỄỆỈĨỊỌỎỐỒỔỖỘƠỚỜỞỠỢỤỦŨƯỨỪỬỮỰỲỴỶỸ")
_WORDS = re.compile(r"[^\W\d_]{2,}")
LANGUAGE_SAMPLE_CHARS = 20_000
MIN_WORDS_FOR_LANGUAGE = 40


def looks_vietnamese(text: str) -> bool | None:
    """Whether a text reads as Vietnamese: in Vietnamese prose a third or more of the words carry a
    letter no other Latin-script language uses (ư, ơ, đ, ă, a dot below...); English and French have
    none. Legacy encodings (VNI, TCVN3) are decoded first. None when there are too few words to tell."""
    sample = clean_text(text[:LANGUAGE_SAMPLE_CHARS]).text
    words = _WORDS.findall(sample)
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return None
    marked = sum(1 for w in words if not _VIETNAMESE_ONLY.isdisjoint(w))
    return marked >= 0.05 * len(words)
