"""The roadmap of a programme year: seven (or so) stages, their events, templates."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mentorship.common import TimeStampedModel
from mentorship.models.core import NaturalKeyManager
from mentorship.storage import private_storage
from mentorship.validators import validate_scan


class DocumentKind(models.TextChoices):
    """What an event should leave behind: a document, a register or a publication."""

    ORDER_IMPLEMENTATION = "order_implementation", _("приказ о внедрении наставничества")
    ORDER_CURATOR = "order_curator", _("приказ о назначении куратора")
    ORDER_PAIRS = "order_pairs", _("приказ о закреплении пар и групп")
    ORDER_FINAL_EVENT = "order_final_event", _("приказ о проведении итогового мероприятия")
    ORDER_REWARDS = "order_rewards", _("приказ о поощрении наставников")
    PROTOCOL = "protocol", _("протокол педагогического совета")
    REGULATION = "regulation", _("положение о наставничестве")
    ROADMAP = "roadmap", _("дорожная карта")
    PROGRAMMES = "programmes", _("персонализированные программы наставничества")
    CONSENTS = "consents", _("согласия участников")
    MENTEE_BANK = "mentee_bank", _("база наставляемых")
    MENTOR_BANK = "mentor_bank", _("база наставников")
    QUESTIONNAIRES = "questionnaires", _("анкеты и их результаты")
    TRAINING = "training", _("обучение наставников")
    WEBSITE = "website", _("раздел «Наставничество» на сайте")
    MONITORING_REPORT = "monitoring_report", _("отчёт о мониторинге")
    ANALYTIC_REPORT = "analytic_report", _("аналитическая справка")
    CASES = "cases", _("база лучших практик (кейсов)")
    MEETING_MATERIALS = "meeting_materials", _("материалы встреч и мероприятий")
    OTHER = "other", _("другое")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("запланировано")
    IN_PROGRESS = "in_progress", _("выполняется")
    DONE = "done", _("выполнено")
    CANCELLED = "cancelled", _("отменено")


class Recurrence(models.TextChoices):
    NONE = "", _("не повторяется")
    YEARLY = "yearly", _("ежегодно")
    QUARTERLY = "quarterly", _("раз в четверть")
    MONTHLY = "monthly", _("ежемесячно")
    WEEKLY = "weekly", _("еженедельно")
    EVERY_N_MONTHS = "every_n_months", _("раз в несколько месяцев")
    EVERY_N_WEEKS = "every_n_weeks", _("раз в несколько недель")
    PERIODIC = "periodic", _("периодически")


class Roadmap(TimeStampedModel):
    year = models.OneToOneField(
        "mentorship.ProgrammeYear",
        verbose_name=_("учебный год"),
        on_delete=models.PROTECT,
        related_name="roadmap",
    )
    title = models.CharField(_("заголовок"), max_length=500)
    source = models.CharField(
        _("основа"),
        max_length=300,
        blank=True,
        help_text=_("Шаблон или загруженный файл, из которого создана карта"),
    )
    approved_on = models.DateField(_("утверждена"), null=True, blank=True)
    approval_reference = models.CharField(
        _("реквизиты утверждения"),
        max_length=200,
        blank=True,
        help_text=_("Например: приказ от 22.08.2022 № 16/1-О"),
    )
    note = models.TextField(_("пояснительная записка"), blank=True)

    class Meta:
        verbose_name = _("дорожная карта")
        verbose_name_plural = _("дорожные карты")
        ordering = ["-year__start_date"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("roadmap:roadmap-detail", args=[self.pk])


class Stage(TimeStampedModel):
    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField(
        _("номер этапа"), validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    title = models.CharField(_("этап"), max_length=500)
    task = models.TextField(_("задача этапа"), blank=True)

    class Meta:
        verbose_name = _("этап")
        verbose_name_plural = _("этапы")
        ordering = ["roadmap", "number"]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "number"], name="one_stage_number"),
        ]

    def __str__(self) -> str:
        return f"Этап {self.number}. {self.title}"


class Event(TimeStampedModel):
    """One line of the roadmap: what, who, by when, with what result."""

    ALLOWED_TRANSITIONS = {
        EventStatus.PLANNED: {EventStatus.IN_PROGRESS, EventStatus.DONE, EventStatus.CANCELLED},
        EventStatus.IN_PROGRESS: {EventStatus.PLANNED, EventStatus.DONE, EventStatus.CANCELLED},
        EventStatus.DONE: {EventStatus.IN_PROGRESS},
        EventStatus.CANCELLED: {EventStatus.PLANNED},
    }

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="events")
    order = models.PositiveSmallIntegerField(_("порядок"), default=0)
    number = models.CharField(_("номер"), max_length=16, blank=True, help_text=_("Например: 1.3"))
    title = models.TextField(_("мероприятие"))
    details = models.TextField(_("содержание"), blank=True)
    responsible_people = models.ManyToManyField(
        "mentorship.Person",
        verbose_name=_("ответственные"),
        related_name="roadmap_events",
        blank=True,
    )
    responsible_text = models.CharField(
        _("ответственные (как в документе)"),
        max_length=500,
        blank=True,
        help_text=_("Например: «куратор ЦМН», «УО, ОУ»"),
    )
    deadline_phrase = models.CharField(
        _("срок (как в документе)"),
        max_length=300,
        blank=True,
        help_text=_("Например: «Октябрь – ноябрь 2026 г.», «в течение учебного года»"),
    )
    start_date = models.DateField(_("начало"), null=True, blank=True)
    end_date = models.DateField(_("срок"), null=True, blank=True, db_index=True)
    recurrence = models.CharField(
        _("повторяется"), max_length=16, choices=Recurrence.choices, default="", blank=True
    )
    interval_months = models.PositiveSmallIntegerField(_("раз в (мес.)"), null=True, blank=True)
    anchor = models.CharField(_("отсчёт от"), max_length=32, blank=True)
    deadline_recognised = models.BooleanField(_("срок распознан"), default=True)
    expected_result = models.TextField(_("ожидаемый результат"), blank=True)
    document_kind = models.CharField(
        _("какой документ должен появиться"),
        max_length=32,
        choices=DocumentKind.choices,
        blank=True,
    )
    status = models.CharField(
        _("статус"),
        max_length=16,
        choices=EventStatus.choices,
        default=EventStatus.PLANNED,
        db_index=True,
    )
    done_on = models.DateField(_("выполнено"), null=True, blank=True)
    evidence_file = models.FileField(
        _("подтверждающий файл"),
        upload_to="roadmap/%Y/",
        storage=private_storage,
        blank=True,
        validators=[validate_scan],
        help_text=_("PDF, JPEG или PNG, до 10 МБ"),
    )
    evidence_link = models.URLField(_("ссылка на подтверждение"), blank=True)
    evidence_note = models.CharField(_("чем подтверждено"), max_length=300, blank=True)
    # The document that fulfilled the event (set by the documents app when one is approved).
    evidence_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    evidence_id = models.PositiveBigIntegerField(null=True, blank=True)
    evidence_object = GenericForeignKey("evidence_type", "evidence_id")

    class Meta:
        verbose_name = _("мероприятие")
        verbose_name_plural = _("мероприятия")
        ordering = ["stage__number", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="event_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def can_transition_to(self, status: str) -> bool:
        return status in self.ALLOWED_TRANSITIONS.get(self.status, set())

    def is_overdue_on(self, day: datetime.date) -> bool:
        return (
            self.end_date is not None
            and self.end_date < day
            and self.status in (EventStatus.PLANNED, EventStatus.IN_PROGRESS)
        )

    @property
    def is_open(self) -> bool:
        return self.status in (EventStatus.PLANNED, EventStatus.IN_PROGRESS)


class Audience(models.TextChoices):
    TEACHERS = "teachers", _("система наставничества педагогов")
    PUPILS = "pupils", _("целевая модель наставничества обучающихся")


class RoadmapTemplate(TimeStampedModel):
    """A standard roadmap in our own words; its dates are months from 1 September."""

    code = models.SlugField(_("код"), max_length=64, unique=True)
    title = models.CharField(_("название"), max_length=300)
    audience = models.CharField(_("для кого"), max_length=16, choices=Audience.choices)
    description = models.TextField(_("описание"), blank=True)

    objects = NaturalKeyManager()

    class Meta:
        verbose_name = _("шаблон дорожной карты")
        verbose_name_plural = _("шаблоны дорожных карт")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class TemplateStageManager(models.Manager):
    def get_by_natural_key(self, template_code: str, number: int):
        return self.get(template__code=template_code, number=number)


class TemplateStage(models.Model):
    template = models.ForeignKey(RoadmapTemplate, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField(_("номер этапа"))
    title = models.CharField(_("этап"), max_length=500)
    task = models.TextField(_("задача этапа"), blank=True)

    objects = TemplateStageManager()

    class Meta:
        verbose_name = _("этап шаблона")
        verbose_name_plural = _("этапы шаблона")
        ordering = ["template", "number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="one_template_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.template}: этап {self.number}"

    def natural_key(self) -> tuple[str, int]:
        return (self.template.code, self.number)

    natural_key.dependencies = ["roadmap.roadmaptemplate"]


class TemplateEventManager(models.Manager):
    def get_by_natural_key(self, template_code: str, stage_number: int, order: int):
        return self.get(
            stage__template__code=template_code, stage__number=stage_number, order=order
        )


class TemplateEvent(models.Model):
    stage = models.ForeignKey(TemplateStage, on_delete=models.CASCADE, related_name="events")
    order = models.PositiveSmallIntegerField(_("порядок"))
    title = models.TextField(_("мероприятие"))
    details = models.TextField(_("содержание"), blank=True)
    responsible_text = models.CharField(_("ответственные"), max_length=300, blank=True)
    start_month = models.PositiveSmallIntegerField(
        _("с месяца"), help_text=_("0 — сентябрь, 1 — октябрь, …, 11 — август")
    )
    end_month = models.PositiveSmallIntegerField(_("по месяц"))
    recurrence = models.CharField(
        _("повторяется"), max_length=16, choices=Recurrence.choices, default="", blank=True
    )
    deadline_phrase = models.CharField(
        _("срок словами"),
        max_length=200,
        blank=True,
        help_text=_("Пусто — месяцы подставятся по датам года"),
    )
    expected_result = models.TextField(_("ожидаемый результат"), blank=True)
    document_kind = models.CharField(
        _("документ"), max_length=32, choices=DocumentKind.choices, blank=True
    )

    objects = TemplateEventManager()

    class Meta:
        verbose_name = _("мероприятие шаблона")
        verbose_name_plural = _("мероприятия шаблона")
        ordering = ["stage", "order"]
        constraints = [
            models.UniqueConstraint(fields=["stage", "order"], name="one_template_event_order"),
            models.CheckConstraint(
                condition=Q(end_month__gte=models.F("start_month")) & Q(end_month__lte=11),
                name="template_event_months_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title[:80]

    def natural_key(self) -> tuple[str, int, int]:
        return (*self.stage.natural_key(), self.order)

    natural_key.dependencies = ["roadmap.templatestage"]
