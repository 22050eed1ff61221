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
        self._names: set[str] = set()

    def add(self, path: str, content: str | bytes) -> None:
        """Add one file; refuse a path outside the site or one that was already written."""
        clean = PurePosixPath(path)
        if clean.is_absolute() or ".." in clean.parts or not clean.parts or path != clean.as_posix():
            raise OutputError(f"refusing to write {path!r}: not a clean path inside the site folder")
        if path in self:
            raise OutputError(f"two outputs would be written to {path!r}")
        self._put(path, content.encode("utf-8") if isinstance(content, str) else content)
        self._names.add(path)

    def _put(self, path: str, content: bytes) -> None:
        self.files[path] = content

    def __contains__(self, path: str) -> bool:
        return path in self._names

    def __len__(self) -> int:
        return len(self._names)

    @property
    def names(self) -> Iterable[str]:
        return self._names


class StagedOutput(Output):
    """Writes each file into a staging folder beside ``target``; `commit` swaps it in.

    The staging folder is the spare one the previous build left beside ``target``
    (``.site.spare`` for ``site``) when there is one: its folders are reused, a file that
    already holds the new bytes is left as it is (so it keeps its modification time, too), others
    are written over, and whatever this build does not write is removed before the swap. The
    result is the same as in a fresh folder with far less file-system work. After the swap,
    the replaced site becomes the next spare.
    """

    def __init__(self, target: Path) -> None:
        super().__init__()
        self.target = target.resolve()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.spare = self.target.parent / f".{self.target.name}.spare"
        if self.spare.is_dir():
            self.staging = self.spare
            self._dirs, self._stale = _tree(self.spare)
        else:
            self.staging = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.new-", dir=self.target.parent))
            self._dirs, self._stale = {self.staging}, set()

    def _put(self, path: str, content: bytes) -> None:
        file = self.staging / path
        if path in self._stale:
            self._stale.discard(path)
            if _holds(file, content):
                return  # reading is far cheaper than writing, and the file keeps its time
        elif file.parent not in self._dirs:
            file.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.update(file.parents)
        file.write_bytes(content)

    def adopt(self, names: Iterable[str]) -> None:
        """Count files another process wrote into the staging folder as this build's own."""
        for path in names:
            if path in self:
                raise OutputError(f"two outputs would be written to {path!r}")
            self._names.add(path)
            self._stale.discard(path)

    def commit(self) -> None:
        """Remove what an earlier build left and this one did not write, then swap."""
        emptied: set[Path] = set()
        for path in self._stale:
            file = self.staging / path
            file.unlink()
            emptied.update(parent for parent in file.parents if self.staging in parent.parents)
        for folder in sorted(emptied, key=lambda d: len(d.parts), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()
        os.chmod(self.staging, 0o755)
        _swap(self.staging, self.target, self.spare)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def _holds(file: Path, content: bytes) -> bool:
    """Whether ``file`` already holds exactly ``content``."""
    try:
        return file.stat().st_size == len(content) and file.read_bytes() == content
    except OSError:
        return False


def _tree(folder: Path) -> tuple[set[Path], set[str]]:
    """The folders and the files (relative, with /) under ``folder``."""
    dirs, files = {folder}, set()
    for parent, _, names in os.walk(folder):
        dirs.add(Path(parent))
        rel = Path(parent).relative_to(folder).as_posix()
        files.update(name if rel == "." else f"{rel}/{name}" for name in names)
    return dirs, files


def _swap(staging: Path, target: Path, spare: Path) -> None:
    """Put ``staging`` in the place of ``target``; the replaced folder becomes ``spare``."""
    if not target.exists():
        os.replace(staging, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rmdir(old)
    os.replace(target, old)
    os.replace(staging, target)
    if spare.exists():  # staging was a fresh folder although a spare existed (e.g. made meanwhile)
        shutil.rmtree(spare, ignore_errors=True)
    os.replace(old, spare)
