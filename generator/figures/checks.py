"""Pose lint: a figure that is valid but cannot be right.

Warnings, each at its line: a contact that does not touch its surface, a body part through
the floor, an angle at the edge of the joint's range.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from generator.errors import Problem, Severity
from generator.figures.body import EDGE_OF_RANGE, JOINT_BY_NAME
from generator.figures.cache import placements
from generator.figures.draw import contact_gaps, ground_points, through_walls
from generator.load import Document
from generator.models import Exercise, Handbook

TOUCH = 0.03  # metres: closer than this counts as touching
SINK = 0.03  # metres: deeper than this into the floor is wrong


def figure_lint(handbook: Handbook, doc: Document) -> Iterator[Problem]:
    """Pose problems of every exercise figure."""
    for index, exercise in enumerate(handbook.exercises):
        if exercise.figure is not None:
            yield from _exercise(doc, index, exercise)


def _warn(doc: Document, loc: tuple[str | int, ...], message: str) -> Problem:
    return replace(doc.problem(loc, message), severity=Severity.WARNING)


def _exercise(doc: Document, index: int, exercise: Exercise) -> Iterator[Problem]:
    assert exercise.figure is not None
    name = f"exercise '{exercise.id}', 'figure'"
    for k, placed in enumerate(placements(exercise)):
        at = ("exercises", index, "figure", "frames", k)
        frame = f"{name}, frame {k + 1}"
        for landmark, surface, gap in contact_gaps(placed):
            if abs(gap) > TOUCH:
                where = "above" if gap > 0 else "into"
                yield _warn(
                    doc,
                    (*at, "contacts"),
                    f"{frame}: '{landmark}' should rest on the {surface} but is "
                    f"{abs(gap) * 100:.0f} cm {where} it: change the angles so it reaches, or "
                    "remove the contact",
                )
        sunk = sorted((low, name) for name, low in ground_points(placed) if low < -SINK)
        if sunk:
            names = ", ".join(f"'{name}'" for _, name in sorted(sunk, key=lambda s: s[1]))
            yield _warn(
                doc,
                at,
                f"{frame}: {names} go into the floor (up to {-sunk[0][0] * 100:.0f} cm): "
                "change the angles, or add a contact so the body rests on the floor",
            )
        through = sorted(through_walls(placed), key=lambda t: t[1])
        if through:
            names = ", ".join(f"'{name}'" for _, name, _ in through)
            deepest = max(d for _, _, d in through)
            yield _warn(
                doc,
                (*at, "contacts"),
                f"{frame}: {names} go through the {dict(placed.contacts)[through[0][0]]} "
                f"(up to {deepest * 100:.0f} cm): change the angles or the lean so only "
                f"'{through[0][0]}' meets it",
            )
        angles = exercise.figure.frames[k].written_angles()
        for key, motions in angles.items():
            joint = JOINT_BY_NAME[_joint_of(key)]
            for motion_name, degrees in motions.items():
                limit = next(m.limit for pair in joint.pairs for m in pair if m.name == motion_name)
                if degrees >= EDGE_OF_RANGE * limit:
                    yield _warn(
                        doc,
                        (*at, "angles", key, motion_name),
                        f"{frame}: {key} {motion_name} of {degrees}° is at the edge of the normal "
                        f"range (up to {limit}°): few clients reach it, so draw a little less",
                    )


def _joint_of(key: str) -> str:
    for joint in JOINT_BY_NAME.values():
        if key in (joint.name, joint.plural, f"left-{joint.name}", f"right-{joint.name}"):
            return joint.name
    raise KeyError(key)
