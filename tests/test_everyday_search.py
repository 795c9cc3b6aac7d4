"""Search in the reader's own words (data/reader-vocabulary.yaml), in Chromium as a reader types it: everyday words,
queries of several concepts, what the page says it understood, and no dead end."""
from __future__ import annotations

import json
import re
import urllib.parse

import pytest
import yaml

from conftest import ROOT, search
from plansite.search.text import fold, stem, words

VOCABULARY = yaml.safe_load((ROOT / "data/reader-vocabulary.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def tab(results_tab):
    """Most tests here read results pages: one tab kept on them (conftest.results_tab). The others open their page
    first, which leaves nothing of the results page behind."""
    return results_tab


def results_page(tab, server, prefix: str, query: str, extra: str = "") -> list[str]:
    search(tab, server, prefix, query, extra)
    return tab.eval_on_selector_all("[data-search-result] a", "els => els.map(e => e.getAttribute('href'))")


def concepts_read(tab, query: str) -> list[str]:
    """The concepts the engine of the open results page reads in a query, each as typed."""
    return tab.evaluate("""async q => {
      const node = document.querySelector('.search-page');
      const found = await PlanSearch.engineFor(node.dataset.index, node.dataset.lang).search(q, {});
      return found.concepts.map(c => c.typed);
    }""", query)


def anchors(hrefs: list[str]) -> list[str]:
    """gz-t27, themes/pledge-financing: what each result link points at."""
    return [h.split("#", 1)[1] if "#" in h and "/plans/" in h else re.sub(r"^.*?/(themes|glossary|agencies)/", r"\1/", h) for h in hrefs]


def test_every_entry_of_the_reader_vocabulary_reaches_an_item_in_both_languages(site_dir):
    """Read from the built index: each entry's official terms stand in some task, box or indicator record, or in the
    title of a plan's section (what a section's running text is about: 成效基础, the results so far)."""
    def items(edition):
        meta = json.loads((site_dir / "search-index" / edition / "meta.json").read_text(encoding="utf-8"))
        out = []
        for n, (item, info) in enumerate(zip(meta["items"], meta["records"])):
            if item or meta["kinds"][info[1]] == "section":
                record = json.loads((site_dir / "search-index" / edition / "records" / f"{n}.json").read_text(encoding="utf-8"))
                out.append(record["title"] + ("\n" + record["text"] if item else ""))
        return out

    zh = [fold(t) for t in items("zh")]
    en = [" " + " ".join(stem(w) for w in words(t)) + " " for t in items("en")]
    assert len(zh) > 200 and len(en) == len(zh)
    unreached = []
    for entry in VOCABULARY["words"]:
        if not any(fold(term) in text for term in entry["official"]["zh"] for text in zh):
            unreached.append(("zh", entry["official"]["zh"]))
        stems = [" " + " ".join(stem(w) for w in words(term)) + " " for term in entry["official"]["en"]]
        if not any(s in text for s in stems for text in en):
            unreached.append(("en", entry["official"]["en"]))
    assert len(VOCABULARY["words"]) > 40 and unreached == []


@pytest.mark.parametrize("prefix, query, wanted", [
    ("", "打官司", "themes/judicial-protection/"),          # a word the plans do not use
    ("", "山寨", "themes/administrative-enforcement/"),
    ("", "贷款", "themes/pledge-financing/"),
    ("/en", "loan", "themes/pledge-financing/"),
    ("/en", "HK", "themes/gba-cooperation/"),
    ("/en", "Macau", "themes/gba-cooperation/"),
    ("/zh-hant", "打官司", "themes/judicial-protection/"),  # on the Traditional edition too
    ("", "冒牌貨", "themes/administrative-enforcement/"),    # a reader's word typed in Traditional characters
    ("", "野鸡代理", "themes/ip-service-industry/"),         # slang for an unlicensed agency
    ("/en", "Madrid filing", "themes/overseas-protection/"),  # the system's name, not the plans' words
    ("/zh-hant", "倒模", "themes/administrative-enforcement/"),    # Cantonese: cast from the same mould
    ("/zh-hant", "按揭", "themes/pledge-financing/"),              # Hong Kong's word for a secured loan
    ("/zh-hant", "禁制令", "themes/judicial-protection/"),       # an injunction, as Hong Kong's courts call it
    ("", "专利挡路", "themes/patent-navigation/"),                # a rival's patents in the way of a new product
    ("", "异地侵权", "themes/administrative-enforcement/"),        # an infringer in another city or province
    ("", "多倍赔偿", "themes/judicial-protection/"),              # punitive damages, in a reader's words
])
def test_an_everyday_word_leads_to_its_theme_and_says_how_it_was_read(tab, server, prefix, query, wanted):
    hrefs = results_page(tab, server, prefix, query)
    assert len(hrefs) >= 5 and hrefs[0].endswith(wanted), hrefs[:3]
    note = tab.locator(".search-note")
    assert note.is_visible() and query in note.inner_text()
    literal = tab.locator(".search-note a.search-literal")
    assert literal.is_visible()
    # the words as typed, one click away
    literal.click()
    tab.wait_for_url(re.compile(r"literal=1"))
    tab.wait_for_selector(".search-page[data-state=done]")
    assert tab.locator(".search-note").is_visible() and query in tab.inner_text(".search-note")


def test_more_than_one_result_for_subsidies(tab, server):
    """补贴 stands once in the plans; they speak of 资助 and 奖励. The literal match comes first, then those."""
    hrefs = anchors(results_page(tab, server, "", "补贴"))
    assert len(hrefs) > 10
    status = tab.inner_text(".search-status")
    assert "1 条结果包含“补贴”" in status and "资助" in status


@pytest.mark.parametrize("prefix, query, wanted, within", [
    ("", "专利质押融资", {"gz-t27", "ns-t13"}, 5),        # a compound that stands whole only in passing
    ("", "商标被抢注", {"zh-t8", "ns-t6", "zs-t3-6"}, 3),  # a reader's word inside a phrasing
    ("", "产品被仿冒怎么办", {"zh-t2", "zs-t3-2", "zs-t3-4", "zs-t3-5"}, 5),
    ("", "中山 展会 维权", {"zs-t3-10"}, 3),             # a plan named in the query
    ("/en", "sue for infringement", {"gz-t3", "gz-t4", "zh-t3"}, 3),
    ("/en", "trademark squatting", {"zh-t8", "ns-t6", "gz-t14", "zs-t3-6"}, 3),
    ("/zh-hant", "商標被搶註", {"zh-t8", "ns-t6", "zs-t3-6"}, 3),
])
def test_a_query_of_several_concepts_finds_the_items_that_hold_them(tab, server, prefix, query, wanted, within):
    found = anchors(results_page(tab, server, prefix, query))
    assert wanted & set(found[:within]), found[:within]


@pytest.mark.parametrize("prefix, query, read_as", [
    # read as 外观设计 / 被 / 抄袭 (a word of the reader's vocabulary, one a question leaves out, another reader's
    # word), not as 外观 / 设计被抄 / 袭: the reading that leaves no character standing alone
    ("", "外观设计被抄袭", ["快速维权", "侵权"]),
    ("/zh-hant", "外觀設計被抄襲", ["快速維權", "侵權"]),
    ("", "设计被抄袭", ["侵权"]),  # not 设计被抄 (a reader's word) and 袭 left alone
    # two words of one entry are one concept, named once
    ("", "中小学生 知识产权课", ["中小学", "知识产权教育"]),
    # a word as typed is named in the reader's script (內地, not the index's 内地)
    ("/zh-hant", "香港公司 在內地維權", ["內地", "維權"]),
])
def test_a_question_is_read_word_by_word_and_each_concept_named_once(tab, server, prefix, query, read_as):
    results_page(tab, server, prefix, query)
    understood = re.match(r"按“(.*?)”搜索", tab.inner_text(".search-note"))  # 按“…”搜索（由“…”理解）
    assert understood, tab.inner_text(".search-note")
    for term in read_as:
        assert understood.group(1).count(term) == 1, understood.group(0)


@pytest.mark.parametrize("prefix, spoken, standard", [
    ("", "唔打官司 可唔可以叫政府处理", "不打官司 可不可以叫政府处理"),  # 不打官司: settling without going to court
    ("/zh-hant", "攞證據難", "拿證據難"),                              # 拿证据: collecting evidence
])
def test_written_cantonese_is_read_as_standard_chinese(tab, server, prefix, spoken, standard):
    """The words of written Cantonese (唔, 攞) are read as the standard characters they stand for: the reader gets what
    the same question in standard Chinese finds, and the page quotes the words as typed."""
    wanted = results_page(tab, server, prefix, standard)
    got = results_page(tab, server, prefix, spoken)
    assert anchors(got[:1]) == ["themes/dispute-resolution/"] and got == wanted, (anchors(got[:3]), anchors(wanted[:3]))
    assert spoken.split()[0] in tab.inner_text(".search-note")


def test_a_reader_phrase_is_not_dropped_for_a_plain_word_it_leads_to(tab, server):
    """"dispute" is typed and is one of the words "without going to court" leads to, but a record holding "dispute"
    need not be about settling out of court: the phrase stays a concept of its own."""
    results_page(tab, server, "/en", "settle a patent dispute without going to court")
    note = tab.inner_text(".search-note")
    assert "mediation" in note and "arbitration" in note, note


@pytest.mark.parametrize("prefix, query, latin, wanted", [
    ("", "专利产业占GDP多少", "GDP", {"gz-i5", "gz-i6"}),  # the indicators "… 占 GDP 比重"
    ("/zh-hant", "專利產業佔GDP多少", "GDP", {"gz-i5", "gz-i6"}),
])
def test_a_latin_word_in_a_chinese_query_is_searched_as_typed(tab, server, prefix, query, latin, wanted):
    found = anchors(results_page(tab, server, prefix, query))
    assert wanted <= set(found[:3]), found[:5]
    status = tab.inner_text(".search-status")
    assert latin in status and query[:2] in status, status  # named as typed (GDP, not gdp; 專利, not 专利)
    # every result listed (the answer card aside) holds it, in its title or its excerpt
    for result in tab.locator("[data-search-result].search-result").all_inner_texts():
        assert latin in result, result


def test_records_holding_the_closest_wording_come_before_those_holding_a_looser_one(tab, server):
    """"business data" is read as data intellectual property, then as data: the task and the glossary entry on data
    intellectual property come before items that only mention data."""
    found = anchors(results_page(tab, server, "/en", "who owns business data"))
    first = [text.lower() for text in tab.locator("[data-search-result]").all_inner_texts()[:3]]
    assert "ns-t3" in found[:3], found[:5]
    assert any(a.startswith("glossary/") and "data intellectual property" in text for a, text in zip(found, first)), found[:5]


def test_the_count_names_the_words_the_results_hold(tab, server):
    """One concept a reader's word stands for: the results hold the plans' terms, and the count says so."""
    results_page(tab, server, "", "中小学生 知识产权课")
    status = tab.inner_text(".search-status")
    assert re.search(r"\d+ 条结果包含“[^”]*中小学/知识产权教育”", status), status


SECTION = re.compile(r"^[a-z]+-s\d+(-\d+)*$")  # a background or goals section (gz-s1-1), not an item (gz-t27, gz-b2)


@pytest.mark.parametrize("prefix, query", [
    ("", "产品出口被外国公司告侵权怎么办"),  # only background sections hold all four words
    ("", "小微企业 知识产权 贷款"),
    ("/en", "insurance in case we are sued for infringement abroad"),
])
def test_sections_that_hold_the_words_in_passing_follow_the_items(tab, server, prefix, query):
    results_page(tab, server, prefix, query)
    found = [a for a in anchors(every_result(tab)) if "/" not in a]
    sections = [n for n, a in enumerate(found) if SECTION.match(a)]
    items = [n for n, a in enumerate(found) if not SECTION.match(a)]
    assert items, found
    assert not sections or min(sections) > max(items), found
    status = tab.inner_text(".search-status")
    if sections:
        assert re.search(r"背景或目标部分|background or goal sections?\b", status), status


BACKGROUNDS = {"gz-s1-1", "ns-s1-1", "zh-s1-1", "zs-s1-1"}  # 成效基础, 发展现状, 发展基础, 发展成效
FUNDING = {"gz-s9-2", "ns-s4-2", "zh-s4-2", "zs-s4-2"}      # 落实资源保障, 强化财力保障, 提升投入力度, 加强资金保障


@pytest.mark.parametrize("prefix, query, wanted", [
    ("", "十三五期间 质押融资", BACKGROUNDS),  # what the plans report of the years before them
    ("/zh-hant", "十三五期間 質押融資", BACKGROUNDS),
    ("/en", "patent pledge totals before 2020", BACKGROUNDS - {"zs-s1-1"}),  # Zhongshan's says "IP financing"
    ("", "规划的钱从哪来", FUNDING),  # who pays for the plans
    ("/en", "who pays for all this", FUNDING),
    ("", "规划有没有中期检查", {"gz-s9-3", "ns-s4-3", "zs-s4-4", "zh-s4-4"}),  # how each plan is monitored
])
def test_a_question_about_the_plans_themselves_finds_the_sections_that_answer_it(tab, server, prefix, query, wanted):
    """Each plan names its background and its safeguards in its own words: asked about the years before the plans,
    about who pays for them or about how they are checked, a reader gets those sections among the first results, not
    after every item that mentions the subject, and the count does not call them mentions in passing."""
    found = anchors(results_page(tab, server, prefix, query))
    assert wanted <= set(found[:len(wanted) + 2]), found
    assert not re.search(r"背景或目标部分|背景或目標部分|background or goal section", tab.inner_text(".search-status"))


def test_a_section_whose_title_holds_a_word_as_typed_still_follows_the_items(tab, server):
    """"problems" stands in the title of Guangzhou's "Problems and challenges", but as a word typed, not one a reader's
    word led to: that section is no more about copyright than any other that mentions it."""
    found = anchors(results_page(tab, server, "/en", "copyright problems in Guangzhou"))
    assert "gz-s1-3" not in found and any(a.startswith("gz-t") for a in found[:3]), found


def test_the_status_never_contradicts_the_results(tab, server):
    """A Chinese query on the English site (read through the glossary) and a reader's word: the count describes the
    results shown below it."""
    for prefix, query in (("/en", "质押融资"), ("", "山寨"), ("", "专利补贴"), ("/en", "fake goods")):
        hrefs = results_page(tab, server, prefix, query)
        status = tab.inner_text(".search-status")
        assert hrefs, query
        assert not re.search(r"Nothing|没有找到与", status), (query, status)
        count = int(re.search(r"\d+", status).group(0))
        assert count > 0


OUTSIDE = r"以外的 (\d+) [条條]结果|以外的 (\d+) [条條]結果|(\d+) results? outside the theme"


def every_result(tab) -> list[str]:
    """The results page with the partial matches shown and every "more" pressed: the links of all its results."""
    if tab.locator(".search-partial").is_visible():
        tab.click(".search-partial")
        tab.wait_for_selector(".search-page[data-state=done]")
    while tab.locator(".search-more").is_visible():
        tab.click(".search-more")
        tab.wait_for_selector(".search-page[data-state=done]")
    return tab.eval_on_selector_all("[data-search-result] a", "els => els.map(e => e.getAttribute('href'))")


@pytest.mark.parametrize("prefix, query", [
    ("/en", "who owns business data"),  # one concept: data items on other subjects wait
    ("", "版权 资助"),                   # two concepts, several items holding both
    ("/zh-hant", "版權 資助"),
])
def test_items_outside_the_answer_cards_theme_wait_behind_the_button(tab, server, prefix, query):
    """Under a theme's answer card, the items listed are that theme's, as its own page lists them; the others that
    hold the words wait behind the button, which comes with the count, and come first when it is pressed."""
    shown = results_page(tab, server, prefix, query)
    card = tab.locator(".search-answer h2 a")
    title, theme_url = card.inner_text(), urllib.parse.urljoin(tab.url, card.get_attribute("href"))
    status = tab.inner_text(".search-status")
    outside = int(next(filter(None, re.search(OUTSIDE, status).groups())))
    assert outside > 0 and title in status, status
    button = tab.locator(".search-partial")
    # it names the theme, unless background sections mentioning the words in passing wait too (the count says so)
    assert button.is_visible() and (title in button.inner_text() or re.search(r"passing|顺带|順帶", status)), button.inner_text()
    # the button claims results holding only some of the words only when the count above has some
    if re.search(r"only some of the words|只包含部分词语|只包含部分詞語", button.inner_text()):
        assert re.search(r"contains? some of them|只包含其中部分词语|只包含其中部分詞語", status), (button.inner_text(), status)
    everything = every_result(tab)
    assert everything[:len(shown)] == shown, everything[:len(shown)]
    revealed = everything[len(shown):]
    tab.goto(theme_url)
    members = set(anchors(tab.eval_on_selector_all("article a[href*='/plans/']", "els => els.map(e => e.href)")))
    items = [a for a in anchors(shown[1:]) if "/" not in a]
    assert items and set(items) <= members, (items, sorted(members))
    assert len(revealed) >= outside and not set(anchors(revealed[:outside])) & members, revealed[:outside]


@pytest.mark.parametrize("prefix, query", [("", "家电 仲裁"), ("/en", "rosewood arbitration")])
def test_when_no_item_holds_every_word_the_closest_come_first_and_the_rest_wait(tab, server, prefix, query):
    """Words that no item holds together (rosewood furniture, arbitration): the records holding the most of them are
    listed, the rest wait behind a button, and the count says both plainly, with no "0 results contain all 2"."""
    shown = results_page(tab, server, prefix, query)
    status = tab.inner_text(".search-status")
    assert shown, status
    assert not re.search(r"(^|\D)0 ", status), status
    closest = int(next(filter(None, re.search(r"最接近的 (\d+) 条|(\d+) results? comes? closest", status).groups())))
    rest = int(next(filter(None, re.search(r"另有 (\d+) 条只包含其中部分词语|(\d+) more contains? some of them", status).groups())))
    # as close, but outside the theme of the answer card: they wait too
    outside = int(next(filter(None, re.search(OUTSIDE, status).groups()))) if re.search(OUTSIDE, status) else 0
    card = int(tab.locator(".search-answer").is_visible())  # its link comes first; its record is not listed again
    assert len(shown) - card in (min(closest, 10), min(closest - card, 10)), (len(shown), status)
    button = tab.locator(".search-partial")
    assert button.is_visible() and str(rest + outside) in button.inner_text(), (button.inner_text(), status)
    everything = every_result(tab)
    assert everything[:len(shown)] == shown, everything[:len(shown)]
    assert len(everything) - card - outside in (closest + rest, closest - card + rest), (len(everything), status)


@pytest.mark.parametrize("prefix, query, wanted", [
    ("", "广州做动漫游戏的版权扶持", "gz-t19"),  # no item holds 广州, 动漫, 游戏 and 扶持 all together
    ("/en", "how much compensation can I win if I sue someone for copying my patent", "gz-t4"),
])
def test_the_closest_record_is_not_buried_among_records_holding_one_word(tab, server, prefix, query, wanted):
    found = anchors(results_page(tab, server, prefix, query))[int(tab.locator(".search-answer").is_visible()):]
    assert found[:1] == [wanted], found
    assert len(found) < 4, found  # the records holding fewer of the words wait behind the button
    assert tab.locator(".search-partial").is_visible()


def test_nothing_found_offers_the_nearest_terms_the_themes_and_the_finder(tab, server):
    assert results_page(tab, server, "", "知识产权保验") == [] or "保验" in tab.inner_text(".search-note")
    help_box = tab.locator(".search-help")
    assert help_box.is_visible()
    terms = tab.eval_on_selector_all(".search-help a", "els => els.map(e => e.textContent)")
    assert "知识产权保险" in terms
    # a word found nowhere at all
    assert results_page(tab, server, "/en", "xyzzyq") == []
    assert "Nothing found" in tab.inner_text(".search-status")
    links = tab.eval_on_selector_all(".search-help a", "els => els.map(e => e.getAttribute('href'))")
    assert any(h.endswith("/en/themes/") for h in links) and any(h.endswith("/en/finder/") for h in links)
    # a misspelt English term (financng would be read as the words that begin as it does: financing)
    results_page(tab, server, "/en", "pledg finacing")
    terms = tab.eval_on_selector_all(".search-help a", "els => els.map(e => e.textContent)")
    assert any("pledge financing" in t.lower() for t in terms), terms
    theme_links = tab.eval_on_selector_all(".search-help a[href*='finder/?theme=']", "els => els.map(e => e.getAttribute('href'))")
    assert any("pledge-financing" in h for h in theme_links)


def test_each_suggested_wording_is_offered_once(tab, server):
    # "chat" is found nowhere; the Copyright Protection Center is a glossary term and a term of the reader's vocabulary
    results_page(tab, server, "/en", "who to chat to about copyright problems in Guangzhou")
    terms = [t.lower() for t in tab.eval_on_selector_all(".search-help p:first-child a", "els => els.map(e => e.textContent)")]
    assert "guangzhou copyright protection center" in terms, terms
    assert len(terms) == len(set(terms)), terms


def test_a_word_made_of_question_characters_is_left_out(tab, server):
    # the browser's segmenter reads 是啥 (what is) as one word, which the plans hold nowhere
    found = anchors(results_page(tab, server, "", "专利池是啥"))
    assert not tab.locator(".search-note").is_visible() or "是啥" not in tab.inner_text(".search-note")
    assert "专利池" in tab.inner_text(".search-status")
    assert {"gz-t22", "zs-t2-5"} <= set(found[:6]), found


def test_few_results_offer_a_broader_search(tab, server):
    hrefs = results_page(tab, server, "", "家电产业集群")
    assert 0 < len(hrefs) < 3
    broader = tab.eval_on_selector_all(".search-help a", "els => els.map(e => e.textContent)")
    assert any(t.startswith("产业 (") for t in broader), broader
    assert not any(t.startswith(("产业集 (", "业集 (")) for t in broader), broader  # parts of a word (产业集群) are not terms
    tab.locator(".search-help a", has_text="产业 (").first.click()
    tab.wait_for_selector(".search-page[data-state=done]")
    assert len(tab.eval_on_selector_all("[data-search-result]", "els => els")) > len(hrefs)


def test_arrow_keys_move_within_a_filter_group_without_losing_focus(tab, server):
    results_page(tab, server, "", "质押融资")
    tab.focus("#filter-plan-all")
    tab.keyboard.press("ArrowRight")
    tab.wait_for_selector(".search-page[data-state=done]")
    tab.wait_for_function("() => document.activeElement && document.activeElement.name === 'plan'")
    focused = tab.evaluate("() => [document.activeElement.name, document.activeElement.value, document.activeElement.checked]")
    assert focused[0] == "plan" and focused[1] != "" and focused[2] is True
    assert "plan=" in tab.url
    tab.keyboard.press("ArrowRight")
    tab.wait_for_function(f"() => document.activeElement && document.activeElement.name === 'plan' && document.activeElement.value !== '{focused[1]}'")


def test_the_finder_filters_by_words_on_a_phone_and_keeps_them_in_the_address(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(server + "/finder/")
    tab.wait_for_selector("#finder-count:not(:empty)")
    everything = int(re.search(r"\d+", tab.inner_text("#finder-count")).group(0))
    tab.fill("#finder-q", "贷款")
    tab.wait_for_url(re.compile(r"q=%E8%B4%B7%E6%AC%BE"))
    tab.wait_for_function(f"() => !document.getElementById('finder-count').textContent.includes('{everything}')")
    ids = tab.eval_on_selector_all("#finder-results li[data-id]", "els => els.map(e => e.dataset.id)")
    assert "gz-t27" in ids and 3 <= len(ids) < everything
    # the words and a filter that leaves nothing: the advice names the words as a filter to drop
    tab.goto(server + "/finder/?q=" + urllib.parse.quote("贷款") + "&plan=zhongshan&support=training-talent")
    tab.wait_for_selector("#finder-advice li")
    drops = tab.eval_on_selector_all("#finder-advice li[data-drop]", "els => els.map(e => e.dataset.drop)")
    assert "q" in drops
    overflow = tab.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    context.close()


@pytest.mark.parametrize("query, wording", [
    ("Shunde", r"^1 result contains “Shunde”\.$"),  # one result: the singular
    ("rosewood", r"^2 results contain “rosewood”\.$"),
])
def test_the_english_count_agrees_with_its_number(tab, server, query, wording):
    results_page(tab, server, "/en", query)
    status = tab.inner_text(".search-status")
    assert re.match(wording, status), status


def test_a_long_question_is_searched_to_its_last_whole_word(tab, server):
    """A question of 66 characters is searched whole; one of more than 100 is cut before a word it would split, and
    the page says so."""
    found = anchors(results_page(tab, server, "/en", "getting our patented technology written into an industry standard"))
    assert found[0] == "themes/standards-patents/" and "gz-t23" in found[:3], found[:5]
    assert "too long" not in tab.inner_text(".search-note")
    long = "we are a small hardware startup in Guangzhou and we want to know whether we can borrow money from a bank using our patents"
    found = anchors(results_page(tab, server, "/en", long))
    assert "first 100 characters" in tab.inner_text(".search-note")
    typed = re.search(r"“([^”]*)” as typed", tab.inner_text(".search-status")).group(1)
    assert long.startswith(typed) and long[len(typed)] == " " and len(typed) <= 100, typed
    assert found[0] == "themes/pledge-financing/" and "gz-t27" in found[:3], found[:5]


@pytest.mark.parametrize("query, other_sense", [
    ("register my brand in other countries", ["bad-faith", "malicious"]),  # not "registered my brand" (squatting)
    ("how can I get my patent granted faster", ["subsidies", "funding"]),    # not a "grant" of money
])
def test_an_english_word_is_not_read_as_a_reader_word_of_another_sense(tab, server, query, other_sense):
    results_page(tab, server, "/en", query)
    said = tab.inner_text(".search-status") + tab.inner_text(".search-note")
    assert not any(word in said for word in other_sense), said


def test_a_run_of_english_words_keeps_its_head(tab, server):
    """"a good patent agent" holds "patent agent" (a reader's phrase) and "good patent" (another): the run that keeps
    more words that say something is read, not the first from the left."""
    found = anchors(results_page(tab, server, "/en", "find a good patent agent"))
    note = tab.inner_text(".search-note")
    assert "patent agency" in note and "high-value" not in note, note
    assert found[0] == "themes/ip-service-industry/", found[:3]


def searched_as(tab, server, query: str) -> tuple[str, list[str]]:
    """An English query's results page -> the words of its "Searched as" line, and what the results point at."""
    found = anchors(results_page(tab, server, "/en", query))
    return re.search(r"Searched as “([^”]*)”", tab.inner_text(".search-note")).group(1), found


def test_a_term_of_the_plans_in_an_english_question_is_one_concept_named_as_typed(tab, server):
    words, _ = searched_as(tab, server, "IP rules for selling abroad through cross-border e-commerce")
    assert "+ cross-border e-commerce" in words and "through" not in words, words  # "through" says nothing
    words, found = searched_as(tab, server, "Hong Kong IP firm wants to open an office in Guangzhou")
    assert words.startswith("Hong Kong +"), words
    assert found[0] == "themes/gba-cooperation/", found[:3]


def test_ip_inside_an_english_phrase_does_not_keep_it_from_being_read_as_a_readers_word(tab, server):
    """"IP" adds nothing on this site: "straightforward IP lawsuits" is the reader's "straightforward lawsuits"."""
    notes = [searched_as(tab, server, query)[0]
             for query in ("fast handling of straightforward lawsuits", "fast handling of straightforward IP lawsuits")]
    assert "separating complex and simple cases" in notes[0] and notes[1] == notes[0], notes


def test_a_readers_phrase_that_begins_with_ip_is_read_in_the_plural_too(tab, server):
    """The reader's "IP firm", typed "IP firms" among other words: the IP service agencies, not "branded" alone
    (which had named the trademark brands)."""
    found = anchors(results_page(tab, server, "/en", "reputable branded IP firms"))
    note = tab.inner_text(".search-note")
    assert "IP service agencies" in note, note
    assert found[0] == "themes/ip-service-industry/" and "gz-t33" in found[:3], found[:5]


def test_a_verb_a_question_leaves_out_is_left_out_in_its_other_forms(tab, server):
    """"helping" as "help": not a concept that only two records hold beside notarization, which had kept Guangzhou's
    dispute-resolution task (task 7) waiting behind the button."""
    searched, found = searched_as(tab, server, "notaries helping with evidence in IP disputes")
    assert "notarization" in searched and "helping" not in searched, searched
    assert "gz-t7" in found[:5], found[:5]


def test_two_words_that_make_a_glossary_term_are_read_as_it(tab, server):
    """数据 … 知识产权, with words between: the glossary's 数据知识产权, and its theme."""
    found = anchors(results_page(tab, server, "", "公司积累的数据算不算知识产权"))
    assert found[0] == "themes/data-ip/" and "ns-t3" in found[:3], found[:5]


@pytest.mark.parametrize("prefix, query, theme", [
    ("", "申请专利政府有补贴吗", "creation-incentives"),          # not protection centres (专利申请's other theme)
    ("", "珠海小公司拿商标去贷款，利息有补贴吗", "pledge-financing"),  # not subsidies: the first item is on loans
    ("/en", "Macau company in a licensing dispute with a Zhuhai partner: mediation or arbitration options?",
     "dispute-resolution"),                                       # not the Greater Bay Area
    # a theme as broad as enforcement holds some of the first items of any query about infringement: the rarer
    # concept's theme, for its size, comes first
    ("", "老字号招牌被人冒用", "trademark-brands"),
    ("/en", "take an infringer to court", "judicial-protection"),
    # counted for its size (not its square root), a broad theme's many items rank it no higher than a small theme
    # whose few items come first
    ("/en", "blacklist for repeat infringers", "credit-supervision"),
    ("/en", "cross-border online sellers infringing", "fairs-ecommerce"),
    # the first item ranked counts most
    ("/en", "protecting old Cantonese heritage brands from copycats", "trademark-brands"),
    # a wording rarer than its concept weighs as rare as it is: livestreams are read as short video, live streaming
    # and copyright, and the item on short videos is not outranked by the many that mention copyright
    ("/en", "protecting livestreams and short videos from being copied", "copyright"),
])
def test_the_answer_card_is_the_theme_of_the_first_items(tab, server, prefix, query, theme):
    found = anchors(results_page(tab, server, prefix, query))
    assert found[0] == f"themes/{theme}/", found[:3]


@pytest.mark.parametrize("prefix, query, agency", [
    ("", "广州哪个部门管版权", "gz-copyright"),                  # the agency whose name holds the query's word
    ("/zh-hant", "廣州版權歸邊個部門管", "gz-copyright"),        # typed in Traditional characters, in Cantonese
    ("", "知识产权犯罪案件归哪个部门管", "gz-public-security"),  # its name holds a term 犯罪 leads to (公安)
    ("/en", "who to talk to about copyright problems in Guangzhou", "gz-copyright"),
    # no agency's name holds the other words: the one that leads most of the plan's tasks
    ("/en", "which Guangzhou office handles patents and trademarks", "gz-amr"),
    ("/en", "who is in charge of IP in Guangzhou", "gz-amr"),
])
def test_a_query_asking_who_is_responsible_is_answered_by_an_agency(tab, server, prefix, query, agency):
    found = anchors(results_page(tab, server, prefix, query))
    assert found[0] == f"agencies/{agency}/", found[:3]
    assert tab.text_content(".search-answer .search-answer-kind").strip() in ("责任单位", "責任單位", "Agency")


@pytest.mark.parametrize("prefix, query", [
    ("", "珠海哪个部门管商标"),                   # the Zhuhai plan names no agency for its tasks
    ("/en", "who can apply for patent subsidies"),  # "who" alone asks who may, not which body
    # naming no plan, an agency answers only by its name: Guangzhou's task titles hold nearly any subject
    ("", "我有专利想卖掉找谁"),
    ("/en", "who to contact about overseas patent lawsuits"),
])
def test_no_agency_answers_a_query_that_does_not_ask_for_one_it_can_name(tab, server, prefix, query):
    found = anchors(results_page(tab, server, prefix, query))
    assert found and not found[0].startswith("agencies/"), found[:3]


@pytest.mark.parametrize("prefix, query, indicators, said", [
    # every plan's indicator holds the words: the three of them, then the rest
    ("", "到2025年每万人口高价值发明专利要达到多少", {"gz-i1", "ns-i1", "zh-i1"}, "问的是数字"),
    ("/zh-hant", "廣州五年後按人口算要有多少件高價值專利", {"gz-i1"}, "問的是數字"),  # of the plan named
    ("/zh-hant", "廣州五年後按人口算要有幾多件高價值專利", {"gz-i1"}, "問的是數字"),  # asked in Cantonese
    # the indicator holds fewer of the words than the tasks ranked before it
    ("/en", "what share of trademark complaints does Zhuhai actually resolve", {"zh-i4"}, "You asked for a figure"),
    ("/en", "how many patent agencies and IP firms Guangzhou has", {"gz-i8"}, "You asked for a figure"),
])
def test_a_query_asking_for_a_figure_lists_the_indicators_that_give_it_first(tab, server, prefix, query, indicators, said):
    found = anchors(results_page(tab, server, prefix, query))
    rows = [f for f in found if not f.startswith(("themes/", "glossary/", "agencies/"))]
    assert set(rows[:len(indicators)]) == indicators, found[:6]
    assert said in tab.inner_text(".search-status")


def test_the_same_words_without_asking_for_a_figure_keep_their_order(tab, server):
    found = anchors(results_page(tab, server, "/en", "trademark complaints Zhuhai resolve"))
    assert "zh-i4" not in found[:2], found[:4]
    assert "figure" not in tab.inner_text(".search-status")


@pytest.mark.parametrize("query", ["patents", "licensing patents from a university"])
def test_a_word_does_not_name_the_theme_of_a_reader_word_that_shares_its_stem(tab, server, query):
    """"patentable" is a reader's word about high-value patents; "patents" only shares its stem."""
    found = anchors(results_page(tab, server, "/en", query))
    assert found and "themes/high-value-patents/" not in found[:2], found[:3]


def test_a_word_beside_a_reader_word_that_leads_to_it_joins_it(tab, server):
    """请不起律师 leads to 维权援助 and 免费; 免费 typed beside it is one concept with it, not the only one left."""
    found = anchors(results_page(tab, server, "", "被侵权了请不起律师，有没有免费帮忙的"))
    assert "维权援助" in tab.inner_text(".search-note"), tab.inner_text(".search-note")
    assert found[0] == "themes/protection-centers/", found[:3]


def test_the_us_is_read_as_a_country_and_us_alone_as_a_question_word(tab, server):
    results_page(tab, server, "/en", "our company got sued for patent infringement in the US")
    assert "overseas" in tab.inner_text(".search-note"), tab.inner_text(".search-note")
    results_page(tab, server, "/en", "can you help us find a patent agent")
    said = tab.inner_text(".search-status") + tab.inner_text(".search-note")
    assert "overseas" not in said and "patent agency" in said, said


def test_checking_others_patents_before_a_launch_leads_to_patent_navigation(tab, server):
    """查别人的专利 before making a product is a freedom-to-operate search, which the plans call 侵权风险排查."""
    found = anchors(results_page(tab, server, "", "做新产品前先查查别人的专利"))
    assert "侵权风险" in tab.inner_text(".search-note"), tab.inner_text(".search-note")
    assert found[0] == "themes/patent-navigation/", found[:3]
    assert "没有找到" not in tab.inner_text(".search-page"), "characters of the question named as words not found"


def test_a_word_in_ing_is_read_as_the_reader_word_of_its_plain_form(tab, server):
    """"raising money" is the reader's "raise money" (financing), not a word found nowhere; "company" is a question
    word, as 公司 is, and is not named as a word not found."""
    found = anchors(results_page(tab, server, "/en", "hardware startup raising money with its patents"))
    said = tab.inner_text(".search-note")
    assert "financing" in said and "Not found" not in said, said
    assert "themes/pledge-financing/" in found[:3] or any(a in found[:3] for a in ("gz-t27", "ns-t13", "zs-t2-8")), found
    results_page(tab, server, "/en", "our company got sued for patent infringement in the US")
    assert "Not found" not in tab.inner_text(".search-note"), tab.inner_text(".search-note")


@pytest.mark.parametrize("query, verb", [
    ("former employee took our source code to a rival", "took"),
    ("can HK residents take the patent attorney exam", "take"),
    ("a competitor copied our product", "competitor"),  # who copied says nothing of what to search for
])
def test_light_verbs_of_an_english_question_are_left_out(tab, server, query, verb):
    """"took", "take", "getting" say nothing about the subject: they are neither searched for nor named as not found."""
    results_page(tab, server, "/en", query)
    said = tab.inner_text(".search-note") + tab.inner_text(".search-status")
    read = re.sub(r"\(read from “[^”]*”\)|“[^”]*” as typed|typed, “[^”]*”", "", said)
    assert not re.search(rf"\b{verb}\b", read), said


def test_punctuation_ends_a_run_of_single_characters(tab, server):
    """Characters on either side of a comma are never read as one word: 厂用，收 is not 厂用收; and 授权给 (granting
    someone the use of a patent) is licensing."""
    found = anchors(results_page(tab, server, "", "把专利授权给别的厂用，收多少钱合适"))
    note = tab.inner_text(".search-note")
    assert "厂用收" not in note and "许可" in note, note
    assert found[0] == "themes/commercialization/", found[:3]


def test_an_english_word_the_plans_hold_in_no_form_finds_the_words_that_begin_as_it_does(tab, server):
    """"satisfied" stands nowhere in the plans; "satisfaction" does (the indicator on satisfaction with IP
    protection), and the count names what the results hold."""
    found = anchors(results_page(tab, server, "/en", "how satisfied are people with IP protection"))
    assert "gz-i11" in found[:3], found[:5]
    assert "satisfaction" in tab.inner_text(".search-status"), tab.inner_text(".search-status")
    # a letter left out of a word's ending
    assert anchors(results_page(tab, server, "/en", "pledge financng"))[0] == "themes/pledge-financing/"


def test_a_segmenter_word_holding_a_particle_is_not_read_as_a_word(tab, server):
    """The browser's segmenter reads 查处的侵权案子 as 查 + 处的: 处的 stands in one record by chance, and 查处
    (investigating an infringement) was lost. 查 and 处 are joined again."""
    query = "查处的侵权案子会向社会公开吗"
    results_page(tab, server, "", query)
    typed = concepts_read(tab, query)
    assert "查处" in typed and "处的" not in typed, typed


@pytest.mark.parametrize("prefix, query, named, wanted, within", [
    # registering a work is 著作权登记, not any item on copyright
    ("/en", "where to register copyright for my artwork in Guangzhou", "copyright registration", {"gz-t13"}, 2),
    ("", "法官看不懂技术怎么办", "技术调查官", {"glossary/"}, 3),  # a judge who cannot follow the technology
    ("/zh-hant", "邊度可以一次過辦晒專利商標版權啲手續", "一站式", {"ns-t15", "zh-b8"}, 3),  # Cantonese: all at one go
    ("/en", "fly-by-night patent agents", "unlicensed", {"gz-t35"}, 2),
    # 专利事务所 (a patent firm) and 知识城 (the glossary's short form), not 事务 / 所在 and 知识 / 城设
    ("", "专利事务所在知识城设代表处", "知识城", {"gz-t42"}, 2),
    # how content the public is: the indicator of public satisfaction
    ("/en", "how happy are people with IP protection, is there a survey score?", "public satisfaction", {"gz-i11"}, 2),
    ("", "群众对知识产权保护打几分", "满意度", {"gz-i11"}, 2),
    ("/en", "US 337 investigation help", "overseas disputes", {"themes/overseas-protection"}, 1),  # 337 alone
    ("/en", "which city has the most patents per person?", "per 10,000 people", {"zh-i1", "ns-i1", "gz-i1"}, 3),
    ("", "撞名", "字号", {"themes/trademark-brands"}, 1),  # a name clash: trade names and trademarks
    ("", "给产品起的名字怎么保护", "商标", {"themes/trademark-brands"}, 1),  # a name to protect: a trademark
    ("", "外资企业的知识产权会被区别对待吗", "同保护", {"glossary/"}, 2),  # treated differently: equal protection
    ("/en", "how often are IP rulings appealed in Zhuhai", "judgment acceptance rate", {"zh-i5"}, 2),
    ("", "科技公司轻资产怎么融资", "质押融资", {"themes/pledge-financing"}, 1),  # asset-light: nothing to mortgage
    ("/en", "champagne", "geographical indication", {"themes/geographical-indications"}, 1),
    ("/en", "copywrite registration", "copyright registration", {"gz-t13"}, 2),  # a common misspelling
    ("/en", "fake patent filings", "abnormal patent applications", {"themes/creation-incentives"}, 1),
    ("", "商标注册去边度办", "受理窗口", {"ns-t15"}, 2),  # Cantonese: where to go
    ("", "上黑榜", "失信", {"themes/credit-supervision"}, 1),  # on the blacklist
    ("/en", "nansha trademark filing window", "acceptance window", {"ns-t15"}, 2),
    ("/en", "how much public money goes into carrying out these ip plans", "financial support", {"gz-s9-2"}, 1),
    ("/en", "how does Zhuhai measure whether patent and trademark cases get closed?", "closure rate", {"zh-i3", "zh-i4"}, 2),
    ("", "产业园知识产权", "园区", {"themes/ip-intensive-industries", "ns-t14", "zs-t2-3", "zh-t10"}, 3),
    ("/en", "does anyone check whether these plans are actually carried out?", "monitoring", {"gz-s9-3", "ns-s4-3", "zh-s4-4", "zs-s4-4"}, 2),
])
def test_a_readers_phrase_leads_to_the_plans_own_term(tab, server, prefix, query, named, wanted, within):
    found = anchors(results_page(tab, server, prefix, query))
    note, page = tab.inner_text(".search-note"), tab.inner_text(".search-page")
    assert named in note, note
    assert not re.search(r"找到：|Not found", page), "a word of the phrase named as not found"
    assert any(f == w or f.startswith(w) for f in found[:within] for w in wanted), found[:within]


@pytest.mark.parametrize("prefix, query, other", [("/en", "patents per capita", "white paper"), ("", "人均专利", "白皮书")])
def test_patents_per_person_lead_to_the_indicators_per_10000_people_not_to_the_statistics_books(tab, server, prefix, query, other):
    found = anchors(results_page(tab, server, prefix, query))
    note = tab.inner_text(".search-note")
    assert found[0] == "themes/high-value-patents/" and {"zh-i1", "ns-i1", "gz-i1"} <= set(found[1:4]), found[:4]
    assert other not in note, note


def test_a_figure_asked_of_high_value_patents_finds_the_indicator_on_high_value_invention_patents(tab, server):
    """The indicator says 高价值发明专利, the reader 高价值专利 (the glossary's alias)."""
    found = anchors(results_page(tab, server, "", "广州五年后高价值专利要达到多少件"))
    assert "gz-i1" in found[:2], found[:3]
    assert "问的是数字" in tab.inner_text(".search-status")


def test_an_excerpt_never_begins_inside_an_english_word(tab, server):
    """A Chinese glossary entry's text holds its English term before the definition: the excerpt around 法官 began
    "…or 在知识产权案件…", the tail of "technical investigator"."""
    results_page(tab, server, "", "法官看不懂技术怎么办")
    excerpts = tab.eval_on_selector_all(".search-excerpt", "els => els.map(e => e.textContent)")
    assert excerpts and not [e for e in excerpts if re.match(r"…[A-Za-z]+\b", e)], excerpts


@pytest.mark.parametrize("query", ["品牌被人冒用", "发现有人卖我们商标的假货"])
def test_who_did_it_says_nothing_of_the_subject(tab, server, query):
    """被人 and 有人 (by someone, someone) are left out like 被: never searched for, never named as not found."""
    results_page(tab, server, "", query)
    said = tab.inner_text(".search-page")
    assert "找到：" not in said and not re.search(r"按“[^”]*(被人|有人)", said), said[:300]


def test_in_case_is_a_phrase_of_the_question_not_a_court_case(tab, server):
    """"in case" (should it happen) says nothing of a court case: read as "case", it put the litigation items and the
    Judicial protection card before the insurance the reader asks about."""
    found = anchors(results_page(tab, server, "/en", "can I buy insurance in case someone sues me over patents?"))
    assert found and found[0] == "themes/ip-insurance/", found[:3]
    typed = concepts_read(tab, "can I buy insurance in case someone sues me over patents?")
    assert "insurance" in typed and "case" not in typed and "over" not in typed, typed


@pytest.mark.parametrize("prefix, query, term, said", [
    ("", "专利导航是什么意思", "专利导航", "问的是词语的含义"),
    ("/zh-hant", "乜嘢系高價值專利", "高價值專利", "問的是詞語的含義"),  # asked in Cantonese
    ("/en", "how is a high value patent defined", "High-value patent", "You asked what a word means"),
    ("/en", "what does patent navigation mean", "Patent navigation", "You asked what a word means"),
])
def test_a_query_asking_what_a_word_means_lists_its_glossary_entry_first(tab, server, prefix, query, term, said):
    """On a reference site "what is X" wants X's definition: the glossary entry comes right after the theme card,
    and the words asking ("mean", "defined") are not searched for."""
    found = anchors(results_page(tab, server, prefix, query))
    titles = tab.eval_on_selector_all("[data-search-result] a", "els => els.map(e => e.textContent.trim())")
    rows = [(f, t) for f, t in zip(found, titles) if not f.startswith("themes/")]
    assert rows and rows[0][0].startswith("glossary/") and term.lower() in rows[0][1].lower(), rows[:3]
    status = tab.inner_text(".search-status")
    assert said in status and not re.search(r"\b(mean|defined)\b", status), status


def test_the_same_word_without_asking_what_it_means_keeps_the_items_first(tab, server):
    found = anchors(results_page(tab, server, "", "专利导航 项目"))
    rows = [f for f in found if not f.startswith("themes/")]
    assert rows and not rows[0].startswith("glossary/"), rows[:3]
    assert "含义" not in tab.inner_text(".search-status")


def test_a_section_holding_the_whole_phrase_comes_before_items_holding_one_of_its_words(tab, server):
    """"Baijiao sea bass" stands in one section's running text (Zhuhai's results so far), and two items hold only
    "sea": with no item holding every word, that section is the best match, not a mention in passing."""
    found = anchors(results_page(tab, server, "/en", "Baijiao sea bass"))
    assert found[:1] == ["zh-s1-1"], found[:3]


def test_an_english_question_on_a_chinese_edition_calls_chinese_only_the_chinese_terms(tab, server):
    # the English runs a Chinese edition also searches as typed ("instead of going to court") are not its Chinese
    results_page(tab, server, "/zh-hant", "can I complain to the IP office instead of going to court")
    note = tab.inner_text(".search-note")
    chinese = re.search(r"對應中文“([^”]*)”", note)
    assert chinese, note
    assert re.fullmatch(r"[\u3400-\u9fff]+( \+ [\u3400-\u9fff]+)*", chinese.group(1)), chinese.group(1)
    assert "投訴" in chinese.group(1) and "知識產權局" in chinese.group(1)


def test_a_reader_word_leading_only_to_itself_is_not_said_to_be_understood(tab, server):
    # "Macao" is a reader's word (Macau, 澳门 …) and the plans' own term on the English edition
    found = results_page(tab, server, "/en", "Macao")
    assert found
    assert not tab.locator(".search-note").is_visible() or "read from" not in tab.inner_text(".search-note")
    results_page(tab, server, "/en", "Macau")  # a reader's word for it: said
    assert "read from “Macau”" in tab.inner_text(".search-note")


@pytest.mark.parametrize("words, chinese", [("patent", "專利"), ("trademark infringement", "商標 + 侵權")])
def test_the_plans_english_words_typed_on_a_chinese_edition_lead_to_the_chinese_terms(tab, server, words, chinese):
    # before, they found only the glossary entries whose English holds them (12 for "patent"); those rank with the
    # Chinese term's records now, after the items
    found = results_page(tab, server, "/zh-hant", words)
    assert f"按“{chinese}”搜索" in tab.inner_text(".search-note")
    assert all("/plans/" in h or "/themes/" in h for h in found[:5]), found
    results_page(tab, server, "/en", words)  # the plans' own words there: searched as typed
    assert not tab.locator(".search-note").is_visible() or "read from" not in tab.inner_text(".search-note")
