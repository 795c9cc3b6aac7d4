"""The site's editions: Simplified Chinese at the root, Traditional Chinese (Hong Kong forms) under zh-hant/, English
under en/. An edition shows the text of one language of data/ (strings.LANGS); the Traditional edition shows the
Simplified text, converted to Traditional characters when its pages are written (traditional.py)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Edition:
    code: str  # the i18n locale: suffix of its docs files (x.zh-hant.md), its folder in the site and the search index
    lang: str  # the language of data/ it shows
    html_lang: str  # the lang attribute of its pages (BCP 47)
    hreflang: str  # how the pages' alternates and the sitemap name it
    converted: bool = False  # shows the Simplified text converted to Traditional characters

    @property
    def default(self) -> bool:
        return self is EDITIONS[0]

    @property
    def prefix(self) -> str:
        """Its folder below the site's root: "" for the default edition, else "zh-hant/", "en/"."""
        return "" if self.default else self.code + "/"


EDITIONS = (
    Edition("zh", "zh", "zh-Hans", "zh-Hans"),
    Edition("zh-hant", "zh", "zh-Hant-HK", "zh-Hant", converted=True),
    Edition("en", "en", "en", "en"),
)
BY_CODE = {e.code: e for e in EDITIONS}
SOURCE = EDITIONS[0]  # the edition of the official text as published: what the Traditional edition links back to


def edition(code: str) -> Edition:
    return BY_CODE[code]
