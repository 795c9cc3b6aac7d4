"""Pages that are light on a phone and still complete: the theme's script loads after the first paint and still
works, the theme's style sheet keeps what the pages use, and nothing is fetched to complete the content."""
from __future__ import annotations

from plansite.stylesheet import Used, purge_css


def test_theme_script_loaded_after_the_page_still_starts(tab, server):
    tab.goto(server + "/en/plans/guangzhou/")
    # Material's script has started (it publishes its document$ stream) and marks the section being read in the
    # table of contents.
    tab.wait_for_function("() => window.document$ !== undefined", timeout=15000)
    tab.evaluate("document.getElementById('gz-s3-2').scrollIntoView()")
    tab.wait_for_selector(".md-nav--secondary .md-nav__link--active", state="attached", timeout=15000)


def test_style_sheet_keeps_rules_for_what_is_used_and_drops_the_rest():
    css = ".a{x:1}.b,.a .c{y:2}.c:not(.gone){z:3}@media (min-width:1px){.gone{q:1}.a{r:1}}@keyframes k{from{a:1}}"
    assert purge_css(css, Used({"a", "c"}, set(), set())) == ".a{x:1}.a .c{y:2}.c:not(.gone){z:3}@media (min-width:1px){.a{r:1}}@keyframes k{from{a:1}}"


def test_style_sheet_drops_rules_for_elements_no_page_has_and_properties_nothing_reads():
    css = (":root{--icon:url(a.svg);--kept:red;--chain:var(--gone);--gone:1px;--script:2px}"
           ".a kbd{x:1}.a p,.a img{y:1}.a:not(img){z:1}.a{color:var(--kept)}")
    used = Used({"a"}, {"p"}, {"--script"})
    assert purge_css(css, used) == ":root{--kept:red;--script:2px}.a p{y:1}.a:not(img){z:1}.a{color:var(--kept)}"


def test_theme_style_sheet_still_styles_the_header_navigation_and_tables(tab_with, server):
    tab = tab_with(viewport={"width": 1440, "height": 900})
    tab.goto(server + "/en/plans/guangzhou/")
    style = tab.evaluate("""() => {
      const css = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
      return {header: css('.md-header', 'position'), headerColour: css('.md-header', 'backgroundColor'),
              sidebar: css('.md-sidebar--primary', 'position'), select: css('.md-select__inner', 'opacity'),
              typeset: css('.md-typeset', 'fontSize')};
    }""")
    assert style["header"] == "sticky" and style["headerColour"] != "rgba(0, 0, 0, 0)"
    assert style["sidebar"] == "sticky" and style["select"] == "0"
    assert style["typeset"] == "16px"


def test_content_is_in_the_html_without_javascript(page):
    """Secondary material is compact or lazily laid out, never fetched: every item keeps its cite box and, on
    English pages, its Chinese original."""
    html = page("plans/guangzhou", "en")
    items = html.select("h4.task-heading")
    for heading in items:
        body = heading.find_next_sibling("div")
        assert body.select_one("details.cite p") and body.select_one("details.zh-original div[lang=zh-Hans]"), heading["id"]
    assert len(items) == 50


def test_theme_style_sheet_keeps_the_states_its_script_sets(tab_with, server):
    # Classes Material's script adds at run time are not in the HTML; the cut style sheet must keep their rules.
    tab = tab_with(viewport={"width": 1440, "height": 900})
    tab.goto(server + "/en/plans/guangzhou/")
    tab.wait_for_selector("html.js")
    tab.mouse.wheel(0, 6000)
    tab.wait_for_selector(".md-nav--secondary .md-nav__link--passed")
    # the site's name gives way to the page's title in the header (after a transition)
    tab.wait_for_function("() => getComputedStyle(document.querySelector('.md-header__title--active .md-header__topic')).opacity === '0'")
    colours = tab.evaluate("""() => {
      const colour = el => getComputedStyle(el).color;
      const toc = document.querySelector('.md-nav--secondary');
      return {passed: colour(toc.querySelector('.md-nav__link--passed')), ahead: colour([...toc.querySelectorAll('.md-nav__link')].pop())};
    }""")
    assert colours["passed"] != colours["ahead"]  # read sections are greyed (toc.follow)
