"""Reading the YAML files of data/ into Python values, keeping the line and column of every value.

The values are built from libyaml's event stream, not from composed nodes: that keeps the marks, and it lets the loader
refuse what data files never need (anchors and aliases, tags, a second document, deep nesting) before it costs any time.
A composer expands aliases, which is how a few lines of nested aliases grow into billions of values; here each alias is
one error. Every defect, a date that does not exist included, becomes a Problem naming file, line and column.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import DataError, Problem, field_path, shown


@dataclass
class Document:
    """One YAML file: its data and where each value stands in it."""

    path: Path
    rel: str  # path as shown in messages
    data: object
    marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)  # of values
    key_marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)  # of mapping keys
    stamp: tuple[int, int] = (0, 0)  # the file's modification time (ns) and size when it was read

    def where(self, path: tuple) -> tuple[int, int]:
        """Line and column of the value at path, or of its nearest existing parent."""
        path = tuple(path)
        while path not in self.marks and path:
            path = path[:-1]
        return self.key_marks.get(path) or self.marks.get(path, (1, 1))

    def problem(self, path, message: str) -> Problem:
        line, col = self.where(path)
        return Problem(self.rel, line, col, field_path(path), message)


# libyaml's parser when PyYAML was built with it (much faster); both keep line and column marks.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 40  # the plans nest about a dozen levels; far deeper is a mistake (and would exhaust the stack later)
MAX_INT = 2**53  # beyond this a whole number cannot be written exactly in the open data's JSON
MAX_TEXT = 20_000  # characters in one value; the longest paragraph of the plans has about 5,300
# Characters no text of the site should hold: control characters (line breaks and tabs aside), which a double-quoted
# value can spell ("\u0000"), and invisible format characters (zero-width, direction overrides, a stray BOM).
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2028\u2029"
                       "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]")
_TAG = "tag:yaml.org,2002:"
_SKIP = object()  # the key of a mapping entry that is left out (a key that is not text, or given twice)
_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _mark(event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


class _Open:
    """A mapping or sequence whose events are being read."""

    __slots__ = ("value", "path", "kept", "key", "has_key", "key_mark")

    def __init__(self, value, path: tuple, kept: bool):
        self.value, self.path, self.kept = value, path, kept  # kept: its marks are recorded (not under a left-out key)
        self.key, self.has_key, self.key_mark = None, False, (1, 1)


class _Builder:
    def __init__(self, loader, doc: Document, problems: list[Problem]):
        self.loader, self.doc, self.problems = loader, doc, problems
        self.aliases: set[str] = set()  # reported once each: nested aliases can be used thousands of times

    def report(self, where: tuple[int, int], path: tuple, message: str) -> None:
        self.problems.append(Problem(self.doc.rel, where[0], where[1], field_path(path), message))

    def value(self):
        """The document's value, from its first event to its last, without recursion."""
        stack: list[_Open] = []
        while True:
            event = self.loader.get_event()
            if isinstance(event, _ENDS):
                value = stack.pop().value
            else:
                top = stack[-1] if stack else None
                as_key = top is not None and isinstance(top.value, dict) and not top.has_key
                if as_key:
                    top.key_mark = _mark(event)
                    path, kept = top.path, False
                elif top is None:
                    path, kept = (), True
                elif isinstance(top.value, list):
                    path, kept = top.path + (len(top.value),), top.kept
                else:
                    path, kept = top.path + ((top.key,) if top.key is not _SKIP else ()), top.kept and top.key is not _SKIP
                if isinstance(event, yaml.AliasEvent):
                    if event.anchor not in self.aliases:
                        self.aliases.add(event.anchor)
                        self.report(_mark(event), path, f"alias *{event.anchor} is not allowed in data files: write the value out in full")
                    value = None
                else:
                    if event.anchor is not None:
                        self.report(_mark(event), path, f"anchor &{event.anchor} is not allowed in data files: remove it")
                    if event.tag is not None:
                        tag = "!!" + event.tag[len(_TAG):] if event.tag.startswith(_TAG) else event.tag
                        tag = tag if len(tag) <= 40 else tag[:39] + "…"
                        self.report(_mark(event), path, f"tag {tag} is not allowed in data files: remove it (quote a value to make it text)")
                    if kept:
                        self.doc.marks[path] = _mark(event)
                    if isinstance(event, yaml.ScalarEvent):
                        value = self.scalar(event, path)
                    else:
                        if len(stack) >= MAX_DEPTH:
                            self.report(_mark(event), path, f"nested more than {MAX_DEPTH} levels deep: check the indentation and brackets")
                            raise DataError(self.problems)
                        stack.append(_Open({} if isinstance(event, yaml.MappingStartEvent) else [], path, kept))
                        continue
            if not stack:
                return value
            top = stack[-1]
            if isinstance(top.value, list):
                top.value.append(value)
            elif not top.has_key:
                top.key, top.has_key = self.key(value, top), True
            else:
                if top.key is not _SKIP:
                    top.value[top.key] = value
                top.has_key = False

    def key(self, key, mapping: _Open):
        if not isinstance(key, str):
            self.report(mapping.key_mark, mapping.path, f"key {shown(key)} is not text: quote it or correct it")
            return _SKIP
        path = mapping.path + (key,)
        if key in mapping.value:
            first = self.doc.key_marks.get(path)
            self.report(mapping.key_mark, path, "duplicate key" + (f" (first given on line {first[0]})" if first else ""))
            return _SKIP
        if mapping.kept:
            self.doc.key_marks[path] = mapping.key_mark
        return key

    def scalar(self, event, path: tuple):
        tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        kind = tag[len(_TAG):] if tag.startswith(_TAG) else "str"
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            if kind == "null":
                return None
            if kind == "bool":
                return self.loader.construct_yaml_bool(node)
            if kind == "int":
                number = self.loader.construct_yaml_int(node)
                if abs(number) > MAX_INT:
                    self.report(_mark(event), path, f"{shown(event.value)} is too large a number (at most {MAX_INT})")
                return number
            if kind == "float":
                number = self.loader.construct_yaml_float(node)
                if not math.isfinite(number):
                    self.report(_mark(event), path, f"{shown(event.value)} is not a finite number")
                return number
            if kind == "timestamp":  # kept in its text form (2021-12-31), once it is known to be a real date
                return self.loader.construct_yaml_timestamp(node).isoformat()
        except ValueError as exc:  # 2025-13-45; a number of thousands of digits
            what = "a real date" if kind == "timestamp" else "a number"
            self.report(_mark(event), path, f"{shown(event.value)} is not {what} ({exc})")
            return None
        if kind == "merge":
            self.report(_mark(event), path, "merge keys (<<) are not allowed in data files: write the entries out in full")
        return self.text(event, path)

    def text(self, event, path: tuple) -> str:
        value = event.value
        if len(value) > MAX_TEXT:
            self.report(_mark(event), path, f"is {len(value):,} characters long (at most {MAX_TEXT:,}): check what was pasted")
        if found := INVISIBLE.search(value):
            char = found.group(0)
            name = unicodedata.name(char, "a control character")
            self.report(_mark(event), path, f"contains U+{ord(char):04X} ({name}) at character {found.start() + 1}: remove it")
        return value


def _position(text: str, offset: int) -> tuple[int, int]:
    """Line and column of libyaml's offset, which counts the bytes of the text in UTF-8."""
    before = text.encode("utf-8")[:offset].decode("utf-8", "replace")
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def shown_path(path: Path, root: Path) -> str:
    """A file's path as messages show it: under root when it is there."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def load_document(path: Path, root: Path, raw: bytes | None = None) -> Document:
    """Parse one YAML file (its bytes, when the caller has read them already); raise DataError naming file and line
    on any defect."""
    rel = shown_path(path, root)
    stat = path.stat()
    if raw is None:
        raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataError([Problem(rel, line, col, "", f"file is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8")]) from None
    doc = Document(path, rel, None, stamp=(stat.st_mtime_ns, stat.st_size))
    problems: list[Problem] = []
    loader = Loader(text)
    try:
        loader.get_event()  # the stream's start
        if loader.check_event(yaml.StreamEndEvent):
            raise DataError([Problem(rel, 1, 1, "", "file is empty")])
        loader.get_event()  # the document's start
        doc.data = _Builder(loader, doc, problems).value()
        loader.get_event()  # the document's end
        if not loader.check_event(yaml.StreamEndEvent):
            line, col = _mark(loader.peek_event())
            problems.append(Problem(rel, line, col, "", "a second YAML document (after ---): a data file holds one"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(x for x in (exc.context, exc.problem) if x)
        problems.append(Problem(rel, line, col, "", f"YAML syntax error: {what}"))
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (control characters)
        line, col = _position(text, exc.position)
        problems.append(Problem(rel, line, col, "", f"character U+{exc.character:04X} is not allowed in YAML: remove it"))
    finally:
        loader.dispose()
    if problems:
        raise DataError(problems)
    return doc
