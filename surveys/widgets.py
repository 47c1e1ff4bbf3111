"""The questionnaires' block on the home pages of mentors and teachers."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from surveys.answering import invitation_state
from surveys.models import Invitation


def my_open_forms(request: HttpRequest) -> str:
    invitations = [
        invitation
        for invitation in Invitation.objects.filter(
            person__user=request.user, answered_at__isnull=True, revoked_at__isnull=True
        ).select_related("campaign__questionnaire")
        if invitation_state(invitation, timezone.localdate()) == "open"
    ]
    if not invitations:
        return ""
    return render_to_string(
        "surveys/_forms_widget.html", {"invitations": invitations}, request=request
    )
