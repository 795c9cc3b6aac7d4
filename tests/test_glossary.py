"""The glossary is kept: each Chinese term in a field has its English rendering there, counted per occurrence; rejected
renderings and calques appear nowhere; recorded exceptions still apply. The checker itself is shown to fail on planted errors."""
from __future__ import annotations

import copy

import pytest
import yaml

from plansite.load import load_site
from plansite.problems import field_path
from plansite.terminology import check_plan, pattern, renderings
from plansite.texts import CJK, walk_texts

from conftest import ROOT


@pytest.fixture(scope="module")
def glossary() -> dict:
    """The whole glossary file (terms and calques); load_site has validated it."""
    load_site(ROOT)
    return yaml.safe_load((ROOT / "data" / "glossary.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plans() -> list[dict]:
    return load_site(ROOT).plans


def one_field(zh: str, en: str) -> dict:
    """A minimal in-memory plan holding one bilingual text at preamble[0]."""
    return {"id": "test", "preamble": [{"zh": zh, "en": en}]}


def findings(glossary, plan) -> list[tuple[str, str, str]]:
    return [(f.field, f.term, f.kind) for f in check_plan(glossary, plan)]


def test_plans_use_the_glossary(glossary, plans):
    """Every term rendered as often as it occurs, no rejected rendering, and no exception that no longer applies."""
    problems = [str(f) for plan in plans for f in check_plan(glossary, plan)]
    assert problems == [], f"{len(problems)} glossary findings, e.g.\n" + "\n".join(problems[:20])


def test_renderings_match_whole_words_only():
    assert not pattern("GI").search("a strategic plan")
    assert not pattern("IP").search("a ship and its membership")
    assert not pattern("SME").search("risk assessment")
    assert not pattern("IP").search("an IPO by a SHIPYARD")  # the same letters in capitals, inside a longer word
    assert not pattern("GI").search("GIS data")
    assert not pattern("hub").search("hubris on GitHub")
    assert not pattern("mediation").search("financial intermediation")
    assert pattern("IP").search("IP-intensive industries")  # a hyphen is a word boundary
    assert pattern("SME").search("loans to SMEs")  # final plural
    assert pattern("research institute").search("research institutes")
    assert pattern("lead agency").search("two lead agencies")
    assert not pattern("IP").search("the ip address")  # abbreviations match in capitals only
    assert pattern("rapid IP protection center").search("the Rapid IP Protection Center")


def test_every_occurrence_needs_its_rendering(glossary):
    twice = "加强地理标志保护，培育地理标志品牌。"
    assert findings(glossary, one_field(twice, "Strengthen GI protection and cultivate GI brands.")) == []
    assert findings(glossary, one_field(twice, "Strengthen GI protection and cultivate brands.")) == [("preamble[0]", "地理标志", "count")]


def test_longest_chinese_term_consumes_the_shorter_one(glossary):
    zh = "高标准建设中国（广州）知识产权保护中心。"
    right = "Build the China (Guangzhou) Intellectual Property Protection Center to high standards."
    assert findings(glossary, one_field(zh, right)) == []
    # The "IP" inside "IP Protection Center" renders the center, so it cannot stand in for a second 知识产权.
    zh2 = "建设知识产权保护中心，加强知识产权宣传。"
    assert ("preamble[0]", "知识产权", "count") in findings(glossary, one_field(zh2, "Build IP Protection Centers and strengthen publicity."))
    assert findings(glossary, one_field(zh2, "Build IP Protection Centers and strengthen IP publicity.")) == []


def test_a_term_inside_the_next_terms_rendering_is_carried(glossary):
    assert findings(glossary, one_field("扩大知识产权质押融资规模", "Expand the scale of IP pledge financing")) == []
    # Only when the English uses the rendering that carries it: "pledge financing" alone drops the 知识产权.
    assert findings(glossary, one_field("扩大知识产权质押融资规模", "Expand the scale of pledge financing")) == [("preamble[0]", "知识产权", "count")]


def test_counting_once_is_a_documented_policy(glossary):
    once = [t for t in glossary["terms"] if "counting" in t]
    assert once, "no term uses the 'once' policy"
    for term in once:
        assert term["counting"]["rule"] == "once" and len(term["counting"]["reason"].split()) >= 10, term["zh"]
    # Even under 'once', a field that drops every rendering fails.
    assert ("preamble[0]", "知识产权", "count") in findings(glossary, one_field("加强知识产权保护", "Strengthen protection"))


def test_rejected_renderings_fail_wherever_they_appear(glossary):
    # No 高地 in the Chinese: "highland" still fails.
    assert ("preamble[0]", "高地", "rejected") in findings(glossary, one_field("建设服务平台", "Build a service highland"))
    assert ("preamble[0]", "无资质“黑代理”", "rejected") in findings(glossary, one_field("加强监管", "Crack down on black agents"))
    assert ("preamble[0]", "充分发挥…作用", "rejected") in findings(glossary, one_field("发挥作用", "Give full play to its role"))
    # A calque limited by only_with: "pattern" is rejected only where the Chinese has 格局.
    assert ("preamble[0]", "格局", "rejected") in findings(glossary, one_field("形成新格局", "Form a new pattern"))
    assert findings(glossary, one_field("形成新模式", "Form a new pattern")) == []


def test_planted_errors_in_a_real_plan_are_reported(glossary, plans):
    """Copy a real plan, plant a wrong rendering, a second different rendering and a rejected form; each is reported."""
    plan = copy.deepcopy(next(p for p in plans if p["id"] == "zhongshan"))
    before = set(findings(glossary, plan))
    texts = {field_path(path): text for path, text in walk_texts(plan)}

    def rendered_field(times: int, skip: tuple = ()):
        """A counted term, a field whose Chinese holds it exactly as often as its English renders it (at least `times`),
        with no finding for it now, and the English matches in reading order."""
        for term in glossary["terms"]:
            if "counting" in term:
                continue
            for where, text in texts.items():
                n = text["zh"].count(term["zh"])
                if where in skip or n < times or (where, term["zh"], "count") in before:
                    continue
                matches = sorted((m for f in renderings(term) for m in pattern(f).finditer(text["en"])), key=lambda m: m.start())
                if len(matches) == n:
                    return term, where, matches
        raise AssertionError(f"no field of the plan renders a term {times}x to plant into")

    term1, wrong, matches = rendered_field(1)
    en = texts[wrong]["en"]
    for m in reversed(matches):  # every rendering replaced by a wrong one
        en = en[: m.start()] + "wrong rendering" + en[m.end():]
    texts[wrong]["en"] = en

    term2, second, matches = rendered_field(2, skip=(wrong,))
    en = texts[second]["en"]
    m = matches[1]  # the first occurrence keeps the glossary rendering, the second gets a different one
    texts[second]["en"] = en[: m.start()] + "different rendering" + en[m.end():]

    rejected_into = next(w for w in texts if w not in (wrong, second) and (w, "高地", "rejected") not in before)
    texts[rejected_into]["en"] += " It builds a highland."

    new = set(findings(glossary, plan)) - before
    assert (wrong, term1["zh"], "count") in new
    assert (second, term2["zh"], "count") in new
    assert (rejected_into, "高地", "rejected") in new


def test_every_exception_names_a_plan_and_gives_its_reason(glossary, plans):
    """Whether an exception still applies is part of test_plans_use_the_glossary (a stale one is a finding there)."""
    ids = {p["id"] for p in plans}
    for entry in glossary["terms"] + glossary.get("calques", []):
        for exception in entry.get("exceptions", []):
            assert exception["plan"] in ids, f"{entry['zh']}: no plan {exception['plan']!r}"
            assert len(exception["reason"].split()) >= 5, f"{entry['zh']}: give the reason in words: {exception}"


def test_an_exception_that_no_longer_applies_fails(glossary):
    g = copy.deepcopy(glossary)
    gi = next(t for t in g["terms"] if t["zh"] == "地理标志")
    gi["exceptions"] = [{"plan": "test", "field": "preamble[0]", "reason": "planted exception for a field that passes"},
                        {"plan": "test", "field": "preamble[9]", "reason": "planted exception for a field that does not exist"}]
    plan = one_field("加强地理标志保护", "Strengthen GI protection")
    assert sorted(findings(g, plan)) == [("preamble[0]", "地理标志", "stale exception"), ("preamble[9]", "地理标志", "stale exception")]
    # While it applies, it excuses the field and is not reported.
    plan["preamble"][0]["en"] = "Strengthen protection of indications"
    g["terms"][g["terms"].index(gi)]["exceptions"] = gi["exceptions"][:1]
    assert findings(g, plan) == []


def test_every_definition_has_chinese_and_english(glossary):
    for term in glossary["terms"]:
        definition = term.get("definition") or {}
        zh, en = str(definition.get("zh", "")).strip(), str(definition.get("en", "")).strip()
        assert zh and CJK.search(zh), f"{term['zh']}: definition needs Chinese text"
        assert en and not CJK.search(en), f"{term['zh']}: definition needs English text without Chinese characters"
