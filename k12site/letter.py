"""A county's official letter (函) as it arrives: read from its text or from its DI file.

Both readers (`read_text` here, `di.read_di`; `letterimport.read_letter` tells the two apart)
give the same `Letter`: every field in Chinese exactly as written, each with the line it came
from, plus what could not be placed. The import (`letterimport`) turns a `Letter` into
``data/<year>/notices/<county>.yaml``.

The text is the letter as extracted from its PDF: header lines (地址：…), 主旨：, 說明： with its
numbered items (一、 then (一) then 1、), 正本： and 副本：. A PDF's noise is dropped: the
binding-margin marks 裝 訂 線 on lines of their own, list bullets the extraction adds, blank
lines, and a line break inside an item, the subject or a 正本/副本 list (the next line that
starts no item and no field continues it). A 說明 of one paragraph is one item with no number; a
section after 說明 (辦法：…) is not placed. What follows the lists (the attachment's own text,
after a blank line) is not the letter's.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .i18n import fill
from .problems import DataError, Problem

MAX_BYTES = 1_000_000  # a real letter is a few kB, its DI file about as much


@dataclass
class Point:
    """One 說明 item: its marker as written (一、 (一) 1、), its words, the items under it."""

    marker: str
    text: str
    line: int
    items: list[Point] = field(default_factory=list)


@dataclass
class Attached:
    label: str  # the letter's 附件 field: 如說明九, 如文
    file: str  # the attachment's file name


@dataclass
class Unplaced:
    """Something in the letter the import could not put in any field."""

    line: int
    where: str  # "line 12" for a text, the element's path for a DI file
    text: str


@dataclass
class Letter:
    """A county letter's fields in Chinese, as written; None (or []) where the letter has none."""

    kind: str = "函"  # 函 or 書函
    sender: str | None = None
    address: str | None = None
    contact_name: str | None = None
    phone: str | None = None
    email: str | None = None
    addressee: str | None = None
    date: dt.date | None = None
    reference: str | None = None
    priority: str | None = None
    classification: str | None = None
    attachments: list[Attached] = field(default_factory=list)
    subject: str | None = None
    items: list[Point] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    copies: list[str] = field(default_factory=list)
    copies_with_attachments: bool = False  # 副本 … (含附件)
    unplaced: list[Unplaced] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # field name: the line it came from


class LetterError(DataError):
    """A file that is not a letter the import can read; one located problem."""

    def __init__(self, name: str, line: int, message: str, column: int = 1, where: str = "(file)"):
        super().__init__([Problem(name, line, column, where, message)])


def read_bounded(path: Path, name: str) -> bytes:
    """The bytes of a regular file of at most `MAX_BYTES`."""
    try:
        if not path.is_file():
            raise LetterError(name, 1, "is not a file" if path.exists() else "does not exist")
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise LetterError(name, 1, exc.strerror or str(exc)) from None
    if len(raw) > MAX_BYTES:
        raise LetterError(name, 1, f"is over {MAX_BYTES:,} bytes; a letter is a few kB: is this the right file?")
    return raw


# --- the letter's text --------------------------------------------------------------------

ZH_DIGITS = "〇一二三四五六七八九十百"
# The markers of the three levels of a 說明 item, as letters write them (full- or half-width
# brackets, 、 or . after an Arabic number).
LEVELS = [
    re.compile(r"^(?P<m>[一二三四五六七八九十]+、)"),
    re.compile(r"^(?P<m>[(（][一二三四五六七八九十]+[)）])"),
    re.compile(r"^(?P<m>[0-9０-９]+(、|[.．](?![0-9])))"),
]
HEADER = {
    "地址": "address",
    "聯絡人": "contact_name",
    "承辦人": "contact_name",
    "聯絡電話": "phone",
    "電話": "phone",
    "電子信箱": "email",
    "電子郵件": "email",
    "受文者": "addressee",
    "發文日期": "date",
    "發文字號": "reference",
    "速別": "priority",
    "密等及解密條件或保密期限": "classification",
    "附件": "attachments",
}
FIELD = re.compile(r"^(?P<name>[^\s：:]{1,14})[：:]\s*(?P<value>.*)$")
TITLE = re.compile(r"^(?P<sender>\S.*?)\s*(?P<kind>書函|函)$")
MARGIN_MARK = re.compile(r"^[裝訂線]$")
BULLET = re.compile(r"^[-*•▪]\s+")
ROC_DATE = re.compile(r"^(中華民國)?\s*(?P<y>[0-9]{2,3})\s*年\s*(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*日$")
ATTACHMENT = re.compile(r"^(?P<label>.*?)\s*[(（](?P<files>[^()（）]+)[)）]$")
WITH_ATTACHMENTS = re.compile(r"[(（]?均?含附件[)）]?$")
# 說明 is followed by no other section in a 函, but a letter may hold one (辦法：, 公告事項：): not its items
OTHER_SECTIONS = {"辦法", "公告事項", "擬辦", "附註"}
LIST_SEP = re.compile(r"[、，,]")


def roc_date(value: str) -> dt.date | None:
    """中華民國114年7月21日 as a date, or None."""
    match = ROC_DATE.match(value.strip())
    if not match:
        return None
    try:
        return dt.date(int(match["y"]) + 1911, int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def issued_on(value: str) -> dt.date | None:
    """A 發文日期 as a date: 中華民國114年7月21日 (or 2025-07-21), else None."""
    day = roc_date(value)
    if day is None:
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return day


DATE_PROBLEM = "發文日期 {value} is not a date written like 中華民國114年7月21日"


def level(text: str) -> tuple[int, str] | None:
    """The level (0, 1, 2) and marker of an item that starts ``text``, or None."""
    for depth, pattern in enumerate(LEVELS):
        match = pattern.match(text)
        if match:
            return depth, match["m"]
    return None


def recipients(value: str) -> list[str]:
    return [part.strip() for part in LIST_SEP.split(value) if part.strip()]


def read_text(text: str, name: str) -> Letter:
    """The letter in ``text`` (a letter's PDF as text)."""
    reader = _TextReader(name)
    for number, raw in enumerate(text.splitlines(), 1):
        line = BULLET.sub("", raw.strip()).strip()
        if not line:
            reader.distribution = None  # a blank line ends a 正本 or 副本 list
        elif not MARGIN_MARK.match(line) and not reader.read(number, line):
            break
    if reader.letter.subject is None:
        raise LetterError(name, 1, "has no 主旨 (subject) line: is this a letter's text, or its DI file?")
    return reader.letter


class _TextReader:
    """The letter's lines in order, one section after the other: header, 主旨, 說明, 正本 and 副本."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.letter = Letter()
        self.section = "header"  # then "subject", "details", "other" (a section after 說明), "recipients"
        self.open: list[Point] = []  # the open item at each level of 說明
        self.distribution: str | None = None  # the list (recipients, copies) the next line may continue

    def read(self, number: int, line: str) -> bool:
        """Take one line; False once the letter has ended (the first line after 正本's and 副本's lists)."""
        found = FIELD.match(line)
        key, value = (found["name"], found["value"].strip()) if found else (None, "")
        if key in ("正本", "副本"):
            self._distribution(key, value, number)
        elif self.distribution is not None and key is None:  # the PDF broke the list's line
            self._distribution(self.distribution, line, number)
        elif self.section == "recipients":
            return False  # what follows the lists (an attachment's text) is not the letter's
        elif key == "主旨":
            self.letter.subject, self.section = value, "subject"
            self.letter.lines["subject"] = number
        elif key == "說明":
            self.section = "details"
            self.letter.lines["items"] = number
            if value:
                self._item(number, value)
        else:
            self._line(number, line, key, value)
        return True

    def _line(self, number: int, line: str, key: str | None, value: str) -> None:
        if key in OTHER_SECTIONS and self.section == "details":
            self.section = "other"
        if self.section == "header":
            self._header_line(number, line, key, value)
        elif self.section == "subject" and self.letter.subject is not None:
            self.letter.subject += line  # the PDF broke the subject's line
        elif self.section == "details":
            self._item(number, line)
        else:
            self._unplaced(number, line)

    def _header_line(self, number: int, line: str, key: str | None, value: str) -> None:
        title = TITLE.match(line)
        if key in HEADER:
            _header(self.letter, HEADER[key], value, number, self.name)
        elif self.letter.sender is None and key is None and title:
            self.letter.sender, self.letter.kind = title["sender"], title["kind"]
            self.letter.lines["sender"] = number
        else:
            self._unplaced(number, line)

    def _item(self, number: int, line: str) -> None:
        found = level(line)
        if found is None:
            if self.open:  # a line the PDF broke inside an item
                self.open[-1].text += line
            else:  # a 說明 of one paragraph: an item with no number
                self.letter.items.append(Point("", line, number))
                self.open.append(self.letter.items[-1])
            return
        depth, marker = found
        if depth > len(self.open):  # a 1、 with no (一) above it
            self._unplaced(number, line)
            return
        point = Point(marker, line[len(marker) :].strip(), number)
        del self.open[depth:]
        (self.open[-1].items if self.open else self.letter.items).append(point)
        self.open.append(point)

    def _distribution(self, key: str, value: str, number: int) -> None:
        if key == "副本" and WITH_ATTACHMENTS.search(value):
            self.letter.copies_with_attachments = True
            value = WITH_ATTACHMENTS.sub("", value).strip()
        field_name = "recipients" if key == "正本" else "copies"
        getattr(self.letter, field_name).extend(recipients(value))
        self.letter.lines.setdefault(field_name, number)
        self.section, self.distribution = "recipients", key

    def _unplaced(self, number: int, line: str) -> None:
        self.letter.unplaced.append(Unplaced(number, f"line {number}", line))


def _header(letter: Letter, key: str, value: str, number: int, name: str) -> None:
    letter.lines[key] = number
    if key == "date":
        day = issued_on(value)
        if day is None:
            raise LetterError(name, number, fill(DATE_PROBLEM, value=repr(value)))
        letter.date = day
    elif key == "attachments":
        if not value:
            return
        match = ATTACHMENT.match(value)
        if match:
            files = [part.strip() for part in LIST_SEP.split(match["files"]) if part.strip()]
            letter.attachments += [Attached(match["label"].strip(), file) for file in files]
        else:
            letter.attachments.append(Attached(value, ""))
    elif value:
        setattr(letter, key, value)
