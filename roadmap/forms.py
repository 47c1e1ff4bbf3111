from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from mentorship.models import Person, PersonKind
from mentorship.validators import validate_scan
from roadmap.models import Event, EventStatus, RoadmapTemplate, Stage
from roadmap.services import EVENT_FIELDS


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class RoadmapCreateForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Основа"),
        queryset=RoadmapTemplate.objects.all(),
        required=False,
        empty_label=_("пустая карта — заполню сам или загружу файл"),
        widget=forms.RadioSelect,
    )
    title = forms.CharField(
        label=_("Заголовок пустой карты"),
        required=False,
        max_length=500,
        help_text=_("Для карты из шаблона заголовок составится сам"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class StageForm(forms.ModelForm):
    class Meta:
        model = Stage
        fields = ["number", "title", "task"]
        widgets = {"task": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.helper.layout = Layout(
            Row(Column("number", css_class="col-3"), Column("title")), "task"
        )


class EventForm(forms.ModelForm):
    stage = forms.ModelChoiceField(label=_("Этап"), queryset=Stage.objects.none())
    responsible_people = forms.ModelMultipleChoiceField(
        label=_("Ответственные сотрудники"),
        required=False,
        queryset=Person.objects.filter(kind=PersonKind.STAFF, anonymised_at__isnull=True),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Удерживайте Ctrl, чтобы выбрать нескольких"),
    )

    class Meta:
        model = Event
        fields = EVENT_FIELDS
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "details": forms.Textarea(attrs={"rows": 2}),
            "expected_result": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, roadmap, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = roadmap.stages.order_by("number")
        if self.instance.pk:
            self.fields["stage"].initial = self.instance.stage_id
            self.fields["responsible_people"].initial = list(self.instance.responsible_people.all())
        self.fields["order"].required = False
        self.helper = _helper()
        self.helper.layout = Layout(
            Row(
                Column("stage"),
                Column("number", css_class="col-md-2"),
                Column("order", css_class="col-md-2"),
            ),
            "title",
            "details",
            Row(Column("responsible_people"), Column("responsible_text")),
            "deadline_phrase",
            Row(Column("expected_result"), Column("document_kind")),
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Статус"), choices=EventStatus.choices)


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Файл"),
        required=False,
        help_text=_("PDF, JPEG или PNG, до 10 МБ"),
        validators=[validate_scan],
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    link = forms.URLField(
        label=_("Ссылка"),
        required=False,
        assume_scheme="https",
        help_text=_("Например: страница раздела «Наставничество» на сайте"),
    )
    note = forms.CharField(
        label=_("Чем подтверждено"),
        required=False,
        max_length=300,
        help_text=_("Например: протокол № 1 от 30.08.2026"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class RoadmapFilterForm(forms.Form):
    responsible = forms.ModelChoiceField(
        label=_("Ответственный"),
        required=False,
        empty_label=_("все"),
        queryset=Person.objects.filter(roadmap_events__isnull=False).distinct(),
    )
    month = forms.BooleanField(label=_("только этот месяц"), required=False)
    overdue = forms.BooleanField(label=_("только просроченные"), required=False)
