"""What every document kind has: a title, a template, a builder and its approval rule."""

from __future__ import annotations

import dataclasses
import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.db import models

from reports.printing import PrintDocument

if TYPE_CHECKING:
    from mentorship.models import ProgrammeYear, User
    from reports.models import Document


class DocumentKind:
    """A kind of official document kept in the register (orders, protocols, programmes)."""

    code: ClassVar[str]
    title: ClassVar[str]  # «приказ о назначении куратора»
    default_title: ClassVar[str] = ""  # the document's own heading, «О назначении куратора …»
    template: ClassVar[str] = "print/document.html"
    needs_approval: ClassVar[bool] = True
    register_code: ClassVar[str | None] = "orders"  # numbered in this register when approved
    roadmap_kind: ClassVar[str] = ""  # roadmap.DocumentKind whose event it fulfils
    form_class: ClassVar[type[forms.Form] | None] = None  # the kind's own parameters
    has_preamble: ClassVar[bool] = True
    has_extra_items: ClassVar[bool] = True
    uses_mentorships: ClassVar[bool] = False
    help_text: ClassVar[str] = ""

    def initial(self, *, year: ProgrammeYear) -> dict[str, Any]:
        """Initial values of the kind's form for a new draft."""
        return {}

    def default_preamble(self, *, params: dict[str, Any]) -> str:
        return ""

    def build(self, document: Document) -> PrintDocument:
        raise NotImplementedError

    def on_approved(self, document: Document, *, actor: User | None) -> None:
        """Domain effects of the approval (pairs approved, roadmap marked approved…)."""

    def __str__(self) -> str:
        return str(self.title)


class FormKind:
    """A blank to print and sign for one person (consents, the mentor's agreement)."""

    code: ClassVar[str]
    title: ClassVar[str]
    template: ClassVar[str] = "print/form.html"

    def build(self, *, person: Any) -> PrintDocument:
        raise NotImplementedError

    def __str__(self) -> str:
        return str(self.title)


KINDS: dict[str, DocumentKind] = {}
FORM_KINDS: dict[str, FormKind] = {}


def register(cls: type) -> type:
    """Class decorator: make a kind available by its code."""
    instance = cls()
    if isinstance(instance, DocumentKind):
        KINDS[cls.code] = instance
    else:
        FORM_KINDS[cls.code] = instance
    return cls


def get_kind(code: str) -> DocumentKind:
    return KINDS[code]


def build_document(document: Document) -> PrintDocument:
    """The kind's print data plus what every signed document carries (the 2025 QR code)."""
    printed = KINDS[document.kind].build(document)
    if printed.gost_edition == "2025" and document.status == "approved":
        printed = dataclasses.replace(printed, qr_text=qr_text(printed))
    return printed


def qr_text(printed: PrintDocument) -> str:
    """The requisites the QR code of a signed document carries (ГОСТ Р 7.0.97-2025)."""
    organisation = printed.organisation[-1] if printed.organisation else ""
    kind = (printed.doc_type or "документ").lower()
    number = f" № {printed.number}" if printed.number else ""
    date = f" от {printed.date:%d.%m.%Y}" if printed.date else ""
    return f"{organisation}; {kind}{date}{number}; {printed.title}"


def params_to_json(cleaned: dict[str, Any]) -> dict[str, Any]:
    """The kind form's cleaned data as JSON: objects by their keys, dates as ISO strings."""
    result: dict[str, Any] = {}
    for key, value in cleaned.items():
        if isinstance(value, models.Model):
            result[key] = value.pk
        elif isinstance(value, models.QuerySet | list) and all(
            isinstance(v, models.Model) for v in value
        ):
            result[key] = [v.pk for v in value]
        elif isinstance(value, datetime.date | datetime.time):
            result[key] = value.isoformat()
        else:
            result[key] = value
    return result


def param_date(params: dict[str, Any], key: str) -> datetime.date | None:
    value = params.get(key)
    return datetime.date.fromisoformat(value) if value else None
