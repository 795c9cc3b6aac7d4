"""In Chromium, as a reader uses the site: search in both languages, the language switcher, no outside requests."""
from __future__ import annotations

import re

import pytest

from conftest import serve_directory

CJK = re.compile(r"[\u3400-\u9fff]")


def search(tab, server, lang: str, query: str) -> list[tuple[str, str]]:
    prefix = "" if lang == "zh" else "/en"
    tab.goto(f"{server}{prefix}/search/?q={query}")
    tab.wait_for_selector(".search-results li", timeout=15000)
    tab.wait_for_load_state("networkidle")
    links = tab.eval_on_selector_all(".search-results a", "els => els.map(e => [e.textContent.trim(), e.getAttribute('href')])")
    return [(text, href) for text, href in links]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("质押融资", "/plans/nansha/#ns-t13"),
        ("海外维权", "/plans/zhuhai/#zh-b2"),
        ("专利导航", "/plans/nansha/#ns-t14"),
        ("技术调查官", "/plans/nansha/#ns-t9"),
        ("数据知识产权", "/plans/nansha/#ns-t3"),
    ],
)
def test_chinese_search_finds_the_task(tab, server, query, expected):
    results = search(tab, server, "zh", query)
    hrefs = [href for _, href in results]
    assert expected in hrefs, results
    assert all(not href.startswith("/en/") for href in hrefs)
    assert not tab.outside_requests


@pytest.mark.parametrize(
    "query, expected",
    [
        ("pledge financing", "/en/plans/nansha/#ns-t13"),
        ("patent navigation", "/en/plans/nansha/#ns-t14"),
        ("overseas rights protection", "/en/plans/nansha/#ns-t10"),
    ],
)
def test_english_search_finds_english_sections(tab, server, query, expected):
    results = search(tab, server, "en", query)
    assert expected in [href for _, href in results], results
    for text, href in results:
        assert href.startswith("/en/"), href
        assert not CJK.search(text), text
    assert not tab.outside_requests


@pytest.mark.parametrize("path", ["/plans/nansha/", "/about/", "/"])
def test_language_switcher_keeps_the_page(tab, server, path):
    tab.goto(server + path)
    tab.hover(".md-header__option .md-select")
    tab.click("a.md-select__link[hreflang='en']")
    tab.wait_for_load_state()
    assert tab.url == server + "/en" + path
    assert tab.locator("html").get_attribute("lang") == "en"
    tab.hover(".md-header__option .md-select")
    tab.click("a.md-select__link[hreflang='zh']")
    tab.wait_for_load_state()
    assert tab.url == server + path
    assert tab.locator("html").get_attribute("lang") == "zh-Hans"


@pytest.mark.parametrize("path", ["/", "/plans/guangzhou/", "/en/plans/nansha/", "/en/search/?q=insurance", "/search/?q=保险", "/about/", "/themes/pledge-financing/", "/en/finder/?audience=sme", "/indicators/", "/en/progress/", "/downloads/", "/en/agencies/gz-amr/"])
def test_no_request_leaves_the_origin(tab, server, path):
    tab.goto(server + path)
    tab.wait_for_load_state("networkidle")
    assert tab.outside_requests == []


def test_phone_width_has_no_horizontal_scroll(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True)
    tab = context.new_page()
    for path in ("/plans/guangzhou/", "/en/plans/guangzhou/", "/en/plans/nansha/", "/"):
        tab.goto(server + path)
        # Wide content (tables) may scroll inside its own box; nothing in the page body may stick out.
        wide = tab.evaluate("""() => {
          const width = document.documentElement.clientWidth;
          return [...document.querySelectorAll('.md-main *')]
            .filter(e => !e.closest('.indicator-table, .plans-table') && e.getBoundingClientRect().right > width + 0.5)
            .map(e => e.tagName + '.' + e.className).slice(0, 5);
        }""")
        assert wide == [], f"{path}: {wide}"
    context.close()


@pytest.fixture(scope="module")
def subpath_server(site_dir, tmp_path_factory):
    """The built site served from a sub-path (/ipplans/), as on GitHub Pages or object storage."""
    root = tmp_path_factory.mktemp("subpath")
    (root / "ipplans").symlink_to(site_dir)
    with serve_directory(root) as base:
        yield base + "/ipplans"


@pytest.mark.parametrize("path", ["/", "/en/plans/guangzhou/", "/themes/", "/en/finder/?theme=pledge-financing", "/downloads/"])
def test_site_works_from_a_sub_path(browser, subpath_server, path):
    context = browser.new_context()
    tab = context.new_page()
    failed = []
    tab.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    tab.goto(subpath_server + path)
    tab.wait_for_load_state("networkidle")
    links = tab.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    context.close()
    assert failed == []
    assert all(link.startswith(subpath_server) for link in links if link.startswith("http://127.0.0.1"))


def test_search_works_from_a_sub_path(browser, subpath_server):
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(subpath_server + "/search/?q=质押融资")
    tab.wait_for_selector(".search-results li", timeout=15000)
    hrefs = tab.eval_on_selector_all(".search-results a", "els => els.map(e => e.href)")
    context.close()
    assert any(h.startswith(subpath_server + "/plans/nansha/") for h in hrefs), hrefs[:5]
