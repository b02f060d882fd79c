"""Routine times come from the doses: the formula, its words, and where it is shown."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, Build

from generator import timing
from generator.lint import stated_times
from generator.load import load_text
from generator.models import Dosage, Side
from generator.render.words import about_minutes
from generator.timing import dose_seconds, estimate
from generator.validate import load_handbook, validate


@pytest.mark.parametrize(
    ("dose", "seconds"),
    [
        # reps × (tempo + hold) × sets × sides + rest between sets
        (Dosage(reps=10), 10 * 4),
        (Dosage(sets=3, reps=10, hold=2), 3 * 10 * (4 + 2) + 2 * 15),
        (Dosage(sets=2, reps="8–12", side=Side.EACH), 2 * 10 * 4 * 2 + 15),
        (Dosage(sets=3, hold=30, rest=30), 3 * 30 + 2 * 30),
        (Dosage(sets=2, hold=45, side=Side.EACH, rest=0), 2 * 45 * 2),
        (Dosage(duration=60, side=Side.EACH), 120),
        (Dosage(reps=5, side=Side.ALTERNATE), 5 * 4 * 2),
        (Dosage(reps=15, side=Side.BOTH), 15 * 4),
        (Dosage(), 30),
    ],
)
def test_dose_time_follows_the_documented_formula(dose: Dosage, seconds: float) -> None:
    """Every part of the formula counts: reps, tempo, hold, sets, sides, rest, no dose."""
    assert dose_seconds(dose) == seconds


def test_routine_time_adds_setup_by_position_and_uses_the_routine_dose() -> None:
    """A floor exercise takes longer to set up than a standing one; entry doses win."""
    doc = load_text(
        "joints:\n  - {id: hip, name: Hip, need: both, order: 1, summary: s}\n"
        "exercises:\n"
        "  - {id: a, name: A, joints: [hip], goal: strengthen, method: strength,"
        " position: lying, level: beginner, summary: s, steps: [s], dosage: {reps: 10}}\n"
        "  - {id: b, name: B, joints: [hip], goal: strengthen, method: strength,"
        " position: standing, level: beginner, summary: s, steps: [s], dosage: {hold: 30}}\n"
        "routines:\n  - id: r\n    name: R\n    summary: s\n    audience: a\n    blocks:\n"
        "      - title: One\n        exercises: [a, {id: b, dosage: {hold: 60}}]\n"
    )
    handbook = validate(doc)
    time = estimate(handbook, handbook.routines[0])
    assert time.work == 10 * timing.TEMPO + 60
    assert time.setup == timing.FLOOR_SETUP + timing.QUICK_SETUP
    assert time.seconds == time.work + time.setup


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(30, "about 1 minute"), (320, "about 5 minutes"), (560, "about 9 minutes"),
     (810, "about 15 minutes"), (2360, "about 40 minutes"), (600, "about 10 minutes")],
)  # fmt: skip
def test_about_minutes(seconds: float, words: str) -> None:
    """Whole minutes under ten, the nearest five above."""
    assert about_minutes(seconds) == words


def test_starter_routines_state_times_that_agree_with_their_doses() -> None:
    """The low back routine says about 40 minutes, as its doses add up to (review: not 25)."""
    handbook = load_handbook(ROOT / "exercises.yml")
    low_back = next(r for r in handbook.routines if r.id == "low-back")
    time = estimate(handbook, low_back)
    assert 35 <= time.minutes <= 45
    stated = stated_times(low_back.description)
    assert [minutes for _, minutes in stated] == [40]
    for routine in handbook.routines:
        minutes = estimate(handbook, routine).minutes
        for field in (routine.name, routine.summary, routine.description):
            for _, said in stated_times(field):
                assert abs(said - minutes) <= minutes / 4, routine.id


def test_routine_pages_and_handouts_show_the_computed_time(starter_build: Build) -> None:
    """Each routine page (the handout) and the routines list show the estimate in words."""
    handbook = load_handbook(ROOT / "exercises.yml")
    listing = starter_build.page("routines")
    for routine in handbook.routines:
        words = about_minutes(estimate(handbook, routine).seconds)
        assert words in starter_build.page(f"routines/{routine.id}"), routine.id
        assert words in listing
    assert "Each time: <strong>about 40 minutes</strong>" in starter_build.page("routines/low-back")


def test_editors_guide_documents_the_formula_with_its_numbers(starter_build: Build) -> None:
    """The guide prints the constants the code uses, so the two cannot drift."""
    page = starter_build.page("editing")
    section = page[page.index('<h3 id="how-long-a-routine-takes">') :]
    section = re.sub(r"<[^>]+>", "", section[: section.index("<h3", 1)])
    assert f"({timing.TEMPO} s + hold)" in section
    assert f"{timing.DEFAULT_REST} s between sets" in section
    assert f"{timing.QUICK_SETUP} s standing or sitting" in section
    assert f"{timing.FLOOR_SETUP} s for every other position" in section
    assert f"{timing.NO_DOSE} s" in section
