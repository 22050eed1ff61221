"""The preview server: a save is served at once, a mistake is shown where you look, the fix recovers.

The end-to-end tests start ``build.py serve`` on a free port over a copy of the seed project,
edit its data files and read the pages back over HTTP, as a browser would.
"""

from __future__ import annotations

import asyncio
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from helpers import edit

from k12site.builder import BuildReport
from k12site.problems import DataError, Problem
from k12site.serve import BANNER_ID, SETTLE_SECONDS, Preview, Rebuilds, SourceWatcher, with_banner

REPO = Path(__file__).resolve().parent.parent
COUNTY_PAGE = "/zh-tw/114/counties/pingtung/"  # Pingtung is in district 5, whose password is k12ea0812
DISTRICTS = "data/114/districts.yaml"
TINY_COUNTY_PAGE = "/zh-tw/114/counties/alpha/"  # Alpha is in district 1, whose password is pass0806
SLOW_SECONDS = 2.0


# --- the rebuild, in process ----------------------------------------------------------------


def test_a_failed_rebuild_keeps_the_last_good_site_and_remembers_the_problems(
    seed_project: Path, tmp_path: Path
) -> None:
    preview = Preview(seed_project, tmp_path / "served" / "site")
    assert preview.build() and preview.failure is None
    page = preview.site / COUNTY_PAGE.strip("/") / "index.html"
    good = page.read_bytes()
    districts = seed_project / DISTRICTS
    districts.write_text(
        districts.read_text(encoding="utf-8").replace("schools: 748", "schools: many"), encoding="utf-8"
    )

    assert not preview.build("districts.yaml changed")

    line = _line_of(districts, "schools: many")
    assert f"data/114/districts.yaml:{line}:14: districts[4].schools: 'many' is not a whole number" in preview.failure
    assert page.read_bytes() == good
    districts.write_text(
        districts.read_text(encoding="utf-8").replace("schools: many", "schools: 748"), encoding="utf-8"
    )
    assert preview.build("districts.yaml changed") and preview.failure is None


def test_a_template_mistake_is_reported_with_its_file_and_line(seed_project: Path, tmp_path: Path) -> None:
    preview = Preview(seed_project, tmp_path / "site")
    assert preview.build()
    template = seed_project / "templates/404.html"
    edit(template, "not_found_title }}{% endblock %}", "not_found_title }}{% endblok %}")
    assert not preview.build("404.html changed")
    line = _line_of(template, "{% endblok %}")
    assert preview.failure.startswith(f"templates/404.html:{line}:1: (template): Encountered unknown tag 'endblok'.")


def test_the_banner_goes_first_in_the_body_and_escapes_the_error_text(tiny: Path, tmp_path: Path) -> None:
    preview = Preview(tiny, tmp_path / "site")
    preview.failure = "data/x.yaml:1:1: name: '<script>alert(1)</script>' & more"
    page = with_banner(
        b'<!DOCTYPE html><html><head><title>t</title></head><body class="home"><h1>Hi</h1></body></html>',
        preview.banner(),
    )
    soup = BeautifulSoup(page, "html.parser")
    assert soup.body.contents[0]["id"] == BANNER_ID
    assert soup.find("script") is None
    assert preview.failure in soup.find(id=BANNER_ID).get_text()
    assert "The build failed and there is no good build to show yet" in soup.get_text()  # nothing built yet


def _watch_while(folder: Path, edits: list[Callable[[], None]]) -> list[set[Path]]:
    """Run ``edits`` as one burst under a watcher of ``folder``; return what it reported.

    The watcher polls after every edit, but the loop does not yield until the burst is over, so
    the settle timer cannot fire in between however slow the machine is.
    """
    settled: list[set[Path]] = []

    async def run() -> None:
        watcher = SourceWatcher(on_settled=settled.append)
        watcher.watch(str(folder))
        for change in edits:
            change()
            watcher.examine()
        await asyncio.sleep(SETTLE_SECONDS + 0.3)

    asyncio.run(run())
    return settled


class GatedRebuilder:
    """Stands in for a slow `Rebuilder`: each build waits until the test lets one through."""

    def __init__(self, fail: bool = False):
        self.fail = fail
        self.gate = threading.Semaphore(0)
        self.threads: list[threading.Thread] = []

    def build(self) -> BuildReport:
        self.threads.append(threading.current_thread())
        assert self.gate.acquire(timeout=10), "the test never let this build through"
        if self.fail:
            raise DataError([Problem("data/114/districts.yaml", 3, 14, "districts[0].schools", "broken")])
        return BuildReport(1, 1, 2, 0.0, [])


async def _until(check: Callable[[], bool], what: str, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"{what}: not within {timeout} s"
        await asyncio.sleep(0.01)


def test_saves_during_a_rebuild_queue_exactly_one_more_rebuild_after_it(tiny: Path, tmp_path: Path, capsys) -> None:
    preview = Preview(tiny, tmp_path / "site")
    preview.rebuilder = rebuilder = GatedRebuilder()
    reloads: list[int] = []

    async def run() -> None:
        rebuilds = Rebuilds(preview, reload=lambda: reloads.append(len(rebuilder.threads)))
        try:
            rebuilds.request({tiny / "data/site.yaml"})
            await _until(lambda: len(rebuilder.threads) == 1, "the first rebuild")
            rebuilds.request({tiny / "data/counties.yaml"})  # saved while the first rebuild runs
            rebuilds.request({tiny / "content/114/home.en.md"})
            await asyncio.sleep(SETTLE_SECONDS)
            assert len(rebuilder.threads) == 1 and reloads == []
            rebuilder.gate.release()
            await _until(lambda: len(rebuilder.threads) == 2, "the queued rebuild")
            assert reloads == [1]
            rebuilder.gate.release()
            await _until(lambda: len(reloads) == 2, "the reload after the queued rebuild")
            await asyncio.sleep(SETTLE_SECONDS)
        finally:
            rebuilder.gate.release(5)
            rebuilds.close()

    asyncio.run(run())
    assert reloads == [1, 2] and len(rebuilder.threads) == 2
    printed = capsys.readouterr().out
    assert "data/site.yaml changed: rebuilt" in printed
    assert "content/114/home.en.md, data/counties.yaml changed: rebuilt" in printed


def test_a_rebuild_runs_off_the_servers_thread_and_the_failure_and_reload_come_back_to_it(
    tiny: Path, tmp_path: Path
) -> None:
    preview = Preview(tiny, tmp_path / "site")
    preview.rebuilder = rebuilder = GatedRebuilder(fail=True)
    reloads: list[tuple[threading.Thread, str | None]] = []

    async def run() -> None:
        rebuilds = Rebuilds(preview, reload=lambda: reloads.append((threading.current_thread(), preview.failure)))
        try:
            rebuilds.request({tiny / DISTRICTS})
            await _until(lambda: len(rebuilder.threads) == 1, "the rebuild")
            assert preview.failure is None  # not set while the rebuild runs
            rebuilder.gate.release()
            await _until(lambda: len(reloads) == 1, "the reload")
        finally:
            rebuilds.close()

    asyncio.run(run())
    loop_thread = threading.current_thread()
    assert rebuilder.threads[0] is not loop_thread
    [(reloaded_on, failure_then)] = reloads
    assert reloaded_on is loop_thread
    assert failure_then == preview.failure
    assert preview.failure.startswith("data/114/districts.yaml:3:14: districts[0].schools: broken\n1 problem found")


def test_a_burst_of_saves_makes_one_rebuild_that_knows_every_changed_file(tmp_path: Path) -> None:
    (tmp_path / "114").mkdir()
    a, b, c = tmp_path / "site.yaml", tmp_path / "114/sessions.yaml", tmp_path / "114/onsite.yaml"
    a.write_text("a", encoding="utf-8")
    b.write_text("b", encoding="utf-8")
    edits = [lambda: a.write_text("a2"), lambda: b.write_text("b2"), lambda: c.write_text("c"), lambda: a.unlink()]
    assert _watch_while(tmp_path, edits) == [{a, b, c}]


def test_editors_scratch_files_do_not_rebuild(tmp_path: Path) -> None:
    names = [".sessions.yaml.swp", "sessions.yaml~", "4913", "#sessions.yaml#", ".goutputstream-X1"]
    assert _watch_while(tmp_path, [lambda name=name: (tmp_path / name).write_text("x") for name in names]) == []


# --- the server, end to end -----------------------------------------------------------------


@dataclass
class Response:
    status: int
    type: str
    text: str

    @property
    def banner(self) -> str | None:
        found = BeautifulSoup(self.text, "html.parser").find(id=BANNER_ID)
        return found.get_text() if found else None

    def without_banner(self) -> str:
        soup = BeautifulSoup(self.text, "html.parser")
        found = soup.find(id=BANNER_ID)
        if found:
            found.decompose()
        return str(soup)


class Served:
    """A running ``build.py serve`` and its terminal output."""

    def __init__(self, port: int, log: Path):
        self.base, self.log = f"http://127.0.0.1:{port}", log

    def get(self, path: str) -> Response:
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as reply:
                return Response(reply.status, reply.headers["Content-Type"], reply.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            with error:
                return Response(error.code, error.headers["Content-Type"], error.read().decode("utf-8"))

    def wait_for(self, path: str, check: Callable[[Response], bool], what: str, timeout: float = 60) -> Response:
        deadline = time.monotonic() + timeout
        last: Response | str = "no answer"
        while time.monotonic() < deadline:
            try:
                last = self.get(path)
                if check(last):
                    return last
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                last = repr(error)
            time.sleep(0.05)
        raise AssertionError(
            f"{what}: not seen at {path} within {timeout} s; last: {last!r:.300}\nlog:\n{self.terminal()}"
        )

    def wait_for_terminal(self, pattern: str, timeout: float = 60) -> None:
        """Wait until the terminal shows ``pattern`` (a regular expression).

        The rebuild's line may come just after its pages: the rebuild runs in another thread.
        """
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.terminal()):
            if time.monotonic() >= deadline:
                raise AssertionError(f"{pattern!r} not printed within {timeout} s; log:\n{self.terminal()}")
            time.sleep(0.02)

    def terminal(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Run before `build.py serve` by tests that need every rebuild after the first to be slow.
SLOW_REBUILDS = f"""
import time
from k12site.builder import Rebuilder
plain, builds = Rebuilder.build, []
def slow(self):
    if builds:
        print("slow rebuild started", flush=True)
        time.sleep({SLOW_SECONDS})
    builds.append(1)
    return plain(self)
Rebuilder.build = slow
"""


@contextmanager
def serving(root: Path, log: Path, setup: str = "") -> Iterator[Served]:
    """``build.py serve`` on ``root`` and a free port, after running the Python code ``setup``."""
    port = _free_port()
    main = f"{setup}\nimport sys\nfrom k12site.cli import main\nsys.exit(main(sys.argv[1:]))"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", main, "serve", "--root", str(root), "--port", str(port)],
            cwd=REPO,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        try:
            yield Served(port, log)
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_a_saved_change_is_served_a_mistake_keeps_the_last_good_page_with_the_error_and_a_fix_recovers(
    seed_project: Path, tmp_path: Path
) -> None:
    districts = seed_project / DISTRICTS
    with serving(seed_project, tmp_path / "terminal.txt") as site:
        first = site.wait_for(COUNTY_PAGE, lambda r: r.status == 200, "the first build")
        assert "k12ea0812" in first.text and first.type == "text/html; charset=utf-8"
        assert "livereload.js" in first.text  # the browser is told when to reload
        assert site.get("/zh-tw/114/calendars/counties/pingtung.ics").type == "text/calendar; charset=utf-8"
        assert site.get("/zh-tw/114/data/sessions.csv").type == "text/csv; charset=utf-8"
        assert site.get("/en/114/data/sessions.json").type == "application/json; charset=utf-8"
        assert site.get("/en/114/changes.atom").type == "application/atom+xml; charset=utf-8"
        missing = site.get("/zh-tw/114/no-such-page/")
        assert missing.status == 404 and "找不到這個頁面" in missing.text  # the site's own 404 page

        # 1. a change is served
        saved = time.monotonic()
        edit(districts, "password: k12ea0812", "password: k12ea0812-moved")
        changed = site.wait_for(COUNTY_PAGE, lambda r: "k12ea0812-moved" in r.text, "the new password")
        seen_after = time.monotonic() - saved
        assert changed.banner is None
        site.wait_for_terminal(r"data/114/districts\.yaml changed: rebuilt in \d+\.\d\d s")

        # 2. a mistake: the last good page is still served, the located error on top of it
        edit(districts, "schools: 748", "schools: <b>many</b>")
        broken = site.wait_for(COUNTY_PAGE, lambda r: r.banner is not None, "the error banner")
        error = (
            f"data/114/districts.yaml:{_line_of(districts, 'schools: <b>many</b>')}:14: "
            "districts[4].schools: '<b>many</b>' is not a whole number"
        )
        assert error in broken.banner
        assert "<b>many</b>" not in broken.text  # escaped, shown as text
        assert broken.without_banner() == str(BeautifulSoup(changed.text, "html.parser"))
        assert error in site.terminal() and "still serving the last good build" in site.terminal()
        assert site.get("/zh-tw/114/sessions/").banner is not None  # on every page

        # 3. the fix: recovered by itself
        edit(districts, "schools: <b>many</b>", "schools: 748")
        fixed = site.wait_for(COUNTY_PAGE, lambda r: r.banner is None, "recovery")
        assert fixed.status == 200 and "k12ea0812-moved" in fixed.text

        rebuilds = re.findall(r"rebuilt in (\d+\.\d\d) s", site.terminal())
        print(
            f"\nrebuilds after a one-file change: {', '.join(rebuilds)} s; "
            f"the change was served {seen_after:.2f} s after the save"
        )


def test_a_project_broken_from_the_start_shows_its_errors_at_every_address_until_fixed(
    seed_project: Path, tmp_path: Path
) -> None:
    sessions = seed_project / "data/114/sessions.yaml"
    edit(sessions, "date: 2025-08-06", "date: 2025-08-32")
    with serving(seed_project, tmp_path / "terminal.txt") as site:
        page = site.wait_for("/en/114/", lambda r: r.status == 500, "the error page")
        assert "there is no good build to show yet" in page.banner
        assert "sessions[0].date: '2025-08-32' is not a date" in page.banner
        assert site.get("/").status == 500

        edit(sessions, "date: 2025-08-32", "date: 2025-08-06")
        # the banner goes once the loop has heard the rebuild finished, a moment after the switch
        fixed = site.wait_for("/en/114/", lambda r: r.status == 200 and r.banner is None, "the first good build")
        assert "2025-08-06" in fixed.text or "6 Aug 2025" in fixed.text


def test_a_request_during_a_slow_rebuild_is_answered_at_once_from_the_last_good_build(
    tiny_project: Path, tmp_path: Path
) -> None:
    with serving(tiny_project, tmp_path / "terminal.txt", setup=SLOW_REBUILDS) as site:
        site.wait_for(TINY_COUNTY_PAGE, lambda r: r.status == 200, "the first build")
        edit(tiny_project / DISTRICTS, "password: pass0806", "password: pass0806-new")
        site.wait_for_terminal("slow rebuild started")

        asked = time.monotonic()
        during = site.get(TINY_COUNTY_PAGE)
        waited = time.monotonic() - asked

        assert waited < SLOW_SECONDS / 2, f"the request waited {waited:.2f} s for the rebuild"
        assert during.status == 200 and during.banner is None
        assert "pass0806" in during.text and "pass0806-new" not in during.text
        site.wait_for(TINY_COUNTY_PAGE, lambda r: "pass0806-new" in r.text, "the rebuilt page", timeout=30)
        site.wait_for_terminal(r"data/114/districts\.yaml changed: rebuilt in [2-9]\.\d\d s", timeout=10)
