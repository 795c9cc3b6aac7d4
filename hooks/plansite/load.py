"""The first stage: every file of data/ read, checked and assembled into one Site, or a DataError listing every
problem found (file, line, field)."""
from __future__ import annotations

from pathlib import Path

from . import addresses, check
from .pages import page_sources
from .model import ITEM_KINDS, Item, Responsibility, Site, iter_blocks
from .problems import DataError, Problem
from .schema import schema_problems
from .yamldoc import Document, load_document, shown_path

PROGRESS_FILES = ("observations", "context", "notes", "research", "goals")  # under data/progress/, schema of the same name


class DocumentCache:
    """The files read by the last load, with their schema and text problems, by name and content: under `mkdocs serve`
    a file whose bytes have not changed since is not parsed or checked again (the checks across files always run).
    Files are known by their path under root, so that one cache serves copies of the project alike."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], tuple[bytes, Document | None, list[Problem]]] = {}

    def load(self, path: Path, root: Path, schema: str, problems: list[Problem]) -> Document | None:
        try:
            raw = path.read_bytes()
        except OSError:
            return _load_file(path, root, schema, problems)
        key = (shown_path(path, root), schema)
        cached = self._entries.get(key)
        if cached is None or cached[0] != raw:
            found: list[Problem] = []
            cached = (raw, _load_file(path, root, schema, found, raw), found)
            self._entries[key] = cached
        problems.extend(cached[2])
        return cached[1]


def load_site(root: Path, cache: DocumentCache | None = None) -> Site:
    """Load and check everything under root/data; raise DataError listing every problem."""
    data_dir = root / "data"
    problems: list[Problem] = []
    read = cache.load if cache else _load_file
    agencies_doc = read(data_dir / "agencies.yaml", root, "agencies", problems)
    glossary_doc = read(data_dir / "glossary.yaml", root, "glossary", problems)
    if (data_dir / "style.yaml").exists():  # recorded style exceptions, read by scripts/translation-report
        read(data_dir / "style.yaml", root, "style", problems)
    vocab_docs = {
        name: read(data_dir / f"{name}.yaml", root, schema, problems)
        for name, schema in (("themes", "themes"), ("audiences", "vocabulary"), ("support", "vocabulary"))
    }
    if glossary_doc:
        problems.extend(check.duplicate_terms(glossary_doc))
    site = Site(
        root, [], _vocabulary(agencies_doc, "agencies", problems), glossary_doc.data["terms"] if glossary_doc else [],
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
        doc = read(path, root, "plan", problems)
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
        problems.extend(check.plan_id_problems(plan, doc, seen))
        _index(site, plan)
        if agencies_doc and all(vocab_docs.values()):
            problems.extend(check.reference_problems(site, plan, doc))
    _load_progress(site, data_dir, root, problems, complete, read)
    # Which plans have a record is checked only when everything else is right: a plan with a broken ID would
    # otherwise also be reported as a plan without a record.
    _load_documents(site, data_dir, root, problems, complete and not problems, read)
    services_doc = read(data_dir / "services.yaml", root, "services", problems)
    if services_doc and complete and all(vocab_docs.values()) and agencies_doc:
        problems.extend(check.services_problems(site, services_doc))
        site.services = services_doc.data
    traditional_doc = read(data_dir / "traditional.yaml", root, "traditional", problems)
    if traditional_doc:
        site.traditional = traditional_doc.data["corrections"]
        if complete:
            problems.extend(check.correction_problems(site, traditional_doc))
    reader_doc = read(data_dir / "reader-vocabulary.yaml", root, "reader-vocabulary", problems)
    if reader_doc:
        site.reader = reader_doc.data
        if complete:
            problems.extend(check.reader_problems(site, reader_doc))
    # The record of published addresses is checked once everything else is sound: it needs the whole site.
    records = {name: read(root / path, root, name, problems) if (root / path).exists() else None
               for name, path in (("published", addresses.PUBLISHED), ("moved", addresses.MOVED))}
    if not problems:
        site.addresses = _addresses(site, root, records, problems)
    if problems:
        raise DataError(problems)
    site.plans.sort(key=lambda p: (p["order"], p["id"]))
    site.responsibilities.sort(key=lambda r: r.position)
    return site


def _addresses(site: Site, root: Path, records: dict, problems: list[Problem]) -> addresses.Addresses | None:
    try:
        generated = page_sources(site)
    except DataError as exc:  # the home page's settings (hooks/plansite/home.yaml)
        problems.extend(exc.problems)
        return None
    now = addresses.current(site, root / "docs", generated)
    moves = addresses.check(now, records["published"], records["moved"])
    problems.extend(moves.problems)
    return addresses.Addresses(now, records["published"], moves)


def _load_file(path: Path, root: Path, schema: str, problems: list[Problem],
               raw: bytes | None = None) -> Document | None:
    """One file (or its bytes, read already), parsed and checked against its schema and the text rules; None (its
    problems added) if unusable."""
    try:
        doc = load_document(path, root, raw)
    except DataError as exc:
        problems.extend(exc.problems)
        return None
    found = schema_problems(doc, schema)
    problems.extend(found)
    if found:
        return None
    problems.extend(check.text_problems(doc))
    return doc


def _vocabulary(doc: Document | None, key: str, problems: list[Problem]) -> dict[str, dict]:
    if doc is None:
        return {}
    problems.extend(check.duplicate_ids(doc, key))
    if key == "terms":
        problems.extend(check.within_problems(doc, key))
    return {entry["id"]: entry for entry in doc.data[key]}


def _index(site: Site, plan: dict) -> None:
    """The plan's items and responsibilities, in reading order."""
    for ci, chapter in enumerate(plan["chapters"]):
        for si, section in enumerate(chapter["sections"]):
            if "responsibility" in section:
                site.responsibilities.append(Responsibility(plan, section["id"], str(section["number"]), section["title"], section["responsibility"], position=(plan["order"], ci, si, len(section["blocks"]))))
    for path, chapter, section, block in iter_blocks(plan):
        for kind in ITEM_KINDS:
            if kind in block:
                obj = block[kind]
                site.items[obj["id"]] = Item(obj["id"], kind, plan, chapter, section, obj, path + (kind,))
        if "task" in block and "responsibility" in block["task"]:
            task = block["task"]
            site.responsibilities.append(Responsibility(plan, task["id"], str(task["number"]), task["title"], task["responsibility"], site.items[task["id"]], position=(plan["order"], *path[1::2])))
        if "indicators" in block:
            for ri, row in enumerate(block["indicators"]["rows"]):
                site.items[row["id"]] = Item(row["id"], "indicator", plan, chapter, section, row, path + ("indicators", "rows", ri))
    tasks = [i for i in site.items.values() if i.plan is plan and i.kind == "task"]
    numbers = [task.data["number"] for task in tasks]
    if len(numbers) != len(set(numbers)):  # numbered afresh in each section (Zhongshan: 一.1 … 四.5)
        for task in tasks:
            task.numbered_in_section = True


def _load_progress(site: Site, data_dir: Path, root: Path, problems: list[Problem], plans_complete: bool, read) -> None:
    """Indicator concepts, sources, observations, context figures, research records, text goals and progress notes;
    their references into the plans are checked only when every plan loaded."""
    docs = {"concepts": read(data_dir / "concepts.yaml", root, "concepts", problems),
            "sources": read(data_dir / "progress" / "sources.yaml", root, "sources", problems)}
    docs |= {key: read(data_dir / "progress" / f"{key}.yaml", root, key, problems) for key in PROGRESS_FILES}
    site.concepts = _vocabulary(docs["concepts"], "concepts", problems)
    site.sources = _vocabulary(docs["sources"], "sources", problems)
    if not plans_complete:
        return
    problems.extend(check.progress_problems(site, docs))
    for key in ("observations", "context", "notes"):
        if docs[key]:
            setattr(site, key, docs[key].data[key])
    if docs["research"]:
        site.research = docs["research"].data
    if docs["goals"]:
        site.goals = docs["goals"].data["goals"]


def _load_documents(site: Site, data_dir: Path, root: Path, problems: list[Problem], plans_complete: bool, read) -> None:
    """Each plan as a document (data/documents.yaml), and the searches made for its facts."""
    doc = read(data_dir / "documents.yaml", root, "documents", problems)
    if doc is None:
        return
    problems.extend(check.document_problems(site, doc, plans_complete))
    site.documents = {record["plan"]: record for record in doc.data["documents"]}
    site.searches = {search["id"]: search for search in doc.data["searches"]}
