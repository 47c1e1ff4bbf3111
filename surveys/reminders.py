"""The surveys' reminder sources (``hooks.REMINDER_SOURCES``): forms waiting for an answer.

- ``feedback``: a feedback form about a meeting, unanswered two days after it was asked for;
- ``questionnaire``: any other form of a running campaign, unanswered since the day its
  link was sent.

``mentorship.reminders`` sends them at most once a day per form; both stop by themselves
once the form is answered, revoked or the campaign no longer runs.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Q, QuerySet
from django.utils import timezone

from mentorship.hooks import Reminder
from mentorship.models import ReminderKind
from mentorship.reminders import absolute_url
from surveys.models import CampaignStatus, Invitation, Purpose

FEEDBACK_GRACE = datetime.timedelta(days=2)


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _about_meeting() -> Q:
    return Q(about_type__app_label="mentorship", about_type__model="meeting")


def _waiting(today: datetime.date) -> QuerySet[Invitation]:
    """Unanswered, live invitations of the campaigns that run today."""
    return Invitation.objects.filter(
        answered_at__isnull=True,
        revoked_at__isnull=True,
        campaign__status=CampaignStatus.OPEN,
        campaign__starts_on__lte=today,
        campaign__ends_on__gte=today,
    ).select_related("campaign__questionnaire")


def feedback_reminders(*, today: datetime.date) -> Iterator[Reminder]:
    """Feedback about a meeting asked for two or more days ago and still not given."""
    invitations = (
        _waiting(today)
        .filter(_about_meeting(), campaign__questionnaire__purpose=Purpose.MEETING_FEEDBACK)
        .filter(created_at__lt=_day_start(today - FEEDBACK_GRACE + datetime.timedelta(days=1)))
        .prefetch_related("about")
        .order_by("pk")
    )
    for invitation in invitations:
        yield Reminder(
            person_id=invitation.person_id,
            kind=ReminderKind.FEEDBACK,
            key=f"invitation:{invitation.pk}",
            template="reminder_feedback",
            context={
                "meeting": invitation.about,
                "questionnaire": invitation.campaign.questionnaire,
                "link": absolute_url(invitation.get_absolute_url()),
            },
        )


def questionnaire_reminders(*, today: datetime.date) -> Iterator[Reminder]:
    """Other forms of running campaigns whose link was sent before today and not answered."""
    invitations = (
        _waiting(today)
        .exclude(campaign__questionnaire__purpose=Purpose.MEETING_FEEDBACK)
        .filter(sent_at__lt=_day_start(today))
        .order_by("pk")
    )
    for invitation in invitations:
        yield Reminder(
            person_id=invitation.person_id,
            kind=ReminderKind.QUESTIONNAIRE,
            key=f"invitation:{invitation.pk}",
            template="reminder_questionnaire",
            context={
                "campaign": invitation.campaign,
                "questionnaire": invitation.campaign.questionnaire,
                "link": absolute_url(invitation.get_absolute_url()),
            },
        )
