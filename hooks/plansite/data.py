"""All of data/ loaded, validated and indexed: the one object the renderers read."""
from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass
class Responsibility:
    """Who is responsible for one task or safeguard section, and how to link to it."""

    plan: dict
    anchor: str
    number: str  # as the plan numbers it ("13"), or the safeguard section number
    title: dict
    data: dict  # {lead: [...], cooperating: [...]} or {shared: [...]}
    item: Item | None = None

    def label(self, lang: str) -> str:
        if self.item is None:
            return f"（{cn_number(int(self.number))}）" if lang == "zh" else f"({self.number})"
        return self.number


@dataclass
class Site:
    root: Path
    plans: list[dict]
    agencies: dict[str, dict]
    glossary: list[dict]
    items: dict[str, Item] = field(default_factory=dict)
    responsibilities: list["Responsibility"] = field(default_factory=list)
    docs: dict[str, Document] = field(default_factory=dict)  # plan id -> document

    def plan_items(self, plan: dict, kind: str | None = None) -> list[Item]:
        return [i for i in self.items.values() if i.plan is plan and (kind is None or i.kind == kind)]

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
                site.responsibilities.append(Responsibility(plan, section["id"], str(section["number"]), section["title"], section["responsibility"]))
    for path, chapter, section, block in iter_blocks(plan):
        for kind in ITEM_KINDS:
            if kind in block:
                obj = block[kind]
                claim(obj["id"], path + (kind, "id"))
                site.items[obj["id"]] = Item(obj["id"], kind, plan, chapter, section, obj)
        if "task" in block and "responsibility" in block["task"]:
            task = block["task"]
            site.responsibilities.append(Responsibility(plan, task["id"], str(task["number"]), task["title"], task["responsibility"], site.items[task["id"]]))
        if "indicators" in block:
            table = block["indicators"]
            claim(table["id"], path + ("indicators", "id"))
            for ri, row in enumerate(table["rows"]):
                claim(row["id"], path + ("indicators", "rows", ri, "id"))
                site.items[row["id"]] = Item(row["id"], "indicator", plan, chapter, section, row)


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
    agencies: dict[str, dict] = {}
    if agencies_doc:
        for k, agency in enumerate(agencies_doc.data["agencies"]):
            if agency["id"] in agencies:
                problems.append(agencies_doc.problem(("agencies", k, "id"), f"duplicate agency ID '{agency['id']}'"))
            agencies[agency["id"]] = agency
    site = Site(root, [], agencies, glossary_doc.data["terms"] if glossary_doc else [])
    plan_files = sorted((data_dir / "plans").glob("*.yaml"))
    if not plan_files:
        problems.append(Problem("data/plans", 1, 1, "", "no plan files (*.yaml) found"))
    seen: dict[str, str] = {}
    for path in plan_files:
        doc = _load(path, root, "plan", problems)
        if doc is None:
            continue
        plan = doc.data
        if path.stem != plan["id"]:
            problems.append(doc.problem(("id",), f"plan ID '{plan['id']}' must match the file name '{path.stem}'"))
        if any(p["code"] == plan["code"] for p in site.plans):
            problems.append(doc.problem(("code",), f"plan code '{plan['code']}' is used by another plan"))
        site.plans.append(plan)
        site.docs[plan["id"]] = doc
        _index(site, plan, doc, problems, seen)
        if agencies_doc:
            _check_references(site, plan, doc, problems)
    if problems:
        raise DataError(problems)
    site.plans.sort(key=lambda p: (p["order"], p["id"]))
    return site
