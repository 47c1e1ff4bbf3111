"""«Журнал выгрузок персональных данных»: who exported what and when (curator, director)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mentorship import permissions
from mentorship.decorators import role_required
from mentorship.forms.export_log import ExportLogFilterForm
from mentorship.selectors.export_log import export_entries, export_log_rows

PAGE_SIZE = 50


@role_required(permissions.can_view_export_log)
def export_log(request: HttpRequest) -> HttpResponse:
    filters = ExportLogFilterForm(request.GET or None)
    cleaned = filters.cleaned_data if filters.is_bound and filters.is_valid() else {}
    entries = export_entries(
        actor=cleaned.get("actor"),
        date_from=cleaned.get("date_from"),
        date_to=cleaned.get("date_to"),
        action=cleaned.get("action", ""),
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "mentorship/export_log.html",
        {
            "filters": filters,
            "page": page,
            "rows": export_log_rows(list(page.object_list)),
            "query": query.urlencode(),
        },
    )
