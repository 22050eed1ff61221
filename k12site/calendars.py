"""iCalendar files for every session, county, track, district and year (work in progress)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from .output import Output
from .project import Event, Project, Year

ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"
GOOGLE_RENDER = "https://calendar.google.com/calendar/render"


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def google_calendar_url(year: Year, event: Event, lang: str) -> str:
    """An "add to Google Calendar" link for one event, times in UTC."""
    query = {
        "action": "TEMPLATE",
        "text": event.track.name[lang] if event.track else "",
        "dates": f"{_utc(event.start)}/{_utc(event.end)}",
        "details": "",
        "location": event.district.webex.url if event.district else "",
    }
    return GOOGLE_RENDER + "?" + urlencode(query)


def render_calendars(project: Project, output: Output) -> None:
    """Add every calendar file of every year and language to ``output`` (stub for now)."""
