"""Collect the output files of a build, then swap the whole folder in at once.

A failed build never touches the last good ``site/``: files go into a fresh staging folder beside
it, which replaces the old folder only when everything has rendered. `Output` keeps files in
memory (handy in tests); `StagedOutput` writes each file to the staging folder as it comes, so
memory stays flat however large the site grows.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath


class OutputError(Exception):
    pass


class Output:
    """The files of one build, by their path relative to the site root, kept in memory."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def add(self, path: str, content: str | bytes) -> None:
        """Add one file; refuse a path outside the site or one that was already written."""
        clean = PurePosixPath(path)
        if clean.is_absolute() or ".." in clean.parts or not clean.parts or path != clean.as_posix():
            raise OutputError(f"refusing to write {path!r}: not a clean path inside the site folder")
        if path in self:
            raise OutputError(f"two outputs would be written to {path!r}")
        self._put(path, content.encode("utf-8") if isinstance(content, str) else content)

    def _put(self, path: str, content: bytes) -> None:
        self.files[path] = content

    def __contains__(self, path: str) -> bool:
        return path in self.files

    def __len__(self) -> int:
        return len(self.files)

    @property
    def names(self) -> Iterable[str]:
        return self.files.keys()


class StagedOutput(Output):
    """Writes each file into a staging folder beside ``target``; `commit` swaps it in."""

    def __init__(self, target: Path) -> None:
        super().__init__()
        self.target = target.resolve()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.new-", dir=self.target.parent))
        self._names: set[str] = set()
        self._dirs: set[Path] = {self.staging}

    def _put(self, path: str, content: bytes) -> None:
        file = self.staging / path
        if file.parent not in self._dirs:
            file.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(file.parent)
        file.write_bytes(content)
        self._names.add(path)

    def __contains__(self, path: str) -> bool:
        return path in self._names

    def __len__(self) -> int:
        return len(self._names)

    @property
    def names(self) -> Iterable[str]:
        return self._names

    def commit(self) -> None:
        os.chmod(self.staging, 0o755)
        _swap(self.staging, self.target)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def write_atomic(output: Output, target: Path) -> None:
    """Write an in-memory `Output` into a staging folder beside ``target``, then swap it in."""
    staged = StagedOutput(target)
    try:
        for path, content in output.files.items():
            staged._put(path, content)
        staged.commit()
    except BaseException:
        staged.discard()
        raise


def _swap(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging``; the old folder is removed only after the swap."""
    if not target.exists():
        os.replace(staging, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rmdir(old)
    os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
