"""Dosage and times in the words a client reads at a glance."""

from __future__ import annotations

from html import unescape

import pytest

from generator.models import Dosage, Side
from generator.render.words import about_minutes, dosage, duration, table_cell
from generator.safe_links import safe_title


@pytest.mark.parametrize(
    ("dose", "words"),
    [
        (Dosage(sets=2, reps=10), "2 × 10 reps"),
        (Dosage(reps="8–12", side=Side.EACH), "8–12 reps, each side"),
        (Dosage(hold=30, side=Side.EACH), "hold 30 s, each side"),
        (Dosage(sets=3, reps=5, hold=5, rest=60), "3 × 5 reps, hold 5 s, rest 1 min"),
        (Dosage(duration=90, side=Side.EACH), "1 min 30 s, each side"),
        (Dosage(sets=2), "2 sets"),
        (Dosage(sets=1), "1 set"),
        (Dosage(side=Side.ALTERNATE, reps=6), "6 reps, alternating sides"),
        (Dosage(), ""),
    ],
)
def test_dosage_in_words(dose: Dosage, words: str) -> None:
    """Every combination reads as one short line."""
    assert dosage(dose) == words


def test_duration_in_minutes_and_seconds() -> None:
    """Minutes and seconds."""
    assert [duration(s) for s in (5, 60, 125)] == ["5 s", "1 min", "2 min 5 s"]


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (0, "about 1 minute"),
        (89, "about 1 minute"),
        (91, "about 2 minutes"),
        (569, "about 9 minutes"),
        (571, "about 10 minutes"),
        (749, "about 10 minutes"),
        (751, "about 15 minutes"),
        (2400, "about 40 minutes"),
    ],
)
def test_about_minutes_at_its_edges(seconds: float, words: str) -> None:
    """Never less than a minute; whole minutes below 9½, where it switches to the nearest
    five; each step at the half."""
    assert about_minutes(seconds) == words


def test_table_cell_keeps_text_in_one_cell() -> None:
    """Pipes and line breaks would split a Markdown table row."""
    assert table_cell("a | b\nc") == "a \\| b c"


def test_safe_title_is_inert_as_html_and_unescaped() -> None:
    """No tag survives, even after Material unescapes a title for <title>; idempotent."""
    title = safe_title("</title><script>alert(1)</script> Hips & knees")
    assert "<" not in unescape(title)
    assert title == "‹/title›‹script›alert(1)‹/script› Hips &amp; knees"
    assert safe_title(title) == title
