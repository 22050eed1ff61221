"""iCalendar files: one per session, county, track and district, and one with everything.

Every file is built with the `icalendar` library, in each language. What real clients need, and
schedule sites often get wrong, is decided here once:

- An event starts when sign-in opens and ends at sign-out; the description says when the
  content starts. The same rule holds in every file and in both languages.
- A session's UID is the same in every file and in both languages: imported into one calendar a
  second time, or from a second file, it updates the event there instead of adding one (Google
  even refuses a UID it has seen, after the event was deleted). A subscription is a calendar of
  its own, though: a session in two subscribed calendars (a county's and a track's, or both
  languages) shows twice, which is why the pages advise one subscription in one language.
- PRODID names the file's own language (``//ZH-TW`` or ``//EN``).
- Times carry ``TZID=Asia/Taipei`` with a one-line VTIMEZONE (Taiwan has kept UTC+8 since
  1979); DTSTAMP and SEQUENCE come from the data, never from the clock, so two builds of the
  same data give the same bytes.
- The library writes CRLF and folds lines at 75 octets without splitting a UTF-8 character.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from icalendar import Calendar, Timezone, TimezoneStandard, vDuration, vUri
from icalendar import Event as VEvent

from . import urls
from .dates import TAIPEI_OFFSET, TIMEZONE
from .eventtext import agenda_url, description, global_uid, location, summary
from .i18n import LANGS, fill, strings
from .models import Text
from .output import Output
from .project import Event, OnlineEvent, Project, Year

ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"
"""The Content-Type the dev server (and any web server) should send for ``.ics`` files."""

TZID = TIMEZONE
# The VTIMEZONE claims this offset from 1970 on; Taiwan's last daylight saving time was 1979,
# and render_calendars refuses any event whose real offset differs.
VTIMEZONE_SINCE = dt.datetime(1970, 1, 1)


# --- one event -------------------------------------------------------------------------------


def event_fields(year: Year, event: Event, lang: str, base_url: str = "") -> dict[str, object]:
    """Everything a VEVENT holds, as plain values: the event's bytes depend on these alone."""
    _check_offset(event)
    return {
        "uid": global_uid(event),
        "stamp": _as_utc(event.stamp),
        "last_modified": _as_utc(event.stamp),
        "sequence": event.sequence,
        "start": event.start,
        "end": event.end,
        "summary": summary(event, lang),
        "description": description(year, event, lang, base_url),
        "location": location(event, lang),
        "url": agenda_url(base_url, event, lang),
        "conference": event.district.webex.url if isinstance(event, OnlineEvent) else None,
    }


def _component(fields: dict[str, object]) -> VEvent:
    values = dict(fields)
    conference = values.pop("conference")
    component = VEvent.new(**values)  # type: ignore[arg-type]
    if isinstance(conference, str):
        # Built by hand rather than with icalendar's Conference, which would quote the
        # FEATURE list as one value ("AUDIO,VIDEO"); RFC 7986 lists them unquoted.
        params = {"VALUE": "URI", "FEATURE": ["AUDIO", "VIDEO"], "LABEL": "Webex"}
        component.add("CONFERENCE", vUri(conference, params=params))
    return component


def _as_utc(moment: dt.datetime) -> dt.datetime:
    """The data's timestamps carry their time zone (`models.Instant` refuses one without)."""
    return moment.astimezone(dt.UTC)


def _check_offset(event: Event) -> None:
    for moment in (event.start, event.end):
        if moment.utcoffset() != TAIPEI_OFFSET:
            raise ValueError(
                f"{event.uid}: {moment.isoformat()} is not at UTC+8; the calendars' VTIMEZONE "
                "for Asia/Taipei assumes a fixed offset and must be rewritten"
            )


# --- whole files ------------------------------------------------------------------------------


def taipei_vtimezone() -> Timezone:
    """Asia/Taipei as clients need it for these dates: UTC+8, no daylight saving history."""
    standard = TimezoneStandard()
    standard.DTSTART = VTIMEZONE_SINCE
    standard.TZOFFSETFROM = TAIPEI_OFFSET
    standard.TZOFFSETTO = TAIPEI_OFFSET
    timezone = Timezone()
    timezone.add("TZID", TZID)
    timezone.add_component(standard)
    return timezone


END_CALENDAR = b"END:VCALENDAR\r\n"


class Memo:
    """Serialized parts by the values they were made from.

    A `Rebuilder` keeps one across builds: a part whose values did not change is taken from the
    last build; parts no build uses any more are dropped, so a long preview session stays small.
    """

    def __init__(self) -> None:
        self.last: dict[tuple[object, ...], bytes] = {}
        self.now: dict[tuple[object, ...], bytes] = {}

    def get(self, key: tuple[object, ...], make: Callable[[], bytes]) -> bytes:
        if key not in self.now:
            self.now[key] = self.last[key] if key in self.last else make()
        return self.now[key]

    def next_build(self) -> None:
        if self.now:  # a build that failed before its calendars keeps the last one's parts
            self.last, self.now = self.now, {}


TAIPEI_VTIMEZONE = taipei_vtimezone().to_ical()  # the same bytes in every file: serialize once


BEGIN_CALENDAR = b"BEGIN:VCALENDAR\r\n"


class CalendarWriter:
    """Writes .ics files for one site and language, serializing each shared part only once.

    Every part is serialized by icalendar: the properties all files share, the VTIMEZONE, each
    VEVENT (an event stands in its session, district, track, county and all-sessions files),
    and each file's own name. A file is these parts in RFC 5545's order.
    """

    def __init__(self, project: Project, year: Year, lang: str, memo: Memo | None = None):
        self.year, self.lang, self.base_url = year, lang, project.site.base_url
        self.memo = Memo() if memo is None else memo
        refresh = dt.timedelta(hours=project.site.calendar_refresh_hours)
        shared = Calendar()
        shared.add("PRODID", f"{project.site.calendar_prodid}//{lang.upper()}")
        shared.add("VERSION", "2.0")
        shared.add("CALSCALE", "GREGORIAN")
        shared.add("METHOD", "PUBLISH")
        shared.add("X-WR-TIMEZONE", TZID)
        shared.add("REFRESH-INTERVAL", refresh, parameters={"VALUE": "DURATION"})
        shared.add("X-PUBLISHED-TTL", vDuration(refresh))
        self.head = _inner(shared.to_ical())
        self.vevents: dict[str, bytes] = {}

    def vevent(self, event: Event) -> bytes:
        if event.uid not in self.vevents:
            fields = event_fields(self.year, event, self.lang, self.base_url)
            key = ("VEVENT", *fields.items())
            self.vevents[event.uid] = self.memo.get(key, lambda: _component(fields).to_ical())
        return self.vevents[event.uid]

    def file(self, name: str, events: Sequence[Event]) -> bytes:
        """One .ics file: METHOD:PUBLISH, the VTIMEZONE, then the events in time order.

        The calendar's name (NAME and X-WR-CALNAME, once each) only where there are several
        events: a one-event file imported as a new calendar would be a calendar of one.
        """
        named = b""
        if len(events) > 1:
            named = self.memo.get(("NAME", name), lambda: _name_lines(name))
        ordered = sorted(events, key=lambda event: (event.start, event.uid))
        body = b"".join(self.vevent(event) for event in ordered)
        return BEGIN_CALENDAR + self.head + named + TAIPEI_VTIMEZONE + body + END_CALENDAR


def _name_lines(name: str) -> bytes:
    calendar = Calendar()
    calendar.calendar_name = name  # NAME and X-WR-CALNAME
    return _inner(calendar.to_ical())


def _inner(serialized: bytes) -> bytes:
    """The content lines of a serialized VCALENDAR, without its BEGIN and END lines."""
    if not (serialized.startswith(BEGIN_CALENDAR) and serialized.endswith(END_CALENDAR)):
        raise ValueError("unexpected calendar serialization")
    return serialized[len(BEGIN_CALENDAR) : -len(END_CALENDAR)]


@dataclass(frozen=True)
class CalendarFile:
    """A calendar of the URL plan and the events it holds (the same in both languages)."""

    scope: str
    slug: str | int | None
    scope_names: dict[str, str]
    events: Sequence[Event]

    def path(self, lang: str, year: int) -> str:
        return urls.calendar(lang, year, self.scope, self.slug)

    def name(self, year: Year, lang: str) -> str:
        return fill(strings(lang).ics_name, title=year.info.short_title[lang], scope=self.scope_names[lang])


def _in_each_language(text: str, **values: object) -> dict[str, str]:
    """An interface string filled in each language; a value given as a `Text` is taken in that language."""

    def value(v: object, lang: str) -> object:
        return v[lang] if isinstance(v, Text) else v

    return {lang: fill(strings(lang)[text], **{k: value(v, lang) for k, v in values.items()}) for lang in LANGS}


def calendar_files(year: Year) -> list[CalendarFile]:
    """Every calendar of a year: all, counties, tracks, districts, then sessions."""
    onsite = year.onsite_events()
    files = [CalendarFile("all", None, _in_each_language("ics_all"), [*year.all_events(), *onsite])]
    for county in year.counties:
        events: list[Event] = [*year.county_events(county.slug), *year.onsite_events(county.slug)]
        files.append(CalendarFile("county", county.slug, county.name.by_lang(), events))
    for track in year.tracks:
        events = [e for s in year.track_sessions(track) for e in year.session_events(s)]
        files.append(CalendarFile("track", track.slug, track.name.by_lang(), events))
    for district in year.districts:
        events = [e for s in year.district_sessions(district) for e in year.session_events(s)]
        names = _in_each_language("ics_district_name", number=district.number)
        files.append(CalendarFile("district", district.number, names, events))
    for session in year.sessions:
        names = _in_each_language("ics_session_name", track=year.track(session.track).name, number=session.district)
        slug = urls.session_slug(session.district, session.track)
        files.append(CalendarFile("session", slug, names, year.session_events(session)))
    for event in onsite:
        slug = urls.onsite_session_slug(event.onsite.county, event.onsite.date, event.onsite.kind)
        files.append(CalendarFile("session", slug, {lang: summary(event, lang) for lang in LANGS}, [event]))
    return files


def render_calendars(project: Project, output: Output, memo: Memo | None = None) -> None:
    """Add every calendar file of every year, in both languages, to ``output``.

    A `Rebuilder` passes the ``memo`` of its previous builds: a VEVENT or a calendar name whose
    values have not changed is not serialized again.
    """
    for year in project.years:
        entries = calendar_files(year)
        for entry in entries:
            _check_unique(entry)
        for lang in LANGS:
            writer = CalendarWriter(project, year, lang, memo)
            for entry in entries:
                output.add(entry.path(lang, year.number), writer.file(entry.name(year, lang), entry.events))


def _check_unique(entry: CalendarFile) -> None:
    uids = [event.uid for event in entry.events]
    twice = sorted({uid for uid in uids if uids.count(uid) > 1})
    if twice:
        raise ValueError(f"{entry.scope} calendar {entry.slug}: two events share the UID {twice}")
