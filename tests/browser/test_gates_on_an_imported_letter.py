"""The quality gates over the pages of a letter just imported: no English yet, no instructions.

The seed project with its notice taken away and the seed's letter imported by `build.py letter
import` (every quoted text `translation: pending`): its county and notice pages, in both
languages, pass the gates the live site passes (valid HTML, axe, no sideways scroll at 360 px,
the weight budget, every link resolving).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from seed import REPO, copy_seed_project

from k12site.cli import main

from . import gates
from .gates import PHONE, Tab, fail_on, require_tool, serve

pytestmark = pytest.mark.browser

LETTER = REPO / "tests/sources/pingtung-1145124742.txt"
PAGES = [f"{lang}/114/{rest}" for lang in ("zh-tw", "en") for rest in ("counties/pingtung/", "notice/pingtung/")]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = copy_seed_project(tmp_path_factory.mktemp("imported") / "project")
    (root / "data/114/notices/pingtung.yaml").unlink()
    assert main(["letter", "import", str(LETTER), "--county", "pingtung", "--root", str(root)]) == 0
    assert main(["build", "--strict", "--no-search", "--root", str(root)]) == 0
    site = root / "site"
    with serve(site) as origin:
        yield site, origin


def test_the_imported_letters_pages_are_valid_html(imported: tuple[Path, str]) -> None:
    require_tool("java", "vnu.jar")
    site, _ = imported
    fail_on(gates.vnu_errors(site), "errors from the Nu HTML Checker")


def test_the_imported_letters_pages_have_no_axe_violations(browser, imported: tuple[Path, str]) -> None:
    require_tool("axe-core")
    _, origin = imported
    tab = Tab(browser, origin)
    try:
        fail_on([v for path in PAGES for v in gates.axe_violations(tab, path)], "axe-core violations")
        weights = [gates.page_weight(tab, path) for path in PAGES]
        fail_on([p for w in weights for p in w.problems(gates.weight_budget(w.path))], "weight problems")
    finally:
        tab.close()


def test_the_imported_letters_pages_fit_a_360_px_phone(browser, imported: tuple[Path, str]) -> None:
    _, origin = imported
    tab = Tab(browser, origin, viewport=PHONE)
    try:
        problems = [p for path in PAGES if (p := gates.sideways_scroll_problem(tab, path))]
        fail_on(problems, "pages wider than a 360 px phone")
    finally:
        tab.close()


def test_the_imported_letters_links_resolve(imported: tuple[Path, str]) -> None:
    site, _ = imported
    fail_on(gates.link_problems(site), "broken internal links")
