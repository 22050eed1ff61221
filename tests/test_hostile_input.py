"""Hostile or damaged source files are refused quickly, each with one located problem.

The work a file can cause is bounded (alias expansion, nesting, size), its bytes are checked
(UTF-8, control characters, line breaks in one-line fields), and only files inside the project
are read. Each test breaks the tiny project (tests/tiny.py) and gives the exact lines that
``python build.py check`` prints.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from helpers import cli

from k12site.cli import main


def run_check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code, _, err = cli(["check", "--root", str(root)], capsys)
    return code, err.strip().splitlines()


def assert_refused(root: Path, capsys: pytest.CaptureFixture[str], *expected: str) -> None:
    code, lines = run_check(root, capsys)
    assert code == 1
    count = len(expected)
    assert lines == [*expected, f"{count} problem{'s' if count > 1 else ''} found; nothing was written."]


def append(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def replace_bytes(root: Path, rel: str, old: bytes, new: bytes) -> None:
    path = root / rel
    raw = path.read_bytes()
    assert raw.count(old) == 1, f"the fixture bytes {old!r} must occur once in {rel}"
    path.write_bytes(raw.replace(old, new))


# --- bounded work ---------------------------------------------------------------------------


def alias_bomb(levels: int, width: int) -> str:
    """A "billion laughs": each level lists the one before ``width`` times, so the last holds width**levels."""
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * width) + "]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_at_the_alias_that_passes_the_limit(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 9 levels of 10: a billion values from 531 bytes, minutes and gigabytes if expanded.
    append(tiny, "data/114/sessions.yaml", alias_bomb(levels=9, width=10))
    assert_refused(
        tiny,
        capsys,
        "data/114/sessions.yaml:9:45: a3[7]: alias *a2 brings the file to 10,144 values, "
        "more than the 10,000 a data file may hold",
    )


def test_a_few_aliases_are_still_fine(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace_bytes(tiny, "data/114/districts.yaml", b"schools: 10\n", b"schools: &ten 10\n")
    replace_bytes(tiny, "data/114/districts.yaml", b"schools: 20\n", b"schools: *ten\n")
    assert main(["check", "--root", str(tiny)]) == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "deep: " + "[" * 40 + "]" * 40 + "\n",
            "data/114/sessions.yaml:6:38: deep" + "[0]" * 31 + ": nests lists and mappings more than 32 levels deep",
            id="nesting",
        ),
        pytest.param(
            "inner: &inner " + "[" * 20 + "]" * 20 + "\nouter: " + "[" * 12 + "*inner" + "]" * 12 + "\n",
            "data/114/sessions.yaml:7:20: outer"
            + "[0]" * 12
            + ": alias *inner nests lists and mappings more than 32 levels deep",
            id="nesting_through_an_alias",
        ),
        pytest.param(
            "big: &big " + "x" * 300_000 + "\nmany: [*big, *big, *big]\n",
            "data/114/sessions.yaml:7:20: many[2]: alias *big brings the file to 1,200,201 characters of text, "
            "more than the 1,000,000 a data file may hold",
            id="long_text_repeated_by_aliases",
        ),
        pytest.param(
            "loop: &loop [*loop]\n",
            "data/114/sessions.yaml:6:14: loop[0]: alias *loop refers to the list or mapping it stands in",
            id="recursive_alias",
        ),
        pytest.param(
            "lonely: *nowhere\n",
            "data/114/sessions.yaml:6:9: lonely: alias *nowhere is not defined above it; "
            "mark the value with &nowhere first",
            id="undefined_alias",
        ),
        pytest.param(
            "one: &twice x\ntwo: &twice y\n",
            "data/114/sessions.yaml:7:6: two: anchor &twice is already defined at line 6, column 6",
            id="anchor_defined_twice",
        ),
        pytest.param(
            "---\nsessions: []\n",
            "data/114/sessions.yaml:6:1: (file): a second YAML document starts here; a data file holds one document",
            id="second_document",
        ),
    ],
)
def test_structure_that_would_cost_unbounded_work_is_refused(
    tiny: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    append(tiny, "data/114/sessions.yaml", text)
    assert_refused(tiny, capsys, expected)


@pytest.mark.parametrize(
    ("rel", "filler"),
    [("data/114/notices/alpha.yaml", "# filler\n"), ("content/114/home.en.md", "More text.\n")],
    ids=["yaml", "markdown"],
)
def test_an_oversize_file_is_refused_before_it_is_parsed(
    tiny: Path, capsys: pytest.CaptureFixture[str], rel: str, filler: str
) -> None:
    append(tiny, rel, filler * (1_000_000 // len(filler) + 1))
    assert_refused(tiny, capsys, f"{rel}:1:1: (file): is larger than 1,000,000 bytes, the most a source file may hold")


def test_a_yaml_syntax_error_quotes_no_line_of_the_file(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # PyYAML's own str() of an error prints the lines around it; a problem names the spot instead.
    replace_bytes(tiny, "data/114/sessions.yaml", b"sessions:\n", b"# token s3cr3t\nsessions:\n")
    replace_bytes(
        tiny, "data/114/sessions.yaml", b"period: full_day}\n  - {district: 2", b"period: full_day\n  - {district: 2"
    )
    code, lines = run_check(tiny, capsys)
    assert code == 1
    assert lines == [
        "data/114/sessions.yaml:4:5: (file): YAML syntax error: did not find expected ',' or '}' "
        "(while parsing a flow mapping that starts at line 3, column 5)",
        "1 problem found; nothing was written.",
    ]


# --- bytes ----------------------------------------------------------------------------------


def test_invalid_utf8_in_yaml_is_located_at_its_byte(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace_bytes(tiny, "data/counties.yaml", b"Alpha County", b"Alpha \xffCounty")
    assert_refused(
        tiny,
        capsys,
        "data/counties.yaml:3:30: (file): is not UTF-8 text: byte 0xFF (invalid start byte); save the file as UTF-8",
    )


def test_invalid_utf8_in_markdown_is_located_at_its_byte(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tiny / "content/114/home.zh-tw.md").write_bytes("歡迎\n參加".encode() + b"\xe6\x95(\n")
    assert_refused(
        tiny,
        capsys,
        "content/114/home.zh-tw.md:2:3: (file): is not UTF-8 text: byte 0xE6 (invalid continuation byte); "
        "save the file as UTF-8",
    )


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        pytest.param(
            "data/114/year.yaml",
            "en: Summary}",
            "en: Sum\x00mary}",
            "data/114/year.yaml:11:26: (file): U+0000 is a control character; delete it",
            id="nul_in_yaml",
        ),
        pytest.param(
            "data/114/year.yaml",
            "en: Summary}",
            "en: Sum\x7fmary}",
            "data/114/year.yaml:11:26: (file): U+007F is a control character; delete it",
            id="del_in_yaml",
        ),
        pytest.param(
            "data/114/year.yaml",
            "en: Summary}",
            "en: Sum\x85mary}",
            "data/114/year.yaml:11:26: (file): U+0085 is a control character; delete it",
            id="c1_in_yaml",
        ),
        pytest.param(
            "data/114/year.yaml",
            "en: Summary}",
            "en: Sum\ufffemary}",
            "data/114/year.yaml:11:26: (file): U+FFFE is not a character; delete it",
            id="noncharacter_in_yaml",
        ),
        pytest.param(
            "data/114/year.yaml",
            "summary: {zh: 摘要, en: Summary}\n",
            "summary: {zh: 摘要, en: Summary}\r",
            "data/114/year.yaml:11:31: (file): U+000D is a carriage return without a line feed; "
            "end lines with LF or CR LF",
            id="bare_cr_in_yaml",
        ),
        pytest.param(
            "data/114/year.yaml",
            "en: Summary}",
            'en: "Sum\\amary"}',
            "data/114/year.yaml:11:23: summary.en: U+0007 is a control character; delete it",
            id="escaped_control_character_in_yaml",
        ),
        pytest.param(
            "content/114/home.en.md",
            "Welcome",
            "Wel\x1bcome",
            "content/114/home.en.md:1:4: (file): U+001B is a control character; delete it",
            id="escape_in_markdown",
        ),
        pytest.param(
            "content/114/home.en.md",
            "Welcome to",
            "Welcome\u2028to",
            "content/114/home.en.md:1:8: (file): U+2028 is a line separator; use an ordinary line break",
            id="line_separator_in_markdown",
        ),
    ],
)
def test_a_control_character_is_located_and_named(
    tiny: Path, capsys: pytest.CaptureFixture[str], rel: str, old: str, new: str, expected: str
) -> None:
    replace_bytes(tiny, rel, old.encode(), new.encode())
    assert_refused(tiny, capsys, expected)


def test_a_byte_order_mark_is_tolerated_and_columns_stay_right(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for rel in ("data/114/year.yaml", "content/114/home.en.md"):
        (tiny / rel).write_bytes(codecs.BOM_UTF8 + (tiny / rel).read_bytes())
    assert main(["check", "--root", str(tiny)]) == 0
    replace_bytes(tiny, "data/114/year.yaml", b"academic_year: 114", b"academic_year: 115")
    assert_refused(tiny, capsys, "data/114/year.yaml:1:16: academic_year: 115 does not match the folder data/114/")


def test_crlf_line_endings_are_fine(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for path in [*tiny.glob("data/**/*.yaml"), *tiny.glob("content/**/*.md")]:
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["check", "--root", str(tiny)]) == 0


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        pytest.param(
            "data/counties.yaml",
            "en: Alpha County}",
            'en: "Alpha\\nCounty"}',
            "data/counties.yaml:3:24: counties[0].name.en: must be one line: it holds a line break",
            id="county_name",
        ),
        pytest.param(
            "data/114/districts.yaml",
            "password: pass0807\n",
            "password: |\n        pass0807\n",
            "data/114/districts.yaml:16:17: districts[1].webex.password: must be one line: it holds a line break",
            id="password_with_a_trailing_line_break",
        ),
        pytest.param(
            "data/114/tracks.yaml",
            "label: {zh: 上午場, en: Morning}",
            "label: {zh: 上午場, en: Morning\n\n          session}",
            "data/114/tracks.yaml:30:30: tracks[1].parts[0].label.en: must be one line: it holds a line break",
            id="part_label",
        ),
    ],
)
def test_a_line_break_in_a_one_line_field_is_reported(
    tiny: Path, capsys: pytest.CaptureFixture[str], rel: str, old: str, new: str, expected: str
) -> None:
    replace_bytes(tiny, rel, old.encode(), new.encode())
    assert_refused(tiny, capsys, expected)


def test_prose_may_hold_line_breaks(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace_bytes(tiny, "data/114/year.yaml", b"en: Summary}", b'en: "Summary\\n\\nMore"}')
    assert main(["check", "--root", str(tiny)]) == 0


# --- containment ----------------------------------------------------------------------------

SECRET = "root:x:0:0:the secret outside the project\n"


@pytest.mark.parametrize("rel", ["content/114/home.en.md", "data/114/sessions.yaml"])
def test_a_link_to_a_file_outside_the_project_is_refused_and_never_published(
    tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], rel: str
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text((tiny / rel).read_text(encoding="utf-8") + SECRET, encoding="utf-8")
    (tiny / rel).unlink()
    (tiny / rel).symlink_to(outside)
    message = f"{rel}:1:1: (file): is a link to a file outside the project; copy the file into the project instead"
    assert_refused(tiny, capsys, message)
    assert main(["build", "--root", str(tiny)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "secret" not in captured.out + captured.err
    assert not [p for p in (tiny / "site").rglob("*") if p.is_file() and "secret" in p.read_text(errors="replace")]


def test_a_folder_linked_from_outside_the_project_is_refused(
    tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    (tiny / "content/114").rename(outside)
    (tiny / "content/114").symlink_to(outside, target_is_directory=True)
    advice = "is in a folder that links outside the project; copy the file into the project instead"
    assert_refused(
        tiny,
        capsys,
        f"content/114/home.en.md:1:1: (file): {advice}",
        f"content/114/home.zh-tw.md:1:1: (file): {advice}",
    )


def test_a_link_inside_the_project_is_followed(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared = tiny / "shared/home.en.md"
    shared.parent.mkdir()
    (tiny / "content/114/home.en.md").rename(shared)
    (tiny / "content/114/home.en.md").symlink_to(Path("../../shared/home.en.md"))
    assert main(["check", "--root", str(tiny)]) == 0


@pytest.mark.parametrize("rel", ["content/114/home.en.md", "data/114/sessions.yaml"])
def test_a_folder_where_a_file_should_be_is_reported(tiny: Path, capsys: pytest.CaptureFixture[str], rel: str) -> None:
    (tiny / rel).unlink()
    (tiny / rel).mkdir()
    assert_refused(tiny, capsys, f"{rel}:1:1: (file): is a folder, not a file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_named_pipe_where_a_file_should_be_is_reported_without_waiting(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tiny / "data/114/sessions.yaml").unlink()
    os.mkfifo(tiny / "data/114/sessions.yaml")
    assert_refused(tiny, capsys, "data/114/sessions.yaml:1:1: (file): is not a regular file")


def test_an_unreadable_file_is_reported(
    tiny: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # chmod cannot lock out root, who runs many CI containers, so the refusal is simulated.
    locked = (tiny / "data/114/sessions.yaml").resolve()
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    assert_refused(tiny, capsys, "data/114/sessions.yaml:1:1: (file): cannot be read: permission denied")
