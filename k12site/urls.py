"""The URL plan: the one place that decides where every page, calendar and data file lives.

URLs are public promises: county staff paste them into official letters. Every path is
``<lang>/<academic year>/<readable path>/``, lowercase, a folder with ``index.html``. Adding a
year adds paths; it never moves one. Templates ask this module; they never glue paths together.
The path of each kind of page is in the registry of page kinds (`kinds.PAGE_KINDS`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from .i18n import OTHER, fill
from .kinds import PAGE_KINDS

CALENDAR_SCOPES = {
    "all": "calendars/all.ics",
    "county": "calendars/counties/{slug}.ics",
    "track": "calendars/tracks/{slug}.ics",
    "district": "calendars/districts/district-{slug}.ics",
    "session": "calendars/sessions/{slug}.ics",
}
# Each year's online sessions as data, in each language: a table for spreadsheets, the same facts
# as JSON for programs, and the JSON Schema that describes that JSON (see `opendata`).
OPEN_DATA = {
    "csv": "data/sessions.csv",
    "json": "data/sessions.json",
    "schema": "data/sessions.schema.json",
}
# Each year's changes as an Atom feed, in each language, beside its "what changed" page (see `feeds`).
CHANGES_FEED = "changes.atom"
ASSETS = "assets/"
SEARCH_INDEX = "pagefind/"  # written by Pagefind after the pages (see `search`)
SEARCH_ENTRY = SEARCH_INDEX + "pagefind.js"  # the script the search pages load


@dataclass(frozen=True)
class Page:
    """A page of the site; ``lang`` and ``year`` are None for the bilingual root pages, ``year`` for
    each language's front page."""

    kind: str  # a name in `kinds.PAGE_KINDS`
    lang: str | None = None
    year: int | None = None
    slug: str | None = None

    @property
    def dir(self) -> str:
        """The page's folder, e.g. ``zh-tw/114/counties/pingtung/`` ("" for the site root)."""
        kind = PAGE_KINDS[self.kind]
        if kind.scope == "site":
            return kind.path
        if kind.scope == "language":
            return f"{self.lang}/{kind.path}"
        return f"{self.lang}/{self.year}/" + fill(kind.path, slug=self.slug)

    @property
    def file(self) -> str:
        """The file written for the page."""
        if self.kind == "404":
            return "404.html"
        return self.dir + "index.html"

    @property
    def address(self) -> str:
        """The page's path as a browser's address bar shows it: its folder (``404.html`` for the 404 page)."""
        return self.file.removesuffix("index.html")

    def counterpart(self) -> Page:
        """The same page in the other language."""
        if self.lang is None:
            return self
        return Page(self.kind, OTHER[self.lang], self.year, self.slug)

    def in_lang(self, lang: str) -> Page:
        return Page(self.kind, lang, self.year, self.slug)

    @property
    def language(self) -> str:
        """The language of a page that has one (every page but the bilingual root pages)."""
        if self.lang is None:
            raise ValueError(f"the {self.kind} page is in both languages")
        return self.lang

    @property
    def lang_year(self) -> tuple[str, int]:
        """The language and year of a page of one academic year."""
        if self.year is None:
            raise ValueError(f"the {self.kind} page belongs to no academic year")
        return self.language, self.year


def reserved_names() -> list[str]:
    """The names a page written in Markdown may not take: the first folder of every path the site
    gives its own pages, calendars and open data inside ``<lang>/<year>/``, and ``assets`` (at the site's
    root, but a page of that name would read as one)."""
    paths = [kind.path for kind in PAGE_KINDS.values() if kind.scope == "year"]
    paths += [*CALENDAR_SCOPES.values(), *OPEN_DATA.values(), ASSETS]  # a page name has no dot: changes.atom is safe
    return sorted({path.split("/")[0] for path in paths} - {"", "{slug}"})


def session_slug(district: int, track: str) -> str:
    return f"district-{district}-{track}"


def onsite_session_slug(county: str, date: dt.date, kind: str) -> str:
    """Slug of an on-site session's own calendar, e.g. ``onsite-pingtung-2025-09-01-hands-on``."""
    return f"onsite-{county}-{date.isoformat()}-{kind.replace('_', '-')}"


def calendar(lang: str, year: int, scope: str, slug: str | int | None = None) -> str:
    """Path of a calendar file, e.g. ``en/114/calendars/counties/pingtung.ics``."""
    return f"{lang}/{year}/" + fill(CALENDAR_SCOPES[scope], slug=slug)


def open_data(lang: str, year: int, kind: str) -> str:
    """Path of an open data file (a key of `OPEN_DATA`), e.g. ``en/114/data/sessions.csv``."""
    return f"{lang}/{year}/" + OPEN_DATA[kind]


def changes_feed(lang: str, year: int) -> str:
    """Path of a year's Atom feed of changes, e.g. ``en/114/changes.atom``."""
    return f"{lang}/{year}/{CHANGES_FEED}"


# What a county office downloads from its county's page for county offices (see `kit`): the county
# page's QR code, and a draft of its forwarding letter as a DI file. In the page's folder.
KIT_FILES = {
    "qr_svg": "{slug}-{year}-qr.svg",
    "qr_png": "{slug}-{year}-qr.png",
    "di": "{slug}-{year}.di",
}


def kit_file(lang: str, year: int, county: str, kind: str) -> str:
    """Path of a county office's file (a key of `KIT_FILES`), e.g.
    ``zh-tw/114/counties/pingtung/letter/pingtung-114.di``."""
    return Page("letter", lang, year, county).dir + fill(KIT_FILES[kind], slug=county, year=year)


def change_anchor(moment: dt.datetime) -> str:
    """The #fragment of a change on its year's changes page, from its time alone (in UTC, to the
    minute): ``change-2025-07-28t0100z``. The feed's entry ids are made from it too."""
    return "change-" + moment.astimezone(dt.UTC).strftime("%Y-%m-%dt%H%Mz")


# The year page's list of counties, where a reader finds their own: pages, calendars and "add to
# calendar" links all point there.
FIND_YOUR_COUNTY = "find-your-county"


def county_finder(lang: str, year: int) -> str:
    """The site path of the year page's list of counties, e.g. ``en/114/#find-your-county``."""
    return Page("year", lang, year).dir + "#" + FIND_YOUR_COUNTY


def asset(name: str) -> str:
    return ASSETS + name


def relative(from_page: Page, target: str) -> str:
    """A link from ``from_page`` to ``target`` (a site path) that works under any sub-path.

    Pure string work on the URL plan's clean paths (no file system look-ups: it runs for every
    link of every page).
    """
    return relative_from(from_page.dir, target)


def relative_from(folder: str, target: str) -> str:
    """A link from a page in ``folder`` (a site path ending in "/", or "" for the root) to ``target``."""
    here = folder.split("/")[:-1]
    parts = target.split("/")
    common = 0
    while common < len(here) and common < len(parts) - 1 and here[common] == parts[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(parts[common:]) or "./"


# What a build writes that is not a published URL: the site's furniture, which no letter links to
# and which may change at any time. Everything else is a promise that data/urls.yaml records.
FURNITURE = {
    "index.html": "the front page (the site's own address, there as long as the site is)",
    "404.html": "the page a web server shows for a missing address",
    "sitemap.xml": "the list of pages for search engines",
    "robots.txt": "the note for search engines",
    "favicon.ico": "the icon browsers ask for at the site's root",
}  # and everything under assets/ and the search index's folder
FURNITURE_FOLDERS = (ASSETS, SEARCH_INDEX)


@dataclass(frozen=True)
class OutputKind:
    """A kind of file the build writes, as one entry of `OUTPUTS`."""

    made_by: str  # the renderer that writes it: a key of `builder.RENDERERS`, or "search" (after the pages)
    holds: Callable[[str], bool]  # whether a file of the site (by its path) is of this kind
    published: bool  # whether its URL is a promise the ledger records (else: the site's furniture)
    # How `build.py diff` compares two versions: "text", the words a reader sees; "events", event by
    # event; "listed", named when its bytes change; "none", not at all (furniture).
    compare: Literal["text", "events", "listed", "none"]


# Every kind of file the build writes, in the order they are tried: where it goes (`holds`, from the
# paths above), what renders it, whether the ledger records it and how `build.py diff` compares it.
# A new output is one entry here (and its path above) plus its renderer in `builder.RENDERERS`.
OUTPUTS: dict[str, OutputKind] = {
    "root pages": OutputKind("pages", lambda path: path in ("index.html", "404.html"), False, "text"),
    "site files": OutputKind("pages", lambda path: path in FURNITURE, False, "none"),
    "assets": OutputKind("pages", lambda path: path.startswith(ASSETS), False, "none"),
    "search index": OutputKind("search", lambda path: path.startswith(SEARCH_INDEX), False, "none"),
    "pages": OutputKind("pages", lambda path: path.endswith("/index.html"), True, "text"),
    "calendars": OutputKind("calendars", lambda path: path.endswith(".ics"), True, "events"),
    "open data": OutputKind("opendata", lambda path: path.endswith(tuple(OPEN_DATA.values())), True, "listed"),
    "feeds": OutputKind("feeds", lambda path: path.endswith("/" + CHANGES_FEED), True, "listed"),
    "county offices' files": OutputKind(
        "kit", lambda path: "/letter/" in path and path.endswith((".svg", ".png", ".di")), True, "listed"
    ),
}
# A file of no kind above is published and listed: counted by exclusion, so a new kind of output
# is a promise until its entry says otherwise.
OTHER_OUTPUT = OutputKind("", lambda path: True, True, "listed")


def output_kind(path: str) -> OutputKind:
    """The kind of the site's file ``path`` (`OUTPUTS`)."""
    return next((kind for kind in OUTPUTS.values() if kind.holds(path)), OTHER_OUTPUT)


def published_url(path: str) -> str | None:
    """The URL at which the output file ``path`` is published, or None for the site's furniture.

    A page is published at its folder (``en/114/counties/pingtung/index.html`` is
    ``en/114/counties/pingtung/``), any other file at its own path: calendars, the open data
    (`OPEN_DATA`) and the feeds. Which files are furniture is the table of outputs' (`OUTPUTS`).
    """
    if not output_kind(path).published:
        return None
    return path.removesuffix("index.html") if path.endswith("/index.html") else path


def url_file(url: str) -> str:
    """The output file of a published URL: the inverse of `published_url`."""
    return url + "index.html" if url.endswith("/") else url


def absolute(base_url: str, target: str) -> str:
    """The full URL of a site path, for sitemap, calendars and hreflang; needs a base URL."""
    return base_url.rstrip("/") + "/" + target


def webcal(base_url: str, target: str) -> str:
    """The subscription (``webcal://``) address of a calendar file; needs a base URL."""
    return "webcal://" + absolute(base_url, target).split("://", 1)[1]


_URL_CHARS = re.compile(r"[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]+")


def base_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be the site's address, or None when it can.

    It must be an absolute https:// URL (http:// only for this machine) with a host and no
    query, fragment or user name: it is written into links, calendars and the sitemap.
    """
    if not _URL_CHARS.fullmatch(url):
        return f"{url!r} is not a URL: it holds spaces, quotes or other characters a link cannot carry"
    parts = urlsplit(url)
    local = parts.hostname in ("localhost", "127.0.0.1", "::1")
    if parts.scheme != "https" and not (parts.scheme == "http" and local):
        return f"{url!r} is not an absolute https:// URL (http:// only for localhost)"
    if not parts.hostname or parts.username or parts.password or parts.query or parts.fragment:
        return f"{url!r} must be a plain https://host/path/ address, without a user name, query or #fragment"
    if not url.endswith("/"):
        return f"{url!r} must end in '/', e.g. {url + '/'!r}"
    return None
