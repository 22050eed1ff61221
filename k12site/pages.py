"""Render every HTML page, the sitemap and robots.txt, and copy the static assets.

The pages are listed by the registry of page kinds (`kinds`); each is rendered in the templating
environment (`templating`) with the year's model objects, a `views.YearView` of derived facts
computed once per year, the interface strings of its language, and the link helpers of
`templating.Links`, which know the page being rendered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import jinja2
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from . import i18n, kinds, opendata, urls
from .eventtext import google_calendar_url
from .i18n import APPLICATION, HTML_LANG, LANGS, OG_LOCALE, ONSITE_KIND, OTHER, PAGE_NAME, PERIOD, SLOT_KIND
from .kit import Kit
from .output import Output
from .problems import DataError, Problem, display_path
from .project import Event, OnsiteEvent, Project, Year, minutes_between, part_times
from .templating import GoogleUrl, Links, environment, links_outside, render_problem, template_problem
from .urls import Page
from .views import YearView, quote_runs


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


def render_site(project: Project, output: Output, env: jinja2.Environment | None = None, *, today: dt.date) -> None:
    """Add every page, sitemap.xml, robots.txt and the assets to ``output``, with the sessions
    marked as they stand on ``today`` (the build's date, taken once by whoever runs the build).

    A rebuild may pass the ``env`` of the previous build: its compiled templates are reused,
    and with ``watch`` (see `environment`) any template whose file changed is compiled again.
    A template's syntax error is raised as a `DataError` located in the template, as is a
    template or an asset that is a link to a file outside the project (see `links_outside`).
    """
    templates = project.templates
    problems = links_outside(templates, project.root)
    if problems:
        raise DataError(problems)
    if not (templates / "base.html").is_file():
        missing = "this file is missing; the site's templates live in templates/"
        raise DataError([Problem(display_path(templates / "base.html", project.root), 1, 1, "(file)", missing)])
    try:
        _render_all(project, output, environment(templates) if env is None else env, today)
    except jinja2.TemplateSyntaxError as exc:
        raise DataError([template_problem(exc, project.root)]) from None
    except jinja2.TemplateError as exc:  # at render time: an undefined name, a missing include
        raise DataError([render_problem(exc, templates, project.root)]) from None


def _render_all(project: Project, output: Output, env: jinja2.Environment, today: dt.date) -> None:
    templates = project.templates
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


def _onsite_slug(event: OnsiteEvent) -> str:
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
        "county_finder",
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
        "county_kit": lambda year, county: Kit(year, county, project.site.base_url),
        "change_anchor": lambda change: urls.change_anchor(change.date),
        "minutes_between": minutes_between,
        "structured_data": _structured_data(project.site.base_url),
        "base_url": project.site.base_url,
        "search_entry": urls.SEARCH_ENTRY,
        "find_your_county": urls.FIND_YOUR_COUNTY,
    }
