"""Shared fixtures: paths, and real `mkdocs build --strict` runs in a temp dir."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Build:
    """The result of one `mkdocs build` run."""

    project: Path
    site: Path
    returncode: int
    output: str

    def page(self, path: str) -> str:
        """The HTML of a built page, e.g. `exercises/glute-bridge/`."""
        return (self.site / path / "index.html").read_text(encoding="utf-8")

    def search_index(self) -> list[dict[str, Any]]:
        """The documents of Material's search index."""
        data = json.loads((self.site / "search" / "search_index.json").read_text("utf-8"))
        docs: list[dict[str, Any]] = data["docs"]
        return docs

    def warnings(self) -> list[str]:
        """Every WARNING or ERROR line MkDocs printed."""
        return [line for line in self.output.splitlines() if line.startswith(("WARNING", "ERROR"))]


def run_build(project: Path, *args: str) -> Build:
    """Run `mkdocs build --strict` in `project`, capturing everything it prints."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return Build(project, project / "site", proc.returncode, proc.stdout + proc.stderr)


def copy_project(source: Path, dest: Path) -> Path:
    """Copy a handbook project (mkdocs.yml, exercises.yml, content/, overrides/) to `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "exercises.yml"):
        shutil.copy2(source / name, dest / name)
    for folder in ("content", "overrides"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, dest / folder)
    return dest


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A copy of the small fixture handbook that a test may change."""
    return copy_project(FIXTURES / "minimal", tmp_path / "minimal")


@pytest.fixture(scope="session")
def starter_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Build]:
    """One strict build of the starter handbook shipped in the repository."""
    project = copy_project(ROOT, tmp_path_factory.mktemp("starter"))
    build = run_build(project)
    assert build.returncode == 0, build.output
    yield build


@pytest.fixture(scope="session")
def starter_letter_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Build]:
    """The starter handbook built for US Letter paper (`paper: letter`)."""
    project = copy_project(ROOT, tmp_path_factory.mktemp("starter-letter"))
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "paper: a4" in text
    config.write_text(text.replace("paper: a4", "paper: letter", 1), encoding="utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output
    yield build


@pytest.fixture(params=["a4", "letter"])
def paper_build(request: pytest.FixtureRequest) -> Build:
    """The starter build on each paper size."""
    name = "starter_build" if request.param == "a4" else "starter_letter_build"
    build: Build = request.getfixturevalue(name)
    return build


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """The system Chromium driven by Playwright; a missing browser fails under CI=true."""
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing: install Debian's chromium package (.ci/run does)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on a free localhost port; yields the base URL ending in '/'."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler that does not log every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session", params=["a4", "letter"])
def figured_build(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Build]:
    """The starter, whose handout cards each carry the exercise's figure, on each paper."""
    paper: str = request.param
    project = copy_project(ROOT, tmp_path_factory.mktemp(f"figured-{paper}"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("paper: a4", f"paper: {paper}", 1))
    build = run_build(project)
    assert build.returncode == 0, build.output
    yield build
