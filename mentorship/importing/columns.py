"""The header row: which column of the file fills which field of ``Person``; and the dataset
with the resource's own headers that is built from the rows below it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import tablib

from mentorship.importing.reading import ImportFileError, Sheet, read_sheets
from mentorship.importing.values import clean_text, is_empty, split_full_name
from mentorship.models import PersonKind
from mentorship.text import normalise

HEADER_SEARCH_ROWS = 20  # a title or a date may sit above the header row

# What the importer accepts as ``--kind`` and in the form, and the category it gives.
IMPORT_KINDS: dict[str, str] = {"staff": PersonKind.STAFF, "pupils": PersonKind.PUPIL}
IMPORT_KIND_LABELS: dict[str, str] = {"staff": "Сотрудники", "pupils": "Обучающиеся"}

FIO = "fio"  # one column with the whole name, split into surname, name and patronymic
NAME_FIELDS = ("surname", "name", "patronymic")

# The headers of our own export: the resource's column names, read back by the importer.
COLUMN_NAMES: dict[str, str] = {
    "surname": "Фамилия",
    "name": "Имя",
    "patronymic": "Отчество",
    "kind": "Категория",
    "birth_date": "Дата рождения",
    "position": "Должность",
    "subjects": "Предметы",
    "department": "МО или класс",
    "teaching_experience_years": "Стаж",
    "hire_date": "Дата приёма",
    "email": "E-mail",
    "phone": "Телефон",
    "notes": "Примечание",
}

# Resource field -> header variants, compared after header_key().
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    FIO: (
        "ФИО",
        "Ф.И.О.",
        "Фамилия Имя Отчество",
        "Фамилия, имя, отчество",
        "ФИО полностью",
        "ФИО сотрудника",
        "ФИО работника",
        "ФИО педагога",
        "ФИО обучающегося",
        "ФИО учащегося",
        "ФИО ученика",
        "ФИО участника",
        "Фамилия и имя",
    ),
    "surname": ("Фамилия",),
    "name": ("Имя",),
    "patronymic": ("Отчество",),
    "kind": ("Категория", "Категория участника"),
    "birth_date": ("Дата рождения", "Д.р.", "Дата рожд.", "ДР"),
    "position": ("Должность", "Занимаемая должность"),
    "subjects": (
        "Предмет(ы)",
        "Предмет",
        "Предметы",
        "Преподаваемые предметы",
        "Преподаваемый предмет",
    ),
    "department": (
        "МО или класс",
        "МО",
        "ШМО",
        "Методическое объединение",
        "Кафедра",
        "Подразделение",
        "Класс",
    ),
    "teaching_experience_years": (
        "Стаж",
        "Педагогический стаж",
        "Пед. стаж",
        "Стаж, лет",
        "Педагогический стаж, лет",
        "Пед. стаж, лет",
        "Стаж педагогической работы",
    ),
    "hire_date": (
        "Дата приёма",
        "Дата приема на работу",
        "Дата приёма на работу",
        "Принят",
        "Дата поступления на работу",
    ),
    "email": (
        "E-mail",
        "Email",
        "Е-mail",
        "Эл. почта",
        "Электронная почта",
        "Адрес электронной почты",
        "Почта",
        "Mail",
    ),
    "phone": ("Телефон", "Тел.", "Мобильный телефон", "Контактный телефон", "Номер телефона"),
    "notes": ("Примечание", "Примечания", "Заметки", "Комментарий"),
}

FIELD_LABELS: dict[str, str] = {
    FIO: "фамилия, имя и отчество",
    "surname": "фамилия",
    "name": "имя",
    "patronymic": "отчество",
    "kind": "категория",
    "birth_date": "дата рождения",
    "position": "должность",
    "subjects": "предметы",
    "department": "МО или класс",
    "teaching_experience_years": "педагогический стаж",
    "hire_date": "дата приёма на работу",
    "email": "электронная почта",
    "phone": "телефон",
    "notes": "примечание",
}

_NOT_LETTERS = re.compile(r"[^0-9a-zа-я]")


def header_key(value: Any) -> str:
    """«Ф.И.О.», «ф и о» and «ФИО» give the same key: lower case, ё as е, letters only."""
    return _NOT_LETTERS.sub("", normalise(str(value or "")))


_ALIAS_INDEX: dict[str, str] = {
    header_key(alias): target for target, aliases in HEADER_ALIASES.items() for alias in aliases
}


@dataclass(frozen=True)
class ColumnMap:
    """Which column of the file fills which field, and which columns are ignored."""

    fields: dict[str, int]
    headers: list[str]
    ignored: list[str]

    @property
    def has_name(self) -> bool:
        return FIO in self.fields or {"surname", "name"} <= self.fields.keys()

    @property
    def used(self) -> list[tuple[str, str]]:
        """(header in the file, what it fills), in the order of the file."""
        by_column = sorted(self.fields.items(), key=lambda item: item[1])
        return [(self.headers[column], FIELD_LABELS[target]) for target, column in by_column]


def map_columns(headers: list[Any]) -> ColumnMap:
    texts = [clean_text(value) for value in headers]
    fields: dict[str, int] = {}
    ignored: list[str] = []
    for column, text in enumerate(texts):
        if not text:
            continue
        target = _ALIAS_INDEX.get(header_key(text))
        if target is None or target in fields:
            ignored.append(text)
        else:
            fields[target] = column
    if FIO in fields and {"surname", "name"} <= fields.keys():
        # Three name columns win over a whole-name one: they need no guessing.
        ignored.append(texts[fields.pop(FIO)])
    return ColumnMap(fields=fields, headers=texts, ignored=ignored)


# --- the table handed to the resource --------------------------------------------------


@dataclass
class PreparedImport:
    """The file turned into a dataset with the resource's own headers."""

    dataset: tablib.Dataset
    line_numbers: list[int]
    columns: ColumnMap
    source: str
    kind: str


def prepare(data: bytes, *, filename: str = "", kind: str) -> PreparedImport:
    """Read the file, find the header row and build the dataset; no database access."""
    default_kind = IMPORT_KINDS[kind]
    sheets = read_sheets(data, filename)
    if not any(sheet.rows for sheet in sheets):
        raise ImportFileError("Файл пустой: в нём нет ни одной заполненной ячейки.")
    sheet, header_at, columns = _find_header(sheets)
    data_rows = [(number, cells) for number, cells in sheet.rows if number > header_at]
    if not data_rows:
        raise ImportFileError(
            f"В файле нет строк с данными: после заголовка (строка {header_at}) ничего нет."
        )
    dataset = tablib.Dataset(headers=list(COLUMN_NAMES.values()))
    kind_label = PersonKind(default_kind).label
    for _, cells in data_rows:
        values = {target: _cell(cells, column) for target, column in columns.fields.items()}
        if FIO in values:
            values.update(zip(NAME_FIELDS, split_full_name(values.pop(FIO)), strict=True))
        if is_empty(values.get("kind")):
            values["kind"] = kind_label
        dataset.append([values.get(name) for name in COLUMN_NAMES])
    return PreparedImport(
        dataset=dataset,
        line_numbers=[number for number, _ in data_rows],
        columns=columns,
        source=sheet.title,
        kind=kind,
    )


def _cell(cells: list[Any], column: int) -> Any:
    return cells[column] if column < len(cells) else None


def _find_header(sheets: list[Sheet]) -> tuple[Sheet, int, ColumnMap]:
    for sheet in sheets:
        for number, cells in sheet.rows[:HEADER_SEARCH_ROWS]:
            columns = map_columns(cells)
            if columns.has_name:
                return sheet, number, columns
    first = next(sheet for sheet in sheets if sheet.rows)
    seen = ", ".join(f"«{text}»" for text in map(clean_text, first.rows[0][1]) if text)
    raise ImportFileError(
        "В файле не найден столбец с именами: нужен столбец «ФИО» или столбцы «Фамилия» "
        f"и «Имя». В первой заполненной строке: {seen or 'пусто'}."
    )
