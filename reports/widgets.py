"""The documents' blocks on the home pages."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from mentorship.permissions import is_staff_manager
from reports import permissions, selectors

SHOWN = 5


def approvals_widget(request: HttpRequest) -> str:
    """The director's queue: how many documents wait and the first of them."""
    if not permissions.can_approve_document(request.user):
        return ""
    queue = selectors.documents_to_approve()
    documents = list(queue[:SHOWN])
    total = len(documents) if len(documents) < SHOWN else queue.count()
    return render_to_string(
        "reports/includes/_approvals_widget.html",
        {"documents": documents, "total": total},
        request=request,
    )


def returned_drafts_widget(request: HttpRequest) -> str:
    """The curator's documents: drafts the director sent back with remarks."""
    if not permissions.can_view_documents(request.user):
        return ""
    drafts = list(selectors.returned_drafts()[:SHOWN])
    return render_to_string(
        "reports/includes/_documents_widget.html",
        {"drafts": drafts, "can_add": permissions.can_add_document(request.user)},
        request=request,
    )


def dashboard_widget(request: HttpRequest) -> str:
    """A way from the director's home to the monitoring dashboard (no queries of its own)."""
    if not is_staff_manager(request.user):
        return ""
    return render_to_string("reports/dashboard/_home_widget.html", request=request)
