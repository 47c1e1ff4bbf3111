"""Feedback after meetings: completion per pair and per person, for the curator and director."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mentorship.decorators import role_required
from mentorship.selectors import current_year
from mentorship.selectors.pairs import pair_list
from surveys.forms_feedback import PAIRS, PEOPLE, FeedbackFilterForm
from surveys.meeting_feedback import feedback_overview as overview
from surveys.permissions import can_view_results

PAGE_SIZE = 50


@role_required(can_view_results)
def feedback_overview(request: HttpRequest) -> HttpResponse:
    # With no filter at all the page opens on the current year, by pairs.
    filters = FeedbackFilterForm(request.GET or None, initial={"year": current_year()})
    if filters.is_bound:
        cleaned = filters.cleaned_data if filters.is_valid() else {}
    else:
        cleaned = {"year": filters.initial["year"]}
    by_pair, by_person = overview(list(pair_list(filters=cleaned)))
    view = PEOPLE if cleaned.get("view") == PEOPLE else PAIRS
    rows = by_person if view == PEOPLE else by_pair
    if cleaned.get("unanswered"):
        rows = [row for row in rows if row.unanswered]
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    invited = sum(row.invited for row in by_pair)
    answered = sum(row.answered for row in by_pair)
    return render(
        request,
        "surveys/feedback/overview.html",
        {
            "filters": filters,
            "view": view,
            "page": page,
            "query": query.urlencode(),
            "totals": {
                "pairs": len(by_pair),
                "meetings": sum(row.meetings for row in by_pair),
                "invited": invited,
                "answered": answered,
                "percent": round(answered * 100 / invited) if invited else None,
            },
        },
    )
