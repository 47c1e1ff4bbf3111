from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from mentorship.demo import seed_demo


class Command(BaseCommand):
    help = "Заполнить базу демонстрационной школой: сотрудники, обучающиеся, входы для всех ролей."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--seed",
            type=int,
            default=2026,
            help="зерно генератора: одно зерно — одна и та же школа",
        )

    def handle(self, *args, **options) -> None:
        result = seed_demo(seed=options["seed"], today=timezone.localdate())
        self.stdout.write(
            self.style.SUCCESS(
                f"Демо-школа готова: сотрудников {result.staff}, обучающихся {result.pupils} "
                f"(добавлено сейчас: {result.created})."
            )
        )
        self.stdout.write("")
        self.stdout.write("Входы (http://127.0.0.1:8000/):")
        for login in result.logins:
            line = f"  {login.role:<10} логин {login.username:<10} пароль {login.password}  ({login.person})"
            if login.others:
                line += f"; ещё {login.others}: {login.username}2…{login.username}{login.others + 1}, тот же пароль"
            self.stdout.write(line)
