#!/usr/bin/env python3
"""The whole test suite on copies of the project that a maintainer has edited as MAINTAINING.md
says: a maintainer's edit that passes ``check --strict`` must never turn CI red.

Each scenario starts from ``git archive HEAD`` (a plain source tree: no ``.git``), applies one
edit to the live data (its newest year, whatever that is), runs ``build.py check --strict`` and
then the README's test command in the copy. Prints one line per scenario: its name, whether
check and the tests passed, the tests' closing line and the time.

Run: ``.venv/bin/python bench/suite_after_edits.py [SCENARIO ...]`` (each scenario takes as long as
the suite, a few minutes on two cores). Scenarios: archive, password, reschedule, letter,
import, next-year, page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from guide import add_change, markdown_example, section, yaml_example  # noqa: E402
from helpers import edit  # noqa: E402
from test_next_year import move_dates  # noqa: E402

from k12site.loader import load_project  # noqa: E402

PYTHON = sys.executable


def newest(root: Path) -> int:
    return load_project(root).latest.number


def record_urls(root: Path) -> None:
    subprocess.run([PYTHON, "build.py", "urls", "--record"], cwd=root, check=True, capture_output=True)


def password(root: Path) -> None:
    """3.1: the third district's (or the last's) Webex password, with a change record naming it."""
    year = load_project(root).latest
    district = year.districts[min(2, len(year.districts) - 1)]
    n = district.number
    edit(root / f"data/{year.number}/districts.yaml", f"password: {district.webex.password}", "password: k12ea0999")
    first = min(session.date for session in year.sessions)  # published the evening before the first session
    add_change(
        root,
        year.number,
        f"  - date: {first - dt.timedelta(days=1)}T17:30:00+08:00\n"
        f"    text: {{zh: 第{n}區 Webex 密碼更新, en: New Webex password for District {n}}}\n"
        f"    districts: [{n}]\n",
    )


def reschedule(root: Path) -> None:
    """3.2: the newest year's first online session a day later (a weekday inside its window, or the
    day before), its sequence raised and updated set, with a change record."""
    year = load_project(root).latest
    session = year.sessions[0]
    track = year.track(session.track)
    for delta in (1, -1, 2, -2, 3, -3):
        day = session.date + dt.timedelta(days=delta)
        if day.weekday() < 5 and track.window.start <= day <= track.window.end:
            break
    path = root / f"data/{year.number}/sessions.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(
        line
        for line in text.splitlines()
        if f"district: {session.district}," in line
        and f"track: {session.track}," in line
        and session.date.isoformat() in line
    )
    moved = line.replace(session.date.isoformat(), day.isoformat())
    moved = re.sub(r"sequence: (\d+)", lambda m: f"sequence: {int(m[1]) + 1}", moved)
    moved = re.sub(r", updated: [^,}]+", "", moved).replace("}", ", updated: 2025-08-05T09:30:00Z}")
    edit(path, line, moved)
    add_change(
        root,
        year.number,
        "  - date: 2025-08-05T17:30:00+08:00\n"
        f"    text: {{zh: 場次改至{day.isoformat()}, en: A session moved to {day.isoformat()}}}\n"
        f"    sessions: [{{district: {session.district}, track: {session.track}}}]\n",
    )


def letter(root: Path) -> None:
    """3.4: the guide's example letter (Taipei's) for the newest year, its URLs recorded."""
    year = newest(root)
    target = root / f"data/{year}/notices/taipei.yaml"
    assert not target.exists(), "the live data has Taipei's letter already: pick another county here"
    example = yaml_example(section("#### 3.4 Add a county's notice"))
    target.write_text(example, encoding="utf-8")
    record_urls(root)


def import_letter(root: Path) -> None:
    """3.9: a county's letter imported from its text (the tests' second letter, Taitung's memo) into
    the newest year, its English all pending and no instructions yet."""
    target = root / f"data/{newest(root)}/notices/taitung.yaml"
    assert not target.exists(), "the live data has Taitung's letter already: pick another county here"
    letter = root / "tests/sources/second-letter.txt"
    command = [PYTHON, "build.py", "letter", "import", str(letter), "--county", "taitung"]
    subprocess.run(command, cwd=root, check=True, capture_output=True)
    record_urls(root)


def next_year(root: Path) -> None:
    """3.5: the newest year copied to the next, every date 52 weeks later (same weekdays), the
    year's numbers and titles moved on, last year's letters and change records left behind."""
    old = newest(root)
    new = old + 1
    shutil.copytree(root / f"data/{old}", root / f"data/{new}")
    shutil.copytree(root / f"content/{old}", root / f"content/{new}")
    for letter_file in (root / f"data/{new}/notices").glob("*.yaml"):
        letter_file.unlink()
    changes = root / f"data/{new}/changes.yaml"
    if changes.exists():
        text = changes.read_text(encoding="utf-8")
        changes.write_text(text[: text.index("changes:")] + "changes: []\n", encoding="utf-8")
    for path in [*(root / f"data/{new}").glob("*.yaml"), *(root / f"content/{new}").glob("*.md")]:
        move_dates(path)
        text = path.read_text(encoding="utf-8")
        text = text.replace(f"academic_year: {old}", f"academic_year: {new}")
        text = text.replace(f"{old}學年度", f"{new}學年度").replace(f"{old} 學年度", f"{new} 學年度")
        first = 1911 + old  # the Gregorian years the academic year spans, e.g. 2025–26
        text = text.replace(f"{first}–{(first + 1) % 100:02d}", f"{first + 1}–{(first + 2) % 100:02d}")
        path.write_text(text, encoding="utf-8")
    record_urls(root)


def page(root: Path) -> None:
    """3.6: an FAQ page in both languages for the newest year, from the guide's example."""
    year = newest(root)
    for lang, heading in (("zh-tw", "#### 6. 新增一頁"), ("en", "#### 3.6 Add a page")):
        (root / f"content/{year}/faq.{lang}.md").write_text(markdown_example(heading), encoding="utf-8")
    record_urls(root)


SCENARIOS = {
    "archive": lambda root: None,
    "password": password,
    "reschedule": reschedule,
    "letter": letter,
    "import": import_letter,
    "next-year": next_year,
    "page": page,
}


def unpack(target: Path) -> None:
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=REPO, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    if (REPO / "node_modules").is_dir():
        (target / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)


def run_scenario(name: str, parent: Path) -> str:
    root = parent / name
    unpack(root)
    SCENARIOS[name](root)
    env = {**os.environ, "PYTHONPATH": str(root)}  # the copy's own package, whatever is installed
    started = time.perf_counter()
    check = subprocess.run([PYTHON, "build.py", "check", "--strict"], cwd=root, capture_output=True, text=True, env=env)
    tests = subprocess.run(
        [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=root, capture_output=True, text=True, env=env
    )
    took = time.perf_counter() - started
    closing = (tests.stdout.strip().splitlines() or ["(no output)"])[-1]
    if tests.returncode != 0:
        (parent / f"{name}.log").write_text(tests.stdout + tests.stderr, encoding="utf-8")
    return (
        f"{name:<11} check --strict: {'passed' if check.returncode == 0 else 'FAILED ' + check.stderr.strip()[-300:]}"
        f"; tests: {'passed' if tests.returncode == 0 else 'FAILED'} ({closing}); {took:.0f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenarios", nargs="*", help=f"any of {', '.join(SCENARIOS)} (default: all)")
    args = parser.parse_args()
    unknown = [name for name in args.scenarios if name not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario {unknown[0]!r}: choose from {', '.join(SCENARIOS)}")
    failed = False
    with tempfile.TemporaryDirectory(prefix="suite-after-edits-") as tmp:
        for name in args.scenarios or list(SCENARIOS):
            line = run_scenario(name, Path(tmp))
            print(line, flush=True)
            failed |= "FAILED" in line
        if failed:
            kept = Path(tempfile.gettempdir()) / "suite-after-edits-logs"  # outside the checkout
            shutil.rmtree(kept, ignore_errors=True)
            kept.mkdir()
            for log in Path(tmp).glob("*.log"):
                shutil.copy(log, kept)
            print(f"logs of the failed runs: {kept}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
