"""Shared fixtures: tiny projects in tmp_path, and a copy of the real project."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from tiny import write_tiny

REPO = Path(__file__).resolve().parent.parent
PINNED_DAY = "1767196800"  # 2026-01-01 00:00 Taipei: every session of the real and tiny data has ended


@pytest.fixture(autouse=True, scope="session")
def pinned_day() -> Iterator[None]:
    """Every build in the tests marks sessions by one fixed date (``SOURCE_DATE_EPOCH``, which
    subprocesses inherit too), never by the clock, so two builds agree even across midnight;
    session-scoped, so module fixtures' builds are pinned too. tests/test_today.py sets its own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", PINNED_DAY)
        yield


def copy_real_project(target: Path) -> Path:
    """The real data, content and templates, copied so a test may change them."""
    for name in ("data", "content", "templates"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, target / name)
    return target


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """The tiny project of tests/tiny.py with this repository's templates: `check` renders it."""
    root = write_tiny(tmp_path / "tiny")
    shutil.copytree(REPO / "templates", root / "templates")
    return root


@pytest.fixture
def real(tmp_path: Path) -> Path:
    return copy_real_project(tmp_path / "real")


@pytest.fixture
def tiny_project(tiny: Path) -> Path:
    """The same as `tiny` (which once came without templates)."""
    return tiny
