"""In Chromium, as a reader with a keyboard or a phone uses the site: a visible focus ring on every kind of control in
both colour schemes, the drawer and its table of contents reachable, tables and charts that fit a 390 px screen,
header titles whole or not at all, touch targets of 24 px."""
from __future__ import annotations

import json
from pathlib import Path

import axe_playwright_python
import pytest

from conftest import open_page

AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js")
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}

# The ring of the focused element: its outline, and its contrast with what is under the ring at the middle of each side
# (the backgrounds of the elements under that point, composed; the lowest of the four).
FOCUS_RING = """() => {
  let el = document.activeElement;
  if (!el || el === document.body) return null;
  // The colour toggle's radio buttons are out of sight: their ring is on the label that follows them.
  const shown = el.matches('.md-option') ? el.nextElementSibling : el;
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null; const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lum = ([r, g, b]) => { const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const backgroundOf = stack => {  // the elements under a point, topmost first: their backgrounds composed
    const layers = [];
    for (const e of stack) { const c = parse(getComputedStyle(e).backgroundColor); if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    let out = [255, 255, 255];
    for (const c of layers.reverse()) out = out.map((v, i) => v * (1 - c[3]) + c[i] * c[3]);
    return out;
  };
  const style = getComputedStyle(shown);
  const width = parseFloat(style.outlineWidth), offset = parseFloat(style.outlineOffset), colour = parse(style.outlineColor);
  const box = shown.getBoundingClientRect();
  const d = offset + width / 2;  // from the border edge to the middle of the ring (inwards when negative)
  const vw = document.documentElement.clientWidth, vh = innerHeight;
  const clamp = (v, hi) => Math.min(Math.max(v, 0), hi - 1);
  const points = [[box.left - d, box.top + box.height / 2], [box.left + box.width / 2, box.top - d], [box.right + d, box.top + box.height / 2], [box.left + box.width / 2, box.bottom + d]];
  let worst = Infinity, behind = null;
  for (const [x, y] of points) {
    // A ring inside the element is drawn over its own background; one outside it, over what surrounds it.
    const under = document.elementsFromPoint(clamp(x, vw), clamp(y, vh)).filter(e => offset < 0 ? !(e !== shown && shown.contains(e)) : !shown.contains(e));
    const bg = backgroundOf(under);
    const c = colour ? contrast(colour, bg) : 0;
    if (c < worst) { worst = c; behind = bg; }
  }
  const kind = el.tagName.toLowerCase() + (el.type ? '[' + el.type + ']' : '');
  return {kind, what: kind + ' ' + (el.className || '') + ' ' + (el.textContent || '').trim().slice(0, 20), visible: el.matches(':focus-visible'),
          style: style.outlineStyle, width, contrast: worst, behind: behind && behind.map(Math.round)};
}"""

# Each kind of control, where to find one and how to reach it from the page's start.
CONTROLS = [
    ("/", "#home-search-q"),  # the home page's search box
    ("/", "#home-search-q ~ button"),
    ("/", "#header-search-q"),  # the header's search box and its button
    ("/", ".site-header-search button"),
    ("/", ".md-header .md-option"),  # the colour toggle
    ("/", ".md-header .md-select__link"),  # the language menu
    ("/", ".md-content a.home-plan-title"),
    ("/", ".md-sidebar--primary a.md-nav__link"),
    ("/", ".md-footer a"),
    ("/finder/", "#finder-plan"),  # a select
    ("/finder/", ".finder-options input[type=checkbox]"),  # group by plan
    ("/finder/", ".finder-options button"),
    ("/search/?q=质押融资", ".search-filters input[type=radio]"),
    ("/search/?q=质押融资", "#site-search-input"),
    ("/search/?q=质押融资", "button.search-more"),
    ("/en/plans/nansha/", "details.zh-original > summary"),
    ("/en/plans/nansha/", "details.cite > summary"),
    ("/en/plans/nansha/", "a.chip"),
    ("/en/plans/nansha/", "a.headerlink"),
    ("/en/plans/nansha/", ".md-sidebar--secondary a.md-nav__link"),
]


def _focus_by_keyboard(tab, selector: str) -> dict:
    """Tab onto the control: focus the element before it in the tab order, then press Tab."""
    tab.keyboard.press("Tab")  # the reader is using the keyboard
    tab.evaluate("""sel => {
      const target = document.querySelector(sel);
      const all = [...document.querySelectorAll('a[href], button, input, select, summary, [tabindex]')].filter(e => e.tabIndex >= 0 && !e.disabled);
      const i = all.indexOf(target);
      (i > 0 ? all[i - 1] : document.body).focus();
    }""", selector)
    for _ in range(4):  # hidden inputs (the colour toggle's other option) may come between
        tab.keyboard.press("Tab")
        if tab.evaluate("sel => document.activeElement === document.querySelector(sel) || document.activeElement.matches(sel)", selector):
            break
    tab.wait_for_function("() => document.activeElement.getAnimations().every(a => a.playState !== 'running')")
    return tab.evaluate(FOCUS_RING)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_kind_of_control_shows_a_focus_ring(tab_with, server, scheme):
    tab = tab_with(viewport=WIDE, color_scheme=scheme)
    seen, problems, opened = set(), [], None
    for path, selector in CONTROLS:
        if path != opened:
            open_page(tab, server + path)
            tab.wait_for_function("() => window.document$ !== undefined")  # the theme's script has started
            opened = path
        ring = _focus_by_keyboard(tab, selector)
        assert ring, f"{path} {selector}: nothing focused"
        seen.add(ring["kind"])
        if not (ring["visible"] and ring["style"] != "none" and ring["width"] >= 2 and ring["contrast"] >= 3):
            problems.append(f"{path} {selector}: {ring}")
    assert problems == []
    assert {"a", "button[submit]", "button[reset]", "button[button]", "input[search]", "input[checkbox]", "input[radio]", "select[select-one]", "summary"} <= seen


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tab_order_on_a_phone_shows_a_ring_on_each_stop(tab_with, server, scheme):
    """On a phone, from the top of a plan page: the drawer's button is a stop, the closed drawer is not."""
    tab = tab_with(viewport=PHONE, color_scheme=scheme)
    tab.goto(server + "/en/plans/guangzhou/")
    stops = []
    for _ in range(12):
        tab.keyboard.press("Tab")
        # the theme slides some controls in when they take focus (the skip link): measure where they stop
        tab.wait_for_function("() => document.activeElement.getAnimations().every(a => a.playState !== 'running')")
        ring = tab.evaluate(FOCUS_RING)
        stops.append(ring["what"])
        assert ring["visible"] and ring["width"] >= 2 and ring["contrast"] >= 3, ring
        assert tab.evaluate("() => { const r = document.activeElement.getBoundingClientRect(); return r.right > 0 && r.left < innerWidth; }"), ring
    assert any("md-header__button" in s and s.startswith("label") for s in stops), stops


# Where the focus is, for a failure message: the element, its address, its navigation and the drawer's visibility.
FOCUSED = """() => {
  const a = document.activeElement, nav = a.closest('nav'), drawer = a.closest('.md-sidebar--primary');
  return `${a.tagName.toLowerCase()}${a.id ? '#' + a.id : ''} ${a.getAttribute('href') || a.getAttribute('for') || ''}`
    + (nav ? ` in ${nav.className}` : '') + (drawer ? ` (drawer ${getComputedStyle(drawer).visibility})` : '');
}"""


@pytest.mark.parametrize("path", ["/en/plans/guangzhou/", "/themes/pledge-financing/", "/progress/"])
def test_table_of_contents_is_in_the_phone_menu(tab_with, server, path):
    """With the keyboard alone: open the drawer, open the page's contents, follow a section link."""
    tab = tab_with(viewport=PHONE)
    tab.goto(server + path)
    tab.wait_for_function("() => window.document$ !== undefined")  # the theme's script opens a focused toggle with Enter
    tab.focus(".md-header label[for=__drawer]")
    tab.keyboard.press("Enter")
    tab.wait_for_function("() => document.getElementById('__drawer').checked")
    toc_entry = tab.locator(".md-nav--primary label[for='__toc']:not(.md-nav__title)")
    toc_entry.wait_for()
    stops = []
    for _ in range(30):  # Tab through the header and the drawer to the page's entry (14 stops on the progress page)
        tab.keyboard.press("Tab")
        stops.append(tab.evaluate(FOCUSED))
        if tab.evaluate("() => document.activeElement.matches(\".md-nav--primary label[for='__toc']\")"):
            break
    else:
        pytest.fail(f"the page's contents entry is not in the tab order of the drawer; the stops: {stops}")
    tab.keyboard.press("Enter")
    first = tab.locator(".md-nav--primary .md-nav--secondary a.md-nav__link").first
    first.wait_for(state="visible")
    headings = tab.evaluate("() => [...document.querySelectorAll('.md-content h2[id]')].map(h => '#' + h.id)")
    target = first.get_attribute("href")
    assert target in headings
    tab.keyboard.press("Tab")
    assert tab.evaluate("() => document.activeElement.getAttribute('href')") == target
    tab.keyboard.press("Enter")
    tab.wait_for_url("**" + target)


# Tables in the main content wider than the screen, and chart text drawn under 12 px.
TOO_WIDE_OR_SMALL = """() => {
  const width = document.documentElement.clientWidth, out = [];
  for (const t of document.querySelectorAll('.md-content table')) {
    const r = t.getBoundingClientRect(), w = Math.max(r.width, t.scrollWidth);
    if (w > width || r.right > width + 0.5 || r.left < -0.5) out.push('table ' + Math.round(w) + ' px: ' + t.textContent.trim().slice(0, 30));
  }
  for (const text of document.querySelectorAll('.md-content svg text')) {
    const size = parseFloat(getComputedStyle(text).fontSize) * text.ownerSVGElement.getScreenCTM().a;
    if (size < 12) out.push('chart text ' + size.toFixed(1) + ' px: ' + text.textContent);
  }
  return out;
}"""

# One page of every kind, in both languages.
PAGE_KINDS = ["", "plans/", "plans/guangzhou/", "plans/zhongshan/", "themes/", "themes/pledge-financing/", "agencies/", "agencies/gz-amr/",
              "indicators/", "progress/", "end-of-period/", "glossary/", "sources/", "downloads/", "guide/", "about/", "finder/", "search/?q=专利"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tables_and_charts_fit_a_phone(tab_with, server, lang):
    tab = tab_with(viewport=PHONE)
    problems = {}
    for kind in PAGE_KINDS:
        path = ("/" if lang == "zh" else "/en/") + (kind if lang == "zh" else kind.replace("专利", "patent"))
        open_page(tab, server + path)
        found = tab.evaluate(TOO_WIDE_OR_SMALL)
        if found:
            problems[path] = found[:3]
    assert problems == {}


def test_the_fit_check_finds_a_wide_table_and_small_chart_text(tab_with, server):
    tab = tab_with(viewport=PHONE)
    tab.goto(server + "/indicators/")
    tab.add_style_tag(content=".md-typeset div.cards table { display: table !important; min-width: 700px !important; } .chart-figure svg { max-width: 200px !important; }")
    found = tab.evaluate(TOO_WIDE_OR_SMALL)
    wide, small = [f for f in found if f.startswith("table")], [f for f in found if f.startswith("chart text")]
    assert wide and small


@pytest.mark.parametrize("path", ["/en/indicators/", "/indicators/", "/en/themes/", "/en/plans/"])
def test_nothing_is_clipped_between_the_sidebars_at_1280_px(tab_with, server, path):
    tab = tab_with(viewport=WIDE)
    tab.goto(server + path)
    tab.wait_for_function("() => window.document$ !== undefined")
    clipped = tab.evaluate("""() => {
      const right = document.querySelector('.md-content__inner').getBoundingClientRect().right, out = [];
      for (const table of document.querySelectorAll('.md-content table')) {
        if (table.getBoundingClientRect().right > right + 1) out.push('table ' + table.textContent.trim().slice(0, 30));
        for (let box = table.parentElement; !box.matches('.md-content__inner'); box = box.parentElement)
          if (box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== 'visible') out.push(box.className + ' scrolls ' + box.scrollWidth + '/' + box.clientWidth);
      }
      return out;
    }""")
    assert clipped == []


@pytest.mark.parametrize("path", ["/plans/guangzhou/", "/en/agencies/gz-ip-leading-group-members/"])
def test_header_titles_show_whole_or_not_at_all(tab_with, server, path):
    tab = tab_with(viewport=PHONE)
    tab.goto(server + path)
    site_name_shown = {}
    for width in (390, 600, 800, 1024, 1280):
        tab.set_viewport_size({"width": width, "height": 800})
        for scrolled in (0, 3000):
            tab.evaluate(f"window.scrollTo(0, {scrolled})")
            # two frames on: the header has been laid out at this width and scroll, and its observers have run
            tab.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
            topics = tab.evaluate("""() => [...document.querySelectorAll('.md-header__topic')].map(t => {
              const text = t.firstElementChild;
              return {cut: text.scrollWidth > text.clientWidth, hidden: getComputedStyle(t).visibility === 'hidden', text: text.textContent.trim()};
            })""")
            for topic in topics:
                assert not topic["cut"] or topic["hidden"], (width, topic)
            site_name_shown[width] = not topics[0]["hidden"]
    assert not site_name_shown[390] and site_name_shown[1280]  # a phone has no room for the site's name; a wide screen has


@pytest.mark.parametrize("path", ["/end-of-period/", "/en/progress/", "/plans/zhuhai/", "/en/plans/zhuhai/",
                                  "/zh-hant/plans/guangzhou/", "/about/"])
def test_touch_targets_are_24_px(tab_with, server, path):
    tab = tab_with(viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True, has_touch=True)
    tab.goto(server + path)
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate("axe.run(document, {runOnly: ['target-size']})")
    # Far from the screen, tasks and tables are not laid out (content-visibility: auto) and a sticky header may cover
    # a target: axe measures what it sees. A reader taps a target on screen, so each one it flags is measured again
    # there.
    small = []
    for node in (n for v in result["violations"] for n in v["nodes"]):
        selector = node["target"][0]
        tab.evaluate("s => document.querySelector(s).scrollIntoView({block: 'center'})", selector)
        tab.wait_for_function("s => document.querySelector(s).getBoundingClientRect().height > 0", arg=selector)
        again = tab.evaluate("s => axe.run({include: [s]}, {runOnly: ['target-size']})", selector)
        small += [{"target": n["target"], "html": n["html"][:120]} for v in again["violations"] for n in v["nodes"]]
    assert small == [], json.dumps(small, ensure_ascii=False)
