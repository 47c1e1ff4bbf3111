"""Stage 7 and the year round: rewards for mentors, the case bank, the methodical library."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mentorship.common import TimeStampedModel
from mentorship.storage import private_storage
from mentorship.validators import validate_scan


class RewardKind(models.TextChoices):
    GRATITUDE = "gratitude", _("благодарность")
    CERTIFICATE = "certificate", _("почётная грамота")
    BONUS = "bonus", _("премия (стимулирующая выплата)")
    STATUS = "status", _("статус «Лучший наставник года»")
    STATE_AWARD = "state_award", _("представление к знаку «За наставничество»")


class Reward(TimeStampedModel):
    """One reward of one mentor; the rewards order is made from the pending ones."""

    year = models.ForeignKey(
        "mentorship.ProgrammeYear",
        verbose_name=_("учебный год"),
        on_delete=models.PROTECT,
        related_name="rewards",
    )
    person = models.ForeignKey(
        "mentorship.Person",
        verbose_name=_("наставник"),
        on_delete=models.CASCADE,
        related_name="rewards",
    )
    kind = models.CharField(_("вид поощрения"), max_length=16, choices=RewardKind.choices)
    basis = models.CharField(
        _("за что"),
        max_length=300,
        default="за высокие результаты работы в программе наставничества",
    )
    awarded_on = models.DateField(_("дата"), null=True, blank=True)
    order_reference = models.CharField(
        _("приказ"), max_length=200, blank=True, help_text=_("Заполняется при утверждении приказа")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("поощрение")
        verbose_name_plural = _("реестр поощрений")
        ordering = ["-year__start_date", "person__search_key", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person}"

    @property
    def is_pending(self) -> bool:
        return not self.order_reference


class Case(TimeStampedModel):
    """A best practice of a pair or group: problem, what was done, the result."""

    year = models.ForeignKey(
        "mentorship.ProgrammeYear",
        verbose_name=_("учебный год"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    title = models.CharField(_("название"), max_length=300)
    mentorship = models.ForeignKey(
        "mentorship.Mentorship",
        verbose_name=_("пара или группа"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    form = models.ForeignKey(
        "mentorship.MentoringForm",
        verbose_name=_("форма наставничества"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    authors = models.ManyToManyField(
        "mentorship.Person", verbose_name=_("авторы"), related_name="cases", blank=True
    )
    problem = models.TextField(_("проблема (запрос)"))
    actions = models.TextField(_("что было сделано"))
    result = models.TextField(_("результат"))
    file = models.FileField(
        _("материалы"),
        upload_to="cases/%Y/",
        storage=private_storage,
        blank=True,
        validators=[validate_scan],
        help_text=_("PDF, JPEG или PNG, до 10 МБ"),
    )
    link = models.URLField(_("ссылка на материалы"), blank=True)
    is_published = models.BooleanField(
        _("опубликовать на странице «Наставничество»"),
        default=False,
        help_text=_("Имена авторов появятся, только если у них есть согласие на публикацию"),
    )

    class Meta:
        verbose_name = _("кейс (лучшая практика)")
        verbose_name_plural = _("база лучших практик")
        ordering = ["-year__start_date", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("mentorship:case-detail", args=[self.pk])


class ResourceKind(models.TextChoices):
    MATERIAL = "material", _("методический материал")
    MEMO_MENTOR = "memo_mentor", _("памятка наставнику")
    MEMO_MENTEE = "memo_mentee", _("памятка наставляемому")
    TEMPLATE = "template", _("шаблон документа")
    LINK = "link", _("полезная ссылка")


class Resource(TimeStampedModel):
    """A material of the methodical library: a file or a link, with topics."""

    title = models.CharField(_("название"), max_length=300)
    kind = models.CharField(_("вид"), max_length=16, choices=ResourceKind.choices)
    description = models.TextField(_("описание"), blank=True)
    topics = models.ManyToManyField(
        "mentorship.Topic", verbose_name=_("темы"), related_name="resources", blank=True
    )
    file = models.FileField(
        _("файл"),
        upload_to="library/%Y/",
        storage=private_storage,
        blank=True,
        validators=[validate_scan],
        help_text=_("PDF, JPEG или PNG, до 10 МБ"),
    )
    url = models.URLField(_("ссылка"), blank=True)
    is_public = models.BooleanField(_("показывать на странице «Наставничество»"), default=False)

    class Meta:
        verbose_name = _("материал")
        verbose_name_plural = _("методическая библиотека")
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("mentorship:resource-detail", args=[self.pk])
