"""Forms of the concerns pages and of the «подходим ли мы» block."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mentorship.models import ConcernTopic, ConcernUrgency, FitAnswer, Mentorship


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


def _text(value: str) -> str:
    # Keep the author's paragraphs, drop trailing spaces and runs of blank lines.
    lines = [line.rstrip() for line in value.strip().splitlines()]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept)


class PairChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Mentorship) -> str:
        return f"{obj.form} ({obj.year.title}): наставник {obj.mentor.person.short_name}"


class ConcernForm(forms.Form):
    topic = forms.ChoiceField(
        label=_("Тема"), choices=[("", _("выберите тему")), *ConcernTopic.choices]
    )
    urgency = forms.ChoiceField(
        label=_("Срочность"),
        choices=ConcernUrgency.choices,
        initial=ConcernUrgency.NORMAL,
        widget=forms.RadioSelect,
        help_text=_("«Срочно» — куратор сразу получит письмо"),
    )
    text = forms.CharField(
        label=_("Что случилось"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    mentorship = PairChoiceField(
        label=_("Пара или группа"),
        queryset=Mentorship.objects.none(),
        required=False,
        empty_label=_("не указывать"),
    )

    def __init__(self, *args, pairs: QuerySet[Mentorship], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentorship"].queryset = pairs.select_related("year", "form", "mentor__person")
        if not pairs.exists():
            del self.fields["mentorship"]
        self.helper = _helper()
        layout = [Row(Column("topic"), Column("urgency")), "text"]
        if "mentorship" in self.fields:
            layout.append("mentorship")
        self.helper.layout = Layout(*layout)

    def clean_text(self) -> str:
        text = _text(self.cleaned_data["text"])
        if not text:
            raise forms.ValidationError(_("Опишите, что случилось."))
        return text


class ConcernResolveForm(forms.Form):
    resolution = forms.CharField(
        label=_("Что сделано"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Автор обращения увидит этот ответ"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_resolution(self) -> str:
        text = _text(self.cleaned_data["resolution"])
        if not text:
            raise forms.ValidationError(_("Напишите, что сделано."))
        return text


class ConcernFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Состояние"),
        required=False,
        choices=[("", _("все")), ("open", _("открытые")), ("resolved", _("решённые"))],
    )
    urgency = forms.ChoiceField(
        label=_("Срочность"), required=False, choices=[("", _("любая")), *ConcernUrgency.choices]
    )
    topic = forms.ChoiceField(
        label=_("Тема"), required=False, choices=[("", _("любая")), *ConcernTopic.choices]
    )
    q = forms.CharField(label=_("Кто обратился"), required=False)


class FitAnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Ответ"), choices=FitAnswer.choices)
    comment = forms.CharField(label=_("Комментарий"), max_length=500, required=False)

    def clean_comment(self) -> str:
        return " ".join(self.cleaned_data["comment"].split())
