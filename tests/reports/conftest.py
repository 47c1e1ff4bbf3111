"""A believable school for document tests: real names, so declension shows."""

from __future__ import annotations

import datetime

import pytest

from mentorship.services import get_school
from tests.factories import (
    MenteeProfileFactory,
    MentoringFormFactory,
    MentorProfileFactory,
    MentorshipFactory,
    PersonFactory,
    ProgrammeYearFactory,
)


@pytest.fixture
def school(db):
    school = get_school()
    school.full_name = "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 5»"
    school.short_name = "МБОУ «СШ № 5»"
    school.founder = "Управление образования администрации города Кирова"
    school.director_name = "Соколова Ирина Владимировна"
    school.director_position = "Директор"
    school.locality = "г. Киров"
    school.save()
    return school


@pytest.fixture
def year(db):
    return ProgrammeYearFactory(
        title="2026/2027",
        start_date=datetime.date(2026, 9, 1),
        end_date=datetime.date(2027, 8, 31),
        is_current=True,
    )


@pytest.fixture
def curator_person(db):
    return PersonFactory(
        surname="Иванова",
        name="Мария",
        patronymic="Петровна",
        position="заместитель директора по учебно-воспитательной работе",
    )


@pytest.fixture
def pairs(school, year):
    """Two draft pairs: Петров → Алиева, Шевчук (a woman) → Ким."""
    form = MentoringFormFactory(code="teacher-teacher", title="«педагог – педагог»")
    petrov = MentorProfileFactory(
        person=PersonFactory(
            surname="Петров", name="Иван", patronymic="Сергеевич", position="учитель математики"
        )
    )
    shevchuk = MentorProfileFactory(
        person=PersonFactory(
            surname="Шевчук", name="Ольга", patronymic="Николаевна", position="учитель истории"
        )
    )
    alieva = MenteeProfileFactory(
        person=PersonFactory(
            surname="Алиева", name="Патимат", patronymic="Гасановна", position="учитель физики"
        )
    )
    kim = MenteeProfileFactory(
        person=PersonFactory(
            surname="Ким", name="Артём", patronymic="Вячеславович", position="учитель химии"
        )
    )
    first = MentorshipFactory(year=year, form=form, mentor=petrov, members=[alieva], status="draft")
    second = MentorshipFactory(year=year, form=form, mentor=shevchuk, members=[kim], status="draft")
    return [first, second]
