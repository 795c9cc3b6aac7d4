"""The support finder: which tasks and boxes a set of filters selects (the one rule that docs/assets/finder.js, the
home page's presets and the counts on theme pages follow), and the data the finder page loads, in both languages."""
from __future__ import annotations

from . import identity, services
from .model import Item, Site
from .strings import LANGS

# Finder filter (its name in the address) -> the item field it matches.
FILTER_FIELDS = {"plan": "plan", "theme": "themes", "audience": "audiences", "support": "support"}


def accepted(site: Site, key: str, value: str) -> set[str]:
    """The tags that satisfy one filter: an audience also accepts the broader group it is within (an item for all
    enterprises concerns an SME too)."""
    if key == "audience" and "within" in site.audiences.get(value, {}):
        return {value, site.audiences[value]["within"]}
    return {value}


def matches(site: Site, item: Item, filters: dict[str, str]) -> bool:
    """Whether a task or box meets every filter (indicators never do: the finder lists tasks and boxes)."""
    if item.kind == "indicator":
        return False
    for key, value in filters.items():
        tags = [item.plan["id"]] if key == "plan" else item.data.get(FILTER_FIELDS[key], ())
        if not accepted(site, key, value) & set(tags):
            return False
    return True


def selected(site: Site, filters: dict[str, str]) -> list[Item]:
    return [item for plan in site.plans for item in site.plan_items(plan) if matches(site, item, filters)]


def _lead(site: Site, item) -> dict:
    """Who runs an item, where the plan names it: lead agencies, or agencies sharing responsibility."""
    resp = item.data.get("responsibility")
    if not resp:
        return {}
    role = "lead" if "lead" in resp else "shared"
    return {"role": role, "agencies": [site.agencies[a]["name"] for a in resp[role]]}


def finder_data(site: Site) -> dict:
    def vocabulary(entries) -> list[dict]:
        return [{"id": e["id"], "name": e["name"], **({"within": e["within"]} if "within" in e else {})} for e in entries]

    items, used = [], set()
    for plan in site.plans:
        for item in site.plan_items(plan):
            if item.kind == "indicator":
                continue
            where = services.for_item(site, item)
            used.update(p["id"] for p in where.places)
            items.append({
                "id": item.id,
                "plan": plan["id"],
                "kind": item.kind,
                "label": {lang: identity.label(item, lang) for lang in LANGS},
                "title": {lang: identity.title(item, lang) for lang in LANGS},
                "excerpt": {lang: identity.excerpt(item, lang) for lang in LANGS},
                "url": identity.url(item),
                "themes": item.data.get("themes", []),
                "audiences": item.data.get("audiences", []),
                "support": item.data.get("support", []),
                "responsible": _lead(site, item),
                "where": [p["id"] for p in where.places],
                **({"where_fallback": True} if where.fallback else {}),
            })
    return {
        "plans": [{"id": p["id"], "name": p["short_title"], "region": p["region"], "services": services.page_url(p["id"])} for p in site.plans],
        "themes": [{**entry, "indicators": len(site.theme_items(entry["id"], kind="indicator"))} for entry in vocabulary(site.themes.values())],
        "audiences": vocabulary(site.audiences.values()),
        "support": vocabulary(site.support.values()),
        "places": {p["id"]: {"name": p["name"]} for p in site.services["places"] if p["id"] in used},
        "items": items,
    }
