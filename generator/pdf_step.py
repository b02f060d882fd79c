"""Stage 5, outputs: the handout PDFs of a built site, whichever engine built it.

A routine page declares itself in its `<head>` (`handout-page.html`):
`<meta name="handbook-handout" content="low-back.pdf" data-max-pages="2">`. This step finds
those pages under the site folder and hands each to `pdf.make_pdf`, which writes the PDF
beside the page, fits it to its pages and keeps a cache. The plugin's post-build step and
`python -m generator pdf SITE_DIR` both call `make_handouts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.pdf import PdfStats, make_pdf, prune

PDF_CACHE = ".cache/handbook/pdf"
"""The cache folder, relative to the project (the folder of `mkdocs.yml`)."""

_MARKER = b'<meta name="handbook-handout"'
_META = re.compile(
    _MARKER + rb' content="([^"/\\]+\.pdf)" data-max-pages="(\d+)" data-fit="(true|false)"'
)


@dataclass(frozen=True)
class HandoutPage:
    """A built routine page and the PDF to make from it."""

    html: Path
    pdf: Path
    max_pages: int
    fit: bool


def find_handouts(site_dir: Path) -> list[HandoutPage]:
    """Every handout page in a built site, sorted by path."""
    found = []
    for html in sorted(site_dir.rglob("*.html")):
        text = html.read_bytes()
        if _MARKER not in text:
            continue
        match = _META.search(text)
        if match is not None:
            pdf = html.parent / match[1].decode()
            found.append(HandoutPage(html, pdf, int(match[2]), match[3] == b"true"))
    return found


def make_handouts(site_dir: Path, cache_dir: Path) -> PdfStats:
    """Write each handout's PDF beside its page; raises `PdfError` naming the page."""
    stats, site_dir = PdfStats(), site_dir.resolve()  # WeasyPrint reads pages by file: URI
    for page in find_handouts(site_dir):
        make_pdf(
            page.html,
            page.pdf,
            site_dir=site_dir,
            cache_dir=cache_dir,
            stats=stats,
            max_pages=page.max_pages,
            fit=page.fit,
        )
    prune(cache_dir, stats)
    return stats


def report(stats: PdfStats) -> list[str]:
    """What to log after the step: counts, then each handout printed smaller to fit.

    Handouts longer than `max_pages` are in `stats.warnings()`, for the caller to raise.
    """
    return [stats.summary(), *stats.notes()]
