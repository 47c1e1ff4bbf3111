"""The reports' satisfaction scale: questionnaires' answers brought onto 1–10 (§3.3, §7.3–7.4)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum

from surveys.analytics import DEFAULT_SCALE
from surveys.models import Answer, QuestionKind

SCORE_MIN, SCORE_MAX = 1, 10


def to_ten_point(total: Decimal, n: int, low: int, high: int) -> Decimal:
    """The sum of ``n`` answers on a ``low``–``high`` scale, mapped linearly onto 1–10.

    The scale's minimum becomes 1 and its maximum 10: 3 of 1–5 is 5.5, 7 of 1–10 stays 7.
    """
    span = Decimal(SCORE_MAX - SCORE_MIN)
    return n * Decimal(SCORE_MIN) + span * (Decimal(total) - n * Decimal(low)) / (high - low)


def scale_answers_to_ten(
    total: Decimal, n: int, low: int | None, high: int | None
) -> Decimal | None:
    """``to_ten_point`` for a question's own bounds: 1–5 where it has none, as the answer form
    offers; ``None`` for a scale without a range, whose answers say nothing."""
    low = DEFAULT_SCALE[0] if low is None else low
    high = DEFAULT_SCALE[1] if high is None else high
    if high <= low:
        return None
    return to_ten_point(total, n, low, high)


def ten_point_sums(
    answers: QuerySet[Answer], *keys: str
) -> Iterator[tuple[tuple[Any, ...], Decimal, int]]:
    """The scale answers among ``answers`` grouped by ``keys``: per group its key values, its
    sum on 1–10 and how many answers it holds (1 query; a group may come in several parts,
    one per scale)."""
    for row in (
        answers.filter(question__kind=QuestionKind.SCALE, number__isnull=False)
        .values(*keys, "question__scale_min", "question__scale_max")
        .annotate(n=Count("pk"), total=Sum("number"))
        .order_by()
    ):
        ten = scale_answers_to_ten(
            row["total"], row["n"], row["question__scale_min"], row["question__scale_max"]
        )
        if ten is not None:
            yield tuple(row[key] for key in keys), ten, row["n"]
