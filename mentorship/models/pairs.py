"""Pairs and groups, matching proposals and personalised mentoring programmes."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mentorship.common import TimeStampedModel
from mentorship.models.core import NaturalKeyManager


class MentorshipStatus(models.TextChoices):
    DRAFT = "draft", _("черновик")
    APPROVED = "approved", _("закреплена приказом")
    ACTIVE = "active", _("работает")
    FINISHED = "finished", _("завершена")
    ENDED_EARLY = "ended_early", _("завершена досрочно")


class DeliveryFormat(models.TextChoices):
    IN_PERSON = "in_person", _("очно")
    REMOTE = "remote", _("дистанционно")
    MIXED = "mixed", _("смешанно")


class Mentorship(TimeStampedModel):
    """A pair or a group: one mentor, one or several mentees, in one form, for one year."""

    ALLOWED_TRANSITIONS = {
        MentorshipStatus.DRAFT: {
            MentorshipStatus.APPROVED,
            MentorshipStatus.ACTIVE,
            MentorshipStatus.ENDED_EARLY,
        },
        MentorshipStatus.APPROVED: {
            MentorshipStatus.ACTIVE,
            MentorshipStatus.ENDED_EARLY,
            MentorshipStatus.DRAFT,  # only when its order is cancelled
        },
        MentorshipStatus.ACTIVE: {MentorshipStatus.FINISHED, MentorshipStatus.ENDED_EARLY},
        MentorshipStatus.FINISHED: set(),
        MentorshipStatus.ENDED_EARLY: set(),
    }

    year = models.ForeignKey(
        "mentorship.ProgrammeYear",
        verbose_name=_("учебный год"),
        on_delete=models.PROTECT,
        related_name="mentorships",
    )
    form = models.ForeignKey(
        "mentorship.MentoringForm",
        verbose_name=_("форма наставничества"),
        on_delete=models.PROTECT,
        related_name="mentorships",
    )
    role_model = models.CharField(
        _("ролевая модель"),
        max_length=200,
        blank=True,
        help_text=_("Например: опытный педагог – молодой специалист"),
    )
    mentor = models.ForeignKey(
        "mentorship.MentorProfile",
        verbose_name=_("наставник"),
        on_delete=models.PROTECT,
        related_name="mentorships",
    )
    mentees = models.ManyToManyField(
        "mentorship.MenteeProfile",
        verbose_name=_("наставляемые"),
        through="MentorshipMember",
        related_name="mentorships",
    )
    goal = models.TextField(_("цель"), blank=True)
    delivery_format = models.CharField(
        _("формат"), max_length=16, choices=DeliveryFormat.choices, default=DeliveryFormat.IN_PERSON
    )
    start_date = models.DateField(_("начало"))
    planned_end_date = models.DateField(_("плановое окончание"))
    status = models.CharField(
        _("статус"),
        max_length=16,
        choices=MentorshipStatus.choices,
        default=MentorshipStatus.DRAFT,
        db_index=True,
    )
    ended_on = models.DateField(_("завершена"), null=True, blank=True)
    end_reason = models.CharField(_("причина досрочного завершения"), max_length=500, blank=True)
    capacity_override_reason = models.CharField(
        _("почему сверх лимита наставляемых"), max_length=300, blank=True
    )
    order_reference = models.CharField(_("приказ о закреплении"), max_length=200, blank=True)
    # The mentor's assignment under art. 351.8 of the Labour Code (domain.md §2.6).
    mentor_consent_on = models.DateField(
        _("письменное согласие наставника от"), null=True, blank=True
    )
    agreement_number = models.CharField(_("доп. соглашение №"), max_length=40, blank=True)
    agreement_date = models.DateField(_("доп. соглашение от"), null=True, blank=True)
    payment_terms = models.CharField(
        _("оплата"),
        max_length=300,
        blank=True,
        help_text=_("Например: доплата 3 000 рублей в месяц"),
    )
    early_termination_on = models.DateField(
        _("досрочное прекращение наставничества"), null=True, blank=True
    )
    termination_notice_on = models.DateField(
        _("предупреждение о прекращении вручено"),
        null=True,
        blank=True,
        help_text=_("Не менее чем за 3 рабочих дня до прекращения"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Carried over into the next year: a new pair of that year points at the one it continues.
    continues = models.ForeignKey(
        "self",
        verbose_name=_("продолжение пары прошлого года"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="continued_by",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("наставническая пара или группа")
        verbose_name_plural = _("наставнические пары и группы")
        ordering = ["-year__start_date", "mentor__person__search_key", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end_date__gt=models.F("start_date")),
                name="mentorship_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.form}: наставник {self.mentor.person.short_name}"

    def get_absolute_url(self) -> str:
        return reverse("mentorship:pair-detail", args=[self.pk])

    def can_transition_to(self, status: str) -> bool:
        return status in self.ALLOWED_TRANSITIONS.get(self.status, set())

    @property
    def is_open(self) -> bool:
        return self.status in (
            MentorshipStatus.DRAFT,
            MentorshipStatus.APPROVED,
            MentorshipStatus.ACTIVE,
        )


class MentorshipMember(models.Model):
    """A mentee in a pair or group; leaving early keeps the row as history."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="members")
    mentee = models.ForeignKey(
        "mentorship.MenteeProfile", on_delete=models.PROTECT, related_name="memberships"
    )
    joined_on = models.DateField(_("с"))
    left_on = models.DateField(_("по"), null=True, blank=True)
    left_reason = models.CharField(_("причина"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("участник пары или группы")
        verbose_name_plural = _("участники пар и групп")
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "mentee"], name="one_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.mentee} в {self.mentorship}"


class MentorshipStatusChange(models.Model):
    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    changed_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("смена статуса пары")
        verbose_name_plural = _("история статусов пар")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.mentorship}: {self.from_status} → {self.to_status}"


class MatchingSettings(TimeStampedModel):
    """The weights of the matching score (one row), editable by the curator."""

    topics = models.PositiveSmallIntegerField(
        _("общие темы"), default=50, validators=[MaxValueValidator(100)]
    )
    department = models.PositiveSmallIntegerField(
        _("одно методобъединение"), default=10, validators=[MaxValueValidator(100)]
    )
    subject = models.PositiveSmallIntegerField(
        _("один предмет"), default=10, validators=[MaxValueValidator(100)]
    )
    experience = models.PositiveSmallIntegerField(
        _("разница в стаже"), default=10, validators=[MaxValueValidator(100)]
    )
    preference = models.PositiveSmallIntegerField(
        _("выбор после групповой встречи"), default=20, validators=[MaxValueValidator(100)]
    )
    mutual_bonus = models.PositiveSmallIntegerField(
        _("взаимный выбор, прибавка"), default=10, validators=[MaxValueValidator(100)]
    )
    min_score = models.PositiveSmallIntegerField(
        _("не предлагать пары слабее (баллов из 100)"),
        default=20,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("настройки подбора пар")
        verbose_name_plural = _("настройки подбора пар")
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="matching_settings_single_row")
        ]

    def __str__(self) -> str:
        return "Настройки подбора пар"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("предложена")
    ACCEPTED = "accepted", _("принята")
    REJECTED = "rejected", _("отклонена")


class MatchRun(TimeStampedModel):
    year = models.ForeignKey(
        "mentorship.ProgrammeYear", on_delete=models.CASCADE, related_name="match_runs"
    )
    form = models.ForeignKey(
        "mentorship.MentoringForm", on_delete=models.PROTECT, related_name="match_runs"
    )
    group_size = models.PositiveSmallIntegerField(_("размер группы"), null=True, blank=True)
    weights = models.JSONField(default=dict)
    total_score = models.PositiveIntegerField(default=0)
    unmatched = models.JSONField(default=list, help_text=_("[{mentee_id, reason}]"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("подбор пар")
        verbose_name_plural = _("подборы пар")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Подбор {self.created_at:%d.%m.%Y %H:%M}: {self.form}"


class MatchProposal(TimeStampedModel):
    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="proposals")
    mentee = models.ForeignKey(
        "mentorship.MenteeProfile", on_delete=models.CASCADE, related_name="proposals"
    )
    mentor = models.ForeignKey(
        "mentorship.MentorProfile", on_delete=models.CASCADE, related_name="proposals"
    )
    score = models.PositiveSmallIntegerField(_("совпадение, баллов"))
    reasons = models.JSONField(default=list)
    alternatives = models.JSONField(
        default=list, help_text=_("[{mentor_id, score, reasons}] — следующие лучшие")
    )
    status = models.CharField(
        _("решение"),
        max_length=16,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PROPOSED,
        db_index=True,
    )
    mentorship = models.ForeignKey(
        Mentorship, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("предложение пары")
        verbose_name_plural = _("предложения пар")
        ordering = ["-score", "pk"]

    def __str__(self) -> str:
        return f"{self.mentee} ↔ {self.mentor} ({self.score})"


class ItemKind(models.TextChoices):
    GOAL = "goal", _("цель")
    TASK = "task", _("задача")
    ACTIVITY = "activity", _("мероприятие")


class PersonalProgramme(TimeStampedModel):
    """The personalised mentoring programme of a pair or group (3–12 months)."""

    mentorship = models.OneToOneField(
        Mentorship, on_delete=models.CASCADE, related_name="programme"
    )
    title = models.CharField(_("название"), max_length=300)
    goals = models.TextField(_("цели программы"), blank=True)
    development_plan = models.TextField(
        _("индивидуальный план развития наставляемого"),
        blank=True,
    )
    template_code = models.CharField(_("шаблон"), max_length=64, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("персонализированная программа наставничества")
        verbose_name_plural = _("персонализированные программы наставничества")

    def __str__(self) -> str:
        return self.title


class ProgrammeItem(TimeStampedModel):
    programme = models.ForeignKey(PersonalProgramme, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("порядок"), default=0)
    kind = models.CharField(
        _("вид"), max_length=16, choices=ItemKind.choices, default=ItemKind.ACTIVITY
    )
    title = models.CharField(_("содержание"), max_length=500)
    due_date = models.DateField(_("срок"), null=True, blank=True)
    expected_result = models.CharField(_("ожидаемый результат"), max_length=500, blank=True)
    done_on = models.DateField(_("выполнено"), null=True, blank=True)

    class Meta:
        verbose_name = _("пункт программы")
        verbose_name_plural = _("пункты программы")
        ordering = ["programme", "order", "pk"]

    def __str__(self) -> str:
        return self.title[:80]


class ProgrammeTemplate(TimeStampedModel):
    """A standard programme for a form of mentoring; items are dated in weeks from the start."""

    code = models.SlugField(_("код"), max_length=64, unique=True)
    title = models.CharField(_("название"), max_length=300)
    form = models.ForeignKey(
        "mentorship.MentoringForm",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programme_templates",
    )
    goals = models.TextField(_("цели"), blank=True)
    items = models.JSONField(
        _("пункты"),
        default=list,
        help_text=_("[{kind, title, week, expected_result}] — неделя от начала программы"),
    )

    objects = NaturalKeyManager()

    class Meta:
        verbose_name = _("шаблон программы наставничества")
        verbose_name_plural = _("шаблоны программ наставничества")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str]:
        return (self.code,)
