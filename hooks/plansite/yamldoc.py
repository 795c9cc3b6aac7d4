"""Reading the YAML files of data/ into Python values, keeping the line and column of every value."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import DataError, Problem, field_path


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


def _mark(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _build(loader, node, path, doc: Document, problems: list[Problem]):
    doc.marks[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            if not isinstance(key, str):
                line, col = _mark(key_node)
                problems.append(Problem(doc.rel, line, col, field_path(path), f"key {key!r} is not a string"))
                key = str(key)
            if key in out:
                line, col = _mark(key_node)
                first = doc.key_marks[path + (key,)][0]
                problems.append(Problem(doc.rel, line, col, field_path(path + (key,)), f"duplicate key (first given on line {first})"))
                continue
            doc.key_marks[path + (key,)] = _mark(key_node)
            out[key] = _build(loader, value_node, path + (key,), doc, problems)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, path + (i,), doc, problems) for i, item in enumerate(node.value)]
    value = loader.construct_object(node)
    if isinstance(value, (datetime.date, datetime.datetime)):  # YAML timestamps: keep the text form (2021-12-31)
        return value.isoformat()
    return value


def load_document(path: Path, root: Path) -> Document:
    """Parse one YAML file; raise DataError naming file and line on any defect."""
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    stat = path.stat()
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataError([Problem(rel, line, col, "", f"file is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8")]) from None
    doc = Document(path, rel, None, stamp=(stat.st_mtime_ns, stat.st_size))
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise DataError([Problem(rel, 1, 1, "", "file is empty")])
        problems: list[Problem] = []
        doc.data = _build(loader, node, (), doc, problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(x for x in (exc.context, exc.problem) if x)
        raise DataError([Problem(rel, line, col, "", f"YAML syntax error: {what}")]) from None
    finally:
        loader.dispose()
    if problems:
        raise DataError(problems)
    return doc
