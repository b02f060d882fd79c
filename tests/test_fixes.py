"""Messages whose fix works: a replacement a message suggests, applied to its golden case,
makes that rule pass.

Each suggestion a message can make is a pattern here with the edit it asks for. The test runs
every case in `tests/cases/`, applies each suggested edit at the reported line and column,
checks the file again and asserts that the problem is gone from that line and that no new one
took its place (a fix that only trades one message for the next is no fix). A last test makes
sure every pattern is met by some case, so a suggestion cannot lose its golden case.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.errors import Problem
from generator.validate import check

CASES = Path(__file__).parent / "cases"
NAMES = sorted(p.stem for p in CASES.glob("*.yml"))

Edit = Callable[[re.Match[str], str, int], str]
"""(match in the message, the line, 0-based column) → the line with the suggestion applied."""

# A token as an editor sees it at a column: a quoted string, a tag, or a plain word.
_PLAIN = r"(?:[^\s,\[\]{}:#]|:(?!\s))+"
TOKEN = re.compile(rf'"[^"]*"|\'[^\']*\'|!\S+|{_PLAIN}(?: {_PLAIN})*')


def replace_token(line: str, col: int, new: str) -> str:
    """`line` with the token starting at `col` replaced by `new`."""
    match = TOKEN.match(line, col)
    assert match, (line, col)
    end = match.end() + (1 if new == "" and line[match.end() : match.end() + 1] == " " else 0)
    return line[:col] + new + line[end:]


def token(line: str, col: int) -> str:
    match = TOKEN.match(line, col)
    assert match, (line, col)
    return match.group()


@dataclass(frozen=True)
class Suggestion:
    """Words of a message that suggest an edit, and that edit."""

    name: str
    pattern: re.Pattern[str]
    edit: Edit


def _quote_value(line: str) -> str:
    key, value = line.split(": ", 1)
    return f'{key}: "{value}"'


SUGGESTIONS = (
    Suggestion(
        "did you mean",
        re.compile(r"Did you mean '([^']*)'\?"),
        lambda m, line, col: replace_token(line, col, m[1]),
    ),
    Suggestion(
        "one of the choices",
        re.compile(r"write '([^']*)'(?:, '[^']*')* or '[^']*'\.$"),
        lambda m, line, col: replace_token(line, col, m[1]),
    ),
    Suggestion(
        "the word in quotes",
        re.compile(r'write "([^"]*)" in quotes'),
        lambda m, line, col: replace_token(line, col, f'"{m[1]}"'),
    ),
    Suggestion(
        "a bound",
        re.compile(r"write at (?:least|most) (\d+)$"),
        lambda m, line, col: replace_token(line, col, m[1]),
    ),
    Suggestion(
        "a time with its unit",
        re.compile(r"write a time with its unit, such as '([^']*)'"),
        lambda m, line, col: replace_token(line, col, m[1]),
    ),
    Suggestion(
        "whole seconds",
        re.compile(r"write whole seconds \((\d+)\)"),
        lambda m, line, col: replace_token(line, col, m[1]),
    ),
    Suggestion(
        "a number of repetitions",
        re.compile(r"write (\d+) or a range"),
        lambda m, line, col: replace_token(line, col, m[1]),
    ),
    Suggestion(
        "no leading zero",
        re.compile(r"write it without the leading zero"),
        lambda m, line, col: replace_token(line, col, token(line, col).lstrip("0") or "0"),
    ),
    Suggestion(
        "put it in quotes",
        re.compile(r"expected text but received .*: put it in quotes"),
        lambda m, line, col: replace_token(line, col, f'"{token(line, col)}"'),
    ),
    Suggestion(
        "remove the tag",
        re.compile(r"the tag (\S+) is not allowed: remove it"),
        lambda m, line, col: replace_token(line, col, ""),
    ),
    Suggestion(
        "quote text with ': '",
        re.compile(r"put text that contains ': ' in quotes"),
        lambda m, line, col: _quote_value(line),
    ),
    Suggestion(
        "spaces, not tabs",
        re.compile(r"indent with spaces, not tabs"),
        lambda m, line, col: line.replace("\t", "    "),
    ),
    Suggestion(
        "the missing ':'",
        re.compile(r"a key is missing its ':'"),
        lambda m, line, col: re.sub(r"^(\s*[\w-]+) ", r"\1: ", line, count=1),
    ),
)


def problems_of(path: Path) -> list[Problem]:
    return check(path, CASES / "content", path.name)[1]


def fixes(name: str) -> list[tuple[Problem, Suggestion, re.Match[str]]]:
    """Each problem of a case that suggests an edit, with the suggestion that matches it."""
    found = []
    for problem in problems_of(CASES / f"{name}.yml"):
        for suggestion in SUGGESTIONS:
            match = suggestion.pattern.search(problem.message)
            if match:
                found.append((problem, suggestion, match))
                break
    return found


@pytest.mark.parametrize("name", NAMES)
def test_each_suggested_fix_makes_its_rule_pass(name: str, tmp_path: Path) -> None:
    for problem, suggestion, match in fixes(name):
        lines = (CASES / f"{name}.yml").read_text("utf-8").split("\n")
        before = lines[problem.line - 1]
        lines[problem.line - 1] = suggestion.edit(match, before, problem.col - 1)
        assert lines[problem.line - 1] != before, (suggestion.name, before)
        fixed = tmp_path / f"{name}.yml"
        fixed.write_text("\n".join(lines), "utf-8")
        there = {p.message for p in problems_of(CASES / f"{name}.yml") if p.line == problem.line}
        after = [
            p
            for p in problems_of(fixed)
            if p.line == problem.line and (p.message not in there or p.message == problem.message)
        ]
        assert after == [], f"{suggestion.name}: {before!r} → {lines[problem.line - 1]!r}"


def test_every_suggestion_has_a_golden_case() -> None:
    """A pattern no case meets would let its message's fix go untested."""
    met = {suggestion.name for name in NAMES for _, suggestion, _ in fixes(name)}
    assert met == {s.name for s in SUGGESTIONS}
