"""The database part of a backup: which tables, how rows are written and read back.

Rows go out as JSON Lines, one file per model, with their primary keys, so that every
reference (foreign keys, audit rows, links in letters) stays valid. Only content types and
permissions are written by natural key: `migrate` builds them on every database with ids of
its own, so the archive does not carry them. Many-to-many links are written as rows of their
through tables, not per object, which keeps the dump to one query per chunk of rows.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.jsonl import Deserializer as JSONLDeserializer
from django.core.serializers.jsonl import Serializer as JSONLSerializer
from django.db import connections, models
from django.db.migrations.recorder import MigrationRecorder

# Built by `migrate` on each database: referenced by natural key, never copied.
BY_NATURAL_KEY: tuple[type[models.Model], ...] = (ContentType, Permission)
# Emptied on restore but never copied: a session of the old database could sign a browser
# in as whoever now has that user id.
CLEARED_ONLY: tuple[type[models.Model], ...] = (Session,)
CHUNK = 2000
INSERT_BATCH = 500


def backed_up_models() -> list[type[models.Model]]:
    """Every table with data of the school, in a stable order (apps, then models)."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and model not in BY_NATURAL_KEY
        and model not in CLEARED_ONLY
    ]


def model_label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def model_title(model: type[models.Model]) -> str:
    """A Russian name for a report: the verbose name, the through table's ends, the history."""
    # simple_history's tables point at the model (or the through table) whose history they keep.
    original = getattr(model, "instance_type", None)
    if isinstance(original, type) and issubclass(original, models.Model):
        return f"история: {model_title(original)}"
    opts = model._meta
    if opts.auto_created:
        ends = [
            f.remote_field.model._meta.verbose_name_plural for f in opts.fields if f.is_relation
        ]
        return "связи: " + " — ".join(str(e) for e in ends)
    return str(opts.verbose_name_plural)


def row_counts(using: str) -> dict[str, int]:
    return {
        model_label(model): model._base_manager.using(using).count() for model in backed_up_models()
    }


def applied_migrations(using: str) -> list[str]:
    recorder = MigrationRecorder(connections[using])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


class ExactJSONEncoder(DjangoJSONEncoder):
    """Like Django's encoder, but datetimes and times keep their microseconds."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class RowSerializer(JSONLSerializer):
    """Django's JSON Lines with primary keys; natural keys only for BY_NATURAL_KEY models."""

    def handle_fk_field(self, obj: models.Model, field: models.Field) -> None:
        if field.remote_field.model in BY_NATURAL_KEY:
            related = getattr(obj, field.name)
            self._current[field.name] = related.natural_key() if related else None
        else:
            self._current[field.name] = self._value_from_field(obj, field)

    def handle_m2m_field(self, obj: models.Model, field: models.Field) -> None:
        """The links are rows of the through table, dumped as a model of their own."""


def _natural_key_paths(model: type[models.Model]) -> list[str]:
    paths = []
    for field in model._meta.concrete_fields:
        if field.is_relation and field.remote_field.model in BY_NATURAL_KEY:
            paths.append(field.name)
            if field.remote_field.model is Permission:
                paths.append(f"{field.name}__content_type")
    return paths


def dump_model(model: type[models.Model], *, into: Path, using: str) -> int:
    """Write every row of the model to a JSON Lines file, a chunk at a time; return the count."""
    queryset = model._base_manager.using(using).order_by("pk")
    paths = _natural_key_paths(model)
    if paths:
        queryset = queryset.select_related(*paths)
    rows = 0

    def counted(objects: Iterable[models.Model]) -> Iterable[models.Model]:
        nonlocal rows
        for obj in objects:
            rows += 1
            yield obj

    with into.open("w", encoding="utf-8", newline="\n") as stream:
        RowSerializer().serialize(
            counted(queryset.iterator(chunk_size=CHUNK)), stream=stream, cls=ExactJSONEncoder
        )
    return rows


def flush(using: str) -> None:
    """Empty the school's tables and the sessions; content types and permissions stay."""
    connection = connections[using]
    tables = [m._meta.db_table for m in [*backed_up_models(), *CLEARED_ONLY]]
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=False)
    connection.ops.execute_sql_flush(statements)


def _insert(model: type[models.Model], rows: list[models.Model], using: str) -> None:
    # What Model.save_base(raw=True) does for one row, for a batch: the values go in as
    # they are (no auto_now, no UpdatedAtField), and no signal fires, as none should for
    # rows that already happened. bulk_create() would stamp every row with today.
    fields = model._meta.local_concrete_fields
    size = max(connections[using].ops.bulk_batch_size(fields, rows), 1)
    for start in range(0, len(rows), size):
        model._base_manager.using(using)._insert(
            rows[start : start + size], fields=fields, raw=True, using=using
        )


def load_file(path: Path, *, model: type[models.Model], using: str) -> int:
    """Insert the rows of one dumped file as they are, a batch at a time; return the count."""
    loaded = 0
    batch: list[models.Model] = []
    with path.open(encoding="utf-8") as stream:
        for item in JSONLDeserializer(stream, using=using):
            if type(item.object) is not model:
                raise DeserializationError(f"в файле {path.name} строка {item.object._meta.label}")
            batch.append(item.object)
            if len(batch) >= INSERT_BATCH:
                _insert(model, batch, using)
                loaded += len(batch)
                batch = []
    if batch:
        _insert(model, batch, using)
        loaded += len(batch)
    return loaded


def reset_sequences(models_: list[type[models.Model]], *, using: str) -> None:
    """Let new rows continue after the restored ids (PostgreSQL; a no-op on SQLite)."""
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), models_)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


@dataclass(frozen=True)
class FrozenFile:
    """A stored file whose SHA-256 the database keeps (a signed document's PDF)."""

    model: str
    pk: str
    field: str
    label: str
    path: str  # relative to MEDIA_ROOT, with forward slashes; empty when stored elsewhere
    sha256: str


def _frozen_file_fields() -> list[tuple[type[models.Model], models.FileField]]:
    """A model with a file field and a `sha256` field freezes that file (reports.Document)."""
    found = []
    for model in backed_up_models():
        names = {f.name for f in model._meta.concrete_fields}
        if "sha256" not in names:
            continue
        found.extend(
            (model, field)
            for field in model._meta.concrete_fields
            if isinstance(field, models.FileField)
        )
    return found


def frozen_files(*, using: str, media_root: Path) -> list[FrozenFile]:
    root = media_root.resolve()
    found = []
    for model, field in _frozen_file_fields():
        for obj in model._base_manager.using(using).exclude(sha256="").order_by("pk"):
            stored = getattr(obj, field.attname)
            relative = ""
            if stored:
                try:
                    relative = Path(stored.path).resolve().relative_to(root).as_posix()
                except (ValueError, NotImplementedError):
                    relative = ""
            found.append(
                FrozenFile(
                    model=model_label(model),
                    pk=str(obj.pk),
                    field=field.name,
                    label=str(obj),
                    path=relative,
                    sha256=obj.sha256,
                )
            )
    return found


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()
