"""Dates and times as readers expect them, one helper per language.

zh-TW writes ROC years as the letter does (114年8月12日（二）); English is Gregorian
(Tue 12 Aug 2025). The data holds ISO dates only; everything here is derived. The names are
fixed tables rather than the C library's locale, so output never depends on the machine.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from .i18n import plural

ROC_OFFSET = 1911  # ROC year = Gregorian year - 1911
TIMEZONE = "Asia/Taipei"  # every time in the data is Taipei time
TAIPEI = ZoneInfo(TIMEZONE)
TAIPEI_OFFSET = dt.timedelta(hours=8)  # Taiwan has kept UTC+8, without daylight saving, since 1979
ZH_WEEKDAYS = "一二三四五六日"
EN_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"  # the reproducible-builds convention: seconds since the epoch


def clock() -> dt.datetime:
    """The machine's clock, in Taipei time."""
    return dt.datetime.now(TAIPEI)


def epoch_date(value: str) -> dt.date:
    """The Taipei date of a ``SOURCE_DATE_EPOCH`` value; ValueError if it is not whole seconds."""
    if not value.strip().isdigit():
        raise ValueError(f"{SOURCE_DATE_EPOCH}={value!r} is not a whole number of seconds since 1970-01-01")
    try:
        return dt.datetime.fromtimestamp(int(value), TAIPEI).date()
    except (OverflowError, OSError, ValueError):  # past the year 9999, or what the platform can hold
        shown = value if len(value) <= 24 else value[:24] + "…"
        raise ValueError(
            f"{SOURCE_DATE_EPOCH}={shown!r} is out of range: give the seconds since 1970-01-01 of a day "
            "before the year 10000"
        ) from None


def build_date(given: dt.date | None = None) -> dt.date:
    """The day a build marks sessions by, taken once at its start: ``given`` (``--today``), else
    ``SOURCE_DATE_EPOCH``, else the clock; always the date in Taipei."""
    if given is not None:
        return given
    if SOURCE_DATE_EPOCH in os.environ:
        return epoch_date(os.environ[SOURCE_DATE_EPOCH])
    return clock().date()


def roc_year(year: int) -> int:
    return year - ROC_OFFSET


def weekday(day: dt.date, lang: str) -> str:
    return ZH_WEEKDAYS[day.weekday()] if lang == "zh-tw" else EN_WEEKDAYS[day.weekday()]


def long_date(day: dt.date, lang: str) -> str:
    """114年8月12日（二） / Tue 12 Aug 2025"""
    if lang == "zh-tw":
        return f"{roc_year(day.year)}年{day.month}月{day.day}日（{weekday(day, lang)}）"
    return f"{weekday(day, lang)} {day.day} {EN_MONTHS[day.month - 1]} {day.year}"


def plain_date(day: dt.date, lang: str) -> str:
    """114年8月12日 / 12 Aug 2025 (no weekday)"""
    if lang == "zh-tw":
        return f"{roc_year(day.year)}年{day.month}月{day.day}日"
    return f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date, lang: str) -> str:
    """8/12（二） / Tue 12 Aug, as in the session table."""
    if lang == "zh-tw":
        return f"{day.month}/{day.day}（{weekday(day, lang)}）"
    return f"{weekday(day, lang)} {day.day} {EN_MONTHS[day.month - 1]}"


def duration(minutes: int, lang: str) -> str:
    """90 分鐘 / 90 min, in the words of the string table (``minutes_one``, ``minutes_other``)."""
    return plural(lang, "minutes", minutes)


def hours(count: int, lang: str) -> str:
    """3 小時 / 3 hours (1 hour), in the words of the string table (``hours_one``, ``hours_other``)."""
    return plural(lang, "hours", count)


def letter_date(day: dt.date, lang: str) -> str:
    """中華民國114年7月21日 / 21 Jul 2025, as an official letter dates itself."""
    return f"中華民國{plain_date(day, lang)}" if lang == "zh-tw" else plain_date(day, lang)
