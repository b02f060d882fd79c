"""Benchmark at scale: load, validate, render and a full strict build of big handbooks.

Usage: `python tools/bench.py [--sizes 1000 3000] [--no-build]` (or `make bench`).
Exercises are cloned from the starter handbook with new ids, so every cross-reference
stays valid. Prints seconds and ratios measured in this one run; the machine is shared and
noisy, so compare ratios, not absolute times, between runs.
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


def build(text: str) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        shutil.copytree(ROOT / "content", project / "content")
        shutil.copytree(ROOT / "overrides", project / "overrides")
        (project / "exercises.yml").write_text(text, "utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
            cwd=project,
            env=env,
            check=True,
        )
        return time.perf_counter() - start


def figures(handbook: Any) -> tuple[int, float, float, int]:
    """Draw every figure cold (no cache at all), then warm from a filled cache folder."""
    with tempfile.TemporaryDirectory() as tmp:
        figure_cache._PLACED.clear()
        with_figure = [e for e in handbook.exercises if e.figure is not None]
        start = time.process_time()
        for exercise in with_figure:
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
    args = parser.parse_args()
    renderer = Renderer()
    rows = []
    for size in args.sizes:
        text = scaled(size)
        pure = timed(lambda: yaml.compose(text, Loader=yaml.SafeLoader))  # noqa: B023
        fast = timed(lambda: yaml.compose(text, Loader=yaml.CSafeLoader))  # noqa: B023
        doc = load_text(text)
        load = timed(lambda: load_text(text))  # noqa: B023
        handbook = validate(doc)
        check = timed(lambda: lint(validate(doc), doc))  # noqa: B023
        render = timed(lambda: render_pages(handbook, renderer))  # noqa: B023
        full = None if args.no_build else build(text)
        rows.append((size, pure, fast, load, check, render, full))
        count, cold, warm, redrawn = figures(handbook)
        print(
            f"{size} exercises: {count} figures drawn cold in {cold:.2f}s CPU "
            f"({1000 * cold / max(count, 1):.1f} ms each; target 10 s for 1,000); warm from the "
            f"cache {warm:.2f}s CPU, {redrawn} drawn"
        )
    print(
        f"{'exercises':>9} {'compose py':>10} {'compose C':>9} {'C speed-up':>10} "
        f"{'load':>6} {'validate+lint':>13} {'render':>7} {'mkdocs build':>12}"
    )
    for size, pure, fast, load, check, render, full in rows:
        print(
            f"{size:>9} {pure:>9.2f}s {fast:>8.2f}s {pure / fast:>9.1f}x "
            f"{load:>5.2f}s {check:>12.2f}s {render:>6.2f}s "
            f"{'-' if full is None else f'{full:.1f}s':>12}"
        )
    first, last = rows[0], rows[-1]
    if len(rows) > 1 and first[6] is not None and last[6] is not None:
        print(
            f"\n{last[0]} vs {first[0]} exercises ({last[0] / first[0]:.1f}x the data): "
            f"build {last[6] / first[6]:.1f}x, validate+lint {last[4] / first[4]:.1f}x, "
            f"render {last[5] / first[5]:.1f}x"
        )


if __name__ == "__main__":
    main()
