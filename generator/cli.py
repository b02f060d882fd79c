"""Command line: `check [PATH]`, `schema`, `export OUT_DIR` and `pdf SITE_DIR`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.errors import HandbookError, Problem, Severity
from generator.export import ExportError, export
from generator.pdf import PdfError
from generator.pdf_step import PDF_CACHE, make_handouts
from generator.pdf_step import report as pdf_report
from generator.schema import SCHEMA_FILE, render_schema
from generator.site import SiteError
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
    export_cmd = commands.add_parser(
        "export", help="write the handbook as a plain Markdown project that any engine builds"
    )
    export_cmd.add_argument("out_dir", type=Path)
    export_cmd.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    pdf_cmd = commands.add_parser("pdf", help="make the handout PDFs of a built site")
    pdf_cmd.add_argument("site_dir", type=Path)
    pdf_cmd.add_argument(
        "--cache", type=Path, default=Path(PDF_CACHE), help=f"PDF cache (default {PDF_CACHE})"
    )
    args = parser.parse_args(argv)

    if args.command == "export":
        return _export(args.config, args.out_dir)
    if args.command == "pdf":
        return _pdf(args.site_dir, args.cache)
    if args.command == "schema":
        args.output.write_text(render_schema(), encoding="utf-8")
        print(f"wrote {args.output}")
        return 0
    return _check(args.path, args.content, strict=args.strict, verbose=args.verbose)


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


def _export(config_file: Path, out_dir: Path) -> int:
    try:
        generated = export(config_file, out_dir)
    except HandbookError as exc:
        print(exc.report())
        print(f"{len(exc.problems)} problem(s): nothing exported", file=sys.stderr)
        return 1
    except (SiteError, ExportError) as exc:
        print(f"{exc}: nothing exported", file=sys.stderr)
        return 1
    for problem in generated.problems:
        if problem.severity is not Severity.INFO:
            print(problem)
    print(
        f"wrote {out_dir}: {len(generated.pages)} generated page(s); build it with "
        f"`mkdocs build` (or properdocs, zensical) in {out_dir}, then "
        f"`python -m generator pdf {out_dir / 'site'}`"
    )
    return 0


def _pdf(site_dir: Path, cache: Path) -> int:
    if not site_dir.is_dir():
        print(f"{site_dir} is not a folder: build the site first", file=sys.stderr)
        return 1
    try:
        stats = make_handouts(site_dir, cache)
    except PdfError as exc:
        print(exc, file=sys.stderr)
        return 1
    if not stats.used:
        print(f"{site_dir} has no handout pages: was it built from an export?", file=sys.stderr)
        return 1
    print("\n".join(pdf_report(stats)))
    for warning in stats.warnings():
        print(f"warning: {warning}")
    return 0


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
