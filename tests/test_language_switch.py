"""In Chromium: switching language keeps the reader's place (anchor, scrolled-to heading, search and finder query)."""
from __future__ import annotations

from urllib.parse import unquote

import pytest


def switch(tab, lang: str) -> str:
    tab.hover(".md-header__option .md-select")
    with tab.expect_navigation():
        tab.click(f"a.md-select__link[hreflang='{lang}']")
    tab.wait_for_load_state()
    return unquote(tab.url)


@pytest.mark.parametrize("path, lang, expected", [
    ("/plans/guangzhou/#gz-t27", "en", "/en/plans/guangzhou/#gz-t27"),
    ("/en/plans/nansha/#ns-i3", "zh", "/plans/nansha/#ns-i3"),
    ("/search/?q=质押融资", "en", "/en/search/?q=质押融资"),
    ("/en/finder/?theme=pledge-financing&audience=sme", "zh", "/finder/?theme=pledge-financing&audience=sme"),
])
def test_switching_language_keeps_anchor_and_query(tab, server, path, lang, expected):
    tab.goto(server + path)
    assert switch(tab, lang) == server + expected
    assert tab.locator("html").get_attribute("lang") == ("en" if lang == "en" else "zh-Hans")


def test_switching_language_keeps_the_heading_scrolled_to(tab, server):
    """A reader who scrolled to task 27 without following a link lands on task 27 in the other language."""
    tab.goto(server + "/plans/guangzhou/")
    tab.locator("#gz-t27").scroll_into_view_if_needed()
    tab.evaluate("document.getElementById('gz-t27').scrollIntoView({block: 'start'})")
    assert switch(tab, "en") == server + "/en/plans/guangzhou/#gz-t27"
    top = tab.evaluate("document.getElementById('gz-t27').getBoundingClientRect().top")
    assert 0 <= top < 200


def test_plain_link_without_javascript_opens_the_other_language(browser, server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(server + "/en/plans/guangzhou/#gz-t27")
    href = tab.get_attribute("a.md-select__link[hreflang='zh']", "href")
    tab.goto(server + "/en/plans/guangzhou/" + href)
    assert tab.url == server + "/plans/guangzhou/"
    context.close()
