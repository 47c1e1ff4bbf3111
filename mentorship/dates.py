"""Russian dates as documents write them: «25 ноября 2026 г.»."""

from __future__ import annotations

import datetime

MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


MONTHS_NOMINATIVE = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)


def date_ru(value: datetime.date | None) -> str:
    if value is None:
        return ""
    return f"{value.day} {MONTHS_GENITIVE[value.month - 1]} {value.year} г."


def date_short(value: datetime.date | None) -> str:
    """«25.11.2026», the numeric form of ГОСТ Р 7.0.97."""
    return "" if value is None else value.strftime("%d.%m.%Y")
