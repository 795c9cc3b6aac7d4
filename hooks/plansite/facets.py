"""What each generated page reads of each plan, as digests: under `mkdocs serve`, which pages an edit touches.

A plan's facets: its `head` (titles, region, period), its `tags` (every item's kind and tags: the counts on plan
pages, the theme matrix, the finder presets), its `labels` (how each item is numbered), its `responsibility` (who does
what: the agency counts), a `summary` (all of it but the text of paragraphs, footnotes and items, of which only the
excerpt counts), its `progress` (the indicators and the items with progress notes, as the progress page shows them),
and for each theme and agency the part that theme's or agency's page shows. A page names the facets it reads
(page_facets); its own plan page also reads the whole plan file. tests/test_incremental.py checks the result against a
full render.
"""
from __future__ import annotations

import hashlib
import json

from .identity import body_excerpt
from .model import Site
from .strings import LANGS


def _digest(value) -> str:
    return hashlib.sha1(json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _shown(item) -> dict:
    """An item as pages other than its plan's own show it: all but its text, of which the excerpt."""
    data = {k: v for k, v in item.data.items() if k != "body"}
    if "body" in item.data:
        data["excerpt"] = {lang: body_excerpt(item.data["body"], lang) for lang in LANGS}
    return {"kind": item.kind, "in_section": item.numbered_in_section, "section": item.section["number"], **data}


def plan_facets(site: Site, plan: dict) -> dict[str, str]:
    items = site.plan_items(plan)
    refs = [ref for ref in site.responsibilities if ref.plan is plan]
    facets = {
        "head": _digest({k: v for k, v in plan.items() if k not in ("preamble", "footnotes", "chapters")}),
        "tags": _digest([(i.id, i.kind, i.data.get("themes"), i.data.get("audiences"), i.data.get("support")) for i in items]),
        "labels": _digest([(i.id, i.kind, i.data.get("number"), i.numbered_in_section, i.section["number"]) for i in items]),
        "responsibility": _digest([(ref.anchor, ref.data) for ref in refs]),
        "summary": _digest([_shown(i) for i in items] + [(ref.anchor, ref.number, ref.title, ref.data) for ref in refs]
                           + [{k: v for k, v in c.items() if k != "sections"} for c in plan["chapters"]]
                           + [{k: v for k, v in s.items() if k != "blocks"} for c in plan["chapters"] for s in c["sections"]]),
    }
    facets["progress"] = _digest([_shown(i) for i in items if i.kind == "indicator" or i.id in site.noted_ids])
    by_theme: dict[str, list] = {}
    for item in items:
        for theme_id in item.data.get("themes", ()):
            by_theme.setdefault(theme_id, []).append(_shown(item))
    facets |= {f"theme:{theme_id}": _digest(shown) for theme_id, shown in by_theme.items()}
    by_agency: dict[str, list] = {}
    for ref in refs:
        shown = [ref.anchor, ref.number, ref.title, ref.data, _shown(ref.item) if ref.item else None]
        for ids in ref.data.values():
            for agency_id in ids:
                by_agency.setdefault(agency_id, []).append(shown)
    facets |= {f"agency:{agency_id}": _digest(shown) for agency_id, shown in by_agency.items()}
    return facets


def page_facets(base: str, context: dict) -> tuple[str, ...]:
    """The facets of every plan that a page (docs-relative path without suffix) reads."""
    if "plan" in context:
        return ("head", "tags")
    if "theme" in context:
        return ("head", "tags", f"theme:{context['theme']['id']}")
    if "region" in context:  # a region's places, and the labels of the items (by their themes) leading to each
        return ("head", "tags", "labels")
    if "agency" in context:
        return ("head", f"agency:{context['agency']['id']}")
    if base == "themes/index":
        return ("head", "tags")
    if base == "agencies/index":
        return ("head", "responsibility")
    if base == "progress":
        return ("head", "progress")
    return ("head", "tags", "responsibility", "summary")
