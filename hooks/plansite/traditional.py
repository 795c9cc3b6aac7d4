"""Traditional Chinese (Hong Kong forms) from the Simplified text: OpenCC's s2hk configuration, with the corrections
of data/traditional.yaml. The Traditional edition's pages are the Simplified edition's pages converted as they are
written, so nothing in Traditional characters is ever kept or edited by hand.

In a page, everything a reader sees is converted; addresses and references are not (href, id, for, …: anchors stay
the same in every edition), nor code, scripts and style sheets (code samples are what a maintainer types in data/).
"""
from __future__ import annotations

import re
from functools import cache, cached_property

import opencc

# Attributes that name or point at something rather than say something: never converted.
REFERENCE_ATTRIBUTES = ("href", "src", "id", "for", "name", "value", "action", "headers", "form", "list",
                        "aria-controls", "aria-labelledby", "aria-describedby", "aria-owns", "data-index", "data-root")
_KEPT = re.compile(
    r"<(script|style|pre|code|textarea)\b[^>]*>.*?</\1\s*>"
    r"|\s(?:" + "|".join(map(re.escape, REFERENCE_ATTRIBUTES)) + r")=(?:\"[^\"]*\"|'[^']*')",
    re.DOTALL | re.IGNORECASE,
)
# Stand-ins for what is kept while the rest is converted: characters of the Private Use Area, which OpenCC leaves
# alone and no page contains. A kept span becomes OPEN + its number + CLOSE; a correction, FIX_OPEN + number + CLOSE.
OPEN, FIX_OPEN, CLOSE = "\ue000", "\ue001", "\ue002"
_STAND_IN = re.compile(f"([{OPEN}{FIX_OPEN}])([0-9]+){CLOSE}")


@cache
def _opencc(config: str) -> opencc.OpenCC:
    """One converter of each configuration per process: loading its dictionaries takes tens of milliseconds, and
    every load of the data (each rebuild under `mkdocs serve`) checks the corrections with both."""
    return opencc.OpenCC(config)


class Converter:
    """Simplified to Traditional (Hong Kong forms), with corrections [{simplified, traditional, reason}]."""

    def __init__(self, corrections: list[dict]):
        self._s2hk = _opencc("s2hk")
        self.corrections = sorted(corrections, key=lambda c: len(c["simplified"]), reverse=True)
        alternatives = "|".join(re.escape(c["simplified"]) for c in self.corrections)
        self._fixes = re.compile(alternatives) if alternatives else None
        self._index = {c["simplified"]: n for n, c in enumerate(self.corrections)}

    def text(self, text: str) -> str:
        return self._convert(text, [])

    def html(self, html: str) -> str:
        """A page or a fragment of one: what readers see converted, references, code and scripts kept as they are."""
        kept: list[str] = []

        def keep(match: re.Match) -> str:
            kept.append(match.group(0))
            return f"{OPEN}{len(kept) - 1}{CLOSE}"

        return self._convert(_KEPT.sub(keep, html), kept)

    def _convert(self, text: str, kept: list[str]) -> str:
        if self._fixes is not None:
            text = self._fixes.sub(lambda m: f"{FIX_OPEN}{self._index[m.group(0)]}{CLOSE}", text)
        out = self._s2hk.convert(text)
        return _STAND_IN.sub(lambda m: kept[int(m[2])] if m[1] == OPEN else self.corrections[int(m[2])]["traditional"], out)

    @cached_property
    def back(self) -> opencc.OpenCC:
        """Traditional (Hong Kong forms) to Simplified: what the round-trip checks use."""
        return _opencc("hk2s")


def with_traditional(value, converter: Converter, code: str):
    """A copy of value in which every text with Chinese and English ({"zh": …, "en": …}) also has its Traditional
    form under `code`, for what the browser shows of data/ on the Traditional edition (the finder's data)."""
    if isinstance(value, dict):
        out = {key: with_traditional(child, converter, code) for key, child in value.items()}
        if isinstance(value.get("zh"), str) and "en" in value:
            out[code] = converter.text(value["zh"])
        return out
    if isinstance(value, list):
        return [with_traditional(child, converter, code) for child in value]
    return value
