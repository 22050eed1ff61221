"""The preview server: a save is served at once, a mistake is shown where you look, the fix recovers.

The end-to-end tests start ``build.py serve`` on a free port over a copy of the real project,
edit its data files and read the pages back over HTTP, as a browser would.
"""

from __future__ import annotations

import asyncio
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from k12site.serve import BANNER_ID, SETTLE_SECONDS, Preview, SourceWatcher, with_banner

REPO = Path(__file__).resolve().parent.parent
COUNTY_PAGE = "/zh-tw/114/counties/pingtung/"  # Pingtung is in district 5, whose password is k12ea0812
DISTRICTS = "data/114/districts.yaml"


# --- the rebuild, in process ----------------------------------------------------------------


def test_a_failed_rebuild_keeps_the_last_good_site_and_remembers_the_problems(real: Path, tmp_path: Path) -> None:
    preview = Preview(real, tmp_path / "served" / "site")
    assert preview.build() and preview.failure is None
    page = preview.site / COUNTY_PAGE.strip("/") / "index.html"
    good = page.read_bytes()
    districts = real / DISTRICTS
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


def test_a_template_mistake_is_reported_with_its_file_and_line(real: Path, tmp_path: Path) -> None:
    preview = Preview(real, tmp_path / "site")
    assert preview.build()
    template = real / "templates/404.html"
    _edit(template, "{% endblock %}", "{% endblok %}")
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
        for edit in edits:
            edit()
            watcher.examine()
        await asyncio.sleep(SETTLE_SECONDS + 0.3)

    asyncio.run(run())
    return settled


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

    def terminal(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(root: Path, log: Path) -> Iterator[Served]:
    port = _free_port()
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "serve", "--root", str(root), "--port", str(port)],
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


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_a_saved_change_is_served_a_mistake_keeps_the_last_good_page_with_the_error_and_a_fix_recovers(
    real: Path, tmp_path: Path
) -> None:
    districts = real / DISTRICTS
    with serving(real, tmp_path / "terminal.txt") as site:
        first = site.wait_for(COUNTY_PAGE, lambda r: r.status == 200, "the first build")
        assert "k12ea0812" in first.text and first.type == "text/html; charset=utf-8"
        assert "livereload.js" in first.text  # the browser is told when to reload
        assert site.get("/zh-tw/114/calendars/counties/pingtung.ics").type == "text/calendar; charset=utf-8"
        missing = site.get("/zh-tw/114/no-such-page/")
        assert missing.status == 404 and "找不到這個頁面" in missing.text  # the site's own 404 page

        # 1. a change is served
        saved = time.monotonic()
        _edit(districts, "password: k12ea0812", "password: k12ea0812-moved")
        changed = site.wait_for(COUNTY_PAGE, lambda r: "k12ea0812-moved" in r.text, "the new password")
        seen_after = time.monotonic() - saved
        assert changed.banner is None
        assert re.search(r"data/114/districts\.yaml changed: rebuilt in \d+\.\d\d s", site.terminal())

        # 2. a mistake: the last good page is still served, the located error on top of it
        _edit(districts, "schools: 748", "schools: <b>many</b>")
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
        _edit(districts, "schools: <b>many</b>", "schools: 748")
        fixed = site.wait_for(COUNTY_PAGE, lambda r: r.banner is None, "recovery")
        assert fixed.status == 200 and "k12ea0812-moved" in fixed.text

        rebuilds = re.findall(r"rebuilt in (\d+\.\d\d) s", site.terminal())
        print(
            f"\nrebuilds after a one-file change: {', '.join(rebuilds)} s; "
            f"the change was served {seen_after:.2f} s after the save"
        )


def test_a_project_broken_from_the_start_shows_its_errors_at_every_address_until_fixed(
    real: Path, tmp_path: Path
) -> None:
    sessions = real / "data/114/sessions.yaml"
    _edit(sessions, "date: 2025-08-06", "date: 2025-08-32")
    with serving(real, tmp_path / "terminal.txt") as site:
        page = site.wait_for("/en/114/", lambda r: r.status == 500, "the error page")
        assert "there is no good build to show yet" in page.banner
        assert "sessions[0].date: '2025-08-32' is not a date" in page.banner
        assert site.get("/").status == 500

        _edit(sessions, "date: 2025-08-32", "date: 2025-08-06")
        fixed = site.wait_for("/en/114/", lambda r: r.status == 200, "the first good build")
        assert fixed.banner is None
