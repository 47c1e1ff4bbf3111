"""People of the programme and their consents (152-ФЗ)."""

from __future__ import annotations

import datetime

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mentorship.common import TimeStampedModel
from mentorship.querysets import ConsentQuerySet, PersonQuerySet
from mentorship.storage import private_storage
from mentorship.text import full_name, normalise, short_name
from mentorship.validators import validate_image, validate_scan


class PersonKind(models.TextChoices):
    STAFF = "staff", _("сотрудник")
    PUPIL = "pupil", _("обучающийся")
    EXTERNAL = "external", _("внешний участник")


NAME_CASE_HELP = _("Заполните, только если автоматическое склонение ошибается")
NAME_CASE_FIELDS = ("name_genitive", "name_dative", "name_accusative", "name_instrumental")


class Person(TimeStampedModel):
    """A participant of the programme: a member of staff, a pupil or an external mentor."""

    surname = models.CharField(_("фамилия"), max_length=100)
    name = models.CharField(_("имя"), max_length=100)
    patronymic = models.CharField(_("отчество"), max_length=100, blank=True)
    # Hand-typed forms of the full name for documents, when the automatic declension
    # (mentorship.declension) gets a rare name wrong.
    name_genitive = models.CharField(
        _("ФИО в родительном падеже (кого?)"),
        max_length=320,
        blank=True,
        help_text=NAME_CASE_HELP,
    )
    name_dative = models.CharField(
        _("ФИО в дательном падеже (кому?)"),
        max_length=320,
        blank=True,
        help_text=NAME_CASE_HELP,
    )
    name_accusative = models.CharField(
        _("ФИО в винительном падеже (кого?)"),
        max_length=320,
        blank=True,
        help_text=NAME_CASE_HELP,
    )
    name_instrumental = models.CharField(
        _("ФИО в творительном падеже (кем?)"),
        max_length=320,
        blank=True,
        help_text=NAME_CASE_HELP,
    )
    kind = models.CharField(
        _("категория"),
        max_length=16,
        choices=PersonKind.choices,
        default=PersonKind.STAFF,
        db_index=True,
    )
    position = models.CharField(
        _("должность или место учёбы/работы"),
        max_length=200,
        blank=True,
        help_text=_("Для внешнего участника: вуз, колледж или предприятие и должность"),
    )
    subjects = models.CharField(_("предметы"), max_length=300, blank=True)
    department = models.CharField(
        _("методобъединение или класс"), max_length=100, blank=True, db_index=True
    )
    birth_date = models.DateField(_("дата рождения"), null=True, blank=True)
    hire_date = models.DateField(_("дата приёма на работу"), null=True, blank=True)
    teaching_experience_years = models.PositiveSmallIntegerField(
        _("педагогический стаж (лет)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(70)],
    )
    email = models.EmailField(_("электронная почта"), blank=True)
    phone = models.CharField(_("телефон"), max_length=50, blank=True)
    user = models.OneToOneField(
        "mentorship.User",
        verbose_name=_("учётная запись"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    notes = models.TextField(_("заметки"), blank=True)
    photo = models.FileField(
        _("фотография"),
        upload_to="people/photos/",
        storage=private_storage,
        blank=True,
        validators=[validate_image],
        help_text=_("JPEG или PNG; на сайте — только с согласием на публикацию фотографии"),
    )
    anonymised_at = models.DateTimeField(_("обезличен"), null=True, blank=True, editable=False)
    search_key = models.CharField(max_length=320, editable=False, db_index=True)

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_key"])

    class Meta:
        verbose_name = _("участник")
        verbose_name_plural = _("участники")
        ordering = ["search_key", "pk"]
        indexes = [
            models.Index(fields=["kind", "search_key"]),
            models.Index(fields=["email"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.search_key = normalise(self.full_name)
        if self.anonymised_at is not None:
            # The declined forms are the person's name too: they go with the rest.
            for field in NAME_CASE_FIELDS:
                setattr(self, field, "")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"surname", "name", "patronymic"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("mentorship:person-detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return full_name(self.surname, self.name, self.patronymic)

    @property
    def short_name(self) -> str:
        return short_name(self.surname, self.name, self.patronymic)

    def age_on(self, day: datetime.date) -> int | None:
        if self.birth_date is None:
            return None
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def age(self) -> int | None:
        return self.age_on(timezone.localdate())

    @property
    def is_minor(self) -> bool:
        age = self.age
        return age is not None and age < 18

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    def is_young_specialist(self, *, max_age: int = 35, max_experience: int = 3) -> bool:
        """Under ``max_age`` with at most ``max_experience`` years of teaching."""
        age = self.age
        if self.kind != PersonKind.STAFF or age is None:
            return False
        return age < max_age and (self.teaching_experience_years or 0) <= max_experience


class ConsentKind(models.TextChoices):
    PERSONAL_DATA = "personal_data", _("на обработку персональных данных")
    PUBLICATION = "publication", _("на размещение сведений на сайте школы")
    MENTOR_AGREEMENT = (
        "mentor_agreement",
        _("наставника на выполнение дополнительной работы (ст. 351.8 ТК РФ)"),
    )
    REPRESENTATIVE = "representative", _("законного представителя несовершеннолетнего")


class Signer(models.TextChoices):
    SELF = "self", _("сам участник")
    REPRESENTATIVE = "representative", _("законный представитель")


class DataCategory(models.TextChoices):
    """Categories of personal data processed, and separately those allowed on the website."""

    NAME = "name", _("фамилия, имя, отчество")
    BIRTH = "birth", _("дата рождения")
    CONTACTS = "contacts", _("контактные данные")
    WORK = "work", _("место работы или учёбы, должность, класс")
    EDUCATION = "education", _("образование, стаж, квалификация")
    SURVEYS = "surveys", _("ответы на анкеты и результаты мониторинга")
    PHOTO = "photo", _("фотография")
    CASES = "cases", _("описание практики (кейса) и достижений")


PERSONAL_DATA_DEFAULT = [
    DataCategory.NAME,
    DataCategory.BIRTH,
    DataCategory.CONTACTS,
    DataCategory.WORK,
    DataCategory.EDUCATION,
    DataCategory.SURVEYS,
]
PUBLICATION_CATEGORIES = [
    DataCategory.NAME,
    DataCategory.WORK,
    DataCategory.PHOTO,
    DataCategory.CASES,
]


class Consent(TimeStampedModel):
    """A signed consent. Active from ``valid_from`` until it expires or is withdrawn."""

    person = models.ForeignKey(
        Person, verbose_name=_("участник"), on_delete=models.CASCADE, related_name="consents"
    )
    kind = models.CharField(_("вид согласия"), max_length=32, choices=ConsentKind.choices)
    signer = models.CharField(
        _("кто подписал"), max_length=16, choices=Signer.choices, default=Signer.SELF
    )
    representative_name = models.CharField(
        _("законный представитель (ФИО)"), max_length=300, blank=True
    )
    representative_relation = models.CharField(
        _("кем приходится"), max_length=100, blank=True, help_text=_("мать, отец, опекун…")
    )
    representative_document = models.CharField(
        _("документ, подтверждающий полномочия"),
        max_length=300,
        blank=True,
        help_text=_("Например: свидетельство о рождении II-ИР № 123456 от 01.02.2012"),
    )
    purposes = models.TextField(_("цели обработки"), blank=True)
    data_categories = models.JSONField(_("категории данных"), default=list, blank=True)
    valid_from = models.DateField(_("действует с"), default=timezone.localdate)
    valid_to = models.DateField(_("действует по"), null=True, blank=True)
    scan = models.FileField(
        _("скан подписанного согласия"),
        upload_to="consents/%Y/",
        storage=private_storage,
        blank=True,
        validators=[validate_scan],
        help_text=_("PDF, JPEG или PNG, до 10 МБ"),
    )
    withdrawn_on = models.DateField(_("отозвано"), null=True, blank=True)
    withdrawal_note = models.CharField(_("основание отзыва"), max_length=300, blank=True)

    objects = ConsentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("согласие")
        verbose_name_plural = _("согласия")
        ordering = ["-valid_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="consent_valid_to_after_from",
            ),
        ]

    def __str__(self) -> str:
        return f"Согласие {self.get_kind_display()}: {self.person}"

    def is_active_on(self, day: datetime.date) -> bool:
        if self.valid_from > day:
            return False
        if self.valid_to is not None and self.valid_to < day:
            return False
        return self.withdrawn_on is None or self.withdrawn_on > day

    @property
    def is_active(self) -> bool:
        return self.is_active_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        today = timezone.localdate()
        if self.withdrawn_on is not None and self.withdrawn_on <= today:
            return "отозвано"
        if self.valid_to is not None and self.valid_to < today:
            return "истекло"
        if self.valid_from > today:
            return "ещё не действует"
        return "действует"

    def data_category_labels(self) -> list[str]:
        labels = dict(DataCategory.choices)
        return [str(labels.get(code, code)) for code in self.data_categories]
