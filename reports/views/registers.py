"""The registration journals and their number patterns; a person's blanks to sign."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from mentorship.decorators import role_required
from mentorship.exceptions import error_text
from mentorship.permissions import people_visible_to
from reports import permissions, selectors
from reports.documents.base import FORM_KINDS
from reports.forms import RegisterForm
from reports.models import Register
from reports.renderers import DOCX_MIME, PDF_MIME, filename_for, render_docx, render_pdf
from reports.services import person_form_export_audit, register_update
from reports.views import download

FORMATS = {"pdf": (render_pdf, PDF_MIME), "docx": (render_docx, DOCX_MIME)}


@role_required(permissions.can_view_registers)
def register_list(request: HttpRequest) -> HttpResponse:
    year = timezone.localdate().year
    return render(
        request,
        "reports/register_list.html",
        {
            "registers": [
                (register, register.format_number(1, year)) for register in selectors.registers()
            ],
            "can_change": permissions.can_change_register(request.user),
        },
    )


@role_required(permissions.can_change_register)
def register_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    register = get_object_or_404(Register, pk=pk)
    form = RegisterForm(request.POST or None, instance=Register.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            register_update(
                register=register,
                title=form.cleaned_data["title"],
                pattern=form.cleaned_data["pattern"],
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, f"Журнал «{form.cleaned_data['title']}» сохранён.")
            return redirect("reports:register-list")
    example = register.format_number(7, timezone.localdate().year)
    return render(
        request,
        "reports/register_form.html",
        {"form": form, "register": register, "example": example},
    )


@role_required(permissions.can_print_person_forms)
def person_form(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    """A blank (consent, the mentor's agreement) filled with the person's data, to sign."""
    blank = FORM_KINDS.get(kind)
    if blank is None or fmt not in FORMATS:
        raise Http404("Нет такого бланка")
    person = get_object_or_404(people_visible_to(request.user).not_anonymised(), pk=pk)
    render_bytes, mimetype = FORMATS[fmt]
    doc = blank.build(person=person)
    content = render_bytes(doc)
    person_form_export_audit(
        person=person, kind=kind, title=blank.title, fmt=fmt, actor=request.user
    )
    return download(content, filename_for(doc, fmt), mimetype)
