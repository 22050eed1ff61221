"""Hostile and careless input, second round (issue 24): a plausible typo never publishes a wrong
fact, no file is silently ignored, the open data never attacks its readers, and no command ends
in a traceback or a hang. Each case breaks the tiny project (tests/tiny.py) and asserts the exact
located message, or the safe outcome."""

from __future__ import annotations

import asyncio
import csv
import errno
import io
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from helpers import cli
from tornado.websocket import websocket_connect

from k12site import output, schema
from k12site.cli import main
from k12site.serve import QuietLiveReload

WEBEX_URL = "url: https://example.webex.com/j.php?MTID=one"
NOT_PUBLISHED = "is a file the build does not read, so nothing of it is published; "
ONE_LINE_INVISIBLE = "an invisible character that changes what the text says or how it can be typed back; delete it"
NOT_DIGITS = "is not a whole number written in digits (no point, sign, space or exponent)"
NOT_AN_INSTANT = "is not a date and time with its time zone, written like 2025-07-28T09:00:00+08:00"
NOT_A_LINK = "is not an https:// link; a link holds no spaces, quotes, angle brackets or backslashes"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    code, out, err = cli(args, capsys)
    return code, err.strip().splitlines(), out


def edit(root: Path, rel: str, old: str | None, new: str) -> None:
    path = root / rel
    if old is None:
        path.write_text(new, encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- a plausible edit that would publish a wrong fact is a located error ------------------------

WRONG_FACTS = [
    pytest.param(
        "data/114/changes.yaml",
        None,
        "changes:\n  - date: 20250728\n    text: {zh: 改期, en: Moved}\n",
        f"data/114/changes.yaml:2:11: changes[0].date: '20250728' {NOT_AN_INSTANT}",
        id="change-date-as-digits",
    ),
    pytest.param(
        "data/114/sessions.yaml",
        "date: 2025-08-06, period: full_day}",
        "date: 2025-08-06, period: full_day, sequence: 1, updated: 20250806}",
        f"data/114/sessions.yaml:2:88: sessions[0].updated: '20250806' {NOT_AN_INSTANT}",
        id="updated-as-digits",
    ),
    pytest.param(
        "data/114/year.yaml",
        "published: 2025-07-21T00:00:00Z",
        "published: 2025-07-21",
        f"data/114/year.yaml:12:12: published: '2025-07-21' {NOT_AN_INSTANT}",
        id="published-as-a-date",
    ),
    pytest.param(
        "data/114/year.yaml",
        "published: 2025-07-21T00:00:00Z",
        "published: 2025-07-21T09:00:00",
        "data/114/year.yaml:12:12: published: give the time zone, e.g. 2025-07-21T09:00:00+08:00 for Taipei time",
        id="published-without-time-zone",
    ),
    pytest.param(
        "data/114/notices/alpha.yaml",
        "date: 2025-07-21",
        "date: 20250721",
        "data/114/notices/alpha.yaml:8:7: date: '20250721' is not a date written YYYY-MM-DD, such as 2025-08-12",
        id="date-as-digits",
    ),
    pytest.param(
        "data/114/notices/alpha.yaml",
        "date: 2025-07-21",
        "date: 2025-07-21T00:00",
        "data/114/notices/alpha.yaml:8:7: date: '2025-07-21T00:00' is not a date written YYYY-MM-DD, "
        "such as 2025-08-12",
        id="date-with-a-time",
    ),
    pytest.param(
        "data/114/joining.yaml",
        "capacity: 1000",
        "capacity: 1.000",
        f"data/114/joining.yaml:2:11: capacity: '1.000' {NOT_DIGITS}",
        id="count-with-a-point",
    ),
    pytest.param(
        "data/114/joining.yaml",
        "capacity: 1000",
        "capacity: 1e3",
        f"data/114/joining.yaml:2:11: capacity: '1e3' {NOT_DIGITS}",
        id="count-with-an-exponent",
    ),
    pytest.param(
        "data/114/joining.yaml",
        "capacity: 1000",
        "capacity: 1_000",
        f"data/114/joining.yaml:2:11: capacity: '1_000' {NOT_DIGITS}",
        id="count-with-an-underscore",
    ),
    pytest.param(
        "data/114/districts.yaml",
        "schools: 10",
        "schools: +10",
        f"data/114/districts.yaml:4:14: districts[0].schools: '+10' {NOT_DIGITS}",
        id="count-with-a-sign",
    ),
    pytest.param(
        "data/114/districts.yaml",
        "password: pass0806",
        'password: "pass\u202e0806"',
        "data/114/districts.yaml:8:17: districts[0].webex.password: holds U+202E RIGHT-TO-LEFT OVERRIDE "
        f"at character 5, {ONE_LINE_INVISIBLE}",
        id="right-to-left-override",
    ),
    pytest.param(
        "data/114/districts.yaml",
        "password: pass0806",
        'password: "pass\u200b0806"',
        "data/114/districts.yaml:8:17: districts[0].webex.password: holds U+200B ZERO WIDTH SPACE "
        f"at character 5, {ONE_LINE_INVISIBLE}",
        id="zero-width-space",
    ),
    pytest.param(
        "data/114/districts.yaml",
        "password: pass0806",
        'password: "pass0806\u00a0"',
        "data/114/districts.yaml:8:17: districts[0].webex.password: ends with a space (U+00A0 NO-BREAK SPACE); "
        "delete it: a copied space makes the text differ from what readers type",
        id="trailing-no-break-space",
    ),
    pytest.param(
        "data/114/districts.yaml",
        "password: pass0806",
        "password: pass 0806",
        "data/114/districts.yaml:8:17: districts[0].webex.password: 'pass 0806' is not a meeting password: "
        "letters, digits and the symbols of a keyboard, without spaces",
        id="password-with-a-space",
    ),
    pytest.param(
        "data/counties.yaml",
        "{zh: 甲縣, en: Alpha County}",
        '{zh: 甲縣, en: "Alpha\ufeffCounty"}',
        "data/counties.yaml:3:24: counties[0].name.en: holds U+FEFF ZERO WIDTH NO-BREAK SPACE at character 6, "
        f"{ONE_LINE_INVISIBLE}",
        id="byte-order-mark-in-a-name",
    ),
    pytest.param(
        "data/counties.yaml",
        "{zh: 甲縣, en: Alpha County}",
        '{zh: " 甲縣", en: Alpha County}',
        "data/counties.yaml:3:16: counties[0].name.zh: starts with a space (U+0020 SPACE); "
        "delete it: a copied space makes the text differ from what readers type",
        id="leading-space",
    ),
    pytest.param(
        "data/114/districts.yaml",
        WEBEX_URL,
        "url: https://okeais.webex.com@evil.example/j.php",
        "data/114/districts.yaml:6:12: districts[0].webex.url: 'https://okeais.webex.com@evil.example/j.php' "
        "is not an https:// link; a link names no user before its host (the host is what follows '@')",
        id="link-with-a-user-part",
    ),
    pytest.param(
        "data/114/districts.yaml",
        WEBEX_URL,
        "url: https://evil.example/j.php",
        "data/114/districts.yaml:6:12: districts[0].webex.url: 'https://evil.example/j.php' is not a Webex "
        "meeting link: its host 'evil.example' is not webex.com or under it",
        id="meeting-link-on-another-host",
    ),
    pytest.param(
        "data/114/year.yaml",
        "scheduling:",
        "website: 'https://example.org/\"onmouseover=x', scheduling:",
        f"data/114/year.yaml:5:12: organizer.website: 'https://example.org/\"onmouseover=x' {NOT_A_LINK}",
        id="link-with-a-quote",
    ),
    pytest.param(
        "data/114/year.yaml",
        "scheduling:",
        "website: https://example.org/<script>, scheduling:",
        f"data/114/year.yaml:5:12: organizer.website: 'https://example.org/<script>' {NOT_A_LINK}",
        id="link-with-angle-brackets",
    ),
    pytest.param(
        "data/114/notices/alpha.yaml",
        "email: someone@example.org",
        "email: someone@example.org?cc=evil@example.org",
        "data/114/notices/alpha.yaml:6:10: contact.email: 'someone@example.org?cc=evil@example.org' "
        "is not an e-mail address",
        id="email-with-cc",
    ),
    pytest.param(
        "data/114/notices/alpha.yaml",
        "email: someone@example.org",
        "email: someone%0A@example.org",
        "data/114/notices/alpha.yaml:6:10: contact.email: 'someone%0A@example.org' is not an e-mail address",
        id="email-with-an-encoded-line-break",
    ),
    pytest.param(
        "data/114/notices/alpha.yaml",
        "email: someone@example.org",
        "email: '\"someone\"@example.org'",
        "data/114/notices/alpha.yaml:6:10: contact.email: '\"someone\"@example.org' is not an e-mail address",
        id="email-with-quotes",
    ),
    pytest.param(
        "data/114/notices/alpha.yaml",
        "reference: 甲府教字第1號",
        "reference: !!binary 5rC0",
        "data/114/notices/alpha.yaml:9:12: reference: the YAML tag !!binary is not supported; "
        "write the value as plain text, without a tag",
        id="binary-tag",
    ),
    pytest.param(
        "data/114/notices/alpha.yaml",
        "reference: 甲府教字第1號",
        "reference: !custom x",
        "data/114/notices/alpha.yaml:9:12: reference: the YAML tag !custom is not supported; "
        "write the value as plain text, without a tag",
        id="custom-tag",
    ),
    pytest.param(
        "data/114/notices/alpha.yaml",
        "priority: {zh: 普通件, en: normal}",
        "priority: !!map {zh: 普通件, en: normal}",
        "data/114/notices/alpha.yaml:10:11: priority: the YAML tag !!map is not supported; "
        "write the value as plain text, without a tag",
        id="tag-on-a-mapping",
    ),
]


@pytest.mark.parametrize(("rel", "old", "new", "expected"), WRONG_FACTS)
def test_a_plausible_edit_that_would_publish_a_wrong_fact_is_a_located_error(
    tiny: Path, capsys: pytest.CaptureFixture[str], rel: str, old: str | None, new: str, expected: str
) -> None:
    edit(tiny, rel, old, new)
    for verb in (["check", "--strict"], ["build"]):
        code, lines, _ = run([*verb, "--root", str(tiny)], capsys)
        assert (code, lines) == (1, [expected, "1 problem found; nothing was written."])
    assert not (tiny / "site").exists()


def test_the_shapes_still_take_what_the_data_holds(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An offset other than Z, a Webex host's own subdomain and a plus in an e-mail address are fine."""
    edit(tiny, "data/114/year.yaml", "published: 2025-07-21T00:00:00Z", "published: 2025-07-21T08:00:00+08:00")
    edit(tiny, "data/114/districts.yaml", WEBEX_URL, "url: https://k12.webex.com/k12/j.php?MTID=m1")
    edit(tiny, "data/114/notices/alpha.yaml", "email: someone@example.org", "email: some.one+k12@mail.example.org")
    assert run(["check", "--strict", "--root", str(tiny)], capsys)[0] == 0


# --- no file is silently ignored ---------------------------------------------------------------


def test_every_file_the_build_would_not_read_is_an_error_naming_the_name_it_expected(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tiny / "data/114/changes.yml").write_text("changes: []\n", encoding="utf-8")
    (tiny / "data/114/notices/tainan.yml").write_text("sender: x\n", encoding="utf-8")
    (tiny / "content/114/faq.en.markdown").write_text("---\ntitle: FAQ\n---\n", encoding="utf-8")
    (tiny / "data/114/notices/.alpha.yaml.swp").write_text("an editor's", encoding="utf-8")  # hidden: left alone
    (tiny / "data/site.yml").write_text("title: x\n", encoding="utf-8")
    (tiny / "data/114/drafts").mkdir()
    code, lines, _ = run(["check", "--strict", "--root", str(tiny)], capsys)
    assert code == 1
    assert lines == [
        f"content/114/faq.en.markdown:1:1: (file): {NOT_PUBLISHED}did you mean faq.en.md?",
        f"data/114/changes.yml:1:1: (file): {NOT_PUBLISHED}did you mean changes.yaml?",
        "data/114/drafts:1:1: (folder): is a folder the build does not read, so nothing of it is published; "
        "the build reads year.yaml, joining.yaml, districts.yaml, tracks.yaml, sessions.yaml, process.yaml, "
        "onsite.yaml, changes.yaml, notices/ here",
        f"data/114/notices/tainan.yml:1:1: (file): {NOT_PUBLISHED}did you mean tainan.yaml?",
        f"data/site.yml:1:1: (file): {NOT_PUBLISHED}did you mean site.yaml?",
        "5 problems found; nothing was written.",
    ]


# --- Markdown ------------------------------------------------------------------------------------

FAQ = "---\ntitle: {title}\n---\n{body}"


def add_page(root: Path, body: str, name: str = "faq") -> None:
    for lang, title in (("zh-tw", "常見問題"), ("en", "FAQ")):
        (root / f"content/114/{name}.{lang}.md").write_text(FAQ.format(title=title, body=body), encoding="utf-8")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param(
            "".join("  " * i + f"- level {i}\n" for i in range(12)) + "\n## After\n\nThis paragraph.\n",
            "12:1: (markdown): lists, quotes and emphasis nest too deep here (at most 8 lists inside each other); "
            "the page would lose what follows: nest less",
            id="twelve-level-list",
        ),
        pytest.param(
            "![x](javascript:alert(1))\n",
            "4:1: (markdown): image 'javascript:alert(1)' is not allowed; an image is a file of the site, "
            "by a relative path",
            id="image-with-an-unsafe-scheme",
        ),
        pytest.param(
            "![tracker](https://evil.example/pixel.png)\n",
            "4:1: (markdown): image 'https://evil.example/pixel.png' is loaded from elsewhere, and pages load "
            "nothing from another host; put the file in the site and give its relative path",
            id="image-from-another-host",
        ),
    ],
)
def test_markdown_that_would_be_cut_or_load_from_elsewhere_is_a_located_error(
    tiny: Path, capsys: pytest.CaptureFixture[str], body: str, message: str
) -> None:
    add_page(tiny, body)
    code, lines, _ = run(["check", "--root", str(tiny)], capsys)
    assert code == 1
    assert lines == [
        f"content/114/faq.en.md:{message}",
        f"content/114/faq.zh-tw.md:{message}",
        "2 problems found; nothing was written.",
    ]


def test_eight_levels_of_list_are_published_whole(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_page(tiny, "".join("  " * i + f"- level {i}\n" for i in range(8)) + "\n## After\n\nLast words.\n")
    edit(tiny, "data/urls.yaml", "moved: {}\n", "  - en/114/faq/\n  - zh-tw/114/faq/\nmoved: {}\n")
    assert run(["build", "--strict", "--no-search", "--root", str(tiny)], capsys)[0] == 0
    page = (tiny / "site/en/114/faq/index.html").read_text(encoding="utf-8")
    assert "level 7" in page and "Last words." in page


# --- one name rule for pages and the ledger -----------------------------------------------------


def test_a_page_named_with_a_leading_hyphen_is_refused_before_the_ledger_can_record_it(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_page(tiny, "Text.\n", name="-dash-")
    ledger = (tiny / "data/urls.yaml").read_bytes()
    code, lines, _ = run(["urls", "--record", "--root", str(tiny)], capsys)
    message = (
        "(file): name a content file <page>.zh-tw.md or <page>.en.md, <page> being lowercase letters and digits "
        "with single hyphens between them, e.g. faq or sign-in"
    )
    assert (code, lines) == (
        1,
        [
            f"content/114/-dash-.en.md:1:1: {message}",
            f"content/114/-dash-.zh-tw.md:1:1: {message}",
            "2 problems found; nothing was written.",
        ],
    )
    assert (tiny / "data/urls.yaml").read_bytes() == ledger


def test_recording_keeps_the_header_of_a_ledger_saved_with_a_byte_order_mark(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tiny / "data/urls.yaml"
    text = path.read_text(encoding="utf-8").replace("  - en/114/process/\n", "")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    code, _, out = run(["urls", "--record", "--root", str(tiny)], capsys)
    assert (code, out) == (0, "recorded 1 new URL in data/urls.yaml:\n  en/114/process/\n")
    written = path.read_text(encoding="utf-8")
    assert written.startswith("# Every URL the tiny project publishes")
    assert "  - en/114/process/\n" in written


# --- the open data never attacks its readers ----------------------------------------------------

FORMULA = '=HYPERLINK("https://evil.example/","x")'


def test_a_csv_cell_that_would_be_a_formula_is_neutralised_and_the_json_keeps_it_as_typed(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(tiny, "data/counties.yaml", "{zh: 甲縣, en: Alpha County}", "{zh: 甲縣, en: '" + FORMULA + "'}")
    edit(tiny, "data/114/districts.yaml", "password: pass0806", "password: -pass0806")
    edit(tiny, "data/114/tracks.yaml", "label: {zh: 全天, en: Whole day}", "label: {zh: 全天, en: '@SUM(1)'}")
    edit(tiny, "data/114/tracks.yaml", "name: {zh: 人力網, en: HR Network}", "name: {zh: 人力網, en: '+1 HR'}")
    assert run(["build", "--no-search", "--root", str(tiny)], capsys)[0] == 0
    raw = (tiny / "site/en/114/data/sessions.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    first = next(row for row in rows[1:] if row[0] == "1" and row[3] == "'@SUM(1)")
    assert (first[1], first[2], first[10]) == ("'" + FORMULA, "'+1 HR", "'-pass0806")
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)
    data = json.loads((tiny / "site/en/114/data/sessions.json").read_text(encoding="utf-8"))
    part = next(s for s in data["sessions"] if s["district"] == 1 and s["part"]["name"] == "@SUM(1)")
    assert (part["counties"][0]["name"], part["webex"]["password"]) == (FORMULA, "-pass0806")


# --- no traceback, no hang ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [("123456789012345678901", "'123456789012345678901'"), ("253402300800", "'253402300800'")],
    ids=["21-digits", "year-10000"],
)
def test_a_source_date_epoch_out_of_range_names_the_variable_before_any_work(
    tiny: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, value: str, shown: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(SystemExit) as exit:
        main(["build", "--root", str(tiny)])
    assert exit.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"build.py: error: SOURCE_DATE_EPOCH={shown} is out of range: give the seconds since 1970-01-01 "
        "of a day before the year 10000"
    )
    assert not (tiny / "site").exists()


@pytest.mark.parametrize("port", ["-1", "65536", "80x"])
def test_a_port_out_of_range_is_refused_before_any_work(
    tiny: Path, capsys: pytest.CaptureFixture[str], port: str
) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["serve", "--root", str(tiny), "--port", port])
    assert exit.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"build.py: error: argument --port: '{port}' is not a port: give a number from 1 to 65535, or 0 for a free one"
    )


def test_a_port_this_user_may_not_serve_is_one_line_before_any_build(
    tiny: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("k12site.serve.socket.create_server", refused)
    code, lines, out = run(["serve", "--root", str(tiny), "--port", "80"], capsys)
    assert (code, lines, out) == (
        1,
        ["port 80 on 127.0.0.1 needs rights this user does not have: pass --port 1024 or above, e.g. 8000"],
        "",
    )


def read_only(monkeypatch: pytest.MonkeyPatch, under: Path) -> None:
    """Every file opened for writing under ``under`` fails as on a read-only file system."""
    real_open = os.open

    def open_(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if str(path).startswith(str(under)) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", open_)


def test_a_read_only_checkout_is_one_line_naming_the_path_and_the_site_is_left(
    tiny: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(["build", "--no-search", "--root", str(tiny)], capsys)[0] == 0
    before = {p.relative_to(tiny).as_posix() for p in (tiny / "site").rglob("*")}
    read_only(monkeypatch, tiny)
    code, lines, _ = run(["build", "--no-search", "--root", str(tiny)], capsys)
    assert (code, lines) == (1, ["error: .site.lock: Read-only file system; the last good site was left as it was"])
    assert {p.relative_to(tiny).as_posix() for p in (tiny / "site").rglob("*")} == before


def test_a_full_disk_while_recording_is_one_line_and_the_ledger_is_left(
    tiny: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(tiny, "data/urls.yaml", "  - en/114/process/\n", "")
    ledger = (tiny / "data/urls.yaml").read_bytes()

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(tiny / "data/.urls.yaml.tmp"))

    monkeypatch.setattr("k12site.ledger.replace_file", full)
    code, lines, _ = run(["urls", "--record", "--root", str(tiny)], capsys)
    assert (code, lines) == (
        1,
        ["error: data/.urls.yaml.tmp: No space left on device; data/urls.yaml was left as it was"],
    )
    assert (tiny / "data/urls.yaml").read_bytes() == ledger


def test_a_full_disk_during_a_build_leaves_the_last_good_site(
    tiny: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(["build", "--no-search", "--root", str(tiny)], capsys)[0] == 0
    before = (tiny / "site/en/114/sessions/index.html").read_bytes()
    edit(tiny, "data/114/districts.yaml", "password: pass0806", "password: pass0999")
    plain = output.StagedOutput._put

    def full(self: output.StagedOutput, path: str, content: bytes) -> None:
        if path.endswith("sessions/index.html"):
            raise OSError(errno.ENOSPC, "No space left on device", str(self.folder / path))
        plain(self, path, content)

    monkeypatch.setattr(output.StagedOutput, "_put", full)
    code, lines, _ = run(["build", "--no-search", "--root", str(tiny)], capsys)
    assert code == 1 and len(lines) == 1
    assert lines[0].startswith("error: .site.builds/") and lines[0].endswith(
        "/sessions/index.html: No space left on device; the last good site was left as it was"
    )
    assert (tiny / "site/en/114/sessions/index.html").read_bytes() == before


def test_schema_refuses_a_named_pipe_and_a_non_utf8_file_without_hanging(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(tiny / "data/114/notices/beta-city.yaml")
    (tiny / "data/114/tracks.yaml").write_bytes(b"tracks: [caf\xe9]\n")
    code, lines, _ = run(["schema", "--root", str(tiny)], capsys)
    assert (code, lines) == (
        1,
        [
            "data/114/notices/beta-city.yaml:1:1: (file): is not a regular file",
            "data/114/tracks.yaml:1:13: (file): is not UTF-8 text: byte 0xE9 (invalid continuation byte); "
            "save the file as UTF-8",
            "2 problems found; nothing was written.",
        ],
    )
    assert not (tiny / "schemas").exists()


def test_schema_rewrites_nothing_when_everything_is_fresh(
    tiny: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(["schema", "--root", str(tiny)], capsys)[0] == 0
    read_only(monkeypatch, tiny)  # a read-only checkout: any write would fail

    def refuse(*args: object) -> None:
        raise AssertionError("a fresh file was rewritten")

    monkeypatch.setattr(schema, "replace_file", refuse)
    assert run(["schema", "--root", str(tiny)], capsys)[:2] == (0, [])


@pytest.mark.parametrize("junk", ["junk", "[1, 2]", '"hello"', "{}", '{"command": 5}', b"\xff\xfe", "null"])
def test_junk_on_the_live_reload_socket_is_ignored(junk: str | bytes) -> None:
    handler = QuietLiveReload.__new__(QuietLiveReload)  # on_message reads nothing of the connection
    handler.on_message(junk)


def test_the_preview_on_port_0_prints_the_port_it_serves_answers_400_to_a_nul_and_shrugs_off_junk(
    tiny: Path, tmp_path: Path
) -> None:
    log = tmp_path / "terminal.txt"
    command = [sys.executable, "-c", "import sys; from k12site.cli import main; sys.exit(main(sys.argv[1:]))"]
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [*command, "serve", "--root", str(tiny), "--port", "0"], stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 60
        while not (found := re.search(r"Preview at http://127\.0\.0\.1:([0-9]+)/", log.read_text(encoding="utf-8"))):
            assert time.monotonic() < deadline and process.poll() is None, log.read_text(encoding="utf-8")
            time.sleep(0.05)
        base = f"127.0.0.1:{found[1]}"
        assert found[1] != "0"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://{base}/%00", timeout=10)
        assert refused.value.code == 400
        with urllib.request.urlopen(f"http://{base}/en/", timeout=10) as reply:
            assert reply.status == 200

        async def send_junk() -> None:
            socket = await websocket_connect(f"ws://{base}/livereload")
            for junk in ("junk", "[1, 2]", "{}", '{"command": 5}', b"\xff\xfe"):
                await socket.write_message(junk, binary=isinstance(junk, bytes))
            await asyncio.sleep(0.3)
            socket.close()

        asyncio.run(send_junk())
        with urllib.request.urlopen(f"http://{base}/en/", timeout=10) as reply:
            assert reply.status == 200  # still answering
    finally:
        process.terminate()
        process.wait(timeout=15)
    assert "Traceback" not in log.read_text(encoding="utf-8")
