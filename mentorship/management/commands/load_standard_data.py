from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from mentorship.roles import ensure_roles
from mentorship.services import get_school
from mentorship.standard_data import STANDARD_DATA_EXTENSIONS, standard_fixtures


class Command(BaseCommand):
    help = "Загрузить стандартные данные продукта из fixtures/ (можно запускать повторно)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        ensure_roles()
        get_school()
        fixtures = standard_fixtures()
        for fixture in fixtures:
            call_command("loaddata", fixture, verbosity=0)
            self.stdout.write(f"  {fixture.name}")
        for extension in STANDARD_DATA_EXTENSIONS:
            self.stdout.write(f"  {extension()}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Стандартные данные загружены: {len(fixtures)} файл(ов), роли созданы."
            )
        )
