"""Stage 6: meetings of pairs and groups, the pairing-fit answers, concerns, calendar, reminders."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorship.common import TimeStampedModel

EDIT_WINDOW = datetime.timedelta(days=7)


class MeetingKind(models.TextChoices):
    ACQUAINTANCE = "acquaintance", _("знакомство")
    PLANNING = "planning", _("планирование")
    REGULAR = "regular", _("рабочая встреча")
    FINAL = "final", _("итоговая встреча пары")
    GROUP_FINAL = "group_final", _("итоговая встреча всех пар")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("очно")
    REMOTE = "remote", _("дистанционно")


class Meeting(TimeStampedModel):
    """One meeting of a pair or group (a group final gathers several pairs)."""

    mentorships = models.ManyToManyField(
        "mentorship.Mentorship", verbose_name=_("пары и группы"), related_name="meetings"
    )
    held_on = models.DateField(_("дата"), db_index=True)
    start_time = models.TimeField(_("время"), null=True, blank=True)
    kind = models.CharField(
        _("вид встречи"), max_length=16, choices=MeetingKind.choices, default=MeetingKind.REGULAR
    )
    format = models.CharField(
        _("формат"), max_length=16, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    topic = models.CharField(_("тема"), max_length=300, blank=True)
    notes = models.TextField(_("что обсуждали и делали"), blank=True)
    next_steps = models.TextField(_("договорённости и задания"), blank=True)
    next_planned_on = models.DateField(_("следующая встреча"), null=True, blank=True)
    next_planned_time = models.TimeField(_("время следующей встречи"), null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто записал"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unlocked_until = models.DateTimeField(
        _("правка открыта до"), null=True, blank=True, help_text=_("Куратор открыл правку")
    )

    class Meta:
        verbose_name = _("встреча")
        verbose_name_plural = _("встречи")
        ordering = ["-held_on", "-start_time", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_planned_on__isnull=True)
                | Q(next_planned_on__gte=models.F("held_on")),
                name="meeting_next_after_held",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("mentorship:meeting-detail", args=[self.pk])

    def is_editable_at(self, moment: datetime.datetime) -> bool:
        """Seven days after logging, then only while the curator keeps it unlocked."""
        if self.created_at + EDIT_WINDOW > moment:
            return True
        return self.unlocked_until is not None and self.unlocked_until > moment

    @property
    def is_editable(self) -> bool:
        return self.is_editable_at(timezone.now())


class FitAnswer(models.TextChoices):
    FIT = "fit", _("подходим")
    UNSURE = "unsure", _("пока не ясно")
    NO_FIT = "no_fit", _("не подходим")


class PairingFit(TimeStampedModel):
    """After the acquaintance meeting each side says whether the pair works."""

    mentorship = models.ForeignKey(
        "mentorship.Mentorship", on_delete=models.CASCADE, related_name="fit_answers"
    )
    person = models.ForeignKey(
        "mentorship.Person", on_delete=models.CASCADE, related_name="fit_answers"
    )
    answer = models.CharField(_("ответ"), max_length=8, choices=FitAnswer.choices)
    comment = models.CharField(_("комментарий"), max_length=500, blank=True)
    resolved_at = models.DateTimeField(_("разобрано куратором"), null=True, blank=True)

    class Meta:
        verbose_name = _("ответ «подходим ли мы»")
        verbose_name_plural = _("ответы «подходим ли мы»")
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "person"], name="one_fit_answer_per_side")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_answer_display()}"


class ConcernTopic(models.TextChoices):
    RELATIONSHIP = "relationship", _("отношения в паре")
    WORKLOAD = "workload", _("нагрузка и время")
    PROGRAMME = "programme", _("программа и задания")
    WELLBEING = "wellbeing", _("самочувствие, безопасность")
    OTHER = "other", _("другое")


class ConcernUrgency(models.TextChoices):
    NORMAL = "normal", _("обычная")
    URGENT = "urgent", _("срочно")


class Concern(TimeStampedModel):
    """A worry raised by a mentor or a mentee; only they and the curator see it."""

    raised_by = models.ForeignKey(
        "mentorship.Person",
        verbose_name=_("кто обратился"),
        on_delete=models.CASCADE,
        related_name="concerns",
    )
    mentorship = models.ForeignKey(
        "mentorship.Mentorship",
        verbose_name=_("пара или группа"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="concerns",
    )
    topic = models.CharField(_("тема"), max_length=16, choices=ConcernTopic.choices)
    urgency = models.CharField(
        _("срочность"), max_length=8, choices=ConcernUrgency.choices, default=ConcernUrgency.NORMAL
    )
    text = models.TextField(_("что случилось"))
    resolved_at = models.DateTimeField(_("решено"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.TextField(_("что сделано"), blank=True)

    class Meta:
        verbose_name = _("обращение")
        verbose_name_plural = _("обращения")
        ordering = ["resolved_at", "-created_at"]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} ({self.raised_by})"

    def get_absolute_url(self) -> str:
        return reverse("mentorship:concern-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(TimeStampedModel):
    """A user's private calendar address (ICS); revoking it makes a new one necessary."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    revoked_at = models.DateTimeField(_("отозвана"), null=True, blank=True)

    class Meta:
        verbose_name = _("ссылка на календарь")
        verbose_name_plural = _("ссылки на календарь")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="one_live_feed_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: календарь"


class ReminderKind(models.TextChoices):
    OVERDUE_MEETING = "overdue_meeting", _("давно не было встречи")
    FEEDBACK = "feedback", _("не заполнена форма обратной связи")
    QUESTIONNAIRE = "questionnaire", _("не заполнена анкета")
    DEADLINE = "deadline", _("срок мероприятия дорожной карты в ближайшие 7 дней")


class ReminderLog(models.Model):
    """Each reminder sent; the unique key keeps a person from getting one twice a day."""

    person = models.ForeignKey(
        "mentorship.Person", on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("вид"), max_length=24, choices=ReminderKind.choices)
    key = models.CharField(_("о чём"), max_length=64)
    sent_on = models.DateField(_("день"))
    sent_at = models.DateTimeField(_("отправлено"), auto_now_add=True)
    email = models.EmailField(_("адрес"), blank=True)

    class Meta:
        verbose_name = _("напоминание")
        verbose_name_plural = _("журнал напоминаний")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "key", "sent_on"], name="one_reminder_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sent_on:%d.%m.%Y} {self.get_kind_display()}: {self.person}"
