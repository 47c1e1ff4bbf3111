"""The registry of document kinds: one class each, looked up by its code."""

from __future__ import annotations

from reports.documents.base import (
    KINDS,
    DocumentKind,
    FormKind,
    build_document,
    get_kind,
    register,
)

# Importing the modules registers their kinds.
from reports.documents import agreement, consents, orders, others, regulation  # noqa: E402, F401  isort: skip

__all__ = ["KINDS", "DocumentKind", "FormKind", "build_document", "get_kind", "register"]
