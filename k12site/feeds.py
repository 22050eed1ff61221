"""Each year's changes as an Atom feed, in each language: readers who saw a time or a link are told
when it changes, in their feed reader.

Written with feedgen. Everything in a feed comes from the data, never from the build: its
``updated`` is its newest change's time (the plan's publication while nothing has changed), and
ids are ``urn:uuid:`` names made from the year, the language and the change's time, so they stay
the same when the site moves to another address. Links are absolute when the site's address is
known; without one they are relative to the feed (Atom allows that; readers resolve them against
the feed's own address).
"""

from __future__ import annotations

import uuid

from feedgen.feed import FeedGenerator

from . import urls
from .eventtext import UID_DOMAIN
from .i18n import HTML_LANG, LANGS, fill, strings
from .output import Output
from .project import Project, Year
from .urls import Page

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, UID_DOMAIN)


def feed_id(year: int, lang: str, anchor: str = "") -> str:
    """The id of a year's feed in a language or, with a change's ``anchor``, of one of its entries."""
    return uuid.uuid5(NAMESPACE, f"{year}/{lang}/changes/{anchor}").urn


def changes_feed(year: Year, lang: str, base_url: str) -> bytes:
    """The Atom feed of ``year``'s changes in ``lang``, newest first."""
    path = urls.changes_feed(lang, year.number)
    page = Page("changes", lang, year.number).dir

    def link(target: str) -> str:
        return urls.absolute(base_url, target) if base_url else urls.relative_from(path.rsplit("/", 1)[0] + "/", target)

    changes = year.changes_newest_first
    feed = FeedGenerator()
    feed.id(feed_id(year.number, lang))
    feed.title(fill(strings(lang).changes_feed_title, title=year.info.title[lang]))
    feed.subtitle(strings(lang).changes_intro)
    feed.language(HTML_LANG[lang])
    feed.author({"name": year.info.organizer.name[lang]})
    feed.link(href=link(page), rel="alternate", type="text/html")
    feed.link(href=link(path), rel="self", type="application/atom+xml")
    feed.updated(changes[0].date if changes else year.info.published)
    for change in changes:
        anchor = urls.change_anchor(change.date)
        entry = feed.add_entry(order="append")
        entry.id(feed_id(year.number, lang, anchor))
        entry.title(" ".join(change.text[lang].split()))
        entry.content(change.text[lang], type="text")
        entry.link(href=f"{link(page)}#{anchor}", rel="alternate", type="text/html")
        entry.published(change.date)
        entry.updated(change.date)
    return feed.atom_str(pretty=True)


def render_feeds(project: Project, output: Output) -> None:
    """Add each year's feed of changes, in each language, to ``output``."""
    for year in project.years:
        for lang in LANGS:
            output.add(urls.changes_feed(lang, year.number), changes_feed(year, lang, project.site.base_url))
