"""The built HTML, checked as a reader would: structure, counts, figures, languages and anchors."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT

CJK = re.compile(r"[\u3400-\u9fff]")
PLANS = {
    # plan: (tasks, groups of tasks, heading level of those groups, boxes, indicators)
    "nansha": (22, 7, "h3", 0, 6),
    "guangzhou": (50, 6, "h2", 8, 11),
    "zhuhai": (21, 5, "h3", 8, 6),
    "zhongshan": (28, 4, "h3", 0, 0),
}


def plan_ids():
    return sorted(p.stem for p in (ROOT / "data/plans").glob("*.yaml"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nansha_has_22_tasks_in_7_groups(page, lang):
    html = page("plans/nansha", lang)
    tasks = html.select("h4.task-heading")
    assert [t["id"] for t in tasks] == [f"ns-t{n}" for n in range(1, 23)]
    groups = {t.find_previous("h3")["id"] for t in tasks}
    assert groups == {f"ns-s3-{n}" for n in range(1, 8)}


@pytest.mark.parametrize("plan", plan_ids())
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_counts_of_each_plan(page, plan, lang):
    tasks, groups, level, boxes, indicators = PLANS[plan]
    html = page(f"plans/{plan}", lang)
    headings = html.select("h4.task-heading")
    assert len(headings) == tasks
    assert len({h.find_previous(level)["id"] for h in headings}) == groups
    assert len(html.select("aside.box")) == boxes
    assert len({tr["data-indicator"] for tr in html.select("tr.indicator-row")}) == indicators


NANSHA_INDICATORS = [
    ("ns-i1", "22.2", "30"), ("ns-i2", "7.4", "18.4"), ("ns-i3", None, "6"),
    ("ns-i4", "135", "157"), ("ns-i5", "300", "350"), ("ns-i6", "0", "1"),
]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nansha_indicator_values(page, lang):
    html = page("plans/nansha", lang)
    for row_id, baseline, target in NANSHA_INDICATORS:
        row = html.find("tr", id=row_id)
        cell = row.select_one("td.baseline")
        if baseline is None:
            assert cell.select_one(".missing"), f"{row_id}: a missing baseline must show as missing"
        else:
            assert cell.get_text(strip=True) == baseline
        assert row.select_one("td.target").get_text(strip=True) == target


def test_nansha_indicator_names_in_both_languages(page):
    assert page("plans/nansha", "zh").find("tr", id="ns-i1").select_one(".indicator-name").get_text() == "每万人口高价值发明专利拥有量"
    en = page("plans/nansha", "en").find("tr", id="ns-i1").th
    assert en.select_one(".indicator-name").get_text().lower().startswith("number of high-value invention patents per 10,000 people")
    assert en.find(lang="zh-Hans").get_text() == "每万人口高价值发明专利拥有量"


@pytest.mark.parametrize("plan", plan_ids())
def test_anchors_identical_in_both_languages(page, plan):
    code = page(f"plans/{plan}", "zh").select_one("h2[id]")["id"].split("-")[0]
    ids = {lang: [e["id"] for e in page(f"plans/{plan}", lang).select("article [id]") if e["id"].startswith(code + "-")] for lang in ("zh", "en")}
    assert ids["zh"] == ids["en"]
    assert len(ids["zh"]) > 20


@pytest.mark.parametrize("path", ["", "plans/nansha", "search", "about"])
def test_every_page_declares_its_language(page, path):
    assert page(path, "zh").html["lang"] == "zh-Hans"
    assert page(path, "en").html["lang"] == "en"


@pytest.mark.parametrize("plan", plan_ids())
def test_english_page_has_no_untranslated_chinese(page, plan):
    article = BeautifulSoup(str(page(f"plans/{plan}", "en").select_one("article")), "html.parser")
    for original in article.find_all(lang="zh-Hans"):
        original.decompose()
    for summary in article.select("summary"):
        assert not CJK.search(summary.get_text())
    leftover = CJK.findall(article.get_text())
    assert not leftover, "".join(leftover)[:80]


def test_english_page_offers_the_chinese_original_of_every_item(page):
    html = page("plans/nansha", "en")
    for heading in html.select("h4.task-heading"):
        body = heading.find_next_sibling("div")
        original = body.select_one("details.zh-original > div[lang]")
        assert original is not None and original["lang"] == "zh-Hans", heading["id"]
        assert CJK.search(original.get_text()), heading["id"]


def test_home_page_lists_every_plan_with_counts(page):
    for lang in ("zh", "en"):
        rows = page("", lang).select(".home-plans [data-plan]")
        assert [r["data-plan"] for r in rows] == [p for p in ["guangzhou", "nansha", "zhuhai", "zhongshan"] if p in plan_ids()]
        counts = {r["data-plan"]: tuple(int(r.select_one(f'[data-count="{k}"]').get_text()) for k in ("task", "box", "indicator")) for r in rows}
        for plan, (tasks, _, _, boxes, indicators) in PLANS.items():
            if plan in counts:
                assert counts[plan] == (tasks, boxes, indicators)


def test_no_page_references_another_origin(site_dir):
    # Anything the browser would fetch by itself: scripts, images, frames, stylesheets, preconnects, icons.
    pattern = re.compile(r"""<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=["'](?:https?:)?//|<link\b[^>]*\bhref=["'](?:https?:)?//""")
    offenders = []
    for file in site_dir.rglob("*.html"):
        text = file.read_text(encoding="utf-8")
        for match in pattern.finditer(text):
            offenders.append(f"{file.relative_to(site_dir)}: {text[match.start():match.start() + 80]}")
    assert not offenders, offenders[:5]


def test_no_markup_leaks_into_any_page(site_dir):
    """No placeholder of the build and no Markdown escape shows up as text on any page."""
    leaks = re.compile(r"PLANSITERAW|\\[*_#!|\[\](){}`+<>]")
    offenders = []
    for file in site_dir.rglob("*.html"):
        text = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for script in text.select("script, style"):
            script.decompose()
        found = leaks.search(text.get_text())
        if found:
            offenders.append(f"{file.relative_to(site_dir)}: {found.group(0)}")
    assert offenders == []
