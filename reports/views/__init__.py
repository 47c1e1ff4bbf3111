"""Pages of the documents app: the register and documents, the workflow, registers and blanks."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from reports.documents import build_document
from reports.models import Document
from reports.permissions import documents_visible_to
from reports.printing import PrintDocument, from_json
from reports.services import DocumentError


def get_document(request: HttpRequest, pk: int) -> Document:
    """The document through the visibility policy: someone else's is a 404."""
    return get_object_or_404(
        documents_visible_to(request.user).select_related(
            "year", "created_by", "approved_by", "register", "event"
        ),
        pk=pk,
    )


def printed(document: Document) -> PrintDocument:
    """What the document prints: the frozen data once approved, else built from the domain."""
    if document.data:
        return from_json(document.data)
    try:
        return build_document(document)
    except (KeyError, ValueError, ObjectDoesNotExist) as exc:
        raise DocumentError(
            "В документе не хватает данных: откройте черновик и заполните все поля."
        ) from exc


def download(data: bytes, filename: str, mimetype: str) -> HttpResponse:
    response = HttpResponse(data, content_type=mimetype)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
