"""Pose lint: a figure that is valid but cannot be right.

Warnings, each at its line: a contact that does not touch its surface, a body part through
the floor, an angle at the edge of the joint's range.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from generator.errors import Problem, Severity
from generator.figures.body import EDGE_OF_RANGE, JOINT_BY_NAME
from generator.figures.cache import cache_key, placements
from generator.figures.draw import contact_gaps, ground_points, through_walls
from generator.load import Document
from generator.models import Exercise, Handbook

TOUCH = 0.03  # metres: closer than this counts as touching
SINK = 0.03  # metres: deeper than this into the floor is wrong


def figure_lint(handbook: Handbook, doc: Document) -> Iterator[Problem]:
    """Pose problems of every exercise figure."""
    for index, exercise in enumerate(handbook.exercises):
        if exercise.figure is not None:
            at = ("exercises", index, "figure")
            for found in findings(exercise):
                message = f"exercise '{exercise.id}', 'figure', frame {found.frame}: {found.text}"
                yield replace(doc.problem((*at, *found.loc), message), severity=Severity.WARNING)


@dataclass(frozen=True)
class Finding:
    """One pose problem of a figure, before it is placed in a file."""

    frame: int
    """1-based frame number."""
    loc: tuple[str | int, ...]
    """Where in the figure (below `figure:`) it is reported."""
    text: str
    """The message, after the frame it is in."""


@dataclass
class CheckStats:
    """How many figures the pose lint checked (the others came from `_FOUND`)."""

    checked: int = 0


STATS = CheckStats()

# Findings by figure cache key: under `mkdocs serve` a figure is checked again only when its
# input changes, not on every save (the geometry took a quarter second at 1,000 exercises).
_FOUND: dict[str, tuple[Finding, ...]] = {}


def findings(exercise: Exercise) -> tuple[Finding, ...]:
    """The pose problems of an exercise's figure, checked once per figure input."""
    key = cache_key(exercise)
    if key not in _FOUND:
        if len(_FOUND) > 5000:  # a long `serve` session: start afresh rather than grow
            _FOUND.clear()
        _FOUND[key] = tuple(_check(exercise))
        STATS.checked += 1
    return _FOUND[key]


def _check(exercise: Exercise) -> Iterator[Finding]:
    assert exercise.figure is not None
    for k, placed in enumerate(placements(exercise)):
        at = ("frames", k)
        frame = k + 1
        for landmark, surface, gap in contact_gaps(placed):
            if abs(gap) > TOUCH:
                where = "above" if gap > 0 else "into"
                yield Finding(
                    frame,
                    (*at, "contacts"),
                    f"'{landmark}' should rest on the {surface} but is "
                    f"{abs(gap) * 100:.0f} cm {where} it: change the angles so it reaches, or "
                    "remove the contact",
                )
        sunk = sorted((low, name) for name, low in ground_points(placed) if low < -SINK)
        if sunk:
            names = ", ".join(f"'{name}'" for _, name in sorted(sunk, key=lambda s: s[1]))
            yield Finding(
                frame,
                at,
                f"{names} go into the floor (up to {-sunk[0][0] * 100:.0f} cm): "
                "change the angles, or add a contact so the body rests on the floor",
            )
        through = sorted(through_walls(placed), key=lambda t: t[1])
        if through:
            names = ", ".join(f"'{name}'" for _, name, _ in through)
            deepest = max(d for _, _, d in through)
            yield Finding(
                frame,
                (*at, "contacts"),
                f"{names} go through the {dict(placed.contacts)[through[0][0]]} "
                f"(up to {deepest * 100:.0f} cm): change the angles or the lean so only "
                f"'{through[0][0]}' meets it",
            )
        angles = exercise.figure.frames[k].written_angles()
        for key, motions in angles.items():
            joint = JOINT_BY_NAME[_joint_of(key)]
            for motion_name, degrees in motions.items():
                limit = next(m.limit for pair in joint.pairs for m in pair if m.name == motion_name)
                if degrees >= EDGE_OF_RANGE * limit:
                    yield Finding(
                        frame,
                        (*at, "angles", key, motion_name),
                        f"{key} {motion_name} of {degrees}° is at the edge of the normal "
                        f"range (up to {limit}°): few clients reach it, so draw a little less",
                    )


def _joint_of(key: str) -> str:
    for joint in JOINT_BY_NAME.values():
        if key in (joint.name, joint.plural, f"left-{joint.name}", f"right-{joint.name}"):
            return joint.name
    raise KeyError(key)
