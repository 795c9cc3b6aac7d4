"""Interface wording, one file per language under strings/ (same keys in each)."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from .numerals import cn_number, roman

STRINGS = Path(__file__).with_name("strings")
LANGS = ("zh", "en")  # the site's languages; the first is the default, at the site root
SOURCE_LANG = "zh"  # the language the plans are published in; pages in the others also show this original


@cache
def strings(lang: str) -> dict[str, str]:
    return yaml.safe_load((STRINGS / f"{lang}.yaml").read_text(encoding="utf-8"))


def s(key: str, lang: str) -> str:
    return strings(lang)[key]


class _Numerals(dict):
    """The forms of one number a pattern may ask for, each made only when asked: {n}, {cn} (一, 二) and {roman}."""

    def __init__(self, number, fields: dict):
        super().__init__(fields, n=number)
        self.number = int(number)

    def __missing__(self, key: str) -> str:
        return {"cn": cn_number, "roman": roman}[key](self.number)


def numbered(key: str, number, lang: str, **fields) -> str:
    """The string `key` with a number in it, written in the numerals the language's pattern asks for."""
    return s(key, lang).format_map(_Numerals(number, fields))
