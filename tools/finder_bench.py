"""How long a click on an exercise finder filter takes, with thousands of exercises.

Usage: `python tools/finder_bench.py [--size 3000] [--clicks 15] [--site DIR] [--profile]`
(`make bench` runs it at 3,000). Builds a handbook of `size` exercises (PDFs off; or takes a
site already built with `--site`), opens the finder in the system Chromium at phone width,
and ticks and unticks filter choices; each click is timed from the click to the frame after
it (the handler, style, layout and paint the reader waits for). Prints the median; the
target is 0.1 s. The machine is shared and noisy: quote medians, compare within one run.
`--profile` also prints the functions that took the most time (a CPU profile of the clicks).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from bench import scaled  # noqa: E402
from lighthouse import serve  # noqa: E402
from screenshots import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

TARGET_S = 0.1
# Choices ticked in turn, each then unticked: single groups, and one across two groups.
CHOICES = [("joint", "hip"), ("equipment", "none"), ("goal", "lengthen"), ("level", "beginner")]

# Clicks a choice and resolves with the milliseconds until the next frame has been drawn.
_CLICK = """async (selector) => {
  const box = document.querySelector(selector);
  const start = performance.now();
  box.click();
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  return performance.now() - start;
}"""


def build(size: int, out: Path) -> Path:
    """A strict build of the starter handbook grown to `size` exercises, PDFs off."""
    project = out / "project"
    for folder in ("content", "overrides"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "exercises.yml").write_text(scaled(size), "utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_PDF": "false"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"mkdocs build failed in {project}:\n{result.stderr}")
    return project / "site"


def hot_functions(profile: dict[str, Any], count: int = 8) -> list[str]:
    """The functions with the most self time in a V8 CPU profile."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    spent: collections.Counter[str] = collections.Counter()
    for sample, delta in zip(profile["samples"], profile["timeDeltas"], strict=True):
        frame = nodes[sample]["callFrame"]
        name = frame["functionName"] or "(anonymous)"
        where = frame["url"].rsplit("/", 1)[-1]
        spent[f"{name} {where}:{frame['lineNumber'] + 1}" if where else name] += delta
    return [f"{us / 1000:8.1f} ms  {name}" for name, us in spent.most_common(count)]


def main_thread_cpu(trace: bytes) -> float:
    """Milliseconds of CPU the page's main thread spent on tasks in a Chromium trace."""
    tasks = [e for e in json.loads(trace)["traceEvents"] if e.get("name") == "RunTask"]
    per_thread: collections.Counter[tuple[int, int]] = collections.Counter()
    for task in tasks:
        per_thread[(task["pid"], task["tid"])] += task.get("tdur", 0)
    return per_thread.most_common(1)[0][1] / 1000 if per_thread else 0.0


def click_all(page: Any, clicks: int) -> list[float]:
    """Ticks and unticks the choices in turn, `clicks` clicks; milliseconds per click."""
    times: list[float] = []
    while len(times) < clicks:
        for key, value in CHOICES:
            selector = f'input[name="{key}"][value="{value}"]'
            times.append(page.evaluate(_CLICK, selector))  # tick
            times.append(page.evaluate(_CLICK, selector))  # and untick
    return times[:clicks]


@dataclass
class Clicks:
    """Finder clicks timed in the browser."""

    wall_ms: list[float]
    """Each click, to the next frame."""
    cpu_ms: float
    """Main-thread CPU per click (script, style, layout, paint), from a trace of as many
    clicks again: what the click costs, whatever else the machine is doing."""


def click_times(site: Path, clicks: int, profile: bool = False) -> Clicks:
    """Times clicks on the finder of the site in `site`, at phone width."""
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(base + "exercises/")
        page.wait_for_selector("form[data-hb-finder]:not([hidden])")
        page.eval_on_selector_all(
            "form[data-hb-finder] details", "all => all.forEach(d => d.open = true)"
        )
        page.wait_for_load_state("networkidle")
        wall = click_all(page, clicks)
        browser.start_tracing(page=page, categories=["disabled-by-default-devtools.timeline"])
        click_all(page, clicks)
        cpu = main_thread_cpu(browser.stop_tracing()) / clicks
        if profile:
            cdp = page.context.new_cdp_session(page)
            cdp.send("Profiler.enable")
            cdp.send("Profiler.start")
            click_all(page, clicks)
            for line in hot_functions(cdp.send("Profiler.stop")["profile"]):
                print(line)
        browser.close()
    return Clicks(wall, cpu)


def finder_click(
    size: int, clicks: int = 16, site: Path | None = None, profile: bool = False
) -> float:
    """The median seconds a finder click takes at `size` exercises; prints it."""
    with tempfile.TemporaryDirectory() as tmp:
        measured = click_times(site or build(size, Path(tmp)), clicks, profile)
    median = statistics.median(measured.wall_ms) / 1000
    verdict = "ok" if median <= TARGET_S else "SLOW"
    print(
        f"finder at {size} exercises: a filter click takes {median:.3f}s to the next frame "
        f"(median of {clicks}; target <= {TARGET_S}s): {verdict}; main-thread CPU "
        f"{measured.cpu_ms:.0f} ms a click"
    )
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--clicks", type=int, default=16)
    parser.add_argument("--site", type=Path, help="a site already built (skips the build)")
    parser.add_argument("--profile", action="store_true", help="print the hottest functions")
    args = parser.parse_args()
    finder_click(args.size, args.clicks, args.site, args.profile)


if __name__ == "__main__":
    main()
