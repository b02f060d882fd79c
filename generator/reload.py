"""Stage 1 again, for the live preview: load a saved file by re-reading only what changed.

At 1,000 exercises composing the whole file with positions takes about two seconds, most
of a preview save. An editor's save usually changes one record, so `Reloader` compares the
new text with the last one it loaded and, when the change lies inside one record of a
section (one `- ` item of `joints:`, `exercises:` or `routines:`), loads that record's lines
alone with the same loader and splices them into the last `Document`; the positions of the
lines below move by the lines added or removed.

The spliced document equals what `load_text` gives for the whole file. The item's lines are
read alone only when they cannot mean anything else in the whole file: they start at the
same `- ` indent as before, end at a line break before an unchanged next record, section or
the end of the file, hold exactly one item, define and use no anchors or aliases (nor did
the old ones), and hold no document markers. Files with directives or line breaks other
than `\\n` and `\\r\\n` are always loaded whole. Anything unusual, including every YAML
error, falls back to `load_file`, so messages and positions come from the one loader.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

from generator.load import Document, Loc, Mark, build, compose, events, load_file, load_text
from generator.models import Record

_ITEM = re.compile(r"( *)- +")
"""The start of a record's line: its indent and the `- ` before the record's first key."""

_LONE_CR = re.compile(r"\r(?!\n)")
_MARKER = re.compile(r"^(?:---|\.\.\.)(?=\s|$)", re.MULTILINE)
"""A document marker: within a record's lines the record would not be one item any more."""


@dataclass(frozen=True)
class Span:
    """Where one record is written: its section, its index, and its whole lines."""

    section: str
    index: int
    start: int
    """Offset of the first character of the record's `- ` line."""
    end: int
    """Offset just after the record's last line (the next record's line or section)."""
    line: int
    """1-based line of `start`."""
    indent: int
    """Spaces before the record's `- `."""


@dataclass
class ReloadStats:
    """How often the preview re-read one record, and how often the whole file."""

    records: int = 0
    whole: int = 0
    validated: int = 0
    """Records validated (the others were kept from an earlier load)."""


class Reloader:
    """Loads one file again and again (`mkdocs serve`), re-reading only the changed record,
    and validates only the records it re-read (`validate_record`)."""

    def __init__(self) -> None:
        self.text: str | None = None
        self.doc: Document | None = None
        self.stats = ReloadStats()
        self.records: dict[int, tuple[dict[str, Any], Record]] = {}
        """Validated records by the identity of their data: a record kept from the last load
        is the same `dict`, and the models are frozen, so its record is reused."""

    def validate_record(self, model: type[Record], item: dict[str, Any]) -> Record:
        """`model.model_validate(item)`, done once for each record's data."""
        kept = self.records.get(id(item))
        if kept is not None and kept[0] is item and type(kept[1]) is model:
            return kept[1]
        record = model.model_validate(item)
        self.records[id(item)] = (item, record)
        self.stats.validated += 1
        return record

    def load(self, path: Path, display_path: str | None = None) -> Document:
        """The file's `Document`, as `load_file(path, display_path)` gives it; raises
        `HandbookError` as that does."""
        shown = display_path or str(path)
        text = _read(path)
        doc = None
        if text is not None and self.text is not None and self.doc and self.doc.path == shown:
            doc = _splice(self.text, self.doc, text)
        if doc is None:
            self.text, self.doc = None, None  # kept only after a load that succeeded
            # The text read above (what `load_file` does with it), so the text kept is the
            # text loaded even if the file is saved again meanwhile.
            doc = load_file(path, display_path) if text is None else load_text(text, shown)
            self.stats.whole += 1
        else:
            self.stats.records += 1
        if text is not None:
            self.text, self.doc = text, doc
        live = {id(item) for items in _sections(doc) for item in items}
        self.records = {key: kept for key, kept in self.records.items() if key in live}
        return doc


def _sections(doc: Document) -> list[list[Any]]:
    """The lists of records in `doc` (whatever else the file holds)."""
    if not isinstance(doc.data, dict):
        return []
    return [items for items in doc.data.values() if isinstance(items, list)]


def _read(path: Path) -> str | None:
    """The file's text as `load_file` reads it, or None (then `load_file` says why)."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def _splice(old: str, doc: Document, new: str) -> Document | None:
    """`load_text(new)` made from `doc` (loaded from `old`), or None when it cannot be."""
    if old == new:
        return doc
    if not isinstance(doc.data, dict) or _unusual(old) or _unusual(new):
        return None
    # The changed lines of the old text: [first, last) in whole lines; `first` is on `line`.
    # The unchanged end may reach back into the first changed line: a line added below
    # another that starts alike is then an insertion between the two.
    first = old.rfind("\n", 0, _common_prefix(old, new)) + 1
    suffix = _common_suffix(old, new, limit=min(len(old), len(new)) - first)
    line = old.count("\n", 0, first) + 1
    changed_to = len(old) - suffix
    last = first if changed_to <= first else _line_end(old, changed_to - 1)
    delta = len(new) - len(old)
    for span in _spans(old, doc, (first, line), last):
        was, now = old[span.start : span.end], new[span.start : span.end + delta]
        if (
            _MARKER.search(now)
            or _item_at(now) != span.indent
            or (span.end < len(old) and not now.endswith("\n"))
        ):
            continue
        # Read at its own lines, so positions and messages ("first on line …") are right.
        node = _one_item("\n" * (span.line - 1) + now)
        if node is None or _has_anchors(was) or _has_anchors(now):
            continue
        below = span.line + was.count("\n")
        delta = now.count("\n") - was.count("\n")
        for at, found in doc.traps:
            if not _inside(at, span) and (span.line <= found.line < below or delta):
                return None  # a message below may name a line that moved: load it whole
        part = Document(doc.path, None)
        item = build(part, node, (span.section, span.index))
        return _merged(doc, part, span, item, below, delta)
    return None


def _unusual(text: str) -> bool:
    """True for text with line breaks YAML counts but `\\n` does not, or with directives."""
    if any(c in text for c in "\x85\u2028\u2029") or text.startswith("%") or "\n%" in text:
        return True
    return "\r" in text and _LONE_CR.search(text) is not None


def _common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix (halving, so a long file compares fast)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[low:mid] == b[low:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    """Length of the longest common suffix, at most `limit`."""
    low, high = 0, limit
    while low < high:
        mid = (low + high + 1) // 2
        if a[len(a) - mid : len(a) - low] == b[len(b) - mid : len(b) - low]:
            low = mid
        else:
            high = mid - 1
    return low


def _line_end(text: str, offset: int) -> int:
    """Offset just after the line that holds `offset` (its line break included)."""
    found = text.find("\n", offset)
    return len(text) if found < 0 else found + 1


def _item_at(text: str, offset: int = 0) -> int | None:
    """The indent of the `- ` that starts the line at `offset`, or None."""
    match = _ITEM.match(text, offset)
    return len(match[1]) if match else None


def _spans(text: str, doc: Document, at: tuple[int, int], last: int) -> list[Span]:
    """The records whose lines hold the changed lines from `at` (offset, line) to offset
    `last`: one, or two when lines were only inserted between two records (then the one
    above first)."""
    assert isinstance(doc.data, dict)
    first, line = at
    tops = sorted(doc.keys[(key,)].line for key in doc.data if (key,) in doc.keys)
    found = []
    for section, records in doc.data.items():
        if not isinstance(records, list) or not records:
            continue
        lines = [doc.values[(section, i)].line for i in range(len(records))]
        if any(a >= b for a, b in pairwise(lines)):
            return []
        index = bisect_right(lines, line) - 1
        for i in (index - 1, index) if first == last else (index,):
            if i < 0:
                continue
            after = (
                lines[i + 1] if i + 1 < len(lines) else next((t for t in tops if t > lines[i]), 0)
            )
            start = _line_start(text, lines[i], at)
            end = _line_start(text, after, at) if after else len(text)
            if start > first or last > end or (first == end and last > first):
                continue
            mark = doc.values[(section, i)]
            indent = _item_at(text, start)
            if indent is None or not _ITEM.fullmatch(text, start, start + mark.col - 1):
                return []
            if i + 1 < len(lines) and _item_at(text, end) != indent:
                return []
            found.append(Span(section, i, start, end, lines[i], indent))
    return found


def _line_start(text: str, line: int, near: tuple[int, int]) -> int:
    """The offset where 1-based `line` starts, found from `near`, a line start (offset, line)
    close to it."""
    offset, at = near
    while at > line:
        offset = text.rfind("\n", 0, offset - 1) + 1
        at -= 1
    while at < line:
        offset = text.index("\n", offset) + 1
        at += 1
    return offset


def _one_item(text: str) -> yaml.Node | None:
    """The single item of a one-item block sequence, composed as `load_text` composes."""
    try:
        root = compose(text)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.SequenceNode) or root.flow_style or len(root.value) != 1:
        return None
    if root.tag != "tag:yaml.org,2002:seq":
        return None
    node: yaml.Node = root.value[0]
    return node


def _has_anchors(text: str) -> bool:
    """True when `text` defines an anchor or uses an alias (or cannot be parsed)."""
    try:
        for event in events(text):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return True
    except yaml.YAMLError:
        return True
    return False


def _inside(at: Loc, span: Span) -> bool:
    return at[:2] == (span.section, span.index)


def _merged(
    doc: Document, part: Document, span: Span, item: object, below: int, delta: int
) -> Document:
    """`doc` with the record at `span` replaced by `part`, which was read alone at the
    record's lines; lines from `below` on move by `delta`."""
    loc = (span.section, span.index)
    assert isinstance(doc.data, dict)
    records = list(doc.data[span.section])
    records[span.index] = item
    data = {**doc.data, span.section: records}
    values, keys = _moved(doc.values, loc, below, delta), _moved(doc.keys, loc, below, delta)
    values.update(part.values)
    keys.update(part.keys)
    kept = [(at, p) for at, p in doc.traps if at[:2] != loc]
    # Traps below are kept only when no line moved (`_splice`): their messages stay true.
    traps = [
        *((at, p) for at, p in kept if p.line < span.line),
        *part.traps,
        *((at, p) for at, p in kept if p.line >= below),
    ]
    booleans = {at: word for at, word in doc.booleans.items() if at[:2] != loc}
    booleans.update(part.booleans)
    return Document(doc.path, data, values, keys, traps, booleans)


def _moved(marks: dict[Loc, Mark], loc: Loc, below: int, delta: int) -> dict[Loc, Mark]:
    """`marks` without those of the record at `loc`; lines from `below` on move by `delta`."""
    if not delta:
        return {at: m for at, m in marks.items() if at[:2] != loc}
    return {
        at: Mark(m.line + delta, m.col) if m.line >= below else m
        for at, m in marks.items()
        if at[:2] != loc
    }
