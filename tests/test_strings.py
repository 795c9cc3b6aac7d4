"""The interface wording: one file per language under hooks/plansite/strings/, with the same keys in each."""
from __future__ import annotations

from pathlib import Path

import pytest
from plansite.strings import LANGS
from plansite.texts import CJK
from plansite.yamldoc import load_document

ROOT = Path(__file__).resolve().parents[1]
STRINGS = ROOT / "hooks/plansite/strings"


def _strings(lang: str) -> dict:
    # A second definition of a key silently replaces the first (a page label changed this way once):
    # load_document raises DataError naming the line of a duplicate.
    return load_document(STRINGS / f"{lang}.yaml", ROOT).data


def test_there_is_one_file_per_language_and_no_other():
    assert sorted(p.stem for p in STRINGS.glob("*.yaml")) == sorted(LANGS)


@pytest.mark.parametrize("lang", LANGS[1:])
def test_every_language_has_the_same_keys_as_the_chinese(lang):
    chinese, other = _strings(LANGS[0]), _strings(lang)
    assert sorted(set(chinese) - set(other)) == [], f"missing in {lang}.yaml"
    assert sorted(set(other) - set(chinese)) == [], f"not in {LANGS[0]}.yaml"


def test_english_strings_are_english():
    # Chinese may be quoted in English (专栏), but never stand for a whole string left untranslated.
    untranslated = [key for key, value in _strings("en").items() if CJK.search(str(value)) and not any(c.isascii() and c.isalpha() for c in str(value))]
    assert untranslated == []


def test_chinese_strings_use_full_width_punctuation():
    half_width = [key for key, value in _strings("zh").items() if CJK.search(str(value)) and any(p in str(value) for p in ("(", ")", ";")) and "](" not in str(value)]
    assert half_width == []
