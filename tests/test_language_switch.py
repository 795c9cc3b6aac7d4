"""In Chromium: switching language keeps the reader's place (anchor, scrolled-to heading, search and finder query)."""
from __future__ import annotations

from urllib.parse import unquote

import pytest


HTML_LANG = {"zh-Hans": "zh-Hans", "zh-Hant": "zh-Hant-HK", "en": "en"}  # the menu's hreflang -> the page's lang


def switch(tab, hreflang: str) -> str:
    tab.hover(".md-header__option .md-select")
    with tab.expect_navigation():
        tab.click(f"a.md-select__link[hreflang='{hreflang}']")
    tab.wait_for_load_state()
    return unquote(tab.url)


@pytest.mark.parametrize("path, hreflang, expected", [
    ("/plans/guangzhou/#gz-t27", "en", "/en/plans/guangzhou/#gz-t27"),
    ("/plans/guangzhou/#gz-t27", "zh-Hant", "/zh-hant/plans/guangzhou/#gz-t27"),
    ("/zh-hant/plans/zhuhai/#zh-b7", "en", "/en/plans/zhuhai/#zh-b7"),
    ("/en/plans/nansha/#ns-i3", "zh-Hans", "/plans/nansha/#ns-i3"),
    ("/en/plans/nansha/#ns-i3", "zh-Hant", "/zh-hant/plans/nansha/#ns-i3"),
    ("/search/?q=质押融资", "en", "/en/search/?q=质押融资"),
    ("/search/?q=质押融资", "zh-Hant", "/zh-hant/search/?q=质押融资"),
    ("/zh-hant/search/?q=專利導航&plan=1", "zh-Hans", "/search/?q=專利導航&plan=1"),
    ("/en/finder/?theme=pledge-financing&audience=sme", "zh-Hans", "/finder/?theme=pledge-financing&audience=sme"),
    ("/finder/?theme=pledge-financing&audience=sme", "zh-Hant", "/zh-hant/finder/?theme=pledge-financing&audience=sme"),
])
def test_switching_language_keeps_anchor_and_query(tab, server, path, hreflang, expected):
    tab.goto(server + path)
    assert switch(tab, hreflang) == server + expected
    assert tab.locator("html").get_attribute("lang") == HTML_LANG[hreflang]


def test_switching_language_keeps_the_heading_scrolled_to(tab, server):
    """A reader who scrolled to task 27 without following a link lands on task 27 in the other language."""
    tab.goto(server + "/plans/guangzhou/")
    tab.hover(".md-header__option .md-select")  # the pointer on the language menu first, which opens it
    # The tasks above are laid out only as they come near (content-visibility), which can move task 27 after the
    # scroll, at the next frames: scroll again until it has stayed where it was put for ten frames in a row (checked
    # after each frame, not on a timer, which on a busy machine can fire before the layout it waits for), as it does
    # for a reader who stops to read it. Then only the click is left between the place and the switch (with the
    # hover after the scroll, one run of the suite on a busy machine landed on task 26).
    tab.wait_for_function("""() => {
      const t = document.getElementById('gz-t27'), top = t.getBoundingClientRect().top;
      if (window.placed !== undefined && Math.abs(top - window.placed) < 1) return ++window.still >= 10;
      t.scrollIntoView({block: 'start'});
      window.placed = t.getBoundingClientRect().top;
      window.still = 0;
      return false;
    }""", polling="raf")
    with tab.expect_navigation():
        tab.click("a.md-select__link[hreflang='en']")
    assert unquote(tab.url) == server + "/en/plans/guangzhou/#gz-t27"
    top = tab.evaluate("document.getElementById('gz-t27').getBoundingClientRect().top")
    assert 0 <= top < 200


def test_plain_link_without_javascript_opens_the_other_language(tab_with, server):
    tab = tab_with(java_script_enabled=False)
    tab.goto(server + "/en/plans/guangzhou/#gz-t27")
    href = tab.get_attribute("a.md-select__link[hreflang='zh-Hans']", "href")
    tab.goto(server + "/en/plans/guangzhou/" + href)
    assert tab.url == server + "/plans/guangzhou/"
