"""The curator's roadmap import pages: upload → preview → confirm."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentorship.importing import MAX_FILE_BYTES
from roadmap.models import Event, Roadmap, Stage
from roadmap.views.imports import SESSION_KEY
from tests.factories import ProgrammeYearFactory, RoadmapFactory
from tests.mentorship.spreadsheets import csv_bytes

IMPORT = reverse("roadmap:roadmap-import")
CONFIRM = reverse("roadmap:roadmap-import-confirm")
DATA = Path(__file__).resolve().parent.parent / "data" / "roadmaps"

UNPARSED = csv_bytes([
    ["Мероприятие", "Срок", "Ответственный"],
    ["Этап 1. Подготовка условий", "", ""],
    ["Совещание с наставниками", "по плану работы школы", "куратор"],
    ["Приказ о внедрении наставничества", "Октябрь 2025 г.", "директор"],
])  # fmt: skip


@pytest.fixture
def year(db):
    return ProgrammeYearFactory(title="2025/2026", is_current=True)


def _uploads(media_root: Path) -> list[Path]:
    folder = media_root / "private" / "imports"
    return sorted(folder.iterdir()) if folder.exists() else []


def _upload(client, year, *, name: str = "003.docx", data: bytes | None = None):
    content = data if data is not None else (DATA / name).read_bytes()
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content), "year": year.pk})


def test_the_curator_uploads_sees_the_preview_and_confirms(
    curator_client, curator, year, school, media_root
) -> None:
    page = curator_client.get(IMPORT)
    assert page.status_code == 200
    assert page.context["form"]["year"].value() == year.pk  # the current year by default

    response = _upload(curator_client, year)

    assert response.status_code == 200
    assert response.templates[0].name == "roadmap/import_preview.html"
    html = response.content.decode()
    assert "Проверка файла «003.docx»" in html
    assert "Этапов: 9" in html and "Мероприятий: 20" in html
    assert "Каякентский район" in html
    assert f'action="{CONFIRM}"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert not Roadmap.objects.exists()  # the preview writes nothing
    assert len(_uploads(media_root)) == 1

    token = curator_client.session[SESSION_KEY]["token"]
    done = curator_client.post(CONFIRM, {"token": token})

    roadmap = Roadmap.objects.get()
    assert done.status_code == 302
    assert done["Location"] == roadmap.get_absolute_url()
    assert roadmap.year == year
    assert roadmap.stages.count() == 9
    assert Event.objects.filter(stage__roadmap=roadmap).count() == 20
    assert SESSION_KEY not in curator_client.session
    assert _uploads(media_root) == []  # the waiting file is gone


def test_the_preview_highlights_unparsed_deadlines(curator_client, year, school) -> None:
    response = _upload(curator_client, year, name="karta.csv", data=UNPARSED)

    html = response.content.decode()
    assert "Сроков не распознано: 1" in html
    assert html.count("срок не распознан") == 1  # the badge on the event
    assert "Срок не распознан" in html  # the list of such events
    assert "«по плану работы школы»" in html
    assert "list-group-item-danger" in html


def test_a_garbage_file_gives_one_message_and_writes_nothing(
    curator_client, year, school, media_root
) -> None:
    response = _upload(curator_client, year, name="scan.pdf", data=b"%PDF-1.4 roadmap scan")

    assert response.status_code == 200
    assert response.templates[0].name == "roadmap/import.html"
    assert response.context["form"].non_field_errors() == [
        "Это PDF-документ, а не таблица. Файл не похож на дорожную карту. Загрузите таблицу "
        "Excel (.xlsx), документ Word (.docx) с таблицей или CSV."
    ]
    assert SESSION_KEY not in curator_client.session
    assert _uploads(media_root) == []
    assert not Roadmap.objects.exists()


def test_a_table_without_roadmap_columns_is_refused(curator_client, year, school) -> None:
    data = csv_bytes([["ФИО", "Класс"], ["Иванов Иван", "5А"]])

    response = _upload(curator_client, year, name="spisok.csv", data=data)

    (error,) = response.context["form"].non_field_errors()
    assert error.startswith("В файле не найдена таблица дорожной карты")
    assert not Roadmap.objects.exists()


def test_an_empty_file_is_refused(curator_client, year, school) -> None:
    response = _upload(curator_client, year, name="empty.csv", data=b"")

    assert "file" in response.context["form"].errors
    assert not Roadmap.objects.exists()


def test_a_file_over_10_mb_is_refused(curator_client, year, school) -> None:
    response = _upload(curator_client, year, name="big.csv", data=b"x" * (MAX_FILE_BYTES + 1))

    assert response.context["form"].errors["file"] == ["Файл больше 10 МБ."]


def test_a_year_with_a_roadmap_is_offered_nothing_destructive(curator_client, year, school) -> None:
    existing = RoadmapFactory(year=year, title="Наша карта")

    page = curator_client.get(IMPORT)
    html = page.content.decode()
    assert "Импорт её не заменит" in html
    assert "2025/2026 — карта уже есть" in html

    response = _upload(curator_client, year)

    assert response.context["form"].errors["year"] == [
        "На этот учебный год дорожная карта уже есть. Импорт не заменяет существующую карту: "
        "выберите другой год или правьте карту на её странице."
    ]
    assert list(Roadmap.objects.all()) == [existing]
    assert not Stage.objects.exists()


def test_another_year_can_be_chosen(curator_client, year, school) -> None:
    RoadmapFactory(year=year)
    next_year = ProgrammeYearFactory(title="2026/2027")

    _upload(curator_client, next_year, name="000.xlsx")
    token = curator_client.session[SESSION_KEY]["token"]
    curator_client.post(CONFIRM, {"token": token})

    roadmap = Roadmap.objects.get(year=next_year)
    assert roadmap.stages.count() == 7


def test_the_page_says_so_when_there_are_no_years(curator_client, school) -> None:
    response = curator_client.get(IMPORT)

    assert response.status_code == 200
    assert "Учебных годов программы ещё нет" in response.content.decode()


def test_a_wrong_token_writes_nothing(curator_client, year, school) -> None:
    _upload(curator_client, year)

    response = curator_client.post(CONFIRM, {"token": "0" * 32}, follow=True)

    assert response.redirect_chain == [(IMPORT, 302)]
    assert "Загруженный файл устарел или уже импортирован" in response.content.decode()
    assert not Roadmap.objects.exists()


def test_a_second_confirm_does_not_import_twice(curator_client, year, school) -> None:
    _upload(curator_client, year)
    token = curator_client.session[SESSION_KEY]["token"]
    curator_client.post(CONFIRM, {"token": token})

    again = curator_client.post(CONFIRM, {"token": token})

    assert again.status_code == 302
    assert again["Location"] == IMPORT
    assert Roadmap.objects.count() == 1


def test_a_roadmap_created_meanwhile_stops_the_confirm(
    curator_client, year, school, media_root
) -> None:
    _upload(curator_client, year)
    token = curator_client.session[SESSION_KEY]["token"]
    RoadmapFactory(year=year, title="Создана из шаблона")

    response = curator_client.post(CONFIRM, {"token": token}, follow=True)

    assert "уже есть" in response.content.decode()
    assert Roadmap.objects.get().title == "Создана из шаблона"
    assert not Stage.objects.exists()
    assert _uploads(media_root) == []


@pytest.mark.parametrize("persona", ["director", "mentor", "teacher"])
def test_other_roles_may_not_import(persona, persona_client, year, school) -> None:
    client = persona_client(persona)

    assert client.get(IMPORT).status_code == 403
    assert _upload(client, year).status_code == 403
    assert client.post(CONFIRM, {"token": "0" * 32}).status_code == 403
    assert not Roadmap.objects.exists()


def test_the_confirm_is_post_only(curator_client) -> None:
    assert curator_client.get(CONFIRM).status_code == 405
