from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mentorship.backup import BackupError, backup_create
from mentorship.backup.report import backup_lines


class Command(BaseCommand):
    help = (
        "Сохранить базу и все загруженные файлы в один архив .tar.gz с manifest.json "
        "(числа записей, SHA-256 каждого файла и каждого подписанного документа)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help=(
                "файл архива (….tar.gz) или папка для него; по умолчанию "
                "var/backups/nastavnik-ГГГГММДД-ЧЧММСС.tar.gz"
            ),
        )
        parser.add_argument(
            "--keep",
            type=int,
            metavar="N",
            help="оставить в папке архива N последних архивов nastavnik-*.tar.gz, старые удалить",
        )

    def handle(self, *args, **options) -> None:
        try:
            result = backup_create(output=options["output"], keep=options["keep"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(f"Внимание: {warning}"))
        lines = backup_lines(result, verbose=options["verbosity"] > 1)
        self.stdout.write(self.style.SUCCESS(lines[0]))
        for line in lines[1:]:
            self.stdout.write(line)
