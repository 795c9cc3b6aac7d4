"""Plan-specific facts a reader checks against the published text (tests/plan_facts.yaml): agencies, footnotes, indicators."""
from __future__ import annotations

import pytest

from conftest import PLAN_FACTS, shown_number

GZ = PLAN_FACTS["guangzhou"]["responsibility"]
WITH_INDICATORS = [plan for plan, facts in PLAN_FACTS.items() if facts["indicators"]]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_guangzhou_tasks_name_their_agencies_in_their_roles(page, lang):
    html = page("plans/guangzhou", lang)
    lead_word = {"zh": "牵头单位", "en": "Lead agency"}[lang]
    shared, led = set(), set()
    for heading in html.select("h4.task-heading"):
        number = int(heading["id"].removeprefix("gz-t"))
        roles = [dt.get_text() for dt in heading.find_next_sibling("div").select("dl.responsibility dt")]
        assert roles, f"task {number} names no responsible agency"
        (led if roles[0] == lead_word else shared).add(number)
    assert shared == set(GZ["without_lead"])
    assert len(led) == PLAN_FACTS["guangzhou"]["tasks"] - len(GZ["without_lead"])


def test_guangzhou_task_agencies_match_the_published_text(page):
    html = page("plans/guangzhou", "zh")
    for number, roles in GZ["samples"].items():
        dl = html.find(id=f"gz-t{number}").find_next_sibling("div").select_one("dl.responsibility")
        shown = {dt.get_text(): [a.get_text() for a in dd.select("a")] for dt, dd in zip(dl.select("dt"), dl.select("dd"))}
        words = {"lead": "牵头单位", "cooperating": "配合单位", "shared": "按职责分工负责"}
        assert shown == {words[role]: names for role, names in roles.items()}, number
    task28 = page("plans/guangzhou", "en").find(id="gz-t28").find_next_sibling("div")
    assert task28.select_one("dl.responsibility dt").get_text().startswith("Responsible according to their duties")
    assert len(task28.select("dl.responsibility dd a")) == len(GZ["samples"][28]["shared"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_agency_link_resolves(site_dir, page, lang):
    prefix = "" if lang == "zh" else "en/"
    links = page("plans/guangzhou", lang).select("a.agency")
    assert len(links) == GZ["agency_names"]
    for a in links:
        target = (site_dir / prefix / "plans/guangzhou" / a["href"]).resolve() / "index.html"
        assert target.is_file(), a["href"]


def test_agency_page_answers_which_tasks_it_leads(page):
    plan = page("plans/guangzhou", "zh")
    (name, counts), = GZ["leads"].items()
    href = next(a["href"] for a in plan.select("a.agency") if a.get_text() == name)
    html = page("agencies/" + href.split("/agencies/")[1].strip("/"), "zh")
    lead = [a["href"] for a in html.find(id="lead").find_next_sibling("ul").select("a")]
    assert "../../plans/guangzhou/#gz-t1" in lead
    assert "../../plans/guangzhou/#gz-t3" not in lead  # task 3 has no lead agency
    assert len(lead) == counts["tasks"] + counts["safeguards"]
    shared = [a["href"] for a in html.find(id="shared").find_next_sibling("ul").select("a")]
    assert "../../plans/guangzhou/#gz-t3" in shared


@pytest.mark.parametrize("plan", list(PLAN_FACTS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_footnotes_link_both_ways(page, plan, lang):
    html = page(f"plans/{plan}", lang)
    published = PLAN_FACTS[plan]["footnotes"]
    refs = html.select("article sup.fnref a[href]")
    notes = [html.find(id=a["href"][1:]) for a in refs]
    assert len(refs) == len(published)
    assert notes == html.select("article li:has(> a.fnback)")  # every note is referenced once, in order
    for a, note in zip(refs, notes):
        assert note.name == "li"
        back = html.find(id=note.select_one("a.fnback")["href"][1:])
        assert back is not None and a in back.find_all("a") + [back]
    if lang == "zh":
        for note, words in zip(notes, published):
            assert note.get_text().startswith(words), note.get_text()[:40]


@pytest.mark.parametrize("plan", WITH_INDICATORS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_indicator_tables_as_published(page, plan, lang):
    html = page(f"plans/{plan}", lang)
    for row in PLAN_FACTS[plan]["indicators"]:
        lines = html.select(f'tr.indicator-row[data-indicator="{row["id"]}"]')
        assert len(lines) == len(row["measures"]), row["id"]
        for line, measure in zip(lines, row["measures"]):
            assert shown_number(line.select_one("td.baseline")) == measure["baseline"], row["id"]
            assert shown_number(line.select_one("td.target")) == measure["target"], row["id"]
            if lang == "zh":
                assert line.select_one("td.unit").contents[-1].strip() == measure["unit"], row["id"]
        if lang == "zh" and "source" in row:
            assert lines[0].select("td")[-1].get_text(strip=True) == row["source"], row["id"]
    notes = html.select(".table-notes > p")[1:]  # after the label 注：
    assert len(notes) == PLAN_FACTS[plan].get("table_notes", 0)


def test_zhuhai_composite_indicator_in_english(page):
    rows = page("plans/zhuhai", "en").select('tr[data-indicator="zh-i2"]')
    units = [r.select_one("td.unit").contents[-1].strip() for r in rows]
    assert "RMB 100 million" in units[0] and units[1].lower().startswith("project")


def test_zhongshan_has_no_indicator_table_and_says_so(page):
    zh = page("plans/zhongshan", "zh")
    assert not zh.select("table tr.indicator-row")
    for lang in ("zh", "en"):
        assert page("plans/zhongshan", lang).find(id="zs-no-indicators") is not None
    goals = zh.find(id="zs-s2-3").find_next("h3").find_all_previous("p", limit=6)
    assert any("1个国家级保护中心+1个国家级快速维权中心+N个市级快速维权中心" in p.get_text() for p in goals)
