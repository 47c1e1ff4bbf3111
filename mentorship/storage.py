"""Storage for personal files (consent scans): outside the public media URL."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateStorage(FileSystemStorage):
    """MEDIA_ROOT/private, read at use (so tests can move it); no public URL at all."""

    @cached_property
    def base_location(self) -> str:
        return os.path.join(settings.MEDIA_ROOT, "private")

    @cached_property
    def base_url(self) -> None:
        return None


_storage = PrivateStorage()


def private_storage() -> FileSystemStorage:
    """Files here are served only by views that check who may see them."""
    return _storage
