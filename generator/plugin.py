"""The MkDocs plugin: wires MkDocs events to the pipeline (load → validate → render)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.config import HandbookConfig
from generator.errors import HandbookError, Severity, report
from generator.models import Handbook
from generator.nav import expand_nav
from generator.render import Renderer
from generator.render.pages import Page, render_pages, render_redirects
from generator.safe_links import SafeLinksExtension
from generator.validate import check

log = get_plugin_logger(__name__)
TEMPLATES = Path(__file__).parent / "templates"


class HandbookPlugin(BasePlugin[HandbookConfig]):
    """Generates joint, exercise and routine pages from `exercises.yml`."""

    def __init__(self) -> None:
        self.handbook: Handbook | None = None
        self.pages: list[Page] = []

    def _path(self, config: MkDocsConfig, relative: str) -> Path:
        return Path(config.config_file_path).parent / relative

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Validate the data before MkDocs cleans `site/`, so a bad edit keeps the last site."""
        if not self.config.enabled:
            return config
        data = self._path(config, self.config.database)
        handbook, problems = check(data, Path(config.docs_dir), self.config.database)
        if handbook is None:
            raise PluginError(f"{len(problems)} problem(s) in the handbook:\n" + report(problems))
        for problem in problems:  # lint: warnings fail `--strict`, notes show with `-v`
            (log.warning if problem.severity is Severity.WARNING else log.debug)(str(problem))
        self.handbook = handbook
        try:
            self.renderer = Renderer([self._path(config, self.config.templates)])
            self.pages = render_pages(self.handbook, self.renderer)
            self.pages += render_redirects(
                self.handbook, self.renderer, directory_urls=config.use_directory_urls
            )
        except HandbookError as exc:
            count = len(exc.problems)
            raise PluginError(f"{count} problem(s) in the handbook:\n{exc.report()}") from None
        config.nav = expand_nav(config.nav, self.handbook)
        config.markdown_extensions.append(SafeLinksExtension())  # type: ignore[arg-type]
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Add the generated pages as virtual files; nothing is written into `content/`."""
        for page in self.pages:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(
                    f"content/{page.src_uri} would hide a generated page: rename or remove it"
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
        return files

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        """Rebuild when the handbook file or a template changes under `mkdocs serve`."""
        server.watch(str(self._path(config, self.config.database)))
        server.watch(str(TEMPLATES))
        return server
