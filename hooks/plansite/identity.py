"""An item's identity as readers and programs see it: its label (13, 一.2, Box 3, 专栏3), its address, its title and
its plain text. The pages, the cite box, the finder, the open data and the search index all take them from here."""
from __future__ import annotations

import hashlib

from .model import Item, Responsibility
from .strings import numbered, s
from .texts import FOOTNOTE_REF


def page_url(plan: dict) -> str:
    """A plan page's address, from the root of a language's site."""
    return f"plans/{plan['id']}/"


def url(item: Item) -> str:
    """An item's permanent address, from the root of a language's site: its anchor is the same in every language."""
    return f"{page_url(item.plan)}#{item.id}"


def label(item: Item, lang: str) -> str:
    """The number of an item as a reader cites it: 13 / 一.2 / Box 3 / 专栏3; indicators have none."""
    data = item.data
    if item.kind == "box":
        return numbered("box_label", data["number"], lang)
    if item.numbered_in_section:
        return numbered("task_label_in_section", item.section["number"], lang, task=data["number"])
    return str(data.get("number", ""))


def ref_label(ref: Responsibility, lang: str) -> str:
    """How a responsibility is cited: its task's label, or the safeguard section's."""
    return label(ref.item, lang) if ref.item else numbered("safeguard_label", ref.number, lang)


def plain(text: dict, lang: str) -> str:
    """A text without its markup: no footnote markers, no italics marks."""
    return FOOTNOTE_REF.sub("", text[lang]).replace("*", "")


def title(item: Item, lang: str) -> str:
    return plain(item.data["name"] if item.kind == "indicator" else item.data["title"], lang)


def paragraph_text(paragraph: dict, lang: str) -> str:
    """A paragraph as plain text, its run-in lead included."""
    text = plain(paragraph, lang)
    if "lead" in paragraph:
        text = plain(paragraph["lead"], lang) + s("word_sep", lang) + text
    return text


def body_text(item: Item, lang: str) -> str:
    """A task's or box's text, one paragraph a line."""
    return "\n".join(paragraph_text(p, lang) for p in item.data["body"])


def excerpt(item: Item, lang: str) -> str:
    return body_excerpt(item.data["body"], lang)


def body_excerpt(body: list[dict], lang: str) -> str:
    """The opening words of a text: 60 characters of Chinese, or up to 180 characters of English cut at a word."""
    text = paragraph_text(body[0], lang)
    if lang == "zh":
        return text if len(text) <= 60 else text[:60] + "…"
    if len(text) <= 180:
        return text
    return text[:180].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def term_id(term: dict) -> str:
    """Anchor of a glossary term, derived from its Chinese wording so that it survives edits of the English."""
    return "term-" + hashlib.sha1(term["zh"].encode("utf-8")).hexdigest()[:8]
