"""The review sheet: every figure beside its exercise's name and steps, for a clinician."""

from __future__ import annotations

import base64

from generator.figures.cache import FigureCache, FigureStats, figure_alt
from generator.models import Handbook
from generator.render import Renderer


def render_sheet(handbook: Handbook, renderer: Renderer, cache: FigureCache) -> str:
    """A self-contained HTML page listing every exercise with its figure (or its absence)."""
    stats = FigureStats()
    rows = []
    for exercise in handbook.exercises:
        image = None
        if exercise.figure is not None:
            svg = cache.svg(exercise, stats)
            image = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
        rows.append(
            {
                "exercise": exercise,
                "image": image,
                "alt": figure_alt(exercise) if exercise.figure is not None else "",
            }
        )
    missing = sum(row["image"] is None for row in rows)
    return renderer.render("handbook/figure-sheet.html", rows=rows, missing=missing)
