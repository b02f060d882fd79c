"""The one error type of the handbook: a list of problems, each pinned to `file:line:col`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is: errors stop the build, warnings stop it only with `--strict`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, at a place in a file, with what to write instead."""

    path: str
    line: int
    col: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        prefix = "" if self.severity is Severity.ERROR else f"{self.severity.value}: "
        return f"{self.path}:{self.line}:{self.col}: {prefix}{self.message}"


class HandbookError(Exception):
    """Bad input data. Carries every problem found, so an editor can fix them all at once."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.col, p.message))
        super().__init__(self.report())

    def report(self) -> str:
        """All problems, one per line, in file order."""
        return report(self.problems)


def report(problems: Iterable[Problem]) -> str:
    """Problems one per line, as `file:line:col: message`."""
    return "\n".join(str(p) for p in problems)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ` Did you mean 'x'?` suffix naming the closest choice, or an empty string."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" Did you mean '{matches[0]}'?" if matches else ""


def one_of(choices: Iterable[str]) -> str:
    """`'a', 'b' or 'c'` for messages that list the allowed values."""
    quoted = [f"'{c}'" for c in choices]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]
