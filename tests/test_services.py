"""Where to go: /data/services.json against its schema and covering every region; a "where to go" link beside every
task and box of every plan, leading to a place listed on that region's page; region pages reached from the home page;
theme and agency pages naming their places."""
from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from conftest import PLAN_FACTS

PLANS = list(PLAN_FACTS)
LANGS = ["zh", "en"]


@pytest.fixture(scope="module")
def services(site_dir) -> dict:
    return json.loads((site_dir / "data/services.json").read_text(encoding="utf-8"))


def test_services_json_matches_its_published_schema(site_dir, services):
    schemas = [json.loads(p.read_text(encoding="utf-8")) for p in (site_dir / "data/schema").glob("*.schema.json")]
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas)
    schema = next(s for s in schemas if s["$id"] == "services.schema.json")
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in Draft202012Validator(schema, registry=registry).iter_errors(services)]
    assert errors == []


def test_every_region_has_places_each_confirmed_at_a_source(services):
    for plan in PLANS:
        serving = [p for p in services["places"] if p["region"] == plan or plan in p.get("also_serves", [])]
        assert serving, plan
        assert any(p["kind"] == "hotline" for p in serving), plan
        own = [p for p in services["places"] if p["region"] == plan]
        assert own, plan
    for place in services["places"]:
        confirmed = {c for source in place["sources"] for c in source["confirms"]}
        for field in ("url", "address", "phone"):
            if field in place:
                assert field in confirmed, (place["id"], field)
        assert "url" in place or "address" in place or "phone" in place, place["id"]
        assert all(s["url"].startswith(("http://", "https://")) for s in place["sources"])


def test_every_place_left_out_records_its_search(services):
    assert services["searched"]
    for entry in services["searched"]:
        assert entry["query"] and entry["corpus"] == "pages" and entry["region"] in PLANS


def _where(page, plan: str, lang: str) -> dict[str, list]:
    """Every task and box of a plan page -> the links of its "where to go" line."""
    html = page(f"plans/{plan}", lang)
    found = {}
    for heading in html.select("h4.task-heading"):
        found[heading["id"]] = heading.find_next_sibling("div").select("p.where-to-go a")
    for box in html.select("aside.box"):
        found[box.select_one("h4.box-title")["id"]] = box.select("p.where-to-go a")
    return found


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("plan", PLANS)
def test_every_task_and_box_says_where_to_go_in_its_own_region(page, plan, lang):
    where = _where(page, plan, lang)
    assert len(where) == PLAN_FACTS[plan]["tasks"] + PLAN_FACTS[plan]["boxes"]
    region_page = page(f"services/{plan}", lang)
    listed = {section["aria-labelledby"] for section in region_page.select("section.place")}
    for anchor, links in where.items():
        assert links, anchor
        for link in links:
            target, _, place = link["href"].partition("#")
            assert target == f"../../services/{plan}/", (anchor, link["href"])
            assert not place or place in listed, (anchor, place)


@pytest.mark.parametrize("lang", LANGS)
def test_region_pages_are_linked_from_the_home_page_and_list_sourced_places(page, services, lang):
    home = page("", lang)
    linked = {a["href"] for a in home.select("ul.home-services a")}
    assert linked == {f"services/{plan}/" for plan in PLANS}
    for plan in PLANS:
        region = page(f"services/{plan}", lang)
        for section in region.select("section.place"):
            place = next(p for p in services["places"] if p["id"] == section["aria-labelledby"])
            text = section.get_text(" ")
            assert place["name"][lang] in text
            assert all(s["url"] in [a["href"] for a in section.select(".place-sources a")] for s in place["sources"])
            if "address" in place:
                assert place["address"][lang] in text
            if "url" in place:
                assert section.select_one(f'a[href="{place["url"]}"]') is not None


def test_a_theme_page_says_where_to_go_in_each_region(page):
    theme = page("themes/protection-centers", "en")
    rows = theme.select("#where-to-go + ul > li")
    assert len(rows) == len(PLANS)
    assert all(row.select("a[href*='services/']") for row in rows)


def test_the_agency_page_of_an_office_gives_its_address_and_website(page, services):
    office = next(p for p in services["places"] if p.get("agency") == "gz-amr")
    agency = page("agencies/gz-amr", "zh")
    block = agency.select_one("p.agency-place")
    assert office["address"]["zh"] in block.get_text() and block.select_one(f'a[href="{office["url"]}"]')
    assert agency.select("#where-to-go + ul a[href*='services/guangzhou']")
