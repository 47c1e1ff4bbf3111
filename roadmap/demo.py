"""The demo school's roadmap: the teachers' template for the current year, half done."""

from __future__ import annotations

import datetime

from mentorship.models import Person, ProgrammeYear
from roadmap import services
from roadmap.models import Event, EventStatus, Roadmap, RoadmapTemplate


def seed_roadmap(*, seed: int, today: datetime.date) -> None:
    year = ProgrammeYear.objects.current()
    template = RoadmapTemplate.objects.filter(code="teachers-2021").first()
    if year is None or template is None or Roadmap.objects.filter(year=year).exists():
        return
    roadmap = services.roadmap_create_from_template(year=year, template=template, actor=None)
    curator = Person.objects.filter(user__username="kurator").first()
    director = Person.objects.filter(user__username="direktor").first()
    for event in Event.objects.filter(stage__roadmap=roadmap).select_related("stage"):
        people = [
            p
            for p in (
                director if "Директор" in event.responsible_text else None,
                curator if "уратор" in event.responsible_text else None,
            )
            if p
        ]
        event.responsible_people.set(people)
        if event.end_date and event.end_date < today:
            # Most of the autumn is done; one event is left overdue for the curator to see.
            late = event.stage.number == 3 and event.order == 2
            event.status = EventStatus.IN_PROGRESS if late else EventStatus.DONE
            event.done_on = None if late else event.end_date
            if not late:
                event.evidence_note = "выполнено, документы в папке куратора"
            event.save(update_fields=["status", "done_on", "evidence_note"])
        elif event.start_date and event.start_date <= today:
            event.status = EventStatus.IN_PROGRESS
            event.save(update_fields=["status"])


def seed_roadmap_large(context) -> None:
    """The large demo's roadmap of a year: a past one done, the current one half done.

    ``context`` is a ``mentorship.demo_large.LargeYear``; the closing of the previous year
    may have made the roadmap already.
    """
    template = RoadmapTemplate.objects.filter(code="teachers-2021").first()
    roadmap = Roadmap.objects.filter(year=context.year).first()
    if roadmap is None:
        if template is None:
            return
        roadmap = services.roadmap_create_from_template(
            year=context.year, template=template, actor=None
        )
    curator, director = context.curator.person, context.director.person
    events = list(Event.objects.filter(stage__roadmap=roadmap).select_related("stage"))
    Event.responsible_people.through.objects.bulk_create(
        Event.responsible_people.through(event_id=event.pk, person_id=person.pk)
        for event in events
        for person, word in ((director, "Директор"), (curator, "уратор"))
        if word in event.responsible_text
    )
    for event in events:
        if event.end_date and (context.past or event.end_date < context.seen_on):
            late = not context.past and event.stage.number == 3 and event.order == 2
            event.status = EventStatus.IN_PROGRESS if late else EventStatus.DONE
            event.done_on = None if late else event.end_date
            event.evidence_note = "" if late else "выполнено, документы в папке куратора"
        elif event.start_date and event.start_date <= context.seen_on:
            event.status = EventStatus.IN_PROGRESS
    Event.objects.bulk_update(events, ["status", "done_on", "evidence_note"])
