"""Readers on paper and in their calendar apps: the printed county page's card, and the help that
lets people subscribe rather than copy. (The browser gates check the printed sheet and its QR code.)"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers import soup, text

from k12site import i18n
from k12site.builder import build
from k12site.loader import load_project

BASE = "https://example.org/training/"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from seed import copy_seed_project

    seed_project = copy_seed_project(tmp_path_factory.mktemp("real") / "real")
    build(seed_project, seed_project / "site", base_url=BASE)
    return seed_project / "site"


@pytest.mark.parametrize("lang", ["zh-tw", "en"])
@pytest.mark.parametrize("rel", ["counties/pingtung/", "sessions/"])
def test_the_subscription_help_gives_addresses_and_steps_per_calendar_app(published: Path, lang: str, rel: str) -> None:
    t = i18n.strings(lang)
    page = soup(published, f"{lang}/114/{rel}index.html")
    feeds = [code.get_text() for code in page.select("code.feed")]
    assert feeds and all(f.startswith(f"{BASE}{lang}/114/calendars/") and f.endswith(".ics") for f in feeds)
    for feed in feeds:  # the same calendar by webcal for Apple, and to download
        path = feed.removeprefix(BASE)
        assert page.find("a", href="webcal://" + urlsplit(BASE).netloc + urlsplit(BASE).path + path)
        assert (published / path).is_file()
    help_text = text(page.select_one("details.calendar-help"))
    for key in ("subscribe_intro", "help_google", "help_outlook", "help_apple", "help_phone"):
        assert t[key] in help_text, key
    for key in ("help_one_calendar", "help_refresh", "help_import"):  # one calendar, slow refresh, import second
        assert t[key] in help_text, key
    assert t.subscribe_later not in help_text


def test_without_a_base_url_the_help_says_where_the_addresses_will_be(tiny: Path) -> None:
    build(tiny, tiny / "site", base_url="")
    page = soup(tiny / "site", "en/114/counties/alpha/index.html")
    assert not page.select("code.feed")
    assert i18n.strings("en").subscribe_later in text(page.select_one("details.calendar-help"))


@pytest.mark.parametrize("lang", ["zh-tw", "en"])
def test_every_part_of_a_session_has_google_then_outlook_add_links(published: Path, lang: str) -> None:
    page = soup(published, f"{lang}/114/counties/pingtung/index.html")
    year = load_project(Path(__file__).resolve().parent.parent).latest
    parts = sum(len(year.session_events(s)) for s in year.district_sessions(year.district_of("pingtung")))
    rows = page.select("#sessions .add-links")
    assert len(rows) == parts
    for row in rows:
        hosts = [urlsplit(a["href"]).netloc for a in row.find_all("a")]
        assert hosts == ["calendar.google.com", "outlook.office.com", "outlook.live.com"]
        assert "ctz=Asia%2FTaipei" in row.find("a")["href"]


def test_the_printed_card_has_the_qr_code_and_address_of_the_page_itself(published: Path) -> None:
    for lang in ("zh-tw", "en"):
        page = soup(published, f"{lang}/114/counties/kaohsiung/index.html")
        card = page.select_one(".print-card")
        assert card.select_one("svg.qr title").get_text() == i18n.strings(lang).qr_title
        assert f"{BASE}{lang}/114/counties/kaohsiung/" in text(card)
        assert "print-only" in card.select_one("svg.qr").parent["class"]


def test_no_qr_code_without_a_base_url(tiny: Path) -> None:
    build(tiny, tiny / "site", base_url="")
    assert not soup(tiny / "site", "en/114/counties/alpha/index.html").select("svg.qr")


def test_last_updated_comes_from_the_data_never_the_build_time(seed_project: Path, tmp_path: Path) -> None:
    def stamp(out: Path, county: str):
        return soup(out, f"en/114/counties/{county}/index.html").select_one(".print-card time")

    build(seed_project, tmp_path / "a")
    assert stamp(tmp_path / "a", "kaohsiung")["datetime"] == "2025-07-21"  # when the plan was published
    sessions = seed_project / "data/114/sessions.yaml"
    body = sessions.read_text(encoding="utf-8")
    line = next(line for line in body.splitlines() if "district: 4" in line and "track: hr" in line)
    changed = re.sub(r"sequence: \d+", "sequence: 1", line).replace("}", ", updated: 2025-08-01T17:00:00Z}")
    sessions.write_text(body.replace(line, changed), encoding="utf-8")
    build(seed_project, tmp_path / "b")
    assert stamp(tmp_path / "b", "kaohsiung")["datetime"] == "2025-08-02"  # 17:00 UTC is the next day in Taipei
    assert stamp(tmp_path / "b", "taipei")["datetime"] == "2025-07-21"  # another district: unchanged
    assert stamp(tmp_path / "b", "pingtung")["datetime"] == "2025-07-21"  # its letter's date
