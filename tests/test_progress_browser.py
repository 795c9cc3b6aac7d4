"""The progress and end-of-period pages in Chromium: on a phone without JavaScript, and with axe-core."""
from __future__ import annotations

import json
from pathlib import Path

import axe_playwright_python
import pytest

AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js")


@pytest.mark.parametrize("path", ["/end-of-period/", "/en/end-of-period/", "/progress/", "/en/progress/"])
def test_readable_on_a_phone_without_javascript(tab_with, server, path):
    tab = tab_with(viewport={"width": 375, "height": 740}, java_script_enabled=False)
    tab.goto(server + path)
    tab.wait_for_selector("table[id], section.trajectory")
    wide = tab.evaluate("""() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll('.md-main *')]
        .filter(e => !e.closest('.indicator-table') && e.getBoundingClientRect().right > width + 0.5)
        .map(e => e.tagName + '#' + e.id).slice(0, 5);
    }""")
    assert wide == [], wide
    if "progress" in path:
        box = tab.locator("#trajectory-gz-i1-0 svg").bounding_box()
        assert 300 <= box["width"] <= 375  # the chart fills the phone's width and no more
        assert tab.locator("#trajectory-gz-i1-0 .traj-status .status").is_visible()
    else:
        assert tab.locator('tr[data-indicator="zh-i1"] .caution-flag').first.is_visible()


@pytest.mark.outside_requests
@pytest.mark.parametrize("path", ["/end-of-period/", "/en/end-of-period/"])
def test_end_of_period_has_no_serious_accessibility_violation(tab, server, path):
    tab.goto(server + path)
    tab.wait_for_selector("table[id^='eop-table-']")
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [
        {"rule": v["id"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)
    assert not tab.outside_requests
