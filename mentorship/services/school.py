"""Changes of state in the core app. Every write goes through one of these."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from mentorship.common import audit, model_update
from mentorship.exceptions import ProgrammeYearError
from mentorship.models import ProgrammeYear, School, User

SCHOOL_FIELDS = [
    "full_name",
    "short_name",
    "director_name",
    "director_position",
    "locality",
    "address",
    "phone",
    "email",
    "website",
    "inn",
    "kpp",
    "ogrn",
    "founder",
    "logo",
    "max_mentees_per_mentor",
    "meeting_interval_days",
    "programme_min_months",
    "programme_max_months",
    "young_specialist_max_age",
    "young_specialist_max_experience",
    "gost_edition",
]


def get_school() -> School:
    """Return the school profile, creating an empty one on a fresh installation."""
    school, _created = School.objects.get_or_create(
        pk=1, defaults={"full_name": "Образовательная организация", "short_name": "Школа"}
    )
    return school


@transaction.atomic
def school_update(*, data: dict[str, Any], actor: User | None) -> School:
    school = School.objects.select_for_update().get(pk=get_school().pk)
    school, changed = model_update(instance=school, fields=SCHOOL_FIELDS, data=data)
    if changed:
        audit(
            actor=actor,
            action="school.update",
            obj=school,
            data={"fields": sorted(f for f in changed if f != "logo")},
        )
    return school


def default_year_dates(first_year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(first_year, 9, 1), datetime.date(first_year + 1, 8, 31)


@transaction.atomic
def programme_year_create(
    *,
    title: str,
    start_date: datetime.date,
    end_date: datetime.date,
    make_current: bool = False,
    actor: User | None,
) -> ProgrammeYear:
    year = ProgrammeYear(title=title, start_date=start_date, end_date=end_date)
    year.full_clean()
    year.save()
    audit(actor=actor, action="year.create", obj=year)
    if make_current or not ProgrammeYear.objects.filter(is_current=True).exists():
        year = programme_year_set_current(year=year, actor=actor)
    return year


@transaction.atomic
def programme_year_update(
    *, year: ProgrammeYear, data: dict[str, Any], actor: User | None
) -> ProgrammeYear:
    year, changed = model_update(
        instance=year, fields=["title", "start_date", "end_date"], data=data
    )
    if changed:
        audit(actor=actor, action="year.update", obj=year, data={"fields": changed})
    return year


@transaction.atomic
def programme_year_set_current(*, year: ProgrammeYear, actor: User | None) -> ProgrammeYear:
    """Make ``year`` the current one; the previous current year stays readable."""
    if year.pk is None:
        raise ProgrammeYearError("Сначала сохраните учебный год.")
    # Lock the rows so two curators switching years at once cannot leave two current ones.
    list(ProgrammeYear.objects.select_for_update().filter(is_current=True))
    ProgrammeYear.objects.filter(is_current=True).exclude(pk=year.pk).update(is_current=False)
    if not year.is_current:
        year.is_current = True
        year.save(update_fields=["is_current", "updated_at"])
        audit(actor=actor, action="year.set_current", obj=year)
    return year


def timezone_year() -> int:
    """The first calendar year of the school year running today (it starts in September)."""
    today = timezone.localdate()
    return today.year if today.month >= 9 else today.year - 1
