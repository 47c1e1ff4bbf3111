"""Changes of documents: draft, submit, return, approve (number + frozen PDF), cancel."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from mentorship.common import audit, model_update
from mentorship.exceptions import DomainError
from mentorship.models import Mentorship, Person, ProgrammeYear, User
from reports.documents import build_document, get_kind
from reports.documents.orders import PairsOrder, open_pairs_for_order
from reports.models import Document, DocumentStatus, DocumentTransition, Register
from reports.printing import to_json
from reports.renderers import filename_for, render_pdf, sha256
from roadmap.models import Event, EventStatus
from roadmap.services import event_fulfil


class DocumentError(DomainError):
    pass


def _user(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


def suggested_event(*, kind: str, year: ProgrammeYear) -> Event | None:
    """The first not-done roadmap event of the year that expects this kind of document."""
    roadmap_kind = get_kind(kind).roadmap_kind
    if not roadmap_kind:
        return None
    return (
        Event.objects.filter(stage__roadmap__year=year, document_kind=roadmap_kind)
        .exclude(status__in=(EventStatus.DONE, EventStatus.CANCELLED))
        .order_by("end_date", "stage__number", "order", "pk")
        .first()
    )


def _record(document: Document, previous: str, actor: User | None, comment: str = "") -> None:
    DocumentTransition.objects.create(
        document=document,
        from_status=previous,
        to_status=document.status,
        actor=_user(actor),
        comment=comment,
    )


@transaction.atomic
def document_create(
    *,
    kind: str,
    year: ProgrammeYear,
    actor: User | None,
    params: dict[str, Any] | None = None,
    title: str = "",
    preamble: str | None = None,
    extra_items: str = "",
    mentorships: Iterable[Mentorship] = (),
    event: Event | None = None,
) -> Document:
    """Create a draft; the preamble starts as the kind's default text (editable later)."""
    spec = get_kind(kind)
    params = params or {}
    document = Document(
        kind=kind,
        year=year,
        title=title or spec.default_title,
        params=params,
        preamble=spec.default_preamble(params=params) if preamble is None else preamble,
        extra_items=extra_items,
        event=event if event is not None else suggested_event(kind=kind, year=year),
        created_by=_user(actor),
    )
    document.full_clean()
    document.save()
    mentorships = list(mentorships)
    if mentorships:
        document.mentorships.set(mentorships)
    _record(document, "", actor, "Создан черновик")
    audit(actor=actor, action="document.create", obj=document, data={"kind": kind})
    return document


@transaction.atomic
def document_update(
    *,
    document: Document,
    actor: User | None,
    params: dict[str, Any],
    title: str,
    preamble: str = "",
    extra_items: str = "",
    mentorships: Iterable[Mentorship] | None = None,
    event: Event | None = None,
) -> Document:
    document = Document.objects.select_for_update().get(pk=document.pk)
    if not document.is_editable:
        raise DocumentError("Изменять можно только черновик: верните документ на доработку.")
    document.params = params
    document.title = title
    document.preamble = preamble
    document.extra_items = extra_items
    document.event = event
    document.full_clean()
    document.save(
        update_fields=["params", "title", "preamble", "extra_items", "event", "updated_at"]
    )
    if mentorships is not None:
        document.mentorships.set(list(mentorships))
    audit(actor=actor, action="document.update", obj=document)
    return document


def _move(document: Document, status: str) -> str:
    if not document.can_transition_to(status):
        raise DocumentError(
            f"Документ «{document.title}» сейчас «{document.get_status_display()}»: "
            f"перевести его в «{DocumentStatus(status).label}» нельзя."
        )
    previous = document.status
    document.status = status
    return previous


def _check_ready(document: Document) -> None:
    spec = get_kind(document.kind)
    if spec.uses_mentorships and not document.mentorships.exists():
        raise DocumentError("В документе нет ни одной пары или группы.")
    try:
        spec.build(document)
    except (KeyError, Mentorship.DoesNotExist) as exc:
        raise DocumentError(
            "В документе не хватает данных: откройте черновик и заполните все поля."
        ) from exc


@transaction.atomic
def document_submit(*, document: Document, actor: User | None) -> Document:
    document = Document.objects.select_for_update().get(pk=document.pk)
    _check_ready(document)
    previous = _move(document, DocumentStatus.SUBMITTED)
    document.return_comment = ""
    document.save(update_fields=["status", "return_comment", "updated_at"])
    _record(document, previous, actor, "Передан на утверждение")
    audit(actor=actor, action="document.submit", obj=document)
    return document


@transaction.atomic
def document_return(*, document: Document, comment: str, actor: User | None) -> Document:
    """The director sends the document back to the curator with what to change."""
    if not comment.strip():
        raise DocumentError("Напишите, что нужно исправить.")
    document = Document.objects.select_for_update().get(pk=document.pk)
    previous = _move(document, DocumentStatus.DRAFT)
    document.return_comment = comment.strip()
    document.save(update_fields=["status", "return_comment", "updated_at"])
    _record(document, previous, actor, document.return_comment)
    audit(actor=actor, action="document.return", obj=document, data={"comment": comment})
    return document


# The registers every school starts with (also created by migration 0002).
DEFAULT_REGISTERS = {
    "orders": ("Приказы по основной деятельности", "{n}-О"),
    "protocols": ("Протоколы педагогического совета", "{n}"),
    "agreements": ("Дополнительные соглашения к трудовым договорам", "{n}"),
}


def register_for(code: str) -> Register:
    """The register by its code, created with its defaults if a database lacks it."""
    title, pattern = DEFAULT_REGISTERS.get(code, (code, "{n}"))
    register, _created = Register.objects.get_or_create(
        code=code, defaults={"title": title, "pattern": pattern}
    )
    return register


@transaction.atomic
def register_update(
    *, register: Register, title: str, pattern: str, actor: User | None
) -> Register:
    """Rename a register or change its number pattern; numbers already given stay as they are."""
    register = Register.objects.select_for_update().get(pk=register.pk)
    before = {"title": register.title, "pattern": register.pattern}
    register, changed = model_update(
        instance=register, fields=["title", "pattern"], data={"title": title, "pattern": pattern}
    )
    if changed:
        audit(
            actor=actor,
            action="register.update",
            obj=register,
            data={"before": before, "after": {"title": title, "pattern": pattern}},
        )
    return register


def next_number(register: Register, year: int) -> int:
    """The next sequence of the register in that calendar year (call under the register lock)."""
    last = Document.objects.filter(register=register, number_year=year).aggregate(
        last=Max("sequence")
    )["last"]
    return (last or 0) + 1


def default_date(document: Document) -> datetime.date:
    """The date the approval form offers: the meeting's for a protocol, else today."""
    meeting = document.params.get("meeting_date")
    if document.kind == "protocol" and meeting:
        return datetime.date.fromisoformat(meeting)
    return timezone.localdate()


@transaction.atomic
def document_approve(*, document: Document, on: datetime.date, actor: User | None) -> Document:
    """Number, date and freeze the document: its PDF and data never change afterwards."""
    spec = get_kind(document.kind)
    register = None
    if spec.register_code:
        # The register row is the lock: approvals in one register queue up here.
        register_for(spec.register_code)
        register = Register.objects.select_for_update().get(code=spec.register_code)
    document = Document.objects.select_for_update().get(pk=document.pk)
    previous = _move(document, DocumentStatus.APPROVED)
    if register is not None:
        document.register = register
        document.number_year = on.year
        document.sequence = next_number(register, on.year)
        document.number = register.format_number(document.sequence, on.year)
    document.approved_on = on
    document.approved_at = timezone.now()
    document.approved_by = _user(actor)
    document.return_comment = ""
    document.save()
    printed = build_document(document)
    pdf = render_pdf(printed)
    document.data = to_json(printed)
    document.sha256 = sha256(pdf)
    document.pdf.save(filename_for(printed, "pdf"), ContentFile(pdf), save=False)
    stored = document.pdf.name
    try:
        document.save(update_fields=["data", "sha256", "pdf", "updated_at"])
        note = f"Утверждён, № {document.number}" if document.number else "Утверждён"
        _record(document, previous, actor, note)
        audit(
            actor=actor,
            action="document.approve",
            obj=document,
            data={"number": document.number, "sha256": document.sha256},
        )
        spec.on_approved(document, actor=actor)
        if document.event_id:
            event_fulfil(event=document.event, evidence=document, actor=actor)
    except Exception:
        document.pdf.storage.delete(stored)
        raise
    return document


@transaction.atomic
def document_cancel(*, document: Document, reason: str, actor: User | None) -> Document:
    """Cancel a draft or a signed document; a signed one keeps its number and PDF."""
    if not reason.strip():
        raise DocumentError("Укажите причину отмены.")
    document = Document.objects.select_for_update().get(pk=document.pk)
    was_approved = document.status == DocumentStatus.APPROVED
    previous = _move(document, DocumentStatus.CANCELLED)
    document.cancel_reason = reason.strip()[:500]
    document.save(update_fields=["status", "cancel_reason", "updated_at"])
    _record(document, previous, actor, document.cancel_reason)
    audit(actor=actor, action="document.cancel", obj=document, data={"reason": reason})
    if was_approved and document.kind == PairsOrder.code:
        from mentorship.services.pairs import mentorship_order_cancelled  # noqa: PLC0415

        reference = f"приказ от {document.approved_on:%d.%m.%Y} № {document.number}"
        for mentorship in document.mentorships.all():
            mentorship_order_cancelled(mentorship=mentorship, reference=reference, actor=actor)
    return document


@transaction.atomic
def pairs_order_create(*, year: ProgrammeYear, actor: User | None) -> Document:
    """One click: a draft pairs order with every draft pair no other order holds."""
    pairs = open_pairs_for_order(year)
    if not pairs:
        raise DocumentError(
            "Нет пар в статусе «черновик», которые ещё не включены в приказ о закреплении."
        )
    spec = get_kind(PairsOrder.code)
    return document_create(
        kind=PairsOrder.code,
        year=year,
        actor=actor,
        params={
            key: value.isoformat() if isinstance(value, datetime.date) else value
            for key, value in spec.initial(year=year).items()
        },
        mentorships=pairs,
    )


@transaction.atomic
def person_form_export_audit(
    *, person: Person, kind: str, title: str, fmt: str, actor: User | None
) -> None:
    """Note a blank printed with a person's data: it goes into the log of exports (152-ФЗ)."""
    audit(
        actor=actor,
        action="person_form.export",
        obj=person,
        data={"form": kind, "title": title, "format": fmt},
    )
