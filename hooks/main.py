"""MkDocs hook: the site's pipeline, one stage per event.

    on_config      load and check data/ (load.py) into one Site
    on_pre_build   render the generated pages (render.py, templates/) and write those that changed (pages.py)
    on_page_content  put back the HTML each generated page set aside before Markdown (rawhtml.py)
    on_post_page   per-page fixes of the theme's HTML (postprocess.py)
    on_post_build  open data (opendata.py), the theme's CSS cut to what is used (stylesheet.py), search index

mkdocs-static-i18n builds each language in turn and every event fires once per language; the data is loaded and
the pages rendered once per build, then reused for the second language.
"""
from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).parent))

from plansite import rawhtml  # noqa: E402
from plansite.load import load_site  # noqa: E402
from plansite.model import Site  # noqa: E402
from plansite.opendata import write_open_data  # noqa: E402
from plansite.pages import render_all, write_pages  # noqa: E402
from plansite.postprocess import finish_page  # noqa: E402
from plansite.problems import DataError  # noqa: E402
from plansite.search_index import write_search_index  # noqa: E402
from plansite.strings import strings  # noqa: E402
from plansite.stylesheet import purge_theme_css  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
log = logging.getLogger("mkdocs.plugins.plansite")


@dataclass
class BuildState:
    """What one MkDocs process keeps between events and, under `mkdocs serve`, between builds."""

    command: str = "build"
    site_dir: Path | None = None  # the root site directory (static-i18n points config.site_dir at en/ for English)
    fingerprint: tuple = ()  # of data/ and hooks/plansite/ when `site` was loaded
    site: Site | None = None
    pages: dict[str, tuple[str, list[str]]] | None = None  # docs-relative file -> (Markdown, HTML set aside)
    anchors: dict[str, set[str]] = field(default_factory=dict)  # docs-relative file -> ids in its HTML set aside


state = BuildState()


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
    state.command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Page dates (sitemap lastmod) come from the data, not the clock, so two builds of one commit are identical.
    os.environ.setdefault("SOURCE_DATE_EPOCH", _source_date_epoch())
    if state.site_dir is None:
        state.site_dir = Path(config.site_dir)
    fingerprint = _fingerprint()
    if state.fingerprint != fingerprint:
        try:
            state.site = load_site(ROOT)
        except DataError as exc:
            state.fingerprint = ()
            raise PluginError(f"{len(exc.problems)} problem(s) in data/:\n{exc}") from None
        state.fingerprint, state.pages = fingerprint, None
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    if state.pages is None:
        try:
            state.pages = render_all(state.site)
        except DataError as exc:
            raise PluginError(f"{len(exc.problems)} problem(s) in the site settings:\n{exc}") from None
        state.anchors = {rel: rawhtml.anchor_ids(blocks) for rel, (_, blocks) in state.pages.items()}
    try:
        touched = write_pages(Path(config.docs_dir), state.pages)
    except DataError as exc:
        raise PluginError(f"{len(exc.problems)} problem(s) in docs/:\n{exc}") from None
    if touched:
        log.info("plansite: wrote %d generated page(s)", len(touched))


def on_page_content(html: str, page: Page, config: MkDocsConfig, files) -> str:
    generated = (state.pages or {}).get(page.file.src_uri)
    if not generated:
        return html
    # The set-aside HTML's ids join the anchors that links into the page are checked against.
    page.present_anchor_ids.update(state.anchors[page.file.src_uri])
    return rawhtml.restore(html, generated[1])


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return finish_page(output, page.url, config.theme["language"])


def on_env(env, config: MkDocsConfig, files):
    """Interface wording for the theme's templates (header search box, results page), from the strings files."""
    env.globals["ui"] = lambda key, lang: strings(lang)[key]
    env.globals["search_words"] = lambda lang: {k[len("search_"):]: v for k, v in strings(lang).items() if k.startswith("search_")}
    return env


@event_priority(-200)  # after mkdocs-static-i18n has built every language
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return
    write_open_data(state.site, state.site_dir)
    purge_theme_css(state.site_dir)
    if state.command == "serve":
        # Under `mkdocs serve` the browser reloads as soon as the pages are written; the search index follows.
        threading.Thread(target=write_search_index, args=(state.site, state.site_dir), daemon=True).start()
        return
    write_search_index(state.site, state.site_dir)
