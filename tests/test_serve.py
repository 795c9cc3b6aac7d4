"""scripts/serve, as a maintainer uses it: a one-line edit of a plan shows in the open browser page after one
rebuild, and the open data follows; a broken edit is shown on every page at once, which recovers after the fix."""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT, copy_project

# In the text of task ns-t1, which the page carries as HTML set aside from Markdown (hooks/plansite/rawhtml.py).
OLD = "and keep stepping up work exchanges."
NEW = "and keep stepping up exchanges of work."


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(scope="module")
def serving(tmp_path_factory):
    """scripts/serve on a copy of the project (as a fresh clone has it), one for the tests below: each edits other
    data; yields (root, port, log file)."""
    tmp_path = tmp_path_factory.mktemp("serve")
    root = copy_project(tmp_path / "repo")
    shutil.copytree(ROOT / "scripts", root / "scripts")
    for requirements in ROOT.glob("requirements*.txt"):
        shutil.copyfile(requirements, root / requirements.name)
    (root / ".venv").symlink_to(ROOT / ".venv")
    port = _free_port()
    log = tmp_path / "serve.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ADDR=f"127.0.0.1:{port}")
    with log.open("w") as out:
        serve = subprocess.Popen(["scripts/serve"], cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_for(lambda: "Serving on" in log.read_text() or serve.poll() is not None, 120, "the first build")
        assert serve.poll() is None, log.read_text()
        yield root, port, log
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGINT)
            try:
                serve.wait(timeout=10)
            except subprocess.TimeoutExpired:
                # mkdocs serve closes only after its pending live-reload polls, which last up to 60 s
                os.killpg(serve.pid, signal.SIGKILL)
                serve.wait(timeout=10)


def test_an_edit_shows_in_the_browser_after_one_rebuild(serving, browser):
    root, port, log = serving
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(f"http://127.0.0.1:{port}/en/plans/nansha/")
    tab.wait_for_selector("#ns-t1")
    time.sleep(1)  # the watcher's first look at the files

    plan = root / "data/plans/nansha.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.count(OLD) == 1
    builds_before = log.read_text().count("Detected file changes")
    plan.write_text(text.replace(OLD, NEW), encoding="utf-8")

    tab.locator("#ns-t1 + .item p", has_text="keep stepping up exchanges of work").first.wait_for(state="attached", timeout=30000)
    time.sleep(2)  # long enough for a second build to have started, had the generated pages started one
    assert log.read_text().count("Detected file changes") == builds_before + 1, log.read_text()
    context.close()

    def open_data_has_it():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/data/tasks.csv") as response:
                return "exchanges of work" in response.read().decode("utf-8")
        except urllib.error.HTTPError as error:  # not written yet: the process writing it started with the build
            if error.code == 404:
                return False
            raise
    _wait_for(open_data_has_it, 60, "the open data to follow")
    assert "Traceback" not in log.read_text()


def test_broken_data_is_shown_on_every_page_until_it_is_fixed(serving, browser):
    """The page open in the browser shows the problem by itself, any other page answers at once with it (MkDocs would
    leave every request waiting), and the page comes back when the data is fixed."""
    root, port, log = serving
    base = f"http://127.0.0.1:{port}"
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(base + "/en/plans/guangzhou/")
    tab.wait_for_selector("#gz-t41")
    time.sleep(1)  # the watcher's first look at the files

    sources = root / "data/progress/sources.yaml"
    good = sources.read_text(encoding="utf-8")
    assert good.count("  date: 2022-04-26\n") == 1
    line = good[:good.index("  date: 2022-04-26\n")].count("\n") + 1
    sources.write_text(good.replace("  date: 2022-04-26\n", "  date: 2025-13-45\n"), encoding="utf-8")

    row = tab.locator("tr.problem")
    row.wait_for(timeout=30000)  # the open page reloaded by itself
    assert [cell.strip() for cell in row.locator("td").all_inner_texts()] == [
        "data/progress/sources.yaml", f"{line}:9", "sources[0].date", "'2025-13-45' is not a real date (month must be in 1..12)"]
    assert tab.locator("html").get_attribute("lang") == "en"

    # MkDocs would hold each request until a build succeeds: an answer that does not come within the timeout fails
    # (how soon it comes is not a test's to time).
    for path in ("/", "/plans/nansha/", "/en/glossary/", "/no/such/page/"):
        with contextlib.suppress(urllib.error.HTTPError), urllib.request.urlopen(base + path, timeout=10) as response:
            raise AssertionError(f"{path} answered {response.status} while the data is broken")
    try:
        urllib.request.urlopen(base + "/plans/nansha/", timeout=5)
    except urllib.error.HTTPError as error:
        assert error.code == 500 and "sources[0].date" in error.read().decode("utf-8")

    sources.write_text(good, encoding="utf-8")
    tab.wait_for_selector("#gz-t41", timeout=30000)  # back by itself
    assert tab.locator("tr.problem").count() == 0
    context.close()
    assert "Traceback" not in log.read_text()
