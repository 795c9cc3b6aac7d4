"""Measure the site at real scale and at 25 times its size, and write a Markdown report.

(a) clean full build of the real site; (b) clean build of a synthetic site 25x larger (the real plans cloned
with new IDs, in a temporary directory); (c) under `mkdocs serve`, the time from saving a YAML edit to the
change being visible in Chromium; (d) total and median HTML page size, and the HTML of each plan page beside
the bytes of the plan's own text; (e) bytes a browser fetches for the home page and for a first search;
(f) Lighthouse on every kind of page in both languages (scripts/bench_lighthouse.py). Medians of several runs;
ratios between the scales. `--lighthouse-only` runs (f) alone on a fresh build of the real site.
"""
from __future__ import annotations

import argparse
import json
import functools
import gzip
import http.server
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

import bench_lighthouse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
from plansite.pages import GENERATED_DIRS, GENERATED_FILES  # noqa: E402
sys.path.insert(0, str(ROOT / "scripts"))
import search_quality  # noqa: E402
from plansite.validate import FOOTNOTE_REF, walk_texts  # noqa: E402
PY = sys.executable
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def copy_repo(dest: Path) -> Path:
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for name in files:
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dest / name)
    return dest


def _rename_ids(value, old: str, new: str):
    if isinstance(value, dict):
        return {k: (v.replace(old, new, 1) if k == "id" and isinstance(v, str) and v.startswith(old) else _rename_ids(v, old, new)) for k, v in value.items()}
    if isinstance(value, list):
        return [_rename_ids(v, old, new) for v in value]
    return value


def _rename_refs(value, mapping: dict[str, str], keys: tuple[str, ...]):
    """Rename the IDs listed under `keys` (themes, lead, ...) through mapping."""
    if isinstance(value, dict):
        return {k: ([mapping.get(x, x) for x in v] if k in keys and isinstance(v, list) else _rename_refs(v, mapping, keys)) for k, v in value.items()}
    if isinstance(value, list):
        return [_rename_refs(v, mapping, keys) for v in value]
    return value


def make_synthetic(repo: Path, factor: int) -> None:
    """Grow the site factor times: factor-1 copies of the real plans, as if from other regions.

    Each copy of the four plans gets new plan IDs, codes and item IDs, and its own copies of the agencies and
    themes it refers to, so that every kind of page (plans, agencies, themes) grows with the data, as it would in
    a site of that size. Concepts, progress data and the glossary stay those of the real plans.
    """
    data = repo / "data"
    plans = data / "plans"
    letters = "abcdefghijklmnopqrstuvwxyz"
    originals = sorted(plans.glob("*.yaml"))
    agencies = yaml.safe_load((data / "agencies.yaml").read_text(encoding="utf-8"))
    themes = yaml.safe_load((data / "themes.yaml").read_text(encoding="utf-8"))
    base_agencies, base_themes = list(agencies["agencies"]), list(themes["themes"])
    header = "# yaml-language-server: $schema=../schema/plan.schema.json\n"
    order = 100
    for k in range(1, factor):
        suffix = f"-x{k:02d}"
        mapping = {a["id"]: a["id"] + suffix for a in base_agencies} | {t["id"]: t["id"] + suffix for t in base_themes}
        for entry in base_agencies + base_themes:
            clone = json_copy(entry)
            clone["id"] += suffix
            clone["name"] = {lang: f"{text} {k:02d}" for lang, text in entry["name"].items()}
            (agencies["agencies"] if entry in base_agencies else themes["themes"]).append(clone)
        for path in originals:
            plan = yaml.safe_load(path.read_text(encoding="utf-8"))
            code = plan["code"][:2] + letters[k // 26] + letters[k % 26]
            clone = _rename_refs(_rename_ids(plan, plan["code"] + "-", code + "-"), mapping, ("themes", "lead", "cooperating", "shared"))
            clone.update(id=f"{plan['id']}{suffix}", code=code, order=order)
            for lang in ("zh", "en"):
                clone["short_title"][lang] = f"{plan['short_title'][lang]} {k:02d}"
            order += 1
            (plans / f"{clone['id']}.yaml").write_text(header + yaml.safe_dump(clone, allow_unicode=True, sort_keys=False, width=10**9), encoding="utf-8")
    for name, content in (("agencies.yaml", agencies), ("themes.yaml", themes)):
        (data / name).write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=10**9), encoding="utf-8")


def json_copy(value):
    return json.loads(json.dumps(value))


def build(repo: Path, runs: int) -> dict:
    times = []
    for _ in range(runs):
        shutil.rmtree(repo / "site", ignore_errors=True)
        for name in GENERATED_DIRS:  # a clean build: no generated page left from a previous run
            shutil.rmtree(repo / "docs" / name, ignore_errors=True)
        for name in GENERATED_FILES:
            (repo / "docs" / name).unlink(missing_ok=True)
        start = time.perf_counter()
        result = subprocess.run([PY, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=repo, env=ENV, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            raise SystemExit(f"build failed in {repo}:\n{result.stderr[-2000:]}")
    pages = list((repo / "site").rglob("*.html"))
    sizes = sorted(p.stat().st_size for p in pages)
    seconds = statistics.median(times)
    return {"seconds": seconds, "runs": times, "pages": len(pages), "per_page_ms": 1000 * seconds / len(pages),
            "html_total": sum(sizes), "html_median": statistics.median(sizes), "html_max": sizes[-1]}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_dir(directory: Path):
    handler = functools.partial(QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def fetched(site: Path, browser) -> dict:
    """Bytes fetched (raw and gzip-compressed, as a server with compression would send) for two visits."""
    httpd = serve_dir(site)
    base = f"http://127.0.0.1:{httpd.server_port}"
    out = {}
    done = ".search-page[data-state=done]"
    for name, path, ready in (("home", "/", "body"), ("first search (zh)", "/search/?q=质押融资", done),
                              ("first search (en)", "/en/search/?q=pledge%20financing", done)):
        context = browser.new_context()
        tab = context.new_page()
        urls = []
        tab.on("requestfinished", lambda r, urls=urls: urls.append(r.url))
        tab.goto(base + path)
        tab.wait_for_selector(ready, timeout=30000)
        context.close()
        raw = gz = search_gz = 0
        for url in urls:
            local = site / url.split(base, 1)[1].split("?")[0].split("#")[0].lstrip("/")
            if local.is_dir():
                local = local / "index.html"
            data = local.read_bytes()
            raw += len(data)
            gz += len(gzip.compress(data, 6))
            if "/search-index/" in url or url.endswith("/search.js"):
                search_gz += len(gzip.compress(data, 6))
        out[name] = {"requests": len(urls), "raw": raw, "gzip": gz, "search_gzip": search_gz}
    httpd.shutdown()
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def edit_to_browser(repo: Path, browser, runs: int) -> list[float]:
    """Seconds from saving an edit of a task title to the new title showing in an open page (livereload)."""
    port = free_port()
    server = subprocess.Popen([PY, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}", "--watch", "data", "--watch", "hooks"],
                              cwd=repo, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    delays = []
    try:
        url = f"http://127.0.0.1:{port}/plans/nansha/"
        deadline = time.time() + 120
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.time() > deadline:
                    raise SystemExit("mkdocs serve did not start") from None
                time.sleep(0.5)
        tab = browser.new_page()
        tab.goto(url.replace("/plans/", "/en/plans/"), timeout=120000)
        plan = repo / "data/plans/nansha.yaml"
        original = plan.read_text(encoding="utf-8")
        title = "en: Explore and promote innovation in IP financial services"
        assert title in original, "benchmark: the edited title is no longer in nansha.yaml"
        for n in range(runs):
            time.sleep(4)  # let the previous rebuild settle
            marker = f"BENCHMARK-EDIT-{n}"
            plan.write_text(original.replace(title, f"en: {marker}", 1), encoding="utf-8")
            start = time.perf_counter()
            tab.wait_for_function(f"document.body && document.body.innerText.includes('{marker}')", timeout=60000, polling=50)
            delays.append(time.perf_counter() - start)
        plan.write_text(original, encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return delays


def plan_text_bytes(plan_file: Path, lang: str) -> int:
    """UTF-8 bytes of a plan's own text in one language (every bilingual text of its file, footnote marks aside)."""
    plan = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
    return sum(len(FOOTNOTE_REF.sub("", text[lang]).encode()) for _, text in walk_texts(plan) if isinstance(text.get(lang), str))


def plan_pages(repo: Path, plan_ids: list[str]) -> dict[str, dict]:
    """HTML bytes of each plan page beside its text: the Chinese page carries the Chinese text; the English page
    the English text and the Chinese originals."""
    out = {}
    for plan_id in plan_ids:
        zh, en = (plan_text_bytes(repo / "data" / "plans" / f"{plan_id}.yaml", lang) for lang in ("zh", "en"))
        html_zh = (repo / "site" / "plans" / plan_id / "index.html").stat().st_size
        html_en = (repo / "site" / "en" / "plans" / plan_id / "index.html").stat().st_size
        out[plan_id] = {"text_zh": zh, "text_en": en, "html_zh": html_zh, "html_en": html_en,
                        "ratio_zh": html_zh / zh, "ratio_en": html_en / (en + zh)}
    return out


def lighthouse(site: Path, kinds: list[str], runs: int) -> dict:
    httpd = serve_dir(site)
    try:
        return bench_lighthouse.measure(f"http://127.0.0.1:{httpd.server_port}", kinds, runs, progress=lambda m: print(m, flush=True))
    finally:
        httpd.shutdown()


def lighthouse_only(args) -> int:
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        real = copy_repo(Path(tmp) / "real")
        (real / ".venv").symlink_to(ROOT / ".venv")
        build(real, 1)
        results = lighthouse(real / "site", args.pages, args.lighthouse_runs)
    goals = bench_lighthouse.goals(results)
    lines = ["# Lighthouse report", "", "| goal | measured | met |", "|---|---|---|",
             *[f"| {g} | {m} | {'yes' if ok else 'NO'} |" for g, m, ok in goals], "",
             *bench_lighthouse.report_lines(results, args.lighthouse_runs), ""]
    Path(args.report).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0 if all(ok for _, _, ok in goals) else 1


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per scale (median reported)")
    parser.add_argument("--factor", type=int, default=25)
    parser.add_argument("--report", default="bench-report.md")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (median reported)")
    parser.add_argument("--pages", nargs="+", default=list(bench_lighthouse.KINDS), choices=list(bench_lighthouse.KINDS),
                        help="kinds of page for Lighthouse (default: all)")
    parser.add_argument("--lighthouse-only", action="store_true", help="only the Lighthouse section")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse section")
    args = parser.parse_args()
    if args.lighthouse_only:
        return lighthouse_only(args)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        real = copy_repo(Path(tmp) / "real")
        (real / ".venv").symlink_to(ROOT / ".venv")
        big = copy_repo(Path(tmp) / "big")
        make_synthetic(big, args.factor)
        print("building the real site…", flush=True)
        one = build(real, args.runs)
        one_fetch = fetched(real / "site", browser)
        plan_ids = sorted(p.stem for p in (real / "data" / "plans").glob("*.yaml"))
        one_plans = plan_pages(real, plan_ids)
        lh = {} if args.no_lighthouse else lighthouse(real / "site", args.pages, args.lighthouse_runs)
        print(f"building the {args.factor}x site…", flush=True)
        many = build(big, args.runs)
        many_fetch = fetched(big / "site", browser)
        print("measuring search…", flush=True)
        queries = search_quality.load_queries()
        search = {}
        for label, repo in (("1x", real), (f"{args.factor}x", big)):
            server = search_quality.serve(repo / "site")
            tab = browser.new_page()
            base = f"http://127.0.0.1:{server.server_address[1]}/"
            search[label] = {lang: search_quality.suggestion_delays(tab, base, queries, lang) for lang in ("zh", "en")}
            if label == "1x":
                search["quality"] = search_quality.quality(tab, base, queries)
            tab.close()
            server.shutdown()
        many_plans = plan_pages(big, plan_ids)
        print("measuring edit-to-browser under mkdocs serve…", flush=True)
        delays = edit_to_browser(real, browser, args.runs)
        browser.close()

    ratio = lambda key: many[key] / one[key]  # noqa: E731
    first = lambda fetch: max(fetch["first search (zh)"]["search_gzip"], fetch["first search (en)"]["search_gzip"])  # noqa: E731
    slowest_median = max(statistics.median(d) for scale in ("1x", f"{args.factor}x") for d in search[scale].values())
    quality = search["quality"]
    goals = [
        ("build cost per page at 25x within 1.15x of 1x", f"{ratio('per_page_ms'):.2f}x", ratio("per_page_ms") <= 1.15),
        ("median page HTML at 25x at most 1.5x of 1x", f"{ratio('html_median'):.2f}x", ratio("html_median") <= 1.5),
        ("first search at 1x at most 250 KB compressed", kb(first(one_fetch)), first(one_fetch) <= 250 * 1024),
        ("first search at 25x at most 400 KB compressed", kb(first(many_fetch)), first(many_fetch) <= 400 * 1024),
        ("suggestions within 300 ms of the last keystroke (median, 1x and 25x)", f"{slowest_median:.0f} ms", slowest_median <= 300),
        *[(f"search {lang}: precision@10 ≥ 0.95, exact-first 100%, recall ≥ 0.95, every query answered",
           f"{q['precision_at_10']:.3f}, {q['exact_first']:.0%}, {q['recall']:.3f}, {q['answered']:.0%}",
           q["precision_at_10"] >= 0.95 and q["exact_first"] == 1 and q["recall"] >= 0.95 and q["answered"] == 1)
          for lang, q in quality.items()],
        ("one-file edit visible in the browser within 3 s", f"{statistics.median(delays):.2f} s (median)", statistics.median(delays) <= 3),
        ("plan-page HTML per byte of text at 25x within 1.05x of 1x",
         f"{max(many_plans[p][k] / one_plans[p][k] for p in plan_ids for k in ('ratio_zh', 'ratio_en')):.2f}x (largest)",
         all(many_plans[p][k] <= 1.05 * one_plans[p][k] for p in plan_ids for k in ("ratio_zh", "ratio_en"))),
        *(bench_lighthouse.goals(lh) if lh else []),
    ]
    lines = [
        "# Benchmark report", "",
        f"Machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}; {args.runs} runs per measurement, medians shown.", "",
        "## Goals", "", "| goal | measured | met |", "|---|---|---|",
        *[f"| {g} | {m} | {'yes' if ok else 'NO'} |" for g, m, ok in goals], "",
        "## Builds", "", f"| | real (1x) | synthetic ({args.factor}x) | ratio |", "|---|--:|--:|--:|",
        f"| clean build, median | {one['seconds']:.1f} s | {many['seconds']:.1f} s | {ratio('seconds'):.1f} |",
        f"| all runs | {', '.join(f'{t:.1f}' for t in one['runs'])} s | {', '.join(f'{t:.1f}' for t in many['runs'])} s | |",
        f"| HTML pages | {one['pages']} | {many['pages']} | {ratio('pages'):.1f} |",
        f"| build time per page | {one['per_page_ms']:.1f} ms | {many['per_page_ms']:.1f} ms | {ratio('per_page_ms'):.2f} |",
        f"| HTML total | {kb(one['html_total'])} | {kb(many['html_total'])} | {ratio('html_total'):.1f} |",
        f"| HTML median page | {kb(one['html_median'])} | {kb(many['html_median'])} | {ratio('html_median'):.2f} |",
        f"| HTML largest page | {kb(one['html_max'])} | {kb(many['html_max'])} | {ratio('html_max'):.2f} |", "",
        "## Bytes a browser fetches", "", "Raw bytes, and gzip-compressed as a server with compression sends them.", "",
        f"| visit | real: requests, raw, gzip | {args.factor}x: requests, raw, gzip |", "|---|---|---|",
        *[f"| {k} | {one_fetch[k]['requests']}, {kb(one_fetch[k]['raw'])}, {kb(one_fetch[k]['gzip'])} | {many_fetch[k]['requests']}, {kb(many_fetch[k]['raw'])}, {kb(many_fetch[k]['gzip'])} |" for k in one_fetch], "",
        "## Search", "",
        "Query set: tests/search_queries.yaml (" + ", ".join(f"{q['queries']} {lang}" for lang, q in quality.items()) + "); "
        "judged by scripts/search_quality.py against the data. First-search bytes count the index files and search.js, gzip-compressed.", "",
        "| | zh | en |", "|---|--:|--:|",
        *[f"| {name} | {quality['zh'][key]:.3f} | {quality['en'][key]:.3f} |" for name, key in
          (("precision@10", "precision_at_10"), ("exact-first", "exact_first"), ("recall", "recall"), ("answered", "answered"))],
        *[f"| suggestions at {scale}, median / slowest | {statistics.median(search[scale]['zh']):.0f} / {max(search[scale]['zh']):.0f} ms | "
          f"{statistics.median(search[scale]['en']):.0f} / {max(search[scale]['en']):.0f} ms |" for scale in ("1x", f"{args.factor}x")],
        *[f"| first search at {scale}: search bytes (gzip) | {kb(f['first search (zh)']['search_gzip'])} | {kb(f['first search (en)']['search_gzip'])} |"
          for scale, f in (("1x", one_fetch), (f"{args.factor}x", many_fetch))], "",
        "## Plan pages: HTML beside the plan's own text", "",
        "Bytes of each plan page against the UTF-8 bytes of the plan's text in the page's language (the English page also",
        "carries the Chinese original of every item, so its text is counted in both languages).", "",
        "| plan | zh text | zh page | zh ratio | en + zh text | en page | en ratio | ratios at 25x |", "|---|--:|--:|--:|--:|--:|--:|--:|",
        *[f"| {p} | {kb(r['text_zh'])} | {kb(r['html_zh'])} | {r['ratio_zh']:.2f} | {kb(r['text_en'] + r['text_zh'])} | {kb(r['html_en'])} | {r['ratio_en']:.2f} | "
          f"{many_plans[p]['ratio_zh']:.2f}, {many_plans[p]['ratio_en']:.2f} |" for p, r in one_plans.items()], "",
        *(["## Lighthouse (real site)", "", *bench_lighthouse.report_lines(lh, args.lighthouse_runs), ""] if lh else []),
        "## Edit to browser under `mkdocs serve`", "",
        f"Seconds from saving a changed task title in data/plans/nansha.yaml to the new title showing in an open page: {', '.join(f'{d:.2f}' for d in delays)} (median {statistics.median(delays):.2f} s).", "",
    ]
    Path(args.report).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0 if all(ok for _, _, ok in goals) else 1


if __name__ == "__main__":
    sys.exit(main())
