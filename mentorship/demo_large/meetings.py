"""The large demo school's meetings: every two weeks per pair, with gaps, and the year's final."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from mentorship.demo_large.pairs import WHOLE_YEAR, PairPlan
from mentorship.models import Meeting, MeetingFormat, MeetingKind, ProgrammeYear, User

TOPICS = {
    "teacher-teacher": [
        "Планирование урока по ФГОС",
        "Работа с родителями: первое собрание",
        "Дисциплина на уроке",
        "Разбор посещённого урока",
        "Подготовка к открытому уроку",
        "Электронный журнал и рабочая программа",
        "Оценивание и подготовка к ВПР",
    ],
    "group": [
        "Выбор темы проекта",
        "Как искать и проверять источники",
        "Работа в команде: роли и сроки",
        "Подготовка к школьной конференции",
        "Репетиция защиты проекта",
    ],
    "pupil-pupil": [
        "Разбор домашнего задания по математике",
        "Как готовиться к контрольной",
        "Планирование недели",
        "Чтение и пересказ текста",
        "Подготовка к олимпиаде",
    ],
    "student-pupil": [
        "Как выбрать профиль обучения",
        "Подготовка к ОГЭ: план на месяц",
        "Экскурсия в колледж",
        "Разбор пробного экзамена",
    ],
    "employer-pupil": [
        "Знакомство с профессией",
        "Экскурсия на предприятие",
        "Профессиональная проба",
        "Какие экзамены нужны для поступления",
    ],
}
FIRST_TOPICS = ["Знакомство, ожидания от работы в паре", "План встреч и программа на год"]
NOTES = [
    "Обсудили трудности недели, наметили шаги.",
    "Разобрали задание, договорились о следующем шаге.",
    "Посмотрели результаты, отметили, что получилось.",
    "Обсудили план, распределили задачи до следующей встречи.",
]
NEXT_STEPS = [
    "Посетить урок наставника, подготовить вопросы.",
    "Выполнить задание и принести на следующую встречу.",
    "Подготовить короткий рассказ о результатах.",
    "Прочитать материал из методической библиотеки.",
]


def _at(day: datetime.date, hour: int = 18) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def seed_meetings(
    rng: random.Random,
    plans: list[PairPlan],
    *,
    year: ProgrammeYear,
    past: bool,
    users: dict[int, User],
    curator: User,
) -> int:
    """Meetings of the year's working pairs; a past year ends with the final of all pairs."""
    meetings: list[Meeting] = []
    links: list[list[int]] = []
    for plan in plans:
        if plan.meet_from is None or plan.meet_until is None:
            continue
        pair = plan.pair
        topics = TOPICS.get(pair.form.code, TOPICS["teacher-teacher"])
        logged_by = users.get(pair.mentor.person_id, curator)
        day = plan.meet_from + datetime.timedelta(days=rng.randint(2, 6))
        number = 0
        while day <= plan.meet_until:
            following = day + datetime.timedelta(days=14 + rng.choice([-2, -1, 0, 0, 0, 1, 2, 3]))
            if number >= 2 and rng.random() < 0.08:
                day = following  # a missed fortnight
                continue
            last = past and plan.fate == WHOLE_YEAR and following > plan.meet_until
            if number < 2:
                kind, topic = (
                    (MeetingKind.ACQUAINTANCE, MeetingKind.PLANNING)[number],
                    FIRST_TOPICS[number],
                )
            else:
                kind, topic = MeetingKind.REGULAR, rng.choice(topics)
            if last and number >= 2:
                kind, topic = MeetingKind.FINAL, "Итоги года: что получилось, что дальше"
            meetings.append(
                Meeting(
                    held_on=day,
                    start_time=datetime.time(rng.choice([13, 14, 15, 16]), rng.choice([0, 30])),
                    kind=kind,
                    format=MeetingFormat.REMOTE if rng.random() < 0.1 else MeetingFormat.IN_PERSON,
                    topic=topic,
                    notes=rng.choice(NOTES),
                    next_steps="" if last else rng.choice(NEXT_STEPS),
                    next_planned_on=None if last else following,
                    logged_by=logged_by,
                    created_at=_at(day),
                )
            )
            links.append([pair.pk])
            day, number = following, number + 1
    if past:
        final = datetime.date(year.start_date.year + 1, 5, 22)
        together = [
            plan.pair.pk
            for plan in plans
            if plan.fate == WHOLE_YEAR and plan.meet_until and plan.meet_until >= final
        ]
        if together:
            meetings.append(
                Meeting(
                    held_on=final,
                    start_time=datetime.time(15, 0),
                    kind=MeetingKind.GROUP_FINAL,
                    topic="Итоговая конференция наставнических пар",
                    notes="Пары представили результаты года, лучшие практики — в базу кейсов.",
                    logged_by=curator,
                    created_at=_at(final),
                )
            )
            links.append(together)
    meetings = Meeting.objects.bulk_create(meetings, batch_size=1000)
    Meeting.mentorships.through.objects.bulk_create(
        (
            Meeting.mentorships.through(meeting_id=meeting.pk, mentorship_id=pair_id)
            for meeting, pair_ids in zip(meetings, links, strict=True)
            for pair_id in pair_ids
        ),
        batch_size=2000,
    )
    return len(meetings)
