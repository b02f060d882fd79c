"""`mkdocs serve`: editing exercises.yml rebuilds the site; a bad edit keeps the last one."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body: bytes = response.read()
            return body.decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, seconds: float = 60) -> str:
    """Poll `url` until its body contains `text`."""
    deadline = time.monotonic() + seconds
    body = None
    while time.monotonic() < deadline:
        body = fetch(url)
        if body is not None and text in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {text!r}; last body: {(body or '')[:200]!r}")


@dataclass
class Server:
    """A running `mkdocs serve` and the file its output goes to."""

    url: str
    proc: subprocess.Popen[bytes]
    log: Path


@pytest.fixture
def server(minimal: Path, tmp_path: Path) -> Iterator[Server]:
    """`mkdocs serve` of the fixture handbook on a free port."""
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=minimal,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            yield Server(f"http://127.0.0.1:{port}/", proc, log)
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def test_editing_the_data_rebuilds_the_page(minimal: Path, server: Server) -> None:
    """Renaming an exercise in exercises.yml shows up on its page without a restart."""
    page = server.url + "exercises/calf-stretch/"
    wait_for(page, "Calf stretch")
    data = minimal / "exercises.yml"
    time.sleep(1)  # let the watcher settle after the first build
    data.write_text(data.read_text().replace("name: Calf stretch", "name: Wall calf stretch"))
    wait_for(page, "Wall calf stretch")


def test_bad_edit_is_reported_and_the_fix_is_picked_up(minimal: Path, server: Server) -> None:
    """A mistake during serve prints its line, without a traceback; fixing it rebuilds.

    While the data is broken the preview serves an error page (tests/test_preview.py).
    """
    page = server.url + "exercises/calf-stretch/"
    wait_for(page, "Calf stretch")
    data = minimal / "exercises.yml"
    good = data.read_text()
    time.sleep(1)
    data.write_text(good.replace("goal: lengthen", "goal: lenghten"))
    deadline = time.monotonic() + 60
    while "Did you mean 'lengthen'?" not in server.log.read_text() and time.monotonic() < deadline:
        time.sleep(0.3)
    output = server.log.read_text()
    line = good.splitlines().index("    goal: lengthen") + 1
    assert f"exercises.yml:{line}:11: exercise 'calf-stretch', 'goal'" in output
    assert "Traceback" not in output
    assert server.proc.poll() is None, "the server must keep running after a bad edit"
    data.write_text(good.replace("name: Calf stretch", "name: Fixed calf stretch"))
    wait_for(page, "Fixed calf stretch")
