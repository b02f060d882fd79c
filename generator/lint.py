"""Clinical lint: a valid handbook that still teaches something wrong.

The rules are warnings by default (`check --strict` and `mkdocs build --strict` make them
errors) except "not used anywhere", which is information only. Each rule is a small function
from the handbook to problems, so a later browser routine builder can run the same list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from pydantic import BaseModel

from generator.errors import Problem, Severity
from generator.figures.checks import figure_lint
from generator.fonts import unprintable
from generator.load import Document, Loc
from generator.models import Goal, Handbook, Need, Precaution
from generator.relations import Relations
from generator.timing import estimate

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
            if target is not None and exercise.id not in reported:
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


UNITS = (
    ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7),
    ("eight", 8), ("nine", 9),
)  # fmt: skip
NUMBER_WORDS = dict(UNITS) | {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
}  # fmt: skip
_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_NUMBER = rf"\d+|(?:twenty|thirty|forty|fifty)[- ](?:{'|'.join(w for w, _ in UNITS)})|{_WORDS}"
# "a five-minute break", "takes about 25 minutes", "in under 10 mins"; not "five minutes is
# worth doing", which is advice, not the routine's length.
STATED_TIME = re.compile(
    rf"\b(?:(?P<adj>{_NUMBER})-minute\b"
    rf"|(?:about|around|roughly|nearly|almost|under|over|only|just|takes|lasts|in)\s+"
    rf"(?P<num>{_NUMBER})\s+(?:minutes|mins)\b"
    r"|(?:about|around|roughly|takes|lasts|in)\s+(?P<half>half an hour)\b)",
    re.IGNORECASE,
)
TOLERANCE = 0.25


def _minutes(number: str) -> int:
    """`25`, `five`, `twenty-five` or `half an hour` as whole minutes."""
    number = number.lower()
    if number.isdigit():
        return int(number)
    if number == "half an hour":
        return 30
    return sum(NUMBER_WORDS[word] for word in re.split(r"[- ]", number))


def stated_times(text: str) -> list[tuple[str, int]]:
    """Every length of time a text states, as (the words, minutes)."""
    found = []
    for match in STATED_TIME.finditer(text):
        number = match["adj"] or match["num"] or match["half"]
        found.append((match[0], _minutes(number)))
    return found


def stated_time_matches_doses(handbook: Handbook, doc: Document) -> Iterator[Problem]:
    """A routine's text that states its length agrees with the time its doses add up to."""
    for r, routine in enumerate(handbook.routines):
        time = estimate(handbook, routine)
        for field in ("name", "summary", "description"):
            for words, minutes in stated_times(getattr(routine, field)):
                if abs(minutes - time.minutes) > TOLERANCE * time.minutes:
                    yield _warn(
                        doc,
                        ("routines", r, field),
                        f"routine '{routine.id}', '{field}': says '{words}', but its doses "
                        f"add up to {round(time.minutes)} minutes with setup (see 'How long a "
                        "routine takes' in the editor's guide): change the text or the doses",
                    )


# Words in a caution that mean it says, in its own words, what a precaution says in standard
# words everywhere.
PRECAUTION_WORDS: dict[Precaution, tuple[str, ...]] = {
    Precaution.PREGNANCY: ("pregnan", "after birth", "postnatal"),
    Precaution.HIP_REPLACEMENT: ("hip replacement", "new hip"),
    Precaution.OSTEOPOROSIS: ("osteoporosis", "thin bones"),
    Precaution.SHOULDER_INSTABILITY: ("dislocat", "out of joint"),
    Precaution.BLOOD_THINNERS: ("blood thinner", "blood clot", "anticoagulant"),
}


def caution_repeats_precaution(handbook: Handbook, doc: Document) -> Iterator[Problem]:
    """Who should ask first is said by `precautions`, in one standard wording, not in cautions."""
    for index, exercise in enumerate(handbook.exercises):
        for c, caution in enumerate(exercise.cautions):
            for precaution, words in PRECAUTION_WORDS.items():
                if any(word in caution.lower() for word in words):
                    yield _warn(
                        doc,
                        ("exercises", index, "cautions", c),
                        f"exercise '{exercise.id}', 'cautions item {c + 1}' is about "
                        f"'{precaution.value}': remove it and add '{precaution.value}' to "
                        "'precautions', which prints the standard words on every page",
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
    stated_time_matches_doses,
    caution_repeats_precaution,
    unprintable_characters,
    figure_lint,
)
