"""Exports of the meetings journal and of the regularity view: XLSX (or CSV), audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from mentorship.common import audit
from mentorship.exporting import FORMATS, ExportFile
from mentorship.models import Meeting, User
from mentorship.selectors.meetings import Regularity, journal_dataset, regularity_dataset


def _filters_for_audit(filters: dict[str, Any]) -> dict[str, str]:
    return {name: str(getattr(value, "pk", value)) for name, value in filters.items() if value}


@transaction.atomic
def meeting_journal_export(
    *, visible: QuerySet[Meeting], filters: dict[str, Any], fmt: str, actor: User | None
) -> ExportFile:
    """The journal as filtered on its page, one row per meeting and pair."""
    dataset = journal_dataset(visible=visible, filters=filters)
    export = FORMATS[fmt].file(
        dataset, stem=f"zhurnal-vstrech-{timezone.localdate():%Y-%m-%d}", title="Встречи"
    )
    audit(
        actor=actor,
        action="meetings.export",
        data={"format": fmt, "rows": len(dataset), "filters": _filters_for_audit(filters)},
    )
    return export


@transaction.atomic
def meeting_regularity_export(*, data: Regularity, fmt: str, actor: User | None) -> ExportFile:
    """Regularity of meetings: one row per open pair, one column per week."""
    dataset = regularity_dataset(data)
    export = FORMATS[fmt].file(
        dataset,
        stem=f"regulyarnost-vstrech-{data.start:%Y-%m-%d}-{data.end:%Y-%m-%d}",
        title="Регулярность встреч",
    )
    audit(
        actor=actor,
        action="meetings.regularity_export",
        data={
            "format": fmt,
            "rows": len(dataset),
            "period": [data.start.isoformat(), data.end.isoformat()],
        },
    )
    return export
