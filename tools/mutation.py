"""Mutation testing of load, models, validate, lint and render/words (`make mutation`).

Runs cosmic-ray (`tests/mutation.toml`) on a session in `.cache/mutation/`, skips the
operator variants listed in the config's filter and the lines marked `# pragma: no mutate`
(equivalent mutants, each explained in tests/MUTATION.md), and prints the share of the
remaining (catchable) mutants that the tests kill, per module, with every survivor. Exits 1
below 95%. A session that was interrupted resumes where it stopped; `--fresh` starts over.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "tests" / "mutation.toml"
SESSION = ROOT / ".cache" / "mutation" / "session.sqlite"
TARGET = 0.95
BIN = Path(sys.executable).parent


# The test command says `python`: this venv's, whatever the shell's PATH holds.
ENV = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def run(*args: str) -> str:
    """Run a cosmic-ray command in the project folder; its output."""
    return subprocess.run(
        [str(BIN / args[0]), *args[1:]],
        cwd=ROOT,
        env=ENV,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def main(argv: list[str] | None = None) -> int:
    """Initialise (or resume) the session, run it, and report; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fresh", action="store_true", help="start a new session")
    parser.add_argument("--report", action="store_true", help="only report the session")
    args = parser.parse_args(argv)
    SESSION.parent.mkdir(parents=True, exist_ok=True)
    if not args.report and (args.fresh or not SESSION.exists()):
        # A failing suite would "kill" every mutant: it must pass unmutated first.
        baseline = subprocess.run(
            [str(BIN / "cosmic-ray"), "baseline", str(CONFIG)], cwd=ROOT, env=ENV, check=False
        )
        if baseline.returncode != 0:
            print("the tests fail without any mutation: fix them first", file=sys.stderr)
            return 1
        run("cosmic-ray", "init", "--force", str(CONFIG), str(SESSION))
        run("cr-filter-operators", str(SESSION), str(CONFIG))
        run("cr-filter-pragma", str(SESSION))
        skip_annotations(SESSION)
    if not args.report:
        subprocess.run(
            [str(BIN / "cosmic-ray"), "exec", str(CONFIG), str(SESSION)],
            cwd=ROOT,
            env=ENV,
            check=True,
        )
    return report(run("cosmic-ray", "dump", str(SESSION)))


def annotation_spans(path: Path) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Where a function's argument and return annotations are written in a module."""
    spans = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            arguments = node.args
            every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
            every += [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
            notes = [a.annotation for a in every if a.annotation is not None]
            notes += [node.returns] if node.returns is not None else []
            for note in notes:
                end = (note.end_lineno or note.lineno, note.end_col_offset or note.col_offset)
                spans.append(((note.lineno, note.col_offset), end))
    return spans


def skip_annotations(session: Path) -> int:
    """Mark mutants inside function annotations as skipped: equivalent, because with
    `from __future__ import annotations` (every module here) they are never evaluated."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import WorkerOutcome, WorkResult

    spans: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = {}
    skipped = 0
    with use_db(str(session), WorkDB.Mode.open) as db:
        for item in list(db.pending_work_items):
            (mutation,) = item.mutations
            module = str(mutation.module_path)
            if module not in spans:
                spans[module] = annotation_spans(ROOT / module)
            at = tuple(mutation.start_pos)
            if any(start <= at < end for start, end in spans[module]):
                db.set_result(
                    item.job_id,
                    WorkResult(
                        output="equivalent: inside an annotation, never evaluated",
                        worker_outcome=WorkerOutcome.SKIPPED,
                    ),
                )
                skipped += 1
    return skipped


def report(dump: str) -> int:
    """Killed / catchable per module, the survivors, and the verdict."""
    total: Counter[str] = Counter()
    killed: Counter[str] = Counter()
    skipped: Counter[str] = Counter()
    pending = 0
    survivors: list[str] = []
    for line in dump.splitlines():
        item, result = json.loads(line)
        (mutation,) = item["mutations"]
        module = mutation["module_path"]
        if result is None:
            pending += 1
            continue
        if result["worker_outcome"] == "skipped":
            skipped[module] += 1
            continue
        total[module] += 1
        if result["test_outcome"] == "killed":
            killed[module] += 1
        else:
            line_no, col = mutation["start_pos"]
            survivors.append(
                f"  {module}:{line_no}:{col + 1} {mutation['operator_name']} "
                f"(occurrence {mutation['occurrence']}, in {mutation['definition_name']})"
            )
    print("survivors:" if survivors else "no survivors", *sorted(survivors), sep="\n")
    for module in sorted(total):
        share = killed[module] / total[module]
        print(
            f"{module}: {killed[module]} of {total[module]} catchable mutants killed "
            f"({share:.1%}); {skipped[module]} skipped"
        )
    all_total, all_killed = sum(total.values()), sum(killed.values())
    share = all_killed / all_total if all_total else 0.0
    print(
        f"total: {all_killed} of {all_total} catchable mutants killed ({share:.1%}); "
        f"{sum(skipped.values())} skipped; {pending} not run"
    )
    return 0 if share >= TARGET and not pending else 1


if __name__ == "__main__":
    sys.exit(main())
