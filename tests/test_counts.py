"""Counts come from the data: no interface string says how many districts, sessions or tracks there are.

A counted string has two forms, ``<key>_one`` and ``<key>_other``, chosen by `i18n.plural_key`;
the number itself comes from the data. These tests build the tiny project with one district and
one session and with several, and read the wording in both languages.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import text

from k12site import i18n
from k12site.builder import build

REPO = Path(__file__).resolve().parent.parent


def page(out: Path, lang: str, rest: str = "") -> BeautifulSoup:
    return BeautifulSoup((out / f"{lang}/114/{rest}index.html").read_bytes(), "html.parser")


def one_district_one_session(root: Path) -> Path:
    """The tiny project cut down to one county, one district, one track and so one session.

    A project of another shape, with nothing recorded yet: its URL ledger goes too, and the
    county letter, whose hours name sessions this shape does not hold."""
    (root / "data/urls.yaml").unlink()
    (root / "data/114/notices/alpha.yaml").unlink()

    def keep_until(rel: str, marker: str) -> None:
        path = root / rel
        body = path.read_text(encoding="utf-8")
        path.write_text(body[: body.index(marker)], encoding="utf-8")

    keep_until("data/counties.yaml", "  - slug: beta-city")
    keep_until("data/114/districts.yaml", "  - number: 2")
    keep_until("data/114/tracks.yaml", "  - slug: funding")
    (root / "data/114/sessions.yaml").write_text(
        "sessions:\n  - {district: 1, track: hr, date: 2025-08-06, period: full_day}\n", encoding="utf-8"
    )
    return root


# (language, what a page says with one district and one session, what it says with two of each)
WORDING = {
    "year": [
        ("zh-tw", "線上簡報場分 1 區辦理", "線上簡報場分 2 區辦理"),
        ("en", "The online briefing sessions are held in one district;", "are held in 2 districts;"),
    ],
    "county": [
        ("zh-tw", "您的 1 場線上簡報場", "您的 2 場線上簡報場"),
        ("en", "Your online session", "Your 2 online sessions"),
    ],
    "calendar": [
        ("zh-tw", "甲縣的 1 場線上簡報場", "甲縣的 2 場線上簡報場"),
        ("en", "Alpha County's online session", "Alpha County's 2 online sessions"),
    ],
    "sessions": [
        ("zh-tw", "（總計 1 場次）", "（總計 2 場次）"),
        ("en", "(one session in all)", "(2 sessions in all)"),
    ],
}


def shown(out: Path, where: str, lang: str) -> str:
    if where == "year":
        return text(page(out, lang).select_one("#find-your-county + p"))
    if where == "county":
        return text(page(out, lang, "counties/alpha/").select_one("#sessions-heading"))
    if where == "calendar":
        return text(page(out, lang, "counties/alpha/").select_one(".calendar-links li strong"))
    return text(page(out, lang, "sessions/"))


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from tiny import write_tiny

    outs = {}
    for shape in ("one", "several"):
        root = write_tiny(tmp_path_factory.mktemp(shape) / "project")
        shutil.copytree(REPO / "templates", root / "templates")
        if shape == "one":
            one_district_one_session(root)
        outs[shape] = root.parent / "out"
        build(root, outs[shape])
    return outs


@pytest.mark.parametrize(
    "where, lang, one, several", [(where, *row) for where, rows in WORDING.items() for row in rows]
)
def test_counts_come_from_the_data_in_the_singular_and_the_plural(
    builds: dict[str, Path], where: str, lang: str, one: str, several: str
) -> None:
    assert one in shown(builds["one"], where, lang)
    assert several in shown(builds["several"], where, lang)


def test_the_meeting_capacity_is_counted_too(builds: dict[str, Path]) -> None:
    assert "each session takes up to 1,000 people." in text(page(builds["several"], "en", "sessions/"))
    assert "每場上限 1,000 人。" in text(page(builds["several"], "zh-tw", "sessions/"))


# --- the table of interface strings ------------------------------------------------------------

COUNT_WORDS_ZH = re.compile("[一二三四五六七八九十兩]")
COUNT_WORDS_EN = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|dozen|single|twice)\b", re.I
)
# (key, the count word it holds) -> why that word is not a count of anything in the data
NOT_A_COUNT = {
    ("help_one_calendar", "一"): "一個行事曆、一種語言: the advice is to choose a single one, whatever the data holds",
    ("help_one_calendar", "one"): "'one calendar, in one language': the advice, not a count of the data",
    ("help_one_calendar", "兩"): "兩個行事曆/顯示兩次: why two subscriptions duplicate a session",
    ("help_one_calendar", "two"): "'two calendars': why two subscriptions duplicate a session",
    ("help_one_calendar", "twice"): "'shows twice': what a client does with two subscriptions",
    ("help_refresh", "一"): "一天 is 'a day', how long Google takes to refresh",
    ("help_import", "一"): "匯入一次 is 'import once'",
    ("your_sessions_intro", "一"): "同一課程 means the same track",
}


def count_words(key: str, zh: str, en: str) -> set[str]:
    found = set(COUNT_WORDS_ZH.findall(zh)) | {word.lower() for word in COUNT_WORDS_EN.findall(en)}
    if key.endswith("_one"):  # the singular form, chosen only for exactly one, may say so
        found -= {"一", "one", "single"}
    return found


def test_no_interface_string_spells_out_a_count() -> None:
    found = {(key, word) for key, (zh, en) in i18n.UI.items() for word in count_words(key, zh, en)}
    assert found - set(NOT_A_COUNT) == set(), "say the number with a counted string: see i18n.plural_key"
    assert set(NOT_A_COUNT) <= found, "a whitelisted word is gone: drop it from NOT_A_COUNT"


def test_every_counted_string_has_both_forms_and_counts_with_n() -> None:
    counted = {key.rsplit("_", 1)[0] for key in i18n.UI if key.endswith(("_one", "_other"))}
    assert counted
    for key in counted:
        one, other = i18n.UI[f"{key}_one"], i18n.UI[f"{key}_other"]
        assert "n" in i18n.placeholders(other[0]) and "n" in i18n.placeholders(other[1]), key
        assert "n" in i18n.placeholders(one[0]), f"{key}_one: Chinese has no plural; it says the number"


def test_every_counted_string_a_template_uses_exists() -> None:
    used = set()
    for template in (REPO / "templates").glob("*.html"):
        used |= set(re.findall(r"'([a-z_]+)'\|plural\(", template.read_text(encoding="utf-8")))
    assert used >= {"find_your_county_intro", "your_sessions", "calendar_county", "sessions_in_all"}
    for key in used:
        assert {f"{key}_one", f"{key}_other"} <= set(i18n.UI), key


@pytest.mark.parametrize(
    "n, zh, en",
    [(1, "您的 1 場線上簡報場", "Your online session"), (2, "您的 2 場線上簡報場", "Your 2 online sessions")],
)
def test_plural_picks_the_form_and_fills_the_number(n: int, zh: str, en: str) -> None:
    assert i18n.plural_key("your_sessions", n) == ("your_sessions_one" if n == 1 else "your_sessions_other")
    assert i18n.plural("zh-tw", "your_sessions", n) == zh
    assert i18n.plural("en", "your_sessions", n) == en
    assert i18n.plural("en", "sessions_in_all", 1200) == "1,200 sessions in all"
