"""The person's photo: a JPEG or PNG by content, uploaded on the curator's edit form, kept in
the history, and served only to those who may open the card."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentorship.models import AuditEntry, Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n% a scan\n%%EOF\n"
NOT_AN_IMAGE = "Это не картинка JPEG или PNG"


def _form_data(person: Person, **extra) -> dict:
    return {
        "surname": person.surname,
        "name": person.name,
        "patronymic": person.patronymic,
        "kind": person.kind,
        "position": person.position,
        "department": person.department,
        "birth_date": person.birth_date.isoformat(),
        "teaching_experience_years": person.teaching_experience_years,
        **extra,
    }


def _upload(client, person: Person, name: str, content: bytes, **extra):
    return client.post(
        reverse("mentorship:person-update", args=[person.pk]),
        _form_data(person, photo=SimpleUploadedFile(name, content), **extra),
        follow=True,
    )


def _served(client, person: Person) -> bytes:
    response = client.get(reverse("mentorship:person-photo", args=[person.pk]))
    assert response.status_code == 200
    # Read to the end, which closes the file; close() would end the "request" and, on
    # PostgreSQL, close the test's database connection.
    return b"".join(response.streaming_content)


def test_the_model_refuses_a_pdf_photo() -> None:
    person = PersonFactory.build(photo=SimpleUploadedFile("photo.pdf", PDF))
    with pytest.raises(ValidationError) as error:
        person.full_clean(exclude=["search_key"])
    assert NOT_AN_IMAGE in " ".join(error.value.message_dict["photo"])


def test_the_edit_form_is_multipart(curator_client, school) -> None:
    person = PersonFactory()
    page = curator_client.get(reverse("mentorship:person-update", args=[person.pk]))
    content = page.content.decode()
    assert 'enctype="multipart/form-data"' in content
    assert 'accept=".jpg,.jpeg,.png,image/jpeg,image/png"' in content
    assert "Удалить фотографию" not in content  # nothing to remove yet


def test_curator_uploads_a_jpeg_and_the_change_is_recorded(curator_client, curator, school) -> None:
    person = PersonFactory()
    response = _upload(curator_client, person, "фото.jpg", JPEG)

    assert "Карточка сохранена." in response.content.decode()
    person.refresh_from_db()
    assert person.photo.name.startswith("people/photos/")
    assert _served(curator_client, person) == JPEG
    entry = AuditEntry.objects.get(action="person.update")
    assert entry.actor == curator and entry.data == {"fields": ["photo"]}
    assert person.history.first().history_user == curator
    card = curator_client.get(person.get_absolute_url()).content.decode()
    assert "фотография: файл загружен" in card
    assert "people/photos" not in card  # the storage path means nothing to the reader


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.pdf", PDF),
        ("photo.jpg", PDF),
        ("photo.jpg", b"<html><script>alert(1)</script></html>"),
        ("photo.svg", PNG),
    ],
)
def test_anything_but_a_jpeg_or_png_is_refused_naming_the_field(
    curator_client, school, name: str, content: bytes
) -> None:
    person = PersonFactory()
    response = _upload(curator_client, person, name, content)

    page = response.content.decode()
    assert response.status_code == 200
    assert NOT_AN_IMAGE in page
    assert "Исправьте поле" in page and "Фотография</a>" in page
    person.refresh_from_db()
    assert not person.photo
    assert not AuditEntry.objects.filter(action="person.update").exists()


def test_the_form_shows_the_current_photo_and_replaces_it(
    curator_client, school, django_capture_on_commit_callbacks
) -> None:
    person = PersonFactory()
    person.photo.save("old.png", ContentFile(PNG), save=True)
    old_name = person.photo.name
    page = curator_client.get(reverse("mentorship:person-update", args=[person.pk]))
    content = page.content.decode()
    assert f'src="{reverse("mentorship:person-photo", args=[person.pk])}"' in content
    assert "Удалить фотографию" in content

    with django_capture_on_commit_callbacks(execute=True):
        _upload(curator_client, person, "new.jpg", JPEG)

    person.refresh_from_db()
    assert _served(curator_client, person) == JPEG
    assert not person.photo.storage.exists(old_name)  # personal data: the old file goes


def test_curator_removes_the_photo(curator_client, school, django_capture_on_commit_callbacks):
    person = PersonFactory()
    person.photo.save("old.png", ContentFile(PNG), save=True)
    old_name = person.photo.name

    with django_capture_on_commit_callbacks(execute=True):
        curator_client.post(
            reverse("mentorship:person-update", args=[person.pk]),
            _form_data(person, remove_photo="on"),
        )

    person.refresh_from_db()
    assert not person.photo
    assert not person.photo.storage.exists(old_name)
    card = curator_client.get(person.get_absolute_url()).content.decode()
    assert "фотография: файл удалён" in card


def test_saving_without_a_new_file_keeps_the_photo(curator_client, school) -> None:
    person = PersonFactory()
    person.photo.save("old.png", ContentFile(PNG), save=True)
    curator_client.post(
        reverse("mentorship:person-update", args=[person.pk]),
        _form_data(person, position="Методист"),
    )
    person.refresh_from_db()
    assert person.position == "Методист"
    assert _served(curator_client, person) == PNG


def test_curator_adds_a_person_with_a_photo(curator_client, school) -> None:
    curator_client.post(
        reverse("mentorship:person-create"),
        {
            "surname": "Семёнова",
            "name": "Анна",
            "kind": "staff",
            "photo": SimpleUploadedFile("photo.png", PNG),
        },
    )
    person = Person.objects.get(surname="Семёнова")
    assert _served(curator_client, person) == PNG


@pytest.mark.parametrize("persona", ["director", "mentor", "teacher"])
def test_other_roles_cannot_upload_a_photo(persona_client, teacher, persona: str) -> None:
    person = teacher.person  # the teacher's own card too
    response = persona_client(persona).post(
        reverse("mentorship:person-update", args=[person.pk]),
        _form_data(person, photo=SimpleUploadedFile("photo.jpg", JPEG)),
    )
    assert response.status_code == 403
    person.refresh_from_db()
    assert not person.photo


def test_the_photo_is_served_only_to_who_may_open_the_card(
    client, teacher, other_mentor, school
) -> None:
    teacher.person.photo.save("photo.png", ContentFile(PNG), save=True)
    url = reverse("mentorship:person-photo", args=[teacher.person.pk])
    client.force_login(other_mentor)
    assert client.get(url).status_code == 404
    client.force_login(teacher)
    response = client.get(url)
    assert response["Content-Type"] == "image/png"
    assert "private" in response["Cache-Control"]
    b"".join(response.streaming_content)  # read to the end: the file is closed


def test_a_card_with_an_old_pdf_photo_is_still_edited_but_the_pdf_is_not_served(
    curator_client, school
) -> None:
    person = PersonFactory()
    person.photo.storage.save("people/photos/old.pdf", ContentFile(PDF))
    Person.objects.filter(pk=person.pk).update(photo="people/photos/old.pdf")
    person.refresh_from_db()

    curator_client.post(
        reverse("mentorship:person-update", args=[person.pk]),
        _form_data(person, position="Методист"),
    )

    person.refresh_from_db()
    assert person.position == "Методист"  # a file kept earlier is not checked again
    photo = curator_client.get(reverse("mentorship:person-photo", args=[person.pk]))
    assert photo.status_code == 404
