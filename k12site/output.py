"""Gather every output file in memory, then swap the whole folder in at once.

A failed build never touches the last good ``site/``: files are written into a fresh sibling
folder, which replaces the old one only when everything has been written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath


class OutputError(Exception):
    pass


class Output:
    """The files of one build, by their path relative to the site root."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def add(self, path: str, content: str | bytes) -> None:
        clean = PurePosixPath(path)
        if clean.is_absolute() or ".." in clean.parts or not clean.parts:
            raise OutputError(f"refusing to write {path!r}: outside the site folder")
        key = clean.as_posix()
        if key in self.files:
            raise OutputError(f"two outputs would be written to {key!r}")
        self.files[key] = content.encode("utf-8") if isinstance(content, str) else content

    def __len__(self) -> int:
        return len(self.files)


def write_atomic(output: Output, target: Path) -> None:
    """Write every file into a temporary folder beside ``target``, then swap it in."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        for rel, content in output.files.items():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        os.chmod(staging, 0o755)
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, target: Path) -> None:
    if not target.exists():
        os.replace(staging, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rmdir(old)
    os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
