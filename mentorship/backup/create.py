"""Back up the whole school: the database and the uploaded files in one archive."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from mentorship.backup.archive import ArchiveWriter, BackupError, Manifest, Table
from mentorship.backup.data import (
    applied_migrations,
    backed_up_models,
    dump_model,
    frozen_files,
    model_label,
)
from mentorship.common import audit

ARCHIVE_NAME = re.compile(r"^nastavnik-\d{8}-\d{6}\.tar\.gz$")


@dataclass
class BackupResult:
    path: Path
    size: int
    manifest: Manifest
    seconds: float
    warnings: list[str] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


def app_version() -> str:
    try:
        return metadata.version("nastavnik")
    except metadata.PackageNotFoundError:
        return "неизвестна"


def default_archive_name() -> str:
    return f"nastavnik-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"


def _target(output: Path | None) -> Path:
    if output is None:
        return Path(settings.VAR_DIR) / "backups" / default_archive_name()
    # A name ending in .tar.gz (or .tgz) is the archive; anything else is its folder.
    if output.is_dir() or not output.name.endswith((".tar.gz", ".tgz")):
        return output / default_archive_name()
    return output


@contextlib.contextmanager
def _snapshot(using: str) -> Iterator[None]:
    """One consistent view of the database for the whole dump, however long it takes."""
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _media_files(root: Path) -> Iterator[tuple[Path, str]]:
    """Regular files under MEDIA_ROOT in a stable order; symbolic links are not followed."""
    if not root.is_dir():
        return
    for folder, subfolders, names in os.walk(root):
        here = Path(folder)
        subfolders.sort()
        for name in sorted(names):
            path = here / name
            if path.is_file() and not path.is_symlink():
                yield path, "media/" + path.relative_to(root).as_posix()


def backup_prune(*, folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` archives named nastavnik-YYYYMMDD-HHMMSS.tar.gz."""
    if keep < 1:
        raise BackupError("--keep: оставьте хотя бы один архив.")
    archives = sorted(
        (p for p in folder.iterdir() if p.is_file() and ARCHIVE_NAME.match(p.name)),
        key=lambda p: p.name,
        reverse=True,
    )
    old = archives[keep:]
    for path in old:
        path.unlink()
    return old


def backup_create(
    *,
    output: Path | None = None,
    keep: int | None = None,
    actor: Any = None,
    using: str = DEFAULT_DB_ALIAS,
) -> BackupResult:
    """Write the database and MEDIA_ROOT into one tar.gz with a manifest of checksums."""
    started = time.perf_counter()
    if keep is not None and keep < 1:
        raise BackupError("--keep: оставьте хотя бы один архив.")
    target = _target(output).absolute()
    media_root = Path(settings.MEDIA_ROOT).absolute()
    if target.parent.resolve().is_relative_to(media_root.resolve()):
        raise BackupError(
            f"Архив нельзя класть в папку загрузок ({media_root}): он попал бы в следующие копии "
            "и стал бы виден через /media/. Укажите другую папку."
        )
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if target.exists():
        raise BackupError(f"Файл {target} уже есть: укажите другое имя.")
    part = target.with_name(target.name + ".part")
    created_at = timezone.localtime()
    warnings: list[str] = []
    with tempfile.TemporaryDirectory(prefix=".nastavnik-backup-", dir=target.parent) as tmp:
        folder = Path(tmp)
        tables = []
        with _snapshot(using):
            for number, model in enumerate(backed_up_models(), start=1):
                name = f"{number:03d}-{model_label(model)}.jsonl"
                rows = dump_model(model, into=folder / name, using=using)
                tables.append(Table(model=model_label(model), file=f"data/{name}", rows=rows))
            documents = frozen_files(using=using, media_root=media_root)
            migrations = applied_migrations(using)
        descriptor = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as raw, ArchiveWriter(raw) as writer:
                for table in tables:
                    writer.add_file(folder / table.file.removeprefix("data/"), table.file)
                for path, name in _media_files(media_root):
                    try:
                        writer.add_file(path, name)
                    except FileNotFoundError:
                        warnings.append(f"файл «{name}» удалён во время копирования")
                for document in documents:
                    archived = writer.files.get(f"media/{document.path}") if document.path else None
                    if archived is None:
                        warnings.append(f"{document.label}: нет файла подписанного PDF")
                    elif archived.sha256 != document.sha256:
                        warnings.append(
                            f"{document.label}: SHA-256 файла «{document.path}» не совпадает "
                            "с записанной при утверждении"
                        )
                manifest = Manifest(
                    created_at=created_at.isoformat(),
                    app_version=app_version(),
                    django_version=django.get_version(),
                    database_vendor=connections[using].vendor,
                    migrations=migrations,
                    tables=tables,
                    files=dict(writer.files),
                    documents=documents,
                )
                writer.add_manifest(manifest, created_at.timestamp())
            part.replace(target)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    removed = backup_prune(folder=target.parent, keep=keep) if keep else []
    size = target.stat().st_size
    audit(
        actor=actor,
        action="backup.create",
        data={
            "file": str(target),
            "size": size,
            "rows": manifest.rows,
            "files": len(manifest.media),
        },
    )
    return BackupResult(
        path=target,
        size=size,
        manifest=manifest,
        seconds=time.perf_counter() - started,
        warnings=warnings,
        removed=removed,
    )
