"""The loaded project: validated models plus the facts derived from them.

Templates and calendars ask these objects; nothing here is typed twice in the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import models
from .dates import TAIPEI
from .files import templates_folder
from .problems import Problem
from .yamlfile import YamlFile


def parse_time(value: str) -> dt.time:
    """ "13:30" → 13:30, for a time of day as the data writes it."""
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


def minutes_between(start: str, end: str) -> int:
    a, b = parse_time(start), parse_time(end)
    return (b.hour * 60 + b.minute) - (a.hour * 60 + a.minute)


@dataclass(frozen=True)
class _Timing:
    """What every calendar event has: its identity, its times and its revision."""

    uid: str
    year: int
    start: dt.datetime
    end: dt.datetime
    content_start: dt.datetime
    sequence: int
    stamp: dt.datetime


@dataclass(frozen=True)
class OnlineEvent(_Timing):
    """One part of an online session: a track's part, for one district, on one day.

    An event holds the national plan's facts only, the same for every county, so that one UID
    means one thing in every file; what a county's letter adds is on that county's pages.
    """

    track: models.Track
    part: models.Part
    session: models.Session
    district: models.District


@dataclass(frozen=True)
class OnsiteEvent(_Timing):
    """One on-site session, held in one county."""

    onsite: models.OnsiteSession
    county: models.County


Event = OnlineEvent | OnsiteEvent  # a calendar event of either kind; branch with isinstance


@dataclass(frozen=True)
class ContentPage:
    """A page written in Markdown, in both languages: ``content/<year>/<name>.<lang>.md``."""

    name: str
    text: Mapping[str, str]  # Markdown, by language
    title: Mapping[str, str] | None = None  # by language; None for the year's home page text
    description: Mapping[str, str | None] = field(default_factory=dict)
    menu: int | None = None  # its place in the menu, after the built-in pages; None: not in it


HOME = "home"  # content/<year>/home.<lang>.md is the year page's introduction, not a page of its own


@dataclass(eq=False)
class Year:
    """One academic year's data, validated, with derived views."""

    number: int
    info: models.YearFile
    joining: models.JoiningFile
    districts: list[models.District]
    tracks: list[models.Track]
    sessions: list[models.Session]
    process: models.ProcessFile
    onsite: models.OnsiteFile
    notices: dict[str, models.NoticeFile]
    counties: list[models.County]  # those its districts list, in the order of data/counties.yaml
    content: dict[str, ContentPage] = field(default_factory=dict)
    changes: list[models.Change] = field(default_factory=list)  # as changes.yaml lists them

    @property
    def home(self) -> ContentPage | None:
        return self.content.get(HOME)

    @property
    def pages(self) -> list[ContentPage]:
        """The pages written in Markdown, by name; not the home page's text."""
        return [page for name, page in sorted(self.content.items()) if name != HOME]

    @cached_property
    def _county_by_slug(self) -> dict[str, models.County]:
        return {county.slug: county for county in self.counties}

    def county(self, slug: str) -> models.County:
        return self._county_by_slug[slug]

    def track(self, slug: str) -> models.Track:
        return next(track for track in self.tracks if track.slug == slug)

    def part(self, track_slug: str, part_slug: str) -> models.Part:
        return next(part for part in self.track(track_slug).parts if part.slug == part_slug)

    def session(self, district: int, track: str) -> models.Session:
        return next(s for s in self.sessions if (s.district, s.track) == (district, track))

    def hours_by_session(
        self, rows: list[models.SessionHours]
    ) -> list[tuple[models.Session, models.Track, list[tuple[models.Part, int]]]]:
        """A letter's hours grouped by session, in the letter's order: (session, track, [(part, hours)])."""
        grouped: dict[tuple[int, str], list[tuple[models.Part, int]]] = {}
        for row in rows:
            grouped.setdefault((row.district, row.track), []).append((self.part(row.track, row.part), row.hours))
        return [(self.session(d, t), self.track(t), parts) for (d, t), parts in grouped.items()]

    def notice(self, county_slug: str) -> models.NoticeFile | None:
        """The county's own letter, or None while none is published on the site."""
        return self.notices.get(county_slug)

    def district(self, number: int) -> models.District:
        return next(district for district in self.districts if district.number == number)

    @cached_property
    def _district_of(self) -> dict[str, models.District]:
        return {slug: district for district in self.districts for slug in district.counties}

    def district_of(self, county_slug: str) -> models.District:
        return self._district_of[county_slug]

    def district_counties(self, district: models.District) -> list[models.County]:
        return [self.county(slug) for slug in district.counties]

    @property
    def total_schools(self) -> int:
        return sum(district.schools for district in self.districts)

    def district_sessions(self, district: models.District) -> list[models.Session]:
        """The district's sessions in track order."""
        order = {track.slug: index for index, track in enumerate(self.tracks)}
        mine = [session for session in self.sessions if session.district == district.number]
        return sorted(mine, key=lambda session: (order[session.track], session.date))

    def track_sessions(self, track: models.Track) -> list[models.Session]:
        mine = [session for session in self.sessions if session.track == track.slug]
        return sorted(mine, key=lambda session: (session.date, session.district))

    def session_parts(self, session: models.Session) -> list[models.Part]:
        parts = self.track(session.track).parts
        if session.period == "full_day":
            return list(parts)
        return [part for part in parts if part.period == session.period]

    def session_events(self, session: models.Session) -> list[OnlineEvent]:
        track = self.track(session.track)
        district = self.district(session.district)
        return [self._event(session, track, part, district) for part in self.session_parts(session)]

    def _event(
        self, session: models.Session, track: models.Track, part: models.Part, district: models.District
    ) -> OnlineEvent:
        start, content, end = part_times(part)
        at = lambda time: dt.datetime.combine(session.date, parse_time(time), TAIPEI)  # noqa: E731
        return OnlineEvent(
            uid=f"{self.number}-district-{district.number}-{track.slug}-{part.slug}",
            year=self.number,
            start=at(start),
            end=at(end),
            content_start=at(content),
            sequence=session.sequence,
            stamp=session.updated or self.info.published,
            track=track,
            part=part,
            session=session,
            district=district,
        )

    def county_events(self, county_slug: str) -> list[OnlineEvent]:
        district = self.district_of(county_slug)
        return [event for s in self.district_sessions(district) for event in self.session_events(s)]

    def all_events(self) -> list[OnlineEvent]:
        events = [event for s in self.sessions for event in self.session_events(s)]
        return sorted(events, key=lambda event: (event.start, event.uid))

    def onsite_events(self, county_slug: str | None = None) -> list[OnsiteEvent]:
        """On-site sessions (all, or one county's) as events, in time order.

        An on-site session's ``start`` is when sign-in opens, as for online sessions; the
        content starts as long after it as in the on-site agenda (``onsite.slots``).
        """
        mine = [s for s in self.onsite.sessions if county_slug in (None, s.county)]
        events = [self._onsite_event(session) for session in mine]
        return sorted(events, key=lambda event: (event.start, event.uid))

    def _onsite_event(self, session: models.OnsiteSession) -> OnsiteEvent:
        at = lambda time: dt.datetime.combine(session.date, parse_time(time), TAIPEI)  # noqa: E731
        first, talk, _ = slot_times(self.onsite.slots)
        start, end = at(session.start), at(session.end)
        kind = session.kind.replace("_", "-")
        return OnsiteEvent(
            uid=f"{self.number}-onsite-{session.county}-{session.date.isoformat()}-{kind}",
            year=self.number,
            start=start,
            end=end,
            content_start=min(start + dt.timedelta(minutes=minutes_between(first, talk)), end),
            sequence=session.sequence,
            stamp=session.updated or self.info.published,
            onsite=session,
            county=self.county(session.county),
        )

    def county_updated(self, county_slug: str) -> dt.date:
        """The day the facts behind a county's page last changed (Taipei time), from the data alone:
        its district's sessions, its on-site sessions, its letter and the changes that concern it;
        never the build time."""
        district = self.district_of(county_slug)
        online, onsite = self.district_sessions(district), [s for s in self.onsite.sessions if s.county == county_slug]
        sessions: list[models.Session | models.OnsiteSession] = [*online, *onsite]
        moments = [session.updated or self.info.published for session in sessions] or [self.info.published]
        days = [moment.astimezone(TAIPEI).date() for moment in moments]  # every Instant has its zone
        days += [change.date.astimezone(TAIPEI).date() for change in self.county_changes(county_slug)]
        notice = self.notices.get(county_slug)
        return max([*days, notice.date] if notice is not None else days)

    @property
    def changes_newest_first(self) -> list[models.Change]:
        return sorted(self.changes, key=lambda change: change.date, reverse=True)

    def session_change(self, session: models.Session) -> models.Change | None:
        """The latest recorded change that names ``session``, or None."""
        mine = [c for c in self.changes_newest_first if any(_names(ref, session) for ref in c.sessions)]
        return mine[0] if mine else None

    def county_changes(self, county_slug: str) -> list[models.Change]:
        """The recorded changes that concern a county: named, or its district, or its district's sessions."""
        district = self.district_of(county_slug).number
        return [
            change
            for change in self.changes
            if county_slug in change.counties
            or district in change.districts
            or any(ref.district == district for ref in change.sessions)
        ]


def _names(ref: models.SessionRef, session: models.Session) -> bool:
    return (ref.district, ref.track) == (session.district, session.track)


def part_times(part: models.Part) -> tuple[str, str, str]:
    """When sign-in opens, when the content starts, and when the part ends (sign-out)."""
    return slot_times(part.slots)


def slot_times(slots: list[models.Slot]) -> tuple[str, str, str]:
    """An agenda's first start, its first talk's start, and its end."""
    first = slots[0].start
    content = next((slot.start for slot in slots if slot.kind == "talk"), first)
    last = slots[-1]
    return first, content, last.end if last.end else last.start


@dataclass(frozen=True)
class Ledger:
    """data/urls.yaml as read: the URLs the site has published, and where each value stands."""

    file: YamlFile
    model: models.UrlLedger


@dataclass(eq=False)
class Project:
    """Everything the build needs, validated; ``ledger`` is None when there is no data/urls.yaml."""

    root: Path
    site: models.Site
    counties: list[models.County]
    years: list[Year]
    warnings: list[Problem] = field(default_factory=list)
    ledger: Ledger | None = None

    @property
    def latest(self) -> Year:
        return self.years[-1]

    @property
    def templates(self) -> Path:
        return templates_folder(self.root)
