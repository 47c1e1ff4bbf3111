"""Stage 7: what each participant of a closed pair or group achieved in the year.

Written once, when the curator closes the year; the banks keep these rows as their history
(domain.md §1.1 stage 7: «results are written back into the mentor bank and the mentee bank»).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentorship.common import TimeStampedModel


class ResultRole(models.TextChoices):
    MENTOR = "mentor", _("наставник")
    MENTEE = "mentee", _("наставляемый")


class ResultOutcome(models.TextChoices):
    FINISHED = "finished", _("завершил программу")
    ENDED_EARLY = "ended_early", _("завершил досрочно")
    CARRIED_OVER = "carried_over", _("продолжает в новом году")


class YearResultManager(models.Manager):
    """The year travels with every row: the bank cards list results by their year."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().select_related("year")


class YearResult(TimeStampedModel):
    """One person's result in one pair or group of a programme year."""

    year = models.ForeignKey(
        "mentorship.ProgrammeYear",
        verbose_name=_("учебный год"),
        on_delete=models.PROTECT,
        related_name="results",
    )
    person = models.ForeignKey(
        "mentorship.Person",
        verbose_name=_("участник"),
        on_delete=models.CASCADE,
        related_name="year_results",
    )
    role = models.CharField(_("роль"), max_length=8, choices=ResultRole.choices)
    mentorship = models.ForeignKey(
        "mentorship.Mentorship",
        verbose_name=_("пара или группа"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="results",
    )
    outcome = models.CharField(_("итог"), max_length=16, choices=ResultOutcome.choices)
    meetings = models.PositiveSmallIntegerField(_("встреч проведено"), default=0)
    feedback_share = models.DecimalField(
        _("обратная связь заполнена, %"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Пусто — форм обратной связи не было"),
    )
    satisfaction = models.DecimalField(
        _("удовлетворённость (1–10)"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    programme_on_time = models.BooleanField(
        _("программа выполнена в срок"),
        null=True,
        blank=True,
        help_text=_("Пусто — в программе не было пунктов"),
    )
    note = models.CharField(_("примечание"), max_length=500, blank=True)

    objects = YearResultManager()

    class Meta:
        verbose_name = _("итог года участника")
        verbose_name_plural = _("итоги года участников")
        ordering = ["-year__start_date", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "person", "role", "mentorship"], name="one_result_per_pair_role"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.year}: {self.person} ({self.get_role_display()}) — {self.get_outcome_display()}"
        )
