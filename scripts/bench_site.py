"""Measure the site at real scale and at 25 times its size, and write a Markdown report.

What is measured, and how:

- Builds. A clean `mkdocs build` of the real site (1x) and of a synthetic site 25 times larger (25x, see
  make_synthetic). Every run builds in a fresh copy of the tracked files (`git ls-files`), so no generated page or
  output is left from an earlier run, and the runs alternate between the scales (1x, 25x, 1x, 25x, ...) so that a
  slow spell of this shared machine falls on both. Build time is split into a fixed start-up cost and a cost per
  page: the per-page cost is the slope between the scales, (time at 25x - time at 1x) / (pages at 25x - pages at
  1x), and the start-up cost is what the line leaves at zero pages. Both are worked out for each pair of
  neighbouring runs; the report gives the median and the range (min-max) of every figure.
- Page sizes: every HTML page, and each kind of page (plans, themes, agencies) apart, at both scales; the HTML of
  each plan page beside the bytes of the plan's own text.
- Bytes a browser fetches, counted as sent: for each file the browser requests, the bytes a server sends with
  standard gzip (level 6) for compressible text (COMPRESSIBLE: HTML, CSS, JavaScript, JSON, SVG, XML) and the
  stored bytes for everything else (images, fonts, .gz files), which are already compressed: nothing is
  compressed twice.
- Search: the quality figures of scripts/search_quality.py (term queries, everyday queries, and every Chinese query
  typed in Traditional characters on the Simplified and Traditional editions), the bytes of a first search in each
  edition (a term, and every third query of the query set, whose largest the goals read) and the delay of the header
  box's suggestions.
- Edit to browser, at 1x and at 25x: under `mkdocs serve`, the seconds from saving a one-line edit of
  data/plans/nansha.yaml to the new text being visible in an open page in Chromium, several runs each, with the
  server's own log read beside it (when its rebuild finished and reloaded the browser, how many rebuilds the
  edit caused).
- A maintainer's mistake, at 1x and at 25x: the seconds scripts/validate takes to name an impossible date in
  data/progress/sources.yaml (one-line problems; as many runs as edits).
- Lighthouse on every kind of page in every edition (scripts/bench_lighthouse.py); `--lighthouse-only` runs it
  alone on a fresh build of the real site.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import yaml

import bench_lighthouse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))
import search_quality  # noqa: E402
from plansite.texts import FOOTNOTE_REF, walk_texts  # noqa: E402

PY = sys.executable
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
# Text types a server compresses; every other file of the site (PNG, .gz) is already compressed and sent as stored.
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml")
EDITED_PLAN = "data/plans/nansha.yaml"
EDITED_TEXT = "en: Explore and promote innovation in IP financial services"
EDIT_PAGE = "en/plans/nansha/"
GOAL_EDIT_SECONDS = {1: 2.0, 25: 4.0}
# A maintainer's mistake (an impossible date) and how soon scripts/validate names it, at each scale.
BAD_EDIT = ("data/progress/sources.yaml", "  date: 2022-04-26\n", "  date: 2025-13-45\n")
GOAL_ANSWER_SECONDS = 5.0


def tracked_files() -> list[str]:
    return subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\0")[:-1]


def copy_repo(dest: Path) -> Path:
    """The tracked files only: nothing generated, nothing built."""
    for name in tracked_files():
        if (ROOT / name).is_file():
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
    """Rename the IDs listed under `keys` (lead, cooperating, shared) through mapping."""
    if isinstance(value, dict):
        return {k: ([mapping.get(x, x) for x in v] if k in keys and isinstance(v, list) else _rename_refs(v, mapping, keys)) for k, v in value.items()}
    if isinstance(value, list):
        return [_rename_refs(v, mapping, keys) for v in value]
    return value


def make_synthetic(repo: Path, factor: int) -> None:
    """Grow the site factor times: factor-1 copies of the real plans, as if from other regions.

    Each copy of the four plans gets new plan IDs, codes and item IDs. The copies share the real themes, as new
    plans would: theme pages, and each item's count of its main theme in every other plan, grow with the number of
    plans. Agencies are regional bodies (a city's bureaus, a district's committees): a plan from another region
    names that region's own, so each copy gets its own copies of the municipal and district agencies, while the
    central ones (customs) are shared. Concepts, progress data and the glossary stay those of the real plans.
    """
    data = repo / "data"
    plans = data / "plans"
    letters = "abcdefghijklmnopqrstuvwxyz"
    originals = sorted(plans.glob("*.yaml"))
    agencies = yaml.safe_load((data / "agencies.yaml").read_text(encoding="utf-8"))
    documents = yaml.safe_load((data / "documents.yaml").read_text(encoding="utf-8"))
    records = {record["plan"]: record for record in documents["documents"]}
    regional = [a for a in agencies["agencies"] if a["level"] in ("municipal", "district")]
    header = "# yaml-language-server: $schema=../schema/plan.schema.json\n"
    order = 100
    for k in range(1, factor):
        suffix = f"-x{k:02d}"
        mapping = {a["id"]: a["id"] + suffix for a in regional}
        for agency in regional:
            clone = json.loads(json.dumps(agency))
            clone["id"] += suffix
            clone["name"] = {lang: f"{text} {k:02d}" for lang, text in agency["name"].items()}
            agencies["agencies"].append(clone)
        for path in originals:
            plan = yaml.safe_load(path.read_text(encoding="utf-8"))
            code = plan["code"][:2] + letters[k // 26] + letters[k % 26]
            clone = _rename_refs(_rename_ids(plan, plan["code"] + "-", code + "-"), mapping, ("lead", "cooperating", "shared"))
            clone.update(id=f"{plan['id']}{suffix}", code=code, order=order)
            for lang in ("zh", "en"):
                clone["short_title"][lang] = f"{plan['short_title'][lang]} {k:02d}"
            order += 1
            (plans / f"{clone['id']}.yaml").write_text(header + yaml.safe_dump(clone, allow_unicode=True, sort_keys=False, width=10**9), encoding="utf-8")
            documents["documents"].append({**json.loads(json.dumps(records[plan["id"]], default=str)), "plan": clone["id"]})
    (data / "agencies.yaml").write_text(yaml.safe_dump(agencies, allow_unicode=True, sort_keys=False, width=10**9), encoding="utf-8")
    (data / "documents.yaml").write_text(yaml.safe_dump(documents, allow_unicode=True, sort_keys=False, width=10**9, default_style=None), encoding="utf-8")


def with_venv(repo: Path) -> Path:
    """repo with the project's .venv linked into it, so that its scripts/ use the installed packages."""
    if not (repo / ".venv").exists():
        (repo / ".venv").symlink_to(ROOT / ".venv")
    return repo


def spread(values: list[float], fmt: str = "{:.2f}", unit: str = "") -> str:
    """Median and range of a list of figures: '2.61 s (2.55–2.80)'."""
    return f"{fmt.format(statistics.median(values))}{unit} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def build_once(source: Path, dest: Path, site_url: str = "") -> float:
    """Seconds for a clean `mkdocs build` in a fresh copy of source (made before the clock starts)."""
    shutil.copytree(source, dest, symlinks=True)
    start = time.perf_counter()
    env = dict(ENV, SITE_URL=site_url) if site_url else ENV
    result = subprocess.run([PY, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=dest, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed in {dest}:\n{result.stderr[-2000:]}")
    return seconds


def interleaved_builds(sources: dict[int, Path], work: Path, runs: int) -> dict[int, dict]:
    """Build each scale `runs` times, alternating the scales; keep the last run's copy of each for measuring."""
    out = {scale: {"times": [], "repo": None} for scale in sources}
    for n in range(runs):
        for scale, source in sources.items():
            dest = work / f"build-{scale}x-{n}"
            out[scale]["times"].append(build_once(source, dest))
            print(f"  build {n + 1}/{runs} at {scale}x: {out[scale]['times'][-1]:.1f} s", flush=True)
            if out[scale]["repo"] is not None:
                shutil.rmtree(out[scale]["repo"])
            out[scale]["repo"] = dest
    return out


def page_kind(rel: str) -> str:
    """plan, theme, agency or other, from a page's path under site/ (any edition)."""
    parts = rel.removeprefix("en/").removeprefix("zh-hant/").split("/")
    if len(parts) == 3 and parts[0] in ("plans", "themes", "agencies"):
        return {"plans": "plan", "themes": "theme", "agencies": "agency"}[parts[0]]
    return "other"


def page_sizes(site: Path) -> dict[str, list[int]]:
    """HTML bytes of every page ('all') and of each kind of page."""
    out: dict[str, list[int]] = {"all": [], "plan": [], "theme": [], "agency": [], "other": []}
    for page in site.rglob("*.html"):
        size = page.stat().st_size
        out["all"].append(size)
        out[page_kind(page.relative_to(site).as_posix())].append(size)
    return out


def build_figures(results: dict[int, dict], low: int, high: int) -> dict:
    """Per-pair slope (seconds per page) and start-up (seconds), from the runs of each scale taken in order."""
    pages = {scale: len(page_sizes(results[scale]["repo"] / "site")["all"]) for scale in (low, high)}
    slopes, startups = [], []
    for t_low, t_high in zip(results[low]["times"], results[high]["times"]):
        slope = (t_high - t_low) / (pages[high] - pages[low])
        slopes.append(slope)
        startups.append(t_low - slope * pages[low])
    per_page = {scale: [t / pages[scale] for t in results[scale]["times"]] for scale in (low, high)}
    return {"pages": pages, "slopes": slopes, "startups": startups, "per_page": per_page}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class ServedLikePages(QuietHandler):
    """As GitHub Pages serves the site: HTTP/1.1 with keep-alive, and gzip for compressible text when the browser
    accepts it (Lighthouse's throttled network is then charged for the bytes a reader's browser really receives)."""

    protocol_version = "HTTP/1.1"
    _cache: dict[str, bytes] = {}

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (path.is_file() and path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = self._cache.get(str(path))
        if body is None:
            body = self._cache[str(path)] = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve_dir(directory: Path, handler_class=QuietHandler):
    handler = functools.partial(handler_class, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def as_sent(path: Path) -> int:
    """Bytes a server sends for the file: gzip (level 6) for compressible text, the stored bytes otherwise."""
    data = path.read_bytes()
    return len(gzip.compress(data, 6, mtime=0)) if path.suffix in COMPRESSIBLE else len(data)


def local_file(site: Path, base: str, url: str) -> Path:
    """The file of the built site a request to the local server read."""
    local = site / url.split(base, 1)[1].split("?")[0].split("#")[0].lstrip("/")
    return local / "index.html" if local.is_dir() else local


def is_search_file(url: str) -> bool:
    """The index and every search script: what a first search adds to a page."""
    return "/search-index/" in url or bool(re.search(r"/assets/search[\w-]*\.js$", url))


def fetched(site: Path, browser) -> dict:
    """Requests, stored bytes and bytes as sent for three first visits (empty cache)."""
    httpd = serve_dir(site)
    base = f"http://127.0.0.1:{httpd.server_port}"
    out = {}
    done = ".search-page[data-state=done]"
    for name, path, ready in (("home", "/", "body"), ("first search (zh)", "/search/?q=质押融资", done),
                              ("first search (zh-hant)", "/zh-hant/search/?q=質押融資", done),
                              ("first search (en)", "/en/search/?q=pledge%20financing", done)):
        context = browser.new_context()
        tab = context.new_page()
        urls = []
        tab.on("requestfinished", lambda r, urls=urls: urls.append(r.url))
        tab.goto(base + path)
        tab.wait_for_selector(ready, timeout=30000)
        context.close()
        raw = sent = search_sent = 0
        for url in urls:
            local = local_file(site, base, url)
            raw += local.stat().st_size
            sent += as_sent(local)
            if is_search_file(url):
                search_sent += as_sent(local)
        out[name] = {"requests": len(urls), "raw": raw, "sent": sent, "search_sent": search_sent}
    httpd.shutdown()
    return out


QUERY_SET_EVERY = 3  # every third query of the query set: about 500 first searches at each scale


def query_set_searches(site: Path, browser, queries: list[dict], every: int = QUERY_SET_EVERY) -> dict[str, list[int]]:
    """Search bytes as sent of a first search (empty cache) for every `every`-th query of the query set, in each
    edition (the Chinese queries on both Chinese editions): long everyday questions fetch many more shards than a
    term does, so the goal is read on the largest."""
    httpd = serve_dir(site)
    base = f"http://127.0.0.1:{httpd.server_port}"
    tab = browser.new_page()
    tab.context.new_cdp_session(tab).send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls: list[str] = []
    tab.on("requestfinished", lambda r: urls.append(r.url))
    out = {}
    for edition, prefix in (("zh", "/"), ("zh-hant", "/zh-hant/"), ("en", "/en/")):
        mine = [q for q in queries if q["site"] == edition[:2]][::every]
        out[edition] = []
        for query in mine:
            urls.clear()
            tab.goto(base + prefix + "search/?q=" + urllib.parse.quote(query["q"]))
            tab.wait_for_selector(".search-page[data-state=done]", timeout=30000)
            out[edition].append(sum(as_sent(local_file(site, base, url)) for url in urls if is_search_file(url)))
    tab.close()
    httpd.shutdown()
    return out


class ServeLog:
    """The log of a `mkdocs serve` process, each line with the time it was read."""

    def __init__(self, stream):
        self.lines: list[tuple[float, str]] = []
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream):
        for line in stream:
            self.lines.append((time.perf_counter(), line.rstrip()))

    def times(self, text: str, after: float = 0.0) -> list[float]:
        return [t for t, line in list(self.lines) if t >= after and text in line]

    def wait_for(self, text: str, timeout: float, after: float = 0.0) -> float:
        deadline = time.perf_counter() + timeout
        while not self.times(text, after):
            if time.perf_counter() > deadline:
                tail = "\n".join(line for _, line in self.lines[-20:])
                raise SystemExit(f"mkdocs serve: no '{text}' within {timeout:.0f} s:\n{tail}")
            time.sleep(0.05)
        return self.times(text, after)[0]

    def wait_idle(self, quiet: float, timeout: float = 900) -> None:
        """Until the last build has finished and the log has been quiet for `quiet` seconds."""
        deadline = time.perf_counter() + timeout
        while not (self._build_done() and time.perf_counter() - self.lines[-1][0] >= quiet):
            if time.perf_counter() > deadline:
                raise SystemExit("mkdocs serve did not settle")
            time.sleep(0.1)

    def _build_done(self) -> bool:
        # The first build ends with "Serving on", each rebuild with "Reloading browsers" or an error.
        starts = self.times("Building documentation")
        if len(starts) <= 1:
            return bool(self.times("Serving on"))
        return bool(self.times("Reloading browsers", after=starts[-1]) or self.times("An error happened", after=starts[-1]))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def edit_to_browser(repo: Path, browser, runs: int) -> list[dict]:
    """Under scripts/serve, one run per edit of a task title in nansha.yaml:

    - visible: seconds from saving the file to the new title showing in the open page;
    - reload: seconds from saving to the server's "Reloading browsers" (its first rebuild done);
    - rebuilds: how many rebuilds the one save set off, before the server fell quiet.
    """
    port = free_port()
    with_venv(repo)
    # scripts/serve itself, with its options; in a session of its own, so that stopping it also stops the process
    # that writes the open data and the search index after each build.
    server = subprocess.Popen(["scripts/serve"], cwd=repo, env=dict(ENV, ADDR=f"127.0.0.1:{port}"), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, start_new_session=True)
    log = ServeLog(server.stderr)
    plan = repo / EDITED_PLAN
    original = plan.read_text(encoding="utf-8")
    assert EDITED_TEXT in original, f"benchmark: the edited title is no longer in {EDITED_PLAN}"
    out = []
    try:
        served = log.wait_for("Serving on", timeout=900)
        tab = browser.new_page()
        tab.goto(f"http://127.0.0.1:{port}/{EDIT_PAGE}", timeout=300000)
        last_build = served - log.times("Building documentation")[0]
        for n in range(runs):
            # Let the last rebuild and the search index written after it finish before the next edit.
            log.wait_idle(quiet=max(3.0, last_build))
            marker = f"BENCHMARK-EDIT-{n}"
            start = time.perf_counter()
            plan.write_text(original.replace(EDITED_TEXT, f"en: {marker}", 1), encoding="utf-8")
            tab.wait_for_function(f"document.body && document.body.innerText.includes('{marker}')", timeout=600000, polling=50)
            visible = time.perf_counter() - start
            log.wait_idle(quiet=3.0)
            builds = log.times("Building documentation", after=start)
            reloads = log.times("Reloading browsers", after=start)
            last_build = reloads[-1] - builds[-1]
            out.append({"visible": visible, "reload": reloads[0] - start, "rebuilds": len(builds), "build": reloads[0] - builds[0]})
            print(f"  edit {n + 1}/{runs}: visible after {visible:.2f} s, first rebuild done after {reloads[0] - start:.2f} s, "
                  f"{len(builds)} rebuild(s)", flush=True)
    finally:
        plan.write_text(original, encoding="utf-8")
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        # Stopped this way, mkdocs serve leaves its temporary site directory behind.
        for site_dir in {m[1] for _, line in log.lines if (m := re.search(r"documentation to directory: (\S*mkdocs_\w+)", line))}:
            shutil.rmtree(site_dir, ignore_errors=True)
    return out


def bad_edit_answers(repo: Path, runs: int) -> list[float]:
    """Seconds from starting scripts/validate after the bad edit (BAD_EDIT) to its answer, one per run."""
    path, old, new = with_venv(repo) / BAD_EDIT[0], BAD_EDIT[1], BAD_EDIT[2]
    bad_value = new.split(": ", 1)[1].strip()
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace(old, new, 1), encoding="utf-8")
    out = []
    try:
        for _ in range(runs):
            start = time.perf_counter()
            result = subprocess.run(["scripts/validate"], cwd=repo, env=ENV, capture_output=True, text=True)
            out.append(time.perf_counter() - start)
            if result.returncode != 1 or bad_value not in result.stderr:
                raise SystemExit(f"scripts/validate did not name the bad date in {BAD_EDIT[0]}: {result.stderr[-500:]}")
    finally:
        path.write_text(original, encoding="utf-8")
    return out


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


def lighthouse(source: Path, work: Path, kinds: list[str], runs: int) -> dict:
    """Lighthouse on a build of source made for the address it is served at (SITE_URL, as the publishing workflow
    sets it: the pages' alternates are then absolute), served as GitHub Pages serves it."""
    port = free_port()
    build_once(source, work / "lighthouse", f"http://127.0.0.1:{port}/")
    handler = functools.partial(ServedLikePages, directory=str(work / "lighthouse" / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        return bench_lighthouse.measure(f"http://127.0.0.1:{port}", kinds, runs, progress=lambda m: print(m, flush=True))
    finally:
        httpd.shutdown()


def lighthouse_only(args) -> int:
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        source = copy_repo(Path(tmp) / "source")
        results = lighthouse(source, Path(tmp), args.pages, args.lighthouse_runs)
    goals = bench_lighthouse.goals(results)
    lines = ["# Lighthouse report", "", "| goal | measured | met |", "|---|---|---|",
             *[f"| {g} | {m} | {'yes' if ok else 'NO'} |" for g, m, ok in goals], "",
             *bench_lighthouse.report_lines(results, args.lighthouse_runs), ""]
    Path(args.report).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0 if all(ok for _, _, ok in goals) else 1


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def size_row(label: str, one: list[int], many: list[int]) -> str:
    cell = lambda sizes: f"{len(sizes)}; {kb(statistics.median(sizes))}; {kb(max(sizes))}" if sizes else "none"  # noqa: E731
    ratio = statistics.median(many) / statistics.median(one) if one and many else float("nan")
    return f"| {label} | {cell(one)} | {cell(many)} | {ratio:.2f} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="builds per scale, interleaved (median and range reported)")
    parser.add_argument("--edit-runs", type=int, default=5, help="edits per scale under mkdocs serve (median and range reported)")
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
    if args.runs < 2 or args.factor < 2:
        parser.error("--runs and --factor must be at least 2")
    from playwright.sync_api import sync_playwright

    F = args.factor
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp, sync_playwright() as p:
        work = Path(tmp)
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        sources = {1: copy_repo(work / "source-1x"), F: copy_repo(work / f"source-{F}x")}
        make_synthetic(sources[F], F)
        print(f"building at 1x and {F}x, {args.runs} runs each, interleaved…", flush=True)
        builds = interleaved_builds(sources, work, args.runs)
        real, big = builds[1]["repo"], builds[F]["repo"]
        figures = build_figures(builds, 1, F)
        sizes = {scale: page_sizes(builds[scale]["repo"] / "site") for scale in (1, F)}
        fetch = {scale: fetched(builds[scale]["repo"] / "site", browser) for scale in (1, F)}
        queries = search_quality.load_queries()
        print("measuring first searches of the query set…", flush=True)
        firsts = {scale: query_set_searches(builds[scale]["repo"] / "site", browser, queries) for scale in (1, F)}
        plan_ids = sorted(p.stem for p in (real / "data" / "plans").glob("*.yaml"))
        plans = {scale: plan_pages(builds[scale]["repo"], plan_ids) for scale in (1, F)}
        lh = {} if args.no_lighthouse else lighthouse(sources[1], work, args.pages, args.lighthouse_runs)
        print("measuring search…", flush=True)
        search = {}
        for scale, repo in ((1, real), (F, big)):
            server = search_quality.serve(repo / "site")
            tab = browser.new_page()
            base = f"http://127.0.0.1:{server.server_address[1]}/"
            search[scale] = {lang: search_quality.suggestion_delays(tab, base, queries, lang) for lang in ("zh", "zh-hant", "en")}
            if scale == 1:
                search["quality"] = search_quality.quality(tab, base, queries, traditional=True)
            tab.close()
            server.shutdown()
        edits = {}
        for scale, repo in ((1, real), (F, big)):
            print(f"measuring edit-to-browser under mkdocs serve at {scale}x…", flush=True)
            edits[scale] = edit_to_browser(repo, browser, args.edit_runs)
        answers = {scale: bad_edit_answers(repo, args.edit_runs) for scale, repo in ((1, real), (F, big))}
        browser.close()

    slope_ms = [1000 * s for s in figures["slopes"]]
    per_page_1x_ms = [1000 * s for s in figures["per_page"][1]]
    slope_ratio = statistics.median(slope_ms) / statistics.median(per_page_1x_ms)
    first = lambda scale: max(max(firsts[scale][e]) for e in ("zh", "zh-hant", "en"))  # noqa: E731
    hant_first = max(firsts[1]["zh-hant"])
    slowest_median = max(statistics.median(d) for scale in (1, F) for d in search[scale].values())
    quality = search["quality"]
    visible = {scale: [e["visible"] for e in edits[scale]] for scale in (1, F)}
    median_ratio = statistics.median(sizes[F]["all"]) / statistics.median(sizes[1]["all"])
    goals = [
        (f"build cost per added page (slope 1x→{F}x) at most 1.15x the 1x build time per page",
         f"{statistics.median(slope_ms):.1f} ms vs {statistics.median(per_page_1x_ms):.1f} ms: {slope_ratio:.2f}x", slope_ratio <= 1.15),
        (f"median page HTML at {F}x at most 1.5x of 1x", f"{median_ratio:.2f}x", median_ratio <= 1.5),
        ("first search at 1x at most 150 KB as sent, every edition (the largest of the query set's)", kb(first(1)), first(1) <= 150 * 1024),
        ("first search on the Traditional edition at 1x at most 120 KB as sent (the largest)", kb(hant_first), hant_first <= 120 * 1024),
        (f"first search at {F}x at most 400 KB as sent (the largest)", kb(first(F)), first(F) <= 400 * 1024),
        (f"suggestions within 300 ms of the last keystroke (median, 1x and {F}x)", f"{slowest_median:.0f} ms", slowest_median <= 300),
        *[(f"term queries, {lang}: precision@10 ≥ 0.95, exact-first 100%, recall ≥ 0.95, every query answered",
           f"{q['precision_at_10']:.3f}, {q['exact_first']:.0%}, {q['recall']:.3f}, {q['answered']:.0%}",
           q["precision_at_10"] >= 0.95 and q["exact_first"] == 1 and q["recall"] >= 0.95 and q["answered"] == 1)
          for lang, q in ((lang, quality[f"{lang} term"]) for lang in ("zh", "en"))],
        *[(f"everyday queries, {lang}: success@3 ≥ 0.95, precision@5 ≥ 0.9",
           f"{q['success_at_3']:.3f}, {q['precision_at_5']:.3f}", q["success_at_3"] >= 0.95 and q["precision_at_5"] >= 0.9)
          for lang, q in ((lang, quality[f"{lang} everyday"]) for lang in ("zh", "en"))],
        *[(f"Chinese {kind} queries typed in Traditional characters, on the {where} edition: as good as typed in Simplified",
           f"{quality[f'{where} typed-hant {kind}'][key]:.3f} vs {quality[f'zh typed-hans {kind}'][key]:.3f}",
           quality[f"{where} typed-hant {kind}"][key] >= quality[f"zh typed-hans {kind}"][key])
          for where in ("zh", "zh-hant") for kind, key in (("term", "recall"), ("everyday", "success_at_3"))],
        *[(f"one-line YAML edit visible in the browser at {scale}x within {GOAL_EDIT_SECONDS.get(scale, 4.0):.0f} s (median)",
           spread(visible[scale], unit=" s"), statistics.median(visible[scale]) <= GOAL_EDIT_SECONDS.get(scale, 4.0)) for scale in (1, F)],
        *[(f"scripts/validate names a bad edit at {scale}x within {GOAL_ANSWER_SECONDS:.0f} s (median)",
           spread(answers[scale], unit=" s"), statistics.median(answers[scale]) <= GOAL_ANSWER_SECONDS) for scale in (1, F)],
        (f"plan-page HTML per byte of text at {F}x within 1.05x of 1x",
         f"{max(plans[F][p][k] / plans[1][p][k] for p in plan_ids for k in ('ratio_zh', 'ratio_en')):.2f}x (largest)",
         all(plans[F][p][k] <= 1.05 * plans[1][p][k] for p in plan_ids for k in ("ratio_zh", "ratio_en"))),
        *(bench_lighthouse.goals(lh) if lh else []),
    ]
    times = {scale: builds[scale]["times"] for scale in (1, F)}
    pages = figures["pages"]
    lines = [
        "# Benchmark report", "",
        f"Machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}. Figures are the median of the runs, "
        f"with their range (min–max) in brackets: {args.runs} interleaved builds per scale, {args.edit_runs} edits per scale.", "",
        "## Goals", "", "| goal | measured | met |", "|---|---|---|",
        *[f"| {g} | {m} | {'yes' if ok else 'NO'} |" for g, m, ok in goals], "",
        "## Builds", "",
        f"Clean `mkdocs build --strict` in a fresh copy of the tracked files, alternating 1x and {F}x. The {F}x site is the",
        f"real one with {F - 1} copies of its four plans, sharing the real themes (and the central agencies; each copy has",
        "its own copies of the regional agencies). Cost per added page and start-up come from each pair of neighbouring runs:",
        f"slope = (time at {F}x − time at 1x) / (pages at {F}x − pages at 1x); start-up = time at 1x − slope × pages at 1x.", "",
        f"| | real (1x) | synthetic ({F}x) |", "|---|--:|--:|",
        f"| clean build | {spread(times[1], '{:.1f}', ' s')} | {spread(times[F], '{:.1f}', ' s')} |",
        f"| all runs, in order | {', '.join(f'{t:.1f}' for t in times[1])} s | {', '.join(f'{t:.1f}' for t in times[F])} s |",
        f"| HTML pages | {pages[1]} | {pages[F]} |",
        f"| build time per page (time / pages) | {spread(per_page_1x_ms, '{:.1f}', ' ms')} | {spread([1000 * s for s in figures['per_page'][F]], '{:.1f}', ' ms')} |",
        f"| **cost per added page (slope)** | {spread(slope_ms, '{:.1f}', ' ms')} | |",
        f"| **start-up (intercept)** | {spread(figures['startups'], '{:.2f}', ' s')} | |", "",
        *(["A negative start-up means that build time grows faster than the number of pages (each added page costs more",
           "than the pages before it did), so the line through the two scales cannot separate a fixed cost.", ""]
          if statistics.median(figures["startups"]) < 0 else []),
        "## Page sizes", "",
        "HTML bytes as stored, both languages. Theme pages list the items of every plan carrying the theme, so they grow",
        "with the plans; agency pages are per region.", "",
        f"| pages | 1x: count; median; largest | {F}x: count; median; largest | median {F}x / 1x |", "|---|--:|--:|--:|",
        size_row("all", sizes[1]["all"], sizes[F]["all"]),
        size_row("plan pages", sizes[1]["plan"], sizes[F]["plan"]),
        size_row("theme pages", sizes[1]["theme"], sizes[F]["theme"]),
        size_row("agency pages", sizes[1]["agency"], sizes[F]["agency"]),
        size_row("other pages", sizes[1]["other"], sizes[F]["other"]),
        f"| HTML total | {kb(sum(sizes[1]['all']))} | {kb(sum(sizes[F]['all']))} | |", "",
        "## Bytes a browser fetches", "",
        "First visits with an empty cache. Stored: the files' bytes on disk. As sent: what a server with standard gzip",
        f"sends, that is gzip level 6 for compressible text ({', '.join(COMPRESSIBLE)}) and the stored bytes of everything",
        "else, which is already compressed (never compressed twice).", "",
        f"| visit | 1x: requests; stored; as sent | {F}x: requests; stored; as sent |", "|---|--:|--:|",
        *[f"| {k} | {fetch[1][k]['requests']}; {kb(fetch[1][k]['raw'])}; {kb(fetch[1][k]['sent'])} | "
          f"{fetch[F][k]['requests']}; {kb(fetch[F][k]['raw'])}; {kb(fetch[F][k]['sent'])} |" for k in fetch[1]], "",
        "## Search", "",
        "Query set: tests/search_queries.yaml (" + ", ".join(f"{q['queries']} {name}" for name, q in quality.items() if "typed" not in name) + "); "
        "judged by scripts/search_quality.py against the data. Typed-hant: the Chinese-site queries that differ in "
        "Traditional characters, typed so on the Simplified (zh) and the Traditional (zh-hant) edition, beside the same "
        "queries typed in Simplified (typed-hans). First-search bytes: the index files and every search script, as sent.", "",
        "| queries | count | precision@10 | exact-first | recall | success@3 | precision@5 | answered |", "|---|--:|--:|--:|--:|--:|--:|--:|",
        *[f"| {name} | {q['queries']} | " + " | ".join(f"{q[k]:.3f}" if k in q else "" for k in
          ("precision_at_10", "exact_first", "recall", "success_at_3", "precision_at_5", "answered")) + " |" for name, q in quality.items()], "",
        "| | zh | zh-hant | en |", "|---|--:|--:|--:|",
        *[f"| suggestions at {scale}x, median (range) | " + " | ".join(spread(search[scale][e], '{:.0f}', ' ms') for e in ("zh", "zh-hant", "en")) + " |"
          for scale in (1, F)],
        *[f"| first search at {scale}x: search bytes as sent (质押融资, pledge financing) | " + " | ".join(kb(fetch[scale][f'first search ({e})']['search_sent']) for e in ("zh", "zh-hant", "en")) + " |"
          for scale in (1, F)],
        *[f"| first search at {scale}x, one query in {QUERY_SET_EVERY} of the query set: median; largest | "
          + " | ".join(f"{kb(statistics.median(firsts[scale][e]))}; {kb(max(firsts[scale][e]))}" for e in ("zh", "zh-hant", "en")) + " |"
          for scale in (1, F)], "",
        "## Plan pages: HTML beside the plan's own text", "",
        "Bytes of each plan page against the UTF-8 bytes of the plan's text in the page's language (the English page also",
        "carries the Chinese original of every item, so its text is counted in both languages).", "",
        f"| plan | zh text | zh page | zh ratio | en + zh text | en page | en ratio | pages at {F}x (zh, en) | ratios at {F}x |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
        *[f"| {p} | {kb(r['text_zh'])} | {kb(r['html_zh'])} | {r['ratio_zh']:.2f} | {kb(r['text_en'] + r['text_zh'])} | {kb(r['html_en'])} | {r['ratio_en']:.2f} | "
          f"{kb(plans[F][p]['html_zh'])}, {kb(plans[F][p]['html_en'])} | {plans[F][p]['ratio_zh']:.2f}, {plans[F][p]['ratio_en']:.2f} |" for p, r in plans[1].items()], "",
        *(["## Lighthouse (real site)", "", *bench_lighthouse.report_lines(lh, args.lighthouse_runs), ""] if lh else []),
        "## Edit to browser under `mkdocs serve`", "",
        f"`scripts/serve` (`mkdocs serve --livereload --dirty --watch data --watch hooks`) with {EDIT_PAGE} open in Chromium;",
        f"each run saves a changed task title in {EDITED_PLAN}. Visible: from the save to the new title in the page. Rebuild",
        "done: from the save to the server's \"Reloading browsers\". Rebuilds: how many the one save set off.", "",
        f"| | 1x | {F}x |", "|---|--:|--:|",
        f"| visible in the browser (goal ≤ {GOAL_EDIT_SECONDS[1]:.0f} s at 1x, ≤ {GOAL_EDIT_SECONDS.get(F, 4.0):.0f} s at {F}x) | {spread(visible[1], unit=' s')} | {spread(visible[F], unit=' s')} |",
        *[f"| {label} | {spread([e[key] for e in edits[1]], unit=' s')} | {spread([e[key] for e in edits[F]], unit=' s')} |"
          for label, key in (("first rebuild done (from the save)", "reload"), ("first rebuild alone", "build"))],
        f"| rebuilds per save | {', '.join(str(e['rebuilds']) for e in edits[1])} | {', '.join(str(e['rebuilds']) for e in edits[F])} |",
        f"| all runs, visible | {', '.join(f'{v:.2f}' for v in visible[1])} s | {', '.join(f'{v:.2f}' for v in visible[F])} s |", "",
        *(["More than one rebuild per save: the first rebuild writes the generated pages it changed into docs/, which the",
           "server watches, and that sets off another rebuild; a page reloaded meanwhile waits for it (the server holds",
           "every request until the latest rebuild is done).", ""]
          if any(e["rebuilds"] > 1 for scale in (1, F) for e in edits[scale]) else []),
    ]
    Path(args.report).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0 if all(ok for _, _, ok in goals) else 1


if __name__ == "__main__":
    sys.exit(main())
