"""Every internal link of the built site resolves, #anchors included, in both languages."""
from __future__ import annotations

import json
import posixpath
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import parsed

IDS = re.compile(r"""\bid=["']([^"']+)["']""")


def html_files(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


@pytest.fixture(scope="module")
def pages(site_dir) -> dict[Path, tuple[str, BeautifulSoup]]:
    """Every built page, read and parsed, for the tests below: {file: (text, soup)}."""
    return {file: (file.read_text(encoding="utf-8"), parsed(file)) for file in html_files(site_dir)}


def test_every_internal_link_and_anchor_resolves(site_dir, pages):
    @cache
    def ids_of(file: Path) -> frozenset:
        return frozenset(IDS.findall(file.read_text(encoding="utf-8")))

    broken, checked = [], 0
    for file, (_, soup) in pages.items():
        page_url = "/" + file.relative_to(site_dir).as_posix()
        for a in soup.select("a[href]"):
            href = a["href"]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            path = unquote(parts.path)
            target_url = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), path)) if path else page_url
            target = site_dir / target_url.lstrip("/")
            if target.is_dir() or path.endswith("/"):
                target = target / "index.html"
            checked += 1
            if not target.is_file():
                broken.append(f"{page_url}: {href} (no such page)")
            elif parts.fragment and unquote(parts.fragment) not in ids_of(target):
                broken.append(f"{page_url}: {href} (no such anchor)")
    assert checked > 1000
    assert broken == [], f"{len(broken)} broken links, e.g. {broken[:10]}"


def test_language_switcher_target_of_every_page_exists(site_dir, pages):
    missing = []
    for file, (_, soup) in pages.items():
        links = soup.select("a.md-select__link[hreflang]")
        if file.name == "404.html":
            continue
        assert [a["hreflang"] for a in links] == ["zh-Hans", "zh-Hant", "en"], file
        for a in links:
            target = (file.parent / a["href"]).resolve()
            if not (target / "index.html").is_file() and not target.is_file():
                missing.append(f"{file.relative_to(site_dir)} -> {a['href']}")
    assert missing == []


def test_every_script_and_style_sheet_a_page_loads_exists(site_dir, pages):
    """Including Material's script, which pages load after their first paint (hooks/theme/main.html)."""
    deferred = re.compile(r"""(\["[^\]]*"\])\.forEach""")
    missing, checked = [], 0
    for file, (text, soup) in pages.items():
        refs = [s["src"] for s in soup.select("script[src]")] + [l["href"] for l in soup.select("link[rel=stylesheet]")]
        refs += [src for found in deferred.findall(text) for src in json.loads(found)]
        assert any("javascripts/bundle." in r for r in refs), file
        for ref in refs:
            checked += 1
            target = site_dir / ref.lstrip("/") if ref.startswith("/") else file.parent / ref  # 404.html: root-absolute
            if not target.resolve().is_file():
                missing.append(f"{file.relative_to(site_dir)}: {ref}")
    assert checked > 500 and missing == []
