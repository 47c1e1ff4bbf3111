"""manage.py import_people FILE --kind staff|pupils [--dry-run] [--skip-errors]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentorship.exceptions import DomainError
from mentorship.importing import IMPORT_KINDS, ImportPreview, ImportRowsError, RowStatus
from mentorship.services.transfer import people_import


class Command(BaseCommand):
    help = (
        "Импорт сотрудников или обучающихся из XLSX или CSV — тот же механизм, что на "
        "странице куратора. С --dry-run только проверяет файл. Строки с ошибками "
        "останавливают импорт целиком, если не указан --skip-errors."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="файл .xlsx или .csv")
        parser.add_argument(
            "--kind",
            required=True,
            choices=sorted(IMPORT_KINDS),
            help="кого загружаем: staff — сотрудников, pupils — обучающихся",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="только проверить и показать итоги, ничего не записывать",
        )
        parser.add_argument(
            "--skip-errors",
            action="store_true",
            help="загрузить строки без ошибок, пропустив строки с ошибками",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Не удалось открыть файл {path}: {exc.strerror}") from exc
        try:
            preview = people_import(
                data=data,
                filename=path.name,
                kind=options["kind"],
                actor=None,
                dry_run=options["dry_run"],
                skip_errors=options["skip_errors"],
            )
        except ImportRowsError as exc:
            self._report(exc.preview, verbosity=options["verbosity"])
            raise CommandError(str(exc)) from exc
        except DomainError as exc:
            raise CommandError(f"{exc} Ничего не записано.") from exc
        self._report(preview, verbosity=options["verbosity"])
        if preview.has_errors and not options["skip_errors"]:
            raise CommandError(
                "В файле есть строки с ошибками: исправьте их или запустите с --skip-errors."
            )

    def _report(self, preview: ImportPreview, *, verbosity: int) -> None:
        self.stdout.write(f"Файл: {preview.source}")
        if preview.ignored_columns:
            self.stdout.write(
                "Не используются столбцы: "
                + ", ".join(f"«{header}»" for header in preview.ignored_columns)
            )
        for row in preview.rows:
            if row.status is RowStatus.ERROR:
                name = f" {row.full_name}" if row.full_name else ""
                self.stdout.write(self.style.ERROR(f"Строка {row.number}{name}: {row.reason}"))
            elif verbosity >= 2:
                details = "; ".join(str(change) for change in row.changes)
                self.stdout.write(
                    f"Строка {row.number} {row.full_name}: {row.status.label}"
                    + (f" ({details})" if details else "")
                )
        summary = preview.summary()
        if preview.dry_run:
            summary += " Проверка: ничего не записано."
        self.stdout.write(self.style.SUCCESS(summary) if not preview.has_errors else summary)
