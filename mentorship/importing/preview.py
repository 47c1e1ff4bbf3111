"""The typed preview: the rows imported through ``PersonResource``, each with a status and
the reason in Russian."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

from mentorship.exceptions import DomainError
from mentorship.importing.columns import NAME_FIELDS, PreparedImport
from mentorship.importing.reading import ImportFileError
from mentorship.importing.values import clean_text
from mentorship.models import Person
from mentorship.text import full_name

if TYPE_CHECKING:
    from import_export.results import RowResult

    from mentorship.resources import PersonResource


class ImportRowsError(DomainError):
    """Some rows have errors and were not explicitly skipped; nothing was written."""

    def __init__(self, preview: ImportPreview) -> None:
        self.preview = preview
        counts = preview.counts
        super().__init__(
            f"В файле есть строки с ошибками ({counts[RowStatus.ERROR]}): исправьте их "
            "или отметьте «Пропустить строки с ошибками». Ничего не записано."
        )


class RowStatus(StrEnum):
    NEW = "new"
    UPDATE = "update"
    SKIP = "skip"
    ERROR = "error"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def badge(self) -> str:
        return _STATUS_BADGES[self]


_STATUS_LABELS = {
    RowStatus.NEW: "новый",
    RowStatus.UPDATE: "обновление",
    RowStatus.SKIP: "без изменений",
    RowStatus.ERROR: "ошибка",
}
_STATUS_BADGES = {
    RowStatus.NEW: "text-bg-success",
    RowStatus.UPDATE: "text-bg-primary",
    RowStatus.SKIP: "text-bg-secondary",
    RowStatus.ERROR: "text-bg-danger",
}


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.label}: «{self.old or '—'}» → «{self.new or '—'}»"


@dataclass
class PreviewRow:
    number: int
    full_name: str
    status: RowStatus
    reason: str = ""
    changes: list[Change] = field(default_factory=list)
    person: Person | None = None


@dataclass
class ImportPreview:
    kind: str
    source: str
    columns: list[tuple[str, str]]
    ignored_columns: list[str]
    rows: list[PreviewRow]
    dry_run: bool = True
    skipped_errors: bool = False

    @property
    def counts(self) -> dict[RowStatus, int]:
        counts = dict.fromkeys(RowStatus, 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def has_errors(self) -> bool:
        return any(row.status is RowStatus.ERROR for row in self.rows)

    @property
    def error_rows(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.status is RowStatus.ERROR]

    def audit_data(self) -> dict[str, Any]:
        counts = self.counts
        return {
            "kind": self.kind,
            "rows": len(self.rows),
            "new": counts[RowStatus.NEW],
            "updated": counts[RowStatus.UPDATE],
            "unchanged": counts[RowStatus.SKIP],
            "skipped_errors": counts[RowStatus.ERROR],
        }

    def summary(self) -> str:
        counts = self.counts
        if self.dry_run:
            return (
                f"Проверено строк: {len(self.rows)}. Новых {counts[RowStatus.NEW]}, "
                f"обновлений {counts[RowStatus.UPDATE]}, без изменений {counts[RowStatus.SKIP]}, "
                f"с ошибками {counts[RowStatus.ERROR]}."
            )
        return (
            f"Импортировано: новых {counts[RowStatus.NEW]}, обновлено {counts[RowStatus.UPDATE]}, "
            f"без изменений {counts[RowStatus.SKIP]}, "
            f"пропущено с ошибками {counts[RowStatus.ERROR]}"
        )


def run(
    prepared: PreparedImport,
    *,
    resource: PersonResource,
    dry_run: bool,
    skip_errors: bool = False,
) -> ImportPreview:
    """Import the prepared rows through the resource and describe every row.

    With ``dry_run`` nothing is written. Without it the caller must hold a transaction:
    rows with errors raise ImportRowsError (so that it rolls back) unless ``skip_errors``.
    """
    resource.line_numbers = prepared.line_numbers
    result = resource.import_data(prepared.dataset, dry_run=dry_run, use_transactions=True)
    if result.base_errors:
        # Matching or a batch write failed in the database: the rows are not to blame.
        raise ImportFileError(
            f"Импорт остановлен из-за ошибки базы данных ({result.base_errors[0].error}). "
            "Ничего не записано, попробуйте ещё раз."
        )
    preview = ImportPreview(
        kind=prepared.kind,
        source=prepared.source,
        columns=prepared.columns.used,
        ignored_columns=prepared.columns.ignored,
        rows=[
            _preview_row(resource, number, row_result)
            for number, row_result in zip(prepared.line_numbers, result.rows, strict=True)
        ],
        dry_run=dry_run,
        skipped_errors=skip_errors,
    )
    if not dry_run and (result.has_errors() or (preview.has_errors and not skip_errors)):
        for row in preview.rows:
            if row.status is RowStatus.NEW:
                row.person = None  # its card is rolled back with everything else
        raise ImportRowsError(preview)
    return preview


def _preview_row(resource: PersonResource, number: int, row_result: RowResult) -> PreviewRow:
    info = resource.row_info.get(number)
    name = info.full_name if info else ""
    person = info.person if info else None
    if row_result.validation_error is not None:
        reason = resource.error_reason(row_result.validation_error)
        return PreviewRow(number, name, RowStatus.ERROR, reason=reason, person=person)
    if row_result.errors:
        error = row_result.errors[0].error
        return PreviewRow(number, name, RowStatus.ERROR, f"Не удалось сохранить: {error}")
    status = {
        "new": RowStatus.NEW,
        "update": RowStatus.UPDATE,
        "skip": RowStatus.SKIP,
    }[row_result.import_type]
    return PreviewRow(number, name, status, changes=info.changes if info else [], person=person)


def row_label(values: dict[str, Any]) -> str:
    return full_name(*(clean_text(values.get(part)) for part in NAME_FIELDS))


def validation_messages(error: ValidationError, labels: dict[str, str]) -> str:
    if hasattr(error, "error_dict"):
        parts = []
        for name, errors in error.error_dict.items():
            texts = [message for item in errors for message in item.messages]
            label = labels.get(name)
            parts.extend(f"{label}: {text}" if label else _capitalised(text) for text in texts)
        return "; ".join(parts)
    return "; ".join(_capitalised(text) for text in error.messages)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
