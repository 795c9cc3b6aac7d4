"""Under `mkdocs serve` a rebuild renders again only the pages whose inputs changed (hooks/plansite/pages.py). After
each kind of edit, the pages it gives must be exactly those of a full render of the edited data."""
from __future__ import annotations

import contextlib
import os

import pytest
from plansite import inputs
from plansite.load import DocumentCache, load_site
from plansite.pages import render_all

from conftest import copy_project

PLAN = "data/plans/nansha.yaml"
# (file, text, replacement, English pages that must change: at least these)
EDITS = {
    "paragraph": (PLAN, "Environment and situation\n    blocks:\n    - zh:", None, ["plans/nansha"]),
    "task body": (PLAN, "and keep stepping up work exchanges.", "and keep stepping up exchanges.", ["plans/nansha"]),
    "task excerpt": (PLAN, "          en: Take the lead in piloting business environment reforms", "          en: Lead the piloting of business environment reforms", ["plans/nansha", "themes/governance-policy"]),
    "task title": (PLAN, "en: Improve the IP work mechanism of the Pilot Free Trade Zone area", "en: Improve the IP working mechanism of the Pilot Free Trade Zone area", ["plans/nansha", "themes/governance-policy", "finder"]),
    "theme tag": (PLAN, "        - governance-policy\n        audiences:\n        - government\n    - task:\n        id: ns-t2\n", "        - governance-policy\n        - pledge-financing\n        audiences:\n        - government\n    - task:\n        id: ns-t2\n", ["themes/pledge-financing", "themes/index", "plans/nansha"]),
    "indicator name": (PLAN, "en: Number of high-value invention patents per 10,000 people", "en: Number of high-value invention patents per 10,000 residents", ["plans/nansha", "progress", "indicators"]),
    "noted task title": ("data/plans/guangzhou.yaml", "en: Advance IP insurance work\n", "en: Advance the work on IP insurance\n", ["plans/guangzhou", "progress"]),
    "responsibility": ("data/plans/guangzhou.yaml", "          - gz-npc-legislative\n          - gz-ip-leading-group-members\n", "          - gz-npc-legislative\n", ["agencies/gz-ip-leading-group-members", "agencies/index", "plans/guangzhou"]),
    "theme description": ("data/themes.yaml", "Loans secured by patents,", "Loans backed by patents,", ["themes/pledge-financing"]),
    "place": ("data/services.yaml", "Resolves contract disputes", "Settles contract disputes", ["services/guangzhou"]),
}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A copy of the project, loaded and rendered as under `mkdocs serve`: (root, its documents, its pages). Each test
    edits one file and puts it back as it was, so that each starts from this state."""
    root = copy_project(tmp_path_factory.mktemp("incremental"))
    cache = DocumentCache()
    return root, cache, render_all(load_site(root, cache), inputs.shared_key(inputs.fingerprint(root), root))


@contextlib.contextmanager
def edited(path, text: str, tick: int):
    """The file with this text, modified `tick` ns after its own time (no two edits look alike to the cache), then back
    as it was, modification time included."""
    original, mtime = path.read_bytes(), path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(mtime + tick, mtime + tick))
    try:
        yield
    finally:
        path.write_bytes(original)
        os.utime(path, ns=(mtime, mtime))


@pytest.mark.parametrize("edit", EDITS)
def test_a_rebuild_after_an_edit_gives_the_pages_of_a_full_render(served, edit):
    root, cache, before = served
    name, old, new, changed = EDITS[edit]
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    if new is None:  # an edit deep in a narrative paragraph: its English gets a word more
        start = text.index(old) + len(old)
        en = text.index("\n      en: ", start) + len("\n      en: ")
        text = text[:en] + "Today, " + text[en:]
    else:
        text = text.replace(old, new)

    with edited(path, text, tick=1 + list(EDITS).index(edit)):
        site = load_site(root, cache)
        after = render_all(site, inputs.shared_key(inputs.fingerprint(root), root), before)
        full = render_all(site)
    assert after.pages.keys() == full.pages.keys()
    assert [rel for rel in full.pages if after.pages[rel] != full.pages[rel]] == []
    for base in changed:
        assert after.pages[f"{base}.en.md"] != before.pages[f"{base}.en.md"], base
    if edit == "task title":  # the progress page shows indicators and the items with notes; the places, numbers
        assert not {"progress.en.md", "services/nansha.en.md"} & set(after.fresh)
    if edit in ("paragraph", "task body"):  # nothing outside the plan's own page reads these
        # the Chinese pages (Simplified and Traditional) are rendered, unchanged
        assert sorted(after.fresh) == ["plans/nansha.en.md", "plans/nansha.md", "plans/nansha.zh-hant.md"]
