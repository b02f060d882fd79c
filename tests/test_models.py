"""Stage 2: the data contract's own parsing rules (times, repetitions, media, entries)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from generator.models import Block, Dosage, Media, parse_reps, parse_seconds


@pytest.mark.parametrize(
    ("written", "seconds"),
    [(30, 30), ("45s", 45), ("45 s", 45), ("2 min", 120), ("1 min 30s", 90), ("90 seconds", 90)],
)
def test_times_are_whole_seconds(written: object, seconds: int) -> None:
    """Times may be whole seconds or text with a unit; the model stores seconds."""
    assert parse_seconds(written) == seconds
    assert Dosage.model_validate({"hold": written}).hold == seconds


@pytest.mark.parametrize("written", ["1:30", "forever", "30 sec extra", -5, True, 1.5, ""])
def test_other_times_are_refused(written: object) -> None:
    """Anything else is an error that says how to write a time."""
    with pytest.raises(ValidationError, match="45s"):
        Dosage.model_validate({"hold": written})


@pytest.mark.parametrize(("written", "reps"), [(10, 10), ("8-12", "8–12"), ("8 – 12", "8–12")])
def test_reps_are_a_number_or_a_range(written: object, reps: object) -> None:
    """Repetitions are a whole number or a range, shown with an en dash."""
    assert parse_reps(written) == reps


def test_routine_entries_accept_an_id_or_a_mapping() -> None:
    """`- glute-bridge` and `- {id: glute-bridge, dosage: ...}` load to the same shape."""
    block = Block.model_validate(
        {"title": "One", "exercises": ["a", {"id": "b", "dosage": {"reps": 5}, "note": "Slow."}]}
    )
    assert [e.id for e in block.exercises] == ["a", "b"]
    assert block.exercises[0].dosage is None
    assert block.exercises[1].dosage == Dosage(reps=5)


@pytest.mark.parametrize(
    "image", ["../x.png", "/etc/passwd", "images\\x.png", "C:/x.png", "a/../../x.png"]
)
def test_media_paths_cannot_leave_content(image: str) -> None:
    """Image paths are relative, use '/', and never climb out of content/."""
    with pytest.raises(ValidationError, match="inside content/"):
        Media.model_validate({"image": image, "alt": "a", "credit": "b", "license": "c"})


def test_records_are_frozen() -> None:
    """Validated records never change afterwards."""
    dose = Dosage(sets=2)
    with pytest.raises(ValidationError):
        dose.sets = 3  # type: ignore[misc]
