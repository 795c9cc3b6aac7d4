"""What the home page shows besides the plans: one-click finder searches, progress at a glance, what's new."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from . import finder, tracking
from .model import Site
from .problems import DataError
from .yamldoc import load_document

SETTINGS = Path(__file__).with_name("home.yaml")


def presets(site: Site, doc) -> list[dict]:
    """Each preset with the address of its finder search and its number of items, in all and per region; where it
    narrows a theme by other filters, the theme's own number of tasks and boxes (`total`), so that the page can say
    why the two differ."""
    vocabulary = {"theme": site.themes, "audience": site.audiences, "support": site.support}
    problems, out = [], []
    for n, preset in enumerate(doc.data["presets"]):
        for key, value in preset["filters"].items():
            if key not in vocabulary:
                problems.append(doc.problem(("presets", n, "filters", key), f"unknown finder filter '{key}' (use theme, audience or support)"))
            elif value not in vocabulary[key]:
                problems.append(doc.problem(("presets", n, "filters", key), f"unknown {key} '{value}'"))
        if problems:
            continue
        query = "&".join(f"{key}={value}" for key, value in preset["filters"].items())
        regions = []
        for plan in site.plans:
            count = sum(finder.matches(site, item, preset["filters"]) for item in site.plan_items(plan))
            if count:
                regions.append({"plan": plan, "count": count, "query": f"plan={plan['id']}&{query}"})
        filters = preset["filters"]
        total = len(finder.selected(site, {"theme": filters["theme"]})) if "theme" in filters and len(filters) > 1 else None
        out.append({"title": preset["title"], "query": query, "filters": filters, "total": total,
                    "count": sum(r["count"] for r in regions), "regions": regions})
    if problems:
        raise DataError(problems)
    return [p for p in out if p["count"]]


def status_counts(site: Site) -> list[tuple[str, int]]:
    """How many indicators stand at each status, by their latest observation."""
    counts: Counter = Counter()
    for plan in site.plans:
        for item in site.plan_items(plan, "indicator"):
            rows = tracking.tracked(site, item)
            counts[rows[-1].status if rows else tracking.NO_DATA] += 1
    return [(status, counts[status]) for status in tracking.STATUSES if counts[status]]


def latest_notes(site: Site, limit: int) -> list[dict]:
    """The latest dated progress notes, latest first; notes of one date in plan order, then reading order."""
    position = {item_id: n for n, item_id in enumerate(site.items)}
    ordered = sorted(site.notes, key=lambda note: position[note["item"]])
    return sorted(ordered, key=lambda note: str(note["date"]), reverse=True)[:limit]


def latest_sources(site: Site, limit: int) -> list[dict]:
    return sorted(site.sources.values(), key=lambda source: str(source["date"]), reverse=True)[:limit]


def home_context(site: Site) -> dict:
    doc = load_document(SETTINGS, site.root)
    return {
        "presets": presets(site, doc),
        "statuses": status_counts(site),
        "notes": latest_notes(site, doc.data["latest_notes"]),
        "sources": latest_sources(site, doc.data["latest_sources"]),
    }
