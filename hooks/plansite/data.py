"""All of data/ loaded, validated and indexed: the one object the renderers read."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .load import Document, load_document
from .numerals import cn_number
from .problems import DataError, Problem
from .validate import FOOTNOTE_REF, schema_problems, suggest, text_problems, walk_texts

ITEM_KINDS = ("task", "box")


@dataclass
class Item:
    """A task, box (专栏) or indicator, with where it stands."""

    id: str
    kind: str  # task | box | indicator
    plan: dict
    chapter: dict
    section: dict
    data: dict
    path: tuple = ()  # where its mapping stands in the plan file, for messages


@dataclass
class Responsibility:
    """Who is responsible for one task or safeguard section, and how to link to it."""

    plan: dict
    anchor: str
    number: str  # as the plan numbers it ("13"), or the safeguard section number
    title: dict
    data: dict  # {lead: [...], cooperating: [...]} or {shared: [...]}
    item: Item | None = None
    position: tuple = ()  # where it stands in the plan, for listing in reading order

    def section_label(self, lang: str) -> str:
        """How a safeguard section is cited; tasks use the renderer's label of their item."""
        return f"保障措施（{cn_number(int(self.number))}）" if lang == "zh" else f"Safeguard ({self.number})"


@dataclass
class Site:
    root: Path
    plans: list[dict]
    agencies: dict[str, dict]
    glossary: list[dict]
    themes: dict[str, dict] = field(default_factory=dict)
    concepts: dict[str, dict] = field(default_factory=dict)
    sources: dict[str, dict] = field(default_factory=dict)
    observations: list[dict] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)
    context: list[dict] = field(default_factory=list)  # figures shown beside an indicator, never assessed
    research: dict = field(default_factory=lambda: {"searched": [], "set_aside": []})
    goals: list[dict] = field(default_factory=list)  # goals stated in the text of a plan without indicators
    audiences: dict[str, dict] = field(default_factory=dict)
    support: dict[str, dict] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)
    responsibilities: list["Responsibility"] = field(default_factory=list)
    docs: dict[str, Document] = field(default_factory=dict)  # plan id -> document

    @cached_property
    def _by_plan(self) -> dict[str, list[Item]]:
        """Plan ID -> its items in reading order (computed once: every page asks for it)."""
        index: dict[str, list[Item]] = {plan["id"]: [] for plan in self.plans}
        for item in self.items.values():
            index[item.plan["id"]].append(item)
        return index

    def plan_items(self, plan: dict, kind: str | None = None) -> list[Item]:
        return [i for i in self._by_plan[plan["id"]] if kind is None or i.kind == kind]

    def agency_list(self) -> list[dict]:
        """Agencies in the order of data/agencies.yaml."""
        return list(self.agencies.values())

    def agency_roles(self, agency_id: str) -> dict[str, list["Responsibility"]]:
        """Every task (and safeguard section) naming the agency, by role: lead, cooperating, shared."""
        roles: dict[str, list[Responsibility]] = {"lead": [], "cooperating": [], "shared": []}
        for ref in self.responsibilities:
            for role, ids in ref.data.items():
                if agency_id in ids:
                    roles[role].append(ref)
        return roles

    @cached_property
    def _by_theme(self) -> dict[str, list[Item]]:
        """Theme ID -> tagged items, in plan order then reading order (computed once per build)."""
        rank = {plan["id"]: n for n, plan in enumerate(self.plans)}
        ordered = sorted(enumerate(self.items.values()), key=lambda pair: (rank[pair[1].plan["id"]], pair[0]))
        index: dict[str, list[Item]] = {theme_id: [] for theme_id in self.themes}
        for _, item in ordered:
            for theme_id in item.data.get("themes", ()):
                index.setdefault(theme_id, []).append(item)
        return index

    def theme_items(self, theme_id: str, plan: dict | None = None, kind: str | None = None) -> list[Item]:
        """Items tagged with the theme, in plan order then reading order."""
        return [
            i for i in self._by_theme.get(theme_id, [])
            if (plan is None or i.plan is plan) and (kind is None or i.kind == kind)
        ]

    def elsewhere(self, item: Item) -> dict | None:
        """How many tasks and boxes of each other plan carry the item's main theme (for links to the theme page).

        Counts, not the items themselves, so that an item's share of its page stays the same as plans are added.
        """
        themes = item.data.get("themes")
        if not themes:
            return None
        counts: dict[str, int] = {}
        for other in self._by_theme.get(themes[0], []):
            if other.plan is not item.plan and other.kind != "indicator":
                counts[other.plan["id"]] = counts.get(other.plan["id"], 0) + 1
        plans = [(plan, counts[plan["id"]]) for plan in self.plans if plan["id"] in counts]
        return {"theme": themes[0], "plans": plans} if plans else None

    def counts(self, plan: dict) -> dict[str, int]:
        return {k: len(self.plan_items(plan, k)) for k in ("task", "box", "indicator")}


def iter_blocks(plan: dict):
    """Yield (path, chapter, section, block) for every block of a plan, in order."""
    for ci, chapter in enumerate(plan["chapters"]):
        for si, section in enumerate(chapter["sections"]):
            for bi, block in enumerate(section["blocks"]):
                yield ("chapters", ci, "sections", si, "blocks", bi), chapter, section, block


def _index(site: Site, plan: dict, doc: Document, problems: list[Problem], seen: dict[str, str]):
    def claim(id_, path):
        where = f"{doc.rel}:{doc.where(path)[0]}"
        if id_ in seen:
            problems.append(doc.problem(path, f"duplicate ID '{id_}' (first used at {seen[id_]})"))
        else:
            seen[id_] = where
        if not id_.startswith(plan["code"] + "-"):
            problems.append(doc.problem(path, f"ID '{id_}' must start with the plan code '{plan['code']}-'"))

    for ci, chapter in enumerate(plan["chapters"]):
        claim(chapter["id"], ("chapters", ci, "id"))
        for si, section in enumerate(chapter["sections"]):
            claim(section["id"], ("chapters", ci, "sections", si, "id"))
            if "responsibility" in section:
                site.responsibilities.append(Responsibility(plan, section["id"], str(section["number"]), section["title"], section["responsibility"], position=(plan["order"], ci, si, len(section["blocks"]))))
    for path, chapter, section, block in iter_blocks(plan):
        for kind in ITEM_KINDS:
            if kind in block:
                obj = block[kind]
                claim(obj["id"], path + (kind, "id"))
                site.items[obj["id"]] = Item(obj["id"], kind, plan, chapter, section, obj, path + (kind,))
        if "task" in block and "responsibility" in block["task"]:
            task = block["task"]
            site.responsibilities.append(Responsibility(plan, task["id"], str(task["number"]), task["title"], task["responsibility"], site.items[task["id"]], position=(plan["order"], *path[1::2])))
        if "indicators" in block:
            table = block["indicators"]
            claim(table["id"], path + ("indicators", "id"))
            for ri, row in enumerate(table["rows"]):
                claim(row["id"], path + ("indicators", "rows", ri, "id"))
                site.items[row["id"]] = Item(row["id"], "indicator", plan, chapter, section, row, path + ("indicators", "rows", ri))


def _check_references(site: Site, plan: dict, doc: Document, problems: list[Problem]):
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
    for item in [i for i in site.items.values() if i.plan is plan]:  # the indexes are built once loading is done
        path = item.path
        if not item.data.get("themes"):
            problems.append(doc.problem(path, f"{item.kind} '{item.id}' has no theme: tag it with 1-4 theme IDs from data/themes.yaml"))
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


def _vocabulary(doc: Document | None, key: str, problems: list[Problem]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    if doc is None:
        return out
    for k, entry in enumerate(doc.data[key]):
        if entry["id"] in out:
            problems.append(doc.problem((key, k, "id"), f"duplicate ID '{entry['id']}'"))
        out[entry["id"]] = entry
    return out


def _load(path: Path, root: Path, schema: str, problems: list[Problem]) -> Document | None:
    try:
        doc = load_document(path, root)
    except DataError as exc:
        problems.extend(exc.problems)
        return None
    found = schema_problems(doc, schema)
    problems.extend(found)
    if found:
        return None
    problems.extend(text_problems(doc))
    return doc


def load_site(root: Path) -> Site:
    """Load and check everything under root/data; raise DataError listing every problem."""
    data_dir = root / "data"
    problems: list[Problem] = []
    agencies_doc = _load(data_dir / "agencies.yaml", root, "agencies", problems)
    glossary_doc = _load(data_dir / "glossary.yaml", root, "glossary", problems)
    if (data_dir / "style.yaml").exists():  # recorded style exceptions, read by scripts/translation-report
        _load(data_dir / "style.yaml", root, "style", problems)
    agencies = _vocabulary(agencies_doc, "agencies", problems)
    vocab_docs = {
        name: _load(data_dir / f"{name}.yaml", root, schema, problems)
        for name, schema in (("themes", "themes"), ("audiences", "vocabulary"), ("support", "vocabulary"))
    }
    site = Site(
        root, [], agencies, glossary_doc.data["terms"] if glossary_doc else [],
        themes=_vocabulary(vocab_docs["themes"], "themes", problems),
        audiences=_vocabulary(vocab_docs["audiences"], "terms", problems),
        support=_vocabulary(vocab_docs["support"], "terms", problems),
    )
    plan_files = sorted((data_dir / "plans").glob("*.yaml"))
    if not plan_files:
        problems.append(Problem("data/plans", 1, 1, "", "no plan files (*.yaml) found"))
    seen: dict[str, str] = {}
    complete = True  # every plan loaded: only then can references into the plans be checked
    for path in plan_files:
        doc = _load(path, root, "plan", problems)
        if doc is None:
            complete = False
            continue
        plan = doc.data
        if path.stem != plan["id"]:
            problems.append(doc.problem(("id",), f"plan ID '{plan['id']}' must match the file name '{path.stem}'"))
        if any(p["code"] == plan["code"] for p in site.plans):
            problems.append(doc.problem(("code",), f"plan code '{plan['code']}' is used by another plan"))
        site.plans.append(plan)
        site.docs[plan["id"]] = doc
        _index(site, plan, doc, problems, seen)
        if agencies_doc and all(vocab_docs.values()):
            _check_references(site, plan, doc, problems)
    _load_progress(site, data_dir, root, problems, check_references=complete)
    if problems:
        raise DataError(problems)
    site.plans.sort(key=lambda p: (p["order"], p["id"]))
    site.responsibilities.sort(key=lambda r: r.position)
    return site


def _load_progress(site: Site, data_dir: Path, root: Path, problems: list[Problem], check_references: bool) -> None:
    """Indicator concepts, sources, observations, context figures, research records, text goals and progress notes,
    checked against the plans' items."""
    progress = data_dir / "progress"
    concepts = _load(data_dir / "concepts.yaml", root, "concepts", problems)
    sources = _load(progress / "sources.yaml", root, "sources", problems)
    docs = {
        key: _load(progress / f"{key}.yaml", root, key, problems)
        for key in ("observations", "context", "notes", "research", "goals")
    }
    site.concepts = _vocabulary(concepts, "concepts", problems)
    site.sources = _vocabulary(sources, "sources", problems)
    indicators = {i.id: i for i in site.items.values() if i.kind == "indicator"}
    if not check_references:
        return

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
        if sources is not None and source_id not in site.sources:  # a broken sources file is reported once, not per reference
            problems.append(doc.problem(path + ("source",), f"unknown source '{source_id}'{suggest(source_id, site.sources)}: add it to data/progress/sources.yaml"))

    if concepts:
        for ci, concept in enumerate(concepts.data["concepts"]):
            for mi, member in enumerate(concept["members"]):
                check_indicator(concepts, ("concepts", ci, "members", mi), member)
    doc = docs["observations"]
    if doc:
        for k, obs in enumerate(doc.data["observations"]):
            check_source(doc, ("observations", k), obs["source"])
            indicator = check_indicator(doc, ("observations", k), obs)
            if indicator is not None:
                problems.extend(observation_problems(doc, ("observations", k), indicator, obs))
        site.observations = doc.data["observations"]
    doc = docs["context"]
    if doc:
        for k, entry in enumerate(doc.data["context"]):
            check_source(doc, ("context", k), entry["source"])
            check_indicator(doc, ("context", k), entry)
        site.context = doc.data["context"]
    doc = docs["notes"]
    if doc:
        for k, note in enumerate(doc.data["notes"]):
            check_source(doc, ("notes", k), note["source"])
            if note["item"] not in site.items or site.items[note["item"]].kind == "indicator":
                problems.append(doc.problem(("notes", k, "item"), f"unknown task or box '{note['item']}'{suggest(note['item'], site.items)}"))
        site.notes = doc.data["notes"]
    doc = docs["research"]
    if doc:
        for k, entry in enumerate(doc.data["searched"]):
            check_indicator(doc, ("searched", k), entry)
        site.research = doc.data
    doc = docs["goals"]
    if doc:
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
        site.goals = doc.data["goals"]


JUMP = 3.0  # a value that has gone this many times the planned change from baseline to target needs a caution


def observation_problems(doc: Document, path: tuple, indicator: Item, obs: dict) -> list[Problem]:
    """What a schema cannot say about one observation: a yearly count needs a whole year; a jump needs a caution."""
    out = []
    measure = indicator.data["measures"][obs.get("measure", 0)]
    if "/年" in measure["unit"]["zh"] and not obs["date"].endswith("-12-31"):
        out.append(doc.problem(path + ("date",), f"'{indicator.id}' is counted per year: give a whole year (a date of YYYY-12-31), or put part of a year in data/progress/context.yaml as relation part-period"))
    baseline, target = measure["baseline"], measure["target"]
    if indicator.data.get("kind") != "growth-rate" and baseline is not None and target != baseline:
        share = (obs["value"] - baseline) / (target - baseline)
        if share > JUMP and "caution" not in obs:
            out.append(doc.problem(path + ("value",), f"{obs['value']:g} has gone {share:.1f} times the plan's whole change from {baseline:g} to {target:g}: add a 'caution' saying why it may not be comparable (e.g. a change of definition)"))
    return out
