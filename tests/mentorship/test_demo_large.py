"""The large demo school (``seed_demo --size large``), scaled down to a twentieth for the suite.

The full size is for the benchmarks (tests/bench/); here: the same seed gives the same
school, and the school keeps the invariants the services keep.
"""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from mentorship.gates import clearances
from mentorship.models import (
    Meeting,
    MenteeProfile,
    MenteeStatus,
    Mentorship,
    MentorshipMember,
    MentorshipStatus,
    Person,
    ProgrammeYear,
    User,
    YearResult,
)
from reports.models import Document, DocumentStatus
from surveys.models import Answer, Campaign, CampaignStatus, Invitation, Response


def _seed(seed: int = 5) -> str:
    out = StringIO()
    call_command("seed_demo", "--size", "large", "--scale", "0.05", "--seed", str(seed), stdout=out)
    return out.getvalue()


def _snapshot() -> dict:
    """What the school is made of, without timestamps and the tokens of personal links."""
    return {
        "people": list(
            Person.objects.order_by("pk").values_list(
                "pk", "surname", "name", "patronymic", "kind", "birth_date", "department"
            )
        ),
        "users": list(User.objects.order_by("pk").values_list("username", "person__pk")),
        "pairs": list(
            Mentorship.objects.order_by("pk").values_list(
                "pk",
                "year__title",
                "form__code",
                "mentor__person_id",
                "start_date",
                "planned_end_date",
                "status",
                "ended_on",
                "continues_id",
                "order_reference",
            )
        ),
        "members": list(
            MentorshipMember.objects.order_by("pk").values_list(
                "mentorship_id", "mentee__person_id", "joined_on", "left_on"
            )
        ),
        "meetings": list(
            Meeting.objects.order_by("pk").values_list("pk", "held_on", "kind", "topic")
        ),
        "invitations": list(
            Invitation.objects.order_by("pk").values_list(
                "campaign__title", "person_id", "about_id", "answered_at"
            )
        ),
        "answers": list(
            Answer.objects.order_by("pk").values_list("question_id", "text", "number", "date_value")
        ),
        "results": list(
            YearResult.objects.order_by("pk").values_list(
                "person_id", "role", "outcome", "meetings", "feedback_share", "satisfaction"
            )
        ),
        "documents": list(
            Document.objects.order_by("pk").values_list("kind", "status", "number", "approved_on")
        ),
    }


@pytest.mark.django_db(transaction=True)
def test_the_same_seed_builds_the_same_large_school() -> None:
    # Both runs start from reset sequences, so even the primary keys must agree.
    call_command("flush", interactive=False, verbosity=0)
    output = _seed()
    first = _snapshot()
    assert "Демо-школа готова" in output
    assert "логин kurator" in output and "логин pedagog" in output

    call_command("flush", interactive=False, verbosity=0)
    _seed()

    assert _snapshot() == first


@pytest.mark.django_db(transaction=True)
def test_the_large_school_keeps_the_invariants_of_the_services() -> None:
    _seed()

    years = list(ProgrammeYear.objects.order_by("start_date").values_list("title", "is_current"))
    assert years == [("2024/2025", False), ("2025/2026", False), ("2026/2027", True)]
    # The two past years are closed: no open pair, a result for everyone of every pair.
    for year in ProgrammeYear.objects.filter(is_current=False):
        assert not Mentorship.objects.filter(
            year=year, status__in=("draft", "approved", "active")
        ).exists()
        people = MentorshipMember.objects.filter(mentorship__year=year).count()
        pairs = Mentorship.objects.filter(year=year).count()
        assert YearResult.objects.filter(year=year).count() == people + pairs
    current = ProgrammeYear.objects.get(is_current=True)
    assert Mentorship.objects.filter(year=current, status=MentorshipStatus.ACTIVE).exists()
    # Everyone in a pair may be processed (a parent's consent for a pupil) and every mentor
    # of the staff has the written consent of art. 351.8; checked on the base date.
    day = datetime.date(2026, 11, 16)
    pairs = Mentorship.objects.filter(year=current).select_related("mentor__person")
    mentors = [pair.mentor.person for pair in pairs]
    mentees = list(Person.objects.filter(mentee_profile__memberships__mentorship__year=current))
    gates = clearances([*mentors, *mentees], day)
    assert all("mentor" in gates[person.pk] for person in mentors)
    assert all("processing" in gates[person.pk] for person in mentees)
    # Statuses agree: a mentee in an open pair is «в паре».
    open_members = MentorshipMember.objects.filter(
        mentorship__status__in=("draft", "approved", "active"), left_on__isnull=True
    )
    assert not MenteeProfile.objects.filter(memberships__in=open_members).exclude(
        status=MenteeStatus.PAIRED
    )
    # Meetings only of pairs that worked, feedback answered for most of them.
    assert not Meeting.objects.filter(mentorships__status="draft").exists()
    answered = Invitation.objects.filter(answered_at__isnull=False).count()
    assert answered > Invitation.objects.count() / 2
    assert Response.objects.filter(submitted_at__isnull=False).count() == answered
    # Each year's entry and satisfaction surveys; the current year's feedback is open.
    assert Campaign.objects.filter(questionnaire__code="mentee-satisfaction").count() == 5
    assert Campaign.objects.get(
        year=current, questionnaire__code="meeting-feedback-mentee"
    ).status == (CampaignStatus.OPEN)
    # A handful of signed orders with their frozen PDFs.
    signed = Document.objects.filter(status=DocumentStatus.APPROVED)
    assert 5 <= signed.count() <= 12
    assert all(document.sha256 and document.pdf for document in signed)
    assert not Document.objects.values("kind", "year").annotate(n=Count("pk")).filter(n__gt=2)


@pytest.mark.django_db
def test_the_large_school_is_only_built_in_an_empty_database() -> None:
    Person.objects.create(surname="Иванов", name="Иван")
    with pytest.raises(CommandError, match="только пустую базу"):
        _seed()
