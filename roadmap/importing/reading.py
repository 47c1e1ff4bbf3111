"""The file as grids of cells: XLSX, DOCX (a table in Word) or CSV/TSV, recognised by content.

Merged cells are resolved and bold is remembered. The checks, the text decoding and the
cell text are shared with the people import (``mentorship.importing``).
"""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import docx
from docx.table import Table

from mentorship.exceptions import DomainError
from mentorship.importing import (
    DELIMITER_NAMES,
    MAX_FILE_BYTES,
    OLE2_SIGNATURE,
    ImportFileError,
    decode_text,
    foreign_format,
    open_workbook,
    value_text,
)
from roadmap.importing.text import LIST_MARKER

NOT_A_ROADMAP = (
    "Файл не похож на дорожную карту. Загрузите таблицу Excel (.xlsx), документ Word "
    "(.docx) с таблицей или CSV."
)


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
    text = value_text(value)
    bold = bool(_BOLD_WRAP.match(text))
    if "<" in text:
        text = _LI_TAG.sub("\n• ", text)
        text = _BREAK_TAGS.sub("\n", text)
        text = _TAG.sub(" ", text)
    text = html.unescape(text).replace("**", "").replace("\\_", "_").replace("\xa0", " ")
    lines = (" ".join(line.split()) for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line), bold


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
    if what := foreign_format(data):
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
        book = open_workbook(data, read_only=False)
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


def _paragraph_text(paragraph: Any) -> str:
    """A paragraph; an item of a Word list gets a «•» since Word numbers it itself."""
    text = paragraph.text
    if text.strip() and _is_list_item(paragraph) and not LIST_MARKER.match(text):
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


def _read_csv(data: bytes) -> Grid:
    try:
        text = decode_text(data)
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
    return Grid(f"CSV, разделитель {DELIMITER_NAMES[delimiter]}", rows)


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
