"""Open data: each year's online sessions as CSV and as JSON with its JSON Schema, per language, and
the same facts as schema.org Events in the county and sessions pages, read by real parsers.

They run on the seed project (tests/fixtures/seed, frozen), whose facts some of them name."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import posixpath
import re
from pathlib import Path

import extruct
import jsonschema
import pytest
from bs4 import BeautifulSoup
from conftest import Projects
from icalendar import Calendar
from seed import SEED

from k12site import i18n
from k12site.builder import build
from k12site.loader import load_project
from k12site.project import Year

LANGS = ("zh-tw", "en")
HTML_LANG = {"zh-tw": "zh-Hant-TW", "en": "en"}
FILES = ("sessions.csv", "sessions.json", "sessions.schema.json")
UTC8 = dt.timezone(dt.timedelta(hours=8))  # fixed offset: the expectations do not use tzdata
COLUMNS = [  # the CSV's header, (zh-TW, English)
    ("分區", "District"),
    ("縣市", "Counties and cities"),
    ("課程", "Track"),
    ("時段", "Part"),
    ("日期", "Date"),
    ("開放簽到", "Sign-in opens"),
    ("課程開始", "Content starts"),
    ("結束", "Ends"),
    ("Webex 會議連結", "Webex link"),
    ("會議號", "Meeting number"),
    ("密碼", "Password"),
]
HEADER = {"zh-tw": [zh for zh, _ in COLUMNS], "en": [en for _, en in COLUMNS]}
SEED_DISTRICT_5 = "Tainan City, Nantou County, Kinmen County, Lienchiang County, Pingtung County"


@pytest.fixture(scope="module")
def site(projects: Projects) -> Path:
    """The seed project, built once a session (no base URL, as in its data/site.yaml)."""
    return projects.site("seed")


@pytest.fixture(scope="module")
def year() -> Year:
    return load_project(SEED).years[0]


def data_file(lang: str, name: str, number: int = 114) -> str:
    return f"{lang}/{number}/data/{name}"


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a UTF-8 byte order mark first, so Excel reads the Chinese right"
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def parts_of(year: Year) -> int:
    return sum(len(year.session_parts(session)) for session in year.sessions)


# --- the files ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_of_a_year_publishes_its_sessions_as_csv_json_and_schema(site: Path, lang: str) -> None:
    for name in FILES:
        assert (site / data_file(lang, name)).is_file(), name


@pytest.mark.parametrize("lang", LANGS)
def test_the_csv_opens_with_csv_and_has_one_row_per_session_part(site: Path, year: Year, lang: str) -> None:
    path = site / data_file(lang, "sessions.csv")
    rows = read_csv(path)
    assert rows[0] == HEADER[lang]
    assert len(rows) - 1 == parts_of(year) == 20  # the seed: HR two parts, Student one, Funding one; 5 districts
    assert all(len(row) == len(HEADER[lang]) for row in rows)
    assert path.read_bytes().count(b"\r\n") == len(rows), "CRLF, as the csv module writes"


def test_the_csv_holds_the_seeds_values(site: Path) -> None:
    """District 5's HR Network session on 12 August, as the process description's table has it."""
    rows = [dict(zip(HEADER["en"], row, strict=True)) for row in read_csv(site / data_file("en", "sessions.csv"))[1:]]
    hr = [row for row in rows if row["District"] == "5" and row["Track"] == "HR Network"]
    assert [(r["Part"], r["Date"], r["Sign-in opens"], r["Content starts"], r["Ends"]) for r in hr] == [
        ("Morning session", "2025-08-12", "08:30", "09:00", "12:00"),
        ("Afternoon session", "2025-08-12", "13:00", "13:30", "16:00"),
    ]
    for row in hr:
        assert row["Counties and cities"] == SEED_DISTRICT_5
        assert row["Webex link"] == "https://okeais.webex.com/okeais-tc/j.php?MTID=mc6c65136bca9b69a578bdeb35da0374e"
        assert (row["Meeting number"], row["Password"]) == ("2512 280 5303", "k12ea0812")
    zh = read_csv(site / data_file("zh-tw", "sessions.csv"))
    zh_rows = [dict(zip(HEADER["zh-tw"], row, strict=True)) for row in zh[1:]]
    funding = next(row for row in zh_rows if row["分區"] == "5" and row["課程"] == "人力網經費系統")
    assert funding["縣市"] == "臺南市、南投縣、金門縣、連江縣、屏東縣"
    assert [funding[key] for key in ("時段", "日期", "開放簽到", "結束")] == ["上午場", "2025-08-22", "09:00", "12:00"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_csv_row_is_an_event_of_the_calendars(site: Path, year: Year, lang: str) -> None:
    t = i18n.strings(lang)
    rows = read_csv(site / data_file(lang, "sessions.csv"))[1:]
    expected = [
        [
            str(event.district.number),
            t.list_sep.join(county.name[lang] for county in year.district_counties(event.district)),
            event.track.name[lang],
            event.part.label[lang],
            event.start.date().isoformat(),
            event.start.strftime("%H:%M"),
            event.content_start.strftime("%H:%M"),
            event.end.strftime("%H:%M"),
            event.district.webex.url,
            event.district.webex.meeting_number,
            event.district.webex.password,
        ]
        for event in year.all_events()
    ]
    assert rows == expected


@pytest.mark.parametrize("lang", LANGS)
def test_the_json_validates_against_its_published_schema(site: Path, year: Year, lang: str) -> None:
    schema = read_json(site / data_file(lang, "sessions.schema.json"))
    data = read_json(site / data_file(lang, "sessions.json"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert (data["year"], data["language"], len(data["sessions"])) == (114, HTML_LANG[lang], parts_of(year))
    assert data["organizer"] == year.info.organizer.name[lang]


def test_the_schema_refuses_what_the_json_must_not_be(site: Path) -> None:
    schema = read_json(site / data_file("en", "sessions.schema.json"))
    validator = jsonschema.Draft202012Validator(schema)
    good = read_json(site / data_file("en", "sessions.json"))
    for broken in (
        {**good["sessions"][0], "start": "2025-08-06T09:00:00Z"},  # an instant not in Taipei time
        {**good["sessions"][0], "start": "2025-08-06T09:00"},  # a time without its offset
        {key: value for key, value in good["sessions"][0].items() if key != "webex"},
        {**good["sessions"][0], "room": "A"},
    ):
        assert not validator.is_valid({**good, "sessions": [broken]}), broken


def test_the_json_holds_the_seeds_instants_in_taipei_time(site: Path) -> None:
    data = read_json(site / data_file("en", "sessions.json"))
    hr = [s for s in data["sessions"] if s["district"] == 5 and s["track"]["slug"] == "hr"]
    day = "2025-08-12T{}:00+08:00".format
    assert [(s["part"]["slug"], s["date"], s["sign_in"], s["start"], s["end"]) for s in hr] == [
        ("morning", "2025-08-12", day("08:30"), day("09:00"), day("12:00")),
        ("afternoon", "2025-08-12", day("13:00"), day("13:30"), day("16:00")),
    ]
    assert not [s for s in data["sessions"] if "hours" in s], "hours are a county letter's, not the plan's"
    assert hr[0]["webex"] == {
        "url": "https://okeais.webex.com/okeais-tc/j.php?MTID=mc6c65136bca9b69a578bdeb35da0374e",
        "meeting_number": "2512 280 5303",
        "password": "k12ea0812",
    }
    assert [c["slug"] for c in hr[0]["counties"]] == ["tainan", "nantou", "kinmen", "lienchiang", "pingtung"]
    assert hr[0]["counties"][-1]["name"] == "Pingtung County"
    assert hr[0]["id"] == "114-district-5-hr-morning@k12-sis-training", "the UID of the calendars' event"
    # when the data last changed (year.yaml's published, 2025-07-21T00:00:00Z), never the build's time
    assert data["updated"] == "2025-07-21T08:00:00+08:00"


def test_the_open_data_follows_a_moved_session(seed_project: Path, tmp_path: Path) -> None:
    sessions = seed_project / "data/114/sessions.yaml"
    old = "{district: 5, track: hr, date: 2025-08-12, period: full_day, sequence: 0}"
    new = "{district: 5, track: hr, date: 2025-08-11, period: full_day, sequence: 1, updated: 2025-08-05T09:30:00Z}"
    sessions.write_text(sessions.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    build(seed_project, tmp_path / "out", base_url="")
    data = read_json(tmp_path / "out" / data_file("en", "sessions.json"))
    assert data["updated"] == "2025-08-05T17:30:00+08:00"
    moved = [s["start"] for s in data["sessions"] if s["district"] == 5 and s["track"]["slug"] == "hr"]
    assert moved == ["2025-08-11T09:00:00+08:00", "2025-08-11T13:30:00+08:00"]
    rows = read_csv(tmp_path / "out" / data_file("zh-tw", "sessions.csv"))
    assert [row[4] for row in rows if row[0] == "5" and row[2] == "人力網"] == ["2025-08-11", "2025-08-11"]


# --- schema.org Events in the pages -------------------------------------------------------------


def events_in(html: bytes) -> list[dict]:
    return extruct.extract(html, syntaxes=["json-ld"])["json-ld"]


def calendar_instants(ics: Path) -> list[tuple[dt.datetime, dt.datetime]]:
    """(start, end) of each online event of a calendar file: those with a conference link."""
    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    return sorted((e.decoded("DTSTART"), e.decoded("DTEND")) for e in events if "CONFERENCE" in e)


def instant(value: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(value)
    assert moment.utcoffset() == dt.timedelta(hours=8), value
    return moment


COUNTIES = [
    line.split(": ")[1] for line in (SEED / "data/counties.yaml").read_text().splitlines() if "- slug: " in line
]
PAGES = [("sessions/", "calendars/all.ics")] + [
    (f"counties/{slug}/", f"calendars/counties/{slug}.ics") for slug in COUNTIES
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("page", "ics"), PAGES)
def test_the_county_and_sessions_pages_carry_their_sessions_as_schema_org_events(
    site: Path, year: Year, lang: str, page: str, ics: str
) -> None:
    events = events_in((site / f"{lang}/114/{page}index.html").read_bytes())
    assert events
    webex = {district.webex.url for district in year.districts}
    for event in events:
        assert event["@context"] == "https://schema.org"
        assert event["@type"] == "Event"
        assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
        assert event["eventStatus"] == "https://schema.org/EventScheduled"
        assert event["location"]["@type"] == "VirtualLocation" and event["location"]["url"] in webex
        organizer = year.info.organizer
        website = {"url": organizer.website} if organizer.website else {}  # the other shape's 114 has none
        assert event["organizer"] == {"@type": "Organization", "name": organizer.name[lang], **website}
        assert event["inLanguage"] == HTML_LANG[lang]
        assert event["name"]
    found = sorted((instant(e["startDate"]), instant(e["endDate"])) for e in events)
    assert found == calendar_instants(site / f"{lang}/114/{ics}")


def test_pingtungs_events_are_district_5s_with_the_seeds_instants(site: Path) -> None:
    events = events_in((site / "zh-tw/114/counties/pingtung/index.html").read_bytes())
    at = lambda day, clock: dt.datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=UTC8)  # noqa: E731
    assert sorted((instant(e["startDate"]), instant(e["endDate"])) for e in events) == [
        (at("2025-08-12", "08:30"), at("2025-08-12", "12:00")),
        (at("2025-08-12", "13:00"), at("2025-08-12", "16:00")),
        (at("2025-08-19", "09:00"), at("2025-08-19", "15:00")),
        (at("2025-08-22", "09:00"), at("2025-08-22", "12:00")),
    ]
    link = "https://okeais.webex.com/okeais-tc/j.php?MTID=mc6c65136bca9b69a578bdeb35da0374e"
    assert {e["location"]["url"] for e in events} == {link}
    assert {e["organizer"]["name"] for e in events} == {"教育部國民及學前教育署"}


def test_only_the_county_and_sessions_pages_hold_structured_data_one_block_each(site: Path) -> None:
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        scripts = BeautifulSoup(path.read_bytes(), "html.parser").find_all("script", type="application/ld+json")
        wanted = rel.endswith("/sessions/index.html") or re.search(r"/counties/[^/]+/index\.html$", rel) is not None
        assert len(scripts) == (1 if wanted else 0), rel
        for script in scripts:
            assert script.attrs == {"type": "application/ld+json"}, rel


def test_an_event_links_its_agenda_when_the_sites_address_is_known(tiny: Path, tmp_path: Path) -> None:
    build(tiny, tmp_path / "out")  # the tiny project's site.yaml has a base URL
    events = events_in((tmp_path / "out/en/114/counties/alpha/index.html").read_bytes())
    assert {e["url"] for e in events} == {
        "https://example.org/site/en/114/agenda/hr/",
        "https://example.org/site/en/114/agenda/funding/",
    }


HOSTILE = '</script><script>alert(1)</script><!--<script> & "Alpha"'


def test_a_hostile_name_cannot_break_out_of_the_structured_data(tiny: Path, tmp_path: Path) -> None:
    counties = tiny / "data/counties.yaml"
    hostile = json.dumps(HOSTILE)
    counties.write_text(
        counties.read_text().replace("{zh: 甲縣, en: Alpha County}", f"{{zh: {hostile}, en: {hostile}}}"),
        encoding="utf-8",
    )
    build(tiny, tmp_path / "out")
    for lang in LANGS:
        for page in ("counties/alpha/", "sessions/"):
            raw = (tmp_path / f"out/{lang}/114/{page}index.html").read_bytes()
            assert raw.lower().count(b"<script") == 1 and raw.lower().count(b"</script") == 1, page
            soup = BeautifulSoup(raw, "html.parser")
            (script,) = soup.find_all("script")
            data = json.loads(script.string)
            names = [area["name"] for event in data for area in event["audience"]["geographicArea"]]
            assert HOSTILE in names, page
            assert events_in(raw) == data


# --- links to the files -------------------------------------------------------------------------


def open_data_links(site: Path, rel: str) -> list[str]:
    """Where the page's open data list leads, as files of the site."""
    soup = BeautifulSoup((site / rel).read_bytes(), "html.parser")
    section = soup.find(id="open-data")
    assert section is not None, f"{rel} has no open data heading"
    links = section.find_next("ul").find_all("a")
    return [posixpath.normpath(posixpath.join(posixpath.dirname(rel), a["href"])) for a in links]


@pytest.mark.parametrize("lang", LANGS)
def test_the_sessions_page_and_every_county_page_link_the_open_data(site: Path, year: Year, lang: str) -> None:
    expected = [data_file(lang, name) for name in FILES]
    pages = [f"{lang}/114/sessions/index.html"] + [f"{lang}/114/counties/{c.slug}/index.html" for c in year.counties]
    for rel in pages:
        links = open_data_links(site, rel)
        assert links == expected, rel
        assert all((site / link).is_file() for link in links)
