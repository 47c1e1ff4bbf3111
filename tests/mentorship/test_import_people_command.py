"""manage.py import_people: the same engine from the shell."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from mentorship.common import AuditEntry
from mentorship.models import Person, PersonKind
from tests.mentorship.spreadsheets import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

ROWS = [
    ["ФИО", "Класс", "Дата рождения"],
    ["Ёлкин Пётр Ильич", "7Б", "03.02.2013"],
    ["Семёнова Алёна Игоревна", "7Б", "2013-04-05"],
]
BAD_ROW = ["Петров", "7Б", ""]


def _file(tmp_path: Path, rows: list[list], name: str = "7b.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(xlsx_bytes(rows) if name.endswith(".xlsx") else csv_bytes(rows))
    return path


def _call(*args: str) -> str:
    out = StringIO()
    call_command("import_people", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_prints_the_summary_and_writes_nothing(tmp_path: Path) -> None:
    out = _call(str(_file(tmp_path, ROWS)), "--kind", "pupils", "--dry-run")
    assert "Проверено строк: 2. Новых 2, обновлений 0, без изменений 0, с ошибками 0." in out
    assert "ничего не записано" in out
    assert not Person.objects.exists()
    assert not AuditEntry.objects.exists()


def test_an_import_writes_the_people_and_one_audit_row(tmp_path: Path) -> None:
    out = _call(str(_file(tmp_path, ROWS, "7b.csv")), "--kind", "pupils")
    assert "Импортировано: новых 2, обновлено 0, без изменений 0, пропущено с ошибками 0" in out
    assert set(Person.objects.values_list("surname", "kind", "department")) == {
        ("Ёлкин", PersonKind.PUPIL, "7Б"),
        ("Семёнова", PersonKind.PUPIL, "7Б"),
    }
    assert AuditEntry.objects.get(action="people.import").data["new"] == 2

    out = _call(str(_file(tmp_path, ROWS, "7b.csv")), "--kind", "pupils", "--verbosity", "2")
    assert "Строка 2 Ёлкин Пётр Ильич: без изменений" in out
    assert Person.objects.count() == 2


def test_error_rows_stop_the_import_and_are_listed(tmp_path: Path) -> None:
    path = _file(tmp_path, [*ROWS, BAD_ROW])
    out = StringIO()
    with pytest.raises(CommandError, match="Ничего не записано"):
        call_command("import_people", str(path), "--kind", "pupils", stdout=out)
    assert "Строка 4 Петров: Не указано имя" in out.getvalue()
    assert not Person.objects.exists()

    with pytest.raises(CommandError, match="--skip-errors"):
        call_command("import_people", str(path), "--kind", "pupils", "--dry-run", stdout=out)


def test_skip_errors_imports_the_good_rows(tmp_path: Path) -> None:
    out = _call(str(_file(tmp_path, [*ROWS, BAD_ROW])), "--kind", "pupils", "--skip-errors")
    assert "пропущено с ошибками 1" in out
    assert Person.objects.count() == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"%PDF-1.4", "Это PDF-документ"), (b"", "Файл пустой")],
)
def test_a_broken_file_fails_with_one_message(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "list.xlsx"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        _call(str(path), "--kind", "staff")
    assert not Person.objects.exists()


def test_a_missing_file_fails_with_a_message(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Не удалось открыть файл"):
        _call(str(tmp_path / "nope.xlsx"), "--kind", "staff")
