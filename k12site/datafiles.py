"""The project's data files: which model each follows, which schema it names, and what a scope loaded.

Layout::

    data/site.yaml, data/counties.yaml, data/urls.yaml
    data/<year>/{year,joining,districts,tracks,sessions,process,onsite}.yaml
    data/<year>/changes.yaml (optional)
    data/<year>/notices/<county>.yaml (all of them "notice")

The loader reads them by these tables, the schema command writes one schema per kind, and
every data file names its kind's schema on its first line (`modeline`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from . import models
from .yamlfile import YamlFile

YEAR_FILES: dict[str, type[BaseModel]] = {
    "year": models.YearFile,
    "joining": models.JoiningFile,
    "districts": models.DistrictsFile,
    "tracks": models.TracksFile,
    "sessions": models.SessionsFile,
    "process": models.ProcessFile,
    "onsite": models.OnsiteFile,
}
# Files a year may leave out: a year without changes.yaml has no recorded changes.
OPTIONAL_YEAR_FILES: dict[str, type[BaseModel]] = {
    "changes": models.ChangesFile,
}
# every kind of data file -> its model, by the name of its schema
KINDS: dict[str, type[BaseModel]] = {
    "site": models.Site,
    "counties": models.CountiesFile,
    "urls": models.UrlLedger,
    **YEAR_FILES,
    **OPTIONAL_YEAR_FILES,
    "notice": models.NoticeFile,
}

SCHEMA_DIR = "schemas"
MODELINE = "# yaml-language-server: $schema="


M = TypeVar("M", bound=BaseModel)


@dataclass
class Loaded:
    """The files of one scope as parsed (`sources`) and validated (`models`, None if invalid).

    Keys are the tables' kinds (``"year"``, ``"sessions"``…) and ``"notices/<county>"``; ask
    `model` for a file by its key and model class, to get it typed.
    """

    sources: dict[str, YamlFile] = field(default_factory=dict)
    models: dict[str, BaseModel | None] = field(default_factory=dict)

    def model(self, key: str, kind: type[M]) -> M | None:
        """The file ``key`` validated as ``kind``; None if it is absent or failed to validate."""
        found = self.models.get(key)
        return found if isinstance(found, kind) else None


@dataclass(frozen=True)
class YearModels:
    """One year's files, typed: each None where it is missing or failed to validate (its own
    problems are reported), so that a check of facts across files runs only on sound ones."""

    year: models.YearFile | None
    joining: models.JoiningFile | None
    districts: models.DistrictsFile | None
    tracks: models.TracksFile | None
    sessions: models.SessionsFile | None
    process: models.ProcessFile | None
    onsite: models.OnsiteFile | None
    changes: models.ChangesFile | None
    changes_failed: bool  # changes.yaml exists and did not validate (absent means "no changes")
    notices: dict[str, models.NoticeFile | None]  # by county slug, every notices/<county>.yaml found

    @classmethod
    def of(cls, loaded: Loaded) -> YearModels:
        prefix = "notices/"
        return cls(
            year=loaded.model("year", models.YearFile),
            joining=loaded.model("joining", models.JoiningFile),
            districts=loaded.model("districts", models.DistrictsFile),
            tracks=loaded.model("tracks", models.TracksFile),
            sessions=loaded.model("sessions", models.SessionsFile),
            process=loaded.model("process", models.ProcessFile),
            onsite=loaded.model("onsite", models.OnsiteFile),
            changes=loaded.model("changes", models.ChangesFile),
            changes_failed="changes" in loaded.models and loaded.models["changes"] is None,
            notices={
                key.removeprefix(prefix): loaded.model(key, models.NoticeFile)
                for key in loaded.models
                if key.startswith(prefix)
            },
        )


def schema_file(name: str) -> str:
    """The schema's path inside the project, e.g. ``schemas/sessions.schema.json``."""
    return f"{SCHEMA_DIR}/{name}.schema.json"


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
