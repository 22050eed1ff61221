"""A site that knows what day it is: ended sessions are marked, today's comes first with its
join link, the next is named, and a year whose sessions have all ended says so.

The tiny project's sessions: District 1 (alpha) hr on 2025-08-06 and funding on 2025-08-20;
District 2 (beta-city) hr on 2025-08-07 and funding on 2025-08-20.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import text

from k12site import dates, i18n
from k12site.builder import build
from k12site.cli import main
from k12site.dates import TAIPEI
from k12site.loader import load_project

ENDED = {"zh-tw": "已結束", "en": "Ended"}
TODAY = {"zh-tw": "今天", "en": "Today"}
OVER = {
    "zh-tw": "本學年度的線上簡報場均已結束，以下資料保留備查。",
    "en": "This academic year's online sessions have all ended; the details stay here for reference.",
}


def built(root: Path, out: Path, today: str) -> Path:
    assert main(["build", "--root", str(root), "--out", str(out), "--today", today]) == 0
    return out


def page(out: Path, lang: str, rest: str = "") -> BeautifulSoup:
    return BeautifulSoup((out / f"{lang}/114/{rest}index.html").read_bytes(), "html.parser")


@pytest.mark.parametrize("lang", ["zh-tw", "en"])
def test_between_two_sessions_the_earlier_is_marked_ended_and_the_later_is_next(
    tiny: Path, tmp_path: Path, lang: str
) -> None:
    out = built(tiny, tmp_path / "site", "2025-08-10")
    county = page(out, lang, "counties/alpha/")
    hr, funding = county.select("#sessions section.session")
    assert "ended" in hr["class"] and hr.select_one("h3 .mark-ended").get_text() == ENDED[lang]
    assert "ended" not in funding["class"] and not funding.select(".mark")
    nxt = county.select_one(".next-session")
    assert nxt.select_one("time")["datetime"] == "2025-08-20"
    assert ("經費系統" if lang == "zh-tw" else "Funding System") in text(nxt)
    assert county.select("#sessions dl.times"), "an ended session keeps its facts"
    sessions = page(out, lang, "sessions/")
    assert [text(m) for m in sessions.select("table.sessions .mark-ended")] == [ENDED[lang]] * 2
    assert sessions.select_one(".next-session time")["datetime"] == "2025-08-20"
    assert not county.select("#today") and not county.select(".training-over")


@pytest.mark.parametrize("lang", ["zh-tw", "en"])
def test_on_a_sessions_day_the_county_page_shows_it_first_with_its_join_link(
    tiny: Path, tmp_path: Path, lang: str
) -> None:
    out = built(tiny, tmp_path / "site", "2025-08-06")
    county = page(out, lang, "counties/alpha/")
    box = county.select_one("main #today")
    assert box is not None and box.find_previous("section") is None, "today's box comes before every section"
    assert box.select_one(".today-session time")["datetime"] == "2025-08-06"
    assert box.select_one("dl.times time")["datetime"] == "2025-08-06T08:30+08:00"
    assert box.select_one("dl.webex a")["href"] == "https://example.webex.com/j.php?MTID=one"
    assert "2515 928 8798" in text(box) and "pass0806" in text(box)
    # on the day the join link counts: the session's "add to calendar" links stay in its own section below
    assert not box.select(".add-links") and county.select("#sessions .add-links")
    assert county.select_one("#sessions section.session h3 .mark-today").get_text() == TODAY[lang]
    assert county.select_one(".next-session time")["datetime"] == "2025-08-20"
    assert not page(out, lang, "counties/beta-city/").select("#today"), "District 2 meets the next day"


@pytest.mark.parametrize("lang", ["zh-tw", "en"])
def test_after_the_last_session_the_years_pages_say_the_training_is_over(tiny: Path, tmp_path: Path, lang: str) -> None:
    before = built(tiny, tmp_path / "before", "2025-08-20")
    assert not page(before, lang).select(".training-over")
    out = built(tiny, tmp_path / "site", "2025-08-21")
    for rest in ("", "sessions/", "counties/alpha/", "agenda/hr/", "onsite/"):
        assert text(page(out, lang, rest).select_one("main .training-over")) == OVER[lang], rest
    county = page(out, lang, "counties/alpha/")
    assert not county.select(".next-session") and not county.select("#today")
    assert len(county.select("#sessions .mark-ended")) == 2


def test_the_date_comes_from_today_then_source_date_epoch_then_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "clock", lambda: dt.datetime(2025, 8, 10, 9, 0, tzinfo=TAIPEI))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert dates.build_date() == dt.date(2025, 8, 10)
    # 2025-08-06T16:30Z is already 00:30 on 7 August in Taipei
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2025, 8, 6, 16, 30, tzinfo=dt.UTC).timestamp())))
    assert dates.build_date() == dt.date(2025, 8, 7)
    assert dates.build_date(dt.date(2025, 8, 20)) == dt.date(2025, 8, 20)


def test_a_build_without_today_marks_by_source_date_epoch(
    tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dates, "clock", lambda: dt.datetime(2030, 1, 1, tzinfo=TAIPEI))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2025, 8, 6, 1, 0, tzinfo=TAIPEI).timestamp())))
    out = tmp_path / "site"
    assert main(["build", "--root", str(tiny), "--out", str(out)]) == 0
    assert page(out, "en", "counties/alpha/").select("#today")
    build(tiny, out, today=dt.date(2025, 8, 10))
    assert not page(out, "en", "counties/alpha/").select("#today")


@pytest.mark.parametrize("value", ["2025-02-30", "2025-8-6", "20250806", "today", ""])
def test_a_bad_today_is_an_error_before_any_work(
    tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["build", "--root", str(tiny), "--out", str(tmp_path / "site"), "--today", value])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"error: argument --today: {value!r} is not a date written YYYY-MM-DD, such as 2025-08-12" in err
    assert not (tmp_path / "site").exists()


def test_a_bad_source_date_epoch_is_an_error_before_any_work(
    tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(SystemExit):
        main(["check", "--root", str(tiny)])
    assert "error: SOURCE_DATE_EPOCH='yesterday' is not a whole number of seconds since 1970-01-01" in (
        capsys.readouterr().err
    )
    assert main(["check", "--root", str(tiny), "--today", "2025-08-10"]) == 0, "--today needs no clock"


def test_two_builds_with_the_same_date_are_byte_identical(tiny: Path, tmp_path: Path) -> None:
    first, second = (built(tiny, tmp_path / name, "2025-08-06") for name in ("one", "two"))
    files = lambda out: {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}  # noqa: E731
    assert files(first) == files(second)
    other = built(tiny, tmp_path / "three", "2025-08-07")
    assert files(other) != files(first)


@pytest.mark.parametrize("lang", ["zh-tw", "en"])
def test_on_the_day_the_today_box_gives_the_display_name_rule_with_the_join_link(
    tiny: Path, tmp_path: Path, lang: str
) -> None:
    joining = load_project(tiny).latest.joining.display_name
    out = built(tiny, tmp_path / "site", "2025-08-06")
    box = page(out, lang, "counties/alpha/").select_one("main #today")
    name = box.select_one(".display-name")
    assert name is not None and name.find_previous("dl", class_="webex") is not None, "after the join link"
    assert text(name.select_one("strong.example")) == joining.example.zh.replace("{county}", "甲縣")
    assert joining.format[lang].replace("{county}", "甲縣") in text(name)
    assert " ".join(joining.rule[lang].split()) in text(name)


# the tiny project's on-site application window: 2025-08-25 to 2025-09-26
WINDOW = {"2025-08-24": "upcoming", "2025-08-25": "open", "2025-09-26": "open", "2025-09-27": "closed"}


@pytest.mark.parametrize("day, state", WINDOW.items())
def test_the_onsite_application_window_shows_as_it_stands_on_the_onsite_and_county_pages(
    tiny: Path, tmp_path: Path, day: str, state: str
) -> None:
    out = built(tiny, tmp_path / "site", day)
    squeeze = lambda words: "".join(words.split())  # noqa: E731
    for lang in ("zh-tw", "en"):
        t = i18n.strings(lang)
        span = dates.long_date(dt.date(2025, 8, 25), lang) + t.range_sep + dates.long_date(dt.date(2025, 9, 26), lang)
        says = {other: squeeze(i18n.fill(t[key], span=span)) for other, key in i18n.APPLICATION.items()}
        for rest in ("onsite/", "counties/alpha/", "counties/beta-city/"):
            (shown,) = page(out, lang, rest).select("main p.application")
            assert state in shown["class"], (lang, rest)
            assert [time["datetime"] for time in shown.select("time")] == ["2025-08-25", "2025-09-26"]
            assert [other for other, words in says.items() if words in squeeze(text(shown))] == [state], (lang, rest)


ONSITE = """
sessions:
  - county: alpha
    kind: hands_on
    date: 2025-09-03
    start: "13:30"
    end: "16:00"
    venue: {zh: 甲縣會議室, en: Alpha County meeting room}
"""


@pytest.mark.parametrize("lang", ["zh-tw", "en"])
def test_an_onsite_session_comes_first_on_its_day_and_is_marked_ended_once_past(
    tiny: Path, tmp_path: Path, lang: str
) -> None:
    onsite = tiny / "data/114/onsite.yaml"
    onsite.write_text(onsite.read_text(encoding="utf-8") + ONSITE, encoding="utf-8")
    kind = i18n.strings(lang)["onsite_hands_on"]

    before = built(tiny, tmp_path / "before", "2025-09-02")
    county = page(before, lang, "counties/alpha/")
    assert not county.select("#today") and not county.select("#onsite ~ ul.onsite-list .mark")

    day = built(tiny, tmp_path / "day", "2025-09-03")
    county = page(day, lang, "counties/alpha/")
    box = county.select_one("main #today")
    assert box is not None and box.find_previous("section") is None, "the day's on-site session comes first"
    assert box.select_one("time")["datetime"] == "2025-09-03" and kind in text(box)
    assert "Alpha County meeting room" in text(box) or "甲縣會議室" in text(box)
    assert text(county.select_one("#onsite ~ ul.onsite-list .mark-today")) == TODAY[lang]
    assert not page(day, lang, "counties/beta-city/").select("#today"), "another county's session"

    after = built(tiny, tmp_path / "after", "2025-09-04")
    county = page(after, lang, "counties/alpha/")
    assert not county.select("#today")
    assert text(county.select_one("#onsite ~ ul.onsite-list li.ended .mark-ended")) == ENDED[lang]
    row = page(after, lang, "onsite/").select_one("table.onsite-sessions tbody tr")
    assert "ended" in row["class"] and text(row.select_one("th .mark-ended")) == ENDED[lang]
