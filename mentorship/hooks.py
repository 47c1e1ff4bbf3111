"""Extension points for apps above ``mentorship`` (which may not import them).

Each list is filled in the other apps' ``AppConfig.ready()``; ``mentorship`` calls the
functions explicitly where the domain flow needs them (no signals):

- ``MEETING_LOGGED``: ``fn(*, meeting, actor)`` inside the logging transaction
  (surveys creates the feedback invitations here);
- ``CALENDAR_SOURCES``: ``fn(*, user, today) -> Iterable[CalendarItem]`` for a user's ICS feed
  (roadmap adds its deadlines for the curator);
- ``REMINDER_SOURCES``: ``fn(*, today) -> Iterable[Reminder]`` for ``send_reminders``
  (surveys: unanswered forms; roadmap: deadlines in 7 days);
- ``FEEDBACK_STATUS``: ``fn(*, meetings) -> dict[meeting_id, list[row]]``, who was asked for
  feedback on each meeting and who answered (surveys; read through
  ``mentorship.selectors.feedback.feedback_for``);
- ``INBOX_SOURCES``: ``fn(*, user, today) -> list[dict]`` rows of the curator's inbox on his
  home page, each ``{"section", "text", "url", "note", "urgent"}`` (roadmap: deadlines in 14
  days).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CalendarItem:
    uid: str
    title: str
    start: datetime.date | datetime.datetime
    description: str = ""
    url: str = ""


@dataclass(frozen=True)
class Reminder:
    """One reminder to send: to whom, of what kind, about what (``key``), with what text."""

    person_id: int
    kind: str
    key: str
    template: str  # emails/<template>_subject.txt, .txt, .html
    context: dict[str, Any] = field(default_factory=dict)


MEETING_LOGGED: list[Callable[..., None]] = []
CALENDAR_SOURCES: list[Callable[..., Iterable[CalendarItem]]] = []
REMINDER_SOURCES: list[Callable[..., Iterable[Reminder]]] = []
FEEDBACK_STATUS: list[Callable[..., dict[int, list[Any]]]] = []
INBOX_SOURCES: list[Callable[..., list[dict[str, Any]]]] = []


def add(registry: list, function: Callable) -> None:
    """Register once, however often ``ready()`` runs."""
    if function not in registry:
        registry.append(function)
