"""Themes cross-link the plans: every item tagged, every theme in two plans or more, pages list exactly the tagged items."""
from __future__ import annotations

import shutil

import pytest
from plansite.data import load_site
from plansite.problems import DataError

from conftest import ROOT


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT)


def test_every_item_of_every_plan_has_a_theme(site):
    untagged = [i.id for i in site.items.values() if not i.data.get("themes")]
    assert untagged == []
    assert all(1 <= len(i.data["themes"]) <= 4 for i in site.items.values())


def test_an_item_without_theme_fails_the_build(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    plan = tmp_path / "data/plans/zhongshan.yaml"
    lines = plan.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(n for n, line in enumerate(lines) if "id: zs-t1-2" in line)
    themes = next(n for n in range(start, len(lines)) if lines[n].strip() == "themes:")
    end = themes + 1
    while lines[end].lstrip().startswith("- "):
        end += 1
    plan.write_text("".join(lines[:themes] + lines[end:]), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site(tmp_path)
    assert "task 'zs-t1-2' has no theme" in str(caught.value)


def test_unknown_theme_suggests_the_closest(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    plan = tmp_path / "data/plans/nansha.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("- pledge-financing\n", "- pledge-finance\n", 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site(tmp_path)
    assert "unknown themes ID 'pledge-finance' (did you mean 'pledge-financing'?)" in str(caught.value)


def test_every_theme_links_at_least_two_plans(site):
    for theme_id in site.themes:
        plans = {i.plan["id"] for i in site.theme_items(theme_id)}
        assert len(plans) >= 2, f"{theme_id} only in {plans}: remove or merge it"


def test_theme_count_is_useful(site):
    assert 20 <= len(site.themes) <= 30
    for required in ("pledge-financing", "overseas-protection", "patent-navigation"):
        assert required in site.themes


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_theme_pages_list_exactly_the_tagged_items(site, page, lang):
    for theme_id in site.themes:
        html = page(f"themes/{theme_id}", lang)
        listed = {a["href"].split("#")[1] for a in html.select("article li > a[href*='#']") if "/plans/" in a["href"]}
        tagged = {i.id for i in site.theme_items(theme_id)}
        assert listed == tagged, theme_id


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_theme_matrix_counts_link_to_the_plan_sections(site, page, lang):
    html = page("themes", lang)
    for theme_id in ("pledge-financing", "overseas-protection"):
        row = html.find("a", href=f"{theme_id}/").find_parent("tr")
        for link in [a for a in row.select("td a") if "#" in a["href"]]:
            plan_id = link["href"].split("#")[1]
            plan = next(p for p in site.plans if p["id"] == plan_id)
            assert int(link.get_text()) == len(site.theme_items(theme_id, plan))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pledge_financing_reaches_every_other_plan_in_one_click(site, page, lang):
    """From a task, its theme's items in each other plan are one click away (the theme page's section of that plan)."""
    task = page("plans/nansha", lang).find(id="ns-t13").find_next_sibling("div")
    chips = [a["href"] for a in task.select(".item-themes ul.chips a")]
    assert chips[0] == "../../themes/pledge-financing/"
    links = {a["href"]: a.get_text() for a in task.select("p.related a") if a["href"].startswith("../../themes/pledge-financing/#")}
    plans = {p["id"]: p for p in site.plans}
    expected = {f"../../themes/pledge-financing/#{plan_id}" for plan_id in ("guangzhou", "zhuhai", "zhongshan")}
    assert set(links) == expected
    for href, text in links.items():
        items = [i for i in site.theme_items("pledge-financing", plans[href.split("#")[1]]) if i.kind != "indicator"]
        assert text.endswith(f"（{len(items)}）" if lang == "zh" else f"({len(items)})"), text
    theme_page = page("themes/pledge-financing", lang)
    assert all(theme_page.find(id=href.split("#")[1]) for href in links)
