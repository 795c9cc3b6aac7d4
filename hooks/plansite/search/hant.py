"""What the browser needs to read a query typed in Traditional characters, on every edition: a table from Traditional
to Simplified characters limited to the characters of the site's Simplified text, made with OpenCC's own tables, and
(on the Traditional edition) the Traditional forms of the terms the results page may name.

The index holds the Simplified text. The browser folds a query character by character through the table, after the
few two-character words listed with it, so that 質押融資 is looked up as 质押融资. The Traditional edition reads the
table backwards to write the terms it names (display_forms). A character that the Simplified text
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
    """{"chars": "TSTS…" (pairs of a Traditional character and its Simplified one), "spoken": "TSTS…" (the characters
    of written Cantonese, 唔 -> 不, folded the same way but never written for the standard ones), "words": "TTSS…"
    (two-character Traditional words and their Simplified form)}, for the characters of site_text (the Simplified
    text indexed)."""
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
    return {"chars": "".join(t + s for t, s in sorted(table.items())),
            "spoken": "".join(t + s for t, s in sorted(spoken.items())),
            "words": "".join(t + s for t, s in sorted(words.items()) if len(t) == len(s) == 2)}


def display_forms(lexicon: dict, converter, fold_table: dict[str, str]) -> dict:
    """How the Traditional edition's results page writes the terms it may name (a query's glossary term, theme or
    agency, the plans' terms a reader's word leads to, the words of the site's vocabulary it suggests), as the site's
    conversion does. The browser writes a term character by character, reading the fold table backwards (each
    Simplified character to the first Traditional one listed for it): {"chars": "STST…", the characters the site's
    conversion writes otherwise in most of these terms, "words": {term: form}, the terms that still come out
    otherwise}. A few hundred bytes instead of every term."""
    terms = {form for entry in lexicon["glossary"] + lexicon["names"] for form in entry["zh"]}
    terms |= {term for entry in lexicon["reader"] for term in entry["to"]} | set(lexicon["vocabulary"])
    forms = {term: converter.text(term) for term in sorted(terms)}
    table = fold_table["chars"]
    first: dict[str, str] = {}
    for t, s in zip(table[::2], table[1::2]):
        first.setdefault(s, t)
    written: dict[str, Counter] = defaultdict(Counter)
    for term, form in forms.items():
        if len(form) == len(term):
            for s, t in zip(term, form):
                if CJK.match(s):
                    written[s][t] += 1
    chars = {s: count.most_common(1)[0][0] for s, count in written.items()}
    chars = {s: t for s, t in chars.items() if t != first.get(s, s)}
    by_char = {**first, **chars}
    words = {term: form for term, form in forms.items() if "".join(by_char.get(c, c) for c in term) != form}
    return {"chars": "".join(s + t for s, t in sorted(chars.items())), "words": words}
