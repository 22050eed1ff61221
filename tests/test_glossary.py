"""The English the glossary fixes, on the pages that need it.

Read from the glossary itself, so that a change of rendering there is a change the site must follow:
the team's GLOSSARY.md (kept in shared/, beside the clone) is copied into the repository as
tests/fixtures/GLOSSARY.md, so that the tests hold on any machine (GitHub's runners and a source
archive have no shared/); where shared/ is beside the clone, the copy must be the same file.
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from conftest import SHAPES, Projects
from helpers import text
from seed import REPO

from k12site import i18n

GLOSSARY = REPO / "tests" / "fixtures" / "GLOSSARY.md"
TEAMS = REPO.parent / "shared" / "GLOSSARY.md"  # the team's, where this checkout has shared/ beside it


@cache
def glossary() -> dict[str, str]:
    """Each zh-TW term of the glossary's tables (each of 甲 / 乙 on its own) -> its English."""
    terms: dict[str, str] = {}
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not re.search(r"[\u4e00-\u9fff]", cells[0]):
            continue
        zh, en = re.sub(r"\s*\(.*?\)", "", cells[0]), re.sub(r"\s*\(.*?\)", "", cells[1])
        zh_terms, en_terms = zh.split(" / "), en.split(" / ")
        for index, term in enumerate(zh_terms):
            terms[term.strip()] = en_terms[min(index, len(en_terms) - 1)].strip()
    return terms


def english(term: str) -> str:
    assert term in glossary(), f"{term} is not in {GLOSSARY}"
    return glossary()[term]


@pytest.fixture(scope="module", params=SHAPES)
def built(request: pytest.FixtureRequest, projects: Projects):
    from bs4 import BeautifulSoup

    project = projects.project(request.param)
    root = projects.site(request.param)
    return project, lambda rel: BeautifulSoup((root / rel).read_bytes(), "html.parser")


def test_the_glossary_is_read() -> None:
    assert english("實體簡報場") == "in-person briefing session"
    assert english("開放跨區參與") == "open to participants from other districts"


def test_every_english_county_page_names_the_two_kinds_of_session_as_the_glossary_does(built) -> None:
    project, page = built
    kinds = [english("實體簡報場"), english("駐點實機場")]
    for year in project.years:
        for county in year.counties:
            words = text(page(f"en/{year.number}/counties/{county.slug}/index.html")).lower()
            assert [kind for kind in kinds if kind.lower() not in words] == [], county.slug


def test_the_english_year_page_says_sessions_are_open_to_other_districts(built) -> None:
    project, page = built
    phrase = english("開放跨區參與")
    for year in project.years:
        words = text(page(f"en/{year.number}/index.html")).lower()
        assert (phrase in words) == year.joining.open_to_other_districts, year.number


def test_a_letters_recipients_read_one_by_one_in_english_though_their_names_hold_commas(built) -> None:
    project, page = built
    sep = i18n.strings("en")["recipient_sep"].strip()
    assert sep != "," and english("副本").lower() == i18n.strings("en")["copies"].lower()
    lists = 0
    for year in project.years:
        for slug, notice in year.notices.items():
            fields = page(f"en/{year.number}/notice/{slug}/index.html").select("dl.distribution > div")
            shown = {text(f.dt): text(f.dd) for f in fields if f.dt and f.dd}
            for label, names in (("recipients", notice.recipients), ("copies", notice.copies)):
                if names:
                    listed = shown[i18n.strings("en")[label]]
                    if label == "copies" and notice.copies_with_attachments:  # (with the attachments) after the list
                        note = i18n.fill(i18n.strings("en")["paren"], text=i18n.strings("en")["with_attachments"])
                        assert listed.endswith(note.strip())
                        listed = listed.removesuffix(note.strip())
                    pieces = [piece.strip() for piece in listed.split(sep)]
                    assert pieces == [" ".join(name["en"].split()) for name in names], (slug, label)
                    lists += 1
    assert lists, "the project has a letter with recipients"


def test_the_glossary_copy_is_the_teams_glossary() -> None:
    if not TEAMS.is_file():
        pytest.skip(f"{TEAMS} is not beside this checkout (GitHub's runners, a source archive): nothing to compare")
    assert GLOSSARY.read_bytes() == TEAMS.read_bytes(), f"copy {TEAMS} to {GLOSSARY}"
