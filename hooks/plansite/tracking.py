"""Observations of indicators and notes on items, assessed with the status rule of progress.py."""
from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from .data import Item, Site
from .progress import Assessment, assess_growth, assess_level


@dataclass
class Tracked:
    """One observation of one indicator quantity, with its assessment (None where it cannot be assessed)."""

    item: Item
    measure: dict
    observation: dict
    assessment: Assessment | None


def year_of(date: str) -> float:
    """Time on the plan's axis, where 2020 is the end of 2020: '2021-12-31' -> 2021.0, '2022-06-30' -> about 2021.5."""
    day = datetime.date.fromisoformat(date)
    return day.year - 1 + day.timetuple().tm_yday / (366 if calendar.isleap(day.year) else 365)


def tracked(site: Site, item: Item) -> list[Tracked]:
    out = []
    for obs in sorted((o for o in site.observations if o["indicator"] == item.id), key=lambda o: o["date"]):
        measure = item.data["measures"][obs.get("measure", 0)]
        out.append(Tracked(item, measure, obs, None if obs.get("counts_only") else assess(site, item, measure, obs)))
    return out


def assess(site: Site, item: Item, measure: dict, obs: dict) -> Assessment:
    """The status of one observation: the growth-rate rule or the straight-path rule (see progress.py)."""
    if item.data.get("kind") == "growth-rate":
        rates = [
            o["value"] for o in site.observations
            if o["indicator"] == item.id and o.get("measure", 0) == obs.get("measure", 0)
            and not o.get("counts_only") and o["date"] <= obs["date"]
        ]
        return assess_growth(measure["target"], rates)
    base_year, end_year = item.plan["period"]["start"] - 1, item.plan["period"]["end"]
    return assess_level(measure["baseline"], measure["target"], obs["value"], year_of(obs["date"]), base_year, end_year)


def notes_for(site: Site, item_id: str) -> list[dict]:
    return sorted((n for n in site.notes if n["item"] == item_id), key=lambda n: n["date"])
