"""The rows under the header as stages and events.

Stage rows («1.», «Этап 1. …», a bold row across the table), the stage's task («Задача
этапа – …»), events («1.1», «4.20» or no number) and the lines of an event cut in two by a
page break. Where a table has one row per stage with its activities listed in one cell, the
list is split into events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from roadmap.deadlines import ParsedDeadline
from roadmap.importing.header import (
    DEADLINE,
    NUMBER,
    RESPONSIBLE,
    RESULT,
    STAGE,
    TITLE,
    Header,
    find_header,
)
from roadmap.importing.reading import Row
from roadmap.importing.text import (
    LIST_MARKER,
    clip,
    flat,
    guess_document_kind,
    join_text,
    split_items,
)
from roadmap.models import DocumentKind

_STAGE_NUMBER = re.compile(r"^(\d{1,2})\.?$")
_LEADING_NUMBER = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$", re.S)
_NUMBERISH = re.compile(r"^\d{1,2}(?:\.\d{1,3}){0,3}\.?$")
_NUMBER_IN_TITLE = re.compile(r"^(\d{1,2}(?:\.\d{1,3}){1,3})\.?\s+(\S.*)$", re.S)
_STAGE_WORD = re.compile(
    r"^этап(?!\w)\s*(?P<number>\d{1,2})?\s*[.:)\-–—]?\s*(?P<title>\S.*)$", re.I | re.S
)
_TASK = re.compile(r"(?:^|\s)задач[аи]\s+(?:данного\s+)?этапа\s*[-–—:.]?\s*", re.I)


@dataclass
class PreviewEvent:
    number: str
    title: str
    line: int
    responsible: str = ""
    deadline_phrase: str = ""
    expected_result: str = ""
    document_kind: str = ""
    deadline: ParsedDeadline | None = None
    outside_year: bool = False

    @property
    def deadline_missing(self) -> bool:
        return not self.deadline_phrase

    @property
    def deadline_unparsed(self) -> bool:
        return bool(self.deadline_phrase) and not (self.deadline and self.deadline.recognised)

    @property
    def document_kind_label(self) -> str:
        return DocumentKind(self.document_kind).label if self.document_kind else ""

    def data(self, order: int) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "responsible_text": self.responsible,
            "deadline_phrase": self.deadline_phrase,
            "expected_result": self.expected_result,
            "document_kind": self.document_kind,
            "order": order,
        }


@dataclass
class PreviewStage:
    number: int | None
    title: str
    line: int
    task: str = ""
    events: list[PreviewEvent] = field(default_factory=list)
    key: str = ""  # the stage cell it came from, in tables with a stage column


class StageBuilder:
    """Walks the rows under the header and collects stages and events."""

    def __init__(self, header: Header) -> None:
        self.columns = header.columns
        self.stages: list[PreviewStage] = []
        self.warnings: list[str] = []

    @property
    def stage(self) -> PreviewStage | None:
        return self.stages[-1] if self.stages else None

    @property
    def event(self) -> PreviewEvent | None:
        return self.stage.events[-1] if self.stage and self.stage.events else None

    def value(self, row: Row, role: str) -> str:
        column = self.columns.get(role)
        if column is None or column >= len(row.cells):
            return ""
        return row.cells[column].text

    def add(self, row: Row) -> None:
        texts = [cell.text for cell in row.cells if cell.text]
        if not texts or _is_column_numbers(texts) or self.is_header_again(row):
            return
        values = {role: self.value(row, role) for role in self.columns}
        number = values.get(NUMBER, "").strip()
        if number and not _NUMBERISH.match(number):  # text in the number column
            values[TITLE], number = values[TITLE] or number, ""
        if NUMBER not in self.columns and (match := _NUMBER_IN_TITLE.match(values[TITLE])):
            number, values[TITLE] = match.groups()
        others = any(values.get(role) for role in (DEADLINE, RESPONSIBLE, RESULT))
        single = len(set(texts)) == 1
        if single and (match := _STAGE_WORD.match(texts[0])):
            self.start_stage(row, match.group("number"), match.group("title"))
        elif single and _TASK.match(texts[0]):
            self.add_task(row, texts[0])
        elif STAGE in self.columns and (values[STAGE] or (self.stage and self.stage.key)):
            self.add_stage_row(row, values)
        elif not others and (section := self.section(row, values[TITLE] or texts[0], number)):
            self.start_stage(row, *section)
        else:
            self.add_event_row(row, values, number)

    def is_header_again(self, row: Row) -> bool:
        """A header repeated on every page of the document."""
        header = find_header(row)
        return header is not None and header.columns == self.columns

    def section(self, row: Row, title: str, number: str) -> tuple[str | None, str] | None:
        """(number, title) of a stage row: «1.» with a title, a bold row across the table,
        «1. Подготовка …» alone in a row of a table without a number column."""
        if match := _STAGE_NUMBER.match(number):
            return match.group(1), title
        if number or len({cell.text for cell in row.cells if cell.text}) > 1:
            return None
        leading = _LEADING_NUMBER.match(title)
        bold = all(cell.bold for cell in row.cells if cell.text)
        if bold or (leading and NUMBER not in self.columns):
            return leading.groups() if leading else (None, title)
        return None

    def start_stage(self, row: Row, number: str | None, title: str, key: str = "") -> None:
        title, task = _split_task(flat(title))
        self.stages.append(PreviewStage(
            number=int(number) if number else None, title=clip(title, 500), task=task,
            line=row.number, key=key,
        ))  # fmt: skip

    def add_task(self, row: Row, text: str) -> None:
        task = _TASK.sub("", flat(text), count=1).strip()
        if self.stage is None:
            self.warnings.append(f"Строка {row.number}: задача этапа до первого этапа пропущена.")
            return
        self.stage.task = join_text(self.stage.task, task)

    def add_stage_row(self, row: Row, values: dict[str, str]) -> None:
        """A table with a stage column: the stage's activities are listed in one cell."""
        stage_text = values[STAGE]
        if stage_text and (self.stage is None or stage_text != self.stage.key):
            text = flat(stage_text)
            found = _LEADING_NUMBER.match(text) or _STAGE_WORD.match(text)
            number = values.get(NUMBER, "").strip().rstrip(".")
            if not number.isdigit():
                number = (found.group(1) or "") if found else ""
            title = found.groups()[-1] if found else text
            self.start_stage(row, number or None, title, key=stage_text)
        items = split_items(values[TITLE])
        deadlines = values.get(DEADLINE, "").split("\n")
        for index, item in enumerate(items):
            deadline = (
                deadlines[index] if len(deadlines) == len(items) > 1 else values.get(DEADLINE, "")
            )
            self.stage.events.append(self.new_event(row, values, "", item, deadline))

    def add_event_row(self, row: Row, values: dict[str, str], number: str) -> None:
        title = values[TITLE]
        previous = self.event
        if not number and previous is not None and _continues(previous, values):
            previous.title = join_text(previous.title, flat(title))
            previous.responsible = join_text(
                previous.responsible, flat(values.get(RESPONSIBLE, ""))
            )
            previous.deadline_phrase = join_text(
                previous.deadline_phrase, flat(values.get(DEADLINE, ""))
            )
            previous.expected_result = join_text(
                previous.expected_result, flat(values.get(RESULT, ""))
            )
            return
        if not title:
            if any(values.values()):
                self.warnings.append(f"Строка {row.number}: нет названия мероприятия, пропущена.")
            return
        if self.stage is None:
            self.stages.append(PreviewStage(number=None, title="Мероприятия", line=row.number))
            self.warnings.append("В таблице нет строк этапов: все мероприятия собраны в один этап.")
        self.stage.events.append(
            self.new_event(row, values, number.rstrip("."), flat(title), values.get(DEADLINE, ""))
        )

    def new_event(
        self, row: Row, values: dict[str, str], number: str, title: str, deadline: str
    ) -> PreviewEvent:
        result = flat(values.get(RESULT, ""))
        return PreviewEvent(
            number=number[:16],
            title=title,
            line=row.number,
            responsible=clip(flat(values.get(RESPONSIBLE, "")), 500),
            deadline_phrase=clip(" ".join(deadline.split()), 300),
            expected_result=result,
            document_kind=guess_document_kind(result or title),
        )


def _continues(previous: PreviewEvent, values: dict[str, str]) -> bool:
    """A row without a number that goes on with the event above (a page break cut it)."""
    title = values[TITLE]
    if not title:
        return True
    if title[0].islower() or LIST_MARKER.match(title):
        return True
    return bool(previous.number) and not values.get(DEADLINE) and not values.get(RESPONSIBLE)


def _is_column_numbers(texts: list[str]) -> bool:
    """The row «1 | 2 | 3 | 4» some tables have under the header."""
    return len(texts) >= 2 and texts == [str(n) for n in range(1, len(texts) + 1)]


def _split_task(title: str) -> tuple[str, str]:
    """«Этап 1. Подготовка … Задача этапа - создание условий …» → (title, task)."""
    parts = _TASK.split(title, maxsplit=1)
    task = parts[1].strip() if len(parts) == 2 else ""
    return parts[0].strip().rstrip(".").strip(), task
