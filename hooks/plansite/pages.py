"""Which pages the data makes (declared once, in page_sources), and writing them into docs/.

The generator's pages must be real files under docs/ (mkdocs-static-i18n cannot take pages made in memory). Each
file is written only when its content changed, so that `mkdocs serve` does not rebuild forever, and carries the
generator's mark in its front matter. The list of what the generator wrote is kept in docs/.gitignore, which is
itself generated: git ignores exactly those files, the next build deletes those no longer made (if they still carry
the mark), and a hand-written page is never deleted or overwritten.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .facets import page_facets, plan_facets
from .home import home_context
from .model import Site
from .problems import DataError, Problem
from .render import environment, render
from .editions import EDITIONS, Edition

FRONT_MATTER = "---\n"
MARK = "generator: hooks/plansite/pages.py"  # the first field of every generated page's front matter
MANIFEST = ".gitignore"
MANIFEST_HEADER = "# Pages generated from data/ by hooks/plansite/pages.py at each build (this file too): not committed, never edited.\n"


def file_name(base: str, edition: Edition) -> str:
    """docs-relative file of a page in an edition: plans/nansha.md, plans/nansha.zh-hant.md, plans/nansha.en.md."""
    return f"{base}.md" if edition.default else f"{base}.{edition.code}.md"


def page_sources(site: Site) -> dict[str, tuple[str, dict]]:
    """docs-relative path without suffix -> (template, context), for every generated page."""
    pages = {"index": ("home.md.j2", home_context(site)), "plans/index": ("plans.md.j2", {})}
    for plan in site.plans:
        pages[f"plans/{plan['id']}"] = ("plan.md.j2", {"plan": plan})
    pages["themes/index"] = ("themes.md.j2", {})
    for theme in site.themes.values():
        pages[f"themes/{theme['id']}"] = ("theme.md.j2", {"theme": theme})
    pages["glossary"] = ("glossary.md.j2", {})
    pages["indicators"] = ("indicators.md.j2", {})
    pages["progress"] = ("progress.md.j2", {})
    pages["end-of-period"] = ("end-of-period.md.j2", {})
    pages["sources"] = ("sources.md.j2", {})
    pages["finder"] = ("finder.md.j2", {})
    pages["downloads"] = ("downloads.md.j2", {})
    pages["services/index"] = ("services-index.md.j2", {})
    for plan in site.plans:
        pages[f"services/{plan['id']}"] = ("services.md.j2", {"region": plan})
    pages["agencies/index"] = ("agencies.md.j2", {})
    for agency in site.agency_list():
        pages[f"agencies/{agency['id']}"] = ("agency.md.j2", {"agency": agency})
    return pages


# Generated parts of hand-written pages: docs-relative path without suffix -> template. The hook adds a part at the
# end of its page's Markdown (the page's own text stays as written).
PARTS = {"about": "about-documents.md.j2"}


@dataclass
class Rendered:
    """Every generated page of one build, with what each was rendered from (see render_all)."""

    pages: dict[str, tuple[str, list[str]]]  # docs-relative file -> (Markdown, raw HTML blocks set aside)
    parts: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # hand-written page -> its generated part
    keys: dict[str, tuple] = field(default_factory=dict)  # docs-relative file -> the inputs it was rendered from
    facets: dict[str, tuple[tuple, dict]] = field(default_factory=dict)  # plan ID -> (file stamp, its facets)
    fresh: set[str] = field(default_factory=set)  # files rendered in this build, not taken from the previous one


def render_all(site: Site, shared_key: tuple | None = None, previous: Rendered | None = None) -> Rendered:
    """Render every generated page.

    Under `mkdocs serve` a page is taken from the previous build when its inputs have not changed: `shared_key`
    stands for everything but the plan files (the other data files, the templates, the strings); of the plans, a
    page reads the facets it names (facets.py) and, for a plan's own page, the whole plan file. Without
    `shared_key` (a plain build) everything is rendered."""
    env = environment(site)
    out = Rendered({})
    incremental = shared_key is not None
    if incremental:
        for plan in site.plans:
            stamp = site.docs[plan["id"]].stamp
            known = previous.facets.get(plan["id"]) if previous else None
            out.facets[plan["id"]] = known if known and known[0] == stamp else (stamp, plan_facets(site, plan))
    for base, (template, context) in page_sources(site).items():
        if incremental:
            own = site.docs[context["plan"]["id"]].stamp if "plan" in context else None
            key = (shared_key, own, tuple((name, tuple(out.facets[p["id"]][1].get(name) for p in site.plans)) for name in page_facets(base, context)))
        for edition in EDITIONS:
            rel = file_name(base, edition)
            if incremental:
                out.keys[rel] = key
                if previous and previous.keys.get(rel) == key:
                    out.pages[rel] = previous.pages[rel]
                    continue
            markdown, blocks = render(env, template, edition, **context)
            out.pages[rel] = (_marked(markdown, blocks), blocks)
            out.fresh.add(rel)
    for base, template in PARTS.items():  # small: rendered at every build
        for edition in EDITIONS:
            out.parts[file_name(base, edition)] = render(env, template, edition)
    return out


def _marked(markdown: str, blocks: list[str]) -> str:
    """The page's Markdown with the generator's mark in its front matter. The mark carries a digest of the HTML set
    aside, so that the file changes whenever the page does: `mkdocs serve --dirty` rebuilds a page only then."""
    digest = hashlib.sha1("\n\n".join(blocks).encode("utf-8")).hexdigest()[:16]
    body = markdown[len(FRONT_MATTER):] if markdown.startswith(FRONT_MATTER) else FRONT_MATTER + markdown
    return f"{FRONT_MATTER}{MARK} {digest}\n{body}"


def previously_written(docs_dir: Path) -> set[str]:
    """The pages the last build generated, from its manifest (none before the first build)."""
    path = docs_dir / MANIFEST
    if not path.exists():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line[1:] for line in lines if line.startswith("/") and line != "/" + MANIFEST}


def carries_mark(path: Path) -> bool:
    """Whether a file under docs/ was written by the generator (its front matter starts with the mark)."""
    with path.open(encoding="utf-8", errors="replace") as file:
        return file.read(len(FRONT_MATTER) + len(MARK)) == FRONT_MATTER + MARK


def hand_written_twins(docs_dir: Path, generated: dict) -> dict[str, tuple[str, list[str]]]:
    """The hand-written pages of the default edition (docs/about.md) in each converted edition (docs/about.zh-hant.md):
    the same Markdown, which the Traditional edition converts as it writes the page."""
    suffixes = tuple(f".{e.code}.md" for e in EDITIONS if not e.default)
    twins = {}
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if rel in generated or rel.endswith(suffixes) or carries_mark(path):
            continue
        for edition in EDITIONS:
            if edition.converted:
                twins[file_name(rel[: -len(".md")], edition)] = (_marked(path.read_text(encoding="utf-8"), []), [])
    return twins


def write_pages(docs_dir: Path, pages: dict[str, tuple[str, list[str]]], fresh: set[str]) -> list[str]:
    """Write the pages that changed, delete the generator's pages no longer made; return what was touched.

    Only the pages made afresh (`fresh`) are compared with their files: the others were checked by the build they
    were rendered in.

    Only files carrying the generator's mark are ever deleted. A page without the mark where a generated one goes
    is a hand-written page: the build stops rather than overwrite it."""
    before = previously_written(docs_dir)
    clashes = [rel for rel in pages if rel not in before and (docs_dir / rel).exists() and not carries_mark(docs_dir / rel)]
    if clashes:
        message = "a page not written by the generator, where the site generates one from data/: rename or move it"
        raise DataError([Problem(f"docs/{rel}", 1, 1, "", message) for rel in clashes])
    touched = []
    for rel, (content, _) in pages.items():
        path = docs_dir / rel
        if path.exists() and (rel not in fresh or path.read_text(encoding="utf-8") == content):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        touched.append(rel)
    for rel in sorted(before - set(pages)):
        path = docs_dir / rel
        if path.exists() and carries_mark(path):  # a page since written by hand in its place stays
            path.unlink()
            touched.append(rel)
    manifest = MANIFEST_HEADER + "".join(f"/{rel}\n" for rel in sorted(pages)) + f"/{MANIFEST}\n"
    path = docs_dir / MANIFEST
    if not path.exists() or path.read_text(encoding="utf-8") != manifest:
        path.write_text(manifest, encoding="utf-8")
    return touched
