"""The demo school's questionnaires: a mentee-satisfaction survey before the programme,
half answered, so that the campaign and analytics pages have something to show."""

from __future__ import annotations

import datetime
import random

from mentorship.models import Meeting, ProgrammeYear
from surveys.answering import response_save
from surveys.models import Campaign, Invitation, Moment, QuestionKind, Questionnaire
from surveys.services_campaigns import (
    BANK_MENTEES,
    AudienceSpec,
    campaign_create,
    campaign_invite,
    campaign_open,
)


def seed_surveys(*, seed: int, today: datetime.date) -> None:
    year = ProgrammeYear.objects.current()
    questionnaire = Questionnaire.objects.filter(code="mentee-satisfaction").first()
    if (
        year is None
        or questionnaire is None
        or Campaign.objects.filter(year=year)
        .exclude(questionnaire__purpose="meeting_feedback")
        .exists()
    ):
        return
    rng = random.Random(seed + 2)  # noqa: S311 (demo answers)
    campaign = campaign_create(
        questionnaire=questionnaire,
        title="Ожидания наставляемых: до начала программы",
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=10),
        actor=None,
        year=year,
        moment=Moment.BEFORE,
    )
    campaign_open(campaign=campaign, actor=None)
    campaign_invite(
        campaign=campaign, audience=AudienceSpec(bank=BANK_MENTEES), actor=None, day=today
    )
    questions = list(questionnaire.questions.prefetch_related("options"))
    for invitation in Invitation.objects.filter(campaign=campaign).order_by("pk")[::2]:
        answers = {}
        for question in questions:
            if question.kind == QuestionKind.SCALE:
                answers[question.pk] = {"number": rng.randint(5, 10)}
            elif question.kind == QuestionKind.YES_NO:
                answers[question.pk] = {"text": rng.choice(["yes", "yes", "no"])}
            else:
                answers[question.pk] = {
                    "text": rng.choice(["", "Хочу научиться держать класс", "Больше встреч вживую"])
                }
        response_save(invitation=invitation, answers=answers, submit=True, actor=None)


def seed_meeting_feedback(*, seed: int, today: datetime.date) -> None:
    """Most participants answered the feedback form after their meetings (the last week's not)."""
    older = Meeting.objects.filter(held_on__lt=today - datetime.timedelta(days=7))
    pending = Invitation.objects.filter(
        campaign__questionnaire__purpose="meeting_feedback",
        about_id__in=older.values("pk"),
        answered_at__isnull=True,
        revoked_at__isnull=True,
    ).select_related("campaign__questionnaire")
    if (
        not pending.exists()
        or Invitation.objects.filter(
            campaign__questionnaire__purpose="meeting_feedback", answered_at__isnull=False
        ).exists()
    ):
        return
    rng = random.Random(seed + 3)  # noqa: S311 (demo answers)
    remarks = ["Разобрали план урока", "Посетили урок наставника", "Обсудили работу с родителями"]
    unclear = ["", "", "Как оценивать проекты", "Как вести электронный журнал"]
    questions: dict[int, list] = {}
    for invitation in pending.order_by("pk"):
        if rng.random() > 0.8:
            continue  # about one in five forms is still waiting for an answer
        questionnaire = invitation.campaign.questionnaire
        if questionnaire.pk not in questions:
            questions[questionnaire.pk] = list(questionnaire.questions.all())
        answers = {}
        for question in questions[questionnaire.pk]:
            if question.kind == QuestionKind.SCALE:
                low, high = question.scale_min or 1, question.scale_max or 5
                answers[question.pk] = {"number": rng.randint(max(low, high - 2), high)}
            elif question.kind == QuestionKind.LONG_TEXT:
                pool = unclear if "непонят" in question.text else remarks
                answers[question.pk] = {"text": rng.choice(pool)}
        response_save(invitation=invitation, answers=answers, submit=True, actor=None)
