"""The roadmap's reminder source (``hooks.REMINDER_SOURCES``): deadlines a week ahead.

Chosen rule: an open event whose deadline falls within the next 7 days (today included) is
reminded once to each responsible person with a log-in, unless he was already reminded
about it since the event entered that window. A day without a run (a cron hiccup, a
holiday) therefore loses nothing, and a deadline moved later is reminded again a week before
its new date, while an unchanged one is never reminded twice.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Prefetch
from django.urls import reverse

from mentorship.hooks import Reminder
from mentorship.models import Person, ReminderKind, ReminderLog
from mentorship.reminders import absolute_url
from roadmap.models import Event, EventStatus

DEADLINE_AHEAD = datetime.timedelta(days=7)
OPEN_STATUSES = (EventStatus.PLANNED, EventStatus.IN_PROGRESS)


def deadline_reminders(*, today: datetime.date) -> Iterator[Reminder]:
    """One reminder per responsible person with a log-in for each deadline in 7 days."""
    events = list(
        Event.objects.filter(
            status__in=OPEN_STATUSES, end_date__gte=today, end_date__lte=today + DEADLINE_AHEAD
        )
        .select_related("stage__roadmap")
        .prefetch_related(
            Prefetch(
                "responsible_people",
                queryset=Person.objects.filter(
                    user__isnull=False, user__is_active=True, anonymised_at__isnull=True
                ),
                to_attr="reminded_people",
            )
        )
        .order_by("end_date", "pk")
    )
    if not events:
        return
    keys = {f"event:{event.pk}": event for event in events}
    earlier = ReminderLog.objects.filter(
        kind=ReminderKind.DEADLINE, key__in=list(keys), sent_on__gte=today - DEADLINE_AHEAD
    ).values_list("person_id", "key", "sent_on")
    reminded = {
        (person_id, key)
        for person_id, key, sent_on in earlier
        if sent_on >= keys[key].end_date - DEADLINE_AHEAD and sent_on != today
    }
    link = absolute_url(reverse("roadmap:my-events"))
    for key, event in keys.items():
        for person in event.reminded_people:
            if (person.pk, key) in reminded:
                continue
            yield Reminder(
                person_id=person.pk,
                kind=ReminderKind.DEADLINE,
                key=key,
                template="reminder_deadline",
                context={
                    "event": event,
                    "roadmap": event.stage.roadmap,
                    "days_left": (event.end_date - today).days,
                    "link": link,
                },
            )
