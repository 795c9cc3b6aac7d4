"""Builds are reproducible, and a failed build never replaces the published site/."""
from __future__ import annotations

import filecmp
import os
import shutil
import subprocess

import pytest

from conftest import ROOT

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def differing(a, b) -> list[str]:
    out = []
    cmp = filecmp.dircmp(a, b)
    stack = [(cmp, "")]
    while stack:
        node, prefix = stack.pop()
        out += [prefix + n for n in node.left_only + node.right_only + node.diff_files + node.funny_files]
        out += [prefix + n for n in filecmp.cmpfiles(node.left, node.right, node.common_files, shallow=False)[1]]
        stack += [(sub, f"{prefix}{name}/") for name, sub in node.subdirs.items()]
    return sorted(set(out))


@pytest.fixture(scope="module")
def built_clone(tmp_path_factory):
    """A clone of the project with the working tree's version of each tracked file, built with scripts/build: (the
    clone, its build). A clone, not a copy: the sitemap's dates come from git (the last commit to data/), and a copy
    outside git would date it by its files' times instead."""
    repo = tmp_path_factory.mktemp("clone")
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(repo)], capture_output=True, check=True)
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for name in files:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, repo / name)
    (repo / ".venv").symlink_to(ROOT / ".venv")
    first = subprocess.run(["scripts/build"], cwd=repo, env=ENV, capture_output=True, text=True)
    return repo, first


def test_two_builds_of_one_commit_are_identical(site_dir, built_clone):
    """The session's build of the working tree and scripts/build in a clone of it, elsewhere: the same files, byte
    for byte (the clone's site/ stays as it was built, whatever the next test does: a failed build keeps it)."""
    repo, first = built_clone
    assert first.returncode == 0, first.stdout + first.stderr
    again = repo / "site"
    assert (again / "sitemap.xml").is_file() and (again / "search-index" / "zh" / "meta.json").is_file()
    assert differing(site_dir, again) == []


def test_failed_build_keeps_the_previous_site(built_clone):
    repo, first = built_clone
    assert first.returncode == 0, first.stdout + first.stderr
    home = (repo / "site/index.html").read_text(encoding="utf-8")
    plan = repo / "data/plans/nansha.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("target: 30\n", "target: thirty\n", 1), encoding="utf-8")
    second = subprocess.run(["scripts/build"], cwd=repo, env=ENV, capture_output=True, text=True)
    assert second.returncode != 0
    assert "Traceback" not in second.stdout + second.stderr
    assert "data/plans/nansha.yaml:" in second.stderr and "target: expected number, got str 'thirty'" in second.stderr
    assert (repo / "site/index.html").read_text(encoding="utf-8") == home
    assert sorted(p.name for p in repo.iterdir() if p.name.startswith("site")) == ["site"]
    validate = subprocess.run(["scripts/validate"], cwd=repo, env=ENV, capture_output=True, text=True)
    assert validate.returncode == 1
    assert validate.stderr.splitlines()[0].startswith("data/plans/nansha.yaml:")
