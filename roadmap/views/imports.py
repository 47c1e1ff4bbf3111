"""Import of a school's own roadmap: upload → preview → confirm, curator only.

The preview reads the file without writing; the file waits in private storage (the
people import's helpers) until the curator confirms, then the import runs again for real
in one transaction.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mentorship.decorators import role_required
from mentorship.exceptions import DomainError
from mentorship.models import ProgrammeYear
from mentorship.permissions import is_curator
from mentorship.selectors import current_year
from mentorship.services import transfer
from mentorship.services.transfer import ImportExpiredError
from roadmap import importing
from roadmap.forms_import import RoadmapImportConfirmForm, RoadmapImportForm
from roadmap.importing import RoadmapPreview

SESSION_KEY = "roadmap_import"
EXPIRED = "Загруженный файл устарел или уже импортирован: ничего не записано. Загрузите его снова."


@never_cache
@role_required(is_curator)
def roadmap_import(request: HttpRequest) -> HttpResponse:
    year = current_year()
    form = RoadmapImportForm(
        request.POST or None,
        request.FILES or None,
        taken_years=importing.years_with_roadmap(),
        initial={"year": year.pk} if year else None,
    )
    if request.method == "POST" and form.is_valid():
        upload, target = form.cleaned_data["file"], form.cleaned_data["year"]
        data = upload.read()
        try:
            preview = importing.build_preview(data, filename=upload.name, year=target)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            _forget_pending(request)
            token = transfer.import_upload_save(data=data)
            request.session[SESSION_KEY] = {
                "token": token, "filename": upload.name, "year": target.pk,
            }  # fmt: skip
            return _preview_page(request, preview, token=token)
    return render(request, "roadmap/import.html", {
        "form": form, "year": year, "has_years": ProgrammeYear.objects.exists(),
        "current_roadmap": importing.roadmap_of(year),
    })  # fmt: skip


@require_POST
@never_cache
@role_required(is_curator)
def roadmap_import_confirm(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(SESSION_KEY) or {}
    form = RoadmapImportConfirmForm(request.POST)
    if not form.is_valid() or form.cleaned_data["token"] != pending.get("token"):
        messages.error(request, EXPIRED)
        return redirect("roadmap:roadmap-import")
    year = ProgrammeYear.objects.filter(pk=pending.get("year")).first()
    if year is None:
        messages.error(request, "Учебный год, выбранный для импорта, удалён: ничего не записано.")
        return _restart(request)
    try:
        data = transfer.import_upload_read(token=pending["token"])
        preview = importing.build_preview(data, filename=pending["filename"], year=year)
        roadmap = importing.write(preview, year=year, actor=request.user)
    except ImportExpiredError:
        messages.error(request, EXPIRED)
        return _restart(request)
    except DomainError as exc:
        messages.error(request, str(exc))
        return _restart(request)
    _forget_pending(request)
    messages.success(request, f"Дорожная карта загружена. {preview.summary()}")
    return redirect(roadmap)


def _preview_page(request: HttpRequest, preview: RoadmapPreview, *, token: str) -> HttpResponse:
    return render(request, "roadmap/import_preview.html", {
        "preview": preview,
        "confirm_form": RoadmapImportConfirmForm(initial={"token": token}),
    })  # fmt: skip


def _restart(request: HttpRequest) -> HttpResponse:
    _forget_pending(request)
    return redirect("roadmap:roadmap-import")


def _forget_pending(request: HttpRequest) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        transfer.import_upload_discard(token=pending.get("token", ""))
