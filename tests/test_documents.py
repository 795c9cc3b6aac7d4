"""Each plan as a document (data/documents.yaml): the record, the top of each plan page and the About page in both
languages, the `document` object of plans.json, and the cite box's two forms for a plan and for an item."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from jsonschema import Draft202012Validator
from plansite.check import DOCUMENT_FACTS
from plansite.load import load_site
from referencing import Registry, Resource

from conftest import ROOT

REQUIRED = ("issuer", "drafter", "number", "issued", "url", "successor")

# What the research found (see data/documents.yaml and its sources), as a reader checks it on a plan page: the text
# of each fact in Chinese and in English, or None where the page must say "not found".
FOUND = {
    "guangzhou": {"issuer": None, "drafter": ("广州市市场监督管理局", "Guangzhou Municipal Administration for Market Regulation"),
                  "number": None, "issued": ("2021年11月", "November 2021"), "url": None, "successor": None},
    "nansha": {"issuer": None, "drafter": None, "number": None, "issued": None, "url": None, "successor": None},
    "zhuhai": {"issuer": ("珠海市市场监督管理局（珠海市知识产权局）", "Zhuhai Municipal Administration for Market Regulation"),
               "drafter": None, "number": None, "issued": ("2022年1月10日", "10 January 2022"), "url": None, "successor": None},
    "zhongshan": {"issuer": ("中山市市场监督管理局", "Zhongshan Municipal Administration for Market Regulation"),
                  "drafter": None, "number": None, "issued": ("2022年6月17日", "17 June 2022"), "url": None, "successor": None},
}
LABELS = {
    "zh": {"issuer": "发文机关", "drafter": "编制单位", "number": "文号", "issued": "印发日期", "url": "官方文本", "successor": "“十五五”后续规划", "status": "状态"},
    "en": {"issuer": "Issued by", "drafter": "Drafted by", "number": "Document number", "issued": "Date of issue", "url": "Official text",
           "successor": "15th Five-Year successor", "status": "Status"},
}
NOT_FOUND = {"zh": "未找到", "en": "Not found"}


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT)


def test_every_plan_has_a_document_record(site):
    assert set(site.documents) == {plan["id"] for plan in site.plans}
    assert set(FOUND) == set(site.documents)


def test_every_fact_names_a_source_or_the_searches_made(site):
    for plan_id, record in site.documents.items():
        for name in DOCUMENT_FACTS:
            if name not in record:
                assert name not in REQUIRED, (plan_id, name)
                continue
            fact = record[name]
            if "not_found" in fact:
                searches = [site.searches[s] for s in fact["not_found"]["searches"]]
                assert searches, (plan_id, name)
                for search in searches:
                    assert search["query"] and search["corpus"] and search["date"] and search["result"]["zh"], search["id"]
            else:
                source = site.sources[fact["source"]]
                assert source["url"].startswith("http") and source["publisher"]["zh"] and source["date"], fact["source"]
        for copy in record["copies"]:
            assert copy["search"] in site.searches


def test_what_the_research_found_is_recorded(site):
    """The record says what was found, and says not found where nothing was."""
    for plan_id, facts in FOUND.items():
        record = site.documents[plan_id]
        for name, expected in facts.items():
            assert ("not_found" in record[name]) == (expected is None), (plan_id, name)


def _facts(html) -> dict[str, str]:
    block = html.select_one("article .plan-document")
    return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in block.select("dl.doc-facts > dt")}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("plan_id", sorted(FOUND))
def test_plan_page_opens_with_the_plan_as_a_document(page, plan_id, lang):
    html = page(f"plans/{plan_id}", lang)
    block = html.select_one("article .plan-document")
    first_chapter = html.select_one("article h2[id$='-c1']")
    assert block is not None and first_chapter is not None
    assert block.sourceline < first_chapter.sourceline  # at the top, before the plan's text
    facts = _facts(html)
    for name, expected in FOUND[plan_id].items():
        shown = facts[LABELS[lang][name]]
        if expected is None:
            assert shown.startswith(NOT_FOUND[lang]), (name, shown)
            link = html.find("dt", string=LABELS[lang][name]).find_next_sibling("dd").select_one("a[href*='/about/#searches-']")
            assert link["href"].endswith(f"#searches-{plan_id}")
        else:
            assert expected[0 if lang == "zh" else 1] in shown, (name, shown)
            assert NOT_FOUND[lang] not in shown
    assert ("已到期" if lang == "zh" else "Expired") in facts[LABELS[lang]["status"]] and "2025" in facts[LABELS[lang]["status"]]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_fact_links_to_its_numbered_source(page, lang):
    html = page("plans/zhuhai", lang)
    dd = html.find("dt", string=LABELS[lang]["issued"]).find_next_sibling("dd")
    source = html.find(id=dd.select_one(".doc-src a")["href"][1:])
    assert "cnipol-2022-01-10" in source.select_one("a.source-link")["href"]
    assert "2022-01-10" in source.get_text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_about_page_keeps_its_text_and_lists_the_facts_and_every_search(site, page, lang):
    html = page("about", lang)
    text = html.select_one("article").get_text()
    assert ("本站是粤港澳大湾区" if lang == "zh" else "This is a reference site") in text  # the hand-written part stays
    for plan in site.plans:
        assert html.find(id=f"document-{plan['id']}")
        rows = html.find(id=f"searches-{plan['id']}").find_next("table").select("tbody tr")
        queries = {row.select_one("th").get_text(strip=True) for row in rows}
        record = site.documents[plan["id"]]
        for name in DOCUMENT_FACTS:
            if name in record and "not_found" in record[name]:
                for search_id in record[name]["not_found"]["searches"]:
                    assert site.searches[search_id]["query"] in queries


def _validator(site_dir, ref: str) -> Draft202012Validator:
    schemas = [json.loads(p.read_text(encoding="utf-8")) for p in (site_dir / "data" / "schema").glob("*.schema.json")]
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas)
    return Draft202012Validator({"$ref": ref}, registry=registry)


def test_plans_json_gives_each_plan_its_document(site_dir):
    plans = json.loads((site_dir / "data" / "plans.json").read_text(encoding="utf-8"))["plans"]
    published = _validator(site_dir, "documents.schema.json#/$defs/published")
    assert {p["id"] for p in plans} == set(FOUND)
    for plan in plans:
        document = plan["document"]
        assert not list(published.iter_errors(document)), plan["id"]
        assert ("url" in document) != ("not_found" in document)
        if "not_found" in document:  # no official address was found for any of the four plans
            assert all(s["query"] and s["corpus"] == "pages" and s["date"] for s in document["not_found"]["searches"])
        assert document["status"] == "expired" and document["ended"] == "2025-12-31"
        for name, expected in FOUND[plan["id"]].items():
            if name == "url":
                continue
            if expected is None:
                assert "not_found" in document[name], (plan["id"], name)
            else:
                assert "source" in document[name] and document[name]["source"]["url"].startswith("http")
    zhuhai = next(p for p in plans if p["id"] == "zhuhai")["document"]
    assert zhuhai["title"]["zh"] == "珠海市知识产权事业发展“十四五”规划"  # the title as issued
    assert zhuhai["issued"]["date"] == "2022-01-10"


def test_each_plan_file_of_the_open_data_follows_the_published_schema(site_dir):
    plan_schema = _validator(site_dir, "plan.schema.json")
    for path in sorted((site_dir / "data" / "plans").glob("*.json")):
        plan = json.loads(path.read_text(encoding="utf-8"))
        errors = [f"{list(e.absolute_path)}: {e.message[:120]}" for e in plan_schema.iter_errors(plan)]
        assert errors == [], (path.name, errors[:3])


def _forms(details) -> list[str]:
    return [" ".join(p.get_text().split()) for p in details.select(".cite-text")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cite_box_of_a_plan_gives_both_forms(page, lang):
    up = "" if lang == "zh" else "en/"
    forms = _forms(page("plans/zhuhai", lang).select_one(".plan-document details.cite-plan"))
    assert forms == [
        "珠海市市场监督管理局（珠海市知识产权局）. 珠海市知识产权事业发展“十四五”规划[EB/OL]. (2022-01-10)[引用日期]. plans/zhuhai/.",
        "Zhuhai Municipal Administration for Market Regulation (Zhuhai Intellectual Property Office), Zhuhai 14th Five-Year Plan for the "
        "Development of Intellectual Property [珠海市知识产权事业发展“十四五”规划], issued 10 January 2022, English translation in "
        "Greater Bay Area IP 14th Five-Year Plans, en/plans/zhuhai/ (last visited [date]).",
    ]
    links = page("plans/zhuhai", lang).select(".plan-document details.cite-plan a.cite-url")
    assert [a["href"] for a in links] == [f"../../{'../' if up else ''}plans/zhuhai/", f"../../{'../' if up else ''}en/plans/zhuhai/"]
    # A plan whose issuer and date of issue were not found: the citation leaves them out, invents nothing.
    nansha = _forms(page("plans/nansha", lang).select_one(".plan-document details.cite-plan"))
    assert nansha[0] == "广州市南沙区知识产权保护与发展“十四五”规划[EB/OL]. [引用日期]. plans/nansha/."
    assert nansha[1].startswith("14th Five-Year Plan for Intellectual Property Protection and Development of Nansha District, Guangzhou [")
    assert "issued" not in nansha[1]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cite_box_of_an_item_gives_both_forms(page, lang):
    html = page("plans/guangzhou", lang)
    forms = _forms(html.find(id="gz-t27").find_next("details", class_="cite"))
    assert forms == [
        "广州市知识产权保护和运用“十四五”规划: 任务27“扩大知识产权质押融资规模”[EB/OL]. (2021-11)[引用日期]. plans/guangzhou/#gz-t27.",
        "Guangzhou 14th Five-Year Plan for the Protection and Utilization of Intellectual Property [广州市知识产权保护和运用“十四五”规划], "
        "issued November 2021, Task 27 (“Expand the scale of IP pledge financing”), English translation in Greater Bay Area IP "
        "14th Five-Year Plans, en/plans/guangzhou/#gz-t27 (last visited [date]).",
    ]
    box = _forms(page("plans/zhuhai", lang).find(id="zh-b1").find_parent("aside").select_one("details.cite"))
    assert box[0] == ("珠海市市场监督管理局（珠海市知识产权局）. 珠海市知识产权事业发展“十四五”规划: 专栏1“重点企业知识产权保护工程”"
                      "[EB/OL]. (2022-01-10)[引用日期]. plans/zhuhai/#zh-b1.")
    assert ", issued 10 January 2022, Box 1 (“IP protection project for key enterprises”), " in box[1]


def test_every_item_has_a_cite_box_with_both_forms(site, page):
    for plan in site.plans:
        for lang in ("zh", "en"):
            html = page(f"plans/{plan['id']}", lang)
            for item in site.plan_items(plan):
                anchor = html.find(id=item.id)
                box = anchor.select_one("details.cite") if anchor.name in ("tr", "aside") else anchor.find_next("details", class_="cite")
                if anchor.name == "h4" and "box-title" in anchor.get("class", []):
                    box = anchor.find_parent("aside").select_one("details.cite")
                forms = _forms(box)
                assert len(forms) == 2 and "[EB/OL]" in forms[0] and f"#{item.id}" in forms[0] and f"#{item.id} (last visited" in forms[1], item.id


FOOTNOTE_MARK = re.compile(r"\[\^\d+\]")


def test_no_csv_value_has_a_raw_footnote_mark(site_dir):
    files = sorted((site_dir / "data").glob("*.csv"))
    assert {f.name for f in files} >= {"tasks.csv", "boxes.csv", "indicators.csv", "observations.csv", "context.csv", "sources.csv"}
    for path in files:
        for n, row in enumerate(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")))):
            marked = [value for value in row if FOOTNOTE_MARK.search(value)]
            assert not marked, f"{path.name} row {n}: {marked[0][:80]}"
    names = {row["indicator_zh"] for row in csv.DictReader(io.StringIO((site_dir / "data/context.csv").read_text(encoding="utf-8-sig")))}
    assert "每万人口高价值发明专利拥有量" in names  # the name that carried [^4], now plain


def test_json_footnote_marks_are_documented_and_each_leads_to_a_footnote_of_its_plan(site_dir):
    text = json.loads((site_dir / "data/schema/plan.schema.json").read_text(encoding="utf-8"))["$defs"]["text"]["description"]
    assert "[^N]" in text and "`footnotes`" in text and "`number`" in text
    for plan in json.loads((site_dir / "data/plans.json").read_text(encoding="utf-8"))["plans"]:
        numbers = {fn["number"] for fn in plan.get("footnotes", [])}
        marks = {int(m) for m in re.findall(r"\[\^(\d+)\]", json.dumps(plan, ensure_ascii=False))}
        assert marks <= numbers, plan["id"]
