"""The archive itself: a tar.gz of data/, media/ and, last, manifest.json with the checksums.

The manifest goes last because every checksum is taken from the very bytes written into
the archive, while they are written; a reader hashes each member as it unpacks it and
compares the sums with the manifest at the end, before anything outside the staging
folder is touched.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import tarfile
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings

from mentorship.backup.data import FrozenFile
from mentorship.exceptions import DomainError

FORMAT = "nastavnik-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MANIFEST_LIMIT = 256 * 1024 * 1024
BLOCK = 1024 * 1024


class BackupError(DomainError):
    pass


class ArchiveError(BackupError):
    """The archive is damaged, altered or not ours: nothing was changed."""


@dataclass(frozen=True)
class Table:
    model: str
    file: str
    rows: int


@dataclass(frozen=True)
class FileSum:
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    created_at: str
    app_version: str
    django_version: str
    database_vendor: str
    migrations: list[str]
    tables: list[Table]
    files: dict[str, FileSum]
    documents: list[FrozenFile]
    format: str = FORMAT
    format_version: int = FORMAT_VERSION
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)

    @property
    def media(self) -> dict[str, FileSum]:
        return {n: s for n, s in self.files.items() if n.startswith("media/")}

    def to_json(self) -> bytes:
        data = {
            "format": self.format,
            "format_version": self.format_version,
            "created_at": self.created_at,
            "app_version": self.app_version,
            "django_version": self.django_version,
            "database": {"vendor": self.database_vendor, "migrations": self.migrations},
            "row_counts": {t.model: t.rows for t in self.tables},
            "tables": [asdict(t) for t in self.tables],
            "documents": [asdict(d) for d in self.documents],
            "files": {name: asdict(s) for name, s in self.files.items()},
            **self.extra,
        }
        return json.dumps(data, ensure_ascii=False, indent=1).encode() + b"\n"

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        try:
            data = json.loads(raw)
            if data.get("format") != FORMAT:
                raise ArchiveError("Это не архив «Наставника»: в manifest.json другой формат.")
            version = data.get("format_version")
            if not isinstance(version, int) or version > FORMAT_VERSION:
                raise ArchiveError(
                    f"Архив сделан более новой версией программы (формат {version}); "
                    "обновите «Наставника» и повторите."
                )
            return cls(
                created_at=str(data["created_at"]),
                app_version=str(data["app_version"]),
                django_version=str(data["django_version"]),
                database_vendor=str(data["database"]["vendor"]),
                migrations=[str(m) for m in data["database"]["migrations"]],
                tables=[
                    Table(str(t["model"]), str(t["file"]), int(t["rows"])) for t in data["tables"]
                ],
                files={
                    str(name): FileSum(str(s["sha256"]), int(s["size"]))
                    for name, s in data["files"].items()
                },
                documents=[
                    FrozenFile(**{k: str(v) for k, v in d.items()}) for d in data["documents"]
                ],
                format_version=version,
            )
        except ArchiveError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ArchiveError(f"manifest.json в архиве испорчен: {exc!r}.") from exc


class _HashingReader:
    """Hands the bytes of a file to tarfile and hashes exactly what was handed."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.digest.update(data)
        return data


class ArchiveWriter:
    """Writes members one by one and keeps the SHA-256 and size of each."""

    def __init__(self, fileobj: IO[bytes]) -> None:
        # Level 6: PDFs and photos hardly compress, level 9 only costs time.
        self._tar = tarfile.open(fileobj=fileobj, mode="w:gz", compresslevel=6)  # noqa: SIM115
        self.files: dict[str, FileSum] = {}

    def __enter__(self) -> ArchiveWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._tar.close()

    def _info(self, name: str, size: int, mtime: float, mode: int = 0o600) -> tarfile.TarInfo:
        info = tarfile.TarInfo(name)
        info.size = size
        info.mtime = int(mtime)
        info.mode = mode
        return info

    def add_file(self, path: Path, name: str) -> FileSum:
        """Add a file as it is now; raises OSError if it shrinks while being read."""
        with path.open("rb") as stream:
            stat = os.fstat(stream.fileno())
            reader = _HashingReader(stream)
            self._tar.addfile(
                self._info(name, stat.st_size, stat.st_mtime, stat.st_mode & 0o777), reader
            )
        self.files[name] = FileSum(reader.digest.hexdigest(), stat.st_size)
        return self.files[name]

    def add_manifest(self, manifest: Manifest, mtime: float) -> None:
        data = manifest.to_json()
        self._tar.addfile(self._info(MANIFEST, len(data), mtime), io.BytesIO(data))


def _member_name(member: tarfile.TarInfo) -> str:
    name = member.name
    parts = PurePosixPath(name).parts
    safe = (
        member.isfile()
        and not name.startswith("/")
        and "\\" not in name
        and PurePosixPath(name).as_posix() == name
        and all(part not in ("", ".", "..") for part in parts)
        and (name == MANIFEST or (len(parts) >= 2 and parts[0] in ("data", "media")))
    )
    if not safe:
        raise ArchiveError(f"В архиве посторонний элемент «{name}»: архив не принят.")
    return name


def _apply_upload_permissions(path: Path, folder_root: Path) -> None:
    file_mode = settings.FILE_UPLOAD_PERMISSIONS
    if file_mode is not None:
        path.chmod(file_mode)
    folder_mode = settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS
    if folder_mode is not None:
        for parent in path.relative_to(folder_root).parents:
            if parent != Path("."):
                (folder_root / parent).chmod(folder_mode)


def _unpack_member(stream: IO[bytes], target: Path, mtime: float) -> FileSum:
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with target.open("xb") as out:
        while block := stream.read(BLOCK):
            digest.update(block)
            out.write(block)
            size += len(block)
    os.utime(target, (mtime, mtime))
    return FileSum(digest.hexdigest(), size)


def unpack_verified(path: Path, *, into: Path) -> Manifest:
    """Unpack the archive into an empty folder, then check every member against the manifest.

    Raises ArchiveError on any difference: a changed byte, a missing or an extra file, a
    damaged gzip stream. The caller has touched nothing else yet and removes the folder.
    """
    sums: dict[str, FileSum] = {}
    manifest_bytes: bytes | None = None
    try:
        with gzip.open(path, "rb") as compressed:
            with tarfile.open(fileobj=compressed, mode="r|") as tar:
                for member in tar:
                    name = _member_name(member)
                    if name in sums or (name == MANIFEST and manifest_bytes is not None):
                        raise ArchiveError(f"В архиве дважды встречается «{name}».")
                    stream = tar.extractfile(member)
                    if name == MANIFEST:
                        if member.size > MANIFEST_LIMIT:
                            raise ArchiveError("manifest.json слишком велик: архив не принят.")
                        manifest_bytes = stream.read()
                        continue
                    sums[name] = _unpack_member(stream, into / name, member.mtime)
                    if name.startswith("media/"):
                        _apply_upload_permissions(into / name, into / "media")
            # Read on to the gzip trailer: its CRC-32 covers the manifest too.
            while compressed.read(BLOCK):
                pass
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise ArchiveError(f"Архив повреждён или это не архив «Наставника» ({exc}).") from exc
    if manifest_bytes is None:
        raise ArchiveError("В архиве нет manifest.json: это не архив «Наставника» или он оборван.")
    manifest = Manifest.from_json(manifest_bytes)
    problems = [
        f"«{n}» изменён (SHA-256 не совпадает с manifest.json)"
        for n, expected in manifest.files.items()
        if n in sums and sums[n] != expected
    ]
    problems += [f"нет файла «{n}»" for n in manifest.files if n not in sums]
    problems += [f"лишний файл «{n}»" for n in sums if n not in manifest.files]
    problems += [
        f"таблица {t.model}: файл «{t.file}» не описан в manifest.json"
        for t in manifest.tables
        if t.file not in manifest.files
    ]
    if problems:
        shown = "; ".join(problems[:10])
        more = f" и ещё {len(problems) - 10}" if len(problems) > 10 else ""
        raise ArchiveError(f"Архив не прошёл проверку: {shown}{more}. Ничего не изменено.")
    return manifest
