"""The header row, found by the meaning of its cells in any order; and the heading, the
approval and the explanatory note above it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mentorship.importing import header_key
from roadmap.importing.reading import Grid, RoadmapImportError, Row
from roadmap.importing.text import clip

NO_HEADER = (
    "В файле не найдена таблица дорожной карты: нужна строка заголовков со столбцом "
    "мероприятий («Мероприятие», «Наименование», «Содержание деятельности») и хотя бы "
    "одним из столбцов «Срок», «Ответственный», «Результат», «Этап» или «№»."
)

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


def locate_header(grids: list[Grid]) -> tuple[Grid, int, Header]:
    """The first header row of the file: its grid, its index there and what it holds."""
    for grid in grids:
        for index, row in enumerate(grid.rows):
            if header := find_header(row):
                return grid, index, header
    first = next(grid for grid in grids if grid.rows)
    seen = ", ".join(f"«{clip(cell.text, 60)}»" for cell in first.rows[0].cells if cell.text)
    raise RoadmapImportError(f"{NO_HEADER} В первой заполненной строке: {seen or 'пусто'}.")


# --- the heading, the approval and the note above the table -----------------------------

_HEADING = re.compile(r"^[«\"\s]*(?:дорожн\w*\s+карт|план\w*\s+мероприяти)", re.I)
_APPROVAL = re.compile(
    r"приказ\w*\s+от\s+(?P<date>\d{1,2}\.\d{1,2}\.\d{4})\s*(?:г\.?)?\s*№\s*(?P<number>[\w/\-–. ]*\w)",
    re.I,
)
_NOTE = re.compile(r"^пояснительная\s+записка\.?$", re.I)


def read_above(rows: list[Row]) -> tuple[str, str, str]:
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
    return clip(" ".join(" ".join(lines).split()).rstrip("."), 500)
