"""Indicators compared across plans, progress against targets, and traceable sources."""
from __future__ import annotations

import re

import pytest
import yaml
from plansite.load import load_site
from plansite.problems import DataError

from conftest import PLAN_FACTS, ROOT, copy_project, shown_number


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT)


def progress_data(name: str) -> list[dict]:
    """Entries of data/progress/<name>.yaml as written there."""
    return yaml.safe_load((ROOT / f"data/progress/{name}.yaml").read_text(encoding="utf-8"))[name]


def item_block(html, anchor: str):
    """The part of a plan page that belongs to one task or box."""
    target = html.find(id=anchor)
    return target.find_next_sibling("div") if "task-heading" in target.get("class", []) else target.find_parent("aside")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_observation_shows_on_the_progress_page_and_the_plan_page(page, lang):
    progress = page("progress", lang)
    observations = progress_data("observations")
    assert observations
    for obs in observations:
        value, date, where = str(obs["value"]), str(obs["date"]), f"{obs['indicator']} {obs['date']}"
        section = progress.find(id=f"trajectory-{obs['indicator']}-{obs.get('measure', 0)}")
        rows = [tr for tr in section.select('tr[data-kind="observation"]') if tr.select_one(f'time[datetime="{date}"]')]
        assert [tr.select_one("td.num").get_text(strip=True) for tr in rows] == [value], where
        plan_link = next(a["href"] for a in section.select(".traj-status a") if "/plans/" in a["href"])
        plan_page = page(plan_link.split("../", 1)[1].split("/#")[0], lang)
        notes = [li.get_text(" ", strip=True) for li in plan_page.select(".progress-notes li") if li.select_one(f'a[href="#{obs["indicator"]}"]')]
        figure = re.compile(rf"(?<![\d.]){re.escape(value)}(?![\d.])")  # 20 is not the 20 of 2021
        assert any(figure.search(text) and date in text for text in notes), (where, notes)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_progress_note_shows_on_its_item_with_its_source(page, lang):
    notes = progress_data("notes")
    assert notes
    pages = {plan: page(f"plans/{plan}", lang) for plan in PLAN_FACTS}
    sources = page("sources", lang)
    for note in notes:
        html = next(h for h in pages.values() if h.find(id=note["item"]))
        shown = [li for li in item_block(html, note["item"]).select(".progress-notes li") if li.select_one(f'time[datetime="{note["date"]}"]')]
        text = note["text"][lang].replace("*", "")  # *…* marks a title in italics
        match = [li for li in shown if text in li.get_text()]
        assert len(match) == 1, (note["item"], text)
        source = match[0].select_one("a.source-link")["href"]
        assert source == f"../../sources/#{note['source']}" and sources.find(id=note["source"]), note["item"]


def test_an_observation_of_an_unknown_indicator_fails(tmp_path):
    copy_project(tmp_path)  # data/ and the hand-written pages (published addresses)
    path = tmp_path / "data/progress/observations.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("indicator: gz-i7", "indicator: gz-i77"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site(tmp_path)
    assert "observations[5].indicator: unknown indicator 'gz-i77'" in str(caught.value)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_comparison_page_shows_each_concept_with_all_its_plans(site, page, lang):
    html = page("indicators", lang)
    for concept in site.concepts.values():
        table = html.find(id=f"{concept['id']}-table")
        shown = [tr["data-indicator"] for tr in table.select("tbody tr")]
        assert sorted(shown) == sorted(m["indicator"] for m in concept["members"])
        assert html.find(id=concept["id"]).find_next("p", class_="comparability")
    published = {row["id"]: row["measures"] for facts in PLAN_FACTS.values() for row in facts["indicators"]}
    for tr in html.select("table[id$='-table'] tbody tr[data-indicator]"):
        shown = {"baseline": shown_number(tr.select_one(".baseline")), "target": shown_number(tr.select_one(".target"))}
        assert shown in [{"baseline": m["baseline"], "target": m["target"]} for m in published[tr["data-indicator"]]], tr["data-indicator"]


def test_charts_are_svg_labelled_by_their_caption(page):
    html = page("indicators", "en")
    charts = html.select("figure.chart-figure svg")
    assert len(charts) >= 3
    for svg in charts:
        assert svg["role"] == "img"
        assert html.find(id=svg["aria-labelledby"]).name == "figcaption"
    assert not html.select("script[src*='chart']")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sources_page_lists_what_was_taken(site, page, lang):
    html = page("sources", lang)
    section = html.find(id="nanfang-2022-04-26")
    assert section is not None
    links = {a["href"].split("#")[1] for a in section.find_next("ul").find_all_next("a", href=True) if "/plans/" in a["href"] or "/progress/" in a["href"]}
    used = [o for o in site.observations if o["source"] == "nanfang-2022-04-26"]
    assert {f"trajectory-{o['indicator']}-0" for o in used} | {n["item"] for n in site.notes if n["source"] == "nanfang-2022-04-26"} <= links
