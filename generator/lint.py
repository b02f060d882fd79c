"""Clinical lint: a valid handbook that still teaches something wrong.

The rules are warnings by default (`check --strict` and `mkdocs build --strict` make them
errors) except "not used anywhere", which is information only. Each rule is a small function
from the handbook to problems, so a later browser routine builder can run the same list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from pydantic import BaseModel

from generator.errors import Problem, Severity
from generator.fonts import unprintable
from generator.load import Document, Loc
from generator.models import Goal, Handbook, Need
from generator.relations import Relations

LOOSEN = (Goal.LENGTHEN, Goal.RELEASE)

Rule = Callable[[Handbook, Document], Iterator[Problem]]


def lint(handbook: Handbook, doc: Document) -> list[Problem]:
    """Every lint finding of a validated handbook, in file order."""
    found = [problem for rule in RULES for problem in rule(handbook, doc)]
    return sorted(found, key=lambda p: (p.line, p.col, p.message))


def _warn(doc: Document, loc: Loc, message: str, severity: Severity = Severity.WARNING) -> Problem:
    return replace(doc.problem(loc, message), severity=severity)


def strengthen_before_lengthen(handbook: Handbook, doc: Document) -> Iterator[Problem]:
    """Lengthen before you strengthen: loosen a joint's tight side before strengthening it."""
    for r, routine in enumerate(handbook.routines):
        order = [
            (b, e, handbook.exercise(entry.id))
            for b, block in enumerate(routine.blocks)
            for e, entry in enumerate(block.exercises)
        ]
        for i, (b, e, exercise) in enumerate(order):
            if exercise.goal is not Goal.STRENGTHEN:
                continue
            joint = exercise.joints[0]
            loosen = [x for _, _, x in order if x.goal in LOOSEN and x.joints[0] == joint]
            earlier = [x for _, _, x in order[:i] if x.goal in LOOSEN and x.joints[0] == joint]
            if loosen and not earlier:
                yield _warn(
                    doc,
                    ("routines", r, "blocks", b, "exercises", e),
                    f"routine '{routine.id}': '{exercise.id}' strengthens the "
                    f"{handbook.joint(joint).name.lower()} before '{loosen[0].id}' loosens it: "
                    "lengthen before you strengthen, so move it after the stretch",
                )


def goal_fits_joint(handbook: Handbook, doc: Document) -> Iterator[Problem]:
    """Mobilise joints that need mobility; stabilise joints that need stability."""
    for index, exercise in enumerate(handbook.exercises):
        needs = [handbook.joint(j).need for j in exercise.joints]
        loc = ("exercises", index, "goal")
        if exercise.goal is Goal.MOBILISE and all(n is Need.STABILITY for n in needs):
            yield _warn(
                doc,
                loc,
                f"exercise '{exercise.id}' mobilises only joints that need stability "
                f"({', '.join(exercise.joints)}): add the mobile joint it moves, or change "
                "the goal to 'stabilise' or 'strengthen'",
            )
        if exercise.goal is Goal.STABILISE and needs[0] is Need.MOBILITY:
            yield _warn(
                doc,
                loc,
                f"exercise '{exercise.id}' stabilises the {exercise.joints[0]}, which needs "
                "mobility: list the joint it holds steady first, or change the goal",
            )


def option_chains(handbook: Handbook, doc: Document) -> Iterator[Problem]:
    """Easier and harder options lead somewhere: never to the exercise itself, never round."""
    for field in ("regression", "progression"):
        reported: set[str] = set()
        for index, exercise in enumerate(handbook.exercises):
            loc = ("exercises", index, field)
            target = getattr(exercise, field)
            if target == exercise.id:
                yield _warn(
                    doc,
                    loc,
                    f"exercise '{exercise.id}' is its own {field}: name a different exercise "
                    "or remove the key",
                )
                continue
            chain = [exercise.id]
            while target is not None and target not in chain:
                chain.append(target)
                target = getattr(handbook.exercise(target), field)
            if target is not None and target != chain[-1] and exercise.id not in reported:
                cycle = chain[chain.index(target) :]
                # Reported once, at the first of its own members in the file; an exercise
                # that only leads into the circle is not part of it.
                if exercise.id in cycle:
                    reported.update(cycle)
                    yield _warn(
                        doc,
                        loc,
                        f"exercise '{exercise.id}': the {field}s go round in a circle "
                        f"({' → '.join([*cycle, target])}): break the circle",
                    )


def unused_exercises(handbook: Handbook, doc: Document) -> Iterator[Problem]:
    """Exercises no routine uses and no other exercise offers as an option (information)."""
    rel = Relations.of(handbook)
    options = {e.regression for e in handbook.exercises} | {
        e.progression for e in handbook.exercises
    }
    for index, exercise in enumerate(handbook.exercises):
        if not rel.uses[exercise.id] and exercise.id not in options:
            yield _warn(
                doc,
                ("exercises", index, "id"),
                f"exercise '{exercise.id}' is in no routine and is no easier or harder option: "
                "readers find it only on its joint pages and through search",
                Severity.INFO,
            )


def unprintable_characters(handbook: Handbook, doc: Document) -> Iterator[Problem]:
    """Text printed on a handout that no installed font has: the PDF would show empty boxes."""
    printed = {entry.id for routine in handbook.routines for entry in routine.entries()}
    records: list[tuple[Loc, str, BaseModel]] = [
        (("routines", r), f"routine '{routine.id}'", routine)
        for r, routine in enumerate(handbook.routines)
    ]
    records += [
        (("exercises", e), f"exercise '{exercise.id}'", exercise)
        for e, exercise in enumerate(handbook.exercises)
        if exercise.id in printed
    ]
    for base, name, record in records:
        for loc, text in _texts(record.model_dump(), base):
            missing = unprintable(text)
            if missing:
                shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing)
                yield _warn(
                    doc,
                    loc,
                    f"{name}: {shown} cannot be printed: no installed font has "
                    f"{'it' if len(missing) == 1 else 'them'}, so the handout PDF shows an "
                    "empty box. Remove it, or install a font that has it (for emoji, Debian's "
                    "fonts-noto-color-emoji)",
                )


def _texts(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Every string in plain data, with its location."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*loc, index))


RULES: tuple[Rule, ...] = (
    strengthen_before_lengthen,
    goal_fits_joint,
    option_chains,
    unused_exercises,
    unprintable_characters,
)
