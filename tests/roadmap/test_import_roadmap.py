"""The roadmap import engine: the five seed roadmaps in three formats, layouts, garbage."""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

import docx
import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook
from openpyxl.styles import Font

from mentorship.common import AuditEntry
from mentorship.exceptions import DomainError
from mentorship.importing import MAX_FILE_BYTES
from mentorship.models import ProgrammeYear
from roadmap import importing
from roadmap.importing import (
    RoadmapImportError,
    build_preview,
    column_role,
    guess_document_kind,
    split_items,
)
from roadmap.models import Event, Roadmap, Stage
from tests.factories import ProgrammeYearFactory, RoadmapFactory
from tests.mentorship.spreadsheets import csv_bytes, xlsx_bytes

DATA = Path(__file__).resolve().parent.parent / "data" / "roadmaps"
FORMATS = ("csv", "xlsx", "docx")
YEAR = ProgrammeYear(
    title="2025/2026", start_date=datetime.date(2025, 9, 1), end_date=datetime.date(2026, 8, 31)
)


def preview_of(name: str):
    return build_preview((DATA / name).read_bytes(), filename=name, year=YEAR)


def preview_bytes(data: bytes, name: str = "karta.csv"):
    return build_preview(data, filename=name, year=YEAR)


def titles(stage) -> list[str]:
    return [event.title for event in stage.events]


def all_text(preview, *, with_title: bool = True) -> str:
    parts = [preview.title] if with_title else []
    for stage in preview.stages:
        parts += [stage.title, stage.task]
        for event in stage.events:
            parts += [event.title, event.responsible, event.deadline_phrase, event.expected_result]
    return "\n".join(parts)


# --- every seed in every format ----------------------------------------------------------

# seed -> (stages, events, unparsed deadlines, events without a deadline per format)
SEED_NUMBERS = {
    "000": (7, 19, 0, {"csv": 0, "xlsx": 0, "docx": 0}),
    "001": (7, 29, 0, {"csv": 0, "xlsx": 0, "docx": 0}),
    # The Word and Excel copies merge 4.5–4.9's deadline cell; the CSV leaves 4.6–4.9 empty.
    "002": (6, 31, 0, {"csv": 5, "xlsx": 2, "docx": 2}),
    "003": (9, 20, 0, {"csv": 0, "xlsx": 0, "docx": 0}),
    "004": (7, 18, 0, {"csv": 18, "xlsx": 18, "docx": 18}),  # no deadline column at all
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", sorted(SEED_NUMBERS))
def test_each_seed_gives_its_stages_and_events_in_every_format(seed: str, fmt: str) -> None:
    stages, events, unparsed, undated = SEED_NUMBERS[seed]

    preview = preview_of(f"{seed}.{fmt}")

    assert len(preview.stages) == stages
    assert preview.event_count == events
    assert len(preview.unparsed) == unparsed
    assert len(preview.undated) == undated[fmt]
    assert all(event.title for event in preview.events)
    assert all(event.deadline is not None for event in preview.events)
    assert "<" not in all_text(preview)  # HTML remnants are gone


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_000_splits_the_activities_listed_in_one_cell(fmt: str) -> None:
    preview = preview_of(f"000.{fmt}")

    assert preview.title == (
        "Дорожная карта (план мероприятий) по реализации системы наставничества "
        "педагогических работников в МБУДО «Кингисеппская детская школа искусств»"
    )
    assert [stage.number for stage in preview.stages] == [1, 2, 3, 4, 5, 6, 7]
    assert [len(stage.events) for stage in preview.stages] == [4, 2, 2, 4, 3, 3, 1]
    stage_1, second, _stage_3, fourth = preview.stages[:4]
    first = stage_1.events
    assert stage_1.title == "Подготовка условий для реализации системы наставничества"
    assert first[0].title == (
        "Подготовка и принятие локальных нормативных правовых актов образовательной организации"
    )
    assert first[1].title.startswith("Приказ «Об утверждении положения о системе наставничества")
    assert "(Приложение 1 - Положение" in first[1].title  # dashes inside an item stay
    assert first[2].title.startswith("Приказ(ы) о закреплении наставнических пар/групп")
    assert first[2].document_kind == "order_pairs"
    assert first[3].title.endswith("– при наличии в организации наставляемых.")
    assert titles(second) == [
        "Сбор информации о профессиональных запросах педагогов.",
        "Формирование банка данных наставляемых, обеспечение согласий на сбор и обработку "
        "персональных данных.",
    ]
    assert titles(fourth)[1:3] == [
        "Обучение наставников для работы с наставляемыми",
        "Подготовка методических материалов для сопровождения наставнической деятельности",
    ]
    assert titles(fourth)[3].startswith("Проведение консультаций, организация обмена опытом")
    # The stage's deadline goes to each of its events and is parsed for the programme year.
    march = first[0].deadline
    assert (march.start, march.end) == (datetime.date(2022, 3, 1), datetime.date(2022, 3, 31))
    assert first[0].outside_year
    month = second.events[0].deadline
    assert (month.start, month.end) == (datetime.date(2025, 9, 1), datetime.date(2025, 9, 30))
    quarterly = preview.stages[5].events[0].deadline
    assert (quarterly.recurrence, quarterly.interval_months) == ("every_n_months", 3)
    assert preview.stages[6].events[0].deadline_phrase == "Периодически"
    assert any("вне 2025/2026 учебного года" in warning for warning in preview.warnings)


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_001_reads_stage_rows_tasks_and_events_without_numbers(fmt: str) -> None:
    preview = preview_of(f"001.{fmt}")

    first, last = preview.stages[0], preview.stages[6]
    assert [len(stage.events) for stage in preview.stages] == [5, 2, 3, 4, 4, 5, 6]
    assert first.title == "Подготовка условий для запуска программы наставничества"
    assert first.task == "создание благоприятных условий для запуска программы наставничества"
    assert preview.stages[1].task.startswith("поддержание программы наставничества")
    assert last.title == "Завершение наставничества"
    assert last.task.startswith("подведение итогов работы каждой пары")
    assert all(event.number == "" for event in preview.events)
    assert first.events[0].responsible == "Директор Гимназии, заместитель директора по УВР"
    assert first.events[0].deadline_phrase == "Август 2022 г."
    assert first.events[0].expected_result.startswith("Приказ о внедрении целевой модели")
    assert [event.document_kind for event in first.events] == [
        "order_implementation", "protocol", "", "website", "",
    ]  # fmt: skip
    # Rows cut by a page break go on with the event above.
    assert first.events[3].expected_result.endswith(
        "организационных документов по внедрению целевой модели наставничества в 2022-2023 гг."
    )
    assert last.events[4].title.endswith(
        "популяризация лучших практик и примеров наставничества через участников, интернет и сайт."
    )
    assert preview.stages[3].events[3].document_kind == "training"  # «Обучение наставников»


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_001_leaves_the_approval_block_and_the_note_out_of_the_events(fmt: str) -> None:
    preview = preview_of(f"001.{fmt}")

    text = all_text(preview, with_title=False)
    for above in ("УТВЕРЖДАЮ", "Демина", "Пояснительная записка", "Улучшить показатели"):
        assert above not in text
    assert preview.title == (
        "Дорожная карта реализации Целевой модели наставничества на 2022-2023 гг. "
        "«Гимназии «Жуковка» Первый год"
    )
    assert preview.approval_reference == "приказ от 22.08.2022 № 16/1-О"
    assert preview.note.startswith("Целью проекта является повышение эффективности")
    assert "7. Завершение первого года" in preview.note
    assert preview.skipped_above >= 9


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_002_reads_numbered_sections_and_events(fmt: str) -> None:
    preview = preview_of(f"002.{fmt}")

    assert [stage.number for stage in preview.stages] == [1, 2, 3, 5, 6, 7]
    assert preview.stages[0].title.startswith("Нормативное правовое регулирование внедрения")
    assert [event.number for event in preview.stages[2].events] == [
        "4.1", "4.2", "4.3", "4.5", "4.6", "4.8", "4.9", "4.11", "4.20", "4.21",
    ]  # fmt: skip
    events = {event.number: event for event in preview.events}
    assert "- планируемые результаты внедрения ЦМН" in events["1.4"].title  # page break
    assert events["1.1"].deadline.end == datetime.date(2020, 10, 10)
    assert events["1.1"].deadline.start is None
    assert events["1.2"].responsible == "Астраханцева А.И. Бархатова З.П."
    assert events["1.2"].document_kind == "roadmap"
    assert events["1.3"].document_kind == "regulation"
    assert events["6.3"].deadline_phrase == (
        "в соответствии со сроками реализации программ наставничества или май 2021 г."
    )
    assert events["6.3"].deadline.end == datetime.date(2021, 5, 31)
    assert events["6.3"].expected_result.startswith("Фиксация результатов.\nПолучены данные")
    assert events["2.4"].deadline.start == datetime.date(2025, 9, 1)  # «в течение учебного года»


def test_seed_002_merged_cells_fill_each_event_they_cover() -> None:
    for fmt in ("xlsx", "docx"):
        events = {event.number: event for event in preview_of(f"002.{fmt}").events}
        for number in ("4.5", "4.6", "4.8", "4.9"):
            assert events[number].deadline_phrase == "ноябрь – декабрь 2020 г."
            assert events[number].responsible == "куратор ЦМН"
            assert events[number].expected_result.startswith(
                "сформирована база наставников для участия в программах"
            )
    csv_events = {event.number: event for event in preview_of("002.csv").events}
    assert csv_events["4.6"].deadline_phrase == ""
    assert csv_events["4.6"].expected_result.startswith("участия в программах наставничества")


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_003_reads_nine_sections_and_the_district_responsibles(fmt: str) -> None:
    preview = preview_of(f"003.{fmt}")

    assert [stage.number for stage in preview.stages] == list(range(1, 10))
    assert ("Ответственн ые", "ответственные") in preview.columns
    assert {event.responsible for event in preview.events} == {"УО", "УО, ОУ", "УО, ДИРО"}
    events = {event.number: event for event in preview.events}
    assert "3.1.1" in events
    assert events["3.1.1"].title.startswith("Приказы:\n· О внедрении целевой модели")
    assert events["1.1"].deadline_phrase == "Август 2022г."
    assert events["1.2"].title == (
        "Информирование педагогов о целях и задачах ЦМН посредством официального сайта УО"
    )
    assert events["1.4"].document_kind == "order_curator"
    assert events["7.2"].deadline.recurrence == "yearly"
    assert events["7.3"].document_kind == "mentor_bank"
    assert (events["9.1"].deadline.start, events["9.1"].deadline.end) == (
        datetime.date(2022, 12, 1), datetime.date(2023, 1, 31),
    )  # fmt: skip
    assert preview.title == (
        "Дорожная карта реализации Целевой модели наставничества (ЦМН) в МР «Каякентский "
        "район» на 2022-2023 учебный год"
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_004_reads_stages_with_their_content_and_no_deadlines(fmt: str) -> None:
    preview = preview_of(f"004.{fmt}")

    assert [len(stage.events) for stage in preview.stages] == [5, 2, 2, 4, 2, 2, 1]
    first = preview.stages[0]
    assert first.number == 1
    assert first.title == "Подготовкаусловий дляреализации системы наставничества"  # as scanned
    assert first.events[0].title == "Подготовка и принятие локальных нормативных правовых актов"
    assert first.events[3].document_kind == "order_pairs"
    assert titles(preview.stages[4]) == [
        "Формирование наставнических пар/групп.",
        "Разработка персонализированных программ наставничества для каждой пары/группы.",
    ]
    assert "МУНИЦИПАЛЬНОЕ" not in all_text(preview)  # the signature stamp under the table
    assert "В таблице нет сроков: у мероприятий не будет дат." in preview.warnings


# --- layouts -------------------------------------------------------------------------------


def test_columns_are_found_by_meaning_in_any_order_and_some_may_be_missing() -> None:
    data = csv_bytes([
        ["Утверждаю", "", ""],
        ["Ожидаемый результат", "Сроки проведения", "Наименование мероприятия", "Примечание"],
        ["", "", "Этап 1. Подготовка"],
        ["Протокол педсовета", "Октябрь 2025 г.", "Педагогический совет", "—"],
    ])  # fmt: skip

    preview = preview_bytes(data)

    assert preview.columns == [
        ("Ожидаемый результат", "ожидаемый результат"),
        ("Сроки проведения", "срок"),
        ("Наименование мероприятия", "мероприятие"),
    ]
    assert preview.ignored_columns == ["Примечание"]
    event = preview.stages[0].events[0]
    assert (event.title, event.responsible, event.document_kind) == (
        "Педагогический совет", "", "protocol",
    )  # fmt: skip
    assert event.deadline.end == datetime.date(2025, 10, 31)


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("№ п/п", "number"),
        ("№", "number"),
        ("Наименование этапа", "stage"),
        ("Содержание деятельности и примерный план мероприятий", "title"),
        ("Мероприятие, которое необходимо провести для внедрения ЦМН", "title"),
        ("Содержание деятельности/разделы", "title"),
        ("Срок реализации", "deadline"),
        ("\nСроки", "deadline"),
        ("Ответственн ые", "responsible"),
        ("Ответственный исполнитель", "responsible"),
        ("Исполнитель", "responsible"),
        ("Результат Вид документа", "result"),
        ("Результат мероприятия", "result"),
        ("Вид документа", "result"),
        ("Примечание", None),
        ("Директор Гимназии «Жуковка»", None),
    ],
)
def test_header_cells_are_understood_by_meaning(header: str, role: str | None) -> None:
    assert column_role(header) == role


def test_an_unparsed_deadline_is_reported_and_kept_as_written() -> None:
    data = csv_bytes([
        ["Мероприятие", "Срок", "Ответственный"],
        ["Этап 1. Подготовка", "", ""],
        ["Совещание с наставниками", "по плану работы школы", "куратор"],
        ["Приказ о внедрении", "Октябрь 2025 г.", "директор"],
    ])  # fmt: skip

    preview = preview_bytes(data)

    assert [event.title for event in preview.unparsed] == ["Совещание с наставниками"]
    unparsed = preview.unparsed[0]
    assert unparsed.deadline_phrase == "по плану работы школы"
    assert unparsed.deadline.label == "срок не распознан"
    assert (unparsed.deadline.start, unparsed.deadline.end) == (None, None)
    assert preview.summary() == "Этапов: 1, мероприятий: 2, сроков не распознано: 1."


def _styled_xlsx(rows: list[list], *, bold_rows: tuple[int, ...] = (), merges=()) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for number in bold_rows:
        for cell in sheet[number]:
            cell.font = Font(bold=True)
    for merged in merges:
        sheet.merge_cells(merged)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_excel_bold_section_rows_vertical_merges_and_column_numbers() -> None:
    data = _styled_xlsx(
        [
            ["ПЛАН МЕРОПРИЯТИЙ", None, None, None],
            ["по внедрению наставничества", None, None, None],
            ["№", "Мероприятие", "Срок", "Ответственный"],
            ["1", "2", "3", "4"],
            ["Подготовка условий", None, None, None],
            [None, "Приказ о назначении куратора", "Сентябрь 2025 г.", "директор"],
            [None, "Положение о наставничестве", "Октябрь 2025 г.", None],
            ["№", "Мероприятие", "Срок", "Ответственный"],  # repeated on the next page
            ["Работа пар", None, None, None],
            [None, "Встречи пар", "Ежемесячно", "наставники"],
        ],
        bold_rows=(5, 9),
        merges=("A5:D5", "D6:D7", "A9:D9"),
    )

    preview = preview_bytes(data, "plan.xlsx")

    assert preview.title == "План мероприятий по внедрению наставничества"
    assert [(stage.number, stage.title) for stage in preview.stages] == [
        (1, "Подготовка условий"), (2, "Работа пар"),
    ]  # fmt: skip
    first, second = preview.stages[0].events
    assert (first.title, first.responsible, first.document_kind) == (
        "Приказ о назначении куратора", "директор", "order_curator",
    )  # fmt: skip
    assert second.responsible == "директор"  # the merged cell covers both rows
    assert preview.stages[1].events[0].deadline.recurrence == "monthly"


def _docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_spans_vertical_merges_nested_tables_and_lists() -> None:
    document = docx.Document()
    document.add_paragraph("УТВЕРЖДАЮ\nДиректор школы")
    document.add_paragraph("Дорожная карта")
    document.add_paragraph("внедрения системы наставничества педагогов")
    table = document.add_table(rows=6, cols=4)
    for column, text in enumerate(["№", "Наименование мероприятия", "Сроки", "Результат"]):
        table.cell(0, column).text = text
    stage = table.cell(1, 0).merge(table.cell(1, 3))  # gridSpan
    stage.paragraphs[0].add_run("Этап 1. Подготовка условий").bold = True
    table.cell(2, 0).text = "1.1"
    table.cell(2, 1).text = "Изучение нормативных документов"
    table.cell(2, 2).merge(table.cell(3, 2)).text = "Сентябрь 2025 г."  # vMerge
    table.cell(2, 3).text = "Протокол совещания"
    table.cell(3, 0).text = "1.2"
    cell = table.cell(3, 1)
    cell.text = "Подготовка приказов:"
    cell.add_paragraph("о назначении куратора", style="List Bullet")
    cell.add_paragraph("о закреплении пар", style="List Bullet")
    table.cell(4, 0).text = "1.3"
    nested = table.cell(4, 1)
    nested.text = "Анкетирование"
    inner = nested.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "педагогов"
    inner.cell(0, 1).text = "наставников"
    table.cell(4, 2).text = "Октябрь 2025 г."
    signature = document.add_table(rows=1, cols=2)
    signature.cell(0, 0).text = "Исполнитель"
    signature.cell(0, 1).text = "Иванова И.И."
    document.add_paragraph("Лист согласования")

    preview = preview_bytes(_docx_bytes(document), "karta.docx")

    assert preview.title == "Дорожная карта внедрения системы наставничества педагогов"
    assert preview.source == "Word"
    (stage,) = preview.stages
    assert stage.title == "Подготовка условий"
    assert [event.number for event in stage.events] == ["1.1", "1.2", "1.3"]
    first, second, third = stage.events
    assert second.deadline_phrase == first.deadline_phrase == "Сентябрь 2025 г."
    assert second.title == "Подготовка приказов:\n• о назначении куратора\n• о закреплении пар"
    assert third.title == "Анкетирование педагогов наставников"
    assert first.document_kind == "protocol"
    assert "Иванова" not in all_text(preview)


def test_a_stage_column_with_one_deadline_per_listed_activity() -> None:
    data = csv_bytes([
        ["Этап", "Содержание", "Срок"],
        ["1. Подготовка", "1) Приказ о внедрении\n2) Положение о наставничестве",
         "Сентябрь 2025 г.\nОктябрь 2025 г."],
        ["", "3) Дорожная карта", "Ноябрь 2025 г."],
        ["2. Работа пар", "<ul><li>встречи</li><li>анкетирование</li></ul>", "в течение года"],
    ])  # fmt: skip

    preview = preview_bytes(data)

    first, second = preview.stages
    assert [(event.title, event.deadline_phrase) for event in first.events] == [
        ("Приказ о внедрении", "Сентябрь 2025 г."),
        ("Положение о наставничестве", "Октябрь 2025 г."),
        ("Дорожная карта", "Ноябрь 2025 г."),
    ]
    assert titles(second) == ["Встречи", "Анкетирование"]


def test_a_stage_without_events_is_left_out_with_a_warning() -> None:
    data = csv_bytes([
        ["Этап", "Содержание деятельности", "Сроки"],
        ["Этап 1. Подготовка", "Совещание", "Сентябрь 2025 г."],
        ["Этап 2. Итоги", "", ""],
    ])  # fmt: skip

    preview = preview_bytes(data)

    assert [(stage.number, stage.title) for stage in preview.stages] == [(1, "Подготовка")]
    assert "Строка 3: этап «Итоги» без мероприятий пропущен." in preview.warnings


@pytest.mark.parametrize(
    ("cell", "items"),
    [
        ("1) Сбор запросов. 2) Формирование базы.", ["Сбор запросов.", "Формирование базы."]),
        ("1) Анализ педагогов 2) Обучение", ["Анализ педагогов", "Обучение"]),
        ("Акты:\n• приказ;\n• положение.", ["Акты", "Приказ", "Положение."]),
        ("– приказ (Приложение 1 - Положение). – программа – при наличии.",
         ["Приказ (Приложение 1 - Положение).", "Программа – при наличии."]),
        ("Итоги (пункт 2) и выводы", ["Итоги (пункт 2) и выводы"]),
        ("Освещение на сайте.", ["Освещение на сайте."]),
        ("1. Анализ банка\nнаставников.\n2. Обучение", ["Анализ банка наставников.", "Обучение"]),
    ],
)  # fmt: skip
def test_a_cell_listing_activities_is_split_into_events(cell: str, items: list[str]) -> None:
    assert split_items(cell) == items


@pytest.mark.parametrize(
    ("result", "kind"),
    [
        ("Приказ о закреплении наставнических пар", "order_pairs"),
        ("Приказ об утверждении наставнических пар/групп", "order_pairs"),
        ("Приказ о назначении  муниципального  куратора", "order_curator"),
        ("Протокол заседания педагогического совета. Согласия", "protocol"),
        ("База  наставников", "mentor_bank"),
        ("Отчет по результатам анкетирования. База наставляемых (перечень)", "mentee_bank"),
        ("Раздел «Наставничество» на сайте школы", "website"),
        ("Аналитические материалы, прогноз", "analytic_report"),
        ("Приказ", ""),
        ("Локальные акты учреждения", ""),
    ],
)
def test_the_document_kind_is_guessed_only_when_the_result_names_it(result: str, kind) -> None:
    assert guess_document_kind(result) == kind


def test_rows_without_stages_are_gathered_in_one_stage_with_a_warning() -> None:
    data = csv_bytes([["Мероприятие", "Срок"], ["Совещание", "Сентябрь 2025 г."]])

    preview = preview_bytes(data)

    assert [(stage.number, stage.title) for stage in preview.stages] == [(1, "Мероприятия")]
    assert "все мероприятия собраны в один этап" in preview.warnings[0]


def test_tsv_in_windows_1251_is_read() -> None:
    data = csv_bytes(
        [
            ["№", "Мероприятие", "Срок"],
            ["1.", "Подготовка", ""],
            ["1.1", "Совещание", "Май 2026 г."],
        ],
        delimiter="\t",
        encoding="cp1251",
    )

    preview = preview_bytes(data, "karta.tsv")

    assert preview.source == "CSV, разделитель табуляция"
    assert preview.events[0].deadline.end == datetime.date(2026, 5, 31)


# --- garbage ------------------------------------------------------------------------------


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in names.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _word_without_table() -> bytes:
    document = docx.Document()
    document.add_paragraph("Дорожная карта")
    document.add_paragraph("Мероприятия будут проведены в сентябре.")
    return _docx_bytes(document)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Файл пустой."),
        (b"  \r\n\r\n ", "Файл пустой."),
        (b"%PDF-1.4 roadmap", "Это PDF-документ, а не таблица."),
        (b"\x89PNG\r\n\x1a\n....", "Это картинка, а не таблица."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "старого формата Word (.doc)"),
        (b"PK\x03\x04 broken archive", "Файл не похож на дорожную карту."),
        (_zip({"slides/slide1.xml": b"<p/>"}), "Файл не похож на дорожную карту."),
        (_zip({"word/document.xml": b"not xml"}), "Файл не похож на дорожную карту."),
        (b"\x00\x01\x02\x03binary", "Файл не похож на дорожную карту."),
        ("Уважаемые коллеги!\nПросим прислать план.".encode(), "не найдена таблица"),
        (xlsx_bytes([["ФИО", "Дата рождения"], ["Иванова", "01.01.1980"]]), "не найдена таблица"),
        (_word_without_table(), "не найдена таблица"),
        (csv_bytes([["Мероприятие", "Срок"]]), "не найдено ни одного мероприятия"),
        (b"x" * (MAX_FILE_BYTES + 1), "Файл больше 10 МБ."),
    ],
    ids=[
        "empty", "blank", "pdf", "png", "ole2", "broken-zip", "other-zip", "broken-docx",
        "binary", "letter", "people-list", "word-without-table", "header-only", "too-big",
    ],
)  # fmt: skip
def test_a_file_that_is_not_a_roadmap_gives_one_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(RoadmapImportError) as caught:
        preview_bytes(data, "file.xlsx")

    assert message in str(caught.value)


def test_no_recognisable_columns_says_what_the_first_row_holds() -> None:
    with pytest.raises(RoadmapImportError) as caught:
        preview_bytes(csv_bytes([["Фамилия", "Класс"], ["Иванов", "5А"]]))

    assert str(caught.value).endswith("В первой заполненной строке: «Фамилия», «Класс».")


# --- writing ------------------------------------------------------------------------------


@pytest.fixture
def year(db) -> ProgrammeYear:
    return ProgrammeYearFactory(title="2025/2026", is_current=True)


def test_write_creates_the_roadmap_its_stages_and_events_with_parsed_deadlines(
    year, curator
) -> None:
    preview = build_preview((DATA / "002.xlsx").read_bytes(), filename="002.xlsx", year=year)

    roadmap = importing.write(preview, year=year, actor=curator)

    assert roadmap.year == year
    assert roadmap.title.startswith("План мероприятий (дорожная карта) внедрения методологии")
    assert roadmap.source == "файл «002.xlsx»"
    stages = list(roadmap.stages.order_by("number"))
    assert [stage.number for stage in stages] == [1, 2, 3, 5, 6, 7]
    assert Event.objects.filter(stage__roadmap=roadmap).count() == 31
    first = Event.objects.get(stage__roadmap=roadmap, number="1.1")
    assert (first.order, first.deadline_phrase, first.end_date, first.deadline_recognised) == (
        1, "до 10.10.2020г.", datetime.date(2020, 10, 10), True,
    )  # fmt: skip
    assert first.responsible_text == "директор"
    assert first.expected_result == "Локальные акты учреждения"
    roadmap_event = Event.objects.get(stage__roadmap=roadmap, number="1.2")
    assert roadmap_event.document_kind == "roadmap"
    assert roadmap_event.expected_result == "План мероприятий (дорожная карта)"
    entry = AuditEntry.objects.get(action="roadmap.import")
    assert entry.data == {
        "file": "002.xlsx", "stages": 6, "events": 31, "unparsed_deadlines": 0,
    }  # fmt: skip
    assert entry.actor == curator


def test_write_stores_the_task_the_approval_and_the_note(year, curator) -> None:
    preview = build_preview((DATA / "001.docx").read_bytes(), filename="001.docx", year=year)

    roadmap = importing.write(preview, year=year, actor=curator)

    assert roadmap.approval_reference == "приказ от 22.08.2022 № 16/1-О"
    assert roadmap.note.startswith("Целью проекта")
    stage = Stage.objects.get(roadmap=roadmap, number=1)
    assert stage.task == "создание благоприятных условий для запуска программы наставничества"


def test_write_is_all_or_nothing(year, curator, monkeypatch) -> None:
    preview = build_preview((DATA / "003.csv").read_bytes(), filename="003.csv", year=year)
    calls = []
    real = importing.event_save

    def failing_event_save(**kwargs):
        calls.append(kwargs)
        if len(calls) == 7:
            raise ValidationError({"title": "Слишком длинно."})
        return real(**kwargs)

    monkeypatch.setattr(importing, "event_save", failing_event_save)

    with pytest.raises(RoadmapImportError, match="Ничего не изменено"):
        importing.write(preview, year=year, actor=curator)

    assert len(calls) == 7
    assert not Roadmap.objects.exists()
    assert not Stage.objects.exists()
    assert not Event.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="roadmap.").exists()


def test_write_refuses_a_year_that_already_has_a_roadmap(year, curator) -> None:
    existing = RoadmapFactory(year=year)
    preview = build_preview((DATA / "000.csv").read_bytes(), filename="000.csv", year=year)

    with pytest.raises(DomainError, match="уже есть"):
        importing.write(preview, year=year, actor=curator)

    assert list(Roadmap.objects.all()) == [existing]
    assert not Stage.objects.exists()
