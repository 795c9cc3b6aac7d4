"""Writing the index: site/search-index/<edition>/ with meta.json (per record: plan, kind and lengths), lexicon.json,
stems.json (fetched for a query with English words in it), on the Chinese editions latin.json (the words of Latin
letters their text holds, fetched with stems.json), reader-other.json and reader-other/N.json (the wordings of the
other language's script, fetched for a query written in it), shards/N.json (postings) and records/N.json (what a result
shows)."""
from __future__ import annotations

import json
import re
from pathlib import Path

from .. import identity as ident
from ..editions import EDITIONS
from ..model import Site
from ..strings import LANGS
from ..texts import CJK
from ..traditional import Converter
from .hant import display_forms, hant_fold_table
from .lexicon import Lexicon
from .records import KINDS, Record, Records
from .shards import build_shards
from .text import fold, shard_of, words

LATIN = re.compile(r"[a-z]")
TRAILING_BRACKETS = re.compile(r"\s*[(（][^()（）]*[)）]$")
# The reader's words of the other script are split into this many files by how they begin (_by_beginning): an English
# question on a Chinese edition fetched all 2,100 of them (11 KB), and fetches those of its own words now.
OTHER_FILES = 64


def _dump(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")


def write_search_index(site: Site, site_dir: Path, converter: Converter) -> None:
    """The index of every edition. The Traditional edition's is the Simplified one with what it shows (records, plan
    names, answer cards) converted: queries in either script are folded to Simplified characters first (hant.py)."""
    records = {lang: Records(site, lang).all() for lang in LANGS}
    lexicon = Lexicon(site, records)
    lexicons = {lang: lexicon.for_lang(lang) for lang in LANGS}
    stems = {lang: lexicon.stems(lang) for lang in LANGS}
    zh = lexicons["zh"]
    # An English phrase that the Chinese text cannot hold (a question in English: "can I complain to …") fetches none
    # of the files of its letters' bigrams (search-words.js, mayHold).
    latin = sorted({w for rec in records["zh"] for w in words(rec.indexed) if LATIN.search(w)})
    indexed = [rec.indexed for rec in records["zh"]] + zh["vocabulary"]
    indexed += [form for entry in zh["glossary"] + zh["names"] for form in entry["zh"]] + [t for e in zh["reader"] for t in e["to"]]
    # the words readers type (冒牌货, 什么) are read in either script too
    indexed += [w for e in zh["reader"] for w in e["w"]] + zh["ignore"]["zh"]
    indexed += [w for asks in zh["asks"].values() for w in asks["zh"]]
    fold_table = hant_fold_table("\n".join(indexed), converter, site.reader.get("spoken", {}))
    shards = {lang: build_shards(records[lang], lang) for lang in LANGS}
    for edition in EDITIONS:
        lang = edition.lang
        show = converter.text if edition.converted else (lambda text: text)
        out = site_dir / "search-index" / edition.code
        count, lang_shards = shards[lang]
        _dump(out / "meta.json", {
            "shards": count,
            "otherFiles": OTHER_FILES,
            "plans": [show(ident.plain(p["short_title"], lang)) for p in site.plans],
            "kinds": list(KINDS),
            # per record: plan, kind, length of title + 1 (positions below it are in the title), length in positions,
            # and the length of the title without a closing bracketed abbreviation ("geographical indication (GI)")
            "records": [[rec.plan, KINDS.index(rec.kind), _title_span(rec, lang), _length(rec, lang), _core_span(rec, lang)]
                        for rec in records[lang]],
            # the task, box or indicator each record is ("" for the others): what the finder's word box filters by
            "items": [rec.url.split("#")[1] if rec.kind in ("task", "box", "indicator") else "" for rec in records[lang]],
        })
        found = dict(lexicons[lang], hant=fold_table)
        if edition.converted:
            found["answers"] = [dict(answer, title=show(answer["title"])) for answer in found["answers"]]
            found["display"] = display_forms(found, converter, fold_table)
        found["reader"], other = _by_script(found["reader"], lang)
        found["glossary"], other_glossary = _glossary_by_language(found["glossary"], lang)
        _dump(out / "lexicon.json", found)
        _dump(out / "reader-other.json", {"glossary": other_glossary})
        for n, part in enumerate(_by_beginning(other, lang)):
            _dump(out / "reader-other" / f"{n}.json", part)
        _dump(out / "stems.json", stems[lang])
        if lang == "zh":
            _dump(out / "latin.json", latin)
        for n, shard in enumerate(lang_shards):
            _dump(out / "shards" / f"{n}.json", shard)
        for n, rec in enumerate(records[lang]):
            shown = {"url": rec.url, "label": show(rec.label), "title": show(rec.title), "text": show(rec.text)}
            if rec.summary:
                shown["summary"] = show(rec.summary)
            _dump(out / "records" / f"{n}.json", shown)


def _by_script(reader: list[dict], lang: str) -> tuple[list[dict], list[list[str]]]:
    """The reader's words in the edition's script stay in the lexicon; those in the other script (words of Latin
    letters on the Chinese editions, Chinese on the English one), per entry, wait for a query in that script
    (search-words.js, wordsFor): a first search sends a fifth less of the lexicon."""
    def own(word: str) -> bool:
        return bool(CJK.search(word)) or not LATIN.search(word) if lang == "zh" else not CJK.search(word)
    return ([dict(entry, w=[w for w in entry["w"] if own(w)]) for entry in reader],
            [[w for w in entry["w"] if not own(w)] for entry in reader])


def _by_beginning(other: list[list[str]], lang: str) -> list[dict[str, list[str]]]:
    """The reader's words of the other script, per entry, in OTHER_FILES files by the first Chinese character (English
    edition) or the first three letters of the first word (Chinese editions): a query fetches the files of its own
    characters or words (search-words.js, wordsFor)."""
    parts: list[dict[str, list[str]]] = [{} for _ in range(OTHER_FILES)]
    for entry, found in enumerate(other):
        for word in found:
            begins = next(ch for ch in fold(word) if CJK.match(ch)) if lang == "en" else words(word)[0][:3]
            parts[shard_of(begins, OTHER_FILES)].setdefault(str(entry), []).append(word)
    return parts


def _glossary_by_language(glossary: list[dict], lang: str) -> tuple[list[dict], list[list[str]]]:
    """The glossary's wordings in the edition's language stay in the lexicon; those in the other language, per term,
    are in reader-other.json, fetched with the first query written in it (3 KB less of a first search on the
    Chinese editions, which the reader's vocabulary needs: the Traditional one had 1 KB left under its 120 KB)."""
    other = "en" if lang == "zh" else "zh"
    return [dict(term, **{other: []}) for term in glossary], [term[other] for term in glossary]


def _title_span(rec: Record, lang: str) -> int:
    return len(rec.title) + 1 if lang == "zh" else len(words(rec.title))


def _core_span(rec: Record, lang: str) -> int:
    core = TRAILING_BRACKETS.sub("", rec.title)
    return len(core) if lang == "zh" else len(words(core))


def _length(rec: Record, lang: str) -> int:
    return len(rec.indexed) if lang == "zh" else len(words(rec.indexed))
