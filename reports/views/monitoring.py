"""The monitoring reports: their list, a page each, PDF, DOCX and XLSX, the municipal export.

The curator and the director only (``can_view_reports``); everyone else gets a 403. Each
page takes ``?year=`` like the dashboard, and the files of a report are built from the same
data as its page.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from mentorship.decorators import role_required
from mentorship.exceptions import DomainError
from mentorship.models import Person, ProgrammeYear
from mentorship.selectors import programme_year_list
from reports.monitoring import builders, common, services
from reports.monitoring.forms import ExportColumnsForm, ReportNotesForm
from reports.monitoring.kinds import REPORTS
from reports.monitoring.permissions import (
    can_configure_exports,
    can_view_reports,
    can_write_report_notes,
)
from reports.monitoring.render import filename
from reports.monitoring.sheets import XLSX_MIME, municipal_file, workbook
from reports.renderers import DOCX_MIME, PDF_MIME, render_docx, render_pdf
from reports.views import download
from reports.views.dashboard import chosen_year

FILE_FORMATS = ("pdf", "docx", "xlsx")
MUNICIPAL_CARD = {
    "title": "Выгрузка для муниципалитета",
    "description": "Показатели года в столбцах, которые просит управление образования: "
    "вы выбираете их и их порядок. XLSX и CSV.",
}


def _year(request: HttpRequest) -> tuple[list[ProgrammeYear], ProgrammeYear | None]:
    years = list(programme_year_list())
    return years, chosen_year(years, request.GET.get("year", ""))


def _no_year(request: HttpRequest, title: str) -> HttpResponse:
    return render(request, "reports/monitoring/no_year.html", {"title": title})


def _with_year(url_name: str, year: ProgrammeYear, *args: str) -> str:
    return f"{reverse(url_name, args=args)}?year={year.pk}"


def _files(url_name: str, year: ProgrammeYear, formats: tuple[str, ...]) -> list[tuple[str, str]]:
    """The report's downloads: (label, address) for the page's buttons."""
    return [(fmt.upper(), _with_year(f"{url_name}-{fmt}", year)) for fmt in formats]


def _author(request: HttpRequest) -> Person | None:
    return Person.objects.filter(user=request.user).first()


@role_required(can_view_reports)
def report_list(request: HttpRequest) -> HttpResponse:
    years, year = _year(request)
    cards = []
    if year is not None:
        cards = [
            (kind, _with_year(kind.url_name, year), _files(kind.url_name, year, FILE_FORMATS))
            for kind in REPORTS.values()
        ]
        cards.append(
            (
                MUNICIPAL_CARD,
                _with_year("reports:report-municipal", year),
                _files("reports:report-municipal", year, ("xlsx", "csv")),
            )
        )
    return render(
        request, "reports/monitoring/list.html", {"years": years, "year": year, "cards": cards}
    )


@role_required(can_view_reports)
def report_page(request: HttpRequest, code: str) -> HttpResponse:
    kind = REPORTS[code]
    years, year = _year(request)
    if year is None:
        return _no_year(request, kind.title)
    today = timezone.localdate()
    data = kind.build(year, today)
    context = {
        "today": today,
        "kind": kind,
        "report": data,
        "charts": kind.charts(data),
        "years": years,
        "year": year,
        "files": _files(kind.url_name, year, FILE_FORMATS),
        "can_write": can_write_report_notes(request.user),
        "notes_url": _with_year("reports:report-notes", year, code),
    }
    return render(request, kind.template, context)


@role_required(can_view_reports)
def report_file(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    kind = REPORTS[code]
    _years, year = _year(request)
    if year is None:
        raise Http404("Нет учебного года")
    today = timezone.localdate()
    data = kind.build(year, today)
    if fmt == "xlsx":
        content, mime = workbook(kind.sheets(data)), XLSX_MIME
    else:
        doc = kind.document(data, today, _author(request))
        content, mime = (
            (render_pdf(doc), PDF_MIME) if fmt == "pdf" else (render_docx(doc), DOCX_MIME)
        )
    services.report_export_audit(
        report_code=code, fmt=fmt, year=year, actor=request.user, title=kind.title
    )
    return download(content, filename(code, year, today, fmt), mime)


@role_required(can_view_reports)
def report_notes(request: HttpRequest, code: str) -> HttpResponse:
    if code not in common.NOTE_SECTIONS:
        raise Http404("В этом отчёте нет текста куратора")
    if not can_write_report_notes(request.user):
        raise PermissionDenied
    kind = REPORTS[code]
    _years, year = _year(request)
    if year is None:
        return _no_year(request, kind.title)
    notes = common.report_notes(year=year, report_code=code)
    form = ReportNotesForm(request.POST or None, notes=notes)
    back = _with_year(kind.url_name, year)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_notes_save(
                year=year, report_code=code, texts=form.cleaned_data, actor=request.user
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Текст сохранён: он уже в отчёте и в его PDF.")
            return redirect(back)
    return render(
        request,
        "reports/monitoring/notes_form.html",
        {"kind": kind, "year": year, "form": form, "back": back},
    )


@role_required(can_view_reports)
def municipal(request: HttpRequest) -> HttpResponse:
    years, year = _year(request)
    if year is None:
        return _no_year(request, "Выгрузка для муниципалитета")
    export = builders.municipal_export(year=year, today=timezone.localdate())
    return render(
        request,
        "reports/monitoring/municipal.html",
        {
            "export": export,
            "years": years,
            "year": year,
            "files": _files("reports:report-municipal", year, ("xlsx", "csv")),
            "columns_url": _with_year("reports:report-municipal-columns", year),
            "can_configure": can_configure_exports(request.user),
        },
    )


@role_required(can_view_reports)
def municipal_download(request: HttpRequest, fmt: str) -> HttpResponse:
    _years, year = _year(request)
    if year is None:
        raise Http404("Нет учебного года")
    today = timezone.localdate()
    export = builders.municipal_export(year=year, today=today)
    stem = filename(common.MUNICIPAL, year, today, fmt).rsplit(".", 1)[0]
    file = municipal_file(export, fmt=fmt, stem=stem)
    services.report_export_audit(
        report_code=common.MUNICIPAL,
        fmt=fmt,
        year=year,
        actor=request.user,
        title="Выгрузка для муниципалитета",
    )
    return download(file.content, file.filename, file.content_type)


@role_required(can_configure_exports)
def municipal_columns(request: HttpRequest) -> HttpResponse:
    _years, year = _year(request)
    if year is None:
        return _no_year(request, "Выгрузка для муниципалитета")
    export = builders.municipal_export(year=year, today=timezone.localdate())
    form = ExportColumnsForm(
        request.POST or None,
        indicators=export.indicators,
        chosen=tuple(column.code for column in export.columns),
        initial={"title": export.title},
    )
    back = _with_year("reports:report-municipal", year)
    if request.method == "POST" and form.is_valid():
        try:
            services.export_template_save(
                title=form.cleaned_data["title"],
                columns=form.cleaned_data["columns"],
                available={indicator.code for indicator in export.indicators},
                actor=request.user,
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Столбцы выгрузки сохранены.")
            return redirect(back)
    return render(
        request,
        "reports/monitoring/municipal_columns.html",
        {"form": form, "export": export, "year": year, "back": back},
    )
