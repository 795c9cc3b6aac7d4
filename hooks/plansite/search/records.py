"""One record per thing a reader opens: the plans' tasks, boxes, indicators and sections, and the theme, glossary and
agency entries, each with the text the index holds and the address it links to."""
from __future__ import annotations

from dataclasses import dataclass

from .. import identity as ident
from ..model import ROLES, Item, Site, iter_blocks
from ..markup import number
from ..numerals import cn_number, roman
from ..strings import numbered, s

KINDS = ("task", "box", "indicator", "section", "theme", "glossary", "agency")


@dataclass
class Record:
    kind: str
    url: str  # relative to the edition's root
    plan: int  # index into Site.plans; -1 for theme, glossary and agency entries
    label: str
    title: str
    text: str
    summary: str = ""  # theme, glossary and agency entries: what their answer card says (description, definition)
    # the text without the page's own labels (牵头单位：, Data source:), which every task or indicator carries: 数据 or
    # "agency" in a query is not found in them; None when the text has no such label
    unlabelled: str | None = None

    @property
    def indexed(self) -> str:
        """The title, then the text; boxes and indicators end with their label (专栏3, Indicator 2), so that a query
        for 专栏 or 指标 finds them."""
        label = self.label if self.kind in ("box", "indicator") else ""
        text = self.text if self.unlabelled is None else self.unlabelled
        return self.title + "\n" + "\n".join(part for part in (text, label) if part)


class Records:
    """Builds the records of one language from the loaded site."""

    def __init__(self, site: Site, lang: str):
        self.site, self.lang = site, lang

    def join(self, parts) -> str:
        return "\n".join(p for p in parts if p)

    def _paragraphs(self, paragraphs) -> str:
        return self.join(ident.paragraph_text(p, self.lang) for p in paragraphs)

    def _labelled(self, key: str, value: str, labelled: bool) -> str:
        return s(key, self.lang) + s("colon", self.lang) + value if labelled else value

    def _responsibility(self, item: Item, labelled: bool = True) -> str:
        resp = item.data.get("responsibility") or {}
        lines = []
        for role in ROLES:
            if role in resp:
                names = s("list_sep", self.lang).join(self.site.agencies[a]["name"][self.lang] for a in resp[role])
                lines.append(self._labelled(role, names, labelled))
        return self.join(lines)

    def _indicator(self, item: Item, table: dict, labelled: bool = True) -> str:
        """What the indicator's row shows besides its name: each quantity with its unit, baseline and target (as the
        table heads them: 基期值（2020年）), and the data source."""
        lines = []
        sep, colon = s("list_sep", self.lang), s("colon", self.lang)
        for m in item.data["measures"]:
            name = ident.plain(m["name"], self.lang) if "name" in m else ""
            unit = ident.plain(m["unit"], self.lang)
            values = [f"{ident.plain(table[key], self.lang)} {number(m[field])}"
                      for key, field in (("baseline_label", "baseline"), ("target_label", "target")) if m.get(field) is not None]
            lines.append(f"{name} ({unit})".strip() + (colon + sep.join(values) if values else ""))
        if "source" in item.data:
            lines.append(self._labelled("data_source", ident.plain(item.data["source"], self.lang), labelled))
        return self.join(lines)

    def section_label(self, chapter: dict, section: dict) -> str:
        return numbered("section_ref", section["number"], self.lang, chapter_cn=cn_number(chapter["number"]), chapter_roman=roman(chapter["number"]))

    def plan_records(self, index: int, plan: dict) -> list[Record]:
        lang = self.lang
        base = ident.page_url(plan)
        out = [Record("section", base, index, "", ident.plain(plan["title"], lang),
                      self.join(ident.plain(p, lang) for p in plan.get("preamble", [])))]
        open_section = None
        for _, chapter, section, block in iter_blocks(plan):
            if section is not open_section:
                open_section = section
                title = ident.plain(section["title"], lang)
                out.append(Record("section", base + "#" + section["id"], index, self.section_label(chapter, section), title, ""))
                section_record = out[-1]
            if "task" in block or "box" in block:
                item = self.site.items[(block.get("task") or block.get("box"))["id"]]
                paragraphs = self._paragraphs(item.data["body"])
                body = self.join([paragraphs, self._responsibility(item)])
                out.append(Record(item.kind, ident.url(item), index, ident.label(item, lang), ident.title(item, lang), body,
                                  unlabelled=self.join([paragraphs, self._responsibility(item, labelled=False)])))
            elif "indicators" in block:
                for number, row in enumerate(block["indicators"]["rows"], start=1):
                    item = self.site.items[row["id"]]
                    label = numbered("indicator_label", number, lang)
                    table = block["indicators"]
                    out.append(Record("indicator", ident.url(item), index, label, ident.title(item, lang), self._indicator(item, table),
                                      unlabelled=self._indicator(item, table, labelled=False)))
            elif "heading" in block:
                section_record.text = self.join([section_record.text, ident.plain(block["heading"], lang), self._paragraphs(block["body"])])
            else:
                section_record.text = self.join([section_record.text, ident.paragraph_text(block, lang)])
        return out

    def entries(self) -> list[Record]:
        lang = self.lang
        out = []
        for theme in self.site.themes.values():
            # what the theme page shows: its description, the wordings it goes by, and the titles of its items
            titles = [ident.title(i, lang) for i in self.site.theme_items(theme["id"])]
            aliases = [a for a in theme.get("aliases", []) if a.isascii() == (lang == "en")]
            description = ident.plain(theme["description"], lang)
            text = self.join([description, " ".join(aliases), *titles])
            out.append(Record("theme", f"themes/{theme['id']}/", -1, "", ident.plain(theme["name"], lang), text, description))
        for term in self.site.glossary:
            other = "en" if lang == "zh" else "zh"
            definition = term["definition"][lang] if "definition" in term else ""
            out.append(Record("glossary", f"glossary/#{ident.term_id(term)}", -1, "", term[lang], self.join([term[other], definition]), definition))
        for agency in self.site.agency_list():
            titles = [ident.plain(ref.title, lang) for refs in self.site.agency_roles(agency["id"]).values() for ref in refs]
            full = agency.get("full_name", {}).get(lang, "")
            out.append(Record("agency", f"agencies/{agency['id']}/", -1, "", agency["name"][lang], self.join([full, *titles]), full))
        return out

    def all(self) -> list[Record]:
        out = []
        for index, plan in enumerate(self.site.plans):
            out += self.plan_records(index, plan)
        return out + self.entries()
