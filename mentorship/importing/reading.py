"""The file as sheets of rows: XLSX or CSV, recognised by content; clear refusals for the rest.

The checks and the text decoding here are shared with the roadmap import engine
(``roadmap.importing``), which reads the same kinds of files.
"""

from __future__ import annotations

import codecs
import csv
import io
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from mentorship.exceptions import DomainError
from mentorship.importing.values import is_empty

MAX_FILE_BYTES = 10 * 1024 * 1024
EMPTY_RUN_LIMIT = 1000  # formatted but empty rows at the end of a sheet

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
# How a CSV delimiter is named to people.
DELIMITER_NAMES = {";": "«;»", ",": "«,»", "\t": "табуляция"}


class ImportFileError(DomainError):
    """The file cannot be imported at all; nothing was written."""


@dataclass(frozen=True)
class Sheet:
    """The rows of one sheet or of a CSV file, each with its number in the file."""

    title: str
    rows: list[tuple[int, list[Any]]]


def foreign_format(data: bytes) -> str | None:
    """What the file is when it is plainly not a table: «PDF-документ», «картинка», «архив»…"""
    for signature, what in _NOT_TABLES.items():
        if data.startswith(signature):
            return what
    return None


def open_workbook(data: bytes, *, read_only: bool) -> Workbook:
    """Load an XLSX file with its cached values; openpyxl's own errors are the caller's."""
    with warnings.catch_warnings():
        # openpyxl warns about styles and extensions it drops; the values are intact.
        warnings.simplefilter("ignore")
        return load_workbook(io.BytesIO(data), read_only=read_only, data_only=True)


def decode_text(data: bytes) -> str:
    """A text file as UTF-16 (with a BOM), UTF-8 or cp1251; ImportFileError if it is binary."""
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


def read_sheets(data: bytes, filename: str = "") -> list[Sheet]:
    """Read a file into sheets of rows; raise ImportFileError with a message for people."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError("Файл больше 10 МБ. Разделите список на несколько файлов.")
    if not data.strip():
        raise ImportFileError("Файл пустой.")
    if data.startswith(OLE2_SIGNATURE):
        raise ImportFileError(_ole2_message(data, filename))
    if what := foreign_format(data):
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
        book = open_workbook(data, read_only=True)
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
        while cells and is_empty(cells[-1]):
            cells.pop()
        if not cells:
            empty_run += 1
            if empty_run >= EMPTY_RUN_LIMIT:
                return
            continue
        empty_run = 0
        yield number, cells


def _read_csv(data: bytes, filename: str) -> Sheet:
    text = decode_text(data)
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(_numbered(reader))
    except csv.Error:
        raise ImportFileError(NOT_A_TABLE) from None
    return Sheet(title=f"CSV, разделитель {DELIMITER_NAMES[delimiter]}", rows=rows)


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
