"""MAINTAINING.md's "Start the next academic year", followed step by step on a copy of the seed project.

As a maintainer would: copy the year's folders, edit the files the guide names, run the commands
it names (``build.py check``, ``urls --record``, ``check --strict``, then the build); after each
step, what the guide says should happen. Year 115 here is year 114 moved on by 52 weeks (the same
weekdays) with four districts instead of five, Lienchiang in none of them, and no county letter yet.
Last, the files the maintainer touched: data and content only, all of them in the guide's commit.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from guide import commands, committed, data_gates, new_urls, quoted_after, run, section, snapshot, touched, under
from helpers import soup, text

from k12site.i18n import LANGS, fill, plural, strings
from k12site.loader import load_project

HEADINGS = {"en": "#### 3.5 Start the next academic year", "zh-tw": "#### 5. 開始新的學年度"}
WEEKS_52 = dt.timedelta(weeks=52)


def edit(path: Path, *changes: tuple[str, str]) -> None:
    """Replace each old text, which must be there, by the new one, as in an editor."""
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, f"{old!r} is not in {path}"
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def move_dates(path: Path) -> None:
    """Every date in the file, 52 weeks later: the same weekday in the next academic year."""
    text = path.read_text(encoding="utf-8")
    later = lambda m: (dt.date.fromisoformat(m[0]) + WEEKS_52).isoformat()  # noqa: E731
    path.write_text(re.sub(r"\b20\d\d-\d\d-\d\d\b", later, text), encoding="utf-8")


def only_new_urls_of_115(err: list[str]) -> set[str]:
    urls = new_urls(err)
    assert urls and all(url.startswith(("en/115/", "zh-tw/115/")) for url in urls), sorted(urls)
    return urls


@pytest.fixture
def guide() -> str:
    return section(HEADINGS["en"])


def test_the_guide_gives_the_same_steps_in_both_languages() -> None:
    zh, en = (section(HEADINGS[lang]) for lang in ("zh-tw", "en"))
    typed = [[line for line in commands(text) if not line.startswith("git commit")] for text in (zh, en)]
    assert typed[0] == typed[1]  # the commit messages are in each language
    assert committed(zh) == committed(en) == ["data/115", "content/115", "data/urls.yaml"]
    assert quoted_after(zh, "check 會先指出") == quoted_after(en, "Check first says")
    names = re.compile(r"`([a-z]+\.yaml|content/115/\*\.md|notices/)`")
    assert set(names.findall(zh)) == set(names.findall(en))


def test_starting_year_115_as_the_guide_says_step_by_step(
    seed_project: Path, guide: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(seed_project)
    seed = load_project(seed_project)
    recorded, sessions = set(seed.ledger.model.urls), seed.years[0].sessions

    # 1. Copy the year's folders and check: check names what must change first.
    assert commands(guide)[:3] == [
        "cp -r data/114 data/115",
        "cp -r content/114 content/115",
        ".venv/bin/python build.py check",
    ]
    shutil.copytree(seed_project / "data/114", seed_project / "data/115")
    shutil.copytree(seed_project / "content/114", seed_project / "content/115")
    first = quoted_after(guide, "Check first says")
    assert run(seed_project, capsys, "check") == (1, [], [first, "1 problem found; nothing was written."])

    # 2. First, last year's letters go: they do not apply, and their hours name last year's sessions.
    assert "rm data/115/notices/*.yaml" in guide
    for letter in (seed_project / "data/115/notices").glob("*.yaml"):
        letter.unlink()

    # 3. year.yaml: the year, its titles, when the plan was published. Check passes; the 115 URLs are new.
    edit(
        seed_project / "data/115/year.yaml",
        ("academic_year: 114", "academic_year: 115"),
        ("114學年度", "115學年度"),
        ("2025–26", "2026–27"),
        ("published: 2025-07-21T00:00:00Z", "published: 2026-07-20T00:00:00Z"),
        ("date: 2025-07-04", "date: 2026-07-03"),  # plan_letter: the organizer's letter of the year
        ("臺教國署國字第1145503078A號", "臺教國署國字第1155500001號"),
    )
    code, _, err = run(seed_project, capsys, "check")
    assert code == 0 and only_new_urls_of_115(err)

    # 4. process.yaml's title and windows, each track's window: the sessions now lie outside them.
    edit(seed_project / "data/115/process.yaml", ("114學年度", "115學年度"), ("2025–26", "2026–27"))
    move_dates(seed_project / "data/115/process.yaml")
    move_dates(seed_project / "data/115/tracks.yaml")
    code, _, err = run(seed_project, capsys, "check")
    assert code == 1 and err[-1] == f"{len(sessions)} problems found; nothing was written."
    assert all(
        re.match(r"data/115/sessions\.yaml:\d+:\d+: sessions\[\d+\]\.date: .* is outside the", e) for e in err[:-1]
    )

    # 5. Every date in sessions.yaml (their sequence is 0 and none has `updated`): check passes again.
    sessions_file = seed_project / "data/115/sessions.yaml"
    assert "updated" not in sessions_file.read_text(encoding="utf-8").split("sessions:")[1]
    assert re.findall(r"sequence: (\d+)", sessions_file.read_text(encoding="utf-8")) == ["0"] * len(sessions)
    move_dates(sessions_file)
    code, _, err = run(seed_project, capsys, "check")
    assert code == 0 and only_new_urls_of_115(err)

    # 6. districts.yaml: four districts with new Webex details; Lienchiang in none. Check finds the
    # sessions of the district that is gone; without them it passes. onsite.yaml has `sessions: []`.
    districts = seed_project / "data/115/districts.yaml"
    edit(
        districts,
        ("    counties: [kaohsiung, chiayi-county, chiayi-city, yunlin]\n    schools: 768",
         "    counties: [kaohsiung, chiayi-county, chiayi-city, yunlin, tainan, nantou, kinmen, pingtung]\n"
         "    schools: 1500"),
    )  # fmt: skip
    text_ = districts.read_text(encoding="utf-8")
    districts.write_text(text_[: text_.index("  - number: 5")].replace("k12ea08", "k12ea15"), encoding="utf-8")
    code, _, err = run(seed_project, capsys, "check")
    assert code == 1 and err[-1] == "3 problems found; nothing was written."
    assert all(e.endswith("district: there is no district 5 in districts.yaml") for e in err[:-1]), err
    edit(
        sessions_file, *((line + "\n", "") for line in sessions_file.read_text().splitlines() if "district: 5," in line)
    )
    assert "sessions: []" in (seed_project / "data/115/onsite.yaml").read_text(encoding="utf-8")
    code, _, err = run(seed_project, capsys, "check")
    assert code == 0 and only_new_urls_of_115(err)

    # 7. The home page text: the year, and what it counts.
    edit(seed_project / "content/115/home.en.md", ("2025–26", "2026–27"), ("in five districts", "in four districts"))
    edit(seed_project / "content/115/home.zh-tw.md", ("114 學年度", "115 學年度"), ("分五區", "分四區"))

    # 8. Check warns only that the 115 URLs are new; urls --record records them; check --strict passes.
    code, _, err = run(seed_project, capsys, "check")
    new = only_new_urls_of_115(err)
    assert code == 0
    code, out, _ = run(seed_project, capsys, "urls", "--record")
    assert code == 0 and out == [
        f"recorded {len(new)} new URLs in data/urls.yaml:",
        *(f"  {url}" for url in sorted(new)),
    ]
    code, out, err = run(seed_project, capsys, "check", "--strict")
    assert (code, err) == (0, []) and out[0].startswith("OK: 22 counties, 2 academic year(s) (114, 115)")
    assert set(load_project(seed_project).ledger.model.urls) == recorded | new

    # 9. The build, and what the guide promises of it.
    code, out, _ = run(seed_project, capsys, "build")
    assert code == 0 and out[0].startswith("Built ")
    site = seed_project / "site"
    built = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert {url + "index.html" if url.endswith("/") else url for url in recorded} <= built  # no URL moves
    assert_the_site_leads_to_115_and_114_says_so(site)

    # 10. What the maintainer touched: data and content only, all in the guide's commit; of the
    # copied files, those the guide names were edited, and last year's letter is gone.
    after = snapshot(seed_project)
    changes = touched(before, after)
    assert all(under(rel, committed(guide)) for rel in changes), changes
    assert {rel: what for rel, what in changes.items() if not rel.startswith(("data/115/", "content/115/"))} == {
        "data/urls.yaml": "edited"
    }
    copied = {rel.replace("/114/", "/115/"): body for rel, body in before.items() if "/114/" in rel}
    assert {rel for rel in changes if copied.get(rel) != after[rel]} == {
        "data/urls.yaml",
        "data/115/year.yaml",
        "data/115/process.yaml",
        "data/115/tracks.yaml",
        "data/115/sessions.yaml",
        "data/115/districts.yaml",
        "content/115/home.en.md",
        "content/115/home.zh-tw.md",
    }
    assert set(copied) - set(after) == {"data/115/notices/pingtung.yaml"}

    # 11. What CI then holds the data to passes too: the push publishes.
    data_gates(seed_project, capsys)


def assert_the_site_leads_to_115_and_114_says_so(site: Path) -> None:
    """The guide's "No URL moves": the front pages lead to 115 and list 114; every page of 114 says
    so in the guide's words and links the same page in 115, or 115's home page when it has none."""
    root = soup(site, "index.html")
    assert [a["href"] for a in root.select(".choose a")] == ["zh-tw/115/", "en/115/"]
    assert [a["href"] for a in root.select("#years + ul a")] == ["zh-tw/114/", "en/114/"]
    for page in [*(site / "zh-tw/115").rglob("*.html"), *(site / "en/115").rglob("*.html")]:
        body = page.read_text(encoding="utf-8")
        assert not [old for old in ("114學年度", "114 學年度", "2025–26") if old in body], page  # nothing left of 114
    quotes = {"en": '"{}"', "zh-tw": "「{}」"}
    for lang in LANGS:
        t = strings(lang)
        note = fill(t.older_year_note, year=114, latest=115)
        assert quotes[lang].format(note) in section(HEADINGS[lang])
        shown = soup(site, f"{lang}/114/counties/pingtung/index.html").select_one(".older-year")
        assert note in text(shown) and shown.a["href"] == "../../../115/counties/pingtung/"
        gone = soup(site, f"{lang}/114/counties/lienchiang/index.html").select_one(".older-year")
        assert gone.a["href"] == "../../../115/"  # Lienchiang has no page in 115
        assert not (site / f"{lang}/115/counties/lienchiang").exists()
        # the numbers of districts and sessions follow the data
        year = soup(site, f"{lang}/115/index.html")
        assert plural(lang, "find_your_county_intro", 4) in text(year.select_one("#find-your-county + p"))
        pingtung = soup(site, f"{lang}/115/counties/pingtung/index.html")
        assert text(pingtung.select_one("#sessions-heading")) == plural(lang, "your_sessions", 3)
