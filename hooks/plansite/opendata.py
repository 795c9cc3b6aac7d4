"""Open data in the built site under data/: the plans as JSON, tasks, boxes and indicators as CSV, the places to go
(services.json), the schemas, and the support finder's JSON. Everything is generated from the YAML at build time; nothing here is committed."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from . import documents, tracking
from .editions import EDITIONS
from .finder import finder_data
from .identity import body_text, label, plain, url
from .markup import number
from .traditional import Converter, with_traditional
from .model import Site
from .schema import SCHEMA_DIR


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def _csv(header: list[str], rows: list[list]) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs open the Chinese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _names(site: Site, ids: list[str], lang: str) -> str:
    return "; ".join(site.agencies[a]["name"][lang] for a in ids)


def year_columns(site: Site) -> tuple[str, str]:
    """indicators.csv's columns of baseline and target, named for the plans' base and target years where they share them."""
    years = site.period_years()
    return (f"baseline_{years[0]}", f"target_{years[1]}") if years else ("baseline", "target")


def tables(site: Site) -> dict[str, bytes]:
    def where(item):
        return [plain(item.chapter["title"], "zh"), plain(item.chapter["title"], "en"),
                plain(item.section["title"], "zh"), plain(item.section["title"], "en")]

    tags = lambda item, key: " ".join(item.data.get(key, []))  # noqa: E731
    tasks, boxes, indicators = [], [], []
    for plan in site.plans:
        for item in site.plan_items(plan):
            if item.kind == "task":
                resp = item.data.get("responsibility", {})
                tasks.append([plan["id"], item.id, label(item, "zh"), label(item, "en"), *where(item),
                              plain(item.data["title"], "zh"), plain(item.data["title"], "en"), body_text(item, "zh"), body_text(item, "en"),
                              _names(site, resp.get("lead", []), "zh"), _names(site, resp.get("lead", []), "en"),
                              _names(site, resp.get("cooperating", []), "zh"), _names(site, resp.get("cooperating", []), "en"),
                              _names(site, resp.get("shared", []), "zh"), _names(site, resp.get("shared", []), "en"),
                              tags(item, "themes"), tags(item, "audiences"), tags(item, "support"), url(item)])
            elif item.kind == "box":
                boxes.append([plan["id"], item.id, item.data["number"], *where(item),
                              plain(item.data["title"], "zh"), plain(item.data["title"], "en"), body_text(item, "zh"), body_text(item, "en"),
                              tags(item, "themes"), tags(item, "audiences"), tags(item, "support"), url(item)])
            else:
                for n, m in enumerate(item.data["measures"]):
                    indicators.append([plan["id"], item.id, n, plain(item.data["name"], "zh"), plain(item.data["name"], "en"),
                                       plain(m["name"], "zh") if "name" in m else "", plain(m["name"], "en") if "name" in m else "",
                                       plain(m["unit"], "zh"), plain(m["unit"], "en"), number(m["baseline"]), number(m["target"]),
                                       item.data["attribute"], item.data.get("kind", "level"),
                                       plain(item.data["source"], "zh") if "source" in item.data else "", plain(item.data["source"], "en") if "source" in item.data else "",
                                       tags(item, "themes"), url(item)])
    return {
        "tasks.csv": _csv(["plan", "id", "number_zh", "number_en", "chapter_zh", "chapter_en", "section_zh", "section_en",
                           "title_zh", "title_en", "text_zh", "text_en", "lead_zh", "lead_en", "cooperating_zh", "cooperating_en",
                           "shared_zh", "shared_en", "themes", "audiences", "support", "url"], tasks),
        "boxes.csv": _csv(["plan", "id", "number", "chapter_zh", "chapter_en", "section_zh", "section_en", "title_zh", "title_en",
                           "text_zh", "text_en", "themes", "audiences", "support", "url"], boxes),
        "indicators.csv": _csv(["plan", "id", "measure", "name_zh", "name_en", "measure_zh", "measure_en", "unit_zh", "unit_en",
                                *year_columns(site), "attribute", "kind", "data_source_zh", "data_source_en", "themes", "url"], indicators),
    }


def assessed(site: Site, obs: dict) -> dict:
    """What the status rule and the caution rule (progress.py) say of one observation, for the open data."""
    item = site.items[obs["indicator"]]
    result = tracking.assess(item, item.data["measures"][obs.get("measure", 0)], obs)
    return {"status": result.status, "change_ratio": None if result.ratio is None else round(result.ratio, 2), "caution": result.caution}


def progress_tables(site: Site) -> dict[str, bytes]:
    """Observations, context figures and sources as CSV, one row each, both languages side by side. Texts are plain:
    no footnote marks, no italics marks."""
    def text(entry: dict, key: str) -> list[str]:
        return [plain(entry[key], "zh"), plain(entry[key], "en")] if key in entry else ["", ""]

    def indicator(entry: dict) -> list:
        item = site.items[entry["indicator"]]
        return [item.plan["id"], item.id, entry.get("measure", 0), *text(item.data, "name")]

    def rule(o: dict) -> list:
        a = assessed(site, o)
        return [a["status"], "" if a["change_ratio"] is None else f"{a['change_ratio']:.2f}", "true" if a["caution"] else "false"]

    observations = [
        [*indicator(o), o["value"], o["date"], *text(o, "period"), *text(o, "wording"), o["source"], site.sources[o["source"]]["kind"],
         *text(o, "derived"), *rule(o), *text(o, "caution_note"), *text(o, "note")]
        for o in site.observations
    ]
    context = [
        [*indicator(c), c["relation"], *text(c, "area"), c["value"], *text(c, "unit"), c["date"], *text(c, "period"), *text(c, "wording"),
         c["source"], site.sources[c["source"]]["kind"], *text(c, "derived"), *text(c, "note")]
        for c in site.context
    ]
    sources = [
        [src["id"], *text(src, "title"), *text(src, "publisher"), src["kind"], *text(src, "copy_of"), src["date"], src.get("url", ""), *text(src, "taken")]
        for src in site.sources.values()
    ]
    name_cols = ["plan", "indicator", "measure", "indicator_zh", "indicator_en"]
    return {
        "observations.csv": _csv(name_cols + ["value", "date", "period_zh", "period_en", "wording_zh", "wording_en", "source", "source_kind",
                                              "derived_zh", "derived_en", "status", "change_ratio", "caution", "caution_note_zh", "caution_note_en",
                                              "note_zh", "note_en"], observations),
        "context.csv": _csv(name_cols + ["relation", "area_zh", "area_en", "value", "unit_zh", "unit_en", "date", "period_zh", "period_en",
                                         "wording_zh", "wording_en", "source", "source_kind", "derived_zh", "derived_en", "note_zh", "note_en"], context),
        "sources.csv": _csv(["id", "title_zh", "title_en", "publisher_zh", "publisher_en", "kind", "copy_of_zh", "copy_of_en", "date", "url",
                             "taken_zh", "taken_en"], sources),
    }


def write_open_data(site: Site, site_dir: Path, converter: Converter) -> None:
    """The open data in the official Simplified text; the finder's data also carries the Traditional edition's text.

    Written beside the previous data/ and swapped in when complete: under `mkdocs serve` a reader (or the serve test)
    never meets a half-written folder."""
    final = site_dir / "data"
    out, old = site_dir / "data.writing", site_dir / "data.old"
    for stale in (out, old):
        if stale.exists():
            shutil.rmtree(stale)
    _write_open_data(site, out, converter)
    if final.exists():
        final.rename(old)
    out.rename(final)
    if old.exists():
        shutil.rmtree(old)


def _write_open_data(site: Site, out: Path, converter: Converter) -> None:
    (out / "plans").mkdir(parents=True)
    (out / "schema").mkdir()
    vocabularies = {
        "agencies": list(site.agencies.values()), "themes": list(site.themes.values()),
        "audiences": list(site.audiences.values()), "support": list(site.support.values()),
        "glossary": site.glossary, "concepts": list(site.concepts.values()),
    }
    plans = [{**plan, "document": documents.published(site, plan)} for plan in site.plans]
    (out / "plans.json").write_text(_json({"plans": plans, **vocabularies}), encoding="utf-8")
    for plan in plans:
        (out / "plans" / f"{plan['id']}.json").write_text(_json(plan), encoding="utf-8")
    for name, content in tables(site).items():
        (out / name).write_bytes(content)
    for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
        shutil.copyfile(schema, out / "schema" / schema.name)
    (out / "progress.json").write_text(_json({
        "sources": list(site.sources.values()), "observations": [{**o, **assessed(site, o)} for o in site.observations], "context": site.context,
        "notes": site.notes, "goals": site.goals, "research": site.research,
    }), encoding="utf-8")
    for name, content in progress_tables(site).items():
        (out / name).write_bytes(content)
    (out / "services.json").write_text(_json(site.services), encoding="utf-8")
    finder = finder_data(site)
    for edition in EDITIONS:
        if edition.converted:
            finder = with_traditional(finder, converter, edition.code)
    (out / "finder.json").write_text(json.dumps(finder, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
