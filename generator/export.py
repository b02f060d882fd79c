"""Stage 5, outputs: the handbook as a plain Markdown project that any engine builds.

`python -m generator export OUT_DIR` writes, from a project with the `handbook` plugin:

- `OUT_DIR/<docs_dir>/`: a copy of the hand-written pages with the generated pages beside
  them (the same text the plugin serves, front matter included);
- `OUT_DIR/overrides/`: the handout theme (`generator/theme/`) with the project's own
  `custom_dir` copied over it, so the clinic's templates still win;
- `OUT_DIR/mkdocs.yml`: the project's config without the plugin, the nav expanded, the
  link sanitiser listed by dotted path and the handout assets added.

MkDocs, ProperDocs and Zensical build the result; `python -m generator pdf OUT_DIR/site`
then makes the handout PDFs. The plugin and the export call the same `site.generate`.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.yaml import yaml_load

from generator import site
from generator.config import HandbookConfig
from generator.render.pages import Page

PLUGIN = "handbook"
THEME_DIR = "overrides"
HEADER = (
    "# Written by `python -m generator export` from the handbook project: edit the\n"
    "# project and export again rather than editing this copy.\n"
)


class ExportError(Exception):
    """The project cannot be exported; the message says why and what to change."""


def load_project(config_file: Path) -> tuple[MkDocsConfig, HandbookConfig]:
    """The project's validated config and the handbook plugin's options."""
    try:
        config = load_config(str(config_file))
    except Exception as exc:  # MkDocs raises its own kinds for a bad config
        raise ExportError(f"{config_file}: {exc}") from None
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        raise ExportError(f"{config_file} has no '{PLUGIN}' plugin to export")
    options: HandbookConfig = plugin.config
    return config, options


def export(config_file: Path, out_dir: Path) -> site.Generated:
    """Write the project as a plain Markdown project into `out_dir`; returns what it made.

    `out_dir` is replaced whole, so a page removed from the data does not linger. Raises
    `HandbookError` for bad data and `SiteError` or `ExportError` for a project that
    cannot hold the handbook, before anything is written.
    """
    config, options = load_project(config_file)
    generated = site.generate(config, options)
    raw = _raw_config(config_file)
    docs = Path(config.docs_dir)
    _check_out_dir(out_dir, config_file.parent)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    shutil.copytree(docs, out_dir / docs.name)
    write_pages(generated.pages, out_dir / docs.name)
    shutil.copytree(site.THEME, out_dir / THEME_DIR)
    if config.theme.custom_dir:
        shutil.copytree(config.theme.custom_dir, out_dir / THEME_DIR, dirs_exist_ok=True)
    text = engine_config(raw, generated, docs_dir=docs.name)
    (out_dir / "mkdocs.yml").write_text(text, encoding="utf-8")
    return generated


def write_pages(pages: list[Page], docs_dir: Path) -> None:
    """Write generated pages under `docs_dir`, as the plugin serves them."""
    for page in pages:
        path = docs_dir / page.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.content, encoding="utf-8")


def engine_config(raw: dict[str, Any], generated: site.Generated, *, docs_dir: str) -> str:
    """The project's config for an engine without the plugin, as YAML text."""
    out = dict(raw)
    out["docs_dir"] = docs_dir
    out["site_dir"] = "site"
    theme = out.get("theme") or {}
    out["theme"] = {**({"name": theme} if isinstance(theme, str) else theme)}
    out["theme"]["custom_dir"] = THEME_DIR
    out["plugins"] = [p for p in out.get("plugins") or [] if _plugin_name(p) != PLUGIN]
    if generated.nav is not None:
        out["nav"] = generated.nav
    out["markdown_extensions"] = [*(out.get("markdown_extensions") or []), site.MARKDOWN_EXTENSION]
    out["extra_css"] = [*(out.get("extra_css") or []), site.EXTRA_CSS]
    out["extra_javascript"] = [*(out.get("extra_javascript") or []), site.EXTRA_JAVASCRIPT]
    out["not_in_nav"] = "\n".join(filter(None, [out.get("not_in_nav"), site.NOT_IN_NAV]))
    return HEADER + yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=float("inf"))


def _check_out_dir(out_dir: Path, project: Path) -> None:
    """Refuse a folder whose removal would lose work: the project, or someone's files."""
    if project.resolve().is_relative_to(out_dir.resolve()):
        raise ExportError(f"{out_dir} holds the project itself: export into a new folder")
    if out_dir.is_dir() and any(out_dir.iterdir()):
        config = out_dir / "mkdocs.yml"
        if not (config.is_file() and config.read_text(encoding="utf-8").startswith(HEADER)):
            raise ExportError(
                f"{out_dir} is not empty and is not an earlier export: choose a new folder"
            )


def _raw_config(config_file: Path) -> dict[str, Any]:
    with config_file.open("rb") as file:
        raw: dict[str, Any] = yaml_load(file) or {}
    return raw


def _plugin_name(entry: Any) -> str | None:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict) and len(entry) == 1:
        return str(next(iter(entry)))
    return None
