"""The demo school's paperwork: signed orders of the autumn and drafts waiting for the director."""

from __future__ import annotations

import datetime

from mentorship.models import Mentorship, Person, ProgrammeYear
from reports.documents import get_kind
from reports.models import Document
from reports.services import (
    document_approve,
    document_create,
    document_submit,
)


def _params(kind: str, year: ProgrammeYear, **extra) -> dict:
    initial = {
        key: value.isoformat() if isinstance(value, datetime.date) else value
        for key, value in get_kind(kind).initial(year=year).items()
    }
    return {**initial, **extra}


def _sign(document: Document, on: datetime.date) -> Document:
    document_submit(document=document, actor=None)
    return document_approve(document=document, on=on, actor=None)


def seed_documents(*, seed: int, today: datetime.date) -> None:
    """Orders the school signed in September and October, and two drafts on the director's desk."""
    year = ProgrammeYear.objects.current()
    curator = Person.objects.filter(user__username="kurator").first()
    if year is None or curator is None or Document.objects.exists():
        return
    september = max(year.start_date, today - datetime.timedelta(days=80))
    implementation = document_create(
        kind="order_implementation",
        year=year,
        actor=None,
        params=_params("order_implementation", year, curator=curator.pk),
    )
    _sign(implementation, september)
    appointment = document_create(
        kind="order_curator",
        year=year,
        actor=None,
        params=_params("order_curator", year, curator=curator.pk),
    )
    _sign(appointment, september)
    active = list(Mentorship.objects.filter(year=year, status="active").order_by("pk"))
    if active:
        pairs_order = document_create(
            kind="order_pairs",
            year=year,
            actor=None,
            params=_params("order_pairs", year, curator=curator.pk),
            mentorships=active,
        )
        _sign(pairs_order, min(today, september + datetime.timedelta(days=30)))
    with_programme = Mentorship.objects.filter(year=year, programme__isnull=False).first()
    if with_programme is not None:
        programme = document_create(
            kind="programme", year=year, actor=None, mentorships=[with_programme]
        )
        document_submit(document=programme, actor=None)
    document_create(
        kind="order_final_event",
        year=year,
        actor=None,
        params=_params("order_final_event", year, responsible=curator.pk),
    )
