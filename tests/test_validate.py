"""Validation against the files on disk: media must be real files inside content/."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.errors import HandbookError
from generator.load import load_text
from generator.validate import SECTIONS, _data_at, validate

HANDBOOK = """\
joints:
  - {id: hip, name: Hip, need: both, order: 1, summary: A joint.}
exercises:
  - id: bridge
    name: Bridge
    joints: [hip]
    goal: strengthen
    method: strength
    position: lying
    level: beginner
    summary: Lift the hips.
    steps: [Lift.]
    media:
      - {image: images/bridge.svg, alt: A bridge., credit: The clinic, license: CC BY 4.0}
"""


def test_an_image_that_links_outside_content_is_refused(tmp_path: Path) -> None:
    """A symbolic link under content/ to a file elsewhere would copy that file to the site."""
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the web")
    images = tmp_path / "content" / "images"
    images.mkdir(parents=True)
    (images / "bridge.svg").symlink_to(secret)
    with pytest.raises(HandbookError) as info:
        validate(load_text(HANDBOOK), tmp_path / "content")
    (problem,) = info.value.problems
    assert (problem.line, problem.col) == (14, 17)
    assert problem.message.startswith(
        "exercise 'bridge', 'media item 1 > image': 'images/bridge.svg' is a link to a file "
        "outside content/"
    )


def test_an_image_inside_content_is_accepted(tmp_path: Path) -> None:
    """The same record with a real file in content/images/ validates."""
    images = tmp_path / "content" / "images"
    images.mkdir(parents=True)
    (images / "bridge.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    handbook = validate(load_text(HANDBOOK), tmp_path / "content")
    assert handbook.exercises[0].media[0].image == "images/bridge.svg"


def test_data_at_finds_a_loaded_value_or_none() -> None:
    """The value at a location of the loaded data, None past the end of a list or a mapping."""
    data = {"a": [{"b": 1}, 2]}
    assert _data_at(data, ("a", 0, "b")) == 1
    assert _data_at(data, ("a", 1)) == 2
    assert _data_at(data, ("a", 2)) is None
    assert _data_at(data, ("a", 5)) is None
    assert _data_at(data, ("a", "b")) is None
    assert _data_at(data, ("c",)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A trap outside any record keeps the loader's message as it is.
        ("extra: [no]\n", "exercises.yml:1:9: 'no' is read by YAML as false"),
        ("joints: !!set {a}\n", "exercises.yml:1:9: the tag !!set is not allowed"),
        # Inside a record, the record and field are named; without an id, by its number.
        ("joints:\n  - {name: no}\n", "exercises.yml:2:12: joint #1, 'name': 'no'"),
        ("exercises:\n  - {id: b, name: no}\n", "exercises.yml:2:19: exercise 'b', 'name': 'no'"),
    ],
)
def test_traps_are_reported_with_their_record_if_they_have_one(text: str, expected: str) -> None:
    with pytest.raises(HandbookError) as info:
        validate(load_text(text))
    assert any(str(p).startswith(expected) for p in info.value.problems), info.value.report()


@pytest.mark.parametrize(
    ("written", "fix"),
    [
        (
            "    steps: [Lift.]\n    dosage: {notes: '  '}",
            "'dosage > notes': is empty: write some text or remove the key",
        ),
        (
            "    steps: [Lift.]\n    cues: ['  ']",
            "'cues item 1': is empty: write some text or remove the item",
        ),
        ("    steps: [Lift.]\n    summary: '  '", "'summary': is empty: write some text"),
    ],
)
def test_an_empty_text_may_be_removed_only_if_optional(written: str, fix: str) -> None:
    """Removing an optional key is a fix; removing a required one is not."""
    text = HANDBOOK.split("    media:")[0].replace("    summary: Lift the hips.\n", "")
    text = text.replace("    steps: [Lift.]", written)
    if "summary: '" not in written:
        text += "    summary: Lift the hips.\n"
    with pytest.raises(HandbookError) as info:
        validate(load_text(text))
    assert [p.message for p in info.value.problems] == [f"exercise 'bridge', {fix}"]


def test_an_empty_note_deep_in_a_routine_may_be_removed() -> None:
    """The optional key is found however deep it is: a routine entry's own dosage."""
    text = HANDBOOK.split("    media:")[0] + (
        "routines:\n  - id: r\n    name: R\n    summary: S.\n    audience: A.\n    blocks:\n"
        "      - title: One\n        exercises:\n          - {id: bridge, dosage: {notes: '  '}}\n"
    )
    with pytest.raises(HandbookError) as info:
        validate(load_text(text))
    assert [p.message for p in info.value.problems] == [
        "routine 'r', 'blocks item 1 > exercises item 1 > dosage > notes': is empty: "
        "write some text or remove the key"
    ]


def test_sections_cannot_be_changed() -> None:
    """The three sections are shared by every check and by the preview's reloader."""
    section = SECTIONS[0]
    assert (section.key, section.noun) == ("joints", "joint")
    with pytest.raises(dataclasses.FrozenInstanceError):
        section.key = "exercises"  # type: ignore[misc]
