"""CI publishes only a site that passed every check: the workflow is valid and says so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted([*(REPO / ".github/workflows").glob("*.yml"), *(REPO / ".github/workflows").glob("*.yaml")])
SITE = REPO / ".github/workflows/site.yml"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"  # a test dependency; works offline


def check_workflows(*paths: Path) -> subprocess.CompletedProcess[str]:
    args = [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", *map(str, paths)]
    return subprocess.run(args, capture_output=True, text=True, timeout=120)


def steps(job: dict) -> list[str]:
    """Each step as one line: what it uses or runs, and its inputs."""
    return [
        " ".join(str(v) for v in (s.get("uses"), s.get("run"), s.get("with"), s.get("id")) if v) for s in job["steps"]
    ]


def test_every_workflow_is_valid_against_the_github_workflow_schema() -> None:
    assert SITE in WORKFLOWS
    result = check_workflows(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_misspelled_key_fails_the_workflow_schema_check(tmp_path: Path) -> None:
    broken = tmp_path / "site.yml"
    broken.write_text(SITE.read_text(encoding="utf-8").replace("runs-on:", "runs_on:", 1), encoding="utf-8")
    result = check_workflows(broken)
    assert result.returncode == 1
    assert "'runs-on' is a required property" in result.stdout


def test_every_push_and_pull_request_is_installed_checked_built_and_tested() -> None:
    workflow = yaml.safe_load(SITE.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "push" in triggers and "pull_request" in triggers
    test = workflow["jobs"]["test"]
    assert "if" not in test
    lines = steps(test)
    assert lines[0].startswith("actions/checkout@")
    # git works in the checkout though the container's user is not its owner: tests and diff use git
    assert lines[1] == 'git config --global --add safe.directory "$GITHUB_WORKSPACE"'
    assert any(line.startswith("actions/setup-node@") and "'node-version': 20" in line for line in lines)
    assert "bash .ci/run" in lines  # installs, then runs every test
    assert '.venv/bin/python build.py --strict --base-url "$PREVIEW_URL"' in lines
    assert test["env"]["PREVIEW_URL"].startswith("https://") and test["env"]["PREVIEW_URL"].endswith("/")


def test_main_is_deployed_to_pages_only_after_the_tests_with_a_strict_build_for_its_pages_url() -> None:
    deploy = yaml.safe_load(SITE.read_text(encoding="utf-8"))["jobs"]["deploy"]
    assert deploy["needs"] == "test"
    assert deploy["if"] == "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'"
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    lines = steps(deploy)
    order = [
        next(
            i for i, line in enumerate(lines) if line.startswith("actions/configure-pages@") and line.endswith("pages")
        ),
        lines.index('python build.py --strict --base-url "${{ steps.pages.outputs.base_url }}/"'),
        next(
            i
            for i, line in enumerate(lines)
            if line.startswith("actions/upload-pages-artifact@") and "'path': 'site'" in line
        ),
        next(i for i, line in enumerate(lines) if line.startswith("actions/deploy-pages@")),
    ]
    assert order == sorted(order)


def test_the_site_is_rebuilt_and_deployed_daily_just_after_midnight_taipei_and_on_demand() -> None:
    workflow = yaml.safe_load(SITE.read_text(encoding="utf-8"))
    triggers = workflow[True]
    assert "workflow_dispatch" in triggers
    assert triggers["schedule"] == [{"cron": "5 16 * * *"}]  # 16:05 UTC is 00:05 in Taipei (UTC+8)
    deploy = workflow["jobs"]["deploy"]
    # a scheduled run is on the default branch (main) and is not a pull request: it deploys
    assert "github.ref == 'refs/heads/main'" in deploy["if"]
    assert "schedule" not in deploy["if"] and "github.event_name != 'pull_request'" in deploy["if"]


def test_pip_downloads_and_npm_packages_are_kept_between_runs() -> None:
    """Restored before .ci/run installs, keyed on the files that pin them."""
    test = yaml.safe_load(SITE.read_text(encoding="utf-8"))["jobs"]["test"]
    uses = [step.get("uses", "") for step in test["steps"]]
    cache = test["steps"][next(i for i, name in enumerate(uses) if name.startswith("actions/cache@"))]
    assert uses.index(cache["uses"]) < steps(test).index("bash .ci/run")
    assert set(cache["with"]["path"].split()) == {"~/.cache/pip", "~/.npm"}
    assert "hashFiles('pyproject.toml', 'package-lock.json')" in cache["with"]["key"]
    assert cache["with"]["restore-keys"]
    deploy = yaml.safe_load(SITE.read_text(encoding="utf-8"))["jobs"]["deploy"]
    python = next(step for step in deploy["steps"] if step.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["cache"] == "pip" and python["with"]["cache-dependency-path"] == "pyproject.toml"
