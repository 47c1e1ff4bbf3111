"""Consent gates (152-ФЗ, ТК РФ ст. 351.8): who may enter a bank, be paired or be published.

Each function returns the reasons in Russian; an empty list means the way is open. Services
call these and raise ConsentError, so no view can go round them.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from mentorship.models import Consent, ConsentKind, Person, PersonKind


def _active_kinds(person: Person, day: datetime.date) -> dict[str, list[Consent]]:
    kinds: dict[str, list[Consent]] = {}
    for consent in Consent.objects.filter(person=person).active(day):
        kinds.setdefault(consent.kind, []).append(consent)
    return kinds


def processing_blockers(person: Person, day: datetime.date | None = None) -> list[str]:
    """Why the school may not process this person's data in the programme at all."""
    day = day or timezone.localdate()
    if person.is_anonymised:
        return ["Данные участника обезличены после отзыва согласия."]
    kinds = _active_kinds(person, day)
    if person.age_on(day) is not None and person.age_on(day) < 18:
        if ConsentKind.REPRESENTATIVE not in kinds:
            return [
                "Участник несовершеннолетний: нет действующего согласия законного представителя "
                "на обработку персональных данных."
            ]
        return []
    if ConsentKind.PERSONAL_DATA not in kinds and ConsentKind.REPRESENTATIVE not in kinds:
        return ["Нет действующего согласия на обработку персональных данных."]
    return []


def bank_entry_blockers(person: Person, day: datetime.date | None = None) -> list[str]:
    """Why the person may not be entered in the mentee or the mentor bank."""
    return processing_blockers(person, day)


def mentor_activation_blockers(person: Person, day: datetime.date | None = None) -> list[str]:
    """Why the person may not act as a mentor (be made active or be paired as a mentor)."""
    day = day or timezone.localdate()
    reasons = processing_blockers(person, day)
    if reasons:
        return reasons
    # ТК РФ ст. 351.8: an employee mentors only with his written consent.
    if person.kind == PersonKind.STAFF and ConsentKind.MENTOR_AGREEMENT not in _active_kinds(
        person, day
    ):
        reasons.append(
            "Нет письменного согласия наставника на выполнение дополнительной работы "
            "(ст. 351.8 ТК РФ)."
        )
    return reasons


def pairing_blockers(
    person: Person, *, as_mentor: bool, day: datetime.date | None = None
) -> list[str]:
    """Why the person may not be put into a pair or group."""
    if as_mentor:
        return mentor_activation_blockers(person, day)
    return processing_blockers(person, day)


def can_publish(person: Person, category: str, day: datetime.date | None = None) -> bool:
    """Whether this category of the person's data may appear on the school's website."""
    day = day or timezone.localdate()
    if processing_blockers(person, day):
        return False
    return any(
        category in consent.data_categories
        for consent in _active_kinds(person, day).get(ConsentKind.PUBLICATION, [])
    )


def clearances(people: list[Person], day: datetime.date | None = None) -> dict[int, set[str]]:
    """For many people at once (one query): person id → which gates are open.

    The keys mirror the single-person functions: "processing" (processing_blockers is
    empty) and "mentor" (mentor_activation_blockers is empty). Used where checking people
    one by one would cost a query each, such as a matching run over the whole banks.
    """
    day = day or timezone.localdate()
    kinds: dict[int, set[str]] = {person.pk: set() for person in people}
    for person_id, kind in (
        Consent.objects.filter(person__in=[p.pk for p in people])
        .active(day)
        .values_list("person_id", "kind")
    ):
        kinds[person_id].add(kind)
    result: dict[int, set[str]] = {}
    for person in people:
        held = kinds[person.pk]
        age = person.age_on(day)
        if person.is_anonymised:
            processing = False
        elif age is not None and age < 18:
            processing = ConsentKind.REPRESENTATIVE in held
        else:
            processing = bool(held & {ConsentKind.PERSONAL_DATA, ConsentKind.REPRESENTATIVE})
        gates = {"processing"} if processing else set()
        if processing and (person.kind != PersonKind.STAFF or ConsentKind.MENTOR_AGREEMENT in held):
            gates.add("mentor")
        result[person.pk] = gates
    return result
