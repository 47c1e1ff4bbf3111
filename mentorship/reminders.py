"""Daily reminders by e-mail: collected from every source, logged first, then sent on commit.

Our own source is the overdue meeting (an open pair that has not met for longer than the
regulation's interval: its mentor is reminded). Other apps add theirs to
``hooks.REMINDER_SOURCES`` (surveys: forms waiting for an answer; roadmap: deadlines).

A reminder is sent at most once a day to a person: a ``ReminderLog`` row is inserted before
the letter leaves, and its unique (person, kind, key, day) makes a second run the same day,
even one running at the same time, find the row and send nothing. A letter that fails to
leave deletes its row, so the next run tries again.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mentorship import hooks
from mentorship.emails import send_templated
from mentorship.models import Person, ReminderKind, ReminderLog
from mentorship.selectors.home import members_prefetch, mentee_names, overdue_pairs
from mentorship.services.school import get_school

logger = logging.getLogger(__name__)

Reminder = hooks.Reminder


def absolute_url(path: str) -> str:
    """A link for a letter or a calendar: the site's address (``SITE_URL``) and the path."""
    return settings.SITE_URL + path


def person_address(person: Person) -> str:
    """His own e-mail, or else his log-in's."""
    return person.email or (person.user.email if person.user_id else "")


def overdue_meeting_reminders(*, today: datetime.date) -> Iterator[Reminder]:
    """One reminder per open pair that has not met within the interval, to its mentor."""
    interval = get_school().meeting_interval_days
    pairs = (
        overdue_pairs(today=today, interval_days=interval)
        .select_related("form", "mentor__person")
        .prefetch_related(members_prefetch())
    )
    for pair in pairs:
        yield Reminder(
            person_id=pair.mentor.person_id,
            kind=ReminderKind.OVERDUE_MEETING,
            key=f"pair:{pair.pk}",
            template="reminder_overdue_meeting",
            context={
                "pair": pair,
                "mentees": mentee_names(pair),
                "last_on": pair.last_held_on,
                "days": (today - pair.since).days,
                "interval_days": interval,
                "link": absolute_url(reverse("mentorship:meeting-create") + f"?pair={pair.pk}"),
                "pair_link": absolute_url(pair.get_absolute_url()),
            },
        )


def collect_reminders(*, today: datetime.date) -> list[Reminder]:
    """Every source's reminders for the day, each (person, kind, key) once."""
    seen: set[tuple[int, str, str]] = set()
    reminders = []
    for source in [overdue_meeting_reminders, *hooks.REMINDER_SOURCES]:
        for reminder in source(today=today):
            identity = (reminder.person_id, reminder.kind, reminder.key)
            if identity not in seen:
                seen.add(identity)
                reminders.append(reminder)
    return reminders


@dataclass
class Tally:
    label: str
    due: int = 0
    sent: int = 0
    no_email: int = 0
    already: int = 0
    failed: int = 0


@dataclass
class Line:
    """One reminder as the dry run lists it."""

    person: str
    email: str
    kind: str
    key: str
    already: bool


@dataclass
class ReminderRun:
    today: datetime.date
    dry_run: bool
    tallies: dict[str, Tally] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)

    def tally(self, kind: str) -> Tally:
        if kind not in self.tallies:
            self.tallies[kind] = Tally(label=str(ReminderKind(kind).label))
        return self.tallies[kind]

    @property
    def sent(self) -> int:
        return sum(t.sent for t in self.tallies.values())


def _people(reminders: list[Reminder]) -> dict[int, Person]:
    """The addressees in one query; anonymised people get nothing."""
    ids = {r.person_id for r in reminders}
    people = Person.objects.filter(pk__in=ids, anonymised_at__isnull=True).select_related("user")
    return {p.pk: p for p in people}


def send_reminders(*, today: datetime.date | None = None, dry_run: bool = False) -> ReminderRun:
    """Collect the day's reminders and send each one not sent today (or only list them)."""
    today = today or timezone.localdate()
    run = ReminderRun(today=today, dry_run=dry_run)
    reminders = collect_reminders(today=today)
    people = _people(reminders)
    reminders = [r for r in reminders if r.person_id in people]
    for reminder in reminders:
        run.tally(reminder.kind).due += 1
    if dry_run:
        _list(run, reminders, people)
    else:
        _log_and_send(run, reminders, people)
    return run


def _list(run: ReminderRun, reminders: list[Reminder], people: dict[int, Person]) -> None:
    logged = set(
        ReminderLog.objects.filter(sent_on=run.today, person__in=list(people)).values_list(
            "person_id", "kind", "key"
        )
    )
    for reminder in reminders:
        person = people[reminder.person_id]
        already = (reminder.person_id, reminder.kind, reminder.key) in logged
        run.lines.append(
            Line(
                person=person.full_name,
                email=person_address(person),
                kind=run.tally(reminder.kind).label,
                key=reminder.key,
                already=already,
            )
        )


@transaction.atomic
def _log_and_send(run: ReminderRun, reminders: list[Reminder], people: dict[int, Person]) -> None:
    batch: list[tuple[Reminder, Person, str]] = []
    for reminder in reminders:
        person = people[reminder.person_id]
        address = person_address(person)
        tally = run.tally(reminder.kind)
        # The row first: a second run (or one started in parallel) finds it and sends nothing.
        _log, created = ReminderLog.objects.get_or_create(
            person=person,
            kind=reminder.kind,
            key=reminder.key,
            sent_on=run.today,
            defaults={"email": address},
        )
        if not created:
            tally.already += 1
        elif not address:
            tally.no_email += 1
        else:
            tally.sent += 1
            batch.append((reminder, person, address))
    if batch:
        transaction.on_commit(lambda: _deliver(run, batch))


def _undo(run: ReminderRun, reminder: Reminder, person: Person) -> None:
    """The letter did not leave: forget it was sent, so that the next run tries again."""
    ReminderLog.objects.filter(
        person=person, kind=reminder.kind, key=reminder.key, sent_on=run.today
    ).delete()
    tally = run.tally(reminder.kind)
    tally.sent -= 1
    tally.failed += 1


def _deliver(run: ReminderRun, batch: list[tuple[Reminder, Person, str]]) -> None:
    school = get_school()
    # One SMTP connection for the whole batch instead of one per letter.
    connection = get_connection()
    try:
        connection.open()
    except Exception:
        logger.exception("Почтовый сервер недоступен: напоминания не отправлены")
        for reminder, person, _address in batch:
            _undo(run, reminder, person)
        return
    try:
        for reminder, person, address in batch:
            try:
                send_templated(
                    name=reminder.template,
                    to=[address],
                    context={
                        **reminder.context,
                        "person": person,
                        "school": school,
                        "site_url": settings.SITE_URL,
                        "today": run.today,
                    },
                    connection=connection,
                )
            except Exception:
                logger.exception("Напоминание %s %s не отправлено", reminder.kind, reminder.key)
                _undo(run, reminder, person)
    finally:
        connection.close()
