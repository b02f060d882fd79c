"""Table-driven bad input: each `cases/NAME.yml` must produce exactly `cases/NAME.out`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases"
NAMES = sorted(p.stem for p in CASES.glob("*.yml"))


def run_check(name: str) -> subprocess.CompletedProcess[str]:
    """`python -m generator check NAME.yml --content content`, run from the cases folder."""
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run(
        [sys.executable, "-m", "generator", "check", f"{name}.yml", "--content", "content"],
        cwd=CASES,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("name", NAMES)
def test_bad_input_is_reported_at_its_line(name: str) -> None:
    """Every kind of mistake gives its FILE:LINE:COL message, exit code 1 and no traceback."""
    result = run_check(name)
    expected_file = CASES / f"{name}.out"
    if os.environ.get("UPDATE_CASES"):
        expected_file.write_text(result.stdout, encoding="utf-8")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1, result.stdout
    assert result.stdout == expected_file.read_text(encoding="utf-8")
    for line in result.stdout.splitlines():
        assert line.startswith(f"{name}.yml:"), line


def test_every_case_has_expected_output() -> None:
    """A case without its `.out` file would never be checked."""
    assert NAMES
    assert sorted(p.stem for p in CASES.glob("*.out")) == NAMES
