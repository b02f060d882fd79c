"""Clinical lint: each rule fires on the mistake it names, at its line, and not otherwise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator import fonts
from generator.errors import Severity
from generator.lint import lint, stated_times
from generator.load import load_text
from generator.validate import validate

JOINTS = """\
joints:
  - {id: ankle, name: Ankle, need: mobility, order: 1, summary: Moves.}
  - {id: knee, name: Knee, need: stability, order: 2, summary: Steady.}
  - {id: hip, name: Hip, need: both, order: 3, summary: Both.}
exercises:
"""


def exercise(id: str, goal: str, joints: str = "hip", extra: str = "") -> str:
    """One exercise record as YAML lines."""
    return (
        f"  - {{id: {id}, name: {id}, joints: [{joints}], goal: {goal}, method: strength,"
        f" position: lying, level: beginner, summary: s, steps: [s]{extra}}}\n"
    )


def routine(*ids: str, name: str = "R", description: str = "") -> str:
    """A routine with one block listing `ids` in order."""
    text = f"description: {description}\n    " if description else ""
    return (
        f"routines:\n  - id: r\n    name: {name}\n    summary: s\n    audience: a\n    {text}"
        "blocks:\n      - title: One\n        exercises: [" + ", ".join(ids) + "]\n"
    )


# Ten minutes of work: 3 × 50 reps × 4 s = 600 s, 2 × 15 s rest, 30 s setup (lying).
TEN_MINUTES = exercise("long", "strengthen", extra=", dosage: {sets: 3, reps: 50}")


def findings(text: str) -> list[tuple[int, Severity, str]]:
    doc = load_text(text)
    return [(p.line, p.severity, p.message) for p in lint(validate(doc), doc)]


def warnings(text: str) -> list[tuple[int, str]]:
    return [(line, msg) for line, sev, msg in findings(text) if sev is Severity.WARNING]


CASES = [
    (
        "strengthen before lengthen",
        JOINTS
        + exercise("bridge", "strengthen")
        + exercise("stretch", "lengthen")
        + routine("bridge", "stretch"),
        [(15, "'bridge' strengthens the hip before 'stretch' loosens it")],
    ),
    (
        "lengthen then strengthen is fine",
        JOINTS
        + exercise("bridge", "strengthen")
        + exercise("stretch", "lengthen")
        + routine("stretch", "bridge"),
        [],
    ),
    (
        "strengthen another joint first is fine",
        JOINTS
        + exercise("squat", "strengthen", "knee")
        + exercise("stretch", "lengthen")
        + routine("squat", "stretch"),
        [],
    ),
    (
        "mobilise a stability joint",
        JOINTS + exercise("knee-circles", "mobilise", "knee"),
        [(6, "'knee-circles' mobilises only joints that need stability")],
    ),
    (
        "stabilise a mobility joint",
        JOINTS + exercise("ankle-hold", "stabilise", "ankle"),
        [(6, "'ankle-hold' stabilises the ankle, which needs mobility")],
    ),
    (
        "stabilise a mobility joint listed first, with a stability joint",
        JOINTS + exercise("ankle-hold", "stabilise", "ankle, knee"),
        [(6, "'ankle-hold' stabilises the ankle, which needs mobility")],
    ),
    (
        "own regression",
        JOINTS + exercise("a", "strengthen", extra=", regression: a"),
        [(6, "'a' is its own regression")],
    ),
    (
        "own regression, and a circle after it",
        JOINTS
        + exercise("a", "strengthen", extra=", regression: a")
        + exercise("b", "strengthen", extra=", regression: c")
        + exercise("c", "strengthen", extra=", regression: b"),
        [(6, "'a' is its own regression"), (7, "the regressions go round in a circle (b → c → b)")],
    ),
    (
        "progression circle",
        JOINTS
        + exercise("a", "strengthen", extra=", progression: b")
        + exercise("b", "strengthen", extra=", progression: c")
        + exercise("c", "strengthen", extra=", progression: a"),
        [(6, "the progressions go round in a circle (a → b → c → a)")],
    ),
    (
        "stated time far from the doses",
        JOINTS + TEN_MINUTES + routine("long", description="It takes about 25 minutes."),
        [(12, "'description': says 'about 25 minutes', but its doses add up to 11 minutes")],
    ),
    (
        "stated time in the name, as a word",
        JOINTS + TEN_MINUTES + routine("long", name="Five-minute break"),
        [(9, "'name': says 'Five-minute', but its doses add up to 11 minutes")],
    ),
    (
        "stated time within a quarter is fine",
        JOINTS + TEN_MINUTES + routine("long", description="Takes about ten minutes."),
        [],
    ),
    (
        "stated time a quarter off is still fine",
        # Twelve minutes: an 11 min 30 s hold and 30 s setup; 15 is a quarter more.
        JOINTS
        + exercise("hold", "lengthen", extra=", dosage: {hold: '11 min 30s'}")
        + routine("hold", description="Takes about fifteen minutes."),
        [],
    ),
    (
        "a time that is advice, not the routine's length, is fine",
        JOINTS + TEN_MINUTES + routine("long", description="Even five minutes is worth doing."),
        [],
    ),
    (
        "a caution that says what a precaution says",
        JOINTS
        + exercise("roll", "release", extra=", cautions: [Ask first if you have osteoporosis.]"),
        [(6, "'cautions item 1' is about 'osteoporosis': remove it and add 'osteoporosis'")],
    ),
    (
        "a caution about something else is fine",
        JOINTS + exercise("roll", "release", extra=", cautions: [Keep off the kneecap.]"),
        [],
    ),
    (
        "a circle entered from outside it, listed first",
        JOINTS
        + exercise("a", "strengthen", extra=", progression: b")
        + exercise("b", "strengthen", extra=", progression: c")
        + exercise("c", "strengthen", extra=", progression: b"),
        [(7, "the progressions go round in a circle (b → c → b)")],
    ),
    (
        "a circle entered from outside it, listed last",
        JOINTS
        + exercise("b", "strengthen", extra=", progression: c")
        + exercise("c", "strengthen", extra=", progression: b")
        + exercise("a", "strengthen", extra=", progression: b"),
        [(6, "the progressions go round in a circle (b → c → b)")],
    ),
    (
        "a regression circle",
        JOINTS
        + exercise("a", "strengthen", extra=", regression: b")
        + exercise("b", "strengthen", extra=", regression: a"),
        [(6, "the regressions go round in a circle (a → b → a)")],
    ),
    (
        "a character no font has, in a handout",
        JOINTS
        + exercise("bridge", "strengthen", extra=", cues: [Squeeze 💪 hard]")
        + exercise("plank", "strengthen")
        + routine("bridge", "plank"),
        [
            (
                6,
                "exercise 'bridge': '💪' (U+1F4AA) cannot be printed: no installed font has "
                "it, so the handout PDF shows an empty box.",
            )
        ],
    ),
    (
        "two characters no font has",
        JOINTS
        + exercise("bridge", "strengthen", extra=", cues: [Squeeze 💪 hard 🏋]")
        + routine("bridge"),
        [(6, "'💪' (U+1F4AA), '🏋' (U+1F3CB) cannot be printed: no installed font has them,")],
    ),
    (
        "strengthen before two stretches names the first",
        JOINTS
        + exercise("bridge", "strengthen")
        + exercise("stretch-a", "lengthen")
        + exercise("stretch-b", "lengthen")
        + routine("bridge", "stretch-a", "stretch-b"),
        [(16, "'bridge' strengthens the hip before 'stretch-a' loosens it")],
    ),
    (
        "a stretch of another joint after strengthening is fine",
        JOINTS
        + exercise("bridge", "strengthen")
        + exercise("knee-stretch", "lengthen", "knee")
        + routine("bridge", "knee-stretch"),
        [],
    ),
    (
        "a character no font has, on a page only",
        JOINTS + exercise("bridge", "strengthen", extra=", cues: [Squeeze 💪 hard]"),
        [],
    ),
    (
        "strengthen before lengthen, after stretches of other joints",
        JOINTS
        + exercise("ankle-stretch", "lengthen", "ankle")
        + exercise("knee-stretch", "lengthen", "knee")
        + exercise("bridge", "strengthen")
        + exercise("stretch", "lengthen")
        + routine("ankle-stretch", "knee-stretch", "bridge", "stretch"),
        [(17, "'bridge' strengthens the hip before 'stretch' loosens it")],
    ),
    (
        "a circle is reported at its first member in the file, whatever the ids",
        JOINTS
        + exercise("lunge", "strengthen", extra=", regression: bridge")
        + exercise("bridge", "strengthen", extra=", regression: lunge"),
        [(6, "exercise 'lunge': the regressions go round in a circle (lunge → bridge → lunge)")],
    ),
    (
        "an option that is its own option is no circle for those leading to it",
        JOINTS
        + exercise("a", "strengthen", extra=", progression: b")
        + exercise("b", "strengthen", extra=", progression: b"),
        [(7, "exercise 'b' is its own progression")],
    ),
    (
        "a chain is fine",
        JOINTS
        + exercise("a", "strengthen", extra=", progression: b")
        + exercise("b", "strengthen", extra=", progression: c, regression: a")
        + exercise("c", "strengthen", extra=", regression: b"),
        [],
    ),
]


@pytest.fixture
def fonts_without_emoji(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fonts that have every character up to U+2FFF (Latin, Greek, Cyrillic, punctuation,
    arrows, ticks) and no emoji, in place of this machine's, which may have an emoji font."""
    monkeypatch.setattr(fonts, "_ranges", lambda: ((0x20,), (0x2FFF,)))


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_lint_rule(
    name: str, text: str, expected: list[tuple[int, str]], fonts_without_emoji: None
) -> None:
    """Each rule reports the right line with its message, and stays quiet on good data."""
    found = warnings(text)
    assert len(found) == len(expected), found
    for (line, message), (want_line, want) in zip(found, expected, strict=True):
        assert line == want_line
        assert want in message


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("Take a one-minute break.", [1]),
        ("Two-minute warm-up, then a three-minute walk.", [2, 3]),
        ("Lasts about four minutes, or five minutes with the extras.", [4]),
        ("A five-minute routine; six-minute version; seven-minute version.", [5, 6, 7]),
        ("In eight minutes; in under nine mins.", [8, 9]),
        ("About ten minutes; about eleven minutes; about twelve minutes.", [10, 11, 12]),
        ("Takes thirteen minutes, around fourteen minutes, nearly fifteen minutes.", [13, 14, 15]),
        ("Over sixteen minutes, roughly seventeen minutes, almost eighteen mins.", [16, 17, 18]),
        ("Just nineteen minutes; only twenty minutes; a twenty-five-minute class.", [19, 20, 25]),
        ("About thirty minutes, about forty minutes, about fifty minutes.", [30, 40, 50]),
        ("About sixty minutes, about half an hour, in forty five minutes.", [60, 30, 45]),
        ("Takes 25 minutes; a 10-minute break; about Thirty-Five minutes.", [25, 10, 35]),
    ],
)
def test_stated_times_read_every_number_word(text: str, minutes: list[int]) -> None:
    """A routine's text may state its length in words; each word counts as its number, so
    "about seventeen minutes" is checked against 17 minutes of doses."""
    assert [said for _, said in stated_times(text)] == minutes


def test_unused_exercise_is_only_a_note() -> None:
    """An exercise in no routine and no option chain is information, not a warning."""
    found = findings(JOINTS + exercise("lonely", "strengthen") + exercise("used", "strengthen"))
    assert [(line, sev) for line, sev, _ in found] == [(6, Severity.INFO), (7, Severity.INFO)]
    assert found[0][2] == (
        "exercise 'lonely' is in no routine and is no easier or harder option: readers find "
        "it only on its joint pages and through search"
    )
    offered = (
        JOINTS
        + exercise("easy", "strengthen")
        + exercise("hard", "strengthen", extra=", regression: easy")
    )
    assert [line for line, _, _ in findings(offered + routine("hard"))] == []
    assert [line for line, _, _ in findings(offered)] == [7]
    harder = JOINTS + exercise("easy", "strengthen", extra=", progression: hard")
    harder += exercise("hard", "strengthen")
    assert [line for line, _, _ in findings(harder + routine("easy"))] == []


def test_check_strict_turns_warnings_into_failure(tmp_path: Path) -> None:
    """`check` passes with warnings; `check --strict` exits 1."""
    path = tmp_path / "exercises.yml"
    path.write_text(JOINTS + exercise("knee-circles", "mobilise", "knee"))

    def run(*flags: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "generator", "check", str(path), *flags],
            capture_output=True,
            text=True,
            check=False,
        )

    relaxed, strict = run(), run("--strict")
    assert relaxed.returncode == 0
    assert "warning: exercise 'knee-circles'" in relaxed.stdout
    assert strict.returncode == 1


def test_starter_handbook_is_lint_clean() -> None:
    """The shipped handbook builds with --strict, so it must have no lint warnings."""
    doc = load_text((Path(__file__).parent.parent / "exercises.yml").read_text())
    handbook = validate(doc)
    assert [p for p in lint(handbook, doc) if p.severity is Severity.WARNING] == []
    # The same check speaks once the starter breaks a rule, so the rules are really run.
    first, *rest = handbook.exercises
    broken = handbook.model_copy(
        update={"exercises": [first.model_copy(update={"regression": first.id}), *rest]}
    )
    (warning,) = [p for p in lint(broken, doc) if p.severity is Severity.WARNING]
    assert f"'{first.id}' is its own regression" in warning.message


@pytest.mark.skipif(fonts._ranges() is None, reason="fontconfig (fc-list) is not installed")
def test_installed_fonts_are_read_from_fontconfig() -> None:
    """The real font list: text prints; U+FFFF, a code point that is never a character, does
    not; marks and joiners are drawn with the letter before them and are never missing."""
    assert fonts.unprintable("Squeeze, hold 30 s → relax ✓") == []
    assert fonts.unprintable("a\uffffb\uffff") == ["\uffff"]
    assert fonts.unprintable("e\u0301\u200d") == []
