"""Import of a school's own roadmap from XLSX, DOCX (a table in Word) or CSV/TSV.

The engine reads the file into rows of cells (merged cells resolved, bold remembered),
finds the header row by the meaning of its cells («Мероприятие», «Сроки проведения»,
«Ответственный исполнитель», «Ожидаемый результат»…, in any order, some missing), and
walks the rows below it: stage rows («1.», «Этап 1. …», a bold row across the table),
the stage's task («Задача этапа – …»), events («1.1», «4.20» or no number) and the lines
of an event cut in two by a page break. Where a table has one row per stage with its
activities listed in one cell, the list is split into events. Everything above the
header (approval block, heading, explanatory note) is not imported as events; the heading
becomes the roadmap's title. ``build_preview()`` gives a typed preview with the parsed
deadlines, and ``write()`` stores it in one transaction. The curator's pages and
``manage.py import_roadmap`` both use it.

* ``reading`` — the file as grids of cells (XLSX, DOCX, CSV);
* ``text`` — joining cut lines, splitting lists of activities, the kind of a document;
* ``header`` — the header row and the heading, approval and note above it;
* ``layout`` — the rows below the header as stages and events;
* ``preview`` — the typed preview with the parsed deadlines;
* this module — writing the preview to the database.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from mentorship.common import audit, model_update
from mentorship.models import ProgrammeYear, User
from roadmap.importing.header import (
    DEADLINE,
    NO_HEADER,
    NUMBER,
    RESPONSIBLE,
    RESULT,
    ROLE_LABELS,
    STAGE,
    TITLE,
    Header,
    column_role,
    find_header,
)
from roadmap.importing.layout import PreviewEvent, PreviewStage
from roadmap.importing.preview import MAX_STAGES, RoadmapPreview, build_preview
from roadmap.importing.reading import (
    NOT_A_ROADMAP,
    Cell,
    Grid,
    RoadmapImportError,
    Row,
    clean_cell,
    read_grids,
)
from roadmap.importing.text import clip, flat, guess_document_kind, join_text, split_items
from roadmap.models import Roadmap
from roadmap.services import event_save, roadmap_create_empty, stage_save

__all__ = [
    "DEADLINE",
    "MAX_STAGES",
    "NOT_A_ROADMAP",
    "NO_HEADER",
    "NUMBER",
    "RESPONSIBLE",
    "RESULT",
    "ROLE_LABELS",
    "STAGE",
    "TITLE",
    "Cell",
    "Grid",
    "Header",
    "PreviewEvent",
    "PreviewStage",
    "RoadmapImportError",
    "RoadmapPreview",
    "Row",
    "build_preview",
    "clean_cell",
    "column_role",
    "find_header",
    "flat",
    "guess_document_kind",
    "join_text",
    "read_grids",
    "roadmap_of",
    "split_items",
    "write",
    "years_with_roadmap",
]


def years_with_roadmap() -> frozenset[int]:
    """The programme years that already have a roadmap: the import does not replace one."""
    return frozenset(Roadmap.objects.values_list("year_id", flat=True))


def roadmap_of(year: ProgrammeYear | None) -> Roadmap | None:
    if year is None or year.pk is None:
        return None
    return Roadmap.objects.filter(year=year).first()


@transaction.atomic
def write(preview: RoadmapPreview, *, year: ProgrammeYear, actor: User | None) -> Roadmap:
    """Create the year's roadmap from the preview: all of it or, on any error, nothing."""
    # write() lives in the package root: tests replace ``roadmap.importing.event_save``.
    roadmap = roadmap_create_empty(year=year, title=preview.title, actor=actor)
    try:
        model_update(
            instance=roadmap,
            fields=["source", "note", "approval_reference"],
            data={
                "source": clip(f"файл «{preview.filename}»", 300),
                "note": preview.note,
                "approval_reference": preview.approval_reference,
            },
        )
        for stage in preview.stages:
            saved = stage_save(
                roadmap=roadmap,
                data={"number": stage.number, "title": stage.title, "task": stage.task},
                actor=actor,
            )
            for order, event in enumerate(stage.events, 1):
                event_save(stage=saved, data=event.data(order), actor=actor)
    except ValidationError as exc:
        raise RoadmapImportError(
            f"Дорожная карта не записана: {'; '.join(exc.messages)}. Ничего не изменено."
        ) from exc
    audit(actor=actor, action="roadmap.import", obj=roadmap, data=preview.audit_data())
    return roadmap
