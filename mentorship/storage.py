"""Storage for personal files (consent scans): outside the public media URL."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    """Files here are served only by views that check who may see them."""
    return FileSystemStorage(location=settings.MEDIA_ROOT / "private", base_url=None)
