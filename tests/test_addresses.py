"""Published addresses (data/published.yaml, data/moved.yaml): every recorded address is on the built site in every
language edition; a renamed or removed one stops the build until its move is recorded, and then still leads readers
to the new place, in the browser."""
from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml
from bs4 import BeautifulSoup
from plansite.editions import EDITIONS

from conftest import ROOT, serve_directory

PREFIXES = [edition.prefix for edition in EDITIONS]  # "", "zh-hant/", "en/"


def recorded() -> list[str]:
    return yaml.safe_load((ROOT / "data/published.yaml").read_text(encoding="utf-8"))["published"]


def test_every_recorded_address_is_on_the_site_in_every_edition(site_dir):
    """The record is the site's: each page exists in each edition, with each recorded anchor on it (nothing has moved
    yet, so nothing may be missing)."""
    assert yaml.safe_load((ROOT / "data/moved.yaml").read_text(encoding="utf-8"))["moved"] == []
    missing, ids = [], {}
    for address in recorded():
        page, _, anchor = address.partition("#")
        for prefix in PREFIXES:
            file = site_dir / prefix / page.strip("/") / "index.html"
            if file not in ids:
                ids[file] = set(re.findall(r'\sid="([^"]+)"', file.read_text(encoding="utf-8"))) if file.exists() else None
            if ids[file] is None or (anchor and anchor not in ids[file]):
                missing.append(f"/{prefix}{address.lstrip('/')}")
    assert missing == []
    kinds = Counter(address.partition("#")[0].split("/")[1] if "#" in address else "page" for address in recorded())
    assert kinds["page"] >= 60 and kinds["plans"] >= 200 and kinds["glossary"] >= 150, kinds


def test_every_plan_item_and_term_of_the_site_is_recorded(site_dir):
    """Every page of the site, the anchors of plans' chapters, sections and items, of glossary terms, of the indicator
    concepts compared and of the sources."""
    record = set(recorded())
    folders = {p.parent.relative_to(site_dir).as_posix() for p in site_dir.glob("**/index.html")}
    editions = tuple(prefix for prefix in PREFIXES if prefix)
    pages = {"/" if f == "." else f"/{f}/" for f in folders if not (f + "/").startswith(editions + ("data/", "search-index/", "assets/"))}
    assert len(pages) >= 60 and pages - record == set()
    for plan in ("guangzhou", "nansha", "zhuhai", "zhongshan"):
        html = (site_dir / "plans" / plan / "index.html").read_text(encoding="utf-8")
        anchors = set(re.findall(r'<(?:h[234]|tr|div)\b[^>]*\sid="([a-z]{2}-(?:c|s|t|b|i)[\d-]+|[a-z]{2}-indicators)"', html))
        assert anchors and {f"/plans/{plan}/#{a}" for a in anchors} - record == set(), plan
    terms = set(re.findall(r'<tr id="(term-[0-9a-f]{8})"', (site_dir / "glossary/index.html").read_text(encoding="utf-8")))
    assert len(terms) >= 150 and {f"/glossary/#{t}" for t in terms} - record == set()
    for page, file, key in (("indicators", "concepts.yaml", "concepts"), ("sources", "progress/sources.yaml", "sources")):
        ids = [entry["id"] for entry in yaml.safe_load((ROOT / "data" / file).read_text(encoding="utf-8"))[key]]
        assert len(ids) >= 5 and {f"/{page}/#{id_}" for id_ in ids} - record == set(), file


@pytest.fixture(scope="module")
def moved(edited_copy):
    """A copy of the project with three mistakes (conftest.MOVES), built once without their moves (and stopped), once
    with them."""
    return edited_copy


def test_without_a_recorded_move_the_build_stops_naming_each_address(moved):
    root, stopped, _ = moved
    assert stopped.returncode != 0 and "Traceback" not in stopped.stderr
    assert not (root / "site-stopped").exists()
    named = [line for line in stopped.stderr.splitlines() if line.startswith("data/published.yaml:")]
    assert len(named) == 3, stopped.stderr
    assert "/plans/guangzhou/#gz-t41 is no longer on the site" in named[0] and "(is it now /plans/guangzhou/#gz-t41b?)" in named[0]
    assert "/plans/guangzhou/#gz-t50 is no longer on the site" in named[1]
    assert "/themes/talent/ is no longer on the site" in named[2] and "record where it went in data/moved.yaml" in named[2]


def test_with_the_moves_recorded_the_old_anchors_stay_on_the_new_elements(moved):
    _, _, site = moved
    for prefix in PREFIXES:
        soup = BeautifulSoup((site / prefix / "plans/guangzhou/index.html").read_text(encoding="utf-8"), "html.parser")
        old = soup.find(id="gz-t41")
        assert old is not None and old.find_parent(id="gz-t41b") is not None and old.get_text() == ""
        assert soup.find(id="gz-t50").find_parent(id="gz-s8-2") is not None
    # The build recorded the new addresses at the end of the record, and kept the old ones.
    published = (moved[0] / "data/published.yaml").read_text(encoding="utf-8").splitlines()
    assert {"- /plans/guangzhou/#gz-t41", "- /plans/guangzhou/#gz-t50", "- /themes/talent/"} <= set(published)
    assert set(published[-2:]) == {"- /themes/ip-talent/", "- /plans/guangzhou/#gz-t41b"}


def test_old_addresses_lead_to_the_new_places_in_the_browser(moved, browser):
    _, _, site = moved
    tab = browser.new_page(viewport={"width": 1000, "height": 700})
    with serve_directory(site) as base:
        for old, new in (("/themes/talent/", "/themes/ip-talent/"), ("/en/themes/talent/#guangzhou", "/en/themes/ip-talent/#guangzhou"),
                         ("/zh-hant/themes/talent/", "/zh-hant/themes/ip-talent/")):
            tab.goto(base + old)
            tab.wait_for_url(base + new)
            assert tab.locator("h1").first.is_visible()
        for path, holder in (("/en/plans/guangzhou/#gz-t41", "gz-t41b"), ("/plans/guangzhou/#gz-t50", "gz-s8-2")):
            tab.goto(base + path)
            target = tab.locator(":target")
            target.wait_for(state="attached")
            assert target.evaluate("e => e.closest('[id]:not(.moved-anchor)').id") == holder
            top = target.evaluate("e => e.getBoundingClientRect().top")
            header = tab.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
            assert header <= top < 700, (path, top)  # scrolled to, below the fixed header
    tab.close()


def records(tmp_path, published: list[str], moved: list[tuple[str, str]]):
    """data/published.yaml and data/moved.yaml with these entries, as the loader reads them."""
    from plansite.yamldoc import load_document

    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data/published.yaml").write_text("published:\n" + "".join(f"- {a}\n" for a in published) if published else "published: []\n", encoding="utf-8")
    (tmp_path / "data/moved.yaml").write_text("moved:\n" + "".join(f"- {{from: {a}, to: {b}}}\n" for a, b in moved) if moved else "moved: []\n", encoding="utf-8")
    return load_document(tmp_path / "data/published.yaml", tmp_path), load_document(tmp_path / "data/moved.yaml", tmp_path)


NOW = {"/": "page", "/plans/": "page", "/plans/x/": "page", "/plans/x/#x-t2": "task", "/themes/new/": "page"}


def test_moves_are_followed_through_chains_and_through_a_page_move(tmp_path):
    from plansite.addresses import check

    published = ["/", "/plans/", "/plans/x/", "/plans/x/#x-t1", "/plans/x/#x-t1b", "/themes/old/", "/themes/old/#x"]
    now = NOW | {"/themes/new/#x": "anchor"}  # the old page's anchor is on the new page: it follows the redirect
    moves = check(now, *records(tmp_path, published, [
        ("/plans/x/#x-t1", "/plans/x/#x-t1b"), ("/plans/x/#x-t1b", "/plans/x/#x-t2"), ("/themes/old/", "/themes/new/")]))
    assert moves.problems == []
    # Without the anchors' moves, and without the anchor on the new page, each old anchor is named.
    unmoved = check(NOW, *records(tmp_path, published, [("/themes/old/", "/themes/new/")])).problems
    assert [p.field for p in unmoved] == ["published[3]", "published[4]", "published[6]"]
    assert moves.targets["/plans/x/#x-t1"] == "/plans/x/#x-t2" and moves.redirects() == {"/themes/old/": "/themes/new/"}
    assert moves.anchors_on("/plans/x/") == ({"x-t1": "x-t2", "x-t1b": "x-t2"}, {})


@pytest.mark.parametrize("published, moved, message", [
    (["/plans/x/#x-t9"], [], "published[0]: /plans/x/#x-t9 is no longer on the site, and readers' links to it would break (is it now /plans/x/#x-t2?)"),
    (["/plans/x/#x-t9"], [("/plans/x/#x-t9", "/plans/x/#x-t8")], "moved[0].to: /plans/x/#x-t8 is not on the site (is it now /plans/x/#x-t2?)"),
    (["/a/", "/b/"], [("/a/", "/b/"), ("/b/", "/a/")], "moved[0].to: /b/ is not on the site"),
    (["/plans/x/"], [("/plans/x/", "/plans/")], "moved[0].from: /plans/x/ is on the site again: delete this entry"),
    ([], [("/plans/y/", "/plans/")], "moved[0].from: /plans/y/ was never published (it is not in data/published.yaml)"),
    (["/plans/y/"], [("/plans/y/", "/plans/"), ("/plans/y/", "/")], "moved[1].from: /plans/y/ is recorded as moved already (entry 1)"),
    (["/", "/"], [], "published[1]: / is listed already (entry 1): delete this line"),
])
def test_unsound_records_and_moves_are_named(tmp_path, published, moved, message):
    from plansite.addresses import check

    found = [f"{p.field}: {p.message}" for p in check(NOW, *records(tmp_path, published, moved)).problems]
    assert any(line.startswith(message) for line in found), found
