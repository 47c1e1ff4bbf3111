"""Forms of the questionnaire builder: the header of a questionnaire and one question."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Div, Fieldset, Layout, Row
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mentorship.models import MentoringForm, RequestWeight, Topic
from surveys.models import CHOICE_KINDS, Option, Question, QuestionKind, Questionnaire
from surveys.services_builder import QUESTION_FIELDS, OptionData, question_errors


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True  # includes/_form.html already puts the token in the form
    return helper


class QuestionnaireForm(forms.ModelForm):
    class Meta:
        model = Questionnaire
        fields = ["title", "purpose", "audience", "form", "description", "is_archived"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "is_archived": _("Анкета из архива не показывается в списке, её ответы сохраняются"),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["is_archived"]
        self.fields["form"].queryset = MentoringForm.objects.filter(is_active=True)
        self.helper = _helper()
        self.helper.layout = Layout(
            "title",
            Row(Column("purpose"), Column("audience")),
            "form",
            "description",
            *(["is_archived"] if "is_archived" in self.fields else []),
        )

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())


WEIGHT_CHOICES = [("", "—")] + [
    (str(value), f"{value} — {label}") for value, label in RequestWeight.choices
]


class QuestionForm(forms.ModelForm):
    """A question with its options typed one per line; topics and weights of the saved
    options are set below them."""

    options = forms.CharField(
        label=_("Варианты ответа"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "По одному на строке, в том порядке, в каком их увидит отвечающий. "
            "Тему и вес нового варианта можно выбрать после сохранения."
        ),
    )

    class Meta:
        model = Question
        fields = list(QUESTION_FIELDS)
        widgets = {
            "kind": forms.Select(attrs={"data-kind-switch": ""}),
            "text": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "scale_min": _("От"),
            "scale_max": _("До"),
            "max_choices": _("Сколько можно выбрать"),
        }
        help_texts = {
            "scale_min": _("Для числа — наименьшее допустимое значение (необязательно)"),
            "scale_max": _("Для числа — наибольшее допустимое значение (необязательно)"),
            "max_choices": _(
                "Для выбора людей по порядку — сколько мест (от 1 до 5, обычно 3); "
                "для нескольких вариантов — ограничение (необязательно)"
            ),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._topics: dict[int, Topic] = {}
        self.saved_options: list[Option] = (
            list(self.instance.options.all()) if self.instance.pk else []
        )
        if self.instance.pk is None:
            self.initial.setdefault("kind", QuestionKind.SINGLE)
            self.initial.setdefault("scale_min", 1)
            self.initial.setdefault("scale_max", 5)
        else:
            self.initial["options"] = "\n".join(option.text for option in self.saved_options)
        self.fields["topic"].queryset = Topic.objects.filter(
            Q(is_active=True) | Q(pk=self.instance.topic_id)
        )
        option_rows = self._add_option_fields() if self.saved_options else []
        choice_kinds = " ".join(CHOICE_KINDS)
        self.helper = _helper()
        self.helper.layout = Layout(
            "kind",
            "text",
            "help_text",
            "required",
            Div("options", data_for_kinds=choice_kinds),
            Div(
                Fieldset(
                    _("Темы и веса вариантов (для записи ответов в базы, необязательно)"),
                    *option_rows,
                ),
                data_for_kinds=choice_kinds,
            )
            if option_rows
            else HTML(""),
            Div("max_choices", data_for_kinds=f"{QuestionKind.MULTIPLE} {QuestionKind.RANKING}"),
            Div(
                Row(Column("scale_min"), Column("scale_max")),
                data_for_kinds=f"{QuestionKind.SCALE} {QuestionKind.NUMBER}",
            ),
            Div(
                Row(Column("scale_min_label"), Column("scale_max_label")),
                data_for_kinds=QuestionKind.SCALE,
            ),
            Fieldset(
                _("Запись ответа в базы (необязательно)"), Row(Column("topic"), Column("code"))
            ),
        )

    def _add_option_fields(self) -> list[Row]:
        """A topic and a weight for each saved option, under the option's text."""
        # One query for all the rows: a ModelChoiceField per row would query once per row.
        self._topics = {topic.pk: topic for topic in Topic.objects.order_by("-is_active", "title")}
        choices = [("", "—")] + [
            (str(pk), topic.title if topic.is_active else f"{topic.title} (не используется)")
            for pk, topic in self._topics.items()
        ]
        rows = []
        for option in self.saved_options:
            topic_name, weight_name = f"option_{option.pk}_topic", f"option_{option.pk}_weight"
            self.fields[topic_name] = forms.TypedChoiceField(
                label=_("«%(text)s»: тема") % {"text": option.text},
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=option.topic_id,
            )
            self.fields[weight_name] = forms.TypedChoiceField(
                label=_("вес"),
                choices=WEIGHT_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                initial=option.weight,
            )
            rows.append(Row(Column(topic_name, css_class="col-md-8"), Column(weight_name)))
        return rows

    def clean_text(self) -> str:
        return self.cleaned_data["text"].strip()

    def clean_options(self) -> list[str]:
        return [
            " ".join(line.split())
            for line in self.cleaned_data["options"].splitlines()
            if line.strip()
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "kind" in cleaned and "options" in cleaned:
            errors = question_errors(
                kind=cleaned["kind"],
                scale_min=cleaned.get("scale_min"),
                scale_max=cleaned.get("scale_max"),
                max_choices=cleaned.get("max_choices"),
                option_texts=cleaned["options"],
            )
            for name, message in errors.items():
                if name not in self.errors:
                    self.add_error(name, message)
        return cleaned

    def question_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in QUESTION_FIELDS}

    def option_data(self) -> list[OptionData]:
        """The typed lines, each matched to a saved option so that its code and topic stay:
        the same text first, else a renamed line in the same place."""
        texts: list[str] = self.cleaned_data.get("options") or []
        saved = self.saved_options
        matched: dict[int, Option] = {}
        used: set[int] = set()
        for index, text in enumerate(texts):
            option = next((o for o in saved if o.text == text and o.pk not in used), None)
            if option is not None:
                matched[index] = option
                used.add(option.pk)
        for index, _text in enumerate(texts):
            if (
                index not in matched
                and index < len(saved)
                and saved[index].pk not in used
                and saved[index].text not in texts
            ):
                matched[index] = saved[index]
                used.add(saved[index].pk)
        result = []
        for index, text in enumerate(texts):
            option = matched.get(index)
            if option is None:
                result.append(OptionData(text=text))
                continue
            topic_pk = self.cleaned_data.get(f"option_{option.pk}_topic")
            result.append(
                OptionData(
                    text=text,
                    topic=self._topics.get(topic_pk) if topic_pk else None,
                    weight=self.cleaned_data.get(f"option_{option.pk}_weight"),
                    pk=option.pk,
                )
            )
        return result


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "вверх"), ("down", "вниз")])
