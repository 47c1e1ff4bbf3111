"""The import engine without the database: files, header rows, header variants, values."""

from __future__ import annotations

import datetime
import io

import pytest
from openpyxl import Workbook

from mentorship.importing import (
    COLUMN_NAMES,
    OLE2_SIGNATURE,
    ImportFileError,
    header_key,
    map_columns,
    parse_date,
    parse_years,
    prepare,
    read_sheets,
    split_full_name,
)
from tests.mentorship.spreadsheets import csv_bytes, xlsx_bytes


def _records(data: bytes, *, kind: str = "staff", filename: str = "list.xlsx") -> list[dict]:
    prepared = prepare(data, filename=filename, kind=kind)
    return [
        {field: row[index] for index, field in enumerate(COLUMN_NAMES)} for row in prepared.dataset
    ]


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("ФИО", "fio"),
        ("Ф.И.О.", "fio"),
        ("ф и о", "fio"),
        ("Фамилия Имя Отчество", "fio"),
        ("Фамилия", "surname"),
        ("  ИМЯ ", "name"),
        ("Отчество", "patronymic"),
        ("Дата рождения", "birth_date"),
        ("Д.р.", "birth_date"),
        ("дата рождения:", "birth_date"),
        ("Должность", "position"),
        ("Предмет(ы)", "subjects"),
        ("Преподаваемые предметы", "subjects"),
        ("МО", "department"),
        ("Методическое объединение", "department"),
        ("Кафедра", "department"),
        ("Подразделение", "department"),
        ("Класс", "department"),
        ("Стаж", "teaching_experience_years"),
        ("Педагогический стаж", "teaching_experience_years"),
        ("Пед. стаж", "teaching_experience_years"),
        ("Дата приёма", "hire_date"),
        ("Дата приема на работу", "hire_date"),
        ("E-mail", "email"),
        ("Email", "email"),
        ("Эл. почта", "email"),
        ("Электронная почта", "email"),
        ("Телефон", "phone"),
        ("Примечание", "notes"),
        ("Заметки", "notes"),
    ],
)
def test_header_variants_are_recognised_whatever_case_yo_spaces_and_punctuation(
    header: str, target: str
) -> None:
    columns = map_columns(["Ф.И.О.", header] if target != "fio" else [header])
    assert columns.fields[target] == (0 if target == "fio" else 1)
    assert not columns.ignored


def test_every_export_header_is_read_back_by_the_importer() -> None:
    columns = map_columns(list(COLUMN_NAMES.values()))
    assert set(columns.fields) == set(COLUMN_NAMES)


def test_columns_are_read_in_any_order_and_unknown_ones_are_listed_as_ignored() -> None:
    data = xlsx_bytes(
        [
            ["Телефон", "Стаж в должности", "Эл. почта", "Д.р.", "Имя", "№", "Фамилия", "Отчество"],
            [
                "+7 912 000-00-00",
                3,
                "semenova@example.ru",
                "17.05.1985",
                "Ольга",
                1,
                "Семёнова",
                "Ивановна",
            ],
        ]
    )
    prepared = prepare(data, filename="list.xlsx", kind="staff")
    [record] = _records(data)
    assert record["surname"] == "Семёнова"
    assert record["name"] == "Ольга"
    assert record["email"] == "semenova@example.ru"
    assert record["phone"] == "+7 912 000-00-00"
    assert record["teaching_experience_years"] is None  # «стаж в должности» is not teaching
    assert prepared.columns.ignored == ["Стаж в должности", "№"]


def test_full_name_in_one_column_is_split_and_a_patronymic_of_two_words_stays_whole() -> None:
    data = xlsx_bytes(
        [
            ["ФИО"],
            ["Алиева Лейла Гасан кызы"],
            ["Мамедов Эльчин Рашид оглы"],
            ["Ким Ирина"],
        ]
    )
    names = [(r["surname"], r["name"], r["patronymic"]) for r in _records(data)]
    assert names == [
        ("Алиева", "Лейла", "Гасан кызы"),
        ("Мамедов", "Эльчин", "Рашид оглы"),
        ("Ким", "Ирина", ""),
    ]


def test_three_name_columns_win_over_a_whole_name_column() -> None:
    columns = map_columns(["ФИО", "Фамилия", "Имя", "Отчество"])
    assert set(columns.fields) == {"surname", "name", "patronymic"}
    assert columns.ignored == ["ФИО"]


def test_letter_yo_is_kept_in_names() -> None:
    [record] = _records(xlsx_bytes([["ФИО"], ["Семёнова Алёна Фёдоровна"]]))
    assert (record["surname"], record["name"], record["patronymic"]) == (
        "Семёнова",
        "Алёна",
        "Фёдоровна",
    )


def test_a_class_column_fills_the_department_of_pupils() -> None:
    [record] = _records(
        xlsx_bytes([["ФИО", "Класс"], ["Ёлкин Пётр Ильич", "7 «Б»"]]), kind="pupils"
    )
    assert record["department"] == "7 «Б»"
    assert record["kind"] == "обучающийся"


def test_the_header_row_may_sit_below_a_title_and_row_numbers_follow_the_sheet() -> None:
    data = xlsx_bytes(
        [
            ["Список педагогических работников на 01.09.2026"],
            [],
            ["№", "ФИО", "Должность"],
            [1, "Иванова Мария Петровна", "Учитель"],
            [],
            [2, "Петров Павел Павлович", "Завуч"],
        ]
    )
    prepared = prepare(data, filename="list.xlsx", kind="staff")
    assert prepared.line_numbers == [4, 6]
    assert prepared.source == "Excel, лист «Лист1»"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("17.05.1985", datetime.date(1985, 5, 17)),
        ("7.5.1985", datetime.date(1985, 5, 7)),
        ("17.05.1985 г.", datetime.date(1985, 5, 17)),
        ("1985-05-17", datetime.date(1985, 5, 17)),
        ("1985-05-17 00:00:00", datetime.date(1985, 5, 17)),
        (31184, datetime.date(1985, 5, 17)),  # an Excel serial number
        (31184.0, datetime.date(1985, 5, 17)),
        ("31184", datetime.date(1985, 5, 17)),
        # openpyxl gives a date cell as a naive datetime
        (
            datetime.datetime.combine(datetime.date(1985, 5, 17), datetime.time()),
            datetime.date(1985, 5, 17),
        ),
        (datetime.date(1985, 5, 17), datetime.date(1985, 5, 17)),
        ("", None),
        (None, None),
    ],
)
def test_dates_are_read_in_russian_iso_and_excel_forms(value, expected) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("17.05.85", "год из двух цифр"),
        ("31.02.1990", "такой даты нет"),
        ("вчера", "нужна дата в виде ДД.ММ.ГГГГ"),
        ("17.05.1785", "невероятный год"),
        (9999999, "не похоже на дату"),
    ],
)
def test_unreadable_dates_are_refused_with_a_reason_in_russian(value, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_date(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (5, 5),
        (5.5, 5),
        ("5", 5),
        ("5 лет", 5),
        ("5,5", 5),
        ("5.5", 5),
        ("1 год", 1),
        ("2 года 3 мес.", 2),
        ("12 л.", 12),
        ("менее года", 0),
        ("", None),
        ("—", None),
        (None, None),
    ],
)
def test_teaching_experience_is_read_in_whole_years(value, expected) -> None:
    assert parse_years(value) == expected


def test_experience_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(ValueError, match="нужно число лет"):
        parse_years("много")


def test_split_full_name_tolerates_commas_and_extra_spaces() -> None:
    assert split_full_name("  Иванова,  Мария   Петровна ") == ("Иванова", "Мария", "Петровна")


def test_header_key_ignores_case_yo_and_punctuation() -> None:
    assert header_key("Дата приёма") == header_key("ДАТА ПРИЕМА") == "датаприема"


# --- files -------------------------------------------------------------------------------


def test_csv_in_cp1251_with_semicolons_is_read() -> None:
    data = csv_bytes(
        [
            ["ФИО", "Дата рождения", "Должность"],
            ["Семёнова Ольга Ивановна", "17.05.1985", "Учитель"],
        ],
        delimiter=";",
        encoding="cp1251",
    )
    prepared = prepare(data, filename="list.csv", kind="staff")
    [record] = _records(data, filename="list.csv")
    assert record["surname"] == "Семёнова"
    assert record["birth_date"] == "17.05.1985"
    assert prepared.source == "CSV, разделитель «;»"


@pytest.mark.parametrize(
    ("delimiter", "encoding", "label"),
    [
        (",", "utf-8-sig", "«,»"),
        (",", "utf-8", "«,»"),
        ("\t", "utf-8", "табуляция"),
        ("\t", "utf-16", "табуляция"),
    ],
)
def test_csv_delimiter_and_encoding_are_detected(delimiter: str, encoding: str, label: str) -> None:
    data = csv_bytes(
        [["Фамилия", "Имя", "Примечание"], ["Ёлкина", "Полина", "классный руководитель, 5 «А»"]],
        delimiter=delimiter,
        encoding=encoding,
    )
    prepared = prepare(data, filename="list.csv", kind="staff")
    [record] = _records(data, filename="list.csv")
    assert (record["surname"], record["notes"]) == ("Ёлкина", "классный руководитель, 5 «А»")
    assert prepared.source == f"CSV, разделитель {label}"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Файл пустой"),
        (b"   \r\n ", "Файл пустой"),
        (b";;;\r\n;;\r\n", "Файл пустой"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "Это PDF-документ, а не таблица"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "Это картинка, а не таблица"),
        (b"PK\x03\x04" + b"\x00" * 40, "Файл не похож на таблицу"),
        (bytes(range(256)) * 4, "Файл не похож на таблицу"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_gets_one_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(ImportFileError, match=message):
        prepare(data, filename="list.xlsx", kind="staff")


def test_a_password_protected_xlsx_is_recognised() -> None:
    # Excel wraps an encrypted workbook in an OLE2 container with an EncryptedPackage stream.
    data = OLE2_SIGNATURE + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
    with pytest.raises(ImportFileError) as error:
        read_sheets(data, "list.xlsx")
    assert str(error.value) == "Файл защищён паролем: снимите пароль в Excel и загрузите снова."


def test_an_old_xls_file_is_asked_to_be_saved_as_xlsx() -> None:
    with pytest.raises(ImportFileError, match=r"старого формата Excel \(\.xls\)"):
        read_sheets(OLE2_SIGNATURE + b"\x00" * 512, "list.xls")


def test_a_file_over_10_mb_is_refused() -> None:
    with pytest.raises(ImportFileError, match="больше 10 МБ"):
        read_sheets(b"a" * (10 * 1024 * 1024 + 1), "big.csv")


def test_a_file_without_a_name_column_is_refused_listing_what_it_has() -> None:
    data = xlsx_bytes([["Должность", "Телефон"], ["Учитель", "123"]])
    with pytest.raises(ImportFileError) as error:
        prepare(data, filename="list.xlsx", kind="staff")
    assert "нужен столбец «ФИО» или столбцы «Фамилия» и «Имя»" in str(error.value)
    assert "«Должность», «Телефон»" in str(error.value)


def test_a_surname_column_without_a_first_name_column_is_not_enough() -> None:
    with pytest.raises(ImportFileError, match="не найден столбец с именами"):
        prepare(
            xlsx_bytes([["Фамилия", "Отчество"], ["Иванова", "Петровна"]]),
            filename="list.xlsx",
            kind="staff",
        )


def test_a_file_with_headers_only_is_refused() -> None:
    with pytest.raises(ImportFileError, match="нет строк с данными"):
        prepare(xlsx_bytes([["ФИО", "Должность"]]), filename="list.xlsx", kind="staff")


def test_the_first_sheet_with_a_name_column_is_used() -> None:
    book = Workbook()
    book.active.title = "Инструкция"
    book.active.append(["Заполните второй лист"])
    sheet = book.create_sheet("Педагоги")
    sheet.append(["ФИО"])
    sheet.append(["Иванова Мария Петровна"])
    buffer = io.BytesIO()
    book.save(buffer)
    prepared = prepare(buffer.getvalue(), filename="list.xlsx", kind="staff")
    assert prepared.source == "Excel, лист «Педагоги»"
    assert len(prepared.dataset) == 1
