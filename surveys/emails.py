"""E-mails of the surveys app: one function per kind, text and HTML parts in Russian."""

from __future__ import annotations

from typing import Any

from mentorship.emails import send_templated
from mentorship.models import School
from mentorship.services import get_school
from surveys.models import Invitation


def _context(invitation: Invitation, link: str, school: School | None) -> dict[str, Any]:
    campaign = invitation.campaign
    return {
        "person": invitation.person,
        "campaign": campaign,
        "questionnaire": campaign.questionnaire,
        "link": link,
        "school": school or get_school(),
    }


def send_survey_invitation(
    *,
    invitation: Invitation,
    to: str,
    link: str,
    school: School | None = None,
    connection: Any = None,
) -> None:
    send_templated(
        name="survey_invitation",
        to=[to],
        context=_context(invitation, link, school),
        connection=connection,
    )


def send_survey_reminder(
    *,
    invitation: Invitation,
    to: str,
    link: str,
    school: School | None = None,
    connection: Any = None,
) -> None:
    send_templated(
        name="survey_reminder",
        to=[to],
        context=_context(invitation, link, school),
        connection=connection,
    )
