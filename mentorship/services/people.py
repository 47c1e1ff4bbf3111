"""People: create, edit, anonymise."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from mentorship.common import audit, model_update
from mentorship.models import Consent, MenteeProfile, MentorProfile, Person, User
from mentorship.models.people import NAME_CASE_FIELDS
from mentorship.services.files import delete_on_commit, values_with_file

PERSON_FIELDS = [
    "surname",
    "name",
    "patronymic",
    "kind",
    "position",
    "subjects",
    "department",
    "birth_date",
    "hire_date",
    "teaching_experience_years",
    "email",
    "phone",
    "notes",
    *NAME_CASE_FIELDS,
    "photo",
]
ANONYMOUS = "Обезличено"


@transaction.atomic
def person_create(*, data: dict[str, Any], actor: User | None) -> Person:
    person = Person(**values_with_file(data, PERSON_FIELDS, "photo"))
    person.full_clean()
    person._history_user = actor
    person.save()
    audit(actor=actor, action="person.create", obj=person)
    return person


@transaction.atomic
def person_update(*, person: Person, data: dict[str, Any], actor: User | None) -> Person:
    person._history_user = actor
    old_photo = person.photo.name
    person, changed = model_update(
        instance=person, fields=PERSON_FIELDS, data=values_with_file(data, PERSON_FIELDS, "photo")
    )
    if "photo" in changed and old_photo:
        # A replaced or removed photo is personal data: it goes once the change is saved.
        delete_on_commit(person.photo.storage, old_photo)
    if changed:
        audit(actor=actor, action="person.update", obj=person, data={"fields": changed})
    return person


@transaction.atomic
def person_anonymise(*, person: Person, actor: User | None = None) -> Person:
    """Strip everything that identifies the person; keep the rows so counts stay right."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.is_anonymised:
        return person
    for consent in Consent.objects.filter(person=person).exclude(scan=""):
        consent.scan.delete(save=False)
    Consent.objects.filter(person=person).update(
        scan="",
        representative_name="",
        representative_relation="",
        representative_document="",
        withdrawal_note="",
    )
    MenteeProfile.objects.filter(person=person).update(request_text="", notes="")
    MentorProfile.objects.filter(person=person).update(offer_text="", interview_notes="", notes="")
    if person.user_id:
        User.objects.filter(pk=person.user_id).update(
            is_active=False, first_name="", last_name="", email=""
        )
    person.surname = ANONYMOUS
    person.name = f"№ {person.pk}"
    person.patronymic = ""
    for field in ("position", "subjects", "email", "phone", "notes"):
        setattr(person, field, "")
    person.birth_date = None
    person.hire_date = None
    person.user = None
    if person.photo:
        person.photo.delete(save=False)
    person.photo = ""
    person.anonymised_at = timezone.now()
    person.save()
    # The history tables hold earlier copies of the personal data: they go too.
    person.history.all().delete()
    for consent in Consent.objects.filter(person=person):
        consent.history.all().delete()
    for model in (MenteeProfile, MentorProfile):
        profile = model.objects.filter(person=person).first()
        if profile is not None:
            profile.history.all().delete()
    audit(actor=actor, action="person.anonymise", obj=person)
    return person
