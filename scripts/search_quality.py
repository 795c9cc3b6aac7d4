"""Search quality on the team's query set (tests/search_queries.yaml), measured in Chromium on a built site.

For each query the results page is opened as a reader would (/search/?q=…, /en/search/?q=…, /zh-hant/search/?q=…),
and the first ten `[data-search-result]` links are read in order. Each result is judged against the data itself (the
YAML, not the search index): it counts as relevant when its text contains the query or a recorded synonym, or when it
is one of the query's expected items.

Term queries (the plans' own words):
- precision@10: relevant results among the first ten, over all results shown (at most ten per query);
- exact-first: queries where no result that lacks the query (and its synonyms) ranks above one that has it;
- recall: expected items found in the first ten, over all expected items;
- answered: queries with at least one result.
Everyday queries (kind everyday-*: the reader's own words, phrasings, several concepts):
- success@3: queries with an expected item among the first three results;
- precision@5: relevant results among the first five, over all results shown (at most five per query).
Traditional characters: every Chinese-site query typed in Traditional characters (OpenCC s2hk), on the Simplified and
the Traditional editions; its recall (term queries) and success@3 (everyday queries) beside the Simplified figures.

scripts/bench reports these figures; alone: .venv/bin/python scripts/search_quality.py [SITE_DIR] (builds nothing;
defaults to site/) also lists every query with a miss.
"""
from __future__ import annotations

import functools
import hashlib
import http.server
import re
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FOOTNOTE = re.compile(r"\[\^\d+\]")


def fold(text: str) -> str:
    """Full-width to half-width, lower case, one space for any run of white space; no space between Chinese characters."""
    out = "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text)
    out = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", out.lower())  # "trade-fair" contains "trade fair"
    out = re.sub(r"\s+", " ", out.replace("\u3000", " ").replace("“", '"').replace("”", '"')).strip()
    return re.sub(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])", "", out)


def _strings(value, lang: str) -> list[str]:
    out = []
    if isinstance(value, dict):
        if isinstance(value.get(lang), str):
            out.append(FOOTNOTE.sub("", value[lang]).replace("*", ""))
        for key, child in value.items():
            if key not in ("zh", "en"):
                out += _strings(child, lang)
    elif isinstance(value, list):
        for child in value:
            out += _strings(child, lang)
    return out


class Texts:
    """What each result shows a reader, per language, read straight from data/."""

    def __init__(self, root: Path):
        load = lambda name: yaml.safe_load((root / "data" / name).read_text(encoding="utf-8"))
        self.agencies = {a["id"]: a for a in load("agencies.yaml")["agencies"]}
        self.themes = {t["id"]: t for t in load("themes.yaml")["themes"]}
        self.glossary = load("glossary.yaml")["terms"]
        self.items: dict[str, dict] = {}
        self.kind: dict[str, str] = {}
        self.listed: dict[str, list[dict]] = {}  # theme or agency page -> titles of the items it lists
        for path in sorted((root / "data" / "plans").glob("*.yaml")):
            plan = yaml.safe_load(path.read_text(encoding="utf-8"))
            self.items["plan:" + plan["id"]] = {"texts": [plan["title"], *plan.get("preamble", [])]}
            for chapter in plan["chapters"]:
                for section in chapter["sections"]:
                    running = [section["title"]] + [b for b in section["blocks"] if not {"task", "box", "indicators"} & set(b)]
                    self.items[section["id"]] = {"texts": running}
                    self.kind[section["id"]] = "section"
                    for block in section["blocks"]:
                        for kind in ("task", "box"):
                            if kind in block:
                                self.items[block[kind]["id"]] = block[kind]
                                self.kind[block[kind]["id"]] = kind
                                self._list(block[kind], block[kind]["title"])
                        for row in block.get("indicators", {}).get("rows", []):
                            self.items[row["id"]] = row
                            self.kind[row["id"]] = "indicator"
                            self._list(row, row["name"])
                    if "responsibility" in section:
                        self._list(section, section["title"])

    def _list(self, item: dict, title: dict) -> None:
        for theme in item.get("themes", []):
            self.listed.setdefault("theme:" + theme, []).append(title)
        for ids in (item.get("responsibility") or {}).values():
            for agency in ids:
                self.listed.setdefault("agency:" + agency, []).append(title)

    def text(self, result: str, lang: str) -> str:
        kind, _, name = result.partition(":")
        if result in self.items:
            item = self.items[result]
            names = [self.agencies[a]["name"][lang] for ids in (item.get("responsibility") or {}).values() for a in ids]
            return " ".join(_strings(item, lang) + names)
        listed = " ".join(t[lang] for t in self.listed.get(result, []))
        if kind == "theme" and name in self.themes:
            return " ".join(_strings(self.themes[name], lang) + self.themes[name].get("aliases", []) + [listed])
        if kind == "glossary":
            for term in self.glossary:
                if term["zh"] == name:
                    return " ".join([term["zh"], term["en"], *term.get("forms", []), *term.get("aliases", [])] + _strings(term.get("definition", {}), lang))
        if kind == "agency" and name in self.agencies:
            return " ".join(_strings(self.agencies[name], "zh") + _strings(self.agencies[name], "en") + [listed])
        return ""


def result_id(href: str, glossary_ids: dict[str, str]) -> str:
    """A result link as the query set names it: gz-t27, theme:…, glossary:<zh>, agency:…."""
    path = urllib.parse.urlparse(href)
    parts = [p for p in path.path.split("/") if p and p not in ("en", "zh-hant")]
    if path.fragment and parts and parts[0] == "plans":
        return path.fragment
    if parts and parts[0] == "themes" and len(parts) > 1:
        return "theme:" + parts[1]
    if parts and parts[0] == "agencies" and len(parts) > 1:
        return "agency:" + parts[1]
    if parts and parts[0] == "glossary":
        return "glossary:" + glossary_ids.get(path.fragment, path.fragment)
    if parts and parts[0] == "plans" and len(parts) > 1:
        return "plan:" + parts[1]
    return href


def judge(query: dict, results: list[str], texts: Texts) -> dict:
    lang = query["site"]
    wanted = [fold(w) for w in [query["q"], *query.get("synonyms", [])]]
    contains = [any(w and w in fold(texts.text(r, lang)) for w in wanted) for r in results]
    relevant = [c or r in query["expect"] for c, r in zip(contains, results)]
    # exact-first fails when a result without the query (nor a synonym, nor expected) ranks above one with it
    exact_first = all(relevant[j] or not any(relevant[j + 1:]) for j in range(len(relevant)))
    found = [e for e in query["expect"] if e in results]
    return {"relevant": sum(relevant), "shown": len(results), "exact_first": exact_first,
            "relevant5": sum(relevant[:5]), "shown5": len(results[:5]), "success3": any(r in query["expect"] for r in results[:3]),
            "found": len(found), "expected": len(query["expect"]), "missing": [e for e in query["expect"] if e not in results],
            "irrelevant": [r for r, ok in zip(results, relevant) if not ok]}


def family(query: dict) -> str:
    return "everyday" if query.get("kind", "").startswith("everyday") else "term"


def figures(verdicts: list[dict], kind: str) -> dict:
    answered = sum(1 for v in verdicts if v["shown"]) / len(verdicts)
    if kind == "everyday":
        shown5 = sum(v["shown5"] for v in verdicts)
        return {"queries": len(verdicts), "success_at_3": sum(v["success3"] for v in verdicts) / len(verdicts),
                "precision_at_5": sum(v["relevant5"] for v in verdicts) / shown5 if shown5 else 0.0, "answered": answered}
    shown = sum(v["shown"] for v in verdicts)
    return {"queries": len(verdicts), "precision_at_10": sum(v["relevant"] for v in verdicts) / shown if shown else 0.0,
            "exact_first": sum(v["exact_first"] for v in verdicts) / len(verdicts),
            "recall": sum(v["found"] for v in verdicts) / max(1, sum(v["expected"] for v in verdicts)), "answered": answered}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def load_queries(queries_file: Path = ROOT / "tests" / "search_queries.yaml") -> list[dict]:
    return yaml.safe_load(queries_file.read_text(encoding="utf-8"))["queries"]


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # a page that moves on before a file has arrived (the next query) closes the connection: not an error
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def serve(site_dir: Path) -> http.server.ThreadingHTTPServer:
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def results_of(page, base: str, prefix: str, q: str) -> list[str]:
    page.goto(f"{base}{prefix}search/?q={urllib.parse.quote(q)}")
    page.wait_for_selector(".search-page[data-state=done]")
    return page.eval_on_selector_all("[data-search-result] a", "els => els.slice(0, 10).map(a => a.href)")


def quality(page, base: str, queries: list[dict], verbose: bool = False, traditional: bool = False) -> dict:
    """The figures per site and family of query (term, everyday), each query opened on the results page as a reader
    would. With `traditional`, also every Chinese-site query typed in Traditional characters on the Simplified and
    the Traditional editions ("zh typed-hant", "zh-hant typed-hant")."""
    texts = Texts(ROOT)
    glossary_ids = {"term-" + hashlib.sha1(t["zh"].encode("utf-8")).hexdigest()[:8]: t["zh"] for t in texts.glossary}
    runs = [(query["site"], "" if query["site"] == "zh" else "en/", query["q"], query) for query in queries]
    if traditional:
        import opencc

        s2hk = opencc.OpenCC("s2hk")
        for query in queries:
            if query["site"] == "zh" and s2hk.convert(query["q"]) != query["q"]:
                runs.append(("zh typed-hant", "", s2hk.convert(query["q"]), query))
                runs.append(("zh-hant typed-hant", "zh-hant/", s2hk.convert(query["q"]), query))
                runs.append(("zh typed-hans", "", query["q"], query))  # the same queries as typed, for comparison
    per: dict[tuple, list[dict]] = {}
    for site, prefix, q, query in runs:
        hrefs = results_of(page, base, prefix, q)
        verdict = judge(query, [result_id(h, glossary_ids) for h in hrefs], texts)
        per.setdefault((site, family(query)), []).append(verdict)
        if verbose and (verdict["irrelevant"] or verdict["missing"] or not verdict["exact_first"]) and site in ("zh", "en"):
            print(f"[{site} {family(query)}] {q}: {verdict['relevant']}/{verdict['shown']} s@3={verdict['success3']} "
                  f"missing={verdict['missing']} irrelevant={verdict['irrelevant']} exact_first={verdict['exact_first']}")
    return {f"{site} {kind}": figures(verdicts, kind) for (site, kind), verdicts in per.items()}


def suggestion_delays(page, base: str, queries: list[dict], edition: str, count: int = 20) -> list[float]:
    """Milliseconds from the last keystroke in the header box to its suggestions, once the index is loaded: the first
    `count` term queries and `count` everyday queries of the edition's language."""
    prefix = {"zh": "", "zh-hant": "zh-hant/", "en": "en/"}[edition]
    lang = "en" if edition == "en" else "zh"
    page.goto(f"{base}{prefix}search/?q=" + urllib.parse.quote("质押融资" if lang == "zh" else "pledge financing"))
    page.wait_for_selector(".search-page[data-state=done]")
    delays = []
    mine = [q for q in queries if q["site"] == lang]
    for query in [q for q in mine if family(q) == "term"][:count] + [q for q in mine if family(q) == "everyday"][:count]:
        page.fill("#header-search-q", "")
        page.type("#header-search-q", query["q"], delay=0)
        typed = time.perf_counter()
        page.wait_for_function("q => { const l = document.querySelector('#header-search-list'); return l && l.dataset.query === q; }", arg=query["q"])
        delays.append((time.perf_counter() - typed) * 1000)
    return delays


if __name__ == "__main__":
    from playwright.sync_api import sync_playwright

    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        tab = browser.new_page()
        queries = load_queries()
        for name, values in quality(tab, base, queries, verbose=True, traditional="--traditional" in sys.argv).items():
            print(name, {k: round(v, 3) if isinstance(v, float) else v for k, v in values.items()})
        browser.close()
    server.shutdown()
