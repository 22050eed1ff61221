"""The quality gates a built site must pass, as plain functions that return the problems found.

Each gate returns readable lines, one per problem (an empty list: the gate passes), so the same
code checks the real site and the small broken fixtures that prove each gate can fail. The tools
are the auditors' own: the W3C Nu HTML Checker (npm vnu-jar, on Java), axe-core in Debian's
headless Chromium driven by Python playwright, and icalendar. ``require_tool`` fails under
CI=true and skips elsewhere with a hint that says what to install.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import posixpath
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

import icalendar
import pytest
from bs4 import BeautifulSoup

from k12site.i18n import HTML_LANG, OTHER
from k12site.urls import Page

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 900}
# What a browser prints by default: A4 with 10 mm margins, unless the site's @page says otherwise.
A4_MARGINS = {side: "10mm" for side in ("top", "right", "bottom", "left")}
A4_PRINTABLE_PX = {"width": round(190 / 25.4 * 96), "height": round(277 / 25.4 * 96)}
START_TIMEOUT = 3_000  # ms for a download or navigation from 127.0.0.1 to start: at once, or never
# Bytes one page may transfer, uncompressed, all resources included: see README "Quality gates".
WEIGHT_BUDGET = 50 * 1024
# The search pages' own budget, for the page and a whole search (Pagefind's script, its WebAssembly,
# the language's index and the results' fragments): see README "Quality gates".
SEARCH_WEIGHT_BUDGET = 300 * 1024
SEARCH_PAGES = tuple(Page("search", lang).dir for lang in OTHER)

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    # Tagged "experimental", so a tag run leaves it out unless it is named.
    "rules": {"td-has-header": {"enabled": True}},
    "resultTypes": ["violations"],
}

# --- tools -------------------------------------------------------------------------------------

NPM_HINT = "run `npm ci --ignore-scripts` in the repository (needs Node.js and npm: apt-get install nodejs npm)"
TOOLS = {
    "chromium": (CHROMIUM.is_file, "apt-get install chromium chromium-driver fonts-noto-cjk"),
    "playwright": (
        lambda: importlib.util.find_spec("playwright") is not None,
        ".venv/bin/pip install -e '.[test]' (Python playwright; its own browsers are not needed)",
    ),
    "java": (lambda: shutil.which("java") is not None, "apt-get install default-jre-headless"),
    "vnu.jar": (VNU_JAR.is_file, NPM_HINT),
    "axe-core": (AXE_JS.is_file, NPM_HINT),
    "pdf-and-qr": (
        lambda: all(importlib.util.find_spec(name) for name in ("pypdfium2", "zxingcpp", "PIL")),
        ".venv/bin/pip install -e '.[test]' (pypdfium2, zxing-cpp and pillow read printed pages' QR codes)",
    ),
}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def require_tool(*names: str) -> None:
    """Fail under CI=true, skip elsewhere, when a tool a gate needs is missing."""
    for name in names:
        present, hint = TOOLS[name]
        if not present():
            message = f"{name} is missing: {hint}; or run `bash .ci/run`, which installs everything"
            if in_ci():
                pytest.fail(message, pytrace=False)
            pytest.skip(message)


def fail_on(problems: list[str], what: str) -> None:
    """Fail the test with every problem on its own line."""
    if problems:
        pytest.fail(f"{len(problems)} {what}:\n" + "\n".join(problems), pytrace=False)


# --- the site on disk and on 127.0.0.1 ---------------------------------------------------------


def html_files(root: Path) -> list[str]:
    """Every HTML file of a built site, as a path relative to its root."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))


def served_path(file: str) -> str:
    """The URL path a file is served at: ``en/114/index.html`` -> ``en/114/``."""
    if file == "index.html":
        return ""
    return file[: -len("index.html")] if file.endswith("/index.html") else file


def counterpart(path: str) -> str:
    """The same page in the other language: ``zh-tw/114/x/`` -> ``en/114/x/``."""
    lang, _, rest = path.partition("/")
    return f"{OTHER[lang]}/{rest}"


class _Handler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".svg": "image/svg+xml",
        ".ics": "text/calendar; charset=utf-8",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 on a free port; yields the origin, ending in ``/``."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="gates-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def chromium() -> Iterator[object]:
    """Debian's headless Chromium under playwright (``playwright install`` is never needed)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Tab:
    """One browser tab on a served site; a request to any other origin is recorded and aborted.

    A site built with a base URL is served as if it were there: a request for an address under
    ``base_url`` (the 404 page links absolutely, being served at any address) gets the local file.
    """

    def __init__(self, browser, origin: str, viewport: dict[str, int] = DESKTOP, base_url: str = "") -> None:
        self.origin, self.base_url = origin, base_url
        self.foreign: list[str] = []
        self.context = browser.new_context(viewport=viewport, accept_downloads=True, service_workers="block")
        self.context.set_default_timeout(10_000)
        self.context.route("**/*", self._guard)
        self.page = self.context.new_page()

    def local(self, url: str) -> str:
        """The served address of a URL of the published site (other URLs unchanged)."""
        if self.base_url and url.startswith(self.base_url):
            return self.origin + url[len(self.base_url) :]
        return url

    def _guard(self, route) -> None:
        url = route.request.url
        if url.startswith(self.origin):
            route.continue_()
        elif self.local(url) != url:
            route.fulfill(response=route.fetch(url=self.local(url)))
        else:
            self.foreign.append(route.request.url)
            route.abort("blockedbyclient")

    def open(self, path: str, wait_until: str = "load"):
        self.page.goto(self.origin + path, wait_until=wait_until)
        return self.page

    def close(self) -> None:
        self.context.close()


# --- 1. HTML validity --------------------------------------------------------------------------


def vnu_errors(root: Path) -> list[str]:
    """Every error the Nu HTML Checker reports over the folder, one run for all pages."""
    root = root.resolve()
    command = ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html", str(root)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    try:
        messages = json.loads(result.stderr)["messages"]
    except (json.JSONDecodeError, KeyError) as exc:
        raise AssertionError(f"vnu gave no JSON report (exit {result.returncode}): {result.stderr[:2000]}") from exc
    problems = []
    for m in messages:
        file = Path(unquote(urlsplit(m.get("url", "")).path))
        where = file.relative_to(root).as_posix() if file.is_relative_to(root) else m.get("url", "?")
        line = f"{where}:{m.get('lastLine', '?')}:{m.get('firstColumn', m.get('lastColumn', '?'))}"
        problems.append(f"{line}: {m.get('type')}: {m['message']} «{_snippet(m.get('extract', ''))}»")
    if result.returncode != 0 and not problems:
        problems.append(f"vnu exited {result.returncode}: {result.stdout[:500]}")
    return problems


# --- 2. accessibility --------------------------------------------------------------------------


def axe_violations(tab: Tab, path: str) -> list[str]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on one page, one line per element."""
    page = tab.open(path)
    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate("options => axe.run(document, options).then(r => r.violations)", AXE_OPTIONS)
    return [
        f"/{path}: {v['id']} ({v['impact']}): {v['help']}: {' '.join(map(str, node['target']))} "
        f"{_snippet(node['html'])}"
        for v in violations
        for node in v["nodes"]
    ]


def _snippet(html: str, size: int = 160) -> str:
    html = " ".join(html.split())
    return html if len(html) <= size else html[: size - 1] + "…"


# --- 3. behaviour in the browser ---------------------------------------------------------------

FOCUSED_JS = """() => {
  const a = document.activeElement, r = a.getBoundingClientRect(), s = getComputedStyle(a);
  return {tag: a.tagName, href: a.getAttribute('href'), html: a.outerHTML.slice(0, 160),
          visible: r.width > 4 && r.height > 4 && r.bottom > 0 && r.right > 0 && r.top < innerHeight
                   && r.left < innerWidth && s.visibility !== 'hidden' && s.opacity !== '0'};
}"""
FOCUS_IN_MAIN_JS = "() => !!document.querySelector('main')?.contains(document.activeElement)"


def skip_link_problem(tab: Tab, path: str) -> str | None:
    """The first Tab stop is a visible link that moves keyboard focus into <main>."""
    page = tab.open(path)
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED_JS)
    if first["tag"] != "A" or not (first["href"] or "").startswith("#"):
        return f"/{path}: the first Tab stop is {_snippet(first['html'])}, not a skip link"
    if not first["visible"]:
        return f"/{path}: the skip link {first['href']} stays invisible when it has focus"
    page.keyboard.press("Enter")
    if page.evaluate(FOCUS_IN_MAIN_JS):
        return None
    # A target without tabindex="-1" only moves the start of sequential navigation.
    page.keyboard.press("Tab")
    if page.evaluate(FOCUS_IN_MAIN_JS):
        return None
    landed = page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
    return f"/{path}: the skip link {first['href']} does not move focus into <main> (focus went to {landed})"


def language_switch_problem(tab: Tab, path: str) -> str | None:
    """The page's link to the other language (an ``<a hreflang>``) lands on its counterpart."""
    lang = path.partition("/")[0]
    other = OTHER[lang]
    page = tab.open(path)
    switch = page.locator(f'a[hreflang|="{HTML_LANG[other].split("-")[0]}"]')
    if switch.count() == 0:
        return f'/{path}: no language switch (an <a hreflang="{HTML_LANG[other]}"> to the other language)'
    from playwright.sync_api import Error as PlaywrightError

    before = page.url
    try:
        switch.first.click()
        page.wait_for_url(lambda url: url != before, timeout=START_TIMEOUT)
    except PlaywrightError:
        return f"/{path}: the language switch {_snippet(switch.first.evaluate('a => a.outerHTML'))} goes nowhere"
    expected = tab.origin + counterpart(path)
    landed_lang = page.evaluate("() => document.documentElement.lang")
    if page.url != expected:
        return f"/{path}: the language switch lands on {page.url.removeprefix(tab.origin)!r}, not /{counterpart(path)}"
    if landed_lang != HTML_LANG[other]:
        return f"/{path}: the counterpart page says lang={landed_lang!r}, not {HTML_LANG[other]!r}"
    return None


OVERFLOW_JS = """() => {
  const root = document.documentElement, limit = root.clientWidth + 0.5;
  const box = e => e.getBoundingClientRect().right > limit;
  const reach = e => e.getBoundingClientRect().left + Math.max(e.scrollWidth, e.getBoundingClientRect().width);
  const spills = e => getComputedStyle(e).overflowX === 'visible' && reach(e) > limit;
  const all = [...document.body.querySelectorAll('*')];
  // Name where the overflow starts: the outermost boxes that pass the edge, else the innermost
  // elements whose content (a long word, a <pre>) spills past it.
  let found = all.filter(e => box(e) && !box(e.parentElement));
  if (!found.length) found = all.filter(e => spills(e) && ![...e.children].some(spills));
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  return {scroll: root.scrollWidth, client: root.clientWidth,
          culprits: found.slice(0, 5).map(e => `${name(e)} (reaches ${Math.round(reach(e))} px)`)};
}"""


def sideways_scroll_problem(tab: Tab, path: str) -> str | None:
    """At the tab's width the page never scrolls sideways."""
    tab.open(path)
    width = tab.page.evaluate(OVERFLOW_JS)
    if width["scroll"] <= width["client"]:
        return None
    return (
        f"/{path}: scrolls sideways: {width['scroll']} px wide in a {width['client']} px window; "
        f"too wide: {', '.join(width['culprits']) or 'no single element (margins?)'}"
    )


HIDDEN_CELLS_JS = """() => {
  const view = {left: 0, right: document.documentElement.clientWidth};
  // The horizontal boxes that show a cell: the window, and every ancestor that clips or scrolls.
  const boxes = cell => {
    const found = [view];
    for (let a = cell.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') {
        const r = a.getBoundingClientRect();
        found.push({left: r.left + a.clientLeft, right: r.left + a.clientLeft + a.clientWidth});
      }
    }
    return found;
  };
  const text = e => e.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40);
  const hidden = [];
  for (const table of document.querySelectorAll('table')) {
    const caption = table.caption ? text(table.caption) : '(no caption)';
    for (const cell of table.querySelectorAll('th, td')) {
      const range = document.createRange();
      range.selectNodeContents(cell);
      const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
      const shown = boxes(cell);
      if (shown.some(b => b.right - b.left <= 1)) continue;  // hidden on purpose, for screen readers
      for (const r of rects) {
        const box = shown.find(b => r.left < b.left - 0.5 || r.right > b.right + 0.5);
        if (box) {
          const [x1, x2, b1, b2] = [r.left, r.right, box.left, box.right].map(Math.round);
          hidden.push(`table "${caption}": cell "${text(cell)}" reaches ${x1}–${x2} px, ` +
                      `outside the ${b1}–${b2} px that show it`);
          break;
        }
      }
    }
  }
  return hidden;
}"""


def hidden_table_cells(tab: Tab, path: str) -> list[str]:
    """At the tab's width, the text of every table cell lies inside the window and every box that
    clips it: no value sits behind a sideways scroll or is cut off."""
    tab.open(path)
    return [f"/{path}: {problem}" for problem in tab.page.evaluate(HIDDEN_CELLS_JS)]


def pdf_page_count(pdf: bytes) -> int:
    """Pages in a PDF as Chromium writes it (page objects are not packed into object streams)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


PRINT_LAYOUT_JS = """() => ({
  height: Math.ceil(document.documentElement.getBoundingClientRect().height),
  parts: [...(document.querySelector('main') || document.body).children]
    .map(e => [e.tagName.toLowerCase() + (e.id ? '#' + e.id : ''), Math.round(e.getBoundingClientRect().height)])
    .sort((a, b) => b[1] - a[1]).slice(0, 4),
})"""


def print_problems(tab: Tab, paths: list[str]) -> list[str]:
    """Printed on A4, each page fits on one sheet.

    Every page is laid out under print media at the printable width of an A4 sheet and its height
    compared with the sheet's; the tallest page of each language is then printed to PDF and its
    sheets counted, which also catches page-break rules that a height alone does not show.
    """
    page = tab.page
    viewport = page.viewport_size
    page.set_viewport_size(A4_PRINTABLE_PX)
    page.emulate_media(media="print")
    try:
        layouts = {path: tab.open(path).evaluate(PRINT_LAYOUT_JS) for path in paths}
        problems = [
            _print_why(path, layouts[path], "is too tall for one A4 sheet")
            for path in paths
            if layouts[path]["height"] > A4_PRINTABLE_PX["height"]
        ]
        if problems:
            return problems
        for lang in sorted({path.partition("/")[0] for path in paths}):
            tallest = max((p for p in paths if p.startswith(lang + "/")), key=lambda p: layouts[p]["height"])
            sheets = pdf_page_count(tab.open(tallest).pdf(format="A4", margin=A4_MARGINS))
            if sheets != 1:
                problems.append(_print_why(tallest, layouts[tallest], f"prints on {sheets} A4 sheets (page breaks?)"))
        return problems
    finally:
        page.emulate_media(media="screen")
        page.set_viewport_size(viewport)


def printed_qr_problems(tab: Tab, paths: list[str], base_url: str) -> list[str]:
    """Each page, printed to PDF on A4, is one sheet whose QR code decodes to the page's own address.

    The PDF is Chromium's own print; pypdfium2 draws it and zxing-cpp, a real decoder, reads it.
    """
    import pypdfium2
    import zxingcpp

    problems = []
    for path in paths:
        pdf = pypdfium2.PdfDocument(tab.open(path).pdf(format="A4", margin=A4_MARGINS))
        if len(pdf) != 1:
            problems.append(f"/{path}: prints on {len(pdf)} A4 sheets")
        codes = [c.text for c in zxingcpp.read_barcodes(pdf[0].render(scale=2).to_pil()) if c.text]
        if codes != [base_url + path]:
            problems.append(f"/{path}: the printed QR codes read {codes}, not [{base_url + path!r}]")
        pdf.close()
    return problems


def _print_why(path: str, layout: dict, what: str) -> str:
    parts = ", ".join(f"{name} {px} px" for name, px in layout["parts"])
    return (
        f"/{path}: {what}: under print media it is {layout['height']} px tall at {A4_PRINTABLE_PX['width']} px "
        f"wide; a sheet holds {A4_PRINTABLE_PX['height']} px (A4 less 10 mm margins); tallest parts: {parts}"
    )


def calendar_problems(tab: Tab, path: str, seen: set[str]) -> list[str]:
    """Each calendar link on the page not yet in ``seen`` downloads a calendar that parses."""
    from playwright.sync_api import Error as PlaywrightError

    page = tab.open(path)
    problems = []
    links = page.locator('a[href$=".ics"]')
    for i in range(links.count()):
        link = links.nth(i)
        url = link.evaluate("a => a.href")
        if url in seen:
            continue
        seen.add(url)
        where = f"/{path}: {link.get_attribute('href')}"
        if url.startswith("webcal://"):  # a subscription: no browser follows it, a calendar app fetches it
            problems += [f"{where}: {p}" for p in _subscription_problems(tab, url)]
            continue
        status = tab.context.request.head(url).status
        if status != 200:
            problems.append(f"{where}: the server answers {status}")
            continue
        try:
            with page.expect_download(timeout=START_TIMEOUT) as info:
                link.click(timeout=START_TIMEOUT)
            data = Path(info.value.path()).read_bytes()
        except PlaywrightError as exc:  # no download came, or it failed: report it and go on
            problems.append(f"{where}: did not download a file ({type(exc).__name__}: {str(exc).splitlines()[0]})")
            continue
        problems += [f"{where}: {problem}" for problem in ical_problems(data)]
    return problems


def _subscription_problems(tab: Tab, url: str) -> list[str]:
    """What a calendar app would find at a webcal:// address: a calendar that parses."""
    served = tab.local("https://" + url.removeprefix("webcal://"))
    if served.startswith("https://"):
        return [f"is not an address of this site ({tab.base_url or 'no base URL'})"]
    response = tab.context.request.get(served)
    if response.status != 200:
        return [f"the server answers {response.status}"]
    return ical_problems(response.body())


def linked_calendar_problems(root: Path) -> list[str]:
    """Every calendar file that any page links to parses (read from disk: no browser needed)."""
    linked = sorted(
        {
            target
            for rel in html_files(root)
            for _, _, value in _parse_html(root / rel).refs
            if (target := _internal_target(rel, value)) and target.endswith(".ics")
        }
    )
    return [
        f"{target}: {problem}"
        for target in linked
        if (root / target).is_file()
        for problem in ical_problems((root / target).read_bytes())
    ]


def ical_problems(data: bytes) -> list[str]:
    """What keeps a calendar file from being one that calendar programs accept (RFC 5545)."""
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as exc:
        return [f"does not parse: {exc}"]
    problems = [f"{c.name}: {err}" for c in calendar.walk() for err in c.errors]
    problems += [f"VCALENDAR has no {p}" for p in ("VERSION", "PRODID") if p not in calendar]
    events = calendar.walk("VEVENT")
    if not events:
        problems.append("has no VEVENT")
    zones = {str(z["TZID"]) for z in calendar.walk("VTIMEZONE")}
    for event in events:
        problems += [f"a VEVENT has no {p}" for p in ("UID", "DTSTAMP", "DTSTART", "SUMMARY") if p not in event]
        for prop in ("DTSTART", "DTEND"):
            tzid = event[prop].params.get("TZID") if prop in event else None
            if tzid and tzid not in zones:
                problems.append(f"{prop} uses TZID={tzid} but the file has no VTIMEZONE for it")
    return problems


# --- 4. links ----------------------------------------------------------------------------------

LINK_ATTRS = ("href", "src", "action", "poster", "data")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""")


@dataclass
class _Parsed:
    ids: set[str]
    refs: list[tuple[str, str, str]]  # (tag, attribute, value)


def link_problems(root: Path) -> list[str]:
    """Every internal reference in every HTML and CSS file is relative and resolves, #fragment too."""
    parsed: dict[str, _Parsed] = {}

    def parse(rel: str) -> _Parsed:
        if rel not in parsed:
            parsed[rel] = _parse_html(root / rel)
        return parsed[rel]

    problems = []
    for rel in html_files(root):
        for tag, attr, value in parse(rel).refs:
            problem = _reference_problem(root, rel, value, parse)
            if problem:
                problems.append(f'{rel}: <{tag} {attr}="{value}">: {problem}')
    for css in sorted(root.rglob("*.css")):
        rel = css.relative_to(root).as_posix()
        for value in CSS_URL.findall(css.read_text(encoding="utf-8")):
            problem = _reference_problem(root, rel, value, parse)
            if problem and not value.startswith("#"):
                problems.append(f"{rel}: url({value}): {problem}")
    return problems


def _parse_html(file: Path) -> _Parsed:
    soup = BeautifulSoup(file.read_bytes(), "html.parser")
    ids = {e["id"] for e in soup.find_all(id=True)} | {e["name"] for e in soup.find_all("a", attrs={"name": True})}
    refs = [(e.name, a, e[a]) for e in soup.find_all(True) for a in LINK_ATTRS if e.has_attr(a)]
    for e in soup.find_all(srcset=True):
        refs += [(e.name, "srcset", c.split()[0]) for c in e["srcset"].split(",") if c.strip()]
    return _Parsed(ids, refs)


def _internal_target(rel: str, value: str) -> str | None:
    """The site path a relative reference in file ``rel`` points at; None for other sites."""
    parts = urlsplit(value.strip())
    if parts.scheme or parts.netloc:
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path))) if parts.path else rel


def _reference_problem(root: Path, rel: str, value: str, parse) -> str | None:
    parts = urlsplit(value.strip())
    if parts.scheme or parts.netloc:
        return None  # another site, mailto:, tel: or webcal:; only this site's own links are checked here
    if not parts.path and not parts.fragment:
        return "an empty link goes nowhere"
    if parts.path.startswith("/"):
        return "not relative: it breaks when the site is published under a sub-path"
    target = _internal_target(rel, value)
    if target == ".." or target.startswith("../"):
        return "points outside the site"
    if (root / target).is_dir():
        target = posixpath.join(target, "index.html") if target != "." else "index.html"
    if not (root / target).is_file():
        return f"no such file: {target}"
    if not parts.fragment:
        return None
    if not target.endswith(".html"):
        return f"a #fragment on {target}, which is not a page"
    if unquote(parts.fragment) not in parse(target).ids:
        return f'{target} has no id="{unquote(parts.fragment)}"'
    return None


# --- 5. weight ---------------------------------------------------------------------------------


@dataclass
class Weight:
    """What one page transfers on a first visit."""

    path: str
    sizes: dict[str, int] = field(default_factory=dict)  # url -> uncompressed body bytes
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)  # errors the page logged

    @property
    def total(self) -> int:
        return sum(self.sizes.values())

    def problems(self, budget: int = WEIGHT_BUDGET) -> list[str]:
        found = [f"/{self.path}: request to another host than 127.0.0.1: {url}" for url in self.foreign]
        found += [f"/{self.path}: failed request: {failure}" for failure in self.failed]
        found += [f"/{self.path}: console error: {error}" for error in self.console]
        if self.total > budget:
            parts = ", ".join(
                f"{url.rsplit('/', 1)[-1] or '(page)'} {size:,}"
                for url, size in sorted(self.sizes.items(), key=lambda item: -item[1])[:5]
            )
            found.append(f"/{self.path}: transfers {self.total:,} bytes, over the budget of {budget:,}: {parts}")
        return found


def page_weight(tab: Tab, path: str) -> Weight:
    """Sum the body of every response for the page and all it loads (the tab caches nothing);
    note the requests that fail and the errors the page logs to the console."""
    responses, failures, console = [], [], []
    listeners = {  # playwright takes functions, not bound built-in methods such as list.append
        "response": lambda response: responses.append(response),
        "requestfailed": lambda request: failures.append(request),
        "console": lambda message: console.append(message.text) if message.type == "error" else None,
        "pageerror": lambda error: console.append(str(error)),
    }
    # Leave the previous page first: what it still loads after its "load" event (the search page
    # imports Pagefind then) would otherwise be counted for this one.
    tab.page.goto("about:blank")
    tab.foreign.clear()
    for event, listener in listeners.items():
        tab.page.on(event, listener)
    try:
        tab.open(path)  # "load" waits for every image, stylesheet and script, async ones too
    finally:
        for event, listener in listeners.items():
            tab.page.remove_listener(event, listener)
    weight = Weight(path, foreign=list(tab.foreign), console=console)
    for response in responses:
        if response.status >= 400:
            weight.failed.append(f"{response.status} {response.url}")
        elif not 300 <= response.status < 400:
            weight.sizes[response.url] = _body_size(response)
    # The browser fetches a page's icon beside it and drops the fetch when the tab moves on.
    dropped_icon = lambda r: r.failure == "net::ERR_ABORTED" and r.resource_type == "other"  # noqa: E731
    weight.failed += [f"{r.failure} {r.url}" for r in failures if r.url not in weight.foreign and not dropped_icon(r)]
    return weight


def weight_budget(path: str) -> int:
    """The bytes the page at ``path`` may transfer: the search pages have their own budget."""
    return SEARCH_WEIGHT_BUDGET if path in SEARCH_PAGES else WEIGHT_BUDGET


def search_weight(tab: Tab, path: str, query: str) -> tuple[Weight, list[str]]:
    """What the search page at ``path`` transfers to open and run one search for ``query``, and
    the addresses of the results it lists."""
    sizes: dict[str, int] = {}
    failed: list[str] = []
    console: list[str] = []
    errors = lambda message: console.append(message.text) if message.type == "error" else None  # noqa: E731

    def note(response) -> None:
        if response.status >= 400:
            failed.append(f"{response.status} {response.url}")
        else:
            sizes[response.url] = _body_size(response)

    tab.foreign.clear()
    tab.page.on("response", note)
    tab.page.on("console", errors)
    try:
        tab.open(path)
        tab.page.fill("#search-query", query)
        tab.page.press("#search-query", "Enter")
        tab.page.wait_for_selector("#search-status:not(:empty)")
        tab.page.wait_for_load_state("networkidle")
        found = tab.page.eval_on_selector_all("#search-results a", "links => links.map(a => a.href)")
    finally:
        tab.page.remove_listener("response", note)
        tab.page.remove_listener("console", errors)
    return Weight(f"{path}?q={query}", sizes, failed, list(tab.foreign), console), found


def _body_size(response) -> int:
    """The body's bytes; the browser keeps no body for what it fetched beside the page (the icon)."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        return len(response.body())
    except PlaywrightError:
        return int(response.headers.get("content-length", "0"))


# --- 6. screenshots ----------------------------------------------------------------------------


def save_screenshots(tab: Tab, path: str, name: str, folder: Path) -> list[Path]:
    """A phone-sized and a desktop-sized view of the page's first screen, and of the whole page."""
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    for size in (PHONE, DESKTOP):
        tab.page.set_viewport_size(size)
        tab.open(path)
        for full in (False, True):
            file = folder / f"{name}.{size['width']}x{size['height']}{'.full' if full else ''}.png"
            tab.page.screenshot(path=str(file), full_page=full)
            saved.append(file)
    return saved


def png_size(file: Path) -> tuple[int, int]:
    header = file.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{file} is not a PNG"
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
