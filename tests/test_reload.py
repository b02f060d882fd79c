"""The live preview's loader: after a save it re-reads and re-validates only the changed
record, and gives exactly what loading the whole file gives (data, every position, every
trap), or loads the whole file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import HandbookError
from generator.load import Document, load_text
from generator.reload import Reloader, _splice
from generator.validate import check

BASE = """\
# A handbook for the reload tests: block and flow styles, comments, quotes, block text.
joints:
  - id: ankle
    name: Ankle
    need: mobility
  - id: knee   # a comment after a value
    name: "Knee"
    need: stability

exercises:
  - id: calf-stretch
    name: Calf stretch
    joints: [ankle]
    steps:
      - Stand facing a wall.
      - 'Lean in: keep the heel down.'
    notes: |
      Two lines
      of block text.
  # a comment between records
  - id: wall-sit
    name: Wall sit
    joints:
      - knee
    hold: 30
    side: both
  - id: step-down
    name: >
      Folded
      name
    steps: []
routines:
- id: morning
  name: Morning
  blocks:
  - name: Warm-up
    exercises:
    - id: calf-stretch
- id: evening
  name: Evening
"""

PIECES = [
    "a",
    "Z",
    " ",
    "  ",
    "\n",
    "\n  ",
    "\n    ",
    "\n  - ",
    "\n      - ",
    "- ",
    ": ",
    "#",
    "'",
    '"',
    "&x ",
    "*x",
    "|",
    ">",
    "[",
    "]",
    "{",
    "}",
    ",",
    "!!str ",
    "!!python/name:os.system ",
    "no",
    "1:30",
    "07",
    "---",
    "...",
    "\t",
    "? ",
    "id: z",
    "\r\n",
    "\r",
    "%",
    "\u2028",
    "name: x\n    name: y",
]


def same(spliced: Document, whole: Document) -> None:
    """Everything a later stage reads from a document is equal."""
    assert spliced.path == whole.path
    assert spliced.data == whole.data
    assert spliced.values == whole.values
    assert spliced.keys == whole.keys
    assert spliced.traps == whole.traps
    assert spliced.booleans == whole.booleans


def edited(text: str, at: int, cut: int, insert: str) -> str:
    return text[:at] + insert + text[at + cut :]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    at=st.integers(min_value=0, max_value=len(BASE)),
    cut=st.integers(min_value=0, max_value=12),
    insert=st.lists(st.sampled_from(PIECES), max_size=4).map("".join),
    second=st.booleans(),
)
def test_a_spliced_document_equals_the_whole_file_loaded(
    at: int, cut: int, insert: str, second: bool
) -> None:
    """Any edit: the spliced document is the one `load_text` gives, or there is none (and
    the whole file is loaded). A second edit starts from the spliced document."""
    old = BASE
    doc = load_text(old)
    for step in range(2 if second else 1):
        new = edited(old, (at + 37 * step) % (len(old) + 1), cut, insert)
        spliced = _splice(old, doc, new)
        try:
            whole = load_text(new)
        except HandbookError:
            assert spliced is None, "a spliced document for a file that does not load"
            return
        if spliced is not None:
            same(spliced, whole)
        old, doc = new, whole


@pytest.mark.parametrize(
    ("find", "replace"),
    [
        ("Stand facing a wall.", "Stand facing the wall, feet apart."),  # within a line
        ("      - Stand facing a wall.\n", "      - One.\n      - Two.\n"),  # a line added
        ("    hold: 30\n", ""),  # a line removed
        ("    steps: []\n", "    steps: []\n    side: no\n"),  # the last record of a section
        ("    side: both\n", "    side: both\n    hold: 1:30\n"),  # a trap, lines below move
        ("  - id: wall-sit", "  - id: wall-sits"),  # the record's first line
        ("- id: evening\n", "- id: evening\n  level: no\n"),  # the last record, `- ` at 0
        ("of block text.\n", "of block text.\n      A third line.\n"),  # block text grows
    ],
)
def test_an_edit_inside_one_record_is_spliced(find: str, replace: str) -> None:
    """Ordinary edits to one record do not load the whole file, and give what it gives."""
    assert BASE.count(find) == 1
    new = BASE.replace(find, replace)
    spliced = _splice(BASE, load_text(BASE), new)
    assert spliced is not None
    same(spliced, load_text(new))


@pytest.mark.parametrize(
    ("find", "replace"),
    [
        ("  - id: wall-sit\n", "  - id: new-one\n    name: New\n  - id: wall-sit\n"),  # a record
        ("  # a comment between records\n", "  - id: new-one\n"),  # a record added between
        ("\njoints:\n", "\njoints: &j\n"),  # an anchor outside the records
        ("    joints: [ankle]", "    joints: &a [ankle]"),  # an anchor inside a record
        ("    joints:\n      - knee", "    joints: *a"),  # an alias
        ("    hold: 30\n", "---\n"),  # a document marker
        ("    name: Wall sit\n", "  name: Wall sit\n"),  # a key out of its record
        ("  - id: wall-sit\n", "   - id: wall-sit\n"),  # the record's `- ` moved
        ("\nexercises:\n", "\nexercises:\nroutines: []\n"),  # outside any record
    ],
)
def test_an_edit_that_could_mean_more_than_one_record_loads_the_whole_file(
    find: str, replace: str
) -> None:
    """Edits beyond one record's lines (or with anchors, aliases, markers) are not spliced."""
    assert BASE.count(find) == 1
    assert _splice(BASE, load_text(BASE), BASE.replace(find, replace)) is None


def write(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


def test_the_reloader_reads_and_validates_again_only_the_changed_record(tmp_path: Path) -> None:
    """Counted: a save that changes one step splices one record and validates only it; the
    other records are the very objects of the last build. The same problems either way."""
    source = Path(__file__).parent.parent / "exercises.yml"
    data = write(tmp_path / "exercises.yml", source.read_text("utf-8"))
    reloader = Reloader()
    first, problems = check(data, None, "exercises.yml", reloader.load, reloader.validate_record)
    assert first is not None
    assert (reloader.stats.whole, reloader.stats.records) == (1, 0)
    validated = reloader.stats.validated
    assert validated == len(first.joints) + len(first.exercises) + len(first.routines)

    text = data.read_text("utf-8")
    step = text.index("- ", text.index("steps:", text.index(f"id: {first.exercises[3].id}")))
    write(data, text[: step + 2] + "Slowly. " + text[step + 2 :])
    second, again = check(data, None, "exercises.yml", reloader.load, reloader.validate_record)
    assert second is not None
    assert (reloader.stats.whole, reloader.stats.records) == (1, 1)
    assert reloader.stats.validated == validated + 1
    assert second.exercises[3].steps[0].startswith("Slowly. ")
    assert second.exercises[3] is not first.exercises[3]
    assert all(a is b for a, b in zip(first.exercises[4:], second.exercises[4:], strict=True))
    assert again == check(data, None, "exercises.yml")[1] == problems


def test_an_error_shows_at_its_line_and_the_fix_is_spliced_back(tmp_path: Path) -> None:
    """A record broken in a save is reported where `check` reports it; fixing it works."""
    data = write(tmp_path / "exercises.yml", BASE)
    reloader = Reloader()
    reloader.load(data, "exercises.yml")
    write(data, BASE.replace("    hold: 30\n", "    hold: 1:30\n"))
    broken = reloader.load(data, "exercises.yml")
    assert broken.traps == load_text(data.read_text("utf-8")).traps
    assert [(p.line, p.col) for _, p in broken.traps] == [(25, 11)]
    write(data, BASE.replace("  - id: wall-sit\n", "  - id: wall-sit\n  bad\n"))
    with pytest.raises(HandbookError) as raised:
        reloader.load(data, "exercises.yml")
    with pytest.raises(HandbookError) as whole:
        load_text(data.read_text("utf-8"), "exercises.yml")
    assert raised.value.problems == whole.value.problems
    write(data, BASE)
    assert reloader.load(data, "exercises.yml").data == load_text(BASE).data
    assert reloader.stats.records == 1  # the first edit; the file after the error is whole
