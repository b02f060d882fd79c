"""Stage 2: the data contract's own parsing rules (times, repetitions, media, entries)."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from pydantic import ValidationError

from generator.models import (
    MAX_NAME,
    MAX_STEP,
    MAX_SUMMARY,
    Block,
    Dosage,
    Entry,
    Exercise,
    Joint,
    Media,
    Phase,
    Record,
    Routine,
    parse_reps,
    parse_seconds,
)
from generator.schema import SCHEMA_FILE, render_schema


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


RECORDS = [
    Joint(id="hip", name="Hip", need="both", order=1, summary="A joint."),
    Dosage(sets=2),
    Media(video="https://example.org/v", title="Video"),
    Exercise.model_validate(
        {
            "id": "bridge",
            "name": "Bridge",
            "joints": ["hip"],
            "goal": "strengthen",
            "method": "strength",
            "position": "lying",
            "level": "beginner",
            "summary": "Lift.",
            "steps": ["Lift."],
        }
    ),
    Phase(when="Now", frequency="Daily"),
    Entry(id="bridge"),
    Block(title="One", exercises=["bridge"]),
    Routine.model_validate(
        {
            "id": "r",
            "name": "R",
            "summary": "S.",
            "audience": "A.",
            "blocks": [{"title": "One", "exercises": ["bridge"]}],
        }
    ),
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_records_are_frozen(record: Record) -> None:
    """Validated records never change afterwards, and refuse keys they do not know."""
    field = next(iter(type(record).model_fields))
    with pytest.raises(ValidationError, match="frozen"):
        setattr(record, field, getattr(record, field))
    with pytest.raises(ValidationError, match="Extra inputs"):
        type(record).model_validate({**record.model_dump(), "colour": "red"})


@pytest.mark.parametrize(("reps", "ok"), [(0, False), (1, True), (-1, False), ("0-5", True)])
def test_reps_start_at_one(reps: object, ok: bool) -> None:
    if ok:
        assert Dosage(reps=reps).reps is not None
    else:
        with pytest.raises(ValidationError, match="not a number of repetitions"):
            Dosage(reps=reps)


@pytest.mark.parametrize(("hold", "ok"), [(0, True), (-1, False), ("0s", True)])
def test_a_time_can_be_zero_not_negative(hold: object, ok: bool) -> None:
    if ok:
        assert Dosage(hold=hold).hold == 0
    else:
        with pytest.raises(ValidationError, match="cannot be negative"):
            Dosage(hold=hold)


@pytest.mark.parametrize(("sets", "ok"), [(0, False), (1, True), (20, True), (21, False)])
def test_sets_are_bounded(sets: int, ok: bool) -> None:
    if ok:
        assert Dosage(sets=sets).sets == sets
    else:
        with pytest.raises(ValidationError):
            Dosage(sets=sets)


@pytest.mark.parametrize(("field", "limit"), [("name", MAX_NAME), ("summary", MAX_SUMMARY)])
def test_names_and_summaries_have_a_length_limit(field: str, limit: int) -> None:
    joint = {"id": "hip", "name": "Hip", "need": "both", "order": 1, "summary": "A joint."}
    assert len(getattr(Joint.model_validate({**joint, field: "x" * limit}), field)) == limit
    assert Joint.model_validate({**joint, field: f"  {'x' * limit}  "})
    with pytest.raises(ValidationError, match="at most"):
        Joint.model_validate({**joint, field: "x" * (limit + 1)})


def test_steps_have_a_length_limit() -> None:
    exercise = RECORDS[3].model_dump()
    assert Exercise.model_validate({**exercise, "steps": ["x" * MAX_STEP]})
    with pytest.raises(ValidationError, match="at most"):
        Exercise.model_validate({**exercise, "steps": ["ok", "x" * (MAX_STEP + 1)]})


def test_text_is_stripped() -> None:
    joint = Joint(
        id="hip", name=" Hip ", need="both", order=1, summary="A joint. ", movements=[" Flexion "]
    )
    assert (joint.name, joint.summary, joint.movements) == ("Hip", "A joint.", ["Flexion"])


def test_markdown_of_only_blank_lines_is_no_text() -> None:
    """A description of blank lines counts as none, so a page shows no empty heading for
    it; a block's final line break is dropped."""
    joint = Joint(
        id="hip",
        name="Hip",
        need="both",
        order=1,
        summary="A joint.",
        description="It carries the body.\n\nIt moves in six directions.\n",
        when_restricted="\n  \n",
    )
    assert joint.description == "It carries the body.\n\nIt moves in six directions."
    assert joint.when_restricted == ""


def test_a_name_of_only_spaces_is_empty() -> None:
    with pytest.raises(ValidationError, match="at least 1 character"):
        Joint(id="hip", name="   ", need="both", order=1, summary="A joint.")


@pytest.mark.parametrize(
    ("video", "ok"),
    [
        ("https://example.org/videos/glute-bridge", True),
        ("https://youtu.be/abc", True),
        ("http://example.org/v", False),
        ("https://localhost", False),
        ("https://exa mple.org/v", False),
        ("javascript:alert(1)", False),
    ],
)
def test_a_video_is_an_https_link(video: str, ok: bool) -> None:
    if ok:
        assert Media(video=video, title="Video").video == video
    else:
        with pytest.raises(ValidationError, match="https://"):
            Media(video=video, title="Video")


@pytest.mark.parametrize(
    ("media", "words"),
    [
        ({"image": "a.png", "alt": "a", "credit": "c", "license": "l"}, None),
        ({"image": "a.png", "alt": "a", "credit": "c"}, "an image needs 'license'"),
        ({"image": "a.png", "alt": "a"}, "an image needs 'credit' and 'license'"),
        (
            {"image": "a.png", "alt": "a", "credit": "c", "license": "l", "title": "t"},
            "'title' is for videos",
        ),
        ({"video": "https://example.org/v"}, "a video needs a 'title'"),
        ({"video": "https://example.org/v", "title": "t", "alt": "a"}, "are for images"),
        ({"title": "t"}, "exactly one of 'image' or 'video'"),
        ({"image": "a.png", "video": "https://example.org/v", "title": "t"}, "exactly one of"),
    ],
)
def test_media_is_an_image_with_credits_or_a_video_with_a_title(
    media: dict[str, str], words: str | None
) -> None:
    if words is None:
        assert Media.model_validate(media).image == "a.png"
    else:
        with pytest.raises(ValidationError, match=re.escape(words)):
            Media.model_validate(media)


@pytest.mark.parametrize(("order", "ok"), [(0, False), (1, True), (2, True)])
def test_joint_order_starts_at_one(order: int, ok: bool) -> None:
    joint = {"id": "hip", "name": "Hip", "need": "both", "summary": "A joint."}
    if ok:
        assert Joint.model_validate({**joint, "order": order}).order == order
    else:
        with pytest.raises(ValidationError, match="greater than or equal to 1"):
            Joint.model_validate({**joint, "order": order})


def test_an_empty_step_and_a_routine_without_blocks_are_refused() -> None:
    exercise = RECORDS[3].model_dump()
    with pytest.raises(ValidationError, match="at least 1 character"):
        Exercise.model_validate({**exercise, "steps": ["Lift.", " "]})
    routine = RECORDS[-1].model_dump()
    with pytest.raises(ValidationError, match="at least 1 item"):
        Routine.model_validate({**routine, "blocks": []})


def test_committed_schema_matches_the_models() -> None:
    """exercises.schema.json gives editors the limits, choices and examples the models hold:
    it is regenerated whenever generator/models.py changes."""
    committed = (ROOT / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == render_schema(), "run `make schema` and commit exercises.schema.json"


def test_a_precaution_listed_twice_is_named() -> None:
    """With two precautions listed twice, the message names the first in order."""
    exercise = RECORDS[3].model_dump()
    twice = ["pregnancy", "osteoporosis", "pregnancy", "osteoporosis"]
    with pytest.raises(ValidationError, match="'osteoporosis' is listed twice: list each"):
        Exercise.model_validate({**exercise, "precautions": twice})
