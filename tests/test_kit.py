"""The county offices' page (counties/<county>/letter/): what to cite, the QR code as files, a ready
說明 and a DI draft of the forwarding letter, for every county of every year, in both languages.

The site tests run on the live data and on the project of another shape, and hold each page to the
data (never to the seed's values); the DI drafts are read back with the letter importer's reader
and their element order checked with lxml.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from helpers import cli, edit, soup, text
from lxml import etree
from PIL import Image

from k12site import dates, di, i18n, urls
from k12site.kit import Kit
from k12site.loader import load_project
from k12site.project import Year
from k12site.urls import Page

BASE = "https://example.org/k12/"


@pytest.fixture(scope="module")
def built(projects, shape: str):
    return projects.project(shape), projects.site(shape, BASE)


def counties(project) -> list[tuple[Year, object]]:
    return [(year, county) for year in project.years for county in year.counties]


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_county_has_its_offices_page_linked_from_the_end_of_its_page(built, lang: str) -> None:
    project, site = built
    t = i18n.strings(lang)
    for year, county in counties(project):
        page = Page("letter", lang, year.number, county.slug)
        assert (site / page.file).is_file(), page.file
        county_page = soup(site, Page("county", lang, year.number, county.slug).file)
        (link,) = [a for a in county_page.select("main a") if a.get("href") == "letter/"]
        assert text(link) == t.kit_link
        # in the related links at the page's end, not its first screen
        assert link.find_parent("ul") is county_page.select_one("h2#more").find_next_sibling("ul")


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_addresses_to_cite_are_written_out_in_full_and_lead_to_the_sites_files(built, lang: str) -> None:
    project, site = built
    for year, county in counties(project):
        page = soup(site, Page("letter", lang, year.number, county.slug).file)
        shown = [text(span) for span in page.select("dl.kit-addresses .url")]
        expected = [
            BASE + Page("county", "zh-tw", year.number, county.slug).dir,
            BASE + Page("county", "en", year.number, county.slug).dir,
            BASE + urls.calendar(lang, year.number, "county", county.slug),
        ]
        assert shown == expected
        for address in shown:
            assert (site / urls.url_file(address.removeprefix(BASE))).is_file(), address
        # each can be selected as text; a copy button (hidden until the script finds a clipboard) may copy it
        buttons = page.select("button.copy[data-copy]")
        assert all(button.has_attr("hidden") and page.find(id=button["data-copy"]) for button in buttons)
        assert page.select_one("script[src$='assets/copy.js']")
        # not for readers looking for their session: out of the search index (its 說明 repeats the sessions)
        assert not page.select("[data-pagefind-body]")


def test_the_qr_code_files_read_the_county_pages_address_as_the_printed_page_does(built) -> None:
    project, site = built
    for year, county in counties(project)[:3]:  # decoding is slow; the files are made by one function
        for lang in i18n.LANGS:
            address = BASE + Page("county", lang, year.number, county.slug).dir
            png = site / urls.kit_file(lang, year.number, county.slug, "qr_png")
            (found,) = zxingcpp.read_barcodes(Image.open(png))
            assert found.text == address
            svg = etree.fromstring((site / urls.kit_file(lang, year.number, county.slug, "qr_svg")).read_bytes())
            assert svg.tag == "{http://www.w3.org/2000/svg}svg"
            # the printed county page carries the same code (the same text, the same error correction)
            county_page = soup(site, Page("county", lang, year.number, county.slug).file)
            assert county_page.select_one(".print-only svg.qr") is not None
            assert text(county_page.select_one(".print-only .url")) == address
            page = soup(site, Page("letter", lang, year.number, county.slug).file)
            links = {a["href"] for a in page.select("a[download]")}
            assert {
                urls.kit_file(lang, year.number, county.slug, kind).rsplit("/", 1)[1] for kind in urls.KIT_FILES
            } == links


def test_the_paragraph_gives_the_district_its_sessions_and_the_pages_address(built) -> None:
    project, site = built
    for year, county in counties(project):
        district = year.district_of(county.slug)
        for lang in i18n.LANGS:
            page = soup(site, Page("letter", lang, year.number, county.slug).file)
            block = page.select_one("#kit-paragraph")
            assert block["lang"] == "zh-Hant-TW"  # in Chinese on the English page too
            words = text(block)
            assert words.startswith("說明：")
            assert f"第{district.number}區" in words
            for session in year.district_sessions(district):
                line = f"{year.track(session.track).name.zh}：{dates.plain_date(session.date, 'zh-tw')}"
                assert line in words, line
            assert words.endswith(BASE + Page("county", "zh-tw", year.number, county.slug).dir)
            cited = year.info.plan_letter
            if cited is not None:
                assert cited.reference in words and dates.plain_date(cited.date, "zh-tw") in words
                assert year.info.organizer.name.zh in words
            # the English page says, in English, that the paragraph and the draft are in Chinese only
            if lang == "en":
                assert i18n.strings("en").kit_paragraph_intro in text(page)
                assert "in Chinese only" in i18n.strings("en").kit_draft_intro


def test_each_draft_reads_back_with_the_letter_importer_to_the_same_facts(built) -> None:
    project, site = built
    for year, county in counties(project):
        kit = Kit(year, county, BASE)
        for lang in i18n.LANGS:
            raw = (site / urls.kit_file(lang, year.number, county.slug, "di")).read_bytes()
            assert raw == kit.draft()
            letter = di.read_di(raw, "draft.di")
            assert letter.subject == kit.letter.subject
            assert year.info.title.zh in letter.subject and year.info.organizer.name.zh in letter.subject
            assert _points(letter.items) == _points(kit.letter.items)
            notice = year.notice(county.slug)
            assert letter.sender == (notice.sender.zh if notice else None)
            # left for the office's document system
            assert letter.date is None and letter.reference is None and letter.addressee is None
            assert letter.recipients == [] and letter.copies == [] and letter.unplaced == []


def _points(points) -> list:
    return [(p.marker, p.text, _points(p.items)) for p in points]


def test_each_draft_holds_the_formats_elements_in_its_order_and_no_entity(built) -> None:
    project, site = built
    for year, county in counties(project):
        path = site / urls.kit_file("zh-tw", year.number, county.slug, "di")
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True))
        root = tree.getroot()
        assert root.tag == "函"
        tags = [child.tag for child in root if isinstance(child.tag, str)]
        assert tags == list(di.ORDER)
        assert tree.docinfo.system_url == di.DTD and tree.docinfo.encoding.lower() == "utf-8"
        assert list(tree.docinfo.internalDTD.iterentities()) == []  # nothing that points outside the file
        comments = [node for node in root if isinstance(node, etree._Comment)]
        assert comments and "草稿" in comments[0].text  # marked as a draft
        assert root.find("段落").get("段名") == "說明："


def test_the_kits_files_are_published_urls_the_ledger_records(built) -> None:
    project, _ = built
    recorded = set(project.ledger.model.urls)
    for year, county in counties(project):
        for lang in i18n.LANGS:
            assert Page("letter", lang, year.number, county.slug).dir in recorded
            for kind in urls.KIT_FILES:
                path = urls.kit_file(lang, year.number, county.slug, kind)
                assert urls.published_url(path) == path and path in recorded


# --- on the seed: the Administration's letter, held once ----------------------------------------------


def test_the_administrations_letter_is_cited_from_the_years_data_alone(
    seed_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    year = load_project(seed_project).years[0]
    before = Kit(year, year.county("taitung"), "").letter.items[0].text
    assert before == "依據教育部國民及學前教育署114年7月4日臺教國署國字第1145503078A號函辦理。"
    edit(
        seed_project / "data/114/year.yaml",
        "reference: 臺教國署國字第1145503078A號",
        "reference: 臺教國署國字第1149999999號",
    )
    year = load_project(seed_project).years[0]
    for county in year.counties:  # every county's draft, from the one value
        assert Kit(year, county, "").letter.items[0].text.endswith("臺教國署國字第1149999999號函辦理。")


def test_without_the_administrations_letter_the_draft_leaves_the_citation_to_the_office(seed_project: Path) -> None:
    path = seed_project / "data/114/year.yaml"
    text_ = path.read_text(encoding="utf-8")
    path.write_text(text_[: text_.index("plan_letter:")], encoding="utf-8")
    year = load_project(seed_project).years[0]
    kit = Kit(year, year.county("pingtung"), "")
    first, last = kit.letter.items[0], kit.letter.items[-1]
    assert first.marker == "一、" and first.text.startswith("本縣屬第") and "說明二網頁" in first.text
    assert last.marker == "二、" and last.text.endswith("/zh-tw/114/counties/pingtung/")
    assert kit.to_fill[0] == "說明：依據之來文"


def test_pingtungs_paragraph_as_the_seed_gives_it(seed_project: Path) -> None:
    year = load_project(seed_project).years[0]
    kit = Kit(year, year.county("pingtung"), BASE)
    assert [line for _, line in kit.paragraph] == [
        "說明：",
        "一、依據教育部國民及學前教育署114年7月4日臺教國署國字第1145503078A號函辦理。",
        "二、本縣屬第5區，線上簡報場如下（Webex 會議連結、會議號碼及密碼請見說明三網頁）：",
        "(一)人力網：114年8月12日（二）上午場 08:30開放簽到，09:00至12:00；下午場 13:00開放簽到，13:30至16:00。",
        "(二)學生網：114年8月19日（二）全天 09:00開放簽到，09:30至15:00。",
        "(三)人力網經費系統：114年8月22日（五）上午場 09:00開放簽到，09:30至12:00。",
        "三、各場次議程、Webex 會議連結及密碼、應攜帶設備及最新異動，請參閱本研習網站屏東縣頁面："
        "https://example.org/k12/zh-tw/114/counties/pingtung/",
    ]
    assert kit.letter.sender == "屏東縣政府" and "發文機關" not in kit.to_fill
    assert Kit(year, year.county("taipei"), BASE).to_fill[0] == "發文機關"  # no letter of Taipei's: no name


def test_without_the_sites_address_the_page_says_so_and_gives_paths(projects) -> None:
    site = projects.site("seed")
    page = soup(site, "en/114/counties/taitung/letter/index.html")
    assert i18n.strings("en").kit_no_base_url in text(page)
    shown = [text(span) for span in page.select("dl.kit-addresses .url")]
    assert shown[:2] == ["/zh-tw/114/counties/taitung/", "/en/114/counties/taitung/"]


def test_last_years_letter_left_in_a_new_year_is_a_warning(
    seed_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = seed_project / "data/114/year.yaml"
    edit(path, "  date: 2025-07-04\n", "  date: 2023-07-04\n")
    line = path.read_text(encoding="utf-8").splitlines().index("  date: 2023-07-04") + 1
    code, _, err = cli(["check", "--root", str(seed_project)], capsys)
    assert code == 0
    assert err.splitlines()[0] == (
        f"data/114/year.yaml:{line}:9: warning: plan_letter.date: 2023-07-04 is of ROC year 112, not of academic "
        "year 114: is it last year's letter? Give the organizer's letter for this year, or delete plan_letter "
        "until it is out"
    )


def test_what_the_office_fills_in_is_what_the_draft_leaves_empty(built) -> None:
    project, _ = built
    named = {"聯絡方式": "承辦人及聯絡方式"}  # the page's name for an element
    optional = {"密等及解密條件或保密期限", "附件"}  # a forwarding letter may have neither
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
    for year, county in counties(project)[:4]:
        kit = Kit(year, county, BASE)
        root = etree.fromstring(kit.draft(), parser)
        elements = [child for child in root if isinstance(child.tag, str) and child.tag not in optional]
        empty = {named.get(e.tag, e.tag) for e in elements if not "".join(e.itertext()).strip() and not e.attrib}
        if not root.findtext("發文機關/機關代碼"):
            empty.add("機關代碼")
        if root.findtext("發文機關/全銜"):
            empty.discard("發文機關")
        assert empty == set(kit.to_fill) - {"說明：依據之來文"}, county.slug
