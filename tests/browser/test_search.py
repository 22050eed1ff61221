"""Search in a real browser: each language's search page finds a county's page by its name, with
the site served from a sub-path (as GitHub Pages serves a project site) and nothing asked of any
host but 127.0.0.1 and the site's own folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from k12site.builder import build
from k12site.loader import load_project
from k12site.urls import Page

from . import gates
from .gates import REPO, Tab, fail_on, require_tool, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The live site, built with its search index and served as ``/sub/`` of 127.0.0.1; yields
    the site's address."""
    parent = tmp_path_factory.mktemp("search")
    build(REPO, parent / "sub")
    with serve(parent) as origin:
        yield origin + "sub/"


@pytest.fixture
def sub_tab(browser, sub_path_site: str) -> Iterator[Tab]:
    require_tool("playwright", "chromium")
    tab = Tab(browser, sub_path_site)  # any request outside /sub/ counts as another host's
    yield tab
    tab.close()


@pytest.mark.parametrize("lang", ["zh-tw", "en"])
def test_a_search_for_a_county_finds_its_page_under_a_sub_path(sub_tab: Tab, lang: str) -> None:
    latest = load_project(REPO).latest
    last = latest.counties[-1]  # by its name in the page's language, e.g. 屏東縣 or "Pingtung"
    query = {"zh-tw": last.name.zh, "en": last.name.en.split()[0]}[lang]
    county = sub_tab.origin + Page("county", lang, latest.number, last.slug).dir
    weight, found = gates.search_weight(sub_tab, Page("search", lang).dir, query)
    fail_on(weight.problems(gates.SEARCH_WEIGHT_BUDGET), "problems while searching")
    assert county in found, f"{query!r} found {found}"
    parts = ", ".join(
        f"{url.rsplit('/', 1)[-1]} {size:,}" for url, size in sorted(weight.sizes.items(), key=lambda i: -i[1])
    )
    print(f"/{weight.path}: {weight.total:,} bytes: {parts}")  # for README's budget
    assert sub_tab.context.request.get(county).status == 200
