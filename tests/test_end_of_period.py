"""Progress at the end of the plan period: statuses, trajectories, context figures and the end-of-period page."""
from __future__ import annotations

import json

import pytest
import yaml
from plansite import tracking
from plansite.load import load_site

from conftest import PLAN_FACTS, ROOT, copy_project

# The status of every indicator quantity that has observations, worked out by hand from the rule and the data:
# (indicator, measure) -> (status, date of the figure it rests on).
EXPECTED = {
    ("gz-i1", 0): ("achieved", "2025-06-30"),  # 41.4 at mid-2025 against a target of 30
    ("gz-i4", 0): ("faster", "2024-12-31"),  # about 60.6% a year 2020-2024 against 6%
    ("gz-i7", 0): ("not-assessable", "2021-12-31"),  # 4 outlets, no baseline, target 15
    ("zh-i1", 0): ("achieved", "2025-06-30"),  # 73.1 at mid-2025 against a target of 21 (with a caution)
}


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT)


def test_every_indicator_with_observations_has_its_expected_status(site):
    observed = {(o["indicator"], o.get("measure", 0)) for o in site.observations}
    assert observed == set(EXPECTED)
    for (indicator, measure), (status, date) in EXPECTED.items():
        latest = tracking.latest(site, site.items[indicator], measure)
        assert (latest.status, latest.observation["date"]) == (status, date)


def test_earlier_observations_keep_their_own_status(site):
    rows = tracking.tracked(site, site.items["gz-i1"])
    assert [(r.observation["date"], r.status) for r in rows] == [("2021-12-31", "lagging"), ("2023-12-31", "achieved"), ("2025-06-30", "achieved")]


def _with_context(tmp_path, entries):
    copy_project(tmp_path)  # data/ and the hand-written pages (published addresses)
    path = tmp_path / "data/progress/context.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["context"] += entries
    # Data files take no anchors or aliases: each shared value is written out (json makes separate copies).
    path.write_text(yaml.safe_dump(json.loads(json.dumps(data, default=str)), allow_unicode=True), encoding="utf-8")
    return load_site(tmp_path)


def test_a_context_figure_never_drives_a_status(tmp_path):
    text = {"zh": "某", "en": "some"}
    huge = [
        {"indicator": "ns-i1", "relation": "other-area", "area": text, "wording": text, "value": 500, "unit": text,
         "date": "2025-12-31", "period": text, "source": "xinhua-2025-12-10"},
        {"indicator": "gz-i10", "relation": "part-period", "area": text, "wording": text, "value": 900, "unit": text,
         "date": "2025-06-30", "period": text, "source": "xkb-2021-08-05"},
        {"indicator": "gz-i1", "relation": "other-measure", "area": text, "wording": text, "value": 0, "unit": text,
         "date": "2025-12-31", "period": text, "source": "xinhua-2025-12-10"},
    ]
    site = _with_context(tmp_path, huge)
    assert tracking.status_of(site, site.items["ns-i1"]) == "no-data"  # 500 is far above the target of 30
    assert tracking.status_of(site, site.items["gz-i10"]) == "no-data"
    assert tracking.status_of(site, site.items["gz-i1"]) == "achieved"  # a later context figure of 0 changes nothing


def test_every_indicator_without_observations_records_what_was_searched(site):
    observed = {o["indicator"] for o in site.observations}
    searched = {s["indicator"] for s in site.research["searched"]}
    for item in site.items.values():
        if item.kind == "indicator" and item.id not in observed:
            assert item.id in searched, item.id


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_progress_page_shows_a_trajectory_for_every_indicator(site, page, lang):
    html = page("progress", lang)
    sections = html.select("section.trajectory")
    expected = {(i.id, str(n)) for i in site.items.values() if i.kind == "indicator" for n in range(len(i.data["measures"]))}
    assert {(s["data-indicator"], s["data-measure"]) for s in sections} == expected
    for section in sections:
        svg = section.select_one("figure svg")
        assert svg["role"] == "img" and html.find(id=svg["aria-labelledby"]).name == "figcaption"
        table_values = {td.get_text(strip=True).split(" ")[0] for td in section.select("tbody td.num")}
        for label in svg.select("text.traj-obs-label"):
            assert label.get_text() in table_values  # every value drawn is in the table, its text
        if section["data-status"] == "no-data":
            assert section.select_one(".no-figure")
    assert not html.select("script[src*='chart']")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_trajectory_rows_separate_observations_from_context(page, lang):
    section = page("progress", lang).find(id="trajectory-gz-i1-0")
    kinds = [tr["data-kind"] for tr in section.select("tr[data-kind]")]
    assert kinds.count("observation") == 3 and kinds.count("context") >= 5
    assert section.select_one("svg polyline.traj-context")  # the national line
    assert section["data-status"] == "achieved"
    assert "2025-06-30" in section.select_one(".traj-status").get_text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_end_of_period_page_states_status_with_its_date(site, page, lang):
    html = page("end-of-period", lang)
    for (indicator, measure), (status, date) in EXPECTED.items():
        row = html.select_one(f'table[id^="eop-table-"] tr[data-indicator="{indicator}"][data-measure="{measure}"]')
        assert row["data-status"] == status
        assert date in row.get_text()
    zhuhai = html.select_one('table[id^="eop-table-"] tr[data-indicator="zh-i1"]')
    caution = html.find(id=zhuhai.select_one("a.caution-flag")["href"][1:])
    baseline = next(row for row in PLAN_FACTS["zhuhai"]["indicators"] if row["id"] == "zh-i1")["measures"][0]["baseline"]
    assert baseline in caution.get_text() and "73.1" in caution.get_text()  # the plan's baseline beside the reported value


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_end_of_period_counts_add_up_for_each_plan(site, page, lang):
    html = page("end-of-period", lang)
    for plan in site.plans:
        indicators = site.plan_items(plan, "indicator")
        counts = html.find(id=f"counts-{plan['id']}")
        if not indicators:
            assert counts is None
            assert html.find(id=f"eop-goals-{plan['id']}").select("tbody tr")
            continue
        total = sum(int(li.select_one(".count").get_text()) for li in counts.select("li"))
        assert total == sum(len(i.data["measures"]) for i in indicators)
        shown = [tr["data-status"] for tr in html.find(id=f"eop-table-{plan['id']}").select("tbody tr")]
        for li in counts.select("li"):
            assert shown.count(li["data-status"]) == int(li.select_one(".count").get_text())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_shared_concept_puts_the_national_value_beside_as_context(page, lang):
    table = page("end-of-period", lang).find(id="eop-high-value-patents-per-10k-table")
    plans = {tr["data-plan"]: tr["data-status"] for tr in table.select("tr[data-plan]")}
    assert plans == {"guangzhou": "achieved", "nansha": "no-data", "zhuhai": "achieved"}
    national = table.select_one('tr[data-kind="context"]')
    assert "16" in national.get_text() and ("2025年末" if lang == "zh" else "end of 2025") in national.get_text()  # the latest national figure (Xinhua, 23 January 2026)
    assert not national.has_attr("data-status")


def test_open_data_has_observations_context_and_sources(site_dir):
    import csv
    import json
    rows = list(csv.DictReader((site_dir / "data/observations.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert {r["source_kind"] for r in rows} <= {"official-statistics", "government-news", "media"}
    assert all(r["source"] and r["date"] for r in rows)
    context = list(csv.DictReader((site_dir / "data/context.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert {r["relation"] for r in context} == {"other-area", "other-measure", "part-period"}
    progress = json.loads((site_dir / "data/progress.json").read_text(encoding="utf-8"))
    assert progress["context"] and progress["research"]["set_aside"] and progress["goals"]
    assert (site_dir / "data/schema/context.schema.json").exists()


@pytest.mark.parametrize("lang, label", [("zh", "来源类型"), ("en", "Kind of source")])
def test_sources_page_gives_each_source_its_kind_and_date(site, page, lang, label):
    html = page("sources", lang)
    for source in site.sources.values():
        items = [li.get_text(" ", strip=True) for li in html.find(id=source["id"]).find_next("ul").select("li")]
        kind = next(text for text in items if text.startswith(label))
        assert ("（" in kind or "(" in kind) == ("copy_of" in source)  # a copy says so
        assert any(source["date"] in text for text in items)
