"""What the browser needs to read a query: the site's own vocabulary (for segmenting Chinese), the glossary's wordings
in both languages, theme and agency names, the reader's vocabulary (data/reader-vocabulary.yaml: everyday words and
the plans' terms they lead to), the words a question may leave out, answer cards, and the stem of every English word."""
from __future__ import annotations

import re
from functools import cached_property

from .. import identity as ident
from ..model import Item, Site
from ..strings import LANGS
from ..terminology import renderings
from .records import Record
from .text import as_read, fold, spoken_table, stem, words

PARENS = re.compile(r"\s*\(([^)]*)\)")


def english_forms(term: dict) -> list[str]:
    """The accepted English forms of a glossary term (terminology.renderings), its rendering without a bracketed
    abbreviation first: that is the form the search names when it maps a query."""
    main = PARENS.sub("", term["en"]).strip()
    return [main] + [form for form in renderings(term) if form != main]


def chinese_forms(term: dict) -> list[str]:
    return [term["zh"]] + term.get("aliases", [])


class Lexicon:
    def __init__(self, site: Site, records: dict[str, list[Record]]):
        self.site, self.records = site, records

    def _counts_by_plan(self, matches) -> list[int]:
        counts = [0] * len(self.site.plans)
        for plan_index in matches:
            counts[plan_index] += 1
        return counts

    def vocabulary(self) -> list[str]:
        """The site's own Chinese words, for segmenting a query: glossary terms and aliases, theme and agency names."""
        found: set[str] = set()
        for term in self.site.glossary:
            found.update(chinese_forms(term))
        for theme in self.site.themes.values():
            found.add(theme["name"]["zh"])
            found.update(a for a in theme.get("aliases", []) if not a.isascii())
        for agency in self.site.agency_list():
            found.add(agency["name"]["zh"])
            if "full_name" in agency:
                found.add(agency["full_name"]["zh"])
        return sorted(fold(w) for w in found if len(w) > 1)

    def glossary(self) -> list[dict]:
        """The glossary's wordings in both languages, as written (the browser folds them to compare; a page names them)."""
        return [{"zh": chinese_forms(t), "en": english_forms(t)} for t in self.site.glossary]

    def names(self) -> list[dict]:
        """Theme and agency names in both languages, for queries typed in the other language."""
        pairs = [{"zh": [t["name"]["zh"]], "en": [t["name"]["en"]]} for t in self.site.themes.values()]
        for agency in self.site.agency_list():
            full = agency.get("full_name", {})
            pairs.append({lang: [agency["name"][lang]] + ([full[lang]] if lang in full else []) for lang in LANGS})
        return pairs

    @cached_property
    def spoken(self) -> dict[int, str]:
        """Written Cantonese to standard Chinese, character for character (唔 -> 不): queries are read so (hant.py)."""
        return spoken_table(self.site.reader)

    def reader(self, lang: str) -> list[dict]:
        """The reader's vocabulary for a site in `lang`: the words readers type (in either language, written
        Cantonese read as standard Chinese) and the plans' terms they lead to in `lang`, closest first, with the
        themes they are about."""
        out = []
        for entry in self.site.reader["words"]:
            # an entry whose words in this language are all its one term in this language ("patent", which leads to
            # 专利 on a Chinese edition) is the plans' own term on this edition: its words are read on the other only
            itself = [fold(t) for t in entry["official"][lang]]
            own = entry["reader"].get(lang, [])
            plain = len(itself) == 1 and all(fold(w) == itself[0] for w in own)
            typed = [as_read(w, self.spoken) for side in LANGS for w in entry["reader"].get(side, []) if not (plain and side == lang)]
            found = {"w": typed, "to": entry["official"][lang]}  # as written: the results page names them
            if entry.get("themes"):
                found["t"] = entry["themes"]
            out.append(found)
        return out

    def plans(self) -> list[list[str]]:
        """How a query may name each plan (in Site.plans order): its region and short title, in both languages, with
        and without 市/区 (中山, 中山市, 南沙区, zhongshan). A query naming one looks in that plan."""
        out = []
        for plan in self.site.plans:
            forms = {plan["region"]["zh"], plan["short_title"]["zh"].removesuffix("规划"), plan["region"]["en"],
                     plan["short_title"]["en"].removesuffix(" plan")}
            forms |= {f[:-1] for f in forms if f[-1:] in ("市", "区") and len(f) > 2}
            out.append(sorted(fold(f) for f in forms))
        return out

    def ignore(self) -> dict[str, list[str]]:
        return {lang: sorted({as_read(w, self.spoken) for w in self.site.reader["ignore"][lang]}) for lang in LANGS}

    def asks(self) -> dict[str, dict[str, list[str]]]:
        """The words by which a query asks which body is responsible (who), for a figure (figure) or what a word means
        (define): Chinese as read, English word by word."""
        out = {}
        for kind in ("who", "figure", "define"):
            asks = self.site.reader.get(f"asks_{kind}", {})
            out[kind] = {"zh": sorted({as_read(w, self.spoken) for w in asks.get("zh", [])}),
                         "en": sorted({" ".join(words(w)) for w in asks.get("en", [])})}
        return out

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
        """Answer cards: the theme, glossary and agency pages a query may name. Their text is in their records. A
        glossary or agency card is named by the wordings of its entry in glossary() + names() ("words": its index
        there; search-engine.js reads the first wording in each language as its name), a theme card by its "keys"."""
        found = self._answers(lang)
        record_of = {rec.url: n for n, rec in enumerate(self.records[lang])}
        for answer in found:
            answer["rec"] = record_of[answer["url"]]
            if answer["kind"] == "theme":
                answer["members"] = [record_of[url] for url in answer.pop("member_urls")]
        return found

    def _answers(self, lang: str) -> list[dict]:
        plan_index = {p["id"]: n for n, p in enumerate(self.site.plans)}
        out = []
        for theme in self.site.themes.values():
            tagged = self.site.theme_items(theme["id"])
            out.append({"kind": "theme", "title": ident.plain(theme["name"], lang), "url": f"themes/{theme['id']}/",
                        "finder": f"finder/?theme={theme['id']}",
                        "counts": self._counts_by_plan(plan_index[i.plan["id"]] for i in tagged),
                        "keys": self._theme_keys(theme),  # a reader's word about it names it too (answersFor)
                        "member_urls": [ident.url(i) for i in tagged]})
        for n, term in enumerate(self.site.glossary):
            forms = chinese_forms(term)
            containing = self._term_items[term["zh"]]
            theme = self._theme_for_term(forms, containing)
            out.append({"kind": "glossary", "title": term["zh"] if lang == "zh" else term["en"],
                        "url": f"glossary/#{ident.term_id(term)}", "finder": f"finder/?theme={theme}" if theme else "",
                        "counts": self._counts_by_plan(plan_index[i.plan["id"]] for i in containing),
                        "words": n})
        agencies_from = len(self.site.glossary) + len(self.site.themes)  # where names() lists them, after the themes
        leads: dict[int, tuple[int, int]] = {}  # plan -> (tasks led, index in out) of the agency leading the most
        for n, agency in enumerate(self.site.agency_list()):
            roles = self.site.agency_roles(agency["id"])
            refs = [ref for refs in roles.values() for ref in refs]
            first_plan = refs[0].plan["id"] if refs else ""
            plan = plan_index[first_plan] if first_plan else -1
            if roles["lead"] and len(roles["lead"]) > leads.get(plan, (0, 0))[0]:
                leads[plan] = (len(roles["lead"]), len(out))
            out.append({"kind": "agency", "title": agency["name"][lang], "url": f"agencies/{agency['id']}/",
                        "finder": f"finder/?plan={first_plan}" if first_plan else "",
                        "counts": self._counts_by_plan(plan_index[ref.plan["id"]] for ref in refs),
                        "words": agencies_from + n, "plan": plan})
        for _, at in leads.values():
            out[at]["lead"] = True  # asked who is responsible, with nothing else to go by (search-asks.js)
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
        texts += [a["name"]["en"] for a in self.site.agency_list()] + [p["region"]["en"] for p in self.site.plans]
        texts += [w for entry in self.site.reader["words"] for w in entry["reader"].get("en", []) + entry["official"]["en"]]
        if lang == "en":
            texts += [rec.indexed for rec in self.records["en"]]
        for text in texts:
            vocabulary.update(words(text))
        return {w: stem(w) for w in sorted(vocabulary)}

    def for_lang(self, lang: str) -> dict:
        return {"vocabulary": self.vocabulary(), "glossary": self.glossary(), "names": self.names(),
                "reader": self.reader(lang), "ignore": self.ignore(), "asks": self.asks(), "plans": self.plans(),
                "answers": self.answers(lang)}
