"""Screenshots of built pages, desktop and phone width, for looking at the product.

Usage: `python tools/screenshots.py [PAGE ...]` after `make build`; writes PNG files to
`screenshots/`. Serves `site/` on a free localhost port and drives the system Chromium.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]
DEFAULT_PAGES = ["", "joints/", "joints/hip/", "exercises/glute-bridge/", "routines/low-back/"]
SIZES = {"desktop": (1280, 900), "phone": (360, 740)}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site without logging every request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pages", nargs="*", default=DEFAULT_PAGES)
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--full", action="store_true", help="capture the whole page height")
    args = parser.parse_args()
    args.out.mkdir(exist_ok=True)

    handler = functools.partial(QuietHandler, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for path in args.pages:
                page.goto(base + path)
                name = (path.strip("/").replace("/", "-") or "home") + f"-{label}.png"
                page.screenshot(path=str(args.out / name), full_page=args.full)
                print(args.out / name)
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
