from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from mentorship.services.consents import anonymisation_due
from mentorship.services.people import person_anonymise


class Command(BaseCommand):
    help = (
        "Обезличить участников, отозвавших согласие на обработку персональных данных "
        "30 и более дней назад, и удалить их файлы. Можно запускать по расписанию (cron)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days", type=int, default=30, help="сколько дней после отзыва ждать (по умолчанию 30)"
        )
        parser.add_argument("--dry-run", action="store_true", help="только показать, кого")

    def handle(self, *args, **options) -> None:
        due = anonymisation_due(today=timezone.localdate(), grace_days=options["days"])
        for person in due:
            label = f"  участник № {person.pk}"
            if options["dry_run"]:
                self.stdout.write(label + ": будет обезличен")
            else:
                person_anonymise(person=person)
                self.stdout.write(label + ": обезличен")
        verb = "к обезличиванию" if options["dry_run"] else "обезличено"
        self.stdout.write(self.style.SUCCESS(f"Итого {verb}: {len(due)}."))
