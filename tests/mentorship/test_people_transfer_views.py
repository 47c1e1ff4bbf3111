"""The curator's import pages (upload → preview → confirm) and the export downloads."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from mentorship.common import AuditEntry
from mentorship.models import Person
from mentorship.resources import PersonResource
from mentorship.views.transfer import SESSION_KEY
from tests.mentorship.spreadsheets import xlsx_bytes

IMPORT = reverse("mentorship:people-import")
CONFIRM = reverse("mentorship:people-import-confirm")

GOOD = [
    ["№", "ФИО", "Дата рождения", "Должность"],
    [1, "Семёнова Ольга Ивановна", "17.05.1985", "Учитель"],
    [2, "Алиева Лейла Гасан кызы", "12.03.1990", "Педагог-психолог"],
]
WITH_ERRORS = [*GOOD, [3, "Петров", "", ""], [4, "Орлова Вера Ильинична", "31.02.1990", ""]]


@pytest.fixture(autouse=True)
def media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _uploads(media: Path) -> list[Path]:
    folder = media / "private" / "imports"
    return sorted(folder.iterdir()) if folder.exists() else []


def _upload(
    client,
    rows: list[list] | None = None,
    *,
    data: bytes | None = None,
    name: str = "kadry.xlsx",
    kind: str = "staff",
):
    upload = SimpleUploadedFile(name, data if data is not None else xlsx_bytes(rows or GOOD))
    return client.post(IMPORT, {"file": upload, "kind": kind})


def _imported() -> list[str]:
    return sorted(Person.objects.filter(user__isnull=True).values_list("surname", flat=True))


@pytest.mark.django_db
def test_the_curator_uploads_sees_the_preview_and_confirms_the_import(
    curator_client, curator, media
) -> None:
    assert curator_client.get(IMPORT).status_code == 200

    response = _upload(curator_client)

    assert response.status_code == 200
    assert response.templates[0].name == "mentorship/transfer/people_import_preview.html"
    page = response.content.decode()
    assert "Проверка файла «kadry.xlsx»" in page
    assert "table-responsive" in page
    assert "Семёнова Ольга Ивановна" in page
    assert "«№»" in page  # listed among the ignored columns
    assert "Пропустить строки с ошибками" not in page
    assert f'action="{CONFIRM}"' in page
    assert 'name="csrfmiddlewaretoken"' in page  # the form include keeps the CSRF token
    assert [(row.number, row.status.label) for row in response.context["preview"].rows] == [
        (2, "новый"),
        (3, "новый"),
    ]
    assert _imported() == []
    [stored] = _uploads(media)
    token = curator_client.session[SESSION_KEY]["token"]
    assert stored.name == token

    response = curator_client.post(CONFIRM, {"token": token})

    assert response.status_code == 302
    assert response["Location"] == reverse("mentorship:person-list")
    assert _imported() == ["Алиева", "Семёнова"]
    assert Person.objects.get(surname="Семёнова").history.get().history_user == curator
    assert _uploads(media) == []
    assert SESSION_KEY not in curator_client.session
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [
        "Импортировано: новых 2, обновлено 0, без изменений 0, пропущено с ошибками 0"
    ]
    assert AuditEntry.objects.get(action="people.import").actor == curator


@pytest.mark.django_db
def test_errors_block_the_import_until_the_curator_ticks_skip(curator_client, media) -> None:
    response = _upload(curator_client, WITH_ERRORS)
    page = response.content.decode()
    assert "Пропустить строки с ошибками" in page
    assert "Не указано имя: «Петров»" in page
    assert "Дата рождения: такой даты нет: «31.02.1990»" in page
    token = curator_client.session[SESSION_KEY]["token"]

    response = curator_client.post(CONFIRM, {"token": token})

    assert response.status_code == 200
    assert "Ничего не записано" in response.content.decode()
    assert _imported() == []
    assert len(_uploads(media)) == 1  # the curator may still tick the box

    response = curator_client.post(CONFIRM, {"token": token, "skip_errors": "on"})

    assert response.status_code == 302
    assert _imported() == ["Алиева", "Семёнова"]
    assert [str(m) for m in response.wsgi_request._messages] == [
        "Импортировано: новых 2, обновлено 0, без изменений 0, пропущено с ошибками 2"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7 ...", "Это PDF-документ, а не таблица"),
        (b"", "Отправленный файл пуст."),  # Django's own check of an empty upload
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "Файл защищён паролем"),
        (xlsx_bytes([["Должность"], ["Учитель"]]), "не найден столбец с именами"),
    ],
)
def test_a_broken_file_gets_one_message_and_nothing_is_kept(
    curator_client, media, data: bytes, message: str
) -> None:
    response = _upload(curator_client, data=data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _uploads(media) == []
    assert SESSION_KEY not in curator_client.session
    assert _imported() == []


@pytest.mark.django_db
def test_a_file_over_10_mb_is_refused_by_the_form(curator_client, media) -> None:
    response = _upload(curator_client, data=b"x" * (10 * 1024 * 1024 + 1), name="big.csv")
    assert "Файл больше 10 МБ" in response.content.decode()
    assert _uploads(media) == []


@pytest.mark.django_db
def test_confirming_without_an_upload_says_so_and_links_to_start_over(curator_client) -> None:
    response = curator_client.post(CONFIRM, {"token": "0" * 32})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Файл для импорта не найден" in page
    assert f'href="{IMPORT}"' in page


@pytest.mark.django_db
def test_an_upload_older_than_a_day_has_expired(curator_client, media) -> None:
    _upload(curator_client)
    [stored] = _uploads(media)
    day_ago = time.time() - 25 * 3600
    os.utime(stored, (day_ago, day_ago))

    response = curator_client.post(CONFIRM, {"token": curator_client.session[SESSION_KEY]["token"]})

    assert "Файл для импорта не найден" in response.content.decode()
    assert _uploads(media) == []
    assert _imported() == []


@pytest.mark.django_db
def test_a_new_upload_replaces_the_previous_one_and_stale_files_are_purged(
    curator_client, media
) -> None:
    stale = media / "private" / "imports" / ("f" * 32)
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    os.utime(stale, (time.time() - 30 * 3600,) * 2)
    _upload(curator_client)
    first = curator_client.session[SESSION_KEY]["token"]
    _upload(curator_client)
    second = curator_client.session[SESSION_KEY]["token"]

    assert [path.name for path in _uploads(media)] == [second]
    assert curator_client.post(CONFIRM, {"token": first}).templates[0].name == (
        "mentorship/transfer/people_import_expired.html"
    )


@pytest.mark.django_db
def test_confirm_is_atomic(curator_client, media, monkeypatch) -> None:
    _upload(curator_client)
    batches = []

    def second_batch_fails(objs, model, **kwargs):
        batches.append(len(objs))
        if len(batches) == 2:
            raise IntegrityError("database says no")
        return bulk_create_with_history(objs, model, **kwargs)

    monkeypatch.setattr(PersonResource._meta, "batch_size", 1)
    monkeypatch.setattr("mentorship.resources.bulk_create_with_history", second_batch_fails)
    response = curator_client.post(
        CONFIRM, {"token": curator_client.session[SESSION_KEY]["token"]}, follow=True
    )

    assert response.redirect_chain == [(IMPORT, 302)]
    assert "Ничего не записано" in response.content.decode()
    assert batches == [1, 1]
    assert _imported() == []
    assert not AuditEntry.objects.filter(action="people.import").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["director", "mentor", "teacher"])
def test_others_may_not_upload_or_confirm(persona: str, persona_client, media) -> None:
    client = persona_client(persona)
    assert _upload(client).status_code == 403
    assert client.post(CONFIRM, {"token": "0" * 32}).status_code == 403
    assert _uploads(media) == []


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_log_in(client) -> None:
    response = client.post(CONFIRM, {"token": "0" * 32})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "stem"),
    [
        ("people-export", "uchastniki"),
        ("mentees-export", "nastavlyaemye"),
        ("mentors-export", "nastavniki"),
    ],
)
@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("csv", "text/csv; charset=utf-8"),
    ],
)
def test_an_export_is_a_named_attachment_that_is_never_cached(
    curator_client, url_name: str, stem: str, fmt: str, content_type: str
) -> None:
    response = curator_client.get(reverse(f"mentorship:{url_name}"), {"format": fmt})
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="{stem}-{today:%Y-%m-%d}.{fmt}"'
    )
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_people_export_takes_the_lists_filters(curator_client) -> None:
    response = curator_client.get(
        reverse("mentorship:people-export"), {"format": "csv", "kind": "pupil", "q": "", "page": 2}
    )
    assert response.status_code == 200
    assert AuditEntry.objects.get(action="people.export").data["filters"] == {"kind": "pupil"}


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{"format": "pdf"}, {"format": "csv", "kind": "alien"}])
def test_an_export_with_an_unknown_format_or_filter_is_a_bad_request(
    curator_client, query: dict
) -> None:
    assert curator_client.get(reverse("mentorship:people-export"), query).status_code == 400
    assert not AuditEntry.objects.exists()
