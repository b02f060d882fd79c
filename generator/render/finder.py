"""The exercise finder's index: what the finder on `/exercises/` filters and searches.

A small JavaScript file, `exercises/finder-index.js`, generated at build time next to the
exercise list. It is a script (not JSON fetched at run time) so the finder also works when
the site is opened from disk (`file://`), where browsers refuse `fetch`.

Each exercise carries only what the finder needs: its id (the list's rows carry the same
id), the words the text box matches (name, other names, muscles) and one list of values per
filter group. Descriptions and steps stay out, so 3,000 exercises load as about 1 MB.

Thumbnails (the exercise's figure, or its first image) are in the list's rows, which the
finder shows and hides, so the index does not carry them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator.models import Exercise, Goal, Handbook, Level, Position

INDEX_PATH = "exercises/finder-index.js"
GLOBAL = "hbFinderIndex"
NO_EQUIPMENT = "none"


@dataclass(frozen=True)
class Option:
    """One choice in a filter group: the value in the URL and the label readers see."""

    value: str
    label: str


@dataclass(frozen=True)
class Group:
    """A filter group (joint, goal, ...): its URL key, its legend and its choices."""

    key: str
    legend: str
    options: list[Option]


def _words(value: str) -> str:
    return value.replace("-", " ").capitalize()


def groups(handbook: Handbook) -> list[Group]:
    """The finder's filter groups, in the order they are shown; only values in use."""
    exercises = handbook.exercises
    used_goals = {e.goal for e in exercises}
    used_levels = {e.level for e in exercises}
    used_positions = {e.position for e in exercises}
    equipment = sorted({item.lower() for e in exercises for item in e.equipment})
    joints = [j for j in handbook.joints if any(j.id in e.joints for e in exercises)]
    no_equipment = (
        [Option(NO_EQUIPMENT, "No equipment")] if any(not e.equipment for e in exercises) else []
    )
    return [
        Group("joint", "Joint", [Option(j.id, j.name) for j in joints]),
        Group("goal", "Goal", [Option(g.value, _words(g)) for g in Goal if g in used_goals]),
        Group(
            "equipment",
            "Equipment",
            no_equipment + [Option(item, item.capitalize()) for item in equipment],
        ),
        Group("level", "Level", [Option(v.value, _words(v)) for v in Level if v in used_levels]),
        Group(
            "position",
            "Position",
            [Option(p.value, _words(p)) for p in Position if p in used_positions],
        ),
    ]


def facets(exercise: Exercise) -> dict[str, list[str]]:
    """The values an exercise has in each filter group."""
    return {
        "joint": list(exercise.joints),
        "goal": [exercise.goal.value],
        "equipment": sorted({i.lower() for i in exercise.equipment}) or [NO_EQUIPMENT],
        "level": [exercise.level.value],
        "position": [exercise.position.value],
    }


def record(exercise: Exercise) -> dict[str, Any]:
    """One exercise as the finder sees it."""
    return {
        "id": exercise.id,
        "name": exercise.name,
        "aliases": list(exercise.aliases),
        "muscles": list(exercise.muscles),
        **facets(exercise),
    }


def finder_index(handbook: Handbook) -> str:
    """The text of `finder-index.js`: one assignment of the index to a global variable."""
    data = {
        "groups": [g.key for g in groups(handbook)],
        "exercises": [record(e) for e in sorted(handbook.exercises, key=lambda e: e.id)],
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"window.{GLOBAL} = {text};\n"
