"""Editors check the data while it is typed: committed JSON Schemas, named by each data file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from k12site import models as m
from k12site import schema
from k12site.cli import main
from k12site.loader import load_project

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


def test_every_data_file_names_its_schema_on_its_first_line() -> None:
    files = schema.data_files(REPO)
    assert {schema.schema_name_for(path, REPO) for path in files} == set(schema.SCHEMAS)
    for path in files:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        expected = schema.modeline(path, REPO)
        assert first == expected, f"{path.relative_to(REPO)}: run `python build.py schema` to fix its first line"
        assert (path.parent / first.removeprefix(schema.MODELINE)).resolve().is_file()


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
    assert schema.modeline(REPO / data_file, REPO) == line


def test_the_schema_command_writes_schemas_and_adds_missing_schema_lines(real: Path, capsys) -> None:
    notice = real / "data/114/notices/pingtung.yaml"
    without = notice.read_text(encoding="utf-8").split("\n", 1)[1]
    notice.write_text(without, encoding="utf-8")
    copied = real / "data/114/notices/kaohsiung.yaml"
    copied.write_text(
        "# yaml-language-server: $schema=../../schemas/sessions.schema.json\n" + without, encoding="utf-8"
    )

    assert main(["schema", "--root", str(real)]) == 0

    printed = capsys.readouterr().out
    assert f"wrote {real / 'schemas/notice.schema.json'}" in printed
    assert f"wrote {notice}" in printed and f"wrote {copied}" in printed
    assert f"wrote {real / 'data/114/sessions.yaml'}" not in printed  # already right: left alone
    line = "# yaml-language-server: $schema=../../../schemas/notice.schema.json\n"
    assert notice.read_text(encoding="utf-8") == line + without
    assert copied.read_text(encoding="utf-8") == line + without
    assert schema.stale_schemas(real) == []
    load_project(real)  # the schema line is a comment to the site's own reader


def _check_jsonschema(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CHECK_JSONSCHEMA), *map(str, args)], capture_output=True, text=True, timeout=120)


def test_the_editor_schemas_accept_the_real_data() -> None:
    for path in schema.data_files(REPO):
        target = path.parent / path.read_text(encoding="utf-8").split("\n", 1)[0].removeprefix(schema.MODELINE)
        result = _check_jsonschema("--schemafile", target.resolve(), path)
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_editor_schema_flags_a_misspelled_key(tmp_path: Path) -> None:
    broken = tmp_path / "districts.yaml"
    broken.write_text(
        (REPO / "data/114/districts.yaml").read_text(encoding="utf-8").replace("schools:", "shcools:", 1),
        encoding="utf-8",
    )
    shutil.copy(REPO / "schemas/districts.schema.json", tmp_path)
    result = _check_jsonschema("--schemafile", tmp_path / "districts.schema.json", broken)
    assert result.returncode == 1
    assert "shcools" in result.stdout
