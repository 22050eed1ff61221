"""The seed project (tests/fixtures/seed, frozen) holds the seed's facts (Pingtung County's letter
and the process description), and the site built from it shows them.

The site tests (test_site.py, test_calendars.py) derive what they expect from whatever project
they build, the live data among them; the seed's own counts, names and words are pinned here, on
the frozen transcription, and never on the live data that maintainers change.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import Projects
from helpers import text
from icalendar import Calendar
from seed import REPO, SEED

from k12site import dates, i18n
from k12site.loader import load_project
from k12site.project import Year, part_times


@pytest.fixture(scope="module")
def year() -> Year:
    return load_project(SEED).years[0]


DISTRICTS = {
    1: (
        ["new-taipei", "taoyuan", "hsinchu-county", "hsinchu-city"],
        788,
        "2515 928 8798",
        "k12ea0806",
        ["2025-08-06", "2025-08-13", "2025-08-20"],
        "morning",
    ),
    2: (
        ["taichung", "yilan", "taitung", "hualien"],
        732,
        "2513 932 7005",
        "k12ea0807",
        ["2025-08-07", "2025-08-14", "2025-08-20"],
        "afternoon",
    ),
    3: (
        ["taipei", "keelung", "miaoli", "changhua", "penghu"],
        753,
        "2510 910 4190",
        "k12ea0808",
        ["2025-08-08", "2025-08-15", "2025-08-21"],
        "morning",
    ),
    4: (
        ["kaohsiung", "chiayi-county", "chiayi-city", "yunlin"],
        768,
        "2515 591 5005",
        "k12ea0811",
        ["2025-08-11", "2025-08-18", "2025-08-21"],
        "afternoon",
    ),
    5: (
        ["tainan", "nantou", "kinmen", "lienchiang", "pingtung"],
        748,
        "2512 280 5303",
        "k12ea0812",
        ["2025-08-12", "2025-08-19", "2025-08-22"],
        "morning",
    ),
}


def test_the_real_data_passes_check_and_strict_with_a_base_url() -> None:
    project = load_project(SEED, base_url="https://example.github.io/repo/", strict=True)
    assert [y.number for y in project.years] == [114]


def test_22_counties_with_official_english_names(year: Year) -> None:
    assert len(year.counties) == 22
    names = {c.slug: (c.name.zh, c.name.en) for c in year.counties}
    assert names["pingtung"] == ("屏東縣", "Pingtung County")
    assert names["hsinchu-city"] == ("新竹市", "Hsinchu City")
    assert names["hsinchu-county"] == ("新竹縣", "Hsinchu County")
    assert names["chiayi-city"] == ("嘉義市", "Chiayi City")
    assert names["lienchiang"][0] == "連江縣"


@pytest.mark.parametrize("number", sorted(DISTRICTS))
def test_each_district_has_the_seeds_counties_schools_meeting_and_dates(year: Year, number: int) -> None:
    counties, schools, meeting, password, days, funding_period = DISTRICTS[number]
    district = year.district(number)
    assert district.counties == counties
    assert district.schools == schools
    assert district.webex.meeting_number == meeting
    assert district.webex.password == password
    assert district.webex.url.startswith("https://okeais.webex.com/okeais-tc/j.php?MTID=m")
    sessions = year.district_sessions(district)
    assert [s.track for s in sessions] == ["hr", "student", "funding"]
    assert [s.date.isoformat() for s in sessions] == days
    assert [s.period for s in sessions] == ["full_day", "full_day", funding_period]


def test_every_county_is_in_exactly_one_district_and_totals_are_derived(year: Year) -> None:
    listed = [slug for d in year.districts for slug in d.counties]
    assert sorted(listed) == sorted(c.slug for c in load_project(SEED).counties)  # every county of counties.yaml
    assert year.counties == load_project(SEED).counties
    assert year.total_schools == 788 + 732 + 753 + 768 + 748
    assert year.district_of("pingtung").number == 5
    assert year.district(5).notes == [], "Pingtung's priority note is its letter's, not the district's"
    priority = year.notice("pingtung").instructions.priority
    assert priority.item == 4 and "優先參與" in priority.text.zh and "preferably attend" in priority.text.en


def test_15_sessions_on_the_seeds_dates_with_the_seeds_weekdays(year: Year) -> None:
    assert len(year.sessions) == 15
    as_written = {  # the table of the process description, e.g. 8/6(三)
        "8/6(三)",
        "8/13(三)",
        "8/20(三)",
        "8/7(四)",
        "8/14(四)",
        "8/8(五)",
        "8/15(五)",
        "8/21(四)",
        "8/11(一)",
        "8/18(一)",
        "8/12(二)",
        "8/19(二)",
        "8/22(五)",
    }
    derived = {dates.short_date(s.date, "zh-tw").replace("（", "(").replace("）", ")") for s in year.sessions}
    assert derived == as_written
    assert dates.long_date(dt.date(2025, 8, 12), "zh-tw") == "114年8月12日（二）"
    assert dates.long_date(dt.date(2025, 8, 12), "en") == "Tue 12 Aug 2025"


def test_tracks_parts_and_times(year: Year) -> None:
    hr, student, funding = (year.track(slug) for slug in ("hr", "student", "funding"))
    assert [(p.slug, part_times(p)) for p in hr.parts] == [
        ("morning", ("08:30", "09:00", "12:00")),
        ("afternoon", ("13:00", "13:30", "16:00")),
    ]
    assert [(p.slug, part_times(p)) for p in student.parts] == [("day", ("09:00", "09:30", "15:00"))]
    assert [(p.slug, part_times(p)) for p in funding.parts] == [
        ("morning", ("09:00", "09:30", "12:00")),
        ("afternoon", ("13:00", "13:30", "16:00")),
    ]
    assert (hr.window.start, hr.window.end) == (dt.date(2025, 8, 6), dt.date(2025, 8, 12))
    assert (student.window.start, student.window.end) == (dt.date(2025, 8, 13), dt.date(2025, 8, 19))
    assert (funding.window.start, funding.window.end) == (dt.date(2025, 8, 20), dt.date(2025, 8, 22))


def test_process_windows_and_joining_facts(year: Year) -> None:
    assert (year.process.online_window.start, year.process.online_window.end) == (
        dt.date(2025, 8, 6),
        dt.date(2025, 8, 22),
    )
    window = year.process.onsite_application_window
    assert (window.start, window.end) == (dt.date(2025, 8, 25), dt.date(2025, 9, 26))
    assert year.joining.capacity == 1000 and year.joining.software == "Webex"
    assert year.joining.display_name.example.zh.format(county="屏東縣") == "屏東縣○○國中註冊組長王○○"
    assert len(year.joining.audio_check) == 3


def test_onsite_checklist_and_agenda(year: Year) -> None:
    assert [c.slug for c in year.onsite.checklist] == ["first-binding", "sign-in", "aa-account"]
    text = " ".join(o.zh for c in year.onsite.checklist for o in c.options) + year.onsite.checklist[2].bring.zh
    for thing in ("OTP", "自然人憑證", "健保卡", "讀卡機", "XCA 憑證"):
        assert thing in text
    assert [(s.start, s.end) for s in year.onsite.slots] == [("08:30", "09:00"), ("09:00", "16:00"), ("16:00", None)]
    assert len(year.onsite.slots[1].items) == 14


def test_the_pingtung_notice(year: Year) -> None:
    notice = year.notices["pingtung"]
    assert notice.reference == "屏府教管字第1145124742號"
    assert notice.date == dt.date(2025, 7, 21)
    assert notice.contact.phone == "08-7320415#3613"
    assert notice.contact.email == "a002664@oa.pthg.gov.tw"
    assert len(notice.items) == 9
    assert [len(i.items) for i in notice.items[3].items] == [3, 3, 0]
    assert notice.attachments[0].file == "376530000A114512474200-1.pdf"
    assert len(notice.copies) == 2


def test_pingtungs_own_instructions_are_its_letters(year: Year) -> None:
    """Registration, leave and hours are in the letter (說明五、七), not in the process description."""
    notice = year.notices["pingtung"]
    rules = notice.instructions
    assert "全國教師在職進修資訊網" in notice.items[4].text.zh and rules.registration.item == 5
    assert "同意核予參加人員公假登記" in notice.items[6].text.zh and rules.leave.item == 7
    assert "公假登記" in rules.leave.text.zh
    assert rules.hours.item == 5
    # 8月12日上午場 3 小時、下午場 3 小時、8月19日 5 小時、8月22日 3 小時: the sessions of district 5
    hours = [
        (year.session(row.district, row.track).date.isoformat(), year.part(row.track, row.part).period, row.hours)
        for row in rules.hours.sessions
    ]
    assert hours == [
        ("2025-08-12", "morning", 3),
        ("2025-08-12", "afternoon", 3),
        ("2025-08-19", "full_day", 5),
        ("2025-08-22", "morning", 3),
    ]
    # sign in through the Registration System (the attachment), assessment, special education school, advisory team
    assert [(rule.item, rule.attachment) for rule in rules.other] == [
        (None, "sign-in-through-the-registration-system"),
        (7, None),
        (3, None),
        (8, None),
    ]


def test_the_plan_holds_no_countys_registration_leave_or_hours() -> None:
    """year.yaml and tracks.yaml are the national plan's: nothing there is one county's letter."""
    for name in ("year.yaml", "tracks.yaml"):
        lines = (SEED / "data/114" / name).read_text(encoding="utf-8").splitlines()
        data = "\n".join(line for line in lines if not line.lstrip().startswith("#"))  # comments say where they went
        for fact in ("全國教師在職進修資訊網", "公假", "研習時數", "hours:", "registration:", "leave:"):
            assert fact not in data, (name, fact)


# --- quoted as written --------------------------------------------------------------------------

SOURCE = REPO / "tests/sources/pingtung-1145124742.txt"  # the letter and its attachment, as text


def squeezed(text: str) -> str:
    """Text without tags of the source's table cells and without white space, which the
    source's conversion to text puts where lines and cells break."""
    return re.sub(r"\s+", "", re.sub(r"<[^>]*>", "", text))


def quoted_texts(notice) -> list[str]:
    """The Chinese of every text the notice page quotes: the letter, then its attachment."""
    found = [notice.sender.zh, notice.address.zh, notice.contact.name.zh, notice.addressee.zh, notice.reference]
    found += [notice.priority.zh, notice.subject.zh, *(r.zh for r in notice.recipients), *(c.zh for c in notice.copies)]

    def items(points, markers: bool) -> None:
        for point in points:
            text = point.text.zh if point.text else ""
            found.append((point.marker or "") + text if markers else text)
            items(point.items, markers)
            table = getattr(point, "table", None)
            for row in table.rows if table else []:
                for cell in row.cells:
                    items(cell, markers)

    items(notice.items, markers=False)  # the letter's markers are derived: 一、 (一) 1、
    for attachment in notice.attachments:
        found += [attachment.label.zh, attachment.file]
        if attachment.text:
            found += [line.zh for line in attachment.text.heading]
            items(attachment.text.passages, markers=True)  # an attachment's markers are its own
    return [text for text in found if text]


def test_the_letter_and_its_attachment_are_quoted_as_written(year: Year) -> None:
    source = squeezed(SOURCE.read_text(encoding="utf-8"))
    texts = quoted_texts(year.notices["pingtung"])
    assert len(texts) > 200
    missing = [text for text in texts if squeezed(text) not in source]
    assert missing == []
    attachment = year.notices["pingtung"].attachments[0].text
    assert "「屏東縣+校名+職稱+姓名」(例：屏東縣○○國中註冊組長王○○)" in attachment.passages[1].items[1].items[1].text.zh


# --- the seed as the site shows it ----------------------------------------------------------------

LANGS = ("zh-tw", "en")


class Built:
    """The real site as built for the site tests (once a session), read page by page."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def page(self, lang: str, rest: str = "") -> BeautifulSoup:
        return BeautifulSoup((self.root / f"{lang}/114/{rest}index.html").read_bytes(), "html.parser")


@pytest.fixture(scope="module")
def site(projects: Projects) -> Built:
    return Built(projects.site("seed"))


SEED_PAGES = [
    "index.html",
    "404.html",
    "zh-tw/index.html",
    "zh-tw/114/index.html",
    "zh-tw/114/counties/pingtung/index.html",
    "zh-tw/114/notice/pingtung/index.html",
    "zh-tw/114/sessions/index.html",
    "zh-tw/114/agenda/hr/index.html",
    "zh-tw/114/agenda/student/index.html",
    "zh-tw/114/agenda/funding/index.html",
    "zh-tw/114/onsite/index.html",
    "zh-tw/114/process/index.html",
]


def test_the_seed_builds_112_pages_and_92_calendars_with_pingtungs_letter(site: Built) -> None:
    html = {p.relative_to(site.root).as_posix() for p in site.root.rglob("*.html")}
    for rel in SEED_PAGES:
        assert rel in html and rel.replace("zh-tw/", "en/") in html, rel
    # the root and 404 pages; per language its front and search pages, and in 114 its home,
    # sessions, process, on-site and changes pages, 3 agendas, 22 counties, 22 county offices'
    # pages and Pingtung's letter
    assert len(html) == 2 + 2 * (2 + 5 + 3 + 22 + 22 + 1) == 112
    calendars = [p for p in site.root.rglob("*.ics")]
    assert len(calendars) == 2 * (1 + 22 + 3 + 5 + 15) == 92  # all, counties, tracks, districts, sessions
    assert (site.root / "zh-tw/114/calendars/counties/pingtung.ics").is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_pingtungs_page_shows_district_5_its_hr_day_and_its_letter(site: Built, lang: str) -> None:
    soup = site.page(lang, "counties/pingtung/")
    page = text(soup)
    assert "k12ea0812" in page and "2512 280 5303" in page
    assert [t["datetime"] for t in soup.select("#sessions h3 time")] == ["2025-08-12", "2025-08-19", "2025-08-22"]
    hr_day = soup.select_one("#sessions section.session").select("ul.parts > li")
    assert [[t["datetime"][11:16] for t in li.select("dd time")] for li in hr_day] == [
        ["08:30", "09:00", "12:00"],
        ["13:00", "13:30", "16:00"],
    ]
    assert len(soup.select('a[href^="https://calendar.google.com/"]')) == 4  # 2 + 1 + 1 parts
    note = {"zh-tw": "請屏東縣學校優先參與本區（第 5 區）的場次", "en": "Pingtung County schools should preferably"}
    (box,) = soup.select("#sessions .priority")
    assert note[lang] in text(box) and box.find("a", href="../../notice/pingtung/#item-4")
    hours = [text(li) for li in soup.select("section#letter ul.session-hours li")]
    assert (
        hours
        == {
            "zh-tw": [
                "8/12（二） 人力網：上午場 3 小時、下午場 3 小時",
                "8/19（二） 學生網：全天 5 小時",
                "8/22（五） 人力網經費系統：上午場 3 小時",
            ],
            "en": [
                "Tue 12 Aug , HR Network: Morning session 3 hours, Afternoon session 3 hours",
                "Tue 19 Aug , Student Network: All day 5 hours",
                "Fri 22 Aug , HR Network Funding System: Morning session 3 hours",
            ],
        }[lang]
    )
    letter = {a["href"] for a in soup.select("section#letter a[href]")}
    assert {"../../notice/pingtung/#item-5", "../../notice/pingtung/#item-7"} <= letter


@pytest.mark.parametrize("lang", LANGS)
def test_no_other_county_shows_pingtungs_registration_leave_or_hours(site: Built, lang: str) -> None:
    words = ("全國教師在職進修資訊網", "Teacher In-Service", "公假登記", "granted official leave", "小時", " hours:")
    for county in load_project(SEED).years[0].counties:
        if county.slug != "pingtung":
            page = site.page(lang, f"counties/{county.slug}/")
            assert not [word for word in words if word in text(page)], county.slug
            assert not page.select(".priority"), county.slug  # Tainan shares the district, not the priority
    assert "Pingtung County schools are asked to preferably attend these sessions" in text(
        site.page("en", "notice/pingtung/")
    )
    # the priority note of the attachment's table is Pingtung's: the plan's pages never show it
    for rest in ("", "sessions/", "process/", "onsite/", "agenda/hr/", "agenda/student/", "agenda/funding/"):
        page = text(site.page(lang, rest))
        assert "優先參與" not in page and "preferably attend" not in page, rest


PINGTUNG_CONTACT = ("李宛璇", "Li Wan-hsuan", "08-7320415#3613", "7320415", "a002664@oa.pthg.gov.tw")


def test_pingtungs_contact_is_in_the_footer_of_pingtungs_pages_and_nowhere_else(site: Built) -> None:
    zh_name, en_name, phone, digits, email = PINGTUNG_CONTACT
    for lang, name in (("zh-tw", zh_name), ("en", en_name)):
        for rest in ("counties/pingtung/", "notice/pingtung/"):
            footer = site.page(lang, rest).select_one("footer.site-footer p.county-contact")
            assert name in text(footer) and phone in text(footer), (lang, rest)
            assert {a["href"] for a in footer.find_all("a")} == {"tel:+886-8-7320415;ext=3613", f"mailto:{email}"}
        for rest in ("counties/tainan/", "counties/taipei/", "sessions/", ""):  # Tainan shares its district
            raw = (site.root / f"{lang}/114/{rest}index.html").read_text(encoding="utf-8")
            assert not [fact for fact in (zh_name, en_name, digits, email) if fact in raw], (lang, rest)
            assert "county-contact" not in raw, (lang, rest)


def test_the_route_for_scheduling_is_the_process_descriptions_sentence(year: Year) -> None:
    """The footer's and config.yml's route is the sentence of the plan, as the source writes it."""
    organizer = year.info.organizer
    sentence = (
        "另開放縣市申請辦理實體簡報場、駐點實機場，若縣市有個別辦理實體簡報場、駐點實機場之需求，請洽詢系統安排場次。"
    )
    assert organizer.scheduling.zh == sentence
    assert sentence in year.process.method.zh and sentence in squeezed(SOURCE.read_text(encoding="utf-8"))
    for term in ("in-person briefing session", "on-site hands-on session", "system team"):  # the glossary's
        assert term in organizer.scheduling.en


@pytest.mark.parametrize(
    "lang, day, minutes",
    [("zh-tw", "114年8月12日（二）", ("90 分鐘", "150 分鐘")), ("en", "Tue 12 Aug 2025", ("90 min", "150 min"))],
)
def test_the_seeds_sessions_agenda_onsite_and_process_pages(site: Built, lang: str, day: str, minutes) -> None:
    rows = site.page(lang, "sessions/").select("table.sessions tbody tr")
    assert len(rows) == 5 and not site.page(lang, "sessions/").select(".priority"), "the plan's page: no letter's note"
    assert rows[4].find("time", datetime="2025-08-12").get_text() == day
    agenda = site.page(lang, "agenda/hr/")
    first, second = agenda.select("table.agenda")
    assert minutes[0] in text(first) and minutes[1] in text(second)
    assert len(agenda.select('table.track-sessions a[href$=".ics"]')) == 5  # one calendar for each of 5 days
    onsite = site.page(lang, "onsite/")
    assert len(onsite.select('input[type="checkbox"]')) == 3 and len(onsite.select("table.agenda td li")) == 14
    assert [t["datetime"] for t in onsite.select("#apply ~ p time")] == ["2025-08-25", "2025-09-26"]
    process = site.page(lang, "process/")
    assert [t["datetime"] for t in process.select("#method ~ ol time")] == [
        "2025-08-06",
        "2025-08-22",
        "2025-08-25",
        "2025-09-26",
    ]
    assert [text(m) for m in process.select("#purposes + ol > li > .marker")] == (
        ["(一)", "(二)"] if lang == "zh-tw" else ["(1)", "(2)"]
    )
    assert ("總計 5 場次" if lang == "zh-tw" else "5 sessions in all") in text(process)
    home = site.page(lang)
    assert len(home.select(".districts section.district")) == 5 and len(home.select(".county-list a")) == 22


def test_the_seeds_english_names_the_systems_and_team_as_the_glossary_does(site: Built, year: Year) -> None:
    assert year.info.systems["sis"].short.en == "Registration System"
    assert "the Registration System" in text(site.page("en", "onsite/").select_one("table.agenda"))
    agenda = text(site.page("en", "agenda/hr/"))
    assert "System Management Team" in agenda and "Wed 6 Aug 2025" in agenda


@pytest.mark.parametrize("lang", LANGS)
def test_pingtungs_attachment_is_quoted_as_written(site: Built, year: Year, lang: str) -> None:
    soup = site.page(lang, "notice/pingtung/")
    section = soup.select_one("section#attachment-1")
    figures = section.select("figure.quotation")
    assert len(figures) == 2  # cut where the site leaves the district table out
    display = section.select_one("#point-display-name")
    assert display.find_parent("blockquote") is not None
    if lang == "zh-tw":
        zh_line = "請學校承辦人加入線上會議時輸入「屏東縣+校名+職稱+姓名」(例：屏東縣○○國中註冊組長王○○)"
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
    assert figures[0].find_next_sibling("p") is note and note.a["href"] == "../../sessions/"
    assert len(section.select("table.quoted-table")) == 4
    signin = year.notices["pingtung"].instructions.other[0].attachment
    county = site.page(lang, "counties/pingtung/").select_one("section#letter")
    assert county.find("a", href=f"../../notice/pingtung/#point-{signin}")


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
def test_pingtungs_letter_keeps_its_form_and_numbering(site: Built, lang: str, markers) -> None:
    soup = site.page(lang, "notice/pingtung/")
    fields = {text(div.dt): text(div.dd) for div in soup.select("dl.letter-fields > div")}
    ui = i18n.strings(lang)
    assert fields[ui["f_reference"]] == "屏府教管字第1145124742號"
    assert fields[ui["f_date"]] == ("中華民國114年7月21日" if lang == "zh-tw" else "21 Jul 2025")
    assert fields[ui["f_phone"]] == "08-7320415#3613" and fields[ui["f_email"]] == "a002664@oa.pthg.gov.tw"
    assert soup.select_one('a[href^="tel:"]')["href"] == "tel:+886-8-7320415;ext=3613"
    details = soup.select_one("#details + ol")
    assert [text(m) for m in details.select(":scope > li > .marker")] == markers[0]
    fourth = details.select(":scope > li")[3]
    assert [text(m) for m in fourth.select(":scope > ol > li > .marker")] == markers[1]
    assert [text(m) for m in fourth.select(":scope > ol > li")[0].select(":scope > ol > li > .marker")] == markers[2]


# --- the seed's calendars -------------------------------------------------------------------------

UTC8 = dt.timezone(dt.timedelta(hours=8))
# The seed's agenda, typed from the process description rather than derived by the code under
# test: track -> part -> (sign-in opens, sign-out) in Taipei time; then each session's date.
SEED_PARTS = {
    "hr": {"morning": ("08:30", "12:00"), "afternoon": ("13:00", "16:00")},
    "student": {"day": ("09:00", "15:00")},
    "funding": {"morning": ("09:00", "12:00"), "afternoon": ("13:00", "16:00")},
}
SEED_SESSIONS = [
    (1, "hr", "2025-08-06", "full_day"),
    (2, "hr", "2025-08-07", "full_day"),
    (3, "hr", "2025-08-08", "full_day"),
    (4, "hr", "2025-08-11", "full_day"),
    (5, "hr", "2025-08-12", "full_day"),
    (1, "student", "2025-08-13", "full_day"),
    (2, "student", "2025-08-14", "full_day"),
    (3, "student", "2025-08-15", "full_day"),
    (4, "student", "2025-08-18", "full_day"),
    (5, "student", "2025-08-19", "full_day"),
    (1, "funding", "2025-08-20", "morning"),
    (2, "funding", "2025-08-20", "afternoon"),
    (3, "funding", "2025-08-21", "morning"),
    (4, "funding", "2025-08-21", "afternoon"),
    (5, "funding", "2025-08-22", "morning"),
]


def _utc(day: str, clock: str) -> str:
    local = dt.datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=UTC8)
    return local.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def seed_events() -> dict[str, tuple[str, str]]:
    """UID -> (start, end) as UTC instants, for every event of the seed."""
    expected = {}
    for district, track, day, period in SEED_SESSIONS:
        for part, (start, end) in SEED_PARTS[track].items():
            if period in ("full_day", part):
                uid = f"114-district-{district}-{track}-{part}@k12-sis-training"
                expected[uid] = (_utc(day, start), _utc(day, end))
    return expected


def instants(site: Built, rel: str) -> dict[str, tuple[str, str]]:
    calendar = Calendar.from_ical((site.root / rel).read_bytes())
    utc = lambda moment: moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")  # noqa: E731
    return {str(event.uid): (utc(event.start), utc(event.end)) for event in calendar.events}


def test_the_seeds_calendars_hold_its_15_sessions_at_the_process_descriptions_times(site: Built) -> None:
    seed = seed_events()
    of_district = lambda n: {uid: seed[uid] for uid in seed if f"-district-{n}-" in uid}  # noqa: E731
    for lang in LANGS:
        assert instants(site, f"{lang}/114/calendars/all.ics") == seed
        assert instants(site, f"{lang}/114/calendars/counties/pingtung.ics") == of_district(5)
        assert instants(site, f"{lang}/114/calendars/counties/hsinchu-city.ics") == of_district(1)
        assert instants(site, f"{lang}/114/calendars/districts/district-3.ics") == of_district(3)
        assert set(instants(site, f"{lang}/114/calendars/tracks/funding.ics")) == {u for u in seed if "-funding-" in u}
        assert set(instants(site, f"{lang}/114/calendars/sessions/district-2-student.ics")) == {
            "114-district-2-student-day@k12-sis-training"
        }


def test_the_hr_day_of_district_5_is_two_events_named_as_the_seed_names_them(site: Built) -> None:
    body = (site.root / "zh-tw/114/calendars/sessions/district-5-hr.ics").read_bytes()
    events = {str(e.uid): e for e in Calendar.from_ical(body).events}
    morning = events["114-district-5-hr-morning@k12-sis-training"]
    afternoon = events["114-district-5-hr-afternoon@k12-sis-training"]
    assert (morning.start.time(), morning.end.time()) == (dt.time(8, 30), dt.time(12, 0))
    assert (afternoon.start.time(), afternoon.end.time()) == (dt.time(13, 0), dt.time(16, 0))
    assert str(morning["SUMMARY"]) == "人力網教育訓練・上午場（第5區）"
    assert str(afternoon["SUMMARY"]) == "人力網教育訓練・下午場（第5區）"
    assert "08:30 開放進入並簽到，09:00 開始上課" in str(morning["DESCRIPTION"])
    assert "13:00 開放進入並簽到，13:30 開始上課" in str(afternoon["DESCRIPTION"])
    assert str(morning["LOCATION"]).startswith("https://okeais.webex.com/okeais-tc/j.php?MTID=m")
    county = Calendar.from_ical((site.root / "zh-tw/114/calendars/counties/pingtung.ics").read_bytes())
    assert county["X-WR-CALNAME"] == "114學年度學籍系統教育訓練：屏東縣"
