"""The project's own files: where its folders are, and safe writes to them.

The templates folder and the site folder are named here once (`templates_folder`,
`site_folder`). Whatever a command writes inside the project (the schemas, the data files'
schema lines, the URL ledger; not the site, which `output` writes) goes through here: a symbolic
link or a folder where a file would be written, or on the way there, is refused before anything
is written (`unsafe_to_write`), and each file is written beside its place and moved into it in
one step (`replace_file`), so an editor never reads half a file and no other name of the old file
(a hard link) changes.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .problems import Problem, display_path

TEMPLATES = "templates"  # in the project: the Jinja templates, with the static assets under assets/
SITE = "site"  # in the project: where a build puts the site unless told otherwise


def templates_folder(root: Path) -> Path:
    """The project's templates folder: the one place that says where it is."""
    return root / TEMPLATES


def site_folder(root: Path) -> Path:
    """Where a build of the project puts the site by default (a link to the finished build)."""
    return root / SITE


def unsafe_to_write(path: Path, root: Path, command: str = "build.py schema") -> Problem | None:
    """Why ``command`` must not write ``path``: a link on the way to it or at it, or a folder at it."""
    here = root
    for part in path.relative_to(root).parts:
        here = here / part
        if here.is_symlink():
            what = "folder" if here != path else "file"
            return _refusal(
                here,
                root,
                f"is a symbolic link (to {os.readlink(here)}); {command} writes no file through a link: "
                f"replace the link with the {what} itself",
            )
    if path.is_dir():
        return _refusal(path, root, f"is a folder; {command} writes a file here: move the folder away")
    return None


def _refusal(path: Path, root: Path, message: str) -> Problem:
    return Problem(display_path(path, root), 1, 1, "(file)", message)


def replace_file(path: Path, text: str) -> None:
    """Write ``text`` beside ``path``, then move it into ``path``'s place in one `os.replace`.

    A reader sees the old file or the new one, never half of one. The file keeps its
    permissions (a new one is readable by all); a link or a hard link at ``path`` is replaced,
    never written through.
    """
    try:
        mode = stat.S_IMODE(path.lstat().st_mode)
    except FileNotFoundError:
        mode = 0o644
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
