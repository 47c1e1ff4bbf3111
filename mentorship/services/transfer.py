"""Import and export of people and the banks. Each run writes one audit row (152-ФЗ)."""

from __future__ import annotations

import datetime
import re
from typing import Any

import tablib
from django.db import transaction
from django.utils import timezone
from import_export.tmp_storages import MediaStorage

from mentorship import importing
from mentorship.common import audit
from mentorship.exceptions import DomainError
from mentorship.exporting import FORMATS, ExportFile
from mentorship.importing import ImportPreview
from mentorship.models import User
from mentorship.resources import MenteeExportResource, MentorExportResource, PersonResource
from mentorship.selectors.people import person_list
from mentorship.services.school import get_school
from mentorship.storage import private_storage

UPLOAD_FOLDER = "imports"
UPLOAD_LIFETIME = datetime.timedelta(hours=24)
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


class ImportExpiredError(DomainError):
    """The uploaded file of a preview is gone: too old, already imported or never there."""


@transaction.atomic
def people_import(
    *,
    data: bytes,
    filename: str,
    kind: str,
    actor: User | None,
    dry_run: bool,
    skip_errors: bool = False,
) -> ImportPreview:
    """Import staff or pupils from a file; with ``dry_run`` only describe what would happen.

    Raises ImportFileError for a file that cannot be read and ImportRowsError when rows have
    errors and ``skip_errors`` is off; in both cases nothing is written.
    """
    prepared = importing.prepare(data, filename=filename, kind=kind)
    resource = PersonResource(actor=actor)
    preview = importing.run(prepared, resource=resource, dry_run=dry_run, skip_errors=skip_errors)
    if not dry_run:
        audit(actor=actor, action="people.import", data={**preview.audit_data(), "file": filename})
    return preview


# --- uploads waiting for confirmation ----------------------------------------------------


class _UploadStorage(MediaStorage):
    """import-export's temporary storage, kept outside the public media URL."""

    def _configure_storage(self) -> None:
        self._storage = private_storage()


def _upload(token: str | None = None) -> _UploadStorage:
    return _UploadStorage(name=token, MEDIA_FOLDER=UPLOAD_FOLDER)


def import_upload_save(*, data: bytes) -> str:
    """Keep an uploaded file until the curator confirms the preview; return its token."""
    _purge_stale_uploads()
    storage = _upload()
    storage.save(data)
    return storage.name


def import_upload_read(*, token: str) -> bytes:
    if not _TOKEN.match(token or ""):
        raise ImportExpiredError("Файл для импорта не найден.")
    storage = _upload(token)
    try:
        modified = storage._storage.get_modified_time(storage.get_full_path())
        if timezone.now() - modified > UPLOAD_LIFETIME:
            storage.remove()
            raise ImportExpiredError("Загруженный файл устарел.")
        return storage.read()
    except FileNotFoundError:
        raise ImportExpiredError("Файл для импорта не найден.") from None


def import_upload_discard(*, token: str) -> None:
    if _TOKEN.match(token or ""):
        storage = _upload(token)
        if storage._storage.exists(storage.get_full_path()):
            storage.remove()


def _purge_stale_uploads() -> None:
    """Remove the files of previews nobody confirmed: personal data is not kept idle."""
    storage = private_storage()
    try:
        _dirs, files = storage.listdir(UPLOAD_FOLDER)
    except FileNotFoundError:
        return
    now = timezone.now()
    for name in files:
        path = f"{UPLOAD_FOLDER}/{name}"
        try:
            if now - storage.get_modified_time(path) > UPLOAD_LIFETIME:
                storage.delete(path)
        except FileNotFoundError:
            continue  # removed by a parallel request


# --- exports ----------------------------------------------------------------------------


def _export(
    dataset: tablib.Dataset,
    *,
    fmt: str,
    stem: str,
    title: str,
    action: str,
    actor: User | None,
    extra: dict[str, Any] | None = None,
) -> ExportFile:
    export = FORMATS[fmt].file(dataset, stem=f"{stem}-{timezone.localdate():%Y-%m-%d}", title=title)
    audit(actor=actor, action=action, data={"format": fmt, "rows": len(dataset), **(extra or {})})
    return export


@transaction.atomic
def people_export(*, fmt: str, filters: dict[str, Any], actor: User | None) -> ExportFile:
    """The people list as filtered on its page, with the importer's own headers."""
    people = person_list(filters=filters, school=get_school(), today=timezone.localdate())
    dataset = PersonResource().export(queryset=people, force_native_type=True)
    return _export(
        dataset,
        fmt=fmt,
        stem="uchastniki",
        title="Участники",
        action="people.export",
        actor=actor,
        extra={"filters": {name: value for name, value in filters.items() if value}},
    )


@transaction.atomic
def mentees_export(*, fmt: str, actor: User | None) -> ExportFile:
    dataset = MenteeExportResource().export(force_native_type=True)
    return _export(
        dataset,
        fmt=fmt,
        stem="nastavlyaemye",
        title="База наставляемых",
        action="mentees.export",
        actor=actor,
    )


@transaction.atomic
def mentors_export(*, fmt: str, actor: User | None) -> ExportFile:
    resource = MentorExportResource(default_capacity=get_school().max_mentees_per_mentor)
    dataset = resource.export(force_native_type=True)
    return _export(
        dataset,
        fmt=fmt,
        stem="nastavniki",
        title="База наставников",
        action="mentors.export",
        actor=actor,
    )
