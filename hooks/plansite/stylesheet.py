"""Material's style sheet cut down to the rules that can apply to the built site.

The theme ships one style sheet for every feature it has (admonitions, tabs, code annotations, blog, ...); a
phone must fetch all of it before the first paint. After the build, a selector is dropped when it names a class
that no page uses and no script may add: every identifier in the site's own scripts counts as used, and of the
classes the theme's script adds at run time, those of the features this site has (MATERIAL_RUNTIME; its bundle
names every feature's, which kept a third of the sheet for nothing). Classes inside :not(), :is(), :where() and
:has() never cause a drop.
"""
from __future__ import annotations

import re
from pathlib import Path

import tinycss2
from tinycss2.ast import AtRule, FunctionBlock, IdentToken, LiteralToken, QualifiedRule

CLASS_ATTR = re.compile(r"""\sclass=["']([^"']*)["']""")
IDENTIFIER = re.compile(r"[A-Za-z_][\w-]*")
GROUPING = ("media", "supports", "container", "layer")
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*$")


# Classes Material's script adds at run time for what this site uses: the root once the script runs, keyboard focus,
# the header's title while the page title shows in it (scrolled), the table of contents' sections read (toc.follow),
# the navigation drawer's partly open sections, and the notice the script shows ("copied", "saved").
MATERIAL_RUNTIME = {"js", "focus-visible", "md-header__title--active", "md-nav__link--passed", "md-toggle--indeterminate", "md-dialog--active"}
THEME_SCRIPTS = "javascripts"  # Material's own scripts, under assets/ of the built site


def used_names(site_dir: Path) -> set[str]:
    names = set(MATERIAL_RUNTIME)
    for page in site_dir.rglob("*.html"):
        for value in CLASS_ATTR.findall(page.read_text(encoding="utf-8")):
            names.update(value.split())
    for script in (site_dir / "assets").rglob("*.js"):
        if THEME_SCRIPTS not in script.relative_to(site_dir / "assets").parts:
            names.update(IDENTIFIER.findall(script.read_text(encoding="utf-8")))
    return names


def _selectors(prelude: list) -> list[list]:
    """Split a rule's prelude at its top-level commas."""
    out: list[list] = [[]]
    for token in prelude:
        if isinstance(token, LiteralToken) and token.value == ",":
            out.append([])
        else:
            out[-1].append(token)
    return out


def _classes(selector: list) -> set[str]:
    """Class names at the top level of one selector (not inside functional pseudo-classes such as :not())."""
    found = set()
    for before, token in zip(selector, selector[1:]):
        if isinstance(before, LiteralToken) and before.value == "." and isinstance(token, IdentToken):
            found.add(token.value)
    return found


def _purge(rules: list, used: set[str]) -> list:
    out = []
    for rule in rules:
        if isinstance(rule, QualifiedRule):
            kept = [s for s in _selectors(rule.prelude) if _classes(s) <= used]
            if kept:
                rule.prelude = [t for n, s in enumerate(kept) for t in ([LiteralToken(0, 0, ",")] if n else []) + s]
                out.append(rule)
        elif isinstance(rule, AtRule) and rule.lower_at_keyword in GROUPING and rule.content is not None:
            inner = _purge(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), used)
            if inner:
                rule.content = inner
                out.append(rule)
        elif not isinstance(rule, FunctionBlock):
            out.append(rule)
    return out


def purge_css(css: str, used: set[str]) -> str:
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return tinycss2.serialize(_purge(rules, used))


def purge_theme_css(site_dir: Path) -> list[tuple[str, int, int]]:
    """Rewrite the theme's main style sheet in a built site; returns (file, bytes before, bytes after)."""
    used = used_names(site_dir)
    report = []
    for sheet in sorted((site_dir / "assets" / "stylesheets").glob("main.*.min.css")):
        css = sheet.read_text(encoding="utf-8")
        purged = purge_css(SOURCE_MAP.sub("", css), used)
        sheet.write_text(purged, encoding="utf-8")
        sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)
        report.append((sheet.name, len(css.encode()), len(purged.encode())))
    return report
