"""What questionnaires write into the banks. Called by the surveys app on submission."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from mentorship.common import audit
from mentorship.models import (
    MenteeCategory,
    MenteeProfile,
    MentoringForm,
    MentorProfile,
    PairingPreference,
    Person,
    PersonKind,
    PreferenceKind,
    ProgrammeYear,
    Topic,
    User,
)
from mentorship.services.banks import (
    mentee_profile_create,
    mentee_profile_update,
    mentor_profile_create,
    mentor_profile_update,
)


def _merge(requests: Iterable[tuple[Topic, int]]) -> list[tuple[Topic, int]]:
    """One weight per topic: the strongest one stated wins."""
    best: dict[int, tuple[Topic, int]] = {}
    for topic, weight in requests:
        if topic.pk not in best or best[topic.pk][1] < weight:
            best[topic.pk] = (topic, weight)
    return list(best.values())


@transaction.atomic
def mentee_request_record(
    *, person: Person, requests: Iterable[tuple[Topic, int]], text: str, actor: User | None
) -> MenteeProfile:
    """Create or update the person's mentee-bank entry from his request questionnaire."""
    requests = _merge(requests)
    profile = MenteeProfile.objects.filter(person=person).first()
    if profile is None:
        default = (
            MenteeCategory.PUPIL_ADAPTATION
            if person.kind == PersonKind.PUPIL
            else MenteeCategory.YOUNG_SPECIALIST
        )
        return mentee_profile_create(
            person=person,
            data={"category": default, "request_text": text},
            requests=requests,
            actor=actor,
        )
    return mentee_profile_update(
        profile=profile,
        data={"request_text": text or profile.request_text},
        requests=requests,
        actor=actor,
    )


@transaction.atomic
def mentor_offer_record(
    *,
    person: Person,
    topics: Iterable[Topic],
    forms: Iterable[MentoringForm],
    capacity: int | None,
    text: str,
    actor: User | None,
) -> MentorProfile:
    """Create (as a candidate) or update the person's mentor-bank entry from his offer."""
    data = {"offer_text": text, "capacity": capacity}
    profile = MentorProfile.objects.filter(person=person).first()
    if profile is None:
        return mentor_profile_create(
            person=person, data=data, topics=topics, forms=forms, actor=actor
        )
    if capacity is None:
        data.pop("capacity")
    if not text:
        data.pop("offer_text")
    return mentor_profile_update(
        profile=profile, data=data, topics=topics, forms=forms, actor=actor
    )


@transaction.atomic
def pairing_preferences_record(
    *,
    person: Person,
    year: ProgrammeYear,
    preferred: list[Person],
    avoided: list[Person],
    actor: User | None,
) -> list[PairingPreference]:
    """Replace the person's stated preferences for the year: ranked choices and «rather not»."""
    PairingPreference.objects.filter(person=person, year=year).delete()
    rows: list[PairingPreference] = []
    seen: set[int] = {person.pk}
    for rank, other in enumerate(preferred, start=1):
        if other.pk not in seen:
            seen.add(other.pk)
            rows.append(
                PairingPreference(
                    year=year, person=person, other=other, kind=PreferenceKind.PREFER, rank=rank
                )
            )
    for other in avoided:
        if other.pk not in seen:
            seen.add(other.pk)
            rows.append(
                PairingPreference(year=year, person=person, other=other, kind=PreferenceKind.AVOID)
            )
    created = PairingPreference.objects.bulk_create(rows)
    audit(
        actor=actor,
        action="preferences.record",
        obj=person,
        data={
            "year": year.title,
            "preferred": [p.pk for p in preferred],
            "avoided": [p.pk for p in avoided],
        },
    )
    return created
