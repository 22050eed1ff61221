"""The declarative data model: one pydantic class per YAML file and its parts.

Every model forbids unknown keys. Every string a reader sees is a `Text` holding both languages,
or a `LineText` where it must fit on one line: a name, title, label or venue. The one exception
is a county letter's quoted words (`QuotedText`, `QuotedLine`): they may publish in Chinese
before their English is written, marked ``translation: pending``.
Values that can be computed (weekdays, ROC dates, durations, totals, a district's counties) are
not fields here; `k12site.project` derives them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _one_line(value: str) -> str:
    if "\n" in value:
        raise PydanticCustomError("one_line", "must be one line: it holds a line break")
    if value != value.strip():
        end = "starts" if value[0].isspace() else "ends"
        char = value[0] if end == "starts" else value[-1]
        raise PydanticCustomError(
            "one_line_space",
            "{end} with a space ({char}); delete it: a copied space makes the text differ from what readers type",
            {"end": end, "char": _name(char)},
        )
    invisible = INVISIBLE.search(value)
    if invisible:
        raise PydanticCustomError(
            "one_line_invisible",
            "holds {char} at character {column}, an invisible character that changes what the text says "
            "or how it can be typed back; delete it",
            {"char": _name(invisible[0]), "column": invisible.start() + 1},
        )
    return value


# Bidirectional controls (a right-to-left override shows k12ea0812 as k12ea2180), zero-width
# characters and other invisible format characters: copy-paste from a word processor or a chat
# app brings them, and a reader can neither see nor type them back.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb]"
)


def _name(char: str) -> str:
    """A character as a message names it: U+202E RIGHT-TO-LEFT OVERRIDE."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'an unnamed character')}"


NonEmpty = Annotated[str, StringConstraints(min_length=1), AfterValidator(_not_blank)]
# A name, title, label, password or reference: a line break, an invisible character or a
# space at either end of one would break a heading, a calendar's name, a line of a letter or a
# password typed back. The pattern tells editors; the validator, `check`.
Line = Annotated[NonEmpty, AfterValidator(_one_line), Field(json_schema_extra={"pattern": r"^[^\n]*$"})]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]


def _whole(value: object) -> object:
    """A count or number is written as digits only: 1.000 or 1e3 would be read as 1 or refused late."""
    if isinstance(value, str) and not re.fullmatch(r"[0-9]+", value):
        raise PydanticCustomError("whole_number", "is not a whole number written in digits")
    return value


def _iso_date(value: object) -> object:
    """A date is written YYYY-MM-DD: pydantic alone would also take 20250728 or 2025-07-28T00:00."""
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise PydanticCustomError("date_shape", "is not a date written YYYY-MM-DD")
    return value


INSTANT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?")
OFFSET = re.compile(r"Z|[+-][0-9]{2}:[0-9]{2}")


def _iso_instant(value: object) -> object:
    """A moment is an ISO date and time with its offset: digits would be read as Unix seconds
    (20250728 is 23 Aug 1970), and a time without an offset names no moment."""
    if not isinstance(value, str):
        return value
    moment = INSTANT.match(value)
    if moment and value[moment.end() :] == "":
        raise PydanticCustomError(
            "time_zone",
            "give the time zone, e.g. {example}+08:00 for Taipei time",
            {"example": value.replace(" ", "T")},
        )
    if not moment or not OFFSET.fullmatch(value[moment.end() :]):
        raise PydanticCustomError("instant_shape", "is not a date and time with its time zone")
    return value


def _host(url: str) -> str:
    """What stands between ``https://`` and the path, query or fragment of ``url``."""
    return re.split(r"[/?#]", url.removeprefix("https://"), maxsplit=1)[0]


def _url_problem(value: str) -> str | None:
    """Why ``value`` is not a plain https://host/path link, or None."""
    if not value.startswith("https://"):
        return "only https links are allowed here"
    if BAD_URL_CHARACTER.search(value):
        return "a link holds no spaces, quotes, angle brackets or backslashes"
    host = _host(value)
    if "@" in host:
        return "a link names no user before its host (the host is what follows '@')"
    if not HOST.fullmatch(host):
        return "its host is not a name such as example.org"
    return None


BAD_URL_CHARACTER = re.compile(r"[\s\"'<>\\`{}|^]")
HOST = re.compile(r"([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}", re.I)


def _https_url(value: str) -> str:
    problem = _url_problem(value)
    if problem is not None:
        raise ValueError(f"{value!r} is not an https:// link; {problem}")
    return value


def _time_of_day(value: str) -> str:
    match = re.fullmatch(r"([01][0-9]|2[0-3]):([0-5][0-9])", value)
    if not match:
        raise ValueError(f"{value!r} is not a time of day written as HH:MM (24-hour)")
    return value


HttpsUrl = Annotated[str, AfterValidator(_https_url)]
TimeOfDay = Annotated[str, AfterValidator(_time_of_day)]
# An address only: no display name, quotes, ?cc= or %0A that a mailto: link would carry along.
Email = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._+-]+@([A-Za-z0-9-]+\.)+[A-Za-z]{2,}$")]
Whole = Annotated[int, BeforeValidator(_whole)]
Date = Annotated[dt.date, BeforeValidator(_iso_date)]
Instant = Annotated[dt.datetime, BeforeValidator(_iso_instant)]
Phone = Annotated[str, StringConstraints(pattern=r"^[0-9+][0-9 -]*(#[0-9]+)?$")]


class Text(Model):
    """A piece of text a reader sees, in Traditional Chinese and in English."""

    zh: NonEmpty
    en: NonEmpty

    def __getitem__(self, lang: str) -> str:
        return self.zh if lang == "zh-tw" else self.en

    def by_lang(self) -> dict[str, str]:
        return {"zh-tw": self.zh, "en": self.en}


class LineText(Text):
    """A piece of text a reader sees, in both languages, on one line: a name, title, label or venue."""

    zh: Line
    en: Line


class Item(Model):
    """A numbered or bulleted point, with nested points (一、 (一) 1、 in a letter)."""

    text: Text
    items: list[Item] = []


class QuotedText(Model):
    """A county letter's words as written, and their English once someone has translated them.

    Until then ``translation: pending`` stands in place of ``en`` (`build.py letter import`
    writes it so): the English pages show the Chinese, marked as Chinese, with a note that the
    translation is pending, and `build.py check` lists it as information.
    """

    zh: NonEmpty
    en: NonEmpty | None = Field(None, description="The English translation; leave out while translation: pending.")
    translation: Literal["pending"] | None = Field(
        None, description="pending: the English is not written yet (the English pages show the Chinese)."
    )

    @model_validator(mode="after")
    def _english_or_pending(self) -> QuotedText:
        if self.en is None and self.translation is None:
            raise PydanticCustomError(
                "english_missing", "has no English: write it as en:, or write translation: pending until it is"
            )
        if self.en is not None and self.translation is not None:
            raise PydanticCustomError("english_pending", "has en: and translation: pending; delete the pending line")
        return self

    @property
    def pending(self) -> bool:
        return self.en is None

    def __getitem__(self, lang: str) -> str:
        return self.zh if lang == "zh-tw" or self.en is None else self.en

    def by_lang(self) -> dict[str, str]:
        return {"zh-tw": self.zh, "en": self["en"]}


class QuotedLine(QuotedText):
    """A county letter's words on one line, as written (a name, an address), and their English."""

    zh: Line
    en: Line | None = Field(None, description="The English translation; leave out while translation: pending.")


class QuotedItem(Model):
    """A point of a county letter's 說明, as written (一、 (一) 1、 by its nesting), with its points."""

    text: QuotedText
    items: list[QuotedItem] = []


class Window(Model):
    """A span of whole days, both ends included."""

    start: Date
    end: Date

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


# --- the front matter of content/<year>/<name>.<lang>.md -------------------------------------


class PageFrontMatter(Model):
    """What a page written in Markdown says about itself, in its own language, above its text."""

    title: Line = Field(description="The page's title: its heading, and its name in the menu.")
    menu: Whole | None = Field(
        None, gt=0, description="Its place in the menu, after the built-in pages (1 first); none: not in the menu."
    )
    description: Line | None = Field(None, description="A sentence for search engines; the site's own if none.")


class HomeFrontMatter(Model):
    """The front matter of a year's home page text (home.<lang>.md), which it may leave out."""

    description: Line | None = Field(None, description="A sentence for search engines; year.yaml's summary if none.")


# --- data/site.yaml -------------------------------------------------------------------------


class Maintainers(Model):
    """The people who keep the site: county staff without a GitHub account report errors to them by e-mail."""

    name: LineText = Field(description="How pages name them, e.g. 本網站維護團隊 / the site's maintainers.")
    email: Email = Field(description="A monitored inbox; every page's footer links it with the page in the subject.")


class Site(Model):
    """Settings for the whole site, shared by every academic year."""

    title: LineText
    description: Text
    languages: list[Literal["zh-tw", "en"]] = Field(
        ["zh-tw", "en"], description="Traditional Chinese first, then English; both are required."
    )
    base_url: str = Field(
        "", description="Absolute https:// URL the site is published at, ending in '/'; empty for none."
    )
    calendar_prodid: Line = Field(
        "-//k12-sis-training//site generator",
        description="The calendars' PRODID without a language: each file adds its own (//ZH-TW or //EN).",
    )
    calendar_refresh_hours: Whole = Field(12, ge=1, le=24 * 7)
    maintainers: Maintainers = Field(
        description="Who keeps this site, and the address every page gives for reporting an error by e-mail."
    )


# --- data/counties.yaml ---------------------------------------------------------------------


class County(Model):
    slug: Slug
    name: LineText


class CountiesFile(Model):
    counties: list[County]


# --- data/<year>/year.yaml ------------------------------------------------------------------


class Body(Model):
    name: LineText
    short: LineText | None = None


class Organizer(Body):
    """The body that runs the training; it, not this site, schedules in-person and on-site sessions."""

    scheduling: Text = Field(
        description="How a county asks for an in-person briefing or on-site hands-on session, as the plan says it; "
        "every page's footer shows it."
    )
    website: HttpsUrl | None = Field(
        None, description="The organizer's own site (https://), linked beside `scheduling`; none: no link."
    )


class PlanLetter(Model):
    """The organizer's letter that sets out the plan: every county's forwarding letter cites it (說明一)."""

    date: Date = Field(description="Its date (發文日期), e.g. 2025-07-04.")
    reference: Line = Field(description="Its reference (發文字號) as written, e.g. 臺教國署國字第1145503078A號.")


class YearFile(Model):
    """The academic year and the facts of the national plan shared by all its pages.

    What one county's letter adds for its own schools (registration, leave, hours) is not here:
    it is that county's notice (`NoticeFile.instructions`).
    """

    academic_year: Whole = Field(ge=100, le=200, description="ROC academic year, e.g. 114 (= 2025).")
    title: LineText
    short_title: LineText = Field(description="A short form of the title, for calendar names in phone apps.")
    organizer: Organizer
    systems: dict[Slug, Body] = Field(description="The systems the training covers, by slug.")
    summary: Text
    published: Instant = Field(
        description="When the plan was published, with its time zone, e.g. 2025-07-21T08:00:00+08:00; "
        "becomes DTSTAMP in calendars."
    )
    handbook: Text = Field(description="The process description's note on handbooks, for every county.")
    plan_letter: PlanLetter | None = Field(
        None,
        description="The organizer's letter that counties' letters cite; held once here, never in a county's file. "
        "None: the county offices' draft leaves that citation for the office to write.",
    )


# --- data/<year>/joining.yaml ---------------------------------------------------------------


class DisplayName(Model):
    format: LineText = Field(description="Use {county} where the county's name goes.")
    example: LineText = Field(description="Use {county} where the county's name goes.")
    rule: Text


class JoiningFile(Model):
    """How to join an online session: software, capacity, display name, audio check."""

    software: Line
    capacity: Whole = Field(gt=0)
    open_to_other_districts: bool
    display_name: DisplayName
    audio_check_intro: Text
    audio_check: list[Text]


# --- data/<year>/districts.yaml -------------------------------------------------------------


def _webex_url(value: str) -> str:
    host = _host(value).lower()
    if host != "webex.com" and not host.endswith(".webex.com"):
        raise ValueError(f"{value!r} is not a Webex meeting link: its host {host!r} is not webex.com or under it")
    return value


def _password(value: str) -> str:
    if not re.fullmatch(r"[!-~]+", value):
        raise ValueError(
            f"{value!r} is not a meeting password: letters, digits and the symbols of a keyboard, without spaces"
        )
    return value


class Webex(Model):
    """The facts a reader types or taps to join: each held to its own shape."""

    url: Annotated[HttpsUrl, AfterValidator(_webex_url)]
    meeting_number: Annotated[str, StringConstraints(pattern=r"^[0-9]{4} [0-9]{3} [0-9]{4}$")]
    password: Annotated[Line, AfterValidator(_password)]


class District(Model):
    number: Whole = Field(ge=1)
    counties: list[Slug] = Field(min_length=1)
    schools: Whole = Field(gt=0, description="Total number of schools in the district.")
    webex: Webex
    notes: list[Text] = Field(
        [],
        description="The plan's notes on this district, for every county; a county letter's own note "
        "(such as which sessions its schools should preferably attend) is that letter's `instructions`.",
    )


class DistrictsFile(Model):
    districts: list[District]


# --- data/<year>/tracks.yaml ----------------------------------------------------------------

SlotKind = Literal["sign_in", "talk", "break", "sign_out"]
Period = Literal["full_day", "morning", "afternoon"]


class Slot(Model):
    start: TimeOfDay
    end: TimeOfDay | None = None
    kind: SlotKind
    title: LineText | None = None
    items: list[Item] = []
    audio_check: Literal["none", "reminder", "steps"] = Field(
        "none", description="Show joining.yaml's audio check: its intro only, or with the steps."
    )
    speaker: LineText | None = None


class Part(Model):
    """A block of a training day with its own sign-in and sign-out."""

    slug: Slug
    period: Literal["morning", "afternoon", "full_day"]
    label: LineText
    slots: list[Slot] = Field(min_length=1)


class Track(Model):
    slug: Slug
    system: Slug = Field(description="A key of `systems` in year.yaml.")
    name: LineText
    audience: Text
    topics: Text
    window: Window
    parts: list[Part] = Field(min_length=1)


class TracksFile(Model):
    tracks: list[Track]


# --- data/<year>/sessions.yaml --------------------------------------------------------------


class Session(Model):
    district: Whole
    track: Slug
    date: Date
    period: Period
    sequence: Whole = Field(0, ge=0, description="Raise by one each time the session is rescheduled.")
    updated: Instant | None = Field(
        None, description="When this session last changed, with its time zone, e.g. 2025-07-28T09:00:00+08:00."
    )
    on_weekend: bool = Field(
        False,
        description="True when a Saturday or Sunday date is meant (e.g. a make-up workday); "
        "otherwise a weekend date is a warning.",
    )


class SessionsFile(Model):
    sessions: list[Session]


# --- data/<year>/changes.yaml ---------------------------------------------------------------


class SessionRef(Model):
    """An online session, named as sessions.yaml names it."""

    district: Whole
    track: Slug


class Change(Model):
    """A change to a fact the site has published, as its readers must be told of it."""

    date: Instant = Field(
        description="When the change was published, with its time zone, e.g. 2025-07-28T09:00:00+08:00; "
        "each change has its own time: its feed entry is named by it."
    )
    text: Text = Field(description="What changed, in both languages, as the changes page and the feed say it.")
    sessions: list[SessionRef] = Field([], description="The online sessions it concerns: they show 'changed on'.")
    districts: list[Whole] = Field([], description="The districts it concerns, by number (a new link or password).")
    counties: list[Slug] = Field([], description="The counties it concerns, by slug.")


class ChangesFile(Model):
    """What changed in the year's published facts, that readers must know: a moved session, a new
    link or password. Optional: a year without it has no changes. A typo fix needs no record."""

    changes: list[Change] = []


# --- data/<year>/process.yaml ---------------------------------------------------------------


class ProcessFile(Model):
    """The national plan as the site states it for every county, from the Administration's
    process description; a county's copy of the description is quoted under its notice."""

    title: LineText
    issuer: LineText
    purposes: list[Item]
    method: Text
    online_window: Window
    onsite_application_window: Window
    notes: list[Item]
    online_intro: Text


# --- data/<year>/onsite.yaml ----------------------------------------------------------------


class OnsiteSession(Model):
    county: Slug
    kind: Literal["briefing", "hands_on"]
    date: Date
    start: TimeOfDay
    end: TimeOfDay
    venue: LineText
    sequence: Whole = Field(0, ge=0, description="Raise by one each time the session is rescheduled.")
    updated: Instant | None = Field(
        None, description="When this session last changed, with its time zone, e.g. 2025-07-28T09:00:00+08:00."
    )
    on_weekend: bool = Field(
        False, description="True when a Saturday or Sunday date is meant; otherwise a weekend date is a warning."
    )


class CheckItem(Model):
    slug: Slug
    condition: LineText
    bring: Text
    options: list[Text] = []
    options_rule: Text | None = None


class OnsiteFile(Model):
    """On-site hands-on troubleshooting: when, where, what to bring, the agenda."""

    title: LineText
    when: Text
    where: Text
    bring_intro: Text
    checklist: list[CheckItem]
    slots: list[Slot]
    sessions: list[OnsiteSession] = []


# --- data/<year>/notices/<county>.yaml ------------------------------------------------------


class Contact(Model):
    name: QuotedLine
    phone: Phone
    email: Email


class QuotedRow(Model):
    cells: list[list[Passage]] = Field(description="One list of passages per column; [] for an empty cell.")


class QuotedTable(Model):
    """A table of a quoted document, as written; its caption is the passage it stands under."""

    columns: list[LineText] = Field(min_length=1)
    rows: list[QuotedRow] = Field(min_length=1)


class Omission(Model):
    """A part of a quoted document the site shows elsewhere; its note is the site's own words."""

    note: Text = Field(description="The site's note, shown outside the quotation, where this part went.")
    page: Literal["sessions", "onsite", "process"] = Field(description="The page of this site that shows it.")


class Passage(Model):
    """A point of a quoted document as written: its own marker (壹、 一、 (一) 1. ▪), its words,
    the points under it, then a table."""

    marker: Line | None = Field(None, description="As written in the document, e.g. 壹、, (一), 1., ▪.")
    slug: Slug | None = Field(None, description="A name for links to this point: #point-<slug>.")
    text: Text | None = None
    items: list[Passage] = []
    table: QuotedTable | None = None
    omitted: Omission | None = None


class AttachmentText(Model):
    """An attachment's text as written: the lines of its title, then its points."""

    heading: list[LineText] = Field(min_length=1)
    passages: list[Passage] = Field(min_length=1)


class Attachment(Model):
    label: QuotedLine = Field(description="The letter's 附件 field as written, e.g. 如說明九.")
    file: Line
    text: AttachmentText | None = Field(None, description="Its text as written, quoted on the notice page.")


class Instruction(Model):
    """Something a county's letter asks of its own schools, in the site's words.

    The letter's own words stay in `NoticeFile.items` and its attachment's text; ``item`` and
    ``attachment`` name where this comes from, and the county's page links the quoted words.
    """

    text: Text = Field(description="The site's summary; the letter's words are quoted in `items`.")
    item: Whole | None = Field(
        None, ge=1, description="The number of the letter's 說明 item it comes from: 1 for 一、, 5 for 五、."
    )
    attachment: Slug | None = Field(None, description="The slug of the attachment's point it comes from.")


class LabelledInstruction(Instruction):
    label: LineText = Field(description="A short heading, e.g. 特殊教育學校 / Special education school.")


class SessionHours(Model):
    """Hours for attending the whole of one part of one online session of the plan.

    The session is named as sessions.yaml names it (district and track), so its date is typed
    once, there: a session that moves keeps its hours.
    """

    district: Whole = Field(description="The session's district number in sessions.yaml.")
    track: Slug = Field(description="The session's track slug in sessions.yaml.")
    part: Slug = Field(description="A part slug of that track held in that session: morning, afternoon, day...")
    hours: Whole = Field(gt=0, le=24)


class HoursInstruction(Instruction):
    sessions: list[SessionHours] = Field(min_length=1)


class CountyInstructions(Model):
    """What one county's letter adds to the plan for its own schools; shown on its pages only."""

    priority: Instruction | None = Field(
        None,
        description="Which sessions the letter (or its attachment) asks its schools to preferably attend "
        "(優先參與): shown above the sessions on the county's page only.",
    )
    registration: Instruction | None = Field(None, description="Where and how its participants register.")
    leave: Instruction | None = Field(None, description="Official leave (公假), if the county grants it.")
    hours: HoursInstruction | None = Field(None, description="Professional development hours, by session and part.")
    other: list[LabelledInstruction] = Field([], description="Anything else the letter asks of its schools.")

    @property
    def empty(self) -> bool:
        """Nothing written yet: the county page shows the letter's own subject and items instead."""
        return not self.other and all(
            getattr(self, name) is None for name in ("priority", "registration", "leave", "hours")
        )


class NoticeFile(Model):
    """A county government's official letter (函) forwarding the plan to its schools.

    ``items`` and the rest of the letter are quoted as written; ``instructions`` holds, in the
    site's words, what the letter adds for the county's own schools.
    """

    kind: Literal["函", "書函"] = Field("函", description="函, or 書函 for a less formal letter.")
    sender: QuotedLine
    address: QuotedLine
    contact: Contact
    addressee: QuotedLine
    date: Date
    reference: Line
    priority: QuotedLine
    classification: QuotedLine | None = None
    attachments: list[Attachment] = []
    subject: QuotedText
    items: list[QuotedItem]
    recipients: list[QuotedText]
    copies: list[QuotedText] = []
    copies_with_attachments: bool = Field(
        False, description="副本 … 含附件: the copies were sent with the attachments."
    )
    instructions: CountyInstructions = Field(
        CountyInstructions(),
        description="What the letter adds for the county's schools, in the site's words; written by a person, "
        "never by the import. Until then the county page shows the letter's subject and items.",
    )

    @property
    def kind_key(self) -> str:
        """The interface string that names the letter's kind: kind_letter (函) or kind_memo (書函)."""
        return "kind_memo" if self.kind == "書函" else "kind_letter"

    @property
    def pending(self) -> bool:
        """Whether any of the letter's quoted words still waits for its English."""
        return any(True for _ in pending_translations(self))


def pending_translations(model: BaseModel, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple, QuotedText]]:
    """Every `QuotedText` in ``model`` whose English is pending, with where it stands."""
    if isinstance(model, QuotedText):
        if model.pending:
            yield loc, model
        return
    for name in type(model).model_fields:
        value = getattr(model, name)
        values = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, each in values:
            if isinstance(each, BaseModel):
                yield from pending_translations(each, (*loc, name) if index is None else (*loc, name, index))


# --- data/urls.yaml -------------------------------------------------------------------------


class UrlLedger(Model):
    """Every URL the site has published: county letters link to them, so each must stay.

    `build.py urls --record` adds the new ones; a build that no longer produces a recorded URL
    fails, unless `moved` says where it went.
    """

    urls: list[NonEmpty] = Field(
        [],
        description="Every URL the site has published, relative to its address: a page by its folder "
        "(en/114/counties/pingtung/), any other file by its path (en/114/calendars/all.ics). Never remove one.",
    )
    moved: dict[NonEmpty, NonEmpty] = Field(
        {},
        description="Where a recorded URL went, old URL: new URL. The build leaves a page at the old URL that "
        "sends readers on (a calendar or other file gets the new one's content there too).",
    )
