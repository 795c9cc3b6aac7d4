"""Sentence length as the style sheet counts it: where sentences end and what counts as a word."""
from __future__ import annotations

from plansite.sentences import sentences, words


def test_abbreviations_and_numbers_do_not_end_a_sentence():
    text = ("By 2025, invention patents will reach 11,677 (e.g. in new materials), up 52.5% on 2020. "
            "See No. 3 of the list.[^2] “Blue Sky” campaigns continue.")
    assert sentences(text) == [
        "By 2025, invention patents will reach 11,677 (e.g. in new materials), up 52.5% on 2020.",
        "See No. 3 of the list.",
        "“Blue Sky” campaigns continue.",
    ]


def test_words_are_counted_as_a_reader_counts_them():
    assert words("By 2025, invention patents will reach 11,677 (e.g. in new materials), up 52.5% on 2020.") == 15
    assert words("Guangdong-Hong Kong-Macao Greater Bay Area — RMB 397 million.") == 8
