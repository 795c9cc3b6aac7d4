"""Material's style sheet cut down to the rules that can apply to the built site.

The theme ships one style sheet for every feature it has (admonitions, tabs, code annotations, blog, ...); a
phone must fetch all of it before the first paint. After the build, a selector is dropped when it names a class
that no page uses and no script may add: every identifier in the site's own scripts counts as used, and of the
classes the theme's script adds at run time, those of the features this site has (MATERIAL_RUNTIME; its bundle
names every feature's, which kept a third of the sheet for nothing). A selector is dropped too when it names an
element that no page has and no script writes (kbd, blockquote, img, ...). Classes and elements inside :not(),
:is(), :where() and :has() never cause a drop. Last, the custom properties that nothing reads any more go (the
icons of admonitions, repositories, tabs ...: a fifth of what was left): a property stays if a kept rule, another
style sheet of the site, a page or a script names it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import tinycss2
from tinycss2.ast import AtRule, FunctionBlock, IdentToken, LiteralToken, QualifiedRule

CLASS_ATTR = re.compile(r"""\sclass=["']([^"']*)["']""")
IDENTIFIER = re.compile(r"[A-Za-z_][\w-]*")
TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
# Elements a script creates: createElement("li"), or the theme's own helper, x("div",{class:...}).
CREATED = re.compile(r"""createElement(?:NS)?\((?:[^,()]*,\s*)?["']([a-zA-Z][\w-]*)["']|\(["']([a-z][a-z0-9]*)["'],\s*\{""")
CUSTOM_PROPERTY = re.compile(r"--[A-Za-z_][\w-]*")
CUSTOM_PROPERTY_USE = re.compile(r"var\(\s*(--[A-Za-z_][\w-]*)")
GROUPING = ("media", "supports", "container", "layer")
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*$")


# Classes Material's script adds at run time for what this site uses: the root once the script runs, keyboard focus,
# the header's title while the page title shows in it (scrolled), the table of contents' sections read (toc.follow),
# the navigation drawer's partly open sections, and the notice the script shows ("copied", "saved").
MATERIAL_RUNTIME = {"js", "focus-visible", "md-header__title--active", "md-nav__link--passed", "md-toggle--indeterminate", "md-dialog--active"}
THEME_SCRIPTS = "javascripts"  # Material's own scripts, under assets/ of the built site


@dataclass
class Used:
    """What the built site uses: class names, element names, and the custom properties named outside the theme's
    main style sheet (in pages, the other style sheets and every script)."""

    classes: set[str]
    elements: set[str]
    properties: set[str]


def used_names(site_dir: Path, main_sheets: set[Path] = frozenset()) -> Used:
    classes, elements, properties = set(MATERIAL_RUNTIME), set(), set()
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for value in CLASS_ATTR.findall(html):
            classes.update(value.split())
        elements.update(tag.lower() for tag in TAG.findall(html))
        properties.update(CUSTOM_PROPERTY.findall(html))
    for script in (site_dir / "assets").rglob("*.js"):
        text = script.read_text(encoding="utf-8")
        if THEME_SCRIPTS not in script.relative_to(site_dir / "assets").parts:
            classes.update(IDENTIFIER.findall(text))
        elements.update(tag.lower() for pair in CREATED.findall(text) for tag in pair if tag)
        elements.update(tag.lower() for tag in TAG.findall(text))
        properties.update(CUSTOM_PROPERTY.findall(text))
    for sheet in (site_dir / "assets").rglob("*.css"):
        if sheet not in main_sheets:
            properties.update(CUSTOM_PROPERTY_USE.findall(sheet.read_text(encoding="utf-8")))
    return Used(classes, elements, properties)


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


def _elements(selector: list) -> set[str]:
    """Element names at the top level of one selector: identifiers not after ".", ":" or "::"."""
    found, before = set(), None
    for token in selector:
        if isinstance(token, IdentToken) and not (isinstance(before, LiteralToken) and before.value in (".", ":", "::")):
            found.add(token.value.lower())
        before = token
    return found


def _purge(rules: list, used: Used) -> list:
    out = []
    for rule in rules:
        if isinstance(rule, QualifiedRule):
            kept = [s for s in _selectors(rule.prelude) if _classes(s) <= used.classes and _elements(s) <= used.elements]
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


def _declarations(rule) -> list:
    return tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)


def _drop_unread_properties(rules: list, named: set[str]) -> None:
    """Remove the custom property declarations that nothing reads: not a kept rule of this sheet (through var()),
    nor anything in `named`. Dropping one may leave others unread (a property read only by it): repeat until none."""
    flat = []

    def collect(rules):
        for rule in rules:
            if isinstance(rule, QualifiedRule):
                flat.append(rule)
            elif isinstance(rule, AtRule) and isinstance(rule.content, list) and rule.lower_at_keyword in GROUPING:
                collect(rule.content)
    collect(rules)
    while True:
        read = set(named)
        for rule in flat:
            for d in _declarations(rule):
                if d.type == "declaration":
                    read.update(CUSTOM_PROPERTY_USE.findall(tinycss2.serialize(d.value)))
        changed = False
        for rule in flat:
            declarations = _declarations(rule)
            kept = [d for d in declarations if d.type != "declaration" or not d.name.startswith("--") or d.name in read]
            if len(kept) < len(declarations):
                rule.content = tinycss2.parse_component_value_list(";".join(d.serialize() for d in kept))
                changed = True
        if not changed:
            return


def purge_css(css: str, used: Used) -> str:
    rules = _purge(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), used)
    _drop_unread_properties(rules, used.properties)
    return tinycss2.serialize(rules)


def purge_theme_css(site_dir: Path) -> list[tuple[str, int, int]]:
    """Rewrite the theme's main style sheet in a built site; returns (file, bytes before, bytes after)."""
    main_sheets = set((site_dir / "assets" / "stylesheets").glob("main.*.min.css"))
    used = used_names(site_dir, main_sheets)
    report = []
    for sheet in sorted(main_sheets):
        css = sheet.read_text(encoding="utf-8")
        purged = purge_css(SOURCE_MAP.sub("", css), used)
        sheet.write_text(purged, encoding="utf-8")
        sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)
        report.append((sheet.name, len(css.encode()), len(purged.encode())))
    return report
