from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mentorship.backup import BackupError, DatabaseNotEmptyError, backup_restore
from mentorship.backup.report import contents_lines, restore_lines


class Command(BaseCommand):
    help = (
        "Восстановить базу и загруженные файлы из архива команды backup. Архив сначала "
        "проверяется целиком; база заменяется в одной транзакции."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="архив nastavnik-….tar.gz")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="заменить данные, если база не пуста (все текущие записи и файлы пропадут)",
        )

    def handle(self, *args, **options) -> None:
        try:
            result = backup_restore(path=options["path"], replace=options["yes"])
        except DatabaseNotEmptyError as exc:
            for line in contents_lines(exc.contents):
                self.stdout.write(line)
            raise CommandError(str(exc)) from exc
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        lines = restore_lines(result, verbose=options["verbosity"] > 1)
        style = self.style.ERROR if result.problems else self.style.SUCCESS
        self.stdout.write(style(lines[0]))
        for line in lines[1:]:
            self.stdout.write(line)
        if result.problems:
            raise CommandError(
                "Восстановление закончено с расхождениями: проверьте документы из списка выше."
            )
