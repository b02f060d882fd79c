"""The plugin's options in `mkdocs.yml` (`plugins: - handbook: ...`)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class HandbookConfig(base.Config):
    """Options of the `handbook` plugin; every one has a default."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it from `mkdocs.yml`."""

    database = c.Type(str, default="exercises.yml")
    """The handbook file, relative to `mkdocs.yml`."""

    templates = c.Type(str, default="overrides")
    """Folder whose `handbook/` templates replace the built-in ones of the same name."""
