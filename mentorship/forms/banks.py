from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mentorship.forms.people import DATE_WIDGET
from mentorship.models import (
    MenteeCategory,
    MenteeProfile,
    MenteeStatus,
    MentoringForm,
    MentorProfile,
    MentorStatus,
    RequestWeight,
    Topic,
    TrainingRecord,
)
from mentorship.services.banks import MENTEE_FIELDS, MENTOR_FIELDS, TRAINING_FIELDS


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


WEIGHT_CHOICES = [("", "—")] + [(str(value), label) for value, label in RequestWeight.choices]


class MenteeProfileForm(forms.ModelForm):
    """The entry and its weighted requests: one weight selector per topic."""

    class Meta:
        model = MenteeProfile
        fields = MENTEE_FIELDS
        widgets = {
            "request_text": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, topics: QuerySet[Topic], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.topics = list(topics)
        current = {}
        if self.instance.pk:
            current = {r.topic_id: r.weight for r in self.instance.requests.all()}
        for topic in self.topics:
            self.fields[f"topic_{topic.pk}"] = forms.TypedChoiceField(
                label=topic.title,
                choices=WEIGHT_CHOICES,
                required=False,
                coerce=int,
                empty_value=None,
                initial=current.get(topic.pk),
            )
        self.helper = _helper()
        self.helper.layout = Layout("category", "request_text", "notes")

    def topic_fields(self) -> list[forms.BoundField]:
        return [self[f"topic_{topic.pk}"] for topic in self.topics]

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.requests() and not (cleaned.get("request_text") or "").strip():
            raise forms.ValidationError(
                _("Отметьте хотя бы одну тему запроса или опишите запрос своими словами.")
            )
        return cleaned

    def requests(self) -> list[tuple[Topic, int]]:
        return [
            (topic, self.cleaned_data[f"topic_{topic.pk}"])
            for topic in self.topics
            if self.cleaned_data.get(f"topic_{topic.pk}")
        ]


class MentorProfileForm(forms.ModelForm):
    topics = forms.ModelMultipleChoiceField(
        label=_("Чем может помочь"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    preferred_forms = forms.ModelMultipleChoiceField(
        label=_("Предпочитаемые формы наставничества"),
        queryset=MentoringForm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = MentorProfile
        fields = MENTOR_FIELDS
        widgets = {
            "offer_text": forms.Textarea(attrs={"rows": 3}),
            "interview_notes": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, topics: QuerySet[Topic], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = topics
        self.fields["preferred_forms"].queryset = MentoringForm.objects.filter(is_active=True)
        if self.instance.pk:
            self.fields["topics"].initial = list(self.instance.topics.all())
            self.fields["preferred_forms"].initial = list(self.instance.forms.all())
        self.helper = _helper()
        self.helper.layout = Layout(
            "capacity", "topics", "preferred_forms", "offer_text", "interview_notes", "notes"
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Новый статус"))
    note = forms.CharField(label=_("Комментарий"), required=False, max_length=300)

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = choices
        self.helper = _helper()
        self.helper.layout = Layout(Row(Column("status"), Column("note")))


class TrainingRecordForm(forms.ModelForm):
    class Meta:
        model = TrainingRecord
        fields = TRAINING_FIELDS
        widgets = {"date": DATE_WIDGET}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.helper.layout = Layout(
            Row(Column("date"), Column("hours")),
            "course",
            Row(Column("organisation"), Column("certificate")),
        )


class MenteeFilterForm(forms.Form):
    q = forms.CharField(label=_("Поиск по ФИО"), required=False)
    status = forms.ChoiceField(
        label=_("Статус"), required=False, choices=[("", _("все"))] + list(MenteeStatus.choices)
    )
    category = forms.ChoiceField(
        label=_("Категория"),
        required=False,
        choices=[("", _("все"))] + list(MenteeCategory.choices),
    )
    department = forms.CharField(label=_("МО или класс"), required=False)
    topic = forms.ModelChoiceField(
        label=_("Тема запроса"),
        required=False,
        queryset=Topic.objects.filter(is_active=True),
        empty_label=_("любая"),
    )
    young = forms.BooleanField(label=_("только молодые специалисты"), required=False)


class MentorFilterForm(forms.Form):
    q = forms.CharField(label=_("Поиск по ФИО"), required=False)
    status = forms.ChoiceField(
        label=_("Статус"), required=False, choices=[("", _("все"))] + list(MentorStatus.choices)
    )
    department = forms.CharField(label=_("МО или класс"), required=False)
    topic = forms.ModelChoiceField(
        label=_("Чем может помочь"),
        required=False,
        queryset=Topic.objects.filter(is_active=True),
        empty_label=_("любая тема"),
    )
    form = forms.ModelChoiceField(
        label=_("Форма наставничества"),
        required=False,
        queryset=MentoringForm.objects.filter(is_active=True),
        empty_label=_("любая"),
    )


class TopicForm(forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["title", "code", "audience", "description", "order", "is_active"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class MentoringFormForm(forms.ModelForm):
    class Meta:
        model = MentoringForm
        fields = [
            "title",
            "code",
            "audience",
            "is_group",
            "description",
            "role_models",
            "order",
            "is_active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "role_models": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()
