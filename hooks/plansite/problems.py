"""The one error type of the data pipeline: a list of problems, each pointing at file, line and field."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

# Characters that would break a message over lines or hide in it: control characters and Unicode's line separators.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """text with line breaks and other control characters written as escapes (\\n, \\x01)."""
    return _UNPRINTABLE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def shown(value, limit: int = 60) -> str:
    """A value as a message quotes it: repr, cut to about `limit` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        """One line, whatever the field or message holds."""
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return one_line(text)


class DataError(Exception):
    """Raised with every problem found; str() gives one line per problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(map(str, self.problems)))


def field_path(path) -> str:
    """('chapters', 0, 'title', 'en') -> 'chapters[0].title.en'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            part = part if len(part) <= 60 else part[:59] + "…"
            out += f".{part}" if out else part
    return out


def suggest(name: str, known) -> str:
    """' (did you mean 'x'?)' for the known name closest to a misspelt one, or nothing."""
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""
