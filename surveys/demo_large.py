"""The large demo's questionnaires of a year: feedback after every meeting, the entry requests,
satisfaction before and after the programme; most answered, as in a school that keeps at it.

Rows are bulk-created (tens of thousands of answers); campaigns go through the services.
``context`` is a ``mentorship.demo_large.LargeYear``.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from mentorship.models import Meeting, MentorshipMember
from surveys.analytics import DEFAULT_SCALE
from surveys.meeting_feedback import (
    MENTEE,
    MENTOR,
    QUESTIONNAIRE_CODES,
    standing_campaign,
    standing_questionnaire,
)
from surveys.models import (
    Answer,
    Campaign,
    CampaignStatus,
    Invitation,
    Moment,
    QuestionKind,
    Questionnaire,
    Response,
)
from surveys.services_campaigns import campaign_create

TEXTS = [
    "Разобрали мой урок, стало понятно, что менять",
    "Полезно, что наставник показал на своём примере",
    "Хочется больше практики",
    "Всё понятно, спасибо",
    "Не хватило времени на вопросы",
]


def _at(day: datetime.date, hours: float = 19) -> datetime.datetime:
    midnight = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
    return midnight + datetime.timedelta(hours=hours)


def _values(question, options, rng: random.Random, *, mood: float, day: datetime.date) -> dict:
    """What one person answers to one question; ``mood`` is the mean on a 1–10 scale."""
    kind = question.kind
    if kind == QuestionKind.SCALE:
        low = DEFAULT_SCALE[0] if question.scale_min is None else question.scale_min
        high = DEFAULT_SCALE[1] if question.scale_max is None else question.scale_max
        share = min(max(rng.gauss((mood - 1) / 9, 0.15), 0), 1)
        return {"number": round(low + share * (high - low))}
    if kind == QuestionKind.NUMBER:
        low, high = question.scale_min or 1, question.scale_max or 5
        return {"number": rng.randint(low, high)}
    if kind == QuestionKind.YES_NO:
        return {"text": "yes" if rng.random() < 0.35 + mood / 20 else "no"}
    if kind == QuestionKind.DATE:
        return {"date_value": day + datetime.timedelta(days=14)}
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        if not options:
            return {}
        count = 1 if kind == QuestionKind.SINGLE else rng.randint(1, min(3, len(options)))
        return {"choices": rng.sample(options, count)}
    if kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        if question.required or rng.random() < 0.4:
            return {"text": rng.choice(TEXTS)}
        return {"text": ""}
    return {}  # ranking: people of a group meeting, not asked here


class _Batch:
    """Invitations, responses and answers of several campaigns, written in a few queries."""

    def __init__(self, rng: random.Random, now: datetime.datetime) -> None:
        self.rng = rng
        self.now = now  # nothing is answered or reminded after the base date
        self.invitations: list[Invitation] = []
        self.answered: list[tuple[Invitation, Questionnaire, float, datetime.date]] = []
        self.questions: dict[int, list[tuple[Any, list[int]]]] = {}

    def _questions(self, questionnaire: Questionnaire) -> list[tuple[Any, list[int]]]:
        if questionnaire.pk not in self.questions:
            self.questions[questionnaire.pk] = [
                (question, [option.pk for option in question.options.all()])
                for question in questionnaire.questions.prefetch_related("options").order_by(
                    "order", "pk"
                )
            ]
        return self.questions[questionnaire.pk]

    def invite(
        self,
        *,
        campaign: Campaign,
        person_id: int,
        sent: datetime.datetime,
        answer_share: float,
        mood: float,
        day: datetime.date,
        about: tuple[ContentType, int] | None = None,
    ) -> None:
        rng = self.rng
        invitation = Invitation(campaign=campaign, person_id=person_id, sent_at=sent)
        if about is not None:
            invitation.about_type, invitation.about_id = about
        opened = sent + datetime.timedelta(hours=rng.uniform(0.2, 30))
        if rng.random() < answer_share and opened < self.now:
            invitation.opened_at = opened
            invitation.answered_at = opened + datetime.timedelta(minutes=rng.randint(2, 20))
            self.answered.append((invitation, campaign.questionnaire, mood, day))
        else:
            if rng.random() < 0.4:
                invitation.opened_at = sent + datetime.timedelta(hours=rng.uniform(1, 48))
            invitation.reminded_at = sent + datetime.timedelta(days=3)
        self.invitations.append(invitation)

    def write(self) -> None:
        for invitation in self.invitations:
            if invitation.opened_at and invitation.opened_at > self.now:
                invitation.opened_at = None
            if invitation.reminded_at and invitation.reminded_at > self.now:
                invitation.reminded_at = None
        Invitation.objects.bulk_create(self.invitations, batch_size=2000)
        responses = [
            Response(
                questionnaire=questionnaire,
                invitation=invitation,
                person_id=invitation.person_id,
                submitted_at=invitation.answered_at,
                created_at=invitation.opened_at,
            )
            for invitation, questionnaire, _mood, _day in self.answered
        ]
        Response.objects.bulk_create(responses, batch_size=2000)
        answers, chosen = [], []
        for response, (_invitation, questionnaire, mood, day) in zip(
            responses, self.answered, strict=True
        ):
            for question, options in self._questions(questionnaire):
                values = _values(question, options, self.rng, mood=mood, day=day)
                if not values:
                    continue
                answer = Answer(
                    response=response,
                    question=question,
                    text=values.get("text", ""),
                    number=values.get("number"),
                    date_value=values.get("date_value"),
                )
                answers.append(answer)
                chosen.append(values.get("choices", []))
        Answer.objects.bulk_create(answers, batch_size=2000)
        Answer.choices.through.objects.bulk_create(
            (
                Answer.choices.through(answer_id=answer.pk, option_id=option_id)
                for answer, options in zip(answers, chosen, strict=True)
                for option_id in options
            ),
            batch_size=2000,
        )


def _status(campaign: Campaign, context) -> None:
    open_now = not context.past and campaign.starts_on <= context.today <= campaign.ends_on
    status = CampaignStatus.OPEN if open_now else CampaignStatus.CLOSED
    Campaign.objects.filter(pk=campaign.pk).update(status=status)
    campaign.status = status


def _feedback(context, batch: _Batch) -> None:
    """Each side of each meeting was asked about it; most answered within a day or two."""
    campaigns = {}
    for role in QUESTIONNAIRE_CODES:
        questionnaire = standing_questionnaire(role)
        if questionnaire is None:
            return
        campaigns[role] = standing_campaign(
            questionnaire=questionnaire, year=context.year, actor=None
        )
        _status(campaigns[role], context)
    pair_ids = [plan.pair.pk for plan in context.plans]
    members = defaultdict(list)
    for pair_id, person_id, joined, left in (
        MentorshipMember.objects.filter(mentorship_id__in=pair_ids)
        .order_by("mentee__person__search_key", "pk")
        .values_list("mentorship_id", "mentee__person_id", "joined_on", "left_on")
    ):
        members[pair_id].append((person_id, joined, left))
    meeting_type = ContentType.objects.get_for_model(Meeting)
    sides: dict[int, dict[tuple[int, str], None]] = defaultdict(dict)
    held: dict[int, datetime.date] = {}
    for meeting_id, pair_id, held_on, mentor_id in (
        Meeting.mentorships.through.objects.filter(mentorship_id__in=pair_ids)
        .order_by("meeting_id", "mentorship_id")
        .values_list(
            "meeting_id", "mentorship_id", "meeting__held_on", "mentorship__mentor__person_id"
        )
    ):
        held[meeting_id] = held_on
        sides[meeting_id][(mentor_id, MENTOR)] = None
        for person_id, joined, left in members[pair_id]:
            if joined <= held_on and (left is None or left >= held_on):
                sides[meeting_id][(person_id, MENTEE)] = None
    rng = batch.rng
    for meeting_id, people in sides.items():
        day = held[meeting_id]
        recent = not context.past and (context.today - day).days <= 7
        for person_id, role in people:
            share = 0.35 if recent else (0.88 if role == MENTOR else 0.76)
            batch.invite(
                campaign=campaigns[role],
                person_id=person_id,
                sent=_at(day, rng.uniform(17, 21)),
                answer_share=share,
                mood=rng.uniform(7, 9.5),
                day=day,
                about=(meeting_type, meeting_id),
            )


def _people(context) -> tuple[list[int], list[int], list[int], list[int]]:
    """Mentors and mentees of the year's pairs; staff and pupils who joined this year."""
    pairs = [plan.pair for plan in context.plans]
    mentors = list(dict.fromkeys(pair.mentor.person_id for pair in pairs))
    rows = (
        MentorshipMember.objects.filter(mentorship__in=pairs)
        .order_by("mentorship_id", "pk")
        .values_list("mentee__person_id", "mentee__person__kind", "mentorship__continues_id")
    )
    mentees = list(dict.fromkeys(person_id for person_id, _kind, _continues in rows))
    new_staff = list(
        dict.fromkeys(p for p, kind, continues in rows if kind == "staff" and continues is None)
    )
    new_pupils = list(
        dict.fromkeys(p for p, kind, continues in rows if kind == "pupil" and continues is None)
    )
    return mentors, mentees, new_staff, new_pupils


def _campaign(
    context, code: str, title: str, starts: datetime.date, ends: datetime.date, moment: str
):
    questionnaire = (
        Questionnaire.objects.filter(code=code, is_archived=False).order_by("-version").first()
    )
    if questionnaire is None:
        return None
    campaign = campaign_create(
        questionnaire=questionnaire,
        title=f"{title}, {context.year} учебный год",
        starts_on=starts,
        ends_on=ends,
        actor=context.curator,
        year=context.year,
        moment=moment,
    )
    _status(campaign, context)
    return campaign


def _surveys(context, batch: _Batch) -> None:
    """Entry requests in September; satisfaction before the programme and (past) after it."""
    rng = batch.rng
    first = context.year.start_date.year
    mentors, mentees, new_staff, new_pupils = _people(context)
    october = datetime.date(first, 10, 1)
    may = datetime.date(first + 1, 5, 15)
    plan = [
        ("teacher-request", "Запрос наставляемых педагогов", datetime.date(first, 9, 5),
         datetime.date(first, 9, 25), Moment.NONE, new_staff, 0.85, 7.0),
        ("pupil-request", "Запрос обучающихся", datetime.date(first, 9, 5),
         datetime.date(first, 9, 25), Moment.NONE, new_pupils, 0.7, 7.0),
        ("mentee-satisfaction", "Удовлетворённость наставляемых: до начала программы", october,
         october + datetime.timedelta(days=65 if not context.past else 20), Moment.BEFORE,
         mentees, 0.8 if context.past else 0.6, 6.8),
        ("mentor-satisfaction", "Удовлетворённость наставников: до начала программы", october,
         october + datetime.timedelta(days=65 if not context.past else 20), Moment.BEFORE,
         mentors, 0.85 if context.past else 0.65, 7.2),
    ]  # fmt: skip
    if context.past:
        plan += [
            ("mentee-satisfaction", "Удовлетворённость наставляемых: по итогам года", may,
             may + datetime.timedelta(days=16), Moment.AFTER, mentees, 0.75, 8.2),
            ("mentor-satisfaction", "Удовлетворённость наставников: по итогам года", may,
             may + datetime.timedelta(days=16), Moment.AFTER, mentors, 0.8, 8.4),
        ]  # fmt: skip
    for code, title, starts, ends, moment, people, share, mood in plan:
        campaign = _campaign(context, code, title, starts, ends, moment)
        if campaign is None:
            continue
        for person_id in people:
            sent = _at(starts, rng.uniform(9, 16))
            batch.invite(
                campaign=campaign,
                person_id=person_id,
                sent=sent,
                answer_share=share if sent.date() <= context.today else 0,
                mood=mood,
                day=starts,
            )


def seed_surveys_large(context) -> None:
    batch = _Batch(context.rng(20), now=_at(context.today, 12))
    _feedback(context, batch)
    _surveys(context, batch)
    batch.write()
