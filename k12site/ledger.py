"""The URL ledger (data/urls.yaml): every URL the site has published, held against each build.

County staff paste our URLs into official letters, so a published URL is a promise. The ledger
lists them all (which outputs count is `urls.published_url`); `survey` compares it with the URLs
a build produces:

- recorded: built and listed; nothing to do.
- new: built, not listed yet: a warning (an error under ``--strict``) until
  ``build.py urls --record`` adds it.
- moved: listed, no longer built, and ``moved:`` names the built URL it went to: the build
  leaves a redirect page at the old URL (or, for a calendar, a copy of the new one).
- gone: listed and no longer built, with nowhere to go: an error that names the ledger line.
"""

from __future__ import annotations

import itertools
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .datafiles import modeline
from .files import replace_file, unsafe_to_write
from .i18n import fill
from .problems import DataError, Problem
from .project import Ledger
from .urls import FURNITURE, FURNITURE_FOLDERS, published_url, url_file

NAME = "data/urls.yaml"

# The comments a new ledger starts with, under its schema line; `record` keeps whatever comments
# stand at the top of the file.
HEADER = """\
# 本網站發布過的每個網址。縣市把網址寫進公文，所以發布後就不能消失：建置時若有一個不再產生，
# 建置會失敗並指出是這裡的哪一行。新網址用 build.py urls --record 加入；網址搬家時，寫在
# moved: 底下（舊網址: 新網址）。不要刪除任何一行。做法見 MAINTAINING.md。
#
# Every URL this site has published. County letters link to them, so none may disappear: a build
# that no longer produces one fails and names its line here. build.py urls --record adds new ones;
# a URL that moved goes under moved: as old URL: new URL. Never delete a line. See MAINTAINING.md.
# (build.py urls --record rewrites this file sorted, keeping the comments down to here.)
"""

# A URL as the ledger writes it: lowercase segments (a letter or digit first), relative to the
# site's address; a page ends in "/".
_URL = re.compile(r"[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)*/?")

GONE = (
    "{url} is no longer built; if it moved, add it under 'moved:' with its new URL; if it is gone for good, "
    "add it there with the URL that best replaces it, so that links already published still lead somewhere"
)
NEW = "{url} is new; record it with build.py urls --record, so that no later build can drop it"
NO_LEDGER = (
    "this file is missing; it records every URL the site has published, so that no build can drop one: "
    "create it with build.py urls --record"
)


@dataclass(frozen=True)
class UrlState:
    """One URL and what became of it: recorded, new, moved (to ``target``) or gone."""

    url: str
    state: str
    target: str | None = None

    def __str__(self) -> str:
        return f"{self.state:<9} {self.url}" + (f" → {self.target}" if self.target else "")


@dataclass
class Survey:
    """The URLs of a build held against the ledger: each URL's state, and the problems found."""

    states: list[UrlState] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def moves(self) -> dict[str, str]:
        """Old URL -> the built URL it moved to, for every valid move."""
        return {s.url: s.target for s in self.states if s.state == "moved" and s.target}

    @property
    def new(self) -> list[str]:
        return [s.url for s in self.states if s.state == "new"]

    def summary(self) -> str:
        """How many URLs are in each state: ``154 URLs: 150 recorded, 2 new, 1 moved, 1 gone``."""
        counts = {state: sum(1 for s in self.states if s.state == state) for state in STATES}
        return f"{len(self.states)} URLs: " + ", ".join(f"{n} {state}" for state, n in counts.items())


STATES = ("recorded", "new", "moved", "gone")


def published(paths: Iterable[str]) -> set[str]:
    """The published URLs among a build's output files."""
    return {url for path in paths if (url := published_url(path)) is not None}


def survey(ledger: Ledger | None, built: set[str]) -> Survey:
    """Hold the URLs a build produces (``built``) against the ledger; see the module's docstring."""
    if ledger is None:
        states = [UrlState(url, "new") for url in sorted(built)]
        problems = [Problem(NAME, 1, 1, "(file)", NO_LEDGER, warning=True)] if built else []
        return Survey(states, problems)
    file, recorded, moved = ledger.file, ledger.model.urls, ledger.model.moved
    problems = _form_problems(ledger)
    listed = set(recorded)
    moves: dict[str, str] = {}
    for old, new in moved.items():
        if _url_problem(old) or _url_problem(new):
            continue  # reported with the form problems
        problem = _old_url_problem(old, listed, built)
        if problem:
            problems.append(file.problem(("moved", old), problem, key=True))
        elif problem := _new_url_problem(old, new, built, moved):
            problems.append(file.problem(("moved", old), problem))
        else:
            moves[old] = new
    reported = {url for url in recorded if _url_problem(url)} | set(moved)  # no second problem for these
    for index, url in enumerate(recorded):
        if url not in built and url not in reported:
            problems.append(file.problem(("urls", index), fill(GONE, url=url)))
            reported.add(url)
    problems += [file.problem(("urls",), fill(NEW, url=url), key=True, warning=True) for url in sorted(built - listed)]
    return Survey(_states(listed, built, moves), problems)


def _states(listed: set[str], built: set[str], moves: dict[str, str]) -> list[UrlState]:
    states = []
    for url in sorted(listed | built):
        if url in built:
            states.append(UrlState(url, "recorded" if url in listed else "new"))
        elif url in moves:
            states.append(UrlState(url, "moved", moves[url]))
        else:
            states.append(UrlState(url, "gone"))
    return states


def _url_problem(url: str) -> str | None:
    """Why ``url`` cannot stand in the ledger, or None when it can."""
    if not _URL.fullmatch(url):
        return (
            f"{url!r} is not a URL of this site as {NAME} writes them: lowercase, relative to the site's "
            "address, e.g. en/114/counties/pingtung/"
        )
    if url.endswith("/index.html"):
        return f"{url!r} names a page's file; write the page by its folder: {url.removesuffix('index.html')!r}"
    if published_url(url_file(url)) is None:
        furniture = ", ".join([*FURNITURE_FOLDERS, *FURNITURE])
        return f"{url!r} is never recorded: it is part of the site's furniture ({furniture}), not a published URL"
    return None


def _form_problems(ledger: Ledger) -> list[Problem]:
    """Every recorded URL that is not one, or is listed twice; every move that names no URL."""
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for index, url in enumerate(ledger.model.urls):
        problem = _url_problem(url)
        if problem is None and url in first:
            problem = f"{url} is listed twice (also urls[{first[url]}])"
        first.setdefault(url, index)
        if problem:
            problems.append(ledger.file.problem(("urls", index), problem))
    for old, new in ledger.model.moved.items():
        for url, as_key in ((old, True), (new, False)):
            problem = _url_problem(url)
            if problem:
                problems.append(ledger.file.problem(("moved", old), problem, key=as_key))
    return problems


def _kind(url: str) -> str:
    """A page, or the kind of file by its extension (".ics")."""
    return "page" if url.endswith("/") else posixpath.splitext(url)[1]


def _old_url_problem(old: str, listed: set[str], built: set[str]) -> str | None:
    """Why the old URL of a move cannot have moved, or None when it can."""
    if old not in listed:
        return f"{old} is not under 'urls:'; only a URL the site has published can move (is it spelled as there?)"
    if old in built:
        return f"{old} is still built, so it cannot have moved; take it out of 'moved:'"
    return None


def _new_url_problem(old: str, new: str, built: set[str], moved: dict[str, str]) -> str | None:
    """Why ``old`` cannot move to ``new``, or None when it can."""
    if new not in built:
        if new in moved:
            return f"{new}, where {old} moved, has itself moved to {moved[new]}; write {moved[new]} here"
        return f"{new}, where {old} moved, is not built by this site; write a URL the build produces"
    if _kind(old) != _kind(new):
        return (
            f"{old} cannot move to {new}: a page moves to a page (a URL ending in '/'), and any other file "
            "to a file of its own kind (a .ics calendar to a .ics calendar)"
        )
    return None


# --- build.py urls --record -------------------------------------------------------------------


def record(root: Path, ledger: Ledger | None, survey: Survey) -> list[str]:
    """Add every new URL to data/urls.yaml (creating it if need be) and return them.

    It never removes a URL: while the survey found an error, such as a recorded URL that is no
    longer built, it raises `DataError` and writes nothing. The file is rewritten whole (the
    comments at its top, then every URL sorted, then the moves) beside its place and moved into
    it in one step, never through a link.
    """
    errors = [problem for problem in survey.problems if not problem.warning]
    path = root / NAME
    if survey.new and (refusal := unsafe_to_write(path, root, "build.py urls --record")):
        errors.append(refusal)
    # never record what the next build would refuse on the ledger's own line
    errors += [Problem(NAME, 1, 1, "urls", problem) for url in survey.new if (problem := _url_problem(url))]
    if errors:
        raise DataError(errors)
    if survey.new:
        if ledger is None:
            text = ledger_text(f"{modeline(path, root)}\n{HEADER}", survey.new, {})
        else:
            header = _header(path.read_text(encoding="utf-8-sig"))  # as Notepad saves it, with a byte order mark
            text = ledger_text(header, [*ledger.model.urls, *survey.new], ledger.model.moved)
        replace_file(path, text)
    return survey.new


def ledger_text(header: str, urls: Iterable[str], moved: dict[str, str]) -> str:
    """The ledger as `record` writes it: ``header``, every URL in ``urls`` sorted, then the moves."""
    listed = sorted(set(urls))
    lines = [header, "urls:\n" if listed else "urls: []\n", *(f"  - {url}\n" for url in listed)]
    lines += ["moved:\n", *(f"  {old}: {new}\n" for old, new in sorted(moved.items()))] if moved else ["moved: {}\n"]
    return "".join(lines)


def _header(text: str) -> str:
    """The comments (and blank lines among them) at the top of ``text``."""
    lines = text.splitlines(keepends=True)
    header = "".join(itertools.takewhile(lambda line: line.startswith("#") or not line.strip(), lines))
    return header if header.endswith("\n") or not header else header + "\n"
