"""Lighthouse (pinned in package.json) on every kind of page of a built site, in every edition (Simplified, Traditional,
English).

Runs the Lighthouse CLI with its default mobile profile against Debian's Chromium (CHROME_PATH), several times
per page, and reports the median of each figure: the four category scores, LCP, TBT, CLS and DOM size. Used by
scripts/bench; also runnable alone: `scripts/bench --lighthouse-only [--pages plan-gz]`.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Each kind of page; the path is that of the Simplified page (the others are under zh-hant/ and en/).
KINDS = {
    "home": "",
    "plan-gz": "plans/guangzhou/",
    "plan-ns": "plans/nansha/",
    "plan-zh": "plans/zhuhai/",
    "plan-zs": "plans/zhongshan/",
    "theme": "themes/pledge-financing/",
    "agency": "agencies/gz-amr/",
    "finder": "finder/",
    "search": "search/?q={q}",
    "indicators": "indicators/",
    "progress": "progress/",
    "end-of-period": "end-of-period/",
    "glossary": "glossary/",
    "downloads": "downloads/",
}
EDITIONS = {"zh": "", "zh-hant": "zh-hant/", "en": "en/"}  # edition -> its folder
# 质押融资, 質押融資, pledge financing
QUERY = {"zh": "%E8%B4%A8%E6%8A%BC%E8%9E%8D%E8%B5%84", "zh-hant": "%E8%B3%AA%E6%8A%BC%E8%9E%8D%E8%B3%87", "en": "pledge%20financing"}


def page_url(base: str, kind: str, lang: str) -> str:
    path = KINDS[kind].replace("{q}", QUERY[lang])
    return f"{base}/{EDITIONS[lang]}{path}"


def run_once(url: str) -> dict:
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    with tempfile.TemporaryDirectory(prefix="lh-") as tmp:
        out = Path(tmp) / "report.json"
        result = subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={CHROME_FLAGS}",
             f"--only-categories={','.join(CATEGORIES)}"],
            env=env, capture_output=True, text=True, timeout=300,
        )
        if result.returncode != 0 or not out.exists():
            raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
        report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    figures = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    figures.update(
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        cls=audits["cumulative-layout-shift"]["numericValue"],
        dom=audits["dom-size"]["numericValue"],
    )
    return figures


def measure(base: str, kinds: list[str], runs: int = 3, progress=print) -> dict[tuple[str, str], dict]:
    """(kind, edition) -> median of each figure over `runs` runs."""
    out = {}
    for kind in kinds:
        for lang in EDITIONS:
            url = page_url(base, kind, lang)
            progress(f"lighthouse {kind} {lang}: {url}")
            samples = [run_once(url) for _ in range(runs)]
            out[(kind, lang)] = {key: statistics.median(s[key] for s in samples) for key in samples[0]} | {
                "performance_runs": [s["performance"] for s in samples]}
    return out


def report_lines(results: dict[tuple[str, str], dict], runs: int) -> list[str]:
    lines = [
        f"Lighthouse 12.2.3, default mobile profile (simulated throttling), Debian's Chromium; median of {runs} runs.", "",
        "| page | edition | perf | a11y | best pr. | SEO | LCP | TBT | CLS | DOM elements | perf runs |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for (kind, lang), r in results.items():
        lines.append(
            f"| {kind} | {lang} | {r['performance']:.0f} | {r['accessibility']:.0f} | {r['best-practices']:.0f} | {r['seo']:.0f} | "
            f"{r['lcp_ms'] / 1000:.1f} s | {r['tbt_ms']:.0f} ms | {r['cls']:.3f} | {r['dom']:,.0f} | {', '.join(str(x) for x in r['performance_runs'])} |"
        )
    return lines


def goals(results: dict[tuple[str, str], dict]) -> list[tuple[str, str, bool]]:
    worst = lambda key, f=max: f(r[key] for r in results.values())  # noqa: E731
    return [
        ("Lighthouse mobile performance ≥ 95 on every kind of page, every edition", f"lowest {worst('performance', min):.0f}", worst("performance", min) >= 95),
        ("cumulative layout shift ≤ 0.05", f"highest {worst('cls'):.3f}", worst("cls") <= 0.05),
        ("total blocking time ≤ 200 ms", f"highest {worst('tbt_ms'):.0f} ms", worst("tbt_ms") <= 200),
        ("accessibility, best practices and SEO 100", f"lowest {min(min(r[c] for c in CATEGORIES[1:]) for r in results.values()):.0f}",
         all(r[c] == 100 for r in results.values() for c in CATEGORIES[1:])),
    ]
