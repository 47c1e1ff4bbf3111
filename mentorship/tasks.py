"""Background tasks (``django_tasks``; Django 6 has the same API as ``django.tasks``)."""

from __future__ import annotations

from django_tasks import task

from mentorship.reminders import send_reminders


@task()
def send_reminders_task() -> dict[str, int]:
    """The day's reminders, as ``manage.py send_reminders`` sends them: letters sent per kind."""
    run = send_reminders()
    return {kind: tally.sent for kind, tally in run.tallies.items()}
