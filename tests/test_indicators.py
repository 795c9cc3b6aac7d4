"""Indicators compared across plans, progress against targets, and traceable sources."""
from __future__ import annotations

import shutil

import pytest
from plansite.data import load_site
from plansite.problems import DataError

from conftest import ROOT


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT)


def test_every_observation_and_note_references_an_existing_item(site):
    for obs in site.observations:
        assert site.items[obs["indicator"]].kind == "indicator"
        assert obs["source"] in site.sources
    for note in site.notes:
        assert site.items[note["item"]].kind in ("task", "box")
        assert note["source"] in site.sources


def test_an_observation_of_an_unknown_indicator_fails(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    path = tmp_path / "data/progress/observations.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("indicator: gz-i7", "indicator: gz-i77"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site(tmp_path)
    assert "observations[4].indicator: unknown indicator 'gz-i77'" in str(caught.value)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_comparison_page_shows_each_concept_with_all_its_plans(site, page, lang):
    html = page("indicators", lang)
    for concept in site.concepts.values():
        table = html.find(id=f"{concept['id']}-table")
        shown = [tr["data-indicator"] for tr in table.select("tbody tr")]
        assert sorted(shown) == sorted(m["indicator"] for m in concept["members"])
        assert html.find(id=concept["id"]).find_next("p", class_="comparability")
    hvp = html.find(id="high-value-patents-per-10k-table")
    values = {tr["data-plan"]: (tr.select_one(".baseline").get_text(strip=True), tr.select_one(".target").get_text(strip=True)) for tr in hvp.select("tbody tr")}
    assert values == {"guangzhou": ("20", "30"), "nansha": ("22.2", "30"), "zhuhai": ("14", "21")}


def test_charts_are_svg_labelled_by_their_caption(page):
    html = page("indicators", "en")
    charts = html.select("figure.chart-figure svg")
    assert len(charts) >= 3
    for svg in charts:
        assert svg["role"] == "img"
        assert html.find(id=svg["aria-labelledby"]).name == "figcaption"
    assert not html.select("script[src*='chart']")


def test_progress_notes_are_on_the_items_and_cite_their_source(page):
    box = page("plans/guangzhou", "zh").find(id="gz-b2").find_parent("aside")
    note = box.select_one(".progress-notes li")
    assert "粤港澳大湾区知识产权保险中心" in note.get_text()
    assert note.select_one("a.source-link")["href"] == "../../sources/#nanfang-2022-04-26"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sources_page_lists_what_was_taken(site, page, lang):
    html = page("sources", lang)
    section = html.find(id="nanfang-2022-04-26")
    assert section is not None
    links = {a["href"].split("#")[1] for a in section.find_next("ul").find_all_next("a", href=True) if "/plans/" in a["href"] or "/progress/" in a["href"]}
    used = [o for o in site.observations if o["source"] == "nanfang-2022-04-26"]
    assert {f"trajectory-{o['indicator']}-0" for o in used} | {n["item"] for n in site.notes if n["source"] == "nanfang-2022-04-26"} <= links
