from __future__ import annotations

import datetime

from django import template

from mentorship.dates import date_ru as _date_ru
from mentorship.dates import date_short as _date_short
from mentorship.text import plural_form

register = template.Library()


@register.filter
def date_ru(value: datetime.date | None) -> str:
    """{{ day|date_ru }} → «25 ноября 2026 г.»"""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return _date_ru(value)


@register.filter
def date_short(value: datetime.date | None) -> str:
    if isinstance(value, datetime.datetime):
        value = value.date()
    return _date_short(value)


@register.filter
def plural_ru(value: int | None, forms: str) -> str:
    """{{ n|plural_ru:"год,года,лет" }} → «1 год», «3 года», «11 лет»."""
    if value is None:
        return ""
    return f"{value} {plural_form(int(value), forms.split(','))}"
