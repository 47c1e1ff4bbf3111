"""The shared vocabulary (topics, forms of mentoring) and the mentee and mentor banks."""

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
from mentorship.querysets import MenteeProfileQuerySet, MentorProfileQuerySet


class Audience(models.TextChoices):
    TEACHERS = "teachers", _("педагоги")
    PUPILS = "pupils", _("обучающиеся")
    ALL = "all", _("все")


class Topic(TimeStampedModel):
    """A need of a mentee or a strength of a mentor, so that both can be compared."""

    code = models.SlugField(_("код"), max_length=64, unique=True)
    title = models.CharField(_("тема"), max_length=200)
    audience = models.CharField(
        _("для кого"), max_length=16, choices=Audience.choices, default=Audience.TEACHERS
    )
    description = models.TextField(_("пояснение"), blank=True)
    order = models.PositiveSmallIntegerField(_("порядок"), default=0)
    is_active = models.BooleanField(_("используется"), default=True)

    objects = NaturalKeyManager()

    class Meta:
        verbose_name = _("тема")
        verbose_name_plural = _("темы запросов и предложений")
        ordering = ["audience", "order", "title"]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class MentoringForm(TimeStampedModel):
    """A form of mentoring: the five of the pupils' model and the teachers' forms."""

    code = models.SlugField(_("код"), max_length=64, unique=True)
    title = models.CharField(_("форма наставничества"), max_length=200)
    audience = models.CharField(
        _("модель"), max_length=16, choices=Audience.choices, default=Audience.TEACHERS
    )
    description = models.TextField(_("суть формы"), blank=True)
    role_models = models.TextField(
        _("варианты ролевых моделей"), blank=True, help_text=_("По одной в строке")
    )
    is_group = models.BooleanField(
        _("групповая"), default=False, help_text=_("Один наставник с несколькими наставляемыми")
    )
    order = models.PositiveSmallIntegerField(_("порядок"), default=0)
    is_active = models.BooleanField(_("используется"), default=True)

    objects = NaturalKeyManager()

    class Meta:
        verbose_name = _("форма наставничества")
        verbose_name_plural = _("формы наставничества")
        ordering = ["audience", "order", "title"]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class MenteeCategory(models.TextChoices):
    YOUNG_SPECIALIST = "young_specialist", _("молодой специалист")
    NEW_EMPLOYEE = "new_employee", _("новый сотрудник")
    NEW_POSITION = "new_position", _("педагог, сменивший должность")
    TEACHER_IN_DIFFICULTY = "teacher_difficulty", _("педагог, испытывающий затруднения")
    TEACHER_GROWTH = "teacher_growth", _("педагог, осваивающий новое")
    PUPIL_SPECIAL_NEEDS = (
        "pupil_special_needs",
        _("обучающийся с особыми образовательными потребностями"),
    )
    PUPIL_GIFTED = "pupil_gifted", _("одарённый обучающийся")
    PUPIL_LOW_ACHIEVING = (
        "pupil_low_achieving",
        _("обучающийся с низкой мотивацией или успеваемостью"),
    )
    PUPIL_DIFFICULT_SITUATION = "pupil_difficult", _("обучающийся в трудной жизненной ситуации")
    PUPIL_ADAPTATION = "pupil_adaptation", _("обучающийся, которому нужна адаптация")
    OTHER = "other", _("другое")


class MenteeStatus(models.TextChoices):
    WAITING = "waiting", _("ожидает пару")
    PAIRED = "paired", _("в паре или группе")
    SUPPORTED = "supported", _("сопровождается без пары")
    FINISHED = "finished", _("завершил программу")
    EXCLUDED = "excluded", _("исключён: отозвано согласие")


class MentorStatus(models.TextChoices):
    CANDIDATE = "candidate", _("кандидат")
    INTERVIEWED = "interviewed", _("прошёл собеседование")
    TRAINED = "trained", _("прошёл обучение")
    ACTIVE = "active", _("действующий наставник")
    RESTING = "resting", _("временно не наставляет")
    EXCLUDED = "excluded", _("исключён: отозвано согласие")


class RequestWeight(models.IntegerChoices):
    MINOR = 1, _("небольшая потребность")
    NOTABLE = 2, _("заметная потребность")
    ACUTE = 3, _("острая потребность")


class MenteeProfile(TimeStampedModel):
    """A person's entry in the mentee bank: what he asks help with, and where he stands."""

    ALLOWED_TRANSITIONS = {
        MenteeStatus.WAITING: {
            MenteeStatus.PAIRED,
            MenteeStatus.SUPPORTED,
            MenteeStatus.FINISHED,
            MenteeStatus.EXCLUDED,
        },
        MenteeStatus.PAIRED: {MenteeStatus.WAITING, MenteeStatus.FINISHED, MenteeStatus.EXCLUDED},
        MenteeStatus.SUPPORTED: {
            MenteeStatus.WAITING,
            MenteeStatus.FINISHED,
            MenteeStatus.EXCLUDED,
        },
        MenteeStatus.FINISHED: {MenteeStatus.WAITING, MenteeStatus.EXCLUDED},
        MenteeStatus.EXCLUDED: {MenteeStatus.WAITING},
    }

    person = models.OneToOneField(
        "mentorship.Person",
        verbose_name=_("участник"),
        on_delete=models.CASCADE,
        related_name="mentee_profile",
    )
    category = models.CharField(_("категория"), max_length=32, choices=MenteeCategory.choices)
    status = models.CharField(
        _("статус"),
        max_length=16,
        choices=MenteeStatus.choices,
        default=MenteeStatus.WAITING,
        db_index=True,
    )
    topics = models.ManyToManyField(
        Topic,
        verbose_name=_("запросы"),
        through="MenteeRequest",
        related_name="mentees",
        blank=True,
    )
    request_text = models.TextField(_("запрос своими словами"), blank=True)
    notes = models.TextField(_("заметки куратора"), blank=True)

    objects = MenteeProfileQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("запись в базе наставляемых")
        verbose_name_plural = _("база наставляемых")
        ordering = ["person__search_key", "pk"]

    def __str__(self) -> str:
        return f"{self.person} (наставляемый)"

    def get_absolute_url(self) -> str:
        return reverse("mentorship:mentee-update", args=[self.pk])

    def can_transition_to(self, status: str) -> bool:
        return status in self.ALLOWED_TRANSITIONS.get(self.status, set())


class MenteeRequest(models.Model):
    """One topic of a mentee's request and how much it weighs."""

    profile = models.ForeignKey(MenteeProfile, on_delete=models.CASCADE, related_name="requests")
    topic = models.ForeignKey(
        Topic, verbose_name=_("тема"), on_delete=models.PROTECT, related_name="+"
    )
    weight = models.PositiveSmallIntegerField(
        _("насколько важно"), choices=RequestWeight.choices, default=RequestWeight.NOTABLE
    )

    class Meta:
        verbose_name = _("тема запроса")
        verbose_name_plural = _("темы запроса")
        ordering = ["-weight", "topic__order", "topic__title"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "topic"], name="one_request_per_topic"),
        ]

    def __str__(self) -> str:
        return f"{self.topic} ({self.get_weight_display()})"


class MentorProfile(TimeStampedModel):
    """A person's entry in the mentor bank: what he offers, how many he can take, his path."""

    ALLOWED_TRANSITIONS = {
        MentorStatus.CANDIDATE: {
            MentorStatus.INTERVIEWED,
            MentorStatus.TRAINED,
            MentorStatus.ACTIVE,
            MentorStatus.RESTING,
            MentorStatus.EXCLUDED,
        },
        MentorStatus.INTERVIEWED: {
            MentorStatus.TRAINED,
            MentorStatus.ACTIVE,
            MentorStatus.RESTING,
            MentorStatus.CANDIDATE,
            MentorStatus.EXCLUDED,
        },
        MentorStatus.TRAINED: {MentorStatus.ACTIVE, MentorStatus.RESTING, MentorStatus.EXCLUDED},
        MentorStatus.ACTIVE: {MentorStatus.RESTING, MentorStatus.EXCLUDED},
        MentorStatus.RESTING: {MentorStatus.ACTIVE, MentorStatus.EXCLUDED},
        MentorStatus.EXCLUDED: {MentorStatus.CANDIDATE},
    }

    person = models.OneToOneField(
        "mentorship.Person",
        verbose_name=_("участник"),
        on_delete=models.CASCADE,
        related_name="mentor_profile",
    )
    status = models.CharField(
        _("статус"),
        max_length=16,
        choices=MentorStatus.choices,
        default=MentorStatus.CANDIDATE,
        db_index=True,
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("чем может помочь"), related_name="mentors", blank=True
    )
    forms = models.ManyToManyField(
        MentoringForm,
        verbose_name=_("предпочитаемые формы наставничества"),
        related_name="mentors",
        blank=True,
    )
    capacity = models.PositiveSmallIntegerField(
        _("сколько наставляемых может вести"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("Пусто — по положению школы"),
    )
    offer_text = models.TextField(_("чем готов помочь, своими словами"), blank=True)
    interview_notes = models.TextField(_("итоги собеседования"), blank=True)
    notes = models.TextField(_("заметки куратора"), blank=True)

    objects = MentorProfileQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[topics, forms])

    class Meta:
        verbose_name = _("запись в базе наставников")
        verbose_name_plural = _("база наставников")
        ordering = ["person__search_key", "pk"]

    def __str__(self) -> str:
        return f"{self.person} (наставник)"

    def get_absolute_url(self) -> str:
        return reverse("mentorship:mentor-update", args=[self.pk])

    def can_transition_to(self, status: str) -> bool:
        return status in self.ALLOWED_TRANSITIONS.get(self.status, set())

    def effective_capacity(self, school_default: int) -> int:
        return self.capacity or school_default


class TrainingRecord(TimeStampedModel):
    mentor = models.ForeignKey(
        MentorProfile,
        on_delete=models.CASCADE,
        related_name="trainings",
        verbose_name=_("наставник"),
    )
    date = models.DateField(_("дата"))
    course = models.CharField(_("курс или мероприятие"), max_length=300)
    hours = models.PositiveSmallIntegerField(
        _("часов"), null=True, blank=True, validators=[MaxValueValidator(2000)]
    )
    organisation = models.CharField(_("кто проводил"), max_length=300, blank=True)
    certificate = models.CharField(_("документ об обучении"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("обучение наставника")
        verbose_name_plural = _("обучение наставников")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.course} ({self.date:%d.%m.%Y})"


class StatusChange(models.Model):
    from_status = models.CharField(_("был статус"), max_length=16, blank=True)
    to_status = models.CharField(_("стал статус"), max_length=16)
    changed_at = models.DateTimeField(_("когда"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("комментарий"), max_length=300, blank=True)

    class Meta:
        abstract = True
        ordering = ["-changed_at", "-pk"]


class MenteeStatusChange(StatusChange):
    profile = models.ForeignKey(
        MenteeProfile, on_delete=models.CASCADE, related_name="status_changes"
    )

    class Meta(StatusChange.Meta):
        verbose_name = _("смена статуса наставляемого")
        verbose_name_plural = _("история статусов наставляемых")

    def __str__(self) -> str:
        return f"{self.profile}: {self.from_status} → {self.to_status}"

    def status_labels(self) -> tuple[str, str]:
        labels = dict(MenteeStatus.choices)
        return str(labels.get(self.from_status, "—")), str(labels.get(self.to_status, ""))


class MentorStatusChange(StatusChange):
    profile = models.ForeignKey(
        MentorProfile, on_delete=models.CASCADE, related_name="status_changes"
    )

    class Meta(StatusChange.Meta):
        verbose_name = _("смена статуса наставника")
        verbose_name_plural = _("история статусов наставников")

    def __str__(self) -> str:
        return f"{self.profile}: {self.from_status} → {self.to_status}"

    def status_labels(self) -> tuple[str, str]:
        labels = dict(MentorStatus.choices)
        return str(labels.get(self.from_status, "—")), str(labels.get(self.to_status, ""))


class PreferenceKind(models.TextChoices):
    PREFER = "prefer", _("хотел бы работать")
    AVOID = "avoid", _("предпочёл бы не работать")


class PairingPreference(TimeStampedModel):
    """Whom a participant would (or would rather not) work with, stated after the group meeting."""

    year = models.ForeignKey(
        "mentorship.ProgrammeYear",
        verbose_name=_("учебный год"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    person = models.ForeignKey(
        "mentorship.Person",
        verbose_name=_("кто"),
        on_delete=models.CASCADE,
        related_name="stated_preferences",
    )
    other = models.ForeignKey(
        "mentorship.Person",
        verbose_name=_("о ком"),
        on_delete=models.CASCADE,
        related_name="preferences_about",
    )
    kind = models.CharField(_("предпочтение"), max_length=8, choices=PreferenceKind.choices)
    rank = models.PositiveSmallIntegerField(_("место в выборе"), null=True, blank=True)

    class Meta:
        verbose_name = _("предпочтение при подборе пары")
        verbose_name_plural = _("предпочтения при подборе пар")
        ordering = ["year", "person", "kind", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "person", "other"], name="one_preference_per_pair_of_people"
            ),
            models.CheckConstraint(
                condition=~Q(person=models.F("other")), name="preference_not_about_oneself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.other}: {self.get_kind_display()}"
