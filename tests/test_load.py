"""Stage 1: YAML text to data with positions, and the traps it refuses."""

from __future__ import annotations

import dataclasses
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml

from generator import load
from generator.errors import HandbookError
from generator.load import Document, _syntax_problem, load_file, load_text


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


def test_a_document_without_positions_reports_at_the_start() -> None:
    """Data that did not come from a file (no positions at all) still names a place: 1:1."""
    problem = Document("made.yml", {"joints": []}).problem(("joints", 0, "id"), "a message")
    assert (problem.path, problem.line, problem.col, problem.message) == (
        "made.yml",
        1,
        1,
        "a message",
    )


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
    ("text", "words", "where"),
    [
        ("hold: 1:30", "base 60", (1, 7)),
        ("side: no", "read by YAML as false", (1, 7)),
        ("side: on", "read by YAML as true", (1, 7)),
        ("reps: 010", "leading zero", (1, 7)),
        ("a: 1\na: 2", "duplicate key 'a' (first on line 2)", (2, 1)),
        ("a: !!python/object:os.system x", "!!python/object:os.system", (1, 4)),
        ("a: !!binary aGVsbG8=", "!!binary", (1, 4)),
        ("a: !!set {x}", "!!set", (1, 4)),
        ("<<: {a: 1}", "merge keys", (1, 1)),
        ("a: !!value x", "the tag !!value is not allowed", (1, 4)),
        ("a: !custom {b: 1}", "the tag !custom is not allowed", (1, 4)),
        ("a: !custom [b]", "the tag !custom is not allowed", (1, 4)),
        ("a: !!yaml x", "the tag !!yaml is not allowed", (1, 4)),
        ("? [a, b]\n: c", "plain word", (1, 3)),
    ],
)
def test_traps_are_recorded_not_loaded(text: str, words: str, where: tuple[int, int]) -> None:
    """YAML 1.1 surprises and non-data tags become problems at their position."""
    doc = load_text(f"first: 1\n{text}\nlast: 2")
    assert len(doc.traps) == 1
    _, problem = doc.traps[0]
    assert words in problem.message
    assert (problem.line, problem.col) == (where[0] + 1, where[1])
    # Loading goes on after a trap: the key after it is there.
    assert doc.data["last"] == 2


def test_a_yes_no_word_is_remembered_for_choice_messages() -> None:
    doc = load_text("a: [x, no, y]\nb: Off\nc: true")
    assert doc.booleans == {("a", 1): "no", ("b",): "Off"}
    assert doc.data == {"a": ["x", None, "y"], "b": None, "c": True}


def test_syntax_error_names_line_and_column() -> None:
    """A broken file raises one problem at the place libyaml stopped."""
    with pytest.raises(HandbookError) as info:
        load_text("a:\n  b: [1, 2\n", "exercises.yml")
    (problem,) = info.value.problems
    assert problem.path == "exercises.yml"
    assert (problem.line, problem.col) == (3, 1)
    assert "YAML syntax error" in problem.message


@pytest.mark.parametrize(
    ("text", "where", "fix"),
    [
        ("a: 1\nname Hip\nb: 2\n", (2, 1), "a key is missing its ':'"),
        ("a: 1\nb: 'open\nc: 2\n", (2, 4), "check the indentation and quoting"),
        ("a: 1\nb: c: d\n", (2, 5), "put text that contains ': ' in quotes"),
    ],
)
def test_syntax_error_is_on_the_line_of_the_mistake(
    text: str, where: tuple[int, int], fix: str
) -> None:
    """A missing ':' or an open quote is found by the scanner later; the line to fix is named."""
    with pytest.raises(HandbookError) as info:
        load_text(text)
    (problem,) = info.value.problems
    assert (problem.line, problem.col) == where
    assert fix in problem.message


@pytest.mark.parametrize(
    ("content", "where", "words"),
    [
        (None, (1, 1), "cannot read the file"),
        (b"a: 1\nb: caf\xe9\n", (2, 1), "the file is not UTF-8 text: save it as UTF-8"),
        (b"a: 1\nb: x\x07y\n", (2, 5), "a control character (U+0007) that YAML does not allow"),
    ],
)
def test_load_file_errors_are_problems(
    tmp_path: Path, content: bytes | None, where: tuple[int, int], words: str
) -> None:
    """A missing file, a file that is not UTF-8 and a control character: a message, no traceback."""
    path = tmp_path / "exercises.yml"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(HandbookError) as info:
        load_file(path, "shown.yml")
    (problem,) = info.value.problems
    assert (problem.path, problem.line, problem.col) == ("shown.yml", *where)
    assert words in problem.message


def test_load_file_reads_utf8_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "exercises.yml"
    path.write_bytes("\ufeffname: Café\n".encode())
    doc = load_file(path)
    assert doc.data == {"name": "Café"}
    assert doc.path == str(path)


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


def test_a_syntax_error_without_a_position_is_put_at_the_start() -> None:
    """libyaml always marks its errors; should one come without, it still names a place."""
    problem = _syntax_problem(yaml.MarkedYAMLError(problem="found something odd"), "x.yml")
    assert (problem.path, problem.line, problem.col) == ("x.yml", 1, 1)
    assert problem.message.startswith("YAML syntax error: found something odd: ")


def test_any_other_yaml_error_is_a_problem_at_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """The parser raises only syntax and reader errors today; should it raise another YAML
    error, the editor still gets a message at the file's start, not a traceback."""

    class Failing:
        def __init__(self, text: str) -> None:
            pass

        def get_single_node(self) -> None:
            raise yaml.YAMLError("something odd")

        def dispose(self) -> None:
            pass

    monkeypatch.setattr(load, "_Loader", Failing)
    with pytest.raises(HandbookError) as info:
        load_text("a: 1\n", "x.yml")
    (problem,) = info.value.problems
    assert (problem.path, problem.line, problem.col) == ("x.yml", 1, 1)
    assert problem.message == "YAML error: something odd"


def test_marks_are_values_that_cannot_change() -> None:
    """The preview's reloader keeps the marks of unchanged records from the last document, so
    a mark must be a value no one can move, and equal to a mark of the same place."""
    doc = load_text("a:\n  b: 1\n")
    mark = doc.mark(("a", "b"))
    assert mark == load.Mark(2, 6)
    assert len({mark, load.Mark(2, 6)}) == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        mark.line = 3  # type: ignore[misc]


def test_keys_read_as_numbers_or_yes_no_stay_the_text_written() -> None:
    """`1:`, `no:` and `0.5:` are keys like any other (the checks then name them), not a
    merge key or a trap."""
    doc = load_text("1: a\nno: b\n0.5: c\n")
    assert doc.data == {"1": "a", "no": "b", "0.5": "c"}
    assert doc.traps == []
