"""The roadmap in the calendar feed (``hooks.CALENDAR_SOURCES``) and the curator's inbox
(``hooks.INBOX_SOURCES``): deadlines of open events."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from mentorship.dates import date_short
from mentorship.hooks import CalendarItem
from mentorship.models import User
from mentorship.permissions import is_curator
from mentorship.reminders import absolute_url
from mentorship.text import plural_form
from roadmap.models import Event, EventStatus

OPEN_STATUSES = (EventStatus.PLANNED, EventStatus.IN_PROGRESS)
# The feed keeps a month of past deadlines: an overdue event stays visible for a while.
FEED_PAST = datetime.timedelta(days=30)
INBOX_AHEAD = datetime.timedelta(days=14)
DAYS = ["день", "дня", "дней"]
INBOX_SECTION = "Сроки дорожной карты в ближайшие 14 дней"


def _open_deadlines() -> QuerySet[Event]:
    return Event.objects.filter(status__in=OPEN_STATUSES, end_date__isnull=False).select_related(
        "stage__roadmap"
    )


def deadline_items(*, user: User, today: datetime.date) -> Iterator[CalendarItem]:
    """The curator gets every open deadline; anyone else those he is responsible for."""
    events = _open_deadlines().filter(end_date__gte=today - FEED_PAST)
    curator = is_curator(user)
    if not curator:
        events = events.filter(responsible_people__user=user).distinct()
    for event in events.order_by("end_date", "pk"):
        url = event.stage.roadmap.get_absolute_url() if curator else reverse("roadmap:my-events")
        yield CalendarItem(
            uid=f"roadmap-event-{event.pk}",
            title=f"Срок: {event.number} {event.title}".replace("  ", " ")[:250],
            start=event.end_date,
            description="\n".join(
                part
                for part in (
                    str(event.stage),
                    f"Ответственные: {event.responsible_text}" if event.responsible_text else "",
                    f"Ожидаемый результат: {event.expected_result}"
                    if event.expected_result
                    else "",
                )
                if part
            ),
            url=absolute_url(url),
        )


def deadline_inbox(*, user: User, today: datetime.date) -> list[dict[str, Any]]:
    """The curator's inbox rows: open events due within 14 days, the nearest first."""
    if not is_curator(user):
        return []
    events = _open_deadlines().filter(end_date__gte=today, end_date__lte=today + INBOX_AHEAD)
    rows = []
    for event in events.order_by("end_date", "pk")[:10]:
        days = (event.end_date - today).days
        rows.append(
            {
                "section": INBOX_SECTION,
                "text": f"{event.number} {event.title}".strip(),
                "url": event.stage.roadmap.get_absolute_url(),
                "note": "сегодня"
                if days == 0
                else f"через {days} {plural_form(days, DAYS)}, {date_short(event.end_date)}",
                "urgent": days <= 3,
            }
        )
    return rows
