"""Accounts, the school profile, legal bases and programme years."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mentorship.common import TimeStampedModel
from mentorship.querysets import ProgrammeYearQuerySet


class User(AbstractUser):
    """An account. Its roles are its groups (see mentorship.roles)."""

    must_change_password = models.BooleanField(
        _("сменить пароль при входе"),
        default=False,
        help_text=_("Выдан одноразовый пароль: при первом входе его нужно заменить своим"),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("учётная запись")
        verbose_name_plural = _("учётные записи")
        swappable = "AUTH_USER_MODEL"

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def role_codes(self) -> frozenset[str]:
        from mentorship.roles import role_codes_for  # noqa: PLC0415 (roles imports models)

        return role_codes_for(self)


class GostEdition(models.TextChoices):
    GOST_2016 = "2016", _("ГОСТ Р 7.0.97-2016")
    GOST_2025 = "2025", _("ГОСТ Р 7.0.97-2025")


class School(TimeStampedModel):
    """The one school the installation serves: names, requisites and the regulation's limits."""

    full_name = models.CharField(_("полное наименование"), max_length=500)
    short_name = models.CharField(_("краткое наименование"), max_length=200)
    director_name = models.CharField(
        _("директор (ФИО полностью)"),
        max_length=200,
        blank=True,
        help_text=_("Например: Соколова Ирина Владимировна"),
    )
    director_position = models.CharField(
        _("должность руководителя"), max_length=200, default="Директор"
    )
    locality = models.CharField(
        _("место составления документов"),
        max_length=200,
        blank=True,
        help_text=_("Населённый пункт, например: г. Киров"),
    )
    address = models.CharField(_("адрес"), max_length=500, blank=True)
    phone = models.CharField(_("телефон"), max_length=100, blank=True)
    email = models.EmailField(_("электронная почта"), blank=True)
    website = models.URLField(_("сайт"), blank=True)
    inn = models.CharField(_("ИНН"), max_length=12, blank=True)
    kpp = models.CharField(_("КПП"), max_length=9, blank=True)
    ogrn = models.CharField(_("ОГРН"), max_length=15, blank=True)
    founder = models.CharField(
        _("учредитель"),
        max_length=500,
        blank=True,
        help_text=_("Для шапки документов, например: Управление образования администрации …"),
    )
    logo = models.ImageField(_("логотип"), upload_to="school/", blank=True)
    max_mentees_per_mentor = models.PositiveSmallIntegerField(
        _("наставляемых на одного наставника, не более"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    meeting_interval_days = models.PositiveSmallIntegerField(
        _("встречи пары не реже, чем раз в (дней)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    programme_min_months = models.PositiveSmallIntegerField(
        _("срок программы наставничества от (мес.)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    programme_max_months = models.PositiveSmallIntegerField(
        _("срок программы наставничества до (мес.)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    young_specialist_max_age = models.PositiveSmallIntegerField(
        _("молодой специалист: возраст до (лет)"),
        default=35,
        validators=[MinValueValidator(18), MaxValueValidator(70)],
    )
    young_specialist_max_experience = models.PositiveSmallIntegerField(
        _("молодой специалист: стаж не более (лет)"),
        default=3,
        validators=[MaxValueValidator(20)],
    )
    gost_edition = models.CharField(
        _("редакция ГОСТ Р 7.0.97 для документов"),
        max_length=4,
        choices=GostEdition.choices,
        default=GostEdition.GOST_2025,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("профиль школы")
        verbose_name_plural = _("профиль школы")
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="school_single_row"),
            models.CheckConstraint(
                condition=Q(programme_min_months__lte=models.F("programme_max_months")),
                name="school_programme_months_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.full_name

    def get_absolute_url(self) -> str:
        return reverse("mentorship:settings")

    def clean(self) -> None:
        from django.core.exceptions import ValidationError  # noqa: PLC0415

        if (
            self.programme_min_months
            and self.programme_max_months
            and self.programme_min_months > self.programme_max_months
        ):
            raise ValidationError(
                {"programme_max_months": _("Максимальный срок не может быть меньше минимального.")}
            )


class NaturalKeyManager(models.Manager):
    """Finds standard rows by their natural key, so fixtures load again without duplicates."""

    natural_key_field = "code"

    def get_by_natural_key(self, key: str):
        return self.get(**{self.natural_key_field: key})


class LegalBasis(TimeStampedModel):
    """A legal act cited in the preambles of orders («в соответствии с …»)."""

    code = models.SlugField(_("код"), max_length=64, unique=True)
    title = models.TextField(_("наименование акта"))
    order = models.PositiveSmallIntegerField(_("порядок"), default=0)
    is_active = models.BooleanField(_("цитировать в документах"), default=True)

    objects = NaturalKeyManager()

    class Meta:
        verbose_name = _("правовое основание")
        verbose_name_plural = _("правовые основания")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class ProgrammeYear(TimeStampedModel):
    """A year of the programme («2025/2026»): roadmap, pairs and documents belong to one."""

    title = models.CharField(
        _("учебный год"), max_length=9, unique=True, help_text=_("В виде 2025/2026")
    )
    start_date = models.DateField(_("начало"))
    end_date = models.DateField(_("окончание"))
    is_current = models.BooleanField(_("текущий"), default=False)

    objects = ProgrammeYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("учебный год программы")
        verbose_name_plural = _("учебные годы программы")
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_year"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gt=models.F("start_date")), name="year_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str]:
        return (self.title,)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError  # noqa: PLC0415

        errors = {}
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            errors["end_date"] = _("Год должен заканчиваться позже, чем начинается.")
        if self.title:
            first, _sep, second = self.title.partition("/")
            if not (first.isdigit() and second.isdigit() and int(second) == int(first) + 1):
                errors["title"] = _("Укажите учебный год в виде «2025/2026».")
        if errors:
            raise ValidationError(errors)

    @property
    def first_year(self) -> int:
        return int(self.title.partition("/")[0])
