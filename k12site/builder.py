"""The build pipeline: load and check everything, render every file, keep the URL ledger's
promises, then swap the site in.

`check` runs the same pipeline into memory and writes nothing, so it catches whatever `build`
would hit: bad data, a template mistake, a file written twice, a published URL dropped.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import ledger, search
from .calendars import Memo, render_calendars
from .dates import build_date
from .feeds import render_feeds
from .files import site_folder, templates_folder
from .kit import render_kit
from .loader import FileCache, load_project
from .opendata import render_open_data
from .output import Output, StagedOutput, build_lock
from .pages import redirect_page, render_site
from .problems import Problem, settle
from .project import Project
from .templating import environment
from .urls import url_file


@dataclass
class BuildReport:
    pages: int
    calendars: int
    files: int
    seconds: float
    warnings: list[Problem]
    search_pages: int = 0  # pages in the search index (0: not indexed, as in serve and check)
    search_seconds: float = 0.0  # of ``seconds``, the time Pagefind took


@dataclass(frozen=True)
class Run:
    """What a renderer may need of the build: the templates, the calendars' memory, the build's date."""

    env: jinja2.Environment
    memo: Memo | None
    today: dt.date


# The renderers of the table of outputs (`urls.OUTPUTS`, whose ``made_by`` names them), in the order
# they run; each adds its files to the output. The search index is made after, from the written pages.
RENDERERS: dict[str, Callable[[Project, Output, Run], None]] = {
    "pages": lambda project, output, run: render_site(project, output, run.env, today=run.today),
    "calendars": lambda project, output, run: render_calendars(project, output, run.memo),
    "opendata": lambda project, output, run: render_open_data(project, output),
    "feeds": lambda project, output, run: render_feeds(project, output),
    "kit": lambda project, output, run: render_kit(project, output),
}


def render(
    project: Project, output: Output, env: jinja2.Environment, memo: Memo | None = None, *, today: dt.date
) -> None:
    """Render every output of ``project`` (`RENDERERS`) into ``output``; pages mark the sessions as
    they stand on ``today``."""
    run = Run(env, memo, today)
    for renderer in RENDERERS.values():
        renderer(project, output, run)


def publish(
    project: Project,
    output: Output,
    env: jinja2.Environment,
    memo: Memo | None = None,
    *,
    strict: bool = False,
    today: dt.date,
) -> list[Problem]:
    """Render everything, keep the URL ledger's promises, and return the warnings: what build and check share.

    Raises `DataError` when a recorded URL is no longer built and has not moved (or, with
    ``strict``, when there is any warning, such as a new URL not yet recorded). A moved page gets
    a redirect page at its old URL; any other moved file, such as a calendar, which an app
    cannot be redirected to, gets the new file's content there too.
    """
    survey = render_published(project, output, env, memo, today=today)
    return settle([*project.warnings, *survey.problems], strict=strict)


def render_published(
    project: Project, output: Output, env: jinja2.Environment, memo: Memo | None = None, *, today: dt.date
) -> ledger.Survey:
    """Render everything and hold its URLs against the ledger, leaving a redirect page at each moved
    page's old URL (and a copy of any other moved file); return the ledger's findings, unsettled:
    `publish` settles them, `build.py urls` lists them and `build.py diff` reports them."""
    render(project, output, env, memo, today=today)
    survey = ledger.survey(project.ledger, ledger.published(output.names))
    for old, new in sorted(survey.moves.items()):
        if new.endswith("/"):
            output.add(url_file(old), redirect_page(env, project.site.base_url, old, new))
        else:
            output.add(old, output.read(new))
    return survey


def check(
    root: Path,
    *,
    base_url: str | None = None,
    strict: bool = False,
    template_cache: Path | None = None,
    today: dt.date | None = None,
) -> tuple[Project, BuildReport]:
    """Everything `build` does but write: load and check all, then render the whole site in memory."""
    started, day = time.perf_counter(), build_date(today)
    project = load_project(root, base_url=base_url)
    output = Output()
    warnings = publish(project, output, environment(project.templates, template_cache), strict=strict, today=day)
    return project, _report(output, started, warnings)


def survey_urls(
    root: Path, *, base_url: str | None = None, template_cache: Path | None = None, today: dt.date | None = None
) -> tuple[Project, ledger.Survey]:
    """Render the whole site in memory and hold its URLs against the ledger, for `build.py urls`."""
    day = build_date(today)
    project = load_project(root, base_url=base_url)
    templates = environment(project.templates, template_cache)
    return project, render_published(project, Output(), templates, today=day)


def build(
    root: Path,
    out: Path | None = None,
    *,
    base_url: str | None = None,
    strict: bool = False,
    cache: FileCache | None = None,
    env: jinja2.Environment | None = None,
    memo: Memo | None = None,
    template_cache: Path | None = None,
    today: dt.date | None = None,
    index: bool = True,
) -> BuildReport:
    """Check everything, render into a new build folder, index it for search, then make it ``out``
    (default site/).

    ``today`` is the date the pages mark sessions by (default: `build_date`, taken here, once, and
    passed down to every renderer).
    ``cache``, ``env`` and ``memo`` are a `Rebuilder`'s memory; ``template_cache`` a folder that
    keeps compiled templates between processes; ``index`` False skips the search index (`serve`).
    The whole build holds the site's lock, so two builds of one site never mix.
    """
    started, day = time.perf_counter(), build_date(today)
    target = out or site_folder(root)
    with build_lock(target):
        project = load_project(root, base_url=base_url, cache=cache)  # 1. load and check all
        output = StagedOutput(target)
        try:  # 2. render every file into the new folder and keep the ledger's promises,
            templates = env if env is not None else environment(project.templates, template_cache)
            warnings = publish(project, output, templates, memo, strict=strict, today=day)
            indexed = time.perf_counter()  # 3. index the finished pages (a failure leaves the old site),
            pages = search.index(output.folder) if index else 0
            indexed = time.perf_counter() - indexed
            output.commit()  # 4. switch to the new folder
        except BaseException:
            output.discard()
            raise
    return _report(output, started, warnings, pages, indexed)


def _report(
    output: Output, started: float, warnings: list[Problem], indexed: int = 0, index_seconds: float = 0.0
) -> BuildReport:
    pages = sum(1 for name in output.names if name.endswith(".html"))
    calendars = sum(1 for name in output.names if name.endswith(".ics"))
    seconds = time.perf_counter() - started
    return BuildReport(pages, calendars, len(output), seconds, warnings, indexed, index_seconds)


class Rebuilder:
    """A build that remembers: what `serve` keeps between rebuilds.

    Unchanged files are not parsed or validated again, compiled templates are kept, and calendar
    parts whose values did not change are not serialized again; the output is a full build's.
    """

    def __init__(
        self,
        root: Path,
        out: Path | None = None,
        *,
        base_url: str | None = None,
        strict: bool = False,
        today: dt.date | None = None,
    ):
        self.root, self.out, self.base_url, self.strict = root, out or site_folder(root), base_url, strict
        self.today = today  # None: each rebuild takes the date anew (`build_date`)
        self.cache: FileCache = {}
        self.env = environment(templates_folder(root), watch=True)
        self.memo = Memo()

    def build(self) -> BuildReport:
        self.memo.next_build()
        return build(
            self.root,
            self.out,
            base_url=self.base_url,
            strict=self.strict,
            cache=self.cache,
            env=self.env,
            memo=self.memo,
            today=self.today,
            index=False,  # Pagefind takes seconds; the preview's search page says to run build.py
        )
