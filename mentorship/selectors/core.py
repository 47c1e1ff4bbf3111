"""Read queries for the core pages."""

from __future__ import annotations

from django.db.models import QuerySet

from mentorship.models import ProgrammeYear


def programme_year_list() -> QuerySet[ProgrammeYear]:
    return ProgrammeYear.objects.order_by("-start_date")


def current_year() -> ProgrammeYear | None:
    return ProgrammeYear.objects.current()
