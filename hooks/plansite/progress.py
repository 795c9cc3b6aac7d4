"""The status of an indicator against its target, by the rule stated on the progress page.

The four categories are those NDRC uses in mid-term reviews of five-year plans:
提前完成 achieved ahead of schedule · 快于预期 faster than expected · 基本符合预期 in line · 相对滞后 lagging.

Level indicators (an amount, a count, a ratio): the expected value on the date of an observation lies on the
straight line from the baseline (end of the base year) to the target (end of the target year). Progress is the
share of the way from baseline to target that the observation has covered; it is compared with the share of the
period that has elapsed:
- the observation reaches the target                 -> achieved ahead of schedule
- progress exceeds elapsed time by more than 10 points -> faster than expected
- progress within 10 points of elapsed time            -> in line with expectations
- progress more than 10 points behind elapsed time     -> lagging
Without a baseline there is no line: only "achieved ahead" can be told, otherwise "not assessable". Where the
target was already met at the baseline, the observation is in line if it still meets it, lagging if it fell below.

Annual growth-rate indicators ("年均增长率 6%以上"): an observation is the average annual growth from the base year
to its date, compared with the target rate; a rate cannot be completed ahead of time:
- at least 110% of the target rate -> faster than expected
- 90% to 110%                      -> in line with expectations
- below 90%                        -> lagging

The caution rule: a figure whose change is CAUTION_RATIO (three) or more times the change its plan expected, either
way, carries a caution, whatever its status: such a jump (or fall) more often comes from another definition or
method than from growth.
For a level, the change is the figure minus the baseline and the expected change is that of the straight path up to
the figure's date; for a growth rate, the average annual rate is compared with the target rate. Where the plan
expects no change (no baseline, a target already met, a figure dated at the baseline), there is no ratio and no
caution.
"""
from __future__ import annotations

from dataclasses import dataclass

ACHIEVED, FASTER, IN_LINE, LAGGING, NOT_ASSESSABLE = "achieved", "faster", "in-line", "lagging", "not-assessable"
BAND = 0.10  # ten percentage points of the way from baseline to target (or 10% of a target rate)
CAUTION_RATIO = 3.0  # a figure whose change is this many times the change its plan expected carries a caution


@dataclass(frozen=True)
class Assessment:
    status: str
    progress: float | None = None  # share of the way from baseline to target covered (level indicators)
    elapsed: float | None = None  # share of the plan period elapsed at the observation
    expected: float | None = None  # value on the straight path at the observation (level indicators)
    ratio: float | None = None  # the figure's change over the change its plan expected (see the caution rule)

    @property
    def caution(self) -> bool:
        return self.ratio is not None and abs(self.ratio) >= CAUTION_RATIO


def elapsed_share(year: float, start: int, end: int) -> float:
    """Share of the period from the end of the base year to the end of the target year, at `year` (2021.0 = end of 2021)."""
    return min(max((year - start) / (end - start), 0.0), 1.0)


def assess_level(baseline: float | None, target: float, value: float, year: float, start: int, end: int) -> Assessment:
    """`start` is the base year and `end` the target year, both at their year's end; `year` is the observation's time."""
    elapsed = elapsed_share(year, start, end)
    if baseline is None:
        return Assessment(ACHIEVED if value >= target else NOT_ASSESSABLE, elapsed=elapsed)
    if target <= baseline:  # the target was already met when the plan was made
        return Assessment(IN_LINE if value >= target else LAGGING, elapsed=elapsed, expected=target)
    progress = (value - baseline) / (target - baseline)
    expected = baseline + (target - baseline) * elapsed
    ratio = (value - baseline) / (expected - baseline) if elapsed > 0 else None
    if value >= target:
        status = ACHIEVED
    elif progress > elapsed + BAND:
        status = FASTER
    elif progress >= elapsed - BAND:
        status = IN_LINE
    else:
        status = LAGGING
    return Assessment(status, progress=progress, elapsed=elapsed, expected=expected, ratio=ratio)


def assess_growth(target_rate: float, average_rate: float) -> Assessment:
    """Both in percent; average_rate is the average annual growth from the base year to the observation."""
    if average_rate >= target_rate * (1 + BAND):
        status = FASTER
    elif average_rate >= target_rate * (1 - BAND):
        status = IN_LINE
    else:
        status = LAGGING
    return Assessment(status, progress=average_rate, ratio=average_rate / target_rate if target_rate > 0 else None)

