"""The home page as the way in, in both languages: navigation, search, plans, finder presets, progress, what's new."""
from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from conftest import ROOT
from plansite.load import load_site
from test_finder import count, results

LANGS = ["zh", "en"]


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT)


def prefix(lang: str) -> str:
    return "" if lang == "zh" else "/en"


@pytest.mark.parametrize("lang", LANGS)
def test_navigation_is_visible_and_every_section_is_linked(page, lang):
    home = page("", lang)
    sidebar = home.select_one(".md-sidebar--primary")
    assert sidebar is not None and not sidebar.has_attr("hidden")
    hrefs = {a["href"] for a in home.select("article a[href]")}
    for target in ("finder/", "themes/", "indicators/", "progress/", "sources/", "glossary/", "agencies/", "downloads/"):
        assert target in hrefs, target
    assert {f"plans/{p}/" for p in ("guangzhou", "nansha", "zhuhai", "zhongshan")} <= hrefs


@pytest.mark.parametrize("lang", LANGS)
def test_search_form_submits_to_the_results_page_without_javascript(tab_with, server, lang):
    tab = tab_with(java_script_enabled=False)
    tab.goto(f"{server}{prefix(lang)}/")
    query = "质押融资" if lang == "zh" else "pledge financing"
    tab.fill("form.home-search input[name=q]", query)
    with tab.expect_navigation():
        tab.click("form.home-search button")
    assert unquote(tab.url).replace("+", " ") == f"{server}{prefix(lang)}/search/?q={query}"


@pytest.mark.parametrize("lang", LANGS)
def test_finder_presets_open_the_finder_with_the_number_shown(tab, server, page, lang):
    presets = page("", lang).select("ul.home-presets > li")
    assert len(presets) >= 3
    checked = 0
    for preset in presets:
        links = [(preset.select_one("a.home-preset")["href"], int(preset.select_one(".home-count")["data-count"]))]
        links += [(a["href"], int(a["data-count"])) for a in preset.select(".home-regions a")]
        assert sum(n for _, n in links[1:]) == links[0][1]
        for href, expected in links[:2]:
            tab.goto(f"{server}{prefix(lang)}/{href}")
            assert len(results(tab)) == expected == count(tab), href
            checked += 1
    assert checked >= 6


def test_pledge_financing_for_smes_is_a_preset_in_each_region_that_has_it(page):
    preset = next(li for li in page("", "en").select("ul.home-presets > li") if "pledge financing for SMEs" in li.get_text())
    regions = {a["data-plan"] for a in preset.select(".home-regions a")}
    assert {"guangzhou", "nansha", "zhuhai"} <= regions
    assert all("theme=pledge-financing" in a["href"] and "audience=sme" in a["href"] for a in preset.select("a"))


@pytest.mark.parametrize("lang", LANGS)
def test_whats_new_lists_the_latest_dated_notes_first(site, page, lang):
    news = page("", lang).select("section[aria-labelledby=new] ul.home-news")
    notes, sources = news[0].select("li"), news[1].select("li")
    dates = [li.time["datetime"] for li in notes]
    assert dates == sorted(dates, reverse=True) and len(notes) == min(6, len(site.notes))
    assert dates[0] == max(str(n["date"]) for n in site.notes)
    source_dates = [li.time["datetime"] for li in sources]
    assert source_dates[0] == max(str(s["date"]) for s in site.sources.values())
    for li in notes:
        assert re.fullmatch(r"plans/[a-z-]+/#[a-z]{2,4}-[tb]\d+(-\d+)?", li.a["href"]), li.a["href"]


@pytest.mark.parametrize("lang", LANGS)
def test_progress_summary_counts_every_indicator(site, page, lang):
    total = sum(len(site.plan_items(p, "indicator")) for p in site.plans)
    shown = sum(int(li.select_one(".home-count").get_text()) for li in page("", lang).select("ul.home-statuses li"))
    assert shown == total


@pytest.mark.parametrize("width", [375, 1440])
@pytest.mark.parametrize("lang", LANGS)
def test_home_page_fits_the_screen(tab_with, server, lang, width):
    tab = tab_with(viewport={"width": width, "height": 800}, is_mobile=width < 500)
    tab.goto(f"{server}{prefix(lang)}/")
    tab.wait_for_selector("form.home-search")
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    search_box = tab.locator("form.home-search input").bounding_box()
    first_plan = tab.locator(".home-plans li").first.bounding_box()
    assert overflow <= 0
    assert search_box["y"] < 800 and search_box["width"] > 150  # the search box is on the first screen
    assert first_plan["y"] < (1200 if width < 500 else 800)


def test_a_preset_naming_an_unknown_theme_is_reported_with_file_and_line(site, tmp_path):
    from plansite.home import presets
    from plansite.yamldoc import load_document
    from plansite.problems import DataError

    bad = tmp_path / "home.yaml"
    bad.write_text("presets:\n- filters: {theme: pledge-finance, audience: sme}\n  title: {zh: 标题, en: Title}\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        presets(site, load_document(bad, tmp_path))
    assert str(caught.value) == "home.yaml:2:13: presets[0].filters.theme: unknown theme 'pledge-finance'"
