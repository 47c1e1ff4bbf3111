import pytest
from django.urls import reverse

from mentorship.common import AuditEntry
from mentorship.models import School


def _form_data(school: School, **changes) -> dict:
    data = {
        "full_name": school.full_name,
        "short_name": school.short_name,
        "director_name": school.director_name,
        "director_position": "Директор",
        "locality": school.locality,
        "address": "",
        "phone": "",
        "email": "",
        "website": "",
        "inn": "",
        "kpp": "",
        "ogrn": "",
        "founder": "",
        "max_mentees_per_mentor": 3,
        "meeting_interval_days": 14,
        "programme_min_months": 3,
        "programme_max_months": 12,
        "young_specialist_max_age": 35,
        "young_specialist_max_experience": 3,
        "gost_edition": "2025",
    }
    data.update(changes)
    return data


def test_curator_saves_the_school_profile_and_the_change_is_audited(
    curator_client, curator, school
) -> None:
    response = curator_client.post(
        reverse("mentorship:settings"),
        _form_data(school, short_name="Лицей № 1", max_mentees_per_mentor=2),
        follow=True,
    )
    assert "Профиль школы сохранён." in response.content.decode()
    school.refresh_from_db()
    assert (school.short_name, school.max_mentees_per_mentor) == ("Лицей № 1", 2)
    entry = AuditEntry.objects.get(action="school.update")
    assert entry.actor == curator
    assert entry.data["fields"] == ["max_mentees_per_mentor", "short_name"]
    assert school.history.count() >= 2


def test_director_may_edit_the_school_profile_too(director_client, school) -> None:
    response = director_client.post(
        reverse("mentorship:settings"), _form_data(school, locality="г. Вятка")
    )
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.locality == "г. Вятка"


def test_inverted_programme_length_is_refused_in_russian(curator_client, school) -> None:
    response = curator_client.post(
        reverse("mentorship:settings"),
        _form_data(school, programme_min_months=12, programme_max_months=3),
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Максимальный срок не может быть меньше минимального." in content
    assert "Профиль не сохранён" in content
    school.refresh_from_db()
    assert school.programme_max_months == 12


def test_empty_required_name_names_the_field(curator_client, school) -> None:
    response = curator_client.post(reverse("mentorship:settings"), _form_data(school, full_name=""))
    assert "Обязательное поле." in response.content.decode()
    assert not AuditEntry.objects.filter(action="school.update").exists()


@pytest.mark.parametrize("persona", ["mentor", "teacher"])
def test_mentors_and_teachers_cannot_change_the_school(persona_client, school, persona) -> None:
    response = persona_client(persona).post(
        reverse("mentorship:settings"), _form_data(school, short_name="Взлом")
    )
    assert response.status_code == 403
    school.refresh_from_db()
    assert school.short_name != "Взлом"


def test_the_school_profile_is_a_single_row(db) -> None:
    from django.db import IntegrityError

    School.objects.create(pk=1, full_name="А", short_name="А")
    with pytest.raises(IntegrityError):
        School.objects.create(pk=2, full_name="Б", short_name="Б")


def test_settings_page_runs_a_fixed_number_of_queries(
    curator_client, school, django_assert_max_num_queries
) -> None:
    from tests.factories import ProgrammeYearFactory

    ProgrammeYearFactory.create_batch(5)
    # session, user, groups, header school, school, perms (2), years
    with django_assert_max_num_queries(9):
        assert curator_client.get(reverse("mentorship:settings")).status_code == 200
