"""The Traditional Chinese edition (/zh-hant/): a twin of every Simplified page with the same anchors, converted from
the official Simplified text and nothing else; the editions named in every page's head and in the sitemap."""
from __future__ import annotations

import functools
import re
from pathlib import Path

import opencc
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, parsed, search

HK2S = opencc.OpenCC("hk2s")
S2HK = opencc.OpenCC("s2hk")
CORRECTIONS = yaml.safe_load((ROOT / "data/traditional.yaml").read_text(encoding="utf-8"))["corrections"]
PLANS = sorted(p.stem for p in (ROOT / "data/plans").glob("*.yaml"))


def edition_pages(site_dir: Path, prefix: str) -> dict[str, Path]:
    """address below the edition's root -> built file, for the pages of one edition ("" is the Simplified one)."""
    root = site_dir / prefix if prefix else site_dir
    others = {"en", "zh-hant", "search-index", "data", "assets"}
    pages = {}
    for file in root.rglob("index.html"):
        rel = file.relative_to(root)
        if not prefix and rel.parts[0] in others:
            continue
        pages[rel.parent.as_posix()] = file
    return pages


@functools.cache  # read by two tests
def reader_text(file: Path) -> str:
    """What a reader reads of a page: the text, without code samples, scripts and style sheets, and the attributes that
    are shown or spoken (titles, labels, placeholders, the search box's wording)."""
    soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")  # a parse of its own: the tags go
    for tag in soup(["pre", "code", "script", "style"]):
        tag.decompose()
    shown = [value for tag in soup.find_all(True) for key, value in tag.attrs.items()
             if key in ("title", "aria-label", "placeholder", "alt", "content", "data-words") and isinstance(value, str)]
    return "\n".join([soup.get_text("\n"), *shown])


def to_traditional(text: str) -> str:
    """OpenCC s2hk with the corrections of data/traditional.yaml, written here from the data file alone."""
    for n, c in enumerate(sorted(CORRECTIONS, key=lambda c: -len(c["simplified"]))):
        text = text.replace(c["simplified"], f"\ue010{n}\ue011")
    text = S2HK.convert(text)
    for n, c in enumerate(sorted(CORRECTIONS, key=lambda c: -len(c["simplified"]))):
        text = text.replace(f"\ue010{n}\ue011", c["traditional"])
    return text


def leftovers(text: str) -> list[str]:
    """Places where the page is not the conversion of its own Simplified reading: a Simplified character left in it,
    or a word converted otherwise than OpenCC s2hk (with the corrections) converts it. The page's text is read back
    into Simplified with hk2s and converted again; every difference is shown in context.

    (s2hk applied to the Traditional text itself is not a test of this: OpenCC reads some Traditional phrases as
    Simplified ones, e.g. 說明了 -> 說明瞭 and 體系有 -> 體繫有, rewriting correct Traditional text.)"""
    again = to_traditional(HK2S.convert(text))
    if len(again) != len(text):
        return [f"length changed: {len(text)} -> {len(again)}"]
    return [f"{text[max(0, i - 6):i + 6]!r} -> {again[max(0, i - 6):i + 6]!r}" for i, (a, b) in enumerate(zip(text, again)) if a != b][:5]


def test_the_leftover_check_finds_simplified_characters():
    assert leftovers("本頁文字由官方發佈的簡體中文文本轉換") == []
    assert leftovers("知識產權质押融資") != []  # 质 is Simplified
    assert leftovers("在廣州设立保護中心") != []  # 设


def test_every_simplified_page_has_a_traditional_twin_with_the_same_anchors(site_dir):
    simplified, traditional = edition_pages(site_dir, ""), edition_pages(site_dir, "zh-hant")
    assert len(simplified) > 70 and set(traditional) == set(simplified)
    for path, file in simplified.items():
        twin = parsed(traditional[path])
        assert twin.html["lang"] == "zh-Hant-HK", path
        ids = {tag["id"] for tag in parsed(file).select("article [id]")}
        assert ids == {tag["id"] for tag in twin.select("article [id]")}, path


def test_traditional_pages_hold_no_simplified_text(site_dir):
    problems = {}
    pages = edition_pages(site_dir, "zh-hant")
    for path, file in pages.items():
        text = reader_text(file)
        assert re.search(r"[\u4e00-\u9fff]", text), path
        found = leftovers(text)
        if found:
            problems[path] = found
    assert problems == {}


def test_the_interface_is_in_traditional_characters(page):
    home = page("", "zh-hant")
    assert "大灣區知識產權“十四五”規劃" in home.title.get_text()
    search_box = home.select_one("form.site-header-search")
    assert search_box["action"].endswith("search/") and "zh-hant" in search_box["data-index"]
    assert "搜索規劃" in search_box.select_one("input")["placeholder"]
    assert "結果" in search_box["data-words"]  # the wording of the suggestions, as text
    finder = page("finder", "zh-hant")
    assert finder.select_one("#finder-results")["data-lang"] == "zh-hant"
    assert "支持政策查找" in finder.title.get_text()


BLOCKS = "article :is(h1, h2, h3, h4, p, li, dt, dd, th, td, summary, caption):not(.edition-note)"


@pytest.mark.parametrize("plan", PLANS)
def test_plan_text_converts_back_to_the_simplified_source_element_by_element(page, plan):
    """Every paragraph, heading, list item and table cell of the Traditional plan page, read back with OpenCC hk2s, is
    the Simplified page's, character for character, in the same order."""
    simplified = [e.get_text() for e in page(f"plans/{plan}").select(BLOCKS)]
    traditional = [e.get_text() for e in page(f"plans/{plan}", "zh-hant").select(BLOCKS)]
    assert len(simplified) > 100 and len(traditional) == len(simplified)
    wrong = [(s, t) for s, t in zip(simplified, traditional) if HK2S.convert(t) != s]
    assert wrong == []
    assert sum(s != t for s, t in zip(simplified, traditional)) > len(simplified) // 2  # converted, not copied


def test_every_chinese_field_of_the_plans_round_trips():
    """Each Chinese text of data/plans/, converted as the edition converts it and read back with OpenCC hk2s, is the
    published text exactly, field by field (the corrections included)."""
    import sys

    sys.path.insert(0, str(ROOT / "hooks"))
    from plansite.texts import walk_texts

    checked, wrong = 0, []
    for plan in PLANS:
        data = yaml.safe_load((ROOT / f"data/plans/{plan}.yaml").read_text(encoding="utf-8"))
        for path, text in walk_texts(data):
            checked += 1
            if HK2S.convert(to_traditional(text["zh"])) != text["zh"]:
                wrong.append(f"{plan}: {'.'.join(map(str, path))}")
    assert checked > 600 and wrong == []


def test_corrections_apply_where_opencc_goes_wrong(site_dir):
    """Each correction of data/traditional.yaml shows in the Traditional pages, and OpenCC's own rendering does not."""
    pages = {path: reader_text(file) for path, file in edition_pages(site_dir, "zh-hant").items()}
    simplified = {path: reader_text(file) for path, file in edition_pages(site_dir, "").items()}
    for c in CORRECTIONS:
        where = [path for path, text in simplified.items() if c["simplified"] in text]
        assert where, c["simplified"]
        wrong = S2HK.convert(c["simplified"])
        for path in where:
            assert c["traditional"] in pages[path], (c["simplified"], path)
            assert wrong not in pages[path], (c["simplified"], path)


def test_plan_pages_say_where_their_text_comes_from(page, server):
    for plan in PLANS:
        note = page(f"plans/{plan}", "zh-hant").select_one("article .edition-note")
        assert note is not None and "簡體中文文本" in note.get_text() and "OpenCC" in note.get_text()
        assert note.a["href"] == f"../../../plans/{plan}/"
    assert page("plans/guangzhou").select_one(".edition-note") is None


def test_open_data_is_said_to_be_simplified_in_every_edition(page, site_dir):
    assert "简体中文原文" in page("downloads").get_text()
    assert "簡體中文原文" in page("downloads", "zh-hant").get_text()
    assert "Simplified characters" in page("downloads", "en").get_text()
    for href in [a["href"] for a in page("downloads", "zh-hant").select("article a[href$='.csv']")]:
        assert (site_dir / "zh-hant/downloads" / href).resolve().is_file(), href
    plans = (site_dir / "data/plans.json").read_text(encoding="utf-8")
    assert "知识产权" in plans and "知識產權" not in plans


ALTERNATES = ["zh-Hans", "zh-Hant", "en", "x-default"]


def test_every_page_names_its_editions_in_its_head(site_dir):
    checked = 0
    for file in site_dir.rglob("index.html"):
        rel = file.relative_to(site_dir)
        if rel.parts[0] in ("search-index", "data", "assets"):
            continue
        links = parsed(file).head.select("link[rel=alternate][hreflang]")
        assert [link["hreflang"] for link in links] == ALTERNATES, rel
        targets = {link["hreflang"]: (file.parent / link["href"]).resolve() for link in links}
        for target in targets.values():
            assert (target / "index.html").is_file() or target.is_file(), (rel, target)
        assert targets["x-default"] == targets["zh-Hans"]
        assert (file.parent / "index.html").resolve() == (targets[{"en": "en", "zh-hant": "zh-Hant"}.get(rel.parts[0], "zh-Hans")] / "index.html")
        checked += 1
    assert checked > 220


def test_the_sitemap_pairs_the_editions(site_dir):
    from xml.etree import ElementTree

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ElementTree.parse(site_dir / "sitemap.xml").getroot().findall("s:url", ns)
    assert len(urls) > 220
    for url in urls:
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        assert sorted(links) == sorted(ALTERNATES), url.find("s:loc", ns).text
        assert links["x-default"] == links["zh-Hans"]
        assert links["zh-Hant"].startswith("zh-hant/") and links["en"].startswith("en/")
    traditional = [u for u in urls if u.find("s:loc", ns).text.startswith("zh-hant/")]
    assert len(traditional) == len(urls) // 3


def result_links(tab, server: str, prefix: str, query: str) -> list[str]:
    """The results page's links, each as the address below its edition's root."""
    search(tab, server, prefix, query)
    hrefs = tab.eval_on_selector_all("[data-search-result] a", "els => els.map(e => e.href)")
    assert all(h.startswith(f"{server}{prefix}/") for h in hrefs), hrefs
    return [h[len(f"{server}{prefix}/"):] for h in hrefs]


@pytest.mark.parametrize("query, named", [("專業鎮", ["製造業", "產業集羣"]), ("沙發", ["傢俱", "紅木"]),
                                          ("專利貸款", ["質押融資"]), ("藥品專利鏈接", ["生物醫藥", "專利導航"])])
def test_the_terms_a_traditional_results_page_names_are_written_as_its_pages_write_them(results_tab, server, query, named):
    """The plans' terms a reader's word led to, and the wordings suggested, in the forms of the edition's own
    conversion (製造業 and 傢俱 as whole words, not character by character: 制造業, 家具)."""
    result_links(results_tab, server, "/zh-hant", query)
    said = " ".join(results_tab.inner_text(s) for s in (".search-note", ".search-status", ".search-help")
                    if results_tab.is_visible(s))
    assert all(term in said for term in named), said
    assert leftovers(said) == []


@pytest.mark.parametrize("traditional, simplified", [("質押融資", "质押融资"), ("海外維權", "海外维权"), ("專利導航", "专利导航"),
                                                     ("澳門", "澳门"), ("知識產權保險", "知识产权保险"), ("商標註冊", "商标注册")])
def test_a_traditional_query_finds_what_its_simplified_twin_finds_on_both_editions(results_tab, server, traditional, simplified):
    wanted = result_links(results_tab, server, "", simplified)
    assert len(wanted) >= 3
    assert result_links(results_tab, server, "", traditional) == wanted
    assert result_links(results_tab, server, "/zh-hant", traditional) == wanted
    assert result_links(results_tab, server, "/zh-hant", simplified) == wanted


def test_traditional_results_are_shown_in_traditional_and_lead_to_traditional_pages(results_tab, server):
    assert result_links(results_tab, server, "/zh-hant", "质押融资")  # links checked by result_links()
    shown = results_tab.inner_text(".search-results") + results_tab.inner_text(".search-answer")
    assert "質押融資" in shown and leftovers(shown) == []
    assert results_tab.locator(".search-results mark").first.inner_text() == "質押融資"
    assert "條結果" in results_tab.inner_text(".search-status")
