"""Backups of the whole school: `manage.py backup` and `manage.py restore` call these."""

from mentorship.backup.archive import ArchiveError, BackupError, Manifest
from mentorship.backup.create import BackupResult, backup_create, backup_prune
from mentorship.backup.restore import (
    DatabaseNotEmptyError,
    RestoreResult,
    TableCount,
    backup_restore,
    database_contents,
)

__all__ = [
    "ArchiveError",
    "BackupError",
    "BackupResult",
    "DatabaseNotEmptyError",
    "Manifest",
    "RestoreResult",
    "TableCount",
    "backup_create",
    "backup_prune",
    "backup_restore",
    "database_contents",
]
