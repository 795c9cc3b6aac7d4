"""Random edits of the real data files, of the kinds a maintainer makes by mistake when editing YAML by hand: lines
deleted, duplicated or swapped, values replaced (by dates that do not exist, anchors and aliases, tags, control
characters, very long text, brackets left open, ...), keys misspelt, indentation and tabs changed, files truncated,
bytes that are not UTF-8, nested aliases. Each edit must end in a valid site or in one-line problems
(file:line:column: field: message), soon, and a valid site must not have lost a published address silently.

`mutate` makes one edit from a random source: tests/test_fuzz.py draws it from Hypothesis (a bounded run in the suite);
scripts/fuzz runs it with a seed and a count through the maintainer commands themselves (see main below).
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
ONE_LINE = re.compile(r"^data/[^:\n]+\.yaml:\d+:\d+: \S.*$")  # file:line:column: field: message (field may be absent)

# Values a maintainer might type, paste or leave half-typed; each is YAML text for the place of a value.
VALUES = [
    "", "''", '""', "~", "null", "true", "no", "yes", "0", "-1", "007", "0x1F", "3.5", "1e999", "-.inf", ".nan", "1_000",
    "12345678901234567890123", "9" * 5000,
    "2025-13-45", "2025-02-30", "2021-12-31", "'2025-13-45'", "'2021-02-29'", "2025-12-31T10:00:00", "2021-06", "2021-6-1",
    "&x value", "*x", "*undefined", "&a [1, 2]",
    "!!python/object/apply:os.system ['true']", "!!binary aGVsbG8=", "!!set {a, b}", "!!omap [a: 1]", "!!int abc",
    "!!float x", "!custom 1", "!!str 12", "!!timestamp 2025-13-45", "!!null ''", "! 12",
    '"a\\x07b"', '"\\u0000"', '"line\\nbreak"', '"\\u2028"', '"\\u202eright-to-left"', '"zero\\u200bwidth"', "'\ufeffbom'",
    "a\x01b", "\x1b[31mred", "del\x7f", "next\x85line", "tab\there",
    "'" + "x" * 100_000 + "'", "'" + "长" * 50_000 + "'", "'" + "word " * 20_000 + "'", "x" * 3000,
    "'<script>alert(1)</script>'", "'[^99]'", "'{#x}'", "'*emphasis*'", "'`code`'", "'[link](javascript:alert(1))'",
    "'| a | b |'", "'# heading'", "'<!-- c -->'", "'&amp;'",
    "[]", "{}", "[a, b]", "{zh: 中, en: x}", "[", "{", "'unclosed", '"unclosed', "a: b: c", "- x", "? x", "%TAG", "---",
    "...", "@x", "`x", "|", ">", "<<: {a: 1}",
]
NEAR_MISSES = ["titel", "tittle", "zh ", "en2", "ID", "Id", "themse", "body ", "numbr", "lead_", "rows", "id", "zh", "en"]


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True) or [""]


def _value_line(lines: list[str], rng: random.Random) -> int | None:
    """A line that holds `key: value` (or `- value`), or None."""
    candidates = [i for i, line in enumerate(lines) if re.match(r"^\s*(-\s+)?[\w-]+:\s+\S", line) or re.match(r"^\s*-\s+\S", line)]
    return rng.choice(candidates) if candidates else None


def _new_value(lines: list[str], rng: random.Random) -> str:
    """A value from the pool, another value of the same file, or an ID-like edit of one."""
    choice = rng.randrange(10)
    if choice < 6:
        return rng.choice(VALUES)
    i = _value_line(lines, rng)
    if i is None:
        return rng.choice(VALUES)
    value = re.sub(r"^\s*(-\s+)?([\w-]+:\s+)?", "", lines[i]).rstrip("\n")
    if choice < 8:
        return value
    return value + rng.choice(["b", "1", "-x", ""]) if not value.endswith(("}", "]")) else value[:-1]


def delete_lines(text, rng):
    lines = _lines(text)
    i, n = rng.randrange(len(lines)), rng.randint(1, 3)
    return f"deleted lines {i + 1}-{i + n}", "".join(lines[:i] + lines[i + n:])


def duplicate_lines(text, rng):
    lines = _lines(text)
    i, n = rng.randrange(len(lines)), rng.randint(1, 3)
    return f"duplicated lines {i + 1}-{i + n}", "".join(lines[:i + n] + lines[i:i + n] + lines[i + n:])


def swap_lines(text, rng):
    lines = _lines(text)
    if len(lines) < 2:
        return delete_lines(text, rng)
    i = rng.randrange(len(lines) - 1)
    lines[i], lines[i + 1] = lines[i + 1], lines[i]
    return f"swapped lines {i + 1} and {i + 2}", "".join(lines)


def replace_value(text, rng):
    lines = _lines(text)
    i = _value_line(lines, rng)
    if i is None:
        return insert_line(text, rng)
    value = _new_value(lines, rng)
    m = re.match(r"^(\s*(?:-\s+)?(?:[\w-]+:\s+)?)", lines[i])
    # A flow mapping ({zh: …, en: …}) keeps its other values: one of them is replaced.
    flow = list(re.finditer(r"(?<=[{,]\s)([\w-]+: )([^,{}]+)", lines[i]))
    if flow and rng.randrange(2):
        f = rng.choice(flow)
        new = lines[i][:f.start(2)] + value + lines[i][f.end(2):]
    else:
        new = m.group(1) + value + "\n"
    lines[i] = new
    return f"line {i + 1}: value replaced by {value[:40]!r}", "".join(lines)


def insert_line(text, rng):
    lines = _lines(text)
    i = rng.randrange(len(lines) + 1)
    indent = re.match(r"^\s*", lines[min(i, len(lines) - 1)]).group(0).replace("\n", "")
    key = rng.choice(NEAR_MISSES + ["id", "title", "zh", "en", "date", "x"])
    line = f"{indent}{rng.choice(['', '- '])}{key.strip()}: {_new_value(lines, rng)}\n"
    return f"inserted at line {i + 1}: {line[:50]!r}", "".join(lines[:i] + [line] + lines[i:])


def rename_key(text, rng):
    lines = _lines(text)
    keyed = [i for i, line in enumerate(lines) if re.match(r"^\s*(-\s+)?[\w-]+:", line)]
    if not keyed:
        return insert_line(text, rng)
    i = rng.choice(keyed)
    new = rng.choice(NEAR_MISSES)
    lines[i] = re.sub(r"^(\s*(?:-\s+)?)[\w-]+:", lambda m: m.group(1) + new + ":", lines[i], count=1)
    return f"line {i + 1}: key renamed to {new!r}", "".join(lines)


def truncate(text, rng):
    at = rng.randrange(len(text) + 1)
    return f"truncated at character {at}", text[:at]


def reindent(text, rng):
    lines = _lines(text)
    i, n, by = rng.randrange(len(lines)), rng.randint(1, 5), rng.choice([-4, -2, -1, 1, 2, 3])
    for k in range(i, min(i + n, len(lines))):
        lines[k] = " " * by + lines[k] if by > 0 else re.sub(f"^ {{1,{-by}}}", "", lines[k])
    return f"lines {i + 1}-{i + n} indented by {by}", "".join(lines)


def tabs(text, rng):
    lines = _lines(text)
    i = rng.randrange(len(lines))
    if rng.randrange(2):
        lines[i] = re.sub(r"^( +)", lambda m: "\t" * max(1, len(m.group(1)) // 2), lines[i]) if lines[i].startswith(" ") else "\t" + lines[i]
        return f"line {i + 1}: indentation made of tabs", "".join(lines)
    at = rng.randrange(len(lines[i]) + 1)
    lines[i] = lines[i][:at] + "\t" + lines[i][at:]
    return f"line {i + 1}: a tab inserted at column {at + 1}", "".join(lines)


def special(text, rng):
    """Larger mistakes: nested aliases, very deep nesting, a second document, a huge line or key, an open bracket."""
    kind = rng.randrange(6)
    if kind == 0:
        bomb = ["x_a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for prev, name in zip("abcdefgh", "bcdefghi"):
            bomb.append(f"x_{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
        return "nested aliases appended", text.rstrip("\n") + "\n" + "\n".join(bomb) + "\n"
    if kind == 1:
        depth = rng.choice([50, 1000, 100_000])
        return f"a value nested {depth} deep appended", text.rstrip("\n") + "\nx_deep: " + "[" * depth + "]" * depth + "\n"
    if kind == 2:
        return "a second document appended", text.rstrip("\n") + "\n---\nother: document\n"
    lines = _lines(text)
    i = rng.randrange(len(lines))
    if kind == 3:
        return f"line {i + 1}: a line of 200,000 characters inserted", "".join(lines[:i] + ["  " + "y" * 200_000 + "\n"] + lines[i:])
    if kind == 4:
        return f"line {i + 1}: a key of 2,000 characters inserted", "".join(lines[:i] + ["k" * 2000 + ": v\n"] + lines[i:])
    at = rng.randrange(len(lines[i]) + 1)
    opener = rng.choice(["[", "{", "'", '"', "]", "}", ": ", " #", "&", "*", "!", "|", "%", "@"])
    lines[i] = lines[i][:at] + opener + lines[i][at:]
    return f"line {i + 1}: {opener!r} inserted at column {at + 1}", "".join(lines)


def bytes_edit(text, rng):
    """Bytes that are not UTF-8 (a file saved in GBK, a stray byte); returns bytes."""
    data = text.encode("utf-8")
    at = rng.randrange(len(data) + 1)
    junk = rng.choice([b"\xff", b"\xc4\xcf\xc9\xb3", b"\xe4\xb8", b"\x00", "南沙".encode("gb18030")])
    return f"byte(s) {junk!r} inserted at byte {at}", data[:at] + junk + data[at:]


KINDS = [delete_lines, duplicate_lines, swap_lines, replace_value, replace_value, replace_value, insert_line, rename_key,
         truncate, reindent, tabs, special, bytes_edit]


def mutate(text: str, rng: random.Random) -> tuple[str, bytes]:
    """One random edit of a YAML file's text: (what was done, the file's new bytes)."""
    kind = rng.choice(KINDS)
    what, new = kind(text, rng)
    return f"{kind.__name__}: {what}", new if isinstance(new, bytes) else new.encode("utf-8")


def data_files(root: Path) -> list[Path]:
    return sorted((root / "data").rglob("*.yaml"))


def anchors_in(path: Path, data: bytes) -> set[str]:
    """What a file gives the site's published addresses, read by PyYAML's loader with libyaml (the parser the site
    uses, not its loader): the IDs of plans, their parts and items, themes and agencies, and the Chinese of glossary
    terms. Empty if it does not parse."""
    try:
        value = yaml.load(data.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except Exception:
        return set()
    out: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                out.add(node["id"])
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    if path.name == "glossary.yaml" and isinstance(value, dict):
        return {str(t.get("zh")) for t in value.get("terms") or [] if isinstance(t, dict)}
    if path.parent.name == "plans" or path.name in ("themes.yaml", "agencies.yaml", "concepts.yaml", "sources.yaml"):
        walk(value)
    return out


def classify(returncode: int, stdout: str, stderr: str) -> str:
    """The outcome of one run of scripts/validate: valid, errors (one-line problems only, and a count), traceback, or
    other (anything else, e.g. a problem not given on one line)."""
    if "Traceback (most recent call last)" in stdout + stderr:
        return "traceback"
    if returncode == 0:
        return "valid"
    lines = [line for line in stderr.splitlines() if not re.fullmatch(r"\d+ problem\(s\) in data/", line)]
    return "errors" if lines and all(ONE_LINE.match(line) for line in lines) else "other"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--count", type=int, default=200, help="number of edits (default 200)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds after which a command counts as hung (default 10)")
    parser.add_argument("--build", action="store_true", help="also build the site (mkdocs build --strict) after each accepted edit")
    parser.add_argument("--verbose", action="store_true", help="print every edit and its outcome")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    counts: Counter = Counter()
    failures: list[str] = []
    python = str(ROOT / ".venv/bin/python")
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        repo = Path(tmp) / "repo"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(repo / "hooks"))
        for name in ("data", "docs", "hooks", "scripts"):
            shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__", ".gitignore"))
        shutil.copyfile(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
        files = data_files(repo)
        originals = {path: path.read_bytes() for path in files}
        started = time.monotonic()
        for case in range(1, args.count + 1):
            path = rng.choice(files)
            what, new = mutate(originals[path].decode("utf-8"), rng)
            rel = path.relative_to(repo).as_posix()
            path.write_bytes(new)
            outcome, seconds, detail = _run([python, "-m", "plansite", "validate"], repo, env, args.timeout)
            if outcome == "valid":
                lost = anchors_in(path, originals[path]) - anchors_in(path, new)
                if lost:
                    outcome, detail = "silent link loss", f"lost {sorted(lost)[:5]}"
                elif args.build:
                    built, _, detail = _run([python, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(Path(tmp) / "site")], repo, env, args.timeout * 6)
                    outcome = "valid" if built == "valid" else f"build: {built if built in ('hang', 'traceback') else 'failed'}"
            counts[outcome] += 1
            line = f"{case:4d} {outcome:16s} {seconds:5.2f}s {rel}: {what}"
            if args.verbose:
                print(line + (f"\n       {detail}" if detail else ""), flush=True)
            if outcome not in ("valid", "errors"):
                failures.append(line + f"\n       {detail}")
            # Back to the original data; the published record too (a valid run may have added to it).
            for other in files:
                if other.read_bytes() != originals[other]:
                    other.write_bytes(originals[other])
        elapsed = time.monotonic() - started
    print(f"seed {args.seed}: {args.count} edits in {elapsed:.0f} s: " + ", ".join(f"{n} {k}" for k, n in counts.most_common()))
    for failure in failures:
        print("FAILED " + failure)
    return 1 if failures else 0


def _run(command: list[str], cwd: Path, env: dict, timeout: float) -> tuple[str, float, str]:
    started = time.monotonic()
    try:
        result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "hang", time.monotonic() - started, f"no answer after {timeout:g} s"
    seconds = time.monotonic() - started
    outcome = classify(result.returncode, result.stdout, result.stderr)
    detail = "" if outcome in ("valid", "errors") else (result.stdout + result.stderr)[-2000:]
    return outcome, seconds, detail


if __name__ == "__main__":
    sys.exit(main())
