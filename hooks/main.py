"""MkDocs hook: the site's pipeline, one stage per event.

    on_config        load and check data/ (load.py) into one Site
    on_pre_build     render the generated pages (render.py, templates/) and write those that changed (pages.py)
    on_page_markdown add its generated part to a hand-written page (pages.PARTS: the About page)
    on_page_content  put back the HTML each generated page (or part) set aside before Markdown (rawhtml.py)
    on_post_page     per-page fixes of the theme's HTML (postprocess.py)
    on_post_build    open data (opendata.py), the theme's CSS cut to what is used (stylesheet.py), search index
    on_serve, on_shutdown   under `mkdocs serve` only (livereload.py; see README, "Edit to browser"); while the site
                     cannot be built, every page of the preview lists the problems (preview.py)

mkdocs-static-i18n builds each edition in turn (editions.py: Simplified, Traditional, English) and every event fires
once per edition; the data is loaded and the pages rendered once per build, then reused for the other editions. The
Traditional edition's pages are the Simplified ones, converted to Traditional characters as they are written
(on_post_page, traditional.py).
"""
from __future__ import annotations

import logging
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).parent))

from plansite import addresses, inputs, preview, rawhtml  # noqa: E402
from plansite.livereload import DirtyBuildNotice, ignore_own_writes, watch_by_events  # noqa: E402
from plansite.load import DocumentCache, load_site  # noqa: E402
from plansite.model import Site  # noqa: E402
from plansite.opendata import write_open_data  # noqa: E402
from plansite.editions import EDITIONS, Edition, edition  # noqa: E402
from plansite.pages import MANIFEST, PARTS, Rendered, file_name, hand_written_twins, previously_written, render_all, write_pages  # noqa: E402
from plansite.postprocess import finish_not_found, finish_page, finish_sitemap  # noqa: E402
from plansite.problems import DataError, Problem  # noqa: E402
from plansite.search import write_search_index  # noqa: E402
from plansite.strings import strings  # noqa: E402
from plansite.javascript import minify_scripts  # noqa: E402
from plansite.stylesheet import purge_theme_css  # noqa: E402
from plansite.traditional import Converter  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
log = logging.getLogger("mkdocs.plugins.plansite")


@dataclass
class BuildState:
    """What one MkDocs process keeps between events and, under `mkdocs serve`, between builds."""

    command: str = "build"
    site_dir: Path | None = None  # the root site directory (static-i18n points config.site_dir at en/ for English)
    fingerprint: tuple = ()  # of data/ and hooks/plansite/ when `site` was loaded
    site: Site | None = None
    converter: Converter | None = None  # to Traditional characters, with the corrections of the current `site`
    edition: Edition = EDITIONS[0]  # the edition being built
    rendered: Rendered | None = None  # the generated pages of the current `site`
    stale: bool = True  # `site` changed since the pages were rendered
    documents: DocumentCache = field(default_factory=DocumentCache)  # used under `mkdocs serve` only
    extras: subprocess.Popen | None = None  # under `mkdocs serve`: the process writing open data and search index
    problems: list[Problem] = field(default_factory=list)  # of the build under way, once it has failed on them
    failure: preview.Failure | None = None  # under `mkdocs serve`: why the last build failed (None: it did not)


state = BuildState()


def _source_date_epoch() -> str:
    """The time of the last commit that touched data/ (reproducible sitemaps); the data files' newest mtime outside git."""
    result = subprocess.run(["git", "log", "-1", "--format=%ct", "--", "data"], cwd=ROOT, capture_output=True, text=True)
    if result.returncode == 0 and result.stdout.strip():
        return result.stdout.strip()
    return str(int(max(p.stat().st_mtime for p in (ROOT / "data").rglob("*.yaml"))))


class _InMemory(dict):
    """The store of Jinja's bytecode cache: a dict with the `set` its memcached client would have."""

    def set(self, key: str, value: bytes, timeout: int | None = None) -> None:
        self[key] = value


# The theme's templates compiled once per process: static-i18n builds each language again in a new environment, which
# would compile the theme's templates again, about a tenth of a build. Jinja compares each template's source with the
# checksum stored with its code, so an edited template is compiled afresh (under `mkdocs serve`).
THEME_TEMPLATES = jinja2.MemcachedBytecodeCache(_InMemory())


def on_startup(command: str, dirty: bool) -> None:
    state.command = command
    if command == "serve" and dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(DirtyBuildNotice())
    if command == "serve":
        preview.keep_serving(lambda failure: setattr(state, "failure", failure), lambda: state.problems)


def _failed(exc: DataError, where: str) -> PluginError:
    state.problems = exc.problems
    return PluginError(f"{len(exc.problems)} problem(s) in {where}:\n{exc}")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    i18n = config.plugins.get("i18n")
    locales = [language.locale for language in i18n.config.languages] if i18n else []
    if locales != [e.code for e in EDITIONS]:
        raise PluginError(f"mkdocs.yml: plugins.i18n.languages must be the editions of hooks/plansite/editions.py in order, {[e.code for e in EDITIONS]}; found {locales}")
    # Page dates (sitemap lastmod) come from the data, not the clock, so two builds of one commit are identical.
    os.environ.setdefault("SOURCE_DATE_EPOCH", _source_date_epoch())
    if state.site_dir is None:
        state.site_dir = Path(config.site_dir)
    state.problems = []
    fingerprint = inputs.fingerprint(ROOT)
    if state.fingerprint != fingerprint:
        if state.extras and state.extras.poll() is None:  # writing what this build will replace
            state.extras.kill()
        strings.cache_clear()
        try:
            state.site = load_site(ROOT, state.documents if state.command == "serve" else None)
        except DataError as exc:
            state.fingerprint = ()
            raise _failed(exc, "data/") from None
        if state.command == "build" and (new := addresses.record(ROOT, state.site.addresses)):
            log.info("plansite: %d new address(es) recorded in %s (commit it with your change)", len(new), addresses.PUBLISHED)
            fingerprint = inputs.fingerprint(ROOT)
        state.converter = Converter(state.site.traditional)
        state.fingerprint, state.stale = fingerprint, True
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    state.edition = edition(config.theme["language"])  # mkdocs-static-i18n sets the theme's language to the locale
    # The one 404.html is the default edition's (on_post_template): the others' builds would render the whole
    # navigation into it for nothing, on every rebuild under `mkdocs serve` too.
    if state.edition.default:
        config.theme.static_templates.add("404.html")
    else:
        config.theme.static_templates.discard("404.html")
    if state.stale:
        # Under `mkdocs serve`, pages whose inputs did not change are taken from the previous build.
        serving = state.command == "serve"
        shared_key = inputs.shared_key(state.fingerprint, ROOT) if serving else None
        previous = state.rendered
        try:
            state.rendered = render_all(state.site, shared_key, previous if serving else None)
        except DataError as exc:
            raise _failed(exc, "the site settings") from None
        state.stale = False
        if serving and previous:
            _rebuild_changed_parts(previous, state.rendered)
    docs_dir = Path(config.docs_dir)
    pages = state.rendered.pages | hand_written_twins(docs_dir, state.rendered.pages)
    try:
        touched = write_pages(docs_dir, pages, state.rendered.fresh | (pages.keys() - state.rendered.pages.keys()))
    except DataError as exc:
        raise _failed(exc, "docs/") from None
    if touched:
        log.info("plansite: wrote %d generated page(s)", len(touched))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files) -> str:
    """A hand-written page with a generated part (pages.PARTS) gets it at its end."""
    part = state.rendered.parts.get(page.file.src_uri) if state.rendered else None
    return markdown.rstrip("\n") + "\n\n" + part[0] if part else markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files) -> str:
    generated = state.rendered.pages.get(page.file.src_uri) if state.rendered else None
    generated = generated or (state.rendered.parts.get(page.file.src_uri) if state.rendered else None)
    if generated:
        # The set-aside HTML's ids join the anchors that links into the page are checked against.
        page.present_anchor_ids.update(rawhtml.anchor_ids(generated[1]))
        html = rawhtml.restore(html, generated[1])
    if state.site and state.site.addresses and state.site.addresses.moves.targets:
        html = addresses.keep_old_anchors(html, _address(page.file.src_uri), state.site.addresses.moves, state.edition)
    return html


def _address(src_uri: str) -> str:
    """The address of the page made from a docs/ file, the same in every edition: plans/nansha.en.md -> /plans/nansha/."""
    base = src_uri.removesuffix(".md")
    for other in EDITIONS:
        if not other.default:
            base = base.removesuffix(f".{other.code}")
    return addresses.page_address(base)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = finish_page(output, page.url, state.edition, config.site_url)
    return state.converter.html(output) if state.edition.converted else output


def _rebuild_changed_parts(previous: Rendered, current: Rendered) -> None:
    """`mkdocs serve --dirty` converts a page only when its Markdown file is newer than its HTML: a hand-written page
    whose generated part changed loses its HTML, so that it is converted again."""
    for base in PARTS:
        for each in EDITIONS:
            rel = file_name(base, each)
            if previous.parts.get(rel) != current.parts.get(rel):
                (state.site_dir / each.prefix / base / "index.html").unlink(missing_ok=True)


def on_serve(server, config: MkDocsConfig, builder):
    docs_dir = Path(config.docs_dir)
    written = previously_written(docs_dir)  # the manifest is rewritten by each build, before this test runs

    def is_generated(rel: str) -> bool:
        return rel == MANIFEST or rel in written or bool(state.rendered and rel in state.rendered.pages)

    watch_by_events(server)
    ignore_own_writes(server, config.docs_dir, is_generated)
    preview.answer_with_problems(server, lambda: state.failure)
    return server


def on_shutdown() -> None:
    if state.extras and state.extras.poll() is None:  # MkDocs deletes the preview's directory next
        state.extras.kill()
        state.extras.wait()


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The site has one 404.html, at its root: the default edition's, in every edition's words."""
    if template_name != "404.html":
        return output
    return finish_not_found(output, state.edition, state.converter)


def on_env(env, config: MkDocsConfig, files):
    """Interface wording for the theme's templates (header search box, results page), from the strings files, and the
    edition being built."""
    env.globals["ui"] = lambda key, lang: strings(lang)[key]
    env.globals["search_words"] = lambda lang: {k[len("search_"):]: v for k, v in strings(lang).items() if k.startswith("search_")}
    # JSON in attributes (the search box's wording) as text, not \u escapes: the Traditional edition converts it.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.globals["edition"] = state.edition
    env.globals["editions"] = EDITIONS
    env.bytecode_cache = THEME_TEMPLATES
    return env


@event_priority(-200)  # after mkdocs-static-i18n has built every language
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return
    if state.site.addresses:  # redirect pages at the addresses of pages that moved, in every edition
        addresses.write_redirects(state.site_dir, state.site.addresses.moves, state.converter.html)
    if state.command == "serve":
        # The browser reloads as soon as the pages are written; the open data and the search index follow from a
        # process of their own (on the other core, not competing with the server for the interpreter). The preview
        # keeps the theme's whole style sheet: cutting it reads every page.
        if state.extras and state.extras.poll() is None:
            state.extras.kill()
        command = [sys.executable, "-m", "plansite", "site-extras", str(state.site_dir)]
        state.extras = subprocess.Popen(command, cwd=Path(__file__).parent)
        return
    write_open_data(state.site, state.site_dir, state.converter)
    purge_theme_css(state.site_dir)
    minify_scripts(state.site_dir)
    write_search_index(state.site, state.site_dir, state.converter)
    finish_sitemap(state.site_dir, config.site_url)
