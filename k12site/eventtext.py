"""What an event says in words: its summary, description and location, and its Google link.

The calendar files and the pages say the same things about an event, in each language; both
take their wording from here. Nothing here needs the `icalendar` library, so a page can link
to Google Calendar without loading it.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from . import dates, urls
from .project import Event, Year

GOOGLE_RENDER = "https://calendar.google.com/calendar/render"
UID_DOMAIN = "k12-sis-training"

# Calendar wording in both languages; data supplies names, dates and numbers.
STRINGS: dict[str, dict[str, str]] = {
    "training": {"zh-tw": "{track}教育訓練", "en": "{track} training"},
    "part": {"zh-tw": "・{part}", "en": " – {part}"},
    "district": {"zh-tw": "（第{number}區）", "en": " (district {number})"},
    "onsite_summary": {"zh-tw": "{county}{kind}", "en": "{kind} – {county}"},
    "briefing": {"zh-tw": "實體簡報場", "en": "In-person briefing session"},
    "hands_on": {"zh-tw": "駐點實機場", "en": "On-site hands-on session"},
    "when": {"zh-tw": "時間：{date} {start}–{end}（臺北時間）", "en": "When: {date}, {start}–{end} Taipei time (UTC+8)"},
    "starts": {
        "zh-tw": "本行事曆活動從開放簽到時起算：{start} 開放進入並簽到，{content} 開始上課，{end} 簽退後結束。",
        "en": "This calendar entry starts when sign-in opens: sign-in opens at {start}, the content starts at {content}, and it ends with sign-out at {end}.",
    },
    "hours": {"zh-tw": "研習時數：{hours} 小時", "en": "Professional development hours: {hours}"},
    "webex": {"zh-tw": "Webex 會議連結：{url}", "en": "Webex link: {url}"},
    "meeting_number": {"zh-tw": "會議號：{value}", "en": "Meeting number: {value}"},
    "password": {"zh-tw": "密碼：{value}", "en": "Password: {value}"},
    "display_name": {"zh-tw": "加入會議時的顯示名稱：{format}", "en": "Display name when you join: {format}"},
    "examples": {"zh-tw": "範例：", "en": "Examples, by county:"},
    "example": {"zh-tw": "{example}", "en": "{county}: {example}"},
    "county_word": {"zh-tw": "縣市", "en": "county"},
    "venue": {"zh-tw": "地點：{venue}", "en": "Venue: {venue}"},
    "agenda": {"zh-tw": "議程：{url}", "en": "Agenda: {url}"},
    "name": {"zh-tw": "{title}：{scope}", "en": "{title}: {scope}"},
    "all": {"zh-tw": "全部場次", "en": "all sessions"},
    "district_name": {"zh-tw": "第{number}區", "en": "district {number}"},
    "session_name": {"zh-tw": "{track}（第{number}區）", "en": "{track} (district {number})"},
}


def phrase(key: str, lang: str, **values: object) -> str:
    return STRINGS[key][lang].format(**values)


def global_uid(event: Event) -> str:
    """The UID written to every file and both languages; never depends on the base URL."""
    return f"{event.uid}@{UID_DOMAIN}"


def summary(event: Event, lang: str) -> str:
    """人力網教育訓練・上午場（第5區） / HR Network training – Morning session (district 5)"""
    if event.onsite is not None:
        kind = phrase(event.onsite.kind, lang)
        return phrase("onsite_summary", lang, county=event.county.name[lang], kind=kind)
    text = phrase("training", lang, track=event.track.name[lang])
    if len(event.track.parts) > 1:
        text += phrase("part", lang, part=event.part.label[lang])
    return text + phrase("district", lang, number=event.district.number)


def agenda_url(base_url: str, event: Event, lang: str) -> str | None:
    """The absolute URL of the event's agenda page, or None when no base URL is configured."""
    if not base_url:
        return None
    if event.onsite is not None:
        page = urls.Page("onsite", lang, event.year)
    else:
        page = urls.Page("agenda", lang, event.year, event.track.slug)
    return urls.absolute(base_url, page.dir)


def _clock(moment: dt.datetime) -> str:
    return moment.strftime("%H:%M")


def description(year: Year, event: Event, lang: str, base_url: str = "", *, brief: bool = False) -> str:
    """The event's description: when, how to join, hours and the agenda link.

    ``brief`` leaves out the display-name examples of every county, for links that carry the
    description in their address (Google Calendar).
    """
    lines = [
        phrase("when", lang, date=dates.long_date(event.start.date(), lang),
           start=_clock(event.start), end=_clock(event.end)),
        phrase("starts", lang, start=_clock(event.start), content=_clock(event.content_start),
           end=_clock(event.end)),
    ]
    if event.hours:
        lines.append(phrase("hours", lang, hours=event.hours))
    if event.onsite is not None:
        lines += ["", phrase("venue", lang, venue=event.onsite.venue[lang])]
    else:
        lines += ["", *_joining_lines(year, event, lang, brief)]
    link = agenda_url(base_url, event, lang)
    if link:
        lines += ["", phrase("agenda", lang, url=link)]
    return "\n".join(lines)


def _joining_lines(year: Year, event: Event, lang: str, brief: bool = False) -> list[str]:
    """Webex link, meeting number, password, and the display name with each county's example.

    The example names every county of the event's district, so the event reads the same in
    the county, district, track and all-sessions files. Display names are always in Chinese.
    """
    webex = event.district.webex
    name = year.joining.display_name
    lines = [
        phrase("webex", lang, url=webex.url),
        phrase("meeting_number", lang, value=webex.meeting_number),
        phrase("password", lang, value=webex.password),
        "",
        phrase("display_name", lang, format=name.format[lang].replace("{county}", phrase("county_word", lang))),
    ]
    if brief:
        return lines
    lines.append(phrase("examples", lang))
    for county in year.district_counties(event.district):
        example = name.example[lang].replace("{county}", county.name.zh)
        lines.append(phrase("example", lang, county=county.name[lang], example=example))
    lines.append(name.rule[lang])
    return lines


def location(event: Event, lang: str) -> str:
    if event.onsite is not None:
        return event.onsite.venue[lang]
    return event.district.webex.url


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def google_calendar_url(year: Year, event: Event, lang: str, base_url: str = "") -> str:
    """An "add to Google Calendar" link for one event, times in UTC with Z.

    Pass the site's ``base_url`` to include the agenda link, as the .ics files do.
    """
    query = {
        "action": "TEMPLATE",
        "text": summary(event, lang),
        "dates": f"{_utc(event.start)}/{_utc(event.end)}",
        "details": description(year, event, lang, base_url, brief=True),
        "location": location(event, lang),
    }
    return GOOGLE_RENDER + "?" + urlencode(query)
