"""The editor's guide: every field of the data contract, read from the models themselves.

The guide page cannot drift from the code because it is made from the same classes that
validate `exercises.yml`: names, types in plain words, allowed values, defaults, examples.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, BeforeValidator, StringConstraints
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from generator.models import Handbook, entry_from_id, parse_reps, parse_seconds


@dataclass(frozen=True)
class FieldDoc:
    """One key of a record, described for editors."""

    name: str
    kind: str
    required: bool
    default: str
    allowed: list[str]
    description: str
    example: str


@dataclass(frozen=True)
class ModelDoc:
    """One kind of record (a joint, a dosage, ...) and its keys."""

    name: str
    title: str
    description: str
    fields: list[FieldDoc]


def guide(root: type[BaseModel] = Handbook) -> list[ModelDoc]:
    """Every record type reachable from `root`, parents before children."""
    seen: list[type[BaseModel]] = []
    queue = [root]
    while queue:
        model = queue.pop(0)
        if model in seen:
            continue
        seen.append(model)
        for info in model.model_fields.values():
            queue.extend(m for m in _models_in(info.annotation) if m not in seen)
    return [_describe(model) for model in seen]


def _describe(model: type[BaseModel]) -> ModelDoc:
    doc = (model.__doc__ or "").strip()
    fields = [_field(name, info) for name, info in model.model_fields.items()]
    return ModelDoc(model.__name__, _title(model), doc, fields)


def _title(model: type[BaseModel]) -> str:
    return "The file" if model is Handbook else model.__name__


def _field(name: str, info: FieldInfo) -> FieldDoc:
    required = info.is_required()
    default = "" if required else _shown(info.get_default(call_default_factory=True))
    examples = info.examples or []
    return FieldDoc(
        name=name,
        kind=kind_words(info.annotation, [*info.metadata, info]),
        required=required,
        default=default,
        allowed=_allowed(info.annotation),
        description=info.description or "",
        example=_shown(examples[0]) if examples else "",
    )


def _shown(value: Any) -> str:
    if value is None or value is PydanticUndefined:
        return "none"
    if isinstance(value, BaseModel):
        value = value.model_dump(exclude_none=True) or None
        if value is None:
            return "none"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, str):
        return value or "empty"
    # As an editor would write it in the file: [hip bridge, bridge], {reps: 12}
    flow: str = yaml.safe_dump(
        value, default_flow_style=True, allow_unicode=True, width=1000, sort_keys=False
    )
    return flow.strip().removesuffix("...").strip()


def kind_words(annotation: Any, metadata: list[Any] | None = None) -> str:
    """The type of a field in plain words: 'id', 'list of text', 'time', ..."""
    metadata = list(metadata or [])
    if get_origin(annotation) is Annotated:
        inner, *extra = get_args(annotation)
        return kind_words(inner, [*extra, *metadata])
    for meta in metadata:
        if isinstance(meta, BeforeValidator):
            if meta.func is parse_seconds:
                return "time"
            if meta.func is parse_reps:
                return "number or range"
        if isinstance(meta, BeforeValidator) and meta.func is entry_from_id:
            return "id, or mapping (Entry)"
        if isinstance(meta, StringConstraints) and meta.pattern:
            return "id"
        schema_extra = getattr(meta, "json_schema_extra", None)
        if isinstance(schema_extra, dict) and schema_extra.get("format") == "markdown":
            return "Markdown text"
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        return " or ".join(kind_words(a, metadata) for a in options)
    if origin is list:
        (item,) = get_args(annotation)
        if isinstance(item, type) and issubclass(item, Enum):
            return "list of allowed values"
        return f"list of {kind_words(item)}"
    if isinstance(annotation, type):
        if issubclass(annotation, Enum):
            return "one of the allowed values"
        if issubclass(annotation, BaseModel):
            return f"mapping ({annotation.__name__})"
        if annotation is bool:
            return "true or false"
        if annotation is int:
            return "whole number"
        if annotation is str:
            return "text"
    return str(annotation)


def _allowed(annotation: Any) -> list[str]:
    for arg in (annotation, *_flatten(annotation)):
        if isinstance(arg, type) and issubclass(arg, Enum):
            return [str(member.value) for member in arg]
    return []


def _flatten(annotation: Any) -> list[Any]:
    found: list[Any] = []
    for arg in get_args(annotation):
        found.append(arg)
        found.extend(_flatten(arg))
    return found


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    return [
        arg
        for arg in (annotation, *_flatten(annotation))
        if isinstance(arg, type) and issubclass(arg, BaseModel)
    ]
