"""Generated pages and hand-written pages side by side in docs/: the build never deletes or overwrites a page a
maintainer wrote, deletes the generated pages it no longer makes, and tells git which files are its own."""
from __future__ import annotations

import yaml

from conftest import build_site, copy_project

HAND_WRITTEN = "---\ntitle: Reading notes\n---\n\n# Reading notes\n\nWritten by hand.\n"
AGENCY = {"id": "test-agency", "name": {"zh": "测试局", "en": "Test Bureau"}, "level": "municipal"}


def test_hand_written_pages_stay_and_pages_no_longer_made_go(tmp_path):
    root = copy_project(tmp_path / "repo")
    agencies = root / "data/agencies.yaml"
    original = agencies.read_text(encoding="utf-8")
    data = yaml.safe_load(original)
    data["agencies"].append(AGENCY)
    agencies.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    notes = root / "docs/agencies/reading-notes.md"
    notes.parent.mkdir(parents=True)
    notes.write_text(HAND_WRITTEN, encoding="utf-8")

    result = build_site(tmp_path / "site1", root)
    assert result.returncode == 0, result.stderr
    assert (root / "docs/agencies/test-agency.md").exists()
    assert (tmp_path / "site1/agencies/test-agency/index.html").exists()
    assert (tmp_path / "site1/agencies/reading-notes/index.html").exists()
    ignored = (root / "docs/.gitignore").read_text(encoding="utf-8").splitlines()
    assert "/agencies/test-agency.md" in ignored and "/plans/nansha.en.md" in ignored
    assert "/agencies/reading-notes.md" not in ignored

    agencies.write_text(original, encoding="utf-8")  # the agency is gone from the data; its published page redirects
    moved = root / "data/moved.yaml"
    moved.write_text(moved.read_text(encoding="utf-8").replace("moved: []", "moved:\n- {from: /agencies/test-agency/, to: /agencies/}"), encoding="utf-8")
    result = build_site(tmp_path / "site2", root)
    assert result.returncode == 0, result.stderr
    assert not (root / "docs/agencies/test-agency.md").exists()
    assert 'http-equiv="refresh" content="0; url=../../agencies/"' in (tmp_path / "site2/agencies/test-agency/index.html").read_text(encoding="utf-8")
    assert notes.read_text(encoding="utf-8") == HAND_WRITTEN
    assert (tmp_path / "site2/agencies/reading-notes/index.html").exists()


def test_a_hand_written_page_where_one_is_generated_stops_the_build(tmp_path):
    root = copy_project(tmp_path / "repo")
    page = root / "docs/glossary.en.md"
    page.write_text(HAND_WRITTEN, encoding="utf-8")
    result = build_site(tmp_path / "site", root)
    assert result.returncode != 0
    assert "docs/glossary.en.md:1:1: a page not written by the generator" in result.stderr
    assert "Traceback" not in result.stderr
    assert page.read_text(encoding="utf-8") == HAND_WRITTEN
