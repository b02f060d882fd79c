"""Stage 2, validate: loaded data to a `Handbook`, or every problem at once.

Each record is validated on its own, so one broken exercise does not hide the problems of
the others; cross-references are checked against the ids written in the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.errors import HandbookError, Problem, did_you_mean, one_of
from generator.lint import lint
from generator.load import Document, Loc, load_file
from generator.models import Exercise, Handbook, Joint, Record, Routine, is_relative_path


@dataclass(frozen=True)
class Section:
    """A top-level list of the file: its key, the record class and how to name one record."""

    key: str
    model: type[Record]
    noun: str


SECTIONS = (
    Section("joints", Joint, "joint"),
    Section("exercises", Exercise, "exercise"),
    Section("routines", Routine, "routine"),
)

RecordValidator = Callable[[type[Record], dict[str, Any]], Record]
"""Validates one record's data: `model.model_validate(data)`, or the same from a cache."""


def load_handbook(
    path: Path, content_dir: Path | None = None, display_path: str | None = None
) -> Handbook:
    """Load and validate a handbook file; raises `HandbookError` listing every problem.

    `content_dir` is the folder media paths are relative to; when given, image files must
    exist there.
    """
    return validate(load_file(path, display_path), content_dir)


def validate(
    doc: Document,
    content_dir: Path | None = None,
    validate_record: RecordValidator | None = None,
) -> Handbook:
    """Validate loaded data and return the handbook, or raise `HandbookError`.

    `validate_record` validates one record's data (the live preview passes one that keeps
    the records of data it validated before)."""
    problems = [_trap_problem(doc, loc, problem) for loc, problem in doc.traps]
    data = doc.data
    if not isinstance(data, dict):
        shape = "the file must be a mapping with 'joints:', 'exercises:' and 'routines:'"
        raise HandbookError([*problems, doc.problem((), shape)])
    known = [s.key for s in SECTIONS]
    for key in data:
        if key not in known:
            problems.append(
                doc.problem(
                    (key,),
                    f"unknown section '{key}'."
                    f"{did_you_mean(key, [k for k in known if k not in data])} "
                    f"The file has the sections {one_of(known)}.",
                    key=True,
                )
            )
    records: dict[str, list[Any]] = {}
    for section in SECTIONS:
        records[section.key] = list(
            _validate_section(doc, data, section, problems, validate_record or _validate_record)
        )
    if data.get("joints") in (None, []):
        problems.append(
            doc.problem(("joints",), "the file lists no joints: add them under 'joints:'")
        )

    problems.extend(_cross_check(doc, data, content_dir))
    if problems:
        raise HandbookError(problems)
    return Handbook.model_construct(
        joints=sorted(records["joints"], key=lambda j: (j.order, j.id)),
        exercises=records["exercises"],
        routines=records["routines"],
    )


def _validate_record(model: type[Record], item: dict[str, Any]) -> Record:
    return model.model_validate(item)


def _validate_section(
    doc: Document,
    data: dict[str, Any],
    section: Section,
    problems: list[Problem],
    validate_record: RecordValidator,
) -> Iterator[Any]:
    items = data.get(section.key)
    if items is None:
        return
    if not isinstance(items, list):
        problems.append(
            doc.problem(
                (section.key,),
                f"'{section.key}' must be a list of {section.noun}s, each starting with '- '",
            )
        )
        return
    for index, item in enumerate(items):
        loc: Loc = (section.key, index)
        record = _record_name(section, index, item)
        if not isinstance(item, dict):
            problems.append(doc.problem(loc, f"{record} must be a mapping of 'key: value' lines"))
            continue
        try:
            yield validate_record(section.model, item)
        except ValidationError as exc:
            broken = {trap_loc for trap_loc, _ in doc.traps}
            for error in exc.errors():
                full = (*loc, *error["loc"])
                if any(full[:n] in broken for n in range(len(loc), len(full) + 1)):
                    continue  # already reported by the loader, with a better message
                problems.append(_explain(doc, loc, record, section.model, error))


def _trap_problem(doc: Document, loc: Loc, problem: Problem) -> Problem:
    """A loader problem, prefixed with the record and field it belongs to."""
    section = next((s for s in SECTIONS if loc[:1] == (s.key,)), None)
    if section is None or len(loc) < 2 or not isinstance(loc[1], int):
        return problem
    items = doc.data.get(section.key) if isinstance(doc.data, dict) else None
    # A trap is where a value was written, so its index exists.
    item = items[loc[1]] if isinstance(items, list) else None
    where = _record_name(section, loc[1], item)
    if len(loc) > 2:
        where += f", '{_field_name(loc[2:])}'"
    choices = _choices_at(section.model, loc[2:])
    if loc in doc.booleans and choices:
        word = doc.booleans[loc]
        message = (
            f"'{word}' is read by YAML as a yes/no value, and is not one of the choices here: "
            f"write {one_of(choices)}.{did_you_mean(word, choices)}"
        )
        return replace(problem, message=f"{where}: {message}")
    return replace(problem, message=f"{where}: {problem.message}")


def _choices_at(model: type[BaseModel], rel: tuple[str | int, ...]) -> list[str]:
    """The allowed values of a field with fixed choices (an enum), or [] for any other field."""
    if not rel or not isinstance(rel[-1], str):
        return []
    owner = _model_at(model, rel[:-1])
    info = owner.model_fields.get(rel[-1]) if owner else None
    for arg in (info.annotation, *get_args(info.annotation)) if info else ():
        if isinstance(arg, type) and issubclass(arg, Enum):
            return [str(member.value) for member in arg]
    return []


def _record_name(section: Section, index: int, item: Any) -> str:
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return f"{section.noun} '{item['id']}'"
    return f"{section.noun} #{index + 1}"


def _field_name(loc: Iterable[str | int]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1] if parts else ''} item {part + 1}"]
        else:
            parts.append(part)
    return " > ".join(parts)


def _explain(
    doc: Document, base: Loc, record: str, model: type[BaseModel], error: ErrorDetails
) -> Problem:
    """Turn one pydantic error into a message an editor can act on."""
    rel = tuple(p for p in error["loc"] if isinstance(p, (str, int)))
    loc = (*base, *rel)
    kind = error["type"]
    value = error.get("input")
    field = _field_name(rel)
    where = f"{record}, '{field}'" if field else record
    ctx = error.get("ctx", {})

    if kind == "extra_forbidden":
        key = str(rel[-1])
        allowed = _fields_at(model, rel[:-1])
        written = _data_at(doc.data, loc[:-1])
        unused = [k for k in allowed if not (isinstance(written, dict) and k in written)]
        hint = did_you_mean(key, unused) or f" Allowed keys here: {', '.join(allowed)}."
        owner = _field_name(rel[:-1])
        return doc.problem(
            loc,
            f"{record}{', ' + repr(owner) if owner else ''}: unknown key '{key}'.{hint}",
            key=True,
        )
    if kind == "missing":
        key = str(rel[-1])
        owner = _field_name(rel[:-1])
        return doc.problem(
            loc[:-1], f"{record}{', ' + repr(owner) if owner else ''}: '{key}' is missing: add it"
        )
    if kind == "enum":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return doc.problem(
            loc,
            f"{where}: '{value}' is not allowed: write {one_of(allowed)}."
            f"{did_you_mean(str(value), allowed)}",
        )
    if kind == "string_pattern_mismatch":
        return doc.problem(
            loc,
            f"{where}: '{value}' is not a valid id: use lower-case letters, digits and single "
            "hyphens, such as 'glute-bridge'",
        )
    if kind == "string_too_short":
        return doc.problem(loc, f"{where}: is empty: write some text{_or_remove(model, rel)}")
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return doc.problem(
            loc,
            f"{where}: is {len(str(value).strip())} characters long, more than the {limit} "
            f"allowed: {_SHORTEN.get(str(rel[-1] if rel else ''), _SHORTEN['steps'])}",
        )
    if kind == "too_short":
        count = ctx.get("min_length", 1)  # pragma: no mutate (pydantic always gives it)
        return doc.problem(loc, f"{where}: is empty: list at least {count} item{'s' * (count > 1)}")
    if kind == "too_long":
        count = ctx.get("max_length", 1)  # pragma: no mutate (pydantic always gives it)
        return doc.problem(
            loc,
            f"{where}: has {ctx.get('actual_length')} items: list at most {count}",
        )
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return doc.problem(loc, f"{where}: expected a whole number but received {_shown(value)}")
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        small = kind == "greater_than_equal"
        return doc.problem(
            loc,
            f"{where}: {_shown(value)} is too {'small' if small else 'big'}: "
            f"write {'at least' if small else 'at most'} {bound}",
        )
    if kind == "string_type":
        fix = "write one value" if isinstance(value, (list, dict)) else "put it in quotes"
        return doc.problem(loc, f"{where}: expected text but received {_shown(value)}: {fix}")
    if kind == "list_type":
        return doc.problem(
            loc,
            f"{where}: expected a list but received {_shown(value)}: write each item on its own "
            "line starting with '- ', or [] for none",
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return doc.problem(
            loc, f"{where}: expected a mapping of 'key: value' lines but received {_shown(value)}"
        )
    if kind == "value_error":
        return doc.problem(loc, f"{where}: {ctx.get('error', error['msg'])}")
    return doc.problem(loc, f"{where}: {error['msg']}")


# How to shorten a field that is too long, by the field's name (a step's loc ends in its index).
_SHORTEN = {
    "name": "shorten it, and move the rest to 'summary' or 'aliases'",
    "summary": "keep it to one sentence, and move the rest to 'description'",
    "steps": "split it into two or more steps",
}


def _or_remove(model: type[BaseModel], rel: tuple[str | int, ...]) -> str:
    """', or remove the item/key' where removing it is allowed too."""
    if rel and isinstance(rel[-1], int):
        return " or remove the item"
    owner = _model_at(model, rel[:-1])
    info = owner.model_fields.get(str(rel[-1])) if owner and rel else None
    return "" if info is None or info.is_required() else " or remove the key"


def _data_at(data: Any, loc: Loc) -> Any:
    """The loaded value at a location, or None if there is none."""
    for part in loc:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"


def _fields_at(model: type[BaseModel], rel: tuple[str | int, ...]) -> list[str]:
    """The field names allowed at a location inside a record, for did-you-mean hints."""
    current = _model_at(model, rel)
    if current is None:
        return []
    return [info.alias or name for name, info in current.model_fields.items()]


def _model_at(model: type[BaseModel], rel: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The record class of the mapping at a location inside a record (None if it is not one)."""
    current: type[BaseModel] = model
    for part in rel:
        if isinstance(part, int):
            continue
        info = next((i for n, i in current.model_fields.items() if (i.alias or n) == part), None)
        nested = _model_in(info.annotation) if info else None
        if nested is None:
            return None
        current = nested
    return current


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _ids(data: dict[str, Any], key: str) -> dict[str, Loc]:
    """Ids written in a section, where each is first written (duplicates are reported apart)."""
    found: dict[str, Loc] = {}
    for index, item in _records(data, key):
        if isinstance(item.get("id"), str):
            found.setdefault(item["id"], (key, index, "id"))
    return found


def _cross_check(
    doc: Document, data: dict[str, Any], content_dir: Path | None
) -> Iterator[Problem]:
    """Duplicate ids, dangling references, clashing former ids and missing media files."""
    ids = {section.key: _ids(data, section.key) for section in SECTIONS}
    for section in SECTIONS:
        for index, item in _records(data, section.key):
            loc: Loc = (section.key, index, "id")
            item_id = item.get("id")
            first = ids[section.key].get(item_id) if isinstance(item_id, str) else None
            if first is not None and first != loc:
                yield doc.problem(
                    loc,
                    f"{section.noun} '{item['id']}': the id is already used on line "
                    f"{doc.mark(first).line}: give each {section.noun} its own id",
                )
    joints, exercises, routines = ids["joints"], ids["exercises"], ids["routines"]

    orders: dict[int, dict[str, Any]] = {}
    for index, item in _records(data, "joints"):
        order = item.get("order")
        if not isinstance(order, int):
            continue
        if order in orders:
            yield doc.problem(
                ("joints", index, "order"),
                f"joint '{item.get('id')}', 'order': {order} is also the order of "
                f"joint '{orders[order].get('id')}': give each joint its own place from the "
                "ground up",
            )
        else:
            orders[order] = item

    for index, item in _records(data, "exercises"):
        name = f"exercise '{item.get('id')}'"
        refs = item.get("joints")
        if isinstance(refs, list):
            for j, ref in enumerate(refs):
                if isinstance(ref, str) and ref not in joints:
                    yield _dangling(
                        doc, ("exercises", index, "joints", j), name, "joints", ref, "joint", joints
                    )
        for field in ("regression", "progression"):
            ref = item.get(field)
            if isinstance(ref, str) and ref not in exercises:
                yield _dangling(
                    doc, ("exercises", index, field), name, field, ref, "exercise", exercises
                )
        yield from _media_problems(doc, index, item, name, content_dir)
        yield from _former_id_problems(doc, ("exercises", index), item, name, exercises)

    for index, item in _records(data, "routines"):
        name = f"routine '{item.get('id')}'"
        blocks = item.get("blocks")
        for b, block in enumerate(blocks if isinstance(blocks, list) else []):
            entries = block.get("exercises") if isinstance(block, dict) else None
            for e, entry in enumerate(entries if isinstance(entries, list) else []):
                at: Loc = ("routines", index, "blocks", b, "exercises", e)
                ref = entry
                if isinstance(entry, dict):
                    ref, at = entry.get("id"), (*at, "id")
                if isinstance(ref, str) and ref not in exercises:
                    field = f"blocks item {b + 1} > exercises item {e + 1}"
                    yield _dangling(doc, at, name, field, ref, "exercise", exercises)
        yield from _former_id_problems(doc, ("routines", index), item, name, routines)


def _records(data: dict[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    items = data.get(key)
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict):
            yield index, item


def _dangling(
    doc: Document, loc: Loc, record: str, field: str, ref: str, noun: str, known: dict[str, Loc]
) -> Problem:
    return doc.problem(
        loc,
        f"{record}, '{field}': there is no {noun} with the id '{ref}'.{did_you_mean(ref, known)}"
        f" Write the id of {'an' if noun[0] in 'aeiou' else 'a'} {noun} in this file.",
    )


def _former_id_problems(
    doc: Document, base: Loc, item: dict[str, Any], name: str, live: dict[str, Loc]
) -> Iterator[Problem]:
    former = item.get("former_ids")
    for i, old in enumerate(former if isinstance(former, list) else []):
        if isinstance(old, str) and old in live:
            yield doc.problem(
                (*base, "former_ids", i),
                f"{name}, 'former_ids': '{old}' is the id of a current record, so its address "
                "cannot redirect here: remove it from 'former_ids'",
            )


def _media_problems(
    doc: Document, index: int, item: dict[str, Any], name: str, content_dir: Path | None
) -> Iterator[Problem]:
    media = item.get("media")
    if content_dir is None or not isinstance(media, list):
        return
    root = content_dir.resolve()
    for m, medium in enumerate(media):
        if not (isinstance(medium, dict) and isinstance(medium.get("image"), str)):
            continue
        image = medium["image"]
        if not is_relative_path(image):
            continue  # reported by the model
        target = (root / image).resolve()
        at = ("exercises", index, "media", m, "image")
        if not target.is_relative_to(root):
            yield doc.problem(
                at,
                f"{name}, 'media item {m + 1} > image': '{image}' is a link to a file outside "
                f"{content_dir.name}/: copy the image into {content_dir.name}/ instead",
            )
        elif not target.is_file():
            yield doc.problem(
                at,
                f"{name}, 'media item {m + 1} > image': there is no file "
                f"'{content_dir.name}/{image}': add the file or fix the path",
            )


def check(
    path: Path,
    content_dir: Path | None = None,
    display_path: str | None = None,
    load: Callable[[Path, str | None], Document] = load_file,
    validate_record: RecordValidator | None = None,
) -> tuple[Handbook | None, list[Problem]]:
    """Validate and lint a file: the handbook (None when invalid) and every problem found.

    Invalid data gives errors only; a valid handbook gives its lint warnings and notes.
    `load` reads the file and `validate_record` validates one record: the live preview
    passes ones that re-read and re-validate only what changed.
    """
    try:
        doc = load(path, display_path)
        handbook = validate(doc, content_dir, validate_record)
    except HandbookError as exc:
        return None, exc.problems
    return handbook, lint(handbook, doc)
