"""Forms of the year-closing wizard: a decision per pair, graduates to invite, the next year."""

from __future__ import annotations

import re
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from mentorship.models import ProgrammeYear
from reports.closing import Choice, Graduate, PairFacts
from roadmap.models import RoadmapTemplate

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YEAR_TITLE = re.compile(r"^(\d{4})/(\d{4})$")


class PairChoicesForm(forms.Form):
    """Step 1: finish, carry over or end early, for every open pair and group of the year."""

    def __init__(
        self,
        *args: Any,
        pairs: tuple[PairFacts, ...],
        choices: dict[int, str] | None = None,
        reasons: dict[int, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.pairs = pairs
        choices, reasons = choices or {}, reasons or {}
        for pair in pairs:
            options = [c for c in Choice if c != Choice.FINISH or pair.can_finish]
            self.fields[f"choice_{pair.pk}"] = forms.ChoiceField(
                label=_("Решение"),
                choices=[(c.value, c.label) for c in options],
                initial=choices.get(pair.pk, pair.default_choice),
                widget=forms.RadioSelect,
            )
            self.fields[f"reason_{pair.pk}"] = forms.CharField(
                label=_("Причина досрочного закрытия"),
                max_length=500,
                required=False,
                initial=reasons.get(pair.pk, ""),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for pair in self.pairs:
            if (
                cleaned.get(f"choice_{pair.pk}") == Choice.END_EARLY
                and not cleaned.get(f"reason_{pair.pk}", "").strip()
            ):
                self.add_error(f"reason_{pair.pk}", _("Укажите причину досрочного закрытия."))
        return cleaned

    def rows(self) -> list[tuple[PairFacts, forms.BoundField, forms.BoundField]]:
        return [(pair, self[f"choice_{pair.pk}"], self[f"reason_{pair.pk}"]) for pair in self.pairs]

    def decisions(self) -> tuple[dict[int, str], dict[int, str]]:
        choices = {pair.pk: self.cleaned_data[f"choice_{pair.pk}"] for pair in self.pairs}
        reasons = {
            pair.pk: self.cleaned_data[f"reason_{pair.pk}"].strip()
            for pair in self.pairs
            if choices[pair.pk] == Choice.END_EARLY
        }
        return choices, reasons


class GraduatesForm(forms.Form):
    """Step 2: which of the good graduates enter the mentor bank as candidates."""

    people = forms.TypedMultipleChoiceField(
        label=_("Внести в базу наставников"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, graduates: list[Graduate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.graduates = graduates
        self.fields["people"].choices = [
            (row.person_id, row.name) for row in graduates if not row.blocker
        ]

    def rows(self) -> list[tuple[Graduate, bool]]:
        chosen = {str(value) for value in (self["people"].value() or [])}
        return [(row, str(row.person_id) in chosen) for row in self.graduates]


class NextYearForm(forms.Form):
    """Step 3: the next year, its roadmap, and the banks that go on unchanged."""

    title = forms.CharField(
        label=_("Новый учебный год"), max_length=9, help_text=_("В виде 2027/2028")
    )
    start_date = forms.DateField(label=_("Начало"), widget=DATE)
    end_date = forms.DateField(label=_("Окончание"), widget=DATE)
    template = forms.ModelChoiceField(
        label=_("Дорожная карта нового года"),
        queryset=RoadmapTemplate.objects.all(),
        required=False,
        empty_label=_("не создавать сейчас — составлю или загружу позже"),
    )
    banks_confirmed = forms.BooleanField(
        label=_(
            "Базы наставников и наставляемых переходят в новый год как есть: "
            "они не привязаны к году"
        ),
        required=True,
    )

    def __init__(self, *args: Any, year: ProgrammeYear, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.year = year
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(
                Column("title", css_class="col-12 col-md-4"),
                Column("start_date", css_class="col-6 col-md-4"),
                Column("end_date", css_class="col-6 col-md-4"),
            ),
            "template",
            "banks_confirmed",
        )

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        match = YEAR_TITLE.match(title)
        if not match or int(match[2]) != int(match[1]) + 1:
            raise forms.ValidationError(_("Укажите учебный год в виде «2027/2028»."))
        if title == self.year.title:
            raise forms.ValidationError(_("Это закрываемый год: укажите следующий."))
        return title

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", _("Год должен заканчиваться позже, чем начинается."))
        if start and start <= self.year.start_date:
            self.add_error("start_date", _("Новый год должен начинаться позже закрываемого."))
        return cleaned
