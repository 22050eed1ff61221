"""Calendars that every client imports right: parsed twice, checked byte by byte.

The tests that read a project's calendars run against the live project and one of another shape
(tests/other_shape.py) and derive what they expect from its data; the seed's own calendar facts
are in test_seed_transcription.py.
"""

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
from conftest import Projects
from icalendar import Calendar, vDuration

from k12site.calendars import ICS_CONTENT_TYPE, render_calendars
from k12site.eventtext import description, google_calendar_url, link_details, outlook_calendar_urls
from k12site.i18n import LANGS, fill, strings
from k12site.loader import load_project
from k12site.output import Output
from k12site.project import Project

REPO = Path(__file__).resolve().parent.parent
CHECKER = REPO / "tests" / "ics_check.mjs"
UTC8 = dt.timezone(dt.timedelta(hours=8))  # fixed offset: the expectations do not use tzdata
UID_DOMAIN = "@k12-sis-training"


def _utc(day: dt.date, clock: str) -> str:
    local = dt.datetime.fromisoformat(f"{day.isoformat()}T{clock}").replace(tzinfo=UTC8)
    return local.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


Events = dict[str, tuple[str, str]]  # UID -> (start, end) as UTC instants


def session_events(year, session) -> Events:
    """An online session's events: one for each part it holds (every part of its track on a full
    day, else the part of its half), from sign-in (the first slot) to sign-out (the last)."""
    track = next(track for track in year.tracks if track.slug == session.track)
    events = {}
    for part in track.parts:
        if session.period in ("full_day", part.period):
            last = part.slots[-1]
            uid = f"{year.number}-district-{session.district}-{track.slug}-{part.slug}{UID_DOMAIN}"
            events[uid] = (_utc(session.date, part.slots[0].start), _utc(session.date, last.end or last.start))
    return events


def onsite_event(year, session) -> tuple[str, Events]:
    """An on-site session's own calendar slug, and its one event, from its start to its end."""
    slug = f"onsite-{session.county}-{session.date.isoformat()}-{session.kind.replace('_', '-')}"
    return slug, {
        f"{year.number}-{slug}{UID_DOMAIN}": (_utc(session.date, session.start), _utc(session.date, session.end))
    }


def calendars_the_data_implies(project) -> dict[str, Events]:
    """Every calendar file of the URL plan, in both languages, with the events it holds: per year
    all sessions; each county's (its district's sessions and its own on-site sessions); each
    track's; each district's; and each session's own, online and on-site. Derived from the data
    as the README describes it, not by the code under test."""
    files: dict[str, Events] = {}
    for year in project.years:
        online = [(session, session_events(year, session)) for session in year.sessions]
        onsite = [(session, *onsite_event(year, session)) for session in year.onsite.sessions]

        def merged(pairs) -> Events:
            return {uid: instants for *_, events in pairs for uid, instants in events.items()}

        own = {"calendars/all.ics": merged(online) | merged(onsite)}
        for district in year.districts:
            mine = merged((s, e) for s, e in online if s.district == district.number)
            own[f"calendars/districts/district-{district.number}.ics"] = mine
            for county in district.counties:
                theirs = merged((s, e) for s, _, e in onsite if s.county == county)
                own[f"calendars/counties/{county}.ics"] = mine | theirs
        for track in year.tracks:
            own[f"calendars/tracks/{track.slug}.ics"] = merged((s, e) for s, e in online if s.track == track.slug)
        for session, events in online:
            own[f"calendars/sessions/district-{session.district}-{session.track}.ics"] = events
        for _, slug, events in onsite:
            own[f"calendars/sessions/{slug}.ics"] = events
        files |= {f"{lang}/{year.number}/{rel}": events for lang in LANGS for rel, events in own.items()}
    return files


def render(root: Path, base_url: str | None = None) -> dict[str, bytes]:
    output = Output()
    render_calendars(load_project(root, base_url=base_url), output)
    return output.files


@pytest.fixture(scope="module")
def project_root(projects: Projects, shape: str) -> Path:
    """The project of this ``shape``: the live one or one of another shape, only read here (tests
    that change data use the `seed_project` or `tiny` fixtures)."""
    return projects.root(shape)


@pytest.fixture(scope="module")
def project(projects: Projects, shape: str) -> Project:
    return projects.project(shape)


@pytest.fixture(scope="module")
def calendars(project_root: Path) -> dict[str, bytes]:
    """The project's calendars, as built without a base URL (the data's setting)."""
    return render(project_root)


@pytest.fixture(
    scope="module", params=["", "https://example.github.io/k12-sis-training/"], ids=["no-base-url", "base-url"]
)
def each_build(request: pytest.FixtureRequest, project_root: Path) -> dict[str, bytes]:
    """The project's calendars without and with a base URL (which adds URL lines and agenda links)."""
    return render(project_root, request.param or None)


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


def test_every_calendar_the_data_implies_is_written_in_both_languages(calendars, project):
    assert set(calendars) == set(calendars_the_data_implies(project))


def test_each_file_holds_its_events_at_their_times(calendars, project):
    expected = calendars_the_data_implies(project)
    for rel, body in calendars.items():
        assert python_instants(body) == expected[rel], rel
    several = [rel for rel, events in expected.items() if len(events) > 1]
    assert several and len(several) < len(expected), "files of one event and of several"


# --- the two parsers and the agenda agree ------------------------------------------------------


def test_icalendar_and_icaljs_agree_with_the_agenda_on_every_uid_and_instant(each_build, project, tmp_path):
    expected = calendars_the_data_implies(project)
    real_dir = write_out(each_build, tmp_path)
    node = icaljs([real_dir / rel for rel in sorted(each_build)])
    for rel, body in sorted(each_build.items()):
        ours = python_instants(body)
        theirs = node[str(real_dir / rel)]
        assert theirs["errors"] == [], rel
        assert {e["uid"]: (e["start"], e["end"]) for e in theirs["events"]} == ours, rel
        assert {e["offset"] for e in theirs["events"]} == {8 * 3600}, rel
        assert ours == expected[rel], rel


def test_icaljs_reports_a_missing_vtimezone_and_a_floating_time(tmp_path, calendars, project):
    session = project.latest.sessions[0]
    body = calendars[f"en/{project.latest.number}/calendars/sessions/district-{session.district}-{session.track}.ics"]
    no_zone = re.sub(rb"BEGIN:VTIMEZONE.*?END:VTIMEZONE\r\n", b"", body, flags=re.S)
    (tmp_path / "no-zone.ics").write_bytes(no_zone)
    (tmp_path / "floating.ics").write_bytes(body.replace(b"DTSTART;TZID=Asia/Taipei:", b"DTSTART:"))
    result = icaljs([tmp_path / "no-zone.ics", tmp_path / "floating.ics"])
    assert any("has no VTIMEZONE" in e for e in result[str(tmp_path / "no-zone.ics")]["errors"])
    assert any("floating" in e for e in result[str(tmp_path / "floating.ics")]["errors"])


def test_the_files_own_vtimezone_gives_utc_plus_8_for_every_event(calendars, project):
    calendar = Calendar.from_ical(calendars[f"zh-tw/{project.latest.number}/calendars/all.ics"])
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


def test_chinese_text_is_folded_between_characters(calendars, project):
    body = calendars[f"zh-tw/{project.latest.number}/calendars/counties/{project.latest.counties[0].slug}.ics"]
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


def test_vtimezone_is_simple_utc_plus_8(calendars, project):
    text = "\r\n".join(unfolded(calendars[f"en/{project.latest.number}/calendars/all.ics"]))
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


def test_two_builds_give_identical_bytes_whatever_the_machine_clock_zone(project_root, calendars, monkeypatch):
    assert render_in_zone(project_root, "America/St_Johns", monkeypatch) == calendars


# --- events ------------------------------------------------------------------------------------


def test_each_event_is_named_by_its_track_its_part_if_the_track_has_several_and_its_district(calendars, project):
    for year in project.years:
        for lang in LANGS:
            t = strings(lang)
            events = {
                str(e.uid): e for e in Calendar.from_ical(calendars[f"{lang}/{year.number}/calendars/all.ics"]).events
            }
            for session in year.sessions:
                track = year.track(session.track)
                for uid in session_events(year, session):
                    part = next(part for part in track.parts if uid.endswith(f"-{part.slug}{UID_DOMAIN}"))
                    name = fill(t.ics_training, track=track.name[lang])
                    name += fill(t.ics_part, part=part.label[lang]) if len(track.parts) > 1 else ""
                    assert str(events[uid]["SUMMARY"]) == name + fill(t.ics_district, number=session.district), uid
                    signin, content = part.slots[0].start, next(s.start for s in part.slots if s.kind == "talk")
                    described = str(events[uid]["DESCRIPTION"])
                    assert signin in described and content in described and "小時" not in described, uid


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


# What the plan leaves to each county (registration, leave, hours), as words of a county's letter
COUNTY_FACTS = (
    "全國教師在職進修資訊網",
    "In-Service Education",
    "公假登記",
    "granted official leave",
    "小時",
    "hours:",
)


def test_events_hold_the_plan_only_and_point_to_the_county_pages(each_build, project):
    """One UID means one thing: no county's registration, leave or hours in any file or language."""
    letters = [rule.text for year in project.years for notice in year.notices.values() for rule in rules(notice)]
    for rel, body in each_build.items():
        lang, year = rel.split("/")[:2]
        facts = [*COUNTY_FACTS, *(words[lang] for words in letters)]
        descriptions = prop(body, "DESCRIPTION")
        assert descriptions, rel
        for value in descriptions:
            text = value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";")
            assert not [fact for fact in facts if fact in text], (rel, text)
            pointer, last = text.split("\n")[-2:]
            assert pointer.startswith(("縣市政府對所屬學校另外的規定", "Your county's own instructions")), rel
            assert last == strings(lang).ics_check_on_the_day, (rel, last)
            if b"URL:" in body:
                assert pointer.endswith(f"/{lang}/{year}/#find-your-county"), value


def rules(notice) -> list:
    """A county letter's instructions: what it adds for its own schools, in the site's words."""
    found = notice.instructions
    return [rule for rule in (found.registration, found.leave, found.hours) if rule is not None] + list(found.other)


def test_without_a_base_url_there_is_no_url_and_no_agenda_link(calendars, project):
    for rel, body in calendars.items():
        lang, number = rel.split("/")[0], int(rel.split("/")[1])
        year = next(year for year in project.years if year.number == number)
        places = {d.webex.url for d in year.districts} | {s.venue[lang] for s in year.onsite.sessions}
        assert prop(body, "URL") == [], rel
        assert not any("議程：" in d or "Agenda:" in d for d in prop(body, "DESCRIPTION")), rel
        assert set(prop(body, "LOCATION")) <= places, rel


def test_calendar_name_only_in_files_with_several_events(calendars, project):
    for rel, body in calendars.items():
        names = prop(body, "NAME")
        assert names == prop(body, "X-WR-CALNAME"), rel
        assert len(names) == (len(vevents(body)) > 1), rel  # a file of one event is no calendar of its own
    for year in project.years:
        for lang in LANGS:
            for county in year.counties:
                body = calendars[f"{lang}/{year.number}/calendars/counties/{county.slug}.ics"]
                scope = {"title": year.info.short_title[lang], "scope": county.name[lang]}
                assert prop(body, "NAME") == [fill(strings(lang).ics_name, **scope)]


def test_header_for_publishing_and_subscribing(each_build, project):
    refresh = vDuration(dt.timedelta(hours=project.site.calendar_refresh_hours)).to_ical().decode()
    for rel, body in each_build.items():
        text = unfolded(body)
        assert text[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"], rel
        assert "METHOD:PUBLISH" in text
        language = {"zh-tw": "ZH-TW", "en": "EN"}[rel.partition("/")[0]]
        assert f"PRODID:{project.site.calendar_prodid}//{language}" in text, rel  # the file's own language
        assert f"REFRESH-INTERVAL;VALUE=DURATION:{refresh}" in text
        assert f"X-PUBLISHED-TTL:{refresh}" in text
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
            "sequence: 2, updated: 2025-07-31T12:00:00+08:00}",
        )
    )
    sessions.write_text(text, encoding="utf-8")
    # a moment given in Taipei time becomes UTC, whatever the machine's zone (one without a zone is refused)
    files = render_in_zone(tiny, "America/St_Johns", monkeypatch)
    moved = vevents(files["zh-tw/114/calendars/all.ics"])["114-district-2-hr-day@k12-sis-training"].encode()
    kept = vevents(files["zh-tw/114/calendars/all.ics"])["114-district-1-hr-day@k12-sis-training"].encode()
    assert prop(moved, "SEQUENCE") == ["1"] and prop(moved, "DTSTAMP") == ["20250730T030000Z"]
    assert prop(moved, "DTSTART") == ["20250808T083000"]
    assert prop(kept, "SEQUENCE") == ["0"] and prop(kept, "DTSTAMP") == ["20250721T000000Z"]
    taipei = vevents(files["en/114/calendars/all.ics"])["114-district-1-funding-morning@k12-sis-training"].encode()
    assert prop(taipei, "SEQUENCE") == ["2"] and prop(taipei, "DTSTAMP") == ["20250731T040000Z"]


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
