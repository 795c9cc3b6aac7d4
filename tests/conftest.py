"""Shared fixtures: one strict build of the real site per test session, served over HTTP on loopback."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
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


@functools.cache
def _project_files() -> tuple[str, ...]:
    return tuple(subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "data", "docs", "hooks", "mkdocs.yml"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.splitlines())


def copy_project(dest: Path) -> Path:
    """What a fresh clone has of data/, docs/, hooks/ and mkdocs.yml (no generated page), copied to dest."""
    for name in _project_files():
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
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


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    result = build_site(out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def page(site_dir):
    """page('plans/nansha', 'en') -> parsed HTML of that built page."""

    @functools.cache
    def load(path: str, lang: str = "zh") -> BeautifulSoup:
        prefix = "" if lang == "zh" else f"{lang}/"
        file = site_dir / prefix / path / "index.html" if path else site_dir / prefix / "index.html"
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")

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
def _one_tab(browser):
    context = browser.new_context()
    pg = context.new_page()
    cdp = context.new_cdp_session(pg)
    yield pg, cdp
    context.close()


@pytest.fixture
def tab(_one_tab, server):
    """A page with a clean slate, as a fresh one would have: empty cache, storage and cookies, the default viewport, no
    listeners or routes left from another test. It records every request leaving the site's own origin.

    One page serves every test (a new one costs a renderer process each time, a fifth of a second)."""
    pg, cdp = _one_tab
    added = []

    def on(event, handler):
        added.append((event, handler))
        type(pg).on(pg, event, handler)

    pg.on = on
    pg.outside_requests = []
    pg.on("request", lambda r: None if r.url.startswith(server) or r.url.startswith("data:") else pg.outside_requests.append(r.url))
    yield pg
    if pg.url.startswith(server):
        pg.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    pg.goto("about:blank")
    for event, handler in added:
        type(pg).remove_listener(pg, event, handler)
    pg.unroute_all(behavior="ignoreErrors")
    del pg.on
    pg.context.clear_cookies()
    cdp.send("Network.clearBrowserCache")
    pg.set_viewport_size({"width": 1280, "height": 720})
