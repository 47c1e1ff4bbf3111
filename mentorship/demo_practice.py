"""The demo school's library, a case of one pair and two rewards waiting for the order."""

from __future__ import annotations

import datetime

from mentorship.models import (
    Case,
    Mentorship,
    MentorshipStatus,
    ProgrammeYear,
    Resource,
    ResourceKind,
    Reward,
    RewardKind,
    Topic,
)
from mentorship.services import practice as services

MEMO_MENTOR = """Перед встречей
• Прочитайте анкету наставляемого: с какими трудностями он пришёл и чего ждёт.
• Договоритесь о месте и времени, где вас не будут отвлекать (40–60 минут).

На встрече
• Расскажите о себе: как пришли в профессию, что было трудно в первый год.
• Спросите, что уже получается и что тревожит больше всего; слушайте больше, чем говорите.
• Обсудите правила работы в паре: как часто встречаемся (не реже раза в две недели), как связываемся между встречами, что делаем, если встреча срывается.
• Выберите одну-две первые задачи, которые можно решить за месяц.

После встречи
• Запишите встречу в журнал и договорённости — следующая встреча начнётся с них.
• Назначьте дату встречи-планирования: на ней составите план и персонализированную программу."""

MEMO_MENTEE = """• Вспомните две-три ситуации последних недель, которые вызвали трудности: урок, разговор с родителями, документы.
• Сформулируйте, чему хотите научиться к концу года — это станет целью вашей программы.
• Запишите вопросы заранее: на встрече легко забыть главное.
• Возьмите с собой план урока, рабочую программу или другой материал, по которому нужен совет.
• После встречи заполните короткую форму обратной связи: куратор узнает, помогает ли наставничество, и сможет поддержать пару.
• Если что-то не складывается, скажите наставнику или куратору — это нормальная часть работы."""

RESOURCES = [
    {
        "title": "Памятка наставнику: первая встреча",
        "kind": ResourceKind.MEMO_MENTOR,
        "description": MEMO_MENTOR,
        "is_public": True,
        "topics": ["school-culture", "self-education"],
    },
    {
        "title": "Памятка наставляемому: как подготовиться к встрече",
        "kind": ResourceKind.MEMO_MENTEE,
        "description": MEMO_MENTEE,
        "is_public": True,
        "topics": ["self-education", "time-management"],
    },
    {
        "title": "Методология (целевая модель) наставничества обучающихся",
        "kind": ResourceKind.LINK,
        "description": "Распоряжение Минпросвещения России от 25.12.2019 № Р-145: формы "
        "наставничества, этапы внедрения, мониторинг и мотивация наставников.",
        "url": "https://sudact.ru/law/rasporiazhenie-minprosveshcheniia-rossii-ot-25122019-n-r-145/"
        "prilozhenie/3/",
        "is_public": True,
        "topics": [],
    },
    {
        "title": "Методические рекомендации по внедрению системы наставничества педагогов",
        "kind": ResourceKind.LINK,
        "description": "Письмо Минпросвещения России и Профсоюза от 21.12.2021 № АЗ-1128/08 / 657: "
        "система (целевая модель) наставничества педагогических работников, примерное "
        "положение и дорожная карта.",
        "url": "https://ug.ru/metodicheskie-rekomendaczii-po-razrabotke-i-vnedreniyu-sistemy-"
        "czelevoj-modeli-nastavnichestva-pedagogicheskih-rabotnikov-v-obrazovatelnyh-"
        "organizacziyah-3",
        "is_public": True,
        "topics": [],
    },
    {
        "title": "План встреч пары на первое полугодие",
        "kind": ResourceKind.TEMPLATE,
        "description": "1. Знакомство: ожидания, правила работы в паре.\n"
        "2. Встреча-планирование: цель года, персонализированная программа.\n"
        "3–8. Встречи раз в две недели: посещение уроков друг друга, разбор, задания.\n"
        "9. Промежуточные итоги: что получилось, что поменять во втором полугодии.",
        "is_public": False,
        "topics": ["lesson-planning", "lesson-analysis"],
    },
]


def seed_practice(*, seed: int, today: datetime.date) -> None:
    """Materials of the library, one case of a demo pair, two rewards pending; idempotent."""
    for spec in RESOURCES:
        if Resource.objects.filter(title=spec["title"]).exists():
            continue
        data = {key: value for key, value in spec.items() if key != "topics"}
        services.resource_create(
            data=data, topics=Topic.objects.filter(code__in=spec["topics"]), actor=None
        )
    year = ProgrammeYear.objects.current()
    if year is None:
        return
    pairs = list(
        Mentorship.objects.filter(year=year, status=MentorshipStatus.ACTIVE)
        .select_related("mentor__person__user")
        .order_by("pk")
    )
    if not pairs:
        return
    # The demo mentor's own pair, so that «nastavnik» sees the case as his.
    pair = next(
        (p for p in pairs if p.mentor.person.user and p.mentor.person.user.username == "nastavnik"),
        pairs[0],
    )
    if not Case.objects.filter(year=year).exists():
        services.case_create(
            data={
                "title": "Открытый урок за шесть недель: от страха к уверенности",
                "mentorship": pair,
                "problem": "Молодой педагог боялся открытых уроков и терял темп урока, когда "
                "на нём присутствовали коллеги.",
                "actions": "Наставник и наставляемый посетили по три урока друг друга, "
                "разбирали их по единой схеме, вместе спланировали открытый урок и провели "
                "его репетицию в параллельном классе.",
                "result": "Открытый урок проведён в срок и получил высокую оценку "
                "методического объединения; наставляемый сам предложил провести мастер-класс "
                "для молодых педагогов.",
            },
            year=year,
            published=True,
            actor=None,
        )
    if not Reward.objects.filter(year=year).exists():
        # Two different mentors of working pairs, the case's mentor first.
        mentors = list(dict.fromkeys(p.mentor.person for p in [pair, *pairs]))[:2]
        for person, kind, basis in zip(
            mentors,
            (RewardKind.GRATITUDE, RewardKind.CERTIFICATE),
            (
                "за активную работу в программе наставничества",
                "за высокие результаты работы в программе наставничества",
            ),
            strict=False,
        ):
            services.reward_create(
                data={"year": year, "person": person, "kind": kind, "basis": basis}, actor=None
            )
