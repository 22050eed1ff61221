"""The rendered site: every page in both languages, its facts, its links, its structure, its builds.

Most tests read one build of the real data (``site``); those that change the data build a copy
of the real project or the tiny one in tmp_path.
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

from k12site import i18n, urls
from k12site.builder import build
from k12site.cli import main
from k12site.loader import load_project
from k12site.problems import DataError
from k12site.project import Year, part_times

LANGS = ("zh-tw", "en")
HTML_LANG = {"zh-tw": "zh-Hant-TW", "en": "en"}
SAFE_SCHEMES = ("https", "mailto", "tel", "webcal")
REPO = Path(__file__).resolve().parent.parent


@dataclass
class Site:
    """A built site folder, with each page parsed once."""

    root: Path
    _soups: dict[str, BeautifulSoup] = field(default_factory=dict)

    def soup(self, rel: str) -> BeautifulSoup:
        if rel not in self._soups:
            self._soups[rel] = BeautifulSoup((self.root / rel).read_bytes(), "html.parser")
        return self._soups[rel]

    def page(self, lang: str, rest: str = "") -> BeautifulSoup:
        return self.soup(f"{lang}/114/{rest}index.html")

    @property
    def html_files(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))

    def files(self) -> dict[str, bytes]:
        return {
            p.relative_to(self.root).as_posix(): p.read_bytes() for p in sorted(self.root.rglob("*")) if p.is_file()
        }


def build_site(root: Path, out: Path, **options) -> Site:
    build(root, out, **options)
    return Site(out)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The real data, built once (no base URL, as in data/site.yaml)."""
    return build_site(REPO, tmp_path_factory.mktemp("site") / "site", base_url="")


@pytest.fixture(scope="module")
def year() -> Year:
    return load_project(REPO).years[0]


def text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


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


# --- the URL plan and the pages it promises -----------------------------------------------------

URL_PLAN = [
    "index.html",
    "404.html",
    "sitemap.xml",
    "robots.txt",
    "assets/style.css",
    "zh-tw/114/index.html",
    "en/114/index.html",
    "zh-tw/114/counties/pingtung/index.html",
    "en/114/counties/pingtung/index.html",
    "zh-tw/114/notice/pingtung/index.html",
    "en/114/notice/pingtung/index.html",
    "zh-tw/114/sessions/index.html",
    "zh-tw/114/agenda/hr/index.html",
    "zh-tw/114/agenda/student/index.html",
    "zh-tw/114/agenda/funding/index.html",
    "zh-tw/114/onsite/index.html",
    "zh-tw/114/process/index.html",
]


@pytest.mark.parametrize("path", URL_PLAN)
def test_the_url_plan_paths_exist(site: Site, path: str) -> None:
    assert (site.root / path).is_file()


def test_the_page_count_is_what_the_data_implies(site: Site, year: Year) -> None:
    # the language's front and search pages; the year's home, sessions, process and on-site pages; then one a thing
    per_language = 2 + 4 + len(year.tracks) + len(year.counties) + len(year.notices) + len(year.pages)
    assert len(site.html_files) == 2 + 2 * per_language == 66  # + the bilingual root and 404 pages


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
        alternates = {link["hreflang"]: resolve(rel, link["href"])[0] for link in soup.select('link[rel="alternate"]')}
        assert alternates == {HTML_LANG[lang]: rel, HTML_LANG[other.split("/")[0]]: other}, rel


def test_no_broken_internal_link_and_none_starts_with_a_slash(site: Site) -> None:
    checked = 0
    for rel in site.html_files:
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
    assert checked > 1000


def test_templates_never_glue_paths_together() -> None:
    """Every href and src in a template comes from a helper of the URL plan (or is a #fragment)."""
    for template in sorted((REPO / "templates").glob("*.html")):
        for match in re.finditer(r'\b(href|src)="([^"]*)"', template.read_text(encoding="utf-8")):
            assert match[2].startswith(("{{", "#")), f"{template.name}: {match[0]}"


# --- the county pages ---------------------------------------------------------------------------

COUNTIES = [
    line.split(": ")[1] for line in (REPO / "data/counties.yaml").read_text().splitlines() if "- slug: " in line
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", COUNTIES)
def test_each_county_page_shows_its_own_three_dates_and_its_districts_password(
    site: Site, year: Year, slug: str, lang: str
) -> None:
    soup = site.page(lang, f"counties/{slug}/")
    district = year.district_of(slug)
    sessions = soup.select_one("#sessions")
    shown = [t["datetime"] for t in sessions.select("h3 time")]
    assert shown == [s.date.isoformat() for s in year.district_sessions(district)]
    assert len(shown) == 3
    page = text(soup)
    assert district.webex.password in page and district.webex.meeting_number in page
    assert soup.find("a", href=district.webex.url)
    for other in year.districts:
        if other is not district:
            assert other.webex.password not in page, f"{slug} shows district {other.number}'s password"
    assert soup.h1.get_text() == year.county(slug).name[lang]
    assert year.track("hr").audience[lang] in page  # who should attend each track


@pytest.mark.parametrize(
    "lang, labels",
    [
        ("zh-tw", ("開放簽到", "課程開始", "結束（請簽退）")),
        ("en", ("Sign-in opens", "Content starts", "Ends (sign out)")),
    ],
)
def test_the_hr_day_has_morning_and_afternoon_parts_with_their_own_times(
    site: Site, year: Year, lang: str, labels: tuple[str, ...]
) -> None:
    section = site.page(lang, "counties/pingtung/").select_one("#sessions section.session")
    parts = section.select("ul.parts > li")
    hr = year.track("hr")
    assert len(parts) == len(hr.parts) == 2
    for li, part in zip(parts, hr.parts, strict=False):
        assert [text(dt) for dt in li.select("dt")] == list(labels)
        assert [t["datetime"] for t in li.select("dd time")] == [f"2025-08-12T{c}+08:00" for c in part_times(part)]
        assert part.label[lang] in text(li)
        assert not re.search(r"小時|\bhours?\b", text(li)), "hours are the letter's, in its own section"


@pytest.mark.parametrize("slug", ["pingtung", "taipei", "hsinchu-city"])
def test_the_display_name_example_is_the_countys_own_and_typed_in_chinese(site: Site, year: Year, slug: str) -> None:
    example = year.joining.display_name.example.zh.format(county=year.county(slug).name.zh)
    for lang in LANGS:
        shown = site.page(lang, f"counties/{slug}/").select_one("#join ~ p strong.example")
        assert shown.get_text() == example and shown["lang"] == "zh-Hant-TW"
    english = text(site.page("en", f"counties/{slug}/"))
    assert "Type it in Chinese" in english and year.county(slug).name.zh in english


def test_the_priority_note_comes_from_priority_counties(site: Site) -> None:
    assert "請屏東縣學校優先參與本場次" in text(site.page("zh-tw", "counties/pingtung/"))
    assert "Pingtung County schools: please preferably attend this district's sessions" in text(
        site.page("en", "counties/pingtung/")
    )
    for lang in LANGS:  # Tainan shares Pingtung's district but is not a priority county
        assert not site.page(lang, "counties/tainan/").select(".priority")


def test_the_priority_note_is_derived_for_any_county(tiny_project: Path, tmp_path: Path) -> None:
    built = build_site(tiny_project, tmp_path / "out")
    assert "請乙市學校優先參與本場次" in text(built.page("zh-tw", "counties/beta-city/"))
    assert "Beta City schools: please preferably attend this district's sessions" in text(
        built.page("en", "counties/beta-city/")
    )
    assert not built.page("zh-tw", "counties/alpha/").select(".priority")


def test_a_county_page_links_its_agendas_notice_onsite_page_and_calendars(site: Site, year: Year) -> None:
    rel = "zh-tw/114/counties/pingtung/index.html"
    soup = site.soup(rel)
    targets = {resolve(rel, a["href"])[0] for a in soup.find_all("a", href=True) if not urlsplit(a["href"]).scheme}
    for track in year.tracks:
        assert f"zh-tw/114/agenda/{track.slug}/index.html" in targets
    assert "zh-tw/114/notice/pingtung/index.html" in targets
    assert "zh-tw/114/onsite/index.html" in targets
    assert urls.calendar("zh-tw", 114, "county", "pingtung") in targets
    google = [a for a in soup.find_all("a", href=True) if a["href"].startswith("https://calendar.google.com/")]
    assert len(google) == len(year.county_events("pingtung")) == 4
    assert not soup.select('a[href^="webcal:"]'), "no subscription link without a base URL"
    assert "Google" in text(soup.select_one("details.calendar-help")) and "Outlook" in text(
        soup.select_one("details.calendar-help")
    )
    taipei = site.soup("zh-tw/114/counties/taipei/index.html")
    assert not [a for a in taipei.find_all("a", href=True) if "notice/" in a["href"]], "Taipei has no letter"


def test_subscription_links_appear_only_with_a_base_url(real: Path, tmp_path: Path) -> None:
    built = build_site(real, tmp_path / "out", base_url="https://example.org/training/")
    soup = built.page("zh-tw", "counties/pingtung/")
    webcal = [a["href"] for a in soup.select('a[href^="webcal:"]')]
    assert webcal == ["webcal://example.org/training/zh-tw/114/calendars/counties/pingtung.ics"]
    assert (
        soup.select_one('link[rel="canonical"]')["href"] == "https://example.org/training/zh-tw/114/counties/pingtung/"
    )
    alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"]')}
    assert alternates["en"] == "https://example.org/training/en/114/counties/pingtung/"
    assert "https://example.org/training/zh-tw/114/counties/pingtung/" in text(soup.select_one("footer"))
    agenda = built.page("en", "agenda/hr/")
    assert [a["href"] for a in agenda.select('a[href^="webcal:"]')] == [
        "webcal://example.org/training/en/114/calendars/tracks/hr.ics"
    ]


# --- a county's own letter: on that county's pages only -------------------------------------------


def instruction_texts(notice, lang: str) -> list[str]:
    """The site's words for each of a letter's instructions, in one language."""
    rules = notice.instructions
    found = [rule.text[lang] for rule in (rules.registration, rules.leave, rules.hours) if rule is not None]
    return found + [rule.text[lang] for rule in rules.other]


def pages_holding(built: Site, needle: str) -> set[str]:
    return {rel for rel in built.html_files if needle in text(built.soup(rel))}


@pytest.mark.parametrize("lang", LANGS)
def test_pingtungs_page_shows_its_letters_instructions_in_a_labelled_section(site: Site, year: Year, lang: str) -> None:
    rel = f"{lang}/114/counties/pingtung/index.html"
    section = site.soup(rel).select_one("section#letter")
    notice = year.notices["pingtung"]
    t = i18n.strings(lang)
    assert text(section.h2) == i18n.fill(t.letter_heading, sender=notice.sender[lang])
    assert notice.reference in text(section)
    for instruction in instruction_texts(notice, lang):
        assert instruction in text(section)
    assert [text(dt) for dt in section.select("dl dt")][3:-1] == [
        rule.label[lang] for rule in notice.instructions.other
    ]
    # one line per session, each part with its hours: 8/12（二）人力網：上午場 3 小時、下午場 3 小時
    hours = [text(li).rsplit(t.colon.strip(), 1)[-1].strip() for li in section.select("ul.session-hours li")]
    h = {"zh-tw": "{} 小時", "en": "{} hours"}[lang].format
    parts = {p.slug: p.label[lang] for track in year.tracks for p in track.parts}
    assert hours == [
        f"{parts['morning']} {h(3)}{t.list_sep}{parts['afternoon']} {h(3)}".strip(),
        f"{parts['day']} {h(5)}",
        f"{parts['morning']} {h(3)}",
    ]
    days = [li.time["datetime"] for li in section.select("ul.session-hours li")]
    assert days == ["2025-08-12", "2025-08-19", "2025-08-22"]
    targets = {resolve(rel, a["href"]) for a in section.find_all("a", href=True) if not urlsplit(a["href"]).scheme}
    letter = f"{lang}/114/notice/pingtung/index.html"
    assert (letter, "") in targets and (letter, "item-5") in targets and (letter, "item-7") in targets
    assert notice.contact.email in text(section) and notice.contact.phone in text(section)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", [c for c in COUNTIES if c != "pingtung"])
def test_a_county_without_a_letter_shows_the_plan_alone_and_says_where_its_letter_will_be(
    site: Site, year: Year, slug: str, lang: str
) -> None:
    soup = site.page(lang, f"counties/{slug}/")
    section = soup.select_one("section#letter")
    t = i18n.strings(lang)
    assert text(section.h2) == t.county_no_letter_heading
    assert i18n.fill(t.county_no_letter, county=year.county(slug).name[lang]) in text(section)
    page = text(soup)
    for instruction in instruction_texts(year.notices["pingtung"], lang):
        assert instruction not in page, f"{slug} shows Pingtung's {instruction!r}"
    for fact in (
        "全國教師在職進修資訊網",
        "Teacher In-Service",
        "公假登記",
        "granted official leave",
        "小時",
        " hours:",
    ):
        assert fact not in page, f"{slug} shows {fact!r}"
    assert not soup.select("ul.session-hours")


def test_pingtungs_instructions_reach_pingtungs_pages_only(site: Site, year: Year) -> None:
    notice = year.notices["pingtung"]
    for lang in LANGS:
        own = {f"{lang}/114/counties/pingtung/index.html", f"{lang}/114/notice/pingtung/index.html"}
        for instruction in instruction_texts(notice, lang):
            assert pages_holding(site, instruction) <= own, instruction


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


def test_a_second_countys_letter_is_one_file_and_reaches_only_its_own_pages(real: Path, tmp_path: Path) -> None:
    (real / "data/114/notices/taipei.yaml").write_text(TAIPEI_NOTICE, encoding="utf-8")
    built = build_site(real, tmp_path / "out", base_url="https://example.org/training/")
    year = load_project(real).years[0]
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


def maintaining_examples(heading: str) -> str:
    """The YAML example under a heading of MAINTAINING.md, as a maintainer would copy it."""
    guide = (REPO / "MAINTAINING.md").read_text(encoding="utf-8")
    section = guide[guide.index(heading) :]
    block = re.search(r"```yaml\n(.*?)```", section, flags=re.S)[1]
    return "\n".join(line.removeprefix("   ") for line in block.splitlines()) + "\n"


@pytest.mark.parametrize("heading", ["#### 4. 新增縣市的轉知公文", "#### 3.4 Add a county's notice"])
def test_the_guides_example_of_a_countys_letter_is_valid_and_shows_on_its_page(
    real: Path, tmp_path: Path, heading: str
) -> None:
    (real / "data/114/notices/taipei.yaml").write_text(maintaining_examples(heading), encoding="utf-8")
    load_project(real, strict=True)
    built = build_site(real, tmp_path / "out")
    notice = load_project(real).years[0].notices["taipei"]
    for lang in LANGS:
        section = text(built.page(lang, "counties/taipei/").select_one("section#letter"))
        assert all(instruction in section for instruction in instruction_texts(notice, lang))
        assert not pages_holding(built, notice.instructions.other[0].text[lang]) - {
            f"{lang}/114/counties/taipei/index.html",
            f"{lang}/114/notice/taipei/index.html",
        }


# --- the sessions, agenda, on-site, process, notice and home pages ------------------------------


@pytest.mark.parametrize(
    "lang, day, note, other",
    [
        ("zh-tw", "114年8月12日（二）", "請屏東縣學校優先參與本場次", "開放跨區參與"),
        (
            "en",
            "Tue 12 Aug 2025",
            "Pingtung County schools: please preferably attend this district's sessions",
            "Open to participants from other districts",
        ),
    ],
)
def test_the_sessions_page_has_the_district_table(
    site: Site, year: Year, lang: str, day: str, note: str, other: str
) -> None:
    table = site.page(lang, "sessions/").select_one("table.sessions")
    assert table.caption and table.find_parent("div", class_="table-wrap")
    rows = table.select("tbody tr")
    assert len(rows) == len(year.districts) == 5
    for row, district in zip(rows, year.districts, strict=False):
        cells = text(row)
        assert [a.get_text() for a in row.select("td:nth-of-type(1) a")] == [
            c.name[lang] for c in year.district_counties(district)
        ]
        assert str(district.schools) in cells
        assert [t["datetime"] for t in row.select("time")] == [
            s.date.isoformat() for s in year.district_sessions(district)
        ]
        assert district.webex.password in cells and district.webex.meeting_number in cells
        assert row.find("a", href=district.webex.url)
        assert other in cells
        assert (note in cells) == (district.number == 5)
    assert row.find("time", datetime="2025-08-12").get_text() == day
    assert str(year.total_schools) in text(table.tfoot)


@pytest.mark.parametrize("lang, minutes, afternoon", [("zh-tw", "90 分鐘", "150 分鐘"), ("en", "90 min", "150 min")])
def test_an_agenda_page_has_slot_tables_durations_audio_check_and_its_sessions(
    site: Site, year: Year, lang: str, minutes: str, afternoon: str
) -> None:
    soup = site.page(lang, "agenda/hr/")
    hr = year.track("hr")
    tables = soup.select("table.agenda")
    assert len(tables) == len(hr.parts) == 2
    assert minutes in text(tables[0]) and afternoon in text(tables[1])
    assert [t["datetime"] for t in tables[0].select("tbody th time")] == [s.start for s in hr.parts[0].slots]
    intro, steps = year.joining.audio_check_intro[lang], [s[lang] for s in year.joining.audio_check]
    # morning sign-in shows the steps; the afternoon's shows only the reminder
    assert intro in text(tables[0]) and all(step in text(tables[0]) for step in steps)
    assert intro in text(tables[1]) and not any(step in text(tables[1]) for step in steps)
    nested = tables[0].select("td ul ul li")
    assert nested, "topics keep their nested items"
    sessions = soup.select_one("table.track-sessions")
    assert [t["datetime"] for t in sessions.select("tbody th time")] == [
        s.date.isoformat() for s in year.track_sessions(hr)
    ]
    # each session's own calendar; the "add" links, one per part, are on the county pages
    assert len(sessions.select('a[href$=".ics"]')) == len(year.track_sessions(hr))
    assert not sessions.select('a[href^="https://calendar.google.com/"]')
    assert soup.select_one("#hours") is None and not re.search(r"\d+ 小時|\d+ hours?\b", text(soup.main))
    assert i18n.strings(lang)["county_rules_pointer"] in text(soup)
    assert hr.audience[lang] in text(soup)
    rel = f"{lang}/114/agenda/hr/index.html"
    assert urls.calendar(lang, 114, "track", "hr") in {
        resolve(rel, a["href"])[0] for a in soup.find_all("a", href=True)
    }


def test_slots_without_a_title_are_named_by_their_kind(tiny_project: Path, tmp_path: Path) -> None:
    built = build_site(tiny_project, tmp_path / "out")
    first = built.page("en", "agenda/hr/").select_one("table.agenda tbody tr")
    assert "Sign in" in text(first) and "Check your audio" in text(first)


def test_priority_reads_as_a_preference_never_as_an_order_of_attendance(site: Site, year: Year) -> None:
    """優先參與 is "preferably attend" (GLOSSARY.md): "attend ... first" would read as an order."""
    assert "preferably" in i18n.strings("en")["priority_note"]
    first = re.compile(r"\battend\b[^.;:]*\bfirst\b", re.IGNORECASE)
    for rel in site.html_files:
        if rel.startswith("en/"):
            assert not first.search(text(site.soup(rel))), rel
    letter = text(site.page("en", "notice/pingtung/"))
    assert "Pingtung County schools are asked to preferably attend these sessions" in letter


def test_every_english_page_names_the_registration_system_as_the_glossary_does(site: Site, year: Year) -> None:
    """The glossary's names only: the full name, or its short form "the Registration System"."""
    short = year.info.systems["sis"].short.en
    assert short == "Registration System"
    stray = re.compile(r"Student Registration System|registration management service system|Registration system")
    for rel in site.html_files:
        if rel.startswith("en/"):
            assert not stray.search(text(site.soup(rel))), rel
    onsite = site.page("en", "onsite/").select_one("table.agenda")
    assert f"the {short}" in text(onsite)


def test_the_system_management_team_is_named_as_the_glossary_capitalises_it(site: Site) -> None:
    for rel in site.html_files:
        if rel.startswith("en/"):
            assert "system management team" not in text(site.soup(rel)), rel
    assert "System Management Team" in text(site.page("en", "agenda/hr/"))


@pytest.mark.parametrize("lang", LANGS)
def test_the_onsite_page_has_a_printable_checklist_with_labelled_checkboxes(site: Site, year: Year, lang: str) -> None:
    soup = site.page(lang, "onsite/")
    boxes = soup.select('input[type="checkbox"]')
    assert len(boxes) == len(year.onsite.checklist) == 3
    for box in boxes:
        label = soup.find("label", attrs={"for": box["id"]})
        assert label and text(label)
    assert [t["datetime"] for t in soup.select("#apply ~ p time")] == ["2025-08-25", "2025-09-26"]
    assert len(soup.select("table.agenda td li")) == 14  # the module list
    assert i18n.strings(lang)["none_scheduled"] in text(soup)
    assert not soup.select("table.onsite-sessions")


def test_scheduled_onsite_sessions_are_listed(real: Path, tmp_path: Path) -> None:
    onsite = real / "data/114/onsite.yaml"
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
    built = build_site(real, tmp_path / "out")
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
    county = built.page("en", "counties/pingtung/").select_one("#onsite + ul.onsite-list")
    assert "Pingtung County Education Department" in text(county)
    assert county.select_one("time")["datetime"] == "2025-09-10"
    assert (
        county.select_one("a[download]")["href"] == "../../calendars/sessions/onsite-pingtung-2025-09-10-hands-on.ics"
    )
    taipei = built.page("en", "counties/taipei/")
    assert taipei.select_one("#onsite + ul") is None
    assert i18n.strings("en")["county_onsite_none"] in text(taipei)


@pytest.mark.parametrize("lang", LANGS)
def test_the_process_page_derives_its_windows_and_links_the_other_pages(site: Site, year: Year, lang: str) -> None:
    rel = f"{lang}/114/process/index.html"
    soup = site.soup(rel)
    method = [t["datetime"] for t in soup.select("#method ~ ol time")]
    assert method == ["2025-08-06", "2025-08-22", "2025-08-25", "2025-09-26"]
    assert [text(m) for m in soup.select("#purposes + ol > li > .marker")] == (
        ["(一)", "(二)"] if lang == "zh-tw" else ["(1)", "(2)"]
    )
    assert year.process.purposes[0].text[lang] in text(soup)
    targets = {resolve(rel, a["href"])[0] for a in soup.find_all("a", href=True)}
    assert {f"{lang}/114/sessions/index.html", f"{lang}/114/onsite/index.html"} <= targets
    assert {f"{lang}/114/agenda/{t.slug}/index.html" for t in year.tracks} <= targets
    assert ("總計 5 場次" if lang == "zh-tw" else "5 sessions in all") in text(soup)


def quoted(node: Tag) -> bool:
    """Whether ``node`` stands inside a quotation."""
    return node.find_parent("blockquote") is not None


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
    assert quotations >= 2 * 3  # the letter, and the attachment cut where the site leaves a part out


@pytest.mark.parametrize("lang", LANGS)
def test_the_attachment_is_quoted_as_written_under_pingtungs_notice(site: Site, year: Year, lang: str) -> None:
    rel = f"{lang}/114/notice/pingtung/index.html"
    soup = site.soup(rel)
    notice = year.notices["pingtung"]
    section = soup.select_one("section#attachment-1")
    figures = section.select("figure.quotation")
    assert len(figures) == 2
    for figure in figures:
        assert notice.reference in text(figure.figcaption) and notice.sender[lang] in text(figure.figcaption)
    zh_line = "請學校承辦人加入線上會議時輸入「屏東縣+校名+職稱+姓名」(例：屏東縣○○國中註冊組長王○○)"
    display = section.select_one("#point-display-name")
    assert quoted(display)
    if lang == "zh-tw":
        assert zh_line in text(display)
        page = text(section)
        for as_written in (
            "報表((教職維護填報檢核表並確認配置完成)",
            "12:00~",
            "時間：114年8月13日(星期三)至8月19日(星期二)，總計5場次",
        ):
            assert as_written in page  # the source's own typos and spacing
        assert [text(m) for m in section.select("p.q0 > .marker")] == ["壹、", "貳、", "參、"]
    else:
        assert "屏東縣 + school + job title + full name" in text(display)
    note = section.select_one("p.site-note")
    assert not quoted(note) and figures[0].find_next_sibling("p") is note
    assert resolve(rel, note.a["href"])[0] == f"{lang}/114/sessions/index.html"
    tables = section.select("table.quoted-table")
    assert len(tables) == 4 and all(quoted(table) for table in tables)
    signin = year.notices["pingtung"].instructions.other[0]
    county = site.soup(f"{lang}/114/counties/pingtung/index.html").select_one("section#letter")
    link = county.find("a", href=re.compile("#point-"))
    assert resolve(f"{lang}/114/counties/pingtung/index.html", link["href"]) == (rel, f"point-{signin.attachment}")


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


@pytest.mark.parametrize(
    "lang, markers",
    [
        (
            "zh-tw",
            (
                ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、"],
                ["(一)", "(二)", "(三)"],
                ["1、", "2、", "3、"],
            ),
        ),
        ("en", (["1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "9."], ["(1)", "(2)", "(3)"], ["(a)", "(b)", "(c)"])),
    ],
)
def test_the_notice_keeps_the_letters_form_and_numbering(site: Site, year: Year, lang: str, markers) -> None:
    rel = f"{lang}/114/notice/pingtung/index.html"
    soup = site.soup(rel)
    notice = year.notices["pingtung"]
    fields = {text(div.dt): text(div.dd) for div in soup.select("dl.letter-fields > div")}
    ui = i18n.strings(lang)
    assert fields[ui["f_reference"]] == "屏府教管字第1145124742號"
    assert fields[ui["f_date"]] == ("中華民國114年7月21日" if lang == "zh-tw" else "21 Jul 2025")
    assert fields[ui["f_phone"]] == "08-7320415#3613" and fields[ui["f_email"]] == "a002664@oa.pthg.gov.tw"
    assert fields[ui["f_addressee"]] == notice.addressee[lang] and fields[ui["f_priority"]] == notice.priority[lang]
    assert fields[ui["f_classification"]] == ui["f_blank"]
    assert set(fields) == {
        ui[k]
        for k in (
            "f_address",
            "f_contact",
            "f_phone",
            "f_email",
            "f_addressee",
            "f_date",
            "f_reference",
            "f_priority",
            "f_classification",
            "f_attachment",
        )
    }
    assert soup.select_one('a[href^="tel:"]')["href"] == "tel:+886-8-7320415;ext=3613"
    attachment = soup.select_one("dl.letter-fields a[href]:not([href^='tel:']):not([href^='mailto:'])")
    assert resolve(rel, attachment["href"]) == (rel, "attachment-1")
    assert text(attachment) == notice.attachments[0].file
    assert notice.subject[lang] in text(soup.select_one(".subject"))
    details = soup.select_one("#details + ol")
    assert [text(m) for m in details.select(":scope > li > .marker")] == markers[0]
    fourth = details.select(":scope > li")[3]
    assert [text(m) for m in fourth.select(":scope > ol > li > .marker")] == markers[1]
    assert [text(m) for m in fourth.select(":scope > ol > li")[0].select(":scope > ol > li > .marker")] == markers[2]
    distribution = {text(div.dt): text(div.dd) for div in soup.select("dl.distribution > div")}
    assert distribution[ui["recipients"]] == ui["list_sep"].join(r[lang] for r in notice.recipients).strip()
    assert distribution[ui["copies"]] == ui["list_sep"].join(c[lang] for c in notice.copies).strip()


@pytest.mark.parametrize("lang", LANGS)
def test_the_year_home_groups_the_22_counties_by_district(site: Site, year: Year, lang: str) -> None:
    rel = f"{lang}/114/index.html"
    soup = site.soup(rel)
    groups = soup.select("#find-your-county ~ .districts section.district")
    assert len(groups) == 5
    found = []
    for group, district in zip(groups, year.districts, strict=False):
        links = group.select(".county-list a")
        assert [resolve(rel, a["href"])[0] for a in links] == [
            f"{lang}/114/counties/{s}/index.html" for s in district.counties
        ]
        found += links
    assert len(found) == 22
    intro = year.home.text[lang].split("\n")[0]
    assert soup.select_one(".prose p").get_text() == intro
    for track in year.tracks:
        assert track.audience[lang] in text(soup)


def test_the_root_page_points_to_the_latest_year_in_both_languages(site: Site) -> None:
    soup = site.soup("index.html")
    assert soup.html["lang"] == "zh-Hant-TW" and soup.select_one('[lang="en"]')
    targets = [resolve("index.html", a["href"])[0] for a in soup.select("main a")]
    assert targets == ["zh-tw/114/index.html", "en/114/index.html"]


def test_adding_a_year_moves_no_existing_url(real: Path, tmp_path: Path) -> None:
    before = build_site(real, tmp_path / "before").html_files
    shutil.copytree(real / "data/114", real / "data/115")
    shutil.copytree(real / "content/114", real / "content/115")
    year_file = real / "data/115/year.yaml"
    year_file.write_text(year_file.read_text().replace("academic_year: 114", "academic_year: 115"), encoding="utf-8")
    after = build_site(real, tmp_path / "after")
    assert set(before) <= set(after.html_files)
    assert {f for f in after.html_files if "/115/" in f} == {
        f.replace("/114/", "/115/") for f in before if "/114/" in f
    }
    root_links = [resolve("index.html", a["href"])[0] for a in after.soup("index.html").select(".choose a")]
    assert root_links == ["zh-tw/115/index.html", "en/115/index.html"]


def test_the_404_page_is_bilingual_and_links_home_from_any_address(site: Site, real: Path, tmp_path: Path) -> None:
    soup = site.soup("404.html")
    assert soup.h1 and soup.select_one('[lang="en"]')
    assert [resolve("404.html", a["href"])[0] for a in soup.select("main a")] == [
        "zh-tw/114/index.html",
        "en/114/index.html",
    ]
    published = build_site(real, tmp_path / "out", base_url="https://example.org/training/").soup("404.html")
    assert [a["href"] for a in published.select("main a")] == [
        "https://example.org/training/zh-tw/114/",
        "https://example.org/training/en/114/",
    ]
    assert published.select_one('link[rel="stylesheet"]')["href"] == "https://example.org/training/assets/style.css"


def test_sitemap_lists_every_page_and_robots_points_to_it(site: Site, real: Path, tmp_path: Path) -> None:
    pages = {f.removesuffix("index.html") for f in site.html_files if f != "404.html"}
    relative = set(re.findall(r"<loc>([^<]*)</loc>", (site.root / "sitemap.xml").read_text()))
    assert relative == {p or "./" for p in pages}
    assert "Sitemap:" not in (site.root / "robots.txt").read_text()
    published = build_site(real, tmp_path / "out", base_url="https://example.org/training/")
    sitemap = (published.root / "sitemap.xml").read_text()
    assert set(re.findall(r"<loc>([^<]*)</loc>", sitemap)) == {"https://example.org/training/" + p for p in pages}
    assert 'hreflang="zh-Hant-TW" href="https://example.org/training/zh-tw/114/counties/pingtung/"' in sitemap
    assert "Sitemap: https://example.org/training/sitemap.xml" in (published.root / "robots.txt").read_text()


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
    assert tables >= 2 * (1 + 3 + 2 + 1 + 1)


def test_no_page_asks_another_host_for_anything_and_only_the_search_pages_run_a_script(site: Site) -> None:
    search_pages = {urls.Page("search", lang).file for lang in i18n.LANGS}
    for rel in site.html_files:
        soup = site.soup(rel)
        assert not soup.find(["iframe", "img", "object", "embed", "video", "audio"]), rel
        scripts = soup.find_all("script")
        if rel in search_pages:  # its one script, which loads Pagefind's from the site's own pagefind/
            assert [(s["type"], resolve(rel, s["src"])[0]) for s in scripts] == [("module", "assets/search.js")], rel
            continue
        # a page's one <script> may hold its data (JSON-LD, see test_opendata.py), never code
        assert len(scripts) <= 1 and all(script.attrs == {"type": "application/ld+json"} for script in scripts), rel
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
    from k12site.pages import UnsafeLinkError, safe_href

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


def test_dates_and_times_are_time_elements(site: Site) -> None:
    agenda = site.page("en", "agenda/hr/")
    spans = [t for t in agenda.find_all("time") if t.get("datetime") in ("2025-08-06", "2025-08-12")]
    assert [t.get_text() for t in spans][:2] == ["Wed 6 Aug 2025", "Tue 12 Aug 2025"]
    county = site.page("zh-tw", "counties/pingtung/")
    clocks = {t.get("datetime"): t.get_text() for t in county.select("dl.times time")}
    assert clocks["2025-08-12T08:30+08:00"] == "08:30"
    assert clocks["2025-08-12T16:00+08:00"] == "16:00"


def test_two_builds_are_byte_identical(site: Site, tmp_path: Path) -> None:
    again = build_site(REPO, tmp_path / "again", base_url="")
    assert again.files() == site.files()


def test_a_broken_data_file_leaves_the_previous_build_untouched(real: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    good = build_site(real, out).files()
    sessions = real / "data/114/sessions.yaml"
    sessions.write_text(sessions.read_text().replace("date: 2025-08-12", "date: 2025-08-32"), encoding="utf-8")
    with pytest.raises(DataError, match=r"sessions\.yaml:\d+:\d+: sessions\[4\]\.date"):
        build(real, out)
    assert Site(out).files() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.builds", ".out.lock", "out", "real"]
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
    assert i18n.zh_number(n) == zh


def test_item_markers_follow_the_depth() -> None:
    assert [i18n.item_marker(d, 2, "zh-tw") for d in range(4)] == ["二、", "(二)", "2、", "(2)"]
    assert [i18n.item_marker(d, 2, "en") for d in range(4)] == ["2.", "(2)", "(b)", "(bb)"]


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


def test_og_url_is_the_pages_own_address_when_a_base_url_is_known(real: Path, tmp_path: Path) -> None:
    built = build_site(real, tmp_path / "out", base_url="https://example.org/training/")
    for rel in ("zh-tw/114/counties/pingtung/index.html", "en/114/sessions/index.html"):
        soup = built.soup(rel)
        og_url = soup.find("meta", property="og:url")["content"]
        assert (
            og_url
            == soup.find("link", rel="canonical")["href"]
            == "https://example.org/training/" + rel.removesuffix("index.html")
        )


def test_every_page_names_icons_that_exist(site: Site) -> None:
    assert (site.root / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"  # an ICO file
    for rel in site.html_files:
        icons = site.soup(rel).find_all("link", rel="icon")
        assert {i.get("type") for i in icons} == {None, "image/svg+xml"}, rel
        for icon in icons:
            target, _ = resolve(rel, icon["href"])
            assert (site.root / target).is_file(), (rel, icon["href"])
