"""The site's published addresses: every page, and the anchors of the plans' chapters, sections, tasks, boxes and
indicators, of the glossary's terms, of the indicator concepts compared and of the sources. Readers cite them, so
none may vanish without a word.

data/published.yaml records every address the site has published, in one form for every language edition (the
Chinese edition's path: /plans/guangzhou/#gz-t41 stands for /en/plans/guangzhou/#gz-t41 too). scripts/validate and
scripts/build add new addresses at its end by themselves. An address recorded there that is no longer on the site
fails validation unless data/moved.yaml says where it went; the old address then still reaches the new place: a page
through a redirect page in every edition (redirect.html.j2), an anchor through an element that keeps the old ID
(keep_old_anchors).
"""
from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from .editions import EDITIONS, Edition
from .identity import term_id
from .model import ITEM_KINDS, Site, iter_blocks
from .pages import carries_mark
from .problems import Problem
from .render import html_environment, to_root
from .strings import s, strings
from .yamldoc import Document

PUBLISHED = "data/published.yaml"
MOVED = "data/moved.yaml"
PUBLISHED_HEADER = """\
# yaml-language-server: $schema=schema/published.schema.json
# Every address the site has published, as in the Chinese edition; each stands for every edition (/en/… too).
# scripts/validate and scripts/build add new addresses at the end by themselves: commit this file with your change.
# Never delete a line: when an address goes, record where it went in data/moved.yaml (see the maintainer guide).
published:
"""


def page_address(base: str) -> str:
    """A page's address from its docs-relative name without suffix: index -> /, plans/index -> /plans/."""
    base = base.removesuffix("index").strip("/")
    return f"/{base}/" if base else "/"


def split(address: str) -> tuple[str, str]:
    """'/plans/x/#a' -> ('/plans/x/', 'a'); a page's address has no anchor ('')."""
    page, _, anchor = address.partition("#")
    return page, anchor


def depth(page: str) -> int:
    """How many folders a page is below its edition's root: / -> 0, /plans/x/ -> 2."""
    return page.strip("/").count("/") + 1 if page != "/" else 0


def current(site: Site, docs_dir: Path, generated) -> dict[str, str]:
    """Every address the site publishes now -> what it is, each page followed by its anchors. `generated`: the
    generated pages' names (docs-relative, without suffix); the hand-written pages are the default language's
    Markdown files under docs_dir."""
    pages: dict[str, dict[str, str]] = {page_address(base): {} for base in generated}
    others = tuple(f".{e.code}.md" for e in EDITIONS if not e.default)
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if not rel.endswith(others) and not carries_mark(path):
            pages.setdefault(page_address(rel[: -len(".md")]), {})
    for plan in site.plans:
        anchors = pages.setdefault(page_address(f"plans/{plan['id']}"), {})
        for chapter in plan["chapters"]:
            anchors[chapter["id"]] = "chapter"
            for section in chapter["sections"]:
                anchors[section["id"]] = "section"
        for _, _, _, block in iter_blocks(plan):
            for kind in ITEM_KINDS:
                if kind in block:
                    anchors[block[kind]["id"]] = kind
            if "indicators" in block:
                anchors[block["indicators"]["id"]] = "indicator table"
                for row in block["indicators"]["rows"]:
                    anchors[row["id"]] = "indicator"
    glossary = pages.setdefault(page_address("glossary"), {})
    for term in site.glossary:
        glossary[term_id(term)] = f"glossary term {term['zh']}"
    pages.setdefault(page_address("indicators"), {}).update((concept, "indicator concept") for concept in site.concepts)
    pages.setdefault(page_address("sources"), {}).update((source, "source") for source in site.sources)
    out = {}
    for page, anchors in pages.items():
        out[page] = "page"
        out.update((f"{page}#{anchor}", what) for anchor, what in anchors.items())
    return out


def resolve(address: str, now: dict, moved: dict[str, str]) -> str | None:
    """The current address an old one leads to, following the recorded moves (an anchor also through its page's
    move: the redirect page carries it along); None if it leads nowhere."""
    seen = set()
    while address not in now:
        if address in seen:
            return None
        seen.add(address)
        page, anchor = split(address)
        if address in moved:
            address = moved[address]
        elif anchor and page in moved:
            address = f"{split(moved[page])[0]}#{anchor}"
        else:
            return None
    return address


@dataclass
class Addresses:
    """What the site publishes now (address -> what it is), the record as read, and the moves resolved."""

    now: dict[str, str]
    published: Document | None  # data/published.yaml; None where there is none yet
    moves: "Moves"

    def unrecorded(self) -> list[str]:
        known = set(self.published.data["published"]) if self.published is not None else set()
        return [address for address in self.now if address not in known]


@dataclass
class Moves:
    """The recorded moves, each resolved to the current address it leads to."""

    targets: dict[str, str] = field(default_factory=dict)  # old address -> current address
    problems: list[Problem] = field(default_factory=list)

    def redirects(self) -> dict[str, str]:
        """Old page -> where its redirect page leads."""
        return {old: new for old, new in self.targets.items() if not split(old)[1]}

    def anchors_on(self, page: str) -> tuple[dict[str, str], dict[str, str]]:
        """The old anchors that readers' links bring to `page` (directly, or through the redirect of the page they were
        on): old ID -> the ID it now stands for on this page, and old ID -> the address on another page it went to."""
        aliases, notices = {}, {}
        for old, new in self.targets.items():
            old_page, old_id = split(old)
            host = split(self.targets[old_page])[0] if old_page in self.targets else old_page
            if not old_id or host != page:
                continue
            new_page, new_id = split(new)
            if new_page != page:
                notices[old_id] = new
            elif new_id:
                aliases[old_id] = new_id
        return aliases, notices


def check(now: dict[str, str], published: Document | None, moved: Document | None) -> Moves:
    """Every recorded address is on the site, or recorded as moved to a place that is; the moves are sound."""
    out = Moves()
    entries: dict[str, int] = {}  # old address -> its entry in data/moved.yaml
    if moved is not None:
        for k, entry in enumerate(moved.data["moved"]):
            if entry["from"] in entries:
                out.problems.append(moved.problem(("moved", k, "from"), f"{entry['from']} is recorded as moved already (entry {entries[entry['from']] + 1})"))
            elif entry["from"] in now:
                out.problems.append(moved.problem(("moved", k, "from"), f"{entry['from']} is on the site again: delete this entry"))
            else:
                entries[entry["from"]] = k
        moves = {old: moved.data["moved"][k]["to"] for old, k in entries.items()}
        for old, k in entries.items():
            target = resolve(old, now, moves)
            if target is None:
                to = moves[old]
                out.problems.append(moved.problem(("moved", k, "to"), f"{to} is not on the site{_hint(to, now)}"))
            else:
                out.targets[old] = target
    recorded = published.data["published"] if published is not None else []
    first: dict[str, int] = {}
    for k, address in enumerate(recorded):
        if address in first:
            out.problems.append(published.problem(("published", k), f"{address} is listed already (entry {first[address] + 1}): delete this line"))
            continue
        first[address] = k
        if address in now or address in entries or resolve(address, now, out.targets) is not None:
            continue  # on the site; or moved (its entry, if wrong, is reported); or an anchor found on its page's new place
        out.problems.append(published.problem(("published", k), (
            f"{address} is no longer on the site, and readers' links to it would break{_hint(address, now)}: "
            f"record where it went in {MOVED} (- {{from: {address}, to: NEW ADDRESS}})")))
    if published is not None:
        for old, k in entries.items():
            if old not in first:
                out.problems.append(moved.problem(("moved", k, "from"), f"{old} was never published (it is not in {PUBLISHED})"))
    return out


def _hint(address: str, now: dict[str, str]) -> str:
    """' (is it now …?)' naming the current address most like a vanished one: on its page, for an anchor."""
    page, anchor = split(address)
    if anchor:
        candidates = {split(a)[1]: a for a in now if a.startswith(page + "#")}
        close = difflib.get_close_matches(anchor, list(candidates), n=1)
        return f" (is it now {candidates[close[0]]}?)" if close else ""
    close = difflib.get_close_matches(page, [a for a in now if "#" not in a], n=1)
    return f" (is it now {close[0]}?)" if close else ""


def record(root: Path, addresses: Addresses) -> list[str]:
    """Add the addresses not recorded yet at the end of data/published.yaml (made if missing); return them."""
    new = addresses.unrecorded()
    if not new:
        return []
    path = root / PUBLISHED
    lines = "".join(f"- {address}{_comment(addresses.now[address])}\n" for address in new)
    if addresses.published is None:
        path.write_text(PUBLISHED_HEADER + lines, encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        path.write_text(text + ("" if text.endswith("\n") else "\n") + lines, encoding="utf-8")
    return new


def _comment(what: str) -> str:
    """A glossary anchor is a digest of its term: its line names the term."""
    return f"  # {what.removeprefix('glossary term ')}" if what.startswith("glossary term ") else ""


_START_TAG = '<(?P<tag>[a-zA-Z][a-zA-Z0-9]*)\\b[^>]*\\sid="{}"[^>]*>'
_CELL = re.compile(r"<t[hd]\b[^>]*>")


def keep_old_anchors(page_html: str, page: str, moves: Moves, edition: Edition) -> str:
    """A page's HTML with the old anchors that lead to it kept: an empty element with the old ID at the start of the
    element that has the new one (in a table row, in its first cell), or, for an anchor that went to another page, a
    note with the old ID, shown when the address points at it, linking there."""
    aliases, notices = moves.anchors_on(page)
    for old_id, new_id in aliases.items():
        found = re.search(_START_TAG.format(re.escape(new_id)), page_html)
        if found is None:
            continue
        at = found.end()
        if found["tag"].lower() == "tr":  # a row holds only cells
            cell = _CELL.search(page_html, at)
            at = cell.end() if cell else at
        page_html = f'{page_html[:at]}<span class="moved-anchor" id="{html.escape(old_id)}"></span>{page_html[at:]}'
    up = to_root(edition, depth(page))
    notes = "".join(
        f'<p class="moved-anchor-note" id="{html.escape(old_id)}">{html.escape(s("moved_anchor", edition.lang))} '
        f'<a href="{html.escape(up + target.lstrip("/"))}">{html.escape(target)}</a></p>\n'
        for old_id, target in notices.items())
    return notes + page_html


def write_redirects(site_dir: Path, moves: Moves, convert) -> int:
    """A redirect page at each old page's address in every edition, which carries the reader's anchor along; the
    pages of a converted edition pass through convert(html). Returns how many were written."""
    template = html_environment().get_template("redirect.html.j2")
    count = 0
    for old, new in moves.redirects().items():
        href = "../" * depth(old) + new.lstrip("/")
        for edition in EDITIONS:
            path = site_dir / edition.prefix / old.strip("/") / "index.html"
            if path.exists():  # never over a page of the site (validation keeps moved addresses off the site)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            page = template.render(lang=edition.html_lang, href=href or "./", target=new, s=strings(edition.lang).__getitem__)
            path.write_text(convert(page) if edition.converted else page, encoding="utf-8")
            count += 1
    return count
