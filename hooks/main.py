"""MkDocs hook: loads data/, renders the generated pages, and wires search, languages and open data into the build.

mkdocs-static-i18n builds each language in turn and every event fires once per language; the data is loaded and
the pages rendered once per build, then reused for the second language.
"""
from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).parent))

from plansite.data import load_site  # noqa: E402
from plansite.opendata import write_open_data  # noqa: E402
from plansite.pages import render_all, write_pages  # noqa: E402
from plansite.problems import DataError  # noqa: E402
from plansite.render import Renderer, restore_html, strings  # noqa: E402
from plansite.search_index import write_search_index  # noqa: E402
from plansite.stylesheet import purge_theme_css  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
log = logging.getLogger("mkdocs.plugins.plansite")
_state: dict = {}
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
ALTERNATE = re.compile(r'href="(/[^"]*)"(\s+hreflang=)')
ANCHOR_ID = re.compile(r'\sid="([^"]+)"')
# <link rel="alternate" hreflang> in <head>: the theme fetches "sitemap.xml" next to each of them, which for
# page-level alternates are 404s on every page; the hreflang alternates stay in sitemap.xml.
HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def _fingerprint() -> tuple:
    """Changes whenever a data file or a template changes (mkdocs serve rebuilds in the same process)."""
    paths = list((ROOT / "data").rglob("*")) + list((ROOT / "hooks" / "plansite").rglob("*"))
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths if p.is_file()))


def _source_date_epoch() -> str:
    """The time of the last commit that touched data/ (reproducible sitemaps); the data files' newest mtime outside git."""
    result = subprocess.run(["git", "log", "-1", "--format=%ct", "--", "data"], cwd=ROOT, capture_output=True, text=True)
    if result.returncode == 0 and result.stdout.strip():
        return result.stdout.strip()
    return str(int(max(p.stat().st_mtime for p in (ROOT / "data").rglob("*.yaml"))))


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Page dates (sitemap lastmod) come from the data, not the clock, so two builds of one commit are identical.
    os.environ.setdefault("SOURCE_DATE_EPOCH", _source_date_epoch())
    _state.setdefault("root_site_dir", Path(config.site_dir))
    fingerprint = _fingerprint()
    if _state.get("fingerprint") != fingerprint:
        try:
            site = load_site(ROOT)
        except DataError as exc:
            _state.pop("fingerprint", None)
            raise PluginError(f"{len(exc.problems)} problem(s) in data/:\n{exc}") from None
        _state.update(fingerprint=fingerprint, site=site, renderer=Renderer(site), pages=None)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    if _state["pages"] is None:
        try:
            _state["pages"] = render_all(_state["site"], _state["renderer"])
        except DataError as exc:
            raise PluginError(f"{len(exc.problems)} problem(s) in the site settings:\n{exc}") from None
    touched = write_pages(Path(config.docs_dir), _state["pages"])
    if touched:
        log.info("plansite: wrote %d generated page(s)", len(touched))


def on_page_content(html: str, page: Page, config: MkDocsConfig, files) -> str:
    generated = (_state.get("pages") or {}).get(page.file.src_uri)
    if not generated:
        return html
    # The HTML set aside before Markdown goes back in; its ids join the anchors that links are checked against.
    for block in generated[1]:
        page.present_anchor_ids.update(ANCHOR_ID.findall(block))
    return restore_html(html, generated[1])


def _relative_alternates(output: str, page: Page) -> str:
    """Make the language switcher's root-absolute links relative, so the site works from any sub-path."""
    depth = page.url.count("/")  # page.url includes the language prefix (en/…)
    up = "../" * depth or "./"
    return ALTERNATE.sub(lambda m: f'href="{up}{m[1].lstrip("/")}"{m[2]}', output)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    lang = config.theme["language"]
    output = _relative_alternates(output, page)
    output = HEAD_ALTERNATE.sub("", output)
    output = output.replace(f'<html lang="{lang}"', f'<html lang="{HTML_LANG.get(lang, lang)}"', 1)
    return output


def on_env(env, config: MkDocsConfig, files):
    """Interface wording for the theme's templates (header search box, results page), from the strings file."""
    env.globals["ui"] = lambda key, lang: strings()[key][lang]
    env.globals["search_words"] = lambda lang: {k[len("search_"):]: v[lang] for k, v in strings().items() if k.startswith("search_")}
    return env


@event_priority(-200)  # after mkdocs-static-i18n has built every language
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return
    site_dir = _state["root_site_dir"]
    write_open_data(_state["site"], _state["renderer"], site_dir)
    purge_theme_css(site_dir)
    if _state.get("command") == "serve":
        # Under `mkdocs serve` the browser reloads as soon as the pages are written; the search index follows.
        threading.Thread(target=write_search_index, args=(_state["site"], _state["renderer"], site_dir), daemon=True).start()
        return
    write_search_index(_state["site"], _state["renderer"], site_dir)
