"""The log of exports of personal data: audit rows written by every export (152-ФЗ).

Every export of personal data writes an ``AuditEntry`` whose action is listed in
``EXPORT_ACTIONS`` (the other apps' codes are plain strings here: mentorship sits below them).
A test walks the code base and fails when an ``*.export`` action is missing from the list.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from mentorship.common import AuditEntry
from mentorship.models import User

# action → what was exported, as the log names it
EXPORT_ACTIONS: dict[str, str] = {
    "people.export": "Список участников",
    "mentees.export": "База наставляемых",
    "mentors.export": "База наставников",
    "meetings.export": "Журнал встреч",
    "meetings.regularity_export": "Регулярность встреч",
    "responses.export": "Ответы на анкеты",
    "report.export": "Отчёт мониторинга",
    "person_form.export": "Бланк с данными участника",
    "backup.create": "Резервная копия (вся база и файлы)",
}

FILTER_LABELS = {
    "q": "ФИО",
    "kind": "категория",
    "department": "МО или класс",
    "young": "молодые специалисты",
    "consent": "согласие",
    "data_categories": "категории данных",
    "form": "форма наставничества",
    "mentor": "наставник",
    "date_from": "с",
    "date_to": "по",
    "pair": "пара",
}


@dataclass(frozen=True)
class ExportLogRow:
    created_at: datetime.datetime
    who: str
    what: str
    details: list[str]


def export_entries(
    *,
    actor: User | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    action: str = "",
) -> QuerySet[AuditEntry]:
    """Audit rows of exports, newest first, with their actors (one query a page)."""
    entries = AuditEntry.objects.filter(
        action__in=[action] if action else list(EXPORT_ACTIONS)
    ).select_related("actor")
    if actor is not None:
        entries = entries.filter(actor=actor)
    if date_from is not None:
        entries = entries.filter(created_at__date__gte=date_from)
    if date_to is not None:
        entries = entries.filter(created_at__date__lte=date_to)
    return entries.order_by("-created_at", "-pk")


def export_actors() -> QuerySet[User]:
    """The users who have exported something: the choices of the log's filter."""
    ids = AuditEntry.objects.filter(action__in=list(EXPORT_ACTIONS), actor__isnull=False)
    return User.objects.filter(pk__in=ids.values("actor_id")).order_by(
        "last_name", "first_name", "username"
    )


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def _details(entry: AuditEntry) -> list[str]:
    data = entry.data or {}
    details = []
    if title := data.get("title") or data.get("report"):
        details.append(str(title))
    if entry.object_repr:
        details.append(entry.object_repr)
    if fmt := data.get("format"):
        details.append(f"формат: {str(fmt).upper()}")
    if "rows" in data:
        details.append(f"строк: {data['rows']}")
    if period := data.get("period"):
        details.append("период: " + " — ".join(str(day) for day in period))
    for name, value in (data.get("filters") or {}).items():
        details.append(f"{FILTER_LABELS.get(name, name)}: {_value(value)}")
    return details


def export_log_rows(entries: list[AuditEntry]) -> list[ExportLogRow]:
    return [
        ExportLogRow(
            created_at=entry.created_at,
            who=(entry.actor.get_full_name() or entry.actor.username) if entry.actor else "—",
            what=EXPORT_ACTIONS.get(entry.action, entry.action),
            details=_details(entry),
        )
        for entry in entries
    ]
