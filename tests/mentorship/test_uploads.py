"""Every upload is checked by content and size, with a Russian message, before anything is kept.

The consent scan, the roadmap evidence, the case file and the people import, each through its
page: a file over 10 MB and a program renamed to the expected extension are refused.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentorship.models import Case, Consent
from mentorship.validators import (
    MAX_SCAN_BYTES,
    MAX_TABLE_BYTES,
    validate_image,
    validate_scan,
    validate_table_file,
)
from roadmap.models import Event
from tests.factories import EventFactory, MentorshipFactory, PersonFactory, ProgrammeYearFactory

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200  # a Windows program
PDF = b"%PDF-1.4\n% a scan\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
TOO_LARGE = "больше 10 МБ"
NOT_A_SCAN = "не похож на PDF, JPEG или PNG"


def _big(head: bytes, name: str, limit: int = MAX_SCAN_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, head + b"0" * (limit + 1 - len(head)))


# The validators themselves


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("scan.pdf", EXE, NOT_A_SCAN),
        ("scan.exe", PDF, "«.exe» не загружаются"),
        # A page that starts like a PDF would be served back as HTML under its own name.
        ("page.html", PDF + b"<script>alert(1)</script>", "«.html» не загружаются"),
        ("drawing.svg", PNG, "«.svg» не загружаются"),
    ],
)
def test_a_disguised_scan_is_refused(name: str, content: bytes, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        validate_scan(SimpleUploadedFile(name, content))


def test_a_scan_is_accepted_by_content_whatever_the_case_of_its_extension() -> None:
    validate_scan(SimpleUploadedFile("СКАН.PDF", PDF))
    validate_scan(SimpleUploadedFile("scan", PNG))  # no extension: served as a download


def test_an_image_must_be_a_jpeg_or_a_png() -> None:
    validate_image(SimpleUploadedFile("logo.png", PNG))
    for name, content in (("logo.png", PDF), ("logo.pdf", PDF), ("logo.png", EXE)):
        with pytest.raises(ValidationError, match="не картинка JPEG или PNG"):
            validate_image(SimpleUploadedFile(name, content))


def test_a_table_file_refuses_programs_and_zip_bombs() -> None:
    with pytest.raises(ValidationError, match="Это программа, а не таблица"):
        validate_table_file(SimpleUploadedFile("spisok.xlsx", EXE))
    with pytest.raises(ValidationError, match="Файл больше 10 МБ"):
        validate_table_file(_big(b"a;b\n", "spisok.csv", MAX_TABLE_BYTES))
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (201 * 1024 * 1024))
    upload = SimpleUploadedFile("spisok.xlsx", bomb.getvalue())
    assert upload.size < MAX_TABLE_BYTES
    with pytest.raises(ValidationError, match="в распакованном виде слишком большая"):
        validate_table_file(upload)
    assert upload.tell() == 0  # the importer reads it from the start


# The consent scan


def _consent(client, person, scan):
    return client.post(
        reverse("mentorship:consent-create", args=[person.pk]),
        {"kind": "personal_data", "signer": "self", "valid_from": "2026-09-01", "scan": scan},
    )


@pytest.mark.parametrize(
    ("scan", "message"),
    [
        (_big(PDF, "scan.pdf"), TOO_LARGE),
        (SimpleUploadedFile("scan.pdf", EXE), NOT_A_SCAN),
    ],
    ids=["too-large", "exe-renamed-pdf"],
)
def test_the_consent_scan_is_checked(curator_client, school, scan, message) -> None:
    person = PersonFactory()
    scan.seek(0)
    response = _consent(curator_client, person, scan)
    assert message in response.content.decode()
    assert not Consent.objects.exists()


# The roadmap evidence


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (_big(PDF, "protocol.pdf"), TOO_LARGE),
        (SimpleUploadedFile("protocol.pdf", EXE), NOT_A_SCAN),
    ],
    ids=["too-large", "exe-renamed-pdf"],
)
def test_the_roadmap_evidence_is_checked(curator_client, school, upload, message) -> None:
    event = EventFactory()
    upload.seek(0)
    response = curator_client.post(
        reverse("roadmap:event-evidence", args=[event.pk]), {"file": upload}
    )
    assert message in response.content.decode()
    event.refresh_from_db()
    assert not event.evidence_file


def test_a_refused_evidence_keeps_the_file_attached_before(curator_client, school) -> None:
    event = EventFactory()
    url = reverse("roadmap:event-evidence", args=[event.pk])
    curator_client.post(url, {"file": SimpleUploadedFile("p.pdf", PDF)})
    event.refresh_from_db()
    kept = event.evidence_file.name

    curator_client.post(url, {"file": SimpleUploadedFile("p.pdf", EXE)})

    event = Event.objects.get(pk=event.pk)
    assert event.evidence_file.name == kept
    assert event.evidence_file.storage.exists(kept)


def test_a_replaced_evidence_file_is_removed_after_the_commit(
    curator_client, school, django_capture_on_commit_callbacks
) -> None:
    event = EventFactory()
    url = reverse("roadmap:event-evidence", args=[event.pk])
    curator_client.post(url, {"file": SimpleUploadedFile("old.pdf", PDF)})
    event.refresh_from_db()
    old = event.evidence_file.name

    with django_capture_on_commit_callbacks(execute=True):
        curator_client.post(url, {"file": SimpleUploadedFile("new.png", PNG)})

    event.refresh_from_db()
    assert event.evidence_file.name != old
    assert not event.evidence_file.storage.exists(old)


# The case file


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (_big(PDF, "practice.pdf"), TOO_LARGE),
        (SimpleUploadedFile("practice.pdf", EXE), NOT_A_SCAN),
    ],
    ids=["too-large", "exe-renamed-pdf"],
)
def test_the_case_file_is_checked(curator_client, school, upload, message) -> None:
    pair = MentorshipFactory(year=ProgrammeYearFactory(is_current=True))
    upload.seek(0)
    response = curator_client.post(
        reverse("mentorship:case-create"),
        {
            "title": "Практика",
            "mentorship": pair.pk,
            "problem": "п",
            "actions": "д",
            "result": "р",
            "file": upload,
        },
    )
    assert message in response.content.decode()
    assert not Case.objects.exists()


# The people import


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (_big(b"\xd0\xa4\xd0\x98\xd0\x9e;x\n", "spisok.csv", MAX_TABLE_BYTES), TOO_LARGE),
        (SimpleUploadedFile("spisok.xlsx", EXE), "Это программа, а не таблица"),
    ],
    ids=["too-large", "exe-renamed-xlsx"],
)
def test_the_people_import_file_is_checked(curator_client, school, upload, message) -> None:
    upload.seek(0)
    response = curator_client.post(
        reverse("mentorship:people-import"), {"file": upload, "kind": "staff"}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "people_import" not in curator_client.session


def test_the_roadmap_import_refuses_a_program(curator_client, school) -> None:
    year = ProgrammeYearFactory()
    response = curator_client.post(
        reverse("roadmap:roadmap-import"),
        {"file": SimpleUploadedFile("karta.docx", EXE), "year": year.pk},
    )
    assert response.context["form"].errors["file"] == [
        "Это программа, а не таблица: такие файлы не загружаются."
    ]


# The school's logo


def test_the_school_logo_must_be_a_jpeg_or_png(curator_client, school) -> None:
    from mentorship.forms.core import SchoolForm  # noqa: PLC0415

    form = SchoolForm(
        data={"full_name": "Школа", "short_name": "Школа"},
        files={"logo": SimpleUploadedFile("logo.png", EXE)},
        instance=school,
    )
    assert not form.is_valid()
    assert "logo" in form.errors
