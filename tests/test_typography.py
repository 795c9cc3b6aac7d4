"""English pages in English typography: Latin colons, brackets and quotation marks; Chinese only where marked as such."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup, Comment

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


def test_no_full_width_punctuation_on_english_pages(site_dir):
    pages = sorted((site_dir / "en").rglob("*.html"))
    assert len(pages) > 50
    offenders = {}
    for file in pages:
        stray = stray_full_width(BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser"))
        if stray:
            offenders[file.relative_to(site_dir).as_posix()] = stray[:3]
    assert offenders == {}


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
