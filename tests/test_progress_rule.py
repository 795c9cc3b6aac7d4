"""The status rule of the progress page, on hand-made cases (see hooks/plansite/progress.py for the rule).

The cases use a plan period of 2021-2025: the base year 2020 and the target year 2025."""
from __future__ import annotations

import pytest
from plansite.progress import ACHIEVED, FASTER, IN_LINE, LAGGING, NOT_ASSESSABLE, assess_growth, assess_level


@pytest.mark.parametrize(
    "baseline, target, value, year, status",
    [
        (20, 30, 22, 2021, IN_LINE),  # 20% of the way after 20% of the time
        (20, 30, 20, 2021, LAGGING),  # no progress after a year: 0% vs 20%, more than 10 points behind
        (20, 30, 21.1, 2021, IN_LINE),  # 11% vs 20%: within 10 points
        (20, 30, 24, 2021, FASTER),  # 40% vs 20%
        (20, 30, 30, 2022, ACHIEVED),  # target reached before 2025
        (20, 30, 35, 2021, ACHIEVED),
        (22.2, 30, 25.32, 2022, IN_LINE),  # exactly on the straight path (40% after 40%)
        (0, 1, 0, 2021, LAGGING),
        (0, 1, 0, 2020.5, IN_LINE),  # half a year in: 0% vs 10%, still within the band
        (100, 100, 100, 2021, IN_LINE),  # target already met at baseline and still met
        (100, 100, 99, 2021, LAGGING),  # target already met at baseline, then missed
        (None, 15, 4, 2021, NOT_ASSESSABLE),  # no baseline: no path
        (None, 15, 16, 2021, ACHIEVED),  # no baseline, but the target is already reached
    ],
)
def test_level_indicator_status(baseline, target, value, year, status):
    assert assess_level(baseline, target, value, year, 2020, 2025).status == status


def test_expected_value_on_the_straight_path():
    result = assess_level(20, 30, 21, 2023, 2020, 2025)
    assert result.expected == pytest.approx(26.0)
    assert result.elapsed == pytest.approx(0.6)
    assert result.progress == pytest.approx(0.1)


@pytest.mark.parametrize(
    "target, average, status",
    [
        (6, 56.12, FASTER),
        (6, 6.2, IN_LINE),
        (6, 5.5, IN_LINE),  # 92% of the target rate
        (6, 5.3, LAGGING),  # 88%
        (6, 6.7, FASTER),  # just above 110%
        (6, -2, LAGGING),
    ],
)
def test_growth_rate_indicator_status(target, average, status):
    assert assess_growth(target, average).status == status


def test_growth_rate_is_never_achieved_ahead():
    assert assess_growth(6, 500).status == FASTER


# The caution rule: a figure whose change is three or more times the change its plan expected carries a caution.
@pytest.mark.parametrize(
    "baseline, target, value, year, caution",
    [
        (20, 30, 26, 2021, True),  # +6 after a year, when the path expected +2: three times
        (20, 30, 25.9, 2021, False),  # just under three times
        (20, 30, 30, 2023, False),  # target reached early: +10 against +6 expected, under three times
        (20, 30, 60, 2025, True),  # +40 against the whole planned +10: four times
        (14, 21, 73.1, 2024.5, True),  # +59.1 against +6.3 by mid-2025
        (20, 30, 14, 2021, True),  # a fall of 6 when a rise of 2 was expected: three times as large, the other way
        (20, 30, 20, 2020, False),  # dated at the baseline: nothing was expected yet
        (None, 15, 400, 2022, False),  # no baseline, no expected change
        (100, 100, 40, 2022, False),  # target already met at the baseline: no expected change
    ],
)
def test_caution_rule_for_levels(baseline, target, value, year, caution):
    assert assess_level(baseline, target, value, year, 2020, 2025).caution is caution


@pytest.mark.parametrize(
    "target, average, caution",
    [(6, 18, True), (6, 17.9, False), (6, 60.58, True), (6, 6, False), (6, -18, True), (6, -10, False)],
)
def test_caution_rule_for_growth_rates(target, average, caution):
    assert assess_growth(target, average).caution is caution


def test_the_ratio_behind_a_caution():
    assert assess_level(14, 21, 73.1, 2024.5, 2020, 2025).ratio == pytest.approx(59.1 / 6.3)
    assert assess_growth(6, 60.58).ratio == pytest.approx(60.58 / 6)
