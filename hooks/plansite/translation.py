"""The translation report: which fields of which plan lack English, or have English identical to the Chinese.

It reads the YAML without the schema, so that it also works on plans that do not validate yet."""
from __future__ import annotations

from pathlib import Path

from .load import load_document
from .problems import DataError
from .validate import CJK, PLACEHOLDER_EN, walk_texts


def report(root: Path) -> tuple[str, int]:
    lines = ["# Translation report", ""]
    total = 0
    for path in sorted((root / "data" / "plans").glob("*.yaml")):
        try:
            doc = load_document(path, root)
        except DataError as exc:
            lines += [f"## {path.name}", "", f"cannot be read: {exc}", ""]
            total += 1
            continue
        missing, same = [], []
        for field, text in walk_texts(doc.data):
            en = text.get("en")
            line, _ = doc.where(field + ("en",))
            where = f"{doc.rel}:{line}: {'.'.join(map(str, field))}"
            if not isinstance(en, str) or not en.strip() or en.startswith(PLACEHOLDER_EN):
                missing.append(where)
            elif en.strip() == str(text.get("zh", "")).strip() and CJK.search(en):  # "%" or "2020" rightly stay as they are
                same.append(where)
        count = len(list(walk_texts(doc.data)))
        lines += [f"## {path.stem}", "", f"{count} texts; {len(missing)} without English; {len(same)} with English identical to the Chinese.", ""]
        lines += [f"- missing: {w}" for w in missing] + [f"- same as Chinese: {w}" for w in same]
        if missing or same:
            lines.append("")
        total += len(missing) + len(same)
    return "\n".join(lines).rstrip() + "\n", total
