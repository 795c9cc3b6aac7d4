"""Whether the plans' English uses the glossary: renderings matched as whole words and counted per field, rejected forms found anywhere.

Rules (documented for maintainers in docs/guide.en.md, "How the English is checked"):
- A rendering matches as a whole word or phrase: no letter or digit may touch it on either side, so "GI" does not match
  in "strategic" nor "IP" in "ship". A final plural is allowed ("-s", "-es", "-y" -> "-ies"). Abbreviations (all
  capitals, such as IP, GI, SME) match only in capitals; other renderings ignore case. Curly and straight quotes are the
  same. Inside a longer rendering, "IP" also matches "Intellectual Property" written out, as in titles and proper names.
- Chinese: terms are taken longest first; each occurrence consumes its stretch, so the 知识产权 inside 知识产权保护中心
  is not counted again. An occurrence directly followed by another term is carried by it when the English uses a
  rendering of that term containing one of its forms: in 知识产权质押融资, "IP pledge financing" renders both.
- English: a match lying wholly inside a longer match of any present term does not count ("IP" inside "IP Protection
  Center"); matches that only overlap both count.
- Count rule: a field whose Chinese holds a term n times needs at least n matches of its renderings in the English.
  A term may instead declare `counting: {rule: once, reason: …}`: then one match in the field suffices.
- A term's `rejected` forms, and a calque's, fail wherever they occur in English (a calque's only where its `only_with`
  Chinese occurs in the field, when given); they are matched like renderings.
- An exception (plan, field, reason) excuses one term in one field; it is stale, and reported, when the field is gone,
  the term no longer occurs in its Chinese, or the field would pass without it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .problems import field_path
from .texts import walk_texts

ALNUM = "A-Za-z0-9"
QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
MASK = "\x00"


@dataclass(frozen=True, order=True)
class Finding:
    plan: str
    field: str
    term: str  # Chinese of the glossary term or calque
    kind: str  # "count", "rejected" or "stale exception"
    message: str

    def __str__(self) -> str:
        return f"{self.plan}: {self.field}: {self.term}: {self.message}"


@lru_cache(maxsize=None)
def pattern(form: str, case_sensitive: bool = False) -> re.Pattern:
    """Whole-word pattern of one English form, with an optional plural ending."""
    form = form.translate(QUOTES).strip()
    abbreviation = re.fullmatch(r"[A-Z0-9&]+s?", form) is not None
    words = [re.escape(w).replace('"', '"?') for w in form.split()]
    if len(words) > 1:  # inside a longer rendering, "IP" may be spelled out, as titles and proper names do
        words = [r"(?:(?-i:IP)|intellectual\s+property)" if w == "IP" else w for w in words]
    body = r"\s+".join(words)
    if form.endswith("y") and not abbreviation:
        body = body[:-1] + "(?:y|ies)"
    else:
        body += "(?:s|es)?"
    flags = 0 if (abbreviation or case_sensitive) else re.IGNORECASE
    return re.compile(rf"(?<![{ALNUM}]){body}(?![{ALNUM}])", flags)


def term_pattern(entry: dict, form: str) -> re.Pattern:
    return pattern(form, bool(entry.get("case_sensitive")))


# A final parenthesis holding an abbreviation: "intellectual property (IP)", "data intellectual property (data IP)".
ABBREVIATION = re.compile(r"^(?P<long>.*?)\s*\((?P<short>[^()]*\b[A-Z]{2,}s?\b[^()]*)\)$")


def renderings(term: dict) -> list[str]:
    """Accepted English forms: the rendering as written, its long form and abbreviation when it ends in one, the listed forms."""
    en = term["en"]
    found = [en]
    m = ABBREVIATION.match(en)
    if m and not re.search(r"\d", m["short"]):
        found += [m["long"], m["short"]]
    found += list(term.get("forms", []))
    out = []
    for form in found:
        form = form.translate(QUOTES).strip().strip('"').strip()
        form = re.sub(r"^the\s+", "", form, flags=re.IGNORECASE)
        if form and form not in out:
            out.append(form)
    return sorted(out, key=len, reverse=True)


def _consume(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in spans:
        text = text[:start] + MASK * (end - start) + text[end:]
    return text


def _find_zh(zh: str, term: str) -> list[tuple[int, int]]:
    spans, start = [], zh.find(term)
    while start >= 0:
        spans.append((start, start + len(term)))
        start = zh.find(term, start + len(term))
    return spans


def ordered(terms: list[dict]) -> list[dict]:
    """Longest Chinese first (stable for equal lengths)."""
    return sorted(terms, key=lambda t: len(t["zh"]), reverse=True)


def _english_matches(en: str, present: list[dict]) -> dict[tuple[str, str], int]:
    """Matches per (term, form). A match lying wholly inside a longer match (of any term) does not count: "IP" inside
    "IP rights protection assistance" is not a rendering of 知识产权. Matches that merely overlap both count, as in
    "overseas IP rights protection assistance" for 海外维权援助 (海外维权 and 维权援助 overlap in the Chinese too)."""
    candidates = []
    for term in present:
        for form in renderings(term):
            candidates += [(m.start(), m.end(), term["zh"], form) for m in term_pattern(term, form).finditer(en)]
    accepted: list[tuple[int, int]] = []
    counts: dict[tuple[str, str], int] = {}
    for start, end, zh, form in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if any(s <= start and end <= e for s, e in accepted):
            continue
        accepted.append((start, end))
        counts[(zh, form)] = counts.get((zh, form), 0) + 1
    return counts


def _carrying_forms(term: dict, following: dict) -> list[str]:
    """The renderings of `following` that contain a form of `term` ("IP pledge financing" contains "IP")."""
    return [r for r in renderings(following) if any(term_pattern(term, f).search(r) for f in renderings(term))]


def _carried(present: list[dict], spans: dict[str, list[tuple[int, int]]], found: dict[tuple[str, str], int]) -> dict[str, int]:
    """Occurrences rendered inside the next term's rendering: in 知识产权质押融资 the 知识产权 is carried by "IP pledge
    financing", a rendering of 质押融资 that contains a form of 知识产权 ("IP") - as many as the English has such matches."""
    starts = {start: term for term in present for start, _ in spans[term["zh"]]}
    out: dict[str, int] = {}
    for term in present:
        by_following: dict[str, int] = {}
        for _, end in spans[term["zh"]]:
            following = starts.get(end)
            if following is not None and _carrying_forms(term, following):
                by_following[following["zh"]] = by_following.get(following["zh"], 0) + 1
        for zh, n in by_following.items():
            following = next(t for t in present if t["zh"] == zh)
            in_english = sum(found.get((zh, form), 0) for form in _carrying_forms(term, following))
            out[term["zh"]] = out.get(term["zh"], 0) + min(n, in_english)
    return out


def field_problems(terms: list[dict], calques: list[dict], zh: str, en: str) -> list[tuple[str, str, str]]:
    """(term, kind, message) for one bilingual text; terms must be in `ordered` order."""
    out = []
    original_zh, original_en = zh, en
    spans: dict[str, list[tuple[int, int]]] = {}
    present = []
    for term in terms:
        found_here = _find_zh(zh, term["zh"])
        if found_here:
            spans[term["zh"]] = found_here
            present.append(term)
            zh = _consume(zh, found_here)
    found = _english_matches(en.translate(QUOTES), present) if present else {}
    carried = _carried(present, spans, found)
    for term in present:
        n = len(spans[term["zh"]])
        got = sum(found.get((term["zh"], form), 0) for form in renderings(term))
        needed = n - carried.get(term["zh"], 0)
        if term.get("counting", {}).get("rule") == "once":
            needed = min(needed, 1)
        if got < needed:
            forms = " / ".join(renderings(term))
            out.append((term["zh"], "count", f"occurs {n}× in the Chinese, rendering found {got}× (need {needed}); use: {forms}"))
    english = original_en.translate(QUOTES)
    for entry in terms + calques:
        if entry.get("only_with") and entry["only_with"] not in original_zh:
            continue
        for form in entry.get("rejected", []):
            m = term_pattern(entry, form).search(english)
            if m:
                out.append((entry["zh"], "rejected", f"rejected rendering {original_en[m.start():m.end()]!r}; use: {entry['en']}"))
    return out


def check_plan(glossary: dict, plan: dict) -> list[Finding]:
    """Findings for one plan, after its recorded exceptions; stale exceptions are findings too."""
    terms = ordered(glossary.get("terms", []))
    calques = glossary.get("calques", [])
    excused: dict[tuple[str, str], dict] = {}
    for entry in terms + calques:
        for exc in entry.get("exceptions", []):
            if exc["plan"] == plan["id"]:
                excused[(entry["zh"], exc["field"])] = exc
    used = set()
    out = []
    chinese: dict[str, str] = {}
    for path, text in walk_texts(plan):
        where = field_path(path)
        zh, en = str(text.get("zh", "")), str(text.get("en", ""))
        chinese[where] = zh
        for term, kind, message in field_problems(terms, calques, zh, en):
            if (term, where) in excused:
                used.add((term, where))
                continue
            out.append(Finding(plan["id"], where, term, kind, message))
    for (term, where), exc in excused.items():
        if (term, where) not in used:
            if where not in chinese:
                why = "the field no longer exists"
            elif not all(part in chinese[where] for part in term.split("…")):  # a calque's parts, e.g. 充分发挥…作用
                why = "the term no longer occurs in the field's Chinese"
            else:
                why = "the field passes without it"
            out.append(Finding(plan["id"], where, term, "stale exception", f"exception no longer applies ({why}); remove it: {exc['reason']}"))
    return sorted(out)
