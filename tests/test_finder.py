"""The support finder in Chromium: filters, counts in both languages, shareable state, back/forward, no-JS list."""
from __future__ import annotations

import re

import pytest

from conftest import PLAN_FACTS

CJK = re.compile(r"[\u3400-\u9fff]")


def results(tab) -> list[str]:
    tab.wait_for_selector("#finder-count:not(:empty)")
    return tab.eval_on_selector_all("#finder-results li[data-id]", "els => els.map(e => e.dataset.id)")


def count(tab) -> int:
    text = tab.inner_text("#finder-count")
    digits = re.findall(r"\d+", text)
    return int(digits[0]) if digits else 0


@pytest.mark.outside_requests
def test_sme_overseas_protection_in_zhuhai(tab, server):
    tab.goto(f"{server}/finder/")
    tab.select_option("#finder-audience", "sme")
    tab.select_option("#finder-theme", "overseas-protection")
    tab.select_option("#finder-plan", "zhuhai")
    found = results(tab)
    assert "zh-b2" in found and "zh-t5" in found
    assert all(i.startswith("zh-") for i in found)
    assert "知识产权海外护航工程" in tab.inner_text("li[data-id='zh-b2']")
    tab.wait_for_url(lambda url: all(p in url for p in ("plan=zhuhai", "theme=overseas-protection", "audience=sme")))
    assert not tab.outside_requests


def test_a_choice_made_while_the_data_loads_is_kept(tab, server):
    """A keyboard reader can change a filter before the finder's data has arrived: the choice is not reset to the
    address's (it was, and the list ignored it)."""
    held = []
    tab.route("**/data/finder.json", lambda route: held.append(route))
    tab.goto(f"{server}/finder/?theme=overseas-protection")
    tab.wait_for_function("() => window.finderFilters")  # the script is running, its data not yet here
    tab.select_option("#finder-audience", "sme")
    assert held
    held[0].continue_()
    tab.wait_for_url(lambda url: "audience=sme" in url and "theme=overseas-protection" in url)
    found = results(tab)
    assert found and "zh-b2" in found
    assert tab.input_value("#finder-audience") == "sme" and tab.input_value("#finder-theme") == "overseas-protection"


def test_pledge_financing_in_all_regions(tab, server):
    tab.goto(f"{server}/finder/?theme=pledge-financing")
    found = results(tab)
    assert {"ns-t13", "gz-t27"} <= set(found)
    assert {i.split("-")[0] for i in found} == {"gz", "ns", "zh", "zs"}
    assert count(tab) == len(found)
    lead = tab.inner_text("li[data-id='gz-t27'] .finder-agency")
    assert lead.startswith("牵头单位") and "市市场监管局" in lead


@pytest.mark.parametrize("query", ["theme=pledge-financing", "audience=sme&support=financing", "plan=guangzhou&support=rights-protection", ""])
def test_english_page_same_counts_with_english_titles(tab, server, query):
    tab.goto(f"{server}/finder/?{query}")
    zh = results(tab)
    tab.goto(f"{server}/en/finder/?{query}")
    en = results(tab)
    assert en == zh
    titles = tab.eval_on_selector_all("#finder-results li[data-id] > a", "els => els.map(e => e.textContent)")
    assert titles and not any(CJK.search(t) for t in titles)


def test_order_is_plan_then_number_and_grouping(tab, server):
    tab.goto(f"{server}/en/finder/?support=financing")
    found = results(tab)
    plans = [i.split("-")[0] for i in found]
    assert plans == sorted(plans, key=["gz", "ns", "zh", "zs"].index)
    tab.check("input[name=group]")
    tab.wait_for_selector("#finder-results section.finder-group")
    groups = tab.eval_on_selector_all("#finder-results section.finder-group", "els => els.map(e => e.dataset.plan)")
    assert groups == sorted(groups, key=["guangzhou", "nansha", "zhuhai", "zhongshan"].index)
    assert "group=1" in tab.url
    assert results(tab) == found


def test_back_and_forward_restore_the_filters(tab, server):
    tab.goto(f"{server}/finder/")
    total = len(results(tab))
    tab.select_option("#finder-theme", "ip-insurance")
    insurance = results(tab)
    tab.select_option("#finder-plan", "guangzhou")
    both = results(tab)
    assert len(both) < len(insurance) < total
    tab.go_back()
    assert tab.input_value("#finder-plan") == "" and results(tab) == insurance
    tab.go_back()
    assert tab.input_value("#finder-theme") == "" and len(results(tab)) == total
    tab.go_forward()
    assert results(tab) == insurance


def test_keyboard_only(tab, server):
    tab.goto(f"{server}/en/finder/")
    results(tab)
    tab.focus("#finder-plan")
    for _ in range(2):
        tab.keyboard.press("ArrowDown")
    assert tab.input_value("#finder-plan") != ""
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.id") == "finder-theme"
    for select in ("plan", "theme", "audience", "support"):
        assert tab.locator(f"label[for='finder-{select}']").count() == 1
    assert tab.get_attribute("#finder-count", "aria-live") == "polite"


def test_without_javascript_every_item_is_listed(browser, server, site_dir):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{server}/finder/")
    listed = tab.eval_on_selector_all("#finder-results li[data-id]", "els => els.map(e => e.dataset.id)")
    groups = tab.eval_on_selector_all("#finder-results section.finder-group", "els => els.map(e => e.dataset.plan)")
    context.close()
    assert len(listed) == sum(f["tasks"] + f["boxes"] for f in PLAN_FACTS.values()) and groups == ["guangzhou", "nansha", "zhuhai", "zhongshan"]


def test_no_result_advice_names_each_filter_to_drop_on_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    tab = context.new_page()
    query = {"plan": "zhuhai", "theme": "fairs-ecommerce", "audience": "universities-research"}
    tab.goto(f"{server}/finder/?" + "&".join(f"{k}={v}" for k, v in query.items()))
    tab.wait_for_selector("#finder-advice li")
    assert results(tab) == []
    advice = tab.eval_on_selector_all("#finder-advice li", "els => els.map(e => [e.dataset.drop, +e.dataset.count, e.textContent])")
    assert sorted(key for key, _, _ in advice[:-1]) == sorted(query) and advice[-1][0] == "all"
    assert tab.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert tab.locator("#finder-advice").bounding_box()["width"] <= 390
    offered = [(key, n) for key, n, _ in advice if n]
    assert offered, advice
    for key, n in offered:
        tab.click(f"#finder-advice li[data-drop='{key}'] a")
        tab.wait_for_function("document.querySelectorAll('#finder-advice li').length === 0")
        assert len(results(tab)) == n == count(tab), key
        kept = {k: v for k, v in query.items() if k != key} if key != "all" else {}
        assert all(f"{k}={v}" in tab.url for k, v in kept.items()) and (key == "all" or f"{key}=" not in tab.url)
        assert all(tab.input_value(f"#finder-{k}") == kept.get(k, "") for k in query)
        tab.go_back()
        tab.wait_for_selector("#finder-advice li")
    context.close()


def test_the_three_counts_of_a_theme_agree_or_say_why(page, tab, server):
    theme = page("themes/pledge-financing", "en").select_one("p.theme-counts")
    on_theme_page, indicators = int(theme["data-items"]), int(theme["data-indicators"])
    tab.goto(f"{server}/en/finder/?theme=pledge-financing")
    assert len(results(tab)) == on_theme_page == count(tab)
    assert f"{indicators} indicators" in tab.inner_text("#finder-count")  # what the finder leaves out, said there
    preset = next(li for li in page("", "en").select("ul.home-presets > li") if "theme=pledge-financing" in li.a["href"])
    shown = int(preset.select_one(".home-count")["data-count"])
    why = preset.select_one(".home-count-why")
    assert shown < on_theme_page and int(why["data-total"]) == on_theme_page and str(on_theme_page) in why.get_text()
    tab.goto(f"{server}/en/{preset.a['href']}")
    assert len(results(tab)) == shown == count(tab)


def test_each_result_says_where_to_go_in_its_region(tab, server):
    tab.goto(f"{server}/finder/?plan=nansha")
    found = results(tab)
    links = tab.eval_on_selector_all("#finder-results li[data-id]", "els => els.map(e => [...e.querySelectorAll('.finder-where a')].map(a => a.getAttribute('href')))")
    assert len(links) == len(found) and all(links)
    assert all("/services/nansha/" in href for hrefs in links for href in hrefs)
