"""QR codes for printed handouts: the phone camera opens the routine's online page."""

from __future__ import annotations

import segno


def qr_svg(url: str) -> str:
    """An inline SVG QR code for `url`, sized by CSS (no width or height), deterministic.

    Error correction level M survives a crease or a coffee ring; the four-module quiet
    zone is the scanner's minimum, so the code needs no white box around it.
    """
    code = segno.make_qr(url, error="m", boost_error=False)
    svg: str = code.svg_inline(
        scale=1,
        border=4,
        omitsize=True,
        title="Scan to open this routine online",
        dark="#000",
        light="#fff",
    )
    return svg
