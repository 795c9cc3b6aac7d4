"""Fixes to each page's HTML after the theme has written it, and the site-wide steps after the build."""
from __future__ import annotations

import re
from html import escape
from pathlib import Path

from .editions import EDITIONS, BY_CODE, Edition
from .strings import s

# The language menu's links (Material's partials/alternate.html, pointed at each page's twin by mkdocs-static-i18n).
MENU_LINK = re.compile(r'href="([^"]*)"(\s+hreflang=")([^"]+)"')
# Material's <link rel="alternate"> in <head>, replaced by the site's own (see page_alternates).
HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def _menu(output: str, to_root: str) -> str:
    """The language menu: links relative to the page (the site works from any sub-path), editions named by BCP 47."""
    def link(m: re.Match) -> str:
        href = m[1]
        if href.startswith("/"):
            href = (to_root or "./") if href == "/" else to_root + href.lstrip("/")
        return f'href="{href}"{m[2]}{BY_CODE[m[3]].hreflang if m[3] in BY_CODE else m[3]}"'
    return MENU_LINK.sub(link, output)


def _base_path(page_url: str, edition: Edition) -> str:
    """The page's address below its edition's root: "plans/nansha/" for zh-hant/plans/nansha/."""
    return page_url[len(edition.prefix):] if page_url.startswith(edition.prefix) else page_url


def page_alternates(page_url: str, edition: Edition, site_url: str) -> str:
    """<link rel="alternate" hreflang> for every edition of the page and x-default (the default edition): absolute
    addresses when the site's address is known (SITE_URL), else relative to the page."""
    base = _base_path(page_url, edition)
    root = site_url.rstrip("/") + "/" if site_url else "../" * page_url.count("/")
    hrefs = [(e.hreflang, root + e.prefix + base) for e in EDITIONS] + [("x-default", root + EDITIONS[0].prefix + base)]
    return "".join(f'\n    <link rel="alternate" hreflang="{lang}" href="{escape(href or "./")}">' for lang, href in hrefs)


# Inline code of the hand-written pages: file names, commands and fields (a code span holding Chinese is quoted text).
PLAIN_CODE = re.compile(r"<code>([^<]*)</code>")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _code_without_language(output: str) -> str:
    """Paths, commands and field names carry no human language (lang="zxx", as the W3C advises for part numbers and
    the like), so that neither a screen reader nor a language detector takes them for the page's language."""
    return PLAIN_CODE.sub(lambda m: m[0] if HAN.search(m[1]) else f'<code lang="zxx">{m[1]}</code>', output)


# The Markdown toc extension gives every heading's link one title for the whole site (permalink_title).
PERMALINK_TITLE = re.compile(r'(<a class="headerlink" href="[^"]*" title=")Permanent link(")')
# The theme joins "previous"/"next" and the page title in its footer links' labels with an English colon.
FOOTER_LABEL = re.compile(r'(<a href="[^"]*" class="md-footer__link md-footer__link--(?:prev|next)" aria-label="[^":]*): ')


def _head_and_language(output: str, edition: Edition, alternates: str = "") -> str:
    """The page's own alternates in the head, heading links titled and footer links labelled in the page's language,
    the page's language as BCP 47, and code that carries none marked so."""
    output = _code_without_language(HEAD_ALTERNATE.sub("", output))
    if alternates:
        output = output.replace("</title>", "</title>" + alternates, 1)
    output = PERMALINK_TITLE.sub(lambda m: m[1] + s("permalink", edition.lang) + m[2], output)
    output = FOOTER_LABEL.sub(lambda m: m[1] + s("colon", edition.lang), output)
    return re.sub(r'<html lang="[^"]*"', f'<html lang="{edition.html_lang}"', output, count=1)


def finish_page(output: str, page_url: str, edition: Edition, site_url: str = "") -> str:
    to_root = "../" * page_url.count("/")
    return _head_and_language(_menu(output, to_root), edition, page_alternates(page_url, edition, site_url))


def finish_not_found(output: str, edition: Edition, converter) -> str:
    """The "not found" page is one for every address: its language links lead to each edition's home page, its
    Traditional part is the Simplified part converted."""
    output = MENU_LINK.sub(lambda m: f'href="/{BY_CODE[m[3]].prefix if m[3] in BY_CODE else ""}"{m[2]}{BY_CODE[m[3]].hreflang if m[3] in BY_CODE else m[3]}"', output)
    for converted in (e for e in EDITIONS if e.converted):
        part = re.compile(f'(<div lang="{converted.html_lang}">)(.*?)(</div>)', re.DOTALL)
        output = part.sub(lambda m: m[1] + converter.html(m[2]) + m[3], output)
    return _head_and_language(output, edition)


SITEMAP_LINK = re.compile(r'(\s*)<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]*)"/>')


def finish_sitemap(site_dir: Path, site_url: str) -> None:
    """sitemap.xml names each page's editions by BCP 47, with x-default (the default edition)."""
    path = site_dir / "sitemap.xml"
    if not path.exists():
        return
    text = path.read_text(encoding="utf-8")

    def link(m: re.Match) -> str:
        edition = BY_CODE.get(m[2])
        if edition is None:
            return m[0]
        out = f'{m[1]}<xhtml:link rel="alternate" hreflang="{edition.hreflang}" href="{m[3]}"/>'
        if edition.default:
            out += f'{m[1]}<xhtml:link rel="alternate" hreflang="x-default" href="{m[3]}"/>'
        return out

    text = SITEMAP_LINK.sub(link, text)
    path.write_text(text, encoding="utf-8")
    gz = site_dir / "sitemap.xml.gz"
    if gz.exists():
        import gzip

        gz.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
