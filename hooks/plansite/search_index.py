"""The site's own search index: one record per thing a reader opens, sharded so that a query loads only what it needs.

Records are the plans' tasks, boxes, indicators and sections, and the theme, glossary and agency entries. Chinese is
indexed by character bigram with positions, so the browser can tell a record that contains the whole query from one
that shares a few characters with it; English by word stem with positions. Both sides fold text the same way
(docs/assets/search.js mirrors `fold` and `shard_of`); folding keeps every character in place, so a match found in
folded text marks the same span of the text shown.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import snowballstemmer

from . import identity as ident
from .model import ROLES, Item, Site, iter_blocks
from .numerals import cn_number, roman
from .editions import EDITIONS
from .hant import display_forms, hant_fold_table
from .strings import LANGS, numbered, s
from .terminology import renderings
from .traditional import Converter

KINDS = ("task", "box", "indicator", "section", "theme", "glossary", "agency")
WORD = re.compile(r"[a-z0-9]+")
PARENS = re.compile(r"\s*\(([^)]*)\)")
TRAILING_BRACKETS = re.compile(r"\s*[(（][^()（）]*[)）]$")
POSITIONS_PER_SHARD = 4000  # average postings per shard file; the shard count grows with the text
_stemmer = snowballstemmer.stemmer("english")


# White space as JavaScript's \s knows it, so that both sides fold the same characters.
JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff" + "".join(map(chr, range(0x2000, 0x200B)))
FOLD = str.maketrans(
    {**{chr(c): chr(c - 0xFEE0).lower() for c in range(0xFF01, 0xFF5F)}, **{c: " " for c in JS_SPACE},
     **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
     "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}
)


def fold(text: str) -> str:
    """Full-width forms to half-width, curly quotes to straight, white space to a space, ASCII to lower case.

    Every character maps to exactly one character, so offsets in the folded text are offsets in the original.
    """
    return text.translate(FOLD)


@cache
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


def shard_of(key: str, shards: int) -> int:
    """FNV-1a over UTF-16 code units (what JavaScript strings are made of)."""
    h = 0x811C9DC5
    units = key.encode("utf-16-le")
    for i in range(0, len(units), 2):
        h ^= units[i] | (units[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % shards


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


@dataclass
class Record:
    kind: str
    url: str  # relative to the language's root
    plan: int  # index into Site.plans; -1 for theme, glossary and agency entries
    label: str
    title: str
    text: str

    @property
    def indexed(self) -> str:
        return self.title + "\n" + self.text


class Records:
    """Builds the records of one language from the loaded site."""

    def __init__(self, site: Site, lang: str):
        self.site, self.lang = site, lang

    def join(self, parts) -> str:
        return "\n".join(p for p in parts if p)

    def _paragraphs(self, paragraphs) -> str:
        return self.join(ident.paragraph_text(p, self.lang) for p in paragraphs)

    def _responsibility(self, item: Item) -> str:
        resp = item.data.get("responsibility") or {}
        lines = []
        for role in ROLES:
            if role in resp:
                names = s("list_sep", self.lang).join(self.site.agencies[a]["name"][self.lang] for a in resp[role])
                lines.append(s(role, self.lang) + s("colon", self.lang) + names)
        return self.join(lines)

    def _indicator(self, item: Item) -> str:
        """What the indicator's row shows besides its name: each quantity with its unit, and the data source."""
        lines = []
        for m in item.data["measures"]:
            name = ident.plain(m["name"], self.lang) if "name" in m else ""
            unit = ident.plain(m["unit"], self.lang)
            lines.append(f"{name} ({unit})".strip())
        if "source" in item.data:
            lines.append(s("data_source", self.lang) + s("colon", self.lang) + ident.plain(item.data["source"], self.lang))
        return self.join(lines)

    def section_label(self, chapter: dict, section: dict) -> str:
        return numbered("section_ref", section["number"], self.lang, chapter_cn=cn_number(chapter["number"]), chapter_roman=roman(chapter["number"]))

    def plan_records(self, index: int, plan: dict) -> list[Record]:
        lang = self.lang
        base = ident.page_url(plan)
        out = [Record("section", base, index, "", ident.plain(plan["title"], lang),
                      self.join(ident.plain(p, lang) for p in plan.get("preamble", [])))]
        open_section = None
        for _, chapter, section, block in iter_blocks(plan):
            if section is not open_section:
                open_section = section
                title = ident.plain(section["title"], lang)
                out.append(Record("section", base + "#" + section["id"], index, self.section_label(chapter, section), title, ""))
                section_record = out[-1]
            if "task" in block or "box" in block:
                item = self.site.items[(block.get("task") or block.get("box"))["id"]]
                body = self.join([self._paragraphs(item.data["body"]), self._responsibility(item)])
                out.append(Record(item.kind, ident.url(item), index, ident.label(item, lang), ident.title(item, lang), body))
            elif "indicators" in block:
                for number, row in enumerate(block["indicators"]["rows"], start=1):
                    item = self.site.items[row["id"]]
                    label = numbered("indicator_label", number, lang)
                    out.append(Record("indicator", ident.url(item), index, label, ident.title(item, lang), self._indicator(item)))
            elif "heading" in block:
                section_record.text = self.join([section_record.text, ident.plain(block["heading"], lang), self._paragraphs(block["body"])])
            else:
                section_record.text = self.join([section_record.text, ident.paragraph_text(block, lang)])
        return out

    def entries(self) -> list[Record]:
        lang = self.lang
        out = []
        for theme in self.site.themes.values():
            # what the theme page shows: its description, the wordings it goes by, and the titles of its items
            titles = [ident.title(i, lang) for i in self.site.theme_items(theme["id"])]
            aliases = [a for a in theme.get("aliases", []) if a.isascii() == (lang == "en")]
            text = self.join([ident.plain(theme["description"], lang), " ".join(aliases), *titles])
            out.append(Record("theme", f"themes/{theme['id']}/", -1, "", ident.plain(theme["name"], lang), text))
        for term in self.site.glossary:
            other = "en" if lang == "zh" else "zh"
            text = self.join([term[other], term["definition"][lang] if "definition" in term else ""])
            out.append(Record("glossary", f"glossary/#{ident.term_id(term)}", -1, "", term[lang], text))
        for agency in self.site.agency_list():
            titles = [ident.plain(ref.title, lang) for refs in self.site.agency_roles(agency["id"]).values() for ref in refs]
            text = self.join([agency.get("full_name", {}).get(lang, ""), *titles])
            out.append(Record("agency", f"agencies/{agency['id']}/", -1, "", agency["name"][lang], text))
        return out

    def all(self) -> list[Record]:
        out = []
        for index, plan in enumerate(self.site.plans):
            out += self.plan_records(index, plan)
        return out + self.entries()


def _postings(records: list[Record], keys_of) -> dict[str, dict[int, list[int]]]:
    """key -> record index -> positions, for keys_of(folded text) yielding (key, position)."""
    index: dict[str, dict[int, list[int]]] = {}
    for n, record in enumerate(records):
        for key, pos in keys_of(fold(record.indexed)):
            index.setdefault(key, {}).setdefault(n, []).append(pos)
    return index


def _encode(postings: dict[int, list[int]]) -> str:
    """"rec:pos,pos;rec:pos" in base 36, record numbers and positions as differences from the previous one."""
    parts, last = [], 0
    for rec in sorted(postings):
        positions = postings[rec]
        deltas = [positions[0]] + [b - a for a, b in zip(positions, positions[1:])]
        parts.append(_b36(rec - last) + ":" + ",".join(map(_b36, deltas)))
        last = rec
    return ";".join(parts)


def zh_keys(text: str):
    """Character bigrams with their offsets; the last character of the text pairs with an end mark."""
    for i, ch in enumerate(text):
        yield ch + (text[i + 1] if i + 1 < len(text) else "\0"), i


def en_keys(text: str):
    for n, match in enumerate(WORD.finditer(text)):
        yield match.group(0), n


def shard_count(total_positions: int) -> int:
    shards = 8
    while shards * POSITIONS_PER_SHARD < total_positions:
        shards *= 2
    return shards


def build_shards(records: list[Record], lang: str) -> tuple[int, list[dict]]:
    if lang == "zh":
        index = _postings(records, zh_keys)
        total = sum(len(p) for per in index.values() for p in per.values())
        count = shard_count(total)
        shards: list[dict] = [{} for _ in range(count)]
        for key, per in index.items():
            # Keyed by the first character, so a one-character query finds all its bigrams in one file.
            shards[shard_of(key[0], count)][key] = _encode(per)
        return count, shards
    index = _postings(records, en_keys)
    total = sum(len(p) for per in index.values() for p in per.values())
    count = shard_count(total)
    shards = [{} for _ in range(count)]
    for word, per in index.items():
        key = stem(word)
        shards[shard_of(key, count)].setdefault(key, {})[word] = _encode(per)
    return count, shards


def english_forms(term: dict) -> list[str]:
    """The accepted English forms of a glossary term (terminology.renderings), its rendering without a bracketed
    abbreviation first: that is the form the search names when it maps a query."""
    main = PARENS.sub("", term["en"]).strip()
    return [main] + [form for form in renderings(term) if form != main]


def chinese_forms(term: dict) -> list[str]:
    return [term["zh"]] + term.get("aliases", [])


class Lexicon:
    """What the browser needs to read a query in the site's own words: segmentation vocabulary, synonyms from the
    glossary in both languages, answer cards, and (English) the stem of every word."""

    def __init__(self, site: Site, records: dict[str, list[Record]]):
        self.site, self.records = site, records

    def _counts_by_plan(self, matches) -> list[int]:
        counts = [0] * len(self.site.plans)
        for plan_index in matches:
            counts[plan_index] += 1
        return counts

    def vocabulary(self) -> list[str]:
        words: set[str] = set()
        for term in self.site.glossary:
            words.update(chinese_forms(term))
        for theme in self.site.themes.values():
            words.add(theme["name"]["zh"])
            words.update(a for a in theme.get("aliases", []) if not a.isascii())
        for agency in self.site.agency_list():
            words.add(agency["name"]["zh"])
            if "full_name" in agency:
                words.add(agency["full_name"]["zh"])
        for item in self.site.items.values():
            words.add(ident.title(item, "zh"))
        return sorted(fold(w) for w in words if len(w) > 1)

    def glossary(self) -> list[dict]:
        return [{"zh": [fold(f) for f in chinese_forms(t)], "en": [fold(f) for f in english_forms(t)]} for t in self.site.glossary]

    def names(self) -> list[dict]:
        """Theme and agency names in both languages, for queries typed in the other language."""
        pairs = [{"zh": [t["name"]["zh"]], "en": [t["name"]["en"]]} for t in self.site.themes.values()]
        for agency in self.site.agency_list():
            full = agency.get("full_name", {})
            pairs.append({lang: [agency["name"][lang]] + ([full[lang]] if lang in full else []) for lang in LANGS})
        return [{lang: [fold(f) for f in pair[lang]] for lang in LANGS} for pair in pairs]

    def _theme_for_term(self, forms: list[str], containing: list) -> str | None:
        """The theme a glossary term belongs to: one named by it, else the commonest among the items that use it."""
        for theme in self.site.themes.values():
            names = {theme["name"]["zh"], *theme.get("aliases", [])}
            if names & set(forms):
                return theme["id"]
        tally: dict[str, int] = {}
        for item in containing:
            for theme_id in item.data.get("themes", [])[:1]:
                tally[theme_id] = tally.get(theme_id, 0) + 1
        best = max(tally.items(), key=lambda kv: kv[1], default=None)
        return best[0] if best and best[1] >= 3 else None

    def answers(self, lang: str) -> list[dict]:
        found = self._answers(lang)
        record_of = {rec.url: n for n, rec in enumerate(self.records[lang])}
        for answer in found:
            answer["rec"] = record_of[answer["url"]]
        return found

    def _answers(self, lang: str) -> list[dict]:
        plans = self.site.plans
        plan_index = {p["id"]: n for n, p in enumerate(plans)}
        out = []
        for theme in self.site.themes.values():
            tagged = self.site.theme_items(theme["id"])
            out.append({"kind": "theme", "title": ident.plain(theme["name"], lang), "text": ident.plain(theme["description"], lang),
                        "url": f"themes/{theme['id']}/", "finder": f"finder/?theme={theme['id']}",
                        "counts": self._counts_by_plan(plan_index[i.plan["id"]] for i in tagged),
                        "keys": self._theme_keys(theme)})
        for term in self.site.glossary:
            forms = chinese_forms(term)
            containing = self._term_items[term["zh"]]
            theme = self._theme_for_term(forms, containing)
            out.append({"kind": "glossary", "title": term["zh"] if lang == "zh" else term["en"],
                        "text": term["definition"][lang] if "definition" in term else "",
                        "url": f"glossary/#{ident.term_id(term)}", "finder": f"finder/?theme={theme}" if theme else "",
                        "counts": self._counts_by_plan(plan_index[i.plan["id"]] for i in containing),
                        "keys": [[fold(term["zh"]), 2], [fold(english_forms(term)[0]), 2]] + [[fold(k), 1] for k in forms[1:] + english_forms(term)[1:]]})
        for agency in self.site.agency_list():
            roles = self.site.agency_roles(agency["id"])
            refs = [ref for refs in roles.values() for ref in refs]
            keys = [[fold(agency["name"][x]), 2] for x in LANGS] + [[fold(agency["full_name"][x]), 1] for x in LANGS if "full_name" in agency]
            first_plan = refs[0].plan["id"] if refs else ""
            out.append({"kind": "agency", "title": agency["name"][lang], "text": agency.get("full_name", {}).get(lang, ""),
                        "url": f"agencies/{agency['id']}/", "finder": f"finder/?plan={first_plan}" if first_plan else "",
                        "counts": self._counts_by_plan(plan_index[ref.plan["id"]] for ref in refs), "keys": keys})
        return out

    @staticmethod
    def _theme_keys(theme: dict) -> list[list]:
        """[wording, strength]: a theme is named most strongly by its name and by aliases within its name
        (质押融资 in 知识产权质押融资); its other aliases (技术调查官 in enforcement) name it weakly, after any
        glossary term or agency of that exact name (strength 2) or their other wordings (1)."""
        names = [fold(theme["name"][lang]) for lang in LANGS]
        keys = [[name, 3] for name in names]
        for alias in map(fold, theme.get("aliases", [])):
            keys.append([alias, 3 if any(alias in name for name in names) else 0])
        return keys

    @cached_property
    def _term_items(self) -> dict[str, list[Item]]:
        """Glossary term -> the tasks, boxes and indicators whose Chinese uses it or one of its aliases (both sites count these)."""
        texts = {i.id: fold(self._item_zh(i)) for i in self.site.items.values()}
        return {term["zh"]: [i for i in self.site.items.values() if any(fold(f) in texts[i.id] for f in chinese_forms(term))]
                for term in self.site.glossary}

    def _item_zh(self, item: Item) -> str:
        data = item.data
        if item.kind == "indicator":
            return ident.plain(data["name"], "zh")
        return ident.plain(data["title"], "zh") + "\n" + ident.body_text(item, "zh")

    def stems(self, lang: str) -> dict[str, str]:
        """Stem of every English word the browser may meet: the text (English site) and the names it maps."""
        vocabulary: set[str] = set()
        texts = [f for t in self.site.glossary for f in english_forms(t)]
        texts += [t["name"]["en"] for t in self.site.themes.values()] + [a for t in self.site.themes.values() for a in t.get("aliases", []) if a.isascii()]
        texts += [a["name"]["en"] for a in self.site.agency_list()]
        if lang == "en":
            texts += [rec.indexed for rec in self.records["en"]]
        for text in texts:
            vocabulary.update(words(text))
        return {w: stem(w) for w in sorted(vocabulary)}

    def for_lang(self, lang: str) -> dict:
        return {"vocabulary": self.vocabulary(), "glossary": self.glossary(), "names": self.names(), "answers": self.answers(lang), "stems": self.stems(lang)}


def _dump(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")


def write_search_index(site: Site, site_dir: Path, converter: Converter) -> None:
    """site/search-index/<edition>/: meta.json, lexicon.json, shards/N.json, records/N.json.

    The Traditional edition's index is the Simplified one with what it shows (records, plan names, answer cards)
    converted: queries in either script are folded to Simplified characters before they are looked up (hant.py)."""
    records = {lang: Records(site, lang).all() for lang in LANGS}
    lexicon = Lexicon(site, records)
    zh_lexicon = lexicon.for_lang("zh")
    indexed = [rec.indexed for rec in records["zh"]] + zh_lexicon["vocabulary"]
    indexed += [form for entry in zh_lexicon["glossary"] + zh_lexicon["names"] for form in entry["zh"]]
    fold_table = hant_fold_table("\n".join(indexed), converter)
    for edition in EDITIONS:
        lang = edition.lang
        show = converter.text if edition.converted else (lambda text: text)
        out = site_dir / "search-index" / edition.code
        count, shards = build_shards(records[lang], lang)
        _dump(out / "meta.json", {
            "shards": count,
            "plans": [show(ident.plain(p["short_title"], lang)) for p in site.plans],
            "kinds": list(KINDS),
            # per record: plan, kind, length of title + 1 (positions below it are in the title), length in positions,
            # and the length of the title without a closing bracketed abbreviation ("geographical indication (GI)")
            "records": [[rec.plan, KINDS.index(rec.kind), _title_span(rec, lang), _length(rec, lang), _core_span(rec, lang)]
                        for rec in records[lang]],
        })
        found = zh_lexicon if lang == "zh" and not edition.converted else lexicon.for_lang(lang)
        found["hant"] = fold_table
        if edition.converted:
            for answer in found["answers"]:
                answer["title"], answer["text"] = show(answer["title"]), show(answer["text"])
            found["display"] = display_forms(found, converter)
        _dump(out / "lexicon.json", found)
        for n, shard in enumerate(shards):
            _dump(out / "shards" / f"{n}.json", shard)
        for n, rec in enumerate(records[lang]):
            _dump(out / "records" / f"{n}.json", {"url": rec.url, "label": show(rec.label), "title": show(rec.title), "text": show(rec.text)})


def _title_span(rec: Record, lang: str) -> int:
    return len(rec.title) + 1 if lang == "zh" else len(words(rec.title))


def _core_span(rec: Record, lang: str) -> int:
    core = TRAILING_BRACKETS.sub("", rec.title)
    return len(core) if lang == "zh" else len(words(core))


def _length(rec: Record, lang: str) -> int:
    return len(rec.indexed) if lang == "zh" else len(words(rec.indexed))
