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
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import itertools
import re
import warnings
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import docx
from django.core.exceptions import ValidationError
from django.db import transaction
from docx.table import Table
from openpyxl import load_workbook

from mentorship.common import audit, model_update
from mentorship.exceptions import DomainError
from mentorship.importing import (
    _NOT_TABLES,
    MAX_FILE_BYTES,
    OLE2_SIGNATURE,
    ImportFileError,
    _decode,
    header_key,
)
from mentorship.models import ProgrammeYear, User
from roadmap.deadlines import ParsedDeadline, parse_deadline
from roadmap.models import DocumentKind, Roadmap
from roadmap.services import event_save, roadmap_create_empty, stage_save

NOT_A_ROADMAP = (
    "Файл не похож на дорожную карту. Загрузите таблицу Excel (.xlsx), документ Word "
    "(.docx) с таблицей или CSV."
)
NO_HEADER = (
    "В файле не найдена таблица дорожной карты: нужна строка заголовков со столбцом "
    "мероприятий («Мероприятие», «Наименование», «Содержание деятельности») и хотя бы "
    "одним из столбцов «Срок», «Ответственный», «Результат», «Этап» или «№»."
)
MAX_STAGES = 20  # Stage.number allows 1–20


class RoadmapImportError(DomainError):
    """The file cannot be imported as a roadmap; nothing was written."""


# --- cells and rows ---------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Row:
    number: int  # the row in the sheet or the CSV file; in Word, the block in the document
    cells: list[Cell]
    table: int | None = None  # Word: which table (None for a paragraph outside tables)


@dataclass
class Grid:
    source: str
    rows: list[Row]
    table_widths: dict[int, int] = field(default_factory=dict)


_TAG = re.compile(r"<[^>]+>")
_BREAK_TAGS = re.compile(r"<\s*(?:br|/?p|/?ul|/?ol|/?div|/li|/?tr)\b[^>]*>", re.I)
_LI_TAG = re.compile(r"<\s*li\b[^>]*>", re.I)
_BOLD_WRAP = re.compile(r"^\s*<(b|strong)>(.*)</\1>\s*$", re.I | re.S)


def clean_cell(value: Any) -> tuple[str, bool]:
    """A cell as tidy lines: HTML remnants and «**» dropped, spaces collapsed; and whether a
    whole-cell <b>…</b> made it bold."""
    text = _value_text(value)
    bold = bool(_BOLD_WRAP.match(text))
    if "<" in text:
        text = _LI_TAG.sub("\n• ", text)
        text = _BREAK_TAGS.sub("\n", text)
        text = _TAG.sub(" ", text)
    text = html.unescape(text).replace("**", "").replace("\\_", "_").replace("\xa0", " ")
    lines = (" ".join(line.split()) for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line), bold


def _value_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def _row(number: int, values: list[tuple[Any, bool]], table: int | None = None) -> Row | None:
    cells = []
    for value, bold in values:
        text, html_bold = clean_cell(value)
        cells.append(Cell(text, bold=(bold or html_bold) and bool(text)))
    while cells and not cells[-1].text:
        cells.pop()
    return Row(number, cells, table) if cells else None


# --- reading the file -------------------------------------------------------------------


def read_grids(data: bytes, filename: str = "") -> list[Grid]:
    """Read the file by its content, not its name; raise RoadmapImportError for people."""
    if len(data) > MAX_FILE_BYTES:
        raise RoadmapImportError("Файл больше 10 МБ.")
    if not data.strip():
        raise RoadmapImportError("Файл пустой.")
    if data.startswith(OLE2_SIGNATURE):
        raise RoadmapImportError(
            "Это файл старого формата Word (.doc) или Excel (.xls), либо защищённый паролем. "
            "Откройте его и сохраните как .docx или .xlsx без пароля, затем загрузите снова."
        )
    for signature, what in _NOT_TABLES.items():
        if data.startswith(signature):
            raise RoadmapImportError(f"Это {what}, а не таблица. {NOT_A_ROADMAP}")
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            raise RoadmapImportError(NOT_A_ROADMAP) from None
        if "word/document.xml" in names:
            return [_read_docx(data)]
        if "xl/workbook.xml" in names:
            return _read_xlsx(data)
        raise RoadmapImportError(NOT_A_ROADMAP)
    return [_read_csv(data)]


def _read_xlsx(data: bytes) -> list[Grid]:
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it drops; the values are intact.
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # a broken package fails in many ways, all of them «not a roadmap»
        raise RoadmapImportError(NOT_A_ROADMAP) from None
    grids = []
    for sheet in book.worksheets:
        # Down a merged column the value repeats; across a row it is said once.
        covered: dict[tuple[int, int], tuple[int, int] | None] = {}
        for merged in sheet.merged_cells.ranges:
            top = (merged.min_row, merged.min_col)
            for row in range(merged.min_row, merged.max_row + 1):
                for column in range(merged.min_col, merged.max_col + 1):
                    covered[(row, column)] = top if column == merged.min_col else None
            del covered[top]
        rows = []
        for cells in sheet.iter_rows():
            values: list[tuple[Any, bool]] = []
            for cell in cells:
                position = (cell.row, cell.column)
                source = sheet.cell(*covered[position]) if covered.get(position) else cell
                if position in covered and covered[position] is None:
                    values.append((None, False))
                else:
                    values.append((source.value, bool(source.font and source.font.b)))
            if row := _row(cells[0].row, values):
                rows.append(row)
        grids.append(Grid(f"Excel, лист «{sheet.title}»", rows))
    book.close()
    return grids


def _read_docx(data: bytes) -> Grid:
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(document.iter_inner_content())
    except Exception:  # a broken package fails in many ways, all of them «not a roadmap»
        raise RoadmapImportError(NOT_A_ROADMAP) from None
    rows: list[Row] = []
    widths: dict[int, int] = {}
    for block in blocks:
        if not isinstance(block, Table):
            if row := _row(len(rows) + 1, [(_paragraph_text(block), _is_bold([block]))]):
                rows.append(row)
            continue
        table = len(widths) + 1
        widths[table] = len(block.columns)
        for table_row in block.rows:
            values: list[tuple[Any, bool]] = [(None, False)] * table_row.grid_cols_before
            previous = None
            for cell in table_row.cells:
                if cell._tc is previous:  # the same cell spanning several grid columns
                    values.append((None, False))
                    continue
                previous = cell._tc
                values.append((_cell_text(cell), _is_bold(cell.paragraphs)))
            if row := _row(len(rows) + 1, values, table=table):
                rows.append(row)
    return Grid("Word", rows, widths)


def _cell_text(container: Any) -> str:
    """The paragraphs of a Word cell, nested tables included, one per line."""
    lines = []
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                texts = dict.fromkeys(_cell_text(cell) for cell in row.cells)
                lines.append(" ".join(text for text in texts if text))
        else:
            lines.append(_paragraph_text(block))
    return "\n".join(lines)


_MARKER = re.compile(r"^\s*(?:[•·●▪◦*\-–—]|\d{1,2}[.)])\s")


def _paragraph_text(paragraph: Any) -> str:
    """A paragraph; an item of a Word list gets a «•» since Word numbers it itself."""
    text = paragraph.text
    if text.strip() and _is_list_item(paragraph) and not _MARKER.match(text):
        return f"• {text}"
    return text


def _is_list_item(paragraph: Any) -> bool:
    properties = paragraph._p.pPr
    if properties is not None and properties.numPr is not None:
        return True
    style = paragraph.style
    while style is not None:
        properties = style.element.pPr
        if properties is not None and properties.numPr is not None:
            return True
        style = style.base_style
    return False


def _is_bold(paragraphs: list[Any]) -> bool:
    runs = [
        (run, paragraph) for paragraph in paragraphs for run in paragraph.runs if run.text.strip()
    ]
    return bool(runs) and all(
        run.bold or (run.bold is None and bool(paragraph.style.font.bold))
        for run, paragraph in runs
    )


_DELIMITER_NAMES = {";": "«;»", ",": "«,»", "\t": "табуляция"}


def _read_csv(data: bytes) -> Grid:
    try:
        text = _decode(data)
    except ImportFileError:
        raise RoadmapImportError(NOT_A_ROADMAP) from None
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [
            row
            for values in reader
            if (row := _row(reader.line_num, [(value, False) for value in values]))
        ]
    except csv.Error:
        raise RoadmapImportError(NOT_A_ROADMAP) from None
    return Grid(f"CSV, разделитель {_DELIMITER_NAMES[delimiter]}", rows)


def _sniff_delimiter(text: str) -> str:
    """The delimiter under which most rows share one width of two or more cells.

    A heading above the table is one cell wide under any delimiter, so it does not vote.
    """
    best, best_score = ";", (0, 0)
    for delimiter in (";", "\t", ","):
        try:
            rows = list(csv.reader(io.StringIO(text[:65536], newline=""), delimiter=delimiter))
        except csv.Error:
            continue
        widths = Counter(len(row) for row in rows[:60] if len(row) >= 2)
        if widths:
            width, count = widths.most_common(1)[0]
            if (count, width) > best_score:
                best, best_score = delimiter, (count, width)
    return best


# --- the header -------------------------------------------------------------------------

NUMBER, STAGE, TITLE, DEADLINE, RESPONSIBLE, RESULT = (
    "number", "stage", "title", "deadline", "responsible", "result",
)  # fmt: skip
ROLE_LABELS = {
    NUMBER: "номер",
    STAGE: "этап",
    TITLE: "мероприятие",
    DEADLINE: "срок",
    RESPONSIBLE: "ответственные",
    RESULT: "ожидаемый результат",
}
_NUMBER_HEADER = re.compile(r"^(?:№|n|#|номер)\s*(?:п\s*/?\s*п\.?)?$|^п\s*/\s*п$", re.I)
_HEADER_MAX_LENGTH = 120


def column_role(text: str) -> str | None:
    """What a header cell means: «Ответственн ые» and «Сроки проведения» are understood."""
    text = text.strip()
    if not text or len(text) > _HEADER_MAX_LENGTH:
        return None
    if _NUMBER_HEADER.match(" ".join(text.split())):
        return NUMBER
    key = header_key(text)
    if "результат" in key or "виддокумент" in key or key.startswith(("документ", "отчетн")):
        return RESULT
    if "ответствен" in key or "исполнител" in key:
        return RESPONSIBLE
    if "срок" in key or key.startswith(("дата", "период", "когда")):
        return DEADLINE
    if "этап" in key and "мероприят" not in key and "содержан" not in key:
        return STAGE
    if any(stem in key for stem in ("мероприят", "содержан", "наименован", "деятельн", "раздел")):
        return TITLE
    return None


@dataclass(frozen=True)
class Header:
    row: Row
    columns: dict[str, int]
    ignored: list[str]

    @property
    def used(self) -> list[tuple[str, str]]:
        """(header in the file, what it fills), in the order of the file."""
        by_column = sorted(self.columns.items(), key=lambda item: item[1])
        return [(self.row.cells[column].text, ROLE_LABELS[role]) for role, column in by_column]


def find_header(row: Row) -> Header | None:
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, cell in enumerate(row.cells):
        role = column_role(cell.text)
        if role is None or role in columns:
            if cell.text:
                ignored.append(cell.text)
        else:
            columns[role] = index
    if TITLE not in columns and STAGE in columns:
        columns[TITLE] = columns.pop(STAGE)  # a table of stages only: each row is one event
    if TITLE not in columns or len(columns) < 2:
        return None
    return Header(row, columns, ignored)


# --- rows to stages and events ----------------------------------------------------------

_STAGE_NUMBER = re.compile(r"^(\d{1,2})\.?$")
_LEADING_NUMBER = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$", re.S)
_NUMBERISH = re.compile(r"^\d{1,2}(?:\.\d{1,3}){0,3}\.?$")
_NUMBER_IN_TITLE = re.compile(r"^(\d{1,2}(?:\.\d{1,3}){1,3})\.?\s+(\S.*)$", re.S)
_STAGE_WORD = re.compile(
    r"^этап(?!\w)\s*(?P<number>\d{1,2})?\s*[.:)\-–—]?\s*(?P<title>\S.*)$", re.I | re.S
)
_TASK = re.compile(r"(?:^|\s)задач[аи]\s+(?:данного\s+)?этапа\s*[-–—:.]?\s*", re.I)
_TERMINAL = ".;:!?"


def join_text(first: str, second: str) -> str:
    """Glue the next line of a text: a new line after a full stop or before a list item."""
    if not first:
        return second
    if not second:
        return first
    if first[-1] in _TERMINAL and (second[0].isupper() or _MARKER.match(second)):
        return f"{first}\n{second}"
    if _MARKER.match(second):
        return f"{first}\n{second}"
    return f"{first} {second}"


def flat(text: str) -> str:
    """The lines of a cell as one text, list items and full sentences kept on their lines."""
    result = ""
    for line in text.split("\n"):
        result = join_text(result, line)
    return result


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


class _Builder:
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
            number=int(number) if number else None, title=_clip(title, 500), task=task,
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
            responsible=_clip(flat(values.get(RESPONSIBLE, "")), 500),
            deadline_phrase=_clip(" ".join(deadline.split()), 300),
            expected_result=result,
            document_kind=guess_document_kind(result or title),
        )


def _continues(previous: PreviewEvent, values: dict[str, str]) -> bool:
    """A row without a number that goes on with the event above (a page break cut it)."""
    title = values[TITLE]
    if not title:
        return True
    if title[0].islower() or _MARKER.match(title):
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


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- lists of activities in one cell ----------------------------------------------------

# A marker inside a line: a bullet after a space; a dash after the end of a sentence;
# «2)» after a space; «2.» after the end of a sentence. Mid-line numbers are checked in
# split_items().
_INLINE_MARK = re.compile(
    r"(?:(?<=\s)|^)(?P<bullet>[•·●▪◦])\s"
    r"|(?:(?<=[.;:!?)»])\s+|^)(?P<dash>[-–—])\s"
    r"|(?:(?<=\s)|^)(?P<paren>\d{1,2})\)\s"
    r"|(?:(?<=[.;:!?])\s+|^)(?P<dot>\d{1,2})\.\s(?=\D)"
)


def split_items(text: str) -> list[str]:
    """Split a cell listing several activities: «1) …», «– …», «• …», <li>, one per line.

    Text before the first marker («Подготовка и принятие актов:») is an activity too; text
    without a marker after an item goes on with that item.
    """
    items: list[str] = []
    expected = 1
    for line in text.split("\n"):
        starts = []
        for match in _INLINE_MARK.finditer(line):
            number = match.group("paren") or match.group("dot")
            if number is not None:
                before = line[: match.start()].rstrip()
                # Mid-line, «3)» starts an item in turn or after a finished sentence («…; 3)»,
                # the list numbered by Word above it), never inside parentheses.
                if before and int(number) != expected and before[-1] not in ".;:":
                    continue
                if match.group("paren") and before.count("(") > before.count(")"):
                    continue  # «(Приложение 1)»: a closing parenthesis, not a list
                expected = int(number) + 1
            starts.append(match.start())
        head = line[: starts[0]] if starts else line
        if head.strip():
            if items:
                items[-1] = f"{items[-1]} {head.strip()}"
            else:
                items.append(head.strip())
        for start, end in itertools.pairwise([*starts, len(line)]):
            items.append(_MARKER.sub("", line[start:end], count=1).strip())
    titles = (_item_title(item) for item in items)
    return [title for title in titles if title]


def _item_title(item: str) -> str:
    item = item.strip().rstrip(";:,").strip()
    return item[:1].upper() + item[1:]


# --- the kind of document an event leaves ------------------------------------------------

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (DocumentKind.ORDER_PAIRS, r"^приказ\w*\b.*(?:закреплен|наставническ\w* пар|пар/)"),
        (DocumentKind.ORDER_CURATOR, r"^приказ\w*\b.*куратор"),
        (DocumentKind.ORDER_REWARDS, r"^приказ\w*\b.*поощрен"),
        (DocumentKind.ORDER_FINAL_EVENT, r"^приказ\w*\b.*итогов\w* мероприяти"),
        (DocumentKind.ORDER_IMPLEMENTATION, r"^приказ\w*\b.*внедрени"),
        (DocumentKind.PROTOCOL, r"^протокол"),
        (DocumentKind.REGULATION, r"^положени\w* о (?:системе )?наставничеств"),
        (DocumentKind.ROADMAP, r"^(?:\w+ )?дорожн\w* карт|^план мероприятий \(дорожная карта\)"),
        (DocumentKind.MENTOR_BANK, r"^(?:база|базы|банк)\w* (?:данных )?наставников"),
        (DocumentKind.MENTEE_BANK, r"^(?:база|базы|банк)\w* (?:данных )?наставляемых"),
        (DocumentKind.CONSENTS, r"^(?:сбор )?согласи\w* на (?:сбор|обработку)"),
        (DocumentKind.QUESTIONNAIRES, r"^анкет"),
        (DocumentKind.WEBSITE, r"^раздел наставничество на сайте"),
        (DocumentKind.TRAINING, r"^обучение наставников"),
        (DocumentKind.ANALYTIC_REPORT, r"^аналитическ\w+ (?:справк|доклад|материал)"),
        (DocumentKind.MONITORING_REPORT, r"^отч[её]т\w* .*мониторинг"),
        (DocumentKind.CASES, r"^(?:база|банк)\w* .*(?:кейс|практик)"),
        (DocumentKind.PROGRAMMES, r"^персонализированн\w+ программ"),
    )
)


def guess_document_kind(text: str) -> str:
    """The document an event leaves, when its result says so plainly at the start of a
    sentence: «Приказ о закреплении …» → order_pairs, «Протокол …» → protocol."""
    for raw in re.split(r"[.;\n]", text.lower().replace("ё", "е")):
        clause = " ".join(re.sub(r"[«»\"]", "", _MARKER.sub("", raw)).split())
        for kind, pattern in _KINDS:
            if pattern.search(clause):
                return kind
    return ""


# --- the heading, the approval and the note above the table -----------------------------

_HEADING = re.compile(r"^[«\"\s]*(?:дорожн\w*\s+карт|план\w*\s+мероприяти)", re.I)
_APPROVAL = re.compile(
    r"приказ\w*\s+от\s+(?P<date>\d{1,2}\.\d{1,2}\.\d{4})\s*(?:г\.?)?\s*№\s*(?P<number>[\w/\-–. ]*\w)",
    re.I,
)
_NOTE = re.compile(r"^пояснительная\s+записка\.?$", re.I)


def _above(rows: list[Row]) -> tuple[str, str, str]:
    """(heading, approval reference, explanatory note) from the rows above the header.

    The heading starts with «Дорожная карта» or «План мероприятий» and goes on over the
    paragraphs that continue its sentence («реализации …», «на 2022-2023 учебный год»).
    """
    heading: list[str] = []
    note: list[str] = []
    approval = ""
    state = "before"
    for text in (cell.text for row in rows for cell in row.cells if cell.text):
        if not approval and (match := _APPROVAL.search(text)):
            approval = f"приказ от {match['date']} № {''.join(match['number'].split())}"
        if _NOTE.match(text):
            state = "note"
        elif state == "heading" and (text[0].islower() or text[0] in '«"'):
            heading.append(text)
        elif state in ("before", "heading") and not heading and _HEADING.match(text):
            heading.append(text)
            state = "heading"
        elif state == "note":
            note.append(text)
        elif state == "heading":
            state = "after"
    return _title_text(heading), approval[:200], "\n\n".join(note)


def _title_text(paragraphs: list[str]) -> str:
    """One line; a line in capitals («ДОРОЖНАЯ КАРТА») in sentence case, bare quotes gone."""
    lines = []
    for paragraph in paragraphs:
        for raw in paragraph.split("\n"):
            line = raw.strip()
            if line.startswith("«") and line.endswith("»") and line.count("«") == 1:
                line = line[1:-1]
            letters = [char for char in line if char.isalpha()]
            if len(letters) > 3 and all(char.isupper() for char in letters):
                line = line[:1] + line[1:].lower()
            lines.append(line)
    return _clip(" ".join(" ".join(lines).split()).rstrip("."), 500)


# --- the preview --------------------------------------------------------------------------


def build_preview(data: bytes, *, filename: str, year: ProgrammeYear) -> RoadmapPreview:
    """Read the file and describe the roadmap it holds; no database writes."""
    grids = read_grids(data, filename)
    if not any(grid.rows for grid in grids):
        raise RoadmapImportError("Файл пустой: в нём нет ни одной заполненной ячейки.")
    grid, at, header = _find_header(grids)
    builder = _Builder(header)
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
        f"Строка {stage.line}: этап «{_clip(stage.title, 80)}» без мероприятий пропущен."
        for stage in builder.stages
        if not stage.events
    ]
    warnings_ = builder.warnings + empty + _number_stages(stages)
    heading, approval, note = _above(grid.rows[:at])
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


def _find_header(grids: list[Grid]) -> tuple[Grid, int, Header]:
    for grid in grids:
        for index, row in enumerate(grid.rows):
            if header := find_header(row):
                return grid, index, header
    first = next(grid for grid in grids if grid.rows)
    seen = ", ".join(f"«{_clip(cell.text, 60)}»" for cell in first.rows[0].cells if cell.text)
    raise RoadmapImportError(f"{NO_HEADER} В первой заполненной строке: {seen or 'пусто'}.")


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


# --- writing ------------------------------------------------------------------------------


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
    roadmap = roadmap_create_empty(year=year, title=preview.title, actor=actor)
    try:
        model_update(
            instance=roadmap,
            fields=["source", "note", "approval_reference"],
            data={
                "source": _clip(f"файл «{preview.filename}»", 300),
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
