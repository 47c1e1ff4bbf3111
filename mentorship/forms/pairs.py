"""Forms of the pairs and matching pages."""

from __future__ import annotations

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorship.forms.people import DATE_WIDGET
from mentorship.models import (
    DeliveryFormat,
    MatchingSettings,
    MenteeProfile,
    MentoringForm,
    MentorProfile,
    Mentorship,
    MentorshipStatus,
    ProgrammeYear,
)
from mentorship.services.matching import WEIGHT_FIELDS


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


def _active_forms() -> QuerySet[MentoringForm]:
    return MentoringForm.objects.filter(is_active=True)


def _mentee_label(profile: MenteeProfile) -> str:
    person = profile.person
    return f"{person.full_name}, {person.department}" if person.department else person.full_name


class MatchingRunForm(forms.Form):
    form = forms.ModelChoiceField(
        label=_("Форма наставничества"), queryset=MentoringForm.objects.none()
    )
    group_size = forms.IntegerField(
        label=_("Наставляемых в группе"),
        required=False,
        min_value=2,
        max_value=30,
        help_text=_("Только для групповой формы"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = _active_forms()
        self.helper = _helper()
        self.helper.layout = Layout(Row(Column("form"), Column("group_size")))

    def clean(self) -> dict:
        cleaned = super().clean()
        form = cleaned.get("form")
        if form is not None and not form.is_group:
            cleaned["group_size"] = None
        elif form is not None and not cleaned.get("group_size"):
            self.add_error("group_size", _("Для групповой формы укажите размер группы."))
        return cleaned


class MatchingSettingsForm(forms.ModelForm):
    class Meta:
        model = MatchingSettings
        fields = WEIGHT_FIELDS

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.helper.layout = Layout(
            Row(Column("topics"), Column("department"), Column("subject")),
            Row(Column("experience"), Column("preference"), Column("mutual_bonus")),
            "min_score",
        )


class AcceptAboveForm(forms.Form):
    min_score = forms.IntegerField(label=_("Балл не ниже"), min_value=0, max_value=100)


class OverrideForm(forms.Form):
    """The reason to go over a mentor's limit of mentees, when the curator insists."""

    override_reason = forms.CharField(
        label=_("Почему сверх лимита"), required=False, max_length=300
    )

    def clean_override_reason(self) -> str:
        return " ".join(self.cleaned_data["override_reason"].split())


class SwapForm(OverrideForm):
    mentor = forms.IntegerField(widget=forms.HiddenInput)


class PairFilterForm(forms.Form):
    q = forms.CharField(label=_("Наставник или наставляемый"), required=False)
    year = forms.ModelChoiceField(
        label=_("Учебный год"),
        required=False,
        queryset=ProgrammeYear.objects.order_by("-start_date"),
        empty_label=_("все годы"),
    )
    form = forms.ModelChoiceField(
        label=_("Форма"),
        required=False,
        queryset=MentoringForm.objects.all(),
        empty_label=_("любая"),
    )
    status = forms.ChoiceField(
        label=_("Статус"),
        required=False,
        choices=[("", _("все"))] + list(MentorshipStatus.choices),
    )


class CandidateSearchForm(forms.Form):
    """Step one of manual pairing: whom, in which form, and which mentors to show."""

    mentee = forms.ModelChoiceField(
        label=_("Наставляемый"), queryset=MenteeProfile.objects.none(), empty_label=_("выберите")
    )
    form = forms.ModelChoiceField(
        label=_("Форма наставничества"),
        queryset=MentoringForm.objects.none(),
        required=False,
        empty_label=_("любая"),
    )
    q = forms.CharField(label=_("Поиск наставника по ФИО"), required=False)
    full = forms.BooleanField(label=_("показать и тех, у кого нет мест"), required=False)

    def __init__(self, *args, mentees: QuerySet[MenteeProfile], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentee"].queryset = mentees
        self.fields["mentee"].label_from_instance = _mentee_label
        self.fields["form"].queryset = _active_forms()


class PairCreateForm(OverrideForm):
    """Step two: the chosen mentor, the period and the goal of the pair or group."""

    mentee = forms.ModelChoiceField(queryset=MenteeProfile.objects.none(), widget=forms.HiddenInput)
    form = forms.ModelChoiceField(
        label=_("Форма наставничества"), queryset=MentoringForm.objects.none()
    )
    mentor = forms.ModelChoiceField(
        label=_("Наставник"),
        queryset=MentorProfile.objects.none(),
        error_messages={"required": _("Выберите наставника в списке.")},
    )
    start_date = forms.DateField(label=_("Начало"), widget=DATE_WIDGET)
    planned_end_date = forms.DateField(label=_("Плановое окончание"), widget=DATE_WIDGET)
    delivery_format = forms.ChoiceField(
        label=_("Формат"), choices=DeliveryFormat.choices, initial=DeliveryFormat.IN_PERSON
    )
    role_model = forms.CharField(label=_("Ролевая модель"), required=False, max_length=200)
    goal = forms.CharField(
        label=_("Цель"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        *args,
        mentees: QuerySet[MenteeProfile],
        mentors: QuerySet[MentorProfile],
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentee"].queryset = mentees
        self.fields["form"].queryset = _active_forms()
        self.fields["mentor"].queryset = mentors
        self.helper = _helper()
        self.helper.layout = Layout(
            Row(Column("form"), Column("delivery_format")),
            Row(Column("start_date"), Column("planned_end_date")),
            "role_model",
            "goal",
        )
        if (self.data.get("override_reason") or "").strip():
            self.ask_override()

    def ask_override(self) -> None:
        """Show the override reason: the mentor is full and the curator may insist."""
        if "override_reason" not in {p.name for p in self.helper.layout.get_field_names()}:
            self.helper.layout.append("override_reason")

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("planned_end_date")
        if start and end and end <= start:
            self.add_error("planned_end_date", _("Окончание должно быть позже начала."))
        return cleaned


class PairStatusForm(forms.Form):
    status = forms.ChoiceField(choices=MentorshipStatus.choices)
    note = forms.CharField(label=_("Комментарий"), required=False, max_length=500)


class EndEarlyForm(forms.Form):
    reason = forms.CharField(
        label=_("Причина досрочного завершения"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    on = forms.DateField(label=_("Дата завершения"), widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
        self.helper = _helper()

    def clean_reason(self) -> str:
        return " ".join(self.cleaned_data["reason"].split())

    def clean_on(self) -> datetime.date:
        day = self.cleaned_data["on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Дата завершения не может быть в будущем."))
        return day


class AddMenteeForm(OverrideForm):
    mentee = forms.ModelChoiceField(
        label=_("Наставляемый"), queryset=MenteeProfile.objects.none(), empty_label=_("выберите")
    )

    def __init__(self, *args, mentees: QuerySet[MenteeProfile], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentee"].queryset = mentees
        self.fields["mentee"].label_from_instance = _mentee_label
        self.fields["override_reason"].help_text = _("Только если у наставника нет мест")
        self.helper = _helper()


class SupportedForm(forms.Form):
    """Mark a waiting mentee as supported without a pair, with a note."""

    mentee = forms.ModelChoiceField(queryset=MenteeProfile.objects.none(), widget=forms.HiddenInput)
    note = forms.CharField(label=_("Заметка"), required=False, max_length=300)

    def __init__(self, *args, mentees: QuerySet[MenteeProfile], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentee"].queryset = mentees


class AgreementForm(forms.ModelForm):
    """The mentor's assignment under art. 351.8 ТК РФ, kept on the pair."""

    class Meta:
        model = Mentorship
        fields = [
            "mentor_consent_on",
            "agreement_number",
            "agreement_date",
            "payment_terms",
            "early_termination_on",
            "termination_notice_on",
        ]
        widgets = dict.fromkeys(
            (
                "mentor_consent_on",
                "agreement_date",
                "early_termination_on",
                "termination_notice_on",
            ),
            DATE_WIDGET,
        )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
