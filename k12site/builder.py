"""The build pipeline: load and check everything, render every file, then swap the site in."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from .loader import FileCache, load_project
from .output import Output, StagedOutput
from .parallel import Beside, can_fork
from .problems import DataError, Problem, display_path
from .project import Project

if TYPE_CHECKING:
    from .calendars import Memo


@dataclass
class BuildReport:
    pages: int
    calendars: int
    files: int
    seconds: float
    warnings: list[Problem]


def render(
    project: Project, output: Output | None = None, env: jinja2.Environment | None = None, memo: Memo | None = None
) -> Output:
    """Every output file of the site, into ``output`` (in memory unless given a staged one)."""
    from .calendars import render_calendars
    from .pages import render_site

    output = Output() if output is None else output
    render_site(project, output, env)
    render_calendars(project, output, memo)
    return output


def render_beside(project: Project, output: StagedOutput, env: jinja2.Environment) -> None:
    """`render` on two cores: the calendars in a forked process while this one renders the pages.

    Both write into the same staging folder; the names the other process wrote come back to
    ``output``, which refuses any written twice.
    """
    from .pages import render_site

    calendars = Beside(lambda: _calendars_only(project, output))
    try:
        render_site(project, output, env)
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
    if env is None:
        from .pages import environment

        env = environment(root / "templates", template_cache)
    output = StagedOutput(out or root / "site")
    try:
        # 2. render every page and calendar into the staging folder
        if parallel and memo is None and can_fork():
            render_beside(project, output, env)
        else:
            render(project, output, env, memo)
        output.commit()  # 3. swap the new site in
    except jinja2.TemplateSyntaxError as exc:
        output.discard()
        raise DataError([template_problem(exc, root)]) from None
    except BaseException:
        output.discard()
        raise
    pages = sum(1 for name in output.names if name.endswith(".html"))
    calendars = sum(1 for name in output.names if name.endswith(".ics"))
    return BuildReport(pages, calendars, len(output), time.perf_counter() - started, project.warnings)


def template_problem(exc: jinja2.TemplateSyntaxError, root: Path) -> Problem:
    """A template's syntax error, located like a data problem."""
    where = display_path(Path(exc.filename), root) if exc.filename else f"templates/{exc.name}"
    return Problem(where, exc.lineno or 1, 1, "(template)", exc.message or "template syntax error")


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
