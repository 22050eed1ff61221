"""``build.py diff REF``: what readers will see change if the working tree is published instead of REF.

The site is built twice with the same date and base URL: at REF with that ref's own code (a
temporary copy of its tree, built by its own ``build.py`` in a child process) and from the working
tree (in this process, into memory, so that a URL the ledger would refuse is reported rather than
ending the build). The two sets of files are then compared as readers meet them:

- pages by their visible text (not their HTML) and the addresses of the links they offer;
- calendars event by event (by UID): the events that move, appear, go or change their words;
- the online sessions' facts (the open data's ``sessions.json``): links, meeting numbers,
  passwords, districts' counties;
- URLs added or gone, and what the URL ledger says of them.

A session whose facts changed with no new record in ``changes.yaml`` earns a reminder: readers who
saved the old link, password or time are told only through that record.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import icalendar
from bs4 import BeautifulSoup, Tag

from . import ledger
from .dates import SOURCE_DATE_EPOCH, TAIPEI
from .feeds import feed_id
from .loader import load_project
from .models import Change
from .opendata import SessionPart, sessions_data
from .output import Output
from .problems import Problem
from .project import Project
from .templating import environment
from .urls import CHANGES_FEED, OPEN_DATA, OUTPUTS, change_anchor, output_kind, published_url

WHITESPACE = re.compile(r"\s+")
MAX_LINES = 12  # changed lines shown per page; the rest are counted
HEADLINE_FACTS = 3  # facts named in the headline; the rest are counted
FACT_LANG = "en"  # the language the facts are named in (the report is the maintainers')
ATOM = "{http://www.w3.org/2005/Atom}"

# The elements that start a new line of text as a browser lays them out.
BLOCKS = {
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot",
    "title", "ul",
}  # fmt: skip
UNSEEN = ["script", "style", "template", "noscript", "svg"]
LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")
COMPOSED = 3  # query parameters from which a link is taken to be composed from the page's facts


class DiffError(Exception):
    """The comparison cannot be made: an unknown ref, no git, or a site at REF that does not build."""


# --- the two sites ------------------------------------------------------------------------------


def site_at(root: Path, ref: str, work: Path, *, base_url: str | None, today: dt.date) -> dict[str, bytes]:
    """The files of the site as ``ref``'s own code builds ``ref``'s data, on ``today``."""
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()
    prefix = _git(root, "rev-parse", "--show-prefix").strip()  # the project may be a folder of the repository
    archive = subprocess.run(
        ["git", "archive", "--format=tar", f"{commit}:{prefix}" if prefix else commit], cwd=root, capture_output=True
    )
    if archive.returncode != 0:
        raise DiffError(f"git archive {ref}: {archive.stderr.decode(errors='replace').strip()}")
    tree = work / "tree"
    try:  # the "data" filter refuses links that lead out of the folder, devices and the like
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tree, filter="data")
    except tarfile.TarError as exc:
        raise DiffError(f"the tree at {ref} cannot be copied out safely: {exc}") from None
    if not (tree / "build.py").is_file():
        raise DiffError(f"{ref} has no build.py at {prefix or 'the top of the repository'}")
    out = work / "site"
    command = [sys.executable, "build.py", "build", "--out", str(out), "--no-search"]
    command += ["--base-url", base_url] if base_url else []
    noon = dt.datetime.combine(today, dt.time(12), tzinfo=TAIPEI)  # older code takes the date only from here
    env = {**os.environ, SOURCE_DATE_EPOCH: str(int(noon.timestamp()))}
    env.pop("PYTHONPATH", None)  # the ref's build.py imports the ref's own k12site, beside it
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
    if done.returncode == 2 and "--no-search" in done.stderr:  # code from before the flag: index and ignore it
        done = subprocess.run(command[:-1], cwd=tree, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        last = "\n".join(done.stderr.strip().splitlines()[-20:])
        raise DiffError(f"the site at {ref} does not build with its own code:\n{last}")
    return read_folder(out.resolve())


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    except FileNotFoundError:
        raise DiffError("git is not installed: build.py diff builds the site at a git ref") from None
    if done.returncode != 0:
        raise DiffError(f"git {' '.join(args)}: {done.stderr.strip() or 'no such commit'}")
    return done.stdout


def read_folder(folder: Path) -> dict[str, bytes]:
    """Every published file of a built site by its path (the search index is not the site's content)."""
    files = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and not OUTPUTS["search index"].holds(name):
            files[name] = path.read_bytes()
    return files


@dataclass
class WorkingSite:
    project: Project
    files: dict[str, bytes]
    survey: ledger.Survey


def working_site(root: Path, *, base_url: str | None, today: dt.date) -> WorkingSite:
    """The working tree's site, rendered into memory as `build` would, the ledger's refusals kept as problems."""
    from .builder import render_published

    project = load_project(root, base_url=base_url)
    output = Output()
    survey = render_published(project, output, environment(project.templates), today=today)
    return WorkingSite(project, output.files, survey)


# --- pages: what a reader sees ---------------------------------------------------------------------


def visible_lines(html: bytes, base_url: str = "") -> list[str]:
    """A page as a reader meets it: its title, its text line by line (a table row on one line, cells
    separated by " | "), then the address of each link that leaves the site."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(UNSEEN):
        tag.decompose()
    for tag in soup.find_all(hidden=True):
        tag.decompose()
    links = [_link_line(a) for a in soup.find_all("a", href=True) if _leaves_site(str(a["href"]), base_url)]
    links = [line for line in links if line]
    for text in soup.find_all(string=True):  # a line break in the HTML source is a space on the screen
        if text.parent is not None and text.parent.name != "pre":
            text.replace_with(WHITESPACE.sub(" ", text))
    for row in soup.find_all("tr"):
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"], recursive=False)]
        row.replace_with(soup.new_string("\n" + " | ".join(cells) + "\n"))
    for tag in soup.find_all(True):
        if tag.name == "br":
            tag.replace_with("\n")
        elif tag.name in BLOCKS:
            tag.insert_before("\n")
            tag.insert_after("\n")
    lines = [" ".join(line.split()) for line in soup.get_text().splitlines()]
    return [line for line in lines if line] + links


def _leaves_site(href: str, base_url: str) -> bool:
    """A link out of the site, other than one that carries a whole event in its address (an "add to
    calendar" link: the event's own changes are reported with the calendars)."""
    composed = len(urllib.parse.parse_qsl(urllib.parse.urlsplit(href).query)) >= COMPOSED
    return href.startswith(LINK_SCHEMES) and not (base_url and href.startswith(base_url)) and not composed


def _link_line(anchor: Tag) -> str:
    """The link's words and where it leads; nothing when its words are its address, already in the text."""
    words, href = " ".join(anchor.get_text(" ").split()), anchor["href"]
    return "" if words == href else f"link “{words}” → {href}"


def changed_lines(old: list[str], new: list[str]) -> list[str]:
    """The lines that differ, "- old" and "+ new", in page order."""
    out = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op != "equal":
            out += [f"- {line}" for line in old[a1:a2]] + [f"+ {line}" for line in new[b1:b2]]
    return out


# --- calendars: the events ----------------------------------------------------------------------


@dataclass(frozen=True)
class EventState:
    summary: str
    start: str
    end: str
    words: tuple[str, ...]  # what else the event says: its location, description lines and URL


def events(ics: bytes) -> dict[str, EventState]:
    """A calendar's events by UID."""
    found = {}
    for event in icalendar.Calendar.from_ical(ics).walk("VEVENT"):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND", None)
        words = [f"Location: {event.get('LOCATION', '')}", *str(event.get("DESCRIPTION", "")).splitlines()]
        found[str(event["UID"])] = EventState(
            str(event.get("SUMMARY", "")),
            _when(start),
            _when(end) if end is not None else "",
            (*words, f"URL: {event.get('URL', '')}"),
        )
    return found


def _when(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(TAIPEI).strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def _span(event: EventState) -> str:
    same_day = event.end[:10] == event.start[:10] and len(event.end) > 10
    return f"{event.start}–{event.end[11:] if same_day else event.end}"


@dataclass
class Move:
    """An event that moves, and the calendars it moves in."""

    summary: str
    old: str
    new: str
    calendars: set[str] = field(default_factory=set)

    def __str__(self) -> str:
        return f"{self.summary}: {self.old} → {self.new} (Taipei time; in {_count(len(self.calendars), 'calendar')})"


CALENDAR_WORDS = {  # how a calendar's summary counts each kind of change: one, other
    "new": ("new event", "new events"),
    "gone": ("event gone", "events gone"),
    "move": ("event moves", "events move"),
    "renamed": ("event renamed", "events renamed"),
    "new details": ("event with new details", "events with new details"),
}


@dataclass
class EventChanges:
    """What changes in the events of every calendar, each event once (by UID), in the words of the
    first calendar that has it."""

    moves: dict[str, Move] = field(default_factory=dict)
    details: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # UID → summary, changed lines

    def calendar(self, name: str, old: bytes, new: bytes) -> str:
        """Compare one calendar's events; say in a few words what changes in it."""
        before, after = events(old), events(new)
        counts = dict.fromkeys(("new", "gone", "move", "renamed", "new details"), 0)
        for uid in sorted(before.keys() | after.keys()):
            was, now = before.get(uid), after.get(uid)
            if was is None or now is None:
                counts["new" if was is None else "gone"] += 1
                continue
            if (was.start, was.end) != (now.start, now.end):
                counts["move"] += 1
                self.moves.setdefault(uid, Move(now.summary, _span(was), _span(now))).calendars.add(name)
            counts["renamed"] += was.summary != now.summary
            if was.words != now.words:
                counts["new details"] += 1
                self.details.setdefault(uid, (now.summary, changed_lines(list(was.words), list(now.words))))
        said = [_count(n, *CALENDAR_WORDS[what]) for what, n in counts.items() if n]
        return ", ".join(said) or "details of the calendar itself"


# --- the facts of the online sessions ----------------------------------------------------------------


FACT_FIELDS = {  # sessions.json field → how the report names it
    ("webex", "url"): "Webex link",
    ("webex", "meeting_number"): "meeting number",
    ("webex", "password"): "password",
    ("counties",): "counties",
    ("track",): "track",
    ("part",): "part",
}


@dataclass
class Fact:
    """One changed fact of the online sessions, and the session parts (by id) it holds for."""

    year: int
    district: int
    what: str
    old: str
    new: str
    ids: list[str] = field(default_factory=list)

    def short(self) -> str:
        where = f"{self.year} District {self.district}"
        if self.what in ("new", "gone"):
            return f"{where}: {self.what} session part: {self.new}"
        return f"{where}: {self.what} {self.old} → {self.new}"

    def __str__(self) -> str:
        return self.short() + f" ({_count(len(self.ids), 'session part')})"


def _value(part: dict, path: tuple[str, ...]) -> str:
    value: object = part
    for key in path:
        value = value[key]  # type: ignore[index]
    if isinstance(value, list):
        return ", ".join(item["name"] for item in value)
    return value["name"] if isinstance(value, dict) else str(value)


def part_name(part: dict) -> str:
    return f"{part['track']['name']} · {part['part']['name']} · {part['date']}"


def open_data(files: dict[str, bytes]) -> dict[str, dict]:
    """Each year's sessions.json (in the report's language) by its path."""
    return {
        name: json.loads(content)
        for name, content in files.items()
        if name.startswith(f"{FACT_LANG}/") and name.endswith("/" + OPEN_DATA["json"])
    }


def fact_changes(old: dict[str, bytes], new: dict[str, bytes]) -> list[Fact]:
    """What changed in the online sessions' facts, grouped by year, district and change."""
    facts: dict[tuple, Fact] = {}
    before, after = open_data(old), open_data(new)
    for name in sorted(before.keys() & after.keys()):
        year = after[name]["year"]
        was = {part["id"]: part for part in before[name]["sessions"]}
        now = {part["id"]: part for part in after[name]["sessions"]}
        for uid in sorted(was.keys() ^ now.keys()):
            part, what = (now[uid], "new") if uid in now else (was[uid], "gone")
            facts[(year, uid)] = Fact(year, part["district"], what, "", part_name(part), [uid])
        for uid in sorted(was.keys() & now.keys()):
            for path, label in FACT_FIELDS.items():
                a, b = _value(was[uid], path), _value(now[uid], path)
                if a != b:
                    key = (year, now[uid]["district"], label, a, b)
                    facts.setdefault(key, Fact(*key)).ids.append(uid)
    return list(facts.values())


def feed_entries(files: dict[str, bytes]) -> set[str]:
    """The ids of every change record a site's Atom feeds publish."""
    ids = set()
    for name, content in files.items():
        if name.endswith("/" + CHANGES_FEED):
            ids |= {entry.findtext(f"{ATOM}id") or "" for entry in ET.fromstring(content).iter(f"{ATOM}entry")}
    return ids


def unrecorded(project: Project, old: dict[str, bytes], changed: set[str], gone: list[Fact]) -> list[str]:
    """The ``changed`` online session parts (by id), and the ``gone`` ones, that no new change record
    names, by session, district or county; a record is new when the site at REF does not publish it yet."""
    published = feed_entries(old)
    reminders = []
    fresh: dict[int, list[Change]] = {}
    for year in project.years:
        news = [c for c in year.changes if feed_id(year.number, FACT_LANG, change_anchor(c.date)) not in published]
        fresh[year.number] = news
        for part in sessions_data(year, FACT_LANG).sessions:
            if part.id in changed and not any(_names(change, part) for change in news):
                reminders.append(f"{year.number} District {part.district} · {part_name(part.model_dump(mode='json'))}")
    for fact in gone:
        named = (
            c for c in fresh.get(fact.year, []) if fact.district in {*c.districts, *(r.district for r in c.sessions)}
        )
        if next(named, None) is None:
            reminders.append(f"{fact.year} District {fact.district} · {fact.new} (gone)")
    return reminders


def _names(change: Change, part: SessionPart) -> bool:
    return (
        part.district in change.districts
        or any(county.slug in change.counties for county in part.counties)
        or any(ref.district == part.district and ref.track == part.track.slug for ref in change.sessions)
    )


# --- the report ----------------------------------------------------------------------------------------


@dataclass
class Report:
    """What readers will see change, gathered; `markdown` writes it."""

    ref: str
    today: dt.date
    base_url: str
    facts: list[Fact] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    details: list[tuple[str, list[str]]] = field(default_factory=list)  # events whose words change
    pages: dict[str, list[str]] = field(default_factory=dict)  # URL → changed lines
    markup_only: list[str] = field(default_factory=list)  # pages whose HTML changed, not what a reader sees
    calendars: dict[str, str] = field(default_factory=dict)  # name → what changes in it
    other: list[str] = field(default_factory=list)  # any other published file that changed
    added: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    ledger: list[Problem] = field(default_factory=list)
    reminders: list[str] = field(default_factory=list)
    pending: list[Problem] = field(default_factory=list)  # county letters' words still waiting for English

    def headline(self) -> str:
        parts = [fact.short() for fact in self.facts[:HEADLINE_FACTS]]
        if len(self.facts) > HEADLINE_FACTS:
            parts.append(_count(len(self.facts) - HEADLINE_FACTS, "more fact changes", "more facts change"))
        if self.moves:
            parts.append(_count(len(self.moves), "event moves", "events move"))
        changed = ((self.pages, "page"), (self.calendars, "calendar"))
        seen = [_count(len(found), kind) for found, kind in changed if found]
        if not seen:
            parts.append("nothing a reader sees changes")
        else:
            parts.append(" and ".join(seen) + (" changes" if seen in (["1 page"], ["1 calendar"]) else " change"))
        parts.append(f"{_count(len(self.gone), 'URL')} removed" if self.gone else "no URL removed")
        return "; ".join(parts)


def _count(n: int, one: str, other: str | None = None) -> str:
    return f"{n} {one if n == 1 else other or one + 's'}"


def compare(ref: str, old: dict[str, bytes], site: WorkingSite, today: dt.date) -> Report:
    """Hold the working tree's site against the site at ``ref``."""
    new, base_url = site.files, site.project.site.base_url
    report = Report(ref, today, base_url, facts=fact_changes(old, new))
    events = EventChanges()
    for name in sorted(old.keys() & new.keys()):
        if old[name] != new[name]:
            _compare_file(report, name, old[name], new[name], events)
    moves = events.moves
    report.moves = [moves[uid] for uid in sorted(moves, key=lambda uid: (moves[uid].old, uid))]
    report.details = [events.details[uid] for uid in sorted(events.details)]
    built_before, built_now = ledger.published(old), ledger.published(new)
    report.added, report.gone = sorted(built_now - built_before), sorted(built_before - built_now)
    report.ledger = site.survey.problems
    changed = {uid for fact in report.facts if fact.what != "gone" for uid in fact.ids} | set(moves)
    report.reminders = unrecorded(site.project, old, changed, [fact for fact in report.facts if fact.what == "gone"])
    report.pending = [problem for problem in site.project.warnings if problem.info]
    return report


def _compare_file(report: Report, name: str, old: bytes, new: bytes, events: EventChanges) -> None:
    url, compare = published_url(name), output_kind(name).compare  # the table of outputs says how
    if compare == "text":
        lines = changed_lines(visible_lines(old, report.base_url), visible_lines(new, report.base_url))
        if lines:
            report.pages[url or name] = lines
        else:
            report.markup_only.append(url or name)
    elif compare == "events":
        report.calendars[name] = events.calendar(name, old, new)
    elif compare == "listed":
        report.other.append(name)


def diff(root: Path, ref: str, *, base_url: str | None, today: dt.date) -> Report:
    """Build the site at ``ref`` and from the working tree on ``today``, and compare them."""
    site = working_site(root, base_url=base_url, today=today)  # first: bad data stops before the slow part
    with tempfile.TemporaryDirectory(prefix="k12site-diff-") as work:
        old = site_at(root, ref, Path(work), base_url=base_url, today=today)
    return compare(ref, old, site, today)


# --- in words ----------------------------------------------------------------------------------------


def markdown(report: Report) -> str:
    """The report as Markdown: readable in a terminal, and as a pull request's job summary."""
    out = [f"### What readers will see change: `{report.ref}` → this change", "", f"**{report.headline()}.**", ""]
    built = f"Both sites built for {report.today.isoformat()} (Taipei)"
    out += [built + (f" at {report.base_url}" if report.base_url else "") + ".", ""]
    if report.reminders:
        out += [
            "**Reminder:** these online sessions changed, and no new record in `data/<year>/changes.yaml` "
            "names them, so readers who saved the old time, link or password are not told "
            "(MAINTAINING.md says how to record a change):",
            *(f"- {line}" for line in report.reminders),
            "",
        ]
    out += _section("Facts of the online sessions", [str(fact) for fact in report.facts])
    out += _section("Events that move", [str(move) for move in report.moves])
    out += _section("URLs", _url_lines(report))
    out += _section(f"Pages ({len(report.pages)})", [], lead=_blocks(report.pages.items(), code=True))
    if report.markup_only:
        out += [f"{_count(len(report.markup_only), 'more page differs', 'more pages differ')} in markup only.", ""]
    out += _section("Events whose details change", [], lead=_blocks(report.details))
    calendars = [f"`{name}`: {said}" for name, said in report.calendars.items()]
    out += _section(f"Calendars ({len(report.calendars)})", calendars)
    out += _section(f"Other files ({len(report.other)})", [f"`{name}`" for name in report.other])
    pending = [f"`{problem.file}:{problem.line}` {problem.field}: {problem.message}" for problem in report.pending]
    out += _section(f"English translations pending ({len(report.pending)})", pending)
    return "\n".join(out).rstrip() + "\n"


def _section(title: str, items: list[str], lead: list[str] | None = None) -> list[str]:
    if not items and not lead:
        return []
    return [f"#### {title}", "", *(lead or []), *(f"- {item}" for item in items), ""]


def _url_lines(report: Report) -> list[str]:
    lines = [f"gone: `{url}`" for url in report.gone] + [f"new: `{url}`" for url in report.added]
    return lines + [f"the URL ledger: {problem}" for problem in report.ledger]


def _blocks(changes: Iterable[tuple[str, list[str]]], code: bool = False) -> list[str]:
    """Each thing's changed lines, folded under its name."""
    blocks = []
    for name, lines in changes:
        shown = [line.replace("```", "` ` `") for line in lines[:MAX_LINES]]
        more = [f"… {len(lines) - MAX_LINES} more changed lines"] if len(lines) > MAX_LINES else []
        title = f"<code>{html.escape(name)}</code>" if code else html.escape(name)
        blocks += [f"<details><summary>{title}</summary>", "", "```diff", *shown, *more, "```", "</details>", ""]
    return blocks
