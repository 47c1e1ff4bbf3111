from tests.factories import EventFactory, RoadmapFactory, StageFactory
from tests.matrix import HIDDEN, OK, Row, everyone, only, signed_in

MANAGERS = ("curator", "director")


def _roadmap(ctx) -> dict:
    return {"pk": RoadmapFactory().pk}


def _stage(ctx) -> dict:
    stage = StageFactory()
    return {"pk": stage.roadmap_id, "stage_pk": stage.pk}


def _event_of_roadmap(ctx) -> dict:
    event = EventFactory()
    return {"pk": event.stage.roadmap_id, "event_pk": event.pk}


def _teachers_event(ctx) -> dict:
    """An event the teacher is responsible for: he may mark it, mentors may not see it."""
    event = EventFactory()
    event.responsible_people.add(ctx.person("teacher"))
    return {"pk": event.pk}


def _event_with_file(ctx) -> dict:
    from django.core.files.base import ContentFile

    event = EventFactory()
    event.responsible_people.add(ctx.person("teacher"))
    event.evidence_file.save("protocol.pdf", ContentFile(b"%PDF-1.4 protocol"), save=True)
    return {"pk": event.pk}


RESPONSIBLE = only(*MANAGERS, "teacher", others=HIDDEN)

ROWS: dict[str, Row] = {
    # No roadmap yet: the page offers to create one.
    "roadmap:roadmap-home": (None, only(*MANAGERS)),
    "roadmap:roadmap-create": (None, only("curator") | {"curator": 302}),  # no current year
    "roadmap:my-events": (None, signed_in(OK)),
    "roadmap:roadmap-detail": (_roadmap, only(*MANAGERS)),
    "roadmap:stage-create": (_roadmap, only("curator")),
    "roadmap:stage-update": (_stage, only("curator")),
    "roadmap:event-create": (_roadmap, only("curator")),
    "roadmap:event-update": (_event_of_roadmap, only("curator")),
    "roadmap:event-status": (_teachers_event, everyone(405)),
    "roadmap:event-evidence": (
        _teachers_event,
        only("curator", "teacher")
        | {"director": 403, "mentor": HIDDEN, "other_mentor": HIDDEN, "no_role": HIDDEN},
    ),
    "roadmap:event-evidence-file": (_event_with_file, RESPONSIBLE),
}
