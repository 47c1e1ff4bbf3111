"""The mentee and mentor banks: entries, their topics, statuses and training."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from mentorship.common import audit, model_update
from mentorship.exceptions import ConsentError, DomainError
from mentorship.gates import bank_entry_blockers, mentor_activation_blockers
from mentorship.models import (
    MenteeProfile,
    MenteeRequest,
    MenteeStatus,
    MenteeStatusChange,
    MentoringForm,
    MentorProfile,
    MentorStatus,
    MentorStatusChange,
    Person,
    Topic,
    TrainingRecord,
    User,
)

MENTEE_FIELDS = ["category", "request_text", "notes"]
MENTOR_FIELDS = ["capacity", "offer_text", "interview_notes", "notes"]
TRAINING_FIELDS = ["date", "course", "hours", "organisation", "certificate"]


def _require_consent(person: Person) -> None:
    reasons = bank_entry_blockers(person)
    if reasons:
        raise ConsentError(f"{person.full_name} не может быть внесён в базу: " + " ".join(reasons))


def _set_requests(profile: MenteeProfile, requests: Iterable[tuple[Topic, int]]) -> None:
    wanted = {topic.pk: weight for topic, weight in requests}
    existing = {r.topic_id: r for r in profile.requests.all()}
    MenteeRequest.objects.filter(profile=profile).exclude(topic_id__in=wanted).delete()
    to_create, to_update = [], []
    for topic_id, weight in wanted.items():
        request = existing.get(topic_id)
        if request is None:
            to_create.append(MenteeRequest(profile=profile, topic_id=topic_id, weight=weight))
        elif request.weight != weight:
            request.weight = weight
            to_update.append(request)
    MenteeRequest.objects.bulk_create(to_create)
    MenteeRequest.objects.bulk_update(to_update, ["weight"])


@transaction.atomic
def mentee_profile_create(
    *,
    person: Person,
    data: dict[str, Any],
    requests: Iterable[tuple[Topic, int]] = (),
    actor: User | None,
) -> MenteeProfile:
    _require_consent(person)
    if MenteeProfile.objects.filter(person=person).exists():
        raise DomainError(f"{person.full_name} уже есть в базе наставляемых.")
    profile = MenteeProfile(person=person, **{f: data[f] for f in MENTEE_FIELDS if f in data})
    profile.full_clean()
    profile._history_user = actor
    profile.save()
    _set_requests(profile, requests)
    MenteeStatusChange.objects.create(
        profile=profile,
        from_status="",
        to_status=profile.status,
        actor=_user(actor),
        note="Внесён в базу наставляемых",
    )
    audit(actor=actor, action="mentee.create", obj=profile)
    return profile


@transaction.atomic
def mentee_profile_update(
    *,
    profile: MenteeProfile,
    data: dict[str, Any],
    requests: Iterable[tuple[Topic, int]] | None = None,
    actor: User | None,
) -> MenteeProfile:
    profile._history_user = actor
    profile, changed = model_update(instance=profile, fields=MENTEE_FIELDS, data=data)
    if requests is not None:
        _set_requests(profile, requests)
        changed.append("requests")
    audit(actor=actor, action="mentee.update", obj=profile, data={"fields": changed})
    return profile


def _status_set(
    *,
    profile,
    status: str,
    note: str,
    actor: User | None,
    force: bool,
    label: str,
    change_model,
    action: str,
):
    """Move a bank entry along its allowed statuses, with a dated history row and an audit."""
    profile = type(profile).objects.select_for_update().select_related("person").get(pk=profile.pk)
    if profile.status == status:
        return profile
    if not force and not profile.can_transition_to(status):
        raise DomainError(
            f"Нельзя перевести из статуса «{profile.get_status_display()}» в «{label}»."
        )
    if status == MentorStatus.ACTIVE and isinstance(profile, MentorProfile):
        reasons = mentor_activation_blockers(profile.person)
        if reasons:
            raise ConsentError("Наставник не может приступить к работе: " + " ".join(reasons))
    elif status not in (MenteeStatus.EXCLUDED, MentorStatus.EXCLUDED):
        _require_consent(profile.person)
    previous = profile.status
    profile.status = status
    profile._history_user = actor
    profile.save(update_fields=["status", "updated_at"])
    change_model.objects.create(
        profile=profile, from_status=previous, to_status=status, actor=_user(actor), note=note
    )
    audit(
        actor=actor, action=action, obj=profile, data={"from": previous, "to": status, "note": note}
    )
    return profile


@transaction.atomic
def mentee_status_set(
    *,
    profile: MenteeProfile,
    status: str,
    note: str = "",
    actor: User | None,
    force: bool = False,
) -> MenteeProfile:
    """Move a mentee along the allowed statuses; ``force`` is for consent withdrawal only."""
    return _status_set(
        profile=profile,
        status=status,
        note=note,
        actor=actor,
        force=force,
        label=MenteeStatus(status).label,
        change_model=MenteeStatusChange,
        action="mentee.status",
    )


@transaction.atomic
def mentor_profile_create(
    *,
    person: Person,
    data: dict[str, Any],
    topics: Iterable[Topic] = (),
    forms: Iterable[MentoringForm] = (),
    actor: User | None,
) -> MentorProfile:
    _require_consent(person)
    if MentorProfile.objects.filter(person=person).exists():
        raise DomainError(f"{person.full_name} уже есть в базе наставников.")
    profile = MentorProfile(person=person, **{f: data[f] for f in MENTOR_FIELDS if f in data})
    profile.full_clean()
    profile._history_user = actor
    profile.save()
    profile.topics.set(topics)
    profile.forms.set(forms)
    MentorStatusChange.objects.create(
        profile=profile,
        from_status="",
        to_status=profile.status,
        actor=_user(actor),
        note="Внесён в базу наставников",
    )
    audit(actor=actor, action="mentor.create", obj=profile)
    return profile


@transaction.atomic
def mentor_profile_update(
    *,
    profile: MentorProfile,
    data: dict[str, Any],
    topics: Iterable[Topic] | None = None,
    forms: Iterable[MentoringForm] | None = None,
    actor: User | None,
) -> MentorProfile:
    profile._history_user = actor
    profile, changed = model_update(instance=profile, fields=MENTOR_FIELDS, data=data)
    if topics is not None:
        profile.topics.set(topics)
        changed.append("topics")
    if forms is not None:
        profile.forms.set(forms)
        changed.append("forms")
    audit(actor=actor, action="mentor.update", obj=profile, data={"fields": changed})
    return profile


@transaction.atomic
def mentor_status_set(
    *,
    profile: MentorProfile,
    status: str,
    note: str = "",
    actor: User | None,
    force: bool = False,
) -> MentorProfile:
    """Move a mentor along the statuses; becoming active needs the written agreement."""
    return _status_set(
        profile=profile,
        status=status,
        note=note,
        actor=actor,
        force=force,
        label=MentorStatus(status).label,
        change_model=MentorStatusChange,
        action="mentor.status",
    )


@transaction.atomic
def training_record_add(
    *, mentor: MentorProfile, data: dict[str, Any], actor: User | None
) -> TrainingRecord:
    record = TrainingRecord(mentor=mentor, **{f: data[f] for f in TRAINING_FIELDS if f in data})
    record.full_clean()
    record.save()
    audit(actor=actor, action="mentor.training", obj=mentor, data={"course": record.course})
    return record


def _user(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None
