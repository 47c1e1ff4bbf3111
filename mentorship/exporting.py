"""File formats of the exports: a tablib dataset in, the bytes of an XLSX or CSV file out.

Both guard against formula injection: a name such as «=HYPERLINK(…)» stays text. XLSX
marks such cells as strings; CSV prefixes them with an apostrophe, which the importer
strips, so exported files import back unchanged.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import warnings
from dataclasses import dataclass
from typing import Any, ClassVar

import tablib
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# A phone number such as «+7 (912) 345-67-89» is harmless; «+cmd|…» or «=1+1» is not.
_HARMLESS_SIGNED = re.compile(r"^[+-][\d\s().\-]*$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    return text.startswith(_FORMULA_START) and not _HARMLESS_SIGNED.match(text)


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content_type: str
    content: bytes


class ExportFormat:
    code: ClassVar[str]
    label: ClassVar[str]
    content_type: ClassVar[str]

    def render(self, dataset: tablib.Dataset, *, title: str) -> bytes:
        raise NotImplementedError

    def file(self, dataset: tablib.Dataset, *, stem: str, title: str) -> ExportFile:
        return ExportFile(
            filename=f"{stem}.{self.code}",
            content_type=self.content_type,
            content=self.render(dataset, title=title),
        )


class XlsxFormat(ExportFormat):
    code = "xlsx"
    label = "Excel (.xlsx)"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def render(self, dataset: tablib.Dataset, *, title: str) -> bytes:
        book = Workbook(write_only=True)
        sheet = book.create_sheet(title=title[:31])
        headers = list(dataset.headers or [])
        for index, header in enumerate(headers, 1):
            width = max([len(header), *(len(str(v or "")) for v in dataset.get_col(index - 1))])
            sheet.column_dimensions[get_column_letter(index)].width = min(max(width, 8), 50) + 2
        sheet.freeze_panes = "A2"
        bold = Font(bold=True)
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(sheet, value=header)
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in dataset:
            sheet.append([self._cell(sheet, value) for value in row])
        buffer = io.BytesIO()
        with warnings.catch_warnings():
            # openpyxl's writer still calls a deprecated datetime API on some Pythons.
            warnings.simplefilter("ignore", DeprecationWarning)
            book.save(buffer)
        return buffer.getvalue()

    @staticmethod
    def _cell(sheet: Any, value: Any) -> Any:
        if isinstance(value, datetime.date):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = "DD.MM.YYYY"
            return cell
        if not isinstance(value, str):
            return value
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"  # never a formula, whatever the text starts with
        return cell


class CsvFormat(ExportFormat):
    """UTF-8 with a BOM and «;»: what Excel in a Russian locale opens without questions."""

    code = "csv"
    label = "CSV (.csv)"
    content_type = "text/csv; charset=utf-8"

    def render(self, dataset: tablib.Dataset, *, title: str) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(dataset.headers or [])
        for row in dataset:
            writer.writerow([self._text(value) for value in row])
        return buffer.getvalue().encode("utf-8-sig")

    @staticmethod
    def _text(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime.date):
            return value.strftime("%d.%m.%Y")
        text = str(value)
        return f"'{text}" if looks_like_formula(text) else text


FORMATS: dict[str, ExportFormat] = {fmt.code: fmt for fmt in (XlsxFormat(), CsvFormat())}
