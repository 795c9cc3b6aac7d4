"""Each edition in its own typography. English pages: Latin colons, brackets and quotation marks, Chinese only where
marked as such. Chinese pages (every edition whose <html lang> starts with "zh"): full-width punctuation after Chinese
text, English only where marked as such."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from conftest import ROOT, parsed

FULL_WIDTH = re.compile(r"[\u3000-\u303f\uff00-\uffef]")  # CJK punctuation (、。《》「」【】) and full-width forms (：，（）)
CJK = re.compile(r"[\u3400-\u9fff]")
CHINESE = {"lang": re.compile(r"^zh")}


def stray_full_width(html: BeautifulSoup) -> list[str]:
    """Full-width punctuation in text that is not inside an element marked as Chinese (code samples aside)."""
    found = []
    for node in html.find_all(string=FULL_WIDTH):
        if isinstance(node, Comment) or node.find_parent(["script", "style", "code", "pre"]) or node.find_parent(attrs=CHINESE):
            continue
        found.append(node.strip()[:60])
    return found


@pytest.fixture(scope="module")
def english_pages(site_dir) -> dict[str, BeautifulSoup]:
    pages = {file.relative_to(site_dir).as_posix(): parsed(file) for file in sorted((site_dir / "en").rglob("*.html"))}
    assert len(pages) > 50
    return pages


def _offenders(pages: dict[str, BeautifulSoup], check) -> dict[str, list[str]]:
    return {path: found[:3] for path, html in pages.items() if (found := check(html))}


def test_no_full_width_punctuation_on_english_pages(english_pages):
    assert _offenders(english_pages, stray_full_width) == {}


def test_the_check_finds_full_width_punctuation():
    html = BeautifulSoup('<p>Region：Guangzhou <span lang="zh-Hans">广州（南沙）</span></p><pre>zh: 例子。</pre>', "html.parser")
    assert stray_full_width(html) == ["Region：Guangzhou"]


@pytest.mark.parametrize("plan", ["guangzhou", "nansha"])
def test_english_plan_labels_use_latin_colons(page, plan):
    meta = [span.get_text() for span in page(f"plans/{plan}", "en").select(".plan-meta span")]
    assert meta[0].startswith("Region: ") and meta[1].startswith("Level: ") and meta[2].startswith("Period: 2021")


def test_chinese_words_in_english_text_are_marked_as_chinese(page):
    """The glossary's English definitions quote Chinese names; each such run carries lang="zh-Hans"."""
    quoted = [node for cell in page("glossary", "en").select("tbody td") for node in cell.find_all(string=CJK)]
    assert quoted, "the glossary's English definitions no longer quote Chinese: pick another page for this test"
    assert [node for node in quoted if not node.find_parent(attrs=CHINESE)] == []



# The style sheet (/work/shared/reference/terminology.md) puts commas and full stops outside closing quotation marks,
# as the other plans do: a full stop stays inside only when the quotation is a whole sentence of its own (after a
# colon or at the start of a sentence), as in the maintainer guide's examples.
QUOTE_END = re.compile(r"“[^“”]*?([,.])”")
BLOCKS = ["p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption", "blockquote"]


def punctuation_inside_quotes(html: BeautifulSoup) -> list[str]:
    found = []
    for block in html.find_all(BLOCKS):
        if block.find_parent(["code", "pre"]) or block.find_parent(attrs=CHINESE):
            continue
        text = block.get_text()
        for m in QUOTE_END.finditer(text):
            before = text[:m.start()].rstrip()
            if m[1] == "." and (not before or before[-1] in ":.?!"):
                continue
            found.append(m[0])
    return sorted(set(found))


def test_commas_and_full_stops_go_outside_closing_quotation_marks(english_pages):
    assert _offenders(english_pages, punctuation_inside_quotes) == {}


def test_the_quotation_check_finds_punctuation_inside():
    html = BeautifulSoup(
        "<p>became a “National IP Demonstration City,” and held 15 “China Well-Known Trademarks.” Then “Iron Fist”, "
        "“Blue Sky”.</p><li>For example: “The city set up a system.” Never “We will …”.</li>", "html.parser",
    )
    assert punctuation_inside_quotes(html) == ["“China Well-Known Trademarks.”", "“National IP Demonstration City,”"]

# Chinese pages. ASCII punctuation touching Chinese text: a Chinese character then , : ; ? ! ( ) [ ] " ' or a full
# stop that ends a sentence, or an opening bracket or quotation mark then a Chinese character.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
ASCII_AFTER_CHINESE = re.compile(rf"[{HAN}][ \t]*(?:[,:;?!()\[\]\"']|\.(?=\s|$|\x00))|[(\[\"'][ \t]*[{HAN}]")
NOT_TEXT = {"script", "style", "code", "pre", "svg", "template", "kbd", "samp"}
# Elements that continue the running text of their parent; any other element starts or ends a block of text.
INLINE = {"a", "abbr", "b", "bdi", "cite", "data", "del", "dfn", "em", "i", "ins", "label", "mark", "q", "s", "small", "span",
          "strong", "sub", "time", "u", "var"}
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
HTML_LANG = re.compile(r'<html lang="([^"]+)"')


def _text_runs(node: Tag, out: list[str]) -> None:
    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            out.append(str(child))
        elif isinstance(child, Tag):
            lang = child.get("lang", "zh")
            # Code, footnote marks ([1]) and passages in another language are not Chinese running text; nor is a
            # GB/T 7714 citation, whose marks (". : [EB/OL]") the standard fixes.
            if child.name in NOT_TEXT or child.name == "sup" or "cite-gbt" in child.get("class", []) or not lang.lower().startswith("zh"):
                out.append("\x00")
                continue
            block = child.name not in INLINE
            out.append("\x00" if block else "")
            _text_runs(child, out)
            out.append("\x00" if block else "")


def ascii_after_chinese(html: BeautifulSoup) -> list[str]:
    """ASCII punctuation against Chinese text (with the characters around it), in running text and in the
    attributes a reader hears or sees (title, aria-label, placeholder, alt)."""
    runs: list[str] = []
    _text_runs(html, runs)
    text = re.sub(r"[ \t\r\n]+", " ", "".join(runs))
    found = [text[m.start():m.end() + 1].strip(" \x00") for m in ASCII_AFTER_CHINESE.finditer(text)]  # with the next character
    for element in html.find_all(lambda e: any(e.has_attr(a) for a in ATTRIBUTES)):
        if element.find_parent(attrs={"lang": re.compile(r"^(?!zh)")}) or not element.get("lang", "zh").startswith("zh"):
            continue
        for attribute in ATTRIBUTES:
            found += [f"{attribute}={m[0]}" for m in ASCII_AFTER_CHINESE.finditer(element.get(attribute, ""))]
    return found


def _verbatim(node) -> list[str]:
    if isinstance(node, dict):
        return ([node["zh"]] if isinstance(node.get("zh"), str) else []) + [s for v in node.values() for s in _verbatim(v)]
    if isinstance(node, list):
        return [s for v in node for s in _verbatim(v)]
    return []


# The plans' own Chinese is published verbatim, and in two places it has ASCII punctuation (Zhuhai: "能力,优化").
PLANS_VERBATIM = "\n".join(s for f in sorted((ROOT / "data/plans").glob("*.yaml")) for s in _verbatim(yaml.safe_load(f.read_text(encoding="utf-8"))))


def chinese_editions(site_dir: Path) -> dict[Path, str]:
    """Every page whose <html lang> starts with "zh", with that language."""
    pages = {}
    for file in sorted(site_dir.rglob("*.html")):
        match = HTML_LANG.search(file.read_text(encoding="utf-8")[:2000])
        if match and match[1].lower().startswith("zh"):
            pages[file] = match[1]
    return pages


def _marks(hits) -> Counter:
    return Counter(re.sub(f"[{HAN}]", "", hit) for hit in hits)


def test_chinese_pages_use_full_width_punctuation(site_dir):
    pages = chinese_editions(site_dir)
    assert len(pages) > 50
    root_lang = pages[site_dir / "index.html"]
    found = {file.relative_to(site_dir): ascii_after_chinese(parsed(file)) for file in pages}
    offenders = {}
    for path, hits in found.items():
        if pages[site_dir / path] == root_lang:
            # The plans' own Chinese, quoted: its marks are the plans'.
            kept = [hit for hit in hits if hit not in PLANS_VERBATIM]
        else:
            # Another Chinese edition is converted from the root's, page by page under its own prefix: the marks its
            # twin quotes from the plans are the plans' own, converted.
            quoted = _marks(hit for hit in found.get(Path(*path.parts[1:]), []) if hit in PLANS_VERBATIM)
            kept = [hit for hit in hits if not _take(quoted, hit)]
        if kept:
            offenders[path.as_posix()] = kept[:5]
    assert offenders == {}


def _take(marks: Counter, hit: str) -> bool:
    mark = re.sub(f"[{HAN}]", "", hit)
    if marks[mark] > 0:
        marks[mark] -= 1
        return True
    return False


def test_the_chinese_check_finds_ascii_punctuation():
    html = BeautifulSoup(
        '<p>层级: 市级 <strong>规划未列出</strong> (规划)，背景数字, 广州。</p><p>共 3 项. 见<a href="#">来源</a>.</p>'
        '<p>指标[<span lang="en">Indicator (1): x</span>]</p><pre>编码: utf-8</pre><p>专利申请量<sup>[1]</sup> 1+1+N、件/年</p>'
        '<a title="上一页: 搜索" href="#">上一页</a>',
        "html.parser",
    )
    assert ascii_after_chinese(html) == ["级:", "出 (规", "划)，", "字,", "项.", "源.", "标[", "title=页:"]


def test_heading_links_are_titled_in_the_pages_language(site_dir):
    titles: dict[str, Counter] = {}
    for file in sorted(site_dir.rglob("*.html")):
        html = file.read_text(encoding="utf-8")
        lang = HTML_LANG.search(html[:2000])[1]
        titles.setdefault(lang, Counter()).update(re.findall(r'<a class="headerlink" href="[^"]*" title="([^"]*)"', html))
    assert titles.keys() >= {"zh-Hans", "en"} and all(sum(c.values()) > 100 for c in titles.values())
    for lang, counts in titles.items():
        for title in counts:
            if lang.startswith("zh"):
                assert re.search(f"[{HAN}]", title) and not re.search("[A-Za-z]", title), (lang, title)
            else:
                assert not re.search(f"[{HAN}]", title), (lang, title)
