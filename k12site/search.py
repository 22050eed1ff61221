"""The search index: Pagefind, run over a finished build folder before it is switched in.

Pagefind reads the built pages and writes its index and scripts into ``pagefind/`` beside them
(site furniture: no letter links to it). It indexes only what a page marks with
``data-pagefind-body`` (the ``<main>`` of every page of a year, so menus and footers are left
out) and makes one index per ``<html lang>``, so each language's search page finds that
language's pages of every year. The extended build of Pagefind segments Chinese into words.
`serve` and `check` skip it: it takes a second or more, and a preview needs no search.

The binary comes from the ``pagefind[extended]`` package. It runs as a command, which exits only
once every file is written: the package's asynchronous API ends its service process with
``terminate()`` when the index is written, which can cut off files still being written (seen
here: an empty ``pagefind-entry.json``).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from pagefind.service import get_executable

from .output import FILE_MODE, FOLDER_MODE, OutputError
from .urls import SEARCH_INDEX


class SearchIndexError(OutputError):
    """Pagefind could not index the build (the build is then discarded, the old site stays)."""


def index(folder: Path) -> int:
    """Index every page of the build in ``folder`` into ``folder/pagefind/``; return the pages indexed."""
    binary = get_executable()
    if binary is None:
        raise SearchIndexError("Pagefind is not installed: .venv/bin/pip install -e . (it needs pagefind[extended])")
    output = folder / SEARCH_INDEX
    command = [str(binary), "--site", str(folder), "--output-path", str(output), "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index the build: {(result.stderr or result.stdout).strip()}")
    pages = _settle(output)
    if not pages:
        raise SearchIndexError(f"Pagefind found no page to index in {folder}: no <main data-pagefind-body>")
    return pages


def _settle(output: Path) -> int:
    """Make the index's bytes and modes the build's own; return how many pages it holds."""
    entry_file = output / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    # Pagefind lists the languages in any order: sorted, the same pages give the same bytes.
    entry_file.write_text(
        json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8"
    )
    os.chmod(output, FOLDER_MODE)  # readable by a web server whatever the umask, as the pages are
    for path in output.rglob("*"):
        os.chmod(path, FOLDER_MODE if path.is_dir() else FILE_MODE)
    return sum(language["page_count"] for language in entry["languages"].values())
