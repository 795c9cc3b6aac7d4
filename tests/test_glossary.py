"""One rendering per term: where a glossary term occurs in an item's Chinese, its English uses the glossary's rendering."""
from __future__ import annotations

import re

from plansite.data import load_site
from plansite.problems import field_path
from plansite.validate import walk_texts

from conftest import ROOT


def accepted_forms(term: dict) -> list[str]:
    """The rendering without its parenthesised abbreviation, the abbreviation itself, and the listed forms."""
    forms = [re.sub(r"\s*\([^)]*\)", "", term["en"]).strip()]
    forms += re.findall(r"\(([^)]*)\)", term["en"])
    forms += term.get("forms", [])
    return [f.lower() for f in forms if f]


def mismatches(site) -> list[str]:
    out = []
    for term in site.glossary:
        forms = accepted_forms(term)
        excused = {(e["plan"], e["field"]) for e in term.get("exceptions", [])}
        for plan in site.plans:
            for path, text in walk_texts(plan):
                if term["zh"] not in text["zh"]:
                    continue
                where = field_path(path)
                if (plan["id"], where) in excused:
                    continue
                english = text["en"].lower()
                if not any(form in english for form in forms):
                    out.append(f"{plan['id']}:{where}: {term['zh']} -> expected one of {forms}: {text['en'][:120]}")
    return out


def test_glossary_renderings_are_used():
    problems = mismatches(load_site(ROOT))
    assert problems == [], f"{len(problems)} texts do not use the glossary rendering, e.g.\n" + "\n".join(problems[:15])


def test_every_exception_still_applies():
    site = load_site(ROOT)
    plans = {p["id"]: p for p in site.plans}
    for term in site.glossary:
        for exception in term.get("exceptions", []):
            texts = {field_path(path): text for path, text in walk_texts(plans[exception["plan"]])}
            assert exception["field"] in texts, exception
            assert term["zh"] in texts[exception["field"]]["zh"], f"{term['zh']} no longer occurs in {exception}"


def test_every_term_has_a_definition_in_both_languages():
    site = load_site(ROOT)
    missing = [t["zh"] for t in site.glossary if "definition" not in t]
    assert missing == []
