"""Small helpers of the analytics: rounding, means and medians from distributions, filters."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from mentorship.models import Person
from surveys.analytics.data import Bar
from surveys.models import Campaign

_CENT = Decimal("0.01")
_TENTH = Decimal("0.1")


def _round(value: Decimal | None, step: Decimal = _CENT) -> Decimal | None:
    return None if value is None else value.quantize(step, rounding=ROUND_HALF_UP)


def _percent(part: int, whole: int) -> Decimal | None:
    return _round(Decimal(part) * 100 / whole, _TENTH) if whole else None


def _plain(value: Decimal) -> Decimal:
    """4.00 → 4, 12.50 → 12.5: a value as it was answered, without the column's zeros."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def number_label(value: Decimal) -> str:
    """«4» for 4.00, «4,5» for 4.50: how a value of a scale or a number reads in Russian."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value.normalize():f}".replace(".", ",")


def _mean(counts: dict[Decimal, int]) -> Decimal | None:
    n = sum(counts.values())
    if not n:
        return None
    return sum((value * count for value, count in counts.items()), Decimal(0)) / n


def _median(counts: dict[Decimal, int]) -> Decimal | None:
    """The median from the distribution itself, so that the answers need not be fetched."""
    n = sum(counts.values())
    if not n:
        return None
    ordered = sorted(counts.items())

    def at(index: int) -> Decimal:
        seen = 0
        for value, count in ordered:
            seen += count
            if index < seen:
                return value
        raise IndexError(index)  # pragma: no cover - index < n always

    if n % 2:
        return at(n // 2)
    return (at(n // 2 - 1) + at(n // 2)) / 2


def _bars(items: Iterable[tuple[str, int]], whole: int) -> list[Bar]:
    return [Bar(label, count, _percent(count, whole)) for label, count in items]


def _form_people(campaign: Campaign, form_id: int):
    """People in pairs or groups of one form of mentoring in the campaign's year."""
    return Person.objects.filter(
        Q(
            mentor_profile__mentorships__form_id=form_id,
            mentor_profile__mentorships__year_id=campaign.year_id,
        )
        | Q(
            mentee_profile__memberships__mentorship__form_id=form_id,
            mentee_profile__memberships__mentorship__year_id=campaign.year_id,
        )
    ).values("pk")


def _respondent_filter(
    prefix: str, campaign: Campaign, department: str | None, form_id: int | None = None
) -> Q:
    """Submitted responses to ``campaign`` (of one department or form), from a related model."""
    condition = Q(
        **{
            f"{prefix}invitation__campaign": campaign,
            f"{prefix}submitted_at__isnull": False,
        }
    )
    if department is not None:
        condition &= Q(**{f"{prefix}invitation__person__department": department})
    if form_id is not None:
        condition &= Q(**{f"{prefix}invitation__person__in": _form_people(campaign, form_id)})
    return condition
