"""Restore the whole school from an archive, checking it before and after."""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, transaction
from django.utils import timezone

from mentorship.backup.archive import BackupError, Manifest, unpack_verified
from mentorship.backup.data import (
    applied_migrations,
    backed_up_models,
    file_sha256,
    flush,
    frozen_files,
    load_file,
    model_label,
    model_title,
    reset_sequences,
    row_counts,
)
from mentorship.common import audit


@dataclass(frozen=True)
class TableCount:
    model: str
    title: str
    rows: int


@dataclass
class RestoreResult:
    path: Path
    manifest: Manifest
    replaced: list[TableCount]
    documents_checked: int
    seconds: float
    problems: list[str] = field(default_factory=list)
    previous_media: Path | None = None


class DatabaseNotEmptyError(BackupError):
    """The database holds data and the caller did not confirm replacing it."""

    def __init__(self, contents: list[TableCount]) -> None:
        super().__init__(
            "В базе уже есть данные: восстановление заменит их все. "
            "Повторите команду с --yes, если так и нужно."
        )
        self.contents = contents


def database_contents(*, using: str = DEFAULT_DB_ALIAS) -> list[TableCount]:
    """The tables a restore would empty that hold rows now."""
    counts = row_counts(using)
    return [
        TableCount(model_label(m), model_title(m), counts[model_label(m)])
        for m in backed_up_models()
        if counts[model_label(m)]
    ]


def _check_compatible(manifest: Manifest, using: str) -> None:
    here = set(applied_migrations(using))
    there = set(manifest.migrations)
    if here != there:
        missing = sorted(there - here)[:5]
        extra = sorted(here - there)[:5]
        raise BackupError(
            f"Архив сделан версией «Наставника» {manifest.app_version}, схема базы в нём другая "
            f"(в архиве есть миграции, которых здесь нет: {', '.join(missing) or '—'}; "
            f"здесь есть, а в архиве нет: {', '.join(extra) or '—'}). Восстановите архив той "
            "же версией программы, затем обновите её как обычно. Ничего не изменено."
        )
    known = {model_label(m) for m in backed_up_models()}
    unknown = [t.model for t in manifest.tables if t.model not in known]
    if unknown:
        raise BackupError(f"В архиве таблицы, которых нет в программе: {', '.join(unknown)}.")


def _replace_database(manifest: Manifest, folder: Path, using: str) -> None:
    """Flush, load every table, move sequences on; raise (and so roll back) on any shortfall."""
    flush(using)
    for table in manifest.tables:
        loaded = load_file(folder / table.file, model=apps.get_model(table.model), using=using)
        if loaded != table.rows:
            raise BackupError(
                f"{table.model}: в архиве {table.rows} записей, загружено {loaded}. "
                "База не изменена."
            )
    reset_sequences(backed_up_models(), using=using)
    expected = {t.model: t.rows for t in manifest.tables}
    mismatched = [
        f"{label}: в архиве {expected.get(label, 0)}, в базе {rows}"
        for label, rows in row_counts(using).items()
        if rows != expected.get(label, 0)
    ]
    if mismatched:
        raise BackupError(
            "После загрузки число записей не совпало с архивом ("
            + "; ".join(mismatched[:10])
            + "). База не изменена."
        )


def _swap_media(new: Path, root: Path, stamp: str) -> Path | None:
    """Put the restored files in MEDIA_ROOT; the old ones go aside, beside it."""
    new.mkdir(exist_ok=True)
    previous = None
    if root.is_dir() and any(root.iterdir()):
        previous = root.parent / f"{root.name}.before-restore-{stamp}"
        previous.mkdir(mode=0o700)
        for child in list(root.iterdir()):
            shutil.move(child, previous / child.name)
    root.mkdir(parents=True, exist_ok=True)
    for child in list(new.iterdir()):
        shutil.move(child, root / child.name)
    return previous


def _check_documents(manifest: Manifest, media_root: Path, using: str) -> list[str]:
    """Every signed file the archive lists is in the database and on disk, byte for byte."""
    problems = []
    found = {(f.model, f.pk): f for f in frozen_files(using=using, media_root=media_root)}
    listed = {(d.model, d.pk) for d in manifest.documents}
    problems += [
        f"{f.label}: в базе подписан, а в архиве не значится"
        for key, f in found.items()
        if key not in listed
    ]
    for document in manifest.documents:
        here = found.get((document.model, document.pk))
        if here is None:
            problems.append(f"{document.label}: после восстановления нет в базе")
            continue
        if here.sha256 != document.sha256:
            problems.append(f"{document.label}: в базе другая SHA-256")
        path = media_root / document.path if document.path else None
        if path is None or here.path != document.path or not path.is_file():
            problems.append(f"{document.label}: нет файла подписанного PDF")
        elif file_sha256(path) != document.sha256:
            problems.append(f"{document.label}: SHA-256 файла «{document.path}» не совпадает")
    return problems


def backup_restore(
    *,
    path: Path,
    replace: bool = False,
    actor: Any = None,
    using: str = DEFAULT_DB_ALIAS,
) -> RestoreResult:
    """Replace the database and MEDIA_ROOT with an archive's, checking it before and after.

    Order: refuse a non-empty database unless `replace`; unpack and verify the archive in a
    staging folder; replace the database in one transaction (rolled back if any count
    differs); move the files in, keeping the old ones aside until the signed documents'
    SHA-256 check passes. Problems found after the commit come back in `problems`.
    """
    started = time.perf_counter()
    if not path.is_file():
        raise BackupError(f"Нет файла {path}.")
    replaced = database_contents(using=using)
    if replaced and not replace:
        raise DatabaseNotEmptyError(replaced)
    media_root = Path(settings.MEDIA_ROOT).absolute()
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".nastavnik-restore-", dir=media_root.parent))
    keep_staging = False
    try:
        manifest = unpack_verified(path, into=staging)
        _check_compatible(manifest, using)
        try:
            with transaction.atomic(using=using):
                _replace_database(manifest, staging, using)
                audit(
                    actor=actor,
                    action="backup.restore",
                    data={
                        "file": str(path.absolute()),
                        "created_at": manifest.created_at,
                        "vendor": manifest.database_vendor,
                        "rows": manifest.rows,
                    },
                )
        except (DeserializationError, DatabaseError) as exc:
            raise BackupError(
                f"Загрузить данные архива не удалось ({exc}). База не изменена, файлы тоже."
            ) from exc
        # What the cache kept (sessions, roles, the dashboard) described the old database.
        cache.clear()
        stamp = f"{timezone.localtime():%Y%m%d-%H%M%S}"
        try:
            previous = _swap_media(staging / "media", media_root, stamp)
        except OSError as exc:
            keep_staging = True
            raise BackupError(
                f"База восстановлена, но файлы перенести не удалось ({exc}). Файлы из архива — "
                f"в {staging / 'media'}, прежние — в {media_root.parent}/"
                f"{media_root.name}.before-restore-{stamp}; перенесите их в {media_root} вручную."
            ) from exc
        problems = _check_documents(manifest, media_root, using)
        if previous is not None and not problems:
            shutil.rmtree(previous)
            previous = None
    finally:
        if not keep_staging:
            shutil.rmtree(staging, ignore_errors=True)
    return RestoreResult(
        path=path,
        manifest=manifest,
        replaced=replaced,
        documents_checked=len(manifest.documents),
        seconds=time.perf_counter() - started,
        problems=problems,
        previous_media=previous,
    )
