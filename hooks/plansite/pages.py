"""Which pages the data makes (declared once, in page_sources), and writing them into docs/.

The generator's pages must be real files under docs/ (mkdocs-static-i18n cannot take pages made in memory). Each
file is written only when its content changed, so that `mkdocs serve` does not rebuild forever. The list of what the
generator wrote is kept in docs/.gitignore, which is itself generated: git ignores exactly those files, the next
build deletes only those that are no longer made, and a hand-written page is never deleted or overwritten.
"""
from __future__ import annotations

from pathlib import Path

from .home import home_context
from .model import Site
from .problems import DataError, Problem
from .render import environment, render
from .strings import LANGS

FRONT_MATTER = "---\n"
MARK = "generator: hooks/plansite/pages.py\n"  # the first field of every generated page's front matter
MANIFEST = ".gitignore"
MANIFEST_HEADER = "# Pages generated from data/ by hooks/plansite/pages.py at each build (this file too): not committed, never edited.\n"


def file_name(base: str, lang: str) -> str:
    """docs-relative file of a page in a language: plans/nansha.md, plans/nansha.en.md."""
    return f"{base}.md" if lang == LANGS[0] else f"{base}.{lang}.md"


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
    pages["agencies/index"] = ("agencies.md.j2", {})
    for agency in site.agency_list():
        pages[f"agencies/{agency['id']}"] = ("agency.md.j2", {"agency": agency})
    return pages


def render_all(site: Site) -> dict[str, tuple[str, list[str]]]:
    """docs-relative file name -> (Markdown, raw HTML blocks set aside), for every generated page."""
    env = environment(site)
    out = {}
    for base, (template, context) in page_sources(site).items():
        for lang in LANGS:
            markdown, blocks = render(env, template, lang, **context)
            marked = FRONT_MATTER + MARK + (markdown[len(FRONT_MATTER):] if markdown.startswith(FRONT_MATTER) else FRONT_MATTER + markdown)
            out[file_name(base, lang)] = (marked, blocks)
    return out


def previously_written(docs_dir: Path) -> set[str]:
    """The pages the last build generated, from its manifest (none before the first build)."""
    path = docs_dir / MANIFEST
    if not path.exists():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line[1:] for line in lines if line.startswith("/") and line != "/" + MANIFEST}


def _generated(path: Path) -> bool:
    with path.open(encoding="utf-8") as file:
        return file.read(len(FRONT_MATTER) + len(MARK)) == FRONT_MATTER + MARK


def write_pages(docs_dir: Path, pages: dict[str, tuple[str, list[str]]]) -> list[str]:
    """Write the pages that changed, delete the generator's pages no longer made; return what was touched.

    Only files carrying the generator's mark are ever deleted. A page without the mark where a generated one goes
    is a hand-written page: the build stops rather than overwrite it."""
    before = previously_written(docs_dir)
    clashes = [rel for rel in pages if rel not in before and (docs_dir / rel).exists() and not _generated(docs_dir / rel)]
    if clashes:
        message = "a page not written by the generator, where the site generates one from data/: rename or move it"
        raise DataError([Problem(f"docs/{rel}", 1, 1, "", message) for rel in clashes])
    touched = []
    for rel, (content, _) in pages.items():
        path = docs_dir / rel
        if path.exists() and path.read_text(encoding="utf-8") == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        touched.append(rel)
    for rel in sorted(before - set(pages)):
        path = docs_dir / rel
        if path.exists() and _generated(path):  # a page since written by hand in its place stays
            path.unlink()
            touched.append(rel)
    manifest = MANIFEST_HEADER + "".join(f"/{rel}\n" for rel in sorted(pages)) + f"/{MANIFEST}\n"
    path = docs_dir / MANIFEST
    if not path.exists() or path.read_text(encoding="utf-8") != manifest:
        path.write_text(manifest, encoding="utf-8")
    return touched
