"""The package's layers: which modules may import which, so that arrows run downward only.

`LAYERS` lists the layers from the top (the commands) to the bottom (what everything shares),
each with its modules; README's Layout holds the same table ("Layers"), and a test holds the two
to each other. A module may import a module of its own layer or of any layer below it, never one
above; and no two modules may import each other, directly or round a circle, even only for type
checking (`if TYPE_CHECKING:`), since such a pair cannot be read, tested or moved apart.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "k12site"

# From the top down; README's Layout has the same table.
LAYERS: dict[str, tuple[str, ...]] = {
    "commands": ("cli", "serve", "diff", "letterimport"),
    "builder": ("builder",),
    "render": ("pages", "templating", "views", "calendars", "feeds", "opendata", "search", "eventtext", "qr", "kit"),
    "source": ("loader", "checks", "content", "schema", "ledger", "datafiles", "validate", "letter", "di"),
    "plan": ("urls", "kinds"),
    "project": ("project",),
    "base": ("models", "yamlfile", "sourcefile", "problems", "dates", "i18n", "markdown", "files", "output"),
}


def imports(package: Path) -> dict[str, dict[str, int]]:
    """Each module of ``package`` -> the modules of the package it imports, with the first line
    that does; every import counts, inside a function or under ``if TYPE_CHECKING:`` too."""
    found: dict[str, dict[str, int]] = {}
    for path in sorted(package.glob("*.py")):
        if path.stem == "__init__":
            continue
        mine = found.setdefault(path.stem, {})
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                names = [node.module.split(".")[0]] if node.module else [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] if node.level == 0 else []
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            if not isinstance(node, ast.ImportFrom) or node.level == 0:
                names = [name.split(".")[1] for name in names if name.startswith(f"{package.name}.")]
            for name in names:
                mine.setdefault(name, node.lineno)
    return found


def upward_arrows(package: Path, layers: dict[str, tuple[str, ...]]) -> list[str]:
    """Every import that runs up a layer, and every module that is in no layer, one line each."""
    rank = {module: (index, layer) for index, (layer, modules) in enumerate(layers.items()) for module in modules}
    order = " → ".join(layers)
    problems = []
    for module, imported in imports(package).items():
        if module not in rank:
            problems.append(
                f"{package.name}/{module}.py is in no layer: add it to LAYERS in tests/test_layers.py "
                "and to the table in README's Layout"
            )
            continue
        for other, line in sorted(imported.items()):
            if other in rank and rank[other][0] < rank[module][0]:
                problems.append(
                    f"{package.name}/{module}.py:{line} imports {package.name}/{other}.py: {rank[module][1]} may not "
                    f"import {rank[other][1]}, a layer above it; arrows run downward only ({order})"
                )
    return problems


def circles(package: Path) -> list[str]:
    """Every circle of imports among the package's modules (the shortest through its first
    module), each named once by its files."""
    found = imports(package)
    graph = {module: sorted(set(imported) & set(found)) for module, imported in found.items()}
    reported: list[set[str]] = []
    problems = []
    for start in sorted(graph):
        ring = _shortest_way_back(graph, start)
        if ring and set(ring) not in reported:
            reported.append(set(ring))
            problems.append("import circle: " + " → ".join(f"{package.name}/{m}.py" for m in [*ring, start]))
    return problems


def _shortest_way_back(graph: dict[str, list[str]], start: str) -> list[str] | None:
    """The modules on the shortest way of imports from ``start`` back to itself, or None."""
    ways = {start: [start]}
    waiting = [start]
    while waiting:
        module = waiting.pop(0)
        for other in graph[module]:
            if other == start:
                return ways[module]
            if other not in ways:
                ways[other] = [*ways[module], other]
                waiting.append(other)
    return None


def test_every_arrow_runs_downward() -> None:
    assert upward_arrows(PACKAGE, LAYERS) == []


def test_no_modules_import_each_other() -> None:
    assert circles(PACKAGE) == []


def test_every_module_is_in_one_layer() -> None:
    listed = [module for modules in LAYERS.values() for module in modules]
    assert sorted(listed) == sorted(set(listed)), "a module is in two layers"
    assert sorted(set(listed) - set(imports(PACKAGE))) == [], "LAYERS names a module that is gone"


def test_readme_lists_the_same_layers() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^ *\| (\w+) \| ((?:`\w+`(?:, )?)+) \|$", readme, flags=re.MULTILINE)
    assert {layer: tuple(re.findall(r"`(\w+)`", modules)) for layer, modules in rows} == LAYERS


def write_package(folder: Path, modules: dict[str, str]) -> Path:
    package = folder / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name, text in modules.items():
        (package / f"{name}.py").write_text(text)
    return package


LITTLE = {"top": ("cli",), "middle": ("builder",), "bottom": ("models",)}


@pytest.mark.parametrize(
    "line",
    [
        "from .builder import build\n",
        "from . import builder\n",
        "import pkg.builder\n",
        "from pkg.builder import build\n",
        "def f():\n    from .builder import build\n",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .builder import build\n",
    ],
)
def test_an_arrow_back_up_fails_naming_both_files(tmp_path: Path, line: str) -> None:
    package = write_package(tmp_path, {"cli": "from . import builder\n", "builder": "", "models": line})
    (number,) = [i for i, text in enumerate(line.splitlines(), 1) if "builder" in text]
    assert upward_arrows(package, LITTLE) == [
        f"pkg/models.py:{number} imports pkg/builder.py: bottom may not import middle, a layer above it; "
        "arrows run downward only (top → middle → bottom)"
    ]


def test_a_module_in_no_layer_is_named(tmp_path: Path) -> None:
    package = write_package(tmp_path, {"cli": "", "builder": "", "models": "", "extra": "from . import models\n"})
    assert upward_arrows(package, LITTLE) == [
        "pkg/extra.py is in no layer: add it to LAYERS in tests/test_layers.py and to the table in README's Layout"
    ]


def test_two_modules_of_one_layer_that_import_each_other_are_a_circle(tmp_path: Path) -> None:
    package = write_package(
        tmp_path,
        {"loader": "from . import checks\n", "checks": "if False:\n    from .loader import Loaded\n", "models": ""},
    )
    assert circles(package) == ["import circle: pkg/checks.py → pkg/loader.py → pkg/checks.py"]


def test_ci_type_checks_the_package_after_the_lint() -> None:
    """`.ci/run` runs mypy on the package after ruff; pyproject.toml says what it checks, and how."""
    import tomllib

    steps = [line.strip() for line in (REPO / ".ci" / "run").read_text().splitlines()]
    lint = steps.index(".venv/bin/ruff format --check .")
    assert ".venv/bin/mypy" in steps[lint:], ".ci/run must run mypy after ruff"
    assert steps.index(".venv/bin/mypy") < steps.index(".venv/bin/python -m pytest")
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["mypy"]
    assert "k12site" in config["files"] and "pydantic.mypy" in config["plugins"]
    assert config["disallow_untyped_defs"] is True
