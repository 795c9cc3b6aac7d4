"""Plan-specific facts a reader checks against the published text: agencies, footnotes, indicators, numbering."""
from __future__ import annotations

import pytest

GZ_SHARED = {3, 4, 13, 14, 16, 18, 25, 26, 28, 29}
GZ_INDICATORS = [  # id, baseline (None = shown as a dash in the plan), target, unit
    ("gz-i1", "20", "30", "件"), ("gz-i2", "3100", "5000", "件"), ("gz-i3", None, "6", "%"), ("gz-i4", None, "6", "%"),
    ("gz-i5", None, "13", "%"), ("gz-i6", "9.85", "10", "%"), ("gz-i7", None, "15", "个"), ("gz-i8", "3000", "3500", "家"),
    ("gz-i9", None, "1500", "件/年"), ("gz-i10", None, "200", "件/年"), ("gz-i11", "80", "83", "分"),
]


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
    assert shared == GZ_SHARED
    assert len(led) == 40


def test_guangzhou_task_agencies_match_the_published_text(page):
    task1 = page("plans/guangzhou", "zh").find(id="gz-t1").find_next_sibling("div")
    dl = task1.select_one("dl.responsibility")
    assert [dt.get_text() for dt in dl.select("dt")] == ["牵头单位", "配合单位"]
    assert [a.get_text() for a in dl.select("dd")[0].select("a")] == ["市市场监管局", "市版权局"]
    assert [a.get_text() for a in dl.select("dd")[1].select("a")] == ["市人大法制委", "市知识产权工作领导小组成员单位"]
    task28 = page("plans/guangzhou", "en").find(id="gz-t28").find_next_sibling("div")
    assert task28.select_one("dl.responsibility dt").get_text().startswith("Responsible according to their duties")
    assert len(task28.select("dl.responsibility dd a")) == 3


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_agency_link_resolves(site_dir, page, lang):
    prefix = "" if lang == "zh" else "en/"
    links = page("plans/guangzhou", lang).select("a.agency")
    assert len(links) > 100
    for a in links:
        target = (site_dir / prefix / "plans/guangzhou" / a["href"]).resolve() / "index.html"
        assert target.is_file(), a["href"]


def test_agency_page_answers_which_tasks_it_leads(page):
    html = page("agencies/gz-amr", "zh")
    lead = html.find(id="lead").find_next_sibling("ul")
    hrefs = [a["href"] for a in lead.select("a")]
    assert "../../plans/guangzhou/#gz-t1" in hrefs
    assert "../../plans/guangzhou/#gz-t3" not in hrefs  # task 3 has no lead agency
    assert len(hrefs) == 41  # 38 tasks and the 3 safeguard measures of chapter 九
    shared = [a["href"] for a in html.find(id="shared").find_next_sibling("ul").select("a")]
    assert "../../plans/guangzhou/#gz-t3" in shared


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_footnotes_link_both_ways(page, lang):
    html = page("plans/guangzhou", lang)
    refs = html.select("sup.fnref a")
    assert [a["href"] for a in refs] == [f"#gz-fn{n}" for n in range(1, 7)]
    for n in range(1, 7):
        note = html.find(id=f"gz-fn{n}")
        assert note.name == "li" and note.select_one("a.fnback")["href"] == f"#gz-fnref{n}"
        assert html.find(id=f"gz-fnref{n}") is not None
    assert page("plans/guangzhou", "zh").find(id="gz-fn6").get_text().startswith("“一区”指人工智能与数字经济试验区")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_guangzhou_indicators_as_published(page, lang):
    html = page("plans/guangzhou", lang)
    for row_id, baseline, target, unit in GZ_INDICATORS:
        row = html.find("tr", id=row_id)
        base = row.select_one("td.baseline")
        assert (base.get_text(strip=True) if baseline else bool(base.select_one(".missing"))) == (baseline or True), row_id
        assert row.select_one("td.target").get_text(strip=True) == target
        if lang == "zh":
            assert row.select_one("td.unit").get_text(strip=True) == unit
    zh_sources = [tr.select("td")[-1].get_text(strip=True) for tr in page("plans/guangzhou", "zh").select("tr.indicator-row")]
    assert zh_sources.count("市市场监管局（知识产权局）") == 7 and "广州仲裁委员会" in zh_sources and "第三方机构" in zh_sources


@pytest.mark.parametrize("lang, units", [("zh", ["亿元", "项"]), ("en", None)])
def test_zhuhai_composite_indicator_has_two_quantities(page, lang, units):
    rows = page("plans/zhuhai", lang).select('tr[data-indicator="zh-i2"]')
    assert len(rows) == 2
    assert [r.select_one("td.baseline").get_text(strip=True) for r in rows] == ["2.29", "5"]
    assert [r.select_one("td.target").get_text(strip=True) for r in rows] == ["12.32", "20"]
    shown_units = [r.select_one("td.unit").contents[-1].strip() for r in rows]
    if units:
        assert shown_units == units
    else:
        assert "RMB 100 million" in shown_units[0] and shown_units[1].lower().startswith("project")
    missing = page("plans/zhuhai", lang).find("tr", id="zh-i6").select_one("td.baseline .missing")
    assert missing is not None


def test_zhongshan_groups_numbering_and_no_indicator_table(page):
    zh = page("plans/zhongshan", "zh")
    per_group = {}
    for h in zh.select("h4.task-heading"):
        per_group.setdefault(h.find_previous("h3")["id"], []).append(h.get_text().split("\u3000")[0])
    assert [len(v) for v in per_group.values()] == [4, 9, 10, 5]
    assert list(per_group.values())[0] == ["一.1", "一.2", "一.3", "一.4"]
    assert list(per_group.values())[3][-1] == "四.5"
    assert not zh.select("table tr.indicator-row")
    for lang in ("zh", "en"):
        assert page("plans/zhongshan", lang).find(id="zs-no-indicators") is not None
    goals = zh.find(id="zs-s2-3").find_next("h3").find_all_previous("p", limit=6)
    assert any("1个国家级保护中心+1个国家级快速维权中心+N个市级快速维权中心" in p.get_text() for p in goals)
