"""Table-driven bad input: each `cases/NAME.yml` must produce exactly `cases/NAME.out`."""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pytest

from generator.cli import main

CASES = Path(__file__).parent / "cases"
NAMES = sorted(p.stem for p in CASES.glob("*.yml"))


def run_check(name: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """`python -m generator check NAME.yml --content content` in the cases folder, run in this
    process (fast enough for mutation testing): exit code, stdout and stderr."""
    monkeypatch.chdir(CASES)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", f"{name}.yml", "--content", "content"])
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("name", NAMES)
def test_bad_input_is_reported_at_its_line(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every kind of mistake gives its FILE:LINE:COL message, exit code 1 and no traceback."""
    code, stdout, stderr = run_check(name, monkeypatch)
    expected_file = CASES / f"{name}.out"
    if os.environ.get("UPDATE_CASES"):
        expected_file.write_text(stdout, encoding="utf-8")
    assert "Traceback" not in stdout + stderr
    assert code == 1, stdout
    assert stdout == expected_file.read_text(encoding="utf-8")
    problems = len(stdout.splitlines())
    assert stderr == f"{problems} problem(s) in {name}.yml\n"
    for line in stdout.splitlines():
        assert line.startswith(f"{name}.yml:"), line


def test_every_case_has_expected_output() -> None:
    """A case without its `.out` file would never be checked."""
    assert NAMES
    assert sorted(p.stem for p in CASES.glob("*.out")) == NAMES
