"""Read queries for the people pages and the banks; each has a pinned query count in tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from mentorship.models import (
    Consent,
    MenteeProfile,
    MenteeRequest,
    MenteeStatusChange,
    MentorProfile,
    MentorStatusChange,
    Person,
    School,
    TrainingRecord,
)
from mentorship.querysets import age_flags
from mentorship.text import normalise


def person_list(*, filters: dict[str, Any], school: School, today: datetime.date) -> QuerySet:
    qs = (
        Person.objects.not_anonymised()
        .with_consent_flags(today)
        .with_age_flags(
            max_age=school.young_specialist_max_age,
            max_experience=school.young_specialist_max_experience,
            today=today,
        )
        .select_related("mentee_profile", "mentor_profile", "user")
    )
    if filters.get("q"):
        qs = qs.search(filters["q"])
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("department"):
        qs = qs.filter(department__in=matching_departments(filters["department"]))
    if filters.get("young"):
        qs = qs.filter(is_young=True)
    if filters.get("consent") == "yes":
        qs = qs.filter(Q(has_pd_consent=True) | Q(has_representative_consent=True))
    elif filters.get("consent") == "no":
        qs = qs.filter(has_pd_consent=False, has_representative_consent=False)
    return qs.order_by("search_key", "pk")


def departments(kind: str | None = None) -> list[str]:
    qs = Person.objects.not_anonymised().exclude(department="")
    if kind:
        qs = qs.filter(kind=kind)
    return list(qs.order_by("department").values_list("department", flat=True).distinct())


def matching_departments(value: str) -> list[str]:
    """The spellings of a department or class as stored, whatever the case of the query.

    SQLite compares Cyrillic case-sensitively, so «7а» is matched here, not in SQL.
    """
    wanted = normalise(value)
    return [name for name in departments() if normalise(name) == wanted]


def mentee_list(*, filters: dict[str, Any], school: School, today: datetime.date) -> QuerySet:
    qs = (
        MenteeProfile.objects.select_related("person")
        .prefetch_related(
            Prefetch("requests", queryset=MenteeRequest.objects.select_related("topic"))
        )
        .annotate(
            **age_flags(
                max_age=school.young_specialist_max_age,
                max_experience=school.young_specialist_max_experience,
                today=today,
                prefix="person__",
            )
        )
    )
    if filters.get("q"):
        qs = qs.filter(person__in=Person.objects.search(filters["q"]))
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("category"):
        qs = qs.filter(category=filters["category"])
    if filters.get("department"):
        qs = qs.filter(person__department__in=matching_departments(filters["department"]))
    if filters.get("topic"):
        qs = qs.filter(requests__topic=filters["topic"])
    if filters.get("young"):
        qs = qs.filter(is_young=True)
    return qs.order_by("person__search_key", "pk")


def mentor_list(*, filters: dict[str, Any]) -> QuerySet:
    qs = MentorProfile.objects.select_related("person").prefetch_related("topics", "forms")
    if filters.get("q"):
        qs = qs.filter(person__in=Person.objects.search(filters["q"]))
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("department"):
        qs = qs.filter(person__department__in=matching_departments(filters["department"]))
    if filters.get("topic"):
        qs = qs.filter(topics=filters["topic"])
    if filters.get("form"):
        qs = qs.filter(forms=filters["form"])
    return qs.order_by("person__search_key", "pk")


@dataclass
class HistoryLine:
    when: datetime.datetime
    who: str
    what: str
    changes: list[str] = field(default_factory=list)


@dataclass
class PersonCard:
    person: Person
    consents: list[Consent]
    mentee: MenteeProfile | None
    mentor: MentorProfile | None
    mentee_statuses: list[MenteeStatusChange]
    mentor_statuses: list[MentorStatusChange]
    trainings: list[TrainingRecord]
    history: list[HistoryLine]


_HISTORY_VERB = {"+": "создано", "~": "изменено", "-": "удалено"}
_FILE_CHANGE = {(False, True): "загружен", (True, True): "заменён", (True, False): "удалён"}


def _history_lines(records: list, label: str) -> list[HistoryLine]:
    """Turn simple_history rows (newest first, per object) into readable lines with diffs."""
    lines = []
    by_object: dict[int, list] = {}
    for record in records:
        by_object.setdefault(record.id, []).append(record)
    for versions in by_object.values():
        versions.sort(key=lambda r: (r.history_date, r.history_id))
        previous = None
        for record in versions:
            changes: list[str] = []
            if previous is not None and record.history_type == "~":
                # Only plain fields: comparing many-to-many history would query per version.
                meta = record.instance_type._meta
                delta = record.diff_against(
                    previous, included_fields=[f.name for f in record.tracked_fields if f.editable]
                )
                for change in delta.changes:
                    model_field = meta.get_field(change.field)
                    if model_field.is_relation:  # an id means nothing to the reader
                        changes.append(f"{model_field.verbose_name}: изменено")
                    elif isinstance(model_field, models.FileField):  # nor a storage path
                        done = _FILE_CHANGE[(bool(change.old), bool(change.new))]
                        changes.append(f"{model_field.verbose_name}: файл {done}")
                    else:
                        old, new = change.old or "—", change.new or "—"
                        changes.append(f"{model_field.verbose_name}: «{old}» → «{new}»")
            user = record.history_user
            lines.append(
                HistoryLine(
                    when=record.history_date,
                    who=(user.get_full_name() or user.username) if user else "система",
                    what=f"{label}: {_HISTORY_VERB.get(record.history_type, '')}",
                    changes=changes,
                )
            )
            previous = record
    return lines


def person_card(*, person: Person) -> PersonCard:
    """Everything the card shows, in a fixed number of queries whatever the history's size."""
    consents = list(person.consents.all())
    mentee = (
        MenteeProfile.objects.filter(person=person)
        .prefetch_related(
            Prefetch("requests", queryset=MenteeRequest.objects.select_related("topic")),
            Prefetch("status_changes", queryset=MenteeStatusChange.objects.select_related("actor")),
        )
        .first()
    )
    mentor = (
        MentorProfile.objects.filter(person=person)
        .prefetch_related(
            "topics",
            "forms",
            "trainings",
            Prefetch("status_changes", queryset=MentorStatusChange.objects.select_related("actor")),
        )
        .first()
    )
    history = _history_lines(
        list(Person.history.filter(id=person.pk).select_related("history_user")), "Карточка"
    )
    history += _history_lines(
        list(Consent.history.filter(person_id=person.pk).select_related("history_user")),
        "Согласие",
    )
    if mentee is not None:
        history += _history_lines(
            list(MenteeProfile.history.filter(id=mentee.pk).select_related("history_user")),
            "База наставляемых",
        )
    if mentor is not None:
        history += _history_lines(
            list(MentorProfile.history.filter(id=mentor.pk).select_related("history_user")),
            "База наставников",
        )
    history.sort(key=lambda line: line.when, reverse=True)
    return PersonCard(
        person=person,
        consents=consents,
        mentee=mentee,
        mentor=mentor,
        mentee_statuses=list(mentee.status_changes.all()) if mentee else [],
        mentor_statuses=list(mentor.status_changes.all()) if mentor else [],
        trainings=list(mentor.trainings.all()) if mentor else [],
        history=history,
    )


def consent_summary(consents: list[Consent], today: datetime.date | None = None) -> dict[str, bool]:
    today = today or timezone.localdate()
    return {c.kind: True for c in consents if c.is_active_on(today)}
