"""Command line: `python -m generator check [PATH]` and `python -m generator schema`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.errors import Problem
from generator.schema import SCHEMA_FILE, render_schema
from generator.validate import check


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate exercises.yml and list every problem")
    check_cmd.add_argument("path", nargs="?", default="exercises.yml", type=Path)
    check_cmd.add_argument(
        "--content",
        type=Path,
        default=None,
        help="folder that media paths are relative to (default: content/ beside the file)",
    )
    schema_cmd = commands.add_parser("schema", help=f"write the JSON Schema ({SCHEMA_FILE})")
    schema_cmd.add_argument("--output", type=Path, default=Path(SCHEMA_FILE))
    args = parser.parse_args(argv)

    if args.command == "schema":
        args.output.write_text(render_schema(), encoding="utf-8")
        print(f"wrote {args.output}")
        return 0
    return _check(args.path, args.content)


def _check(path: Path, content: Path | None) -> int:
    content_dir = content if content is not None else path.parent / "content"
    handbook, problems = check(path, content_dir if content_dir.is_dir() else None)
    for problem in problems:
        print(problem)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(github_annotation(problem))
    if handbook is None:
        print(f"{len(problems)} problem(s) in {path}", file=sys.stderr)
        return 1
    print(
        f"{path}: {len(handbook.joints)} joints, {len(handbook.exercises)} exercises, "
        f"{len(handbook.routines)} routines: no problems found"
    )
    return 0


def github_annotation(problem: Problem) -> str:
    """The problem as a GitHub Actions workflow command, shown on the line in a pull request."""

    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    level = "error" if problem.severity.value == "error" else "warning"
    return (
        f"::{level} file={prop(problem.path)},line={problem.line},col={problem.col}"
        f"::{data(problem.message)}"
    )
