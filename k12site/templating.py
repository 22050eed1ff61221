"""The templating environment: Jinja with its bytecode cache, the filters, and the link helpers.

One environment per build, autoescaping and strict about undefined names. `Links` makes every
link from the page being rendered, through the URL plan (`urls`), relative, so the site works
under any sub-path; `safe_href` lets no link with another scheme than https:, mailto:, tel: or
webcal: onto a page. A template's mistake is reported like a data problem, located in the
template (`template_problem`, `render_problem`), and a template or an asset that is a link to a
file outside the project is refused (`links_outside`).
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from . import dates, i18n, kinds, models, urls
from .eventtext import outlook_calendar_urls
from .files import TEMPLATES
from .i18n import HTML_LANG, LANGS, fill_markup
from .markdown import is_safe_link
from .problems import Problem, display_path
from .project import Event, Year
from .qr import qr_svg
from .urls import Page
from .views import item_marker, zh_number

GoogleUrl = Callable[[Year, Event, str, str], str]


class UnsafeLinkError(ValueError):
    """A link with a scheme other than https:, mailto:, tel: or webcal: was about to be written."""


def template_problem(exc: jinja2.TemplateSyntaxError, root: Path) -> Problem:
    """A template's syntax error, located like a data problem."""
    where = display_path(Path(exc.filename), root) if exc.filename else f"{TEMPLATES}/{exc.name}"
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
    def county_finder(self, ctx: Context) -> str:
        """A link to the list of counties on the year's page (`urls.county_finder`)."""
        here: Page = ctx["here"]
        return self.href(here, urls.county_finder(here.language, ctx["year"].number))

    @pass_context
    def nav(self, ctx: Context) -> list[tuple[str, str, bool]]:
        """The year's menu, from the registry of page kinds: (href, label, whether it is this page)."""
        here: Page = ctx["here"]
        year: int = ctx["year"].number
        return [
            (
                self.href(here, Page(kind, here.lang, year, page.slug).dir),
                kinds.menu_label(kind, page, here.language),
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
        return urls.relative(here, urls.calendar(*here.lang_year, scope, slug))

    @pass_context
    def subscribe(self, ctx: Context, scope: str, slug: str | int | None = None) -> str:
        """The webcal:// address of a calendar, or "" when the site has no base URL."""
        here: Page = ctx["here"]
        return urls.webcal(self.base_url, urls.calendar(*here.lang_year, scope, slug)) if self.base_url else ""

    @pass_context
    def data_file(self, ctx: Context, kind: str) -> str:
        """A link to one of the year's open data files (a key of `urls.OPEN_DATA`)."""
        here: Page = ctx["here"]
        return urls.relative(here, urls.open_data(*here.lang_year, kind))

    @pass_context
    def feed(self, ctx: Context, scope: str, slug: str | int | None = None) -> str:
        """The https:// address of a calendar, to paste into a calendar app, or "" without a base URL."""
        here: Page = ctx["here"]
        return urls.absolute(self.base_url, urls.calendar(*here.lang_year, scope, slug)) if self.base_url else ""

    @pass_context
    def changes_feed(self, ctx: Context) -> str:
        """The year's Atom feed of changes in the page's language: absolute when the base URL is known."""
        here: Page = ctx["here"]
        path = urls.changes_feed(here.language, ctx["year"].number)
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


def _with_lang(function: Callable[..., str]) -> Callable[..., str]:
    """A filter that formats in the language of the page being rendered."""

    @pass_context
    def filter_(ctx: Context, value: Any, *args: Any) -> str:
        return function(value, *args, ctx["lang"])

    return filter_


def quoted(text: models.Text | models.QuotedText, lang: str) -> Markup:
    """``text`` in ``lang``; a county letter's words whose English is pending stay Chinese, marked so."""
    if isinstance(text, models.QuotedText) and text.pending and lang != "zh-tw":
        return Markup('<span class="pending" lang="') + HTML_LANG["zh-tw"] + Markup('">') + text.zh + Markup("</span>")
    return escape(text[lang])


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
    "tr": _with_lang(quoted),
    "quote": quoted,  # as tr, for a macro imported without the page's context: text|quote(lang)
    "plain_date": _with_lang(dates.plain_date),
    "letter_date": _with_lang(dates.letter_date),
    "hours": _with_lang(dates.hours),
    "duration": _with_lang(dates.duration),
    "marker": _with_lang(lambda n, depth, lang: item_marker(depth, n, lang)),
    "numeral": _with_lang(lambda n, lang: zh_number(n) if lang == "zh-tw" else str(n)),
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
