"""Stage 1, load: YAML text to plain Python data, remembering where every value came from.

The libyaml composer (`CSafeLoader`) builds a node tree with line and column marks; we turn
nodes into data ourselves instead of calling the constructor so that we can

* record the position of every key and value (for `file:line:col` messages),
* reject the traps of YAML 1.1 that silently change what an editor typed
  (`1:30` read as 90, `no` read as false, duplicate keys where the last one wins),
* accept only plain data (no `!!python/...` or other tags, no merge keys), and
* bound alias expansion, so a "billion laughs" file fails fast instead of eating memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import HandbookError, Problem

Loc = tuple[str | int, ...]

# libyaml's composer is about 7 times faster than the pure-Python one on large files.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# How many times nodes may be reached again through aliases. Hand-written files use few or
# no aliases; an alias bomb needs millions.
MAX_ALIAS_VISITS = 100_000

_TAG = "tag:yaml.org,2002:"
_TRUE_FALSE = {"true", "false"}
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]+$")


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in the source file."""

    line: int
    col: int


@dataclass
class Document:
    """Plain data loaded from one YAML file, with the position of each value and key."""

    path: str
    data: Any
    values: dict[Loc, Mark] = field(default_factory=dict)
    keys: dict[Loc, Mark] = field(default_factory=dict)
    traps: list[tuple[Loc, Problem]] = field(default_factory=list)
    """Values that were written but rejected (YAML 1.1 traps, tags, duplicate keys); the
    validator reports them with the record they belong to and ignores what follows from them."""
    booleans: dict[Loc, str] = field(default_factory=dict)
    """The text of words YAML 1.1 reads as true or false (`no`, `on`), where they were written:
    in a field with fixed choices the message lists the choices instead."""

    def mark(self, loc: Sequence[str | int], *, key: bool = False) -> Mark:
        """Where `loc` is written; falls back to the nearest enclosing value that exists.

        With `key=True` the position of the mapping key is preferred (where an unknown or
        duplicate key should be reported).
        """
        loc = tuple(loc)
        if key and loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), Mark(1, 1))

    def problem(self, loc: Sequence[str | int], message: str, *, key: bool = False) -> Problem:
        """A problem located at `loc` in this document."""
        m = self.mark(loc, key=key)
        return Problem(self.path, m.line, m.col, message)


def load_file(path: Path, display_path: str | None = None) -> Document:
    """Read and load a YAML file; raises `HandbookError` for anything that is not plain data."""
    shown = display_path or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise HandbookError(
            [Problem(shown, 1, 1, f"cannot read the file: {exc.strerror}")]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise HandbookError(
            [Problem(shown, line, 1, "the file is not UTF-8 text: save it as UTF-8")]
        ) from None
    return load_text(text, shown)


def compose(text: str) -> yaml.Node | None:
    """The YAML text's node tree, with marks (None for an empty text); raises YAML's errors."""
    loader = _Loader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
    finally:
        loader.dispose()
    return node


def events(text: str) -> Iterator[yaml.Event]:
    """The YAML parser's events for `text`, from the same parser as `compose`."""
    return yaml.parse(text, Loader=_Loader)


def build(doc: Document, node: yaml.Node, loc: Loc) -> Any:
    """The value of a composed node written at `loc`, with every value's mark and every trap
    (refused tags, merge keys, duplicate keys ...) recorded in `doc`."""
    return _Builder(doc).build(node, loc)


def load_text(text: str, path: str = "exercises.yml") -> Document:
    """Load YAML text; raises `HandbookError` with every problem found."""
    try:
        node = compose(text)
    except yaml.MarkedYAMLError as exc:
        raise HandbookError([_syntax_problem(exc, path)]) from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - before.rfind("\n")
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = (
            f"a control character (U+{code:04X}) that YAML does not allow: delete it "
            "(it often comes with text pasted from another program)"
        )
        raise HandbookError([Problem(path, line, col, message)]) from None
    except yaml.YAMLError as exc:
        raise HandbookError([Problem(path, 1, 1, f"YAML error: {exc}")]) from None
    doc = Document(path, None)
    if node is None:
        doc.values[()] = Mark(1, 1)
        doc.data = {}
        return doc
    doc.data = build(doc, node, ())
    return doc


def _syntax_problem(exc: yaml.MarkedYAMLError, path: str) -> Problem:
    # A key without its ':' or an unclosed quote is found only on a later line; the scanner's
    # context mark is where the broken key or quote starts, the line to fix.
    started = exc.context in ("while scanning a simple key", "while scanning a quoted scalar")
    mark = (exc.context_mark if started else None) or exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = " ".join(s for s in (exc.context, exc.problem) if s)
    hint = next(
        (fix for words, fix in _SYNTAX_HINTS.items() if words in (exc.problem or "")),
        "check the indentation and quoting near here",
    )
    return Problem(path, line, col, f"YAML syntax error: {what}: {hint}")


# Fixes for the commonest syntax errors, keyed by words of libyaml's message.
_SYNTAX_HINTS = {
    "mapping values are not allowed": (
        "put text that contains ': ' in quotes, or fix the indentation of this line"
    ),
    "tab character": "indent with spaces, not tabs",
    "undefined alias": "an alias (*name) needs an anchor (&name) above it",
    "but found another document": "remove the '---' line: the handbook is one document",
    "could not find expected ':'": "a key is missing its ':', or a quote is not closed",
    "did not find expected key": "this line is indented differently from the keys around it",
    "did not find expected '-' indicator": "line up every '- ' of a list at the same indent",
}


class _Builder:
    """Turns a composed node tree into plain data, collecting problems as it goes."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.seen: set[int] = set()
        self.alias_visits = 0
        self.active: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def _problem(self, node: yaml.Node, message: str) -> Problem:
        mark = _mark(node)
        return Problem(self.doc.path, mark.line, mark.col, message)

    def _add(self, node: yaml.Node, loc: Loc, message: str) -> None:
        self.doc.traps.append((loc, self._problem(node, message)))

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.doc.values.setdefault(loc, _mark(node))
        if id(node) in self.seen:
            self.alias_visits += 1
            if self.alias_visits > MAX_ALIAS_VISITS:
                message = (
                    "aliases (*name) expand to too much data: write the values out instead of "
                    "nesting aliases"
                )
                raise HandbookError([self._problem(node, message)])
        if id(node) in self.active:
            self._add(node, loc, "this alias refers to itself: write the value out instead")
            return None
        self.seen.add(id(node))
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, loc)
            if isinstance(node, yaml.SequenceNode):
                return self._sequence(node, loc)
            assert isinstance(node, yaml.ScalarNode)
            return self._scalar(node, loc)
        finally:
            self.active.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any] | None:
        if node.tag != _TAG + "map":
            self._add(node, loc, f"the tag {_tag(node.tag)} is not allowed: remove it")
            return None
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self._add(key_node, loc, "merge keys (<<) are not supported: write the keys out")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._add(key_node, loc, "a key must be a plain word, such as 'name'")
                continue
            key = str(key_node.value)
            if key in first_seen:
                first = _mark(first_seen[key]).line
                self._add(
                    key_node,
                    (*loc, key),
                    f"duplicate key '{key}' (first on line {first}): YAML would silently keep "
                    "only the last one; remove one of them",
                )
                continue
            first_seen[key] = key_node
            child = (*loc, key)
            self.doc.keys[child] = _mark(key_node)
            result[key] = self.build(value_node, child)
        return result

    def _sequence(self, node: yaml.SequenceNode, loc: Loc) -> list[Any] | None:
        if node.tag != _TAG + "seq":
            self._add(node, loc, f"the tag {_tag(node.tag)} is not allowed: remove it")
            return None
        return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]

    def _scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        tag = node.tag
        value = str(node.value)
        if tag == _TAG + "str" or tag == _TAG + "timestamp":
            return value
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            as_bool = self.constructor.construct_yaml_bool(node)
            if value.lower() not in _TRUE_FALSE:
                self.doc.booleans[loc] = value
                self._add(
                    node,
                    loc,
                    f"'{value}' is read by YAML as {str(as_bool).lower()}"
                    f': write "{value}" in quotes if you mean the word, or true/false '
                    "if you mean yes or no",
                )
                return None
            return as_bool
        if tag in (_TAG + "int", _TAG + "float"):
            if ":" in value:
                self._add(
                    node,
                    loc,
                    f"'{value}' is read by YAML as a number of seconds or minutes in base 60: "
                    f"write a time with its unit, such as '90s' or '1 min 30s', or put it "
                    "in quotes",
                )
                return None
            if tag == _TAG + "int" and _LEADING_ZERO.match(value):
                self._add(
                    node,
                    loc,
                    f"'{value}' has a leading zero and YAML may read it as an octal number: "
                    "write it without the leading zero",
                )
                return None
            if tag == _TAG + "int":
                return self.constructor.construct_yaml_int(node)
            return self.constructor.construct_yaml_float(node)
        self._add(node, loc, f"the tag {_tag(tag)} is not allowed: remove it and write plain text")
        return None


def _tag(tag: str) -> str:
    """A tag as written in the file: `!!python/object` rather than its long form."""
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


def _mark(node: yaml.Node) -> Mark:
    """Where a node starts, counting lines and columns from 1."""
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)
