"""MAINTAINING.md's "A county's letter arrived: import it", followed step by step, in both languages.

On a copy of the seed project, as a maintainer would: save the letter where the guide's command
reads it, run the commands the guide names in its order, and after each step check what the guide
says should happen, in the words it quotes. Last, the files touched: exactly those of its commit.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from guide import commands, committed, data_gates, new_urls, run, section, snapshot, touched
from helpers import edit, read_notice, soup, text
from seed import REPO

from k12site import models

HEADINGS = {"zh-tw": "#### 9. 縣市的公文到了", "en": "#### 3.9 A county's letter arrived"}
LETTER = REPO / "tests/sources/second-letter.txt"  # Taitung's memo, as text
FILE = "data/114/notices/taitung.yaml"
NEW = {"en/114/notice/taitung/", "zh-tw/114/notice/taitung/"}
# what the guide quotes of each page, in each language
QUOTED = {"zh-tw": "「本站尚未整理這份公文」", "en": '"The site has not yet summarised what this letter adds"'}


def test_the_guide_gives_the_same_steps_in_both_languages() -> None:
    zh, en = (section(HEADINGS[lang]) for lang in HEADINGS)
    assert committed(zh) == committed(en) == [FILE, "data/urls.yaml"]
    assert commands(zh) == commands(en)
    for lang, guide in (("zh-tw", zh), ("en", en)):
        assert QUOTED[lang] in " ".join(guide.split()), lang


@pytest.mark.parametrize("lang", HEADINGS)
def test_importing_a_letter_as_the_guide_says_step_by_step(
    seed_project: Path, tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = section(HEADINGS[lang])
    flat = " ".join(guide.split())
    before = snapshot(seed_project)

    # 1. Save the letter where the guide's command reads it, and run the command as written.
    (command,) = [c for c in commands(guide) if "letter import" in c]
    words = shlex.split(command)
    assert words[:4] == [".venv/bin/python", "build.py", "letter", "import"]
    monkeypatch.setenv("HOME", str(tmp_path))
    saved = Path(words[4]).expanduser()
    saved.parent.mkdir(parents=True)
    shutil.copy(LETTER, saved)
    code, out, err = run(seed_project, capsys, *words[2:4], str(saved), *words[5:])
    assert (code, err) == (0, []), err
    printed = re.search(r"`(wrote [^`]+)`", flat)[1]
    pattern = re.escape(printed).replace("…", r"[0-9]+")
    assert re.fullmatch(pattern, out[0]), (printed, out[0])
    notice = read_notice(seed_project / FILE)
    pending = len(list(models.pending_translations(notice)))
    assert pending and f"{pending} English translations pending" in out[0]
    assert "translation: pending" in flat and "`not placed`" in flat and "`to fill in`" in flat

    # 2. Check: each pending translation as information, and the two new URLs as warnings.
    code, out, err = run(seed_project, capsys, "check")
    assert code == 0 and new_urls(err) == NEW
    assert re.search(r"`([^`]*/114/notice/taitung/ is new)`", flat)[1] in "\n".join(err)
    info = [line for line in out if ": info: " in line]
    assert len(info) == pending and all("English translation pending" in line for line in info)
    assert "`info: … English translation pending`" in guide

    # the preview, as CI builds it: the county page lists the subject and links the items; the
    # English pages show the Chinese under the note the guide quotes
    assert run(seed_project, capsys, "build", "--no-search")[0] == 0
    site = seed_project / "site"
    county = soup(site / f"{lang}/114/counties/taitung/index.html")
    letter = county.select_one("section#letter")
    assert QUOTED[lang][1:-1] in text(letter) and notice.subject.zh in text(letter)
    assert letter.select("ol.letter-items a[href^='../../notice/taitung/#item-']")
    english = soup(site / "en/114/notice/taitung/index.html")
    assert "「Translation pending」" in flat or '"Translation pending"' in flat
    assert text(english.select_one(".pending-note")).startswith("Translation pending")

    # 3. Record the URLs; check --strict passes (the pending translations are only information).
    assert guide.index("build.py urls --record") < guide.index("build.py check --strict")
    assert run(seed_project, capsys, "urls", "--record")[0] == 0
    code, out, err = run(seed_project, capsys, "check", "--strict")
    assert (code, err) == (0, []) and out[-1].endswith(f", 0 warning(s), {pending} English translations pending")
    assert list(touched(before, snapshot(seed_project))) == sorted(committed(guide))

    # 4. Translate one: its `translation: pending` line becomes `en: …`, and it leaves the list.
    subject = f"  zh: {notice.subject.zh}\n"
    edit(
        seed_project / FILE,
        subject + "  translation: pending\n",
        subject + "  en: Training on the Registration System\n",
    )
    code, out, _ = run(seed_project, capsys, "check", "--strict")
    assert code == 0 and len([line for line in out if ": info: " in line]) == pending - 1

    # 5. Write the instructions: the county page shows them in place of the letter's items.
    with (seed_project / FILE).open("a", encoding="utf-8") as stream:
        stream.write(
            "instructions:\n  registration:\n"
            "    text: {zh: 請至全國教師在職進修資訊網報名。, en: Register on the In-Service Education Web.}\n"
            "    item: 1\n"
        )
    assert run(seed_project, capsys, "build", "--no-search")[0] == 0
    county = soup(site / f"{lang}/114/counties/taitung/index.html")
    letter = county.select_one("section#letter")
    assert not letter.select("ol.letter-items")
    assert (
        "請至全國教師在職進修資訊網報名。" if lang == "zh-tw" else "Register on the In-Service Education Web."
    ) in text(letter)

    # What CI then holds the data to passes too.
    data_gates(seed_project, capsys)
