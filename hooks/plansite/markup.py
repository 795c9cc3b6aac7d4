"""Texts of the data files written out as HTML or Markdown: escaping, *titles* in italics, footnote links, and the
Chinese quoted in English marked as Chinese."""
from __future__ import annotations

import html as html_lib
import json
import re

from .identity import plain
from .strings import SOURCE_LANG
from .texts import FOOTNOTE_REF

MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>])")
ITALIC = re.compile(r"\*([^*\n]+)\*")
# A run of Chinese: ideographs with the full-width punctuation between and around them.
CHINESE_RUN = re.compile(r"([\u3000-\u303f\uff00-\uffef]*[\u3400-\u9fff][\u3000-\u303f\u3400-\u9fff\uff00-\uffef]*)")


def mark_chinese(escaped: str) -> str:
    """Chinese words quoted in English text (e.g. 专栏), marked as Chinese for fonts, screen readers and search."""
    return CHINESE_RUN.sub(r'<span lang="zh-Hans">\1</span>', escaped)


def html(text: dict | str, lang: str, plan: dict | None = None) -> str:
    """Escaped HTML of a text: *titles* in italics, [^N] as a footnote link to the plan's note (a bare marker where
    no plan is given, as in a copy of the text such as the Chinese original on an English page)."""
    raw = text if isinstance(text, str) else text[lang]
    out = ITALIC.sub(r"<em>\1</em>", html_lib.escape(raw, quote=True))
    if lang != SOURCE_LANG:
        out = mark_chinese(out)
    if plan is None:
        return FOOTNOTE_REF.sub(r'<sup class="fnref">[\1]</sup>', out)
    code = plan["code"]
    return FOOTNOTE_REF.sub(
        lambda m: f'<sup class="fnref" id="{code}-fnref{m[1]}"><a href="#{code}-fn{m[1]}">[{m[1]}]</a></sup>', out
    )


def bare(text: dict, lang: str) -> str:
    """Plain text, HTML-escaped."""
    return html_lib.escape(plain(text, lang))


def md_heading(text: dict | str, lang: str) -> str:
    """Text for a Markdown heading or link: Markdown's special characters escaped."""
    raw = text if isinstance(text, str) else plain(text, lang)
    return MD_SPECIAL.sub(r"\\\1", html_lib.unescape(raw)).replace("&", "&amp;")


def front_title(text: dict | str, lang: str) -> str:
    """A page title for the Markdown front matter: HTML-escaped (the theme prints it as is) and quoted as YAML."""
    raw = text if isinstance(text, str) else plain(text, lang)
    return json.dumps(html_lib.escape(raw, quote=False), ensure_ascii=False)


def heading_attrs(id_: str, cls: str | None = None) -> str:
    """attr_list suffix of a Markdown heading: its stable anchor, identical in both languages."""
    return "{#" + id_ + (f" .{cls}" if cls else "") + "}"


def number(value) -> str:
    """A figure as the plans write it: 12.0 -> 12; nothing for a missing value."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)
