"""Each plan as a document (data/documents.yaml): its facts with their sources, its status, the parts of a citation,
and the document object of the open data. The pages, the cite boxes and plans.json all take them from here."""
from __future__ import annotations

from .check import DOCUMENT_FACTS
from .model import Item, Site

EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


def record(site: Site, plan: dict) -> dict:
    return site.documents[plan["id"]]


def found(fact: dict | None) -> bool:
    return fact is not None and "not_found" not in fact


def title(site: Site, plan: dict) -> dict:
    """The plan's title as issued: the issuing notice's where it differs from the plan file's."""
    fact = record(site, plan).get("issued_title")
    return fact["title"] if found(fact) else plan["title"]


def ended(plan: dict) -> str:
    """The last day of the plan period."""
    return f"{plan['period']['end']}-12-31"


def status(site: Site, plan: dict) -> str:
    """expired once the plan period ended before the record was last checked (never the build's clock: builds are
    reproducible)."""
    return "expired" if ended(plan) < record(site, plan)["checked"] else "in-force"


def en_date(date: str) -> str:
    """2022-01-10 -> 10 January 2022; 2021-11 -> November 2021; 2021 -> 2021."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {EN_MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{EN_MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def zh_date(date: str) -> str:
    """2022-01-10 -> 2022年1月10日; 2021-11 -> 2021年11月."""
    parts = [int(p) for p in date.split("-")]
    return "".join(f"{n}{unit}" for n, unit in zip(parts, ("年", "月", "日")))


def citation(site: Site, plan: dict, item: Item | None = None) -> dict:
    """What a citation of the plan (or of one of its items) is made of; a part that was not found is None."""
    rec = record(site, plan)
    return {
        "issuer": rec["issuer"]["name"] if found(rec["issuer"]) else None,
        "title": title(site, plan),
        "number": rec["number"]["number"] if found(rec["number"]) else None,
        "issued": rec["issued"]["date"] if found(rec["issued"]) else None,
        "official_url": rec["url"]["url"] if found(rec["url"]) else None,
        "item": item,
    }


def _source(site: Site, source_id: str) -> dict:
    src = site.sources[source_id]
    keys = ("id", "title", "publisher", "kind", "copy_of", "date", "url")
    return {key: src[key] for key in keys if key in src}


def _not_found(site: Site, record_: dict) -> dict:
    out = {"searches": [site.searches[s] for s in record_["searches"]]}
    if "note" in record_:
        out = {"note": record_["note"], **out}
    return out


def _fact(site: Site, fact: dict) -> dict:
    if "not_found" in fact:
        return {"not_found": _not_found(site, fact["not_found"])}
    return {**fact, "source": _source(site, fact["source"])}


def published(site: Site, plan: dict) -> dict:
    """The document object that the open data gives the plan (documents.schema.json#/$defs/published): every fact
    with its source in full, or not_found with the searches made; `url` or, where the official address was not
    found, `not_found` with the record of that search."""
    rec = record(site, plan)
    out: dict = {"title": title(site, plan), "period": plan["period"], "status": status(site, plan)}
    if out["status"] == "expired":
        out["ended"] = ended(plan)
    out["checked"] = rec["checked"]
    for name in DOCUMENT_FACTS:
        if name in rec and name != "url":
            out[name] = _fact(site, rec[name])
    if found(rec["url"]):
        out["url"] = rec["url"]["url"]
        out["url_source"] = _source(site, rec["url"]["source"])
    else:
        out["not_found"] = _not_found(site, rec["url"]["not_found"])
    out["copies"] = [{"url": c["url"], "what": c["what"], "search": site.searches[c["search"]]} for c in rec["copies"]]
    if "text_note" in rec:
        out["text_note"] = {"text": rec["text_note"]["text"], "source": _source(site, rec["text_note"]["source"])}
    return out


def searches_of(site: Site, plan: dict) -> list[dict]:
    """Every search recorded for the plan's facts and copies, in the order of the searches list."""
    rec = record(site, plan)
    ids = {c["search"] for c in rec["copies"]}
    for name in DOCUMENT_FACTS:
        if name in rec and "not_found" in rec[name]:
            ids.update(rec[name]["not_found"]["searches"])
    return [s for s in site.searches.values() if s["id"] in ids]


def sources_of(site: Site, plan: dict) -> list[str]:
    """The IDs of the sources the plan's record names, in the order the page shows its facts (each shown once)."""
    rec = record(site, plan)
    out: list[str] = []
    for name in (*DOCUMENT_FACTS, "text_note"):
        fact = rec.get(name)
        if fact is not None and "source" in fact and fact["source"] not in out:
            out.append(fact["source"])
    return out


def used_by(site: Site, source_id: str) -> list[tuple[dict, str]]:
    """(plan, fact name) of every document fact that names the source: for the sources page."""
    out = []
    for plan in site.plans:
        rec = record(site, plan)
        for name in (*DOCUMENT_FACTS, "text_note"):
            fact = rec.get(name)
            if fact is not None and fact.get("source") == source_id:
                out.append((plan, name))
    return out
