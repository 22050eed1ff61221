"""The search index: built by Pagefind inside the build's transaction, skipped by serve."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from k12site import search
from k12site.builder import Rebuilder, build
from k12site.cli import main
from k12site.i18n import HTML_LANG, LANGS, strings
from k12site.loader import load_project
from k12site.urls import SEARCH_ENTRY, SEARCH_INDEX, Page, published_url

REPO = Path(__file__).resolve().parent.parent


def test_the_build_indexes_every_page_of_every_year_in_each_language(tmp_path: Path) -> None:
    report = build(REPO, tmp_path / "site")
    site = tmp_path / "site"
    assert (site / SEARCH_ENTRY).is_file() and site.is_symlink()
    entry = json.loads((site / SEARCH_INDEX / "pagefind-entry.json").read_text(encoding="utf-8"))
    year_pages = {lang: 0 for lang in LANGS}
    for page in site.rglob("index.html"):
        main = BeautifulSoup(page.read_bytes(), "html.parser").main
        if main is not None and main.has_attr("data-pagefind-body"):
            year_pages[page.relative_to(site).parts[0]] += 1
    assert {lang: entry["languages"][HTML_LANG[lang].lower()]["page_count"] for lang in LANGS} == year_pages
    years = len(load_project(REPO).years)
    assert year_pages["en"] >= years * 10 and report.search_pages == sum(year_pages.values())


def test_only_the_pages_of_a_year_are_indexed_not_menus_or_the_search_page(tmp_path: Path) -> None:
    build(REPO, tmp_path / "site", index=False)
    latest = load_project(REPO).latest
    for lang in LANGS:
        for kind in ("search", "language"):
            page = BeautifulSoup((tmp_path / "site" / Page(kind, lang).file).read_bytes(), "html.parser")
            assert not page.find(attrs={"data-pagefind-body": True}), (kind, lang)
        county = Page("county", lang, latest.number, latest.counties[0].slug).file
        main = BeautifulSoup((tmp_path / "site" / county).read_bytes(), "html.parser").main
        assert main.has_attr("data-pagefind-body") and not main.find("nav")


def test_a_failing_indexer_leaves_the_old_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    build(REPO, site)
    before = os.path.realpath(site)

    def broken(folder: Path) -> int:
        assert (folder / Page("search", "en").file).is_file()  # it runs after every page is written
        raise search.SearchIndexError("Pagefind could not index the build: broken on purpose")

    monkeypatch.setattr(search, "index", broken)
    with pytest.raises(search.SearchIndexError, match="broken on purpose"):
        build(REPO, site)
    assert os.path.realpath(site) == before and (site / SEARCH_ENTRY).is_file()
    assert [p.name for p in (tmp_path / ".site.builds").iterdir()] == [Path(before).name]


def test_build_py_reports_an_indexing_failure_and_keeps_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(search, "index", lambda folder: (_ for _ in ()).throw(search.SearchIndexError("no binary")))
    assert main(["build", "--root", str(REPO), "--out", str(tmp_path / "site")]) == 1
    assert capsys.readouterr().err == "error: no binary; the last good site was left as it was\n"


def test_an_index_with_no_page_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><html lang=en><title>x</title><p>no body mark</p>")
    (tmp_path / "other.html").write_text("<!doctype html><html lang=en><main data-pagefind-body></main>")
    with pytest.raises(search.SearchIndexError, match="not able to build an index"):
        search.index(tmp_path)


def test_serve_skips_the_index_and_its_search_page_says_to_run_build_py(tmp_path: Path) -> None:
    Rebuilder(REPO, tmp_path / "preview").build()
    assert not (tmp_path / "preview" / SEARCH_INDEX).exists()
    for lang in LANGS:
        page = BeautifulSoup((tmp_path / "preview" / Page("search", lang).file).read_bytes(), "html.parser")
        note = page.find(id="search-unbuilt")
        assert note.get_text() == strings(lang).search_unbuilt and "build.py" in note.get_text()


def test_the_search_index_is_furniture_and_the_search_pages_are_published() -> None:
    assert published_url(SEARCH_ENTRY) is None and published_url(SEARCH_INDEX + "fragment/en_1.pf_fragment") is None
    assert published_url(Page("search", "zh-tw").file) == "zh-tw/search/"
