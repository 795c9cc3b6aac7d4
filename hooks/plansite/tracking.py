"""Observations of indicators, context figures and notes on items, assessed with the status rule of progress.py."""
from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from .model import Item, Site
from .progress import NOT_ASSESSABLE, Assessment, assess_growth, assess_level

NO_DATA = "no-data"
# The order statuses are listed and counted in.
STATUSES = ("achieved", "faster", "in-line", "lagging", NOT_ASSESSABLE, NO_DATA)


@dataclass
class Tracked:
    """One observation of one indicator quantity, with its assessment."""

    item: Item
    measure: dict
    observation: dict
    assessment: Assessment

    @property
    def status(self) -> str:
        return self.assessment.status

    @property
    def caution(self) -> bool:
        """The caution rule of progress.py: the figure changed three or more times as much as its plan expected."""
        return self.assessment.caution


def year_of(date: str) -> float:
    """Time on the plan's axis, where 2020 is the end of 2020: '2021-12-31' -> 2021.0, '2022-06-30' -> about 2021.5."""
    day = datetime.date.fromisoformat(date)
    return day.year - 1 + day.timetuple().tm_yday / (366 if calendar.isleap(day.year) else 365)


def tracked(site: Site, item: Item, measure: int | None = None) -> list[Tracked]:
    """Observations of an indicator (of one of its quantities if `measure` is given), oldest first."""
    out = []
    for obs in sorted((o for o in site.observations if o["indicator"] == item.id), key=lambda o: o["date"]):
        if measure is not None and obs.get("measure", 0) != measure:
            continue
        m = item.data["measures"][obs.get("measure", 0)]
        out.append(Tracked(item, m, obs, assess(item, m, obs)))
    return out


def assess(item: Item, measure: dict, obs: dict) -> Assessment:
    """The status of one observation: the growth-rate rule or the straight-path rule (see progress.py).

    Only observations are assessed; context figures (context.yaml) never are."""
    if item.data.get("kind") == "growth-rate":
        return assess_growth(measure["target"], obs["value"])
    base_year, end_year = item.plan["period"]["start"] - 1, item.plan["period"]["end"]
    return assess_level(measure["baseline"], measure["target"], obs["value"], year_of(obs["date"]), base_year, end_year)


def latest(site: Site, item: Item, measure: int = 0) -> Tracked | None:
    rows = tracked(site, item, measure)
    return rows[-1] if rows else None


def status_of(site: Site, item: Item, measure: int = 0) -> str:
    """The indicator's status: that of its latest observation, or no data."""
    row = latest(site, item, measure)
    return row.status if row else NO_DATA


def context_for(site: Site, item: Item, measure: int = 0, relation: str | None = None) -> list[dict]:
    return sorted(
        (c for c in site.context if c["indicator"] == item.id and c.get("measure", 0) == measure and (relation is None or c["relation"] == relation)),
        key=lambda c: c["date"],
    )


def status_counts(site: Site, plan: dict) -> dict[str, int]:
    """How many quantities of a plan's indicators are in each status (a composite indicator counts each quantity)."""
    counts = dict.fromkeys(STATUSES, 0)
    for item in site.plan_items(plan, "indicator"):
        for n in range(len(item.data["measures"])):
            counts[status_of(site, item, n)] += 1
    return counts


def searched_for(site: Site, item: Item) -> list[dict]:
    return [s for s in site.research["searched"] if s["indicator"] == item.id]


def notes_for(site: Site, item_id: str) -> list[dict]:
    return sorted((n for n in site.notes if n["item"] == item_id), key=lambda n: n["date"])
