"""Editors check the data while it is typed: committed JSON Schemas, named by each data file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from seed import SEED
from tiny import write_tiny

from k12site import datafiles, schema
from k12site import models as m
from k12site.cli import main
from k12site.loader import load_project
from k12site.problems import DataError

REPO = Path(__file__).resolve().parent.parent
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"  # a test dependency


def test_committed_schemas_are_what_the_models_generate() -> None:
    assert schema.stale_schemas(REPO) == [], "the models changed: run `python build.py schema` and commit schemas/"


def test_a_model_change_without_regenerating_makes_the_schemas_stale(tmp_path: Path, monkeypatch) -> None:
    schema.write_schemas(tmp_path)
    assert schema.stale_schemas(tmp_path) == []

    class SessionsFile(m.SessionsFile):
        room: str = ""

    monkeypatch.setitem(schema.SCHEMAS, "sessions", SessionsFile)
    assert schema.stale_schemas(tmp_path) == ["schemas/sessions.schema.json"]
    schema.write_schemas(tmp_path)
    assert schema.stale_schemas(tmp_path) == []


def test_a_missing_or_retired_schema_file_is_stale(tmp_path: Path) -> None:
    schema.write_schemas(tmp_path)
    (tmp_path / "schemas/notice.schema.json").unlink()
    (tmp_path / "schemas/old.schema.json").write_text("{}\n", encoding="utf-8")
    assert schema.stale_schemas(tmp_path) == ["schemas/notice.schema.json", "schemas/old.schema.json"]


def modeline_problems(root: Path) -> list[str]:
    """Data files whose first line names a schema that is not theirs. A file without the line is
    allowed: it only misses the editor's help (`build.py schema` adds it), never a fact."""
    problems = []
    for path in datafiles.data_files(root):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        if first.startswith(datafiles.MODELINE) and first != datafiles.modeline(path, root):
            problems.append(f"{path.relative_to(root)}: run `python build.py schema` to fix its first line")
    return problems


def test_every_data_file_that_names_a_schema_names_its_own() -> None:
    assert modeline_problems(REPO) == []
    for path in datafiles.data_files(REPO):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        if first.startswith(datafiles.MODELINE):
            assert (path.parent / first.removeprefix(datafiles.MODELINE)).resolve().is_file()


def test_the_seed_names_every_schema_and_a_wrong_schema_line_is_found(seed_project: Path) -> None:
    files = datafiles.data_files(SEED)
    assert {datafiles.schema_name_for(path, SEED) for path in files} == set(schema.SCHEMAS)
    assert all(path.read_text(encoding="utf-8").startswith(datafiles.modeline(path, SEED)) for path in files)
    sessions = seed_project / "data/114/sessions.yaml"
    sessions.write_text(sessions.read_text(encoding="utf-8").replace("sessions.schema", "tracks.schema", 1))
    assert modeline_problems(seed_project) == [
        "data/114/sessions.yaml: run `python build.py schema` to fix its first line"
    ]


@pytest.mark.parametrize(
    ("data_file", "line"),
    [
        ("data/site.yaml", "# yaml-language-server: $schema=../schemas/site.schema.json"),
        ("data/counties.yaml", "# yaml-language-server: $schema=../schemas/counties.schema.json"),
        ("data/114/sessions.yaml", "# yaml-language-server: $schema=../../schemas/sessions.schema.json"),
        ("data/115/onsite.yaml", "# yaml-language-server: $schema=../../schemas/onsite.schema.json"),
        ("data/114/notices/pingtung.yaml", "# yaml-language-server: $schema=../../../schemas/notice.schema.json"),
    ],
)
def test_the_schema_line_is_a_path_relative_to_the_data_file(data_file: str, line: str) -> None:
    assert datafiles.modeline(REPO / data_file, REPO) == line


def test_the_schema_command_writes_schemas_and_adds_missing_schema_lines(seed_project: Path, capsys) -> None:
    notice = seed_project / "data/114/notices/pingtung.yaml"
    without = notice.read_text(encoding="utf-8").split("\n", 1)[1]
    notice.write_text(without, encoding="utf-8")
    copied = seed_project / "data/114/notices/kaohsiung.yaml"
    copied.write_text(
        "# yaml-language-server: $schema=../../schemas/sessions.schema.json\n" + without, encoding="utf-8"
    )

    assert main(["schema", "--root", str(seed_project)]) == 0

    printed = capsys.readouterr().out
    assert f"wrote {seed_project / 'schemas/notice.schema.json'}" in printed
    assert f"wrote {notice}" in printed and f"wrote {copied}" in printed
    assert f"wrote {seed_project / 'data/114/sessions.yaml'}" not in printed  # already right: left alone
    line = "# yaml-language-server: $schema=../../../schemas/notice.schema.json\n"
    assert notice.read_text(encoding="utf-8") == line + without
    assert copied.read_text(encoding="utf-8") == line + without
    assert schema.stale_schemas(seed_project) == []
    load_project(seed_project)  # the schema line is a comment to the site's own reader


# --- build.py schema writes only plain files inside the project, each in one step -----------


def _files(folder: Path) -> dict[str, bytes]:
    """Every plain file under ``folder`` and where every link points, links not followed."""
    found: dict[str, bytes] = {}
    for parent, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(parent, name)
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[rel] = b"-> " + os.readlink(path).encode()
            elif path.is_file():
                found[rel] = path.read_bytes()
    return found


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_tiny(tmp_path / "project")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project, with files that look like the project's."""
    folder = tmp_path / "outside"
    (folder / "schemas").mkdir(parents=True)
    (folder / "schemas/site.schema.json").write_text("OUTSIDE\n", encoding="utf-8")
    (folder / "sessions.schema.json").write_text("OUTSIDE\n", encoding="utf-8")
    write_tiny(folder / "copy")
    return folder


def _link(project: Path, rel: str, target: Path) -> None:
    path = project / rel
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


@pytest.mark.parametrize(
    ("rel", "target", "what"),
    [
        ("schemas", "schemas", "folder"),
        ("schemas/sessions.schema.json", "sessions.schema.json", "file"),
        ("data/114/notices/alpha.yaml", "copy/data/114/notices/alpha.yaml", "file"),
        ("data/114", "copy/data/114", "folder"),
    ],
    ids=["schemas-folder", "schema-file", "data-file", "year-folder"],
)
def test_the_schema_command_refuses_to_write_through_a_link_and_writes_nothing(
    project: Path, outside: Path, rel: str, target: str, what: str, capsys
) -> None:
    (project / "schemas").mkdir()
    _link(project, rel, outside / target)
    before, outside_before = _files(project), _files(outside)

    assert main(["schema", "--root", str(project)]) == 1

    assert capsys.readouterr().err == (
        f"{rel}:1:1: (file): is a symbolic link (to {outside / target}); build.py schema writes no file "
        f"through a link: replace the link with the {what} itself\n1 problem found; nothing was written.\n"
    )
    assert _files(outside) == outside_before
    assert _files(project) == before


def test_a_folder_where_a_schema_goes_is_reported_not_a_crash(project: Path) -> None:
    (project / "schemas/site.schema.json").mkdir(parents=True)
    with pytest.raises(DataError) as caught:
        schema.write_schemas(project)
    assert [str(problem) for problem in caught.value.problems] == [
        "schemas/site.schema.json:1:1: (file): is a folder; build.py schema writes a file here: move the folder away"
    ]
    assert _files(project / "schemas") == {}


def test_the_schema_command_replaces_files_whole_and_never_writes_into_a_hard_link(
    project: Path, outside: Path
) -> None:
    """A file is written beside its place, then moved into it: a reader never sees half of it,
    and another name of the old file (here one outside the project) keeps the old text."""
    (project / "schemas").mkdir()
    os.link(outside / "sessions.schema.json", project / "schemas/sessions.schema.json")
    notice = project / "data/114/notices/alpha.yaml"
    old_notice = notice.read_text(encoding="utf-8")
    notice.unlink()
    os.link(outside / "copy/data/114/notices/alpha.yaml", notice)
    notice.chmod(0o640)
    outside_before = _files(outside)

    written = schema.write_schemas(project)

    assert _files(outside) == outside_before
    assert (project / "schemas/sessions.schema.json").read_text(encoding="utf-8") == schema.schema_text("sessions")
    assert notice.read_text(encoding="utf-8") == datafiles.modeline(notice, project) + "\n" + old_notice
    assert notice.stat().st_mode & 0o777 == 0o640  # a rewritten data file keeps its permissions
    assert (project / "schemas/site.schema.json").stat().st_mode & 0o777 == 0o644
    assert notice in written
    assert sorted(os.listdir(project / "schemas")) == sorted(f"{name}.schema.json" for name in schema.SCHEMAS)
    assert sorted(os.listdir(notice.parent)) == ["alpha.yaml"]  # no temporary file left behind


def _check_jsonschema(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CHECK_JSONSCHEMA), *map(str, args)], capture_output=True, text=True, timeout=120)


def editor_schema_problems(root: Path) -> list[str]:
    """What check-jsonschema, as an editor would, finds wrong in the data files of ``root`` against
    this checkout's schemas: one run of the checker per schema, for all its files."""
    by_schema: dict[str, list[Path]] = {}
    for path in datafiles.data_files(root):
        by_schema.setdefault(datafiles.schema_name_for(path, root), []).append(path)
    problems = []
    for name, paths in sorted(by_schema.items()):
        result = _check_jsonschema("--schemafile", REPO / f"schemas/{name}.schema.json", *paths)
        if result.returncode != 0:
            problems.append(result.stdout + result.stderr)
    return problems


def test_the_editor_schemas_accept_the_live_data() -> None:
    assert editor_schema_problems(REPO) == []


def test_the_editor_schema_flags_a_misspelled_key(tmp_path: Path) -> None:
    broken = tmp_path / "districts.yaml"
    broken.write_text(
        (SEED / "data/114/districts.yaml").read_text(encoding="utf-8").replace("schools:", "shcools:", 1),
        encoding="utf-8",
    )
    shutil.copy(REPO / "schemas/districts.schema.json", tmp_path)
    result = _check_jsonschema("--schemafile", tmp_path / "districts.schema.json", broken)
    assert result.returncode == 1
    assert "shcools" in result.stdout
