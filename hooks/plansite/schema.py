"""Checking one loaded document against its JSON Schema (data/schema/), with plain messages naming the field."""
from __future__ import annotations

import datetime
import difflib
import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from .problems import Problem, shown
from .yamldoc import Document

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schema"


@cache
def _registry() -> Registry:
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


# The schemas' "format"s, checked: a date's pattern (YYYY-MM-DD) lets 2025-13-45 through.
FORMATS = FormatChecker(formats=())


@FORMATS.checks("date", raises=ValueError)
def _date(text) -> bool:
    return not isinstance(text, str) or bool(datetime.date.fromisoformat(text))


@FORMATS.checks("partial-date", raises=ValueError)
def _partial_date(text) -> bool:
    """YYYY-MM-DD or YYYY-MM (a source dated to the month)."""
    return not isinstance(text, str) or _date(text if len(text) > 7 else text + "-01")


@cache
def validator(name: str) -> Draft202012Validator:
    schema = _inlined(_registry().contents(f"{name}.schema.json"), f"{name}.schema.json")
    return Draft202012Validator(schema, registry=_registry(), format_checker=FORMATS)


ANNOTATIONS = {"description", "title", "$comment", "examples", "default"}


def _inlined(node, base: str, through: tuple = ()):
    """The schema with each reference ($ref, with nothing beside it but annotations) replaced by the schema it points
    to: jsonschema looked every reference up in the registry for each value it checked, half of its time on the
    plans. A reference back into itself, or with other keywords beside it, stays, written out in full (file#pointer),
    as the part around it may come from another file."""
    if isinstance(node, list):
        return [_inlined(child, base, through) for child in node]
    if not isinstance(node, dict):
        return node
    if "$ref" not in node:
        return {key: _inlined(child, base, through) for key, child in node.items()}
    file, _, pointer = node["$ref"].partition("#")
    target = (file or base, pointer)
    beside = {key: _inlined(child, base, through) for key, child in node.items() if key != "$ref"}
    if target in through or set(beside) - ANNOTATIONS:
        return {**beside, "$ref": f"{target[0]}#{pointer}"}
    schema = _registry().contents(target[0])
    for part in filter(None, pointer.split("/")):
        schema = schema[part.replace("~1", "/").replace("~0", "~")]  # a JSON pointer's escapes
    return _inlined(schema, target[0], through + (target,))


# Fields whose absence needs more than "required field is missing": what to give, keyed by (list name, field).
REQUIRED_HINTS = {
    ("observations", "source"): "an observation needs a source: the id of an entry in data/progress/sources.yaml",
    ("observations", "date"): "an observation needs a date: the day its value refers to, as YYYY-MM-DD (e.g. 2025-12-31)",
    ("observations", "wording"): "an observation needs the source's wording of the measure (zh, en)",
    ("context", "source"): "a context figure needs a source: the id of an entry in data/progress/sources.yaml",
    ("context", "date"): "a context figure needs a date: the day its value refers to, as YYYY-MM-DD",
    ("sources", "kind"): "a source needs a kind: official-statistics, government-news, government-document or media (and copy_of if the page is a copy)",
    ("sources", "date"): "a source needs its publication date, as YYYY-MM-DD (or YYYY-MM with a date_note)",
    ("sources", "url"): "a source needs the address (http:// or https://) of the page the figures were read on",
}

# Fields with a pattern that is not an ID's: what the value must look like.
PATTERN_HINTS = {
    "date": "write a date as YYYY-MM-DD", "checked": "write a date as YYYY-MM-DD",
    "url": "give an address starting with http:// or https://", "phone": "give the number in digits (and hyphens)",
}


# Patterns whose values are neither IDs nor the fields of PATTERN_HINTS: what the value should be.
PATTERN_MESSAGES = {
    "^[a-z]{2,4}$": "{} is not a valid plan code: use 2-4 lowercase letters",
    "^\\s*\\S+\\s+\\S+\\s+\\S+": "{} is too short: give the sentence's first three words or more",
    "^/([^/#\\s]+/)*(#[^#\\s]+)?$": "{} is not an address of the site: write it as /plans/guangzhou/ or /plans/guangzhou/#gz-t41",
}


def _known_properties(error) -> list[str]:
    return sorted(error.schema.get("properties", {}))


def _message(error) -> tuple[tuple, str]:
    """A path and a plain message for one jsonschema error."""
    path = tuple(error.absolute_path)
    kind = error.validator
    if kind == "required":
        missing = [p for p in error.validator_value if p not in error.instance]
        name = missing[0] if missing else "?"
        if name == "en":
            return path + ("en",), "English text is missing"
        if name == "zh":
            return path + ("zh",), "Chinese text is missing"
        if path and path[0] == "documents" and name == "source":
            return path + (name,), "a fact needs its source (the id of an entry in data/progress/sources.yaml), or not_found with the searches made for it"
        if len(path) == 2 and (path[0], name) in REQUIRED_HINTS:
            return path + (name,), REQUIRED_HINTS[(path[0], name)]
        return path + (name,), "required field is missing"
    if kind == "additionalProperties":
        known = _known_properties(error)
        extra = sorted(set(error.instance) - set(known))
        if len(path) >= 2 and path[-2] == "blocks" and not {"zh", "en"} & set(error.instance):
            kinds = ["task", "box", "indicators", "heading"]
            close = difflib.get_close_matches(extra[0], kinds, n=1) if extra else []
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            return path + (extra[0],), f"unknown block {shown(extra[0])}{hint}: a block is a paragraph (zh, en), a heading, a task, a box or indicators"
        hints = []
        for name in extra:
            close = difflib.get_close_matches(name, known, n=1)
            hints.append(f"unknown field {shown(name)}" + (f" (did you mean '{close[0]}'?)" if close else f" (known fields: {', '.join(known)})"))
        return path + ((extra[0],) if extra else ()), "; ".join(hints)
    if kind == "minLength" and path and path[-1] in ("zh", "en"):
        return path, "English text is missing" if path[-1] == "en" else "Chinese text is missing"
    if kind == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        return path, f"expected {expected}, got {type(error.instance).__name__} {shown(error.instance, 160)}"
    if kind == "enum":
        close = difflib.get_close_matches(str(error.instance)[:100], [str(v) for v in error.validator_value], n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return path, f"{shown(error.instance)} is not one of {', '.join(map(str, error.validator_value))}{hint}"
    if kind == "format":
        return path, f"{shown(error.instance)} is not a real date (YYYY-MM-DD{', or YYYY-MM' if error.validator_value == 'partial-date' else ''})"
    if kind == "pattern" and "\\d{4}" in error.validator_value:
        return path, f"{shown(error.instance)} is not a date: write YYYY-MM-DD (e.g. 2022-01-10)" + (", or YYYY-MM or YYYY where the source gives no more" if "?" in error.validator_value else "")
    if kind == "pattern" and error.validator_value.startswith("^https?"):
        return path, f"{shown(error.instance)} is not an address: it must start with http:// or https://"
    if kind == "pattern":
        if error.validator_value in PATTERN_MESSAGES:
            return path, PATTERN_MESSAGES[error.validator_value].format(shown(error.instance))
        if path and path[-1] in PATTERN_HINTS:
            return path, f"{shown(error.instance)}: {PATTERN_HINTS[path[-1]]}"
        return path, f"{shown(error.instance)} is not a valid ID: use lowercase letters, digits and single hyphens"
    if kind == "oneOf" and path and path[-1] == "responsibility":
        return path, "give 'lead' (with optional 'cooperating') or 'shared', not both"
    if kind == "oneOf" and isinstance(error.instance, dict) and error.context:
        # A fact of documents.yaml: found (with its source) or not_found; report the branch the entry meant.
        branch = 1 if "not_found" in error.instance else 0
        inner = [e for e in error.context if e.relative_schema_path[0] == branch]
        if inner:
            return _message(min(inner, key=lambda e: len(e.absolute_path)))
    if kind == "maxItems":
        return path, f"has {len(error.instance)} entries; at most {error.validator_value} are allowed"
    if kind == "minItems" and error.validator_value == 1:
        return path, "must not be empty"
    if kind == "uniqueItems":
        return path, "contains the same value twice"
    return path, error.message[:200]


# Fields that a schema describes for the open data only, with what to do when a data file has one.
GENERATED_FIELDS = {("plan", "document"): "the facts about a plan as a document belong in data/documents.yaml, not in the plan file"}


def schema_problems(doc: Document, name: str) -> list[Problem]:
    data, problems = doc.data, []
    for (schema, field), message in GENERATED_FIELDS.items():
        if schema == name and isinstance(data, dict) and field in data:
            problems.append(doc.problem((field,), message))
            data = {k: v for k, v in data.items() if k != field}
    errors = list(validator(name).iter_errors(data))
    # An unknown block kind is reported once, not also as a paragraph without text.
    unknown_blocks = {tuple(e.absolute_path) for e in errors if e.validator == "additionalProperties" and len(e.absolute_path) >= 2 and e.absolute_path[-2] == "blocks"}
    for error in errors:
        if error.validator == "required" and tuple(error.absolute_path) in unknown_blocks:
            continue
        path, message = _message(error)
        problems.append(doc.problem(path, message))
    return problems
