"""URLs of the documents app, mounted at ``/documents/`` with the namespace ``reports``."""

from __future__ import annotations

from django.urls import include, path

from reports.views import documents, registers, workflow

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
]

urlpatterns = [
    path("", documents.document_list, name="document-list"),
    path("new/", documents.document_create, name="document-create"),
    path("<slug:kind>/new/", documents.document_create_kind, name="document-create-kind"),
    path("<int:pk>/", include(document_urls)),
    path("approvals/", workflow.approvals, name="approvals"),
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
]
