"""`build.py letter import`: a county's letter, from its text or its DI file, published before its English.

The seed's letter is imported into a copy of the seed project (its notice file taken away first)
and compared, field by field, with the seed's frozen transcription; its hand-written DI file must
import to the same notice; a second letter of another shape imports and builds. Then what a
pending translation does: the English pages show the Chinese, marked and noted; `check` lists each
as information that `--strict` lets through.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from guide import run
from helpers import edit, read_notice, soup, text
from seed import REPO, SEED

from k12site import models
from k12site.letter import read_text
from k12site.loader import load_project

SOURCES = REPO / "tests" / "sources"
SEED_TEXT = SOURCES / "pingtung-1145124742.txt"  # the letter, then its attachment, as text
SEED_DI = SOURCES / "pingtung-1145124742.di"
SECOND_TEXT = SOURCES / "second-letter.txt"
SECOND_DI = SOURCES / "second-letter.di"
NOTICE = "data/114/notices/{}.yaml"


def import_(
    root: Path, capsys: pytest.CaptureFixture[str], source: Path, county: str, *more: str
) -> tuple[int, list[str], list[str]]:
    return run(root, capsys, "letter", "import", str(source), "--county", county, *more)


@pytest.fixture
def without_pingtung(seed_project: Path) -> Path:
    """The seed project with no notice: Pingtung's letter has not arrived yet."""
    (seed_project / NOTICE.format("pingtung")).unlink()
    return seed_project


def zh(value: Any) -> Any:
    """The Chinese of a notice's quoted parts, and its other values as they are: what the letter says."""
    if isinstance(value, models.QuotedText | models.Text):
        return value.zh
    if isinstance(value, list):
        return [zh(each) for each in value]
    if isinstance(value, models.Model):
        return {name: zh(getattr(value, name)) for name in type(value).model_fields}
    return value


LETTER_FIELDS = (
    "kind", "sender", "address", "contact", "addressee", "date", "reference", "priority", "classification",
    "subject", "items", "recipients", "copies", "copies_with_attachments",
)  # fmt: skip


def test_the_seed_letter_imports_to_the_seeds_transcription_field_by_field(
    without_pingtung: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = import_(without_pingtung, capsys, SEED_TEXT, "pingtung")
    assert (code, err) == (0, [])
    path = without_pingtung / NOTICE.format("pingtung")
    lines = path.read_text(encoding="utf-8").count("\n")
    imported, frozen = read_notice(path), read_notice(SEED / NOTICE.format("pingtung"))
    for name in LETTER_FIELDS:
        assert zh(getattr(imported, name)) == zh(getattr(frozen, name)), name
    # the attachment: its label and file; its text (the process description) is not the letter's
    assert [(a.label.zh, a.file) for a in imported.attachments] == [(a.label.zh, a.file) for a in frozen.attachments]
    assert imported.instructions == models.CountyInstructions()  # never guessed
    # what the report says: the lines written, nothing left unplaced, the translations pending
    pending = list(models.pending_translations(imported))
    assert out[0] == f"wrote {NOTICE.format('pingtung')}: {lines} lines, {len(pending)} English translations pending"
    assert not [line for line in out if line.startswith(("not placed", "to fill in", "note:"))]
    assert out[-1].startswith("0 not placed.")
    # English that needs no translator: the county government's name (counties.yaml), the 速別
    assert imported.sender.en == "Pingtung County Government" and imported.priority.en == "Normal"
    assert imported.subject.pending and imported.contact.name.pending


def test_the_seed_letters_di_file_imports_to_the_same_notice(
    without_pingtung: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = without_pingtung / NOTICE.format("pingtung")
    assert import_(without_pingtung, capsys, SEED_TEXT, "pingtung")[0] == 0
    from_text = read_notice(path)
    # decided by the content, not the name: the DI file saved as .txt is still read as DI
    renamed = tmp_path / "letter.txt"
    shutil.copy(SEED_DI, renamed)
    code, _out, err = import_(without_pingtung, capsys, renamed, "pingtung", "--force")
    assert (code, err) == (0, [])
    assert read_notice(path) == from_text


@pytest.mark.parametrize("source", [SECOND_TEXT, SECOND_DI], ids=["text", "di"])
def test_a_second_letter_of_another_shape_imports_and_builds(
    seed_project: Path, source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = import_(seed_project, capsys, source, "taitung")
    assert (code, err) == (0, []), err
    notice = read_notice(seed_project / NOTICE.format("taitung"))
    assert notice.kind == "書函" and notice.attachments == [] and notice.copies_with_attachments
    assert notice.sender.en == "Taitung County Government"
    depth = max(_depth(item) for item in notice.items)
    assert depth == 3  # 一、 → (一) → 1、
    assert run(seed_project, capsys, "urls", "--record")[0] == 0
    code, _out, err = run(seed_project, capsys, "build", "--strict", "--no-search")
    assert code == 0, err
    page = soup(seed_project / "site/zh-tw/114/notice/taitung/index.html")
    assert text(page.h1) == f"{notice.sender.zh} 書函"
    assert notice.subject.zh in text(page.select_one("p.subject"))
    copies = text(page.select("dl.distribution dd")[-1])
    assert copies.endswith("（含附件）") and notice.copies[0].zh in copies


def _depth(item: models.QuotedItem) -> int:
    return 1 + max((_depth(each) for each in item.items), default=0)


def test_the_two_forms_of_the_second_letter_give_the_same_notice(
    seed_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = seed_project / NOTICE.format("taitung")
    assert import_(seed_project, capsys, SECOND_TEXT, "taitung")[0] == 0
    from_text = read_notice(path)
    assert import_(seed_project, capsys, SECOND_DI, "taitung", "--force")[0] == 0
    assert read_notice(path) == from_text


def test_an_existing_notice_is_never_replaced_without_force(
    seed_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = seed_project / NOTICE.format("pingtung")
    before = path.read_bytes()
    code, out, err = import_(seed_project, capsys, SEED_TEXT, "pingtung")
    assert code == 1 and out == []
    assert err[0] == f"{NOTICE.format('pingtung')}:1:1: (file): exists already; nothing was written " + (
        "(add --force to replace it)"
    )
    assert path.read_bytes() == before
    assert import_(seed_project, capsys, SEED_TEXT, "pingtung", "--force")[0] == 0
    assert path.read_bytes() != before


def test_a_county_that_is_not_in_counties_yaml_is_refused(
    seed_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = import_(seed_project, capsys, SEED_TEXT, "../../etc")
    assert code == 1 and "is not a county of data/counties.yaml" in err[0]
    assert sorted(p.name for p in (seed_project / "data/114/notices").iterdir()) == ["pingtung.yaml"]


def test_what_the_import_cannot_place_is_printed_with_its_line(
    without_pingtung: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = SEED_TEXT.read_text(encoding="utf-8").replace("受文者：", "傳真：08-7320000\n\n受文者：", 1)
    source = tmp_path / "letter.txt"
    source.write_text(letter, encoding="utf-8")
    line = letter.splitlines().index("傳真：08-7320000") + 1
    code, out, _err = import_(without_pingtung, capsys, source, "pingtung")
    assert code == 0
    assert f"not placed (line {line}): 傳真：08-7320000" in out
    assert out[-1].startswith("1 not placed.")


def test_a_field_the_letter_lacks_is_named_for_the_maintainer_to_fill_in(
    without_pingtung: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = re.sub(r"電子信箱：.*\n", "", SEED_TEXT.read_text(encoding="utf-8"), count=1)
    source = tmp_path / "letter.txt"
    source.write_text(letter, encoding="utf-8")
    code, out, err = import_(without_pingtung, capsys, source, "pingtung")
    assert code == 0
    assert [line for line in out if line.startswith("to fill in")] == [
        f"to fill in: {NOTICE.format('pingtung')}:14:3: contact.email: required key 'email' is missing"
    ]
    code, _, err = run(without_pingtung, capsys, "check")
    assert code == 1 and any("contact.email" in line for line in err)


def test_a_hostile_di_file_writes_nothing(
    without_pingtung: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "evil.di"
    source.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE 函 [\n<!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n'
        "<函><主旨><文字>&x;</文字></主旨></函>\n",
        encoding="utf-8",
    )
    code, out, err = import_(without_pingtung, capsys, source, "pingtung")
    assert code == 1 and out == [] and err[0].startswith(f"{source}:")
    assert "root:" not in "\n".join(err)
    assert list((without_pingtung / "data/114/notices").iterdir()) == []


# --- a letter published before its English: translation: pending -----------------------------------


@pytest.fixture
def imported(without_pingtung: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The seed project with Pingtung's letter just imported (its URLs are the seed's: recorded)."""
    assert import_(without_pingtung, capsys, SEED_TEXT, "pingtung")[0] == 0
    return without_pingtung


def test_check_lists_every_pending_translation_with_its_line_and_strict_passes(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = imported / NOTICE.format("pingtung")
    lines = path.read_text(encoding="utf-8").splitlines()
    pending = list(models.pending_translations(read_notice(path)))
    code, out, err = run(imported, capsys, "check", "--strict")
    assert (code, err) == (0, []), err  # information, not a problem: on stdout
    listed = [line for line in out if ": info: " in line]
    assert len(listed) == len(pending) > 30
    for line in listed:
        name, number, _, rest = line.split(":", 3)
        assert name == NOTICE.format("pingtung")
        assert lines[int(number) - 1].strip() == "translation: pending", line
        assert "English translation pending" in rest
    assert out[-1].endswith(f", 0 warning(s), {len(pending)} English translations pending")
    # once a text is translated it leaves the list
    first = pending[0][1].zh
    edit(path, f"zh: {first}\n  translation: pending", f"zh: {first}\n  en: No. 527, Ziyou Rd.")
    code, out, err = run(imported, capsys, "check", "--strict")
    assert code == 0 and len([line for line in out if ": info: " in line]) == len(pending) - 1


def test_english_pages_show_pending_words_in_chinese_marked_and_noted(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(imported, capsys, "build", "--strict", "--no-search")
    assert code == 0, err
    notice = read_notice(imported / NOTICE.format("pingtung"))
    site = imported / "site"
    note_en = "Translation pending"
    for rel in ("en/114/notice/pingtung/index.html", "en/114/counties/pingtung/index.html"):
        page = soup(site / rel)
        assert text(page.select_one(".pending-note")).startswith(note_en), rel
        marked = [span for span in page.select("span.pending")]
        assert marked and all(span["lang"] == "zh-Hant-TW" for span in marked)
        assert notice.subject.zh in [text(span) for span in marked], rel
        # every pending word on the page is inside a Chinese-marked element
        for span_text in {text(span) for span in marked}:
            assert span_text in {t.zh for _, t in models.pending_translations(notice)}
    for rel in ("zh-tw/114/notice/pingtung/index.html", "zh-tw/114/counties/pingtung/index.html"):
        page = soup(site / rel)
        assert not page.select(".pending-note") and not page.select("span.pending"), rel


def test_a_letter_with_no_instructions_shows_its_subject_and_links_its_items(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(imported, capsys, "build", "--no-search")[0] == 0
    notice = read_notice(imported / NOTICE.format("pingtung"))
    for lang in ("zh-tw", "en"):
        page = soup(imported / f"site/{lang}/114/counties/pingtung/index.html")
        section = page.select_one("section#letter")
        assert notice.subject.zh in text(section.select_one("p.subject"))
        links = [a["href"] for a in section.select("ol.letter-items a")]
        assert links == [f"../../notice/pingtung/#item-{n}" for n in range(1, len(notice.items) + 1)]
        notice_page = soup(imported / f"site/{lang}/114/notice/pingtung/index.html")
        assert all(notice_page.find(id=f"item-{n}") for n in range(1, len(notice.items) + 1))
    # once instructions are written, they take the items' place
    with (imported / NOTICE.format("pingtung")).open("a", encoding="utf-8") as stream:
        stream.write(
            "instructions:\n  leave:\n"
            "    text: {zh: 同意核予參加人員公假登記。, en: Attendees are granted official leave.}\n"
            "    item: 7\n"
        )
    assert run(imported, capsys, "build", "--no-search")[0] == 0
    page = soup(imported / "site/en/114/counties/pingtung/index.html")
    section = page.select_one("section#letter")
    assert not section.select("ol.letter-items") and "Attendees are granted official leave." in text(section)


def test_only_a_county_letters_quoted_words_may_wait_for_english(
    seed_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = seed_project / NOTICE.format("pingtung")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["instructions"]["leave"]["text"]["en"]
    # an instruction is the site's own words: both languages, always
    edit(path, "      en: Attendees are granted official leave.\n", "      translation: pending\n")
    code, _, err = run(seed_project, capsys, "check")
    assert code == 1 and any("instructions.leave.text.translation" in line for line in err)


def test_a_quoted_text_needs_english_or_pending_not_both(
    seed_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = seed_project / NOTICE.format("pingtung")
    edit(path, "  en: Pingtung County Government\n", "")
    code, _, err = run(seed_project, capsys, "check")
    assert code == 1 and any(
        line.startswith(f"{NOTICE.format('pingtung')}:5:3: sender: has no English") for line in err
    ), err
    edit(path, "  zh: 屏東縣政府\n", "  zh: 屏東縣政府\n  en: Pingtung County Government\n  translation: pending\n")
    code, _, err = run(seed_project, capsys, "check")
    assert code == 1 and any("sender: has en: and translation: pending" in line for line in err), err


def test_the_project_loads_a_pending_notice_with_chinese_in_place_of_english(imported: Path) -> None:
    notice = load_project(imported).years[0].notices["pingtung"]
    assert notice.subject["en"] == notice.subject.zh and notice.pending


# --- the letter's text: shapes a PDF gives ------------------------------------------------------------

HEAD = "臺東縣政府 書函\n\n地址：950203臺東縣臺東市中山路276號\n發文日期：中華民國114年7月28日\n主旨：請查照。\n"


def test_a_section_after_the_details_is_not_taken_for_an_item() -> None:
    letter = read_text(HEAD + "說明：\n一、依據辦理。\n辦法：\n一、另案辦理。\n正本：各國小\n", "x.txt")
    assert [(p.marker, p.text) for p in letter.items] == [("一、", "依據辦理。")]
    assert [(u.line, u.text) for u in letter.unplaced] == [(8, "辦法："), (9, "一、另案辦理。")]
    assert letter.recipients == ["各國小"]


def test_a_distribution_list_broken_over_lines_is_joined_and_ends_at_a_blank_line() -> None:
    letter = read_text(
        HEAD
        + "說明：一、依據辦理。\n正本：各國小、各國中、\n縣立體育實驗高中\n副本：本府教育處、本府主計處（均含附件）\n\n"
        "教育部國民及學前教育署\n",
        "x.txt",
    )
    assert letter.recipients == ["各國小", "各國中", "縣立體育實驗高中"]
    assert letter.copies == ["本府教育處", "本府主計處"] and letter.copies_with_attachments
    assert letter.unplaced == []  # the attachment's title after the blank line is not the letter's


def test_a_details_of_one_paragraph_is_one_item_numbered_by_the_site(
    seed_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = HEAD + "聯絡人：陳怡君\n聯絡電話：089-350811#123\n電子信箱：yjchen@example.gov.tw\n受文者：新生國中\n"
    body += "發文字號：府教學字第1140158321號\n速別：普通件\n"
    body += "說明：依據教育部國民及學前教育署函辦理，\n請轉知所屬。\n正本：各國小\n"
    letter = read_text(body, "x.txt")
    assert [(p.marker, p.text) for p in letter.items] == [("", "依據教育部國民及學前教育署函辦理，請轉知所屬。")]
    source = tmp_path / "letter.txt"
    source.write_text(body, encoding="utf-8")
    code, out, err = import_(seed_project, capsys, source, "taitung")
    assert (code, err) == (0, []), err
    assert [line for line in out if line.startswith("note:")] == [
        "note: line 12: an item with no number is numbered 一、 on the site (by its place)"
    ]


def test_nothing_is_written_through_a_link_out_of_the_project(
    without_pingtung: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    notices = without_pingtung / "data/114/notices"
    notices.rmdir()
    notices.symlink_to(outside)
    code, out, err = import_(without_pingtung, capsys, SEED_TEXT, "pingtung")
    assert code == 1 and out == [] and "is a symbolic link" in err[0]
    assert list(outside.iterdir()) == []
