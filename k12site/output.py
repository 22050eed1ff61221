"""The output of a build, and the transaction that publishes it.

A build writes every file into a new folder beside the site (``.site.builds/<id>/`` for
``site``); when everything has rendered, ``site`` becomes a symbolic link to that folder in one
`os.replace`. At no moment is ``site`` missing or half written, even if the build is killed:
the old link stands until the new one replaces it, and the next build removes whatever folder a
killed build left. Web servers and GitHub's Pages upload follow the link.

Builds of one site never overlap: `build_lock` holds an `fcntl.flock` on ``.site.lock`` for the
whole build; the lock dies with its holder, so a killed build never blocks the next one.

`Output` keeps files in memory (handy in tests); `StagedOutput` writes each file as it comes, so
memory stays flat however large the site grows.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

try:
    import fcntl
except ImportError:  # not on Windows: builds there are not guarded against overlapping
    fcntl = None  # type: ignore[assignment]

LOCK_WAIT_SECONDS = 5.0
FILE_MODE, FOLDER_MODE = 0o644, 0o755  # readable by a web server whatever the umask


class OutputError(Exception):
    pass


class Output:
    """The files of one build, by their path relative to the site root, kept in memory."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self._names: set[str] = set()
        self._folders: set[str] = set()

    def add(self, path: str, content: str | bytes) -> None:
        """Add one file; refuse a path outside the site, one already written, or one where a
        file and a folder would share a name (in memory as on disk)."""
        clean = PurePosixPath(path)
        if clean.is_absolute() or ".." in clean.parts or not clean.parts or path != clean.as_posix():
            raise OutputError(f"refusing to write {path!r}: not a clean path inside the site folder")
        if path in self._names:
            raise OutputError(f"two outputs would be written to {path!r}")
        folders = [parent.as_posix() for parent in clean.parents[:-1]]
        if path in self._folders or not self._names.isdisjoint(folders):
            raise OutputError(f"refusing to write {path!r}: a file and a folder of the site would have the same name")
        self._put(path, content.encode("utf-8") if isinstance(content, str) else content)
        self._names.add(path)
        self._folders.update(folders)

    def _put(self, path: str, content: bytes) -> None:
        self.files[path] = content

    def read(self, path: str) -> bytes:
        """The content of a file already added."""
        return self.files[path]

    def __contains__(self, path: str) -> bool:
        return path in self._names

    def __len__(self) -> int:
        return len(self._names)

    @property
    def names(self) -> Iterable[str]:
        return self._names


class StagedOutput(Output):
    """Writes each file into a new build folder; `commit` points ``target`` at it."""

    def __init__(self, target: Path) -> None:
        super().__init__()
        self.target = Path(os.path.abspath(target))
        self.builds = builds_folder(self.target)
        self.builds.mkdir(parents=True, exist_ok=True)
        self.folder = self.builds / f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**9}"
        self.folder.mkdir(mode=FOLDER_MODE)
        os.chmod(self.folder, FOLDER_MODE)
        self._dirs: set[Path] = {self.folder}

    def _put(self, path: str, content: bytes) -> None:
        file = self.folder / path
        if file.parent not in self._dirs:
            for parent in reversed(file.relative_to(self.folder).parents[:-1]):
                folder = self.folder / parent
                if folder not in self._dirs:
                    with contextlib.suppress(FileExistsError):
                        folder.mkdir()
                    os.chmod(folder, FOLDER_MODE)
                    self._dirs.add(folder)
        fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with os.fdopen(fd, "wb") as stream:
            os.fchmod(stream.fileno(), FILE_MODE)
            stream.write(content)

    def read(self, path: str) -> bytes:
        if path not in self:
            raise KeyError(path)
        return (self.folder / path).read_bytes()

    def commit(self) -> None:
        """Make ``target`` a link to this build's folder in one step, then drop older builds.

        The build it replaces stays until the next one: a reader (such as the preview server)
        that found a file through the old link a moment ago can still open it.
        """
        previous = Path(os.path.realpath(self.target)) if self.target.is_symlink() else None
        switch_to(self.target, self.folder)
        remove_old_builds(self.target, keep=previous)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def builds_folder(target: Path) -> Path:
    return target.parent / f".{target.name}.builds"


def switch_to(target: Path, folder: Path) -> None:
    """Point the link ``target`` at ``folder`` with one `os.replace`.

    A ``target`` that is still a real folder (from before builds were links) or a plain file is
    moved into the builds folder first, so it is removed with the other old builds.
    """
    if target.is_dir() and not target.is_symlink():
        os.replace(target, builds_folder(target) / f"old-{os.getpid()}-{time.monotonic_ns()}")
    link = target.parent / f".{target.name}.link-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    os.symlink(os.path.relpath(folder, target.parent), link)
    os.replace(link, target)


def remove_old_builds(target: Path, keep: Path | None = None) -> None:
    """Remove every build folder but the one ``target`` links to (and ``keep``), and stray links."""
    builds = builds_folder(target)
    current = Path(os.path.realpath(target))
    for folder in builds.iterdir() if builds.is_dir() else []:
        if folder not in (current, keep):
            if folder.is_dir() and not folder.is_symlink():
                shutil.rmtree(folder, ignore_errors=True)
            else:
                folder.unlink(missing_ok=True)
    for stray in target.parent.glob(f".{target.name}.link-*"):
        stray.unlink(missing_ok=True)


class BuildLocked(OutputError):
    """Another build of the same site is running."""


@contextlib.contextmanager
def build_lock(target: Path, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold the site's lock for a whole build; wait up to ``wait`` seconds for another build."""
    if fcntl is None:
        yield
        return
    target = Path(os.path.abspath(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    lock_path = target.parent / f".{target.name}.lock"
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES) or time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "another process"
                    raise BuildLocked(
                        f"another build of {target} is running (process {holder}, holding {lock_path}); "
                        f"waited {wait:g} s. Try again when it has finished."
                    ) from None
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # closing the file releases the lock
