"""The typed preview of a roadmap file: its stages and events with the parsed deadlines,
the columns used and the warnings for the curator; no database writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mentorship.models import ProgrammeYear
from roadmap.deadlines import parse_deadline
from roadmap.importing.header import locate_header, read_above
from roadmap.importing.layout import PreviewEvent, PreviewStage, StageBuilder
from roadmap.importing.reading import RoadmapImportError, read_grids
from roadmap.importing.text import clip

MAX_STAGES = 20  # Stage.number allows 1–20


@dataclass
class RoadmapPreview:
    filename: str
    source: str
    title: str
    year_title: str
    columns: list[tuple[str, str]]
    ignored_columns: list[str]
    stages: list[PreviewStage]
    warnings: list[str] = field(default_factory=list)
    note: str = ""
    approval_reference: str = ""
    skipped_above: int = 0  # rows above the header: heading, approval block, note

    @property
    def events(self) -> list[PreviewEvent]:
        return [event for stage in self.stages for event in stage.events]

    @property
    def event_count(self) -> int:
        return len(self.events)

    @property
    def unparsed(self) -> list[PreviewEvent]:
        return [event for event in self.events if event.deadline_unparsed]

    @property
    def undated(self) -> list[PreviewEvent]:
        return [event for event in self.events if event.deadline_missing]

    def summary(self) -> str:
        text = f"Этапов: {len(self.stages)}, мероприятий: {self.event_count}"
        if self.unparsed:
            text += f", сроков не распознано: {len(self.unparsed)}"
        if self.undated:
            text += f", без срока: {len(self.undated)}"
        return text + "."

    def audit_data(self) -> dict[str, Any]:
        return {
            "file": self.filename,
            "stages": len(self.stages),
            "events": self.event_count,
            "unparsed_deadlines": len(self.unparsed),
        }


def build_preview(data: bytes, *, filename: str, year: ProgrammeYear) -> RoadmapPreview:
    """Read the file and describe the roadmap it holds; no database writes."""
    grids = read_grids(data, filename)
    if not any(grid.rows for grid in grids):
        raise RoadmapImportError("Файл пустой: в нём нет ни одной заполненной ячейки.")
    grid, at, header = locate_header(grids)
    builder = StageBuilder(header)
    width = grid.table_widths.get(header.row.table or 0)
    for row in grid.rows[at + 1 :]:
        if grid.table_widths and (
            row.table is None
            or (row.table != header.row.table and grid.table_widths[row.table] != width)
        ):
            continue  # Word: text between or after tables, a signature table
        builder.add(row)
    stages = [stage for stage in builder.stages if stage.events]
    if not stages:
        raise RoadmapImportError(
            f"В таблице дорожной карты не найдено ни одного мероприятия (источник: {grid.source})."
        )
    empty = [
        f"Строка {stage.line}: этап «{clip(stage.title, 80)}» без мероприятий пропущен."
        for stage in builder.stages
        if not stage.events
    ]
    warnings_ = builder.warnings + empty + _number_stages(stages)
    heading, approval, note = read_above(grid.rows[:at])
    preview = RoadmapPreview(
        filename=filename,
        source=grid.source,
        title=heading or f"Дорожная карта на {year} учебный год",
        year_title=str(year),
        columns=header.used,
        ignored_columns=header.ignored,
        stages=stages,
        warnings=warnings_,
        note=note,
        approval_reference=approval,
        skipped_above=at,
    )
    _parse_deadlines(preview, year)
    return preview


def _number_stages(stages: list[PreviewStage]) -> list[str]:
    """Keep the document's stage numbers when they are usable, else number them 1, 2, 3…"""
    if len(stages) > MAX_STAGES:
        raise RoadmapImportError(
            f"В таблице {len(stages)} этапов, а дорожная карта вмещает не больше {MAX_STAGES}."
        )
    numbers = [stage.number for stage in stages]
    if all(numbers) and len(set(numbers)) == len(numbers) and max(numbers) <= MAX_STAGES:
        return []
    for index, stage in enumerate(stages, 1):
        stage.number = index
    if any(numbers):
        return ["Номера этапов в файле повторяются или пропущены: этапы пронумерованы по порядку."]
    return []


def _parse_deadlines(preview: RoadmapPreview, year: ProgrammeYear) -> None:
    outside = 0
    for event in preview.events:
        event.deadline = parse_deadline(
            event.deadline_phrase, year_start=year.start_date, year_end=year.end_date
        )
        days = [day for day in (event.deadline.start, event.deadline.end) if day]
        event.outside_year = any(not year.start_date <= day <= year.end_date for day in days)
        outside += event.outside_year
    if not any(event.deadline_phrase for event in preview.events):
        preview.warnings.append("В таблице нет сроков: у мероприятий не будет дат.")
    if outside:
        preview.warnings.append(
            f"Сроки мероприятий ({outside}) лежат вне {year} учебного года — похоже, документ "
            "составлен на другой год. После импорта поправьте их на странице дорожной карты."
        )
