"""Shared fixtures: tiny projects in tmp_path, a copy of the real project, and the projects the
site tests run against (the real one and one of another shape), each made and built once a session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from other_shape import write_other_shape
from tiny import write_tiny

from k12site.builder import build
from k12site.loader import load_project
from k12site.project import Project

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


# The projects every site test runs against: the real data, and a project of another shape
# (tests/other_shape.py). A test that pins one of the seed's facts fails on the second; such
# facts are asserted in test_real_data.py.
SHAPES = ("real", "other-shape")


def copy_real_project(target: Path) -> Path:
    """The real data, content and templates, copied so a test may change them."""
    for name in ("data", "content", "templates"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, target / name)
    return target


class Projects:
    """The projects of `SHAPES`: each written (the real one is read in place), loaded and built
    at most once a session, when a test first asks for it. Tests only read them."""

    def __init__(self, factory: pytest.TempPathFactory) -> None:
        self._factory = factory
        self._roots: dict[str, Path] = {"real": REPO}
        self._loaded: dict[str, Project] = {}
        self._sites: dict[tuple[str, str], Path] = {}

    def root(self, shape: str) -> Path:
        if shape not in self._roots:
            self._roots[shape] = write_other_shape(self._factory.mktemp(shape) / "project")
        return self._roots[shape]

    def project(self, shape: str) -> Project:
        if shape not in self._loaded:
            self._loaded[shape] = load_project(self.root(shape))
        return self._loaded[shape]

    def site(self, shape: str, base_url: str = "") -> Path:
        """The project built into a folder of its own: without a base URL (the data's setting), or with one."""
        if (shape, base_url) not in self._sites:
            out = self._factory.mktemp(f"{shape}-site") / "site"
            build(self.root(shape), out, base_url=base_url)
            self._sites[shape, base_url] = out
        return self._sites[shape, base_url]


@pytest.fixture(scope="session")
def projects(tmp_path_factory: pytest.TempPathFactory) -> Projects:
    return Projects(tmp_path_factory)


@pytest.fixture(scope="module", params=SHAPES)
def shape(request: pytest.FixtureRequest) -> str:
    """Each project a site test runs against, in turn (module scope: each is built once per session)."""
    return request.param


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
