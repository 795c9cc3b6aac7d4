"""The data fuzzer, bounded: random edits of the real data files (the kinds in scripts/fuzz_data.py) each end, within the
time limit, either in a valid site, whose pages render and which keeps every published address, or in problems
given one per line as file:line:column: field: message. Derandomized, so every run tries the same edits; scripts/fuzz
runs any number of them with another seed, through the maintainer commands themselves."""
from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections import Counter

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from plansite import inputs
from plansite.load import DocumentCache, load_site
from plansite.pages import render_all
from plansite.problems import DataError

from conftest import ROOT, copy_project

sys.path.insert(0, str(ROOT / "scripts"))
from fuzz_data import ONE_LINE, anchors_in, data_files, mutate  # noqa: E402

CASES = 50
# Time limits that catch an edit that hangs the loader or the renderer (nested aliases would keep them busy for
# hours), with room for a busy machine: loading takes about a second, rendering every page a few. How quickly a bad
# edit is answered is scripts/bench's to measure.
LIMIT = 30.0  # seconds to load and check the data after one edit
RENDER_LIMIT = 60.0  # seconds to render the pages an accepted edit touches (all of them, for a shared file)
OUTCOMES: Counter = Counter()


class TooSlow(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float):
    def stop(signum, frame):
        raise TooSlow(f"no answer within {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Project:
    """A copy of the project, its data loaded and its pages rendered as the preview does: after an edit, only the file
    edited is loaded again and only the pages it touches are rendered again."""

    def __init__(self, root):
        self.root, self.cache = root, DocumentCache()
        self.rendered = render_all(load_site(root, self.cache), inputs.shared_key(inputs.fingerprint(root), root))
        self.files = data_files(root)
        self.originals = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in self.files}

    def __repr__(self) -> str:
        return f"Project({self.root})"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return Project(copy_project(tmp_path_factory.mktemp("fuzz")))


@settings(max_examples=CASES, derandomize=True, database=None, deadline=None, phases=[Phase.generate, Phase.shrink],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(data=st.data())
def test_an_edit_ends_in_a_valid_site_or_one_line_problems(project, data):
    root = project.root
    path = data.draw(st.sampled_from(project.files), label="file")
    original, mtime = project.originals[path]
    what, new = mutate(original.decode("utf-8"), data.draw(st.randoms(use_true_random=False), label="random"))
    path.write_bytes(new)
    os.utime(path, ns=(mtime, mtime + 1))  # a new stamp, whatever the file system's clock
    edit = f"{path.relative_to(root).as_posix()}: {what}"
    try:
        try:
            with time_limit(LIMIT):
                site = load_site(root, project.cache)
        except DataError as exc:
            lines = str(exc).splitlines()
            assert lines and all(ONE_LINE.match(line) for line in lines), (edit, lines[:3])
            OUTCOMES["one-line errors"] += 1
            return
        lost = anchors_in(path, original) - anchors_in(path, new)
        assert not lost, f"{edit}: published addresses lost without an error: {sorted(lost)}"
        with time_limit(RENDER_LIMIT):
            render_all(site, inputs.shared_key(inputs.fingerprint(root), root), project.rendered)
        OUTCOMES["valid"] += 1
    except TooSlow as exc:
        pytest.fail(f"{edit}: {exc}")
    finally:
        path.write_bytes(original)
        os.utime(path, ns=(mtime, mtime))


def test_the_fuzzer_tried_edits_that_pass_and_edits_that_fail():
    """A fuzzer whose edits all fail (or all pass) tests little: the run above had both, and tried every kind."""
    assert OUTCOMES["valid"] >= 5 and OUTCOMES["one-line errors"] >= CASES // 2, OUTCOMES
    assert sum(OUTCOMES.values()) >= CASES, OUTCOMES

