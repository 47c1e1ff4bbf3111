import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from mentorship import services
from mentorship.common import AuditEntry
from mentorship.models import ProgrammeYear
from tests.factories import ProgrammeYearFactory


def test_the_first_year_becomes_current_by_itself(db, curator) -> None:
    year = services.programme_year_create(
        title="2026/2027",
        start_date=datetime.date(2026, 9, 1),
        end_date=datetime.date(2027, 8, 31),
        actor=curator,
    )
    assert year.is_current
    assert AuditEntry.objects.filter(action="year.create").count() == 1


def test_only_one_year_is_current(db, curator) -> None:
    old = ProgrammeYearFactory(title="2025/2026", is_current=True)
    new = ProgrammeYearFactory(title="2026/2027")
    services.programme_year_set_current(year=new, actor=curator)
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.is_current, new.is_current) == (False, True)
    assert ProgrammeYear.objects.current() == new


def test_the_database_refuses_two_current_years(db) -> None:
    ProgrammeYearFactory(title="2025/2026", is_current=True)
    with pytest.raises(IntegrityError):
        ProgrammeYearFactory(title="2026/2027", is_current=True)


@pytest.mark.parametrize("title", ["2026", "2026/2028", "двадцать шестой", "2027/2026"])
def test_a_malformed_year_title_is_refused(db, curator, title) -> None:
    with pytest.raises(ValidationError) as error:
        services.programme_year_create(
            title=title,
            start_date=datetime.date(2026, 9, 1),
            end_date=datetime.date(2027, 8, 31),
            actor=curator,
        )
    assert "2025/2026" in str(error.value)


def test_a_year_cannot_end_before_it_starts(db, curator) -> None:
    with pytest.raises(ValidationError, match="заканчиваться позже"):
        services.programme_year_create(
            title="2026/2027",
            start_date=datetime.date(2027, 9, 1),
            end_date=datetime.date(2026, 8, 31),
            actor=curator,
        )


def test_curator_adds_a_year_from_the_settings_page(curator_client, school) -> None:
    form = curator_client.get(reverse("mentorship:year-create"))
    assert form.status_code == 200
    response = curator_client.post(
        reverse("mentorship:year-create"),
        {
            "title": "2026 - 2027",
            "start_date": "2026-09-01",
            "end_date": "2027-08-31",
            "make_current": "on",
        },
        follow=True,
    )
    assert "Учебный год 2026/2027 добавлен." in response.content.decode()
    assert ProgrammeYear.objects.get(title="2026/2027").is_current


def test_a_duplicate_year_is_refused_with_a_message(curator_client, school) -> None:
    ProgrammeYearFactory(title="2026/2027")
    response = curator_client.post(
        reverse("mentorship:year-create"),
        {"title": "2026/2027", "start_date": "2026-09-01", "end_date": "2027-08-31"},
    )
    assert response.status_code == 200
    assert "уже существует" in response.content.decode()


def test_director_switches_the_current_year(director_client, school) -> None:
    ProgrammeYearFactory(title="2025/2026", is_current=True)
    new = ProgrammeYearFactory(title="2026/2027")
    response = director_client.post(reverse("mentorship:year-set-current", args=[new.pk]))
    assert response.status_code == 302
    new.refresh_from_db()
    assert new.is_current


def test_curator_edits_a_year(curator_client, school) -> None:
    year = ProgrammeYearFactory(title="2026/2027")
    response = curator_client.post(
        reverse("mentorship:year-update", args=[year.pk]),
        {"title": "2026/2027", "start_date": "2026-08-25", "end_date": "2027-06-30"},
    )
    assert response.status_code == 302
    year.refresh_from_db()
    assert year.end_date == datetime.date(2027, 6, 30)


@pytest.mark.parametrize("persona", ["mentor", "teacher", "anonymous"])
def test_others_cannot_switch_the_current_year(persona_client, school, persona) -> None:
    year = ProgrammeYearFactory(title="2026/2027")
    response = persona_client(persona).post(reverse("mentorship:year-set-current", args=[year.pk]))
    assert response.status_code in {302, 403}
    year.refresh_from_db()
    assert not year.is_current


def test_an_unknown_year_is_a_404(curator_client, school) -> None:
    assert (
        curator_client.post(reverse("mentorship:year-set-current", args=[999])).status_code == 404
    )
