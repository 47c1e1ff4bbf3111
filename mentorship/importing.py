"""Import of people from XLSX and CSV: the file, its headers and values, and the typed preview.

The engine reads any file a school clerk is likely to have (Excel, CSV from Excel or from
a school information system), finds the header row, maps the Russian headers onto the
fields of ``Person`` and hands the rows to ``mentorship.resources.PersonResource``
(django-import-export), which matches, validates and saves them. ``run()`` turns the
result into an ``ImportPreview``: per row its number in the file, a status and the
reason in Russian. The curator's pages and ``manage.py import_people`` both use it.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import tablib
from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException

from mentorship.exceptions import DomainError
from mentorship.models import Person, PersonKind
from mentorship.text import full_name, normalise

if TYPE_CHECKING:
    from import_export.results import RowResult

    from mentorship.resources import PersonResource

MAX_FILE_BYTES = 10 * 1024 * 1024
HEADER_SEARCH_ROWS = 20  # a title or a date may sit above the header row
EMPTY_RUN_LIMIT = 1000  # formatted but empty rows at the end of a sheet

# What the importer accepts as ``--kind`` and in the form, and the category it gives.
IMPORT_KINDS: dict[str, str] = {"staff": PersonKind.STAFF, "pupils": PersonKind.PUPIL}
IMPORT_KIND_LABELS: dict[str, str] = {"staff": "Сотрудники", "pupils": "Обучающиеся"}


class ImportFileError(DomainError):
    """The file cannot be imported at all; nothing was written."""


class ImportRowsError(DomainError):
    """Some rows have errors and were not explicitly skipped; nothing was written."""

    def __init__(self, preview: ImportPreview) -> None:
        self.preview = preview
        counts = preview.counts
        super().__init__(
            f"В файле есть строки с ошибками ({counts[RowStatus.ERROR]}): исправьте их "
            "или отметьте «Пропустить строки с ошибками». Ничего не записано."
        )


# --- headers ---------------------------------------------------------------------------

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
    texts = [_cell_text(value) for value in headers]
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


# --- values -----------------------------------------------------------------------------

_DMY = re.compile(
    r"^(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?:\s*г\.?)?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_SERIAL = re.compile(r"^\d{1,5}(?:[.,]0+)?$")
_EXCEL_FIRST, _EXCEL_LAST = 1, 73050  # 01.01.1900 … 31.12.2099


def parse_date(value: Any) -> datetime.date | None:
    """A date from a date cell, an Excel serial number, «ДД.ММ.ГГГГ» or «ГГГГ-ММ-ДД»."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, bool):
        raise ValueError(f"не удалось прочитать дату «{value}»")
    if isinstance(value, int | float):
        return _from_serial(value)
    text = _cell_text(value)
    if _SERIAL.match(text):
        return _from_serial(float(text.replace(",", ".")))
    if match := _DMY.match(text):
        day, month, year = match.groups()
        if len(year) != 4:
            raise ValueError(
                f"в дате «{text}» год из двух цифр — непонятно, какой век; "
                "укажите год полностью: ДД.ММ.ГГГГ"
            )
        return _make_date(int(year), int(month), int(day), text)
    if match := _ISO.match(text):
        year, month, day = match.groups()
        return _make_date(int(year), int(month), int(day), text)
    raise ValueError(f"не удалось прочитать дату «{text}»: нужна дата в виде ДД.ММ.ГГГГ")


def _from_serial(value: float) -> datetime.date:
    if not _EXCEL_FIRST <= value <= _EXCEL_LAST:
        raise ValueError(f"число {value:g} не похоже на дату: нужна дата в виде ДД.ММ.ГГГГ")
    return from_excel(value).date()


def _make_date(year: int, month: int, day: int, text: str) -> datetime.date:
    if not 1900 <= year <= 2099:
        raise ValueError(f"в дате «{text}» невероятный год {year}")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(f"такой даты нет: «{text}»") from None


_YEARS = re.compile(
    r"^(\d{1,2})(?:[.,]\d+)?\s*(?:(?:г|год|года|лет|л)\.?(?:\s.*)?|\s+\d+\s*(?:м|мес).*)?$"
)
_LESS_THAN_A_YEAR = {"нет", "менее года", "меньше года", "менее 1 года", "без стажа"}
_DASHES = {"-", "–", "—"}


def parse_years(value: Any) -> int | None:
    """Whole years of teaching: 5, 5.5, «5,5», «5 лет», «5 лет 3 мес.» all give 5."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"стаж «{value}»: нужно число лет")
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError(f"стаж не может быть отрицательным: {value:g}")
        return int(value)
    text = normalise(_cell_text(value))
    if not text or text in _DASHES:
        return None
    if text in _LESS_THAN_A_YEAR:
        return 0
    if match := _YEARS.match(text):
        return int(match.group(1))
    raise ValueError(f"стаж «{_cell_text(value)}»: нужно число лет, например 5")


_KINDS: dict[str, str] = {
    **{normalise(str(label)): code for code, label in PersonKind.choices},
    "сотрудник": PersonKind.STAFF,
    "сотрудники": PersonKind.STAFF,
    "педагог": PersonKind.STAFF,
    "работник": PersonKind.STAFF,
    "обучающийся": PersonKind.PUPIL,
    "обучающиеся": PersonKind.PUPIL,
    "ученик": PersonKind.PUPIL,
    "учащийся": PersonKind.PUPIL,
    "ученица": PersonKind.PUPIL,
    "внешний": PersonKind.EXTERNAL,
    "внешний наставник": PersonKind.EXTERNAL,
}


def parse_kind(value: Any) -> str:
    text = normalise(_cell_text(value))
    if text in _KINDS:
        return _KINDS[text]
    if text in {choice.value for choice in PersonKind}:
        return text
    raise ValueError(
        f"категория «{_cell_text(value)}» не распознана: "
        "сотрудник, обучающийся или внешний участник"
    )


def split_full_name(value: Any) -> tuple[str, str, str]:
    """«Алиева Лейла Гасан кызы» → («Алиева», «Лейла», «Гасан кызы»)."""
    parts = _cell_text(value).replace(",", " ").split()
    if not parts:
        return "", "", ""
    return parts[0], parts[1] if len(parts) > 1 else "", " ".join(parts[2:])


_CSV_ESCAPED = re.compile(r"^'[=+\-@]")


def clean_text(value: Any, *, multiline: bool = False) -> str:
    """A cell as text: 79123456789.0 → «79123456789», spaces tidied, ё untouched."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        value = value.strftime("%d.%m.%Y")
    text = str(value)
    if _CSV_ESCAPED.match(text):
        text = text[1:]  # our CSV export guards formulas with a leading apostrophe
    if multiline:
        lines = [" ".join(line.split()) for line in text.splitlines()]
        return "\n".join(lines).strip()
    return " ".join(text.split())


def _cell_text(value: Any) -> str:
    return clean_text(value)


# --- files ------------------------------------------------------------------------------

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_NOT_TABLES = {
    b"%PDF": "PDF-документ",
    b"\x89PNG": "картинка",
    b"\xff\xd8\xff": "картинка",
    b"GIF8": "картинка",
    b"Rar!": "архив",
    b"7z\xbc\xaf": "архив",
    b"\x1f\x8b": "архив",
    b"{\\rtf": "документ RTF",
}
NOT_A_TABLE = (
    "Файл не похож на таблицу. Загрузите таблицу Excel (.xlsx) или CSV — в Excel: "
    "«Файл → Сохранить как → Книга Excel (.xlsx)»."
)


@dataclass(frozen=True)
class Sheet:
    """The rows of one sheet or of a CSV file, each with its number in the file."""

    title: str
    rows: list[tuple[int, list[Any]]]


def read_sheets(data: bytes, filename: str = "") -> list[Sheet]:
    """Read a file into sheets of rows; raise ImportFileError with a message for people."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError("Файл больше 10 МБ. Разделите список на несколько файлов.")
    if not data.strip():
        raise ImportFileError("Файл пустой.")
    if data.startswith(OLE2_SIGNATURE):
        raise ImportFileError(_ole2_message(data, filename))
    for signature, what in _NOT_TABLES.items():
        if data.startswith(signature):
            raise ImportFileError(f"Это {what}, а не таблица. {NOT_A_TABLE}")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    return [_read_csv(data, filename)]


def _ole2_message(data: bytes, filename: str) -> str:
    # An Excel file with a password is an OLE2 container around the encrypted package;
    # so is the old binary .xls format.
    if _ENCRYPTED_PACKAGE in data or filename.lower().endswith(".xlsx"):
        return "Файл защищён паролем: снимите пароль в Excel и загрузите снова."
    return (
        "Это файл старого формата Excel (.xls). Откройте его в Excel и сохраните как "
        "«Книга Excel (.xlsx)», затем загрузите снова."
    )


def _read_xlsx(data: bytes) -> list[Sheet]:
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it drops; the values are intact.
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise ImportFileError(NOT_A_TABLE) from None
    try:
        sheets = []
        for sheet in book.worksheets:
            sheet.reset_dimensions()  # some programs write a wrong used range
            rows = list(_numbered(sheet.values))
            sheets.append(Sheet(title=f"Excel, лист «{sheet.title}»", rows=rows))
        return sheets
    finally:
        book.close()


def _numbered(rows: Iterable[Iterable[Any]]) -> Iterator[tuple[int, list[Any]]]:
    """Number the rows from 1, drop empty ones and stop at a long run of empty rows."""
    empty_run = 0
    for number, row in enumerate(rows, 1):
        cells = list(row)
        while cells and _is_empty(cells[-1]):
            cells.pop()
        if not cells:
            empty_run += 1
            if empty_run >= EMPTY_RUN_LIMIT:
                return
            continue
        empty_run = 0
        yield number, cells


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_csv(data: bytes, filename: str) -> Sheet:
    text = _decode(data)
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(_numbered(reader))
    except csv.Error:
        raise ImportFileError(NOT_A_TABLE) from None
    names = {";": "«;»", ",": "«,»", "\t": "табуляция"}
    return Sheet(title=f"CSV, разделитель {names[delimiter]}", rows=rows)


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")
    else:
        if b"\x00" in data[:8192]:
            raise ImportFileError(NOT_A_TABLE)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1251")
            except UnicodeDecodeError:
                raise ImportFileError(NOT_A_TABLE) from None
    if any(ord(ch) < 32 and ch not in "\t\r\n" for ch in text[:8192]):
        raise ImportFileError(NOT_A_TABLE)
    return text


def _sniff_delimiter(text: str) -> str:
    """Pick the delimiter that splits the first lines into the same number of columns."""
    sample = [line for line in text[:65536].splitlines()[:30] if line.strip()]
    best, best_score = ";", (0.0, 0)
    for delimiter in (";", "\t", ","):
        widths = [len(row) for row in csv.reader(sample, delimiter=delimiter)]
        if not widths or widths[0] < 2:
            continue
        score = (widths.count(widths[0]) / len(widths), widths[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


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
        if _is_empty(values.get("kind")):
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
    seen = ", ".join(f"«{text}»" for text in map(_cell_text, first.rows[0][1]) if text)
    raise ImportFileError(
        "В файле не найден столбец с именами: нужен столбец «ФИО» или столбцы «Фамилия» "
        f"и «Имя». В первой заполненной строке: {seen or 'пусто'}."
    )


# --- the preview ------------------------------------------------------------------------


class RowStatus(StrEnum):
    NEW = "new"
    UPDATE = "update"
    SKIP = "skip"
    ERROR = "error"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def badge(self) -> str:
        return _STATUS_BADGES[self]


_STATUS_LABELS = {
    RowStatus.NEW: "новый",
    RowStatus.UPDATE: "обновление",
    RowStatus.SKIP: "без изменений",
    RowStatus.ERROR: "ошибка",
}
_STATUS_BADGES = {
    RowStatus.NEW: "text-bg-success",
    RowStatus.UPDATE: "text-bg-primary",
    RowStatus.SKIP: "text-bg-secondary",
    RowStatus.ERROR: "text-bg-danger",
}


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.label}: «{self.old or '—'}» → «{self.new or '—'}»"


@dataclass
class PreviewRow:
    number: int
    full_name: str
    status: RowStatus
    reason: str = ""
    changes: list[Change] = field(default_factory=list)
    person: Person | None = None


@dataclass
class ImportPreview:
    kind: str
    source: str
    columns: list[tuple[str, str]]
    ignored_columns: list[str]
    rows: list[PreviewRow]
    dry_run: bool = True
    skipped_errors: bool = False

    @property
    def counts(self) -> dict[RowStatus, int]:
        counts = dict.fromkeys(RowStatus, 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def has_errors(self) -> bool:
        return any(row.status is RowStatus.ERROR for row in self.rows)

    @property
    def error_rows(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.status is RowStatus.ERROR]

    def audit_data(self) -> dict[str, Any]:
        counts = self.counts
        return {
            "kind": self.kind,
            "rows": len(self.rows),
            "new": counts[RowStatus.NEW],
            "updated": counts[RowStatus.UPDATE],
            "unchanged": counts[RowStatus.SKIP],
            "skipped_errors": counts[RowStatus.ERROR],
        }

    def summary(self) -> str:
        counts = self.counts
        if self.dry_run:
            return (
                f"Проверено строк: {len(self.rows)}. Новых {counts[RowStatus.NEW]}, "
                f"обновлений {counts[RowStatus.UPDATE]}, без изменений {counts[RowStatus.SKIP]}, "
                f"с ошибками {counts[RowStatus.ERROR]}."
            )
        return (
            f"Импортировано: новых {counts[RowStatus.NEW]}, обновлено {counts[RowStatus.UPDATE]}, "
            f"без изменений {counts[RowStatus.SKIP]}, "
            f"пропущено с ошибками {counts[RowStatus.ERROR]}"
        )


def run(
    prepared: PreparedImport,
    *,
    resource: PersonResource,
    dry_run: bool,
    skip_errors: bool = False,
) -> ImportPreview:
    """Import the prepared rows through the resource and describe every row.

    With ``dry_run`` nothing is written. Without it the caller must hold a transaction:
    rows with errors raise ImportRowsError (so that it rolls back) unless ``skip_errors``.
    """
    resource.line_numbers = prepared.line_numbers
    result = resource.import_data(prepared.dataset, dry_run=dry_run, use_transactions=True)
    if result.base_errors:
        # Matching or a batch write failed in the database: the rows are not to blame.
        raise ImportFileError(
            f"Импорт остановлен из-за ошибки базы данных ({result.base_errors[0].error}). "
            "Ничего не записано, попробуйте ещё раз."
        )
    preview = ImportPreview(
        kind=prepared.kind,
        source=prepared.source,
        columns=prepared.columns.used,
        ignored_columns=prepared.columns.ignored,
        rows=[
            _preview_row(resource, number, row_result)
            for number, row_result in zip(prepared.line_numbers, result.rows, strict=True)
        ],
        dry_run=dry_run,
        skipped_errors=skip_errors,
    )
    if not dry_run and (result.has_errors() or (preview.has_errors and not skip_errors)):
        for row in preview.rows:
            if row.status is RowStatus.NEW:
                row.person = None  # its card is rolled back with everything else
        raise ImportRowsError(preview)
    return preview


def _preview_row(resource: PersonResource, number: int, row_result: RowResult) -> PreviewRow:
    info = resource.row_info.get(number)
    name = info.full_name if info else ""
    person = info.person if info else None
    if row_result.validation_error is not None:
        reason = resource.error_reason(row_result.validation_error)
        return PreviewRow(number, name, RowStatus.ERROR, reason=reason, person=person)
    if row_result.errors:
        error = row_result.errors[0].error
        return PreviewRow(number, name, RowStatus.ERROR, f"Не удалось сохранить: {error}")
    status = {
        "new": RowStatus.NEW,
        "update": RowStatus.UPDATE,
        "skip": RowStatus.SKIP,
    }[row_result.import_type]
    return PreviewRow(number, name, status, changes=info.changes if info else [], person=person)


def row_label(values: dict[str, Any]) -> str:
    return full_name(*(clean_text(values.get(part)) for part in NAME_FIELDS))


def validation_messages(error: ValidationError, labels: dict[str, str]) -> str:
    if hasattr(error, "error_dict"):
        parts = []
        for name, errors in error.error_dict.items():
            texts = [message for item in errors for message in item.messages]
            label = labels.get(name)
            parts.extend(f"{label}: {text}" if label else _capitalised(text) for text in texts)
        return "; ".join(parts)
    return "; ".join(_capitalised(text) for text in error.messages)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
