import datetime
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from mentorship.exceptions import ConsentError
from mentorship.gates import bank_entry_blockers, can_publish, mentor_activation_blockers
from mentorship.models import (
    AuditEntry,
    Consent,
    ConsentKind,
    MenteeStatus,
    MentorStatus,
    Person,
    PersonKind,
    Signer,
)
from mentorship.services import banks, consents, people
from tests.factories import (
    ConsentFactory,
    MenteeProfileFactory,
    MentorProfileFactory,
    PersonFactory,
)

TODAY = datetime.datetime(2026, 11, 25, 12, tzinfo=datetime.UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_today(time_machine) -> None:
    time_machine.move_to(TODAY, tick=False)


PDF = b"%PDF-1.4\n%test\n"


def _pd(person, **kwargs):
    return ConsentFactory(person=person, kind=ConsentKind.PERSONAL_DATA, **kwargs)


def test_no_consent_keeps_a_person_out_of_the_banks(curator) -> None:
    person = PersonFactory()
    assert bank_entry_blockers(person) == [
        "Нет действующего согласия на обработку персональных данных."
    ]
    with pytest.raises(ConsentError, match="не может быть внесён в базу"):
        banks.mentee_profile_create(
            person=person, data={"category": "young_specialist"}, actor=curator
        )
    with pytest.raises(ConsentError):
        banks.mentor_profile_create(person=person, data={}, actor=curator)


def test_an_active_consent_opens_the_bank(curator) -> None:
    person = PersonFactory()
    _pd(person)
    profile = banks.mentee_profile_create(
        person=person, data={"category": "young_specialist"}, actor=curator
    )
    assert profile.status == MenteeStatus.WAITING
    assert profile.status_changes.get().to_status == MenteeStatus.WAITING


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "withdrawn_on", "active"),
    [
        (datetime.date(2026, 1, 1), None, None, True),
        (datetime.date(2026, 12, 1), None, None, False),  # not yet in force
        (datetime.date(2025, 1, 1), datetime.date(2026, 11, 24), None, False),  # expired
        (datetime.date(2025, 1, 1), datetime.date(2026, 11, 25), None, True),  # last day
        (datetime.date(2025, 1, 1), None, datetime.date(2026, 11, 25), False),  # withdrawn
        (datetime.date(2025, 1, 1), None, datetime.date(2026, 12, 1), True),  # withdrawn later
    ],
)
def test_a_consent_is_active_only_inside_its_period(valid_from, valid_to, withdrawn_on, active):
    consent = _pd(
        PersonFactory(), valid_from=valid_from, valid_to=valid_to, withdrawn_on=withdrawn_on
    )
    assert consent.is_active is active
    assert Consent.objects.active().filter(pk=consent.pk).exists() is active


def test_a_minor_needs_the_representatives_consent(curator) -> None:
    pupil = PersonFactory(kind=PersonKind.PUPIL, birth_date=datetime.date(2013, 3, 1))
    _pd(pupil)  # signed by the pupil himself: not enough
    assert "законного представителя" in bank_entry_blockers(pupil)[0]
    consents.consent_create(
        person=pupil,
        actor=curator,
        data={
            "kind": ConsentKind.REPRESENTATIVE,
            "signer": Signer.REPRESENTATIVE,
            "representative_name": "Иванова Ольга Петровна",
            "representative_relation": "мать",
            "representative_document": "свидетельство о рождении II-ИР № 123456",
            "valid_from": datetime.date(2026, 9, 1),
        },
    )
    assert bank_entry_blockers(pupil) == []


def test_a_representative_consent_names_the_representative_and_his_document(curator) -> None:
    pupil = PersonFactory(kind=PersonKind.PUPIL, birth_date=datetime.date(2013, 3, 1))
    with pytest.raises(ValidationError) as error:
        consents.consent_create(
            person=pupil,
            actor=curator,
            data={
                "kind": ConsentKind.REPRESENTATIVE,
                "signer": Signer.SELF,
                "valid_from": datetime.date(2026, 9, 1),
            },
        )
    assert "законный представитель" in str(error.value)
    assert not Consent.objects.exists()


def test_a_staff_mentor_becomes_active_only_with_the_written_agreement(curator) -> None:
    person = PersonFactory()
    _pd(person)
    mentor = banks.mentor_profile_create(person=person, data={}, actor=curator)
    assert "351.8" in mentor_activation_blockers(person)[0]
    with pytest.raises(ConsentError, match="351.8"):
        banks.mentor_status_set(profile=mentor, status=MentorStatus.ACTIVE, actor=curator)
    ConsentFactory(person=person, kind=ConsentKind.MENTOR_AGREEMENT)
    mentor = banks.mentor_status_set(profile=mentor, status=MentorStatus.ACTIVE, actor=curator)
    assert mentor.status == MentorStatus.ACTIVE


def test_publication_is_allowed_per_category_only(curator) -> None:
    person = PersonFactory()
    _pd(person)
    assert not can_publish(person, "name")
    consents.consent_create(
        person=person,
        actor=curator,
        data={
            "kind": ConsentKind.PUBLICATION,
            "data_categories": ["name", "work"],
            "valid_from": datetime.date(2026, 9, 1),
        },
    )
    assert can_publish(person, "name")
    assert not can_publish(person, "photo")


def test_publication_consent_needs_website_categories(curator) -> None:
    with pytest.raises(ValidationError, match="какие сведения можно размещать"):
        consents.consent_create(
            person=PersonFactory(),
            actor=curator,
            data={
                "kind": ConsentKind.PUBLICATION,
                "data_categories": ["birth"],
                "valid_from": datetime.date(2026, 9, 1),
            },
        )


def test_withdrawal_stops_processing_at_once(curator) -> None:
    person = PersonFactory()
    consent = _pd(person)
    ConsentFactory(person=person, kind=ConsentKind.MENTOR_AGREEMENT)
    mentee = MenteeProfileFactory(person=person)
    mentor = MentorProfileFactory(person=person, status=MentorStatus.ACTIVE)
    consents.consent_withdraw(consent=consent, note="заявление от 25.11.2026", actor=curator)
    mentee.refresh_from_db()
    mentor.refresh_from_db()
    assert (mentee.status, mentor.status) == (MenteeStatus.EXCLUDED, MentorStatus.EXCLUDED)
    assert "Отозвано согласие" in mentee.status_changes.first().note
    assert not can_publish(person, "name")
    with pytest.raises(ConsentError):
        banks.mentee_status_set(profile=mentee, status=MenteeStatus.WAITING, actor=curator)
    assert AuditEntry.objects.filter(action="consent.withdraw").count() == 1


def test_withdrawing_twice_is_refused(curator) -> None:
    consent = _pd(PersonFactory())
    consents.consent_withdraw(consent=consent, actor=curator)
    with pytest.raises(ConsentError, match="уже отозвано"):
        consents.consent_withdraw(consent=consent, actor=curator)


def test_withdrawing_the_mentor_agreement_rests_an_active_mentor(curator) -> None:
    person = PersonFactory()
    _pd(person)
    agreement = ConsentFactory(person=person, kind=ConsentKind.MENTOR_AGREEMENT)
    mentor = MentorProfileFactory(person=person, status=MentorStatus.ACTIVE)
    consents.consent_withdraw(consent=agreement, actor=curator)
    mentor.refresh_from_db()
    assert mentor.status == MentorStatus.RESTING


def test_scan_is_checked_by_content_and_size(curator) -> None:
    person = PersonFactory()
    fake = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError, match="не похож на PDF, JPEG или PNG"):
        consents.consent_create(
            person=person,
            actor=curator,
            data={
                "kind": ConsentKind.PERSONAL_DATA,
                "scan": fake,
                "valid_from": datetime.date(2026, 9, 1),
            },
        )
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "application/pdf")
    with pytest.raises(ValidationError, match="больше 10 МБ"):
        consents.consent_create(
            person=person,
            actor=curator,
            data={
                "kind": ConsentKind.PERSONAL_DATA,
                "scan": big,
                "valid_from": datetime.date(2026, 9, 1),
            },
        )
    good = SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "image/png")
    consent = consents.consent_create(
        person=person,
        actor=curator,
        data={
            "kind": ConsentKind.PERSONAL_DATA,
            "scan": good,
            "valid_from": datetime.date(2026, 9, 1),
        },
    )
    assert consent.scan.name.startswith("consents/2026/")
    assert consent.purposes.startswith("участие в программе наставничества")


def _withdrawn_person(curator, *, days_ago: int) -> Person:
    person = PersonFactory(surname="Ёлкина", email="elkina@example.ru", phone="+7 900 000-00-00")
    consent = _pd(person)
    consent.scan.save("scan.pdf", SimpleUploadedFile("scan.pdf", PDF), save=True)
    MenteeProfileFactory(person=person, request_text="Боюсь открытых уроков")
    consents.consent_withdraw(
        consent=consent,
        on=datetime.date(2026, 11, 25) - datetime.timedelta(days=days_ago),
        actor=curator,
    )
    return person


def test_anonymise_withdrawn_waits_thirty_days_then_strips_everything(curator, capsys) -> None:
    recent = _withdrawn_person(curator, days_ago=29)
    old = _withdrawn_person(curator, days_ago=30)
    scan_path = Consent.objects.get(person=old).scan.path
    call_command("anonymise_withdrawn")
    recent.refresh_from_db()
    old.refresh_from_db()
    assert recent.surname == "Ёлкина"
    assert old.surname == people.ANONYMOUS
    assert (old.email, old.phone, old.birth_date) == ("", "", None)
    assert old.is_anonymised
    assert not Consent.objects.get(person=old).scan
    assert not os.path.exists(scan_path)
    assert old.mentee_profile.request_text == ""
    assert not old.history.filter(surname="Ёлкина").exists()
    # Counts survive: the person and his bank entry are still there.
    assert Person.objects.filter(pk=old.pk).exists()
    assert "Итого обезличено: 1." in capsys.readouterr().out


def test_anonymise_withdrawn_is_idempotent(curator, capsys) -> None:
    _withdrawn_person(curator, days_ago=40)
    call_command("anonymise_withdrawn")
    call_command("anonymise_withdrawn")
    assert "Итого обезличено: 0." in capsys.readouterr().out.splitlines()[-1]


def test_another_active_consent_keeps_the_person(curator) -> None:
    person = _withdrawn_person(curator, days_ago=40)
    _pd(person, valid_from=datetime.date(2026, 11, 1))
    call_command("anonymise_withdrawn")
    person.refresh_from_db()
    assert not person.is_anonymised


def test_bulk_clearances_agree_with_the_single_person_gates(curator) -> None:
    from mentorship.gates import clearances, processing_blockers

    adult_ok = PersonFactory()
    _pd(adult_ok)
    mentor_ok = PersonFactory()
    _pd(mentor_ok)
    ConsentFactory(person=mentor_ok, kind=ConsentKind.MENTOR_AGREEMENT)
    nobody = PersonFactory()
    minor = PersonFactory(kind=PersonKind.PUPIL, birth_date=datetime.date(2013, 1, 1))
    _pd(minor)
    people = [adult_ok, mentor_ok, nobody, minor]
    result = clearances(people)
    for person in people:
        assert ("processing" in result[person.pk]) == (not processing_blockers(person))
        assert ("mentor" in result[person.pk]) == (not mentor_activation_blockers(person))
