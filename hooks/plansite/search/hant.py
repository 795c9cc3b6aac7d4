"""What the browser needs to read a query typed in Traditional characters, on every edition: a table from Traditional
to Simplified characters limited to the characters of the site's Simplified text, made with OpenCC's own tables, and
(on the Traditional edition) the Traditional forms of the terms the results page may name.

The index holds the Simplified text. The browser folds a query character by character through the table, after the
few two-character words listed with it, so that 質押融資 is looked up as 质押融资. A character that the Simplified text
itself uses is never folded (著 in 著作权, 覆 in 覆盖), except in the words where the site's own conversion writes it
for another character (批覆 for 批复).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache

import opencc

from ..texts import CJK

# Every character OpenCC may convert: the CJK Unified Ideographs (with extension A) and the compatibility block.
_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))
# OpenCC's Traditional-to-Simplified configurations: Hong Kong forms first, then the standard and Taiwan forms a
# reader's input method may produce.
_CONFIGS = ("hk2s", "t2s", "tw2s")


@cache
def _opencc_characters() -> dict[str, list[str]]:
    """Traditional character -> its Simplified characters, by OpenCC's character tables (one character at a time)."""
    chars = [chr(c) for start, end in _RANGES for c in range(start, end)]
    found: dict[str, list[str]] = defaultdict(list)
    for config in _CONFIGS:
        converted = opencc.OpenCC(config).convert("\n".join(chars)).split("\n")
        for t, s in zip(chars, converted):
            if s != t and len(s) == 1 and s not in found[t]:
                found[t].append(s)
    return found


def hant_fold_table(site_text: str, converter, spoken: dict[str, str]) -> dict[str, str]:
    """{"chars": "TSTS…" (pairs of a Traditional character and its Simplified one), "words": "TTSS…" (two-character
    Traditional words and their Simplified form)}, for the characters of site_text (the Simplified text indexed).
    The characters of written Cantonese (`spoken`, 唔 -> 不) are folded the same way."""
    site_chars = set(CJK.findall(site_text))
    converted = converter.text(site_text)
    aligned: dict[str, Counter] = defaultdict(Counter)
    words: dict[str, str] = {}
    if len(converted) == len(site_text):  # s2hk keeps the length of the text, character for character
        for i, (s, t) in enumerate(zip(site_text, converted)):
            if s == t:
                continue
            aligned[t][s] += 1
            if t in site_chars:  # a character of the Simplified text written here for another one: fold it in this word only
                j = i - 1 if i > 0 and CJK.match(site_text[i - 1]) else i
                words[converted[j:j + 2]] = site_text[j:j + 2]
    table: dict[str, str] = {}
    for t, simplified in _opencc_characters().items():
        if t in site_chars:
            continue
        ranked = [s for s, _ in aligned[t].most_common()] + simplified
        s = next((s for s in ranked if s in site_chars), None)
        if s:
            table[t] = s
    table.update(spoken)
    return {"chars": "".join(t + s for t, s in sorted(table.items())),
            "words": "".join(t + s for t, s in sorted(words.items()) if len(t) == len(s) == 2)}


def display_forms(lexicon: dict, converter) -> dict[str, str]:
    """Simplified -> Traditional for the terms the Traditional edition's results page may name (a query's glossary
    term, theme or agency, and the plans' terms a reader's word leads to), where they differ."""
    terms = {form for entry in lexicon["glossary"] + lexicon["names"] for form in entry["zh"]}
    terms |= {term for entry in lexicon["reader"] for term in entry["to"]}
    return {term: converter.text(term) for term in sorted(terms) if converter.text(term) != term}

