"""Every page's footer: how to schedule a session (the organizer's route, from the year's data), a
county letter's contact on that county's own pages, and how to report an error by e-mail.

Like test_site.py, the tests run against the live project and the one of another shape (whose
114 has no organizer's website and whose 115 words the route otherwise), and derive what they
expect from the loaded data; Pingtung's own contact is pinned in test_seed_transcription.py.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import Projects
from markupsafe import Markup

from k12site import i18n, models, urls
from k12site.builder import build
from k12site.loader import load_project
from k12site.project import Project, Year
from k12site.templating import FILTERS

LANGS = i18n.LANGS
BASE_URL = "https://example.org/training/"


def text(node: Tag) -> str:
    """A paragraph's words as a reader sees them: links run into the text around them."""
    return " ".join(node.get_text().split())


class Built:
    """A built site, each page parsed once, and the project it was built from."""

    def __init__(self, root: Path, project: Project) -> None:
        self.root, self.project = root, project
        self._soups: dict[str, BeautifulSoup] = {}

    def soup(self, rel: str) -> BeautifulSoup:
        if rel not in self._soups:
            self._soups[rel] = BeautifulSoup((self.root / rel).read_bytes(), "html.parser")
        return self._soups[rel]

    @property
    def pages(self) -> list[str]:
        """Every page with a footer: every HTML file but the redirect pages the ledger's moves leave."""
        moved = {urls.url_file(old) for old in (self.project.ledger.model.moved if self.project.ledger else {})}
        files = sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))
        return [rel for rel in files if rel not in moved]

    def footer_year(self, rel: str) -> tuple[Year, tuple[str, ...]]:
        """The year whose facts a page's footer gives, and the footer's languages: a year's page gives
        its own year's, every other page the newest year's; the bilingual root and 404 pages, both."""
        parts = rel.split("/")
        if parts[0] not in LANGS:
            return self.project.latest, LANGS
        if parts[1].isdigit():
            return next(year for year in self.project.years if year.number == int(parts[1])), (parts[0],)
        return self.project.latest, (parts[0],)


@pytest.fixture(scope="module")
def site(projects: Projects, shape: str) -> Built:
    return Built(projects.site(shape), projects.project(shape))


@pytest.fixture(scope="module")
def published(projects: Projects, shape: str) -> Built:
    return Built(projects.site(shape, BASE_URL), projects.project(shape))


def lines(soup: BeautifulSoup, kind: str, lang: str, page_lang: str) -> list[Tag]:
    """The footer's paragraphs of one ``kind`` in ``lang`` (marked with lang= when not the page's)."""
    found = soup.select(f"footer.site-footer p.{kind}")
    return [p for p in found if p.get("lang", i18n.HTML_LANG[page_lang]) == i18n.HTML_LANG[lang]]


def page_lang(rel: str) -> str:
    first = rel.split("/")[0]
    return first if first in LANGS else LANGS[0]


# --- how to schedule an in-person briefing or on-site session ----------------------------------


def scheduling_text(organizer: models.Organizer, lang: str) -> str:
    t = i18n.strings(lang)
    words = i18n.fill(t.footer_scheduling, text=organizer.scheduling[lang])
    if organizer.website:
        name = (organizer.short or organizer.name)[lang]
        words += i18n.fill(t.paren, text=i18n.fill(t.organizer_website, organizer=name))
    return " ".join(words.split())


def test_every_page_says_how_to_schedule_a_session_in_its_years_words(site: Built) -> None:
    for rel in site.pages:
        year, langs = site.footer_year(rel)
        organizer = year.info.organizer
        for lang in langs:
            [line] = lines(site.soup(rel), "scheduling", lang, page_lang(rel))
            assert text(line) == " ".join(scheduling_text(organizer, lang).split()), rel
            links = [a["href"] for a in line.find_all("a")]
            assert links == ([organizer.website] if organizer.website else []), rel
    assert len(site.pages) > 4


def test_the_pages_outside_a_year_give_the_newest_years_route(site: Built) -> None:
    newest = site.project.latest.info.organizer
    for rel in ("index.html", "404.html", *(f"{lang}/{rest}" for lang in LANGS for rest in ("", "search/"))):
        rel = rel if rel.endswith(".html") else rel + "index.html"
        for lang in site.footer_year(rel)[1]:
            [line] = lines(site.soup(rel), "scheduling", lang, page_lang(rel))
            assert newest.scheduling[lang] in text(line), rel


def test_a_year_without_the_organizers_website_shows_the_route_without_a_link(tiny: Path, tmp_path: Path) -> None:
    project = load_project(tiny)
    organizer = project.latest.info.organizer
    assert organizer.website is None
    build(tiny, tmp_path / "out")
    for lang in LANGS:
        soup = BeautifulSoup((tmp_path / f"out/{lang}/114/index.html").read_bytes(), "html.parser")
        [line] = lines(soup, "scheduling", lang, lang)
        assert text(line) == scheduling_text(organizer, lang)
        assert not line.find("a")


# --- a county letter's contact, on that county's own pages only ---------------------------------


def own_pages(year: Year, slug: str) -> set[str]:
    """A county's own pages in a year: its county page, its letter's page and its office's page, in both languages."""
    kinds = ("county", "notice", "letter")
    return {urls.Page(kind, lang, year.number, slug).file for kind in kinds for lang in LANGS}


def test_a_letters_contact_is_in_the_footer_of_its_countys_pages_only(site: Built) -> None:
    letters = [(year, slug, notice) for year in site.project.years for slug, notice in sorted(year.notices.items())]
    assert letters, "the project has a county's letter"
    for year, slug, notice in letters:
        contact = notice.contact
        own = own_pages(year, slug)
        for rel in own:
            lang = page_lang(rel)
            [line] = site.soup(rel).select("footer.site-footer p.county-contact")
            assert contact.name[lang] in text(line) and notice.sender[lang] in text(line), rel
            hrefs = [a["href"] for a in line.find_all("a")]
            assert hrefs == [FILTERS["tel"](contact.phone), f"mailto:{contact.email}"], rel
        # the address is the letter's own: no other page, in any year, says it anywhere
        holding = {rel for rel in site.pages if contact.email in str(site.soup(rel))}
        assert holding == own, slug
        # nor cites the letter in its footer: the plan's source is the organizer's
        citing = {rel for rel in site.pages if notice.reference in text(site.soup(rel).select_one("footer"))}
        assert citing == own, slug
    with_a_letter = set().union(*(own_pages(year, slug) for year, slug, _ in letters))
    for rel in site.pages:
        assert bool(site.soup(rel).select("footer p.county-contact")) == (rel in with_a_letter), rel


# --- reporting an error by e-mail, with the page in the subject ----------------------------------


def page_title(soup: BeautifulSoup) -> str:
    """The page's own title, as its link card (og:title) gives it."""
    return soup.find("meta", property="og:title")["content"]


def check_report_link(built: Built, rel: str, lang: str, address: str) -> None:
    soup, t = built.soup(rel), i18n.strings(lang)
    maintainers = built.project.site.maintainers
    [line] = lines(soup, "report", lang, page_lang(rel))
    words = i18n.fill(t.footer_report, maintainers=maintainers.name[lang], email=maintainers.email)
    assert text(line) == " ".join(words.split()), rel
    [link] = line.find_all("a")
    href = urlsplit(link["href"])
    assert (href.scheme, unquote(href.path), text(link)) == ("mailto", maintainers.email, maintainers.email), rel
    [subject] = parse_qs(href.query, strict_parsing=True)["subject"]
    assert address in subject, rel
    assert subject == i18n.fill(t.report_subject, title=page_title(soup), url=address), rel


def test_every_page_asks_for_errors_by_email_naming_itself_in_the_subject(published: Built) -> None:
    for rel in published.pages:
        address = urls.absolute(BASE_URL, rel.removesuffix("index.html"))  # 404.html stays: it is its address
        for lang in published.footer_year(rel)[1]:
            check_report_link(published, rel, lang, address)
        canonical = published.soup(rel).find("link", rel="canonical")
        assert canonical is None or canonical["href"] == address, rel


def test_without_a_base_url_the_subject_names_the_pages_file(site: Built) -> None:
    for rel in site.pages:
        for lang in site.footer_year(rel)[1]:
            check_report_link(site, rel, lang, rel)


def test_the_maintainers_address_comes_from_site_yaml(tiny: Path, tmp_path: Path) -> None:
    path = tiny / "data/site.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("team@example.org", "errors@k12.example"), "utf-8")
    build(tiny, tmp_path / "out")
    html = (tmp_path / "out/en/114/sessions/index.html").read_text(encoding="utf-8")
    assert "mailto:errors@k12.example?subject=" in html and "team@example.org" not in html


def test_mailto_links_percent_encode_the_address_and_the_subjects_text() -> None:
    mailto = FILTERS["mailto"]
    assert mailto("a+b@example.org") == "mailto:a+b@example.org"
    assert mailto("a?b@example.org") == "mailto:a%3Fb@example.org"
    subject = Markup("Q&amp;A <i>x</i> (https://e.org/a/?q=1#f)")
    assert (
        mailto("x@example.org", subject)
        == "mailto:x@example.org?subject=Q%26A%20x%20%28https%3A%2F%2Fe.org%2Fa%2F%3Fq%3D1%23f%29"
    )
    assert parse_qs(urlsplit(mailto("x@example.org", "屏東縣 & 1")).query) == {"subject": ["屏東縣 & 1"]}


def test_the_footer_is_written_for_the_bilingual_pages_in_both_languages(site: Built) -> None:
    for rel in ("index.html", "404.html"):
        soup = site.soup(rel)
        assert [p.get("lang") for p in soup.select("footer.site-footer p.report")] == [None, "en"], rel
        assert [p.get("lang") for p in soup.select("footer.site-footer p.scheduling")] == [None, "en"], rel
