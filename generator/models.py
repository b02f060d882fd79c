"""Stage 2, the data contract: typed, immutable records for joints, exercises and routines.

Every field carries a description and an example: the JSON Schema (`exercises.schema.json`)
and the editor's guide are generated from these classes, so they cannot drift from the code.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from generator.figures.pose import Figure

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# Length limits: a longer name fills a phone screen and pushes a handout onto another page.
MAX_NAME = 80
MAX_SUMMARY = 200
MAX_STEP = 300
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME)]
Summary = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_SUMMARY)
]
Step = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_STEP)]
Markdown = Annotated[
    str, StringConstraints(strip_whitespace=True), Field(json_schema_extra={"format": "markdown"})
]

_TIME = re.compile(
    r"^(?:(?P<min>\d+)\s*(?:min|mins|minute|minutes)\b\s*)?"
    r"(?:(?P<sec>\d+)\s*(?:s|sec|secs|second|seconds)\b)?$"
)
_REPS = re.compile(r"^\d+\s*[-–]\s*\d+$")
TIME_HELP = "whole seconds (30) or a time with its unit ('45s', '2 min', '1 min 30s')"


def parse_seconds(value: Any) -> Any:
    """Turn `30`, `'45s'`, `'2 min'` or `'1 min 30s'` into whole seconds."""
    if isinstance(value, bool):
        raise ValueError(f"expected {TIME_HELP}")
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"a time cannot be negative: write {TIME_HELP}")
        return value
    if isinstance(value, str):
        match = _TIME.match(value.strip())
        if match and (match["min"] or match["sec"]):
            return int(match["min"] or 0) * 60 + int(match["sec"] or 0)
    raise ValueError(f"'{value}' is not a time: write {TIME_HELP}")


def is_relative_path(path: str) -> bool:
    """A path written with '/', relative, that cannot climb out of its folder."""
    outside = path.startswith("/") or ".." in path.split("/") or re.match(r"^[A-Za-z]:", path)
    return not outside and "\\" not in path


def parse_reps(value: Any) -> Any:
    """Accept a whole number of repetitions or a range such as `'8-12'`."""
    if isinstance(value, bool):
        raise ValueError("expected a whole number (10) or a range ('8-12')")
    if isinstance(value, int) and value >= 1:
        return value
    if isinstance(value, str) and _REPS.match(value.strip()):
        low, high = re.split(r"\s*[-–]\s*", value.strip())
        return f"{int(low)}–{int(high)}"
    raise ValueError(f"'{value}' is not a number of repetitions: write 10 or a range ('8-12')")


Seconds = Annotated[int, BeforeValidator(parse_seconds, json_schema_input_type=int | str)]
Reps = Annotated[int | str, BeforeValidator(parse_reps, json_schema_input_type=int | str)]


class Need(StrEnum):
    """What a joint mainly needs in the joint-by-joint model."""

    MOBILITY = "mobility"
    STABILITY = "stability"
    BOTH = "both"


class Goal(StrEnum):
    """What an exercise does for its joint; also the grouping on joint pages."""

    RELEASE = "release"
    LENGTHEN = "lengthen"
    MOBILISE = "mobilise"
    STRENGTHEN = "strengthen"
    STABILISE = "stabilise"


class Method(StrEnum):
    """How an exercise is done."""

    FOAM_ROLLING = "foam-rolling"
    BALL_RELEASE = "ball-release"
    STATIC_STRETCH = "static-stretch"
    DYNAMIC_STRETCH = "dynamic-stretch"
    MOBILISATION = "mobilisation"
    STRENGTH = "strength"
    STABILITY = "stability"


class Position(StrEnum):
    """The starting position of an exercise."""

    STANDING = "standing"
    SITTING = "sitting"
    KNEELING = "kneeling"
    HALF_KNEELING = "half-kneeling"
    LYING = "lying"
    LYING_FACE_DOWN = "lying-face-down"
    SIDE_LYING = "side-lying"
    HANDS_AND_KNEES = "hands-and-knees"
    PLANK = "plank"


class Level(StrEnum):
    """How demanding an exercise is."""

    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class Side(StrEnum):
    """For one-sided exercises: how the two sides are worked."""

    EACH = "each"
    BOTH = "both"
    ALTERNATE = "alternate"


class Precaution(StrEnum):
    """A group of people who should ask a professional before doing an exercise.

    Each value has one standard wording, written once in `generator/safety.py`.
    """

    PREGNANCY = "pregnancy"
    HIP_REPLACEMENT = "hip-replacement"
    OSTEOPOROSIS = "osteoporosis"
    FLEXION_SENSITIVE_BACK = "flexion-sensitive-back"
    SHOULDER_INSTABILITY = "shoulder-instability"
    BLOOD_THINNERS = "blood-thinners"
    BALANCE_AND_FALLS = "balance-and-falls"
    WRIST_OR_HAND_PAIN = "wrist-or-hand-pain"


class Record(BaseModel):
    """Base of every record: unknown keys are errors, and records never change once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Joint(Record):
    """A joint in the joint-by-joint model, from the ground up."""

    id: Slug = Field(description="Short name used in links and references.", examples=["hip"])
    name: Name = Field(description="The name readers see.", examples=["Hip"])
    need: Need = Field(
        description="What the joint mainly needs: mobility, stability or both.",
        examples=["mobility"],
    )
    order: int = Field(
        ge=1, description="Position from the ground up (1 = foot and ankle).", examples=[3]
    )
    summary: Summary = Field(
        description="One sentence: the joint's job.",
        examples=["A ball-and-socket joint that should move freely in every direction."],
    )
    description: Markdown = Field(
        default="",
        description="Markdown: its role and how it moves, in a few short paragraphs.",
        examples=["The hip carries the whole upper body and moves in six directions."],
    )
    when_restricted: Markdown = Field(
        default="",
        description="Markdown: what goes wrong when it loses its role and which neighbour pays.",
        examples=["A stiff hip makes the low back move instead, and the low back aches."],
    )
    movements: list[Text] = Field(
        default=[],
        description="The movements the joint makes, in plain words.",
        examples=[["Flexion (knee towards chest)", "Extension (leg behind you)"]],
    )


class Dosage(Record):
    """How much of an exercise to do. Every key is optional."""

    sets: int | None = Field(default=None, ge=1, le=20, description="Number of sets.", examples=[2])
    reps: Reps | None = Field(
        default=None,
        description="Repetitions per set: a whole number or a range such as '8-12'.",
        examples=[10, "8-12"],
    )
    hold: Seconds | None = Field(
        default=None,
        description=f"How long to hold each repetition or stretch: {TIME_HELP}.",
        examples=["30s"],
    )
    duration: Seconds | None = Field(
        default=None,
        description=f"How long the whole exercise takes (e.g. foam rolling): {TIME_HELP}.",
        examples=["90s"],
    )
    rest: Seconds | None = Field(
        default=None, description=f"Rest between sets: {TIME_HELP}.", examples=[30]
    )
    side: Side | None = Field(
        default=None,
        description="For one-sided exercises: 'each' side in turn, 'both' at once, or "
        "'alternate' sides every repetition.",
        examples=["each"],
    )
    notes: Text | None = Field(
        default=None, description="Anything else about the dose.", examples=["Slow and steady."]
    )


class Media(Record):
    """An image (with alt text, credit and licence) or a video link."""

    image: str | None = Field(
        default=None,
        description="Path of an image file under content/, e.g. 'images/glute-bridge.svg'.",
        examples=["images/glute-bridge.svg"],
    )
    alt: Text | None = Field(
        default=None,
        description="What the image shows, for people who cannot see it (required for images).",
        examples=["Lying on the back with hips lifted so knees, hips and shoulders line up."],
    )
    credit: Text | None = Field(
        default=None,
        description="Who made the image (required for images).",
        examples=["Drawn by the clinic"],
    )
    license: Text | None = Field(
        default=None,
        description="The image's licence, e.g. 'CC BY 4.0' (required for images).",
        examples=["CC BY 4.0"],
    )
    video: str | None = Field(
        default=None,
        description="Address of a video (https://...). Shown as a link, never embedded.",
        examples=["https://example.org/videos/glute-bridge"],
    )
    title: Text | None = Field(
        default=None,
        description="Title of the video link.",
        examples=["Glute bridge, step by step"],
    )

    @field_validator("image")
    @classmethod  # pragma: no mutate (field_validator makes it a class method anyway)
    def _relative_path(cls, value: str | None) -> str | None:
        if value is not None and not is_relative_path(value):
            raise ValueError(
                f"'{value}' must be a path inside content/, written with '/' and without "
                "'..', e.g. 'images/glute-bridge.svg'"
            )
        return value

    @field_validator("video")
    @classmethod  # pragma: no mutate (field_validator makes it a class method anyway)
    def _https(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https://[^\s/]+\.[^\s]+$", value):
            raise ValueError(f"'{value}' must be a web address starting with https://")
        return value

    @model_validator(mode="after")
    def _image_or_video(self) -> Media:
        if (self.image is None) == (self.video is None):
            raise ValueError("each media item needs exactly one of 'image' or 'video'")
        if self.image is not None:
            missing = [k for k in ("alt", "credit", "license") if getattr(self, k) is None]
            if missing:
                keys = " and ".join(f"'{k}'" for k in missing)
                raise ValueError(
                    f"an image needs {keys}: describe the image, say who made it and under "
                    "which licence it may be used"
                )
            if self.title is not None:
                raise ValueError("'title' is for videos; an image is described by 'alt'")
        elif self.title is None:
            raise ValueError("a video needs a 'title' for its link")
        elif any(getattr(self, k) is not None for k in ("alt", "credit", "license")):
            raise ValueError("'alt', 'credit' and 'license' are for images; a video has a 'title'")
        return self


class Exercise(Record):
    """One exercise with everything a client needs to do it safely."""

    id: Slug = Field(
        description="Short name used in links and references.", examples=["glute-bridge"]
    )
    name: Name = Field(description="The name readers see.", examples=["Glute bridge"])
    aliases: list[Text] = Field(
        default=[],
        description="Other names people search for.",
        examples=[["hip bridge", "bridge"]],
    )
    joints: list[Slug] = Field(
        min_length=1,
        description="Ids of the joints it serves; the first is the main one.",
        examples=[["hip", "lumbar-spine"]],
    )
    goal: Goal = Field(description="What it does for the joint.", examples=["strengthen"])
    method: Method = Field(description="How it is done.", examples=["strength"])
    position: Position = Field(description="Starting position.", examples=["lying"])
    level: Level = Field(description="How demanding it is.", examples=["beginner"])
    equipment: list[Text] = Field(
        default=[], description="What is needed; an empty list means none.", examples=[["mat"]]
    )
    muscles: list[Text] = Field(
        default=[], description="Muscles it works or stretches.", examples=[["gluteus maximus"]]
    )
    summary: Summary = Field(
        description="One sentence: what it does and why.",
        examples=["Wakes up the glutes and teaches the pelvis to tuck."],
    )
    description: Markdown = Field(
        default="",
        description="Markdown: more context, shown on the exercise page.",
        examples=["Comes straight after the hip stretches: **lengthen first**, then strengthen."],
    )
    steps: list[Step] = Field(
        min_length=1,
        description="What to do, one short step per item (Markdown inline).",
        examples=[["Lie on your back, knees bent.", "Tuck your tail and lift your hips."]],
    )
    cues: list[Text] = Field(
        default=[], description="Short reminders while doing it.", examples=[["Ribs down."]]
    )
    cautions: list[Text] = Field(
        default=[],
        description="When to stop or take care.",
        examples=[["Stop if you feel pain in the low back."]],
    )
    precautions: list[Precaution] = Field(
        default=[],
        description="Who should ask a professional first. Each value adds its standard words "
        "to the 'Ask first if you ...' line of the exercise page, the handout card and the "
        "exercise list, and lists the exercise under 'Who should ask first' on the "
        "red-flags page.",
        examples=[["osteoporosis", "pregnancy"]],
    )
    dosage: Dosage = Field(
        default=Dosage(), description="Default amount; a routine can override it."
    )
    regression: Slug | None = Field(
        default=None, description="Id of an easier option.", examples=["glute-bridge"]
    )
    progression: Slug | None = Field(
        default=None, description="Id of a harder option.", examples=["single-leg-glute-bridge"]
    )
    media: list[Media] = Field(default=[], description="Images and video links.")
    figure: Figure | None = Field(
        default=None,
        description="A drawing made from pose data: a view, one to three key frames with joint "
        "angles, contacts, props and arrows. An image in 'media' is shown instead where given.",
    )
    former_ids: list[Slug] = Field(
        default=[],
        description="Old ids of this exercise; their addresses redirect here.",
        examples=[["hip-bridge"]],
    )

    @field_validator("precautions")
    @classmethod  # pragma: no mutate (field_validator makes it a class method anyway)
    def _each_precaution_once(cls, value: list[Precaution]) -> list[Precaution]:
        twice = sorted({p.value for p in value if value.count(p) > 1})
        if twice:
            raise ValueError(f"'{twice[0]}' is listed twice: list each precaution once")
        return value


class Phase(Record):
    """One phase of a routine's schedule: when, and how often."""

    when: Text = Field(description="When this phase applies.", examples=["While muscles are sore"])
    frequency: Text = Field(
        description="How often to do the routine.", examples=["Every second day"]
    )


def entry_from_id(value: Any) -> Any:
    """`- glute-bridge` in a routine is short for `- {id: glute-bridge}`."""
    return {"id": value} if isinstance(value, str) else value


class Entry(Record):
    """An exercise in a routine: its id, optionally with a dosage and a note for this routine."""

    id: Slug = Field(description="Id of the exercise.", examples=["glute-bridge"])
    dosage: Dosage | None = Field(
        default=None, description="Replaces the exercise's default dosage in this routine."
    )
    note: Text | None = Field(
        default=None, description="A note for this routine.", examples=["Squeeze at the top."]
    )


RoutineEntry = Annotated[Entry, BeforeValidator(entry_from_id, json_schema_input_type=Slug | Entry)]


class Block(Record):
    """A step of a routine: a title and its exercises, in order."""

    title: Text = Field(description="The step's title.", examples=["1. Lengthen the hips"])
    note: Text | None = Field(
        default=None,
        description="A short note shown under the title.",
        examples=["Skip this step if kneeling hurts."],
    )
    exercises: list[RoutineEntry] = Field(
        min_length=1,
        description="Exercise ids, or mappings {id, dosage, note} to change the dose here.",
        examples=[["rectus-femoris-stretch", {"id": "glute-bridge", "dosage": {"reps": 12}}]],
    )


class Routine(Record):
    """A sequence of exercises a trainer gives a client, printed as a handout."""

    id: Slug = Field(description="Short name used in links.", examples=["low-back"])
    name: Name = Field(description="The name readers see.", examples=["Low back routine"])
    summary: Summary = Field(
        description="One sentence: what it is for.",
        examples=["Seven short steps that ease everyday low back ache."],
    )
    audience: Text = Field(
        description="Who it is for.", examples=["Desk workers with a stiff back"]
    )
    description: Markdown = Field(
        default="",
        description="Markdown: more context.",
        examples=["Do the steps **in order**: each one prepares the next."],
    )
    schedule: list[Phase] = Field(
        default=[], description="Phases: when, and how often to do the routine."
    )
    blocks: list[Block] = Field(min_length=1, description="The steps, in order.")
    former_ids: list[Slug] = Field(
        default=[], description="Old ids of this routine; their addresses redirect here."
    )

    def entries(self) -> list[Entry]:
        """Every exercise entry of the routine, in order."""
        return [entry for block in self.blocks for entry in block.exercises]


class Handbook(Record):
    """The whole database: `exercises.yml`."""

    joints: list[Joint] = Field(min_length=1, description="The joints, from the ground up.")
    exercises: list[Exercise] = Field(default=[], description="The exercises.")
    routines: list[Routine] = Field(default=[], description="The routines (handouts).")

    def joint(self, joint_id: str) -> Joint:
        """The joint with this id."""
        return self._joints[joint_id]

    def exercise(self, exercise_id: str) -> Exercise:
        """The exercise with this id."""
        return self._exercises[exercise_id]

    @cached_property
    def _joints(self) -> dict[str, Joint]:
        return {j.id: j for j in self.joints}

    @cached_property
    def _exercises(self) -> dict[str, Exercise]:
        return {e.id: e for e in self.exercises}
