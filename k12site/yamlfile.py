"""Read a YAML file into plain Python values, remembering where each value stands.

Scalars stay strings (pydantic turns them into numbers, dates and booleans by the model), so
YAML 1.1 surprises cannot slip through: ``13:30`` is not the integer 810, ``no`` is not False,
and ``2025-02-30`` reaches the model as text and is reported there as an impossible date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Loc, Problem, format_field
from .sourcefile import SourceError, decode_source

_NULLS = {"", "~", "null", "Null", "NULL"}
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

    def problem(self, loc: Loc, message: str, *, key: bool = False, warning: bool = False) -> Problem:
        line, column = self.locate(loc, key=key)
        return Problem(self.name, line, column, format_field(loc), message, warning)


class YamlSyntaxError(SourceError):
    """A file that is not YAML, or not the plain YAML a data file may hold."""


def read_yaml(raw: bytes, name: str) -> YamlFile:
    """Parse the bytes of the file called ``name``; bad text or YAML raises a `SourceError`."""
    text = decode_source(raw, name)
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "not valid YAML"
        start = exc.context_mark
        if exc.context and start and exc.problem_mark and start.line != exc.problem_mark.line:
            what += f" ({exc.context} that starts at line {start.line + 1}, column {start.column + 1})"
        raise YamlSyntaxError(Problem(name, line, column, "(file)", f"YAML syntax error: {what}")) from None
    result = YamlFile(name, None)
    if node is not None:
        result.data = _convert(node, (), result)
    return result


def _convert(node: yaml.Node, loc: Loc, out: YamlFile) -> Any:
    out.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                raise YamlSyntaxError(Problem(out.name, line, column, "(file)", "a key must be plain text"))
            key = key_node.value
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlSyntaxError(
                    Problem(
                        out.name,
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        "(file)",
                        "merge keys (<<) are not supported; repeat the keys or use an alias",
                    )
                )
            child = (*loc, key)
            if key in mapping:
                line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                raise YamlSyntaxError(
                    Problem(out.name, line, column, format_field(child), f"key '{key}' appears twice")
                )
            out.keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            mapping[key] = _convert(value_node, child, out)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*loc, index), out) for index, item in enumerate(node.value)]
    if node.style in (None, "") and node.value in _NULLS:  # plain: libyaml says "", PyYAML None
        return None
    return node.value
