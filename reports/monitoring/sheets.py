"""The monitoring reports as spreadsheets: a workbook of sheets, numbers kept as numbers.

Cells go through the exports' guard (``mentorship.exporting``): text is always text, so an
answer typed as «=HYPERLINK(…)» never becomes a formula.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from decimal import Decimal

import tablib
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from mentorship.exporting import FORMATS, ExportFile, XlsxFormat
from reports.monitoring.builders import (
    AnnualReport,
    MunicipalExport,
    SatisfactionReport,
    Stage1Report,
    Stage2Report,
)
from reports.monitoring.common import Note
from reports.monitoring.format import number
from reports.monitoring.indicators import catalogue

XLSX_MIME = XlsxFormat.content_type


@dataclass(frozen=True)
class Sheet:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


def workbook(sheets: list[Sheet]) -> bytes:
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        page = book.create_sheet(title=sheet.title[:31])
        for index, header in enumerate(sheet.headers, 1):
            width = max([len(header), *(len(str(row[index - 1] or "")) for row in sheet.rows)])
            page.column_dimensions[get_column_letter(index)].width = min(max(width, 8), 60) + 2
        page.freeze_panes = "A2"
        header_cells = []
        for header in sheet.headers:
            cell = WriteOnlyCell(page, value=header)
            cell.font = bold
            header_cells.append(cell)
        page.append(header_cells)
        for row in sheet.rows:
            page.append([XlsxFormat._cell(page, value) for value in row])  # noqa: SLF001
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # openpyxl's writer still calls a deprecated datetime API on some Pythons.
        warnings.simplefilter("ignore", DeprecationWarning)
        book.save(buffer)
    return buffer.getvalue()


def _notes_sheet(notes: tuple[Note, ...]) -> Sheet:
    return Sheet("Выводы", ("Раздел", "Текст"), tuple((note.heading, note.text) for note in notes))


def stage1_sheets(report: Stage1Report) -> list[Sheet]:
    survey = report.survey
    meetings, feedback = report.meetings, report.feedback
    return [
        Sheet(
            "Условия",
            ("№", "Мероприятие", "Срок", "Статус", "Выполнено"),
            tuple((c.number, c.title, c.deadline, c.status, c.done_on) for c in report.conditions),
        ),
        Sheet(
            "Документы этапа 1",
            ("Документ или база", "Есть", "Подробности"),
            tuple((r.label, "да" if r.done else "нет", r.detail) for r in report.requirements),
        ),
        Sheet(
            "Анкета куратора",
            ("Условие", "Ответ куратора"),
            tuple((check.text, check.answer) for check in survey.checks) if survey else (),
        ),
        Sheet(
            "SWOT",
            ("Квадрант", "Содержание"),
            tuple((quadrant.title, entry) for quadrant in survey.swot for entry in quadrant.entries)
            if survey
            else (),
        ),
        Sheet(
            "Встречи",
            (
                "Форма наставничества",
                "Пар и групп",
                "Встречались в срок",
                "Доля, %",
                "Встреч за год",
            ),
            (
                *(
                    (row.title, row.total, row.met, row.percent, row.meetings)
                    for row in report.meetings_by_form
                ),
                ("Всего", meetings.total, meetings.met, meetings.percent, None),
            ),
        ),
        Sheet(
            "Обратная связь",
            ("Показатель", "Значение"),
            (
                ("Разослано форм", feedback.invited),
                ("Заполнено форм", feedback.answered),
                ("Доля заполненных, %", feedback.percent),
            ),
        ),
        _notes_sheet(report.notes),
    ]


def stage2_sheets(report: Stage2Report) -> list[Sheet]:
    measurements = report.measurements
    items = tuple(
        (m.title, i.text, i.before_n, i.before_mean, i.after_n, i.after_mean, i.change)
        for m in measurements
        for i in m.comparison.items
    )
    forms = tuple(
        (m.title, r.title, r.people, r.before, r.after, r.change, r.improved, r.declined)
        for m in measurements
        for r in m.by_form
    )
    people = tuple(
        (m.title, p.name, p.department, p.forms, p.before, p.after, p.change)
        for m in measurements
        for p in m.people
    )
    return [
        Sheet(
            "Показатели",
            ("Анкета", "Показатель", "Ответов до", "До", "Ответов после", "После", "Изменение"),
            items,
        ),
        Sheet(
            "По формам",
            ("Анкета", "Форма", "Участников", "До", "После", "Изменение", "Выросли", "Снизились"),
            forms,
        ),
        Sheet(
            "Участники",
            ("Анкета", "ФИО", "Методобъединение или класс", "Форма", "До", "После", "Изменение"),
            people,
        ),
        _notes_sheet(report.notes),
    ]


def satisfaction_sheets(report: SatisfactionReport) -> list[Sheet]:
    summary = report.summary
    return [
        Sheet(
            "Итог",
            ("Участники", "Среднее (1–10)", "Анкет"),
            (
                ("Наставники", summary.mentors.mean, summary.mentors.respondents),
                ("Наставляемые", summary.mentees.mean, summary.mentees.respondents),
            ),
        ),
        Sheet(
            "По формам",
            (
                "Форма",
                "Наставники (1–10)",
                "Анкет наставников",
                "Наставляемые (1–10)",
                "Анкет наставляемых",
            ),
            tuple(
                (row.title, row.mentors, row.mentors_n, row.mentees, row.mentees_n)
                for row in report.by_form
            ),
        ),
        Sheet(
            "По вопросам",
            ("Участники", "Опрос", "№", "Вопрос", "Шкала", "Ответов", "Среднее", "Да", "Нет"),
            tuple(
                (
                    survey.side,
                    survey.title,
                    item.number,
                    item.text,
                    item.scale,
                    item.n,
                    item.mean,
                    item.yes if item.kind == "yes_no" else None,
                    item.no if item.kind == "yes_no" else None,
                )
                for survey in report.surveys
                for item in survey.items
            ),
        ),
        _notes_sheet(report.notes),
    ]


def annual_sheets(report: AnnualReport) -> list[Sheet]:
    """The справка's numbers: the municipal catalogue's indicators, the forms, the documents."""
    facts = report.facts
    return [
        Sheet(
            "Показатели",
            ("Показатель", "Значение"),
            tuple((indicator.label, indicator.value) for indicator in catalogue(facts, [])),
        ),
        Sheet(
            "Пары по формам",
            ("Форма наставничества", "Пар", "Групп", "Наставляемых"),
            tuple(
                (row.title, row.pairs, row.groups, row.mentees)
                for row in facts.dashboard.forms.rows
            ),
        ),
        Sheet(
            "Документы",
            ("Вид документа", "Утверждено"),
            tuple((row.label, row.count) for row in facts.documents),
        ),
        _notes_sheet(report.notes),
    ]


def municipal_dataset(export: MunicipalExport, *, decimal_comma: bool = False) -> tablib.Dataset:
    """One row for the school, the chosen columns in the chosen order.

    XLSX keeps numbers as numbers; a CSV is opened by Excel in a Russian locale, which reads
    «50.0» as text (or a date), so there a fraction is written with a comma.
    """
    dataset = tablib.Dataset(headers=[column.label for column in export.columns])
    dataset.append(
        [
            number(column.value)
            if decimal_comma and isinstance(column.value, Decimal)
            else column.value
            for column in export.columns
        ]
    )
    return dataset


def municipal_file(export: MunicipalExport, *, fmt: str, stem: str) -> ExportFile:
    dataset = municipal_dataset(export, decimal_comma=fmt == "csv")
    return FORMATS[fmt].file(dataset, stem=stem, title="Сведения")
