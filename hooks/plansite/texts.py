"""Bilingual text objects ({zh, en}) as the data files hold them: finding them, footnote markers, Chinese script."""
from __future__ import annotations

import re

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
FOOTNOTE_REF = re.compile(r"\[\^(\d+)\]")


def walk_texts(value, path=()):
    """Yield (path, text) for every bilingual text object inside value."""
    if isinstance(value, dict):
        if isinstance(value.get("zh"), str) and "en" in value:
            yield path, value
        for key, child in value.items():
            yield from walk_texts(child, path + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from walk_texts(child, path + (i,))
