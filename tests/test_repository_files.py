"""The files GitHub reads beside the workflow: the issue forms, their chooser's configuration and
Dependabot's, each valid against the schema check-jsonschema ships for it (offline)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from k12site.loader import load_project

REPO = Path(__file__).resolve().parent.parent
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
CHOOSER = REPO / ".github/ISSUE_TEMPLATE/config.yml"  # not a form: what the "New issue" page offers
FORMS = sorted(path for path in (REPO / ".github/ISSUE_TEMPLATE").glob("*.yml") if path != CHOOSER)


def check(schema: str, *paths: Path) -> subprocess.CompletedProcess[str]:
    args = [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *map(str, paths)]
    return subprocess.run(args, capture_output=True, text=True, timeout=120)


def test_the_issue_forms_are_valid_and_labelled_in_both_languages() -> None:
    assert {p.name for p in FORMS} == {"report-an-error.yml", "publish-an-onsite-session.yml"}
    result = check("vendor.github-issue-forms", *FORMS)
    assert result.returncode == 0, result.stdout + result.stderr
    for form in FORMS:
        body = yaml.safe_load(form.read_text(encoding="utf-8"))["body"]
        labels = [item["attributes"]["label"] for item in body if item["type"] != "markdown"]
        assert labels and all(" · " in label for label in labels), form.name  # 中文 · English


def test_a_broken_issue_form_fails_the_check(tmp_path: Path) -> None:
    broken = tmp_path / "form.yml"
    broken.write_text(FORMS[0].read_text(encoding="utf-8").replace("type: input", "type: text", 1), encoding="utf-8")
    assert check("vendor.github-issue-forms", broken).returncode == 1


@pytest.mark.parametrize("ecosystem", ["pip", "npm", "github-actions"])
def test_dependabot_keeps_each_kind_of_dependency_current(ecosystem: str) -> None:
    path = REPO / ".github/dependabot.yml"
    assert check("vendor.dependabot", path).returncode == 0
    updates = yaml.safe_load(path.read_text(encoding="utf-8"))["updates"]
    assert ecosystem in {update["package-ecosystem"] for update in updates}


def test_the_issue_chooser_config_is_valid_and_keeps_blank_issues_for_the_maintainers() -> None:
    result = check("vendor.github-issue-config", CHOOSER)
    assert result.returncode == 0, result.stdout + result.stderr
    config = yaml.safe_load(CHOOSER.read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is True
    [link] = config["contact_links"]
    assert " · " in link["name"]  # 中文 · English


def test_a_broken_issue_chooser_config_fails_the_check(tmp_path: Path) -> None:
    broken = tmp_path / "config.yml"
    broken.write_text(CHOOSER.read_text(encoding="utf-8").replace("url:", "link:", 1), encoding="utf-8")
    assert check("vendor.github-issue-config", broken).returncode == 1


def test_the_scheduling_link_follows_the_newest_years_organizer() -> None:
    # The chooser sends whoever wants a session to the organizer, as every page's footer does; a
    # new year's data with another route or site must be copied here too, or this fails.
    organizer = load_project(REPO).latest.info.organizer
    [link] = yaml.safe_load(CHOOSER.read_text(encoding="utf-8"))["contact_links"]
    assert organizer.website is not None, "config.yml needs a url: give the newest year's organizer a website"
    assert link["url"] == organizer.website
    assert link["about"] == f"{organizer.scheduling.zh} · {organizer.scheduling.en}"


def test_the_built_site_is_ignored_by_git_even_as_a_link(tmp_path: Path) -> None:
    """``site`` is a symbolic link to the current build (k12site/output.py); ``site/`` would miss it.
    Asked of git in a repository of its own holding this .gitignore, so it holds in a source
    archive too, where the project is no git checkout."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_bytes((REPO / ".gitignore").read_bytes())
    (tmp_path / ".site.builds").mkdir()
    (tmp_path / "site").symlink_to(".site.builds", target_is_directory=True)
    for path in ("site", ".site.builds", ".site.lock", ".cache/templates"):
        done = subprocess.run(["git", "check-ignore", "--no-index", "-q", path], cwd=tmp_path)
        assert done.returncode == 0, path
    assert subprocess.run(["git", "check-ignore", "--no-index", "-q", "data/urls.yaml"], cwd=tmp_path).returncode == 1
