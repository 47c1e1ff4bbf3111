from __future__ import annotations

import datetime

from django.db import models
from django.db.models import BooleanField, Case, Exists, OuterRef, Q, When
from django.utils import timezone

from mentorship.text import normalise


class ProgrammeYearQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True).first()


def active_consent_q(day: datetime.date, prefix: str = "") -> Q:
    """The condition «the consent is in force on ``day``», optionally through a relation."""
    p = prefix
    return (
        Q(**{f"{p}valid_from__lte": day})
        & (Q(**{f"{p}valid_to__isnull": True}) | Q(**{f"{p}valid_to__gte": day}))
        & (Q(**{f"{p}withdrawn_on__isnull": True}) | Q(**{f"{p}withdrawn_on__gt": day}))
    )


class ConsentQuerySet(models.QuerySet):
    def active(self, day: datetime.date | None = None):
        return self.filter(active_consent_q(day or timezone.localdate()))

    def of_kind(self, kind: str):
        return self.filter(kind=kind)


class PersonQuerySet(models.QuerySet):
    def search(self, query: str):
        """Every word of the query must occur in the full name, whatever its case and ё."""
        qs = self
        for word in normalise(query).split():
            qs = qs.filter(search_key__contains=word)
        return qs

    def staff(self):
        return self.filter(kind="staff")

    def pupils(self):
        return self.filter(kind="pupil")

    def not_anonymised(self):
        return self.filter(anonymised_at__isnull=True)

    def with_consent_flags(self, day: datetime.date | None = None):
        """Annotate whether each person has an active consent to processing (his or a parent's)."""
        from mentorship.models.people import Consent, ConsentKind  # noqa: PLC0415

        day = day or timezone.localdate()
        active = Consent.objects.filter(active_consent_q(day), person=OuterRef("pk"))
        return self.annotate(
            has_pd_consent=Exists(active.filter(kind=ConsentKind.PERSONAL_DATA)),
            has_representative_consent=Exists(active.filter(kind=ConsentKind.REPRESENTATIVE)),
        )

    def with_age_flags(self, *, max_age: int, max_experience: int, today: datetime.date):
        """Annotate ``is_young`` (young specialist) and ``is_minor_flag`` for list pages."""
        return self.annotate(
            **age_flags(max_age=max_age, max_experience=max_experience, today=today)
        )


def age_flags(
    *, max_age: int, max_experience: int, today: datetime.date, prefix: str = ""
) -> dict[str, Case]:
    """``is_young`` and ``is_minor_flag`` expressions, optionally through a relation."""
    p = prefix
    young = Q(**{f"{p}kind": "staff", f"{p}birth_date__gt": _years_before(today, max_age)}) & (
        Q(**{f"{p}teaching_experience_years__lte": max_experience})
        | Q(**{f"{p}teaching_experience_years__isnull": True})
    )
    return {
        "is_young": Case(When(young, then=True), default=False, output_field=BooleanField()),
        "is_minor_flag": Case(
            When(**{f"{p}birth_date__gt": _years_before(today, 18)}, then=True),
            default=False,
            output_field=BooleanField(),
        ),
    }


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


class MenteeProfileQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("person").prefetch_related("requests__topic")


class MentorProfileQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("person").prefetch_related("topics", "forms")
