"""One transaction per build: `site` is never missing or half written, builds never mix, and
nothing a killed build or a broken cache leaves behind can break the next build."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import jinja2.bccache
import pytest

from k12site.builder import build
from k12site.output import BuildLocked, build_lock

REPO = Path(__file__).resolve().parent.parent


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_command(root: Path, *extra: str) -> list[str]:
    return [sys.executable, str(REPO / "build.py"), "build", "--root", str(root), *extra]


def edit_password(root: Path, new: str) -> None:
    path = root / "data/114/districts.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("password: k12ea0812", f"password: {new}"), encoding="utf-8")


def test_site_is_a_link_to_the_finished_build_and_old_builds_are_removed(seed_project: Path) -> None:
    builds = []
    for _ in range(3):
        build(seed_project)
        builds.append(os.readlink(seed_project / "site"))
    site = seed_project / "site"
    assert site.is_symlink() and len(set(builds)) == 3
    # the build it replaced stays until the next, for a reader that found a file through the old link
    assert sorted(p.name for p in (seed_project / ".site.builds").iterdir()) == sorted(Path(b).name for b in builds[1:])
    assert (site / "zh-tw/114/counties/pingtung/index.html").is_file()


def test_a_build_killed_at_any_moment_leaves_the_old_or_the_new_site_whole(seed_project: Path) -> None:
    subprocess.run(build_command(seed_project), check=True, capture_output=True)
    old = tree(seed_project / "site")
    edit_password(seed_project, "k12ea0999")
    subprocess.run(
        build_command(seed_project, "--out", str(seed_project / "expected")), check=True, capture_output=True
    )
    new = tree(seed_project / "expected")
    edit_password(seed_project, "k12ea0999")  # unchanged: every build from here on makes `new`
    seen = set()
    for delay in [0.02 * i for i in range(1, 25)]:
        process = subprocess.Popen(build_command(seed_project), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        now = tree(seed_project / "site")
        assert now in (old, new), f"site/ is neither the old nor the new build after a kill at {delay:.2f} s"
        seen.add("new" if now == new else "old")
        if now == new:  # start over from the old site, so later kills can hit the switch too
            (seed_project / "site").unlink()
            (seed_project / "site").symlink_to(seed_project / "expected-old-site", target_is_directory=True)
            _write_tree(seed_project / "expected-old-site", old)
    assert seen, "no kill happened"
    previous = Path(os.path.realpath(seed_project / "site"))
    subprocess.run(build_command(seed_project), check=True, capture_output=True)
    assert tree(seed_project / "site") == new
    current = Path(os.path.realpath(seed_project / "site"))
    left = set((seed_project / ".site.builds").iterdir())
    assert left <= {current, previous}, "leftovers of killed builds are cleaned up"
    assert not list(seed_project.glob(".site.link-*"))


def _write_tree(folder: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def test_a_second_build_waits_for_the_first_then_fails_naming_it(seed_project: Path) -> None:
    subprocess.run(build_command(seed_project), check=True, capture_output=True)
    before = tree(seed_project / "site")
    edit_password(seed_project, "k12ea0999")
    with build_lock(seed_project / "site"):
        result = subprocess.run(build_command(seed_project), capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert f"another build of {seed_project / 'site'} is running (process {os.getpid()}" in result.stderr
    assert "the last good site was left as it was" in result.stderr
    assert tree(seed_project / "site") == before


def test_a_build_that_waits_a_moment_for_another_then_runs(seed_project: Path) -> None:
    lock = build_lock(seed_project / "site")
    lock.__enter__()
    threading.Timer(0.5, lock.__exit__, (None, None, None)).start()
    build(seed_project)  # waits for the lock, then builds
    assert (seed_project / "site/index.html").is_file()


def test_the_lock_is_held_for_the_whole_build(seed_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from k12site import builder

    seen: list[str] = []
    render_calendars = builder.render_calendars

    def render_and_try_the_lock(*args: object, **kwargs: object) -> None:
        try:
            with build_lock(seed_project / "site", wait=0):
                seen.append("free")
        except BuildLocked:
            seen.append("held")
        render_calendars(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builder, "render_calendars", render_and_try_the_lock)
    build(seed_project)
    assert seen == ["held"]


def test_a_site_that_is_a_plain_file_or_a_folder_is_replaced(seed_project: Path) -> None:
    (seed_project / "site").write_text("not a site", encoding="utf-8")
    build(seed_project)
    assert (seed_project / "site").is_symlink() and (seed_project / "site/index.html").is_file()
    (seed_project / "site").unlink()
    (seed_project / "site").mkdir()
    (seed_project / "site/stale.html").write_text("old", encoding="utf-8")
    build(seed_project)
    assert (seed_project / "site").is_symlink() and not (seed_project / "site/stale.html").exists()
    assert len(list((seed_project / ".site.builds").iterdir())) == 1


def test_leftovers_of_an_old_build_never_break_the_next(seed_project: Path) -> None:
    build(seed_project)
    (seed_project / ".site.builds/20250101T000000-1-1").mkdir()
    (seed_project / ".site.builds/20250101T000000-1-1/half.html").write_text("half", encoding="utf-8")
    (seed_project / ".site.builds/stray-file").write_text("x", encoding="utf-8")
    (seed_project / ".site.link-1").symlink_to("nowhere")
    previous = Path(os.path.realpath(seed_project / "site"))
    build(seed_project)
    assert set((seed_project / ".site.builds").iterdir()) == {previous, Path(os.path.realpath(seed_project / "site"))}
    assert not (seed_project / ".site.link-1").is_symlink()


@pytest.mark.parametrize("damage", ["corrupt", "a-file", "unwritable"])
def test_a_broken_template_cache_never_fails_a_build(
    seed_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    cache = seed_project / ".cache/templates"
    build(seed_project, tmp_path / "fresh", template_cache=cache)
    expected = tree(tmp_path / "fresh")
    if damage == "corrupt":
        for path in cache.iterdir():
            path.write_bytes(path.read_bytes()[:20] + b"\x00garbage")
    elif damage == "a-file":
        cache.parent.rename(seed_project / ".cache-old")
        cache.parent.write_text("not a folder", encoding="utf-8")
    else:
        for path in cache.iterdir():
            path.unlink()

        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(jinja2.bccache.tempfile, "NamedTemporaryFile", refuse)
    build(seed_project, template_cache=cache)
    assert tree(seed_project / "site") == expected


def test_files_are_readable_by_a_web_server_whatever_the_umask(seed_project: Path) -> None:
    code = (
        "import os, sys; os.umask(0o077); sys.argv = ['build.py', 'build', '--root', sys.argv[1]]; "
        f"sys.path.insert(0, {str(REPO)!r}); from k12site.cli import main; raise SystemExit(main())"
    )
    subprocess.run([sys.executable, "-c", code, str(seed_project)], check=True, capture_output=True)
    site = Path(os.path.realpath(seed_project / "site"))
    for path in [site, *site.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), f"{path}: {oct(mode)}"


def test_a_build_that_fails_at_the_switch_leaves_the_old_site(
    seed_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(seed_project)
    before = tree(seed_project / "site")
    edit_password(seed_project, "k12ea0999")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        build(seed_project)
    monkeypatch.undo()
    assert tree(seed_project / "site") == before
    assert len(list((seed_project / ".site.builds").iterdir())) == 1, "the unfinished build folder is removed"
