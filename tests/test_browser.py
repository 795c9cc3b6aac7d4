"""In Chromium, as a reader uses the site: the language switcher, sub-path hosting, no outside requests (search: test_search.py)."""
from __future__ import annotations

import re

import pytest

from conftest import open_page, serve_directory

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.mark.parametrize("path", ["/plans/nansha/", "/about/", "/"])
def test_language_switcher_keeps_the_page(tab, server, path):
    """Round the three editions from the menu: Traditional, English, Simplified, each at the same page. The link
    may carry the anchor of the heading the reader is at (languages.js); opened right after a page loads, it has
    carried the page title's (#ns-document-title), still the same page."""
    tab.goto(server + path)
    for hreflang, prefix, html_lang in (("zh-Hant", "/zh-hant", "zh-Hant-HK"), ("en", "/en", "en"), ("zh-Hans", "", "zh-Hans")):
        tab.hover(".md-header__option .md-select")
        tab.click(f"a.md-select__link[hreflang='{hreflang}']")
        tab.wait_for_url(re.compile(re.escape(server + prefix + path) + r"(#[\w-]+)?$"))
        assert tab.locator("html").get_attribute("lang") == html_lang


@pytest.mark.outside_requests
@pytest.mark.parametrize("path", ["/", "/plans/guangzhou/", "/zh-hant/plans/guangzhou/", "/zh-hant/search/?q=質押融資", "/en/plans/nansha/", "/en/search/?q=insurance", "/search/?q=保险", "/about/", "/themes/pledge-financing/", "/en/finder/?audience=sme", "/indicators/", "/en/progress/", "/downloads/", "/en/agencies/gz-amr/"])
def test_no_request_leaves_the_origin(tab, server, path):
    open_page(tab, server + path)
    assert tab.outside_requests == []


def test_phone_width_has_no_horizontal_scroll(tab_with, server):
    tab = tab_with(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True)
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


@pytest.fixture(scope="module")
def subpath_server(site_dir, tmp_path_factory):
    """The built site served from a sub-path (/ipplans/), as on GitHub Pages or object storage."""
    root = tmp_path_factory.mktemp("subpath")
    (root / "ipplans").symlink_to(site_dir)
    with serve_directory(root) as base:
        yield base + "/ipplans"


@pytest.mark.parametrize("path", ["/", "/en/plans/guangzhou/", "/themes/", "/en/finder/?theme=pledge-financing", "/downloads/"])
def test_site_works_from_a_sub_path(tab, subpath_server, path):
    failed = []
    tab.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    open_page(tab, subpath_server + path)
    links = tab.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    assert failed == []
    assert all(link.startswith(subpath_server) for link in links if link.startswith("http://127.0.0.1"))


def test_search_works_from_a_sub_path(tab, subpath_server):
    tab.goto(subpath_server + "/search/?q=质押融资")
    tab.wait_for_selector(".search-page[data-state=done]", timeout=15000)
    hrefs = tab.eval_on_selector_all("[data-search-result] a", "els => els.map(e => e.href)")
    assert any(h.startswith(subpath_server + "/plans/nansha/") for h in hrefs), hrefs[:5]
