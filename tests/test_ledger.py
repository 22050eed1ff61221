"""URLs are promises, enforced: data/urls.yaml records every URL the site has published; a build
that would stop producing one fails and names it, unless `moved:` says where it went; `check`
catches all of it, as it renders the whole site in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from k12site.cli import main


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(args)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err.strip().splitlines()


def replace(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def site_bytes(root: Path) -> dict[str, bytes]:
    site = root / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


# --- check renders the whole site in memory, as build renders it --------------------------------


def test_check_reports_a_template_mistake_exactly_as_build_does(real: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the notice page is the only page that uses this template: data checks alone never see it
    replace(real, "templates/notice.html", '<article class="letter">', '<article class="letter">{% endblok %}')
    checked = run(["check", "--root", str(real)], capsys)
    assert checked == (
        1,
        [
            "templates/notice.html:6:1: (template): Encountered unknown tag 'endblok'. Jinja was looking for the "
            "following tags: 'endblock'. The innermost block that needs to be closed is 'block'.",
            "1 problem found; nothing was written.",
        ],
    )
    assert run(["build", "--root", str(real)], capsys) == checked


def test_check_writes_no_site(real: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--root", str(real)], capsys)[0] == 0
    assert sorted(p.name for p in real.iterdir()) == [".cache", "content", "data", "templates"]
    assert sorted(p.name for p in (real / ".cache").iterdir()) == ["templates"]  # compiled templates only


def test_a_project_without_templates_is_a_located_problem_not_a_crash(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tiny / "templates/base.html").unlink()
    assert run(["check", "--root", str(tiny)], capsys) == (
        1,
        [
            "templates/base.html:1:1: (file): this file is missing; the site's templates live in templates/",
            "1 problem found; nothing was written.",
        ],
    )
