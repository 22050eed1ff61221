"""Each gate passes a small correct site and fails when one page of it is broken on purpose.

The fixture site follows the URL plan (a county page in both languages, its calendar, a
stylesheet); each test breaks one thing in the zh-TW county page and expects its gate to say so.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from itertools import count
from pathlib import Path

import pytest

from . import gates
from .gates import DESKTOP, PHONE, Tab, require_tool, serve

pytestmark = pytest.mark.browser

COUNTY = "zh-tw/114/counties/pingtung/"
EN_COUNTY = "en/114/counties/pingtung/"

CSS = """\
body { font-family: sans-serif; line-height: 1.5; max-width: 40rem; margin: 0 auto; padding: 0 1rem; }
.skip { position: absolute; left: -10000px; top: 0; }
.skip:focus { left: 0; background: #fff; color: #000; padding: .5rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #333; padding: .25rem; }
"""

PAGE = """\
<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="../../../../assets/site.css">
</head>
<body>
<a class="skip" href="#main">{skip}</a>
<header>
<nav aria-label="{nav}"><a href="../../../../{other}/114/counties/pingtung/" hreflang="{other_lang}" \
lang="{other_lang}">{other_name}</a></nav>
</header>
<main id="main" tabindex="-1">
<h1>{title}</h1>
<p>{intro}</p>
<table>
<caption>{title}</caption>
<tr><th scope="col">A</th><th scope="col">B</th><th scope="col">C</th><th scope="col">D</th></tr>
<tr><td>1</td><td>2</td><td>3</td><td>4</td></tr>
<tr><td>5</td><td>6</td><td>7</td><td>8</td></tr>
<tr><td>9</td><td>10</td><td>11</td><td>12</td></tr>
</table>
<p><a href="../../calendars/counties/pingtung.ics">{calendar}</a> · <a href="#main">{top}</a></p>
</main>
</body>
</html>
"""

ZH = dict(
    lang="zh-Hant-TW",
    title="屏東縣",
    skip="跳到主要內容",
    nav="語言",
    other="en",
    other_lang="en",
    other_name="English",
    intro="屏東縣的研習場次。",
    calendar="加入行事曆",
    top="回到內容開頭",
)
EN = dict(
    lang="en",
    title="Pingtung County",
    skip="Skip to main content",
    nav="Language",
    other="zh-tw",
    other_lang="zh-Hant-TW",
    other_name="中文",
    intro="Sessions for Pingtung County.",
    calendar="Add to calendar",
    top="Back to the content",
)

ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//k12site//gates fixture//EN\r\n"
    "BEGIN:VEVENT\r\nUID:district-5-hr@example.org\r\nDTSTAMP:20250721T000000Z\r\n"
    "DTSTART:20250812T003000Z\r\nDTEND:20250812T040000Z\r\nSUMMARY:Training\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


def write_site(root: Path, *, old: str = "", new: str = "", extra: dict[str, str | bytes] | None = None) -> Path:
    """The correct fixture site; ``old`` -> ``new`` breaks the zh-TW county page on purpose."""
    files: dict[str, str | bytes] = {
        "assets/site.css": CSS,
        COUNTY + "index.html": PAGE.format(**ZH),
        EN_COUNTY + "index.html": PAGE.format(**EN),
        "zh-tw/114/calendars/counties/pingtung.ics": ICS,
        "en/114/calendars/counties/pingtung.ics": ICS,
        **(extra or {}),
    }
    if old:
        page = files[COUNTY + "index.html"]
        assert old in page, f"the fixture has no {old!r} to break"
        files[COUNTY + "index.html"] = page.replace(old, new, 1)
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


@pytest.fixture
def open_site(browser, tmp_path: Path) -> Iterator:
    """Write the fixture site (broken as asked), serve it, and open a tab on it."""
    numbers = count()
    with ExitStack() as stack:

        def open_site(viewport: dict[str, int] = DESKTOP, base_url: str = "", **breakage) -> Tab:
            root = write_site(tmp_path / f"site{next(numbers)}", **breakage)
            tab = Tab(browser, stack.enter_context(serve(root)), viewport=viewport, base_url=base_url)
            stack.callback(tab.close)
            return tab

        yield open_site


@pytest.fixture
def good(open_site) -> Tab:
    return open_site()


def test_a_missing_tool_fails_under_ci_and_skips_elsewhere_with_an_install_hint(monkeypatch) -> None:
    monkeypatch.setitem(gates.TOOLS, "java", (lambda: False, "apt-get install default-jre-headless"))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="java is missing: apt-get install default-jre-headless"):
        require_tool("java")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="java is missing: apt-get install default-jre-headless"):
        require_tool("java")


# --- 1. HTML validity: one vnu run over a good copy and one broken copy per error --------------

BROKEN_HTML = {
    "no-title": (
        "<title>屏東縣</title>",
        "",
        "Element “head” is missing a required instance of child element “title”.",
    ),
    "stray-end-tag": ("<p>屏東縣的研習場次。</p>", "<p>屏東縣的研習場次。</span></p>", "Stray end tag “span”."),
    "duplicate-id": ("<h1>", '<h1 id="main">', "Duplicate ID “main”."),
}


def test_vnu_passes_a_valid_site_and_reports_each_error_with_its_page_and_line(tmp_path: Path) -> None:
    require_tool("java", "vnu.jar")
    write_site(tmp_path / "good")
    for name, (old, new, _) in BROKEN_HTML.items():
        write_site(tmp_path / name, old=old, new=new)
    errors = gates.vnu_errors(tmp_path)
    for name, (_, _, message) in BROKEN_HTML.items():
        assert [e for e in errors if e.startswith(f"{name}/{COUNTY}index.html:") and message in e], errors
    assert not [e for e in errors if not e.startswith(tuple(f"{name}/{COUNTY}" for name in BROKEN_HTML))]


# --- 2. accessibility --------------------------------------------------------------------------

GIF = "data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="
HEADERS = '<th scope="col">A</th><th scope="col">B</th><th scope="col">C</th><th scope="col">D</th>'


@pytest.mark.parametrize(
    "old, new, rule",
    [
        pytest.param("<p>屏東", '<p style="color:#aaa">屏東', "color-contrast", id="low-contrast"),
        pytest.param("<h1>", f'<img src="{GIF}"><h1>', "image-alt", id="image-without-alt"),
        pytest.param("<p>屏東", '<p><input type="text">屏東', "label", id="input-without-label"),
        pytest.param(
            HEADERS,
            HEADERS.replace("th", "td").replace(' scope="col"', ""),
            "td-has-header",
            id="table-without-headers",
        ),
        pytest.param('<html lang="zh-Hant-TW">', "<html>", "html-has-lang", id="no-page-language"),
        pytest.param(">English</a>", "></a>", "link-name", id="empty-link"),
    ],
)
def test_axe_reports_the_broken_rule(open_site, old: str, new: str, rule: str) -> None:
    require_tool("axe-core")
    violations = gates.axe_violations(open_site(old=old, new=new), COUNTY)
    assert [v for v in violations if v.startswith(f"/{COUNTY}: {rule} ")], violations


def test_axe_passes_the_good_pages_in_both_languages(good: Tab) -> None:
    require_tool("axe-core")
    assert gates.axe_violations(good, COUNTY) + gates.axe_violations(good, EN_COUNTY) == []


# --- 3. behaviour ------------------------------------------------------------------------------


def test_the_good_pages_behave(good: Tab, open_site) -> None:
    phone = open_site(viewport=PHONE)
    for path in (COUNTY, EN_COUNTY):
        assert gates.skip_link_problem(good, path) is None
        assert gates.language_switch_problem(good, path) is None
        assert gates.sideways_scroll_problem(phone, path) is None
    assert gates.print_problems(good, [COUNTY, EN_COUNTY]) == []
    seen: set[str] = set()
    assert gates.calendar_problems(good, COUNTY, seen) == []
    assert seen == {good.origin + "zh-tw/114/calendars/counties/pingtung.ics"}


@pytest.mark.parametrize(
    "old, new, expected",
    [
        pytest.param('<a class="skip" href="#main">跳到主要內容</a>', "", "the first Tab stop is <a href=", id="none"),
        pytest.param(
            'class="skip" href="#main"',
            'class="skip" href="#nav"',
            "does not move focus into <main>",
            id="wrong-target",
        ),
        pytest.param(
            'class="skip"', 'class="skip" style="left:-10000px"', "stays invisible when it has focus", id="never-shown"
        ),
    ],
)
def test_the_skip_link_gate_fails(open_site, old: str, new: str, expected: str) -> None:
    assert expected in (gates.skip_link_problem(open_site(old=old, new=new), COUNTY) or "")


@pytest.mark.parametrize(
    "old, new, expected",
    [
        pytest.param(
            'href="../../../../en/114/counties/pingtung/"',
            'href="../../../../en/114/"',
            "lands on 'en/114/', not /en/114/counties/pingtung/",
            id="lands-on-home",
        ),
        pytest.param(' hreflang="en"', "", "no language switch", id="no-hreflang"),
        pytest.param('href="../../../../en/114/counties/pingtung/"', 'href=""', "goes nowhere", id="goes-nowhere"),
    ],
)
def test_the_language_switch_gate_fails(open_site, old: str, new: str, expected: str) -> None:
    assert expected in (gates.language_switch_problem(open_site(old=old, new=new), COUNTY) or "")


@pytest.mark.parametrize(
    "new, culprit",
    [
        pytest.param('<div style="width:600px">寬</div>', "div (reaches 6", id="wide-box"),
        pytest.param(
            "<pre>https://k12ea.example.webex.com/k12ea/j.php?MTID=m0c65136ca9b63a578bdeb35da0374e</pre>",
            "pre (reaches",
            id="long-line",
        ),
    ],
)
def test_the_phone_width_gate_fails_and_names_what_is_too_wide(open_site, new: str, culprit: str) -> None:
    problem = gates.sideways_scroll_problem(open_site(viewport=PHONE, old="<p>屏東", new=new + "<p>屏東"), COUNTY) or ""
    assert problem.startswith(f"/{COUNTY}: scrolls sideways: ") and f"too wide: {culprit}" in problem, problem


WIDE_TABLE = (
    '<div style="overflow-x:auto"><table><tr><td style="min-width:700px">第一欄</td><td>寬表格的最後一欄</td></tr>'
    "</table></div>"
)


def test_the_table_gate_passes_the_good_page_at_both_widths(good: Tab, open_site) -> None:
    assert gates.hidden_table_cells(good, COUNTY) == []
    assert gates.hidden_table_cells(open_site(viewport=PHONE), COUNTY) == []


@pytest.mark.parametrize(
    "new, viewport, expected",
    [
        pytest.param(WIDE_TABLE, PHONE, 'cell "寬表格的最後一欄" reaches ', id="scrolls-on-a-phone"),
        pytest.param(
            '<div style="overflow:hidden;width:300px"><table><tr><td style="min-width:600px">x</td><td>被切掉的欄</td>'
            "</tr></table></div>",
            DESKTOP,
            'cell "被切掉的欄" reaches ',
            id="clipped-on-a-desktop",
        ),
    ],
)
def test_the_table_gate_fails_on_a_cell_behind_a_scroll_or_cut_off(
    open_site, new: str, viewport: dict, expected: str
) -> None:
    tab = open_site(viewport=viewport, old="<p>屏東", new=new + "<p>屏東")
    problems = gates.hidden_table_cells(tab, COUNTY)
    assert [p for p in problems if p.startswith(f"/{COUNTY}: table ") and expected in p], problems


def test_the_print_gate_fails_on_a_page_longer_than_a_sheet(open_site) -> None:
    tab = open_site(old="<p>屏東", new='<p style="height:1500px">屏東')
    problems = gates.print_problems(tab, [COUNTY, EN_COUNTY])
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"/{COUNTY}: is too tall for one A4 sheet: under print media it is 1")
    assert "tallest parts: p 1500 px" in problems[0]


FIXTURE_BASE = "https://example.org/site/"


def _qr(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_inline(scale=4, border=2)


@pytest.mark.parametrize(
    "new, expected",
    [
        pytest.param("", f"the printed QR codes read [], not ['{FIXTURE_BASE}{COUNTY}']", id="no-qr-code"),
        pytest.param(
            _qr(FIXTURE_BASE + EN_COUNTY),
            f"the printed QR codes read ['{FIXTURE_BASE}{EN_COUNTY}'], not ['{FIXTURE_BASE}{COUNTY}']",
            id="another-page",
        ),
        pytest.param(
            _qr(FIXTURE_BASE + COUNTY) + '<p style="break-before: page">',
            "prints on 2 A4 sheets",
            id="two-sheets",
        ),
    ],
)
def test_the_qr_gate_fails_without_one_sheet_and_a_code_of_the_pages_address(
    open_site, new: str, expected: str
) -> None:
    require_tool("pdf-and-qr")
    tab = open_site(old="<p>屏東", new=new + "<p>屏東")
    problems = gates.printed_qr_problems(tab, [COUNTY], FIXTURE_BASE)
    assert [p for p in problems if p == f"/{COUNTY}: {expected}"], problems


def test_the_qr_gate_passes_a_page_with_the_code_of_its_address(open_site) -> None:
    require_tool("pdf-and-qr")
    tab = open_site(old="<p>屏東", new=_qr(FIXTURE_BASE + COUNTY) + "<p>屏東")
    assert gates.printed_qr_problems(tab, [COUNTY], FIXTURE_BASE) == []


def test_the_print_gate_fails_on_a_page_break_that_height_alone_does_not_show(open_site) -> None:
    tab = open_site(old="<table>", new='<table style="break-before: page">')
    problems = gates.print_problems(tab, [COUNTY, EN_COUNTY])
    assert [p for p in problems if p.startswith(f"/{COUNTY}: prints on 2 A4 sheets (page breaks?)")], problems


@pytest.mark.parametrize(
    "ics, expected",
    [
        pytest.param(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
            ["VCALENDAR has no PRODID", "has no VEVENT"],
            id="empty",
        ),
        pytest.param(ICS.replace("UID:district-5-hr@example.org\r\n", ""), ["a VEVENT has no UID"], id="no-uid"),
        pytest.param(
            ICS.replace("DTSTART:", "DTSTART;TZID=Asia/Taipei:").replace("T003000Z", "T083000"),
            ["DTSTART uses TZID=Asia/Taipei but the file has no VTIMEZONE"],
            id="no-vtimezone",
        ),
        pytest.param("<!DOCTYPE html><title>Not found</title>", ["does not parse"], id="not-a-calendar"),
    ],
)
def test_the_calendar_gate_fails_on_a_bad_calendar(open_site, ics: str, expected: list[str]) -> None:
    tab = open_site(extra={"zh-tw/114/calendars/counties/pingtung.ics": ics})
    problems = gates.calendar_problems(tab, COUNTY, set())
    for text in expected:
        assert [p for p in problems if text in p], problems


def test_every_linked_calendar_is_parsed_from_disk(tmp_path: Path) -> None:
    empty = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    root = write_site(tmp_path, extra={"en/114/calendars/counties/pingtung.ics": empty})
    assert gates.linked_calendar_problems(root) == [
        "en/114/calendars/counties/pingtung.ics: VCALENDAR has no VERSION",
        "en/114/calendars/counties/pingtung.ics: VCALENDAR has no PRODID",
        "en/114/calendars/counties/pingtung.ics: has no VEVENT",
    ]


def test_the_calendar_gate_fails_when_a_link_leads_nowhere(open_site) -> None:
    tab = open_site(old="counties/pingtung.ics", new="counties/pintung.ics")
    problems = gates.calendar_problems(tab, COUNTY, set())
    assert problems == [f"/{COUNTY}: ../../calendars/counties/pintung.ics: the server answers 404"]


@pytest.mark.parametrize(
    "calendar, expected",
    [
        pytest.param("pingtung.ics", [], id="good"),
        pytest.param("pintung.ics", ["the server answers 404"], id="missing"),
    ],
)
def test_the_calendar_gate_follows_a_subscription_link_to_its_calendar(open_site, calendar, expected) -> None:
    link = f'<a href="webcal://example.org/site/zh-tw/114/calendars/counties/{calendar}">訂閱</a> · <a href="#main">'
    tab = open_site(base_url="https://example.org/site/", old='<a href="#main">', new=link)
    problems = gates.calendar_problems(tab, COUNTY, set())
    assert [p.rsplit(": ", 1)[1] for p in problems] == expected, problems


def test_the_calendar_gate_fails_when_a_link_downloads_nothing(open_site) -> None:
    tab = open_site(old='pingtung.ics"', new='pingtung.ics" onclick="return false"')
    problems = gates.calendar_problems(tab, COUNTY, set())
    assert [p for p in problems if "did not download a file" in p], problems


# --- 4. links ----------------------------------------------------------------------------------

EN_LINK = 'href="../../../../en/114/counties/pingtung/"'


@pytest.mark.parametrize(
    "old, new, expected",
    [
        pytest.param(
            "counties/pingtung.ics",
            "counties/pintung.ics",
            "no such file: zh-tw/114/calendars/counties/pintung.ics",
            id="missing-file",
        ),
        pytest.param('href="#main">回到', 'href="#top">回到', f'{COUNTY}index.html has no id="top"', id="missing-id"),
        pytest.param(
            EN_LINK,
            EN_LINK.replace('/"', '/#sessions"'),
            f'{EN_COUNTY}index.html has no id="sessions"',
            id="missing-id-on-other-page",
        ),
        pytest.param(
            'href="../../../../assets/site.css"', 'href="/assets/site.css"', "not relative", id="root-relative"
        ),
        pytest.param(
            EN_LINK,
            EN_LINK.replace("../../../../", "../../../../../"),
            "points outside the site",
            id="outside-the-site",
        ),
        pytest.param('href="#main">回到', 'href="#">回到', "an empty link goes nowhere", id="bare-hash"),
    ],
)
def test_the_link_gate_fails(tmp_path: Path, old: str, new: str, expected: str) -> None:
    problems = gates.link_problems(write_site(tmp_path, old=old, new=new))
    assert [p for p in problems if p.startswith(f"{COUNTY}index.html: <") and expected in p], problems


def test_the_link_gate_passes_the_good_site_and_checks_urls_in_css(tmp_path: Path) -> None:
    root = write_site(tmp_path)
    assert gates.link_problems(root) == []
    (root / "assets" / "site.css").write_text(CSS + "body { background: url(bg.png); }\n", encoding="utf-8")
    assert gates.link_problems(root) == ["assets/site.css: url(bg.png): no such file: assets/bg.png"]


# --- 5. weight ---------------------------------------------------------------------------------


def test_the_weight_gate_passes_the_good_page(good: Tab) -> None:
    weight = gates.page_weight(good, COUNTY)
    assert weight.problems() == []
    assert set(weight.sizes) == {good.origin + COUNTY, good.origin + "assets/site.css"}
    assert weight.total == len(PAGE.format(**ZH).encode()) + len(CSS.encode())


@pytest.mark.parametrize(
    "old, new, extra, expected",
    [
        pytest.param(
            "<h1>",
            '<img src="../../../../assets/photo.jpg" alt="照片"><h1>',
            {"assets/photo.jpg": bytes(60_000)},
            "over the budget of 51,200: photo.jpg 60,000",
            id="heavy",
        ),
        pytest.param(
            "</head>",
            '<script src="https://cdn.example.invalid/analytics.js"></script></head>',
            {},
            "request to another host than 127.0.0.1: https://cdn.example.invalid/analytics.js",
            id="foreign",
        ),
        pytest.param(
            "<h1>", '<img src="../../../../assets/gone.png" alt="照片"><h1>', {}, "failed request: 404 ", id="missing"
        ),
        pytest.param(
            "</head>", '<script>console.error("broken")</script></head>', {}, "console error: broken", id="console"
        ),
        pytest.param(
            "</head>", "<script>undefinedFunction()</script></head>", {}, "console error: ", id="script-error"
        ),
    ],
)
def test_the_weight_gate_fails(open_site, old: str, new: str, extra: dict, expected: str) -> None:
    problems = gates.page_weight(open_site(old=old, new=new, extra=extra), COUNTY).problems()
    assert [p for p in problems if expected in p], problems


# --- 6. screenshots ----------------------------------------------------------------------------


def test_screenshots_are_phone_and_desktop_sized(good: Tab, tmp_path: Path) -> None:
    shots = gates.save_screenshots(good, COUNTY, "pingtung.zh-tw", tmp_path / "shots")
    sizes = {shot.name: gates.png_size(shot) for shot in shots}
    assert sizes["pingtung.zh-tw.360x800.png"] == (360, 800)
    assert sizes["pingtung.zh-tw.1280x900.png"] == (1280, 900)
    assert sizes["pingtung.zh-tw.360x800.full.png"][0] == 360
    assert sizes["pingtung.zh-tw.1280x900.full.png"][0] == 1280
