"""Hostile strings in the data render as inert text: in the pages, the open data and the finder."""
from __future__ import annotations

import json

import pytest

from conftest import HOSTILE, open_page, serve_directory


@pytest.fixture(scope="module")
def hostile_site(edited_copy):
    """The site built from data with hostile strings (and other, independent edits: see edited_copy)."""
    return edited_copy[2]


def test_hostile_strings_are_escaped_in_html(hostile_site):
    shown = [hostile_site / "plans/nansha/index.html", hostile_site / "en/plans/nansha/index.html", hostile_site / "themes/governance-policy/index.html", hostile_site / "en/finder/index.html"]
    for page in shown:
        html = page.read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(" in html, page
    for page in hostile_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert '<script>alert("x")' not in html and "<img src=x" not in html, page


def test_hostile_strings_stay_data_in_open_data(hostile_site):
    plan = json.loads((hostile_site / "data/plans/nansha.json").read_text(encoding="utf-8"))
    assert plan["short_title"]["en"] == f"Nansha plan {HOSTILE}"
    assert "&lt;" not in (hostile_site / "data/tasks.csv").read_text(encoding="utf-8-sig")


def test_no_script_runs_in_the_browser(browser, hostile_site):
    context = browser.new_context()
    tab = context.new_page()
    dialogs, injected = [], []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with serve_directory(hostile_site) as base:
        for path in ("/plans/nansha/", "/en/plans/nansha/", "/finder/?plan=nansha", "/en/finder/?plan=nansha", "/"):
            open_page(tab, base + path)
            # An element made from the string would run its handler only when its image fails: look for the element.
            if tab.locator("img[src='x'], img[onerror]").count():
                injected.append(path)
    context.close()
    assert dialogs == [] and injected == []
