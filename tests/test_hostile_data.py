"""Hostile and unlucky data: data is data, `check --strict` catches what `build` would hit,
and options are checked before any work. Each case asserts the exact located message or the
safe outcome (no payload in the output, the old site byte-identical)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import errors
from icalendar import Calendar
from seed import copy_seed_project

from k12site.cli import main

REPO = Path(__file__).resolve().parent.parent


def replace(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def with_templates(root: Path) -> Path:
    shutil.copytree(REPO / "templates", root / "templates", dirs_exist_ok=True)
    return root


def site_bytes(root: Path) -> dict[str, bytes]:
    site = root / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


# --- data is data -------------------------------------------------------------------------------


def test_an_unknown_placeholder_in_the_display_name_is_a_located_error(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace(tiny, "data/114/joining.yaml", '"{county}+校名', '"{county.__class__.__mro__}{county}+校名')
    replace(tiny, "data/114/joining.yaml", 'en: "county + school', 'en: "{name} county + school')
    code, lines = errors(["check", "--strict", "--root", str(tiny)], capsys)
    assert code == 1
    assert lines[:2] == [
        "data/114/joining.yaml:5:16: display_name.format.zh: unknown placeholder {county.__class__.__mro__}; "
        "the only one allowed here is {county}",
        "data/114/joining.yaml:5:67: display_name.format.en: unknown placeholder {name}; "
        "the only one allowed here is {county}",
    ]


def test_braces_in_data_are_only_text(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A stray brace, or a format spec, passes check and builds, and is shown as written."""
    with_templates(tiny)
    replace(
        tiny, "data/counties.yaml", "{zh: 甲縣, en: Alpha County}", '{zh: "甲縣{", en: "Alpha {0} {county} County"}'
    )
    replace(tiny, "data/114/joining.yaml", "rule: {zh: 輸入不全不予核准", 'rule: {zh: "輸入不全{不予核准"')
    assert errors(["check", "--strict", "--root", str(tiny)], capsys)[0] == 0
    assert errors(["build", "--strict", "--root", str(tiny)], capsys)[0] == 0
    county = (tiny / "site/en/114/counties/alpha/index.html").read_text(encoding="utf-8")
    assert "Alpha {0} {county} County" in county
    assert "甲縣{○○國中註冊組長王○○" in county  # the example filled with the county's own name
    assert "輸入不全{不予核准" in (tiny / "site/zh-tw/114/counties/alpha/index.html").read_text(encoding="utf-8")


def test_every_calendar_text_is_escaped_by_the_library(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with_templates(tiny)
    name = "Alpha; County, \\\\ X-INJECTED:1"
    replace(tiny, "data/counties.yaml", "en: Alpha County}", f'en: "{name}"}}')
    assert errors(["build", "--root", str(tiny)], capsys)[0] == 0
    raw = (tiny / "site/en/114/calendars/counties/alpha.ics").read_bytes()
    assert b"\r\nX-INJECTED" not in raw
    calendar = Calendar.from_ical(raw)
    written = name.replace("\\\\", "\\")
    assert str(calendar["NAME"]).endswith(written)
    assert str(calendar["X-WR-CALNAME"]).endswith(written)
    assert "X-INJECTED" not in calendar


# --- check catches what build would hit -----------------------------------------------------------

ONSITE = '  - {county: alpha, kind: hands_on, date: DATE, start: "09:00", end: "16:00", venue: {zh: 禮堂, en: Hall}}\n'


def add_onsite(root: Path, date: str) -> None:
    path = root / "data/114/onsite.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "sessions:\n" + ONSITE.replace("DATE", date), encoding="utf-8")
    # the session's own calendars are new URLs: record them, as `build.py urls --record` would
    calendars = "".join(
        f"  - {lang}/114/calendars/sessions/onsite-alpha-{date}-hands-on.ics\n" for lang in ("en", "zh-tw")
    )
    replace(root, "data/urls.yaml", "moved: {}\n", calendars + "moved: {}\n")


def test_an_onsite_session_outside_the_onsite_window_is_an_error(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_onsite(tiny, "2025-10-01")
    code, lines = errors(["check", "--root", str(tiny)], capsys)
    assert code == 1
    assert lines[0] == (
        "data/114/onsite.yaml:14:43: sessions[0].date: 2025-10-01 is outside the on-site window "
        "2025-08-25..2025-09-26 in process.yaml"
    )


def test_an_onsite_session_on_a_weekend_is_a_warning_unless_meant(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_onsite(tiny, "2025-09-06")
    code, lines = errors(["check", "--strict", "--root", str(tiny)], capsys)
    assert code == 1
    assert lines[0] == (
        "data/114/onsite.yaml:14:43: sessions[0].date: 2025-09-06 falls on a weekend; "
        "if that is meant, add 'on_weekend: true' (--strict)"
    )
    replace(tiny, "data/114/onsite.yaml", "date: 2025-09-06,", "date: 2025-09-06, on_weekend: true,")
    assert errors(["check", "--strict", "--root", str(tiny)], capsys)[0] == 0


@pytest.mark.parametrize("name", ["0114", "114a", "١١٤", "notes"])
def test_a_folder_in_data_that_is_not_three_ascii_digits_is_an_error(
    tiny: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    (tiny / "data" / name).mkdir()
    code, lines = errors(["check", "--root", str(tiny)], capsys)
    assert code == 1
    assert lines[0] == (
        f"data/{name}:1:1: (folder): is not an academic year folder: name it with the year's three digits, "
        "e.g. data/114/"
    )


@pytest.mark.parametrize(
    ("rel", "old", "new", "message"),
    [
        (
            "data/114/year.yaml",
            "published: 2025-07-21T00:00:00Z",
            "published: 0001-01-01T00:00:00+08:00",
            "data/114/year.yaml:12:12: published: 0001-01-01T00:00:00+08:00 is not a plausible time "
            "(years 1912 to 9998)",
        ),
        (
            "data/114/sessions.yaml",
            "period: full_day}",
            "period: full_day, sequence: 1, updated: 9999-12-31T23:59:59-12:00}",
            "data/114/sessions.yaml:2:88: sessions[0].updated: 9999-12-31T23:59:59-12:00 is not a plausible time "
            "(years 1912 to 9998)",
        ),
        (
            "data/114/process.yaml",
            "online_window: {start: 2025-08-06, end: 2025-08-22}",
            "online_window: {start: 0001-01-01, end: 9999-12-31}",
            "data/114/process.yaml:6:24: online_window.start: 0001-01-01 is far from academic year 114 "
            "(2025-2026); is the year mistyped?",
        ),
    ],
    ids=["published", "updated", "window"],
)
def test_a_date_or_time_that_would_overflow_is_an_error_not_a_traceback(
    tiny: Path, capsys: pytest.CaptureFixture[str], rel: str, old: str, new: str, message: str
) -> None:
    replace(tiny, rel, old, new)
    code, lines = errors(["check", "--root", str(tiny)], capsys)
    assert code == 1
    assert lines[0] == message


# --- options are checked first ------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A copy of the seed project built once, and its site's bytes: each refused value must leave them."""
    root = copy_seed_project(tmp_path_factory.mktemp("base-url") / "seed")
    assert main(["build", "--root", str(root)]) == 0
    return root, site_bytes(root)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "javascript://%0aalert(document.domain)%0a//x",
            "is not an absolute https:// URL (http:// only for localhost)",
        ),
        ("http://example.org/", "is not an absolute https:// URL (http:// only for localhost)"),
        ("https://example.org/a b/", "holds spaces, quotes or other characters a link cannot carry"),
        ('https://example.org/"onmouseover=x/', "holds spaces, quotes or other characters a link cannot carry"),
        ("https://user@example.org/", "must be a plain https://host/path/ address"),
        ("https://example.org/?q=1/", "must be a plain https://host/path/ address"),
        ("https://example.org/site", "must end in '/'"),
        ("/relative/", "is not an absolute https:// URL"),
    ],
)
def test_a_bad_base_url_is_refused_before_any_work(
    built_seed: tuple[Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str], url: str, message: str
) -> None:
    root, before = built_seed
    with pytest.raises(SystemExit) as exited:
        main(["build", "--root", str(root), "--base-url", url])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"--base-url: {url!r} " in err and message in err
    assert site_bytes(root) == before


@pytest.mark.parametrize("url", ["https://example.org/", "https://example.github.io/repo/", "http://localhost:8000/"])
def test_a_good_base_url_is_accepted(tiny: Path, capsys: pytest.CaptureFixture[str], url: str) -> None:
    assert errors(["check", "--strict", "--root", str(tiny), "--base-url", url], capsys)[0] == 0


def test_a_bad_base_url_in_site_yaml_is_an_error(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace(tiny, "data/site.yaml", '"https://example.org/site/"', '"javascript://x/"')
    code, lines = errors(["check", "--root", str(tiny)], capsys)
    assert code == 1
    assert lines[0] == (
        "data/site.yaml:3:11: base_url: 'javascript://x/' is not an absolute https:// URL (http:// only for localhost)"
    )


def test_a_message_quotes_at_most_the_first_line_of_a_long_value(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long = "x" * 500
    replace(tiny, "data/114/districts.yaml", "schools: 10", "schools: |\n      " + long + "\n      secret second line")
    code, lines = errors(["check", "--root", str(tiny)], capsys)
    assert code == 1
    assert lines[0] == f"data/114/districts.yaml:4:14: districts[0].schools: '{'x' * 80}…' is not a whole number"
    assert "secret" not in "\n".join(lines)
