"""Shared fixtures: tiny projects in tmp_path, copies of the seed project, and the projects the
site tests run against (the live one and one of another shape), each made and built once a session.

Two kinds of data, held in two ways:
- **the seed** (`tests/fixtures/seed/`): the data and content as transcribed from the seed's letter
  and process description, frozen. Tests that name one of its facts (a password, a date, a count,
  a county's letter text) run on this copy, never on the live data.
- **the live data** (`data/`, `content/`): the maintainers' to change every week. Tests hold it
  only by rules (it checks strictly, builds, passes the browser gates and its ledger, and shows
  whatever it holds), deriving what they expect from whatever data is there.
Both are built with the live templates and code.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from other_shape import write_other_shape
from seed import REPO, copy_seed_project
from tiny import write_tiny

from k12site.builder import build
from k12site.loader import load_project
from k12site.project import Project

PINNED_DAY = "1767196800"  # 2026-01-01 00:00 Taipei: every session of the real and tiny data has ended


@pytest.fixture(autouse=True, scope="session")
def pinned_day() -> Iterator[None]:
    """Every build in the tests marks sessions by one fixed date (``SOURCE_DATE_EPOCH``, which
    subprocesses inherit too), never by the clock, so two builds agree even across midnight;
    session-scoped, so module fixtures' builds are pinned too. tests/test_today.py sets its own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", PINNED_DAY)
        yield


# The projects every site test runs against: the live data, and a project of another shape
# (tests/other_shape.py, made from the seed). A test that pins one of the seed's facts fails on
# the second, and on the live data as soon as a maintainer changes it; such facts are asserted on
# the seed project (`projects.root("seed")`) in test_seed_transcription.py.
SHAPES = ("live", "other-shape")


class Projects:
    """The projects of `SHAPES` and the seed: each written (the live one is read in place), loaded
    and built at most once a session, when a test first asks for it. Tests only read them."""

    def __init__(self, factory: pytest.TempPathFactory) -> None:
        self._factory = factory
        self._roots: dict[str, Path] = {"live": REPO}
        self._loaded: dict[str, Project] = {}
        self._sites: dict[tuple[str, str], Path] = {}

    def root(self, shape: str) -> Path:
        if shape not in self._roots:
            target = self._factory.mktemp(shape) / "project"
            make = {"seed": copy_seed_project, "other-shape": write_other_shape}[shape]
            self._roots[shape] = make(target)
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
def seed_project(tmp_path: Path) -> Path:
    """A copy of the seed project (its frozen data, with the live templates) that a test may change."""
    return copy_seed_project(tmp_path / "seed")


@pytest.fixture
def tiny_project(tiny: Path) -> Path:
    """The same as `tiny` (which once came without templates)."""
    return tiny
