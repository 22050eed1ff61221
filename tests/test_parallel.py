"""The build's second process: calendars render beside the pages, with the same result.

`build` forks after loading when the machine has a second core; these tests prove that it did,
that the site is the same byte for byte as a one-process build, and that any failure on either
side fails the build, leaves the previous site as it was and leaves no process behind.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from k12site import calendars, pages
from k12site.builder import build
from k12site.parallel import Beside, can_fork, cores
from k12site.problems import DataError, Problem


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def no_child_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.fixture(autouse=True)
def two_cores() -> None:
    """These machines have two cores and pytest runs no threads: the second process must run."""
    assert cores() > 1 and threading.active_count() == 1, "this machine cannot test the second process"
    assert can_fork()


def test_calendars_render_in_a_second_process(real: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = tmp_path / "pids"
    original = calendars.render_calendars

    def recording(*args, **kwargs):
        with seen.open("a") as log:
            log.write(f"{os.getpid()}\n")
        return original(*args, **kwargs)

    monkeypatch.setattr(calendars, "render_calendars", recording)
    report = build(real, tmp_path / "out")
    (pid,) = map(int, seen.read_text().split())
    assert pid != os.getpid()
    assert report.calendars == 92 and report.pages == 62, "the names the other process wrote are counted"
    assert no_child_left()


@pytest.mark.parametrize("base_url", [None, "https://example.org/k12/"])
def test_a_two_process_build_equals_a_one_process_build(real: Path, tmp_path: Path, base_url: str | None) -> None:
    build(real, tmp_path / "two", base_url=base_url)
    build(real, tmp_path / "one", base_url=base_url, parallel=False)
    two, one = files(tmp_path / "two"), files(tmp_path / "one")
    assert len(two) == 157 and two == one


def test_a_rebuild_over_the_spare_folder_removes_what_neither_process_wrote(real: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(real, out)
    build(real, out)  # the next build writes over the spare folder
    (tmp_path / ".out.spare/en/114/calendars/stale.ics").write_text("old")
    (tmp_path / ".out.spare/en/114/stale/index.html").parent.mkdir()
    (tmp_path / ".out.spare/en/114/stale/index.html").write_text("old")
    build(real, out)
    build(real, tmp_path / "fresh", parallel=False)
    assert files(out) == files(tmp_path / "fresh")


def test_an_error_in_the_calendar_process_fails_the_build_and_keeps_the_old_site(
    real: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build(real, out)
    good = files(out)

    def broken(*args, **kwargs):
        raise ValueError("district-5-hr: 2025-08-12T08:30 is not at UTC+8")

    monkeypatch.setattr(calendars, "render_calendars", broken)
    with pytest.raises(ValueError, match="is not at UTC") as caught:
        build(real, out)
    assert any("second process" in note and "broken" in note for note in caught.value.__notes__)
    assert files(out) == good
    assert no_child_left()


def test_a_data_error_raised_in_the_calendar_process_reads_as_one(
    real: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def located(*args, **kwargs):
        raise DataError([Problem("data/114/sessions.yaml", 5, 3, "sessions[0].date", "a located problem")])

    monkeypatch.setattr(calendars, "render_calendars", located)
    with pytest.raises(DataError) as caught:
        build(real, tmp_path / "out")
    assert caught.value.report().splitlines()[0] == "data/114/sessions.yaml:5:3: sessions[0].date: a located problem"


def test_a_calendar_process_that_dies_fails_the_build(real: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    build(real, out)
    good = files(out)
    monkeypatch.setattr(calendars, "render_calendars", lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL))
    with pytest.raises(RuntimeError, match="second process was ended by signal 9 before it finished"):
        build(real, out)
    assert files(out) == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "real"], "no staging folder left"


def test_a_page_error_stops_the_calendar_process(real: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    build(real, out)
    good = files(out)

    def slow_calendars(*args, **kwargs):
        signal.pause()  # would wait for ever unless stopped

    def broken_pages(*args, **kwargs):
        raise KeyError("county")

    monkeypatch.setattr(calendars, "render_calendars", slow_calendars)
    monkeypatch.setattr(pages, "render_site", broken_pages)
    with pytest.raises(KeyError, match="county"):
        build(real, out)
    assert files(out) == good
    assert no_child_left()


def test_two_outputs_to_one_path_are_refused_across_processes(
    real: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = calendars.render_calendars

    def also_a_page(project, output, memo=None):
        original(project, output, memo)
        output.add("en/114/index.html", "written by the calendar process too")

    monkeypatch.setattr(calendars, "render_calendars", also_a_page)
    with pytest.raises(Exception, match="two outputs would be written to 'en/114/index.html'"):
        build(real, tmp_path / "out")


class Unpicklable(Exception):
    def __init__(self, reason: str, code: int) -> None:
        super().__init__(f"{reason} ({code})")


def test_beside_returns_the_result_or_raises_the_error() -> None:
    assert Beside(lambda: {"pid": os.getpid()}).join()["pid"] != os.getpid()

    def fails() -> None:
        raise Unpicklable("no pickling", 7)

    with pytest.raises(RuntimeError, match=r"(?s)second process failed:.*Unpicklable: no pickling \(7\)"):
        Beside(fails).join()
    assert no_child_left()


SPLIT_IMPORTS = """
import json, sys
from pathlib import Path
from k12site import builder

LIBRARIES = ("jinja2", "icalendar")
original = builder._calendars_only

def spy(project, output):
    Path(sys.argv[2]).write_text(json.dumps([m for m in LIBRARIES if m in sys.modules]))
    return original(project, output)

builder._calendars_only = spy
builder.build(Path(sys.argv[1]))
print(json.dumps([m for m in LIBRARIES if m in sys.modules]))
"""


def test_each_process_loads_only_the_library_its_part_needs(real: Path, tmp_path: Path) -> None:
    """The fork comes before Jinja or icalendar is loaded: each side loads its own, at the same time."""
    seen = tmp_path / "second.json"
    result = subprocess.run(
        [sys.executable, "-c", SPLIT_IMPORTS, str(real), str(seen)], capture_output=True, text=True, check=True
    )
    assert json.loads(seen.read_text()) == [], "the second process started before either library was loaded"
    assert json.loads(result.stdout) == ["jinja2"], "the page side never loads icalendar"
    assert len(list((real / "site").rglob("*.ics"))) == 92


def test_the_command_line_build_leaves_the_collector_running(real: Path) -> None:
    """The CLI pauses the cyclic collector while modules load; it must run again while pages render,
    or memory grows with the site (105 MB instead of 61 MB at 100× the data)."""
    from k12site.cli import main

    try:
        assert main(["build", "--root", str(real)]) == 0
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_beside_reports_a_process_that_exits_without_an_answer() -> None:
    with pytest.raises(RuntimeError, match="second process exited with status 3 before it finished its part"):
        Beside(lambda: os._exit(3)).join()
    assert no_child_left()
