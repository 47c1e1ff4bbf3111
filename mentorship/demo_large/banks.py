"""The large demo school's mentor bank (once) and mentee bank (each year's intake)."""

from __future__ import annotations

import datetime
import random

from simple_history.utils import bulk_create_with_history

from mentorship.demo_large.people import Cast
from mentorship.models import (
    Audience,
    MenteeCategory,
    MenteeProfile,
    MenteeRequest,
    MenteeStatus,
    MenteeStatusChange,
    MentoringForm,
    MentorProfile,
    MentorStatus,
    MentorStatusChange,
    Person,
    PersonKind,
    Topic,
    TrainingRecord,
)

# Staff mentors who lead a group take up to six mentees (the school's limit is three).
GROUP_CAPACITY = 6
OFFERS = [
    "",
    "Могу показать, как готовлю класс к ОГЭ",
    "Помогу с документацией классного руководителя",
    "Покажу, как выстроить работу с родителями",
    "Готов разбирать уроки и давать открытые уроки",
]
PUPIL_CATEGORIES = [
    MenteeCategory.PUPIL_LOW_ACHIEVING,
    MenteeCategory.PUPIL_GIFTED,
    MenteeCategory.PUPIL_ADAPTATION,
    MenteeCategory.PUPIL_SPECIAL_NEEDS,
    MenteeCategory.PUPIL_DIFFICULT_SITUATION,
]
TEACHER_REQUESTS = [
    "",
    "Сложно удерживать внимание класса",
    "Не знаю, как говорить с родителями",
    "Хочу подготовиться к аттестации",
    "Трудно планировать уроки по ФГОС",
]


def _form_codes(person: Person) -> list[str]:
    if person.kind == PersonKind.PUPIL:
        return ["pupil-pupil"]
    if person.kind == PersonKind.EXTERNAL:
        return ["student-pupil"] if "студент" in person.position else ["employer-pupil"]
    return ["teacher-teacher", "group", "traditional"]


def seed_mentor_bank(
    rng: random.Random, cast: Cast, *, start: datetime.date, groups: int
) -> dict[int, MentorProfile]:
    """Everyone who mentors or may mentor: person id -> profile."""
    topics = {
        audience: list(Topic.objects.filter(audience=audience).order_by("pk"))
        for audience in (Audience.TEACHERS, Audience.PUPILS)
    }
    forms = {form.code: form for form in MentoringForm.objects.order_by("pk")}
    unsigned = {p.pk for p in cast.candidates[-2:]}  # no consent yet: not in the bank
    working = [*cast.staff_mentors, *cast.pupil_mentors, *cast.students, *cast.employers]
    waiting = [p for p in cast.candidates if p.pk not in unsigned]
    profiles = []
    for index, person in enumerate([*working, *waiting]):
        active = index < len(working)
        status = (
            MentorStatus.ACTIVE
            if active
            else rng.choice(
                [MentorStatus.CANDIDATE, MentorStatus.INTERVIEWED, MentorStatus.TRAINED]
            )
        )
        capacity = GROUP_CAPACITY if index < groups else rng.choice([None, None, None, 2, 3])
        if person.kind == PersonKind.PUPIL:
            capacity = None
        profiles.append(
            MentorProfile(
                person=person,
                status=status,
                capacity=capacity,
                offer_text=rng.choice(OFFERS) if person.kind == PersonKind.STAFF else "",
            )
        )
    profiles = bulk_create_with_history(profiles, MentorProfile, batch_size=500)
    topic_rows, form_rows, changes, trainings = [], [], [], []
    for profile in profiles:
        person = profile.person
        pool = topics[Audience.TEACHERS if person.kind == PersonKind.STAFF else Audience.PUPILS]
        topic_rows += [
            MentorProfile.topics.through(mentorprofile=profile, topic=topic)
            for topic in rng.sample(pool, min(len(pool), rng.randint(3, 6)))
        ]
        form_rows += [
            MentorProfile.forms.through(mentorprofile=profile, mentoringform=forms[code])
            for code in _form_codes(person)
            if code in forms
        ]
        changes.append(
            MentorStatusChange(
                profile=profile,
                from_status="",
                to_status=MentorStatus.CANDIDATE,
                note="Внесён в базу наставников",
            )
        )
        if profile.status != MentorStatus.CANDIDATE:
            changes.append(
                MentorStatusChange(
                    profile=profile, from_status=MentorStatus.CANDIDATE, to_status=profile.status
                )
            )
        if profile.status in (MentorStatus.TRAINED, MentorStatus.ACTIVE):
            trainings.append(
                TrainingRecord(
                    mentor=profile,
                    date=start - datetime.timedelta(days=rng.randint(5, 300)),
                    course="Школа наставника"
                    if person.kind != PersonKind.PUPIL
                    else "Школа лидера",
                    hours=rng.choice([16, 24, 36]),
                    organisation="Институт развития образования Кировской области",
                    certificate=f"удостоверение № {7000 + profile.pk}"
                    if person.kind == PersonKind.STAFF
                    else "",
                )
            )
    MentorProfile.topics.through.objects.bulk_create(topic_rows, batch_size=1000)
    MentorProfile.forms.through.objects.bulk_create(form_rows, batch_size=1000)
    MentorStatusChange.objects.bulk_create(changes, batch_size=1000)
    TrainingRecord.objects.bulk_create(trainings, batch_size=1000)
    return {profile.person_id: profile for profile in profiles}


def seed_mentee_intake(
    rng: random.Random, *, staff: list[Person], pupils: list[Person]
) -> list[MenteeProfile]:
    """The year's new entries of the mentee bank, all waiting for a pair."""
    topics = {
        audience: list(Topic.objects.filter(audience=audience).order_by("pk"))
        for audience in (Audience.TEACHERS, Audience.PUPILS)
    }
    profiles = []
    for person in staff:
        young = (person.teaching_experience_years or 0) <= 3
        category = (
            rng.choice([MenteeCategory.YOUNG_SPECIALIST] * 3 + [MenteeCategory.NEW_EMPLOYEE])
            if young
            else rng.choice(
                [
                    MenteeCategory.TEACHER_IN_DIFFICULTY,
                    MenteeCategory.TEACHER_GROWTH,
                    MenteeCategory.NEW_POSITION,
                ]
            )
        )
        profiles.append(
            MenteeProfile(
                person=person, category=category, request_text=rng.choice(TEACHER_REQUESTS)
            )
        )
    profiles += [
        MenteeProfile(person=person, category=rng.choice(PUPIL_CATEGORIES)) for person in pupils
    ]
    profiles = bulk_create_with_history(profiles, MenteeProfile, batch_size=500)
    requests, changes = [], []
    for profile in profiles:
        staff_member = profile.person.kind == PersonKind.STAFF
        pool = topics[Audience.TEACHERS if staff_member else Audience.PUPILS]
        requests += [
            MenteeRequest(profile=profile, topic=topic, weight=rng.choice([1, 2, 2, 3]))
            for topic in rng.sample(pool, min(len(pool), rng.randint(2, 4) if staff_member else 2))
        ]
        changes.append(
            MenteeStatusChange(
                profile=profile,
                from_status="",
                to_status=MenteeStatus.WAITING,
                note="Внесён в базу наставляемых",
            )
        )
    MenteeRequest.objects.bulk_create(requests, batch_size=1000)
    MenteeStatusChange.objects.bulk_create(changes, batch_size=1000)
    return profiles
