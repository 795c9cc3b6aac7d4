"""scripts/new-plan and scripts/translation-report, as a maintainer runs them."""
from __future__ import annotations

import os
import shutil
import subprocess

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


def run(repo, *args):
    return subprocess.run(list(args), cwd=repo, env=ENV, capture_output=True, text=True)


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
