"""Indicators across plans and over time, for the pages: the members of a shared concept, their bar charts, and the
trajectory of one indicator quantity."""
from __future__ import annotations

from . import tracking
from .charts import bar_chart, trajectory_chart
from .identity import plain
from .markup import number
from .model import Item, Site
from .strings import s


def _short(value: float) -> str:
    """A computed figure to at most two decimals: 6.29, 59.1, 9."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def caution_text(t: tracking.Tracked, lang: str) -> str:
    """The caution rule's statement about one figure it flags (progress.py): how far the figure went against what
    the plan expected."""
    obs, measure, ratio = t.observation, t.measure, f"{t.assessment.ratio:.1f}"
    if t.item.data.get("kind") == "growth-rate":
        stated = s("caution_growth", lang).format(value=number(obs["value"]), target=number(measure["target"]), ratio=ratio)
    else:
        change = obs["value"] - measure["baseline"]
        stated = s("caution_level", lang).format(
            change=_short(abs(change)), direction=s("caution_up" if change >= 0 else "caution_down", lang),
            expected=_short(t.assessment.expected - measure["baseline"]), ratio=ratio)
    return stated + s("word_sep", lang) + s("caution_why", lang)


def concept_members(site: Site, concept: dict) -> list[dict]:
    """The indicator quantities of a concept, in plan order, each with its latest observation."""
    rank = {plan["id"]: n for n, plan in enumerate(site.plans)}
    out = []
    for member in concept["members"]:
        item = site.items[member["indicator"]]
        index = member.get("measure", 0)
        rows = [t for t in tracking.tracked(site, item) if t.observation.get("measure", 0) == index]
        out.append({"item": item, "measure": item.data["measures"][index], "latest": rows[-1] if rows else None})
    return sorted(out, key=lambda m: rank[m["item"].plan["id"]])


def _years(members: list[dict], end: str) -> str:
    """The base year(s) or target year(s) of the members' plans, for a chart's legend."""
    years = sorted({m["item"].plan["period"]["start"] - 1 if end == "start" else m["item"].plan["period"]["end"] for m in members})
    return "/".join(map(str, years))


def _latest_value(member: dict) -> float | None:
    """The latest observed value of a member, when it is in the measure's own unit (an observation in another unit
    names it, and is not drawn on the measure's scale)."""
    latest = member["latest"]
    if latest is None or "unit" in latest.observation:
        return None
    return latest.observation["value"]


def chart_groups(concept: dict, members: list[dict], lang: str) -> list[dict]:
    """One bar chart per unit among the level (not growth-rate) members of a concept."""
    groups: dict[str, list[dict]] = {}
    for m in members:
        if m["item"].data.get("kind") == "growth-rate":
            continue
        groups.setdefault(m["measure"]["unit"]["en"], []).append(m)
    out = []
    for n, group in enumerate(groups.values(), start=1):
        paren = lambda text: f"{s('open_paren', lang)}{text}{s('close_paren', lang)}"
        labels = {"baseline": s("baseline", lang) + paren(_years(group, "start")), "target": s("target", lang) + paren(_years(group, "end")),
                  "latest": s("latest", lang), "missing": s("not_published", lang)}
        rows = [{"label": plain(m["item"].plan["short_title"], lang), "baseline": m["measure"]["baseline"], "target": m["measure"]["target"],
                 "latest": _latest_value(m), "latest_note": m["latest"].observation["date"][:4] if m["latest"] else ""} for m in group]
        out.append({"unit": group[0]["measure"]["unit"], "svg": bar_chart(rows, f"{concept['id']}-chart-{n}", labels)})
    return out


def trajectory(site: Site, item: Item, index: int, lang: str) -> str:
    """The inline SVG trajectory of one indicator quantity: path, observations and other areas' figures."""
    measure = item.data["measures"][index]
    points = [(tracking.year_of(t.observation["date"]), t.observation["value"], number(t.observation["value"])) for t in tracking.tracked(site, item, index)]
    series: dict[str, list] = {}
    for c in tracking.context_for(site, item, index):
        if c["relation"] == "other-area" and c.get("chart", True):
            series.setdefault(c["area"][lang], []).append((tracking.year_of(c["date"]), c["value"]))
    return trajectory_chart(
        f"traj-{item.id}-{index}", item.plan["period"]["start"] - 1, item.plan["period"]["end"],
        measure["baseline"], measure["target"], item.data.get("kind") == "growth-rate",
        points, list(series.items()), {"target": s("target", lang)},
    )
