"""The Jinja environment of the generated pages: the templates next to this module, with the filters and globals
they use. Rendering a page gives its Markdown with the raw HTML set aside (rawhtml.py)."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from . import documents, identity, indicators, markup, services, tracking
from .opendata import year_columns
from .model import Site
from .rawhtml import set_aside
from .editions import EDITIONS, SOURCE, Edition
from .strings import SOURCE_LANG, numbered, s
from .texts import CJK

TEMPLATES = Path(__file__).with_name("templates")


class CompiledTemplates(jinja2.BytecodeCache):
    """The templates compiled once for the process. Each build of each edition makes its own environment (its globals
    are that build's data), and each compiled every template again: about 0.3 s per edition, three times per save
    under scripts/serve. Jinja checks each template's source against its checksum, so an edited template is compiled
    anew."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()


def environment(site: Site) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=COMPILED,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        html=markup.html, bare=markup.bare, md=markup.md_heading, front_title=markup.front_title, num=markup.number,
        plain=identity.plain, label=identity.label, ref_label=identity.ref_label, url=identity.url, page_url=identity.page_url,
        item_title=identity.title, excerpt=identity.excerpt, term_id=identity.term_id,
    )
    env.globals.update(
        site=site, s=s, numbered=numbered, attrs=markup.heading_attrs,
        source_lang=SOURCE_LANG, source_edition=SOURCE, to_root=to_root, year_columns=year_columns(site),
        tracked=lambda item, measure=None: tracking.tracked(site, item, measure),
        latest=lambda item, measure=0: tracking.latest(site, item, measure),
        status_of=lambda item, measure=0: tracking.status_of(site, item, measure),
        context_for=lambda item, measure=0: tracking.context_for(site, item, measure),
        status_counts=lambda plan: tracking.status_counts(site, plan),
        searched_for=lambda item: tracking.searched_for(site, item),
        statuses=tracking.STATUSES,
        notes_for=lambda item_id: tracking.notes_for(site, item_id),
        noted_ids=site.noted_ids,
        concept_members=lambda concept: indicators.concept_members(site, concept),
        chart_groups=indicators.chart_groups,
        trajectory=lambda item, index, lang: indicators.trajectory(site, item, index, lang),
        caution_text=indicators.caution_text,
        document=lambda plan: documents.record(site, plan),
        doc_title=lambda plan: documents.title(site, plan),
        doc_status=lambda plan: documents.status(site, plan),
        doc_ended=documents.ended,
        doc_searches=lambda plan: documents.searches_of(site, plan),
        doc_sources=lambda plan: documents.sources_of(site, plan),
        doc_used_by=lambda source_id: documents.used_by(site, source_id),
        citation=lambda plan, item=None: documents.citation(site, plan, item),
        edition_showing=lambda lang: next(e for e in EDITIONS if e.lang == lang),
        place_kinds=services.kinds(site),
        region_places=lambda plan_id: services.region_places(site, plan_id),
        where_for=lambda item: services.for_item(site, item),
        theme_where=lambda theme_id: services.theme_regions(site, theme_id),
        agency_where=lambda agency_id: services.for_agency(site, agency_id),
        agency_place=lambda agency_id: services.agency_place(site, agency_id),
        place_url=services.place_url,
        region_items_to=lambda place, plan: services.items_leading_to(site, place, plan),
        site_plan=lambda plan_id: next(plan for plan in site.plans if plan["id"] == plan_id),
        places_shown=services.SHOWN,
    )
    env.filters.update(en_date=documents.en_date, zh_date=documents.zh_date)
    env.tests["cjk"] = lambda value: bool(CJK.search(str(value)))
    return env


@cache
def html_environment() -> jinja2.Environment:
    """For the templates that are whole HTML pages, not Markdown (redirect pages, the preview's problem page)."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined)


def to_root(edition: Edition, depth: int = 1) -> str:
    """The relative way up to the site's root from a page `depth` folders below its edition's root."""
    return "../" * (depth + (0 if edition.default else 1))


def render(env: jinja2.Environment, template: str, edition: Edition, **context) -> tuple[str, list[str]]:
    """The page's Markdown in an edition (in the language of data/ it shows), with its raw HTML blocks set aside."""
    return set_aside(env.get_template(template).render(lang=edition.lang, edition=edition, **context))
