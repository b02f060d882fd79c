"""The plugin's options in `mkdocs.yml` (`plugins: - handbook: ...`)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

MAX_WEEKS = 12
MAX_PAGES = 20


class Count(c.Type[int]):
    """A whole number of things (`noun`, plural) from `low` to `high`."""

    def __init__(self, default: int, low: int, high: int, noun: str) -> None:
        super().__init__(int, default=default)
        self.low, self.high, self.noun = low, high, noun

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or not self.low <= number <= self.high:
            raise ValidationError(
                f"Expected a number of {self.noun} from {self.low} to {self.high} "
                f"but received {value!r}"
            )
        return number


class ClinicConfig(base.Config):
    """The clinic printed at the top of every handout; every field is optional."""

    name = c.Optional(c.Type(str))
    """The clinic's name, e.g. `Move Well Physiotherapy`."""

    logo = c.Optional(c.Type(str))
    """An image in `docs_dir` or the theme's `custom_dir`, e.g. `assets/images/logo.svg`."""

    phone = c.Optional(c.Type(str))
    """The phone number clients call, as it should be printed."""

    address = c.Optional(c.Type(str))
    """The postal address, on one line."""

    website = c.Optional(c.Type(str))
    """The clinic's web address as printed, e.g. `movewell.example.org`."""


class HandbookConfig(base.Config):
    """Options of the `handbook` plugin; every one has a default."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it from `mkdocs.yml`."""

    database = c.Type(str, default="exercises.yml")
    """The handbook file, relative to `mkdocs.yml`."""

    templates = c.Type(str, default="overrides")
    """Folder whose `handbook/` templates replace the built-in ones of the same name."""

    clinic = c.SubConfig(ClinicConfig)
    """Name, logo and contact details for the handout header."""

    paper = c.Choice(("a4", "letter"), default="a4")
    """Paper size of printed handouts and their PDFs: `a4` or `letter` (US Letter)."""

    pdf = c.Type(bool, default=True)
    """Render each routine to `routines/<id>/<id>.pdf`; `false` skips it for quick previews."""

    max_pages = Count(default=4, low=1, high=MAX_PAGES, noun="pages")
    """Pages a printed handout should fit on (4: two sheets printed on both sides), 1 to 20.
    A longer handout is a build warning, which `--strict` turns into a failure."""

    fit_to_pages = c.Type(bool, default=False)
    """Set a handout longer than `max_pages` in smaller print (12 pt down to 10 pt) until
    it fits, for fewer sheets. Off by default: handouts print at 12 pt."""

    weeks = Count(default=4, low=1, high=MAX_WEEKS, noun="weeks")
    """Rows (weeks) of the tick grid on which the client logs each session, 1 to 12: more
    rows do not fit on a handout."""
