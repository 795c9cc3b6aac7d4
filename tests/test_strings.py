"""The interface wording: one file per language under hooks/plansite/strings/, with the same keys in each."""
from __future__ import annotations

import re
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


# ASCII punctuation against Chinese text (the pages' test, test_typography.py, covers what the pages show; this one
# also covers the wording only the scripts show, such as the search page's).
ASCII_BY_CHINESE = re.compile(r"[\u3400-\u9fff][ \t]*[,:;?!()]|[(][ \t]*[\u3400-\u9fff]")
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def test_chinese_strings_use_full_width_punctuation():
    half_width = {key: value for key, value in _strings("zh").items() if ASCII_BY_CHINESE.search(MARKDOWN_LINK.sub(r"\1", str(value)))}
    assert half_width == {}
    assert ASCII_BY_CHINESE.search("层级: 市级") and not ASCII_BY_CHINESE.search(MARKDOWN_LINK.sub(r"\1", "见[规划期末](end-of-period.md)。"))
