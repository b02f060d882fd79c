"""What the `handout.html` page template needs beyond the page text: clinic, paper, QR, PDF."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.config import ClinicConfig
from generator.qr import qr_svg

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class Handout:
    """The template context `handout` of a routine page."""

    clinic: ClinicConfig
    paper: str
    weeks: int
    days: tuple[str, ...]
    url: str | None
    qr: Markup | None
    pdf: str | None
    preview: bool = False
    """True under `mkdocs serve`, which makes no PDFs: the page says `make build` does."""


def pdf_name(routine_id: str) -> str:
    """The PDF's file name, written next to the routine's `index.html`."""
    return f"{routine_id}.pdf"


def handout(
    routine_id: str,
    *,
    url: str | None,
    clinic: ClinicConfig,
    paper: str,
    weeks: int,
    pdf: bool,
    preview: bool = False,
) -> Handout:
    """The context for one routine; no QR code without the page's public `url`."""
    # segno's SVG is made here from a URL, not from YAML text, so it is safe to insert as is.
    qr = Markup(qr_svg(url)) if url else None
    return Handout(
        clinic=clinic,
        paper=paper,
        weeks=weeks,
        days=DAYS,
        url=url,
        qr=qr,
        pdf=pdf_name(routine_id) if pdf else None,
        preview=preview,
    )
