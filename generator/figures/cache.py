"""Figures for a handbook: drawn once, kept by a hash of their input."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.figures.draw import RENDERER_VERSION, Drawing, draw
from generator.figures.kinematics import Placed, place_all, resolve
from generator.figures.pose import View
from generator.models import Exercise, Handbook

FIGURES_DIR = "assets/figures"
FIGURE_CACHE = ".cache/handbook/figures"  # beside exercises.yml

_VIEW_WORDS = {
    View.SIDE: "from the side",
    View.FRONT: "from the front",
    View.BACK: "from behind",
    View.TOP: "from above",
    View.THREE_QUARTER: "from the front and side",
}


def figure_path(exercise_id: str) -> str:
    """Where an exercise's figure is published, relative to the docs folder."""
    return f"{FIGURES_DIR}/{exercise_id}.svg"


_SIZE = re.compile(r'<svg [^>]*?width="(\d+)" height="(\d+)"')


def svg_size(svg: str) -> tuple[int, int]:
    """The width and height in pixels written on a figure's root `<svg>` element."""
    found = _SIZE.match(svg)
    if found is None:
        raise ValueError("a figure's <svg> has no width and height")
    return int(found[1]), int(found[2])


def drawing(exercise: Exercise) -> Drawing:
    """Draw an exercise's figure (no cache). The exercise must have one."""
    assert exercise.figure is not None
    poses = resolve(exercise.figure, exercise.position.value)
    return draw(exercise.figure, poses, exercise.equipment, placements(exercise))


def placements(exercise: Exercise) -> tuple[Placed, ...]:
    """Each frame's body as placed in the world (for the pose lint), without drawing."""
    assert exercise.figure is not None
    key = cache_key(exercise)
    if key not in _PLACED:
        if len(_PLACED) > 5000:  # a long `serve` session: start afresh rather than grow
            _PLACED.clear()
        _PLACED[key] = place_all(resolve(exercise.figure, exercise.position.value))
    return _PLACED[key]


# Placed frames by cache key, shared by the pose lint and the drawing within one process.
_PLACED: dict[str, tuple[Placed, ...]] = {}


def cache_key(exercise: Exercise) -> str:
    """A hash of everything a drawing depends on, and the renderer's version."""
    kept = _KEYS.get(id(exercise))
    if kept is not None and kept[0] is exercise:  # records are frozen: the same key
        return kept[1]
    key = _cache_key(exercise)
    if len(_KEYS) > 5000:
        _KEYS.clear()
    _KEYS[id(exercise)] = (exercise, key)
    return key


# Keys by exercise record: the live preview keeps the records a save did not change, and
# the pose lint and the drawing both ask for the key (hashing every figure took 0.1 s).
_KEYS: dict[int, tuple[Exercise, str]] = {}


def _cache_key(exercise: Exercise) -> str:
    assert exercise.figure is not None
    data = {
        "figure": exercise.figure.model_dump(mode="json", by_alias=True, exclude_none=True),
        "contacts": [frame.written_contacts() for frame in exercise.figure.frames],  # in order
        "position": exercise.position.value,
        "equipment": sorted(exercise.equipment),
        "renderer": RENDERER_VERSION,
    }
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:24]


@dataclass
class FigureStats:
    """How many figures a build drew and how many came from the cache."""

    drawn: int = 0
    cached: int = 0
    used: set[str] = field(default_factory=set)

    def summary(self) -> str:
        return f"figures: {self.drawn} drawn, {self.cached} from the cache"


class FigureCache:
    """Drawings on disk (`.cache/handbook/figures/<hash>.svg`) and in memory for `serve`."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.memory: dict[str, str] = {}

    def svg(self, exercise: Exercise, stats: FigureStats) -> str:
        """The exercise's figure as SVG text, drawn only when its input changed."""
        key = cache_key(exercise)
        stats.used.add(key)
        if key in self.memory:
            stats.cached += 1
            return self.memory[key]
        path = self.folder / f"{key}.svg" if self.folder is not None else None
        if path is not None and path.is_file():
            text = path.read_text(encoding="utf-8")
            stats.cached += 1
        else:
            text = drawing(exercise).svg
            stats.drawn += 1
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        self.memory[key] = text
        return text

    def prune(self, stats: FigureStats) -> None:
        """Forget drawings no exercise uses any more."""
        self.memory = {k: v for k, v in self.memory.items() if k in stats.used}
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.glob("*.svg"):
            if path.stem not in stats.used:
                path.unlink()


def render_figures(
    handbook: Handbook, cache: FigureCache, stats: FigureStats
) -> list[tuple[str, str]]:
    """Every exercise figure as (path under the docs folder, SVG text), sorted by path."""
    files = [(figure_path(e.id), cache.svg(e, stats)) for e in handbook.exercises if e.figure]
    return sorted(files)


def plain(text: str) -> str:
    """Markdown inline text as plain words, for alt text."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`\[\]{}<>|#]", "", text).strip()


def figure_alt(exercise: Exercise) -> str:
    """Alt text: what the drawing shows (view, frames, arrows), then the steps it shows."""
    figure = exercise.figure
    assert figure is not None
    count = len(figure.frames)
    if count == 1:
        shows = "one position"
    else:
        shows = f"{count} positions, numbered in order"
        if figure.layout.value == "overlay":
            shows = "the end position over a faded start position"
    arrows = " Arrows show the movement." if figure.arrows else ""
    steps = " ".join(plain(step) for step in exercise.steps)
    seen = _VIEW_WORDS[figure.view]
    return f"Drawing of {plain(exercise.name)}, seen {seen}: {shows}.{arrows} {steps}"
