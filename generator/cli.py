"""Command line: `python -m generator check [PATH]` and `python -m generator schema`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.errors import Problem, Severity
from generator.figures.cache import FIGURE_CACHE, FigureCache
from generator.figures.sheet import render_sheet
from generator.render import Renderer
from generator.schema import SCHEMA_FILE, render_schema
from generator.validate import check


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate exercises.yml and list every problem")
    check_cmd.add_argument("path", nargs="?", default="exercises.yml", type=Path)
    check_cmd.add_argument(
        "--verbose", action="store_true", help="also list notes (exercises used nowhere)"
    )
    check_cmd.add_argument(
        "--strict", action="store_true", help="treat lint warnings as errors (exit code 1)"
    )
    check_cmd.add_argument(
        "--content",
        type=Path,
        default=None,
        help="folder that media paths are relative to (default: content/ beside the file)",
    )
    schema_cmd = commands.add_parser("schema", help=f"write the JSON Schema ({SCHEMA_FILE})")
    schema_cmd.add_argument("--output", type=Path, default=Path(SCHEMA_FILE))
    figures_cmd = commands.add_parser(
        "figures", help="draw the exercise figures; --sheet writes a review sheet"
    )
    figures_cmd.add_argument("path", nargs="?", default="exercises.yml", type=Path)
    figures_cmd.add_argument(
        "--sheet", type=Path, required=True, help="HTML file to write the review sheet to"
    )
    args = parser.parse_args(argv)

    if args.command == "schema":
        args.output.write_text(render_schema(), encoding="utf-8")
        print(f"wrote {args.output}")
        return 0
    if args.command == "figures":
        return _sheet(args.path, args.sheet)
    return _check(args.path, args.content, strict=args.strict, verbose=args.verbose)


def _sheet(path: Path, out: Path) -> int:
    handbook, problems = check(path)
    if handbook is None:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) in {path}", file=sys.stderr)
        return 1
    for problem in problems:
        if problem.severity is not Severity.INFO:
            print(problem)
    cache = FigureCache(path.parent / FIGURE_CACHE)
    out.write_text(render_sheet(handbook, Renderer(), cache), encoding="utf-8")
    drawn = sum(e.figure is not None for e in handbook.exercises)
    print(f"wrote {out}: {drawn} of {len(handbook.exercises)} exercises have a figure")
    return 0


def _check(path: Path, content: Path | None, *, strict: bool, verbose: bool) -> int:
    content_dir = content if content is not None else path.parent / "content"
    handbook, problems = check(path, content_dir if content_dir.is_dir() else None)
    if not verbose:
        problems = [p for p in problems if p.severity is not Severity.INFO]
    for problem in problems:
        print(problem)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            if problem.severity is not Severity.INFO:
                print(github_annotation(problem))
    if handbook is None:
        print(f"{len(problems)} problem(s) in {path}", file=sys.stderr)
        return 1
    warnings = sum(p.severity is Severity.WARNING for p in problems)
    verdict = f"{warnings} warning(s)" if warnings else "no problems found"
    print(
        f"{path}: {_count(handbook.joints, 'joint')}, {_count(handbook.exercises, 'exercise')}, "
        f"{_count(handbook.routines, 'routine')}: {verdict}"
    )
    return 1 if strict and warnings else 0


def _count(items: list[Any], noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def github_annotation(problem: Problem) -> str:
    """The problem as a GitHub Actions workflow command, shown on the line in a pull request."""

    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    level = "error" if problem.severity is Severity.ERROR else "warning"
    return (
        f"::{level} file={prop(problem.path)},line={problem.line},col={problem.col}"
        f"::{data(problem.message)}"
    )
