"""URLs of the documents app, mounted at ``/documents/`` with the namespace ``reports``."""

from __future__ import annotations

from django.urls import include, path

from reports.views import closing, dashboard, documents, monitoring, public, registers, workflow

app_name = "reports"

document_urls = [
    path("", documents.document_detail, name="document-detail"),
    path("edit/", documents.document_update, name="document-update"),
    path("preview/", documents.document_preview, name="document-preview"),
    path("pdf/", documents.document_pdf, name="document-pdf"),
    path("docx/", documents.document_docx, name="document-docx"),
    path("submit/", workflow.document_submit, name="document-submit"),
    path("approve/", workflow.document_approve, name="document-approve"),
    path("return/", workflow.document_return, name="document-return"),
    path("cancel/", workflow.document_cancel, name="document-cancel"),
    path("public/", public.document_public, name="document-public"),
]

urlpatterns = [
    path("", documents.document_list, name="document-list"),
    path("new/", documents.document_create, name="document-create"),
    path("<slug:kind>/new/", documents.document_create_kind, name="document-create-kind"),
    path("<int:pk>/", include(document_urls)),
    path("approvals/", workflow.approvals, name="approvals"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("pairs-order/", workflow.pairs_order_create, name="pairs-order-create"),
    path(
        "pairs/<int:pk>/programme/",
        workflow.programme_document_create,
        name="programme-document-create",
    ),
    path(
        "people/<int:pk>/forms/<slug:kind>.<str:fmt>",
        registers.person_form,
        name="person-form",
    ),
    path("registers/", registers.register_list, name="register-list"),
    path("registers/<int:pk>/", registers.register_update_view, name="register-update"),
    path("public-page/", public.public_settings, name="public-settings"),
    path("year/close/", closing.year_close, name="year-close"),
    path("year/close/graduates/", closing.year_close_graduates, name="year-close-graduates"),
    path("year/close/next/", closing.year_close_next, name="year-close-next"),
    path("year/close/preview/", closing.year_close_preview, name="year-close-preview"),
]


# Monitoring reports (reports/views/monitoring.py): a page each, with its PDF, DOCX and XLSX.
def _report(slug: str, code: str) -> list:
    name = f"report-{code}"
    return [
        path(f"{slug}/", monitoring.report_page, {"code": code}, name=name),
        path(
            f"{slug}/pdf/", monitoring.report_file, {"code": code, "fmt": "pdf"}, name=f"{name}-pdf"
        ),
        path(
            f"{slug}/docx/",
            monitoring.report_file,
            {"code": code, "fmt": "docx"},
            name=f"{name}-docx",
        ),
        path(
            f"{slug}/xlsx/",
            monitoring.report_file,
            {"code": code, "fmt": "xlsx"},
            name=f"{name}-xlsx",
        ),
    ]


report_urls = [
    path("", monitoring.report_list, name="report-list"),
    *_report("stage-1", "stage1"),
    *_report("stage-2", "stage2"),
    *_report("satisfaction", "satisfaction"),
    *_report("annual", "annual"),
    path("<slug:code>/notes/", monitoring.report_notes, name="report-notes"),
    path("municipal/", monitoring.municipal, name="report-municipal"),
    path("municipal/columns/", monitoring.municipal_columns, name="report-municipal-columns"),
    path(
        "municipal/xlsx/",
        monitoring.municipal_download,
        {"fmt": "xlsx"},
        name="report-municipal-xlsx",
    ),
    path(
        "municipal/csv/", monitoring.municipal_download, {"fmt": "csv"}, name="report-municipal-csv"
    ),
]
urlpatterns.append(path("reports/", include(report_urls)))
