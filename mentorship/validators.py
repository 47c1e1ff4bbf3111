"""Validators of uploaded files: checked by content, not by the name the browser sent."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import File

MAX_SCAN_BYTES = 10 * 1024 * 1024
_SIGNATURES = {
    b"%PDF-": "PDF",
    b"\xff\xd8\xff": "JPEG",
    b"\x89PNG\r\n\x1a\n": "PNG",
}


def detect_scan_type(head: bytes) -> str | None:
    for signature, kind in _SIGNATURES.items():
        if head.startswith(signature):
            return kind
    return None


def validate_scan(file: File) -> None:
    """A signed scan: PDF, JPEG or PNG by its content, at most 10 MB."""
    if file.size is not None and file.size > MAX_SCAN_BYTES:
        raise ValidationError(
            "Файл больше 10 МБ (%(size).1f МБ). Отсканируйте с меньшим разрешением.",
            code="too_large",
            params={"size": file.size / 1024 / 1024},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(16)
    file.seek(position)
    if detect_scan_type(head) is None:
        raise ValidationError(
            "Файл не похож на PDF, JPEG или PNG. Загрузите скан в одном из этих форматов.",
            code="bad_type",
        )
