"""The questionnaires' blocks on the home pages: forms to fill in, feedback after meetings."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from surveys.answering import invitation_state
from surveys.meeting_feedback import feedback_totals
from surveys.models import Invitation
from surveys.permissions import can_view_results


def my_open_forms(request: HttpRequest) -> str:
    invitations = [
        invitation
        for invitation in Invitation.objects.filter(
            person__user=request.user, answered_at__isnull=True, revoked_at__isnull=True
        )
        .select_related("campaign__questionnaire")
        # A feedback form names its meeting: one more query for all of them.
        .prefetch_related("about")
        .order_by("-created_at", "pk")
        if invitation_state(invitation, timezone.localdate()) == "open"
    ]
    if not invitations:
        return ""
    return render_to_string(
        "surveys/_forms_widget.html", {"invitations": invitations}, request=request
    )


def meeting_feedback_totals(request: HttpRequest) -> str:
    """The curator: how many feedback forms after meetings came back this year."""
    if not can_view_results(request.user):
        return ""
    totals = feedback_totals(current_year=True)
    invited, answered = totals["invited"], totals["answered"]
    return render_to_string(
        "surveys/_feedback_widget.html",
        {
            "invited": invited,
            "answered": answered,
            "waiting": invited - answered,
            "percent": round(answered * 100 / invited) if invited else None,
        },
        request=request,
    )
