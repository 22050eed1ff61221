"""Changes people can follow: a change to a published fact is recorded in the data, listed on each
year's "what changed" page and in its Atom feed, and shown where the changed fact appears.

The tiny project (tests/tiny.py) gets a moved session and two recorded changes here.
"""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest
from helpers import soup
from helpers import text as words

from k12site.builder import build
from k12site.cli import main
from k12site.loader import load_project

MOVED = (
    "  - {district: 1, track: hr, date: 2025-08-06, period: full_day}\n",
    "  - {district: 1, track: hr, date: 2025-08-08, period: full_day, sequence: 1, updated: 2025-07-28T01:00:00Z}\n",
)

CHANGES = """\
changes:
  - date: 2025-07-28T09:00:00+08:00
    text: {zh: 第1區人力網場次改至8月8日, en: The District 1 HR Network session moved to 8 August}
    sessions: [{district: 1, track: hr}]
  - date: 2025-07-30T17:30:00+08:00
    text: {zh: 第2區會議密碼更新, en: District 2 has a new meeting password}
    districts: [2]
    counties: [beta-city]
"""


def move_a_session(root: Path) -> None:
    sessions = root / "data/114/sessions.yaml"
    sessions.write_text(sessions.read_text(encoding="utf-8").replace(*MOVED), encoding="utf-8")


@pytest.fixture
def changed(tiny: Path) -> Path:
    """The tiny project with district 1's HR session moved and two changes recorded."""
    move_a_session(tiny)
    (tiny / "data/114/changes.yaml").write_text(CHANGES, encoding="utf-8")
    return tiny


@pytest.fixture
def built(changed: Path, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    build(changed, out)
    return out


@pytest.mark.parametrize(
    ("lang", "first", "second"),
    [
        ("zh-tw", "第2區會議密碼更新", "第1區人力網場次改至8月8日"),
        ("en", "District 2 has a new meeting password", "The District 1 HR Network session moved to 8 August"),
    ],
)
def test_a_recorded_change_is_on_the_changes_page_in_both_languages_newest_first(
    built: Path, lang: str, first: str, second: str
) -> None:
    page = soup(built / lang / "114/changes/index.html")
    entries = page.select("main article.change")
    assert [words(entry.select_one(".change-text")) for entry in entries] == [first, second]
    assert [entry.select_one("time")["datetime"] for entry in entries] == [
        "2025-07-30T17:30+08:00",
        "2025-07-28T09:00+08:00",
    ]
    assert [entry["id"] for entry in entries] == ["change-2025-07-30t0930z", "change-2025-07-28t0100z"]


def test_the_changes_page_is_in_the_menu_and_links_its_feed(built: Path) -> None:
    page = soup(built / "en/114/index.html")
    assert "changes/" in [a["href"] for a in page.select("nav a")]
    feeds = page.select('head link[rel="alternate"][type="application/atom+xml"]')
    assert [link["href"] for link in feeds] == ["https://example.org/site/en/114/changes.atom"]


@pytest.mark.parametrize("lang", ["zh-tw", "en"])
def test_the_atom_feed_parses_and_lists_the_recorded_change(built: Path, lang: str) -> None:
    feed = feedparser.parse((built / lang / "114/changes.atom").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == {"zh-tw": "zh-Hant-TW", "en": "en"}[lang]
    assert feed.feed.updated == "2025-07-30T17:30:00+08:00"
    first, second = feed.entries
    assert (second.updated_parsed[:5], second.published_parsed[:5]) == ((2025, 7, 28, 1, 0), (2025, 7, 28, 1, 0))
    assert second.link == f"https://example.org/site/{lang}/114/changes/#change-2025-07-28t0100z"
    assert (
        second.title
        == {"zh-tw": "第1區人力網場次改至8月8日", "en": "The District 1 HR Network session moved to 8 August"}[lang]
    )
    assert first.id.startswith("urn:uuid:") and first.id != second.id
    assert feed.feed.id.startswith("urn:uuid:")


def test_feed_ids_do_not_depend_on_the_site_address(changed: Path, tmp_path: Path) -> None:
    build(changed, tmp_path / "a")
    build(changed, tmp_path / "b", base_url="https://elsewhere.example/")
    ids = [
        [e.id for e in feedparser.parse((tmp_path / out / "en/114/changes.atom").read_bytes()).entries] for out in "ab"
    ]
    assert ids[0] == ids[1]


def test_without_a_base_url_the_feed_links_relatively(changed: Path, tmp_path: Path) -> None:
    build(changed, tmp_path / "site", base_url="")
    text = (tmp_path / "site/en/114/changes.atom").read_text(encoding="utf-8")
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.bozo_exception
    assert 'href="changes/#change-2025-07-28t0100z"' in text


def test_a_year_without_changes_says_so_and_still_has_a_valid_feed(tiny: Path, tmp_path: Path) -> None:
    build(tiny, tmp_path / "site")
    page = soup(tmp_path / "site/en/114/changes/index.html")
    assert "Nothing has changed yet." in words(page.select_one("main"))
    feed = feedparser.parse((tmp_path / "site/en/114/changes.atom").read_bytes())
    assert not feed.bozo and feed.entries == []
    assert feed.feed.updated == "2025-07-21T00:00:00+00:00"  # the plan's publication, from year.yaml


@pytest.mark.parametrize(
    ("lang", "said"), [("zh-tw", "異動於 114年7月28日（一）"), ("en", "Changed on Mon 28 Jul 2025")]
)
def test_a_changed_session_shows_changed_on_where_it_appears(built: Path, lang: str, said: str) -> None:
    county = soup(built / lang / "114/counties/alpha/index.html")
    notes = [words(p) for p in county.select("#sessions .changed")]
    assert len(notes) == 1 and notes[0].startswith(said), notes
    sessions = soup(built / lang / "114/sessions/index.html")
    assert [words(p) for p in sessions.select("#district-1 .changed")] == notes
    assert sessions.select("#district-2 .changed") == []
    link = county.select_one("#sessions .changed a")["href"]
    assert link == "../../changes/#change-2025-07-28t0100z"


def test_a_county_page_is_last_updated_by_a_change_that_concerns_it(built: Path) -> None:
    page = soup(built / "en/114/counties/beta-city/index.html")
    assert page.select_one(".print-card time")["datetime"] == "2025-07-30"


def test_a_moved_session_without_a_change_record_is_a_warning(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    move_a_session(tiny)
    message = (
        "data/114/sessions.yaml:2:76: warning: sessions[0].sequence: is 1, so the session was rescheduled, "
        "but no change in changes.yaml names it: a reader who saw the old time is not told; add a change record"
    )
    assert [str(w) for w in load_project(tiny).warnings] == [message]
    assert main(["check", "--root", str(tiny), "--strict"]) == 1
    assert message.replace("warning: ", "") + " (--strict)" in capsys.readouterr().err


def test_a_recorded_move_is_no_warning(changed: Path) -> None:
    assert load_project(changed).warnings == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "{district: 1, track: hr}",
            "{district: 1, track: funding}, {district: 9, track: hr}",
            "data/114/changes.yaml:4:47: changes[0].sessions[1]: "
            "there is no session of district 9 and track 'hr' in sessions.yaml",
        ),
        (
            "districts: [2]",
            "districts: [3]",
            "data/114/changes.yaml:7:17: changes[1].districts[0]: there is no district 3 in districts.yaml",
        ),
        (
            "counties: [beta-city]",
            "counties: [gamma]",
            "data/114/changes.yaml:8:16: changes[1].counties[0]: 'gamma' is not one of this year's counties (those its districts list)",
        ),
        (
            "2025-07-30T17:30:00+08:00",
            "2025-07-28T01:00:00Z",
            "data/114/changes.yaml:5:11: changes[1].date: 2025-07-28 01:00 UTC is already the time of changes[0]; "
            "give each change its own time: its feed entry is named by it",
        ),
        (
            "2025-07-30T17:30:00+08:00",
            "2025-07-30T17:30:00",
            "data/114/changes.yaml:5:11: changes[1].date: give the time zone, e.g. 2025-07-30T17:30:00+08:00 for Taipei time",
        ),
    ],
    ids=["unknown_session", "unknown_district", "unknown_county", "same_time", "no_time_zone"],
)
def test_a_change_record_naming_what_does_not_exist_is_a_located_error(
    changed: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: str
) -> None:
    path = changed / "data/114/changes.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert main(["check", "--root", str(changed)]) == 1
    assert expected in capsys.readouterr().err.splitlines()


def test_two_builds_of_recorded_changes_are_byte_identical(changed: Path, tmp_path: Path) -> None:
    build(changed, tmp_path / "a")
    build(changed, tmp_path / "b")
    for name in ("en/114/changes.atom", "zh-tw/114/changes.atom", "en/114/changes/index.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def guide_example(lang_heading: str) -> str:
    """The changes.yaml example under a heading of MAINTAINING.md, as a maintainer would copy it."""
    guide = (Path(__file__).resolve().parent.parent / "MAINTAINING.md").read_text(encoding="utf-8")
    section = guide[guide.index(lang_heading) :]
    return re.search(r"```yaml\n(changes:\n.*?)```", section, flags=re.S)[1]


@pytest.mark.parametrize("heading", ["#### 2. 場次改期", "#### 3.2 Reschedule a session"])
def test_the_guides_example_of_a_change_record_is_valid_real_data(seed_project: Path, heading: str) -> None:
    (seed_project / "data/114/changes.yaml").write_text(guide_example(heading), encoding="utf-8")
    year = load_project(seed_project).years[0]
    assert [change.sessions[0].district for change in year.changes] == [2]
