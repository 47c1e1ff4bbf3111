"""manage.py import_roadmap: the same engine from the shell."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from mentorship.common import AuditEntry
from roadmap.models import Event, Roadmap
from tests.factories import ProgrammeYearFactory, RoadmapFactory
from tests.mentorship.spreadsheets import csv_bytes

DATA = Path(__file__).resolve().parent.parent / "data" / "roadmaps"


@pytest.fixture
def year(db):
    return ProgrammeYearFactory(title="2025/2026", is_current=True)


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_roadmap", *args, stdout=out)
    return out.getvalue()


def test_dry_run_prints_stages_events_and_unparsed_deadlines_and_writes_nothing(
    year, tmp_path
) -> None:
    path = tmp_path / "karta.csv"
    path.write_bytes(
        csv_bytes(
            [
                ["№", "Мероприятие", "Срок", "Ответственный"],
                ["1.", "Подготовка условий", "", ""],
                ["1.1", "Совещание с наставниками", "по плану работы школы", "куратор"],
                ["1.2", "Приказ о внедрении", "Октябрь 2025 г.", "директор"],
            ]
        )  # fmt: skip
    )

    output = run(str(path), "--year", "2025/2026", "--dry-run")

    assert "Этап 1. Подготовка условий" in output
    assert (
        "  – 1.1 Совещание с наставниками | срок: «по плану работы школы» — срок не распознан"
        in (output)
    )
    assert "  – 1.2 Приказ о внедрении | срок: 1–31 октября 2025" in output
    assert "Нераспознанные сроки (1):\n  1.1 Совещание с наставниками: «по плану работы школы»" in (
        output
    )
    assert "Этапов: 1, мероприятий: 2, сроков не распознано: 1." in output
    assert output.rstrip().endswith("Проверка: ничего не записано.")
    assert not Roadmap.objects.exists()
    assert not AuditEntry.objects.exists()


def test_dry_run_reads_a_seed_for_a_year_not_created_yet(db) -> None:
    output = run(str(DATA / "001.xlsx"), "--year", "2031/2032", "--dry-run")

    assert output.count("\nЭтап ") == 7
    assert "Этап 1. Подготовка условий для запуска программы наставничества" in output
    assert "  Задача: создание благоприятных условий для запуска программы наставничества" in (
        output
    )
    assert "Этапов: 7, мероприятий: 29." in output
    assert not Roadmap.objects.exists()


def test_the_import_writes_the_roadmap_of_the_current_year(year) -> None:
    output = run(str(DATA / "002.docx"))

    roadmap = Roadmap.objects.get()
    assert roadmap.year == year
    assert f"Дорожная карта создана: «{roadmap.title}» (№ {roadmap.pk})." in output
    assert Event.objects.filter(stage__roadmap=roadmap).count() == 31
    assert AuditEntry.objects.get(action="roadmap.import").actor is None


def test_a_garbage_file_stops_the_command_and_writes_nothing(year, tmp_path) -> None:
    path = tmp_path / "letter.docx"
    path.write_bytes(b"%PDF-1.4 not a roadmap")

    with pytest.raises(
        CommandError, match=r"^Это PDF-документ, а не таблица\..*Ничего не записано\.$"
    ):
        run(str(path), "--year", "2025/2026")

    assert not Roadmap.objects.exists()


def test_a_year_with_a_roadmap_is_not_replaced(year) -> None:
    RoadmapFactory(year=year, title="Наша карта")

    with pytest.raises(CommandError, match="уже есть: «Наша карта»"):
        run(str(DATA / "000.csv"), "--year", "2025/2026")

    assert Roadmap.objects.get().title == "Наша карта"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2025-2026", "--dry-run"], "в виде 2025/2026"),
        (["--year", "2040/2041"], "Учебного года 2040/2041 нет"),
        ([], "Текущий учебный год не выбран"),
    ],
)
def test_the_year_must_be_usable(db, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run(str(DATA / "000.csv"), *args)


def test_a_missing_file_is_reported(year, tmp_path) -> None:
    with pytest.raises(CommandError, match="Не удалось открыть файл"):
        run(str(tmp_path / "nope.xlsx"))
