"""The import preview in a real browser, on a phone-sized screen."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from mentorship.models import Person
from tests.mentorship.spreadsheets import xlsx_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_curator_skips_error_rows_on_a_phone(
    phone_page, live_server, school, curator, settings, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    upload = tmp_path / "kadry.xlsx"
    upload.write_bytes(
        xlsx_bytes(
            [
                ["ФИО", "Дата рождения", "Должность", "Преподаваемые предметы"],
                [
                    "Семёнова Ольга Ивановна",
                    "17.05.1985",
                    "Учитель начальных классов",
                    "русский язык, литературное чтение, окружающий мир",
                ],
                ["Петров", "", "", ""],
            ]
        )
    )
    page = phone_page
    page.goto(f"{live_server.url}/")
    page.get_by_label("Имя пользователя").fill("curator")
    page.get_by_label("Пароль").fill("secret-pass-1")
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(f"{live_server.url}/curator/")

    page.goto(f"{live_server.url}/people/import/")
    page.get_by_label("Файл со списком").set_input_files(str(upload))
    page.get_by_role("button", name="Проверить файл").click()

    # expect() waits for the page and its script: plain asserts raced them under load.
    expect(page.get_by_role("heading", name="Проверка файла «kadry.xlsx»")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    confirm = page.get_by_role("button", name="Импортировать")
    expect(confirm).to_be_disabled()
    page.get_by_label("Пропустить строки с ошибками").check()
    expect(confirm).to_be_enabled()
    confirm.click()

    page.wait_for_url(f"{live_server.url}/people/**")
    expect(page.get_by_text("пропущено с ошибками 1")).to_be_visible()
    assert Person.objects.filter(surname="Семёнова").exists()
