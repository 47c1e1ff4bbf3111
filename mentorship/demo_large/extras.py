"""The large demo school's smaller things: rewards, cases, «подходим ли мы», concerns, matching."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from mentorship.demo_large.pairs import ENDS_EARLY, WHOLE_YEAR, PairPlan
from mentorship.demo_practice import RESOURCES
from mentorship.models import (
    Concern,
    ConcernTopic,
    ConcernUrgency,
    FitAnswer,
    MentoringForm,
    MentorshipStatus,
    PairingFit,
    PersonKind,
    ProgrammeYear,
    RewardKind,
    Topic,
    User,
)
from mentorship.services import practice
from mentorship.services.pairs import mentorship_end_early

CASES = [
    (
        "Открытый урок за шесть недель: от страха к уверенности",
        "Молодой педагог боялся открытых уроков и терял темп, когда на уроке были коллеги.",
        "Наставник и наставляемый посетили по три урока друг друга, вместе спланировали "
        "открытый урок и провели его репетицию в параллельном классе.",
        "Открытый урок проведён в срок и получил высокую оценку методического объединения.",
    ),
    (
        "Проект группы: школьный музей в цифре",
        "Обучающимся было трудно работать в команде и доводить дело до конца.",
        "Группа разделила роли, раз в две недели отчитывалась наставнику, "
        "оцифровала экспонаты школьного музея.",
        "Проект представлен на городской конференции, группа получила диплом II степени.",
    ),
    (
        "Математика без страха: взаимное обучение",
        "Ученик 6 класса отставал по математике и перестал выполнять домашние задания.",
        "Старшеклассник-наставник дважды в месяц разбирал с ним задания и составлял план недели.",
        "Четвертная отметка выросла с «3» до «4», ученик сам готовится к контрольным.",
    ),
    (
        "Профессиональная проба на заводе",
        "Девятиклассник не мог выбрать профиль обучения.",
        "Наставник-инженер провёл экскурсию на предприятие и две профессиональные пробы.",
        "Ученик выбрал инженерный класс и сдал профильные экзамены.",
    ),
]
CONCERNS = [
    (ConcernTopic.WORKLOAD, "Не успеваем встречаться из-за замен и совещаний."),
    (ConcernTopic.RELATIONSHIP, "Наставляемый не приходит на договорённые встречи."),
    (ConcernTopic.PROGRAMME, "Пункты программы не подходят к нашему запросу."),
    (ConcernTopic.WELLBEING, "Ученик жалуется на конфликт в классе, нужна помощь психолога."),
]


def seed_library() -> None:
    for spec in RESOURCES:
        data = {key: value for key, value in spec.items() if key != "topics"}
        practice.resource_create(
            data=data, topics=Topic.objects.filter(code__in=spec["topics"]), actor=None
        )


def seed_year_practice(
    rng: random.Random, plans: list[PairPlan], *, year: ProgrammeYear, past: bool, curator: User
) -> None:
    """Rewards of the year's good mentors (ordered later by the documents) and its cases."""
    working = [plan for plan in plans if plan.fate == WHOLE_YEAR and plan.meet_from]
    mentors = list(dict.fromkeys(plan.pair.mentor.person for plan in working))
    staff = [p for p in mentors if p.kind == PersonKind.STAFF]
    rewarded = staff[: max(1, round(len(staff) * (0.3 if past else 0.08)))]
    kinds = [RewardKind.GRATITUDE, RewardKind.GRATITUDE, RewardKind.CERTIFICATE, RewardKind.BONUS]
    for index, person in enumerate(rewarded):
        practice.reward_create(
            data={
                "year": year,
                "person": person,
                "kind": RewardKind.STATUS if index == 0 and past else kinds[index % len(kinds)],
                "basis": "за высокие результаты работы в программе наставничества",
            },
            actor=curator,
        )
    by_form: dict[str, PairPlan] = {}
    for plan in working:
        by_form.setdefault(plan.pair.form.code, plan)
    chosen = [
        by_form[code]
        for code in ("teacher-teacher", "group", "pupil-pupil", "employer-pupil")
        if code in by_form
    ]
    for index, (plan, (title, problem, actions, result)) in enumerate(
        zip(chosen, CASES, strict=False)
    ):
        if not past and index > 0:
            break  # the current year has one case so far
        practice.case_create(
            data={
                "title": title if past or index else f"{title} ({year})",
                "mentorship": plan.pair,
                "problem": problem,
                "actions": actions,
                "result": result,
            },
            published=index % 2 == 0,
            actor=curator,
        )


def seed_fits_and_concerns(
    rng: random.Random, plans: list[PairPlan], *, today: datetime.date, past: bool
) -> None:
    """After the acquaintance each side says whether the pair works; some raise a concern."""
    fits, concerns = [], []
    for plan in plans:
        if plan.meet_from is None:
            continue
        pair = plan.pair
        people = [pair.mentor.person_id, *[m.mentee.person_id for m in pair.members.all()]]
        for person_id in people[:2]:
            if rng.random() < 0.6:
                roll = rng.random()
                answer = (
                    FitAnswer.FIT
                    if roll < 0.9
                    else FitAnswer.UNSURE
                    if roll < 0.97
                    else FitAnswer.NO_FIT
                )
                resolved = past or answer == FitAnswer.FIT or rng.random() < 0.5
                fits.append(
                    PairingFit(
                        mentorship=pair,
                        person_id=person_id,
                        answer=answer,
                        comment=""
                        if answer == FitAnswer.FIT
                        else "Пока трудно договориться о времени",
                        resolved_at=timezone.now()
                        if resolved and answer != FitAnswer.FIT
                        else None,
                    )
                )
        if rng.random() < 0.03:
            topic, text = rng.choice(CONCERNS)
            settled = past or rng.random() < 0.6
            concerns.append(
                Concern(
                    raised_by_id=people[rng.randrange(len(people))],
                    mentorship=pair,
                    topic=topic,
                    urgency=ConcernUrgency.URGENT if rng.random() < 0.2 else ConcernUrgency.NORMAL,
                    text=text,
                    resolved_at=timezone.now() if settled else None,
                    resolution="Поговорили с парой, договорились о новом времени встреч"
                    if settled
                    else "",
                )
            )
    PairingFit.objects.bulk_create(fits, batch_size=1000)
    Concern.objects.bulk_create(concerns, batch_size=500)


def end_early(plans: list[PairPlan], *, curator: User) -> None:
    """The pairs planned to stop early stop now, after the year's orders were signed."""
    for plan in plans:
        if (
            plan.fate == ENDS_EARLY
            and plan.ended_on
            and plan.pair.status != MentorshipStatus.ENDED_EARLY
        ):
            plan.pair = mentorship_end_early(
                mentorship=plan.pair, reason=plan.end_reason, on=plan.ended_on, actor=curator
            )


def seed_matching(*, year: ProgrammeYear, curator: User) -> None:
    """The current year's matching of those still waiting: proposals for the curator."""
    from mentorship.services.matching import matching_run  # noqa: PLC0415 (loads scipy)

    for code in ("teacher-teacher", "pupil-pupil"):
        form = MentoringForm.objects.filter(code=code).first()
        if form is not None:
            matching_run(year=year, form=form, group_size=None, actor=curator)
