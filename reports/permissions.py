"""Who sees and changes documents: the curator prepares, the director approves; a pair's
mentor and mentees read only the approved programme or agreement of their own pair."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from mentorship.models import Mentorship, MentorshipMember
from mentorship.permissions import can_view_people
from reports.models import Document, DocumentStatus

# Kinds a pair's members may open once approved: they sign them and keep a copy.
PARTICIPANT_KINDS = ("programme", "agreement")


def can_view_documents(user) -> bool:
    """The register, drafts, previews and DOCX: the curator and the director."""
    return user.has_perm("reports.view_document")


def can_add_document(user) -> bool:
    return user.has_perm("reports.add_document")


def can_change_documents(user) -> bool:
    return user.has_perm("reports.change_document")


def can_approve_document(user) -> bool:
    return user.has_perm("reports.approve_document")


def can_view_registers(user) -> bool:
    return user.has_perm("reports.view_register")


def can_change_register(user) -> bool:
    return user.has_perm("reports.change_register")


def can_print_person_forms(user) -> bool:
    """Blanks carry a person's data: those who keep the documents and see every card."""
    return can_add_document(user) and can_view_people(user)


def documents_visible_to(user) -> QuerySet[Document]:
    """All documents for the curator and director; for anyone else the approved programmes
    and agreements of the pairs he leads or is a current mentee of."""
    if can_view_documents(user):
        return Document.objects.all()
    if not user.is_authenticated:
        return Document.objects.none()
    current = MentorshipMember.objects.filter(left_on__isnull=True, mentee__person__user=user)
    pairs = Mentorship.objects.filter(
        Q(mentor__person__user=user) | Q(pk__in=current.values("mentorship_id"))
    )
    links = Document.mentorships.through.objects.filter(mentorship__in=pairs)
    return Document.objects.filter(
        status=DocumentStatus.APPROVED,
        kind__in=PARTICIPANT_KINDS,
        pk__in=links.values("document_id"),
    )


def can_edit_document(user, document: Document) -> bool:
    """Change and submit: a draft, by those who prepare documents."""
    return can_change_documents(user) and document.is_editable


def can_submit_document(user, document: Document) -> bool:
    return can_edit_document(user, document)


def can_decide_document(user, document: Document) -> bool:
    """Approve or return: the director, on a submitted document."""
    return can_approve_document(user) and document.status == DocumentStatus.SUBMITTED


def can_cancel_document(user, document: Document) -> bool:
    """The curator cancels drafts and submitted ones; a signed one only the director."""
    if document.status == DocumentStatus.APPROVED:
        return can_approve_document(user)
    if document.status in (DocumentStatus.DRAFT, DocumentStatus.SUBMITTED):
        return can_change_documents(user)
    return False
