"""Property-based tests: whatever the file holds, the loader ends in a handbook or in clean
`FILE:LINE:COL` messages, never in a traceback.

Thousands of documents per run: mutations of a real handbook (the mistakes editors make:
a deleted character, a stray colon, a tab, a swapped line) and random YAML documents built
from the contract's own keys. Bounded to a couple of minutes in CI.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import HandbookError
from generator.lint import lint
from generator.load import load_text
from generator.render import Renderer
from generator.render.pages import render_pages
from generator.validate import validate

SEED_TEXT = (FIXTURES / "minimal" / "exercises.yml").read_text(encoding="utf-8")
CONTENT = FIXTURES / "minimal" / "content"
YAML_CHARS = st.sampled_from([*":-[]{}&*!|>'\"#%@,?\t\n  abc019", "\u00e9", "\u2013", "\x00"])
FUZZ = settings(
    max_examples=1500,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
RENDERER = Renderer()


def outcome(text: str) -> None:
    """Load, validate, lint and render; only clean problems may come out."""
    try:
        doc = load_text(text, "exercises.yml")
        handbook = validate(doc, CONTENT)
    except HandbookError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.path == "exercises.yml"
            assert problem.line >= 1
            assert problem.col >= 1
            assert problem.message
            assert "Traceback" not in problem.message
        return
    lint(handbook, doc)
    render_pages(handbook, RENDERER)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """The fixture handbook with one to four editor-style slips."""
    lines = SEED_TEXT.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        action = draw(st.sampled_from(["insert", "delete", "duplicate", "swap", "indent", "drop"]))
        if action == "insert":
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(st.text(YAML_CHARS, min_size=1, max_size=4)) + line[at:]
        elif action == "delete" and line:
            at = draw(st.integers(0, len(line) - 1))
            lines[i] = line[:at] + line[at + draw(st.integers(1, 5)) :]
        elif action == "duplicate":
            lines.insert(i, line)
        elif action == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], line
        elif action == "indent":
            lines[i] = draw(st.sampled_from(["", " ", "  ", "\t", "      "])) + line.lstrip(" ")
        elif action == "drop":
            del lines[i]
            if not lines:
                lines = ["\n"]
    return "".join(lines)


KEYS = sorted(
    {
        "joints",
        "exercises",
        "routines",
        "id",
        "name",
        "need",
        "order",
        "summary",
        "description",
        "when_restricted",
        "movements",
        "aliases",
        "goal",
        "method",
        "position",
        "level",
        "equipment",
        "muscles",
        "steps",
        "cues",
        "cautions",
        "dosage",
        "sets",
        "reps",
        "hold",
        "duration",
        "rest",
        "side",
        "notes",
        "regression",
        "progression",
        "media",
        "image",
        "alt",
        "credit",
        "license",
        "video",
        "title",
        "former_ids",
        "audience",
        "schedule",
        "when",
        "frequency",
        "blocks",
        "note",
    }
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 100),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [
            "hip",
            "glute-bridge",
            "mobility",
            "strengthen",
            "30s",
            "8-12",
            "../x",
            "images/x.png",
            "https://a.example/v",
            "javascript:alert(1)",
            "<b>x</b>",
        ]
    ),
    st.text(max_size=12),
)


def documents() -> st.SearchStrategy[Any]:
    """Random nested data using the contract's keys, to be dumped as YAML."""
    return st.recursive(
        SCALARS,
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(st.sampled_from(KEYS), children, max_size=6),
        ),
        max_leaves=40,
    )


@FUZZ
@given(mutated())
def test_mutated_handbooks_never_crash(text: str) -> None:
    """Editor-style slips in a real file end in a handbook or in clean messages."""
    outcome(text)


@settings(FUZZ, max_examples=1500)
@given(documents())
def test_random_documents_never_crash(data: Any) -> None:
    """Any data shaped from the contract's keys is loaded or rejected cleanly."""
    outcome(yaml.safe_dump(data, allow_unicode=True))


@settings(FUZZ, max_examples=300)
@given(st.text(YAML_CHARS, max_size=200))
def test_random_text_never_crashes(text: str) -> None:
    """Even garbage made of YAML's special characters gives clean messages."""
    outcome(text)


def test_fuzz_seed_is_valid() -> None:
    """The mutations start from a valid file, so they explore near-valid documents."""
    doc = load_text(SEED_TEXT)
    assert validate(doc, CONTENT).exercises
    assert Path(CONTENT).is_dir()
