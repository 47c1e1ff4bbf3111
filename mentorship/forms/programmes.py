"""Forms of the personalised programme pages."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from mentorship.forms.people import DATE_WIDGET
from mentorship.models import PersonalProgramme, ProgrammeItem, ProgrammeTemplate


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class TemplateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ProgrammeTemplate) -> str:
        count = len(obj.items) if isinstance(obj.items, list) else 0
        return f"{obj.title} — пунктов: {count}"


class ProgrammeCreateForm(forms.Form):
    """Choose a template, or none to start with an empty programme."""

    template = TemplateChoiceField(
        label=_("Шаблон программы"),
        queryset=ProgrammeTemplate.objects.all(),
        required=False,
        blank=True,
        empty_label=_("Без шаблона: начать с пустой программы"),
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, templates: list[ProgrammeTemplate], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["template"]
        # Keep the order the page wants (the pair's form first, an empty start last) and
        # avoid a second query.
        field.choices = [
            (template.pk, field.label_from_instance(template)) for template in templates
        ] + [("", field.empty_label)]
        self.helper = _helper()


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = PersonalProgramme
        fields = ["title", "goals", "development_plan"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "goals": forms.Textarea(attrs={"rows": 5}),
            "development_plan": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {
            "development_plan": _(
                "Что наставляемый хочет развить, какими шагами и к какому сроку; "
                "составляется вместе с наставляемым."
            ),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())


class ProgrammeItemForm(forms.ModelForm):
    class Meta:
        model = ProgrammeItem
        fields = ["kind", "title", "due_date", "expected_result", "done_on"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "due_date": DATE_WIDGET,
            "done_on": DATE_WIDGET,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.helper.layout = Layout(
            "kind",
            "title",
            Row(Column("due_date", css_class="col-sm-6"), Column("done_on", css_class="col-sm-6")),
            "expected_result",
        )

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean_expected_result(self) -> str:
        return self.cleaned_data["expected_result"].strip()
