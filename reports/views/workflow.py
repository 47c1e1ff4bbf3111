"""The documents' workflow: submit, approve, return, cancel; the director's queue; one-click
drafts from the pairs and programme pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentorship.decorators import role_required
from mentorship.exceptions import DomainError, error_text
from mentorship.models import PersonalProgramme
from mentorship.permissions import mentorships_visible_to
from mentorship.selectors import current_year
from reports import permissions, selectors, services
from reports.documents import get_kind
from reports.forms import ApproveForm, CancelForm, ReturnForm
from reports.models import Document, DocumentStatus, Register
from reports.views import get_document

# DocumentError and the other apps' domain errors (a roadmap event that cannot be fulfilled).
DOMAIN_ERRORS = (DomainError, ValidationError)


@require_POST
@login_required
def document_submit(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document(request, pk)
    if not permissions.can_change_documents(request.user):
        raise PermissionDenied
    try:
        services.document_submit(document=document, actor=request.user)
    except DOMAIN_ERRORS as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, "Документ передан директору на утверждение.")
    return redirect(document)


def _submitted(request: HttpRequest, pk: int) -> Document | HttpResponse:
    """A submitted document for the director: 404 if hidden, 403 if not his to decide."""
    document = get_document(request, pk)
    if not permissions.can_approve_document(request.user):
        raise PermissionDenied
    if document.status != DocumentStatus.SUBMITTED:
        messages.error(
            request, f"Документ сейчас «{document.get_status_display()}»: решение уже принято."
        )
        return redirect(document)
    return document


def next_number_text(document: Document, on) -> str:
    """The number the register will give on approval, or "" for kinds kept without one."""
    code = get_kind(document.kind).register_code
    register = Register.objects.filter(code=code).first() if code else None
    if register is None:
        return ""
    return register.format_number(services.next_number(register, on.year), on.year)


@login_required
def document_approve(request: HttpRequest, pk: int) -> HttpResponse:
    document = _submitted(request, pk)
    if isinstance(document, HttpResponse):
        return document
    form = ApproveForm(request.POST or None, initial={"on": services.default_date(document)})
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_approve(
                document=document, on=form.cleaned_data["on"], actor=request.user
            )
        except DOMAIN_ERRORS as exc:
            messages.error(request, error_text(exc))
        else:
            number = f" под № {document.number}" if document.number else ""
            messages.success(request, f"Документ утверждён{number}.")
        return redirect(document)
    on = form.cleaned_data["on"] if form.is_bound and form.is_valid() else form.initial["on"]
    return render(
        request,
        "reports/document_approve.html",
        {
            "document": document,
            "form": form,
            "next_number": next_number_text(document, on),
            "number_year": on.year,
            "register_code": get_kind(document.kind).register_code,
        },
    )


@login_required
def document_return(request: HttpRequest, pk: int) -> HttpResponse:
    document = _submitted(request, pk)
    if isinstance(document, HttpResponse):
        return document
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_return(
                document=document, comment=form.cleaned_data["comment"], actor=request.user
            )
        except DOMAIN_ERRORS as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, "Документ возвращён куратору на доработку.")
        return redirect(document)
    return render(request, "reports/document_return.html", {"document": document, "form": form})


@login_required
def document_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document(request, pk)
    if document.status == DocumentStatus.CANCELLED:
        messages.error(request, "Документ уже отменён.")
        return redirect(document)
    if not permissions.can_cancel_document(request.user, document):
        raise PermissionDenied
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_cancel(
                document=document, reason=form.cleaned_data["reason"], actor=request.user
            )
        except DOMAIN_ERRORS as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, "Документ отменён.")
        return redirect(document)
    return render(request, "reports/document_cancel.html", {"document": document, "form": form})


@role_required(permissions.can_approve_document)
def approvals(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reports/approvals.html",
        {"documents": list(selectors.documents_to_approve())},
    )


@require_POST
@role_required(permissions.can_add_document)
def pairs_order_create(request: HttpRequest) -> HttpResponse:
    year = current_year()
    if year is None:
        messages.error(request, "Сначала выберите текущий учебный год в настройках.")
        return redirect("mentorship:pair-list")
    try:
        document = services.pairs_order_create(year=year, actor=request.user)
    except DOMAIN_ERRORS as exc:
        messages.error(request, error_text(exc))
        return redirect("mentorship:pair-list")
    messages.success(request, "Проект приказа о закреплении пар создан. Проверьте его.")
    return redirect(document)


@require_POST
@role_required(permissions.can_add_document)
def programme_document_create(request: HttpRequest, pk: int) -> HttpResponse:
    mentorship = get_object_or_404(
        mentorships_visible_to(request.user).select_related("year"), pk=pk
    )
    existing = selectors.open_programme_document(mentorship=mentorship)
    if existing is not None:
        messages.info(request, "Документ этой программы уже готовится: вот он.")
        return redirect(existing)
    if not PersonalProgramme.objects.filter(mentorship=mentorship).exists():
        messages.error(request, "У этой пары ещё нет персонализированной программы.")
        return redirect("mentorship:programme-detail", pk=mentorship.pk)
    try:
        document = services.document_create(
            kind="programme", year=mentorship.year, actor=request.user, mentorships=[mentorship]
        )
    except DOMAIN_ERRORS as exc:
        messages.error(request, error_text(exc))
        return redirect("mentorship:programme-detail", pk=mentorship.pk)
    messages.success(request, "Черновик документа программы создан.")
    return redirect(document)
