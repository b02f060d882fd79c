"""`python -m generator check` and `schema` from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT

from generator.schema import SCHEMA_FILE


def check(path: Path, *, github: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    if github:
        env["GITHUB_ACTIONS"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "generator", "check", str(path)],
        cwd=path.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_summarises_a_good_file() -> None:
    """A valid file prints one summary line and exits 0."""
    result = check(FIXTURES / "minimal" / "exercises.yml")
    assert result.returncode == 0
    assert result.stdout.strip().endswith("3 joints, 3 exercises, 1 routine: no problems found")


def test_check_on_the_starter_handbook() -> None:
    """The shipped exercises.yml is valid."""
    result = check(ROOT / "exercises.yml")
    assert result.returncode == 0, result.stdout


def test_github_annotations_point_at_the_broken_line(tmp_path: Path) -> None:
    """Under GitHub Actions each problem is also a workflow command on its line."""
    bad = tmp_path / "exercises.yml"
    bad.write_text(
        "joints:\n  - id: hip\n    name: Hip\n    need: mobilty\n    order: 1\n"
        "    summary: A joint, 100% real.\n"
    )
    result = check(bad, github=True)
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotations == [
        f"::error file={bad.as_posix().replace(':', '%3A')},line=4,col=11::joint 'hip', 'need': "
        "'mobilty' is not allowed: write 'mobility', 'stability' or 'both'. "
        "Did you mean 'mobility'?"
    ]
    assert "::error" not in check(bad).stdout


def test_handbook_file_points_editors_at_the_schema() -> None:
    """The first line wires the YAML language server to the schema."""
    first = (ROOT / "exercises.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=./{SCHEMA_FILE}"
