"""The register of documents: the list, creating and editing drafts, the page, downloads."""

from __future__ import annotations

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.clickjacking import xframe_options_sameorigin

from mentorship.decorators import role_required
from mentorship.exceptions import DomainError, error_text
from mentorship.selectors import current_year
from reports import permissions, selectors, services
from reports.documents import KINDS
from reports.documents.base import params_to_json
from reports.forms import DocumentFilterForm, DocumentForms
from reports.models import Document
from reports.renderers import (
    DOCX_MIME,
    PDF_MIME,
    filename_for,
    render_docx,
    render_html,
    render_pdf,
)
from reports.services import DocumentError
from reports.views import download, get_document, printed

PAGE_SIZE = 50


@role_required(permissions.can_view_documents)
def document_list(request: HttpRequest) -> HttpResponse:
    filters = DocumentFilterForm(request.GET or None)
    cleaned = filters.cleaned_data if filters.is_valid() else {}
    page = Paginator(selectors.document_list(filters=cleaned), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/document_list.html",
        {
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "tabs": _kind_tabs(request, cleaned),
            "can_add": permissions.can_add_document(request.user),
            "can_approve": permissions.can_approve_document(request.user),
            "can_view_registers": permissions.can_view_registers(request.user),
        },
    )


def _kind_tabs(request: HttpRequest, cleaned: dict) -> list[dict]:
    """«Все» and each kind that has documents under the other filters, with its count."""
    counts = selectors.kind_counts(filters=cleaned)
    base = request.GET.copy()
    for key in ("page", "kind"):
        base.pop(key, None)
    current = cleaned.get("kind", "")
    tabs = [{"label": "Все", "count": sum(counts.values()), "code": ""}]
    tabs += [
        {"label": str(kind.title).capitalize(), "count": counts[code], "code": code}
        for code, kind in KINDS.items()
        if counts.get(code) or code == current
    ]
    for tab in tabs:
        query = base.copy()
        if tab["code"]:
            query["kind"] = tab["code"]
        tab["url"] = f"?{query.urlencode()}"
        tab["active"] = tab["code"] == current
    return tabs


@role_required(permissions.can_add_document)
def document_create(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reports/document_create.html",
        {"kinds": list(KINDS.values()), "year": current_year()},
    )


@role_required(permissions.can_add_document)
def document_create_kind(request: HttpRequest, kind: str) -> HttpResponse:
    spec = KINDS.get(kind)
    if spec is None:
        raise Http404("Нет такого вида документа")
    year = current_year()
    if year is None:
        messages.error(request, "Сначала выберите текущий учебный год в настройках.")
        return redirect("reports:document-create")
    params = spec.initial(year=year)
    initial = {
        "title": spec.default_title,
        "preamble": spec.default_preamble(params=params_to_json(params)),
        "event": services.suggested_event(kind=kind, year=year),
    }
    forms = DocumentForms(
        kind=spec, year=year, data=request.POST or None, initial=initial, params=params
    )
    if request.method == "POST" and forms.is_valid():
        fields, params, mentorships = forms.cleaned()
        try:
            document = services.document_create(
                kind=kind,
                year=year,
                actor=request.user,
                params=params,
                title=fields["title"],
                preamble=fields.get("preamble"),
                extra_items=fields.get("extra_items", ""),
                mentorships=mentorships or (),
                event=fields["event"],
            )
        except (DomainError, ValidationError) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, "Черновик создан. Проверьте его и передайте на утверждение.")
            return redirect(document)
    return render(
        request,
        "reports/document_form.html",
        {"forms": forms, "kind": spec, "year": year, "document": None},
    )


@login_required
def document_update(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document(request, pk)
    if not permissions.can_change_documents(request.user):
        raise PermissionDenied
    if not permissions.can_edit_document(request.user, document):
        messages.error(request, "Изменять можно только черновик: верните документ на доработку.")
        return redirect(document)
    spec = KINDS.get(document.kind)
    if spec is None:
        raise Http404("Нет такого вида документа")
    pairs = list(document.mentorships.values_list("pk", flat=True))
    initial = {
        "title": document.title,
        "event": document.event_id,
        "preamble": document.preamble,
        "extra_items": document.extra_items,
    }
    params = {**document.params, "mentorships": pairs, "mentorship": pairs[0] if pairs else None}
    forms = DocumentForms(
        kind=spec, year=document.year, data=request.POST or None, initial=initial, params=params
    )
    if request.method == "POST" and forms.is_valid():
        fields, params, mentorships = forms.cleaned()
        try:
            services.document_update(
                document=document,
                actor=request.user,
                params=params,
                title=fields["title"],
                preamble=fields.get("preamble", ""),
                extra_items=fields.get("extra_items", ""),
                mentorships=mentorships,
                event=fields["event"],
            )
        except (DomainError, ValidationError) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, "Черновик сохранён.")
            return redirect(document)
    return render(
        request,
        "reports/document_form.html",
        {"forms": forms, "kind": spec, "year": document.year, "document": document},
    )


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document(request, pk)
    user = request.user
    staff = permissions.can_view_documents(user)
    return render(
        request,
        "reports/document_detail.html",
        {
            "document": document,
            "history": selectors.document_history(document=document) if staff else [],
            "pairs": selectors.document_pairs(document=document) if staff else [],
            "is_staff_view": staff,
            "can_edit": permissions.can_edit_document(user, document),
            "can_submit": permissions.can_submit_document(user, document),
            "can_decide": permissions.can_decide_document(user, document),
            "can_cancel": permissions.can_cancel_document(user, document),
            "can_docx": staff,
        },
    )


def _staff_document(request: HttpRequest, pk: int) -> Document:
    """Previews and DOCX are working copies: the curator's and the director's only."""
    document = get_document(request, pk)
    if not permissions.can_view_documents(request.user):
        raise PermissionDenied
    return document


# The document page shows the preview in an <iframe>: our own pages may frame it, nobody else.
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})
@login_required
def document_preview(request: HttpRequest, pk: int) -> HttpResponse:
    document = _staff_document(request, pk)
    try:
        html = render_html(printed(document), preview=True)
    except DocumentError as exc:
        return render(request, "reports/preview_error.html", {"error": str(exc)})
    return HttpResponse(html)


@login_required
def document_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document(request, pk)
    if document.is_frozen and document.pdf:
        # The signed file exactly as stored at approval: its SHA-256 is on the document page.
        return FileResponse(
            document.pdf.open("rb"),
            as_attachment=True,
            filename=filename_for(printed(document), "pdf"),
            content_type=PDF_MIME,
        )
    if not permissions.can_view_documents(request.user):
        raise PermissionDenied
    try:
        doc = printed(document)
    except DocumentError as exc:
        messages.error(request, str(exc))
        return redirect(document)
    return download(render_pdf(doc), filename_for(doc, "pdf"), PDF_MIME)


@login_required
def document_docx(request: HttpRequest, pk: int) -> HttpResponse:
    document = _staff_document(request, pk)
    try:
        doc = printed(document)
    except DocumentError as exc:
        messages.error(request, str(exc))
        return redirect(document)
    return download(render_docx(doc), filename_for(doc, "docx"), DOCX_MIME)
