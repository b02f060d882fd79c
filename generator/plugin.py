"""The MkDocs plugin: wires MkDocs events to the pipeline (load → validate → render)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils.templates import TemplateContext

from generator.config import HandbookConfig
from generator.errors import HandbookError, Problem, Severity, report
from generator.handout import handout, pdf_name
from generator.models import Handbook
from generator.nav import expand_nav
from generator.pdf import PdfError, PdfStats, make_pdf, prune
from generator.preview import Preview
from generator.render.pages import Page, render_pages, render_redirects
from generator.safe_links import SafeLinksExtension, safe_title
from generator.validate import check

log = get_plugin_logger(__name__)
TEMPLATES = Path(__file__).parent / "templates"
THEME = Path(__file__).parent / "theme"  # handout.html and its assets; overrides/ wins
PDF_CACHE = ".cache/handbook/pdf"


class HandbookPlugin(BasePlugin[HandbookConfig]):
    """Generates joint, exercise and routine pages from `exercises.yml`."""

    def __init__(self) -> None:
        self.handbook: Handbook | None = None
        self.pages: list[Page] = []
        self.routine_pages: dict[str, str] = {}  # src_uri -> routine id
        self.built: dict[str, Path] = {}  # routine id -> its index.html in site/
        self.preview = Preview()  # `mkdocs serve` only: see generator/preview.py

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether this is a preview; defining this keeps the plugin across rebuilds."""
        self.preview.start(command)

    def _path(self, config: MkDocsConfig, relative: str) -> Path:
        return Path(config.config_file_path).parent / relative

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Validate the data before MkDocs cleans `site/`, so a bad edit keeps the last site."""
        if not self.config.enabled:
            return config
        self.preview.configure()
        data = self._path(config, self.config.database)
        handbook, problems = check(data, Path(config.docs_dir), self.config.database)
        if handbook is None:
            if self.preview.fail(problems, config):  # the preview shows an error page
                self.renderer = self.preview.renderer([self._path(config, self.config.templates)])
                return config
            raise _failure(problems)
        for problem in problems:  # lint: warnings fail `--strict`, notes show with `-v`
            (log.warning if problem.severity is Severity.WARNING else log.debug)(str(problem))
        self.handbook = handbook
        try:
            self.renderer = self.preview.renderer([self._path(config, self.config.templates)])
            self.pages = render_pages(self.handbook, self.renderer)
            self.pages += render_redirects(
                self.handbook, self.renderer, directory_urls=config.use_directory_urls
            )
        except HandbookError as exc:
            raise _failure(exc.problems) from None
        config.nav = expand_nav(config.nav, self.handbook)
        config.markdown_extensions.append(SafeLinksExtension())  # type: ignore[arg-type]
        self._add_handout_theme(config)
        return config

    def _add_handout_theme(self, config: MkDocsConfig) -> None:
        assert self.handbook is not None
        self.routine_pages = {f"routines/{r.id}.md": r.id for r in self.handbook.routines}
        self.built = {}
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        # On every page, so Material's instant navigation never loses the print styles.
        if "assets/stylesheets/handout.css" not in config.extra_css:
            config.extra_css.append("assets/stylesheets/handout.css")
            config.extra_javascript.append("assets/javascripts/handout.js")
        if self.routine_pages and not config.site_url:
            log.warning(
                "site_url is not set in mkdocs.yml, so handouts have no QR code: set it to "
                "the address the handbook is published at, e.g. site_url: https://example.org/"
            )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Add the generated pages as virtual files; nothing is written into `content/`."""
        if self.preview.broken:
            return self.preview.error_files(files, config, self.renderer)
        for page in self.pages:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(
                    f"{Path(config.docs_dir).name}/{page.src_uri} would hide a generated page: "
                    "rename or remove it"
                )
            # Exercise pages are reached from joints, routines and search, not the nav.
            inclusion = (
                InclusionLevel.NOT_IN_NAV
                if page.src_uri.startswith("exercises/") and page.src_uri != "exercises/index.md"
                else InclusionLevel.UNDEFINED
            )
            file = File.generated(config, page.src_uri, content=page.content, inclusion=inclusion)
            file.generated_by = "handbook"
            files.append(file)
        logo = self.config.clinic.logo
        if logo and files.get_file_from_path(logo) is None:
            raise PluginError(f"clinic logo '{logo}' not found in {config.docs_dir} or the theme")
        if self.preview.active:
            self.preview.mark_changed(files, config)
        return files

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        """Under `mkdocs serve`, compile the theme's templates once, not on every save."""
        self.preview.theme_env(env)
        return env

    def on_page_content(
        self, html: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Make the titles of generated pages inert: they come from names in the YAML."""
        if page.file.generated_by == "handbook" and page.title:
            page.title = safe_title(page.title)
        return html

    def on_page_context(
        self,
        context: TemplateContext,
        /,
        *,
        page: MkDocsPage,
        config: MkDocsConfig,
        nav: Navigation,
    ) -> TemplateContext | None:
        """Give a routine page what `handout.html` needs: clinic, paper, QR code, PDF link."""
        routine_id = self.routine_pages.get(page.file.src_uri)
        if routine_id is not None:
            context["handout"] = handout(  # type: ignore[typeddict-unknown-key]
                routine_id,
                url=self.preview.public_url(page, config) or page.canonical_url,
                clinic=self.config.clinic,
                paper=self.config.paper,
                weeks=self.config.weeks,
                pdf=self.config.pdf and not self.preview.active,
                preview=self.preview.active,
            )
            self.built[routine_id] = Path(page.file.abs_dest_path)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Render each routine's PDF from its built page, or copy it from the cache."""
        if self.preview.active:  # no PDFs while previewing: `make build` makes them
            self.preview.post_build(config)
            return
        if not (self.config.enabled and self.config.pdf):
            return
        stats, cache = PdfStats(), self._path(config, PDF_CACHE)
        try:
            for routine_id, html in sorted(self.built.items()):
                pdf = html.parent / pdf_name(routine_id)
                make_pdf(
                    html,
                    pdf,
                    site_dir=Path(config.site_dir),
                    cache_dir=cache,
                    stats=stats,
                    max_pages=self.config.max_pages,
                )
        except PdfError as exc:
            raise PluginError(str(exc)) from None
        prune(cache, stats)
        log.info(stats.summary())
        for name, (size, pages) in sorted(stats.fitted.items()):
            log.info(f"{name}: printed at {size} pt, {pages} page(s)")

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        """Rebuild when the handbook file or a template changes under `mkdocs serve`."""
        server.watch(str(self._path(config, self.config.database)))
        server.watch(str(TEMPLATES))
        server.watch(str(THEME))
        return server


def _failure(problems: list[Problem]) -> PluginError:
    """The build's error for bad data: every problem, one per line, as `check` prints them."""
    return PluginError(f"{len(problems)} problem(s) in the handbook:\n{report(problems)}")
