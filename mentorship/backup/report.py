"""Russian lines that the backup and restore commands print."""

from __future__ import annotations

import datetime

from django.apps import apps

from mentorship.backup import BackupResult, RestoreResult, TableCount
from mentorship.backup.archive import Manifest
from mentorship.backup.data import model_title

VENDORS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def number(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def size(value: int) -> str:
    amount = float(value)
    for unit in ("байт", "КБ", "МБ", "ГБ"):
        if amount < 1024 or unit == "ГБ":
            text = f"{amount:.0f}" if unit == "байт" else f"{amount:.1f}".replace(".", ",")
            return f"{text} {unit}"
        amount /= 1024
    raise AssertionError  # pragma: no cover


def seconds(value: float) -> str:
    return f"{value:.1f} с".replace(".", ",")


def _title(label: str) -> str:
    try:
        return model_title(apps.get_model(label))
    except LookupError:
        return label


def _tables(manifest: Manifest) -> list[str]:
    return [
        f"    {_title(t.model)} ({t.model}): {number(t.rows)}" for t in manifest.tables if t.rows
    ]


def _totals(manifest: Manifest) -> list[str]:
    media = manifest.media
    return [
        f"  Записей в базе: {number(manifest.rows)} (таблиц: {len(manifest.tables)})",
        f"  Загруженных файлов: {number(len(media))}, {size(sum(s.size for s in media.values()))}",
        f"  Подписанных документов с SHA-256: {number(len(manifest.documents))}",
    ]


def backup_lines(result: BackupResult, *, verbose: bool = False) -> list[str]:
    lines = [f"Резервная копия готова: {result.path}", f"  Размер архива: {size(result.size)}"]
    lines += _totals(result.manifest)
    if verbose:
        lines += _tables(result.manifest)
    lines += [f"  Время: {seconds(result.seconds)}"]
    lines += [f"  Удалён старый архив: {path.name}" for path in result.removed]
    return lines


def contents_lines(contents: list[TableCount]) -> list[str]:
    total = sum(c.rows for c in contents)
    lines = [f"Сейчас в базе {number(total)} записей, восстановление их заменит:"]
    lines += [f"    {c.title}: {number(c.rows)}" for c in contents]
    return lines


def restore_lines(result: RestoreResult, *, verbose: bool = False) -> list[str]:
    manifest = result.manifest
    try:
        created = datetime.datetime.fromisoformat(manifest.created_at).strftime("%d.%m.%Y %H:%M")
    except ValueError:
        created = manifest.created_at
    vendor = VENDORS.get(manifest.database_vendor, manifest.database_vendor)
    lines = [
        f"Восстановлено из {result.path}",
        f"  Архив от {created}: {vendor}, «Наставник» {manifest.app_version}, "
        f"Django {manifest.django_version}",
        f"  Проверка архива: {number(len(manifest.files))} файлов, SHA-256 совпали",
    ]
    if result.replaced:
        lines.append(f"  Заменено записей: {number(sum(c.rows for c in result.replaced))}")
    lines += _totals(manifest)
    if verbose:
        lines += _tables(manifest)
    lines.append("  Число записей в каждой таблице совпало с архивом")
    if result.problems:
        lines.append("  Проверка подписанных документов НЕ пройдена:")
        lines += [f"    {problem}" for problem in result.problems]
        if result.previous_media:
            lines.append(f"  Прежние загруженные файлы сохранены в {result.previous_media}")
    else:
        lines.append(
            f"  Подписанные документы: SHA-256 всех {number(result.documents_checked)} PDF "
            "совпали с архивом"
        )
    lines.append(f"  Время: {seconds(result.seconds)}")
    return lines
