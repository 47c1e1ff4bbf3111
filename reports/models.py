"""Official documents of the programme: registers, documents and their workflow."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mentorship.common import TimeStampedModel
from mentorship.models.core import NaturalKeyManager
from mentorship.storage import private_storage


class Register(TimeStampedModel):
    """A registration journal with its own numbering: orders, protocols, agreements."""

    code = models.SlugField(_("код"), max_length=32, unique=True)
    title = models.CharField(_("название"), max_length=200)
    pattern = models.CharField(
        _("шаблон номера"),
        max_length=40,
        default="{n}",
        help_text=_(
            "{n} — порядковый номер за год, {yyyy} и {yy} — год. "
            "Например: «{n}-О», «{n}/1-од», «{n}-р». Нумерация начинается заново каждый год."
        ),
    )

    objects = NaturalKeyManager()

    class Meta:
        verbose_name = _("журнал регистрации")
        verbose_name_plural = _("журналы регистрации")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    def clean(self) -> None:
        if "{n}" not in self.pattern:
            raise ValidationError(
                {"pattern": _("В шаблоне номера нужен {n} — порядковый номер документа.")}
            )

    def format_number(self, sequence: int, year: int) -> str:
        return (
            self.pattern.replace("{n}", str(sequence))
            .replace("{yyyy}", str(year))
            .replace("{yy}", f"{year % 100:02d}")
        )


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("черновик")
    SUBMITTED = "submitted", _("на утверждении")
    APPROVED = "approved", _("утверждён")
    CANCELLED = "cancelled", _("отменён")


# Kinds of documents that may go on the public page «Наставничество»: the normative package
# of the programme. The others list participants (pairs, rewards, a mentee's programme, an
# employment agreement) and never leave the school.
PUBLIC_DOCUMENT_KINDS = (
    "regulation",
    "roadmap",
    "order_implementation",
    "order_curator",
    "order_final_event",
    "protocol",
)


def _pdf_path(instance: Document, filename: str) -> str:
    return f"documents/{instance.year_id}/{filename}"


class Document(TimeStampedModel):
    """One generated document: a draft from data, then submitted, approved and frozen."""

    ALLOWED_TRANSITIONS = {
        DocumentStatus.DRAFT: {DocumentStatus.SUBMITTED, DocumentStatus.CANCELLED},
        DocumentStatus.SUBMITTED: {
            DocumentStatus.APPROVED,
            DocumentStatus.DRAFT,
            DocumentStatus.CANCELLED,
        },
        DocumentStatus.APPROVED: {DocumentStatus.CANCELLED},
        DocumentStatus.CANCELLED: set(),
    }

    kind = models.CharField(_("вид документа"), max_length=40, db_index=True)
    year = models.ForeignKey(
        "mentorship.ProgrammeYear",
        verbose_name=_("учебный год"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    title = models.CharField(_("заголовок"), max_length=500)
    status = models.CharField(
        _("статус"),
        max_length=16,
        choices=DocumentStatus.choices,
        default=DocumentStatus.DRAFT,
        db_index=True,
    )
    # What the curator chose and wrote; each kind reads its own keys.
    params = models.JSONField(_("параметры"), default=dict, blank=True)
    preamble = models.TextField(_("вводная часть"), blank=True)
    extra_items = models.TextField(
        _("дополнительные пункты"), blank=True, help_text=_("Каждый пункт с новой строки")
    )
    mentorships = models.ManyToManyField(
        "mentorship.Mentorship",
        verbose_name=_("пары и группы"),
        related_name="documents",
        blank=True,
    )
    event = models.ForeignKey(
        "roadmap.Event",
        verbose_name=_("мероприятие дорожной карты"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        help_text=_("Утверждённый документ отметит это мероприятие выполненным"),
    )
    register = models.ForeignKey(
        Register, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    number = models.CharField(_("номер"), max_length=40, blank=True, db_index=True)
    number_year = models.PositiveSmallIntegerField(null=True, blank=True)
    sequence = models.PositiveIntegerField(null=True, blank=True)
    approved_on = models.DateField(_("дата документа"), null=True, blank=True)
    approved_at = models.DateTimeField(_("утверждён"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("утвердил"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The built data, frozen at approval: the DOCX and any re-check read it, never the domain.
    data = models.JSONField(_("данные документа"), null=True, blank=True, editable=False)
    pdf = models.FileField(
        _("подписанный PDF"), upload_to=_pdf_path, storage=private_storage, blank=True
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    return_comment = models.TextField(_("замечания директора"), blank=True)
    cancel_reason = models.CharField(_("причина отмены"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("подготовил"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_public = models.BooleanField(
        _("на странице «Наставничество»"),
        default=False,
        help_text=_("Подписанный PDF можно скачать с публичной страницы без входа"),
    )

    class Meta:
        verbose_name = _("документ")
        verbose_name_plural = _("документы")
        ordering = ["-created_at", "-pk"]
        permissions = [("approve_document", _("Может утверждать документы"))]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "number_year", "sequence"],
                condition=Q(sequence__isnull=False),
                name="document_number_unique_per_register_year",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_on__isnull=False),
                name="document_approved_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self) -> str:
        number = f" № {self.number}" if self.number else ""
        return f"{self.kind_label}{number} «{self.title}»"

    def get_absolute_url(self) -> str:
        return reverse("reports:document-detail", args=[self.pk])

    def can_transition_to(self, status: str) -> bool:
        return status in self.ALLOWED_TRANSITIONS.get(self.status, set())

    @property
    def kind_label(self) -> str:
        from reports.documents import KINDS  # noqa: PLC0415

        kind = KINDS.get(self.kind)
        return str(kind.title) if kind else self.kind

    @property
    def is_editable(self) -> bool:
        return self.status == DocumentStatus.DRAFT

    @property
    def is_frozen(self) -> bool:
        return bool(self.sha256)

    @property
    def is_publishable(self) -> bool:
        """Approved (so not cancelled) and of a kind that may be shown to the public."""
        return self.status == DocumentStatus.APPROVED and self.kind in PUBLIC_DOCUMENT_KINDS


class DocumentTransition(models.Model):
    """One step of a document's workflow, with who made it and the comment."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, choices=DocumentStatus.choices)
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True)

    class Meta:
        verbose_name = _("шаг согласования")
        verbose_name_plural = _("история согласования")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.document_id}: {self.from_status} → {self.to_status}"


class PublicPage(TimeStampedModel):
    """The public page «Наставничество»: its text and the curator's contacts (one row)."""

    is_enabled = models.BooleanField(
        _("страница открыта"),
        default=False,
        help_text=_("Пока флажок снят, страница по адресу /nastavnichestvo/ не показывается"),
    )
    intro = models.TextField(
        _("о программе"),
        blank=True,
        help_text=_("Несколько абзацев: что такое наставничество в школе, для кого, зачем"),
    )
    contact_person = models.ForeignKey(
        "mentorship.Person",
        verbose_name=_("контактное лицо"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Имя покажется, только если у него есть согласие на публикацию ФИО"),
    )
    contact_email = models.EmailField(
        _("электронная почта для связи"),
        blank=True,
        help_text=_("Служебный адрес: он будет виден всем"),
    )
    contact_phone = models.CharField(
        _("телефон для связи"),
        max_length=50,
        blank=True,
        help_text=_("Служебный телефон: он будет виден всем"),
    )

    class Meta:
        verbose_name = _("страница «Наставничество»")
        verbose_name_plural = _("страница «Наставничество»")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="public_page_single_row")]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    def get_absolute_url(self) -> str:
        return reverse("public:page")


class ReportNote(TimeStampedModel):
    """The curator's own words in a monitoring report: conclusions, proposals (one per section)."""

    year = models.ForeignKey(
        "mentorship.ProgrammeYear",
        verbose_name=_("учебный год"),
        on_delete=models.CASCADE,
        related_name="report_notes",
    )
    report_code = models.SlugField(_("отчёт"), max_length=32)
    section = models.SlugField(_("раздел"), max_length=32)
    text = models.TextField(_("текст"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто написал"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("текст куратора в отчёте")
        verbose_name_plural = _("тексты куратора в отчётах")
        ordering = ["year", "report_code", "section"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "report_code", "section"], name="one_report_note_per_section"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.report_code} / {self.section}"


class ExportTemplate(TimeStampedModel):
    """The columns of an export, in the order the municipality asks for them (one per code)."""

    code = models.SlugField(_("код"), max_length=32, unique=True)
    title = models.CharField(_("название"), max_length=300)
    columns = models.JSONField(
        _("столбцы"), default=list, blank=True, help_text=_("Коды показателей по порядку")
    )

    class Meta:
        verbose_name = _("шаблон выгрузки")
        verbose_name_plural = _("шаблоны выгрузок")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title
