"""The helpers the tests share: run build.py in-process, edit a file once, read a page as a reader does."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from k12site import models
from k12site.cli import main
from k12site.validate import validate_file
from k12site.yamlfile import read_yaml


def cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``build.py <args>`` in this process: its exit code, stdout and stderr; a traceback fails the test."""
    code = main(args)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def errors(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """``build.py <args>``: its exit code and the lines it printed to stderr (its problems)."""
    code, _, err = cli(args, capsys)
    return code, err.strip().splitlines()


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old``, which must be in the file exactly once, by ``new``, as in an editor."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def soup(folder: Path, rel: str = "") -> BeautifulSoup:
    """The page ``rel`` of a built site ``folder`` (or the file ``folder`` itself), parsed."""
    return BeautifulSoup((folder / rel).read_bytes(), "html.parser")


def text(node: Tag | BeautifulSoup) -> str:
    """An element's words as a reader sees them, one space between each."""
    return " ".join(node.get_text(" ").split())


def read_notice(path: Path) -> models.NoticeFile:
    """A county's notice file, validated as the build validates it (it must be valid)."""
    notice, problems = validate_file(models.NoticeFile, read_yaml(path.read_bytes(), path.name))
    assert notice is not None, problems
    return notice
