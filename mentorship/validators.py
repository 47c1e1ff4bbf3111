"""Validators of uploaded files: checked by content, not by the name the browser sent.

* ``validate_scan`` — a signed scan or a material (consents, evidence, cases, the library);
* ``validate_image`` — a photo or a logo shown in an ``<img>``;
* ``validate_table_file`` — a file for an import (people, the roadmap); the importers read
  it further by content and explain anything they cannot read.
"""

from __future__ import annotations

import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db.models.fields.files import FieldFile

MAX_SCAN_BYTES = 10 * 1024 * 1024
MAX_TABLE_BYTES = 10 * 1024 * 1024
# An XLSX or DOCX is a ZIP: 10 MB of it may unpack into gigabytes (a «zip bomb»).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
_SIGNATURES = {
    b"%PDF-": "PDF",
    b"\xff\xd8\xff": "JPEG",
    b"\x89PNG\r\n\x1a\n": "PNG",
}
# What the stored name may end with: never .html, .svg or .exe, whatever the content.
SCAN_EXTENSIONS = frozenset({".pdf", ".jpg", ".jpeg", ".png"})
IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png"})
# Programs and scripts: refused outright, whatever the name says.
_EXECUTABLES = (
    b"MZ",  # Windows .exe, .dll
    b"\x7fELF",  # Linux
    b"\xcf\xfa\xed\xfe",  # macOS
    b"\xca\xfe\xba\xbe",
    b"#!",  # a script
)


def detect_scan_type(head: bytes) -> str | None:
    for signature, kind in _SIGNATURES.items():
        if head.startswith(signature):
            return kind
    return None


def _head(file: File, size: int = 16) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(size)
    file.seek(position)
    return head


def _is_stored(file: File) -> bool:
    # A file already kept was checked when it came. Saving the object again must neither open
    # it (and leave it open) nor refuse a file kept under an older, looser rule.
    return isinstance(file, FieldFile) and file._committed


def _megabytes(size: int) -> float:
    return size / 1024 / 1024


def _extension(file: File) -> str:
    return PurePath(file.name or "").suffix.lower()


def _check_size(file: File, message: str) -> None:
    if file.size is not None and file.size > MAX_SCAN_BYTES:
        raise ValidationError(message, code="too_large", params={"size": _megabytes(file.size)})


def validate_scan(file: File) -> None:
    """A signed scan: PDF, JPEG or PNG by its content, at most 10 MB."""
    if _is_stored(file):
        return
    _check_size(file, "Файл больше 10 МБ (%(size).1f МБ). Отсканируйте с меньшим разрешением.")
    extension = _extension(file)
    if extension and extension not in SCAN_EXTENSIONS:
        raise ValidationError(
            "Файлы «%(extension)s» не загружаются: нужен PDF, JPEG или PNG.",
            code="bad_extension",
            params={"extension": extension},
        )
    if detect_scan_type(_head(file)) is None:
        raise ValidationError(
            "Файл не похож на PDF, JPEG или PNG. Загрузите скан в одном из этих форматов.",
            code="bad_type",
        )


def validate_image(file: File) -> None:
    """A picture for a page: JPEG or PNG by its content, at most 10 MB."""
    if _is_stored(file):
        return
    _check_size(file, "Картинка больше 10 МБ (%(size).1f МБ). Уменьшите её и загрузите снова.")
    extension = _extension(file)
    if (extension and extension not in IMAGE_EXTENSIONS) or detect_scan_type(_head(file)) not in {
        "JPEG",
        "PNG",
    }:
        raise ValidationError(
            "Это не картинка JPEG или PNG. Сохраните изображение в одном из этих форматов.",
            code="bad_type",
        )


def validate_table_file(file: File) -> None:
    """A file for an import: at most 10 MB, not a program, not a ZIP that unpacks too far."""
    if file.size is not None and file.size > MAX_TABLE_BYTES:
        raise ValidationError("Файл больше 10 МБ.", code="too_large")
    head = _head(file, 8)
    if head.startswith(_EXECUTABLES):
        raise ValidationError(
            "Это программа, а не таблица: такие файлы не загружаются.",
            code="bad_type",
        )
    if head.startswith(b"PK\x03\x04"):
        position = file.tell()
        file.seek(0)
        try:
            with zipfile.ZipFile(file) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
        except (zipfile.BadZipFile, OSError, ValueError):
            unpacked = 0  # not a readable ZIP: the importer explains that itself
        finally:
            file.seek(position)
        if unpacked > MAX_UNPACKED_BYTES:
            raise ValidationError(
                "Таблица в распакованном виде слишком большая. Разделите её на несколько файлов.",
                code="too_large_unpacked",
            )
