"""Calendars that every client imports right: parsed twice, checked byte by byte."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from icalendar import Calendar

from k12site import urls
from k12site.calendars import ICS_CONTENT_TYPE, render_calendars
from k12site.eventtext import description, google_calendar_url, link_details, outlook_calendar_urls
from k12site.i18n import LANGS, strings
from k12site.loader import load_project
from k12site.output import Output

REPO = Path(__file__).resolve().parent.parent
CHECKER = REPO / "tests" / "ics_check.mjs"
UTC8 = dt.timezone(dt.timedelta(hours=8))  # fixed offset: the expectations do not use tzdata

# The seed's agenda, typed from the process description rather than derived by the code under
# test: track -> part -> (sign-in opens, sign-out) in Taipei time; then each session's date.
SEED_PARTS = {
    "hr": {"morning": ("08:30", "12:00"), "afternoon": ("13:00", "16:00")},
    "student": {"day": ("09:00", "15:00")},
    "funding": {"morning": ("09:00", "12:00"), "afternoon": ("13:00", "16:00")},
}
SEED_SESSIONS = [
    (1, "hr", "2025-08-06", "full_day"),
    (2, "hr", "2025-08-07", "full_day"),
    (3, "hr", "2025-08-08", "full_day"),
    (4, "hr", "2025-08-11", "full_day"),
    (5, "hr", "2025-08-12", "full_day"),
    (1, "student", "2025-08-13", "full_day"),
    (2, "student", "2025-08-14", "full_day"),
    (3, "student", "2025-08-15", "full_day"),
    (4, "student", "2025-08-18", "full_day"),
    (5, "student", "2025-08-19", "full_day"),
    (1, "funding", "2025-08-20", "morning"),
    (2, "funding", "2025-08-20", "afternoon"),
    (3, "funding", "2025-08-21", "morning"),
    (4, "funding", "2025-08-21", "afternoon"),
    (5, "funding", "2025-08-22", "morning"),
]


def _utc(day: str, clock: str) -> str:
    local = dt.datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=UTC8)
    return local.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def seed_events() -> dict[str, tuple[str, str]]:
    """UID -> (start, end) as UTC instants, for every event of the seed."""
    expected = {}
    for district, track, day, period in SEED_SESSIONS:
        for part, (start, end) in SEED_PARTS[track].items():
            if period in ("full_day", part):
                uid = f"114-district-{district}-{track}-{part}@k12-sis-training"
                expected[uid] = (_utc(day, start), _utc(day, end))
    return expected


def render(root: Path, base_url: str | None = None) -> dict[str, bytes]:
    output = Output()
    render_calendars(load_project(root, base_url=base_url), output)
    return output.files


@pytest.fixture(scope="module")
def real_root() -> Path:
    """The real project, only read here (tests that change data use the `real` fixture)."""
    return REPO


@pytest.fixture(scope="module")
def real_files(real_root: Path) -> dict[str, bytes]:
    """The real calendars, as built without a base URL (the data's setting)."""
    return render(real_root)


@pytest.fixture(
    scope="module", params=["", "https://example.github.io/k12-sis-training/"], ids=["no-base-url", "base-url"]
)
def each_build(request: pytest.FixtureRequest, real_root: Path) -> dict[str, bytes]:
    """The real calendars without and with a base URL (which adds URL lines and agenda links)."""
    return render(real_root, request.param or None)


def write_out(files: dict[str, bytes], out: Path) -> Path:
    for rel, body in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
    return out


def python_instants(body: bytes) -> dict[str, tuple[str, str]]:
    calendar = Calendar.from_ical(body)
    result = {}
    for event in calendar.events:
        assert event.start.tzinfo is not None and event.end.tzinfo is not None, event.uid
        result[str(event.uid)] = tuple(
            moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") for moment in (event.start, event.end)
        )
    return result


def icaljs(paths: list[Path]) -> dict[str, dict]:
    """Read files with ical.js under Node, in a far-away local time zone so a fallback shows."""
    missing = None
    if shutil.which("node") is None:
        missing = "Node.js (node) is not installed"
    elif not (REPO / "node_modules" / "ical.js" / "package.json").is_file():
        missing = "node_modules/ical.js is not installed"
    if missing:
        hint = "install Node 20 and run `npm ci --ignore-scripts` in the repository"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing}: CI must cross-check calendars with ical.js; {hint}")
        pytest.skip(f"{missing}; to cross-check calendars with ical.js, {hint}")
    env = dict(os.environ, TZ="Pacific/Chatham")
    done = subprocess.run(
        ["node", str(CHECKER), *map(str, paths)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def lines(body: bytes) -> list[bytes]:
    return body.split(b"\r\n")[:-1]


def unfolded(body: bytes) -> list[str]:
    return body.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]


def vevents(body: bytes) -> dict[str, str]:
    """UID -> the VEVENT's raw text."""
    text = body.decode("utf-8")
    blocks = re.findall(r"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", text, flags=re.S)
    return {re.search(r"\r\nUID:(.*?)\r\n", b.replace("\r\n ", "")).group(1): b for b in blocks}


def prop(body: bytes, name: str) -> list[str]:
    """Every value of a property (any parameters), unfolded."""
    return [line.split(":", 1)[1] for line in unfolded(body) if re.match(rf"{name}[;:]", line)]


# --- files -------------------------------------------------------------------------------------


def test_every_calendar_of_the_url_plan_is_written_in_both_languages(real_files):
    expected = set()
    for lang in LANGS:
        expected.add(urls.calendar(lang, 114, "all"))
        for slug in (
            "new-taipei",
            "taoyuan",
            "hsinchu-county",
            "hsinchu-city",
            "taichung",
            "yilan",
            "taitung",
            "hualien",
            "taipei",
            "keelung",
            "miaoli",
            "changhua",
            "penghu",
            "kaohsiung",
            "chiayi-county",
            "chiayi-city",
            "yunlin",
            "tainan",
            "nantou",
            "kinmen",
            "lienchiang",
            "pingtung",
        ):
            expected.add(urls.calendar(lang, 114, "county", slug))
        for track in SEED_PARTS:
            expected.add(urls.calendar(lang, 114, "track", track))
        for district in range(1, 6):
            expected.add(urls.calendar(lang, 114, "district", district))
        for district, track, _, _ in SEED_SESSIONS:
            expected.add(urls.calendar(lang, 114, "session", urls.session_slug(district, track)))
    assert set(real_files) == expected
    assert len(expected) == 2 * (1 + 22 + 3 + 5 + 15)
    assert "zh-tw/114/calendars/counties/pingtung.ics" in real_files


def test_each_file_holds_its_sessions(real_files):
    seed = seed_events()
    by_district = lambda n: {uid for uid in seed if f"-district-{n}-" in uid}  # noqa: E731
    for lang in LANGS:

        def got(scope: str, slug: str | int | None = None, lang: str = lang) -> set[str]:
            return set(vevents(real_files[urls.calendar(lang, 114, scope, slug)]))

        assert got("all") == set(seed)
        assert got("county", "pingtung") == by_district(5)
        assert got("county", "hsinchu-city") == by_district(1)
        assert got("district", 3) == by_district(3)
        assert got("track", "funding") == {uid for uid in seed if "-funding-" in uid}
        assert got("session", "district-2-student") == {"114-district-2-student-day@k12-sis-training"}


# --- the two parsers and the agenda agree ------------------------------------------------------


def test_icalendar_and_icaljs_agree_with_the_agenda_on_every_uid_and_instant(each_build, tmp_path):
    seed = seed_events()
    real_dir = write_out(each_build, tmp_path)
    node = icaljs([real_dir / rel for rel in sorted(each_build)])
    for rel, body in sorted(each_build.items()):
        ours = python_instants(body)
        theirs = node[str(real_dir / rel)]
        assert theirs["errors"] == [], rel
        assert {e["uid"]: (e["start"], e["end"]) for e in theirs["events"]} == ours, rel
        assert {e["offset"] for e in theirs["events"]} == {8 * 3600}, rel
        assert ours == {uid: seed[uid] for uid in ours}, rel
    assert python_instants(each_build["en/114/calendars/all.ics"]) == seed


def test_icaljs_reports_a_missing_vtimezone_and_a_floating_time(tmp_path, real_files):
    body = real_files["en/114/calendars/sessions/district-5-hr.ics"]
    no_zone = re.sub(rb"BEGIN:VTIMEZONE.*?END:VTIMEZONE\r\n", b"", body, flags=re.S)
    (tmp_path / "no-zone.ics").write_bytes(no_zone)
    (tmp_path / "floating.ics").write_bytes(body.replace(b"DTSTART;TZID=Asia/Taipei:", b"DTSTART:"))
    result = icaljs([tmp_path / "no-zone.ics", tmp_path / "floating.ics"])
    assert any("has no VTIMEZONE" in e for e in result[str(tmp_path / "no-zone.ics")]["errors"])
    assert any("floating" in e for e in result[str(tmp_path / "floating.ics")]["errors"])


def test_the_files_own_vtimezone_gives_utc_plus_8_for_every_event(real_files):
    calendar = Calendar.from_ical(real_files["zh-tw/114/calendars/all.ics"])
    (vtimezone,) = calendar.timezones
    own = vtimezone.to_tz(lookup_tzid=False)  # built from the file, not from tzdata
    for event in calendar.events:
        assert event.start.replace(tzinfo=own).utcoffset() == dt.timedelta(hours=8)


# --- raw bytes ---------------------------------------------------------------------------------


def test_lines_end_in_crlf_only(each_build):
    for rel, body in each_build.items():
        assert body.endswith(b"END:VCALENDAR\r\n"), rel
        assert b"\n" not in body.replace(b"\r\n", b""), rel
        assert b"\r" not in body.replace(b"\r\n", b""), rel


def test_no_line_is_over_75_octets_and_each_line_is_valid_utf8(each_build):
    for rel, body in each_build.items():
        for number, line in enumerate(lines(body), 1):
            assert len(line) <= 75, f"{rel}:{number}: {len(line)} octets"
            line.decode("utf-8")  # raises if a fold split a character


def test_chinese_text_is_folded_between_characters(real_files):
    body = real_files["zh-tw/114/calendars/counties/pingtung.ics"]
    continued = [line for line in lines(body) if line.startswith(b" ")]
    assert any(line[1] >= 0x80 for line in continued), "no fold fell inside Chinese text"
    for line in continued:
        line.decode("utf-8")
    assert any("本行事曆活動從開放簽到時起算" in value for value in prop(body, "DESCRIPTION"))


def test_every_tzid_has_its_vtimezone_and_no_time_floats(each_build):
    for rel, body in each_build.items():
        text = unfolded(body)
        zones = {line.split(":", 1)[1] for line in text if line.startswith("TZID:")}
        used = set(re.findall(r";TZID=([^;:]+)", "\n".join(text)))
        assert used == {"Asia/Taipei"} and used <= zones, rel
        for line in text:
            if re.match(r"(DTSTART|DTEND)[;:]", line) and not line.startswith("DTSTART:1970"):
                assert line.startswith(("DTSTART;TZID=Asia/Taipei:", "DTEND;TZID=Asia/Taipei:")), f"{rel}: {line}"
            if re.match(r"(DTSTAMP|LAST-MODIFIED)[;:]", line):
                assert line.endswith("Z"), f"{rel}: {line}"


def test_vtimezone_is_simple_utc_plus_8(real_files):
    text = "\r\n".join(unfolded(real_files["en/114/calendars/all.ics"]))
    (zone,) = re.findall(r"BEGIN:VTIMEZONE\r\n.*?END:VTIMEZONE", text, flags=re.S)
    assert zone == (
        "BEGIN:VTIMEZONE\r\nTZID:Asia/Taipei\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
        "TZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\nEND:STANDARD\r\nEND:VTIMEZONE"
    )


def test_same_session_has_the_same_uid_and_event_in_every_file(each_build):
    per_lang: dict[tuple[str, str], set[str]] = defaultdict(set)
    for rel, body in each_build.items():
        for uid, block in vevents(body).items():
            per_lang[(rel.split("/")[0], uid)].add(block)
    assert all(len(blocks) == 1 for blocks in per_lang.values()), "an event differs between files"
    for lang_path in [p for p in each_build if p.startswith("zh-tw/")]:
        other = "en/" + lang_path.split("/", 1)[1]
        zh, en = vevents(each_build[lang_path]), vevents(each_build[other])
        assert set(zh) == set(en), lang_path
        for uid in zh:
            for name in ("UID", "DTSTART", "DTEND", "DTSTAMP", "SEQUENCE"):
                assert prop(zh[uid].encode(), name) == prop(en[uid].encode(), name), (uid, name)


def render_in_zone(root: Path, zone: str, monkeypatch) -> dict[str, bytes]:
    """Render as on a machine whose local time zone is ``zone``."""
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        return render(root)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_two_builds_give_identical_bytes_whatever_the_machine_clock_zone(real, monkeypatch):
    first = render(real)
    assert render_in_zone(real, "America/St_Johns", monkeypatch) == first


# --- events ------------------------------------------------------------------------------------


def test_hr_day_is_two_events_with_their_own_times(real_files):
    body = real_files["zh-tw/114/calendars/sessions/district-5-hr.ics"]
    events = {str(e.uid): e for e in Calendar.from_ical(body).events}
    morning = events["114-district-5-hr-morning@k12-sis-training"]
    afternoon = events["114-district-5-hr-afternoon@k12-sis-training"]
    assert (morning.start.time(), morning.end.time()) == (dt.time(8, 30), dt.time(12, 0))
    assert (afternoon.start.time(), afternoon.end.time()) == (dt.time(13, 0), dt.time(16, 0))
    assert str(morning["SUMMARY"]) == "人力網教育訓練・上午場（第5區）"
    assert str(afternoon["SUMMARY"]) == "人力網教育訓練・下午場（第5區）"
    assert "08:30 開放進入並簽到，09:00 開始上課" in str(morning["DESCRIPTION"])
    assert "13:00 開放進入並簽到，13:30 開始上課" in str(afternoon["DESCRIPTION"])
    assert "小時" not in str(morning["DESCRIPTION"]), "hours are a county's, not the plan's"


def test_description_says_how_to_join_and_links_the_agenda(tiny):
    files = render(tiny)
    body = files["en/114/calendars/counties/beta-city.ics"]
    events = {str(e.uid): e for e in Calendar.from_ical(body).events}
    event = events["114-district-2-hr-day@k12-sis-training"]
    text = str(event["DESCRIPTION"])
    for expected in (
        "This calendar entry starts when sign-in opens: sign-in opens at 08:30, the content starts at 09:00",
        "Webex link: https://example.webex.com/j.php?MTID=two",
        "Meeting number: 2513 932 7005",
        "Password: pass0807",
        "Display name when you join: county + school + title + name",
        "Beta City: 乙市○○國中註冊組長王○○",
        "Agenda: https://example.org/site/en/114/agenda/hr/",
        "Your county's own instructions to its schools (such as registration, official leave and professional "
        "development hours) are on your county's page: https://example.org/site/en/114/#find-your-county",
    ):
        assert expected in text
    assert str(event["SUMMARY"]) == "HR Network training (district 2)"
    assert str(event["LOCATION"]) == "https://example.webex.com/j.php?MTID=two"
    assert str(event["URL"]) == "https://example.org/site/en/114/agenda/hr/"
    conference = [line for line in unfolded(body) if line.startswith("CONFERENCE")]
    assert conference == 2 * [
        "CONFERENCE;FEATURE=AUDIO,VIDEO;LABEL=Webex;VALUE=URI:https://example.webex.com/j.php?MTID=two"
    ]
    zh = str(Calendar.from_ical(files["zh-tw/114/calendars/counties/beta-city.ics"]).events[0]["DESCRIPTION"])
    assert "加入會議時的顯示名稱：縣市+校名+職稱+姓名" in zh and "乙市○○國中註冊組長王○○" in zh
    assert "議程：https://example.org/site/zh-tw/114/agenda/hr/" in zh


# What the plan leaves to each county (registration, leave, hours) in the seed's only letter.
COUNTY_FACTS = (
    "全國教師在職進修資訊網",
    "In-Service Education",
    "公假登記",
    "granted official leave",
    "小時",
    "hours:",
)


def test_events_hold_the_plan_only_and_point_to_the_county_pages(each_build):
    """One UID means one thing: no county's registration, leave or hours in any file or language."""
    for rel, body in each_build.items():
        descriptions = prop(body, "DESCRIPTION")
        assert descriptions, rel
        for value in descriptions:
            text = value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";")
            assert not [fact for fact in COUNTY_FACTS if fact in text], (rel, text)
            rules, last = text.split("\n")[-2:]
            assert rules.startswith(("縣市政府對所屬學校另外的規定", "Your county's own instructions")), (rel, rules)
            assert last in (strings("zh-tw").ics_check_on_the_day, strings("en").ics_check_on_the_day), (rel, last)
    with_url = [body for body in each_build.values() if b"URL:" in body]
    for body in with_url:
        for value in prop(body, "DESCRIPTION"):
            rules = value.replace("\\n", "\n").split("\n")[-2]
            assert rules.endswith(("/zh-tw/114/#find-your-county", "/en/114/#find-your-county")), value


def test_without_a_base_url_there_is_no_url_and_no_agenda_link(real_files):
    for rel, body in real_files.items():
        assert prop(body, "URL") == [], rel
        assert not any("議程：" in d or "Agenda:" in d for d in prop(body, "DESCRIPTION")), rel
        assert all(loc.startswith("https://okeais.webex.com/") for loc in prop(body, "LOCATION")), rel


def test_calendar_name_only_in_files_with_several_events(real_files):
    one = real_files["en/114/calendars/sessions/district-1-funding.ics"]
    assert prop(one, "NAME") == prop(one, "X-WR-CALNAME") == []
    two = real_files["en/114/calendars/sessions/district-1-hr.ics"]
    assert len(vevents(two)) == 2
    county = real_files["zh-tw/114/calendars/counties/pingtung.ics"]
    assert prop(county, "NAME") == prop(county, "X-WR-CALNAME") == ["114學年度學籍系統教育訓練：屏東縣"]
    for body in (two, county):
        assert len(prop(body, "NAME")) == len(prop(body, "X-WR-CALNAME")) == 1


def test_header_for_publishing_and_subscribing(each_build):
    for rel, body in each_build.items():
        text = unfolded(body)
        assert text[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"], rel
        assert "METHOD:PUBLISH" in text
        language = {"zh-tw": "ZH-TW", "en": "EN"}[rel.partition("/")[0]]
        assert f"PRODID:-//k12-sis-training//site generator//{language}" in text, rel  # the file's own language
        assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H" in text
        assert "X-PUBLISHED-TTL:PT12H" in text
        assert len(prop(body, "UID")) == len(vevents(body)), f"{rel}: a UID outside the events"


def test_dtstamp_and_sequence_come_from_the_data(tiny, monkeypatch):
    sessions = tiny / "data/114/sessions.yaml"
    text = (
        sessions.read_text(encoding="utf-8")
        .replace(
            "{district: 2, track: hr, date: 2025-08-07, period: full_day}",
            "{district: 2, track: hr, date: 2025-08-08, period: full_day, sequence: 1, updated: 2025-07-30T03:00:00Z}",
        )
        .replace(
            "{district: 1, track: funding, date: 2025-08-20, period: morning}",
            "{district: 1, track: funding, date: 2025-08-20, period: morning, "
            "sequence: 2, updated: 2025-07-31T04:00:00}",
        )
    )
    sessions.write_text(text, encoding="utf-8")
    files = render_in_zone(tiny, "America/St_Johns", monkeypatch)  # a timestamp without "Z" is still UTC
    moved = vevents(files["zh-tw/114/calendars/all.ics"])["114-district-2-hr-day@k12-sis-training"].encode()
    kept = vevents(files["zh-tw/114/calendars/all.ics"])["114-district-1-hr-day@k12-sis-training"].encode()
    assert prop(moved, "SEQUENCE") == ["1"] and prop(moved, "DTSTAMP") == ["20250730T030000Z"]
    assert prop(moved, "DTSTART") == ["20250808T083000"]
    assert prop(kept, "SEQUENCE") == ["0"] and prop(kept, "DTSTAMP") == ["20250721T000000Z"]
    naive = vevents(files["en/114/calendars/all.ics"])["114-district-1-funding-morning@k12-sis-training"].encode()
    assert prop(naive, "SEQUENCE") == ["2"] and prop(naive, "DTSTAMP") == ["20250731T040000Z"]


def test_onsite_sessions_join_their_county_and_all_calendars(tiny):
    onsite = tiny / "data/114/onsite.yaml"
    onsite.write_text(
        onsite.read_text(encoding="utf-8")
        + """\
sessions:
  - county: alpha
    kind: hands_on
    date: 2025-09-02
    start: "08:30"
    end: "16:00"
    venue: {zh: 甲縣教網中心, en: Alpha County education network centre}
""",
        encoding="utf-8",
    )
    files = render(tiny)
    uid = "114-onsite-alpha-2025-09-02-hands-on@k12-sis-training"
    assert uid in vevents(files["en/114/calendars/counties/alpha.ics"])
    assert uid in vevents(files["zh-tw/114/calendars/all.ics"])
    assert uid not in vevents(files["en/114/calendars/counties/beta-city.ics"])
    own = files["en/114/calendars/sessions/onsite-alpha-2025-09-02-hands-on.ics"]
    (event,) = Calendar.from_ical(own).events
    assert str(event["SUMMARY"]) == "On-site hands-on session – Alpha County"
    assert str(event["LOCATION"]) == "Alpha County education network centre"
    assert event.start == dt.datetime(2025, 9, 2, 8, 30, tzinfo=UTC8)
    assert "the content starts at 09:00" in str(event["DESCRIPTION"])
    assert "CONFERENCE" not in event


# --- links for pages and the dev server --------------------------------------------------------


def test_google_calendar_link_carries_utc_times_and_the_description(tiny):
    project = load_project(tiny)
    year = project.latest
    event = year.county_events("alpha")[0]
    url = google_calendar_url(year, event, "zh-tw", project.site.base_url)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "calendar.google.com", "/calendar/render")
    query = parse_qs(parts.query)
    assert query["action"] == ["TEMPLATE"]
    assert query["dates"] == ["20250806T003000Z/20250806T040000Z"]
    assert query["text"] == ["人力網教育訓練（第1區）"]
    assert query["location"] == ["https://example.webex.com/j.php?MTID=one"]
    assert query["ctz"] == ["Asia/Taipei"]
    assert query["details"] == [link_details(event, "zh-tw", project.site.base_url)]
    assert "密碼：pass0806" in query["details"][0]
    assert "研習當天請再查看縣市頁面：https://example.org/site/zh-tw/114/#find-your-county" in query["details"][0]
    # The link keeps the address short: the full description stays in the calendar files.
    assert "範例" not in query["details"][0] and "範例" in description(year, event, "zh-tw")


def test_outlook_links_for_microsoft_365_first_then_personal_accounts(tiny):
    project = load_project(tiny)
    year = project.latest
    event = year.county_events("alpha")[0]
    links = outlook_calendar_urls(year, event, "en", project.site.base_url)
    assert list(links) == ["outlook_365", "outlook_personal"]
    hosts = [urlsplit(url).netloc for url in links.values()]
    assert hosts == ["outlook.office.com", "outlook.live.com"]
    for url in links.values():
        query = parse_qs(urlsplit(url).query)
        assert query["rru"] == ["addevent"] and query["path"] == ["/calendar/action/compose"]
        assert query["startdt"] == ["2025-08-06T08:30:00+08:00"]
        assert query["enddt"] == ["2025-08-06T12:00:00+08:00"]
        assert query["subject"] == ["HR Network training (district 1)"]
        assert query["body"] == [link_details(event, "en", project.site.base_url)]


def test_ics_is_served_as_utf8_text_calendar():
    assert ICS_CONTENT_TYPE == "text/calendar; charset=utf-8"
