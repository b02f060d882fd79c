"""Stage 4, render: the handbook to page Markdown through Jinja templates.

Templates live in `generator/templates/handbook/`; a clinic overrides one by putting a file
of the same name in `overrides/handbook/`. Every value from the YAML is HTML-escaped on the
way in (autoescape), so nothing typed in the file becomes live markup, while its Markdown
(`**bold**`, lists, links) still works.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2

from generator.errors import HandbookError, Problem
from generator.figures.cache import figure_alt, figure_path
from generator.render import words
from generator.safety import PRECAUTIONS, RED_FLAGS


class Renderer:
    """Owns the Jinja environment used for every generated page."""

    def __init__(self, override_dirs: Sequence[Path] = ()) -> None:
        loaders: list[jinja2.BaseLoader] = [
            jinja2.FileSystemLoader([str(d) for d in override_dirs]),
            jinja2.PackageLoader("generator", "templates"),
        ]
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["dosage"] = words.dosage
        self.env.filters["duration"] = words.duration
        self.env.filters["cell"] = words.table_cell
        self.env.filters["about_minutes"] = words.about_minutes
        # The safety wording is written once (generator/safety.py) and used on many pages.
        self.env.globals["red_flags"] = RED_FLAGS
        self.env.globals["precaution_texts"] = PRECAUTIONS
        self.env.filters["figure_alt"] = figure_alt
        self.env.filters["figure_path"] = figure_path  # one place knows where figures go
        self.env.filters["figure_size"] = self.figure_size
        self.figure_sizes: dict[str, tuple[int, int]] = {}
        """Each drawn figure's width and height by its path (`figure_path`), set before the
        pages are rendered so an `<img>` keeps its space before the picture loads."""

    def figure_size(self, exercise_id: str) -> str:
        """`width=W height=H` for an exercise figure's `<img>` (attr_list syntax), or nothing
        where no figure was drawn before the pages (a page rendered on its own)."""
        size = self.figure_sizes.get(figure_path(exercise_id))
        return f"width={size[0]} height={size[1]}" if size else ""

    def render(self, name: str, **context: Any) -> str:
        """Render one template; a broken template becomes a `HandbookError` at its line."""
        try:
            return self.env.get_template(name).render(**context)
        except jinja2.TemplateSyntaxError as exc:
            where = exc.filename or exc.name or name
            raise HandbookError(
                [Problem(where, exc.lineno, 1, f"template error: {exc.message}")]
            ) from None
        except jinja2.TemplateError as exc:
            raise HandbookError([Problem(name, 1, 1, f"template error: {exc}")]) from None
