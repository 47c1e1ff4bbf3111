"""The phrase as read in its programme year (``Context``), and the small helpers the families
share: numbers and ordinals in words, date arithmetic, Russian plurals and date labels."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from roadmap.deadlines.patterns import ANCHOR_PATTERNS, DASHES, HTML_TAG, YEAR_PAIR, YEAR_SUFFIX
from roadmap.deadlines.vocabulary import (
    ANCHOR_YEAR_START,
    GENITIVE,
    NUMBERS,
    ORDINAL_STEMS,
    ParsedDeadline,
)


def _normalise(phrase: str) -> str:
    text = phrase.lower().replace("ё", "е")
    text = HTML_TAG.sub(" ", text)
    text = DASHES.sub("-", text)
    text = YEAR_SUFFIX.sub(r"\1", text)
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .,;:")


def parse_number(word: str | None, default: int = 1) -> int:
    if not word:
        return default
    return int(word) if word.isdigit() else NUMBERS[word]


def parse_ordinal(word: str) -> int:
    digits = re.match(r"\d+", word)
    if digits:
        return int(digits.group())
    return next(value for stem, value in ORDINAL_STEMS.items() if word.startswith(stem))


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: datetime.date, months: int) -> datetime.date:
    year, index = divmod(day.year * 12 + day.month - 1 + months, 12)
    return datetime.date(year, index + 1, min(day.day, calendar.monthrange(year, index + 1)[1]))


def advance(day: datetime.date, n: int, unit: str, *, working: bool = False) -> datetime.date:
    """Move ``day`` forward by ``n`` units: «дней», «недель», «месяцев», «лет»."""
    if unit.startswith(("год", "лет")):
        return _add_months(day, 12 * n)
    if unit.startswith("месяц"):
        return _add_months(day, n)
    if unit.startswith("недел"):
        return day + datetime.timedelta(weeks=n)
    if not working:
        return day + datetime.timedelta(days=n)
    while n:
        day += datetime.timedelta(days=1)
        n -= day.weekday() < 5
    return day


def plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    return few if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else many


def _day(day: datetime.date) -> str:
    return f"{day.day} {GENITIVE[day.month]} {day.year}"


def range_label(start: datetime.date | None, end: datetime.date | None) -> str:
    """«1–31 марта 2022», «1 ноября – 31 декабря 2020», «до 10 октября 2020»."""
    if start is None or end is None:
        return f"до {_day(end)}" if end else f"с {_day(start)}" if start else ""
    if start == end:
        return _day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{_day(end)}"
    if start.year == end.year:
        return f"{start.day} {GENITIVE[start.month]} – {_day(end)}"
    return f"{_day(start)} – {_day(end)}"


@dataclass(frozen=True)
class Context:
    phrase: str
    text: str
    first_year: int  # the calendar year of September–December
    second_year: int  # the calendar year of January–August
    year_start: datetime.date
    year_end: datetime.date
    anchors: dict[str, datetime.date]

    def month_year(self, month: int) -> int:
        return self.first_year if month >= 9 else self.second_year

    def span(
        self, first: int, last: int, first_year: int | None = None, last_year: int | None = None
    ) -> tuple[datetime.date, datetime.date]:
        """Whole months ``first``…``last``; a missing year comes from its neighbour or the year."""
        if last_year is None:
            if first_year is None:
                last_year = self.month_year(last)
            else:
                last_year = first_year if last >= first else first_year + 1
        if first_year is None:
            first_year = last_year if first <= last else last_year - 1
        return datetime.date(first_year, first, 1), month_end(last_year, last)

    def result(
        self,
        kind: str,
        start: datetime.date | None,
        end: datetime.date | None,
        label: str,
        *,
        recurrence: str = "",
        interval_months: int | None = None,
        interval_weeks: int | None = None,
        anchor: str = "",
    ) -> ParsedDeadline:
        return ParsedDeadline(
            self.phrase, kind, start, end, recurrence, interval_months, anchor,
            recognised=True, label=label, interval_weeks=interval_weeks,
        )  # fmt: skip


def make_context(
    phrase: str,
    year_start: datetime.date,
    year_end: datetime.date,
    anchors: dict[str, datetime.date] | None,
) -> Context:
    text = _normalise(phrase)
    first_year, second_year = year_start.year, year_end.year
    pair = YEAR_PAIR.search(text)
    if pair and int(pair.group(2)) == int(pair.group(1)) + 1:
        first_year, second_year = int(pair.group(1)), int(pair.group(2))
        if (first_year, second_year) != (year_start.year, year_end.year):
            year_start = datetime.date(first_year, 9, 1)
            year_end = datetime.date(second_year, 8, 31)
    known = {ANCHOR_YEAR_START: year_start} | dict(anchors or {})
    return Context(phrase, text, first_year, second_year, year_start, year_end, known)


def find_anchor(text: str) -> str:
    return next((anchor for anchor, pattern in ANCHOR_PATTERNS if pattern.search(text)), "")
