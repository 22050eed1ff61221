"""Cross-checks beyond types: facts that span fields and files.

Each check takes what was loaded and returns located problems. A check whose inputs failed to
validate is skipped: their own problems are already reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from markdown_it import MarkdownIt

from . import models
from .markdown import is_safe_link
from .problems import Problem
from .project import minutes_between

if TYPE_CHECKING:
    from .loader import Loaded


def check_counties(shared: Loaded) -> list[Problem]:
    counties = shared.models.get("counties")
    if counties is None:
        return []
    source = shared.sources["counties"]
    return list(_unique(source, "counties", [c.slug for c in counties.counties], "slug"))


def _unique(source: Any, list_key: str, values: list[Any], attr: str) -> Iterator[Problem]:
    seen: dict[Any, int] = {}
    for index, value in enumerate(values):
        if value in seen:
            yield source.problem((list_key, index, attr), f"{value!r} is already used by {list_key}[{seen[value]}]")
        else:
            seen[value] = index


def check_year(year: int, shared: Loaded, loaded: Loaded) -> list[Problem]:
    files, sources = loaded.models, loaded.sources
    counties = shared.models.get("counties")
    county_slugs = {c.slug for c in counties.counties} if counties else None
    problems: list[Problem] = []
    if files.get("year") is not None and files["year"].academic_year != year:
        problems.append(
            sources["year"].problem(
                ("academic_year",), f"{files['year'].academic_year} does not match the folder data/{year}/"
            )
        )
    if files.get("districts") is not None:
        problems += _districts(sources["districts"], files["districts"].districts, county_slugs)
    if files.get("tracks") is not None:
        systems = set(files["year"].systems) if files.get("year") is not None else None
        process = files.get("process")
        problems += _tracks(sources["tracks"], files["tracks"].tracks, systems, process)
    if all(files.get(key) is not None for key in ("sessions", "districts", "tracks")):
        problems += _sessions(
            sources["sessions"], files["sessions"].sessions, files["districts"].districts, files["tracks"].tracks
        )
    if files.get("sessions") is not None:
        problems += _session_warnings(sources["sessions"], files["sessions"].sessions)
    if files.get("joining") is not None:
        problems += _joining(sources["joining"], files["joining"])
    if files.get("onsite") is not None:
        problems += _onsite(sources["onsite"], files["onsite"], county_slugs)
    if files.get("process") is not None:
        problems += _process(sources["process"], files["process"])
    for key in [k for k in files if k.startswith("notices/")]:
        slug = key.split("/", 1)[1]
        if county_slugs is not None and slug not in county_slugs:
            problems.append(
                sources[key].problem(
                    (), f"'{slug}' is not a county slug from data/counties.yaml; name the file <county-slug>.yaml"
                )
            )
    return problems


def _districts(source: Any, districts: list[models.District], county_slugs: set[str] | None) -> Iterator[Problem]:
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
        for j, slug in enumerate(district.priority_counties):
            if slug not in district.counties:
                yield source.problem(
                    ("districts", i, "priority_counties", j), f"'{slug}' is not one of this district's counties"
                )
    for slug in sorted((county_slugs or set()) - set(home)):
        yield source.problem(("districts",), f"county '{slug}' is in no district")


def _tracks(source: Any, tracks: list[models.Track], systems: set[str] | None, process: Any) -> Iterator[Problem]:
    yield from _unique(source, "tracks", [t.slug for t in tracks], "slug")
    for i, track in enumerate(tracks):
        if systems is not None and track.system not in systems:
            yield source.problem(
                ("tracks", i, "system"), f"'{track.system}' is not a system in year.yaml (one of {sorted(systems)})"
            )
        yield from _window(source, ("tracks", i, "window"), track.window)
        if process is not None and not (
            track.window.start in process.online_window and track.window.end in process.online_window
        ):
            yield source.problem(
                ("tracks", i, "window"),
                f"{track.window.start}..{track.window.end} is outside the online window {process.online_window.start}..{process.online_window.end} in process.yaml",
            )
        yield from _part_slugs(source, i, track)
        periods = [part.period for part in track.parts]
        if "full_day" in periods and len(periods) > 1:
            yield source.problem(
                ("tracks", i, "parts"), "a track has either one full_day part, or morning and afternoon parts"
            )
        for k, part in enumerate(track.parts):
            yield from check_slots(source, ("tracks", i, "parts", k, "slots"), part.slots)


def _part_slugs(source: Any, i: int, track: models.Track) -> Iterator[Problem]:
    seen: set[str] = set()
    for k, part in enumerate(track.parts):
        if part.slug in seen:
            yield source.problem(("tracks", i, "parts", k, "slug"), f"'{part.slug}' is already a part of this track")
        seen.add(part.slug)


def _window(source: Any, loc: tuple, window: models.Window) -> Iterator[Problem]:
    if window.end < window.start:
        yield source.problem((*loc, "end"), f"{window.end} is before the start {window.start}")


def check_slots(source: Any, loc: tuple, slots: list[models.Slot]) -> Iterator[Problem]:
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
    source: Any, sessions: list[models.Session], districts: list[models.District], tracks: list[models.Track]
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


def _joining(source: Any, joining: models.JoiningFile) -> Iterator[Problem]:
    for key in ("format", "example"):
        if "{county}" not in getattr(joining.display_name, key).zh:
            yield source.problem(("display_name", key, "zh"), "write {county} where the county's name goes")


def _onsite(source: Any, onsite: models.OnsiteFile, county_slugs: set[str] | None) -> Iterator[Problem]:
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


def _process(source: Any, process: models.ProcessFile) -> Iterator[Problem]:
    yield from _window(source, ("online_window",), process.online_window)
    yield from _window(source, ("onsite_application_window",), process.onsite_application_window)


def markdown_links(name: str, text: str) -> list[Problem]:
    """Links in Markdown content must be https, mailto, tel or relative."""
    problems = []
    parser = MarkdownIt("commonmark")
    parser.validateLink = lambda url: True  # see every link, including those rendering would drop
    for token in parser.parse(text):
        for child in token.children or []:
            href = child.attrGet("href") if child.type == "link_open" else None
            if href is not None and not is_safe_link(str(href)):
                line = (token.map[0] + 1) if token.map else 1
                problems.append(
                    Problem(
                        name,
                        line,
                        1,
                        "(markdown)",
                        f"link {href!r} is not allowed; use https:, mailto:, tel:, webcal: or a relative link (not starting with /)",
                    )
                )
    return problems


def check_site(shared: Loaded) -> list[Problem]:
    """Site settings: the language pair, and a base URL (its absence is a warning)."""
    site = shared.models.get("site")
    if site is None:
        return []
    source = shared.sources["site"]
    if site.languages != ["zh-tw", "en"]:
        return [
            source.problem(
                ("languages",), "must be [zh-tw, en]: every page is published in both, Traditional Chinese first"
            )
        ]
    if site.base_url and not re.fullmatch(r"https://[^\s/]+/([^\s]*/)?", site.base_url):
        return [
            source.problem(("base_url",), f"{site.base_url!r} should be an https:// URL ending in '/'", warning=True)
        ]
    return []


def _session_warnings(source: Any, sessions: list[models.Session]) -> Iterator[Problem]:
    for i, session in enumerate(sessions):
        if session.date.weekday() >= 5 and not session.on_weekend:
            yield source.problem(
                ("sessions", i, "date"),
                f"{session.date} falls on a weekend; if that is meant, add 'on_weekend: true'",
                warning=True,
            )
        if session.updated is not None and session.sequence == 0:
            yield source.problem(
                ("sessions", i, "sequence"),
                "is 0 although `updated` is set: raise it by one for each change, or calendar apps keep the old time",
                warning=True,
            )
