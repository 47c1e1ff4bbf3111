"""Feedback after meetings, read through the registry (surveys keeps the forms)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mentorship import hooks
from mentorship.models import Meeting


def feedback_for(meetings: Iterable[Meeting]) -> dict[int, list[Any]]:
    """Meeting id → who was asked for feedback and who answered; {} without surveys."""
    if not hooks.FEEDBACK_STATUS:
        return {}
    return hooks.FEEDBACK_STATUS[0](meetings=list(meetings))


def feedback_rows(meeting: Meeting) -> list[Any]:
    """The rows of one meeting, as ``templates/mentorship/meetings/_feedback.html`` takes them."""
    return feedback_for([meeting]).get(meeting.pk, [])
