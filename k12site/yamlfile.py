"""Read a YAML file into plain Python values, remembering where each value stands.

Scalars stay strings (pydantic turns them into numbers, dates and booleans by the model), so
YAML 1.1 surprises cannot slip through: ``13:30`` is not the integer 810, ``no`` is not False,
and ``2025-02-30`` reaches the model as text and is reported there as an impossible date.

Values are built from the parser's events rather than from the composed node graph, whose
aliases share nodes: so an alias is known where it stands, and the values it would add are
counted before it is expanded. A file may hold `MAX_VALUES` values and `MAX_TEXT`
characters of text once its aliases are expanded, nested `MAX_DEPTH` deep; a few hundred
bytes of nested aliases (a "billion laughs") are refused at the alias that passes a limit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml

from .problems import Loc, Problem, format_field
from .sourcefile import SourceError, decode_source, describe, forbidden_character

MAX_VALUES = 10_000  # texts, lists and mappings once aliases are expanded; the largest real file holds 552
MAX_TEXT = 1_000_000  # characters of text once aliases are expanded: no more than the file size limit
MAX_DEPTH = 32  # lists and mappings inside each other, counting the file's own; the real data nests 12

_NULLS = {"", "~", "null", "Null", "NULL"}
_STANDARD_TAG = "tag:yaml.org,2002:"  # !!binary is short for tag:yaml.org,2002:binary
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same marks, faster


@dataclass
class YamlFile:
    """One parsed file: its values and the 1-based line and column of every value and key."""

    name: str
    data: Any
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Position of ``loc``, or of its nearest ancestor that exists in the file."""
        if key and loc in self.keys:
            return self.keys[loc]
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.values:
                return self.values[loc[:end]]
        return (1, 1)

    def problem(
        self, loc: Loc, message: str, *, key: bool = False, warning: bool = False, info: bool = False
    ) -> Problem:
        line, column = self.locate(loc, key=key)
        return Problem(self.name, line, column, format_field(loc), message, warning, info)


class YamlSyntaxError(SourceError):
    """A file that is not YAML, or not the plain YAML a data file may hold."""


def read_yaml(raw: bytes, name: str) -> YamlFile:
    """Parse the bytes of the file called ``name``; bad text or YAML raises a `SourceError`."""
    text = decode_source(raw, name)
    builder = _Builder(YamlFile(name, None))
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            builder.take(event)
    except yaml.MarkedYAMLError as exc:
        raise YamlSyntaxError(_syntax_problem(name, exc)) from None
    return builder.finish()


def _syntax_problem(name: str, exc: yaml.MarkedYAMLError) -> Problem:
    # Only the parser's own words: str(exc) would also quote lines of the file.
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = exc.problem or exc.context or "not valid YAML"
    start = exc.context_mark
    if exc.context and start and exc.problem_mark and start.line != exc.problem_mark.line:
        what += f" ({exc.context} that starts at line {start.line + 1}, column {start.column + 1})"
    return Problem(name, line, column, "(file)", f"YAML syntax error: {what}")


Position = tuple[int, int]
Entry = tuple[Loc, Position, bool]  # where a value (or, if True, a key) stands


@dataclass
class _Anchored:
    """A value marked ``&name``, kept for its aliases; its entries' paths are relative to it."""

    value: Any
    entries: list[Entry]
    values: int
    chars: int
    height: int  # levels of lists and mappings in it: 0 for text


@dataclass
class _Open:
    """A list or mapping whose items are still arriving."""

    loc: Loc
    value: Any
    anchor: str | None
    first: int  # index of its own entry
    chars: int  # characters of text read before it opened
    height: int = 1
    key: str | None = None  # in a mapping, the key waiting for its value


class _Builder:
    """Turns parser events into plain values and their positions, counting as it goes."""

    def __init__(self, out: YamlFile):
        self.out = out
        self.stack: list[_Open] = []
        self.anchors: dict[str, _Anchored] = {}
        self.entries: list[Entry] = []
        self.values = 0
        self.chars = 0
        self.documents = 0
        self.handlers: dict[type[yaml.Event], Callable[[Any], None]] = {
            yaml.DocumentStartEvent: self._document,
            yaml.ScalarEvent: self._scalar,
            yaml.AliasEvent: self._alias,
            yaml.SequenceStartEvent: self._start,
            yaml.MappingStartEvent: self._start,
            yaml.SequenceEndEvent: self._end,
            yaml.MappingEndEvent: self._end,
        }

    def take(self, event: yaml.Event) -> None:
        handler = self.handlers.get(type(event))
        if handler is not None:
            handler(event)

    def finish(self) -> YamlFile:
        self.out.values = {loc: at for loc, at, key in self.entries if not key}
        self.out.keys = {loc: at for loc, at, key in self.entries if key}
        return self.out

    def _document(self, event: yaml.DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            message = "a second YAML document starts here; a data file holds one document"
            raise self._error(_at(event.start_mark), (), message)

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        top = self.stack[-1] if self.stack else None
        self._refuse_tag(event)
        value = None if event.implicit[0] and event.value in _NULLS else event.value
        if top is not None and isinstance(top.value, dict) and top.key is None:
            loc: Loc = (*top.loc, event.value)
            self._key(event, top, loc)
        else:
            loc = self._value_loc(event.start_mark)
            self._enter(loc, event.start_mark)
            self._place(value)
        self._read_text(event, loc)
        if event.anchor is not None:
            at = _at(event.start_mark)
            self._anchor(event.anchor, loc, _Anchored(value, [((), at, False)], 1, len(event.value), 0))

    def _refuse_tag(self, event: yaml.NodeEvent) -> None:
        """A tag (!!binary, !!str, !custom) would change what a value means, or be dropped unseen."""
        tag = getattr(event, "tag", None)
        if tag is None:
            return
        shown = "!!" + tag.removeprefix(_STANDARD_TAG) if tag.startswith(_STANDARD_TAG) else tag
        top = self.stack[-1] if self.stack else None
        at_key = top is not None and isinstance(top.value, dict) and top.key is None
        loc = top.loc if top is not None and at_key else self._value_loc(event.start_mark)
        message = f"the YAML tag {shown} is not supported; write the value as plain text, without a tag"
        raise self._error(_at(event.start_mark), loc, message)

    def _key(self, event: yaml.ScalarEvent, top: _Open, loc: Loc) -> None:
        if event.implicit[0] and event.value == "<<":
            message = "merge keys (<<) are not supported; repeat the keys or use an alias"
            raise self._error(_at(event.start_mark), (), message)
        if event.value in top.value:
            raise self._error(_at(event.start_mark), loc, f"key '{event.value}' appears twice")
        self._enter(loc, event.start_mark, key=True)
        top.key = event.value

    def _read_text(self, event: yaml.ScalarEvent, loc: Loc) -> None:
        # Chars need no limit here: without aliases there are no more of them than bytes in the file.
        self.chars += len(event.value)
        char = forbidden_character(event.value)  # written as an escape such as "\0" in quotes
        if char is not None:
            raise self._error(_at(event.start_mark), loc, describe(char))

    def _start(self, event: yaml.CollectionStartEvent) -> None:
        self._refuse_tag(event)
        loc = self._value_loc(event.start_mark)
        if len(self.stack) >= MAX_DEPTH:
            message = f"nests lists and mappings more than {MAX_DEPTH} levels deep"
            raise self._error(_at(event.start_mark), loc, message)
        self._enter(loc, event.start_mark)
        value: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.stack.append(_Open(loc, value, event.anchor, len(self.entries) - 1, self.chars))

    def _end(self, event: yaml.CollectionEndEvent) -> None:
        done = self.stack.pop()
        self._place(done.value, done.height)
        if done.anchor is not None:
            cut = len(done.loc)
            entries = [(loc[cut:], at, key) for loc, at, key in self.entries[done.first :]]
            values = sum(1 for _, _, key in entries if not key)
            anchored = _Anchored(done.value, entries, values, self.chars - done.chars, done.height)
            self._anchor(done.anchor, done.loc, anchored)

    def _alias(self, event: yaml.AliasEvent) -> None:
        name, at = event.anchor or "", _at(event.start_mark)  # an alias always names its anchor
        loc = self._value_loc(event.start_mark)
        anchored = self.anchors.get(name)
        if anchored is None:
            if any(open_.anchor == name for open_ in self.stack):
                raise self._error(at, loc, f"alias *{name} refers to the list or mapping it stands in")
            raise self._error(at, loc, f"alias *{name} is not defined above it; mark the value with &{name} first")
        if len(self.stack) + anchored.height > MAX_DEPTH:
            raise self._error(at, loc, f"alias *{name} nests lists and mappings more than {MAX_DEPTH} levels deep")
        for count, limit, what in (
            (self.values + anchored.values, MAX_VALUES, "values"),
            (self.chars + anchored.chars, MAX_TEXT, "characters of text"),
        ):
            if count > limit:
                message = (
                    f"alias *{name} brings the file to {count:,} {what}, more than the {limit:,} a data file may hold"
                )
                raise self._error(at, loc, message)
        self.values += anchored.values
        self.chars += anchored.chars
        self.entries.append((loc, at, False))  # the alias itself stands here, what it repeats at its anchor
        self.entries.extend(((*loc, *rel), where, key) for rel, where, key in anchored.entries[1:])
        self._place(anchored.value, anchored.height)

    def _value_loc(self, mark: _Mark | None) -> Loc:
        """Where the value that starts at ``mark`` goes; only text may be a key."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            return (*top.loc, len(top.value))
        if top.key is None:
            raise self._error(_at(mark), (), "a key must be plain text")
        return (*top.loc, top.key)

    def _enter(self, loc: Loc, mark: _Mark | None, *, key: bool = False) -> None:
        if not key:
            self.values += 1
            if self.values > MAX_VALUES:
                message = f"the file holds more than {MAX_VALUES:,} values, the most a data file may hold"
                raise self._error(_at(mark), loc, message)
        self.entries.append((loc, _at(mark), key))

    def _place(self, value: Any, height: int = 0) -> None:
        if not self.stack:
            self.out.data = value
            return
        top = self.stack[-1]
        top.height = max(top.height, height + 1)
        if isinstance(top.value, list):
            top.value.append(value)
        else:
            top.value[top.key] = value
            top.key = None

    def _anchor(self, name: str, loc: Loc, anchored: _Anchored) -> None:
        if name in self.anchors:
            line, column = self.anchors[name].entries[0][1]
            message = f"anchor &{name} is already defined at line {line}, column {column}"
            raise self._error(anchored.entries[0][1], loc, message)
        self.anchors[name] = anchored

    def _error(self, at: Position, loc: Loc, message: str) -> YamlSyntaxError:
        return YamlSyntaxError(Problem(self.out.name, *at, format_field(loc), message))


class _Mark(Protocol):
    """Where an event starts: PyYAML's pure-Python and C parsers each have their own Mark."""

    line: int
    column: int


def _at(mark: _Mark | None) -> Position:
    if mark is None:  # never from the parser, which marks every event it emits
        return 1, 1
    return mark.line + 1, mark.column + 1
