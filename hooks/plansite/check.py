"""What a schema cannot say: English without Chinese left in it, unique IDs, references between files, footnotes,
and the rules for progress records. Each function returns problems; nothing here raises or changes the data."""
from __future__ import annotations

import re
from functools import cache, lru_cache

from .model import ITEM_KINDS, Item, Site, iter_blocks
from .problems import Problem, shown, suggest
from .progress import CAUTION_RATIO
from .tracking import assess
from .texts import CJK, FOOTNOTE_REF, walk_texts
from .yamldoc import Document

# Placeholders written by scripts/new-plan; validation rejects them until they are replaced.
PLACEHOLDER_ZH = "待填写"
PLACEHOLDER_EN = "FILL IN"
LATIN_WORD = re.compile(r"[A-Za-z]{2}")


def text_problems(doc: Document) -> list[Problem]:
    """English must be English: no Chinese characters left untranslated, no placeholder left."""
    problems = []
    for path, text in walk_texts(doc.data):
        if PLACEHOLDER_ZH in str(text.get("zh", "")):
            problems.append(doc.problem(path + ("zh",), "placeholder left from scripts/new-plan: enter the published Chinese text"))
        if str(text.get("en", "")).startswith(PLACEHOLDER_EN):
            problems.append(doc.problem(path + ("en",), "placeholder left from scripts/new-plan: enter the English translation"))
        en = text.get("en")
        if isinstance(en, str) and CJK.search(en):
            problems.append(doc.problem(path + ("en",), f"English text contains Chinese characters: {CJK.search(en).group(0)!r}"))
        zh = text.get("zh")
        if isinstance(zh, str) and not CJK.search(zh) and LATIN_WORD.search(zh) and zh not in str(en):
            # Chinese without a Chinese character is a number, a date or a name the English repeats (1+1+N, 3·15).
            problems.append(doc.problem(path + ("zh",), f"Chinese text has no Chinese characters: {shown(zh)}; is the English in the wrong field?"))
    return problems


def duplicate_ids(doc: Document, key: str) -> list[Problem]:
    """Entries of a vocabulary file (agencies, themes, ...) sharing an ID, or a name in either language: two themes
    called alike would be two pages a reader cannot tell apart."""
    seen: set = set()
    problems = []
    for k, entry in enumerate(doc.data[key]):
        if entry["id"] in seen:
            problems.append(doc.problem((key, k, "id"), f"duplicate ID '{entry['id']}'"))
        seen.add(entry["id"])
        for lang, name in entry.get("name", {}).items():
            if (lang, name) in seen:
                problems.append(doc.problem((key, k, "name", lang), f"another entry has the same name: {shown(name)}"))
            seen.add((lang, name))
    return problems


def duplicate_terms(doc: Document) -> list[Problem]:
    """Glossary terms given twice: a term's anchor is made from its Chinese, so two would share one address."""
    seen: dict[str, int] = {}
    problems = []
    for k, term in enumerate(doc.data["terms"]):
        if term["zh"] in seen:
            problems.append(doc.problem(("terms", k, "zh"), f"the term {shown(term['zh'])} is given already (entry {seen[term['zh']] + 1})"))
        seen.setdefault(term["zh"], k)
    return problems


def within_problems(doc: Document, key: str) -> list[Problem]:
    """A vocabulary term's `within` names another term of the same file that is not itself within a third."""
    terms = {entry["id"]: entry for entry in doc.data[key]}
    problems = []
    for k, entry in enumerate(doc.data[key]):
        broader = entry.get("within")
        if broader is None:
            continue
        if broader not in terms or broader == entry["id"]:
            problems.append(doc.problem((key, k, "within"), f"unknown term '{broader}'{suggest(broader, terms)}"))
        elif "within" in terms[broader]:
            problems.append(doc.problem((key, k, "within"), f"'{broader}' is itself within '{terms[broader]['within']}': name the broadest term"))
    return problems


def plan_id_problems(plan: dict, doc: Document, seen: dict[str, str]) -> list[Problem]:
    """Every ID in a plan (chapters, sections, items, indicator tables) is unique across all plans and starts with the
    plan's code; `seen` maps the IDs of the plans checked before to where they were first used."""
    problems = []

    def claim(id_, path):
        if id_ in seen:
            problems.append(doc.problem(path, f"duplicate ID '{id_}' (first used at {seen[id_]})"))
        else:
            seen[id_] = f"{doc.rel}:{doc.where(path)[0]}"
        if not id_.startswith(plan["code"] + "-"):
            problems.append(doc.problem(path, f"ID '{id_}' must start with the plan code '{plan['code']}-'"))

    for ci, chapter in enumerate(plan["chapters"]):
        claim(chapter["id"], ("chapters", ci, "id"))
        for si, section in enumerate(chapter["sections"]):
            claim(section["id"], ("chapters", ci, "sections", si, "id"))
    for path, _, _, block in iter_blocks(plan):
        for kind in ITEM_KINDS:
            if kind in block:
                claim(block[kind]["id"], path + (kind, "id"))
        if "indicators" in block:
            table = block["indicators"]
            claim(table["id"], path + ("indicators", "id"))
            for ri, row in enumerate(table["rows"]):
                claim(row["id"], path + ("indicators", "rows", ri, "id"))
    return problems


def reference_problems(site: Site, plan: dict, doc: Document) -> list[Problem]:
    """A plan's agencies, theme, audience and support tags exist; every item has a theme; footnotes match."""
    problems = []

    def check_resp(resp, path):
        for role, ids in resp.items():
            for k, agency in enumerate(ids):
                if agency not in site.agencies:
                    problems.append(doc.problem(path + (role, k), f"unknown agency '{agency}'{suggest(agency, site.agencies)}"))

    for ci, chapter in enumerate(plan["chapters"]):
        for si, section in enumerate(chapter["sections"]):
            if "responsibility" in section:
                check_resp(section["responsibility"], ("chapters", ci, "sections", si, "responsibility"))
    for path, _, _, block in iter_blocks(plan):
        if "task" in block and "responsibility" in block["task"]:
            check_resp(block["task"]["responsibility"], path + ("task", "responsibility"))

    vocabularies = {"themes": site.themes, "audiences": site.audiences, "support": site.support}
    for item in [i for i in site.items.values() if i.plan is plan]:
        path = item.path
        if not item.data.get("themes"):
            problems.append(doc.problem(path, f"{item.kind} '{item.id}' has no theme: tag it with 1-4 theme IDs from data/themes.yaml"))
        if item.kind in ITEM_KINDS and not item.data.get("audiences"):
            problems.append(doc.problem(path, f"{item.kind} '{item.id}' names no audience: tag it with the audience IDs of data/audiences.yaml its text addresses"))
        for field_name, known in vocabularies.items():
            for k, tag in enumerate(item.data.get(field_name, [])):
                if tag not in known:
                    problems.append(doc.problem(path + (field_name, k), f"unknown {field_name} ID '{tag}'{suggest(tag, known)}"))

    defined = {fn["number"] for fn in plan.get("footnotes", [])}
    used = set()
    for path, text in walk_texts(plan):
        for lang in ("zh", "en"):
            for ref in FOOTNOTE_REF.findall(text.get(lang) or ""):
                used.add(int(ref))
                if int(ref) not in defined:
                    problems.append(doc.problem(path + (lang,), f"footnote [^{ref}] is not defined under 'footnotes'"))
        refs = [FOOTNOTE_REF.findall(text.get(lang) or "") for lang in ("zh", "en")]
        if refs[0] != refs[1] and text.get("en"):
            problems.append(doc.problem(path + ("en",), f"footnote markers differ between Chinese {refs[0]} and English {refs[1]}"))
    for k, fn in enumerate(plan.get("footnotes", [])):
        if fn["number"] not in used:
            problems.append(doc.problem(("footnotes", k), f"footnote {fn['number']} is never referenced"))
    return problems


def services_problems(site: Site, doc: Document) -> list[Problem]:
    """Places name known plans, kinds, themes and agencies, once each; a hotline gives its number, any other place its
    website or address."""
    problems = []
    plans = {plan["id"] for plan in site.plans}
    problems.extend(duplicate_ids(doc, "kinds"))
    kinds = {kind["id"] for kind in doc.data["kinds"]}
    for k, kind in enumerate(doc.data["kinds"]):
        for t, theme in enumerate(kind["themes"]):
            if theme not in site.themes:
                problems.append(doc.problem(("kinds", k, "themes", t), f"unknown theme '{theme}'{suggest(theme, site.themes)}"))
    if not any(kind.get("fallback") for kind in doc.data["kinds"]):
        problems.append(doc.problem(("kinds",), "no kind is marked 'fallback: true': items whose themes no place serves would lead nowhere"))
    problems.extend(duplicate_ids(doc, "places"))
    for k, place in enumerate(doc.data["places"]):
        path = ("places", k)
        for field_name, ids in (("region", [place["region"]]), ("also_serves", place.get("also_serves", []))):
            for n, plan_id in enumerate(ids):
                if plan_id not in plans:
                    where = path + ((field_name,) if field_name == "region" else (field_name, n))
                    problems.append(doc.problem(where, f"unknown plan '{plan_id}'{suggest(plan_id, plans)}"))
        if place["kind"] not in kinds:
            problems.append(doc.problem(path + ("kind",), f"unknown kind '{place['kind']}'{suggest(place['kind'], kinds)}"))
        if "agency" in place and place["agency"] not in site.agencies:
            problems.append(doc.problem(path + ("agency",), f"unknown agency '{place['agency']}'{suggest(place['agency'], site.agencies)}"))
        confirmed = {c for source in place["sources"] for c in source["confirms"]}
        for field_name in ("url", "address", "phone"):
            if field_name in place and field_name not in confirmed:
                problems.append(doc.problem(path + (field_name,), f"no source of '{place['id']}' confirms its {field_name}: add the page that gives it, with '{field_name}' under 'confirms'"))
        if place["kind"] == "hotline" and "phone" not in place:
            problems.append(doc.problem(path, f"hotline '{place['id']}' needs 'phone': the number to call"))
        if place["kind"] != "hotline" and not ("url" in place or "address" in place):
            problems.append(doc.problem(path, f"place '{place['id']}' needs 'url' or 'address' confirmed at its source; leave out a place that has neither and record the search under 'searched'"))
    for k, entry in enumerate(doc.data["searched"]):
        if entry["region"] not in plans:
            problems.append(doc.problem(("searched", k, "region"), f"unknown plan '{entry['region']}'{suggest(entry['region'], plans)}"))
    return problems


def progress_problems(site: Site, docs: dict[str, Document | None]) -> list[Problem]:
    """Concepts, observations, context figures, notes, research records and text goals refer to items, sources and
    sections that exist; observations follow the rules a schema cannot state. `docs` holds each progress file, or
    None where it did not load (its problems are reported already)."""
    problems: list[Problem] = []
    indicators = {i.id: i for i in site.items.values() if i.kind == "indicator"}

    def check_indicator(doc: Document, path: tuple, ref: dict):
        indicator = indicators.get(ref["indicator"])
        if indicator is None:
            problems.append(doc.problem(path + ("indicator",), f"unknown indicator '{ref['indicator']}'{suggest(ref['indicator'], indicators)}"))
            return None
        if "measure" in ref and ref["measure"] >= len(indicator.data["measures"]):
            problems.append(doc.problem(path + ("measure",), f"indicator '{ref['indicator']}' has {len(indicator.data['measures'])} measure(s); 'measure' counts from 0"))
            return None
        return indicator

    def check_source(doc: Document, path: tuple, source_id: str):
        if docs["sources"] is not None and source_id not in site.sources:  # a broken sources file is reported once, not per reference
            problems.append(doc.problem(path + ("source",), f"unknown source '{source_id}'{suggest(source_id, site.sources)}: add it to data/progress/sources.yaml"))

    if doc := docs["concepts"]:
        for ci, concept in enumerate(doc.data["concepts"]):
            members = set()
            for mi, member in enumerate(concept["members"]):
                check_indicator(doc, ("concepts", ci, "members", mi), member)
                key = (member["indicator"], member.get("measure", 0))
                if key in members:  # the comparison would show it twice
                    problems.append(doc.problem(("concepts", ci, "members", mi), f"indicator '{key[0]}' is listed twice in this concept"))
                members.add(key)
    if doc := docs["observations"]:
        for k, obs in enumerate(doc.data["observations"]):
            check_source(doc, ("observations", k), obs["source"])
            indicator = check_indicator(doc, ("observations", k), obs)
            if indicator is not None:
                problems.extend(observation_problems(doc, ("observations", k), indicator, obs))
    if doc := docs["context"]:
        for k, entry in enumerate(doc.data["context"]):
            check_source(doc, ("context", k), entry["source"])
            check_indicator(doc, ("context", k), entry)
    if doc := docs["notes"]:
        for k, note in enumerate(doc.data["notes"]):
            check_source(doc, ("notes", k), note["source"])
            if note["item"] not in site.items or site.items[note["item"]].kind == "indicator":
                problems.append(doc.problem(("notes", k, "item"), f"unknown task or box '{note['item']}'{suggest(note['item'], site.items)}"))
    if doc := docs["research"]:
        for k, entry in enumerate(doc.data["searched"]):
            check_indicator(doc, ("searched", k), entry)
    if doc := docs["goals"]:
        plans = {plan["id"]: plan for plan in site.plans}
        for k, goal in enumerate(doc.data["goals"]):
            path = ("goals", k)
            plan = plans.get(goal["plan"])
            if plan is None:
                problems.append(doc.problem(path + ("plan",), f"unknown plan '{goal['plan']}'{suggest(goal['plan'], plans)}"))
                continue
            section = next((s for c in plan["chapters"] for s in c["sections"] if s["id"] == goal["section"]), None)
            if section is None:
                problems.append(doc.problem(path + ("section",), f"plan '{plan['id']}' has no section '{goal['section']}'"))
                continue
            text = "".join(b.get("lead", {}).get("zh", "") + b["zh"] for b in section["blocks"] if isinstance(b.get("zh"), str))
            if goal["goal"]["zh"] not in text:
                problems.append(doc.problem(path + ("goal", "zh"), f"not found verbatim in section '{goal['section']}' of the plan: quote the plan's Chinese exactly"))
            for r, report in enumerate(goal["reports"]):
                check_source(doc, path + ("reports", r), report["source"])
            if not goal["reports"] and "searched" not in goal:
                problems.append(doc.problem(path, "a goal without reports needs 'searched': the date it was last searched for"))
    return problems


def observation_problems(doc: Document, path: tuple, indicator: Item, obs: dict) -> list[Problem]:
    """What a schema cannot say about one observation: a yearly count needs a whole year; a caution note only where
    the caution rule (progress.py) flags the figure, since whether a figure carries a caution is the rule's to say."""
    out = []
    measure = indicator.data["measures"][obs.get("measure", 0)]
    if "/年" in measure["unit"]["zh"] and not obs["date"].endswith("-12-31"):
        out.append(doc.problem(path + ("date",), f"'{indicator.id}' is counted per year: give a whole year (a date of YYYY-12-31), or put part of a year in data/progress/context.yaml as relation part-period"))
    if "caution_note" in obs and not assess(indicator, measure, obs).caution:
        out.append(doc.problem(path + ("caution_note",), f"the caution rule does not flag {obs['value']:g} (its change is less than {CAUTION_RATIO:g} times the change the plan expected): put the remark in 'note'"))
    return out


DOCUMENT_FACTS = ("issued_title", "issuer", "approved_by", "drafter", "number", "issued", "successor", "url")  # documents.yaml, in the order pages show them


def document_problems(site: Site, doc: Document, plans_complete: bool) -> list[Problem]:
    """Every plan has one document record; its facts name sources that exist, or searches that were recorded; every
    recorded search is used by some record."""
    problems: list[Problem] = []
    data = doc.data
    plans = {plan["id"] for plan in site.plans}
    problems.extend(duplicate_ids(doc, "searches"))
    searches = {s["id"] for s in data["searches"]}
    used: set[str] = set()

    def check_source(path: tuple, source_id: str):
        if site.sources and source_id not in site.sources:
            problems.append(doc.problem(path, f"unknown source '{source_id}'{suggest(source_id, site.sources)}: add it to data/progress/sources.yaml"))

    def check_search(path: tuple, search_id: str):
        used.add(search_id)
        if search_id not in searches:
            problems.append(doc.problem(path, f"unknown search '{search_id}'{suggest(search_id, searches)}: record it under 'searches'"))

    seen: dict[str, int] = {}
    for k, record in enumerate(data["documents"]):
        path = ("documents", k)
        if record["plan"] in seen:
            problems.append(doc.problem(path + ("plan",), f"a second record for plan '{record['plan']}' (the first is documents[{seen[record['plan']]}])"))
        seen.setdefault(record["plan"], k)
        if plans_complete and record["plan"] not in plans:
            problems.append(doc.problem(path + ("plan",), f"unknown plan '{record['plan']}'{suggest(record['plan'], plans)}"))
        for name in DOCUMENT_FACTS:
            fact = record.get(name)
            if fact is None:
                continue
            if "not_found" in fact:
                for n, search_id in enumerate(fact["not_found"]["searches"]):
                    check_search(path + (name, "not_found", "searches", n), search_id)
            else:
                check_source(path + (name, "source"), fact["source"])
            if "agency" in fact and fact["agency"] not in site.agencies:
                problems.append(doc.problem(path + (name, "agency"), f"unknown agency '{fact['agency']}'{suggest(fact['agency'], site.agencies)}"))
        if "text_note" in record:
            check_source(path + ("text_note", "source"), record["text_note"]["source"])
        for n, copy in enumerate(record["copies"]):
            check_search(path + ("copies", n, "search"), copy["search"])
    if plans_complete:
        for plan in site.plans:
            if plan["id"] not in seen:
                problems.append(doc.problem(("documents",), f"plan '{plan['id']}' has no record: add one (who issued and drafted it, its number, date, official address, copies, successor; each with a source or not_found and the searches made)"))
    for k, search in enumerate(data["searches"]):
        if search["id"] not in used:
            problems.append(doc.problem(("searches", k, "id"), f"search '{search['id']}' is not used by any record: name it under a not_found or a copy, or remove it"))
    return problems


def correction_problems(site: Site, doc: Document) -> list[Problem]:
    """Each correction to the Traditional edition stands in data/, corrects what OpenCC writes, and turns back into
    the Simplified text with OpenCC hk2s."""
    from .traditional import Converter

    plain = Converter([])
    everything = [site.plans, site.glossary, site.agencies, site.themes, site.audiences, site.support, site.concepts,
                  site.sources, site.observations, site.notes, site.context, site.goals, site.documents, site.searches]
    texts = [text["zh"] for _, text in walk_texts(everything)]
    problems = []
    for k, entry in enumerate(doc.data["corrections"]):
        simplified, traditional = entry["simplified"], entry["traditional"]
        where = [t for t in texts if simplified in t]
        if not where:
            problems.append(doc.problem(("corrections", k, "simplified"), f"'{simplified}' is not in the Chinese text of data/: remove the entry"))
        elif all(traditional in plain.text(t) for t in where):
            problems.append(doc.problem(("corrections", k, "traditional"), f"OpenCC already writes '{traditional}': remove the entry"))
        if plain.back.convert(traditional) != simplified:
            problems.append(doc.problem(("corrections", k, "traditional"), f"OpenCC hk2s turns '{traditional}' into '{plain.back.convert(traditional)}', not '{simplified}': check the characters"))
    return problems


@lru_cache(maxsize=20000)
def _prepared(lang: str, text: str) -> str:
    """A text as the reader's vocabulary is looked for in it: folded (Chinese), as word stems (English, as search reads
    it). Kept for the next build under scripts/serve: stemming the English of every item cost 0.5 s per save at 25x."""
    from .search.text import fold, stem, words

    return fold(text) if lang == "zh" else " " + " ".join(stem(w) for w in words(text)) + " "


def reader_problems(site: Site, doc: Document) -> list[Problem]:
    """The reader's vocabulary leads somewhere: each official term stands in the text of some task, box or indicator,
    or in a section's title, in its language (English by word stems, as search reads it), each theme exists, and no
    reader's word is listed twice (written Cantonese read as standard Chinese, `spoken`) or also as a word to ignore;
    no character of `spoken` stands in the plans' text."""
    from .identity import body_text, plain
    from .search.text import as_read, fold, spoken_table

    items = list(site.items.values())
    # A section's title names what its running text is about (成效基础: the results of the last plan period): search
    # ranks a section whose title holds a term a reader's word leads to with the items (search-ranking.js).
    sections = [section["title"] for plan in site.plans for chapter in plan["chapters"] for section in chapter["sections"]]

    # An item's text is prepared only when a term is looked for past the items before it: most terms stand in the
    # first plan.
    @cache
    def text(lang: str, k: int) -> str:
        if k >= len(items):
            return _prepared(lang, plain(sections[k - len(items)], lang))
        item = items[k]
        return _prepared(lang, plain(item.data.get("title") or item.data["name"], lang) + "\n"
                         + (body_text(item, lang) if item.kind != "indicator" else ""))

    def found(lang: str, term: str) -> bool:
        key = _prepared(lang, term)
        return bool(key.strip()) and any(key in text(lang, k) for k in range(len(items) + len(sections)))
    problems: list[Problem] = []
    for char, standard in doc.data.get("spoken", {}).items():
        if found("zh", char):
            problems.append(doc.problem(("spoken", char), f"'{char}' stands in the plans' text: read as '{standard}', their words would not be found"))
    spoken = spoken_table(doc.data)
    ignored = {lang: {as_read(w, spoken) for w in doc.data["ignore"][lang]} for lang in ("zh", "en")}
    seen: dict[str, tuple] = {}
    for k, entry in enumerate(doc.data["words"]):
        for lang in ("zh", "en"):
            for n, term in enumerate(entry["official"][lang]):
                if not found(lang, term):
                    problems.append(doc.problem(("words", k, "official", lang, n), f"'{term}' is not in the {'Chinese' if lang == 'zh' else 'English'} text of any task, box or indicator, nor in a section's title"))
            for n, word in enumerate(entry["reader"].get(lang, [])):
                key, typed = as_read(word, spoken).strip(), fold(word).strip()
                if key in seen:
                    read = f" (read as '{key}')" if key != typed else ""
                    problems.append(doc.problem(("words", k, "reader", lang, n), f"'{word}'{read} is already listed (at {seen[key][0]})"))
                elif key in ignored["zh"] | ignored["en"]:
                    problems.append(doc.problem(("words", k, "reader", lang, n), f"'{word}' is also a word to ignore"))
                seen.setdefault(key, (f"{doc.rel}:{doc.where(('words', k, 'reader', lang, n))[0]}",))
        for n, theme in enumerate(entry.get("themes", [])):
            if theme not in site.themes:
                problems.append(doc.problem(("words", k, "themes", n), f"unknown theme '{theme}'" + suggest(theme, site.themes)))
    return problems
