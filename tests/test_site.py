"""The built HTML, checked as a reader would: structure, counts, figures, languages and anchors."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import PLAN_FACTS, ROOT, parsed

CJK = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
PLANS = list(PLAN_FACTS)
CHAPTER = {"zh": re.compile(r"^[一二三四五六七八九十]+、"), "en": re.compile(r"^[IVX]+\. ")}
GROUP_HEADING = {"chapter": "h2", "section": "h3"}
CN = "一二三四五六七八九十"


def task_label(heading, lang: str) -> str:
    """The number a reader cites a task by, as its heading shows it: 13, 一.2 (Chinese) or 1.2 (English)."""
    text = heading.get_text()
    return text.split("\u3000")[0] if lang == "zh" else text.split(". ")[0]


@pytest.mark.parametrize("plan", PLANS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tasks_are_numbered_and_grouped_as_published(page, plan, lang):
    groups = PLAN_FACTS[plan]["task_groups"]
    assert sum(groups["sizes"]) == PLAN_FACTS[plan]["tasks"], "plan_facts.yaml: group sizes do not add up"
    headings = page(f"plans/{plan}", lang).select("article h4.task-heading")
    by_group: dict[str, list] = {}
    for h in headings:
        by_group.setdefault(h.find_previous(GROUP_HEADING[groups["by"]])["id"], []).append(h)
    assert [len(g) for g in by_group.values()] == groups["sizes"]
    if groups["numbering"] == "continuous":
        expected = [str(n) for n in range(1, len(headings) + 1)]
    else:
        expected = [f"{CN[g] if lang == 'zh' else g + 1}.{k}" for g, size in enumerate(groups["sizes"]) for k in range(1, size + 1)]
    labels = [task_label(h, lang) for h in headings]
    assert labels == expected
    # The anchor of a task carries its number: #ns-t13 is task 13, #zs-t1-2 is task 一.2.
    for h, label in zip(headings, labels):
        number = label if groups["numbering"] == "continuous" else "-".join(str(CN.index(part) + 1) if part in CN else part for part in label.split("."))
        assert h["id"].endswith(f"-t{number}"), (h["id"], label)


@pytest.mark.parametrize("plan", PLANS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chapters_boxes_and_indicators_of_each_plan(page, plan, lang):
    facts = PLAN_FACTS[plan]
    article = page(f"plans/{plan}", lang).select_one("article")
    chapters = [h for h in article.select("h2") if CHAPTER[lang].match(h.get_text())]
    assert len(chapters) == facts["chapters"]
    safeguards = []  # the sections of the last chapter
    for heading in chapters[-1].find_all_next(["h2", "h3"]):
        if heading.name == "h2":
            break
        safeguards.append(heading)
    assert len(safeguards) == facts["safeguards"]
    boxes = [b.get_text() for b in article.select("aside.box .box-number")]
    assert boxes == [("专栏{}" if lang == "zh" else "Box {}").format(n) for n in range(1, facts["boxes"] + 1)]
    shown = list(dict.fromkeys(tr["data-indicator"] for tr in article.select("tr.indicator-row")))
    assert shown == [row["id"] for row in facts["indicators"]]


def test_home_page_lists_every_plan_with_counts(page):
    for lang in ("zh", "en"):
        rows = page("", lang).select(".home-plans [data-plan]")
        assert sorted(r["data-plan"] for r in rows) == sorted(PLANS), "each plan on the site needs its entry in tests/plan_facts.yaml"
        assert [r["data-plan"] for r in rows] == ["guangzhou", "nansha", "zhuhai", "zhongshan"]
        counts = {r["data-plan"]: tuple(int(r.select_one(f'[data-count="{k}"]').get_text()) for k in ("task", "box", "indicator")) for r in rows}
        assert counts == {plan: (f["tasks"], f["boxes"], len(f["indicators"])) for plan, f in PLAN_FACTS.items()}


def test_nansha_indicator_names_in_both_languages(page):
    assert page("plans/nansha", "zh").find("tr", id="ns-i1").select_one(".indicator-name").get_text() == "每万人口高价值发明专利拥有量"
    en = page("plans/nansha", "en").find("tr", id="ns-i1").th
    assert en.select_one(".indicator-name").get_text().lower().startswith("number of high-value invention patents per 10,000 people")
    assert en.find(lang="zh-Hans").get_text() == "每万人口高价值发明专利拥有量"


@pytest.mark.parametrize("plan", PLANS)
def test_anchors_identical_in_both_languages(page, plan):
    code = page(f"plans/{plan}", "zh").select_one("h2[id]")["id"].split("-")[0]
    ids = {lang: [e["id"] for e in page(f"plans/{plan}", lang).select("article [id]") if e["id"].startswith(code + "-")] for lang in ("zh", "en")}
    assert ids["zh"] == ids["en"]
    facts = PLAN_FACTS[plan]
    assert len(ids["zh"]) >= facts["chapters"] + facts["tasks"] + facts["boxes"] + len(facts["indicators"])


@pytest.mark.parametrize("path", ["", "plans/nansha", "search", "about"])
def test_every_page_declares_its_language(page, path):
    assert page(path, "zh").html["lang"] == "zh-Hans"
    assert page(path, "en").html["lang"] == "en"


def test_color_toggle_speaks_the_language_of_its_page(site_dir):
    """The dark/light toggle's name (its title and the radio's aria-label) is Chinese on Chinese pages, English on English ones."""
    seen = {"zh-Hans": 0, "zh-Hant-HK": 0, "en": 0}
    offenders = []
    for file in site_dir.rglob("*.html"):
        text = file.read_text(encoding="utf-8")
        lang = re.search(r'<html lang="([^"]+)"', text).group(1)
        start = text.find('id="__palette_form"')
        assert start > 0, file
        toggle = BeautifulSoup(text[start:text.index("</form>", start)], "html.parser")
        names = [i["aria-label"] for i in toggle.select("input[aria-label]")] + [lb["title"] for lb in toggle.select("label[title]")]
        assert len(names) == 4, file
        seen[lang] += 1
        in_other_language = LATIN if lang.startswith("zh") else CJK
        in_own_language = CJK if lang.startswith("zh") else LATIN
        wrong = [n for n in names if in_other_language.search(n) or not in_own_language.search(n)]
        if wrong:
            offenders.append(f"{file.relative_to(site_dir)} ({lang}): {wrong}")
    assert seen["zh-Hans"] > 50 and seen["zh-Hant-HK"] > 50 and seen["en"] > 50
    assert not offenders, offenders[:5]


@pytest.mark.parametrize("plan", PLANS)
def test_english_page_has_no_untranslated_chinese(page, plan):
    article = BeautifulSoup(str(page(f"plans/{plan}", "en").select_one("article")), "html.parser")
    for original in article.find_all(lang="zh-Hans"):
        original.decompose()
    for summary in article.select("summary"):
        assert not CJK.search(summary.get_text())
    leftover = CJK.findall(article.get_text())
    assert not leftover, "".join(leftover)[:80]


def test_english_page_offers_the_chinese_original_of_every_item(page):
    html = page("plans/nansha", "en")
    for heading in html.select("h4.task-heading"):
        body = heading.find_next_sibling("div")
        original = body.select_one("details.zh-original > div[lang]")
        assert original is not None and original["lang"] == "zh-Hans", heading["id"]
        assert CJK.search(original.get_text()), heading["id"]


def test_no_page_references_another_origin(site_dir):
    # Anything the browser would fetch by itself: scripts, images, frames, stylesheets, preconnects, icons.
    pattern = re.compile(r"""<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=["'](?:https?:)?//|<link\b[^>]*\bhref=["'](?:https?:)?//""")
    offenders = []
    for file in site_dir.rglob("*.html"):
        text = file.read_text(encoding="utf-8")
        for match in pattern.finditer(text):
            offenders.append(f"{file.relative_to(site_dir)}: {text[match.start():match.start() + 80]}")
    assert not offenders, offenders[:5]


def test_no_markup_leaks_into_any_page(site_dir):
    """No placeholder of the build and no Markdown escape shows up as text on any page."""
    leaks = re.compile(r"PLANSITERAW|\\[*_#!|\[\](){}`+<>]")
    offenders = []
    for file in site_dir.rglob("*.html"):
        found = leaks.search(parsed(file).get_text())  # the text a reader sees: get_text leaves scripts and styles out
        if found:
            offenders.append(f"{file.relative_to(site_dir)}: {found.group(0)}")
    assert offenders == []


def test_the_not_found_page_speaks_every_edition_and_leads_home(site_dir):
    # One 404.html at the root serves every missing address, in any edition.
    html = BeautifulSoup((site_dir / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert html.html["lang"] == "zh-Hans"
    assert "找不到页面" in html.find("h1").get_text()
    traditional = html.find(lang="zh-Hant-HK")
    assert traditional is not None and "找不到頁面" in traditional.get_text()
    assert {a["href"] for a in traditional.find_all("a")} == {"/zh-hant/", "/zh-hant/search/"}
    english = html.find(lang="en")
    assert english is not None and "Page not found" in english.get_text()
    assert {a["href"] for a in english.find_all("a")} == {"/en/", "/en/search/"}
    switcher = {a["hreflang"]: a["href"] for a in html.select("a[hreflang]")}
    assert switcher == {"zh-Hans": "/", "zh-Hant": "/zh-hant/", "en": "/en/"}
    assert not (site_dir / "en/404.html").exists() and not (site_dir / "zh-hant/404.html").exists()


def test_the_sites_own_scripts_are_sent_without_comments(site_dir):
    """Each script of docs/assets/ is in the built site, minified (the preview keeps them as written)."""
    sources = sorted((ROOT / "docs/assets").glob("*.js"))
    assert len(sources) >= 10
    for source in sources:
        built = (site_dir / "assets" / source.name).read_text(encoding="utf-8")
        written = source.read_text(encoding="utf-8")
        assert "// " in written and "// " not in built, source.name
        assert len(built) < 0.85 * len(written), (source.name, len(built), len(written))
