"""How long a routine takes, worked out from its doses rather than guessed.

For each exercise in a routine, with the dose the routine gives it:

    one set   = reps × (TEMPO + hold)      when it has reps
              = hold                       when it has a hold but no reps
              = duration                   when it has a duration (foam rolling)
              = NO_DOSE                    when it has none of these
    work      = one set × sets × sides     (sides: 2 for 'each' and 'alternate', else 1)
    rest      = rest × (sets − 1)          (DEFAULT_REST when the dose names no rest)
    exercise  = work + rest + setup        (setup by starting position, SETUP below)

A range of reps such as 8–12 counts as its middle (10). The routine's time is the sum.
The editor's guide prints this formula with the numbers below, so they cannot drift.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.models import Dosage, Handbook, Position, Routine, Side

TEMPO = 4
"""Seconds one repetition takes without its hold: about two seconds each way."""

DEFAULT_REST = 15
"""Seconds between sets when the dose does not say."""

NO_DOSE = 30
"""Seconds counted for an exercise whose dose has no reps, hold or duration."""

FLOOR_SETUP = 30
"""Seconds to get into position on the floor, or with a roller, and out again."""

QUICK_SETUP = 10
"""Seconds to get ready for an exercise done standing or sitting on a chair."""

SETUP: dict[Position, int] = {
    position: QUICK_SETUP if position in (Position.STANDING, Position.SITTING) else FLOOR_SETUP
    for position in Position
}

TWO_SIDES = (Side.EACH, Side.ALTERNATE)


@dataclass(frozen=True)
class Estimate:
    """A routine's time: the exercises themselves, and with getting into position."""

    work: float
    setup: int

    @property
    def seconds(self) -> float:
        """Everything: work, rests and setup."""
        return self.work + self.setup

    @property
    def minutes(self) -> float:
        """Everything, in minutes."""
        return self.seconds / 60


def reps_count(reps: int | str) -> float:
    """Repetitions as a number: `10` is 10; the range `'8–12'` counts as its middle, 10."""
    if isinstance(reps, int):
        return reps
    low, high = (int(n) for n in re.findall(r"\d+", reps))
    return (low + high) / 2


def dose_seconds(dose: Dosage) -> float:
    """The time an exercise's dose takes: every set, side and rest, without setup."""
    if dose.reps is not None:
        one_set = reps_count(dose.reps) * (TEMPO + (dose.hold or 0))
    elif dose.hold is not None:
        one_set = dose.hold
    elif dose.duration is not None:
        one_set = dose.duration
    else:
        one_set = NO_DOSE
    sets = dose.sets or 1
    sides = 2 if dose.side in TWO_SIDES else 1
    rest = DEFAULT_REST if dose.rest is None else dose.rest
    return one_set * sets * sides + rest * (sets - 1)


def estimate(handbook: Handbook, routine: Routine) -> Estimate:
    """The time a routine takes, from the doses it gives its exercises."""
    work = 0.0
    setup = 0
    for entry in routine.entries():
        exercise = handbook.exercise(entry.id)
        work += dose_seconds(entry.dosage or exercise.dosage)
        setup += SETUP[exercise.position]
    return Estimate(work=work, setup=setup)
