"""The questionnaires' blocks on the home pages: forms to fill in, feedback after meetings."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from mentorship.models import Meeting, MeetingKind
from surveys.answering import invitation_state
from surveys.meeting_feedback import feedback_totals
from surveys.models import Invitation
from surveys.permissions import can_view_results


def my_open_forms(request: HttpRequest) -> str:
    # A feedback form names its meeting: read in the same query, so the block costs one
    # query whether or not any form is about a meeting.
    meeting = Meeting.objects.filter(pk=OuterRef("about_id"))
    invitations = [
        invitation
        for invitation in Invitation.objects.filter(
            person__user=request.user, answered_at__isnull=True, revoked_at__isnull=True
        )
        .select_related("campaign__questionnaire", "about_type")
        .annotate(
            meeting_held_on=Subquery(meeting.values("held_on")[:1]),
            meeting_kind=Subquery(meeting.values("kind")[:1]),
        )
        .order_by("-created_at", "pk")
        if invitation_state(invitation, timezone.localdate()) == "open"
    ]
    if not invitations:
        return ""
    kinds = dict(MeetingKind.choices)
    for invitation in invitations:
        about_meeting = invitation.about_type is not None and (
            (invitation.about_type.app_label, invitation.about_type.model)
            == ("mentorship", "meeting")
        )
        invitation.meeting_label = (
            str(kinds.get(invitation.meeting_kind, ""))
            if about_meeting and invitation.meeting_held_on
            else ""
        )
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
