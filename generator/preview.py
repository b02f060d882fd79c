"""Live preview (`make serve`): rebuild only what changed, keep search whole, show errors.

`mkdocs serve --dirty` rebuilds only the files whose `is_modified()` is true. MkDocs treats
every generated page as modified, so at 1,000 exercises a save rebuilt the whole site (17 s).
Here a generated page counts as modified only when its Markdown differs from the last build
(a content hash), so one edited exercise rebuilds its page and the few pages that list it.
Everything is rebuilt when what all pages share changes: the nav, `mkdocs.yml` or a template,
and after the data was broken.

* A save re-reads and re-validates only the record it changed (`generator/reload.py`); the
  pose lint, figure hashes and pages' front matter are kept for what did not change, and a
  figure whose bytes did not change is not written again.
* Search: a dirty build indexes only the pages it built; the index of the others is kept
  from the build before and merged, so search stays whole.
* PDFs are not made while previewing; the handout says that `make build` makes them.
* The QR code encodes the published `site_url` from `mkdocs.yml`, not the local address.
* While the data is broken, the site is one page in the site's look listing every problem
  (`file:line:col` and the fix), served for every address; it reloads itself once fixed.

The preview builds into MkDocs' temporary folder, never into `site/`, so a dirty build is
never published.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import CountHandler
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import yaml_load

from generator.errors import Problem
from generator.reload import Reloader
from generator.render import Renderer

log = get_plugin_logger(__name__)
ERROR_PAGE = "index.md"
ERROR_TEMPLATE = "handbook/preview-error.md"
SEARCH_INDEX = "search/search_index.json"


def _digest(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass
class Preview:
    """State kept across the rebuilds of one `mkdocs serve` (the plugin is persistent)."""

    active: bool = False
    hashes: dict[str, str] = field(default_factory=dict)
    shared: str = ""
    search: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rebuilt: set[str] = field(default_factory=set)
    full: bool = True
    reloader: Reloader = field(default_factory=Reloader)
    """Loads the data again after a save, re-reading only the record that changed."""
    fronts: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    """Pages' front matter read in the last build, by page text (see `front_matter`)."""
    next_fronts: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)

    renderers: dict[tuple[str, ...], Renderer] = field(default_factory=dict)

    def renderer(self, override_dirs: list[Path]) -> Renderer:
        """The Jinja environment for the generated pages. While previewing it is kept, so its
        templates are compiled once, not on every save (Jinja reloads a changed template)."""
        if not self.active:
            return Renderer(override_dirs)
        key = tuple(str(d) for d in override_dirs)
        if key not in self.renderers:
            self.renderers[key] = Renderer(override_dirs)
        return self.renderers[key]

    bytecode: MemoryBytecodeCache = field(default_factory=lambda: MemoryBytecodeCache())

    def theme_env(self, env: jinja2.Environment) -> None:
        """Called from `on_env`: the theme's templates are compiled once per preview."""
        if self.active:
            env.bytecode_cache = self.bytecode

    def start(self, command: str) -> None:
        """Called from `on_startup`: previewing only under `mkdocs serve`."""
        self.active = command == "serve"
        if self.active:
            logging.getLogger("mkdocs.commands.build").addFilter(_quiet_dirty)

    def configure(self) -> None:
        """Start a build with no problems known yet.

        A warning (lint, a link, `--dirty` itself) is printed but must not stop the preview:
        under `strict` MkDocs would abort the build, and the browser would wait for a site
        that never comes. MkDocs counts warnings with a handler it adds for each build."""
        self.problems = []
        self.fronts, self.next_fronts = self.next_fronts, {}
        if self.active:
            for handler in logging.getLogger("mkdocs").handlers:
                if isinstance(handler, CountHandler):
                    handler.setLevel(logging.ERROR)

    def front_matter(self, content: str) -> tuple[str, dict[str, Any]]:
        """`get_data(content)`: a page's body and front matter, read again only when the
        page's text changed since the last build (parsing the front matter of every page
        took a fifth of a second at 1,000 exercises). The result is not to be changed."""
        found = self.fronts.get(content) or self.next_fronts.get(content) or get_data(content)
        self.next_fronts[content] = found
        return found

    @property
    def broken(self) -> bool:
        """True while the data has problems and the error page stands in for the site."""
        return self.active and bool(self.problems)

    def fail(self, problems: list[Problem], config: MkDocsConfig) -> bool:
        """Show `problems` on the error page instead of failing the build; False when not
        previewing (then the caller raises as usual)."""
        if not self.active:
            return False
        self.problems = list(problems)
        for problem in self.problems:  # the terminal too; warnings do not stop the preview
            log.warning(str(problem))
        self.hashes.clear()
        config.nav = [{"Problems": ERROR_PAGE}]
        return True

    def published_url(self, config: MkDocsConfig) -> str | None:
        """The `site_url` written in `mkdocs.yml`: `mkdocs serve` replaces it with a local one."""
        if not config.config_file_path:
            return None
        with open(config.config_file_path, "rb") as source:
            written = yaml_load(source)  # MkDocs' own loader: `!ENV [SITE_URL, ...]` works
        url = written.get("site_url") if isinstance(written, dict) else None
        if not isinstance(url, str) or not url:
            return None
        return url if url.endswith("/") else url + "/"

    def public_url(self, page: MkDocsPage, config: MkDocsConfig) -> str | None:
        """A page's address on the published site, for its QR code (None: not previewing)."""
        if not self.active:
            return None
        base = self.published_url(config)
        return base + page.url if base else None

    def error_files(self, files: Files, config: MkDocsConfig, renderer: Renderer) -> Files:
        """The whole site while the data is broken: one page listing the problems."""
        content = renderer.render(ERROR_TEMPLATE, problems=self.problems)
        page = File.generated(config, ERROR_PAGE, content=content)
        page.generated_by = "handbook"
        kept = [f for f in files if not f.is_documentation_page()]
        return Files([*kept, page])

    def mark_changed(self, files: Files, config: MkDocsConfig) -> None:
        """Make `is_modified()` true only for pages whose text changed since the last build
        (all of them when what every page shares changed), and for generated files (figures)
        whose bytes changed: MkDocs would write every one of them again."""
        tracked = [f for f in files if f.is_documentation_page() or f.generated_by]
        shared = _digest(
            json.dumps(config.nav, sort_keys=True, default=str),
            Path(config.config_file_path).read_bytes() if config.config_file_path else b"",
            *(
                str(p.stat().st_mtime_ns)
                for d in config.theme.dirs
                if "site-packages" not in d  # installed themes do not change while serving
                for p in Path(d).rglob("*")
            ),
        )
        self.full = self.full or shared != self.shared
        self.shared = shared
        hashes = {f.src_uri: _digest(f.content_bytes) for f in tracked if f.generated_by}
        self.rebuilt = set()
        for file in tracked:
            changed = self.full or (
                hashes[file.src_uri] != self.hashes.get(file.src_uri)
                if file.generated_by
                else file.is_modified()
            )
            file.is_modified = _answer(changed)  # type: ignore[method-assign]
            if changed and file.is_documentation_page():
                self.rebuilt.add(file.url)
        self.hashes = hashes

    def post_build(self, config: MkDocsConfig) -> None:
        """After a preview build: the error page at every address, or a whole search index."""
        site = Path(config.site_dir)
        if self.broken:
            self._error_everywhere(site, urlsplit(config.site_url or "/").path or "/")
            self.full = True
            return
        self._merge_search(site / SEARCH_INDEX)
        self.full = False

    def _error_everywhere(self, site: Path, root: str) -> None:
        """Every page of the last good build, and any other address, shows the error page."""
        error = (site / "index.html").read_text("utf-8")
        # Absolute asset links, so the page looks right at any depth (MkDocs' links are
        # relative to index.html).
        error = error.replace("<head>", f'<head><base href="{root}">', 1)
        error = error.replace('"base": "."', f'"base": "{root}"', 1)  # Material's scripts, too
        for page in site.rglob("*.html"):
            page.write_text(error, "utf-8")
        (site / "404.html").write_text(error, "utf-8")
        search = site / SEARCH_INDEX
        if search.parent.is_dir():
            shutil.rmtree(search.parent)

    def _merge_search(self, path: Path) -> None:
        """Docs of the pages built now, plus those of the pages kept from the last build."""
        if not path.is_file():
            return
        index = json.loads(path.read_text("utf-8"))
        fresh: list[dict[str, Any]] = index["docs"]
        kept = [d for d in self.search if _page_of(d) not in self.rebuilt]
        self.search = kept + fresh if not self.full else fresh
        index["docs"] = self.search
        path.write_text(json.dumps(index, separators=(",", ":")), "utf-8")


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled theme templates kept in memory: MkDocs makes a new Jinja environment for
    every build, and compiling Material's templates again took a second on each save."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def _quiet_dirty(record: logging.LogRecord) -> bool:
    """MkDocs warns that a `--dirty` build may leave navigation stale; the preview rebuilds
    every page when the navigation changes, so the warning would only worry an editor."""
    return "'dirty' build" not in record.getMessage()


def _page_of(doc: dict[str, Any]) -> str:
    location: str = doc.get("location", "")
    return location.split("#", 1)[0]


def _answer(value: bool) -> Any:
    """A stand-in for `File.is_modified` that gives the preview's answer."""
    return lambda: value
