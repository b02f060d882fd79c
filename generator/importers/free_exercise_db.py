"""Import free-exercise-db (github.com/yuhonas/free-exercise-db, public domain) into a handbook.

`python -m generator import free-exercise-db PATH --out FILE` reads its `exercises.json` and
writes an `exercises.yml` whose joints are the starter handbook's, so the result builds as one
site. What is decided by data lives in the mapping table `free_exercise_db.yml` beside this
module (muscles → joints, category → goal and method, equipment names); an editor can copy
and change it (`--mapping FILE`). The rest of the mapping is fixed here:

* ids: free-exercise-db's ids as slugs (`3_4_Sit-Up` → `3-4-sit-up`);
* `instructions` → `steps` (a step longer than the handbook allows is split at sentences);
* `level`: `expert` → `advanced`;
* a foam-roller exercise is self-massage: goal `release`, method `foam-rolling`;
* a static hold among strength work (force `static`, e.g. a plank) is `stabilise` /
  `stability`, unless its main joint needs mobility (then `strengthen`, as lint expects);
* `position` is not in the data: it is read from the words of the name and first steps
  ("lie face down", "kneel", "seated" ...); with no such words it is `standing`, and listed;
* `summary` is written from the goal and the muscles ("Strengthens the glutes and
  hamstrings.").

Images are never imported: the licence of free-exercise-db's photos is unknown. Quirks and
nulls in the data are warnings that name the records, never a crash; a record that cannot
become a valid exercise (no steps, no joint) is left out and listed.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import HandbookError, Problem
from generator.load import Document, load_file
from generator.models import (
    MAX_STEP,
    Goal,
    Joint,
    Level,
    Method,
    Need,
    Position,
)
from generator.validate import validate

MAPPING = Path(__file__).with_name("free_exercise_db.yml")
SOURCE = "free-exercise-db"

LEVELS = {"beginner": Level.BEGINNER, "intermediate": Level.INTERMEDIATE, "expert": Level.ADVANCED}

_LIE = r"(?:(?:lie|lying|lay) (?:down )?)?"
# Words that give away the starting position, most specific first. The earliest match in
# the text wins; on a tie, the one listed first.
POSITIONS: tuple[tuple[Position, str], ...] = (
    (Position.LYING_FACE_DOWN, _LIE + r"(?:face[- ]down|prone|on your stomach|on your belly)"),
    (Position.SIDE_LYING, _LIE + r"(?:on your side|side[- ]lying|on one side)"),
    (Position.HANDS_AND_KNEES, r"hands and knees|hands knees|all fours|quadruped"),
    (Position.PLANK, r"plank|push-?up"),
    (Position.HALF_KNEELING, r"half[- ]kneel|kneel on one knee|on one knee"),
    (Position.KNEELING, r"kneel"),
    (Position.LYING, r"\blie\b|\blying\b|lay down|on your back|supine|\blay\b"),
    (Position.SITTING, r"\bsit\b(?![- ]?ups?\b)|\bsitting\b|\bseated\b|\bseat\b|\bsit down\b"),
    (
        Position.STANDING,
        r"\bstand\b|\bstanding\b|\bstance\b|\bupright\b|feet (?:shoulder|hip)[- ]width|"
        r"\bsquat|deadlift|\blunge|\bwalk|\brun|\bsprint|\bjump|\bhop\b|\bbound",
    ),
)

VERBS = {
    Goal.RELEASE: "Releases",
    Goal.LENGTHEN: "Stretches",
    Goal.MOBILISE: "Moves",
    Goal.STRENGTHEN: "Strengthens",
    Goal.STABILISE: "Trains steady control of",
}


@dataclass(frozen=True)
class Mapping:
    """The editable part of the mapping, read from a `free_exercise_db.yml` table."""

    muscles: dict[str, list[str]]
    categories: dict[str, tuple[Goal, Method]]
    equipment: dict[str, list[str]]


@dataclass
class Report:
    """Warnings of one import, grouped by kind so 800 records give a readable list."""

    groups: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, kind: str, record: str) -> None:
        """Note that `record` has the quirk `kind` (a sentence saying what was done)."""
        self.groups[kind].append(record)

    def lines(self, shown: int = 8) -> list[str]:
        """One warning line per kind: how many records, what was done, and which ones."""
        lines = []
        for kind, records in self.groups.items():
            names = ", ".join(records[:shown]) + (", …" if len(records) > shown else "")
            count = f"{len(records)} record{'s' * (len(records) != 1)}"
            lines.append(f"warning: {count}: {kind}: {names}")
        return lines


@dataclass
class Result:
    """An imported handbook: its data, ready to write, and what the import warned about."""

    data: dict[str, Any]
    report: Report
    source: Path
    read: int
    imported: int
    images: int


def import_file(
    path: Path, starter: Path, mapping_file: Path = MAPPING, *, keep_starter: bool = True
) -> Result:
    """Import free-exercise-db's `exercises.json` (or the folder holding it).

    The joints are the `starter` handbook's. With `keep_starter` its exercises and routines
    stay too, before the imported exercises, so the hand-written pages that link to them
    still build; an imported id that a starter record already has gets a number added.
    Raises `HandbookError` when a file cannot be read or the mapping table is wrong.
    """
    if path.is_dir():
        path = path / "exercises.json"
    records = _read_json(path)
    doc = load_file(starter)
    handbook = validate(doc)
    joints = {j.id: j for j in handbook.joints}
    mapping = read_mapping(mapping_file, set(joints))
    kept = handbook.exercises if keep_starter else []
    taken = {i for e in kept for i in (e.id, *e.former_ids)}
    report = Report()
    exercises: list[dict[str, Any]] = []
    images = 0
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            report.add("not a record (an object with 'name' and 'id'); left out", f"#{index + 1}")
            continue
        images += bool(record.get("images"))
        exercise = convert(record, index, mapping, joints, report)
        if exercise is None:
            continue
        exercise["id"] = _unique(exercise["id"], taken, report)
        exercises.append(exercise)
    # The starter as its editor wrote it ("30s", short routine entries), not as the model
    # reads it.
    data = {
        "joints": doc.data["joints"],
        "exercises": [*(doc.data.get("exercises") or [] if keep_starter else []), *exercises],
        "routines": doc.data.get("routines") or [] if keep_starter else [],
    }
    return Result(data, report, path, len(records), len(exercises), images)


def _read_json(path: Path) -> list[Any]:
    shown = str(path)
    try:
        records = json.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise HandbookError(
            [Problem(shown, 1, 1, f"cannot read the file: {exc.strerror}")]
        ) from None
    except UnicodeDecodeError:
        raise HandbookError([Problem(shown, 1, 1, "the file is not UTF-8 text")]) from None
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg}: is this free-exercise-db's exercises.json?"
        raise HandbookError([Problem(shown, exc.lineno, exc.colno, message)]) from None
    if not isinstance(records, list):
        message = "expected a list of exercises: is this free-exercise-db's exercises.json?"
        raise HandbookError([Problem(shown, 1, 1, message)])
    return records


def read_mapping(path: Path, joint_ids: set[str]) -> Mapping:
    """Read and check a mapping table; every problem is reported at its line."""
    doc = load_file(path)
    problems = [problem for _, problem in doc.traps]
    data = doc.data if isinstance(doc.data, dict) else {}
    muscles = _table(doc, data, "muscles", problems)
    categories = _table(doc, data, "categories", problems)
    equipment = _table(doc, data, "equipment", problems)
    for muscle, ids in muscles.items():
        for i, joint in enumerate(_strings(doc, ("muscles", muscle), ids, problems)):
            if joint not in joint_ids:
                problems.append(
                    doc.problem(
                        ("muscles", muscle, i),
                        f"muscle '{muscle}': '{joint}' is not a joint of the starter handbook: "
                        f"write one of {', '.join(sorted(joint_ids))}",
                    )
                )
    chosen: dict[str, tuple[Goal, Method]] = {}
    for category, value in categories.items():
        pair = _goal_method(doc, category, value, problems)
        if pair is not None:
            chosen[category] = pair
    for name, items in equipment.items():
        _strings(doc, ("equipment", name), items, problems)
    if problems:
        raise HandbookError(problems)
    return Mapping(muscles, chosen, equipment)


def _table(doc: Document, data: dict[str, Any], key: str, problems: list[Problem]) -> Any:
    value = data.get(key)
    if not isinstance(value, dict):
        problems.append(doc.problem((key,), f"'{key}' must be a mapping of 'name: value' lines"))
        return {}
    return value


def _strings(doc: Document, loc: tuple[str, ...], value: Any, problems: list[Problem]) -> list[str]:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    problems.append(doc.problem(loc, f"'{loc[-1]}' must be a list of names, such as [hip]"))
    return []


def _goal_method(
    doc: Document, category: str, value: Any, problems: list[Problem]
) -> tuple[Goal, Method] | None:
    goals, methods = [g.value for g in Goal], [m.value for m in Method]
    if not isinstance(value, dict):
        problems.append(doc.problem(("categories", category), "write {goal: ..., method: ...}"))
        return None
    goal, method = value.get("goal"), value.get("method")
    if goal not in goals:
        problems.append(
            doc.problem(
                ("categories", category, "goal"),
                f"category '{category}': goal '{goal}' is not a goal: write one of "
                f"{', '.join(goals)}",
            )
        )
    if method not in methods:
        problems.append(
            doc.problem(
                ("categories", category, "method"),
                f"category '{category}': method '{method}' is not a method: write one of "
                f"{', '.join(methods)}",
            )
        )
    return (Goal(goal), Method(method)) if goal in goals and method in methods else None


def convert(
    record: dict[str, Any],
    index: int,
    mapping: Mapping,
    joints: dict[str, Joint],
    report: Report,
) -> dict[str, Any] | None:
    """One free-exercise-db record as a handbook exercise, or None (and a warning) if it
    cannot become a valid one."""
    source_id = record.get("id")
    name = _text(record.get("name"))
    shown = str(source_id) if isinstance(source_id, str) and source_id else f"#{index + 1}"
    slug = slugify(source_id if isinstance(source_id, str) else "") or slugify(name)
    if not slug or not name:
        report.add("no id or no name; left out", shown)
        return None

    steps = split_steps(_text(s) for s in _list(record.get("instructions")))
    if not steps:
        report.add("no instructions, and an exercise needs steps; left out", shown)
        return None

    primary = [_text(m) for m in _list(record.get("primaryMuscles"))]
    secondary = [_text(m) for m in _list(record.get("secondaryMuscles"))]
    muscles = _unique_in_order(m for m in primary + secondary if m)
    unknown = [m for m in muscles if m not in mapping.muscles]
    if unknown:
        report.add("muscle not in the mapping table; it adds no joint", shown)
    joint_ids = _unique_in_order(j for m in muscles for j in mapping.muscles.get(m, []))
    if not joint_ids:
        report.add("no muscle maps to a joint of the starter; left out", shown)
        return None

    category = record.get("category")
    if category not in mapping.categories:
        report.add("category missing or not in the mapping table; imported as strength", shown)
    goal, method = mapping.categories.get(str(category), (Goal.STRENGTHEN, Method.STRENGTH))

    equipment_name = record.get("equipment")
    if equipment_name is None:
        report.add("no equipment (null); imported as none: check the steps", shown)
    elif equipment_name == "other":
        report.add("equipment 'other'; imported as none: name it from the steps", shown)
    elif equipment_name not in mapping.equipment:
        report.add("equipment not in the mapping table; kept as written", shown)
    equipment = mapping.equipment.get(str(equipment_name), [])
    if equipment_name not in mapping.equipment and isinstance(equipment_name, str):
        equipment = [equipment_name]

    if equipment_name == "foam roll":
        goal, method = Goal.RELEASE, Method.FOAM_ROLLING
    elif (
        goal is Goal.STRENGTHEN
        and record.get("force") == "static"
        and joints[joint_ids[0]].need is not Need.MOBILITY
    ):
        goal, method = Goal.STABILISE, Method.STABILITY

    level = LEVELS.get(str(record.get("level")))
    if level is None:
        report.add("level missing or unknown; imported as beginner", shown)
        level = Level.BEGINNER

    position = guess_position([name, *steps[:2]])
    if position is None:
        report.add("no starting position in the name or first steps; imported as standing", shown)
        position = Position.STANDING

    return {
        "id": slug,
        "name": name,
        "joints": joint_ids,
        "goal": str(goal),
        "method": str(method),
        "position": str(position),
        "level": str(level),
        "equipment": equipment,
        "muscles": muscles,
        "summary": summary(goal, muscles),
        "steps": steps,
    }


def slugify(text: str) -> str:
    """An id in the handbook's form: lower case, digits and single hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def _text(value: Any) -> str:
    """A string with runs of white space made single; anything else becomes ''."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _unique_in_order(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _unique(slug: str, taken: set[str], report: Report) -> str:
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    if candidate != slug:
        report.add("id already taken by another exercise; a number was added", candidate)
    taken.add(candidate)
    return candidate


def split_steps(instructions: Iterable[str], limit: int = MAX_STEP) -> list[str]:
    """The instructions as steps, a step over `limit` characters split between sentences."""
    steps: list[str] = []
    for text in instructions:
        if not text:
            continue
        current = ""
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            joined = f"{current} {sentence}".strip()
            if current and len(joined) > limit:
                steps.append(current)
                current = sentence
            else:
                current = joined
        steps.extend(_hard_wrap(current, limit))
    return steps


def _hard_wrap(text: str, limit: int) -> list[str]:
    """A single sentence longer than `limit`, cut between words."""
    parts: list[str] = []
    while len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        cut = cut if cut > 0 else limit
        parts.append(text[:cut].strip())
        text = text[cut:].strip()
    return [*parts, text] if text else parts


def guess_position(texts: list[str]) -> Position | None:
    """The starting position named earliest in the first text that names one."""
    for text in texts:
        lowered = text.lower()
        found = [
            (match.start(), rank, position)
            for rank, (position, pattern) in enumerate(POSITIONS)
            if (match := re.search(pattern, lowered))
        ]
        if found:
            return min(found)[2]
    return None


def summary(goal: Goal, muscles: list[str]) -> str:
    """One sentence from the goal and the muscles: 'Strengthens the glutes and hamstrings.'"""
    names = muscles[-1] if len(muscles) == 1 else f"{', '.join(muscles[:-1])} and {muscles[-1]}"
    return f"{VERBS[goal]} the {names}."


class _Dumper(yaml.SafeDumper):
    """Block style, multi-line text as `|` blocks, no aliases: a file an editor can read."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # lists indented under their key, as the starter


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def to_yaml(result: Result) -> str:
    """The imported handbook as the text of an `exercises.yml`, with a header saying where
    it came from."""
    header = (
        "# yaml-language-server: $schema=./exercises.schema.json\n"
        f"#\n# Imported from free-exercise-db ({result.source.name}) by\n"
        "# `python -m generator import free-exercise-db`. The exercise data is in the public\n"
        "# domain (Unlicense). Its photos were not imported: their licence is unknown.\n"
        "# Joints are the starter handbook's; the mapping is generator/importers/"
        "free_exercise_db.yml.\n\n"
    )
    body = yaml.dump(
        result.data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100_000,
        default_flow_style=False,
    )
    return header + body
