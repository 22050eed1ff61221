#!/usr/bin/env python3
"""Benchmark: build time and memory at 1×, 10× and 100× the real data, the cold build against
the dependency-import floor, and the rebuild ``serve`` does after a one-file change.

Run: ``.venv/bin/python bench/run.py`` (under a minute; ``--quick`` for fewer repeats).
Every figure is a median of several runs; where two things are compared they alternate.
Builds run as separate processes, each into an empty output folder (as in CI), in one process
each; the peak memory shown is the build process's (max RSS).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import REPO, make_project, plan

PYTHON = sys.executable
FLOOR = (
    "import yaml; from pydantic import BaseModel; from jinja2 import Environment; "
    "from markdown_it import MarkdownIt; from icalendar import Calendar; import segno; "
    "from feedgen.feed import FeedGenerator; from pagefind.service import get_executable"
)


def timed(args: list[str], cwd: Path = REPO) -> tuple[float, int]:
    """Run a process; return its wall seconds and its own peak memory in KiB."""
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{process.stderr.read().decode() if process.stderr else ''}")
    return elapsed, usage.ru_maxrss


def build_args(root: Path, out: Path) -> list[str]:
    """A build without the search index, whose time has a row of its own (`search_time`)."""
    return [PYTHON, str(REPO / "build.py"), "build", "--root", str(root), "--out", str(out), "--no-search"]


def count(out: Path) -> tuple[int, int, int]:
    files = [p for p in out.rglob("*") if p.is_file()]
    return len(files), sum(p.suffix == ".html" for p in files), sum(p.suffix == ".ics" for p in files)


def scale_table(work: Path, repeats: int, scales: list[int]) -> list[dict[str, float]]:
    rows = []
    for scale in scales:
        root = make_project(work / f"x{scale}", scale)
        runs = []
        for run in range(repeats if scale < 100 else max(1, repeats // 2)):
            # Each build into a new folder, as in CI. (Not one emptied just before: deleting
            # thousands of files keeps the disk busy for a while and would be timed too.)
            out = work / f"x{scale}-run{run}" / "site"
            runs.append(timed(build_args(root, out)))
        files, pages, calendars = count(out)
        seconds = statistics.median(r[0] for r in runs)
        years, factor = plan(scale)
        rows.append(
            {
                "scale": scale,
                "years": years,
                "counties": 22 * factor,
                "pages": pages,
                "calendars": calendars,
                "files": files,
                "seconds": seconds,
                "ms_per_file": 1000 * seconds / files,
                "peak_mb": max(r[1] for r in runs) / 1024,
            }
        )
    return rows


def compile_package() -> None:
    """Our modules' bytecode, as `pip install` leaves it for every dependency (and as a first run
    leaves it, unless PYTHONDONTWRITEBYTECODE is set, as it is on some machines)."""
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(REPO / "k12site")], check=True)


def cold_vs_floor(work: Path, repeats: int) -> dict[str, float]:
    """Medians of whole build processes of the real site, and of the import floor, alternated."""
    root = work / "real"
    for name in ("data", "content", "templates"):
        shutil.copytree(REPO / name, root / name)
    times: dict[str, list[float]] = {"again": [], "new folder": [], "fresh clone": [], "floor": []}
    for run in range(repeats):  # alternate, so all of them see the same machine
        compile_package()
        timed(build_args(root, work / "cold-site"))  # leaves what a previous build leaves
        times["again"].append(timed(build_args(root, work / "cold-site"))[0])
        times["new folder"].append(timed(build_args(root, work / f"new-{run}" / "site"))[0])
        # A fresh clone: no compiled templates, no bytecode of our own, no earlier site.
        shutil.rmtree(root / ".cache", ignore_errors=True)
        shutil.rmtree(REPO / "k12site" / "__pycache__", ignore_errors=True)
        times["fresh clone"].append(timed(build_args(root, work / f"fresh-{run}" / "site"))[0])
        times["floor"].append(timed([PYTHON, "-c", FLOOR])[0])
    compile_package()
    return {name: statistics.median(values) for name, values in times.items()}


def rebuild_times(work: Path, repeats: int) -> tuple[float, float]:
    """The serve loop's rebuild after editing one data file, in one process as serve runs it."""
    code = f"""
import shutil, statistics, sys, time
from pathlib import Path
sys.path.insert(0, {str(REPO)!r})
from k12site.builder import Rebuilder
root = Path({str(work / "edit")!r})
shutil.rmtree(root, ignore_errors=True)
for name in ("data", "content", "templates"):
    shutil.copytree(Path({str(REPO)!r}) / name, root / name)
rebuilder = Rebuilder(root, root / "site")
rebuilder.build()
target = root / "data/114/districts.yaml"
original = target.read_text(encoding="utf-8")
edits, fulls = [], []
for i in range({repeats}):
    target.write_text(original.replace("k12ea0806", f"k12ea08{{i:02d}}x"), encoding="utf-8")
    started = time.perf_counter(); rebuilder.build(); edits.append(time.perf_counter() - started)
    started = time.perf_counter(); Rebuilder(root, root / "full").build(); fulls.append(time.perf_counter() - started)
print(statistics.median(edits), statistics.median(fulls))
"""
    result = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, check=True)
    edit, full = map(float, result.stdout.split())
    return edit, full


def search_time(work: Path, repeats: int) -> tuple[float, int]:
    """Pagefind's index of the real site, alone: median seconds, and the pages it indexed."""
    code = f"""
import shutil, statistics, sys, time
from pathlib import Path
sys.path.insert(0, {str(REPO)!r})
from k12site import search
from k12site.builder import build
site = Path({str(work / "search-site")!r})
build(Path({str(REPO)!r}), site, index=False)
folder = site.resolve()
times = []
for _ in range({repeats}):
    shutil.rmtree(folder / "pagefind", ignore_errors=True)
    started = time.perf_counter(); pages = search.index(folder); times.append(time.perf_counter() - started)
print(statistics.median(times), pages)
"""
    result = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, check=True)
    seconds, pages = result.stdout.split()
    return float(seconds), int(pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("--scales", default="1,10,100")
    args = parser.parse_args()
    repeats = 3 if args.quick else 7
    scales = [int(s) for s in args.scales.split(",")]
    with tempfile.TemporaryDirectory(prefix="k12site-bench-") as tmp:
        work = Path(tmp)
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; medians of {repeats} runs\n")
        compile_package()
        rows = scale_table(work, repeats, scales)
        print("| data | years | counties | pages | calendars | files | wall s | ms/file | peak MB |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for r in rows:
            print(
                f"| {r['scale']}× | {r['years']} | {r['counties']} | {r['pages']} | {r['calendars']} | {r['files']} "
                f"| {r['seconds']:.2f} | {r['ms_per_file']:.3f} | {r['peak_mb']:.0f} |"
            )
        by = {r["scale"]: r for r in rows}
        if 10 in by and 100 in by:
            print(
                f"\ngrowth: 100× costs {by[100]['seconds'] / by[10]['seconds']:.1f}× the 10× build "
                f"for {by[100]['files'] / by[10]['files']:.1f}× the files"
            )
        cold = cold_vs_floor(work, repeats)
        floor = cold["floor"]
        print("\ncold build of the real site, as a whole process:")
        for name, what in (
            ("again", "built again over the previous build (as a maintainer does)"),
            ("new folder", "into a new folder, compiled templates and bytecode kept"),
            ("fresh clone", "on a fresh clone: no compiled templates or bytecode yet, no earlier site"),
        ):
            print(f"  {what}: {cold[name] * 1000:.0f} ms ({cold[name] / floor:.2f}× the floor)")
        print(f"dependency import floor ({FLOOR}): {floor * 1000:.0f} ms")
        seconds, pages = search_time(work, repeats)
        print(f"search index (Pagefind, part of build.py; serve skips it): {seconds * 1000:.0f} ms for {pages} pages")
        edit, full = rebuild_times(work, repeats)
        print(
            f"\nserve rebuild after editing data/114/districts.yaml: {edit * 1000:.0f} ms "
            f"(a fresh in-process full build: {full * 1000:.0f} ms)"
        )


if __name__ == "__main__":
    main()
