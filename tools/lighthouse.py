"""Lighthouse (mobile) on the built site: accessibility and performance of five page types.

Usage: `python tools/lighthouse.py` after `make build` (or `make lighthouse`). Serves `site/`
on a free localhost port, runs Lighthouse (from the npm registry, pinned in package.json,
installed by `npm ci`) with the system Chromium, and prints, for each page, the accessibility
and performance scores, the total blocking time, every failed accessibility audit, and the
scripts that keep the main thread busy longest. Exits 1 when a page's accessibility is not
100, so CI or a clinic's own check can use it; performance is printed, not judged (it
depends on the machine).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from screenshots import QuietHandler

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-background-networking --disable-component-update"
)
# Home, a joint, an exercise, a routine and the finder: one page per template clients meet.
PAGES = {
    "home": "",
    "joint": "joints/hip/",
    "exercise": "exercises/glute-bridge/",
    "routine": "routines/low-back/",
    "finder": "exercises/",
}


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serves `site` on a free localhost port; yields its address, ending in `/`."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def run_lighthouse(url: str, out: Path) -> dict[str, Any]:
    """One mobile Lighthouse run of `url`; its JSON report."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--only-categories=accessibility,performance",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM)}
    subprocess.run(command, check=True, env=env)
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def score(report: dict[str, Any], category: str) -> int:
    """A category's score as Lighthouse shows it, 0 to 100."""
    value: float = report["categories"][category]["score"]
    return round(value * 100)


def failed_accessibility(report: dict[str, Any]) -> list[str]:
    """The accessibility audits that failed, each with the elements it names."""
    lines = []
    for ref in report["categories"]["accessibility"]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if audit["score"] is None or audit["score"] == 1:
            continue
        lines.append(f"{audit['id']}: {audit['title']}")
        for item in (audit.get("details") or {}).get("items", [])[:5]:
            node = item.get("node", {})
            lines.append(f"    {node.get('selector', '')}  {node.get('snippet', '')[:100]}")
    return lines


def busiest_scripts(report: dict[str, Any], count: int = 3) -> list[str]:
    """The scripts with the most main-thread time (Lighthouse's bootup-time audit)."""
    items = report["audits"]["bootup-time"].get("details", {}).get("items", [])
    return [
        f"{item['total']:7.0f} ms  {item['url'].rsplit('/', 1)[-1] or item['url']}"
        for item in sorted(items, key=lambda i: -i["total"])[:count]
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("pages", nargs="*", help=f"some of {', '.join(PAGES)}; default: all")
    args = parser.parse_args()
    unknown = sorted(set(args.pages) - set(PAGES))
    if unknown:
        parser.error(f"unknown page {', '.join(unknown)}: expected some of {', '.join(PAGES)}")
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm ci` (or `make lighthouse`).")
    if not (args.site / "index.html").exists():
        sys.exit(f"No built site in {args.site}: run `make build` first.")

    failing = []
    print(f"{'page':<10} {'a11y':>5} {'perf':>5} {'blocking':>9}")
    with serve(args.site) as base, tempfile.TemporaryDirectory() as tmp:
        for name in args.pages or PAGES:
            report = run_lighthouse(base + PAGES[name], Path(tmp) / f"{name}.json")
            a11y = score(report, "accessibility")
            blocking = report["audits"]["total-blocking-time"]["numericValue"]
            perf = score(report, "performance")
            print(f"{name:<10} {a11y:>5} {perf:>5} {blocking:>6.0f} ms", flush=True)
            for line in failed_accessibility(report) + busiest_scripts(report):
                print("    " + line)
            if a11y < 100:
                failing.append(name)
    if failing:
        sys.exit(f"Accessibility below 100 on: {', '.join(failing)}")


if __name__ == "__main__":
    main()
