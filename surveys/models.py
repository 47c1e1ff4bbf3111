"""Questionnaires, their campaigns, personal invitations and the answers."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorship.common import TimeStampedModel


class Purpose(models.TextChoices):
    MENTEE_REQUEST = "mentee_request", _("запрос наставляемого педагога")
    PUPIL_REQUEST = "pupil_request", _("запрос обучающегося")
    MENTOR_OFFER = "mentor_offer", _("анкета потенциального наставника")
    PAIRING_PREFERENCE = "pairing_preference", _("предпочтения после групповой встречи")
    MEETING_FEEDBACK = "meeting_feedback", _("обратная связь после встречи")
    MENTOR_SATISFACTION = "mentor_satisfaction", _("удовлетворённость наставника")
    MENTEE_SATISFACTION = "mentee_satisfaction", _("удовлетворённость наставляемого")
    CURATOR_MONITORING = "curator_monitoring", _("анкета куратора (мониторинг, SWOT)")
    CUSTOM = "custom", _("другая анкета")


class Audience(models.TextChoices):
    TEACHERS = "teachers", _("педагоги")
    PUPILS = "pupils", _("обучающиеся")
    MENTORS = "mentors", _("наставники")
    MENTEES = "mentees", _("наставляемые")
    CURATOR = "curator", _("куратор")
    ALL = "all", _("все участники")


class Questionnaire(TimeStampedModel):
    """A form. Editing one that has answers makes a new version; old answers keep theirs."""

    code = models.SlugField(
        _("код"),
        max_length=64,
        blank=True,
        help_text=_("У стандартных анкет: по нему их узнаёт загрузка"),
    )
    version = models.PositiveSmallIntegerField(_("версия"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("предыдущая версия"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_version",
    )
    title = models.CharField(_("название"), max_length=300)
    purpose = models.CharField(
        _("назначение"), max_length=32, choices=Purpose.choices, default=Purpose.CUSTOM
    )
    audience = models.CharField(
        _("кому"), max_length=16, choices=Audience.choices, default=Audience.ALL
    )
    form = models.ForeignKey(
        "mentorship.MentoringForm",
        verbose_name=_("форма наставничества"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questionnaires",
    )
    description = models.TextField(_("вступление для отвечающего"), blank=True)
    is_standard = models.BooleanField(_("стандартная"), default=False)
    is_archived = models.BooleanField(_("в архиве"), default=False)

    class Meta:
        verbose_name = _("анкета")
        verbose_name_plural = _("анкеты")
        ordering = ["title", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"],
                condition=~Q(code=""),
                name="one_standard_questionnaire_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (версия {self.version})" if self.version > 1 else self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:questionnaire-detail", args=[self.pk])


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("короткий ответ")
    LONG_TEXT = "long_text", _("развёрнутый ответ")
    SINGLE = "single", _("один вариант")
    MULTIPLE = "multiple", _("несколько вариантов")
    SCALE = "scale", _("шкала")
    YES_NO = "yes_no", _("да или нет")
    NUMBER = "number", _("число")
    DATE = "date", _("дата")
    RANKING = "ranking", _("выбор людей по порядку")


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("порядок"), default=0)
    kind = models.CharField(_("тип вопроса"), max_length=16, choices=QuestionKind.choices)
    text = models.TextField(_("вопрос"))
    help_text = models.CharField(_("подсказка"), max_length=300, blank=True)
    required = models.BooleanField(_("обязательный"), default=True)
    code = models.SlugField(
        _("код для базы"),
        max_length=64,
        blank=True,
        help_text=_("Для записи в базы: capacity, forms, experience, preferences, avoid…"),
    )
    scale_min = models.SmallIntegerField(_("шкала от"), null=True, blank=True)
    scale_max = models.SmallIntegerField(_("шкала до"), null=True, blank=True)
    scale_min_label = models.CharField(_("подпись начала шкалы"), max_length=100, blank=True)
    scale_max_label = models.CharField(_("подпись конца шкалы"), max_length=100, blank=True)
    topic = models.ForeignKey(
        "mentorship.Topic",
        verbose_name=_("тема (для записи в базу)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    max_choices = models.PositiveSmallIntegerField(
        _("выбрать не более"),
        null=True,
        blank=True,
        help_text=_("Для выбора людей по порядку: обычно 3"),
    )

    class Meta:
        verbose_name = _("вопрос")
        verbose_name_plural = _("вопросы")
        ordering = ["questionnaire", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_min__isnull=True)
                | Q(scale_max__isnull=True)
                | Q(scale_max__gt=models.F("scale_min")),
                name="question_scale_bounds_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    order = models.PositiveSmallIntegerField(_("порядок"), default=0)
    text = models.CharField(_("вариант"), max_length=300)
    value = models.CharField(_("код"), max_length=64, blank=True)
    topic = models.ForeignKey(
        "mentorship.Topic",
        verbose_name=_("тема"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    weight = models.PositiveSmallIntegerField(
        _("вес"),
        null=True,
        blank=True,
        help_text=_("Для запроса: 3 — значительные затруднения, 1 — незначительные"),
    )

    class Meta:
        verbose_name = _("вариант ответа")
        verbose_name_plural = _("варианты ответа")
        ordering = ["question", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class Moment(models.TextChoices):
    NONE = "", _("не важно")
    BEFORE = "before", _("до программы")
    AFTER = "after", _("после программы")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("черновик")
    OPEN = "open", _("идёт")
    CLOSED = "closed", _("закрыта")


class Campaign(TimeStampedModel):
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("анкета"), on_delete=models.PROTECT, related_name="campaigns"
    )
    year = models.ForeignKey(
        "mentorship.ProgrammeYear",
        verbose_name=_("учебный год"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    title = models.CharField(_("название"), max_length=300)
    starts_on = models.DateField(_("начало"))
    ends_on = models.DateField(_("окончание"))
    moment = models.CharField(
        _("когда проводится"), max_length=8, choices=Moment.choices, default=Moment.NONE, blank=True
    )
    audience_note = models.CharField(_("кого опрашиваем"), max_length=300, blank=True)
    status = models.CharField(
        _("состояние"),
        max_length=8,
        choices=CampaignStatus.choices,
        default=CampaignStatus.DRAFT,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("опрос")
        verbose_name_plural = _("опросы")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="campaign_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:campaign-detail", args=[self.pk])

    def is_open_on(self, day) -> bool:
        return self.status == CampaignStatus.OPEN and self.starts_on <= day <= self.ends_on


def new_token() -> str:
    """192 random bits, URL-safe: a personal link that cannot be guessed."""
    return secrets.token_urlsafe(24)


class Invitation(TimeStampedModel):
    """One person's personal link to one campaign (optionally about a pair or a meeting)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        "mentorship.Person", on_delete=models.CASCADE, related_name="invitations"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    sent_at = models.DateTimeField(_("отправлено"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("напомнено"), null=True, blank=True)
    opened_at = models.DateTimeField(_("открыто"), null=True, blank=True)
    answered_at = models.DateTimeField(_("ответ получен"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("отозвано"), null=True, blank=True)
    about_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")

    class Meta:
        verbose_name = _("приглашение")
        verbose_name_plural = _("приглашения")
        ordering = ["campaign", "person__search_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "person"],
                condition=Q(about_id__isnull=True),
                name="one_invitation_per_person",
            ),
            models.UniqueConstraint(
                fields=["campaign", "person", "about_type", "about_id"],
                condition=Q(about_id__isnull=False),
                name="one_invitation_per_person_and_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign}: {self.person}"

    def get_absolute_url(self) -> str:
        return reverse("surveys:answer", args=[self.token])

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    def mark_opened(self) -> None:
        if self.opened_at is None:
            self.opened_at = timezone.now()
            self.save(update_fields=["opened_at", "updated_at"])

    mark_opened.alters_data = True

    def state_blocks_saving(self) -> bool:
        """Revoked, already answered, or the campaign no longer runs today."""
        return (
            self.is_revoked
            or self.is_answered
            or not self.campaign.is_open_on(timezone.localdate())
        )


class Response(TimeStampedModel):
    """Answers of one person to one questionnaire; a draft until submitted."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="responses"
    )
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    person = models.ForeignKey(
        "mentorship.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responses",
    )
    submitted_at = models.DateTimeField(_("отправлено"), null=True, blank=True, db_index=True)
    writeback_note = models.CharField(
        _("запись в базу"),
        max_length=500,
        blank=True,
        help_text=_("Что из ответа записано в базы, или почему не записано"),
    )

    class Meta:
        verbose_name = _("ответ на анкету")
        verbose_name_plural = _("ответы на анкеты")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.questionnaire}: {self.person or 'аноним'}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(blank=True)
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    date_value = models.DateField(null=True, blank=True)
    choices = models.ManyToManyField(Option, blank=True, related_name="answers")
    ranking = models.JSONField(
        default=list, blank=True, help_text=_("Участники по порядку предпочтения")
    )

    class Meta:
        verbose_name = _("ответ на вопрос")
        verbose_name_plural = _("ответы на вопросы")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="one_answer_per_question"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.text or self.number or self.date_value or ''}"


class InvitationSkip(TimeStampedModel):
    """Someone the campaign's audience named who got no invitation, and why (shown to the curator)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="skips")
    person = models.ForeignKey("mentorship.Person", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("причина"), max_length=500)

    class Meta:
        verbose_name = _("пропуск при приглашении")
        verbose_name_plural = _("пропуски при приглашении")
        ordering = ["campaign", "person__search_key", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person"], name="one_skip_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign}: {self.person} — {self.reason}"
