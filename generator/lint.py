"""Clinical lint: a valid handbook that still teaches something wrong.

The rules are warnings by default (`check --strict` and `mkdocs build --strict` make them
errors) except "not used anywhere", which is information only. Each rule is a small function
from the handbook to problems, so a later browser routine builder can run the same list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from generator.errors import Problem, Severity
from generator.figures.checks import figure_lint
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
                reported.update(cycle)
                if exercise.id in cycle:
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


RULES: tuple[Rule, ...] = (
    strengthen_before_lengthen,
    goal_fits_joint,
    option_chains,
    unused_exercises,
    figure_lint,
)
