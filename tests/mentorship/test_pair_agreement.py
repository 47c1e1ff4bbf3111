"""The mentor's assignment under art. 351.8 ТК РФ: kept on the pair, early end with notice."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from mentorship.common import AuditEntry
from mentorship.exceptions import PairingError
from mentorship.services.pairs import mentorship_agreement_update, working_days_between
from tests.factories import MentorshipFactory

pytestmark = pytest.mark.django_db


def test_working_days_skip_the_weekend():
    friday = datetime.date(2026, 11, 27)
    assert working_days_between(friday, datetime.date(2026, 12, 2)) == 3  # Mon, Tue, Wed


def test_early_termination_needs_three_working_days_notice():
    pair = MentorshipFactory()

    with pytest.raises(PairingError, match="три рабочих дня"):
        mentorship_agreement_update(
            mentorship=pair,
            data={
                "early_termination_on": datetime.date(2026, 12, 1),
                "termination_notice_on": datetime.date(2026, 11, 27),
            },
            actor=None,
        )


def test_agreement_data_is_saved_and_audited():
    pair = MentorshipFactory()

    mentorship_agreement_update(
        mentorship=pair,
        data={
            "mentor_consent_on": datetime.date(2026, 9, 2),
            "agreement_number": "7",
            "agreement_date": datetime.date(2026, 9, 3),
            "payment_terms": "доплата 3 000 рублей в месяц",
            "early_termination_on": datetime.date(2026, 12, 2),
            "termination_notice_on": datetime.date(2026, 11, 27),
        },
        actor=None,
    )

    pair.refresh_from_db()
    assert (pair.agreement_number, pair.payment_terms) == ("7", "доплата 3 000 рублей в месяц")
    assert AuditEntry.objects.filter(action="mentorship.agreement").exists()


def test_curator_edits_the_agreement_on_the_pair_page(persona_client):
    pair = MentorshipFactory()
    client = persona_client("curator")
    url = reverse("mentorship:pair-agreement", args=[pair.pk])

    response = client.post(
        url,
        {
            "mentor_consent_on": "2026-09-02",
            "agreement_number": "12",
            "agreement_date": "2026-09-03",
            "payment_terms": "доплата 10 % оклада",
            "early_termination_on": "2026-12-01",
            "termination_notice_on": "2026-11-30",
        },
    )

    assert response.status_code == 200
    assert "три рабочих дня" in response.content.decode()
    pair.refresh_from_db()
    assert pair.agreement_number == ""
