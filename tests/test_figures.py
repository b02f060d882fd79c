"""Figures: drawn from pose data, the same bytes every time, cached, linted, on the pages."""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Build

from generator.errors import Severity
from generator.figures.bodymap import body_map
from generator.figures.cache import FigureCache, FigureStats, drawing, figure_alt, render_figures
from generator.figures.checks import figure_lint
from generator.figures.draw import draw
from generator.figures.kinematics import resolve
from generator.figures.pose import Figure
from generator.load import load_file
from generator.models import Handbook
from generator.validate import check, validate

HERE = Path(__file__).parent / "figures"
ROOT = Path(__file__).parent.parent


def _handbook(path: Path) -> Handbook:
    handbook, problems = check(path)
    assert handbook is not None, problems
    return handbook


@pytest.fixture(scope="module")
def poses() -> Handbook:
    return _handbook(HERE / "poses.yml")


@pytest.fixture(scope="module")
def starter() -> Handbook:
    return _handbook(ROOT / "exercises.yml")


@pytest.mark.parametrize("exercise_id", ["bridge", "squat", "wall-lean"])
def test_drawing_matches_its_golden_svg(poses: Handbook, exercise_id: str) -> None:
    """The same pose gives the same bytes: a renderer change shows up as a diff here."""
    svg = drawing(poses.exercise(exercise_id)).svg
    golden = HERE / f"{exercise_id}.svg"
    if os.environ.get("UPDATE_FIGURES"):
        golden.write_text(svg, encoding="utf-8")
    assert svg == golden.read_text(encoding="utf-8")
    assert svg == drawing(poses.exercise(exercise_id)).svg


def test_cache_draws_each_figure_once(poses: Handbook, tmp_path: Path) -> None:
    """A second build draws nothing; a new cache on the same folder reads from disk."""
    first = FigureStats()
    render_figures(poses, FigureCache(tmp_path), first)
    assert (first.drawn, first.cached) == (3, 0)
    again = FigureStats()
    render_figures(poses, FigureCache(tmp_path), again)
    assert (again.drawn, again.cached) == (0, 3)
    assert len(list(tmp_path.glob("*.svg"))) == 3


def test_a_changed_pose_is_drawn_again_and_the_old_drawing_pruned(tmp_path: Path) -> None:
    text = (HERE / "poses.yml").read_text(encoding="utf-8")
    data = tmp_path / "exercises.yml"
    data.write_text(text, encoding="utf-8")
    cache = FigureCache(tmp_path / "cache")
    render_figures(_handbook(data), cache, FigureStats())
    data.write_text(text.replace("knees: {flexion: 100}", "knees: {flexion: 95}"), "utf-8")
    stats = FigureStats()
    render_figures(_handbook(data), cache, stats)
    assert (stats.drawn, stats.cached) == (2, 1)  # the bridge and the squat changed
    cache.prune(stats)
    assert len(list((tmp_path / "cache").glob("*.svg"))) == 3


def test_pose_lint_finds_a_floating_contact_a_sunk_body_and_an_extreme_angle(
    tmp_path: Path,
) -> None:
    text = (HERE / "poses.yml").read_text(encoding="utf-8")
    text = text.replace(
        "contacts: {upper-back: floor, pelvis: floor, feet: floor}",
        "contacts: {upper-back: floor, pelvis: floor, feet: floor}\n          lean: 0",
    )
    text = text.replace("hips: {flexion: 50}, knees: {flexion: 100}", "hips: {flexion: 124}")
    text = text.replace("neck: {flexion: 30}, shoulders: {extension: 30}", "neck: {extension: 20}")
    data = tmp_path / "exercises.yml"
    data.write_text(text, encoding="utf-8")
    doc = load_file(data, "exercises.yml")
    found = list(figure_lint(validate(doc), doc))
    messages = [f"{p.line}: {p.message}" for p in found]
    assert all(p.severity is Severity.WARNING for p in found)
    assert any(
        m.startswith("22: ") and "'feet' should rest on the floor but is" in m for m in messages
    ), messages
    assert any(
        m.startswith("21: ") and "hips flexion of 124° is at the edge" in m for m in messages
    )
    assert any(
        m.startswith("24: ") and "go into the floor" in m and "'head'" in m for m in messages
    )


def test_starter_figures_have_no_pose_lint(starter: Handbook) -> None:
    doc = load_file(ROOT / "exercises.yml", "exercises.yml")
    assert [str(p) for p in figure_lint(starter, doc)] == []


def test_every_starter_exercise_has_a_small_figure(starter: Handbook) -> None:
    """Every exercise has a drawing of 20 KB or less, with no words in it."""
    assert [e.id for e in starter.exercises if e.figure is None] == []
    svgs = {e.id: drawing(e).svg for e in starter.exercises if e.figure}
    sizes = {key: len(svg.encode()) for key, svg in svgs.items()}
    assert max(sizes.values()) <= 20_000, sorted(sizes.items(), key=lambda kv: -kv[1])[:3]
    # No words in a drawing: nothing to translate, and no small print on a handout.
    assert [key for key, svg in svgs.items() if "<text" in svg] == []


def test_alt_text_says_what_is_drawn_and_keeps_markup_out(poses: Handbook) -> None:
    alt = figure_alt(poses.exercise("bridge"))
    assert alt.startswith("Drawing of Bridge, seen from the side: 2 positions")
    assert "Lift your hips." in alt
    hostile = poses.exercise("bridge").model_copy(update={"name": "<b>[x](javascript:1)</b>"})
    assert "<" not in figure_alt(hostile) and "javascript" not in figure_alt(hostile)


def test_body_map_marks_every_joint_of_the_starter(starter: Handbook) -> None:
    svg, spots = body_map(starter)
    assert svg.startswith("<svg") and "</svg>" not in svg
    assert [s.joint_id for s in spots] == [j.id for j in starter.joints]
    for spot in spots:
        assert spot.label.startswith(f"{spot.name}: needs ")
        for x, y in spot.points:
            assert re.fullmatch(r"-?\d+(\.\d)?", x) and re.fullmatch(r"-?\d+(\.\d)?", y)


def test_built_pages_show_the_figures_and_the_body_map_links(starter_build: Build) -> None:
    """Every joint on the body map is a named link to its page; every exercise page, joint
    list and handout card shows the drawn figure, which is a file of the site."""
    html = starter_build.page("joints")
    links = re.findall(
        r'<a href="([a-z0-9-]+)/" class="hb-bodymap__link[^"]*" aria-label="([^"]+)"', html
    )
    handbook = _handbook(ROOT / "exercises.yml")
    assert [href for href, _ in links] == [j.id for j in handbook.joints]
    for href, label in links:
        assert (starter_build.site / "joints" / href / "index.html").is_file()
        assert "needs" in label
    page = starter_build.page("exercises/glute-bridge")
    img = re.search(r'<img alt="([^"]*)" class="hb-drawing__img" height="\d+" src="([^"]*)"', page)
    assert img is not None
    assert img[1].startswith("Drawing of Glute bridge, seen from the side")
    assert img[2] == "../../assets/figures/glute-bridge.svg"
    assert (starter_build.site / "assets/figures/glute-bridge.svg").is_file()
    assert 'src="../../assets/figures/glute-bridge.svg"' in starter_build.page("joints/hip")
    assert 'src="../../assets/figures/glute-bridge.svg"' in starter_build.page("routines/low-back")


def test_review_sheet_lists_every_exercise_with_its_figure_and_steps(tmp_path: Path) -> None:
    """`python -m generator figures --sheet` writes one self-contained page for sign-off."""
    out, data = tmp_path / "sheet.html", tmp_path / "poses.yml"
    data.write_text((HERE / "poses.yml").read_text("utf-8"), "utf-8")  # its cache goes here
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "figures",
            str(data),
            "--sheet",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 of 3 exercises have a figure" in result.stdout
    html = out.read_text(encoding="utf-8")
    assert html.count('<img src="data:image/svg+xml;base64,') == 3
    assert "Lift your hips." in html and "Right as drawn" in html
    assert "http" not in html.replace("http://www.w3.org/2000/svg", "")


def test_pose_lint_finds_a_body_through_the_wall(tmp_path: Path) -> None:
    """Leaning far into a wall with the hands low puts the head through it."""
    text = (HERE / "poses.yml").read_text(encoding="utf-8")
    text = text.replace("angles: {shoulders: {flexion: 90}}", "angles: {shoulders: {flexion: 20}}")
    data = tmp_path / "exercises.yml"
    data.write_text(text.replace("lean: 15", "lean: 40"), encoding="utf-8")
    doc = load_file(data, "exercises.yml")
    messages = [f"{p.line}: {p.message}" for p in figure_lint(validate(doc), doc)]
    assert len(messages) == 1
    assert messages[0].startswith("59: exercise 'wall-lean', 'figure', frame 1: ")
    assert "'head'" in messages[0] and "go through the wall" in messages[0]


def test_an_around_arrow_circles_its_body_part() -> None:
    """`direction: around` draws most of a loop round the part (ankle circles), where an
    up/down/left/right arrow is a straight stroke."""
    figure = Figure.model_validate(
        {
            "close-up": "right-foot",
            "frames": [{"angles": {"right-knee": {"flexion": 70}}}],
            "arrows": [{"at": "right-toes", "direction": "around"}],
        }
    )
    svg = draw(figure, resolve(figure, "sitting")).svg
    (path,) = re.findall(r'<path d="([^"]+)" fill="none" stroke="#c8410b"', svg)
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path)]
    xs, ys = numbers[0::2], numbers[1::2]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert width > 5 and height > 5  # a loop, not a stroke
    assert math.dist((xs[0], ys[0]), (xs[-1], ys[-1])) < width  # it comes back round
