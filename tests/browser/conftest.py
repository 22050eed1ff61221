"""Fixtures for the quality gates: one fresh build of the live site and one browser for them all.

Both are package-scoped: the browser closes when the last gate has run, since playwright's sync
API keeps an asyncio loop running in the main thread while it is open (tests that call
``asyncio.run`` afterwards would fail).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from k12site.i18n import LANGS
from k12site.kinds import PAGE_KINDS
from k12site.urls import Page

from .gates import PHONE, REPO, Tab, chromium, html_files, require_tool, serve, served_path


@dataclass(frozen=True)
class Site:
    """A built site and the origin it is served at on 127.0.0.1."""

    root: Path
    origin: str
    base_url: str = ""
    featured: str = ""  # the county the gates click through: the latest year's first with a letter, else its first

    @property
    def pages(self) -> list[str]:
        """The URL path of every page (``""`` for the root page)."""
        return [served_path(f) for f in html_files(self.root)]

    @property
    def language_pages(self) -> list[str]:
        """The pages that belong to one language (all but the bilingual root and 404 pages)."""
        return [p for p in self.pages if p.startswith(tuple(f"{lang}/" for lang in LANGS))]

    @property
    def year(self) -> int:
        """The latest academic year built."""
        return max(int(p.name) for p in (self.root / LANGS[0]).iterdir() if p.name.isdigit())

    def county(self, lang: str, slug: str) -> str:
        return Page("county", lang, self.year, slug).dir

    @property
    def county_pages(self) -> list[str]:
        """Every county page of every year, in both languages (not its office's page beneath it)."""
        folder = PAGE_KINDS["county"].path.partition("{")[0]  # "counties/"
        in_a_year = [p.split("/", 2) for p in self.language_pages if p.count("/") > 1]  # <lang>/<year>/<rest>
        return [
            f"{lang}/{year}/{rest}"
            for lang, year, rest in in_a_year
            if rest.startswith(folder) and rest.count("/") == 2
        ]


BASE_URL = "https://example.github.io/k12-training/"


@pytest.fixture(scope="package")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The live site (this checkout's data), built once into a temporary folder and served."""
    from k12site.builder import build
    from k12site.loader import load_project

    root = tmp_path_factory.mktemp("gates") / "site"
    build(REPO, root, base_url=BASE_URL)  # as published: QR codes and subscription addresses need it
    latest = load_project(REPO).latest
    featured = next(iter(sorted(latest.notices)), latest.counties[0].slug)
    with serve(root) as origin:
        yield Site(root, origin, BASE_URL, featured)


@pytest.fixture(scope="package")
def browser() -> Iterator[object]:
    require_tool("playwright", "chromium")
    with chromium() as browser:
        yield browser


@pytest.fixture
def tab(browser, site: Site) -> Iterator[Tab]:
    """A desktop-sized tab on the real site."""
    tab = Tab(browser, site.origin, base_url=site.base_url)
    yield tab
    tab.close()


@pytest.fixture
def phone_tab(browser, site: Site) -> Iterator[Tab]:
    tab = Tab(browser, site.origin, viewport=PHONE, base_url=site.base_url)
    yield tab
    tab.close()
