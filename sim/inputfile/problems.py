"""Problems with an input file, as ``FILE:LINE: key: message`` lines, and how values and
locations are shown in them."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

OVERRIDE_SOURCE = "--set"
"""File name used in problems caused by a command-line override."""

Loc = tuple[str | int, ...]
Origin = tuple[str, int]  # (file, 1-based line; 0 = no line)


class Problem(NamedTuple):
    """One thing wrong with an input file, pointing at the line to fix.

    A problem on the command line (`file` is an option such as ``--set`` or ``--days``)
    has no line: it reads ``--set weather.days=-5: message`` or ``--days: message``; nor
    has one of a whole file (line 0): ``s.yaml: file not found``.
    """

    file: str
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        if is_option(self.file):
            return self.file + (f" {self.key}" if self.key else "") + ": " + self.message
        where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "  # 0: no line
        return where + (f"{self.key}: " if self.key else "") + self.message


def is_option(source: str) -> bool:
    """Whether a problem's source is a command-line option (``--set``), not a file."""
    return source.startswith("--")


class InputFileError(Exception):
    """An input file (or override) cannot be used; holds every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def check_options(checks: Iterable[tuple[bool, str, str]]) -> None:
    """Refuse bad command-line values: raise InputFileError naming each option whose check
    failed. `checks` holds (failed, option, message), e.g. (n < 1, "--seasons", "must be >= 1")."""
    problems = [Problem(option, 0, "", message) for failed, option, message in checks if failed]
    if problems:
        raise InputFileError(problems)


_PLAIN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), plain)
    for pattern, plain in (
        (r"^Input should be greater than or equal to ", "must be >= "),
        (r"^Input should be greater than ", "must be > "),
        (r"^Input should be less than or equal to ", "must be <= "),
        (r"^Input should be less than ", "must be < "),
        (r"^Input should be a valid integer.*", "must be a whole number"),
        (r"^Input should be a valid number.*", "must be a number"),
        (r"^Input should be a valid boolean.*", "must be true or false"),
        (r"^Input should be a valid string.*", "must be text"),
        (r"^Input should be a valid list.*", "must be a list, e.g. [a, b]"),
        (r"^Input should be a mapping of keys.*", "must be a mapping, e.g. {key: value}"),
        (r"^Input should be a finite number.*", "must be a finite number (not NaN or infinity)"),
        (r"^Input should be ", "must be "),
        (r" \(got [^()]*\)$", ""),  # the value is shown with the key: --set key=VALUE
    )
)


def plain_words(message: str) -> str:
    """Pydantic's wording of a bad value as a person reads it on the command line:
    ``Input should be greater than or equal to 1 (got -5)`` -> ``must be >= 1``."""
    for pattern, plain in _PLAIN:
        message = pattern.sub(plain, message, count=1)
    return message


def as_given(problems: Iterable[Problem], given: Mapping[str, str]) -> list[Problem]:
    """Problems of overrides as the person typed them: ``--set weather.days=-5: must be >= 1``.

    ``given`` maps each override's dotted key to its text (``weather.days=-5``); a problem
    below a key set as a whole (``--set weather={days: -5}``) names the key inside it.
    """
    out = []
    for p in problems:
        if p.file != OVERRIDE_SOURCE:
            out.append(p)
            continue
        set_key = next((k for k in given if p.key == k or p.key.startswith(k + ".")), None)
        message = plain_words(p.message)
        if set_key is None:
            out.append(p._replace(message=message))
            continue
        inner = p.key[len(set_key) + 1 :]
        out.append(
            p._replace(key=given[set_key], message=f"{inner}: {message}" if inner else message)
        )
    return out


class RejectError(Exception):
    """Internal: stop reading at the first structural problem of a document."""

    def __init__(self, line: int, message: str, key: str = "") -> None:
        super().__init__(message)
        self.line, self.message, self.key = line, message, key


def describe(value: object) -> str:
    """Short YAML-ish rendering of a value for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, int):
        text = str(value) if value.bit_length() < 200 else "a huge integer"
        return text
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def dotted_path(loc: Loc) -> str:
    """``a.b.0.c`` for a location; unprintable characters are escaped (terminal safety)."""
    text = ".".join(str(part) for part in loc)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
