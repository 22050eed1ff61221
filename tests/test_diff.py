"""`build.py diff REF`: a real edit to the data, committed or not, is reported as readers will see it.

A copy of the project (code, data, content, templates) becomes a git repository; the tests edit its
data as a maintainer would (move a session, change a password, take a county out of its
district) and read the report. Values come from the data, not from the seed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import edit
from seed import REPO, copy_seed_project

from k12site import models
from k12site.cli import main
from k12site.diff import Fact, Report, changed_lines, unrecorded, visible_lines
from k12site.feeds import feed_id
from k12site.loader import load_project
from k12site.urls import KIT_FILES, change_anchor, kit_file

DAY = "2025-08-01"  # before the sessions: the pages mark none of them ended


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@t"
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding a copy of this project, committed once as ``base``."""
    root = copy_seed_project(tmp_path_factory.mktemp("diff") / "project")
    shutil.copytree(REPO / "k12site", root / "k12site", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "build.py", root)
    (root / ".gitignore").write_text("site\n.site.*\n.cache/\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "tag", "base")
    return root


@pytest.fixture
def clean(repo: Path) -> Path:
    git(repo, "checkout", "-q", "-f", "base")
    git(repo, "clean", "-q", "-fd")
    return repo


def diff(root: Path, capsys: pytest.CaptureFixture[str], ref: str = "base") -> tuple[int, str, str]:
    code = main(["diff", ref, "--root", str(root), "--today", DAY])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def section(report: str, title: str) -> str:
    """The lines under a ``#### title`` heading, up to the next heading."""
    match = re.search(rf"^#### {re.escape(title)}.*?\n(.*?)(?=^#### |\Z)", report, re.M | re.S)
    return match[1] if match else ""


class Facts:
    """What the tests change, read from the copy's data: the last district, its password, one of
    its counties, and the first of its sessions."""

    def __init__(self, root: Path) -> None:
        project = load_project(root)
        self.year = project.years[-1]
        self.district = self.year.districts[-1]
        self.county = next(  # one that no other data names
            c for c in reversed(self.district.counties) if c not in self.year.notices
        )
        self.session = next(s for s in self.year.sessions if s.district == self.district.number)
        self.sessions_file = root / "data" / str(self.year.number) / "sessions.yaml"
        self.districts_file = root / "data" / str(self.year.number) / "districts.yaml"
        self.ledger = (root / "data/urls.yaml").read_text(encoding="utf-8").splitlines()

    def ledger_line(self, url: str) -> int:
        return next(n for n, line in enumerate(self.ledger, 1) if line.strip() == f"- {url}")


def move_a_session_change_a_password_drop_a_county(root: Path) -> tuple[Facts, dt.date]:
    facts = Facts(root)
    day = facts.session.date
    earlier = day - dt.timedelta(days=1)
    edit(
        facts.sessions_file,
        f"{{district: {facts.district.number}, track: {facts.session.track}, date: {day.isoformat()}",
        f"{{district: {facts.district.number}, track: {facts.session.track}, date: {earlier.isoformat()}",
    )
    edit(facts.districts_file, f"password: {facts.district.webex.password}", "password: changed0001")
    counties = ", ".join(facts.district.counties)
    fewer = ", ".join(c for c in facts.district.counties if c != facts.county)
    edit(facts.districts_file, f"counties: [{counties}]", f"counties: [{fewer}]")
    return facts, earlier


def test_a_real_edit_is_named_change_by_change(clean: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts, earlier = move_a_session_change_a_password_drop_a_county(clean)
    code, report, err = diff(clean, capsys)
    assert code == 0, err
    year, number, old_password = facts.year.number, facts.district.number, facts.district.webex.password
    pages = re.findall(r"<summary><code>(.*?)</code></summary>", section(report, "Pages"))
    calendars = re.findall(r"^- `(.*?\.ics)`", section(report, "Calendars"), re.M)
    gone = re.findall(r"^- gone: `(.*?)`$", section(report, "URLs"), re.M)
    county_urls = sorted(
        [f"{lang}/{year}/counties/{facts.county}/" for lang in ("en", "zh-tw")]
        + [f"{lang}/{year}/counties/{facts.county}/letter/" for lang in ("en", "zh-tw")]  # its office's page
        + [kit_file(lang, year, facts.county, kind) for lang in ("en", "zh-tw") for kind in KIT_FILES]
        + [f"{lang}/{year}/calendars/counties/{facts.county}.ics" for lang in ("en", "zh-tw")]
    )
    # the headline: the password, the moves, how many pages and calendars, the URLs removed
    headline = report.splitlines()[2]
    assert headline.startswith(f"**{year} District {number}: password {old_password} → changed0001; ")
    parts = [p for p in facts.year.all_events() if p.district.number == number and p.track.slug == facts.session.track]
    assert f"; {len(parts)} event{'s' if len(parts) > 1 else ''} move" in headline
    assert f"; {len(pages)} pages and {len(calendars)} calendars change; {len(county_urls)} URLs removed.**" in headline
    # the facts, each once for the district, however many session parts share it
    district_parts = [p for p in facts.year.all_events() if p.district.number == number]
    fact = f"- {year} District {number}: password {old_password} → changed0001 ({len(district_parts)} session parts)"
    assert fact in section(report, "Facts of the online sessions").splitlines()
    # each part of the moved session moves, by the day, at its own times
    moves = section(report, "Events that move").strip().splitlines()
    assert len(moves) == len(parts)
    for part in parts:
        old_day, new_day = part.start.date().isoformat(), earlier.isoformat()
        hours = f"{part.start.strftime('%H:%M')}–{part.end.strftime('%H:%M')}"
        move = f": {old_day} {hours} → {new_day} {hours} (Taipei time; in "
        assert any(move in line for line in moves), (move, moves)
    # the county page and calendar are gone, and the ledger's refusal is reported with its line
    assert gone == county_urls
    for url in county_urls:
        assert f"the URL ledger: data/urls.yaml:{facts.ledger_line(url)}:5: " in report
        assert f"{url} is no longer built" in report
    # the pages that change are the district's and the tables', never another district's county
    other = facts.year.districts[0].counties[0]
    for lang in ("en", "zh-tw"):
        assert f"{lang}/{year}/sessions/" in pages
        assert f"{lang}/{year}/counties/{next(c for c in facts.district.counties if c != facts.county)}/" in pages
        assert f"{lang}/{year}/counties/{other}/" not in pages
    assert f"- {old_password}\n+ changed0001" in report
    # each calendar of the district says what changes in it
    district_calendar = f"- `en/{year}/calendars/districts/district-{number}.ics`: "
    [said] = [line for line in section(report, "Calendars").splitlines() if line.startswith(district_calendar)]
    moving = f"{len(parts)} events move" if len(parts) > 1 else "1 event moves"
    assert said.endswith(f"{moving}, {len(district_parts)} events with new details"), said
    # no record tells readers: a reminder for every part of the district
    reminders = report.split("**Reminder:**")[1].split("####")[0]
    assert len(re.findall(rf"^- {year} District {number} · ", reminders, re.M)) == len(district_parts)


def test_a_session_part_gone_is_reminded_unless_a_new_record_names_its_district(clean: Path) -> None:
    """Today's data cannot lose a session (each district has one per track), but a year's plan can
    change its shape: a part that goes is reminded like one that changes."""
    facts = Facts(clean)
    project = load_project(clean)
    year, number = facts.year.number, facts.district.number
    gone = [Fact(year, number, "gone", "", "HR Network · Afternoon session · 2025-08-12", ["uid"])]
    assert unrecorded(project, {}, set(), gone) == [
        f"{year} District {number} · HR Network · Afternoon session · 2025-08-12 (gone)"
    ]
    record = models.Change(date="2025-07-28T09:00:00+08:00", text={"zh": "取消", "en": "Cancelled"}, districts=[number])
    project.years[-1].changes.append(record)
    assert unrecorded(project, {}, set(), gone) == []
    # a record the site at REF already publishes is not news of this change
    entry = feed_id(year, "en", change_anchor(record.date))
    feed = f'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>{entry}</id></entry></feed>'.encode()
    assert len(unrecorded(project, {f"en/{year}/changes.atom": feed}, set(), gone)) == 1


def test_a_change_record_answers_the_reminder(clean: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts, _ = move_a_session_change_a_password_drop_a_county(clean)
    changes = clean / "data" / str(facts.year.number) / "changes.yaml"
    record = {
        "date": "2025-07-28T09:00:00+08:00",
        "text": {"zh": "新密碼", "en": "New password"},
        "districts": [facts.district.number],
    }
    changes.write_text(yaml.safe_dump({"changes": [record]}, allow_unicode=True), encoding="utf-8")
    code, report, _ = diff(clean, capsys)
    assert code == 0
    assert "**Reminder:**" not in report
    assert f"{facts.year.number}/changes/" in report  # the changes page itself now says something


def test_a_record_already_published_at_ref_is_not_a_new_one(clean: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = Facts(clean)
    changes = clean / "data" / str(facts.year.number) / "changes.yaml"
    record = {"date": "2025-07-28T09:00:00+08:00", "text": {"zh": "舊", "en": "Old"}}
    record["districts"] = [facts.district.number]
    changes.write_text(yaml.safe_dump({"changes": [record]}, allow_unicode=True), encoding="utf-8")
    git(clean, "commit", "-q", "-am", "a change recorded")
    edit(facts.districts_file, f"password: {facts.district.webex.password}", "password: changed0002")
    code, report, _ = diff(clean, capsys, "HEAD")
    assert code == 0
    assert "**Reminder:**" in report


def test_no_change_says_so(clean: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report, _ = diff(clean, capsys)
    assert code == 0
    assert "**nothing a reader sees changes; no URL removed.**" in report
    assert "####" not in report


def test_the_ref_is_built_with_its_own_code(clean: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """At REF the interface said "Passcode"; the working tree's code says "Password": the pages change."""
    i18n = clean / "k12site/i18n.py"
    text = i18n.read_text(encoding="utf-8")
    label = re.search(r'"Password"', text)
    assert label, "the English interface names the meeting password"
    i18n.write_text(text.replace('"Password"', '"Passcode"'), encoding="utf-8")
    git(clean, "commit", "-q", "-am", "an older interface")
    git(clean, "checkout", "-q", "HEAD~1", "--", "k12site/i18n.py")  # the working tree is back at base
    code, report, _ = diff(clean, capsys, "HEAD")
    assert code == 0
    pages = section(report, "Pages")
    assert re.search(r"^- .*\bPasscode\b", pages, re.M), report[:2000]
    assert re.search(r"^\+ .*\bPassword\b", pages, re.M)
    git(clean, "reset", "-q", "--hard", "base")


def test_bad_data_in_the_working_tree_is_located(clean: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = Facts(clean)
    edit(facts.districts_file, f"password: {facts.district.webex.password}", "password: [a, b]")
    code, out, err = diff(clean, capsys)
    assert code == 1 and out == ""
    assert re.search(r"districts\.yaml:\d+:\d+: districts\[\d+\]\.webex\.password: ", err), err


def test_an_unknown_ref_is_an_error_not_a_crash(clean: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = diff(clean, capsys, "no-such-branch")
    assert code == 1 and out == ""
    assert err.startswith("error: git rev-parse") and "no-such-branch" in err


def test_a_link_out_of_the_tree_at_ref_is_refused(clean: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (clean / "content" / "passwd").symlink_to("/etc/passwd")
    git(clean, "add", "-A")
    git(clean, "commit", "-q", "-m", "a link out")
    (clean / "content" / "passwd").unlink()  # the working tree's build would refuse it itself
    code, out, err = diff(clean, capsys, "HEAD")
    assert code == 1 and out == ""
    assert err.startswith("error: the tree at HEAD cannot be copied out safely: ") and "passwd" in err, err
    git(clean, "reset", "-q", "--hard", "base")


def test_diff_needs_a_ref_and_only_diff_takes_one(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["diff"], ["build", "main"]):
        with pytest.raises(SystemExit) as exit:
            main(argv)
        assert exit.value.code == 2
        assert "diff takes a git ref" in capsys.readouterr().err


# --- what counts as seen -------------------------------------------------------------------------


def test_visible_text_is_what_a_reader_sees() -> None:
    html = b"""<html><head><title>T</title><style>p{}</style><script>var x = 1;</script></head><body>
    <p>One <a href="https://meet.example/j?m=1">join</a> <b>bold</b></p><p hidden>secret</p>
    <table><tr><th>Day</th><td>Tue<br>12 Aug</td></tr></table>
    <a href="https://cal.example/render?a=1&amp;b=2&amp;c=3">Add</a> <a href="../x/">inside</a>
    <a href="https://x.example/">https://x.example/</a><pre>a
b</pre></body></html>"""
    assert visible_lines(html) == [
        "T",
        "One join bold",
        "Day | Tue 12 Aug",
        "Add inside https://x.example/",
        "a",
        "b",
        "link “join” → https://meet.example/j?m=1",
    ]


def test_changed_lines_keep_the_page_order() -> None:
    assert changed_lines(["a", "b", "c"], ["a", "B", "c", "d"]) == ["- b", "+ B", "+ d"]


# --- in a pull request ------------------------------------------------------------------------------


def diff_step() -> dict:
    workflow = yaml.safe_load((REPO / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    return next(step for step in workflow["jobs"]["test"]["steps"] if "build.py diff" in step.get("run", ""))


def test_a_pull_request_gets_the_report_in_its_job_summary() -> None:
    step = diff_step()
    assert step["if"] == "${{ !cancelled() && github.event_name == 'pull_request' }}"
    assert step["shell"] == "bash"  # -eo pipefail: a failing diff fails the step, tee or not
    assert step["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    assert '>> "$GITHUB_STEP_SUMMARY"' in step["run"] or 'tee -a "$GITHUB_STEP_SUMMARY"' in step["run"]


def test_the_workflow_step_runs_as_written(clean: Path, tmp_path: Path) -> None:
    """The step's own script, in a checkout whose origin holds the base commit, as in a pull request."""
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(clean), str(origin))
    git(clean, "remote", "add", "origin", str(origin))
    try:
        facts = Facts(clean)
        edit(facts.districts_file, f"password: {facts.district.webex.password}", "password: changed0003")
        venv = clean / ".venv"
        venv.symlink_to(Path(sys.executable).parent.parent, target_is_directory=True)
        summary = tmp_path / "summary.md"
        env = {
            **os.environ,
            "HOME": str(tmp_path),  # as on a fresh runner: no git configuration of the user
            "BASE_SHA": git(clean, "rev-parse", "base").strip(),
            "PREVIEW_URL": "https://example.github.io/k12-training/",
            "GITHUB_STEP_SUMMARY": str(summary),
        }
        env.pop("PYTHONPATH", None)
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", diff_step()["run"]],
            cwd=clean,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        report = summary.read_text(encoding="utf-8")
        number, year = facts.district.number, facts.year.number
        assert f"**{year} District {number}: password {facts.district.webex.password} → changed0003; " in report
        assert "at https://example.github.io/k12-training/." in report
        assert done.stdout.endswith(report)  # and the log shows it too
    finally:
        git(clean, "remote", "remove", "origin")
        (clean / ".venv").unlink(missing_ok=True)


def test_the_headline_counts_only_what_changes() -> None:
    day = dt.date(2025, 8, 1)
    one_page = Report("main", day, "", pages={"en/114/": ["- a", "+ b"]})
    assert one_page.headline() == "1 page changes; no URL removed"
    both = Report("main", day, "", pages={"a/": [], "b/": []}, calendars={"c.ics": "1 event move"}, gone=["x/"])
    assert both.headline() == "2 pages and 1 calendar change; 1 URL removed"
    facts = [Fact(114, 5, "password", f"p{n}", f"q{n}", ["id"]) for n in range(5)]
    assert Report("main", day, "", facts=facts).headline() == (
        "114 District 5: password p0 → q0; 114 District 5: password p1 → q1; 114 District 5: password p2 → q2; "
        "2 more facts change; nothing a reader sees changes; no URL removed"
    )


def test_pending_translations_are_named(clean: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notice = clean / "data/114/notices/pingtung.yaml"
    address = "  zh: 900219屏東縣屏東市自由路527號\n"
    edit(
        notice,
        address + "  en: No. 527, Ziyou Rd., Pingtung City, Pingtung County 900219\n",
        address + "  translation: pending\n",
    )
    code, out, err = diff(clean, capsys)
    assert code == 0, err
    listed = section(out, "English translations pending (1)").strip().splitlines()
    line = notice.read_text(encoding="utf-8").splitlines().index("  translation: pending") + 1
    assert listed == [
        f"- `data/114/notices/pingtung.yaml:{line}` address.translation: English translation pending: "
        "900219屏東縣屏東市自由路527號 (the English pages show the Chinese until en: is written)"
    ]
    # the English page shows the Chinese in its place, and the report says so as a reader sees it
    assert "900219屏東縣屏東市自由路527號" in section(out, "Pages (")
