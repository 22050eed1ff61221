"""``build.py letter import FILE --county SLUG``: a county's letter into ``data/<year>/notices/<county>.yaml``.

The letter is read from its text or its DI file (`letter.read_letter`, which tells them apart by
the content). Every quoted field is written in Chinese exactly as written, with
``translation: pending`` in place of its English: the site publishes it at once, the English
pages showing the Chinese until someone translates it. Two English texts need no translator:
a county government's name (from data/counties.yaml) and the 速別 (a fixed vocabulary of the
format). The county's ``instructions`` are never guessed; they stay for a person to write.

Nothing is written over an existing file without ``--force``, nothing through a link, and a
file is replaced whole or not at all. The report says what could not be placed, and what
`build.py check` will still ask for.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import models
from .di import is_di, read_di
from .files import replace_file, unsafe_to_write
from .letter import Letter, LetterError, Point, Unplaced, read_bounded, read_text
from .loader import YEAR_FOLDER
from .problems import DataError, Problem, display_path
from .sourcefile import SourceError, decode_source, read_source
from .validate import validate_file
from .views import item_marker
from .yamlfile import read_yaml

PENDING = "pending"
PRIORITY_EN = {"普通件": "Normal", "速件": "Urgent", "最速件": "Most urgent"}  # 速別, as the format fixes them


@dataclass
class ImportReport:
    path: Path  # the file written
    lines: int  # its lines
    pending: int  # English translations pending
    unplaced: list[Unplaced] = field(default_factory=list)
    renumbered: list[str] = field(default_factory=list)  # markers the site writes otherwise
    to_fill: list[Problem] = field(default_factory=list)  # what `check` will ask for


def read_letter(path: Path, name: str) -> Letter:
    """The letter in ``path``, a DI file or a letter's text, told apart by the content."""
    raw = read_bounded(path, name)
    if is_di(raw):
        return read_di(raw, name)
    try:
        text = decode_source(raw, name)
    except SourceError as exc:
        raise DataError([exc.problem]) from None
    return read_text(text, name)


def newest_year(root: Path) -> int:
    data = root / "data"
    years = sorted(int(p.name) for p in data.iterdir() if p.is_dir() and YEAR_FOLDER.fullmatch(p.name))
    if not years:
        raise LetterError("data", 1, "holds no year folder (data/<year>/): pass --year")
    return years[-1]


def county_names(root: Path) -> dict[str, models.LineText]:
    """The counties of data/counties.yaml by slug (their names give the sender's English)."""
    path = root / "data" / "counties.yaml"
    name = display_path(path, root)
    try:  # read as the build reads it: inside the project, bounded, plain YAML
        source = read_yaml(read_source(path, root), name)
    except SourceError as exc:
        raise DataError([exc.problem]) from None
    counties, problems = validate_file(models.CountiesFile, source)
    if counties is None:
        raise DataError(problems)
    return {county.slug: county.name for county in counties.counties}


def import_letter(root: Path, file: Path, county: str, *, year: int | None = None, force: bool = False) -> ImportReport:
    """Read the letter in ``file`` and write it as ``county``'s notice of ``year`` (default: the newest)."""
    counties = county_names(root)
    if county not in counties:
        known = ", ".join(sorted(counties))
        raise LetterError("--county", 1, f"{county!r} is not a county of data/counties.yaml ({known})")
    year = year if year is not None else newest_year(root)
    target = root / "data" / str(year) / "notices" / f"{county}.yaml"
    shown = display_path(target, root)
    if not target.parent.parent.is_dir():
        raise LetterError(shown, 1, f"data/{year}/ does not exist: is --year right?")
    if target.exists() and not force:
        raise LetterError(shown, 1, "exists already; nothing was written (add --force to replace it)")
    letter = read_letter(file, str(file))
    renumbered: list[str] = []
    data = notice_data(letter, counties[county], renumbered)
    text = render(data, letter, file.name)
    source = read_yaml(text.encode("utf-8"), shown)
    _, to_fill = validate_file(models.NoticeFile, source)
    refusal = unsafe_to_write(target, root, "build.py letter import")  # before a folder is made through a link
    if refusal:
        raise DataError([refusal])
    target.parent.mkdir(exist_ok=True)
    replace_file(target, text)
    return ImportReport(target, text.count("\n"), _count_pending(data), letter.unplaced, renumbered, to_fill)


def _count_pending(value: Any) -> int:
    if isinstance(value, dict):
        return (value.get("translation") == PENDING) + sum(_count_pending(v) for v in value.values())
    if isinstance(value, list):
        return sum(_count_pending(v) for v in value)
    return 0


def quoted(zh: str | None, en: str | None = None) -> dict[str, str] | None:
    if not zh:
        return None
    return {"zh": zh, "en": en} if en else {"zh": zh, "translation": PENDING}


def notice_data(letter: Letter, county: models.LineText, renumbered: list[str]) -> dict[str, Any]:
    """The notice file's values, in the model's order; a field the letter lacks is left out."""
    sender_en = f"{county.en} Government" if letter.sender == f"{county.zh}政府" else None
    data: dict[str, Any] = {
        "kind": letter.kind,
        "sender": quoted(letter.sender, sender_en),
        "address": quoted(letter.address),
        "contact": _drop_none({"name": quoted(letter.contact_name), "phone": letter.phone, "email": letter.email}),
        "addressee": quoted(letter.addressee),
        "date": letter.date,
        "reference": letter.reference,
        "priority": quoted(letter.priority, PRIORITY_EN.get(letter.priority or "")),
        "classification": quoted(letter.classification),
        "attachments": [_drop_none({"label": quoted(a.label), "file": a.file or None}) for a in letter.attachments],
        "subject": quoted(letter.subject),
        "items": _items(letter.items, 0, renumbered),
        "recipients": [quoted(name) for name in letter.recipients],
        "copies": [quoted(name) for name in letter.copies],
        "copies_with_attachments": letter.copies_with_attachments or None,
    }
    return _drop_none(data)


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None and value != [] and value != {}}


def _items(points: list[Point], depth: int, renumbered: list[str]) -> list[dict[str, Any]]:
    out = []
    for n, point in enumerate(points, 1):
        expected = item_marker(depth, n, "zh-tw")
        if _plain(point.marker) != _plain(expected):
            what = point.marker or "an item with no number"
            renumbered.append(f"line {point.line}: {what} is numbered {expected} on the site (by its place)")
        item: dict[str, Any] = {"text": quoted(point.text)}
        if point.items:
            item["items"] = _items(point.items, depth + 1, renumbered)
        out.append(item)
    return out


_WIDE = str.maketrans("（）．０１２３４５６７８９", "().0123456789")


def _plain(marker: str) -> str:
    """A marker without the forms that say the same: full-width brackets and digits, 1. for 1、."""
    return re.sub(r"^([0-9]+)\.$", r"\1、", marker.translate(_WIDE))


class _Dumper(yaml.SafeDumper):
    """Block style, Chinese as characters, a date as a date."""


def _date(dumper: yaml.SafeDumper, value: dt.date) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(dt.date, _date)


def render(data: dict[str, Any], letter: Letter, source_name: str) -> str:
    head = [
        "# yaml-language-server: $schema=../../../schemas/notice.schema.json",
        f"# Imported by build.py letter import from {_one_line(source_name)}: the letter's words as written.",
        "# Each `translation: pending` waits for its English: replace that line with `en: ...`.",
        "# `instructions` (what the letter adds for the county's schools, in the site's words) is",
        '# for a person to write: MAINTAINING.md, "A county\'s letter arrived".',
    ]
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return "\n".join(head) + "\n" + body


def _one_line(text: str) -> str:
    return re.sub(r"[\x00-\x1f\x7f]", "?", text)
