"""Fixes to each page's HTML after the theme has written it, and the site-wide steps after the build."""
from __future__ import annotations

import re

from .strings import s

HTML_LANG = {"zh": "zh-Hans", "en": "en"}  # the theme's language code -> the page's lang attribute (BCP 47)
ALTERNATE = re.compile(r'href="(/[^"]*)"(\s+hreflang=)')
# <link rel="alternate" hreflang> in <head>: the theme fetches "sitemap.xml" next to each of them, which for
# page-level alternates are 404s on every page; the hreflang alternates stay in sitemap.xml.
HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def relative_alternates(output: str, page_url: str) -> str:
    """Make the language switcher's root-absolute links relative, so the site works from any sub-path."""
    depth = page_url.count("/")  # the page's URL includes the language prefix (en/…)
    up = "../" * depth or "./"
    return ALTERNATE.sub(lambda m: f'href="{up}{m[1].lstrip("/")}"{m[2]}', output)


LANGUAGE_LINK = re.compile(r'href="[^"]*"(\s+hreflang="([^"]+)")')


# The Markdown toc extension gives every heading's link one title for the whole site (permalink_title).
PERMALINK_TITLE = re.compile(r'(<a class="headerlink" href="[^"]*" title=")Permanent link(")')
# The theme joins "previous"/"next" and the page title in its footer links' labels with an English colon.
FOOTER_LABEL = re.compile(r'(<a href="[^"]*" class="md-footer__link md-footer__link--(?:prev|next)" aria-label="[^":]*): ')


def _head_and_language(output: str, lang: str) -> str:
    """No page-level alternates in the head, heading links titled in the page's language, and the page's language
    as BCP 47."""
    output = HEAD_ALTERNATE.sub("", output)
    output = PERMALINK_TITLE.sub(lambda m: m[1] + s("permalink", lang) + m[2], output)
    output = FOOTER_LABEL.sub(lambda m: m[1] + s("colon", lang), output)
    return output.replace(f'<html lang="{lang}"', f'<html lang="{HTML_LANG.get(lang, lang)}"', 1)


def finish_not_found(output: str, lang: str, default_lang: str) -> str:
    """The "not found" page is one for every address: its language links lead to each language's home page."""
    output = LANGUAGE_LINK.sub(lambda m: f'href="/{"" if m[2] == default_lang else m[2] + "/"}"{m[1]}', output)
    return _head_and_language(output, lang)


def finish_page(output: str, page_url: str, lang: str) -> str:
    return _head_and_language(relative_alternates(output, page_url), lang)
