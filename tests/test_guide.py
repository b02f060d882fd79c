"""The editor's guide page lists every field of every record type, straight from the models."""

from __future__ import annotations

import re

from conftest import Build
from pydantic import BaseModel

from generator.figures.pose import MOTION_MODELS, Angles, Arrow, Contacts, Figure, Frame, Prop
from generator.models import Block, Dosage, Entry, Exercise, Handbook, Joint, Media, Phase, Routine
from generator.render.guide import guide, kind_words

ALL_MODELS: list[type[BaseModel]] = [
    Handbook,
    Joint,
    Exercise,
    Routine,
    Dosage,
    Media,
    Phase,
    Block,
    Entry,
]


FIGURE_MODELS: list[type[BaseModel]] = [
    Figure, Frame, Angles, Contacts, Prop, Arrow, *MOTION_MODELS.values()
]  # fmt: skip


def test_guide_covers_every_record_type() -> None:
    """Walking the models from the file's root reaches every record type once, the figure's
    too."""
    expected = ALL_MODELS + FIGURE_MODELS
    assert sorted(m.name for m in guide()) == sorted(m.__name__ for m in expected)


def test_built_guide_lists_every_field(starter_build: Build) -> None:
    """Each record type's table on /editing/ has exactly the model's keys, in order."""
    html = starter_build.page("editing")
    sections = re.split(r'<h3 id="[^"]*">', html)
    tables: dict[str, list[str]] = {}
    for section in sections[1:]:
        title = section[: section.index("<")]
        tables[title] = re.findall(r"<tr>\s*<td><code>([a-z_]+)</code></td>", section)
    for model in ALL_MODELS:
        title = "The file" if model is Handbook else model.__name__
        assert tables.get(title) == list(model.model_fields), title


def test_types_read_as_plain_words() -> None:
    """Editors see 'time', 'id' and 'list of text', not Python types."""
    words = {(m.name, f.name): f.kind for m in guide() for f in m.fields}
    assert words[("Dosage", "hold")] == "time"
    assert words[("Exercise", "id")] == "id"
    assert words[("Exercise", "steps")] == "list of text"
    assert words[("Joint", "description")] == "Markdown text"
    assert words[("Block", "exercises")] == "list of id, or mapping (Entry)"
    assert kind_words(int) == "whole number"


def test_guide_shows_allowed_values_and_defaults() -> None:
    """Enum fields list their values; optional fields say their default."""
    fields = {(m.name, f.name): f for m in guide() for f in m.fields}
    goal = fields[("Exercise", "goal")]
    assert goal.allowed == ["release", "lengthen", "mobilise", "strengthen", "stabilise"]
    assert goal.required
    assert fields[("Exercise", "equipment")].default == "[]"
    assert fields[("Exercise", "aliases")].example == "[hip bridge, bridge]"
