"""Cross-checks beyond types: facts that span fields and files.

Each check takes what was loaded and returns located problems. A check whose inputs failed to
validate is skipped: their own problems are already reported.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from markdown_it import MarkdownIt

from . import models
from .datafiles import Loaded, YearModels
from .dates import ROC_OFFSET
from .i18n import LANGS, fill
from .markdown import is_safe_link
from .problems import Problem
from .project import minutes_between
from .urls import base_url_problem
from .yamlfile import YamlFile


def check_counties(shared: Loaded) -> list[Problem]:
    counties = shared.model("counties", models.CountiesFile)
    if counties is None:
        return []
    source = shared.sources["counties"]
    return list(_unique(source, "counties", [c.slug for c in counties.counties], "slug"))


def _unique(source: YamlFile, list_key: str, values: list[Any], attr: str) -> Iterator[Problem]:
    seen: dict[Any, int] = {}
    for index, value in enumerate(values):
        if value in seen:
            yield source.problem((list_key, index, attr), f"{value!r} is already used by {list_key}[{seen[value]}]")
        else:
            seen[value] = index


def check_year(year: int, shared: Loaded, loaded: Loaded) -> list[Problem]:
    files, sources = YearModels.of(loaded), loaded.sources
    counties = shared.model("counties", models.CountiesFile)
    county_slugs = {c.slug for c in counties.counties} if counties else None
    problems: list[Problem] = []
    if files.year is not None:
        problems += _year(sources["year"], files.year, year)
    if files.districts is not None:
        problems += _districts(sources["districts"], files.districts.districts, county_slugs)
    if files.sessions is not None:
        problems += _session_warnings(sources["sessions"], files.sessions.sessions)
    if files.joining is not None:
        problems += _joining(sources["joining"], files.joining)
    if files.onsite is not None:
        problems += _onsite(sources["onsite"], files.onsite, county_slugs, files.process)
    if files.process is not None:
        problems += _process(sources["process"], files.process, year)
    problems += _notice_names(files, sources, county_slugs) + _counties_of_the_year(files, sources, county_slugs)
    problems += _across_files(files, sources) + _changes(files, sources)
    return problems + _notices(files, sources)


def _year(source: YamlFile, info: models.YearFile, year: int) -> Iterator[Problem]:
    if info.academic_year != year:
        yield source.problem(("academic_year",), f"{info.academic_year} does not match the folder data/{year}/")
    yield from _instant(source, ("published",), info.published)
    if info.plan_letter is not None:  # a year copied from the last keeps the last year's letter
        roc = info.plan_letter.date.year - ROC_OFFSET
        if roc not in (year - 1, year):
            yield source.problem(
                ("plan_letter", "date"),
                f"{info.plan_letter.date} is of ROC year {roc}, not of academic year {year}: is it last year's "
                "letter? Give the organizer's letter for this year, or delete plan_letter until it is out",
                warning=True,
            )


def _across_files(files: YearModels, sources: dict[str, YamlFile]) -> list[Problem]:
    problems: list[Problem] = []
    if files.tracks is not None:
        systems = set(files.year.systems) if files.year is not None else None
        problems += _tracks(sources["tracks"], files.tracks.tracks, systems, files.process)
    if files.sessions is not None and files.districts is not None and files.tracks is not None:
        problems += _sessions(
            sources["sessions"], files.sessions.sessions, files.districts.districts, files.tracks.tracks
        )
    return problems


def _changes(files: YearModels, sources: dict[str, YamlFile]) -> list[Problem]:
    """A change names what exists, at its own time; a moved session has a change that names it."""
    if files.changes_failed:
        return []  # its own problems are reported
    changes = files.changes.changes if files.changes is not None else []
    problems: list[Problem] = []
    if changes:
        source = sources["changes"]
        problems += _change_times(source, changes)
        problems += _change_refs(source, changes, files.sessions, files.districts)
    if files.sessions is not None:
        problems += _unrecorded_moves(sources["sessions"], files.sessions.sessions, changes)
    return problems


def _change_times(source: YamlFile, changes: list[models.Change]) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, change in enumerate(changes):
        yield from _instant(source, ("changes", i, "date"), change.date)
        minute = change.date.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        if minute in seen:
            yield source.problem(
                ("changes", i, "date"),
                f"{minute} is already the time of changes[{seen[minute]}]; "
                "give each change its own time: its feed entry is named by it",
            )
        seen.setdefault(minute, i)


def _change_refs(
    source: YamlFile,
    changes: list[models.Change],
    sessions: models.SessionsFile | None,
    districts: models.DistrictsFile | None,
) -> Iterator[Problem]:
    """Each session, district and county a change names is one of the year's."""
    held = {(s.district, s.track) for s in sessions.sessions} if sessions is not None else None
    numbers = {d.number for d in districts.districts} if districts is not None else None
    counties = {slug for d in districts.districts for slug in d.counties} if districts is not None else None
    for i, change in enumerate(changes):
        for j, ref in enumerate(change.sessions):
            if held is not None and (ref.district, ref.track) not in held:
                yield source.problem(
                    ("changes", i, "sessions", j),
                    f"there is no session of district {ref.district} and track '{ref.track}' in sessions.yaml",
                )
        for j, number in enumerate(change.districts):
            if numbers is not None and number not in numbers:
                yield source.problem(("changes", i, "districts", j), f"there is no district {number} in districts.yaml")
        for j, slug in enumerate(change.counties):
            if counties is not None and slug not in counties:
                yield source.problem(
                    ("changes", i, "counties", j),
                    f"'{slug}' is not one of this year's counties (those its districts list)",
                )


def _unrecorded_moves(
    source: YamlFile, sessions: list[models.Session], changes: list[models.Change]
) -> Iterator[Problem]:
    """A rescheduled session (sequence above 0) needs a change that names it; a typo fix needs none."""
    named = {(ref.district, ref.track) for change in changes for ref in change.sessions}
    for i, session in enumerate(sessions):
        if session.sequence > 0 and (session.district, session.track) not in named:
            yield source.problem(
                ("sessions", i, "sequence"),
                f"is {session.sequence}, so the session was rescheduled, but no change in changes.yaml names it: "
                "a reader who saw the old time is not told; add a change record",
                warning=True,
            )


def _notice_names(files: YearModels, sources: dict[str, YamlFile], county_slugs: set[str] | None) -> list[Problem]:
    problems = []
    for slug in files.notices:
        if county_slugs is not None and slug not in county_slugs:
            message = f"'{slug}' is not a county slug from data/counties.yaml; name the file <county-slug>.yaml"
            problems.append(sources[f"notices/{slug}"].problem((), message))
    return problems


IN_NO_DISTRICT = "'{slug}' is in no district of this year's districts.yaml, so the year has no page for it; "


def _counties_of_the_year(files: YearModels, sources: dict[str, YamlFile], known: set[str] | None) -> list[Problem]:
    """A year has pages only for the counties its districts list: its notices and on-site sessions too."""
    if files.districts is None or known is None:
        return []
    listed = {slug for district in files.districts.districts for slug in district.counties}
    problems = []
    for slug in files.notices:
        if slug in known and slug not in listed:
            advice = "add it to a district, or name the file after one of the year's counties"
            problems.append(sources[f"notices/{slug}"].problem((), fill(IN_NO_DISTRICT, slug=slug) + advice))
    for i, session in enumerate(files.onsite.sessions if files.onsite is not None else []):
        if session.county in known and session.county not in listed:
            message = fill(IN_NO_DISTRICT, slug=session.county) + "add it to a district first"
            problems.append(sources["onsite"].problem(("sessions", i, "county"), message))
    return problems


def _notices(files: YearModels, sources: dict[str, YamlFile]) -> list[Problem]:
    """A letter's instructions point at its own items and at sessions of the plan.

    Hours are checked against the sessions only when those are sound, so that one mistake in
    sessions.yaml is not reported again in every letter.
    """
    problems: list[Problem] = []
    sessions, districts, tracks = files.sessions, files.districts, files.tracks
    sound = (
        sessions is not None
        and districts is not None
        and tracks is not None
        and not any(_sessions(sources["sessions"], sessions.sessions, districts.districts, tracks.tracks))
    )
    for slug, notice in files.notices.items():
        if notice is None:
            continue
        source = sources[f"notices/{slug}"]
        problems += _pending(source, notice)
        problems += _instruction_items(source, notice)
        problems += _attachments(source, notice)
        hours = notice.instructions.hours
        if hours is not None and sound and tracks is not None and sessions is not None:
            problems += _session_hours(source, hours.sessions, tracks.tracks, sessions.sessions)
    return problems


def _pending(source: YamlFile, notice: models.NoticeFile) -> Iterator[Problem]:
    """Each of the letter's words still waiting for its English: information, never an error."""
    for loc, text in models.pending_translations(notice):
        words = text.zh if len(text.zh) <= 24 else text.zh[:24] + "…"
        yield source.problem(
            (*loc, "translation"),
            f"English translation pending: {words} (the English pages show the Chinese until en: is written)",
            info=True,
        )


def _instructions(notice: models.NoticeFile) -> Iterator[tuple[tuple, models.Instruction]]:
    rules = notice.instructions
    for name in ("priority", "registration", "leave", "hours"):
        rule = getattr(rules, name)
        if rule is not None:
            yield ("instructions", name), rule
    for index, rule in enumerate(rules.other):
        yield ("instructions", "other", index), rule


def _instruction_items(source: YamlFile, notice: models.NoticeFile) -> Iterator[Problem]:
    count = len(notice.items)
    slugs = {slug for _, passage in _passages(notice) if (slug := passage.slug)}
    for loc, rule in _instructions(notice):
        if rule.item is not None and rule.item > count:
            yield source.problem(
                (*loc, "item"), f"there is no item {rule.item} in the letter's `items` (it has {count})"
            )
        if rule.attachment is not None and rule.attachment not in slugs:
            yield source.problem(
                (*loc, "attachment"), f"no point of the attachment's text has the slug '{rule.attachment}'"
            )


def _passages(notice: models.NoticeFile) -> Iterator[tuple[tuple, models.Passage]]:
    """Every point of every attachment's text, nested ones too, with its location."""

    def walk(loc: tuple, passages: list[models.Passage]) -> Iterator[tuple[tuple, models.Passage]]:
        for index, passage in enumerate(passages):
            yield (*loc, index), passage
            yield from walk((*loc, index, "items"), passage.items)

    for a, attachment in enumerate(notice.attachments):
        if attachment.text is not None:
            yield from walk(("attachments", a, "text", "passages"), attachment.text.passages)


def _attachments(source: YamlFile, notice: models.NoticeFile) -> Iterator[Problem]:
    """A quoted point says something; a table's rows have a cell per column; slugs are unique."""
    seen: set[str] = set()
    for loc, passage in _passages(notice):
        if passage.text is None and passage.table is None and not passage.items:
            yield source.problem(loc, "a point needs its text, its points (items) or a table")
        if passage.omitted is not None and passage.text is None:
            yield source.problem((*loc, "omitted"), "an omitted point keeps its heading as written: add its text")
        if passage.slug is not None and passage.slug in seen:
            yield source.problem((*loc, "slug"), f"'{passage.slug}' is already the slug of another point")
        seen.add(passage.slug or "")
        if passage.table is not None:
            columns = len(passage.table.columns)
            for r, row in enumerate(passage.table.rows):
                if len(row.cells) != columns:
                    yield source.problem(
                        (*loc, "table", "rows", r, "cells"),
                        f"has {len(row.cells)} cells for {columns} columns; write [] for an empty cell",
                    )


def _session_hours(
    source: YamlFile, rows: list[models.SessionHours], tracks: list[models.Track], sessions: list[models.Session]
) -> Iterator[Problem]:
    """Each row names a part of a session of the plan, once."""
    by_slug = {track.slug: track for track in tracks}
    held = {(session.district, session.track): session for session in sessions}
    seen: dict[tuple[int, str, str], int] = {}
    for i, row in enumerate(rows):
        loc = ("instructions", "hours", "sessions", i)
        session, track = held.get((row.district, row.track)), by_slug.get(row.track)
        if session is not None and track is None:
            continue  # a session of an unknown track: sessions.yaml's own problem
        if session is None or track is None:
            yield source.problem(
                loc, f"there is no session of district {row.district} and track '{row.track}' in sessions.yaml"
            )
            continue
        parts = [part.slug for part in track.parts if session.period in ("full_day", part.period)]
        if row.part not in parts:
            yield source.problem(
                (*loc, "part"),
                f"the {row.track} session of district {row.district} has no part '{row.part}' (its parts: {parts})",
            )
        key = (row.district, row.track, row.part)
        if key in seen:
            yield source.problem(loc, f"this part already has its hours at sessions[{seen[key]}]")
        seen.setdefault(key, i)


# Times in the data become calendar instants in UTC; far outside these years they overflow.
EARLIEST_YEAR, LATEST_YEAR = 1912, 9998


def _instant(source: YamlFile, loc: tuple, moment: dt.datetime | None) -> Iterator[Problem]:
    if moment is None:
        return
    try:
        utc = moment.astimezone(dt.UTC)
        plausible = EARLIEST_YEAR <= utc.year <= LATEST_YEAR
    except OverflowError:
        plausible = False
    if not plausible:
        yield source.problem(
            loc, f"{moment.isoformat()} is not a plausible time (years {EARLIEST_YEAR} to {LATEST_YEAR})"
        )


def _districts(source: YamlFile, districts: list[models.District], county_slugs: set[str] | None) -> Iterator[Problem]:
    yield from _unique(source, "districts", [d.number for d in districts], "number")
    yield from _unique(source, "districts", [d.webex.meeting_number for d in districts], "webex.meeting_number")
    yield from _unique(source, "districts", [d.webex.url for d in districts], "webex.url")
    home: dict[str, int] = {}
    for i, district in enumerate(districts):
        for j, slug in enumerate(district.counties):
            loc = ("districts", i, "counties", j)
            if county_slugs is not None and slug not in county_slugs:
                yield source.problem(loc, f"'{slug}' is not a county slug from data/counties.yaml")
            elif slug in home:
                yield source.problem(
                    loc, f"'{slug}' is already in district {home[slug]}; a county belongs to exactly one district"
                )
            else:
                home[slug] = district.number


def _tracks(
    source: YamlFile, tracks: list[models.Track], systems: set[str] | None, process: models.ProcessFile | None
) -> Iterator[Problem]:
    yield from _unique(source, "tracks", [t.slug for t in tracks], "slug")
    for i, track in enumerate(tracks):
        if systems is not None and track.system not in systems:
            yield source.problem(
                ("tracks", i, "system"), f"'{track.system}' is not a system in year.yaml (one of {sorted(systems)})"
            )
        yield from _window(source, ("tracks", i, "window"), track.window)
        online = process.online_window if process is not None else None
        if online is not None and not (track.window.start in online and track.window.end in online):
            yield source.problem(
                ("tracks", i, "window"),
                f"{track.window.start}..{track.window.end} is outside the online window "
                f"{online.start}..{online.end} in process.yaml",
            )
        yield from _part_slugs(source, i, track)
        periods = [part.period for part in track.parts]
        if "full_day" in periods and len(periods) > 1:
            yield source.problem(
                ("tracks", i, "parts"), "a track has either one full_day part, or morning and afternoon parts"
            )
        for k, part in enumerate(track.parts):
            yield from check_slots(source, ("tracks", i, "parts", k, "slots"), part.slots)


def _part_slugs(source: YamlFile, i: int, track: models.Track) -> Iterator[Problem]:
    seen: set[str] = set()
    for k, part in enumerate(track.parts):
        if part.slug in seen:
            yield source.problem(("tracks", i, "parts", k, "slug"), f"'{part.slug}' is already a part of this track")
        seen.add(part.slug)


def _window(source: YamlFile, loc: tuple, window: models.Window) -> Iterator[Problem]:
    if window.end < window.start:
        yield source.problem((*loc, "end"), f"{window.end} is before the start {window.start}")


def check_slots(source: YamlFile, loc: tuple, slots: list[models.Slot]) -> Iterator[Problem]:
    """Agenda slots run in order and never overlap; only the last slot may have no end."""
    previous_end = None
    for index, slot in enumerate(slots):
        here = (*loc, index)
        if slot.end is not None and minutes_between(slot.start, slot.end) <= 0:
            yield source.problem((*here, "end"), f"{slot.end} is not after the start {slot.start}")
        if slot.end is None and index != len(slots) - 1:
            yield source.problem(here, "only the last slot may be left without an end time")
        if previous_end is not None and minutes_between(previous_end, slot.start) < 0:
            yield source.problem(
                (*here, "start"), f"{slot.start} starts before the previous slot ends at {previous_end}"
            )
        previous_end = slot.end or slot.start


def _sessions(
    source: YamlFile, sessions: list[models.Session], districts: list[models.District], tracks: list[models.Track]
) -> Iterator[Problem]:
    numbers = {d.number for d in districts}
    by_slug = {t.slug: t for t in tracks}
    seen: dict[tuple[int, str], int] = {}
    for i, session in enumerate(sessions):
        if session.district not in numbers:
            yield source.problem(
                ("sessions", i, "district"), f"there is no district {session.district} in districts.yaml"
            )
            continue
        track = by_slug.get(session.track)
        if track is None:
            yield source.problem(
                ("sessions", i, "track"), f"'{session.track}' is not a track in tracks.yaml (one of {sorted(by_slug)})"
            )
            continue
        key = (session.district, session.track)
        if key in seen:
            yield source.problem(
                ("sessions", i), f"district {key[0]} already has a {key[1]} session at sessions[{seen[key]}]"
            )
        seen[key] = i
        if session.date not in track.window:
            yield source.problem(
                ("sessions", i, "date"),
                f"{session.date} is outside the {track.slug} window {track.window.start}..{track.window.end}",
            )
        periods = {part.period for part in track.parts}
        if session.period != "full_day" and session.period not in periods:
            yield source.problem(("sessions", i, "period"), f"the {track.slug} track has no {session.period} part")
    for district in sorted(numbers):
        for track in tracks:
            if (district, track.slug) not in seen:
                yield source.problem(
                    ("sessions",), f"district {district} has no {track.slug} session; each district needs one per track"
                )


BRACES = re.compile(r"\{[^{}]*\}")
DISPLAY_NAME_PLACEHOLDERS = ("{county}",)


def _joining(source: YamlFile, joining: models.JoiningFile) -> Iterator[Problem]:
    allowed = ", ".join(DISPLAY_NAME_PLACEHOLDERS)
    for key in ("format", "example"):
        text = getattr(joining.display_name, key)
        if "{county}" not in text.zh:
            yield source.problem(("display_name", key, "zh"), "write {county} where the county's name goes")
        for lang in ("zh", "en"):
            for unknown in [b for b in BRACES.findall(getattr(text, lang)) if b not in DISPLAY_NAME_PLACEHOLDERS]:
                yield source.problem(
                    ("display_name", key, lang),
                    f"unknown placeholder {unknown}; the only one allowed here is {allowed}",
                )


def _onsite(
    source: YamlFile, onsite: models.OnsiteFile, county_slugs: set[str] | None, process: models.ProcessFile | None
) -> Iterator[Problem]:
    yield from check_slots(source, ("slots",), onsite.slots)
    yield from _unique(source, "checklist", [c.slug for c in onsite.checklist], "slug")
    keys = [(s.county, s.date, s.kind) for s in onsite.sessions]
    for i, key in enumerate(keys):
        if key in keys[:i]:
            yield source.problem(
                ("sessions", i), f"{key[0]} already has a {key[2]} session on {key[1]} at sessions[{keys.index(key)}]"
            )
    for i, session in enumerate(onsite.sessions):
        if county_slugs is not None and session.county not in county_slugs:
            yield source.problem(
                ("sessions", i, "county"), f"'{session.county}' is not a county slug from data/counties.yaml"
            )
        if minutes_between(session.start, session.end) <= 0:
            yield source.problem(("sessions", i, "end"), f"{session.end} is not after the start {session.start}")
        yield from _onsite_date(source, i, session, process)
        yield from _instant(source, ("sessions", i, "updated"), session.updated)


def _onsite_date(
    source: YamlFile, i: int, session: models.OnsiteSession, process: models.ProcessFile | None
) -> Iterator[Problem]:
    """On-site sessions follow the online sessions' date rules: inside the year's window, weekdays."""
    window = process.onsite_application_window if process is not None else None
    if window is not None and session.date not in window:
        yield source.problem(
            ("sessions", i, "date"),
            f"{session.date} is outside the on-site window {window.start}..{window.end} in process.yaml",
        )
    if session.date.weekday() >= 5 and not session.on_weekend:
        yield source.problem(
            ("sessions", i, "date"),
            f"{session.date} falls on a weekend; if that is meant, add 'on_weekend: true'",
            warning=True,
        )


def _process(source: YamlFile, process: models.ProcessFile, year: int) -> Iterator[Problem]:
    for key in ("online_window", "onsite_application_window"):
        yield from _window(source, (key,), getattr(process, key))
        yield from _near_the_year(source, (key,), getattr(process, key), year)


def _near_the_year(source: YamlFile, loc: tuple, window: models.Window, year: int) -> Iterator[Problem]:
    """An academic year runs from August to July; its windows lie within a year of that."""
    first, last = year + ROC_OFFSET - 1, year + ROC_OFFSET + 2
    for end in ("start", "end"):
        day = getattr(window, end)
        if not first <= day.year <= last:
            yield source.problem(
                (*loc, end), f"{day} is far from academic year {year} ({first + 1}-{last - 1}); is the year mistyped?"
            )


# The parser's levels (a list, its item and its paragraph are three) a page may reach: 8 lists
# inside each other, below the parser's own limit (20), where it would silently drop the rest.
MAX_MARKDOWN_LEVELS = 18
NOT_ALLOWED_LINK = "use https:, mailto:, tel:, webcal: or a relative link (not starting with /)"


def markdown_links(name: str, text: str) -> list[Problem]:
    """Links in Markdown content must be https, mailto, tel or relative; images, files of the
    site by a relative path; and nothing nests so deep that the parser would cut the page."""
    problems = []
    parser = MarkdownIt("commonmark")
    # see every link, including those rendering would drop (markdown-it-py's documented override)
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    deepest = None
    for token in parser.parse(text):
        line = (token.map[0] + 1) if token.map else 1
        for child in [token, *(token.children or [])]:
            if child.level + (token.level if child is not token else 0) >= MAX_MARKDOWN_LEVELS and deepest is None:
                deepest = line
            message = _link_problem(child)
            if message is not None:
                problems.append(Problem(name, line, 1, "(markdown)", message))
    if deepest is not None:
        message = (
            "lists, quotes and emphasis nest too deep here (at most 8 lists inside each other); "
            "the page would lose what follows: nest less"
        )
        problems.append(Problem(name, deepest, 1, "(markdown)", message))
    return problems


def _link_problem(token: Any) -> str | None:
    if token.type == "link_open":
        href = str(token.attrGet("href"))
        return None if is_safe_link(href) else f"link {href!r} is not allowed; {NOT_ALLOWED_LINK}"
    if token.type == "image":
        src = str(token.attrGet("src"))
        if not is_safe_link(src):
            return f"image {src!r} is not allowed; an image is a file of the site, by a relative path"
        if re.match(r"^[a-z][a-z0-9+.-]*:", src.strip(), re.I):
            return (
                f"image {src!r} is loaded from elsewhere, and pages load nothing from another host; "
                "put the file in the site and give its relative path"
            )
    return None


def check_site(shared: Loaded) -> list[Problem]:
    """Site settings: the language pair, and a base URL that can be written into links."""
    site = shared.model("site", models.Site)
    if site is None:
        return []
    source = shared.sources["site"]
    if site.languages != list(LANGS):  # the one list of languages is `i18n.LANGS`; the file may only repeat it
        return [
            source.problem(
                ("languages",),
                f"must be [{', '.join(LANGS)}]: every page is published in both, Traditional Chinese first",
            )
        ]
    problem = base_url_problem(site.base_url) if site.base_url else None
    return [source.problem(("base_url",), problem)] if problem else []


def _session_warnings(source: YamlFile, sessions: list[models.Session]) -> Iterator[Problem]:
    for i, session in enumerate(sessions):
        if session.date.weekday() >= 5 and not session.on_weekend:
            yield source.problem(
                ("sessions", i, "date"),
                f"{session.date} falls on a weekend; if that is meant, add 'on_weekend: true'",
                warning=True,
            )
        yield from _instant(source, ("sessions", i, "updated"), session.updated)
        if session.updated is not None and session.sequence == 0:
            yield source.problem(
                ("sessions", i, "sequence"),
                "is 0 although `updated` is set: raise it by one for each change, or calendar apps keep the old time",
                warning=True,
            )
