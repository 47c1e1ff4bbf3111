"""What the indicators share: the pairs that count, links to the lists behind, percentages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django.db.models import Q

from mentorship.models import MentorshipStatus

# Pairs fixed by an order or already working: their people take part in the programme.
WORKING = (MentorshipStatus.APPROVED, MentorshipStatus.ACTIVE)
# Pairs of the year that are not over: a draft already names the mentor.
OPEN = (MentorshipStatus.DRAFT, *WORKING)

_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Link:
    """A list page and the filters that show the records behind a number."""

    url_name: str
    args: tuple[int, ...] = ()
    params: tuple[tuple[str, str], ...] = ()

    @property
    def query(self) -> str:
        return urlencode(self.params)


def _link(url_name: str, *args: int, **params: object) -> Link:
    return Link(url_name, args, tuple((key, str(value)) for key, value in params.items()))


def percent(part: int, whole: int) -> Decimal:
    """The share in per cent to one decimal place; 0 when there is nothing to divide by."""
    if not whole:
        return Decimal(0)
    return (Decimal(part) * 100 / whole).quantize(_TENTH, rounding=ROUND_HALF_UP)


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _current_members(today: datetime.date, pairs) -> Q:
    """Mentees still in one of ``pairs`` on ``today``."""
    return Q(mentorship__in=pairs) & (Q(left_on__isnull=True) | Q(left_on__gt=today))
