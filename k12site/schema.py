"""JSON Schemas for the data files, generated from the pydantic models, for editors.

``python build.py schema`` writes one schema per kind of data file into ``schemas/`` and makes
sure each data file names its schema on its first line, by a path relative to the file::

    # yaml-language-server: $schema=../../schemas/sessions.schema.json

Editors built on the YAML language server (VS Code with Red Hat's YAML extension, Neovim, Helix,
Zed, Emacs) read that line, then complete keys, show each field's description and underline an
unknown key or a wrong value while you type. ``build.py check`` stays the authority: it also
checks what a schema cannot, such as a session's district existing. The schemas are committed;
a test fails when they differ from what the models generate.

The command writes only plain files inside the project: a symbolic link or a folder where it
would write or remove a file, or on the way there, is reported before anything is written. Each
file is written beside its place and moved into it in one step, so an editor never reads half a
schema and no other name of the old file (a hard link) changes.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path

from pydantic import BaseModel

from . import models
from .loader import OPTIONAL_YEAR_FILES, YEAR_FILES
from .problems import DataError, Problem, display_path
from .sourcefile import SourceError, decode_source, read_source

SCHEMA_DIR = "schemas"
MODELINE = "# yaml-language-server: $schema="
_SERVER_COMMENT = "# yaml-language-server:"  # any older line of this kind is replaced
DIALECT = "https://json-schema.org/draft/2020-12/schema"  # the dialect pydantic generates

# schema name -> model: data/site.yaml, data/counties.yaml, data/urls.yaml, data/<year>/<name>.yaml,
# and data/<year>/notices/<county>.yaml (all of them "notice")
SCHEMAS: dict[str, type[BaseModel]] = {
    "site": models.Site,
    "counties": models.CountiesFile,
    "urls": models.UrlLedger,
    **YEAR_FILES,
    **OPTIONAL_YEAR_FILES,
    "notice": models.NoticeFile,
}


def schema_file(name: str) -> str:
    """The schema's path inside the project, e.g. ``schemas/sessions.schema.json``."""
    return f"{SCHEMA_DIR}/{name}.schema.json"


def schema_text(name: str) -> str:
    """The JSON Schema of one kind of data file, as it is committed."""
    model = SCHEMAS[name]
    schema = {
        "$schema": DIALECT,
        "$comment": f"Generated from k12site.models.{model.__name__} by `python build.py schema`; do not edit.",
        **model.model_json_schema(mode="validation"),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def stale_schemas(root: Path) -> list[str]:
    """Schema files under ``root`` that are missing, out of date, or no longer generated."""
    folder = root / SCHEMA_DIR
    expected = {schema_file(name): schema_text(name) for name in SCHEMAS}
    present = {f"{SCHEMA_DIR}/{p.name}" for p in folder.glob("*.schema.json")} if folder.is_dir() else set()
    stale = [
        path
        for path, text in expected.items()
        if path not in present or (root / path).read_text(encoding="utf-8") != text
    ]
    return sorted(stale + [path for path in present if path not in expected])


def schema_name_for(data_file: Path, root: Path) -> str | None:
    """Which schema a data file follows, by where it stands; None for a file that has none."""
    parts = data_file.relative_to(root / "data").parts
    if not parts[-1].endswith(".yaml"):
        return None
    stem = parts[-1].removesuffix(".yaml")
    if len(parts) == 1 and stem in ("site", "counties", "urls"):
        return stem
    if len(parts) == 2 and parts[0].isdigit() and (stem in YEAR_FILES or stem in OPTIONAL_YEAR_FILES):
        return stem
    if len(parts) == 3 and parts[0].isdigit() and parts[1] == "notices":
        return "notice"
    return None


def data_files(root: Path) -> list[Path]:
    """Every data file that follows a schema."""
    data = root / "data"
    candidates = [*data.glob("*.yaml"), *data.glob("*/*.yaml"), *data.glob("*/notices/*.yaml")]
    return sorted(path for path in candidates if schema_name_for(path, root) is not None)


def modeline(data_file: Path, root: Path) -> str:
    """The first line a data file should have: its schema, by a path relative to the file."""
    name = schema_name_for(data_file, root)
    if name is None:
        raise ValueError(f"{data_file} follows no schema")
    target = os.path.relpath(root / schema_file(name), data_file.parent)
    return MODELINE + Path(target).as_posix()


def write_schemas(root: Path) -> list[Path]:
    """Write every schema, remove retired ones, and give each data file its schema line.

    Returns the files written or changed. Raises `DataError`, having written nothing, when a
    link or a folder stands where a file would be written or removed.
    """
    folder = root / SCHEMA_DIR
    schemas = {root / schema_file(name): schema_text(name) for name in SCHEMAS}
    retired = [path for path in folder.glob("*.schema.json") if path not in schemas]
    data = data_files(root)
    unsafe = {path: problem for path in [*schemas, *retired, *data] if (problem := unsafe_to_write(path, root))}
    problems = set(unsafe.values())
    texts: dict[Path, str] = {}
    for path in [path for path in data if path not in unsafe]:
        try:  # read as the build reads them: a named pipe, or bytes that are not UTF-8, are refused
            texts[path] = decode_source(read_source(path, root), display_path(path, root))
        except SourceError as exc:
            problems.add(exc.problem)
    if problems:
        raise DataError(list(problems))
    changed = [path for path, text in schemas.items() if _current(path) != text]
    if changed:
        folder.mkdir(exist_ok=True)
    for path in changed:  # an unchanged file is not rewritten: a read-only checkout that is fresh stays so
        replace_file(path, schemas[path])
    for path in retired:
        path.unlink()
    return [*changed, *(path for path in data if _set_modeline(path, texts[path], modeline(path, root)))]


def _current(path: Path) -> str | None:
    """The text of a schema file as it stands, or None when there is none to keep."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


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


def _set_modeline(path: Path, text: str, line: str) -> bool:
    """Make ``line`` the first line of the file ``path`` holding ``text``, replacing an older
    schema line; True if changed."""
    first, _newline, rest = text.partition("\n")
    if first.rstrip("\r") == line:
        return False
    body = rest if first.startswith(_SERVER_COMMENT) else text
    replace_file(path, f"{line}\n{body}")
    return True


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
