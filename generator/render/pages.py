"""Which pages the handbook generates, and the context each template gets."""

from __future__ import annotations

from dataclasses import dataclass

from generator.figures.bodymap import body_map
from generator.models import Handbook
from generator.relations import Relations
from generator.render import Renderer
from generator.render.guide import guide


@dataclass(frozen=True)
class Page:
    """A generated file: where it goes in the docs tree, and its text."""

    src_uri: str
    content: str


def render_pages(
    handbook: Handbook, renderer: Renderer, *, directory_urls: bool = True
) -> list[Page]:
    """Every generated Markdown page, sorted by path.

    `directory_urls` decides how links inside raw HTML (the body map) are written, since
    MkDocs rewrites only Markdown links.
    """
    rel = Relations.of(handbook)
    common = {"handbook": handbook, "rel": rel}
    drawing, spots = body_map(handbook)
    suffix = "/" if directory_urls else ".html"
    pages = [
        Page(
            "joints/index.md",
            renderer.render(
                "handbook/joints.md", body_map=drawing, spots=spots, suffix=suffix, **common
            ),
        ),
        Page("exercises/index.md", renderer.render("handbook/exercises.md", **common)),
        Page("routines/index.md", renderer.render("handbook/routines.md", **common)),
        Page("editing.md", renderer.render("handbook/editing.md", models=guide())),
    ]
    for joint in handbook.joints:
        below, above = rel.neighbours(joint)
        content = renderer.render(
            "handbook/joint.md", joint=joint, below=below, above=above, **common
        )
        pages.append(Page(f"joints/{joint.id}.md", content))
    for exercise in handbook.exercises:
        content = renderer.render("handbook/exercise.md", exercise=exercise, **common)
        pages.append(Page(f"exercises/{exercise.id}.md", content))
    for routine in handbook.routines:
        content = renderer.render("handbook/routine.md", routine=routine, **common)
        pages.append(Page(f"routines/{routine.id}.md", content))
    return sorted(pages, key=lambda p: p.src_uri)


def render_redirects(handbook: Handbook, renderer: Renderer, *, directory_urls: bool) -> list[Page]:
    """An HTML page at each former id's address that sends the reader to the new one."""
    moves = [("exercises", e.id, old) for e in handbook.exercises for old in e.former_ids]
    moves += [("routines", r.id, old) for r in handbook.routines for old in r.former_ids]
    pages = []
    for section, new, old in moves:
        if directory_urls:
            src, target = f"{section}/{old}/index.html", f"../{new}/"
        else:
            src, target = f"{section}/{old}.html", f"{new}.html"
        pages.append(Page(src, renderer.render("handbook/redirect.html", target=target)))
    return sorted(pages, key=lambda p: p.src_uri)


def nav_entries(handbook: Handbook) -> dict[str, list[tuple[str, str]]]:
    """Titles and paths the nav lists under the joints and routines sections."""
    return {
        "joints/index.md": [(j.name, f"joints/{j.id}.md") for j in handbook.joints],
        "routines/index.md": [(r.name, f"routines/{r.id}.md") for r in handbook.routines],
    }
