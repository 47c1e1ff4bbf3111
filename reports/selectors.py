"""Reads of the documents pages: the register, the director's queue, a document's history."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from mentorship.models import Mentorship, MentorshipMember
from reports.models import Document, DocumentStatus, DocumentTransition, Register

# Everything a register row shows, in the row's one query.
ROW_RELATED = ("year", "created_by", "approved_by", "register")


def document_list(*, filters: dict[str, Any]) -> QuerySet[Document]:
    """The register: newest first, filtered by kind, status, year and a search on number or title."""
    documents = Document.objects.select_related(*ROW_RELATED).order_by("-created_at", "-pk")
    if filters.get("kind"):
        documents = documents.filter(kind=filters["kind"])
    if filters.get("status"):
        documents = documents.filter(status=filters["status"])
    if filters.get("year"):
        documents = documents.filter(year=filters["year"])
    query = (filters.get("q") or "").strip()
    if query:
        documents = documents.filter(Q(number__icontains=query) | Q(title__icontains=query))
    return documents


def kind_counts(*, filters: dict[str, Any]) -> dict[str, int]:
    """How many documents of each kind match the other filters (the register's tabs)."""
    rest = {key: value for key, value in filters.items() if key != "kind"}
    rows = (
        document_list(filters=rest)
        .order_by()
        .values("kind")
        .annotate(total=Count("pk"))
        .values_list("kind", "total")
    )
    return dict(rows)


def documents_to_approve() -> QuerySet[Document]:
    """Submitted documents, the longest waiting first."""
    return (
        Document.objects.filter(status=DocumentStatus.SUBMITTED)
        .select_related(*ROW_RELATED)
        .order_by("updated_at", "pk")
    )


def returned_drafts() -> QuerySet[Document]:
    """Drafts the director sent back with remarks, the latest first."""
    return (
        Document.objects.filter(status=DocumentStatus.DRAFT)
        .exclude(return_comment="")
        .select_related("year", "created_by")
        .order_by("-updated_at", "-pk")
    )


def document_history(*, document: Document) -> list[DocumentTransition]:
    return list(document.transitions.select_related("actor").order_by("at", "pk"))


def open_programme_document(*, mentorship: Mentorship) -> Document | None:
    """A programme draft or submitted document of the pair already in the works."""
    return (
        Document.objects.filter(
            kind="programme",
            mentorships=mentorship,
            status__in=(DocumentStatus.DRAFT, DocumentStatus.SUBMITTED),
        )
        .order_by("-pk")
        .first()
    )


def registers() -> QuerySet[Register]:
    return Register.objects.annotate(
        total=Count("documents", filter=Q(documents__sequence__isnull=False))
    ).order_by("pk")


def document_pairs(*, document: Document) -> list[Mentorship]:
    """The pairs and groups a document names: mentor, form and current mentees (two queries)."""
    members = MentorshipMember.objects.filter(left_on__isnull=True).select_related("mentee__person")
    return list(
        document.mentorships.select_related("mentor__person", "form")
        .prefetch_related(Prefetch("members", queryset=members, to_attr="current_members"))
        .order_by("mentor__person__search_key", "pk")
    )
