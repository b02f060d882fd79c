"""The body map on the joints overview: a front view of the body with each joint marked.

The figure is drawn by the same renderer as the exercises; the marks are links to the joint
pages, coloured by what each joint needs, with an accessible name for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.figures.draw import draw_body
from generator.figures.kinematics import place, resolve
from generator.figures.pose import Figure
from generator.models import Handbook

# Where a joint of the joint-by-joint model sits on the body, by joint id (or, failing that,
# by a word of its name). A joint that is not here is still listed below the map.
SPOTS: dict[str, tuple[str, ...]] = {
    "ankle": ("left-ankle-joint", "right-ankle-joint"),
    "knee": ("left-knee", "right-knee"),
    "hip": ("left-hip", "right-hip"),
    "lumbar": ("low-back-joint",),
    "thoracic": ("mid-back-joint",),
    "scapula": ("left-blade-joint", "right-blade-joint"),
    "shoulder": ("left-shoulder", "right-shoulder"),
    "elbow": ("left-elbow", "right-elbow"),
    "wrist": ("left-wrist-joint", "right-wrist-joint"),
    "neck": ("neck",),
}

_POSE = Figure.model_validate(
    {
        "view": "front",
        "frames": [
            {
                "angles": {
                    "shoulders": {"abduction": 30},
                    "elbows": {"flexion": 15},
                    "forearms": {"supination": 60},
                    "hips": {"abduction": 8},
                }
            }
        ],
    }
)


@dataclass(frozen=True)
class Spot:
    """A joint's mark on the map: where (picture units) and what it links to."""

    joint_id: str
    name: str
    need: str
    label: str
    points: tuple[tuple[str, str], ...]  # (cx, cy) as printed in the SVG


def _spot_marks(joint_id: str, name: str) -> tuple[str, ...] | None:
    if joint_id in SPOTS:
        return SPOTS[joint_id]
    words = f"{joint_id} {name}".lower().replace("-", " ").split()
    for key, marks in SPOTS.items():
        if key in words or any(w.startswith(key) for w in words):
            return marks
    return None


NEED_WORDS = {
    "mobility": "needs mobility",
    "stability": "needs stability",
    "both": "needs mobility and stability",
}


def body_map(handbook: Handbook) -> tuple[str, list[Spot]]:
    """The body drawing (SVG inner markup, viewBox) and the joints' marks on it."""
    pose = resolve(_POSE, "standing")[0]
    placed = place(pose)
    svg, where = draw_body(_POSE, placed, prefix="bm")
    spots = []
    for joint in handbook.joints:
        marks = _spot_marks(joint.id, joint.name)
        if marks is None:
            continue
        points = tuple(where(placed.body.centre(mark)) for mark in marks)
        spots.append(
            Spot(
                joint.id,
                joint.name,
                joint.need.value,
                f"{joint.name}: {NEED_WORDS[joint.need.value]}",
                points,
            )
        )
    return svg, spots
