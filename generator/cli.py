"""Command line: `check [PATH]`, `schema`, `export OUT_DIR`, `pdf SITE_DIR` and
`import free-exercise-db PATH --out FILE`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.errors import HandbookError, Problem, Severity
from generator.export import ExportError, export
from generator.figures.cache import FIGURE_CACHE, FigureCache
from generator.figures.sheet import render_sheet
from generator.importers import free_exercise_db
from generator.lint import lint
from generator.load import load_text
from generator.pdf import PdfError
from generator.pdf_step import PDF_CACHE, make_handouts
from generator.pdf_step import report as pdf_report
from generator.render import Renderer
from generator.schema import SCHEMA_FILE, render_schema
from generator.site import SiteError
from generator.validate import check, validate


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
    import_cmd = commands.add_parser(
        "import", help="import an open exercise data set into a new exercises.yml"
    )
    import_cmd.add_argument("source", choices=["free-exercise-db"], help="the data set")
    import_cmd.add_argument("path", type=Path, help="its exercises.json, or the folder of it")
    import_cmd.add_argument("--out", type=Path, required=True, help="the exercises.yml to write")
    import_cmd.add_argument(
        "--starter",
        type=Path,
        default=Path("exercises.yml"),
        help="handbook whose joints (and exercises and routines) the import keeps "
        "(default: exercises.yml)",
    )
    import_cmd.add_argument(
        "--only-joints",
        action="store_true",
        help="keep only the starter's joints, not its exercises and routines (the pages in "
        "content/ that link to them must then be edited)",
    )
    import_cmd.add_argument(
        "--mapping", type=Path, default=None, help="an edited copy of the mapping table"
    )
    import_cmd.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    figures_cmd = commands.add_parser(
        "figures", help="draw the exercise figures; --sheet writes a review sheet"
    )
    figures_cmd.add_argument("path", nargs="?", default="exercises.yml", type=Path)
    figures_cmd.add_argument(
        "--sheet", type=Path, required=True, help="HTML file to write the review sheet to"
    )
    args = parser.parse_args(argv)

    if args.command == "export":
        return _export(args.config, args.out_dir)
    if args.command == "pdf":
        return _pdf(args.site_dir, args.cache)
    if args.command == "import":
        return run_import(
            args.path,
            args.out,
            args.starter,
            args.mapping,
            force=args.force,
            keep_starter=not args.only_joints,
        )

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


def run_import(
    source: Path,
    out: Path,
    starter: Path,
    mapping: Path | None,
    *,
    force: bool,
    keep_starter: bool = True,
) -> int:
    """Import free-exercise-db into `out`, checked before it is written; returns the exit code."""
    if out.exists() and not force:
        print(f"{out} exists: choose another --out, or add --force to replace it", file=sys.stderr)
        return 1
    try:
        result = free_exercise_db.import_file(
            source, starter, mapping or free_exercise_db.MAPPING, keep_starter=keep_starter
        )
        text = free_exercise_db.to_yaml(result)
        doc = load_text(text, str(out))
        findings = lint(validate(doc), doc)
    except HandbookError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    for line in result.report.lines():
        print(line, file=sys.stderr)
    warnings = [p for p in findings if p.severity is Severity.WARNING]
    for problem in warnings:
        print(problem, file=sys.stderr)
    out.write_text(text, encoding="utf-8")
    kept = "its joints, exercises and routines" if keep_starter else "its joints"
    print(
        f"wrote {out}: {result.imported} of {result.read} records imported as exercises; "
        f"kept {kept} from {starter}; {_count(warnings, 'lint warning')}"
    )
    if result.images:
        print(
            f"images: {result.images} records link photos; none were imported, because their "
            "licence is unknown. Add your own pictures under 'media'."
        )
    return 0
