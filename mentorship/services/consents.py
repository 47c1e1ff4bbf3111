"""Consents: record, withdraw; withdrawal stops processing at once."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentorship.common import audit
from mentorship.exceptions import ConsentError
from mentorship.gates import processing_blockers
from mentorship.models import (
    PERSONAL_DATA_DEFAULT,
    PUBLICATION_CATEGORIES,
    Consent,
    ConsentKind,
    MenteeProfile,
    MenteeStatus,
    MentorProfile,
    MentorStatus,
    Person,
    Signer,
    User,
)
from mentorship.services.banks import mentee_status_set, mentor_status_set

CONSENT_FIELDS = [
    "kind",
    "signer",
    "representative_name",
    "representative_relation",
    "representative_document",
    "purposes",
    "data_categories",
    "valid_from",
    "valid_to",
    "scan",
]

DEFAULT_PURPOSES = {
    ConsentKind.PERSONAL_DATA: (
        "участие в программе наставничества: ведение базы наставников и наставляемых, "
        "формирование пар и групп, анкетирование, мониторинг и отчётность"
    ),
    ConsentKind.REPRESENTATIVE: (
        "участие несовершеннолетнего в программе наставничества: ведение базы наставляемых, "
        "формирование пар и групп, анкетирование, мониторинг и отчётность"
    ),
    ConsentKind.PUBLICATION: "размещение сведений о программе наставничества на сайте школы",
    ConsentKind.MENTOR_AGREEMENT: "выполнение работы по наставничеству в течение учебного года",
}


def _validate(consent: Consent) -> None:
    errors: dict[str, str] = {}
    if consent.kind == ConsentKind.REPRESENTATIVE and consent.signer != Signer.REPRESENTATIVE:
        errors["signer"] = "Согласие за несовершеннолетнего подписывает законный представитель."
    if consent.signer == Signer.REPRESENTATIVE:
        if not consent.representative_name.strip():
            errors["representative_name"] = "Укажите ФИО законного представителя."
        if not consent.representative_document.strip():
            errors["representative_document"] = (
                "Укажите документ, подтверждающий полномочия представителя."
            )
    if consent.kind == ConsentKind.PUBLICATION:
        wrong = set(consent.data_categories) - set(PUBLICATION_CATEGORIES)
        if not consent.data_categories or wrong:
            errors["data_categories"] = (
                "Для публикации отметьте, какие сведения можно размещать: ФИО, место работы "
                "или учёбы, фотографию, описание практики."
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def consent_create(*, person: Person, data: dict[str, Any], actor: User | None) -> Consent:
    if person.is_anonymised:
        raise ConsentError("Участник обезличен: новые согласия к нему не добавляются.")
    consent = Consent(person=person, **{f: data[f] for f in CONSENT_FIELDS if f in data})
    if not consent.purposes:
        consent.purposes = DEFAULT_PURPOSES[consent.kind]
    if not consent.data_categories and consent.kind != ConsentKind.PUBLICATION:
        consent.data_categories = [str(code) for code in PERSONAL_DATA_DEFAULT]
    _validate(consent)
    consent.full_clean()
    consent._history_user = actor
    consent.save()
    audit(
        actor=actor,
        action="consent.create",
        obj=consent,
        data={"person": person.pk, "kind": consent.kind},
    )
    return consent


@transaction.atomic
def consent_withdraw(
    *, consent: Consent, on: datetime.date | None = None, note: str = "", actor: User | None
) -> Consent:
    """Record the withdrawal; from that day the person's data leaves the programme's work."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise ConsentError("Это согласие уже отозвано.")
    day = on or timezone.localdate()
    consent.withdrawn_on = day
    consent.withdrawal_note = note
    consent._history_user = actor
    consent.save(update_fields=["withdrawn_on", "withdrawal_note", "updated_at"])
    audit(
        actor=actor,
        action="consent.withdraw",
        obj=consent,
        data={"person": consent.person_id, "kind": consent.kind, "on": day},
    )
    _stop_processing_if_needed(consent=consent, day=day, actor=actor)
    return consent


def _stop_processing_if_needed(*, consent: Consent, day: datetime.date, actor: User | None) -> None:
    person = consent.person
    reason = f"Отозвано согласие {consent.get_kind_display()}"
    if consent.kind in (ConsentKind.PERSONAL_DATA, ConsentKind.REPRESENTATIVE):
        if not processing_blockers(person, day):
            return  # another consent still covers the processing
        mentee = MenteeProfile.objects.filter(person=person).first()
        if mentee is not None and mentee.status != MenteeStatus.EXCLUDED:
            mentee_status_set(
                profile=mentee, status=MenteeStatus.EXCLUDED, note=reason, actor=actor, force=True
            )
        mentor = MentorProfile.objects.filter(person=person).first()
        if mentor is not None and mentor.status != MentorStatus.EXCLUDED:
            mentor_status_set(
                profile=mentor, status=MentorStatus.EXCLUDED, note=reason, actor=actor, force=True
            )
    elif consent.kind == ConsentKind.MENTOR_AGREEMENT:
        mentor = MentorProfile.objects.filter(person=person, status=MentorStatus.ACTIVE).first()
        if mentor is not None:
            mentor_status_set(
                profile=mentor, status=MentorStatus.RESTING, note=reason, actor=actor, force=True
            )


def anonymisation_due(*, today: datetime.date, grace_days: int = 30) -> list[Person]:
    """People whose processing consent was withdrawn at least ``grace_days`` ago."""
    cutoff = today - datetime.timedelta(days=grace_days)
    candidates = (
        Person.objects.not_anonymised()
        .filter(
            consents__kind__in=[ConsentKind.PERSONAL_DATA, ConsentKind.REPRESENTATIVE],
            consents__withdrawn_on__lte=cutoff,
        )
        .distinct()
    )
    return [person for person in candidates if processing_blockers(person, today)]
