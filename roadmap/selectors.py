"""Read queries of the roadmap pages and of the documents that print the roadmap."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from mentorship.models import (
    Consent,
    MenteeProfile,
    MentorProfile,
    Person,
    ProgrammeYear,
)
from roadmap.models import DocumentKind, Event, EventStatus, Roadmap, Stage
from roadmap.services import month_end


@dataclass
class ChecklistItem:
    label: str
    done: bool
    url: str = ""
    detail: str = ""


@dataclass
class StageView:
    stage: Stage
    events: list[Event]
    done: int
    total: int
    overdue: int
    checklist: list[ChecklistItem] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass
class RoadmapView:
    roadmap: Roadmap
    stages: list[StageView]
    today: datetime.date
    done: int = 0
    total: int = 0
    overdue: int = 0
    unrecognised: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def events_queryset() -> QuerySet[Event]:
    return Event.objects.prefetch_related(
        Prefetch(
            "responsible_people",
            queryset=Person.objects.only("id", "surname", "name", "patronymic", "user_id"),
        )
    )


def roadmap_view(
    *,
    roadmap: Roadmap,
    today: datetime.date,
    responsible: Person | None = None,
    this_month: bool = False,
    overdue_only: bool = False,
) -> RoadmapView:
    """Stages with their (filtered) events and progress; three queries whatever the size."""
    events = events_queryset().filter(stage__roadmap=roadmap)
    if responsible is not None:
        events = events.filter(responsible_people=responsible)
    if this_month:
        first = today.replace(day=1)
        events = events.filter(start_date__lte=month_end(today), end_date__gte=first)
    stages = list(
        roadmap.stages.order_by("number").prefetch_related(
            Prefetch("events", queryset=events.order_by("order", "pk"), to_attr="shown_events")
        )
    )
    all_events = list(
        Event.objects.filter(stage__roadmap=roadmap).only(
            "id", "stage_id", "status", "end_date", "deadline_recognised"
        )
    )
    view = RoadmapView(roadmap=roadmap, stages=[], today=today)
    for stage in stages:
        own = [e for e in all_events if e.stage_id == stage.pk]
        counted = [e for e in own if e.status != EventStatus.CANCELLED]
        done = sum(e.status == EventStatus.DONE for e in counted)
        overdue = sum(e.is_overdue_on(today) for e in own)
        shown = stage.shown_events
        if overdue_only:
            shown = [e for e in shown if e.is_overdue_on(today)]
        for event in shown:
            event.overdue = event.is_overdue_on(today)
        view.stages.append(StageView(stage, shown, done, len(counted), overdue))
        view.done += done
        view.total += len(counted)
        view.overdue += overdue
        view.unrecognised += sum(not e.deadline_recognised for e in own)
    return view


def my_events(*, person: Person, today: datetime.date) -> list[Event]:
    events = list(
        events_queryset()
        .filter(responsible_people=person)
        .select_related("stage__roadmap__year")
        .order_by("end_date", "pk")
    )
    for event in events:
        event.overdue = event.is_overdue_on(today)
    return events


@dataclass
class TimelineBar:
    event: Event
    left: float  # percent of the year's width
    width: float
    overdue: bool


@dataclass
class TimelineRow:
    stage: Stage
    bars: list[TimelineBar] = field(default_factory=list)


@dataclass
class Timeline:
    months: list[tuple[str, float]]  # label and left offset in percent
    rows: list[TimelineRow]
    today_left: float | None


def timeline(*, view: RoadmapView, year: ProgrammeYear) -> Timeline:
    """A Gantt-like chart of the year, laid out in percent so the SVG scales to any width."""
    from mentorship.dates import MONTHS_NOMINATIVE  # noqa: PLC0415

    start, end = year.start_date, year.end_date
    span = (end - start).days + 1

    def offset(day: datetime.date) -> float:
        return max(0.0, min(100.0, 100 * (day - start).days / span))

    months = []
    cursor = start.replace(day=1)
    while cursor <= end:
        months.append((MONTHS_NOMINATIVE[cursor.month - 1][:3], offset(max(cursor, start))))
        cursor = month_end(cursor) + datetime.timedelta(days=1)
    rows = []
    for stage_view in view.stages:
        row = TimelineRow(stage=stage_view.stage)
        for event in stage_view.events:
            if event.end_date is None:
                continue
            first = event.start_date or event.end_date
            left = offset(first)
            right = offset(event.end_date + datetime.timedelta(days=1))
            row.bars.append(TimelineBar(event, left, max(right - left, 0.8), event.overdue))
        rows.append(row)
    today_left = offset(view.today) if start <= view.today <= end else None
    return Timeline(months=months, rows=rows, today_left=today_left)


# What each of the seven stages must leave behind (domain.md §1.1–1.2).
STAGE_REQUIREMENTS: dict[int, list[str]] = {
    1: [
        DocumentKind.ORDER_IMPLEMENTATION,
        DocumentKind.REGULATION,
        DocumentKind.ROADMAP,
        DocumentKind.ORDER_CURATOR,
        DocumentKind.WEBSITE,
    ],
    2: [DocumentKind.QUESTIONNAIRES, DocumentKind.MENTEE_BANK, DocumentKind.CONSENTS],
    3: [DocumentKind.MENTOR_BANK, DocumentKind.CONSENTS],
    4: [DocumentKind.TRAINING],
    5: [DocumentKind.ORDER_PAIRS, DocumentKind.PROGRAMMES],
    6: [DocumentKind.MEETING_MATERIALS, DocumentKind.MONITORING_REPORT],
    7: [
        DocumentKind.MONITORING_REPORT,
        DocumentKind.ORDER_FINAL_EVENT,
        DocumentKind.ORDER_REWARDS,
        DocumentKind.CASES,
        DocumentKind.ANALYTIC_REPORT,
    ],
}


def stage_checklists(*, roadmap: Roadmap) -> dict[int, list[ChecklistItem]]:
    """For each stage: the required documents and registers, done or missing."""
    from django.urls import reverse  # noqa: PLC0415

    done_kinds = set(
        Event.objects.filter(stage__roadmap=roadmap, status=EventStatus.DONE)
        .exclude(document_kind="")
        .values_list("document_kind", flat=True)
    )
    registers = {
        DocumentKind.MENTEE_BANK: (
            MenteeProfile.objects.count(),
            "mentorship:mentee-list",
            "в базе наставляемых",
        ),
        DocumentKind.MENTOR_BANK: (
            MentorProfile.objects.count(),
            "mentorship:mentor-list",
            "в базе наставников",
        ),
        DocumentKind.CONSENTS: (
            Consent.objects.active().count(),
            "mentorship:person-list",
            "действующих согласий",
        ),
    }
    labels = dict(DocumentKind.choices)
    result: dict[int, list[ChecklistItem]] = {}
    for number, kinds in STAGE_REQUIREMENTS.items():
        items = []
        for kind in kinds:
            if kind in registers:
                count, url_name, unit = registers[kind]
                items.append(
                    ChecklistItem(
                        str(labels[kind]), count > 0, reverse(url_name), f"{count} {unit}"
                    )
                )
            elif kind == DocumentKind.ROADMAP:
                items.append(
                    ChecklistItem(
                        str(labels[kind]),
                        True,
                        roadmap.get_absolute_url(),
                        roadmap.approval_reference or "составлена",
                    )
                )
            else:
                done = kind in done_kinds
                items.append(
                    ChecklistItem(
                        str(labels[kind]),
                        done,
                        detail="выполнено в дорожной карте" if done else "ещё нет",
                    )
                )
        result[number] = items
    return result


@dataclass(frozen=True)
class PrintEvent:
    number: str
    title: str
    responsible: str
    deadline: str
    result: str
    status: str


@dataclass(frozen=True)
class PrintStage:
    number: int
    title: str
    task: str
    events: tuple[PrintEvent, ...]


@dataclass(frozen=True)
class RoadmapPrint:
    """Everything a printed roadmap needs, detached from the ORM (documents freeze it)."""

    title: str
    year: str
    school_full_name: str
    director_position: str
    director_name: str
    approval_reference: str
    approved_on: datetime.date | None
    stages: tuple[PrintStage, ...]


def roadmap_print_data(*, roadmap: Roadmap) -> RoadmapPrint:
    """The roadmap as the documents app prints it, with its «УТВЕРЖДАЮ» block data."""
    from mentorship.services import get_school  # noqa: PLC0415

    school = get_school()
    stages = roadmap.stages.order_by("number").prefetch_related(
        Prefetch("events", queryset=events_queryset().order_by("order", "pk"))
    )
    printed = []
    for stage in stages:
        events = []
        for event in stage.events.all():
            people = ", ".join(p.short_name for p in event.responsible_people.all())
            responsible = "; ".join(part for part in (people, event.responsible_text) if part)
            events.append(
                PrintEvent(
                    number=event.number,
                    title=event.title,
                    responsible=responsible,
                    deadline=event.deadline_phrase,
                    result=event.expected_result,
                    status=event.get_status_display(),
                )
            )
        printed.append(PrintStage(stage.number, stage.title, stage.task, tuple(events)))
    return RoadmapPrint(
        title=roadmap.title,
        year=str(roadmap.year),
        school_full_name=school.full_name,
        director_position=school.director_position,
        director_name=school.director_name,
        approval_reference=roadmap.approval_reference,
        approved_on=roadmap.approved_on,
        stages=tuple(printed),
    )
