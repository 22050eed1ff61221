"""Command line: ``python build.py [build|check|serve|schema|urls] [options]``."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .dates import build_date
from .files import site_folder
from .output import OutputError
from .problems import DataError, Problem, display_path
from .urls import base_url_problem

TEMPLATE_CACHE = ".cache/templates"  # compiled templates, kept between builds (git ignores .cache/)


@dataclass(frozen=True)
class Options:
    """What every verb works with, each decided once, here, before any work: the project folder,
    the site folder, the base URL, strictness, the build's date and the compiled templates' folder."""

    root: Path  # resolved
    out: Path  # --out, else <root>/site
    base_url: str | None  # --base-url (checked), else data/site.yaml's
    strict: bool
    today: dt.date | None  # the date pages mark sessions by; None only for serve without --today
    template_cache: Path

    @classmethod
    def of(cls, args: argparse.Namespace, today: dt.date) -> Options:
        root = args.root.resolve()
        return cls(
            root=root,
            out=args.out or site_folder(root),
            base_url=args.base_url,
            strict=args.strict,
            today=None if args.verb == "serve" and args.today is None else today,  # serve: taken at each rebuild
            template_cache=root / TEMPLATE_CACHE,
        )


def main(argv: list[str] | None = None) -> int:
    args_given = sys.argv[1:] if argv is None else argv
    if args_given[:1] == ["letter"]:
        return letter_main(args_given[1:])
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build the bilingual training site. "
        "To import a county's letter: build.py letter import FILE --county SLUG",
    )
    parser.add_argument("verb", nargs="?", default="build", choices=list(VERBS))
    parser.add_argument("ref", nargs="?", help="with diff: the git ref to compare the working tree with, e.g. main")
    _root_argument(parser)
    parser.add_argument("--out", type=Path, help="output folder (default: <root>/site)")
    parser.add_argument(
        "--base-url", help="absolute URL the site is published at, e.g. https://example.github.io/repo/"
    )
    parser.add_argument(
        "--today",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="the date (Taipei) the pages mark sessions by (default: $SOURCE_DATE_EPOCH, else the clock)",
    )
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--no-search", action="store_true", help="with build: skip the search index, as serve does")
    parser.add_argument("--record", action="store_true", help="with urls: add every new URL to data/urls.yaml")
    parser.add_argument(
        "--port", type=port_number, default=8000, help="port for serve, 1-65535, or 0 for a free one (default 8000)"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address for serve (default 127.0.0.1)")
    args = parser.parse_args(args_given)
    if args.record and args.verb != "urls":
        parser.error("--record goes with the urls verb: build.py urls --record")
    if (args.ref is not None) != (args.verb == "diff"):
        parser.error("diff takes a git ref (build.py diff main), and only diff takes one")
    if args.base_url is not None:  # checked before any work: it is written into every page
        problem = base_url_problem(args.base_url)
        if problem:
            parser.error(f"--base-url: {problem}")
    try:  # checked before any work too: a bad SOURCE_DATE_EPOCH would otherwise surface mid-build
        today = build_date(args.today)
    except ValueError as exc:
        parser.error(str(exc))
    options = Options.of(args, today)
    return _reporting(lambda: VERBS[args.verb](options, args), options.root, args.verb)


def _root_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root",
        type=Path,
        default=Path(__file__).resolve().parent.parent,
        help="project folder holding data/, content/ and templates/ (default: this checkout)",
    )


def _reporting(command: Callable[[], int], root: Path, verb: str) -> int:
    """Run ``command``; a problem it meets is printed in a few lines, never as a traceback."""
    try:
        return command()
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except OutputError as exc:
        print(f"error: {exc}; the last good site was left as it was", file=sys.stderr)
        return 1
    except OSError as exc:  # no space left, a read-only checkout, no permission: one line, no traceback
        print(f"error: {_os_error(exc, root)}; {LEFT_AS_IT_WAS[verb]}", file=sys.stderr)
        return 1


def letter_main(argv: list[str]) -> int:
    """``build.py letter import FILE --county SLUG [--year N] [--force]``."""
    parser = argparse.ArgumentParser(
        prog="build.py letter",
        description="Import a county's official letter (its text, or its DI file) into data/<year>/notices/.",
    )
    parser.add_argument("action", choices=["import"])
    parser.add_argument("file", type=Path, help="the letter: its text (UTF-8) or its DI file (.di), told by content")
    parser.add_argument("--county", required=True, help="the county's slug in data/counties.yaml, e.g. pingtung")
    parser.add_argument("--year", type=int, help="the academic year folder, e.g. 114 (default: the newest)")
    parser.add_argument("--force", action="store_true", help="replace the county's notice file if it exists")
    _root_argument(parser)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    return _reporting(lambda: _import(root, args), root, "letter")


def _import(root: Path, args: argparse.Namespace) -> int:
    from .letterimport import import_letter

    report = import_letter(root, args.file, args.county, year=args.year, force=args.force)
    shown = display_path(report.path, root)
    print(f"wrote {shown}: {report.lines} lines, {_pending_translations(report.pending)}")
    for unplaced in report.unplaced:
        print(f"not placed ({unplaced.where}): {unplaced.text}")
    for note in report.renumbered:
        print(f"note: {note}")
    for problem in report.to_fill:
        print(f"to fill in: {problem}")
    print(
        f"{len(report.unplaced)} not placed. Next: build.py check, build.py serve (preview), translate each "
        "`translation: pending` when there is time, then write the county's `instructions` (MAINTAINING.md)."
    )
    return 0


# What a command that fails while writing has left untouched: each writes beside, then replaces.
LEFT_AS_IT_WAS = {
    "build": "the last good site was left as it was",
    "check": "nothing was written",
    "serve": "the preview stopped",
    "schema": "each file not yet rewritten was left as it was, and none was half written",
    "urls": "data/urls.yaml was left as it was",
    "letter": "nothing was written",
    "diff": "the working tree was left as it was",
}


def _os_error(exc: OSError, root: Path) -> str:
    """``exc`` in one line, naming the path it met, relative to the project when inside it."""
    reason = exc.strerror or str(exc)
    if exc.filename is None:
        return reason
    path = Path(os.fsdecode(exc.filename))
    return f"{display_path(path, root) if path.is_absolute() else path}: {reason}"


def port_number(value: str) -> int:
    """``--port``'s value: 1 to 65535, or 0 for any free port (the preview prints the one it took)."""
    if re.fullmatch(r"[0-9]{1,5}", value) and int(value) <= 65535:
        return int(value)
    raise argparse.ArgumentTypeError(f"{value!r} is not a port: give a number from 1 to 65535, or 0 for a free one")


def iso_date(value: str) -> dt.date:
    """``--today``'s value: a real date written YYYY-MM-DD."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"{value!r} is not a date written YYYY-MM-DD, such as 2025-08-12")


def _check(options: Options, args: argparse.Namespace) -> int:
    from .builder import check

    project, report = check(
        options.root,
        base_url=options.base_url,
        strict=options.strict,
        template_cache=options.template_cache,
        today=options.today,
    )
    for warning in report.warnings:  # and each pending translation: information, on stdout
        print(warning, file=sys.stdout if warning.info else sys.stderr)
    years = project.years
    sessions = sum(len(year.sessions) for year in years)
    warnings, pending = _counts(report.warnings)
    print(
        f"OK: {len(project.counties)} counties, {len(years)} academic year(s) "
        f"({', '.join(str(y.number) for y in years)}), {sessions} online sessions, "
        f"{report.pages} pages and {report.calendars} calendars rendered, {warnings} warning(s)"
        + (f", {_pending_translations(pending)}" if pending else "")
    )
    return 0


def _counts(problems: list[Problem]) -> tuple[int, int]:
    """How many of ``problems`` are warnings, and how many information."""
    notes = sum(1 for problem in problems if problem.info)
    return len(problems) - notes, notes


def _pending_translations(n: int) -> str:
    return f"{n} English translation{'' if n == 1 else 's'} pending"


def _build(options: Options, args: argparse.Namespace) -> int:
    # The modules, model classes and validators imported here live until the process ends, so
    # the cyclic collector pauses while they load and then never looks at them again.
    gc.disable()
    from .builder import build

    gc.freeze()
    gc.enable()

    report = build(
        options.root,
        options.out,
        base_url=options.base_url,
        strict=options.strict,
        template_cache=options.template_cache,
        today=options.today,
        index=not args.no_search,
    )
    for warning in report.warnings:
        if not warning.info:
            print(warning, file=sys.stderr)
    if pending := _counts(report.warnings)[1]:
        print(f"{_pending_translations(pending)} (build.py check lists them)")
    indexed = (
        f", {report.search_pages} indexed for search in {report.search_seconds:.2f} s" if report.search_pages else ""
    )
    print(
        f"Built {report.pages} pages and {report.calendars} calendars ({report.files} files) "
        f"into {options.out} in {report.seconds:.2f} s{indexed}"
    )
    return 0


def _serve(options: Options, args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(
        options.root,
        host=args.host,
        port=args.port,
        base_url=options.base_url,
        strict=options.strict,
        today=options.today,
    )


def _schema(options: Options, args: argparse.Namespace) -> int:
    from .schema import write_schemas

    for path in write_schemas(options.root):
        print(f"wrote {path}")
    return 0


def _urls(options: Options, args: argparse.Namespace) -> int:
    from .builder import survey_urls
    from .ledger import NAME, record

    project, survey = survey_urls(
        options.root, base_url=options.base_url, template_cache=options.template_cache, today=options.today
    )
    if not args.record:
        for state in survey.states:
            print(state)
        print(survey.summary())
    elif added := record(options.root, project.ledger, survey):
        print(f"recorded {len(added)} new URL{'s' if len(added) > 1 else ''} in {NAME}:")
        for url in added:
            print(f"  {url}")
    else:
        print(f"nothing new to record: {NAME} lists every URL the site publishes")
    return 0


def _diff(options: Options, args: argparse.Namespace) -> int:
    from .diff import DiffError, diff, markdown

    assert options.today is not None  # only serve takes the date later
    try:
        report = diff(options.root, args.ref, base_url=options.base_url, today=options.today)
    except DiffError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(markdown(report), end="")
    return 0


VERBS = {"build": _build, "check": _check, "serve": _serve, "schema": _schema, "urls": _urls, "diff": _diff}
