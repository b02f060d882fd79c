"""The JSON Schema of `exercises.yml`, generated from the models and committed beside it.

Editors with the YAML language server get completion and inline errors from it; a test
fails when the committed file and the models drift apart (`python -m generator schema`
rewrites it).
"""

from __future__ import annotations

import json
from typing import Any

from generator.models import Handbook

SCHEMA_FILE = "exercises.schema.json"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the handbook file."""
    schema = Handbook.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "Exercise handbook (exercises.yml)",
    }


def render_schema() -> str:
    """The schema as committed: stable key order, two-space indent, final newline."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
