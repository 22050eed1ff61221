"""MAINTAINING.md as the tests that follow it read it, and the record of what a maintainer touched.

The walk-through tests (test_next_year.py, test_county_letter.py) take the guide's commands,
examples and quoted messages from the guide itself, so a guide that drifts from the site fails
them; and they compare the project's files before and after, so a task that needed anything but
data and content would show.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import cli

REPO = Path(__file__).resolve().parent.parent
GUIDE = REPO / "MAINTAINING.md"
FOLDERS = ("data", "content", "templates")  # what a copy of the project holds (seed.copy_seed_project)


def section(heading: str) -> str:
    """The guide's text under ``heading`` (a line starting with it), up to the next heading of its level or above."""
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(f"\n{heading}") + 1
    level = heading.split(" ")[0]
    following = re.compile(rf"^#{{1,{len(level)}}} ", flags=re.M)
    end = following.search(text, text.index("\n", start) + 1)
    return text[start : end.start() if end else len(text)]


def commands(text: str) -> list[str]:
    """The lines of the ```sh blocks in ``text``, as a maintainer types them (comments left out)."""
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    lines = [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line]


def committed(text: str) -> list[str]:
    """The paths of the guide's ``git add`` command in ``text``."""
    (paths,) = re.findall(r"git add ([^`&\n]+)", text)
    return paths.split()


def yaml_example(text: str) -> str:
    """The first YAML example in ``text``, as a maintainer would copy it."""
    block = re.search(r"```yaml\n(.*?)```", text, flags=re.S)[1]
    return "\n".join(line.removeprefix("   ") for line in block.splitlines()) + "\n"


def markdown_example(heading: str) -> str:
    """The first Markdown example after ``heading``, read past the end of its section (the example
    holds a heading of its own, which `section` would stop at)."""
    text = GUIDE.read_text(encoding="utf-8")
    return re.search(r"```markdown\n(.*?)```", text[text.index(heading) :], flags=re.S)[1]


def add_change(root: Path, year: int, record: str) -> None:
    """One more record at the end of ``changes:`` in data/<year>/changes.yaml, as the guide's format
    has it (the file may begin as ``changes: []``, or be missing: it is optional)."""
    path = root / f"data/{year}/changes.yaml"
    text = path.read_text(encoding="utf-8") if path.exists() else "changes:\n"
    path.write_text(text.replace("changes: []\n", "changes:\n") + record, encoding="utf-8")


def quoted_after(text: str, words: str) -> str:
    """The first `code` span after ``words`` in ``text``: a message or a name the guide quotes."""
    return re.search(re.escape(words) + r"[^`]*`([^`]+)`", text, flags=re.S)[1]


def run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], list[str]]:
    """``.venv/bin/python build.py <args>`` in the project ``root``: exit code, stdout and stderr lines."""
    code, out, err = cli([*args, "--root", str(root)], capsys)
    return code, out.splitlines(), err.splitlines()


NEW_URL = re.compile(r"data/urls\.yaml:\d+:\d+: warning: urls: (\S+) is new; record it with build\.py urls --record")


def new_urls(err: list[str]) -> set[str]:
    """The URLs a check's warnings call new; every line must be such a warning (or none at all)."""
    found = [NEW_URL.match(line) for line in err]
    assert all(found), [line for line, match in zip(err, found, strict=True) if not match]
    return {match[1] for match in found}


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the project a maintainer edits or could edit: data, content and templates."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for folder in FOLDERS
        for path in sorted((root / folder).rglob("*"))
        if path.is_file()
    }


def touched(before: dict[str, bytes], after: dict[str, bytes]) -> dict[str, str]:
    """Each file created, edited or deleted between two snapshots, with what happened to it."""
    changes = {rel: "created" for rel in after.keys() - before.keys()}
    changes |= {rel: "deleted" for rel in before.keys() - after.keys()}
    changes |= {rel: "edited" for rel in before.keys() & after.keys() if before[rel] != after[rel]}
    return dict(sorted(changes.items()))


def under(rel: str, paths: list[str]) -> bool:
    """Whether ``rel`` is one of ``paths`` or inside one of them (as ``git add`` takes them)."""
    return any(rel == path or rel.startswith(path.rstrip("/") + "/") for path in paths)


GATES_BASE_URL = "https://example.github.io/k12-training/"


def data_gates(root: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """What CI holds the live data to, run on a project a maintainer has just edited: `check
    --strict` and `build --strict` (as published, with a base URL) pass with nothing to say, the URL
    ledger records exactly what the site publishes (no URL new or gone), and every data file that
    names an editor schema names its own. (The editor schemas themselves, and the search index,
    are checked on the live data by their own tests: neither can fail where `check --strict`
    passed.) Returns the built site."""
    from test_schema import modeline_problems

    code, _, err = run(root, capsys, "check", "--strict")
    assert (code, err) == (0, []), err
    code, _, err = run(root, capsys, "build", "--strict", "--no-search", "--base-url", GATES_BASE_URL)
    assert (code, err) == (0, []), err
    code, listed, err = run(root, capsys, "urls")
    states = {line.split()[0] for line in listed if line.strip() and not line[0].isdigit()}
    assert code == 0 and states <= {"recorded", "moved"}, [line for line in listed if line.startswith(("new", "gone"))]
    assert modeline_problems(root) == []
    return root / "site"
