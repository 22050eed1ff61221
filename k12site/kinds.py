"""The kinds of page the site has: one registry that URLs, rendering, the menu and the sitemap read.

Each kind says where its pages live, which template renders them, how the menu names them and,
for the pages of an academic year, which pages of the kind a year has. The site's root and 404
pages stand outside any language and year, each language's front page (``<lang>/``) outside any
year; every other page belongs to a year and lives under ``<lang>/<year>/``. Adding a kind of
page is one entry here and its template; adding a page written in Markdown (a ``content`` page)
takes no code at all, only its files (see `content`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .i18n import fill, strings

if TYPE_CHECKING:
    from .project import Year


@dataclass(frozen=True)
class YearPage:
    """One page of a year, in every language: its slug, what its template gets, its menu entry."""

    slug: str | None = None
    context: Mapping[str, Any] = field(default_factory=dict)
    # Its place in the year's menu, or None when it is not there. The built-in entries are 0 and
    # keep the registry's order; pages written in Markdown follow, by their front matter's number.
    menu: int | None = None
    title: Mapping[str, str] | None = None  # by language: the menu label's {title}, or the label itself


@dataclass(frozen=True)
class PageKind:
    """A kind of page: its place in the URL plan, its template, its menu label, its pages in a year."""

    scope: Literal["site", "language", "year"]
    path: str  # inside <lang>/<year>/ for a year's page, <lang>/ for a language's; "{slug}" is the page's slug
    template: str
    label: str | None = None  # the interface string naming its pages in the menu ({title} filled)
    pages: Callable[[Year], list[YearPage]] = lambda year: []


def _once(year: Year) -> list[YearPage]:
    return [YearPage(menu=0)]


def _agendas(year: Year) -> list[YearPage]:
    return [YearPage(t.slug, {"track": t}, menu=0, title=t.name.by_lang()) for t in year.tracks]


def _counties(year: Year) -> list[YearPage]:
    return [YearPage(county.slug, {"county": county}) for county in year.counties]


def _letters(year: Year) -> list[YearPage]:
    return [YearPage(county.slug, {"county": county}) for county in year.counties]


def _notices(year: Year) -> list[YearPage]:
    return [
        YearPage(slug, {"county": year.county(slug), "notice": notice}) for slug, notice in sorted(year.notices.items())
    ]


def _content(year: Year) -> list[YearPage]:
    return [YearPage(page.name, {"content": page}, menu=page.menu, title=page.title) for page in year.pages]


PAGE_KINDS: dict[str, PageKind] = {
    "root": PageKind("site", "", "root.html"),
    "404": PageKind("site", "", "404.html"),  # written as 404.html, served for any missing address
    "language": PageKind("language", "", "language.html"),  # /zh-tw/, /en/: the newest year and the earlier ones
    # /zh-tw/search/, /en/search/: one per language, as its index holds the pages of every year
    "search": PageKind("language", "search/", "search.html", "nav_search"),
    "year": PageKind("year", "", "year.html", "nav_home", _once),
    "sessions": PageKind("year", "sessions/", "sessions.html", "nav_sessions", _once),
    "agenda": PageKind("year", "agenda/{slug}/", "agenda.html", "nav_agenda", _agendas),
    "onsite": PageKind("year", "onsite/", "onsite.html", "nav_onsite", _once),
    "process": PageKind("year", "process/", "process.html", "nav_process", _once),
    # always there, "nothing has changed yet" included: a reader subscribes before the first change
    "changes": PageKind("year", "changes/", "changes.html", "nav_changes", _once),
    "county": PageKind("year", "counties/{slug}/", "county.html", pages=_counties),
    # for the county's office: what to cite in its own letter, and a draft of it (see `kit`)
    "letter": PageKind("year", "counties/{slug}/letter/", "letter.html", pages=_letters),
    "notice": PageKind("year", "notice/{slug}/", "notice.html", pages=_notices),
    # content/<year>/<name>.<lang>.md: its front matter gives its title and menu place
    "content": PageKind("year", "{slug}/", "content.html", pages=_content),
}
YEAR_KINDS = {name: kind for name, kind in PAGE_KINDS.items() if kind.scope == "year"}


def menu(year: Year) -> list[tuple[str, YearPage]]:
    """The year's menu: (kind, page) of every page in it, in order; a language's own pages with a
    menu label (search) close it."""
    entries = [(name, page) for name, kind in YEAR_KINDS.items() for page in kind.pages(year) if page.menu is not None]
    own = [(name, YearPage(menu=0)) for name, kind in PAGE_KINDS.items() if kind.scope == "language" and kind.label]
    return sorted(entries, key=lambda entry: entry[1].menu or 0) + own


def menu_label(kind: str, page: YearPage, lang: str) -> str:
    """How the menu names a page: its kind's interface string with {title} filled, or its own title."""
    title = page.title[lang] if page.title else ""
    label = PAGE_KINDS[kind].label
    return fill(strings(lang)[label], title=title) if label else title
