"""The `figure:` key of an exercise: a view, one to three key frames, contacts and props.

A frame names a body position (by default the exercise's `position`) and only the joint
angles that differ from it; each later frame starts from the one before. Angles are
anatomical, in whole degrees, and checked against the normal human range of the joint.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    create_model,
    model_validator,
)

from generator.errors import did_you_mean, one_of
from generator.figures.body import (
    JOINTS,
    PROPS,
    SURFACES,
    JointSpec,
    Motion,
    landmark_names,
)

LANDMARKS = landmark_names()


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class View(StrEnum):
    """Where the figure is seen from."""

    SIDE = "side"
    FRONT = "front"
    BACK = "back"
    TOP = "top"
    THREE_QUARTER = "three-quarter"


class Layout(StrEnum):
    """How the frames are laid out."""

    SEQUENCE = "sequence"
    OVERLAY = "overlay"


class Direction(StrEnum):
    """Which way a fixed arrow points, as the picture is seen."""

    UP = "up"
    DOWN = "down"
    LEFT = "left"
    RIGHT = "right"
    AROUND = "around"  # a circle round the body part: ankle, wrist and shoulder circles


class BodyPosition(StrEnum):
    """Starting positions a frame can take; the first nine are the exercises' positions."""

    STANDING = "standing"
    SITTING = "sitting"
    KNEELING = "kneeling"
    HALF_KNEELING = "half-kneeling"
    LYING = "lying"
    LYING_FACE_DOWN = "lying-face-down"
    SIDE_LYING = "side-lying"
    HANDS_AND_KNEES = "hands-and-knees"
    PLANK = "plank"
    FLOOR_SITTING = "floor-sitting"
    FOREARM_PLANK = "forearm-plank"


def _choice(allowed: tuple[str, ...] | list[str], noun: str) -> Any:
    """A text value that must be one of `allowed`, with did-you-mean in the message."""

    def check(value: str) -> str:
        if value not in allowed:
            hint = did_you_mean(value, allowed) or f" Write {one_of(allowed)}."
            raise ValueError(f"'{value}' is not a {noun}.{hint}")
        return value

    return Annotated[str, AfterValidator(check), Field(json_schema_extra={"enum": list(allowed)})]


Landmark = _choice(LANDMARKS, "body part a figure knows")
Surface = _choice(tuple(SURFACES), "surface")
PropName = _choice(PROPS, "prop")


def _degrees(joint: JointSpec, motion: Motion, opposite: Motion) -> Any:
    """Whole degrees from 0 to the motion's normal limit, with a message that says why."""

    def check(value: int) -> int:
        if value < 0:
            raise ValueError(
                f"{value}° is negative: angles are written from 0, so write "
                f"'{opposite.name}: {-value}' instead"
            )
        if value > motion.limit:
            why = f": {motion.why}" if motion.why else ""
            raise ValueError(
                f"{joint.name} {motion.name} of {value}° is beyond the normal human range "
                f"(0 to {motion.limit}°){why}. Write at most {motion.limit}"
            )
        return value

    return Annotated[
        int,
        AfterValidator(check),
        Field(
            description=f"Degrees of {motion.name}, 0 to {motion.limit}.",
            json_schema_extra={"minimum": 0, "maximum": motion.limit},
        ),
    ]


def _motion_model(joint: JointSpec) -> type[BaseModel]:
    fields: dict[str, Any] = {}
    for a, b in joint.pairs:
        for motion, opposite in ((a, b), (b, a)):
            fields[motion.name.replace("-", "_")] = (
                _degrees(joint, motion, opposite) | None,
                Field(default=None, alias=motion.name),
            )

    def one_of_each_pair(self: BaseModel) -> BaseModel:
        for a, b in joint.pairs:
            if getattr(self, _attr(a.name)) is not None and getattr(self, _attr(b.name)):
                raise ValueError(
                    f"{joint.name}: '{a.name}' and '{b.name}' pull opposite ways: keep one"
                )
        return self

    name = "".join(part.capitalize() for part in joint.name.split("-")) + "Angles"
    model = create_model(
        name,
        __base__=_Strict,
        __doc__=joint.describes,
        __validators__={"_pairs": model_validator(mode="after")(one_of_each_pair)},  # type: ignore[dict-item]
        **fields,
    )
    return model


def _attr(name: str) -> str:
    return name.replace("-", "_")


MOTION_MODELS = {joint.name: _motion_model(joint) for joint in JOINTS}


def _angles_model() -> type[BaseModel]:
    fields: dict[str, Any] = {}
    for joint in JOINTS:
        model = MOTION_MODELS[joint.name]
        if joint.plural is None:
            keys = [(joint.name, f"The {joint.name}.")]
        else:
            keys = [
                (joint.plural, f"Both {joint.plural} alike."),
                (f"left-{joint.name}", f"The left {joint.name} only."),
                (f"right-{joint.name}", f"The right {joint.name} only."),
            ]
        for key, description in keys:
            fields[_attr(key)] = (
                model | None,
                Field(default=None, alias=key, description=description),
            )
    return create_model(
        "Angles",
        __base__=_Strict,
        __doc__="Joint angles in degrees, only those that differ from the position or the "
        "frame before. A plural (`hips`) sets both sides; `left-hip` and `right-hip` one side.",
        **fields,
    )


Angles = _angles_model()


class _Ordered(_Strict):
    """A mapping whose keys keep the order they were written in (`_order`)."""

    _order: tuple[str, ...] = PrivateAttr(default=())

    @model_validator(mode="wrap")
    @classmethod
    def _keep_order(cls, data: Any, handler: Any) -> Any:
        made = handler(data)
        if isinstance(data, dict):
            made._order = tuple(data)
        return made

    def written(self) -> dict[str, Any]:
        """The keys given, in the order written, with their values."""
        values = _written(self)
        return {key: values[key] for key in self._order if key in values}


def _contacts_model() -> type[BaseModel]:
    fields: dict[str, Any] = {
        _attr(name): (Surface | None, Field(default=None, alias=name)) for name in LANDMARKS
    }
    return create_model(
        "Contacts",
        __base__=_Ordered,
        __doc__="Body parts resting on a surface, e.g. `feet: floor`, `hands: wall`. The body "
        "is placed so that each touches its surface.",
        **fields,
    )


Contacts = _contacts_model()


class Frame(_Strict):
    """One key frame: a position and the angles and contacts that differ from it."""

    def written_angles(self) -> dict[str, dict[str, int]]:
        """The angles as written: `{"hips": {"flexion": 45}}`."""
        return _written(self.angles)

    def written_contacts(self) -> dict[str, str] | None:
        """The contacts in the order written, or None when the frame keeps the ones before.

        The order matters: the first contact is the one the body is lifted onto."""
        return None if self.contacts is None else self.contacts.written()

    position: BodyPosition | None = Field(
        default=None,
        description="Starting position; by default the frame before's, or the exercise's.",
        examples=["lying"],
    )
    angles: Angles = Field(  # type: ignore[valid-type]
        default_factory=lambda: Angles(),
        description="Joint angles in degrees that differ from the position.",
        examples=[{"hips": {"flexion": 45}, "knees": {"flexion": 90}}],
    )
    lean: int | None = Field(
        default=None,
        ge=-60,
        le=60,
        description="Degrees the whole body tips forwards from its feet (negative: backwards), "
        "e.g. leaning into a wall; by default the frame before's, or none.",
        examples=[15],
    )
    roll: int | None = Field(
        default=None,
        ge=-60,
        le=60,
        description="Degrees the whole body tips sideways, towards the side you see in the "
        "side view (negative: away), e.g. sitting on one hip; by default the frame before's.",
        examples=[20],
    )
    turn: int | None = Field(
        default=None,
        ge=-180,
        le=180,
        description="Degrees the whole body turns about the vertical, towards the viewer of "
        "the side view (negative: away): 90 faces you in the side view, and in the top view "
        "shows the figure from the front; by default the frame before's.",
        examples=[90],
    )
    contacts: Contacts | None = Field(  # type: ignore[valid-type]
        default=None,
        description="Body parts that rest on a surface; by default those of the frame before, "
        "or of the position.",
        examples=[{"feet": "floor", "upper-back": "floor"}],
    )


def _written(model: Any) -> dict[str, Any]:
    written: dict[str, Any] = model.model_dump(by_alias=True, exclude_none=True)
    return written


def _prop_from_name(value: Any) -> Any:
    return {"prop": value} if isinstance(value, str) else value


class Prop(_Strict):
    """A prop drawn with the figure: at a body part, between two, or under the whole body."""

    prop: PropName = Field(description="What it is.", examples=["band"])  # type: ignore[valid-type]
    at: Landmark | None = Field(  # type: ignore[valid-type]
        default=None, description="The body part it is at or held by.", examples=["right-hand"]
    )
    between: list[Landmark] | None = Field(  # type: ignore[valid-type]
        default=None,
        min_length=2,
        max_length=2,
        description="Two body parts it stretches between (a band or towel).",
        examples=[["left-knee", "right-knee"]],
    )

    @model_validator(mode="after")
    def _one_place(self) -> Prop:
        if self.at is not None and self.between is not None:
            raise ValueError("a prop is either 'at' one body part or 'between' two: keep one")
        return self


PropItem = Annotated[Prop, BeforeValidator(_prop_from_name, json_schema_input_type=str | Prop)]


class Arrow(_Strict):
    """A movement arrow: along the path a body part takes, or fixed at a body part."""

    path: Landmark | None = Field(  # type: ignore[valid-type]
        default=None,
        description="A body part whose path from frame to frame the arrow follows.",
        examples=["pelvis"],
    )
    at: Landmark | None = Field(  # type: ignore[valid-type]
        default=None, description="A body part the arrow starts at.", examples=["right-knee"]
    )
    direction: Direction | None = Field(
        default=None,
        description="Which way an 'at' arrow points, as drawn; 'around' circles the body part "
        "(ankle or wrist circles).",
        examples=["up"],
    )
    frame: int | None = Field(
        default=None,
        ge=1,
        le=3,
        description="The frame an 'at' arrow is drawn on (1, 2 or 3); by default the last.",
        examples=[1],
    )

    @model_validator(mode="after")
    def _path_or_at(self) -> Arrow:
        if (self.path is None) == (self.at is None):
            raise ValueError("an arrow needs either 'path' or 'at' (with 'direction')")
        if self.at is not None and self.direction is None:
            raise ValueError(f"an arrow 'at' a body part needs a 'direction': {one_of(Direction)}")
        if self.path is not None and (self.direction is not None or self.frame is not None):
            raise ValueError(
                "a 'path' arrow follows the movement from frame to frame: remove 'direction' "
                "and 'frame'"
            )
        return self


class Figure(_Strict):
    """A drawing of the exercise made from pose data: no image file, no licence to track."""

    view: View = Field(default=View.SIDE, description="Where it is seen from.", examples=["side"])
    layout: Layout = Field(
        default=Layout.SEQUENCE,
        description="'sequence' draws the frames side by side; 'overlay' draws the last frame "
        "over a faded first one.",
        examples=["sequence"],
    )
    close_up: Landmark | None = Field(  # type: ignore[valid-type]
        default=None,
        alias="close-up",
        description="Show only the region around this body part, for small movements "
        "(a chin tuck, the toes, the wrist).",
        examples=["head"],
    )
    props: list[PropItem] | None = Field(
        default=None,
        description="Props drawn besides those the contacts bring; by default a mat when the "
        "exercise's equipment lists one.",
        examples=[["mat", {"prop": "band", "between": ["left-knee", "right-knee"]}]],
    )
    frames: list[Frame] = Field(
        min_length=1,
        max_length=3,
        description="One to three key frames: start, end and an optional middle.",
    )
    arrows: list[Arrow] = Field(default=[], description="Movement arrows.")

    @model_validator(mode="after")
    def _arrow_frames_exist(self) -> Figure:
        for arrow in self.arrows:
            if arrow.frame is not None and arrow.frame > len(self.frames):
                raise ValueError(
                    f"an arrow is on frame {arrow.frame}, but the figure has "
                    f"{len(self.frames)} frame(s): write a frame from 1 to {len(self.frames)}"
                )
        return self

    @model_validator(mode="after")
    def _paths_need_frames(self) -> Figure:
        if len(self.frames) < 2 and any(a.path is not None for a in self.arrows):
            raise ValueError(
                "a 'path' arrow follows a movement from frame to frame: add a second frame, or "
                "use 'at' with 'direction'"
            )
        return self


@dataclass(frozen=True)
class Preset:
    """A body position's orientation, default angles and default contacts."""

    orientation: str  # upright | supine | prone | side
    angles: dict[str, dict[str, int]]
    contacts: dict[str, str]
    tip: bool = False  # lying and all-fours bodies tip until the first and last contacts touch


PRESETS: dict[BodyPosition, Preset] = {
    BodyPosition.STANDING: Preset(
        "upright",
        {"shoulders": {"abduction": 6}, "elbows": {"flexion": 10}},
        {"feet": "floor"},
    ),
    BodyPosition.SITTING: Preset(
        "upright",
        {
            "hips": {"flexion": 90},
            "knees": {"flexion": 90},
            "shoulders": {"flexion": 15},
            "elbows": {"flexion": 60},
        },
        {"pelvis": "chair", "feet": "floor"},
    ),
    BodyPosition.FLOOR_SITTING: Preset(
        "upright",
        {"hips": {"flexion": 90}, "shoulders": {"flexion": 10}, "elbows": {"flexion": 20}},
        {"pelvis": "floor"},
    ),
    BodyPosition.KNEELING: Preset(
        "upright",
        {"knees": {"flexion": 90}, "ankles": {"plantarflexion": 50}, "elbows": {"flexion": 10}},
        {"knees": "floor"},
    ),
    BodyPosition.HALF_KNEELING: Preset(
        "upright",
        {
            "right-hip": {"extension": 5},
            "right-knee": {"flexion": 95},
            "right-ankle": {"plantarflexion": 45},
            "left-hip": {"flexion": 100},
            "left-knee": {"flexion": 100},
            "elbows": {"flexion": 10},
        },
        {"right-knee": "floor", "left-foot": "floor"},
    ),
    BodyPosition.LYING: Preset(
        "supine",
        {"shoulders": {"abduction": 10}, "ankles": {"plantarflexion": 20}},
        {"upper-back": "floor", "pelvis": "floor"},
        tip=True,
    ),
    BodyPosition.LYING_FACE_DOWN: Preset(
        "prone",
        {"shoulders": {"abduction": 10}, "ankles": {"plantarflexion": 40}},
        {"chest": "floor", "thighs": "floor"},
        tip=True,
    ),
    BodyPosition.SIDE_LYING: Preset(
        "side",
        {
            "hips": {"flexion": 40},
            "knees": {"flexion": 60},
            "left-shoulder": {"flexion": 160},
            "left-elbow": {"flexion": 30},
            "right-shoulder": {"flexion": 20},
            "right-elbow": {"flexion": 20},
        },
        {"left-hip": "floor", "left-shoulder": "floor"},
        tip=True,
    ),
    BodyPosition.HANDS_AND_KNEES: Preset(
        "prone",
        {
            "hips": {"flexion": 70},
            "knees": {"flexion": 90},
            "ankles": {"plantarflexion": 50},
            "shoulders": {"flexion": 70},
            "wrists": {"extension": 70},
        },
        {"hands": "floor", "knees": "floor"},
        tip=True,
    ),
    BodyPosition.PLANK: Preset(
        "prone",
        {
            "shoulders": {"flexion": 80},
            "wrists": {"extension": 75},
            "ankles": {"dorsiflexion": 5},
            "toes": {"extension": 60},
        },
        {"hands": "floor", "toes": "floor"},
        tip=True,
    ),
    BodyPosition.FOREARM_PLANK: Preset(
        "prone",
        {
            "shoulders": {"flexion": 90},
            "elbows": {"flexion": 90},
            "forearms": {"pronation": 90},
            "ankles": {"dorsiflexion": 5},
            "toes": {"extension": 60},
        },
        {"forearms": "floor", "toes": "floor"},
        tip=True,
    ),
}


def preset(position: BodyPosition) -> Preset:
    """The preset of a body position."""
    return PRESETS[position]
