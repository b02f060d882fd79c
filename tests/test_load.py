"""Stage 1: YAML text to data with positions, and the traps it refuses."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from generator.errors import HandbookError
from generator.load import load_text


def test_values_and_keys_have_one_based_positions() -> None:
    """Positions point at the value, or at the key when asked, counting from 1."""
    doc = load_text("joints:\n  - id: hip\n    name: Hip\n")
    assert doc.data == {"joints": [{"id": "hip", "name": "Hip"}]}
    assert doc.mark(("joints", 0, "name")) == doc.values[("joints", 0, "name")]
    assert (doc.mark(("joints", 0, "name")).line, doc.mark(("joints", 0, "name")).col) == (3, 11)
    key = doc.mark(("joints", 0, "name"), key=True)
    assert (key.line, key.col) == (3, 5)


def test_unknown_location_falls_back_to_nearest_parent() -> None:
    """A missing field is reported where its record starts."""
    doc = load_text("joints:\n  - id: hip\n")
    mark = doc.mark(("joints", 0, "summary"))
    assert (mark.line, mark.col) == (2, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hold: 30", 30),
        ("hold: '1:30'", "1:30"),
        ("side: 'no'", "no"),
        ("flag: true", True),
        ("ratio: 1.5", 1.5),
        ("nothing: ~", None),
        ("day: 2024-01-01", "2024-01-01"),
    ],
)
def test_plain_scalars_keep_their_meaning(text: str, expected: object) -> None:
    """Ordinary values load as written; quoted values are always text."""
    (value,) = load_text(text).data.values()
    assert value == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("hold: 1:30", "base 60"),
        ("side: no", "read by YAML as false"),
        ("side: on", "read by YAML as true"),
        ("reps: 010", "leading zero"),
        ("a: 1\na: 2", "duplicate key 'a'"),
        ("a: !!python/object:os.system x", "!!python/object:os.system"),
        ("a: !!binary aGVsbG8=", "!!binary"),
        ("a: !!set {x}", "!!set"),
        ("<<: {a: 1}", "merge keys"),
        ("? [a, b]\n: c", "plain word"),
    ],
)
def test_traps_are_recorded_not_loaded(text: str, words: str) -> None:
    """YAML 1.1 surprises and non-data tags become problems at their position."""
    doc = load_text(text)
    assert len(doc.traps) == 1
    _, problem = doc.traps[0]
    assert words in problem.message
    assert problem.line >= 1


def test_syntax_error_names_line_and_column() -> None:
    """A broken file raises one problem at the place libyaml stopped."""
    with pytest.raises(HandbookError) as info:
        load_text("a:\n  b: [1, 2\n", "exercises.yml")
    (problem,) = info.value.problems
    assert problem.path == "exercises.yml"
    assert problem.line == 3
    assert "YAML syntax error" in problem.message


def test_alias_bomb_fails_fast_in_bounded_memory() -> None:
    """A "billion laughs" file stops with a clear message, in well under a second here."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    tracemalloc.start()
    start = time.process_time()
    with pytest.raises(HandbookError) as info:
        load_text("\n".join(lines))
    cpu = time.process_time() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "aliases" in info.value.problems[0].message
    # Generous bounds: the point is "not exponential", not speed (that lives in `make bench`).
    assert cpu < 10
    assert peak < 50 * 1024 * 1024


def test_recursive_alias_is_a_problem_not_a_hang() -> None:
    """An anchor that contains itself is reported instead of recursing forever."""
    doc = load_text("a: &a [1, *a]")
    assert any("refers to itself" in p.message for _, p in doc.traps)


def test_a_few_aliases_are_fine() -> None:
    """Ordinary anchors and aliases still work."""
    doc = load_text("base: &d {sets: 2}\nother: *d\n")
    assert doc.data["other"] == {"sets": 2}
