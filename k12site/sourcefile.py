"""Read a source file (data/**.yaml, content/**.md) safely: its bytes, then its text.

A source file must be a regular file inside the project, at most `MAX_BYTES` long, and UTF-8
text without control characters. Anything else is refused with a located `SourceError` before
a parser sees it, so a link to /etc/passwd, a named pipe or a megabyte of NUL bytes can neither
reach the site nor stall the build.
"""

from __future__ import annotations

import codecs
import re
import stat
from pathlib import Path

from .problems import Problem, display_path

MAX_BYTES = 1_000_000  # the largest real source file is about 21 kB; both parsers hold a file whole

# C0 controls but tab, LF and the CR of a CR LF; DEL and C1 (U+0085 is a line break to YAML);
# the Unicode line and paragraph separators (line breaks to YAML, invisible elsewhere); and the
# two noncharacters YAML refuses. Each would shift line numbers or reach a page unseen.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]|\r(?!\n)")
_WHAT = {
    "\r": "is a carriage return without a line feed; end lines with LF or CR LF",
    "\u2028": "is a line separator; use an ordinary line break",
    "\u2029": "is a paragraph separator; use an ordinary line break",
    "\ufffe": "is not a character; delete it",
    "\uffff": "is not a character; delete it",
}


class SourceError(Exception):
    """A source file that cannot be used at all; ``problem`` says where and why."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def read_source(path: Path, root: Path) -> bytes:
    """The bytes of ``path``, a file that must stand inside ``root`` (after following links)."""
    name = display_path(path, root)

    def refuse(message: str) -> SourceError:
        return SourceError(Problem(name, 1, 1, "(file)", message))

    try:
        real = path.resolve()
        if not real.is_relative_to(root.resolve()):
            where = "is a link to a file" if path.is_symlink() else "is in a folder that links"
            raise refuse(f"{where} outside the project; copy the file into the project instead")
        mode = real.stat().st_mode
        if stat.S_ISDIR(mode):
            raise refuse("is a folder, not a file")
        if not stat.S_ISREG(mode):  # a named pipe would wait for a writer forever
            raise refuse("is not a regular file")
        with real.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise refuse("this file is missing") from None
    except PermissionError:
        raise refuse("cannot be read: permission denied") from None
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of links, before Python 3.13
        raise refuse(f"cannot be read: {exc}") from None
    if len(raw) > MAX_BYTES:
        raise refuse(f"is larger than {MAX_BYTES:,} bytes, the most a source file may hold")
    return raw


def decode_source(raw: bytes, name: str) -> str:
    """The text of a source file: UTF-8, a leading byte order mark dropped, no control characters."""
    raw = raw.removeprefix(codecs.BOM_UTF8)  # dropped before counting, so columns on line 1 stay right
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = raw.rfind(b"\n", 0, exc.start) + 1
        line, column = raw.count(b"\n", 0, exc.start) + 1, len(raw[start : exc.start].decode("utf-8")) + 1
        message = f"is not UTF-8 text: byte 0x{raw[exc.start]:02X} ({exc.reason}); save the file as UTF-8"
        raise SourceError(Problem(name, line, column, "(file)", message)) from None
    forbidden = _FORBIDDEN.search(text)
    if forbidden:
        line, column = position(text, forbidden.start())
        raise SourceError(Problem(name, line, column, "(file)", describe(forbidden[0])))
    return text


def forbidden_character(text: str) -> str | None:
    """The first character of ``text`` that no source file may hold, if any."""
    found = _FORBIDDEN.search(text)
    return found[0] if found else None


def describe(char: str) -> str:
    """Why ``char`` is refused, naming it by its code point: ``U+0000 is a control character; …``."""
    return f"U+{ord(char):04X} {_WHAT.get(char, 'is a control character; delete it')}"


def position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of ``text[index]``."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1
