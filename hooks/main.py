"""MkDocs hook: loads data/, renders the generated pages, and wires search and languages into the build.

Every event fires once per language (mkdocs-static-i18n builds each language in turn).
"""
from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).parent))

from plansite.data import Site, load_site  # noqa: E402
from plansite.opendata import write_open_data  # noqa: E402
from plansite.pages import nav, render_all, write_pages  # noqa: E402
from plansite.problems import DataError  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
log = logging.getLogger("mkdocs.plugins.plansite")
_state: dict = {}
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
ALTERNATE = re.compile(r'href="(/[^"]*)"(\s+hreflang=)')


def _site() -> Site:
    try:
        return load_site(ROOT)
    except DataError as exc:
        raise PluginError(f"{len(exc.problems)} problem(s) in data/:\n{exc}") from None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if "root_site_dir" not in _state:
        _state["root_site_dir"] = Path(config.site_dir)
    site = _state["site"] = _site()
    config.nav = nav(site)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    touched = write_pages(Path(config.docs_dir), render_all(_state["site"]))
    if touched:
        log.info("plansite: wrote %d generated page(s)", len(touched))


def _relative_alternates(output: str, page: Page) -> str:
    """Make the language switcher's root-absolute links relative, so the site works from any sub-path."""
    depth = page.url.count("/")  # page.url includes the language prefix (en/…)
    up = "../" * depth or "./"
    return ALTERNATE.sub(lambda m: f'href="{up}{m[1].lstrip("/")}"{m[2]}', output)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    lang = config.theme["language"]
    output = _relative_alternates(output, page)
    output = output.replace(f'<html lang="{lang}"', f'<html lang="{HTML_LANG.get(lang, lang)}"', 1)
    output = output.replace('class="headerlink"', 'class="headerlink" data-pagefind-ignore', )
    return output.replace('<article class="md-content__inner md-typeset">', '<article class="md-content__inner md-typeset" data-pagefind-body>', 1)


@event_priority(-200)  # after mkdocs-static-i18n has built every language
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return
    site_dir = _state["root_site_dir"]
    write_open_data(_state["site"], site_dir)
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise PluginError(f"Pagefind failed to index {site_dir}:\n{result.stdout}{result.stderr}")
