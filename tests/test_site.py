"""The rendered site: every page in both languages, its facts, its links, its structure, its builds.

Most tests read one build of a project (``site``) and derive what they expect from the loaded
project, so they run against the live data and against a project of another shape
(tests/other_shape.py: other districts, tracks, letters and years). The seed's own facts are
asserted in test_seed_transcription.py, on the frozen seed. Tests that change the data build a
copy of the seed project or the tiny one in tmp_path.
"""

from __future__ import annotations

import itertools
import os
import posixpath
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import Projects
from helpers import text

from k12site import dates, i18n, urls, views
from k12site.builder import build
from k12site.cli import main
from k12site.loader import load_project
from k12site.problems import DataError
from k12site.project import Project, Year, minutes_between, part_times

LANGS = ("zh-tw", "en")
HTML_LANG = {"zh-tw": "zh-Hant-TW", "en": "en"}
SAFE_SCHEMES = ("https", "mailto", "tel", "webcal")
REPO = Path(__file__).resolve().parent.parent
BASE_URL = "https://example.org/training/"


@dataclass
class Site:
    """A built site folder, with each page parsed once, and the project it was built from."""

    root: Path
    project: Project | None = None
    _soups: dict[str, BeautifulSoup] = field(default_factory=dict)
    _texts: dict[str, str] = field(default_factory=dict)

    def soup(self, rel: str) -> BeautifulSoup:
        if rel not in self._soups:
            self._soups[rel] = BeautifulSoup((self.root / rel).read_bytes(), "html.parser")
        return self._soups[rel]

    def text(self, rel: str) -> str:
        if rel not in self._texts:
            self._texts[rel] = text(self.soup(rel))
        return self._texts[rel]

    def page(self, lang: str, rest: str = "", year: int | None = None) -> BeautifulSoup:
        """A page of ``year`` (the newest when None): ``site.page("en", "sessions/")``."""
        return self.soup(self.rel(lang, rest, year))

    def rel(self, lang: str, rest: str = "", year: int | None = None) -> str:
        number = year if year is not None else self.project.latest.number
        return f"{lang}/{number}/{rest}index.html"

    @property
    def html_files(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))

    def files(self) -> dict[str, bytes]:
        return {
            p.relative_to(self.root).as_posix(): p.read_bytes() for p in sorted(self.root.rglob("*")) if p.is_file()
        }


def build_site(root: Path, out: Path, **options) -> Site:
    build(root, out, **options)
    return Site(out, load_project(root))


@pytest.fixture(scope="module")
def site(projects: Projects, shape: str) -> Site:
    """The project of this ``shape``, built once (no base URL, as in its data/site.yaml)."""
    return Site(projects.site(shape), projects.project(shape))


@pytest.fixture(scope="module")
def published(projects: Projects, shape: str) -> Site:
    """The same project built with a base URL, as CI publishes it."""
    return Site(projects.site(shape, BASE_URL), projects.project(shape))


@pytest.fixture(scope="module")
def year(site: Site) -> Year:
    """The newest year: the one the front pages lead to."""
    return site.project.latest


def resolve(page: str, href: str) -> tuple[str, str]:
    """The file a relative link from ``page`` reaches, and its #fragment."""
    parts = urlsplit(href)
    if not parts.path:
        return page, parts.fragment
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))
    if parts.path.endswith("/") or target == ".":
        target = "index.html" if target == "." else target + "/index.html"
    return target, parts.fragment


def counterpart(rel: str) -> str:
    lang, _, rest = rel.partition("/")
    return ("en" if lang == "zh-tw" else "zh-tw") + "/" + rest


def each_year(site: Site, lang: str | None = None):
    """(year, lang) for every year of the project, in every language or in ``lang``."""
    return [(year, each) for year in site.project.years for each in ([lang] if lang else LANGS)]


# --- the URL plan and the pages it promises -----------------------------------------------------


def pages_the_data_implies(project: Project) -> set[str]:
    """Every HTML file of the README's URL plan, from the data: the bilingual root and 404 pages,
    each language's front page, then in each year and language the home, sessions, process,
    on-site and changes pages and one page per track, county, county office, county letter and page
    written in Markdown,
    and a redirect page at each page URL the ledger says moved."""
    files = {"index.html", "404.html"}
    for lang in LANGS:
        files |= {f"{lang}/index.html", f"{lang}/search/index.html"}
        for year in project.years:
            folders = ["", "sessions/", "process/", "onsite/", "changes/"]
            folders += [f"agenda/{track.slug}/" for track in year.tracks]
            folders += [f"counties/{county.slug}/" for county in year.counties]
            folders += [f"counties/{county.slug}/letter/" for county in year.counties]  # for its office
            folders += [f"notice/{slug}/" for slug in year.notices]
            folders += [f"{page.name}/" for page in year.pages]
            files |= {f"{lang}/{year.number}/{folder}index.html" for folder in folders}
    moved = project.ledger.model.moved if project.ledger else {}
    return files | {urls.url_file(old) for old in moved if old.endswith("/")}


def test_the_site_has_every_page_the_data_implies_and_no_other(site: Site) -> None:
    assert set(site.html_files) == pages_the_data_implies(site.project)
    for furniture in ("sitemap.xml", "robots.txt", "favicon.ico", "assets/style.css"):
        assert (site.root / furniture).is_file(), furniture


def test_the_page_count_is_what_the_data_implies(site: Site) -> None:
    # each language's front and search pages; in each year its home, sessions, process, on-site and
    # changes pages, then one a thing (a county has two: its page and its office's)
    per_language = 2 + sum(
        5 + len(year.tracks) + 2 * len(year.counties) + len(year.notices) + len(year.pages)
        for year in site.project.years
    )
    assert len(site.html_files) == 2 + 2 * per_language  # + the bilingual root and 404 pages


def test_every_page_exists_in_both_languages_and_links_to_its_counterpart(site: Site) -> None:
    pages = [rel for rel in site.html_files if rel.startswith(LANGS)]
    assert pages
    for rel in pages:
        lang = rel.split("/")[0]
        other = counterpart(rel)
        soup = site.soup(rel)
        assert (site.root / other).is_file(), f"{rel} has no counterpart {other}"
        assert soup.html["lang"] == HTML_LANG[lang], rel
        switch = soup.select_one("a.lang-switch")
        assert switch["hreflang"] == HTML_LANG[counterpart(rel).split("/")[0]], rel
        assert resolve(rel, switch["href"]) == (other, ""), rel
        languages = soup.select('link[rel="alternate"][hreflang]')
        alternates = {link["hreflang"]: resolve(rel, link["href"])[0] for link in languages}
        assert alternates == {HTML_LANG[lang]: rel, HTML_LANG[other.split("/")[0]]: other}, rel


def test_no_broken_internal_link_and_none_starts_with_a_slash(site: Site) -> None:
    for rel in site.html_files:
        checked = 0
        for node in site.soup(rel).find_all(href=True) + site.soup(rel).find_all(src=True):
            href = node.get("href") or node.get("src")
            assert not href.startswith("/"), f"{rel}: {href}"
            scheme = urlsplit(href).scheme
            if scheme:
                assert scheme in SAFE_SCHEMES, f"{rel}: {href}"
                continue
            target, fragment = resolve(rel, href)
            assert (site.root / target).is_file(), f"{rel}: {href} -> {target} does not exist"
            if fragment:
                assert site.soup(target).find(id=fragment), f"{rel}: {href}: no id {fragment!r} in {target}"
            checked += 1
        assert checked >= 3, f"{rel}: the stylesheet, the skip link and the way home at least"


def test_templates_never_glue_paths_together() -> None:
    """Every href and src in a template comes from a helper of the URL plan (or is a #fragment)."""
    for template in sorted((REPO / "templates").glob("*.html")):
        for match in re.finditer(r'\b(href|src)="([^"]*)"', template.read_text(encoding="utf-8")):
            assert match[2].startswith(("{{", "#")), f"{template.name}: {match[0]}"


# --- the county pages ---------------------------------------------------------------------------


def sessions_of(year: Year, number: int) -> list:
    """A district's sessions, in the order of the tracks (the data says each district has one per track)."""
    order = [track.slug for track in year.tracks]
    return sorted((s for s in year.sessions if s.district == number), key=lambda s: order.index(s.track))


def parts_held(year: Year, session) -> list:
    """The parts of its track a session holds: all of them on a full day, else those of its half."""
    return [part for part in year.track(session.track).parts if session.period in ("full_day", part.period)]


@pytest.mark.parametrize("lang", LANGS)
def test_each_county_page_shows_its_own_sessions_and_its_districts_password(site: Site, lang: str) -> None:
    for year, _ in each_year(site, lang):
        for county in year.counties:
            soup = site.page(lang, f"counties/{county.slug}/", year.number)
            district = next(d for d in year.districts if county.slug in d.counties)
            sessions = soup.select("#sessions section.session")
            assert [s.h3["id"] for s in sessions] == [f"session-{track.slug}" for track in year.tracks]
            shown = [section.select_one("h3 time")["datetime"] for section in sessions]
            assert shown == [s.date.isoformat() for s in sessions_of(year, district.number)], county.slug
            page = text(soup)
            assert district.webex.password in page and district.webex.meeting_number in page
            assert soup.find("a", href=district.webex.url)
            for other in year.districts:
                if other is not district:
                    assert other.webex.password not in page, f"{county.slug} shows district {other.number}'s password"
            assert soup.h1.get_text() == county.name[lang]
            for track in year.tracks:
                assert track.audience[lang] in page  # who should attend each track


@pytest.mark.parametrize(
    "lang, labels",
    [
        ("zh-tw", ("開放簽到", "課程開始", "結束（請簽退）")),
        ("en", ("Sign-in opens", "Content starts", "Ends (sign out)")),
    ],
)
def test_each_part_of_a_session_has_its_own_sign_in_start_and_end(site: Site, lang: str, labels: tuple) -> None:
    several = 0
    for year, _ in each_year(site, lang):
        for district in year.districts:  # on the page of the district's first county
            soup = site.page(lang, f"counties/{district.counties[0]}/", year.number)
            sections = soup.select("#sessions section.session")
            for section, session in zip(sections, sessions_of(year, district.number), strict=True):
                items, parts = section.select("ul.parts > li"), parts_held(year, session)
                assert len(items) == len(parts) >= 1
                several += len(parts) > 1
                for li, part in zip(items, parts, strict=True):
                    assert [text(dt) for dt in li.select("dt")] == list(labels)
                    times = [f"{session.date.isoformat()}T{clock}+08:00" for clock in part_times(part)]
                    assert [t["datetime"] for t in li.select("dd time")] == times
                    assert part.label[lang] in text(li)
                    assert not re.search(r"小時|\bhours?\b", text(li)), "hours are the letter's, in its own section"
    assert several, "the project has a session of several parts, each shown with its own times"


def test_the_display_name_example_is_the_countys_own_and_typed_in_chinese(site: Site, year: Year) -> None:
    for county in year.counties:
        example = year.joining.display_name.example.zh.format(county=county.name.zh)
        for lang in LANGS:
            shown = site.page(lang, f"counties/{county.slug}/").select_one("section#join strong.example")
            assert shown.get_text() == example and shown["lang"] == "zh-Hant-TW"
        english = site.text(site.rel("en", f"counties/{county.slug}/"))
        assert "Type it in Chinese" in english and county.name.zh in english


def test_a_letters_priority_note_is_on_its_countys_page_above_its_sessions_and_nowhere_else(
    site: Site, shape: str
) -> None:
    """A county letter's (or its attachment's) note on which sessions to attend is that county's: the
    plan's pages (sessions, agendas, process, home) and the other counties' pages never show it."""
    notes = 0
    for year, lang in each_year(site):
        rules = {slug: n.instructions.priority for slug, n in year.notices.items() if n.instructions.priority}
        for county in year.counties:
            page = site.page(lang, f"counties/{county.slug}/", year.number)
            shown = page.select(".priority")
            if county.slug not in rules:
                assert not shown, county.slug
                continue
            (note,) = shown
            assert rules[county.slug].text[lang] in text(note), county.slug
            assert note.find_parent(id="sessions") and note.find_next("section", class_="session"), "above the cards"
            notes += 1
        plan = ["", "sessions/", "process/", *(f"agenda/{track.slug}/" for track in year.tracks)]
        for rest in plan:
            page = site.text(site.rel(lang, rest, year.number))
            assert not [slug for slug, rule in rules.items() if rule.text[lang] in page], rest
            assert not site.page(lang, rest, year.number).select(".priority"), rest
    # the project of another shape is made with one; the live data may have none (a letter just
    # imported has no instructions yet), and the rule above still holds for every county
    assert notes or shape == "live", "the project has a letter with a priority note"


def test_a_county_page_links_its_agendas_letter_onsite_page_and_calendars(site: Site) -> None:
    for year, lang in each_year(site):
        for county in year.counties:
            rel = site.rel(lang, f"counties/{county.slug}/", year.number)
            soup = site.soup(rel)
            links = [a for a in soup.find_all("a", href=True) if not urlsplit(a["href"]).scheme]
            targets = {resolve(rel, a["href"])[0] for a in links}
            for track in year.tracks:
                assert site.rel(lang, f"agenda/{track.slug}/", year.number) in targets
            assert site.rel(lang, "onsite/", year.number) in targets
            assert urls.calendar(lang, year.number, "county", county.slug) in targets
            letter = site.rel(lang, f"notice/{county.slug}/", year.number)
            assert (letter in targets) == (county.slug in year.notices), county.slug
            district = next(d for d in year.districts if county.slug in d.counties)
            parts = sum(len(parts_held(year, s)) for s in sessions_of(year, district.number))
            onsite = [s for s in year.onsite.sessions if s.county == county.slug]
            google = [a for a in soup.find_all("a", href=True) if a["href"].startswith("https://calendar.google.com/")]
            assert len(google) == parts + len(onsite), county.slug  # one a part, one an on-site session
            assert not soup.select('a[href^="webcal:"]'), "no subscription link without a base URL"
            help_text = text(soup.select_one("details.calendar-help"))
            assert "Google" in help_text and "Outlook" in help_text


def test_subscription_links_appear_only_with_a_base_url(published: Site) -> None:
    year = published.project.latest
    county, track = year.counties[0].slug, year.tracks[0].slug
    page = f"{year.number}/counties/{county}/"
    soup = published.page("zh-tw", f"counties/{county}/")
    webcal = [a["href"] for a in soup.select('a[href^="webcal:"]')]
    assert webcal == [f"webcal://example.org/training/zh-tw/{year.number}/calendars/counties/{county}.ics"]
    assert soup.select_one('link[rel="canonical"]')["href"] == f"{BASE_URL}zh-tw/{page}"
    alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
    assert alternates["en"] == f"{BASE_URL}en/{page}"
    assert f"{BASE_URL}zh-tw/{page}" in text(soup.select_one("footer"))
    agenda = published.page("en", f"agenda/{track}/")
    assert [a["href"] for a in agenda.select('a[href^="webcal:"]')] == [
        f"webcal://example.org/training/en/{year.number}/calendars/tracks/{track}.ics"
    ]


# --- a county's own letter: on that county's pages only -------------------------------------------


def instructions(notice) -> list:
    """A letter's instructions (the site's summary of what it adds for its own schools), in order."""
    rules = notice.instructions
    return [rule for rule in (rules.registration, rules.leave, rules.hours) if rule is not None] + list(rules.other)


def instruction_texts(notice, lang: str) -> list[str]:
    """The site's words for each of a letter's instructions, in one language."""
    return [rule.text[lang] for rule in instructions(notice)]


def letters(site: Site) -> list[tuple[Year, str, object]]:
    """(year, county slug, letter) of every county's letter of the project."""
    return [(year, slug, notice) for year in site.project.years for slug, notice in sorted(year.notices.items())]


def pages_holding(built: Site, needle: str) -> set[str]:
    return {rel for rel in built.html_files if needle in built.text(rel)}


HOURS = {"zh-tw": "{} 小時".format, "en": lambda n: f"{n} hour" if n == 1 else f"{n} hours"}


@pytest.mark.parametrize("lang", LANGS)
def test_a_countys_page_shows_its_letters_instructions_in_a_labelled_section(site: Site, lang: str) -> None:
    t = i18n.strings(lang)
    for year, slug, notice in letters(site):
        if notice.instructions.empty:  # just imported: the next test
            continue
        rel = site.rel(lang, f"counties/{slug}/", year.number)
        section = site.soup(rel).select_one("section#letter")
        assert text(section.h2) == i18n.fill(t.letter_heading, sender=notice.sender[lang])
        assert notice.reference in text(section)
        for instruction in instruction_texts(notice, lang):
            assert instruction in text(section)
        rules = notice.instructions
        kinds = (("instruction_registration", rules.registration), ("instruction_leave", rules.leave))
        labels = [t[key] for key, rule in (*kinds, ("instruction_hours", rules.hours)) if rule is not None]
        labels += [rule.label[lang] for rule in rules.other] + [t.f_contact]
        assert [text(dt) for dt in section.select("dl dt")] == labels
        # one line per session, each part with its hours: 8/12（二）人力網：上午場 3 小時、下午場 3 小時
        by_session: dict[tuple[int, str], list] = {}
        for row in rules.hours.sessions if rules.hours else []:
            by_session.setdefault((row.district, row.track), []).append(row)
        lines = section.select("ul.session-hours li")
        assert [li.time["datetime"] for li in lines] == [year.session(*key).date.isoformat() for key in by_session]
        for li, ((_, track), rows) in zip(lines, by_session.items(), strict=True):
            hours = t.list_sep.join(
                f"{year.part(track, row.part).label[lang]} {HOURS[lang](row.hours)}" for row in rows
            )
            assert text(li).endswith(" ".join(hours.split())) and year.track(track).name[lang] in text(li)
        targets = {resolve(rel, a["href"]) for a in section.find_all("a", href=True) if not urlsplit(a["href"]).scheme}
        letter = site.rel(lang, f"notice/{slug}/", year.number)
        assert (letter, "") in targets
        for rule in instructions(notice):
            assert rule.item is None or (letter, f"item-{rule.item}") in targets
            assert rule.attachment is None or (letter, f"point-{rule.attachment}") in targets
        assert notice.contact.email in text(section) and notice.contact.phone in text(section)
    assert letters(site), "the project has a county's letter"


@pytest.mark.parametrize("lang", LANGS)
def test_a_letter_with_no_instructions_yet_shows_its_subject_and_links_each_item(site: Site, lang: str) -> None:
    t = i18n.strings(lang)
    for year, slug, notice in letters(site):
        if not notice.instructions.empty:
            continue
        rel = site.rel(lang, f"counties/{slug}/", year.number)
        section = site.soup(rel).select_one("section#letter")
        county = year.county(slug)
        assert text(section.h2) == i18n.fill(t.letter_heading, sender=notice.sender[lang])
        assert i18n.fill(t.letter_no_instructions, county=county.name[lang]) in text(section)
        assert text(section.select_one("p.subject")) == i18n.fill(t.letter_subject, subject=notice.subject[lang])
        letter = site.rel(lang, f"notice/{slug}/", year.number)
        items = section.select("ol.letter-items li")
        assert [resolve(rel, li.a["href"]) for li in items] == [
            (letter, f"item-{n}") for n in range(1, len(notice.items) + 1)
        ]
        for li, item in zip(items, notice.items, strict=True):
            assert text(li).endswith(" ".join(item.text[lang].split()))
        assert not section.select("dl.prepare")  # no summary is made up


@pytest.mark.parametrize("lang", LANGS)
def test_a_county_without_a_letter_shows_the_plan_alone_and_says_where_its_letter_will_be(
    site: Site, lang: str
) -> None:
    t = i18n.strings(lang)
    for year, _ in each_year(site, lang):
        others = [instruction for notice in year.notices.values() for instruction in instruction_texts(notice, lang)]
        without = [county for county in year.counties if county.slug not in year.notices]
        assert without
        for county in without:
            rel = site.rel(lang, f"counties/{county.slug}/", year.number)
            section = site.soup(rel).select_one("section#letter")
            assert text(section.h2) == t.county_no_letter_heading
            assert i18n.fill(t.county_no_letter, county=county.name[lang]) in text(section)
            page = site.text(rel)
            for instruction in others:
                assert instruction not in page, f"{county.slug} shows another county's {instruction!r}"
            for fact in ("小時", " hours:"):
                assert fact not in page, f"{county.slug} shows {fact!r}"
            assert not site.soup(rel).select("ul.session-hours")


def test_a_letters_instructions_reach_its_countys_pages_only(site: Site) -> None:
    found = list(letters(site))
    for year, _, notice in found:
        for lang in LANGS:
            for instruction in instruction_texts(notice, lang):
                # the pages of each county whose letter says these words (two letters may grant the same leave)
                saying = [
                    o
                    for y, o, other in found
                    if y.number == year.number and instruction in instruction_texts(other, lang)
                ]
                own = {site.rel(lang, f"{kind}/{o}/", year.number) for o in saying for kind in ("counties", "notice")}
                # a page the maintainers write in Markdown may say what it likes (an FAQ may repeat a letter)
                written = {site.rel(lang, f"{page.name}/", year.number) for page in year.pages}
                assert pages_holding(site, instruction) - written <= own, instruction


TAIPEI_NOTICE = """\
sender: {zh: 臺北市政府教育局, en: Taipei City Department of Education}
address: {zh: 臺北市信義區市府路1號, en: "No. 1, City Hall Rd., Xinyi District, Taipei City"}
contact:
  name: {zh: 陳大文, en: Chen Da-wen}
  phone: "02-27208889#1234"
  email: someone@mail.tp.edu.tw
addressee: {zh: 臺北市立某國民中學, en: Taipei Municipal Some Junior High School}
date: 2025-07-25
reference: 北市教資字第1143000001號
priority: {zh: 普通件, en: Normal}
subject: {zh: 轉知學籍系統教育訓練，請查照。, en: Forwarding the Registration System training.}
items:
  - text: {zh: 請各校派員參加。, en: Each school is asked to send its staff.}
  - text:
      zh: 參加人員請至臺北市教師研習系統報名，全程參與者核給研習時數2小時。
      en: Register on the Taipei system; 2 hours.
recipients:
  - {zh: 本市各國中, en: All junior high schools in the city}
instructions:
  registration:
    text:
      zh: 請至臺北市教師研習系統報名（北市專用）。
      en: Register on the Taipei City teacher training system (Taipei only).
    item: 2
  hours:
    text: {zh: 北市核給研習時數：, en: "Taipei City grants these hours:"}
    item: 2
    sessions:
      - {district: 3, track: hr, part: morning, hours: 2}
  other:
    - label: {zh: 北市交通, en: Taipei travel}
      text: {zh: 北市學校得報支交通費。, en: Taipei schools may claim travel costs.}
"""


def test_a_second_countys_letter_is_one_file_and_reaches_only_its_own_pages(seed_project: Path, tmp_path: Path) -> None:
    (seed_project / "data/114/notices/taipei.yaml").write_text(TAIPEI_NOTICE, encoding="utf-8")
    built = build_site(seed_project, tmp_path / "out", base_url="https://example.org/training/")
    year = load_project(seed_project).years[0]
    taipei, pingtung = year.notices["taipei"], year.notices["pingtung"]
    calendars = {rel: body.decode("utf-8") for rel, body in built.files().items() if rel.endswith(".ics")}
    unfolded = {rel: body.replace("\r\n ", "") for rel, body in calendars.items()}
    for lang in LANGS:
        own = {f"{lang}/114/counties/taipei/index.html", f"{lang}/114/notice/taipei/index.html"}
        county = built.page(lang, "counties/taipei/")
        section = county.select_one("section#letter")
        for instruction in instruction_texts(taipei, lang):
            assert instruction in text(section), instruction
            assert pages_holding(built, instruction) <= own, instruction
            assert not [rel for rel, body in unfolded.items() if instruction in body], instruction
        assert [li.time["datetime"] for li in section.select("ul.session-hours li")] == ["2025-08-08"]
        assert not pages_holding(built, instruction_texts(taipei, lang)[0]) & {
            f"{lang}/114/counties/pingtung/index.html",
            f"{lang}/114/sessions/index.html",
            f"{lang}/114/index.html",
        }
        for instruction in instruction_texts(pingtung, lang):
            assert instruction not in text(county), instruction
        pingtung_page = text(built.page(lang, "counties/pingtung/"))
        assert all(instruction in pingtung_page for instruction in instruction_texts(pingtung, lang))
        assert len(built.page(lang, "counties/pingtung/").select("ul.session-hours li")) == 3  # sessions
        assert (built.root / f"{lang}/114/notice/taipei/index.html").is_file()


# --- the sessions, agenda, on-site, process, notice and home pages ------------------------------


def nested_count(items: list, depth: int = 0) -> tuple[int, int]:
    """(points, points under another point) in a list of points and everything under them."""
    points = under = 0
    for item in items:
        inner, inner_under = nested_count(item.items, depth + 1)
        points, under = points + 1 + inner, under + (depth > 0) + inner_under
    return points, under


@pytest.mark.parametrize("lang", LANGS)
def test_the_sessions_page_has_the_district_table(site: Site, lang: str) -> None:
    t = i18n.strings(lang)
    for year, _ in each_year(site, lang):
        table = site.page(lang, "sessions/", year.number).select_one("table.sessions")
        assert table.caption and table.find_parent("div", class_="table-wrap")
        rows = table.select("tbody tr")
        assert len(rows) == len(year.districts)
        for row, district in zip(rows, year.districts, strict=True):
            cells = text(row)
            assert [a.get_text() for a in row.select("td:nth-of-type(1) a")] == [
                year.county(slug).name[lang] for slug in district.counties
            ]
            assert str(district.schools) in cells
            sessions = sessions_of(year, district.number)
            shown = [t for t in row.select("time") if not t.find_parent(class_="changed")]  # not a change's date
            assert [t["datetime"] for t in shown] == [s.date.isoformat() for s in sessions]
            assert [t.get_text() for t in shown] == [dates.long_date(s.date, lang) for s in sessions]
            assert district.webex.password in cells and district.webex.meeting_number in cells
            assert row.find("a", href=district.webex.url)
            assert (t.open_to_others in cells) == year.joining.open_to_other_districts
            assert not row.select(".priority"), "a county letter's note is on that county's page"
        assert str(sum(d.schools for d in year.districts)) in text(table.tfoot)


@pytest.mark.parametrize("lang", LANGS)
def test_an_agenda_page_has_slot_tables_durations_audio_check_and_its_sessions(site: Site, lang: str) -> None:
    intro = {year.number: year.joining.audio_check_intro[lang] for year in site.project.years}
    for year, _ in each_year(site, lang):
        steps = [step[lang] for step in year.joining.audio_check]
        for track in year.tracks:
            rel = site.rel(lang, f"agenda/{track.slug}/", year.number)
            soup = site.soup(rel)
            tables = soup.select("table.agenda")
            assert len(tables) == len(track.parts)
            for table, part in zip(tables, track.parts, strict=True):
                rows = table.select("tbody tr")
                assert [t["datetime"] for t in table.select("tbody th time")] == [s.start for s in part.slots]
                for row, slot in zip(rows, part.slots, strict=True):
                    if slot.end:
                        assert dates.duration(minutes_between(slot.start, slot.end), lang) in text(row)
                    # a part's sign-in shows the audio check's steps, or only its reminder, as the data says
                    assert (intro[year.number] in text(row)) == (slot.audio_check != "none")
                    assert all(step in text(row) for step in steps) == (slot.audio_check == "steps")
                nested = sum(nested_count(slot.items)[1] for slot in part.slots)
                assert len(table.select("td ul ul li")) == nested, "topics keep their nested items"
            sessions = sorted((s for s in year.sessions if s.track == track.slug), key=lambda s: (s.date, s.district))
            table = soup.select_one("table.track-sessions")
            assert [t["datetime"] for t in table.select("tbody th time")] == [s.date.isoformat() for s in sessions]
            # each session's own calendar; the "add" links, one per part, are on the county pages
            assert len(table.select('a[href$=".ics"]')) == len(sessions)
            assert not table.select('a[href^="https://calendar.google.com/"]')
            main = text(soup.main)
            assert soup.select_one("#hours") is None and not re.search(r"\d+ 小時|\d+ hours?\b", main)
            assert i18n.strings(lang)["county_rules_pointer"] in main
            assert track.audience[lang] in main
            calendar = urls.calendar(lang, year.number, "track", track.slug)
            assert calendar in {resolve(rel, a["href"])[0] for a in soup.find_all("a", href=True)}


def test_slots_without_a_title_are_named_by_their_kind(tiny_project: Path, tmp_path: Path) -> None:
    built = build_site(tiny_project, tmp_path / "out")
    first = built.page("en", "agenda/hr/").select_one("table.agenda tbody tr")
    assert "Sign in" in text(first) and "Check your audio" in text(first)


def test_priority_reads_as_a_preference_never_as_an_order_of_attendance(site: Site) -> None:
    """優先參與 is "preferably attend" (GLOSSARY.md): "attend ... first" would read as an order."""
    rules = [n.instructions.priority for y in site.project.years for n in y.notices.values()]
    assert all("preferably" in rule.text.en for rule in rules if rule is not None)
    first = re.compile(r"\battend\b[^.;:]*\bfirst\b", re.IGNORECASE)
    for rel in site.html_files:
        if rel.startswith("en/"):
            assert not first.search(site.text(rel)), rel


def test_every_english_page_names_the_registration_system_as_the_glossary_does(site: Site) -> None:
    """The glossary's names only: the full name, or its short form "the Registration System"."""
    stray = re.compile(r"Student Registration System|registration management service system|Registration system")
    for rel in site.html_files:
        if rel.startswith("en/"):
            assert not stray.search(site.text(rel)), rel


def test_the_system_management_team_is_named_as_the_glossary_capitalises_it(site: Site) -> None:
    for rel in site.html_files:
        if rel.startswith("en/"):
            assert "system management team" not in site.text(rel), rel
    for year in site.project.years:
        for track in year.tracks:
            page = site.text(site.rel("en", f"agenda/{track.slug}/", year.number))
            speakers = {slot.speaker.en for part in track.parts for slot in part.slots if slot.speaker}
            assert all(speaker in page for speaker in speakers), track.slug


@pytest.mark.parametrize("lang", LANGS)
def test_the_onsite_page_has_a_printable_checklist_with_labelled_checkboxes(site: Site, lang: str) -> None:
    t = i18n.strings(lang)
    for year, _ in each_year(site, lang):
        soup = site.page(lang, "onsite/", year.number)
        boxes = soup.select('input[type="checkbox"]')
        assert len(boxes) == len(year.onsite.checklist)
        for box in boxes:
            label = soup.find("label", attrs={"for": box["id"]})
            assert label and text(label)
        window = year.process.onsite_application_window
        apply = soup.select_one("#apply + p")
        assert " ".join(year.info.organizer.scheduling[lang].split()) in text(apply)  # the year's route, not ours
        assert [t["datetime"] for t in soup.select("#apply ~ p time")] == [
            window.start.isoformat(),
            window.end.isoformat(),
        ]
        points = sum(nested_count(slot.items)[0] for slot in year.onsite.slots)
        assert len(soup.select("table.agenda td li")) == points  # the module list
        scheduled = soup.select("table.onsite-sessions tbody tr")
        assert len(scheduled) == len(year.onsite.sessions)
        assert (t["none_scheduled"] in text(soup)) == (not year.onsite.sessions)
        for row, session in zip(scheduled, sorted(year.onsite.sessions, key=lambda s: (s.date, s.start)), strict=True):
            assert row.select_one("th time")["datetime"] == session.date.isoformat()
            assert year.county(session.county).name[lang] in text(row) and session.venue[lang] in text(row)
            own = urls.calendar(
                lang, year.number, "session", urls.onsite_session_slug(session.county, session.date, session.kind)
            )
            assert resolve(site.rel(lang, "onsite/", year.number), row.select_one("a[download]")["href"])[0] == own


def test_scheduled_onsite_sessions_are_listed(seed_project: Path, tmp_path: Path) -> None:
    onsite = seed_project / "data/114/onsite.yaml"
    onsite.write_text(
        onsite.read_text().replace(
            "sessions: []",
            """sessions:
  - county: pingtung
    kind: hands_on
    date: 2025-09-10
    start: "09:00"
    end: "16:00"
    venue: {zh: 屏東縣教育處, en: Pingtung County Education Department}
""",
        ),
        encoding="utf-8",
    )
    built = build_site(seed_project, tmp_path / "out")
    table = built.page("en", "onsite/").select_one("table.onsite-sessions")
    assert table.caption
    assert [text(td) for td in table.select("tbody td")] == [
        "09:00 – 16:00",
        "Pingtung County",
        "On-site hands-on session",
        "Pingtung County Education Department",
        "Download the calendar file (.ics) "
        "Add to Google Calendar · Add to Outlook (Microsoft 365) · Add to Outlook.com",
    ]
    assert table.select_one("tbody th time")["datetime"] == "2025-09-10"
    assert i18n.strings("en")["none_scheduled"] not in text(built.page("en", "onsite/"))
    ics = "en/114/calendars/sessions/onsite-pingtung-2025-09-10-hands-on.ics"
    assert table.select_one("a[download]")["href"] == "../calendars/sessions/onsite-pingtung-2025-09-10-hands-on.ics"
    assert (built.root / ics).is_file()
    # the county's own page lists it, with the same calendar file; other counties say none yet
    county = built.page("en", "counties/pingtung/").select_one("#onsite ~ ul.onsite-list")
    assert "Pingtung County Education Department" in text(county)
    assert county.select_one("time")["datetime"] == "2025-09-10"
    assert (
        county.select_one("a[download]")["href"] == "../../calendars/sessions/onsite-pingtung-2025-09-10-hands-on.ics"
    )
    taipei = built.page("en", "counties/taipei/")
    assert taipei.select_one("#onsite ~ ul.onsite-list") is None
    assert i18n.strings("en")["county_onsite_none"] in text(taipei)


@pytest.mark.parametrize("lang", LANGS)
def test_the_process_page_derives_its_windows_and_links_the_other_pages(site: Site, lang: str) -> None:
    for year, _ in each_year(site, lang):
        rel = site.rel(lang, "process/", year.number)
        soup = site.soup(rel)
        online, onsite = year.process.online_window, year.process.onsite_application_window
        method = [t["datetime"] for t in soup.select("#method ~ ol time")]
        assert method == [day.isoformat() for day in (online.start, online.end, onsite.start, onsite.end)]
        purposes = year.process.purposes
        assert [text(m) for m in soup.select("#purposes + ol > li > .marker")] == [
            views.item_marker(1, n, lang) for n in range(1, len(purposes) + 1)
        ]
        assert all(purpose.text[lang] in text(soup) for purpose in purposes)
        targets = {resolve(rel, a["href"])[0] for a in soup.find_all("a", href=True)}
        assert {site.rel(lang, "sessions/", year.number), site.rel(lang, "onsite/", year.number)} <= targets
        assert {site.rel(lang, f"agenda/{t.slug}/", year.number) for t in year.tracks} <= targets
        for track in year.tracks:
            count = sum(1 for s in year.sessions if s.track == track.slug)
            assert i18n.plural(lang, "sessions_in_all", count) in text(soup.select_one("#schedule + ul"))


def quoted(node: Tag) -> bool:
    """Whether ``node`` stands inside a quotation."""
    return node.find_parent("blockquote") is not None


def passages(points: list) -> list:
    """Every point of a quoted document, in reading order."""
    return [each for point in points for each in (point, *passages(point.items))]


def quotations_of(points: list) -> int:
    """How many quotations a quoted document is cut into: one ends at each point the site leaves
    out (its heading is the document's own words); one more holds whatever follows the last.
    A point's table follows the points under it."""
    count, pending = 0, False

    def walk(points: list) -> None:
        nonlocal count, pending
        for point in points:
            count, pending = (count + 1, False) if point.omitted else (count, True)
            walk(point.items)
            pending = pending or point.table is not None

    walk(points)
    return count + pending


def test_every_quotation_is_a_figure_that_names_its_source_and_notes_stand_outside(site: Site) -> None:
    quotations = 0
    for rel in site.html_files:
        soup = site.soup(rel)
        for blockquote in soup.find_all("blockquote"):
            quotations += 1
            figure = blockquote.parent
            assert figure.name == "figure" and figure.figcaption, rel
            assert text(figure.figcaption), rel
        for note in soup.select(".note, .site-note, .translation-note, section#letter"):
            assert not quoted(note), f"{rel}: the site's own text inside a quotation"
    # each letter, then each attachment with its text, cut where the site leaves a part out
    expected = sum(
        1 + sum(quotations_of(a.text.passages) for a in notice.attachments if a.text) for _, _, notice in letters(site)
    )
    assert quotations == len(LANGS) * expected > 0


@pytest.mark.parametrize("lang", LANGS)
def test_a_letters_attachment_is_quoted_as_written_with_the_sites_notes_outside(
    site: Site, lang: str, shape: str
) -> None:
    quoted_attachments = 0
    for year, slug, notice in letters(site):
        rel = site.rel(lang, f"notice/{slug}/", year.number)
        soup = site.soup(rel)
        for number, attachment in enumerate(notice.attachments, 1):
            section = soup.select_one(f"section#attachment-{number}")
            assert (section is not None) == (attachment.text is not None), (slug, number)
            if attachment.text is None:
                continue
            quoted_attachments += 1
            points = passages(attachment.text.passages)
            figures = section.select("figure.quotation")
            assert len(figures) == quotations_of(attachment.text.passages)
            for figure in figures:
                caption = text(figure.figcaption)
                assert notice.reference in caption and notice.sender[lang] in caption
            quotation = " ".join(text(figure.blockquote) for figure in figures)
            for point in points:
                assert point.text is None or " ".join(point.text[lang].split()) in quotation
                assert point.slug is None or quoted(section.select_one(f"#point-{point.slug}"))
            notes = section.select("p.site-note")
            omitted = [point for point in points if point.omitted]
            assert len(notes) == len(omitted)
            for note, point in zip(notes, omitted, strict=True):
                assert not quoted(note) and point.omitted.note[lang] in text(note)
                assert resolve(rel, note.a["href"])[0] == site.rel(lang, f"{point.omitted.page}/", year.number)
            tables = section.select("table.quoted-table")
            assert len(tables) == sum(1 for point in points if point.table) and all(quoted(t) for t in tables)
    # as above: the project of another shape has one; the live data may not (a letter just imported)
    assert quoted_attachments or shape == "live", "the project has a letter with an attachment quoted as written"


@pytest.mark.parametrize("lang", LANGS)
def test_the_process_page_states_the_plan_in_the_sites_words_with_no_countys_line(
    site: Site, year: Year, lang: str
) -> None:
    main = site.page(lang, "process/").main
    page = text(main)
    for county in year.counties:
        assert county.name[lang] not in page and county.name.zh not in page, county.slug
    assert not main.find("blockquote"), "the plan is the site's account, not a quotation"
    assert i18n.strings(lang)["process_intro"] in page
    t = i18n.strings(lang)
    generic = i18n.fill(year.joining.display_name.format[lang], county=t.county_placeholder)
    assert generic in page and year.joining.display_name.example.zh.replace("{county}", t.example_county) in page


def markers_of(ol: Tag) -> list:
    """The markers of a numbered list and of every list under it: [marker, [markers under it]]."""
    found = []
    for li in ol.select(":scope > li"):
        inner = li.select_one(":scope > ol")
        found.append([text(li.select_one(":scope > .marker")), markers_of(inner) if inner else []])
    return found


def numbering(items: list, lang: str, depth: int = 0) -> list:
    """The markers a letter's items take by their depth: 一、 (一) 1、 (1) / 1. (1) (a) (aa)."""
    return [
        [views.item_marker(depth, n, lang), numbering(item.items, lang, depth + 1)] for n, item in enumerate(items, 1)
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_a_letters_page_keeps_the_letters_form_and_numbering(site: Site, lang: str) -> None:
    ui = i18n.strings(lang)
    for year, slug, notice in letters(site):
        rel = site.rel(lang, f"notice/{slug}/", year.number)
        soup = site.soup(rel)
        fields = {text(div.dt): text(div.dd) for div in soup.select("dl.letter-fields > div")}
        assert fields[ui["f_reference"]] == notice.reference
        assert fields[ui["f_date"]] == dates.letter_date(notice.date, lang)
        assert fields[ui["f_phone"]] == notice.contact.phone and fields[ui["f_email"]] == notice.contact.email
        assert fields[ui["f_addressee"]] == notice.addressee[lang] and fields[ui["f_priority"]] == notice.priority[lang]
        classification = notice.classification[lang] if notice.classification else ui["f_blank"]
        assert fields[ui["f_classification"]] == classification
        keys = ("address", "contact", "phone", "email", "addressee", "date", "reference", "priority", "classification")
        assert set(fields) == {ui[f"f_{key}"] for key in (*keys, "attachment")}
        assert soup.select_one('a[href^="tel:"]')["href"].startswith("tel:+886-")
        files = soup.select("dl.letter-fields a[href]:not([href^='tel:']):not([href^='mailto:'])")
        with_text = [(n, a) for n, a in enumerate(notice.attachments, 1) if a.text]
        assert [resolve(rel, a["href"]) for a in files] == [(rel, f"attachment-{n}") for n, _ in with_text]
        assert [text(a) for a in files] == [attachment.file for _, attachment in with_text]
        assert all(attachment.file in fields[ui["f_attachment"]] for attachment in notice.attachments)
        assert notice.subject[lang] in text(soup.select_one(".subject"))
        assert markers_of(soup.select_one("#details + ol")) == numbering(notice.items, lang)
        distribution = {text(div.dt): text(div.dd) for div in soup.select("dl.distribution > div")}
        sep = ui["recipient_sep"].strip()
        listed = [name.strip() for name in distribution[ui["recipients"]].split(sep)]
        assert listed == [" ".join(r[lang].split()) for r in notice.recipients]
        if notice.copies:
            shown = distribution[ui["copies"]]
            if notice.copies_with_attachments:  # 含附件, after the list
                note = i18n.fill(ui["paren"], text=ui["with_attachments"]).strip()
                assert shown.endswith(note)
                shown = shown.removesuffix(note)
            listed = [name.strip() for name in shown.split(sep)]
            assert listed == [" ".join(c[lang].split()) for c in notice.copies]
        else:
            assert ui["copies"] not in distribution


@pytest.mark.parametrize("lang", LANGS)
def test_the_year_home_groups_the_years_counties_by_district(site: Site, lang: str) -> None:
    for year, _ in each_year(site, lang):
        rel = site.rel(lang, "", year.number)
        soup = site.soup(rel)
        groups = soup.select("#find-your-county ~ .districts section.district")
        assert len(groups) == len(year.districts)
        found = []
        for group, district in zip(groups, year.districts, strict=True):
            links = group.select(".county-list a")
            assert [resolve(rel, a["href"])[0] for a in links] == [
                site.rel(lang, f"counties/{slug}/", year.number) for slug in district.counties
            ]
            found += links
        assert len(found) == len(year.counties)
        intro = year.home.text[lang].split("\n")[0]
        assert soup.select_one(".prose p").get_text() == intro
        for track in year.tracks:
            assert track.audience[lang] in text(soup)


def test_the_root_page_points_to_the_newest_year_in_both_languages(site: Site, year: Year) -> None:
    soup = site.soup("index.html")
    assert soup.html["lang"] == "zh-Hant-TW" and soup.select_one('[lang="en"]')
    targets = [resolve("index.html", a["href"])[0] for a in soup.select("main .choose a")]
    assert targets == [f"zh-tw/{year.number}/index.html", f"en/{year.number}/index.html"]


def test_adding_a_year_moves_no_existing_url(seed_project: Path, tmp_path: Path) -> None:
    before = build_site(seed_project, tmp_path / "before").html_files
    shutil.copytree(seed_project / "data/114", seed_project / "data/115")
    shutil.copytree(seed_project / "content/114", seed_project / "content/115")
    year_file = seed_project / "data/115/year.yaml"
    year_file.write_text(year_file.read_text().replace("academic_year: 114", "academic_year: 115"), encoding="utf-8")
    after = build_site(seed_project, tmp_path / "after")
    assert set(before) <= set(after.html_files)
    assert {f for f in after.html_files if "/115/" in f} == {
        f.replace("/114/", "/115/") for f in before if "/114/" in f
    }
    root_links = [resolve("index.html", a["href"])[0] for a in after.soup("index.html").select(".choose a")]
    assert root_links == ["zh-tw/115/index.html", "en/115/index.html"]


def test_the_404_page_is_bilingual_and_links_home_from_any_address(site: Site, published: Site, year: Year) -> None:
    soup = site.soup("404.html")
    assert soup.h1 and soup.select_one('[lang="en"]')
    assert [resolve("404.html", a["href"])[0] for a in soup.select("main a")] == [
        f"zh-tw/{year.number}/index.html",
        f"en/{year.number}/index.html",
    ]
    absolute = published.soup("404.html")
    assert [a["href"] for a in absolute.select("main a")] == [
        f"{BASE_URL}zh-tw/{year.number}/",
        f"{BASE_URL}en/{year.number}/",
    ]
    assert absolute.select_one('link[rel="stylesheet"]')["href"] == f"{BASE_URL}assets/style.css"


def test_sitemap_lists_every_page_and_robots_points_to_it(site: Site, published: Site, year: Year) -> None:
    pages = {f.removesuffix("index.html") for f in site.html_files if f != "404.html"}
    relative = set(re.findall(r"<loc>([^<]*)</loc>", (site.root / "sitemap.xml").read_text()))
    assert relative == {p or "./" for p in pages}
    assert "Sitemap:" not in (site.root / "robots.txt").read_text()
    sitemap = (published.root / "sitemap.xml").read_text()
    assert set(re.findall(r"<loc>([^<]*)</loc>", sitemap)) == {BASE_URL + p for p in pages}
    county = f"{year.number}/counties/{year.counties[0].slug}/"
    assert f'hreflang="zh-Hant-TW" href="{BASE_URL}zh-tw/{county}"' in sitemap
    assert f'hreflang="en" href="{BASE_URL}en/{county}"' in sitemap
    assert f"Sitemap: {BASE_URL}sitemap.xml" in (published.root / "robots.txt").read_text()


# --- made for the people who read it --------------------------------------------------------------


def test_every_page_has_its_language_a_skip_link_one_h1_and_headings_in_order(site: Site) -> None:
    for rel in site.html_files:
        soup = site.soup(rel)
        assert soup.html.get("lang"), rel
        first_link = soup.body.find("a")
        assert first_link["href"] == "#main" and soup.select_one("main#main"), rel
        levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
        assert levels[0] == 1 and levels.count(1) == 1, f"{rel}: {levels}"
        for previous, level in itertools.pairwise(levels):
            assert level <= previous + 1, f"{rel}: h{previous} then h{level}"


def test_every_table_has_a_caption_scoped_headers_and_labels_for_its_stacked_form(site: Site) -> None:
    """On a phone a table's rows become blocks; each value then shows its column's header."""
    tables = 0
    for rel in site.html_files:
        for table in site.soup(rel).find_all("table"):
            tables += 1
            assert table.caption and text(table.caption), rel
            assert all(th.get("scope") in ("col", "row") for th in table.find_all("th")), rel
            assert "stack" in table["class"], rel
            headers = [text(th) for th in table.thead.find_all("th")]
            for row in table.tbody.find_all("tr"):
                cells = row.find_all(["th", "td"], recursive=False)
                assert len(cells) == len(headers), rel
                for header, cell in zip(headers, cells, strict=True):
                    assert cell["data-label"] == header or "empty" in cell.get("class", []), (rel, header)
    # in each year: the district table, each track's sessions and agenda parts, the on-site agenda
    # and scheduled sessions; and each table a letter's attachment quotes
    expected = 0
    for year in site.project.years:
        expected += 1 + sum(1 + len(track.parts) for track in year.tracks) + 1 + bool(year.onsite.sessions)
        quoted_tables = [
            p for n in year.notices.values() for a in n.attachments if a.text for p in passages(a.text.passages)
        ]
        expected += sum(1 for point in quoted_tables if point.table)
    assert tables >= len(LANGS) * expected


def test_no_page_asks_another_host_for_anything_and_only_the_search_pages_run_a_script(site: Site) -> None:
    search_pages = {urls.Page("search", lang).file for lang in i18n.LANGS}
    for rel in site.html_files:
        soup = site.soup(rel)
        assert not soup.find(["iframe", "img", "object", "embed", "video", "audio"]), rel
        scripts = soup.find_all("script")
        if rel in search_pages:  # its one script, which loads Pagefind's from the site's own pagefind/
            assert [(s["type"], resolve(rel, s["src"])[0]) for s in scripts] == [("module", "assets/search.js")], rel
            continue
        if re.fullmatch(r"[^/]+/[0-9]+/counties/[^/]+/letter/index\.html", rel):  # a county office's page
            assert [resolve(rel, s["src"])[0] for s in scripts] == ["assets/copy.js"], rel  # its copy buttons
            assert all(s.has_attr("defer") for s in scripts), rel
        else:  # a page's one <script> may hold its data (JSON-LD, see test_opendata.py), never code
            assert len(scripts) <= 1 and all(s.attrs == {"type": "application/ld+json"} for s in scripts), rel
        sheets = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
        assert len(sheets) == 1 and resolve(rel, sheets[0])[0] == "assets/style.css", rel
        assert not soup.find(style=True), rel
    css = (site.root / "assets/style.css").read_text()
    assert "url(" not in css and "@import" not in css


def test_the_stylesheet_names_chinese_fonts_shows_focus_and_prints(site: Site) -> None:
    css = (site.root / "assets/style.css").read_text()
    font_stack = re.search(r"font-family:([^;]*);", css)[1]
    for font in ('"Noto Sans CJK TC"', '"PingFang TC"', '"Microsoft JhengHei"', "sans-serif"):
        assert font in font_stack
    assert ":focus-visible" in css and "@media print" in css and "size: A4" in css
    printed = css[css.index("@media print") :]
    assert "nav" in printed and ".lang-switch" in printed


def test_every_page_is_light(site: Site) -> None:
    css = (site.root / "assets/style.css").stat().st_size
    for rel in site.html_files:
        assert (site.root / rel).stat().st_size + css < 50 * 1024, rel


# --- safe output ----------------------------------------------------------------------------------


def test_markup_in_the_data_is_shown_as_text(tiny_project: Path, tmp_path: Path) -> None:
    counties = tiny_project / "data/counties.yaml"
    counties.write_text(
        counties.read_text().replace(
            "{zh: 甲縣, en: Alpha County}", '{zh: 甲縣, en: "<script>alert(1)</script>Alpha & Co"}'
        ),
        encoding="utf-8",
    )
    built = build_site(tiny_project, tmp_path / "out")
    raw = (built.root / "en/114/counties/alpha/index.html").read_text()
    assert "<script>" not in raw and "&lt;script&gt;alert(1)&lt;/script&gt;Alpha &amp; Co" in raw
    assert built.page("en", "counties/alpha/").h1.get_text() == "<script>alert(1)</script>Alpha & Co"


def test_markdown_renders_commonmark_without_raw_html_or_unsafe_links() -> None:
    from k12site.markdown import render

    html = render(
        'Hi <b onclick="x()">there</b> [a](javascript:alert(1)) [b](/abs) [c](//evil.example/) '
        "[d](https://example.org/) [e](../sessions/) [f](mailto:a@example.org)"
    )
    assert "<b" not in html and "&lt;b onclick" in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs == ["https://example.org/", "../sessions/", "mailto:a@example.org"]


def test_an_unsafe_link_never_reaches_a_page() -> None:
    from k12site.templating import UnsafeLinkError, safe_href

    for bad in ("javascript:alert(1)", "data:text/html,x", "http://example.org/", "/root-relative", "//other.host/"):
        with pytest.raises(UnsafeLinkError):
            safe_href(bad)
    for good in ("https://example.org/", "mailto:a@example.org", "tel:+886-8-7320415", "webcal://x.org/a.ics", "../x/"):
        assert safe_href(good) == good


# --- trustworthy builds ---------------------------------------------------------------------------


def test_no_page_shows_markup_escaped_as_text(site: Site) -> None:
    """Markup made in Python (dates in <time>, links) reaches the page as markup, not as "&lt;time"."""
    escaped_tag = re.compile(rb"&lt;/?(time|a|span|strong|code|br|p|li|ul)\b")
    for rel in site.html_files:
        assert not escaped_tag.search((site.root / rel).read_bytes()), rel


def test_dates_and_times_are_time_elements(site: Site, year: Year) -> None:
    for lang in LANGS:
        track = year.tracks[0]
        agenda = site.page(lang, f"agenda/{track.slug}/")
        days = {t["datetime"]: t.get_text() for t in agenda.select("table.track-sessions tbody th time")}
        for session in (s for s in year.sessions if s.track == track.slug):
            assert days[session.date.isoformat()] == dates.long_date(session.date, lang)
        county = year.counties[0]
        clocks = {
            t["datetime"]: t.get_text() for t in site.page(lang, f"counties/{county.slug}/").select("dl.times time")
        }
        session = sessions_of(year, next(d for d in year.districts if county.slug in d.counties).number)[0]
        for clock in part_times(parts_held(year, session)[0]):
            assert clocks[f"{session.date.isoformat()}T{clock}+08:00"] == clock


def test_two_builds_are_byte_identical(site: Site, projects: Projects, shape: str, tmp_path: Path) -> None:
    again = build_site(projects.root(shape), tmp_path / "again", base_url="")
    assert again.files() == site.files()


def test_a_broken_data_file_leaves_the_previous_build_untouched(seed_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    good = build_site(seed_project, out).files()
    sessions = seed_project / "data/114/sessions.yaml"
    sessions.write_text(sessions.read_text().replace("date: 2025-08-12", "date: 2025-08-32"), encoding="utf-8")
    with pytest.raises(DataError, match=r"sessions\.yaml:\d+:\d+: sessions\[4\]\.date"):
        build(seed_project, out)
    assert Site(out).files() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.builds", ".out.lock", "out", seed_project.name]
    builds = list((tmp_path / ".out.builds").iterdir())
    assert builds == [out.resolve()], "no half-written build folder is left behind"


SECRET = "TEXT-OF-A-FILE-OUTSIDE-THE-PROJECT"


def _everything_but(folder: Path, skip: Path) -> str:
    """The text of every plain file under ``folder`` but those in ``skip``, links not followed."""
    texts = []
    for parent, dirs, files in os.walk(folder):
        dirs[:] = [name for name in dirs if Path(parent, name) != skip]
        paths = [Path(parent, name) for name in files]
        texts += [path.read_bytes().decode("utf-8", "replace") for path in paths if not path.is_symlink()]
    return "\n".join(texts)


@pytest.mark.parametrize(
    ("rel", "target", "what"),
    [
        ("templates/assets/x.css", "secret.css", "file"),
        ("templates/county.html", "county.html", "file"),
        ("templates/assets/fonts", "fonts", "folder"),
        ("templates", "templates", "folder"),
    ],
    ids=["asset", "template", "asset-folder", "templates-folder"],
)
def test_a_template_or_asset_that_links_outside_the_project_is_refused_and_the_site_kept(
    tiny_project: Path, tmp_path: Path, rel: str, target: str, what: str, capsys
) -> None:
    outside = tmp_path / "outside"
    shutil.copytree(tiny_project / "templates", outside / "templates")
    (outside / "secret.css").write_text(f"body::after {{ content: '{SECRET}' }}\n", encoding="utf-8")
    (outside / "county.html").write_text(
        '{% extends "base.html" %}{% block main %}' + SECRET + "{% endblock %}\n", encoding="utf-8"
    )
    (outside / "templates/county.html").write_text((outside / "county.html").read_text(), encoding="utf-8")
    (outside / "fonts").mkdir()
    (outside / "fonts/secret.css").write_text(SECRET, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "--root", str(tiny_project), "--out", str(out)]) == 0
    good = Site(out).files()
    link = tiny_project / rel
    if link.is_dir():
        shutil.rmtree(link)
    link.unlink(missing_ok=True)
    link.symlink_to(outside / target)
    capsys.readouterr()

    assert main(["build", "--root", str(tiny_project), "--out", str(out)]) == 1

    assert capsys.readouterr().err == (
        f"{rel}:1:1: (file): is a link to a {what} outside the project ({(outside / target).resolve()}): "
        f"templates and assets must be inside the project; copy the {what} in instead of linking to it\n"
        "1 problem found; nothing was written.\n"
    )
    assert Site(out).files() == good
    assert SECRET not in _everything_but(tmp_path, skip=outside)


def test_a_folder_named_like_an_asset_is_a_folder_and_a_link_inside_the_project_is_followed(
    tiny_project: Path, tmp_path: Path
) -> None:
    assets = tiny_project / "templates/assets"
    (assets / "x.css").mkdir()
    (assets / "x.css/inner.css").write_text("p {}\n", encoding="utf-8")
    (assets / "empty.js").mkdir()
    (assets / "print.css").symlink_to("style.css")
    files = build_site(tiny_project, tmp_path / "out").files()
    assert files["assets/x.css/inner.css"] == b"p {}\n"
    assert files["assets/print.css"] == files["assets/style.css"]
    assert not any(name.startswith("assets/empty.js") for name in files)


# --- interface strings and letter numbering -------------------------------------------------------


def test_every_interface_string_has_both_languages_with_the_same_placeholders() -> None:
    # The Chinese display-name example already holds the county's name; English adds it in front.
    # An English singular ("Your online session") need not repeat the number; Chinese always says it.
    omitted_in_chinese = {"ics_example": {"county"}}
    for key, (zh, en) in i18n.UI.items():
        assert zh.strip() and en.strip(), key
        in_english = i18n.placeholders(en) | ({"n"} if key.endswith("_one") else set())
        assert i18n.placeholders(zh) | omitted_in_chinese.get(key, set()) == in_english, key


def test_fill_replaces_only_named_placeholders_and_never_formats() -> None:
    assert i18n.fill("{county}：{n} 場", county="{n}", n=3) == "{n}：3 場"
    assert i18n.fill("{a.__class__} {0} {} {x!r}", x=1) == "{a.__class__} {0} {} {x!r}"
    with pytest.raises(KeyError):
        i18n.fill("{county}")
    assert i18n.fill_markup("<b>{x}</b>", x="<i>") == "&lt;b&gt;&lt;i&gt;&lt;/b&gt;"


def test_every_value_a_template_turns_into_a_string_key_has_its_string() -> None:
    from typing import get_args

    from k12site import models

    onsite_kind = models.OnsiteSession.model_fields["kind"].annotation
    omitted_page = models.Omission.model_fields["page"].annotation
    tables = [
        (i18n.SLOT_KIND, models.SlotKind),
        (i18n.PERIOD, models.Period),
        (i18n.ONSITE_KIND, onsite_kind),
        (i18n.PAGE_NAME, omitted_page),
    ]
    for table, literal in tables:
        assert set(table) == set(get_args(literal)), table
        assert set(table.values()) <= set(i18n.UI), table


def test_interface_strings_read_as_attributes_and_as_items() -> None:
    t = i18n.strings("en")
    assert t.nav_home == t["nav_home"] == "Home"
    assert all(getattr(t, key) == value for key, value in t.items())
    with pytest.raises(ValueError, match=r"clash with dict methods: \['items'\]"):
        i18n.Strings({"items": "a name templates could never reach as t.items"})


@pytest.mark.parametrize(
    "n, zh",
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"), (99, "九十九"), (100, "100")],
)
def test_chinese_numerals_as_letters_count(n: int, zh: str) -> None:
    assert views.zh_number(n) == zh


def test_item_markers_follow_the_depth() -> None:
    assert [views.item_marker(d, 2, "zh-tw") for d in range(4)] == ["二、", "(二)", "2、", "(2)"]
    assert [views.item_marker(d, 2, "en") for d in range(4)] == ["2.", "(2)", "(b)", "(bb)"]


# --- links that travel well ---------------------------------------------------------------------


def test_every_page_carries_a_link_card_in_its_own_language(site: Site) -> None:
    for rel in site.html_files:
        soup = site.soup(rel)
        meta = {m.get("property") or m.get("name"): m["content"] for m in soup.find_all("meta", content=True)}
        title = soup.title.get_text()
        assert meta["og:title"] and title.startswith(meta["og:title"]), rel
        assert meta["og:description"] == meta["description"] if "description" in meta else meta["og:description"], rel
        assert meta["twitter:card"] == "summary", rel
        lang = rel.partition("/")[0] if rel.startswith(("zh-tw/", "en/")) else "zh-tw"
        assert meta["og:locale"] == {"zh-tw": "zh_TW", "en": "en_US"}[lang], rel
        assert meta["og:locale:alternate"] == {"zh-tw": "en_US", "en": "zh_TW"}[lang], rel
        assert "og:url" not in meta, "no og:url without a base URL"


def test_og_url_is_the_pages_own_address_when_a_base_url_is_known(published: Site, year: Year) -> None:
    for rel in (
        f"zh-tw/{year.number}/counties/{year.counties[0].slug}/index.html",
        f"en/{year.number}/sessions/index.html",
    ):
        soup = published.soup(rel)
        og_url = soup.find("meta", property="og:url")["content"]
        assert og_url == soup.find("link", rel="canonical")["href"] == BASE_URL + rel.removesuffix("index.html")


def test_every_page_names_icons_that_exist(site: Site) -> None:
    assert (site.root / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"  # an ICO file
    for rel in site.html_files:
        icons = site.soup(rel).find_all("link", rel="icon")
        assert {i.get("type") for i in icons} == {None, "image/svg+xml"}, rel
        for icon in icons:
            target, _ = resolve(rel, icon["href"])
            assert (site.root / target).is_file(), (rel, icon["href"])


def test_the_join_details_follow_the_sessions_before_any_letter_and_each_card_links_them(site: Site) -> None:
    """How to join (link, number, password, display name) is the district's: one block right after the
    session cards, before the county letter's rules, and a link in every card leads to it."""
    for year, lang in each_year(site):
        for county in year.counties:
            page = site.page(lang, f"counties/{county.slug}/", year.number)
            join = page.select_one("main section#join")
            district = year.district_of(county.slug)
            assert join.find_previous("section", id="sessions") is not None, county.slug
            assert join.find_next("section", id="letter") is not None, "before the county letter's rules"
            facts = text(join)
            assert district.webex.password in facts and district.webex.meeting_number in facts
            assert join.find("a", href=district.webex.url) and join.select_one("#display-name")
            example = year.joining.display_name.example.zh.replace("{county}", county.name.zh)
            assert text(join.select_one("strong.example")) == example
            assert " ".join(year.joining.display_name.rule[lang].split()) in facts
            cards = page.select("#sessions section.session")
            assert cards and all(card.find("a", href="#join") for card in cards), county.slug


def test_the_menu_folds_behind_one_button_that_works_without_a_script(site: Site) -> None:
    for rel in site.html_files:
        nav = site.soup(rel).select_one("header nav")
        if nav is None:
            continue
        menu = nav.select_one(":scope > details.menu")
        assert menu is not None and menu.find("summary", recursive=False), rel
        assert text(menu.summary) == i18n.strings(rel.split("/")[0])["menu"], rel
        assert nav.select("a") == menu.select(":scope > ul a") and nav.select("a"), rel
