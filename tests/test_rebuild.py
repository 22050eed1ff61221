"""A rebuild in `serve` reuses what did not change, and writes exactly what a full build writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import edit

from k12site.builder import Rebuilder, build
from k12site.problems import DataError


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        ("data/114/districts.yaml", "password: k12ea0812", "password: k12ea0999"),
        (
            "data/114/sessions.yaml",
            "{district: 5, track: hr, date: 2025-08-12, period: full_day, sequence: 0}",
            "{district: 5, track: hr, date: 2025-08-11, period: full_day, sequence: 1, updated: 2025-08-01T00:00:00Z}",
        ),
        ("data/counties.yaml", "en: Pingtung County", "en: Pingtung County (edited)"),
        ("content/114/home.en.md", "Find your county", "Please find your county"),
        (
            "templates/county.html",
            "<h1>{{ county.name[lang] }}</h1>",
            '<h1 class="edited">{{ county.name[lang] }}</h1>',
        ),
    ],
    ids=["password", "reschedule", "county-name", "markdown", "template"],
)
def test_a_rebuild_after_one_change_equals_a_full_build(seed_project: Path, rel: str, old: str, new: str) -> None:
    rebuilder = Rebuilder(seed_project, seed_project / "site")
    rebuilder.build()
    rebuilder.build()
    before = tree(seed_project / "site")
    edit(seed_project / rel, old, new)
    rebuilder.build()
    after = tree(seed_project / "site")
    build(seed_project, seed_project / "full", index=False)  # serve leaves out the search index
    assert after == tree(seed_project / "full")
    assert after != before


def test_a_page_that_is_gone_from_the_data_is_gone_from_the_site(seed_project: Path) -> None:
    rebuilder = Rebuilder(seed_project, seed_project / "site")
    rebuilder.build()
    rebuilder.build()
    (seed_project / "data/114/notices/pingtung.yaml").unlink()
    ledger = seed_project / "data/urls.yaml"  # as if the notice had never been published (else it must move)
    lines = ledger.read_text(encoding="utf-8").splitlines(keepends=True)
    ledger.write_text("".join(line for line in lines if "/notice/pingtung/" not in line), encoding="utf-8")
    rebuilder.build()
    build(seed_project, seed_project / "full", index=False)  # serve's builds leave out the search index
    assert tree(seed_project / "site") == tree(seed_project / "full")
    assert not (seed_project / "site/en/114/notice").exists()
    folders = {p.relative_to(seed_project / "site") for p in (seed_project / "site").rglob("*") if p.is_dir()}
    assert folders == {p.relative_to(seed_project / "full") for p in (seed_project / "full").rglob("*") if p.is_dir()}


def test_a_failed_rebuild_keeps_the_last_good_site_and_recovers(seed_project: Path) -> None:
    rebuilder = Rebuilder(seed_project, seed_project / "site")
    rebuilder.build()
    good = tree(seed_project / "site")
    path = seed_project / "data/114/districts.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("schools: 788", "schools: many"), encoding="utf-8")
    with pytest.raises(DataError):
        rebuilder.build()
    assert tree(seed_project / "site") == good
    path.write_text(original, encoding="utf-8")
    rebuilder.build()
    assert tree(seed_project / "site") == good


def test_the_rebuild_memory_keeps_only_what_the_last_build_used(seed_project: Path) -> None:
    rebuilder = Rebuilder(seed_project, seed_project / "site")
    rebuilder.build()
    assert rebuilder.memo is not None
    first = set(rebuilder.memo.now)
    edit(seed_project / "data/114/districts.yaml", "password: k12ea0812", "password: k12ea0999")
    rebuilder.build()
    second = set(rebuilder.memo.now)
    assert len(second) == len(first)  # the old district-5 events are gone, the new ones in
    changed = {key for key in second - first if key[0] == "VEVENT"}
    assert changed and all("k12ea0999" in dict(key[1:])["description"] for key in changed)
