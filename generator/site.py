"""Stage 5, outputs: everything the handbook adds to a MkDocs-style project, engine-free.

One function, `generate`, checks the data and renders every generated page with its front
matter complete: a safe `title`, and on routine pages the handout's data (clinic, paper,
QR code, PDF) and the `handout-page.html` template that reads it. The MkDocs plugin
(`plugin.py`) serves these pages as virtual files; the export (`export.py`) writes them out
for any engine. Both apply the same settings below to the site's config, so the two paths
cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.meta import get_data

from generator.config import HandbookConfig
from generator.errors import HandbookError, Problem
from generator.figures.cache import (
    FIGURE_CACHE,
    FigureCache,
    FigureStats,
    render_figures,
    svg_size,
)
from generator.handout import handout
from generator.models import Handbook
from generator.nav import expand_nav
from generator.preview import Preview
from generator.render import Renderer
from generator.render.pages import Page, render_pages, render_redirects
from generator.safe_links import safe_title
from generator.validate import check

THEME = Path(__file__).parent / "theme"
"""`handout.html`, `handout-page.html` and their assets; the project's `custom_dir` wins."""

TEMPLATES = Path(__file__).parent / "templates"
MARKDOWN_EXTENSION = "generator.safe_links"
"""Removes script links on every page; listed by dotted path so any engine can load it."""

EXTRA_CSS = "assets/stylesheets/handout.css"
EXTRA_JAVASCRIPT = "assets/javascripts/handout.js"
HANDOUT_TEMPLATE = "handout-page.html"
NOT_IN_NAV = "/exercises/*.md\n!/exercises/index.md"
"""Exercise pages are reached from joints, routines and search, not from the nav: with
hundreds of exercises in the nav every page would carry every link (`not_in_nav` syntax)."""

_HEADING = re.compile(r"\A\s*# (.+?)\s*$", re.MULTILINE)


class SiteError(Exception):
    """The project cannot hold the handbook (a page in the way, a missing logo)."""


@dataclass(frozen=True)
class Generated:
    """The handbook's part of a site: its pages, its nav, and what lint had to say."""

    handbook: Handbook
    pages: list[Page]
    nav: list[Any] | None
    problems: list[Problem]
    """Lint warnings and notes on valid data (errors raise `HandbookError` instead)."""
    figures: FigureStats
    """How many exercise figures were drawn, and how many came from the cache."""


def project_dir(config: MkDocsConfig) -> Path:
    """The folder of `mkdocs.yml`, which the plugin's paths are relative to."""
    return Path(config.config_file_path).parent


def generate(
    config: MkDocsConfig, options: HandbookConfig, preview: Preview | None = None
) -> Generated:
    """Check the data and render every page; bad data raises `HandbookError`.

    Under `mkdocs serve` (`preview` active) the Jinja environment is kept between saves,
    handouts say that `make build` makes their PDF, and QR codes keep the published address.
    """
    project = project_dir(config)
    data, docs_dir = project / options.database, Path(config.docs_dir)
    if preview and preview.active:  # re-read and re-validate only what a save changed
        reloader = preview.reloader
        handbook, problems = check(
            data, docs_dir, options.database, reloader.load, reloader.validate_record
        )
    else:
        handbook, problems = check(data, docs_dir, options.database)
    if handbook is None:
        raise HandbookError(problems)
    templates = [project / options.templates]
    renderer = preview.renderer(templates) if preview else Renderer(templates)
    published = preview.published_url(config) if preview and preview.active else None
    previewing = published is not None or bool(preview and preview.active)
    site_url = published or config.site_url
    # Figures first, so pages can give each picture its size before it loads.
    figures = FigureStats()
    cache = FigureCache(project / FIGURE_CACHE)
    drawn = render_figures(handbook, cache, figures)
    cache.prune(figures)
    renderer.figure_sizes = {path: svg_size(svg) for path, svg in drawn}
    routines = {f"routines/{r.id}.md": r.id for r in handbook.routines}
    read = preview.front_matter if preview and preview.active else get_data
    pages = []
    for page in render_pages(handbook, renderer, directory_urls=config.use_directory_urls):
        routine_id = routines.get(page.src_uri)
        meta = (
            {}
            if routine_id is None
            else handout_meta(routine_id, page, config, options, site_url, preview=previewing)
        )
        pages.append(with_front_matter(page, meta, read))
    pages += render_redirects(handbook, renderer, directory_urls=config.use_directory_urls)
    pages += [Page(path, svg) for path, svg in drawn]
    _check_clashes(pages, Path(config.docs_dir))
    _check_logo(options, config)
    return Generated(handbook, pages, expand_nav(config.nav, handbook), problems, figures)


def handout_meta(
    routine_id: str,
    page: Page,
    config: MkDocsConfig,
    options: HandbookConfig,
    site_url: str | None,
    *,
    preview: bool = False,
) -> dict[str, Any]:
    """The front matter that makes a routine page a handout (`handout-page.html` reads it).

    `site_url` is where the site is published: the QR code opens the page there."""
    url = urljoin(site_url, page_url(page.src_uri, config)) if site_url else None
    context = handout(
        routine_id,
        url=url,
        clinic=options.clinic,
        paper=options.paper,
        weeks=options.weeks,
        pdf=options.pdf and not preview,
        preview=preview,
    )
    data = {field.name: getattr(context, field.name) for field in dataclasses.fields(context)}
    data["clinic"] = {key: value for key, value in options.clinic.items() if value is not None}
    data["days"] = list(data["days"])
    data["qr"] = str(data["qr"]) if data["qr"] else None
    data["max_pages"] = options.max_pages
    data["fit_to_pages"] = options.fit_to_pages
    return {"template": HANDOUT_TEMPLATE, "handout": data}


def page_url(src_uri: str, config: MkDocsConfig) -> str:
    """The address of a Markdown page relative to the site root, as MkDocs makes it."""
    stem = src_uri.removesuffix(".md")
    if not config.use_directory_urls:
        return f"{stem}.html"
    stem = stem.removesuffix("index").removesuffix("/")
    return f"{stem}/" if stem else ""


def with_front_matter(
    page: Page,
    extra: dict[str, Any],
    read: Callable[[str], tuple[str, dict[str, Any]]] = get_data,
) -> Page:
    """The page with `extra` in its front matter and a title that stays text everywhere.

    Themes print a page's title as HTML in the navigation, and unescaped inside `<title>`;
    names typed in the YAML must not become tags there, so every generated page gets an
    inert title (`safe_title`) from its front matter or its first heading. Front matter is
    written as JSON values, which YAML reads as they are, and fast. `read` splits a page
    into its body and front matter (`get_data`, or the preview's kept results).
    """
    body, meta = read(page.content) if page.content.startswith("---") else (page.content, {})
    heading = _HEADING.match(body)
    title = meta.get("title") or (heading[1] if heading else None)
    meta = {**meta, **extra}
    if title:
        meta["title"] = safe_title(str(title))
    if not meta:
        return page
    front = "".join(
        f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items()
    )
    return Page(page.src_uri, f"---\n{front}---\n\n{body}")


def in_nav(src_uri: str) -> bool:
    """False for exercise pages (see `NOT_IN_NAV`)."""
    return not src_uri.startswith("exercises/") or src_uri == "exercises/index.md"


def site_url_warning(generated: Generated, config: MkDocsConfig) -> str | None:
    """The warning for handouts without a QR code, or None."""
    if generated.handbook.routines and not config.site_url:
        return (
            "site_url is not set in mkdocs.yml, so handouts have no QR code: set it to "
            "the address the handbook is published at, e.g. site_url: https://example.org/"
        )
    return None


def _check_clashes(pages: list[Page], docs_dir: Path) -> None:
    for page in pages:
        if (docs_dir / page.src_uri).exists():
            raise SiteError(
                f"{docs_dir.name}/{page.src_uri} would hide a generated page: rename or remove it"
            )


def _check_logo(options: HandbookConfig, config: MkDocsConfig) -> None:
    logo = options.clinic.logo
    if not logo:
        return
    folders = [Path(config.docs_dir), THEME]
    if config.theme.custom_dir:
        folders.insert(1, Path(config.theme.custom_dir))
    if not any((folder / logo).is_file() for folder in folders):
        raise SiteError(f"clinic logo '{logo}' not found in {config.docs_dir} or the theme")
