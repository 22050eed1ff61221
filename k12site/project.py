"""The loaded project: validated models plus the facts derived from them.

Templates and calendars ask these objects; nothing here is typed twice in the data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from . import models as m
from .problems import Problem

TAIPEI = ZoneInfo("Asia/Taipei")


def clock(value: str) -> dt.time:
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


def minutes_between(start: str, end: str) -> int:
    a, b = clock(start), clock(end)
    return (b.hour * 60 + b.minute) - (a.hour * 60 + a.minute)


@dataclass(frozen=True)
class Event:
    """One calendar event: a part of an online session, or an on-site session."""

    uid: str
    year: int
    start: dt.datetime
    end: dt.datetime
    content_start: dt.datetime
    hours: int
    sequence: int
    stamp: dt.datetime
    track: m.Track | None = None
    part: m.Part | None = None
    session: m.Session | None = None
    district: m.District | None = None
    onsite: m.OnsiteSession | None = None
    county: m.County | None = None


@dataclass(eq=False)
class Year:
    """One academic year's data, validated, with derived views."""

    number: int
    info: m.YearFile
    joining: m.JoiningFile
    districts: list[m.District]
    tracks: list[m.Track]
    sessions: list[m.Session]
    process: m.ProcessFile
    onsite: m.OnsiteFile
    notices: dict[str, m.NoticeFile]
    counties: list[m.County]
    content: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def gregorian(self) -> int:
        return self.number + 1911

    @cached_property
    def _county_by_slug(self) -> dict[str, m.County]:
        return {county.slug: county for county in self.counties}

    def county(self, slug: str) -> m.County:
        return self._county_by_slug[slug]

    def track(self, slug: str) -> m.Track:
        return next(track for track in self.tracks if track.slug == slug)

    def district(self, number: int) -> m.District:
        return next(district for district in self.districts if district.number == number)

    @cached_property
    def _district_of(self) -> dict[str, m.District]:
        return {slug: district for district in self.districts for slug in district.counties}

    def district_of(self, county_slug: str) -> m.District:
        return self._district_of[county_slug]

    def district_counties(self, district: m.District) -> list[m.County]:
        return [self.county(slug) for slug in district.counties]

    @property
    def total_schools(self) -> int:
        return sum(district.schools for district in self.districts)

    def district_sessions(self, district: m.District) -> list[m.Session]:
        """The district's sessions in track order."""
        order = {track.slug: index for index, track in enumerate(self.tracks)}
        mine = [session for session in self.sessions if session.district == district.number]
        return sorted(mine, key=lambda session: (order[session.track], session.date))

    def track_sessions(self, track: m.Track) -> list[m.Session]:
        mine = [session for session in self.sessions if session.track == track.slug]
        return sorted(mine, key=lambda session: (session.date, session.district))

    def session_parts(self, session: m.Session) -> list[m.Part]:
        parts = self.track(session.track).parts
        if session.period == "full_day":
            return list(parts)
        return [part for part in parts if part.period == session.period]

    def session_events(self, session: m.Session) -> list[Event]:
        track = self.track(session.track)
        district = self.district(session.district)
        return [
            self._event(session, track, part, district) for part in self.session_parts(session)
        ]

    def _event(self, session: m.Session, track: m.Track, part: m.Part, district: m.District) -> Event:
        start, content, end = part_times(part)
        at = lambda time: dt.datetime.combine(session.date, clock(time), TAIPEI)  # noqa: E731
        return Event(
            uid=f"{self.number}-district-{district.number}-{track.slug}-{part.slug}",
            year=self.number,
            start=at(start),
            end=at(end),
            content_start=at(content),
            hours=part.hours,
            sequence=session.sequence,
            stamp=session.updated or self.info.published,
            track=track,
            part=part,
            session=session,
            district=district,
        )

    def county_events(self, county_slug: str) -> list[Event]:
        district = self.district_of(county_slug)
        return [event for s in self.district_sessions(district) for event in self.session_events(s)]

    def all_events(self) -> list[Event]:
        events = [event for s in self.sessions for event in self.session_events(s)]
        return sorted(events, key=lambda event: (event.start, event.uid))

    def onsite_events(self, county_slug: str | None = None) -> list[Event]:
        """On-site sessions (all, or one county's) as events, in time order.

        An on-site session's ``start`` is when sign-in opens, as for online sessions; the
        content starts as long after it as in the on-site agenda (``onsite.slots``).
        """
        mine = [s for s in self.onsite.sessions if county_slug in (None, s.county)]
        events = [self._onsite_event(session) for session in mine]
        return sorted(events, key=lambda event: (event.start, event.uid))

    def _onsite_event(self, session: m.OnsiteSession) -> Event:
        at = lambda time: dt.datetime.combine(session.date, clock(time), TAIPEI)  # noqa: E731
        first, talk, _ = slot_times(self.onsite.slots)
        start, end = at(session.start), at(session.end)
        kind = session.kind.replace("_", "-")
        return Event(
            uid=f"{self.number}-onsite-{session.county}-{session.date.isoformat()}-{kind}",
            year=self.number,
            start=start,
            end=end,
            content_start=min(start + dt.timedelta(minutes=minutes_between(first, talk)), end),
            hours=0,
            sequence=session.sequence,
            stamp=session.updated or self.info.published,
            onsite=session,
            county=self.county(session.county),
        )

    def priority_districts(self, county_slug: str) -> list[m.District]:
        return [d for d in self.districts if county_slug in d.priority_counties]


def part_times(part: m.Part) -> tuple[str, str, str]:
    """When sign-in opens, when the content starts, and when the part ends (sign-out)."""
    return slot_times(part.slots)


def slot_times(slots: list[m.Slot]) -> tuple[str, str, str]:
    """An agenda's first start, its first talk's start, and its end."""
    first = slots[0].start
    content = next((slot.start for slot in slots if slot.kind == "talk"), first)
    last = slots[-1]
    return first, content, last.end if last.end else last.start


@dataclass(eq=False)
class Project:
    """Everything the build needs, validated."""

    root: Path
    site: m.Site
    counties: list[m.County]
    years: list[Year]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def latest(self) -> Year:
        return self.years[-1]
