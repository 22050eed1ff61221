"""JSON Schemas for the data files, generated from the pydantic models, for editors.

``python build.py schema`` writes one schema per kind of data file into ``schemas/`` and makes
sure each data file names its schema on its first line, by a path relative to the file::

    # yaml-language-server: $schema=../../schemas/sessions.schema.json

Editors built on the YAML language server (VS Code with Red Hat's YAML extension, Neovim, Helix,
Zed, Emacs) read that line, then complete keys, show each field's description and underline an
unknown key or a wrong value while you type. ``build.py check`` stays the authority: it also
checks what a schema cannot, such as a session's district existing. The schemas are committed;
a test fails when they differ from what the models generate.

The command writes only plain files inside the project, through `files`: a symbolic link or a
folder where it would write or remove a file, or on the way there, is reported before anything is
written, and each file is moved into its place in one step. Which data file follows which schema,
and the line that names it, are `datafiles`'.
"""

from __future__ import annotations

import json
from pathlib import Path

from .datafiles import KINDS, SCHEMA_DIR, data_files, modeline, schema_file
from .files import replace_file, unsafe_to_write
from .problems import DataError, display_path
from .sourcefile import SourceError, decode_source, read_source

_SERVER_COMMENT = "# yaml-language-server:"  # any older line of this kind is replaced
DIALECT = "https://json-schema.org/draft/2020-12/schema"  # the dialect pydantic generates

SCHEMAS = KINDS  # schema name -> model (`datafiles.KINDS`)


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


def _set_modeline(path: Path, text: str, line: str) -> bool:
    """Make ``line`` the first line of the file ``path`` holding ``text``, replacing an older
    schema line; True if changed."""
    first, _newline, rest = text.partition("\n")
    if first.rstrip("\r") == line:
        return False
    body = rest if first.startswith(_SERVER_COMMENT) else text
    replace_file(path, f"{line}\n{body}")
    return True
