"""Build XLSX and CSV files in memory for the import tests, and read exports back."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook, load_workbook


def xlsx_bytes(rows: list[list[Any]], *, title: str = "Лист1") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list[Any]], *, delimiter: str = ";", encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_rows(data: bytes) -> list[list[Any]]:
    book = load_workbook(io.BytesIO(data), read_only=True)
    try:
        return [list(row) for row in book.worksheets[0].values]
    finally:
        book.close()


_LETTERS = "абвгдежзиклмнопрстуфхцчшэюя"


def letters(n: int) -> str:
    """A distinct suffix of letters for the n-th generated name: names may not hold digits."""
    suffix = ""
    while True:
        n, rest = divmod(n, len(_LETTERS))
        suffix = _LETTERS[rest] + suffix
        if n == 0:
            return suffix


def staff_rows(count: int) -> list[list[Any]]:
    """A header and ``count`` distinct members of staff, as a school clerk would type them."""
    header: list[Any] = ["№", "ФИО", "Дата рождения", "Должность", "МО", "Стаж", "E-mail"]
    return [header] + [
        [
            n + 1,
            f"Сотрудникова{letters(n)} Анна Сергеевна",
            f"{1 + n % 28:02d}.{1 + n % 12:02d}.{1960 + n % 40}",
            "Учитель",
            "МО учителей математики",
            f"{n % 30} лет",
            f"teacher{n}@school.example",
        ]
        for n in range(count)
    ]
