"""Every task of MAINTAINING.md keeps CI green: done on a copy of the seed project as the guide
says, with the guide's own examples, the data then passes the gates CI holds the live data to
(`guide.data_gates`: check and build strictly, the URL ledger, the editor schemas).

The walk-throughs of "Add a county's notice" and "Start the next academic year" (test_county_letter.py,
test_next_year.py) end in the same gates; the tasks here are the others: a new password, a moved
session, an on-site session and a new page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from guide import add_change, data_gates, markdown_example, run, section, yaml_example
from helpers import edit, soup, text
from test_changes import guide_example

from k12site.loader import load_project

HEADINGS = {
    "password": {"zh-tw": "#### 1. 更改 Webex 連結或密碼", "en": "#### 3.1 Change a Webex link or password"},
    "reschedule": {"zh-tw": "#### 2. 場次改期", "en": "#### 3.2 Reschedule a session"},
    "onsite": {"zh-tw": "#### 3. 新增縣市的駐點實機場次", "en": "#### 3.3 Add a county's on-site session"},
    "page": {"zh-tw": "#### 6. 新增一頁", "en": "#### 3.6 Add a page"},
}


@pytest.mark.parametrize("lang", ["zh-tw", "en"])
def test_a_new_password_with_its_record_as_the_guide_says_keeps_ci_green(
    seed_project: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = section(HEADINGS["password"][lang])
    example = yaml_example(guide)
    number = int(re.search(r"number: (\d+)", example)[1])
    districts = seed_project / "data/114/districts.yaml"
    old = re.search(rf"number: {number}\n(?:.*\n)*?\s+password: (\S+)", districts.read_text(encoding="utf-8"))[1]
    edit(districts, f"password: {old}", "password: k12ea0999")
    sessions = seed_project / "data/114/sessions.yaml"  # raise sequence and set updated for its sessions
    listed = sessions.read_text(encoding="utf-8")
    pattern = rf"(\{{district: {number}, .*?)sequence: 0\}}"
    sessions.write_text(re.sub(pattern, r"\1sequence: 1, updated: 2025-08-05T09:30:00Z}", listed), encoding="utf-8")
    tracks = re.findall(rf"\{{district: {number}, track: (\w+),", listed)
    named = ", ".join(f"{{district: {number}, track: {track}}}" for track in tracks)
    add_change(
        seed_project,
        114,
        "  - date: 2025-08-05T17:30:00+08:00\n"
        f"    text: {{zh: 第{number}區 Webex 密碼更新, en: New Webex password for District {number}}}\n"
        f"    districts: [{number}]\n    sessions: [{named}]\n",
    )
    site = data_gates(seed_project, capsys)
    year = load_project(seed_project).years[0]
    for county in year.district(number).counties:
        assert "k12ea0999" in text(soup(site, f"{lang}/114/counties/{county}/index.html"))
    other = year.district(number % len(year.districts) + 1).counties[0]
    assert "k12ea0999" not in text(soup(site, f"{lang}/114/counties/{other}/index.html"))


@pytest.mark.parametrize("lang", ["zh-tw", "en"])
def test_a_moved_session_with_its_record_as_the_guide_says_keeps_ci_green(
    seed_project: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = section(HEADINGS["reschedule"][lang])
    before, after = re.findall(r"^\s+(- \{district: .*\})$", guide, flags=re.M)
    edit(seed_project / "data/114/sessions.yaml", before.split("  #")[0].strip(), after.strip())
    add_change(seed_project, 114, guide_example(HEADINGS["reschedule"][lang]).removeprefix("changes:\n"))
    site = data_gates(seed_project, capsys)
    assert (site / f"{lang}/114/changes.atom").is_file()


@pytest.mark.parametrize("lang", ["zh-tw", "en"])
def test_an_onsite_session_as_the_guide_says_keeps_ci_green(
    seed_project: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = section(HEADINGS["onsite"][lang])
    example = re.search(r"```yaml\n(sessions:\n.*?)```", guide, flags=re.S)[1]  # as it stands, indented
    edit(seed_project / "data/114/onsite.yaml", "sessions: []\n", example)
    assert run(seed_project, capsys, "urls", "--record")[0] == 0  # its own calendar is a new URL
    site = data_gates(seed_project, capsys)
    calendar = re.search(r"`/(\S+/calendars/sessions/onsite-[^`]+\.ics)`", guide)[1]
    assert (site / calendar).is_file()


def test_a_new_page_as_the_guide_says_keeps_ci_green(seed_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for lang in ("zh-tw", "en"):
        (seed_project / f"content/114/faq.{lang}.md").write_text(
            markdown_example(HEADINGS["page"][lang]), encoding="utf-8"
        )
    assert run(seed_project, capsys, "urls", "--record")[0] == 0
    site = data_gates(seed_project, capsys)
    assert (site / "zh-tw/114/faq/index.html").is_file() and (site / "en/114/faq/index.html").is_file()
