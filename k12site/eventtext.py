"""What an event says in words: its summary, description and location, and its "add" links.

The calendar files and the pages say the same things about an event, in each language; both
take their wording from here. Nothing here needs the `icalendar` library, so a page can link
to Google Calendar or Outlook without loading it.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from . import dates, urls
from .dates import TIMEZONE
from .i18n import ONSITE_KIND, fill, strings
from .project import Event, OnlineEvent, OnsiteEvent, Year

GOOGLE_RENDER = "https://calendar.google.com/calendar/render"
# Outlook on the web: Microsoft 365 (the accounts schools use) first, then personal accounts.
OUTLOOK_COMPOSE = {
    "outlook_365": "https://outlook.office.com/calendar/0/deeplink/compose",
    "outlook_personal": "https://outlook.live.com/calendar/0/deeplink/compose",
}
UID_DOMAIN = "k12-sis-training"


def global_uid(event: Event) -> str:
    """The UID written to every file and both languages; never depends on the base URL."""
    return f"{event.uid}@{UID_DOMAIN}"


def summary(event: Event, lang: str) -> str:
    """人力網教育訓練・上午場（第5區） / HR Network training – Morning session (district 5)"""
    if isinstance(event, OnsiteEvent):
        t = strings(lang)
        kind = t[ONSITE_KIND[event.onsite.kind]]
        return fill(t.ics_onsite_summary, county=event.county.name[lang], kind=kind)
    t = strings(lang)
    text = fill(t.ics_training, track=event.track.name[lang])
    if len(event.track.parts) > 1:
        text += fill(t.ics_part, part=event.part.label[lang])
    return text + fill(t.ics_district, number=event.district.number)


def agenda_url(base_url: str, event: Event, lang: str) -> str | None:
    """The absolute URL of the event's agenda page, or None when no base URL is configured."""
    if not base_url:
        return None
    if isinstance(event, OnsiteEvent):
        page = urls.Page("onsite", lang, event.year)
    else:
        page = urls.Page("agenda", lang, event.year, event.track.slug)
    return urls.absolute(base_url, page.dir)


def hhmm(moment: dt.datetime) -> str:
    return moment.strftime("%H:%M")


def counties_url(base_url: str, event: Event, lang: str) -> str | None:
    """The absolute URL of the list of county pages of the event's year, or None without a base URL."""
    if not base_url:
        return None
    return urls.absolute(base_url, urls.county_finder(lang, event.year))


def link_details(event: Event, lang: str, base_url: str = "") -> str:
    """What an "add to calendar" link carries in its address: how to join, and where to check.

    Short, because every character is in the page's HTML (a Chinese one nine times over, encoded);
    the rest is on the county page, which the last line names.
    """
    t = strings(lang)
    if isinstance(event, OnsiteEvent):
        lines = [fill(t.ics_venue, venue=event.onsite.venue[lang])]
    else:
        webex = event.district.webex
        lines = [
            fill(t.ics_webex, url=webex.url),
            fill(t.ics_meeting_number, value=webex.meeting_number),
            fill(t.ics_password, value=webex.password),
        ]
    counties = counties_url(base_url, event, lang)
    return "\n".join([*lines, fill(t.ics_county_page_at, url=counties) if counties else t.ics_check_on_the_day])


def description(year: Year, event: Event, lang: str, base_url: str = "") -> str:
    """The event's description: when, how to join, the agenda link, and where a county's own rules are.

    It states the national plan only, the same in every file that holds the event: a county's
    letter (registration, leave, hours) is on that county's page, which the last lines point to.
    """
    t = strings(lang)
    start, end = hhmm(event.start), hhmm(event.end)
    lines = [
        fill(t.ics_when, date=dates.long_date(event.start.date(), lang), start=start, end=end),
        fill(t.ics_starts, start=start, content=hhmm(event.content_start), end=end),
    ]
    if isinstance(event, OnsiteEvent):
        lines += ["", fill(t.ics_venue, venue=event.onsite.venue[lang])]
    else:
        lines += ["", *_joining_lines(year, event, lang)]
    link = agenda_url(base_url, event, lang)
    if link:
        lines += ["", fill(t.ics_agenda, url=link)]
    counties = counties_url(base_url, event, lang)
    lines += ["", fill(t.ics_county_rules_at, url=counties) if counties else t.ics_county_rules]
    lines.append(t.ics_check_on_the_day)
    return "\n".join(lines)


def _joining_lines(year: Year, event: OnlineEvent, lang: str) -> list[str]:
    """Webex link, meeting number, password, and the display name with each county's example.

    The example names every county of the event's district, so the event reads the same in
    the county, district, track and all-sessions files. Display names are always in Chinese.
    """
    t = strings(lang)
    webex = event.district.webex
    name = year.joining.display_name
    lines = [
        fill(t.ics_webex, url=webex.url),
        fill(t.ics_meeting_number, value=webex.meeting_number),
        fill(t.ics_password, value=webex.password),
        "",
        fill(t.ics_display_name, format=fill(name.format[lang], county=t.county_placeholder)),
    ]
    lines.append(t.ics_examples)
    for county in year.district_counties(event.district):
        example = fill(name.example[lang], county=county.name.zh)
        lines.append(fill(t.ics_example, county=county.name[lang], example=example))
    lines.append(name.rule[lang])
    return lines


def location(event: Event, lang: str) -> str:
    if isinstance(event, OnsiteEvent):
        return event.onsite.venue[lang]
    return event.district.webex.url


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def google_calendar_url(year: Year, event: Event, lang: str, base_url: str = "") -> str:
    """An "add to Google Calendar" link for one event, times in UTC with Z.

    Pass the site's ``base_url`` to include the agenda link, as the .ics files do.
    """
    query = {
        "action": "TEMPLATE",
        "text": summary(event, lang),
        "dates": f"{_utc(event.start)}/{_utc(event.end)}",
        "details": link_details(event, lang, base_url),
        "location": location(event, lang),
        "ctz": TIMEZONE,
    }
    return GOOGLE_RENDER + "?" + urlencode(query)


def outlook_calendar_urls(year: Year, event: Event, lang: str, base_url: str = "") -> dict[str, str]:
    """ "Add to Outlook" links for one event, by the interface string that names each service."""
    query = urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": summary(event, lang),
            "startdt": event.start.isoformat(),
            "enddt": event.end.isoformat(),
            "body": link_details(event, lang, base_url),
            "location": location(event, lang),
        }
    )
    return {name: f"{address}?{query}" for name, address in OUTLOOK_COMPOSE.items()}
