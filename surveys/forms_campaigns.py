"""Forms of the campaign pages: a new campaign and whom to invite."""

from __future__ import annotations

from crispy_forms.bootstrap import InlineCheckboxes
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from mentorship.models import MenteeStatus, Mentorship, MentorStatus, PersonKind, ProgrammeYear
from mentorship.roles import ROLES
from mentorship.services.pairs import OPEN_STATUSES
from surveys.models import Moment, Questionnaire
from surveys.services_campaigns import BANK_MENTEES, BANK_MENTORS, AudienceSpec

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class CampaignForm(forms.Form):
    questionnaire = forms.ModelChoiceField(
        label=_("Анкета"),
        queryset=Questionnaire.objects.filter(is_archived=False, next_version__isnull=True),
    )
    title = forms.CharField(
        label=_("Название опроса"),
        max_length=300,
        help_text=_("Например: «Входное анкетирование наставляемых, сентябрь»"),
    )
    starts_on = forms.DateField(label=_("Начало"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Ответить до (включительно)"), widget=DATE_WIDGET)
    moment = forms.ChoiceField(label=_("Когда проводится"), choices=Moment.choices, required=False)
    year = forms.ModelChoiceField(
        label=_("Учебный год"),
        queryset=ProgrammeYear.objects.all(),
        required=False,
        empty_label=_("текущий"),
    )
    audience_note = forms.CharField(
        label=_("Кого опрашиваем"),
        max_length=300,
        required=False,
        help_text=_("Если оставить пустым, заполнится при первом приглашении"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.helper.layout = Layout(
            "questionnaire",
            "title",
            Row(
                Column("starts_on", css_class="col-md-4"),
                Column("ends_on", css_class="col-md-4"),
                Column("moment", css_class="col-md-4"),
            ),
            Row(
                Column("year", css_class="col-md-4"), Column("audience_note", css_class="col-md-8")
            ),
        )

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean(self) -> dict:
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("Опрос должен заканчиваться не раньше, чем начинается."))
        return cleaned


def _bank_choices() -> list:
    return [
        ("", "—"),
        (
            _("База наставляемых"),
            [(BANK_MENTEES, _("все наставляемые"))]
            + [(f"{BANK_MENTEES}:{value}", label) for value, label in MenteeStatus.choices],
        ),
        (
            _("База наставников"),
            [(BANK_MENTORS, _("все наставники"))]
            + [(f"{BANK_MENTORS}:{value}", label) for value, label in MentorStatus.choices],
        ),
    ]


class InviteForm(forms.Form):
    """Whom to invite; every filled condition narrows the audience."""

    roles = forms.MultipleChoiceField(
        label=_("Роль"),
        choices=[(role.code, role.group) for role in ROLES.values()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Те, у кого есть вход с этой ролью"),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Категория"),
        choices=PersonKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    departments = forms.MultipleChoiceField(
        label=_("Классы и методобъединения"),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    bank = forms.ChoiceField(label=_("База"), choices=_bank_choices, required=False)
    pairs = forms.ModelMultipleChoiceField(
        label=_("Участники пар и групп"),
        queryset=Mentorship.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        required=False,
        help_text=_("Наставник и наставляемые выбранных пар и групп текущего года"),
    )

    def __init__(self, *args, departments: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["departments"].choices = [(name, name) for name in departments]
        self.fields["pairs"].queryset = (
            Mentorship.objects.filter(status__in=OPEN_STATUSES)
            .select_related("form", "mentor__person")
            .order_by("mentor__person__search_key")
        )
        self.helper = _helper()
        self.helper.layout = Layout(
            InlineCheckboxes("roles"),
            InlineCheckboxes("kinds"),
            InlineCheckboxes("departments"),
            "bank",
            "pairs",
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        if not any(
            cleaned.get(name) for name in ("roles", "kinds", "departments", "bank", "pairs")
        ):
            raise forms.ValidationError(
                _("Отметьте, кого пригласить: роль, категорию, классы, базу или пары и группы.")
            )
        return cleaned

    def audience(self) -> AudienceSpec:
        bank, _sep, status = self.cleaned_data["bank"].partition(":")
        return AudienceSpec(
            roles=tuple(self.cleaned_data["roles"]),
            kinds=tuple(self.cleaned_data["kinds"]),
            departments=tuple(self.cleaned_data["departments"]),
            bank=bank,
            bank_status=status,
            pairs=tuple(pair.pk for pair in self.cleaned_data["pairs"]),
        )
