import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentorship.models import AuditEntry, Consent, ConsentKind, Person, PersonKind
from tests.factories import (
    ConsentFactory,
    MenteeProfileFactory,
    MentorProfileFactory,
    PersonFactory,
)

PERSON_DATA = {
    "surname": "  Семёнова ",
    "name": "Анна",
    "patronymic": "Ильинична",
    "kind": "staff",
    "position": "Учитель",
    "subjects": "математика",
    "department": "МО математики",
    "birth_date": "1999-04-02",
    "hire_date": "2024-09-01",
    "teaching_experience_years": "2",
    "email": "Semenova@School.ru",
    "phone": "",
    "notes": "",
}


def test_curator_adds_a_person_and_the_change_is_recorded(curator_client, curator, school):
    response = curator_client.post(reverse("mentorship:person-create"), PERSON_DATA, follow=True)
    person = Person.objects.get(surname="Семёнова")
    assert response.redirect_chain[-1][0] == person.get_absolute_url()
    assert person.email == "semenova@school.ru"
    content = response.content.decode()
    assert "Карточка «Семёнова Анна Ильинична» создана." in content
    assert "молодой специалист" in content
    assert AuditEntry.objects.filter(action="person.create", actor=curator).exists()
    assert person.history.get().history_user == curator


def test_person_form_names_the_missing_field_in_russian(curator_client, school):
    response = curator_client.post(
        reverse("mentorship:person-create"), {**PERSON_DATA, "surname": "", "email": "не-почта"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Обязательное поле." in content
    assert "Введите правильный адрес электронной почты." in content
    assert not Person.objects.filter(name="Анна", patronymic="Ильинична").exists()


def test_editing_a_person_shows_what_changed_in_the_history(curator_client, school):
    person = PersonFactory(surname="Иванова", position="Учитель")
    curator_client.post(
        reverse("mentorship:person-update", args=[person.pk]),
        {**PERSON_DATA, "surname": "Петрова", "position": "Методист"},
    )
    page = curator_client.get(person.get_absolute_url()).content.decode()
    assert "фамилия: «Иванова» → «Петрова»" in page
    assert "Бондаренко" in page  # who changed it


@pytest.mark.parametrize("query", ["ёлкина", "ЕЛКИНА", "Елкина Полина"])
def test_people_list_search_ignores_case_and_yo(curator_client, school, query):
    PersonFactory(surname="Ёлкина", name="Полина")
    PersonFactory(surname="Иванов", name="Пётр")
    page = curator_client.get(reverse("mentorship:person-list"), {"q": query}).content.decode()
    assert "Ёлкина Полина" in page
    assert "Иванов Пётр" not in page


def test_people_list_filters_young_specialists_and_consent(curator_client, school, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 25, tzinfo=datetime.UTC))
    young = PersonFactory(
        surname="Молодая", birth_date=datetime.date(2000, 1, 1), teaching_experience_years=1
    )
    PersonFactory(surname="Опытная", birth_date=datetime.date(1970, 1, 1))
    ConsentFactory(person=young)
    url = reverse("mentorship:person-list")
    page = curator_client.get(url, {"young": "on"}).content.decode()
    assert "Молодая" in page and "Опытная" not in page
    page = curator_client.get(url, {"consent": "no"}).content.decode()
    assert "Молодая" not in page and "Опытная" in page


def _people(n: int) -> None:
    for person in PersonFactory.create_batch(n):
        ConsentFactory(person=person)
        MenteeProfileFactory(person=person)


@pytest.mark.parametrize("size", [10, 300])
def test_people_list_runs_the_same_queries_for_10_and_300_people(
    curator_client, school, size, django_assert_num_queries
):
    _people(size)
    # session, user, groups (roles), header school, page school, count, page rows,
    # departments, 2 × permission lookups (user + group perms are cached after the first)
    with django_assert_num_queries(10):
        assert curator_client.get(reverse("mentorship:person-list")).status_code == 200


@pytest.mark.parametrize("size", [10, 300])
def test_person_card_runs_the_same_queries_whatever_the_school_size(
    curator_client, school, size, django_assert_num_queries
):
    _people(size)
    person = Person.objects.filter(mentee_profile__isnull=False).first()
    for index in range(5):
        person.position = f"Должность {index}"
        person.save()
    # session, user, groups, header school, person, consents, mentee (+ requests, statuses),
    # mentor, history of person, consents and mentee, page school, perms (2), gate consents
    with django_assert_num_queries(17):
        assert curator_client.get(person.get_absolute_url()).status_code == 200


def test_a_mentor_cannot_open_someone_elses_card(client, mentor, teacher, school):
    client.force_login(mentor)
    assert client.get(teacher.person.get_absolute_url()).status_code == 404
    assert client.get(reverse("mentorship:person-me")).url == mentor.person.get_absolute_url()


def test_a_teacher_sees_his_card_without_the_history(client, teacher, school):
    client.force_login(teacher)
    page = client.get(teacher.person.get_absolute_url()).content.decode()
    assert teacher.person.full_name in page
    assert "История изменений" not in page
    assert "Изменить" not in page


def test_curator_records_a_consent_with_a_scan(curator_client, school):
    person = PersonFactory()
    scan = SimpleUploadedFile("скан.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    response = curator_client.post(
        reverse("mentorship:consent-create", args=[person.pk]),
        {
            "kind": "personal_data",
            "signer": "self",
            "valid_from": "2026-09-01",
            "data_categories": ["name", "work"],
            "scan": scan,
        },
        follow=True,
    )
    assert "Согласие добавлено." in response.content.decode()
    consent = Consent.objects.get(person=person)
    download = curator_client.get(reverse("mentorship:consent-scan", args=[consent.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 scan"


def test_a_bad_scan_is_refused_with_a_reason(curator_client, school):
    person = PersonFactory()
    scan = SimpleUploadedFile("скан.pdf", b"<html>not a scan</html>", "application/pdf")
    response = curator_client.post(
        reverse("mentorship:consent-create", args=[person.pk]),
        {
            "kind": "personal_data",
            "signer": "self",
            "valid_from": "2026-09-01",
            "scan": scan,
        },
    )
    assert "не похож на PDF, JPEG или PNG" in response.content.decode()
    assert not Consent.objects.exists()


def test_a_representative_consent_without_a_name_is_explained(curator_client, school):
    pupil = PersonFactory(kind=PersonKind.PUPIL, birth_date=datetime.date(2014, 1, 1))
    response = curator_client.post(
        reverse("mentorship:consent-create", args=[pupil.pk]),
        {
            "kind": "representative",
            "signer": "representative",
            "valid_from": "2026-09-01",
        },
    )
    content = response.content.decode()
    assert "Укажите ФИО законного представителя." in content
    assert not Consent.objects.exists()


def test_withdrawal_asks_first_then_records(curator_client, school):
    consent = ConsentFactory(kind=ConsentKind.PERSONAL_DATA)
    url = reverse("mentorship:consent-withdraw", args=[consent.pk])
    page = curator_client.get(url).content.decode()
    assert "Через 30 дней его данные будут обезличены" in page
    consent.refresh_from_db()
    assert consent.withdrawn_on is None
    curator_client.post(url, {"on": "2026-11-20", "note": "заявление"})
    consent.refresh_from_db()
    assert consent.withdrawn_on == datetime.date(2026, 11, 20)


def test_a_scan_of_another_person_is_hidden(client, other_mentor, teacher, school):
    consent = ConsentFactory(person=teacher.person)
    consent.scan.save("a.pdf", SimpleUploadedFile("a.pdf", b"%PDF-1.4"), save=True)
    client.force_login(other_mentor)
    assert client.get(reverse("mentorship:consent-scan", args=[consent.pk])).status_code == 404
    client.force_login(teacher)
    response = client.get(reverse("mentorship:consent-scan", args=[consent.pk]))
    assert response.status_code == 200
    b"".join(response.streaming_content)  # read to the end: the file is closed


def test_the_card_shows_bank_entries_and_consent_warnings(curator_client, school):
    person = PersonFactory()
    page = curator_client.get(person.get_absolute_url()).content.decode()
    assert "Нет действующего согласия на обработку персональных данных." in page
    assert "Внести в базу можно после того, как будет записано согласие." in page
    ConsentFactory(person=person)
    MentorProfileFactory(person=person)
    page = curator_client.get(person.get_absolute_url()).content.decode()
    assert "351.8" in page  # the mentor still lacks the written agreement
    assert reverse("mentorship:mentee-create", args=[person.pk]) in page
