"""The table of outputs (`urls.OUTPUTS`): every file a build writes is of one kind, and each kind
says what renders it, whether the ledger records it and how `build.py diff` compares it."""

from __future__ import annotations

import pytest
from conftest import Projects

from k12site import urls
from k12site.builder import RENDERERS


def test_every_kind_of_output_is_made_by_a_renderer_of_the_builder() -> None:
    assert {kind.made_by for kind in urls.OUTPUTS.values()} == {*RENDERERS, "search"}


@pytest.mark.parametrize("shape", ["seed", "other-shape"])
def test_every_file_of_a_build_is_of_a_kind_in_the_table(projects: Projects, shape: str) -> None:
    site = projects.site(shape)
    files = [path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()]
    assert files
    assert [path for path in files if urls.output_kind(path) is urls.OTHER_OUTPUT] == []


@pytest.mark.parametrize(
    "path, kind",
    [
        ("index.html", "root pages"),
        ("404.html", "root pages"),
        ("sitemap.xml", "site files"),
        ("assets/style.css", "assets"),
        ("pagefind/pagefind.js", "search index"),
        ("en/114/counties/pingtung/index.html", "pages"),
        ("en/114/calendars/all.ics", "calendars"),
        ("zh-tw/114/data/sessions.json", "open data"),
        ("en/114/changes.atom", "feeds"),
    ],
)
def test_a_file_is_of_the_kind_its_path_says(path: str, kind: str) -> None:
    assert urls.output_kind(path) is urls.OUTPUTS[kind]
    assert (urls.published_url(path) is not None) == urls.OUTPUTS[kind].published
