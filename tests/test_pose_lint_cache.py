"""The pose lint checks a figure again only when its input (the figure cache key) changed;
its warnings still come at the lines where the figure is now."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import Problem
from generator.figures import checks
from generator.figures.checks import figure_lint
from generator.load import load_text
from generator.validate import validate

POSES = Path(__file__).parent / "figures" / "poses.yml"
BAD_HIPS = "hips: {flexion: 124}"  # at the edge of the hip's range: one warning


@pytest.fixture
def text() -> str:
    """The golden poses, the bridge's hips bent to the edge of their range."""
    poses = POSES.read_text("utf-8")
    assert poses.count("hips: {flexion: 50}, knees: {flexion: 100}") == 1
    return poses.replace("hips: {flexion: 50}, knees: {flexion: 100}", BAD_HIPS)


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    checks._FOUND.clear()


def lint(text: str) -> list[Problem]:
    doc = load_text(text)
    return list(figure_lint(validate(doc), doc))


def test_an_unchanged_pose_is_not_checked_again(text: str) -> None:
    """Counted: the second lint of the same poses checks none of them."""
    figures = text.count("figure:")
    before = checks.STATS.checked
    first = lint(text)
    assert checks.STATS.checked - before == figures
    assert lint(text) == first
    assert checks.STATS.checked - before == figures
    assert any("hips flexion of 124°" in p.message for p in first)


def test_a_changed_pose_is_checked_again(text: str) -> None:
    """Counted: changing one angle checks that figure only, and its warning goes away."""
    lint(text)
    before = checks.STATS.checked
    fixed = lint(text.replace(BAD_HIPS, "hips: {flexion: 60}"))
    assert checks.STATS.checked - before == 1
    assert not any("hips flexion" in p.message for p in fixed)


def test_a_kept_result_is_reported_where_the_figure_is_now(text: str) -> None:
    """Lines added above a figure move its warnings with it, though nothing is re-checked."""
    first = lint(text)
    before = checks.STATS.checked
    moved = lint(text.replace("    summary: Lift the hips.\n", "    summary: Lift the hips.\n\n\n"))
    assert checks.STATS.checked == before
    assert [(p.line - 2, p.col, p.message) for p in moved] == [
        (p.line, p.col, p.message) for p in first
    ]
