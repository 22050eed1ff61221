"""Broken input is reported completely, located and in plain words, and nothing is built.

Each row breaks the tiny project (tests/tiny.py) in one way and gives the exact lines that
``python build.py check`` must print: file, line, column, field path and message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from k12site.cli import main

BROKEN = [
    pytest.param(
        "data/site.yaml",
        'base_url: "https://example.org/site/"\n',
        'base_url: "https://example.org/site/"\nlanguages: [en, zh-tw]\n',
        [
            "data/site.yaml:4:12: languages: must be [zh-tw, en]: every page is published in both, Traditional Chinese first"
        ],
        id="languages_out_of_order",
    ),
    pytest.param(
        "data/site.yaml",
        'base_url: "https://example.org/site/"\n',
        'base_url: "https://example.org/site/"\nlanguages: [zh-tw, ja]\n',
        ["data/site.yaml:4:20: languages[1]: 'ja' is not one of 'zh-tw' or 'en'"],
        id="unsupported_language",
    ),
    pytest.param(
        "data/site.yaml",
        "maintainers:\n  name: {zh: 維護團隊, en: the maintainers}\n  email: team@example.org\n",
        "",
        ["data/site.yaml:1:1: maintainers: required key 'maintainers' is missing"],
        id="no_maintainers",
    ),
    pytest.param(
        "data/site.yaml",
        "  email: team@example.org\n",
        "",
        ["data/site.yaml:5:3: maintainers.email: required key 'email' is missing"],
        id="no_maintainers_email",
    ),
    pytest.param(
        "data/site.yaml",
        "email: team@example.org",
        "email: team-at-example.org",
        ["data/site.yaml:6:10: maintainers.email: 'team-at-example.org' is not an e-mail address"],
        id="bad_maintainers_email",
    ),
    pytest.param(
        "data/site.yaml",
        "{zh: 維護團隊, en: the maintainers}",
        "{zh: 維護團隊}",
        ["data/site.yaml:5:9: maintainers.name.en: the English text is missing"],
        id="maintainers_name_in_one_language",
    ),
    pytest.param(
        "data/114/year.yaml",
        ",\n  scheduling: {zh: 實體場次請洽主辦機關安排。, en: Ask the Organiser to arrange an in-person session.}}",
        "}\n",
        ["data/114/year.yaml:4:12: organizer.scheduling: required key 'scheduling' is missing"],
        id="no_scheduling_route",
    ),
    pytest.param(
        "data/114/year.yaml",
        "an in-person session.}}",
        "an in-person session.}, website: http://example.org/}",
        [
            "data/114/year.yaml:5:101: organizer.website: 'http://example.org/' is not an https:// link; "
            "only https links are allowed here"
        ],
        id="organizer_website_not_https",
    ),
    pytest.param(
        "data/114/sessions.yaml",
        "period: full_day}\n  - {district: 2",
        "period: full_day\n  - {district: 2",
        [
            "data/114/sessions.yaml:3:5: (file): YAML syntax error: did not find expected ',' or '}' (while parsing a flow mapping that starts at line 2, column 5)"
        ],
        id="syntax_error",
    ),
    pytest.param(
        "data/114/districts.yaml",
        "    schools: 10\n",
        "    schools: 10\n    colour: red\n",
        [
            "data/114/districts.yaml:5:5: districts[0].colour: unknown key 'colour'; allowed keys: number, counties, schools, webex, notes"
        ],
        id="unknown_key",
    ),
    pytest.param(
        "data/114/districts.yaml",
        "    schools: 20\n",
        "    shcools: 20\n",
        [
            "data/114/districts.yaml:9:5: districts[1].schools: required key 'schools' is missing",
            "data/114/districts.yaml:11:5: districts[1].shcools: unknown key 'shcools'; did you mean 'schools'?",
        ],
        id="typod_key",
    ),
    pytest.param(
        "data/114/districts.yaml",
        "schools: 10",
        "schools: many",
        ["data/114/districts.yaml:4:14: districts[0].schools: 'many' is not a whole number"],
        id="wrong_type",
    ),
    pytest.param(
        "data/114/sessions.yaml",
        "date: 2025-08-07",
        "date: 2025-02-30",
        [
            "data/114/sessions.yaml:3:36: sessions[1].date: '2025-02-30' is not a date (write it as YYYY-MM-DD): day value is outside expected range"
        ],
        id="impossible_date",
    ),
    pytest.param(
        "data/114/districts.yaml",
        "    counties: [beta-city]",
        "    counties: [beta-city, alpha]",
        [
            "data/114/districts.yaml:10:27: districts[1].counties[1]: 'alpha' is already in district 1; a county belongs to exactly one district"
        ],
        id="county_in_two_districts",
    ),
    pytest.param(
        "data/114/sessions.yaml",
        "  - {district: 2, track: funding, date: 2025-08-20, period: afternoon}\n",
        "",
        ["data/114/sessions.yaml:2:3: sessions: district 2 has no funding session; each district needs one per track"],
        id="missing_session",
    ),
    pytest.param(
        "data/114/tracks.yaml",
        '{start: "10:30", end: "12:00"',
        '{start: "10:00", end: "12:00"',
        [
            "data/114/tracks.yaml:19:21: tracks[0].parts[0].slots[2].start: 10:00 starts before the previous slot ends at 10:30"
        ],
        id="overlapping_slots",
    ),
    pytest.param(
        "data/counties.yaml",
        "{zh: 乙市, en: Beta City}",
        "{zh: 乙市}",
        ["data/counties.yaml:5:11: counties[1].name.en: the English text is missing"],
        id="missing_english",
    ),
    pytest.param(
        "data/114/year.yaml",
        "summary: {zh: 摘要, en: Summary}",
        'summary: {zh: 摘要, en: "  "}',
        ["data/114/year.yaml:11:23: summary.en: the English text is empty"],
        id="empty_english",
    ),
    pytest.param(
        "data/114/districts.yaml",
        "url: https://example.webex.com/j.php?MTID=two",
        "url: javascript:alert(1)",
        [
            "data/114/districts.yaml:14:12: districts[1].webex.url: 'javascript:alert(1)' is not an https:// link; only https links are allowed here"
        ],
        id="javascript_link",
    ),
    pytest.param(
        "data/114/districts.yaml",
        "url: https://example.webex.com/j.php?MTID=two",
        "url: http://example.webex.com/j.php?MTID=two",
        [
            "data/114/districts.yaml:14:12: districts[1].webex.url: 'http://example.webex.com/j.php?MTID=two' is not an https:// link; only https links are allowed here"
        ],
        id="http_link",
    ),
    pytest.param(
        "data/counties.yaml",
        "slug: beta-city",
        "slug: alpha",
        [
            "data/114/districts.yaml:10:16: districts[1].counties[0]: 'beta-city' is not a county slug from data/counties.yaml",
            "data/counties.yaml:4:11: counties[1].slug: 'alpha' is already used by counties[0]",
        ],
        id="duplicate_slug",
    ),
    pytest.param(
        "data/counties.yaml",
        "slug: beta-city",
        "slug: Beta_City",
        [
            "data/counties.yaml:4:11: counties[1].slug: 'Beta_City' is not a slug (lowercase letters, digits and single hyphens, e.g. 'hsinchu-city')"
        ],
        id="bad_slug",
    ),
    pytest.param(
        "data/114/districts.yaml",
        "      password: pass0807\n",
        "",
        ["data/114/districts.yaml:14:7: districts[1].webex.password: required key 'password' is missing"],
        id="missing_password",
    ),
    pytest.param(
        "data/114/districts.yaml",
        "password: pass0807",
        'password: ""',
        ["data/114/districts.yaml:16:17: districts[1].webex.password: must not be empty"],
        id="empty_password",
    ),
    pytest.param(
        "data/114/districts.yaml",
        '"2513 932 7005"',
        '"2513-932-7005"',
        [
            "data/114/districts.yaml:15:23: districts[1].webex.meeting_number: '2513-932-7005' is not a meeting number written like '2515 928 8798'"
        ],
        id="bad_meeting_number",
    ),
    pytest.param(
        "data/114/sessions.yaml",
        "track: hr, date: 2025-08-07",
        "track: hr, date: 2025-08-13",
        ["data/114/sessions.yaml:3:36: sessions[1].date: 2025-08-13 is outside the hr window 2025-08-06..2025-08-12"],
        id="session_outside_window",
    ),
    pytest.param(
        "data/114/sessions.yaml",
        "track: funding, date: 2025-08-20, period: morning",
        "track: fundin, date: 2025-08-20, period: morning",
        [
            "data/114/sessions.yaml:2:3: sessions: district 1 has no funding session; each district needs one per track",
            "data/114/sessions.yaml:4:26: sessions[2].track: 'fundin' is not a track in tracks.yaml (one of ['funding', 'hr'])",
        ],
        id="unknown_track",
    ),
    pytest.param(
        "data/114/districts.yaml",
        "counties: [alpha]",
        "counties: [alpha, gamma]",
        [
            "data/114/districts.yaml:3:23: districts[0].counties[1]: 'gamma' is not a county slug from data/counties.yaml"
        ],
        id="unknown_county",
    ),
    pytest.param(
        "data/114/sessions.yaml",
        "{district: 2, track: hr,",
        "{district: 1, track: hr,",
        [
            "data/114/sessions.yaml:2:3: sessions: district 2 has no hr session; each district needs one per track",
            "data/114/sessions.yaml:3:5: sessions[1]: district 1 already has a hr session at sessions[0]",
        ],
        id="duplicate_session",
    ),
    pytest.param(
        "data/114/sessions.yaml",
        "track: hr, date: 2025-08-06, period: full_day",
        "track: hr, date: 2025-08-06, period: morning",
        ["data/114/sessions.yaml:2:56: sessions[0].period: the hr track has no morning part"],
        id="bad_period",
    ),
    pytest.param(
        "data/114/onsite.yaml",
        '{start: "09:00", end: "16:00"',
        '{start: "09:00", end: "24:30"',
        ["data/114/onsite.yaml:11:27: slots[1].end: '24:30' is not a time of day written as HH:MM (24-hour)"],
        id="bad_time",
    ),
    pytest.param(
        "data/114/onsite.yaml",
        '{start: "09:00", end: "16:00"',
        '{start: "09:00", end: "08:00"',
        ["data/114/onsite.yaml:11:27: slots[1].end: 08:00 is not after the start 09:00"],
        id="end_before_start",
    ),
    pytest.param(
        "data/114/year.yaml",
        "handbook: {zh: 無紙本手冊, en: No printed handbook}",
        "handbook: {zh: 無紙本手冊, en: No printed handbook}\nhandbook: {zh: 手冊, en: Handbook}",
        ["data/114/year.yaml:14:1: handbook: key 'handbook' appears twice"],
        id="duplicate_key",
    ),
    pytest.param(
        "data/114/year.yaml",
        "academic_year: 114",
        "academic_year: 115",
        ["data/114/year.yaml:1:16: academic_year: 115 does not match the folder data/114/"],
        id="wrong_year",
    ),
    pytest.param(
        "data/114/tracks.yaml",
        "system: funding",
        "system: money",
        [
            "data/114/tracks.yaml:22:13: tracks[1].system: 'money' is not a system in year.yaml (one of ['funding', 'hr'])"
        ],
        id="unknown_system",
    ),
    pytest.param(
        "data/114/notices/alpha.yaml",
        "email: someone@example.org",
        "email: someone-at-example",
        ["data/114/notices/alpha.yaml:6:10: contact.email: 'someone-at-example' is not an e-mail address"],
        id="bad_email",
    ),
    pytest.param(
        "data/114/notices/alpha.yaml",
        "item: 1}",
        "item: 3}",
        [
            "data/114/notices/alpha.yaml:36:86: instructions.registration.item: there is no item 3 in the letter's `items` (it has 1)"
        ],
        id="instruction_item_not_in_the_letter",
    ),
    pytest.param(
        "data/114/notices/alpha.yaml",
        "attachment: sign-in}",
        "attachment: signin}",
        [
            "data/114/notices/alpha.yaml:43:98: instructions.other[0].attachment: no point of the attachment's text has the slug 'signin'"
        ],
        id="instruction_from_no_point_of_the_attachment",
    ),
    pytest.param(
        "data/114/notices/alpha.yaml",
        "[{marker: ▪, text: {zh: 課程, en: Course}}]]",
        "[{marker: ▪, text: {zh: 課程, en: Course}}], []]",
        [
            "data/114/notices/alpha.yaml:34:24: attachments[0].text.passages[0].table.rows[0].cells: has 3 cells for 2 columns; write [] for an empty cell"
        ],
        id="quoted_table_row_with_a_cell_too_many",
    ),
    pytest.param(
        "data/114/notices/alpha.yaml",
        "{district: 1, track: hr,",
        "{district: 3, track: hr,",
        [
            "data/114/notices/alpha.yaml:40:9: instructions.hours.sessions[0]: there is no session of district 3 and track 'hr' in sessions.yaml"
        ],
        id="hours_for_no_session",
    ),
    pytest.param(
        "data/114/notices/alpha.yaml",
        "part: morning, hours: 3",
        "part: afternoon, hours: 3",
        [
            "data/114/notices/alpha.yaml:41:45: instructions.hours.sessions[1].part: the funding session of district 1 has no part 'afternoon' (its parts: ['morning'])"
        ],
        id="hours_for_a_part_the_session_does_not_hold",
    ),
    pytest.param(
        "data/114/tracks.yaml",
        "window: {start: 2025-08-20, end: 2025-08-22}",
        "window: {start: 2025-08-20, end: 2025-08-29}",
        [
            "data/114/tracks.yaml:26:13: tracks[1].window: 2025-08-20..2025-08-29 is outside the online window 2025-08-06..2025-08-22 in process.yaml"
        ],
        id="window_outside_process",
    ),
    pytest.param(
        "data/114/joining.yaml",
        'example: {zh: "{county}○○國中',
        'example: {zh: "○○國中',
        ["data/114/joining.yaml:6:17: display_name.example.zh: write {county} where the county's name goes"],
        id="missing_placeholder",
    ),
    pytest.param(
        "content/114/home.en.md",
        "(https://example.org/)",
        "(javascript:alert(1))",
        [
            "content/114/home.en.md:1:1: (markdown): link 'javascript:alert(1)' is not allowed; use https:, mailto:, tel:, webcal: or a relative link (not starting with /)"
        ],
        id="markdown_javascript_link",
    ),
    pytest.param(
        "data/114/joining.yaml",
        "open_to_other_districts: true",
        "open_to_other_districts: maybe",
        ["data/114/joining.yaml:3:26: open_to_other_districts: 'maybe' is not true or false"],
        id="bool_typo",
    ),
    pytest.param(
        "data/114/onsite.yaml",
        "kind: sign_out",
        "kind: signout",
        ["data/114/onsite.yaml:12:28: slots[2].kind: 'signout' is not one of 'sign_in', 'talk', 'break' or 'sign_out'"],
        id="slot_kind_typo",
    ),
    pytest.param(
        "data/114/notices/alpha.yaml",
        "instructions:\n",
        "instructions:\n  priority: {text: {zh: 請優先參與, en: Preferably attend}, item: 4}\n",
        [
            "data/114/notices/alpha.yaml:36:62: instructions.priority.item: there is no item 4 in the letter's `items` (it has 1)"
        ],
        id="priority_from_no_item",
    ),
]


def run_check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["check", "--root", str(root)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err.strip().splitlines()


def break_file(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the fixture text {old!r} must occur once in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_tiny_project_is_valid(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--root", str(tiny)]) == 0
    assert capsys.readouterr().out.startswith("OK: 2 counties, 1 academic year(s) (114), 4 online sessions")


@pytest.mark.parametrize(("rel", "old", "new", "expected"), BROKEN)
def test_broken_input_is_reported_with_file_line_and_field(
    tiny: Path, capsys: pytest.CaptureFixture[str], rel: str, old: str, new: str, expected: list[str]
) -> None:
    break_file(tiny, rel, old, new)
    code, lines = run_check(tiny, capsys)
    assert code == 1
    assert lines[:-1] == expected
    count = len(expected)
    assert lines[-1] == f"{count} problem{'s' if count > 1 else ''} found; nothing was written."


def test_every_problem_in_every_file_is_reported_at_once(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_file(tiny, "data/114/districts.yaml", "schools: 10", "schools: many")
    break_file(tiny, "data/114/sessions.yaml", "date: 2025-08-07", "date: 2025-02-30")
    break_file(tiny, "data/counties.yaml", "{zh: 乙市, en: Beta City}", "{zh: 乙市}")
    break_file(tiny, "data/114/tracks.yaml", '{start: "10:30", end: "12:00"', '{start: "10:00", end: "12:00"')
    code, lines = run_check(tiny, capsys)
    assert code == 1
    assert [line.split(": ")[0] for line in lines[:-1]] == [
        "data/114/districts.yaml:4:14",
        "data/114/sessions.yaml:3:36",
        "data/114/tracks.yaml:19:21",
        "data/counties.yaml:5:11",
    ]


def test_a_missing_file_is_reported(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tiny / "data/114/onsite.yaml").unlink()
    code, lines = run_check(tiny, capsys)
    assert code == 1
    assert lines[0] == "data/114/onsite.yaml:1:1: (file): this file is missing"


def test_a_missing_content_translation_is_reported(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tiny / "content/114/home.en.md").unlink()
    code, lines = run_check(tiny, capsys)
    assert code == 1
    assert lines[0] == "content/114/home.zh-tw.md:1:1: (file): the translation home.en.md is missing"


def test_unquoted_clock_times_are_read_as_times_not_numbers(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # YAML 1.1 reads 13:30 as the base-60 integer 810; our reader keeps it as the time it is.
    break_file(tiny, "data/114/tracks.yaml", '{start: "13:30", end: "16:00"', "{start: 13:30, end: 16:00")
    assert main(["check", "--root", str(tiny)]) == 0


def test_a_plain_null_is_nothing_but_a_quoted_one_is_text(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_file(tiny, "data/114/notices/alpha.yaml", "priority:", "classification: ~\npriority:")
    assert main(["check", "--root", str(tiny)]) == 0
    break_file(tiny, "data/114/notices/alpha.yaml", "classification: ~", 'classification: "~"')
    _, lines = run_check(tiny, capsys)
    assert lines[0] == (
        "data/114/notices/alpha.yaml:10:17: classification: should be a mapping of keys and values, not the text '~'"
    )


def test_strict_mode_turns_warnings_into_errors(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_file(tiny, "data/114/sessions.yaml", "track: hr, date: 2025-08-07", "track: hr, date: 2025-08-09")
    assert main(["check", "--root", str(tiny)]) == 0
    warning = "data/114/sessions.yaml:3:36: warning: sessions[1].date: 2025-08-09 falls on a weekend; if that is meant, add 'on_weekend: true'"
    assert warning in capsys.readouterr().err
    assert main(["check", "--root", str(tiny), "--strict"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "data/114/sessions.yaml:3:36: sessions[1].date: 2025-08-09 falls on a weekend; if that is meant, add 'on_weekend: true' (--strict)"
    )
    break_file(tiny, "data/114/sessions.yaml", "date: 2025-08-09,", "date: 2025-08-09, on_weekend: true,")
    assert main(["check", "--root", str(tiny), "--strict"]) == 0


def test_a_changed_session_without_a_new_sequence_is_a_warning(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_file(
        tiny, "data/114/sessions.yaml", "period: afternoon}", "period: afternoon, updated: 2025-08-01T00:00:00Z}"
    )
    assert main(["check", "--root", str(tiny)]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "data/114/sessions.yaml:5:5: warning: sessions[3].sequence: is 0 although `updated` is set: "
        "raise it by one for each change, or calendar apps keep the old time"
    ]


def test_two_onsite_sessions_of_a_county_on_one_day_are_reported(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = '  - {county: alpha, kind: hands_on, date: 2025-09-01, start: "09:00", end: "16:00", venue: {zh: 禮堂, en: Hall}}\n'
    path = tiny / "data/114/onsite.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "sessions:\n" + session + session, encoding="utf-8")
    code, lines = run_check(tiny, capsys)
    assert code == 1
    assert (
        lines[0]
        == "data/114/onsite.yaml:15:5: sessions[1]: alpha already has a hands_on session on 2025-09-01 at sessions[0]"
    )


def test_a_template_syntax_error_is_located_and_leaves_the_site(
    seed_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--root", str(seed_project)]) == 0
    before = sorted(p.relative_to(seed_project).as_posix() for p in (seed_project / "site").rglob("*"))
    template = seed_project / "templates/county.html"
    template.write_text(
        template.read_text(encoding="utf-8").replace("{% endblock %}", "{% endblok %}", 1), encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["build", "--root", str(seed_project)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines()[0].startswith("templates/county.html:5:1: (template): Encountered unknown tag 'endblok'")
    assert sorted(p.relative_to(seed_project).as_posix() for p in (seed_project / "site").rglob("*")) == before


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("{% block main %}", "{% block main %}{{ year.no_such_fact }}", "has no attribute 'no_such_fact'"),
        ("{% block main %}", "{% block main %}{% include 'no-such-part.html' %}", "no-such-part.html"),
    ],
)
def test_a_template_error_at_render_time_is_located_and_leaves_the_site(
    seed_project: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, message: str
) -> None:
    assert main(["build", "--root", str(seed_project)]) == 0
    before = sorted(p.relative_to(seed_project).as_posix() for p in (seed_project / "site").rglob("*"))
    template = seed_project / "templates/county.html"
    text = template.read_text(encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    template.write_text(text.replace(old, new, 1), encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--root", str(seed_project)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    first = err.splitlines()[0]
    assert first.startswith(f"templates/county.html:{line}:1: (template): ") and message in first, first
    assert sorted(p.relative_to(seed_project).as_posix() for p in (seed_project / "site").rglob("*")) == before


def test_a_root_relative_markdown_link_is_reported(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # /x breaks when the site is published under a sub-path such as https://example.github.io/repo/
    break_file(tiny, "content/114/home.zh-tw.md", "(https://example.org/)", "(/zh-tw/114/sessions/)")
    code, lines = run_check(tiny, capsys)
    assert code == 1
    assert lines[0].startswith("content/114/home.zh-tw.md:1:1: (markdown): link '/zh-tw/114/sessions/' is not allowed")
