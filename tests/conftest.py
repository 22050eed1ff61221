"""Shared fixtures: tiny projects in tmp_path, and a copy of the real project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tiny import write_tiny

REPO = Path(__file__).resolve().parent.parent


def copy_real_project(target: Path) -> Path:
    """The real data, content and templates, copied so a test may change them."""
    for name in ("data", "content", "templates"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, target / name)
    return target


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return write_tiny(tmp_path / "tiny")


@pytest.fixture
def real(tmp_path: Path) -> Path:
    return copy_real_project(tmp_path / "real")


@pytest.fixture
def tiny_project(tiny: Path) -> Path:
    """The tiny project of tests/tiny.py with this repository's templates."""
    shutil.copytree(REPO / "templates", tiny / "templates")
    return tiny
