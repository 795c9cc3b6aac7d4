"""How the index and the browser read text: folding, English words and stems, and the shard a key falls in.

docs/assets/search-engine.js mirrors `fold` and `shard_of`. Folding keeps every character in place, so a match found
in folded text marks the same span of the text shown.
"""
from __future__ import annotations

import re
from functools import cache

import snowballstemmer

WORD = re.compile(r"[a-z0-9]+")
_stemmer = snowballstemmer.stemmer("english")

# White space as JavaScript's \s knows it, so that both sides fold the same characters.
JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff" + "".join(map(chr, range(0x2000, 0x200B)))
FOLD = str.maketrans(
    {**{chr(c): chr(c - 0xFEE0).lower() for c in range(0xFF01, 0xFF5F)}, **{c: " " for c in JS_SPACE},
     **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
     "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}
)


def fold(text: str) -> str:
    """Full-width forms to half-width, curly quotes to straight, white space to a space, ASCII to lower case.

    Every character maps to exactly one character, so offsets in the folded text are offsets in the original.
    """
    return text.translate(FOLD)


def spoken_table(reader: dict) -> dict[int, str]:
    """reader-vocabulary.yaml's `spoken` as a translation table: written Cantonese to standard Chinese (唔 -> 不)."""
    return str.maketrans(reader.get("spoken", {}))


def as_read(word: str, spoken: dict[int, str]) -> str:
    """A reader's word or a word to ignore as search reads a query: folded, written Cantonese as standard Chinese."""
    return fold(word).translate(spoken)


@cache
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


def shard_of(key: str, shards: int) -> int:
    """FNV-1a over UTF-16 code units (what JavaScript strings are made of)."""
    h = 0x811C9DC5
    units = key.encode("utf-16-le")
    for i in range(0, len(units), 2):
        h ^= units[i] | (units[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % shards
