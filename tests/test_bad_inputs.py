"""The corpus in tests/bad_inputs/: each bad input stops validation with exactly the stated messages."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from plansite.load import DocumentCache, load_site
from plansite.problems import DataError

from conftest import copy_project

CORPUS = Path(__file__).with_name("bad_inputs")
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
# Each case is a copy of the project with one file changed: the files it shares with the cases before are read once,
# as under `mkdocs serve`, and only the changed one (with every check across files) runs again.
DOCUMENTS = DocumentCache()
# The test plan's record as a document, added after the real ones (their lines and indexes stay as in the file).
TESTPLAN_RECORD = """- plan: testplan
  checked: 2026-12-05
  issuer: {not_found: {searches: [gz-notice]}}
  drafter: {not_found: {searches: [gz-notice]}}
  number: {not_found: {searches: [gz-notice]}}
  issued: {not_found: {searches: [gz-notice]}}
  url: {not_found: {searches: [gz-notice]}}
  copies: []
  successor: {not_found: {searches: [gz-notice]}}
"""


def copy_data(dest: Path, testplan: bool = True) -> None:
    """data/ and the hand-written pages (published addresses), with the test plan's document record where the case
    adds the test plan. A case changes a file of data/ only."""
    copy_project(dest, linked=("docs", "hooks"))
    if not testplan:
        return
    documents = dest / "data" / "documents.yaml"
    text = documents.read_text(encoding="utf-8")
    documents.write_text(text.replace("\nsearches:\n", "\n" + TESTPLAN_RECORD + "searches:\n", 1), encoding="utf-8")


def test_corpus_is_large_enough_and_the_base_is_valid(tmp_path):
    assert len(CASES) >= 25
    assert len({c["name"] for c in CASES}) == len(CASES)
    copy_data(tmp_path)
    shutil.copyfile(CORPUS / "base-plan.yaml", tmp_path / "data/plans/testplan.yaml")
    assert "testplan" in [p["id"] for p in load_site(tmp_path).plans]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_bad_input(tmp_path, case):
    copy_data(tmp_path, testplan="file" not in case)
    # A case edits the test plan, or with `file` another file under data/ (its real content is the base).
    target = tmp_path / "data" / case.get("file", "plans/testplan.yaml")
    if "hex" in case:
        target.write_bytes(bytes.fromhex(case["hex"]))
    elif "content" in case:
        target.write_text(case["content"], encoding="utf-8")
    else:
        base = target.read_text(encoding="utf-8") if "file" in case else (CORPUS / "base-plan.yaml").read_text(encoding="utf-8")
        if "append" in case:
            target.write_text(base + case["append"], encoding="utf-8")
        else:
            assert case["replace"] in base, f"case {case['name']}: text to replace not in base-plan.yaml"
            target.write_text(base.replace(case["replace"], case["with"], 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site(tmp_path, DOCUMENTS)
    lines = str(caught.value).splitlines()
    if "expect" in case:
        assert len(lines) == len(case["expect"]), lines
        for line, expected in zip(lines, case["expect"]):
            assert line.startswith(expected) if expected.endswith(":") else line == expected
    else:
        for expected in case["expect-contains"]:
            assert any(line.startswith(expected) for line in lines), lines
