"""Located problems: what a maintainer reads when the data is wrong.

Every problem names the file, line, column and field path, then says what is wrong in plain
words, e.g. ``data/114/sessions.yaml:12:9: sessions[3].date: 2025-02-30 is not a date``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

Loc = tuple[str | int, ...]


def format_field(loc: Loc) -> str:
    """Render a field path the way a maintainer reads it: ``sessions[3].date``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(file)"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str
    warning: bool = False
    info: bool = False  # worth knowing, never an error, not even with --strict (a pending translation)

    def __str__(self) -> str:
        kind = "warning: " if self.warning else "info: " if self.info else ""
        return f"{self.file}:{self.line}:{self.column}: {kind}{self.field}: {self.message}"


class DataError(Exception):
    """Raised once with every problem found; nothing has been written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(map(str, self.problems)))

    def __reduce__(self) -> tuple[object, ...]:  # pickled whole, e.g. from the build's second process
        return type(self), (self.problems,), self.__dict__

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        return "\n".join(map(str, self.problems)) + f"\n{count} {noun} found; nothing was written."


def settle(problems: list[Problem], *, strict: bool) -> list[Problem]:
    """Raise `DataError` with every error; otherwise return the warnings, then the information.

    With ``strict`` (as CI builds) each warning is an error too, marked ``(--strict)``;
    information (``info``) never is.
    """
    warnings = [p for p in problems if p.warning]
    notes = [p for p in problems if p.info]
    errors = [p for p in problems if not p.warning and not p.info]
    if strict:
        errors += [dataclasses.replace(p, warning=False, message=p.message + " (--strict)") for p in warnings]
    if errors:
        raise DataError(errors)
    return warnings + notes


def display_path(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
