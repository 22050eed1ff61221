"""Render every HTML page, the sitemap and robots.txt, and copy the static assets.

One Jinja environment per build, autoescaping and strict about undefined names. Templates get
the year's model objects, a `YearView` of derived facts computed once per year, the interface
strings of their language, and helpers that know the page being rendered: every link comes from
the URL plan (`urls`) and is relative, so the site works under any sub-path.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import traceback
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from . import dates, i18n, kinds, models, opendata, urls
from .eventtext import google_calendar_url, outlook_calendar_urls
from .i18n import (
    APPLICATION,
    HTML_LANG,
    LANGS,
    OG_LOCALE,
    ONSITE_KIND,
    OTHER,
    PAGE_NAME,
    PERIOD,
    SLOT_KIND,
    fill_markup,
)
from .markdown import is_safe_link
from .markdown import render as markdown
from .output import Output
from .problems import DataError, Problem, display_path
from .project import Event, Project, Year, minutes_between, part_times
from .qr import qr_svg
from .urls import Page

GoogleUrl = Callable[[Year, Event, str, str], str]


class UnsafeLinkError(ValueError):
    """A link with a scheme other than https:, mailto:, tel: or webcal: was about to be written."""


# --- derived facts, computed once per year -------------------------------------------------


@dataclass(frozen=True)
class SessionView:
    """One online session and its calendar events (one per part: morning, afternoon, day)."""

    session: models.Session
    track: models.Track
    district: models.District
    events: list[Event]
    state: str  # on the build's date: "ended", "today" or "upcoming" (see `session_state`)

    @property
    def slug(self) -> str:
        return urls.session_slug(self.district.number, self.track.slug)


@dataclass(frozen=True)
class OnsiteView:
    """One published in-person or on-site session (its calendar event) and where it stands on the
    build's date, as for an online session."""

    event: Event
    state: str  # "ended", "today" or "upcoming"

    @property
    def session(self) -> models.OnsiteSession:
        assert self.event.onsite is not None
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


# --- the pages ----------------------------------------------------------------------------


def year_pages(year: Year) -> Iterator[tuple[Page, str, Mapping[str, Any]]]:
    """Every page of a year in both languages, as the registry of page kinds lists them: the page,
    its template, its own context."""
    for lang in LANGS:
        for name, kind in kinds.YEAR_KINDS.items():
            for page in kind.pages(year):
                yield Page(name, lang, year.number, page.slug), kind.template, page.context


def all_pages(project: Project, views: dict[int, YearView]) -> Iterator[tuple[Page, str, Mapping[str, Any]]]:
    """Every page of the site, as the registry of page kinds lists them: the page, its template,
    its own context. Each language's front page shows the newest year's frame and menu."""
    newest = {"year": project.latest, "view": views[project.latest.number]}
    for name, kind in kinds.PAGE_KINDS.items():
        if kind.scope == "site":
            yield Page(name), kind.template, {}
        elif kind.scope == "language":
            yield from ((Page(name, lang), kind.template, newest) for lang in LANGS)
    for year in project.years:
        for page, template, context in year_pages(year):
            yield page, template, {"year": year, "view": views[year.number], **context}


def render_site(
    project: Project, output: Output, env: jinja2.Environment | None = None, *, today: dt.date | None = None
) -> None:
    """Add every page, sitemap.xml, robots.txt and the assets to ``output``, with the sessions
    marked as they stand on ``today`` (default: `dates.build_date`).

    A rebuild may pass the ``env`` of the previous build: its compiled templates are reused,
    and with ``watch`` (see `environment`) any template whose file changed is compiled again.
    A template's syntax error is raised as a `DataError` located in the template, as is a
    template or an asset that is a link to a file outside the project (see `links_outside`).
    """
    templates = project.root / "templates"
    problems = links_outside(templates, project.root)
    if problems:
        raise DataError(problems)
    if not (templates / "base.html").is_file():
        missing = "this file is missing; the site's templates live in templates/"
        raise DataError([Problem(display_path(templates / "base.html", project.root), 1, 1, "(file)", missing)])
    try:
        _render_all(project, output, environment(templates) if env is None else env, dates.build_date(today))
    except jinja2.TemplateSyntaxError as exc:
        raise DataError([template_problem(exc, project.root)]) from None
    except jinja2.TemplateError as exc:  # at render time: an undefined name, a missing include
        raise DataError([render_problem(exc, templates, project.root)]) from None


def template_problem(exc: jinja2.TemplateSyntaxError, root: Path) -> Problem:
    """A template's syntax error, located like a data problem."""
    where = display_path(Path(exc.filename), root) if exc.filename else f"templates/{exc.name}"
    return Problem(where, exc.lineno or 1, 1, "(template)", exc.message or "template syntax error")


def render_problem(exc: jinja2.TemplateError, templates: Path, root: Path) -> Problem:
    """A template's error at render time, at the template line it happened on: Jinja rewrites the
    traceback so that its frames are the templates' lines; the innermost one under templates/ is it."""
    inside = templates.resolve()
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename).resolve().is_relative_to(inside)]
    message = " ".join((exc.message or type(exc).__name__).split())
    if not frames:
        return Problem(display_path(templates, root), 1, 1, "(template)", message)
    return Problem(display_path(Path(frames[-1].filename), root), frames[-1].lineno or 1, 1, "(template)", message)


def links_outside(folder: Path, root: Path) -> list[Problem]:
    """Every link under ``folder`` that leads outside ``root``, as a located problem.

    Templates and assets are read through links (Jinja and the asset copy follow them), so a
    link to a file outside the project would put that file's text on the site. Links to folders
    inside the project are followed, each folder once.
    """
    inside = root.resolve()
    problems, seen, waiting = [], set(), [folder]
    while waiting:
        path = waiting.pop()
        real = Path(os.path.realpath(path))  # never raises, not even for a link loop
        if not real.is_relative_to(inside):
            what = "folder" if real.is_dir() else "file"
            problems.append(
                Problem(
                    display_path(path, root),
                    1,
                    1,
                    "(file)",
                    f"is a link to a {what} outside the project ({real}): templates and assets must be inside "
                    f"the project; copy the {what} in instead of linking to it",
                )
            )
        elif real.is_dir() and real not in seen:
            seen.add(real)
            waiting += path.iterdir()
    return problems


def _render_all(project: Project, output: Output, env: jinja2.Environment, today: dt.date) -> None:
    templates = project.root / "templates"
    env.globals.update(_globals(project, google_calendar_url))
    shared = {"project": project, "site": project.site, "latest": project.latest}
    views = {year.number: YearView.of(year, today) for year in project.years}
    listed: list[Page] = []  # in the sitemap, after the root: every page of one language
    for page, name, context in all_pages(project, views):
        _render(env, output, page, name, shared, **context)
        if page.lang is not None:
            listed.append(page)
    output.add("sitemap.xml", env.get_template("sitemap.xml").render(pages=listed, **shared))
    output.add("robots.txt", env.get_template("robots.txt").render(**shared))
    output.add("favicon.ico", (templates / "favicon.ico").read_bytes())  # browsers ask the root for it
    for path in sorted((templates / "assets").rglob("*")):
        if path.is_file():
            output.add(urls.asset(path.relative_to(templates / "assets").as_posix()), path.read_bytes())


def _render(
    env: jinja2.Environment, output: Output, page: Page, name: str, shared: dict[str, Any], **context: Any
) -> None:
    lang = page.lang
    html = env.get_template(name).render(
        here=page,
        lang=lang,
        t=i18n.strings(lang) if lang else None,
        t_zh=i18n.strings("zh-tw"),
        t_en=i18n.strings("en"),
        html_lang=HTML_LANG[lang] if lang else HTML_LANG["zh-tw"],
        other_html_lang=HTML_LANG[OTHER[lang]] if lang else None,
        **shared,
        **context,
    )
    output.add(page.file, html)


# --- the page left at a moved page's old URL ------------------------------------------------


def redirect_page(env: jinja2.Environment, base_url: str, old: str, new: str) -> str:
    """The page left at ``old``, a page's URL that moved to the page ``new`` (see `ledger`).

    A browser goes on at once (``<meta http-equiv="refresh">``); a search engine reads the
    canonical link; a reader whose browser stays sees a link, in both languages, that of the old
    URL first. Links are relative, so they work under any sub-path; the canonical link and the
    link's text are absolute when the site's address is known.
    """
    lang = old.split("/", 1)[0] if old.split("/", 1)[0] in LANGS else LANGS[0]
    href = urls.relative_from(old, new)
    address = urls.absolute(base_url, new) if base_url else new

    def words(each: str) -> dict[str, str]:
        t = i18n.strings(each)
        return {"lang": HTML_LANG[each], "skip_link": t.skip_link, "title": t.moved_title, "text": t.moved_text}

    texts = [words(lang), words(OTHER[lang])]
    return env.get_template("redirect.html").render(
        html_lang=HTML_LANG[lang],
        texts=texts,
        href=href,
        canonical=address if base_url else href,
        address=address,
        stylesheet=urls.relative_from(old, urls.asset("style.css")),
    )


# --- the template environment and its helpers ---------------------------------------------


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's bytecode cache, which only ever saves time: a cache file that cannot be read or
    written is skipped (Jinja itself already ignores a corrupt one and compiles again)."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def environment(templates: Path, cache: Path | None = None, *, watch: bool = False) -> jinja2.Environment:
    """The template environment; `render_site` adds the globals of the project it renders.

    With a ``cache`` folder, compiled templates are kept there (Jinja's bytecode cache, checked
    against each template's source), so a new process skips compiling unchanged templates.
    With ``watch`` (an environment kept across rebuilds), a template whose file changed is
    compiled again; a one-time build does not check each template's file at every use.
    """
    bytecode_cache = None
    if cache is not None:
        try:
            cache.mkdir(parents=True, exist_ok=True)
            bytecode_cache = TemplateCache(str(cache))
        except OSError:  # no cache folder can be made: compile every template, as on a fresh clone
            pass
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=jinja2.select_autoescape(("html", "xml")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=watch,
        bytecode_cache=bytecode_cache,
    )
    env.filters.update(FILTERS)
    return env


def safe_href(href: str) -> str:
    """Let a link onto a page only if its scheme is https:, mailto:, tel:, webcal: or none."""
    if not is_safe_link(href):
        raise UnsafeLinkError(
            f"refusing to write the link {href!r}: only https:, mailto:, tel:, webcal: or relative links"
        )
    return href


class Links:
    """The template helpers that make links from the page being rendered (``here``).

    Every link is relative, so the site works under any sub-path; the 404 page, served at
    whatever address was asked for, links from the site's own address when that is known.
    """

    def __init__(self, base_url: str, google: GoogleUrl, newest: frozenset[Page] = frozenset()) -> None:
        self.base_url, self.google = base_url, google
        self.newest = newest  # every page of the newest year
        self.add_urls: dict[tuple[str, str], list[tuple[str, str]]] = {}  # an event is on many pages

    def href(self, here: Page, target: str) -> str:
        if here.kind == "404" and self.base_url:
            return urls.absolute(self.base_url, target)
        return urls.relative(here, target)

    @pass_context
    def url(self, ctx: Context, kind: str, slug: str | None = None) -> str:
        """A link to a page of the current language and year."""
        here: Page = ctx["here"]
        return self.href(here, Page(kind, here.lang, ctx["year"].number, slug).dir)

    @pass_context
    def nav(self, ctx: Context) -> list[tuple[str, str, bool]]:
        """The year's menu, from the registry of page kinds: (href, label, whether it is this page)."""
        here: Page = ctx["here"]
        year: int = ctx["year"].number
        return [
            (
                self.href(here, Page(kind, here.lang, year, page.slug).dir),
                kinds.menu_label(kind, page, here.lang),
                here.dir == Page(kind, here.lang, year, page.slug).dir,
            )
            for kind, page in ctx["view"].menu
        ]

    @pass_context
    def successor(self, ctx: Context) -> Page:
        """Where a page of an earlier year leads: the same page in the newest year, else its home."""
        here: Page = ctx["here"]
        same = Page(here.kind, here.lang, ctx["latest"].number, here.slug)
        return same if same in self.newest else Page("year", here.lang, ctx["latest"].number)

    @pass_context
    def link(self, ctx: Context, page: Page) -> str:
        return self.href(ctx["here"], page.dir)

    @pass_context
    def asset(self, ctx: Context, name: str) -> str:
        return self.href(ctx["here"], urls.asset(name))

    @pass_context
    def site_file(self, ctx: Context, path: str) -> str:
        """A link to a file at the site's root, such as favicon.ico."""
        return self.href(ctx["here"], path)

    @pass_context
    def calendar(self, ctx: Context, scope: str, slug: str | int | None = None) -> str:
        here: Page = ctx["here"]
        return urls.relative(here, urls.calendar(here.lang, here.year, scope, slug))

    @pass_context
    def subscribe(self, ctx: Context, scope: str, slug: str | int | None = None) -> str:
        """The webcal:// address of a calendar, or "" when the site has no base URL."""
        here: Page = ctx["here"]
        return urls.webcal(self.base_url, urls.calendar(here.lang, here.year, scope, slug)) if self.base_url else ""

    @pass_context
    def data_file(self, ctx: Context, kind: str) -> str:
        """A link to one of the year's open data files (a key of `urls.OPEN_DATA`)."""
        here: Page = ctx["here"]
        return urls.relative(here, urls.open_data(here.lang, here.year, kind))

    @pass_context
    def feed(self, ctx: Context, scope: str, slug: str | int | None = None) -> str:
        """The https:// address of a calendar, to paste into a calendar app, or "" without a base URL."""
        here: Page = ctx["here"]
        return urls.absolute(self.base_url, urls.calendar(here.lang, here.year, scope, slug)) if self.base_url else ""

    @pass_context
    def changes_feed(self, ctx: Context) -> str:
        """The year's Atom feed of changes in the page's language: absolute when the base URL is known."""
        here: Page = ctx["here"]
        path = urls.changes_feed(here.lang, ctx["year"].number)
        return urls.absolute(self.base_url, path) if self.base_url else self.href(here, path)

    @pass_context
    def change_link(self, ctx: Context, change: models.Change) -> str:
        """A link to a change on its year's changes page."""
        here: Page = ctx["here"]
        page = Page("changes", here.lang, ctx["year"].number).dir
        return self.href(here, page) + "#" + urls.change_anchor(change.date)

    @pass_context
    def add_links(self, ctx: Context, event: Event) -> list[tuple[str, str]]:
        """(interface string, href) of the "add" links of one event: Google, then Outlook."""
        key = (event.uid, ctx["lang"])
        if key not in self.add_urls:
            year, lang = ctx["year"], ctx["lang"]
            links = [("google_add", self.google(year, event, lang, self.base_url))]
            links += outlook_calendar_urls(year, event, lang, self.base_url).items()
            self.add_urls[key] = [(name, safe_href(href)) for name, href in links]
        return self.add_urls[key]

    @pass_context
    def alternates(self, ctx: Context) -> list[tuple[str, str]]:
        """(hreflang, href) of the page in each language; absolute when the base URL is known."""
        here: Page = ctx["here"]
        pages = [(HTML_LANG[lang], here.in_lang(lang)) for lang in LANGS]
        if self.base_url:
            return [(code, urls.absolute(self.base_url, page.dir)) for code, page in pages]
        return [(code, urls.relative(here, page.dir)) for code, page in pages]

    @pass_context
    def absolute(self, ctx: Context) -> str:
        """The page's own full address, or "" when the site has no base URL."""
        return urls.absolute(self.base_url, ctx["here"].dir) if self.base_url else ""

    @pass_context
    def page_url(self, ctx: Context) -> str:
        """The page's address for a reader to quote (an error report names it): full when the base URL
        is known, else the page's file in the site."""
        here: Page = ctx["here"]
        return urls.absolute(self.base_url, here.address) if self.base_url else here.file

    def absolute_url(self, page: Page) -> str:
        return urls.absolute(self.base_url, page.dir)


def _onsite_slug(event: Event) -> str:
    return urls.onsite_session_slug(event.onsite.county, event.onsite.date, event.onsite.kind)


def _structured_data(base_url: str) -> Callable[..., Markup]:
    @pass_context
    def structured_data(ctx: Context, events: list[Event]) -> Markup:
        """The online ``events`` as schema.org JSON-LD, for a <script type="application/ld+json">."""
        return Markup(opendata.json_ld(ctx["year"], events, ctx["lang"], base_url))

    return structured_data


def _globals(project: Project, google: GoogleUrl) -> dict[str, Any]:
    links = Links(project.site.base_url, google, frozenset(page for page, _, _ in year_pages(project.latest)))
    helpers = (
        "url",
        "nav",
        "successor",
        "link",
        "asset",
        "site_file",
        "calendar",
        "subscribe",
        "feed",
        "add_links",
        "changes_feed",
        "change_link",
        "data_file",
        "alternates",
    )
    return {
        **{name: getattr(links, name) for name in (*helpers, "absolute", "absolute_url", "page_url")},
        "langs": LANGS,
        "SLOT_KIND": SLOT_KIND,
        "ONSITE_KIND": ONSITE_KIND,
        "APPLICATION": APPLICATION,
        "PERIOD": PERIOD,
        "PAGE_NAME": PAGE_NAME,
        "html_langs": HTML_LANG,
        "og_locales": OG_LOCALE,
        "Page": Page,
        "part_times": part_times,
        "onsite_slug": _onsite_slug,
        "quote_runs": quote_runs,
        "change_anchor": lambda change: urls.change_anchor(change.date),
        "minutes_between": minutes_between,
        "structured_data": _structured_data(project.site.base_url),
        "base_url": project.site.base_url,
        "search_entry": urls.SEARCH_ENTRY,
    }


def _with_lang(function: Callable[..., str]) -> Callable[..., str]:
    """A filter that formats in the language of the page being rendered."""

    @pass_context
    def filter_(ctx: Context, value: Any, *args: Any) -> str:
        return function(value, *args, ctx["lang"])

    return filter_


def _tel(phone: str) -> str:
    """tel: link for a Taiwanese number as letters write it: 08-7320415#3613 → tel:+886-8-7320415;ext=3613."""
    number, _, ext = phone.partition("#")
    number = number.replace(" ", "-")
    if number.startswith("0"):
        number = "+886-" + number[1:]
    return "tel:" + number + (f";ext={ext}" if ext else "")


def _mailto(address: str, subject: str | None = None) -> str:
    """mailto: link to ``address``, with a subject when given, each percent-encoded (RFC 6068).

    A subject made in a template is markup: its text, unescaped, is what the mail says.
    """
    href = "mailto:" + quote(address, safe="@!$'()*+,;")
    if subject is None:
        return href
    text = subject.striptags() if isinstance(subject, Markup) else subject
    return href + "?subject=" + quote(text, safe="")


def _iso(moment: dt.date | dt.datetime) -> str:
    return moment.isoformat(timespec="minutes") if isinstance(moment, dt.datetime) else moment.isoformat()


# Dates and times in <time> elements: filters built with f-strings, as pages hold hundreds of
# them and a macro, or Markup.format, costs several times as much.
def _time(moment: dt.date | dt.datetime, text: str) -> str:
    return f'<time datetime="{escape(_iso(moment))}">{escape(text)}</time>'


@pass_context
def _date_tag(ctx: Context, day: dt.date, style: str = "long") -> Markup:
    text = dates.short_date(day, ctx["lang"]) if style == "short" else dates.long_date(day, ctx["lang"])
    return Markup(_time(day, text))


@pass_context
def _moment_tag(ctx: Context, moment: dt.datetime) -> Markup:
    """An instant as Taipei's date and time of day: 114年7月28日（一） 09:00 / Mon 28 Jul 2025 09:00."""
    local = moment.astimezone(dates.TAIPEI)
    return Markup(_time(local, f"{dates.long_date(local.date(), ctx['lang'])} {local:%H:%M}"))


def _time_tag(moment: dt.datetime) -> Markup:
    return Markup(_time(moment, moment.strftime("%H:%M")))


@pass_context
def _span_tag(ctx: Context, window: models.Window) -> Markup:
    lang = ctx["lang"]
    start, end = (_time(day, dates.long_date(day, lang)) for day in (window.start, window.end))
    return Markup(f"{start}{escape(i18n.strings(lang)['range_sep'])}{end}")


@pass_context
def _plural(ctx: Context, key: str, n: int, **values: Any) -> Markup:
    """``'your_sessions'|plural(n)``: the counted string in the page's language, for ``n`` things."""
    return fill_markup(ctx["t"][i18n.plural_key(key, n)], n=f"{n:,}", **values)


FILTERS: dict[str, Callable[..., Any]] = {
    "tr": _with_lang(lambda text, lang: text[lang]),
    "plain_date": _with_lang(dates.plain_date),
    "letter_date": _with_lang(dates.letter_date),
    "hours": _with_lang(dates.hours),
    "duration": _with_lang(dates.duration),
    "marker": _with_lang(lambda n, depth, lang: i18n.item_marker(depth, n, lang)),
    "numeral": _with_lang(lambda n, lang: i18n.zh_number(n) if lang == "zh-tw" else str(n)),
    "href": safe_href,
    "fill": fill_markup,
    "qr": qr_svg,
    "plural": _plural,
    "tel": _tel,
    "mailto": _mailto,
    "iso": _iso,
    "date_tag": _date_tag,
    "time_tag": _time_tag,
    "moment_tag": _moment_tag,
    "taipei_day": lambda moment: moment.astimezone(dates.TAIPEI).date(),
    "span_tag": _span_tag,
}
