"""Every built page passes the W3C Nu HTML checker, apart from the theme's own messages in vnu-exceptions.yaml."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import yaml

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
EXCEPTIONS = yaml.safe_load((Path(__file__).with_name("vnu-exceptions.yaml")).read_text(encoding="utf-8"))


def excused(message: dict) -> bool:
    return any(e["message"] in message["message"] and e["extract"] in message.get("extract", "")
               and any(message["url"].endswith(page) for page in e.get("pages", [""])) for e in EXCEPTIONS)


def test_every_exception_names_its_reason():
    assert EXCEPTIONS and all(e.get("reason", "").strip() for e in EXCEPTIONS)


def test_every_page_is_valid_html(site_dir, tmp_path):
    assert VNU.exists(), "the Nu HTML checker is missing: run scripts/test (it installs node_modules with npm ci)"
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 100
    # A page known to be invalid goes along, to show that the checker really read the files.
    broken = tmp_path / "broken.html"
    broken.write_text('<!DOCTYPE html><html lang="en"><title>t</title><main><p>text</div></main>', encoding="utf-8")
    # And an English page that says it is Chinese, to show that the language check is on.
    mislabelled = tmp_path / "mislabelled.html"
    mislabelled.write_text('<!DOCTYPE html><html lang="zh-Hans"><title>t</title><main>'
                           + "<p>The plan sets targets for patents, trademarks and copyright in the city by 2025.</p>" * 30
                           + "</main>", encoding="utf-8")
    # One Java process for all pages (a JVM start costs more than checking a page). The checker guesses a page's
    # language from a random sample of its text; a fixed seed makes the guess the same on every run. For a run this
    # short the JVM's quick compiler alone is faster, and saves the CPU its optimizing one would take from the other
    # worker (less than half the time, the same messages); its frames are larger, hence the larger thread stack.
    result = subprocess.run(["java", "-XX:TieredStopAtLevel=1", "-Xss8m", "-Dnu.validator.checker.langDetectionSeed=1",
                             "-jar", str(VNU), "--format", "json",
                             "--exit-zero-always", str(broken), str(mislabelled), *map(str, pages)],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-2000:]
    messages = json.loads(result.stderr)["messages"]
    assert any(m["type"] == "error" and m["url"].endswith("/broken.html") for m in messages), "the checker found nothing wrong in a broken page"
    assert any("appears to be written in English" in m["message"] and m["url"].endswith("/mislabelled.html")
               for m in messages), "the checker did not notice an English page labelled Chinese"
    messages = [m for m in messages if not m["url"].endswith(("/broken.html", "/mislabelled.html"))]
    problems = [
        f"{m['url'].split(site_dir.name + '/', 1)[-1]}:{m.get('lastLine')}: {m['message']} [{m.get('extract', '').strip()[:80]}]"
        for m in messages
        if (m["type"] == "error" or m.get("subType") == "warning") and not excused(m)
    ]
    assert problems == [], "\n".join(problems[:20])
    assert not any(m["type"] == "non-document-error" for m in messages), [m for m in messages if m["type"] == "non-document-error"][:3]
