"""Postings with positions, split into shards so that a query fetches only the files its words fall in: Chinese by
character bigram (keyed by the first character, so a one-character query finds all its bigrams in one file), English
by word stem (each stem with the positions of every surface form of it)."""
from __future__ import annotations

from .records import Record
from .text import WORD, fold, shard_of, stem

# A query fetches the file of each character (English: stem) that begins one of its keys, whole. In files of 4,000
# postings, a question of thirty characters fetched most of the 32 files: 150-240 KB. In files of 250, it fetches a
# sixteenth as much for each character; the count grows with the text, up to about one file per character.
POSITIONS_PER_SHARD = 250
# The cap is reached only at many times the real text (the bench's 25x): there, 2,048 files per edition made an edit
# show later under scripts/serve (median of three saves 5.0 s; 4.3 s with 1,024, 4.4 s with the files of 4,000).
MAX_SHARDS = 1024


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


def _postings(records: list[Record], keys_of) -> dict[str, dict[int, list[int]]]:
    """key -> record index -> positions, for keys_of(folded text) yielding (key, position)."""
    index: dict[str, dict[int, list[int]]] = {}
    for n, record in enumerate(records):
        for key, pos in keys_of(fold(record.indexed)):
            index.setdefault(key, {}).setdefault(n, []).append(pos)
    return index


def _encode(postings: dict[int, list[int]]) -> str:
    """"rec:pos,pos;rec:pos" in base 36, record numbers and positions as differences from the previous one."""
    parts, last = [], 0
    for rec in sorted(postings):
        positions = postings[rec]
        deltas = [positions[0]] + [b - a for a, b in zip(positions, positions[1:])]
        parts.append(_b36(rec - last) + ":" + ",".join(map(_b36, deltas)))
        last = rec
    return ";".join(parts)


def zh_keys(text: str):
    """Character bigrams with their offsets; the last character of the text pairs with an end mark."""
    for i, ch in enumerate(text):
        yield ch + (text[i + 1] if i + 1 < len(text) else "\0"), i


def en_keys(text: str):
    for n, match in enumerate(WORD.finditer(text)):
        yield match.group(0), n


def shard_count(total_positions: int) -> int:
    shards = 8
    while shards * POSITIONS_PER_SHARD < total_positions and shards < MAX_SHARDS:
        shards *= 2
    return shards


def build_shards(records: list[Record], lang: str) -> tuple[int, list[dict]]:
    index = _postings(records, zh_keys if lang == "zh" else en_keys)
    count = shard_count(sum(len(p) for per in index.values() for p in per.values()))
    shards: list[dict] = [{} for _ in range(count)]
    for key, per in index.items():
        if lang == "zh":
            shards[shard_of(key[0], count)][key] = _encode(per)
        else:
            stemmed = stem(key)
            shards[shard_of(stemmed, count)].setdefault(stemmed, {})[key] = _encode(per)
    return count, shards
