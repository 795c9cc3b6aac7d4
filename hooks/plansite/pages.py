"""Which pages the data makes, and writing them into docs/ only when their content changed."""
from __future__ import annotations

from pathlib import Path

from .data import Site
from .home import home_context
from .render import Renderer

LANGS = ("zh", "en")
# Files under docs/ that belong to the generator; everything else there is written by hand.
GENERATED_DIRS = ("plans", "agencies", "themes")
GENERATED_FILES = tuple(f"{base}{suffix}" for base in ("index", "glossary", "indicators", "progress", "end-of-period", "sources", "finder", "downloads") for suffix in (".md", ".en.md"))


def _name(base: str, lang: str) -> str:
    return f"{base}.md" if lang == "zh" else f"{base}.en.md"


def page_sources(site: Site) -> dict[str, tuple[str, dict]]:
    """docs-relative path (Chinese file name) -> (template, context), for every generated page."""
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


def render_all(site: Site, renderer: Renderer) -> dict[str, tuple[str, list[str]]]:
    """docs-relative file name -> (Markdown, raw HTML blocks set aside), for every generated page."""
    out = {}
    for base, (template, context) in page_sources(site).items():
        for lang in LANGS:
            out[_name(base, lang)] = renderer.render(template, lang, **context)
    return out


def write_pages(docs_dir: Path, pages: dict[str, tuple[str, list[str]]]) -> list[str]:
    """Write pages that changed and delete stale generated ones; return what was touched."""
    touched = []
    for rel, (content, _) in pages.items():
        path = docs_dir / rel
        if path.exists() and path.read_text(encoding="utf-8") == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        touched.append(rel)
    for folder in GENERATED_DIRS:
        for path in sorted((docs_dir / folder).rglob("*.md")):
            rel = path.relative_to(docs_dir).as_posix()
            if rel not in pages:
                path.unlink()
                touched.append(rel)
    return touched
