"""Exports of people and both banks: headers, contents, round trip, query budget, audit."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from mentorship.common import AuditEntry
from mentorship.importing import COLUMN_NAMES, RowStatus
from mentorship.models import MenteeRequest, MentorStatus, Person, PersonKind, RequestWeight
from mentorship.services.transfer import (
    mentees_export,
    mentors_export,
    people_export,
    people_import,
)
from tests.factories import (
    MenteeProfileFactory,
    MentoringFormFactory,
    MentorProfileFactory,
    PersonFactory,
    SchoolFactory,
    TopicFactory,
)
from tests.mentorship.spreadsheets import letters, xlsx_rows

pytestmark = pytest.mark.django_db


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM, so that Excel reads UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def _rows(export) -> list[list]:
    return (
        xlsx_rows(export.content)
        if export.filename.endswith(".xlsx")
        else _csv_rows(export.content)
    )


def _cell_date(year: int, month: int, day: int) -> datetime.datetime:
    return datetime.datetime.combine(datetime.date(year, month, day), datetime.time())


def _school_people() -> None:
    PersonFactory(
        surname="Семёнова",
        name="Алёна",
        patronymic="Фёдоровна",
        kind=PersonKind.STAFF,
        position="Учитель",
        subjects="математика, информатика",
        department="МО математики",
        birth_date=datetime.date(1985, 5, 17),
        hire_date=datetime.date(2010, 9, 1),
        teaching_experience_years=15,
        email="semenova@example.ru",
        phone="+7 (912) 345-67-89",
        notes="Классный руководитель 5 «А»\nВедёт кружок",
    )
    PersonFactory(
        surname="Алиева",
        name="Лейла",
        patronymic="Гасан кызы",
        kind=PersonKind.STAFF,
        position="",
        department="",
        birth_date=None,
        teaching_experience_years=None,
    )
    PersonFactory(
        surname="Ёлкин",
        name="Пётр",
        patronymic="",
        kind=PersonKind.PUPIL,
        position="",
        department="7Б",
        birth_date=datetime.date(2013, 2, 3),
        teaching_experience_years=None,
        phone="89123456789",
    )
    PersonFactory(surname="=ГИПЕРССЫЛКА(х)", name="Анна", kind=PersonKind.EXTERNAL, birth_date=None)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_people_export_has_the_importers_headers_and_the_values(fmt: str, curator) -> None:
    _school_people()
    export = people_export(fmt=fmt, filters={}, actor=curator)

    today = timezone.localdate()
    assert export.filename == f"uchastniki-{today:%Y-%m-%d}.{fmt}"
    rows = _rows(export)
    assert rows[0] == list(COLUMN_NAMES.values())
    semenova = next(row for row in rows if row[0] == "Семёнова")
    # openpyxl reads a date cell back as a naive datetime at midnight.
    expected_birth = _cell_date(1985, 5, 17) if fmt == "xlsx" else "17.05.1985"
    expected_years = 15 if fmt == "xlsx" else "15"
    assert semenova == [
        "Семёнова",
        "Алёна",
        "Фёдоровна",
        "сотрудник",
        expected_birth,
        "Учитель",
        "математика, информатика",
        "МО математики",
        expected_years,
        _cell_date(2010, 9, 1) if fmt == "xlsx" else "01.09.2010",
        "semenova@example.ru",
        "+7 (912) 345-67-89",
        "Классный руководитель 5 «А»\nВедёт кружок",
    ]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_exported_file_imports_back_with_every_row_unchanged(fmt: str, curator) -> None:
    _school_people()
    export = people_export(fmt=fmt, filters={}, actor=curator)

    preview = people_import(
        data=export.content, filename=export.filename, kind="staff", actor=curator, dry_run=True
    )

    assert {row.status for row in preview.rows} == {RowStatus.SKIP}, [
        (row.number, row.reason, [str(c) for c in row.changes]) for row in preview.rows
    ]
    assert len(preview.rows) == 5  # four people and the curator's own card
    assert not preview.ignored_columns


def test_formula_like_text_stays_text_in_both_formats(curator) -> None:
    _school_people()
    xlsx = people_export(fmt="xlsx", filters={}, actor=curator)
    book = load_workbook(io.BytesIO(xlsx.content))
    cells = [row[0] for row in book.active.iter_rows() if row[0].value == "=ГИПЕРССЫЛКА(х)"]
    assert [cell.data_type for cell in cells] == ["s"]
    csv_rows = _csv_rows(people_export(fmt="csv", filters={}, actor=curator).content)
    assert next(r for r in csv_rows if "Анна" in r)[:2] == ["'=ГИПЕРССЫЛКА(х)", "Анна"]
    assert next(r for r in csv_rows if "Пётр" in r)[:2] == ["Ёлкин", "Пётр"]


def test_people_export_follows_the_lists_filters(curator) -> None:
    _school_people()
    export = people_export(fmt="csv", filters={"kind": PersonKind.PUPIL}, actor=curator)
    assert [row[0] for row in _csv_rows(export.content)[1:]] == ["Ёлкин"]
    export = people_export(fmt="csv", filters={"q": "семенова"}, actor=curator)
    assert [row[0] for row in _csv_rows(export.content)[1:]] == ["Семёнова"]


def test_anonymised_people_are_not_exported(curator) -> None:
    PersonFactory(surname="Обезличено", anonymised_at=timezone.now())
    rows = _csv_rows(people_export(fmt="csv", filters={}, actor=curator).content)
    assert "Обезличено" not in [row[0] for row in rows]


def test_every_export_writes_who_exported_how_many_rows_in_which_format(curator) -> None:
    _school_people()
    MenteeProfileFactory()
    MentorProfileFactory.create_batch(2)
    people_export(fmt="xlsx", filters={"kind": "staff", "q": ""}, actor=curator)
    mentees_export(fmt="csv", actor=curator)
    mentors_export(fmt="xlsx", actor=curator)

    entries = {e.action: e for e in AuditEntry.objects.filter(action__endswith=".export")}
    staff = Person.objects.filter(kind=PersonKind.STAFF).count()
    assert entries["people.export"].data == {
        "format": "xlsx",
        "rows": staff,
        "filters": {"kind": "staff"},
    }
    assert entries["mentees.export"].data == {"format": "csv", "rows": 1}
    assert entries["mentors.export"].data == {"format": "xlsx", "rows": 2}
    assert {e.actor for e in entries.values()} == {curator}


def test_mentee_export_lists_requests_with_their_weights(curator) -> None:
    profile = MenteeProfileFactory(
        person=PersonFactory(
            surname="Ёлкина",
            name="Полина",
            patronymic="Владимировна",
            department="МО начальных классов",
        ),
        request_text="Хочу научиться вести родительские собрания",
    )
    parents = TopicFactory(title="Работа с родителями", order=1)
    lessons = TopicFactory(title="Проектирование урока", order=2)
    MenteeRequest.objects.create(profile=profile, topic=lessons, weight=RequestWeight.MINOR)
    MenteeRequest.objects.create(profile=profile, topic=parents, weight=RequestWeight.ACUTE)

    rows = _csv_rows(mentees_export(fmt="csv", actor=curator).content)

    assert rows == [
        ["ФИО", "Категория", "Статус", "Запросы", "Запрос своими словами", "МО/класс"],
        [
            "Ёлкина Полина Владимировна",
            "молодой специалист",
            "ожидает пару",
            "Работа с родителями (острая потребность); Проектирование урока (небольшая потребность)",
            "Хочу научиться вести родительские собрания",
            "МО начальных классов",
        ],
    ]


def test_mentor_export_lists_topics_forms_and_capacity(curator) -> None:
    SchoolFactory(max_mentees_per_mentor=3)
    own = MentorProfileFactory(
        person=PersonFactory(
            surname="Романова", name="Елена", patronymic="Васильевна", department="МО математики"
        ),
        status=MentorStatus.ACTIVE,
        capacity=2,
    )
    own.topics.add(TopicFactory(title="Работа с родителями"))
    own.forms.add(MentoringFormFactory(title="Педагог — педагог"))
    MentorProfileFactory(person=PersonFactory(surname="Гасанов", name="Магомед", department=""))

    export = mentors_export(fmt="xlsx", actor=curator)

    assert export.filename.startswith("nastavniki-")
    assert xlsx_rows(export.content) == [
        ["ФИО", "Статус", "Может вести", "Чем может помочь", "Формы наставничества", "МО"],
        ["Гасанов Магомед Сергеевна", "кандидат", 3, None, None, None],
        [
            "Романова Елена Васильевна",
            "действующий наставник",
            2,
            "Работа с родителями",
            "Педагог — педагог",
            "МО математики",
        ],
    ]


def _people(count: int) -> None:
    for n in range(count):
        PersonFactory(surname=f"Учителева{letters(n)}")


def _mentees(count: int) -> None:
    topics = TopicFactory.create_batch(3)
    for n in range(count):
        profile = MenteeProfileFactory(person=PersonFactory(surname=f"Учителева{letters(n)}"))
        for topic in topics[: 1 + n % 3]:
            MenteeRequest.objects.create(profile=profile, topic=topic)


def _mentors(count: int) -> None:
    topics, forms = TopicFactory.create_batch(2), MentoringFormFactory.create_batch(2)
    for n in range(count):
        profile = MentorProfileFactory(person=PersonFactory(surname=f"Учителева{letters(n)}"))
        profile.topics.set(topics[: 1 + n % 2])
        profile.forms.set(forms[: 1 + n % 2])


@pytest.mark.parametrize("size", [10, 300])
def test_export_query_count_does_not_grow_with_the_number_of_people(
    size: int, curator, django_assert_num_queries
) -> None:
    SchoolFactory()
    _people(size)
    _mentees(size)
    _mentors(size)
    # Each service runs in a savepoint (2 queries) and writes one audit row (1), around:
    # people — the school profile (1) and the people list with its consent flags (1);
    with django_assert_num_queries(5):
        people_export(fmt="xlsx", filters={"kind": "staff"}, actor=curator)
    # mentees — the profiles with their people (1) and the requests with topics (1);
    with django_assert_num_queries(5):
        mentees_export(fmt="xlsx", actor=curator)
    # mentors — the school's default capacity (1), the profiles (1), topics (1), forms (1).
    with django_assert_num_queries(7):
        mentors_export(fmt="csv", actor=curator)
