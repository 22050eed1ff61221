"""The quality gates over a fresh build of the live site, every page in both languages.

One browser for all the gates and one tab per test, walked over every page; each test collects
every problem before it fails, so one run lists all that needs fixing.
"""

from __future__ import annotations

import pytest

from k12site.urls import Page

from . import gates
from .gates import ARTIFACTS, REPO, fail_on, require_tool

pytestmark = pytest.mark.browser

# The slowest gates walk the pages in two shares (every other page), so that test workers on two
# cores take one each; every page is still walked once by each gate.
SHARES = 2
share = pytest.mark.parametrize("share", range(SHARES), ids=[f"{i + 1}-of-{SHARES}" for i in range(SHARES)])


def shared(pages: list[str], share: int) -> list[str]:
    return pages[share::SHARES]


def test_the_site_has_every_page_in_both_languages(site) -> None:
    zh = {p for p in site.language_pages if p.startswith("zh-tw/")}
    en = {p for p in site.language_pages if p.startswith("en/")}
    assert site.county("zh-tw", site.featured) in zh
    assert site.county("en", site.featured) in site.county_pages
    assert {gates.counterpart(p) for p in zh} == en


def test_every_page_is_valid_html(site) -> None:
    require_tool("java", "vnu.jar")
    fail_on(gates.vnu_errors(site.root), "errors from the Nu HTML Checker")


@share
def test_every_page_has_no_axe_violations_of_wcag_2_1_a_and_aa(site, tab, share: int) -> None:
    require_tool("axe-core")
    fail_on([v for path in shared(site.pages, share) for v in gates.axe_violations(tab, path)], "axe-core violations")


@share
def test_the_skip_link_moves_focus_to_the_main_content(site, tab, share: int) -> None:
    problems = [p for path in shared(site.pages, share) if (p := gates.skip_link_problem(tab, path))]
    fail_on(problems, "skip-link problems")


@share
def test_the_language_switch_lands_on_the_counterpart_page(site, tab, share: int) -> None:
    pages = shared(site.language_pages, share)
    problems = [p for path in pages if (p := gates.language_switch_problem(tab, path))]
    fail_on(problems, "language-switch problems")


def test_no_page_scrolls_sideways_on_a_360_px_phone(site, phone_tab) -> None:
    fail_on(
        [p for path in site.pages if (p := gates.sideways_scroll_problem(phone_tab, path))],
        "pages wider than a 360 px phone",
    )


def test_every_table_cell_is_visible_on_a_360_px_phone(site, phone_tab) -> None:
    problems = [p for path in site.pages for p in gates.hidden_table_cells(phone_tab, path)]
    fail_on(problems, "table cells hidden on a 360 px phone")


def test_no_table_is_cut_off_on_a_1280_px_screen(site, tab) -> None:
    problems = [p for path in site.pages for p in gates.hidden_table_cells(tab, path)]
    fail_on(problems, "table cells cut off at 1280 px")


def test_every_county_page_prints_on_one_a4_sheet(site, tab) -> None:
    assert site.county_pages
    fail_on(gates.print_problems(tab, site.county_pages), "county pages that do not print on one A4 sheet")


@share
def test_every_county_page_prints_on_one_a4_sheet_whose_qr_code_reads_its_address(site, tab, share: int) -> None:
    require_tool("pdf-and-qr")
    problems = gates.printed_qr_problems(tab, shared(site.county_pages, share), site.base_url)
    fail_on(problems, "printed county pages without one sheet and a QR code of their address")


def test_the_calendar_links_download_calendars_that_parse(site, tab) -> None:
    # Clicked in the browser on one county's page in both languages; every other linked file is parsed from disk.
    seen: set[str] = set()
    county = [site.county(lang, site.featured) for lang in ("zh-tw", "en")]
    problems = [p for path in county for p in gates.calendar_problems(tab, path, seen)]
    own = f"/counties/{site.featured}.ics"
    assert [url for url in seen if url.endswith(own)], f"{site.featured}'s pages link no calendar: {seen}"
    fail_on(problems + gates.linked_calendar_problems(site.root), "calendar problems")


def test_every_internal_link_and_fragment_resolves(site) -> None:
    fail_on(gates.link_problems(site.root), "broken internal links")


def test_every_page_stays_within_the_weight_budget_and_on_this_host_without_errors(site, tab) -> None:
    # Browsers ask every site for /favicon.ico, whatever the page says: it must be there.
    assert tab.context.request.get(site.origin + "favicon.ico").status == 200
    weights = [gates.page_weight(tab, path) for path in site.pages]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "weights.tsv").write_text(
        "bytes\tpage\n" + "".join(f"{w.total}\t/{w.path}\n" for w in sorted(weights, key=lambda w: -w.total)),
        encoding="utf-8",
    )
    fail_on([p for w in weights for p in w.problems(gates.weight_budget(w.path))], "weight problems")


@pytest.mark.parametrize("lang", ["zh-tw", "en"])
def test_screenshots_of_home_and_a_county_are_saved_for_people_to_look_at(site, tab, lang: str) -> None:
    county = site.county(lang, site.featured)
    pages = {
        f"home.{lang}": f"{lang}/{site.year}/",
        f"sessions.{lang}": f"{lang}/{site.year}/sessions/",
        f"{site.featured}.{lang}": county,
    }
    for name, path in pages.items():
        for shot in gates.save_screenshots(tab, path, name, ARTIFACTS):
            assert gates.png_size(shot)[0] in (gates.PHONE["width"], gates.DESKTOP["width"])
    pdf = tab.open(county).pdf(format="A4", margin=gates.A4_MARGINS)  # the sheet a county attaches to a letter
    (ARTIFACTS / f"{site.featured}.{lang}.print.pdf").write_bytes(pdf)
    assert gates.pdf_page_count(pdf) == 1


# Where the join details and the display-name rule sit on a phone, measured in the browser.
SCROLL_JS = """
(format) => {
  const top = el => el ? Math.round(el.getBoundingClientRect().top + window.scrollY) : null;
  const main = document.querySelector('main');
  const shown = [...main.querySelectorAll('dl.webex')].find(el => el.offsetParent !== null);
  const rule = [...main.querySelectorAll('p')].find(p => p.offsetParent !== null && p.textContent.includes(format));
  const letter = main.querySelector('#letter');
  return {join: top(shown), name_rule: top(rule), letter: top(letter),
          header: Math.round(document.querySelector('header').getBoundingClientRect().height)};
}
"""


def test_county_page_screenshots_before_and_on_the_day_show_how_to_join_early(browser, tmp_path) -> None:
    """Phone screenshots of a county page the day before its district's first session and on that day,
    both languages, with the scroll distance to the join details and the display-name rule
    (tests/artifacts/scroll.tsv): on the day they are in the first box; before it, above any letter."""
    import datetime as dt

    from k12site.builder import build
    from k12site.loader import load_project

    year = load_project(REPO).latest
    county = next((c for c in year.counties if year.notice(c.slug)), year.counties[0])
    first = min(s.date for s in year.district_sessions(year.district_of(county.slug)))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    rows = ["when\tlang\tjoin_px\tname_rule_px\tletter_px\theader_px\n"]
    for when, day in (("before", first - dt.timedelta(days=1)), ("on-the-day", first)):
        root = tmp_path / when
        build(REPO, root, today=day)
        with gates.serve(root) as origin:
            tab = gates.Tab(browser, origin, viewport=gates.PHONE)
            for lang in ("zh-tw", "en"):
                page = tab.open(Page("county", lang, year.number, county.slug).dir)
                page.screenshot(path=str(ARTIFACTS / f"county-{when}.{lang}.360x800.png"))
                page.screenshot(path=str(ARTIFACTS / f"county-{when}.{lang}.360x800.full.png"), full_page=True)
                rule = year.joining.display_name.format[lang].replace("{county}", county.name.zh)
                at = page.evaluate(SCROLL_JS, rule)
                rows.append(f"{when}\t{lang}\t{at['join']}\t{at['name_rule']}\t{at['letter']}\t{at['header']}\n")
                assert at["join"] is not None and at["name_rule"] is not None, (when, lang)
                if at["letter"] is not None:
                    assert at["join"] < at["letter"] and at["name_rule"] < at["letter"], (when, lang, at)
                if when == "on-the-day":
                    box = page.locator("#today")
                    bottom = box.evaluate("el => el.getBoundingClientRect().bottom + window.scrollY")
                    assert at["join"] < bottom and at["name_rule"] < bottom, "both in the day's box"
            tab.close()
    (ARTIFACTS / "scroll.tsv").write_text("".join(rows), encoding="utf-8")
