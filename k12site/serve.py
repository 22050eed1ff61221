"""The preview server: build, serve on 127.0.0.1, rebuild on every save, reload the browser.

MkDocs' loop with Lektor's error page:

- The site is built into a private folder that is only ever replaced whole (`Rebuilder` renders
  into a new build folder and switches the site link to it), so no request ever sees a half-built
  site. Rebuilds run in a worker thread (`Rebuilds`), so the server answers from the last good
  build while one runs, however long it takes.
- Saves are debounced: a burst of saves makes one rebuild, `SETTLE_SECONDS` after the last.
  Rebuilds run one at a time; saves during one make exactly one more, after it.
- A failed rebuild leaves the last good site in place. Its located problems are printed in the
  terminal and shown at the top of every page until a rebuild succeeds.
- The browser is told to reload only once the rebuild has finished; livereload's own reload
  would fire as soon as it saw the change, before the new site is there.
"""

from __future__ import annotations

import datetime as dt
import errno
import html
import os
import re
import signal
import socket
import sys
import tempfile
import time
import traceback
from asyncio import Future
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from livereload import Server
from livereload.handlers import ForceReloadHandler, LiveReloadHandler, LiveReloadJSHandler, StaticFileHandler
from livereload.server import LiveScriptInjector
from livereload.watcher import Watcher
from tornado import escape, web
from tornado.ioloop import IOLoop, PeriodicCallback
from tornado.web import HTTPError

from .builder import Rebuilder
from .calendars import ICS_CONTENT_TYPE
from .files import TEMPLATES
from .problems import DataError

WATCHED = ("data", "content", TEMPLATES, "static")
POLL_SECONDS = 0.1
SETTLE_SECONDS = 0.2

# Text types carry their charset, as a web host would send them; everything else is guessed.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".ics": ICS_CONTENT_TYPE,
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
}

# livereload's snippet, which finds the socket on the page's own port (the one port served)
LIVE_SCRIPT = (
    '<script type="text/javascript">(function(){var s=document.createElement("script");'
    "var port=(window.location.port || (window.location.protocol == 'https:' ? 443: 80));"
    's.src="//"+window.location.hostname+":"+port+ "/livereload.js?port=" + port;'
    "document.head.appendChild(s);})();</script>"
)

BANNER_ID = "k12site-build-error"
FAILED_HEADING = (
    "建置失敗：以下是上次成功建置的網站。修正這些問題並存檔後，頁面會自動更新。",
    "The build failed: this is the last good build. Fix these problems and save; the page reloads by itself.",
)
NOTHING_YET_HEADING = (
    "建置失敗，還沒有可以顯示的網站。修正這些問題並存檔後，頁面會自動更新。",
    "The build failed and there is no good build to show yet. Fix these problems and save; the page reloads by itself.",
)


def serve(
    root: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    base_url: str | None = None,
    strict: bool = False,
    today: dt.date | None = None,
) -> int:
    """Serve a preview of ``root`` until interrupted; return the exit code. Without ``today``,
    each rebuild marks the sessions by the date it starts on."""
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return _serve(root, host, port, base_url, strict, today)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _serve(root: Path, host: str, port: int, base_url: str | None, strict: bool, today: dt.date | None) -> int:
    with tempfile.TemporaryDirectory(prefix="k12site-serve-") as folder:
        preview = Preview(root, Path(folder) / "site", base_url=base_url, strict=strict, today=today)
        rebuilds = Rebuilds(preview)
        server = PreviewServer(preview, watcher=SourceWatcher(on_settled=rebuilds.request))
        for name in WATCHED:
            server.watch(str(root / name))
        try:
            port = usable_port(host, port)  # before any work: a port that cannot be served costs no build
            preview.build()
            print(f"Preview at http://{host}:{port}/ (press Ctrl+C to stop)", flush=True)
            server.serve(port=port, host=host)  # returns on Ctrl+C or SIGTERM
        except KeyboardInterrupt:
            pass
        except OSError as exc:
            print(port_problem(host, port, exc), file=sys.stderr)
            return 1
        finally:
            rebuilds.close()  # before the preview folder is removed under a running rebuild
    return 0


def usable_port(host: str, port: int) -> int:
    """``port`` once it is known that it can be served on ``host``; for 0, the free port chosen.

    The test binds and lets go: a free port chosen here is then listened on by the server, as
    a port given is; the address printed is the one served. Raises the `OSError` it met.
    """
    with socket.create_server((host, port)) as probe:
        return probe.getsockname()[1]


def port_problem(host: str, port: int, exc: OSError) -> str:
    """One line saying why ``port`` cannot be served on ``host``."""
    if exc.errno == errno.EADDRINUSE:
        return f"port {port} on {host} is already in use: stop the other server or pass --port"
    if exc.errno == errno.EACCES:
        return f"port {port} on {host} needs rights this user does not have: pass --port 1024 or above, e.g. 8000"
    if isinstance(exc, socket.gaierror):
        return f"cannot serve on {host}: it is not an address of this machine ({exc.strerror}); pass --host 127.0.0.1"
    return f"cannot serve on {host}, port {port}: {exc.strerror or exc}"


def _interrupt(signum: int, frame: Any) -> None:
    """Stop on SIGTERM as on Ctrl+C, so the preview folder is cleaned up."""
    raise KeyboardInterrupt


def _reason(paths: set[Path], root: Path) -> str:
    names = sorted(_display(path, root) for path in paths)
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "") + " changed"


def _display(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


class Preview:
    """The served site and why its last build failed, if it did."""

    def __init__(
        self, root: Path, site: Path, *, base_url: str | None = None, strict: bool = False, today: dt.date | None = None
    ):
        self.root = root
        self.site = site
        self.rebuilder = Rebuilder(root, site, base_url=base_url, strict=strict, today=today)
        self.failure: str | None = None

    @property
    def has_site(self) -> bool:
        return self.site.is_dir()

    def build(self, reason: str | None = None) -> bool:
        """(Re)build now; on failure keep the last good site and remember the problems to show."""
        self.failure = self.attempt(reason)
        return self.failure is None

    def attempt(self, reason: str | None = None) -> str | None:
        """(Re)build and say how it went; return the problems to show, None if it succeeded.

        Safe in a worker thread: it changes nothing that requests read but the site link, which
        the build switches whole. ``reason`` says what changed; None for the first build.
        """
        started = time.perf_counter()
        try:
            report = self.rebuilder.build()
        except DataError as exc:
            return self._failed(reason, exc.report())
        except Exception:  # any other template or code error: show it like bad data, and keep serving
            return self._failed(reason, traceback.format_exc().rstrip())
        for warning in report.warnings:
            print(warning, file=sys.stderr, flush=True)
        done = f"{reason}: rebuilt" if reason else "built"
        print(
            f"{_now()} {done} in {time.perf_counter() - started:.2f} s "
            f"({report.pages} pages, {report.calendars} calendars)",
            flush=True,
        )
        return None

    def _failed(self, reason: str | None, text: str) -> str:
        kept = "still serving the last good build" if self.has_site else "nothing to serve yet"
        print(f"{_now()} {reason or 'first build'}: build failed; {kept}\n{text}", file=sys.stderr, flush=True)
        return text

    def banner(self) -> bytes:
        """The error banner for the top of every page, HTML-escaped."""
        zh, en = FAILED_HEADING if self.has_site else NOTHING_YET_HEADING
        return (
            f'<div id="{BANNER_ID}" role="alert" style="position:sticky;top:0;z-index:2147483647;margin:0;'
            "padding:1em 1.25em;background:#fff1f0;color:#5c0000;border-bottom:4px solid #c00;"
            'font:16px/1.5 system-ui,sans-serif;text-align:start">'
            f'<p lang="zh-Hant-TW" style="margin:0;font-weight:bold">{html.escape(zh)}</p>'
            f'<p lang="en" style="margin:0;font-weight:bold">{html.escape(en)}</p>'
            '<pre style="margin:.75em 0 0;white-space:pre-wrap;overflow-wrap:anywhere;'
            f'font:14px/1.45 ui-monospace,monospace">{html.escape(self.failure or "")}</pre></div>'
        ).encode()

    def error_page(self) -> bytes:
        """The page every address shows while no build has succeeded yet."""
        head = (
            '<!DOCTYPE html>\n<html lang="zh-Hant-TW"><head><meta charset="utf-8">'
            "<title>建置失敗 · Build failed</title></head>"
        )
        return head.encode("utf-8") + b"<body>" + self.banner() + b"</body></html>\n"


def _reload_browsers() -> None:
    LiveReloadHandler.reload_waiters("*")


class Rebuilds:
    """Rebuilds in a worker thread, one at a time, so that the server answers while one runs.

    Requests meanwhile get the last good build, as the build switches the site whole. Saves
    during a rebuild queue one more, which starts when it ends. Once a rebuild has finished,
    `Preview.failure` is set and the browser told to reload on the server's thread, where the
    requests run: none sees the failure change while it is being answered.
    """

    def __init__(self, preview: Preview, reload: Callable[[], None] = _reload_browsers):
        self.preview = preview
        self.reload = reload
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="k12site-rebuild")
        self.running = False
        self.queued: set[Path] = set()

    def request(self, paths: set[Path]) -> None:
        """Rebuild because ``paths`` changed, now or after the running rebuild; on the server's thread."""
        if self.running:
            self.queued |= paths
        else:
            self._start(paths)

    def close(self) -> None:
        """Wait for the running rebuild, if any, to finish; forget a queued one."""
        self.worker.shutdown(wait=True, cancel_futures=True)

    def _start(self, paths: set[Path]) -> None:
        self.running = True
        loop = IOLoop.current()
        rebuilt = loop.run_in_executor(self.worker, self.preview.attempt, _reason(paths, self.preview.root))
        loop.add_future(rebuilt, self._finished)

    def _finished(self, done: Future[str | None]) -> None:
        self.running = False
        self.preview.failure = done.result()
        self.reload()
        if self.queued:
            paths, self.queued = self.queued, set()
            self._start(paths)


def with_banner(page: bytes, banner: bytes) -> bytes:
    """``page`` with ``banner`` as the first thing in its body."""
    body = re.search(rb"<body\b[^>]*>", page, re.IGNORECASE)
    at = body.end() if body else 0
    return page[:at] + banner + page[at:]


def _now() -> str:
    return time.strftime("%H:%M:%S")


class SourceWatcher(Watcher):
    """livereload's watcher, for sources that must be rebuilt before the browser reloads.

    It compares snapshots of the watched folders every `POLL_SECONDS`, so every file of a burst
    of saves is seen at once, and calls ``on_settled`` with the changed paths once no file has
    changed for `SETTLE_SECONDS`. It never asks livereload to reload: the rebuild does.
    """

    def __init__(self, on_settled: Callable[[set[Path]], None]):
        super().__init__()
        self.on_settled = on_settled
        self.pending: set[Path] = set()
        self._seen: dict[Path, tuple[int, int]] = {}
        self._timer: object | None = None

    def watch(self, path: str, func: Any = None, delay: Any = None, ignore: Any = None) -> None:
        super().watch(path, func, delay, ignore)
        self._seen.update(_scan(Path(path)))

    def start(self, callback: Callable[[], None]) -> bool:
        PeriodicCallback(callback, POLL_SECONDS * 1000).start()
        return True

    def examine(self) -> tuple[None, None]:
        now: dict[Path, tuple[int, int]] = {}
        for path in self._tasks:
            now.update(_scan(Path(path)))
        changed = {path for path in now.keys() | self._seen.keys() if now.get(path) != self._seen.get(path)}
        self._seen = now
        if changed:
            self.pending |= changed
            loop = IOLoop.current()
            if self._timer is not None:
                loop.remove_timeout(self._timer)
            self._timer = loop.call_later(SETTLE_SECONDS, self._settled)
        return None, None

    def _settled(self) -> None:
        paths, self.pending, self._timer = self.pending, set(), None
        self.on_settled(paths)


def _scan(folder: Path) -> dict[Path, tuple[int, int]]:
    """Modification time and size of every file under ``folder``, editors' scratch files aside."""
    found = {}
    for parent, dirs, files in os.walk(folder):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in files:
            if _is_scratch(name):
                continue
            path = Path(parent, name)
            try:
                info = path.stat()
            except FileNotFoundError:  # deleted while we looked
                continue
            found[path] = (info.st_mtime_ns, info.st_size)
    return found


def _is_scratch(name: str) -> bool:
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")) or name == "4913"


class QuietLiveReload(LiveReloadHandler):
    """livereload's websocket, which ignores a message that is not its protocol's JSON instead of
    printing a traceback for it: anything on the machine can open the socket and send junk."""

    def on_message(self, message: str | bytes) -> None:
        try:
            super().on_message(message)
        except (ValueError, TypeError, AttributeError, KeyError):
            pass


class PreviewServer(Server):
    """livereload's server, serving the preview through `SiteFiles`."""

    def __init__(self, preview: Preview, watcher: Watcher):
        super().__init__(watcher=watcher)
        self.preview = preview

    def application(self, port: int, host: str, liveport: Any = None, debug: Any = None, live_css: bool = True) -> None:
        """livereload's application on one port, with `QuietLiveReload` as its websocket."""
        LiveReloadHandler.watcher = self.watcher  # its class methods read the base class's
        LiveReloadHandler.live_css = live_css
        script = escape.utf8(LIVE_SCRIPT)

        class Injector(LiveScriptInjector):
            pass

        Injector.script = script
        handlers = [
            (r"/livereload", QuietLiveReload),
            (r"/forcereload", ForceReloadHandler),
            (r"/livereload.js", LiveReloadJSHandler),
            *self.get_web_handlers(script),
        ]
        web.Application(handlers=handlers, debug=False, transforms=[Injector]).listen(port, address=host)

    def get_web_handlers(self, script: bytes) -> list[tuple[Any, ...]]:
        return [
            (
                r"/(.*)",
                SiteFiles,
                {"path": str(self.preview.site), "default_filename": "index.html", "preview": self.preview},
            )
        ]


class SiteFiles(StaticFileHandler):
    """The built site as static files, its 404 page for missing ones, the errors on top of both."""

    def initialize(self, path: str, default_filename: str | None = None, preview: Preview | None = None) -> None:
        super().initialize(path, default_filename)
        assert preview is not None
        self.preview = preview
        self.absolute_path: str | None = None  # set by get() when a file is served as it is

    def compute_etag(self) -> str | None:
        return None if self.absolute_path is None else super().compute_etag()

    def get_content_type(self) -> str:
        suffix = Path(self.absolute_path).suffix.lower() if self.absolute_path else ""
        return CONTENT_TYPES.get(suffix) or super().get_content_type()

    async def get(self, path: str, include_body: bool = True) -> None:
        if "\x00" in path:  # no file has such a name; the file system would raise on it
            raise HTTPError(400)
        # The whole request reads one build: a rebuild in the worker may switch the site meanwhile.
        self.root = os.path.realpath(self.preview.site)
        if self.preview.failure is None or not include_body:
            return await super().get(path, include_body)
        if not self.preview.has_site:
            self._html(self.preview.error_page(), status=500)
            return
        page = self._page(path)
        if page is None:
            return await super().get(path, include_body)
        self._html(with_banner(page.read_bytes(), self.preview.banner()))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        not_found = Path(self.root, "404.html")
        if status_code != 404 or not not_found.is_file():
            return super().write_error(status_code, **kwargs)
        page = not_found.read_bytes()
        self._html(page if self.preview.failure is None else with_banner(page, self.preview.banner()), status=404)

    def _page(self, path: str) -> Path | None:
        """The HTML file that ``path`` shows, if it is one inside the site."""
        site = Path(self.root).resolve()
        file = (site / (path + "index.html" if path == "" or path.endswith("/") else path)).resolve()
        return file if file.suffix == ".html" and file.is_file() and file.is_relative_to(site) else None

    def _html(self, body: bytes, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", CONTENT_TYPES[".html"])
        self.set_header("Cache-Control", "no-store")
        self.finish(body)
