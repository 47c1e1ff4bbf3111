"""Import of people and export of people and the banks: the curator's pages.

Upload → preview (a dry run; the file waits in private storage) → confirm (the import
for real, in one transaction). Exports carry personal data of many people: curator only,
each one audited, never cached.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mentorship import permissions
from mentorship.decorators import role_required
from mentorship.exceptions import DomainError
from mentorship.exporting import ExportFile
from mentorship.forms.people import PersonFilterForm
from mentorship.forms.transfer import ExportForm, PeopleImportConfirmForm, PeopleImportForm
from mentorship.importing import IMPORT_KIND_LABELS, ImportPreview, ImportRowsError, RowStatus
from mentorship.services import transfer
from mentorship.services.transfer import ImportExpiredError

SESSION_KEY = "people_import"


@never_cache
@role_required(permissions.can_import_people)
def people_import(request: HttpRequest) -> HttpResponse:
    form = PeopleImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload, kind = form.cleaned_data["file"], form.cleaned_data["kind"]
        data = upload.read()
        try:
            preview = transfer.people_import(
                data=data, filename=upload.name, kind=kind, actor=request.user, dry_run=True
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            _forget_pending(request)
            token = transfer.import_upload_save(data=data)
            request.session[SESSION_KEY] = {"token": token, "kind": kind, "filename": upload.name}
            return _preview_page(request, preview, token=token, filename=upload.name)
    return render(request, "mentorship/transfer/people_import.html", {"form": form})


@require_POST
@never_cache
@role_required(permissions.can_import_people)
def people_import_confirm(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(SESSION_KEY) or {}
    form = PeopleImportConfirmForm(request.POST, has_errors=True)
    if not form.is_valid() or form.cleaned_data["token"] != pending.get("token"):
        return _expired(request)
    try:
        data = transfer.import_upload_read(token=pending["token"])
        preview = transfer.people_import(
            data=data,
            filename=pending["filename"],
            kind=pending["kind"],
            actor=request.user,
            dry_run=False,
            skip_errors=form.cleaned_data["skip_errors"],
        )
    except ImportExpiredError:
        _forget_pending(request)
        return _expired(request)
    except ImportRowsError as exc:
        messages.error(request, str(exc))
        return _preview_page(
            request, exc.preview, token=pending["token"], filename=pending["filename"]
        )
    except DomainError as exc:
        _forget_pending(request)
        messages.error(request, str(exc))
        return redirect("mentorship:people-import")
    _forget_pending(request)
    messages.success(request, preview.summary())
    return redirect(_people_list_url())


def _preview_page(
    request: HttpRequest, preview: ImportPreview, *, token: str, filename: str
) -> HttpResponse:
    counts = preview.counts
    return render(
        request,
        "mentorship/transfer/people_import_preview.html",
        {
            "preview": preview,
            "filename": filename,
            "kind_label": IMPORT_KIND_LABELS[preview.kind],
            "status_counts": [(status, counts[status]) for status in RowStatus],
            "confirm_form": PeopleImportConfirmForm(
                initial={"token": token}, has_errors=preview.has_errors
            ),
        },
    )


def _expired(request: HttpRequest) -> HttpResponse:
    return render(request, "mentorship/transfer/people_import_expired.html")


def _forget_pending(request: HttpRequest) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        transfer.import_upload_discard(token=pending.get("token", ""))


def _people_list_url() -> str:
    # The people list lands in a parallel change; until its URL exists, go to the home page.
    try:
        return reverse("mentorship:person-list")
    except NoReverseMatch:
        return reverse("mentorship:curator-home")


def _download(export: ExportFile) -> HttpResponse:
    return HttpResponse(
        export.content,
        content_type=export.content_type,
        headers={"Content-Disposition": content_disposition_header(True, export.filename)},
    )


def _export_form(request: HttpRequest) -> ExportForm | None:
    form = ExportForm(request.GET)
    return form if form.is_valid() else None


BAD_EXPORT = "Неизвестный формат или фильтр выгрузки: формат — xlsx или csv."


@never_cache
@role_required(permissions.can_export_people)
def people_export(request: HttpRequest) -> HttpResponse:
    form, filters = _export_form(request), PersonFilterForm(request.GET)
    if form is None or not filters.is_valid():
        return HttpResponseBadRequest(BAD_EXPORT)
    return _download(
        transfer.people_export(
            fmt=form.cleaned_data["format"], filters=filters.cleaned_data, actor=request.user
        )
    )


@never_cache
@role_required(permissions.can_export_people)
def mentees_export(request: HttpRequest) -> HttpResponse:
    form = _export_form(request)
    if form is None:
        return HttpResponseBadRequest(BAD_EXPORT)
    return _download(transfer.mentees_export(fmt=form.cleaned_data["format"], actor=request.user))


@never_cache
@role_required(permissions.can_export_people)
def mentors_export(request: HttpRequest) -> HttpResponse:
    form = _export_form(request)
    if form is None:
        return HttpResponseBadRequest(BAD_EXPORT)
    return _download(transfer.mentors_export(fmt=form.cleaned_data["format"], actor=request.user))
