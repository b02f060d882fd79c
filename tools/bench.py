"""Benchmark at scale: load, validate, render and a full strict build of big handbooks.

Usage: `python tools/bench.py [--sizes 1000 3000] [--no-build] [--repeat N] [--preview-only]`
(or `make bench`). The last section times the live preview: save to served page at 1,000.
Exercises are cloned from the starter handbook with new ids, so every cross-reference
stays valid. At each size the plugin's build is paired with the floor, plain MkDocs
building the same handbook's export (`python -m generator export`), both with PDFs off;
each gets its CPU time and peak memory from the kernel (`wait4`). Prints the issue-9
targets as ratios measured in this one run; the machine is shared and noisy, so compare
ratios, not absolute times, between runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.figures import cache as figure_cache  # noqa: E402
from generator.lint import lint  # noqa: E402
from generator.load import load_text  # noqa: E402
from generator.render import Renderer  # noqa: E402
from generator.render.pages import render_pages  # noqa: E402
from generator.validate import validate  # noqa: E402


def scaled(size: int) -> str:
    """The starter handbook with `size` exercises, as YAML text."""
    data: dict[str, Any] = yaml.safe_load((ROOT / "exercises.yml").read_text("utf-8"))
    base = data["exercises"]
    exercises = list(base)
    copy = 1
    while len(exercises) < size:
        for exercise in base:
            clone = dict(exercise, id=f"{exercise['id']}-v{copy}")
            clone["name"] = f"{exercise['name']} (variant {copy})"
            for key in ("regression", "progression"):
                if key in clone:
                    clone[key] = f"{clone[key]}-v{copy}"
            exercises.append(clone)
        copy += 1
    data["exercises"] = exercises[:size]
    kept = {e["id"] for e in data["exercises"]}
    for exercise in data["exercises"]:
        for key in ("regression", "progression"):
            if exercise.get(key) not in kept:
                exercise.pop(key, None)
    # Clones share lists with their originals; write them out in full, not as aliases.
    dumper = type("NoAliases", (yaml.SafeDumper,), {"ignore_aliases": lambda self, data: True})
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False)


def timed(func: Callable[[], Any]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


@dataclass
class Run:
    """One `mkdocs build`: CPU seconds (user + system) and peak memory of the process."""

    cpu: float
    peak_mb: float


# Runs the build as a forked child and prints its exit code, CPU seconds and peak memory
# (KiB). A fork starts its own peak count, while a process started straight from the bench
# would inherit the bench's peak (Linux keeps it across exec).
_MEASURE = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, *sys.argv[1:]])
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


def mkdocs_build(project: Path) -> Run:
    """Build `project` with plain MkDocs, PDFs off; CPU and peak memory of that process only."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_PDF": "false"}
    command = [sys.executable, "-c", _MEASURE, "-m", "mkdocs", "build", "--strict", "--quiet"]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    code, cpu, peak = result.stdout.split()[-3:]
    if int(code):
        raise SystemExit(f"mkdocs build failed in {project}:\n{result.stderr}")
    return Run(float(cpu), int(peak) / 1024)


@dataclass
class Builds:
    """Paired builds at one size: the plugin, and plain MkDocs on the export (the floor)."""

    plugin: Run
    floor: Run
    page_kb: float
    """The largest exercise page's HTML, in KB."""
    index_mb: float
    """The search index, in MB."""


def builds(text: str, repeat: int) -> Builds:
    """Build the handbook both ways `repeat` times, alternating; keep each one's fastest run."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        shutil.copytree(ROOT / "content", project / "content")
        shutil.copytree(ROOT / "overrides", project / "overrides")
        (project / "exercises.yml").write_text(text, "utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_PDF": "false"}
        export = Path(tmp) / "export"
        subprocess.run(
            [sys.executable, "-m", "generator", "export", str(export)],
            cwd=project,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        plugin, floor = [], []
        for _ in range(repeat):
            plugin.append(mkdocs_build(project))
            floor.append(mkdocs_build(export))
        site = project / "site"
        pages = (site / "exercises").glob("*/index.html")
        page_kb = max(p.stat().st_size for p in pages) / 1000
        index_mb = (site / "search" / "search_index.json").stat().st_size / 1e6
    return Builds(
        min(plugin, key=lambda r: r.cpu), min(floor, key=lambda r: r.cpu), page_kb, index_mb
    )


# Targets of issue 9, checked against numbers measured in one run.
CPU_RATIO = 1.05  # plugin build CPU / plain MkDocs on the export, at the smallest size
SCALING = 3.3  # build CPU at 3,000 / at 1,000 exercises
PEAK_MB = 500  # plugin build's peak memory at the largest size
PAGE_KB = 25  # largest exercise page at the largest size
INDEX_MB = 2  # search index at the largest size
SAVE_TO_SERVED = 2.0  # seconds from saving one exercise to `make serve` serving it, at 1,000


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def figures(handbook: Any) -> tuple[int, float, float, int]:
    """Draw every figure cold (no cache at all), then warm from a filled cache folder."""
    with tempfile.TemporaryDirectory() as tmp:
        figure_cache._PLACED.clear()
        with_figure = [e for e in handbook.exercises if e.figure is not None]
        start = time.process_time()
        for exercise in with_figure:
            figure_cache._PLACED.clear()  # clones share poses: place each one afresh
            svg = figure_cache.drawing(exercise).svg
            key = figure_cache.cache_key(exercise)
            (Path(tmp) / f"{key}.svg").write_text(svg, "utf-8")
        cold = time.process_time() - start
        stats = figure_cache.FigureStats()
        start = time.process_time()
        figure_cache.render_figures(handbook, figure_cache.FigureCache(Path(tmp)), stats)
        warm = time.process_time() - start
        return len(with_figure), cold, warm, stats.drawn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--no-build", action="store_true", help="skip the full mkdocs builds")
    parser.add_argument(
        "--repeat", type=int, default=2, help="paired builds per size (the fastest counts)"
    )
    parser.add_argument(
        "--preview-only", action="store_true", help="only time the preview (save to served)"
    )
    parser.add_argument(
        "--finder-only", action="store_true", help="only time a finder click at 3,000"
    )
    args = parser.parse_args()
    if args.finder_only:
        finder_click(3000)
        return
    if args.preview_only:
        save_to_served(1000)
        return
    renderer = Renderer()
    rows = []
    for size in args.sizes:
        text = scaled(size)
        fast = timed(lambda: yaml.compose(text, Loader=yaml.CSafeLoader))  # noqa: B023
        doc = load_text(text)
        load = timed(lambda: load_text(text))  # noqa: B023
        handbook = validate(doc)
        check = timed(lambda: lint(validate(doc), doc))  # noqa: B023
        render = timed(lambda: render_pages(handbook, renderer))  # noqa: B023
        full = None if args.no_build else builds(text, args.repeat)
        rows.append((size, fast, load, check, render, full))
        count, cold, warm, redrawn = figures(handbook)
        print(
            f"{size} exercises: {count} figures drawn cold in {cold:.2f}s CPU "
            f"({1000 * cold / max(count, 1):.1f} ms each; target 10 s for 1,000); warm from the "
            f"cache {warm:.2f}s CPU, {redrawn} drawn"
        )
    print(
        f"{'exercises':>9} {'compose C':>9} {'load':>6} "
        f"{'validate+lint':>13} {'render':>7} {'plugin CPU':>10} {'floor CPU':>9} "
        f"{'ratio':>6} {'plugin peak':>11} {'floor peak':>10} {'page':>8} {'index':>8}"
    )
    for size, fast, load, check, render, full in rows:
        line = f"{size:>9} {fast:>8.2f}s {load:>5.2f}s {check:>12.2f}s {render:>6.2f}s"
        if full is not None:
            line += (
                f" {full.plugin.cpu:>9.1f}s {full.floor.cpu:>8.1f}s "
                f"{full.plugin.cpu / full.floor.cpu:>5.2f}x {full.plugin.peak_mb:>8.0f} MB "
                f"{full.floor.peak_mb:>7.0f} MB {full.page_kb:>5.1f} KB {full.index_mb:>5.2f} MB"
            )
        print(line)
    measured = [(size, full) for size, *_, full in rows if full is not None]
    if not measured:
        return
    (small, first), (large, last) = measured[0], measured[-1]
    ratio = first.plugin.cpu / first.floor.cpu
    print("\ntargets (plugin build, PDFs off; floor = plain MkDocs building the export):")
    print(
        f"  build CPU at {small}: {ratio:.2f}x the floor "
        f"(target <= {CPU_RATIO}x): {verdict(ratio <= CPU_RATIO)}"
    )
    if large != small:
        scale = last.plugin.cpu / first.plugin.cpu
        print(
            f"  build CPU at {large} / at {small}: {scale:.2f}x "
            f"(target <= {SCALING}x for 3x the data): {verdict(scale <= SCALING)}"
        )
    print(
        f"  peak memory at {large}: {last.plugin.peak_mb:.0f} MB, floor {last.floor.peak_mb:.0f}"
        f" MB (target <= {PEAK_MB} MB): {verdict(last.plugin.peak_mb <= PEAK_MB)}"
    )
    print(
        f"  largest exercise page at {large}: {last.page_kb:.1f} KB "
        f"(target <= {PAGE_KB} KB): {verdict(last.page_kb <= PAGE_KB)}"
    )
    print(
        f"  search index at {large}: {last.index_mb:.2f} MB "
        f"(target <= {INDEX_MB} MB): {verdict(last.index_mb <= INDEX_MB)}"
    )
    if not args.no_build:
        save_to_served(1000)
        finder_click(3000)


def save_to_served(size: int, edits: int = 3) -> list[float]:
    """Seconds from saving one changed exercise to the preview serving it (`make serve`).

    Starts `mkdocs serve --dirty` (as `make serve` does) on a handbook of `size` exercises,
    changes one step `edits` times and times each until the page shows it; prints the median,
    and the server's CPU seconds over the same time (steadier than wall time on a shared
    machine; it includes the file watcher and the page requests of the wait).
    """
    import socket
    import statistics
    import urllib.request

    def page(url: str) -> str:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                body: bytes = response.read()
                return body.decode("utf-8")
        except OSError:
            return ""

    with tempfile.TemporaryDirectory() as tmp, socket.socket() as probe:
        project = Path(tmp)
        for folder in ("content", "overrides"):
            shutil.copytree(ROOT / folder, project / folder)
        shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        data = project / "exercises.yml"
        data.write_text(scaled(size), "utf-8")
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}/exercises/calf-stretch-v5/"
        times: list[float] = []
        cpu: list[float] = []
        try:
            while "(variant 5)" not in page(url):
                time.sleep(0.5)
            for edit in range(edits):
                time.sleep(2)  # the watcher settles
                marker = f"Edited step {edit}."
                text = data.read_text("utf-8")
                at = text.index("steps:", text.index("id: calf-stretch-v5"))
                at = text.index("- ", at) + 2
                start, used = time.perf_counter(), cpu_seconds(server.pid)
                data.write_text(text[:at] + marker + " " + text[at:], "utf-8")
                while marker not in page(url):
                    time.sleep(0.05)
                times.append(time.perf_counter() - start)
                cpu.append(cpu_seconds(server.pid) - used)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(
        f"\npreview at {size:,} exercises: save to served page "
        f"{statistics.median(times):.2f}s (target <= {SAVE_TO_SERVED}s: "
        f"{verdict(statistics.median(times) <= SAVE_TO_SERVED)}; median of {edits} edits: "
        f"{', '.join(f'{t:.2f}s' for t in times)}); server CPU per edit "
        f"{statistics.median(cpu):.2f}s (median: {', '.join(f'{c:.2f}s' for c in cpu)})"
    )
    return times


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a running process has used so far (Linux `/proc`)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def finder_click(size: int) -> None:
    """Seconds from a click on an exercise finder filter to the next frame, at `size`
    exercises, in Chromium (tools/finder_bench.py; target 0.1 s)."""
    sys.path.insert(0, str(ROOT / "tools"))
    import finder_bench

    print()
    finder_bench.finder_click(size)


if __name__ == "__main__":
    main()
