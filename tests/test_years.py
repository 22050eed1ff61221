"""Many years on one site: every year keeps its URLs, the front pages lead to the newest year.

The two-year site is a copy of the seed project with a year 115 made from 114 as a maintainer
would start it: the folder copied, the year and every date moved on by one, and (to show that a
year uses only the counties its districts list) Lienchiang left out of its districts.
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import Projects

from k12site.builder import build
from k12site.cli import main
from k12site.i18n import LANGS, fill, strings
from k12site.urls import SEARCH_INDEX

REPO = Path(__file__).resolve().parent.parent


def soup(out: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((out / rel).read_bytes(), "html.parser")


def target(rel: str, href: str) -> str:
    path = posixpath.normpath(posixpath.join(posixpath.dirname(rel), href))
    return path + "/index.html" if href.endswith("/") or href in ("", ".") else path


def files(out: Path, under: str = "") -> set[str]:
    return {p.relative_to(out).as_posix() for p in (out / under).rglob("*") if p.is_file()}


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def start_year_115(root: Path) -> None:
    shutil.copytree(root / "data/114", root / "data/115")
    shutil.copytree(root / "content/114", root / "content/115")
    for path in (root / "data/115").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8").replace("2025-", "2026-")
        path.write_text(text.replace("academic_year: 114", "academic_year: 115"), encoding="utf-8")
    replace(root / "data/115/year.yaml", "114學年度", "115學年度")
    replace(root / "data/115/year.yaml", "2025–26", "2026–27")
    replace(root / "data/115/districts.yaml", "kinmen, lienchiang, pingtung", "kinmen, pingtung")


@pytest.fixture(scope="module")
def one_year(projects: Projects) -> Path:
    """The real project as it is, with its one year (built once a session for the site tests)."""
    return projects.site("seed")


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from seed import copy_seed_project

    root = copy_seed_project(tmp_path_factory.mktemp("two") / "real")
    start_year_115(root)
    out = root.parent / "site"
    build(root, out)
    return out


def test_both_years_build_and_every_url_of_114_stays(one_year: Path, two_years: Path) -> None:
    for lang in LANGS:
        assert files(two_years, f"{lang}/114") == files(one_year, f"{lang}/114")
        assert f"{lang}/115/counties/pingtung/index.html" in files(two_years, f"{lang}/115")
    without_index = lambda folder: {f for f in files(folder) if not f.startswith(SEARCH_INDEX)}  # noqa: E731
    assert without_index(one_year) <= without_index(two_years)  # the search index is rewritten whole


def test_a_year_has_pages_and_calendars_only_for_the_counties_of_its_districts(two_years: Path) -> None:
    for lang in LANGS:
        assert (two_years / f"{lang}/114/counties/lienchiang/index.html").is_file()
        assert (two_years / f"{lang}/114/calendars/counties/lienchiang.ics").is_file()
        assert not (two_years / f"{lang}/115/counties/lienchiang").exists()
        assert not (two_years / f"{lang}/115/calendars/counties/lienchiang.ics").exists()
        home = soup(two_years, f"{lang}/115/index.html")
        assert "lienchiang" not in str(home.select_one(".districts"))
    assert "115/counties/lienchiang" not in (two_years / "sitemap.xml").read_text(encoding="utf-8")


def test_the_root_leads_to_the_newest_year_and_lists_the_earlier_ones(two_years: Path) -> None:
    root = soup(two_years, "index.html")
    assert [target("index.html", a["href"]) for a in root.select(".choose a")] == [
        "zh-tw/115/index.html",
        "en/115/index.html",
    ]
    earlier = root.select("#years + ul a")
    assert [target("index.html", a["href"]) for a in earlier] == ["zh-tw/114/index.html", "en/114/index.html"]
    assert [a.get_text() for a in earlier] == [
        "114學年度「國民中小學學籍管理服務系統」教育訓練",
        "Academic Year 2025–26 Training on the Student Registration Management Service System",
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_a_front_page_that_leads_to_the_newest_year_and_lists_the_earlier(
    two_years: Path, lang: str
) -> None:
    rel = f"{lang}/index.html"
    page = soup(two_years, rel)
    newest = page.select_one("main .enter a")
    assert target(rel, newest["href"]) == f"{lang}/115/index.html"
    assert "115" in newest.get_text() or "2026–27" in newest.get_text()
    earlier = page.select("main #years + ul a")
    assert [target(rel, a["href"]) for a in earlier] == [f"{lang}/114/index.html"]
    assert "114" in earlier[0].get_text() or "2025–26" in earlier[0].get_text()
    other = "en" if lang == "zh-tw" else "zh-tw"
    assert target(rel, page.select_one("a.lang-switch")["href"]) == f"{other}/index.html"
    sitemap = (two_years / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{lang}/</loc>" in sitemap


def test_with_one_year_the_language_front_pages_lead_to_it_and_list_nothing_else(one_year: Path) -> None:
    for lang in LANGS:
        page = soup(one_year, f"{lang}/index.html")
        assert target(f"{lang}/index.html", page.select_one("main .enter a")["href"]) == f"{lang}/114/index.html"
        assert not page.select("#years")
        assert not page.select(".older-year")


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_of_an_earlier_year_says_so_and_links_the_newest(one_year: Path, two_years: Path, lang: str) -> None:
    t = strings(lang)
    note = fill(t.older_year_note, year=114, latest=115)
    pages = sorted(p.relative_to(two_years).as_posix() for p in (two_years / lang / "114").rglob("index.html"))
    assert len(pages) == len(list((one_year / lang / "114").rglob("index.html")))
    for rel in pages:
        shown = soup(two_years, rel).select_one("main > .older-year")
        assert shown is not None and note in shown.get_text(), rel
        same = rel.replace("/114/", "/115/")
        expected = same if (two_years / same).is_file() else f"{lang}/115/index.html"
        assert target(rel, shown.a["href"]) == expected, rel
        label = t.older_year_same if expected == same else t.older_year_home
        assert shown.a.get_text() == fill(label, latest=115), rel
    lienchiang = f"{lang}/114/counties/lienchiang/index.html"
    assert target(lienchiang, soup(two_years, lienchiang).select_one(".older-year a")["href"]) == (
        f"{lang}/115/index.html"
    )
    for rel in (p.relative_to(two_years).as_posix() for p in (two_years / lang / "115").rglob("index.html")):
        assert not soup(two_years, rel).select(".older-year"), rel


# --- a year's counties are its districts' ------------------------------------------------------------


def add_county(tiny: Path, slug: str = "gamma") -> None:
    with (tiny / "data/counties.yaml").open("a", encoding="utf-8") as counties:
        counties.write(f"  - slug: {slug}\n    name: {{zh: 丙縣, en: Gamma County}}\n")


def test_a_county_in_no_district_of_a_year_is_no_error_and_has_no_page(tiny_project: Path, tmp_path: Path) -> None:
    add_county(tiny_project)
    build(tiny_project, tmp_path / "out")
    assert not (tmp_path / "out/zh-tw/114/counties/gamma").exists()
    assert (tmp_path / "out/zh-tw/114/counties/alpha/index.html").is_file()


def test_a_notice_or_onsite_session_for_a_county_in_no_district_of_the_year_is_located(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_county(tiny)
    shutil.copy(tiny / "data/114/notices/alpha.yaml", tiny / "data/114/notices/gamma.yaml")
    with (tiny / "data/114/onsite.yaml").open("a", encoding="utf-8") as onsite:
        onsite.write(
            "sessions:\n  - {county: gamma, kind: hands_on, date: 2025-09-03, start: '13:30', end: '16:00',\n"
            "     venue: {zh: 會議室, en: Meeting room}}\n"
        )
    assert main(["check", "--root", str(tiny)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "data/114/notices/gamma.yaml:1:1: (file): 'gamma' is in no district of this year's districts.yaml, "
        "so the year has no page for it; add it to a district, or name the file after one of the year's counties",
        "data/114/onsite.yaml:14:14: sessions[0].county: 'gamma' is in no district of this year's districts.yaml, "
        "so the year has no page for it; add it to a district first",
        "2 problems found; nothing was written.",
    ]
