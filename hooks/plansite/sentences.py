"""English sentences and their length in words, for the style sheet's limits (aim at 40, over 60 listed, never over 80)."""
from __future__ import annotations

import re

from .texts import FOOTNOTE_REF

LISTED = 60  # over this, the translation report lists the sentence
LIMIT = 80  # over this, only with a recorded exception (data/style.yaml)

# A sentence ends at . ! or ? (and any closing quote or bracket), before a space and a capital, digit or opening quote.
BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9“\"(])")
# Abbreviations after which a full stop does not end the sentence.
ABBREVIATIONS = re.compile(r"(?:\b(?:e\.g|i\.e|etc|No|Nos|vs|Co|Ltd|Inc|Art|para|cf|St|Dr|Mr|Ms|U\.S|approx)\.|\b[A-Z]\.)$")
WORD = re.compile(r"[A-Za-z0-9]+(?:[-'’.,/][A-Za-z0-9]+)*")


def sentences(text: str) -> list[str]:
    text = FOOTNOTE_REF.sub("", text)
    out: list[str] = []
    start = 0
    for m in BOUNDARY.finditer(text):
        piece = text[start:m.start()].rstrip("\"”’)")
        if ABBREVIATIONS.search(piece):
            continue
        out.append(text[start:m.start()].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def words(sentence: str) -> int:
    """Words as a reader counts them: 11,677 and 2021-2025 are one word each, punctuation none."""
    return len(WORD.findall(sentence))


def opening(sentence: str, n: int = 8) -> str:
    """The first n words, as a recorded exception quotes them."""
    return " ".join(sentence.split()[:n])
