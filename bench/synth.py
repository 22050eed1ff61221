"""Synthetic projects grown from the real data, for the benchmark.

A data set at scale ``s`` has more academic years and more counties, districts and sessions, and
is valid under the same model: ``years × county_factor ≈ s`` times the real output.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import shutil
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
WEEKS_PER_YEAR = dt.timedelta(weeks=52)  # whole weeks keep every session on its weekday


def plan(scale: int) -> tuple[int, int]:
    """(academic years, county multiplier) for a scale factor."""
    years = max(1, round(math.sqrt(scale) / 2))
    return years, max(1, round(scale / years))


def make_project(target: Path, scale: int) -> Path:
    """Write a project ``scale`` times the size of the real one into ``target``."""
    years, factor = plan(scale)
    if (REPO / "templates").is_dir():
        shutil.copytree(REPO / "templates", target / "templates")
    data = target / "data"
    data.mkdir(parents=True)
    shutil.copy(REPO / "data/site.yaml", data / "site.yaml")
    counties = _load(REPO / "data/counties.yaml")
    base = REPO / "data/114"
    originals = {path.relative_to(base): _load(path) for path in sorted(base.rglob("*.yaml"))}
    extra = _extra_counties(counties["counties"], factor)
    counties["counties"] += [c for group in extra for c in group]
    _dump(data / "counties.yaml", counties)
    for index in range(years):
        number = 114 + index
        files = copy.deepcopy(originals)
        files = {rel: _shift(value, WEEKS_PER_YEAR * index) for rel, value in files.items()}
        files[Path("year.yaml")]["academic_year"] = number
        _grow_districts(files, extra)
        for rel, value in files.items():
            _dump(data / str(number) / rel, value)
        shutil.copytree(REPO / "content/114", target / "content" / str(number))
    return target


def _extra_counties(real: list[dict[str, Any]], factor: int) -> list[list[dict[str, Any]]]:
    """For each extra copy of the country, a renamed copy of every county."""
    groups = []
    for copy_index in range(1, factor):
        groups.append(
            [
                {
                    "slug": f"{county['slug']}-{copy_index}",
                    "name": {
                        "zh": f"{county['name']['zh']}{copy_index}",
                        "en": f"{county['name']['en']} {copy_index}",
                    },
                }
                for county in real
            ]
        )
    return groups


def _grow_districts(files: dict[Path, Any], extra: list[list[dict[str, Any]]]) -> None:
    districts = files[Path("districts.yaml")]["districts"]
    sessions = files[Path("sessions.yaml")]["sessions"]
    real_districts, real_sessions = copy.deepcopy(districts), copy.deepcopy(sessions)
    for copy_index, group in enumerate(extra, start=1):
        renamed = {county["slug"].rsplit("-", 1)[0]: county["slug"] for county in group}
        offset = copy_index * len(real_districts)
        for district in real_districts:
            new = copy.deepcopy(district)
            new["number"] = district["number"] + offset
            new["counties"] = [renamed[slug] for slug in district["counties"]]
            meeting = int(new["webex"]["meeting_number"].replace(" ", "")) + new["number"] * 7919
            digits = f"{meeting % 10**11:011d}"
            new["webex"]["meeting_number"] = f"{digits[:4]} {digits[4:7]} {digits[7:]}"
            new["webex"]["url"] = district["webex"]["url"] + f"{new['number']:04d}"
            districts.append(new)
        for session in real_sessions:
            sessions.append({**session, "district": session["district"] + offset})


def _shift(value: Any, delta: dt.timedelta) -> Any:
    if isinstance(value, dict):
        return {key: _shift(item, delta) for key, item in value.items()}
    if isinstance(value, list):
        return [_shift(item, delta) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value + delta
    return value


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")
