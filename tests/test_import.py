"""The free-exercise-db importer: mapping rules, quirks as warnings, and a real strict build."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, ROOT, copy_project, run_build

from generator.cli import main
from generator.errors import HandbookError
from generator.importers import free_exercise_db as fedb
from generator.load import load_file
from generator.models import MAX_STEP, Goal, Position
from generator.validate import validate

SLICE = FIXTURES / "free-exercise-db"
STARTER = ROOT / "exercises.yml"


def record(**fields: Any) -> dict[str, Any]:
    """A free-exercise-db record with every field set, changed by `fields`."""
    base: dict[str, Any] = {
        "id": "Barbell_Squat",
        "name": "Barbell Squat",
        "force": "push",
        "level": "beginner",
        "mechanic": "compound",
        "equipment": "barbell",
        "primaryMuscles": ["quadriceps"],
        "secondaryMuscles": ["glutes", "calves"],
        "instructions": ["Stand with the bar on your back.", "Squat down and stand up."],
        "category": "strength",
        "images": ["Barbell_Squat/0.jpg"],
    }
    return {**base, **fields}


@pytest.fixture(scope="module")
def mapping() -> fedb.Mapping:
    return fedb.read_mapping(fedb.MAPPING, {j.id for j in validate(load_file(STARTER)).joints})


@pytest.fixture(scope="module")
def joints() -> dict[str, Any]:
    return {j.id: j for j in validate(load_file(STARTER)).joints}


def convert(mapping: fedb.Mapping, joints: dict[str, Any], **fields: Any) -> Any:
    report = fedb.Report()
    return fedb.convert(record(**fields), 0, mapping, joints, report), report


def test_a_record_maps_field_by_field(mapping: fedb.Mapping, joints: dict[str, Any]) -> None:
    """Slug id, steps, level, equipment, muscles kept, joints primary first, goal by category."""
    exercise, report = convert(mapping, joints, level="expert")
    assert exercise == {
        "id": "barbell-squat",
        "name": "Barbell Squat",
        "joints": ["knee", "hip", "ankle"],
        "goal": "strengthen",
        "method": "strength",
        "position": "standing",
        "level": "advanced",
        "equipment": ["barbell"],
        "muscles": ["quadriceps", "glutes", "calves"],
        "summary": "Strengthens the quadriceps, glutes and calves.",
        "steps": ["Stand with the bar on your back.", "Squat down and stand up."],
    }
    assert report.lines() == []


@pytest.mark.parametrize(
    ("fields", "goal", "method"),
    [
        ({"category": "stretching", "equipment": None}, "lengthen", "static-stretch"),
        ({"category": "plyometrics"}, "strengthen", "strength"),
        ({"category": "cardio"}, "strengthen", "strength"),
        ({"category": "strongman"}, "strengthen", "strength"),
        ({"category": "stretching", "equipment": "foam roll"}, "release", "foam-rolling"),
        ({"force": "static", "primaryMuscles": ["abdominals"]}, "stabilise", "stability"),
        # A static hold on a joint that needs mobility stays 'strengthen' (lint would warn).
        ({"force": "static", "primaryMuscles": ["chest"]}, "strengthen", "strength"),
    ],
)
def test_category_decides_goal_and_method(
    mapping: fedb.Mapping, joints: dict[str, Any], fields: dict[str, Any], goal: str, method: str
) -> None:
    exercise, _ = convert(mapping, joints, **fields)
    assert (exercise["goal"], exercise["method"]) == (goal, method)


@pytest.mark.parametrize(
    ("equipment", "expected", "warning"),
    [
        ("body only", [], None),
        (None, [], "no equipment (null)"),
        ("other", [], "equipment 'other'"),
        ("e-z curl bar", ["EZ curl bar"], None),
        ("sandbag", ["sandbag"], "equipment not in the mapping table"),
    ],
)
def test_equipment(
    mapping: fedb.Mapping,
    joints: dict[str, Any],
    equipment: str | None,
    expected: list[str],
    warning: str | None,
) -> None:
    exercise, report = convert(mapping, joints, equipment=equipment)
    assert exercise["equipment"] == expected
    assert [kind for kind in report.groups if warning and warning in kind] == (
        [next(iter(report.groups))] if warning else []
    )


@pytest.mark.parametrize(
    ("fields", "warning"),
    [
        ({"instructions": []}, "no instructions"),
        ({"instructions": None}, "no instructions"),
        ({"instructions": ["  ", ""]}, "no instructions"),
        ({"primaryMuscles": ["neck"], "secondaryMuscles": []}, "no muscle maps to a joint"),
        ({"primaryMuscles": None, "secondaryMuscles": None}, "no muscle maps to a joint"),
        ({"id": None, "name": None}, "no id or no name"),
        ({"name": 42}, "no id or no name"),
    ],
)
def test_a_record_that_cannot_be_an_exercise_is_left_out_with_a_warning(
    mapping: fedb.Mapping, joints: dict[str, Any], fields: dict[str, Any], warning: str
) -> None:
    exercise, report = convert(mapping, joints, **fields)
    assert exercise is None
    assert [kind for kind in report.groups] == [next(k for k in report.groups if warning in k)]


@pytest.mark.parametrize(
    ("fields", "warning"),
    [
        ({"level": None}, "level missing or unknown; imported as beginner"),
        ({"category": None}, "category missing or not in the mapping table"),
        ({"secondaryMuscles": ["gills"]}, "muscle not in the mapping table"),
        ({"instructions": ["Grab the bar.", "Lift it."]}, "no starting position"),
    ],
)
def test_quirks_are_warnings_naming_the_record(
    mapping: fedb.Mapping, joints: dict[str, Any], fields: dict[str, Any], warning: str
) -> None:
    exercise, report = convert(mapping, joints, name="Bar Thing", **fields)
    assert exercise is not None
    (line,) = report.lines()
    assert warning in line
    assert line.endswith(": Barbell_Squat")


@pytest.mark.parametrize(
    ("texts", "position"),
    [
        (["3/4 Sit-Up", "Lie down on the floor and secure your feet."], Position.LYING),
        (["Seated Cable Rows", "Grab the handle."], Position.SITTING),
        (["Hip lift", "Lie face down on a mat."], Position.LYING_FACE_DOWN),
        (["Clam", "Lie on your side with knees bent."], Position.SIDE_LYING),
        (["Bird dog", "Start on your hands and knees."], Position.HANDS_AND_KNEES),
        (["Rear leg raise", "Kneel on one knee."], Position.HALF_KNEELING),
        (["Renegade row", "Get into a pushup position."], Position.PLANK),
        (["Press", "Clean the bells.", "Stand tall and press."], Position.STANDING),
        (["Thing", "Grab it.", "Lift it."], None),
    ],
)
def test_position_is_read_from_the_words(texts: list[str], position: Position | None) -> None:
    assert fedb.guess_position(texts) == position


def test_long_instructions_are_split_between_sentences_to_fit_a_step() -> None:
    sentence = "Keep your back straight and your chest up the whole time. "
    steps = fedb.split_steps([sentence * 12, "Short."])
    assert all(len(step) <= MAX_STEP for step in steps)
    assert " ".join(steps) == (sentence * 12).strip() + " Short."
    assert all(step.endswith(".") for step in steps)
    word = "x" * (MAX_STEP + 5)
    assert fedb.split_steps([word]) == [word[:MAX_STEP], word[MAX_STEP:]]


def test_summary_names_the_goal_and_muscles() -> None:
    assert fedb.summary(Goal.LENGTHEN, ["hamstrings"]) == "Stretches the hamstrings."
    assert fedb.summary(Goal.RELEASE, ["calves", "hamstrings"]) == (
        "Releases the calves and hamstrings."
    )


def test_a_mapping_table_error_names_its_line(tmp_path: Path) -> None:
    table = tmp_path / "mapping.yml"
    text = fedb.MAPPING.read_text("utf-8")
    table.write_text(
        text.replace("calves: [ankle]", "calves: [ancle]").replace(
            "cardio: {goal: strengthen", "cardio: {goal: strong"
        ),
        "utf-8",
    )
    with pytest.raises(HandbookError) as caught:
        fedb.read_mapping(table, {"ankle", "knee", "hip"})
    lines = text.splitlines()
    calves = next(i for i, line in enumerate(lines, 1) if "calves: [ankle]" in line)
    cardio = next(i for i, line in enumerate(lines, 1) if line.lstrip().startswith("cardio:"))
    messages = [(p.line, p.message) for p in caught.value.problems]
    assert messages[0][0] == calves
    assert "'ancle' is not a joint of the starter handbook" in messages[0][1]
    assert any(line == cardio and "goal 'strong' is not a goal" in m for line, m in messages)


def test_the_slice_imports_and_builds_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """50 records from free-exercise-db become a handbook that builds with --strict."""
    project = copy_project(ROOT, tmp_path / "imported")
    out = project / "exercises.yml"
    out.unlink()
    assert (
        main(
            ["import", "free-exercise-db", str(SLICE), "--out", str(out), "--starter", str(STARTER)]
        )
        == 0
    )
    printed = capsys.readouterr()
    assert "of 50 records imported as exercises" in printed.out
    assert "0 lint warnings" in printed.out
    assert "none were imported, because their licence is unknown" in printed.out
    assert "no instructions, and an exercise needs steps; left out: Iron_Cross" in printed.err
    assert (
        "id already taken by another exercise; a number was added: ankle-circles-2" in printed.err
    )
    assert not list(project.rglob("*.jpg"))

    handbook = validate(load_file(out))
    starter = validate(load_file(STARTER))
    imported = handbook.exercises[len(starter.exercises) :]
    records = json.loads((SLICE / "exercises.json").read_text("utf-8"))
    assert 40 <= len(imported) < len(records)
    assert all(not e.media for e in imported)
    assert [j.id for j in handbook.joints] == [j.id for j in starter.joints]

    build = run_build(project)
    assert build.returncode == 0, build.output
    assert build.warnings() == []
    html = build.page("exercises/3-4-sit-up")
    assert "Lie down on the floor and secure your feet." in html


def test_only_joints_keeps_nothing_else_from_the_starter(tmp_path: Path) -> None:
    out = tmp_path / "exercises.yml"
    assert (
        main(
            [
                "import",
                "free-exercise-db",
                str(SLICE / "exercises.json"),
                "--out",
                str(out),
                "--starter",
                str(STARTER),
                "--only-joints",
            ]
        )
        == 0
    )
    handbook = validate(load_file(out))
    assert handbook.routines == []
    assert handbook.exercises[0].id == "3-4-sit-up"
    assert "ankle-circles" in {e.id for e in handbook.exercises}


def test_import_never_overwrites_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "exercises.yml"
    out.write_text("keep me", "utf-8")
    args = ["import", "free-exercise-db", str(SLICE), "--out", str(out), "--starter", str(STARTER)]
    assert main(args) == 1
    assert out.read_text("utf-8") == "keep me"
    assert "--force" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0
    assert out.read_text("utf-8").startswith("# yaml-language-server")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read the file"),
        ("[{", "not valid JSON"),
        ('{"a": 1}', "expected a list of exercises"),
    ],
)
def test_a_bad_source_is_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    source = tmp_path / "exercises.json"
    if content is not None:
        source.write_text(content, "utf-8")
    out = tmp_path / "out.yml"
    assert (
        main(
            [
                "import",
                "free-exercise-db",
                str(source),
                "--out",
                str(out),
                "--starter",
                str(STARTER),
            ]
        )
        == 1
    )
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_a_record_that_is_not_an_object_is_left_out(tmp_path: Path) -> None:
    source = tmp_path / "exercises.json"
    records = json.loads((SLICE / "exercises.json").read_text("utf-8"))[:3]
    source.write_text(json.dumps([*records, "oops", None]), "utf-8")
    result = fedb.import_file(source, STARTER, keep_starter=False)
    assert result.imported == 3
    assert any("not a record" in line and "#4, #5" in line for line in result.report.lines())
