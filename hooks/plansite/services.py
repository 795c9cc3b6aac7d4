"""Where to go: the places of data/services.yaml, and which of them an item, a theme or an agency leads to.

The rule (one home, used by the pages, the finder and the open data): an item leads to the places of its plan's
region (those in the region and those that also serve it) whose kind serves one of the item's themes, in the order
of the kinds. Where no such place exists, it leads to the region's places of the fallback kinds (the IP office and
the hotlines), marked as a fallback.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Site

SHOWN = 3  # places named beside an item; the region's page lists them all


@dataclass(frozen=True)
class WhereToGo:
    places: tuple[dict, ...]
    fallback: bool  # no place of the region serves these themes: the IP office and the hotlines instead


def kinds(site: Site) -> dict[str, dict]:
    return {kind["id"]: kind for kind in site.services["kinds"]}


def region_places(site: Site, plan_id: str) -> list[dict]:
    """The places serving a plan's region, in the order of the kinds, then as listed."""
    order = {kind_id: n for n, kind_id in enumerate(kinds(site))}
    serving = [p for p in site.services["places"] if p["region"] == plan_id or plan_id in p.get("also_serves", ())]
    return sorted(serving, key=lambda p: order[p["kind"]])


def for_themes(site: Site, plan_id: str, themes) -> WhereToGo:
    by_kind = kinds(site)
    places = region_places(site, plan_id)
    wanted = set(themes)
    serving = tuple(p for p in places if wanted & set(by_kind[p["kind"]]["themes"]))
    if serving:
        return WhereToGo(serving, False)
    return WhereToGo(tuple(p for p in places if by_kind[p["kind"]].get("fallback")), True)


def for_item(site: Site, item) -> WhereToGo:
    return for_themes(site, item.plan["id"], item.data.get("themes", ()))


def for_agency(site: Site, agency_id: str) -> list[tuple[dict, WhereToGo]]:
    """For each plan naming the agency: where its items lead, for the themes of the items the agency is named in."""
    out = []
    refs = [ref for role in site.agency_roles(agency_id).values() for ref in role]
    for plan in site.plans:
        themes = {t for ref in refs if ref.plan is plan and ref.item for t in ref.item.data.get("themes", ())}
        if themes:
            out.append((plan, for_themes(site, plan["id"], themes)))
    return out


def agency_place(site: Site, agency_id: str) -> dict | None:
    """The place that is this agency itself, where data/services.yaml names it."""
    return next((p for p in site.services["places"] if p.get("agency") == agency_id), None)


def page_url(plan_id: str) -> str:
    """A region's page of places, from the root of a language's site."""
    return f"services/{plan_id}/"


def place_url(place: dict, plan_id: str) -> str:
    """A place's anchor on the page of a region it serves."""
    return f"{page_url(plan_id)}#{place['id']}"


def theme_regions(site: Site, theme_id: str) -> list[tuple[dict, WhereToGo]]:
    """For each plan: where an item of the theme leads in its region."""
    return [(plan, for_themes(site, plan["id"], [theme_id])) for plan in site.plans]


def items_leading_to(site: Site, place: dict, plan: dict) -> list:
    """The tasks and boxes of a plan whose "where to go" names the place."""
    return [item for item in site.plan_items(plan) if item.kind != "indicator" and place in for_item(site, item).places]
