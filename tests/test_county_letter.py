"""MAINTAINING.md's "Add a county's notice (say, Taipei's letter)", followed step by step, in both languages.

On a copy of the seed project, as a maintainer would: write the one new file from the guide's
example as it stands, run the commands the guide names, and after each step check what the guide
says should happen. Last, the files the maintainer touched: exactly those of the guide's commit.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from guide import commands, committed, data_gates, new_urls, run, section, snapshot, touched, yaml_example
from helpers import text

from k12site.i18n import fill, strings
from k12site.loader import load_project

HEADINGS = {"zh-tw": "#### 4. 新增縣市的轉知公文", "en": "#### 3.4 Add a county's notice"}
QUOTES = {"zh-tw": "「{}」", "en": '"{}"'}  # how each language's guide quotes the site's words
NEW = ["en/114/notice/taipei/", "zh-tw/114/notice/taipei/"]


def rules(notice) -> list:
    found = notice.instructions
    return [rule for rule in (found.registration, found.leave, found.hours) if rule is not None] + list(found.other)


def test_the_guide_gives_the_same_steps_in_both_languages() -> None:
    zh, en = (section(HEADINGS[lang]) for lang in ("zh-tw", "en"))
    assert committed(zh) == committed(en) == ["data/114/notices/taipei.yaml", "data/urls.yaml"]
    assert [c for c in commands(zh) if "git commit" not in c] == [c for c in commands(en) if "git commit" not in c]
    assert yaml_example(zh).splitlines()[0] == yaml_example(en).splitlines()[0]  # the schema line


@pytest.mark.parametrize("lang", HEADINGS)
def test_adding_taipeis_letter_as_the_guide_says_step_by_step(
    seed_project: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = section(HEADINGS[lang])
    before = snapshot(seed_project)

    # 1. One new file, data/114/notices/taipei.yaml: the guide's example, its schema line first.
    letter = seed_project / "data/114/notices/taipei.yaml"
    assert not letter.exists() and "`taipei`" in guide
    letter.write_text(yaml_example(guide), encoding="utf-8")
    assert letter.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../../../schemas/")

    # 2. Check: the notice's two pages are new URLs (as the guide quotes it), and nothing else.
    code, out, err = run(seed_project, capsys, "check")
    assert code == 0 and new_urls(err) == set(NEW)
    warned = re.search(r"`([^`]*/114/notice/taipei/ is new)`", guide)[1]
    assert any(warned in line for line in err)
    assert out[0].startswith("OK: ") and out[0].endswith(", 2 warning(s)")

    # 3. urls --record adds the two URLs; check --strict then shows no problem at all.
    assert guide.index("build.py urls --record") < guide.index("build.py check --strict")
    assert run(seed_project, capsys, "urls", "--record") == (
        0,
        ["recorded 2 new URLs in data/urls.yaml:", *(f"  {u}" for u in NEW)],
        [],
    )
    code, out, err = run(seed_project, capsys, "check", "--strict")
    assert (code, err) == (0, []) and out[0].endswith(", 0 warning(s)")

    # The pages the guide says to look at in the preview (built here as CI builds them).
    code, _, _ = run(seed_project, capsys, "build", "--strict")
    assert code == 0
    assert_the_pages_are_as_the_guide_describes(seed_project / "site", guide, lang)

    # 4. Commit: exactly the files the maintainer touched.
    assert list(touched(before, snapshot(seed_project))) == sorted(committed(guide))
    assert touched(before, snapshot(seed_project)) == {
        "data/114/notices/taipei.yaml": "created",
        "data/urls.yaml": "edited",
    }

    # 5. What CI then holds the data to passes too: the push publishes.
    data_gates(seed_project, capsys)


def assert_the_pages_are_as_the_guide_describes(site: Path, guide: str, lang: str) -> None:
    """Taipei's county page has the letter's section (named as the guide names it) linking the
    notice page; the notice page quotes the letter; the letter's rules are on Taipei's pages only."""
    notices = load_project(site.parent).years[0].notices
    notice = notices["taipei"]
    for shown in ("zh-tw", "en"):
        county = BeautifulSoup((site / f"{shown}/114/counties/taipei/index.html").read_bytes(), "html.parser")
        section = county.select_one("section#letter")
        heading = fill(strings(shown).letter_heading, sender=notice.sender[shown])
        assert text(section.h2) == heading
        if shown == lang:
            assert QUOTES[lang].format(heading) in " ".join(guide.split())  # lines joined, as read
        assert all(rule.text[shown] in text(section) for rule in rules(notice))
        assert section.find("a", href="../../notice/taipei/")
        page = BeautifulSoup((site / f"{shown}/114/notice/taipei/index.html").read_bytes(), "html.parser")
        assert notice.subject[shown] in text(page.select_one("figure.quotation blockquote"))
        # what Taipei's letter alone says (the example shares some words with Pingtung's letter)
        others = {rule.text[shown] for slug, other in notices.items() if slug != "taipei" for rule in rules(other)}
        alone = [rule.text[shown] for rule in rules(notice) if rule.text[shown] not in others]
        own = {f"{shown}/114/counties/taipei/index.html", f"{shown}/114/notice/taipei/index.html"}
        for rel in (p.relative_to(site).as_posix() for p in site.rglob("*.html")):
            body = (site / rel).read_text(encoding="utf-8")
            assert rel in own or not [words for words in alone if words in body], rel
        assert alone
