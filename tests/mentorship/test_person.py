import datetime

import pytest
import time_machine

from mentorship.models import Person, PersonKind
from mentorship.text import normalise
from tests.factories import PersonFactory


def test_normalise_folds_case_and_yo() -> None:
    assert normalise("  Ёлкина   Алёна ") == "елкина алена"


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["ёлкина", "ЕЛКИНА", "елкина ал", "Алёна Ёлкина"])
def test_name_search_ignores_case_and_yo(query) -> None:
    PersonFactory(surname="Ёлкина", name="Алёна", patronymic="Петровна")
    PersonFactory(surname="Иванов", name="Пётр", patronymic="Ильич")
    assert [p.surname for p in Person.objects.search(query)] == ["Ёлкина"]


@pytest.mark.django_db
def test_search_key_follows_a_renamed_person() -> None:
    person = PersonFactory(surname="Иванова")
    person.surname = "Семёнова"
    person.save(update_fields=["surname"])
    assert Person.objects.search("семенова").get() == person


@time_machine.travel(datetime.datetime(2026, 11, 25, 12, tzinfo=datetime.UTC))
def test_young_specialist_is_under_35_with_at_most_3_years() -> None:
    young = Person(
        kind=PersonKind.STAFF, birth_date=datetime.date(1998, 1, 1), teaching_experience_years=2
    )
    older = Person(
        kind=PersonKind.STAFF, birth_date=datetime.date(1990, 1, 1), teaching_experience_years=1
    )
    experienced = Person(
        kind=PersonKind.STAFF, birth_date=datetime.date(1998, 1, 1), teaching_experience_years=4
    )
    assert young.is_young_specialist()
    assert not older.is_young_specialist()
    assert not experienced.is_young_specialist()
    assert experienced.is_young_specialist(max_experience=5)


@time_machine.travel(datetime.datetime(2026, 11, 25, 12, tzinfo=datetime.UTC))
def test_minor_is_under_18_on_today() -> None:
    assert Person(birth_date=datetime.date(2008, 11, 26)).is_minor
    assert not Person(birth_date=datetime.date(2008, 11, 25)).is_minor
    assert not Person(birth_date=None).is_minor


def test_full_and_short_names() -> None:
    person = Person(surname="Алиева", name="Патимат", patronymic="Гасановна")
    assert person.full_name == "Алиева Патимат Гасановна"
    assert person.short_name == "Алиева П. Г."
    assert Person(surname="Ким", name="Анна").short_name == "Ким А."
