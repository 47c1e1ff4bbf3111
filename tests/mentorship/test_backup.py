"""manage.py backup / restore: a round trip on the suite's database (SQLite, then PostgreSQL)."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import shutil
import stat
import tarfile
from pathlib import Path

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from mentorship.backup.data import row_counts
from mentorship.models import AuditEntry, Consent, Person
from mentorship.roles import CURATOR
from mentorship.services import get_school
from reports.models import Document
from reports.services import document_approve, document_create, document_submit
from tests.factories import (
    ConsentFactory,
    MenteeProfileFactory,
    MentoringFormFactory,
    MentorProfileFactory,
    MentorshipFactory,
    PersonFactory,
    ProgrammeYearFactory,
    UserFactory,
)

DAY = datetime.date(2026, 11, 25)
SCAN = b"%PDF-1.4\n% scan of a signed consent\n"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _school() -> list[Document]:
    """A small school: pairs, a consent scan, a logo and two signed documents."""
    school = get_school()
    school.full_name = "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 5»"
    school.short_name = "МБОУ «СШ № 5»"
    school.director_name = "Соколова Ирина Владимировна"
    school.director_position = "Директор"
    school.locality = "г. Киров"
    school.logo = ContentFile(b"\x89PNG\r\n\x1a\n logo", name="герб.png")
    school.save()
    year = ProgrammeYearFactory(
        title="2026/2027",
        start_date=datetime.date(2026, 9, 1),
        end_date=datetime.date(2027, 8, 31),
        is_current=True,
    )
    user = UserFactory(username="kurator", roles=[CURATOR])
    curator = PersonFactory(
        user=user, surname="Иванова", name="Мария", patronymic="Петровна", position="завуч"
    )
    ConsentFactory(person=curator, scan=ContentFile(SCAN, name="согласие Ивановой.pdf"))
    form = MentoringFormFactory(code="teacher-teacher", title="«педагог – педагог»")
    mentor = MentorProfileFactory(
        person=PersonFactory(surname="Петров", name="Иван", patronymic="Сергеевич")
    )
    for surname in ("Алиева", "Ёлкина"):
        mentee = MenteeProfileFactory(
            person=PersonFactory(surname=surname, name="Полина", patronymic="Ивановна")
        )
        MentorshipFactory(year=year, form=form, mentor=mentor, members=[mentee], status="draft")
    order = document_create(
        kind="order_implementation",
        year=year,
        actor=user,
        params={"curator": curator.pk, "stage1_date": "2027-01-31", "stage2_date": "2027-05-31"},
    )
    protocol = document_create(
        kind="protocol",
        year=year,
        actor=user,
        params={
            "meeting_date": "2026-08-30",
            "present": 31,
            "absent": 2,
            "chair": curator.pk,
            "secretary": mentor.person.pk,
            "agenda": [{"question": "О наставничестве", "decided": "Одобрить", "votes_for": 31}],
        },
    )
    signed = []
    for document in (order, protocol):
        document_submit(document=document, actor=user)
        signed.append(document_approve(document=document, on=DAY, actor=user))
    return signed


def _backup(path: Path) -> str:
    out = io.StringIO()
    call_command("backup", "--output", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _signed_files() -> dict[int, tuple[str, str]]:
    """Each signed document: the SHA-256 the database keeps and that of its stored file."""
    return {
        d.pk: (d.sha256, _sha256(Path(d.pdf.path).read_bytes()))
        for d in Document.objects.exclude(sha256="")
    }


def _repack(source: Path, target: Path, change: str) -> None:
    """Copy an archive member by member, changing one byte of the first member named so."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        changed = False
        for member in old.getmembers():
            data = old.extractfile(member).read()
            if not changed and member.name.startswith(change) and data:
                data = bytes([data[0] ^ 0x01]) + data[1:]
                changed = True
            new.addfile(member, io.BytesIO(data))
    assert changed


@pytest.mark.django_db(transaction=True)
def test_a_restore_brings_back_every_row_and_every_signed_pdf_byte_for_byte(tmp_path, media_root):
    documents = _school()
    approved_at = {d.pk: d.approved_at for d in documents}
    signed = _signed_files()
    counts = row_counts("default")
    last_person = Person.objects.order_by("-pk").first().pk
    archive = tmp_path / "backups" / "copy.tar.gz"

    summary = _backup(archive)

    assert "Резервная копия готова" in summary and "Подписанных документов с SHA-256: 2" in summary
    assert len(signed) == 2 and all(kept == stored for kept, stored in signed.values())
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media_root)
    assert not Person.objects.exists()
    SessionStore().create()  # a session of the database that is being replaced
    cache.set("kept-from-the-old-database", 1)

    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)

    assert row_counts("default") == {
        **counts,
        "mentorship.auditentry": counts["mentorship.auditentry"] + 1,
    }
    assert AuditEntry.objects.filter(action="backup.restore").count() == 1
    assert not Session.objects.exists()
    assert cache.get("kept-from-the-old-database") is None  # sessions, roles: all forgotten
    assert _signed_files() == signed
    assert {d.pk: d.approved_at for d in Document.objects.exclude(sha256="")} == approved_at
    assert Path(Consent.objects.get(scan__contains="Ивановой").scan.path).read_bytes() == SCAN
    assert (media_root / get_school().logo.name).read_bytes().startswith(b"\x89PNG")
    report = out.getvalue()
    assert "SHA-256 всех 2 PDF совпали" in report
    assert "Число записей в каждой таблице совпало с архивом" in report
    assert sorted(p.name for p in media_root.parent.iterdir()) == ["backups", "media"]
    # New rows continue after the restored ids (flush restarted PostgreSQL's sequences).
    assert PersonFactory().pk > last_person


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "refusal"),
    [
        ("media/private/documents/", "SHA-256 не совпадает с manifest.json"),
        ("data/", "SHA-256 не совпадает с manifest.json"),
        ("gzip", "Архив повреждён"),
    ],
    ids=["signed-pdf", "table", "compressed-stream"],
)
def test_a_changed_byte_makes_restore_refuse_before_touching_anything(
    tmp_path, media_root, change, refusal
):
    _school()
    archive = tmp_path / "copy.tar.gz"
    _backup(archive)
    tampered = tmp_path / "tampered.tar.gz"
    if change == "gzip":
        raw = bytearray(archive.read_bytes())
        raw[len(raw) // 2] ^= 0x01
        tampered.write_bytes(bytes(raw))
    else:
        _repack(archive, tampered, change)
    PersonFactory(surname="Добавленный")
    counts = row_counts("default")
    signed = _signed_files()

    with pytest.raises(CommandError, match=refusal):
        call_command("restore", str(tampered), "--yes", stdout=io.StringIO())

    assert row_counts("default") == counts
    assert _signed_files() == signed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.tar.gz", "media", "tampered.tar.gz"]


@pytest.mark.django_db
def test_restore_without_yes_refuses_on_a_database_with_data_and_says_what_is_there(
    tmp_path, media_root
):
    PersonFactory.create_batch(3)
    archive = tmp_path / "copy.tar.gz"
    _backup(archive)
    counts = row_counts("default")
    out = io.StringIO()

    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive), stdout=out)

    assert "участники: 3" in out.getvalue()
    assert row_counts("default") == counts


@pytest.mark.django_db
def test_backup_goes_to_var_backups_readable_only_by_its_owner_with_a_full_manifest(
    settings, tmp_path, media_root
):
    settings.VAR_DIR = tmp_path / "var"
    PersonFactory(surname="Ёлкин")
    (media_root / "private").mkdir(parents=True)
    (media_root / "private" / "скан.pdf").write_bytes(SCAN)
    counts = row_counts("default")

    call_command("backup", stdout=io.StringIO())

    (archive,) = (tmp_path / "var" / "backups").iterdir()
    assert archive.name.startswith("nastavnik-") and archive.name.endswith(".tar.gz")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive, "r:gz") as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
        scan = tar.extractfile("media/private/скан.pdf").read()
    assert names[-1] == "manifest.json"
    assert set(manifest["files"]) == set(names) - {"manifest.json"}
    assert manifest["files"]["media/private/скан.pdf"]["sha256"] == _sha256(scan)
    assert manifest["format_version"] == 1 and manifest["database"]["vendor"]
    assert manifest["row_counts"] == counts
    assert "contenttypes.contenttype" not in manifest["row_counts"]
    assert "sessions.session" not in manifest["row_counts"]


@pytest.mark.django_db
def test_keep_leaves_only_the_newest_archives_and_no_other_file(tmp_path, media_root):
    folder = tmp_path / "backups"
    folder.mkdir()
    for day in ("20260101", "20260102", "20260103"):
        (folder / f"nastavnik-{day}-020000.tar.gz").write_bytes(b"old")
    (folder / "notes.txt").write_text("не архив")

    call_command("backup", "--output", str(folder), "--keep", "2", stdout=io.StringIO())

    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 3
    assert "nastavnik-20260103-020000.tar.gz" in names and "notes.txt" in names


@pytest.mark.django_db
def test_an_archive_of_another_schema_is_refused(tmp_path, media_root):
    PersonFactory()
    archive = tmp_path / "copy.tar.gz"
    _backup(archive)
    other = tmp_path / "other.tar.gz"
    _rewrite_manifest(
        archive,
        other,
        lambda manifest: manifest["database"]["migrations"].append(
            "mentorship.9999_from_the_future"
        ),
    )

    with pytest.raises(CommandError, match="9999_from_the_future"):
        call_command("restore", str(other), "--yes", stdout=io.StringIO())

    assert Person.objects.count() == 1


def _rewrite_manifest(source: Path, target: Path, change) -> None:
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            data = old.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            new.addfile(member, io.BytesIO(data))


@pytest.mark.django_db(transaction=True)
def test_a_failed_load_rolls_the_whole_database_back_and_leaves_the_files(tmp_path, media_root):
    _school()
    archive = tmp_path / "copy.tar.gz"
    _backup(archive)
    wrong = tmp_path / "wrong.tar.gz"

    def one_person_more(manifest: dict) -> None:
        for table in manifest["tables"]:
            if table["model"] == "mentorship.person":
                table["rows"] += 1

    _rewrite_manifest(archive, wrong, one_person_more)
    PersonFactory(surname="Добавленный")
    counts = row_counts("default")
    signed = _signed_files()

    with pytest.raises(CommandError, match="База не изменена"):
        call_command("restore", str(wrong), "--yes", stdout=io.StringIO())

    assert row_counts("default") == counts
    assert Person.objects.filter(surname="Добавленный").exists()
    assert _signed_files() == signed


@pytest.mark.django_db(transaction=True)
def test_a_signed_pdf_changed_before_the_backup_is_reported_and_the_old_files_kept(
    tmp_path, media_root
):
    (order, _protocol) = _school()
    Path(order.pdf.path).write_bytes(b"%PDF-1.4 not what was signed")
    archive = tmp_path / "copy.tar.gz"
    warnings = io.StringIO()

    call_command("backup", "--output", str(archive), stdout=io.StringIO(), stderr=warnings)
    (media_root / "marker.txt").write_text("прежний файл")
    out = io.StringIO()
    with pytest.raises(CommandError, match="расхождениями"):
        call_command("restore", str(archive), "--yes", stdout=out)

    assert "SHA-256 файла" in warnings.getvalue()
    assert "НЕ пройдена" in out.getvalue() and "№ 1-О" in out.getvalue()
    (kept,) = media_root.parent.glob("media.before-restore-*")
    assert (kept / "marker.txt").read_text() == "прежний файл"
    assert not (media_root / "marker.txt").exists()
