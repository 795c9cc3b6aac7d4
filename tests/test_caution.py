"""The caution rule on planted figures, end to end: planted in a copy of data/, each figure the rule flags carries a
caution on the progress page, the end-of-period page, the plan page and in the open data, and no other does."""
from __future__ import annotations

import csv
import io
import re

import pytest
from plansite.editions import EDITIONS
from plansite.load import load_site
from plansite.opendata import progress_tables
from plansite.render import environment, render
from plansite.problems import DataError

from conftest import copy_project

# Planted figures (the plans' real baselines and targets): (indicator, value, date) -> flagged by the rule?
PLANTED = {
    ("ns-i2", 44, "2022-12-31"): True,  # Nansha valid trademarks, 7.4 -> 18.4 (10,000): +36.6 where +4.4 was expected
    ("ns-i2", 9, "2022-12-31"): False,  # +1.6 against +4.4
    ("gz-i7", 400, "2023-12-31"): False,  # no caution where the plan expects no change it states (no baseline)
    ("gz-i3", 21, "2022-12-31"): True,  # 21% a year against a target of 6%: three and a half times
    ("gz-i3", 12, "2021-12-31"): False,  # twice the target rate
}


def _plant(root, entries, note_on=None):
    copy_project(root)  # data/ and the hand-written pages (published addresses)
    path = root / "data/progress/observations.yaml"
    text = path.read_text(encoding="utf-8")
    for k, (indicator, value, date) in enumerate(entries):
        text += (f"- indicator: {indicator}\n  value: {value}\n  date: {date}\n  period: {{zh: 某年, en: a year}}\n"
                 f"  source: gdgov-2025-04-22\n  wording: {{zh: 措辞, en: wording}}\n")
        if note_on == k:
            text += "  caution_note: {zh: 口径不同, en: Another definition}\n"
    path.write_text(text, encoding="utf-8")
    return load_site(root)


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    root = tmp_path_factory.mktemp("planted")
    return _plant(root, list(PLANTED))


def test_the_rule_flags_exactly_the_planted_jumps_in_the_open_data(planted):
    rows = list(csv.DictReader(io.StringIO(progress_tables(planted)["observations.csv"].decode("utf-8-sig"))))
    flagged = {(r["indicator"], float(r["value"]), r["date"]): r["caution"] == "true" for r in rows}
    for (indicator, value, date), caution in PLANTED.items():
        assert flagged[(indicator, float(value), date)] is caution, (indicator, value)
    assert all(r["caution"] == "true" for r in rows if r["indicator"] in ("gz-i4", "zh-i1"))  # the real jumps


@pytest.mark.parametrize("edition", EDITIONS, ids=[e.code for e in EDITIONS])
def test_a_flagged_figure_carries_a_caution_on_every_page_that_shows_it(planted, edition):
    env = environment(planted)
    progress = "\n".join(render(env, "progress.md.j2", edition)[1])
    for (indicator, value, date), caution in PLANTED.items():
        row = next(r for r in progress.split("<tr") if f'<time datetime="{date}">' in r and re.search(f'<td class="num"[^>]*>{value}</td>', r)
                   and f'trajectory-{indicator}-' in progress[:progress.index(r)].rsplit('<section class="trajectory"', 1)[1])
        assert ('class="caution-flag"' in row) is caution, (indicator, value)
    latest = "\n".join(render(env, "end-of-period.md.j2", edition)[1])
    assert 'id="caution-gz-i3-0"' in latest  # its latest figure, 21%, is flagged
    assert 'id="caution-ns-i2-0"' not in latest  # its latest figure is 9 (the same date as 44, listed after it)
    plan_page = "\n".join(render(env, "plan.md.j2", edition, plan=next(p for p in planted.plans if p["id"] == "guangzhou"))[1])
    assert plan_page.count('class="caution-flag"') == 3  # gz-i4 twice and the planted 21% of gz-i3


def test_a_caution_note_on_a_figure_the_rule_does_not_flag_is_rejected(tmp_path):
    with pytest.raises(DataError) as caught:
        _plant(tmp_path, [("ns-i2", 9, "2022-12-31")], note_on=0)
    assert "caution_note: the caution rule does not flag 9" in str(caught.value)
