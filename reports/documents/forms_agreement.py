"""The parameters of the supplementary agreement on mentoring (ТК РФ ст. 351.8)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mentorship.models import Mentorship, MentorshipStatus
from reports.documents.forms import DATE, KindForm

OPEN_STATUSES = (MentorshipStatus.DRAFT, MentorshipStatus.APPROVED, MentorshipStatus.ACTIVE)


class MentorshipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Mentorship) -> str:
        return f"{obj.mentor.person.full_name} — {obj.form.title} ({obj.get_status_display()})"


class AgreementForm(KindForm):
    mentorship = MentorshipChoiceField(
        label=_("Наставническая пара (группа)"),
        queryset=Mentorship.objects.none(),
        help_text=_("Соглашение заключается с наставником этой пары или группы"),
    )
    contract_number = forms.CharField(label=_("Трудовой договор №"), max_length=40)
    contract_date = forms.DateField(label=_("Трудовой договор от"), widget=DATE)
    consent_date = forms.DateField(
        label=_("Дата письменного согласия работника"),
        widget=DATE,
        help_text=_("Согласие на выполнение работы по наставничеству (ст. 351.8 ТК РФ)"),
    )
    payment = forms.CharField(
        label=_("Оплата"),
        max_length=300,
        help_text=_("Например: доплата в размере 3 000 рублей в месяц"),
    )
    start_date = forms.DateField(
        label=_("Наставничество с"),
        widget=DATE,
        required=False,
        help_text=_("Если не указано — дата начала работы пары"),
    )
    end_date = forms.DateField(
        label=_("Наставничество по"),
        widget=DATE,
        required=False,
        help_text=_("Если не указано — плановое окончание работы пары"),
    )
    field_order = [
        "mentorship",
        "contract_number",
        "contract_date",
        "consent_date",
        "payment",
        "start_date",
        "end_date",
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["control_person"]
        queryset = Mentorship.objects.filter(status__in=OPEN_STATUSES).select_related(
            "mentor__person", "form"
        )
        if self.year:
            queryset = queryset.filter(year=self.year)
        self.fields["mentorship"].queryset = queryset.order_by("mentor__person__search_key", "pk")

    def clean(self) -> dict:
        data = super().clean()
        mentorship = data.get("mentorship")
        if mentorship is not None:
            if not data.get("start_date"):
                data["start_date"] = mentorship.start_date
            if not data.get("end_date"):
                data["end_date"] = mentorship.planned_end_date
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Окончание не может быть раньше начала."))
        contract, consent = data.get("contract_date"), data.get("consent_date")
        if contract and consent and consent < contract:
            self.add_error(
                "consent_date",
                _("Согласие на наставничество не может быть раньше трудового договора."),
            )
        return data
