"""Changes of the roadmap: create from a template, edit events, mark them done."""

from __future__ import annotations

import calendar
import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone

from mentorship.common import audit, model_update
from mentorship.dates import MONTHS_NOMINATIVE
from mentorship.exceptions import DomainError
from mentorship.models import Person, ProgrammeYear, User
from roadmap.deadlines import parse_deadline
from roadmap.models import (
    Event,
    EventStatus,
    Recurrence,
    Roadmap,
    RoadmapTemplate,
    Stage,
)

EVENT_FIELDS = [
    "number",
    "title",
    "details",
    "responsible_text",
    "deadline_phrase",
    "expected_result",
    "document_kind",
    "order",
]
RECURRENCE_WORDS = {
    Recurrence.EVERY_N_WEEKS: "не реже раза в две недели",
    Recurrence.EVERY_N_MONTHS: "раз в три месяца",
    Recurrence.MONTHLY: "ежемесячно",
    Recurrence.QUARTERLY: "раз в четверть",
    Recurrence.WEEKLY: "еженедельно",
    Recurrence.YEARLY: "ежегодно",
    Recurrence.PERIODIC: "периодически",
}


def month_start(year_start: datetime.date, offset: int) -> datetime.date:
    """The first day of the month ``offset`` months after the programme year's first month."""
    month_index = year_start.month - 1 + offset
    return datetime.date(year_start.year + month_index // 12, month_index % 12 + 1, 1)


def month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_phrase(start: datetime.date, end: datetime.date) -> str:
    """«Октябрь 2026 г.», «Октябрь – ноябрь 2026 г.», «Декабрь 2026 г. – январь 2027 г.»."""
    first = MONTHS_NOMINATIVE[start.month - 1]
    last = MONTHS_NOMINATIVE[end.month - 1]
    if (start.year, start.month) == (end.year, end.month):
        return f"{first.capitalize()} {start.year} г."
    if start.year == end.year:
        return f"{first.capitalize()} – {last} {start.year} г."
    return f"{first.capitalize()} {start.year} г. – {last} {end.year} г."


@transaction.atomic
def roadmap_create_from_template(
    *, year: ProgrammeYear, template: RoadmapTemplate, actor: User | None
) -> Roadmap:
    """Copy a standard roadmap into the year, its months moved to that year's calendar."""
    if Roadmap.objects.filter(year=year).exists():
        raise DomainError(f"Дорожная карта на {year} уже есть.")
    roadmap = Roadmap.objects.create(
        year=year,
        title=f"Дорожная карта: {template.title}, {year} учебный год",
        source=f"шаблон «{template.title}»",
        note=template.description,
    )
    year_start = year.start_date.replace(day=1)
    events = []
    for template_stage in template.stages.prefetch_related("events"):
        stage = Stage.objects.create(
            roadmap=roadmap,
            number=template_stage.number,
            title=template_stage.title,
            task=template_stage.task,
        )
        for item in template_stage.events.all():
            start = month_start(year_start, item.start_month)
            end = month_end(month_start(year_start, item.end_month))
            phrase = item.deadline_phrase or period_phrase(start, end)
            if item.recurrence:
                phrase = f"{RECURRENCE_WORDS[item.recurrence].capitalize()}, {phrase[0].lower()}{phrase[1:]}"
            events.append(
                Event(
                    stage=stage,
                    order=item.order,
                    number=f"{stage.number}.{item.order}",
                    title=item.title,
                    details=item.details,
                    responsible_text=item.responsible_text,
                    deadline_phrase=phrase,
                    start_date=start,
                    end_date=end,
                    recurrence=item.recurrence,
                    interval_months=3 if item.recurrence == Recurrence.EVERY_N_MONTHS else None,
                    expected_result=item.expected_result,
                    document_kind=item.document_kind,
                )
            )
    Event.objects.bulk_create(events)
    audit(actor=actor, action="roadmap.create", obj=roadmap, data={"template": template.code})
    return roadmap


@transaction.atomic
def roadmap_create_empty(*, year: ProgrammeYear, title: str, actor: User | None) -> Roadmap:
    if Roadmap.objects.filter(year=year).exists():
        raise DomainError(f"Дорожная карта на {year} уже есть.")
    roadmap = Roadmap(year=year, title=title)
    roadmap.full_clean()
    roadmap.save()
    audit(actor=actor, action="roadmap.create", obj=roadmap)
    return roadmap


def apply_deadline(event: Event, year: ProgrammeYear) -> None:
    """Parse the deadline phrase into dates, a recurrence or «срок не распознан»."""
    parsed = parse_deadline(
        event.deadline_phrase, year_start=year.start_date, year_end=year.end_date
    )
    event.start_date = parsed.start
    event.end_date = parsed.end
    event.recurrence = parsed.recurrence if parsed.recurrence in Recurrence.values else ""
    event.interval_months = parsed.interval_months
    event.anchor = parsed.anchor
    event.deadline_recognised = parsed.recognised


@transaction.atomic
def stage_save(
    *, roadmap: Roadmap, data: dict[str, Any], stage: Stage | None = None, actor: User | None
) -> Stage:
    if stage is None:
        stage = Stage(roadmap=roadmap, **{f: data[f] for f in ("number", "title", "task")})
        stage.full_clean()
        stage.save()
    else:
        stage, _changed = model_update(
            instance=stage, fields=["number", "title", "task"], data=data
        )
    audit(actor=actor, action="roadmap.stage", obj=stage)
    return stage


@transaction.atomic
def event_save(
    *,
    stage: Stage,
    data: dict[str, Any],
    responsible_people: list[Person] | None = None,
    event: Event | None = None,
    actor: User | None,
) -> Event:
    """Create or edit an event; a changed deadline phrase is parsed again."""
    year = stage.roadmap.year
    if event is None:
        event = Event(stage=stage, **{f: data[f] for f in EVENT_FIELDS if f in data})
        if not event.order:
            last = stage.events.aggregate(models.Max("order"))["order__max"] or 0
            event.order = last + 1
        apply_deadline(event, year)
        event.full_clean()
        event.save()
    else:
        phrase_changed = data.get("deadline_phrase", event.deadline_phrase) != event.deadline_phrase
        for field in EVENT_FIELDS:
            if field in data:
                setattr(event, field, data[field])
        event.stage = stage
        if phrase_changed:
            apply_deadline(event, year)
        event.full_clean()
        event.save()
    if responsible_people is not None:
        event.responsible_people.set(responsible_people)
    audit(actor=actor, action="roadmap.event", obj=event)
    return event


@transaction.atomic
def event_status_set(
    *, event: Event, status: str, actor: User | None, on: datetime.date | None = None
) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == status:
        return event
    if not event.can_transition_to(status):
        raise DomainError(
            f"Нельзя перевести мероприятие из «{event.get_status_display()}» "
            f"в «{EventStatus(status).label}»."
        )
    previous = event.status
    event.status = status
    event.done_on = (on or timezone.localdate()) if status == EventStatus.DONE else None
    event.save(update_fields=["status", "done_on", "updated_at"])
    audit(
        actor=actor, action="roadmap.event_status", obj=event, data={"from": previous, "to": status}
    )
    return event


@transaction.atomic
def event_evidence_attach(
    *,
    event: Event,
    file: UploadedFile | None = None,
    link: str = "",
    note: str = "",
    actor: User | None,
) -> Event:
    if not file and not link and not note:
        raise DomainError("Приложите файл, ссылку или опишите, чем подтверждено выполнение.")
    replaced = event.evidence_file.name if file and event.evidence_file else ""
    storage = event.evidence_file.storage
    if file:
        event.evidence_file = file
    if link:
        event.evidence_link = link
    if note:
        event.evidence_note = note
    event.full_clean()
    event.save()
    audit(actor=actor, action="roadmap.event_evidence", obj=event)
    if replaced:
        # Only once the new file is valid and saved: a refused upload keeps the old one.
        transaction.on_commit(lambda: storage.delete(replaced))
    return event


@transaction.atomic
def event_fulfil(*, event: Event, evidence: models.Model, actor: User | None) -> Event:
    """Mark the event done by a document (called when an approved document fulfils it)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    event.evidence_object = evidence
    event.status = EventStatus.DONE
    event.done_on = event.done_on or timezone.localdate()
    event.save()
    audit(actor=actor, action="roadmap.event_fulfilled", obj=event, data={"by": str(evidence)})
    return event


@transaction.atomic
def roadmap_mark_approved(
    *, year: ProgrammeYear, on: datetime.date, reference: str, actor: User | None
) -> Roadmap | None:
    """Record the order (or the director's stamp) that approved the year's roadmap."""
    roadmap = Roadmap.objects.select_for_update().filter(year=year).first()
    if roadmap is None:
        return None
    roadmap.approved_on = on
    roadmap.approval_reference = reference[:200]
    roadmap.save(update_fields=["approved_on", "approval_reference", "updated_at"])
    audit(actor=actor, action="roadmap.approved", obj=roadmap, data={"by": reference})
    return roadmap
