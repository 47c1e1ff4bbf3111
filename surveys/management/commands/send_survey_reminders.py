from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from surveys.services_campaigns import campaigns_due_for_reminders, invitations_remind


class Command(BaseCommand):
    help = (
        "Напомнить о личных ссылках тем, кто получил приглашение и ещё не ответил, по всем идущим "
        "опросам. Одному человеку — не чаще раза в сутки, поэтому можно запускать по расписанию "
        "(cron) сколько угодно раз."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--base-url",
            required=True,
            help="адрес сайта для ссылок в письмах, например https://nastavnik.school.ru",
        )

    def handle(self, *args, **options) -> None:
        base_url = options["base_url"].rstrip("/")
        if not base_url.startswith(("http://", "https://")):
            raise CommandError("--base-url должен начинаться с http:// или https://")
        total = 0
        for campaign in campaigns_due_for_reminders(timezone.localdate()):
            reminded = invitations_remind(campaign=campaign, base_url=base_url, actor=None)
            if reminded:
                self.stdout.write(f"  {campaign}: напоминаний {reminded}")
            total += reminded
        self.stdout.write(self.style.SUCCESS(f"Итого напоминаний: {total}."))
