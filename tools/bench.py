"""Benchmark at scale: load, validate, render and a full strict build of big handbooks.

Usage: `python tools/bench.py [--sizes 1000 3000] [--no-build] [--preview-only]` (or
`make bench`). The last section times the live preview: save to served page at 1,000.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--no-build", action="store_true", help="skip the full mkdocs builds")
    parser.add_argument(
        "--preview-only", action="store_true", help="only time the preview (save to served)"
    )
    args = parser.parse_args()
    if args.preview_only:
        save_to_served(1000)
        return
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
    if not args.no_build:
        save_to_served(1000)


def save_to_served(size: int, edits: int = 3) -> list[float]:
    """Seconds from saving one changed exercise to the preview serving it (`make serve`).

    Starts `mkdocs serve --dirty` (as `make serve` does) on a handbook of `size` exercises,
    changes one step `edits` times and times each until the page shows it; prints the median.
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
        try:
            while "(variant 5)" not in page(url):
                time.sleep(0.5)
            for edit in range(edits):
                time.sleep(2)  # the watcher settles
                marker = f"Edited step {edit}."
                text = data.read_text("utf-8")
                at = text.index("steps:", text.index("id: calf-stretch-v5"))
                at = text.index("- ", at) + 2
                start = time.perf_counter()
                data.write_text(text[:at] + marker + " " + text[at:], "utf-8")
                while marker not in page(url):
                    time.sleep(0.05)
                times.append(time.perf_counter() - start)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(
        f"\npreview at {size} exercises: save to served page "
        f"{statistics.median(times):.2f}s (median of {edits} edits: "
        f"{', '.join(f'{t:.2f}s' for t in times)})"
    )
    return times


if __name__ == "__main__":
    main()
