"""The build pipeline: load and check everything, render every file, then swap the site in."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .loader import FileCache, load_project
from .output import Output, StagedOutput
from .parallel import Beside, can_fork
from .problems import Problem
from .project import Project

if TYPE_CHECKING:
    from collections.abc import Callable

    import jinja2

    from .calendars import Memo

    PageRenderer = Callable[[Output], None]


@dataclass
class BuildReport:
    pages: int
    calendars: int
    files: int
    seconds: float
    warnings: list[Problem]


def render(project: Project, output: Output, pages: PageRenderer, memo: Memo | None = None) -> None:
    """Every page and calendar, into ``output``, in this process."""
    from .calendars import render_calendars

    pages(output)
    render_calendars(project, output, memo)


def render_beside(project: Project, output: StagedOutput, pages: PageRenderer) -> None:
    """`render` on two cores: the calendars in a forked process while this one renders the pages.

    The fork comes right after loading, so each process imports only what its part needs
    (Jinja here, icalendar there). Both write into the same staging folder; the names the other
    process wrote come back to ``output``, which refuses any written twice.
    """
    calendars = Beside(lambda: _calendars_only(project, output))
    try:
        pages(output)
    except BaseException:
        calendars.stop()
        raise
    output.adopt(calendars.join())


def _calendars_only(project: Project, output: StagedOutput) -> list[str]:
    from .calendars import render_calendars  # imported in the second process only

    render_calendars(project, output)
    return sorted(output.names)


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
    parallel: bool = True,
) -> BuildReport:
    """Check everything, render into a staging folder, then swap it in as ``out`` (default site/).

    ``cache``, ``env`` and ``memo`` are a `Rebuilder`'s memory; ``template_cache`` a folder that keeps
    compiled templates between processes. With ``parallel`` (and no ``memo``, which lives in this
    process), the calendars render in a second process where `can_fork` allows it.
    """
    started = time.perf_counter()
    project = load_project(root, base_url=base_url, strict=strict, cache=cache)  # 1. load and check all
    output = StagedOutput(out or root / "site")

    def pages(into: Output) -> None:
        from .pages import environment, render_site

        render_site(project, into, env if env is not None else environment(root / "templates", template_cache))

    try:  # 2. render every page and calendar into the staging folder, 3. swap the new site in
        if parallel and memo is None and can_fork():
            render_beside(project, output, pages)
        else:
            render(project, output, pages, memo)
        output.commit()
    except BaseException:
        output.discard()
        raise
    pages_written = sum(1 for name in output.names if name.endswith(".html"))
    calendars = sum(1 for name in output.names if name.endswith(".ics"))
    return BuildReport(pages_written, calendars, len(output), time.perf_counter() - started, project.warnings)


class Rebuilder:
    """A build that remembers: what `serve` keeps between rebuilds.

    Unchanged files are not parsed or validated again; the output is the same as a full build's.
    """

    def __init__(self, root: Path, out: Path | None = None, *, base_url: str | None = None, strict: bool = False):
        self.root, self.out, self.base_url, self.strict = root, out or root / "site", base_url, strict
        self.cache: FileCache = {}
        self.env: jinja2.Environment | None = None
        self.memo: Memo | None = None

    def build(self) -> BuildReport:
        if self.env is None or self.memo is None:
            from .calendars import Memo
            from .pages import environment

            self.env, self.memo = environment(self.root / "templates", watch=True), Memo()
        self.memo.next_build()
        return build(
            self.root, self.out, base_url=self.base_url, strict=self.strict, cache=self.cache, env=self.env, memo=self.memo
        )
