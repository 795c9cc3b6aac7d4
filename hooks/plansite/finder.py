"""The data behind the support finder: every task and box with its tags, in both languages."""
from __future__ import annotations

from . import identity
from .model import Site
from .strings import LANGS


def _lead(site: Site, item) -> dict:
    """Who runs an item, where the plan names it: lead agencies, or agencies sharing responsibility."""
    resp = item.data.get("responsibility")
    if not resp:
        return {}
    role = "lead" if "lead" in resp else "shared"
    return {"role": role, "agencies": [site.agencies[a]["name"] for a in resp[role]]}


def finder_data(site: Site) -> dict:
    def vocabulary(entries) -> list[dict]:
        return [{"id": e["id"], "name": e["name"]} for e in entries]

    items = []
    for plan in site.plans:
        for item in site.plan_items(plan):
            if item.kind == "indicator":
                continue
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
            })
    return {
        "plans": [{"id": p["id"], "name": p["short_title"], "region": p["region"]} for p in site.plans],
        "themes": vocabulary(site.themes.values()),
        "audiences": vocabulary(site.audiences.values()),
        "support": vocabulary(site.support.values()),
        "items": items,
    }
