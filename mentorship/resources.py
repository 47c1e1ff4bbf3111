"""django-import-export resources: people (import and export) and both banks (export).

``PersonResource`` matches rows to existing people itself from an index built once per
import, so a 5,000-row file costs one query to match instead of 5,000: the same e-mail;
else the same full name and birth date; else the same full name when one side has no birth
date and nothing contradicts it. Values are parsed by ``mentorship.importing``.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from import_export import resources, widgets
from import_export.fields import Field
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from mentorship.importing import (
    COLUMN_NAMES,
    Change,
    clean_text,
    parse_date,
    parse_kind,
    parse_years,
    row_label,
    validation_messages,
)
from mentorship.models import (
    MenteeProfile,
    MenteeRequest,
    MentorProfile,
    Person,
    PersonKind,
    User,
)
from mentorship.text import full_name, normalise

# --- widgets: the cell ↔ value conversions, with Russian messages ------------------------


class TextWidget(widgets.Widget):
    def __init__(self, *, multiline: bool = False) -> None:
        super().__init__(coerce_to_string=True)
        self.multiline = multiline

    def clean(self, value: Any, row: dict | None = None, **kwargs: Any) -> str:
        return clean_text(value, multiline=self.multiline)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value or ""


class RussianDateWidget(widgets.Widget):
    """Reads «ДД.ММ.ГГГГ», ISO, Excel serials and date cells; writes «ДД.ММ.ГГГГ»."""

    def clean(self, value: Any, row: dict | None = None, **kwargs: Any) -> datetime.date | None:
        return parse_date(value)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> Any:
        if value is None:
            return None if kwargs.get("force_native_type") else ""
        return value if kwargs.get("force_native_type") else value.strftime("%d.%m.%Y")


class YearsWidget(widgets.Widget):
    def clean(self, value: Any, row: dict | None = None, **kwargs: Any) -> int | None:
        return parse_years(value)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> Any:
        if value is None:
            return None if kwargs.get("force_native_type") else ""
        return value if kwargs.get("force_native_type") else str(value)


class KindWidget(widgets.Widget):
    def clean(self, value: Any, row: dict | None = None, **kwargs: Any) -> str:
        return parse_kind(value)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return str(PersonKind(value).label) if value else ""


def _column(attribute: str, widget: widgets.Widget | None = None) -> Field:
    return Field(
        attribute=attribute, column_name=COLUMN_NAMES[attribute], widget=widget or TextWidget()
    )


_INITIALS = re.compile(r"[А-ЯЁA-Z]\.?(?:\s*[А-ЯЁA-Z]\.?)?")


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _one(candidates: list[Person], what: str, *, hint: str = "") -> Person | None:
    if len(candidates) > 1:
        names = ", ".join(f"№ {p.pk} {p.full_name}" for p in candidates[:3])
        raise ValidationError(
            f"в базе несколько карточек {what} ({names}): "
            + (hint or "объедините их, а потом загрузите строку снова")
        )
    return candidates[0] if candidates else None


@dataclass
class RowInfo:
    """What the preview shows about a row besides its status."""

    full_name: str
    person: Person | None = None
    changes: list[Change] = field(default_factory=list)


# --- people ------------------------------------------------------------------------------


class PersonResource(resources.ModelResource):
    """People with the Russian headers of ``importing.COLUMN_NAMES``, for import and export."""

    surname = _column("surname")
    name = _column("name")
    patronymic = _column("patronymic")
    kind = _column("kind", KindWidget())
    birth_date = _column("birth_date", RussianDateWidget())
    position = _column("position")
    subjects = _column("subjects")
    department = _column("department")
    teaching_experience_years = _column("teaching_experience_years", YearsWidget())
    hire_date = _column("hire_date", RussianDateWidget())
    email = _column("email")
    phone = _column("phone")
    notes = _column("notes", TextWidget(multiline=True))

    class Meta:
        model = Person
        fields = tuple(COLUMN_NAMES)
        # Matching is ours (get_instance): by e-mail, else by full name and birth date.
        import_id_fields: ClassVar[list[str]] = []
        clean_model_instances = True  # Russian messages from the model's validators
        use_transactions = True
        skip_unchanged = True
        report_skipped = True
        # Changes are computed from a snapshot of the matched person (see skip_row), which
        # is cheaper than django-import-export's deep copies and HTML diffs for every row.
        skip_diff = True
        # Batches of 1,000 instead of a savepoint and two INSERTs (card, history) per row:
        # 5,000 rows on PostgreSQL take seconds, not tens of seconds. History is written by
        # simple_history's bulk helpers, see bulk_create() and bulk_update().
        use_bulk = True
        batch_size = 1000

    def __init__(self, *, actor: User | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.actor = actor
        self.line_numbers: list[int] = []
        self.row_info: dict[int, RowInfo] = {}
        self._by_email: dict[str, list[Person]] = defaultdict(list)
        self._by_name: dict[str, list[Person]] = defaultdict(list)
        self._seen: dict[Any, int] = {}
        self._current = RowInfo("")
        self._snapshot: dict[str, Any] = {}

    # Import ----------------------------------------------------------------------------

    def get_queryset(self) -> QuerySet:
        return Person.objects.not_anonymised().order_by("search_key", "pk")

    def iter_queryset(self, queryset: QuerySet) -> Iterator[Person]:
        # One query for the whole list; the default pages through it in chunks.
        yield from queryset

    def before_import(self, dataset: Any, **kwargs: Any) -> None:
        """Index everyone who may be matched: one query whatever the file's size."""
        for person in self.get_queryset():
            if person.email:
                self._by_email[person.email.strip().lower()].append(person)
            self._by_name[person.search_key].append(person)

    def before_import_row(self, row: dict, **kwargs: Any) -> None:
        index = kwargs["row_number"]
        number = self.line_numbers[index - 1] if self.line_numbers else index
        values = {name: row.get(column) for name, column in COLUMN_NAMES.items()}
        self._current = RowInfo(full_name=row_label(values))
        self.row_info[number] = self._current
        self._check_name(values)
        self._current.person = self._match(values, number)

    def get_instance(self, instance_loader: Any, row: dict) -> Person | None:
        return self._current.person

    def after_init_instance(self, instance: Person, new: bool, row: dict, **kwargs: Any) -> None:
        self._snapshot = {} if new else {name: getattr(instance, name) for name in COLUMN_NAMES}

    def import_field(
        self, field: Field, instance: Person, row: dict, is_m2m: bool = False, **kwargs: Any
    ) -> None:
        if instance.pk and _is_blank(row.get(field.column_name)):
            return  # an empty cell keeps what the card already holds
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def skip_row(
        self,
        instance: Person,
        original: Any,
        row: dict,
        import_validation_errors: dict | None = None,
    ) -> bool:
        if import_validation_errors or not self._snapshot:
            return False
        self._current.changes = [
            Change(COLUMN_NAMES[name], self._show(name, old), self._show(name, new))
            for name, old in self._snapshot.items()
            if old != (new := getattr(instance, name))
        ]
        return not self._current.changes

    def validate_instance(
        self,
        instance: Person,
        import_validation_errors: dict | None = None,
        validate_unique: bool = True,
    ) -> None:
        errors = dict(import_validation_errors or {})
        if (
            "birth_date" not in errors
            and instance.birth_date
            and instance.birth_date > timezone.localdate()
        ):
            errors["birth_date"] = [ValidationError("дата рождения в будущем")]
        super().validate_instance(instance, errors, validate_unique)

    def save_instance(self, instance: Person, is_create: bool, row: dict, **kwargs: Any) -> None:
        if self._is_dry_run(kwargs):
            return  # the preview validates every row but writes nothing, not even to roll back
        # Bulk writes bypass Person.save() and the auto timestamp of an update.
        instance.search_key = normalise(instance.full_name)
        instance.updated_at = timezone.now()
        super().save_instance(instance, is_create, row, **kwargs)
        self._current.person = instance

    def bulk_create(
        self,
        using_transactions: bool,
        dry_run: bool,
        raise_errors: bool,
        batch_size: int | None = None,
        result: Any = None,
    ) -> None:
        if self.create_instances and not dry_run:
            try:
                bulk_create_with_history(
                    self.create_instances,
                    Person,
                    batch_size=batch_size,
                    default_user=self.actor,
                )
            except Exception as exc:
                self.handle_import_error(result, exc, raise_errors)
        self.create_instances.clear()

    def bulk_update(
        self,
        using_transactions: bool,
        dry_run: bool,
        raise_errors: bool,
        batch_size: int | None = None,
        result: Any = None,
    ) -> None:
        if self.update_instances and not dry_run:
            try:
                bulk_update_with_history(
                    self.update_instances,
                    Person,
                    fields=self.get_bulk_update_fields(),
                    batch_size=batch_size,
                    default_user=self.actor,
                )
            except Exception as exc:
                self.handle_import_error(result, exc, raise_errors)
        self.update_instances.clear()

    def get_bulk_update_fields(self) -> list[str]:
        return [*COLUMN_NAMES, "search_key", "updated_at"]

    def error_reason(self, error: ValidationError) -> str:
        return validation_messages(error, COLUMN_NAMES)

    def _check_name(self, values: dict[str, Any]) -> None:
        surname, name, patronymic = (
            clean_text(values[part]) for part in ("surname", "name", "patronymic")
        )
        if not surname and not name:
            raise ValidationError("не указаны фамилия и имя")
        if not name:
            raise ValidationError(f"не указано имя: «{surname}» — нужны хотя бы фамилия и имя")
        if not surname:
            raise ValidationError("не указана фамилия")
        whole = full_name(surname, name, patronymic)
        if any(char.isdigit() for char in whole):
            raise ValidationError(f"в ФИО есть цифры: «{whole}»")
        if _INITIALS.fullmatch(name) and ("." in name or len(name) == 1):
            raise ValidationError(f"имя указано инициалами («{name}»): нужно полное имя")

    def _match(self, values: dict[str, Any], number: int) -> Person | None:
        """The existing person this row describes; a person repeated in the file is an error."""
        email = clean_text(values["email"]).lower()
        try:
            birth = parse_date(values["birth_date"])
        except ValueError:
            birth = None  # the date widget reports it
        names = (clean_text(values[part]) for part in ("surname", "name", "patronymic"))
        key = normalise(full_name(*names))
        keys: list[tuple[tuple, str]] = []
        if email:
            keys.append((("email", email), "этот e-mail"))
        if birth:
            keys.append((("name", key, birth), "человек с такими ФИО и датой рождения"))
        elif not email:
            keys.append((("name", key, None), "человек с такими ФИО"))
        for seen, what in keys:
            if first := self._seen.get(seen):
                raise ValidationError(f"повтор: {what} уже есть в строке {first}")
        person = self._find(email, key, birth)
        if person is not None:
            if first := self._seen.get(("person", person.pk)):
                raise ValidationError(
                    f"повтор: карточку «{person.full_name}» уже меняет строка {first}"
                )
            keys.append((("person", person.pk), ""))
        for seen, _what in keys:
            self._seen[seen] = number
        return person

    def _find(self, email: str, key: str, birth: datetime.date | None) -> Person | None:
        if email and (person := _one(self._by_email.get(email, []), "с этим e-mail")):
            return person
        namesakes = self._by_name.get(key, [])
        if birth:
            exact = [p for p in namesakes if p.birth_date == birth]
            if person := _one(exact, "с такими ФИО и датой рождения"):
                return person
        # One side has no birth date: the same name is enough unless something contradicts.
        loose = [
            p
            for p in namesakes
            if (p.birth_date is None or birth is None)
            and not (email and p.email and p.email.strip().lower() != email)
        ]
        return _one(loose, "с такими ФИО", hint="добавьте в строку дату рождения или e-mail")

    def _show(self, name: str, value: Any) -> str:
        return str(self.fields[name].widget.render(value))

    # Export ----------------------------------------------------------------------------

    @classmethod
    def export_headers(cls) -> list[str]:
        return list(COLUMN_NAMES.values())


# --- the banks (export only) ------------------------------------------------------------


def _joined(items: list[str]) -> str:
    return "; ".join(items)


class MenteeExportResource(resources.ModelResource):
    full_name = Field(column_name="ФИО")
    category = Field(column_name="Категория")
    status = Field(column_name="Статус")
    requests = Field(column_name="Запросы")
    request_text = Field(
        attribute="request_text", column_name="Запрос своими словами", widget=TextWidget()
    )
    department = Field(attribute="person__department", column_name="МО/класс", widget=TextWidget())

    class Meta:
        model = MenteeProfile
        fields = ("full_name", "category", "status", "requests", "request_text", "department")

    def get_queryset(self) -> QuerySet:
        return (
            MenteeProfile.objects.filter(person__anonymised_at__isnull=True)
            .select_related("person")
            .prefetch_related(
                Prefetch("requests", queryset=MenteeRequest.objects.select_related("topic"))
            )
            .order_by("person__search_key", "pk")
        )

    def iter_queryset(self, queryset: QuerySet) -> Iterator[MenteeProfile]:
        yield from queryset  # one query and one prefetch, not one pair per chunk

    def dehydrate_full_name(self, profile: MenteeProfile) -> str:
        return profile.person.full_name

    def dehydrate_category(self, profile: MenteeProfile) -> str:
        return str(profile.get_category_display())

    def dehydrate_status(self, profile: MenteeProfile) -> str:
        return str(profile.get_status_display())

    def dehydrate_requests(self, profile: MenteeProfile) -> str:
        """«Работа с родителями (острая потребность); …», the weightiest first."""
        return _joined(
            [f"{item.topic.title} ({item.get_weight_display()})" for item in profile.requests.all()]
        )


class MentorExportResource(resources.ModelResource):
    full_name = Field(column_name="ФИО")
    status = Field(column_name="Статус")
    capacity = Field(column_name="Может вести")
    topics = Field(column_name="Чем может помочь")
    forms = Field(column_name="Формы наставничества")
    department = Field(attribute="person__department", column_name="МО", widget=TextWidget())

    class Meta:
        model = MentorProfile
        fields = ("full_name", "status", "capacity", "topics", "forms", "department")

    def __init__(self, *, default_capacity: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.default_capacity = default_capacity

    def get_queryset(self) -> QuerySet:
        return (
            MentorProfile.objects.filter(person__anonymised_at__isnull=True)
            .select_related("person")
            .prefetch_related("topics", "forms")
            .order_by("person__search_key", "pk")
        )

    def iter_queryset(self, queryset: QuerySet) -> Iterator[MentorProfile]:
        yield from queryset

    def dehydrate_full_name(self, profile: MentorProfile) -> str:
        return profile.person.full_name

    def dehydrate_status(self, profile: MentorProfile) -> str:
        return str(profile.get_status_display())

    def dehydrate_capacity(self, profile: MentorProfile) -> int | str:
        if profile.capacity:
            return profile.capacity
        return self.default_capacity or ""

    def dehydrate_topics(self, profile: MentorProfile) -> str:
        return _joined([topic.title for topic in profile.topics.all()])

    def dehydrate_forms(self, profile: MentorProfile) -> str:
        return _joined([form.title for form in profile.forms.all()])
