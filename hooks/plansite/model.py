"""The site's data as the renderers read it: plans, their items in reading order, vocabularies and progress records."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .yamldoc import Document

if TYPE_CHECKING:
    from .addresses import Addresses

ITEM_KINDS = ("task", "box")  # the block kinds that are items; each indicator row is one too
ELSEWHERE_SHOWN = 3  # other plans named beside an item as sharing its main theme
ROLES = ("lead", "cooperating", "shared")  # what a responsibility names agencies as, in the order pages list them


@dataclass
class Item:
    """A task, box (专栏) or indicator, with where it stands."""

    id: str
    kind: str  # task | box | indicator
    plan: dict
    chapter: dict
    section: dict
    data: dict
    path: tuple = ()  # where its mapping stands in the plan file, for messages
    numbered_in_section: bool = False  # a task of a plan that numbers its tasks afresh in each section (Zhongshan)


@dataclass
class Responsibility:
    """Who is responsible for one task or safeguard section, and how to link to it."""

    plan: dict
    anchor: str
    number: str  # as the plan numbers it ("13"), or the safeguard section number
    title: dict
    data: dict  # {lead: [...], cooperating: [...]} or {shared: [...]}
    item: Item | None = None
    position: tuple = ()  # where it stands in the plan, for listing in reading order


@dataclass
class Site:
    root: Path
    plans: list[dict]
    agencies: dict[str, dict]
    glossary: list[dict]
    themes: dict[str, dict] = field(default_factory=dict)
    concepts: dict[str, dict] = field(default_factory=dict)
    sources: dict[str, dict] = field(default_factory=dict)
    observations: list[dict] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)
    context: list[dict] = field(default_factory=list)  # figures shown beside an indicator, never assessed
    research: dict = field(default_factory=lambda: {"searched": [], "set_aside": []})
    goals: list[dict] = field(default_factory=list)  # goals stated in the text of a plan without indicators
    documents: dict[str, dict] = field(default_factory=dict)  # plan ID -> its record as a document (documents.yaml)
    searches: dict[str, dict] = field(default_factory=dict)  # search ID -> a search made for a document fact
    services: dict = field(default_factory=lambda: {"kinds": [], "places": [], "searched": []})  # data/services.yaml
    traditional: list[dict] = field(default_factory=list)  # corrections to the Traditional edition's conversion
    reader: dict = field(default_factory=lambda: {"ignore": {"zh": [], "en": []}, "words": []})  # what readers type
    audiences: dict[str, dict] = field(default_factory=dict)
    support: dict[str, dict] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)
    responsibilities: list["Responsibility"] = field(default_factory=list)
    docs: dict[str, Document] = field(default_factory=dict)  # plan id -> document
    addresses: "Addresses | None" = None  # what the site publishes now, and where old addresses lead (load.py)

    @cached_property
    def _by_plan(self) -> dict[str, list[Item]]:
        """Plan ID -> its items in reading order (computed once: every page asks for it)."""
        index: dict[str, list[Item]] = {plan["id"]: [] for plan in self.plans}
        for item in self.items.values():
            index[item.plan["id"]].append(item)
        return index

    def plan_items(self, plan: dict, kind: str | None = None) -> list[Item]:
        return [i for i in self._by_plan[plan["id"]] if kind is None or i.kind == kind]

    @cached_property
    def noted_ids(self) -> frozenset[str]:
        """The items with progress notes (the progress page lists them)."""
        return frozenset(note["item"] for note in self.notes)

    def agency_list(self) -> list[dict]:
        """Agencies in the order of data/agencies.yaml."""
        return list(self.agencies.values())

    @cached_property
    def _roles(self) -> dict[str, dict[str, list["Responsibility"]]]:
        """Agency ID -> its responsibilities by role (computed once: every agency page asks for it)."""
        index: dict[str, dict[str, list[Responsibility]]] = {}
        for ref in self.responsibilities:
            for role, ids in ref.data.items():
                for agency_id in ids:
                    index.setdefault(agency_id, {r: [] for r in ROLES})[role].append(ref)
        return index

    def agency_roles(self, agency_id: str) -> dict[str, list["Responsibility"]]:
        """Every task (and safeguard section) naming the agency, by role: lead, cooperating, shared."""
        return self._roles.get(agency_id) or {r: [] for r in ROLES}

    @cached_property
    def _by_theme(self) -> dict[str, list[Item]]:
        """Theme ID -> tagged items, in plan order then reading order (computed once per build)."""
        rank = {plan["id"]: n for n, plan in enumerate(self.plans)}
        ordered = sorted(enumerate(self.items.values()), key=lambda pair: (rank[pair[1].plan["id"]], pair[0]))
        index: dict[str, list[Item]] = {theme_id: [] for theme_id in self.themes}
        for _, item in ordered:
            for theme_id in item.data.get("themes", ()):
                index.setdefault(theme_id, []).append(item)
        return index

    def theme_items(self, theme_id: str, plan: dict | None = None, kind: str | None = None) -> list[Item]:
        """Items tagged with the theme, in plan order then reading order."""
        return [
            i for i in self._by_theme.get(theme_id, [])
            if (plan is None or i.plan is plan) and (kind is None or i.kind == kind)
        ]

    @cached_property
    def _theme_counts(self) -> dict[str, dict[str, int]]:
        """Theme ID -> plan ID -> how many of the plan's tasks and boxes carry the theme."""
        counts: dict[str, dict[str, int]] = {}
        for theme_id, items in self._by_theme.items():
            for item in items:
                if item.kind != "indicator":
                    per_plan = counts.setdefault(theme_id, {})
                    per_plan[item.plan["id"]] = per_plan.get(item.plan["id"], 0) + 1
        return counts

    def elsewhere(self, item: Item) -> dict | None:
        """How many tasks and boxes of other plans carry the item's main theme (for links to the theme page).

        Counts, not the items, and for at most ELSEWHERE_SHOWN plans (those with most such items), with the number of
        the others: an item's share of its page stays the same as plans are added."""
        themes = item.data.get("themes")
        if not themes:
            return None
        counts = self._theme_counts.get(themes[0], {})
        others = [(n, plan) for n, plan in enumerate(self.plans) if plan["id"] in counts and plan is not item.plan]
        if not others:
            return None
        shown = sorted(sorted(others, key=lambda pair: -counts[pair[1]["id"]])[:ELSEWHERE_SHOWN], key=lambda pair: pair[0])
        return {"theme": themes[0], "plans": [(plan, counts[plan["id"]]) for _, plan in shown], "more": len(others) - len(shown)}

    def period_years(self) -> tuple[int, int] | None:
        """The base year and target year that every plan shares (2020, 2025), or None where they differ."""
        spans = {(plan["period"]["start"] - 1, plan["period"]["end"]) for plan in self.plans}
        return spans.pop() if len(spans) == 1 else None

    def counts(self, plan: dict) -> dict[str, int]:
        return {k: len(self.plan_items(plan, k)) for k in ("task", "box", "indicator")}


def iter_blocks(plan: dict):
    """Yield (path, chapter, section, block) for every block of a plan, in order."""
    for ci, chapter in enumerate(plan["chapters"]):
        for si, section in enumerate(chapter["sections"]):
            for bi, block in enumerate(section["blocks"]):
                yield ("chapters", ci, "sections", si, "blocks", bi), chapter, section, block
