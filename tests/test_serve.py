"""scripts/serve, as a maintainer uses it: a one-line edit of a plan shows in the open browser page after one
rebuild, and the open data follows."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request

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


def test_an_edit_shows_in_the_browser_after_one_rebuild(tmp_path, browser):
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
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/data/tasks.csv") as response:
                return "exchanges of work" in response.read().decode("utf-8")
        _wait_for(open_data_has_it, 60, "the open data to follow")
        assert "Traceback" not in log.read_text()
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGINT)
            serve.wait(timeout=30)
