"""The translation report: which fields of which plan lack English, or have English identical to the Chinese; English
sentences over 60 words; rejected renderings still in use; and the count of sentences over 80 words outside the
exceptions recorded in data/style.yaml.

It reads the YAML without the schema, so that it also works on plans that do not validate yet."""
from __future__ import annotations

from pathlib import Path

from . import sentences as sent
from .yamldoc import load_document
from .problems import DataError, field_path
from .terminology import check_plan
from .check import PLACEHOLDER_EN
from .texts import CJK, walk_texts


def _optional(path: Path, root: Path, key: str, lines: list[str]) -> dict:
    """glossary.yaml or style.yaml as plain data; a file that cannot be read is reported, not fatal."""
    if not path.exists():
        return {}
    try:
        data = load_document(path, root).data
    except DataError as exc:
        lines += [f"{path.name} cannot be read: {exc}", ""]
        return {}
    if not isinstance(data, dict) or not isinstance(data.get(key, []), list):
        lines += [f"{path.name} cannot be read: no list '{key}'", ""]
        return {}
    return data


def report(root: Path) -> tuple[str, int]:
    lines = ["# Translation report", ""]
    glossary = _optional(root / "data" / "glossary.yaml", root, "terms", lines)
    style = _optional(root / "data" / "style.yaml", root, "long_sentences", lines)
    allowed = {(e.get("plan"), e.get("field"), e.get("starts")): e for e in style.get("long_sentences", []) if isinstance(e, dict)}
    used = set()
    total = 0
    over_limit = 0
    for path in sorted((root / "data" / "plans").glob("*.yaml")):
        try:
            doc = load_document(path, root)
        except DataError as exc:
            lines += [f"## {path.name}", "", f"cannot be read: {exc}", ""]
            total += 1
            continue
        missing, same, long = [], [], []
        plan_id = doc.data.get("id", path.stem) if isinstance(doc.data, dict) else path.stem
        for field, text in walk_texts(doc.data):
            en = text.get("en")
            line, _ = doc.where(field + ("en",))
            where = f"{doc.rel}:{line}: {'.'.join(map(str, field))}"
            if not isinstance(en, str) or not en.strip() or en.startswith(PLACEHOLDER_EN):
                missing.append(where)
                continue
            if en.strip() == str(text.get("zh", "")).strip() and CJK.search(en):  # "%" or "2020" rightly stay as they are
                same.append(where)
            for sentence in sent.sentences(en):
                n = sent.words(sentence)
                if n <= sent.LISTED:
                    continue
                key = next((k for k in allowed if k[:2] == (plan_id, field_path(field)) and sentence.startswith(str(k[2]))), None)
                note = ""
                if n > sent.LIMIT:
                    if key:
                        used.add(key)
                        note = " (recorded exception)"
                    else:
                        over_limit += 1
                        note = " (over 80)"
                long.append(f"{plan_id}: {field_path(field)}: {n} words{note}: {sent.opening(sentence)} …")
        rejected = []
        if glossary and isinstance(doc.data, dict):
            paths = {field_path(p): p for p, _ in walk_texts(doc.data)}
            found = [f for f in check_plan(glossary, dict(doc.data, id=plan_id)) if f.kind == "rejected"]
            rejected = [f"{doc.rel}:{doc.where(paths[f.field] + ('en',))[0]}: {f.field}: {f.term}: {f.message}" for f in found]
        count = len(list(walk_texts(doc.data)))
        lines += [f"## {path.stem}", "", f"{count} texts; {len(missing)} without English; {len(same)} with English identical to the Chinese; "
                  f"{len(long)} English sentences over {sent.LISTED} words; {len(rejected)} rejected renderings in use.", ""]
        lines += [f"- missing: {w}" for w in missing] + [f"- same as Chinese: {w}" for w in same]
        lines += [f"- long sentence: {w}" for w in long] + [f"- rejected: {w}" for w in rejected]
        if missing or same or long or rejected:
            lines.append("")
        total += len(missing) + len(same) + len(rejected)
    stale = [k for k in allowed if k not in used]
    lines.append(f"{over_limit} English sentences over {sent.LIMIT} words outside the exceptions recorded in data/style.yaml.")
    lines += [f"- exception no longer applies (no such sentence over {sent.LIMIT} words): {k[0]}: {k[1]}: {k[2]}" for k in stale]
    total += over_limit + len(stale)
    return "\n".join(lines).rstrip() + "\n", total

