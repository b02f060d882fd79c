"""The site navigation: the joints and routines sections list their pages, exercises do not.

The nav in `mkdocs.yml` names `joints/index.md` and `routines/index.md`; each becomes a
section holding that index page and one entry per joint or routine. Exercises are left out
on purpose: with hundreds of exercises in the nav, every page would carry every link.
"""

from __future__ import annotations

from typing import Any

from generator.models import Handbook
from generator.render.pages import nav_entries
from generator.safe_links import safe_title

DEFAULT_TITLES = {"joints/index.md": "Joints", "routines/index.md": "Routines"}


def expand_nav(nav: list[Any] | None, handbook: Handbook) -> list[Any] | None:
    """The nav with its joints and routines index entries expanded into sections."""
    if nav is None:
        return None
    entries = nav_entries(handbook)
    return [_expand(item, entries) for item in nav]


def _expand(item: Any, entries: dict[str, list[tuple[str, str]]]) -> Any:
    if isinstance(item, str) and item in entries:
        return {DEFAULT_TITLES[item]: _section(item, entries[item])}
    if isinstance(item, dict) and len(item) == 1:
        ((title, value),) = item.items()
        if isinstance(value, str) and value in entries:
            return {title: _section(value, entries[value])}
        if isinstance(value, list):
            return {title: [_expand(child, entries) for child in value]}
    return item


def _section(index: str, children: list[tuple[str, str]]) -> list[Any]:
    # Material prints nav titles as HTML: names typed in the YAML are made inert here.
    return [index, *({safe_title(title): path} for title, path in children)]
