"""The MkDocs plugin: wires MkDocs events to the plain functions of `site.py` and `pdf_step.py`.

The export (`python -m generator export`) calls the same functions, so a plugin build and
an export built by any engine hold the same pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key

from generator import site
from generator.config import HandbookConfig
from generator.errors import HandbookError, Problem, Severity, report
from generator.preview import Preview

log = get_plugin_logger(__name__)
NOT_IN_NAV = InclusionLevel.NOT_IN_NAV


class HandbookPlugin(BasePlugin[HandbookConfig]):
    """Generates joint, exercise and routine pages from `exercises.yml`."""

    generated: site.Generated | None = None

    def __init__(self) -> None:
        self.preview = Preview()  # `mkdocs serve` only: see generator/preview.py

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether this is a preview; defining this keeps the plugin across rebuilds."""
        self.preview.start(command)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Validate the data before MkDocs cleans `site/`, so a bad edit keeps the last site."""
        if not self.config.enabled:
            return config
        self.preview.configure()
        try:
            self.generated = site.generate(config, self.config, self.preview)
        except HandbookError as exc:
            self.generated = None
            if self.preview.fail(exc.problems, config):  # the preview shows an error page
                return _with_handbook_settings(config, None)
            raise _failure(exc.problems) from None
        except site.SiteError as exc:
            raise PluginError(str(exc)) from None
        for problem in self.generated.problems:  # warnings fail `--strict`, notes show with -v
            (log.warning if problem.severity is Severity.WARNING else log.debug)(str(problem))
        log.info(self.generated.figures.summary())
        if warning := site.site_url_warning(self.generated, config):
            log.warning(warning)
        return _with_handbook_settings(config, self.generated)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Add the generated pages as virtual files; nothing is written into `content/`.

        Sorted as MkDocs lists files on disk, so pages, search and sitemap come out in the
        same order as an engine building the export.
        """
        if self.preview.broken:
            return self.preview.error_files(
                files, config, self.preview.renderer(_templates(config, self.config))
            )
        for page in self.generated.pages if self.generated else ():
            level = InclusionLevel.UNDEFINED if site.in_nav(page.src_uri) else NOT_IN_NAV
            file = File.generated(config, page.src_uri, content=page.content, inclusion=level)
            file.generated_by = "handbook"
            files.append(file)
        files = Files(sorted(files, key=file_sort_key))
        if self.preview.active:
            self.preview.mark_changed(files, config)
        return files

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        """Under `mkdocs serve`, compile the theme's templates once, not on every save."""
        self.preview.theme_env(env)
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Render each routine's PDF from its built page, or copy it from the cache."""
        if self.preview.active:  # no PDFs while previewing: `make build` makes them
            self.preview.post_build(config)
            return
        if not (self.generated and self.config.pdf):
            return
        # Imported here: WeasyPrint takes half a second to load, and builds without PDFs
        # (`HANDBOOK_PDF=false` for quick previews) never need it.
        from generator.pdf import PdfError
        from generator.pdf_step import PDF_CACHE, make_handouts
        from generator.pdf_step import report as pdf_report

        cache = site.project_dir(config) / PDF_CACHE
        try:
            stats = make_handouts(Path(config.site_dir), cache)
        except PdfError as exc:
            raise PluginError(str(exc)) from None
        for line in pdf_report(stats):
            log.info(line)
        for warning in stats.warnings():  # a handout longer than max_pages fails --strict
            log.warning(warning)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        """Rebuild when the handbook file or a template changes under `mkdocs serve`."""
        server.watch(str(site.project_dir(config) / self.config.database))
        server.watch(str(site.TEMPLATES))
        server.watch(str(site.THEME))
        return server


def _templates(config: MkDocsConfig, options: HandbookConfig) -> list[Path]:
    return [site.project_dir(config) / options.templates]


def _with_handbook_settings(config: MkDocsConfig, generated: site.Generated | None) -> MkDocsConfig:
    """The settings the export writes into its config, applied to MkDocs' own (the nav is
    the preview's error page when there is nothing generated)."""
    if generated is not None:
        config.nav = generated.nav
    config.markdown_extensions.append(site.MARKDOWN_EXTENSION)
    config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(site.THEME))
    if site.EXTRA_CSS not in config.extra_css:  # on every page, for instant navigation
        config.extra_css.append(site.EXTRA_CSS)
        config.extra_javascript.append(site.EXTRA_JAVASCRIPT)
    return config


def _failure(problems: list[Problem]) -> PluginError:
    """The build's error for bad data: every problem, one per line, as `check` prints them."""
    return PluginError(f"{len(problems)} problem(s) in the handbook:\n{report(problems)}")
