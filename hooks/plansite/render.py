"""Turning loaded data into page Markdown through the Jinja templates next to this module."""
from __future__ import annotations

import hashlib
import html
import json
import re
from functools import cache
from pathlib import Path

import jinja2
import yaml

from .data import Item, Site
from . import tracking
from .charts import bar_chart, trajectory_chart
from .numerals import cn_number, roman
from .validate import CJK, FOOTNOTE_REF

TEMPLATES = Path(__file__).with_name("templates")
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>])")
ITALIC = re.compile(r"\*([^*\n]+)\*")
# A run of Chinese: ideographs with the full-width punctuation between and around them.
CHINESE_RUN = re.compile(r"([\u3000-\u303f\uff00-\uffef]*[\u3400-\u9fff][\u3000-\u303f\u3400-\u9fff\uff00-\uffef]*)")


@cache
def strings() -> dict:
    return yaml.safe_load(TEMPLATES.parent.joinpath("strings.yaml").read_text(encoding="utf-8"))


def term_id(term: dict) -> str:
    """Anchor of a glossary term, derived from its Chinese wording so that it survives edits of the English."""
    return "term-" + hashlib.sha1(term["zh"].encode("utf-8")).hexdigest()[:8]


def colon(lang: str) -> str:
    """The colon after a label: full-width in Chinese, a Latin colon and a space in English."""
    return "：" if lang == "zh" else ": "


def mark_chinese(escaped: str) -> str:
    """Chinese words quoted in English text (e.g. 专栏), marked as Chinese for fonts, screen readers and search."""
    return CHINESE_RUN.sub(r'<span lang="zh-Hans">\1</span>', escaped)


def heading_attrs(id_: str, cls: str | None = None) -> str:
    """attr_list suffix of a Markdown heading: its stable anchor, identical in both languages."""
    return "{#" + id_ + (f" .{cls}" if cls else "") + "}"


class Renderer:
    """Renders pages for one site in one language."""

    def __init__(self, site: Site):
        self.site = site
        self._per_section: dict[str, bool] = {}
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.globals.update(site=site, s=self.s, cn_number=cn_number, roman=roman, attrs=heading_attrs, colon=colon)
        self.env.filters.update(
            html=self.html, plain=self.plain, md=self.md_heading, num=self.number, label=self.label,
            item_title=self.item_title, excerpt=self.excerpt, term_id=term_id,
            bare=lambda text, lang: html.escape(self.plain(text, lang)),
            front_title=self.front_title,
        )
        self.env.globals.update(
            tracked=lambda item, measure=None: tracking.tracked(site, item, measure),
            latest=lambda item, measure=0: tracking.latest(site, item, measure),
            status_of=lambda item, measure=0: tracking.status_of(site, item, measure),
            context_for=lambda item, measure=0: tracking.context_for(site, item, measure),
            status_counts=lambda plan: tracking.status_counts(site, plan),
            searched_for=lambda item: tracking.searched_for(site, item),
            statuses=tracking.STATUSES,
            trajectory=self.trajectory,
            notes_for=lambda item_id: tracking.notes_for(site, item_id),
            noted_ids={note["item"] for note in site.notes},
            concept_members=self.concept_members,
            chart_groups=self.chart_groups,
        )
        self.env.tests["cjk"] = lambda value: bool(CJK.search(str(value)))

    # -- filters ---------------------------------------------------------
    def s(self, key: str, lang: str) -> str:
        return strings()[key][lang]

    @staticmethod
    def plain(text: dict, lang: str) -> str:
        return FOOTNOTE_REF.sub("", text[lang]).replace("*", "")

    def html(self, text: dict | str, lang: str, plan: dict | None = None) -> str:
        """Escaped HTML of a text: *titles* in italics, [^N] as a footnote link."""
        raw = text if isinstance(text, str) else text[lang]
        out = ITALIC.sub(r"<em>\1</em>", html.escape(raw, quote=True))
        if lang == "en":
            out = mark_chinese(out)
        if plan is None:  # a copy of the text (e.g. the Chinese original on an English page): no anchors
            return FOOTNOTE_REF.sub(r'<sup class="fnref">[\1]</sup>', out)
        code = plan["code"]
        return FOOTNOTE_REF.sub(
            lambda m: f'<sup class="fnref" id="{code}-fnref{m[1]}"><a href="#{code}-fn{m[1]}">[{m[1]}]</a></sup>', out
        )

    def md_heading(self, text: dict | str, lang: str) -> str:
        raw = text if isinstance(text, str) else self.plain(text, lang)
        return MD_SPECIAL.sub(r"\\\1", html.unescape(raw)).replace("&", "&amp;")

    @staticmethod
    def number(value) -> str:
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value)

    def label(self, item: Item, lang: str) -> str:
        """The number of an item as a reader cites it: 13 / 一.2 / Box 3 / 专栏3."""
        data = item.data
        if item.kind == "box":
            return f"专栏{data['number']}" if lang == "zh" else f"Box {data['number']}"
        if item.kind == "task" and self.per_section_numbering(item.plan):
            group = cn_number(item.section["number"]) if lang == "zh" else str(item.section["number"])
            return f"{group}.{data['number']}"
        return str(data.get("number", ""))

    def front_title(self, text: dict | str, lang: str) -> str:
        """A page title for the Markdown front matter: HTML-escaped (the theme prints it as is) and quoted as YAML."""
        raw = text if isinstance(text, str) else self.plain(text, lang)
        return json.dumps(html.escape(raw, quote=False), ensure_ascii=False)

    def item_title(self, item: Item, lang: str) -> str:
        return self.plain(item.data["name"] if item.kind == "indicator" else item.data["title"], lang)

    def paragraph_text(self, paragraph: dict, lang: str) -> str:
        """A paragraph as plain text, its run-in lead included."""
        text = self.plain(paragraph, lang)
        if "lead" in paragraph:
            text = self.plain(paragraph["lead"], lang) + ("" if lang == "zh" else " ") + text
        return text

    def excerpt(self, item: Item, lang: str) -> str:
        """The opening words of an item's text, cut at a word (English) or after 60 characters (Chinese)."""
        text = self.paragraph_text(item.data["body"][0], lang)
        if lang == "zh":
            return text if len(text) <= 60 else text[:60] + "…"
        if len(text) <= 180:
            return text
        return text[:180].rsplit(" ", 1)[0].rstrip(",;:") + " …"

    def concept_members(self, concept: dict) -> list[dict]:
        """The indicator quantities of a concept, in plan order, each with its latest observation."""
        rank = {plan["id"]: n for n, plan in enumerate(self.site.plans)}
        out = []
        for member in concept["members"]:
            item = self.site.items[member["indicator"]]
            index = member.get("measure", 0)
            rows = [t for t in tracking.tracked(self.site, item) if t.observation.get("measure", 0) == index]
            out.append({"item": item, "measure": item.data["measures"][index], "latest": rows[-1] if rows else None})
        return sorted(out, key=lambda m: rank[m["item"].plan["id"]])

    def chart_groups(self, concept: dict, members: list[dict], lang: str) -> list[dict]:
        """One bar chart per unit among the level (not growth-rate) members of a concept."""
        groups: dict[str, list[dict]] = {}
        for m in members:
            if m["item"].data.get("kind") == "growth-rate":
                continue
            groups.setdefault(m["measure"]["unit"]["en"], []).append(m)
        labels = {"baseline": self.s("baseline", lang) + " (2020)", "target": self.s("target", lang) + " (2025)", "missing": self.s("not_published", lang)}
        out = []
        for n, group in enumerate(groups.values(), start=1):
            rows = [{"label": self.plain(m["item"].plan["short_title"], lang), "baseline": m["measure"]["baseline"], "target": m["measure"]["target"]} for m in group]
            out.append({"unit": group[0]["measure"]["unit"], "svg": bar_chart(rows, f"{concept['id']}-chart-{n}", labels)})
        return out

    def trajectory(self, item: Item, index: int, lang: str) -> str:
        """The inline SVG trajectory of one indicator quantity: path, observations and other areas' figures."""
        measure = item.data["measures"][index]
        points = [(tracking.year_of(t.observation["date"]), t.observation["value"], self.number(t.observation["value"])) for t in tracking.tracked(self.site, item, index)]
        series: dict[str, list] = {}
        for c in tracking.context_for(self.site, item, index):
            if c["relation"] == "other-area" and c.get("chart", True):
                series.setdefault(c["area"][lang], []).append((tracking.year_of(c["date"]), c["value"]))
        return trajectory_chart(
            f"traj-{item.id}-{index}", item.plan["period"]["start"] - 1, item.plan["period"]["end"],
            measure["baseline"], measure["target"], item.data.get("kind") == "growth-rate",
            points, list(series.items()), {"target": self.s("target", lang)},
        )

    def per_section_numbering(self, plan: dict) -> bool:
        """True where the plan numbers its tasks afresh in each group (Zhongshan: 一.1 … 四.5)."""
        if plan["id"] not in self._per_section:
            numbers = [i.data["number"] for i in self.site.plan_items(plan, "task")]
            self._per_section[plan["id"]] = len(numbers) != len(set(numbers))
        return self._per_section[plan["id"]]

    # -- pages -----------------------------------------------------------
    def render(self, template: str, lang: str, **context) -> tuple[str, list[str]]:
        """The page's Markdown, with its raw HTML blocks set aside (see set_aside_html)."""
        return set_aside_html(self.env.get_template(template).render(lang=lang, **context))


RAW_MARK = "PLANSITERAW{}X"
RAW_PLACEHOLDER = re.compile(r"<p>PLANSITERAW(\d+)X</p>")


def set_aside_html(markdown: str) -> tuple[str, list[str]]:
    """Replace each raw HTML block of a generated page by a one-word placeholder paragraph.

    Markdown passes raw HTML through unchanged but parses it first, which was most of the build time for the large
    plan pages; the blocks are put back into the converted page by restore_html. Blocks that ask Markdown to look
    inside them (the `markdown` attribute) are left in place.
    """
    chunks, blocks = [], []
    for chunk in markdown.split("\n\n"):
        if chunk.lstrip().startswith("<") and "markdown" not in chunk.split(">", 1)[0]:
            chunks.append(RAW_MARK.format(len(blocks)))
            blocks.append(chunk)
        else:
            chunks.append(chunk)
    return "\n\n".join(chunks), blocks


def restore_html(html_text: str, blocks: list[str]) -> str:
    return RAW_PLACEHOLDER.sub(lambda m: blocks[int(m[1])], html_text)
