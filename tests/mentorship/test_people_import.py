"""people_import: matching, statuses, reasons, skipping errors, atomicity and the audit row."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from simple_history.utils import bulk_create_with_history

from mentorship.common import AuditEntry
from mentorship.importing import ImportFileError, ImportRowsError, RowStatus
from mentorship.models import Person, PersonKind
from mentorship.resources import PersonResource
from mentorship.services.transfer import people_import
from tests.factories import PersonFactory
from tests.mentorship.spreadsheets import csv_bytes, letters, staff_rows, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ["ФИО", "Дата рождения", "Должность", "E-mail", "Стаж"]


def _import(
    rows: list[list],
    *,
    kind: str = "staff",
    dry_run: bool = False,
    skip_errors: bool = False,
    actor=None,
):
    return people_import(
        data=xlsx_bytes(rows),
        filename="list.xlsx",
        kind=kind,
        actor=actor,
        dry_run=dry_run,
        skip_errors=skip_errors,
    )


def _statuses(preview) -> list[tuple[int, RowStatus]]:
    return [(row.number, row.status) for row in preview.rows]


def test_new_people_are_created_with_their_search_key_and_history(curator) -> None:
    preview = _import(
        [
            HEADER,
            ["Семёнова Ольга Ивановна", "17.05.1985", "Учитель", "semenova@example.ru", "5 лет"],
            ["Алиева Лейла Гасан кызы", 31234, "Педагог-психолог", "", 2],
        ],
        actor=curator,
    )

    assert _statuses(preview) == [(2, RowStatus.NEW), (3, RowStatus.NEW)]
    semenova = Person.objects.get(email="semenova@example.ru")
    assert (semenova.surname, semenova.name, semenova.patronymic) == (
        "Семёнова",
        "Ольга",
        "Ивановна",
    )
    assert semenova.search_key == "семенова ольга ивановна"
    assert semenova.birth_date == datetime.date(1985, 5, 17)
    assert semenova.teaching_experience_years == 5
    assert semenova.kind == PersonKind.STAFF
    assert semenova.history.get().history_user == curator
    aliyeva = Person.objects.get(surname="Алиева")
    assert aliyeva.patronymic == "Гасан кызы"
    assert aliyeva.birth_date == datetime.date(1985, 7, 6)


def test_pupils_are_imported_as_pupils_with_their_class(curator) -> None:
    _import([["Фамилия", "Имя", "Класс"], ["Ёлкин", "Пётр", "7Б"]], kind="pupils")
    pupil = Person.objects.get(surname="Ёлкин")
    assert (pupil.kind, pupil.department) == (PersonKind.PUPIL, "7Б")


def test_a_person_with_the_same_email_is_updated_not_duplicated_and_changes_are_listed() -> None:
    existing = PersonFactory(
        surname="Иванова",
        name="Мария",
        patronymic="Петровна",
        email="Ivanova@Example.ru",
        position="Учитель",
    )

    preview = _import([HEADER, ["Петрова Мария Петровна", "", "Завуч", "ivanova@example.ru", ""]])

    [row] = preview.rows
    assert row.status is RowStatus.UPDATE
    assert row.person == existing
    assert [str(change) for change in row.changes] == [
        "Фамилия: «Иванова» → «Петрова»",
        "Должность: «Учитель» → «Завуч»",
        "E-mail: «Ivanova@Example.ru» → «ivanova@example.ru»",
    ]
    assert Person.objects.count() == 1
    existing.refresh_from_db()
    assert (existing.surname, existing.position) == ("Петрова", "Завуч")
    assert existing.search_key == "петрова мария петровна"
    assert [h.history_type for h in existing.history.order_by("history_id")] == ["+", "~"]
    assert existing.birth_date == datetime.date(1985, 5, 17)  # the empty cell kept it


def test_a_person_with_the_same_full_name_and_birth_date_is_matched() -> None:
    existing = PersonFactory(
        surname="Семёнова",
        name="Ольга",
        patronymic="Ивановна",
        birth_date=datetime.date(1985, 5, 17),
        email="",
    )

    preview = _import([HEADER, ["СЕМЕНОВА Ольга Ивановна", "17.05.1985", "", "new@example.ru", ""]])

    [row] = preview.rows
    assert (row.status, row.person) == (RowStatus.UPDATE, existing)
    assert Person.objects.count() == 1
    existing.refresh_from_db()
    assert existing.email == "new@example.ru"
    assert existing.surname == "СЕМЕНОВА"  # the file's spelling is what the curator loaded


def test_the_same_name_with_another_birth_date_is_a_different_person() -> None:
    PersonFactory(
        surname="Иванова",
        name="Мария",
        patronymic="Петровна",
        birth_date=datetime.date(1985, 5, 17),
    )
    preview = _import([HEADER, ["Иванова Мария Петровна", "01.01.1990", "", "", ""]])
    assert _statuses(preview) == [(2, RowStatus.NEW)]
    assert Person.objects.filter(surname="Иванова").count() == 2


def test_a_later_list_with_birth_dates_completes_the_cards_of_an_earlier_one() -> None:
    existing = PersonFactory(
        surname="Алиева", name="Лейла", patronymic="Гасан кызы", birth_date=None, email=""
    )
    preview = _import([HEADER, ["Алиева Лейла Гасан кызы", "12.03.1990", "", "", ""]])
    [row] = preview.rows
    assert (row.status, row.person) == (RowStatus.UPDATE, existing)
    assert [str(c) for c in row.changes] == ["Дата рождения: «—» → «12.03.1990»"]


def test_a_namesake_with_another_email_is_a_different_person() -> None:
    PersonFactory(
        surname="Иванова",
        name="Мария",
        patronymic="Петровна",
        birth_date=None,
        email="first@example.ru",
    )
    preview = _import(
        [HEADER, ["Иванова Мария Петровна", "", "", "second@example.ru", ""]], dry_run=True
    )
    assert _statuses(preview) == [(2, RowStatus.NEW)]


def test_namesakes_are_not_guessed_between_without_a_birth_date_or_email() -> None:
    PersonFactory(
        surname="Иванова",
        name="Мария",
        patronymic="Петровна",
        birth_date=datetime.date(1985, 5, 17),
    )
    PersonFactory(
        surname="Иванова", name="Мария", patronymic="Петровна", birth_date=datetime.date(2012, 1, 9)
    )
    preview = _import([HEADER, ["Иванова Мария Петровна", "", "Учитель", "", ""]], dry_run=True)
    assert preview.rows[0].reason.startswith("В базе несколько карточек с такими ФИО")
    assert preview.rows[0].reason.endswith("добавьте в строку дату рождения или e-mail")


def test_rows_that_change_nothing_are_reported_unchanged_and_not_saved() -> None:
    existing = PersonFactory(
        surname="Иванова",
        name="Мария",
        patronymic="Петровна",
        email="ivanova@example.ru",
        position="Учитель",
        teaching_experience_years=12,
    )
    preview = _import(
        [HEADER, ["Иванова Мария Петровна", "17.05.1985", "Учитель", "ivanova@example.ru", "12"]]
    )
    assert _statuses(preview) == [(2, RowStatus.SKIP)]
    assert existing.history.count() == 1  # only the factory's creation


def test_error_rows_carry_their_number_and_a_reason_in_russian() -> None:
    preview = _import(
        [
            ["Список сотрудников"],
            HEADER,
            ["Иванова Мария Петровна", "31.02.1990", "", "", ""],
            ["Петров", "", "", "", ""],
            ["Сидорова Анна", "", "", "not-an-email", ""],
            ["Козлов А.С.", "", "", "", ""],
            ["Орлова Вера", "17.05.85", "", "", "много"],
            ["", "01.01.1990", "Учитель", "", ""],
            ["Итого: 6 человек", "", "", "", ""],
            ["Будущая Ирина", "01.01.2099", "", "", ""],
        ],
        dry_run=True,
    )

    reasons = {row.number: row.reason for row in preview.rows}
    assert all(row.status is RowStatus.ERROR for row in preview.rows)
    assert reasons == {
        3: "Дата рождения: такой даты нет: «31.02.1990»",
        4: "Не указано имя: «Петров» — нужны хотя бы фамилия и имя",
        5: "E-mail: Введите правильный адрес электронной почты.",
        6: "Имя указано инициалами («А.С.»): нужно полное имя",
        7: "Дата рождения: в дате «17.05.85» год из двух цифр — непонятно, какой век; "
        "укажите год полностью: ДД.ММ.ГГГГ; Стаж: стаж «много»: нужно число лет, например 5",
        8: "Не указаны фамилия и имя",
        9: "В ФИО есть цифры: «Итого: 6 человек»",
        10: "Дата рождения: дата рождения в будущем",
    }


def test_nothing_is_written_while_rows_have_errors() -> None:
    rows = [HEADER, ["Новикова Анна Сергеевна", "", "", "", ""], ["Петров", "", "", "", ""]]

    with pytest.raises(ImportRowsError) as error:
        _import(rows)

    assert "строки с ошибками (1)" in str(error.value)
    assert _statuses(error.value.preview) == [(2, RowStatus.NEW), (3, RowStatus.ERROR)]
    assert error.value.preview.rows[0].person is None  # rolled back: no card to point at
    assert not Person.objects.exists()
    assert not AuditEntry.objects.filter(action="people.import").exists()


def test_skipping_errors_imports_only_the_good_rows_and_audits_the_counts(curator) -> None:
    PersonFactory(
        surname="Иванова",
        name="Мария",
        patronymic="Петровна",
        email="iv@example.ru",
        position="Учитель",
    )
    preview = _import(
        [
            HEADER,
            ["Новикова Анна Сергеевна", "", "", "", ""],
            ["Петров", "", "", "", ""],
            ["Иванова Мария Петровна", "", "Завуч", "iv@example.ru", ""],
            ["Иванова Мария Петровна", "", "Учитель", "iv@example.ru", ""],
        ],
        skip_errors=True,
        actor=curator,
    )

    assert _statuses(preview) == [
        (2, RowStatus.NEW),
        (3, RowStatus.ERROR),
        (4, RowStatus.UPDATE),
        (5, RowStatus.ERROR),
    ]
    assert preview.rows[3].reason == "Повтор: этот e-mail уже есть в строке 4"
    assert set(Person.objects.exclude(user=curator).values_list("surname", "position")) == {
        ("Новикова", ""),
        ("Иванова", "Завуч"),
    }
    assert preview.summary() == (
        "Импортировано: новых 1, обновлено 1, без изменений 0, пропущено с ошибками 2"
    )
    entry = AuditEntry.objects.get(action="people.import")
    assert entry.actor == curator
    assert entry.data == {
        "kind": "staff",
        "rows": 4,
        "new": 1,
        "updated": 1,
        "unchanged": 0,
        "skipped_errors": 2,
        "file": "list.xlsx",
    }


def test_the_same_person_twice_in_a_file_is_an_error_on_the_second_row() -> None:
    preview = _import(
        [
            HEADER,
            ["Иванова Мария Петровна", "17.05.1985", "", "", ""],
            ["ИВАНОВА Мария Петровна", "17.05.1985", "", "", ""],
        ],
        dry_run=True,
    )
    assert preview.rows[1].reason == (
        "Повтор: человек с такими ФИО и датой рождения уже есть в строке 2"
    )


def test_two_existing_cards_with_one_email_are_not_guessed_between() -> None:
    PersonFactory.create_batch(2, email="shared@example.ru")
    preview = _import(
        [HEADER, ["Иванова Мария Петровна", "", "", "shared@example.ru", ""]], dry_run=True
    )
    assert preview.rows[0].reason.startswith("В базе несколько карточек с этим e-mail")


def test_anonymised_people_are_never_matched() -> None:
    PersonFactory(
        email="gone@example.ru", anonymised_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    preview = _import(
        [HEADER, ["Иванова Мария Петровна", "", "", "gone@example.ru", ""]], dry_run=True
    )
    assert _statuses(preview) == [(2, RowStatus.NEW)]


def test_a_dry_run_writes_nothing() -> None:
    existing = PersonFactory(email="iv@example.ru", position="Учитель")
    preview = _import(
        [
            HEADER,
            ["Новикова Анна Сергеевна", "", "", "", ""],
            ["Иванова Мария Петровна", "", "Завуч", "iv@example.ru", ""],
        ],
        dry_run=True,
    )

    assert _statuses(preview) == [(2, RowStatus.NEW), (3, RowStatus.UPDATE)]
    assert Person.objects.count() == 1
    existing.refresh_from_db()
    assert existing.position == "Учитель"
    assert Person.history.count() == 1
    assert not AuditEntry.objects.exists()


def test_the_import_is_atomic_when_a_batch_fails_after_another_was_written(monkeypatch) -> None:
    batches = []

    def second_batch_fails(objs, model, **kwargs):
        batches.append(len(objs))
        if len(batches) == 2:
            raise IntegrityError("database says no")
        return bulk_create_with_history(objs, model, **kwargs)

    monkeypatch.setattr(PersonResource._meta, "batch_size", 2)
    monkeypatch.setattr("mentorship.resources.bulk_create_with_history", second_batch_fails)
    rows = [HEADER] + [[f"Сотрудникова{letters(n)} Анна", "", "", "", ""] for n in range(4)]

    with pytest.raises(ImportFileError, match=r"ошибки базы данных \(database says no\)"):
        _import(rows, skip_errors=True)

    assert batches == [2, 2]
    assert not Person.objects.exists()
    assert not Person.history.exists()
    assert not AuditEntry.objects.exists()


def test_a_broken_file_raises_one_message_and_writes_nothing() -> None:
    with pytest.raises(ImportFileError, match="Файл не похож на таблицу"):
        people_import(
            data=b"PK\x03\x04broken", filename="list.xlsx", kind="staff", actor=None, dry_run=False
        )
    assert not Person.objects.exists()
    assert not AuditEntry.objects.exists()


def test_csv_in_cp1251_imports_like_xlsx() -> None:
    data = csv_bytes(
        [["ФИО", "Дата рождения"], ["Семёнова Ольга Ивановна", "17.05.1985"]], encoding="cp1251"
    )
    people_import(data=data, filename="list.csv", kind="staff", actor=None, dry_run=False)
    assert Person.objects.get().full_name == "Семёнова Ольга Ивановна"


@pytest.mark.parametrize("size", [10, 100])
def test_matching_reads_the_people_once_whatever_the_files_size(size: int) -> None:
    PersonFactory.create_batch(5)
    data = xlsx_bytes(staff_rows(size))
    with CaptureQueriesContext(connection) as queries:
        preview = people_import(
            data=data, filename="list.xlsx", kind="staff", actor=None, dry_run=True
        )
    assert preview.counts[RowStatus.NEW] == size
    # The index of existing people is the only read; the rest are django-import-export's
    # savepoints, one pair per row, which write nothing.
    selects = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert len(selects) == 1


def test_a_file_of_5000_rows_is_imported() -> None:
    data = xlsx_bytes(staff_rows(5000))

    preview = people_import(data=data, filename="big.xlsx", kind="staff", actor=None, dry_run=False)

    assert preview.counts[RowStatus.NEW] == 5000
    assert Person.objects.count() == 5000
    assert Person.history.count() == 5000
    last = Person.objects.get(email="teacher4999@school.example")
    assert (last.teaching_experience_years, last.birth_date) == (19, datetime.date(1999, 8, 16))
    # Its speed is measured by tests/bench/bench_import.py, never by a timed test.

    again = people_import(data=data, filename="big.xlsx", kind="staff", actor=None, dry_run=True)
    assert again.counts[RowStatus.SKIP] == 5000
