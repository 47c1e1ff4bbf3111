"""manage.py import_roadmap FILE [--year 2025/2026] [--dry-run]"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentorship.exceptions import DomainError
from mentorship.models import ProgrammeYear
from mentorship.selectors import current_year
from roadmap import importing
from roadmap.importing import RoadmapPreview

_YEAR = re.compile(r"^(\d{4})/(\d{4})$")


class Command(BaseCommand):
    help = (
        "Импорт дорожной карты из XLSX, DOCX или CSV — тот же механизм, что на странице "
        "куратора. Печатает этапы, мероприятия и нераспознанные сроки; с --dry-run ничего "
        "не записывает. Карту, которая на этот год уже есть, импорт не заменяет."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="файл .xlsx, .docx или .csv")
        parser.add_argument(
            "--year", help="учебный год в виде 2025/2026; по умолчанию текущий год программы"
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="только прочитать файл и показать, что будет загружено",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        year = self._year(options["year"], dry_run=options["dry_run"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Не удалось открыть файл {path}: {exc.strerror}") from exc
        existing = importing.roadmap_of(year)
        if existing is not None:
            raise CommandError(
                f"На {year} учебный год дорожная карта уже есть: «{existing}». "
                "Импорт не заменяет существующую карту."
            )
        try:
            preview = importing.build_preview(data, filename=path.name, year=year)
            self._report(preview, verbosity=options["verbosity"])
            if options["dry_run"]:
                self.stdout.write("Проверка: ничего не записано.")
                return
            roadmap = importing.write(preview, year=year, actor=None)
        except DomainError as exc:
            raise CommandError(f"{exc} Ничего не записано.") from exc
        self.stdout.write(
            self.style.SUCCESS(f"Дорожная карта создана: «{roadmap}» (№ {roadmap.pk}).")
        )

    def _year(self, title: str | None, *, dry_run: bool) -> ProgrammeYear:
        if title is None:
            year = current_year()
            if year is None:
                raise CommandError("Текущий учебный год не выбран: укажите --year 2025/2026.")
            return year
        year = ProgrammeYear.objects.filter(title=title).first()
        if year is not None:
            return year
        match = _YEAR.match(title)
        if not match or int(match.group(2)) != int(match.group(1)) + 1:
            raise CommandError(f"Учебный год «{title}» нужно указать в виде 2025/2026.")
        if not dry_run:
            raise CommandError(f"Учебного года {title} нет: сначала создайте его в настройках.")
        # A check needs only the year's dates; nothing is stored under it.
        first = int(match.group(1))
        return ProgrammeYear(
            title=title,
            start_date=datetime.date(first, 9, 1),
            end_date=datetime.date(first + 1, 8, 31),
        )

    def _report(self, preview: RoadmapPreview, *, verbosity: int) -> None:
        self.stdout.write(f"Файл: {preview.filename} ({preview.source})")
        self.stdout.write(f"Заголовок: {preview.title}")
        self.stdout.write(
            "Столбцы: " + ", ".join(f"«{header}» → {role}" for header, role in preview.columns)
        )
        for warning in preview.warnings:
            self.stdout.write(self.style.WARNING(f"Внимание: {warning}"))
        for stage in preview.stages:
            self.stdout.write(f"Этап {stage.number}. {stage.title}")
            if stage.task and verbosity >= 1:
                self.stdout.write(f"  Задача: {stage.task}")
            for event in stage.events:
                title = " ".join(event.title.split())
                number = f"{event.number} " if event.number else ""
                deadline = (
                    event.deadline.label
                    if event.deadline and not event.deadline_unparsed
                    else f"«{event.deadline_phrase}» — срок не распознан"
                )
                line = f"  – {number}{title} | срок: {deadline}"
                if verbosity >= 2 and event.responsible:
                    line += f" | ответственные: {event.responsible}"
                self.stdout.write(line)
        if preview.unparsed:
            self.stdout.write(
                self.style.WARNING(f"Нераспознанные сроки ({len(preview.unparsed)}):")
            )
            for event in preview.unparsed:
                number = f"{event.number} " if event.number else ""
                self.stdout.write(f"  {number}{event.title[:80]}: «{event.deadline_phrase}»")
        self.stdout.write(preview.summary())
