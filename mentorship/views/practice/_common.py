"""Helpers shared by the practice pages: paging, service errors on a form, file downloads."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest

from mentorship.exceptions import DomainError, error_text

PAGE_SIZE = 30


def paged(request: HttpRequest, qs: QuerySet) -> tuple[Page, str]:
    """One page of the list and the query string of its filters, for the page links."""
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def filter_data(filters: forms.Form) -> dict:
    return filters.cleaned_data if filters.is_bound and filters.is_valid() else {}


def show_errors(form: forms.Form, exc: DomainError | ValidationError) -> None:
    """Put a service's refusal on the form: on its field when the form has one."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return
    form.add_error(None, error_text(exc))


def download(file: FieldFile, stem: str) -> FileResponse:
    """A private file, shown in the browser (PDF or picture) under a plain Latin name."""
    if not file:
        raise Http404("Файл не загружен")
    name = file.name
    suffix = name[name.rfind(".") :].lower() if "." in name.rsplit("/", 1)[-1] else ""
    try:
        handle = file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Файл не найден") from exc
    return FileResponse(handle, as_attachment=False, filename=f"{stem}{suffix}")
