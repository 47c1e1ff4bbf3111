from __future__ import annotations

import argparse
import datetime

from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mentorship.demo import seed_demo
from mentorship.exceptions import DomainError


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError("дата в виде ГГГГ-ММ-ДД") from exc


def _scale(value: str) -> float:
    number = float(value)
    if not 0 < number <= 1:
        raise argparse.ArgumentTypeError("масштаб от 0 до 1")
    return number


class Command(BaseCommand):
    help = "Заполнить базу демонстрационной школой: сотрудники, обучающиеся, входы для всех ролей."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--seed",
            type=int,
            default=2026,
            help="зерно генератора: одно зерно — одна и та же школа",
        )
        parser.add_argument(
            "--size",
            choices=["small", "large"],
            default="small",
            help="small — школа для знакомства (по умолчанию); large — для замеров: "
            "150 сотрудников, 1 500 обучающихся, 300 пар в год, три учебных года "
            "(только в пустую базу)",
        )
        parser.add_argument(
            "--today",
            type=_date,
            default=None,
            help="от какого дня строить школу (ГГГГ-ММ-ДД); по умолчанию для small — сегодня, "
            "для large — 16.11.2026, чтобы замеры разных дней сравнивались",
        )
        # Shrinks the large school for the suite's smoke test; not for people.
        parser.add_argument("--scale", type=_scale, default=1.0, help=argparse.SUPPRESS)

    def handle(self, *args, **options) -> None:
        # The demo people's invitations and reminders go nowhere: they would flood the console
        # (development) or reach made-up addresses (a real mail server).
        backend = settings.EMAIL_BACKEND
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        kept = list(getattr(mail, "outbox", []))
        mail.outbox = []
        try:
            result = self._seed(options)
            letters = len(mail.outbox)
        finally:
            settings.EMAIL_BACKEND = backend
            mail.outbox = kept
        self._report(result, letters)

    def _seed(self, options):
        if options["size"] == "large":
            from mentorship.demo_large import LARGE_DEMO_DATE, seed_demo_large  # noqa: PLC0415

            try:
                return seed_demo_large(
                    seed=options["seed"],
                    today=options["today"] or LARGE_DEMO_DATE,
                    scale=options["scale"],
                )
            except DomainError as exc:
                raise CommandError(str(exc)) from exc
        return seed_demo(seed=options["seed"], today=options["today"] or timezone.localdate())

    def _report(self, result, letters: int) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                f"Демо-школа готова: сотрудников {result.staff}, обучающихся {result.pupils} "
                f"(добавлено сейчас: {result.created})."
            )
        )
        if letters:
            self.stdout.write(f"Писем демо-участникам не отправлено: {letters}.")
        self.stdout.write("")
        self.stdout.write(f"Входы ({settings.SITE_URL}/):")
        for login in result.logins:
            line = f"  {login.role:<10} логин {login.username:<10} пароль {login.password}  ({login.person})"
            if login.others:
                line += f"; ещё {login.others}: {login.username}2…{login.username}{login.others + 1}, тот же пароль"
            self.stdout.write(line)
