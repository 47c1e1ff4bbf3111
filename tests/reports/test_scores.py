"""The reports' 1–10 satisfaction scale."""

from __future__ import annotations

from decimal import Decimal

from reports.scores import scale_answers_to_ten


def test_a_scale_without_bounds_is_read_as_the_answer_forms_1_to_5() -> None:
    assert scale_answers_to_ten(Decimal(3), 1, None, None) == Decimal("5.5")
    assert scale_answers_to_ten(Decimal(7), 1, 1, 10) == 7


def test_a_scale_without_a_range_gives_no_score() -> None:
    assert scale_answers_to_ten(Decimal(4), 1, 4, 4) is None
    assert scale_answers_to_ten(Decimal(4), 1, 5, None) is None
