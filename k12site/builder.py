"""The build pipeline: load and check everything, render every file, then swap the site in."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from .loader import load_project
from .output import Output, write_atomic
from .problems import Problem
from .project import Project


@dataclass
class BuildReport:
    pages: int
    calendars: int
    files: int
    seconds: float
    warnings: list[Problem]


def render(project: Project) -> Output:
    """Every output file of the site, in memory."""
    from .calendars import render_calendars
    from .pages import render_site

    output = Output()
    render_site(project, output)
    render_calendars(project, output)
    return output


def build(root: Path, out: Path | None = None, *, base_url: str | None = None, strict: bool = False) -> BuildReport:
    started = time.perf_counter()
    project = load_project(root, base_url=base_url, strict=strict)  # 1. load and check all
    output = render(project)  # 2. render every page and calendar in memory
    write_atomic(output, out or root / "site")  # 3. swap the new site in
    pages = sum(1 for name in output.files if name.endswith(".html"))
    calendars = sum(1 for name in output.files if name.endswith(".ics"))
    return BuildReport(pages, calendars, len(output), time.perf_counter() - started, project.warnings)
