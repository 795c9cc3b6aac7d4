"""Themes cross-link the plans: every item shows its themes, and each theme page lists exactly the items showing it."""
from __future__ import annotations

import functools

import pytest
from plansite.load import load_site
from plansite.problems import DataError

from conftest import PLAN_FACTS, copy_project, drop_tag_list


def theme_of(link) -> str:
    return link["href"].rstrip("/").split("/")[-1]


@functools.cache
def _chips(page, lang: str) -> dict[str, dict]:
    found = {}
    for plan in PLAN_FACTS:
        html = page(f"plans/{plan}", lang)
        shown = [(h["id"], "task", h.find_next_sibling("div").select(".item-themes ul.chips a")) for h in html.select("h4.task-heading")]
        shown += [(b.select_one("h4.box-title")["id"], "box", b.select(".item-themes ul.chips a")) for b in html.select("aside.box")]
        shown += [(tr["id"], "indicator", tr.select(".row-themes a.chip")) for tr in html.select("tr.indicator-row[id]")]
        for anchor, kind, chips in shown:
            found[anchor] = {"plan": plan, "kind": kind, "chips": chips, "themes": [theme_of(a) for a in chips]}
    return found


def chips_on_plan_pages(page, lang: str) -> dict[str, dict]:
    """Every task, box and indicator as its plan page shows it: anchor -> plan, kind and the themes of its chips."""
    return _chips(page, lang)


def themes_listed(page, lang: str) -> list[str]:
    return [theme_of(a) for a in page("themes", lang).select(".theme-matrix tbody tr > :first-child a")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_item_shows_one_to_four_themes(page, lang):
    items = chips_on_plan_pages(page, lang)
    assert len(items) == sum(f["tasks"] + f["boxes"] + len(f["indicators"]) for f in PLAN_FACTS.values())
    known = set(themes_listed(page, lang))
    for anchor, item in items.items():
        assert 1 <= len(item["themes"]) <= 4 and len(set(item["themes"])) == len(item["themes"]), anchor
        assert "chip-main" in item["chips"][0]["class"] and not any("chip-main" in a["class"] for a in item["chips"][1:]), anchor
        assert set(item["themes"]) <= known, anchor


def test_an_item_without_theme_fails_the_build(tmp_path):
    copy_project(tmp_path)  # data/ and the hand-written pages (published addresses)
    drop_tag_list(tmp_path / "data/plans/zhongshan.yaml", "zs-t1-2", "themes")
    with pytest.raises(DataError) as caught:
        load_site(tmp_path)
    assert "task 'zs-t1-2' has no theme" in str(caught.value)


def test_unknown_theme_suggests_the_closest(tmp_path):
    copy_project(tmp_path)  # data/ and the hand-written pages (published addresses)
    plan = tmp_path / "data/plans/nansha.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("- pledge-financing\n", "- pledge-finance\n", 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site(tmp_path)
    assert "unknown themes ID 'pledge-finance' (did you mean 'pledge-financing'?)" in str(caught.value)


def test_themes_are_few_enough_to_scan_and_each_links_two_plans_or_more(page):
    themes = themes_listed(page, "zh")
    assert 20 <= len(themes) <= 30
    assert {"pledge-financing", "overseas-protection", "patent-navigation"} <= set(themes)
    items = chips_on_plan_pages(page, "zh")
    for theme_id in themes:
        plans = {item["plan"] for item in items.values() if theme_id in item["themes"]}
        assert len(plans) >= 2, f"{theme_id} only in {plans}: remove or merge it"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_theme_pages_list_exactly_the_items_showing_the_theme(page, lang):
    items = chips_on_plan_pages(page, lang)
    for theme_id in themes_listed(page, lang):
        html = page(f"themes/{theme_id}", lang)
        listed = [a["href"].split("#")[1] for a in html.select("article li > a[href*='#']") if "/plans/" in a["href"]]
        showing = [anchor for anchor, item in items.items() if theme_id in item["themes"]]
        assert len(listed) == len(set(listed)) and set(listed) == set(showing), theme_id


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_theme_matrix_counts_the_items_showing_each_theme(page, lang):
    items = chips_on_plan_pages(page, lang)
    for row in page("themes", lang).select(".theme-matrix tbody tr"):
        theme_id = theme_of(row.select_one(":scope > :first-child a"))
        showing = [item["plan"] for item in items.values() if theme_id in item["themes"]]
        counts = {a["href"].split("#")[1]: int(a.get_text()) for a in row.select("td a[href*='#']")}
        assert counts == {plan: showing.count(plan) for plan in set(showing)}, theme_id
        assert all(a["href"].startswith(f"{theme_id}/#") for a in row.select("td a[href*='#']")), theme_id
        assert int(row.select("td")[-1].get_text()) == len(showing), theme_id


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pledge_financing_reaches_every_other_plan_in_one_click(page, lang):
    """From a task, its theme's items in each other plan are one click away: the theme page's section of that plan,
    with as many items as the plan pages show that theme's chip on."""
    task = page("plans/nansha", lang).find(id="ns-t13").find_next_sibling("div")
    chips = [a["href"] for a in task.select(".item-themes ul.chips a")]
    assert chips[0] == "../../themes/pledge-financing/"
    links = {a["href"]: a.get_text() for a in task.select("p.related a") if a["href"].startswith("../../themes/pledge-financing/#")}
    showing = [item["plan"] for item in chips_on_plan_pages(page, lang).values()
               if "pledge-financing" in item["themes"] and item["plan"] != "nansha" and item["kind"] != "indicator"]
    assert set(links) == {f"../../themes/pledge-financing/#{plan}" for plan in set(showing)}
    assert {href.split("#")[1] for href in links} == {"guangzhou", "zhuhai", "zhongshan"}
    for href, text in links.items():
        count = showing.count(href.split("#")[1])
        assert text.endswith(f"（{count}）" if lang == "zh" else f"({count})"), text
    theme_page = page("themes/pledge-financing", lang)
    assert all(theme_page.find(id=href.split("#")[1]) for href in links)
