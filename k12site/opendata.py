"""Open data: each year's online sessions, in each language, for spreadsheets, programs and search engines.

County staff re-type our tables into their own letters and spreadsheets; this gives them the facts
to copy. Per year and language, beside each other in the URL plan (`urls.OPEN_DATA`):

- ``sessions.csv``: one row per session part (the calendars' events), headers in the file's
  language; UTF-8 with a byte order mark, which Excel needs to read Chinese, and CRLF, as Python's
  `csv` writes. A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
  begins with ``'`` here, so that no spreadsheet runs it as a formula (`neutralised`).
- ``sessions.json``: the same facts, structured, values as typed, with instants in Taipei time
  (``+08:00``); ``sessions.schema.json`` is its JSON Schema, generated from `SessionsData`, which also builds it.
- The county and sessions pages carry the same events as schema.org ``Event`` JSON-LD
  (`json_ld`).

All of it is made from the `project.Event`s the calendars and pages show, so the four can never
disagree; none of it depends on the time of the build.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from . import urls
from .dates import TAIPEI, TAIPEI_OFFSET
from .eventtext import agenda_url, global_uid, hhmm, summary
from .i18n import HTML_LANG, LANGS, strings
from .output import Output
from .project import Event, OnlineEvent, Project, Year
from .schema import DIALECT

# --- the JSON's model, from which its schema is generated -----------------------------------------


def _in_taipei_time(moment: dt.datetime) -> dt.datetime:
    if moment.utcoffset() != TAIPEI_OFFSET:
        raise ValueError(f"{moment.isoformat()} is not in Taipei time (UTC+08:00)")
    return moment


INSTANT_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+08:00$"
Instant = Annotated[
    dt.datetime,
    AfterValidator(_in_taipei_time),
    Field(json_schema_extra={"pattern": INSTANT_PATTERN}),
]


class OpenModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Named(OpenModel):
    """A thing of the data: its slug (the same in every language and year) and its name in the file's language."""

    slug: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    name: str


class Meeting(OpenModel):
    """How to join the online meeting."""

    url: str = Field(pattern=r"^https://", description="The Webex link.")
    meeting_number: str = Field(pattern=r"^[0-9]{4} [0-9]{3} [0-9]{4}$")
    password: str


class SessionPart(OpenModel):
    """One part of an online session (a morning, an afternoon, a whole day): one calendar event."""

    id: str = Field(description="The event's UID in the site's calendar files (.ics), the same in both languages.")
    district: int = Field(ge=1)
    counties: list[Named] = Field(description="The counties and cities of the district, whose schools attend.")
    track: Named
    part: Named
    date: dt.date
    sign_in: Instant = Field(description="When the meeting opens for sign-in; the calendar event starts then.")
    start: Instant = Field(description="When the content starts.")
    end: Instant = Field(description="When it ends, with sign-out; the calendar event ends then.")
    webex: Meeting


class SessionsData(OpenModel):
    """An academic year's online briefing sessions, one entry per session part, in one language."""

    model_config = ConfigDict(title="Online briefing sessions")

    year: int = Field(description="The ROC academic year, e.g. 114 (= 2025–26).")
    language: Literal["zh-Hant-TW", "en"]
    title: str
    organizer: str
    updated: Instant = Field(
        description="When the data last changed: the latest of the plan's publication and the sessions' "
        "changes, never the time the file was made."
    )
    sessions: list[SessionPart]


def schema_text() -> str:
    """The JSON Schema of sessions.json, as published beside it."""
    schema = {
        "$schema": DIALECT,
        "$comment": "Generated from k12site.opendata.SessionsData: the format of sessions.json beside it.",
        **SessionsData.model_json_schema(mode="serialization"),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


# --- from the events to the files -----------------------------------------------------------------


def _as_taipei(moment: dt.datetime) -> dt.datetime:
    """The data's timestamps carry their time zone (`models.Instant` refuses one without)."""
    return moment.astimezone(TAIPEI)


def _part(year: Year, event: OnlineEvent, lang: str) -> SessionPart:
    webex = event.district.webex
    return SessionPart(
        id=global_uid(event),
        district=event.district.number,
        counties=[Named(slug=c.slug, name=c.name[lang]) for c in year.district_counties(event.district)],
        track=Named(slug=event.track.slug, name=event.track.name[lang]),
        part=Named(slug=event.part.slug, name=event.part.label[lang]),
        date=event.start.date(),
        sign_in=event.start,
        start=event.content_start,
        end=event.end,
        webex=Meeting(url=webex.url, meeting_number=webex.meeting_number, password=webex.password),
    )


def sessions_data(year: Year, lang: str) -> SessionsData:
    """The year's online session parts in ``lang``, in time order, as the calendars have them."""
    events = year.all_events()
    return SessionsData(
        year=year.number,
        language=HTML_LANG[lang],
        title=year.info.title[lang],
        organizer=year.info.organizer.name[lang],
        updated=max(_as_taipei(moment) for moment in [year.info.published, *(e.stamp for e in events)]),
        sessions=[_part(year, event, lang) for event in events],
    )


def sessions_json(data: SessionsData) -> str:
    return json.dumps(data.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


CSV_HEADER = (
    "data_district",
    "data_counties",
    "data_track",
    "data_part",
    "data_date",
    "data_sign_in",
    "data_start",
    "data_end",
    "data_webex",
    "data_meeting_number",
    "data_password",
)


def _row(part: SessionPart, lang: str) -> list[str]:
    return [
        str(part.district),
        strings(lang).list_sep.join(county.name for county in part.counties),
        part.track.name,
        part.part.name,
        part.date.isoformat(),
        hhmm(part.sign_in),
        hhmm(part.start),
        hhmm(part.end),
        part.webex.url,
        part.webex.meeting_number,
        part.webex.password,
    ]


# A spreadsheet runs a cell that begins with one of these as a formula (=HYPERLINK(...)); OWASP's
# guidance on CSV injection is to begin such a cell with a quote, which the spreadsheet then hides.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: str) -> str:
    """``cell`` as a spreadsheet shows it but never runs it: a leading ``'`` before a formula's first character."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def sessions_csv(data: SessionsData, lang: str) -> bytes:
    """The sessions as a table, one row per part; headers in ``lang``; no cell a formula."""
    text = io.StringIO(newline="")
    writer = csv.writer(text)  # CRLF line ends, quotes only where a value needs them
    writer.writerow([neutralised(strings(lang)[key]) for key in CSV_HEADER])
    writer.writerows([neutralised(cell) for cell in _row(part, lang)] for part in data.sessions)
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def render_open_data(project: Project, output: Output) -> None:
    """Add every year's open data, in each language, to ``output``."""
    schema = schema_text()
    for year in project.years:
        for lang in LANGS:
            data = sessions_data(year, lang)
            output.add(urls.open_data(lang, year.number, "csv"), sessions_csv(data, lang))
            output.add(urls.open_data(lang, year.number, "json"), sessions_json(data))
            output.add(urls.open_data(lang, year.number, "schema"), schema)


# --- schema.org Events in the pages -----------------------------------------------------------------

SCHEMA_ORG = "https://schema.org"
# Inside <script>, "</script>" or "<!--" in a value would end or confuse the element: JSON may
# write any character as a \u escape, so these never appear as themselves.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _event_ld(year: Year, event: OnlineEvent, lang: str, base_url: str) -> dict[str, object]:
    counties = year.district_counties(event.district)
    item: dict[str, object] = {
        "@context": SCHEMA_ORG,
        "@type": "Event",
        "name": summary(event, lang),
        "startDate": event.start.isoformat(),
        "endDate": event.end.isoformat(),
        "eventStatus": f"{SCHEMA_ORG}/EventScheduled",
        "eventAttendanceMode": f"{SCHEMA_ORG}/OnlineEventAttendanceMode",
        "location": {"@type": "VirtualLocation", "url": event.district.webex.url},
        "organizer": _organizer_ld(year, lang),
        "inLanguage": HTML_LANG[lang],
        # whose schools it is for: the district's counties (who, by duty, is on the agenda page)
        "audience": {
            "@type": "Audience",
            "geographicArea": [{"@type": "AdministrativeArea", "name": c.name[lang]} for c in counties],
        },
    }
    link = agenda_url(base_url, event, lang)
    if link:
        item["url"] = link
    return item


def _organizer_ld(year: Year, lang: str) -> dict[str, object]:
    organizer = year.info.organizer
    found: dict[str, object] = {"@type": "Organization", "name": organizer.name[lang]}
    if organizer.website:
        found["url"] = organizer.website
    return found


def json_ld(year: Year, events: Sequence[Event], lang: str, base_url: str = "") -> str:
    """The online ``events`` as schema.org Events: JSON-LD, safe to stand inside a <script> element."""
    items = [_event_ld(year, event, lang, base_url) for event in events if isinstance(event, OnlineEvent)]
    return json.dumps(items, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)
