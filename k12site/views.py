"""Views of the data: what the pages of a year show beyond the models, computed once per year.

A `YearView` groups the year's online sessions by district and by track and marks each as it
stands on the build's date (`session_state`); `quote_runs` cuts a quoted letter where the site
leaves a point out, and `item_marker` numbers its items as the letter does. Templates get these
objects; nothing here renders or knows a template.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass
from functools import cached_property

from markupsafe import Markup

from . import kinds, models, urls
from .i18n import LANGS
from .markdown import render as markdown
from .project import OnlineEvent, OnsiteEvent, Year


@dataclass(frozen=True)
class SessionView:
    """One online session and its calendar events (one per part: morning, afternoon, day)."""

    session: models.Session
    track: models.Track
    district: models.District
    events: list[OnlineEvent]
    state: str  # on the build's date: "ended", "today" or "upcoming" (see `session_state`)

    @property
    def slug(self) -> str:
        return urls.session_slug(self.district.number, self.track.slug)


@dataclass(frozen=True)
class OnsiteView:
    """One published in-person or on-site session (its calendar event) and where it stands on the
    build's date, as for an online session."""

    event: OnsiteEvent
    state: str  # "ended", "today" or "upcoming"

    @property
    def session(self) -> models.OnsiteSession:
        return self.event.onsite


def window_state(window: models.Window, today: dt.date) -> str:
    """Where an application window stands on ``today``: "upcoming", "open" (its last day included) or "closed"."""
    return "upcoming" if today < window.start else "open" if today <= window.end else "closed"


def session_state(day: dt.date, today: dt.date) -> str:
    """Where a session held on ``day`` stands on ``today``: the site is rebuilt just after
    midnight (Taipei), so a session is marked by its date alone."""
    return "ended" if day < today else "today" if day == today else "upcoming"


@dataclass(frozen=True)
class YearView:
    """What the pages of a year show beyond the models: sessions by district and by track, and
    where each stands on the build's date (``today``)."""

    year: Year
    today: dt.date
    by_district: dict[int, list[SessionView]]
    by_track: dict[str, list[SessionView]]
    counties: dict[int, list[models.County]]
    intro: dict[str, Markup]  # the home page's text
    description: dict[str, str]  # the home page's description
    bodies: dict[str, dict[str, Markup]]  # the text of each page written in Markdown, by name and language
    menu: list[tuple[str, kinds.YearPage]]

    @classmethod
    def of(cls, year: Year, today: dt.date) -> YearView:
        by_district = {
            d.number: [_session_view(year, s, d, today) for s in year.district_sessions(d)] for d in year.districts
        }
        views = {(v.district.number, v.track.slug): v for vs in by_district.values() for v in vs}
        by_track = {t.slug: [views[(s.district, s.track)] for s in year.track_sessions(t)] for t in year.tracks}
        return cls(
            year=year,
            today=today,
            by_district=by_district,
            by_track=by_track,
            counties={d.number: year.district_counties(d) for d in year.districts},
            intro={lang: markdown(year.home.text[lang] if year.home else "") for lang in LANGS},
            description={lang: _home_description(year, lang) for lang in LANGS},
            bodies={page.name: {lang: markdown(page.text[lang]) for lang in LANGS} for page in year.pages},
            menu=kinds.menu(year),
        )

    def district_of(self, county: models.County) -> models.District:
        return self.year.district_of(county.slug)

    @cached_property
    def in_time_order(self) -> list[SessionView]:
        """Every online session by date, then district, then track order."""
        views = [view for views in self.by_district.values() for view in views]
        return sorted(views, key=lambda view: (view.session.date, view.district.number))

    def on_the_day(self, district: models.District | None = None) -> list[SessionView]:
        """The sessions held on the build's date (of one district, or all)."""
        return [v for v in self.in_time_order if v.state == "today" and district in (None, v.district)]

    def next_session(self, district: models.District | None = None) -> SessionView | None:
        """The first session after the build's date (of one district, or all), or None."""
        return next((v for v in self.in_time_order if v.state == "upcoming" and district in (None, v.district)), None)

    @cached_property
    def onsite(self) -> list[OnsiteView]:
        """Every published on-site session in time order, marked as it stands on the build's date."""
        return [OnsiteView(e, session_state(e.onsite.date, self.today)) for e in self.year.onsite_events()]

    def county_onsite(self, county: models.County) -> list[OnsiteView]:
        return [view for view in self.onsite if view.session.county == county.slug]

    def onsite_today(self, county: models.County) -> list[OnsiteView]:
        """The county's on-site sessions held on the build's date: they come first on its page."""
        return [view for view in self.county_onsite(county) if view.state == "today"]

    @property
    def onsite_window(self) -> str:
        """Whether counties may apply for in-person and on-site sessions on the build's date (`window_state`)."""
        return window_state(self.year.process.onsite_application_window, self.today)

    @property
    def over(self) -> bool:
        """Whether every online session of the year has ended by the build's date."""
        return all(view.state == "ended" for view in self.in_time_order)


def _home_description(year: Year, lang: str) -> str:
    own = year.home.description.get(lang) if year.home else None
    return own or year.info.summary[lang]


def _session_view(year: Year, session: models.Session, district: models.District, today: dt.date) -> SessionView:
    state = session_state(session.date, today)
    return SessionView(session, year.track(session.track), district, year.session_events(session), state)


@dataclass(frozen=True)
class Quoted:
    """A line of a quoted document: a point at its depth, or (``table``) the table under it."""

    depth: int
    passage: models.Passage
    table: bool = False


@dataclass(frozen=True)
class QuoteRun:
    """Consecutive lines quoted as written, or (``lines`` empty) a point the site left out, whose
    note is the site's own and so stands between two quotations, never inside one."""

    lines: tuple[Quoted, ...] = ()
    omitted: models.Passage | None = None


def quote_runs(passages: list[models.Passage]) -> list[QuoteRun]:
    """A quoted document in reading order, cut where the site leaves a point out.

    An omitted point's heading is the document's own words and ends the run before it.
    """
    runs: list[QuoteRun] = []
    lines: list[Quoted] = []

    def walk(points: list[models.Passage], depth: int) -> None:
        for point in points:
            lines.append(Quoted(depth, point))
            if point.omitted is not None:
                runs.append(QuoteRun(tuple(lines)))
                runs.append(QuoteRun(omitted=point))
                lines.clear()
            walk(point.items, depth + 1)
            if point.table is not None:
                lines.append(Quoted(depth, point, table=True))

    walk(passages, 0)
    if lines:
        runs.append(QuoteRun(tuple(lines)))
    return runs


# --- numbering as official letters write it: 一、 (一) 1、 (1) ----------------------------------

ZH_DIGITS = "零一二三四五六七八九"


def zh_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; larger numbers in Arabic digits."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else ZH_DIGITS[tens] + "十")
    return head + (ZH_DIGITS[ones] if ones else "")


def letter(n: int) -> str:
    """1 → a, 26 → z, 27 → aa."""
    return string.ascii_lowercase[(n - 1) % 26] * ((n - 1) // 26 + 1)


MARKERS = {
    "zh-tw": (lambda n: f"{zh_number(n)}、", lambda n: f"({zh_number(n)})", lambda n: f"{n}、", lambda n: f"({n})"),
    "en": (lambda n: f"{n}.", lambda n: f"({n})", lambda n: f"({letter(n)})", lambda n: f"({letter(n)}{letter(n)})"),
}


def item_marker(depth: int, n: int, lang: str) -> str:
    """The marker of the n-th item (from 1) at a nesting depth (from 0), e.g. 一、 / (一) / 1、."""
    styles = MARKERS[lang]
    return styles[min(depth, len(styles) - 1)](n)
