"""scripts/new-plan and scripts/translation-report, as a maintainer runs them."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from conftest import ROOT

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def repo_copy(tmp_path):
    repo = tmp_path / "repo"
    for name in ("data", "docs", "hooks", "scripts"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("requirements.txt", "requirements-test.txt"):
        shutil.copyfile(ROOT / name, repo / name)
    (repo / ".venv").symlink_to(ROOT / ".venv")
    return repo


def run(repo, *args, timeout: float | None = None):
    return subprocess.run(list(args), cwd=repo, env=ENV, capture_output=True, text=True, timeout=timeout)


def test_new_plan_is_rejected_until_filled_in(tmp_path):
    repo = repo_copy(tmp_path)
    assert run(repo, "scripts/validate").returncode == 0
    created = run(repo, "scripts/new-plan", "foshan")
    assert created.returncode == 0, created.stderr
    text = (repo / "data/plans/foshan.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/plan.schema.json")
    assert "code: fo" in text and "id: fo-t1" in text
    result = run(repo, "scripts/validate")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("data/plans/foshan.yaml:")
    assert any("title.zh: placeholder left from scripts/new-plan" in line for line in lines)
    assert any("unknown themes ID 'fill-in-a-theme-id'" in line for line in lines)
    assert all(line.startswith("data/plans/foshan.yaml:") for line in lines[:-1])
    again = run(repo, "scripts/new-plan", "foshan")
    assert again.returncode == 2 and "already exists" in again.stderr
    bad = run(repo, "scripts/new-plan", "Foshan")
    assert bad.returncode == 2 and "not a valid plan ID" in bad.stderr


def test_translation_report_lists_missing_and_untranslated_english(tmp_path):
    repo = repo_copy(tmp_path)
    clean = run(repo, "scripts/translation-report")
    assert clean.returncode == 0 and "0 without English; 0 with English identical to the Chinese" in clean.stdout
    plan = repo / "data/plans/zhuhai.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace("  en: Zhuhai plan\n", "  en: ''\n", 1).replace("  en: Zhuhai\n", "  en: 珠海市\n", 1)
    plan.write_text(text, encoding="utf-8")
    report = run(repo, "scripts/translation-report", "--strict")
    assert report.returncode == 1
    assert "1 without English; 1 with English identical to the Chinese" in report.stdout
    assert "- missing: data/plans/zhuhai.yaml:" in report.stdout and "short_title" in report.stdout
    assert "- same as Chinese: data/plans/zhuhai.yaml:" in report.stdout


def over_80(stdout: str) -> int:
    line = next(l for l in stdout.splitlines() if "sentences over 80 words outside the exceptions" in l)
    return int(line.split()[0])


def test_translation_report_lists_long_sentences_and_rejected_renderings(tmp_path):
    repo = repo_copy(tmp_path)
    before = run(repo, "scripts/translation-report")
    assert before.returncode == 0, before.stderr
    plan = repo / "data/plans/zhuhai.yaml"
    long = "Build " + "word " * 63 + "highland."  # 65 words, with a rejected rendering of 高地
    longer = "Create " + "word " * 83 + "end."  # 85 words
    text = plan.read_text(encoding="utf-8")
    text = text.replace("  en: Zhuhai plan\n", f"  en: {long}\n", 1).replace("  en: Zhuhai\n", f"  en: Short one. {longer}\n", 1)
    plan.write_text(text, encoding="utf-8")

    planted = run(repo, "scripts/translation-report", "--strict")
    assert planted.returncode == 1
    assert "- long sentence: zhuhai: short_title: 65 words: Build word word" in planted.stdout
    assert "- long sentence: zhuhai: region: 85 words (over 80): Create word word" in planted.stdout
    assert "- rejected: data/plans/zhuhai.yaml:10: short_title: 高地: rejected rendering 'highland'" in planted.stdout
    assert over_80(planted.stdout) == over_80(before.stdout) + 1

    # A recorded exception takes the sentence out of the count; one that matches nothing is reported.
    (repo / "data/style.yaml").write_text(
        "long_sentences:\n"
        "- {plan: zhuhai, field: region, starts: Create word word word, reason: planted list that cannot be split into sentences}\n"
        "- {plan: zhuhai, field: short_title, starts: No such sentence here, reason: planted exception that matches no sentence}\n",
        encoding="utf-8")
    assert run(repo, "scripts/validate").returncode == 0
    excused = run(repo, "scripts/translation-report")
    assert "- long sentence: zhuhai: region: 85 words (recorded exception): Create word" in excused.stdout
    assert over_80(excused.stdout) == over_80(before.stdout)
    assert "- exception no longer applies (no such sentence over 80 words): zhuhai: short_title: No such sentence here" in excused.stdout


ONE_LINE = re.compile(r"^data/[^:]+\.yaml:\d+:\d+: \S")
BOMB = "".join(
    f"x_{name}: &{name} [" + (", ".join([f"*{prev}"] * 9) if prev else ", ".join(["lol"] * 9)) + "]\n"
    for prev, name in zip(["", *"abcdefgh"], "abcdefghi"))


def validate_after(repo, file: str, old: str | None, new: str):
    """scripts/validate after one edit of a data file (new text appended when old is None). An answer that does not
    come within a minute fails the test (TimeoutExpired): the nested aliases of the first case below would keep it busy
    for hours. How quickly it answers is scripts/bench's to measure, not a test's."""
    path = repo / "data" / file
    text = path.read_text(encoding="utf-8")
    assert old is None or text.count(old) == 1, old
    path.write_text(text + new if old is None else text.replace(old, new), encoding="utf-8")
    return run(repo, "scripts/validate", timeout=60)


AUDIENCES_LINES = len((ROOT / "data/audiences.yaml").read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("file, old, new, expected", [
    ("audiences.yaml", None, BOMB, f"data/audiences.yaml:{AUDIENCES_LINES + 1}:6: x_a: anchor &a is not allowed in data files: remove it"),
    ("progress/sources.yaml", "  date: 2022-04-26\n", "  date: 2025-13-45\n",
     "data/progress/sources.yaml:14:9: sources[0].date: '2025-13-45' is not a real date (month must be in 1..12)"),
    ("glossary.yaml", "- {zh: 知识产权, en:", "- {zh: 知识产权, tag: !!python/name:os.system , en:",
     "data/glossary.yaml:4:19: terms[0].tag: tag !!python/name:os.system is not allowed in data files: remove it (quote a value to make it text)"),
    ("plans/nansha.yaml", "  en: Nansha plan\n", '  en: "Nansha\\x1b[31m plan"\n',
     "data/plans/nansha.yaml:10:7: short_title.en: contains U+001B (a control character) at character 7: remove it"),
])
def test_a_bad_edit_is_answered_at_once_with_one_line_per_problem(tmp_path, file, old, new, expected):
    """The mistakes that used to end in a traceback or no answer at all: nested aliases (which kept scripts/validate
    busy past 15 s), an impossible date, a tag, a control character."""
    result = validate_after(repo_copy(tmp_path), file, old, new)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0] == expected and all(ONE_LINE.match(line) for line in lines[:-1]), lines
    assert re.fullmatch(r"\d+ problem\(s\) in data/", lines[-1])


def test_a_renamed_id_fails_until_its_move_is_recorded(tmp_path):
    repo = repo_copy(tmp_path)
    result = validate_after(repo, "plans/guangzhou.yaml", "id: gz-t41\n", "id: gz-t41b\n")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "data/published.yaml:105:3: published[99]: /plans/guangzhou/#gz-t41 is no longer on the site, and readers' links to it "
        "would break (is it now /plans/guangzhou/#gz-t41b?): record where it went in data/moved.yaml "
        "(- {from: /plans/guangzhou/#gz-t41, to: NEW ADDRESS})")
    record = (repo / "data/published.yaml").read_text(encoding="utf-8")
    result = validate_after(repo, "moved.yaml", "moved: []\n", "moved:\n- {from: /plans/guangzhou/#gz-t41, to: /plans/guangzhou/#gz-t41b}\n")
    assert result.returncode == 0, result.stderr
    assert "1 new address(es) recorded in data/published.yaml" in result.stdout
    assert (repo / "data/published.yaml").read_text(encoding="utf-8") == record + "- /plans/guangzhou/#gz-t41b\n"
    assert run(repo, "scripts/validate").stdout.count("recorded") == 0  # once recorded, nothing more to add


def test_a_removed_id_fails_until_its_move_is_recorded(tmp_path):
    """A glossary term taken out (its anchor is a digest of its Chinese): the line names the address and the term's
    line in the record names the term; the move sends readers to the glossary's top."""
    repo = repo_copy(tmp_path)
    glossary = repo / "data/glossary.yaml"
    lines = glossary.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("- {zh: 知识产权托管,"))
    end = next(i for i in range(at + 1, len(lines)) if lines[i].startswith(("- ", "calques:")))
    glossary.write_text("".join(lines[:at] + lines[end:]), encoding="utf-8")
    result = run(repo, "scripts/validate")
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()[:-1]
    address = re.search(r"(/glossary/#term-[0-9a-f]{8}) is no longer on the site", line)[1]
    assert f"- {address}  # 知识产权托管\n" in (repo / "data/published.yaml").read_text(encoding="utf-8")
    result = validate_after(repo, "moved.yaml", "moved: []\n", f"moved:\n- {{from: {address}, to: /glossary/}}\n")
    assert result.returncode == 0, result.stderr
    result = validate_after(repo, "moved.yaml", "to: /glossary/}", "to: /glossary/#term-00000000}")
    assert result.returncode == 1 and "moved[0].to: /glossary/#term-00000000 is not on the site" in result.stderr
