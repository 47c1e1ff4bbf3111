"""Uploaded files in services: what a form sent, and deleting a replaced file safely."""

from __future__ import annotations

from typing import Any

from django.core.files.storage import Storage
from django.db import transaction


def values_with_file(data: dict[str, Any], fields: list[str], file_field: str) -> dict[str, Any]:
    """The given fields of the data; a cleared file is "", a file not sent is left alone."""
    values = {field: data[field] for field in fields if field in data}
    if values.get(file_field) is None:
        values.pop(file_field, None)
    elif values[file_field] is False:
        values[file_field] = ""
    return values


def delete_on_commit(storage: Storage, name: str) -> None:
    """A replaced or deleted file goes only once the change is saved for good."""
    transaction.on_commit(lambda: storage.delete(name))
