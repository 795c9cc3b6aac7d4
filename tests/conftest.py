"""Shared fixtures: one strict build of the real site per test session, served over HTTP on loopback."""
from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.parse
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

# Counts and figures of the published plans, checked against the source documents (see the file's comments).
PLAN_FACTS = yaml.safe_load((Path(__file__).with_name("plan_facts.yaml")).read_text(encoding="utf-8"))["plans"]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


# pytest-xdist hands whole files to its workers (--dist loadfile), in the order of this list, then the other files: the
# longest first, so that the run does not end with one worker still on a long file while the other has nothing left.
# The first two go to the two workers at the start, and one of them needs no build of the site and lasts longer than
# that build (test_maintainer_scripts.py): the other worker builds it meanwhile, once for both (made_once).
LONGEST_FIRST = [
    "test_accessibility.py", "test_maintainer_scripts.py", "test_everyday_search.py", "test_phone_and_keyboard.py",
    "test_search.py", "test_traditional.py", "test_serve.py", "test_build.py", "test_generated_pages.py",
    "test_browser.py", "test_addresses.py", "test_language_switch.py", "test_home.py", "test_incremental.py",
    "test_fuzz.py", "test_finder.py", "test_bad_inputs.py",
]


# Files that read every built page: one worker runs them all, so that each page is parsed once (parsed).
EVERY_PAGE = {"test_traditional.py", "test_links.py", "test_typography.py", "test_site.py"}


def pytest_collection_modifyitems(items):
    rank = {name: n for n, name in enumerate(LONGEST_FIRST)}
    # Within a file, the tests of one edition's results page (parameter prefix: "", "/en", "/zh-hant") follow each
    # other: results_tab then types each query into the page already open, where a change of edition opens the page
    # and loads its index afresh (three times as long). Stable: otherwise each file's tests keep their order.
    editions = {"": 1, "/en": 2, "/zh-hant": 3}

    def edition(item) -> int:
        params = getattr(item, "callspec", None)
        return editions.get(params.params.get("prefix"), 0) if params else 0

    items.sort(key=lambda item: (rank.get(item.path.name, len(rank)), str(item.path), edition(item)))


@pytest.hookimpl(optionalhook=True, tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class Scheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            file = super()._split_scope(nodeid)
            return "every page" if Path(file).name in EVERY_PAGE else file

    return Scheduling(config, log)


@functools.cache
def _project_files() -> tuple[str, ...]:
    return tuple(subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "data", "docs", "hooks", "mkdocs.yml"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.splitlines())


def copy_project(dest: Path, linked: tuple[str, ...] = ()) -> Path:
    """What a fresh clone has of data/, docs/, hooks/ and mkdocs.yml (no generated page), copied to dest; the files of
    the top folders named in `linked`, which the test only reads, are links to the project's own (much quicker)."""
    for name in _project_files():
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            if name.split("/", 1)[0] in linked:
                (dest / name).symlink_to(ROOT / name)
            else:
                shutil.copyfile(ROOT / name, dest / name)
    return dest


def drop_tag_list(plan: Path, item_id: str, key: str) -> None:
    """Remove one item's list of tags (themes, audiences, support) from a plan file, keeping every other line."""
    lines = plan.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(n for n, line in enumerate(lines) if line.strip() == f"id: {item_id}")
    tag = next(n for n in range(start, len(lines)) if lines[n].strip() == f"{key}:")
    indent = lines[tag][: len(lines[tag]) - len(lines[tag].lstrip())]
    end = tag + 1
    while lines[end].startswith(indent + "- "):
        end += 1
    plan.write_text("".join(lines[:tag] + lines[end:]), encoding="utf-8")


def build_site(out: Path, root: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=root, env=env, capture_output=True, text=True,
    )


def made_once(tmp_path_factory, name: str, make) -> Path:
    """A folder filled by make(folder) once per run, however many xdist workers need it: the first to ask makes it
    while the others wait, then all read it (a build of the site costs seconds of the CPU the other worker needs).
    Where make fails, it fails alike in every worker that asks."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # this run's folder, above each worker's own
    folder, failed = base / name, base / f"{name}.failed"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not folder.exists() and not failed.exists():
            try:
                folder.mkdir()
                make(folder)
            except Exception as exc:
                failed.write_text(f"{type(exc).__name__}: {exc}", encoding="utf-8")
                raise
    if failed.exists():
        pytest.fail(failed.read_text(encoding="utf-8"), pytrace=False)
    return folder


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    def build(folder: Path) -> None:
        result = build_site(folder / "site")
        assert result.returncode == 0, result.stdout + result.stderr

    return made_once(tmp_path_factory, "site", build) / "site"


# Hostile strings (test_hostile.py) in a task's title and the plan's short title.
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> *bold* & {#id} `code` [link](javascript:alert(1))'

# Three mistakes a maintainer makes (test_addresses.py), then the moves that set them right: a task renamed (gz-t41 ->
# gz-t41b), a task removed (gz-t50, whose readers are sent to its section), and a theme renamed (talent -> ip-talent: a
# page).
MOVES = """\
moved:
- {from: /plans/guangzhou/#gz-t41, to: /plans/guangzhou/#gz-t41b}
- {from: /plans/guangzhou/#gz-t50, to: /plans/guangzhou/#gz-s8-2}
- {from: /themes/talent/, to: /themes/ip-talent/}
"""


def remove_task(text: str, task_id: str) -> str:
    """A plan file without the task block of that ID (from its `- task:` line to the next line as little indented)."""
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip() == f"id: {task_id}")
    start = max(i for i in range(at) if lines[i].strip() == "- task:")
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = next(i for i in range(at, len(lines)) if lines[i].strip() and len(lines[i]) - len(lines[i].lstrip()) <= indent)
    return "".join(lines[:start] + lines[end:])


def _plant(root: Path) -> None:
    """The hostile strings in the Nansha plan, the three mistakes in the Guangzhou plan and the themes."""
    plan = root / "data/plans/nansha.yaml"
    text = plan.read_text(encoding="utf-8")
    title_zh = "          zh: 完善自贸片区知识产权工作机制\n"
    assert title_zh in text
    text = text.replace(title_zh, f"          zh: '完善自贸片区知识产权工作机制{HOSTILE}'\n", 1)
    text = text.replace("  en: Nansha plan\n", f"  en: 'Nansha plan {HOSTILE}'\n", 1)
    plan.write_text(text, encoding="utf-8")

    plan = root / "data/plans/guangzhou.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.count("id: gz-t41\n") == 1
    plan.write_text(remove_task(text.replace("id: gz-t41\n", "id: gz-t41b\n"), "gz-t50"), encoding="utf-8")
    for path in (root / "data").rglob("*.yaml"):  # the theme's ID wherever it is a tag, in block or flow lists
        if path.name != "published.yaml":
            text = re.sub(r"^(\s*- )talent$", r"\1ip-talent", path.read_text(encoding="utf-8"), flags=re.M)
            text = re.sub(r"(?<=[\[,] )talent(?=[,\]])|(?<=\[)talent(?=[,\]])", "ip-talent", text)
            path.write_text(text.replace("- id: talent\n", "- id: ip-talent\n"), encoding="utf-8")


@pytest.fixture(scope="session")
def edited_copy(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess, Path]:
    """A copy of the project with the hostile strings and the three mistakes, built once without the mistakes' moves
    (and stopped), once with them: (root, the stopped build, the site). One copy for both modules, since the edits are
    independent of each other (other plans, other fields) and a build costs seconds."""

    def make(folder: Path) -> None:
        root = copy_project(folder / "repo")
        _plant(root)
        stopped = build_site(root / "site-stopped", root)
        (folder / "stopped.json").write_text(json.dumps([stopped.returncode, stopped.stdout, stopped.stderr]), encoding="utf-8")
        (root / "data/moved.yaml").write_text(MOVES, encoding="utf-8")
        built = build_site(root / "site", root)
        assert built.returncode == 0, built.stdout + built.stderr

    folder = made_once(tmp_path_factory, "edited", make)
    returncode, stdout, stderr = json.loads((folder / "stopped.json").read_text(encoding="utf-8"))
    root = folder / "repo"
    return root, subprocess.CompletedProcess("mkdocs build", returncode, stdout, stderr), root / "site"


@functools.cache
def parsed(file: Path) -> BeautifulSoup:
    """A built page, parsed once for all the tests that read it (several modules read every page): a test only reads
    it, or changes a copy of its own."""
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def page(site_dir):
    """page('plans/nansha', 'en') -> parsed HTML of that built page."""

    def load(path: str, lang: str = "zh") -> BeautifulSoup:
        prefix = "" if lang == "zh" else f"{lang}/"
        return parsed(site_dir / prefix / path / "index.html" if path else site_dir / prefix / "index.html")

    return load


def shown_number(cell) -> str | None:
    """The figure a table cell shows; None where it marks the figure as not published."""
    return None if cell.select_one(".missing") else cell.get_text(strip=True)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A page left while its files were still coming (the next test's first step) is no error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_directory(directory: Path):
    """Serve a folder over HTTP on loopback; yields the base address."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def server(site_dir):
    with serve_directory(site_dir) as base:
        yield base


def open_page(tab, url: str) -> None:
    """Go to a page and wait until it shows what its scripts fetch: search results, finder results.

    Other pages fetch nothing after their load event (the header search loads its index only on focus).
    """
    tab.goto(url)
    if "/search/?" in url:
        tab.wait_for_selector(".search-page[data-state=done]", timeout=15000)
    elif "/finder/" in url:
        tab.wait_for_selector("#finder-count:not(:empty)")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def _pages(browser):
    """One page for each set of browser-context options that tests ask for (tab_with), made when first asked for."""
    pages = {}
    yield pages
    for pg, _ in pages.values():
        pg.context.close()


@pytest.fixture
def tab_with(_pages, browser, server, request):
    """tab_with(viewport=..., color_scheme=..., is_mobile=..., ...) -> a page of a browser context with these options
    (browser.new_context's), with a clean slate, as a fresh one would have: empty storage and cookies, the context's
    viewport, no listeners or routes left from another test. For a test marked outside_requests it records every
    request leaving the site's own origin (tab.outside_requests): that costs a message from the browser to the test
    for every file a page fetches, a tenth of the time of the tests that search.

    One page serves every test that asks for the same options (a new one costs a renderer process each time, a fifth
    of a second or more). Its HTTP cache keeps the files of the session's site, which do not change during a run: a
    page then costs a quarter less, its scripts compiled once. After a test that opened a page from anywhere else
    (another build served on another port, which a later server may take over) the cache is emptied."""
    used = {}

    def get(**options):
        key = repr(sorted(options.items()))
        if key not in _pages:
            context = browser.new_context(**options)
            pg = context.new_page()
            _pages[key] = pg, context.new_cdp_session(pg)
        pg, cdp = _pages[key]
        if key not in used:
            used[key] = pg, cdp, _watched(pg, server, request), options.get("viewport", {"width": 1280, "height": 720})
        return pg

    yield get
    for pg, cdp, added, viewport in used.values():
        _clean(pg, cdp, added, viewport)
        pg.goto("about:blank")


def _clean(pg, cdp, added: list, viewport: dict) -> None:
    """What a test leaves on a page it shares with the next: storage, cookies, listeners, routes, the pointer, the
    viewport, and the HTTP cache where the test fetched from outside the session's site."""
    if pg.url.startswith("http"):
        pg.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    pg.mouse.move(0, 0)
    for event, handler in added:
        type(pg).remove_listener(pg, event, handler)
    pg.unroute_all(behavior="ignoreErrors")
    del pg.on
    pg.context.clear_cookies()
    if pg.left_site:
        cdp.send("Network.clearBrowserCache")
    pg.set_viewport_size(viewport)


def _watched(pg, server: str, request) -> list:
    """Record the listeners a test adds to the page, to take them off after it; the pages it opens outside the
    session's site (their files are the only ones from elsewhere, so the cache is emptied after them); and for a test
    marked outside_requests, the requests leaving the site."""
    added = []

    def on(event, handler):
        added.append((event, handler))
        type(pg).on(pg, event, handler)

    def elsewhere(url: str) -> bool:
        return not url.startswith((server, "data:", "about:"))

    pg.on = on
    pg.left_site = []
    pg.on("framenavigated", lambda frame: frame.parent_frame is None and elsewhere(frame.url) and pg.left_site.append(frame.url))
    if request.node.get_closest_marker("outside_requests"):
        pg.outside_requests = []
        pg.on("request", lambda r: elsewhere(r.url) and pg.outside_requests.append(r.url))
    elif hasattr(pg, "outside_requests"):
        del pg.outside_requests
    return added


@pytest.fixture
def tab(tab_with):
    """A page of a browser context with Playwright's default options: see tab_with."""
    return tab_with()


@pytest.fixture(scope="session")
def _results_page(browser):
    context = browser.new_context()
    pg = context.new_page()
    yield pg, context.new_cdp_session(pg)
    context.close()


@pytest.fixture
def results_tab(_results_page, server, request):
    """A tab for tests that read results pages (search, below), as tab is, but left where the test left it: the next
    test's search is typed into that results page's own box, as a reader searches again, and the page's index, loaded
    once per edition, serves every test (a results page opened afresh costs three times as long)."""
    pg, cdp = _results_page
    added = _watched(pg, server, request)
    yield pg
    _clean(pg, cdp, added, {"width": 1280, "height": 720})


def search(tab, server: str, prefix: str, query: str, extra: str = "") -> None:
    """Show the results for query on the results page of the edition at prefix ("", "/en", "/zh-hant") and wait until
    they are shown. Where the tab already shows that page, the query is typed into its box and Enter pressed;
    otherwise, or with filters in the address (extra: "&plan=0"), the page is opened at its address."""
    here = f"{server}{prefix}/search/"
    if extra or tab.url.split("?", 1)[0] != here:
        tab.goto(f"{here}?q={urllib.parse.quote(query)}{extra}")
    else:
        tab.fill("#site-search-input", query)
        tab.press("#site-search-input", "Enter")
    tab.wait_for_function(
        """q => document.querySelector(".search-page")?.dataset.state === "done"
                && (new URLSearchParams(location.search).get("q") || "") === q""", arg=query, timeout=15000)
