from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.text import capfirst

from mentorship.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Разослать напоминания дня: давно не было встречи пары, не заполнены форма обратной "
        "связи и анкеты, через 7 дней срок мероприятия дорожной карты. Одно напоминание "
        "человеку — не чаще раза в сутки, поэтому можно запускать по расписанию (cron) "
        "сколько угодно раз. Ссылки в письмах строятся от SITE_URL."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="только показать, кому и о чём, не отправляя"
        )

    def handle(self, *args, **options) -> None:
        run = send_reminders(dry_run=options["dry_run"])
        if run.dry_run:
            for line in run.lines:
                address = line.email or "нет адреса — не будет отправлено"
                note = " (сегодня уже отправлено)" if line.already else ""
                self.stdout.write(f"  {line.person} <{address}>: {line.kind}, {line.key}{note}")
        for tally in run.tallies.values():
            if run.dry_run:
                self.stdout.write(f"{capfirst(tally.label)}: к отправке {tally.due}")
                continue
            parts = [f"отправлено {tally.sent}"]
            if tally.already:
                parts.append(f"уже напоминали сегодня {tally.already}")
            if tally.no_email:
                parts.append(f"нет адреса {tally.no_email}")
            if tally.failed:
                parts.append(f"не ушло из-за ошибки почты {tally.failed}")
            self.stdout.write(f"{capfirst(tally.label)}: {', '.join(parts)}")
        if not run.tallies:
            self.stdout.write("Напоминать сегодня не о чем.")
        elif run.dry_run:
            self.stdout.write(self.style.SUCCESS("Пробный запуск: ничего не отправлено."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Итого отправлено писем: {run.sent}."))
